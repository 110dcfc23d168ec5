import Foundation

/// Checks the `--scim` URL before any request: https, or plain http only to this machine (a
/// token sent in clear over a network could be read on the way).
public enum SCIMEndpoint {
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// The base URL of the service provider, without a trailing slash.
    public static func check(_ text: String) throws(Refusal) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw Refusal(description: "--scim must be an absolute URL such as https://scim.example/v2, not \"\(text)\"")
        }
        guard url.user == nil, url.password == nil else {
            throw Refusal(description: "--scim must not carry credentials; put the token in the environment variable (--token-env)")
        }
        guard url.query == nil, url.fragment == nil else {
            throw Refusal(description: "--scim is the service provider's base URL, without a query or fragment")
        }
        switch scheme {
        case "https": break
        case "http" where isLoopback(host): break
        case "http":
            throw Refusal(
                description:
                    "--scim uses plain http to \(host), which would send the token in clear; use https (http is only for 127.0.0.1, ::1 or localhost)"
            )
        default: throw Refusal(description: "--scim must be an https URL, not \(scheme)")
        }
        var base = url.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base)!
    }

    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" { return true }
        // Each part in plain decimal: the resolver reads "127.0.0.09" as no address at all (a
        // leading zero means octal, and 9 is no octal digit), so it asks DNS for that name.
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0).map(String.init) == String($0) }
    }
}
