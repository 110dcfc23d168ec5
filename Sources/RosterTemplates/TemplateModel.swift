import RosterCore

/// A page's values given as the template asks for them, instead of made before it renders: a
/// name is answered where it is written, straight into the page's bytes. The org page is
/// rendered 10,000 times; made first as ``TemplateFields``, its rows, their texts and their
/// release cost more than the rendering itself.
///
/// The model numbers its own levels (a page, its org, a member...) and rows: a
/// ``TemplatePlace`` names one of them. A level has a fixed set of names, as a
/// ``TemplateFields`` has: a name it does not have is looked for in the levels around it.
public protocol TemplateModel: AnyObject {
    /// What `key` gives at `place`: a value, a level, or a list of levels; nil when the place
    /// has no such name.
    func find(_ key: TemplateKey, at place: TemplatePlace) -> TemplateFound?

    /// Writes the value of `key` at `place` (escaped when asked) and returns true; a level or
    /// a list writes nothing, as with ``TemplateFields``. False when the place has no such name.
    /// The default writes what ``find(_:at:)`` gives.
    func write(_ key: TemplateKey, at place: TemplatePlace, escaped: Bool, into out: inout ByteSink) -> Bool
}

extension TemplateModel {
    public func write(_ key: TemplateKey, at place: TemplatePlace, escaped: Bool, into out: inout ByteSink) -> Bool {
        write(find(key, at: place), escaped: escaped, into: &out)
    }

    /// Writes `found` as ``write(_:at:escaped:into:)`` does; false when nothing was found.
    public func write(_ found: TemplateFound?, escaped: Bool, into out: inout ByteSink) -> Bool {
        guard let found else { return false }
        if case .value(let value) = found { TemplateRenderer.write(value, escaped: escaped, into: &out) }
        return true
    }
}

/// A level of a ``TemplateModel``: which (`scope`, the model's own numbering) and, in a list,
/// which row (`item`) of which list (`row`, for a list in a row of another).
public struct TemplatePlace: Sendable, Equatable {
    public var scope: Int32
    public var row: Int32
    public var item: Int32

    public init(scope: Int32, row: Int32 = 0, item: Int32 = 0) {
        (self.scope, self.row, self.item) = (scope, row, item)
    }
}

/// What a name of a ``TemplateModel`` gives.
public enum TemplateFound: Sendable {
    case value(TemplateValue)
    /// A level of the model, pushed by a section as a ``TemplateFields`` is (always true).
    case place(TemplatePlace)
    /// `count` levels, each `place` with `item` its index: a section goes through them as
    /// through a list of ``TemplateFields`` (false when empty).
    case rows(TemplatePlace, count: Int)

    var isTruthy: Bool {
        switch self {
        case .value(let value): value.isTruthy
        case .place: true
        case .rows(_, let count): count > 0
        }
    }
}

/// A frame of the renderer's stack: a value, or a level of the page's ``TemplateModel``.
public enum TemplateFrame: Sendable {
    case value(TemplateValue)
    case model(TemplatePlace)
}

/// Writing a model's values into a page, escaped or not, as the renderer writes its own.
public enum TemplateOutput {
    public static func text(_ s: String, escaped: Bool, into out: inout ByteSink) {
        guard escaped else { return s.withUTF8InPlace { out.appendBytes($0) } }
        HTMLEscape.append(s, to: &out)
    }

    public static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, escaped: Bool, into out: inout ByteSink) {
        escaped ? HTMLEscape.append(bytes: bytes, to: &out) : out.appendBytes(bytes)
    }
}
