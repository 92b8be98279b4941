import Testing
@testable import BancheCore

/// The rule readings of issue #12, each pinned at its boundary (docs/driver-rules.md gives the sources).
@Suite struct RuleReadingTests {
    let cn = RuleProfile.cnPassenger
    let eu = RuleProfile.eu561
    let us = RuleProfile.usFMCSAPassenger

    func of(_ driver: String, _ p: RuleProfile, _ rs: [DutyRecord]) -> [String] {
        RuleEngine(profile: p).violations(rs).filter { $0.driverID == driver }.map(\.rule)
    }

    // MARK: US — riding in the moving bus is on duty (49 CFR 395.2)

    @Test func usRestingOnTheMovingBusIsOnDuty() {
        // D2 drives B1 10 h while D1 "rests" on it; then D1 drives 10 h: 20 h on duty.
        for riding in [DutyActivity.rest, .available, .break] {
            let rs = [rec("D2", .drive, "2027-02-13T05:00", "2027-02-13T15:00"), rec("D1", riding, "2027-02-13T05:00", "2027-02-13T15:00"),
                      rec("D1", .drive, "2027-02-13T15:00", "2027-02-14T01:00")]
            #expect(of("D1", us, rs) == ["US-ONDUTY-15"], "\(riding)")
        }
        // The boundary: 5 h riding + 10 h driving = 15 h 00 passes; 15 h 01 does not.
        let exact = [rec("D2", .drive, "2027-02-13T05:00", "2027-02-13T10:00"), rec("D1", .rest, "2027-02-13T05:00", "2027-02-13T10:00"),
                     rec("D1", .drive, "2027-02-13T10:00", "2027-02-13T20:00")]
        #expect(of("D1", us, exact) == [])
        let over = [rec("D2", .drive, "2027-02-13T05:00", "2027-02-13T10:01"), rec("D1", .rest, "2027-02-13T05:00", "2027-02-13T10:01"),
                    rec("D1", .drive, "2027-02-13T10:01", "2027-02-13T20:01")]
        #expect(of("D1", us, over) == ["US-ONDUTY-15"])
        // Resting in a parked bus (nobody drives it) is off duty: 10 h of it is a reset.
        let parked = [rec("D1", .rest, "2027-02-13T05:00", "2027-02-13T15:00"), rec("D1", .drive, "2027-02-13T15:00", "2027-02-14T01:00")]
        #expect(of("D1", us, parked) == [])
    }

    @Test func usRidingIsNotTheEightHourReset() {
        // 5 h driving, 9 h riding while D2 drives, 6 h driving: one shift of 11 h driving, 20 h on duty.
        let rs = [rec("D1", .drive, "2027-02-13T00:00", "2027-02-13T05:00"), rec("D1", .rest, "2027-02-13T05:00", "2027-02-13T14:00"),
                  rec("D2", .drive, "2027-02-13T05:00", "2027-02-13T14:00"), rec("D1", .drive, "2027-02-13T14:00", "2027-02-13T20:00")]
        #expect(of("D1", us, rs) == ["US-DRIVE-10", "US-ONDUTY-15"])
        // The same 9 h off the bus (no vehicle) is a reset.
        let off = [rec("D1", .drive, "2027-02-13T00:00", "2027-02-13T05:00"), rec("D1", .rest, "2027-02-13T05:00", "2027-02-13T14:00", vehicle: nil),
                   rec("D1", .drive, "2027-02-13T14:00", "2027-02-13T20:00")]
        #expect(of("D1", us, off) == [])
    }

    // MARK: CN-CREW counts drivers who drive

    @Test func cnCrewCountsOnlyPeopleWhoDrive() {
        let solo = rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T11:00", trip: "T1", km: 401)
        // A passenger who loaded the bus for 20 minutes is not a second driver.
        #expect(rules(cn, [rec("D2", .otherWork, "2027-02-13T07:40", "2027-02-13T08:00", vehicle: "B1", trip: "T1", km: 401), solo]) == ["CN-CREW"])
        // Nor is someone who only rides along.
        #expect(rules(cn, [solo, rec("D2", .available, "2027-02-13T08:00", "2027-02-13T11:00", trip: "T1", km: 401)]) == ["CN-CREW"])
        // One minute at the wheel on that trip makes a crew of two.
        let pair = [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T10:59", trip: "T1", km: 401),
                    rec("D2", .available, "2027-02-13T08:00", "2027-02-13T10:59", trip: "T1", km: 401),
                    rec("D2", .drive, "2027-02-13T10:59", "2027-02-13T11:00", trip: "T1", km: 401)]
        #expect(rules(cn, pair) == [])
    }

    // MARK: CN stints end only with break, rest, or riding while another drives

