import Foundation
import Testing
@testable import RosterCore
@testable import RosterSite
@testable import RosterTemplates

/// One planned e-mail composed into an RFC 5322 message with the project's own templates, in
/// process (Python's `email` parser reads the same messages in RosterEndToEndTests).
@Suite struct EmailMessageTests {
    func removal(name: String = "Bob Baker", org: String = "acme") -> PlannedEmail {
        PlannedEmail(
            template: "member-removed", recipient: "bob@acme.example", recipientName: name,
            event: ChangeEvent(.memberRemoved, path: "data/orgs/\(org).json", org: org, email: "bob@acme.example"),
            values: ["org": "Acme", "provider": "Umbrella Data"],
            identity: NotificationIdentity(parts: ["fixed"], time: "2026-11-20T10:00:00Z"))
    }

    func compose(_ n: PlannedEmail) throws -> (EmailMessage, String) {
        let templates = try TemplateSet.load(directory: packageRoot.path + "/site-templates", required: [])
        let message = try EmailMessage.compose(n, templates: templates, from: "roster@provider.example", date: "2026-11-23T00:00:00Z")
        return (message, String(decoding: message.bytes, as: UTF8.self))
    }

    @Test func headersComeFromTheTemplateTheFactAndTheSender() throws {
        let (message, text) = try compose(removal())
        let fingerprint = removal().fingerprint
        #expect(fingerprint.count == 32)
        #expect(message.messageID == "<roster-\(fingerprint)@provider.example>")
        #expect(message.fileName == "member-removed-acme-\(fingerprint.prefix(16)).eml")
        #expect(message.recipient == "bob@acme.example")
        let head = try #require(text.components(separatedBy: "\r\n\r\n").first)
        #expect(
            head.components(separatedBy: "\r\n") == [
                "From: roster@provider.example", "To: Bob Baker <bob@acme.example>", "Subject: You were removed from Acme",
                "Date: Fri, 20 Nov 2026 10:00:00 +0000", "Message-ID: \(message.messageID)", "MIME-Version: 1.0",
                "X-Roster-Event: member.removed", "Content-Type: multipart/alternative; boundary=\"roster-\(fingerprint)\"",
            ])
    }

    @Test func theSameFactGivesTheSameBytes() throws {
        #expect(try compose(removal()).0 == compose(removal()).0)
    }

    @Test func aLineBreakInARecordNameCannotAddAHeader() throws {
        let (_, text) = try compose(removal(name: "Bob\r\nBcc: victim@evil.example"))
        let head = try #require(text.components(separatedBy: "\r\n\r\n").first)
        #expect(!head.components(separatedBy: "\r\n").contains { $0.hasPrefix("Bcc:") })
    }

    @Test func anOrgThatIsNotAValidIdStaysOutOfTheFileName() throws {
        let (message, _) = try compose(removal(org: "../../etc"))
        #expect(message.fileName == "member-removed-\(removal().fingerprint.prefix(16)).eml")
    }

    @Test func aMissingTemplateIsNamed() throws {
        var n = removal()
        n.template = "no-such-mail"
        let templates = try TemplateSet.load(directory: packageRoot.path + "/site-templates", required: [])
        #expect(throws: EmailMessage.Failure.self) {
            try EmailMessage.compose(n, templates: templates, from: "roster@provider.example", date: "2026-11-23T00:00:00Z")
        }
    }
}
