/// The report's Mustache templates and style sheet, kept in the code (not package resources) so
/// the binary alone writes a report. `{{x}}` is HTML-escaped; `{{{x}}}` is used only for SVG
/// the chart writer made (its text escaped there).
enum Templates {
    static let css = """
    @page { size: A4 portrait; margin: 12mm; }
    * { box-sizing: border-box; }
    html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
           font-size: 10pt; color: #1d1d1d; background: #fff; }
    body { margin: 0 auto; max-width: 186mm; }
    h1 { font-size: 16pt; margin: 0 0 3mm; }
    h2 { font-size: 12.5pt; margin: 5mm 0 2mm; }
    h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
    p { margin: 1.5mm 0; }
    a { color: #1f5fa8; }
    nav { margin: 0 0 4mm; font-size: 9.5pt; }
    nav a { margin-right: 4mm; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border: 0.3mm solid #9aa3ad; padding: 0.6mm 1.2mm; text-align: left; vertical-align: middle; }
    thead th { background: #e9eef4; }
    thead { display: table-header-group; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    .figure { margin: 2mm 0 4mm; break-inside: avoid; }
    .figure svg { max-width: 100%; height: auto; }
    table.events, table.stops { font-size: 8pt; }
    table.events td, table.events th, table.stops td, table.stops th { padding: 0.2mm 1mm; }
    .lead { font-size: 11.5pt; }
    .note { color: #555; font-size: 8.5pt; }
    .warn { border: 0.5mm solid #c0392b; color: #c0392b; padding: 1mm 2mm; font-weight: bold; }
    .masked { color: #555; font-size: 8.5pt; }
    .over { background: #f8d7d2; color: #8e1b0e; font-weight: bold; }
    .legend span { display: inline-block; margin-right: 4mm; }
    .legend i { display: inline-block; width: 4mm; height: 3mm; margin-right: 1mm; vertical-align: middle; }
    .sheet { break-before: page; }
    .sheet:first-of-type { break-before: auto; }
    .sheet-head { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 0.4mm solid #333; margin-bottom: 2mm; }
    .sheet-head .trip { font-weight: bold; }
    .page-no { font-size: 9.5pt; white-space: nowrap; }
    table.manifest { table-layout: fixed; font-size: 9pt; }
    table.manifest td, table.manifest th { height: 6mm; white-space: nowrap; overflow: hidden; }
    table.manifest tr.stop th { background: #f4f6f9; font-weight: bold; }
    table.info { font-size: 9.5pt; margin-bottom: 3mm; }
    table.info th { width: 28mm; background: #f4f6f9; }
    .signatures { display: flex; gap: 4mm; margin-top: 6mm; break-inside: avoid; }
    .signatures div { flex: 1; border: 0.4mm solid #333; height: 26mm; padding: 1.5mm; font-size: 9pt; }
    .signatures div span { display: block; margin-top: 14mm; border-top: 0.3mm dotted #777; font-size: 8pt; color: #555; }
    @media screen {
      body { padding: 6mm; }
      .sheet { border: 1px solid #ccc; box-shadow: 0 1px 4px rgba(0,0,0,.15); padding: 10mm; margin: 0 0 8mm; }
    }
    @media print { nav { display: none; } }
    """

    static let head = """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="banche report html">
    <title>{{title}}</title>
    <style>
    {{{css}}}
    </style>
    </head>
    <body>
    <nav aria-label="报告 report"><a href="index.html">季度概况 Season</a><a href="drivers.html">驾驶员 Drivers</a></nav>
    """

    static let foot = """
    <p class="note">banche 生成 generated {{generated}}</p>
    </body>
    </html>
    """

