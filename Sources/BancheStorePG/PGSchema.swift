import BancheStore

/// The PostgreSQL schema, as numbered, append-only migrations. Only `banche migrate` (the
/// administrator's role, which owns the tables) applies them; every other command checks that
/// the database is at `current` and refuses an older or newer one (exit 2).
///
/// Version 1 holds the tables of SQLite schema `v5-season` (Schema.swift), each with a
/// `county` column (the division code of the county office the row belongs to) leading
/// every key; version 2 adds the tenancy: row-level security, one policy per table; version 3
/// the divisions; version 4 closing by stop (SQLite `v7-stop-close`) and the purge's mark of
/// tables still to be rewritten; version 5 the check-in server's tables (SQLite `v8-serve`);
/// version 6 the policies' county once per statement; version 7 the references of workers,
/// buses and drivers checked once per statement instead of by per-row foreign keys; version 8
/// text compared byte by byte (as SQLite) and those checks over the statement's distinct keys.
enum PGSchema {
    /// The schema version this banche reads and writes.
    static var current: Int { migrations.count }

    /// Tables holding a county's rows: each has `county`, RLS on, the same policies.
    static var countyTables: [String] { versionEightTables + StoreSchema.changes.flatMap(\.changes).compactMap { c in
        if case .createTable(let t) = c { t.name } else { nil }
    } }
    /// The county tables migrations 1–8 made (fixed: pg6 and pg8 name them).
    static let versionEightTables = tenancyV2Tables + ["division", "boarding_stop_close", "boarding_reopen", "serve_token", "serve_user", "serve_audit"]
    /// The tables migration pg2 put under row-level security (fixed: it is history).
    static let tenancyV2Tables = [
        "stop", "leg", "route", "bus", "driver", "worker", "import_log", "plan", "trip", "trip_stop", "seat_assignment",
        "unplaced", "driver_duty", "boarding_record", "boarding_close", "boarding_outcome", "purge_log", "season_count",
        "data_version", "worker_event", "trip_publication", "purged_seat_count",
    ]

