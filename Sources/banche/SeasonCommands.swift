import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: tr("publish.abstract"),
        discussion: tr("publish.discussion"))
    @Option(help: help("option.planVersion")) var plan: Int?
    @Option(parsing: .upToNextOption, help: help("publish.option.trip")) var trip: [String] = []
    @Option(help: help("option.date", valueName: "date")) var date: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let date { do { _ = try CivilDate.parseChecked(date) } catch { throw ValidationError("--date \(date) \(error)") } }
    }

    func run() throws {
        let r = try store.with { s in try s.publish(version: plan, trips: trip, date: date.flatMap { CivilDate(iso: $0) }, audit: auditStamp()) }
        say((r.published.count == 1 ? tr("publish.done.one", ["version": r.version]) : tr("publish.done.other", ["n": r.published.count, "version": r.version]))
            + (r.alreadyPublished.isEmpty ? "" : tr("publish.already", ["n": r.alreadyPublished.count])))
    }
}

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: tr("worker.abstract"),
        subcommands: [WorkerCancel.self, WorkerRestore.self, WorkerShow.self])
}

struct WorkerCancel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: tr("worker.cancel.abstract"),
        discussion: tr("worker.cancel.discussion"))
    @Argument(help: help("worker.option.ids")) var workers: [String]
    @Option(help: help("worker.option.reason")) var reason: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if workers.isEmpty { throw ValidationError("give at least one worker id") }
        if let reason, reason.count > 500 { throw ValidationError("--reason is longer than 500 characters") }
    }

    func run() throws {
        // The reason is free text kept in the history: ID numbers and phones typed into it are
        // stored masked (the worker's own fields hold them, and a purge removes those).
        let r = try store.with { s in try s.cancelWorkers(workers, reason: reason.map { Masking.personalData(in: $0) }, audit: auditStamp()) }
        say(trPlural(r.cancelled.count, "worker.cancelled") + (r.already.isEmpty ? "" : tr("worker.alreadyCancelled", ["ids": r.already.joined(separator: ", ")])))
        if !r.cancelled.isEmpty { say(tr("worker.planToFree")) }
    }
}

struct WorkerRestore: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: tr("worker.restore.abstract"))
    @Argument(help: help("worker.option.ids")) var workers: [String]
    @OptionGroup var store: StoreOptions

    func run() throws {
        let r = try store.with { s in try s.restoreWorkers(workers, audit: auditStamp()) }
        say(tr("worker.restored", ["ids": r.joined(separator: ", ")]))
    }
}

struct WorkerShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: tr("worker.show.abstract"))
    @Argument(help: help("worker.option.id")) var worker: String
    @Flag(help: help("option.showPersonalData")) var showPersonalData = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let w = try store.with { s in try s.workerStatus(worker) }
        guard let w else { throw ValidationError(tr("worker.noSuchWorker", ["id": worker])) }
        say(WorkerLine.describe(w, showPersonalData: showPersonalData))
    }
}

struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: tr("find.abstract"),
        discussion: tr("find.discussion"))
    @Argument(help: help("find.option.query")) var query: String
    @Flag(help: help("option.showPersonalData")) var showPersonalData = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if query.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError(tr("find.nothing")) }
    }

    func run() throws {
        let found = try store.with { s in try s.findWorkers(query) }
        if found.isEmpty { say(tr("find.noMatch", ["query": showPersonalData ? query : Masking.personalData(in: query)])); throw ExitCode(1) }
        for w in found { say(WorkerLine.describe(w, showPersonalData: showPersonalData)) }
    }
}

/// How a worker's standing is printed by `worker show` and `find`.
enum WorkerLine {
    static func describe(_ w: WorkerStatus, showPersonalData: Bool) -> String {
        let rid = showPersonalData ? w.residentID : Masking.residentID(w.residentID)
        let phone = w.phone.map { showPersonalData ? $0 : Masking.phone($0) } ?? "-"
        let direction = tr("direction.\(w.direction.rawValue)")
        var s = tr("worker.line", ["id": w.id, "name": w.name, "resident_id": rid, "phone": phone, "direction": direction, "window": w.window]) + "\n"
        if let c = w.cancelledAt { s += tr("worker.cancelledAt", ["at": c]) + (w.cancelReason.map { ": \($0)" } ?? "") + "\n" }
        // A state the catalogue does not know is printed as stored.
        let state = UI.messages.language == .en || Messages.zh["worker.state.\(w.state)"] == nil ? w.state : tr("worker.state.\(w.state)")
        if let p = w.placement {
            s += tr("worker.placement", ["version": w.planVersion!, "trip": p.tripID, "date": p.date, "bus": p.busID, "plate": p.plate, "seat": p.seat,
                                         "stop": p.pickupName, "stop_id": p.pickupStop, "time": p.pickupTime.clock(in: .china), "state": state])
        } else if let v = w.planVersion {
            s += w.state == "not planned" ? tr("worker.notInPlan", ["version": v]) : tr("worker.inPlan", ["version": v, "state": state])
            s += w.unplacedReason.map { " (\($0))" } ?? ""
        } else {
            s += tr("worker.noPlan", ["direction": direction])
        }
        return s
    }
}
