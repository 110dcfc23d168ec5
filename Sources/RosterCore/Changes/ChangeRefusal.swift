/// Why a change was refused. The message says what to do instead.
public struct ChangeRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Position in a batch, counted from 1 as in the batch reader's messages, when the change
    /// came from `roster apply`.
    public var operationNumber: Int?
    public var operationName: String?
    /// Findings of the validation that refused the result, if that is why.
    public var findings: [Finding]

    public init(_ message: String, findings: [Finding] = []) {
        self.message = message
        self.findings = findings
    }

    public var description: String {
        guard let operationNumber, let operationName else { return message }
        return "operation \(operationNumber) (\(operationName)): \(message)"
    }
}