    static let season = """
    {{> head}}
    <main>
    <h1>包车季度概况 The season at a glance</h1>
    <p class="lead">{{sentenceZh}}</p>
    <p class="lead">{{sentenceEn}}</p>
    <p class="note">方案版本 Plan versions: {{versions}}</p>
    <h2>总数 Totals</h2>
    <table class="totals">
    <thead><tr><th scope="col">项目 Figure</th><th scope="col" class="num">数 Count</th></tr></thead>
    <tbody>
    {{#totals}}<tr><th scope="row">{{name}}</th><td class="num">{{value}}</td></tr>
    {{/totals}}
    </tbody>
    </table>
    {{#dimensions}}
    <section>
    <h2>{{title}}</h2>
    <p class="legend"><span><i style="background:#9bbbe0"></i>人数 people</span><span><i style="background:#1f5fa8"></i>其中脱贫人口 of them formerly poor</span></p>
    <div class="figure">{{{chart}}}</div>
    <table>
    <thead><tr><th scope="col">{{keyTitle}}</th><th scope="col" class="num">趟次 Trips</th><th scope="col" class="num">车辆 Buses</th><th scope="col" class="num">人数 People</th><th scope="col" class="num">脱贫 Formerly poor</th><th scope="col" class="num">满座率 Seats filled</th></tr></thead>
    <tbody>
    {{#rows}}<tr><th scope="row">{{key}}</th><td class="num">{{trips}}</td><td class="num">{{buses}}</td><td class="num">{{people}}</td><td class="num">{{poor}}</td><td class="num">{{filled}}</td></tr>
    {{/rows}}
    </tbody>
    </table>
    </section>
    {{/dimensions}}
    <h2>趟次 Trips</h2>
    <table class="trips">
    <thead><tr><th scope="col">车次 Trip</th><th scope="col">日期 Date</th><th scope="col">发车 Departs</th><th scope="col">车牌 Plate</th><th scope="col" class="num">乘客 Passengers</th><th scope="col" class="num">核定 Seats</th></tr></thead>
    <tbody>
    {{#trips}}<tr><th scope="row"><a href="{{file}}">{{id}}</a></th><td>{{date}}</td><td>{{departs}}</td><td>{{plate}}</td><td class="num">{{passengers}}</td><td class="num">{{seats}}</td></tr>
    {{/trips}}
    </tbody>
    </table>
    </main>
    {{> foot}}
    """

