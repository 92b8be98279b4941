import Foundation
import Testing
@testable import BancheIO

/// Issue #10: AtomicFile never writes through a link or into a special file.
@Suite struct AtomicFileTests {
    func dir() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("banche-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test func writesReplacesAndLeavesNoTemporaryFile() throws {
        let d = try dir()
        try AtomicFile.write(Data("one".utf8), to: d + "/f.csv")
        try AtomicFile.write(Data("two".utf8), to: d + "/f.csv")
        #expect(try String(contentsOfFile: d + "/f.csv", encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: d) == ["f.csv"])
        #expect(try FileManager.default.attributesOfItem(atPath: d + "/f.csv")[.posixPermissions] as? Int == 0o600)
    }

    @Test func specialFilesAndMissingFoldersAreRefused() throws {
        let d = try dir()
        #expect(mkfifo(d + "/fifo", 0o600) == 0)
        #expect(throws: AtomicFileError.notARegularFile(path: d + "/fifo", kind: "FIFO (named pipe)")) { try AtomicFile.write(Data("x".utf8), to: d + "/fifo") }
        try FileManager.default.createDirectory(atPath: d + "/sub", withIntermediateDirectories: false)
        #expect(throws: AtomicFileError.notARegularFile(path: d + "/sub", kind: "directory")) { try AtomicFile.write(Data("x".utf8), to: d + "/sub") }
        #expect(throws: AtomicFileError.noSuchDirectory(d + "/none")) { try AtomicFile.write(Data("x".utf8), to: d + "/none/f.csv") }
        try "x".write(toFile: d + "/plain", atomically: false, encoding: .utf8)
        #expect(throws: AtomicFileError.notADirectory(d + "/plain")) { try AtomicFile.write(Data("x".utf8), to: d + "/plain/f.csv") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: d).sorted() == ["fifo", "plain", "sub"])
        #expect("\(AtomicFileError.noSuchDirectory("/x/y"))" == "no such directory: /x/y")
    }

    @Test func aLinkAtTheTargetIsReplacedNotFollowed() throws {
        let d = try dir()
        try "precious".write(toFile: d + "/victim", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: d + "/out.csv", withDestinationPath: d + "/victim")
        try AtomicFile.write(Data("new".utf8), to: d + "/out.csv")
        #expect(try String(contentsOfFile: d + "/victim", encoding: .utf8) == "precious")
        #expect(try FileManager.default.attributesOfItem(atPath: d + "/out.csv")[.type] as? FileAttributeType == .typeRegular)
        #expect(try String(contentsOfFile: d + "/out.csv", encoding: .utf8) == "new")
    }

    @Test func temporaryNamesAreUnpredictable() {
        let names = Set((0..<100).map { _ in AtomicFile.randomSuffix() })
        #expect(names.count == 100 && names.allSatisfy { $0.count == 16 })
    }
}
