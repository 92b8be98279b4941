import BancheCore
import Foundation

/// Rule profiles as data: a shipped id (`cn-passenger`, `eu-561`, `us-fmcsa-passenger`) or a
/// JSON file in the format of Fixtures/profiles/*.json (docs/driver-rules.md):
///
///     {"id": "cn-passenger", "jurisdiction": "china", "zone": "+08:00",
///      "rules": {"continuousDay": 240, "continuousNight": 120, …}}
///
/// A key left out of `rules` keeps the built-in value of its jurisdiction. An unknown key is an
/// error naming it; limits must be positive and finite, times of day 0–1439 minutes.
public enum RuleProfiles {
    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    /// The shipped profile `nameOrFile`, or the profile in the file at that path.
    public static func load(_ nameOrFile: String) throws -> RuleProfile {
        if let p = RuleProfile.named(nameOrFile) { return p }
        guard FileManager.default.fileExists(atPath: nameOrFile) else {
            throw LoadError(message: "profile \"\(nameOrFile)\" is neither \(RuleProfile.all.map(\.id).joined(separator: ", ")) nor a profile file")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: nameOrFile)) } catch {
            throw LoadError(message: "\(nameOrFile): cannot read the profile file (\(error.localizedDescription))")
        }
        return try decode(data, source: nameOrFile)
    }

    static let topKeys = ["id", "jurisdiction", "zone", "rules"]

    /// Decodes and checks a profile file.
    public static func decode(_ data: Data, source: String) throws -> RuleProfile {
        func fail(_ m: String) -> LoadError { LoadError(message: "\(source): \(m)") }
        let any: Any
        do { any = try JSONSerialization.jsonObject(with: data) } catch { throw fail("not valid JSON") }
        guard let top = any as? [String: Any] else { throw fail("a profile is a JSON object with keys \(topKeys.joined(separator: ", "))") }
        if let k = top.keys.sorted().first(where: { !topKeys.contains($0) }) {
            throw fail("unknown key \"\(k)\"; a profile takes \(topKeys.joined(separator: ", "))")
        }
        guard let id = top["id"] as? String, !id.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("\"id\" must be a non-empty string") }
        guard let zoneText = top["zone"] as? String, let zone = ZoneOffset(zoneText) else { throw fail("\"zone\" must be an offset such as \"+08:00\" or \"Z\"") }
        let rules = top["rules"] ?? [String: Any]()
        guard let given = rules as? [String: Any] else { throw fail("\"rules\" must be a JSON object") }
        switch top["jurisdiction"] as? String {
        case ChinaRules.jurisdiction: return RuleProfile(id: id, zone: zone, rules: .china(try ruleSet(ChinaRules(), given, fail)))
        case EURules.jurisdiction: return RuleProfile(id: id, zone: zone, rules: .eu(try ruleSet(EURules(), given, fail)))
        case USRules.jurisdiction: return RuleProfile(id: id, zone: zone, rules: .us(try ruleSet(USRules(), given, fail)))
        default: throw fail("\"jurisdiction\" must be one of \(ChinaRules.jurisdiction), \(EURules.jurisdiction), \(USRules.jurisdiction)")
        }
    }

    /// JSON `true`/`false` (which Foundation may hand over as an NSNumber).
    static func isBool(_ v: Any) -> Bool { String(describing: type(of: v)).contains("Bool") }

    /// The defaults of `T` overlaid with `given`, each given value checked.
    static func ruleSet<T: RuleSet>(_ defaults: T, _ given: [String: Any], _ fail: (String) -> LoadError) throws -> T {
        let base = try JSONSerialization.jsonObject(with: JSONEncoder().encode(defaults)) as! [String: Any]
        var merged = base
        // Minutes and counts are whole numbers; distances (km) need not be.
        let wholeKeys = Set(Mirror(reflecting: defaults).children.compactMap { $0.value is Int ? $0.label : nil })
        for key in given.keys.sorted() {
            guard let def = base[key] else {
                throw fail("unknown key \"rules.\(key)\"; \(T.jurisdiction) rules take \(base.keys.sorted().joined(separator: ", "))")
            }
            let value = given[key]!
            if def is [Any] {
                guard value is [Any] else { throw fail("\"rules.\(key)\" must be a list") }
            } else {
                guard let n = value as? NSNumber, !isBool(value) else { throw fail("\"rules.\(key)\" must be a number") }
                let x = n.doubleValue
                guard x.isFinite else { throw fail("\"rules.\(key)\" must be finite") }
                if wholeKeys.contains(key) && x != x.rounded() { throw fail("\"rules.\(key)\" must be a whole number; got \(n)") }
                if T.timeOfDayKeys.contains(key) {
                    guard x >= 0 && x < 1440 && x == x.rounded() else { throw fail("\"rules.\(key)\" is a time of day in minutes after midnight, 0 to 1439; got \(n)") }
                } else {
                    guard x > 0 else { throw fail("\"rules.\(key)\" must be positive; got \(n)") }
                }
            }
            merged[key] = value
        }
        do {
            return try JSONDecoder().decode(T.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch let DecodingError.dataCorrupted(c) {
            throw fail("\"rules.\(c.codingPath.map(\.stringValue).joined(separator: "."))\": \(c.debugDescription)")
        } catch let DecodingError.typeMismatch(_, c) {
            throw fail("\"rules.\(c.codingPath.map(\.stringValue).joined(separator: "."))\": \(c.debugDescription)")
        } catch {
            throw fail("\(error)")
        }
    }
}
