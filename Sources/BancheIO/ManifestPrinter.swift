import BancheCore

/// Prints manifests for paper: columns measured in display width (CJK characters take two
/// columns), cut at a character boundary with an ASCII `~`, no line wider than `width`, no
/// page longer than `pageLines`; each page repeats the title, the trip and "第 i/n 页" (and the
/// column titles when it continues the passenger table); the signature block is never split.
///
/// The layout uses only ASCII and East Asian Wide characters, so columns line up under Western
/// and CJK (宋体) printer fonts alike; ambiguous-width punctuation in the data (dashes, middle
/// dots) is replaced by an unambiguous look-alike (`DisplayWidth.unambiguous`).
///
/// Pages are separated by a form feed (U+000C) at the start of the next page's first line, so
/// a printer ejects the sheet and the next page has exactly its own lines.
public struct ManifestPrinter: Sendable {
    /// The page widths the layout is made for: 80 columns (12 characters per inch: 6.7 in) and
    /// 120 (17.1 cpi, condensed: 7.0 in), both within A4's 8.27 in less margins.
    public static let widths = [80, 120]
    /// Lines on an A4 portrait page at 6 lines per inch: 297 mm = 11.69 in = 70 lines, less
    /// half an inch (3 lines) of margin at the top and at the bottom: 64.
    public static let a4PageLines = 64
    /// The fewest lines a page may have: the page header, the column titles, a passenger and
    /// the signature block must fit.
    public static let minimumPageLines = 24

    public var width: Int
    public var showPersonalData: Bool
    public var zone: ZoneOffset
    public var pageLines: Int
    public init(width: Int = 120, showPersonalData: Bool = false, zone: ZoneOffset = .china, pageLines: Int = ManifestPrinter.a4PageLines) {
        self.width = width; self.showPersonalData = showPersonalData; self.zone = zone; self.pageLines = max(pageLines, Self.minimumPageLines)
    }

    /// The marker a cut cell ends with (ASCII: `…` is ambiguous width).
    static let cut = "~"

    func id(_ s: String) -> String { showPersonalData ? s : Masking.residentID(s) }
    func phone(_ s: String?) -> String { guard let s else { return "" }; return showPersonalData ? s : Masking.phone(s) }
    /// Data as printed: ambiguous-width punctuation replaced.
    func text(_ s: String) -> String { DisplayWidth.unambiguous(s) }

    /// A line cut to the page width (a safety net: the layout is made to fit).
    func fit(_ s: String) -> String {
        var t = DisplayWidth.truncate(s, to: width, marker: Self.cut)
        while t.hasSuffix(" ") { t.removeLast() }
        return t
    }

    /// `prefix` followed by `parts`, wrapped at the page width; continuation lines indented.
    func wrap(_ prefix: String, _ parts: [String], separator: String = " ", indent: Int = 4) -> [String] {
        var lines: [String] = [], cur = prefix, empty = true
        for p in parts {
            let candidate = cur + (empty ? " " : separator) + p
            if !empty && DisplayWidth.of(candidate) > width {
                lines.append(cur)
                cur = String(repeating: " ", count: indent) + p
            } else {
                cur = candidate
            }
            empty = false
        }
        lines.append(cur)
        return lines
    }

    /// Every trip, one after another; each trip starts on a new sheet.
    public func print(_ manifests: [Manifest], printedAt: Timestamp) -> String {
        manifests.map { document($0, printedAt: printedAt) }.joined(separator: "\u{0C}")
    }

    /// One trip's manifest: its pages joined by form feeds, ending in a newline.
    public func document(_ m: Manifest, printedAt: Timestamp) -> String {
        pages(m, printedAt: printedAt).joined(separator: "\u{0C}")
    }

    /// A run of lines placed together: `keep` blocks are never split across pages; `table`
    /// lines belong to the passenger table, so a page that starts with one repeats the column
    /// titles.
    struct Block { var lines: [String]; var keep = false; var table = false }

