import Foundation

/// The path, relative to the service provider's base URL, of one resource the server named by
/// its `id`. The id comes from the server: put into a URL as it is, `..` would address the
/// collection or another endpoint, and `/`, `?`, `#`, `%` or a space another resource. So the id
/// is one path segment, every character but the unreserved ones (RFC 3986 section 2.3)
/// percent-encoded, and an id no segment can carry (empty, `.`, `..`, or holding a control
/// character) is refused: nothing is sent for that resource.
enum SCIMPath {
    /// `endpoint/<id>`; `resource` names the change in the error.
    static func resource(_ endpoint: String, id: String, for resource: String) throws(SCIMError) -> String {
        if let problem = problem(id) {
            throw SCIMError(
                resource: resource, status: nil,
                detail: "the server gave it the id \"\(id)\", \(problem), which cannot name one resource in a URL; nothing was sent for it")
        }
        return endpoint + "/" + segment(id)
    }

    /// Why `id` cannot be a path segment, or nil when it can.
    static func problem(_ id: String) -> String? {
        if id.isEmpty { return "an empty one" }
        if id == "." || id == ".." { return "a dot segment" }
        if id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return "holding a control character" }
        return nil
    }

    /// `id` with everything but the unreserved characters percent-encoded (UTF-8).
    static func segment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: unreserved)!
    }

    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
