import BancheCore
import BancheIO
import BancheStore
import Foundation
import Hummingbird
import HTTPTypes
import NIOCore

/// How `banche serve` runs.
public struct ServeConfig: Sendable {
    public var host: String
    public var port: Int
    /// The checklist the gate applies (as `board … --checklist`).
    public var checklist: Checklist
    /// Add `Secure` to cookies (behind a TLS proxy; docs/checkin.md).
    public var secureCookies: Bool
    /// Take the client's address from `X-Real-IP` (set by the proxy) for rate limits.
    public var trustProxy: Bool
    /// The current instant (`BANCHE_NOW` in tests).
    public var clock: @Sendable () -> Timestamp
    /// Largest request body accepted (bytes).
    public var maxBody: Int = 16 * 1024
    /// Failed logins per address (and per user name) in 15 minutes before 429.
    public var loginLimit: Int = 10
    /// Unknown, expired or revoked links per address in 15 minutes before 429.
    public var tokenLimit: Int = 20
    /// How long an office session lasts.
    public var officeSessionHours: Int = 12

    public init(host: String = "127.0.0.1", port: Int = 8080, checklist: Checklist, secureCookies: Bool = false, trustProxy: Bool = false,
                clock: @escaping @Sendable () -> Timestamp) {
        self.host = host; self.port = port; self.checklist = checklist; self.secureCookies = secureCookies; self.trustProxy = trustProxy
        self.clock = clock
    }
}

/// The request context: Hummingbird's, plus the peer's address (for rate limits).
public struct ServeContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
    public var maxUploadSize: Int { 16 * 1024 }
}

/// A refusal that becomes `{"error": …}` (API) or a short page (HTML), with its status.
struct Refusal: Error {
    var status: HTTPResponse.Status
    var message: String
}

/// The check-in web app over the same store and the same `BoardingGate` as the CLI.
public final class BoardingServer: Sendable {
    let store: any ServeStore
    let config: ServeConfig
    let sessions = SessionStore()
    let loginFailures: RateLimiter
    let tokenFailures: RateLimiter
    /// Store calls block (SQLite); they run here, off Swift's cooperative threads.
    let io = DispatchQueue(label: "banche.serve.store", attributes: .concurrent)
    /// Records from phones, written in batches (one commit for many).
    let writer: RecordWriter

    public init(store: any ServeStore, config: ServeConfig) {
        self.store = store; self.config = config
        loginFailures = RateLimiter(limit: config.loginLimit, windowSeconds: 900)
        tokenFailures = RateLimiter(limit: config.tokenLimit, windowSeconds: 900)
        let clock = config.clock, user = ProcessInfo.processInfo.environment["USER"] ?? "banche"
        writer = RecordWriter(store: store, io: io) { AuditStamp(at: clock(), osUser: user, command: "banche serve") }
    }

    func db<T: Sendable>(_ body: @escaping @Sendable (any ServeStore) throws -> T) async throws -> T {
        let store = self.store
        return try await withCheckedThrowingContinuation { c in io.async { c.resume(with: Result { try body(store) }) } }
    }

    var now: Timestamp { config.clock() }