    /// One trip's pages, each ending in a newline, none longer than `pageLines` lines nor wider
    /// than `width` columns.
    public func pages(_ m: Manifest, printedAt: Timestamp) -> [String] {
        // Splittable blocks go line by line; kept blocks whole.
        let blocks = body(m, printedAt: printedAt).flatMap { b in b.keep ? [b] : b.lines.map { Block(lines: [$0], table: b.table) } }
        let titles = tableTitles(m)
        // The page header's length does not depend on the page number (the number is padded).
        let room = pageLines - header(m, page: 1, of: 1).count
        var bodies: [[String]] = [[]]
        var previousInTable = false
        for b in blocks {
            // The column titles go before the table's first row and atop every page it continues on.
            let titled = b.table && (!previousInTable || bodies[bodies.count - 1].isEmpty)
            let need = b.lines.count + (titled ? titles.count : 0)
            if !bodies[bodies.count - 1].isEmpty && bodies[bodies.count - 1].count + need > room { bodies.append([]) }
            if b.table && (!previousInTable || bodies[bodies.count - 1].isEmpty) { bodies[bodies.count - 1] += titles }
            for l in b.lines {
                // Only a kept block longer than a whole page (many drivers on a short page) is split.
                if bodies[bodies.count - 1].count >= room {
                    bodies.append(b.table ? titles : [])
                }
                bodies[bodies.count - 1].append(l)
            }
            previousInTable = b.table
        }
        let n = bodies.count
        return bodies.enumerated().map { i, lines in
            (header(m, page: i + 1, of: n) + lines).map(fit).joined(separator: "\n") + "\n"
        }
    }

    /// Title and page number, the trip, and the personal-data warning: on every page.
    func header(_ m: Manifest, page: Int, of n: Int) -> [String] {
        let title = "包车客运乘客名单 Charter passenger manifest"
        let digits = String(n).count
        let number = "第 " + DisplayWidth.padLeft("\(page)", to: digits) + "/\(n) 页"
        var out = [title + String(repeating: " ", count: max(2, width - DisplayWidth.of(title) - DisplayWidth.of(number))) + number]
        out.append("车次 Trip \(m.tripID)  日期 Date \(m.date)  车牌 Plate \(text(m.plate))")
        if showPersonalData {
            out.append("** 本页含完整身份证号和电话，请妥善保管 **")
            out.append("** FULL ID NUMBERS AND PHONES SHOWN: keep this page safe **")
        }
        out.append(String(repeating: "=", count: width))
        return out
    }

    /// Whether the full layout (with township) is used: from 100 columns.
    var compact: Bool { width < 100 }

    /// Column widths of the passenger table: seat, name, gender, ID, phone, [township,]
    /// employer, priority, status. The priority column is as wide as its widest mark, so 脱贫
    /// is never cut; name and employer share what is left.
    func columns(_ m: Manifest) -> [Int] {
        let prio = max(DisplayWidth.of("优先"), m.passengers.map { DisplayWidth.of(priority($0)) }.max() ?? 0) + 1
        if compact {
            var w = [4, 0, 5, 19, 12, 0, prio, 9]
            let free = width - w.reduce(0, +)
            w[1] = max(6, free * 45 / 100); w[5] = max(5, free - w[1])
            return w
        }
        var w = [8, 0, 5, 19, 12, 0, 0, prio, 12]
        let free = width - w.reduce(0, +)
        // At least as wide as their titles (姓名 Name, 乡镇 Township, 企业 Employer), so no title is cut.
        w[1] = max(10, free * 30 / 100); w[5] = max(14, free * 25 / 100); w[6] = max(14, free - w[1] - w[5])
        return w
    }

    func priority(_ p: Manifest.Passenger) -> String { p.priority.sorted().map(\.chinese).joined(separator: "/") }

    func row(_ cells: [String], _ widths: [Int]) -> String {
        var s = ""
        for (i, c) in cells.enumerated() {
            let c = text(c)
            s += (i == 0 ? DisplayWidth.padLeft(c, to: widths[i] - 1, marker: Self.cut) : DisplayWidth.pad(c, to: widths[i] - 1, marker: Self.cut)) + " "
        }
        return s
    }

    func tableTitles(_ m: Manifest) -> [String] {
        let headers = compact
            ? ["座", "姓名", "性别", "身份证号", "电话", "企业", "优先", "登车"]
            : ["座 Seat", "姓名 Name", "性别", "身份证号 ID", "电话 Phone", "乡镇 Township", "企业 Employer", "优先", "登车 Status"]
        return [row(headers, columns(m))]
    }

