/// Strict parsing of numbers typed into spreadsheets and command flags.
///
/// Only plain decimal notation: an optional sign, digits with an optional decimal point, an
/// optional decimal exponent (`1.5E+2`, as Excel writes big numbers). Refused: `NaN`, `inf`,
/// `infinity`, hexadecimal (`0x1p3`), thousands separators, non-ASCII digits, and any value
/// outside `range`. One function so every importer and flag applies the same rule.
public enum FiniteNumber {
    /// Why a text is not an acceptable number.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// Not plain decimal notation (or not finite).
        case notDecimal
        /// Not a whole number where one is needed.
        case notWhole
        /// A number, but outside the allowed range.
        case outOfRange(ClosedRange<Double>)

        public var description: String {
            switch self {
            case .notDecimal: return "is not a decimal number (write digits with an optional point, e.g. 23.0812)"
            case .notWhole: return "is not a whole number"
            case .outOfRange(let r): return "is outside \(FiniteNumber.show(r.lowerBound))…\(FiniteNumber.show(r.upperBound))"
            }
        }
    }

    /// The range a number falls in when no narrower one is given.
    public static let defaultRange: ClosedRange<Double> = -1_000_000...1_000_000
    /// Latitude in decimal degrees.
    public static let latitude: ClosedRange<Double> = -90...90
    /// Longitude in decimal degrees.
    public static let longitude: ClosedRange<Double> = -180...180
    /// A trip or road leg, kilometres.
    public static let kilometres: ClosedRange<Double> = 0...5_000

    /// Parses `text` (surrounding spaces ignored) as a finite decimal number within `range`.
    public static func parse(_ text: some StringProtocol, range: ClosedRange<Double> = defaultRange) throws(Problem) -> Double {
        let t = text.trimmingSpaces()
        guard isPlainDecimal(t.utf8), let x = Double(t), x.isFinite else { throw .notDecimal }
        guard range.contains(x) else { throw .outOfRange(range) }
        return x == 0 ? 0 : x // no -0
    }

    /// Parses `text` as a whole number (optional sign and ASCII digits only) within `range`.
    public static func parseWhole(_ text: some StringProtocol, range: ClosedRange<Int> = -1_000_000...1_000_000) throws(Problem) -> Int {
        let t = text.trimmingSpaces()
        var u = Substring(t).utf8[...]
        if let f = u.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { u = u.dropFirst() }
        guard !u.isEmpty, u.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            if isPlainDecimal(t.utf8) { throw .notWhole }
            throw .notDecimal
        }
        guard let n = Int(t) else { throw .outOfRange(Double(range.lowerBound)...Double(range.upperBound)) }
        guard range.contains(n) else { throw .outOfRange(Double(range.lowerBound)...Double(range.upperBound)) }
        return n
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, ASCII only.
    static func isPlainDecimal(_ u: String.UTF8View) -> Bool {
        var it = u.makeIterator()
        var c = it.next()
        func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 48 && $0 <= 57 } ?? false }
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { c = it.next() }
        var digits = 0
        while isDigit(c) { digits += 1; c = it.next() }
        if c == UInt8(ascii: ".") {
            c = it.next()
            while isDigit(c) { digits += 1; c = it.next() }
        }
        guard digits > 0 else { return false }
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            c = it.next()
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { c = it.next() }
            var exp = 0
            while isDigit(c) { exp += 1; c = it.next() }
            guard exp > 0 else { return false }
        }
        return c == nil
    }

    /// `-90`, `0.01`, `1000000`: a bound as people write it.
    static func show(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
