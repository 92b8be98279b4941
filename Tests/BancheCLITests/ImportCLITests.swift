import Foundation
import Testing

@Suite struct ImportCLITests {
    @Test func importsTheWholeFixtureFolder() throws {
        let db = try CLI.tempDir() + "/b.sqlite"
        #expect(try CLI.run(["init", "--db", db]).status == 0)
        let r = try CLI.run(["import", "--dir", CLI.fixture("tiandeng-pengjiang"), "--db", db])
        #expect(r.status == 0)
        #expect(r.stdout.contains("imported 619 rows from"))
        let again = try CLI.run(["import", "workers", CLI.fixture("tiandeng-pengjiang/workers.csv"), "--db", db])
        #expect(again.status == 2)
        #expect(again.stderr.contains("is already in the database; use --replace"))
        #expect(try CLI.run(["import", "workers", CLI.fixture("tiandeng-pengjiang/workers.csv"), "--db", db, "--replace"]).status == 0)
    }

    struct BadCase: CustomTestStringConvertible, Sendable {
        let file, location, fragment: String
        var testDescription: String { file }
    }

    static let badCases: [BadCase] = {
        let text = (try? String(contentsOfFile: CLI.fixture("bad/expected.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return BadCase(file: f[0], location: f[1], fragment: f[2])
        }
    }()

    @Test func everyBadFixtureIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.fixture("bad")).filter { $0.hasSuffix(".csv") }
        #expect(Set(files) == Set(Self.badCases.map(\.file)))
        #expect(files.count >= 30)
    }

    /// Each bad file exits 2, names file:line:column and the problem, and leaves the database
    /// byte for byte as it was.
    @Test(arguments: badCases)
    func badFileIsRefusedAndWritesNothing(_ c: BadCase) throws {
        let db = try CLI.fixtureDatabase()
        func files() throws -> [Data] {
            try [db, db + "-wal"].map { FileManager.default.fileExists(atPath: $0) ? try Data(contentsOf: URL(fileURLWithPath: $0)) : Data() }
        }
        let before = try files()
        let kind = String(c.file.prefix { $0 != "-" })
        let path = CLI.fixture("bad/" + c.file)
        let r = try CLI.run(["import", kind, path, "--db", db])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(path):\(c.location): "), "\(r.stderr)")
        #expect(r.stderr.contains(c.fragment), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was imported"))
        #expect(r.stderr.firstRange(of: /[0-9]{11}/) == nil, "a full ID number or phone is echoed: \(r.stderr)")
        #expect(try files() == before, "the database file or its WAL changed")
    }

    @Test func gb18030FileImports() throws {
        let db = try CLI.fixtureDatabase()
        let dir = try CLI.tempDir()
        let text = "worker_id,name,resident_id,direction,earliest_date,pickup_stop,dropoff_stop\r\nG1,农秀英,451425199001011233,to-work,2027-02-12,TD100,PJ100\r\n"
        try text.data(using: String.Encoding(rawValue: 0x8000_0632))!.write(to: URL(fileURLWithPath: dir + "/gb.csv"))
        let r = try CLI.run(["import", "workers", dir + "/gb.csv", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let wrong = try CLI.run(["import", "workers", dir + "/gb.csv", "--db", db, "--encoding", "utf8", "--replace"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("gb.csv:2:2: byte 0x"))
    }

    @Test func generateRefusesAbsurdSizes() throws {
        let dir = try CLI.tempDir()
        for n in ["-5", "2000000000"] {
            let r = try CLI.run(["generate", "--workers", n, "--out", dir])
            #expect(r.status == 2, "\(n): \(r.stderr)")
            #expect(r.stderr.contains("--workers"), "\(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func usageErrorsExit2() throws {
        #expect(try CLI.run(["import", "nonsense", "x.csv"]).status == 2)
        #expect(try CLI.run(["no-such-command"]).status == 2)
        let missing = try CLI.run(["import", "workers", CLI.fixture("tiandeng-pengjiang/workers.csv"), "--db", "/nonexistent/db.sqlite"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("banche init"))
    }

    @Test func helpReadsLikeAManPage() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        for word in ["EXIT STATUS", "FILES", "import", "plan", "roster"] { #expect(r.stdout.contains(word)) }
    }

    /// The bundled fixture is exactly what the generator writes: regenerate and compare.
    @Test func fixtureIsRegeneratedByteForByte() throws {
        let dir = try CLI.tempDir()
        #expect(try CLI.run(["generate", "--out", dir]).status == 0)
        for f in ["stops", "legs", "routes", "buses", "drivers", "workers"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/\(f).csv"))
            let b = try Data(contentsOf: URL(fileURLWithPath: CLI.fixture("tiandeng-pengjiang/\(f).csv")))
            #expect(a == b, "\(f).csv differs from the generator's output")
        }
    }
}
