/// Gives every planned trip a legal crew and rotation: who drives each leg, where they swap,
/// breaks, the 02:00–05:00 halt, and the empty run back to the depot after a rest.
///
/// Trips are taken in order of departure; drivers are drawn from the pool with the fewest
/// driving hours so far first (ties by id), so work is balanced over the season and a driver
/// who brought workers home can collect them again. Every crew is checked with the
/// `RuleEngine` against the driver's whole season before it is accepted; a trip that finds no
/// legal crew is dropped and its passengers are left unplaced with `no_driver_crew`.
public struct CrewScheduler: Sendable {
    public var profile: RuleProfile
    /// Minutes for a handover at the roadside when a leg is longer than a stint may be.
    public var handoverMinutes = 10
    /// Shortest rest off duty before a run's first duty (docs/driver-rules.md).
    public var minRestBeforeRun = 8 * 60
    /// Shortest rest at the destination before the empty return.
    public var minRestBeforeReturn = 8 * 60
    /// Latest the return may be put off while looking for a legal start.
    public var maxReturnDelay = 30 * 60
    public init(profile: RuleProfile = .cnPassenger) { self.profile = profile }

    public struct Result: Sendable {
        public var plan: Plan
        public var duties: [DutyRecord]
        /// Crew of each trip, in driving order.
        public var crews: [String: [String]]
        /// Trips that needed a stop away from any stop, service area or depot, because two
        /// legal stopping places on the route are further apart than any legal stint: one line
        /// each, saying where (the route needs a service area between them).
        public var roadside: [String] = []
        /// Trips that meet the 02:00–05:00 halt with passengers aboard: where they spend it
        /// (a stop's id), by trip id.
        public var halts: [String: String] = [:]
    }

    /// One drive or pause of a trip's timeline, before drivers are named.
    struct Leg { var from: String; var to: String; var minutes: Int; var km: Double }

    /// - Parameter existing: duties already planned this season (another direction's plan), so
    ///   weekly limits and rests count them and the pool's hours stay balanced.
    private struct VehicleRun: Hashable { var vehicle: String; var trip: String }

