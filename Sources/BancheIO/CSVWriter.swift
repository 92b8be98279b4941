import BancheCore
import Foundation

/// Writes RFC 4180 CSV: fields quoted when they hold a comma, quote, line break or edge
/// spaces; CRLF line ends (what Excel writes and reads best).
public struct CSVWriter: Sendable {
    /// Prefix cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR)
    /// with an apostrophe (OWASP "CSV injection"). On for exports, off for fixtures.
    public var neutraliseFormulas: Bool
    public init(neutraliseFormulas: Bool = false) { self.neutraliseFormulas = neutraliseFormulas }

    public func field(_ raw: String) -> String {
        var s = raw
        if neutraliseFormulas, let f = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(f),
           Double(s) == nil {
            s = "'" + s
        }
        let needsQuotes = s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            || s.first == " " || s.last == " "
        return needsQuotes ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    public func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    public func document(header: [String], rows: [[String]]) -> String {
        var out = line(header)
        out.reserveCapacity(rows.count * 80)
        for r in rows { out += line(r) }
        return out
    }
}

// AtomicFile (writing files safely) is in AtomicFile.swift.

/// Writes a scenario as the import CSVs (`stops.csv` … `workers.csv`), in the columns
/// `banche import` reads, so a written scenario re-imports unchanged.
public enum ScenarioCSV {
    public static func rows(_ s: Scenario, kind: ImportKind) -> [[String]] {
        switch kind {
        case .divisions: return [] // not part of a scenario
        case .stops: return s.stops.map { [$0.id, $0.name, $0.kind.rawValue, $0.township, $0.divisionCode ?? "", fmt($0.latitude), fmt($0.longitude), $0.address] }
        case .legs: return s.legs.map { [$0.from, $0.to, fmt($0.distanceKm), "\($0.minutes)", $0.roadClass.rawValue, $0.bothWays ? "yes" : "no"] }
        case .routes: return s.routes.map {
            [$0.id, $0.name, $0.direction.rawValue, "\($0.service.first)", "\($0.service.last)", "\($0.departEarliest)", "\($0.departLatest)",
             $0.restStops.joined(separator: ";"), $0.maxPickupStops.map(String.init) ?? "", $0.maxPickupMinutes.map(String.init) ?? "",
             $0.maxDropoffStops.map(String.init) ?? "", $0.maxDropoffMinutes.map(String.init) ?? "", $0.serviceType.rawValue]
        }
        case .buses: return s.buses.map {
            [$0.id, $0.plate, "\($0.seats)", "\($0.accessibleSeats)", $0.depot ?? "", "\($0.available.first)", "\($0.available.last)", $0.operatorName]
        }
        case .drivers: return s.drivers.map {
            [$0.id, $0.name, $0.residentID?.value ?? "", $0.phone ?? "", $0.licenceClass.rawValue, "\($0.licenceExpiry)", $0.operatorName,
             $0.homeDepot ?? "", "\($0.available.first)", "\($0.available.last)"]
        }
        case .workers: return s.workers.map {
            [$0.id, $0.name, $0.residentID.value, $0.phone ?? "", $0.household ?? "", $0.direction.rawValue, "\($0.window.first)",
             "\($0.window.last)", $0.pickupStop, $0.dropoffStop, $0.employer, $0.homeTownship,
             $0.priority.sorted().map(\.rawValue).joined(separator: ";"), $0.needsAccessibleSeat ? "yes" : "no", $0.route ?? ""]
        }
        }
    }

    /// Writes the six files into `dir` (created if missing).
    public static func write(_ s: Scenario, to dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let w = CSVWriter()
        for kind in ImportKind.allCases where kind != .divisions {
            let text = w.document(header: kind.columns.map(\.name), rows: rows(s, kind: kind))
            try AtomicFile.write(Data(text.utf8), to: dir + "/" + kind.fileName, mode: 0o644)
        }
    }

    static func fmt(_ x: Double) -> String {
        if x == x.rounded() { return String(Int(x)) }
        var s = String(format: "%.4f", x)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
