/// Apps a team shares (Tyk step 5): each belongs to a team of its org and uses shares the org
/// consumes.
enum AppRules {
    static let all: [Rule] = [
        Rule("app-duplicate", "app ids and names are unique within an org", eachOrg: appDuplicate),
        Rule("app-name", "app names have 2 to 100 characters after trimming", eachOrg: appName),
        Rule("app-team", "an app's team is a team of its org", eachOrg: appTeam),
        Rule("app-share", "an app uses only shares its org consumes, each once", eachOrg: appShare),
        Rule("app-share-window", "an app's shares are within the org's access dates (warning)", eachOrg: appShareWindow),
        Rule("app-inactive", "apps of a disabled or expired org are inactive (warning)", eachOrg: appInactive),
    ]

    static func appDuplicate(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        var ids: Set<String> = [], names: Set<String> = []
        for (a, app) in org.record.apps.enumerated() {
            if !ids.insert(app.id).inserted {
                report.error(org.path, "/apps/\(a)/id", "app id \(Quote.value(app.id)) is used twice in \(Quote.bare(org.record.id))")
            } else if !names.insert(Formats.nameKey(app.name)).inserted {
                report.error(
                    org.path, "/apps/\(a)/name",
                    "app name \(Quote.value(app.name)) is used twice in \(Quote.bare(org.record.id))")
            }
        }
    }

    static func appName(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        for (a, app) in org.record.apps.enumerated() {
            IdentityRules.nameLength(&report, app.name, Limits.appName, org.path, "/apps/\(a)/name", "app")
        }
    }

    static func appTeam(_ org: OrgFile, _: ValidationContext, _ report: inout RuleReport) {
        guard !org.record.apps.isEmpty else { return }  // no set of team ids for an org without apps
        let teams = Set(org.record.teams.map(\.id))
        for (a, app) in org.record.apps.enumerated() where !teams.contains(app.team) {
            report.error(
                org.path, "/apps/\(a)/team",
                "app \(Quote.value(app.id)) belongs to team \(Quote.value(app.team)), which \(Quote.bare(org.record.id)) does not have")
        }
    }

    /// The org's link to each share it consumes, by share id.
    static func links(_ org: OrgRecord, _ c: ValidationContext) -> [String: ShareLink] {
        guard !org.apps.isEmpty else { return [:] }
        var out: [String: ShareLink] = [:]
        for share in c.snapshot.shares {
            if let link = share.record.consumers.first(where: { $0.org == org.id }) { out[share.record.id] = link }
        }
        return out
    }

    static func appShare(_ org: OrgFile, _ c: ValidationContext, _ report: inout RuleReport) {
        let consumed = links(org.record, c)
        for (a, app) in org.record.apps.enumerated() {
            var seen: Set<String> = []
            for (k, share) in app.shares.enumerated() {
                if consumed[share] == nil {
                    report.error(
                        org.path, "/apps/\(a)/shares/\(k)",
                        "app \(Quote.value(app.id)) uses share \(Quote.value(share)), which \(Quote.bare(org.record.id)) does not consume; a provider admin links it first (`roster share add-org`)"
                    )
                } else if !seen.insert(share).inserted {
                    report.error(org.path, "/apps/\(a)/shares/\(k)", "app \(Quote.value(app.id)) lists share \(Quote.value(share)) twice")
                }
            }
        }
    }

    static func appShareWindow(_ org: OrgFile, _ c: ValidationContext, _ report: inout RuleReport) {
        let consumed = links(org.record, c)
        for (a, app) in org.record.apps.enumerated() {
            for (k, share) in app.shares.enumerated() {
                guard let link = consumed[share], !ShareWindow.contains(link, c.options.today) else { continue }
                report.warning(
                    org.path, "/apps/\(a)/shares/\(k)",
                    "app \(Quote.value(app.id)) uses \(Quote.value(share)), but \(Quote.bare(org.record.id))'s access runs from \(link.since)\(link.until.map { " until \($0)" } ?? ""): the app cannot use it today"
                )
            }
        }
    }

    static func appInactive(_ org: OrgFile, _ c: ValidationContext, _ report: inout RuleReport) {
        guard !org.record.apps.isEmpty else { return }
        let r = org.record
        guard !r.isActive(on: c.options.today) else { return }
        let why = r.isExpired(on: c.options.today) ? "expired" : r.status.rawValue
        for (a, app) in r.apps.enumerated() {
            report.warning(
                org.path, "/apps/\(a)",
                "\(Quote.bare(r.id)) is \(why), so its app \(Quote.value(app.id)) is inactive: the gateway must refuse its credentials")
        }
    }
}
