//! Separates the article from what a web page wraps around it: captions,
//! teasers, promotions, navigation, language pickers, bylines, datelines,
//! credits and footers. Every block ends up either in the article or in
//! `removed` with a reason, so nothing is lost silently. The rules use
//! general signals (position, length, repetition, credit patterns, promo
//! vocabulary from `data/chrome.toml`), never the strings of particular sites.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::blocks::{Block, Markup};
use crate::knowledge::{ChromeWords, Knowledge};
use crate::model::{ParagraphKind, RemovalReason};
use crate::text::{dates, fold, words};

/// What a block turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Headline,
    Keep(ParagraphKind),
    Remove(RemovalReason),
}

/// Metadata already known for the article, which helps to recognise its chrome.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    pub title: Option<&'a str>,
    pub byline: Option<&'a str>,
}

/// The cleaned article.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    /// The role of each input block, in order.
    pub roles: Vec<Role>,
    /// Authors from a byline line, as written after "By".
    pub byline: Option<String>,
    /// The date of the first dateline.
    pub published: Option<NaiveDate>,
    /// Blocks a rule would have removed but that are too long to be anything
    /// but article text: (block index, the reason the rule gave).
    pub kept_long: Vec<(usize, RemovalReason)>,
}

/// A block longer than this many words is article text, whatever its first
/// words look like: no caption, promo or footer is that long, and a rule that
/// fires on one (a caption at the start of a whole article pasted as one
/// line) must not make the article vanish. A repeated block is the exception:
/// its first copy stays.
pub const PROSE_WORDS: usize = 100;

/// Lines up to this many words count as short: buttons, labels, footers.
const SHORT_WORDS: usize = 12;

type Roles = [Option<Role>];

fn remove(reason: RemovalReason) -> Option<Role> {
    Some(Role::Remove(reason))
}

/// Classifies every block.
pub fn clean(blocks: &[Block], knowledge: &Knowledge, known: Known) -> Cleaned {
    let mut roles: Vec<Option<Role>> = blocks.iter().map(|b| line_rule(b, knowledge)).collect();

    mark_link_lists(blocks, &mut roles, &knowledge.chrome);
    mark_promo_runs(blocks, &mut roles, &knowledge.chrome);
    mark_language_pickers(blocks, &mut roles, &knowledge.chrome.languages);
    mark_duplicates(blocks, &mut roles);
    mark_footer(blocks, &mut roles);
    mark_top(blocks, &mut roles, known.title, &knowledge.chrome);

    // The byline, found by its "By" or by its place under the headline,
    // names the authors whose credit lines and biographies are not article.
    let byline_index = roles.iter().position(|r| *r == remove(RemovalReason::Byline));
    let byline = byline_index.map(|i| byline_names(&blocks[i].text, &knowledge.chrome).to_string());
    let authors: Vec<String> = known.byline.or(byline.as_deref()).map(split_authors).unwrap_or_default();
    for (block, role) in blocks.iter().zip(roles.iter_mut()) {
        if role.is_none() && is_credit_line(&block.text, &authors, &knowledge.chrome) {
            *role = remove(RemovalReason::Credits);
        }
    }

    let published = blocks
        .iter()
        .zip(&roles)
        .filter(|(_, r)| **r == remove(RemovalReason::Dateline))
        .find_map(|(b, _)| dates::first_full_date(&b.text, knowledge));

    let mut roles: Vec<Role> = roles
        .into_iter()
        .enumerate()
        .map(|(i, role)| role.unwrap_or_else(|| Role::Keep(body_kind(blocks, i))))
        .collect();
    let mut kept_long = Vec::new();
    for (i, role) in roles.iter_mut().enumerate() {
        let long = word_count(&blocks[i].text) > PROSE_WORDS;
        match *role {
            Role::Remove(reason) if long && reason != RemovalReason::Duplicate => {
                kept_long.push((i, reason));
                *role = Role::Keep(body_kind(blocks, i));
            }
            Role::Headline if long => *role = Role::Keep(body_kind(blocks, i)),
            _ => {}
        }
    }
    mark_standfirst(blocks, &mut roles);
    Cleaned { roles, byline, published, kept_long }
}

