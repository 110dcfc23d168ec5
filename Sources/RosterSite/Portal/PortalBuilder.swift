import Foundation
import RosterCore
import RosterTemplates

/// `roster build`: a list of named steps (``steps``), each printed as `[i/n] step` by the
/// ``BuildPipeline`` that runs them, that turn the repository into the portal. Pages render in
/// parallel; pages of records that did not change are not rendered again, and files whose
/// bytes would not change are not rewritten.
public struct PortalBuilder: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case html, markdown
    }

    public struct Options: Sendable {
        public var root: String
        public var output: String
        public var format: Format
        public var today: CalendarDate
        /// Script added to every HTML page (the preview's live reload); never in `roster build`.
        public var extraScript: String?
        /// What earlier builds of the same process (the preview) learned, reused where their
        /// inputs did not change; the manifest is then written by ``saveManifest()``.
        public var session: BuildSession?
        /// The path the site is served at (`/` in the preview), for the 404 page, which is
        /// served at other addresses; default: the path of the settings' `portal.baseURL`.
        public var sitePath: String?
        /// Threads that render and write pages; nil: one per core. The output is the same
        /// bytes whatever the number (a test builds with 1 and with several).
        public var workers: Int?
        /// Whether the build's records, model and pages are freed when it returns. A command
        /// that exits right after (`roster build`) says no: freeing 10,000 records one by one
        /// is work nobody waits for (9% of a one-org rebuild).
        public var freesMemory = true
        /// Whether the records decoded by an earlier `roster build` are read from
        /// `.roster-cache/records` under the root, and this build's saved there (``SavedRecords``
        /// in RosterCore); the preview keeps its own in memory.
        public var keepsRecords = false

        public init(
            root: String, output: String, format: Format = .html, today: CalendarDate = .today(),
            extraScript: String? = nil, session: BuildSession? = nil, sitePath: String? = nil
        ) {
            self.sitePath = sitePath
            self.root = root
            self.output = output
            self.format = format
            self.today = today
            self.extraScript = extraScript
            self.session = session
        }
    }

    public struct Report: Sendable {
        public var upToDate = false
        public var files = 0
        public var written = 0
        public var rendered = 0
        public var reused = 0
        public var removed = 0
        public var warnings: [Finding] = []
        /// How long each step that ran took.
        public var timings: [StepTiming] = []
    }

    /// Why a build stopped, and in which step.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public enum Cause: Error, Sendable, CustomStringConvertible {
            case invalid([Finding])
            case templates(TemplateSet.Failure)
            case docs(DocsSite.Failure)
            case output(SiteOutput.Failure)

            public var description: String {
                switch self {
                case .invalid(let findings):
                    findings.filter { $0.severity == .error }.map { FindingReport.textLine($0) }.joined(separator: "\n")
                        + "\nthe repository has errors (`roster validate` lists them); nothing was built"
                case .templates(let f): f.description
                case .docs(let f): f.description
                case .output(let f): f.description
                }
            }
        }

        public var cause: Cause
        /// The step that stopped, numbered as printed: `3/5 loading templates, docs and history`.
        public var step: String

        /// The cause's message, which names the file at fault and what to do.
        public var description: String { cause.description }
    }

    public let options: Options
    public var progress: @Sendable (String) -> Void

    /// Print the time of every step, however short.
    public var allTimings = false

    public init(options: Options, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.progress = progress
    }

    /// Runs ``steps`` in order (see ``BuildPipeline``).
    public func build() throws(Failure) -> Report {
        let output = SiteOutput(directory: options.output)
        var state = BuildState(output: output, clock: BuildClock(everyLap: allTimings, progress: progress))
        // A build that stopped on an error still lets the records' save finish (they passed
        // validation): cut short by the process's exit, it left its new file half written
        // beside the records (removed an hour later by another save).
        defer { _ = state.savingRecords?.wait() }
        state.report.timings = try BuildPipeline(steps: steps, progress: progress).run(&state)
        if !options.freesMemory { _ = Unmanaged.passRetained(Leftovers(state)) }
        return state.report
    }

    /// Renders and writes `jobs` on ``Options/workers`` threads; a page of one record whose key
    /// is the one the `previous` build recorded is not rendered again if its file is there:
    /// `existing[k]` (a file is at job k's path; empty: none is), or `trusted` (the previous
    /// build is this session's).
    func run(_ jobs: [Job], into writer: OutputWriter, previous: BuildManifest?, trusted: Bool, existing: [Bool]) -> [JobResult] {
        let earlier = previous?.generator == generator && previous?.format == options.format.rawValue ? previous : nil
        // The earlier build's keys by position when it listed the same paths in the same order
        // (the files of the same records and templates), else by path.
        let byPosition = earlier.flatMap { e in
            !e.keys.isEmpty && e.files.count == jobs.count && zip(e.files, jobs).allSatisfy { $0 == $1.path } ? e.keys : nil
        }
        let reusable = byPosition == nil ? earlier?.keyedPages ?? [:] : [:]
        // The jobs come first that show all records (the orgs list, the API lists, the search
        // index): the slowest, each gets a range of its own, so they run on all cores at once.
        let chunks = ParallelJobs.chunks(count: jobs.count, alone: jobs.prefix { $0.key == nil }.count, size: 32)
        // Each page's bytes are freed by the worker that wrote them (freeing 200 MB of pages
        // afterwards, on one thread, took 0.1 s); pages are rendered into one buffer a worker.
        let scratch: @Sendable () -> [UInt8] = { [UInt8](unsafeUninitializedCapacity: 32 * 1024) { $1 = 0 } }
        return ParallelJobs.map(count: jobs.count, chunks: chunks, workers: workers, scratch: scratch) { k, buffer -> JobResult in
            let job = jobs[k], key = job.key
            if let key, let earlierKey = byPosition?[k] ?? reusable[job.path], earlierKey == key, trusted || (k < existing.count && existing[k]) {
                return JobResult(key: key, rendered: false, wrote: false, error: nil)
            }
            do throws(SiteOutput.Failure) {
                let wrote: Bool
                switch job.content {
                case .whole(let make): wrote = try writer.write(make(), to: job.path)
                case .item(let item, let make): wrote = try writer.write(make(item), to: job.path)
                case .into(let item, let make):
                    buffer.removeAll(keepingCapacity: true)
                    make(item, &buffer)
                    wrote = try writer.write(buffer, to: job.path, alone: job.alone)
                case .pieces(let make): wrote = try writer.write(pieces: make, to: job.path)
                }
                return JobResult(key: key, rendered: true, wrote: wrote, error: nil)
            } catch {
                return JobResult(key: key, rendered: true, wrote: false, error: error)
            }
        }
    }

    /// What a build made, kept until the process exits (``Options/freesMemory``).
    final class Leftovers {
        let state: BuildState
        init(_ state: BuildState) { self.state = state }
    }

    /// Writes the manifest a build with a session kept in memory (the preview calls this after
    /// the reload went out), so a later `roster build` into the same folder knows its files.
    public func saveManifest() {
        guard let manifest = options.session?.takeUnsavedManifest() else { return }
        _ = try? SiteOutput(directory: options.output).write(manifest.bytes(), to: BuildManifest.fileName)
    }

    /// Threads that render and write (``Options/workers``).
    var workers: Int { options.workers ?? ParallelJobs.defaultWorkers }

    /// Names the renderer and the preview script, so outputs of another kind are not reused.
    var generator: String {
        BuildManifest.generator + (options.extraScript.map { "+script:" + $0 } ?? "")
    }
}

extension GitHistory {
    /// The commit HEAD names, or nil outside a git repository.
    public static func head(root: String) -> String? {
        run(["rev-parse", "--verify", "-q", "HEAD"], in: root)?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
