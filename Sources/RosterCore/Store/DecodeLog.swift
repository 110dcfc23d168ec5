/// Collects the findings of decoding one file.
final class DecodeLog {
    let path: String
    var findings: [Finding] = []

    init(path: String) {
        self.path = path
    }

    func error(_ rule: String, _ pointer: String, _ message: String) {
        findings.append(.error(rule, path, pointer, message))
    }

    var hasErrors: Bool {
        findings.contains { $0.severity == .error }
    }
}