    public func schedule(_ plan: Plan, scenario: Scenario, travel settings: TravelSettings = TravelSettings(), existing: [DutyRecord] = []) -> Result {
        let travel = TravelModel(stops: scenario.stops, legs: scenario.legs, settings: settings)
        let buses = Dictionary(uniqueKeysWithValues: scenario.buses.map { ($0.id, $0) })
        let routes = Dictionary(uniqueKeysWithValues: scenario.routes.map { ($0.id, $0) })
        let engine = RuleEngine(profile: profile)
        var byDriver: [String: [DutyRecord]] = Dictionary(grouping: existing, by: \.driverID)
        let pool = scenario.drivers.sorted { $0.id < $1.id }
        let poolIndex = Dictionary(pool.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var minutes = [Int](repeating: 0, count: pool.count)
        for r in existing where r.activity == .drive { if let i = poolIndex[r.driverID] { minutes[i] += r.minutes } }
        let existingKeys = Set(existing.map { "\($0.driverID)|\($0.start.seconds)|\($0.activity.rawValue)" })
        // Driving by trip, so a driver's riding as co-driver is seen as such by the rules.
        var drivesByTrip: [String: [DutyRecord]] = Dictionary(grouping: existing.filter { $0.activity == .drive && $0.tripID != nil }, by: { $0.tripID! })
        /// The rules broken by driver `d` with this run's `records` (the whole crew's) added.
        func violations(_ d: String, _ records: [DutyRecord]) -> [RuleViolation] {
            let mine = (byDriver[d] ?? []) + records.filter { $0.driverID == d }
            let trips = Set(mine.compactMap(\.tripID))
            let context = records.filter { $0.driverID != d && $0.activity == .drive }
                + trips.flatMap { drivesByTrip[$0] ?? [] }.filter { $0.driverID != d }
            return engine.violations(of: d, mine, context: context)
        }
        var out = plan
        out.trips = []
        var crews: [String: [String]] = [:]
        var eligibleCache: [EligibleKey: [Int]] = [:]
        let order = plan.trips.sorted { ($0.departure, $0.id) < ($1.departure, $1.id) }
        // Each bus's runs (drive out to drive home): a trip's run may not overlap another run of
        // its bus, whatever the crew. The planner books buses by whole days from the trip as
        // planned; a halt or a crew's rest can stretch a run past that (a 13-stop pickup with a
        // night's rest at a service area kept its bus away a day longer, and the bus's next trip
        // was crewed while it was still on the road — `roster check` then refused the roster).
        var vehicleRuns: [String: [(start: Timestamp, end: Timestamp)]] = [:]
        let existingRuns = Dictionary(grouping: existing.filter { $0.vehicleID != nil && $0.tripID != nil }) {
            VehicleRun(vehicle: $0.vehicleID!, trip: Self.runTripID($0.tripID!))
        }
        for (run, rs) in existingRuns { vehicleRuns[run.vehicle, default: []].append((rs.map(\.start).min()!, rs.map(\.end).max()!)) }
        func clash(_ bus: String, _ from: Timestamp, _ to: Timestamp) -> (start: Timestamp, end: Timestamp)? {
            vehicleRuns[bus]?.filter { $0.start < to && from < $0.end }.min { $0.start < $1.start }
        }
        for trip in order {
            let bus = buses[trip.busID]
            let km = trip.busKm
            let drivingMinutes = zip(trip.stops, trip.stops.dropFirst()).reduce(0) { $0 + $1.0.depart.minutes(to: $1.1.arrive) }
            let size = km > crewKm || drivingMinutes > dailyLimit ? (drivingMinutes > 2 * dailyLimit ? 3 : 2) : 1
            // Empty runs (deadhead driving counts as driving): from the depot to the first
            // pickup when that is far (going home, the bus first drives to the factories), and
            // from the last drop-off back to the depot when that is far; through the route's
            // rest areas in the direction of travel.
            let rest = routes[trip.routeID]?.restStops ?? []
            let home = bus?.depot ?? trip.stops.first!.stopID
            func legs(_ path: [String]) -> [Leg] {
                zip(path, path.dropFirst()).compactMap { a, b -> Leg? in
                    guard let x = travel.position(of: a), let y = travel.position(of: b), x != y else { return nil }
                    return Leg(from: a, to: b, minutes: travel.minutes(x, y), km: travel.km(x, y))
                }
            }
            func far(_ a: String, _ b: String) -> Bool {
                guard let x = travel.position(of: a), let y = travel.position(of: b) else { return false }
                return travel.km(x, y) > 100
            }
            let returnLegs = legs(far(trip.stops.last!.stopID, home) ? [trip.stops.last!.stopID] + rest.reversed() + [home] : [trip.stops.last!.stopID, home])
            let returnKm = returnLegs.reduce(0) { $0 + $1.km }
            // Issue #12: the drive out is always recorded, near or far (it was only when over
            // 100 km, so 30–40 minutes of driving around 04:20 went missing inside the halt).
            // Near: straight to the first pickup, ending at the pre-trip check; when the
            // 02:00–05:00 halt is in the way, the evening before (see `gap` below).
            let positionFar = far(home, trip.stops.first!.stopID)
            let positionLegs = positionFar ? legs([home] + rest.reversed() + [trip.stops.first!.stopID]) : legs([home, trip.stops.first!.stopID])
            let positionKm = positionLegs.reduce(0) { $0 + $1.km }
            // Eligible drivers, fewest driving minutes first, then by id (indexes into the
            // id-sorted pool, so no driver value is copied while sorting).
            // Who may drive depends only on the day and the bus's seats: worked out once per pair.
            let eligibleKey = EligibleKey(date: trip.date, seats: trip.licensedSeats)
            let eligible: [Int]
            if let e = eligibleCache[eligibleKey] { eligible = e } else {
                let nextDay = trip.date.adding(days: 1), expiry = trip.date.adding(days: 2)
                eligible = pool.indices.filter { i in
                    pool[i].available.contains(trip.date) && pool[i].available.contains(nextDay)
                        && pool[i].licenceClass.maxSeats >= trip.licensedSeats && pool[i].licenceExpiry >= expiry
                }
                eligibleCache[eligibleKey] = eligible
            }
            // Sorted as packed integers (minutes, then pool index): thousands per trip.
            var ranked = eligible.map { UInt64(minutes[$0]) << 32 | UInt64($0) }
            ranked.sort()
            let candidates = ranked.lazy.map { pool[Int($0 & 0xFFFF_FFFF)].id }
            // How much later the pickups may start (the route's latest departure).
            let morningSlack = routes[trip.routeID].map { max(0, trip.departure.minutes(to: Timestamp(date: trip.date, minuteOfDay: $0.departLatest.minutes, zone: profile.zone))) } ?? 0
            var accepted: (Trip, [DutyRecord])? = nil
            var busAway: (start: Timestamp, end: Timestamp)? = nil
            var crew: [String] = []
            var skip = Set<String>()
            var attempts = 0
            search: while attempts < 12 {
                attempts += 1
                // A first look (the full check follows): a start moved to the morning may give
                // a crew that worked late the evening before its 8 hours.
                crew = Array(candidates.lazy.filter { !skip.contains($0) && !busy(byDriver[$0] ?? [], from: trip.stops[0].arrive.adding(minutes: -20), to: trip.arrival, rest: max(0, minRestBeforeRun - morningSlack)) }.prefix(size))
                guard crew.count == size else { break }
                var (timed, outbound) = rotate(trip, crew: crew, km: km)
                if !positionLegs.isEmpty {
                    // Drive out beforehand and rest: the gap grows until the crew's days are legal.
                    let draft = rotateLegs(positionLegs, crew: crew, start: trip.stops[0].arrive, vehicle: trip.busID, tripID: trip.id + "-position",
                                           tripKm: positionKm, stopsForRest: Set(rest))
                    let length = draft.map(\.end).max()!.seconds - trip.stops[0].arrive.seconds
                    var found: [DutyRecord]? = nil
                    // Near: first no gap (drive, check, pick up); if the halt would delay the
                    // arrival, the bus spends the night near its first pickup (gaps from 8 h).
                    var gap = positionFar ? minRestBeforeReturn : 0
                    while gap <= 40 * 60 && found == nil {
                        let latestEnd = trip.stops[0].arrive.adding(minutes: -20 - gap)
                        var start = latestEnd.adding(seconds: -length)
                        var position = rotateLegs(positionLegs, crew: crew, start: start, vehicle: trip.busID, tripID: trip.id + "-position", tripKm: positionKm, stopsForRest: Set(rest))
                        if gap == 0 && position.map(\.end).max()! > latestEnd { gap = minRestBeforeReturn; continue }
                        // Halts can lengthen it: start earlier until it ends in time.
                        while let end = position.map(\.end).max(), end > latestEnd {
                            start = start.adding(minutes: -60)
                            position = rotateLegs(positionLegs, crew: crew, start: start, vehicle: trip.busID, tripID: trip.id + "-position", tripKm: positionKm, stopsForRest: Set(rest))
                        }
                        // The rest before the run is counted from the positioning drive, its first duty.
                        let firstDuty = position.map(\.start).min() ?? start
                        let ok = crew.allSatisfy { d in
                            !busy(byDriver[d] ?? [], from: firstDuty, to: trip.arrival) && !violations(d, position + outbound).contains { $0.rule != "CN-CREW" }
                        }
                        if ok { found = position }
                        gap = gap == 0 ? minRestBeforeReturn : gap + 120
                    }
                    // Neither straight out at 04:xx (the halt) nor the evening before (the crew
                    // or the bus is still on its way back): drive out when the halt ends and
                    // start the pickups that much later, within the route's departure window.
                    if found == nil, !positionFar {
                        let latest = routes[trip.routeID].map { Timestamp(date: trip.date, minuteOfDay: $0.departLatest.minutes, zone: profile.zone) }
                        // Either driver may take the first stint (the other drove less in the last 24 hours).
                        for order in crew.count > 1 ? [crew, Array(crew.reversed())] : [crew] {
                            guard let late = morningStart(trip, positionLegs: positionLegs, crew: order, km: km, positionKm: positionKm,
                                                          latestDeparture: latest, stopsForRest: Set(rest)) else { break }
                            let ok = order.allSatisfy { d in
                                !busy(byDriver[d] ?? [], from: late.position.map(\.start).min()!, to: late.trip.arrival) && !violations(d, late.position + late.outbound).contains { $0.rule != "CN-CREW" }
                            }
                            if ok { found = late.position; timed = late.trip; outbound = late.outbound; crew = order; break }
                        }
                    }
                    guard let position = found else { for d in crew { skip.insert(d) }; continue search }
                    outbound = position + outbound
                }
                // The bus must be free for the whole run: no crew changes that.
                if let first = outbound.map(\.start).min(), let other = clash(trip.busID, first, timed.arrival) {
                    busAway = other
                    break search
                }
                var delay = minRestBeforeReturn
                while delay <= maxReturnDelay {
                    let start = timed.arrival.adding(minutes: delay)
                    let back = rotateLegs(returnLegs, crew: crew, start: start, vehicle: trip.busID, tripID: trip.id + "-return", tripKm: returnKm, stopsForRest: Set(rest))
                    let records = outbound + back
                    if let other = clash(trip.busID, records.map(\.start).min()!, records.map(\.end).max()!) { busAway = other; break search }
                    let bad = crew.filter { d in violations(d, records).contains { $0.rule != "CN-CREW" } }
                    if bad.isEmpty && !crewRuleBroken(records, engine: engine) { accepted = (timed, records); break search }
                    // A driver over the weekly or daily limit will not recover by waiting an hour.
                    if bad.contains(where: { d in violations(d, records).contains { $0.rule.hasSuffix("WEEKLY") || $0.rule == "US-60-70" } }) {
                        for d in bad { skip.insert(d) }
                        continue search
                    }
                    delay += 60
                }
                for d in crew.suffix(1) { skip.insert(d) }
            }
            guard let (timed, records) = accepted else {
                let why = busAway.map { "; bus \(trip.busID) is on another run from \($0.start.iso(in: profile.zone)) to \($0.end.iso(in: profile.zone))" } ?? ""
                for p in trip.passengers {
                    out.unplaced.append(Unplaced(workerID: p.workerID, reason: .noDriverCrew, message: UnplacedReason.noDriverCrew.explanation + " (trip \(trip.id) planned for \(trip.date), not run\(why))"))
                }
                continue
            }
            vehicleRuns[trip.busID, default: []].append((records.map(\.start).min()!, records.map(\.end).max()!))
            // Every record of the run carries the route's service type (the halt exemption reads it).
            let serviceType = routes[trip.routeID]?.serviceType ?? .charter
            let typed = records.map { r -> DutyRecord in var r = r; r.service = serviceType; return r }
            for r in typed {
                byDriver[r.driverID, default: []].append(r)
                if r.activity == .drive, let t = r.tripID { drivesByTrip[t, default: []].append(r) }
                if r.activity == .drive, let i = poolIndex[r.driverID] { minutes[i] += r.minutes }
            }
            crews[trip.id] = crew
            out.trips.append(timed)
        }
        out.trips.sort { ($0.date, $0.id) < ($1.date, $1.id) }
        out.unplaced.sort { $0.workerID < $1.workerID }
        // This plan's duties only (the existing ones belong to their own plan version).
        let duties = byDriver.keys.sorted().flatMap { byDriver[$0]!.sorted { $0.start < $1.start } }
            .filter { !existingKeys.contains("\($0.driverID)|\($0.start.seconds)|\($0.activity.rawValue)") }
        // Stops between places: a break or rest record with an empty place.
        // One pass over the duties: a run's records carry its trip id, or that id with
        // "-position" / "-return" for the drives out and back.
        var firstRoadside: [String: Timestamp] = [:]
        for d in duties where (d.activity == .break || d.activity == .rest) && d.place == "" {
            guard let id = d.tripID else { continue }
            let trip = Self.runTripID(id)
            if let t = firstRoadside[trip], t <= d.start { continue }
            firstRoadside[trip] = d.start
        }
        var roadside: [String] = []
        for t in out.trips {
            if let first = firstRoadside[t.id] {
                roadside.append("\(t.id): a stop at \(first.clock(in: profile.zone)) away from any stop, service area or depot: the stopping places on route \(t.routeID) are further apart than a legal stint")
            }
        }
        // Where each trip with passengers aboard spends the halt.
        var halts: [String: String] = [:]
        let ctx = RuleContext(zone: profile.zone)
        if let cn = profile.china {
            let tripIDs = Set(out.trips.map(\.id))
            for d in duties where d.activity == .rest && d.place != nil && d.tripID.map(tripIDs.contains) == true {
                if ctx.minutesInDailyWindow(d.start, d.end, from: cn.haltStart, to: cn.haltEnd) > 0 { halts[d.tripID!] = d.place! }
            }
        }
        return Result(plan: out, duties: duties, crews: crews, roadside: roadside, halts: halts)
    }

    struct EligibleKey: Hashable { var date: CivilDate; var seats: Int }

    /// The trip a run's record belongs to: its trip id without the "-position" (drive out)
    /// or "-return" (drive back) suffix.
    static func runTripID(_ id: String) -> String {
        for suffix in ["-position", "-return"] where id.hasSuffix(suffix) { return String(id.dropLast(suffix.count)) }
        return id
    }

    var dailyLimit: Int { profile.ruleSet.planning.dailyDriving }
    var stintLimitDay: Int { profile.ruleSet.planning.stint }
    /// Runs longer than this get two drivers: the CN-CREW distance, which the other profiles
    /// (no such rule) keep as a planning choice.
    var crewKm: Double { (profile.china ?? ChinaRules()).crewKm }

    func crewRuleBroken(_ records: [DutyRecord], engine: RuleEngine) -> Bool {
        guard let cn = profile.china else { return false }
        return !cn.tripViolations(records, in: engine.context).isEmpty
    }

    /// True when the driver has duties within `minRestBeforeRun` before the run's first duty
    /// (`from`: the pre-trip check, or the positioning drive) or within 8 hours after its
    /// arrival (`to`). Issue #12: this was 40 h before departure, a stand-in for the longest
    /// positioning lead; the positioning run is now checked itself.
    func busy(_ records: [DutyRecord], from: Timestamp, to: Timestamp, rest: Int? = nil) -> Bool {
        let s = from.adding(minutes: -(rest ?? minRestBeforeRun)), e = to.adding(minutes: 8 * 60)
        return records.contains { $0.start < e && $0.end > s }
    }

    /// The outbound rotation: the trip with times shifted for halts and roadside handovers,
    /// and every crew member's records.
    /// `before`: drive records of the crew just before the trip (the drive out), which count
    /// towards their stints and the day's driving.
    func rotate(_ trip: Trip, crew: [String], km: Double, before: [DutyRecord] = []) -> (Trip, [DutyRecord]) {
        var t = trip
        var legs: [Leg] = []
        for i in t.stops.indices.dropFirst() {
            legs.append(Leg(from: t.stops[i - 1].stopID, to: t.stops[i].stopID, minutes: t.stops[i - 1].depart.minutes(to: t.stops[i].arrive), km: t.stops[i].kmFromPrevious))
        }
        var records: [DutyRecord] = []
        // Before the first stop: the crew checks the bus (例检).
        let first = t.stops[0].arrive
        for d in crew { records.append(DutyRecord(driverID: d, activity: .otherWork, start: first.adding(minutes: -20), end: first, vehicleID: t.busID, tripID: t.id, tripKm: km, place: t.stops[0].stopID)) }
        var clock = t.stops[0].depart
        var rot = Rotation(crew: crew, limits: self)
        for r in before where r.activity == .drive {
            if let i = crew.firstIndex(of: r.driverID) { rot.totals[i] += r.minutes; rot.stints[i] += r.minutes; rot.lastEnd[i] = max(rot.lastEnd[i] ?? r.end, r.end) }
        }
        records += crewIdle(crew, from: first, to: clock, activity: .available, trip: t, km: km, place: t.stops[0].stopID)
        // The drop-off phase: from the last rest area to the last drop-off.
        let lastRest = t.stops.lastIndex { $0.role == .rest }
        for (i, leg) in legs.enumerated() {
            // Passengers do not sit out 02:00–05:00 on a village road: when the drop-offs after
            // the last service area would run into the halt, the bus halts at the service area.
            if profile.china != nil, let r = lastRest, i == r, let cn = profile.china {
                // With room for handovers on the way (they add minutes the timetable does not show yet).
                let phase = clock.minutes(to: t.stops.last!.arrive) + 45
                if inHalt(clock, clock.adding(minutes: phase)) {
                    let from = inHalt(clock, clock.adding(minutes: 1)) ? clock : nextMinute(after: clock, at: cn.haltStart)
                    let until = nextMinute(after: from, at: cn.haltEnd)
                    records += crewIdle(crew, from: clock, to: until, activity: .rest, trip: t, km: km, place: t.stops[i].stopID)
                    rot.pause()
                    let wait = until.seconds - clock.seconds
                    t.stops[i].depart = until
                    for j in (i + 1)..<t.stops.count { t.stops[j].arrive = t.stops[j].arrive.adding(seconds: wait); t.stops[j].depart = t.stops[j].depart.adding(seconds: wait) }
                    clock = until
                }
            }
            // Halts and handovers happen here, at a stop, before the leg — not at the roadside.
            let (held, ready) = prepare(leg, at: t.stops[i].stopID, from: clock, rotation: &rot, vehicle: t.busID, tripID: t.id, tripKm: km,
                                        standing: t.stops[i].arrive.minutes(to: clock))
            records += held
            let wait = ready.seconds - clock.seconds
            if wait > 0 {
                t.stops[i].depart = ready
                for j in (i + 1)..<t.stops.count { t.stops[j].arrive = t.stops[j].arrive.adding(seconds: wait); t.stops[j].depart = t.stops[j].depart.adding(seconds: wait) }
                clock = ready
            }
            let (recs, end) = drive(leg, from: clock, rotation: &rot, vehicle: t.busID, tripID: t.id, tripKm: km, relay: false)
            records += recs
            let shift = end.seconds - clock.seconds - leg.minutes * 60
            // Later stops move by the halts and handovers added on this leg.
            if shift != 0 { for j in (i + 1)..<t.stops.count { t.stops[j].arrive = t.stops[j].arrive.adding(seconds: shift); t.stops[j].depart = t.stops[j].depart.adding(seconds: shift) } }
            let stop = t.stops[i + 1]
            let dwellKind: DutyActivity = stop.role == .rest ? .break : .available
            if stop.depart > stop.arrive {
                records += crewIdle(crew, from: stop.arrive, to: stop.depart, activity: dwellKind, trip: t, km: km, place: stop.stopID)
                // Only a break ends a stint: waiting while passengers board does not (issue #12).
                if dwellKind == .break && stop.arrive.minutes(to: stop.depart) >= minPause { rot.pause() }
            }
            clock = stop.depart
        }
        return (t, records)
    }

    var minPause: Int { profile.ruleSet.planning.minPause }

    /// The near drive out started when the 02:00–05:00 halt ends, and the trip moved later by
    /// as much as that needs (every stop, the same minutes), when the departure stays within
    /// `latestDeparture`: the position drive, the moved trip and its rotation. Nil without a
    /// halt in the profile, when no move is needed, or when the move leaves the window.
    func morningStart(_ trip: Trip, positionLegs: [Leg], crew: [String], km: Double, positionKm: Double,
                      latestDeparture: Timestamp?, stopsForRest: Set<String>) -> (trip: Trip, position: [DutyRecord], outbound: [DutyRecord])? {
        guard let cn = profile.china else { return nil }
        let check = 20
        let length = positionLegs.reduce(0) { $0 + $1.minutes }
        let wanted = trip.stops[0].arrive.adding(minutes: -check - length)
        guard inHalt(wanted, wanted.adding(minutes: length)) else { return nil }
        let start = nextMinute(after: wanted, at: cn.haltEnd)
        // The second driver drives out; the first starts the pickups with a fresh stint.
        let position = rotateLegs(positionLegs, crew: Array(crew.reversed()), start: start, vehicle: trip.busID, tripID: trip.id + "-position", tripKm: positionKm, stopsForRest: stopsForRest)
        guard let end = position.map(\.end).max() else { return nil }
        let move = end.adding(minutes: check).seconds - trip.stops[0].arrive.seconds
        guard move > 0 else { return nil }
        var moved = trip
        for j in moved.stops.indices {
            moved.stops[j].arrive = moved.stops[j].arrive.adding(seconds: move)
            moved.stops[j].depart = moved.stops[j].depart.adding(seconds: move)
        }
        if let latest = latestDeparture, moved.departure > latest { return nil }
        let (timed, outbound) = rotate(moved, crew: crew, km: km, before: position)
        return (timed, position, outbound)
    }

    func crewIdle(_ crew: [String], from: Timestamp, to: Timestamp, activity: DutyActivity, trip: Trip, km: Double, place: String) -> [DutyRecord] {
        guard to > from else { return [] }
        return crew.map { DutyRecord(driverID: $0, activity: activity, start: from, end: to, vehicleID: trip.busID, tripID: trip.id, tripKm: km, place: place) }
    }

    /// Before a leg leaves `place` (a stop, service area or depot): the bus halts here when the
    /// leg would run into 02:00–05:00; the crew rests here when nobody has a day's driving left
    /// for the leg; the wheel changes hands here (or, alone, the driver pauses) when the driver
    /// could not drive the whole leg within the stint limits. So swaps, breaks and the halt
    /// happen where a coach may stop (实施条例 art. 82), with the slack the leg needs. A leg
    /// longer than any legal stint is still split at the roadside by `drive`, and reported.
    /// `standing`: minutes the bus has already stood at `place` (people boarding or alighting):
    /// the drivers change seats meanwhile, so a handover adds only what the stop's own minutes
    /// do not cover. (Before, it came after them: a crew change at the last pickup stretched the
    /// pickups 10 minutes past the route's cap, 153 of 150 — found by a walk-through.)
    func prepare(_ leg: Leg, at place: String, from start: Timestamp, rotation rot: inout Rotation, vehicle: String, tripID: String, tripKm: Double,
                 standing: Int = 0) -> ([DutyRecord], Timestamp) {
        var records: [DutyRecord] = []
        var clock = start
        func all(_ activity: DutyActivity, until: Timestamp) {
            for d in rot.crew { records.append(DutyRecord(driverID: d, activity: activity, start: clock, end: until, vehicleID: vehicle, tripID: tripID, tripKm: tripKm, place: place)) }
            clock = until
        }
        if let cn = profile.china, inHalt(clock, clock.adding(minutes: leg.minutes)) {
            // Wait here until the halt ends rather than stop on the road at 02:00.
            let haltEnd = nextMinute(after: inHalt(clock, clock.adding(minutes: 1)) ? clock : clock.adding(minutes: clock.minutes(to: nextMinute(after: clock, at: cn.haltStart))), at: cn.haltEnd)
            all(.rest, until: haltEnd)
            rot.pause()
        }
        if rot.crew.indices.allSatisfy({ limits(rot, $0) < leg.minutes }) && rot.crew.indices.contains(where: { rot.totals[$0] > 0 }) {
            all(.rest, until: clock.adding(minutes: 11 * 60))
            rot.pause(); rot.totals = rot.totals.map { _ in 0 }
        }
        // The leg in one stint: the whole stint within the day limit, its night part (22:00–06:00)
        // within the night limit (docs/driver-rules.md, "night stints").
        let nightTooLong = profile.china.map { cn in rot.nightMinutes + nightIn(clock, leg.minutes) > cn.continuousNight } ?? false
        if rot.stint > 0 && (rot.stint + leg.minutes > stintLimitDay || nightTooLong || rot.dailyRoom < leg.minutes) {
            let handover = rot.crew.count > 1
            let first = handover ? max(0, handoverMinutes - standing) : minPause
            if first > 0 { all(.break, until: clock.adding(minutes: first)) }
            if !(handover && rot.swap(at: clock)) {
                // No one to take over: the pause a stint needs, in all.
                let more = clock.adding(minutes: minPause - first)
                if more > clock { all(.break, until: more) }
                rot.pause()
            }
        }
        return (records, clock)
    }

    /// The empty return after the rest, split into the same kind of stints.
    func rotateLegs(_ legs: [Leg], crew: [String], start: Timestamp, vehicle: String, tripID: String, tripKm: Double, stopsForRest: Set<String>) -> [DutyRecord] {
        var rot = Rotation(crew: crew, limits: self)
        var clock = start
        var records: [DutyRecord] = []
        for (i, leg) in legs.enumerated() {
            let (held, ready) = prepare(leg, at: leg.from, from: clock, rotation: &rot, vehicle: vehicle, tripID: tripID, tripKm: tripKm)
            records += held
            clock = ready
            let (recs, end) = drive(leg, from: clock, rotation: &rot, vehicle: vehicle, tripID: tripID, tripKm: tripKm, relay: false)
            records += recs
            clock = end
            if i < legs.count - 1 && stopsForRest.contains(leg.to) {
                let pauseEnd = clock.adding(minutes: minPause)
                for d in crew { records.append(DutyRecord(driverID: d, activity: .break, start: clock, end: pauseEnd, vehicleID: vehicle, tripID: tripID, tripKm: tripKm, place: leg.to)) }
                rot.pause()
                clock = pauseEnd
            }
        }
        return records
    }

    /// Who drives now, and each driver's stint: driving since their last pause of at least
    /// the minimum length.
    struct Rotation {
        var crew: [String]
        var limits: CrewScheduler
        var current = 0
        var stints: [Int]
        /// Minutes of the current stint driven at night (22:00–06:00), per driver.
        var nights: [Int]
        var lastEnd: [Timestamp?]
        /// Driving so far on this run, per driver.
        var totals: [Int]
        init(crew: [String], limits: CrewScheduler) {
            self.crew = crew; self.limits = limits
            stints = Array(repeating: 0, count: crew.count); nights = Array(repeating: 0, count: crew.count)
            lastEnd = Array(repeating: nil, count: crew.count); totals = Array(repeating: 0, count: crew.count)
        }
        /// Driving the current driver may still do on this run (the daily limit).
        var dailyRoom: Int { limits.dailyLimit - totals[current] }
        var stint: Int { stints[current] }
        var nightMinutes: Int { nights[current] }
        /// Everyone has just had a pause long enough to end a stint; the wheel goes to whoever
        /// has driven least on this run, which keeps the crew's hours even.
        mutating func pause() {
            for i in crew.indices { stints[i] = 0; nights[i] = 0 }
            current = crew.indices.min { (totals[$0], $0) < (totals[$1], $1) }!
        }
        mutating func drove(_ minutes: Int, night n: Int, until end: Timestamp) {
            stints[current] += minutes; nights[current] += n; lastEnd[current] = end; totals[current] += minutes
        }
        /// Hands the wheel to the next driver; their stint restarts if they have been off the
        /// wheel long enough. Returns false when nobody is rested enough (then the bus pauses).
        mutating func swap(at now: Timestamp) -> Bool {
            guard crew.count > 1 else { return false }
            for k in 1..<crew.count {
                let i = (current + k) % crew.count
                let rested = lastEnd[i].map { $0.minutes(to: now) >= limits.minPause } ?? true
                if rested { stints[i] = 0; nights[i] = 0 }
                if (rested || stints[i] < limits.stintLimitDay / 2) && totals[i] < limits.dailyLimit { current = i; return true }
            }
            return false
        }
    }

    /// Minutes of `[start, start + minutes)` inside the night window (22:00–06:00).
    func nightIn(_ start: Timestamp, _ minutes: Int) -> Int {
        guard let cn = profile.china, minutes > 0 else { return 0 }
        return RuleContext(zone: profile.zone).minutesInDailyWindow(start, start.adding(minutes: minutes), from: cn.nightStart, to: cn.nightEnd)
    }

    func inHalt(_ a: Timestamp, _ b: Timestamp) -> Bool {
        guard let cn = profile.china else { return false }
        return RuleContext(zone: profile.zone).minutesInDailyWindow(a, b, from: cn.haltStart, to: cn.haltEnd) > 0
    }

    /// Drives one leg from `start`, in pieces: halts for 02:00–05:00, swaps drivers (or pauses,
    /// with one driver) before a stint would pass its limit. Returns the records and the arrival.
    func drive(_ leg: Leg, from start: Timestamp, rotation rot: inout Rotation, vehicle: String, tripID: String, tripKm: Double, relay: Bool) -> ([DutyRecord], Timestamp) {
        var records: [DutyRecord] = []
        var left = leg.minutes
        var clock = start
        let cn = profile.china ?? ChinaRules()
        let china = profile.china != nil
        while left > 0 {
            // The halt: wait until it ends.
            if inHalt(clock, clock.adding(minutes: 1)) {
                let until = nextMinute(after: clock, at: cn.haltEnd)
                for d in rot.crew { records.append(DutyRecord(driverID: d, activity: .rest, start: clock, end: until, vehicleID: vehicle, tripID: tripID, tripKm: tripKm, place: "")) }
                clock = until; rot.pause(); continue
            }
            if rot.crew.indices.allSatisfy({ limits(rot, $0) <= 0 }) {
                // Everyone has driven a day's worth: a daily rest before going on.
                let until = clock.adding(minutes: 11 * 60)
                for d in rot.crew { records.append(DutyRecord(driverID: d, activity: .rest, start: clock, end: until, vehicleID: vehicle, tripID: tripID, tripKm: tripKm, place: "")) }
                clock = until; rot.pause(); rot.totals = rot.totals.map { _ in 0 }; continue
            }
            var piece = left
            if inHalt(clock, clock.adding(minutes: piece)) { piece = clock.minutes(to: nextMinute(after: clock, at: cn.haltStart)) }
            piece = min(piece, max(0, stintLimitDay - rot.stint), max(0, rot.dailyRoom))
            if piece > 0 && china && rot.nightMinutes + nightIn(clock, piece) > cn.continuousNight {
                // The night part of the stint reaches its limit: drive up to that minute.
                let quota = cn.continuousNight - rot.nightMinutes
                var lo = 0, hi = piece
                while lo < hi { let mid = (lo + hi + 1) / 2; if nightIn(clock, mid) <= quota { lo = mid } else { hi = mid - 1 } }
                piece = lo
            }
            if piece <= 0 {
                // Hand over (or, alone, pause) before going on.
                let handover = rot.crew.count > 1
                let pauseLen = handover ? handoverMinutes : minPause
                let until = clock.adding(minutes: pauseLen)
                for d in rot.crew { records.append(DutyRecord(driverID: d, activity: .break, start: clock, end: until, vehicleID: vehicle, tripID: tripID, tripKm: tripKm, place: "")) }
                clock = until
                if !(handover && rot.swap(at: clock)) {
                    // Nobody rested enough: the bus stops for a full pause.
                    let more = clock.adding(minutes: minPause - pauseLen)
                    if more > clock { for d in rot.crew { records.append(DutyRecord(driverID: d, activity: .break, start: clock, end: more, vehicleID: vehicle, tripID: tripID, tripKm: tripKm, place: "")) } }
                    clock = more; rot.pause()
                }
                continue
            }
            let end = clock.adding(minutes: piece)
            let driver = rot.crew[rot.current]
            records.append(DutyRecord(driverID: driver, activity: .drive, start: clock, end: end, vehicleID: vehicle, tripID: tripID, tripKm: tripKm, relay: relay))
            for d in rot.crew where d != driver {
                records.append(DutyRecord(driverID: d, activity: .available, start: clock, end: end, vehicleID: vehicle, tripID: tripID, tripKm: tripKm))
            }
            rot.drove(piece, night: nightIn(clock, piece), until: end)
            left -= piece
            clock = end
        }
        return (merge(records), clock)
    }

    func limits(_ rot: Rotation, _ i: Int) -> Int { dailyLimit - rot.totals[i] }

    /// The next instant at local minute-of-day `m` strictly after `t`.
    func nextMinute(after t: Timestamp, at m: Int) -> Timestamp {
        var d = t.date(in: profile.zone)
        var c = Timestamp(date: d, minuteOfDay: m, zone: profile.zone)
        while c <= t { d = d.adding(days: 1); c = Timestamp(date: d, minuteOfDay: m, zone: profile.zone) }
        return c
    }

    /// Joins back-to-back records of one driver with the same activity.
    func merge(_ rs: [DutyRecord]) -> [DutyRecord] {
        var out: [DutyRecord] = []
        for r in rs.sorted(by: { ($0.driverID, $0.start) < ($1.driverID, $1.start) }) {
            if let l = out.last, l.driverID == r.driverID, l.activity == r.activity, l.end == r.start, l.tripID == r.tripID {
                out[out.count - 1].end = r.end
            } else { out.append(r) }
        }
        return out
    }
}

