//! Article text is data in every format: one test per kind of hostile text,
//! each checked in the HTML pages, the Markdown, the PDF and the JSON. The
//! vector sits in a paragraph, in a quotation and in the headline.

mod common;

use common::{Project, paragraphs, source};

/// Builds one plain-text article whose headline, a paragraph and a
/// quotation carry `vector`, and returns the project.
fn build_with(vector: &str) -> Project {
    let article = format!(
        "Council vote {vector}\n\n\
The council met on Monday to vote on the harbour plan {vector} after a long debate.\n\n\
“The plan {vector} is sound,” said council leader Mara Quell.\n"
    );
    let project = Project::new(&[
        ("hostile.txt", article.as_bytes()),
        ("sources.toml", b"[\"hostile.txt\"]\noutlet = \"Test Wire\"\n"),
    ]);
    project.build(&[]);
    project
}

/// Every HTML page of the site, concatenated.
fn all_html(project: &Project) -> String {
    walkdir::WalkDir::new(project.path("site"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect()
}

/// The Markdown briefing rendered as a Markdown viewer would.
fn markdown_as_html(project: &Project) -> String {
    let md = project.read("site/briefing.md");
    let mut out = String::new();
    let options = pulldown_cmark::Options::ENABLE_TABLES;
    pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new_ext(&md, options));
    out
}

/// The headline, the paragraph and the quotation keep the vector verbatim
/// in the JSON (the quotation only when the vector has no quotation marks
/// of its own, which would change where the quotation ends).
fn assert_verbatim_in_json(project: &Project, vector: &str) {
    let json = project.json();
    let hostile = source(&json, "hostile");
    assert!(hostile["title"].as_str().unwrap().contains(vector), "{}", hostile["title"]);
    let paras = paragraphs(hostile);
    assert!(paras[0].contains(vector), "{paras:?}");
    if !vector.contains(['"', '\'', '“', '”']) {
        let quotes = json["quotes"].as_array().unwrap();
        assert!(quotes.iter().any(|q| q["text"].as_str().unwrap().contains(vector)), "{quotes:?}");
    }
}

#[test]
fn script_tags_are_text() {
    let project = build_with("<script>alert('x')</script>");
    assert!(!all_html(&project).contains("<script>alert"));
    assert!(all_html(&project).contains("&lt;script&gt;alert("));
    assert!(!markdown_as_html(&project).contains("<script>"));
    assert!(project.pdf_text().contains("<script>alert"));
    assert_verbatim_in_json(&project, "<script>alert('x')</script>");
}

#[test]
fn event_handler_attributes_are_text() {
    let project = build_with("<img src=x onerror=alert(1)>");
    assert!(!all_html(&project).contains("<img src=x"));
    assert!(!markdown_as_html(&project).contains("<img"));
    assert!(project.pdf_text().contains("onerror=alert(1)"));
    assert_verbatim_in_json(&project, "<img src=x onerror=alert(1)>");
}

#[test]
fn javascript_links_in_markdown_articles_are_not_links() {
    let article = "---\noutlet: Test Wire\ntitle: Council vote\n---\n\n\
The council met on Monday to vote on [see the plan](javascript:alert(1)) after a long debate.\n\n\
“The [plan](javascript:alert(2)) is sound,” said council leader Mara Quell.\n";
    let project = Project::new(&[("hostile.md", article.as_bytes())]);
    project.build(&[]);
    let html = all_html(&project);
    assert!(!html.to_lowercase().contains("href=\"javascript:"), "no javascript: link in the site");
    assert!(!markdown_as_html(&project).to_lowercase().contains("href=\"javascript:"));
    let json = project.json();
    assert!(paragraphs(source(&json, "hostile"))[0].contains("see the plan"));
}

#[test]
fn javascript_links_in_the_editors_summary_are_not_links() {
    let project = build_with("plain");
    std::fs::write(
        project.path("briefing.toml"),
        "summary = \"Read [this](javascript:alert(1)) and [that](https://example.org).\"\n",
    )
    .unwrap();
    project.build(&[]);
    let index = project.read("site/index.html");
    assert!(!index.to_lowercase().contains("javascript:alert"), "the unsafe link is dropped");
    assert!(index.contains("href=\"https://example.org\""), "safe links stay");
}

#[test]
fn template_syntax_is_not_evaluated() {
    let project = build_with("{{ config }} {% raw %} {# note #}");
    let html = all_html(&project);
    assert!(html.contains("{{ config }}") && html.contains("{% raw %}") && html.contains("{# note #}"));
    assert!(markdown_as_html(&project).contains("{{ config }}"));
    assert!(project.pdf_text().contains("{{ config }}"));
    assert_verbatim_in_json(&project, "{{ config }} {% raw %} {# note #}");
}

#[test]
fn typst_code_is_printed_not_run() {
    for vector in [
        "#read(\"/etc/passwd\")",
        "#import \"evil.typ\": *",
        "#eval(\"1 + 1\")",
        "#show: body => none",
        "#set page(fill: red)",
        "```typ #eval(\"2\")```",
        "$x^2$ \\ ] [ @label <label>",
    ] {
        let project = build_with(vector);
        let pdf = project.pdf_text();
        assert!(!pdf.contains("root:"), "{vector}: no file is read");
        let compact: String = pdf.split_whitespace().collect();
        let wanted: String = vector.split_whitespace().collect();
        assert!(compact.contains(&wanted), "{vector}: printed as text in the PDF");
        assert_verbatim_in_json(&project, vector);
    }
}

#[test]
fn pipes_and_backticks_do_not_break_markdown_tables() {
    let project = build_with("a | b || c `d` ``e");
    let md = project.read("site/briefing.md");
    for table in
        md.split("\n\n").filter(|b| b.lines().nth(1).is_some_and(|l| l.starts_with("|---") || l.starts_with("| ---")))
    {
        let widths: Vec<usize> = table.lines().map(|l| l.replace("\\|", "").matches('|').count()).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "a table row has the wrong number of cells:\n{table}");
    }
    assert!(markdown_as_html(&project).contains("a | b || c `d` ``e") || md.contains("a \\| b \\|\\| c"));
    assert_verbatim_in_json(&project, "a | b || c `d` ``e");
}

#[test]
fn bidi_and_zero_width_characters_stay_in_their_element() {
    let vector = "abc\u{202E}fed ghi\u{2066}jkl\u{2069} mno\u{200D}pqr";
    let project = build_with(vector);
    assert_verbatim_in_json(&project, vector);
    // The stylesheet isolates every block of text, so an override cannot
    // reorder what follows it on the page.
    let css = project.read("site/style.css");
    assert!(css.contains("unicode-bidi: isolate"), "{css}");
    assert!(all_html(&project).contains(vector));
}

#[test]
fn a_line_of_100000_characters_is_kept_whole() {
    let long: String = (0..12_500).map(|i| format!("w{:06} ", i)).collect();
    assert!(long.len() >= 100_000);
    let project = Project::new(&[("long.txt", format!("A headline for the long line\n\n{long}\n").as_bytes())]);
    project.build(&[]);
    let json = project.json();
    assert_eq!(paragraphs(source(&json, "long")), [long.trim_end()]);
    assert!(project.read("site/sources/long.html").contains("w012499"));
}
