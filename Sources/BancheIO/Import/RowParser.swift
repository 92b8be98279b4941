import BancheCore

/// Parses the rows of one import file into domain values, collecting every problem.
///
/// Pure: takes the table, what the store already holds and today's date; returns values or
/// issues. Nothing is written unless the issue list is empty (the caller's transaction).
public struct RowParser {
    public let kind: ImportKind
    /// The table as read; `parse` drops title rows above the header and blank rows.
    public private(set) var table: CSVTable
    /// When true, IDs already in the store are updated instead of refused.
    public let replace: Bool
    public let today: CivilDate
    public let zone: ZoneOffset
    public private(set) var issues: [ImportIssue] = []
    /// What was tolerated and not imported (title rows, ignored columns), for the summary.
    public internal(set) var notes: [String] = []
    var known: KnownRecords
    var columnIndex: [String: Int] = [:]
    /// Keys already seen in this file (ids, plates, resident IDs) → line.
    var seenInFileMap: [String: Int] = [:]
    /// The ids claimed in this file (`claim`) and the resident IDs seen in it → line.
    var seenIDs: [String: Int] = [:], seenRIDs: [String: Int] = [:]
    /// Stops given by name or in another case, resolved to their id: column → (as written → id).
    var resolvedStops: [String: [String: String]] = [:]
    /// Problems that do not refuse the file (a township outside the imported list), for the summary.
    public internal(set) var warnings: [String] = []

    public init(kind: ImportKind, table: CSVTable, known: KnownRecords, replace: Bool, today: CivilDate, zone: ZoneOffset = .china) {
        self.kind = kind; self.table = table; self.known = known; self.replace = replace; self.today = today; self.zone = zone
    }

    /// Parses every row. `known` comes back extended by this file's records so a batch of
    /// files can be checked in dependency order.
    public mutating func parse() -> (ImportRows, KnownRecords) {
        parse(chunk: .max) { _ in }
    }

    /// How many workers `parse(chunk:emit:)` handed to `emit`; the caller hands over the rest
    /// once the file is whole and without problems.
    public private(set) var emitted = 0

    /// The same, handing workers to `emit` in chunks of `chunk` as they are parsed, while no
    /// problem has been found.
    public mutating func parse(chunk: Int, emit: (ArraySlice<Worker>) throws -> Void) rethrows -> (ImportRows, KnownRecords) {
        locateHeader()
        mapHeader()
        guard issues.isEmpty else { return (empty, known) }
        seenIDs.reserveCapacity(table.rows.count)
        if kind == .workers {
            seenRIDs.reserveCapacity(table.rows.count)
            known.workers.reserveCapacity(known.workers.count + table.rows.count)
            known.workerResidentIDs.reserveCapacity(known.workerResidentIDs.count + table.rows.count)
        }
        defer { noteResolvedStops() }
        switch kind {
        case .divisions: return (.divisions(table.rows.compactMap { parseDivision($0) }), known)
        case .stops: return (.stops(table.rows.compactMap { parseStop($0) }), known)
        case .legs: return (.legs(table.rows.compactMap { parseLeg($0) }), known)
        case .routes: return (.routes(table.rows.compactMap { parseRoute($0) }), known)
        case .buses: return (.buses(table.rows.compactMap { parseBus($0) }), known)
        case .drivers: return (.drivers(table.rows.compactMap { parseDriver($0) }), known)
        case .workers:
            // Sized up front: growing a million-worker array by doubling would copy it at its peak.
            var workers: [Worker] = []
            workers.reserveCapacity(table.rows.count)
            for row in table.rows {
                guard let w = parseWorker(row) else { continue }
                workers.append(w)
                if workers.count - emitted >= chunk && issues.isEmpty {
                    try emit(workers[emitted...])
                    emitted = workers.count
                }
            }
            checkHouseholds(workers)
            return (.workers(workers), known)
        }
    }

