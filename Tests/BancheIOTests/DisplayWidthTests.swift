import Testing
@testable import BancheIO

@Suite struct DisplayWidthTests {
    @Test func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("天等县") == 6)
        #expect(DisplayWidth.of("桂F10000") == 8)
        #expect(DisplayWidth.of("𠀀") == 2)          // CJK Extension B
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)    // combining accent takes no column
        #expect(DisplayWidth.of("，") == 2)          // fullwidth comma
    }

    @Test func truncationNeverSplitsACharacter() {
        let t = DisplayWidth.truncate("江门华禾电子有限公司", to: 9)
        #expect(t == "江门华禾…")
        #expect(DisplayWidth.of(t) <= 9)
        for w in 1...20 {
            let x = DisplayWidth.truncate("农秀英😀𠀀abc江门", to: w)
            #expect(DisplayWidth.of(x) <= w)
        }
        #expect(DisplayWidth.pad("天等", to: 6) == "天等  ")
        #expect(DisplayWidth.padLeft("12", to: 4) == "  12")
    }

    /// The ambiguous table knows the characters that shift printed columns under CJK fonts.
    @Test func ambiguousCharacters() {
        for c in ["…", "–", "—", "·", "°", "“", "×", "①"] { #expect(DisplayWidth.isAmbiguous(c.unicodeScalars.first!), "\(c)") }
        for c in ["a", "-", "~", "天", "，", "・", "页"] { #expect(!DisplayWidth.isAmbiguous(c.unicodeScalars.first!), "\(c)") }
        #expect(DisplayWidth.unambiguous("天等—蓬江 阿卜杜·热合曼 “好”") == "天等-蓬江 阿卜杜・热合曼 \"好\"")
        #expect(DisplayWidth.unambiguous("江门") == "江门")
        #expect(DisplayWidth.truncate("江门华禾电子有限公司", to: 9, marker: "~") == "江门华禾~")
    }
}
