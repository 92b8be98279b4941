import Testing
@testable import BancheCore

/// Issue #12, real road times: the estimate is continuous and non-decreasing in distance,
/// and measured legs win over it.
@Suite struct TravelModelTests {
    let settings = TravelSettings()

    /// The old model drove the whole leg at one band's speed: 30 km took 52 minutes, 31 km 34.
    @Test func noJumpAtTheBands() {
        #expect(settings.estimatedMinutes(km: 30) == 52)       // 30 km at 35 km/h = 51.4 min
        #expect(settings.estimatedMinutes(km: 31) == 53)       // + 1 km at 55 km/h
        #expect(settings.estimatedMinutes(km: 120) == 150)     // 51.4 + 90 km at 55 km/h (98.2)
        #expect(settings.estimatedMinutes(km: 121) == 151)     // + 1 km at 75 km/h
        #expect(settings.estimatedMinutes(km: 0) == 0)
        #expect(settings.estimatedMinutes(km: 0.01) == 1)
    }

    /// Property: for d1 < d2, minutes(d1) ≤ minutes(d2), and a small step in distance never
    /// adds more than the exact driving time plus one minute of rounding, across the bands too.
    @Test func monotoneAndContinuous() {
        var rng = SplitMix64(seed: 12)
        var samples = (0...4000).map { Double($0) / 10 }          // 0 … 400 km every 100 m
        for edge in [30.0, 120.0] { for e in [-1e-6, 0, 1e-6, -0.05, 0.05] { samples.append(edge + e) } }
        for _ in 0..<2000 { samples.append(rng.unit() * 1200) }
        samples.sort()
        for (a, b) in zip(samples, samples.dropFirst()) {
            let ma = settings.estimatedMinutes(km: a), mb = settings.estimatedMinutes(km: b)
            #expect(ma <= mb, "\(a) km: \(ma) min, \(b) km: \(mb) min")
            // The slowest band is the local one: (b - a) km at 35 km/h, plus one minute of rounding.
            let bound = Int(((b - a) / settings.localKmh * 60).rounded(.up)) + 1
            #expect(mb - ma <= bound, "\(a) → \(b) km jumps \(mb - ma) min")
        }
        // Random pairs, not only neighbours.
        for _ in 0..<2000 {
            let x = rng.unit() * 900, y = rng.unit() * 900
            #expect(settings.estimatedMinutes(km: min(x, y)) <= settings.estimatedMinutes(km: max(x, y)))
        }
    }

    /// The model uses the estimate for unmeasured pairs, and a measured leg (legs.csv) first.
    @Test func measuredLegsFirst() {
        let stops = [
            Stop(id: "A", name: "A", kind: .township, latitude: 23.0, longitude: 107.0),
            Stop(id: "B", name: "B", kind: .township, latitude: 23.0, longitude: 107.25),   // ~25.6 km, ×1.3 ≈ 33 road-km
            Stop(id: "C", name: "C", kind: .township, latitude: 23.0, longitude: 107.5),
        ]
        let legs = [Leg(from: "A", to: "C", distanceKm: 40, minutes: 41)]
        let t = TravelModel(stops: stops, legs: legs)
        let a = t.position(of: "A")!, b = t.position(of: "B")!, c = t.position(of: "C")!
        #expect(t.minutes(a, c) == 41 && t.minutes(c, a) == 41 && t.km(a, c) == 40)
        #expect(t.minutes(a, b) == settings.estimatedMinutes(km: t.km(a, b)))
        // About 33 road-km: about 54 minutes (51.4 + 3 km at 55 km/h); the old model said 36 (all at 55 km/h).
        #expect((53...56).contains(t.minutes(a, b)))
    }
}
