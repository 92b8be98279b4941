import BancheCore
import Foundation

/// The season's figures for officials (`banche report season`): trips, buses, people carried,
/// formerly poor (脱贫人口) and other priority groups, seats filled — in all, and by direction,
/// day, township and employer. Computed from plans, never typed in.
public struct SeasonReport: Codable, Sendable, Equatable {
    /// The counts every group carries; `key` names the group (absent for the whole season).
    public struct Counts: Codable, Sendable, Equatable {
        public var key: String?
        public var trips: Int
        public var buses: Int
        public var people: Int
        public var formerly_poor: Int
        /// People per priority group (`poverty-alleviated`, `disability`, `elderly`, `pregnant`).
        public var priority: [String: Int]
        /// People seated over the licensed seats of the trips that carried them (0…1).
        public var seats_filled: Double
        /// People recorded as boarded on closed trips.
        public var boarded: Int
    }
    public typealias Group = Counts
    /// Plan versions the figures come from (the latest of each direction).
    public var plan_versions: [Int]
    public var trips: Int
    public var buses: Int
    public var people: Int
    public var formerly_poor: Int
    public var priority: [String: Int]
    public var seats_filled: Double
    public var boarded: Int
    public var by_direction: [Group]
    public var by_day: [Group]
    public var by_township: [Group]
    public var by_employer: [Group]

    /// What the report needs to know of one seated passenger (no name, no number).
    public struct Traveller: Sendable, Hashable, Codable {
        public var township: String
        public var employer: String
        public var priority: [String]
        public init(township: String, employer: String, priority: [String]) {
            self.township = township; self.employer = employer; self.priority = priority
        }
    }

    /// Computes the figures of `plans` (version, direction, trips); `travellers` gives each
    /// seated worker's township, employer and priority; `boarded` the workers who boarded a
    /// closed trip.
    public static func compute(plans: [(version: Int, direction: Direction, trips: [Trip])], travellers: [String: Traveller],
                               boarded: Set<String>) -> SeasonReport {
        struct Seat { var direction: String; var trip: Trip; var worker: String; var t: Traveller }
        var seats: [Seat] = []
        for p in plans {
            for t in p.trips {
                for s in t.passengers {
                    seats.append(Seat(direction: p.direction.rawValue, trip: t, worker: s.workerID,
                                      t: travellers[s.workerID] ?? Traveller(township: "", employer: "", priority: [])))
                }
            }
        }
        func counts(_ group: [Seat], allTrips: [Trip]? = nil) -> Counts {
            var trips: [String: Trip] = [:]
            for s in group { trips[s.trip.id] = s.trip }
            for t in allTrips ?? [] { trips[t.id] = t }
            var priority: [String: Int] = [:]
            for g in PriorityGroup.allCases { priority[g.rawValue] = 0 }
            for s in group { for p in s.t.priority { priority[p, default: 0] += 1 } }
            let licensed = trips.values.reduce(0) { $0 + $1.licensedSeats }
            return Counts(key: nil, trips: trips.count, buses: Set(trips.values.map(\.busID)).count, people: group.count,
                          formerly_poor: priority[PriorityGroup.povertyAlleviated.rawValue] ?? 0, priority: priority,
                          seats_filled: licensed == 0 ? 0 : (Double(group.count) / Double(licensed) * 1000).rounded() / 1000,
                          boarded: group.filter { boarded.contains($0.worker) }.count)
        }
        func grouped(_ key: (Seat) -> String) -> [Group] {
            Dictionary(grouping: seats, by: key).map { g in var c = counts(g.value); c.key = g.key; return c }.sorted { $0.key! < $1.key! }
        }
        let all = counts(seats, allTrips: plans.flatMap(\.trips))
        return SeasonReport(
            plan_versions: plans.map(\.version).sorted(), trips: all.trips, buses: all.buses, people: all.people,
            formerly_poor: all.formerly_poor, priority: all.priority, seats_filled: all.seats_filled, boarded: all.boarded,
            by_direction: grouped(\.direction), by_day: grouped { $0.trip.date.description },
            by_township: grouped { $0.t.township.isEmpty ? "(unknown)" : $0.t.township },
            by_employer: grouped { $0.t.employer.isEmpty ? "(unknown)" : $0.t.employer })
    }

