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

    @Test func oneHostAndAnAbsoluteTargetOfThisServer() {
        func decide(_ hosts: [String], _ target: String? = nil) -> RequestGate.HostDecision {
            RequestGate.hostDecision(hosts: hosts, rawTarget: target, boundHost: "127.0.0.1", port: 8000)
        }
        #expect(decide(["127.0.0.1:8000"]) == .allowed)
        #expect(decide([]) == .badRequest)
        #expect(decide(["127.0.0.1:8000", "127.0.0.1:8000"]) == .badRequest)
        #expect(decide(["127.0.0.1:8000", "evil.example"]) == .badRequest)
        #expect(decide(["evil.example"]) == .misdirected)
        #expect(decide(["127.0.0.1:8000"], "http://evil.example/") == .misdirected)
        #expect(decide(["127.0.0.1:8000"], "http://127.0.0.1:8000@evil.example/") == .misdirected)
        #expect(decide(["127.0.0.1:8000"], "https://127.0.0.1:8000/") == .misdirected)
        #expect(decide(["127.0.0.1:8000"], "*") == .misdirected)
        #expect(decide(["127.0.0.1:8000"], "http://") == .misdirected)
        #expect(decide(["127.0.0.1:8000"], "HTTP://LOCALHOST:8000/orgs/?q=1") == .allowed)
        #expect(decide(["127.0.0.1:8000"], "http://127.0.0.1:8000") == .allowed)
        #expect(decide(["evil.example"], "http://127.0.0.1:8000/") == .misdirected)
    }

    @Test func pagesOfOtherSitesMayOnlyNavigate() {
        #expect(RequestGate.fetchAllowed(site: nil, mode: nil, destination: nil))
        #expect(RequestGate.fetchAllowed(site: "same-origin", mode: "no-cors", destination: "script"))
        #expect(RequestGate.fetchAllowed(site: "none", mode: "navigate", destination: "document"))
        #expect(RequestGate.fetchAllowed(site: "cross-site", mode: "navigate", destination: "document"))
        #expect(!RequestGate.fetchAllowed(site: "cross-site", mode: "no-cors", destination: "script"))
        #expect(!RequestGate.fetchAllowed(site: "same-site", mode: "no-cors", destination: "script"))
        #expect(!RequestGate.fetchAllowed(site: "CROSS-SITE", mode: "cors", destination: "empty"))
        #expect(!RequestGate.fetchAllowed(site: "cross-site", mode: nil, destination: nil))
        #expect(!RequestGate.fetchAllowed(site: "cross-site", mode: "navigate", destination: "embed"))
    }
}
