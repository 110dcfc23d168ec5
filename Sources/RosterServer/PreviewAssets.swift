import RosterSite
import RosterTemplates

/// The script and style the preview adds to pages (never part of `roster build` output).
enum PreviewAssets {
    static let scriptPath = "/__roster/live.js"
    static let stylePath = "/__roster/overlay.css"
    static let eventsPath = "/__roster/events"

    static let script = """
        // roster serve: reload this page when the site is rebuilt.
        (function () {
          "use strict";
          var source = new EventSource("/__roster/events");
          source.addEventListener("reload", function () { window.location.reload(); });
        })();

        """

    static let style = """
        .roster-overlay { position: fixed; inset: auto 1rem 1rem 1rem; max-height: 60vh; overflow: auto; z-index: 9999;
          background: #2b0d10; color: #ffd7d9; border: 2px solid #ff6b75; border-radius: 8px; padding: 1rem 1.25rem;
          font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; box-shadow: 0 8px 32px rgba(0,0,0,.4); }
        .roster-overlay h2 { margin: 0 0 .5rem; font: 600 15px/1.3 system-ui, sans-serif; color: #fff; }
        .roster-overlay ul { margin: 0; padding-left: 1.2rem; }
        .roster-overlay li { white-space: pre-wrap; }

        """

    /// The overlay listing build errors, escaped.
    static func overlay(_ errors: [String]) -> String {
        var html =
            "<link rel=\"stylesheet\" href=\"\(stylePath)\"><aside class=\"roster-overlay\" role=\"alert\"><h2>roster: the last change broke the build; this is the last good site</h2><ul>"
        for line in errors.prefix(50) { html += "<li>\(HTMLEscape.string(line))</li>" }
        if errors.count > 50 { html += "<li>... and \(errors.count - 50) more</li>" }
        return html + "</ul></aside>"
    }
}
