/// Templates ready to render: each one's operations, text and names in memory of their own,
/// read through pointers, and each `{{> partial}}` resolved to the template it names, once.
///
/// A render that looked each partial up by name hashed the name, and copied the template out
/// of the dictionary: five arrays retained and released, for every partial of every page, on
/// every core at once (the counts of the same arrays, shared by the threads, went from core to
/// core). A render through this holds the library and touches no count of a template.
final class ResolvedLibrary: @unchecked Sendable {
    // @unchecked: every buffer is written once, in `init`, before the library is shared, and
    // only read afterwards; `deinit` frees them when no render holds the library any more.

    /// Each template's program, by its index; `index[name]` is the index of `name`.
    let programs: UnsafeMutableBufferPointer<TemplateRenderer.Program>
    let index: [String: Int]
    private let ops: [UnsafeMutableBufferPointer<PageTemplate.Op>]
    private let text: [UnsafeMutableBufferPointer<UInt8>]
    private let names: [UnsafeMutableBufferPointer<PageTemplate.Name>]
    private let partials: [UnsafeMutableBufferPointer<Int>]

    /// `library`'s templates, and `root` (not named, index 0) when given: a template rendered
    /// with a library it is not in.
    init(_ library: [String: PageTemplate], root: PageTemplate? = nil) {
        let named = library.keys.sorted()
        let offset = root == nil ? 0 : 1
        var index: [String: Int] = [:]
        for (k, name) in named.enumerated() { index[name] = k + offset }
        let all = (root.map { [$0] } ?? []) + named.map { library[$0]! }
        func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
            _ = buffer.initialize(from: array)
            return buffer
        }
        ops = all.map { copy($0.ops) }
        text = all.map { copy($0.text) }
        names = all.map { copy($0.names) }
        // A partial not in the library is -1: it renders as nothing (a loaded set has none).
        partials = all.map { template in copy(template.partialNames.map { index[$0] ?? -1 }) }
        programs = .allocate(capacity: all.count)
        for k in all.indices {
            (programs.baseAddress! + k).initialize(
                to: TemplateRenderer.Program(
                    ops: UnsafeBufferPointer(ops[k]), text: UnsafeBufferPointer(text[k]), names: UnsafeBufferPointer(names[k]),
                    partials: UnsafeBufferPointer(partials[k])))
        }
        self.index = index
    }

    deinit {
        programs.deallocate()
        for buffer in ops { buffer.deallocate() }
        for buffer in text { buffer.deallocate() }
        for buffer in names {
            buffer.deinitialize()
            buffer.deallocate()
        }
        for buffer in partials { buffer.deallocate() }
    }
}
