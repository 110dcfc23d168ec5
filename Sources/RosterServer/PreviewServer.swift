import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import RosterCore
import RosterSite

/// `roster serve`: builds the portal into a folder, serves what its builds wrote there only,
/// rebuilds when data/, content/ or site-templates/ change, and tells open pages to reload.
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
                    log("built in \(ms) ms: \(Plural.count(written, "file")) written")
                } else {
                    log(
                        written == 0
                            ? "checked in \(ms) ms: no page changed" : "rebuilt in \(ms) ms: \(Plural.count(written, "file")) changed")
                }
            } else {
                // Only what a finished build of this preview wrote is served.
                log(first ? "build failed; serving the error page only:" : "build failed; serving the last good site:")
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
        // The session's last manifest is also the list of what may be served.
        let session = BuildSession()
        let options = PortalBuilder.Options(
            root: root, output: output, today: today, extraScript: PreviewAssets.scriptPath, session: session, sitePath: "/")
        var preview = PortalBuilder(options: options, progress: progress)
        preview.allTimings = true
        let builder = preview
        let rebuild = Self.rebuilder(builder, state: state, log: log)
        // The watcher starts before the first build, which runs on its thread: edits saved
        // during the first build (seconds, on a large repository) are not missed.
        let watcher = ChangeWatcher(root: root, folders: ["data", "content", "site-templates"], onChange: rebuild)
        // However the server ends, no build is left writing into the folder `serve` removes.
        defer { watcher.stop() }
        log("building the portal into \(output) ...")
        await withCheckedContinuation { (built: CheckedContinuation<Void, Never>) in
            watcher.start {
                rebuild(); built.resume()
            }
        }

        let address = ServerAddress(host: host, port: port)
        let app = Application(
            router: PreviewRoutes.router(output: output, state: state, address: address, listed: { session.wrote($0) }),
            server: HTTPServerBuilder { responder in PreviewChannel(http1: HTTP1Channel(responder: responder)) },
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                address.port = bound
                log("serving \(output) at http://\(host.contains(":") ? "[\(host)]" : host):\(bound)/ (Ctrl-C to stop)")
            },
            logger: Logger(label: "roster-serve", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        try await app.runService()
        await state.closeAll()
        log("stopped")
    }
}
