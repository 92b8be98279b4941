import BancheCore

/// How a header row written by an office maps to the documented columns: the other names
/// offices give a column, the columns that hold nothing to import, and "did you mean".
extension ImportKind {
    /// Other names offices give a column (besides its English and Chinese names), by column.
    /// Matched like the names: case-insensitive, spaces and line breaks inside ignored.
    public var headerVariants: [String: [String]] {
        switch self {
        case .divisions: return ["code": ["代码", "行政区划代码"], "name": ["区划名称", "乡镇"], "parent": ["上级区划代码"]]
        case .stops: return [
            "stop_id": ["站点代码"], "name": ["站点", "名称", "上车点名称"], "township": ["乡镇", "所在乡镇"],
            "address": ["详细地址"],
        ]
        case .legs: return [:]
        case .routes: return [:]
        case .buses: return [
            "plate": ["车牌", "车牌号码"], "seats": ["核定载客人数", "座位数", "核载人数"], "operator": ["运输公司", "客运公司"],
        ]
        case .drivers: return [
            "name": ["名字", "驾驶员姓名"], "resident_id": ["身份证号码", "身份证", "公民身份号码"],
            "phone": ["联系电话", "手机号码", "手机", "电话"], "licence_class": ["驾照类型"],
            "operator": ["运输公司", "客运公司"],
        ]
        case .workers: return [
            "worker_id": ["人员编号", "序列号"], "name": ["名字", "务工人员姓名"],
            "resident_id": ["身份证号码", "身份证", "公民身份号码"],
            "phone": ["联系电话", "手机号码", "手机", "电话"], "household_id": ["家庭编号"],
            "direction": ["出行方向"], "earliest_date": ["出行日期", "出发日期"], "latest_date": ["最晚日期"],
            "pickup_stop": ["上车地点"], "dropoff_stop": ["下车地点"], "employer": ["务工单位", "工作单位", "用工企业"],
            "home_township": ["乡镇", "所在乡镇", "户籍所在乡镇"], "priority": ["优先"], "accessible_seat": ["无障碍座位"],
        ]
        }
    }

    /// Headers of columns that hold nothing to import (row numbers, remarks, signatures): the
    /// column is ignored and named in the import summary.
    public static let ignoredHeaders: [String] = ["序号", "序", "备注", "说明", "签名", "签字", "本人签名", "本人签字", "签字确认"]

    /// A header as it is compared: trimmed, lower case, spaces and line breaks inside dropped
    /// (except between words of an English name, which become `_`, as do hyphens).
    static func normalizedHeader(_ h: String) -> String {
        let t = h.trimmingSpaces().lowercased()
        var out = ""
        for c in t {
            switch c {
            case "\n", "\r", "\u{3000}": continue
            case " ", "-": if let l = out.last, l.isASCII { out.append("_") }
            default: out.append(c)
            }
        }
        return out
    }

    /// The column a header names (its English or Chinese name or a variant), if any.
    public func column(forHeader h: String) -> ColumnSpec? {
        let key = Self.normalizedHeader(h)
        let variants = headerVariants
        return columns.first { $0.name == key || Self.normalizedHeader($0.chinese) == key || (variants[$0.name] ?? []).contains(key) }
    }

    /// Whether a header is on the ignore list.
    public static func isIgnoredHeader(_ h: String) -> Bool { ignoredHeaders.contains(normalizedHeader(h)) }

    /// The known name closest to an unknown header, when close enough to be a misspelling:
    /// within a quarter of its length in edits (at least one) for English names, one edit for
    /// Chinese names of three characters or more, or one containing the other.
    public func suggestion(forHeader h: String) -> (name: String, column: String)? {
        let key = Array(Self.normalizedHeader(h))
        guard !key.isEmpty else { return nil }
        var best: (name: String, column: String, distance: Int)? = nil
        for spec in columns {
            for cand in [spec.name, spec.chinese] + (headerVariants[spec.name] ?? []) {
                let c = Array(Self.normalizedHeader(cand))
                let ascii = c.allSatisfy(\.isASCII)
                let d = Self.editDistance(key, c)
                let close = ascii ? d <= max(1, c.count / 4)
                    : (c.count >= 3 && d <= 1) || (c.count >= 2 && !ascii && (String(key).contains(String(c)) || (key.count >= 3 && String(c).contains(String(key)))))
                if close, best.map({ d < $0.distance }) ?? true { best = (cand, spec.name, d) }
            }
        }
        return best.map { ($0.name, $0.column) }
    }

