import BancheCore

/// How a person is named where output names people (board status, the unplaced list of
/// `banche plan`, roster check): the name and the masked ID number as docs/privacy.md masks
/// it (`黄建国 451425********0157`), next to the id the caller prints.
public enum PersonLabel {
    /// `name masked-ID`, or just the name when there is no ID number; never the full number.
    public static func text(name: String, residentID: String?) -> String {
        guard let id = residentID, !id.isEmpty else { return name }
        return "\(name) \(Masking.residentID(id))"
    }

    /// Labels for every worker: worker id → `name masked-ID`.
    public static func workers(_ ws: some Sequence<Worker>) -> [String: String] {
        var out: [String: String] = [:]
        for w in ws { out[w.id] = text(name: w.name, residentID: w.residentID.value) }
        return out
    }

    /// Labels for every driver: driver id → `name masked-ID` (or the name alone).
    public static func drivers(_ ds: some Sequence<Driver>) -> [String: String] {
        var out: [String: String] = [:]
        for d in ds { out[d.id] = text(name: d.name, residentID: d.residentID?.value) }
        return out
    }

    /// `id label`, or `id` alone when the id has no label.
    public static func idAndLabel(_ id: String, _ labels: [String: String]) -> String {
        labels[id].map { "\(id) \($0)" } ?? id
    }
}