/// Rules that look at one block alone.
fn line_rule(block: &Block, knowledge: &Knowledge) -> Option<Role> {
    let text = block.text.as_str();
    let chrome = &knowledge.chrome;
    let folded = fold(text);
    if block.markup == Markup::Image {
        return remove(RemovalReason::Caption);
    }
    if !text.chars().any(char::is_alphanumeric) {
        return remove(RemovalReason::Chrome);
    }
    if starts_with_phrase(&folded, &chrome.teaser_prefixes) && !has_quotation(text) {
        return remove(RemovalReason::Teaser);
    }
    // "🔊 Listen to this story · 7 min": symbols before the words do not hide them.
    let lead_trimmed = folded.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(');
    if is_chrome_line(lead_trimmed, &chrome.chrome_phrases) || is_short_chrome(&folded, &chrome.short_line_phrases) {
        return remove(RemovalReason::Chrome);
    }
    if starts_with_phrase(lead_trimmed, &chrome.footer_prefixes) && word_count(text) <= 40 && !has_quotation(text) {
        return remove(RemovalReason::Chrome);
    }
    if is_contact_line(text, &folded, chrome)
        || is_comment_count(&folded)
        || is_ticker(text)
        || is_share_row(text, chrome)
    {
        return remove(RemovalReason::Chrome);
    }
    if is_social_follow(text, &folded, chrome) {
        return remove(RemovalReason::Promo);
    }
    if is_language_line(text, &chrome.languages) {
        return remove(RemovalReason::LanguagePicker);
    }
    if is_byline(text, chrome) {
        return remove(RemovalReason::Byline);
    }
    if is_dateline(text, knowledge) {
        return remove(RemovalReason::Dateline);
    }
    if is_navigation(block) {
        return remove(RemovalReason::Chrome);
    }
    if is_caption(text, chrome) {
        return remove(RemovalReason::Caption);
    }
    if starts_with_phrase(folded.trim_start_matches(['(', '*', '_', '[']), &chrome.credit_line_prefixes) {
        return remove(RemovalReason::Credits);
    }
    if is_strong_promo(text, &folded, chrome) {
        return remove(RemovalReason::Promo);
    }
    if block.link_only {
        return remove(RemovalReason::Chrome);
    }
    None
}

/// A line that is only an e-mail or web address, or that gives addresses to
/// write to ("Write to Jane Roe at jane@example.com").
fn is_contact_line(text: &str, folded: &str, chrome: &ChromeWords) -> bool {
    let bare = text.trim().trim_matches(['*', '_', '<', '>']);
    let address = |w: &str| w.contains('@') && w.contains('.');
    let only_address = !bare.contains(char::is_whitespace)
        && (bare.starts_with("http://") || bare.starts_with("https://") || address(bare));
    let opens_contact = starts_with_phrase(folded.trim_start_matches(['*', '_']), &chrome.contact_prefixes);
    only_address || (opens_contact && bare.split_whitespace().any(address) && word_count(text) <= 40)
}

/// A row of share buttons: "f  X  WhatsApp  ✉".
fn is_share_row(text: &str, chrome: &ChromeWords) -> bool {
    let items: Vec<&str> = text.split_whitespace().collect();
    items.len() >= 2
        && items.iter().any(|w| chrome.social_networks.iter().any(|n| n == w))
        && items.iter().all(|w| chrome.social_networks.iter().any(|n| n == w) || w.chars().count() <= 1)
}

/// "23 comments", "💬 34 comments", "Comments (12)".
fn is_comment_count(folded: &str) -> bool {
    let ws = words(folded);
    ws.len() == 2
        && ((ws[0].parse::<u32>().is_ok() && matches!(ws[1], "comment" | "comments"))
            || (matches!(ws[0], "comment" | "comments") && ws[1].parse::<u32>().is_ok()))
}

/// Market data: "HALC ▼ $38.20 (-11.4%)": figures and symbols, no word in lower case.
fn is_ticker(text: &str) -> bool {
    let arrows = text.contains(['▲', '▼', '△', '▽']);
    let lower = text.chars().any(char::is_lowercase);
    arrows && !lower && text.chars().any(|c| c.is_ascii_digit())
}

/// "Follow The Daily Example on Facebook, Instagram and TikTok".
fn is_social_follow(text: &str, folded: &str, chrome: &ChromeWords) -> bool {
    starts_with_phrase(folded, &["follow".to_string()])
        && word_count(text) <= 20
        && words(text).iter().any(|w| chrome.social_networks.iter().any(|n| n == w))
}

fn has_quotation(text: &str) -> bool {
    // Two apostrophes are the news wires' double quotation mark.
    text.contains(['“', '”', '"', '«', '»']) || text.contains("''")
}

fn word_count(text: &str) -> usize {
    words(text).len()
}

/// The folded text starts with one of the (folded) phrases, followed by a word boundary.
fn starts_with_phrase(folded: &str, phrases: &[String]) -> bool {
    phrases.iter().any(|p| folded.strip_prefix(p.as_str()).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric)))
}

