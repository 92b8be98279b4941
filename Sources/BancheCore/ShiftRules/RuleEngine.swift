/// Checks rosters against a `RuleProfile`: the input checks here, the rules in the profile's
/// `RuleSet` (ChinaRules, EURules, USRules). Pure: records in, violations out.
///
/// Durations are computed on absolute time; the profile's zone is used only for
/// time-of-day windows (night, the 02:00–05:00 halt) and calendar weeks. Time not covered by
/// any record is off duty. Limits are inclusive: 4 h 00 passes, 4 h 01 fails.
public struct RuleEngine: Sendable {
    public let profile: RuleProfile
    public init(profile: RuleProfile) { self.profile = profile }

    /// Contradictions that make a roster uncheckable: a record ending before it starts, one
    /// driver in two records at once, two drivers driving one vehicle at once.
    public func inputErrors(_ records: [DutyRecord]) -> [RosterInputError] {
        var errors: [RosterInputError] = []
        for r in records where r.end <= r.start {
            errors.append(RosterInputError(line: r.line, message: "end \(r.end.iso(in: profile.zone)) is not after start \(r.start.iso(in: profile.zone))"))
        }
        let valid = records.filter { $0.end > $0.start }
        for (d, rs) in Dictionary(grouping: valid, by: \.driverID) {
            let s = rs.sorted { ($0.start, $0.line) < ($1.start, $1.line) }
            for i in s.indices.dropFirst() where s[i].start < s[i - 1].end {
                errors.append(RosterInputError(line: s[i].line, message: "driver \(d) is already in the record on line \(s[i - 1].line) until \(s[i - 1].end.iso(in: profile.zone))"))
            }
        }
        let drives = valid.filter { $0.activity == .drive && $0.vehicleID != nil }
        for (v, rs) in Dictionary(grouping: drives, by: { $0.vehicleID! }) {
            let s = rs.sorted { ($0.start, $0.line) < ($1.start, $1.line) }
            var latest = s.first
            for r in s.dropFirst() {
                if let l = latest, r.start < l.end && r.driverID != l.driverID {
                    errors.append(RosterInputError(line: r.line, message: "vehicle \(v) is driven by \(l.driverID) (line \(l.line)) and \(r.driverID) at the same time"))
                }
                if r.end > (latest?.end ?? r.end) || latest == nil { latest = r }
            }
        }
        return errors.sorted { ($0.line, $0.message) < ($1.line, $1.message) }
    }

    /// Every rule broken by `records` (which must have no input errors), sorted by driver,
    /// time and rule.
    public func violations(_ records: [DutyRecord]) -> [RuleViolation] {
        profile.ruleSet.violations(records, in: context)
    }

    /// The rules broken by `driver` in `records` (which must have no input errors); `context`
    /// holds other drivers' driving, so riding in a bus another driver drives is seen as such.
    /// Rules about a whole trip (CN-CREW) are not checked.
    public func violations(of driver: String, _ records: [DutyRecord], context others: [DutyRecord]) -> [RuleViolation] {
        let rs = records.filter { $0.driverID == driver }.sorted { $0.start < $1.start }
        let drivesOnVehicle = RuleContext.drivesByVehicle(rs + others.filter { $0.driverID != driver })
        return profile.ruleSet.driverViolations(driver, rs, drivesOnVehicle: drivesOnVehicle, in: context)
            .sorted { ($0.driverID, $0.start, $0.rule) < ($1.driverID, $1.start, $1.rule) }
    }

    /// The zone and helpers the rule sets use.
    public var context: RuleContext { RuleContext(zone: profile.zone) }
}

/// What every rule set shares: the profile's zone (for time-of-day windows and calendar
/// weeks) and helpers on intervals.
public struct RuleContext: Sendable {
    public let zone: ZoneOffset
    public init(zone: ZoneOffset) { self.zone = zone }

    func v(_ rule: String, _ d: String, _ s: Timestamp, _ e: Timestamp, _ m: Int, _ l: Int, _ msg: String) -> RuleViolation {
        RuleViolation(rule: rule, driverID: d, start: s, end: e, measuredMinutes: m, limitMinutes: l, message: msg)
    }
    func clock(_ t: Timestamp) -> String { "\(t.date(in: zone)) \(t.clock(in: zone))" }

