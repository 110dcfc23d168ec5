extension String {
    /// Whether both texts are the same bytes. Swift's `==` also calls two texts equal when they
    /// are canonically equivalent: `"Kappa"` and `"\u{212A}appa"` (the Kelvin sign), `"ü"` and
    /// `"u\u{308}"`; a pull request that swaps one for the other changes the record's bytes, and
    /// what the portal, the export and SCIM publish, so the gate and the diff compare bytes.
    public func sameBytes(as other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}
