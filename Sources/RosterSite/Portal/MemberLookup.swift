import RosterCore
import RosterTemplates

/// The members of one org found by e-mail, and the teams each is in. Most orgs are small:
/// scanning ten members costs less than building a dictionary for each of 10,000 pages, so
/// dictionaries are built only for large orgs. Both ways give the same answers.
struct MemberLookup {
    let members: [Membership]
    let teams: [Team]
    private let byEmail: [String: Int]?
    private let teamsByEmail: [String: [String]]?
    /// For a scanned org, the places of its teams in the order of their names.
    private let teamsByName: [Int]

    static let scanLimit = 32

    init(_ org: OrgRecord) {
        let members = org.members, teams = org.teams
        (self.members, self.teams) = (members, teams)
        let memberships = teams.reduce(0) { $0 + $1.members.count }
        guard members.count > Self.scanLimit || memberships > 2 * Self.scanLimit else {
            (byEmail, teamsByEmail) = (nil, nil)
            teamsByName = teams.indices.sorted { teams[$0].name < teams[$1].name }
            return
        }
        teamsByName = []
        // The first member of an e-mail given twice, as a scan finds it.
        byEmail = Dictionary(members.indices.map { (members[$0].email, $0) }, uniquingKeysWith: { first, _ in first })
        teamsByEmail = Dictionary(grouping: teams.flatMap { t in t.members.map { ($0, t.name) } }, by: \.0).mapValues { $0.map(\.1) }
    }

    /// The position of the first member with `email`.
    func member(_ email: String) -> Int? {
        if let byEmail { return byEmail[email] }
        return members.indices.first { members[$0].email == email }
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
    func writeFullName(at k: Int, escaped: Bool, into out: inout [UInt8]) {
        TemplateOutput.text(members[k].firstName, escaped: escaped, into: &out)
        out.append(0x20)
        TemplateOutput.text(members[k].lastName, escaped: escaped, into: &out)
    }

    /// The names of the teams that list `email`, in the order of the teams (a team that lists
    /// it twice, twice).
    func teamNames(of email: String) -> [String] {
        if let teamsByEmail { return teamsByEmail[email] ?? [] }
        var names: [String] = []
        for t in teams.indices {
            for member in teams[t].members where member == email { names.append(teams[t].name) }
        }
        return names
    }

    /// The names of the teams that list `email`, sorted and joined by commas, as the org page
    /// shows them: what ``teamNames(of:)`` sorted and joined gives. A scanned org's teams are
    /// walked in the order of their names, so the text is made as they are met: the array of
    /// names, made, grown and sorted for each member, was a fifth of the allocations of an org
    /// page.
    func teamList(of email: String) -> String {
        var list: [UInt8] = []
        writeTeamList(of: email, escaped: false, into: &list)
        return String(decoding: list, as: UTF8.self)
    }

    /// What ``teamList(of:)`` gives, written into a page (escaped when asked) as the teams are
    /// met, with no text made for it.
    func writeTeamList(of email: String, escaped: Bool, into out: inout [UInt8]) {
        guard teamsByEmail == nil else {
            return TemplateOutput.text(teamNames(of: email).sorted().joined(separator: ", "), escaped: escaped, into: &out)
        }
        // A comma once something was written, as the text joined by commas has it.
        let start = out.count
        for t in teamsByName {
            for member in teams[t].members where member == email {
                if out.count > start { out.append(contentsOf: [0x2C, 0x20]) }
                TemplateOutput.text(teams[t].name, escaped: escaped, into: &out)
            }
        }
    }
}
