import Foundation
import RosterCore

/// Reads a SCIM service provider: what it supports, and the Users and Groups roster owns, page by
/// page (`startIndex`/`count`, RFC 7644 section 3.4.2.4), filtered on the server when it filters.
public struct SCIMReader: Sendable {
    /// What the service provider says it supports (`/ServiceProviderConfig`).
    public struct Capabilities: Sendable {
        public var patch: Bool
        public var filter: Bool
        public var maxResults: Int?
    }

    let transport: SCIMTransport
    public var pageSize = 500
    /// The most resources one listing may hold. A server that claims more, or keeps listing
    /// fresh ids (which the check for a repeated id never catches), would keep roster reading,
    /// and its memory growing, for ever.
    public var maxListed = 100_000

    public init(transport: SCIMTransport) {
        self.transport = transport
    }

    public func capabilities() async throws(SCIMError) -> Capabilities {
        let response = try await transport.send("GET", "ServiceProviderConfig", resource: "ServiceProviderConfig")
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
        let patch = (object["patch"] as? [String: Any])?["supported"] as? Bool ?? false
        let filter = object["filter"] as? [String: Any]
        return Capabilities(patch: patch, filter: filter?["supported"] as? Bool ?? false, maxResults: filter?["maxResults"] as? Int)
    }

    /// Every User the server lists; only those roster owns when the server filters (the caller
    /// checks ownership again on each one, in case a server ignores the filter).
    public func users(_ caps: Capabilities) async throws(SCIMError) -> [SyncState.User] {
        let filter = caps.filter ? "userType eq \(Self.quoted(SyncState.ownerMark))" : nil
        return try await list("Users", filter: filter, caps).compactMap(Self.user)
    }

    public func groups(_ caps: Capabilities) async throws(SCIMError) -> [SyncState.Group] {
        let filter = caps.filter ? "externalId sw \(Self.quoted(SyncState.groupPrefix))" : nil
        return try await list("Groups", filter: filter, caps).compactMap(Self.group)
    }

    /// A string as a filter's value (RFC 7644 section 3.4.2.2: a JSON string).
    static func quoted(_ value: String) -> String {
        String(decoding: JSONWriter.canonicalBytes(JSONNode(.string(value))).dropLast(), as: UTF8.self)
    }

    /// How many resources `endpoint` holds in all (`count=0` asks for the total alone).
    public func total(_ endpoint: String) async throws(SCIMError) -> Int? {
        let query = [URLQueryItem(name: "startIndex", value: "1"), URLQueryItem(name: "count", value: "0")]
        let response = try await transport.send("GET", endpoint, query: query, resource: endpoint)
        return ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any])?["totalResults"] as? Int
    }

    /// Every resource of `endpoint`, page by page, until it holds `totalResults` (without one,
    /// until an empty page). A listing that ends before its `totalResults` is refused, and so is
    /// one that shows one resource twice (a server that ignores `startIndex`, or pages that
    /// shifted while roster read them): planned from it, the copy would look like a second user
    /// with the same `externalId`, and the user the records keep would be deactivated or deleted
    /// as an extra. So is one that claims, or holds, more than `maxListed` resources.
    func list(_ endpoint: String, filter: String?, _ caps: Capabilities) async throws(SCIMError) -> [[String: Any]] {
        var all: [[String: Any]] = []
        var seen = Set<String>()
        var start = 1
        // A maxResults of 0 (or less) would ask for empty pages: it is no limit roster can use.
        let count = min(pageSize, caps.maxResults.flatMap { $0 > 0 ? $0 : nil } ?? pageSize)
        while true {
            var query = [URLQueryItem(name: "startIndex", value: String(start)), URLQueryItem(name: "count", value: String(count))]
            if let filter { query.append(URLQueryItem(name: "filter", value: filter)) }
            let response = try await transport.send("GET", endpoint, query: query, resource: "\(endpoint) from \(start)")
            guard let page = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else {
                throw SCIMError(resource: endpoint, status: response.status, detail: "the answer is not a SCIM ListResponse")
            }
            let resources = page["Resources"] as? [[String: Any]] ?? []
            for resource in resources {
                guard let id = resource["id"] as? String, !seen.insert(id).inserted else { continue }
                throw SCIMError(
                    resource: "\(endpoint) from \(start)", status: nil,
                    detail:
                        "the listing shows the resource with id \(id) a second time (the server ignores startIndex, or its pages shifted while roster read them); nothing was changed, run again"
                )
            }
            let total = page["totalResults"] as? Int
            if let total, total > maxListed {
                throw SCIMError(
                    resource: "\(endpoint) from \(start)", status: nil,
                    detail:
                        "the listing claims \(total) resources (totalResults), more than the \(maxListed) roster reads from one listing (--max-listing); nothing was changed"
                )
            }
            if all.count + resources.count > maxListed {
                throw SCIMError(
                    resource: "\(endpoint) from \(start)", status: nil,
                    detail:
                        "the listing holds more than the \(maxListed) resources roster reads from one listing (--max-listing); nothing was changed")
            }
            all += resources
            if let total, all.count >= total { return all }
            if resources.isEmpty {
                guard let total else { return all }
                // Planned from part of the listing, roster would create again what it did not see.
                throw SCIMError(
                    resource: "\(endpoint) from \(start)", status: nil,
                    detail: "the listing ends after \(all.count) of the \(total) resources its totalResults counts; nothing was changed")
            }
            start += resources.count
        }
    }

    static func user(_ o: [String: Any]) -> SyncState.User? {
        guard let id = o["id"] as? String else { return nil }
        let name = o["name"] as? [String: Any] ?? [:]
        let emails = o["emails"] as? [[String: Any]] ?? []
        let email = (emails.first { $0["primary"] as? Bool == true } ?? emails.first)?["value"] as? String
        let values = { (key: String) in (o[key] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String } }
        let enterprise = o[SCIMDocuments.enterpriseSchema] as? [String: Any]
        let fields = SyncState.UserFields(
            userName: o["userName"] as? String ?? "", givenName: name["givenName"] as? String ?? "",
            familyName: name["familyName"] as? String ?? "", active: o["active"] as? Bool ?? true, email: email,
            roles: values("roles"), entitlements: values("entitlements"), organization: enterprise?["organization"] as? String)
        return SyncState.User(id: id, externalId: o["externalId"] as? String, userType: o["userType"] as? String, fields: fields)
    }

    static func group(_ o: [String: Any]) -> SyncState.Group? {
        guard let id = o["id"] as? String else { return nil }
        let members = (o["members"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
        return SyncState.Group(id: id, externalId: o["externalId"] as? String, displayName: o["displayName"] as? String ?? "", memberIDs: members)
    }
}
