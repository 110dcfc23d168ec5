import Foundation

/// Ids derived from names, and the name checks every path shares with validation.
enum Naming {
    /// A readable id from a name: "Acme Logistics GmbH" -> "acme-logistics-gmbh",
    /// "Ørsted Søhne" -> "orsted-sohne". Accents are dropped, and the Latin letters that carry
    /// no accent to drop are spelled out (``spelledOut``): "Ø" left "rsted".
    static func slug(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var out = ""
        var dash = false
        for scalar in folded.unicodeScalars {
            let letters = spelledOut[scalar].map { Array($0.unicodeScalars) } ?? [scalar]
            for letter in letters {
                if (letter >= "a" && letter <= "z") || (letter >= "0" && letter <= "9") {
                    if dash, !out.isEmpty { out.append("-") }
                    out.unicodeScalars.append(letter)
                    dash = false
                } else {
                    dash = true
                }
            }
        }
        return String(out.prefix(63)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    /// Lower-case Latin letters that do not decompose into a letter and an accent, in ASCII.
    static let spelledOut: [Unicode.Scalar: String] = [
        "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i", "ŋ": "n", "ħ": "h", "ŧ": "t", "ß": "ss",
    ]

    /// The id to use: the given one (checked) or one derived from the name.
    static func id(_ given: String?, from name: String, what: String) throws(ChangeRefusal) -> String {
        let id = given ?? slug(name)
        guard Formats.isValidID(id) else {
            if given == nil {
                throw ChangeRefusal("cannot derive an id from the name \"\(name)\"; pass --id with lower-case letters, digits and '-'")
            }
            throw ChangeRefusal("\(what) id \"\(id)\" must match \(Limits.idPattern)")
        }
        return id
    }

    static func checkLength(_ name: String, _ range: ClosedRange<Int>, what: String) throws(ChangeRefusal) {
        let n = Formats.trimmedLength(name)
        guard range.contains(n) else {
            throw ChangeRefusal(
                "\(what) name \"\(name)\" has \(Plural.count(n, "character")); it needs \(range.lowerBound) to \(range.upperBound)")
        }
    }

    /// A normalized e-mail (trimmed, lower case), or a refusal.
    static func email(_ raw: String) throws(ChangeRefusal) -> String {
        // Checked before lower-casing: Unicode lower-casing maps look-alikes (the Kelvin sign)
        // onto ASCII letters, and would turn them into someone else's address.
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard Formats.isValidEmail(trimmed) else { throw ChangeRefusal("\(Quote.value(raw)) is not a valid e-mail address") }
        return trimmed.lowercased()
    }

    /// A git-host login, or nil when none was given; a refusal when it is not one.
    static func handle(_ raw: String?) throws(ChangeRefusal) -> String? {
        guard let raw else { return nil }
        let handle = raw.hasPrefix("@") ? String(raw.dropFirst()) : raw
        guard Formats.isValidHandle(handle) else {
            throw ChangeRefusal("--handle \"\(raw)\" is not a git-host login: letters, digits, '-', '_' and '.', at most 39 characters")
        }
        return handle
    }

    static func personName(_ value: String, _ field: String) throws(ChangeRefusal) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Limits.personName.contains(trimmed.count) else {
            throw ChangeRefusal("\(field) must have \(Limits.personName.lowerBound) to \(Limits.personName.upperBound) characters")
        }
        return trimmed
    }
}
