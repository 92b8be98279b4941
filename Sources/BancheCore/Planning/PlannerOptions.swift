/// Settings of the planner. Every default is documented in docs/planning.md.
public struct PlannerOptions: Sendable {
    /// Cap on distinct pickup stops per bus, when the route sets none.
    public var maxPickupStops = 5
    /// Cap on distinct drop-off stops (factories, or villages going home) per bus, when the
    /// route sets none; none by default.
    public var maxDropoffStops = Int.max
    /// Cap on minutes from arriving at the first drop-off to leaving the last, when the route
    /// sets none; none by default.
    public var maxDropoffMinutes = Int.max / 4
    /// Cap on minutes from arriving at the first pickup to leaving the last, when the route sets none.
    public var maxPickupMinutes = 180
    /// Share of licensed seats that may be filled (1.0; 0.5 for the 2020 half-full rule).
    public var occupancyCap = 1.0
    /// Minutes a bus waits at each pickup stop while people board and are checked.
    public var boardingMinutes = 15
    /// Minutes at each drop-off.
    public var alightingMinutes = 10
    /// Minutes at a rest area where the bus stops (passengers and crew): at the first rest area
    /// after `restEveryMinutes` of driving, and at the last one before the drop-offs.
    public var restMinutes = 20
    /// Driving between planned stops at rest areas; rest areas passed sooner are passed through.
    public var restEveryMinutes = 120
    /// Hours a bus needs after returning before its next trip (cleaning, inspection, rest).
    public var turnaroundHours = 8
    /// Rounds of local search per day's group of trips (a round tries every move once).
    public var improvementRounds = 40
    /// Trips compared with each trip in local search (neighbours in sweep order); all when the group is smaller.
    public var neighbourhood = 6
    /// Ruin-and-recreate iterations per day's group of trips, per trip (capped by
    /// `ruinRecreateMax`), run where someone is left without a seat; 0 turns it off.
    /// See `Packer+RuinRecreate.swift`.
    public var ruinRecreatePerTrip = 10
    public var ruinRecreateMax = 1000
    /// Ruin and recreate for km too, not only where someone is without a seat.
    public var ruinRecreateAlways = false
    /// String-removal iterations per day's group of trips, per trip (capped by
    /// `stringSearchMax`); 0 turns it off. See `StringSearch.swift`.
    public var stringSearchPerTrip = 200
    public var stringSearchMax = 10_000
    /// Days with more trips are not searched: at 1,000,000 workers (3,800 trips a day) 10,000
    /// iterations gained nothing and took a quarter more time than the local search.
    public var stringSearchMaxTrips = 1_000
    /// Whether a village's people may ride several buses on one day (default: only when needed).
    public var splitStops: SplitStopPolicy = .needed
    /// Road-network assumptions when no leg is measured.
    public var travel = TravelSettings()
    public init() {}
}

/// How distances and speeds are estimated from coordinates when no leg is measured: the
/// great-circle distance times `roadFactor` (roads wind: 1.3 is typical for hilly Guangxi and
/// Guangdong), driven in cumulative bands: the first `localUpToKm` road-km at `localKmh`
/// (township and village roads), the next up to `highwayUpToKm` at `highwayKmh` (national and
/// provincial roads), the rest at `expresswayKmh` (a coach on the expressway, limited to
/// 100 km/h, averages about 75). Every bus starts on the slow roads, so a longer leg always
/// takes at least as long as a shorter one and there is no jump at a band's edge (issue #12:
/// a 30 km leg took 52 minutes, a 31 km leg 34, when the whole leg took one band's speed).
public struct TravelSettings: Sendable {
    public var roadFactor = 1.3
    public var localUpToKm = 30.0
    public var localKmh = 35.0
    public var highwayUpToKm = 120.0
    public var highwayKmh = 55.0
    public var expresswayKmh = 75.0
    public init() {}

    /// Estimated driving minutes for `km` road kilometres: the bands' hours summed, times 60,
    /// rounded up to a whole minute (so 0 km is 0 minutes and any distance above 0 is at
    /// least 1). Continuous before rounding and non-decreasing, so after rounding up it is
    /// non-decreasing too and grows by at most one minute more than the exact time does.
    public func estimatedMinutes(km: Double) -> Int {
        guard km > 0 else { return 0 }
        let local = min(km, localUpToKm)
        let highway = min(max(0, km - localUpToKm), max(0, highwayUpToKm - localUpToKm))
        let expressway = max(0, km - max(localUpToKm, highwayUpToKm))
        let hours = local / localKmh + highway / highwayKmh + expressway / expresswayKmh
        // Less a nano-minute, so float noise on an exact minute (30 km at 60 km/h) does not add one.
        return Int((hours * 60 - 1e-9).rounded(.up))
    }
}
