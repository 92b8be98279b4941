import Foundation
import Testing
import BancheCore
@testable import BancheIO

/// The message catalogue: both languages hold the same keys with the same placeholders, and
/// every key the code looks up is in the catalogue.
@Suite struct MessagesTests {
    @Test func bothCataloguesHaveTheSameKeys() {
        let en = Set(Messages.en.keys), zh = Set(Messages.zh.keys)
        #expect(en.subtracting(zh).sorted() == [], "missing in zh")
        #expect(zh.subtracting(en).sorted() == [], "missing in en")
        #expect(en.count > 100)
    }

    @Test func bothCataloguesHaveTheSamePlaceholders() {
        for (key, english) in Messages.en {
            guard let chinese = Messages.zh[key] else { continue }
            #expect(Messages.placeholders(in: english) == Messages.placeholders(in: chinese), "\(key)")
        }
    }

    @Test func theChineseTableIsChinese() {
        // A copied English entry is a missing translation; only a few keys may be the same.
        let same = Messages.en.filter { entry in
            let words = Messages.fill(entry.value, Dictionary(uniqueKeysWithValues: Messages.placeholders(in: entry.value).map { ($0, "") }))
            return Messages.zh[entry.key] == entry.value && words.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }
        }
        #expect(same.keys.sorted() == [])
    }

    @Test func placeholdersAreFilledAndUnknownOnesKept() {
        let m = Messages(.zh)
        #expect(m("import.rows", ["n": 619, "file": "workers.csv"]) == "已从 workers.csv 导入 619 行")
        #expect(Messages(.en)("import.rows", ["n": 1, "file": "a.csv"]) == "imported 1 rows from a.csv")
        #expect(Messages.fill("{name} 您好 {x", ["name": "黄"]) == "黄 您好 {x")
        #expect(Messages.fill("{a}{b}", ["a": 1]) == "1{b}")
        #expect(Messages.placeholders(in: "{n} errors; {what}") == ["n", "what"])
        #expect(m("no.such.key") == "no.such.key")
        #expect(m.plural(1, "roster.violations") == "  1 处违规：")
        #expect(Messages(.en).plural(2, "roster.violations") == "  2 violations:")
    }

    @Test(arguments: [
        (["LANG": "zh_CN.UTF-8"], Language.zh), (["LANG": "en_US.UTF-8"], .en), ([:], .en),
        (["LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"], .zh), (["LC_ALL": "C", "LANG": "zh_CN.UTF-8"], .en),
        (["LC_ALL": "", "LANG": "zh_CN.GB18030"], .zh), (["LANG": "C.UTF-8"], .en),
    ])
    func languageFollowsLCAllThenLang(env: [String: String], expected: Language) {
        #expect(Language.fromEnvironment(env) == expected)
    }

    @Test func languageCodes() {
        #expect(Language(code: "zh") == .zh && Language(code: "zh-CN") == .zh && Language(code: "中文") == .zh)
        #expect(Language(code: "EN") == .en && Language(code: "en_GB") == .en)
        #expect(Language(code: "fr") == nil && Language(code: "zhx") == nil && Language(code: "") == nil)
    }

    /// Every `tr("…")`, `help("…")`, `m("…")` and plural key written in Sources/ exists in English
    /// (keys built at run time, `board.status.\(…)`, are checked by their own test).
    @Test func everyKeyTheCodeUsesIsInTheCatalogue() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        let call = try Regex(#"\b(?:tr|help|m|messages)\(\s*"([a-zA-Z0-9_.]+)""#)
        let plural = try Regex(#"(?:trPlural|plural)\([^()]*(?:\([^()]*\))?[^()]*,\s*"([a-zA-Z0-9_.]+)"\)"#)
        var used = Set<String>()
        for f in files where !f.contains("Messages+") {
            let text = try String(contentsOf: sources.appendingPathComponent(f), encoding: .utf8)
            for match in text.matches(of: call) { used.insert(String(match.output[1].substring!)) }
            for match in text.matches(of: plural) { used.insert(String(match.output[1].substring!) + ".one"); used.insert(String(match.output[1].substring!) + ".other") }
        }
        #expect(used.count > 100)
        #expect(used.subtracting(Messages.en.keys).sorted() == [])
        for s in ["cleared", "blocked", "pending", "stale"] { #expect(Messages.en["board.status." + s] != nil) }
    }

    /// The English catalogue's reason sentences are the planner's own (one text, two places
    /// that must agree: the core has no catalogue).
    @Test func reasonSentencesMatchThePlanner() {
        for r in UnplacedReason.allCases {
            #expect(Messages.en["reason.\(r.rawValue)"] == r.explanation, "\(r)")
            #expect(Messages.zh["reason.\(r.rawValue)"] != nil)
        }
    }
}

/// The gate's common findings said in Chinese; the test builds them with the gate itself, so a
/// change in its wording shows here instead of silently falling back to English.
@Suite struct BoardingFindingTextTests {
    @Test func commonFindingsInChinese() throws {
        let checklist = try Checklists.load("standard-2026")
        let gate = BoardingGate(checklist: checklist)
        let at = Timestamp(iso: "2027-02-13T05:00:00+08:00", defaultZone: .china)!
        let idCheck = try #require(checklist.step("id-check"))
        let missing = try #require(gate.judge(idCheck, nil, reference: at))
        let zh = Messages(.zh), en = Messages(.en)
        #expect(BoardingFindingText.text(missing, checklist: checklist, messages: zh) == "\(idCheck.nameZh)：尚未记录")
        #expect(BoardingFindingText.text(missing, checklist: checklist, messages: en) == missing.reason)
        let items = try #require(checklist.step("prohibited-items"))
        let record = BoardingRecord(tripID: "T", workerID: "W1", step: items.id, value: "no", at: at)
        let failed = try #require(gate.judge(items, record, reference: at))
        #expect(failed.status == .blocked)
        #expect(BoardingFindingText.text(failed, checklist: checklist, messages: zh) == "\(items.nameZh)：未通过")
        // The gate's own sentence for a passenger waiting on the bus.
        let (_, people) = gate.evaluate(passengers: ["W1"], records: checklist.steps.filter { $0.appliesTo == .passenger }.map {
            BoardingRecord(tripID: "T", workerID: "W1", step: $0.id, value: $0.id == "prohibited-items" ? "yes" : nil, at: at)
        }, times: .init(firstPickup: at))
        let waiting = try #require(people.first?.findings.first { $0.step == "vehicle" })
        #expect(BoardingFindingText.text(waiting, checklist: checklist, messages: zh) == "车辆还没有通过检查（车辆项目）")
        // Anything else (stale evidence, with its times) keeps the gate's words and numbers.
        let old = BoardingRecord(tripID: "T", workerID: "W1", step: idCheck.id, value: nil, at: Timestamp(iso: "2027-01-01T05:00:00+08:00", defaultZone: .china)!)
        if let stale = gate.judge(idCheck, old, reference: at), stale.status == .stale {
            #expect(BoardingFindingText.text(stale, checklist: checklist, messages: zh) == stale.reason)
        }
    }
}
