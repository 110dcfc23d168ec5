/// share create / delete / add-org / remove-org.
extension ChangeEngine {
    mutating func createShare(name: String, id: String?, description: String?) throws(ChangeRefusal) {
        let id = try Naming.id(id, from: name, what: "share")
        if snapshot.shares.contains(where: { $0.record.id == id }) || snapshot.unreadableShareIDs.contains(id) {
            throw ChangeRefusal("a share with id \"\(id)\" exists already; choose another with --id")
        }
        try Naming.checkLength(name, Limits.shareName, what: "share")
        if let other = snapshot.shares.first(where: { Formats.nameKey($0.record.name) == Formats.nameKey(name) }) {
            throw ChangeRefusal(
                "the name \"\(name)\" is already used by share \(other.record.id) (names are compared ignoring case, spacing and invisible characters)"
            )
        }
        insertShare(ShareRecord(id: id, name: name.trimmingCharacters(in: .whitespaces), description: description ?? ""))
    }

    mutating func deleteShare(_ share: String) throws(ChangeRefusal) {
        let s = try shareIndex(share)
        let consumers = snapshot.shares[s].record.consumers.map(\.org)
        let path = snapshot.shares[s].path
        snapshot.shares.remove(at: s)
        touched.remove(path)
        removed.insert(path)
        for org in consumers { try dropShareFromApps(share, org: org) }
        note(
            consumers.isEmpty
                ? "\(share) had no consumers"
                : "\(Plural.count(consumers.count, "org")) lose access to \(share): \(consumers.joined(separator: ", "))")
    }

    mutating func link(_ share: String, org: String, until: String?) throws(ChangeRefusal) {
        let s = try shareIndex(share)
        let i = try orgIndex(org)
        let status = snapshot.orgs[i].record.status
        guard status == .enabled || status == .disabled else {
            throw ChangeRefusal("\(org) is \(status.rawValue): only approved orgs can consume a share")
        }
        guard !snapshot.shares[s].record.consumers.contains(where: { $0.org == org }) else {
            throw ChangeRefusal("\(org) already consumes \(share)")
        }
        if let until { _ = try futureDate(until, option: "--until") }
        let since = context.today.description
        try updateShare(s) { $0.consumers.append(ShareLink(org: org, since: since, until: until)) }
        if status == .disabled { note("\(org) is disabled: its users get access to \(share) once it is enabled") }
    }

    mutating func unlink(_ share: String, org: String) throws(ChangeRefusal) {
        let s = try shareIndex(share)
        guard snapshot.shares[s].record.consumers.contains(where: { $0.org == org }) else {
            throw ChangeRefusal("\(org) does not consume \(share)")
        }
        try updateShare(s) { $0.consumers.removeAll { $0.org == org } }
        try dropShareFromApps(share, org: org)
    }

    /// An org that loses a share loses it in its apps too (they would name a share it does not consume).
    mutating func dropShareFromApps(_ share: String, org: String) throws(ChangeRefusal) {
        guard let i = snapshot.orgs.firstIndex(where: { $0.record.id == org }) else { return }
        let apps = snapshot.orgs[i].record.apps.filter { $0.shares.contains(share) }.map(\.id)
        guard !apps.isEmpty else { return }
        try updateOrg(i) { record throws(ChangeRefusal) in
            for a in record.apps.indices { record.apps[a].shares.removeAll { $0 == share } }
        }
        note("\(org)'s \(Plural.word(apps.count, "app")) \(apps.joined(separator: ", ")) no longer use\(apps.count == 1 ? "s" : "") \(share)")
    }
}

/// share add-org --new-org: Bobsled's "type a unique name and select Create new" from the share.
extension ChangeEngine {
    mutating func linkNewOrg(_ share: String, name: String, id: String?, until: String?) throws(ChangeRefusal) {
        _ = try shareIndex(share)
        let orgID = try Naming.id(id, from: name, what: "org")
        try createOrg(name: name, id: id)
        try link(share, org: orgID, until: until)
        note(
            "created org \(orgID) (\(name.trimmingCharacters(in: .whitespaces))) and linked it to \(share); invite its first super admin with `roster member invite \(orgID) EMAIL --first F --last L --role super-admin`"
        )
    }
}
