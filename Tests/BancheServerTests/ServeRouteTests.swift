import BancheCore
import BancheServer
import BancheStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every route of `banche serve`, through HummingbirdTesting's router client, on a database made
/// by the real binary.
@Suite(.serialized) struct ServeRouteTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    func post(_ c: any TestClientProtocol, _ uri: String, cookie: String?, csrf: String?, body: String,
              type: String = "application/json") async throws -> TestResponse {
        var h: HTTPFields = [.contentType: type]
        if let cookie { h[.cookie] = cookie }
        if let csrf { h[HTTPField.Name("X-CSRF-Token")!] = csrf }
        return try await c.execute(uri: uri, method: .post, headers: h, body: ByteBuffer(string: body))
    }

    func get(_ c: any TestClientProtocol, _ uri: String, cookie: String? = nil, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var h = extra
        if let cookie { h[.cookie] = cookie }
        return try await c.execute(uri: uri, method: .get, headers: h)
    }

    /// Opens a link; returns the session cookie and the trip page's CSRF token.
    func open(_ c: any TestClientProtocol, _ secret: String, trip: String) async throws -> (cookie: String, csrf: String, page: String) {
        let r = try await get(c, "/t/\(secret)")
        #expect(r.status == .seeOther)
        #expect(r.headers[.location] == "/trips/\(trip)")
        let set = try #require(r.headers[values: .setCookie].first)
        #expect(set.contains("HttpOnly") && set.contains("SameSite=Strict"))
        let cookie = try #require(r.sessionCookie)
        let page = try await get(c, "/trips/\(trip)", cookie: cookie)
        #expect(page.status == .ok)
        return (cookie, try #require(csrfToken(in: page.text)), page.text)
    }

    @Test func pagesCarrySecurityHeadersAndNoPersonalDataWithoutASession() async throws {
        let f = try ServeFixture.make()
        let (server, store) = try f.server()
        defer { _ = try? store.close() }
        let names = try store.passengers(of: try #require(try store.trip(f.trip))).map(\.name)
        try await Application(router: server.router()).test(.router) { c in
            for uri in ["/", "/login", "/trips/\(f.trip)", "/api/trips/\(f.trip)/status", "/office"] {
                let r = try await get(c, uri)
                let csp = try #require(r.headers[.contentSecurityPolicy])
                #expect(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"))
                #expect(r.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(r.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(!names.contains { r.text.contains($0) }, "\(uri) shows a name without a session")
            }
            #expect(try await get(c, "/trips/\(f.trip)").status == .unauthorized)
            let api = try await get(c, "/api/trips/\(f.trip)/status")
            #expect(api.status == .unauthorized && api.json["error"] is String)
            let js = try await get(c, "/static/app.js")
            #expect(js.status == .ok && js.headers[.contentType]!.hasPrefix("text/javascript") && js.text.contains("client_record_id"))
            #expect(try await get(c, "/static/app.css").headers[.contentType]!.hasPrefix("text/css"))
        }
    }

    @Test(arguments: ServeFixture.Kind.allCases)
    func aLinkOpensItsTripOnlyAndShowsMaskedIDs(_ kind: ServeFixture.Kind) async throws {
        let f = try ServeFixture.make(kind)
        let stop = f.stops[0]
        let link = try f.token(stop: stop)
        let (server, store) = try f.server()
        defer { _ = try? store.close() }
        let people = try store.passengers(of: try #require(try store.trip(f.trip)))
        try await Application(router: server.router()).test(.router) { c in
            let (cookie, _, page) = try await open(c, link.secret, trip: f.trip)
            #expect(page.contains("<meta name=\"csrf-token\""))
            #expect(!page.contains("<script>") && page.contains("<script src=\"/static/app.js\""))
            for p in people {
                #expect(page.contains("class=\"name\">\(p.name)<") == (p.pickupStop == stop), "only the link's stop is listed")
                #expect(!page.contains(p.residentID), "an ID number shown in full")
                if p.pickupStop == stop { #expect(page.contains(Masking.residentID(p.residentID))) }
            }
            // Another trip, even one that exists, is refused.
            #expect(try await get(c, "/trips/TD-PJ-20270213-01", cookie: cookie).status == .forbidden)
            #expect(try await get(c, "/", cookie: cookie).headers[.location] == "/trips/\(f.trip)")
            // The status document keeps to the stop.
            let status = try await get(c, "/api/trips/\(f.trip)/status", cookie: cookie)
            #expect(status.status == .ok)
            let listed = (status.json["passengers"] as? [[String: Any]] ?? []).compactMap { $0["worker_id"] as? String }
            #expect(Set(listed) == Set(people.filter { $0.pickupStop == stop }.map(\.workerID)))
            #expect(status.json["pending"] as? Int == listed.count)
            // From a chat app (cross-site), a page that refreshes itself, so the Strict cookie is sent.
            let cross = try await get(c, "/t/\(link.secret)", headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(cross.status == .ok && cross.text.contains("http-equiv=\"refresh\"") && cross.sessionCookie != nil)
        }
    }

    @Test(arguments: ServeFixture.Kind.allCases)
    func expiredUnknownAndRevokedLinksAreRefusedAndGuessesLimited(_ kind: ServeFixture.Kind) async throws {
        let f = try ServeFixture.make(kind)
        let old = try f.token(validHours: 1, now: "2027-02-13T01:00:00+08:00")
        let revoked = try f.token()
        let (server, store) = try f.server(tokenLimit: 4)
        defer { _ = try? store.close() }
        try await Application(router: server.router()).test(.router) { c in
            #expect(try await get(c, "/t/\(old.secret)").status == .gone)
            let (cookie, _, _) = try await open(c, revoked.secret, trip: f.trip)
            let r = try ServeFixture.run(["serve", "token", "revoke", "--id", revoked.id, "--db", f.db])
            #expect(r.status == 0 && r.stdout.contains("revoked 1 link"), "\(r.stderr)")
            #expect(try await get(c, "/trips/\(f.trip)", cookie: cookie).status == .unauthorized, "a revoked link's session ends at once")
            #expect(try await get(c, "/t/\(revoked.secret)").status == .gone)
            #expect(try await get(c, "/t/" + String(repeating: "A", count: 43)).status == .notFound)
            #expect(try await get(c, "/t/guess").status == .notFound)
            // Four failures from this address: the next attempt, even with a good link, waits.
            let fresh = try f.token()
            #expect(try await get(c, "/t/\(fresh.secret)").status == .tooManyRequests)
        }
        let audit = try store.serveAudit()
        #expect(audit.filter { $0.action == "open-link" && $0.outcome == "refused" }.count == 4)
        #expect(!audit.contains { $0.detail.contains(old.secret) }, "secrets are never written")
    }

    @Test(arguments: ServeFixture.Kind.allCases)
    func recordsAreStoredOnceCheckedLikeTheCommandLineAndAttributed(_ kind: ServeFixture.Kind) async throws {
        let f = try ServeFixture.make(kind)
        let stop = f.stops[0]
        let here = f.passengers.filter { f.stopOf[$0] == stop }, there = f.passengers.filter { f.stopOf[$0] != stop }
        let link = try f.token(stop: stop)
        let (server, store) = try f.server()
        defer { _ = try? store.close() }
        let uri = "/api/trips/\(f.trip)/records"
        try await Application(router: server.router()).test(.router) { c in
            let (cookie, csrf, _) = try await open(c, link.secret, trip: f.trip)
            let body = #"{"worker_id": "\#(here[0])", "step": "id-check", "at": "2027-02-13T05:10:00+08:00", "client_record_id": "phone1-0001"}"#
            // CSRF, media type, size, shape.
            #expect(try await post(c, uri, cookie: cookie, csrf: nil, body: body).status == .forbidden)
            #expect(try await post(c, uri, cookie: cookie, csrf: "x" + csrf, body: body).status == .forbidden)
            #expect(try await post(c, uri, cookie: cookie, csrf: csrf, body: body, type: "text/plain").status == .unsupportedMediaType)
            let big = #"{"step": "id-check", "client_record_id": "a", "value": "\#(String(repeating: "9", count: 20_000))"}"#
            #expect(try await post(c, uri, cookie: cookie, csrf: csrf, body: big).status == .contentTooLarge)
            let unknownKey = try await post(c, uri, cookie: cookie, csrf: csrf, body: #"{"step": "id-check", "client_record_id": "a", "who": 1}"#)
            #expect(unknownKey.status == .badRequest && (unknownKey.json["error"] as? String ?? "").contains("unknown key \"who\""))
            #expect(try await post(c, uri, cookie: nil, csrf: csrf, body: body).status == .unauthorized)

            // Stored, then the same client_record_id again: the same record, 200, nothing new.
            let first = try await post(c, uri, cookie: cookie, csrf: csrf, body: body)
            #expect(first.status == .created, "\(first.text)")
            #expect(first.json["recorded_by"] as? String == "token:\(link.id)")
            #expect(first.json["worker_id"] as? String == here[0] && first.json["step"] as? String == "id-check")
            let again = try await post(c, uri, cookie: cookie, csrf: csrf, body: body)
            #expect(again.status == .ok && again.text == first.text)
            let reused = try await post(c, uri, cookie: cookie, csrf: csrf, body: body.replacingOccurrences(of: "id-check", with: "safety-briefing"))
            #expect(reused.status == .conflict)

            // The refusals of `board record`, word for word.
            func refused(_ json: String) async throws -> (HTTPResponse.Status, String) {
                let r = try await post(c, uri, cookie: cookie, csrf: csrf, body: json)
                return (r.status, r.json["error"] as? String ?? "")
            }
            let (s1, e1) = try await refused(#"{"worker_id": "\#(here[1])", "step": "temperature", "client_record_id": "r1"}"#)
            #expect(s1 == .unprocessableContent && e1.hasPrefix("unknown step \"temperature\""))
            let (s2, e2) = try await refused(#"{"step": "alcohol-test", "value": "600", "client_record_id": "r2"}"#)
            #expect(s2 == .unprocessableContent && e2.contains("takes a number from 0 to 500"), "\(e2)")
            let (s3, e3) = try await refused(#"{"worker_id": "\#(here[1])", "step": "id-check", "at": "2027-02-13T06:00:00+08:00", "client_record_id": "r3"}"#)
            #expect(s3 == .unprocessableContent && e3.contains("in the future"))
            let (s4, e4) = try await refused(#"{"worker_id": "W99999", "step": "id-check", "client_record_id": "r4"}"#)
            #expect(s4 == .unprocessableContent && e4.contains("is not on trip"))
            // A passenger of the bus's other stop: not this link's.
            let (s5, e5) = try await refused(#"{"worker_id": "\#(there[0])", "step": "id-check", "client_record_id": "r5"}"#)
            #expect(s5 == .forbidden && e5.contains("this link is for stop \(stop)"))
            // Vehicle steps may be recorded from any stop of the trip.
            let (s6, _) = try await refused(#"{"step": "alcohol-test", "value": "0", "client_record_id": "r6"}"#)
            #expect(s6 == .created)
        }
        let records = try store.boardingRecords(trip: f.trip)
        #expect(records.count == 2, "the refused and the repeated stored nothing")
        let counts = try store.servedCounts(trip: f.trip)
        #expect(counts.records == counts.distinctClientIDs)
        #expect(try store.serveAudit().filter { $0.outcome == "refused" && $0.action == "record" }.count == 5)
    }

    @Test(arguments: ServeFixture.Kind.allCases)
    func theOfficeLogsInSeesTheDayAndClosesAndReopensStops(_ kind: ServeFixture.Kind) async throws {
        let f = try ServeFixture.make(kind)
        try f.addUser("wang")
        let link = try f.token()
        let (server, store) = try f.server(loginLimit: 3)
        defer { _ = try? store.close() }
        let stop = f.stops[0]
        try await Application(router: server.router()).test(.router) { c in
            // The bus is cleared by a link's session (vehicle steps), so stops may be closed.
            let (tokenCookie, tokenCSRF, _) = try await open(c, link.secret, trip: f.trip)
            for (i, (step, value)) in [("vehicle-inspection", nil), ("charter-sign", nil), ("alcohol-test", "0")].enumerated() {
                let v = value.map { #", "value": "\#($0)""# } ?? ""
                let r = try await post(c, "/api/trips/\(f.trip)/records", cookie: tokenCookie, csrf: tokenCSRF,
                                       body: #"{"step": "\#(step)"\#(v), "client_record_id": "bus-\#(i)"}"#)
                #expect(r.status == .created)
            }
            // A link cannot close.
            let denied = try await post(c, "/office/trips/\(f.trip)/close", cookie: tokenCookie, csrf: nil, body: "csrf=\(tokenCSRF)",
                                        type: "application/x-www-form-urlencoded")
            #expect(denied.status == .forbidden)

            let form = try await get(c, "/login")
            let pre = try #require(csrfToken(in: form.text))
            let preCookie = try #require(form.headers[values: .setCookie].first.map { String($0.split(separator: ";")[0]) })
            func login(_ password: String) async throws -> TestResponse {
                try await post(c, "/login", cookie: preCookie, csrf: nil, body: "csrf=\(pre)&user=wang&password=\(password.replacingOccurrences(of: " ", with: "+"))",
                               type: "application/x-www-form-urlencoded")
            }
            #expect(try await post(c, "/login", cookie: nil, csrf: nil, body: "csrf=\(pre)&user=wang&password=x", type: "application/x-www-form-urlencoded").status == .forbidden)
            #expect(try await login("wrong password").status == .unauthorized)
            let ok = try await login(ServeFixture.password)
            #expect(ok.status == .seeOther && ok.headers[.location] == "/office")
            let office = try #require(ok.sessionCookie)
            let page = try await get(c, "/office", cookie: office)
            #expect(page.status == .ok && page.text.contains(f.trip))
            let csrf = try #require(csrfToken(in: page.text))

            // Close one stop (CSRF required), then reopen it.
            func action(_ verb: String, _ body: String) async throws -> TestResponse {
                try await post(c, "/office/trips/\(f.trip)/\(verb)", cookie: office, csrf: nil, body: body, type: "application/x-www-form-urlencoded")
            }
            #expect(try await action("close", "stop=\(stop)").status == .forbidden)
            let closed = try await action("close", "csrf=\(csrf)&stop=\(stop)")
            #expect(closed.status == .seeOther, "\(closed.text)")
            #expect(try store.trip(f.trip)!.closedStops[stop] != nil)
            #expect(try await action("close", "csrf=\(csrf)&stop=\(stop)").status == .conflict)
            let reopened = try await action("reopen", "csrf=\(csrf)&stop=\(stop)")
            #expect(reopened.status == .seeOther)
            #expect(try store.trip(f.trip)!.closedStops.isEmpty && store.outcomes(trip: f.trip).isEmpty)
            // The whole trip, with a link still open: its records are then refused.
            #expect(try await action("close", "csrf=\(csrf)").status == .seeOther)
            let late = try await post(c, "/api/trips/\(f.trip)/records", cookie: tokenCookie, csrf: tokenCSRF,
                                      body: #"{"worker_id": "\#(f.passengers[0])", "step": "id-check", "client_record_id": "late"}"#)
            #expect(late.status == .unprocessableContent && (late.json["error"] as? String ?? "").contains("is closed"))
            // The office sees any trip and stop.
            let all = try await get(c, "/api/trips/\(f.trip)/status", cookie: office)
            #expect((all.json["passengers"] as? [Any])?.count == f.passengers.count && all.json["closed"] as? Bool == true)

            // Three failures: the fourth attempt waits, even with the right password.
            let out = try await post(c, "/logout", cookie: office, csrf: nil, body: "csrf=\(csrf)", type: "application/x-www-form-urlencoded")
            #expect(out.status == .seeOther)
            #expect(try await get(c, "/office", cookie: office).status == .unauthorized)
            #expect(try await login("wrong again").status == .unauthorized)
            #expect(try await login("and again").status == .unauthorized)
            #expect(try await login(ServeFixture.password).status == .tooManyRequests)
        }
        let audit = try store.serveAudit()
        #expect(audit.contains { $0.actor == "user:wang" && $0.action == "close" && $0.outcome == "ok" })
        #expect(try ServeFixture.run(["history", "--db", f.db]).stdout.contains("reopened stop \(stop) of trip \(f.trip)"))
    }
}