    var empty: ImportRows {
        switch kind {
        case .divisions: .divisions([])
        case .stops: .stops([]); case .legs: .legs([]); case .routes: .routes([])
        case .buses: .buses([]); case .drivers: .drivers([]); case .workers: .workers([])
        }
    }

    /// Members of a household travel together: one direction, overlapping date windows.
    mutating func checkHouseholds(_ workers: [Worker]) {
        var first: [String: Int] = [:] // household → index of its first member (no Worker copies)
        var linesByID: [String: Int]? = nil // built only when a problem is found
        func lineOf(_ w: Worker) -> Int {
            if linesByID == nil { linesByID = Dictionary(table.rows.map { (cell($0, "worker_id"), $0.line) }, uniquingKeysWith: { a, _ in a }) }
            return linesByID![w.id] ?? 0
        }
        for (i, w) in workers.enumerated() {
            guard let h = w.household else { continue }
            guard let leadIndex = first[h] else { first[h] = i; continue }
            let lead = workers[leadIndex]
            if lead.direction == w.direction && lead.window.intersection(w.window) != nil { continue }
            let line = lineOf(w), leadLine = lineOf(lead)
            if lead.direction != w.direction {
                issue(line: line, column: col("direction"), "household \(echo(h)) travels \(lead.direction.rawValue) on line \(leadLine) but \(w.direction.rawValue) here; one household rides one bus")
            } else if lead.window.intersection(w.window) == nil {
                issue(line: line, column: col("earliest_date"), "household \(echo(h)): dates \(w.window) share no day with \(lead.window) on line \(leadLine); one household rides one bus")
            }
        }
    }

    // MARK: header

    /// Finds the header below title rows: when the first row names fewer than two known
    /// columns and one of the next nine names two or more, that row is the header and the
    /// rows above it are skipped (and named in `notes`). Rows with no text are dropped.
    mutating func locateHeader() {
        let kind = kind
        let (t, skipped) = table.locatingHeader { kind.column(forHeader: $0) != nil }
        table = t
        if let s = skipped {
            notes.append("\(table.file): skipped \(s.count == 1 ? "title row \(s.lowerBound)" : "title rows \(s.lowerBound)–\(s.upperBound)") above the header")
        }
    }

    mutating func mapHeader() {
        let specs = kind.columns
        var seen: [String: Int] = [:]
        var ignored: [String] = []
        for (i, raw) in table.header.enumerated() {
            let h = raw.trimmingSpaces()
            if h.isEmpty || ImportKind.isIgnoredHeader(h) {
                ignored.append(h.isEmpty ? "\(CellRef.columnName(i + 1)) (no header)" : "\(CellRef.columnName(i + 1)) \(h)")
                continue
            }
            guard let spec = kind.column(forHeader: h) else {
                if let s = kind.suggestion(forHeader: h) {
                    issue(line: table.headerLine, column: i + 1, "unknown column \"\(echo(h))\"; did you mean \(s.name)\(s.name == s.column ? "" : " (\(s.column))")?")
                } else {
                    let names = specs.map(\.name).joined(separator: ", ")
                    issue(line: table.headerLine, column: i + 1, "unknown column \"\(echo(h))\"; \(kind.fileName) takes: \(names)")
                }
                continue
            }
            if let prev = seen[spec.name] {
                issue(line: table.headerLine, column: i + 1, "column \(spec.name) appears twice (also column \(prev + 1))")
                continue
            }
            seen[spec.name] = i
        }
        for spec in specs where spec.required && seen[spec.name] == nil {
            issue(line: table.headerLine, column: table.header.count + 1, "required column \(spec.name) (\(spec.chinese)) is missing")
        }
        if !ignored.isEmpty { notes.append("\(table.file): ignored column\(ignored.count == 1 ? "" : "s") \(ignored.joined(separator: ", ")) (not imported)") }
        columnIndex = seen
    }

    // MARK: cell access

    mutating func issue(line: Int, column: Int, _ message: String) {
        issues.append(ImportIssue(file: table.file, line: line, column: column, message: message, sheet: table.sheet))
    }

