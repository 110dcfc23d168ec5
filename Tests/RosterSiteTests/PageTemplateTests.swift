import Testing
import RosterCore
@testable import RosterSite
@testable import RosterTemplates

@Suite struct PageTemplateTests {
    func render(_ text: String, _ context: [String: TemplateValue], partials: [String: String] = [:]) throws -> String {
        var library: [String: PageTemplate] = [:]
        for (name, source) in partials { library[name] = try PageTemplate(source) }
        return String(decoding: try PageTemplate(text).render(context, library: library), as: UTF8.self)
    }

    @Test func variablesAreEscapedUnlessTriple() throws {
        let context: [String: TemplateValue] = ["x": "<a href=\"j\">'&'</a>", "n": 3]
        #expect(
            try render("{{x}}|{{{x}}}|{{& x}}|{{n}}|{{missing}}", context)
                == "&lt;a href=&quot;j&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;|<a href=\"j\">'&'</a>|<a href=\"j\">'&'</a>|3|")
    }

    @Test func sectionsIterateAndLookUpTheStack() throws {
        let context: [String: TemplateValue] = ["title": "T", "rows": [["name": "a"], ["name": "b", "title": "inner"]], "org": ["id": "x"]]
        #expect(try render("{{#rows}}{{name}}-{{title}};{{/rows}}{{org.id}}{{#org}}{{id}}{{/org}}", context) == "a-T;b-inner;xx")
    }

    @Test func falsyValuesSkipSectionsAndShowInvertedOnes() throws {
        for falsy: TemplateValue in [false, "", .rows([]), .strings([])] {
            #expect(try render("{{#v}}yes{{/v}}{{^v}}no{{/v}}", ["v": falsy]) == "no")
        }
        #expect(try render("{{#v}}yes{{/v}}{{^v}}no{{/v}}", [:]) == "no")
        #expect(try render("{{#v}}{{.}}{{/v}}", ["v": "text"]) == "text")
        #expect(try render("{{#v}}{{.}},{{/v}}", ["v": ["a", "b"]]) == "a,b,")
    }

    /// Pages render with a stack of values: the page's over the shared frame, keyed values
    /// (``TemplateFields``) beside string-keyed ones, as one merged set of names would.
    @Test func framesOfKeyedValuesActAsOneSetOfNames() throws {
        let frame: TemplateFields = [.title: "Frame", .root: "../", .nav: .fieldRows([[.label: "A"], [.label: "B", .current: true]])]
        let page: TemplateFields = [.title: "Page", .org: .fields([.name: "Acme & Co"]), .members: .fieldRows([])]
        let text =
            "{{title}} {{root}} {{#nav}}{{label}}{{#current}}*{{/current}}{{title}},{{/nav}} {{org.name}} {{#org}}{{name}}/{{root}}{{/org}}"
            + " {{#members}}x{{/members}}{{^members}}none{{/members}} {{other}} {{siteTitle}}"
        let out = try PageTemplate(text).render(frames: [.fields(frame), .fields(page), .object(["other": "o"])], library: [:])
        #expect(String(decoding: out, as: UTF8.self) == "Page ../ APage,B*Page, Acme &amp; Co Acme &amp; Co/../ none o ")
    }

    @Test func standaloneTagLinesLeaveNoBlankLines() throws {
        let text = "<ul>\n  {{#rows}}\n  <li>{{.}}</li>\n  {{/rows}}\n</ul>\n{{! a comment }}\nend\n"
        #expect(try render(text, ["rows": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nend\n")
    }

    @Test func partialsRenderWithTheCurrentContext() throws {
        #expect(try render("{{#org}}{{> badge}}{{/org}}", ["org": ["status": "ok"]], partials: ["badge": "[{{status}}]"]) == "[ok]")
        let t = try PageTemplate("line\n  {{> head}}\n{{>foot}}")
        #expect(t.partials.map(\.name) == ["head", "foot"])
        #expect(t.partials.map(\.line) == [2, 3])
    }

    /// Partials are resolved once per library: nested ones, one that is not there (nothing), one
    /// that includes itself (16 levels deep, then nothing), the same through a set of templates
    /// and through a template rendered with a library it is not in.
    @Test func partialsResolvedOnceRenderAsLookedUpByName() throws {
        let sources = [
            "page": "<{{> a}}|{{> missing}}|{{#rows}}{{> b}}{{/rows}}|{{> loop}}>", "a": "a{{> b}}", "b": "b{{.}}",
            "loop": "L{{> loop}}",
        ]
        var library: [String: PageTemplate] = [:]
        for (name, source) in sources { library[name] = try PageTemplate(source) }
        let set = TemplateSet(library: library, assets: [], fingerprint: 0)
        let context: [String: TemplateValue] = ["rows": ["1", "2"]]
        let expected = "<ab||b1b2|" + String(repeating: "L", count: 16) + ">"
        #expect(String(decoding: set.render(context, template: "page"), as: UTF8.self) == expected)
        // The page itself not in the library it is rendered with: its partials found there.
        var others = library
        others["page"] = nil
        #expect(String(decoding: try PageTemplate(sources["page"]!).render(context, library: others), as: UTF8.self) == expected)
        #expect(set.render(context, template: "nothing").isEmpty)
        // Without escaping (the e-mails' text), a value as it is.
        let text = TemplateSet(library: ["t": try PageTemplate("{{v}}")], assets: [], fingerprint: 0)
        #expect(text.render(["v": "<&>"], template: "t", escape: false) == Array("<&>".utf8))
        #expect(text.render(["v": "<&>"], template: "t") == Array("&lt;&amp;&gt;".utf8))
    }

    @Test func syntaxErrorsHaveLineAndColumn() {
        #expect(throws: PageTemplate.SyntaxError(line: 2, column: 3, message: "the section {{#rows}} is not closed")) {
            try PageTemplate("a\nb {{#rows}}\nc")
        }
        #expect(throws: PageTemplate.SyntaxError(line: 1, column: 13, message: "{{/cols}} closes the section {{#rows}}")) {
            try PageTemplate("{{#rows}}xx {{/cols}}")
        }
        #expect(throws: PageTemplate.SyntaxError(line: 3, column: 1, message: "the tag is not closed with }}")) {
            try PageTemplate("\n\n{{name")
        }
        #expect(throws: PageTemplate.SyntaxError(line: 1, column: 1, message: "{{/x}} closes no section")) {
            try PageTemplate("{{/x}}")
        }
    }

    /// A worker renders every page it writes into one buffer: a page rendered after another
    /// is the bytes it would be alone, after what the buffer held.
    @Test func renderingIntoABufferAppendsThePage() throws {
        let template = try PageTemplate("{{#rows}}<{{name}}>{{/rows}}{{title}}")
        let frames: [TemplateValue] = [["title": "T&"], ["rows": [["name": "a"], ["name": "b"]]]]
        let alone = template.render(frames: frames, library: [:])
        var buffer = Array("before|".utf8)
        template.render(frames: frames, library: [:], into: &buffer)
        #expect(String(decoding: alone, as: UTF8.self) == "<a><b>T&amp;")
        #expect(buffer == Array("before|".utf8) + alone)
    }

    /// A model with a page (a title, a list of two rows, an empty list, a level) whose rows
    /// have a name each, and only the second a title; it writes its names itself only for the
    /// rows' names, in upper case, to tell its writing from ``find(_:at:)``'s.
    final class TwoRows: TemplateModel {
        func find(_ key: TemplateKey, at place: TemplatePlace) -> TemplateFound? {
            switch (place.scope, key) {
            case (0, .title): .value("Page <1>")
            case (0, .rows): .rows(TemplatePlace(scope: 1), count: 2)
            case (0, .members): .rows(TemplatePlace(scope: 1), count: 0)
            case (0, .org): .place(TemplatePlace(scope: 2))
            case (1, .name): .value(.string(["a", "b"][Int(place.item)]))
            case (1, .title): place.item == 1 ? .value("row title") : nil
            case (2, .id): .value(7)
            default: nil
            }
        }

        func write(_ key: TemplateKey, at place: TemplatePlace, escaped: Bool, into out: inout ByteSink) -> Bool {
            guard place.scope == 1, key == .name else { return write(find(key, at: place), escaped: escaped, into: &out) }
            let bytes: [UInt8] = Array(["A&", "B&"][Int(place.item)].utf8).flatMap { $0 == 0x26 && escaped ? Array("&amp;".utf8) : [$0] }
            bytes.withUnsafeBufferPointer { out.appendBytes($0) }
            return true
        }
    }

    /// A page's values answered by its model look up as plain values would: a name a level
    /// lacks falls through to the frames under it, a list goes row by row, a level is a section
    /// and the first part of a dotted name, and a list or level writes nothing.
    @Test func aModelsLevelsActAsTheValuesTheyStandFor() throws {
        let template = try PageTemplate(
            "{{title}}|{{#rows}}{{name}}:{{title}}:{{{name}}}:{{root}},{{/rows}}|{{^members}}none{{/members}}{{#members}}x{{/members}}"
                + "|{{org.id}}{{#org}}{{id}}{{title}}{{/org}}|{{rows}}{{org}}{{#org}}{{.}}{{/org}}|{{siteTitle}}{{#title}}[{{.}}]{{/title}}")
        let frames: [TemplateFrame] = [.value(.fields([.root: "../", .siteTitle: "Site", .title: "Frame"])), .model(TemplatePlace(scope: 0))]
        var out: [UInt8] = []
        template.render(frames: frames, model: TwoRows(), library: [:], into: &out)
        #expect(
            String(decoding: out, as: UTF8.self)
                == "Page &lt;1&gt;|A&amp;:Page &lt;1&gt;:A&:../,B&amp;:row title:B&:../,|none|77Page &lt;1&gt;||Site[Page &lt;1&gt;]")
    }
}