    static let trip = """
    {{> head}}
    <main>
    {{#sheets}}
    <section class="sheet manifest-sheet" aria-label="第 {{number}}/{{total}} 页">
    <header class="sheet-head"><span class="trip">{{tripID}} · {{date}} · {{plate}}</span><span class="page-no">第 {{number}}/{{total}} 页</span></header>
    {{#first}}
    <h1>包车客运乘客名单 Charter passenger manifest</h1>
    <table class="info">
    <tbody>
    <tr><th scope="row">车次 Trip</th><td>{{tripID}}</td><th scope="row">方案 Plan</th><td>v{{planVersion}}</td></tr>
    <tr><th scope="row">日期 Date</th><td>{{date}}</td><th scope="row">发车 Departs</th><td>{{departs}}</td></tr>
    <tr><th scope="row">线路 Route</th><td colspan="3">{{route}}</td></tr>
    <tr><th scope="row">车牌 Plate</th><td>{{plate}}</td><th scope="row">核定载客 Seats</th><td>{{seats}} (乘客 passengers {{passengerCount}})</td></tr>
    {{#drivers}}<tr><th scope="row">驾驶员 Driver</th><td>{{name}} ({{id}})</td><th scope="row">准驾 / 电话</th><td>{{licence}} / {{phone}}</td></tr>
    {{/drivers}}
    </tbody>
    </table>
    {{/first}}
    <p class="{{privacyClass}}">{{privacy}}</p>
    {{#hasRows}}
    <table class="manifest">
    <colgroup><col style="width:6%"><col style="width:12%"><col style="width:5%"><col style="width:20%"><col style="width:13%"><col style="width:23%"><col style="width:10%"><col style="width:11%"></colgroup>
    <thead><tr><th scope="col">座 Seat</th><th scope="col">姓名 Name</th><th scope="col">性别</th><th scope="col">身份证号 ID</th><th scope="col">电话 Phone</th><th scope="col">企业 Employer</th><th scope="col">优先</th><th scope="col">登车</th></tr></thead>
    <tbody>
    {{#rows}}{{#stop}}<tr class="stop"><th scope="rowgroup" colspan="8">{{stop}}</th></tr>{{/stop}}{{#passenger}}<tr class="passenger" data-worker="{{workerID}}"><td class="num">{{seat}}</td><td>{{name}}</td><td>{{gender}}</td><td>{{residentID}}</td><td>{{phone}}</td><td>{{employer}}</td><td>{{priority}}</td><td>{{status}}</td></tr>{{/passenger}}
    {{/rows}}
    </tbody>
    </table>
    {{/hasRows}}
    {{#last}}
    <h2>签名 Signatures</h2>
    <div class="signatures">
    <div>带队人 Escort<span>签名 / 日期 sign / date</span></div>
    {{#drivers}}<div>驾驶员 Driver {{name}}<span>签名 / 日期 sign / date</span></div>
    {{/drivers}}
    <div>经办人 Clerk<span>签名 / 日期 sign / date</span></div>
    </div>
    <p class="note">打印时间 Printed {{printed}}</p>
    {{/last}}
    </section>
    {{/sheets}}
    <section class="sheet rotation-sheet" aria-label="第 {{rotationPage}}/{{total}} 页">
    <header class="sheet-head"><span class="trip">{{tripID}} · {{date}} · {{plate}}</span><span class="page-no">第 {{rotationPage}}/{{total}} 页</span></header>
    <h2>驾驶员轮换 Rotation</h2>
    <p class="legend">{{#legend}}<span><i style="background:{{colour}}"></i>{{name}}</span>{{/legend}}<span><i style="background:#d9d2e9"></i>{{haltWindow}} 夜间停车时段 night halt window</span><span><i style="background:#c0392b"></i>换 swap</span></p>
    {{#phases}}<h3>{{title}}</h3>
    <div class="figure">{{{gantt}}}</div>
    {{/phases}}
    <table class="events">
    <thead><tr><th scope="col">阶段 Part</th><th scope="col">时间 Time</th><th scope="col">驾驶员 Driver</th><th scope="col">事项 What</th><th scope="col">地点 Where</th></tr></thead>
    <tbody>
    {{#events}}<tr><td>{{phase}}</td><td>{{time}}</td><td>{{driver}}</td><td>{{what}}</td><td>{{place}}</td></tr>
    {{/events}}
    </tbody>
    </table>
    </section>
    <section class="sheet map-sheet" aria-label="第 {{mapPage}}/{{total}} 页">
    <header class="sheet-head"><span class="trip">{{tripID}} · {{date}} · {{plate}}</span><span class="page-no">第 {{mapPage}}/{{total}} 页</span></header>
    <h2>线路图 Route map</h2>
    <p class="note">按站点坐标画直线，非实际道路 Straight lines between the stops' coordinates, not the road.</p>
    <div class="figure">{{{map}}}</div>
    <table class="stops">
    <thead><tr><th scope="col">#</th><th scope="col">到 Arrive</th><th scope="col">离 Depart</th><th scope="col">站点 Stop</th><th scope="col">类型 Kind</th><th scope="col" class="num">上/下 On/off</th></tr></thead>
    <tbody>
    {{#stops}}<tr><td>{{mark}}</td><td>{{arrive}}</td><td>{{depart}}</td><td>{{name}}</td><td>{{role}}</td><td class="num">{{count}}</td></tr>
    {{/stops}}
    </tbody>
    </table>
    </section>
    </main>
    {{> foot}}
    """

    static let drivers = """
    {{> head}}
    <main>
    <h1>驾驶员季度工时 Drivers' season</h1>
    <p>规则 Rule profile <strong>{{profile}}</strong>: 每日驾驶不超过 {{dailyLimit}}，每周不超过 {{weeklyLimit}} (driving per calendar day and per week, limits of the profile; the rule engine checks rolling windows: <code>banche roster check --plan</code>).</p>
    <p class="legend">{{#legend}}<span><i style="background:{{colour}}"></i>{{name}}</span>{{/legend}}</p>
    <div class="figure">{{{timeline}}}</div>
    <h2>每日与每周驾驶时间 Driving per day and week</h2>
    <table class="totals">
    <thead><tr><th scope="col">驾驶员 Driver</th>{{#days}}<th scope="col" class="num">{{.}}</th>{{/days}}{{#weeks}}<th scope="col" class="num">{{.}}</th>{{/weeks}}</tr></thead>
    <tbody>
    {{#rows}}<tr><th scope="row">{{name}} ({{id}})</th>{{#cells}}<td class="num{{#over}} over{{/over}}">{{text}}</td>{{/cells}}</tr>
    {{/rows}}
    </tbody>
    </table>
    <p class="note">超出限值的格子标红 Cells over the profile's limit are marked.</p>
    </main>
    {{> foot}}
    """
}
