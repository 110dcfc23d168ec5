/// app create / delete / add-share / remove-share (Tyk step 5: apps a team shares).
extension ChangeEngine {
    func appIndex(_ org: Int, _ app: String) throws(ChangeRefusal) -> Int {
        try entryIndex(org, app, in: \.apps, id: \.id, kind: "app")
    }

    /// An app may use a share the org consumes today (since <= today < until).
    func checkAppShare(_ org: OrgRecord, _ share: String) throws(ChangeRefusal) {
        let s = try shareIndex(share)
        guard let link = snapshot.shares[s].record.consumers.first(where: { $0.org == org.id }) else {
            throw ChangeRefusal("\(org.id) does not consume \(share); a provider admin links it first (`roster share add-org \(share) \(org.id)`)")
        }
        guard ShareWindow.contains(link, context.today) else {
            throw ChangeRefusal("\(org.id)'s access to \(share) runs from \(link.since)\(link.until.map { " until \($0)" } ?? ""), not today")
        }
    }

    mutating func createApp(
        _ org: String, name: String, id: String?, team: String, shares: [String],
        visibility: AppVisibility, description: String?
    ) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let record = snapshot.orgs[i].record
        guard record.isActive(on: context.today) else {
            throw ChangeRefusal(
                "\(org) is \(record.isExpired(on: context.today) ? "expired" : record.status.rawValue): only an active org's teams create apps")
        }
        try Naming.checkLength(name, Limits.appName, what: "app")
        let id = try Naming.id(id, from: name, what: "app")
        if record.apps.contains(where: { $0.id == id }) {
            throw ChangeRefusal("\(org) already has an app with id \"\(id)\"; choose another with --id")
        }
        _ = try teamIndex(i, team)
        for share in shares { try checkAppShare(record, share) }
        guard Set(shares).count == shares.count else { throw ChangeRefusal("a share is named twice") }
        let description = description?.trimmingCharacters(in: .whitespacesAndNewlines)
        let app = App(
            id: id, name: name.trimmingCharacters(in: .whitespaces), description: description?.isEmpty == false ? description : nil,
            team: team, visibility: visibility, shares: shares, createdBy: actor, createdAt: context.now)
        try updateOrg(i) { $0.apps.append(app) }
        let users = snapshot.orgs[i].record.users(of: app).count
        note(
            "\(Plural.count(users, "member")) of \(visibility == .org ? org : "team " + team) can use \(id); its credentials live in the gateway under \(org)/\(id), never in this repository"
        )
    }

    mutating func deleteApp(_ org: String, app: String) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let a = try appIndex(i, app)
        try updateOrg(i) { $0.apps.remove(at: a) }
        note("remove the credentials of \(org)/\(app) from the gateway too")
    }

    mutating func addAppShare(_ org: String, app: String, share: String) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let a = try appIndex(i, app)
        guard !snapshot.orgs[i].record.apps[a].shares.contains(share) else { throw ChangeRefusal("\(app) already uses \(share)") }
        try checkAppShare(snapshot.orgs[i].record, share)
        try updateOrg(i) { $0.apps[a].shares.append(share) }
    }

    mutating func removeAppShare(_ org: String, app: String, share: String) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let a = try appIndex(i, app)
        guard snapshot.orgs[i].record.apps[a].shares.contains(share) else { throw ChangeRefusal("\(app) does not use \(share)") }
        try updateOrg(i) { $0.apps[a].shares.removeAll { $0 == share } }
    }
}
