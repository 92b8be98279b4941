import BancheCore
import BancheIO
import Foundation

/// The rotation of one trip: a row per driver, what each does when (driving, breaks, riding,
/// the night halt), each handover marked with where the bus stands; the 02:00–05:00 halt band
/// shaded on every night the trip spans.
public enum RotationGantt {
    public struct Segment: Sendable, Hashable {
        public var driver: String
        public var activity: DutyActivity
        public var start: Timestamp
        public var end: Timestamp
        /// Where the bus stands (a stop's name), for breaks, rests and handovers.
        public var place: String?
        public init(driver: String, activity: DutyActivity, start: Timestamp, end: Timestamp, place: String?) {
            self.driver = driver; self.activity = activity; self.start = start; self.end = end; self.place = place
        }
    }
    /// A change of driver at the wheel.
    public struct Swap: Sendable, Hashable {
        public var at: Timestamp
        public var from: String
        public var to: String
        public var place: String?
    }

    /// Handovers: where the driver of one drive segment differs from the previous one's.
    public static func swaps(_ segments: [Segment]) -> [Swap] {
        let drives = segments.filter { $0.activity == .drive }.sorted { $0.start < $1.start }
        var out: [Swap] = []
        for (a, b) in zip(drives, drives.dropFirst()) where a.driver != b.driver {
            // The place: where the outgoing driver's break or wait between the two drives was.
            let place = segments.first { $0.driver == a.driver && $0.start >= a.end && $0.start < b.start && $0.place != nil }?.place
                ?? segments.first { $0.driver == b.driver && $0.end <= b.start && $0.end >= a.end && $0.place != nil }?.place
            out.append(Swap(at: b.start, from: a.driver, to: b.driver, place: place))
        }
        return out
    }

    public static let rowHeight = 34.0

    public static func svg(drivers: [String], segments: [Segment], zone: ZoneOffset, halt: (start: Int, end: Int), label: String, width: Double = 720) -> String {
        guard let first = segments.map(\.start).min(), let last = segments.map(\.end).max() else {
            return SVG(width: width, height: 20, label: label).render()
        }
        let labelWidth = max(70, (drivers.map { textWidth($0, size: 12) }.max() ?? 0) + 12)
        let axis = TimeAxis(from: first, to: last, left: labelWidth, width: width - labelWidth - 10, zone: zone)
        let top = 44.0, rowsBottom = top + Double(drivers.count) * rowHeight
        var svg = SVG(width: width, height: rowsBottom + 42, label: label)
        // The night halt band on every day the axis touches.
        var day = axis.start.date(in: zone).adding(days: -1)
        while Timestamp(date: day, minuteOfDay: 0, zone: zone) < axis.end {
            let a = Timestamp(date: day, minuteOfDay: halt.start, zone: zone), b = Timestamp(date: day, minuteOfDay: halt.end, zone: zone)
            let x1 = max(axis.x(a), axis.left), x2 = min(axis.x(b), axis.right)
            if x2 > x1 {
                svg.rect(x: x1, y: top - 4, width: x2 - x1, height: rowsBottom - top + 8, fill: "#d9d2e9", cls: "halt-band",
                         title: "\(TimeOfDay(minutes: halt.start)!)-\(TimeOfDay(minutes: halt.end)!) 夜间停车 night halt window")
                svg.text("\(TimeOfDay(minutes: halt.start)!)-\(TimeOfDay(minutes: halt.end)!) 停车", x: (x1 + x2) / 2, y: top - 6, size: 9, anchor: .middle, fill: "#5b3f86")
            }
            day = day.adding(days: 1)
        }
        // Hour ticks: every hour, labelled every `step` hours so labels do not collide.
        let hours = axis.start.minutes(to: axis.end) / 60
        let step = max(1, Int((Double(hours) * 38 / (axis.right - axis.left)).rounded(.up)))
        for h in 0...hours {
            let t = axis.start.adding(minutes: h * 60), x = axis.x(t)
            svg.line(x1: x, y1: top - 2, x2: x, y2: rowsBottom + 2, stroke: "#e3e3e3", width: 1)
            if h % step == 0 { svg.text(t.clock(in: zone), x: x, y: rowsBottom + 16, size: 10, anchor: .middle, fill: "#555") }
        }
        // Rows.
        var labels = LabelPlacer(), labelled = Set<String>()
        for (i, d) in drivers.enumerated() {
            let y = top + Double(i) * rowHeight
            svg.text(d, x: labelWidth - 8, y: y + 20, size: 12, anchor: .end, bold: true)
            for s in segments where s.driver == d {
                let x1 = axis.x(s.start), x2 = axis.x(s.end)
                let what = ActivityColour.chinese(s.activity)
                let title = "\(d) \(s.start.clock(in: zone))-\(s.end.clock(in: zone)) \(what)" + (s.place.map { " @\($0)" } ?? "")
                let h = s.activity == .drive ? rowHeight - 14 : rowHeight - 20
                svg.rect(x: x1, y: y + (rowHeight - h) / 2, width: max(1, x2 - x1), height: h, fill: ActivityColour.of(s.activity), cls: "seg-\(s.activity.rawValue)", title: title)
            }
        }
        // Where the bus stands at each break and halt: once per stop, above or below the rows.
        for s in segments where (s.activity == .break || s.activity == .rest) && s.place != nil {
            guard labelled.insert("\(s.start.seconds) \(s.place!)").inserted else { continue }
            let x = (axis.x(s.start) + axis.x(s.end)) / 2
            let y = labels.place(s.place!, x: x, size: 9, anchor: .middle, candidates: [top - 18, top - 28, rowsBottom + 26, rowsBottom + 36])
            svg.text(s.place!, x: x, y: y, size: 9, anchor: .middle, fill: "#444")
        }
        // Swaps: a dashed line across the rows, marked 换 below the axis.
        for w in swaps(segments) {
            let x = axis.x(w.at)
            svg.line(x1: x, y1: top - 2, x2: x, y2: rowsBottom + 2, stroke: "#c0392b", width: 1.2, dash: "4 3")
            let y = labels.place("换", x: x, size: 10, anchor: .middle, candidates: [rowsBottom + 26, rowsBottom + 36, top - 18])
            svg.text("换", x: x, y: y, size: 10, anchor: .middle, fill: "#c0392b", bold: true)
        }
        return svg.render()
    }
}
