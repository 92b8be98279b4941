import BancheCore
import Foundation

/// The message of a notice, from a template with {name} {date} {time} {stop} {plate} {seat}
/// {trip}. {date} is written 2月13日, {time} 06:13 (the bus's arrival at the stop).
public struct NoticeTemplate: Sendable {
    public static let fields = ["name", "date", "time", "stop", "plate", "seat", "trip"]
    public static let defaultText = "{name}您好：您报名的免费返岗专车定于{date}{time}在{stop}上车，车牌{plate}，座位{seat}号（班次{trip}）。请提前15分钟到达，带好身份证。"
    public static let defaultToHome = "{name}您好：您报名的免费返乡专车定于{date}{time}在{stop}上车，车牌{plate}，座位{seat}号（班次{trip}）。请提前15分钟到达，带好身份证。"

    public let text: String

    /// Checks that every `{…}` names a known field and every brace is closed.
    public init(_ text: String, source: String) throws {
        var i = text.startIndex
        while let open = text[i...].firstIndex(of: "{") {
            guard let close = text[open...].firstIndex(of: "}") else { throw TemplateError(message: "\(source): a { is never closed") }
            let name = String(text[text.index(after: open)..<close])
            guard Self.fields.contains(name) else {
                throw TemplateError(message: "\(source): unknown field {\(name)}; a template may use \(Self.fields.map { "{\($0)}" }.joined(separator: " "))")
            }
            i = text.index(after: close)
        }
        if text.isEmpty { throw TemplateError(message: "\(source): the template is empty") }
        self.text = text
    }

    public func render(name: String, date: CivilDate, time: String, stop: String, plate: String, seat: Int, trip: String) -> String {
        let values = ["name": name, "date": "\(date.month)月\(date.day)日", "time": time, "stop": stop, "plate": plate, "seat": "\(seat)", "trip": trip]
        var out = text
        for (k, v) in values { out = out.replacingOccurrences(of: "{\(k)}", with: v) }
        return out
    }
}

public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