    @Test func cnLoadingAndWaitingDoNotEndAStint() {
        for (act, vehicle) in [(DutyActivity.otherWork, "B1"), (.available, nil), (.available, "B1")] as [(DutyActivity, String?)] {
            // 30 minutes of loading, of waiting off the bus, or of waiting in a parked bus: one stint of 4 h 01.
            let rs = [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T10:00"), rec("D1", act, "2027-02-13T10:00", "2027-02-13T10:30", vehicle: vehicle),
                      rec("D1", .drive, "2027-02-13T10:30", "2027-02-13T12:31")]
            #expect(rules(cn, rs) == ["CN-CONT-DAY"], "\(act) \(vehicle ?? "-")")
            let exact = [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T10:00"), rec("D1", act, "2027-02-13T10:00", "2027-02-13T10:30", vehicle: vehicle),
                         rec("D1", .drive, "2027-02-13T10:30", "2027-02-13T12:30")]
            #expect(rules(cn, exact) == [], "\(act) \(vehicle ?? "-")")
        }
    }

    @Test func cnRidingWhileTheOtherDrivesIsRest() {
        func day(ride: String) -> [DutyRecord] {
            [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T10:00"),
             rec("D1", .available, "2027-02-13T10:00", "2027-02-13T\(ride)"), rec("D2", .drive, "2027-02-13T10:00", "2027-02-13T\(ride)"),
             rec("D1", .drive, "2027-02-13T\(ride)", "2027-02-13T12:40"), rec("D2", .available, "2027-02-13T\(ride)", "2027-02-13T12:40")]
        }
        // 20 minutes riding while D2 drives ends D1's stint; 19 minutes does not (2 h + 2 h 21).
        #expect(of("D1", cn, day(ride: "10:20")) == [])
        #expect(of("D1", cn, day(ride: "10:19")) == ["CN-CONT-DAY"])
        // A 10-minute roadside handover followed by 10 minutes riding is 20 minutes' rest.
        let handover = [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T10:00"), rec("D1", .break, "2027-02-13T10:00", "2027-02-13T10:10"),
                        rec("D1", .available, "2027-02-13T10:10", "2027-02-13T10:20"), rec("D2", .drive, "2027-02-13T10:10", "2027-02-13T10:20"),
                        rec("D1", .drive, "2027-02-13T10:20", "2027-02-13T12:40")]
        #expect(of("D1", cn, handover) == [])
    }

    // MARK: CN night: the 2 h cap applies to the driving inside 22:00–06:00

    @Test func cnNightCapCountsTheNightPartOfAStint() {
        // A to-work departure at 05:30 drives 4 h: half an hour of it at night.
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T05:30", "2027-02-13T09:30")]) == [])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T05:30", "2027-02-13T09:31")]) == ["CN-CONT-DAY"])
        // Evening: 20:00–00:00 has 2 h at night in a 4 h stint.
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T20:00", "2027-02-14T00:00")]) == [])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T21:00", "2027-02-14T00:01")]) == ["CN-CONT-NIGHT"])
        // Wholly at night: 2 h 00 passes, 2 h 01 fails.
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T22:00", "2027-02-14T00:00")]) == [])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T22:00", "2027-02-14T00:01")]) == ["CN-CONT-NIGHT"])
    }

    // MARK: CN halt: the short-run exemption is for named services, not for charters

    @Test func cnCharterShortRunsHaltToo() {
        // A 50 km charter (the roster default) still halts 02:00–05:00.
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T02:30", "2027-02-14T03:00", km: 50)]) == ["CN-NIGHT-HALT"])
        // A relay is exempt whatever its length.
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T02:30", "2027-02-14T03:00", km: 900, relay: true)]) == [])
    }

    // MARK: EU — `available` is a break only in multi-manning (561/2006 art. 4(d), art. 7)

    @Test func euAvailableIsABreakOnlyWhenRidingWhileAnotherDrives() {
        func z(_ d: String, _ a: DutyActivity, _ s: String, _ e: String, vehicle: String? = "B1") -> DutyRecord {
            rec(d, a, "2027-02-15T\(s)Z", "2027-02-15T\(e)Z", vehicle: vehicle)
        }
        // Waiting 45 minutes in a parked bus or off the bus is not a break: 4 h 31 driving.
        for vehicle in ["B1", nil] as [String?] {
            let rs = [z("D1", .drive, "06:00", "08:00"), z("D1", .available, "08:00", "08:45", vehicle: vehicle), z("D1", .drive, "08:45", "11:16")]
            #expect(of("D1", eu, rs) == ["EU-BREAK"])
            let exact = [z("D1", .drive, "06:00", "08:00"), z("D1", .available, "08:00", "08:45", vehicle: vehicle), z("D1", .drive, "08:45", "11:15")]
            #expect(of("D1", eu, exact) == [])
        }
        // Riding 45 minutes while D2 drives the bus is a break.
        let riding = [z("D1", .drive, "06:00", "08:00"), z("D1", .available, "08:00", "08:45"), z("D2", .drive, "08:00", "08:45"),
                      z("D1", .drive, "08:45", "11:16"), z("D2", .available, "08:45", "11:16")]
        #expect(of("D1", eu, riding) == [])
    }
}
