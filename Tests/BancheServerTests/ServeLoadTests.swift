import BancheCore
import BancheIO
import BancheServer
import BancheStore
import Foundation
import Testing

/// The load test of docs/performance.md, scaled down to seconds: phones at once on loopback,
/// then the database counted.
@Suite struct ServeLoadTests {
    /// The server runs as its own process (`banche serve`), as it does at a pickup point: in the
    /// test process it would share two cooperative threads with tests that block them on child
    /// processes, and the phones' requests could time out before it was given a turn (CI once
    /// saw every phone cut off after 80 s).
    @Test func concurrentPhonesLoseAndDuplicateNothing() async throws {
        let f = try ServeFixture.make()
        let phones = try f.phones(24)
        let port = Int.random(in: 20_000...60_000)
        let base = URL(string: "http://127.0.0.1:\(port)")!
        let steps: [(String, String?)] = [("id-registration", nil), ("nucleic-acid", "negative"), ("temperature", "36.5"), ("health-code", "green"), ("care-pack", nil)]
        let server = try ServeFixture.startServer(f, port: port)
        defer { kill(server.processIdentifier, SIGTERM); server.waitUntilExit() }
        try await LoadTest.waitForServer(base)
        let load = LoadTest(base: base, phones: phones, passengers: 8, steps: steps, retryEvery: 7, runID: "t")
        let result = try await load.run()
        let expected = 24 * 8 * 5
        #expect(result.failed == 0, "\(result.firstFailure ?? "")")
        #expect(result.phonesCutOff == 0, "\(result.firstCutOff ?? "")")
        #expect(result.created == expected)
        #expect(result.repeatsAnsweredWithTheSameRecord == 24 * (40 / 7))
        let store = try SQLiteStore(path: f.db)
        defer { _ = try? store.close() }
        let stored = try store.clientRecordIDs(prefix: "t-")
        #expect(stored.count == expected, "records lost or duplicated")
        #expect(Set(stored) == Set(result.acknowledgedIDs))
        print("load (scaled): \(result.sent) requests in \(result.seconds) s, p50 \(result.p50ms) ms, p99 \(result.p99ms) ms")
        // The gate sees them: the passengers checked are held only by the bus (no vehicle step recorded).
        let gate = BoardingGate(checklist: try Checklists.load("epidemic-2022"))
        let t0 = try #require(try store.trip(phones[0].trip))
        let (_, people) = gate.evaluate(trip: t0, records: try store.boardingRecords(trip: t0.tripID))
        let checked = Set(phones[0].workers.prefix(8))
        #expect(people.filter { checked.contains($0.workerID ?? "") }.count == checked.count)
        for v in people where checked.contains(v.workerID ?? "") { #expect(v.findings.map(\.step) == ["vehicle"], "\(v)") }
    }
}

/// The server killed (SIGKILL) under load: no acknowledged record is lost, and phones that
/// re-send everything to the restarted server (their queues) create no duplicate.
@Suite struct ServeKillTests {
    @Test func killingTheServerLosesNoAcknowledgedRecord() async throws {
        let f = try ServeFixture.make()
        let phones = try f.phones(12)
        let port = Int.random(in: 20_000...60_000)
        let base = URL(string: "http://127.0.0.1:\(port)")!
        let steps: [(String, String?)] = [("id-registration", nil), ("nucleic-acid", "negative"), ("temperature", "36.5"), ("health-code", "green"), ("care-pack", nil)]
        let load = LoadTest(base: base, phones: phones, passengers: 20, steps: steps, retryEvery: 0, runID: "k")

        let server = try ServeFixture.startServer(f, port: port)
        try await LoadTest.waitForServer(base)
        let running = Task { try await load.run() }
        try await Task.sleep(for: .milliseconds(1500))
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        let first = try await running.value
        #expect(first.phonesCutOff > 0, "the server was killed before the phones were done")
        #expect(first.failed == 0, "\(first.firstFailure ?? "")")
        let store = try SQLiteStore(path: f.db)
        let afterKill = Set(try store.clientRecordIDs(prefix: "k-"))
        try store.close()
        #expect(Set(first.acknowledgedIDs).isSubset(of: afterKill), "an acknowledged record was lost")

        // Restarted, every phone re-sends all its records with the same ids.
        let again = try ServeFixture.startServer(f, port: port)
        defer { kill(again.processIdentifier, SIGTERM); again.waitUntilExit() }
        try await LoadTest.waitForServer(base)
        let second = try await load.run()
        let total = 12 * 20 * 5
        #expect(second.failed == 0 && second.phonesCutOff == 0, "\(second.firstFailure ?? second.firstCutOff ?? "")")
        #expect(second.alreadyStored == afterKill.count && second.created == total - afterKill.count)
        let final = try SQLiteStore(path: f.db)
        defer { _ = try? final.close() }
        let stored = try final.clientRecordIDs(prefix: "k-")
        #expect(stored.count == total && Set(stored).count == total, "lost or duplicated after the restart")
    }
}
