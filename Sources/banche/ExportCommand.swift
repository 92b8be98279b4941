import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export passenger lists, notices and the driver roster as CSV or JSON.",
        discussion: """
        passengers   every passenger of the plan, by trip and seat
        stops        the same, by pickup stop (for township staff)
        employers    the same, by employer (for the receiving factories)
        notices      one row a worker with a ready message (SMS): date, plate,
                     seat, pickup stop and time; --changed-since A lists only
                     the workers whose assignment differs from version A and
                     the newly placed; --template FILE with {name} {date}
                     {time} {stop} {plate} {seat} {trip}
        roster       every duty record, in the columns `banche roster check` reads

        pickup_time is the bus's planned arrival at the passenger's own stop:
        the time to be there, as the manifest prints it.

        CSV is UTF-8 with a byte-order mark (Excel opens it right) or GB18030.
        Cells that a spreadsheet would run as formulas are prefixed with '.
        ID numbers and phones are masked unless --show-personal-data. Files are
        written atomically with mode 0600.
        """)
    @Argument(help: "passengers, stops, employers, notices or roster.") var kind: String
    @Option(help: "csv or json.") var format = "csv"
    @Option(help: "utf8 or gb18030 (CSV only).") var encoding = "utf8"
    @Option(help: "Plan version (the latest when omitted).") var plan: Int?
    @Option(help: ArgumentHelp("Output file; standard output when omitted.", valueName: "file")) var out: String?
    @Flag(help: "Export full ID numbers and phones (an SMS gateway needs the phones).") var showPersonalData = false
    @Option(help: ArgumentHelp("notices: only workers whose assignment differs from this version, and the newly placed.", valueName: "version"))
    var changedSince: Int?
    @Option(help: ArgumentHelp("notices: a message template file (UTF-8).", valueName: "file")) var template: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard ["passengers", "stops", "employers", "notices", "roster"].contains(kind) else { throw ValidationError("export passengers, stops, employers, notices or roster") }
        if kind != "notices" && (changedSince != nil || template != nil) { throw ValidationError("--changed-since and --template are for `export notices`") }
        guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json") }
        guard ["utf8", "gb18030"].contains(encoding) else { throw ValidationError("--encoding must be utf8 or gb18030") }
    }

    static let passengerColumns = ["trip_id", "date", "departure", "plate", "seat", "worker_id", "name", "gender", "resident_id", "phone",
                                   "pickup_stop", "pickup_name", "dropoff_name", "employer", "home_township", "priority", "pickup_time"]
    static let noticeColumns = ["worker_id", "name", "phone", "date", "plate", "seat", "pickup_stop", "pickup_name", "pickup_time", "trip_id", "message"]

    func run() throws {
        let noticeTemplate: NoticeTemplate? = try template.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read the template \(path)") }
            return try NoticeTemplate(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), source: path)
        }
        let text: String = try store.with { s in
            if kind == "notices" {
                let (v, notices) = try s.notices(version: plan, changedSince: changedSince)
                let direction = try s.direction(ofVersion: v)
                let t = try noticeTemplate ?? NoticeTemplate(direction == .toHome ? NoticeTemplate.defaultToHome : NoticeTemplate.defaultText, source: "default")
                let rows = notices.map { n -> [String] in
                    let p = n.placement
                    let time = p.pickupTime.clock(in: .china)
                    return [n.workerID, n.name, n.phone.map { showPersonalData ? $0 : Masking.phone($0) } ?? "", p.date.description, p.plate, "\(p.seat)",
                            p.pickupStop, p.pickupName, time, p.tripID,
                            t.render(name: n.name, date: p.date, time: time, stop: p.pickupName, plate: p.plate, seat: p.seat, trip: p.tripID)]
                }
                return format == "csv" ? CSVWriter(neutraliseFormulas: true).document(header: Self.noticeColumns, rows: rows)
                    : try JSONText.encode(rows.map { Dictionary(uniqueKeysWithValues: zip(Self.noticeColumns, $0)) }) + "\n"
            }
            if kind == "roster" {
                let duties = try s.duties(version: plan)
                return format == "csv" ? RosterCSV.write(duties, zone: .china) : try JSONText.encode(duties.map { d in
                    DutyRow(driver_id: d.driverID, activity: d.activity.rawValue, start: d.start.iso(in: .china), end: d.end.iso(in: .china),
                            vehicle_id: d.vehicleID ?? "", trip_id: d.tripID ?? "", trip_km: d.tripKm ?? 0, relay: d.relay)
                }) + "\n"
            }
            return try Self.passengerText(s, plan: plan, kind: kind, format: format, showPersonalData: showPersonalData)
        }
        let data = format == "csv" ? AtomicFile.encode(text, as: encoding == "gb18030" ? .gb18030 : .utf8) : Data(text.utf8)
        if let out {
            try AtomicFile.write(data, to: out)
            say("wrote \(out)")
        } else { FileHandle.standardOutput.write(data) }
    }

    /// The passengers, stops or employers export of a plan version (the latest when nil), as
    /// CSV or JSON text: one row a passenger, in the kind's order. Linear in passengers.
    static func passengerText(_ s: any Store, plan: Int?, kind: String, format: String, showPersonalData: Bool) throws -> String {
        var rows: [[String]] = []
        let version = try plan ?? s.latestVersion() ?? 0
        let times = try s.placements(version: version).mapValues { $0.pickupTime.iso(in: .china) }
        for m in try s.manifests(version: plan) {
            for p in m.passengers {
                rows.append([m.tripID, m.date.description, m.departure.iso(in: .china), m.plate, "\(p.seat)", p.workerID, p.name,
                             p.gender?.rawValue ?? "", showPersonalData ? p.residentID : Masking.residentID(p.residentID),
                             p.phone.map { showPersonalData ? $0 : Masking.phone($0) } ?? "", p.pickupStop, p.pickupName, p.dropoffName,
                             p.employer, p.homeTownship, p.priority.map(\.rawValue).joined(separator: ";"), times[p.workerID] ?? ""])
            }
        }
        let key: ([String]) -> [String] = kind == "stops" ? { [$0[10], $0[0], String(repeating: "0", count: 4 - $0[4].count) + $0[4]] }
            : kind == "employers" ? { [$0[13], $0[0], String(repeating: "0", count: 4 - $0[4].count) + $0[4]] }
            : { [$0[0], String(repeating: "0", count: 4 - $0[4].count) + $0[4]] }
        rows.sort { key($0).lexicographicallyPrecedes(key($1)) }
        return format == "csv" ? CSVWriter(neutraliseFormulas: true).document(header: Self.passengerColumns, rows: rows)
            : JSONTable.text(columns: Self.passengerColumns, rows: rows)
    }
}

/// One duty record of `banche export roster --format json` (the columns of the roster CSV).
struct DutyRow: Codable {
    var driver_id: String
    var activity: String
    var start: String
    var end: String
    var vehicle_id: String
    var trip_id: String
    var trip_km: Double
    var relay: Bool
}
