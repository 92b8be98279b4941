import Testing
@testable import BancheCore

@Suite struct CNNightHaltAndCrewTests {
    let cn = RuleProfile.cnPassenger

    @Test func endingExactlyAtTwoIsLegal() {
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T00:30", "2027-02-14T02:00", km: 800)]) == [])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T00:30", "2027-02-14T02:01", km: 800)]) == ["CN-NIGHT-HALT"])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T05:00", "2027-02-14T06:30", km: 800)]) == [])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T04:59", "2027-02-14T06:00", km: 800)]) == ["CN-NIGHT-HALT"])
    }

    @Test func relayAndShortRunsOfNamedServicesAreExempt() {
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T02:30", "2027-02-14T04:00", km: 800, relay: true)]) == [])
        // Issue #12: the short-run exemption is for the services 交运规〔2023〕2号 art. 32 names,
        // up to 200 km; a charter of 200 km halts (it was exempt before).
        for service in [ServiceType.airportRailExpress, .commuter, .customised, .feeder] {
            #expect(rules(cn, [rec("D1", .drive, "2027-02-14T02:30", "2027-02-14T04:00", km: 200, service: service)]) == [])
            #expect(rules(cn, [rec("D1", .drive, "2027-02-14T02:30", "2027-02-14T04:00", km: 201, service: service)]) == ["CN-NIGHT-HALT"])
            // No distance given: not known to be short.
            #expect(rules(cn, [rec("D1", .drive, "2027-02-14T02:30", "2027-02-14T04:00", service: service)]) == ["CN-NIGHT-HALT"])
        }
        for service in [ServiceType.charter, .scheduled] {
            #expect(rules(cn, [rec("D1", .drive, "2027-02-14T02:30", "2027-02-14T04:00", km: 200, service: service)]) == ["CN-NIGHT-HALT"])
            #expect(rules(cn, [rec("D1", .drive, "2027-02-14T02:30", "2027-02-14T04:00", km: 900, relay: true, service: service)]) == [])
        }
    }

    @Test func runsOverFourHundredKilometresCarryTwoDrivers() {
        let solo = [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T11:00", trip: "T1", km: 401)]
        #expect(rules(cn, solo) == ["CN-CREW"])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T11:00", trip: "T1", km: 400)]) == [])
        // Issue #12: the second driver must drive on the trip (riding along no longer counts).
        let pair = [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T10:00", trip: "T1", km: 401),
                    rec("D2", .available, "2027-02-13T08:00", "2027-02-13T10:00", trip: "T1", km: 401),
                    rec("D2", .drive, "2027-02-13T10:00", "2027-02-13T11:00", trip: "T1", km: 401)]
        #expect(rules(cn, pair) == [])
    }
}
