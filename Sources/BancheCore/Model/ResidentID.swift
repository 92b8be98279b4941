/// A mainland China resident identity number (居民身份证号码) as defined by GB 11643-1999.
///
/// 18 characters: a 6-digit administrative division code (where the number was first
/// issued), an 8-digit birth date `YYYYMMDD`, a 3-digit sequence (odd = male, even = female)
/// and an ISO 7064 MOD 11-2 check character (`0`–`9` or `X`).
///
/// Numbers never change when divisions are renamed, so the division code is checked only for
/// shape (a real province prefix, non-zero county part), never against today's list: Tiandeng
/// residents registered before 2002 carry `452131`, since then `451425`.
public struct ResidentID: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The normalised 18-character number (a lowercase `x` is upper-cased).
    public let value: String

    /// Why a string is not a valid resident ID number.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case wrongLength(Int)
        case notDigits(position: Int)
        case unknownProvince(String)
        case badDivisionCode(String)
        case badBirthDate(String)
        case birthDateInFuture(String)
        case checkCharacter(expected: Character, found: Character)

        public var description: String {
            switch self {
            case .wrongLength(let n): return "must be 18 characters, found \(n)"
            case .notDigits(let p): return "character \(p) must be a digit"
            case .unknownProvince(let p): return "division code starts with \(p), which is no province (11–82)"
            case .badDivisionCode(let c): return "division code \(c) is not a county-level code"
            case .badBirthDate(let d): return "birth date \(d) is not a real date"
            case .birthDateInFuture(let d): return "birth date \(d) is in the future"
            case .checkCharacter(let e, let f): return "check character should be \(e), found \(f)"
            }
        }
    }

    /// Province-level prefixes of GB/T 2260 (including Taiwan 71, Hong Kong 81, Macao 82,
    /// which appear on residence permits for those regions).
    public static let provincePrefixes: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
        "65", "71", "81", "82", "83",
    ]

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = Array("10X98765432")

    /// The check character for the first 17 digits (ISO 7064 MOD 11-2).
    /// - Precondition: `body` holds exactly 17 ASCII digits.
    public static func checkCharacter(for body: some StringProtocol) -> Character {
        var sum = 0
        for (i, ch) in body.utf8.enumerated() { sum += Int(ch - 48) * weights[i] }
        return checkCharacters[sum % 11]
    }

    /// Validates and normalises `text`.
    /// - Parameter today: when given, a birth date after it is rejected.
    public init(_ text: String, today: CivilDate? = nil) throws(Problem) {
        guard text.utf8.count == 18 else { throw .wrongLength(text.count) }
        var t = text
        t.makeContiguousUTF8() // a no-op for native strings: the check below reads the bytes in place
        let problem = t.utf8.withContiguousStorageIfAvailable { Self.problem(in: $0, today: today) } ?? nil
        if let problem { throw problem }
        value = t.utf8.last == UInt8(ascii: "x") ? t.uppercased() : t
    }

    /// What is wrong with the 18 bytes of a number, or nil.
    static func problem(in chars: UnsafeBufferPointer<UInt8>, today: CivilDate?) -> Problem? {
        func upperX(_ b: UInt8) -> UInt8 { b == UInt8(ascii: "x") ? UInt8(ascii: "X") : b }
        func digit(_ i: Int) -> Int { Int(chars[i] &- 48) }
        func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: chars[r]), as: UTF8.self) }
        for i in 0..<17 where !(48...57).contains(chars[i]) { return .notDigits(position: i + 1) }
        guard (48...57).contains(chars[17]) || upperX(chars[17]) == UInt8(ascii: "X") else { return .notDigits(position: 18) }
        guard provinceNumbers.contains(digit(0) * 10 + digit(1)) else { return .unknownProvince(text(0..<2)) }
        guard digit(2) != 0 || digit(3) != 0 || digit(4) != 0 || digit(5) != 0 else { return .badDivisionCode(text(0..<6)) }
        let y = digit(6) * 1000 + digit(7) * 100 + digit(8) * 10 + digit(9)
        let m = digit(10) * 10 + digit(11), d = digit(12) * 10 + digit(13)
        guard let date = CivilDate(year: y, month: m, day: d), date.year >= 1900 else { return .badBirthDate(text(6..<14)) }
        if let today, date > today { return .birthDateInFuture(text(6..<14)) }
        var sum = 0
        for i in 0..<17 { sum += digit(i) * weights[i] }
        let expected = checkCharacters[sum % 11]
        let found = Character(Unicode.Scalar(upperX(chars[17])))
        guard expected == found else { return .checkCharacter(expected: expected, found: found) }
        return nil
    }

    static let provinceNumbers: Set<Int> = Set(provincePrefixes.compactMap { Int($0) })

    /// The 6-digit division code where the number was first issued.
    public var divisionCode: String { String(value.prefix(6)) }
    /// The birth date encoded in the number.
    public var birthDate: CivilDate { CivilDate(compact: String(value.dropFirst(6).prefix(8)))! }
    /// Gender read from the sequence digit (odd = male).
    public var gender: Gender { (Int(String(value.dropFirst(16).prefix(1)))! % 2 == 1) ? .male : .female }
    /// The number masked for print: first 6 and last 4 shown (`451425********1234`).
    public var masked: String { Masking.residentID(value) }
    public var description: String { value }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
}

