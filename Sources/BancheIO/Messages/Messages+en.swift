// The English message catalogue. Keys are stable; `{name}` is filled in at run time and must
// appear in the Chinese table too (MessagesTests checks both tables have the same keys and
// placeholders). Keep entries grouped by command, in the order a clerk meets them.
extension Messages {
    public static let en: [String: String] = [
        // Errors and their framing (ErrorReport)
        "error.prefix": "banche: {message}",
        "error.count.one": "banche: 1 error; {what}",
        "error.count.other": "banche: {n} errors; {what}",
        "error.more": "… and {n} more errors",
        "error.badLang": "Error: --lang must be zh or en, not \"{value}\"",
        "error.outXlsxNeedsFormat": "--out {file} ends in .xlsx: add --format xlsx (or name a .csv file for CSV)",
        "error.xlsxNeedsOut": "--format xlsx writes a workbook: give --out FILE.xlsx",
        "error.splitNeedsOut": "--split-by writes one file per group: give --out FOLDER",
        "error.splitCSVOnly": "--split-by is for --format csv (a workbook has one sheet per group already)",
        "error.splitKind": "--split-by {by} does not apply to `export {kind}`",
        "rejected.nothingImported": "nothing was imported",
        "rejected.nothingRecorded": "nothing was recorded",
        "rejected.rosterNotChecked": "the roster was not checked",

        // banche --help
        "banche.abstract": "Plan free point-to-point charter buses (点对点包车) for migrant workers.",
        "banche.discussion": """
        banche keeps a county's travellers, buses, drivers and stops in one SQLite file, plans
        which bus and seat each worker takes, checks drivers' hours and prints manifests.

        A season, start to finish:
          banche init                    create ./banche.sqlite
          banche import --dir FOLDER     stops, legs, routes, buses, drivers,
                                         workers (CSV, UTF-8 or GB18030)
          banche plan --direction to-work --dates 2027-02-11..2027-02-15
          banche roster check --plan     drivers' hours against the rules
          banche demo                    all of it on the bundled fixture

        LANGUAGE
          --lang zh|en (anywhere on the command line) chooses the language of
          messages and help; otherwise LC_ALL, then LANG: a value starting with
          zh means Chinese, anything else English. JSON, reason and rule codes
          and exit statuses are the same in both.

        EXIT STATUS
          0  done, nothing to report
          1  done, and the verdict is negative (rule violations found,
             workers left unplaced)
          2  bad input or usage (a file, a row, an option); nothing written
          3  the database is busy (another banche is writing), or the
             data changed while planning, or a purge could not yet wipe
             the file; run the same command again

        FILES
          ./banche.sqlite  the default database (--db to choose another),
                           created with mode 0600

        See docs/ in the source tree for file formats, planning and driver rules.
        """,
        "option.db": "The database file (created only by `banche init`).",
        "option.out.file": "Output file; standard output when omitted.",
        "option.planVersion": "Plan version (the latest when omitted).",
        "option.format.text": "Output: text or json.",
        "option.trip": "Trip id.",
        "option.checklist": "Checklist: standard-2026, epidemic-2022, or a JSON file.",
        "option.profile": "Driver rule profile: cn-passenger, eu-561, us-fmcsa-passenger, or a profile JSON file (docs/driver-rules.md).",
        "option.showPersonalData": "Show full ID numbers and phones (masked otherwise).",

        // Command abstracts
        "init.abstract": "Create a new, empty banche database.",
        "import.abstract": "Import divisions, stops, legs, routes, buses, drivers or workers from CSV or Excel (.xlsx).",
        "plan.abstract": "Assign every worker to a bus, a seat and a pickup stop.",
        "plans.abstract": "List stored plan versions, print one version's summary, or compare two.",
        "plans.list.abstract": "List stored plan versions (the default), or print one's summary.",
        "plans.diff.abstract": "What changed between two plan versions: workers added, removed, moved; trips added, removed, changed.",
        "roster.abstract": "Check drivers' hours against the rules, or export the planned roster.",
        "roster.check.abstract": "Check a roster file, or a stored plan's duties, against a rule profile.",
        "roster.export.abstract": "Write a stored plan's duty records as a roster CSV (the columns `roster check` reads).",
        "board.abstract": "Record pre-boarding steps and decide who may board.",
        "board.record.abstract": "Record one step for a passenger or the bus.",
        "board.import.abstract": "Import results gathered at a pickup point: trip_id,worker_id,step,value,at.",
        "board.status.abstract": "Who is cleared, blocked (and why) or pending on a trip.",
        "board.close.abstract": "Freeze a trip's boarded list; release the blocked for a later trip.",
        "manifest.abstract": "Print passenger manifests (乘客名单) for trips of a plan.",
        "export.abstract": "Export passenger lists, notices and the driver roster as CSV, JSON or an Excel workbook.",
        "history.abstract": "List every import, plan version, boarding record, trip closing and purge, with time, user and command.",
        "purge.abstract": "Delete personal data of past seasons (个人信息保护法): keep anonymous counts, vacuum the file.",
        "backup.abstract": "Write a consistent copy of the database, safe while others use it.",
        "publish.abstract": "Mark trips as notified: their passengers were told bus, seat and time.",
        "worker.abstract": "Cancel, restore or show one worker.",
        "worker.cancel.abstract": "Cancel workers: never placed again unless restored (kept in history).",
        "worker.restore.abstract": "Undo a cancellation: the next plan places the worker again.",
        "worker.show.abstract": "Where a worker stands: bus, plate, seat, stop, time, trip state.",
        "find.abstract": "Find workers by id, name, or the last 4+ digits of their ID number or phone.",
        "report.abstract": "Figures for officials.",
        "report.season.abstract": "The season at a glance: trips, buses, people, formerly poor, priority groups, seats filled.",
        "report.html.abstract": "Write the season, every trip and the drivers as a folder of HTML pages to open and print.",
        "generate.abstract": "Write a generated Tiandeng → Pengjiang scenario as import CSVs.",
        "demo.abstract": "Run the whole job on the bundled Tiandeng → Pengjiang fixture.",

        // banche plan
        "plan.discussion": """
        Plans one direction over a range of days and saves the result as a new
        plan version (older versions stay; `banche plans` lists them). Prints
        workers placed and unplaced, trips against the lower bound, seat
        utilisation, bus-km and pickup stops per trip. Every unplaced worker
        gets a reason code and a sentence, with the worker's name and masked
        ID number.

        Exit status: 0 when everyone was placed, 1 when someone was not,
        2 on bad input, 3 when the database was busy or the data it was
        computed from changed before it could be saved (nothing saved; run
        plan again).
        """,
        "plan.option.direction": "to-work (节后返岗, also 返岗) or to-home (节前返乡, also 返乡).",
        "plan.option.dates": "Days to plan, FIRST..LAST (or one day).",
        "plan.option.dryRun": "Plan and print, but do not save a plan version.",
        "plan.option.occupancy": "Share of licensed seats that may be filled, e.g. 0.5 when buses may run half full.",
        "plan.option.maxPickupStops": "Most pickup stops per bus (when the route sets none).",
        "plan.option.maxPickupMinutes": "Most minutes for the pickup phase (when the route sets none).",
        "plan.option.profile": "Driver rule profile for crews and rotations: cn-passenger, eu-561, us-fmcsa-passenger, or a profile JSON file.",
        "plan.option.checklist": "A boarding checklist whose occupancy cap (max_occupancy) the plan must respect.",
        "plan.option.splitStops": "Villages on several buses a day: needed (only when one bus cannot take them), never, or free (whenever it saves km).",
        "plan.option.replanAll": "Re-plan every trip, ignoring published trips and trips with boarding records (closed trips are always kept).",
        "plan.note.pastDays": "note: days before today ({today}) are not planned; planning {today}..{last}",
        "plan.error.passed": "the dates {dates} have passed (today is {today}); nothing to plan",
        "plan.error.capBelowStop": "route {route}: {column} is {cap}, less than one stop takes ({stop} minutes): no two households could share a bus and each would ride alone; raise it in routes.csv and import it again (banche import routes routes.csv --replace); nothing was saved",
        "plan.error.nobody": "nobody travels {direction} on {dates} ({outside} workers' days lie outside them): check the dates; nothing was saved",
        "plan.head.version": "Plan version {version}",
        "plan.head.dryRun": "Plan (dry run, not saved)",
        "plan.head": "{head}: {direction} ({chinese}), {dates}",
        "plan.placed": "  workers placed    {n}",
        "plan.unplacedCount": "  workers unplaced  {n}",
        "plan.kept": "  trips kept        {n} (published, closed or boarding: same bus, day, times and seats)",
        "plan.roadside": "  ROADSIDE STOP     {trip}",
        "plan.nightHalt": "  NIGHT HALT        {trip}: 02:00–05:00 at {place}, passengers aboard; drop-offs from 05:00",
        "plan.nightHaltBefore": "  LATE ARRIVAL      {trip}: last drop-off {time}, before the 02:00 halt",
        "plan.notKept": "  NOT KEPT          {trip}: {reason}; its passengers were planned again (any not placed are listed below)",
        "plan.keptBroken": "  KEPT, RULE BROKEN {trip}: {reason}",
        "plan.outsideDates": "  outside dates     {n} (their travel days miss {dates}; not in this plan): ",
        "plan.more": ", … (--format json lists all)",
        "plan.trips": "  trips (buses)     {n}   lower bound {bound}",
        "plan.boundReached": " (reached)",
        "plan.boundAbove": " (for everyone placeable; {n} left out)",
        "plan.boundOpen": " (the bound counts seats, pickup stops and pickup time; drop-off caps, travel days and households may keep buses from filling)",
        "plan.utilisation": "  seat utilisation  {percent} %",
        "plan.busKm": "  bus-km            {km}",
        "plan.split": "  villages split    {n} (pickup stops whose people ride more than one bus on a day)",
        "plan.pickupsPerTrip": "  pickup stops/trip min {min}, max {max}, mean {mean}",
        "plan.col.trip": "trip",
        "plan.col.bus": "bus",
        "plan.col.plate": "plate",
        "plan.col.seats": "seats",
        "plan.col.pax": "pax",
        "plan.col.departs": "departs",
        "plan.col.arrives": "arrives",
        "plan.col.km": "km",
        "plan.col.drivers": "drivers",
        "plan.col.pickups": "pickups",
        "plan.unplacedHead": "  unplaced (reason: count)",
        "plan.unplacedMore": "    … {n} more (--format json lists all)",

        // Why a worker was not placed: the sentence after the reason code (plan).
        "reason.no_route": "no route runs in this direction on any of the worker's travel days",
        "reason.ambiguous_route": "several routes could carry this worker; fill in route_id",
        "reason.household_no_common_day": "the household's members have no travel day in common",
        "reason.household_larger_than_any_bus": "the household is larger than the seats of any bus",
        "reason.no_accessible_seat": "no bus with a free accessible seat runs on the worker's days",
        "reason.no_bus_in_window": "all seats on the buses available on the worker's days are taken",
        "reason.pickup_limits": "the buses on the worker's days have seats, but none can take this worker's stops within the route's caps (pickup stops and minutes, drop-off stops and minutes)",
        "reason.no_driver_crew": "no legal crew of drivers could be found for the trip",
        "reason.stop_split_forbidden": "the village's people do not fit one bus on this day, and --split-stops never forbids sharing it between buses",

        // banche roster check
        "roster.head": "Roster check, profile {profile}: {drivers} drivers, {records} records",
        "roster.compliant": "  compliant: no rule broken",
        "roster.violations.one": "  1 violation:",
        "roster.violations.other": "  {n} violations:",
        "duration.hm": "{h} h {mm} min",
        "duration.m": "{m} min",
        "roster.limit": "{measured} (limit {limit})",
        "roster.crew.measured.one": "{n} driver",
        "roster.crew.measured.other": "{n} drivers",
        "roster.placesNoColumn": "places not checked: the roster has no place column",
        "roster.placesNoDatabase": "places not checked: no database at {db} to name the stops (--db)",
        "roster.wrote": "wrote {n} duty records to {file}",

        // The rule broken, per rule code (roster check). Chinese runs print this sentence and then
        // the rule engine's own detailed sentence; English runs print only the detailed one.
        "rule.CN-CONT-DAY": "drove longer than the daytime limit without a long enough pause",
        "rule.CN-CONT-NIGHT": "drove longer than the night-time limit without a long enough pause",
        "rule.CN-DAILY": "drove more than the limit in a 24-hour period",
        "rule.CN-WEEKLY": "drove more than the limit in a 7-day period",
        "rule.CN-NIGHT-HALT": "drove during the night halt; long-distance coaches stop then unless the trip is an approved relay",
        "rule.CN-CREW": "a one-way run over the crew distance has fewer than 2 drivers at the wheel",
        "rule.CN-STOP-PLACE": "a break, swap or rest away from a service area, stop or depot",

        // banche board
        "board.recorded": "recorded {step} for {who} on {trip} at {at}",
        "board.theBus": "the bus",
        "board.importedResults": "recorded {n} results from {file}",
        "board.statusHead": "Trip {trip}, departs {departure}, checklist {checklist}",
        "board.closedHead": "Trip {trip}, departs {departure}, closed {closed}: {boarded} boarded, {released} released",
        "board.releasedLine": "  {who}  released (placed again by the next plan)",
        "board.bus": "  bus: {status}",
        "board.counts": "  passengers: {cleared} cleared, {blocked} blocked, {pending} pending",
        "board.passenger": "  {who}  {status}",
        "board.closed": "closed {trip}: {boarded} boarded, {released} released for re-planning",
        "board.closedStop": "closed stop {stop} of {trip}: {boarded} boarded, {released} released for re-planning",
        "board.stopClosedLine": "  stop {stop} closed {at}: its boarded list is frozen",
        "board.reopen.abstract": "Undo a mistaken close of a trip (or of one stop), on the same day.",
        "board.status.cleared": "cleared",
        "board.status.blocked": "blocked",
        "board.status.pending": "pending",
        "board.status.stale": "stale",
        "board.finding.notRecorded": "{step}: not recorded yet",
        "board.finding.failed": "{step}: failed",
        "board.finding.busNotCleared": "the bus is not cleared yet (vehicle steps)",
        "board.finding.notBlocking": " (not blocking)",
        "board.noTrip": "no trip {trip} in any plan version; `banche plans` lists plans",

        // Summaries of the other commands
        "init.created": "created {db}",
        "import.rows": "imported {n} rows from {file}",
        "import.warning": "warning: {message}",
        "import.workers": "workers: {new} new, {updated} updated, {unchanged} unchanged",
        "publish.done.one": "published 1 trip of plan version {version}",
        "publish.done.other": "published {n} trips of plan version {version}",
        "publish.already": " ({n} already published)",
        "copy.abstract": "Copy a county's season between a SQLite file and the province's PostgreSQL database, checked table by table.",
        "copy.option.from": "Where the season is: a banche SQLite file, or postgres://ROLE@HOST:PORT/DBNAME (the county is the role's).",
        "copy.option.to": "Where it goes: postgres://ROLE@HOST:PORT/DBNAME (the county office's role), or a new SQLite file (mode 0600).",
        "copy.option.replace": "Replace the season the destination already holds (without it, such a destination is refused).",
        "copy.bothFiles": "--from and --to are both SQLite files; to copy a file use `banche backup`. One side of `banche copy` is postgres://…",
        "copy.bothServers": "--from and --to are both PostgreSQL; one side of `banche copy` is a SQLite file (move between databases with pg_dump)",
        "copy.holdsData": "{db} already holds a season ({n} rows); nothing was copied. Add --replace to replace it",
        "copy.noCounty": "{db}: the role {role} belongs to no county; copy as the county office's own role (banche init --county CODE --role ROLE)",
        "copy.mismatch": "the copy in {db} does not match the source (see the table); it was undone, nothing was written",
        "copy.done": "copied the season from {from} to {to}; every table checks out",
        "copy.leftBehind": "not copied: {table}, {n} rows (the check-in server's, which runs on a SQLite file only)",
        "copy.col.table": "table",
        "copy.col.source": "source rows",
        "copy.col.destination": "copied rows",
        "copy.col.checksum": "checksum (SHA-256)",
        "copy.ok": "ok",
        "copy.differs": "DIFFERS",
        "copy.total": "total",
        "backup.done": "wrote a consistent copy of {db} to {file} (mode 0600, integrity ok)",
        "purge.done": "purged {workers} workers, {drivers} drivers and {records} boarding records from before {before}; counts kept; file vacuumed",
        "purge.done.postgres": "purged {workers} workers, {drivers} drivers and {records} boarding records from before {before}; counts kept; tables rewritten (VACUUM FULL)",
        "purge.rewrote": "this role belongs to no county, so no row was deleted; the tables of the {n} purges still pending were rewritten (VACUUM FULL)",
        "purge.nothingPending": "this role belongs to no county, so no row was deleted; no purge was waiting for its tables to be rewritten, so nothing was done",
        "manifest.wrote.one": "wrote 1 manifest to {dir}/",
        "manifest.wrote.other": "wrote {n} manifests to {dir}/",
        "export.wrote": "wrote {file}",
        "export.wroteFiles": "wrote {n} files to {dir}/",
        "report.wrote": "wrote {file}",

        // worker, find, plans, manifest, purge, backup, report
        "worker.line": "{id}  {name}  {resident_id}  {phone}  {direction} {window}",
        "direction.to-work": "to-work",
        "direction.to-home": "to-home",
        "worker.cancelledAt": "  cancelled {at}",
        "worker.placement": "  plan v{version}: trip {trip}, {date}, bus {bus} {plate}, seat {seat}, at {stop} ({stop_id}) {time} — {state}",
        "worker.notInPlan": "  plan v{version}: not in this plan (imported or changed after it, or outside its dates): plan again",
        "worker.inPlan": "  plan v{version}: {state}",
        "worker.noPlan": "  no plan yet for {direction}",
        "worker.state.planned": "planned",
        "worker.state.published": "published",
        "worker.state.closed": "closed",
        "worker.state.boarded": "boarded",
        "worker.state.released": "released",
        "worker.state.unplaced": "unplaced",
        "worker.state.cancelled": "cancelled",
        "worker.cancelled.one": "cancelled 1 worker",
        "worker.cancelled.other": "cancelled {n} workers",
        "worker.alreadyCancelled": "; already cancelled: {ids}",
        "worker.planToFree": "run `banche plan` to free their seats",
        "worker.restored": "restored {ids}; run `banche plan` to place them",
        "worker.noSuchWorker": "no worker {id}; `banche find` looks workers up",
        "find.noMatch": "no worker matches \"{query}\"",
        "find.nothing": "give something to look for",
        "plans.none": "no plans yet; run `banche plan`",
        "plans.county": "county",
        "plans.header": "version  created                    direction  dates                   placed  unplaced  trips  bound  bus-km    by",
        "plans.diff.head": "plan v{from} → v{to}: {added} added, {removed} removed, {moved} moved; trips {tripsAdded} added, {tripsRemoved} removed, {tripsChanged} changed",
        "plans.diff.added": "  + {worker}  {trip} seat {seat} at {stop} {time}",
        "plans.diff.removed": "  - {worker}  was {trip} seat {seat} at {stop} {time} ({why})",
        "plans.diff.moved": "  ~ {worker}  {fromTrip} seat {fromSeat} {fromStop} {fromTime} → {toTrip} seat {toSeat} {toStop} {toTime}",
        "plans.diff.tripAdded": "  trip added    {trip}",
        "plans.diff.tripRemoved": "  trip removed  {trip}",
        "plans.diff.tripChanged": "  trip changed  {trip}",
        "plans.option.show": "Print the stored JSON summary of this version.",
        "plans.option.older": "The older version.",
        "plans.option.newer": "The newer version.",
        "option.format.textCSVJSON": "text, csv or json.",
        "publish.option.trip": "Trip ids to publish.",
        "option.date": "Only the trips of this day (YYYY-MM-DD).",
        "worker.option.ids": "Worker ids.",
        "worker.option.id": "Worker id.",
        "worker.option.reason": "Why (kept in history; purged with the worker).",
        "find.option.query": "Worker id, name (or part of it), or the last 4 or more digits of an ID number or phone.",
        "manifest.option.trip": "One trip.",
        "manifest.option.date": "Every trip on this day (YYYY-MM-DD).",
        "manifest.option.all": "Every trip of the plan.",
        "manifest.option.out": "Write one file per trip into this folder (mode 0600) instead of printing.",
        "manifest.option.width": "Page width in columns: 80 (12 characters per inch) or 120 (condensed, 17 cpi).",
        "manifest.option.pageLines": "Lines per page (A4 portrait at 6 lines per inch: 64).",
        "manifest.oneOf": "give exactly one of --trip, --date, --all",
        "manifest.noTrip": "no trip matches",
        "purge.option.before": "Purge seasons that ended before this day (YYYY-MM-DD).",
        "purge.afterToday": "--before {before} is after today ({today}); purge deletes seasons that have ended, and cannot be undone",
        "backup.option.out": "The copy to write (replaced if it is a regular file).",
        "backup.sameFile": "--out names the database itself; give another file",
        "report.option.out": "Write to this file (CSV: UTF-8 with BOM) instead of standard output.",
        "report.noPlan": "no plan yet; run `banche plan` first",
        "plan.error.dates": "--dates {dates} {problem} (write YYYY-MM-DD..YYYY-MM-DD)",

        // Longer --help texts
        "board.discussion": """
        Checklists: standard-2026 (default) and epidemic-2022 ship with banche;
        --checklist FILE.json reads another (docs/boarding.md). Every record is
        kept with its time; a later record of the same step supersedes.
        """,
        "board.status.discussion": """
        Exit status: 0 when everyone and the bus are cleared, 1 otherwise. A
        closed trip shows who boarded and who was released (exit 0): its list is
        frozen.
        """,
        "board.close.discussion": """
        Only cleared passengers are listed as boarded. The blocked (and anyone
        still pending) are released: the next `banche plan` places them from the
        day after this trip. Refused while the bus itself is not cleared.
        With --stop, only the passengers picked up at that stop are frozen and
        released; the bus goes on to its other stops, which stay open. Closing
        the trip later leaves closed stops as they were. A mistaken close is
        undone with `banche board reopen` on the same day.
        """,
        "roster.check.discussion": """
        banche roster check FILE.csv     a roster typed or exported elsewhere
        banche roster check --plan [N]   the duties of plan version N (latest)

        Roster columns: driver_id, activity (drive, break, other_work,
        available, rest), start, end; optional vehicle_id, trip_id, trip_km,
        place (the stop where the bus stands on a non-driving record: with
        --db, a break or rest elsewhere is CN-STOP-PLACE; without the column,
        places are not checked), relay, service (charter when absent); or the
        Chinese headers 驾驶员编号, 活动 (驾驶, 间歇, 其他工作, 待命, 休息), 开始,
        结束, 车辆编号, 班次, 里程, 地点. The file may be CSV or an .xlsx
        workbook (first sheet, or --sheet). Times are ISO 8601 or as Excel
        writes them (2027/2/13 5:30, date-time cells, serials); without an
        offset they are read at +08:00 (China), whatever the profile. Time no
        record covers is off duty.

        Exit status: 0 compliant, 1 violations found, 2 bad input (with the
        line of each contradiction: a record ending before it starts, a
        driver in two records at once, two drivers driving one vehicle at
        once).
        """,
        "publish.discussion": """
        A published trip is pinned: every later `banche plan` keeps its bus, day,
        times, stops and each remaining passenger's seat (see `banche plan
        --replan-all`). With no --trip and no --date, every trip of the plan.
        """,
        "purge.discussion": """
        Deletes workers whose last travel day is before DATE, their boarding
        records, and drivers no longer available before DATE; keeps counts per
        direction, day and home township. Plans keep worker ids only. The file is
        then vacuumed and its write-ahead log truncated, so the deleted text is
        gone from disk. If another process is reading the database, that last
        step cannot finish: the exit status is then 3 (run the same command
        again); the deletions are kept and any later opening completes the
        wipe. See docs/privacy.md.

        On a province's PostgreSQL the deletions are one transaction for the
        county of the role, then VACUUM FULL rewrites the purged tables. A county
        role that may not (PostgreSQL before 17) exits 2 after the deletions,
        saying so; the administrator's purge (a role with no county) deletes
        nothing and rewrites the tables of every pending purge. WAL, archives,
        dumps and standbys keep their copies: see docs/province.md.
        """,
        "copy.discussion": """
        From a SQLite file to PostgreSQL (--to postgres://ROLE@…, the county office's
        role: the rows become that county's), or from PostgreSQL to a new SQLite file
        (mode 0600: it holds personal data). Every table of the season is copied:
        stops, routes, buses, drivers, workers, imports, plan versions with their
        trips, seats and duties, boarding records and closes, cancellations,
        publications, purge counts. Plan versions and log ids are numbered by the
        destination, in the source's order.
        Each table's rows are counted and checksummed (SHA-256 of the sorted rows in
        one canonical text) on the source and again on the destination inside its
        one transaction: a difference undoes the copy (exit 1), so nothing is left
        half-written. A destination that already holds a season is refused (exit 2)
        unless --replace. The password comes from PGPASSWORD or ~/.pgpass, never
        from the command line.
        """,
        "backup.discussion": """
        Uses SQLite's online backup: other banche commands (and `banche serve`)
        may read and write meanwhile; the copy is one moment of the database.
        The copy is a single self-contained file with mode 0600 (it holds
        personal data), checked with PRAGMA integrity_check before it replaces
        FILE. This is the way to copy a database that may be in use; copying
        banche.sqlite by hand can miss what is still in banche.sqlite-wal.
        """,
        "demo.discussion": """
        Into a fresh database in the output folder: import the fixture's six
        CSVs, plan the to-work season, check the plan, board the first trip,
        write manifests, the roster and the HTML report (report/index.html),
        and print what happened.
        The fixture is read from Fixtures/tiandeng-pengjiang when that folder
        exists here; otherwise the same files are regenerated (byte for byte)
        into the output folder first.
        """,

        // Option help of board, roster, demo
        "board.option.worker": "Worker id (a passenger step).",
        "board.option.vehicle": "A vehicle step (disinfection, inspection…).",
        "board.option.step": "Step id from the checklist.",
        "board.option.value": "Value: a number, a result (negative), a status (green); omit for done.",
        "board.option.at": "When it was taken, ISO 8601 (default: now).",
        "board.option.file": "The results CSV.",
        "board.import.discussion": "worker_id empty means a vehicle step. All or nothing: any bad line and nothing is stored (exit 2).",
        "roster.option.file": "The roster CSV; with --plan, the plan version (the latest when omitted).",
        "roster.option.plan": "Check the duties of a stored plan version instead of a file.",
        "roster.option.out": "Output file (written atomically, mode 0600); standard output when omitted.",
        "demo.option.out": "Folder for the database and files; replaced if it holds an earlier demo.",
        "demo.option.fixture": "Folder holding the fixture CSVs.",

        // Longer --help texts of init, plans, worker, find, manifest, report
        "init.discussion": "The file is created with mode 0600 (owner read/write only): it will hold names, ID numbers and phones. An existing file is never overwritten.",
        "plans.discussion": "Every `banche plan` run (without --dry-run) is kept as a version; none is overwritten.",
        "worker.cancel.discussion": "The next `banche plan` frees their seats; everyone else on a published trip keeps theirs.",
        "find.discussion": "Prints each match with bus, plate, seat, pickup stop and time, and trip state. Exit 1 when nothing matches.",
        "manifest.discussion": """
        Each trip on its own sheets: route, date, plate, seats, drivers and
        their rotation, stops with times, passengers by boarding stop then
        seat, totals, signature lines. Pages are at most --page-lines long
        (default 64: A4 portrait at 6 lines per inch, less half an inch top and
        bottom), each headed by the trip and "第 i/n 页", the column titles
        repeated where the passenger list goes on; a form feed starts each
        page. The signature block is never split. ID numbers and phones are
        masked (451425********1234, 138****5678) unless --show-personal-data,
        which every page then states.
        """,
        "plans.diff.discussion": """
        moved: the worker's trip, seat, pickup stop or pickup time changed (old → new).
        JSON: {from, to, added: [{worker_id, trip_id, seat, stop_id, pickup_time}],
        removed: [same], moved: [{worker_id, from: {…}, to: {…}}], trips_added,
        trips_removed, trips_changed}. CSV: one row per worker change, then one per trip.
        """,
        "report.season.discussion": """
        From the latest plan of each direction (and boarded counts where trips are
        closed), in all and by direction, day, township and employer. The text
        starts with the sentence officials quote. After `banche purge` it is
        computed from the anonymous counts kept. JSON: {plan_versions, trips,
        buses, people, formerly_poor, priority: {…}, seats_filled, boarded,
        by_direction: […], by_day: […], by_township: […], by_employer: […]}.
        """,

        // report season
        "season.filled": "Seats filled: {percent} %",
        "season.boarded": ", {n} boarded on closed trips",
        "season.others": "Other priority groups: ",
        "season.by.direction": "By direction:",
        "season.by.day": "By day:",
        "season.by.township": "By township:",
        "season.by.employer": "By employer:",
        "season.dim.direction": "direction",
        "season.dim.day": "day",
        "season.dim.township": "township",
        "season.dim.employer": "employer",
        "season.col.trips": "trips",
        "season.col.buses": "buses",
        "season.col.people": "people",
        "season.col.formerlyPoor": "formerly-poor",
        "season.col.seatsFilled": "seats-filled",
        "season.col.boarded": "boarded",

        // banche demo
        "demo.title": "banche demo: Tiandeng county (天等县) → Pengjiang district (蓬江区), after the Spring Festival",
        "demo.imported": "1. imported from {source}/",
        "demo.rows": "{n} rows",
        "demo.planned": "2. planned {route} ({id}), {service}: plan version {version}",
        "demo.placed": "     workers placed     {placed} of {workers} ({poorPlaced} of {poor} from formerly poor households)",
        "demo.buses": "     buses (trips)      {trips}, lower bound {bound}",
        "demo.asFewAsPossible": ": as few as possible",
        "demo.seats": "     seats filled       {percent} %",
        "demo.busKm": "     bus-km             {km} (outbound)",
        "demo.unplaced": "     unplaced           {n}",
        "demo.checkedOK": "3. checked the plan: no bus over its seats, no household split, every accessible-seat need met",
        "demo.checkedProblems": "3. checked the plan: {n} problems: {problems}",
        "demo.drivers": "4. drivers: {drivers} in crews of {crew}, {duties} duty records (with the empty runs home);",
        "demo.rosterOK": "     roster check (cn-passenger): compliant, no rule broken; every break, handover and halt at a service area or stop",
        "demo.rosterBroken": "     roster check (cn-passenger): {n} violations",
        "demo.boarding": "5. boarding {trip} (standard-2026): bus {status}, {boarded} boarded, {held} held back ({who}: prohibited item) for a later bus",
        "demo.wrote": "6. wrote {n} manifests to {out}/manifests/ and the roster to {out}/roster.csv",
        "demo.report": "7. wrote the HTML report: {out}/report/index.html (open it in a browser; print a trip page on A4 with Ctrl+P)",
        "demo.files": "Files in {out}/: banche.sqlite (the database; `banche plans --db {db}` lists plan versions)",
        "demo.next1": "Next: banche manifest --trip {trip} --db {db} --width 80",
        "demo.next2": "      banche export passengers --db {db} --out passengers.csv",
        "demo.next3": "      banche report season --db {db}",

        // banche export
        "export.discussion": """
        passengers   every passenger of the plan, by trip and seat
        stops        the same, by pickup stop (for township staff)
        employers    the same, by employer (for the receiving factories)
        notices      one row a worker with a ready message (SMS): date, plate,
                     seat, pickup stop and time; --changed-since A lists only
                     the workers whose assignment differs from version A and
                     the newly placed; --template FILE with {name} {date}
                     {time} {stop} {plate} {seat} {trip}
        roster       every duty record, in the columns `banche roster check` reads

        pickup_time is the bus's planned arrival at the passenger's own stop:
        the time to be there, as the manifest prints it.

        CSV is UTF-8 with a byte-order mark (Excel opens it right) or GB18030.
        Cells that a spreadsheet would run as formulas are prefixed with '.
        --format xlsx writes one Excel workbook (--out FILE.xlsx): one sheet a
        trip (passengers, notices), township (stops), employer (employers) or
        driver (roster), header row frozen, ID numbers and phones as text.
        Headers are Chinese with --lang zh (the default for xlsx when LANG
        starts with zh); CSV headers change only with an explicit --lang zh.
        --split-by township|employer|trip with CSV writes one file per group
        into the folder --out names.
        ID numbers and phones are masked unless --show-personal-data. Files are
        written atomically with mode 0600.
        """,
        "export.error.kind": "export passengers, stops, employers, notices or roster",
        "export.error.noticesOnly": "--changed-since and --template are for `export notices`",
        "export.error.format": "--format must be csv, json or xlsx",
        "export.error.encoding": "--encoding must be utf8 or gb18030",
        "export.error.splitBy": "--split-by must be township, employer or trip",
        "export.error.template": "cannot read the template {file}",
        "export.option.kind": "passengers, stops, employers, notices or roster.",
        "export.option.format": "csv, json or xlsx (an Excel workbook; needs --out FILE.xlsx).",
        "export.option.encoding": "utf8 or gb18030 (CSV only).",
        "export.option.out": "Output file (a folder with --split-by); standard output when omitted.",
        "export.option.showPersonalData": "Export full ID numbers and phones (an SMS gateway needs the phones).",
        "export.option.changedSince": "notices: only workers whose assignment differs from this version, and the newly placed.",
        "export.option.template": "notices: a message template file (UTF-8).",
        "export.option.splitBy": "CSV only: one file per township, employer or trip, into the folder --out names.",

        // Export columns: English names are the documented CSV headers (docs/formats.md).
        "column.trip_id": "trip_id",
        "column.date": "date",
        "column.departure": "departure",
        "column.plate": "plate",
        "column.seat": "seat",
        "column.worker_id": "worker_id",
        "column.name": "name",
        "column.gender": "gender",
        "column.resident_id": "resident_id",
        "column.phone": "phone",
        "column.pickup_stop": "pickup_stop",
        "column.pickup_name": "pickup_name",
        "column.dropoff_name": "dropoff_name",
        "column.employer": "employer",
        "column.home_township": "home_township",
        "column.priority": "priority",
        "column.pickup_time": "pickup_time",
        "column.message": "message",
        "column.driver_id": "driver_id",
        "column.activity": "activity",
        "column.start": "start",
        "column.end": "end",
        "column.vehicle_id": "vehicle_id",
        "column.trip_km": "trip_km",
        "column.relay": "relay",
        "column.service": "service",
        "column.place": "place",
        "sheet.none": "(none)",
        "sheet.passengers": "passengers",
        "sheet.stops": "stops",
        "sheet.employers": "employers",
        "sheet.notices": "notices",
        "sheet.roster": "roster",
    ]
}
