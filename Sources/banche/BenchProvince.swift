import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import BancheStorePG
import Foundation

/// `banche bench province`: county offices working at once on one PostgreSQL database — each
/// imports a season, then for the given time one connection plans and saves plan versions while
/// another records boarding — and then, as the administrator, checks that every boarding record
/// a client saw committed is stored exactly once (none lost, none doubled, none unknown) and that
/// every plan version is whole (its trips, seats and unplaced rows as its summary says).
struct BenchProvince: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "province",
        abstract: "County offices planning and recording boarding at once on PostgreSQL, then checked.",
        discussion: """
        On --admin's server (a new database and one role per office, dropped afterwards) or, without
        it, on a throwaway cluster (scripts/pg-cluster.sh). Exit 1 when a record is lost or doubled
        or a plan version is not whole.
        """)
    @Option(help: "County offices working at once.") var offices = 20
    @Option(help: "How long they work, in seconds.") var seconds = 60.0
    @Option(help: "Workers in each office's season.") var workers = 2_000
    @Option(help: "Boarding records per transaction.") var batch = 10
    @Option(help: ArgumentHelp("A PostgreSQL administrator's URL; default: a throwaway cluster.", valueName: "url")) var admin: String?

    /// What one office's two connections did, as they saw it.
    final class Office: @unchecked Sendable {
        let code: String
        let address: PostgresAddress
        var versions: [Int] = []
        var planRetries = 0
        var planTimes: [Double] = []
        var records = 0
        var recordTimes: [Double] = []
        var tokens: [String] = []
        var planErrors: [String] = []
        var boardErrors: [String] = []
        var errors: [String] { planErrors + boardErrors }
        init(code: String, address: PostgresAddress) { self.code = code; self.address = address }
    }

    func run() throws {
        guard offices >= 1, offices <= 100 else { throw ValidationError("--offices must be from 1 to 100") }
        guard seconds > 0, seconds <= 3600 else { throw ValidationError("--seconds must be from 0 to 3600") }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
        let dir = try benchSeasonFolder(workers: workers, seed: 7)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var failed = false
        try withProvince(admin: admin, offices: offices) { db, counties in
            let work = counties.map { Office(code: $0.code, address: $0.address) }
            // Every office imports its season (at once, as offices would).
            let files = seasonFiles(in: dir)
            let importTime = try Self.together(work) { o in
                _ = try using(try PostgresStore(address: o.address)) { s in
                    try Importer.run(files: files, encoding: .auto, replace: false, store: s, maxErrors: 10)
                }
            }
            // Each plans once, so that boarding has trips from the start.
            let firstPlanTime = try Self.together(work) { o in try Self.plan(o, until: nil) }
            // Then plan and record boarding, each office on two connections, until the deadline.
            let deadline = Date().addingTimeInterval(seconds)
            let runTime = try Self.together(work.flatMap { [($0, true), ($0, false)] }) { (o, planner) in
                if planner { try Self.plan(o, until: deadline) } else { try Self.board(o, until: deadline, batch: batch) }
            }
            // Checks, as the administrator, across every county.
            let stored = Dictionary(uniqueKeysWithValues: try PostgresBenchProvince.counts(db,
                "SELECT value, count(*)::bigint FROM boarding_record WHERE value LIKE 'bench:%' GROUP BY value"))
            var sent = Set<String>()
            for o in work { sent.formUnion(o.tokens) }
            let lost = sent.filter { stored[$0] == nil }.count
            let doubled = stored.filter { $0.value > 1 }.count
            let unknown = stored.keys.filter { !sent.contains($0) }.count
            let versions = work.flatMap(\.versions)
            let missingVersions = try versions.isEmpty ? 0 : versions.count - PostgresBenchProvince.count(db,
                "SELECT count(*)::bigint FROM plan WHERE version = ANY(string_to_array($1, ',')::bigint[])", [versions.map(String.init).joined(separator: ",")])
            let notWhole = try PostgresBenchProvince.count(db, """
                SELECT count(*)::bigint FROM plan p WHERE p.trips <> (SELECT count(*) FROM trip t WHERE t.plan_version = p.version)
                   OR p.workers_placed <> (SELECT count(*) FROM seat_assignment s WHERE s.plan_version = p.version)
                   OR p.workers_unplaced <> (SELECT count(*) FROM unplaced u WHERE u.plan_version = p.version)
                   OR EXISTS (SELECT 1 FROM trip t WHERE t.plan_version = p.version AND t.passengers <> (SELECT count(*) FROM seat_assignment s WHERE s.plan_version = p.version AND s.trip_id = t.trip_id))
                """)
            let wrongCounty = try PostgresBenchProvince.count(db, "SELECT count(*)::bigint FROM boarding_record b JOIN plan p ON p.version = b.plan_version WHERE p.county <> b.county")
            let errors = work.flatMap(\.errors)
            let records = work.reduce(0) { $0 + $1.records }
            let f = { (x: Double) in String(format: "%.2f", x) }
            func pct(_ xs: [Double], _ q: Double) -> String {
                let s = xs.sorted(); return s.isEmpty ? "—" : String(format: "%.0f ms", s[min(s.count - 1, Int(Double(s.count) * q))] * 1000)
            }
            print("""
            offices            \(offices) (each: \(workers) workers, one planning and one boarding connection)
            import             \(offices) seasons at once in \(f(importTime)) s; first plans at once in \(f(firstPlanTime)) s
            run                \(f(runTime)) s
            plan versions      \(versions.count) saved (\(offices) before the run, \(f(Double(versions.count - offices) / runTime * 60)) a minute during it), \(work.reduce(0) { $0 + $1.planRetries }) retried after busy/changed; snapshot + plan + save p50 \(pct(work.flatMap(\.planTimes), 0.5)), p95 \(pct(work.flatMap(\.planTimes), 0.95))
            boarding records   \(records) committed in \(records / batch) transactions (\(Int(Double(records) / runTime)) records/s); p50 \(pct(work.flatMap(\.recordTimes), 0.5)), p95 \(pct(work.flatMap(\.recordTimes), 0.95)) a transaction
            checked            lost \(lost), duplicated \(doubled), unknown \(unknown), plan versions missing \(missingVersions), not whole \(notWhole), wrong county \(wrongCounty), client errors \(errors.count)
            """)
            for e in errors.prefix(5) { warn(e) }
            failed = lost + doubled + unknown + missingVersions + notWhole + wrongCounty + errors.count > 0 || versions.isEmpty || records == 0
        }
        if failed { throw ExitCode(1) }
    }

    /// Runs `body` for each item on its own thread, all at once; returns the wall time.
    /// The first error thrown is rethrown after all have finished.
    static func together<T>(_ items: [T], _ body: @escaping (T) throws -> Void) throws -> Double {
        let group = DispatchGroup()
        let outcome = Outcome()
        let t0 = Date()
        for item in items {
            group.enter()
            let job = Job { try body(item) }
            let t = Thread {
                do { try job.run() } catch { outcome.lock.lock(); if outcome.first == nil { outcome.first = error }; outcome.lock.unlock() }
                group.leave()
            }
            t.stackSize = 8 << 20
            t.start()
        }
        group.wait()
        if let first = outcome.first { throw first }
        return Date().timeIntervalSince(t0)
    }

    final class Outcome: @unchecked Sendable { let lock = NSLock(); var first: (any Error)? = nil }
    struct Job: @unchecked Sendable { let run: () throws -> Void }

    /// Plans and saves versions until `deadline` (once when nil); busy or changed data is retried.
    static func plan(_ o: Office, until deadline: Date?) throws {
        try using(try PostgresStore(address: o.address)) { s in
            repeat {
                let t0 = Date()
                do {
                    let snap = try s.planningSnapshot(direction: .toWork)
                    let plan = Planner().plan(snap.scenario, direction: .toWork, dates: snap.scenario.routes[0].service)
                    let v = try s.savePlan(plan, summaryJSON: "{}", audit: auditStamp(), dataVersion: snap.dataVersion)
                    o.versions.append(v)
                    if deadline != nil { o.planTimes.append(Date().timeIntervalSince(t0)) }
                } catch let e as StoreError where e.isRetryable {
                    o.planRetries += 1
                } catch {
                    o.planErrors.append("\(o.code) plan: \(error)")
                    return
                }
            } while deadline.map { Date() < $0 } ?? (o.versions.isEmpty && o.planRetries < 10)
        }
    }

    static func board(_ o: Office, until deadline: Date, batch: Int) throws {
        try using(try PostgresStore(address: o.address)) { s in
            // The county's latest plan version (saved before the clock started).
            guard let version = try s.latestVersion(direction: .toWork) else {
                o.boardErrors.append("\(o.code) boarding: no plan to board"); return
            }
            let trips = try s.trips(version: version).filter { !$0.passengers.isEmpty }
            var n = 0
            while Date() < deadline && !trips.isEmpty {
                let t = trips[n % trips.count]
                var records: [BoardingRecord] = []
                var tokens: [String] = []
                for _ in 0..<batch {
                    let p = t.passengers[n % t.passengers.count]
                    let token = "bench:\(o.code):\(n)"
                    records.append(BoardingRecord(tripID: t.id, workerID: p.workerID, step: "id-check", value: token, at: t.departure))
                    tokens.append(token)
                    n += 1
                }
                let t0 = Date()
                do {
                    try s.addBoardingRecords(records, version: version, audit: auditStamp())
                } catch {
                    o.boardErrors.append("\(o.code) boarding: \(error)")
                    return
                }
                o.recordTimes.append(Date().timeIntervalSince(t0))
                o.records += records.count
                o.tokens += tokens
            }
        }
    }
}