    /// The trimmed cell, or "" when the column is absent or the row is short.
    func cell(_ row: CSVRow, _ name: String) -> String {
        guard let i = columnIndex[name], i < row.fields.count else { return "" }
        return row.fields[i]
    }
    func col(_ name: String) -> Int { (columnIndex[name] ?? 0) + 1 }

    mutating func checkShape(_ row: CSVRow) -> Bool {
        if row.fields.count > table.header.count {
            issue(line: row.line, column: table.header.count + 1, "\(row.fields.count) fields but the header has \(table.header.count); an unquoted comma?")
            return false
        }
        return true
    }

    mutating func required(_ row: CSVRow, _ name: String) -> String? {
        let v = cell(row, name)
        if v.isEmpty { issue(line: row.line, column: col(name), "\(name) is empty"); return nil }
        return v
    }

    /// A cell value as import messages may show it: ID-number-like and phone-like digit runs
    /// masked (`Masking.personalData`), cut to 40 characters. Every echo of a cell goes here.
    func echo(_ v: some StringProtocol) -> String {
        let m = Masking.personalData(in: v)
        return m.count > 40 ? m.prefix(39) + "…" : m
    }

    /// An id: at most 64 characters; no spaces, semicolons, control or invisible characters;
    /// no `/`, `\\` or `..` (ids become parts of file names). `personal`: a worker or household
    /// id, which may not be a resident ID number.
    mutating func identifier(_ row: CSVRow, _ name: String, required req: Bool = true, personal: Bool = false) -> String? {
        let v = cell(row, name)
        if v.isEmpty { if req { issue(line: row.line, column: col(name), "\(name) is empty") }; return nil }
        // Printable ASCII (almost every id): one pass over the bytes.
        var ascii = true, slash = false, dots = false, space = false
        var last: UInt8 = 0
        for b in v.utf8 {
            if b <= 0x20 || b >= 0x7F { ascii = false; break }
            if b == 0x2F || b == 0x5C { slash = true } else if b == 0x2E && last == 0x2E { dots = true } else if b == 0x3B { space = true }
            last = b
        }
        // Anything else: invisible characters first, then the same rules measured on characters.
        if !ascii {
            if let (i, bad) = v.unicodeScalars.enumerated().first(where: { TextRules.isInvisibleInIdentifier($0.element) }) {
                issue(line: row.line, column: col(name), "\(name) contains the invisible control character \(TextRules.codePoint(bad)) (character \(i + 1)); retype the cell")
                return nil
            }
            space = v.unicodeScalars.contains { $0 == " " || $0 == ";" || $0 == "\u{3000}" || $0 == "\u{A0}" }
            slash = v.contains("/") || v.contains("\\")
            dots = v.contains("..")
        }
        if (ascii ? v.utf8.count > 64 : v.utf8.count > 256 || v.count > 64) || space {
            issue(line: row.line, column: col(name), "\(name) \"\(echo(v))\" must be at most 64 characters without spaces, semicolons or control characters")
            return nil
        }
        if slash || dots {
            issue(line: row.line, column: col(name), "\(name) \"\(echo(v))\" must not contain /, \\ or .. (ids name files and folders)")
            return nil
        }
        if personal, v.utf8.count == 18, (try? ResidentID(v)) != nil {
            issue(line: row.line, column: col(name), "\(name) \(Masking.residentID(v)) is a resident ID number; use the office's own numbering (e.g. W0001), not personal data, as \(name)")
            return nil
        }
        return v
    }

    mutating func text(_ row: CSVRow, _ name: String, required req: Bool = false, maxLength: Int = 200) -> String? {
        let v = cell(row, name)
        if v.isEmpty { if req { issue(line: row.line, column: col(name), "\(name) is empty") }; return req ? nil : "" }
        if v.utf8.count > maxLength && v.count > maxLength { issue(line: row.line, column: col(name), "\(name) is longer than \(maxLength) characters"); return nil }
        if let bad = TextRules.invisibleInText(v) {
            issue(line: row.line, column: col(name), "\(name) contains the invisible control character \(TextRules.codePoint(bad)); retype the cell")
            return nil
        }
        return v
    }

