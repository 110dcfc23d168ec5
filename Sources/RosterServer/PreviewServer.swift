import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import RosterCore
import RosterSite

/// `roster serve`: builds the portal into a folder, serves that folder only, rebuilds when
/// data/, content/ or site-templates/ change, and tells open pages to reload.
public struct PreviewServer: Sendable {
    public var root: String
    public var output: String
    public var host: String
    public var port: Int
    public var today: CalendarDate
    /// Also prints each build's steps and their times.
    public var verbose: Bool
    /// Called with lines for the terminal.
    public var log: @Sendable (String) -> Void

    public init(
        root: String, output: String, host: String, port: Int, today: CalendarDate, verbose: Bool = false,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.root = root
        self.output = output
        self.host = host
        self.port = port
        self.today = today
        self.verbose = verbose
        self.log = log
    }

    /// One build of the preview, as the watcher runs it: builds run one at a time, on the
    /// watcher's thread, and changes that arrive meanwhile wait and give one more build. Nothing
    /// written and the same errors: no page reloads.
    static func rebuilder(_ builder: PortalBuilder, state: PreviewState, log: @escaping @Sendable (String) -> Void) -> @Sendable () -> Void {
        let builds = BuildCount()
        return {
            let started = DispatchTime.now()
            let first = builds.next() == 1
            var errors: [String] = []
            var written = 0
            do throws(PortalBuilder.Failure) {
                let report = try builder.build()
                written = report.written + report.removed
            } catch {
                errors = error.description.split(separator: "\n").map(String.init)
            }
            let ms = (DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000
            if errors.isEmpty {
                if first {
                    log("built in \(ms) ms: \(written) file\(written == 1 ? "" : "s") written")
                } else {
                    log(
                        written == 0
                            ? "checked in \(ms) ms: no page changed" : "rebuilt in \(ms) ms: \(written) file\(written == 1 ? "" : "s") changed")
                }
            } else {
                log("build failed; serving the last good site:")
                for line in errors { log("  " + line) }
            }
            let reload = written > 0
            Task { await state.finished(errors: errors, reload: reload) }
            // Written after the reload went out: a later `roster build` into the same folder
            // reads it.
            builder.saveManifest()
        }
    }

    /// Builds once, then serves until SIGINT or SIGTERM.
    public func run() async throws {
        let state = PreviewState()
        let host = host, output = output, log = log
        let verbose = verbose
        let progress: @Sendable (String) -> Void = { line in if verbose { log(line) } }
        let options = PortalBuilder.Options(
            root: root, output: output, today: today, extraScript: PreviewAssets.scriptPath, session: BuildSession(), sitePath: "/")
        var preview = PortalBuilder(options: options, progress: progress)
        preview.allTimings = true
        let builder = preview
        let rebuild = Self.rebuilder(builder, state: state, log: log)
        // The watcher starts before the first build, which runs on its thread: edits saved
        // during the first build (seconds, on a large repository) are not missed.
        let watcher = ChangeWatcher(root: root, folders: ["data", "content", "site-templates"], onChange: rebuild)
        log("building the portal into \(output) ...")
        await withCheckedContinuation { (built: CheckedContinuation<Void, Never>) in
            watcher.start {
                rebuild(); built.resume()
            }
        }

        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await Self.respond(request, state: state, output: output, host: host)
        }
        let app = Application(
            responder: responder,
            server: HTTPServerBuilder { responder in PreviewChannel(http1: HTTP1Channel(responder: responder)) },
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                BoundPort.value = bound
                log("serving \(output) at http://\(host.contains(":") ? "[\(host)]" : host):\(bound)/ (Ctrl-C to stop)")
            },
            logger: Logger(label: "roster-serve", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        try await app.runService()
        await state.closeAll()
        log("stopped")
    }

    static func respond(_ request: Request, state: PreviewState, output: String, host: String) async throws -> Response {
        let bound = BoundPort.value
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        // The first Host header is the request's authority; any other stays among the fields.
        let hosts = [request.head.authority].compactMap { $0 } + request.headers.filter { $0.name.canonicalName == "host" }.map(\.value)
        let rawTarget = request.headers.first { $0.name.canonicalName == RequestGate.rawTargetHeader.lowercased() }?.value
        switch RequestGate.hostDecision(hosts: hosts, rawTarget: rawTarget, boundHost: host, port: bound) {
        case .allowed: break
        case .badRequest: return text(.badRequest, "a request needs exactly one Host header\n")
        case .misdirected: return text(.misdirectedRequest, "unknown host: this preview answers only to its own address\n")
        }
        guard request.method == .get || request.method == .head else {
            var response = text(.methodNotAllowed, "roster serve answers GET and HEAD only\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let path = request.uri.path
        switch path {
        case PreviewAssets.eventsPath:
            guard RequestGate.originAllowed(request.headers[.origin], boundHost: host, port: bound) else {
                return text(.forbidden, "cross-origin requests are refused\n")
            }
            let stream = await state.subscribe()
            headers[.contentType] = "text/event-stream"
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    // Open event streams never end by themselves: end them when the server stops, or
                    // a graceful shutdown (Ctrl-C) would wait for them forever.
                    for await event in stream.cancelOnGracefulShutdown() { try await writer.write(ByteBuffer(string: event)) }
                    try await writer.finish(nil)
                })
        case PreviewAssets.scriptPath:
            return asset(PreviewAssets.script, "text/javascript; charset=utf-8", head: request.method == .head)
        case PreviewAssets.stylePath:
            return asset(PreviewAssets.style, "text/css; charset=utf-8", head: request.method == .head)
        default:
            break
        }
        guard case .file(var relative) = RequestGate.path(request.uri.description) else {
            return await page(output: output, relative: "404.html", status: .notFound, state: state, head: request.method == .head)
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: output + "/" + relative, isDirectory: &isDir), isDir.boolValue {
            relative += "/index.html"
        }
        return await page(output: output, relative: relative, status: .ok, state: state, head: request.method == .head)
    }

    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func asset(_ body: String, _ type: String, head: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        headers[.contentLength] = String(body.utf8.count)
        return Response(status: .ok, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// A file of the output folder (never a symbolic link, never outside it), with the error
    /// overlay added to HTML while the last build failed.
    static func page(output: String, relative: String, status: HTTPResponse.Status, state: PreviewState, head: Bool) async -> Response {
        var file = output + "/" + relative
        var code = status
        // One open that refuses a link and anything but a regular file: no gap between a
        // check and the read.
        var bytes = try? FileAccess.read(file).get()
        if bytes == nil {
            file = output + "/404.html"
            code = .notFound
            bytes = try? FileAccess.read(file).get()
        }
        if bytes == nil {
            bytes = Array("<!doctype html><title>roster</title><h1>Not found</h1>".utf8)
            file = "x.html"
        }
        let errors = await state.errors
        if file.hasSuffix(".html"), !errors.isEmpty {
            var text = String(decoding: bytes!, as: UTF8.self)
            let overlay = PreviewAssets.overlay(errors)
            if let end = text.range(of: "</body>", options: .backwards) {
                text.insert(contentsOf: overlay, at: end.lowerBound)
            } else {
                text += overlay
            }
            bytes = Array(text.utf8)
        }
        var headers = HTTPFields()
        headers[.contentType] = RequestGate.contentType(file)
        headers[.cacheControl] = "no-store"
        headers[.contentLength] = String(bytes!.count)
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: code, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes!)))
    }
}

/// How many builds the preview ran; builds run one at a time, on the watcher's thread.
final class BuildCount: @unchecked Sendable {
    private var count = 0
    func next() -> Int {
        count += 1
        return count
    }
}

/// The port the server bound (known once it runs; `--port 0` picks a free one).
enum BoundPort {
    nonisolated(unsafe) static var value = 0
}
