import RosterCore

/// Renders a compiled ``PageTemplate`` into bytes: a stack of values and levels of a
/// ``TemplateModel`` (a section pushes its value, or each row of a level's list; a name is
/// looked up from the top down, as Mustache says), escaping by default.
///
/// The bytes go into a ``ByteSink``: into an array, each piece and escaped run checked the
/// array's room and uniqueness. They are an `inout` argument, not a property, so that a variable is written from
/// the frame that has it: returning each value found copied it, and every frame looked at on
/// the way, a reference count taken and dropped for each (at 10,000 orgs, the rendering went
/// from 10.5% to 9.3% of the build's CPU samples).
struct TemplateRenderer {
    /// The templates (``ResolvedLibrary``), held by the caller for the render.
    let programs: UnsafeBufferPointer<Program>
    /// False for plain-text e-mails: `{{name}}` writes the value as it is.
    let escape: Bool
    var stack: [TemplateFrame]
    /// The model whose levels the stack's `.model` frames are (``TemplateModel``).
    let model: (any TemplateModel)?

    /// A template's operations, text and names, and the index in ``programs`` of each partial
    /// it includes (-1: none such).
    struct Program {
        let ops: UnsafeBufferPointer<PageTemplate.Op>
        let text: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<PageTemplate.Name>
        let partials: UnsafeBufferPointer<Int>
    }

    /// Renders the template at `index` of ``programs``.
    mutating func run(_ index: Int, depth: Int, into out: inout ByteSink) {
        let program = programs[index]
        run(program, 0..<program.ops.count, depth: depth, into: &out)
    }

    mutating func run(_ p: Program, _ range: Range<Int>, depth: Int, into out: inout ByteSink) {
        var i = range.lowerBound
        while i < range.upperBound {
            switch p.ops[i] {
            case .text(let bytes):
                out.appendBytes(UnsafeBufferPointer(rebasing: p.text[bytes]))
            case .variable(let path, let escaped):
                write(p.names[path], escaped: escaped && escape, into: &out)
            case .section(let path, let inverted, let end):
                section(p, path, inverted: inverted, body: (i + 1)..<end, depth: depth, into: &out)
                i = end
                continue
            case .partial(let n):
                // Depth-limited, so a partial that includes itself cannot recurse forever.
                if depth < 16, p.partials[n] >= 0 { run(p.partials[n], depth: depth + 1, into: &out) }
            }
            i += 1
        }
    }

    mutating func section(_ p: Program, _ path: Range<Int>, inverted: Bool, body: Range<Int>, depth: Int, into out: inout ByteSink) {
        let found = lookup(p.names[path])
        if inverted {
            if found?.isTruthy != true { run(p, body, depth: depth, into: &out) }
            return
        }
        guard let found, found.isTruthy else { return }
        switch found {
        case .value(.list(let items)):
            for item in items {
                stack.append(.value(item))
                run(p, body, depth: depth, into: &out)
                stack.removeLast()
            }
        case .value(.fieldList(let rows)):
            for row in rows {
                stack.append(.value(.fields(row)))
                run(p, body, depth: depth, into: &out)
                stack.removeLast()
            }
        case .value(let value):
            stack.append(.value(value))
            run(p, body, depth: depth, into: &out)
            stack.removeLast()
        case .place(let place):
            stack.append(.model(place))
            run(p, body, depth: depth, into: &out)
            stack.removeLast()
        case .rows(let place, let count):
            for item in 0..<count {
                stack.append(.model(TemplatePlace(scope: place.scope, row: place.row, item: Int32(item))))
                run(p, body, depth: depth, into: &out)
                stack.removeLast()
            }
        }
    }

    /// The first frame (from the top) that has the first name; the rest of a dotted name is
    /// looked up in that value only, as the Mustache spec says.
    func lookup(_ path: Slice<UnsafeBufferPointer<PageTemplate.Name>>) -> TemplateFound? {
        guard let first = path.first else {
            switch stack.last {
            case .value(let value): return .value(value)
            case .model(let place): return .place(place)
            case nil: return nil
            }
        }
        var found: TemplateFound?
        var k = stack.count - 1
        while k >= 0, found == nil {
            switch stack[k] {
            case .value(let value): found = Self.member(value, first).map(TemplateFound.value)
            case .model(let place): found = member(.place(place), first)
            }
            k -= 1
        }
        for name in path.dropFirst() {
            guard let outer = found else { return nil }
            found = member(outer, name)
        }
        return found
    }

    func member(_ found: TemplateFound, _ name: PageTemplate.Name) -> TemplateFound? {
        switch found {
        case .value(let value): Self.member(value, name).map(TemplateFound.value)
        case .place(let place): name.key.flatMap { model?.find($0, at: place) }
        case .rows: nil
        }
    }

    static func member(_ value: TemplateValue, _ name: PageTemplate.Name) -> TemplateValue? {
        switch value {
        case .fields(let fields): name.key.flatMap { fields[$0] }
        case .object(let names): names[name.text]
        default: nil
        }
    }

    /// Writes the value of `path`. A plain name (nearly every one) is written from the frame
    /// that has it, in place; a dotted name or `.` is looked up.
    func write(_ path: Slice<UnsafeBufferPointer<PageTemplate.Name>>, escaped: Bool, into out: inout ByteSink) {
        guard path.count == 1 else {
            if case .value(let value)? = lookup(path) { Self.write(value, escaped: escaped, into: &out) }
            return
        }
        let name = path[path.startIndex], model = model
        stack.withUnsafeBufferPointer { frames in
            var k = frames.count - 1
            while k >= 0 {
                if Self.write(name, of: frames[k], model: model, escaped: escaped, into: &out) { return }
                k -= 1
            }
        }
    }

    /// Writes the member `name` of `frame`; false when the frame has no such member.
    static func write(
        _ name: PageTemplate.Name, of frame: borrowing TemplateFrame, model: (any TemplateModel)?, escaped: Bool, into out: inout ByteSink
    ) -> Bool {
        switch frame {
        case .value(.fields(let fields)):
            guard let key = name.key, let k = fields.index(of: key) else { return false }
            write(fields.pairs[k].1, escaped: escaped, into: &out)
            return true
        case .value(.object(let names)):
            guard let value = names[name.text] else { return false }
            write(value, escaped: escaped, into: &out)
            return true
        case .value:
            return false
        case .model(let place):
            guard let key = name.key, let model else { return false }
            return model.write(key, at: place, escaped: escaped, into: &out)
        }
    }

    static func write(_ value: borrowing TemplateValue, escaped: Bool, into out: inout ByteSink) {
        switch value {
        case .string(let s): TemplateOutput.text(s, escaped: escaped, into: &out)
        case .int(let n): TemplateOutput.text(String(n), escaped: false, into: &out)
        case .bool(let b): out.append(b ? "true" : "false")
        case .list, .object, .fields, .fieldList: break
        }
    }
}
