import Foundation

/// Encodes banche's documented JSON documents: each is a `Codable` struct whose property
/// names are the snake_case keys, written with sorted keys, pretty-printed, slashes
/// unescaped, so the same value prints the same bytes.
public enum JSONText {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }
}
