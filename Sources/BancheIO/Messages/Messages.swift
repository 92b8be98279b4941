import Foundation

/// The language of human text: messages, summaries, `--help`, and (when asked for explicitly)
/// CSV headers. JSON keys and values, reason and rule codes, exit codes and the
/// `FILE:LINE:COLUMN:` prefix are the same in every language.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case en, zh

    /// `zh`, `zh-CN`, `zh_CN.UTF-8`, `中文` → zh; `en`, `en_US`, `english` → en; nil otherwise.
    public init?(code: String) {
        let c = code.trimmingCharacters(in: .whitespaces).lowercased()
        if c == "zh" || c.hasPrefix("zh-") || c.hasPrefix("zh_") || c.hasPrefix("zh.") || c == "中文" || c == "chinese" { self = .zh }
        else if c == "en" || c.hasPrefix("en-") || c.hasPrefix("en_") || c.hasPrefix("en.") || c == "english" || c == "英文" { self = .en }
        else { return nil }
    }

    /// The language the environment asks for: `LC_ALL` when set and not empty, else `LANG`;
    /// a value starting with `zh` means Chinese, anything else (or nothing) English.
    public static func fromEnvironment(_ env: [String: String]) -> Language {
        let v = [env["LC_ALL"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        return v.lowercased().hasPrefix("zh") ? .zh : .en
    }
}

/// The message catalogue: one table per language (`Messages+en.swift`, `Messages+zh.swift`),
/// keyed by stable keys, with `{name}` placeholders. A key missing from a language falls back
/// to English; a key missing from English prints the key itself (the catalogue test prevents
/// both). Lookup is a dictionary access: O(1) plus the length of the text.
public struct Messages: Sendable {
    public let language: Language
    public init(_ language: Language) { self.language = language }

    /// The table of `language`.
    public static func table(_ language: Language) -> [String: String] {
        switch language {
        case .en: return en
        case .zh: return zh
        }
    }

    /// The text of `key` in this language with every `{name}` replaced by `args[name]`.
    public func callAsFunction(_ key: String, _ args: [String: any CustomStringConvertible] = [:]) -> String {
        let template = Self.table(language)[key] ?? Self.en[key] ?? key
        return Self.fill(template, args)
    }

    /// `template` with `{name}` replaced by `args[name]`; a placeholder without a value is kept.
    public static func fill(_ template: String, _ args: [String: any CustomStringConvertible]) -> String {
        guard template.contains("{") else { return template }
        var out = "", name = "", inside = false
        for ch in template {
            if inside {
                if ch == "}" {
                    if let v = args[name] { out += v.description } else { out += "{\(name)}" }
                    inside = false; name = ""
                } else if ch.isLetter || ch.isNumber || ch == "_" { name.append(ch) }
                else { out += "{" + name; out.append(ch); inside = false; name = "" }
            } else if ch == "{" { inside = true } else { out.append(ch) }
        }
        if inside { out += "{" + name }
        return out
    }

    /// The placeholder names of a template (`{n}`, `{file}`), for the catalogue test.
    public static func placeholders(in template: String) -> Set<String> {
        var names = Set<String>(), name = "", inside = false
        for ch in template {
            if inside {
                if ch == "}" { names.insert(name); inside = false; name = "" }
                else if ch.isLetter || ch.isNumber || ch == "_" { name.append(ch) } else { inside = false; name = "" }
            } else if ch == "{" { inside = true }
        }
        return names
    }

    /// `n` with the English plural ending where the language has one: `1 trip`, `2 trips`, `2 趟`.
    public func plural(_ n: Int, _ key: String) -> String {
        let one = self(key + ".one", ["n": n]), many = self(key + ".other", ["n": n])
        return n == 1 ? one : many
    }
}
