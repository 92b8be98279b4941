import BancheCore
import BancheIO
import Foundation

/// Colours of the activities, the same in every chart and legend.
public enum ActivityColour {
    public static func of(_ a: DutyActivity) -> String {
        switch a {
        case .drive: "#1f5fa8"
        case .break: "#e8a33d"
        case .available: "#c9ced6"
        case .rest: "#7b4fa3"
        case .otherWork: "#3aa39a"
        }
    }
    public static func chinese(_ a: DutyActivity) -> String {
        switch a {
        case .drive: "驾驶 driving"
        case .break: "休息 break"
        case .available: "随车 riding / waiting"
        case .rest: "停车休息 rest / halt"
        case .otherWork: "其他工作 other work"
        }
    }
}

/// Approximate width in pixels of `s` set at `size` px: CJK characters a full em, others half.
func textWidth(_ s: String, size: Double) -> Double { Double(DisplayWidth.of(s)) * size * 0.55 }

/// Places text labels so they do not overlap: each label tries its candidate baselines in
/// order and takes the first whose box is free (the last one when none is).
struct LabelPlacer {
    var boxes: [(x0: Double, x1: Double, y0: Double, y1: Double)] = []

    /// Baselines beside a point at height `y`: level with it, then one line above, one below,
    /// two above, … (`count` in all), a line being `size` + 3.
    static func lanes(_ y: Double, size: Double, count: Int) -> [Double] {
        (0..<count).map { i in
            let k = Double((i + 1) / 2) * (size + 3)
            return y + size / 3 + (i % 2 == 0 ? k : -k)
        }
    }

    mutating func place(_ text: String, x: Double, size: Double, anchor: SVG.Anchor, candidates: [Double]) -> Double {
        let w = textWidth(text, size: size)
        let x0 = anchor == .start ? x : anchor == .middle ? x - w / 2 : x - w
        for (i, y) in candidates.enumerated() {
            let box = (x0: x0, x1: x0 + w, y0: y - size, y1: y + 2)
            let free = !boxes.contains { $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }
            if free || i == candidates.count - 1 { boxes.append(box); return y }
        }
        return candidates[0]
    }
}

/// Horizontal bar charts: one bar per group, its value at the end; an optional part of each
/// bar (the formerly poor among the people) drawn darker inside it.
public enum BarChart {
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Int
        public var part: Int?
        public init(label: String, value: Int, part: Int? = nil) { self.label = label; self.value = value; self.part = part }
    }

    public static let rowHeight = 22.0

    /// The chart: bars scaled to the largest value, in the order given.
    public static func svg(_ bars: [Bar], label: String, barWidth: Double = 380) -> String {
        let labelWidth = max(60, (bars.map { textWidth($0.label, size: 12) }.max() ?? 0) + 10)
        let maxValue = max(1, bars.map(\.value).max() ?? 1)
        let top = 6.0
        var svg = SVG(width: labelWidth + barWidth + 70, height: top + Double(bars.count) * rowHeight + 6, label: label)
        for (i, b) in bars.enumerated() {
            let y = top + Double(i) * rowHeight
            svg.text(b.label, x: labelWidth - 6, y: y + 15, size: 12, anchor: .end)
            let w = barWidth * Double(b.value) / Double(maxValue)
            svg.rect(x: labelWidth, y: y + 3, width: w, height: rowHeight - 6, fill: "#9bbbe0", cls: "bar", title: "\(b.label): \(b.value)")
            if let part = b.part, part > 0 {
                svg.rect(x: labelWidth, y: y + 3, width: barWidth * Double(part) / Double(maxValue), height: rowHeight - 6, fill: "#1f5fa8", cls: "bar-part",
                         title: "\(b.label): \(part)")
            }
            svg.text(b.part.map { "\(b.value) (\($0))" } ?? "\(b.value)", x: labelWidth + w + 4, y: y + 15, size: 11)
        }
        return svg.render()
    }
}

/// A time axis: whole hours around the records, `pxPerHour` wide.
struct TimeAxis {
    var start: Timestamp
    var end: Timestamp
    var left: Double
    var pxPerMinute: Double
    init(from: Timestamp, to: Timestamp, left: Double, width: Double, zone: ZoneOffset) {
        let s = from.adding(minutes: -from.minuteOfDay(in: zone) % 60)
        var e = to
        let m = e.minuteOfDay(in: zone) % 60
        if m != 0 { e = e.adding(minutes: 60 - m) }
        if e.seconds <= s.seconds { e = s.adding(minutes: 60) }
        start = s; end = e; self.left = left
        pxPerMinute = width / Double(s.minutes(to: e))
    }
    func x(_ t: Timestamp) -> Double { left + Double(start.minutes(to: t)) * pxPerMinute }
    var right: Double { x(end) }
}

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

