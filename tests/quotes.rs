//! Who said what and who is who: quotations, speakers, terms and people,
//! measured against a hand-made gold annotation and on small articles that
//! each exercise one rule.

mod common;

use std::path::Path;

use briefing::model::{Briefing, Quote};
use common::{analyse, analyse_folder, assert_everything_verbatim, norm};

/// (source, speaker, text) triples of every quotation occurrence, continued parts included.
fn triples(model: &Briefing) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for q in &model.quotes {
        let speaker = q.speaker_name.clone().unwrap_or_default();
        for o in &q.occurrences {
            out.push((o.source.clone(), speaker.clone(), o.text.clone()));
            for c in &o.continued {
                out.push((o.source.clone(), speaker.clone(), c.text.clone()));
            }
        }
    }
    out
}

fn bare(name: &str) -> String {
    let n = norm(name);
    ["a ", "an ", "the "].iter().find_map(|a| n.strip_prefix(a)).unwrap_or(&n).to_string()
}

fn same_speaker(model: &Briefing, system: &str, gold: &str) -> bool {
    bare(system) == bare(gold)
        || model.people.iter().any(|p| norm(&p.name) == norm(system) && p.aliases.iter().any(|a| norm(a) == norm(gold)))
}

/// Precision and recall of (source, speaker, text) against a gold file.
fn score(model: &Briefing, gold: &toml::Value) -> (f64, f64, Vec<String>) {
    let system = triples(model);
    let gold: Vec<(String, String, String)> = gold["quote"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["source"].as_str().unwrap().into(),
                q["speaker"].as_str().unwrap().into(),
                q["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut used = vec![false; system.len()];
    let mut found = 0;
    let mut problems = Vec::new();
    for (gs, gsp, gt) in &gold {
        let hit = (0..system.len()).find(|&i| {
            let (ss, ssp, st) = &system[i];
            !used[i] && ss == gs && norm(st) == norm(gt) && same_speaker(model, ssp, gsp)
        });
        match hit {
            Some(i) => {
                used[i] = true;
                found += 1;
            }
            None => problems.push(format!("missed {gs}: {gsp:?} {gt:?}")),
        }
    }
    for (i, (ss, ssp, st)) in system.iter().enumerate() {
        if !used[i] {
            problems.push(format!("extra {ss}: {ssp:?} {st:?}"));
        }
    }
    let precision = used.iter().filter(|u| **u).count() as f64 / system.len().max(1) as f64;
    (precision, found as f64 / gold.len().max(1) as f64, problems)
}

fn gold(path: &str) -> toml::Value {
    toml::from_str(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()).unwrap()
}

fn folder(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn seed_quotations_match_the_gold() {
    let (model, _) = analyse_folder(&folder("seeds"));
    let (precision, recall, problems) = score(&model, &gold("tests/gold/seeds.toml"));
    assert!(precision >= 0.95 && recall >= 0.95, "precision {precision:.3}, recall {recall:.3}: {problems:#?}");
    assert_everything_verbatim(&model);
}

#[test]
fn held_out_quotations_match_their_gold() {
    // The first four events shaped the rules; the last four were written
    // afterwards and measured before any rule was changed for them (see the
    // README): their floors guard what was reached since.
    for (event, floor) in [
        ("balochistan-earthquake", 0.9),
        ("athens-bribery-verdict", 0.9),
        ("serbia-rate-cut", 0.9),
        ("gulf-ferry-collision", 0.9),
        ("cup-final-var", 0.85),
        ("ev-battery-recall", 0.85),
        ("hills-bushfire", 0.85),
        ("glasgow-gallery-theft", 0.8),
    ] {
        let (model, _) = analyse_folder(&folder(&format!("tests/fixtures/events/{event}")));
        let (precision, recall, problems) = score(&model, &gold(&format!("tests/gold/{event}.toml")));
        assert!(
            precision >= floor && recall >= floor,
            "{event}: precision {precision:.3}, recall {recall:.3}: {problems:#?}"
        );
        assert_everything_verbatim(&model);
    }
}

#[test]
fn seed_terms_match_the_gold() {
    let (model, _) = analyse_folder(&folder("seeds"));
    let gold = gold("tests/gold/seeds.toml");
    let mut expected: Vec<(String, String)> = gold["term"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["source"].as_str().unwrap().to_string(), norm(t["text"].as_str().unwrap())))
        .collect();
    let mut found: Vec<(String, String)> =
        model.terms.iter().flat_map(|t| t.uses.iter().map(|u| (u.source.clone(), norm(&u.text)))).collect();
    expected.sort();
    found.sort();
    assert_eq!(found, expected);
    let coalition = &model.terms[0];
    assert_eq!(norm(&coalition.text), "coalition of the willing");
    assert_eq!(coalition.outlets, 5, "every outlet uses the coined term");
}

/// Each gold person is one person with every spelling; no one else is invented.
fn check_people(model: &Briefing, gold: &toml::Value) {
    let mut known = Vec::new();
    for person in gold["person"].as_array().unwrap() {
        let name = person["name"].as_str().unwrap();
        let mut forms: Vec<&str> = vec![name];
        for key in ["spellings", "caption_spellings"] {
            if let Some(list) = person.get(key).and_then(|v| v.as_array()) {
                forms.extend(list.iter().map(|v| v.as_str().unwrap()));
            }
        }
        let holders: Vec<_> = model
            .people
            .iter()
            .filter(|p| forms.iter().any(|f| norm(&p.name) == norm(f) || p.aliases.iter().any(|a| norm(a) == norm(f))))
            .collect();
        assert_eq!(
            holders.len(),
            1,
            "{name} should be exactly one person, found {:?}",
            holders.iter().map(|p| &p.name).collect::<Vec<_>>()
        );
        let p = holders[0];
        for form in &forms {
            assert!(
                norm(&p.name) == norm(form) || p.aliases.iter().any(|a| norm(a) == norm(form)),
                "{name}: spelling {form} not merged"
            );
        }
        known.extend(forms.iter().map(|f| norm(f)));
    }
    let invented: Vec<&String> = model.people.iter().map(|p| &p.name).filter(|n| !known.contains(&norm(n))).collect();
    assert!(invented.is_empty(), "people not in the gold: {invented:?}");
}

#[test]
fn seed_people_are_merged_across_spellings() {
    let (model, _) = analyse_folder(&folder("seeds"));
    check_people(&model, &gold("tests/gold/seeds.toml"));
    let zelensky = model.people.iter().find(|p| p.name == "Volodymyr Zelensky").unwrap();
    assert_eq!(zelensky.outlets, 5);
    assert!(zelensky.roles.contains(&"President of Ukraine".to_string()));
    let merz = model.people.iter().find(|p| p.name == "Friedrich Merz").unwrap();
    assert_eq!(merz.roles, ["Chancellor of Germany"]);
    assert_eq!(merz.quote_count, 5, "two sentences of one paragraph are two quotations");
}

#[test]
fn held_out_people_are_merged_and_namesakes_kept_apart() {
    for event in ["balochistan-earthquake", "athens-bribery-verdict", "serbia-rate-cut", "gulf-ferry-collision"] {
        let (model, _) = analyse_folder(&folder(&format!("tests/fixtures/events/{event}")));
        check_people(&model, &gold(&format!("tests/gold/{event}.toml")));
    }
}

fn quote_with<'a>(model: &'a Briefing, text: &str) -> &'a Quote {
    model
        .quotes
        .iter()
        .find(|q| q.occurrences.iter().any(|o| o.text.contains(text)))
        .unwrap_or_else(|| panic!("no quotation containing {text:?} in {:#?}", model.quotes))
}

