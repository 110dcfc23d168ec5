/// org set-until: the end of an org's contract (Amplify's end date).
extension ChangeEngine {
    /// A checked `YYYY-MM-DD` that is not in the past, for `--until` options.
    func futureDate(_ text: String, option: String) throws(ChangeRefusal) -> String {
        guard let day = Formats.date(text) else { throw ChangeRefusal("\(option) must be a date such as 2026-12-31, not \"\(text)\"") }
        guard day >= context.today else { throw ChangeRefusal("\(option) \(text) is in the past") }
        return text
    }

    mutating func setUntil(_ org: String, until: String?) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let record = snapshot.orgs[i].record
        let until = try until.map { text throws(ChangeRefusal) in try futureDate(text, option: "the end date") }
        guard record.until != until else {
            throw ChangeRefusal(until.map { "\(org) already ends on \($0)" } ?? "\(org) has no end date")
        }
        guard record.status == .enabled || record.status == .disabled else {
            throw ChangeRefusal("\(org) is \(record.status.rawValue): only an approved org has a contract to end")
        }
        try updateOrg(i) { $0.until = until }
        if let until {
            note("from \(until) on, \(org) is expired: its \(Plural.count(record.members.count, "user")) can no longer connect")
        } else {
            note("\(org) has no end date any more")
        }
    }
}
