import BancheCore
import Foundation

/// The plan summary printed by `banche plan`: text for a clerk, JSON for programs.
public enum PlanReport {
    /// The JSON document `banche plan --format json` prints and `banche plans --show` returns:
    /// the contract fields (`workers_placed`, `workers_unplaced`, `trips`, `lower_bound_trips`,
    /// `bus_km`, `unplaced`) and per-trip detail. One type is the contract (docs/formats.md).
    public struct Document: Codable, Sendable, Equatable {
        public struct Unplaced: Codable, Sendable, Equatable {
            public var worker_id: String
            public var reason: String
            public var message: String
        }
        public struct TripDetail: Codable, Sendable, Equatable {
            public var trip_id: String
            public var route_id: String
            public var bus_id: String
            public var plate: String
            public var date: String
            public var licensed_seats: Int
            public var passengers: Int
            public var bus_km: Double
            public var departure: String
            public var arrival: String
            public var pickup_stops: [String]
            public var dropoff_stops: [String]
            public var drivers: [String]
            /// Where the bus spends 02:00–05:00 with passengers aboard (a stop id), if it does.
            public var halt_at: String?
        }
        public var plan_version: Int?
        public var direction: String
        public var dates: String
        public var workers_placed: Int
        public var workers_unplaced: Int
        public var workers_outside_dates: Int
        public var trips: Int
        public var lower_bound_trips: Int
        public var bus_km: Double
        public var seat_utilisation: Double
        /// Villages (pickup stops) whose people ride more than one bus on a day.
        public var split_stops: Int
        public var unplaced: [Unplaced]
        public var trip_details: [TripDetail]
        /// Workers of this direction whose windows miss the planned dates.
        public var outside_dates: [String]
        /// Trips carried over from the previous version (pinned: published, closed, boarding).
        public var kept_trips: [String]
        public struct BrokenPin: Codable, Sendable, Equatable { public var trip_id: String; public var reason: String; public var kept: Bool }
        /// Pinned trips the plan could not keep, and why.
        public var broken_pins: [BrokenPin]
        /// Trips whose crew must stop away from any stop, service area or depot because the
        /// route's stopping places are further apart than a legal stint (the route needs one).
        public var roadside_stops: [String]
    }

    public static func document(_ plan: Plan, version: Int?, zone: ZoneOffset = .china, crews: [String: [String]] = [:], roadside: [String] = [],
                                halts: [String: String] = [:]) -> Document {
        Document(
            plan_version: version, direction: plan.direction.rawValue, dates: plan.dates.description,
            workers_placed: plan.workersPlaced, workers_unplaced: plan.unplaced.count, workers_outside_dates: plan.outsideDates,
            trips: plan.trips.count, lower_bound_trips: plan.lowerBoundTrips, bus_km: round1(plan.busKm),
            seat_utilisation: (plan.seatUtilisation * 1000).rounded() / 1000, split_stops: plan.splitStops,
            unplaced: plan.unplaced.map { Document.Unplaced(worker_id: $0.workerID, reason: $0.reason.rawValue, message: $0.message) },
            trip_details: plan.trips.map { t in
                Document.TripDetail(
                    trip_id: t.id, route_id: t.routeID, bus_id: t.busID, plate: t.plate, date: t.date.description,
                    licensed_seats: t.licensedSeats, passengers: t.passengers.count, bus_km: round1(t.busKm),
                    departure: t.departure.iso(in: zone), arrival: t.arrival.iso(in: zone),
                    pickup_stops: t.stops.filter { $0.role == .pickup }.map(\.stopID),
                    dropoff_stops: t.stops.filter { $0.role == .dropoff }.map(\.stopID),
                    drivers: crews[t.id] ?? [], halt_at: halts[t.id])
            },
            outside_dates: plan.outsideDateWorkers, kept_trips: plan.keptTrips,
            broken_pins: plan.brokenPins.map { Document.BrokenPin(trip_id: $0.tripID, reason: $0.reason, kept: $0.kept) }, roadside_stops: roadside)
    }

    /// The document as JSON text, keys sorted, so the same plan prints the same bytes.
    public static func json(_ plan: Plan, version: Int?, zone: ZoneOffset = .china, crews: [String: [String]] = [:], roadside: [String] = [],
                            halts: [String: String] = [:]) throws -> String {
        try JSONText.encode(document(plan, version: version, zone: zone, crews: crews, roadside: roadside, halts: halts))
    }

    /// What follows "lower bound N": reached; or, above the trips run, that it is the bound for
    /// everyone placeable while people are left out; or, below them, what the bound leaves out.
    /// `reached` is the demo's own wording for the first case.
    public static func boundNote(_ plan: Plan, _ m: Messages, reached: String = "plan.boundReached") -> String {
        if plan.boundReached { return m(reached) }
        if plan.trips.count < plan.lowerBoundTrips {
            return m("plan.boundAbove", ["n": plan.unplaced.filter { !UnplacedReason.structural.contains($0.reason) }.count])
        }
        return plan.trips.count > plan.lowerBoundTrips ? m("plan.boundOpen") : ""
    }