/// A chrome phrase alone, or followed by punctuation or figures ("Listen to this article · 8:20 min").
fn is_chrome_line(folded: &str, phrases: &[String]) -> bool {
    let bare = folded.trim_end_matches(|c: char| !c.is_alphanumeric());
    phrases.iter().any(|p| {
        let p = p.trim_end_matches(':');
        bare == p
            || folded.strip_prefix(p).is_some_and(|rest| {
                let rest = rest.trim_start();
                !rest.is_empty() && rest.starts_with(|c: char| !c.is_alphabetic())
            })
    })
}

/// A short line containing a furniture fragment anywhere ("4 minute read", "© 2026 …").
fn is_short_chrome(folded: &str, phrases: &[String]) -> bool {
    word_count(folded) <= SHORT_WORDS && phrases.iter().any(|p| contains_phrase(folded, p))
}

/// Whole-word (or whole-phrase) containment in folded text.
fn contains_phrase(folded: &str, phrase: &str) -> bool {
    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    folded.match_indices(phrase).any(|(i, _)| {
        let starts_word = phrase.starts_with(|c: char| !c.is_alphanumeric()) || edge(folded[..i].chars().next_back());
        let ends_word =
            phrase.ends_with(|c: char| !c.is_alphanumeric()) || edge(folded[i + phrase.len()..].chars().next());
        starts_word && ends_word
    })
}

const NAV_SEPARATORS: [&str; 7] = [" | ", " › ", " » ", " > ", " / ", " · ", " • "];

/// Menus and breadcrumbs: short capitalised items between separators
/// ("World | Asia | Pakistan", "Terms of use · Privacy"), or a row of
/// capitalised words copied with wide gaps between them.
fn is_navigation(block: &Block) -> bool {
    let text = block.text.trim().trim_end_matches(['|', '·']).trim();
    if text.ends_with(['.', '!', '?']) || has_quotation(text) {
        return false;
    }
    let item_like = |item: &str| {
        let item = item.trim();
        let n = word_count(item);
        (1..=4).contains(&n)
            && (item.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || (item.contains('.') && !item.contains(' ')))
    };
    let mut items = vec![text.to_string()];
    for separator in NAV_SEPARATORS {
        items = items.iter().flat_map(|i| i.split(separator).map(str::to_string).collect::<Vec<_>>()).collect();
    }
    if items.len() >= 2 && items.iter().all(|i| item_like(i)) {
        return true;
    }
    let all_capitalised =
        text.split_whitespace().all(|w| w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic()));
    block.spaced && all_capitalised && word_count(text) <= SHORT_WORDS
}

/// A site menu: navigation of three or more items without figures ("Home /
/// Thefts / Kelvinhaugh"), unlike "Jane Roe | Agency" or "2 days ago · 5 min read".
fn is_menu(block: &Block) -> bool {
    let items = NAV_SEPARATORS.iter().map(|s| block.text.matches(s).count()).sum::<usize>() + 1;
    is_navigation(block) && items >= 3 && !block.text.contains(|c: char| c.is_ascii_digit())
}

/// A line listing two or more language names and nothing else.
fn is_language_line(text: &str, languages: &[String]) -> bool {
    let cleaned: String =
        text.chars().map(|c| if matches!(c, '|' | '·' | '•' | '/' | ',') { ' ' } else { c }).collect();
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    let mut i = 0;
    let mut found = 0;
    while i < tokens.len() {
        let two = (i + 1 < tokens.len()).then(|| format!("{} {}", tokens[i], tokens[i + 1]));
        if let Some(two) = two.filter(|t| languages.iter().any(|l| l == t)) {
            let _ = two;
            i += 2;
        } else if languages.iter().any(|l| l == tokens[i]) {
            i += 1;
        } else {
            return false;
        }
        found += 1;
    }
    found >= 2
}

