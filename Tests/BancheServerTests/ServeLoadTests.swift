import BancheCore
import BancheIO
import BancheServer
import BancheStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The load test of docs/performance.md, scaled down to seconds: phones at once on loopback,
/// then the database counted.
@Suite struct ServeLoadTests {
    @Test func concurrentPhonesLoseAndDuplicateNothing() async throws {
        let f = try ServeFixture.make()
        let store = try SQLiteStore(path: f.db)
        defer { _ = try? store.close() }
        var phones: [LoadTest.Phone] = []
        for i in 0..<24 {
            let t = try #require(try store.trip(try store.latestTripIDs()[i % 12]))
            let secret = Secrets.random()
            try store.addToken(id: Secrets.tokenID(), secretSHA256: Secrets.sha256(secret), trip: t.tripID, stop: nil,
                               expiresAt: Timestamp(iso: "2027-02-13T09:00:00+08:00", defaultZone: .china)!,
                               audit: AuditStamp(at: Timestamp(iso: ServeFixture.now, defaultZone: .china)!, osUser: "test", command: "test"))
            phones.append(LoadTest.Phone(trip: t.tripID, secret: secret, workers: t.passengers))
        }
        let config = ServeConfig(checklist: try Checklists.load("epidemic-2022"), clock: { Timestamp(iso: ServeFixture.now, defaultZone: .china)! })
        let server = BoardingServer(store: store, config: config)
        let steps: [(String, String?)] = [("id-registration", nil), ("nucleic-acid", "negative"), ("temperature", "36.5"), ("health-code", "green"), ("care-pack", nil)]
        let list = phones
        let result = try await Application(router: server.router()).test(.live) { client in
            let load = LoadTest(base: URL(string: "http://localhost:\(client.port!)")!, phones: list, passengers: 8, steps: steps, retryEvery: 7, runID: "t")
            return try await load.run()
        }
        let expected = 24 * 8 * 5
        #expect(result.failed == 0, "\(result.firstFailure ?? "")")
        #expect(result.created == expected)
        #expect(result.repeatsAnsweredWithTheSameRecord == 24 * (40 / 7))
        let stored = try store.clientRecordIDs(prefix: "t-")
        #expect(stored.count == expected, "records lost or duplicated")
        #expect(Set(stored) == Set(result.acknowledgedIDs))
        print("load (scaled): \(result.sent) requests in \(result.seconds) s, p50 \(result.p50ms) ms, p99 \(result.p99ms) ms")
        // The gate sees them: the passengers checked are held only by the bus (no vehicle step recorded).
        let t0 = try #require(try store.trip(phones[0].trip))
        let (_, people) = BoardingGate(checklist: config.checklist).evaluate(trip: t0, records: try store.boardingRecords(trip: t0.tripID))
        let checked = Set(phones[0].workers.prefix(8))
        #expect(people.filter { checked.contains($0.workerID ?? "") }.count == checked.count)
        for v in people where checked.contains(v.workerID ?? "") { #expect(v.findings.map(\.step) == ["vehicle"], "\(v)") }
    }
}
