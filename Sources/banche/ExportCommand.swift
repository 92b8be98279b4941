import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: tr("export.abstract"),
        discussion: tr("export.discussion"))
    @Argument(help: help("export.option.kind")) var kind: String
    @Option(help: help("export.option.format")) var format = "csv"
    @Option(help: help("export.option.encoding")) var encoding = "utf8"
    @Option(help: help("option.planVersion")) var plan: Int?
    @Option(help: help("export.option.out", valueName: "file")) var out: String?
    @Flag(help: help("export.option.showPersonalData")) var showPersonalData = false
    @Option(help: help("export.option.changedSince", valueName: "version"))
    var changedSince: Int?
    @Option(help: help("export.option.template", valueName: "file")) var template: String?
    @Option(help: help("export.option.splitBy", valueName: "township|employer|trip")) var splitBy: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard ["passengers", "stops", "employers", "notices", "roster"].contains(kind) else { throw ValidationError(tr("export.error.kind")) }
        if kind != "notices" && (changedSince != nil || template != nil) { throw ValidationError(tr("export.error.noticesOnly")) }
        guard ["csv", "json", "xlsx"].contains(format) else { throw ValidationError(tr("export.error.format")) }
        guard ["utf8", "gb18030"].contains(encoding) else { throw ValidationError(tr("export.error.encoding")) }
        // A CSV or JSON file called .xlsx would not open in Excel: say so instead of writing it.
        if let out, format != "xlsx", splitBy == nil, out.lowercased().hasSuffix(".xlsx") { throw ValidationError(tr("error.outXlsxNeedsFormat", ["file": out])) }
        if format == "xlsx" && out == nil { throw ValidationError(tr("error.xlsxNeedsOut")) }
        if let splitBy {
            guard format == "csv" else { throw ValidationError(tr("error.splitCSVOnly")) }
            guard out != nil else { throw ValidationError(tr("error.splitNeedsOut")) }
            guard Self.splitColumn[splitBy] != nil else { throw ValidationError(tr("export.error.splitBy")) }
            if splitBy != "trip" && !["passengers", "stops", "employers"].contains(kind) { throw ValidationError(tr("error.splitKind", ["by": splitBy, "kind": kind])) }
        }
    }

    static let passengerColumns = ["trip_id", "date", "departure", "plate", "seat", "worker_id", "name", "gender", "resident_id", "phone",
                                   "pickup_stop", "pickup_name", "dropoff_name", "employer", "home_township", "priority", "pickup_time"]
    static let noticeColumns = ["worker_id", "name", "phone", "date", "plate", "seat", "pickup_stop", "pickup_name", "pickup_time", "trip_id", "message"]
    /// The column `--split-by` cuts by.
    static let splitColumn = ["township": "home_township", "employer": "employer", "trip": "trip_id"]
    /// The column a workbook's sheets are cut by (nil: one sheet).
    static let sheetColumn = ["passengers": "trip_id", "stops": "home_township", "employers": "employer"]

    func run() throws {
        let noticeTemplate: NoticeTemplate? = try template.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError(tr("export.error.template", ["file": path])) }
            return try NoticeTemplate(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), source: path)
        }
        let (table, json): (ExportTable, String?) = try store.with { s in
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
                let json = format == "json" ? try JSONText.encode(rows.map { Dictionary(uniqueKeysWithValues: zip(Self.noticeColumns, $0)) }) + "\n" : nil
                return (ExportTable(columns: Self.noticeColumns, rows: rows), json)
            }
            if kind == "roster" {
                let duties = try s.duties(version: plan)
                let json = format == "json" ? try JSONText.encode(duties.map { d in
                    DutyRow(driver_id: d.driverID, activity: d.activity.rawValue, start: d.start.iso(in: .china), end: d.end.iso(in: .china),
                            vehicle_id: d.vehicleID ?? "", trip_id: d.tripID ?? "", trip_km: d.tripKm ?? 0, relay: d.relay)
                }) + "\n" : nil
                return (ExportTable(columns: RosterCSV.header, rows: RosterCSV.rows(duties, zone: .china)), json)
            }
            let t = try Self.passengerTable(s, plan: plan, kind: kind, showPersonalData: showPersonalData)
            return (t, format == "json" ? JSONTable.text(columns: t.columns, rows: t.rows) : nil)
        }
        if format == "xlsx", let out {
            // Chinese headers and values when the run speaks Chinese (--lang zh, or LANG=zh…).
            let language = UI.language
            let sheets = table.sheets(groupColumn: Self.sheetColumn[kind], single: Messages(language)("sheet.\(kind)"),
                                      language: language)
            try AtomicFile.write(try XLSXWriter.workbook(sheets), to: out)
            say(tr("export.wrote", ["file": out]))
            return
        }
        // CSV headers stay as documented unless --lang zh is given on the command line.
        let csvLanguage: Language = UI.choice.explicit == .zh ? .zh : .en
        if let splitBy, let out, let groups = table.groups(by: Self.splitColumn[splitBy]!) {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            var used = Set<String>()
            var files: [(path: String, data: Data)] = []
            for g in groups {
                var name = kind + "-" + ExportTable.fileName(g.key.isEmpty ? "_" : g.key), n = 2
                while used.contains(name.lowercased()) { name = kind + "-" + ExportTable.fileName(g.key) + "-\(n)"; n += 1 }
                used.insert(name.lowercased())
                files.append((out + "/" + name + ".csv", csvData(g.table.localized(csvLanguage))))
            }
            // All the groups or none: a file that cannot be written takes back those written before it.
            var written: [String] = []
            do {
                for f in files { try AtomicFile.write(f.data, to: f.path); written.append(f.path) }
            } catch {
                for w in written { try? FileManager.default.removeItem(atPath: w) }
                throw error
            }
            say(tr("export.wroteFiles", ["n": groups.count, "dir": out]))
            return
        }
        // JSON is the same in every language (docs/formats.md).
        let data = json.map { Data($0.utf8) } ?? csvData(table.localized(csvLanguage))
        if let out {
            try AtomicFile.write(data, to: out)
            say(tr("export.wrote", ["file": out]))
        } else { FileHandle.standardOutput.write(data) }
    }

    /// CSV bytes in the chosen encoding; cells a spreadsheet would run as formulas are neutralised.
    func csvData(_ t: ExportTable) -> Data {
        AtomicFile.encode(CSVWriter(neutraliseFormulas: true).document(header: t.columns, rows: t.rows), as: encoding == "gb18030" ? .gb18030 : .utf8)
    }

    /// The passengers, stops or employers export of a plan version (the latest when nil), as
    /// CSV or JSON text: one row a passenger, in the kind's order. Linear in passengers.
    static func passengerText(_ s: any Store, plan: Int?, kind: String, format: String, showPersonalData: Bool) throws -> String {
        let t = try passengerTable(s, plan: plan, kind: kind, showPersonalData: showPersonalData)
        return format == "csv" ? CSVWriter(neutraliseFormulas: true).document(header: t.columns, rows: t.rows)
            : JSONTable.text(columns: t.columns, rows: t.rows)
    }

    /// The passengers, stops or employers table of a plan version (the latest when nil): one
    /// row a passenger, in the kind's order. Linear in passengers (plus the sort).
    static func passengerTable(_ s: any Store, plan: Int?, kind: String, showPersonalData: Bool) throws -> ExportTable {
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
        return ExportTable(columns: passengerColumns, rows: rows)
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
