import Foundation
import Testing
@testable import RosterCore

/// The JSON Schemas in `schemas/` and the Swift model must agree.
@Suite struct SchemaTests {
    @Test(arguments: RecordKind.allCases)
    func theShippedSchemaIsTheGeneratedOne(kind: RecordKind) throws {
        let shipped = try String(contentsOf: packageRoot.appendingPathComponent("schemas/" + kind.schemaFileName), encoding: .utf8)
        #expect(shipped == JSONSchemas.canonicalText(for: kind), "regenerate with `roster init` into a temporary folder and copy schemas/")
    }

    @Test func everyRecordNamesItsSchema() {
        let snapshot = RecordStore.load(root: packageRoot.path)
        for (path, bytes) in snapshot.sources {
            let kind: RecordKind = path == Snapshot.marketplacePath ? .marketplace : path.hasPrefix("data/orgs/") ? .org : .share
            let root = JSONParser.parse(bytes).root
            #expect(root?.member("$schema")?.node.value == .string(kind.schemaReference), "\(path)")
        }
    }

    @Test(arguments: RecordKind.allCases)
    func schemaPropertiesAreTheDecoderFields(kind: RecordKind) throws {
        let schema = JSONSchemas.schema(for: kind)
        guard case .object(let properties)? = schema.member("properties")?.node.value else { Issue.record("no properties"); return }
        let expected =
            switch kind {
            case .marketplace: RecordKeys.marketplace
            case .org: RecordKeys.org
            case .share: RecordKeys.share
            }
        #expect(properties.map(\.key) == expected)
    }

    /// An independent JSON Schema implementation (Python's jsonschema) agrees with roster: the demo
    /// data and the base fixture pass both; each structural fixture fails both.
    @Test func pythonJSONSchemaAgreesWithRoster() throws {
        guard let python = which("python3"), shell(python, ["-c", "import jsonschema"]) == 0 else {
            Issue.record("python3 with jsonschema is needed (`pip install jsonschema`; .ci/run installs it)")
            return
        }
        let script = """
            import json, sys, jsonschema
            root, *files = sys.argv[1:]
            bad = []
            for f in files:
                kind = 'marketplace' if f.endswith('marketplace.json') else ('org' if '/orgs/' in f else 'share')
                schema = json.load(open(root + '/schemas/' + kind + '.schema.json'))
                try:
                    jsonschema.validate(json.load(open(f)), schema, cls=jsonschema.Draft202012Validator)
                except jsonschema.ValidationError:
                    bad.append(f)
            print('\\n'.join(bad))
            """
        func schemaRejects(_ repo: String) -> [String] {
            let files = RecordStore.load(root: repo).sources.keys.sorted().map { repo + "/" + $0 }
            let out = capture(python, ["-c", script, packageRoot.path] + files)
            return out.split(separator: "\n").map { String($0.dropFirst(repo.count + 1)) }
        }
        #expect(schemaRejects(packageRoot.path) == [])
        let base = try TemporaryRepo()
        #expect(schemaRejects(base.path) == [])
        for rule in ["unknown-field", "wrong-type", "missing-field", "invalid-value", "schema-version-newer", "team-name", "id-format", "share-name"]
        {
            let repo = try TemporaryRepo(overlays: [fixturesURL.appendingPathComponent("rules/\(rule)/fail")])
            let rosterErrors = Set(repo.validate().filter { $0.severity == .error }.map(\.path))
            let schemaErrors = Set(schemaRejects(repo.path))
            #expect(!schemaErrors.isEmpty, "the schema must reject the \(rule) fixture")
            #expect(schemaErrors.isSubset(of: rosterErrors), "\(rule): roster must reject what the schema rejects")
        }
    }
}

func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

@discardableResult
func shell(_ executable: String, _ arguments: [String]) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return -1 }
    p.waitUntilExit()
    return p.terminationStatus
}

func capture(_ executable: String, _ arguments: [String]) -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    guard (try? p.run()) != nil else { return "" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
