//! Property tests over loading, extraction and rendering: whatever the
//! articles hold (arbitrary Unicode, byte soup, quotation marks mixed and
//! unbalanced, giant tokens, thousands of marks on one line, markup of every
//! format), the build never panics, every quotation and piece of evidence
//! stays verbatim in its source, and the output is the same on every run.

mod common;

use briefing::render::{Format, NullSink, Templates};
use common::{Project, analyse_folder, assert_everything_verbatim};
use proptest::prelude::*;

/// Pieces real and hostile articles are made of.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Z][a-z]{2,9}( [a-z]{1,8}){0,6}[.,]? ".prop_map(String::from),
        2 => Just("said the minister on Tuesday. ".to_string()),
        2 => Just("Mara Quell, 45, said ".to_string()),
        3 => prop::sample::select(vec!["“", "”", "\"", "'", "‘", "’", "«", "»", "„", "''", "``"]).prop_map(String::from),
        1 => "[0-9]{1,7}([.,][0-9]{1,3})?( per cent| million|%)? ".prop_map(String::from),
        1 => Just("\n".to_string()),
        1 => Just("\n\n".to_string()),
        1 => prop::sample::select(vec![
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
            "{{ secret }}", "{% include \"x\" %}", "#import \"a.typ\": *", "#read(\"/etc/passwd\")",
            "#eval(\"1\")", "#show: x => none", "```raw```", "| a | b |", "`code`", "$x^2$", "\\", "]", "[",
            "\u{202E}", "\u{200B}", "\u{2066}", "\u{FEFF}", "---", "+++", "# ", "> ", "- ",
        ])
        .prop_map(String::from),
        1 => "\\PC{1,40}".prop_map(String::from),
        1 => (1usize..3_000).prop_map(|n| "x".repeat(n)),
        1 => (1usize..2_000).prop_map(|n| "“".repeat(n)),
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.concat())
}

/// Analyses and renders the files: no panic, everything verbatim, the same model twice.
fn check(files: &[(String, Vec<u8>)], formats: &[Format]) {
    let named: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let project = Project::new(&named);
    let mut diags = briefing::diag::Diagnostics::default();
    let options = briefing::Options::new(project.path("seeds"), project.path("site"));
    // A folder with no usable article is an error, reported, not a panic.
    let Ok(model) = briefing::analyse(&options, &mut diags) else { return };
    assert_everything_verbatim(&model);
    let templates = Templates::load(None).unwrap();
    briefing::render::render(&model, formats, &templates, &NullSink).expect("every format renders");
    let json = serde_json::to_vec(&model).unwrap();
    let (again, _) = analyse_folder(&project.path("seeds"));
    assert_eq!(json, serde_json::to_vec(&again).unwrap(), "the same input gives the same model");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_text_builds_and_stays_verbatim(a in article(), b in article()) {
        let files = vec![
            ("a.txt".to_string(), format!("Headline of the first one\n\n{a}").into_bytes()),
            ("b.md".to_string(), format!("---\noutlet: Test Wire\n---\n\n{b}").into_bytes()),
        ];
        check(&files, &[Format::Markdown, Format::Html, Format::Json]);
    }

    #[test]
    fn byte_soup_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4_000), text in article()) {
        let files = vec![
            ("soup.txt".to_string(), bytes.clone()),
            ("soup.md".to_string(), bytes),
            ("fine.txt".to_string(), format!("A headline for the test\n\n{text} said Mara Quell.").into_bytes()),
        ];
        check(&files, &[Format::Markdown, Format::Html, Format::Json]);
    }
}

proptest! {
    // The PDF is typeset in-process: fewer cases.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn any_text_typesets(a in article()) {
        let files = vec![("a.txt".to_string(), format!("Headline of the article\n\n{a}").into_bytes())];
        check(&files, &[Format::Pdf]);
    }
}