    // MARK: shared helpers

    /// Drive records of every vehicle, for the readings that depend on someone else driving
    /// the bus a driver sits in (riding as co-driver).
    static func drivesByVehicle(_ records: [DutyRecord]) -> [String: [DutyRecord]] {
        Dictionary(grouping: records.filter { $0.activity == .drive && $0.vehicleID != nil }, by: { $0.vehicleID! })
            .mapValues { $0.sorted { ($0.start, $0.end) < ($1.start, $1.end) } }
    }

    /// Calls `body` with the pieces of a record, in order, each marked `riding` when another
    /// driver is driving the record's vehicle throughout it (the driver rides in the moving bus).
    /// A drive record, one without a vehicle, or one nobody else drives through is one piece.
    static func eachPiece(_ r: DutyRecord, drivesOnVehicle: [String: [DutyRecord]], _ body: (DutyRecord, _ riding: Bool) -> Void) {
        guard r.activity != .drive, let v = r.vehicleID, let drives = drivesOnVehicle[v] else { return body(r, false) }
        // One vehicle's drives do not overlap (an input error otherwise), so sorted by start they
        // are sorted by end too: find the first that ends after `r` starts.
        var lo = 0, hi = drives.count
        while lo < hi { let mid = (lo + hi) / 2; if drives[mid].end <= r.start { lo = mid + 1 } else { hi = mid } }
        var cuts: [(Timestamp, Timestamp)] = []
        var i = lo
        while i < drives.count && drives[i].start < r.end {
            let o = drives[i]
            if o.driverID != r.driverID && o.end > r.start {
                let c = (max(o.start, r.start), min(o.end, r.end))
                if let l = cuts.last, c.0 <= l.1 { cuts[cuts.count - 1].1 = max(l.1, c.1) } else { cuts.append(c) }
            }
            i += 1
        }
        guard !cuts.isEmpty else { return body(r, false) }
        var cursor = r.start
        func piece(_ a: Timestamp, _ b: Timestamp, _ riding: Bool) { guard b > a else { return }; var x = r; x.start = a; x.end = b; body(x, riding) }
        for (a, b) in cuts { piece(cursor, a, false); piece(a, b, true); cursor = b }
        piece(cursor, r.end, false)
    }

    /// Minutes of `intervals` (sorted, non-overlapping) inside [a, b).
    static func minutesInside(_ intervals: [(Timestamp, Timestamp)], _ a: Timestamp, _ b: Timestamp) -> Int {
        var m = 0
        for (s, e) in intervals where e > a && s < b { m += max(s, a).minutes(to: min(e, b)) }
        return m
    }

    /// Largest total of `intervals` in any window of `length` minutes; windows start at an
    /// interval start. Reports each episode once: the first window over `limit`, then the next
    /// window starting after it.
    static func rollingExcess(_ intervals: [(Timestamp, Timestamp)], length: Int, limit: Int) -> [(Timestamp, Timestamp, Int)] {
        var out: [(Timestamp, Timestamp, Int)] = []
        var skipUntil = Timestamp(seconds: Int.min)
        for (s, _) in intervals where s >= skipUntil {
            let e = s.adding(minutes: length)
            let m = minutesInside(intervals, s, e)
            if m > limit { out.append((s, e, m)); skipUntil = e }
        }
        return out
    }

    /// Minutes (rounded up) of [a, b) that fall in the daily local window [from, to), which
    /// may wrap midnight (22:00–06:00).
    public func minutesInDailyWindow(_ a: Timestamp, _ b: Timestamp, from: Int, to: Int) -> Int {
        let z = zone
        var total = 0
        var d = a.date(in: z).adding(days: -1)
        let lastDay = b.date(in: z)
        while d <= lastDay {
            let ws = Timestamp(date: d, minuteOfDay: from, zone: z)
            let we = Timestamp(date: from < to ? d : d.adding(days: 1), minuteOfDay: to, zone: z)
            let s = max(a, ws), e = min(b, we)
            if e > s { total += e.seconds - s.seconds }
            d = d.adding(days: 1)
        }
        return (total + 59) / 60
    }
}
