import Testing
@testable import BancheCore

/// The shared rules for numbers, dates, masking and generator sizes (issue #10, input side).
@Suite struct InputRulesTests {
    @Test func numbersAreFiniteDecimalAndInRange() throws {
        for bad in ["NaN", "nan", "inf", "-inf", "+inf", "infinity", "-Infinity", "0x1p3", "0X10", "1e400", "", " ", "1,5", "--1", "1.2.3", "٣"] {
            #expect(throws: FiniteNumber.Problem.self, "\(bad)") { try FiniteNumber.parse(bad) }
        }
        #expect(try FiniteNumber.parse("23.0812") == 23.0812)
        #expect(try FiniteNumber.parse("-107.5") == -107.5)
        #expect(try FiniteNumber.parse("+5") == 5)
        #expect(try FiniteNumber.parse(".5") == 0.5)
        #expect(try FiniteNumber.parse("1.5E+2") == 150)
        #expect(throws: FiniteNumber.Problem.outOfRange(-1_000_000...1_000_000)) { try FiniteNumber.parse("1000001") }
        #expect(throws: FiniteNumber.Problem.outOfRange(-90...90)) { try FiniteNumber.parse("90.5", range: -90...90) }
        #expect(try FiniteNumber.parseWhole("53", range: 1...120) == 53)
        #expect(throws: FiniteNumber.Problem.self) { try FiniteNumber.parseWhole("5.5", range: 1...120) }
        #expect(throws: FiniteNumber.Problem.self) { try FiniteNumber.parseWhole("99999999999999999999999") }
    }

    @Test func datesStayBetween1900And2100() throws {
        #expect(try CivilDate.parseChecked("2027-02-12") == CivilDate(year: 2027, month: 2, day: 12))
        #expect(try CivilDate.parseChecked("2027/2/3") == CivilDate(year: 2027, month: 2, day: 3))
        #expect(throws: DateProblem.yearOutOfRange(3027)) { try CivilDate.parseChecked("3027-02-12") }
        #expect(throws: DateProblem.yearOutOfRange(1899)) { try CivilDate.parseChecked("1899-12-31") }
        #expect(throws: DateProblem.notADate) { try CivilDate.parseChecked("2027-02-30") }
        #expect(try CivilDate.parseChecked("1900-01-01").year == 1900)
        #expect(try CivilDate.parseChecked("2100-12-31").year == 2100)
    }

    @Test func windowsLastAtMost366Days() throws {
        #expect(try DateWindow.parseChecked("2027-02-11..2027-02-15").days.count == 5)
        #expect(try DateWindow.parseChecked("2028-01-01..2028-12-31").days.count == 366)
        #expect(throws: DateProblem.windowTooLong(days: 367)) { try DateWindow.parseChecked("2027-01-01..2028-01-02") }
        #expect(throws: DateProblem.yearOutOfRange(9999)) { try DateWindow.parseChecked("2027-01-01..9999-01-02") }
        #expect(throws: DateProblem.reversed) { try DateWindow.parseChecked("2027-02-15..2027-02-11") }
        #expect(throws: DateProblem.notADate) { try DateWindow.parseChecked("soon") }
    }

    @Test func idNumbersAndPhonesInAnyTextAreMasked() {
        #expect(Masking.personalData(in: "451425198301260157") == "451425********0157")
        #expect(Masking.personalData(in: "id 45142519830126015X, tel 13812345678.") == "id 451425********015X, tel 138****5678.")
        #expect(Masking.personalData(in: "452131800101123") == "452131*****1123") // 15-digit first-generation number
        // A temporary folder's UUID with 11 digits in a row is left alone (it broke a path in an
        // error message); the same digits on their own are masked.
        #expect(Masking.personalData(in: "/tmp/banche-57074430-CE5C-4BC6-A8FC-98912345385D/x") == "/tmp/banche-57074430-CE5C-4BC6-A8FC-98912345385D/x")
        #expect(Masking.personalData(in: "A8FC 98912345385") == "A8FC 989****5385")
        #expect(Masking.personalData(in: "W00001 2027-02-12 TD100") == "W00001 2027-02-12 TD100")
        #expect(Masking.personalData(in: "电话13812345678谢谢") == "电话138****5678谢谢")
        #expect(Masking.personalData(in: "0123456789") == "0123456789")
    }

    @Test func generatorRefusesAbsurdSizes() {
        #expect(ScenarioGenerator.sizeProblem(workers: 619, stops: 13, factories: 6) == nil)
        #expect(ScenarioGenerator.sizeProblem(workers: 1_000_000, stops: 2000, factories: 12) == nil)
        #expect(ScenarioGenerator.sizeProblem(workers: -1, stops: 13, factories: 6)?.contains("--workers") == true)
        #expect(ScenarioGenerator.sizeProblem(workers: ScenarioGenerator.maxWorkers + 1, stops: 13, factories: 6)?.contains("--workers") == true)
        #expect(ScenarioGenerator.sizeProblem(workers: 10, stops: 10_000_000, factories: 6)?.contains("--stops") == true)
        #expect(ScenarioGenerator.sizeProblem(workers: 10, stops: 13, factories: 0)?.contains("--factories") == true)
        #expect(ScenarioGenerator.sizeProblem(workers: 10, stops: 13, factories: 6, poor: 11)?.contains("--poor") == true)
    }
}