    /// Edit distance over characters, a swap of two neighbours counting as one edit
    /// (optimal string alignment: `nmae` is one edit from `name`).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { cur[j] = min(cur[j], before[j - 2] + 1) }
            }
            (before, prev, cur) = (prev, cur, before)
        }
        return prev[b.count]
    }
}

/// Cell values as offices type them, made into the forms the parsers take.
public enum OfficeText {
    /// Full-width digits, letters and signs (Ｕ+FF01–FF5E) as their ASCII forms, the
    /// ideographic space as a space: `４５１４２５…Ｘ` → `451425…X`.
    public static func halfWidth(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { ($0.value >= 0xFF01 && $0.value <= 0xFF5E) || $0.value == 0x3000 }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.value >= 0xFF01 && u.value <= 0xFF5E { out.append(Unicode.Scalar(u.value - 0xFEE0)!) }
            else if u.value == 0x3000 { out.append(" ") }
            else { out.append(u) }
        }
        return String(out)
    }

    /// Whether a cell holds a number in Excel's scientific notation (`4.5142E+17`): what Excel
    /// shows once it has taken a long digit string for a number.
    ///
    /// The pattern `[0-9](\.[0-9]+)?[eE]\+?[0-9]{1,3}`, scanned by hand: it runs on every ID
    /// number and phone of an import, and a regex literal is compiled again at each call
    /// (200,000 compilations made a 100,000-worker import 9× slower).
    public static func isScientific(_ s: String) -> Bool {
        let b = Array(s.utf8)
        func digit(_ i: Int) -> Bool { i < b.count && b[i] >= UInt8(ascii: "0") && b[i] <= UInt8(ascii: "9") }
        guard b.count >= 3, digit(0) else { return false }
        var i = 1
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while digit(i) { i += 1 }
            if i == start { return false }
        }
        guard i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return false }
        i += 1
        if i < b.count, b[i] == UInt8(ascii: "+") { i += 1 }
        let start = i
        while digit(i) { i += 1 }
        return i == b.count && (1...3).contains(i - start)
    }

    /// A date as offices write it, as `YYYY-MM-DD`: `2027-02-13`, `2027/2/13`, `2027-2-13`,
    /// `2027.2.13`, `2027年2月13日`, the same followed by a midnight time (`2027/2/13 0:00`,
    /// what Excel writes for a date cell with a date-time format), or an Excel serial of five
    /// digits (`46431`, a date cell saved as General). Anything else is returned as it was.
    public static func isoDate(_ v: String) -> String {
        if CivilDate(iso: v) != nil { return v }
        let s = halfWidth(v).trimmingSpaces()
        if let m = s.wholeMatch(of: /([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日?/) {
            return String(format: "%@-%02d-%02d", String(m.1), Int(m.2)!, Int(m.3)!)
        }
        if let m = s.wholeMatch(of: /([0-9]{4})([-\/.])([0-9]{1,2})\2([0-9]{1,2})(?:[ T]0?0:00(?::00)?)?/) {
            return String(format: "%@-%02d-%02d", String(m.1), Int(m.3)!, Int(m.4)!)
        }
        if s.wholeMatch(of: /[1-9][0-9]{4}/) != nil, let n = Double(s), let d = CellText.date(serial: n, kind: .date, date1904: false) {
            return d
        }
        return v
    }

    /// A date and time as offices write it, as `YYYY-MM-DDTHH:MM[:SS][offset]`: any date form
    /// `isoDate` takes, a space or `T`, then `H:MM` or `HH:MM[:SS]` and an optional `Z` or
    /// `±HH:MM`; or an Excel serial with its fraction of a day (`46431.229166`, a date-time
    /// cell saved as General). Anything else is returned as it was.
    public static func isoDateTime(_ v: String) -> String {
        let s = halfWidth(v).trimmingSpaces()
        if let m = s.wholeMatch(of: /(.+?)(?:\s+|T)([0-9]{1,2}):([0-9]{2})(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?/) {
            let date = isoDate(String(m.1))
            guard CivilDate(iso: date) != nil, let h = Int(m.2) else { return v }
            return String(format: "%@T%02d:%@%@%@", date, h, String(m.3), String(m.4 ?? ""), String(m.5 ?? ""))
        }
        if s.wholeMatch(of: /[1-9][0-9]{4}(\.[0-9]+)?/) != nil, let n = Double(s),
           let d = CellText.date(serial: n, kind: .dateTime, date1904: false) {
            return d.replacingOccurrences(of: " ", with: "T")
        }
        return v
    }
}
