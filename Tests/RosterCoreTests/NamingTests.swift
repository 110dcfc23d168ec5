import Testing
@testable import RosterCore

@Suite struct NamingTests {
    /// An id made from a name keeps every letter of it: accents are dropped, and the Latin
    /// letters that have no accent to drop are spelled out ("Ørsted" lost its "Ø" and became
    /// "rsted"; "Ünïcødé Ørg" became "unic-de-rg").
    @Test(arguments: [
        ("Acme Logistics GmbH", "acme-logistics-gmbh"),
        ("Ünïcødé Ørg — Straße & Söhne GmbH", "unicode-org-strasse-sohne-gmbh"),
        ("Ørsted Æble Œuvre", "orsted-aeble-oeuvre"),
        ("Łódź Þing Đakovo", "lodz-thing-dakovo"),
        ("ｗｉｄｅ  ２０２６", "wide-2026"),
    ])
    func anIdFromANameKeepsEveryLetter(name: String, id: String) {
        #expect(Naming.slug(name) == id)
    }
}
