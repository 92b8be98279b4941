import GRDB

/// The database schema: one `DatabaseMigrator` with named, append-only migrations.
/// A migration, once released, is never edited: add a new one.
enum Schema {
    /// The first migration: a file that has it is a banche database (possibly older).
    static let firstMigration = "v1-scenario-and-plans"

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration(firstMigration) { db in
            try db.execute(sql: """
            CREATE TABLE stop (
              id TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('township','factory','rest-area','depot')),
              township TEXT NOT NULL DEFAULT '',
              division_code TEXT,
              latitude REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
              longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
              address TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE leg (
              from_stop TEXT NOT NULL REFERENCES stop(id),
              to_stop TEXT NOT NULL REFERENCES stop(id),
              distance_km REAL NOT NULL CHECK (distance_km > 0),
              minutes INTEGER NOT NULL CHECK (minutes > 0),
              road_class TEXT NOT NULL,
              both_ways INTEGER NOT NULL,
              PRIMARY KEY (from_stop, to_stop)
            );
            CREATE TABLE route (
              id TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              direction TEXT NOT NULL CHECK (direction IN ('to-work','to-home')),
              service_from TEXT NOT NULL,
              service_to TEXT NOT NULL,
              depart_earliest TEXT NOT NULL,
              depart_latest TEXT NOT NULL,
              rest_stops TEXT NOT NULL DEFAULT '',
              max_pickup_stops INTEGER,
              max_pickup_minutes INTEGER
            );
            CREATE TABLE bus (
              id TEXT PRIMARY KEY NOT NULL,
              plate TEXT NOT NULL UNIQUE,
              seats INTEGER NOT NULL CHECK (seats > 0),
              accessible_seats INTEGER NOT NULL DEFAULT 0 CHECK (accessible_seats BETWEEN 0 AND seats),
              depot_stop TEXT REFERENCES stop(id),
              available_from TEXT NOT NULL,
              available_to TEXT NOT NULL,
              operator TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE driver (
              id TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              resident_id TEXT UNIQUE,
              phone TEXT,
              licence_class TEXT NOT NULL,
              licence_expiry TEXT NOT NULL,
              operator TEXT NOT NULL DEFAULT '',
              home_depot TEXT REFERENCES stop(id),
              available_from TEXT NOT NULL,
              available_to TEXT NOT NULL
            );
            CREATE TABLE worker (
              id TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              resident_id TEXT NOT NULL UNIQUE,
              phone TEXT,
              household_id TEXT,
              direction TEXT NOT NULL CHECK (direction IN ('to-work','to-home')),
              earliest_date TEXT NOT NULL,
              latest_date TEXT NOT NULL,
              pickup_stop TEXT NOT NULL REFERENCES stop(id),
              dropoff_stop TEXT NOT NULL REFERENCES stop(id),
              employer TEXT NOT NULL DEFAULT '',
              home_township TEXT NOT NULL DEFAULT '',
              priority TEXT NOT NULL DEFAULT '',
              accessible_seat INTEGER NOT NULL DEFAULT 0,
              route_id TEXT REFERENCES route(id)
            );
            CREATE INDEX worker_household ON worker(household_id);
            CREATE TABLE import_log (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              kind TEXT NOT NULL,
              file TEXT NOT NULL,
              rows INTEGER NOT NULL,
              encoding TEXT NOT NULL,
              replaced INTEGER NOT NULL,
              imported_at TEXT NOT NULL,
              os_user TEXT NOT NULL,
              command TEXT NOT NULL
            );
            -- Plans are versions: a new plan never overwrites an old one. Plan tables keep
            -- worker and bus ids as text (no foreign key) so a later --replace import
            -- cannot break an old version.
            CREATE TABLE plan (
              version INTEGER PRIMARY KEY AUTOINCREMENT,
              created_at TEXT NOT NULL,
              direction TEXT NOT NULL,
              dates TEXT NOT NULL,
              workers_placed INTEGER NOT NULL,
              workers_unplaced INTEGER NOT NULL,
              trips INTEGER NOT NULL,
              lower_bound_trips INTEGER NOT NULL,
              bus_km REAL NOT NULL,
              summary_json TEXT NOT NULL,
              os_user TEXT NOT NULL,
              command TEXT NOT NULL
            );
            CREATE TABLE trip (
              plan_version INTEGER NOT NULL REFERENCES plan(version) ON DELETE CASCADE,
              trip_id TEXT NOT NULL,
              route_id TEXT NOT NULL,
              bus_id TEXT NOT NULL,
              plate TEXT NOT NULL,
              seats INTEGER NOT NULL,
              service_date TEXT NOT NULL,
              departure TEXT NOT NULL,
              arrival TEXT NOT NULL,
              bus_km REAL NOT NULL,
              passengers INTEGER NOT NULL,
              PRIMARY KEY (plan_version, trip_id)
            );
            CREATE TABLE trip_stop (
              plan_version INTEGER NOT NULL,
              trip_id TEXT NOT NULL,
              seq INTEGER NOT NULL,
              stop_id TEXT NOT NULL,
              role TEXT NOT NULL CHECK (role IN ('pickup','dropoff','rest','halt')),
              arrive TEXT NOT NULL,
              depart TEXT NOT NULL,
              boarding INTEGER NOT NULL DEFAULT 0,
              alighting INTEGER NOT NULL DEFAULT 0,
              PRIMARY KEY (plan_version, trip_id, seq),
              FOREIGN KEY (plan_version, trip_id) REFERENCES trip(plan_version, trip_id) ON DELETE CASCADE
            );
            CREATE TABLE seat_assignment (
              plan_version INTEGER NOT NULL,
              trip_id TEXT NOT NULL,
              seat INTEGER NOT NULL CHECK (seat > 0),
              worker_id TEXT NOT NULL,
              pickup_stop TEXT NOT NULL,
              dropoff_stop TEXT NOT NULL,
              PRIMARY KEY (plan_version, trip_id, seat),
              UNIQUE (plan_version, worker_id),
              FOREIGN KEY (plan_version, trip_id) REFERENCES trip(plan_version, trip_id) ON DELETE CASCADE
            );
            CREATE TABLE unplaced (
              plan_version INTEGER NOT NULL REFERENCES plan(version) ON DELETE CASCADE,
              worker_id TEXT NOT NULL,
              reason TEXT NOT NULL,
              message TEXT NOT NULL,
              PRIMARY KEY (plan_version, worker_id)
            );
            CREATE TABLE driver_duty (
              plan_version INTEGER NOT NULL REFERENCES plan(version) ON DELETE CASCADE,
              seq INTEGER NOT NULL,
              driver_id TEXT NOT NULL,
              activity TEXT NOT NULL CHECK (activity IN ('drive','break','other_work','available','rest')),
              start TEXT NOT NULL,
              "end" TEXT NOT NULL,
              vehicle_id TEXT,
              trip_id TEXT,
              trip_km REAL,
              relay INTEGER NOT NULL DEFAULT 0,
              PRIMARY KEY (plan_version, seq)
            );
            CREATE TABLE boarding_record (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              plan_version INTEGER NOT NULL,
              trip_id TEXT NOT NULL,
              worker_id TEXT,
              step TEXT NOT NULL,
              value TEXT,
              at TEXT NOT NULL,
              recorded_at TEXT NOT NULL,
              os_user TEXT NOT NULL,
              command TEXT NOT NULL
            );
            CREATE INDEX boarding_trip ON boarding_record(plan_version, trip_id);
            """)
        }
        m.registerMigration("v2-boarding-close") { db in
            try db.execute(sql: """
            CREATE TABLE boarding_close (
              trip_id TEXT PRIMARY KEY NOT NULL,
              plan_version INTEGER NOT NULL,
              service_date TEXT NOT NULL,
              checklist TEXT NOT NULL,
              closed_at TEXT NOT NULL,
              os_user TEXT NOT NULL,
              command TEXT NOT NULL
            );
            -- Who boarded a closed trip, and who was released (blocked) for a later trip.
            CREATE TABLE boarding_outcome (
              trip_id TEXT NOT NULL REFERENCES boarding_close(trip_id),
              worker_id TEXT NOT NULL,
              outcome TEXT NOT NULL CHECK (outcome IN ('boarded','released')),
              service_date TEXT NOT NULL,
              PRIMARY KEY (trip_id, worker_id)
            );
            """)
        }
        m.registerMigration("v3-purge") { db in
            try db.execute(sql: """
            CREATE TABLE purge_log (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              before TEXT NOT NULL,
              workers INTEGER NOT NULL,
              drivers INTEGER NOT NULL,
              boarding_records INTEGER NOT NULL,
              purged_at TEXT NOT NULL,
              os_user TEXT NOT NULL,
              command TEXT NOT NULL
            );
            -- What is kept of purged seasons: counts, no person.
            CREATE TABLE season_count (
              purge_id INTEGER NOT NULL REFERENCES purge_log(id),
              direction TEXT NOT NULL,
              last_travel_date TEXT NOT NULL,
              home_township TEXT NOT NULL,
              workers INTEGER NOT NULL,
              poverty_alleviated INTEGER NOT NULL,
              disability INTEGER NOT NULL
            );
            """)
        }
        m.registerMigration("v4-data-version-and-wipe") { db in
            try db.execute(sql: """
            -- Bumped by every change a plan is computed from (imports, trip closes, later
            -- cancellations), per direction; not by boarding records. `banche plan` saves only
            -- when the counter it read is still the one in the database.
            CREATE TABLE data_version (
              scope TEXT PRIMARY KEY NOT NULL,
              counter INTEGER NOT NULL,
              last_change TEXT NOT NULL
            );
            -- Work the store must finish: 'wipe_pending' after a purge whose bytes are not yet
            -- gone from the file.
            CREATE TABLE maintenance (
              key TEXT PRIMARY KEY NOT NULL,
              value TEXT NOT NULL
            );
            """)
        }
        m.registerMigration("v5-season") { db in
            try db.execute(sql: """
            -- A cancelled worker stays (history) but is never placed again until restored.
            ALTER TABLE worker ADD COLUMN cancelled_at TEXT;
            ALTER TABLE worker ADD COLUMN cancel_reason TEXT;
            CREATE TABLE worker_event (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              worker_id TEXT NOT NULL,
              event TEXT NOT NULL CHECK (event IN ('cancel','restore')),
              reason TEXT,
              at TEXT NOT NULL,
              os_user TEXT NOT NULL,
              command TEXT NOT NULL
            );
            -- Trips whose passengers were told (notices sent): pinned in later plans.
            CREATE TABLE trip_publication (
              trip_id TEXT PRIMARY KEY NOT NULL,
              plan_version INTEGER NOT NULL,
              published_at TEXT NOT NULL,
              os_user TEXT NOT NULL,
              command TEXT NOT NULL
            );
            -- Seats that may be filled under the occupancy cap, and road km per stop, so a
            -- kept trip can take late sign-ups without re-planning.
            ALTER TABLE trip ADD COLUMN usable_seats INTEGER;
            ALTER TABLE trip_stop ADD COLUMN km REAL NOT NULL DEFAULT 0;
            -- Duties: the trip's service type, and the stop where the bus stands on a
            -- non-driving record (empty: not at a stop).
            ALTER TABLE driver_duty ADD COLUMN service TEXT NOT NULL DEFAULT 'charter';
            ALTER TABLE driver_duty ADD COLUMN place TEXT;
            ALTER TABLE route ADD COLUMN service_type TEXT NOT NULL DEFAULT 'charter';
            ALTER TABLE route ADD COLUMN max_dropoff_stops INTEGER;
            ALTER TABLE route ADD COLUMN max_dropoff_minutes INTEGER;
            -- Purged seasons keep counts by employer and priority too.
            ALTER TABLE season_count ADD COLUMN employer TEXT NOT NULL DEFAULT '';
            ALTER TABLE season_count ADD COLUMN priority TEXT NOT NULL DEFAULT '';
            -- What `report season` needs of purged passengers: counts per trip seat group, no id.
            CREATE TABLE purged_seat_count (
              purge_id INTEGER NOT NULL REFERENCES purge_log(id),
              plan_version INTEGER NOT NULL,
              trip_id TEXT NOT NULL,
              home_township TEXT NOT NULL,
              employer TEXT NOT NULL,
              priority TEXT NOT NULL,
              people INTEGER NOT NULL
            );
            CREATE INDEX seat_assignment_worker ON seat_assignment(worker_id);
            CREATE INDEX trip_by_id ON trip(trip_id);
            """)
        }
        m.registerMigration("v6-divisions") { db in
            try db.execute(sql: """
            -- The county's divisions (divisions.csv): a worker's home_township is checked
            -- against their names once a list is imported.
            CREATE TABLE division (
              code TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              parent TEXT
            );
            """)
        }
        registerStopClose(&m)
        registerServe(&m)
        // Changes described once for both stores (StoreSchema.changes).
        for (i, step) in StoreSchema.changes.enumerated() {
            m.registerMigration("s\(i + 1)-\(step.name)") { db in
                for c in step.changes { try db.execute(sql: StoreSchema.sqlite(c)) }
            }
        }
        return m
    }
}
