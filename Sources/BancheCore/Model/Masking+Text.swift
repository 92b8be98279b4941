extension Masking {
    /// Masks every run in `text` that looks like a resident ID number (15 or 18 characters,
    /// digits with an optional final X) or a mobile number (11 digits starting with 1), as
    /// `residentID(_:)` and `phone(_:)` print them. For messages that echo what a user typed,
    /// whatever column or flag it was typed into.
    public static func personalData(in text: String) -> String {
        var out = ""
        var run: [Character] = []
        func flush() {
            let digits = run.allSatisfy(\.isASCIIDigit)
            let idLike = (run.count == 18 && run.dropLast().allSatisfy(\.isASCIIDigit) && (run.last!.isASCIIDigit || run.last! == "X" || run.last! == "x"))
                || (run.count == 15 && digits)
            if idLike { out += residentID(String(run)) }
            else if run.count == 11 && digits && run.first == "1" { out += phone(String(run)) }
            else { out += String(run) }
            run = []
        }
        for ch in text {
            if ch.isASCIIDigit || ((ch == "X" || ch == "x") && run.count == 17) { run.append(ch) } else { flush(); out.append(ch) }
        }
        flush()
        return out
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
