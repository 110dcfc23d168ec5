import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// HTTP to one SCIM service provider, through AsyncHTTPClient (SwiftNIO): it sleeps in epoll
/// while the server thinks, where FoundationNetworking's URLSession (libcurl driven by
/// libdispatch) kept a core busy waking itself. TLS certificates are verified against the
/// system's trust store (AsyncHTTPClient's default; nothing here turns it off). Sends the bearer
/// token on every request and nowhere else, refuses redirects (which could carry the token
/// elsewhere), and retries 429 and 5xx answers and transport failures with exponential backoff,
/// honouring `Retry-After`.
public final class SCIMTransport: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var body: Data
    }

    /// One answer as it came: status, headers (for `Retry-After` and `Location`) and body.
    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
    }

    let base: URL
    let token: String
    let client: HTTPClient
    let attempts: Int
    let firstDelay: Double
    /// How long one attempt may take in all (as URLSession's resource timeout did); the
    /// client's read timeout bounds each silence within it.
    let attemptDeadline: TimeAmount
    /// The longest wait a `Retry-After` may impose.
    static let maxRetryAfter = 60.0
    /// The largest answer read (a page of 500 users is well under 1 MB).
    static let maxBody = 64 << 20
    /// After it, no request is sent, and none again.
    public let deadline: SyncDeadline

    /// Runs `body` with a transport whose one HTTP client lives exactly as long as `body`: it is
    /// shut down on every path, so no connection or event loop task outlives the sync.
    public static func with<T>(
        base: URL, token: String, timeout: Double = 30, concurrency: Int = 8, attempts: Int = 4, firstDelay: Double = 0.25,
        proxy: SCIMProxy? = nil, deadline: SyncDeadline = .none, _ body: (SCIMTransport) async -> T
    ) async -> T {
        let transport = SCIMTransport(
            base: base, token: token, timeout: timeout, concurrency: concurrency, attempts: attempts, firstDelay: firstDelay,
            proxy: proxy, deadline: deadline)
        let result = await body(transport)
        // Shutting down can only fail when already shut down, which nothing else here does.
        try? await transport.client.shutdown()
        return result
    }

    init(
        base: URL, token: String, timeout: Double, concurrency: Int, attempts: Int, firstDelay: Double, proxy: SCIMProxy?,
        deadline: SyncDeadline = .none
    ) {
        self.base = base
        self.deadline = deadline
        self.token = token
        self.attempts = attempts
        self.firstDelay = firstDelay
        let wait = TimeAmount.nanoseconds(Int64(timeout * 1_000_000_000))
        attemptDeadline = .nanoseconds(wait.nanoseconds * Int64(attempts))
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: wait, read: wait),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency))
        // A refused connection fails the attempt at once; send's own backoff decides what next
        // (the client's retrying would hold a down server's request until the connect timeout).
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.proxy = proxy?.configuration
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends one request to `path`, relative to the base URL and percent-encoded (see
    /// ``SCIMPath``); `resource` names what it is about in errors. Statuses other than 2xx
    /// end in an error carrying the server's `detail`. With `recover`, a request that got a 5xx
    /// or no answer at all is not sent again before `recover` has looked at the server: when it
    /// finds what the request meant to make (the server made it, then failed to say so), its
    /// answer is taken as the request's. So a POST retried never creates a resource twice.
    /// Past the ``deadline`` nothing is sent, and a failure whose retry would start after it is
    /// final.
    public func send(
        _ method: String, _ path: String, query: [URLQueryItem] = [], body: Data? = nil, resource: String,
        recover: (@Sendable () async -> Response?)? = nil
    ) async throws(SCIMError) -> Response {
        // `path` is already a URL path (``SCIMPath`` encodes ids): appending it as a path
        // component would encode its `%` again.
        var components = URLComponents(string: base.absoluteString + "/" + path)!
        if !query.isEmpty { components.queryItems = query }
        var request = HTTPClientRequest(url: components.url!.absoluteString)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/scim+json")
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
            request.headers.add(name: "Content-Type", value: "application/scim+json")
        }
        var attempt = 0
        while true {
            attempt += 1
            if deadline.hasPassed {
                throw SCIMError(resource: resource, status: nil, detail: "not sent: \(deadline.name) passed", isFinal: true)
            }
            switch await perform(request, resource: resource) {
            case .success(let answer):
                let status = answer.status
                if (200..<300).contains(status) { return Response(status: status, body: answer.body) }
                // A retried DELETE that finds nothing: the earlier attempt deleted it and its
                // answer was lost. Gone is what was asked.
                if method == "DELETE", status == 404, attempt > 1 { return Response(status: 204, body: Data()) }
                let retryable = status == 429 || (500..<600).contains(status)
                if !retryable || attempt >= attempts {
                    throw SCIMError(resource: resource, status: status, detail: Self.detail(answer))
                }
                let wait = Self.retryAfter(answer.headers) ?? backoff(attempt)
                guard deadline.allows(wait) else {
                    throw SCIMError(resource: resource, status: status, detail: Self.detail(answer) + notRetried)
                }
                await pause(wait)
                if status != 429, let recover, let found = await recover() { return found }
            case .failure(var error):
                if attempt >= attempts || error.isFinal { throw error }
                guard deadline.allows(backoff(attempt)) else {
                    error.detail += notRetried
                    throw error
                }
                await pause(backoff(attempt))
                if let recover, let found = await recover() { return found }
            }
        }
    }

    func perform(_ request: HTTPClientRequest, resource: String) async -> Result<Answer, SCIMError> {
        do {
            let response = try await client.execute(request, timeout: attemptDeadline)
            let body = try await response.body.collect(upTo: Self.maxBody)
            return .success(Answer(status: Int(response.status.code), headers: response.headers, body: Data(body.readableBytesView)))
        } catch {
            let reason = SCIMError.reason(error)
            var failure = SCIMError(resource: resource, status: nil, detail: "cannot reach \(base.absoluteString): \(reason)")
            failure.isFinal = reason.contains(SCIMError.untrustedCertificate)
            return .failure(failure)
        }
    }

    /// Said of a failure not retried because the retry would start after the deadline.
    var notRetried: String { " (not retried: \(deadline.name) comes first)" }

    func backoff(_ attempt: Int) -> Double { firstDelay * Double(1 << min(attempt - 1, 6)) }

    func pause(_ seconds: Double) async {
        try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }

    /// `Retry-After` as seconds or as an HTTP date, capped.
    static func retryAfter(_ headers: HTTPHeaders) -> Double? {
        guard let text = headers.first(name: "Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(text), seconds >= 0 { return min(seconds, maxRetryAfter) }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "GMT")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = format.date(from: text) else { return nil }
        return min(max(0, date.timeIntervalSinceNow), maxRetryAfter)
    }

    /// The most of a server's `detail` or `scimType` an error quotes: one failure per change is
    /// printed, and a server must not fill a CI log with megabytes per line.
    static let maxDetail = 300

    /// The SCIM error's `detail` (and `scimType`), else the start of the body, else the status text.
    static func detail(_ answer: Answer) -> String {
        if let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any], let detail = object["detail"] as? String {
            return (object["scimType"] as? String).map { "\(clipped($0)): \(clipped(detail))" } ?? clipped(detail)
        }
        if answer.status >= 300 && answer.status < 400 {
            return
                "redirected to \(clipped(answer.headers.first(name: "Location") ?? "?")); give that URL with --scim (roster does not follow redirects)"
        }
        let text = String(decoding: answer.body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // Lower case, as URLSession's status texts were.
        return text.isEmpty ? HTTPResponseStatus(statusCode: answer.status).reasonPhrase.lowercased() : text
    }

    static func clipped(_ text: String) -> String {
        guard text.utf8.count > maxDetail else { return text }
        let head = text.prefix(maxDetail)
        return head.utf8.count == text.utf8.count ? text : head + "... (\(text.utf8.count) bytes)"
    }
}
