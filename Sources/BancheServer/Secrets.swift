import Crypto
import CryptoExtras
import Foundation

/// Random secrets, their hashes, and office passwords' slow hashes.
public enum Secrets {
    /// `count` random bytes from the system's generator, base64url without padding
    /// (32 bytes: 43 characters, 256 bits).
    public static func random(bytes count: Int = 32) -> String {
        var g = SystemRandomNumberGenerator()
        return base64url(Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &g) }))
    }

    /// A short public id for a link (`tk-` and 10 base32 characters), printed and used to revoke.
    public static func tokenID() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        var g = SystemRandomNumberGenerator()
        return "tk-" + String((0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] })
    }

    static func base64url(_ d: Data) -> String {
        d.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Hex SHA-256 of a link's secret: what the database keeps.
    public static func sha256(_ s: String) -> String {
        SHA256.hash(data: Data(s.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two strings in time independent of where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var d: UInt8 = 0
        for i in 0..<x.count { d |= x[i] ^ y[i] }
        return d == 0
    }

    /// PBKDF2-HMAC-SHA256 rounds for office passwords (OWASP's 2023 figure for SHA-256).
    public static let passwordRounds = 600_000

    /// `pbkdf2-sha256$ROUNDS$SALT$HASH` (salt 16 bytes, hash 32 bytes, both base64url).
    public static func hashPassword(_ password: String, rounds: Int = passwordRounds) throws -> String {
        let salt = random(bytes: 16)
        return "pbkdf2-sha256$\(rounds)$\(salt)$\(try derive(password, salt: salt, rounds: rounds))"
    }

    /// Whether `password` matches a hash made by `hashPassword`.
    public static func verifyPassword(_ password: String, hash: String) -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds >= 210_000, rounds <= 10_000_000,
              let derived = try? derive(password, salt: parts[2], rounds: rounds) else { return false }
        return constantTimeEqual(derived, parts[3])
    }

    static func derive(_ password: String, salt: String, rounds: Int) throws -> String {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Data(password.utf8), salt: Data(salt.utf8), using: .sha256, outputByteCount: 32, rounds: rounds)
        return key.withUnsafeBytes { base64url(Data($0)) }
    }
}
