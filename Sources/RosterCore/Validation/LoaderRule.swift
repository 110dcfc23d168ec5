/// The rules the loader applies while it reads files (syntax, types, unknown fields, links):
/// each id and summary written once, here. Their findings come with the snapshot; the docs'
/// rule table lists them before the semantic rules (``Validator/rules``).
public enum LoaderRule: String, CaseIterable, Sendable {
    case jsonSyntax = "json-syntax"
    case jsonBOM = "json-bom"
    case jsonDuplicateKey = "json-duplicate-key"
    case jsonTrailingComma = "json-trailing-comma"
    case unknownField = "unknown-field"
    case wrongType = "wrong-type"
    case missingField = "missing-field"
    case invalidValue = "invalid-value"
    case idFilename = "id-filename"
    case symlink = "symlink"
    case fileUnreadable = "file-unreadable"
    case schemaVersionNewer = "schema-version-newer"
    case schemaVersionOld = "schema-version-old"
    case strayFile = "stray-file"
    case interruptedChange = "interrupted-change"

    /// The rule's id, as findings and the docs name it.
    public var id: String { rawValue }

    /// What the rule asks for, one line of the docs' rule table.
    public var summary: String {
        switch self {
        case .jsonSyntax: "the file is valid JSON"
        case .jsonBOM: "no byte order mark"
        case .jsonDuplicateKey: "no key appears twice in an object"
        case .jsonTrailingComma: "no comma before a closing bracket"
        case .unknownField: "only documented fields (typo protection)"
        case .wrongType: "each field has its documented type"
        case .missingField: "required fields are present"
        case .invalidValue: "enumerated fields hold one of their values"
        case .idFilename: "a record's id equals its file name"
        case .symlink: "no symbolic link under data/, content/ or site-templates/ (files or folders)"
        case .fileUnreadable: "record files can be read"
        case .schemaVersionNewer: "the file's schemaVersion is one this roster understands"
        case .schemaVersionOld: "the file's schemaVersion is current (warning; `roster migrate` fixes it)"
        case .strayFile: "data/orgs and data/shares hold only .json records (warning)"
        case .interruptedChange: "no change was interrupted halfway (`roster unlock` completes it)"
        }
    }
}
