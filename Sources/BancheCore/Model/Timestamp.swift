/// An absolute instant, whole seconds since 1970-01-01T00:00:00Z.
///
/// Durations are computed on these; a `ZoneOffset` is used only to show local clock time
/// and to test time-of-day windows (the 02:00–05:00 halt, the night window).
public struct Timestamp: Hashable, Comparable, Sendable, Codable {
    public var seconds: Int
    public init(seconds: Int) { self.seconds = seconds }

    /// The instant at local `date` + `minuteOfDay` in `zone`.
    public init(date: CivilDate, minuteOfDay: Int, zone: ZoneOffset) {
        seconds = date.dayNumber * 86_400 + minuteOfDay * 60 - zone.seconds
    }

    /// Parses ISO 8601 `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]` (a space may stand for `T`).
    /// Without an offset the time is read in `defaultZone`.
    public init?(iso text: some StringProtocol, defaultZone: ZoneOffset) {
        var s = Substring(text.trimmingSpaces())
        var zone = defaultZone
        if s.hasSuffix("Z") { zone = .utc; s = s.dropLast() }
        else if s.count > 6, let signIdx = s.index(s.endIndex, offsetBy: -6, limitedBy: s.startIndex),
                s[signIdx] == "+" || s[signIdx] == "-" {
            guard let z = ZoneOffset(String(s[signIdx...])) else { return nil }
            zone = z; s = s[..<signIdx]
        }
        let sepIdx = s.firstIndex(where: { $0 == "T" || $0 == " " })
        guard let sepIdx, let date = CivilDate(iso: s[..<sepIdx]) else { return nil }
        let tparts = s[s.index(after: sepIdx)...].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(tparts.count), tparts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigitChar) }),
              let h = Int(tparts[0]), let m = Int(tparts[1]), h < 24, m < 60 else { return nil }
        let sec = tparts.count == 3 ? Int(tparts[2])! : 0
        guard sec < 60 else { return nil }
        seconds = date.dayNumber * 86_400 + h * 3600 + m * 60 + sec - zone.seconds
    }

    public func adding(minutes: Int) -> Timestamp { Timestamp(seconds: seconds + minutes * 60) }
    public func adding(seconds s: Int) -> Timestamp { Timestamp(seconds: seconds + s) }
    /// Whole minutes from `self` to `other` (negative if `other` is earlier).
    public func minutes(to other: Timestamp) -> Int { (other.seconds - seconds) / 60 }

    /// Local date in `zone`.
    public func date(in zone: ZoneOffset) -> CivilDate {
        CivilDate(dayNumber: Int((Double(seconds + zone.seconds) / 86_400).rounded(.down)))
    }
    /// Local minute of the day (0..<1440) in `zone`.
    public func minuteOfDay(in zone: ZoneOffset) -> Int {
        let local = seconds + zone.seconds
        return ((local % 86_400 + 86_400) % 86_400) / 60
    }
    /// ISO 8601 with the zone's offset, e.g. `2027-02-11T06:00:00+08:00`.
    /// Written byte by byte: a saved plan writes hundreds of thousands of them (stop times and
    /// duty records), and interpolating the parts cost about a microsecond each.
    public func iso(in zone: ZoneOffset) -> String {
        let local = seconds + zone.seconds
        let secOfDay = ((local % 86_400) + 86_400) % 86_400
        let h = secOfDay / 3600, m = (secOfDay / 60) % 60, s = secOfDay % 60
        let day = date(in: zone)
        guard (0...9999).contains(day.year) else { return "\(day)T\(pad2(h)):\(pad2(m)):\(pad2(s))\(zone)" }
        let z = abs(zone.seconds), zh = z / 3600, zm = (z / 60) % 60
        return String(unsafeUninitializedCapacity: 25) { b in
            func put(_ at: Int, _ n: Int) { b[at] = UInt8(48 + n / 10); b[at + 1] = UInt8(48 + n % 10) }
            put(0, day.year / 100); put(2, day.year % 100); b[4] = 45; put(5, day.month); b[7] = 45; put(8, day.day)
            b[10] = 84; put(11, h); b[13] = 58; put(14, m); b[16] = 58; put(17, s)
            b[19] = zone.seconds < 0 ? 45 : 43; put(20, zh); b[22] = 58; put(23, zm)
            return 25
        }
    }
    /// `HH:MM` local.
    public func clock(in zone: ZoneOffset) -> String {
        let m = minuteOfDay(in: zone)
        return "\(pad2(m / 60)):\(pad2(m % 60))"
    }
    public static func < (a: Self, b: Self) -> Bool { a.seconds < b.seconds }
}

func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

/// A fixed offset from UTC. China uses +08:00 all year (no daylight saving).
public struct ZoneOffset: Hashable, Sendable, CustomStringConvertible, Codable {
    public let seconds: Int
    public init(seconds: Int) { self.seconds = seconds }
    public static let utc = ZoneOffset(seconds: 0)
    /// Asia/Shanghai, +08:00.
    public static let china = ZoneOffset(seconds: 8 * 3600)
    /// Parses `+08:00`, `-05:00`, `+0800`, `Z`.
    public init?(_ text: String) {
        if text == "Z" { seconds = 0; return }
        let sign: Int
        switch text.first { case "+": sign = 1; case "-": sign = -1; default: return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, digits.allSatisfy(\.isASCIIDigitChar), let h = Int(digits.prefix(2)), let m = Int(digits.suffix(2)),
              h <= 14, m < 60 else { return nil }
        seconds = sign * (h * 3600 + m * 60)
    }
    public var description: String {
        if seconds == 0 { return "+00:00" }
        let a = abs(seconds)
        return "\(seconds < 0 ? "-" : "+")\(pad2(a / 3600)):\(pad2((a / 60) % 60))"
    }
}

/// A clock time `HH:MM` as minutes after midnight.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let minutes: Int
    public init?(minutes: Int) { guard (0..<1440).contains(minutes) else { return nil }; self.minutes = minutes }
    /// Parses `HH:MM` (or `H:MM`).
    public init?(_ text: some StringProtocol) {
        let p = text.trimmingSpaces().split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2, (1...2).contains(p[0].count), p[1].count == 2,
              p.allSatisfy({ $0.allSatisfy(\.isASCIIDigitChar) }), let h = Int(p[0]), let m = Int(p[1]), h < 24, m < 60 else { return nil }
        minutes = h * 60 + m
    }
    public static func < (a: Self, b: Self) -> Bool { a.minutes < b.minutes }
    public var description: String { "\(pad2(minutes / 60)):\(pad2(minutes % 60))" }
}
