import RosterCore
import RosterTemplates

/// What the steps of one portal build hand on to the following ones (see ``BuildPipeline``).
/// A product is nil until the step that makes it has run.
struct BuildState {
    let output: SiteOutput
    var report = PortalBuilder.Report()
    var clock: BuildClock

    /// Checking inputs: what this build depends on besides its records (the stamps of every
    /// input file are empty in the preview), the manifest of this session's last build, and
    /// the one to compare with.
    var header = BuildManifest.Header()
    var remembered: BuildManifest?
    var previous: BuildManifest?
    /// The orgs the last build into this folder found clean (``CleanOrgs``), for `roster build`.
    var earlierClean: CleanOrgs?
    /// What `stat` said of each record file as the inputs were stamped (`roster build`).
    var recordStamps: RecordStamps?

    /// Reading and validating.
    var snapshot: Snapshot?
    /// The decoded records to save for the next build, once validation passed.
    var recordsToSave: (@Sendable () -> Bool)?
    /// Their save, under way while the pages are made; whether it made new entries.
    var savingRecords: Background<Bool>?

    /// Loading templates, docs and history.
    var templates = TemplateSet.empty
    var model: PortalModel?

    /// Rendering and writing: every output file, and what became of each.
    var jobs: [PortalBuilder.Job] = []
    var results: [PortalBuilder.JobResult] = []

    init(output: SiteOutput, clock: BuildClock) {
        self.output = output
        self.clock = clock
    }

    /// A product of an earlier step; the step list runs in order, so a missing one is a
    /// mistake in that list.
    static func made<T>(_ value: T?, by step: String) -> T {
        guard let value else { preconditionFailure("the build step \"\(step)\" has not run") }
        return value
    }
}

extension PortalBuilder {
    /// One output file: its path, the key of its inputs (when it is rendered from one record),
    /// and how to make its bytes.
    struct Job: Sendable {
        var path: String
        var key: String?
        var content: Content
        /// The only file of its folder, which holds no other folder (the page of one record,
        /// `orgs/ID/index.html`): into an output folder that was empty, its folder is made with
        /// it (``OutputWriter/write(pieces:to:alone:)``).
        var alone = false

        init(path: String, key: String?, make: @escaping @Sendable () -> [UInt8]) {
            (self.path, self.key, content) = (path, key, .whole(make))
        }

        /// Item `item` of a list made by one function (the page of one record): one closure for
        /// all of them instead of one each (200,000 of them held 12 MB at 100,000 orgs).
        init(path: String, key: String?, item: Int, of make: @escaping @Sendable (Int) -> [UInt8]) {
            (self.path, self.key, content) = (path, key, .item(item, make))
        }

        /// Item `item` of a list whose bytes `make` appends to the buffer it is given: a page,
        /// rendered into the buffer its thread reuses for every page it writes.
        init(path: String, key: String?, item: Int, into make: @escaping @Sendable (Int, inout [UInt8]) -> Void) {
            (self.path, self.key, content) = (path, key, .into(item, make))
        }

        init(path: String, key: String?, pieces: @escaping @Sendable (_ emit: ([UInt8]) -> Void) -> Void) {
            (self.path, self.key, content) = (path, key, .pieces(pieces))
        }

        /// How a file's bytes are made.
        enum Content: Sendable {
            case whole(@Sendable () -> [UInt8])
            case item(Int, @Sendable (Int) -> [UInt8])
            case into(Int, @Sendable (Int, inout [UInt8]) -> Void)
            /// In pieces, each handed to `emit` as it is made: a file about every org is never
            /// held whole (30 MB at 100,000 orgs, with its copies as it grew).
            case pieces(@Sendable (_ emit: ([UInt8]) -> Void) -> Void)
        }
    }

    /// What became of one ``Job``: rendered (or reused from the last build), written (or its
    /// bytes were already there), or the error writing it.
    struct JobResult: Sendable {
        var key: String?
        var rendered: Bool
        var wrote: Bool
        var error: SiteOutput.Failure?
    }

    /// How long one step of the build took.
    public struct StepTiming: Sendable, Equatable {
        public var step: String
        public var milliseconds: Int
    }
}