    static let migrations: [(name: String, sql: String)] = [
        ("pg1-tables (SQLite v5-season, per county)", """
        CREATE TABLE county (
          code TEXT PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
          role TEXT NOT NULL UNIQUE,
          created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        -- The county of the role running the statement (NULL for the administrator and the province).
        CREATE FUNCTION banche_county() RETURNS text LANGUAGE sql STABLE AS $$ SELECT code FROM county WHERE role = current_user $$;
        CREATE TABLE stop (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          id TEXT NOT NULL, name TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('township','factory','rest-area','depot')),
          township TEXT NOT NULL DEFAULT '', division_code TEXT,
          latitude DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
          longitude DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180),
          address TEXT NOT NULL DEFAULT '',
          PRIMARY KEY (county, id)
        );
        CREATE TABLE leg (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          from_stop TEXT NOT NULL, to_stop TEXT NOT NULL,
          distance_km DOUBLE PRECISION NOT NULL CHECK (distance_km > 0),
          minutes BIGINT NOT NULL CHECK (minutes > 0),
          road_class TEXT NOT NULL, both_ways BOOLEAN NOT NULL,
          PRIMARY KEY (county, from_stop, to_stop),
          FOREIGN KEY (county, from_stop) REFERENCES stop(county, id),
          FOREIGN KEY (county, to_stop) REFERENCES stop(county, id)
        );
        CREATE TABLE route (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          id TEXT NOT NULL, name TEXT NOT NULL,
          direction TEXT NOT NULL CHECK (direction IN ('to-work','to-home')),
          service_from TEXT NOT NULL, service_to TEXT NOT NULL,
          depart_earliest TEXT NOT NULL, depart_latest TEXT NOT NULL,
          rest_stops TEXT NOT NULL DEFAULT '',
          max_pickup_stops BIGINT, max_pickup_minutes BIGINT,
          service_type TEXT NOT NULL DEFAULT 'charter',
          max_dropoff_stops BIGINT, max_dropoff_minutes BIGINT,
          PRIMARY KEY (county, id)
        );
        CREATE TABLE bus (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          id TEXT NOT NULL, plate TEXT NOT NULL,
          seats BIGINT NOT NULL CHECK (seats > 0),
          accessible_seats BIGINT NOT NULL DEFAULT 0 CHECK (accessible_seats BETWEEN 0 AND seats),
          depot_stop TEXT, available_from TEXT NOT NULL, available_to TEXT NOT NULL,
          operator TEXT NOT NULL DEFAULT '',
          PRIMARY KEY (county, id), UNIQUE (county, plate),
          FOREIGN KEY (county, depot_stop) REFERENCES stop(county, id)
        );
        CREATE TABLE driver (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          id TEXT NOT NULL, name TEXT NOT NULL, resident_id TEXT, phone TEXT,
          licence_class TEXT NOT NULL, licence_expiry TEXT NOT NULL,
          operator TEXT NOT NULL DEFAULT '', home_depot TEXT,
          available_from TEXT NOT NULL, available_to TEXT NOT NULL,
          PRIMARY KEY (county, id), UNIQUE (county, resident_id),
          FOREIGN KEY (county, home_depot) REFERENCES stop(county, id)
        );
        CREATE TABLE worker (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          id TEXT NOT NULL, name TEXT NOT NULL, resident_id TEXT NOT NULL, phone TEXT, household_id TEXT,
          direction TEXT NOT NULL CHECK (direction IN ('to-work','to-home')),
          earliest_date TEXT NOT NULL, latest_date TEXT NOT NULL,
          pickup_stop TEXT NOT NULL, dropoff_stop TEXT NOT NULL,
          employer TEXT NOT NULL DEFAULT '', home_township TEXT NOT NULL DEFAULT '',
          priority TEXT NOT NULL DEFAULT '', accessible_seat BOOLEAN NOT NULL DEFAULT false,
          route_id TEXT, cancelled_at TEXT, cancel_reason TEXT,
          PRIMARY KEY (county, id), UNIQUE (county, resident_id),
          FOREIGN KEY (county, pickup_stop) REFERENCES stop(county, id),
          FOREIGN KEY (county, dropoff_stop) REFERENCES stop(county, id),
          FOREIGN KEY (county, route_id) REFERENCES route(county, id)
        );
        CREATE INDEX worker_household ON worker(county, household_id);
        CREATE TABLE import_log (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          kind TEXT NOT NULL, file TEXT NOT NULL, rows BIGINT NOT NULL, encoding TEXT NOT NULL,
          replaced BOOLEAN NOT NULL, imported_at TEXT NOT NULL, os_user TEXT NOT NULL, command TEXT NOT NULL
        );
        -- Plan versions are numbered across the province (one sequence): a county sees its own.
        CREATE TABLE plan (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          version BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          created_at TEXT NOT NULL, direction TEXT NOT NULL, dates TEXT NOT NULL,
          workers_placed BIGINT NOT NULL, workers_unplaced BIGINT NOT NULL, trips BIGINT NOT NULL,
          lower_bound_trips BIGINT NOT NULL, bus_km DOUBLE PRECISION NOT NULL, summary_json TEXT NOT NULL,
          os_user TEXT NOT NULL, command TEXT NOT NULL
        );
        CREATE INDEX plan_county ON plan(county, direction, version);
        CREATE TABLE trip (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          plan_version BIGINT NOT NULL REFERENCES plan(version) ON DELETE CASCADE,
          trip_id TEXT NOT NULL, route_id TEXT NOT NULL, bus_id TEXT NOT NULL, plate TEXT NOT NULL,
          seats BIGINT NOT NULL, service_date TEXT NOT NULL, departure TEXT NOT NULL, arrival TEXT NOT NULL,
          bus_km DOUBLE PRECISION NOT NULL, passengers BIGINT NOT NULL, usable_seats BIGINT,
          PRIMARY KEY (plan_version, trip_id)
        );
        CREATE INDEX trip_by_id ON trip(county, trip_id);
        CREATE TABLE trip_stop (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          plan_version BIGINT NOT NULL, trip_id TEXT NOT NULL, seq BIGINT NOT NULL, stop_id TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('pickup','dropoff','rest','halt')),
          arrive TEXT NOT NULL, depart TEXT NOT NULL,
          boarding BIGINT NOT NULL DEFAULT 0, alighting BIGINT NOT NULL DEFAULT 0,
          km DOUBLE PRECISION NOT NULL DEFAULT 0,
          PRIMARY KEY (plan_version, trip_id, seq),
          FOREIGN KEY (plan_version, trip_id) REFERENCES trip(plan_version, trip_id) ON DELETE CASCADE
        );
        CREATE TABLE seat_assignment (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          plan_version BIGINT NOT NULL, trip_id TEXT NOT NULL, seat BIGINT NOT NULL CHECK (seat > 0),
          worker_id TEXT NOT NULL, pickup_stop TEXT NOT NULL, dropoff_stop TEXT NOT NULL,
          PRIMARY KEY (plan_version, trip_id, seat), UNIQUE (plan_version, worker_id),
          FOREIGN KEY (plan_version, trip_id) REFERENCES trip(plan_version, trip_id) ON DELETE CASCADE
        );
        CREATE INDEX seat_assignment_worker ON seat_assignment(county, worker_id);
        CREATE TABLE unplaced (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          plan_version BIGINT NOT NULL REFERENCES plan(version) ON DELETE CASCADE,
          worker_id TEXT NOT NULL, reason TEXT NOT NULL, message TEXT NOT NULL,
          PRIMARY KEY (plan_version, worker_id)
        );
        CREATE TABLE driver_duty (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          plan_version BIGINT NOT NULL REFERENCES plan(version) ON DELETE CASCADE,
          seq BIGINT NOT NULL, driver_id TEXT NOT NULL,
          activity TEXT NOT NULL CHECK (activity IN ('drive','break','other_work','available','rest')),
          start TEXT NOT NULL, "end" TEXT NOT NULL, vehicle_id TEXT, trip_id TEXT, trip_km DOUBLE PRECISION,
          relay BOOLEAN NOT NULL DEFAULT false, service TEXT NOT NULL DEFAULT 'charter', place TEXT,
          PRIMARY KEY (plan_version, seq)
        );
        CREATE TABLE boarding_record (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          plan_version BIGINT NOT NULL, trip_id TEXT NOT NULL, worker_id TEXT, step TEXT NOT NULL, value TEXT,
          at TEXT NOT NULL, recorded_at TEXT NOT NULL, os_user TEXT NOT NULL, command TEXT NOT NULL
        );
        CREATE INDEX boarding_trip ON boarding_record(plan_version, trip_id);
        CREATE TABLE boarding_close (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          trip_id TEXT NOT NULL, plan_version BIGINT NOT NULL, service_date TEXT NOT NULL, checklist TEXT NOT NULL,
          closed_at TEXT NOT NULL, os_user TEXT NOT NULL, command TEXT NOT NULL,
          PRIMARY KEY (county, trip_id)
        );
        CREATE TABLE boarding_outcome (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          trip_id TEXT NOT NULL, worker_id TEXT NOT NULL,
          outcome TEXT NOT NULL CHECK (outcome IN ('boarded','released')), service_date TEXT NOT NULL,
          PRIMARY KEY (county, trip_id, worker_id),
          FOREIGN KEY (county, trip_id) REFERENCES boarding_close(county, trip_id)
        );
        CREATE TABLE purge_log (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          before TEXT NOT NULL, workers BIGINT NOT NULL, drivers BIGINT NOT NULL, boarding_records BIGINT NOT NULL,
          purged_at TEXT NOT NULL, os_user TEXT NOT NULL, command TEXT NOT NULL
        );
        CREATE TABLE season_count (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          purge_id BIGINT NOT NULL REFERENCES purge_log(id),
          direction TEXT NOT NULL, last_travel_date TEXT NOT NULL, home_township TEXT NOT NULL,
          workers BIGINT NOT NULL, poverty_alleviated BIGINT NOT NULL, disability BIGINT NOT NULL,
          employer TEXT NOT NULL DEFAULT '', priority TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE data_version (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          scope TEXT NOT NULL, counter BIGINT NOT NULL, last_change TEXT NOT NULL,
          PRIMARY KEY (county, scope)
        );
        CREATE TABLE worker_event (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          worker_id TEXT NOT NULL, event TEXT NOT NULL CHECK (event IN ('cancel','restore')), reason TEXT,
          at TEXT NOT NULL, os_user TEXT NOT NULL, command TEXT NOT NULL
        );
        CREATE TABLE trip_publication (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          trip_id TEXT NOT NULL, plan_version BIGINT NOT NULL, published_at TEXT NOT NULL,
          os_user TEXT NOT NULL, command TEXT NOT NULL,
          PRIMARY KEY (county, trip_id)
        );
        CREATE TABLE purged_seat_count (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          purge_id BIGINT NOT NULL REFERENCES purge_log(id),
          plan_version BIGINT NOT NULL, trip_id TEXT NOT NULL, home_township TEXT NOT NULL,
          employer TEXT NOT NULL, priority TEXT NOT NULL, people BIGINT NOT NULL
        );
        """),
        ("pg2-tenancy (row-level security per county)", tenancySQL(tenancyV2Tables, roles: true)),
        ("pg3-divisions (the county's townships, SQLite v6-divisions)", """
        CREATE TABLE division (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          code TEXT NOT NULL, name TEXT NOT NULL, parent TEXT,
          PRIMARY KEY (county, code)
        );
        """ + tenancySQL(["division"], roles: false) + grantsToCountyRoles(["division"])),
        ("pg4-stop-close (SQLite v7-stop-close; purges wait for VACUUM FULL)", """
        -- An outcome now comes from a trip's close (stop_id NULL) or from one stop's close, which
        -- happens before the trip has a boarding_close row: that key goes.
        ALTER TABLE boarding_outcome DROP CONSTRAINT boarding_outcome_county_trip_id_fkey;
        ALTER TABLE boarding_outcome ADD COLUMN stop_id TEXT;
        -- One pickup stop of a trip closed: its passengers' outcomes are frozen.
        CREATE TABLE boarding_stop_close (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          trip_id TEXT NOT NULL, stop_id TEXT NOT NULL, plan_version BIGINT NOT NULL, service_date TEXT NOT NULL,
          checklist TEXT NOT NULL, closed_at TEXT NOT NULL, os_user TEXT NOT NULL, command TEXT NOT NULL,
          PRIMARY KEY (county, trip_id, stop_id)
        );
        -- A close undone (`board reopen`): what it had frozen, kept for the history.
        CREATE TABLE boarding_reopen (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          trip_id TEXT NOT NULL, stop_id TEXT, closed_at TEXT NOT NULL, boarded BIGINT NOT NULL, released BIGINT NOT NULL,
          reopened_at TEXT NOT NULL, os_user TEXT NOT NULL, command TEXT NOT NULL
        );
        -- When VACUUM FULL rewrote the tables a purge deleted from (NULL: not yet; docs/province.md).
        ALTER TABLE purge_log ADD COLUMN vacuumed_at TEXT;
        """ + tenancySQL(["boarding_stop_close", "boarding_reopen"], roles: false) + grantsToCountyRoles(["boarding_stop_close", "boarding_reopen"])
            + maintainGrants(role: nil)),
        ("pg5-serve (the check-in server, SQLite v8-serve)", """
        -- Who recorded a record ('token:ID', 'user:NAME'; NULL from the command line), and the
        -- id a phone gave it, unique in the county, so that a record sent twice is stored once.
        ALTER TABLE boarding_record ADD COLUMN recorded_by TEXT;
        ALTER TABLE boarding_record ADD COLUMN client_record_id TEXT;
        CREATE UNIQUE INDEX boarding_record_client ON boarding_record(county, client_record_id) WHERE client_record_id IS NOT NULL;
        -- A link for the staff of one trip (and stop): only the SHA-256 of the secret is kept.
        CREATE TABLE serve_token (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          id TEXT NOT NULL, secret_sha256 TEXT NOT NULL UNIQUE, trip_id TEXT NOT NULL, stop_id TEXT,
          created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT, os_user TEXT NOT NULL, command TEXT NOT NULL,
          PRIMARY KEY (county, id)
        );
        -- An office user of the county: PBKDF2-SHA256 hash of the password (docs/checkin.md).
        CREATE TABLE serve_user (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          name TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL, os_user TEXT NOT NULL, command TEXT NOT NULL,
          PRIMARY KEY (county, name)
        );
        -- Every write the server refused or made besides a boarding record.
        CREATE TABLE serve_audit (
          county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code),
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, trip_id TEXT, outcome TEXT NOT NULL, detail TEXT NOT NULL
        );
        """ + tenancySQL(["serve_token", "serve_user", "serve_audit"], roles: false) + grantsToCountyRoles(["serve_token", "serve_user", "serve_audit"])),
        ("pg6-policies (the county looked up once per statement, not per row)",
         policiesOncePerStatement(versionEightTables)),
        ("pg7-references (the bulk tables' references checked once per statement, not per row)", referencesPerStatement),
        ("pg8-bytewise (text compared byte by byte, as SQLite does; reference checks over distinct keys)", bytewiseAndDistinctKeys),
    ] + sharedMigrations

