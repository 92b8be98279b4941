import Foundation
import Testing

/// An independent reader for the workbooks banche writes: openpyxl, run by
/// `scripts/xlsx_read.py` in a test-only virtual environment. `BANCHE_TEST_PYTHON` names a
/// Python that has openpyxl; otherwise `.build/test-venv` is used, and created (python3 -m venv,
/// pip install openpyxl from PyPI) the first time. `.ci/run` creates it before the tests.
enum Openpyxl {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// The Python to run, made once per test process (a static is initialised once, thread-safely).
    static let python: Result<String, Failure> = {
        if let p = ProcessInfo.processInfo.environment["BANCHE_TEST_PYTHON"] { return .success(p) }
        let venv = CLI.root.appendingPathComponent(".build/test-venv").path
        let py = venv + "/bin/python"
        if (try? run(py, ["-c", "import openpyxl"]).status) == 0 { return .success(py) }
        do {
            let made = try run("/usr/bin/env", ["python3", "-m", "venv", venv])
            guard made.status == 0 else { return .failure(Failure(description: "python3 -m venv failed (install python3-venv): \(made.output)")) }
            let pip = try run(venv + "/bin/pip", ["install", "-q", "openpyxl"])
            guard pip.status == 0 else { return .failure(Failure(description: "pip install openpyxl failed: \(pip.output)")) }
            return .success(py)
        } catch { return .failure(Failure(description: "cannot run python3: \(error)")) }
    }()

    static func run(_ exe: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out; p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// One sheet as openpyxl sees it.
    struct Sheet {
        var title: String
        var freeze: String?
        var header: [String]
        var headerBold: [Bool]
        var widths: [String: Double]
        var rows: Int
        /// Column header → the data type of each non-empty cell ("s" text, "n" number).
        var types: [String: [String]]
        /// Column header → the values of its non-empty cells, as text.
        var values: [String: [String]]
    }

    /// The sheets of the workbook at `path`, read by openpyxl.
    static func read(_ path: String) throws -> [Sheet] {
        let py = try python.get()
        let script = CLI.root.appendingPathComponent("scripts/xlsx_read.py").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: py)
        p.arguments = [script, path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Failure(description: "openpyxl could not read \(path): \(String(decoding: e, as: UTF8.self))") }
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(doc["sheets"] as? [[String: Any]]).map { s in
            let columns = s["columns"] as? [String: [String: Any]] ?? [:]
            return Sheet(title: s["title"] as? String ?? "", freeze: s["freeze"] as? String, header: (s["header"] as? [Any] ?? []).map { "\($0)" },
                         headerBold: s["header_bold"] as? [Bool] ?? [], widths: s["widths"] as? [String: Double] ?? [:], rows: s["rows"] as? Int ?? 0,
                         types: columns.mapValues { $0["types"] as? [String] ?? [] },
                         values: columns.mapValues { ($0["values"] as? [Any] ?? []).map { "\($0)" } })
        }
    }
}
