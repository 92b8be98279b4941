import BancheCore

/// A boarding finding as a clerk reads it, in the run's language. The gate writes its reasons
/// in English with the step's bilingual name (`实名制核验 real-name ID check …: not recorded
/// yet`); in Chinese the most common outcomes — not recorded, failed, the bus not cleared, not
/// blocking — are said in Chinese with the step's Chinese name. Any other reason (a value out
/// of range, stale evidence) is kept as the gate wrote it, with its numbers.
public enum BoardingFindingText {
    public static func text(_ f: BoardingGate.Finding, checklist: Checklist, messages m: Messages) -> String {
        guard m.language == .zh else { return f.reason }
        var reason = Substring(f.reason), suffix = ""
        if reason.hasSuffix(" (not blocking)") { reason = reason.dropLast(" (not blocking)".count); suffix = m("board.finding.notBlocking") }
        if f.step == "vehicle" && reason == "the bus is not cleared yet (vehicle steps)" { return m("board.finding.busNotCleared") + suffix }
        guard let step = checklist.step(f.step) else { return f.reason }
        let name = "\(step.nameZh) \(step.nameEn)"
        if reason == "\(name): not recorded yet" { return m("board.finding.notRecorded", ["step": step.nameZh]) + suffix }
        if reason == "\(name): failed" { return m("board.finding.failed", ["step": step.nameZh]) + suffix }
        return f.reason
    }
}
