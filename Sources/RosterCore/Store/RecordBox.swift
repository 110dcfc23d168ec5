/// Storage of a record shared by copies of its file until one of them changes it.
final class RecordBox<Value: Sendable>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
