/// A set of named values of a view model, in the order given (see ``TemplateKey``): built
/// with one allocation, looked up by comparing keys.
public struct TemplateFields: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The variadic literal's own array, kept as it is (no second allocation).
    let pairs: [(TemplateKey, TemplateValue)]

    public init(dictionaryLiteral elements: (TemplateKey, TemplateValue)...) {
        pairs = elements
    }

    /// The values of `pairs`, in their order.
    public init(_ pairs: [(TemplateKey, TemplateValue)]) {
        self.pairs = pairs
    }

    /// The value of `key`; when a key is given twice, the last one.
    public subscript(key: TemplateKey) -> TemplateValue? {
        index(of: key).map { pairs[$0].1 }
    }

    /// The position in ``pairs`` of the value of `key` (the last, when it is given twice), so
    /// that the renderer can read the value in place instead of copying it.
    func index(of key: TemplateKey) -> Int? {
        var k = pairs.count - 1
        while k >= 0 {
            if pairs[k].0 == key { return k }
            k -= 1
        }
        return nil
    }

    public static func == (a: TemplateFields, b: TemplateFields) -> Bool {
        a.pairs.count == b.pairs.count && zip(a.pairs, b.pairs).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }
}
