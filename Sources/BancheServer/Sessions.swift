import BancheCore
import Foundation

/// Who a session belongs to.
public enum Principal: Sendable, Hashable {
    /// Staff who opened a link: one trip, perhaps one stop; they can only record steps.
    case token(id: String, trip: String, stop: String?)
    /// An office user: every trip; can close and reopen.
    case office(user: String)

    /// What a record stores as `recorded_by`.
    public var recordedBy: String {
        switch self {
        case .token(let id, _, _): "token:\(id)"
        case .office(let user): "user:\(user)"
        }
    }

    var isOffice: Bool { if case .office = self { true } else { false } }
}

/// A signed-in browser: the cookie's value is the key; the CSRF token goes in every write.
public struct Session: Sendable {
    public var principal: Principal
    public var csrf: String
    public var expires: Timestamp
}

/// Sessions in memory (a restart signs everyone out: staff open their link again, office users
/// log in again). At most `capacity`; the oldest goes first.
actor SessionStore {
    private var sessions: [String: Session] = [:]
    private var order: [String] = []
    let capacity: Int

    init(capacity: Int = 10_000) { self.capacity = capacity }

    func create(_ principal: Principal, expires: Timestamp) -> (id: String, session: Session) {
        let id = Secrets.random(), s = Session(principal: principal, csrf: Secrets.random(), expires: expires)
        sessions[id] = s
        order.append(id)
        if order.count > capacity {
            let drop = order.count - capacity
            for old in order.prefix(drop) { sessions[old] = nil }
            order.removeFirst(drop)
        }
        return (id, s)
    }

    func get(_ id: String, now: Timestamp) -> Session? {
        guard let s = sessions[id] else { return nil }
        if s.expires <= now { sessions[id] = nil; return nil }
        return s
    }

    func remove(_ id: String) { sessions[id] = nil }
}

/// Counts failures per key (an address, a user name) in a sliding window; refused beyond `limit`.
actor RateLimiter {
    let limit: Int
    let window: Int
    private var failures: [String: [Int]] = [:]

    init(limit: Int, windowSeconds: Int) { self.limit = limit; self.window = windowSeconds }

    /// Whether another attempt is allowed now.
    func allows(_ key: String, now: Int) -> Bool {
        let recent = (failures[key] ?? []).filter { $0 > now - window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent.count < limit
    }

    func fail(_ key: String, now: Int) {
        failures[key, default: []].append(now)
        if failures.count > 100_000 { failures = failures.filter { $0.value.contains { $0 > now - window } } }
    }
}
