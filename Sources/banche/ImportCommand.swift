import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: tr("import.abstract"),
        discussion: """
        banche import KIND FILE       one file (.csv or .xlsx); KIND is divisions,
                                      stops, legs, routes, buses, drivers or
                                      workers
        banche import --dir FOLDER    every KIND.csv or KIND.xlsx in FOLDER, in
                                      dependency order, in one transaction

        CSV files may be UTF-8 (with or without BOM) or GB18030, as Chinese
        Excel saves them; --encoding auto detects which. From an .xlsx workbook
        the first sheet is read, or --sheet NAME; positions then read
        FILE:Sheet1!D102. Headers are matched by name, English or Chinese, in
        any order; an unknown column is an error.

        All or nothing: if any row of any file is bad, every problem is printed
        as FILE:LINE:COLUMN: message, nothing is written and the exit status is
        2. An id that is already stored is refused unless --replace.
        """)

    @Argument(help: ArgumentHelp("What the file holds: divisions, stops, legs, routes, buses, drivers or workers.", valueName: "kind"))
    var kind: String?
    @Argument(help: ArgumentHelp("The CSV or .xlsx file.", valueName: "file"))
    var file: String?
    @Option(help: ArgumentHelp("Import every KIND.csv or KIND.xlsx in this folder, in dependency order, in one transaction.", valueName: "folder"))
    var dir: String?
    @Option(help: "Text encoding of CSV files: auto, utf8 or gb18030.")
    var encoding: String = "auto"
    @Option(help: ArgumentHelp("The sheet to read from .xlsx workbooks (default: the first sheet).", valueName: "name"))
    var sheet: String?
    @Flag(help: "Update rows whose id is already stored instead of refusing them; for workers, report new / updated / unchanged and name the stored workers missing from the file.")
    var replace = false
    @Flag(help: "With --replace on a workers file: cancel the stored workers missing from it (kept in history; `banche worker restore` undoes).")
    var withdrawMissing = false
    @Option(help: "Print at most this many errors, then a count.")
    var maxErrors = 50
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard TextEncoding(rawValue: encoding) != nil else { throw ValidationError("--encoding must be auto, utf8 or gb18030") }
        if dir == nil {
            guard let kind, ImportKind(rawValue: kind) != nil else {
                throw ValidationError("give a kind (\(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))) and a file, or --dir FOLDER")
            }
            guard file != nil else { throw ValidationError("give the CSV or .xlsx file to import") }
        } else if kind != nil || file != nil {
            throw ValidationError("--dir imports a whole folder; give either --dir or KIND FILE")
        }
        if withdrawMissing && !replace { throw ValidationError("--withdraw-missing needs --replace (the file is the whole list)") }
    }

    func run() throws {
        var files: [(ImportKind, String)] = []
        if let dir {
            for k in ImportKind.allCases {
                let found = k.fileNames.map { (dir as NSString).appendingPathComponent($0) }.filter { FileManager.default.fileExists(atPath: $0) }
                if found.count > 1 {
                    throw ValidationError("both \(found.map { ($0 as NSString).lastPathComponent }.joined(separator: " and ")) in \(dir); keep one of them")
                }
                if let p = found.first { files.append((k, p)) }
            }
            if files.isEmpty { throw ValidationError("no \(ImportKind.allCases.flatMap(\.fileNames).joined(separator: ", ")) in \(dir)") }
            // Spreadsheets in the folder that name no kind are said, not silently passed over.
            let names = Set(ImportKind.allCases.flatMap(\.fileNames))
            let others = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                .filter { ($0.lowercased().hasSuffix(".csv") || $0.lowercased().hasSuffix(".xlsx")) && !names.contains($0) }.sorted()
            if !others.isEmpty {
                say("not imported (the name is not one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))): \(others.joined(separator: ", "))")
            }
        } else {
            files = [(ImportKind(rawValue: kind!)!, file!)]
        }
        let hasWorkers = files.contains { $0.0 == .workers }
        try store.with { s in
            let before = replace && hasWorkers ? try s.storedWorkers() : nil
            var workerIDs: [String] = [], notes: [String] = [], warnings: [String] = []
            let counts = try Importer.run(files: files, encoding: TextEncoding(rawValue: encoding)!, sheet: sheet, replace: replace, store: s, maxErrors: maxErrors,
                                          workerIDs: &workerIDs, notes: &notes, warnings: &warnings)
            for n in notes { say(n) }
            for w in warnings.prefix(20) { warn(tr("import.warning", ["message": w])) }
            if warnings.count > 20 { warn(tr("import.warning", ["message": "… \(warnings.count - 20)"])) }
            for c in counts { say(tr("import.rows", ["n": c.rows, "file": c.file])) }
            if hasWorkers { for w in try Importer.outsideService(workerIDs, store: s) { warn(tr("import.warning", ["message": w])) } }
            if let before {
                let after = try s.storedWorkers().workers
                let inFile = Set(workerIDs)
                let new = inFile.filter { before.workers[$0] == nil }.count
                let updated = inFile.filter { id in before.workers[id].map { $0 != after[id] } ?? false }.count
                say(tr("import.workers", ["new": new, "updated": updated, "unchanged": inFile.count - new - updated]))
                let missing = before.workers.keys.filter { !inFile.contains($0) && !before.cancelled.contains($0) }.sorted()
                if !missing.isEmpty {
                    let names = missing.prefix(20).map { "\($0) \(before.workers[$0]!.name)" }.joined(separator: ", ")
                    if withdrawMissing {
                        let r = try s.cancelWorkers(missing, reason: "withdrawn: missing from \((files.first { $0.0 == .workers }!.1 as NSString).lastPathComponent)", audit: auditStamp())
                        say("withdrew \(r.cancelled.count) workers missing from the file: \(names)\(missing.count > 20 ? ", …" : "")")
                    } else {
                        say("\(missing.count) stored workers are missing from the file (kept; --withdraw-missing cancels them): \(names)\(missing.count > 20 ? ", …" : "")")
                    }
                }
            }
        }
    }
}

