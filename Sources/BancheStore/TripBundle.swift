import BancheCore

/// One trip's rows, read in bulk by a store (SQLite or PostgreSQL), before they become a
/// `Manifest`: both stores fill the same plain values, so a manifest reads the same from either.
package struct TripBundle {
    package struct StopRow {
        package var stopID: String, name: String, role: String, arrive: String, depart: String, boarding: Int, alighting: Int
        package init(stopID: String, name: String, role: String, arrive: String, depart: String, boarding: Int, alighting: Int) {
            self.stopID = stopID; self.name = name; self.role = role; self.arrive = arrive; self.depart = depart; self.boarding = boarding; self.alighting = alighting
        }
    }
    package struct SeatRow {
        package var seat: Int, workerID: String, name: String, residentID: String, phone: String?, pickupStop: String
        package var pickupName: String, dropoffName: String, township: String, employer: String, priority: String
        package init(seat: Int, workerID: String, name: String, residentID: String, phone: String?, pickupStop: String, pickupName: String,
                     dropoffName: String, township: String, employer: String, priority: String) {
            self.seat = seat; self.workerID = workerID; self.name = name; self.residentID = residentID; self.phone = phone; self.pickupStop = pickupStop
            self.pickupName = pickupName; self.dropoffName = dropoffName; self.township = township; self.employer = employer; self.priority = priority
        }
    }
    package var version: Int
    package var tripID: String, routeName: String, busID: String, plate: String, seats: Int, serviceDate: String, departure: String
    package var stops: [StopRow] = []
    package var seatRows: [SeatRow] = []
    /// Driving records: driver id, start, end.
    package var drives: [(String, Timestamp, Timestamp)] = []
    /// Place of the bus at each break or rest, by the record's start (seconds).
    package var places: [Int: String] = [:]
    package var closedAt: String? = nil
    package var drivers: [String: Manifest.Driver] = [:]

    package init(version: Int, tripID: String, routeName: String, busID: String, plate: String, seats: Int, serviceDate: String, departure: String) {
        self.version = version; self.tripID = tripID; self.routeName = routeName; self.busID = busID; self.plate = plate; self.seats = seats
        self.serviceDate = serviceDate; self.departure = departure
    }

    /// Records where the bus stands at a break or rest (`路边 roadside` when the place has no name).
    package mutating func addPlace(start: String, name: String) {
        places[bundleStamp(start).seconds] = name.isEmpty ? "路边 roadside" : name
    }

    /// The bundles of `order`, each with its close (if any) and the drivers' details.
    package static func inOrder(_ order: [String], _ bundles: [String: TripBundle], closed: [String: String], drivers: [String: Manifest.Driver]) -> [TripBundle] {
        order.map { id in
            var b = bundles[id]!
            b.closedAt = closed[id]
            b.drivers = drivers
            return b
        }
    }

    package var stored: StoredTrip {
        StoredTrip.make(version: version, tripID: tripID, serviceDate: serviceDate, departure: departure, busID: busID,
                        passengers: seatRows.map { ($0.workerID, $0.pickupStop) }.sorted { $0.0 < $1.0 },
                        stops: stops.map { ($0.stopID, $0.role, $0.depart) }, closedAt: closedAt)
    }

    package func manifest(status: (StoredTrip) throws -> [String: String]) throws -> Manifest {
        let statuses = try status(stored)
        let stopLines = stops.map { r in
            Manifest.StopLine(name: r.name, role: StopRole(rawValue: r.role)!, arrive: bundleStamp(r.arrive), depart: bundleStamp(r.depart),
                              boarding: r.boarding, alighting: r.alighting)
        }
        let passengers = seatRows.map { r in
            Manifest.Passenger(seat: r.seat, workerID: r.workerID, name: r.name, residentID: r.residentID, phone: r.phone,
                               pickupStop: r.pickupStop, pickupName: r.pickupName, dropoffName: r.dropoffName,
                               homeTownship: r.township, employer: r.employer,
                               priority: r.priority.split(separator: ";").compactMap { PriorityGroup(rawValue: String($0)) },
                               boarding: statuses[r.workerID] ?? "")
        }
        var rotation: [(String, Timestamp, Timestamp)] = []
        for d in drives {
            if let last = rotation.last, last.0 == d.0, last.2.minutes(to: d.1) < 20 { rotation[rotation.count - 1].2 = d.2 } else { rotation.append(d) }
        }
        var crew: [String] = []
        var seen = Set<String>()
        for d in drives.map(\.0) where seen.insert(d).inserted { crew.append(d) }
        let crewLines = crew.map { drivers[$0] ?? Manifest.Driver(id: $0, name: $0, licenceClass: "", phone: nil) }
        return Manifest(planVersion: version, tripID: tripID, routeName: routeName, date: CivilDate(iso: serviceDate)!,
                        departure: bundleStamp(departure), plate: plate, licensedSeats: seats, drivers: crewLines,
                        rotation: rotation, stops: stopLines, passengers: passengers,
                        rotationPlaces: rotation.dropLast().map { places[$0.2.seconds] })
    }
}

package func bundleStamp(_ s: String) -> Timestamp { Timestamp(iso: s, defaultZone: .china)! }

extension StoredTrip {
    /// Builds a StoredTrip from its `trip` row's values, (worker, pickup stop) pairs sorted by
    /// worker, and (stop, role, depart) of its stops in order — as either store reads them.
    package static func make(version v: Int, tripID: String, serviceDate: String, departure: String, busID: String,
                             passengers: [(String, String)], stops: [(String, String, String)], closedAt: String?) -> StoredTrip {
        var pickupAt: [String: Timestamp] = [:]
        var first: Timestamp? = nil
        for (stop, role, depart) in stops where role == StopRole.pickup.rawValue {
            let t = bundleStamp(depart)
            if first == nil { first = t }
            if pickupAt[stop] == nil { pickupAt[stop] = t }
        }
        var times: [String: Timestamp] = [:]
        for (w, stop) in passengers { if let t = pickupAt[stop] { times[w] = t } }
        var t = StoredTrip(version: v, tripID: tripID, date: CivilDate(iso: serviceDate)!, departure: bundleStamp(departure),
                           busID: busID, passengers: passengers.map(\.0), closedAt: closedAt, firstPickup: first, pickupTimes: times)
        t.pickupStops = Dictionary(passengers, uniquingKeysWith: { a, _ in a })
        return t
    }
}