/// A photo caption: "Credit..." anywhere, or a credit after the last
/// sentence or in final parentheses ("… in Paris. AFP", "… (AP Photo/Jane
/// Doe)", "… 2025. JANE DOE / VIA REUTERS", "… Photo: Jo Roe/The Times",
/// "… (Example/Ali Raza)").
fn is_caption(text: &str, chrome: &ChromeWords) -> bool {
    if text.contains("Credit...") || text.contains("Credit…") {
        return true;
    }
    // "… within weeks (stock image) Credit: Getty": a credit marker before a few names at the end.
    let marked_credit = chrome.credit_markers.iter().any(|m| {
        text.rfind(&format!(" {m}")).is_some_and(|at| {
            let tail = &text[at + m.len() + 1..];
            (1..=6).contains(&word_count(tail)) && !tail.contains(['.', '!', '?', '“', '"'])
        })
    });
    if marked_credit {
        return true;
    }
    let tail = credit_tail(text);
    let whole_line = tail.len() == text.trim().len();
    let starts_with_marker = chrome.credit_markers.iter().any(|m| tail.starts_with(m.as_str()))
        || ["Photo ©", "Photograph ©", "Picture ©", "Image ©", "©"].iter().any(|m| tail.starts_with(m));
    if starts_with_marker {
        // A line that is only "Source: …" is a credit only if short.
        return !whole_line || word_count(tail) <= SHORT_WORDS;
    }
    if whole_line {
        return false;
    }
    let tail_words: Vec<&str> = tail.split(|c: char| c.is_whitespace() || c == '/').filter(|w| !w.is_empty()).collect();
    if tail_words.is_empty() || tail_words.len() > 8 {
        return false;
    }
    let name_like = tail_words.iter().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
            || matches!(*w, "via" | "for" | "and" | "de" | "van" | "von" | "del" | "da")
    });
    if !name_like {
        return false;
    }
    let agency = chrome.credit_agencies.iter().any(|a| {
        let a_words: Vec<&str> = a.split(|c: char| c.is_whitespace() || c == '/').filter(|w| !w.is_empty()).collect();
        !a_words.is_empty() && tail_words.windows(a_words.len()).any(|w| w == a_words.as_slice())
    });
    let slash_credit = tail.contains('/') && tail_words.len() >= 2;
    let shouted_name = tail_words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2).count() >= 2
        && tail_words.iter().all(|w| !w.chars().any(char::is_lowercase));
    agency || slash_credit || shouted_name
}

/// The part of a caption after its last sentence, or inside final parentheses.
fn credit_tail(text: &str) -> &str {
    let trimmed = text.trim_end().trim_end_matches(['*', '_']).trim_end();
    if trimmed.ends_with(')')
        && let Some(open) = trimmed.rfind('(')
    {
        return trimmed[open + 1..trimmed.len() - 1].trim();
    }
    let cut = trimmed
        .rmatch_indices(['.', '!', '?', '”'])
        .map(|(i, s)| i + s.len())
        .find(|&end| end < trimmed.len() && trimmed[end..].starts_with(' '));
    match cut {
        Some(end) => trimmed[end..].trim(),
        None => trimmed.trim_start_matches(['*', '_']),
    }
}

/// "By A and B", "By A, Athens correspondent", "By A with AFP".
fn is_byline(text: &str, chrome: &ChromeWords) -> bool {
    let rest = strip_by(text, chrome);
    if rest.len() == text.trim().len()
        || rest.is_empty()
        || text.len() > 140
        || (rest.ends_with('.') && rest.len() > 60)
    {
        return false;
    }
    split_authors(rest).iter().all(|part| {
        let parts: Vec<&str> = part.split_whitespace().collect();
        let name = (1..=5).contains(&parts.len()) && parts.iter().all(|p| p.starts_with(|c: char| c.is_uppercase()));
        let role = chrome.bio_role_nouns.iter().any(|n| contains_phrase(&fold(part), n)) && parts.len() <= 5;
        name || role
    })
}

/// The names of a byline line: "By A and B" gives "A and B", "A | Agency" gives "A".
fn byline_names<'t>(text: &'t str, chrome: &ChromeWords) -> &'t str {
    let names = strip_by(text, chrome);
    names.split(" | ").next().unwrap_or(names).trim()
}

fn strip_by<'t>(text: &'t str, chrome: &ChromeWords) -> &'t str {
    let text = text.trim();
    // "EXCLUSIVE by Jane Roe": a shouted label before the byline.
    let text = match text.split_once(' ') {
        Some((label, rest))
            if label.chars().count() >= 4
                && label.chars().all(|c| c.is_uppercase())
                && chrome.byline_prefixes.iter().any(|p| rest.starts_with(p.as_str())) =>
        {
            rest
        }
        _ => text,
    };
    chrome.byline_prefixes.iter().find_map(|p| text.strip_prefix(p.as_str())).map(str::trim).unwrap_or(text)
}

/// Names in a byline: "A, B and C" gives three; "A with AFP" two.
fn split_authors(byline: &str) -> Vec<String> {
    byline
        .split([',', '&', ';'])
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" with "))
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

/// A publication or update stamp: "Updated: March 3, 2026, 4:25 PM",
/// "Last updated 2 hours ago", "Published on 04/03/2026 - 09:12", or a line
/// that is little more than a date.
fn is_dateline(text: &str, knowledge: &Knowledge) -> bool {
    let n = word_count(text);
    if n > 25 {
        return false;
    }
    let folded = fold(text);
    let mentions = dates::find_dates(text, knowledge);
    let full_date = dates::first_full_date(text, knowledge).is_some();
    let has_time = mentions.iter().any(|m| m.time.is_some());
    let relative = contains_phrase(&folded, "ago");
    // "2 hours ago", "Updated 5 minutes ago": a stamp with nothing else.
    if relative && n <= 4 && text.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    let starts_with_stamp =
        ["updated", "last updated", "published", "first published", "posted", "modified", "last modified"]
            .iter()
            .any(|s| folded.strip_prefix(s).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric)));
    if starts_with_stamp && (full_date || has_time || relative || n <= 6) {
        return true;
    }
    let stamp_inside =
        words(text).iter().any(|w| matches!(*w, "Updated" | "Published" | "Posted" | "UPDATED" | "PUBLISHED"));
    if stamp_inside && (full_date || has_time) {
        return true;
    }
    let date_chars: usize = mentions.iter().map(|m| m.range.len()).sum();
    let letters_outside = text.chars().filter(|c| c.is_alphabetic()).count().saturating_sub(date_chars);
    full_date && letters_outside <= 12
}

