import AsyncHTTPClient
import Foundation

/// The HTTP proxy the environment names for an https service provider, read as curl reads it
/// (and so as roster did while it used URLSession): `https_proxy` or `HTTPS_PROXY`, unless
/// `no_proxy` or `NO_PROXY` lists the host, a domain it is in, or `*`. The tunnel is a
/// `CONNECT`: TLS still runs from roster to the service provider, so the proxy sees neither the
/// token nor the records. A plain-http endpoint (loopback only) never goes through a proxy: the
/// token would cross the network in clear text. Credentials in the proxy's URL become its Basic
/// authorization; like the token, they come from the environment only and are never printed.
public struct SCIMProxy: Sendable, Equatable {
    public var host: String
    public var port: Int
    var username: String?
    var password: String?

    /// A proxy setting roster cannot use; says which variable, never its value (it may hold a password).
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    public static func from(environment: [String: String], for endpoint: URL) throws(Problem) -> SCIMProxy? {
        guard endpoint.scheme?.lowercased() == "https", let host = endpoint.host?.lowercased() else { return nil }
        let named = ["https_proxy", "HTTPS_PROXY"].first { !(environment[$0] ?? "").isEmpty }
        guard let named, let value = environment[named] else { return nil }
        let exempt = environment["no_proxy"] ?? environment["NO_PROXY"] ?? ""
        if exempts(exempt, host: host) { return nil }
        return try parse(value, variable: named)
    }

    /// Whether a `no_proxy` list names `host`: `*`, the host itself, or a domain it ends in
    /// (`example.com` and `.example.com` both cover `idp.example.com`); a `:port` is ignored.
    static func exempts(_ list: String, host: String) -> Bool {
        for item in list.split(separator: ",") {
            var entry = item.trimmingCharacters(in: .whitespaces).lowercased()
            if entry == "*" { return true }
            if let colon = entry.lastIndex(of: ":"), !entry.contains("]"), entry.firstIndex(of: ":") == colon {
                entry = String(entry[..<colon])
            }
            while entry.hasPrefix(".") { entry.removeFirst() }
            if !entry.isEmpty && (host == entry || host.hasSuffix("." + entry)) { return true }
        }
        return false
    }

    static func parse(_ value: String, variable: String) throws(Problem) -> SCIMProxy {
        let text = value.contains("://") ? value : "http://" + value
        guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw Problem(description: "\(variable) is not a proxy URL (http://[user:password@]host[:port])")
        }
        guard url.scheme?.lowercased() == "http" else {
            throw Problem(description: "\(variable) names a proxy roster cannot use: only http:// proxies (CONNECT) are supported")
        }
        // curl's default proxy port.
        let port = url.port ?? 1080
        guard (1...65535).contains(port) else { throw Problem(description: "\(variable) has a port out of range") }
        return SCIMProxy(host: host, port: port, username: url.user?.removingPercentEncoding, password: url.password?.removingPercentEncoding)
    }

    var configuration: HTTPClient.Configuration.Proxy {
        let authorization = username.map { HTTPClient.Authorization.basic(username: $0, password: password ?? "") }
        return .server(host: host, port: port, authorization: authorization)
    }
}