    /// `StoreSchema.changes`, each one PostgreSQL migration after version 8.
    static var sharedMigrations: [(name: String, sql: String)] {
        var out: [(name: String, sql: String)] = []
        for (i, step) in StoreSchema.changes.enumerated() {
            let sql: String = step.changes.map { PGSchema.sql($0) }.joined(separator: "\n")
            out.append(("pg\(9 + i)-\(step.name) (StoreSchema.changes[\(i)], SQLite s\(i + 1))", sql))
        }
        return out
    }

    /// The references of the tables an import or a plan's save fills in bulk, checked once per statement over all
    /// its rows (triggers with transition tables) instead of by one trigger query per row and
    /// foreign key: those queries were 60 % of the time of a 100,000-worker import as a county
    /// role (docs/performance.md). Each reference: (table, column, target table, target column).
    /// A row's non-null key must exist in the target (the target rows are locked `FOR KEY SHARE`
    /// as a foreign key locks them, so a concurrent deletion waits and is then refused), and a
    /// target row cannot go or change its key while a row still refers to it. Refusals have the
    /// foreign keys' SQLSTATE, 23503. `worker.county → county` was implied by its stops'. Like a
    /// foreign key's checks, the functions run as the tables' owner (SECURITY DEFINER, a fixed
    /// search_path): a county role may not lock `county` rows; row-level security still decides
    /// which rows the statement itself may write, and a check only looks at keys of the row's
    /// own county.
    static let statementReferences: [(table: String, column: String, target: String, key: String)] = [
        ("worker", "pickup_stop", "stop", "id"), ("worker", "dropoff_stop", "stop", "id"), ("worker", "route_id", "route", "id"),
        ("bus", "county", "county", "code"), ("bus", "depot_stop", "stop", "id"),
        ("driver", "county", "county", "code"), ("driver", "home_depot", "stop", "id"),
        // What a plan's save writes in bulk (a trip's own key to its plan stays a foreign key, with its cascade).
        ("trip", "county", "county", "code"), ("trip_stop", "county", "county", "code"),
        ("seat_assignment", "county", "county", "code"), ("unplaced", "county", "county", "code"),
        ("driver_duty", "county", "county", "code"),
    ]
    /// How a refusal names the row: its id, or what stands for one.
    static let rowLabel = ["worker": "id", "bus": "id", "driver": "id", "trip": "trip_id", "trip_stop": "trip_id",
                           "seat_assignment": "worker_id", "unplaced": "worker_id", "driver_duty": "driver_id"]
    /// The tables checked, in the list's order.
    static var statementCheckedTables: [String] {
        statementReferences.map(\.table).reduce(into: []) { tables, t in if !tables.contains(t) { tables.append(t) } }
    }

