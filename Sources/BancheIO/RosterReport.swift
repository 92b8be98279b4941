import BancheCore
import Foundation

/// What `banche roster check` prints.
public enum RosterReport {
    /// The JSON document of `banche roster check --format json`.
    public struct Document: Codable, Sendable, Equatable {
        public struct Violation: Codable, Sendable, Equatable {
            public var rule: String
            public var driver_id: String
            public var start: String
            public var end: String
            public var measured_minutes: Int
            public var limit_minutes: Int
            public var message: String
        }
        public var profile: String
        public var compliant: Bool
        public var drivers_checked: Int
        public var violations: [Violation]
    }

    public static func document(_ vs: [RuleViolation], profile: RuleProfile, drivers: Int) -> Document {
        Document(profile: profile.id, compliant: vs.isEmpty, drivers_checked: drivers, violations: vs.map { v in
            Document.Violation(rule: v.rule, driver_id: v.driverID, start: v.start.iso(in: profile.zone), end: v.end.iso(in: profile.zone),
                               measured_minutes: v.measuredMinutes, limit_minutes: v.limitMinutes, message: v.message)
        })
    }

    /// `{"profile", "compliant", "drivers_checked", "violations": [{"rule", "driver_id", "start",
    /// "end", "measured_minutes", "limit_minutes", "message"}]}`, keys sorted.
    public static func json(_ vs: [RuleViolation], profile: RuleProfile, drivers: Int) throws -> String {
        try JSONText.encode(document(vs, profile: profile, drivers: drivers))
    }

    /// The verdict a clerk reads, in the language of `m`; `drivers` names drivers (driver id →
    /// `PersonLabel`), shown next to the id. Rule codes and times are the same in every language.
    public static func text(_ vs: [RuleViolation], profile: RuleProfile, drivers: Int, records: Int,
                            messages m: Messages = Messages(.en), names: [String: String] = [:]) -> String {
        var s = m("roster.head", ["profile": profile.id, "drivers": drivers, "records": records]) + "\n"
        if vs.isEmpty { return s + m("roster.compliant") + "\n" }
        s += m.plural(vs.count, "roster.violations") + "\n"
        for v in vs {
            // A duration as `hoursMinutes` writes it (4 h 00 min), in the run's language.
            func duration(_ x: Int) -> String {
                x < 60 ? m("duration.m", ["m": x]) : m("duration.hm", ["h": x / 60, "mm": (x % 60 < 10 ? "0" : "") + String(x % 60)])
            }
            let measured = v.rule == "CN-CREW" ? m.plural(v.measuredMinutes, "roster.crew.measured") : duration(v.measuredMinutes)
            let limit = v.rule == "CN-CREW" ? m.plural(v.limitMinutes, "roster.crew.measured") : duration(v.limitMinutes)
            s += "  \(v.rule)  \(PersonLabel.idAndLabel(v.driverID, names))  \(v.start.iso(in: profile.zone)) → \(v.end.iso(in: profile.zone))  "
            s += m("roster.limit", ["measured": measured, "limit": limit]) + "\n"
            // In Chinese, the rule in a sentence first; the engine's detailed sentence follows.
            if m.language != .en, Messages.table(m.language)["rule.\(v.rule)"] != nil { s += "      \(m("rule.\(v.rule)"))\n" }
            s += "      \(v.message)\n"
        }
        return s
    }
}
