import BancheCore

/// Prints manifests for paper: columns measured in display width (CJK characters take two
/// columns), names cut with an ellipsis at a character boundary, no line wider than `width`,
/// one page block per trip separated by form feeds.
public struct ManifestPrinter: Sendable {
    public var width: Int
    public var showPersonalData: Bool
    public var zone: ZoneOffset
    public init(width: Int = 120, showPersonalData: Bool = false, zone: ZoneOffset = .china) {
        self.width = width; self.showPersonalData = showPersonalData; self.zone = zone
    }

    func id(_ s: String) -> String { showPersonalData ? s : Masking.residentID(s) }
    func phone(_ s: String?) -> String { guard let s else { return "" }; return showPersonalData ? s : Masking.phone(s) }

    /// A line cut to the page width.
    func fit(_ s: String) -> String {
        var t = DisplayWidth.truncate(s, to: width)
        while t.hasSuffix(" ") { t.removeLast() }
        return t
    }

    public func print(_ manifests: [Manifest], printedAt: Timestamp) -> String {
        manifests.map { page($0, printedAt: printedAt) }.joined(separator: "\u{0C}\n")
    }

    public func page(_ m: Manifest, printedAt: Timestamp) -> String {
        var out: [String] = []
        func line(_ s: String = "") { out.append(fit(s)) }
        let rule = String(repeating: "=", count: width), thin = String(repeating: "-", count: width)
        line("包车客运乘客名单 Charter passenger manifest")
        line(rule)
        line("车次 Trip \(m.tripID)    方案 Plan v\(m.planVersion)")
        line("日期 Date \(m.date)    发车 Departs \(m.departure.clock(in: zone))")
        line("线路 Route \(m.routeName)")
        line("车牌 Plate \(m.plate)    核定载客 Licensed seats \(m.licensedSeats)    乘客 Passengers \(m.passengers.count)")
        for d in m.drivers { line("驾驶员 Driver \(d.name) (\(d.id))  准驾 \(d.licenceClass)  电话 \(phone(d.phone))") }
        if !m.rotation.isEmpty {
            let names = Dictionary(uniqueKeysWithValues: m.drivers.map { ($0.id, $0.name) })
            // Each handover names where the bus stands (a service area, stop or depot).
            let parts = m.rotation.enumerated().map { i, r in
                let place = i < m.rotationPlaces.count ? m.rotationPlaces[i].map { " @\($0)" } ?? "" : ""
                return "\(r.1.clock(in: zone))–\(r.2.clock(in: zone)) \(names[r.0] ?? r.0)\(place)"
            }
            var cur = "轮换 Rotation:"
            for p in parts {
                if DisplayWidth.of(cur + " " + p) > width { line(cur); cur = "    " }
                cur += " " + p
            }
            line(cur)
        }
        if showPersonalData { line("** 本页含完整身份证号和电话 — FULL ID NUMBERS AND PHONES SHOWN: keep this page safe **") }
        line(thin)
        line("站点 Stops")
        for s in m.stops {
            let role: String
            switch s.role { case .pickup: role = "上车 pickup"; case .dropoff: role = "下车 drop-off"; case .rest: role = "休息 rest"; case .halt: role = "停车 halt" }
            let count = s.role == .pickup ? "+\(s.boarding)" : s.role == .dropoff ? "-\(s.alighting)" : ""
            line("  " + DisplayWidth.pad(s.arrive.clock(in: zone) + "–" + s.depart.clock(in: zone), to: 12) + DisplayWidth.pad(role, to: 14)
                 + DisplayWidth.pad(s.name, to: max(10, width - 36)) + DisplayWidth.padLeft(count, to: 5))
        }
        line(thin)
        // Passenger table: a full layout from 100 columns, a compact one (no township) below.
        let compact = width < 100
        let headers = compact
            ? ["座", "姓名", "性别", "身份证号", "电话", "企业", "优先", "登车"]
            : ["座 Seat", "姓名 Name", "性别", "身份证号 ID", "电话 Phone", "乡镇 Township", "企业 Employer", "优先", "登车 Status"]
        let fixedWidths = compact ? [4, 0, 5, 19, 12, 0, 6, 9] : [8, 0, 5, 19, 12, 0, 0, 6, 12]
        let free = width - fixedWidths.reduce(0, +)
        var widths = fixedWidths
        if compact { widths[1] = max(6, free * 45 / 100); widths[5] = max(6, free - widths[1]) }
        else { widths[1] = max(8, free * 30 / 100); widths[5] = max(6, free * 25 / 100); widths[6] = max(8, free - widths[1] - widths[5]) }
        func row(_ cells: [String]) -> String {
            var s = ""
            for (i, c) in cells.enumerated() { s += i == 0 ? DisplayWidth.padLeft(c, to: widths[i] - 1) + " " : DisplayWidth.pad(c, to: widths[i] - 1) + " " }
            return s
        }
        line(row(headers))
        let byStop = Dictionary(grouping: m.passengers, by: \.pickupStop)
        let stopOrder = m.stops.filter { $0.role == .pickup }.map(\.name)
        let sorted = m.passengers.sorted { a, b in
            let ia = stopOrder.firstIndex(of: a.pickupName) ?? 0, ib = stopOrder.firstIndex(of: b.pickupName) ?? 0
            return (ia, a.seat) < (ib, b.seat)
        }
        var currentStop = ""
        for p in sorted {
            if p.pickupName != currentStop {
                currentStop = p.pickupName
                line("  [\(p.pickupName)]  \(byStop[p.pickupStop]?.count ?? 0) 人")
            }
            let prio = p.priority.map(\.chinese).joined(separator: "/")
            line(row(compact ? ["\(p.seat)", p.name, p.gender?.chinese ?? "", id(p.residentID), phone(p.phone), p.employer, prio, p.boarding]
                             : ["\(p.seat)", p.name, p.gender?.chinese ?? "", id(p.residentID), phone(p.phone), p.homeTownship, p.employer, prio, p.boarding]))
        }
        line(thin)
        line("按上车点 By boarding stop: " + stopOrder.map { name in "\(name) \(m.passengers.filter { $0.pickupName == name }.count)" }.joined(separator: "，"))
        let employers = Dictionary(grouping: m.passengers, by: \.employer)
        line("按企业 By employer:")
        for e in employers.keys.sorted() { line("  " + DisplayWidth.pad(e.isEmpty ? "(未填)" : e, to: max(10, width - 12)) + DisplayWidth.padLeft("\(employers[e]!.count)", to: 6)) }
        line(thin)
        line("带队人 Escort ____________    驾驶员 Drivers ____________    经办人 Clerk ____________")
        line("打印时间 Printed \(printedAt.iso(in: zone))")
        return out.joined(separator: "\n") + "\n"
    }
}
