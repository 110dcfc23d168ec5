import Dispatch
import Foundation
import RosterCore

/// `roster build`: a list of named steps, each printed as `[i/n] step`, that turn the
/// repository into the portal. Pages render in parallel; pages of records that did not change
/// are not rendered again, and files whose bytes would not change are not rewritten.
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
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
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

    /// One output file: its path, the key of its inputs (when it is rendered from one record),
    /// and how to make its bytes.
    struct Job: Sendable {
        var path: String
        var key: String?
        var make: @Sendable () -> [UInt8]
    }

    public let options: Options
    public var progress: @Sendable (String) -> Void

    /// Print the time of every step, however short.
    public var allTimings = false

    public init(options: Options, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.progress = progress
    }

    static let stepCount = 5

    func step(_ n: Int, _ name: String) {
        progress("[\(n)/\(Self.stepCount)] \(name)")
    }

    /// Reports how long a step took, once it is done: when it took 100 ms or more, or
    /// always with `allTimings` (`roster serve --verbose`).
    func finished(_ started: DispatchTime, _ name: String) {
        let ms = Int(Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6)
        if ms >= 100 || allTimings { progress("      \(name) took \(ms) ms") }
    }

    public func build() throws(Failure) -> Report {
        let output = SiteOutput(directory: options.output)
        let session = options.session
        var report = Report()

        step(1, "checking inputs")
        // The preview rebuilds when a watched file changed, so it skips the fingerprint of every
        // input file (it tells whether anything changed) and keeps its manifest in memory.
        let stamps = session == nil ? BuildManifest.stamps(root: options.root) : ""
        let head = GitHistory.head(root: options.root) ?? ""
        let remembered = session?.lastManifest()
        let previous = remembered ?? BuildManifest.load(output)
        if session == nil, let previous, previous.generator == generator, previous.format == options.format.rawValue,
            previous.inputs == stamps, previous.head == head, output.allExist(previous.files)
        {
            report.upToDate = true
            report.files = previous.files.count
            withExtendedLifetime(previous) {}
            return report
        }

        var clock = DispatchTime.now()
        step(2, "reading and validating records")
        let snapshot = RecordStore.load(root: options.root, cache: session?.records)
        finished(clock, "reading"); clock = DispatchTime.now()
        let findings = Validator.validate(snapshot, options: ValidationOptions(today: options.today), memo: session?.validation)
        if findings.contains(where: { $0.severity == .error }) { throw .invalid(findings) }
        report.warnings = findings

        finished(clock, "validating"); clock = DispatchTime.now()
        step(3, "loading templates, docs and history")
        let templates: TemplateSet
        let docs: DocsSite
        do {
            templates = options.format == .html ? try TemplateSet.load(directory: options.root + "/site-templates") : TemplateSet.empty
        } catch {
            throw .templates(error)
        }
        do {
            docs = try DocsSite.load(directory: options.root + "/content")
        } catch {
            throw .docs(error)
        }
        let root = options.root
        let history = session?.history(head: head) { GitHistory.load(root: root, head: head) } ?? GitHistory.load(root: root, head: head)
        finished(clock, "loading"); clock = DispatchTime.now()
        let model = PortalModel(snapshot: snapshot, docs: docs, history: history, today: options.today)
        finished(clock, "indexing"); clock = DispatchTime.now()
        step(4, "rendering and writing pages")
        let jobs = options.format == .html ? htmlJobs(model, templates) : MarkdownCatalogue.jobs(model)
        finished(clock, "listing pages"); clock = DispatchTime.now()
        // Every output path is known and checked before the first write: a refused build
        // leaves the output folder as it was.
        do {
            try output.checkTargets(jobs.map(\.path) + (session == nil ? [BuildManifest.fileName] : []), files: remembered == nil)
        } catch {
            throw .output(error)
        }
        let reusable = previous?.generator == generator && previous?.format == options.format.rawValue ? previous?.pages ?? [:] : [:]
        // The jobs come first that show all records (the orgs list, the API lists, the search
        // index): the slowest, each gets a range of its own, so they run on all cores at once.
        let heavy = jobs.prefix { $0.key == nil }.count
        let chunks = (0..<heavy).map { $0..<($0 + 1) } + stride(from: heavy, to: jobs.count, by: 32).map { $0..<min(jobs.count, $0 + 32) }
        // Files of a build this session made are trusted to be there; a manifest read from
        // the folder is checked file by file.
        let trusted = remembered != nil
        // Each page's bytes are freed by the worker that wrote them (freeing 200 MB of pages
        // afterwards, on one thread, took 0.1 s).
        let results = parallelMap(jobs, chunks: chunks) { job -> (key: String?, rendered: Bool, wrote: Bool, error: SiteOutput.Failure?) in
            let key = job.key
            if let key, reusable[job.path] == key, trusted || output.exists(job.path) { return (key, false, false, nil) }
            do throws(SiteOutput.Failure) {
                return (key, true, try output.write(job.make(), to: job.path), nil)
            } catch {
                return (key, true, false, error)
            }
        }

        finished(clock, "rendering and writing"); clock = DispatchTime.now()
        step(5, "writing the manifest, removing stale files")
        var manifest = BuildManifest(generator: generator, format: options.format.rawValue, inputs: stamps, head: head)
        manifest.files.reserveCapacity(jobs.count)
        for (job, result) in zip(jobs, results) {
            if let error = result.error { throw .output(error) }
            if result.rendered { report.rendered += 1 } else { report.reused += 1 }
            if result.wrote { report.written += 1 }
            if let key = result.key { manifest.pages[job.path] = key }
            manifest.files.append(job.path)
        }
        if let stale = previous?.files, stale != manifest.files {
            let current = Set(manifest.files)
            for path in stale where !current.contains(path) {
                output.remove(path)
                report.removed += 1
            }
        }
        report.files = manifest.files.count
        finished(clock, "removing stale files"); clock = DispatchTime.now()
        if let session {
            session.finished(manifest)
        } else {
            do { try output.write(manifest.bytes(), to: BuildManifest.fileName) } catch { throw .output(error) }
            finished(clock, "writing the manifest")
        }
        return report
    }

    /// Writes the manifest a build with a session kept in memory (the preview calls this after
    /// the reload went out), so a later `roster build` into the same folder knows its files.
    public func saveManifest() {
        guard let manifest = options.session?.takeUnsavedManifest() else { return }
        _ = try? SiteOutput(directory: options.output).write(manifest.bytes(), to: BuildManifest.fileName)
    }

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
