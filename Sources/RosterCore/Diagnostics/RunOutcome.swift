/// What a command that is not a change (`fmt`, `migrate`, `unlock`) has to say: text for
/// standard output, lines for standard error, and the exit code. The CLI prints it as it is.
public struct RunOutcome: Sendable, Equatable {
    public var output = ""
    public var errors: [String] = []
    public var exitCode: Int32 = 0

    public init(output: String = "", errors: [String] = [], exitCode: Int32 = 0) {
        self.output = output
        self.errors = errors
        self.exitCode = exitCode
    }
}
