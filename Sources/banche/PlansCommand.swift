import ArgumentParser
import BancheIO
import BancheStore
import Foundation

struct PlansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: tr("plans.abstract"),
        discussion: tr("plans.discussion"),
        subcommands: [PlansList.self, PlansDiff.self],
        defaultSubcommand: PlansList.self)
}

struct PlansList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: tr("plans.list.abstract"))
    @Option(help: help("plans.option.show")) var show: Int?
    @OptionGroup var store: StoreOptions

    func run() throws {
        try store.with { s in
            if let show {
                say(try s.planSummary(version: show).1)
                return
            }
            let versions = try s.planVersions()
            if versions.isEmpty { say(tr("plans.none")); return }
            // Read across counties (the province's readers): which county each version is of.
            let counties = versions.contains { $0.county != nil }
            say((counties ? pad(tr("plans.county"), 7) + " " : "") + tr("plans.header"))
            for v in versions {
                let cells = [pad("\(v.version)", 8), pad(v.createdAt, 26), pad(v.direction, 10), pad(v.dates, 23), pad("\(v.workersPlaced)", 7),
                             pad("\(v.workersUnplaced)", 9), pad("\(v.trips)", 6), pad("\(v.lowerBoundTrips)", 6), pad(String(format: "%.1f", v.busKm), 9), v.osUser]
                say(((counties ? [pad(v.county ?? "", 7)] : []) + cells).joined(separator: " "))
            }
        }
    }

    func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
}

struct PlansDiff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: tr("plans.diff.abstract"),
        discussion: tr("plans.diff.discussion"))
    @Argument(help: help("plans.option.older")) var a: Int
    @Argument(help: help("plans.option.newer")) var b: Int
    @Option(help: help("option.format.textCSVJSON")) var format = "text"
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard ["text", "csv", "json"].contains(format) else { throw ValidationError("--format must be text, csv or json") }
    }

    func run() throws {
        let (d, why) = try store.with { s -> (PlanDiff, [String: String]) in
            let d = try s.diff(from: a, to: b)
            // Why each removed worker left: cancelled, or not placed (with the reason).
            var why: [String: String] = [:]
            if format == "text" {
                for e in d.removed {
                    guard let w = try s.workerStatus(e.worker_id) else { why[e.worker_id] = "no longer stored"; continue }
                    why[e.worker_id] = w.cancelledAt != nil ? "cancelled" : w.unplacedReason.map { "NOT PLACED: \($0)" } ?? w.state
                }
            }
            return (d, why)
        }
        switch format {
        case "json": say(try JSONText.encode(d))
        case "csv":
            var rows: [[String]] = []
            for e in d.added { rows.append(["added", e.worker_id, "", "", "", "", e.trip_id, "\(e.seat)", e.stop_id, e.pickup_time]) }
            for e in d.removed { rows.append(["removed", e.worker_id, e.trip_id, "\(e.seat)", e.stop_id, e.pickup_time, "", "", "", ""]) }
            for m in d.moved {
                rows.append(["moved", m.worker_id, m.from.trip_id, "\(m.from.seat)", m.from.stop_id, m.from.pickup_time,
                             m.to.trip_id, "\(m.to.seat)", m.to.stop_id, m.to.pickup_time])
            }
            for t in d.trips_added { rows.append(["trip_added", "", "", "", "", "", t, "", "", ""]) }
            for t in d.trips_removed { rows.append(["trip_removed", "", t, "", "", "", "", "", "", ""]) }
            for t in d.trips_changed { rows.append(["trip_changed", "", t, "", "", "", t, "", "", ""]) }
            print(CSVWriter(neutraliseFormulas: true).document(header: ["change", "worker_id", "from_trip", "from_seat", "from_stop", "from_time",
                                                                         "to_trip", "to_seat", "to_stop", "to_time"], rows: rows), terminator: "")
        default:
            say(tr("plans.diff.head", ["from": d.from, "to": d.to, "added": d.added.count, "removed": d.removed.count, "moved": d.moved.count,
                                       "tripsAdded": d.trips_added.count, "tripsRemoved": d.trips_removed.count, "tripsChanged": d.trips_changed.count]))
            for e in d.added { say(tr("plans.diff.added", ["worker": e.worker_id, "trip": e.trip_id, "seat": e.seat, "stop": e.stop_id, "time": e.pickup_time])) }
            for e in d.removed { say(tr("plans.diff.removed", ["worker": e.worker_id, "trip": e.trip_id, "seat": e.seat, "stop": e.stop_id, "time": e.pickup_time, "why": why[e.worker_id] ?? "?"])) }
            for m in d.moved {
                say(tr("plans.diff.moved", ["worker": m.worker_id, "fromTrip": m.from.trip_id, "fromSeat": m.from.seat, "fromStop": m.from.stop_id, "fromTime": m.from.pickup_time,
                                             "toTrip": m.to.trip_id, "toSeat": m.to.seat, "toStop": m.to.stop_id, "toTime": m.to.pickup_time]))
            }
            for t in d.trips_added { say(tr("plans.diff.tripAdded", ["trip": t])) }
            for t in d.trips_removed { say(tr("plans.diff.tripRemoved", ["trip": t])) }
            for t in d.trips_changed { say(tr("plans.diff.tripChanged", ["trip": t])) }
        }
    }
}