/// Reporting credits and author biographies: a line naming a byline author
/// with reporting vocabulary, or "A B is a reporter/correspondent …".
fn is_credit_line(text: &str, authors: &[String], chrome: &ChromeWords) -> bool {
    // The phrase searches run last, only for lines of the right shape: this runs on every line of every article.
    let folded = std::cell::OnceCell::new();
    let folded = || folded.get_or_init(|| fold(text)).as_str();
    let role_noun = || chrome.bio_role_nouns.iter().any(|n| contains_phrase(folded(), n));
    let reporting = || chrome.bio_phrases.iter().any(|p| contains_phrase(folded(), p));
    let names_author = authors.iter().any(|a| a.chars().count() > 3 && text.contains(a.as_str()));
    if names_author && text.len() < 400 && !has_quotation(text) && (role_noun() || reporting()) {
        return true;
    }
    // "Jane Roe is an international reporter for …" without a byline to go by.
    let toks = words(text.trim_start_matches(['*', '_']));
    let bio_shape = toks.len() > 4
        && toks[0].starts_with(char::is_uppercase)
        && toks[1].starts_with(char::is_uppercase)
        && toks[2] == "is"
        && (matches!(toks[3], "a" | "an" | "the") || possessive_after_is(text));
    bio_shape && text.len() < 300 && role_noun()
}

/// "Jane Roe is EMM’s senior analyst": the word after "is" is a possessive.
fn possessive_after_is(text: &str) -> bool {
    let mut ws = text.split_whitespace().skip_while(|w| *w != "is");
    ws.next();
    ws.next().is_some_and(|w| w.ends_with("’s") || w.ends_with("'s"))
}

fn addresses_reader(folded: &str, chrome: &ChromeWords) -> bool {
    words(folded).iter().any(|w| chrome.reader_address.iter().any(|r| r == w))
}

/// A promotion on its own: promo vocabulary in a line that is short or
/// speaks to the reader, and carries no quotation.
fn is_strong_promo(text: &str, folded: &str, chrome: &ChromeWords) -> bool {
    if has_quotation(text) || !chrome.promo_phrases.iter().any(|p| contains_phrase(folded, p)) {
        return false;
    }
    // A line that opens with the call itself ("Download our app and get …").
    let opens_with_call = starts_with_phrase(folded.trim_start_matches(['*', '_', '>', ' ']), &chrome.promo_phrases);
    // Two calls in one line ("no spam … Subscribe") make a promotion whatever its length.
    let calls = chrome.promo_phrases.iter().filter(|p| contains_phrase(folded, p)).count();
    word_count(text) <= SHORT_WORDS
        || addresses_reader(folded, chrome)
        || (opens_with_call && word_count(text) <= 40)
        || (calls >= 2 && word_count(text) <= 40)
}

/// A one-to-three word line after a promotion: "Download", "Sign up".
fn is_button(text: &str, chrome: &ChromeWords) -> bool {
    let n = word_count(text);
    n <= 3 && !text.ends_with(['.', ':']) && (n <= 1 || chrome.promo_phrases.iter().any(|p| *p == fold(text)))
}

/// Links under a "Read more:"/"Most read" header are teasers, not article.
fn mark_link_lists(blocks: &[Block], roles: &mut Roles, chrome: &ChromeWords) {
    for i in 0..blocks.len() {
        let header = roles[i] == remove(RemovalReason::Teaser)
            && word_count(&blocks[i].text) <= 6
            && starts_with_phrase(&fold(&blocks[i].text), &chrome.teaser_prefixes);
        if !header {
            continue;
        }
        for j in i + 1..blocks.len() {
            let listed =
                blocks[j].markup == Markup::ListItem || blocks[j].link_only || is_teaser_shaped(&blocks[j].text);
            let open = matches!(roles[j], None | Some(Role::Remove(RemovalReason::Chrome | RemovalReason::Teaser)));
            if !listed || !open {
                break;
            }
            roles[j] = remove(RemovalReason::Teaser);
        }
    }
}

