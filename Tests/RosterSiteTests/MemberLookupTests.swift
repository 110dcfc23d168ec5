import Testing
import RosterCore
@testable import RosterSite

/// Small orgs are scanned, large ones go through dictionaries: the answers must be the same.
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

    @Test(arguments: [4, MemberLookup.scanLimit + 8])
    func scanningAndDictionariesAgree(members: Int) {
        let org = Self.org(members: members)
        let lookup = MemberLookup(org)
        for email in org.members.map(\.email) + ["nobody@acme.example", "m1@acme.example"] {
            let want = Self.expected(org, email)
            #expect(lookup.fullName(email) == want.name, "\(email)")
            #expect(lookup.teamNames(of: email) == want.teams, "\(email)")
            #expect(lookup.teamList(of: email) == want.teams.sorted().joined(separator: ", "), "\(email)")
        }
        #expect(lookup.teamList(of: "m1@acme.example") == "Alpha, Beta, Beta, Everyone")
        #expect(lookup.teamNames(of: "m1@acme.example") == ["Everyone", "Beta", "Beta", "Alpha"])
        #expect(lookup.fullName("m0@acme.example") == "First0 Last")
    }
}
