//! The Tera templates: the defaults compiled into the binary, overridden by
//! file name from `--templates DIR`, plus the filters they use to escape
//! article text for Markdown and to render Markdown fields as HTML.

use std::collections::HashMap;
use std::path::Path;

use tera::{Context, Tera, Value};

use super::RenderError;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_templates.rs"));
}

/// The loaded template set.
pub struct Templates {
    tera: Tera,
    /// Files copied as they are (stylesheets): (name, text).
    assets: Vec<(String, String)>,
}

/// Files that are copied, not rendered: CSS braces would confuse Tera.
fn is_asset(name: &str) -> bool {
    name.ends_with(".css")
}

impl Templates {
    /// The built-in templates, with any file of the same name in `dir` taking precedence.
    pub fn load(dir: Option<&Path>) -> Result<Templates, RenderError> {
        let mut sources: Vec<(String, String)> =
            embedded::TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        if let Some(dir) = dir {
            if !dir.is_dir() {
                return Err(RenderError::TemplatesFolder(dir.to_path_buf()));
            }
            let entries = std::fs::read_dir(dir)
                .map_err(|source| RenderError::ReadTemplate { path: dir.to_path_buf(), source })?;
            let mut overrides: Vec<_> =
                entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
            overrides.sort();
            for path in overrides {
                let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                let text = std::fs::read_to_string(&path)
                    .map_err(|source| RenderError::ReadTemplate { path: path.clone(), source })?;
                match sources.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = text,
                    None => sources.push((name, text)),
                }
            }
        }
        let (assets, sources): (Vec<_>, Vec<_>) = sources.into_iter().partition(|(name, _)| is_asset(name));
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.register_filter("md", markdown_escape_filter);
        tera.register_filter("markdown", markdown_to_html_filter);
        tera.register_filter("md_cell", markdown_cell_filter);
        if let Err(err) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
            // Tera reports a syntax error without saying which template has it: find it.
            for (name, text) in &sources {
                if let Err(single) = Tera::default().add_raw_template(name, text)
                    && matches!(single.kind, tera::ErrorKind::Msg(ref m) if m.starts_with("Failed to parse"))
                {
                    return Err(template_error(name, &single));
                }
            }
            return Err(template_error("(templates)", &err));
        }
        Ok(Templates { tera, assets })
    }

    /// The text of a file that is copied as it is (the stylesheet).
    pub fn asset(&self, name: &str) -> Option<&str> {
        self.assets.iter().find(|(n, _)| n == name).map(|(_, t)| t.as_str())
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, RenderError> {
        self.tera.render(name, context).map_err(|err| template_error(name, &err))
    }
}

/// A Tera error as a message naming the template and, where Tera gives one, the line.
fn template_error(name: &str, err: &tera::Error) -> RenderError {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    // Parse errors carry "--> LINE:COL".
    let line = message.split("--> ").nth(1).and_then(|rest| rest.split(':').next()).and_then(|n| n.trim().parse().ok());
    // Tera's parse errors draw the offending line; keep only what it expected.
    let expected = message.lines().filter_map(|l| l.trim().strip_prefix("= ")).next_back().map(str::to_string);
    let message = match expected {
        Some(expected) => {
            let head = message.lines().next().unwrap_or("").split("-->").next().unwrap_or("");
            format!("{}: {expected}", head.trim().trim_end_matches(':'))
        }
        None => message.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" "),
    };
    RenderError::Template { name: name.to_string(), line, message }
}

fn string_arg(value: &Value, filter: &str) -> tera::Result<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Null => Ok(String::new()),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(tera::Error::msg(format!("filter `{filter}` expects text, got {other}"))),
    }
}

/// Escapes article text so that Markdown shows it as written: no emphasis,
/// links, HTML, math or headings can come out of it.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        let at_start = i == 0;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '&' if text[i + 1..].split(';').next().is_some_and(|e| {
                !e.is_empty() && e.len() < 10 && e.chars().all(|c| c.is_alphanumeric() || c == '#')
            }) =>
            {
                out.push_str("\\&");
            }
            '.' | ')' if text[..i].chars().all(|c| c.is_ascii_digit()) && !text[..i].is_empty() => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn markdown_escape_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(Value::String(escape_markdown(&string_arg(value, "md")?)))
}

/// Like `md`, for table cells: also never breaks the row.
fn markdown_cell_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(Value::String(escape_markdown(&string_arg(value, "md_cell")?).replace('\n', " ")))
}

/// Renders a Markdown field written by the user (briefing.toml's summary) as
/// HTML. Raw HTML in it is shown as text, not passed through.
fn markdown_to_html_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
    let text = string_arg(value, "markdown")?;
    // A link to a script (`javascript:`, `data:` …) keeps its text and loses its target.
    let mut unsafe_links: Vec<bool> = Vec::new();
    let parser =
        Parser::new_ext(&text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).filter_map(
            |event| match event {
                Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
                Event::Start(Tag::Link { ref dest_url, .. }) => {
                    let unsafe_link = !is_safe_url(dest_url);
                    unsafe_links.push(unsafe_link);
                    (!unsafe_link).then_some(event)
                }
                Event::End(TagEnd::Link) => (!unsafe_links.pop().unwrap_or(false)).then_some(event),
                other => Some(other),
            },
        );
    let mut out = String::new();
    html::push_html(&mut out, parser);
    Ok(Value::String(out))
}

/// Whether a link target is a web page, a mail address or a relative path,
/// not a script or inline data.
fn is_safe_url(url: &str) -> bool {
    let folded: String =
        url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase();
    match folded.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => matches!(scheme, "http" | "https" | "mailto"),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_neutralises_markup() {
        assert_eq!(
            escape_markdown("# *bold* [x](y) <script> $x$ {{ a }}"),
            r"\# \*bold\* \[x\](y) \<script\> \$x\$ \{\{ a \}\}"
        );
        assert_eq!(escape_markdown("1. Not a list"), r"1\. Not a list");
        assert_eq!(escape_markdown("Q&A &amp; more"), r"Q&A \&amp; more");
        assert_eq!(escape_markdown("Mr. Moreau’s plan"), "Mr. Moreau’s plan");
    }

    #[test]
    fn user_markdown_becomes_html_without_raw_html() {
        let out = markdown_to_html_filter(&Value::String("*hi* <b>x</b>".into()), &HashMap::new()).unwrap();
        assert_eq!(out.as_str().unwrap().trim(), "<p><em>hi</em> &lt;b&gt;x&lt;/b&gt;</p>");
    }
}
