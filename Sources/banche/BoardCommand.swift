import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Record pre-boarding steps and decide who may board.",
        discussion: """
        Checklists: standard-2026 (default) and epidemic-2022 ship with banche;
        --checklist FILE.json reads another (docs/boarding.md). Every record is
        kept with its time; a later record of the same step supersedes.
        """,
        subcommands: [BoardRecord.self, BoardImport.self, BoardStatus.self, BoardClose.self])
}

struct ChecklistOption: ParsableArguments {
    @Option(help: ArgumentHelp("Checklist: standard-2026, epidemic-2022, or a JSON file.", valueName: "name-or-file"))
    var checklist = "standard-2026"
    func load() throws -> Checklist { try Checklists.load(checklist) }
}

/// The gate's verdicts for a stored trip (the bus, then every passenger).
func verdicts(_ s: any Store, _ t: StoredTrip, _ checklist: Checklist) throws -> (vehicle: BoardingGate.Verdict, passengers: [BoardingGate.Verdict]) {
    let records = try s.boardingRecords(trip: t.tripID)
    return BoardingGate(checklist: checklist).evaluate(trip: t, records: records)
}

func openTrip(_ s: any Store, _ id: String) throws -> StoredTrip {
    guard let t = try s.trip(id) else { throw ValidationError("no trip \(id) in any plan version; `banche plans` lists plans") }
    return t
}

struct BoardRecord: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Record one step for a passenger or the bus.")
    @Option(help: "Trip id.") var trip: String
    @Option(help: "Worker id (a passenger step).") var worker: String?
    @Flag(help: "A vehicle step (disinfection, inspection…).") var vehicle = false
    @Option(help: "Step id from the checklist.") var step: String
    @Option(help: "Value: a number, a result (negative), a status (green); omit for done.") var value: String?
    @Option(help: "When it was taken, ISO 8601 (default: now).") var at: String?
    @OptionGroup var list: ChecklistOption
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if vehicle == (worker != nil) { throw ValidationError("give --worker W for a passenger step or --vehicle for a vehicle step") }
        if let at {
            guard let t = Timestamp(iso: at, defaultZone: .china) else { throw ValidationError("--at must be ISO 8601, e.g. 2027-02-13T05:10+08:00") }
            if !CivilDate.sensibleYears.contains(t.date(in: .china).year) { throw ValidationError("--at \(at): the year is outside 1900–2100; a typing mistake?") }
        }
    }

    func run() throws {
        let checklist = try list.load()
        let when = at.flatMap { Timestamp(iso: $0, defaultZone: .china) } ?? now()
        try store.with { s in
            let t = try openTrip(s, trip)
            let r = BancheCore.BoardingRecord(tripID: trip, workerID: worker, step: step, value: value, at: when)
            if let p = BoardingGate.problem(with: r, trip: t, checklist: checklist, now: now()) { throw ValidationError(p) }
            try s.addBoardingRecords([r], version: t.version, audit: auditStamp())
        }
        say("recorded \(step) for \(worker ?? "the bus") on \(trip) at \(when.iso(in: .china))")
    }
}

struct BoardImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import results gathered at a pickup point: trip_id,worker_id,step,value,at.",
        discussion: "worker_id empty means a vehicle step. All or nothing: any bad line and nothing is stored (exit 2).")
    @Argument(help: "The results CSV.") var file: String
    @OptionGroup var list: ChecklistOption
    @OptionGroup var store: StoreOptions

    func run() throws {
        let checklist = try list.load()
        let table = try CSVReader().read(path: file)
        let cols = ["trip_id", "worker_id", "step", "value", "at"]
        var index: [String: Int] = [:]
        var issues: [String] = []
        for (i, h) in table.header.enumerated() {
            let k = h.lowercased()
            if cols.contains(k) { index[k] = i } else { issues.append("\(file):1:\(i + 1): unknown column \"\(h)\"; results take \(cols.joined(separator: ", "))") }
        }
        for c in ["trip_id", "step", "at"] where index[c] == nil { issues.append("\(file):1:\(table.header.count + 1): required column \(c) is missing") }
        if !issues.isEmpty { throw InputRejected(issues: issues, what: "nothing was recorded") }
        let count = try store.with { s in
        var trips: [String: StoredTrip] = [:]
        var records: [(Int, BancheCore.BoardingRecord)] = []
        for row in table.rows {
            func cell(_ n: String) -> String { index[n].flatMap { $0 < row.fields.count ? row.fields[$0] : nil } ?? "" }
            let tid = cell("trip_id")
            guard let at = Timestamp(iso: cell("at"), defaultZone: .china) else {
                issues.append("\(file):\(row.line):\(index["at"]! + 1): at \"\(cell("at"))\" is not an ISO 8601 time"); continue
            }
            if trips[tid] == nil { trips[tid] = try s.trip(tid) }
            guard let t = trips[tid] else { issues.append("\(file):\(row.line):\(index["trip_id"]! + 1): no trip \"\(tid)\""); continue }
            let r = BancheCore.BoardingRecord(tripID: tid, workerID: cell("worker_id").isEmpty ? nil : cell("worker_id"), step: cell("step"),
                                             value: cell("value").isEmpty ? nil : cell("value"), at: at)
            if let p = BoardingGate.problem(with: r, trip: t, checklist: checklist, now: now()) { issues.append("\(file):\(row.line):1: \(p)"); continue }
            records.append((t.version, r))
        }
        if !issues.isEmpty { throw InputRejected(issues: issues, what: "nothing was recorded") }
        for v in Set(records.map(\.0)).sorted() {
            try s.addBoardingRecords(records.filter { $0.0 == v }.map(\.1), version: v, audit: auditStamp())
        }
        return records.count
        }
        say("recorded \(count) results from \(file)")
    }
}

