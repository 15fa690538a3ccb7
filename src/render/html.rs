//! The static site: `index.html` (the briefing, long lists cut short),
//! one page per source with an anchor on every paragraph, full lists paged
//! for large collections, and an offline stylesheet with print styles.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::view::{PAGE_SIZE, SUMMARY_LIMIT, SiteView, SourceText};
use super::{RenderError, Sink, Templates};
use crate::model::Briefing;

/// The full lists that get pages of their own, by file stem.
const LISTS: [&str; 5] = ["quotes", "people", "timeline", "facts", "sources"];

pub fn render(briefing: &Briefing, view: &SiteView, templates: &Templates, sink: &dyn Sink) -> Result<(), RenderError> {
    let css = templates.asset("style.css").ok_or_else(|| RenderError::Template {
        name: "style.css".into(),
        line: None,
        message: "template is missing".into(),
    })?;
    sink.write("style.css", css.as_bytes())?;

    let mut index = base_context(view, "");
    index.insert("limit", &SUMMARY_LIMIT);
    index.insert("key_points", &view.key_points);
    index.insert("single_source", first(&view.single_source, SUMMARY_LIMIT));
    // Past the summary limit the disagreements get pages of their own, like the other full lists.
    let paged_disagreements = view.disagreements.len() > SUMMARY_LIMIT;
    index.insert("disagreements", first(&view.disagreements, SUMMARY_LIMIT));
    index.insert("disagreement_columns", &view.disagreement_columns);
    index.insert("disagreement_table", &view.disagreement_table);
    index.insert("timeline", first(&view.timeline, SUMMARY_LIMIT));
    index.insert("speakers", first(&view.speakers, SUMMARY_LIMIT));
    index.insert("people", first(&view.people, SUMMARY_LIMIT));
    index.insert("terms", first(&view.terms, SUMMARY_LIMIT));
    index.insert("sources", first(&view.sources, SUMMARY_LIMIT));
    index.insert("skipped", &view.skipped);
    write_page(templates, sink, "index.html", "index.html", &index)?;

    if paged_disagreements {
        list_pages(view, templates, sink, "disagreements", &view.disagreements)?;
    }
    for list in LISTS {
        match list {
            "quotes" => list_pages(view, templates, sink, list, &view.speakers)?,
            "people" => list_pages(view, templates, sink, list, &view.people)?,
            "timeline" => list_pages(view, templates, sink, list, &view.timeline)?,
            "facts" => list_pages(view, templates, sink, list, &view.single_source)?,
            _ => list_pages(view, templates, sink, list, &view.sources)?,
        }
    }

    briefing.sources.par_iter().enumerate().try_for_each(|(i, source)| {
        let mut context = base_context(view, "../");
        context.insert("source", &view.sources[i]);
        context.insert("text", &SourceText::new(source));
        context.insert("previous", &i.checked_sub(1).map(|p| &view.sources[p]));
        context.insert("next", &view.sources.get(i + 1));
        write_page(templates, sink, "source.html", &format!("sources/{}.html", source.id), &context)?;
        crate::progress::advance();
        Ok(())
    })
}

/// What every page needs: the event, the counts and the way back to the root.
fn base_context(view: &SiteView, root: &str) -> Context {
    let mut context = Context::new();
    context.insert("event", &view.event);
    context.insert("stats", &view.stats);
    context.insert("root", root);
    context
}

fn first<T>(items: &[T], n: usize) -> &[T] {
    &items[..items.len().min(n)]
}

/// `quotes.html`, `quotes-2.html`, …: one page per `PAGE_SIZE` items.
fn list_pages<T: Serialize + Sync>(
    view: &SiteView,
    templates: &Templates,
    sink: &dyn Sink,
    list: &str,
    items: &[T],
) -> Result<(), RenderError> {
    let chunks: Vec<&[T]> = if items.is_empty() { vec![&[]] } else { items.chunks(PAGE_SIZE).collect() };
    let page_names: Vec<String> = (1..=chunks.len()).map(|n| page_name(list, n)).collect();
    chunks.par_iter().enumerate().try_for_each(|(i, chunk)| {
        let mut context = base_context(view, "");
        context.insert("list", list);
        context.insert("items", chunk);
        context.insert("page", &(i + 1));
        context.insert("pages", &page_names);
        context.insert("offset", &(i * PAGE_SIZE));
        context.insert("total", &items.len());
        context.insert("disagreement_columns", &view.disagreement_columns);
        context.insert("disagreement_table", &view.disagreement_table);
        write_page(templates, sink, "list.html", &page_names[i], &context)
    })
}

fn page_name(list: &str, n: usize) -> String {
    if n == 1 { format!("{list}.html") } else { format!("{list}-{n}.html") }
}

fn write_page(
    templates: &Templates,
    sink: &dyn Sink,
    template: &str,
    path: &str,
    context: &Context,
) -> Result<(), RenderError> {
    let html = templates.render(template, context)?;
    sink.write(path, html.as_bytes())
}
