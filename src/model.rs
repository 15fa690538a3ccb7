//! The briefing data model: the one structure every output format is rendered
//! from, written verbatim as `briefing.json`. Field names and meanings follow
//! `contract.md`; fields beyond it are documented here and in the JSON Schema.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the `briefing.json` layout; bumped on breaking changes only.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole briefing pack.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Briefing {
    pub schema_version: u32,
    pub event: Event,
    pub sources: Vec<Source>,
    pub people: Vec<Person>,
    pub quotes: Vec<Quote>,
    /// Coined terms and scare-quoted phrases, with the sources that use them.
    pub terms: Vec<Term>,
    pub facts: Vec<Fact>,
    /// Ids of the facts shown as key points, most important first.
    pub key_points: Vec<String>,
    pub timeline: Vec<TimelineEntry>,
    pub disagreements: Vec<Disagreement>,
    /// Files in the seeds folder that could not be used, and why.
    pub skipped: Vec<SkippedFile>,
}

/// What the briefing is about.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Event {
    pub title: String,
    /// `YYYY-MM-DD`, or null when neither the configuration nor the sources give one.
    pub date: Option<String>,
    /// Where the title came from: `config` (briefing.toml) or `inferred`.
    pub title_origin: Origin,
    /// Where the date came from: `config`, `inferred`, or null with the date.
    pub date_origin: Option<Origin>,
    /// The editor's summary from briefing.toml, in Markdown.
    pub summary: Option<String>,
}

/// Whether a value was given by the user or read off the articles.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// `briefing.toml`.
    Config,
    /// A `.md` file's front matter.
    FrontMatter,
    /// `seeds/sources.toml`.
    SourcesToml,
    /// Read off the article text.
    Inferred,
}

/// One article.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Source {
    /// The file's stem, made unique and safe for a file name.
    pub id: String,
    /// Path relative to the seeds folder, with `/` separators.
    pub path: String,
    /// Null when not known: an outlet is never guessed.
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub url: Option<String>,
    /// Short name for tables and links: the outlet, else "Source N".
    pub label: String,
    /// Words in the cleaned paragraphs.
    pub word_count: usize,
    /// Where each known metadata field came from, e.g. `{"title": "inferred"}`.
    pub provenance: std::collections::BTreeMap<String, Origin>,
    pub paragraphs: Vec<Paragraph>,
    /// Every line dropped as not being the article, with the reason.
    pub removed: Vec<Removed>,
}

/// A paragraph of cleaned article text.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Paragraph {
    /// 1-based index into the source's paragraphs.
    pub n: usize,
    pub text: String,
    pub kind: ParagraphKind,
    /// 1-based line in the file where the paragraph starts.
    pub line: usize,
}

/// The role a paragraph plays in the article.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    Body,
    /// A subheading inside the article.
    Heading,
    /// The summary line under the headline.
    Standfirst,
    ListItem,
}

/// A line dropped from the article.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Removed {
    pub text: String,
    pub reason: RemovalReason,
    /// 1-based line in the file.
    pub line: usize,
}

/// Why a line is not part of the article.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// A photo caption or credit line.
    Caption,
    /// A line that repeats an earlier line of the same file.
    Duplicate,
    /// A "Read more …" link to another article.
    Teaser,
    /// Subscription, newsletter, survey, app or partner promotion.
    Promo,
    /// A list of languages the page is available in.
    LanguagePicker,
    /// The byline, kept as metadata.
    Byline,
    /// Publication or update date line, kept as metadata.
    Dateline,
    /// The headline repeated in the body when metadata already gives it.
    Headline,
    /// Reporting credits and author biographies.
    Credits,
    /// Site furniture: share links, tag lists, footers, separators, audio players.
    Chrome,
}

impl RemovalReason {
    /// The reason in a few words, as the reader sees it.
    pub fn describe(self) -> &'static str {
        match self {
            RemovalReason::Caption => "caption",
            RemovalReason::Duplicate => "duplicate",
            RemovalReason::Teaser => "teaser",
            RemovalReason::Promo => "promo",
            RemovalReason::LanguagePicker => "language picker",
            RemovalReason::Byline => "byline",
            RemovalReason::Dateline => "dateline",
            RemovalReason::Headline => "headline",
            RemovalReason::Credits => "credits",
            RemovalReason::Chrome => "chrome",
        }
    }
}