fn speaker(model: &Briefing, text: &str) -> String {
    quote_with(model, text).speaker_name.clone().unwrap_or_default()
}

#[test]
fn split_quotes_and_pronouns() {
    let article = "Mayor Ana Costa opened the new bridge on Monday.\n\
“It took ten years,” she said. “But it was worth every day.”\n\
The transport minister, Rui Lopes, said the works had cost 40 million euros.\n\
“We kept the budget,” he added.\n";
    let (model, _) = analyse(&[("a.txt", article)]);
    assert_eq!(speaker(&model, "It took ten years"), "Ana Costa");
    assert_eq!(speaker(&model, "But it was worth every day."), "Ana Costa");
    assert_eq!(speaker(&model, "We kept the budget"), "Rui Lopes");
    assert_everything_verbatim(&model);
}

#[test]
fn straight_quotes_partial_quotes_and_colons() {
    let article = "Opposition leader Tomas Berg called the plan \"a waste of time\" on Tuesday.\n\
Finance Minister Lena Holm said: \"The plan is funded to the last krona.\"\n\
Berg said the government would not accept the cuts \"in any form.\"\n";
    let (model, _) = analyse(&[("a.txt", article)]);
    let waste = quote_with(&model, "a waste of time");
    assert_eq!(waste.speaker_name.as_deref(), Some("Tomas Berg"));
    assert!(waste.occurrences[0].partial);
    assert_eq!(speaker(&model, "The plan is funded"), "Lena Holm");
    assert_eq!(speaker(&model, "in any form."), "Tomas Berg");
}

