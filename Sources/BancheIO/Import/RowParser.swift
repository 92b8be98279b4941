import BancheCore

/// Parses the rows of one import file into domain values, collecting every problem.
///
/// Pure: takes the table, what the store already holds and today's date; returns values or
/// issues. Nothing is written unless the issue list is empty (the caller's transaction).
public struct RowParser {
    public let kind: ImportKind
    public let table: CSVTable
    /// When true, IDs already in the store are updated instead of refused.
    public let replace: Bool
    public let today: CivilDate
    public let zone: ZoneOffset
    public private(set) var issues: [ImportIssue] = []
    var known: KnownRecords
    var columnIndex: [String: Int] = [:]
    /// Keys already seen in this file (ids, plates, resident IDs) → line.
    var seenInFileMap: [String: Int] = [:]

    public init(kind: ImportKind, table: CSVTable, known: KnownRecords, replace: Bool, today: CivilDate, zone: ZoneOffset = .china) {
        self.kind = kind; self.table = table; self.known = known; self.replace = replace; self.today = today; self.zone = zone
    }

    /// Parses every row. `known` comes back extended by this file's records so a batch of
    /// files can be checked in dependency order.
    public mutating func parse() -> (ImportRows, KnownRecords) {
        mapHeader()
        guard issues.isEmpty else { return (empty, known) }
        switch kind {
        case .stops: return (.stops(table.rows.compactMap { parseStop($0) }), known)
        case .legs: return (.legs(table.rows.compactMap { parseLeg($0) }), known)
        case .routes: return (.routes(table.rows.compactMap { parseRoute($0) }), known)
        case .buses: return (.buses(table.rows.compactMap { parseBus($0) }), known)
        case .drivers: return (.drivers(table.rows.compactMap { parseDriver($0) }), known)
        case .workers:
            let workers = table.rows.compactMap { parseWorker($0) }
            checkHouseholds(workers)
            return (.workers(workers), known)
        }
    }

    var empty: ImportRows {
        switch kind {
        case .stops: .stops([]); case .legs: .legs([]); case .routes: .routes([])
        case .buses: .buses([]); case .drivers: .drivers([]); case .workers: .workers([])
        }
    }

    /// Members of a household travel together: one direction, overlapping date windows.
    mutating func checkHouseholds(_ workers: [Worker]) {
        var first: [String: (Worker, Int)] = [:]
        let lines = Dictionary(table.rows.map { (cell($0, "worker_id"), $0.line) }, uniquingKeysWith: { a, _ in a })
        for w in workers {
            guard let h = w.household else { continue }
            let line = lines[w.id] ?? 0
            guard let (lead, leadLine) = first[h] else { first[h] = (w, line); continue }
            if lead.direction != w.direction {
                issue(line: line, column: col("direction"), "household \(h) travels \(lead.direction.rawValue) on line \(leadLine) but \(w.direction.rawValue) here; one household rides one bus")
            } else if lead.window.intersection(w.window) == nil {
                issue(line: line, column: col("earliest_date"), "household \(h): dates \(w.window) share no day with \(lead.window) on line \(leadLine); one household rides one bus")
            }
        }
    }

    // MARK: header

    mutating func mapHeader() {
        let specs = kind.columns
        var seen: [String: Int] = [:]
        for (i, raw) in table.header.enumerated() {
            let h = raw.trimmingSpaces()
            let key = h.lowercased().replacingSpaces()
            guard let spec = specs.first(where: { $0.name == key || $0.chinese == h }) else {
                let names = specs.map(\.name).joined(separator: ", ")
                issue(line: 1, column: i + 1, h.isEmpty ? "empty column name in the header" : "unknown column \"\(h)\"; \(kind.fileName) takes: \(names)")
                continue
            }
            if let prev = seen[spec.name] {
                issue(line: 1, column: i + 1, "column \(spec.name) appears twice (also column \(prev + 1))")
                continue
            }
            seen[spec.name] = i
        }
        for spec in specs where spec.required && seen[spec.name] == nil {
            issue(line: 1, column: table.header.count + 1, "required column \(spec.name) (\(spec.chinese)) is missing")
        }
        columnIndex = seen
    }

    // MARK: cell access

    mutating func issue(line: Int, column: Int, _ message: String) {
        issues.append(ImportIssue(file: table.file, line: line, column: column, message: message))
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

    mutating func identifier(_ row: CSVRow, _ name: String, required req: Bool = true) -> String? {
        let v = cell(row, name)
        if v.isEmpty { if req { issue(line: row.line, column: col(name), "\(name) is empty") }; return nil }
        if v.count > 64 || v.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " || $0 == ";" }) {
            issue(line: row.line, column: col(name), "\(name) \"\(v.prefix(20))\" must be at most 64 characters without spaces, semicolons or control characters")
            return nil
        }
        return v
    }

    mutating func text(_ row: CSVRow, _ name: String, required req: Bool = false, maxLength: Int = 200) -> String? {
        let v = cell(row, name)
        if v.isEmpty { if req { issue(line: row.line, column: col(name), "\(name) is empty") }; return req ? nil : "" }
        if v.count > maxLength { issue(line: row.line, column: col(name), "\(name) is longer than \(maxLength) characters"); return nil }
        if let bad = v.unicodeScalars.first(where: TextRules.isForbidden) {
            issue(line: row.line, column: col(name), "\(name) contains the invisible control character U+\(String(bad.value, radix: 16, uppercase: true)); retype the cell")
            return nil
        }
        return v
    }

