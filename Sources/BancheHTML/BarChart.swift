import BancheCore
import BancheIO
import Foundation

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
