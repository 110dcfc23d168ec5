import Testing
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
}
