/// The escapes of GitHub's workflow commands (`::error file=…::message`), as the runner
/// decodes them (actions/toolkit `command.ts`).
public enum GitHubCommand {
    /// A command's message: `%`, CR and LF escaped.
    public static func data(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property's value: as ``data(_:)``, and `:` and `,`, which end a property.
    public static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
