import BancheCore
import BancheIO
import Foundation

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
