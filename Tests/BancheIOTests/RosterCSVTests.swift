import Testing
import BancheCore
@testable import BancheIO

@Suite struct RosterCSVTests {
    func parse(_ text: String) throws -> ([DutyRecord], [ImportIssue]) {
        RosterCSV.parse(try CSVReader().parse(text, file: "r.csv"), zone: .china)
    }

    @Test func aRosterWithoutServiceIsACharter() throws {
        let (rs, issues) = try parse("driver_id,activity,start,end\nD1,drive,2027-02-14T02:30,2027-02-14T03:00\n")
        #expect(issues.isEmpty)
        #expect(rs.map(\.service) == [.charter])
    }

    @Test func serviceColumnIsReadAndWritten() throws {
        let text = "driver_id,activity,start,end,trip_km,service\n"
            + "D1,drive,2027-02-14T02:30,2027-02-14T03:00,50,feeder\n"
            + "D2,drive,2027-02-14T02:30,2027-02-14T03:00,50,\n"
            + "D3,drive,2027-02-14T02:30,2027-02-14T03:00,50,Airport-Rail-Express\n"
        let (rs, issues) = try parse(text)
        #expect(issues.isEmpty)
        #expect(rs.map(\.service) == [.feeder, .charter, .airportRailExpress])
        // An exported roster reads back the same.
        let (again, _) = try parse(RosterCSV.write(rs, zone: .china))
        #expect(again.map(\.service) == rs.map(\.service))
        // The 50 km feeder run is exempt from the halt; the 50 km charter is not.
        #expect(RuleEngine(profile: .cnPassenger).violations(rs).map(\.driverID) == ["D2"])
    }

    @Test func unknownServiceIsAnIssueNamingTheValues() throws {
        let (_, issues) = try parse("driver_id,activity,start,end,service\nD1,drive,2027-02-14T06:00,2027-02-14T07:00,shuttle\n")
        #expect(issues.count == 1)
        #expect(issues.first?.line == 2 && issues.first?.column == 5)
        #expect(issues.first?.message.contains("charter, scheduled, airport-rail-express, commuter, customised, feeder") == true)
    }
}
