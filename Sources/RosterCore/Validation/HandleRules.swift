/// Git-host handles (`roster check --actor @handle`): a handle names one person, so it must be
/// well formed and unique across the members of every org and the provider admins.
enum HandleRules {
    static let all: [Rule] = [
        Rule("handle-format", "member and admin handles are git-host logins: letters, digits, '-', '_', '.', at most 39", handleFormat),
        Rule("handle-unique", "a handle names one person: unique across all members and provider admins, ignoring case", handleUnique),
    ]

    static func message(_ handle: String) -> String {
        "handle \"\(handle)\" is not a git-host login: letters, digits, '-', '_' and '.', starting with a letter or digit, at most 39 characters"
    }

    static func handleFormat(_ c: ValidationContext) -> [Finding] {
        var out: [Finding] = []
        for org in c.snapshot.orgs {
            org.record.members.forEachIndexed { i, m in
                if let h = m.pointee.handle, !Formats.isValidHandle(h) {
                    out.append(.error("handle-format", org.path, "/members/\(i)/handle", message(h)))
                }
            }
        }
        for (i, email) in c.settings.admins.enumerated() {
            if let h = c.settings.adminHandles[email], !Formats.isValidHandle(h) {
                out.append(.error("handle-format", Snapshot.marketplacePath, "/admins/\(i)/handle", message(h)))
            }
        }
        return out
    }

    static func handleUnique(_ c: ValidationContext) -> [Finding] {
        var owner: [String: String] = [:]
        var out: [Finding] = []
        for (i, email) in c.settings.admins.enumerated() {
            guard let h = c.settings.adminHandles[email] else { continue }
            if let first = owner[Formats.handleKey(h)] {
                out.append(
                    .error("handle-unique", Snapshot.marketplacePath, "/admins/\(i)/handle", "handle \"\(h)\" is already the handle of \(first)"))
            } else {
                owner[Formats.handleKey(h)] = email
            }
        }
        for org in c.snapshot.orgs {
            org.record.members.forEachIndexed { i, m in
                guard let h = m.pointee.handle else { return }
                if let first = owner[Formats.handleKey(h)], first != m.pointee.email {
                    out.append(
                        .error(
                            "handle-unique", org.path, "/members/\(i)/handle",
                            "handle \"\(h)\" is already the handle of \(first); a handle names one person"))
                } else {
                    owner[Formats.handleKey(h)] = m.pointee.email
                }
            }
        }
        return out
    }
}
