import Foundation
import Hummingbird
import Logging
import NIOEmbedded
@testable import RosterServer

/// An output folder as a build leaves it, a record outside it, symbolic links that point out of
/// it, and files the build did not write; removed when the value is dropped.
final class PreviewOutput {
    let base: URL
    let output: String
    let state = PreviewState()
    let address: ServerAddress
    /// What the build wrote: the links are listed as if they had replaced built files.
    var listed: Set<String> = [
        "index.html", "404.html", "assets/style.css", "search/index-0.json", "orgs/acme/index.html", "leak.json",
        "linked/index.html",
    ]

    /// Served as if bound to `port`: the router test client names the host `localhost` with no
    /// port, which is port 80.
    init(port: Int = 80) throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("roster-routes-\(UUID().uuidString)")
        output = base.appendingPathComponent("site").path
        address = ServerAddress(host: "127.0.0.1", port: port)
        let files = [
            "site/index.html": "<html><body><h1>Overview</h1></body></html>",
            "site/404.html": "<link rel=\"stylesheet\" href=\"/assets/style.css\"><h1>Page not found</h1>",
            "site/assets/style.css": "body { margin: 0 }",
            "site/search/index-0.json": "{}",
            "site/orgs/acme/index.html": "<h1>Acme</h1>",
            "site/secret.txt": "SECRET",
            "site/exports/members.json": "SECRET",
            "site/orgs/acme/notes.eml": "SECRET",
            "site/drafts/index.html": "SECRET",
            "secret.json": "SECRET",
            "outside/index.html": "SECRET",
        ]
        for (path, text) in files {
            let url = base.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createSymbolicLink(atPath: output + "/leak.json", withDestinationPath: "../secret.json")
        try FileManager.default.createSymbolicLink(atPath: output + "/linked", withDestinationPath: "../outside")
    }

    deinit { try? FileManager.default.removeItem(at: base) }

    var router: Router<BasicRequestContext> {
        let listed = listed
        return PreviewRoutes.router(output: output, state: state, address: address) { listed.contains($0) }
    }

    var app: some ApplicationProtocol { Application(router: router) }

    /// One request straight to the router's responder, with the authority (the Host header) a
    /// browser would send: the router test client always names `localhost`.
    func respond(authority: String, path: String = "/") async throws -> Response {
        let request = Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: authority, path: path), body: RequestBody(buffer: ByteBuffer()))
        let context = BasicRequestContext(source: .init(channel: EmbeddedChannel(), logger: Logger(label: "test")))
        return try await router.buildResponder().respond(to: request, context: context)
    }
}
