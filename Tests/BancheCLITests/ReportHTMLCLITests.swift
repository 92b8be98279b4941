import Foundation
import Testing

/// Headless Chromium (Debian's `chromium`, `.ci/run` installs it with `fonts-noto-cjk`), run the
/// way a person opens a page: print to PDF, take a screenshot, read the DOM it built.
enum Browser {
    static var binary: String { ProcessInfo.processInfo.environment["BANCHE_CHROMIUM"] ?? "/usr/bin/chromium" }

    /// Runs Chromium headless on `page` with `args`; a fresh profile each time, so tests may run
    /// side by side. Returns standard output.
    @discardableResult
    static func run(_ args: [String], page: String) throws -> String {
        try #require(FileManager.default.isExecutableFile(atPath: binary), "no Chromium at \(binary): apt-get install chromium fonts-noto-cjk (see .ci/run)")
        let profile = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        var all = ["--headless", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--user-data-dir=\(profile)"]
        if getuid() == 0 { all.append("--no-sandbox") }   // as root Chromium refuses to start otherwise
        p.arguments = all + args + [URL(fileURLWithPath: page).absoluteString]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "chromium exited \(p.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }

    /// Pages of a PDF Chromium wrote, with each page's size in points.
    static func pdfPages(_ path: String) throws -> [(width: Double, height: Double)] {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        let pages = text.matches(of: /\/Type\s*\/Page[^s]/).count
        let boxes = text.matches(of: /\/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]/).map { (Double($0.1)!, Double($0.2)!) }
        return (0..<pages).map { i in i < boxes.count ? boxes[i] : boxes.last ?? (0, 0) }
    }

    /// Where screenshots are kept for a person to look at (not committed: under .build).
    static func artefacts() throws -> String {
        let d = CLI.root.appendingPathComponent(".build/test-artefacts/report-html").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
}

@Suite struct ReportHTMLCLITests {
    /// The Tiandeng season planned, one trip boarded and closed (the demo does it), its report
    /// written; the demo's output folder.
    static func demo() throws -> String {
        let out = try CLI.tempDir() + "/demo"
        let r = try CLI.run(["demo", "--out", out, "--fixture", CLI.fixture("tiandeng-pengjiang")])
        try #require(r.status == 0, "\(r.stderr)")
        return out
    }

    static func passengers(db: String) throws -> [[String: Any]] {
        let r = try CLI.run(["export", "passengers", "--format", "json", "--db", db])
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    }

    func files(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".html") }.sorted()
    }

