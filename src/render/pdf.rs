//! The A4 PDF, typeset with Typst linked as a library. The Typst source
//! (`briefing.typ`) reads all article text from a JSON data file, so no
//! article can inject markup; both files are written beside the PDF so that
//! `typst compile site/briefing.typ` reproduces it. The in-memory `World`
//! serves only those two files and the bundled fonts.

use std::sync::OnceLock;

use serde::Serialize;
use tera::Context;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use super::view::{
    DisagreementView, EventView, FactView, PersonView, SiteView, SourceRef, SourceText, SourceView, SpeakerView, Stats,
    TermView, TimelineView,
};
use super::{RenderError, Sink, Templates};
use crate::model::Briefing;

/// The data file the Typst source reads.
pub const DATA_FILE: &str = "briefing-data.json";
const MAIN_FILE: &str = "briefing.typ";

/// Beyond this many sources the PDF summarises and leaves the texts out.
const APPENDIX_MAX_SOURCES: usize = 12;

/// Beyond this much article text (about 50 pages) the PDF leaves the texts
/// out, so that it stays small enough to attach to an e-mail and quick to
/// typeset; the HTML site and `briefing.json` carry them whole.
const APPENDIX_MAX_BYTES: usize = 160 * 1024;

/// What the PDF shows: the briefing's sections cut to a readable length.
#[derive(Serialize)]
struct PdfData<'a> {
    event: &'a EventView,
    stats: &'a Stats,
    summarised: bool,
    key_points: &'a [FactView],
    single_source: &'a [FactView],
    disagreements: &'a [DisagreementView],
    columns: &'a [SourceRef],
    table: bool,
    timeline: &'a [TimelineView],
    speakers: Vec<&'a SpeakerView>,
    people: &'a [PersonView],
    terms: &'a [TermView],
    sources: &'a [SourceView],
    appendix: Vec<AppendixSource<'a>>,
    /// `SOURCE_DATE_EPOCH`, when set: the PDF's date.
    created: Option<Created>,
    /// The size in KB of the article texts, when too long for the appendix.
    texts_left_out: Option<usize>,
    /// How many items each cut section leaves out, so that the PDF says so.
    omitted: Omitted,
}

#[derive(Serialize)]
struct Omitted {
    single_source: usize,
    disagreements: usize,
    timeline: usize,
    speakers: usize,
    people: usize,
    terms: usize,
    sources: usize,
}

#[derive(Serialize)]
struct AppendixSource<'a> {
    source: &'a SourceView,
    text: SourceText,
}

fn first<T>(items: &[T], n: usize) -> &[T] {
    &items[..items.len().min(n)]
}

pub fn render(briefing: &Briefing, view: &SiteView, templates: &Templates, sink: &dyn Sink) -> Result<(), RenderError> {
    let with_appendix = briefing.sources.len() <= APPENDIX_MAX_SOURCES;
    let text_bytes: usize = briefing.sources.iter().flat_map(|s| &s.paragraphs).map(|p| p.text.len()).sum();
    let texts_too_long = with_appendix && text_bytes > APPENDIX_MAX_BYTES;
    let mut speakers: Vec<&SpeakerView> = view.speakers.iter().collect();
    if !with_appendix {
        // The most reported quotations first when the list must be cut.
        speakers.sort_by_key(|s| std::cmp::Reverse(s.quotes.iter().map(|q| q.outlets).max().unwrap_or(0)));
        speakers.truncate(20);
    }
    // Listed by value, a row takes many lines: a summary shows fewer.
    let disagreement_rows = if with_appendix { 60 } else { 30 };
    let omitted = Omitted {
        single_source: view.single_source.len().saturating_sub(if with_appendix { 30 } else { 15 }),
        disagreements: view.disagreements.len().saturating_sub(disagreement_rows),
        timeline: view.timeline.len().saturating_sub(60),
        speakers: view.speakers.len() - speakers.len(),
        people: view.people.len().saturating_sub(60),
        terms: view.terms.len().saturating_sub(30),
        sources: view.sources.len().saturating_sub(100),
    };
    let data = PdfData {
        event: &view.event,
        stats: &view.stats,
        summarised: !with_appendix,
        key_points: first(&view.key_points, 15),
        single_source: first(&view.single_source, if with_appendix { 30 } else { 15 }),
        disagreements: first(&view.disagreements, disagreement_rows),
        // Listed by value, the rows need no columns.
        columns: if view.disagreement_table { &view.disagreement_columns } else { &[] },
        table: view.disagreement_table,
        timeline: first(&view.timeline, 60),
        speakers,
        people: first(&view.people, 60),
        terms: first(&view.terms, 30),
        sources: first(&view.sources, 100),
        created: source_date_epoch(),
        texts_left_out: texts_too_long.then_some(text_bytes / 1024),
        appendix: if with_appendix && !texts_too_long {
            briefing
                .sources
                .iter()
                .zip(&view.sources)
                .map(|(s, v)| AppendixSource { source: v, text: SourceText::new(s) })
                .collect()
        } else {
            Vec::new()
        },
        omitted,
    };
    let mut json = serde_json::to_vec_pretty(&data)?;
    json.push(b'\n');
    let mut context = Context::new();
    context.insert("data_file", DATA_FILE);
    let typ = templates.render(MAIN_FILE, &context)?;

    let date = briefing.event.date.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let pdf = compile(&typ, json.clone(), date)?;
    sink.write(MAIN_FILE, typ.as_bytes())?;
    sink.write(DATA_FILE, &json)?;
    sink.write("briefing.pdf", &pdf)
}

