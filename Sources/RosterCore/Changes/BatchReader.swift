/// Reads a `roster apply` batch: a JSON array of operations, each an object whose `op` names the
/// verb (`"member.invite"`) and whose other fields carry its arguments under their CLI names.
public enum BatchReader {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    public static func operations(from bytes: [UInt8]) throws(Failure) -> [Change] {
        let text = SourceText(bytes: bytes)
        func fail(_ offset: Int, _ message: String) -> Failure {
            let (line, column) = text.position(of: offset)
            return Failure(line: line, column: column, message: message)
        }
        let parsed = JSONParser.parse(bytes)
        if let problem = parsed.problems.first { throw fail(problem.offset, problem.message) }
        guard let root = parsed.root, case .array(let items) = root.value else {
            throw fail(parsed.root?.offset ?? 0, "a batch is a JSON array of operations, such as [{\"op\": \"org.create\", \"name\": \"Initech\"}]")
        }
        var out: [Change] = []
        for (offset, item) in items.enumerated() {
            // Operations are numbered from 1 in every message, as people count them.
            let number = offset + 1
            guard case .object(let members) = item.value else { throw fail(item.offset, "operation \(number) must be an object") }
            guard let opMember = members.first(where: { $0.key == "op" }), case .string(let op) = opMember.node.value else {
                throw fail(item.offset, "operation \(number) has no \"op\" naming the verb, such as \"member.invite\"")
            }
            guard let spec = Operation.named(op) else {
                let guess = ObjectReader.closest(to: op, in: Change.allNames).map { "; did you mean \"\($0)\"?" } ?? ""
                throw fail(opMember.node.offset, "operation \(number): unknown op \"\(op)\"\(guess)")
            }
            var values: [String: String] = [:]
            for m in members where m.key != "op" {
                guard spec.required.contains(m.key) || spec.optional.contains(m.key) else {
                    let allowed = (spec.required + spec.optional).joined(separator: ", ")
                    throw fail(m.keyOffset, "operation \(number) (\(op)): unknown field \"\(m.key)\"; \(op) takes \(allowed)")
                }
                guard let value = Self.text(m) else {
                    throw fail(
                        m.node.offset,
                        "operation \(number) (\(op)): \"\(m.key)\" must be a string\(m.key == "shares" ? " or an array of strings" : "")")
                }
                values[m.key] = value
            }
            for key in spec.required where values[key] == nil {
                throw fail(item.offset, "operation \(number) (\(op)): missing \"\(key)\"")
            }
            if op == "share.add-org", (values["org"] == nil) == (values["new-org"] == nil) {
                throw fail(
                    item.offset, "operation \(number) (\(op)): give either \"org\" (an existing org) or \"new-org\" (the name of an org to create)")
            }
            if let raw = values["visibility"], AppVisibility(rawValue: raw) == nil {
                throw fail(item.offset, "operation \(number) (\(op)): visibility must be \"team\" or \"org\", not \"\(raw)\"")
            }
            var role: Role?
            if let raw = values["role"] {
                guard let r = Role(rawValue: raw) else {
                    throw fail(item.offset, "operation \(number) (\(op)): role must be \"super-admin\" or \"team-member\", not \"\(raw)\"")
                }
                role = r
            }
            out.append(spec.make(OperationFields(values: values, role: role)))
        }
        return out
    }

    /// A field's value: a string, or for `shares` an array of strings (kept joined by "\n").
    static func text(_ m: JSONMember) -> String? {
        if case .string(let value) = m.node.value { return value }
        guard m.key == "shares", case .array(let items) = m.node.value else { return nil }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item.value else { return nil }
            out.append(s)
        }
        return out.joined(separator: "\n")
    }
}
