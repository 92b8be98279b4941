// libFuzzer entry for the CSV reader and every importer's row parsing.
// Built by scripts/fuzz.sh with `swiftc -sanitize=fuzzer,address` together with the
// BancheCore and BancheIO sources; not part of the package build.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let kinds = ImportKind.allCases
    // The first byte picks the importer; the rest is the file.
    let kind = kinds[Int(bytes.first ?? 0) % kinds.count]
    let body = bytes.dropFirst()
    guard let (text, encoding) = try? TextDecoder.decode(Data(body), as: .auto, file: "fuzz.csv") else { return 0 }
    guard let table = try? CSVReader().parse(text, file: "fuzz.csv", encoding: encoding) else { return 0 }
    var known = KnownRecords()
    known.stops = ["TD100": .township, "PJ100": .factory, "RA01": .restArea, "DEP1": .depot]
    known.routes = ["TD-PJ": .toWork]
    var parser = RowParser(kind: kind, table: table, known: known, replace: false, today: CivilDate(year: 2026, month: 11, day: 24)!)
    _ = parser.parse()
    _ = RosterCSV.parse(table, zone: .china)
    // Whatever was read must write back as CSV that reads again.
    let doc = CSVWriter(neutraliseFormulas: true).document(header: table.header, rows: table.rows.map { Array($0.fields) })
    _ = try? CSVReader().parse(doc, file: "again.csv")
    return 0
}
