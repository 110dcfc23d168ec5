/// What the preview server decides before it touches the disk: which methods, hosts and paths
/// it answers. Pure functions, so every refusal is tested without a network.
public enum RequestGate {
    public enum PathDecision: Equatable, Sendable {
        /// A file path relative to the output folder.
        case file(String)
        case refused
    }

    /// The decoded, checked path of a request target. Percent-encoding is decoded once; what is
    /// left encoded (`%252e` was `%2e` encoded again), backslashes, NUL, `..`, `.`, empty
    /// segments and dot files are refused, however they were spelled.
    public static func path(_ target: String) -> PathDecision {
        let raw = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard raw.hasPrefix("/"), let decoded = percentDecoded(raw), !decoded.contains("%"),
            !decoded.contains("\\"), !decoded.contains("\0")
        else { return .refused }
        var segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let folder = segments.last == ""
        if folder { segments.removeLast() }
        for segment in segments where segment.isEmpty || segment.hasPrefix(".") { return .refused }
        if segments.isEmpty { return .file("index.html") }
        return .file(segments.joined(separator: "/") + (folder ? "/index.html" : ""))
    }

    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var u = Array(text.utf8)[...]
        while let b = u.first {
            u = u.dropFirst()
            if b == 0x25 {
                guard u.count >= 2, let hi = hex(u[u.startIndex]), let lo = hex(u[u.startIndex + 1]) else { return nil }
                bytes.append(hi << 4 | lo)
                u = u.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }

    /// What the Host check says of a request.
    public enum HostDecision: Equatable, Sendable {
        case allowed
        /// No Host header, or more than one (RFC 9112 section 3.2: answer 400).
        case badRequest
        /// The Host header or the target's authority names another server.
        case misdirected
    }

    /// Where the preview's channel puts a request target that is not a path; what a client sends
    /// under this name is removed first.
    public static let rawTargetHeader = "Roster-Request-Target"

    /// The request must name this server, exactly once (protection against DNS rebinding): one
    /// Host header, allowed by ``hostAllowed(_:boundHost:port:)``; and a target that is not a
    /// path must be `http://` with an allowed authority too. Both are checked: an origin server
    /// would take the target's authority over the Host header (RFC 9112 section 3.2.2), so a
    /// request that says two things is refused whichever one it means.
    public static func hostDecision(hosts: [String], rawTarget: String?, boundHost: String, port: Int) -> HostDecision {
        guard hosts.count == 1 else { return .badRequest }
        guard hostAllowed(hosts[0], boundHost: boundHost, port: port) else { return .misdirected }
        guard let rawTarget, !rawTarget.hasPrefix("/") else { return .allowed }
        guard let authority = authority(ofAbsoluteTarget: rawTarget), hostAllowed(authority, boundHost: boundHost, port: port) else {
            return .misdirected
        }
        return .allowed
    }

    /// `host:port` of `http://host:port/path?query`; nil for any other form or scheme.
    static func authority(ofAbsoluteTarget target: String) -> String? {
        guard target.lowercased().hasPrefix("http://") else { return nil }
        let authority = target.dropFirst(7).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return authority.isEmpty ? nil : String(authority)
    }

    /// The Host header must name this server (protection against DNS rebinding).
    public static func hostAllowed(_ host: String?, boundHost: String, port: Int) -> Bool {
        guard let host = host?.lowercased() else { return false }
        let names = Set(["127.0.0.1", "localhost", "[::1]", boundHost.lowercased()])
        return names.contains { host == "\($0):\(port)" } || (port == 80 && names.contains(host))
    }

    /// The reload endpoint answers pages of this server only: no Origin (same-origin
    /// EventSource requests may omit it) or this server's own origin.
    public static func originAllowed(_ origin: String?, boundHost: String, port: Int) -> Bool {
        guard let origin else { return true }
        guard origin.hasPrefix("http://") else { return false }
        return hostAllowed(String(origin.dropFirst(7)), boundHost: boundHost, port: port)
    }

    /// Whether a browser may load this request into a page, from its Fetch Metadata headers
    /// (`Sec-Fetch-Site`, `-Mode`, `-Dest`). The Host check does not see a page of another
    /// site that loads the preview's files: the browser names the preview itself. The portal's
    /// `search/*.js` files call a global function with the records (org and people's names), so
    /// `<script src="http://127.0.0.1:8000/search/rows-0.js">` on any site the user visits would
    /// read them. A page of another site (or of another port of localhost: same-site) may only
    /// open the preview in a window or frame, which it cannot read. A request without these
    /// headers (curl, an older browser) is allowed; the `Cross-Origin-Resource-Policy` of every
    /// answer covers browsers that block by that instead.
    public static func fetchAllowed(site: String?, mode: String?, destination: String?) -> Bool {
        guard let site = site?.lowercased(), site == "cross-site" || site == "same-site" else { return true }
        return mode?.lowercased() == "navigate" && !["object", "embed"].contains(destination?.lowercased() ?? "")
    }

    public static func contentType(_ path: String) -> String {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "ico": "image/x-icon"
        case "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
