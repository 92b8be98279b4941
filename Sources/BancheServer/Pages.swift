import BancheCore
import BancheStore
import Foundation
import Hummingbird

/// Server-rendered pages: small-screen CSS, one script file, no inline script, no external resource.
enum Pages {
    /// Escapes text for HTML content and attribute values.
    static func h(_ s: String) -> String {
        var o = ""
        o.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            case "'": o += "&#39;"
            default: o.append(c)
            }
        }
        return o
    }

    /// Percent-encodes a path segment or query value.
    static func path(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? "" }
    static func query(_ s: String) -> String { path(s) }

    static func html(_ title: String, csrf: String? = nil, body: String, status: HTTPResponse.Status = .ok, head: String = "") -> Response {
        let page = """
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        \(csrf.map { "<meta name=\"csrf-token\" content=\"\(h($0))\">" } ?? "")\(head)
        <title>\(h(title))</title>
        <link rel="stylesheet" href="/static/app.css">
        <script src="/static/app.js" defer></script>
        </head><body>
        \(body)
        </body></html>
        """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func message(_ text: String, status: HTTPResponse.Status) -> Response {
        html("banche", body: "<main><h1>\(status.code) \(h(status.reasonPhrase))</h1><p class=\"refused\">\(h(text))</p><p><a href=\"/\">banche</a></p></main>", status: status)
    }

    static func landing() -> Response {
        html("banche 上车核验", body: """
        <main><h1>banche 上车核验 check-in</h1>
        <p>Staff at a pickup point: open the link the office sent you (it starts with <code>/t/</code>).</p>
        <p><a class="button" href="/login">Office login 办公室登录</a></p></main>
        """)
    }

    static func refresh(to target: String) -> Response {
        html("banche", body: "<main><p><a href=\"\(h(target))\">Open the trip 打开车次</a></p></main>",
             head: "<meta http-equiv=\"refresh\" content=\"0;url=\(h(target))\">")
    }

    static func login(csrf: String, message: String?, status: HTTPResponse.Status) -> Response {
        html("banche login", body: """
        <main><h1>Office login 办公室登录</h1>
        \(message.map { "<p class=\"refused\">\(h($0))</p>" } ?? "")
        <form method="post" action="/login" class="stack">
        <input type="hidden" name="csrf" value="\(h(csrf))">
        <label>User 用户 <input name="user" autocomplete="username" required></label>
        <label>Password 密码 <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">Log in 登录</button>
        </form></main>
        """, status: status)
    }

    struct TripRow: Sendable {
        var trip: StoredTrip
        var vehicle: BoardingGate.Verdict
        var people: [BoardingGate.Verdict]
        var outcomes: [String: String]
    }

    static func office(user: String, date: CivilDate, rows: [TripRow], csrf: String, message: String?) -> Response {
        var b = """
        <header><h1>Trips of \(date) 车次</h1><form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="\(h(csrf))"><button>Log out \(h(user))</button></form></header>
        <main>
        \(message.map { "<p class=\"notice\">\(h($0))</p>" } ?? "")
        <form method="get" action="/office" class="inline"><label>Day <input type="date" name="date" value="\(date)"></label><button>Show</button></form>
        """
        if rows.isEmpty { b += "<p>No trips on \(date).</p>" }
        for r in rows {
            let t = r.trip
            let c = r.people.filter { $0.status == .cleared }.count, bl = r.people.filter { $0.status == .blocked }.count
            let p = r.people.count - c - bl
            let state = t.closedAt != nil ? "closed \(t.closedAt!)" : "bus \(r.vehicle.status.rawValue)"
            let stops = Array(Set(t.pickupStops.values)).sorted()
            b += """
            <section class="trip"><h2><a href="/trips/\(path(t.tripID))">\(h(t.tripID))</a> <span class="badge \(t.closedAt != nil ? "closed" : r.vehicle.status.rawValue)">\(h(state))</span></h2>
            <p>departs \(h(t.departure.iso(in: .china))) · bus \(h(t.busID)) · \(c) cleared, \(bl) blocked, \(p) pending of \(r.people.count)</p>
            """
            if !t.closedStops.isEmpty { b += "<p>closed stops: \(h(t.closedStops.keys.sorted().joined(separator: ", ")))</p>" }
            func action(_ verb: String, _ label: String, stop: String?) -> String {
                """
                <form method="post" action="/office/trips/\(path(t.tripID))/\(verb)" class="inline"><input type="hidden" name="csrf" value="\(h(csrf))">\
                \(stop.map { "<input type=\"hidden\" name=\"stop\" value=\"\(h($0))\">" } ?? "")<button>\(h(label))</button></form>
                """
            }
            if t.closedAt == nil {
                b += action("close", "Close trip 关闭车次", stop: nil)
                for s in stops where t.closedStops[s] == nil { b += action("close", "Close stop \(s)", stop: s) }
                for s in stops where t.closedStops[s] != nil { b += action("reopen", "Reopen stop \(s)", stop: s) }
            } else {
                b += action("reopen", "Reopen trip 重新打开", stop: nil)
            }
            b += "</section>"
        }
        b += "</main>"
        return html("banche office", csrf: csrf, body: b)
    }

    /// The phone page: the bus's steps, then every passenger (of the link's stop) with seat,
    /// masked ID number and status; tapping one opens the steps with the right input.
    static func trip(_ t: StoredTrip, stop: String?, passengers: [ServePassenger], vehicle: BoardingGate.Verdict,
                     verdicts: [BoardingGate.Verdict], checklist: Checklist, csrf: String, office: Bool) -> Response {
        let byWorker = Dictionary(uniqueKeysWithValues: verdicts.compactMap { v in v.workerID.map { ($0, v) } })
        let closed = t.closedAt != nil || (stop.map { t.closedStops[$0] != nil } ?? false)
        let counts = passengers.reduce(into: [String: Int]()) { $0[byWorker[$1.workerID]?.status.rawValue ?? "pending", default: 0] += 1 }
        var b = """
        <header><h1>\(h(t.tripID))\(stop.map { " · \(h($0))" } ?? "")</h1>
        <p>departs \(h(t.departure.iso(in: .china))) · bus \(h(t.busID)) · checklist \(h(checklist.id))\(office ? " · <a href=\"/office\">office</a>" : "")</p>
        <p id="counts" class="counts" data-trip="\(h(t.tripID))" data-stop="\(h(stop ?? ""))">
        <span class="badge cleared"><b data-count="cleared">\(counts["cleared"] ?? 0)</b> cleared</span>
        <span class="badge blocked"><b data-count="blocked">\(counts["blocked"] ?? 0)</b> blocked</span>
        <span class="badge pending"><b data-count="pending">\(counts["pending"] ?? 0)</b> pending</span>
        <span id="queue" class="badge" hidden></span></p>
        </header><main>
        \(closed ? "<p class=\"notice\">Closed: the boarded list is frozen 已关闭</p>" : "")
        <p id="flash" class="refused" role="alert" hidden></p>
        """
        let vehicleSteps = checklist.steps.filter { $0.appliesTo == .vehicle }
        if !vehicleSteps.isEmpty {
            b += """
            <section class="vehicle" data-worker=""><h2>Bus 车辆 <span class="badge \(vehicle.status.rawValue)" data-status>\(vehicle.status.rawValue)</span></h2>
            <ul class="why" data-why>\(vehicle.findings.map { "<li>\(h($0.reason))</li>" }.joined())</ul>
            \(closed ? "" : steps(vehicleSteps, worker: nil))</section>
            """
        }
        b += """
        <input id="search" type="search" placeholder="name or last digits of ID 姓名或身份证尾号" aria-label="search" autocomplete="off">
        <ul id="people" class="people">
        """
        let passengerSteps = checklist.steps.filter { $0.appliesTo == .passenger }
        for p in passengers {
            let v = byWorker[p.workerID]
            let status = v?.status.rawValue ?? "pending"
            let masked = Masking.residentID(p.residentID)
            b += """
            <li class="person" data-worker="\(h(p.workerID))" data-search="\(h((p.name + " " + p.workerID + " " + String(p.residentID.suffix(4))).lowercased()))">
            <button type="button" class="who" aria-expanded="false"><span class="seat">\(p.seat)</span> <span class="name">\(h(p.name))</span>
            <span class="id">\(h(masked))</span> <span class="badge \(status)" data-status>\(status)</span></button>
            <ul class="why" data-why>\((v?.findings ?? []).map { "<li>\(h($0.reason))</li>" }.joined())</ul>
            <div class="steps" hidden>\(closed ? "" : steps(passengerSteps, worker: p.workerID))</div></li>
            """
        }
        b += "</ul></main>"
        return html("\(t.tripID) 上车核验", csrf: csrf, body: b)
    }

    /// One small form per step, with the input its evidence takes.
    static func steps(_ steps: [Checklist.Step], worker: String?) -> String {
        steps.map { s in
            let e = s.evidence
            let input: String
            switch e.kind {
            case .done:
                input = "<button name=\"value\" value=\"\">✓ done 完成</button><button name=\"value\" value=\"no\" class=\"fail\">✗ failed 不合格</button>"
            case .value:
                input = "<input name=\"value\" type=\"number\" step=\"any\" inputmode=\"decimal\" min=\"\(PlainNumber.format(e.range.lowerBound))\" max=\"\(PlainNumber.format(e.range.upperBound))\" required aria-label=\"\(h(s.nameEn))\">\(h(e.unit ?? ""))<button>save 保存</button>"
            case .result, .status:
                let pass = e.kind == .result ? (e.pass ?? ["negative"]) : (e.pass ?? [])
                let fail = e.kind == .result ? ["positive"] : ["yellow", "red"]
                input = (pass.map { "<button name=\"value\" value=\"\(h($0))\">\(h($0))</button>" } + fail.filter { !pass.contains($0) }.map { "<button name=\"value\" value=\"\(h($0))\" class=\"fail\">\(h($0))</button>" }).joined()
            }
            return """
            <form class="record" data-step="\(h(s.id))"\(worker.map { " data-worker=\"\(h($0))\"" } ?? "")><span class="step">\(h(s.nameZh)) \(h(s.nameEn))\(s.blocking ? "" : " (not blocking)")</span> \(input)</form>
            """
        }.joined()
    }
}
