/// A SCIM group: one per org (`team` -1) and one per team.
struct GroupRow {
    var base = ExportArena.unset
    var externalId = ExportText(), id = ExportText(), displayName = ExportText()
    /// The indices (`Int32`) in ``ExportRows/users`` of its active users, sorted by e-mail.
    var members = ExportText()
    var org: Int32 = 0, team: Int32 = -1
    var plainKey = false
}
