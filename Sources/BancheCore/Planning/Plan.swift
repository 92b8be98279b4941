/// Why a worker could not be placed on a bus. The raw value is the machine-readable code
/// printed in JSON and stored with the plan.
public enum UnplacedReason: String, Sendable, Codable, CaseIterable, Hashable {
    /// No route runs in the worker's direction on the worker's days.
    case noRoute = "no_route"
    /// Two or more routes could carry the worker and the survey names none.
    case ambiguousRoute = "ambiguous_route"
    /// The household's members share no travel day.
    case householdNoCommonDay = "household_no_common_day"
    /// The household has more people than any bus has seats.
    case householdLargerThanAnyBus = "household_larger_than_any_bus"
    /// No bus with enough accessible seats runs in the window.
    case noAccessibleSeat = "no_accessible_seat"
    /// Every seat on every bus available in the window is taken (others had priority).
    case noBusInWindow = "no_bus_in_window"
    /// Buses had free seats, but taking this household would break the cap on pickup stops
    /// or on pickup time of every one of them.
    case pickupLimits = "pickup_limits"
    /// The trip found no legal crew of drivers.
    case noDriverCrew = "no_driver_crew"
    /// `--split-stops never`: the village's people are more than one bus takes (or the caps
    /// forbid one bus), and splitting it is forbidden.
    case stopSplitForbidden = "stop_split_forbidden"

    /// Reasons that no bus, seat or day could fix: the worker cannot be carried at all.
    public static let structural: Set<UnplacedReason> = [.noRoute, .ambiguousRoute, .householdNoCommonDay, .householdLargerThanAnyBus]

    /// A sentence a clerk understands.
    public var explanation: String {
        switch self {
        case .noRoute: "no route runs in this direction on any of the worker's travel days"
        case .ambiguousRoute: "several routes could carry this worker; fill in route_id"
        case .householdNoCommonDay: "the household's members have no travel day in common"
        case .householdLargerThanAnyBus: "the household is larger than the seats of any bus"
        case .noAccessibleSeat: "no bus with a free accessible seat runs on the worker's days"
        case .noBusInWindow: "all seats on the buses available on the worker's days are taken"
        case .pickupLimits: "the buses on the worker's days have seats, but none can take this worker's stops within the route's caps (pickup stops and minutes, drop-off stops and minutes)"
        case .noDriverCrew: "no legal crew of drivers could be found for the trip"
        case .stopSplitForbidden: "the village's people do not fit one bus on this day, and --split-stops never forbids sharing it between buses"
        }
    }
}

/// A worker left off the plan, and why.
public struct Unplaced: Sendable, Hashable, Codable {
    public var workerID: String
    public var reason: UnplacedReason
    public var message: String
}

/// What a bus does at a stop of its trip.
public enum StopRole: String, Sendable, Codable, Hashable {
    case pickup, dropoff, rest, halt
}

/// One stop of a trip, with planned times.
public struct TripStop: Sendable, Hashable, Codable {
    public var stopID: String
    public var role: StopRole
    public var arrive: Timestamp
    public var depart: Timestamp
    public var boarding: Int
    public var alighting: Int
    /// Road km driven from the previous stop.
    public var kmFromPrevious: Double
    public init(stopID: String, role: StopRole, arrive: Timestamp, depart: Timestamp, boarding: Int, alighting: Int, kmFromPrevious: Double) {
        self.stopID = stopID; self.role = role; self.arrive = arrive; self.depart = depart
        self.boarding = boarding; self.alighting = alighting; self.kmFromPrevious = kmFromPrevious
    }
}

/// A passenger's seat on a trip.
public struct SeatAssignment: Sendable, Hashable, Codable {
    public var seat: Int
    public var workerID: String
    public var pickupStop: String
    public var dropoffStop: String
    public init(seat: Int, workerID: String, pickupStop: String, dropoffStop: String) {
        self.seat = seat; self.workerID = workerID; self.pickupStop = pickupStop; self.dropoffStop = dropoffStop
    }
}

