import BancheCore
import BancheIO
import Foundation
import Testing
@testable import BancheHTML

@Suite struct ReportFolderTests {
    func temp() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("banche-folder-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// A write that fails half way leaves the earlier report as it was and nothing else behind.
    @Test func aFailedWriteLeavesTheEarlierReport() throws {
        let parent = try temp(), target = parent + "/report"
        try ReportFolder.write([ReportFile(name: "index.html", contents: "old", personal: false)], to: target)
        let broken = [ReportFile(name: "index.html", contents: "new", personal: false),
                      ReportFile(name: "missing-folder/trip.html", contents: "x", personal: true)]
        #expect(throws: (any Error).self) { try ReportFolder.write(broken, to: target) }
        #expect(try String(contentsOfFile: target + "/index.html", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["report"])
        // A good write replaces it whole.
        try ReportFolder.write([ReportFile(name: "trip.html", contents: "new", personal: true)], to: target)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == [ReportFolder.marker, "trip.html"])
        #expect(try FileManager.default.attributesOfItem(atPath: target + "/trip.html")[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["report"])
    }
}
