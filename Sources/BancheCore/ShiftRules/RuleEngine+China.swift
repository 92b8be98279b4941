extension ChinaRules {
    /// CN-CONT-DAY, CN-CONT-NIGHT, CN-DAILY, CN-WEEKLY, CN-NIGHT-HALT for one driver.
    public func driverViolations(_ d: String, _ rs: [DutyRecord], drivesOnVehicle: [String: [DutyRecord]], in ctx: RuleContext) -> [RuleViolation] {
        let p = self
        var out: [RuleViolation] = []
        let drives = rs.filter { $0.activity == .drive }
        // Stints: driving until at least 20 minutes in a row of break, rest, time off (no
        // record) or riding in the bus while another driver drives it. Other work and waiting
        // do not end a stint (nor do they count as driving).
        var stint: [DutyRecord] = []
        var nightMinutes = 0, pauseRun = 0
        func closeStint() {
            guard let first = stint.first, let last = stint.last else { return }
            let driving = stint.reduce(0) { $0 + $1.minutes }
            if nightMinutes > p.continuousNight {
                out.append(ctx.v("CN-CONT-NIGHT", d, first.start, last.end, nightMinutes, p.continuousNight,
                             "\(d) drove \(hoursMinutes(nightMinutes)) at night (\(TimeOfDay(minutes: p.nightStart)!)–\(TimeOfDay(minutes: p.nightEnd)!)) without a \(p.minPause)-minute pause, in a stint from \(ctx.clock(first.start)) to \(ctx.clock(last.end)); the limit at night is \(hoursMinutes(p.continuousNight))"))
            } else if driving > p.continuousDay {
                out.append(ctx.v("CN-CONT-DAY", d, first.start, last.end, driving, p.continuousDay,
                             "\(d) drove \(hoursMinutes(driving)) without a \(p.minPause)-minute pause from \(ctx.clock(first.start)) to \(ctx.clock(last.end)); the limit is \(hoursMinutes(p.continuousDay))"))
            }
            stint = []; nightMinutes = 0
        }
        func pause(_ m: Int) { pauseRun += m; if pauseRun >= p.minPause { closeStint() } }
        var prevEnd: Timestamp? = nil
        for r in rs {
            if let pe = prevEnd, r.start > pe { pause(pe.minutes(to: r.start)) }
            RuleContext.eachPiece(r, drivesOnVehicle: drivesOnVehicle) { x, riding in
                switch x.activity {
                case .drive:
                    pauseRun = 0
                    stint.append(x)
                    nightMinutes += ctx.minutesInDailyWindow(x.start, x.end, from: p.nightStart, to: p.nightEnd)
                case .break, .rest: pause(x.minutes)
                case .available: if riding { pause(x.minutes) } else { pauseRun = 0 }
                case .otherWork: pauseRun = 0
                }
            }
            prevEnd = max(prevEnd ?? r.end, r.end)
        }
        closeStint()
        let intervals = drives.map { ($0.start, $0.end) }
        for (s, e, m) in RuleContext.rollingExcess(intervals, length: 24 * 60, limit: p.daily) {
            out.append(ctx.v("CN-DAILY", d, s, e, m, p.daily, "\(d) drove \(hoursMinutes(m)) in the 24 hours from \(ctx.clock(s)); the limit is \(hoursMinutes(p.daily)) in any 24 hours"))
        }
        for (s, e, m) in RuleContext.rollingExcess(intervals, length: 7 * 24 * 60, limit: p.weekly) {
            out.append(ctx.v("CN-WEEKLY", d, s, e, m, p.weekly, "\(d) drove \(hoursMinutes(m)) in the 7 days from \(ctx.clock(s)); the limit is \(hoursMinutes(p.weekly)) in any 7 days"))
        }
        // The halt: relays are exempt on any service; short runs only on the services the
        // texts name (never a charter), and only up to the distance they give.
        for r in drives where !r.relay && !(p.haltExemptServices.contains(r.service) && (r.tripKm ?? .infinity) <= p.haltExemptKm) {
            let m = ctx.minutesInDailyWindow(r.start, r.end, from: p.haltStart, to: p.haltEnd)
            if m > 0 {
                let services = p.haltExemptServices.map(\.rawValue).sorted().joined(separator: ", ")
                let kmText = r.tripKm.map { " of \(Int($0.rounded())) km" } ?? ""
                out.append(ctx.v("CN-NIGHT-HALT", d, r.start, r.end, m, 0,
                             "\(d) drove \(hoursMinutes(m)) between \(TimeOfDay(minutes: p.haltStart)!) and \(TimeOfDay(minutes: p.haltEnd)!) (\(ctx.clock(r.start))–\(ctx.clock(r.end))); long-distance coaches halt then unless the trip is an approved relay; the short-run exemption (at most \(Int(p.haltExemptKm)) km) covers only \(services) services, and this is a \(r.service.rawValue) run\(kmText)"))
            }
        }
        return out
    }

    /// CN-CREW: a one-way run over the crew distance has at least two drivers.
    public func tripViolations(_ records: [DutyRecord], in ctx: RuleContext) -> [RuleViolation] {
        var out: [RuleViolation] = []
        let trips = Dictionary(grouping: records.filter { $0.tripID != nil }, by: { $0.tripID! })
        for t in trips.keys.sorted() {
            let rs = trips[t]!
            let km = rs.compactMap(\.tripKm).max() ?? 0
            guard km > crewKm else { continue }
            // Only people who drive on the trip count: a passenger who loads the bus is no crew.
            let drivers = Set(rs.filter { $0.activity == .drive }.map(\.driverID)).sorted()
            let crew = drivers
            if crew.count < 2, let first = drivers.first ?? rs.map(\.driverID).min() {
                let s = rs.map(\.start).min()!, e = rs.map(\.end).max()!
                out.append(ctx.v("CN-CREW", first, s, e, crew.count, 2,
                             "trip \(t) runs \(Int(km)) km one way with \(crew.count) driver\(crew.count == 1 ? "" : "s") at the wheel; over \(Int(crewKm)) km a coach carries at least 2 drivers"))
            }
        }
        return out
    }
}
