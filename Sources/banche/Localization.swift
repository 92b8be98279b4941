import ArgumentParser
import BancheCore
import BancheIO
import Foundation

/// The language this run speaks, chosen once at startup: `--lang zh|en` anywhere on the
/// command line (before a `--`), else `LC_ALL`, then `LANG` starting with `zh`, else English.
/// Computed from the process's arguments and environment, never changed afterwards, so that
/// `--help` (built while parsing) and every message agree.
enum UI {
    /// What `--lang` chose, and the arguments with `--lang` removed (what ArgumentParser parses).
    struct Choice {
        var explicit: Language?
        var arguments: [String]
        /// `--lang` given a value that is not a language (a usage error, exit 2).
        var badValue: String?
    }

    /// Takes `--lang X` / `--lang=X` out of `arguments`. Pure, for tests.
    static func choose(_ arguments: [String]) -> Choice {
        var out: [String] = [], explicit: Language? = nil, bad: String? = nil
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { out += arguments[i...]; break }
            var value: String? = nil
            if a == "--lang" {
                if i + 1 < arguments.count { value = arguments[i + 1]; i += 1 } else { bad = "" }
            } else if a.hasPrefix("--lang=") { value = String(a.dropFirst(7)) } else { out.append(a) }
            if let value { if let l = Language(code: value) { explicit = l } else { bad = value } }
            i += 1
        }
        return Choice(explicit: explicit, arguments: out, badValue: bad)
    }

    static let choice = choose(Array(CommandLine.arguments.dropFirst()))
    /// `--lang` when given, else the environment's language.
    static let language: Language = choice.explicit ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    static let messages = Messages(language)
}

/// The text of `key` in the run's language, `{name}` placeholders filled from `args`.
func tr(_ key: String, _ args: [String: any CustomStringConvertible] = [:]) -> String { UI.messages(key, args) }

/// `n` and the catalogue's singular (`KEY.one`) or plural (`KEY.other`) form.
func trPlural(_ n: Int, _ key: String) -> String { UI.messages.plural(n, key) }

/// Option help from the catalogue.
func help(_ key: String, valueName: String? = nil) -> ArgumentHelp { ArgumentHelp(tr(key), valueName: valueName) }

extension Direction: ExpressibleByArgument {
    /// `to-work` / `to-home`, or the Chinese words the files accept (`返岗`, `节后返岗`, `返乡` …).
    public init?(argument: String) { self.init(word: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
