import BancheCore
import Foundation

/// Checklist profiles: the two shipped ones, or a JSON file in the same format
/// (docs/boarding.md). The shipped texts equal Fixtures/checklists/*.json (a test checks).
public enum Checklists {
    public static let builtIn: [String: String] = [
        "standard-2026": #"""
{
  "id": "standard-2026",
  "name": "包车客运乘车前检查（2026）",
  "steps": [
    {"id": "id-check", "name_zh": "实名制核验", "name_en": "real-name ID check against the manifest", "applies_to": "passenger", "blocking": true, "evidence": {"kind": "done"}},
    {"id": "safety-briefing", "name_zh": "安全告知", "name_en": "safety briefing and seat belts", "applies_to": "passenger", "blocking": true, "evidence": {"kind": "done"}},
    {"id": "prohibited-items", "name_zh": "危险品检查", "name_en": "prohibited-items check", "applies_to": "passenger", "blocking": true, "evidence": {"kind": "done"}},
    {"id": "vehicle-inspection", "name_zh": "车辆例检", "name_en": "pre-departure safety inspection", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "done"}},
    {"id": "alcohol-test", "name_zh": "酒精检测", "name_en": "driver alcohol test (mg/100 ml)", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "value", "unit": " mg/100ml", "below": 20, "min": 0, "max": 500}},
    {"id": "charter-sign", "name_zh": "包车客运标志牌和合同随车", "name_en": "charter sign and contract on board", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "done"}}
  ]
}
"""#,
        "epidemic-2022": #"""
{
  "id": "epidemic-2022",
  "name": "疫情防控乘车前检查（2022）",
  "max_occupancy": 0.5,
  "steps": [
    {"id": "id-registration", "name_zh": "身份登记", "name_en": "ID registration", "applies_to": "passenger", "blocking": true, "evidence": {"kind": "done"}},
    {"id": "nucleic-acid", "name_zh": "核酸检测", "name_en": "negative nucleic-acid test within 48 h of departure", "applies_to": "passenger", "blocking": true, "evidence": {"kind": "result", "pass": ["negative", "阴性"], "valid_hours": 48}},
    {"id": "temperature", "name_zh": "测体温", "name_en": "temperature below 37.3 °C", "applies_to": "passenger", "blocking": true, "evidence": {"kind": "value", "unit": " °C", "below": 37.3, "min": 30, "max": 45}},
    {"id": "health-code", "name_zh": "健康码", "name_en": "health code green", "applies_to": "passenger", "blocking": true, "evidence": {"kind": "status", "pass": ["green", "绿码"]}},
    {"id": "disinfection", "name_zh": "车辆消毒", "name_en": "disinfection before boarding", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "done"}},
    {"id": "care-pack", "name_zh": "发放爱心包", "name_en": "care pack handed out", "applies_to": "passenger", "blocking": false, "evidence": {"kind": "done"}}
  ]
}
"""#,
    ]

    /// The keys a checklist may have, at each level (docs/boarding.md). Any other key is an
    /// error naming it, so that a misspelt limit cannot vanish.
    static let checklistKeys = ["id", "name", "max_occupancy", "steps"]
    static let stepKeys = ["id", "name_zh", "name_en", "applies_to", "blocking", "evidence"]
    static let evidenceKeys = ["kind", "unit", "below", "at_most", "min", "max", "valid_hours", "pass"]

    /// Decodes a checklist from JSON text and checks it: known keys only, at least one
    /// blocking step, unique step ids, finite limits within ±1,000,000, `max_occupancy` in
    /// (0, 1], `valid_hours` above 0.
    public static func decode(_ json: String, source: String) throws -> Checklist {
        func bad(_ m: String) -> ChecklistError { ChecklistError(message: "\(source): \(m)") }
        let any: Any
        do { any = try JSONSerialization.jsonObject(with: Data(json.utf8)) } catch {
            throw bad("not JSON: \(error.localizedDescription)")
        }
        guard let top = any as? [String: Any] else { throw bad("a checklist is a JSON object {\"id\": …, \"steps\": […]}") }
        func unknown(_ o: [String: Any], _ allowed: [String], _ where_: String) throws {
            for k in o.keys.sorted() where !allowed.contains(k) {
                throw bad("unknown key \"\(k)\" in \(where_); allowed: \(allowed.joined(separator: ", "))")
            }
        }
        try unknown(top, checklistKeys, "the checklist")
        for (i, raw) in ((top["steps"] as? [Any]) ?? []).enumerated() {
            guard let step = raw as? [String: Any] else { throw bad("step \(i + 1) is not a JSON object") }
            let name = (step["id"] as? String).map { "step \($0)" } ?? "step \(i + 1)"
            try unknown(step, stepKeys, name)
            if let e = step["evidence"] {
                guard let ev = e as? [String: Any] else { throw bad("\(name): evidence is not a JSON object") }
                try unknown(ev, evidenceKeys, "the evidence of \(name)")
            }
        }
        let c: Checklist
        do { c = try JSONDecoder().decode(Checklist.self, from: Data(json.utf8)) } catch {
            throw bad("not a checklist: \(error)")
        }
        if let m = c.maxOccupancy, !(m > 0 && m <= 1) {
            throw bad("max_occupancy \(PlainNumber.format(m)) must be above 0 and at most 1 (0.5 = half the licensed seats)")
        }
        if !c.steps.contains(where: \.blocking) { throw bad("no blocking step: a checklist must stop someone for something") }
        var seen = Set<String>()
        for s in c.steps {
            if s.id.trimmingSpaces().isEmpty { throw bad("a step has an empty id") }
            if !seen.insert(s.id).inserted { throw bad("step \(s.id) appears twice") }
            let e = s.evidence
            for (key, x) in [("below", e.below), ("at_most", e.atMost), ("min", e.min), ("max", e.max)] {
                guard let x else { continue }
                if !Checklist.Evidence.defaultRange.contains(x) {
                    throw bad("step \(s.id): \(key) \(PlainNumber.format(x)) must be a finite number from -1000000 to 1000000")
                }
                if e.kind != .value { throw bad("step \(s.id): \(key) applies to value steps only (kind \(e.kind.rawValue))") }
            }
            if let lo = e.min, let hi = e.max, lo > hi { throw bad("step \(s.id): min \(PlainNumber.format(lo)) is above max \(PlainNumber.format(hi))") }
            if let h = e.validHours, !(h > 0 && h <= 24 * 366) { throw bad("step \(s.id): valid_hours \(PlainNumber.format(h)) must be above 0 and at most 8784 (a year)") }
            if e.kind == .value && e.below == nil && e.atMost == nil {
                throw bad("step \(s.id) takes a value but sets no limit (below or at_most)")
            }
            if (e.kind == .status) && e.passWords.isEmpty { throw bad("step \(s.id) is a status but lists no pass words") }
        }
        return c
    }

    /// A shipped checklist by id, or one read from a JSON file.
    public static func load(_ nameOrPath: String) throws -> Checklist {
        if let text = builtIn[nameOrPath] { return try decode(text, source: nameOrPath) }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw ChecklistError(message: "no checklist \(nameOrPath): give standard-2026, epidemic-2022 or a JSON file")
        }
        return try decode(String(decoding: data, as: UTF8.self), source: nameOrPath)
    }
}

public struct ChecklistError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
