/// What a SCIM service provider holds, as far as `roster sync` compares it with the records.
public enum SyncState {
    /// The `userType` that marks the users roster created: roster changes no other user, even
    /// one whose `externalId` or `userName` equals a member's e-mail.
    public static let ownerMark = "roster"
    /// Groups roster owns have an `externalId` in roster's namespace: `org:<id>` or `org:<id>/team:<id>`.
    public static let groupPrefix = "org:"

    /// The attributes of a User that roster manages, in a form that compares exactly.
    public struct UserFields: Sendable, Equatable {
        public var userName: String
        public var givenName: String
        public var familyName: String
        public var active: Bool
        public var email: String?
        public var roles: [String]
        /// Sorted.
        public var entitlements: [String]
        public var organization: String?

        public init(
            userName: String, givenName: String, familyName: String, active: Bool, email: String?,
            roles: [String], entitlements: [String], organization: String?
        ) {
            self.userName = userName
            self.givenName = givenName
            self.familyName = familyName
            self.active = active
            self.email = email
            self.roles = roles
            self.entitlements = entitlements.sorted()
            self.organization = organization
        }

        /// The fields the records give a user.
        public init(_ u: AccessModel.User) {
            self.init(
                userName: u.email, givenName: u.firstName, familyName: u.lastName, active: u.active, email: u.email,
                roles: [u.role.rawValue], entitlements: u.shares.map(SCIMDocuments.entitlement), organization: u.orgName)
        }

        /// Names of the SCIM attributes whose values differ from `other`, in a fixed order.
        public func changedAttributes(to other: UserFields) -> [String] {
            var out: [String] = []
            if userName != other.userName { out.append("userName") }
            if givenName != other.givenName || familyName != other.familyName { out.append("name") }
            if active != other.active { out.append("active") }
            if email != other.email { out.append("emails") }
            if roles != other.roles { out.append("roles") }
            if entitlements != other.entitlements { out.append("entitlements") }
            if organization != other.organization { out.append("organization") }
            return out
        }
    }

    /// A User as the server returned it.
    public struct User: Sendable, Equatable {
        public var id: String
        public var externalId: String?
        public var userType: String?
        public var fields: UserFields

        public init(id: String, externalId: String?, userType: String?, fields: UserFields) {
            self.id = id
            self.externalId = externalId
            self.userType = userType
            self.fields = fields
        }

        /// Whether roster created it (and so may change it).
        public var isOwned: Bool { userType == SyncState.ownerMark && externalId != nil }
    }

    /// A Group as the server returned it.
    public struct Group: Sendable, Equatable {
        public var id: String
        public var externalId: String?
        public var displayName: String
        /// Ids of the member resources.
        public var memberIDs: [String]

        public init(id: String, externalId: String?, displayName: String, memberIDs: [String]) {
            self.id = id
            self.externalId = externalId
            self.displayName = displayName
            self.memberIDs = memberIDs
        }

        public var isOwned: Bool { externalId?.hasPrefix(SyncState.groupPrefix) == true }
    }
}