    mutating func date(_ row: CSVRow, _ name: String, required req: Bool = true) -> CivilDate?? {
        let v = cell(row, name)
        if v.isEmpty { if req { issue(line: row.line, column: col(name), "\(name) is empty"); return nil }; return .some(nil) }
        do { return .some(try CivilDate.parseChecked(OfficeText.isoDate(v))) } catch {
            switch error {
            case .yearOutOfRange: issue(line: row.line, column: col(name), "\(name) \"\(echo(v))\": \(error)")
            default: issue(line: row.line, column: col(name), "\(name) \"\(echo(v))\" is not a date; write YYYY-MM-DD, e.g. 2027-02-12")
            }
            return nil
        }
    }

    /// A whole number from `min` to `max` (at most 1,000,000 unless a column says otherwise).
    mutating func int(_ row: CSVRow, _ name: String, min: Int, max: Int = 1_000_000, default def: Int? = nil) -> Int? {
        let v = cell(row, name)
        if v.isEmpty {
            if let def { return def }
            issue(line: row.line, column: col(name), "\(name) is empty"); return nil
        }
        do { return try FiniteNumber.parseWhole(v, range: min...max) } catch {
            issue(line: row.line, column: col(name), "\(name) \"\(echo(v))\" must be a whole number from \(min) to \(max)")
            return nil
        }
    }

    /// A finite decimal number in `range` (`FiniteNumber.parse`: no NaN, infinity or hex).
    mutating func double(_ row: CSVRow, _ name: String, range: ClosedRange<Double>) -> Double? {
        let v = cell(row, name)
        if v.isEmpty { issue(line: row.line, column: col(name), "\(name) is empty"); return nil }
        do { return try FiniteNumber.parse(v, range: range) } catch {
            switch error {
            case .outOfRange: issue(line: row.line, column: col(name), "\(name) \"\(echo(v))\" must be a number from \(range.lowerBound) to \(range.upperBound)")
            default: issue(line: row.line, column: col(name), "\(name) \"\(echo(v))\" must be a decimal number from \(range.lowerBound) to \(range.upperBound) (no NaN, infinity or hex)")
            }
            return nil
        }
    }

    mutating func flag(_ row: CSVRow, _ name: String, default def: Bool) -> Bool? {
        let raw = cell(row, name)
        if raw.isEmpty { return def }
        if raw == "no" { return false }
        if raw == "yes" { return true }
        let v = raw.lowercased()
        if ["yes", "y", "true", "1", "是", "需要"].contains(v) { return true }
        if ["no", "n", "false", "0", "否", "不需要"].contains(v) { return false }
        issue(line: row.line, column: col(name), "\(name) \"\(echo(v))\" must be yes or no")
        return nil
    }

    mutating func direction(_ row: CSVRow) -> Direction? {
        let v = cell(row, "direction")
        if let d = Direction(word: v) { return d }
        issue(line: row.line, column: col("direction"), v.isEmpty ? "direction is empty" : "direction \"\(echo(v))\" must be to-work (返岗) or to-home (返乡)")
        return nil
    }

    mutating func residentID(_ row: CSVRow, _ name: String, required req: Bool) -> ResidentID?? {
        let v = OfficeText.halfWidth(cell(row, name))
        if v.isEmpty { if req { issue(line: row.line, column: col(name), "\(name) is empty"); return nil }; return .some(nil) }
        if OfficeText.isScientific(v) {
            issue(line: row.line, column: col(name), "\(name) \(v) is a number in scientific notation: Excel took the ID number for a number and kept only its first 15 digits; set the column's format to 文本 (Text) and type the numbers again")
            return nil
        }
        do { return .some(try ResidentID(v, today: today)) } catch {
            issue(line: row.line, column: col(name), "\(name) \(Masking.residentID(v)): \(error)")
            return nil
        }
    }

