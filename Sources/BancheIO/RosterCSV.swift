import BancheCore

/// Reads and writes rosters: `driver_id,activity,start,end` required,
/// `vehicle_id,trip_id,trip_km,relay,service,place` optional (`service` absent or empty: charter;
/// `place`: the stop where the bus stands on a non-driving record, empty at the roadside or off
/// the bus, the column absent: places unchecked). Times are ISO 8601; without an offset they
/// are read in `zone`.
public enum RosterCSV {
    public static let required = ["driver_id", "activity", "start", "end"]
    public static let optional = ["vehicle_id", "trip_id", "trip_km", "relay", "service", "place"]
    public static var header: [String] { required + optional }
    /// A trip's length in km, as a roster may give it (issue #10: no nan, inf or 1e308).
    public static let tripKmRange: ClosedRange<Double> = 0...5000

    /// Parses a roster table; returns records or every problem with its line and column.
    public static func parse(_ table: CSVTable, zone: ZoneOffset) -> ([DutyRecord], [ImportIssue]) {
        var issues: [ImportIssue] = []
        func issue(_ line: Int, _ col: Int, _ m: String) { issues.append(ImportIssue(file: table.file, line: line, column: col, message: m, sheet: table.sheet)) }
        var index: [String: Int] = [:]
        for (i, h) in table.header.enumerated() {
            let key = h.trimmingSpaces().lowercased()
            guard header.contains(key) else { issue(table.headerLine, i + 1, "unknown column \"\(h)\"; a roster takes: \(header.joined(separator: ", "))"); continue }
            if index[key] != nil { issue(table.headerLine, i + 1, "column \(key) appears twice") }
            index[key] = i
        }
        for r in required where index[r] == nil { issue(table.headerLine, table.header.count + 1, "required column \(r) is missing") }
        guard issues.isEmpty else { return ([], issues) }
        var records: [DutyRecord] = []
        for row in table.rows {
            func cell(_ n: String) -> String { index[n].flatMap { $0 < row.fields.count ? row.fields[$0] : nil } ?? "" }
            func col(_ n: String) -> Int { (index[n] ?? 0) + 1 }
            if row.fields.count > table.header.count { issue(row.line, table.header.count + 1, "\(row.fields.count) fields but the header has \(table.header.count)"); continue }
            let driver = cell("driver_id")
            if driver.isEmpty { issue(row.line, col("driver_id"), "driver_id is empty") }
            let act = DutyActivity(rawValue: cell("activity").lowercased())
            if act == nil { issue(row.line, col("activity"), "activity \"\(cell("activity"))\" must be one of drive, break, other_work, available, rest") }
            let start = Timestamp(iso: cell("start"), defaultZone: zone)
            if start == nil { issue(row.line, col("start"), "start \"\(cell("start"))\" is not an ISO 8601 time such as 2027-02-13T05:30+08:00") }
            let end = Timestamp(iso: cell("end"), defaultZone: zone)
            if end == nil { issue(row.line, col("end"), "end \"\(cell("end"))\" is not an ISO 8601 time such as 2027-02-13T09:30+08:00") }
            var km: Double? = nil
            if !cell("trip_km").isEmpty {
                km = PlainNumber.parse(cell("trip_km"), in: tripKmRange)
                if km == nil { issue(row.line, col("trip_km"), "trip_km \"\(cell("trip_km"))\" must be a distance from 0 to 5000 km") }
            }
            let relayText = cell("relay").lowercased()
            let relay = ["yes", "true", "1", "是"].contains(relayText)
            if !relayText.isEmpty && !relay && !["no", "false", "0", "否"].contains(relayText) { issue(row.line, col("relay"), "relay \"\(relayText)\" must be yes or no") }
            let serviceText = cell("service").trimmingSpaces().lowercased()
            let service = serviceText.isEmpty ? ServiceType.charter : ServiceType(rawValue: serviceText)
            if service == nil { issue(row.line, col("service"), "service \"\(cell("service"))\" must be one of \(ServiceType.allCases.map(\.rawValue).joined(separator: ", ")) (empty: charter)") }
            guard !driver.isEmpty, let act, let start, let end, let service else { continue }
            // With a place column, an empty place on a non-driving record means "not at a stop".
            let place: String? = index["place"] == nil || act == .drive ? nil : cell("place").trimmingSpaces()
            records.append(DutyRecord(driverID: driver, activity: act, start: start, end: end,
                                      vehicleID: cell("vehicle_id").isEmpty ? nil : cell("vehicle_id"),
                                      tripID: cell("trip_id").isEmpty ? nil : cell("trip_id"), tripKm: km, relay: relay, service: service,
                                      place: place, line: row.line))
        }
        return (records, issues)
    }

    /// The roster as CSV in the columns `parse` reads (so an exported roster checks as it is).
    public static func write(_ records: [DutyRecord], zone: ZoneOffset) -> String {
        CSVWriter().document(header: header, rows: records.map { r in
            [r.driverID, r.activity.rawValue, r.start.iso(in: zone), r.end.iso(in: zone), r.vehicleID ?? "", r.tripID ?? "",
             r.tripKm.map { String(format1($0)) } ?? "", r.relay ? "yes" : "no", r.service.rawValue, r.place ?? ""]
        })
    }

    /// Whether a roster table has the `place` column (else places are not checked).
    public static func hasPlaces(_ table: CSVTable) -> Bool {
        table.header.contains { $0.trimmingSpaces().lowercased() == "place" }
    }

    static func format1(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String((x * 10).rounded() / 10) }
}
