import Foundation
import RosterCore
import RosterTemplates

/// The 404 page. Hosts serve it at whatever address was missing (`/orgs/nope/`), so its links,
/// relative to the site root as content/portal.md promises every link (the site works from `file://` and from
/// any sub-path), resolve against the wrong folder there. A `<base>` cannot help: where the site
/// lives is unknown when it is built, and the policy has `base-uri 'none'`. So the page carries
/// one inline script (allowed by its hash, on this page only) that finds the site root and
/// rewrites the links: the root the build knows (`/` in the preview, else the path of the
/// settings' `portal.baseURL`) when the address lies under it and it holds `assets/style.css`,
/// else the nearest folder, from the address's own upwards, that holds it. Opened as a file, or
/// served at the top level, the relative links are right as they are and nothing changes.
enum NotFoundPage {
    static func context(_ m: PortalModel, sitePath: String?) -> [TemplateValue] {
        let hint = sitePath.flatMap(folderPath) ?? m.settings.portal.baseURL.flatMap { URL(string: $0)?.path }.flatMap(folderPath)
        return PageContext.page(
            PageContext.frame(m, depth: 0, title: "Page not found", section: .none),
            [
                "locateScript": .string(locateScript), "inlineScriptHash": .string(scriptHash), "rootHint": .string(hint ?? ""),
            ])
    }

    /// `/portal` -> `/portal/`; nil for a path that is not absolute.
    static func folderPath(_ path: String) -> String? {
        let path = path.isEmpty ? "/" : path
        guard path.hasPrefix("/") else { return nil }
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// Runs inline (no external script can be found either); the policy allows exactly these
    /// bytes by their hash. `data-root` on the element carries the root the build knows.
    static let locateScript = """
        (function () {
          "use strict";
          var hint = document.currentScript && document.currentScript.getAttribute("data-root");
          var here = location.pathname.replace(/[^\\/]*$/, "");
          if (location.protocol === "file:") return;
          function rebase(root) {
            if (root === here) return;
            document.querySelectorAll("[href], script[src]").forEach(function (el) {
              var name = el.hasAttribute("href") ? "href" : "src", value = el.getAttribute(name);
              if (!/^([a-z][a-z0-9+.-]*:|\\/|#)/i.test(value)) el.setAttribute(name, root + value);
            });
          }
          var dirs = [], path = here;
          while (path && dirs.length < 12) { dirs.push(path); path = path === "/" ? "" : path.replace(/[^\\/]*\\/$/, ""); }
          // The root the build knows is asked first, but checked like the others: a portal can be
          // served somewhere else than its baseURL says.
          if (hint && here.indexOf(hint) === 0) dirs.unshift(hint);
          (function next(i) {
            if (i >= dirs.length || !window.fetch) return;
            fetch(dirs[i] + "assets/style.css", { method: "HEAD" }).then(function (r) {
              if (r.ok) rebase(dirs[i]); else next(i + 1);
            }, function () { next(i + 1); });
          })(0);
        })();
        """

    /// `sha256-<base64>` of ``locateScript``, as Content-Security-Policy names an inline script.
    static let scriptHash = "sha256-" + Data(SHA256.digest(Array(locateScript.utf8))).base64EncodedString()
}
