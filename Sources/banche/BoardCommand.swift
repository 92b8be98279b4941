import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: tr("board.abstract"),
        discussion: tr("board.discussion"),
        subcommands: [BoardRecord.self, BoardImport.self, BoardStatus.self, BoardClose.self, BoardReopen.self])
}

struct ChecklistOption: ParsableArguments {
    @Option(help: help("option.checklist", valueName: "name-or-file"))
    var checklist = "standard-2026"
    func load() throws -> Checklist { try Checklists.load(checklist) }
}

/// The gate's verdicts for a stored trip (the bus, then every passenger).
func verdicts(_ s: any Store, _ t: StoredTrip, _ checklist: Checklist) throws -> (vehicle: BoardingGate.Verdict, passengers: [BoardingGate.Verdict]) {
    let records = try s.boardingRecords(trip: t.tripID)
    return BoardingGate(checklist: checklist).evaluate(trip: t, records: records)
}

func openTrip(_ s: any Store, _ id: String) throws -> StoredTrip {
    guard let t = try s.trip(id) else { throw ValidationError(tr("board.noTrip", ["trip": id])) }
    return t
}

struct BoardRecord: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: tr("board.record.abstract"))
    @Option(help: help("option.trip")) var trip: String
    @Option(help: help("board.option.worker")) var worker: String?
    @Flag(help: help("board.option.vehicle")) var vehicle = false
    @Option(help: help("board.option.step")) var step: String
    @Option(help: help("board.option.value")) var value: String?
    @Option(help: help("board.option.at")) var at: String?
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
        say(tr("board.recorded", ["step": step, "who": worker ?? tr("board.theBus"), "trip": trip, "at": when.iso(in: .china)]))
    }
}

struct BoardImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: tr("board.import.abstract"),
        discussion: tr("board.import.discussion"))
    @Argument(help: help("board.option.file")) var file: String
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
        if !issues.isEmpty { throw InputRejected(issues: issues, what: tr("rejected.nothingRecorded")) }
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
        if !issues.isEmpty { throw InputRejected(issues: issues, what: tr("rejected.nothingRecorded")) }
        for v in Set(records.map(\.0)).sorted() {
            try s.addBoardingRecords(records.filter { $0.0 == v }.map(\.1), version: v, audit: auditStamp())
        }
        return records.count
        }
        say(tr("board.importedResults", ["n": count, "file": file]))
    }
}

struct BoardStatus: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: tr("board.status.abstract"),
                                                    discussion: tr("board.status.discussion"))
    @Option(help: help("option.trip")) var trip: String
    @Option(help: help("option.format.text")) var format: OutputFormat = .text
    @OptionGroup var list: ChecklistOption
    @OptionGroup var store: StoreOptions

    func run() throws {
        let checklist = try list.load()
        let (t, vehicle, people, outcomes, names) = try store.with { s in
            let t = try openTrip(s, trip)
            let (vehicle, people) = try verdicts(s, t, checklist)
            // Passengers named next to their ids (name, masked ID number) in the text verdict.
            let names = format == .json ? [:] : PersonLabel.workers(try s.storedWorkers().workers.values)
            return (t, vehicle, people, t.closedAt != nil ? try s.outcomes(trip: trip) : [:], names)
        }
        func status(_ st: BoardingGate.Status) -> String { tr("board.status.\(st.rawValue)") }
        let boarded = outcomes.filter { $0.value == "boarded" }.keys.sorted(), released = outcomes.filter { $0.value == "released" }.keys.sorted()
        if format == .json {
            var doc = BoardStatusDocument(tripID: trip, checklist: checklist.id, departure: t.departure.iso(in: .china),
                                          closed: t.closedAt != nil, vehicle: vehicle, passengers: people)
            if t.closedAt != nil { doc.boarded = boarded; doc.released = released }
            if !t.closedStops.isEmpty { doc.closed_stops = t.closedStops.keys.sorted() }
            say(try JSONText.encode(doc))
        } else if let closedAt = t.closedAt {
            say(tr("board.closedHead", ["trip": trip, "departure": t.departure.iso(in: .china), "closed": closedAt,
                                        "boarded": boarded.count, "released": released.count]))
            for w in released { say(tr("board.releasedLine", ["who": PersonLabel.idAndLabel(w, names)])) }
        } else {
            say(tr("board.statusHead", ["trip": trip, "departure": t.departure.iso(in: .china), "checklist": checklist.id]))
            for (stop, at) in t.closedStops.sorted(by: { $0.key < $1.key }) { say(tr("board.stopClosedLine", ["stop": stop, "at": at])) }
            say(tr("board.bus", ["status": status(vehicle.status)]))
            let finding = { (f: BoardingGate.Finding) in BoardingFindingText.text(f, checklist: checklist, messages: UI.messages) }
            for f in vehicle.findings { say("      \(finding(f))") }
            say(tr("board.counts", ["cleared": people.filter { $0.status == .cleared }.count, "blocked": people.filter { $0.status == .blocked }.count,
                                    "pending": people.filter { $0.status == .pending }.count]))
            for p in people where p.status != .cleared {
                say(tr("board.passenger", ["who": PersonLabel.idAndLabel(p.workerID!, names), "status": status(p.status)]))
                for f in p.findings where f.step != "vehicle" || p.findings.count == 1 { say("      \(finding(f))") }
            }
        }
        if t.closedAt == nil && (vehicle.status != .cleared || people.contains(where: { $0.status != .cleared })) { throw ExitCode(1) }
    }
}

struct BoardClose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: tr("board.close.abstract"),
        discussion: tr("board.close.discussion"))
    @Option(help: help("option.trip")) var trip: String
    @Option(help: "Close only this pickup stop (stop id).") var stop: String?
    @OptionGroup var list: ChecklistOption
    @OptionGroup var store: StoreOptions

    func run() throws {
        let checklist = try list.load()
        let (boarded, released) = try store.with { s in
            try s.closeBoarding(trip: trip, stop: stop, checklist: checklist, audit: auditStamp())
        }
        if let stop {
            say(tr("board.closedStop", ["stop": stop, "trip": trip, "boarded": boarded.count, "released": released.count])
                + (released.isEmpty ? "" : " (\(released.joined(separator: ", ")))"))
        } else {
            say(tr("board.closed", ["trip": trip, "boarded": boarded.count, "released": released.count])
                + (released.isEmpty ? "" : " (\(released.joined(separator: ", ")))"))
        }
    }
}
struct BoardReopen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: tr("board.reopen.abstract"),
        discussion: """
        Only on the day the close was made, and only while no plan was saved
        since (a new plan may have placed the released again). The boarded and
        released lists the close froze are removed; records can be made again.
        The reopening is kept in `banche history`.
        """)
    @Option(help: "Trip id.") var trip: String
    @Option(help: "Reopen only this stop (closed with --stop).") var stop: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let (b, r) = try store.with { s in
            _ = try openTrip(s, trip)
            return try s.reopen(trip: trip, stop: stop, today: today(), audit: auditStamp())
        }
        say("reopened \(stop.map { "stop \($0) of " } ?? "")\(trip): \(b) boarded and \(r) released are open again")
    }
}
