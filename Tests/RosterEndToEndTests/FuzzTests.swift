import Foundation
import RosterSynth
import Testing

/// Bounded, seeded fuzzing of `roster validate` and `roster check` over mutated records: whatever
/// the bytes, roster exits 0 or 1 (never a crash, never a hang), and every finding is located.
@Suite struct FuzzTests {
    static let tokens: [String] = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "-0.5e9", "\u{FEFF}", "\u{0}", "\r\n", "\u{1B}[31m",
        "\"email\": \"x@y.example\"", "\"members\": []", "\"id\": \"../../x\"", "\"state\": \"active\"", "\"handle\": \"a b\"",
        "\"role\": \"super-admin\"", "\"teams\": [{}]", "\"invitedBy\": \"admin@provider.example\"", "Zoë", "<script>", "|`#",
        String(repeating: "[", count: 300), String(repeating: "a", count: 5000),
    ]

    /// One mutation of `bytes`: a byte flipped, a span removed or duplicated, a token inserted.
    static func mutate(_ bytes: inout [UInt8], _ rng: inout SplitMix64) {
        guard !bytes.isEmpty else { bytes = Array("{}".utf8); return }
        let at = Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
        case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &rng)))
        case 2:
            let span = Array(bytes[at..<min(bytes.count, at + Int.random(in: 1...200, using: &rng))])
            bytes.insert(contentsOf: span, at: Int.random(in: 0...bytes.count, using: &rng))
        default: bytes.insert(contentsOf: Array(tokens.randomElement(using: &rng)!.utf8), at: at)
        }
    }

    static let located = try! NSRegularExpression(pattern: #"^([^:]+):(\d+):(\d+): (error|warning): .+ \[[a-z0-9-]+\]$"#)

    /// Every line of a text report before its summary is a located finding in an existing file.
    static func checkLocated(_ output: String, in repo: URL, _ context: String) {
        for line in output.split(separator: "\n").map(String.init) {
            if line.hasPrefix("check: ") || line.hasSuffix(" files") || line.hasPrefix("no problems")
                || line.contains(" error") && line.contains(" warning") && !line.contains(": ")
            {
                continue
            }
            let range = NSRange(line.startIndex..., in: line)
            guard let m = located.firstMatch(in: line, range: range) else {
                Issue.record("\(context): an unlocated line: \(line.prefix(200))")
                continue
            }
            let path = String(line[Range(m.range(at: 1), in: line)!])
            let row = Int(line[Range(m.range(at: 2), in: line)!])!
            let column = Int(line[Range(m.range(at: 3), in: line)!])!
            #expect(row >= 1 && column >= 1, "\(context): \(line.prefix(200))")
            if let data = FileManager.default.contents(atPath: repo.appendingPathComponent(path).path) {
                let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).count
                #expect(row <= lines, "\(context): line \(row) of a \(lines)-line file: \(line.prefix(200))")
            }
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func mutatedRecordsGiveLocatedFindingsAndExitZeroOrOne(seed: UInt64) throws {
        let repo = try GitOpsTests.Repo()
        var rng = SplitMix64(seed: seed)
        let targets = ["data/orgs/acme.json", "data/orgs/beta.json", "data/shares/feed.json", "data/marketplace.json"]
        let originals = try targets.map { try Data(contentsOf: repo.url.appendingPathComponent($0)) }
        for round in 0..<25 {
            let k = Int.random(in: 0..<targets.count, using: &rng)
            var bytes = [UInt8](originals[k])
            for _ in 0..<Int.random(in: 1...4, using: &rng) { Self.mutate(&bytes, &rng) }
            try Data(bytes).write(to: repo.url.appendingPathComponent(targets[k]))
            let context = "seed \(seed), round \(round), \(targets[k])"
            let validate = try repo.run(["validate"])
            #expect([0, 1].contains(validate.status), "\(context): validate exited \(validate.status): \(validate.stderr)")
            Self.checkLocated(validate.stdout, in: repo.url, context)
            for actor in ["ann@acme.example", "@nobody", "admin@provider.example"] {
                let check = try repo.run(["check", "--base", "HEAD", "--actor", actor])
                #expect([0, 1].contains(check.status), "\(context): check --actor \(actor) exited \(check.status): \(check.stderr)")
                Self.checkLocated(check.stdout, in: repo.url, "\(context), check --actor \(actor)")
                if actor == "@nobody", check.status == 0 {
                    // A newcomer may change no existing file, unless the change is only formatting.
                    #expect(try repo.run(["diff", "--format", "json"]).stdout.contains("\"events\": []"), "\(context)")
                }
            }
            try Data(originals[k]).write(to: repo.url.appendingPathComponent(targets[k]))
        }
    }
}
