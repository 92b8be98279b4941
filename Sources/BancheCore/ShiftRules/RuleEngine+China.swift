extension RuleEngine {
    /// CN-CONT-DAY, CN-CONT-NIGHT, CN-DAILY, CN-WEEKLY, CN-NIGHT-HALT for one driver.
    func chinaDriver(_ d: String, _ rs: [DutyRecord]) -> [RuleViolation] {
        let p = profile
        var out: [RuleViolation] = []
        let drives = rs.filter { $0.activity == .drive }
        // Stints: driving joined by pauses off the wheel shorter than the minimum pause.
        var stint: [DutyRecord] = []
        func closeStint() {
            guard let first = stint.first, let last = stint.last else { return }
            let driving = stint.reduce(0) { $0 + $1.minutes }
            let night = stint.contains { minutesInDailyWindow($0.start, $0.end, from: p.cnNightStart, to: p.cnNightEnd) > 0 }
            if night && driving > p.cnContinuousNight {
                out.append(v("CN-CONT-NIGHT", d, first.start, last.end, driving, p.cnContinuousNight,
                             "\(d) drove \(hoursMinutes(driving)) without a \(p.cnMinPause)-minute pause from \(clock(first.start)) to \(clock(last.end)), partly at night (\(TimeOfDay(minutes: p.cnNightStart)!)–\(TimeOfDay(minutes: p.cnNightEnd)!)); the limit at night is \(hoursMinutes(p.cnContinuousNight))"))
            } else if driving > p.cnContinuousDay {
                out.append(v("CN-CONT-DAY", d, first.start, last.end, driving, p.cnContinuousDay,
                             "\(d) drove \(hoursMinutes(driving)) without a \(p.cnMinPause)-minute pause from \(clock(first.start)) to \(clock(last.end)); the limit is \(hoursMinutes(p.cnContinuousDay))"))
            }
            stint = []
        }
        for r in drives {
            if let last = stint.last, last.end.minutes(to: r.start) >= p.cnMinPause { closeStint() }
            stint.append(r)
        }
        closeStint()
        let intervals = drives.map { ($0.start, $0.end) }
        for (s, e, m) in Self.rollingExcess(intervals, length: 24 * 60, limit: p.cnDaily) {
            out.append(v("CN-DAILY", d, s, e, m, p.cnDaily, "\(d) drove \(hoursMinutes(m)) in the 24 hours from \(clock(s)); the limit is \(hoursMinutes(p.cnDaily)) in any 24 hours"))
        }
        for (s, e, m) in Self.rollingExcess(intervals, length: 7 * 24 * 60, limit: p.cnWeekly) {
            out.append(v("CN-WEEKLY", d, s, e, m, p.cnWeekly, "\(d) drove \(hoursMinutes(m)) in the 7 days from \(clock(s)); the limit is \(hoursMinutes(p.cnWeekly)) in any 7 days"))
        }
        for r in drives where !r.relay && (r.tripKm ?? .infinity) > p.cnHaltExemptKm {
            let m = minutesInDailyWindow(r.start, r.end, from: p.cnHaltStart, to: p.cnHaltEnd)
            if m > 0 {
                out.append(v("CN-NIGHT-HALT", d, r.start, r.end, m, 0,
                             "\(d) drove \(hoursMinutes(m)) between \(TimeOfDay(minutes: p.cnHaltStart)!) and \(TimeOfDay(minutes: p.cnHaltEnd)!) (\(clock(r.start))–\(clock(r.end))); long-distance coaches halt then unless the trip is an approved relay or at most \(Int(p.cnHaltExemptKm)) km"))
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
            let drivers = Set(rs.filter { $0.activity == .drive }.map(\.driverID)).sorted()
            let crew = Set(rs.map(\.driverID)).sorted()
            if crew.count < 2, let first = drivers.first ?? crew.first {
                let s = rs.map(\.start).min()!, e = rs.map(\.end).max()!
                out.append(v("CN-CREW", first, s, e, crew.count, 2,
                             "trip \(t) runs \(Int(km)) km one way with \(crew.count) driver; over \(Int(profile.cnCrewKm)) km a coach carries at least 2 drivers"))
            }
        }
        return out
    }
}
