import Foundation
import Testing

/// The Host check of `roster serve` against requests that name a host twice: in an
/// absolute-form target and the Host header, or in two Host headers. Raw HTTP/1.1, as an
/// attacker's client writes it.
extension ServeTests {
    @Test func anAbsoluteTargetMustNameThisServerToo() throws {
        let server = try Server()
        let own = "127.0.0.1:\(server.port)"
        let foreign = try Self.request(server.port, "http://evil.example/", host: own)
        #expect(foreign.status == 421, "\(foreign.headers)")
        #expect(!foreign.body.contains("<h1>Overview</h1>"))
        #expect(try Self.request(server.port, "http://evil.example:\(server.port)/orgs/", host: own).status == 421)
        // Userinfo does not make a foreign authority this server's.
        #expect(try Self.request(server.port, "http://\(own)@evil.example/", host: own).status == 421)
        #expect(try Self.request(server.port, "https://\(own)/", host: own).status == 421)
        // The same host in both places is served; a mismatch either way is refused.
        let both = try Self.request(server.port, "http://\(own)/orgs/", host: own)
        #expect(both.status == 200)
        #expect(both.body.contains("Consumer orgs"))
        #expect(try Self.request(server.port, "http://\(own)/", host: "evil.example").status == 421)
        // A client cannot forge the header the server uses to carry the raw target.
        #expect(try Self.request(server.port, "/", host: own, extra: "Roster-Request-Target: http://\(own)/\r\n").status == 200)
    }

    @Test func twoHostHeadersAreABadRequest() throws {
        let server = try Server()
        let own = "127.0.0.1:\(server.port)"
        let twice = try Self.request(server.port, "/", host: own, extra: "Host: evil.example\r\n")
        #expect(twice.status == 400, "\(twice.headers)")
        #expect(!twice.body.contains("<h1>Overview</h1>"))
        #expect(try Self.request(server.port, "/", host: "evil.example", extra: "Host: \(own)\r\n").status == 400)
        #expect(try Self.request(server.port, "/", host: own, extra: "host: \(own)\r\n").status == 400)
        #expect(try Self.request(server.port, "/", host: own).status == 200)
    }

    /// A page on any site the user visits can put `<script src>` of the preview's files in
    /// itself: the browser sends the preview's own Host, and the search index files call a
    /// global function with the records. Fetch Metadata tells such a load from a page of the
    /// preview; a link to the preview (a navigation) still opens it.
    @Test func aPageOfAnotherSiteCannotLoadThePreviewsFiles() throws {
        let server = try Server()
        func load(_ target: String, site: String, mode: String, dest: String) throws -> Reply {
            try Self.request(server.port, target, extra: "Sec-Fetch-Site: \(site)\r\nSec-Fetch-Mode: \(mode)\r\nSec-Fetch-Dest: \(dest)\r\n")
        }
        let own = try load("/search/rows-0.js", site: "same-origin", mode: "no-cors", dest: "script")
        #expect(own.status == 200)
        #expect(own.body.contains("Acme"), "the preview's own page loads its index")
        for site in ["cross-site", "same-site", "Cross-Site"] {
            for (target, dest) in [("/search/rows-0.js", "script"), ("/api/orgs.json", "empty"), ("/orgs/acme/", "iframe")] {
                let mode = dest == "iframe" ? "no-cors" : dest == "empty" ? "cors" : "no-cors"
                let reply = try load(target, site: site, mode: mode, dest: dest)
                #expect(reply.status == 403, "\(site) \(target): \(reply.status)")
                #expect(!reply.body.contains("Acme"), "\(site) \(target) leaked the records")
            }
            #expect(try load("/orgs/acme/", site: site, mode: "navigate", dest: "object").status == 403)
            #expect(try load("/orgs/acme/", site: site, mode: "navigate", dest: "document").status == 200, "a link from another site opens")
        }
        #expect(try load("/", site: "none", mode: "navigate", dest: "document").status == 200, "typed in the address bar")
        let plain = try Self.request(server.port, "/search/rows-0.js")
        #expect(plain.status == 200, "a client without Fetch Metadata (curl)")
        #expect(plain.headers.lowercased().contains("cross-origin-resource-policy: same-origin"))
    }
}
