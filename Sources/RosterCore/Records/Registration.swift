/// A registration request, as Tyk's developer portal makes it, and the provider's decision.
public struct Registration: Sendable, Equatable {
    public enum Decision: String, Sendable, CaseIterable, Codable {
        case approved, rejected
    }

    public var requestedBy: String
    public var requestedAt: String
    public var decision: Decision?
    public var decidedBy: String?
    public var decidedAt: String?
    /// Why a request was rejected; required for a rejection.
    public var reason: String?

    public init(
        requestedBy: String, requestedAt: String, decision: Decision? = nil,
        decidedBy: String? = nil, decidedAt: String? = nil, reason: String? = nil
    ) {
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.decision = decision
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.reason = reason
    }
}
