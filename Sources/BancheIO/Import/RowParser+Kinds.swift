import BancheCore

extension RowParser {
    mutating func parseStop(_ row: CSVRow) -> Stop? {
        guard checkShape(row) else { return nil }
        let id = identifier(row, "stop_id")
        let name = text(row, "name", required: true, maxLength: 100)
        let kindText = cell(row, "kind")
        let kind = StopKind(rawValue: kindText.lowercased())
        if kind == nil {
            issue(line: row.line, column: col("kind"), kindText.isEmpty ? "kind is empty" : "kind \"\(echo(kindText))\" must be one of township, factory, rest-area, depot")
        }
        let township = text(row, "township", maxLength: 50)
        var division: String? = cell(row, "division_code")
        if division!.isEmpty { division = nil } else if ![6, 9, 12].contains(division!.count) || !division!.allSatisfy(\.isNumber) {
            issue(line: row.line, column: col("division_code"), "division_code \"\(echo(division!))\" must be 6, 9 or 12 digits")
        }
        let lat = double(row, "latitude", range: -90...90)
        let lon = double(row, "longitude", range: -180...180)
        let address = text(row, "address", maxLength: 200)
        guard let id, let name, let kind, let township, let lat, let lon, let address else { return nil }
        if let prev = seenInFileMap["stop:" + id] { issue(line: row.line, column: col("stop_id"), "stop \(echo(id)) appears twice in this file (also line \(prev))"); return nil }
        seenInFileMap["stop:" + id] = row.line
        if known.stops[id] != nil && !replace {
            issue(line: row.line, column: col("stop_id"), "stop \(echo(id)) is already in the database; use --replace to update it"); return nil
        }
        known.stops[id] = kind
        known.stopNames[name] = known.stopNames[name].map { $0 == id ? id : nil } ?? id
        return Stop(id: id, name: name, kind: kind, township: township, divisionCode: division, latitude: lat, longitude: lon, address: address)
    }

    mutating func parseLeg(_ row: CSVRow) -> Leg? {
        guard checkShape(row) else { return nil }
        let from = stopRef(row, "from_stop", required: true, kind: nil)
        let to = stopRef(row, "to_stop", required: true, kind: nil)
        let km = double(row, "distance_km", range: 0.01...5000)
        let minutes = int(row, "minutes", min: 1, max: 10_000)
        let rcText = cell(row, "road_class").lowercased()
        let rc = rcText.isEmpty ? RoadClass.highway : RoadClass(rawValue: rcText)
        if rc == nil { issue(line: row.line, column: col("road_class"), "road_class \"\(echo(rcText))\" must be expressway, highway or local") }
        let both = flag(row, "both_ways", default: true)
        guard let from = from ?? nil, let to = to ?? nil, let km, let minutes, let rc, let both else { return nil }
        if from == to { issue(line: row.line, column: col("to_stop"), "to_stop is the same as from_stop"); return nil }
        let key = "\(from)>\(to)"
        if let prev = seenInFileMap["leg:" + key] { issue(line: row.line, column: col("from_stop"), "leg \(from) → \(to) appears twice in this file (also line \(prev))"); return nil }
        if known.legs.contains(key) && !replace { issue(line: row.line, column: col("from_stop"), "leg \(from) → \(to) is already in the database; use --replace to update it"); return nil }
        seenInFileMap["leg:" + key] = row.line
        known.legs.insert(key)
        return Leg(from: from, to: to, distanceKm: km, minutes: minutes, roadClass: rc, bothWays: both)
    }

