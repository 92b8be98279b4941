import ArgumentParser
import BancheStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new, empty banche database.",
        discussion: "The file is created with mode 0600 (owner read/write only): it will hold names, ID numbers and phones. An existing file is never overwritten.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        switch try store.location() {
        case .sqlite(let path):
            try SQLiteStore.create(path: path).close()
        case .postgres(let address):
            throw StoreError.other("\(address): this build of banche has no PostgreSQL store")
        }
        say("created \(store.db)")
    }
}
