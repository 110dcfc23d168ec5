import ArgumentParser
import RosterCore

/// What ArgumentParser does not do for us, applied to the words before it parses them:
/// `--root DIR` before the verb is moved behind it (`roster --root /x validate` means
/// `roster validate --root /x`), and a word that names no verb where one is expected gets a
/// did-you-mean instead of "2 unexpected arguments".
enum CommandLineFixups {
    struct UnknownVerb: Error {
        var command: String
        var word: String
        var verbs: [String]

        var message: String {
            if let guess = Suggestion.closestVerb(to: word, in: verbs) {
                return "'\(word)' is not a \(command) command; did you mean '\(guess)'?\nSee '\(command) --help'."
            }
            return "'\(word)' is not a \(command) command; the commands are: \(verbs.joined(separator: ", "))\nSee '\(command) --help'."
        }
    }

    /// The arguments (without the program name) as ArgumentParser should read them.
    static func rearranged(_ arguments: [String]) throws -> [String] {
        var rest = arguments[...]
        var rootOptions: [String] = []
        while let first = rest.first, first == "--root" || first.hasPrefix("--root=") {
            rootOptions.append(rest.removeFirst())
            if first == "--root", let value = rest.first {
                rootOptions.append(value)
                rest.removeFirst()
            }
        }
        var subcommands = Roster.configuration.subcommands
        var path = ["roster"]
        while !subcommands.isEmpty, let word = rest.first, !word.hasPrefix("-"), word != "help" {
            let names = subcommands.map { type in type._commandName }
            guard let index = names.firstIndex(of: word) else {
                throw UnknownVerb(command: path.joined(separator: " "), word: word, verbs: names)
            }
            path.append(rest.removeFirst())
            subcommands = subcommands[index].configuration.subcommands
        }
        return Array(path.dropFirst()) + rootOptions + Array(rest)
    }
}