/// The route drawn from the stops' coordinates (straight lines between stops in order, not the
/// road): pickups numbered in order, rest areas, drop-offs; with a scale bar and a north arrow.
public enum RouteMap {
    public struct Point: Sendable, Hashable {
        public var name: String
        public var role: StopRole
        public var latitude: Double
        public var longitude: Double
        public init(name: String, role: StopRole, latitude: Double, longitude: Double) {
            self.name = name; self.role = role; self.latitude = latitude; self.longitude = longitude
        }
    }

    static func colour(_ r: StopRole) -> String {
        switch r { case .pickup: "#2e8b57"; case .dropoff: "#c0392b"; case .rest: "#7f8c8d"; case .halt: "#7b4fa3" }
    }

    /// The longest of 1, 2, 5 × 10ⁿ km not over `km`.
    public static func niceLength(atMost km: Double) -> Double {
        guard km > 0 else { return 1 }
        var best = 1.0, p = 1.0
        while p <= km * 10 {
            for m in [1.0, 2.0, 5.0] where m * p <= km { best = max(best, m * p) }
            p *= 10
        }
        var small = 1.0
        while small > km { small /= 10 }
        return km < 1 ? small : best
    }

    public static func svg(_ points: [Point], label: String, width: Double = 720, height: Double = 400) -> String {
        var svg = SVG(width: width, height: height, label: label)
        svg.rect(x: 0, y: 0, width: width, height: height, fill: "#fbfbf8")
        guard !points.isEmpty else { return svg.render() }
        // Equirectangular projection around the middle latitude, in km.
        let lat0 = (points.map(\.latitude).min()! + points.map(\.latitude).max()!) / 2
        let kx = 111.32 * cos(lat0 * .pi / 180), ky = 110.57
        let xs = points.map { $0.longitude * kx }, ys = points.map { -$0.latitude * ky }
        let margin = 60.0
        let spanX = max(xs.max()! - xs.min()!, 1), spanY = max(ys.max()! - ys.min()!, 1)
        let scale = min((width - 2 * margin - 140) / spanX, (height - 2 * margin) / spanY)   // px per km
        let ox = margin + ((width - 2 * margin - 140) - spanX * scale) / 2, oy = margin + ((height - 2 * margin) - spanY * scale) / 2
        func project(_ i: Int) -> (Double, Double) { (ox + (xs[i] - xs.min()!) * scale, oy + (ys[i] - ys.min()!) * scale) }
        let projected = points.indices.map(project)
        svg.polyline(projected, stroke: "#1f5fa8", width: 2.5)
        var pickup = 0, labels = LabelPlacer()
        // The marks first, so that no name is written over one.
        for (x, y) in projected { labels.boxes.append((x0: x - 9, x1: x + 9, y0: y - 9, y1: y + 9)) }
        for (i, p) in points.enumerated() {
            let (x, y) = projected[i]
            let mark: String
            if p.role == .pickup { pickup += 1; mark = "\(pickup)" } else { mark = p.role == .dropoff ? "下" : p.role == .rest ? "休" : "停" }
            svg.circle(cx: x, cy: y, r: 9, fill: colour(p.role), stroke: "#fff", cls: "stop-\(p.role.rawValue)", title: "\(mark) \(p.name)")
            svg.text(mark, x: x, y: y + 4, size: 10, anchor: .middle, fill: "#fff", bold: true)
            let ly = labels.place(p.name, x: x + 12, size: 11, anchor: .start, candidates: LabelPlacer.lanes(y, size: 11, count: 15))
            svg.text(p.name, x: x + 12, y: ly, size: 11)
        }
        // Scale bar: a round length about a quarter of the width, bottom left.
        let km = niceLength(atMost: (width / 4) / scale)
        let barPx = km * scale, bx = 20.0, by = height - 24
        svg.rect(x: bx, y: by - 6, width: barPx / 2, height: 6, fill: "#222", cls: "scale-bar")
        svg.rect(x: bx + barPx / 2, y: by - 6, width: barPx / 2, height: 6, fill: "#fff")
        svg.line(x1: bx, y1: by, x2: bx + barPx, y2: by, stroke: "#222", width: 1)
        svg.line(x1: bx + barPx, y1: by - 6, x2: bx + barPx, y2: by, stroke: "#222", width: 1)
        svg.text("0", x: bx, y: by - 10, size: 10, anchor: .middle)
        svg.text("\(SVG.number(km)) km", x: bx + barPx, y: by - 10, size: 10, anchor: .middle)
        // North arrow, top right.
        let nx = width - 40, ny = 30.0
        svg.polygon([(nx, ny), (nx - 10, ny + 30), (nx, ny + 22), (nx + 10, ny + 30)], fill: "#222")
        svg.text("N 北", x: nx, y: ny + 46, size: 12, anchor: .middle, bold: true)
        return svg.render()
    }
}

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
