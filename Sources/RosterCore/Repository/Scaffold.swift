/// The records, schemas and starter docs of a new marketplace repository. `roster init` adds
/// the default templates from RosterSite.
public enum Scaffold {
    public struct File: Sendable {
        public var path: String
        public var text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    public static func files(providerName: String) -> [File] {
        var settings = MarketplaceSettings(providerName: providerName)
        settings.portal.title = "\(providerName) consumer orgs"
        var files = [
            File(path: Snapshot.marketplacePath, text: String(decoding: RecordEncoder.canonicalBytes(settings), as: UTF8.self)),
            File(path: Snapshot.orgsDirectory + "/.gitkeep", text: ""),
            File(path: Snapshot.sharesDirectory + "/.gitkeep", text: ""),
            File(path: ".gitignore", text: "_site/\n.roster.lock\n.roster-cache/\n"),
            File(path: "content/getting-started.md", text: gettingStarted(providerName)),
        ]
        for kind in RecordKind.allCases {
            files.append(File(path: "schemas/" + kind.schemaFileName, text: JSONSchemas.canonicalText(for: kind)))
        }
        return files
    }

    static func gettingStarted(_ provider: String) -> String {
        """
        ---
        title: Getting started
        weight: 10
        ---

        # Getting started

        This repository keeps the consumer organizations of **\(provider)** as code.
        Each org lives in `data/orgs/<org-id>.json`, each share in `data/shares/<share-id>.json`,
        and the marketplace settings in `data/marketplace.json`.

        ```sh
        roster org create "Initech"
        roster member invite initech peter@initech.example --first Peter --last Gibbons --role super-admin
        roster validate
        ```

        Every change goes through a pull request; CI runs `roster check` on it.

        """
    }
}
