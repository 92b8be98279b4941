/// Where a coach may stand: 道路交通安全法实施条例 art. 82 forbids stopping on an expressway
/// outside an emergency, so breaks, rests, the 02:00–05:00 halt and driver swaps belong at a
/// service area (服务区/停车区), a stop or a depot — a place in the database's stop list.
public enum StopPlaceRule {
    public static let id = "CN-STOP-PLACE"

    /// Every break or rest on a bus (a record with a vehicle) whose `place` is empty (the
    /// roadside) or not one of `legalPlaces`. Records without a `place` (a roster without the
    /// column) are not checked.
    public static func violations(_ records: [DutyRecord], legalPlaces: Set<String>) -> [RuleViolation] {
        records.compactMap { r in
            guard r.activity == .break || r.activity == .rest, r.vehicleID != nil, let place = r.place else { return nil }
            if !place.isEmpty && legalPlaces.contains(place) { return nil }
            let where_ = place.isEmpty ? "at the roadside (no stop named)" : "at \(place), which is not a stop, service area or depot"
            return RuleViolation(rule: id, driverID: r.driverID, start: r.start, end: r.end, measuredMinutes: r.minutes, limitMinutes: 0,
                                 message: "\(r.activity == .rest ? "rest or halt" : "break or swap") \(where_)\(r.line > 0 ? " (line \(r.line))" : ""); a coach may stop only at a service area, a stop or a depot (实施条例 art. 82)")
        }
    }
}