    /// The Hummingbird application (`runService()` serves until SIGINT/SIGTERM).
    public func application() -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(config.host, port: config.port), serverName: nil))
    }

    /// Every route, behind the security headers.
    public func router() -> Router<ServeContext> {
        let r = Router(context: ServeContext.self)
        r.add(middleware: SecurityHeaders())
        r.get("/") { req, ctx in try await self.home(req, ctx) }
        r.get("/static/app.js") { _, _ in Self.asset(Assets.script, type: "text/javascript; charset=utf-8") }
        r.get("/static/app.css") { _, _ in Self.asset(Assets.style, type: "text/css; charset=utf-8") }
        r.get("/t/:token") { req, ctx in try await self.handle(req) { try await self.openLink(req, ctx) } }
        r.get("/login") { req, _ in self.loginPage(message: nil, status: .ok) }
        r.post("/login") { req, ctx in try await self.handle(req) { try await self.login(req, ctx) } }
        r.post("/logout") { req, ctx in try await self.handle(req) { try await self.logout(req, ctx) } }
        r.get("/office") { req, ctx in try await self.handle(req) { try await self.officePage(req, ctx) } }
        r.post("/office/trips/:trip/close") { req, ctx in try await self.handle(req) { try await self.officeAction(req, ctx, reopen: false) } }
        r.post("/office/trips/:trip/reopen") { req, ctx in try await self.handle(req) { try await self.officeAction(req, ctx, reopen: true) } }
        r.get("/trips/:trip") { req, ctx in try await self.handle(req) { try await self.tripPage(req, ctx) } }
        r.get("/api/trips/:trip/status") { req, ctx in try await self.handle(req, json: true) { try await self.status(req, ctx) } }
        r.post("/api/trips/:trip/records") { req, ctx in try await self.handle(req, json: true) { try await self.record(req, ctx) } }
        return r
    }

    /// Turns a `Refusal` into its response: JSON for the API, a page otherwise.
    func handle(_ req: Request, json: Bool = false, _ body: () async throws -> Response) async throws -> Response {
        do { return try await body() } catch let e as Refusal {
            return json ? Self.json(ErrorBody(error: e.message), status: e.status) : Pages.message(e.message, status: e.status)
        }
    }

    static func asset(_ s: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=300"], body: .init(byteBuffer: ByteBuffer(string: s)))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status) -> Response {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? e.encode(value)) ?? Data(#"{"error":"encoding failed"}"#.utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func redirect(_ to: String, cookie: String? = nil) -> Response {
        var h: HTTPFields = [.location: to, .cacheControl: "no-store"]
        if let cookie { h[.setCookie] = cookie }
        return Response(status: .seeOther, headers: h)
    }

    // MARK: sessions

    static let cookieName = "banche_session"

    func cookie(_ name: String, _ value: String, maxAge: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict\(config.secureCookies ? "; Secure" : "")"
    }

    func clientAddress(_ req: Request, _ ctx: ServeContext) -> String {
        if config.trustProxy, let ip = req.headers[HTTPField.Name("X-Real-IP")!] { return ip }
        return ctx.remoteAddress?.ipAddress ?? "local"
    }

    /// The session of this request, if any and still valid; a link's session ends with its link.
    func session(_ req: Request) async throws -> (id: String, session: Session)? {
        guard let id = req.cookies[Self.cookieName]?.value, !id.isEmpty, let s = await sessions.get(id, now: now) else { return nil }
        if case .token(let tid, _, _) = s.principal {
            let t = try await db { try $0.token(id: tid) }
            guard let t, t.revokedAt == nil, t.expiresAt > now else { await sessions.remove(id); return nil }
        }
        return (id, s)
    }

    func requireSession(_ req: Request) async throws -> Session {
        guard let s = try await session(req)?.session else { throw Refusal(status: .unauthorized, message: "no valid session: open the link the office gave you, or log in") }
        return s
    }

    /// The session if it may see `trip`; a link sees only its own trip.
    func requireTrip(_ req: Request, _ trip: String) async throws -> Session {
        let s = try await requireSession(req)
        if case .token(_, let t, _) = s.principal, t != trip { throw Refusal(status: .forbidden, message: "this link is for trip \(t), not \(trip)") }
        return s
    }

    func requireCSRF(_ s: Session, _ given: String?) throws {
        guard let given, Secrets.constantTimeEqual(given, s.csrf) else {
            throw Refusal(status: .forbidden, message: "missing or wrong CSRF token; reload the page")
        }
    }

    /// The request body, at most `maxBody` bytes, of exactly the given media type.
    func body(_ req: Request, type: String) async throws -> ByteBuffer {
        let ct = (req.headers[.contentType] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard ct == type else { throw Refusal(status: .unsupportedMediaType, message: "send Content-Type: \(type)") }
        if let n = req.headers[.contentLength].flatMap(Int.init), n > config.maxBody {
            throw Refusal(status: .contentTooLarge, message: "request body over \(config.maxBody) bytes")
        }
        var r = req
        do { return try await r.collectBody(upTo: config.maxBody) } catch {
            throw Refusal(status: .contentTooLarge, message: "request body over \(config.maxBody) bytes")
        }
    }

    func audit(_ actor: String, _ action: String, trip: String?, outcome: String, detail: String) async {
        let at = now
        _ = try? await db { try $0.audit(actor: actor, action: action, trip: trip, outcome: outcome, detail: detail, at: at) }
    }

    // MARK: routes

    func home(_ req: Request, _ ctx: ServeContext) async throws -> Response {
        switch try await session(req)?.session.principal {
        case .office?: return Self.redirect("/office")
        case .token(_, let trip, _)?: return Self.redirect("/trips/\(Pages.path(trip))")
        case nil: return Pages.landing()
        }
    }

    /// `GET /t/{token}`: a valid link starts a session and goes to its trip page.
    func openLink(_ req: Request, _ ctx: ServeContext) async throws -> Response {
        let secret = ctx.parameters.get("token") ?? ""
        let addr = clientAddress(req, ctx), t0 = now.seconds
        guard await tokenFailures.allows(addr, now: t0) else {
            throw Refusal(status: .tooManyRequests, message: "too many wrong links from this address; wait 15 minutes")
        }
        let token = secret.count == 43 ? try await db { try $0.token(secretSHA256: Secrets.sha256(secret)) } : nil
        guard let token, token.revokedAt == nil, token.expiresAt > now else {
            await tokenFailures.fail(addr, now: t0)
            let why = token == nil ? "unknown link" : token!.revokedAt != nil ? "link revoked" : "link expired"
            await audit("ip:\(addr)", "open-link", trip: token?.tripID, outcome: "refused", detail: why + (token.map { " \($0.id)" } ?? ""))
            throw Refusal(status: token == nil ? .notFound : .gone, message: "\(why): ask the office for a new one")
        }
        let (id, _) = await sessions.create(.token(id: token.id, trip: token.tripID, stop: token.stopID), expires: token.expiresAt)
        await audit("token:\(token.id)", "open-link", trip: token.tripID, outcome: "ok", detail: "session started")
        let target = "/trips/\(Pages.path(token.tripID))"
        let cookie = cookie(Self.cookieName, id, maxAge: max(60, token.expiresAt.seconds - now.seconds))
        // A SameSite=Strict cookie set while following a link from another site (a chat app) is
        // not sent on the redirect that follows; a page that refreshes itself is same-site.
        if req.headers[HTTPField.Name("Sec-Fetch-Site")!] == "cross-site" {
            var r = Pages.refresh(to: target)
            r.headers[.setCookie] = cookie
            return r
        }
        return Self.redirect(target, cookie: cookie)
    }

    func loginPage(message: String?, status: HTTPResponse.Status) -> Response {
        // Login CSRF: the form carries a value that must equal a cookie of this site.
        let pre = Secrets.random(bytes: 16)
        var r = Pages.login(csrf: pre, message: message, status: status)
        r.headers[.setCookie] = cookie("banche_login", pre, maxAge: 900)
        return r
    }

    func login(_ req: Request, _ ctx: ServeContext) async throws -> Response {
        let form = Form(try await body(req, type: "application/x-www-form-urlencoded"))
        guard let pre = req.cookies["banche_login"]?.value, let given = form["csrf"], Secrets.constantTimeEqual(pre, given) else {
            return loginPage(message: "the form expired; try again", status: .forbidden)
        }
        let user = form["user"] ?? "", password = form["password"] ?? ""
        let addr = clientAddress(req, ctx), t0 = now.seconds
        guard await loginFailures.allows("ip:" + addr, now: t0), await loginFailures.allows("user:" + user, now: t0) else {
            await audit("ip:\(addr)", "login", trip: nil, outcome: "rate-limited", detail: user)
            return loginPage(message: "too many failed logins; wait 15 minutes", status: .tooManyRequests)
        }
        let hash = try await db { try $0.passwordHash(user: user) }
        // A missing user costs the same time as a wrong password.
        let ok = await withCheckedContinuation { c in
            io.async { c.resume(returning: Secrets.verifyPassword(password, hash: hash ?? "pbkdf2-sha256$\(Secrets.passwordRounds)$x$y") && hash != nil) }
        }
        guard ok else {
            await loginFailures.fail("ip:" + addr, now: t0); await loginFailures.fail("user:" + user, now: t0)
            await audit("ip:\(addr)", "login", trip: nil, outcome: "refused", detail: user)
            return loginPage(message: "wrong user or password", status: .unauthorized)
        }
        let (id, _) = await sessions.create(.office(user: user), expires: now.adding(minutes: 60 * config.officeSessionHours))
        await audit("user:\(user)", "login", trip: nil, outcome: "ok", detail: "from \(addr)")
        return Self.redirect("/office", cookie: cookie(Self.cookieName, id, maxAge: 3600 * config.officeSessionHours))
    }

    func logout(_ req: Request, _ ctx: ServeContext) async throws -> Response {
        guard let (id, s) = try await session(req) else { return Self.redirect("/") }
        let form = Form(try await body(req, type: "application/x-www-form-urlencoded"))
        try requireCSRF(s, form["csrf"])
        await sessions.remove(id)
        return Self.redirect("/", cookie: cookie(Self.cookieName, "", maxAge: 0))
    }

    func officePage(_ req: Request, _ ctx: ServeContext) async throws -> Response {
        let s = try await requireSession(req)
        guard case .office(let user) = s.principal else { throw Refusal(status: .forbidden, message: "the office page needs an office login") }
        let date = req.uri.queryParameters["date"].flatMap { CivilDate(iso: String($0)) } ?? now.date(in: .china)
        let checklist = config.checklist
        let rows = try await db { s -> [Pages.TripRow] in
            try s.tripIDs(on: date).compactMap { id in
                guard let t = try s.trip(id) else { return nil }
                let (vehicle, people) = BoardingGate(checklist: checklist).evaluate(trip: t, records: try s.boardingRecords(trip: id))
                let outcomes = t.closedAt != nil || !t.closedStops.isEmpty ? try s.outcomes(trip: id) : [:]
                return Pages.TripRow(trip: t, vehicle: vehicle, people: people, outcomes: outcomes)
            }
        }
        let message = req.uri.queryParameters["done"].map { String($0) }
        return Pages.office(user: user, date: date, rows: rows, csrf: s.csrf, message: message)
    }

    /// `POST /office/trips/{trip}/close|reopen` (form: csrf, stop): the rules of `board close` and `board reopen`.
    func officeAction(_ req: Request, _ ctx: ServeContext, reopen: Bool) async throws -> Response {
        let s = try await requireSession(req)
        guard case .office(let user) = s.principal else { throw Refusal(status: .forbidden, message: "only an office login can close or reopen a trip") }
        let form = Form(try await body(req, type: "application/x-www-form-urlencoded"))
        try requireCSRF(s, form["csrf"])
        let trip = ctx.parameters.get("trip") ?? ""
        let stop = form["stop"].flatMap { $0.isEmpty ? nil : $0 }
        let stamp = AuditStamp(at: now, osUser: user, command: "banche serve: \(reopen ? "reopen" : "close") by user:\(user)")
        let checklist = config.checklist, today = now.date(in: .china)
        let what = (stop.map { "stop \($0) of " } ?? "") + "trip \(trip)"
        do {
            let done: String = try await db { st in
                if reopen {
                    let (b, r) = try st.reopen(trip: trip, stop: stop, today: today, audit: stamp)
                    return "reopened \(what): \(b) boarded and \(r) released are open again"
                }
                let (b, r) = try st.closeBoarding(trip: trip, stop: stop, checklist: checklist, audit: stamp)
                return "closed \(what): \(b.count) boarded, \(r.count) released for re-planning"
            }
            await audit("user:\(user)", reopen ? "reopen" : "close", trip: trip, outcome: "ok", detail: done)
            return Self.redirect("/office?date=\(today)&done=\(Pages.query(done))")
        } catch let e as StoreError {
            await audit("user:\(user)", reopen ? "reopen" : "close", trip: trip, outcome: "refused", detail: "\(e)")
            throw Refusal(status: .conflict, message: "\(e)")
        } catch let e as ReopenRefusal {
            await audit("user:\(user)", "reopen", trip: trip, outcome: "refused", detail: "\(e)")
            throw Refusal(status: .conflict, message: "\(e)")
        }
    }

    /// The session and the trip of the path, as the session may see it: a link's own trip, and
    /// its stop only for a link with a stop (an office session may ask for `?stop=S`).
    func visibleTrip(_ req: Request, _ ctx: ServeContext) async throws -> (Session, StoredTrip, String?) {
        let trip = ctx.parameters.get("trip") ?? ""
        let s = try await requireTrip(req, trip)
        guard let t = try await db({ try $0.trip(trip) }) else { throw Refusal(status: .notFound, message: "no trip \(trip)") }
        if case .token(_, _, let stop?) = s.principal { return (s, t, stop) }
        let asked = req.uri.queryParameters["stop"].map(String.init)
        return (s, t, asked.flatMap { $0.isEmpty ? nil : $0 })
    }

    func tripPage(_ req: Request, _ ctx: ServeContext) async throws -> Response {
        let (s, t, stop) = try await visibleTrip(req, ctx)
        let trip = t.tripID
        let checklist = config.checklist
        let (people, records) = try await db { st in (try st.passengers(of: t), try st.boardingRecords(trip: trip)) }
        let (vehicle, verdicts) = BoardingGate(checklist: checklist).evaluate(trip: t, records: records)
        let shown = people.filter { stop == nil || $0.pickupStop == stop }
        return Pages.trip(t, stop: stop, passengers: shown, vehicle: vehicle, verdicts: verdicts, checklist: checklist,
                          csrf: s.csrf, office: s.principal.isOffice)
    }

    /// `GET /api/trips/{trip}/status`: the `board status --format json` document, filtered to the link's stop.
    func status(_ req: Request, _ ctx: ServeContext) async throws -> Response {
        let (_, t, stop) = try await visibleTrip(req, ctx)
        let trip = t.tripID
        let checklist = config.checklist
        let (records, outcomes) = try await db { st in (try st.boardingRecords(trip: trip), try st.outcomes(trip: trip)) }
        return Self.json(Self.statusDocument(t, records: records, outcomes: outcomes, checklist: checklist, stop: stop), status: .ok)
    }

    /// The status document of `board status --format json`, its passengers (and boarded and
    /// released lists) limited to those picked up at `stop` when one is given.
    static func statusDocument(_ t: StoredTrip, records: [BoardingRecord], outcomes: [String: String], checklist: Checklist, stop: String?) -> BoardStatusDocument {
        let (vehicle, people) = BoardingGate(checklist: checklist).evaluate(trip: t, records: records)
        let keep = { (w: String) in stop == nil || t.pickupStops[w] == stop }
        var doc = BoardStatusDocument(tripID: t.tripID, checklist: checklist.id, departure: t.departure.iso(in: .china), closed: t.closedAt != nil,
                                      vehicle: vehicle, passengers: people.filter { keep($0.workerID ?? "") })
        if t.closedAt != nil {
            doc.boarded = outcomes.filter { $0.value == "boarded" && keep($0.key) }.keys.sorted()
            doc.released = outcomes.filter { $0.value == "released" && keep($0.key) }.keys.sorted()
        }
        if !t.closedStops.isEmpty { doc.closed_stops = t.closedStops.keys.sorted() }
        return doc
    }

    /// `POST /api/trips/{trip}/records`: one step, checked by `RecordCheck` as `board record` does.
    func record(_ req: Request, _ ctx: ServeContext) async throws -> Response {
        let trip = ctx.parameters.get("trip") ?? ""
        let s = try await requireTrip(req, trip)
        try requireCSRF(s, req.headers[HTTPField.Name("X-CSRF-Token")!])
        let buffer = try await body(req, type: "application/json")
        let input: RecordInput
        do { input = try RecordInput.decode(Data(buffer.readableBytesView)) } catch let e as RecordInput.Problem {
            throw Refusal(status: .badRequest, message: e.message)
        }
        let when: Timestamp
        if let at = input.at {
            guard let t = Timestamp(iso: at, defaultZone: .china), CivilDate.sensibleYears.contains(t.date(in: .china).year) else {
                throw Refusal(status: .unprocessableContent, message: "at \"\(at)\" is not an ISO 8601 time such as 2027-02-13T05:10+08:00")
            }
            when = t
        } else { when = now }
        let r = BoardingRecord(tripID: trip, workerID: input.worker_id, step: input.step, value: input.value, at: when)
        let principal = s.principal, checklist = config.checklist, current = now
        let served = ServedInput(record: r, clientRecordID: input.client_record_id, recordedBy: principal.recordedBy) { t in
            if case .token(_, _, let stop?) = principal, let w = r.workerID, let at = t.pickupStops[w], at != stop {
                return "worker \(w) boards at stop \(at); this link is for stop \(stop)"
            }
            return BoardingGate.problem(with: r, trip: t, checklist: checklist, now: current)
        }
        let outcome = try await writer.write(served)
        switch outcome {
        case .stored(let rec): return Self.json(RecordOutput(rec), status: .created)
        case .existing(let rec): return Self.json(RecordOutput(rec), status: .ok)
        case .conflict(let rec):
            await audit(principal.recordedBy, "record", trip: trip, outcome: "conflict", detail: "client_record_id \(rec.clientRecordID) already names another record")
            throw Refusal(status: .conflict, message: "client_record_id \(input.client_record_id) was already used for another record (\(rec.workerID ?? "the bus") \(rec.step))")
        case .refused(let why):
            await audit(principal.recordedBy, "record", trip: trip, outcome: "refused", detail: Masking.personalData(in: why))
            let status: HTTPResponse.Status = why.contains("this link is for stop") ? .forbidden : .unprocessableContent
            throw Refusal(status: status, message: Masking.personalData(in: why))
        }
    }
}

