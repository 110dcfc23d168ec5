import Foundation
import RosterCore
import Testing

/// The operation table (`Operation.all`) is the one declaration of every `roster apply`
/// operation: the batch reader, each CLI verb's `--help` and the docs' list must agree with it.
@Suite struct OperationTableTests {
    @Test func namesAreUnique() {
        let names = Operation.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(Change.allNames == names)
    }

    /// Every operation read from a batch with its required fields becomes the change of that name.
    @Test(arguments: Operation.all.map(\.name))
    func theBatchReaderMakesEachOperation(name: String) throws {
        let op = try #require(Operation.named(name))
        var fields = ["op": name]
        for key in op.required { fields[key] = key == "role" ? "team-member" : "x" }
        if name == "share.add-org" { fields["org"] = "x" }
        let bytes = try JSONSerialization.data(withJSONObject: [fields])
        let changes = try BatchReader.operations(from: Array(bytes))
        #expect(changes.map(\.name) == [name])
        // A field the operation does not take is named as unknown.
        fields["bogus"] = "x"
        #expect(throws: BatchReader.Failure.self) { try BatchReader.operations(from: Array(try JSONSerialization.data(withJSONObject: [fields]))) }
    }

    /// `roster GROUP --help` lists VERB for every operation GROUP.VERB.
    @Test func everyOperationIsACommandLineVerb() throws {
        for (group, names) in Dictionary(grouping: Operation.all.map(\.name), by: { String($0.split(separator: ".")[0]) }) {
            let help = try roster([group, "--help"]).stdout
            for name in names {
                let verb = String(name.split(separator: ".")[1])
                #expect(help.contains("  \(verb) ") || help.contains("  \(verb)\n"), "`roster \(group) --help` lists \(verb)")
            }
        }
    }

    @Test func theDocsListEveryOperation() throws {
        let docs = try String(contentsOf: packageRoot.appendingPathComponent("content/changing-records.md"), encoding: .utf8)
        let listed = docs.components(separatedBy: "The operations are ").dropFirst().first ?? ""
        let sentence = listed.components(separatedBy: ". They run").first ?? ""
        let names = sentence.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        #expect(names == Operation.all.map(\.name))
    }
}
