import Foundation
import Testing

/// Every verb's `--help` shows how to call it: a user walk found thirteen verbs without one.
/// The verbs come from the binary's own command tree (`--experimental-dump-help`, made from the
/// `CommandConfiguration`s), so a verb added later without an example fails here too.
@Suite struct HelpExampleTests {
    /// The space-separated path of every command that runs (no group, not ArgumentParser's
    /// own `help`), as `roster` declares them.
    static func runnableCommands() throws -> [String] {
        let dump = try roster(["--experimental-dump-help"])
        let json = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
        var paths: [String] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            let here = path + [command["commandName"] as? String ?? ""]
            let children = command["subcommands"] as? [[String: Any]] ?? []
            if children.isEmpty, here.count > 1, here.last != "help" { paths.append(here.dropFirst().joined(separator: " ")) }
            for child in children { walk(child, here) }
        }
        if let root = json?["command"] as? [String: Any] { walk(root, []) }
        return paths
    }

    /// The help's text before USAGE (its overview and discussion) says "Example" and calls the
    /// verb itself: `roster org disable ...` in `roster org disable --help`.
    @Test func everyVerbsHelpHasAnExample() throws {
        let commands = try Self.runnableCommands()
        // The walk must find the tree, or the test would pass on nothing.
        #expect(commands.count >= 40, "\(commands)")
        #expect(commands.contains("org disable") && commands.contains("unlock"), "\(commands)")
        for command in commands {
            let run = try roster(command.split(separator: " ").map(String.init) + ["--help"])
            #expect(run.status == 0, "roster \(command) --help: \(run.stderr)")
            let prose = run.stdout.components(separatedBy: "\nUSAGE:").first ?? ""
            #expect(prose.contains("Example"), "`roster \(command) --help` shows no example")
            #expect(prose.contains("roster \(command) ") || prose.contains("roster \(command)\n"), "`roster \(command) --help` never calls it")
        }
    }

    /// `roster --help` starts a new user off: the first commands to run, in order.
    @Test func theTopLevelHelpHasAQuickStart() throws {
        let help = try roster(["--help"]).stdout
        let prose = help.components(separatedBy: "\nUSAGE:").first ?? ""
        #expect(prose.contains("Quick start"))
        for verb in ["validate", "build", "serve", "diff", "check"] {
            #expect(prose.contains("  roster \(verb)"), "the quick start runs roster \(verb)")
        }
    }
}
