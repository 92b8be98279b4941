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
