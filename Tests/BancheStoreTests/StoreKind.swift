import Foundation
import Testing
import BancheCore
import BancheStore
import BancheStorePG
import PGTestCluster

/// The stores every store test runs against: the embedded SQLite file and a real PostgreSQL
/// server (a throwaway cluster, `PGTestCluster`), the latter logged in as a county office's
/// role under row-level security. A PostgreSQL case fails — it is not skipped — when the
/// server cannot be started.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A new, empty store of this kind.
    func make() throws -> any Store {
        switch self {
        case .sqlite:
            return try temporaryStore().0
        case .postgres:
            let c = try PGTestCluster.shared()
            let db = try c.newDatabase()
            let role = try c.newRole("county")
            try PostgresStore.initialize(address: PostgresAddress(url: c.url(db)), county: "451425", role: role)
            return try PostgresStore(address: PostgresAddress(url: c.url(db, user: role)))
        }
    }
}