/// `{"error": "…"}`
struct ErrorBody: Codable { var error: String }

/// The body of `POST /api/trips/{trip}/records`.
struct RecordInput: Codable {
    var worker_id: String?
    var step: String
    var value: String?
    var at: String?
    var client_record_id: String

    struct Problem: Error { var message: String }
    static let keys: Set<String> = ["worker_id", "step", "value", "at", "client_record_id"]

    /// Decodes strictly: a JSON object with known keys only, strings (or null), a client id of
    /// 1–100 characters from `A–Z a–z 0–9 . _ : -`.
    static func decode(_ data: Data) throws -> RecordInput {
        guard let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { throw Problem(message: "the body must be a JSON object") }
        if let k = o.keys.sorted().first(where: { !keys.contains($0) }) { throw Problem(message: "unknown key \"\(k)\"; records take \(keys.sorted().joined(separator: ", "))") }
        for (k, v) in o where !(v is String) && !(v is NSNull) { throw Problem(message: "\(k) must be a string") }
        guard let r = try? JSONDecoder().decode(RecordInput.self, from: data) else { throw Problem(message: "step and client_record_id are required strings") }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-")
        guard (1...100).contains(r.client_record_id.count), r.client_record_id.allSatisfy(allowed.contains) else {
            throw Problem(message: "client_record_id must be 1–100 characters of A–Z, a–z, 0–9, '.', '_', ':', '-'")
        }
        if r.worker_id == "" { throw Problem(message: "worker_id is empty; leave it out for a vehicle step") }
        return r
    }
}

