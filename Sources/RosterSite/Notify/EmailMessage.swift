import Foundation
import RosterCore
import RosterTemplates

/// An RFC 5322 message with a plain-text and an HTML part (MIME, UTF-8, base64), built the same
/// way every time from the same inputs, so a re-run writes the same bytes.
public struct EmailMessage: Sendable, Equatable {
    public var messageID: String
    /// `<template>-<org>-<fingerprint>.eml`: made of a template name, a validated id and
    /// hexadecimal digits only, never of other record text.
    public var fileName: String
    /// The address the message is for (a validated e-mail), for messages about a failed send.
    public var recipient: String
    public var bytes: [UInt8]

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Renders `n` with the templates `emails/<template>` and `emails/layout.html`. The Date is
    /// when the event happened, if the records say, else `date` (the head commit's).
    public static func compose(_ n: PlannedEmail, templates: TemplateSet, from sender: String, date: String) throws(Failure) -> EmailMessage {
        guard templates.library["emails/" + n.template] != nil else {
            throw Failure(description: "site-templates/emails/\(n.template).mustache is missing")
        }
        // Record text is put on one line: a line break in a name must not end the Subject line.
        var context = n.values.mapValues { TemplateValue.string(EmailHeader.singleLine($0)) }
        context["recipientName"] = .string(EmailHeader.singleLine(n.recipientName))
        context["recipient"] = .string(n.recipient)
        let text = String(decoding: templates.renderText(context, template: "emails/" + n.template), as: UTF8.self)
        guard text.hasPrefix("Subject: "), let newline = text.firstIndex(of: "\n") else {
            throw Failure(description: "site-templates/emails/\(n.template).mustache:1:1: the first line must be `Subject: ...`")
        }
        let subject = String(text[text.index(text.startIndex, offsetBy: 9)..<newline]).trimmingCharacters(in: .whitespaces)
        let body = String(text[text.index(after: newline)...]).trimmingCharacters(in: .newlines) + "\n"
        // Only the URLs roster made (from the settings) become links, never record text.
        let links = n.values.filter { $0.key.hasSuffix("URL") }.map { EmailHeader.singleLine($0.value) }
        let paragraphs = EmailHTML.paragraphs(body, links: links)
        let html =
            templates.library["emails/layout.html"] != nil
            ? String(
                decoding: templates.render(
                    ["subject": .string(subject), "paragraphs": paragraphs, "provider": context["provider"] ?? .string("")],
                    template: "emails/layout.html"), as: UTF8.self)
            : "<pre>\(body)</pre>"

        let id = n.fingerprint
        let domain = sender.split(separator: "@").last.map(String.init) ?? "roster.invalid"
        let messageID = "<roster-\(id)@\(domain)>"
        let boundary = "roster-\(id)"
        let when = n.time.flatMap { ISO8601DateFormatter().date(from: $0) == nil ? nil : $0 } ?? date
        var out = ""
        out += EmailHeader.field("From", EmailHeader.mailbox("", sender))
        out += EmailHeader.field("To", EmailHeader.mailbox(n.recipientName == n.recipient ? "" : n.recipientName, n.recipient))
        out += EmailHeader.field("Subject", EmailHeader.unstructured(subject))
        out += "Date: \(rfc5322Date(when))\r\n"
        out += "Message-ID: \(messageID)\r\n"
        out += "MIME-Version: 1.0\r\n"
        out += "X-Roster-Event: \(n.event.kind.rawValue)\r\n"
        out += "Content-Type: multipart/alternative; boundary=\"\(boundary)\"\r\n\r\n"
        for (type, content) in [("text/plain", body), ("text/html", html)] {
            out += "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            out += base64Lines(Data(content.utf8)) + "\r\n"
        }
        out += "--\(boundary)--\r\n"
        let org = n.event.org.flatMap { Formats.isValidID($0) ? "-" + $0 : nil } ?? ""
        return EmailMessage(
            messageID: messageID, fileName: "\(n.template)\(org)-\(id.prefix(16)).eml", recipient: n.recipient, bytes: Array(out.utf8))
    }

    static func base64Lines(_ data: Data) -> String {
        let text = data.base64EncodedString()
        var lines: [Substring] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return lines.joined(separator: "\r\n")
    }

    /// An RFC 3339 timestamp as an RFC 5322 date, in UTC.
    static func rfc5322Date(_ timestamp: String) -> String {
        let parser = ISO8601DateFormatter()
        let date = parser.date(from: timestamp) ?? Date(timeIntervalSince1970: 0)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

extension TemplateSet {
    /// Text templates (e-mails) are rendered without HTML escaping of values.
    func renderText(_ context: [String: TemplateValue], template: String) -> [UInt8] {
        render(context, template: template, escape: false)
    }
}
