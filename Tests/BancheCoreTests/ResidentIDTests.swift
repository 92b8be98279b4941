import Testing
@testable import BancheCore

@Suite struct ResidentIDTests {
    @Test func acceptsValidNumberAndReadsIt() throws {
        let id = try ResidentID("451425199001011233")
        #expect(id.divisionCode == "451425")
        #expect(id.birthDate == CivilDate(year: 1990, month: 1, day: 1))
        #expect(id.gender == .male)     // sequence 123: odd
        #expect(id.masked == "451425********1233")
    }

    @Test func normalisesLowercaseX() throws {
        // 11010519491231002X is the standard's own example.
        let id = try ResidentID("11010519491231002x")
        #expect(id.value == "11010519491231002X")
        #expect(id.gender == .female)
    }

    @Test func acceptsPre2002TiandengCode() throws {
        // 452131 (南宁地区天等县) no longer exists but still begins valid numbers.
        _ = try ResidentID("452131197007077893")
    }

    @Test(arguments: [
        ("451425199001011234", ResidentID.Problem.checkCharacter(expected: "3", found: "4")),
        ("45142519900101123", .wrongLength(17)),
        ("4514251990010112A3", .notDigits(position: 17)),
        ("991425199001011233", .unknownProvince("99")),
        ("451425199002301234", .badBirthDate("19900230")),
        ("451425180001011234", .badBirthDate("18000101")),
    ])
    func rejects(_ text: String, _ problem: ResidentID.Problem) {
        #expect(throws: problem) { try ResidentID(text) }
    }

    @Test func rejectsBirthDateAfterToday() {
        let body = "45142520300101123"
        let text = body + String(ResidentID.checkCharacter(for: body))
        #expect(throws: ResidentID.Problem.birthDateInFuture("20300101")) { try ResidentID(text, today: CivilDate(year: 2026, month: 11, day: 24)) }
        #expect(throws: Never.self) { try ResidentID(text) }
    }

    @Test func everyCheckCharacterIsReachable() throws {
        // A changed last digit must always be caught: the check character is unique.
        let body = "45142519900101123"
        let right = ResidentID.checkCharacter(for: body)
        for c in "0123456789X" where c != right {
            #expect(throws: (any Error).self) { try ResidentID(body + String(c)) }
        }
    }

    @Test func masksPhones() {
        #expect(Masking.phone("13812345678") == "138****5678")
    }
}
