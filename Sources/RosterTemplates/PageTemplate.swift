import RosterCore

/// A Mustache template compiled for the portal's view models (``TemplateValue``: texts,
/// numbers, booleans, lists and sets of named values).
///
/// swift-mustache rendered the 21,000 pages of a 10,000-org portal in 8 s of CPU, most of it in
/// dynamic casts of every looked-up value and per-Character HTML escaping. This renderer works
/// on typed values and escapes UTF-8 bytes. It implements the Mustache
/// tags the templates need: `{{name}}` (escaped), `{{{name}}}` and `{{& name}}` (raw),
/// `{{#name}}` / `{{^name}}` sections, `{{> partial}}`, `{{! comment}}`, dotted names and `.`;
/// standalone tag lines leave no blank line. An empty string, like false, nil and an empty
/// list, makes a section false.
///
/// The parsed tree is compiled once into a flat list of operations (``Op``) over one buffer of
/// text, with every name resolved to its ``TemplateKey``: rendering walks plain values, with
/// no reference counting of the template and no hashing of names for ``TemplateFields``.
public struct PageTemplate: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable([String], escaped: Bool)
        case section([String], inverted: Bool, [Node])
        case partial(String)
    }

    /// One name of a (dotted) path, with its key when the view models have one.
    struct Name: Sendable {
        let text: String
        let key: TemplateKey?
    }

    /// A step of the compiled template. Paths are ranges of ``names``; a section's body is the
    /// operations after it, up to `end`.
    enum Op: Sendable {
        case text(Range<Int>)
        case variable(Range<Int>, escaped: Bool)
        case section(Range<Int>, inverted: Bool, end: Int)
        case partial(Int)
    }

    public struct SyntaxError: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    let ops: [Op]
    let text: [UInt8]
    let names: [Name]
    let partialNames: [String]
    /// Names of the partials the template includes, with their positions (for checking).
    public let partials: [(name: String, line: Int, column: Int)]

    public init(_ source: String) throws(SyntaxError) {
        var parser = TemplateParser(bytes: Array(source.utf8))
        var compiler = Compiler()
        compiler.compile(try parser.parse())
        (ops, text, names, partialNames) = (compiler.ops, compiler.text, compiler.names, compiler.partialNames)
        partials = parser.partials
    }

    /// Turns the parsed tree into ``Op``s.
    struct Compiler {
        var ops: [Op] = []
        var text: [UInt8] = []
        var names: [Name] = []
        var partialNames: [String] = []

        mutating func path(_ parts: [String]) -> Range<Int> {
            let start = names.count
            names += parts.map { Name(text: $0, key: TemplateKey(rawValue: $0)) }
            return start..<names.count
        }

        mutating func compile(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text(let bytes):
                    text += bytes
                    ops.append(.text((text.count - bytes.count)..<text.count))
                case .variable(let parts, let escaped):
                    ops.append(.variable(path(parts), escaped: escaped))
                case .section(let parts, let inverted, let children):
                    let at = ops.count
                    ops.append(.text(0..<0))
                    let range = path(parts)
                    compile(children)
                    ops[at] = .section(range, inverted: inverted, end: ops.count)
                case .partial(let name):
                    partialNames.append(name)
                    ops.append(.partial(partialNames.count - 1))
                }
            }
        }
    }

    /// Renders with `context`, looking partials up in `library`.
    /// With `escape: false` (plain-text e-mails), `{{name}}` writes the value as it is.
    public func render(_ context: [String: TemplateValue], library: [String: PageTemplate], escape: Bool = true) -> [UInt8] {
        render(frames: [.object(context)], library: library, escape: escape)
    }

    /// Renders with a stack of values, the last looked at first: a page's own values over the
    /// frame every page shares, without merging them into one.
    public func render(frames: [TemplateValue], library: [String: PageTemplate], escape: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        render(frames: frames, library: library, escape: escape, into: &out)
        return out
    }

    /// Renders with a stack of values after the bytes `out` holds: a thread that renders
    /// thousands of pages reuses one buffer instead of growing one for each. The renderer
    /// writes into a ``ByteSink`` of its own, copied into `out` at once.
    /// (A set of templates renders through its own ``ResolvedLibrary``, made once: here one is
    /// made for the call.)
    public func render(frames: [TemplateValue], library: [String: PageTemplate], escape: Bool = true, into out: inout [UInt8]) {
        ResolvedLibrary(library, root: self).render(0, frames: frames.map(TemplateFrame.value), model: nil, escape: escape, into: &out)
    }

    /// Renders with a stack of values and levels of `model` (``TemplateModel``), the last
    /// looked at first, after the bytes `out` holds.
    public func render(frames: [TemplateFrame], model: any TemplateModel, library: [String: PageTemplate], into out: inout [UInt8]) {
        ResolvedLibrary(library, root: self).render(0, frames: frames, model: model, escape: true, into: &out)
    }
}

extension ResolvedLibrary {
    /// Renders the template at `index` with a stack of `frames` (and levels of `model`), after
    /// the bytes `out` holds.
    func render(_ index: Int, frames: [TemplateFrame], model: (any TemplateModel)?, escape: Bool, into out: inout [UInt8]) {
        // Room for the sections' frames: grown from the page's own, the stack was copied anew
        // on each of 10,000 pages.
        var stack = frames
        stack.reserveCapacity(frames.count + 6)
        var sink = ByteSink(capacity: 16_384)
        withExtendedLifetime(self) {
            var renderer = TemplateRenderer(programs: UnsafeBufferPointer(programs), escape: escape, stack: stack, model: model)
            renderer.run(index, depth: 0, into: &sink)
        }
        sink.appendAll(to: &out)
    }
}
