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
}
