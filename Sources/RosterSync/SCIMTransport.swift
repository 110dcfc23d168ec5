import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// HTTP to one SCIM service provider, through FoundationNetworking's URLSession (libcurl): no
/// package to build, TLS certificates verified by the system's trust store (there is no switch
/// to turn that off). Sends the bearer token on every request and nowhere else, refuses
/// redirects (which could carry the token elsewhere), and retries 429 and 5xx answers and
/// transport failures with exponential backoff, honouring `Retry-After`.
public final class SCIMTransport: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var body: Data
    }

    let base: URL
    let token: String
    let session: URLSession
    let attempts: Int
    let firstDelay: Double
    /// The longest wait a `Retry-After` may impose.
    static let maxRetryAfter = 60.0

    public init(base: URL, token: String, timeout: Double = 30, concurrency: Int = 8, attempts: Int = 4, firstDelay: Double = 0.25) {
        self.base = base
        self.token = token
        self.attempts = attempts
        self.firstDelay = firstDelay
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * Double(attempts)
        configuration.httpMaximumConnectionsPerHost = concurrency
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    /// Sends one request; `resource` names what it is about in errors. Statuses other than 2xx
    /// end in an error carrying the server's `detail`. With `recover`, a request that got a 5xx
    /// or no answer at all is not sent again before `recover` has looked at the server: when it
    /// finds what the request meant to make (the server made it, then failed to say so), its
    /// answer is taken as the request's. So a POST retried never creates a resource twice.
    public func send(
        _ method: String, _ path: String, query: [URLQueryItem] = [], body: Data? = nil, resource: String,
        recover: (@Sendable () async -> Response?)? = nil
    ) async throws(SCIMError) -> Response {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query }
        var request = URLRequest(url: components.url!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/scim+json", forHTTPHeaderField: "Accept")
        if let body {
            request.httpBody = body
            request.setValue("application/scim+json", forHTTPHeaderField: "Content-Type")
        }
        var attempt = 0
        while true {
            attempt += 1
            let outcome: Result<(Data, HTTPURLResponse), SCIMError> = await perform(request, resource: resource)
            switch outcome {
            case .success(let (data, http)):
                let status = http.statusCode
                if (200..<300).contains(status) { return Response(status: status, body: data) }
                // A retried DELETE that finds nothing: the earlier attempt deleted it and its
                // answer was lost. Gone is what was asked.
                if method == "DELETE", status == 404, attempt > 1 { return Response(status: 204, body: Data()) }
                let retryable = status == 429 || (500..<600).contains(status)
                if !retryable || attempt >= attempts {
                    throw SCIMError(resource: resource, status: status, detail: Self.detail(data, http))
                }
                await pause(Self.retryAfter(http) ?? backoff(attempt))
                if status != 429, let recover, let found = await recover() { return found }
            case .failure(let error):
                if attempt >= attempts { throw error }
                await pause(backoff(attempt))
                if let recover, let found = await recover() { return found }
            }
        }
    }

    func perform(_ request: URLRequest, resource: String) async -> Result<(Data, HTTPURLResponse), SCIMError> {
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                return .failure(SCIMError(resource: resource, status: nil, detail: "not an HTTP response"))
            }
            return .success((data, http))
        } catch {
            let reason = (error as? URLError).map { "\($0.localizedDescription) (\($0.code.rawValue))" } ?? "\(error)"
            return .failure(SCIMError(resource: resource, status: nil, detail: "cannot reach \(base.absoluteString): \(reason)"))
        }
    }

    func backoff(_ attempt: Int) -> Double { firstDelay * Double(1 << min(attempt - 1, 6)) }

    func pause(_ seconds: Double) async {
        try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }

    /// `Retry-After` as seconds or as an HTTP date, capped.
    static func retryAfter(_ http: HTTPURLResponse) -> Double? {
        guard let text = http.value(forHTTPHeaderField: "Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(text), seconds >= 0 { return min(seconds, maxRetryAfter) }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "GMT")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = format.date(from: text) else { return nil }
        return min(max(0, date.timeIntervalSinceNow), maxRetryAfter)
    }

    /// The SCIM error's `detail` (and `scimType`), else the start of the body, else the status text.
    static func detail(_ data: Data, _ http: HTTPURLResponse) -> String {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let detail = object["detail"] as? String {
            return (object["scimType"] as? String).map { "\($0): \(detail)" } ?? detail
        }
        if http.statusCode >= 300 && http.statusCode < 400 {
            return "redirected to \(http.value(forHTTPHeaderField: "Location") ?? "?"); give that URL with --scim (roster does not follow redirects)"
        }
        let text = String(decoding: data.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? HTTPURLResponse.localizedString(forStatusCode: http.statusCode) : text
    }
}
