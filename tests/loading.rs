//! Loading rules and bad input, each on small hand-written articles: what is
//! read, what metadata is found, and what the user is told when a file is bad.

mod common;

use common::{Project, paragraphs, source, stderr};

const ARTICLE: &str = "Harbour bridge reopens after two-year repair\n\
By Jane Roe and John Doe\n\
Updated: March 03, 2026, 4:25 PM\n\
The city's harbour bridge reopened to traffic on Tuesday after a two-year repair that cost 40 million euros, the transport authority said.\n\
Engineers replaced 120 steel cables and resurfaced the deck, according to the authority.\n";

#[test]
fn metadata_is_inferred_from_the_text() {
    let project = Project::new(&[("bridge.txt", ARTICLE.as_bytes())]);
    project.build(&["--format", "json"]);
    let json = project.json();
    let s = source(&json, "bridge");
    assert_eq!(s["title"], "Harbour bridge reopens after two-year repair");
    assert_eq!(s["byline"], "Jane Roe and John Doe");
    assert_eq!(s["published"], "2026-03-03");
    assert!(s["outlet"].is_null(), "no outlet is guessed");
    assert_eq!(s["provenance"]["title"], "inferred");
    assert_eq!(paragraphs(s).len(), 2);
    let reasons: Vec<&str> = s["removed"].as_array().unwrap().iter().map(|r| r["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, ["byline", "dateline"]);
}

#[test]
fn front_matter_yaml_and_toml() {
    let yaml = "---\noutlet: The Example Times\ntitle: \"Bridge: reopened\"\nbyline: [Jane Roe, John Doe]\npublished: 2026-03-03\nurl: https://example.com/a\ntags: [x]\n---\n\nThe bridge *reopened* on Tuesday.\n\nIt had been shut for two years.\n";
    let toml = "+++\noutlet = \"Example Wire\"\ntitle = \"Bridge reopens\"\npublished = 2026-03-04\n+++\nThe bridge reopened on Tuesday, officials said.\n";
    let project = Project::new(&[("a.md", yaml.as_bytes()), ("b.markdown", toml.as_bytes())]);
    let output = project.build(&["--format", "json"]);
    let json = project.json();
    let a = source(&json, "a");
    assert_eq!(a["outlet"], "The Example Times");
    assert_eq!(a["title"], "Bridge: reopened");
    assert_eq!(a["byline"], "Jane Roe, John Doe");
    assert_eq!(a["published"], "2026-03-03");
    assert_eq!(a["provenance"]["outlet"], "front_matter");
    assert_eq!(paragraphs(a), ["The bridge reopened on Tuesday.", "It had been shut for two years."]);
    assert_eq!(a["paragraphs"][0]["line"], 10);
    let b = source(&json, "b");
    assert_eq!(b["outlet"], "Example Wire");
    assert_eq!(b["published"], "2026-03-04");
    let _ = output;
}

#[test]
fn sources_toml_gives_metadata_and_reports_mistakes_with_lines() {
    let listing =
        "[\"bridge.txt\"]\noutlet = \"Harbour News\"\ntitel = \"typo\"\n\n[\"missing.txt\"]\noutlet = \"Nobody\"\n";
    let project = Project::new(&[("bridge.txt", ARTICLE.as_bytes()), ("sources.toml", listing.as_bytes())]);
    let output = project.build(&["--format", "json"]);
    let err = stderr(&output);
    assert!(err.contains("sources.toml:3: unknown key `titel`"), "{err}");
    assert!(err.contains("sources.toml:5: `missing.txt` matches no article file"), "{err}");
    let json = project.json();
    assert_eq!(source(&json, "bridge")["outlet"], "Harbour News");
    assert_eq!(source(&json, "bridge")["provenance"]["outlet"], "sources_toml");
}

#[test]
fn encodings_and_line_endings() {
    let crlf = "Title line of the story here\r\nThe mayor said the \u{201c}work\u{201d} was done.\r\n";
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(crlf.as_bytes());
    let cp1252 =
        b"Caf\xe9 owners welcome the new square\nThe owner said the \x93square\x94 was busy, caf\xe9 tables full.\n"
            .to_vec();
    let utf16: Vec<u8> = b"\xFF\xFE"
        .iter()
        .copied()
        .chain("The mayor opened the caf\u{e9} on Monday morning.".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let project = Project::new(&[("bom.txt", &bom), ("old.txt", &cp1252), ("wide.txt", &utf16)]);
    let output = project.build(&["--format", "json"]);
    let err = stderr(&output);
    assert!(err.contains("old.txt:1: not valid UTF-8; read as Windows-1252"), "{err}");
    let json = project.json();
    assert_eq!(paragraphs(source(&json, "bom")), ["The mayor said the \u{201c}work\u{201d} was done."]);
    assert_eq!(source(&json, "bom")["title"], "Title line of the story here");
    assert_eq!(
        paragraphs(source(&json, "old")),
        ["The owner said the \u{201c}square\u{201d} was busy, caf\u{e9} tables full."]
    );
    assert_eq!(paragraphs(source(&json, "wide")), ["The mayor opened the caf\u{e9} on Monday morning."]);
}

#[test]
fn white_space_is_normalised_but_characters_kept() {
    let text = "  The\u{a0}minister\u{2009}said   “yes”\tto the plan — and\u{200b} left.  \n";
    let project = Project::new(&[("ws.txt", text.as_bytes())]);
    project.build(&["--format", "json"]);
    assert_eq!(paragraphs(source(&project.json(), "ws")), ["The minister said “yes” to the plan — and left."]);
}

#[test]
fn hard_wrapped_text_is_joined_into_paragraphs() {
    let text = "Storm closes the northern coastal road for a week\n\nThe northern coastal road will stay closed for at least\na week after the storm washed away two sections of the\nroad, the regional council said on Friday.\n\nRepair crews are expected to reach the worst-hit section\nby Monday, council officials said in a short statement\nissued after an emergency meeting.\n";
    let project = Project::new(&[("wrapped.txt", text.as_bytes())]);
    project.build(&["--format", "json"]);
    let json = project.json();
    let paras = paragraphs(source(&json, "wrapped"));
    assert_eq!(paras.len(), 2, "{paras:?}");
    assert!(paras[0].starts_with("The northern coastal road") && paras[0].ends_with("on Friday."));
}

#[test]
fn chrome_rules_on_a_hand_written_page() {
    let page = "\
Example Herald
News | World | Europe
Ferry strike halts island crossings
Crews walked out over pay, stranding thousands of passengers on the first day of the holidays
By Ana Lima
Published 12 June 2026 · Updated 09:10 GMT
Listen to this article · 4 min
Passengers wait at the port on Monday. Photo: Jo Roe/Example Herald
Passengers wait at the port on Monday. Photo: Jo Roe/Example Herald
Ferry crews walked out at dawn on Monday, halting all crossings to the islands, the operator said.
Read more: Why the island economy depends on ferries
The union said talks with the operator had broken down over a 6% pay offer.
The Morning Brief
Start your day with the news that matters, straight to your inbox.
Sign up
Negotiations are due to resume on Thursday, the labour ministry said.
Ana Lima is a transport correspondent for the Example Herald.
Reporting contributed by Sam Poe.
Topics: Transport · Strikes
© 2026 Example Herald
";
    let project = Project::new(&[("ferry.txt", page.as_bytes())]);
    project.build(&["--format", "json"]);
    let json = project.json();
    let s = source(&json, "ferry");
    assert_eq!(s["title"], "Ferry strike halts island crossings");
    assert_eq!(s["byline"], "Ana Lima");
    assert_eq!(s["published"], "2026-06-12");
    assert_eq!(
        paragraphs(s),
        [
            "Crews walked out over pay, stranding thousands of passengers on the first day of the holidays",
            "Ferry crews walked out at dawn on Monday, halting all crossings to the islands, the operator said.",
            "The union said talks with the operator had broken down over a 6% pay offer.",
            "Negotiations are due to resume on Thursday, the labour ministry said.",
        ]
    );
    assert_eq!(s["paragraphs"][0]["kind"], "standfirst");
    let removed: Vec<(u64, &str)> = s["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        removed,
        [
            (1, "chrome"),
            (2, "chrome"),
            (5, "byline"),
            (6, "dateline"),
            (7, "chrome"),
            (8, "caption"),
            (9, "caption"),
            (11, "teaser"),
            (13, "promo"),
            (14, "promo"),
            (15, "promo"),
            (17, "credits"),
            (18, "credits"),
            (19, "chrome"),
            (20, "chrome"),
        ]
    );
}

#[test]
fn promo_blocks_language_pickers_and_footers() {
    let page = "\
  • English
  • Español
The dam was completed in 2019 and supplies water to 2 million people, the utility said.
Partner service
Learn to cook with Chef's Table
Thanks to a weekly video and a recipe box, in 20 minutes per meal.
Try for free
Help us improve our site
Dear reader,
We’d love to hear your thoughts! Take this quick survey to help us improve it for you.
Take the survey
Inspectors found no cracks in the dam wall during Tuesday's visit, the utility said.
Reuse this content
Source
";
    let project = Project::new(&[("dam.txt", page.as_bytes())]);
    project.build(&["--format", "json"]);
    let json = project.json();
    let s = source(&json, "dam");
    assert_eq!(paragraphs(s).len(), 2, "{:?}", paragraphs(s));
    let reasons: Vec<&str> = s["removed"].as_array().unwrap().iter().map(|r| r["reason"].as_str().unwrap()).collect();
    assert_eq!(
        reasons,
        [
            "language_picker",
            "language_picker",
            "promo",
            "promo",
            "promo",
            "promo",
            "promo",
            "promo",
            "promo",
            "promo",
            "chrome",
            "chrome"
        ]
    );
}

#[test]
fn empty_or_missing_seeds_folder_is_a_clear_error() {
    let project = Project::new(&[]);
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no articles in seeds"), "{}", stderr(&output));
    let output = project.run(&["build", "--seeds", "nowhere"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the seeds folder nowhere does not exist"), "{}", stderr(&output));
    assert!(!project.path("site").exists(), "a failed build writes nothing");
}

#[test]
fn bad_files_are_skipped_with_a_warning_and_the_build_goes_on() {
    let mut huge = b"Huge file\n".to_vec();
    huge.extend(std::iter::repeat_n(b"word ".as_slice(), 300_000).flatten());
    let project = Project::new(&[
        ("good.txt", ARTICLE.as_bytes()),
        ("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"),
        ("empty.txt", b"   \n"),
        ("broken.md", b"---\ntitle: \"unclosed\noutlet: X\n---\nBody text here.\n"),
        ("unclosed.md", b"---\ntitle: x\nBody text that never closes its front matter.\n"),
        ("huge.txt", &huge),
        ("notes.pdf", b"%PDF-1.4"),
    ]);
    let output = project.run(&["build", "--max-file-size", "1"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(err.contains("image.txt: is a binary file, not text; skipped"), "{err}");
    assert!(err.contains("empty.txt: is empty; skipped"), "{err}");
    assert!(err.contains("broken.md:2: front matter is not valid YAML"), "{err}");
    assert!(err.contains("unclosed.md:1: front matter opened with `---` is never closed; skipped"), "{err}");
    assert!(err.contains("huge.txt: is 1.4 MiB, more than the 1 MiB limit"), "{err}");
    assert!(err.contains("notes.pdf: not an article file"), "{err}");
    let json = project.json();
    assert_eq!(json["sources"].as_array().unwrap().len(), 1);
    let skipped: Vec<&str> = json["skipped"].as_array().unwrap().iter().map(|s| s["path"].as_str().unwrap()).collect();
    assert_eq!(skipped, ["notes.pdf", "broken.md", "empty.txt", "huge.txt", "image.txt", "unclosed.md"]);
    // The reader of the briefing is told too.
    assert!(project.read("site/index.html").contains("could not be used"));
}

#[test]
fn only_bad_files_is_an_error_that_leaves_the_previous_site() {
    let project = Project::new(&[("good.txt", ARTICLE.as_bytes())]);
    project.build(&["--format", "md"]);
    std::fs::remove_file(project.path("seeds/good.txt")).unwrap();
    std::fs::write(project.path("seeds/bad.txt"), b"\0\0\0\0binary").unwrap();
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("none of the 1 article files"), "{}", stderr(&output));
    assert!(project.read("site/briefing.md").contains("Harbour bridge reopens"), "the previous site is intact");
}

#[test]
fn article_text_that_looks_like_markup_stays_text_everywhere() {
    let hostile = "Hostile markup test headline here\n\
<script>alert('x')</script> and <b>bold</b> said the mayor on Tuesday.\n\
#import \"evil.typ\": * and #set page(fill: red) $x^2$ ] [ {{ x }} {% if y %} *not bold* _nor this_ [link](http://e.com) | pipe\n\
# Not a heading &amp; not an entity\n";
    let project = Project::new(&[("hostile.txt", hostile.as_bytes())]);
    project.build(&[]);
    let page = project.read("site/sources/hostile.html");
    assert!(!page.contains("<script>alert"), "HTML is escaped");
    assert!(page.contains("&lt;script&gt;alert("));
    assert!(page.contains("{{ x }}") && page.contains("{% if y %}"), "template syntax in text is not evaluated");
    let md = project.read("site/briefing.md");
    assert!(!md.contains("<script>"));
    let json = project.json();
    let paras = paragraphs(source(&json, "hostile"));
    assert_eq!(paras[0], "<script>alert('x')</script> and <b>bold</b> said the mayor on Tuesday.");
    assert!(paras[1].starts_with("#import \"evil.typ\": *"));
    let pdf = project.pdf_text();
    assert!(pdf.contains("#import"), "Typst markup in text is printed, not run");
    assert!(pdf.contains("{{ x }}") && pdf.contains("$x^2$"), "{pdf}");
}

#[test]
fn markdown_escaping_keeps_text_literal() {
    let escaped = briefing::render::escape_markdown("*a* _b_ [c](d) <e> `f` $g$ # h | i");
    let html = {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(&escaped));
        out
    };
    assert_eq!(html.trim(), "<p>*a* _b_ [c](d) &lt;e&gt; `f` $g$ # h | i</p>");
}

#[test]
fn template_errors_name_the_template_and_line_and_keep_the_old_site() {
    let project = Project::new(&[("good.txt", ARTICLE.as_bytes())]);
    project.build(&[]);
    let before = project.read("site/index.html");
    std::fs::create_dir_all(project.path("custom")).unwrap();
    std::fs::write(
        project.path("custom/index.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{{ broken \n{% endblock content %}\n",
    )
    .unwrap();
    let output = project.run(&["build", "--templates", "custom"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("template index.html, line 4: Failed to parse 'index.html': expected"), "{err}");
    assert_eq!(project.read("site/index.html"), before, "the previous site is intact");
    let output = project.run(&["build", "--templates", "nowhere"]);
    assert!(stderr(&output).contains("the templates folder nowhere does not exist"));
}

#[test]
fn templates_can_be_overridden_by_file_name() {
    let project = Project::new(&[("good.txt", ARTICLE.as_bytes())]);
    std::fs::create_dir_all(project.path("custom")).unwrap();
    std::fs::write(project.path("custom/briefing.md"), "Custom: {{ view.event.title | md }}\n").unwrap();
    project.build(&["--templates", "custom", "--format", "md,html"]);
    assert_eq!(project.read("site/briefing.md"), "Custom: Harbour bridge reopens after two-year repair\n");
    assert!(project.path("site/index.html").exists());
    assert!(!project.path("site/briefing.pdf").exists(), "only the chosen formats are written");
}

#[test]
fn check_reports_problems_and_writes_nothing() {
    let project = Project::new(&[("good.txt", ARTICLE.as_bytes()), ("bad.md", b"+++\ntitle = \n+++\n")]);
    let output = project.run(&["check"]);
    assert!(output.status.success());
    assert!(stderr(&output).contains("bad.md:2: front matter is not valid TOML"), "{}", stderr(&output));
    assert!(!project.path("site").exists());
}

#[test]
fn usage_errors_exit_with_2() {
    let project = Project::new(&[]);
    assert_eq!(project.run(&["build", "--format", "docx"]).status.code(), Some(2));
    assert_eq!(project.run(&["frobnicate"]).status.code(), Some(2));
    let help = project.run(&["build", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("--seeds <DIR>"));
}

#[test]
fn a_folder_briefing_did_not_make_is_never_replaced() {
    let project = Project::new(&[("good.txt", ARTICLE.as_bytes())]);
    std::fs::create_dir_all(project.path("mine")).unwrap();
    std::fs::write(project.path("mine/notes.txt"), "precious").unwrap();
    let output = project.run(&["build", "--out", "mine"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("refusing to replace mine"), "{}", stderr(&output));
    assert_eq!(project.read("mine/notes.txt"), "precious");
}

#[test]
fn nested_folders_and_duplicate_stems_get_unique_ids() {
    let project = Project::new(&[
        ("a/story.txt", ARTICLE.as_bytes()),
        ("b/story.md", b"A second story about the same bridge, said the mayor.\n"),
    ]);
    project.build(&["--format", "json,html"]);
    let json = project.json();
    let ids: Vec<&str> = json["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["story", "story-2"]);
    assert_eq!(json["sources"][1]["path"], "b/story.md");
    assert!(project.path("site/sources/story-2.html").exists());
}
