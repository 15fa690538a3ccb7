//! `briefing.md`: the whole briefing as one GitHub-flavoured Markdown
//! document, linking every item to its paragraph in the HTML source pages.

use tera::Context;

use super::view::SiteView;
use super::{RenderError, Sink, Templates};

pub fn render(view: &SiteView, templates: &Templates, sink: &dyn Sink) -> Result<(), RenderError> {
    let mut context = Context::new();
    context.insert("view", view);
    context.insert("limit", &super::view::SUMMARY_LIMIT);
    let text = templates.render("briefing.md", &context)?;
    sink.write("briefing.md", tidy(&text).as_bytes())
}

/// Collapses the blank lines that template logic leaves behind.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_start_matches('\n').to_string()
}
