import BancheCore

/// Reads and writes rosters: `driver_id,activity,start,end` required,
/// `vehicle_id,trip_id,trip_km,relay,service,place` optional (`service` absent or empty: charter;
/// `place`: the stop where the bus stands on a non-driving record, empty at the roadside or off
/// the bus, the column absent: places unchecked). Times are ISO 8601, or as offices type them
/// (`2027/2/13 5:30`, `2027年2月13日 5:30`, an Excel serial `46431.229166`); without an offset
/// they are read in `zone` (`fileZone` for every roster file, whatever the profile).
/// Headers may be Chinese (`chineseHeaders`); activities too (`chineseActivities`).
public enum RosterCSV {
    public static let required = ["driver_id", "activity", "start", "end"]
    public static let optional = ["vehicle_id", "trip_id", "trip_km", "relay", "service", "place"]
    public static var header: [String] { required + optional }
    /// The zone of a time without an offset in a roster file, for every rule profile: China's
    /// +08:00, where banche's users write their rosters.
    public static let fileZone = ZoneOffset.china
    /// Chinese headers (and the other names offices use) → column.
    public static let chineseHeaders: [String: String] = [
        "驾驶员编号": "driver_id", "驾驶员": "driver_id", "司机编号": "driver_id",
        "活动": "activity", "工作状态": "activity", "状态": "activity",
        "开始": "start", "开始时间": "start", "起始时间": "start",
        "结束": "end", "结束时间": "end", "终止时间": "end",
        "车辆编号": "vehicle_id", "车辆": "vehicle_id", "班次": "trip_id", "班次编号": "trip_id", "车次": "trip_id",
        "里程": "trip_km", "里程公里": "trip_km", "行驶里程": "trip_km", "接力": "relay", "客运类型": "service", "地点": "place", "停车地点": "place",
    ]
    /// Chinese activity words → activity.
    public static let chineseActivities: [String: DutyActivity] = [
        "驾驶": .drive, "行车": .drive, "间歇": .break, "休息间歇": .break, "中途休息": .break,
        "其他工作": .otherWork, "其他": .otherWork, "待命": .available, "随车": .available, "休息": .rest, "住宿休息": .rest,
    ]

    /// The column a roster header names, if any.
    static func column(_ h: String) -> String? {
        let t = h.trimmingSpaces()
        let key = t.lowercased()
        if header.contains(key) { return key }
        return chineseHeaders[t]
    }
    /// A trip's length in km, as a roster may give it (issue #10: no nan, inf or 1e308).
    public static let tripKmRange: ClosedRange<Double> = 0...5000

    /// Parses a roster table; returns records or every problem with its line and column.
    public static func parse(_ original: CSVTable, zone: ZoneOffset) -> ([DutyRecord], [ImportIssue]) {
        let table = original.locatingHeader { column($0) != nil }.table
        var issues: [ImportIssue] = []
        func issue(_ line: Int, _ col: Int, _ m: String) { issues.append(ImportIssue(file: table.file, line: line, column: col, message: m, sheet: table.sheet)) }
        var index: [String: Int] = [:]
        for (i, h) in table.header.enumerated() {
            if h.trimmingSpaces().isEmpty || ImportKind.isIgnoredHeader(h) { continue }
            guard let key = column(h) else { issue(table.headerLine, i + 1, "unknown column \"\(h)\"; a roster takes: \(header.joined(separator: ", ")) (or 驾驶员编号, 活动, 开始, 结束 …)"); continue }
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
            let act = DutyActivity(rawValue: cell("activity").lowercased()) ?? chineseActivities[cell("activity")]
            if act == nil { issue(row.line, col("activity"), "activity \"\(cell("activity"))\" must be one of drive, break, other_work, available, rest (驾驶, 间歇, 其他工作, 待命, 休息)") }
            let start = Timestamp(iso: OfficeText.isoDateTime(cell("start")), defaultZone: zone)
            if start == nil { issue(row.line, col("start"), "start \"\(cell("start"))\" is not a time such as 2027-02-13T05:30+08:00 or 2027/2/13 5:30") }
            let end = Timestamp(iso: OfficeText.isoDateTime(cell("end")), defaultZone: zone)
            if end == nil { issue(row.line, col("end"), "end \"\(cell("end"))\" is not a time such as 2027-02-13T09:30+08:00 or 2027/2/13 9:30") }
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
        CSVWriter().document(header: header, rows: rows(records, zone: zone))
    }

    /// Whether a roster table has the `place` column (else places are not checked).
    public static func hasPlaces(_ table: CSVTable) -> Bool {
        table.header.contains { column($0) == "place" }
    }

    static func format1(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String((x * 10).rounded() / 10) }
}
