public struct PortalSettings: Sendable, Equatable {
    public var title: String?
    public var baseURL: String?
    /// When false (the default), e-mails are shown redacted: `j•••@acme.example`.
    public var showEmails: Bool
    /// A URL prefix that edits a file in the repository; the file's path is appended.
    public var editURL: String?

    public init(title: String? = nil, baseURL: String? = nil, showEmails: Bool = false, editURL: String? = nil) {
        self.title = title
        self.baseURL = baseURL
        self.showEmails = showEmails
        self.editURL = editURL
    }
}
