/// Reads `.roster-journal` strictly before it is replayed: a JSON array of
/// `{"path": P, "temp": T}` or `{"path": P, "delete": true}`, each `P` a file a change writes
/// (``ChangePaths``) and each `T` its temporary. Anything else (an absolute path, `..`, a
/// temporary of another name, an unknown key) means the journal was not written by roster.
enum JournalReader {
    static func steps(_ read: Result<[UInt8], FileAccess.ReadError>) throws(Transaction.Failure) -> [Transaction.Step] {
        let bytes: [UInt8]
        switch read {
        case .success(let b): bytes = b
        case .failure(.symbolicLink): throw .badJournal("is a symbolic link")
        case .failure(let reason): throw .badJournal("cannot be read (\(reason))")
        }
        let parsed = JSONParser.parse(bytes)
        guard parsed.problems.isEmpty, case .array(let entries)? = parsed.root?.value else {
            throw .badJournal("is not a JSON array of steps")
        }
        var steps: [Transaction.Step] = []
        var seen = Set<String>()
        for (k, entry) in entries.enumerated() {
            let step = try self.step(entry, index: k)
            guard seen.insert(step.path).inserted else { throw .badJournal("names \(quoted(step.path)) twice (step \(k + 1))") }
            steps.append(step)
        }
        return steps
    }

    static func step(_ entry: JSONNode, index k: Int) throws(Transaction.Failure) -> Transaction.Step {
        guard case .object(let members) = entry.value, members.count == 2,
            case .string(let path)? = entry.member("path")?.node.value
        else {
            throw .badJournal("has a step (\(k + 1)) that is not {\"path\", \"temp\"} or {\"path\", \"delete\": true}")
        }
        guard ChangePaths.isWritable(path) else {
            throw .badJournal(
                "names \(quoted(path)) (step \(k + 1)), which is not a file a change writes (data/marketplace.json, data/{orgs,shares,deletions}/<id>.json)"
            )
        }
        if case .bool(true)? = entry.member("delete")?.node.value { return Transaction.Step(path: path, temp: nil) }
        guard case .string(let temp)? = entry.member("temp")?.node.value else {
            throw .badJournal("has a step (\(k + 1)) that is not {\"path\", \"temp\"} or {\"path\", \"delete\": true}")
        }
        guard ChangePaths.isTemporary(temp, of: path) else {
            throw .badJournal("names the temporary \(quoted(temp)) for \(path) (step \(k + 1)), which is not one roster writes")
        }
        return Transaction.Step(path: path, temp: temp)
    }

    /// A path from the journal for a message: quoted, control characters escaped, at most 80
    /// characters (the file is not roster's, so its text is not trusted).
    static func quoted(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(80) {
            out += scalar.value < 0x20 || scalar.value == 0x7F ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }
        return "\"" + out + (text.unicodeScalars.count > 80 ? "..." : "") + "\""
    }
}
