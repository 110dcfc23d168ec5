import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Answers every redirect with "do not follow", so the bearer token never travels to another URL.
final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