    mutating func parseRoute(_ row: CSVRow) -> Route? {
        guard checkShape(row) else { return nil }
        let id = identifier(row, "route_id")
        let name = text(row, "name", required: true, maxLength: 100)
        let dir = direction(row)
        let service = window(row, "service_from", "service_to", defaultLastToFirst: false)
        let e = time(row, "depart_earliest"), l = time(row, "depart_latest")
        var rest: [String] = []
        var restOK = true
        for part in cell(row, "rest_stops").split(separator: ";").map({ $0.trimmingSpaces() }) where !part.isEmpty {
            guard let k = known.stops[part] else {
                issue(line: row.line, column: col("rest_stops"), "rest stop \"\(echo(part))\" is not a known stop"); restOK = false; continue
            }
            if k != .restArea { issue(line: row.line, column: col("rest_stops"), "rest stop \"\(echo(part))\" is a \(k.rawValue), not a rest-area"); restOK = false; continue }
            rest.append(part)
        }
        let maxStops = cell(row, "max_pickup_stops").isEmpty ? Optional<Int?>.some(nil) : int(row, "max_pickup_stops", min: 1, max: 50).map { Optional($0) }
        let maxMin = cell(row, "max_pickup_minutes").isEmpty ? Optional<Int?>.some(nil) : int(row, "max_pickup_minutes", min: 1, max: 1440).map { Optional($0) }
        let maxDropStops = cell(row, "max_dropoff_stops").isEmpty ? Optional<Int?>.some(nil) : int(row, "max_dropoff_stops", min: 1, max: 50).map { Optional($0) }
        let maxDropMin = cell(row, "max_dropoff_minutes").isEmpty ? Optional<Int?>.some(nil) : int(row, "max_dropoff_minutes", min: 1, max: 1440).map { Optional($0) }
        if let e, let l, l < e { issue(line: row.line, column: col("depart_latest"), "depart_latest \(l) is before depart_earliest \(e)"); return nil }
        let typeText = cell(row, "service").trimmingSpaces().lowercased()
        let serviceType = typeText.isEmpty ? ServiceType.charter : ServiceType(rawValue: typeText)
        if serviceType == nil {
            issue(line: row.line, column: col("service"), "service \"\(echo(cell(row, "service")))\" must be one of \(ServiceType.allCases.map(\.rawValue).joined(separator: ", ")) (empty: charter)")
        }
        guard let id, let name, let dir, let service, let e, let l, restOK, let maxStops, let maxMin, let maxDropStops, let maxDropMin, let serviceType else { return nil }
        if let prev = seenInFileMap["route:" + id] { issue(line: row.line, column: col("route_id"), "route \(echo(id)) appears twice in this file (also line \(prev))"); return nil }
        seenInFileMap["route:" + id] = row.line
        if known.routes[id] != nil && !replace { issue(line: row.line, column: col("route_id"), "route \(echo(id)) is already in the database; use --replace to update it"); return nil }
        known.routes[id] = dir
        var route = Route(id: id, name: name, direction: dir, service: service, departEarliest: e, departLatest: l,
                          restStops: rest, maxPickupStops: maxStops, maxPickupMinutes: maxMin, serviceType: serviceType)
        route.maxDropoffStops = maxDropStops
        route.maxDropoffMinutes = maxDropMin
        return route
    }

    mutating func time(_ row: CSVRow, _ name: String) -> TimeOfDay? {
        let v = cell(row, name)
        guard let t = TimeOfDay(v) else {
            issue(line: row.line, column: col(name), v.isEmpty ? "\(name) is empty" : "\(name) \"\(echo(v))\" is not a time; write HH:MM, e.g. 06:30")
            return nil
        }
        return t
    }

    mutating func parseBus(_ row: CSVRow) -> Bus? {
        guard checkShape(row) else { return nil }
        let id = identifier(row, "bus_id")
        let plateText = cell(row, "plate")
        let plate = TextRules.plate(plateText)
        if plate == nil {
            issue(line: row.line, column: col("plate"), plateText.isEmpty ? "plate is empty" : "plate \"\(echo(plateText))\" is not a Chinese licence plate (e.g. 桂F12345)")
        }
        let seats = int(row, "seats", min: 1, max: 120)
        let acc = int(row, "accessible_seats", min: 0, max: 120, default: 0)
        let depot = stopRef(row, "depot_stop", required: false, kind: .depot)
        let avail = window(row, "available_from", "available_to", defaultLastToFirst: false)
        let op = text(row, "operator", maxLength: 100)
        guard let id, let plate, let seats, let acc, let depot, let avail, let op else { return nil }
        if acc > seats { issue(line: row.line, column: col("accessible_seats"), "accessible_seats \(acc) is more than seats \(seats)"); return nil }
        if let prev = seenInFileMap["plate:" + plate] { issue(line: row.line, column: col("plate"), "plate \(plate) appears twice in this file (also line \(prev))"); return nil }
        if let other = known.plates[plate], other != id {
            issue(line: row.line, column: col("plate"), "plate \(plate) already belongs to bus \(other)"); return nil
        }
        seenInFileMap["plate:" + plate] = row.line
        guard claim(row, id: id, column: "bus_id", existing: \.buses, what: "bus") else { return nil }
        known.plates[plate] = id
        return Bus(id: id, plate: plate, seats: seats, accessibleSeats: acc, depot: depot, available: avail, operatorName: op)
    }

