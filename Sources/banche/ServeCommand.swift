import ArgumentParser
import BancheCore
import BancheServer
import BancheStore
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the check-in pages: phones record boarding steps at the pickup point.",
        discussion: """
        `banche serve` runs the web server (default 127.0.0.1:8080) over the same
        database and the same boarding gate as `banche board`. Staff open a link
        made by `banche serve token`; office users log in (`banche serve user
        add`). TLS is left to a reverse proxy: see docs/checkin.md.
        """,
        subcommands: [ServeRun.self, ServeTokenCommand.self, ServeUserCommand.self],
        defaultSubcommand: ServeRun.self)
}

/// `--listen HOST:PORT`.
struct ListenOption: ParsableArguments {
    @Option(help: ArgumentHelp("Address and port to listen on (behind a proxy: loopback).", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    var parts: (host: String, port: Int)? {
        guard let i = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: i)...]), (1...65535).contains(port) else { return nil }
        let host = String(listen[..<i])
        return host.isEmpty ? nil : (host, port)
    }

    func validate() throws {
        if parts == nil { throw ValidationError("--listen \(listen): give HOST:PORT, e.g. 127.0.0.1:8080") }
    }
}

struct ServeRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the server (the default).")
    @OptionGroup var address: ListenOption
    @Flag(help: "Mark cookies Secure (the proxy serves HTTPS).") var secureCookies = false
    @Flag(help: "Take the client's address from X-Real-IP (set by the proxy), for rate limits.") var trustProxy = false
    @OptionGroup var list: ChecklistOption
    @OptionGroup var store: StoreOptions

    func run() throws {
        let checklist = try list.load()
        let (host, port) = address.parts!
        let config = ServeConfig(host: host, port: port, checklist: checklist, secureCookies: secureCookies, trustProxy: trustProxy, clock: { now() })
        try store.with { anyStore in
            let s = try anyStore.serving("serve")
            say("banche serve: http://\(host):\(port)/ over \(store.db) (checklist \(checklist.id)); Ctrl-C stops")
            try runBlocking { try await BoardingServer(store: s, config: config).application().runService() }
        }
    }
}

/// Runs async work from a synchronous command and waits for it (the server until a signal).
func runBlocking(_ body: @escaping @Sendable () async throws -> Void) throws {
    final class Box: @unchecked Sendable { var error: (any Error)? }
    let box = Box(), done = DispatchSemaphore(value: 0)
    Task {
        do { try await body() } catch { box.error = error }
        done.signal()
    }
    done.wait()
    if let e = box.error { throw e }
}

struct ServeTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue a link for the staff of one trip (and stop); list or revoke links.",
        subcommands: [ServeTokenIssue.self, ServeTokenList.self, ServeTokenRevoke.self],
        defaultSubcommand: ServeTokenIssue.self)
}

struct ServeTokenIssue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Print a new link http://HOST:PORT/t/TOKEN (the default).",
        discussion: "Only the link's hash is stored: print it once, send it to the staff. The id (tk-…) revokes it.")
    @Option(help: "Trip id.") var trip: String
    @Option(help: "Only the passengers picked up at this stop.") var stop: String?
    @Option(help: "Hours the link stays valid (1–720).") var validHours = 24
    @Option(help: ArgumentHelp("Start of the printed link (behind a proxy: https://checkin.example.gov.cn).", valueName: "url"))
    var baseURL: String?
    @OptionGroup var address: ListenOption
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if !(1...720).contains(validHours) { throw ValidationError("--valid-hours \(validHours): from 1 to 720") }
    }

    func run() throws {
        let secret = Secrets.random(), id = Secrets.tokenID()
        let expires = now().adding(minutes: 60 * validHours)
        try store.with { s in
            let t = try openTrip(s, trip)
            if let stop {
                let stops = Set(t.pickupStops.values).sorted()
                guard stops.contains(stop) else { throw ValidationError("no passenger of trip \(trip) boards at stop \(stop); its pickup stops: \(stops.joined(separator: ", "))") }
            }
            try s.serving("serve token").addToken(id: id, secretSHA256: Secrets.sha256(secret), trip: trip, stop: stop, expiresAt: expires, audit: auditStamp())
        }
        let (host, port) = address.parts!
        let base = (baseURL ?? "http://\(host):\(port)").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        say("\(base)/t/\(secret)")
        warn("link \(id) for trip \(trip)\(stop.map { " stop \($0)" } ?? ""), valid until \(expires.iso(in: .china)); revoke: banche serve token revoke --id \(id)")
    }
}

