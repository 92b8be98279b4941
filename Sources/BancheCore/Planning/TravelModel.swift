import Foundation

/// Distances and driving times between stops.
///
/// A measured `Leg` wins when one is given for the pair. Otherwise the estimate is the
/// great-circle distance times `settings.roadFactor`, driven in bands: the first road-km on
/// local roads, the next on national roads, the rest on the expressway, so the estimated time
/// is continuous and never falls as the distance grows (see `TravelSettings.estimatedMinutes`).
public struct TravelModel: Sendable {
    /// Road factor and speeds of the estimate.
    public let settings: TravelSettings

    let index: [String: Int]
    let coords: [(lat: Double, lon: Double)]
    var measured: [Int: (km: Double, minutes: Int)] = [:]
    /// Precomputed road km for every pair (row-major), when there are few enough stops.
    var matrix: [Double] = []

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
        }
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
        return settings.estimatedMinutes(km: km(a, b))
    }
}
