import Foundation
import Testing
import BancheCore
@testable import BancheIO

@Suite struct RuleProfileFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    func file(_ id: String) -> String { Self.root.appendingPathComponent("Fixtures/profiles/\(id).json").path }
    func decode(_ json: String) throws -> RuleProfile { try RuleProfiles.decode(Data(json.utf8), source: "p.json") }
    func message(_ json: String) -> String {
        do { _ = try decode(json); return "" } catch { return "\(error)" }
    }

    @Test func shippedProfilesEqualTheFixtureFiles() throws {
        for p in RuleProfile.all {
            #expect(try RuleProfiles.load(file(p.id)) == p)
            #expect(try RuleProfiles.load(p.id) == p)
            // Each file spells out every parameter of its rule set.
            let o = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file(p.id)))) as? [String: Any])
            let rules = try #require(o["rules"] as? [String: Any])
            let all = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(AnyRuleSet(p.ruleSet))) as? [String: Any])
            #expect(Set(rules.keys) == Set(all.keys), "\(p.id)")
        }
    }

    @Test func aProvinceVariantIsData() throws {
        let p = try decode(#"{"id": "cn-strict", "jurisdiction": "china", "zone": "+08:00", "rules": {"haltExemptKm": 100, "haltExemptServices": ["airport-rail-express", "feeder"]}}"#)
        let cn = try #require(p.china)
        #expect(p.id == "cn-strict" && cn.haltExemptKm == 100 && cn.haltExemptServices == [.airportRailExpress, .feeder])
        #expect(cn.continuousDay == 240)   // the rest keeps the built-in values
        // The engine runs it: a 150 km feeder run at 03:00 halts under this variant.
        let r = DutyRecord(driverID: "D1", activity: .drive, start: Timestamp(iso: "2027-02-14T02:30+08:00", defaultZone: .china)!,
                           end: Timestamp(iso: "2027-02-14T03:00+08:00", defaultZone: .china)!, tripKm: 150, service: .feeder)
        #expect(RuleEngine(profile: p).violations([r]).map(\.rule) == ["CN-NIGHT-HALT"])
        #expect(RuleEngine(profile: .cnPassenger).violations([r]).isEmpty)
    }

    @Test func unknownKeysAreErrorsNamingTheKey() {
        #expect(message(#"{"id": "x", "jurisdiction": "china", "zone": "+08:00", "rulez": {}}"#).contains("unknown key \"rulez\""))
        #expect(message(#"{"id": "x", "jurisdiction": "china", "zone": "+08:00", "rules": {"continousDay": 240}}"#).contains("unknown key \"rules.continousDay\""))
        // A key of another jurisdiction is unknown too.
        #expect(message(#"{"id": "x", "jurisdiction": "us", "zone": "+08:00", "rules": {"crewKm": 400}}"#).contains("unknown key \"rules.crewKm\""))
    }

    @Test func limitsArePositiveAndFinite() {
        #expect(message(#"{"id": "x", "jurisdiction": "china", "zone": "+08:00", "rules": {"continuousDay": 0}}"#).contains("rules.continuousDay\" must be positive"))
        #expect(message(#"{"id": "x", "jurisdiction": "eu", "zone": "Z", "rules": {"breakAfter": -1}}"#).contains("rules.breakAfter\" must be positive"))
        #expect(message(#"{"id": "x", "jurisdiction": "china", "zone": "+08:00", "rules": {"crewKm": 1e400}}"#).contains("not valid JSON"))
        #expect(message(#"{"id": "x", "jurisdiction": "china", "zone": "+08:00", "rules": {"crewKm": "400"}}"#).contains("rules.crewKm\" must be a number"))
        #expect(message(#"{"id": "x", "jurisdiction": "china", "zone": "+08:00", "rules": {"daily": true}}"#).contains("rules.daily\" must be a number"))
        #expect(message(#"{"id": "x", "jurisdiction": "china", "zone": "+08:00", "rules": {"daily": 480.5}}"#).contains("rules.daily"))
        // Times of day may be midnight (0) but not 24:00.
        #expect(message(#"{"id": "x", "jurisdiction": "china", "zone": "+08:00", "rules": {"nightEnd": 0}}"#) == "")
        #expect(message(#"{"id": "x", "jurisdiction": "china", "zone": "+08:00", "rules": {"nightEnd": 1440}}"#).contains("time of day"))
        #expect(message(#"{"id": "x", "jurisdiction": "china", "zone": "+08:00", "rules": {"haltExemptServices": ["shuttle"]}}"#).contains("rules.haltExemptServices"))
        #expect(message(#"{"id": "x", "jurisdiction": "mars", "zone": "+08:00"}"#).contains("jurisdiction"))
        #expect(message(#"{"id": "x", "jurisdiction": "china", "zone": "8"}"#).contains("zone"))
        #expect(message(#"{"id": "x", "jurisdiction": "china", "zone": "+08:00", "rules": {"daily": 1}}"#) == "")
    }
}

/// Encodes whichever rule set a profile holds.
struct AnyRuleSet: Encodable {
    let set: any RuleSet
    init(_ s: any RuleSet) { set = s }
    func encode(to encoder: any Encoder) throws { try set.encode(to: encoder) }
}
