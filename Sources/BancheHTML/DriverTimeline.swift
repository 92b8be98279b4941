import BancheCore
import BancheIO
import Foundation

/// Every driver's season on one timeline: a row per driver, a column per day, driving in
/// blue and other duty lighter.
public enum DriverTimeline {
    public struct Row: Sendable, Hashable {
        public var driver: String
        public var records: [DutyRecord]
        public init(driver: String, records: [DutyRecord]) { self.driver = driver; self.records = records }
    }

    public static let rowHeight = 18.0

    public static func svg(_ rows: [Row], zone: ZoneOffset, label: String, width: Double = 720) -> String {
        let all = rows.flatMap(\.records)
        guard let first = all.map(\.start).min(), let last = all.map(\.end).max() else { return SVG(width: width, height: 20, label: label).render() }
        let labelWidth = max(70, (rows.map { textWidth($0.driver, size: 11) }.max() ?? 0) + 10)
        let firstDay = first.date(in: zone), lastDay = last.date(in: zone)
        let start = Timestamp(date: firstDay, minuteOfDay: 0, zone: zone), end = Timestamp(date: lastDay.adding(days: 1), minuteOfDay: 0, zone: zone)
        let axis = TimeAxis(from: start, to: end, left: labelWidth, width: width - labelWidth - 10, zone: zone)
        let top = 22.0, bottom = top + Double(rows.count) * rowHeight
        var svg = SVG(width: width, height: bottom + 8, label: label)
        var day = firstDay
        while day <= lastDay {
            let x = axis.x(Timestamp(date: day, minuteOfDay: 0, zone: zone))
            let x2 = axis.x(Timestamp(date: day.adding(days: 1), minuteOfDay: 0, zone: zone))
            svg.line(x1: x, y1: top - 16, x2: x, y2: bottom, stroke: "#bbb", width: 1)
            svg.text(day.description, x: (x + x2) / 2, y: top - 6, size: 10, anchor: .middle, fill: "#555")
            day = day.adding(days: 1)
        }
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            if i % 2 == 1 { svg.rect(x: labelWidth, y: y, width: axis.right - labelWidth, height: rowHeight, fill: "#f4f6f9") }
            svg.text(r.driver, x: labelWidth - 6, y: y + 13, size: 11, anchor: .end)
            for d in r.records.sorted(by: { ($0.start, $0.activity.rawValue) < ($1.start, $1.activity.rawValue) }) where d.activity != .rest {
                let h = d.activity == .drive ? rowHeight - 6 : rowHeight - 12
                svg.rect(x: axis.x(d.start), y: y + (rowHeight - h) / 2, width: max(0.5, axis.x(d.end) - axis.x(d.start)), height: h,
                         fill: ActivityColour.of(d.activity), cls: "seg-\(d.activity.rawValue)",
                         title: "\(r.driver) \(d.start.iso(in: zone))-\(d.end.clock(in: zone)) \(ActivityColour.chinese(d.activity))")
            }
        }
        return svg.render()
    }
}