/// Gender as read from a resident ID.
public enum Gender: String, Sendable, Codable, Hashable {
    case male, female
    /// 男 / 女
    public var chinese: String { self == .male ? "男" : "女" }
}

/// Masking rules for personal data in printed output and exports.
public enum Masking {
    /// First 6 and last 4 characters kept, the rest replaced by `*`.
    public static func residentID(_ s: String) -> String {
        let c = Array(s)
        guard c.count > 10 else { return String(repeating: "*", count: c.count) }
        return String(c.prefix(6)) + String(repeating: "*", count: c.count - 10) + String(c.suffix(4))
    }
    /// First 3 and last 4 digits kept (`138****5678`).
    public static func phone(_ s: String) -> String {
        let c = Array(s)
        guard c.count > 7 else { return String(repeating: "*", count: c.count) }
        return String(c.prefix(3)) + String(repeating: "*", count: c.count - 7) + String(c.suffix(4))
    }
}

extension Masking {
    /// `text` with every run of digits that could be a resident ID number or a phone masked:
    /// 11 digits as a phone (`138****5678`); 12 or more digits (a trailing `X` included, as in
    /// 18-character ID numbers and 15-digit first-generation ones) as an ID number
    /// (`451425********0157`). Everything else is kept. Every cell value an import message
    /// echoes goes through here, whatever column it was typed into.
    public static func personalData(in text: some StringProtocol) -> String {
        let u = Array(text.utf8)
        var i = 0
        // Fast path: no run of 11 digits at all.
        var run = 0, found = false
        for b in u { if b >= 48 && b <= 57 { run += 1; if run >= 11 { found = true; break } } else { run = 0 } }
        guard found else { return String(text) }
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        while i < u.count {
            guard u[i] >= 48 && u[i] <= 57 else { out.append(u[i]); i += 1; continue }
            var j = i
            while j < u.count, u[j] >= 48 && u[j] <= 57 { j += 1 }
            if j < u.count, u[j] == UInt8(ascii: "X") || u[j] == UInt8(ascii: "x"), j - i == 17 { j += 1 }
            // A UUID (a temporary folder's name, say) is not personal data, whatever its digits.
            if j - i >= 11, let end = uuidEnd(u, around: i) { out.append(contentsOf: u[i..<end]); i = end; continue }
            let digits = String(decoding: u[i..<j], as: UTF8.self)
            let n = j - i
            let masked = n == 11 ? phone(digits) : n > 11 ? residentID(digits) : digits
            out.append(contentsOf: masked.utf8)
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The end of the UUID (8-4-4-4-12 hexadecimal digits) holding the digits from `i`, if any.
    static func uuidEnd(_ u: [UInt8], around i: Int) -> Int? {
        func hex(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102) }
        var j = i
        while j < u.count, u[j] >= 48 && u[j] <= 57 { j += 1 }
        for a in stride(from: i, through: max(0, i - 35), by: -1) where a + 36 <= u.count && a + 36 >= j {
            if (0..<36).allSatisfy({ k in [8, 13, 18, 23].contains(k) ? u[a + k] == UInt8(ascii: "-") : hex(u[a + k]) }) { return a + 36 }
        }
        return nil
    }
}