    static var referencesPerStatement: String {
        var sql = """
        ALTER TABLE worker DROP CONSTRAINT worker_county_fkey, DROP CONSTRAINT worker_county_pickup_stop_fkey,
          DROP CONSTRAINT worker_county_dropoff_stop_fkey, DROP CONSTRAINT worker_county_route_id_fkey;
        ALTER TABLE bus DROP CONSTRAINT bus_county_fkey, DROP CONSTRAINT bus_county_depot_stop_fkey;
        ALTER TABLE driver DROP CONSTRAINT driver_county_fkey, DROP CONSTRAINT driver_county_home_depot_fkey;
        ALTER TABLE trip DROP CONSTRAINT trip_county_fkey;
        ALTER TABLE trip_stop DROP CONSTRAINT trip_stop_county_fkey;
        ALTER TABLE seat_assignment DROP CONSTRAINT seat_assignment_county_fkey;
        ALTER TABLE unplaced DROP CONSTRAINT unplaced_county_fkey;
        ALTER TABLE driver_duty DROP CONSTRAINT driver_duty_county_fkey;
        -- No statement reads workers by household (the planner loads a county's workers whole).
        DROP INDEX worker_household;

        """
        for table in statementCheckedTables {
            sql += statementTriggers("\(table)_references", on: table, events: ["insert", "update"], transition: "NEW TABLE AS banche_new",
                                     body: referenceChecks(table, rows: "banche_new n"))
        }
        for target in ["stop", "route", "county"] {
            let refs = statementReferences.filter { $0.target == target }
            let key = refs[0].key
            let same = target == "county" ? "t.code = o.code" : "t.county = o.county AND t.id = o.id"
            var body = ""
            for r in refs {
                let on = target == "county" ? "x.county = o.code" : "x.county = o.county AND x.\(r.column) = o.id"
                body += """
                  SELECT o.\(key) AS k, \(target == "county" ? "o.code" : "o.county") AS county, x.\(rowLabel[r.table]!) AS user_id INTO bad FROM banche_old o JOIN \(r.table) x ON \(on)
                   WHERE NOT EXISTS (SELECT 1 FROM \(target) t WHERE \(same)) LIMIT 1;
                  IF FOUND THEN
                    RAISE foreign_key_violation USING MESSAGE = format('\(target) %s is still the \(r.column) of \(r.table) %s', bad.k, bad.user_id),
                      DETAIL = format('Key (%s)=(%s) is still referenced from table "\(r.table)".', '\(target == "county" ? "code" : "county, id")', \(target == "county" ? "bad.k" : "bad.county || ', ' || bad.k")),
                      TABLE = '\(target)', CONSTRAINT = '\(constraintName(r))';
                  END IF;

                """
            }
            // Most updates keep the key (an import's upsert renames a stop): nothing gone, done.
            let nothingGone = """
              IF NOT EXISTS (SELECT 1 FROM banche_old o WHERE NOT EXISTS (SELECT 1 FROM \(target) t WHERE \(same))) THEN
                RETURN NULL;
              END IF;

            """
            sql += statementTriggers("\(target)_in_use", on: target, events: ["delete", "update"], transition: "OLD TABLE AS banche_old", body: nothingGone + body)
        }
        return sql
    }

