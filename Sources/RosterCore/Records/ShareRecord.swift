/// One share (a product or data set): `data/shares/<id>.json`, and the orgs that receive it.
public struct ShareRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String
    /// In file order when loaded; sorted by org id when written.
    public var consumers: [ShareLink]

    public init(id: String, name: String, description: String = "", consumers: [ShareLink] = []) {
        self.id = id
        self.name = name
        self.description = description
        self.consumers = consumers
    }
}
