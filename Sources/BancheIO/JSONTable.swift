/// Writes rows of string cells as a JSON array of objects, byte for byte what
/// `JSONSerialization` writes with `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]`
/// (a test compares them), about fifty times faster: `export passengers --format json` for
/// 100,000 passengers spent 30 s in `JSONSerialization` (docs/performance.md).
public enum JSONTable {
    /// `[{column: cell, …}, …]`, keys sorted by bytes (Foundation's order for lower-case
    /// snake_case keys such as the export's), two-space indent, a final line break.
    public static func text(columns: [String], rows: [[String]]) -> String {
        let order = columns.indices.sorted { columns[$0].utf8.lexicographicallyPrecedes(columns[$1].utf8) }
        let keys = order.map { "    " + quoted(columns[$0]) + " : " }
        var out = ""
        out.reserveCapacity(rows.count * columns.count * 32 + 16)
        if rows.isEmpty { return "[\n\n]\n" }
        out += "[\n"
        for (r, row) in rows.enumerated() {
            out += "  {\n"
            for (k, i) in order.enumerated() {
                out += keys[k]
                out += quoted(i < row.count ? row[i] : "")
                out += k == order.count - 1 ? "\n" : ",\n"
            }
            out += r == rows.count - 1 ? "  }\n" : "  },\n"
        }
        out += "]\n"
        return out
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`.
    public static func quoted(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return "\"" + s + "\"" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
