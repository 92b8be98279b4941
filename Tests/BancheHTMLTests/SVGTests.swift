import BancheCore
import Foundation
import BancheIO
import Testing
@testable import BancheHTML

/// Numbers (as floats) of attribute `name` on elements whose class is `cls`.
func attribute(_ name: String, ofClass cls: String, in svg: String) -> [Double] {
    svg.matches(of: /<[a-z]+ ([^>]*)>/).compactMap { m -> Double? in
        let attrs = " " + String(m.1)
        guard attrs.contains("class=\"\(cls)\"") else { return nil }
        guard let v = attrs.firstMatch(of: try! Regex<(Substring, Substring)>(" \(name)=\"([-0-9.]+)\"")) else { return nil }
        return Double(v.1)
    }
}

func at(_ hhmm: String, day: Int = 13) -> Timestamp { Timestamp(iso: "2027-02-\(day)T\(hhmm):00+08:00", defaultZone: .china)! }

@Suite struct SVGTests {
    @Test func numbersAreShortAndStable() {
        #expect(SVG.number(1) == "1")
        #expect(SVG.number(0.04) == "0")
        #expect(SVG.number(-0.04) == "0")
        #expect(SVG.number(2.25) == "2.3")
        #expect(SVG.number(-1.5) == "-1.5")
        #expect(SVG.number(.nan) == "0")
        #expect(SVG.number(1234.56) == "1234.6")
    }

    @Test func textIsEscapedAndNoAddressIsWritten() {
        var s = SVG(width: 10, height: 10, label: "a<b>&\"c\"")
        s.text("<script>x</script> & 天等\u{07}", x: 1, y: 2)
        let out = s.render()
        #expect(out.contains("&lt;script&gt;x&lt;/script&gt; &amp; 天等</text>"))
        #expect(out.contains("aria-label=\"a&lt;b&gt;&amp;&quot;c&quot;\""))
        #expect(!out.contains("\u{07}"))
        #expect(!out.contains("http"))
        #expect(out.hasPrefix("<svg viewBox=\"0 0 10 10\""))
    }

    @Test func barsAreProportional() {
        let svg = BarChart.svg([.init(label: "天等镇", value: 100, part: 25), .init(label: "龙茗镇", value: 50)], label: "t", barWidth: 400)
        #expect(attribute("width", ofClass: "bar", in: svg) == [400, 200])
        #expect(attribute("width", ofClass: "bar-part", in: svg) == [100])
        #expect(svg.contains(">100 (25)</text>") && svg.contains(">50</text>"))
    }

    @Test func scaleBarLengths() {
        #expect(RouteMap.niceLength(atMost: 130) == 100)
        #expect(RouteMap.niceLength(atMost: 260) == 200)
        #expect(RouteMap.niceLength(atMost: 7) == 5)
        #expect(RouteMap.niceLength(atMost: 0.3) == 0.1)
    }

    /// The scale bar measures what the map draws: pixels per km of the bar equal pixels per km
    /// between two stops a known distance apart; the north arrow points up.
    @Test func mapScaleBarMatchesTheDrawing() throws {
        let points = [RouteMap.Point(name: "A", role: .pickup, latitude: 23, longitude: 107),
                      RouteMap.Point(name: "B", role: .dropoff, latitude: 23, longitude: 108)]
        let svg = RouteMap.svg(points, label: "map")
        let xs = attribute("cx", ofClass: "stop-pickup", in: svg) + attribute("cx", ofClass: "stop-dropoff", in: svg)
        #expect(xs.count == 2)
        let km = 111.32 * cos(23 * Double.pi / 180)
        let drawn = abs(xs[1] - xs[0]) / km
        let label = try #require(svg.firstMatch(of: />([0-9.]+) km</))
        let bar = try #require(attribute("width", ofClass: "scale-bar", in: svg).first) * 2
        #expect(abs(bar / Double(label.1)! - drawn) / drawn < 0.01)
        #expect(svg.contains("N 北"))
        #expect(xs[1] > xs[0])   // east is to the right
    }

    @Test func swapsAndTheirPlaces() {
        let segs = [RotationGantt.Segment(driver: "甲", activity: .drive, start: at("05:30"), end: at("09:00"), place: nil),
                    RotationGantt.Segment(driver: "甲", activity: .break, start: at("09:00"), end: at("09:20"), place: "南宁服务区"),
                    RotationGantt.Segment(driver: "乙", activity: .drive, start: at("09:20"), end: at("12:00"), place: nil),
                    RotationGantt.Segment(driver: "乙", activity: .drive, start: at("12:20"), end: at("13:00"), place: nil)]
        let swaps = RotationGantt.swaps(segs)
        #expect(swaps == [RotationGantt.Swap(at: at("09:20"), from: "甲", to: "乙", place: "南宁服务区")])
    }

    /// The 02:00–05:00 band covers exactly those hours of the axis.
    @Test func haltBandIsShadedWhereItFalls() throws {
        let segs = [RotationGantt.Segment(driver: "甲", activity: .drive, start: at("00:00", day: 14), end: at("01:00", day: 14), place: nil),
                    RotationGantt.Segment(driver: "甲", activity: .rest, start: at("01:00", day: 14), end: at("06:00", day: 14), place: "江门")]
        let svg = RotationGantt.svg(drivers: ["甲"], segments: segs, zone: .china, halt: (120, 300), label: "g", width: 700)
        let bandX = try #require(attribute("x", ofClass: "halt-band", in: svg).first)
        let bandW = try #require(attribute("width", ofClass: "halt-band", in: svg).first)
        let restX = try #require(attribute("x", ofClass: "seg-rest", in: svg).first)
        let restW = try #require(attribute("width", ofClass: "seg-rest", in: svg).first)
        // The rest runs 01:00–06:00 (5 h); the band 02:00–05:00 (3 h) starts an hour in.
        #expect(abs(bandW / restW - 3.0 / 5.0) < 0.01)
        #expect(abs((bandX - restX) / restW - 1.0 / 5.0) < 0.01)
        #expect(attribute("x", ofClass: "halt-band", in: svg).count == 1)
    }

    /// Names of stops close together are written on separate lines, not over each other.
    @Test func labelsOfNearbyStopsDoNotOverlap() {
        var placer = LabelPlacer()
        let ys = (0..<6).map { i in placer.place("江门鸿达五金有限公司", x: 100 + Double(i), size: 11, anchor: .start, candidates: LabelPlacer.lanes(200, size: 11, count: 7)) }
        #expect(Set(ys).count == 6)
        for (a, b) in zip(ys.sorted(), ys.sorted().dropFirst()) { #expect(b - a >= 12) }
    }

    @Test func drivingIsSplitAtMidnight() {
        let r = [DutyRecord(driverID: "D1", activity: .drive, start: at("23:00", day: 13), end: at("01:30", day: 14)),
                 DutyRecord(driverID: "D1", activity: .break, start: at("01:30", day: 14), end: at("02:00", day: 14))]
        let days = HTMLReport.drivingByDay(r, zone: .china)
        #expect(days == [CivilDate(iso: "2027-02-13")!: 60, CivilDate(iso: "2027-02-14")!: 90])
    }
}
