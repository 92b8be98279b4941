/// A small writer of inline SVG for HTML pages: shapes and text in user units, numbers printed
/// with at most one decimal (so the same input gives the same bytes on every machine), text
/// escaped. No namespace URL is written: SVG inline in HTML needs none, and a report must
/// not name any address.
public struct SVG: Sendable {
    public var width: Double
    public var height: Double
    /// What the picture shows, for screen readers (`aria-label`) and as its `<title>`.
    public var label: String
    var body: [String] = []

    public init(width: Double, height: Double, label: String) {
        self.width = width; self.height = height; self.label = label
    }

    /// `v` with at most one decimal, no trailing `.0`, no `-0`.
    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let tenths = Int((v * 10).rounded())
        if tenths == 0 { return "0" }
        let sign = tenths < 0 ? "-" : "", a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }

    /// Text safe inside an element or a double-quoted attribute.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Controls other than tab and newline are not allowed in XML.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    func attributes(_ a: [(String, String?)]) -> String {
        a.compactMap { k, v in v.map { " \(k)=\"\(SVG.escape($0))\"" } }.joined()
    }

    /// A rectangle; `title` becomes a tooltip (and what a screen reader says).
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, cls: String? = nil, title: String? = nil) {
        let a = attributes([("x", SVG.number(x)), ("y", SVG.number(y)), ("width", SVG.number(max(0, width))), ("height", SVG.number(max(0, height))),
                            ("fill", fill), ("class", cls)])
        body.append(title.map { "<rect\(a)><title>\(SVG.escape($0))</title></rect>" } ?? "<rect\(a)/>")
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#000", width: Double = 1, dash: String? = nil) {
        body.append("<line" + attributes([("x1", SVG.number(x1)), ("y1", SVG.number(y1)), ("x2", SVG.number(x2)), ("y2", SVG.number(y2)),
                                           ("stroke", stroke), ("stroke-width", SVG.number(width)), ("stroke-dasharray", dash)]) + "/>")
    }

    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2) {
        let p = points.map { "\(SVG.number($0.0)),\(SVG.number($0.1))" }.joined(separator: " ")
        body.append("<polyline" + attributes([("points", p), ("fill", "none"), ("stroke", stroke), ("stroke-width", SVG.number(width)),
                                               ("stroke-linejoin", "round")]) + "/>")
    }

    public mutating func polygon(_ points: [(Double, Double)], fill: String) {
        let p = points.map { "\(SVG.number($0.0)),\(SVG.number($0.1))" }.joined(separator: " ")
        body.append("<polygon" + attributes([("points", p), ("fill", fill)]) + "/>")
    }

    public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, cls: String? = nil, title: String? = nil) {
        let a = attributes([("cx", SVG.number(cx)), ("cy", SVG.number(cy)), ("r", SVG.number(r)), ("fill", fill), ("stroke", stroke), ("class", cls)])
        body.append(title.map { "<circle\(a)><title>\(SVG.escape($0))</title></circle>" } ?? "<circle\(a)/>")
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    public mutating func text(_ s: String, x: Double, y: Double, size: Double = 11, anchor: Anchor = .start, fill: String = "#222", bold: Bool = false) {
        body.append("<text" + attributes([("x", SVG.number(x)), ("y", SVG.number(y)), ("font-size", SVG.number(size)),
                                           ("text-anchor", anchor == .start ? nil : anchor.rawValue), ("fill", fill),
                                           ("font-weight", bold ? "bold" : nil)]) + ">\(SVG.escape(s))</text>")
    }

    /// The picture as an `<svg>` element sized in CSS pixels, scaling with its container.
    public func render() -> String {
        "<svg viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\" width=\"\(SVG.number(width))\" height=\"\(SVG.number(height))\""
            + " role=\"img\" aria-label=\"\(SVG.escape(label))\"><title>\(SVG.escape(label))</title>"
            + body.joined() + "</svg>"
    }
}
