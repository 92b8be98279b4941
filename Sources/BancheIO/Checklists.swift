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
    {"id": "alcohol-test", "name_zh": "酒精检测", "name_en": "driver alcohol test (mg/100 ml)", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "value", "unit": " mg/100ml", "below": 20}},
    {"id": "charter-sign", "name_zh": "包车客运标志牌和合同随车", "name_en": "charter sign and contract on board", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "done"}}
  ]
}
"""#,
        "epidemic-2022": #"""
{
  "id": "epidemic-2022",
  "name": "疫情防控乘车前检查（2022）",
  "steps": [
    {"id": "id-registration", "name_zh": "身份登记", "name_en": "ID registration", "applies_to": "passenger", "blocking": true, "evidence": {"kind": "done"}},
    {"id": "nucleic-acid", "name_zh": "核酸检测", "name_en": "negative nucleic-acid test within 48 h of departure", "applies_to": "passenger", "blocking": true, "evidence": {"kind": "result", "pass": ["negative", "阴性"], "valid_hours": 48}},
    {"id": "temperature", "name_zh": "测体温", "name_en": "temperature below 37.3 °C", "applies_to": "passenger", "blocking": true, "evidence": {"kind": "value", "unit": " °C", "below": 37.3}},
    {"id": "health-code", "name_zh": "健康码", "name_en": "health code green", "applies_to": "passenger", "blocking": true, "evidence": {"kind": "status", "pass": ["green", "绿码"]}},
    {"id": "disinfection", "name_zh": "车辆消毒", "name_en": "disinfection before boarding", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "done"}},
    {"id": "care-pack", "name_zh": "发放爱心包", "name_en": "care pack handed out", "applies_to": "passenger", "blocking": false, "evidence": {"kind": "done"}}
  ]
}
"""#,
    ]

    /// Decodes a checklist from JSON text, checking that step ids are unique and evidence complete.
    public static func decode(_ json: String, source: String) throws -> Checklist {
        let c: Checklist
        do { c = try JSONDecoder().decode(Checklist.self, from: Data(json.utf8)) } catch {
            throw ChecklistError(message: "\(source): not a checklist: \(error)")
        }
        var seen = Set<String>()
        for s in c.steps {
            if !seen.insert(s.id).inserted { throw ChecklistError(message: "\(source): step \(s.id) appears twice") }
            if s.evidence.kind == .value && s.evidence.below == nil && s.evidence.atMost == nil {
                throw ChecklistError(message: "\(source): step \(s.id) takes a value but sets no limit (below or at_most)")
            }
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
