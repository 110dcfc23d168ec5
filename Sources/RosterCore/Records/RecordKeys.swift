/// The fields of each record kind, in canonical order. The decoder accepts exactly these keys
/// and the encoder writes them in this order; the JSON Schemas in `schemas/` list the same.
public enum RecordKeys {
    public static let marketplace = [
        "$schema", "schemaVersion", "provider", "admins", "registration", "guards", "portal", "notifications", "invitations",
    ]
    public static let provider = ["name"]
    public static let registrationSettings = ["enabled", "autoApprove"]
    public static let guards = ["maxRemovalFraction", "minSuperAdmins"]
    public static let portal = ["title", "baseURL", "showEmails", "editURL"]
    public static let notifications = ["sender", "adminRecipients"]
    public static let invitations = ["expireAfterDays"]
    /// An entry of `admins` written as an object, to give the admin a git-host handle.
    public static let admin = ["email", "handle"]

    public static let org = [
        "$schema", "schemaVersion", "id", "name", "status", "createdAt", "until", "statusChangedAt", "statusChangedBy", "registration", "members",
        "teams", "apps",
    ]
    public static let registration = ["requestedBy", "requestedAt", "decision", "decidedBy", "decidedAt", "reason"]
    public static let membership = ["email", "handle", "firstName", "lastName", "role", "state", "invitedAt", "invitedBy", "expiresAt", "acceptedAt"]
    public static let team = ["id", "name", "default", "members"]
    public static let app = ["id", "name", "description", "team", "visibility", "shares", "createdBy", "createdAt"]

    public static let share = ["$schema", "schemaVersion", "id", "name", "description", "consumers"]
    public static let shareLink = ["org", "since", "until"]
}

/// The version of the record format this build reads and writes.
public let currentSchemaVersion = 1
