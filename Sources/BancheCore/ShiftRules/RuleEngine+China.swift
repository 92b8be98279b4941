extension RuleEngine {
    /// CN-CONT-DAY, CN-CONT-NIGHT, CN-DAILY, CN-WEEKLY, CN-NIGHT-HALT for one driver.
    func chinaDriver(_ d: String, _ rs: [DutyRecord], drivesOnVehicle: [String: [DutyRecord]]) -> [RuleViolation] {
        let p = profile
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
            if nightMinutes > p.cnContinuousNight {
                out.append(v("CN-CONT-NIGHT", d, first.start, last.end, nightMinutes, p.cnContinuousNight,
                             "\(d) drove \(hoursMinutes(nightMinutes)) at night (\(TimeOfDay(minutes: p.cnNightStart)!)–\(TimeOfDay(minutes: p.cnNightEnd)!)) without a \(p.cnMinPause)-minute pause, in a stint from \(clock(first.start)) to \(clock(last.end)); the limit at night is \(hoursMinutes(p.cnContinuousNight))"))
            } else if driving > p.cnContinuousDay {
                out.append(v("CN-CONT-DAY", d, first.start, last.end, driving, p.cnContinuousDay,
                             "\(d) drove \(hoursMinutes(driving)) without a \(p.cnMinPause)-minute pause from \(clock(first.start)) to \(clock(last.end)); the limit is \(hoursMinutes(p.cnContinuousDay))"))
            }
            stint = []; nightMinutes = 0
        }
        func pause(_ m: Int) { pauseRun += m; if pauseRun >= p.cnMinPause { closeStint() } }
        var prevEnd: Timestamp? = nil
        for r in rs {
            if let pe = prevEnd, r.start > pe { pause(pe.minutes(to: r.start)) }
            for (x, riding) in Self.ridingPieces(r, drivesOnVehicle: drivesOnVehicle) {
                switch x.activity {
                case .drive:
                    pauseRun = 0
                    stint.append(x)
                    nightMinutes += minutesInDailyWindow(x.start, x.end, from: p.cnNightStart, to: p.cnNightEnd)
                case .break, .rest: pause(x.minutes)
                case .available: if riding { pause(x.minutes) } else { pauseRun = 0 }
                case .otherWork: pauseRun = 0
                }
            }
            prevEnd = max(prevEnd ?? r.end, r.end)
        }
        closeStint()
        let intervals = drives.map { ($0.start, $0.end) }
        for (s, e, m) in Self.rollingExcess(intervals, length: 24 * 60, limit: p.cnDaily) {
            out.append(v("CN-DAILY", d, s, e, m, p.cnDaily, "\(d) drove \(hoursMinutes(m)) in the 24 hours from \(clock(s)); the limit is \(hoursMinutes(p.cnDaily)) in any 24 hours"))
        }
        for (s, e, m) in Self.rollingExcess(intervals, length: 7 * 24 * 60, limit: p.cnWeekly) {
            out.append(v("CN-WEEKLY", d, s, e, m, p.cnWeekly, "\(d) drove \(hoursMinutes(m)) in the 7 days from \(clock(s)); the limit is \(hoursMinutes(p.cnWeekly)) in any 7 days"))
        }
        // The halt: relays are exempt on any service; short runs only on the services the
        // texts name (never a charter), and only up to the distance they give.
        for r in drives where !r.relay && !(p.cnHaltExemptServices.contains(r.service) && (r.tripKm ?? .infinity) <= p.cnHaltExemptKm) {
            let m = minutesInDailyWindow(r.start, r.end, from: p.cnHaltStart, to: p.cnHaltEnd)
            if m > 0 {
                let services = p.cnHaltExemptServices.map(\.rawValue).sorted().joined(separator: ", ")
                let kmText = r.tripKm.map { " of \(Int($0.rounded())) km" } ?? ""
                out.append(v("CN-NIGHT-HALT", d, r.start, r.end, m, 0,
                             "\(d) drove \(hoursMinutes(m)) between \(TimeOfDay(minutes: p.cnHaltStart)!) and \(TimeOfDay(minutes: p.cnHaltEnd)!) (\(clock(r.start))–\(clock(r.end))); long-distance coaches halt then unless the trip is an approved relay; the short-run exemption (at most \(Int(p.cnHaltExemptKm)) km) covers only \(services) services, and this is a \(r.service.rawValue) run\(kmText)"))
            }
        }
        return out
    }

    /// CN-CREW: a one-way run over the crew distance has at least two drivers.
    func chinaCrew(_ records: [DutyRecord]) -> [RuleViolation] {
        var out: [RuleViolation] = []
        let trips = Dictionary(grouping: records.filter { $0.tripID != nil }, by: { $0.tripID! })
        for t in trips.keys.sorted() {
            let rs = trips[t]!
            let km = rs.compactMap(\.tripKm).max() ?? 0
            guard km > profile.cnCrewKm else { continue }
            // Only people who drive on the trip count: a passenger who loads the bus is no crew.
            let drivers = Set(rs.filter { $0.activity == .drive }.map(\.driverID)).sorted()
            let crew = drivers
            if crew.count < 2, let first = drivers.first ?? rs.map(\.driverID).min() {
                let s = rs.map(\.start).min()!, e = rs.map(\.end).max()!
                out.append(v("CN-CREW", first, s, e, crew.count, 2,
                             "trip \(t) runs \(Int(km)) km one way with \(crew.count) driver\(crew.count == 1 ? "" : "s") at the wheel; over \(Int(profile.cnCrewKm)) km a coach carries at least 2 drivers"))
            }
        }
        return out
    }
}
