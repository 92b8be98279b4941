import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: tr("plan.abstract"),
        discussion: tr("plan.discussion"))

    @Option(help: help("plan.option.direction")) var direction: Direction
    @Option(help: help("plan.option.dates", valueName: "first..last")) var dates: String
    @Option(help: help("option.format.text")) var format: OutputFormat = .text
    @Flag(help: help("plan.option.dryRun")) var dryRun = false
    @Option(help: help("plan.option.occupancy")) var occupancy: Double = 1.0
    @Option(help: help("plan.option.maxPickupStops")) var maxPickupStops: Int = 5
    @Option(help: help("plan.option.maxPickupMinutes")) var maxPickupMinutes: Int = 180
    @Option(help: help("plan.option.profile")) var profile: String = "cn-passenger"
    @Option(help: help("plan.option.checklist", valueName: "name-or-file"))
    var checklist: String?
    @Option(help: help("plan.option.splitStops"))
    var splitStops: SplitStopPolicy = .needed
    @Flag(help: help("plan.option.replanAll"))
    var replanAll = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        do { _ = try DateWindow.parseChecked(dates) } catch { throw ValidationError(tr("plan.error.dates", ["dates": dates, "problem": "\(error)"])) }
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
        if window.last < today { throw ValidationError(tr("plan.error.passed", ["dates": window, "today": today])) }
        if window.first < today {
            warn(tr("plan.note.pastDays", ["today": today, "last": window.last]))
            window = DateWindow(first: today, last: window.last)!
        }
        let (plan, crews, version, stops, roadside, halts, people) = try store.with { s in
            // One snapshot: the scenario, closed trips' outcomes and the data-version counter.
            var phases = PhaseTimer()
            let snap = try s.planningSnapshot(direction: direction)
            phases.lap("load")
            let scenario = snap.scenario.afterBoarding(boarded: snap.boarded, released: snap.released)
            // A time cap shorter than one stop's own minutes lets no two households share a
            // bus: each would ride alone (found by a walk-through: 61 buses for 324 people).
            for r in scenario.routes where r.direction == direction {
                for (column, cap, stop) in [("max_pickup_minutes", r.maxPickupMinutes ?? options.maxPickupMinutes, options.boardingMinutes),
                                            ("max_dropoff_minutes", r.maxDropoffMinutes ?? options.maxDropoffMinutes, options.alightingMinutes)] where cap < stop {
                    throw ValidationError(tr("plan.error.capBelowStop", ["route": r.id, "column": column, "cap": cap, "stop": stop]))
                }
            }
            let planner = Planner(options: options)
            // The latest version's pinned trips (published, closed, with boarding records, left) are kept.
            let previous = try s.planBaseline(direction: direction, replanAll: replanAll, now: clock)
            // Drivers' duties from the latest plan of the other direction count towards their limits.
            var existing: [DutyRecord] = []
            if let other = try s.planVersions().last(where: { $0.direction != direction.rawValue }) { existing = try s.duties(version: other.version) }
            phases.lap("baseline")
            // Kept trips keep their crews and rotations; new trips are crewed, and a trip that
            // finds no legal crew moves to another day of its passengers' windows.
            let crewed = planner.planWithCrews(scenario, direction: direction, dates: window, baseline: previous?.baseline,
                                               scheduler: CrewScheduler(profile: try RuleProfiles.load(profile)),
                                               existing: existing, keptDuties: previous?.duties ?? [])
            phases.lap("plan+crews")
            // Nothing to plan on these dates (a year mistyped, or no workers yet): an empty
            // version would become the latest that manifests and notices read. (A dry run shows
            // the empty plan: it saves nothing.)
            if !dryRun && crewed.plan.trips.isEmpty && crewed.plan.unplaced.isEmpty {
                throw ValidationError(tr("plan.error.nobody", ["direction": direction.rawValue, "dates": window, "outside": crewed.plan.outsideDates]))
            }
            var version: Int? = nil
            if !dryRun {
                // Saved only if nothing the plan was computed from changed meanwhile (exit 3 otherwise).
                let summary = try PlanReport.json(crewed.plan, version: nil, crews: crewed.crews, roadside: crewed.roadside, halts: crewed.halts)
                phases.lap("summary")
                version = try s.savePlan(crewed.plan, summaryJSON: summary, audit: auditStamp(),
                                         duties: crewed.duties, dataVersion: snap.dataVersion)
                phases.lap("save")
            }
            phases.report()
            // Names for the unplaced list (name and masked ID number next to the id).
            let unplaced = Set(crewed.plan.unplaced.map(\.workerID))
            let people = PersonLabel.workers(snap.scenario.workers.filter { unplaced.contains($0.id) })
            return (crewed.plan, crewed.crews, version, Dictionary(uniqueKeysWithValues: scenario.stops.map { ($0.id, $0.name) }), crewed.roadside, crewed.halts, people)
        }
        switch format {
        case .json: say(try PlanReport.json(plan, version: version, crews: crews, roadside: roadside, halts: halts))
        case .text: say(PlanReport.text(plan, version: version, stops: stops, crews: crews, roadside: roadside, halts: halts, messages: UI.messages, people: people))
        }
        if !plan.unplaced.isEmpty { throw ExitCode(1) }
    }
}

extension SplitStopPolicy: ExpressibleByArgument {}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }
