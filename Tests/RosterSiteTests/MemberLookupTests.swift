import Testing
import RosterCore
@testable import RosterSite

/// The members and teams walked side by side answer as dictionaries built from the whole org.
@Suite struct MemberLookupTests {
    static func org(members count: Int) -> OrgRecord {
        let members = (0..<count).map { n in
            Membership(
                email: "m\(n % (count - 1))@acme.example", firstName: "First\(n)", lastName: "Last", role: .teamMember, state: .active,
                invitedAt: "2024-01-01T00:00:00Z", invitedBy: "m0@acme.example")
        }
        // The last member repeats an e-mail; one team lists a member twice.
        let emails = members.map(\.email)
        let teams = [
            Team(id: "everyone", name: "Everyone", isDefault: true, members: emails),
            Team(id: "b", name: "Beta", members: [emails[1], emails[1], "nobody@acme.example"]),
            Team(id: "a", name: "Alpha", members: Array(emails.prefix(3))),
        ]
        return OrgRecord(id: "acme", name: "Acme", status: .enabled, createdAt: "2024-01-01T00:00:00Z", members: members, teams: teams)
    }

    /// What the page showed before: dictionaries built from the whole org.
    static func expected(_ org: OrgRecord, _ email: String) -> (name: String?, teams: [String]) {
        let names = Dictionary(org.members.map { ($0.email, "\($0.firstName) \($0.lastName)") }, uniquingKeysWith: { a, _ in a })
        let teamsOf = Dictionary(grouping: org.teams.flatMap { t in t.members.map { ($0, t.name) } }, by: \.0).mapValues { $0.map(\.1) }
        return (names[email], teamsOf[email] ?? [])
    }

    @Test(arguments: [2, 4, 40])
    func theWalkAnswersAsDictionariesDo(members: Int) {
        let org = Self.org(members: members)
        let lookup = MemberLookup(org)
        for email in org.members.map(\.email) + ["nobody@acme.example", "m1@acme.example", "", "zz@acme.example"] {
            let want = Self.expected(org, email)
            #expect(lookup.fullName(email) == want.name, "\(email)")
            #expect(lookup.member(email) == org.members.firstIndex { $0.email == email }, "\(email)")
        }
        for (k, member) in org.members.enumerated() {
            #expect(lookup.teamList(at: k) == Self.expected(org, member.email).teams.sorted().joined(separator: ", "), "\(k)")
        }
        // The first member with each of a team's e-mails, sorted, and nil for one that is no member.
        for (t, team) in org.teams.enumerated() {
            let want = team.members.sorted().map { email in (email, org.members.firstIndex { $0.email == email }) }
            #expect(lookup.teamPlaces[t].map(\.email) == want.map(\.0))
            #expect(lookup.teamPlaces[t].map(\.member) == want.map(\.1))
        }
        #expect(lookup.byEmail.map { org.members[$0].email } == org.members.map(\.email).sorted())
        // Two members with one e-mail: both show the teams that list it.
        #expect(lookup.teamList(at: members - 1) == lookup.teamList(at: 0))
        #expect(lookup.fullName("m0@acme.example") == "First0 Last")
        if members >= 4 {
            #expect(lookup.teamList(at: 1) == "Alpha, Beta, Beta, Everyone")
            #expect(lookup.teamPlaces[1].map(\.member) == [1, 1, nil])
        }
    }
}