    func body(_ m: Manifest, printedAt: Timestamp) -> [Block] {
        var blocks: [Block] = []
        func line(_ s: String = "") { blocks.append(Block(lines: [s])) }
        let thin = String(repeating: "-", count: width)
        line("方案 Plan v\(m.planVersion)  发车 Departs \(m.departure.clock(in: zone))  线路 Route \(text(m.routeName))")
        line("核定载客 Licensed seats \(m.licensedSeats)  乘客 Passengers \(m.passengers.count)")
        for d in m.drivers { line("驾驶员 Driver \(text(d.name)) (\(d.id))  准驾 \(d.licenceClass)  电话 \(phone(d.phone))") }
        if !m.rotation.isEmpty {
            let names = Dictionary(uniqueKeysWithValues: m.drivers.map { ($0.id, $0.name) })
            // Each handover names where the bus stands (a service area, stop or depot).
            let parts = m.rotation.enumerated().map { i, r in
                let place = i < m.rotationPlaces.count ? m.rotationPlaces[i].map { " @\(text($0))" } ?? "" : ""
                return "\(r.1.clock(in: zone))-\(r.2.clock(in: zone)) \(text(names[r.0] ?? r.0))\(place)"
            }
            blocks.append(Block(lines: wrap("轮换 Rotation:", parts)))
        }
        line(thin)
        var stops = ["站点 Stops"]
        for s in m.stops {
            let role: String
            switch s.role { case .pickup: role = "上车 pickup"; case .dropoff: role = "下车 drop-off"; case .rest: role = "休息 rest"; case .halt: role = "停车 halt" }
            let count = s.role == .pickup ? "+\(s.boarding)" : s.role == .dropoff ? "-\(s.alighting)" : ""
            stops.append("  " + DisplayWidth.pad(s.arrive.clock(in: zone) + "-" + s.depart.clock(in: zone), to: 12) + DisplayWidth.pad(role, to: 14)
                         + DisplayWidth.pad(text(s.name), to: max(10, width - 36), marker: Self.cut) + DisplayWidth.padLeft(count, to: 5))
        }
        blocks.append(Block(lines: stops))
        line(thin)
        // Passenger table, by boarding stop then seat; a stop's heading stays with its first row.
        let widths = columns(m)
        if m.passengers.isEmpty { blocks.append(Block(lines: ["  (无乘客 no passengers)"], table: true)) }
        let byStop = Dictionary(grouping: m.passengers, by: \.pickupStop)
        let stopOrder = m.stops.filter { $0.role == .pickup }.map(\.name)
        let sorted = m.passengers.sorted { a, b in
            let ia = stopOrder.firstIndex(of: a.pickupName) ?? 0, ib = stopOrder.firstIndex(of: b.pickupName) ?? 0
            return (ia, a.seat) < (ib, b.seat)
        }
        var currentStop: String?
        for p in sorted {
            let cells = compact ? ["\(p.seat)", p.name, p.gender?.chinese ?? "", id(p.residentID), phone(p.phone), p.employer, priority(p), p.boarding]
                                : ["\(p.seat)", p.name, p.gender?.chinese ?? "", id(p.residentID), phone(p.phone), p.homeTownship, p.employer, priority(p), p.boarding]
            var lines: [String] = []
            if p.pickupName != currentStop {
                currentStop = p.pickupName
                lines.append("  [\(text(p.pickupName))]  \(byStop[p.pickupStop]?.count ?? 0) 人")
            }
            lines.append(row(cells, widths))
            blocks.append(Block(lines: lines, keep: true, table: true))
        }
        line(thin)
        blocks.append(Block(lines: wrap("按上车点 By boarding stop:", stopOrder.map { name in "\(text(name)) \(m.passengers.filter { $0.pickupName == name }.count)" }, separator: "，")))
        let employers = Dictionary(grouping: m.passengers, by: \.employer)
        line("按企业 By employer:")
        for e in employers.keys.sorted() {
            line("  " + DisplayWidth.pad(e.isEmpty ? "(未填)" : text(e), to: max(10, width - 12), marker: Self.cut) + DisplayWidth.padLeft("\(employers[e]!.count)", to: 6))
        }
        blocks.append(Block(lines: signatures(m, printedAt: printedAt), keep: true))
        return blocks
    }

    /// The signature block: a line for the escort, each driver and the clerk, with room to
    /// sign; never split across pages, never wider than 80 columns.
    func signatures(_ m: Manifest, printedAt: Timestamp) -> [String] {
        let blank = String(repeating: "_", count: 24)
        var out = [String(repeating: "-", count: width), "签名 Signatures", ""]
        out.append("  带队人 Escort    " + blank + "    日期 Date __________")
        out.append("")
        let drivers = m.drivers.isEmpty ? [""] : m.drivers.map { text($0.name) }
        for d in drivers {
            out.append("  驾驶员 Driver    " + blank + "    " + d)
            out.append("")
        }
        out.append("  经办人 Clerk     " + blank)
        out.append("打印时间 Printed \(printedAt.iso(in: zone))")
        return out
    }
}
