import Hummingbird
import ServiceLifecycle

/// The preview's routes, in Hummingbird's idiom: the gate in front of everything, the reload
/// stream and the preview's own script and style as routes, the output folder behind them.
enum PreviewRoutes {
    /// A router over the files of `output` that `listed` says a build wrote, answering to
    /// `address`. HEAD is answered by each GET route without its body.
    static func router(
        output: String, state: PreviewState, address: ServerAddress, listed: @escaping @Sendable (String) -> Bool
    ) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        // Middleware applies to the routes added after it, and to requests no route claims.
        router.add(middleware: RequestGateMiddleware(address: address))
        router.add(middleware: OutputFolderMiddleware(output: output, state: state, listed: listed))
        router.get(RouterPath(PreviewAssets.eventsPath)) { request, _ in
            await events(request, state: state, address: address)
        }
        router.get(RouterPath(PreviewAssets.scriptPath)) { _, _ in asset(PreviewAssets.script, PreviewAssets.scriptPath) }
        router.get(RouterPath(PreviewAssets.stylePath)) { _, _ in asset(PreviewAssets.style, PreviewAssets.stylePath) }
        return router
    }

    /// The reload stream of one open page (server-sent events), for pages of this server only.
    static func events(_ request: Request, state: PreviewState, address: ServerAddress) async -> Response {
        guard RequestGate.originAllowed(request.headers[.origin], boundHost: address.host, port: address.port) else {
            return RequestGateMiddleware<BasicRequestContext>.text(.forbidden, "cross-origin requests are refused\n")
        }
        let stream = await state.subscribe()
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                // Open event streams never end by themselves: end them when the server stops, or
                // a graceful shutdown (Ctrl-C) would wait for them forever.
                for await event in stream.cancelOnGracefulShutdown() { try await writer.write(ByteBuffer(string: event)) }
                try await writer.finish(nil)
            })
    }

    /// The preview's script or style, typed by its path.
    static func asset(_ body: String, _ path: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = RequestGate.contentType(path)
        headers[.contentLength] = String(body.utf8.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
