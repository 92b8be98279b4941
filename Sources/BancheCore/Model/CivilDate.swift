/// A calendar date without a time zone (a travel day, a licence expiry, a birth date).
///
/// Stored as year, month, day; compares and converts to a day number so ranges and
/// differences need no calendar object.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil when the fields do not form a real Gregorian date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY-MM-DD` (ISO 8601 calendar date). Also accepts `YYYY/MM/DD` and
    /// `YYYY/M/D`, which Chinese Excel writes.
    public init?(iso text: some StringProtocol) {
        // Fast path, no allocation: exactly `YYYY-MM-DD` in ASCII.
        let fast: (Int, Int, Int)?? = text.utf8.withContiguousStorageIfAvailable { b -> (Int, Int, Int)? in
            guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
            var y = 0, m = 0, d = 0
            for i in 0..<10 where i != 4 && i != 7 {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return (0, 0, 0) }
                let n = Int(c &- 48)
                if i < 4 { y = y * 10 + n } else if i < 7 { m = m * 10 + n } else { d = d * 10 + n }
            }
            return (y, m, d)
        }
        if let f = fast ?? nil {
            self.init(year: f.0, month: f.1, day: f.2); return
        }
        let s = text.trimmingSpaces()
        let sep: Character = s.contains("-") ? "-" : "/"
        let parts = s.split(separator: sep, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitChar) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        if sep == "-" && (parts[1].count != 2 || parts[2].count != 2) { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses `YYYYMMDD`.
    public init?(compact s: String) {
        guard s.utf8.count == 8, s.allSatisfy(\.isASCIIDigitChar),
              let y = Int(s.prefix(4)), let m = Int(s.dropFirst(4).prefix(2)), let d = Int(s.suffix(2)) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0); month = m; day = d
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// ISO weekday, Monday = 1 … Sunday = 7.
    public var isoWeekday: Int { ((dayNumber % 7) + 7 + 3) % 7 + 1 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.dayNumber < b.dayNumber }
    public var description: String {
        guard (0...9999).contains(year) else { return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)" }
        let d: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            UInt8(48 + year / 1000), UInt8(48 + year / 100 % 10), UInt8(48 + year / 10 % 10), UInt8(48 + year % 10), 45,
            UInt8(48 + month / 10), UInt8(48 + month % 10), 45, UInt8(48 + day / 10), UInt8(48 + day % 10))
        return withUnsafeBytes(of: d) { String(decoding: $0, as: UTF8.self) }
    }
    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = CivilDate(iso: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(s)"))
        }
        self = d
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer(); try c.encode(description)
    }
}

/// An inclusive range of dates, written `2027-02-11..2027-02-15`.
public struct DateWindow: Hashable, Sendable, CustomStringConvertible {
    public let first: CivilDate
    public let last: CivilDate
    public init?(first: CivilDate, last: CivilDate) {
        guard first <= last else { return nil }
        self.first = first; self.last = last
    }
    /// Parses `A..B` or a single date.
    public init?(_ text: String) {
        let chars = Array(text)
        guard let i = chars.indices.dropLast().first(where: { chars[$0] == "." && chars[$0 + 1] == "." }) else {
            guard let d = CivilDate(iso: text) else { return nil }
            first = d; last = d; return
        }
        guard let a = CivilDate(iso: String(chars[..<i])), let b = CivilDate(iso: String(chars[(i + 2)...])), a <= b else { return nil }
        first = a; last = b
    }
    public func contains(_ d: CivilDate) -> Bool { first <= d && d <= last }
    public func intersection(_ o: DateWindow) -> DateWindow? {
        DateWindow(first: max(first, o.first), last: min(last, o.last))
    }
    public var days: [CivilDate] { (first.dayNumber...last.dayNumber).map(CivilDate.init(dayNumber:)) }
    public var description: String { first == last ? "\(first)" : "\(first)..\(last)" }
}

extension Character {
    var isASCIIDigitChar: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and ideographic spaces (U+3000).
    public func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\u{A0}" }
        guard let s = firstIndex(where: { !isSpace($0) }) else { return "" }
        let e = lastIndex(where: { !isSpace($0) })!
        return String(self[s...e])
    }
}
