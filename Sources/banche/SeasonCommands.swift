import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: tr("publish.abstract"),
        discussion: """
        A published trip is pinned: every later `banche plan` keeps its bus, day,
        times, stops and each remaining passenger's seat (see `banche plan
        --replan-all`). With no --trip and no --date, every trip of the plan.
        """)
    @Option(help: help("option.planVersion")) var plan: Int?
    @Option(parsing: .upToNextOption, help: "Trip ids to publish.") var trip: [String] = []
    @Option(help: ArgumentHelp("Only the trips of this day (YYYY-MM-DD).", valueName: "date")) var date: String?
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
        discussion: "The next `banche plan` frees their seats; everyone else on a published trip keeps theirs.")
    @Argument(help: "Worker ids.") var workers: [String]
    @Option(help: "Why (kept in history; purged with the worker).") var reason: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if workers.isEmpty { throw ValidationError("give at least one worker id") }
        if let reason, reason.count > 500 { throw ValidationError("--reason is longer than 500 characters") }
    }

    func run() throws {
        let r = try store.with { s in try s.cancelWorkers(workers, reason: reason, audit: auditStamp()) }
        say("cancelled \(r.cancelled.count) worker\(r.cancelled.count == 1 ? "" : "s")\(r.already.isEmpty ? "" : "; already cancelled: \(r.already.joined(separator: ", "))")")
        if !r.cancelled.isEmpty { say("run `banche plan` to free their seats") }
    }
}

struct WorkerRestore: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: tr("worker.restore.abstract"))
    @Argument(help: "Worker ids.") var workers: [String]
    @OptionGroup var store: StoreOptions

    func run() throws {
        let r = try store.with { s in try s.restoreWorkers(workers, audit: auditStamp()) }
        say("restored \(r.joined(separator: ", ")); run `banche plan` to place \(r.count == 1 ? "them" : "them")")
    }
}

struct WorkerShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: tr("worker.show.abstract"))
    @Argument(help: "Worker id.") var worker: String
    @Flag(help: "Show the full ID number and phone.") var showPersonalData = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let w = try store.with { s in try s.workerStatus(worker) }
        guard let w else { throw ValidationError("no worker \(worker); `banche find` looks workers up") }
        say(WorkerLine.describe(w, showPersonalData: showPersonalData))
    }
}

struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: tr("find.abstract"),
        discussion: "Prints each match with bus, plate, seat, pickup stop and time, and trip state. Exit 1 when nothing matches.")
    @Argument(help: "Worker id, name (or part of it), or the last 4 or more digits of an ID number or phone.") var query: String
    @Flag(help: "Show full ID numbers and phones.") var showPersonalData = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if query.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("give something to look for") }
    }

    func run() throws {
        let found = try store.with { s in try s.findWorkers(query) }
        if found.isEmpty { say("no worker matches \"\(showPersonalData ? query : Masking.personalData(in: query))\""); throw ExitCode(1) }
        for w in found { say(WorkerLine.describe(w, showPersonalData: showPersonalData)) }
    }
}

/// How a worker's standing is printed by `worker show` and `find`.
enum WorkerLine {
    static func describe(_ w: WorkerStatus, showPersonalData: Bool) -> String {
        let rid = showPersonalData ? w.residentID : Masking.residentID(w.residentID)
        let phone = w.phone.map { showPersonalData ? $0 : Masking.phone($0) } ?? "-"
        var s = "\(w.id)  \(w.name)  \(rid)  \(phone)  \(w.direction.rawValue) \(w.window)\n"
        if let c = w.cancelledAt { s += "  cancelled \(c)\(w.cancelReason.map { ": \($0)" } ?? "")\n" }
        if let p = w.placement {
            s += "  plan v\(w.planVersion!): trip \(p.tripID), \(p.date), bus \(p.busID) \(p.plate), seat \(p.seat), "
            s += "at \(p.pickupName) (\(p.pickupStop)) \(p.pickupTime.clock(in: .china)) — \(w.state)"
        } else if let v = w.planVersion {
            let state = w.state == "not planned" ? "not in this plan (imported or changed after it, or outside its dates): plan again" : w.state
            s += "  plan v\(v): \(state)\(w.unplacedReason.map { " (\($0))" } ?? "")"
        } else {
            s += "  no plan yet for \(w.direction.rawValue)"
        }
        return s
    }
}
