import Foundation
import Testing

/// Headless Chromium driven over its DevTools pipe by `Support/browser.py` (standard library
/// only): pages opened at a window size, scripts run in them, values read after the page's own
/// scripts ran, screenshots taken.
struct Browser {
    /// One step of a session (see browser.py).
    enum Step {
        case open(URL, width: Int)
        /// The page opened with its own scripts disabled.
        case openWithoutScripts(URL, width: Int)
        case wait(String)
        case eval(String)
        case screenshot(URL)
        /// From now on the page is shown as on `media` ("print", or "" for the screen) with
        /// `prefers-color-scheme` set to `scheme`.
        case emulate(media: String, scheme: String)

        var json: [String: Any] {
            switch self {
            case .open(let url, let width): ["open": url.absoluteString, "width": width, "height": 900]
            case .openWithoutScripts(let url, let width): ["open": url.absoluteString, "width": width, "height": 900, "javascript": false]
            case .wait(let expression): ["wait": expression]
            case .eval(let expression): ["eval": expression]
            case .screenshot(let file): ["screenshot": file.path]
            case .emulate(let media, let scheme): ["media": media, "scheme": scheme]
            }
        }
    }

    /// Runs the steps in one browser; returns the value of each `eval`, in order.
    static func run(_ steps: [Step]) throws -> [Any] {
        let script = scratch.appendingPathComponent("roster-browser-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: steps.map(\.json)).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", siteTestsURL.appendingPathComponent("Support/browser.py").path, script.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(problem)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [Any], "\(problem)")
    }

    /// An expression that does `action` on the Consumer Orgs page and resolves once the page
    /// shows its result (the table's `aria-busy` back to false).
    static func settle(_ action: String) -> String {
        """
        new Promise(function (done) {
          var table = document.getElementById("orgs-table");
          table.setAttribute("aria-busy", "pending");
          (function () { \(action) })();
          (function check() { table.getAttribute("aria-busy") === "false" ? done(true) : setTimeout(check, 5); })();
        })
        """
    }

    /// The rows the table shows: [name, id, status, users].
    static let rows = """
        Array.prototype.map.call(document.querySelectorAll("#orgs-table tbody tr"), function (tr) {
          return [tr.querySelector("th a").textContent, tr.querySelector(".id").textContent, tr.getAttribute("data-status"),
                  Number(tr.querySelector("td[data-label=Users]").textContent)];
        })
        """

    static let overflows = "document.documentElement.scrollWidth > window.innerWidth"
}
