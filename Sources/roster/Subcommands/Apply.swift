import ArgumentParser
import Foundation
import RosterCore

extension Roster {
    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Apply a JSON batch of operations, all or nothing.",
            discussion: """
                The batch is a JSON array; each operation names its verb in "op" with a dot and carries \
                the verb's arguments and options under their names (org, name, id, email, first, last, \
                role, team, share, until, reason, confirm, description):

                  [{"op": "org.create", "name": "Initech"},
                   {"op": "member.invite", "org": "initech", "email": "peter@initech.example",
                    "first": "Peter", "last": "Gibbons", "role": "super-admin"}]

                Operations run in order on the same in-memory state; if one is refused, nothing is \
                written and the message names the operation's number (the first is 1). Use - to read standard input.

                Example:
                  # approve the pending Vandelay Imports, the batch read from standard input:
                  echo '[{"op": "org.approve", "org": "vandelay-imports"}]' | roster apply -
                """)

        @Argument(help: "The batch file, or - for standard input.") var file: String
        @OptionGroup var options: ChangeOptions

        func run() throws {
            let bytes: [UInt8]
            if file == "-" {
                do {
                    bytes = Array(try FileHandle.standardInput.readToEnd() ?? Data())
                } catch {
                    printError("roster: cannot read the batch from standard input: \(error.localizedDescription)")
                    throw ExitCode(1)
                }
            } else {
                guard let data = FileManager.default.contents(atPath: file) else {
                    printError("roster: cannot read \(file)")
                    throw ExitCode(1)
                }
                bytes = Array(data)
            }
            let operations: [Change]
            do {
                operations = try BatchReader.operations(from: bytes)
            } catch {
                // FILE:LINE:COLUMN: error: MESSAGE, as `roster validate` writes a finding.
                printError(TerminalText.escape("\(file == "-" ? "<stdin>" : file):\(error.line):\(error.column): error: \(error.message)"))
                throw ExitCode(1)
            }
            try runChange(operations, options)
        }
    }
}
