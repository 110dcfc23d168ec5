/// The names the portal's per-record view models (org, share and orgs-list pages, and the
/// frame every page shares) give their values. Those pages are built 10,000 times, so their
/// values are ``TemplateFields`` keyed by these cases instead of string-keyed dictionaries, and
/// a template compiles each name it uses to its case once: looking a name up is then comparing
/// small integers, without hashing. A template may still use any name: one that is not listed
/// here is found only in string-keyed values (the other pages, the e-mails).
public enum TemplateKey: String, Sendable, CaseIterable {
    // The frame of every page and its navigation.
    case root, title, siteTitle, provider, nav, docsNav, label, href, current, badge, extraScript
    // An org, as a row of the orgs list and at the top of its page.
    case id, name, status, statusLabel, teams, users, invitations, hasInvitations, shareCount, shareNames, created, expired, until
    // The org page.
    case org, statusChangedAt, statusChangedBy, hasRegistration, registration, members, hasMembers, teamList, shares, hasShares
    case history, hasHistory, blocker, linkedShares, commands, command, editURL, file, apps, hasApps
    case email, role, roleLabel, state, stateLabel, invitedAt, invitedBy, isDefault, countLabel, since, date, author, subject, hash
    case requestedBy, requestedAt, decision, decidedBy, decidedAt, reason
    case description, team, audience, createdBy, createdAt, inactive
    // The share page.
    case share, consumers, hasConsumers
    // The orgs list.
    case rows, filters, value, count, total, page, pageCount, paged, first, last, pages, previous, next, gap
}
