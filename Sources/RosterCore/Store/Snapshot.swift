/// An org together with its file, relative to the project root.
public typealias OrgFile = RecordFile<OrgRecord>
/// A share together with its file, relative to the project root.
public typealias ShareFile = RecordFile<ShareRecord>

/// Everything in a repository's `data/`, loaded once and then treated as a value.
/// Validation reads a snapshot; a change maps one snapshot to the next.
public struct Snapshot: Sendable {
    public static let marketplacePath = "data/marketplace.json"
    public static let orgsDirectory = "data/orgs"
    public static let sharesDirectory = "data/shares"

    public var marketplace: MarketplaceSettings?
    /// Sorted by path.
    public var orgs: [OrgFile]
    /// Sorted by path.
    public var shares: [ShareFile]
    /// The bytes each record file had when loaded, by path: positions of findings are resolved
    /// against them, and a write compares with them.
    public var sources: [String: [UInt8]]
    /// Problems found while reading and decoding files (syntax, types, unknown fields...).
    public var loadFindings: [Finding]
    /// Ids (file names) of org and share files that exist but could not be read as records;
    /// references to them are not reported again as unknown.
    public var unreadableOrgIDs: Set<String>
    public var unreadableShareIDs: Set<String>
    /// Paths of files written with an older schemaVersion (migrated in memory).
    public var outdatedPaths: Set<String>
    /// After a lean load, how to read again the files whose bytes were not kept.
    var unkept: UnkeptSources?
    /// After a load that validated as it read, the findings of the per-org rules, org by org.
    var checked: CheckedOrgs?
    /// The orgs the per-org rules found clean, when a build's load asked (``CleanOrgs``).
    public internal(set) var cleanOrgs: CleanOrgs?
    /// What a build's load would save of its decoded records (``saveRecords()``).
    var recordsToSave: RecordsToSave?
    /// How many record files a build's load took from the saved records, unread.
    public internal(set) var savedRecordsUsed = 0

    /// How many record files were read (kept in ``sources`` or not).
    public var filesRead: Int {
        sources.count + (unkept?.stamps.count ?? 0)
    }

    public init(
        marketplace: MarketplaceSettings? = nil, orgs: [OrgFile] = [], shares: [ShareFile] = [],
        sources: [String: [UInt8]] = [:], loadFindings: [Finding] = [],
        unreadableOrgIDs: Set<String> = [], unreadableShareIDs: Set<String> = [], outdatedPaths: Set<String> = []
    ) {
        self.marketplace = marketplace
        self.orgs = orgs
        self.shares = shares
        self.sources = sources
        self.loadFindings = loadFindings
        self.unreadableOrgIDs = unreadableOrgIDs
        self.unreadableShareIDs = unreadableShareIDs
        self.outdatedPaths = outdatedPaths
    }

    public static func orgPath(_ id: String) -> String { "\(orgsDirectory)/\(id).json" }
    public static func sharePath(_ id: String) -> String { "\(sharesDirectory)/\(id).json" }

    public func org(_ id: String) -> OrgFile? {
        orgs.first { $0.record.id == id }
    }

    public func share(_ id: String) -> ShareFile? {
        shares.first { $0.record.id == id }
    }

    /// The settings, or the defaults when `marketplace.json` is missing or unreadable.
    public var settings: MarketplaceSettings {
        marketplace ?? MarketplaceSettings(providerName: "")
    }
}