/// A headline copied as plain text under a "Read more"/"Most read" header:
/// a short line that is not a sentence and quotes no one.
fn is_teaser_shaped(text: &str) -> bool {
    // "» Why stolen art …": a bullet, not a quotation mark.
    let text = text.trim().trim_start_matches(['»', '›', '•', '-', '–']).trim_start();
    let n = word_count(text);
    (2..=16).contains(&n) && !text.ends_with(['.', '!', '?', ':', ';', ','])
}

/// Promotions come in blocks: the lines between two promo lines, the lines
/// around one that speak to the reader ("Enter your email address"), its
/// short header ("Newsletter") and its buttons ("Download").
fn mark_promo_runs(blocks: &[Block], roles: &mut Roles, chrome: &ChromeWords) {
    let promo = remove(RemovalReason::Promo);
    let open = |roles: &Roles, i: usize| roles[i].is_none() && !has_quotation(&blocks[i].text);
    let strong: Vec<usize> = (0..blocks.len()).filter(|&i| roles[i] == promo).collect();
    for pair in strong.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if (2..=4).contains(&(b - a)) && (a + 1..b).all(|i| open(roles, i) && word_count(&blocks[i].text) <= 30) {
            for slot in &mut roles[a + 1..b] {
                *slot = promo;
            }
        }
    }
    for &i in &strong {
        // Forward: buttons and reader-facing short lines.
        let mut j = i + 1;
        while j < blocks.len() && open(roles, j) {
            let folded = fold(&blocks[j].text);
            let short_address = addresses_reader(&folded, chrome) && word_count(&folded) <= SHORT_WORDS;
            if !(is_button(&blocks[j].text, chrome) || short_address) {
                break;
            }
            roles[j] = promo;
            j += 1;
        }
        // Backward: reader-facing lines, then one short header.
        let mut j = i;
        while j > 0 && open(roles, j - 1) {
            let folded = fold(&blocks[j - 1].text);
            // "Enter your email address" belongs to the promotion; an article's
            // last paragraph may speak to the reader too ("book your repair …").
            let promo_like =
                word_count(&folded) <= 15 || chrome.promo_phrases.iter().any(|p| contains_phrase(&folded, p));
            if addresses_reader(&folded, chrome) && word_count(&folded) <= 35 && promo_like {
                roles[j - 1] = promo;
                j -= 1;
                continue;
            }
            let header = word_count(&folded) <= 6
                && !blocks[j - 1].text.ends_with(['.', '?', '!'])
                && (word_count(&folded) <= 2 || chrome.promo_header_words.iter().any(|w| contains_phrase(&folded, w)));
            if header {
                roles[j - 1] = promo;
            }
            break;
        }
    }
}

/// Lines that name only a language, next to another such line or marked as list items.
fn mark_language_pickers(blocks: &[Block], roles: &mut Roles, languages: &[String]) {
    let is_language = |b: &Block| languages.iter().any(|l| l == b.text.trim_end_matches([',', '|']).trim());
    let flags: Vec<bool> = blocks.iter().map(is_language).collect();
    for i in 0..blocks.len() {
        let neighbour = (i > 0 && flags[i - 1]) || flags.get(i + 1).copied().unwrap_or(false);
        if flags[i] && roles[i].is_none() && (neighbour || blocks[i].markup == Markup::ListItem) {
            roles[i] = remove(RemovalReason::LanguagePicker);
        }
    }
}

/// A line that repeats an earlier line of the same file.
fn mark_duplicates(blocks: &[Block], roles: &mut Roles) {
    let mut seen = HashSet::new();
    for (i, block) in blocks.iter().enumerate() {
        if !seen.insert(fold(&block.text)) {
            // A repeated caption keeps the reason of its first copy.
            let earlier = blocks[..i].iter().position(|b| b.text == block.text).and_then(|j| roles[j]);
            roles[i] = match earlier {
                Some(Role::Remove(reason)) => remove(reason),
                _ => remove(RemovalReason::Duplicate),
            };
        }
    }
}

/// Short non-sentences after the last line of text: "Source", "example.com |".
fn mark_footer(blocks: &[Block], roles: &mut Roles) {
    for i in (0..blocks.len()).rev() {
        if roles[i].is_some() {
            continue;
        }
        let text = blocks[i].text.trim();
        // "Jane Roe, Minister of Health" under a quotation is an attribution, not a footer.
        let name_and_role = text.split_once(", ").is_some_and(|(name, role)| {
            let name_words: Vec<&str> = name.split_whitespace().collect();
            (2..=4).contains(&name_words.len())
                && name_words.iter().all(|w| w.starts_with(char::is_uppercase))
                && role.starts_with(char::is_uppercase)
        });
        let is_footer = text.chars().count() <= 40
            && word_count(text) <= 5
            && !text.ends_with(['.', '!', '?', '”', '"', '’'])
            && !has_quotation(text)
            && !name_and_role;
        if !is_footer {
            break;
        }
        roles[i] = remove(RemovalReason::Chrome);
    }
}

