/// An org of the export: its fragments, made once, in the block `base` points at.
struct OrgRow {
    var base = ExportArena.unset
    var id = ExportText(), name = ExportText()
    /// The value of `"shares"` in access.json, for the org and each of its active users.
    var shares = ExportText()
    /// The value of `"entitlements"` in scim/Users.json for each of its active users.
    var entitlements = ExportText()
    var status = OrgStatus.pending
    var active = false
    var plainID = false
    /// Index of the org in the snapshot.
    var org: Int32 = 0
}
