import Testing

@testable import RosterCore

/// Where generated files may go (`build`, `serve`, the catalogue).
@Suite struct OutputFolderTests {
    /// Generated files never go into the repository's sources, its root, or a folder that holds
    /// the repository: `--out /` (what `--out "$DIR/"` gives with DIR unset) wrote the portal
    /// into the file system's root (an attacker's review, running as root).
    @Test func anOutputFolderThatHoldsTheRepositoryIsRefused() {
        let root = "/tmp/roster-repo"
        for output in ["/", "/tmp", root, root + "/data", root + "/data/x", root + "/.git", root + "/.roster-cache"] {
            #expect(OutputFolder.refusal(root: root, output: output) != nil, "\(output)")
        }
        for output in [root + "/_site", root + "/out/x", "/tmp/elsewhere", "/tmp/roster-repo-site"] {
            #expect(OutputFolder.refusal(root: root, output: output) == nil, "\(output)")
        }
    }
}