/// One bus on one day: its stops in order and its passengers with seats.
public struct Trip: Sendable, Hashable, Codable {
    public var id: String
    public var routeID: String
    public var busID: String
    public var plate: String
    /// Licensed seats (核定载客人数).
    public var licensedSeats: Int
    /// Seats that may be sold: licensed seats under the occupancy cap.
    public var usableSeats: Int
    public var date: CivilDate
    public var stops: [TripStop]
    public var passengers: [SeatAssignment]
    public var busKm: Double
    public init(id: String, routeID: String, busID: String, plate: String, licensedSeats: Int, usableSeats: Int, date: CivilDate,
                stops: [TripStop], passengers: [SeatAssignment], busKm: Double) {
        self.id = id; self.routeID = routeID; self.busID = busID; self.plate = plate; self.licensedSeats = licensedSeats
        self.usableSeats = usableSeats; self.date = date; self.stops = stops; self.passengers = passengers; self.busKm = busKm
    }
    public var departure: Timestamp { stops.first!.depart }
    public var arrival: Timestamp { stops.last!.arrive }
    public var pickupStopCount: Int { stops.filter { $0.role == .pickup }.count }
}

/// A trip of the previous version that the new plan could not keep as it was, and why.
public struct BrokenPin: Sendable, Hashable, Codable {
    public var tripID: String
    public var reason: String
    /// True when the trip was kept as it was although it now breaks a rule (a pinned trip is
    /// changed only by `--replan-all`); false when it could not be kept at all.
    public var kept: Bool
    public init(tripID: String, reason: String, kept: Bool = false) { self.tripID = tripID; self.reason = reason; self.kept = kept }
}

/// The result of planning: trips, unplaced workers with reasons, and the bound.
public struct Plan: Sendable, Hashable {
    public var direction: Direction
    public var dates: DateWindow
    public var trips: [Trip]
    public var unplaced: [Unplaced]
    /// A proven lower bound on trips for the workers placed (see docs/planning.md); with
    /// pinned trips, the pinned trips plus the bound for the workers placed on new trips.
    public var lowerBoundTrips: Int
    /// Workers of this direction whose days fall outside the planned dates (not planned
    /// here), by id.
    public var outsideDateWorkers: [String]
    /// Trips carried over unchanged in bus, day, times and stops from the previous version
    /// (pinned: published, closed or with boarding records).
    public var keptTrips: [String] = []
    /// Pinned trips that could not be kept, with the reason.
    public var brokenPins: [BrokenPin] = []

    /// Whether the plan provably uses the fewest trips: it meets the lower bound and everyone
    /// placeable was placed (only structural reasons — no route, ambiguous route, household
    /// without a common day or larger than any bus — leave people out).
    public var boundReached: Bool {
        trips.count == lowerBoundTrips && unplaced.allSatisfy { UnplacedReason.structural.contains($0.reason) }
    }

    /// Pickup stops whose people ride more than one bus on the same day (a village split
    /// between buses), counted once per stop and day.
    public var splitStops: Int {
        var trips: [String: Int] = [:]
        for t in self.trips { for s in Set(t.stops.filter { $0.role == .pickup }.map(\.stopID)) { trips["\(t.date) \(s)", default: 0] += 1 } }
        return trips.values.filter { $0 > 1 }.count
    }

    /// How many workers of this direction travel outside the planned dates.
    public var outsideDates: Int { outsideDateWorkers.count }

    public init(direction: Direction, dates: DateWindow, trips: [Trip], unplaced: [Unplaced], lowerBoundTrips: Int, outsideDateWorkers: [String]) {
        self.direction = direction; self.dates = dates; self.trips = trips; self.unplaced = unplaced
        self.lowerBoundTrips = lowerBoundTrips; self.outsideDateWorkers = outsideDateWorkers
    }

    public var workersPlaced: Int { trips.reduce(0) { $0 + $1.passengers.count } }
    public var busKm: Double { trips.reduce(0) { $0 + $1.busKm } }
    /// Placed passengers over licensed seats of the trips used.
    public var seatUtilisation: Double {
        let seats = trips.reduce(0) { $0 + $1.licensedSeats }
        return seats == 0 ? 0 : Double(workersPlaced) / Double(seats)
    }
}
