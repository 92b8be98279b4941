import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Simulated phones against a running server: each opens its link, reads the CSRF token from the
/// page, then records `steps` for each of `passengers` passengers one after the other (as a person
/// taps), as fast as the server answers. Every `retryEvery`-th record is sent a second time with
/// the same client_record_id, as a phone does when an answer is lost; the server must answer it
/// with the record stored the first time.
public struct LoadTest: Sendable {
    /// One phone: a link (its secret) and the passengers it checks in.
    public struct Phone: Sendable {
        public var trip: String
        public var secret: String
        public var workers: [String]
        public init(trip: String, secret: String, workers: [String]) { self.trip = trip; self.secret = secret; self.workers = workers }
    }

    public var base: URL
    public var phones: [Phone]
    public var passengers: Int
    /// (step id, value) per record of a passenger.
    public var steps: [(String, String?)]
    public var retryEvery: Int
    /// Prefix of every client_record_id (the bench counts its own records by it).
    public var runID: String

    public init(base: URL, phones: [Phone], passengers: Int, steps: [(String, String?)], retryEvery: Int = 50, runID: String) {
        self.base = base; self.phones = phones; self.passengers = passengers; self.steps = steps; self.retryEvery = retryEvery; self.runID = runID
    }

    public struct Result: Sendable, Codable {
        public var phones: Int
        public var sent: Int
        public var created: Int
        public var repeatsAnsweredWithTheSameRecord: Int
        /// First sends answered 200: stored by an earlier run (a phone re-sending its queue).
        public var alreadyStored: Int
        public var failed: Int
        /// Phones stopped by a network error (the server went away).
        public var phonesCutOff: Int
        public var firstFailure: String?
        /// The network error that stopped the first phone cut off.
        public var firstCutOff: String?
        public var seconds: Double
        public var p50ms: Double
        public var p99ms: Double
        public var maxms: Double
        public var acknowledgedIDs: [String]
    }

