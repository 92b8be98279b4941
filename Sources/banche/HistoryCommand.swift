import ArgumentParser
import BancheCore
import BancheStore
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
        discussion: """
        Deletes workers whose last travel day is before DATE, their boarding
        records, and drivers no longer available before DATE; keeps counts per
        direction, day and home township. Plans keep worker ids only. The file is
        then vacuumed and its write-ahead log truncated, so the deleted text is
        gone from disk. If another process is reading the database, that last
        step cannot finish: the exit status is then 3 (run the same command
        again); the deletions are kept and any later opening completes the
        wipe. See docs/privacy.md.
        """)
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
        let r = try store.with { s in try s.purge(before: CivilDate(iso: before)!, audit: auditStamp()) }
        say(tr("purge.done", ["workers": r.workers, "drivers": r.drivers, "records": r.boardingRecords, "before": before]))
    }
}
