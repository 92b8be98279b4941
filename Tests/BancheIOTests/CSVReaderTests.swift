import Foundation
import Testing
@testable import BancheIO

@Suite struct CSVReaderTests {
    let reader = CSVReader()

    @Test func quotedFieldsCommasNewlinesAndCRLF() throws {
        let text = "a,b,c\r\n1,\"x, y\",\"line1\r\nline2\"\r\n\r\n2,\"say \"\"hi\"\"\",  z \r\n"
        let t = try reader.parse(text, file: "t.csv")
        #expect(t.header == ["a", "b", "c"])
        #expect(t.rows.count == 2)
        #expect(t.rows[0].fields == ["1", "x, y", "line1\nline2"])
        #expect(t.rows[0].line == 2)
        #expect(t.rows[1].line == 5) // the quoted line break and the blank line are counted
        #expect(t.rows[1].fields == ["2", "say \"hi\"", "z"])
    }

    @Test func byteOrderMarkIsDropped() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("姓名,编号\n农秀英,1\n".utf8)
        let (text, enc) = try TextDecoder.decode(data, as: .auto, file: "x")
        #expect(enc == .utf8)
        let t = try reader.parse(text, file: "x")
        #expect(t.header == ["姓名", "编号"])
    }

    @Test func gb18030IsDetectedAndDecoded() throws {
        let original = "姓名,乡镇\n农秀英,天等镇\n黄𠀀,进结镇\n" // includes an Extension B character (4-byte GB18030)
        let data = try #require(original.data(using: TextEncoding.gb18030Foundation))
        #expect(TextDecoder.firstInvalidUTF8([UInt8](data)) != nil)
        let (text, enc) = try TextDecoder.decode(data, as: .auto, file: "x")
        #expect(enc == .gb18030)
        #expect(text == original)
        #expect(throws: DecodingFailure.self) { try TextDecoder.decode(data, as: .utf8, file: "x") }
    }

    @Test func invalidBytesAreLocated() {
        let data = Data("a,b\n1,2\n3,".utf8) + Data([0xFF, 0xFF]) + Data("\n".utf8)
        do {
            _ = try TextDecoder.decode(data, as: .utf8, file: "f.csv")
            Issue.record("expected a failure")
        } catch let e as DecodingFailure {
            #expect(e.line == 3 && e.column == 2)
        } catch { Issue.record("\(error)") }
    }

    @Test func unterminatedQuoteNamesTheLineItOpened() {
        #expect { try reader.parse("a,b\n1,\"open\n2,3\n", file: "f") } throws: { e in
            (e as? CSVSyntaxError).map { $0.line == 2 && $0.message.contains("never closed") } ?? false
        }
    }

    @Test func hostileSizesAreRefused() {
        let wide = (0..<1000).map { "c\($0)" }.joined(separator: ",")
        #expect(throws: CSVSyntaxError.self) { try reader.parse(wide + "\n", file: "f") }
        let long = "a\n" + String(repeating: "x", count: 70_000) + "\n"
        #expect(throws: CSVSyntaxError.self) { try reader.parse(long, file: "f") }
    }

    @Test func writerQuotesAndNeutralisesFormulas() throws {
        let w = CSVWriter(neutraliseFormulas: true)
        #expect(w.field("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
        #expect(w.field("-12.5") == "-12.5")
        #expect(w.field("a,b") == "\"a,b\"")
        let doc = CSVWriter().document(header: ["x", "y"], rows: [["1, 2", "say \"hi\"\nbye"]])
        let back = try reader.parse(doc, file: "f")
        #expect(back.rows[0].fields == ["1, 2", "say \"hi\"\nbye"])
    }
}
