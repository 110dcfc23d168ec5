import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import RosterServer

/// The Host check and the reload stream, in process.
@Suite struct PreviewHostTests {
    /// DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1 sends its own
    /// name as Host. Nothing of the site, the reload stream or the assets is answered.
    @Test(arguments: ["/", "/orgs/acme/", "/__roster/events", "/__roster/live.js", "/no/such/page"])
    func aHostThatIsNotThisServerIsRefused(path: String) async throws {
        let site = try PreviewOutput()
        for authority in ["evil.example", "evil.example:80", "127.0.0.1:8080"] {
            let reply = try await site.respond(authority: authority, path: path)
            #expect(reply.status == .misdirectedRequest, "\(authority) \(path)")
            #expect(reply.headers[.contentType] == "text/plain; charset=utf-8")
        }
        #expect(try await site.respond(authority: "127.0.0.1", path: path).status != .misdirectedRequest)
    }

    @Test func aSecondHostHeaderIsABadRequest() async throws {
        let site = try PreviewOutput()
        try await site.app.test(.router) { client in
            let reply = try await client.execute(uri: "/", method: .get, headers: [.init("Host")!: "evil.example"])
            #expect(reply.status == .badRequest)
            #expect(!String(buffer: reply.body).contains("Overview"))
        }
    }

    /// The port is the one the server reports once bound (`--port 0`), read by the gate from the
    /// server's own state.
    @Test func theGateChecksThePortTheServerBound() async throws {
        let site = try PreviewOutput(port: 0)
        #expect(try await site.respond(authority: "127.0.0.1:41234").status == .misdirectedRequest)
        site.address.port = 41234
        #expect(try await site.respond(authority: "127.0.0.1:41234").status == .ok)
        #expect(try await site.respond(authority: "localhost:41234").status == .ok)
    }

    @Test func theReloadStreamIsAnEventStreamOfThisServersPagesOnly() async throws {
        let site = try PreviewOutput()
        let state = site.state
        try await site.app.test(.router) { client in
            async let opened = client.execute(uri: "/__roster/events", method: .get)
            // The stream ends only when the server stops: stop it once the page is listening.
            while await state.listenerCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
            await state.finished(errors: [], reload: true)
            await state.closeAll()
            let events = try await opened
            #expect(events.status == .ok)
            #expect(events.headers[.contentType] == "text/event-stream")
            #expect(events.headers[.cacheControl] == "no-store")
            #expect(String(buffer: events.body) == "retry: 1000\nevent: hello\ndata: 0\n\nevent: reload\ndata: 1\n\n")
            let foreign = try await client.execute(uri: "/__roster/events", method: .get, headers: [.origin: "http://evil.example"])
            #expect(foreign.status == .forbidden)
        }
    }
}
