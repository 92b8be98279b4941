/// A decimal number as people type it: an optional sign, digits with an optional decimal
/// point, an optional exponent (`36.5`, `-0.5`, `1e3`). Refuses what `Double(_:)` would
/// also take but no clerk means: `nan`, `inf`, hexadecimal (`0x1p3`), and anything whose value
/// is not finite. (Issue #10; the import engineer's `FiniteNumber` can replace this on merge.)
public enum PlainNumber {
    /// The number, or nil when `text` (spaces trimmed) is not a plain finite decimal.
    public static func parse(_ text: some StringProtocol) -> Double? {
        let s = String(text).trimmingSpaces()
        let u = Array(s.utf8)
        var i = 0
        func digits() -> Int { let from = i; while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }; return i - from }
        if i < u.count, u[i] == 43 || u[i] == 45 { i += 1 }           // + -
        var mantissa = digits()
        if i < u.count, u[i] == 46 { i += 1; mantissa += digits() }   // .
        guard mantissa > 0 else { return nil }
        if i < u.count, u[i] == 101 || u[i] == 69 {                    // e E
            i += 1
            if i < u.count, u[i] == 43 || u[i] == 45 { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == u.count, let x = Double(s), x.isFinite else { return nil }
        return x
    }

    /// The number if it is plain, finite and within `range`.
    public static func parse(_ text: some StringProtocol, in range: ClosedRange<Double>) -> Double? {
        guard let x = parse(text), range.contains(x) else { return nil }
        return x
    }

    /// `x` for a message: whole numbers without a decimal point, others as Swift prints them.
    /// Never traps (unlike `Int(x)` for huge or non-finite values).
    public static func format(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }
}
