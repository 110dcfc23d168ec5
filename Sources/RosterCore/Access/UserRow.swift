/// A member of an org (a user of the export).
struct UserRow {
    var base = ExportArena.unset
    var email = ExportText(), firstName = ExportText(), lastName = ExportText()
    /// The value of `"teams"` in access.json.
    var teams = ExportText()
    /// Indices of the org (in the snapshot and in ``ExportRows/orgs``) and of the member.
    var org: Int32 = 0, member: Int32 = 0
    var role = Role.teamMember
    var active = false
    var plainEmail = false
}
