import ArgumentParser
import RosterCore
import RosterSynth
import RosterSite

struct RosterSynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster-synth",
        abstract: "Write a synthetic marketplace repository for benchmarks and tests.",
        discussion:
            "The same options and seed always give the same files. Example:\n  roster-synth --orgs 10000 --members-per-org 10 --shares 1000 /tmp/big"
    )

    @Option(help: "Number of consumer orgs.") var orgs: Int
    @Option(help: "Members in each org (pending orgs have only their requester).") var membersPerOrg: Int
    @Option(help: "Number of shares.") var shares: Int
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Argument(help: "The folder to write (created if needed).") var outDir: String

    func validate() throws {
        guard orgs >= 0, membersPerOrg >= 0, shares >= 0 else { throw ValidationError("counts must not be negative") }
    }

    func run() throws {
        let generator = SyntheticMarketplace(orgs: orgs, membersPerOrg: membersPerOrg, shares: shares, seed: seed)
        let files =
            Scaffold.files(providerName: "Synthetic Data Co")
            .filter { $0.path != Snapshot.marketplacePath && !$0.path.hasPrefix("schemas/") }
            .map { ($0.path, Array($0.text.utf8)) } + DefaultTemplates.files.map { ($0.path, Array($0.text.utf8)) } + generator.files()
        for (path, bytes) in files {
            try AtomicWriter.write(bytes, to: outDir + "/" + path, durable: false)
        }
        print("wrote \(files.count) files to \(outDir): \(orgs) orgs, \(shares) shares")
    }
}

RosterSynthCommand.main()
