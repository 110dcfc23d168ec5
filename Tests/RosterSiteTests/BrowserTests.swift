import Foundation
import Testing
@testable import RosterSite

/// Loads pages of the built demo site in headless Chromium (Debian's `chromium`, installed by
/// .ci/run) and checks the DOM it dumps after scripts ran.
@Suite struct BrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    func dom(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.chromium, "headless Chromium is needed: apt-get install chromium"))
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=3000",
            "--dump-dom", file.absoluteString,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func theOverviewTheOrgsPageAndAnOrgPageRender() throws {
        let project = try SiteProject(records: packageRoot, content: packageRoot.appendingPathComponent("content"))
        try project.build()
        let overview = try dom(project.output.appendingPathComponent("index.html"))
        #expect(overview.contains("<h1>Overview</h1>"))
        #expect(overview.contains("<span class=\"number\">10</span> consumer orgs"))
        #expect(overview.contains("Vandelay Imports"))

        let orgs = try dom(project.output.appendingPathComponent("orgs/index.html"))
        #expect(orgs.contains(">Acme Logistics</a>"))
        // The page's script ran under its Content-Security-Policy (its sort buttons are there).
        #expect(orgs.contains("<button class=\"sort\" type=\"button\">Users</button>"))
        #expect(orgs.contains(">Orgs 1–10 of 10</output>"))

        let org = try dom(project.output.appendingPathComponent("orgs/acme-logistics/index.html"))
        #expect(org.contains("<h1>Acme Logistics <span class=\"badge badge-enabled\">Enabled</span>"))
        #expect(org.contains("Wile Coyote"))
        #expect(org.contains("w•••@acme.example"))
    }

    /// Serves `output` under `prefix` as a static host does, 404.html at every missing address.
    func withStaticHost(_ output: URL, prefix: String, _ body: (Int) throws -> Void) throws {
        let host = Process()
        host.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        host.arguments = ["python3", siteTestsURL.appendingPathComponent("Support/static_host.py").path, output.path, prefix]
        let out = Pipe()
        host.standardOutput = out
        try host.run()
        // SIGKILL: the test runner's children inherit an ignored SIGTERM.
        defer { kill(host.processIdentifier, SIGKILL); host.waitUntilExit() }
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let port = try #require(Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        try body(port)
    }

    @Test func the404PageIsStyledAndItsLinksWorkAtANestedAddressUnderASubPath() throws {
        let project = try SiteProject(records: packageRoot, content: packageRoot.appendingPathComponent("content"))
        try project.build()
        // The demo's baseURL says "/", but the host serves the portal under /sub/.
        try withStaticHost(project.output, prefix: "/sub/") { port in
            let page = try dom(try #require(URL(string: "http://127.0.0.1:\(port)/sub/orgs/nope/")))
            #expect(page.contains("<h1>Page not found</h1>"))
            #expect(page.contains("<link rel=\"stylesheet\" href=\"/sub/assets/style.css\">"), "\(page)")
            #expect(page.contains("<a href=\"/sub/orgs/index.html\">All consumer orgs</a>"))
        }
    }
}
