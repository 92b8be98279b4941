import ArgumentParser
import BancheCore
import BancheIO
import BancheServer
import BancheStore
import Foundation

struct BenchServe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Simulated phones record boarding steps against `banche serve` on loopback.",
        discussion: """
        Starts the server in this process over --db (a planned database: it is written to; use a
        copy), issues one link per phone for the plan's trips in turn, and lets every phone record
        the epidemic-2022 checklist's 5 passenger steps for --passengers passengers, all phones at
        once. Then counts the records in the database: every acknowledged record stored once,
        nothing else. docs/performance.md reports the full size (300 phones × 5 × 50).
        """)
    @Option(help: "Simulated phones.") var phones = 300
    @Option(help: "Passengers each phone checks in (5 records each).") var passengers = 50
    @Option(help: "Every Nth record is sent twice with the same client_record_id (0: never).") var retryEvery = 50
    @OptionGroup var address: ListenOption
    @Option(help: "Output: text or json.") var format: OutputFormat = .text
    @OptionGroup var store: StoreOptions

    func run() throws {
        let checklist = try Checklists.load("epidemic-2022")
        let steps: [(String, String?)] = [("id-registration", nil), ("nucleic-acid", "negative"), ("temperature", "36.5"), ("health-code", "green"), ("care-pack", nil)]
        let (host, port) = address.parts!
        let runID = "bench\(now().seconds)"
        try store.with { anyStore in
            let s = try anyStore.sqlite("bench serve")
            let trips = try s.latestTripIDs().compactMap { try s.trip($0) }.filter { $0.closedAt == nil && $0.closedStops.isEmpty && !$0.passengers.isEmpty }
            guard !trips.isEmpty else { throw ValidationError("no open trip with passengers in \(store.db); plan first") }
            var list: [LoadTest.Phone] = []
            for i in 0..<phones {
                let t = trips[i % trips.count], secret = Secrets.random()
                try s.addToken(id: Secrets.tokenID(), secretSHA256: Secrets.sha256(secret), trip: t.tripID, stop: nil,
                               expiresAt: now().adding(minutes: 120), audit: auditStamp())
                list.append(LoadTest.Phone(trip: t.tripID, secret: secret, workers: t.passengers))
            }
            let config = ServeConfig(host: host, port: port, checklist: checklist, clock: { now() })
            let server = BoardingServer(store: s, config: config)
            let load = LoadTest(base: URL(string: "http://\(host):\(port)")!, phones: list, passengers: passengers, steps: steps,
                                retryEvery: retryEvery, runID: runID)
            final class Box: @unchecked Sendable { var result: LoadTest.Result? }
            let box = Box()
            try runBlocking {
                let app = server.application()
                let serving = Task { try await app.run() }
                defer { serving.cancel() }
                try await LoadTest.waitForServer(load.base)
                box.result = try await load.run()
            }
            let r = box.result!
            let stored = try s.clientRecordIDs(prefix: runID + "-")
            let storedSet = Set(stored), acknowledged = Set(r.acknowledgedIDs)
            let lost = acknowledged.subtracting(storedSet).count, duplicated = stored.count - storedSet.count
            let unacknowledged = storedSet.subtracting(acknowledged).count
            let rate = Double(r.sent) / max(r.seconds, 0.001)
            let doc: [String: Any] = [
                "phones": r.phones, "records_expected": phones * passengers * steps.count, "requests_sent": r.sent, "created": r.created,
                "repeats_answered_with_same_record": r.repeatsAnsweredWithTheSameRecord, "failed": r.failed,
                "stored_in_database": stored.count, "lost": lost, "duplicated": duplicated, "stored_unacknowledged": unacknowledged,
                "seconds": (r.seconds * 100).rounded() / 100, "requests_per_second": rate.rounded(),
                "p50_ms": (r.p50ms * 10).rounded() / 10, "p99_ms": (r.p99ms * 10).rounded() / 10, "max_ms": (r.maxms * 10).rounded() / 10,
                "peak_memory_mib": peakMemoryMiB().rounded(),
            ]
            if format == .json {
                say(String(decoding: try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys]), as: UTF8.self))
            } else {
                say("""
                phones        \(r.phones) at once, \(passengers) passengers × \(steps.count) steps each, every \(retryEvery)th record sent twice
                requests      \(r.sent) in \(String(format: "%.2f", r.seconds)) s (\(Int(rate)) per second); \(r.failed) failed\(r.firstFailure.map { " (first: \($0))" } ?? "")
                latency       p50 \(String(format: "%.1f", r.p50ms)) ms, p99 \(String(format: "%.1f", r.p99ms)) ms, max \(String(format: "%.1f", r.maxms)) ms
                database      \(stored.count) records of this run for \(r.created) acknowledged: \(lost) lost, \(duplicated) duplicated, \(unacknowledged) stored but not acknowledged
                repeats       \(r.repeatsAnsweredWithTheSameRecord) answered 200 with the record stored the first time
                memory        peak \(Int(peakMemoryMiB())) MiB (server and phones, one process)
                """)
            }
            if lost > 0 || duplicated > 0 || r.failed > 0 { throw ExitCode(1) }
        }
    }
}
