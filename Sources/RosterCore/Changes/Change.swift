/// One change to the records: a verb of `roster` with its arguments. The CLI verbs and the
/// entries of a `roster apply` batch both become operations, so both go through the same rules.
public enum Change: Sendable, Equatable {
    case orgCreate(name: String, id: String?)
    case orgRename(org: String, name: String)
    case orgEnable(org: String)
    case orgDisable(org: String)
    case orgDelete(org: String, confirm: String)
    case orgRegister(name: String, id: String?, email: String, first: String, last: String, handle: String? = nil)
    case orgApprove(org: String, name: String?)
    case orgReject(org: String, reason: String)
    case memberInvite(org: String, email: String, first: String, last: String, role: Role, team: String?, handle: String? = nil)
    case memberRemove(org: String, email: String)
    case memberSetRole(org: String, email: String, role: Role)
    case memberEdit(org: String, email: String, first: String?, last: String?, handle: String? = nil)
    case memberActivate(org: String, email: String)
    case teamCreate(org: String, name: String, id: String?)
    case teamDelete(org: String, team: String)
    case teamAdd(org: String, team: String, email: String)
    case teamRemove(org: String, team: String, email: String)
    case shareCreate(name: String, id: String?, description: String?)
    case shareDelete(share: String)
    case shareAddOrg(share: String, org: String, until: String?)
    case shareRemoveOrg(share: String, org: String)
    case memberResend(org: String, email: String)
    case settingsSet(key: String, value: String)
    /// `share add-org SHARE --new-org NAME`: creates the org and links it, one change.
    case shareAddNewOrg(share: String, name: String, id: String?, until: String?)
    /// The org's end date; nil clears it.
    case orgSetUntil(org: String, until: String?)
    case appCreate(org: String, name: String, id: String?, team: String, shares: [String], visibility: AppVisibility, description: String?)
    case appDelete(org: String, app: String)
    case appAddShare(org: String, app: String, share: String)
    case appRemoveShare(org: String, app: String, share: String)

    /// The verb as `roster apply` names it: `org.create`, `member.invite`, ...
    public var name: String {
        switch self {
        case .orgCreate: "org.create"
        case .orgRename: "org.rename"
        case .orgEnable: "org.enable"
        case .orgDisable: "org.disable"
        case .orgDelete: "org.delete"
        case .orgRegister: "org.register"
        case .orgApprove: "org.approve"
        case .orgReject: "org.reject"
        case .memberInvite: "member.invite"
        case .memberRemove: "member.remove"
        case .memberSetRole: "member.set-role"
        case .memberEdit: "member.edit"
        case .memberActivate: "member.activate"
        case .teamCreate: "team.create"
        case .teamDelete: "team.delete"
        case .teamAdd: "team.add"
        case .teamRemove: "team.remove"
        case .shareCreate: "share.create"
        case .shareDelete: "share.delete"
        case .shareAddOrg: "share.add-org"
        case .shareRemoveOrg: "share.remove-org"
        case .memberResend: "member.resend"
        case .settingsSet: "settings.set"
        case .shareAddNewOrg: "share.add-org"
        case .orgSetUntil: "org.set-until"
        case .appCreate: "app.create"
        case .appDelete: "app.delete"
        case .appAddShare: "app.add-share"
        case .appRemoveShare: "app.remove-share"
        }
    }

    /// Every operation's name, from ``Operation/all``.
    public static let allNames = Operation.all.map(\.name)

    /// Whether the operation records who did it (and so needs `--actor`).
    public var recordsActor: Bool {
        switch self {
        case .orgEnable, .orgDisable, .orgApprove, .orgReject, .memberInvite, .memberResend, .appCreate: true
        default: false
        }
    }
}
