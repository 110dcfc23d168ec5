import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A failed SCIM request: which resource, the HTTP status when there was one, and the server's
/// `detail` (RFC 7644 section 3.12) or the transport's reason.
public struct SCIMError: Error, CustomStringConvertible, Sendable {
    public var resource: String
    public var status: Int?
    public var detail: String

    public var description: String {
        "\(resource): " + (status.map { "HTTP \($0): " } ?? "") + detail
    }
}
