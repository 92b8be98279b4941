import ArgumentParser
import BancheStore
import BancheStorePG

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: tr("init.abstract"),
        discussion: tr("init.discussion"))

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("PostgreSQL only: the county to add, its division code (e.g. 451425).", valueName: "code"))
    var county: String?
    @Option(help: ArgumentHelp("PostgreSQL only: the existing login role of the county office (default banche_COUNTY).", valueName: "role"))
    var role: String?

    func run() throws {
        switch try store.location() {
        case .sqlite(let path):
            if county != nil || role != nil { throw ValidationError("--county and --role are for a PostgreSQL database (--db postgres://…)") }
            try SQLiteStore.create(path: path).close()
            say(tr("init.created", ["db": path]))
        case .postgres(let address):
            guard let county else { throw ValidationError("--county CODE is required on PostgreSQL: the county office to add") }
            let role = role ?? "banche_\(county)"
            let created = try PostgresStore.initialize(address: address, county: county, role: role)
            if created { say("created banche's schema (version \(PostgresStore.schemaVersion)) in \(address)") }
            say("county \(county): role \(role) reads and writes its rows only; the office uses --db postgres://\(role)@\(address.host):\(address.port)/\(address.database)")
        }
    }
}

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring a PostgreSQL database's schema to this banche's version (the administrator's role).",
        discussion: """
        On PostgreSQL only this command changes the schema; any other command on an older or
        newer schema exits 2 naming both versions. Every pending step runs in one transaction.
        (A SQLite file is migrated when banche opens it.)
        """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("Stop at this schema version (for tests of the migration path).", valueName: "version"))
    var to: Int?

    func run() throws {
        guard case .postgres(let address) = try store.location() else {
            throw ValidationError("banche migrate is for a PostgreSQL database (--db postgres://ADMIN@…); a SQLite file is migrated when it is opened")
        }
        if let to, !(1...PostgresStore.schemaVersion).contains(to) {
            throw ValidationError("--to must be from 1 to \(PostgresStore.schemaVersion)")
        }
        let r = try PostgresStore.migrate(address: address, upTo: to ?? PostgresStore.schemaVersion)
        if r.from == r.to { say("the schema of \(address) is already at version \(r.to)") }
        else { say("migrated \(address) from schema version \(r.from) to \(r.to)") }
    }
}
