import Foundation
import Testing
@testable import BancheStore

/// `SeasonCopy`'s canonical rows and checksums, and its numbering of plan versions, purges and
/// log ids (the copy itself, through PostgreSQL, is `CopyCLITests`).
@Suite struct SeasonCopyTests {
    typealias V = SeasonCopy.Value

    /// A row of `table` with every column filled (text "x", numbers 1, booleans 0) but `given`.
    static func row(_ table: String, _ given: [String: V]) -> [V] {
        let t = SeasonCopy.tables.first { $0.name == table }!
        return t.columns.map { c in
            given[c.name] ?? {
                switch c.kind {
                case .text: .text("x")
                case .int, .version, .serial, .purge: .int(1)
                case .real: .real(1.5)
                case .bool: .int(0)
                }
            }()
        }
    }

    /// Two plan versions with a trip each, a purge with its counts, two boarding records, as a
    /// database numbering them `versions`, `purge`, `records` would hold them.
    static func season(versions: (Int, Int), purge: Int, records: (Int, Int), km: Double = 12.5) -> SeasonCopy.Season {
        SeasonCopy.Season(rows: [
            "plan": [row("plan", ["version": .int(versions.0), "direction": .text("to-work")]),
                     row("plan", ["version": .int(versions.1), "direction": .text("to-home")])],
            "trip": [row("trip", ["plan_version": .int(versions.0), "trip_id": .text("T1"), "bus_km": .real(km)]),
                     row("trip", ["plan_version": .int(versions.1), "trip_id": .text("T1"), "usable_seats": .null])],
            "purge_log": [row("purge_log", ["id": .int(purge)])],
            "season_count": [row("season_count", ["purge_id": .int(purge), "home_township": .text("天等镇\t东")])],
            "purged_seat_count": [row("purged_seat_count", ["purge_id": .int(purge), "plan_version": .int(versions.1)])],
            "boarding_record": [row("boarding_record", ["id": .int(records.0), "plan_version": .int(versions.0), "value": .text("a"),
                                                        "client_record_id": .text("phone-a")]),
                                row("boarding_record", ["id": .int(records.1), "plan_version": .int(versions.0), "value": .text("b"),
                                                        "client_record_id": .text("phone-b")])],
            "data_version": [row("data_version", ["scope": .text("to-work"), "counter": .int(3)])],
        ])
    }

    @Test func checksSeeTheDataNotTheNumbering() throws {
        let file = try SeasonCopy.checks(Self.season(versions: (1, 2), purge: 1, records: (1, 2)))
        let province = try SeasonCopy.checks(Self.season(versions: (57, 61), purge: 9, records: (1000, 1450)))
        #expect(file == province)
        #expect(file.first { $0.table == "trip" }?.rows == 2)
        // One real changed on one row: that table's checksum only.
        let changed = try SeasonCopy.checks(Self.season(versions: (57, 61), purge: 9, records: (1000, 1450), km: 12.6))
        #expect(zip(file, changed).filter { $0 != $1 }.map(\.0.table) == ["trip"])
        // The order of log rows counts: records swapped are another history.
        let swapped = try SeasonCopy.checks(Self.season(versions: (1, 2), purge: 1, records: (2, 1)))
        #expect(zip(file, swapped).filter { $0 != $1 }.map(\.0.table) == ["boarding_record"])
    }

    @Test func aReferenceToNoPlanIsAnError() {
        var s = Self.season(versions: (1, 2), purge: 1, records: (1, 2))
        s.rows["trip"]!.append(Self.row("trip", ["plan_version": .int(7)]))
        #expect(throws: (any Error).self) { try SeasonCopy.checks(s) }
    }

    @Test func aSeasonWithPurgesGoesIntoANewFileRenumbered() throws {
        let source = Self.season(versions: (57, 61), purge: 9, records: (1000, 1450))
        let checks = try SeasonCopy.checks(source)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("banche-copy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/copy.sqlite"
        let c = try SQLiteStore.writeSeason(source, to: path, replace: false) { try SeasonCopy.verify(source: checks, destination: $0) }
        #expect(c.matches)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["copy.sqlite"])
        let store = try SQLiteStore(path: path)
        let back = try store.readSeason()
        try store.close()
        #expect(try SeasonCopy.checks(back.season) == checks)
        #expect(back.season.rows["plan"]!.map { $0[0] } == [.int(1), .int(2)])
        #expect(back.season.rows["purged_seat_count"]!.map { $0[0] } == [.int(1)])
        // Again: the file holds a season now, so only --replace writes over it.
        #expect(throws: SeasonCopy.Refusal.self) {
            try SQLiteStore.writeSeason(source, to: path, replace: false) { try SeasonCopy.verify(source: checks, destination: $0) }
        }
        // A mismatch found inside the transaction leaves the old file and no temporary one.
        let other = try SeasonCopy.checks(Self.season(versions: (1, 2), purge: 1, records: (1, 2), km: 99))
        #expect(throws: SeasonCopy.Refusal.self) {
            try SQLiteStore.writeSeason(source, to: path, replace: true) { try SeasonCopy.verify(source: other, destination: $0) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["copy.sqlite"])
    }
}
