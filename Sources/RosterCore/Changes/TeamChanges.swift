/// team create / delete / add / remove.
extension ChangeEngine {
    func teamIndex(_ org: Int, _ team: String) throws(ChangeRefusal) -> Int {
        try entryIndex(org, team, in: \.teams, id: \.id, kind: "team")
    }

    mutating func createTeam(_ org: String, name: String, id: String?) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        try Naming.checkLength(name, Limits.teamName, what: "team")
        let id = try Naming.id(id, from: name, what: "team")
        let record = snapshot.orgs[i].record
        if record.teams.contains(where: { $0.id == id }) {
            throw ChangeRefusal("\(org) already has a team with id \"\(id)\"; choose another with --id")
        }
        if record.teams.contains(where: { Formats.nameKey($0.name) == Formats.nameKey(name) }) {
            throw ChangeRefusal("\(org) already has a team named \"\(name)\"")
        }
        try updateOrg(i) { $0.teams.append(Team(id: id, name: name.trimmingCharacters(in: .whitespaces))) }
    }

    mutating func deleteTeam(_ org: String, team: String) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let t = try teamIndex(i, team)
        guard !snapshot.orgs[i].record.teams[t].isDefault else {
            throw ChangeRefusal("\"\(team)\" is the default team of \(org), which cannot be deleted")
        }
        let apps = snapshot.orgs[i].record.apps.filter { $0.team == team }.map(\.id)
        guard apps.isEmpty else {
            throw ChangeRefusal(
                "team \(team) of \(org) owns \(Plural.word(apps.count, "app")) \(apps.joined(separator: ", ")); delete \(apps.count == 1 ? "it" : "them") first ("
                    + apps.map { "`roster app delete \(org) \($0)`" }.joined(separator: ", ") + ")"
            )
        }
        try updateOrg(i) { $0.teams.remove(at: t) }
    }

    mutating func addToTeam(_ org: String, team: String, email: String) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let t = try teamIndex(i, team)
        let m = try memberIndex(i, email)
        let email = snapshot.orgs[i].record.members[m].email
        guard !snapshot.orgs[i].record.teams[t].members.contains(email) else {
            throw ChangeRefusal("\(email) is already in team \(team) of \(org)")
        }
        try updateOrg(i) { $0.teams[t].members.append(email) }
    }

    mutating func removeFromTeam(_ org: String, team: String, email: String) throws(ChangeRefusal) {
        let i = try orgIndex(org)
        let t = try teamIndex(i, team)
        let email = email.lowercased()
        guard snapshot.orgs[i].record.teams[t].members.contains(email) else {
            throw ChangeRefusal("\(email) is not in team \(team) of \(org)")
        }
        try updateOrg(i) { $0.teams[t].members.removeAll { $0 == email } }
    }
}
