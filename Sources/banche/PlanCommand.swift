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
        2 on bad input.
        """)

    @Option(help: "to-work (节后返岗) or to-home (节前返乡).") var direction: Direction
    @Option(help: ArgumentHelp("Days to plan, FIRST..LAST (or one day).", valueName: "first..last")) var dates: String
    @Option(help: "Output: text or json.") var format: OutputFormat = .text
    @Flag(help: "Plan and print, but do not save a plan version.") var dryRun = false
    @Option(help: "Share of licensed seats that may be filled, e.g. 0.5 when buses may run half full.") var occupancy: Double = 1.0
    @Option(help: "Most pickup stops per bus (when the route sets none).") var maxPickupStops: Int = 5
    @Option(help: "Most minutes for the pickup phase (when the route sets none).") var maxPickupMinutes: Int = 180
    @Option(help: "Driver rule profile for crews and rotations: cn-passenger, eu-561 or us-fmcsa-passenger.") var profile: String = "cn-passenger"
    @Option(help: ArgumentHelp("A boarding checklist whose occupancy cap (max_occupancy) the plan must respect.", valueName: "name-or-file"))
    var checklist: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard DateWindow(dates) != nil else { throw ValidationError("--dates must be YYYY-MM-DD..YYYY-MM-DD, first not after last") }
        guard occupancy > 0 && occupancy <= 1 else { throw ValidationError("--occupancy must be above 0 and at most 1") }
        guard maxPickupStops >= 1, maxPickupMinutes >= 1 else { throw ValidationError("pickup caps must be at least 1") }
        guard RuleProfile.named(profile) != nil else { throw ValidationError("--profile must be cn-passenger, eu-561 or us-fmcsa-passenger") }
    }

    func run() throws {
        let s = try store.open()
        let scenario: Scenario
        do {
            let outcomes = try s.boardingOutcomes()
            scenario = try s.loadScenario().afterBoarding(boarded: outcomes.boarded, released: outcomes.released)
        } catch { fail(error) }
        var options = PlannerOptions()
        options.occupancyCap = occupancy
        if let checklist {
            do { if let cap = try Checklists.load(checklist).maxOccupancy { options.occupancyCap = min(occupancy, cap) } } catch { fail(error) }
        }
        options.maxPickupStops = maxPickupStops
        options.maxPickupMinutes = maxPickupMinutes
        let draft = Planner(options: options).plan(scenario, direction: direction, dates: DateWindow(dates)!)
        // Drivers' duties from the latest plan of the other direction count towards their limits.
        var existing: [DutyRecord] = []
        do {
            if let other = try s.planVersions().last(where: { $0.direction != direction.rawValue }) { existing = try s.duties(version: other.version) }
        } catch { fail(error) }
        let crewed = CrewScheduler(profile: RuleProfile.named(profile)!).schedule(draft, scenario: scenario, travel: options.travel, existing: existing)
        let plan = crewed.plan
        var version: Int? = nil
        if !dryRun {
            do {
                version = try s.savePlan(plan, summaryJSON: PlanReport.json(plan, version: nil, crews: crewed.crews), audit: auditStamp(), duties: crewed.duties)
            } catch { fail(error) }
        }
        try? s.close()
        switch format {
        case .json: say(PlanReport.json(plan, version: version, crews: crewed.crews))
        case .text: say(PlanReport.text(plan, version: version, stops: Dictionary(uniqueKeysWithValues: scenario.stops.map { ($0.id, $0.name) }), crews: crewed.crews))
        }
        if !plan.unplaced.isEmpty { throw ExitCode(1) }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }
