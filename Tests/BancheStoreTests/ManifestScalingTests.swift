import Foundation
import Testing
@testable import BancheCore
@testable import BancheStore

/// Issue #10: manifests and exports read a plan in time linear in its size. Before, each trip
/// was looked up by id (a scan of every trip) and its drives read by a scan of every duty of
/// the version: `export passengers` took 96 s for 100,000 workers.
@Suite struct ManifestScalingTests {
    /// A plan of `n` trips, each with 3 stops, 10 passengers and `duties` duty records.
    func store(trips n: Int, duties: Int = 40) throws -> SQLiteStore {
        let (s, _) = try temporaryStore()
        let day = CivilDate(year: 2027, month: 2, day: 13)!
        let t0 = Timestamp(date: day, minuteOfDay: 5 * 60, zone: .china)
        var trips: [Trip] = [], records: [DutyRecord] = []
        for i in 0..<n {
            let id = "T\(i)"
            let stops = [TripStop(stopID: "S\(i % 7)", role: .pickup, arrive: t0, depart: t0.adding(minutes: 5), boarding: 10, alighting: 0, kmFromPrevious: 0),
                         TripStop(stopID: "R1", role: .rest, arrive: t0.adding(minutes: 200), depart: t0.adding(minutes: 220), boarding: 0, alighting: 0, kmFromPrevious: 150),
                         TripStop(stopID: "F1", role: .dropoff, arrive: t0.adding(minutes: 500), depart: t0.adding(minutes: 500), boarding: 0, alighting: 10, kmFromPrevious: 300)]
            let seats = (1...10).map { SeatAssignment(seat: $0, workerID: "W\(i)-\($0)", pickupStop: "S\(i % 7)", dropoffStop: "F1") }
            trips.append(Trip(id: id, routeID: "TD-PJ", busID: "B\(i)", plate: "桂F\(10000 + i)", licensedSeats: 53, usableSeats: 53, date: day,
                              stops: stops, passengers: seats, busKm: 450))
            for k in 0..<duties {
                let start = t0.adding(minutes: k * 12)
                records.append(DutyRecord(driverID: "D\(i)-\(k % 2)", activity: k % 2 == 0 ? .drive : .available, start: start, end: start.adding(minutes: 12),
                                          vehicleID: "B\(i)", tripID: id, tripKm: 450))
            }
        }
        let plan = Plan(direction: .toWork, dates: DateWindow(first: day, last: day)!, trips: trips, unplaced: [], lowerBoundTrips: n, outsideDateWorkers: [])
        _ = try s.savePlan(plan, summaryJSON: "{}", audit: audit, duties: records)
        return s
    }

    func time(_ s: SQLiteStore) throws -> Double {
        var best = Double.infinity
        for _ in 0..<2 {
            let t = Date()
            let m = try s.manifests(version: nil)
            best = min(best, Date().timeIntervalSince(t))
            #expect(m.allSatisfy { $0.passengers.count == 10 && $0.stops.count == 3 && $0.rotation.count == 1 && $0.drivers.count == 1 })
        }
        return best
    }

    @Test func fourTimesTheTripsTakesAboutFourTimesAsLong() throws {
        let small = try store(trips: 300), large = try store(trips: 1200)
        let (a, b) = (try time(small), try time(large))
        // Linear: about 4; the per-trip scans made it about 16.
        print("manifests: 300 trips \(a) s, 1200 trips \(b) s")
        #expect(b / a < 8, "300 trips \(a) s, 1200 trips \(b) s")
    }

    @Test func filtersAndStoredTripsAgreeWithTheWholePlan() throws {
        let s = try store(trips: 20, duties: 4)
        let all = try s.manifests(version: nil)
        #expect(all.map(\.tripID) == (0..<20).map { "T\($0)" }.sorted())
        let one = try s.manifests(version: nil, trip: "T7") { t in
            #expect(t.passengers == (1...10).map { "T7-\($0)" }.map { "W" + $0.dropFirst() }.sorted())
            #expect(t.firstPickup == all[0].stops[0].depart)
            #expect(t.pickupTimes.count == 10)
            return [:]
        }
        #expect(one.count == 1 && one[0] == all.first { $0.tripID == "T7" })
        #expect(try s.manifests(version: nil, date: CivilDate(year: 2027, month: 2, day: 14)!).isEmpty)
        #expect(try s.manifests(version: nil, date: CivilDate(year: 2027, month: 2, day: 13)!).count == 20)
        #expect(try s.trip("T7")?.passengers.count == 10)
        #expect(try s.trip("T7", version: 1)?.pickupTimes["W7-1"] == all[0].stops[0].depart)
    }
}
