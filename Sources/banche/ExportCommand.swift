import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export passenger lists and the driver roster as CSV or JSON.",
        discussion: """
        passengers   every passenger of the plan, by trip and seat
        stops        the same, by pickup stop (for township staff)
        employers    the same, by employer (for the receiving factories)
        roster       every duty record, in the columns `banche roster check` reads

        CSV is UTF-8 with a byte-order mark (Excel opens it right) or GB18030.
        Cells that a spreadsheet would run as formulas are prefixed with '.
        ID numbers and phones are masked unless --show-personal-data. Files are
        written atomically with mode 0600.
        """)
    @Argument(help: "passengers, stops, employers or roster.") var kind: String
    @Option(help: "csv or json.") var format = "csv"
    @Option(help: "utf8 or gb18030 (CSV only).") var encoding = "utf8"
    @Option(help: "Plan version (the latest when omitted).") var plan: Int?
    @Option(help: ArgumentHelp("Output file; standard output when omitted.", valueName: "file")) var out: String?
    @Flag(help: "Export full ID numbers and phones.") var showPersonalData = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard ["passengers", "stops", "employers", "roster"].contains(kind) else { throw ValidationError("export passengers, stops, employers or roster") }
        guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json") }
        guard ["utf8", "gb18030"].contains(encoding) else { throw ValidationError("--encoding must be utf8 or gb18030") }
    }

    static let passengerColumns = ["trip_id", "date", "departure", "plate", "seat", "worker_id", "name", "gender", "resident_id", "phone",
                                   "pickup_stop", "pickup_name", "dropoff_name", "employer", "home_township", "priority"]

    func run() throws {
        let s = try store.open()
        var text: String
        do {
            if kind == "roster" {
                let duties = try s.duties(version: plan)
                text = format == "csv" ? RosterCSV.write(duties, zone: .china) : jsonText(duties.map { d in
                    ["driver_id": d.driverID, "activity": d.activity.rawValue, "start": d.start.iso(in: .china), "end": d.end.iso(in: .china),
                     "vehicle_id": d.vehicleID ?? "", "trip_id": d.tripID ?? "", "trip_km": d.tripKm ?? 0, "relay": d.relay] as [String: Any]
                })
            } else {
                var rows: [[String]] = []
                for m in try s.manifests(version: plan) {
                    for p in m.passengers {
                        rows.append([m.tripID, m.date.description, m.departure.iso(in: .china), m.plate, "\(p.seat)", p.workerID, p.name,
                                     p.gender?.rawValue ?? "", showPersonalData ? p.residentID : Masking.residentID(p.residentID),
                                     p.phone.map { showPersonalData ? $0 : Masking.phone($0) } ?? "", p.pickupStop, p.pickupName, p.dropoffName,
                                     p.employer, p.homeTownship, p.priority.map(\.rawValue).joined(separator: ";")])
                    }
                }
                let key: ([String]) -> [String] = kind == "stops" ? { [$0[10], $0[0], String(repeating: "0", count: 4 - $0[4].count) + $0[4]] }
                    : kind == "employers" ? { [$0[13], $0[0], String(repeating: "0", count: 4 - $0[4].count) + $0[4]] }
                    : { [$0[0], String(repeating: "0", count: 4 - $0[4].count) + $0[4]] }
                rows.sort { key($0).lexicographicallyPrecedes(key($1)) }
                text = format == "csv" ? CSVWriter(neutraliseFormulas: true).document(header: Self.passengerColumns, rows: rows)
                    : JSONTable.text(columns: Self.passengerColumns, rows: rows)
            }
        } catch { fail(error) }
        let data = format == "csv" ? AtomicFile.encode(text, as: encoding == "gb18030" ? .gb18030 : .utf8) : Data(text.utf8)
        if let out {
            do { try AtomicFile.write(data, to: out) } catch { fail(error) }
            say("wrote \(out)")
        } else { FileHandle.standardOutput.write(data) }
    }

    func jsonText(_ o: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]), as: UTF8.self) + "\n"
    }
}
