import Foundation

/// Wall-clock time of a command's phases, printed to standard error when `BANCHE_TIMINGS` is
/// set (docs/performance.md: where `banche plan` spends its time). Silent otherwise.
struct PhaseTimer {
    private var last = DispatchTime.now().uptimeNanoseconds
    private var laps: [(String, Double)] = []
    let enabled = ProcessInfo.processInfo.environment["BANCHE_TIMINGS"].map { !$0.isEmpty } ?? false

    mutating func lap(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((name, Double(now - last) / 1e9))
        last = now
    }

    func report() {
        guard enabled else { return }
        let total = laps.reduce(0) { $0 + $1.1 }
        warn("timings: " + laps.map { String(format: "%@ %.2f s", $0.0, $0.1) }.joined(separator: ", ") + String(format: "; total %.2f s", total))
    }
}