/// Prose: a long block, or a sentence of some length.
fn reads_like_prose(text: &str) -> bool {
    let n = word_count(text);
    n >= 30 || (n >= 8 && text.trim_end().ends_with(['.', '!', '?', '”', '"']))
}

/// A headline has a few words, not a sentence's full stop, and at least one
/// word in lower case (menus and mastheads capitalise every word).
fn reads_like_headline(text: &str) -> bool {
    let toks = words(text);
    // A quoted sentence (“… before winter.”) ends with a full stop inside its marks.
    let unquoted = text.trim_end().trim_end_matches(['”', '"', '’', '\'']);
    (4..=30).contains(&toks.len())
        && text.chars().count() <= 200
        && !unquoted.ends_with(['.', ',', ';'])
        && toks.iter().any(|w| w.starts_with(char::is_lowercase))
}

/// The top of the page, before the byline, dateline or first paragraph:
/// finds the headline (the metadata title where the body repeats it), drops
/// the masthead and section labels above it, and reads a short credit line
/// under it ("Our Correspondent") as the byline.
fn mark_top(blocks: &[Block], roles: &mut Roles, known_title: Option<&str>, chrome: &ChromeWords) {
    let anchor = (0..blocks.len())
        .find(|&i| {
            matches!(roles[i], Some(Role::Remove(RemovalReason::Byline | RemovalReason::Dateline)))
                || (roles[i].is_none() && reads_like_prose(&blocks[i].text))
        })
        .unwrap_or(blocks.len());
    let headline = match known_title {
        Some(title) => {
            let title = fold(title);
            let found = (0..blocks.len()).find(|&i| roles[i].is_none() && fold(&blocks[i].text) == title);
            if let Some(i) = found {
                roles[i] = remove(RemovalReason::Headline);
            }
            found.filter(|&i| i < anchor)
        }
        None => {
            // A headline heads something: text must follow it. Some pages put
            // the date above the headline: then it stands before the first prose.
            let prose = (0..blocks.len())
                .find(|&i| roles[i].is_none() && reads_like_prose(&blocks[i].text))
                .unwrap_or(blocks.len());
            // A site's tagline reads like a headline too, but the navigation
            // comes after it: the headline has no menu below it.
            let candidate = |i: &usize| {
                roles[*i].is_none()
                    && blocks[*i].markup != Markup::ListItem
                    && reads_like_headline(&blocks[*i].text)
                    && (*i + 1..blocks.len()).any(|j| roles[j].is_none())
                    && !blocks.get(*i + 1).is_some_and(is_menu)
            };
            let found = (0..anchor).find(candidate).or_else(|| (anchor..prose).find(candidate));
            if let Some(i) = found {
                roles[i] = Some(Role::Headline);
            }
            found
        }
    };
    let Some(headline) = headline else { return };
    // Above the headline: the masthead, its tagline (longer, but above the menu), section labels.
    let menu_after = |i: usize| (i + 1..headline).any(|j| is_menu(&blocks[j]));
    for i in 0..headline {
        if roles[i].is_none()
            && (word_count(&blocks[i].text) <= 8 || (word_count(&blocks[i].text) <= 14 && menu_after(i)))
            && !blocks[i].text.ends_with(['.', '!', '?'])
            && !has_quotation(&blocks[i].text)
        {
            roles[i] = remove(RemovalReason::Chrome);
        }
    }
    // Between the headline and the first prose: the author's name and role
    // on lines of their own ("Jane Roe", "Europe correspondent, Helsinki")
    // and one-word buttons ("Share", "Save").
    // A standfirst may come before the byline: the zone ends at the second prose line.
    let mut proses = (headline + 1..blocks.len()).filter(|&i| roles[i].is_none() && reads_like_prose(&blocks[i].text));
    let first_prose = proses.next().unwrap_or(blocks.len());
    let prose = if first_prose == headline + 1 { proses.next().unwrap_or(blocks.len()) } else { first_prose };
    let has_byline = roles.iter().any(|r| *r == remove(RemovalReason::Byline));
    for i in headline + 1..prose.min(headline + 8) {
        // "Jane Roe | Agency" reads as navigation; its first part is a name.
        let navigation = roles[i] == remove(RemovalReason::Chrome) && blocks[i].text.contains(" | ");
        if roles[i].is_some() && !navigation {
            continue;
        }
        let text = if navigation { blocks[i].text.split(" | ").next().unwrap_or("") } else { &blocks[i].text };
        let text = text.trim();
        let folded = fold(text);
        let n = word_count(text);
        let role_credit = n <= 5 && chrome.bio_role_nouns.iter().any(|r| contains_phrase(&folded, r));
        let bare_name = !has_byline
            && (2..=4).contains(&n)
            && text.split_whitespace().all(|w| w.starts_with(char::is_uppercase) && !w.contains(char::is_numeric))
            && !text.ends_with(['.', '!', '?', ':']);
        if role_credit || bare_name {
            roles[i] = remove(RemovalReason::Byline);
        } else if n == 1 && !has_quotation(text) && !navigation {
            roles[i] = remove(RemovalReason::Chrome);
        }
    }
}

