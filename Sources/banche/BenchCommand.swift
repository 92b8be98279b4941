import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure planning, import and roster checks on generated instances.",
        discussion: "Build with `swift build -c release` and run `.build/release/banche bench …` for figures worth quoting.",
        subcommands: [BenchPlan.self, BenchImport.self, BenchRoster.self, BenchPeer.self, BenchExport.self, BenchServe.self, BenchStore.self, BenchProvince.self])
}

/// Peak resident memory of this process so far, in MiB.
func peakMemoryMiB() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_maxrss) / 1024   // Linux reports KiB
}

/// Processor time of this process (every thread), in seconds: on a machine shared with other
/// work the wall-clock time of a run varies, its processor time much less.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

struct BenchPlan: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Time the planner on a generated Tiandeng-style instance.")
    @Option(help: "Workers to generate.") var workers = 100_000
    @Option(help: "Boarding points (13 township seats, then villages).") var stops = 500
    @Option(help: "Factories.") var factories = 40
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Licensed seats in the fleet per worker (below about 0.6 the fleet must run twice).") var seatsPerWorker = 1.6
    @Option(help: "Output: text or json.") var format: OutputFormat = .text
    @Option(help: "String-removal iterations per trip (default: the planner's, 200; 0 turns the search off).") var stringsPerTrip: Int?

    func run() throws {
        var g = ScenarioGenerator()
        g.workers = workers; g.villages = stops; g.factories = factories; g.seed = seed
        g.seatsPerWorker = seatsPerWorker
        g.povertyAlleviated = workers * 290 / 619
        var scenario = Scenario()
        let genTime = seconds { scenario = g.generate() }
        var plan: Plan!
        let dates = scenario.routes[0].service
        let cpuBefore = cpuSeconds()
        var options = PlannerOptions()
        if let n = stringsPerTrip { options.stringSearchPerTrip = n }
        let planTime = seconds { plan = Planner(options: options).plan(scenario, direction: .toWork, dates: dates) }
        let planCPU = cpuSeconds() - cpuBefore
        let problems = PlanChecker(maxPickupStops: scenario.routes[0].maxPickupStops ?? 5).problems(plan, scenario: scenario)
        let gap = plan.lowerBoundTrips == 0 ? 0 : Double(plan.trips.count - plan.lowerBoundTrips) / Double(plan.lowerBoundTrips) * 100
        let result: [String: Any] = [
            "workers": workers, "stops": stops, "seed": seed, "generate_seconds": (genTime * 1000).rounded() / 1000,
            "plan_seconds": (planTime * 1000).rounded() / 1000, "plan_cpu_seconds": (planCPU * 1000).rounded() / 1000, "peak_memory_mib": peakMemoryMiB().rounded(),
            "trips": plan.trips.count, "lower_bound_trips": plan.lowerBoundTrips, "gap_percent": (gap * 100).rounded() / 100,
            "workers_placed": plan.workersPlaced, "workers_unplaced": plan.unplaced.count, "bus_km": plan.busKm.rounded(),
            "constraint_problems": problems.count,
        ]
        if format == .json {
            print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
        } else {
            print("""
            instance      \(workers) workers, \(stops) stops, \(factories) factories, seed \(seed)
            generate      \(String(format: "%.2f", genTime)) s
            plan          \(String(format: "%.2f", planTime)) s (processor \(String(format: "%.2f", planCPU)) s)
            peak memory   \(Int(peakMemoryMiB())) MiB
            trips         \(plan.trips.count)  (lower bound \(plan.lowerBoundTrips), gap \(String(format: "%.2f", gap)) %)
            placed        \(plan.workersPlaced), unplaced \(plan.unplaced.count)
            bus-km        \(Int(plan.busKm))
            check         \(problems.isEmpty ? "no constraint broken" : "\(problems.count) PROBLEMS: \(problems.prefix(3))")
            """)
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}

struct BenchImport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Time importing generated CSVs into a fresh database.")
    @Option(help: "Workers to generate.") var workers = 100_000
    @Option(help: "Random seed.") var seed: UInt64 = 1

    func run() throws {
        let dir = try benchSeasonFolder(workers: workers, seed: seed)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/bench.sqlite"
        let s = try SQLiteStore.create(path: db); try s.close()
        let files = seasonFiles(in: dir)
        var counts: [(file: String, rows: Int)] = []
        let t = try seconds {
            counts = try using(try SQLiteStore(path: db)) { s in try Importer.run(files: files, encoding: .auto, replace: false, store: s, maxErrors: 10) }
        }
        let rows = counts.reduce(0) { $0 + $1.rows }
        print("imported \(rows) rows (\(workers) workers) in \(String(format: "%.2f", t)) s; \(Int(Double(rows) / t)) rows/s; peak memory \(Int(peakMemoryMiB())) MiB")
    }
}

