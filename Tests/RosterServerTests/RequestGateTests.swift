import Testing
@testable import RosterServer

@Suite struct RequestGateTests {
    @Test(arguments: [
        "/../data/marketplace.json", "/%2e%2e/data/marketplace.json", "/%2E%2E/x", "/orgs/%2e%2e%2f%2e%2e%2fdata/x.json",
        "/..%5cdata", "/a\\b", "/%252e%252e/data", "/.roster-build.json", "/orgs/.hidden/index.html", "/%00", "/a//b",
        "/./index.html", "/%zz", "relative", "/orgs/%2fetc",
    ])
    func traversalAndDotFilesAreRefused(target: String) {
        #expect(RequestGate.path(target) == .refused, "\(target)")
    }

    @Test func foldersServeTheirIndex() {
        #expect(RequestGate.path("/") == .file("index.html"))
        #expect(RequestGate.path("/orgs/") == .file("orgs/index.html"))
        #expect(RequestGate.path("/orgs/acme/index.html?x=1") == .file("orgs/acme/index.html"))
        #expect(RequestGate.path("/docs/caf%C3%A9/") == .file("docs/café/index.html"))
    }

    @Test func hostAndOrigin() {
        #expect(RequestGate.hostAllowed("127.0.0.1:8000", boundHost: "127.0.0.1", port: 8000))
        #expect(RequestGate.hostAllowed("localhost:8000", boundHost: "127.0.0.1", port: 8000))
        #expect(!RequestGate.hostAllowed("evil.example:8000", boundHost: "127.0.0.1", port: 8000))
        #expect(!RequestGate.hostAllowed("127.0.0.1:9000", boundHost: "127.0.0.1", port: 8000))
        #expect(!RequestGate.hostAllowed(nil, boundHost: "127.0.0.1", port: 8000))
        #expect(RequestGate.originAllowed(nil, boundHost: "127.0.0.1", port: 8000))
        #expect(RequestGate.originAllowed("http://localhost:8000", boundHost: "127.0.0.1", port: 8000))
        #expect(!RequestGate.originAllowed("http://evil.example", boundHost: "127.0.0.1", port: 8000))
        #expect(!RequestGate.originAllowed("null", boundHost: "127.0.0.1", port: 8000))
    }
}
