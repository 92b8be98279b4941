import BancheCore

/// The kinds of spreadsheet banche imports, in dependency order (a later kind refers to earlier ones).
public enum ImportKind: String, Sendable, CaseIterable, Comparable {
    case divisions, stops, legs, routes, buses, drivers, workers
    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    /// The file name `banche import --dir` looks for.
    public var fileName: String { "\(rawValue).csv" }
    /// The file names `banche import --dir` accepts for this kind: CSV or an Excel workbook.
    public var fileNames: [String] { ["\(rawValue).csv", "\(rawValue).xlsx"] }

    /// The columns this kind's CSV accepts. Headers match by name (case-insensitive) or by
    /// the Chinese name, in any order.
    public var columns: [ColumnSpec] {
        switch self {
        case .divisions: return [
            .init("code", "区划代码", required: true, type: "6, 9 or 12 digits", example: "451425206"),
            .init("name", "名称", required: true, type: "text", example: "上映乡"),
            .init("parent", "上级代码", type: "6, 9 or 12 digits", example: "451425"),
        ]
        case .stops: return [
            .init("stop_id", "站点编号", required: true, type: "identifier", example: "TD100"),
            .init("name", "站点名称", required: true, type: "text", example: "天等镇汽车站"),
            .init("kind", "类型", required: true, type: "township | factory | rest-area | depot", example: "township"),
            .init("township", "所属乡镇", type: "text", example: "天等镇"),
            .init("division_code", "区划代码", type: "6, 9 or 12 digits", example: "451425100"),
            .init("latitude", "纬度", required: true, type: "decimal degrees, -90..90", example: "23.0812"),
            .init("longitude", "经度", required: true, type: "decimal degrees, -180..180", example: "107.1431"),
            .init("address", "地址", type: "text", example: "天等县天等镇城东路"),
        ]
        case .legs: return [
            .init("from_stop", "起点", required: true, type: "stop_id", example: "TD100"),
            .init("to_stop", "终点", required: true, type: "stop_id", example: "RA01"),
            .init("distance_km", "里程公里", required: true, type: "number > 0", example: "152.5"),
            .init("minutes", "用时分钟", required: true, type: "whole number > 0", example: "130"),
            .init("road_class", "道路等级", type: "expressway | highway | local (default highway)", example: "expressway"),
            .init("both_ways", "双向", type: "yes | no (default yes)", example: "yes"),
        ]
        case .routes: return [
            .init("route_id", "线路编号", required: true, type: "identifier", example: "TD-PJ"),
            .init("name", "线路名称", required: true, type: "text", example: "天等—蓬江 节后返岗专线"),
            .init("direction", "方向", required: true, type: "to-work | to-home", example: "to-work"),
            .init("service_from", "开行首日", required: true, type: "date", example: "2027-02-11"),
            .init("service_to", "开行末日", required: true, type: "date", example: "2027-02-20"),
            .init("depart_earliest", "最早发车", required: true, type: "HH:MM", example: "05:30"),
            .init("depart_latest", "最晚发车", required: true, type: "HH:MM", example: "09:00"),
            .init("rest_stops", "途经服务区", type: "rest-area stop_ids separated by ;", example: "RA01;RA02"),
            .init("max_pickup_stops", "最多上车点", type: "whole number > 0", example: "5"),
            .init("max_pickup_minutes", "接人最长分钟", type: "whole number > 0", example: "150"),
            .init("max_dropoff_stops", "最多下车点", type: "whole number > 0", example: "5"),
            .init("max_dropoff_minutes", "送人最长分钟", type: "whole number > 0", example: "150"),
            .init("service", "客运类型", type: "charter | scheduled | airport-rail-express | commuter | customised | feeder (empty: charter)", example: "charter"),
        ]
        case .buses: return [
            .init("bus_id", "车辆编号", required: true, type: "identifier", example: "B01"),
            .init("plate", "车牌号", required: true, type: "Chinese plate", example: "桂F12345"),
            .init("seats", "核定载客", required: true, type: "whole number > 0", example: "53"),
            .init("accessible_seats", "无障碍座位", type: "whole number ≥ 0, ≤ seats (default 0)", example: "2"),
            .init("depot_stop", "车场", type: "stop_id", example: "DEP1"),
            .init("available_from", "可用首日", required: true, type: "date", example: "2027-02-08"),
            .init("available_to", "可用末日", required: true, type: "date", example: "2027-02-25"),
            .init("operator", "运输企业", type: "text", example: "天等县客运公司"),
        ]
        case .drivers: return [
            .init("driver_id", "驾驶员编号", required: true, type: "identifier", example: "D01"),
            .init("name", "姓名", required: true, type: "text", example: "黄建国"),
            .init("resident_id", "身份证号", type: "GB 11643 number", example: "451425198001011234"),
            .init("phone", "手机号", required: true, type: "11-digit mobile", example: "13812345678"),
            .init("licence_class", "准驾车型", required: true, type: "A1 | B1", example: "A1"),
            .init("licence_expiry", "驾驶证有效期至", required: true, type: "date", example: "2030-06-30"),
            .init("operator", "运输企业", type: "text", example: "天等县客运公司"),
            .init("home_depot", "所属车场", type: "stop_id", example: "DEP1"),
            .init("available_from", "可用首日", required: true, type: "date", example: "2027-02-08"),
            .init("available_to", "可用末日", required: true, type: "date", example: "2027-02-25"),
        ]
        case .workers: return [
            .init("worker_id", "编号", required: true, type: "identifier", example: "W0001"),
            .init("name", "姓名", required: true, type: "text", example: "农秀英"),
            .init("resident_id", "身份证号", required: true, type: "GB 11643 number", example: "451425199203152346"),
            .init("phone", "手机号", type: "11-digit mobile", example: "13907711234"),
            .init("household_id", "户号", type: "identifier shared by people travelling together", example: "H0001"),
            .init("direction", "方向", required: true, type: "to-work | to-home", example: "to-work"),
            .init("earliest_date", "最早出行日期", required: true, type: "date", example: "2027-02-12"),
            .init("latest_date", "最晚出行日期", type: "date (default: earliest_date)", example: "2027-02-14"),
            .init("pickup_stop", "上车点", required: true, type: "stop_id", example: "TD100"),
            .init("dropoff_stop", "下车点", required: true, type: "stop_id", example: "PJ01"),
            .init("employer", "务工企业", type: "text", example: "江门某电子厂"),
            .init("home_township", "户籍乡镇", type: "text", example: "天等镇"),
            .init("priority", "优先类别", type: "poverty-alleviated; disability; elderly; pregnant", example: "poverty-alleviated"),
            .init("accessible_seat", "需无障碍座位", type: "yes | no (default no)", example: "no"),
            .init("route_id", "线路编号", type: "route_id (default: the route for the direction and dates)", example: "TD-PJ"),
        ]
        }
    }
}

/// One column of an import file.
public struct ColumnSpec: Sendable {
    public let name: String
    public let chinese: String
    public let required: Bool
    public let type: String
    public let example: String
    public init(_ name: String, _ chinese: String, required: Bool = false, type: String, example: String) {
        self.name = name; self.chinese = chinese; self.required = required; self.type = type; self.example = example
    }
}

/// A problem with one cell, row or file, pointing at where to fix it.
public struct ImportIssue: Error, Sendable, CustomStringConvertible, Hashable {
    public let file: String
    public let line: Int
    /// 1-based field number (as a spreadsheet counts columns A=1, B=2…).
    public let column: Int
    public let message: String
    /// The sheet, for a workbook (the position then reads `FILE:Sheet1!D102`).
    public let sheet: String?
    public init(file: String, line: Int, column: Int, message: String, sheet: String? = nil) {
        self.file = file; self.line = line; self.column = column; self.message = message; self.sheet = sheet
    }
    public var description: String { "\(Position.format(file: file, sheet: sheet, line: line, column: column)): \(message)" }
}