    mutating func parseDriver(_ row: CSVRow) -> Driver? {
        guard checkShape(row) else { return nil }
        let id = identifier(row, "driver_id")
        let name = text(row, "name", required: true, maxLength: 50)
        let rid = residentID(row, "resident_id", required: false)
        let ph = phone(row, "phone", required: true)
        let lcText = cell(row, "licence_class").uppercased()
        let lc = LicenceClass(rawValue: lcText)
        if lc == nil {
            issue(line: row.line, column: col("licence_class"), lcText.isEmpty ? "licence_class is empty" : "licence_class \"\(echo(lcText))\" does not allow driving a coach; A1 (large bus) or B1 (medium bus) is needed")
        }
        let expiry = date(row, "licence_expiry")
        let op = text(row, "operator", maxLength: 100)
        let depot = stopRef(row, "home_depot", required: false, kind: .depot)
        let avail = window(row, "available_from", "available_to", defaultLastToFirst: false)
        guard let id, let name, let rid, let ph, let lc, let expiry = expiry ?? nil, let op, let depot, let avail else { return nil }
        if expiry < avail.last {
            issue(line: row.line, column: col("licence_expiry"), "licence expires \(expiry), before the last available day \(avail.last)"); return nil
        }
        if let rid {
            if let prev = seenRIDs[rid.value] { issue(line: row.line, column: col("resident_id"), "resident_id \(rid.masked) appears twice in this file (also line \(prev))"); return nil }
            seenRIDs[rid.value] = row.line
            if let other = known.driverResidentIDs[rid.value], other != id {
                issue(line: row.line, column: col("resident_id"), "resident_id \(rid.masked) already belongs to driver \(other)"); return nil
            }
        }
        guard claim(row, id: id, column: "driver_id", existing: \.drivers, what: "driver") else { return nil }
        if let rid { known.driverResidentIDs[rid.value] = id }
        return Driver(id: id, name: name, residentID: rid, phone: ph, licenceClass: lc, licenceExpiry: expiry, operatorName: op, homeDepot: depot, available: avail)
    }

    mutating func parseWorker(_ row: CSVRow) -> Worker? {
        guard checkShape(row) else { return nil }
        let id = identifier(row, "worker_id", personal: true)
        let name = text(row, "name", required: true, maxLength: 50)
        let rid = residentID(row, "resident_id", required: true)
        let ph = phone(row, "phone", required: false)
        let household = identifier(row, "household_id", required: false, personal: true)
        let householdOK = cell(row, "household_id").isEmpty || household != nil
        let dir = direction(row)
        let win = window(row, "earliest_date", "latest_date", defaultLastToFirst: true)
        let pickup = stopRef(row, "pickup_stop", required: true, kind: dir.map { StopKind.pickupKind($0) })
        let dropoff = stopRef(row, "dropoff_stop", required: true, kind: dir.map { StopKind.dropoffKind($0) })
        let employer = text(row, "employer", maxLength: 100)
        let township = homeTownship(row)
        var prio: Set<PriorityGroup> = []
        var prioOK = true
        let prioText = cell(row, "priority")
        // One group written exactly (the usual case): no splitting.
        let single = prioText.isEmpty ? nil : PriorityGroup(rawValue: prioText)
        if let single { prio.insert(single) }
        for part in (single != nil ? [] : prioText.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "," || $0 == "、" }).map({ $0.trimmingSpaces() })) where !part.isEmpty {
            if let g = PriorityGroup(rawValue: part.lowercased()) ?? PriorityGroup.allCases.first(where: { $0.chinese == part || part == $0.chinese + "人口" || part == $0.chinese + "人" }) {
                prio.insert(g)
            } else {
                issue(line: row.line, column: col("priority"), "priority \"\(echo(part))\" must be one of \(PriorityGroup.allCases.map(\.rawValue).joined(separator: ", "))")
                prioOK = false
            }
        }
        let acc = flag(row, "accessible_seat", default: false)
        var route: String?? = .some(nil)
        let routeText = cell(row, "route_id")
        if !routeText.isEmpty {
            if let rd = known.routes[routeText] {
                if let dir, rd != dir {
                    issue(line: row.line, column: col("route_id"), "route \(echo(routeText)) runs \(rd.rawValue), but the worker travels \(dir.rawValue)"); route = nil
                } else { route = .some(routeText) }
            } else {
                issue(line: row.line, column: col("route_id"), "route_id \"\(echo(routeText))\" is not a known route; import routes.csv first or fix the id"); route = nil
            }
        }
        guard let id, let name, let rid = rid ?? nil, let ph, householdOK, let dir, let win, let pickup = pickup ?? nil,
              let dropoff = dropoff ?? nil, let employer, let township, prioOK, let acc, let route else { return nil }
        if let prev = seenRIDs[rid.value] {
            issue(line: row.line, column: col("resident_id"), "resident_id \(rid.masked) appears twice in this file (also line \(prev))"); return nil
        }
        seenRIDs[rid.value] = row.line
        if let other = known.workerResidentIDs[rid.value], other != id {
            issue(line: row.line, column: col("resident_id"), "resident_id \(rid.masked) already belongs to worker \(other)"); return nil
        }
        guard claim(row, id: id, column: "worker_id", existing: \.workers, what: "worker") else { return nil }
        known.workerResidentIDs[rid.value] = id
        return Worker(id: id, name: name, residentID: rid, phone: ph, household: household, direction: dir, window: win,
                      pickupStop: pickup, dropoffStop: dropoff, employer: employer, homeTownship: township, priority: prio,
                      needsAccessibleSeat: acc, route: route)
    }
}
