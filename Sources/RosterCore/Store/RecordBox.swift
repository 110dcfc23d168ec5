/// Storage of a record shared by copies of its file; a change makes a new box. The value is a
/// `let`: a `var` of a class may change while a function reads it, so each record handed to a
/// function from a box was copied first (a reference count per field, for every org in every
/// index, key and page), where a `let` is lent in place.
@usableFromInline
final class RecordBox<Value: Sendable>: Sendable {
    @usableFromInline let value: Value
    @usableFromInline init(_ value: Value) { self.value = value }
}
