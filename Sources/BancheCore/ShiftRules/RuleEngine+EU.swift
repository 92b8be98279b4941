extension EURules {
    /// Periods off duty for one driver: gaps between records and rest/break records, joined.
    /// Under EU rules a rest or break taken on a bus that another driver is driving is not
    /// rest (multi-manning: it counts as availability).
    func offBlocks(_ rs: [DutyRecord], countsAsOff: (DutyRecord) -> Bool) -> [(Timestamp, Timestamp)] {
        var blocks: [(Timestamp, Timestamp)] = []
        var cursor: Timestamp? = nil
        func addOff(_ s: Timestamp, _ e: Timestamp) {
            guard e > s else { return }
            if let last = blocks.last, last.1 >= s { blocks[blocks.count - 1].1 = max(last.1, e) } else { blocks.append((s, e)) }
        }
        for r in rs {
            if let c = cursor, r.start > c { addOff(c, r.start) }
            if countsAsOff(r) { addOff(r.start, r.end) }
            cursor = max(cursor ?? r.end, r.end)
        }
        return blocks
    }

    public func driverViolations(_ d: String, _ rs: [DutyRecord], drivesOnVehicle: [String: [DutyRecord]], in ctx: RuleContext) -> [RuleViolation] {
        let p = self
        var out: [RuleViolation] = []
        func onMovingBus(_ r: DutyRecord) -> Bool {
            guard let v = r.vehicleID else { return false }
            return (drivesOnVehicle[v] ?? []).contains { $0.driverID != r.driverID && $0.start < r.end && $0.end > r.start }
        }
        // EU-BREAK: 45 min after 4 h 30 driving, or 15 then 30. Breaks exclude other work.
        var driving = 0, firstSplit = false, reported = false
        var since: Timestamp? = nil, prevEnd: Timestamp? = nil
        func pause(_ len: Int) {
            if len >= p.breakLength || (firstSplit && len >= p.splitSecond) { driving = 0; firstSplit = false; reported = false; since = nil }
            else if len >= p.splitFirst { firstSplit = true }
        }
        for r in rs {
            if let pe = prevEnd, r.start > pe { pause(pe.minutes(to: r.start)) }
            // `available` is a break only while riding in a bus another driver is driving
            // (multi-manning, art. 7); waiting elsewhere is availability, not a break (art. 4(d)).
            RuleContext.eachPiece(r, drivesOnVehicle: drivesOnVehicle) { x, riding in
                let r = x
                switch r.activity {
                case .drive:
                    since = since ?? r.start
                    driving += r.minutes
                    if driving > p.breakAfter && !reported {
                        reported = true
                        out.append(ctx.v("EU-BREAK", d, since!, r.end, driving, p.breakAfter,
                                     "\(d) drove \(hoursMinutes(driving)) from \(ctx.clock(since!)) to \(ctx.clock(r.end)) without a 45-minute break (or 15 then 30); the limit is \(hoursMinutes(p.breakAfter))"))
                    }
                case .break, .rest: pause(r.minutes)
                case .available: if riding { pause(r.minutes) }
                case .otherWork: break
                }
            }
            prevEnd = max(prevEnd ?? r.end, r.end)
        }
        // Daily periods: separated by daily rests of at least the reduced length (or a split's 9 h part).
        let off = offBlocks(rs) { ($0.activity == .rest || $0.activity == .break) && !onMovingBus($0) }
        let rests = off.filter { $0.0.minutes(to: $0.1) >= p.splitRestSecond || $0.0.minutes(to: $0.1) >= p.reducedRest }
        let drives = rs.filter { $0.activity == .drive }.map { ($0.start, $0.end) }
        guard let first = rs.first?.start, let last = rs.map(\.end).max() else { return out }
        var periodStarts = [first] + rests.map(\.1).filter { $0 < last }
        periodStarts = Array(Set(periodStarts.map(\.seconds))).sorted().map(Timestamp.init(seconds:))
        var extendedByWeek: [Int: Int] = [:]
        var reducedSinceWeekly = 0
        let multiManned = rs.contains { $0.activity != .drive && onMovingBus($0) } || rs.contains { r in
            r.activity == .drive && (drivesOnVehicle[r.vehicleID ?? ""] ?? []).contains { $0.driverID != d && $0.tripID == r.tripID && r.tripID != nil }
        }
        for (i, s) in periodStarts.enumerated() {
            let e = i + 1 < periodStarts.count ? periodStarts[i + 1] : last
            let m = RuleContext.minutesInside(drives, s, e)
            let week = weekIndex(s)
            if m > p.dailyExtended {
                out.append(ctx.v("EU-DAILY-DRIVE", d, s, e, m, p.dailyExtended, "\(d) drove \(hoursMinutes(m)) between daily rests from \(ctx.clock(s)); the most is \(hoursMinutes(p.dailyExtended))"))
            } else if m > p.daily {
                extendedByWeek[week, default: 0] += 1
                if extendedByWeek[week]! > p.extendedPerWeek {
                    out.append(ctx.v("EU-DAILY-DRIVE", d, s, e, m, p.daily, "\(d) drove \(hoursMinutes(m)) from \(ctx.clock(s)): a third day over \(hoursMinutes(p.daily)) in the week (10 h is allowed twice a week)"))
                }
            }
            // EU-DAILY-REST: within 24 h (30 h when multi-manned) of the period's start, a daily rest.
            let window = multiManned ? p.multiManningWindow : 24 * 60
            let need = multiManned ? p.multiManningRest : p.reducedRest
            let wEnd = s.adding(minutes: window)
            guard wEnd <= last || rests.contains(where: { $0.0 >= s && $0.0 < wEnd }) else { continue }
            let inside = off.map { (max($0.0, s), min($0.1, wEnd)) }.filter { $0.1 > $0.0 }.map { $0.0.minutes(to: $0.1) }
            let longest = inside.max() ?? 0
            let split = zip(inside, inside.dropFirst()).contains { $0 >= p.splitRestFirst && $1 >= p.splitRestSecond }
            if longest < need && !(split && !multiManned) {
                out.append(ctx.v("EU-DAILY-REST", d, s, wEnd, longest, need,
                             "\(d) had no daily rest of \(hoursMinutes(need)) within \(window / 60) hours of \(ctx.clock(s)) (longest \(hoursMinutes(longest)))\(multiManned ? "; in multi-manning, rest on a moving bus is not rest" : "")"))
            } else if !multiManned && longest < p.dailyRest && !split {
                reducedSinceWeekly += 1
                if reducedSinceWeekly > p.maxReduced {
                    out.append(ctx.v("EU-REDUCED-RESTS", d, s, wEnd, reducedSinceWeekly, p.maxReduced, "\(d) took a reduced daily rest (\(hoursMinutes(longest))) for the \(reducedSinceWeekly)th time since the last weekly rest; at most \(p.maxReduced)"))
                }
            }
            if off.contains(where: { $0.0 >= s && $0.0 < e && $0.0.minutes(to: $0.1) >= p.reducedWeeklyRest }) { reducedSinceWeekly = 0 }
        }
        // Weekly and fortnightly driving in fixed weeks (Monday 00:00 – Sunday 24:00 UTC).
        var perWeek: [Int: Int] = [:]
        for w in Set(drives.flatMap { [weekIndex($0.0), weekIndex($0.1)] }) {
            perWeek[w] = RuleContext.minutesInside(drives, weekStart(w), weekStart(w + 1))
        }
        for w in perWeek.keys.sorted() {
            if perWeek[w]! > p.weekly {
                out.append(ctx.v("EU-WEEKLY-DRIVE", d, weekStart(w), weekStart(w + 1), perWeek[w]!, p.weekly, "\(d) drove \(hoursMinutes(perWeek[w]!)) in the week from \(weekStart(w).date(in: .utc)); the limit is 56 h"))
            }
            let two = perWeek[w]! + (perWeek[w + 1] ?? 0)
            if two > p.fortnight {
                out.append(ctx.v("EU-FORTNIGHT-DRIVE", d, weekStart(w), weekStart(w + 2), two, p.fortnight, "\(d) drove \(hoursMinutes(two)) in the two weeks from \(weekStart(w).date(in: .utc)); the limit is 90 h"))
            }
        }
        // EU-WEEKLY-REST: a weekly rest (≥ 24 h) begins within six 24-hour periods of the last one.
        var from = first
        for b in off where b.0.minutes(to: b.1) >= p.reducedWeeklyRest || b.1 == last {
            if from.minutes(to: b.0) > p.weeklyRestWithin {
                out.append(ctx.v("EU-WEEKLY-REST", d, from, b.0, from.minutes(to: b.0), p.weeklyRestWithin, "\(d) worked from \(ctx.clock(from)) to \(ctx.clock(b.0)) without a weekly rest; one must begin within six 24-hour periods"))
            }
            from = b.1
        }
        if from.minutes(to: last) > p.weeklyRestWithin {
            out.append(ctx.v("EU-WEEKLY-REST", d, from, last, from.minutes(to: last), p.weeklyRestWithin, "\(d) worked from \(ctx.clock(from)) to \(ctx.clock(last)) without a weekly rest; one must begin within six 24-hour periods"))
        }
        return out
    }

    /// Fixed weeks since Monday 1970-01-05 00:00 UTC.
    func weekIndex(_ t: Timestamp) -> Int { Int((Double(t.seconds - 345_600) / 604_800).rounded(.down)) }
    func weekStart(_ w: Int) -> Timestamp { Timestamp(seconds: 345_600 + w * 604_800) }
}
