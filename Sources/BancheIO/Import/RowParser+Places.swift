import BancheCore

/// Divisions, townships and stops: names people write for places, matched to the lists.
extension RowParser {
    mutating func parseDivision(_ row: CSVRow) -> Division? {
        guard checkShape(row) else { return nil }
        func code(_ column: String, required req: Bool) -> String?? {
            let v = OfficeText.halfWidth(cell(row, column))
            if v.isEmpty { if req { issue(line: row.line, column: col(column), "\(column) is empty"); return nil }; return .some(nil) }
            guard [6, 9, 12].contains(v.count), v.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                issue(line: row.line, column: col(column), "\(column) \"\(echo(v))\" must be 6, 9 or 12 digits (GB/T 2260 and its township extension)")
                return nil
            }
            return .some(v)
        }
        let c = code("code", required: true)
        let name = text(row, "name", required: true, maxLength: 50)
        let parent = code("parent", required: false)
        guard let c = c ?? nil, let name, let parent else { return nil }
        guard claim(row, id: c, column: "code", existing: \.divisions, what: "division") else { return nil }
        known.divisionNames[name] = c
        return Division(code: c, name: name, parent: parent)
    }

    /// A worker's home township: anything when no divisions list is imported; with a list, a
    /// name on it, refused with the closest name when it is near one (`上映` → 上映乡), else
    /// taken with a warning (a township of another county).
    mutating func homeTownship(_ row: CSVRow) -> String? {
        guard let t = text(row, "home_township", maxLength: 50) else { return nil }
        guard !t.isEmpty, !known.divisionNames.isEmpty, known.divisionNames[t] == nil else { return t }
        if let s = Self.closest(t, among: known.divisionNames.keys) {
            issue(line: row.line, column: col("home_township"), "home_township \"\(echo(t))\" is not in the divisions list; did you mean \(s)?")
            return nil
        }
        warnings.append("\(table.position(line: row.line, column: col("home_township"))): home_township \"\(echo(t))\" is not in the divisions list (imported as written)")
        return t
    }

    enum StopMatch { case resolved(String), suggest(String), none }

    /// A stop written as something other than its id: its name (one stop by that name) or its
    /// id in another case (`td100`) is resolved; a near id or name is suggested.
    func resolveStop(_ v: String) -> StopMatch {
        if case .some(.some(let id)) = known.stopNames[v] { return .resolved(id) }
        let upper = v.uppercased()
        let sameCase = known.stops.keys.filter { $0.uppercased() == upper }
        if sameCase.count == 1 { return .resolved(sameCase[0]) }
        if let s = Self.closest(v, among: known.stops.keys) { return .suggest(s) }
        if let n = Self.closest(v, among: known.stopNames.keys), case .some(.some(let id)) = known.stopNames[n] { return .suggest("\(id) (\(n))") }
        return .none
    }

    /// The one name closest to `v`: one edit away (two for names of eight characters or more),
    /// one containing the other, or the same once 乡/镇/街道 is dropped. Nil when none is close
    /// or two are equally close.
    static func closest(_ v: String, among names: some Sequence<String>) -> String? {
        func stem(_ s: String) -> String {
            for suffix in ["街道", "乡", "镇"] where s.hasSuffix(suffix) && s.count > suffix.count { return String(s.dropLast(suffix.count)) }
            return s
        }
        let a = Array(v.uppercased()), sv = stem(v)
        var best: [(String, Int)] = []
        for n in names {
            let d: Int
            if stem(n) == sv || (n.count >= 2 && v.count >= 2 && (n.contains(v) || v.contains(n))) { d = 0 }
            else { d = ImportKind.editDistance(a, Array(n.uppercased())) }
            guard d <= (n.count >= 8 ? 2 : 1) else { continue }
            if let b = best.first?.1, d > b { continue }
            if let b = best.first?.1, d < b { best.removeAll() }
            best.append((n, d))
        }
        return best.count == 1 ? best[0].0 : nil
    }

    /// One summary line per column where stops were given by name or in another case.
    mutating func noteResolvedStops() {
        for (column, map) in resolvedStops.sorted(by: { $0.key < $1.key }) {
            let examples = map.sorted { $0.key < $1.key }.prefix(5).map { "\(echo($0.key)) → \($0.value)" }.joined(separator: ", ")
            notes.append("\(table.file): \(column) given by name or in another case, read as the stop's id: \(examples)\(map.count > 5 ? ", …" : "")")
        }
    }
}
