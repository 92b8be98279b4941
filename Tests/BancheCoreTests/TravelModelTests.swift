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

    /// A measured road is taken where it is quicker than the estimate across the hills: from
    /// 福新镇 (TD105) to 崇左服务区 (RA04) by the town road to 天等 (the depot there, DEP1, is a
    /// minute nearer than the county seat's stop) and the measured expressway: 112 minutes.
    /// Before, the estimate straight across took 148 (a walk-through as a dispatcher saw
    /// outlying townships slower than going through the county seat).
    @Test func aMeasuredRoadIsTakenWhereQuicker() {
        let s = ScenarioGenerator().generate()
        let t = TravelModel(stops: s.stops, legs: s.legs)
        let direct = TravelModel(stops: s.stops, legs: [])
        let fuxin = t.position(of: "TD105")!, seat = t.position(of: "TD100")!, chongzuo = t.position(of: "RA04")!
        let leg = s.legs.first { $0.from == "TD100" && $0.to == "RA04" }!
        #expect(direct.minutes(fuxin, chongzuo) == 148)
        #expect(t.minutes(fuxin, chongzuo) == 112)
        #expect(t.minutes(fuxin, chongzuo) <= t.minutes(fuxin, seat) + leg.minutes)
        // The road by 天等 is longer than the line across, and its km are the path's.
        #expect(t.km(fuxin, chongzuo) > direct.km(fuxin, chongzuo) && t.km(fuxin, chongzuo) >= leg.distanceKm)
        // Never slower than the estimate, nor than any way through one measured leg (each end of
        // it the pair's own leg or estimate).
        let n = s.stops.count
        var measured: [Int: Int] = [:]
        for l in s.legs {
            let u = t.position(of: l.from)!, v = t.position(of: l.to)!
            measured[u * n + v] = l.minutes
            if l.bothWays, measured[v * n + u] == nil { measured[v * n + u] = l.minutes }
        }
        func own(_ a: Int, _ b: Int) -> Int { a == b ? 0 : measured[a * n + b] ?? direct.minutes(a, b) }
        for a in 0..<n { for b in 0..<n where a != b && measured[a * n + b] == nil {
            #expect(t.minutes(a, b) <= direct.minutes(a, b))
            for (k, m) in measured where !(k / n == a && k % n == b) {
                #expect(t.minutes(a, b) <= own(a, k / n) + m + own(k % n, b), "\(s.stops[a].id) → \(s.stops[b].id)")
            }
        } }
    }
}
