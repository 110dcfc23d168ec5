/// The outcome of applying operations in memory: the files to write, what the user should know,
/// and the new snapshot. Valid by construction: ``ChangeEngine/plan`` refuses an invalid result.
public struct ChangePlan: Sendable {
    public var files: [FileChange]
    public var notes: [String]
    /// Warnings the change leaves in the files it touches (an org with a member in no team...).
    public var warnings: [Finding]
    public var snapshot: Snapshot

    public var isEmpty: Bool { files.isEmpty }
}

extension ChangeEngine {
    /// Canonical bytes of every touched record, validation of the result, and the plan.
    func finish(original: Snapshot) throws(ChangeRefusal) -> ChangePlan {
        var result = snapshot
        var files: [FileChange] = []
        for org in result.orgs where touched.contains(org.path) {
            let bytes = RecordEncoder.canonicalBytes(org.record)
            if original.sources[org.path] != bytes { files.append(FileChange(path: org.path, old: original.sources[org.path], new: bytes)) }
            result.sources[org.path] = bytes
        }
        for share in result.shares where touched.contains(share.path) {
            let bytes = RecordEncoder.canonicalBytes(share.record)
            if original.sources[share.path] != bytes { files.append(FileChange(path: share.path, old: original.sources[share.path], new: bytes)) }
            result.sources[share.path] = bytes
        }
        if settingsTouched, let settings = result.marketplace {
            let path = Snapshot.marketplacePath
            let bytes = RecordEncoder.canonicalBytes(settings)
            if original.sources[path] != bytes { files.append(FileChange(path: path, old: original.sources[path], new: bytes)) }
            result.sources[path] = bytes
        }
        for path in removed.sorted() {
            files.append(FileChange(path: path, old: original.sources[path], new: nil))
            result.sources[path] = nil
        }
        for (path, bytes) in extraFiles.sorted(by: { $0.key < $1.key }) {
            files.append(FileChange(path: path, old: nil, new: bytes))
        }
        files.sort { $0.path < $1.path }

        // Per-org rules run on the orgs this change touched; rules across records run in full.
        // Settings apply to every org (minSuperAdmins, registration), so a settings change checks all.
        let changedOrgs = Set(files.map(\.path).filter { $0.hasPrefix(Snapshot.orgsDirectory + "/") })
        let findings = Validator.validate(result, options: ValidationOptions(today: context.today), orgPaths: settingsTouched ? nil : changedOrgs)
        let errors = findings.filter { $0.severity == .error }
        if !errors.isEmpty {
            throw ChangeRefusal(
                "the result would not be valid:\n" + errors.prefix(10).map { "  " + FindingReport.textLine($0) }.joined(separator: "\n"),
                findings: errors)
        }
        let touchedPaths = Set(files.map(\.path))
        return ChangePlan(files: files, notes: notes, warnings: findings.filter { touchedPaths.contains($0.path) }, snapshot: result)
    }
}
