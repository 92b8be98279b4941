import Foundation

/// Character encodings banche reads and writes. Chinese Excel saves "CSV" in GB18030 (its
/// ANSI code page 936 superset); "CSV UTF-8" has a byte-order mark.
public enum TextEncoding: String, Sendable, CaseIterable {
    case auto, utf8, gb18030

    /// Foundation's GB18030-2000 encoding (kCFStringEncodingGB_18030_2000 = 0x0632).
    public static let gb18030Foundation = String.Encoding(rawValue: 0x8000_0632)
}

/// A file could not be decoded as text.
public struct DecodingFailure: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Turns bytes into text, detecting UTF-8 (with or without BOM), UTF-16 with BOM and GB18030.
public enum TextDecoder {
    /// Decodes `data`. With `.auto`: a UTF-8 BOM or valid UTF-8 means UTF-8, otherwise GB18030.
    /// - Returns: the text (without BOM) and the encoding used.
    public static func decode(_ data: Data, as encoding: TextEncoding, file: String) throws -> (String, TextEncoding) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let s = String(data: data, encoding: .utf16) else {
                throw DecodingFailure(file: file, line: 1, column: 1, message: "the file starts with a UTF-16 byte-order mark but is not valid UTF-16")
            }
            return (s.hasPrefix("\u{FEFF}") ? String(s.dropFirst()) : s, .utf8)
        }
        switch encoding {
        case .utf8: return (try utf8(bytes, file: file), .utf8)
        case .gb18030: return (try gb18030(data, bytes: bytes, file: file), .gb18030)
        case .auto:
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || firstInvalidUTF8(bytes) == nil {
                return (try utf8(bytes, file: file), .utf8)
            }
            // Neither clean UTF-8 nor clean GB18030: report the encoding that read further,
            // since the file is most likely in that one with a few bad bytes.
            if let badGB = firstInvalidGB18030(bytes), let badUTF = firstInvalidUTF8(bytes), badUTF > badGB {
                let (line, col) = position(of: badUTF, in: bytes)
                throw DecodingFailure(file: file, line: line, column: col,
                                      message: String(format: "byte 0x%02X is neither valid UTF-8 nor GB18030 (the text before it is UTF-8)", bytes[badUTF]))
            }
            return (try gb18030(data, bytes: bytes, file: file), .gb18030)
        }
    }

    static func utf8(_ bytes: [UInt8], file: String) throws -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let bad = firstInvalidUTF8(Array(body)) {
            let (line, col) = position(of: bad, in: Array(body))
            throw DecodingFailure(file: file, line: line, column: col,
                                  message: String(format: "byte 0x%02X is not valid UTF-8; if the file was saved by Excel as plain CSV, use --encoding gb18030", body[body.startIndex + bad]))
        }
        return String(decoding: body, as: UTF8.self)
    }

    static func gb18030(_ data: Data, bytes: [UInt8], file: String) throws -> String {
        if let bad = firstInvalidGB18030(bytes) {
            let (line, col) = position(of: bad, in: bytes)
            throw DecodingFailure(file: file, line: line, column: col,
                                  message: String(format: "byte 0x%02X is neither valid UTF-8 nor GB18030; save the sheet as \"CSV UTF-8\"", bytes[bad]))
        }
        guard let s = String(data: data, encoding: TextEncoding.gb18030Foundation) else {
            throw DecodingFailure(file: file, line: 1, column: 1, message: "the file is not valid GB18030")
        }
        return s
    }

    /// Line (1-based) and field number of byte `offset`, for error messages.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, col = 1
        for b in bytes[..<offset] {
            if b == 0x0A { line += 1; col = 1 } else if b == 0x2C { col += 1 }
        }
        return (line, col)
    }

    /// Index of the first byte that breaks UTF-8, or nil.
    public static func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0, minCode: UInt32 = 0, code: UInt32 = 0
            switch c {
            case 0xC2...0xDF: need = 1; code = UInt32(c & 0x1F); minCode = 0x80
            case 0xE0...0xEF: need = 2; code = UInt32(c & 0x0F); minCode = 0x800
            case 0xF0...0xF4: need = 3; code = UInt32(c & 0x07); minCode = 0x10000
            default: return i
            }
            guard i + need < n else { return i }
            for k in 1...need {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return i }
                code = (code << 6) | UInt32(cc & 0x3F)
            }
            if code < minCode || code > 0x10FFFF || (0xD800...0xDFFF).contains(code) { return i }
            i += need + 1
        }
        return nil
    }

    /// Index of the first byte that breaks GB18030's structure (one byte ASCII, two bytes
    /// 81–FE + 40–7E/80–FE, four bytes 81–FE 30–39 81–FE 30–39), or nil.
    public static func firstInvalidGB18030(_ b: [UInt8]) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            guard (0x81...0xFE).contains(c), i + 1 < n else { return i }
            let d = b[i + 1]
            if (0x40...0x7E).contains(d) || (0x80...0xFE).contains(d) { i += 2; continue }
            if (0x30...0x39).contains(d), i + 3 < n, (0x81...0xFE).contains(b[i + 2]), (0x30...0x39).contains(b[i + 3]) { i += 4; continue }
            return i
        }
        return nil
    }
}
