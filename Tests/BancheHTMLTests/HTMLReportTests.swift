import BancheCore
import BancheIO
import Foundation
import Testing
@testable import BancheHTML

/// The trip page's A4 sheets and the drivers page, rendered without a browser.
@Suite struct HTMLSheetTests {
    func manifest(passengers: Int, stops: Int) -> Manifest {
        let names = (0..<stops).map { "站\($0)" }
        let ps = (0..<passengers).map { i in
            Manifest.Passenger(seat: i + 1, workerID: "W\(i)", name: "人\(i)", residentID: "451425198301260157", phone: nil, pickupStop: "S\(i % stops)",
                               pickupName: names[i % stops], dropoffName: "厂", homeTownship: "", employer: "厂", priority: [], boarding: "pending")
        }
        let lines = names.map { Manifest.StopLine(name: $0, role: .pickup, arrive: at("05:00"), depart: at("05:10"), boarding: 0, alighting: 0) }
        return Manifest(planVersion: 1, tripID: "T", routeName: "R", date: CivilDate(iso: "2027-02-13")!, departure: at("05:10"), plate: "桂F1",
                        licensedSeats: 53, drivers: [], rotation: [], stops: lines, passengers: ps)
    }

    /// Sheets hold at most their lines; a stop heading stays with its first passenger; the
    /// signature boxes get their room on the last sheet.
    @Test(arguments: [(11, 4, 1), (14, 1, 1), (15, 1, 2), (53, 1, 3), (53, 5, 3), (40, 3, 2)])
    func passengersSplitOverSheets(passengers: Int, stops: Int, sheets: Int) {
        let split = HTMLReport.sheetRows(manifest(passengers: passengers, stops: stops))
        #expect(split.count == sheets)
        #expect(split.flatMap { $0 }.compactMap(\.passenger).count == passengers)
        for (i, s) in split.enumerated() {
            #expect(s.count <= (i == 0 ? HTMLReport.firstSheetLines : HTMLReport.sheetLines))
            #expect(s.last?.stop == nil)   // never a heading at the foot of a sheet
        }
        let last = split.count == 1 ? HTMLReport.firstSheetLines : HTMLReport.sheetLines
        #expect(split.last!.count + HTMLReport.signatureLines <= last)
    }
}

@Suite struct HTMLReportTests {
    /// Driving over the profile's daily limit is marked on the drivers page; names are escaped.
    @Test func driversPageMarksDaysOverTheLimit() throws {
        let duties = [DutyRecord(driverID: "D1", activity: .drive, start: at("05:00"), end: at("14:00")),
                      DutyRecord(driverID: "D2", activity: .drive, start: at("05:00"), end: at("12:00"))]
        let report = HTMLReport(season: SeasonReport.compute(plans: [], travellers: [:], boarded: []), manifests: [], duties: duties, stops: [],
                                driverNames: ["D1": "甲<b>", "D2": "乙"], profile: .cnPassenger, showPersonalData: false, generatedAt: at("09:00"))
        let files = try report.files()
        #expect(files.map(\.name) == ["index.html", "drivers.html"])
        let drivers = try #require(files.last).contents
        #expect(drivers.contains("<td class=\"num over\">9:00</td>"))     // 9 h > 8 h
        #expect(drivers.contains("<td class=\"num\">7:00</td>"))
        #expect(drivers.contains("甲&lt;b&gt;") && !drivers.contains("甲<b>"))
        #expect(try report.files() == files)   // deterministic
    }
}
