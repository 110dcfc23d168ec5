/// The file name part of a record path: `data/orgs/acme.json` -> `acme`.
enum RecordFileName {
    static func id(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".json") ? String(name.dropLast(5)) : name
    }
}
