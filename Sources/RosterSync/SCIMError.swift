import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// A failed SCIM request: which resource, the HTTP status when there was one, and the server's
/// `detail` (RFC 7644 section 3.12) or the transport's reason.
public struct SCIMError: Error, CustomStringConvertible, Sendable {
    public var resource: String
    public var status: Int?
    public var detail: String
    /// A failure that the same request cannot get past by waiting (an untrusted certificate):
    /// sent again, it would only fail again, later.
    var isFinal = false

    init(resource: String, status: Int?, detail: String, isFinal: Bool = false) {
        self.resource = resource
        self.status = status
        self.detail = detail
        self.isFinal = isFinal
    }

    public var description: String {
        "\(resource): " + (status.map { "HTTP \($0): " } ?? "") + detail
    }

    static let untrustedCertificate = "CERTIFICATE_VERIFY_FAILED"

    /// Why a request got no answer, in words (the client's errors describe themselves as code).
    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            let causes = error.connectionErrors.map { reason($0.error) }
            if let dns = error.dnsAError ?? error.dnsAAAAError { return "cannot resolve \(error.host): \(dns)" }
            return Set(causes).sorted().joined(separator: "; ").nonEmpty ?? "cannot connect to \(error.host):\(error.port)"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode))
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout: return "no connection within the timeout"
            case .readTimeout: return "no answer within the timeout (--timeout)"
            case .deadlineExceeded: return "the request took longer than its deadline"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: return "\(error)"
            }
        default:
            // NIOSSL's handshake error names BoringSSL's reason among build paths.
            let text = "\(error)"
            if text.contains(untrustedCertificate) { return "the server's TLS certificate is not trusted (\(untrustedCertificate))" }
            return text
        }
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
