/// One e-mail a change calls for: which template, to whom, with what values.
public struct PlannedEmail: Sendable, Equatable {
    public var template: String
    public var recipient: String
    public var recipientName: String
    public var event: ChangeEvent
    public var values: [String: String]
    /// The fact this e-mail tells of; the same fact gives the same Message-ID on every run.
    var identity: NotificationIdentity

    /// 32 hexadecimal digits that name the fact, the same on every run: the Message-ID's and
    /// the file name's.
    public var fingerprint: String { identity.fingerprint }

    /// When the fact happened, if the records say (RFC 3339): the message's Date.
    public var time: String? { identity.time }
}