/// Kept blocks: subheadings, list items, body.
fn body_kind(blocks: &[Block], i: usize) -> ParagraphKind {
    let block = &blocks[i];
    match block.markup {
        Markup::ListItem => return ParagraphKind::ListItem,
        Markup::Heading => return ParagraphKind::Heading,
        _ => {}
    }
    let text = block.text.trim();
    // A quoted sentence ends with its full stop inside the marks: “… winter.”
    let unquoted = text.trim_end_matches(['”', '"', '’', '\'']);
    if word_count(text) <= 12
        && text.chars().count() <= 90
        && !unquoted.ends_with(['.', ':', ';', ',', '!', '?'])
        && i + 1 < blocks.len()
    {
        return ParagraphKind::Heading;
    }
    ParagraphKind::Body
}

/// The paragraph right after the headline is its standfirst when it is short
/// and comes before the body proper.
fn mark_standfirst(blocks: &[Block], roles: &mut [Role]) {
    let Some(h) = roles.iter().position(|r| matches!(r, Role::Headline | Role::Remove(RemovalReason::Headline))) else {
        return;
    };
    let Some(next) = (h + 1..blocks.len()).find(|&i| matches!(roles[i], Role::Keep(_))) else {
        return;
    };
    let only_chrome_between = (h + 1..next).all(|i| {
        matches!(roles[i], Role::Remove(RemovalReason::Byline | RemovalReason::Dateline | RemovalReason::Chrome))
    });
    let kept_after = (next + 1..blocks.len()).any(|i| matches!(roles[i], Role::Keep(_)));
    let short = word_count(&blocks[next].text) <= 45;
    if only_chrome_between
        && kept_after
        && short
        && matches!(roles[next], Role::Keep(ParagraphKind::Body | ParagraphKind::Heading))
    {
        roles[next] = Role::Keep(ParagraphKind::Standfirst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_tails() {
        assert_eq!(credit_tail("Leaders meet in Paris. AFP"), "AFP");
        assert_eq!(credit_tail("A man speaks (AP Photo/Jane Doe)"), "AP Photo/Jane Doe");
        assert_eq!(credit_tail("On Sept 4, 2025. JOHN DOE / VIA REUTERS"), "JOHN DOE / VIA REUTERS");
        assert_eq!(credit_tail("*A man speaks. (Example Post/Jo Roe)*"), "Example Post/Jo Roe");
        assert_eq!(credit_tail("No tail here"), "No tail here");
    }

    #[test]
    fn authors_split() {
        assert_eq!(split_authors("A B, C D and E F"), ["A B", "C D", "E F"]);
        assert_eq!(split_authors("A B with AFP"), ["A B", "AFP"]);
    }

    fn block(text: &str) -> Block {
        Block { text: text.into(), line: 1, markup: Markup::Plain, link_only: false, spaced: false }
    }

    #[test]
    fn navigation_lines() {
        assert!(is_navigation(&block("World | Asia | Pakistan")));
        assert!(is_navigation(&block("Home / News / Europe")));
        assert!(is_navigation(&block("example.com | Legal notice | Contact")));
        assert!(!is_navigation(&block("The vote was 26 / 35 in favour.")));
        assert!(!is_navigation(&block("Prices rose | analysts said the rise would continue for months")));
        let spaced = Block { spaced: true, ..block("World Business Markets Legal") };
        assert!(is_navigation(&spaced));
    }

    #[test]
    fn language_lines() {
        let languages: Vec<String> =
            ["English", "Français", "Deutsch", "العربية", "Bahasa Indonesia"].map(String::from).to_vec();
        assert!(is_language_line("English Français Deutsch العربية", &languages));
        assert!(is_language_line("Français | English | Bahasa Indonesia", &languages));
        assert!(!is_language_line("English", &languages));
        assert!(!is_language_line("English lessons", &languages));
    }

    #[test]
    fn headline_shapes() {
        assert!(reads_like_headline("Europe Aims to Show It Is Ready to Secure Postwar Ukraine"));
        assert!(!reads_like_headline("World Business Markets Sustainability"));
        assert!(!reads_like_headline("The talks ended without a deal."));
    }
}