    /// Runs every phone at once; returns when all are done.
    public func run() async throws -> Result {
        let config = URLSessionConfiguration.ephemeral
        config.httpMaximumConnectionsPerHost = max(8, phones.count)
        config.httpShouldSetCookies = false
        config.timeoutIntervalForRequest = 60
        let session = URLSession(configuration: config, delegate: NoRedirects(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let t0 = ContinuousClock.now
        let outcomes = try await withThrowingTaskGroup(of: PhoneOutcome.self) { g in
            for (i, p) in phones.enumerated() { g.addTask { try await self.phone(i, p, session) } }
            var all: [PhoneOutcome] = []
            for try await o in g { all.append(o) }
            return all
        }
        let elapsed = ContinuousClock.now - t0
        let lat = outcomes.flatMap(\.latencies).sorted()
        func pct(_ q: Double) -> Double { lat.isEmpty ? 0 : lat[min(lat.count - 1, Int((Double(lat.count) * q).rounded(.up)) - 1)] }
        return Result(phones: phones.count, sent: lat.count, created: outcomes.map(\.created).reduce(0, +),
                      repeatsAnsweredWithTheSameRecord: outcomes.map(\.sameAgain).reduce(0, +), alreadyStored: outcomes.map(\.alreadyStored).reduce(0, +),
                      failed: outcomes.map(\.failed).reduce(0, +), phonesCutOff: outcomes.filter(\.cutOff).count,
                      firstFailure: outcomes.compactMap(\.firstFailure).first, firstCutOff: outcomes.compactMap(\.cutOffBy).first,
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                      p50ms: pct(0.5), p99ms: pct(0.99), maxms: lat.last ?? 0, acknowledgedIDs: outcomes.flatMap(\.acknowledged))
    }

    /// Waits until a server answers at `base` (at most 20 s).
    public static func waitForServer(_ base: URL) async throws {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        for _ in 0..<400 {
            let answered: Bool = await withCheckedContinuation { c in
                session.dataTask(with: base) { _, response, _ in c.resume(returning: response != nil) }.resume()
            }
            if answered { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(what: "no server at \(base)")
    }

    struct PhoneOutcome: Sendable {
        var latencies: [Double] = []
        var created = 0, sameAgain = 0, alreadyStored = 0, failed = 0
        var cutOff = false
        var cutOffBy: String?
        var firstFailure: String?
        var acknowledged: [String] = []
    }

    struct Failure: Error { var what: String }

    func send(_ session: URLSession, _ req: URLRequest) async throws -> (Int, Data, HTTPURLResponse) {
        try await withCheckedThrowingContinuation { c in
            session.dataTask(with: req) { data, response, error in
                if let error { c.resume(throwing: error); return }
                guard let h = response as? HTTPURLResponse else { c.resume(throwing: Failure(what: "no HTTP response")); return }
                c.resume(returning: (h.statusCode, data ?? Data(), h))
            }.resume()
        }
    }

    /// One phone's run; a network error (the server killed) ends it with what it has.
    func phone(_ index: Int, _ p: Phone, _ session: URLSession) async throws -> PhoneOutcome {
        var out = PhoneOutcome()
        do { try await phone(index, p, session, &out) } catch let e as Failure { throw e } catch {
            out.cutOff = true
            out.cutOffBy = "phone \(index): \(error.localizedDescription)"
        }
        return out
    }

    func phone(_ index: Int, _ p: Phone, _ session: URLSession, _ out: inout PhoneOutcome) async throws {
        // Open the link: a session cookie and a redirect (not followed: the cookie is ours to send).
        let (status, _, head) = try await send(session, URLRequest(url: base.appendingPathComponent("t/\(p.secret)")))
        guard status == 303, let setCookie = head.value(forHTTPHeaderField: "Set-Cookie"),
              let cookie = setCookie.split(separator: ";").first.map(String.init) else { throw Failure(what: "phone \(index): the link answered \(status)") }
        var pageReq = URLRequest(url: base.appendingPathComponent("trips/\(p.trip)"))
        pageReq.setValue(cookie, forHTTPHeaderField: "Cookie")
        let (_, page, _) = try await send(session, pageReq)
        let html = String(decoding: page, as: UTF8.self)
        guard let r = html.range(of: "name=\"csrf-token\" content=\""), let end = html[r.upperBound...].firstIndex(of: "\"") else {
            throw Failure(what: "phone \(index): no csrf token on the trip page")
        }
        let csrf = String(html[r.upperBound..<end])
        let url = base.appendingPathComponent("api/trips/\(p.trip)/records")
        var n = 0
        for k in 0..<passengers {
            let worker = p.workers[k % p.workers.count]
            for (step, value) in steps {
                n += 1
                let id = "\(runID)-\(index)-\(n)"
                var body: [String: String] = ["worker_id": worker, "step": step, "client_record_id": id]
                if let value { body["value"] = value }
                var req = URLRequest(url: url)
                req.httpMethod = "POST"
                req.setValue("application/json", forHTTPHeaderField: "Content-Type")
                req.setValue(cookie, forHTTPHeaderField: "Cookie")
                req.setValue(csrf, forHTTPHeaderField: "X-CSRF-Token")
                req.httpBody = try JSONSerialization.data(withJSONObject: body)
                let sends = retryEvery > 0 && n % retryEvery == 0 ? 2 : 1
                var firstBody: Data?
                for attempt in 0..<sends {
                    let t = ContinuousClock.now
                    let (s, data, _) = try await send(session, req)
                    let d = ContinuousClock.now - t
                    out.latencies.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
                    if attempt == 0 && s == 201 { out.created += 1; out.acknowledged.append(id); firstBody = data }
                    else if attempt == 0 && s == 200 { out.alreadyStored += 1; out.acknowledged.append(id); firstBody = data }
                    else if attempt == 1 && s == 200 && data == firstBody { out.sameAgain += 1 }
                    else {
                        out.failed += 1
                        if out.firstFailure == nil { out.firstFailure = "\(s) \(String(decoding: data.prefix(300), as: UTF8.self))" }
                    }
                }
            }
        }
    }
}

/// Keeps URLSession from following a link's redirect (the bench reads its Set-Cookie).
final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