/// A stored record as the API returns it.
struct RecordOutput: Codable {
    var id: Int64
    var trip_id: String
    var worker_id: String?
    var step: String
    var value: String?
    var at: String
    var recorded_at: String
    var recorded_by: String
    var client_record_id: String
    init(_ r: ServedRecord) {
        id = r.id; trip_id = r.tripID; worker_id = r.workerID; step = r.step; value = r.value; at = r.at
        recorded_at = r.recordedAt; recorded_by = r.recordedBy; client_record_id = r.clientRecordID
    }
}

/// A urlencoded form body.
struct Form {
    var fields: [String: String] = [:]
    init(_ b: ByteBuffer) {
        for pair in String(buffer: b).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func dec(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let k = kv.first { fields[dec(k)] = kv.count > 1 ? dec(kv[1]) : "" }
        }
    }
    subscript(_ k: String) -> String? { fields[k] }
}

/// Security headers on every response.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = ServeContext
    static let csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    func handle(_ input: Request, context: ServeContext, next: (Request, ServeContext) async throws -> Response) async throws -> Response {
        var r: Response
        do { r = try await next(input, context) } catch let e as HTTPError {
            r = BoardingServer.json(ErrorBody(error: e.body ?? "\(e.status.reasonPhrase)"), status: e.status)
        }
        r.headers[.contentSecurityPolicy] = Self.csp
        r.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        r.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        r.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        r.headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        if r.headers[.cacheControl] == nil { r.headers[.cacheControl] = "no-store" }
        return r
    }
}
