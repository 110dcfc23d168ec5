import Foundation
import RosterCore

/// An RFC 5322 message with a plain-text and an HTML part (MIME, UTF-8, base64), built the same
/// way every time from the same inputs, so a re-run writes the same bytes.
public struct EmailMessage: Sendable, Equatable {
    public var messageID: String
    public var fileName: String
    public var bytes: [UInt8]

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Renders `n` with the templates `emails/<template>` and `emails/layout.html`.
    public static func compose(_ n: Notification, templates: TemplateSet, from sender: String, commit: String, date: String) throws(Failure) -> EmailMessage {
        guard templates.library["emails/" + n.template] != nil else {
            throw Failure(description: "site-templates/emails/\(n.template).mustache is missing")
        }
        var context = n.values.mapValues(TemplateValue.string)
        context["recipientName"] = .string(n.recipientName)
        context["recipient"] = .string(n.recipient)
        let text = String(decoding: templates.renderText(context, template: "emails/" + n.template), as: UTF8.self)
        guard text.hasPrefix("Subject: "), let newline = text.firstIndex(of: "\n") else {
            throw Failure(description: "site-templates/emails/\(n.template).mustache:1:1: the first line must be `Subject: ...`")
        }
        let subject = String(text[text.index(text.startIndex, offsetBy: 9)..<newline]).trimmingCharacters(in: .whitespaces)
        let body = String(text[text.index(after: newline)...]).trimmingCharacters(in: .newlines) + "\n"
        let paragraphs = body.components(separatedBy: "\n\n").map { $0.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let html = templates.library["emails/layout.html"] != nil
            ? String(decoding: templates.render(["subject": .string(subject), "paragraphs": .strings(paragraphs), "provider": .string(n.values["provider"] ?? "")], template: "emails/layout.html"), as: UTF8.self)
            : "<pre>\(body)</pre>"

        var hash = FNV1a()
        hash.add(commit)
        hash.add(n.event.key)
        hash.add(n.template)
        hash.add(n.recipient)
        let id = hash.hex
        let domain = sender.split(separator: "@").last.map(String.init) ?? "roster.invalid"
        let messageID = "<roster-\(id)@\(domain)>"
        let boundary = "roster-\(id)"
        var out = ""
        out += "From: \(header(sender))\r\n"
        out += "To: \(header(n.recipientName == n.recipient ? n.recipient : "\(n.recipientName) <\(n.recipient)>"))\r\n"
        out += "Subject: \(header(subject))\r\n"
        out += "Date: \(rfc5322Date(date))\r\n"
        out += "Message-ID: \(messageID)\r\n"
        out += "MIME-Version: 1.0\r\n"
        out += "X-Roster-Event: \(n.event.kind.rawValue)\r\n"
        out += "Content-Type: multipart/alternative; boundary=\"\(boundary)\"\r\n\r\n"
        for (type, content) in [("text/plain", body), ("text/html", html)] {
            out += "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            out += base64Lines(Data(content.utf8)) + "\r\n"
        }
        out += "--\(boundary)--\r\n"
        let slug = n.event.org ?? n.event.share ?? "marketplace"
        return EmailMessage(messageID: messageID, fileName: "\(n.template)-\(slug)-\(id.prefix(12)).eml", bytes: Array(out.utf8))
    }

    /// A header value: ASCII as is (without line breaks), anything else RFC 2047 encoded.
    static func header(_ value: String) -> String {
        let clean = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) { return clean }
        return "=?UTF-8?B?\(Data(clean.utf8).base64EncodedString())?="
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
        library[template]?.render(context, library: library, escape: false) ?? []
    }
}