    mutating func phone(_ row: CSVRow, _ name: String, required req: Bool) -> String?? {
        let v = OfficeText.halfWidth(cell(row, name))
        if v.isEmpty { if req { issue(line: row.line, column: col(name), "\(name) is empty"); return nil }; return .some(nil) }
        if OfficeText.isScientific(v) {
            issue(line: row.line, column: col(name), "\(name) \(v) is a number in scientific notation: Excel took the phone number for a number; set the column's format to 文本 (Text) and type the numbers again")
            return nil
        }
        guard let p = TextRules.mobile(v) else {
            issue(line: row.line, column: col(name), "\(name) \(Masking.phone(v)) is not an 11-digit mainland mobile number (1[3-9]XXXXXXXXX)")
            return nil
        }
        return .some(p)
    }

    mutating func stopRef(_ row: CSVRow, _ name: String, required req: Bool, kind want: StopKind?) -> String?? {
        let v = cell(row, name)
        if v.isEmpty { if req { issue(line: row.line, column: col(name), "\(name) is empty"); return nil }; return .some(nil) }
        var id = v
        if known.stops[v] == nil {
            switch resolveStop(v) {
            case .resolved(let r): id = r; resolvedStops[name, default: [:]][v] = r
            case .suggest(let s):
                issue(line: row.line, column: col(name), "\(name) \"\(echo(v))\" is not a known stop; did you mean \(s)?")
                return nil
            case .none:
                issue(line: row.line, column: col(name), "\(name) \"\(echo(v))\" is not a known stop; import stops.csv first or fix the id")
                return nil
            }
        }
        let k = known.stops[id]!
        if let want, k != want {
            issue(line: row.line, column: col(name), "\(name) \"\(echo(v))\" is a \(k.rawValue) stop; a \(want.rawValue) stop is needed here")
            return nil
        }
        return .some(id)
    }

    mutating func window(_ row: CSVRow, _ a: String, _ b: String, defaultLastToFirst: Bool) -> DateWindow? {
        guard let first = date(row, a), let f = first else { _ = date(row, b, required: !defaultLastToFirst); return nil }
        guard let second = date(row, b, required: !defaultLastToFirst) else { return nil }
        let l = second ?? f
        do { return try DateWindow.checked(first: f, last: l) } catch {
            switch error {
            case .windowTooLong: issue(line: row.line, column: col(b), "\(a)..\(b) \(f)..\(l) \(error)")
            default: issue(line: row.line, column: col(b), "\(b) \(l) is before \(a) \(f)")
            }
            return nil
        }
    }

    /// Records `id` as seen in this file and in the store; refuses a repeat in the file, or an
    /// id the store already holds unless `replace`. Mutates in place: no set is copied per row.
    mutating func claim(_ row: CSVRow, id: String, column: String, existing: WritableKeyPath<KnownRecords, Set<String>>, what: String) -> Bool {
        if let prev = seenIDs[id] {
            issue(line: row.line, column: col(column), "\(what) \(echo(id)) appears twice in this file (also line \(prev))")
            return false
        }
        seenIDs[id] = row.line
        if known[keyPath: existing].contains(id) && !replace {
            issue(line: row.line, column: col(column), "\(what) \(echo(id)) is already in the database; use --replace to update it")
            return false
        }
        known[keyPath: existing].insert(id)
        return true
    }
}

extension String {
    func replacingSpaces() -> String { String(map { $0 == " " || $0 == "-" ? "_" : $0 }) }
}

