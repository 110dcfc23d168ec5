/// `scim/Users.json` and `scim/Groups.json`: RFC 7644 section 3.4.2 ListResponses holding every
/// resource on one page, streamed into bytes. Each resource has the shape of
/// ``SCIMDocuments/user(_:id:userType:)`` and ``SCIMDocuments/group(_:id:memberID:)`` (what the
/// sync sends), with its id in the export: a user's e-mail, a group's ``SCIMDocuments/exportID(group:)``.
enum SCIMExport {
    /// Every user, sorted by e-mail.
    static func users(_ model: AccessModel) -> [[UInt8]] {
        // One String per entitlement, made once, not once per user.
        var names: [String: String] = [:]
        for org in model.orgs { for share in org.shares where names[share] == nil { names[share] = SCIMDocuments.entitlement(share) } }
        let entitlements = names
        return list(model.users.count) { doc in doc.elements(of: model.users) { s, u in user(&s, u, entitlements) } }
    }

    /// Every org and team group, sorted by external id.
    static func groups(_ model: AccessModel) -> [[UInt8]] {
        let groups = model.groups
        return list(groups.count) { doc in doc.elements(of: groups) { s, g in group(&s, g) } }
    }

    /// A ListResponse of `count` resources, which `resources` writes.
    static func list(_ count: Int, _ resources: (inout PiecewiseDocument) -> Void) -> [[UInt8]] {
        var doc = PiecewiseDocument()
        doc.stream.beginObject()
        doc.stream.key("schemas")
        doc.stream.beginArray()
        doc.stream.string(SCIMDocuments.listSchema)
        doc.stream.endArray()
        doc.stream.field("totalResults", count)
        doc.stream.field("startIndex", 1)
        doc.stream.field("itemsPerPage", count)
        doc.stream.key("Resources")
        doc.stream.beginArray()
        resources(&doc)
        doc.stream.endArray()
        doc.stream.endObject()
        return doc.finish()
    }

    static func user(_ s: inout JSONStream, _ u: UnsafePointer<AccessModel.User>, _ entitlements: [String: String]) {
        s.beginObject()
        s.key("schemas")
        s.beginArray()
        s.string(SCIMDocuments.userSchema)
        s.string(SCIMDocuments.enterpriseSchema)
        s.endArray()
        s.field("id", u.pointee.email)
        s.field("externalId", u.pointee.email)
        s.field("userName", u.pointee.email)
        s.key("name")
        s.beginObject()
        s.field("givenName", u.pointee.firstName)
        s.field("familyName", u.pointee.lastName)
        s.endObject()
        s.key("active"); s.bool(u.pointee.active)
        s.key("emails")
        s.beginArray()
        s.beginObject()
        s.field("value", u.pointee.email)
        s.field("type", "work")
        s.key("primary"); s.bool(true)
        s.endObject()
        s.endArray()
        s.key("roles")
        s.beginArray()
        s.beginObject()
        s.field("value", u.pointee.role.rawValue)
        s.endObject()
        s.endArray()
        s.key("entitlements")
        s.beginArray()
        for share in u.pointee.shares {
            s.beginObject()
            s.field("value", entitlements[share] ?? SCIMDocuments.entitlement(share))
            s.endObject()
        }
        s.endArray()
        s.key(SCIMDocuments.enterpriseSchema)
        s.beginObject()
        s.field("organization", u.pointee.orgName)
        s.endObject()
        s.endObject()
    }

    static func group(_ s: inout JSONStream, _ g: UnsafePointer<AccessModel.Group>) {
        s.beginObject()
        s.key("schemas")
        s.beginArray()
        s.string(SCIMDocuments.groupSchema)
        s.endArray()
        s.field("id", SCIMDocuments.exportID(group: g.pointee.externalId))
        s.field("externalId", g.pointee.externalId)
        s.field("displayName", g.pointee.displayName)
        s.key("members")
        s.beginArray()
        for email in g.pointee.members {
            s.beginObject()
            s.field("value", email)
            s.field("display", email)
            s.endObject()
        }
        s.endArray()
        s.endObject()
    }
}
