/// Why a date or a date range typed by a person is refused.
public enum DateProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not `YYYY-MM-DD` (or `YYYY/M/D`), or no such day.
    case notADate
    /// A real date, but its year is outside `CivilDate.sensibleYears`.
    case yearOutOfRange(Int)
    /// The last day is before the first.
    case reversed
    /// The range spans more than the allowed number of days (first and last included).
    case windowTooLong(days: Int)

    public var description: String {
        switch self {
        case .notADate: return "is not a date; write YYYY-MM-DD, e.g. 2027-02-12"
        case .yearOutOfRange(let y): return "year \(y) is outside \(CivilDate.sensibleYears.lowerBound)–\(CivilDate.sensibleYears.upperBound); a typing mistake?"
        case .reversed: return "ends before it starts"
        case .windowTooLong(let d): return "spans \(d) days, more than \(DateWindow.maxDays) days"
        }
    }
}

extension CivilDate {
    /// Years banche accepts in any date typed by a person (birth dates of the oldest
    /// travellers to licence expiries decades ahead).
    public static let sensibleYears = 1900...2100

    /// Parses `YYYY-MM-DD` (or `YYYY/M/D`) and refuses a year outside `sensibleYears`: the one
    /// rule for import cells and command flags (`--dates`, `--before`, `--first-day`).
    public static func parseChecked(_ text: some StringProtocol) throws(DateProblem) -> CivilDate {
        guard let d = CivilDate(iso: text) else { throw .notADate }
        guard sensibleYears.contains(d.year) else { throw .yearOutOfRange(d.year) }
        return d
    }
}

extension DateWindow {
    /// The longest range of days accepted from input (a travel window, a route's service,
    /// a bus's or driver's availability): one year, leap day included.
    public static let maxDays = 366

    /// Parses `A..B` or a single date with `CivilDate.parseChecked`, and refuses a range that
    /// ends before it starts or spans more than `maxDays` days.
    public static func parseChecked(_ text: String, maxDays: Int = DateWindow.maxDays) throws(DateProblem) -> DateWindow {
        let chars = Array(text)
        guard let i = chars.indices.dropLast().first(where: { chars[$0] == "." && chars[$0 + 1] == "." }) else {
            let d = try CivilDate.parseChecked(text)
            return DateWindow(first: d, last: d)!
        }
        let a = try CivilDate.parseChecked(String(chars[..<i]))
        let b = try CivilDate.parseChecked(String(chars[(i + 2)...]))
        return try checked(first: a, last: b, maxDays: maxDays)
    }

    /// The window `first...last`, refused when reversed or longer than `maxDays` days.
    public static func checked(first: CivilDate, last: CivilDate, maxDays: Int = DateWindow.maxDays) throws(DateProblem) -> DateWindow {
        guard let w = DateWindow(first: first, last: last) else { throw .reversed }
        let days = last.dayNumber - first.dayNumber + 1
        guard days <= maxDays else { throw .windowTooLong(days: days) }
        return w
    }
}