struct BenchRoster: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "roster", abstract: "Time the rule engine on a generated roster.")
    @Option(help: "Drivers.") var drivers = 10_000
    @Option(help: "Days per driver.") var days = 30
    @Option(help: "Rule profile.") var profile = "cn-passenger"

    func run() throws {
        guard let prof = RuleProfile.named(profile) else { throw ValidationError("unknown profile") }
        // Each day: check, 3 h 50 drive, 30 min break, 3 h 30 drive, then off; a rest day each week.
        var records: [DutyRecord] = []
        records.reserveCapacity(drivers * days * 4)
        let first = CivilDate(year: 2027, month: 1, day: 25)!
        for d in 0..<drivers {
            let id = "D\(d)"
            for day in 0..<days where (day + d) % 7 != 6 {
                let base = Timestamp(date: first.adding(days: day), minuteOfDay: 6 * 60 + (d % 4) * 30, zone: .china)
                records.append(DutyRecord(driverID: id, activity: .otherWork, start: base, end: base.adding(minutes: 20), vehicleID: "V\(d)"))
                records.append(DutyRecord(driverID: id, activity: .drive, start: base.adding(minutes: 20), end: base.adding(minutes: 250), vehicleID: "V\(d)"))
                records.append(DutyRecord(driverID: id, activity: .break, start: base.adding(minutes: 250), end: base.adding(minutes: 280), vehicleID: "V\(d)"))
                records.append(DutyRecord(driverID: id, activity: .drive, start: base.adding(minutes: 280), end: base.adding(minutes: 490), vehicleID: "V\(d)"))
            }
        }
        let engine = RuleEngine(profile: prof)
        var errors: [RosterInputError] = [], violations: [RuleViolation] = []
        let t1 = seconds { errors = engine.inputErrors(records) }
        let t2 = seconds { violations = engine.violations(records) }
        print("\(records.count) records, \(drivers) drivers × \(days) days, profile \(prof.id): input check \(String(format: "%.2f", t1)) s, rules \(String(format: "%.2f", t2)) s; \(errors.count) input errors, \(violations.count) violations; peak memory \(Int(peakMemoryMiB())) MiB")
    }
}

/// Plans a peer CVRP instance (shared/tools/peer_cvrp.py's JSON) with banche's planner, in the
/// peers' open-start metric: each bus starts at its first pickup and ends at the depot (the
/// destination); distances are the instance's planar distances rounded as TSPLIB EUC_2D
/// (`PeerInstance`).
struct BenchPeer: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "peer", abstract: "Plan a peer_cvrp.py instance and report buses and distance in its metric.")
    @Argument(help: "Instance JSON: {capacity, depot: [x, y], stops: [{id, xy, demand}]}.") var instance: String
    @Option(help: "Villages on several buses: never (the peers' problem: a stop's demand pre-split only into full buses), needed or free.") var splitStops: SplitStopPolicy = .never
    @Option(help: "Ruin-and-recreate iterations per trip (default: the planner's; only with --strings 0, since ruin and recreate does not run where the string search does).") var ruins: Int?
    @Option(help: "String-removal iterations for the day (default 100000; 0 turns the search off).") var strings = 100_000

    func run() throws {
        guard let data = FileManager.default.contents(atPath: instance) else { throw ValidationError("\(instance): cannot be read") }
        let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        guard let o, let cap = o["capacity"] as? Int, cap > 0, let depot = o["depot"] as? [Double], depot.count == 2,
              let stops = o["stops"] as? [[String: Any]] else {
            throw ValidationError("\(instance) is not a peer instance: {capacity, depot: [x, y], stops: [{id, xy, demand}]}")
        }
        var villages: [PeerInstance.Village] = []
        for (k, st) in stops.enumerated() {
            guard let xy = st["xy"] as? [Double], xy.count == 2, xy.allSatisfy(\.isFinite), let demand = st["demand"] as? Int, (0...10_000).contains(demand),
                  let id = st["id"].map({ "\($0)" }) else {
                throw ValidationError("\(instance): stops[\(k)] needs id, xy: [x, y] and demand (0…10000)")
            }
            villages.append(.init(id: id, x: xy[0], y: xy[1], demand: demand))
        }
        let s = PeerInstance.scenario(capacity: cap, depot: (depot[0], depot[1]), villages: villages)
        var o2 = PeerInstance.options(splitStops: splitStops)
        o2.stringSearchPerTrip = strings; o2.stringSearchMax = strings
        if let r = ruins { o2.ruinRecreatePerTrip = r; o2.ruinRecreateMax = Int.max; o2.ruinRecreateAlways = r > 0 }
        let day = PeerInstance.day
        let total = s.workers.count
        var plan: Plan!
        let t = seconds { plan = Planner(options: o2).plan(s, direction: .toWork, dates: DateWindow(first: day, last: day)!) }
        print("banche   buses=\(plan.trips.count) (LB \(plan.lowerBoundTrips)) distance=\(String(format: "%.1f", plan.busKm)) unplaced=\(plan.unplaced.count) time=\(String(format: "%.2f", t))s workers=\(total)")
    }
}