/// A file that was not used.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct SkippedFile {
    pub path: String,
    pub reason: String,
}

/// Where in a source something was found.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Citation {
    pub source: String,
    /// 1-based paragraph; 0 is the source's title.
    pub paragraph: usize,
}

/// A person the sources mention.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Person {
    pub id: String,
    /// Canonical form: the full name most outlets use.
    pub name: String,
    /// Every other form seen: other spellings, surname alone.
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub mentions: Vec<Citation>,
    /// Number of distinct outlets that mention the person.
    pub outlets: usize,
    /// Number of quotations attributed to the person.
    pub quote_count: usize,
}

/// A direct quotation, merged across the sources that carry it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Quote {
    pub id: String,
    /// Person id, or null when the speaker is not a known person.
    pub speaker: Option<String>,
    /// The speaker as attributed ("a Downing Street spokesperson"), or null.
    pub speaker_name: Option<String>,
    /// One canonical wording: the fullest occurrence's text.
    pub text: String,
    pub occurrences: Vec<QuoteOccurrence>,
    /// True when the outlets' wordings of this quotation differ.
    pub wordings_differ: bool,
}

/// One source's rendering of a quotation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct QuoteOccurrence {
    pub source: String,
    pub paragraph: usize,
    /// Verbatim as in that source, quotation marks stripped.
    pub text: String,
    /// A fragment inside reported speech rather than a whole statement.
    pub partial: bool,
    /// Further paragraphs of a quotation that runs over several paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub continued: Vec<QuoteContinuation>,
}

/// The part of a multi-paragraph quotation that lies in a later paragraph.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct QuoteContinuation {
    pub paragraph: usize,
    pub text: String,
}

/// A phrase in quotation marks that names something rather than quoting speech.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Term {
    pub text: String,
    pub uses: Vec<TermUse>,
    /// Number of distinct outlets that use the term.
    pub outlets: usize,
}

/// One use of a term.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct TermUse {
    pub source: String,
    pub paragraph: usize,
    /// Verbatim, as that source writes it.
    pub text: String,
}

/// A statement carried by one or more sources.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Fact {
    pub id: String,
    /// Verbatim from the first supporting source.
    pub text: String,
    pub sources: Vec<FactSource>,
    /// Number of independent outlets that carry the fact.
    pub outlets: usize,
    /// True when only one outlet carries it.
    pub single_source: bool,
    /// True when the user pinned it to the key points in briefing.toml.
    pub pinned: bool,
}

/// A source paragraph supporting a fact, with its own wording.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct FactSource {
    pub source: String,
    pub paragraph: usize,
    /// The supporting sentence, verbatim.
    pub text: String,
}

/// A dated event.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct TimelineEntry {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: String,
    /// Time of day as written ("8 a.m. ET"), when given.
    pub time: Option<String>,
    /// Verbatim sentence from the first source.
    pub text: String,
    pub sources: Vec<TimelineSource>,
    /// Only one outlet dates this event.
    pub single_source: bool,
    /// The sources give different dates for this event.
    pub dates_differ: bool,
}

/// A source's evidence for a timeline entry.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct TimelineSource {
    pub source: String,
    pub paragraph: usize,
    /// The date expression as written ("on Wednesday", "last month").
    pub expression: String,
    /// The date this source's expression resolves to.
    pub date: String,
    /// How the date was resolved: `absolute`, or relative to `published` or `event` date.
    pub resolved_from: String,
}

/// A topic on which outlets differ.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Disagreement {
    pub id: String,
    pub topic: String,
    pub kind: DisagreementKind,
    /// One value per source, in source order; null values mean the source is silent.
    pub values: Vec<DisagreementValue>,
}

/// What sort of difference a disagreement row shows.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum DisagreementKind {
    Number,
    List,
    Wording,
    Date,
    SingleSource,
    Other,
}

/// What one source says on a disagreement topic.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct DisagreementValue {
    pub source: String,
    /// Null: this source does not say.
    pub value: Option<String>,
    pub evidence: Option<Evidence>,
}

/// The verbatim text behind a value.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Evidence {
    pub paragraph: usize,
    pub text: String,
}