    mutating func date(_ row: CSVRow, _ name: String, required req: Bool = true) -> CivilDate?? {
        let v = cell(row, name)
        if v.isEmpty { if req { issue(line: row.line, column: col(name), "\(name) is empty"); return nil }; return .some(nil) }
        guard let d = CivilDate(iso: v) else {
            issue(line: row.line, column: col(name), "\(name) \"\(v)\" is not a date; write YYYY-MM-DD, e.g. 2027-02-12")
            return nil
        }
        return .some(d)
    }

    mutating func int(_ row: CSVRow, _ name: String, min: Int, max: Int = Int.max, default def: Int? = nil) -> Int? {
        let v = cell(row, name)
        if v.isEmpty {
            if let def { return def }
            issue(line: row.line, column: col(name), "\(name) is empty"); return nil
        }
        guard let n = Int(v), n >= min, n <= max else {
            issue(line: row.line, column: col(name), "\(name) \"\(v)\" must be a whole number\(max == Int.max ? " ≥ \(min)" : " from \(min) to \(max)")")
            return nil
        }
        return n
    }

    mutating func double(_ row: CSVRow, _ name: String, range: ClosedRange<Double>) -> Double? {
        let v = cell(row, name)
        guard let x = Double(v), x.isFinite, range.contains(x) else {
            issue(line: row.line, column: col(name), v.isEmpty ? "\(name) is empty" : "\(name) \"\(v)\" must be a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return x
    }

    mutating func flag(_ row: CSVRow, _ name: String, default def: Bool) -> Bool? {
        let v = cell(row, name).lowercased()
        if v.isEmpty { return def }
        if ["yes", "y", "true", "1", "是", "需要"].contains(v) { return true }
        if ["no", "n", "false", "0", "否", "不需要"].contains(v) { return false }
        issue(line: row.line, column: col(name), "\(name) \"\(v)\" must be yes or no")
        return nil
    }

    mutating func direction(_ row: CSVRow) -> Direction? {
        let v = cell(row, "direction")
        if let d = Direction(rawValue: v.lowercased()) { return d }
        if ["返岗", "节后返岗", "节后接"].contains(v) { return .toWork }
        if ["返乡", "节前返乡", "节前送"].contains(v) { return .toHome }
        issue(line: row.line, column: col("direction"), v.isEmpty ? "direction is empty" : "direction \"\(v)\" must be to-work (返岗) or to-home (返乡)")
        return nil
    }

    mutating func residentID(_ row: CSVRow, _ name: String, required req: Bool) -> ResidentID?? {
        let v = cell(row, name)
        if v.isEmpty { if req { issue(line: row.line, column: col(name), "\(name) is empty"); return nil }; return .some(nil) }
        do { return .some(try ResidentID(v, today: today)) } catch {
            issue(line: row.line, column: col(name), "\(name) \(Masking.residentID(v)): \(error)")
            return nil
        }
    }

    mutating func phone(_ row: CSVRow, _ name: String, required req: Bool) -> String?? {
        let v = cell(row, name)
        if v.isEmpty { if req { issue(line: row.line, column: col(name), "\(name) is empty"); return nil }; return .some(nil) }
        guard let p = TextRules.mobile(v) else {
            issue(line: row.line, column: col(name), "\(name) \(Masking.phone(v)) is not an 11-digit mainland mobile number (1[3-9]XXXXXXXXX)")
            return nil
        }
        return .some(p)
    }

    mutating func stopRef(_ row: CSVRow, _ name: String, required req: Bool, kind want: StopKind?) -> String?? {
        let v = cell(row, name)
        if v.isEmpty { if req { issue(line: row.line, column: col(name), "\(name) is empty"); return nil }; return .some(nil) }
        guard let k = known.stops[v] else {
            issue(line: row.line, column: col(name), "\(name) \"\(v)\" is not a known stop; import stops.csv first or fix the id")
            return nil
        }
        if let want, k != want {
            issue(line: row.line, column: col(name), "\(name) \"\(v)\" is a \(k.rawValue) stop; a \(want.rawValue) stop is needed here")
            return nil
        }
        return .some(v)
    }

    mutating func window(_ row: CSVRow, _ a: String, _ b: String, defaultLastToFirst: Bool) -> DateWindow? {
        guard let first = date(row, a), let f = first else { _ = date(row, b, required: !defaultLastToFirst); return nil }
        guard let second = date(row, b, required: !defaultLastToFirst) else { return nil }
        let l = second ?? f
        guard let w = DateWindow(first: f, last: l) else {
            issue(line: row.line, column: col(b), "\(b) \(l) is before \(a) \(f)")
            return nil
        }
        return w
    }

    /// Records `id` as seen in this file and in the store; refuses a repeat in the file, or an
    /// id the store already holds unless `replace`. Mutates in place: no set is copied per row.
    mutating func claim(_ row: CSVRow, id: String, column: String, existing: WritableKeyPath<KnownRecords, Set<String>>, what: String) -> Bool {
        if let prev = seenInFileMap[what + ":" + id] {
            issue(line: row.line, column: col(column), "\(what) \(id) appears twice in this file (also line \(prev))")
            return false
        }
        seenInFileMap[what + ":" + id] = row.line
        if known[keyPath: existing].contains(id) && !replace {
            issue(line: row.line, column: col(column), "\(what) \(id) is already in the database; use --replace to update it")
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
        if s.properties.generalCategory == .control { return true }
        switch s.value {
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// Normalises a mainland mobile number: drops spaces, dashes and a +86/0086 prefix;
    /// returns nil unless 11 digits starting 13–19.
    public static func mobile(_ raw: String) -> String? {
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