    /// The checks of one table's references over `rows` (an alias `n` with the table's
    /// columns): a lock of every target row referred to, then the first missing key raised as
    /// a foreign key would. pg7 reads the statement's rows; pg8 their distinct keys.
    static func referenceChecks(_ table: String, rows: String) -> String {
        let refs = statementReferences.filter { $0.table == table }
        let label = rowLabel[table]!
        var body = ""
        for target in Set(refs.map(\.target)).sorted() {
            let cols = refs.filter { $0.target == target }
            // One lock of every target row the statement refers to (a hashed IN, not a loop).
            if target == "county" {
                body += "  PERFORM 1 FROM county t WHERE t.code IN (SELECT n.county FROM \(rows)) FOR KEY SHARE OF t;\n"
            } else {
                let keys = cols.map { "SELECT n.county, n.\($0.column) FROM \(rows) WHERE n.\($0.column) IS NOT NULL" }.joined(separator: " UNION ")
                body += "  PERFORM 1 FROM \(target) t WHERE (t.county, t.id) IN (\(keys)) FOR KEY SHARE OF t;\n"
            }
            for r in cols {
                let missing = target == "county"
                    ? "n.county NOT IN (SELECT t.code FROM county t)"
                    : "n.\(r.column) IS NOT NULL AND (n.county, n.\(r.column)) NOT IN (SELECT t.county, t.id FROM \(target) t)"
                body += """
                  SELECT n.county, n.\(label) AS id, n.\(r.column) AS v INTO bad FROM \(rows) WHERE \(missing) LIMIT 1;
                  IF FOUND THEN
                    RAISE foreign_key_violation USING MESSAGE = format('\(table) %s: \(r.column) %s is not a \(target) of county %s', bad.id, bad.v, bad.county),
                      DETAIL = format('Key (\(keyColumns(r)))=(%s) is not present in table "\(target)".', \(keyValues(r, "bad.v"))),
                      TABLE = '\(table)', COLUMN = '\(r.column)', CONSTRAINT = '\(constraintName(r))';
                  END IF;

                """
            }
        }
        return body
    }

