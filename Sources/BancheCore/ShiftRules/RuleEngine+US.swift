extension USRules {
    /// US-DRIVE-10, US-ONDUTY-15, US-60-70 for one driver (49 CFR 395.5, passenger carriers).
    public func driverViolations(_ d: String, _ records: [DutyRecord], drivesOnVehicle: [String: [DutyRecord]], in ctx: RuleContext) -> [RuleViolation] {
        let p = self
        // 49 CFR 395.2: all time in or on a moving bus is on duty (coaches have no sleeper
        // berth), whatever the roster calls it; resting in a parked bus is off duty.
        var rs: [DutyRecord] = []
        rs.reserveCapacity(records.count)
        for r in records {
            RuleContext.eachPiece(r, drivesOnVehicle: drivesOnVehicle) { x, riding in
                var y = x
                if riding && !y.activity.isOnDuty { y.activity = .available }
                rs.append(y)
            }
        }
        var out: [RuleViolation] = []
        // Shifts begin after 8 consecutive hours off duty (break, rest, or no record).
        var shiftStart: Timestamp? = nil
        var driving = 0, onDuty = 0
        var offSince: Timestamp? = nil
        var reportedDrive = false, reportedDuty = false
        var prevEnd: Timestamp? = nil
        func off(_ from: Timestamp, _ to: Timestamp) {
            offSince = offSince ?? from
            if offSince!.minutes(to: to) >= p.offReset { shiftStart = nil; driving = 0; onDuty = 0; reportedDrive = false; reportedDuty = false }
        }
        for r in rs {
            if let pe = prevEnd, r.start > pe { off(pe, r.start) }
            if r.activity.isOnDuty {
                offSince = nil
                shiftStart = shiftStart ?? r.start
                if r.activity == .drive {
                    if onDuty + r.minutes > p.onDuty && !reportedDuty {
                        reportedDuty = true
                        let m = onDuty + r.minutes
                        out.append(ctx.v("US-ONDUTY-15", d, shiftStart!, r.end, m, p.onDuty, "\(d) drove until \(ctx.clock(r.end)) after \(hoursMinutes(m)) on duty since \(ctx.clock(shiftStart!)); no driving after 15 hours on duty (off-duty time not counted) without 8 hours off"))
                    }
                    driving += r.minutes
                    if driving > p.drive && !reportedDrive {
                        reportedDrive = true
                        out.append(ctx.v("US-DRIVE-10", d, shiftStart!, r.end, driving, p.drive, "\(d) drove \(hoursMinutes(driving)) since \(ctx.clock(shiftStart!)) without 8 consecutive hours off; the limit is 10 hours"))
                    }
                }
                onDuty += r.minutes
            } else {
                off(r.start, r.end)
            }
            prevEnd = max(prevEnd ?? r.end, r.end)
        }
        // 60 hours on duty in any 7 consecutive days (rolling), no restart.
        let duty = rs.filter { $0.activity.isOnDuty }.map { ($0.start, $0.end) }
        var skipUntil = Timestamp(seconds: Int.min)
        for r in rs where r.activity == .drive && r.end >= skipUntil {
            let s = r.end.adding(minutes: -p.cycleDays * 24 * 60)
            let m = RuleContext.minutesInside(duty, s, r.end)
            if m > p.cycleHours {
                out.append(ctx.v("US-60-70", d, s, r.end, m, p.cycleHours, "\(d) drove at \(ctx.clock(r.end)) after \(hoursMinutes(m)) on duty in \(p.cycleDays) days; the limit is \(p.cycleHours / 60) hours"))
                skipUntil = r.end.adding(minutes: p.cycleDays * 24 * 60)
            }
        }
        return out
    }
}
