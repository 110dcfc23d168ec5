/// Storage of a record shared by copies of its file until one of them changes it.
@usableFromInline
final class RecordBox<Value: Sendable>: @unchecked Sendable {
    @usableFromInline var value: Value
    @usableFromInline init(_ value: Value) { self.value = value }
}
