import ArgumentParser
import BancheCore
import BancheStore
import BancheStorePG
import Foundation

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: tr("history.abstract"))
    @OptionGroup var store: StoreOptions

    func run() throws {
        try store.with { s in
            for h in try s.history() { say("\(h.at)  \(h.osUser)  \(h.what)\n    $ \(h.command)") }
        }
    }
}

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: tr("purge.abstract"),
        discussion: tr("purge.discussion"))
    @Option(help: help("purge.option.before", valueName: "date")) var before: String
    @OptionGroup var store: StoreOptions

    func validate() throws {
        do { _ = try CivilDate.parseChecked(before) } catch { throw ValidationError("--before \(before) \(error)") }
    }

    func run() throws {
        // A season that has not ended yet is never purged by mistake: the deletion is final.
        if CivilDate(iso: before)! > today() {
            throw ValidationError(tr("purge.afterToday", ["before": before, "today": today()]))
        }
        let (r, postgres) = try store.with { s in (try s.purge(before: CivilDate(iso: before)!, audit: auditStamp()), s as? PostgresStore) }
        if let postgres, postgres.county == nil { say(tr(r.purgesRewritten == 0 ? "purge.nothingPending" : "purge.rewrote", ["n": r.purgesRewritten])); return }
        say(tr(postgres == nil ? "purge.done" : "purge.done.postgres", ["workers": r.workers, "drivers": r.drivers, "records": r.boardingRecords, "before": before]))
    }
}