struct ServeTokenList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List links (never their secrets).")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let current = now()
        for t in try store.with({ try $0.serving("serve token list").tokens() }) {
            let state = t.revokedAt.map { "revoked \($0)" } ?? (t.expiresAt <= current ? "expired" : "valid")
            say("\(t.id)  \(t.tripID)\(t.stopID.map { " stop \($0)" } ?? "")  until \(t.expiresAt.iso(in: .china))  \(state)")
        }
    }
}

struct ServeTokenRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a link (--id) or every link of a trip (--trip); its sessions end at once.")
    @Option(help: "The link's id (tk-…).") var id: String?
    @Option(help: "Revoke every link of this trip.") var trip: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if (id == nil) == (trip == nil) { throw ValidationError("give --id tk-… or --trip T") }
    }

    func run() throws {
        let n = try store.with { anyStore in
            let s = try anyStore.serving("serve token revoke")
            if let id, try s.token(id: id) == nil { throw ValidationError("no link \(id); `banche serve token list` lists them") }
            return try s.revokeTokens(id: id, trip: trip, audit: auditStamp())
        }
        say("revoked \(n) link\(n == 1 ? "" : "s")")
    }
}

struct ServeUserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Office users of the web pages.", subcommands: [ServeUserAdd.self])
}

struct ServeUserAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an office user, or set a new password; the password is read from standard input.",
        discussion: "At a terminal it is asked for twice, without echo. Stored as a PBKDF2-SHA256 hash (600,000 rounds).")
    @Argument(help: "User name.") var name: String
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if name.isEmpty || name.count > 64 || name.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw ValidationError("user name \"\(name)\": 1–64 characters, no spaces")
        }
    }

    func run() throws {
        let password: String
        if isatty(0) != 0 {
            let a = String(cString: getpass("password for \(name): ")), b = String(cString: getpass("again: "))
            guard a == b else { throw ValidationError("the two passwords differ; nothing stored") }
            password = a
        } else {
            password = readLine(strippingNewline: true) ?? ""
        }
        guard password.count >= 10 else { throw ValidationError("the password needs at least 10 characters; nothing stored") }
        let hash = try Secrets.hashPassword(password)
        let existed = try store.with { try $0.serving("serve user add").setUser(name: name, passwordHash: hash, audit: auditStamp()) }
        say(existed ? "new password set for \(name)" : "office user \(name) added")
    }
}

/// What `banche demo` prints last: a ready `banche serve` command and a link (valid 24 h) for the
/// plan's last trip, which the demo leaves open.
func demoServeLines(db: String) throws -> [String] {
    let secret = Secrets.random(), id = Secrets.tokenID()
    let trip: String? = try using(try SQLiteStore(path: db)) { anyStore in
        let s = try anyStore.sqlite("demo")
        guard let t = try s.latestTripIDs().reversed().lazy.compactMap({ try? s.trip($0) }).first(where: { $0.closedAt == nil }) else { return nil }
        try s.addToken(id: id, secretSHA256: Secrets.sha256(secret), trip: t.tripID, stop: nil, expiresAt: now().adding(minutes: 24 * 60), audit: auditStamp())
        return t.tripID
    }
    guard let trip else { return [] }
    return [
        "      banche serve --db \(db)      # phone check-in pages (docs/checkin.md); then open:",
        "      http://127.0.0.1:8080/t/\(secret)   (link \(id) for trip \(trip), 24 h)",
    ]
}
