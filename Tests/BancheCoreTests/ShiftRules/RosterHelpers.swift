@testable import BancheCore

/// A record in +08:00 local time: `rec("D1", .drive, "2027-02-13T06:00", "2027-02-13T10:00")`.
func rec(_ d: String, _ a: DutyActivity, _ s: String, _ e: String, vehicle: String? = "B1", trip: String? = nil,
         km: Double? = nil, relay: Bool = false, service: ServiceType = .charter, zone: ZoneOffset = .china, line: Int = 0) -> DutyRecord {
    DutyRecord(driverID: d, activity: a, start: Timestamp(iso: s, defaultZone: zone)!, end: Timestamp(iso: e, defaultZone: zone)!,
               vehicleID: vehicle, tripID: trip, tripKm: km, relay: relay, service: service, line: line)
}

func rules(_ profile: RuleProfile, _ rs: [DutyRecord]) -> [String] {
    RuleEngine(profile: profile).violations(rs).map(\.rule)
}
