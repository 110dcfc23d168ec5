import RosterCore
import RosterTemplates

/// The members of one org found by e-mail, and the teams each is in, worked out once for the
/// org's page: the members sorted by e-mail, and each team's e-mails sorted, are walked side
/// by side. A scan of the members for each team member, and of every team for each member's
/// team list, compared some 225 texts on a page of ten members in two teams; a dictionary
/// for each of 10,000 pages cost more than the scans.
struct MemberLookup {
    let members: [Membership]
    let teams: [Team]
    /// The members' positions in the order of their e-mails (members with the same e-mail in
    /// the order of the file: the sort is stable).
    let byEmail: [Int]
    /// For each team (as in `teams`), its e-mails sorted, each with the position of the first
    /// member with it (nil: not a member of the org).
    let teamPlaces: [[(email: String, member: Int?)]]
    /// For each member, the positions of the teams that list its e-mail, in the order of the
    /// teams' names (a team that lists it twice, twice): member `k`'s are
    /// `teamsOf[teamsFrom[k]..<teamsFrom[k + 1]]`.
    private let teamsFrom: [Int]
    private let teamsOf: [Int]

    /// The record lent (`borrowing`): an initializer takes what it is given, so the record was
    /// copied for it, a reference count for each of its fields, on every org page.
    init(_ org: borrowing OrgRecord) {
        let members = org.members, teams = org.teams
        (self.members, self.teams) = (members, teams)
        let byEmail = members.indices.sorted { members[$0].email < members[$1].email }
        self.byEmail = byEmail
        // For each e-mail of each team, the members with it: a range of `byEmail`.
        var emails: [[String]] = [], groups: [[Range<Int>]] = []
        emails.reserveCapacity(teams.count)
        groups.reserveCapacity(teams.count)
        for team in teams {
            let sorted = team.members.sorted()
            var j = 0
            groups.append(
                sorted.map { email in
                    while j < byEmail.count, members[byEmail[j]].email < email { j += 1 }
                    var k = j
                    while k < byEmail.count, members[byEmail[k]].email == email { k += 1 }
                    return j..<k
                })
            emails.append(sorted)
        }
        teamPlaces = teams.indices.map { t in
            zip(emails[t], groups[t]).map { email, group in (email, group.isEmpty ? nil : byEmail[group.lowerBound]) }
        }
        // Each member's teams, counted, then placed, team by team in the order of their names.
        let byName = teams.indices.sorted { teams[$0].name < teams[$1].name }
        var from = [Int](repeating: 0, count: members.count + 1)
        for t in byName {
            for group in groups[t] { for p in group { from[byEmail[p] + 1] += 1 } }
        }
        for k in members.indices { from[k + 1] += from[k] }
        var next = from, list = [Int](repeating: 0, count: from[members.count])
        for t in byName {
            for group in groups[t] {
                for p in group {
                    list[next[byEmail[p]]] = t
                    next[byEmail[p]] += 1
                }
            }
        }
        (teamsFrom, teamsOf) = (from, list)
    }

    /// The position of the first member with `email`.
    func member(_ email: String) -> Int? {
        // The first place in `byEmail` whose e-mail is not before `email`.
        var (low, high) = (0, byEmail.count)
        while low < high {
            let mid = (low + high) / 2
            if members[byEmail[mid]].email < email { low = mid + 1 } else { high = mid }
        }
        return low < byEmail.count && members[byEmail[low]].email == email ? byEmail[low] : nil
    }

    /// "First Last" of the member with `email`.
    func fullName(_ email: String) -> String? {
        member(email).map(fullName(at:))
    }

    /// "First Last" of the member at position `k`.
    func fullName(at k: Int) -> String {
        "\(members[k].firstName) \(members[k].lastName)"
    }

    /// What ``fullName(at:)`` gives, written into a page (escaped when asked) with no text
    /// made for it: escaping is byte by byte, so the two names escaped apart are the whole.
    func writeFullName(at k: Int, escaped: Bool, into out: inout ByteSink) {
        TemplateOutput.text(members[k].firstName, escaped: escaped, into: &out)
        out.append(0x20)
        TemplateOutput.text(members[k].lastName, escaped: escaped, into: &out)
    }

    /// The names of the teams that list the e-mail of the member at `k`, in the order of their
    /// names, joined by commas, as the org page shows them.
    func teamList(at k: Int) -> String {
        var list = ByteSink(capacity: 64)
        writeTeamList(at: k, escaped: false, into: &list)
        return String(decoding: list.bytes, as: UTF8.self)
    }

    /// What ``teamList(at:)`` gives, written into a page (escaped when asked), with no text made
    /// for it.
    func writeTeamList(at k: Int, escaped: Bool, into out: inout ByteSink) {
        // A comma once something was written (a team's name is never empty in a valid org).
        let start = out.count
        for i in teamsFrom[k]..<teamsFrom[k + 1] {
            if out.count > start { out.append(", ") }
            TemplateOutput.text(teams[teamsOf[i]].name, escaped: escaped, into: &out)
        }
    }
}
