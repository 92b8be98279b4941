/// A decimal number as people type it: an optional sign, digits with an optional decimal
/// point, an optional exponent (`36.5`, `-0.5`, `1e3`). Refuses what `Double(_:)` would
/// also take but no clerk means: `nan`, `inf`, hexadecimal (`0x1p3`), and anything whose value
/// is not finite. (Issue #10; the import engineer's `FiniteNumber` can replace this on merge.)
public enum PlainNumber {
    /// The number, or nil when `text` (spaces trimmed) is not a plain finite decimal — the
    /// same rule as every importer (`FiniteNumber`).
    public static func parse(_ text: some StringProtocol) -> Double? {
        try? FiniteNumber.parse(text, range: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
    }

    /// The number if it is plain, finite and within `range`.
    public static func parse(_ text: some StringProtocol, in range: ClosedRange<Double>) -> Double? {
        try? FiniteNumber.parse(text, range: range)
    }

    /// `x` for a message: whole numbers without a decimal point, others as Swift prints them.
    /// Never traps (unlike `Int(x)` for huge or non-finite values).
    public static func format(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }
}