/// Text rules shared by the importers.
public enum TextRules {
    /// Control characters, and the bidirectional overrides that can make a name print
    /// reversed (U+202A–202E, U+2066–2069, U+200E/200F, U+061C). Zero-width joiners and
    /// variation selectors (emoji) are allowed.
    public static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0..<0x20, 0x7F...0x9F: return true // the control characters (general category Cc)
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0xFFFE, 0xFFFF: return true
        // Zero-width space, word joiner and invisible operators, byte-order mark, soft hyphen.
        case 0x200B, 0x2060...0x2064, 0xFEFF, 0x00AD: return true
        default: return false
        }
    }

    /// In an identifier: control characters, every Unicode format character (zero-width
    /// space and joiners U+200B–U+200D, word joiner U+2060, U+FEFF, bidirectional controls…)
    /// and line or paragraph separators. An id must look like what it is.
    public static func isInvisibleInIdentifier(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return s.value < 0x20 || s.value == 0x7F }
        switch s.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned: return true
        default: return isForbidden(s)
        }
    }

    /// The first character text may not hold: `isForbidden`, or a zero-width (non-)joiner
    /// U+200C/U+200D that is not inside an emoji sequence (👩‍🔧) or between letters of a
    /// script that uses joiners (Devanagari, Arabic…). Between Han characters or at either
    /// end a joiner only hides a difference.
    public static func invisibleInText(_ text: String) -> Unicode.Scalar? {
        var prev: Unicode.Scalar? = nil
        var it = text.unicodeScalars.makeIterator()
        var cur = it.next()
        while let s = cur {
            let next = it.next()
            if s.value >= 0x80 {
                if isForbidden(s) { return s }
                if s.value == 0x200C || s.value == 0x200D {
                    guard let p = prev, let n = next,
                          (isEmojiPart(p) && isEmojiPart(n)) || (isJoiningScriptLetter(p) && isJoiningScriptLetter(n)) else { return s }
                }
            } else if s.value < 0x20 || s.value == 0x7F { return s }
            prev = s; cur = next
        }
        return nil
    }

    static func isEmojiPart(_ s: Unicode.Scalar) -> Bool {
        s.value == 0xFE0F || (s.value >= 0xA9 && (s.properties.isEmoji || s.properties.isEmojiModifier))
    }

    static func isJoiningScriptLetter(_ s: Unicode.Scalar) -> Bool {
        guard s.value >= 0x0370, !s.properties.isIdeographic else { return false }
        switch s.properties.generalCategory {
        case .otherLetter, .lowercaseLetter, .uppercaseLetter, .modifierLetter, .nonspacingMark, .spacingMark: return true
        default: return false
        }
    }

    /// `U+200B`.
    public static func codePoint(_ s: Unicode.Scalar) -> String {
        let h = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    /// Normalises a mainland mobile number: drops spaces, dashes and a +86/0086 prefix;
    /// returns nil unless 11 digits starting 13–19.
    public static func mobile(_ raw: String) -> String? {
        // Already 11 ASCII digits (the usual case): no copy.
        let r = raw.utf8
        if r.count == 11, r.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            var it = r.makeIterator()
            guard it.next() == 49, let second = it.next(), (51...57).contains(second) else { return nil }
            return raw
        }
        var d = raw.filter { $0 != " " && $0 != "-" }
        if d.hasPrefix("+86") { d.removeFirst(3) } else if d.hasPrefix("0086") { d.removeFirst(4) }
        let u = Array(d.utf8)
        guard u.count == 11, u.allSatisfy({ (48...57).contains($0) }), u[0] == 49, (51...57).contains(u[1]) else { return nil }
        return d
    }

    static let plateProvinces: Set<Character> = Set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领")

    /// Normalises a Chinese licence plate (`桂F·12345` → `桂F12345`); nil unless a province
    /// character, a letter and 5 (fuel) or 6 (new-energy) letters/digits.
    public static func plate(_ raw: String) -> String? {
        let p = raw.filter { $0 != "·" && $0 != " " && $0 != "-" && $0 != "•" }.uppercased()
        let c = Array(p)
        guard c.count == 7 || c.count == 8, plateProvinces.contains(c[0]),
              let l = c[1].asciiValue, (65...90).contains(l),
              c.dropFirst(2).allSatisfy({ ($0.asciiValue.map { (48...57).contains($0) || (65...90).contains($0) } ?? false) || $0 == "学" || $0 == "警" })
        else { return nil }
        return p
    }
}
