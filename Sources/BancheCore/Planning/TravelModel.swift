import Foundation

/// Distances and driving times between stops.
///
/// A measured `Leg` wins when one is given for the pair. Otherwise the estimate is the
/// great-circle distance times `settings.roadFactor`, driven in bands: the first road-km on
/// local roads, the next on national roads, the rest on the expressway, so the estimated time
/// is continuous and never falls as the distance grows (see `TravelSettings.estimatedMinutes`).
///
/// A measured road is used where it is quicker than the estimate: from a township to the
/// expressway's first service area, the estimate across the hills (福新 → 崇左服务区, 148 minutes)
/// loses to the town road to 天等 and the measured expressway from there (112). So, up to
/// `viaLimit` stops, an estimated pair takes the quickest of its direct estimate and every
/// estimate → measured leg → estimate path, with that path's km (found by a walk-through).
public struct TravelModel: Sendable {
    /// Road factor and speeds of the estimate.
    public let settings: TravelSettings

    let index: [String: Int]
    let coords: [(lat: Double, lon: Double)]
    var measured: [Int: (km: Double, minutes: Int)] = [:]
    /// Precomputed road km for every pair (row-major), when there are few enough stops.
    var matrix: [Double] = []
    /// Driving minutes for every pair where a measured leg makes the way quicker (row-major;
    /// -1: the pair's own measured or estimated minutes).
    var viaMinutes: [Int32] = []
    /// Up to this many stops the model looks for quicker ways through measured legs (n² × legs
    /// steps at start).
    static let viaLimit = 3000

    public init(stops: [Stop], legs: [Leg], settings: TravelSettings = TravelSettings()) {
        self.settings = settings
        var idx: [String: Int] = [:]
        for (i, s) in stops.enumerated() { idx[s.id] = i }
        index = idx
        coords = stops.map { ($0.latitude, $0.longitude) }
        for l in legs {
            guard let a = idx[l.from], let b = idx[l.to] else { continue }
            measured[a * stops.count + b] = (l.distanceKm, l.minutes)
            if l.bothWays && measured[b * stops.count + a] == nil { measured[b * stops.count + a] = (l.distanceKm, l.minutes) }
        }
        let n = stops.count
        if n <= 3000 {
            var m = [Double](repeating: 0, count: n * n)
            for a in 0..<n { for b in 0..<n where a != b { m[a * n + b] = measuredOrEstimatedKm(a, b) } }
            matrix = m
            findQuickerWays()
        }
    }

    /// For each pair without a measured leg: the quickest of the direct estimate and the paths
    /// estimate → one measured leg → estimate (either end of the path may be the leg's own).
    mutating func findQuickerWays() {
        let n = coords.count
        guard n <= Self.viaLimit, !measured.isEmpty, measured.count <= 400 else { return }
        let legs = measured.keys.sorted().map { (u: $0 / n, v: $0 % n, km: measured[$0]!.km, minutes: measured[$0]!.minutes) }
        guard legs.count <= 400 else { return }
        let direct = matrix
        // A pair's own minutes: its measured leg's, else the estimate.
        func own(_ a: Int, _ b: Int) -> Int {
            if a == b { return 0 }
            if let m = measured[a * n + b] { return m.minutes }
            return settings.estimatedMinutes(km: direct[a * n + b])
        }
        // Row by row: the best way from `a` to every `b`, leg by leg over contiguous arrays.
        let L = legs.count
        var fromEnd = [Int](repeating: 0, count: L * n)   // leg k's end → b, at k * n + b
        for (k, l) in legs.enumerated() { for b in 0..<n { fromEnd[k * n + b] = own(l.v, b) } }
        var via = [Int32](repeating: -1, count: n * n)
        var found = false
        var best = [Int](repeating: 0, count: n), bestLeg = [Int](repeating: -1, count: n)
        for a in 0..<n {
            for b in 0..<n { best[b] = a == b ? 0 : settings.estimatedMinutes(km: direct[a * n + b]); bestLeg[b] = -1 }
            for (k, l) in legs.enumerated() {
                let head = own(a, l.u) + l.minutes
                let row = k * n
                for b in 0..<n where head + fromEnd[row + b] < best[b] {
                    best[b] = head + fromEnd[row + b]; bestLeg[b] = k
                }
            }
            for b in 0..<n where b != a && bestLeg[b] >= 0 && measured[a * n + b] == nil {
                let l = legs[bestLeg[b]]
                guard !(l.u == a && l.v == b) else { continue }
                via[a * n + b] = Int32(best[b])
                matrix[a * n + b] = (a == l.u ? 0 : direct[a * n + l.u]) + l.km + (l.v == b ? 0 : direct[l.v * n + b])
                found = true
            }
        }
        if found { viaMinutes = via }
    }

    func measuredOrEstimatedKm(_ a: Int, _ b: Int) -> Double {
        if let m = measured[a * coords.count + b] { return m.km }
        return greatCircleKm(a, b) * settings.roadFactor
    }

    /// The stop's position in the model (stops given at init, in that order).
    public func position(of id: String) -> Int? { index[id] }
    public var stopCount: Int { coords.count }

    /// Great-circle distance in km (haversine, mean Earth radius 6371 km).
    public func greatCircleKm(_ a: Int, _ b: Int) -> Double { greatCircleKm(coords[a], coords[b]) }

    /// Great-circle distance in km between two coordinates.
    public func greatCircleKm(_ p: (lat: Double, lon: Double), _ q: (lat: Double, lon: Double)) -> Double {
        let (la1, lo1) = (p.lat * .pi / 180, p.lon * .pi / 180)
        let (la2, lo2) = (q.lat * .pi / 180, q.lon * .pi / 180)
        let h = sin((la2 - la1) / 2) * sin((la2 - la1) / 2) + cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) * sin((lo2 - lo1) / 2)
        return 2 * 6371 * asin(min(1, sqrt(h)))
    }

    /// Road kilometres from stop `a` to stop `b`.
    public func km(_ a: Int, _ b: Int) -> Double {
        if a == b { return 0 }
        if !matrix.isEmpty { return matrix[a * coords.count + b] }
        return measuredOrEstimatedKm(a, b)
    }

    /// Driving minutes from stop `a` to stop `b`: the measured leg's, else the estimate (rounded up).
    public func minutes(_ a: Int, _ b: Int) -> Int {
        if a == b { return 0 }
        if let m = measured[a * coords.count + b] { return m.minutes }
        if !viaMinutes.isEmpty, case let v = viaMinutes[a * coords.count + b], v >= 0 { return Int(v) }
        return settings.estimatedMinutes(km: km(a, b))
    }
}
