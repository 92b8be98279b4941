import ArgumentParser
import BancheStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: tr("init.abstract"),
        discussion: tr("init.discussion"))

    @OptionGroup var store: StoreOptions

    func run() throws {
        let s = try SQLiteStore.create(path: store.db)
        try s.close()
        say(tr("init.created", ["db": store.db]))
    }
}
