/// Everything printed on one trip's passenger manifest (乘客名单), as plain values.
public struct Manifest: Sendable, Hashable {
    public struct Passenger: Sendable, Hashable {
        public var seat: Int
        public var workerID: String
        public var name: String
        public var residentID: String
        public var phone: String?
        public var pickupStop: String
        public var pickupName: String
        public var dropoffName: String
        public var homeTownship: String
        public var employer: String
        public var priority: [PriorityGroup]
        public var boarding: String
        public var gender: Gender? { (try? ResidentID(residentID))?.gender }
        public init(seat: Int, workerID: String, name: String, residentID: String, phone: String?, pickupStop: String, pickupName: String,
                    dropoffName: String, homeTownship: String, employer: String, priority: [PriorityGroup], boarding: String) {
            self.seat = seat; self.workerID = workerID; self.name = name; self.residentID = residentID; self.phone = phone
            self.pickupStop = pickupStop; self.pickupName = pickupName; self.dropoffName = dropoffName; self.homeTownship = homeTownship
            self.employer = employer; self.priority = priority; self.boarding = boarding
        }
    }
    public struct Driver: Sendable, Hashable {
        public var id: String
        public var name: String
        public var licenceClass: String
        public var phone: String?
        public init(id: String, name: String, licenceClass: String, phone: String?) { self.id = id; self.name = name; self.licenceClass = licenceClass; self.phone = phone }
    }
    public struct StopLine: Sendable, Hashable {
        public var name: String
        public var role: StopRole
        public var arrive: Timestamp
        public var depart: Timestamp
        public var boarding: Int
        public var alighting: Int
        public init(name: String, role: StopRole, arrive: Timestamp, depart: Timestamp, boarding: Int, alighting: Int) {
            self.name = name; self.role = role; self.arrive = arrive; self.depart = depart; self.boarding = boarding; self.alighting = alighting
        }
    }
    public var planVersion: Int
    public var tripID: String
    public var routeName: String
    public var date: CivilDate
    public var departure: Timestamp
    public var plate: String
    public var licensedSeats: Int
    public var drivers: [Driver]
    /// Who drives when: driver id, start, end (outbound only).
    public var rotation: [(String, Timestamp, Timestamp)]
    public var stops: [StopLine]
    public var passengers: [Passenger]
    /// Where the bus stands when each rotation segment hands over (by segment; nil when
    /// unknown or at the end).
    public var rotationPlaces: [String?]
    public init(planVersion: Int, tripID: String, routeName: String, date: CivilDate, departure: Timestamp, plate: String, licensedSeats: Int,
                drivers: [Driver], rotation: [(String, Timestamp, Timestamp)], stops: [StopLine], passengers: [Passenger], rotationPlaces: [String?] = []) {
        self.planVersion = planVersion; self.tripID = tripID; self.routeName = routeName; self.date = date; self.departure = departure
        self.plate = plate; self.licensedSeats = licensedSeats; self.drivers = drivers; self.rotation = rotation; self.stops = stops; self.passengers = passengers
        self.rotationPlaces = rotationPlaces
    }
    public static func == (a: Manifest, b: Manifest) -> Bool { a.tripID == b.tripID && a.planVersion == b.planVersion && a.passengers == b.passengers }
    public func hash(into h: inout Hasher) { h.combine(tripID); h.combine(planVersion) }
}