/// Reads, validates and stores import files; shared by `import` and `demo`.
enum Importer {
    /// Workers (of `ids`) whose travel window meets no service day of their route (the one
    /// they name, or any route of their direction): they would never be planned.
    static func outsideService(_ ids: [String], store: any Store) throws -> [String] {
        let wanted = Set(ids)
        var out = try store.workersOutsideService().filter { wanted.contains($0.id) }.map { w in
            "worker \(w.id): travel days \(w.window) meet no service day of \(w.routes.isEmpty ? "any \(w.direction) route" : w.routes); no plan will place them"
        }
        if out.count > 20 { out = Array(out.prefix(20)) + ["… and \(out.count - 20) more workers outside every service day"] }
        return out
    }

    /// Throws `InputRejected` listing every problem when any file or row is bad; then
    /// nothing is written.
    static func run(files: [(ImportKind, String)], encoding: TextEncoding, sheet: String? = nil, replace: Bool, store: any Store, maxErrors: Int) throws -> [(file: String, rows: Int)] {
        var ids: [String] = [], notes: [String] = [], warnings: [String] = []
        return try run(files: files, encoding: encoding, sheet: sheet, replace: replace, store: store, maxErrors: maxErrors, workerIDs: &ids, notes: &notes, warnings: &warnings)
    }

    /// The same, also returning the ids of the workers the batch held, what was tolerated
    /// and left out (title rows, ignored columns, stops given by name), and what was imported
    /// with a warning (a township outside the divisions list), one line each.
    static func run(files: [(ImportKind, String)], encoding: TextEncoding, sheet: String? = nil, replace: Bool, store: any Store, maxErrors: Int,
                    workerIDs: inout [String], notes: inout [String], warnings: inout [String]) throws -> [(file: String, rows: Int)] {
        let reader = TableReader(sheet: sheet)
        var tables: [(ImportKind, CSVTable)] = []
        var issues: [String] = []
        for (k, path) in files {
            do { tables.append((k, try reader.read(path: path, encoding: encoding))) } catch { issues.append("\(error)") }
        }
        if !issues.isEmpty { throw InputRejected(issues: issues, maxErrors: maxErrors) }
        var batch = BatchParser(today: today(), replace: replace)
        let counts = try store.importBatch(replace: replace, audit: auditStamp()) { known, sink in
            try batch.parse(tables, known: known, into: sink)
        }
        if !batch.issues.isEmpty { throw InputRejected(issues: batch.issues.map(\.description), maxErrors: maxErrors) }
        workerIDs = batch.workerIDs
        notes = batch.notes
        warnings = batch.warnings
        return counts
    }
}
