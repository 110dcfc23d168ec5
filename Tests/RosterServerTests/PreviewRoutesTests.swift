import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import RosterServer

/// The preview's routes in process (`app.test(.router)`): no socket, no build, an output
/// folder written by the test.
@Suite struct PreviewRoutesTests {
    @Test func pagesAndAssetsAreServedWithTheirTypes() async throws {
        let site = try PreviewOutput()
        try await site.app.test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            #expect(home.headers[.contentType] == "text/html; charset=utf-8")
            #expect(home.headers[.cacheControl] == "no-store")
            #expect(home.headers[.xContentTypeOptions] == "nosniff")
            #expect(String(buffer: home.body).contains("<h1>Overview</h1>"))
            let css = try await client.execute(uri: "/assets/style.css", method: .get)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await client.execute(uri: "/search/index-0.json", method: .get).headers[.contentType] == "application/json; charset=utf-8")
            let script = try await client.execute(uri: "/__roster/live.js", method: .get)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(String(buffer: script.body).contains("EventSource"))
            // A folder URL serves its index, with or without the slash.
            #expect(String(buffer: try await client.execute(uri: "/orgs/acme", method: .get).body) == "<h1>Acme</h1>")
            #expect(String(buffer: try await client.execute(uri: "/orgs/acme/", method: .get).body) == "<h1>Acme</h1>")
            let head = try await client.execute(uri: "/", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == String(home.body.readableBytes))
        }
    }

    @Test func aMissingPageAtANestedPathGetsTheStyledNotFoundPage() async throws {
        let site = try PreviewOutput()
        try await site.app.test(.router) { client in
            let missing = try await client.execute(uri: "/orgs/nope/deeper/", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(buffer: missing.body).contains("href=\"/assets/style.css\""))
            #expect(String(buffer: missing.body).contains("Page not found"))
            // No listing of a folder without an index.
            #expect(try await client.execute(uri: "/assets/", method: .get).status == .notFound)
        }
    }

    @Test(arguments: [
        "/../secret.json", "/%2e%2e/secret.json", "/%2E%2E/secret.json", "/orgs/%2e%2e%2f%2e%2e%2f..%2fsecret.json",
        "/orgs/..%2f..%2f..%2fsecret.json", "/%2fsecret.json", "/orgs/%2f..%2f..%2fsecret.json", "/..%5csecret.json",
        "/%252e%252e/secret.json", "/../outside/index.html",
    ])
    func traversalIsAnsweredWithTheNotFoundPage(target: String) async throws {
        try await expectNotFound(target, styled: true)
    }

    /// `target` is answered 404 without the secret the fixture holds outside what was built;
    /// `styled`: with the portal's own 404 page.
    func expectNotFound(_ target: String, styled: Bool) async throws {
        let site = try PreviewOutput()
        try await site.app.test(.router) { client in
            let reply = try await client.execute(uri: target, method: .get)
            #expect(reply.status == .notFound, "\(target)")
            #expect(!String(buffer: reply.body).contains("SECRET"), "\(target)")
            if styled { #expect(String(buffer: reply.body).contains("Page not found"), "\(target): the styled 404 page") }
        }
    }

    /// Even where the build wrote a file (the fixture lists both) that was then replaced by a link.
    @Test(arguments: ["/leak.json", "/linked/", "/linked/index.html", "/linked"])
    func aSymbolicLinkInTheOutputFolderIsNotFollowed(target: String) async throws {
        try await expectNotFound(target, styled: false)
    }

    @Test(arguments: ["/secret.txt", "/exports/members.json", "/orgs/acme/notes.eml", "/drafts/", "/drafts"])
    func aFileNoBuildWroteIsNotServed(target: String) async throws {
        try await expectNotFound(target, styled: true)
    }

    @Test func beforeABuildFinishedOnlyThePreviewsOwnRoutesAnswer() async throws {
        let site = try PreviewOutput()
        site.listed = []
        try await site.app.test(.router) { client in
            for target in ["/", "/orgs/acme/", "/assets/style.css", "/404.html"] {
                let reply = try await client.execute(uri: target, method: .get)
                #expect(reply.status == .notFound, "\(target)")
                #expect(String(buffer: reply.body).contains("<h1>Not found</h1>"), "\(target): the bare 404, not a file of the folder")
            }
            #expect(try await client.execute(uri: "/__roster/live.js", method: .get).status == .ok)
        }
    }

    @Test(arguments: [HTTPRequest.Method.post, .put, .delete, .patch, .options])
    func onlyGetAndHeadAreAnswered(method: HTTPRequest.Method) async throws {
        let site = try PreviewOutput()
        try await site.app.test(.router) { client in
            for path in ["/", "/__roster/events", "/no/such/page"] {
                let reply = try await client.execute(uri: path, method: method)
                #expect(reply.status == .methodNotAllowed, "\(method) \(path)")
                #expect(reply.headers[.allow] == "GET, HEAD")
            }
        }
    }
}