    /// The folder: a season page, a page per trip, a drivers page; no address outside the folder
    /// in any file; structure a screen reader and the W3C checker expect; people's pages 0600;
    /// the same bytes when written again.
    @Test func folderIsSelfContainedPrivateAndDeterministic() throws {
        let demo = try Self.demo()
        let db = demo + "/banche.sqlite", dir = demo + "/report"
        let names = try files(dir)
        let trips = Set(try Self.passengers(db: db).compactMap { $0["trip_id"] as? String })
        #expect(trips.count == 16)
        #expect(Set(names) == Set(["index.html", "drivers.html"] + trips.map { "trip-\($0).html" }))
        let fm = FileManager.default
        #expect(try fm.attributesOfItem(atPath: dir)[.posixPermissions] as? Int == 0o700)
        for name in names {
            let path = dir + "/" + name
            let html = try String(contentsOfFile: path, encoding: .utf8)
            let mode = try fm.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == (name == "index.html" ? 0o644 : 0o600), "\(name)")
            // Nothing a browser would fetch from elsewhere.
            for pattern in ["http:", "https:", "ftp:", "//", "url(", "@import", "<script", "<link", "<img", "<iframe"] {
                #expect(!html.lowercased().contains(pattern), "\(name) contains \(pattern)")
            }
            for href in html.matches(of: /href="([^"]*)"/).map({ String($0.1) }) { #expect(names.contains(href), "\(name) links to \(href)") }
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
            #expect(html.contains("<meta charset=\"utf-8\">") && html.contains("<title>"))
            #expect(html.matches(of: /<h1>/).count == 1, "\(name)")
            #expect(html.matches(of: /<table/).count == html.matches(of: /<thead>/).count + html.matches(of: /<table class="info">/).count, "\(name)")
            #expect(!html.contains("451425199"), "\(name): a full ID number")
        }
        // Written again, byte for byte the same.
        let again = demo + "/again"
        #expect(try CLI.run(["report", "html", "--out", again, "--db", db]).status == 0)
        for name in names {
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)) == Data(contentsOf: URL(fileURLWithPath: again + "/" + name)), "\(name)")
        }
        // A rerun replaces the report; a folder that is not a report is left alone (exit 2).
        #expect(try CLI.run(["report", "html", "--out", again, "--db", db]).status == 0)
        #expect(!(try fm.contentsOfDirectory(atPath: demo)).contains { $0.contains(".tmp-") || $0.contains(".old-") })
        let foreign = demo + "/foreign"
        try fm.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: foreign + "/notes.txt"))
        let refused = try CLI.run(["report", "html", "--out", foreign, "--db", db])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("not a banche report folder"))
        #expect(try fm.contentsOfDirectory(atPath: foreign) == ["notes.txt"])
    }

    /// Full numbers only when asked, and then the page says so.
    @Test func personalDataOnlyWhenAskedAndSaid() throws {
        let db = try CLI.fixtureDatabase()
        #expect(try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db]).status == 0)
        let masked = try CLI.tempDir() + "/r", full = try CLI.tempDir() + "/r"
        #expect(try CLI.run(["report", "html", "--out", masked, "--db", db]).status == 0)
        #expect(try CLI.run(["report", "html", "--out", full, "--show-personal-data", "--db", db]).status == 0)
        let page = try files(masked).first { $0.hasPrefix("trip-") }!
        let m = try String(contentsOfFile: masked + "/" + page, encoding: .utf8), f = try String(contentsOfFile: full + "/" + page, encoding: .utf8)
        #expect(m.contains("********") && m.contains("ID numbers and phones are masked"))
        #expect(!f.contains("********") && f.contains("FULL ID NUMBERS AND PHONES SHOWN (--show-personal-data)"))
        #expect(f.matches(of: /<td>\d{17}[\dX]<\/td>/).count > 0)
    }

    /// Printed from Chromium, a trip page takes exactly the A4 sheets it numbers (the fullest
    /// bus, the emptiest, the one with most stops), and the browser builds one row per passenger.
    @Test func tripPagesPrintOnTheirA4Sheets() throws {
        let demo = try Self.demo()
        let dir = demo + "/report", art = try Browser.artefacts()
        let passengers = try Self.passengers(db: demo + "/banche.sqlite")
        let counts = Dictionary(grouping: passengers, by: { $0["trip_id"] as! String }).mapValues(\.count)
        let fullest = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key, smallest = counts.min { ($0.value, $0.key) < ($1.value, $1.key) }!.key
        // And the trip with the most stops (the longest rotation and stop list).
        func stopCount(_ trip: String) throws -> Int {
            let html = try String(contentsOfFile: dir + "/trip-\(trip).html", encoding: .utf8)
            return html.components(separatedBy: "<table class=\"stops\">").last!.components(separatedBy: "</table>")[0].matches(of: /<tr>/).count
        }
        let longest = try counts.keys.sorted().max { try stopCount($0) < stopCount($1) }!
        for trip in Set([fullest, smallest, longest]).sorted() {
            let page = dir + "/trip-\(trip).html"
            let html = try String(contentsOfFile: page, encoding: .utf8)
            let stated = Int(try #require(html.firstMatch(of: /第 1\/(\d+) 页/)).1)!
            #expect(stated >= 3)   // the manifest, the rotation, the map
            let pdf = art + "/trip-\(trip).pdf"
            try Browser.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf)"], page: page)
            let sheets = try Browser.pdfPages(pdf)
            #expect(sheets.count == stated, "\(trip): \(sheets.count) PDF pages, the page numbers them 1-\(stated)")
            for s in sheets { #expect(abs(s.width - 595.3) < 2 && abs(s.height - 841.9) < 2, "A4 portrait: \(s)") }
            let dom = try Browser.run(["--dump-dom"], page: page)
            #expect(dom.matches(of: /<tr class="passenger"/).count == counts[trip]!, "\(trip)")
            // The column titles atop every manifest sheet that lists passengers.
            let sheetsWithRows = dom.components(separatedBy: "<section class=\"sheet manifest-sheet\"").dropFirst().filter { $0.contains("class=\"passenger\"") }
            #expect(sheetsWithRows.count >= 1 && sheetsWithRows.allSatisfy { $0.contains("<thead>") })
            try Browser.run(["--screenshot=\(art)/trip-\(trip).png", "--window-size=900,1400"], page: page)
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(art)/trip-\(trip).png")).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }

    /// The season and drivers pages render with their charts (screenshots kept as artefacts).
    @Test func seasonAndDriversPagesRender() throws {
        let demo = try Self.demo()
        let dir = demo + "/report", art = try Browser.artefacts()
        let dom = try Browser.run(["--dump-dom"], page: dir + "/index.html")
        #expect(dom.contains("运送务工人员619人，其中脱贫人口290人"))
        #expect((dom.components(separatedBy: "<svg ").count - 1) == 4)
        #expect(dom.matches(of: /class="bar"/).count >= 13 + 6 + 1 + 1)   // townships, employers, a day, a direction
        let drivers = try Browser.run(["--dump-dom"], page: dir + "/drivers.html")
        #expect(drivers.contains("cn-passenger") && (drivers.components(separatedBy: "<svg ").count - 1) == 1)
        for page in ["index", "drivers"] {
            try Browser.run(["--screenshot=\(art)/\(page).png", "--window-size=1000,1600"], page: dir + "/\(page).html")
        }
    }
}
