import Hummingbird

/// The ``RequestGate`` in front of every route and file: the request must name this server
/// (Host header and absolute-form target, against DNS rebinding) and use GET or HEAD. Paths
/// are checked where files are read (``OutputFolderMiddleware``): a refused path is answered
/// with the same 404 page as a missing file. A browser's request from a page of another site
/// that is not a navigation is refused (``RequestGate/fetchAllowed(site:mode:destination:)``).
/// Every answer, refusals included, is `no-store` (pages change with each save), `nosniff`
/// and `Cross-Origin-Resource-Policy: same-origin` (no other site's page may embed it).
struct RequestGateMiddleware<Context: RequestContext>: RouterMiddleware {
    let address: ServerAddress

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await decide(request, context: context, next: next)
        response.headers[.cacheControl] = "no-store"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.crossOriginResourcePolicy] = "same-origin"
        return response
    }

    private func decide(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The first Host header is the request's authority; any other stays among the fields.
        let hosts = [request.head.authority].compactMap { $0 } + request.headers.filter { $0.name.canonicalName == "host" }.map(\.value)
        let rawTarget = request.headers.first { $0.name.canonicalName == RequestGate.rawTargetHeader.lowercased() }?.value
        switch RequestGate.hostDecision(hosts: hosts, rawTarget: rawTarget, boundHost: address.host, port: address.port) {
        case .allowed: break
        case .badRequest: return Self.text(.badRequest, "a request needs exactly one Host header\n")
        case .misdirected: return Self.text(.misdirectedRequest, "unknown host: this preview answers only to its own address\n")
        }
        guard request.method == .get || request.method == .head else {
            var response = Self.text(.methodNotAllowed, "roster serve answers GET and HEAD only\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let fetch = { (name: String) in request.headers.first { $0.name.canonicalName == name }?.value }
        guard RequestGate.fetchAllowed(site: fetch("sec-fetch-site"), mode: fetch("sec-fetch-mode"), destination: fetch("sec-fetch-dest"))
        else {
            return Self.text(.forbidden, "another site's page may link to this preview, not load its files\n")
        }
        return try await next(request, context)
    }

    /// A short plain-text refusal.
    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = RequestGate.contentType("refusal.txt")
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
