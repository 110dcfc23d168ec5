import Foundation

extension GitReader {
    /// `git config user.email` in the repository (its own, else the user's), lower-cased, when
    /// it is set to a valid address: the default actor of a change, as git knows the user.
    public func configuredEmail() -> String? {
        guard let out = try? git(["config", "--get", "user.email"]) else { return nil }
        let email = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return Formats.isValidEmail(email) ? email : nil
    }
}
