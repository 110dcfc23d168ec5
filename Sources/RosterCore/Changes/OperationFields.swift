/// The fields of one batch entry, checked against its ``Operation`` (required ones present,
/// no others) before `make` reads them.
struct OperationFields {
    let values: [String: String]
    let role: Role?

    /// A required field: the reader has checked it is there.
    subscript(_ key: String) -> String { values[key]! }

    func optional(_ key: String) -> String? { values[key] }
}
