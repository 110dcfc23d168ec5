/// A value a template shows. The view models are built from these, so rendering a page needs
/// no dynamic casts: with `[String: Any]` view models, casting every looked-up value (and each
/// row of a 10,000-row list, to learn that it is a list of rows) cost more than the rest of
/// the rendering together.
public enum TemplateValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// Named values of the portal's most frequent pages (``TemplateKey``).
    case fields(TemplateFields)
    /// A list of ``TemplateFields`` rows, kept as they are (each is pushed as `.fields`).
    case fieldList([TemplateFields])

    /// A list of rows, each a set of named values.
    public static func rows(_ rows: [[String: TemplateValue]]) -> TemplateValue {
        .list(rows.map(TemplateValue.object))
    }

    /// A list of rows of ``TemplateFields``.
    public static func fieldRows(_ rows: [TemplateFields]) -> TemplateValue {
        .fieldList(rows)
    }

    /// A list of texts.
    public static func strings(_ items: [String]) -> TemplateValue {
        .list(items.map(TemplateValue.string))
    }

    /// False, an empty text and an empty list make a section false (Mustache, plus empty text).
    var isTruthy: Bool {
        switch self {
        case .bool(let b): b
        case .string(let s): !s.isEmpty
        case .list(let items): !items.isEmpty
        case .fieldList(let rows): !rows.isEmpty
        case .int, .object, .fields: true
        }
    }
}

extension TemplateValue: ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