    /// The sentence officials quote, then the tables.
    /// The report a clerk reads, in the language of `m`: English runs open with the English
    /// sentence and its Chinese twin, Chinese runs with the Chinese sentence only; the tables'
    /// headings follow the language, the figures and keys (days, townships, employers) do not.
    public func text(messages m: Messages = Messages(.en)) -> String {
        var s = ""
        if m.language == .en {
            s += "\(buses) bus\(buses == 1 ? "" : "es") carried \(people) worker\(people == 1 ? "" : "s"), \(formerly_poor) of them from formerly poor households"
            s += " (\(trips) trip\(trips == 1 ? "" : "s"), \(String(format: "%.1f", seats_filled * 100)) % of seats filled"
            s += boarded > 0 ? ", \(boarded) boarded on closed trips).\n" : ").\n"
        }
        s += "共\(buses)辆车、\(trips)趟次，运送务工人员\(people)人，其中脱贫人口\(formerly_poor)人。\n"
        if m.language != .en {
            s += m("season.filled", ["percent": String(format: "%.1f", seats_filled * 100)])
            s += (boarded > 0 ? m("season.boarded", ["n": boarded]) : "") + "\n"
        }
        let others = PriorityGroup.allCases.filter { $0 != .povertyAlleviated }.map { "\($0.chinese) \(priority[$0.rawValue] ?? 0)" }
        s += m("season.others") + others.joined(separator: ", ") + "\n"
        let columns = ["trips", "buses", "people", "formerlyPoor", "seatsFilled", "boarded"].map { m("season.col.\($0)") }
        for (title, groups) in [("direction", by_direction), ("day", by_day), ("township", by_township), ("employer", by_employer)] {
            s += "\n" + m("season.by.\(title)") + "\n"
            let w = max(12, groups.map { DisplayWidth.of($0.key ?? "") }.max() ?? 0)
            s += "  " + DisplayWidth.pad(m("season.dim.\(title)"), to: w) + "  "
            s += zip(columns, [6, 6, 7, 14, 13, 8]).map { c, width in String(repeating: " ", count: max(0, width - DisplayWidth.of(c))) + c }.joined(separator: " ") + "\n"
            for g in groups {
                let key = title == "direction" && m.language != .en ? (g.key.flatMap { Direction(rawValue: $0)?.chinese } ?? g.key ?? "") : g.key ?? ""
                s += "  " + DisplayWidth.pad(key, to: w) + "  " + [pad(g.trips, 6), pad(g.buses, 6), pad(g.people, 7), pad(g.formerly_poor, 14),
                                                            String(format: "%12.1f%%", g.seats_filled * 100), pad(g.boarded, 8)].joined(separator: " ") + "\n"
            }
        }
        return s
    }

    /// One CSV row per group: dimension, key and the counts.
    public func csvRows() -> (header: [String], rows: [[String]]) {
        let header = ["dimension", "key", "trips", "buses", "people", "formerly_poor"] + PriorityGroup.allCases.map(\.rawValue) + ["seats_filled", "boarded"]
        func row(_ d: String, _ g: Group) -> [String] {
            [d, g.key ?? "all", "\(g.trips)", "\(g.buses)", "\(g.people)", "\(g.formerly_poor)"] + PriorityGroup.allCases.map { "\(g.priority[$0.rawValue] ?? 0)" }
                + [String(format: "%.3f", g.seats_filled), "\(g.boarded)"]
        }
        let total = Counts(key: "all", trips: trips, buses: buses, people: people, formerly_poor: formerly_poor, priority: priority,
                           seats_filled: seats_filled, boarded: boarded)
        var rows = [row("total", total)]
        rows += by_direction.map { row("direction", $0) } + by_day.map { row("day", $0) }
        rows += by_township.map { row("township", $0) } + by_employer.map { row("employer", $0) }
        return (header, rows)
    }

    func pad(_ n: Int, _ w: Int) -> String { let s = "\(n)"; return String(repeating: " ", count: max(0, w - s.count)) + s }
}
