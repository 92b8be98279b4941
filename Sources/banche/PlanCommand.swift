import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Assign every worker to a bus, a seat and a pickup stop.",
        discussion: """
        Plans one direction over a range of days and saves the result as a new
        plan version (older versions stay; `banche plans` lists them). Prints
        workers placed and unplaced, trips against the lower bound, seat
        utilisation, bus-km and pickup stops per trip. Every unplaced worker
        gets a reason code and a sentence.

        Exit status: 0 when everyone was placed, 1 when someone was not,
        2 on bad input, 3 when the database was busy or the data it was
        computed from changed before it could be saved (nothing saved; run
        plan again).
        """)

    @Option(help: "to-work (节后返岗) or to-home (节前返乡).") var direction: Direction
    @Option(help: ArgumentHelp("Days to plan, FIRST..LAST (or one day).", valueName: "first..last")) var dates: String
    @Option(help: "Output: text or json.") var format: OutputFormat = .text
    @Flag(help: "Plan and print, but do not save a plan version.") var dryRun = false
    @Option(help: "Share of licensed seats that may be filled, e.g. 0.5 when buses may run half full.") var occupancy: Double = 1.0
    @Option(help: "Most pickup stops per bus (when the route sets none).") var maxPickupStops: Int = 5
    @Option(help: "Most minutes for the pickup phase (when the route sets none).") var maxPickupMinutes: Int = 180
    @Option(help: "Driver rule profile for crews and rotations: cn-passenger, eu-561, us-fmcsa-passenger, or a profile JSON file.") var profile: String = "cn-passenger"
    @Option(help: ArgumentHelp("A boarding checklist whose occupancy cap (max_occupancy) the plan must respect.", valueName: "name-or-file"))
    var checklist: String?
    @Option(help: "Villages on several buses a day: needed (only when one bus cannot take them), never, or free (whenever it saves km).")
    var splitStops: SplitStopPolicy = .needed
    @Flag(help: "Re-plan every trip, ignoring published trips and trips with boarding records (closed trips are always kept).")
    var replanAll = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        do { _ = try DateWindow.parseChecked(dates) } catch { throw ValidationError("--dates \(dates) \(error) (write YYYY-MM-DD..YYYY-MM-DD)") }
        guard occupancy > 0 && occupancy <= 1 else { throw ValidationError("--occupancy must be above 0 and at most 1") }
        guard maxPickupStops >= 1, maxPickupMinutes >= 1 else { throw ValidationError("pickup caps must be at least 1") }
        do { _ = try RuleProfiles.load(profile) } catch { throw ValidationError("--profile: \(error)") }
    }

    func run() throws {
        var options = PlannerOptions()
        options.occupancyCap = occupancy
        if let checklist, let cap = try Checklists.load(checklist).maxOccupancy { options.occupancyCap = min(occupancy, cap) }
        options.splitStops = splitStops
        options.maxPickupStops = maxPickupStops
        options.maxPickupMinutes = maxPickupMinutes
        // Days that have passed are not planned; trips that have left are kept as they are.
        let clock = now()
        let today = clock.date(in: .china)
        var window = DateWindow(dates)!
        if window.last < today { throw ValidationError("the dates \(window) have passed (today is \(today)); nothing to plan") }
        if window.first < today {
            warn("note: days before today (\(today)) are not planned; planning \(today)..\(window.last)")
            window = DateWindow(first: today, last: window.last)!
        }
        let (plan, crews, version, stops, roadside, halts) = try store.with { s in
            // One snapshot: the scenario, closed trips' outcomes and the data-version counter.
            let snap = try s.planningSnapshot(direction: direction)
            let scenario = snap.scenario.afterBoarding(boarded: snap.boarded, released: snap.released)
            let planner = Planner(options: options)
            // The latest version's pinned trips (published, closed, with boarding records, left) are kept.
            let previous = try s.planBaseline(direction: direction, replanAll: replanAll, now: clock)
            // Drivers' duties from the latest plan of the other direction count towards their limits.
            var existing: [DutyRecord] = []
            if let other = try s.planVersions().last(where: { $0.direction != direction.rawValue }) { existing = try s.duties(version: other.version) }
            // Kept trips keep their crews and rotations; new trips are crewed, and a trip that
            // finds no legal crew moves to another day of its passengers' windows.
            let crewed = planner.planWithCrews(scenario, direction: direction, dates: window, baseline: previous?.baseline,
                                               scheduler: CrewScheduler(profile: try RuleProfiles.load(profile)),
                                               existing: existing, keptDuties: previous?.duties ?? [])
            var version: Int? = nil
            if !dryRun {
                // Saved only if nothing the plan was computed from changed meanwhile (exit 3 otherwise).
                version = try s.savePlan(crewed.plan, summaryJSON: PlanReport.json(crewed.plan, version: nil, crews: crewed.crews, roadside: crewed.roadside, halts: crewed.halts), audit: auditStamp(),
                                         duties: crewed.duties, dataVersion: snap.dataVersion)
            }
            return (crewed.plan, crewed.crews, version, Dictionary(uniqueKeysWithValues: scenario.stops.map { ($0.id, $0.name) }), crewed.roadside, crewed.halts)
        }
        switch format {
        case .json: say(try PlanReport.json(plan, version: version, crews: crews, roadside: roadside, halts: halts))
        case .text: say(PlanReport.text(plan, version: version, stops: stops, crews: crews, roadside: roadside, halts: halts))
        }
        if !plan.unplaced.isEmpty { throw ExitCode(1) }
    }
}

extension SplitStopPolicy: ExpressibleByArgument {}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }
