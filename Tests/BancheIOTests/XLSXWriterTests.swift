import Foundation
import Testing
@testable import BancheIO

@Suite struct XLSXWriterTests {
    @Test func escapesMarkupAndDropsWhatXMLCannotHold() {
        #expect(XLSXWriter.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;")
        #expect(XLSXWriter.escape("x\u{0}y\u{1F}z\tw\n") == "xyz\tw\n")
        #expect(XLSXWriter.escape("=SUM(A1)") == "=SUM(A1)")
        #expect(XLSXWriter.escape("天等镇") == "天等镇")
    }

    @Test func sheetNamesAreLegalAndUnique() {
        var taken = Set<String>()
        #expect(XLSXWriter.sheetName("a/b:c", taken: &taken) == "a_b_c")
        #expect(XLSXWriter.sheetName("A/B:C", taken: &taken) == "A_B_C (2)")
        let long = String(repeating: "江", count: 40)
        let first = XLSXWriter.sheetName(long, taken: &taken), second = XLSXWriter.sheetName(long, taken: &taken)
        #expect(first.count == 31 && second.count == 31 && first != second && second.hasSuffix(" (2)"))
        #expect(XLSXWriter.sheetName("", taken: &taken) == "_")
    }

    @Test func columnLetters() {
        #expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(XLSXWriter.columnName) == ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"])
    }

    @Test func onlyPlainNumbersBecomeNumbers() {
        for s in ["1", "53", "0", "0.5", "152.5", "-3"] { #expect(XLSXWriter.isPlainNumber(s), "\(s)") }
        for s in ["", "007", "1e5", "4.5142E+17", "451425199203152346", "1.", ".5", "1.2.3", "+1", "12a", "１２"] { #expect(!XLSXWriter.isPlainNumber(s), "\(s)") }
    }

    @Test func idsStayTextEvenInANumberColumn() {
        let s = XLSXSheet(name: "T", header: ["seat", "resident_id"], rows: [["12", "451425199203152346"], ["0012", "x"]], numberColumns: [0])
        let xml = XLSXWriter.sheetXML(s)
        #expect(xml.contains("<c r=\"A2\"><v>12</v></c>"))
        #expect(xml.contains("<c r=\"B2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">451425199203152346</t></is></c>"))
        #expect(xml.contains("<c r=\"A3\" t=\"inlineStr\">"))
        #expect(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
    }

    @Test func autofilterHasItsHiddenName() {
        let sheets = [XLSXSheet(name: "O'Brien", header: ["a", "b"], rows: [["1", "2"], ["3", "4"]]), XLSXSheet(name: "empty", header: [], rows: [])]
        let xml = XLSXWriter.workbookXML(["O'Brien", "empty"], filters: sheets.map(XLSXWriter.filterRange))
        #expect(xml.contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">&apos;O&apos;&apos;Brien&apos;!$A$1:$B$3</definedName>"))
        #expect(!xml.contains("localSheetId=\"1\""))
        #expect(XLSXWriter.sheetXML(sheets[0]).contains("<autoFilter ref=\"A1:B3\"/>"))
    }

    @Test func widthsCountCJKDouble() {
        let s = XLSXSheet(name: "T", header: ["name", "x"], rows: [["江门新亿照明有限公司", "abc"]])
        #expect(XLSXWriter.width(0, s) == 22)
        #expect(XLSXWriter.width(1, s) == 6)
    }

    @Test func sameSheetsSameBytes() throws {
        let sheets = [XLSXSheet(name: "班次1", header: ["a"], rows: [["<&>"]]), XLSXSheet(name: "班次2", header: ["b"], rows: [])]
        let a = try XLSXWriter.workbook(sheets), b = try XLSXWriter.workbook(sheets)
        #expect(a == b && a.count > 500)
        #expect(a.prefix(2) == Data("PK".utf8))
        #expect(try XLSXWriter.workbook([XLSXSheet(name: "x", header: ["a"], rows: [["1"]])]) != a)
    }

    @Test func chineseTablesTranslateHeadersAndValuesButNotIDs() {
        let t = ExportTable(columns: ["worker_id", "gender", "priority", "resident_id"], rows: [["W1", "female", "poverty-alleviated;disability", "451425********0157"]])
        let zh = t.localized(.zh)
        #expect(zh.columns == ["编号", "性别", "优先类别", "身份证号"])
        #expect(zh.rows == [["W1", "女", "脱贫;残疾", "451425********0157"]])
        #expect(t.localized(.en) == t)
        #expect(ExportTable.fileName("a/b\\c:..") == "a_b_c_..")
        #expect(ExportTable.fileName("..") == "_" && ExportTable.fileName("") == "_")
    }
}
