import ArgumentParser
import BancheStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: tr("init.abstract"),
        discussion: "The file is created with mode 0600 (owner read/write only): it will hold names, ID numbers and phones. An existing file is never overwritten.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let s = try SQLiteStore.create(path: store.db)
        try s.close()
        say(tr("init.created", ["db": store.db]))
    }
}