#[test]
fn multi_paragraph_quotation_is_one_quotation() {
    let article = "Farmer Jonas Meyer, 58, lost his barn in the flood.\n\
“The water came at night and we had no warning at all from anyone.\n\
“By morning the cows were standing in a lake and the feed was gone,” he said.\n";
    let (model, warnings) = analyse(&[("a.txt", article)]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let quote = quote_with(&model, "The water came at night");
    assert_eq!(quote.speaker_name.as_deref(), Some("Jonas Meyer"));
    assert_eq!(quote.occurrences[0].continued.len(), 1);
    assert_eq!(
        quote.occurrences[0].continued[0].text,
        "By morning the cows were standing in a lake and the feed was gone,"
    );
    assert_everything_verbatim(&model);
}

#[test]
fn titles_offices_and_according_to() {
    let article = "German Chancellor Karl Weber met union leaders on Friday.\n\
“No one wants a strike,” the chancellor said.\n\
“The talks were constructive,” a government spokesperson said.\n\
The offer was “final”, according to the Kremlin.\n\
“Talks will resume on Monday and we expect an agreement soon,” the ministry said in a statement.\n";
    let (model, _) = analyse(&[("a.txt", article)]);
    let no_one = quote_with(&model, "No one wants a strike");
    assert_eq!(no_one.speaker_name.as_deref(), Some("Karl Weber"));
    assert!(no_one.speaker.is_some(), "a person has an id");
    let talks = quote_with(&model, "The talks were constructive");
    assert_eq!(talks.speaker_name.as_deref(), Some("government spokesperson"));
    assert!(talks.speaker.is_none(), "an office is not a person");
    assert_eq!(speaker(&model, "final"), "Kremlin");
    assert_eq!(speaker(&model, "Talks will resume"), "ministry");
}

#[test]
fn attribution_lines_after_quote_only_paragraphs() {
    let article =
        "Official statements\n“We will rebuild every school before winter.”\nMaria Ortiz, Minister of Education\n";
    let (model, _) = analyse(&[("a.txt", article)]);
    assert_eq!(speaker(&model, "We will rebuild"), "Maria Ortiz");
    let ortiz = model.people.iter().find(|p| p.name == "Maria Ortiz").unwrap();
    assert_eq!(ortiz.roles, ["Minister of Education"]);
}

#[test]
fn scare_quotes_are_terms_not_quotations() {
    let a = "Leaders of the so-called “green corridor” states met in Oslo, officials said.\nThe plan for a “buffer zone” was not discussed.\n";
    let b = "The “green corridor” group will meet again in May.\n";
    let (model, _) = analyse(&[("a.txt", a), ("b.txt", b)]);
    assert!(model.quotes.is_empty(), "{:#?}", model.quotes);
    let corridor = model.terms.iter().find(|t| t.text == "green corridor").unwrap();
    assert_eq!(corridor.outlets, 2);
    assert!(model.terms.iter().any(|t| t.text == "buffer zone"));
}

#[test]
fn apostrophes_are_not_quotation_marks() {
    let article = "Russia’s envoy and the countries’ leaders didn’t meet at the ’90s-era venue, Peter O’Neill said.\n";
    let (model, warnings) = analyse(&[("a.txt", article)]);
    assert!(model.quotes.is_empty() && model.terms.is_empty());
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn namesakes_stay_apart_and_honorifics_choose_between_them() {
    let article = "First Lady Clara Silva visited the school. Her husband, President Joao Silva, stayed in the capital.\n\
“We need more teachers,” Ms Silva said.\n\
“The budget is fixed,” Mr Silva said later.\n";
    let (model, _) = analyse(&[("a.txt", article)]);
    let silvas: Vec<&str> =
        model.people.iter().filter(|p| p.name.ends_with("Silva")).map(|p| p.name.as_str()).collect();
    assert_eq!(silvas.len(), 2, "{silvas:?}");
    assert_eq!(speaker(&model, "We need more teachers"), "Clara Silva");
    assert_eq!(speaker(&model, "The budget is fixed"), "Joao Silva");
}

#[test]
fn spellings_merge_across_outlets_and_one_quotation_keeps_each_wording() {
    let a = "Ukrainian Foreign Minister Oleksandr Kovalenko arrived in Rome.\n“We are ready to talk, but not to surrender,” Kovalenko told reporters.\n";
    let b = "Foreign Minister Olexander Kovalenko, speaking in Rome, said: “We are prepared to talk but not to capitulate.”\n";
    let (model, _) = analyse(&[("a.txt", a), ("b.txt", b)]);
    let people: Vec<&str> = model.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(people.len(), 1, "{people:?}");
    assert!(model.people[0].aliases.iter().any(|a| a.contains("Olexander") || a.contains("Oleksandr")));
    assert_eq!(model.quotes.len(), 1, "{:#?}", model.quotes);
    let quote = &model.quotes[0];
    assert_eq!(quote.occurrences.len(), 2);
    assert!(quote.wordings_differ);
    assert_ne!(quote.occurrences[0].text, quote.occurrences[1].text);
    assert_everything_verbatim(&model);
}

#[test]
fn unbalanced_quotation_marks_are_reported_with_their_line() {
    let article = "Harbour works begin next to the old port\nThe mayor said “the works start today and will last a year.\nTraffic will be diverted, officials said.\n";
    let project = common::Project::new(&[("harbour.txt", article.as_bytes())]);
    let output = project.run(&["build", "--format", "json"]);
    assert!(output.status.success());
    let err = common::stderr(&output);
    assert!(err.contains("harbour.txt:2: unbalanced quotation marks: “ opens a quotation that never closes"), "{err}");
    let json = project.json();
    assert_eq!(json["sources"][0]["paragraphs"].as_array().unwrap().len(), 2, "the text is kept");
}

#[test]
fn quotations_and_people_are_rendered_in_every_format() {
    let project = common::Project::copy_of("seeds");
    project.build(&[]);
    let html = project.read("site/index.html");
    assert!(html.contains("speaker-friedrich-merz"), "quotations grouped by speaker");
    assert!(html.contains("worded differently"));
    assert!(html.contains("Volodymyr Zelenskyy") && html.contains("Zelenskiy"), "spellings in the who's-who");
    let quotes_page = project.read("site/quotes.html");
    assert!(quotes_page.contains("Putin is a war criminal,"));
    let md = project.read("site/briefing.md");
    assert!(md.contains("### Friedrich Merz (Chancellor of Germany)"));
    assert!(md.contains("**worded differently**"));
    assert!(md.contains("| **Volodymyr Zelensky** |"));
    let pdf = project.pdf_text();
    assert!(pdf.contains("Putin is a war criminal"), "the PDF carries quotations");
    assert!(pdf.contains("Who is who"));
}

// Issue 9: attribution on wire-style copy, and who is who. Invented articles.

#[test]
fn doubled_apostrophes_are_quotation_marks() {
    let article = "Council approves the budget\n\n\
''The vote was closer than anyone expected,'' Mayor Tilda Brask said of the students'' protest.\n\n\
''We will keep talking,'' she added. ''Nobody wins a shouting match.''\n";
    let (model, warnings) = analyse(&[("a.txt", article)]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(speaker(&model, "The vote was closer"), "Tilda Brask");
    assert_eq!(speaker(&model, "Nobody wins a shouting match."), "Tilda Brask");
    assert_everything_verbatim(&model);
}

#[test]
fn a_short_attribution_after_a_question_or_a_party_bracket() {
    let article = "Harbour plan divides the council\n\n\
Councillor Dana Whitlock opposed the plan from the start.\n\n\
“Who pays for the dredging?” Whitlock asked. “Not the port, that much is certain.”\n\n\
“The harbour has waited long enough,” Sen. Ada Quill (D-Ore.) said.\n\n\
“It is a good day for the fleet.” Port director Ivo Marsh said on Tuesday.\n";
    let (model, _) = analyse(&[("a.txt", article)]);
    assert_eq!(speaker(&model, "Who pays for the dredging?"), "Dana Whitlock");
    assert_eq!(speaker(&model, "The harbour has waited"), "Ada Quill");
    assert_eq!(speaker(&model, "a good day for the fleet"), "Ivo Marsh");
}

#[test]
fn given_names_that_are_also_words_open_names() {
    let article = "Festival returns to the valley\n\n\
“We sold every ticket in a week,” said Ben Okafor, who runs the festival.\n\n\
“The weather is the only worry,” Will Darrow, the site manager, said.\n\n\
Bill Stroud, a local farmer, lends the fields. “They leave it cleaner than they found it,” Stroud fumed.\n";
    let (model, _) = analyse(&[("a.txt", article)]);
    assert_eq!(speaker(&model, "We sold every ticket"), "Ben Okafor");
    assert_eq!(speaker(&model, "The weather is the only worry"), "Will Darrow");
    assert_eq!(speaker(&model, "cleaner than they found it"), "Bill Stroud");
}

#[test]
fn familiar_given_names_merge_and_generations_stay_apart() {
    let a = "Bakery founder honoured\n\n\
Margaret Lindqvist opened the bakery in 1971 with her husband, Robert Pelling Sr.\n\n\
Their son, Robert Pelling Jr., runs it today. “Nothing has changed in the recipe,” Pelling Jr. said.\n";
    let b = "A bakery at fifty\n\n\
Peggy Lindqvist, 80, still bakes on Sundays, her son Robert Pelling Jr. said.\n";
    let (model, _) = analyse(&[("a.txt", a), ("b.txt", b)]);
    let names: Vec<&str> = model.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.iter().filter(|n| n.contains("Lindqvist")).count(), 1, "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("Sr.") || n.ends_with("Sr")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("Jr.") || n.ends_with("Jr")), "{names:?}");
    assert!(!names.iter().any(|n| matches!(*n, "Jr" | "Jr." | "Sr" | "Sr.")), "{names:?}");
    for person in &model.people {
        assert!(!person.aliases.iter().any(|a| matches!(a.as_str(), "Jr" | "Jr." | "Sr" | "Sr.")), "{person:?}");
    }
}

#[test]
fn colons_modifiers_and_long_appositions() {
    let article = "Ferry strike enters its second week\n\n\
Union leader Marit Solberg: “We will not sail until the rota is fixed.”\n\n\
“Nobody asked the crews,” said harbour union organiser Piet Hauge, who has worked the route for years.\n\n\
“The timetable is a fiction,” said Solberg ally Greta Lunde.\n\n\
“We hope to sail by Friday,” said Navy Capt. Oskar Brenna. \n\n\
Odd Rasmussen, a cousin of Mrs. Solberg's who once ran the ticket office at the old harbour, said, “They should have talked in spring.”\n\n\
Mayor Kari Vik lobbies for a deal: “Every day costs the island dearly.”\n";
    let (model, _) = analyse(&[("a.txt", article)]);
    assert_eq!(speaker(&model, "We will not sail"), "Marit Solberg");
    assert_eq!(speaker(&model, "Nobody asked the crews"), "Piet Hauge");
    assert_eq!(speaker(&model, "The timetable is a fiction"), "Greta Lunde");
    assert_eq!(speaker(&model, "We hope to sail by Friday"), "Oskar Brenna");
    assert_eq!(speaker(&model, "They should have talked in spring."), "Odd Rasmussen");
    assert_eq!(speaker(&model, "Every day costs the island dearly."), "Kari Vik");
}

#[test]
fn a_quotation_alone_in_its_paragraph_goes_on_with_the_speaker_before() {
    let article = "Rovers hold on\n\n\
Coach Lena Ferris praised her squad after the match.\n\n\
“They ran until they could not run any more.”\n\n\
“We will need that again on Sunday,” Ferris said after the game.\n\n\
“Every point matters now.”\n";
    let (model, _) = analyse(&[("a.txt", article)]);
    assert_eq!(speaker(&model, "They ran until"), "Lena Ferris");
    assert_eq!(speaker(&model, "Every point matters now."), "Lena Ferris");
}

#[test]
fn age_and_home_town_appositions_leave_the_name_as_subject() {
    let article = "Harvest fair draws crowds\n\n\
Dale Marsh, 61, of Ames, Iowa, said the fair \"always comes first\" for him.\n\n\
Holt, 54, of Boone, Iowa, said: \"We still came.\"\n";
    let (model, _) = analyse(&[("a.txt", article)]);
    assert_eq!(speaker(&model, "always comes first"), "Dale Marsh");
    assert_eq!(speaker(&model, "We still came."), "Holt");
}

#[test]
fn party_and_title_phrases_make_no_person() {
    let article = "Harvest fair draws crowds\n\n\
The Presumptive Republican nominee did not attend. An Iowa Republican, Kurt Lind, said he would vote anyway.\n\n\
\"The fair always comes first,\" Republican Nora Vance said.\n";
    let (model, _) = analyse(&[("a.txt", article)]);
    let names: Vec<&str> = model.people.iter().map(|p| p.name.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("Republican")), "{names:?}");
    assert!(names.contains(&"Kurt Lind"), "{names:?}");
    assert_eq!(speaker(&model, "The fair always comes first"), "Nora Vance");
}

#[test]
fn programme_titles_and_markup_values_are_not_quotations() {
    let article = "Minister on the sofa\n\n\
Finance Minister Ruth Aalto told Northwind TV's \"Morning Hour With Sam Tully\" that taxes would fall.\n\n\
She also appeared on \"The Sunday Table\" later that week.\n\n\
<post author=\"Ruth Aalto\" posted=\"March 3, 2031 at noon\">\n\n\
\"Taxes will fall next year, and they will fall for everyone,\" Aalto said.\n";
    let (model, _) = analyse(&[("a.txt", article)]);
    for title in ["Morning Hour", "The Sunday Table", "March 3, 2031", "Ruth Aalto"] {
        assert!(!model.quotes.iter().any(|q| q.text.starts_with(title)), "{title} is not a quotation");
    }
    assert_eq!(speaker(&model, "Taxes will fall next year"), "Ruth Aalto");
}
