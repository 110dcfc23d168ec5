/// The record file kinds and where they live.
public enum RecordKind: String, Sendable, CaseIterable {
    case marketplace, org, share

    /// The `$schema` value a record of this kind carries, relative to its file.
    public var schemaReference: String {
        switch self {
        case .marketplace: "../schemas/marketplace.schema.json"
        case .org: "../../schemas/org.schema.json"
        case .share: "../../schemas/share.schema.json"
        }
    }

    public var schemaFileName: String { "\(rawValue).schema.json" }
}