struct BoardStatus: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Who is cleared, blocked (and why) or pending on a trip.",
                                                    discussion: """
        Exit status: 0 when everyone and the bus are cleared, 1 otherwise. A
        closed trip shows who boarded and who was released (exit 0): its list is
        frozen.
        """)
    @Option(help: "Trip id.") var trip: String
    @Option(help: "Output: text or json.") var format: OutputFormat = .text
    @OptionGroup var list: ChecklistOption
    @OptionGroup var store: StoreOptions

    func run() throws {
        let checklist = try list.load()
        let (t, vehicle, people, outcomes) = try store.with { s in
            let t = try openTrip(s, trip)
            let (vehicle, people) = try verdicts(s, t, checklist)
            return (t, vehicle, people, t.closedAt != nil ? try s.outcomes(trip: trip) : [:])
        }
        let boarded = outcomes.filter { $0.value == "boarded" }.keys.sorted(), released = outcomes.filter { $0.value == "released" }.keys.sorted()
        if format == .json {
            var doc = BoardStatusDocument(tripID: trip, checklist: checklist.id, departure: t.departure.iso(in: .china),
                                          closed: t.closedAt != nil, vehicle: vehicle, passengers: people)
            if t.closedAt != nil { doc.boarded = boarded; doc.released = released }
            say(try JSONText.encode(doc))
        } else if let closedAt = t.closedAt {
            say("Trip \(trip), departs \(t.departure.iso(in: .china)), closed \(closedAt): \(boarded.count) boarded, \(released.count) released")
            for w in released { say("  \(w)  released (placed again by the next plan)") }
        } else {
            say("Trip \(trip), departs \(t.departure.iso(in: .china)), checklist \(checklist.id)")
            say("  bus: \(vehicle.status.rawValue)")
            for f in vehicle.findings { say("      \(f.reason)") }
            say("  passengers: \(people.filter { $0.status == .cleared }.count) cleared, \(people.filter { $0.status == .blocked }.count) blocked, \(people.filter { $0.status == .pending }.count) pending")
            for p in people where p.status != .cleared {
                say("  \(p.workerID!)  \(p.status.rawValue)")
                for f in p.findings where f.step != "vehicle" || p.findings.count == 1 { say("      \(f.reason)") }
            }
        }
        if t.closedAt == nil && (vehicle.status != .cleared || people.contains(where: { $0.status != .cleared })) { throw ExitCode(1) }
    }
}

struct BoardClose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Freeze a trip's boarded list; release the blocked for a later trip.",
        discussion: """
        Only cleared passengers are listed as boarded. The blocked (and anyone
        still pending) are released: the next `banche plan` places them from the
        day after this trip. Refused while the bus itself is not cleared.
        """)
    @Option(help: "Trip id.") var trip: String
    @OptionGroup var list: ChecklistOption
    @OptionGroup var store: StoreOptions

    func run() throws {
        let checklist = try list.load()
        let (boarded, released) = try store.with { s in
            let t = try openTrip(s, trip)
            if t.closedAt != nil { throw ValidationError("trip \(trip) is already closed") }
            let (vehicle, people) = try verdicts(s, t, checklist)
            guard vehicle.status == .cleared else {
                throw ValidationError("the bus of trip \(trip) is \(vehicle.status.rawValue): \(vehicle.findings.map(\.reason).joined(separator: "; "))")
            }
            let boarded = people.filter { $0.status == .cleared }.compactMap(\.workerID)
            let released = people.filter { $0.status != .cleared }.compactMap(\.workerID)
            try s.closeTrip(t, checklist: checklist.id, boarded: boarded, released: released, audit: auditStamp())
            return (boarded, released)
        }
        say("closed \(trip): \(boarded.count) boarded, \(released.count) released for re-planning\(released.isEmpty ? "" : " (\(released.joined(separator: ", ")))")")
    }
}
