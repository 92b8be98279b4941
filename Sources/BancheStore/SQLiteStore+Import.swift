import Foundation
import BancheCore
import GRDB

extension SQLiteStore {
    /// IDs already stored, for duplicate and reference checks.
    static func known(_ db: Database) throws -> KnownRecords {
        var k = KnownRecords()
        for r in try Row.fetchAll(db, sql: "SELECT id, kind, name FROM stop") {
            k.stops[r[0]] = StopKind(rawValue: r[1])
            let name: String = r[2], id: String = r[0]
            k.stopNames[name] = k.stopNames[name] == nil ? .some(id) : .some(nil)
        }
        for r in try Row.fetchAll(db, sql: "SELECT code, name FROM division") { k.divisions.insert(r[0]); k.divisionNames[r[1]] = r[0] }
        for r in try Row.fetchAll(db, sql: "SELECT id, direction FROM route") { k.routes[r[0]] = Direction(rawValue: r[1]) }
        for r in try Row.fetchAll(db, sql: "SELECT id, plate FROM bus") { k.buses.insert(r[0]); k.plates[r[1]] = r[0] }
        for r in try Row.fetchAll(db, sql: "SELECT id, resident_id FROM driver") {
            k.drivers.insert(r[0]); if let rid: String = r[1] { k.driverResidentIDs[rid] = r[0] }
        }
        for r in try Row.fetchAll(db, sql: "SELECT id, resident_id FROM worker") { k.workers.insert(r[0]); k.workerResidentIDs[r[1]] = r[0] }
        for r in try Row.fetchAll(db, sql: "SELECT from_stop, to_stop FROM leg") { k.legs.insert("\(r[0] as String)>\(r[1] as String)") }
        return k
    }