    /// A summary a clerk reads, in the language of `m`. `people` names workers: worker id →
    /// "name masked-ID" (`PersonLabel`), shown next to the id in the unplaced list.
    public static func text(_ plan: Plan, version: Int?, stops: [String: String], zone: ZoneOffset = .china, limitUnplaced: Int = 30,
                            crews: [String: [String]] = [:], roadside: [String] = [], halts: [String: String] = [:],
                            messages m: Messages = Messages(.en), people: [String: String] = [:]) -> String {
        var s = ""
        let head = version.map { m("plan.head.version", ["version": $0]) } ?? m("plan.head.dryRun")
        s += m("plan.head", ["head": head, "direction": plan.direction.rawValue, "chinese": plan.direction.chinese, "dates": plan.dates]) + "\n"
        s += m("plan.placed", ["n": plan.workersPlaced]) + "\n"
        s += m("plan.unplacedCount", ["n": plan.unplaced.count]) + "\n"
        if !plan.keptTrips.isEmpty { s += m("plan.kept", ["n": plan.keptTrips.count]) + "\n" }
        for r in roadside { s += m("plan.roadside", ["trip": r]) + "\n" }
        // The night halt with passengers aboard: at a service area, or the last drop-off before it.
        for t in plan.trips {
            if let h = halts[t.id] { s += m("plan.nightHalt", ["trip": t.id, "place": stops[h] ?? h]) + "\n" }
            else {
                let minute = t.arrival.minuteOfDay(in: zone)
                if minute >= 22 * 60 || minute < 2 * 60 { s += m("plan.nightHaltBefore", ["trip": t.id, "time": t.arrival.clock(in: zone)]) + "\n" }
            }
        }
        for b in plan.brokenPins where !b.kept { s += m("plan.notKept", ["trip": b.tripID, "reason": b.reason]) + "\n" }
        for b in plan.brokenPins where b.kept { s += m("plan.keptBroken", ["trip": b.tripID, "reason": b.reason]) + "\n" }
        if plan.outsideDates > 0 {
            s += m("plan.outsideDates", ["n": plan.outsideDates, "dates": plan.dates])
            s += plan.outsideDateWorkers.prefix(limitUnplaced).joined(separator: ", ")
            s += plan.outsideDates > limitUnplaced ? m("plan.more") + "\n" : "\n"
        }
        s += m("plan.trips", ["n": plan.trips.count, "bound": plan.lowerBoundTrips]) + boundNote(plan, m) + "\n"
        s += m("plan.utilisation", ["percent": String(format: "%.1f", plan.seatUtilisation * 100)]) + "\n"
        s += m("plan.busKm", ["km": String(format: "%.1f", plan.busKm)]) + "\n"
        s += m("plan.split", ["n": plan.splitStops]) + "\n"
        if !plan.trips.isEmpty {
            let counts = plan.trips.map(\.pickupStopCount)
            s += m("plan.pickupsPerTrip", ["min": counts.min()!, "max": counts.max()!,
                                           "mean": String(format: "%.1f", Double(counts.reduce(0, +)) / Double(counts.count))]) + "\n"
            s += "\n  " + [pad(m("plan.col.trip"), 23), pad(m("plan.col.bus"), 6), pad(m("plan.col.plate"), 9), pad(m("plan.col.seats"), 6),
                             pad(m("plan.col.pax"), 4), pad(m("plan.col.departs"), 8), pad(m("plan.col.arrives"), 12),
                             pad(m("plan.col.km"), 6), pad(m("plan.col.drivers"), 10), m("plan.col.pickups")].joined(separator: " ") + "\n"
            for t in plan.trips {
                let picks = t.stops.filter { $0.role == .pickup }.map { stops[$0.stopID] ?? $0.stopID }.joined(separator: "→")
                let arrives = t.arrival.date(in: zone) == t.date ? t.arrival.clock(in: zone) : "\(t.arrival.clock(in: zone)) +\(t.arrival.date(in: zone).dayNumber - t.date.dayNumber)d"
                s += "  " + [pad(t.id, 23), pad(t.busID, 6), pad(t.plate, 9), pad("\(t.licensedSeats)", 6), pad("\(t.passengers.count)", 4),
                             pad(t.departure.clock(in: zone), 8), pad(arrives, 12), pad(String(format: "%.0f", t.busKm), 6),
                             pad((crews[t.id] ?? []).joined(separator: "+"), 10), picks].joined(separator: " ") + "\n"
            }
        }
        if !plan.unplaced.isEmpty {
            s += "\n" + m("plan.unplacedHead") + "\n"
            let byReason = Dictionary(grouping: plan.unplaced, by: \.reason)
            for r in byReason.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                s += "    \(r.rawValue): \(byReason[r]!.count) — \(m("reason.\(r.rawValue)"))\n"
            }
            for u in plan.unplaced.prefix(limitUnplaced) {
                // The sentence in the run's language; the details after it (counts) as the planner wrote them.
                let message = u.message.hasPrefix(u.reason.explanation)
                    ? m("reason.\(u.reason.rawValue)") + u.message.dropFirst(u.reason.explanation.count) : u.message
                s += "    \(PersonLabel.idAndLabel(u.workerID, people))  \(u.reason.rawValue)  \(message)\n"
            }
            if plan.unplaced.count > limitUnplaced { s += m("plan.unplacedMore", ["n": plan.unplaced.count - limitUnplaced]) + "\n" }
        }
        return s
    }

    static func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }
    static func pad(_ s: String, _ w: Int, wide: Bool = false) -> String {
        let width = DisplayWidth.of(s as String)
        return width >= w ? s : s + String(repeating: " ", count: w - width)
    }
}
