extension Planner {
    /// Plans a direction and gives every trip a legal crew (issue #12): kept (pinned) trips keep
    /// their crews and rotations (`keptDuties`); new trips are crewed by `scheduler` with
    /// `existing` duties (the other direction's plan) counted. A trip that finds no legal crew
    /// does not simply drop its passengers: they are planned again on another day of their
    /// window (later days first, when drivers are back), with every trip crewed so far kept as
    /// it is, up to `rounds` times; `no_driver_crew` remains only when no day works.
    public func planWithCrews(_ scenario: Scenario, direction: Direction, dates: DateWindow, baseline: PlanBaseline?,
                              scheduler: CrewScheduler, existing: [DutyRecord] = [], keptDuties: [DutyRecord] = [],
                              rounds: Int = 4) -> CrewScheduler.Result {
        let draft = baseline.map { plan(scenario, direction: direction, dates: dates, baseline: $0) } ?? plan(scenario, direction: direction, dates: dates)
        let keptIDs = Set(draft.keptTrips)
        var fresh = draft
        fresh.trips = draft.trips.filter { !keptIDs.contains($0.id) }
        var result = scheduler.schedule(fresh, scenario: scenario, travel: options.travel, existing: existing + keptDuties)
        var trips = draft.trips.filter { keptIDs.contains($0.id) } + result.plan.trips
        var duties = keptDuties + result.duties
        var crews = result.crews
        for d in keptDuties where d.activity == .drive {
            if let t = d.tripID, keptIDs.contains(t), !(crews[t] ?? []).contains(d.driverID) { crews[t, default: []].append(d.driverID) }
        }
        var roadside = result.roadside
        var halts = result.halts
        var unplaced = result.plan.unplaced
        var used = (baseline?.usedTripIDs ?? []).union(draft.trips.map(\.id))
        // The previous version's unpinned trips: a trip built again in a round below keeps its
        // id when it is the same busload (same bus, day and seats; `plan(_:baseline:)`), as the
        // draft's do. Without them, re-planning unchanged data renamed every trip a round had
        // built, and 33 workers were sent a notice for nothing (found by a walk-through).
        let previousUnpinned = (baseline?.trips ?? []).filter { !(baseline?.pinned.contains($0.id) ?? false) }
        var attempt = draft
        var s = scenario
        for _ in 0..<rounds {
            let stranded = unplaced.filter { $0.reason == .noDriverCrew }
            if stranded.isEmpty { break }
            // The day each stranded worker's trip would have run.
            var failed: [String: CivilDate] = [:]
            for t in attempt.trips { for p in t.passengers { failed[p.workerID] = t.date } }
            var moved = false
            let ids = Set(stranded.map(\.workerID))
            for i in s.workers.indices where ids.contains(s.workers[i].id) {
                guard let day = failed[s.workers[i].id] else { continue }
                let w = s.workers[i].window
                if day < w.last, let later = DateWindow(first: day.adding(days: 1), last: w.last) { s.workers[i].window = later; moved = true }
                else if day > w.first, let earlier = DateWindow(first: w.first, last: day.adding(days: -1)) { s.workers[i].window = earlier; moved = true }
            }
            if !moved { break }
            // Everything crewed so far stays as it is; the stranded take free seats or new trips.
            let already = Set(trips.map(\.id))
            let keep = PlanBaseline(trips: trips + previousUnpinned.filter { !already.contains($0.id) }, pinned: already,
                                    boardedOnClosed: baseline?.boardedOnClosed ?? [:], usedTripIDs: used,
                                    boardedAtClosedStops: baseline?.boardedAtClosedStops ?? [:])
            attempt = plan(s, direction: direction, dates: dates, baseline: keep)
            var next = attempt
            next.trips = attempt.trips.filter { !already.contains($0.id) }
            result = scheduler.schedule(next, scenario: s, travel: options.travel, existing: existing + duties)
            // Seats filled on trips that already had crews keep those crews.
            let grown = Dictionary(uniqueKeysWithValues: attempt.trips.filter { already.contains($0.id) }.map { ($0.id, $0) })
            trips = trips.map { grown[$0.id] ?? $0 } + result.plan.trips
            duties += result.duties
            for (t, c) in result.crews { crews[t] = c }
            roadside += result.roadside
            halts.merge(result.halts) { a, _ in a }
            used.formUnion(attempt.trips.map(\.id))
            unplaced = result.plan.unplaced
        }
        var out = draft
        out.trips = trips.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        let placed = Set(out.trips.flatMap { $0.passengers.map(\.workerID) })
        // Anyone still out keeps the last reason found; those placed in a later round are not.
        var reasons: [String: Unplaced] = [:]
        for u in draft.unplaced + unplaced where !placed.contains(u.workerID) { reasons[u.workerID] = u }
        out.unplaced = reasons.values.sorted { $0.workerID < $1.workerID }
        // A message names the worker's own travel days, not the fewer days a round tried (it
        // said "(2027-02-13, route TD-PJ)" of a worker free 02-13 … 02-15; found by a walk-through).
        let own = Dictionary(uniqueKeysWithValues: scenario.workers.map { ($0.id, $0.window) })
        let tried = Dictionary(uniqueKeysWithValues: s.workers.map { ($0.id, $0.window) })
        for i in out.unplaced.indices {
            let id = out.unplaced[i].workerID
            guard let w = own[id], let t = tried[id], w != t else { continue }
            out.unplaced[i].message = out.unplaced[i].message.replacingOccurrences(of: "(\(t), route", with: "(\(w), route")
        }
        out.outsideDateWorkers = draft.outsideDateWorkers.filter { !placed.contains($0) }
        // Kept trips are checked against today's rules: a pinned trip that now breaks one stays
        // as it is (only --replan-all changes it) and is reported with the rule and the size.
        if !keptDuties.isEmpty {
            let engine = RuleEngine(profile: scheduler.profile)
            var seen = Set<String>()
            for v in engine.violations(existing + keptDuties) {
                guard let r = keptDuties.first(where: { $0.driverID == v.driverID && $0.start < v.end && $0.end > v.start && $0.tripID != nil }) else { continue }
                let trip = r.tripID!.replacingOccurrences(of: "-position", with: "").replacingOccurrences(of: "-return", with: "")
                guard keptIDs.contains(trip), seen.insert(trip + v.rule).inserted else { continue }
                out.brokenPins.append(BrokenPin(tripID: trip, reason: "\(v.rule): \(hoursMinutes(v.measuredMinutes)) against a limit of \(hoursMinutes(v.limitMinutes)) under the current rules (driver \(v.driverID)); kept as published — `plan --replan-all` changes it", kept: true))
            }
        }
        return CrewScheduler.Result(plan: out, duties: duties, crews: crews, roadside: roadside, halts: halts)
    }
}