    /// pg8. Every text column of a county's tables but `county` itself compares byte by byte
    /// (`COLLATE "C"`), whatever locale the database was created with: the order and equality
    /// of SQLite's BINARY, which the stores' parity rests on, and keys compared by `memcmp`
    /// instead of the locale's rules. With the locale C.UTF-8 a 100,000-worker insert spent
    /// 0.6 s of 1.5 s comparing ids and resident IDs in its indexes (docs/performance.md).
    /// (`county` is left as it is: the policies name it, and its values are digits.)
    /// The reference checks of pg7 read the statement's distinct keys (county and referring
    /// columns, one row each: a few thousand for 100,000 workers) instead of every row five
    /// times; same refusals.
    static var bytewiseAndDistinctKeys: String {
        let tables = versionEightTables.map { "'\($0)'" }.joined(separator: ", ")
        var sql = """
        DO $$ DECLARE r RECORD; BEGIN
          FOR r IN SELECT c.table_name AS t, string_agg(format('ALTER COLUMN %I TYPE text COLLATE "C"', c.column_name), ', ' ORDER BY c.ordinal_position) AS alters
                     FROM information_schema.columns c
                    WHERE c.table_schema = current_schema() AND c.data_type = 'text' AND c.column_name <> 'county'
                      AND c.table_name IN (\(tables))
                    GROUP BY c.table_name ORDER BY c.table_name LOOP
            EXECUTE format('ALTER TABLE %I ', r.t) || r.alters;
          END LOOP;
        END $$;

        """
        for table in statementCheckedTables {
            let cols = statementReferences.filter { $0.table == table && $0.column != "county" }.map(\.column)
            let label = rowLabel[table]!
            let arrays = ["k_county", "k_label"] + cols.indices.map { "k_\($0 + 1)" }
            let grouped = (["n.county"] + cols.map { "n.\($0)" }).joined(separator: ", ")
            let body = """
              SELECT \((["g.county", "g.label"] + cols.map { "g.\($0)" }).map { "array_agg(\($0))" }.joined(separator: ", ")) INTO \(arrays.joined(separator: ", "))
                FROM (SELECT n.county, min(n.\(label)) AS label\(cols.map { ", n.\($0)" }.joined()) FROM banche_new n GROUP BY \(grouped)) g;

            """ + referenceChecks(table, rows: "unnest(\(arrays.joined(separator: ", "))) AS n(\((["county", label] + cols).joined(separator: ", ")))")
            sql += statementFunction("\(table)_references", replace: true, body: body,
                                     declare: arrays.map { "\($0) text[]\($0 == "k_county" ? "" : " COLLATE \"C\"");" }.joined(separator: " "))
        }
        return sql
    }

    /// A change described once (`StoreSchema.Change`) in PostgreSQL's dialect: a new table leads
    /// with `county`, keys with it, text compares byte by byte, and the table is under the
    /// same row-level security and grants as every county table.
    static func sql(_ change: StoreSchema.Change) -> String {
        func type(_ k: StoreSchema.Kind) -> String {
            switch k {
            case .text: "TEXT COLLATE \"C\""
            case .real: "DOUBLE PRECISION"
            case .bool: "BOOLEAN"
            case .int, .version, .purge: "BIGINT"
            case .serial: "BIGINT GENERATED ALWAYS AS IDENTITY"
            }
        }
        switch change {
        case .createTable(let t):
            var lines = ["county TEXT NOT NULL DEFAULT banche_county() REFERENCES county(code)"]
            lines += t.columns.map { c in
                c.kind == .serial ? "\(c.name) \(type(c.kind)) PRIMARY KEY" : "\(c.name) \(type(c.kind))\(c.nullable ? "" : " NOT NULL")"
            }
            if !t.primaryKey.isEmpty && !t.columns.contains(where: { $0.kind == .serial }) { lines.append("PRIMARY KEY (county, \(t.primaryKey.joined(separator: ", ")))") }
            return "CREATE TABLE \(t.name) (\n  \(lines.joined(separator: ",\n  "))\n);\n"
                + tenancySQL([t.name], roles: false) + policiesOncePerStatement([t.name]) + grantsToCountyRoles([t.name])
        case .addColumn(let table, let name, let kind, let nullable, let d):
            return "ALTER TABLE \(table) ADD COLUMN \(name) \(type(kind))\(nullable ? "" : " NOT NULL")\(d.map { " DEFAULT " + $0.literal(true: "true", false: "false") } ?? "");\n"
        case .createIndex(let name, let table, let columns, let unique):
            return "CREATE \(unique ? "UNIQUE " : "")INDEX \(name) ON \(table)(county, \(columns.joined(separator: ", ")));\n"
        case .data(_, let sql):
            return sql + "\n"
        }
    }

    /// The name of the foreign key a reference replaced (pg1's), so that a client reading an
    /// error's constraint name sees the same one.
    static func constraintName(_ r: (table: String, column: String, target: String, key: String)) -> String {
        r.target == "county" ? "\(r.table)_county_fkey" : "\(r.table)_county_\(r.column)_fkey"
    }
    static func keyColumns(_ r: (table: String, column: String, target: String, key: String)) -> String {
        r.target == "county" ? "county" : "county, \(r.column)"
    }
    static func keyValues(_ r: (table: String, column: String, target: String, key: String), _ value: String) -> String {
        r.target == "county" ? "bad.county" : "bad.county || ', ' || \(value)"
    }

    /// A trigger function `banche_NAME` running `body` as the tables' owner, fired once per
    /// statement for each of `events` on `table` with the statement's rows as `transition`.
    static func statementTriggers(_ name: String, on table: String, events: [String], transition: String, body: String) -> String {
        var sql = statementFunction(name, replace: false, body: body)
        for e in events {
            sql += "CREATE TRIGGER \(name)_\(e) AFTER \(e.uppercased()) ON \(table) REFERENCING \(transition) FOR EACH STATEMENT EXECUTE FUNCTION banche_\(name)();\n"
        }
        return sql + "\n"
    }

    /// The function `banche_NAME` of a statement trigger, run as the tables' owner; `declare`:
    /// variables besides `bad`; `replace`: a later version's body for an existing function.
    static func statementFunction(_ name: String, replace: Bool, body: String, declare: String = "") -> String {
        """
        CREATE \(replace ? "OR REPLACE " : "")FUNCTION banche_\(name)() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
        DECLARE bad RECORD;\(declare.isEmpty ? "" : " " + declare)
        BEGIN
        \(body)  RETURN NULL;
        END $f$;

        """
    }

    /// Tables whose rows an identity column numbers (a bulk insert keeps their order).
    static let identityTables: Set<String> = ["import_log", "plan", "boarding_record", "purge_log", "worker_event", "boarding_reopen", "serve_audit"]

    /// The tables a purge deletes from; `VACUUM FULL` rewrites them afterwards.
    static let purgedTables = ["worker", "worker_event", "boarding_record", "driver"]

    /// From PostgreSQL 17 the MAINTAIN privilege lets a county role `VACUUM FULL` the tables its
    /// purge deleted from (before 17 only their owner may; docs/province.md). `role` nil: every
    /// county role there is. Nothing on an older server.
    static func maintainGrants(role: String?) -> String {
        let list = purgedTables.joined(separator: ", ")
        let roles = role.map { "SELECT '\($0)'::text AS role" } ?? "SELECT role FROM county"
        return """
        DO $$ DECLARE r RECORD; BEGIN
          IF current_setting('server_version_num')::int >= 170000 THEN
            FOR r IN \(roles) LOOP
              EXECUTE format('GRANT MAINTAIN ON \(list) TO %I', r.role);
            END LOOP;
          END IF;
        END $$;

        """
    }

    /// The policies of pg2/pg3 call `banche_county()` (a query of `county`) for every row a
    /// statement reads or writes; as a scalar subquery it is an InitPlan, evaluated once per
    /// statement. Same rows allowed and refused; a 100,000-row insert as a county role went
    /// from 6.1 s to 3.4 s (docs/performance.md). Tables added later take this form.
    static func policiesOncePerStatement(_ tables: [String]) -> String {
        tables.map { t in
            "ALTER POLICY own_county ON \(t) USING (county = (SELECT banche_county())) WITH CHECK (county = (SELECT banche_county()));\n"
        }.joined()
    }

    /// Tables created after a county was added are granted to the county roles there are.
    static func grantsToCountyRoles(_ tables: [String]) -> String {
        let list = tables.joined(separator: ", ")
        return """
        DO $$ DECLARE r RECORD; BEGIN
          FOR r IN SELECT role FROM county LOOP
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON \(list) TO %I', r.role);
          END LOOP;
        END $$;

        """
    }

    /// Row-level security: a county role sees and writes only rows of its county; members of
    /// `banche_province` read every county. The table owner (the administrator) is not
    /// subject to the policies; no county office is given that role.
    static func tenancySQL(_ tables: [String], roles: Bool) -> String {
        guard roles else { return tables.map(policies).joined() }
        var s = """
        -- One role for the whole server (roles are not per database): created by the first database.
        DO $$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'banche_province') THEN CREATE ROLE banche_province NOLOGIN; END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$;
        ALTER TABLE county ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_county ON county FOR SELECT USING (role = current_user);
        CREATE POLICY province_reads ON county FOR SELECT TO banche_province USING (true);
        GRANT SELECT ON county TO banche_province;

        """
        for t in tables { s += policies(t) }
        return s
    }

    static func policies(_ t: String) -> String {
        """
        ALTER TABLE \(t) ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_county ON \(t) USING (county = banche_county()) WITH CHECK (county = banche_county());
        CREATE POLICY province_reads ON \(t) FOR SELECT TO banche_province USING (true);
        GRANT SELECT ON \(t) TO banche_province;

        """
    }
}