    /// Parses and stores a batch of files in one transaction: `parse` receives what is already
    /// stored and hands the rows to the sink as it goes (each part written at once), then
    /// returns `.rejected` when any file had a bad row: the transaction is then rolled back and
    /// nothing is written. Returns the number of rows written per file.
    @discardableResult
    public func importBatch(replace: Bool, audit: AuditStamp,
                            parse: (KnownRecords, any ImportSink) throws -> ImportParseResult) throws -> [(file: String, rows: Int)] {
        struct Rejected: Error {}
        final class Sink: ImportSink {
            let db: Database, replace: Bool, audit: AuditStamp
            var counts: [(file: String, rows: Int)] = []
            var writing = 0.0
            init(db: Database, replace: Bool, audit: AuditStamp) { self.db = db; self.replace = replace; self.audit = audit }
            func rows(_ rows: ImportRows) throws {
                let t = Date(); defer { writing += Date().timeIntervalSince(t) }
                try SQLiteStore.insert(rows, db: db)
            }
            func endFile(kind: String, file: String, encoding: String, rows: Int) throws {
                let t = Date(); defer { writing += Date().timeIntervalSince(t) }
                try db.execute(sql: """
                    INSERT INTO import_log (kind, file, rows, encoding, replaced, imported_at, os_user, command)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [kind, file, rows, encoding, replace, audit.iso, audit.osUser, audit.command])
                counts.append((file, rows))
            }
        }
        var waited = 0.0, parsed: Date? = nil
        defer { lastImportWriteSeconds = waited + (parsed.map { Date().timeIntervalSince($0) } ?? 0) }
        do {
            return try write { db in
                let known = try Self.known(db)
                let restore = try Self.bulkCache(db)
                defer { restore() }
                let sink = Sink(db: db, replace: replace, audit: audit)
                let result = try parse(known, sink)
                waited = sink.writing
                guard result == .accepted else { throw Rejected() }
                parsed = Date()
                try Self.bumpDataVersion(db, what: "import of \(sink.counts.map(\.file).joined(separator: ", "))", audit: audit)
                return sink.counts
            }
        } catch is Rejected {
            return []
        }
    }

    static func insert(_ rows: ImportRows, db: Database) throws {
        switch rows {
        case .divisions(let divisions):
            let st = try db.cachedStatement(sql: """
                INSERT INTO division (code, name, parent) VALUES (?,?,?)
                ON CONFLICT(code) DO UPDATE SET name=excluded.name, parent=excluded.parent
                """)
            for d in divisions { try st.execute(arguments: [d.code, d.name, d.parent]) }
        case .stops(let stops):
            let st = try db.cachedStatement(sql: """
                INSERT INTO stop (id, name, kind, township, division_code, latitude, longitude, address) VALUES (?,?,?,?,?,?,?,?)
                ON CONFLICT(id) DO UPDATE SET name=excluded.name, kind=excluded.kind, township=excluded.township,
                division_code=excluded.division_code, latitude=excluded.latitude, longitude=excluded.longitude, address=excluded.address
                """)
            for s in stops {
                try st.execute(arguments: [s.id, s.name, s.kind.rawValue, s.township, s.divisionCode, s.latitude, s.longitude, s.address])
            }
        case .legs(let legs):
            let st = try db.cachedStatement(sql: """
                INSERT INTO leg (from_stop, to_stop, distance_km, minutes, road_class, both_ways) VALUES (?,?,?,?,?,?)
                ON CONFLICT(from_stop, to_stop) DO UPDATE SET distance_km=excluded.distance_km, minutes=excluded.minutes,
                road_class=excluded.road_class, both_ways=excluded.both_ways
                """)
            for l in legs { try st.execute(arguments: [l.from, l.to, l.distanceKm, l.minutes, l.roadClass.rawValue, l.bothWays]) }
        case .routes(let routes):
            let st = try db.cachedStatement(sql: """
                INSERT INTO route (id, name, direction, service_from, service_to, depart_earliest, depart_latest, rest_stops,
                max_pickup_stops, max_pickup_minutes, service_type, max_dropoff_stops, max_dropoff_minutes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT(id) DO UPDATE SET name=excluded.name, direction=excluded.direction, service_from=excluded.service_from,
                service_to=excluded.service_to, depart_earliest=excluded.depart_earliest, depart_latest=excluded.depart_latest,
                rest_stops=excluded.rest_stops, max_pickup_stops=excluded.max_pickup_stops, max_pickup_minutes=excluded.max_pickup_minutes,
                service_type=excluded.service_type, max_dropoff_stops=excluded.max_dropoff_stops, max_dropoff_minutes=excluded.max_dropoff_minutes
                """)
            for r in routes {
                try st.execute(arguments: [r.id, r.name, r.direction.rawValue, r.service.first.description, r.service.last.description,
                                           r.departEarliest.description, r.departLatest.description, r.restStops.joined(separator: ";"),
                                           r.maxPickupStops, r.maxPickupMinutes, r.serviceType.rawValue, r.maxDropoffStops, r.maxDropoffMinutes])
            }
        case .buses(let buses):
            let st = try db.cachedStatement(sql: """
                INSERT INTO bus (id, plate, seats, accessible_seats, depot_stop, available_from, available_to, operator) VALUES (?,?,?,?,?,?,?,?)
                ON CONFLICT(id) DO UPDATE SET plate=excluded.plate, seats=excluded.seats, accessible_seats=excluded.accessible_seats,
                depot_stop=excluded.depot_stop, available_from=excluded.available_from, available_to=excluded.available_to, operator=excluded.operator
                """)
            for b in buses {
                try st.execute(arguments: [b.id, b.plate, b.seats, b.accessibleSeats, b.depot, b.available.first.description,
                                           b.available.last.description, b.operatorName])
            }
        case .drivers(let drivers):
            let st = try db.cachedStatement(sql: """
                INSERT INTO driver (id, name, resident_id, phone, licence_class, licence_expiry, operator, home_depot, available_from, available_to)
                VALUES (?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT(id) DO UPDATE SET name=excluded.name, resident_id=excluded.resident_id, phone=excluded.phone,
                licence_class=excluded.licence_class, licence_expiry=excluded.licence_expiry, operator=excluded.operator,
                home_depot=excluded.home_depot, available_from=excluded.available_from, available_to=excluded.available_to
                """)
            for d in drivers {
                try st.execute(arguments: [d.id, d.name, d.residentID?.value, d.phone, d.licenceClass.rawValue, d.licenceExpiry.description,
                                           d.operatorName, d.homeDepot, d.available.first.description, d.available.last.description])
            }
        case .workers(let workers):
            let st = try db.cachedStatement(sql: """
                INSERT INTO worker (id, name, resident_id, phone, household_id, direction, earliest_date, latest_date, pickup_stop,
                dropoff_stop, employer, home_township, priority, accessible_seat, route_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT(id) DO UPDATE SET name=excluded.name, resident_id=excluded.resident_id, phone=excluded.phone,
                household_id=excluded.household_id, direction=excluded.direction, earliest_date=excluded.earliest_date,
                latest_date=excluded.latest_date, pickup_stop=excluded.pickup_stop, dropoff_stop=excluded.dropoff_stop,
                employer=excluded.employer, home_township=excluded.home_township, priority=excluded.priority,
                accessible_seat=excluded.accessible_seat, route_id=excluded.route_id
                """)
            for w in workers {
                let prio = w.priority.sorted().map(\.rawValue).joined(separator: ";")
                try st.execute(arguments: [w.id, w.name, w.residentID.value, w.phone, w.household, w.direction.rawValue,
                                           w.window.first.description, w.window.last.description, w.pickupStop, w.dropoffStop,
                                           w.employer, w.homeTownship, prio, w.needsAccessibleSeat, w.route])
            }
        }
    }
}
