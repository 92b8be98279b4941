import ArgumentParser
import BancheIO
import BancheStore
import BancheStorePG
import Foundation

/// `banche copy --from SRC --to DST`: a county's season from a SQLite file into the province's
/// PostgreSQL database (the county is the role's), or back into a new SQLite file, checked by
/// per-table row counts and checksums read on both sides (docs/province.md).
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: tr("copy.abstract"),
        discussion: tr("copy.discussion"))

    @Option(help: help("copy.option.from", valueName: "path-or-url")) var from: String
    @Option(help: help("copy.option.to", valueName: "path-or-url")) var to: String
    @Flag(help: help("copy.option.replace")) var replace = false

    func run() throws {
        let source = try StoreLocation.parse(from), destination = try StoreLocation.parse(to)
        var leftBehind: [(String, Int)] = []
        let comparison: SeasonCopy.Comparison
        do {
            switch (source, destination) {
            case (.sqlite(let path), .postgres(let address)):
                guard FileManager.default.fileExists(atPath: path) else { throw StoreError.noDatabase(path: path) }
                let s = try SQLiteStore(path: path)
                let read: (season: SeasonCopy.Season, leftBehind: [(String, Int)])
                do { read = try s.readSeason() } catch { _ = try? s.close(); throw error }
                try s.close()
                leftBehind = read.leftBehind
                let checks = try SeasonCopy.checks(read.season)
                let d = try PostgresStore(address: address)
                defer { _ = try? d.close() }
                comparison = try d.writeSeason(read.season, replace: replace) { try SeasonCopy.verify(source: checks, destination: $0) }
            case (.postgres(let address), .sqlite(let path)):
                try OutputPath.check(path)
                let s = try PostgresStore(address: address)
                defer { _ = try? s.close() }
                let season = try s.readSeason()
                let checks = try SeasonCopy.checks(season)
                comparison = try SQLiteStore.writeSeason(season, to: path, replace: replace) { try SeasonCopy.verify(source: checks, destination: $0) }
            case (.sqlite, .sqlite):
                throw ValidationError(tr("copy.bothFiles"))
            case (.postgres, .postgres):
                throw ValidationError(tr("copy.bothServers"))
            }
        } catch let r as SeasonCopy.Refusal {
            switch r {
            case .destinationHoldsData(let location, let rows):
                throw ValidationError(tr("copy.holdsData", ["db": location, "n": rows]))
            case .noCounty(let location, let role):
                throw ValidationError(tr("copy.noCounty", ["db": location, "role": role]))
            case .mismatch(let c):
                say(Self.table(c))
                warn(tr("error.prefix", ["message": tr("copy.mismatch", ["db": to])]))
                throw ExitCode(1)
            }
        }
        say(tr("copy.done", ["from": from, "to": to]))
        say(Self.table(comparison))
        for (t, n) in leftBehind { say(tr("copy.leftBehind", ["table": t, "n": n])) }
    }

    /// Table, rows on each side, the first 16 hex digits of each side's checksum, verdict.
    static func table(_ c: SeasonCopy.Comparison) -> String {
        let head = [tr("copy.col.table"), tr("copy.col.source"), tr("copy.col.destination"), tr("copy.col.checksum"), ""]
        var lines: [[String]] = [head]
        for (s, d) in zip(c.source, c.destination) {
            let same = s == d
            lines.append([s.table, String(s.rows), String(d.rows),
                          same ? String(s.checksum.prefix(16)) : "\(s.checksum.prefix(16)) ≠ \(d.checksum.prefix(16))",
                          same ? tr("copy.ok") : tr("copy.differs")])
        }
        lines.append([tr("copy.total"), String(c.source.reduce(0) { $0 + $1.rows }), String(c.destination.reduce(0) { $0 + $1.rows }),
                      "", c.matches ? tr("copy.ok") : tr("copy.differs")])
        let widths = head.indices.map { i in lines.map { DisplayWidth.of($0[i]) }.max() ?? 0 }
        return lines.map { l in
            l.indices.map { i in i == 1 || i == 2 ? DisplayWidth.padLeft(l[i], to: widths[i]) : DisplayWidth.pad(l[i], to: widths[i]) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