/// Typesets `typ` (which reads `data` as `DATA_FILE`) into PDF bytes.
/// `date` fixes the document's timestamp so that rebuilds are identical.
pub fn compile(typ: &str, data: Vec<u8>, date: Option<chrono::NaiveDate>) -> Result<Vec<u8>, RenderError> {
    use chrono::Datelike;
    let world = BriefingWorld::new(typ, data, date);
    let warned = typst::compile::<PagedDocument>(&world);
    let document = warned.output.map_err(|errors| RenderError::Typst(describe(&world, &errors)))?;
    let timestamp = date
        .and_then(|d| Datetime::from_ymd_hms(d.year(), d.month() as u8, d.day() as u8, 12, 0, 0))
        .map(Timestamp::new_utc);
    let options = PdfOptions { ident: Smart::Custom("briefing".into()), timestamp, ..PdfOptions::default() };
    typst_pdf::pdf(&document, &options).map_err(|errors| RenderError::Typst(describe(&world, &errors)))
}

/// The time reproducible builds ask for (`SOURCE_DATE_EPOCH`, seconds since
/// 1970 in UTC), which then dates the PDF instead of the event. It is written
/// into the PDF's data, so that `typst compile briefing.typ` gives the same file.
#[derive(Serialize)]
struct Created {
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

fn source_date_epoch() -> Option<Created> {
    use chrono::{Datelike, Timelike};
    let seconds: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    let t = chrono::DateTime::from_timestamp(seconds, 0)?.naive_utc();
    Some(Created {
        year: t.year(),
        month: t.month(),
        day: t.day(),
        hour: t.hour(),
        minute: t.minute(),
        second: t.second(),
    })
}

/// Diagnostics as "briefing.typ:LINE: message" lines.
fn describe(world: &BriefingWorld, errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|error| {
            let place = error
                .span
                .id()
                .and_then(|id| {
                    let range = world.range(error.span)?;
                    let source = world.source(id).ok()?;
                    let line = source.lines().byte_to_line(range.start)? + 1;
                    let name = id.vpath().get_without_slash().to_string();
                    Some(format!("{name}:{line}: "))
                })
                .unwrap_or_default();
            let hints: String = error.hints.iter().map(|h| format!(" (hint: {})", h.v)).collect();
            format!("{place}{}{hints}", error.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The bundled fonts, parsed once per process.
fn fonts() -> &'static (LazyHash<FontBook>, Vec<Font>) {
    static FONTS: OnceLock<(LazyHash<FontBook>, Vec<Font>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
        (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// A Typst world holding only the briefing source and its data file.
struct BriefingWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Option<Datetime>,
}

fn file_id(name: &str) -> FileId {
    let path = VirtualPath::new(format!("/{name}")).expect("a plain file name is a valid virtual path");
    RootedPath::new(VirtualRoot::Project, path).intern()
}

impl BriefingWorld {
    fn new(typ: &str, data: Vec<u8>, date: Option<chrono::NaiveDate>) -> Self {
        use chrono::Datelike;
        Self {
            main: Source::new(file_id(MAIN_FILE), typ.to_string()),
            data_id: file_id(DATA_FILE),
            data: Bytes::new(data),
            today: date.and_then(|d| Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8)),
        }
    }
}

impl World for BriefingWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(not_found(id)) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().1.get(index).cloned()
    }

    /// The event date, not the clock, so that output does not depend on when it was built.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}
