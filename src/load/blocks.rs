//! Splits an article body into blocks (the candidate paragraphs) with the file
//! line each starts on: one block per line for copied web pages, per
//! paragraph for hard-wrapped text, per Markdown block for `.md` files.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::knowledge::line_of;
use crate::text::normalize_space;

/// How a block was marked up in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Plain,
    /// A bullet ("- ", "• ") or Markdown list item.
    ListItem,
    /// A Markdown heading.
    Heading,
    /// A Markdown image: its alt text is a caption, not article text.
    Image,
}

/// A candidate paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub line: usize,
    pub markup: Markup,
    /// The whole block is the text of a link (Markdown): navigation or a teaser.
    pub link_only: bool,
    /// The raw line had runs of spaces or tabs between words, as menus do when copied.
    pub spaced: bool,
}

const BULLETS: [&str; 6] = ["- ", "• ", "* ", "· ", "– ", "▪ "];

/// Blocks of a plain-text article; `first_line` is the file line of `body`'s first line.
pub fn text_blocks(body: &str, first_line: usize) -> Vec<Block> {
    let lines: Vec<&str> = body.split('\n').collect();
    if is_hard_wrapped(&lines) {
        return wrapped_blocks(&lines, first_line);
    }
    lines.iter().enumerate().filter_map(|(i, line)| plain_block(line, first_line + i)).collect()
}

fn plain_block(line: &str, line_no: usize) -> Option<Block> {
    let text = normalize_space(line);
    if text.is_empty() {
        return None;
    }
    let spaced = line.trim().contains("  ") || line.trim().contains('\t');
    let bullet =
        BULLETS.iter().find_map(|b| text.strip_prefix(b)).filter(|rest| rest.chars().any(char::is_alphanumeric));
    Some(match bullet {
        Some(rest) => {
            Block { text: rest.to_string(), line: line_no, markup: Markup::ListItem, link_only: false, spaced }
        }
        None => Block { text, line: line_no, markup: Markup::Plain, link_only: false, spaced },
    })
}

/// Text wrapped at a fixed width: paragraphs of several short lines between blank lines.
fn is_hard_wrapped(lines: &[&str]) -> bool {
    let lengths: Vec<usize> = lines.iter().map(|l| l.trim().chars().count()).filter(|&n| n > 0).collect();
    if lengths.len() < 4 || lengths.iter().any(|&n| n > 120) {
        return false;
    }
    // Lines inside a paragraph: followed directly by another non-blank line.
    let mut continued = 0;
    let mut wrapped = 0;
    for pair in lines.windows(2) {
        if !pair[0].trim().is_empty() && !pair[1].trim().is_empty() {
            continued += 1;
            let ends_sentence = pair[0].trim_end().ends_with(['.', '!', '?', '”', '"', ':']);
            if pair[0].trim().chars().count() >= 45 && !ends_sentence {
                wrapped += 1;
            }
        }
    }
    continued >= 3 && wrapped * 2 >= continued
}

fn wrapped_blocks(lines: &[&str], first_line: usize) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        let starts_item = BULLETS.iter().any(|b| line.trim_start().starts_with(b));
        match blocks.last_mut() {
            Some(last) if open && !starts_item => {
                last.text.push(' ');
                last.text.push_str(&normalize_space(line));
            }
            _ => blocks.extend(plain_block(line, first_line + i)),
        }
        open = true;
    }
    blocks
}

/// A line of a Markdown paragraph, before deciding whether lines are joined.
struct Segment {
    text: String,
    line: usize,
    /// Characters of text inside links, to spot lines that are only a link.
    linked: usize,
}

/// Blocks of a Markdown article. Inline markup is reduced to its text; raw
/// HTML is kept as literal text so that nothing is lost or executed. The
/// lines of a paragraph stay separate blocks unless they are wrapped prose:
/// pages saved as Markdown put chrome on consecutive lines.
pub fn markdown_blocks(body: &str, first_line: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    let mut markup = Markup::Plain;
    let mut image_alt: Option<Block> = None;
    let mut item_depth = 0usize;
    let mut link_depth = 0usize;
    let mut line_break = true;
    let line_at = |offset: usize| first_line + line_of(body, offset) - 1;
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::Item) => {
                flush_segments(&mut segments, markup, &mut blocks);
                item_depth += 1;
                markup = Markup::ListItem;
                line_break = true;
            }
            Event::End(TagEnd::Item) => {
                flush_segments(&mut segments, markup, &mut blocks);
                item_depth = item_depth.saturating_sub(1);
                markup = if item_depth > 0 { Markup::ListItem } else { Markup::Plain };
            }
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                flush_segments(&mut segments, markup, &mut blocks);
                markup = if item_depth > 0 { Markup::ListItem } else { Markup::Plain };
                line_break = true;
            }
            Event::Start(Tag::Heading { .. }) => {
                flush_segments(&mut segments, markup, &mut blocks);
                markup = Markup::Heading;
                line_break = true;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                flush_segments(&mut segments, markup, &mut blocks);
                markup = if item_depth > 0 { Markup::ListItem } else { Markup::Plain };
            }
            Event::Rule => {
                flush_segments(&mut segments, markup, &mut blocks);
                let text = normalize_space(&body[range.clone()]);
                blocks.push(Block {
                    text,
                    line: line_at(range.start),
                    markup: Markup::Plain,
                    link_only: false,
                    spaced: false,
                });
            }
            Event::Start(Tag::Link { .. }) => link_depth += 1,
            Event::End(TagEnd::Link) => link_depth = link_depth.saturating_sub(1),
            Event::Start(Tag::Image { .. }) => {
                image_alt = Some(Block {
                    text: String::new(),
                    line: line_at(range.start),
                    markup: Markup::Image,
                    link_only: false,
                    spaced: false,
                });
            }
            Event::End(TagEnd::Image) => {
                if let Some(mut alt) = image_alt.take() {
                    alt.text = normalize_space(&alt.text);
                    if !alt.text.is_empty() {
                        blocks.push(alt);
                    }
                }
            }
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                if let Some(alt) = image_alt.as_mut() {
                    alt.text.push_str(&text);
                    continue;
                }
                // Raw HTML blocks keep their own line structure.
                for (i, piece) in text.split('\n').enumerate() {
                    if line_break || i > 0 || segments.is_empty() {
                        segments.push(Segment { text: String::new(), line: line_at(range.start) + i, linked: 0 });
                        line_break = false;
                    }
                    let segment = segments.last_mut().expect("a segment was just pushed");
                    segment.text.push_str(piece);
                    if link_depth > 0 {
                        segment.linked += piece.trim().chars().count();
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => line_break = true,
            _ => {}
        }
    }
    flush_segments(&mut segments, markup, &mut blocks);
    blocks.sort_by_key(|b| b.line);
    blocks
}

/// Turns a paragraph's lines into blocks: one block when they are wrapped
/// prose, one block per line otherwise.
fn flush_segments(segments: &mut Vec<Segment>, markup: Markup, blocks: &mut Vec<Block>) {
    let taken: Vec<Segment> = std::mem::take(segments)
        .into_iter()
        .map(|s| Segment { text: normalize_space(&s.text), ..s })
        .filter(|s| !s.text.is_empty())
        .collect();
    if taken.is_empty() {
        return;
    }
    let non_final = &taken[..taken.len() - 1];
    // Wrapped lines run close to the wrap width and break mid-sentence.
    let width = taken.iter().map(|s| s.text.chars().count()).max().unwrap_or(0);
    let wrapped = non_final
        .iter()
        .filter(|s| {
            let n = s.text.chars().count();
            n >= 40 && n * 4 >= width * 3 && !s.text.ends_with(['.', '!', '?', '”', '"', ':'])
        })
        .count();
    let is_prose = !non_final.is_empty() && wrapped * 2 >= non_final.len();
    let link_only = |s: &Segment| s.linked > 0 && s.linked + 2 >= s.text.chars().count();
    if is_prose || taken.len() == 1 {
        let line = taken[0].line;
        let all_linked = taken.iter().all(link_only);
        let text = taken.into_iter().map(|s| s.text).collect::<Vec<_>>().join(" ");
        blocks.push(Block { text, line, markup, link_only: all_linked, spaced: false });
    } else {
        for s in taken {
            let link_only = link_only(&s);
            blocks.push(Block { text: s.text, line: s.line, markup, link_only, spaced: false });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<(&str, usize, Markup)> {
        blocks.iter().map(|b| (b.text.as_str(), b.line, b.markup)).collect()
    }

    #[test]
    fn one_block_per_line_with_bullets() {
        let blocks = text_blocks("\nTitle\n  • English\n- item one\n-\n", 1);
        assert_eq!(
            texts(&blocks),
            [
                ("Title", 2, Markup::Plain),
                ("English", 3, Markup::ListItem),
                ("item one", 4, Markup::ListItem),
                ("-", 5, Markup::Plain)
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let body = "The first paragraph of the article is wrapped at a\nfixed width as old e-mail text often is and goes\non for a while.\n\nThe second paragraph is wrapped the same way and it\ncontinues here with more words to show the joining\nof lines.\n";
        let blocks = text_blocks(body, 1);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].text.starts_with("The first paragraph") && blocks[0].text.ends_with("for a while."));
        assert_eq!(blocks[1].line, 5);
    }

    #[test]
    fn markdown_keeps_text_and_literal_html() {
        let body = "# Heading\n\nSome *emphasis* and <script>alert(1)</script> here.\n\n- one\n- two\n\n![A caption](x.jpg)\n\n* * *\n";
        let blocks = markdown_blocks(body, 10);
        assert_eq!(
            texts(&blocks),
            [
                ("Heading", 10, Markup::Heading),
                ("Some emphasis and <script>alert(1)</script> here.", 12, Markup::Plain),
                ("one", 14, Markup::ListItem),
                ("two", 15, Markup::ListItem),
                ("A caption", 17, Markup::Image),
                ("* * *", 19, Markup::Plain),
            ]
        );
    }

    #[test]
    fn markdown_lines_stay_apart_unless_wrapped_prose() {
        let body = "**The Daily**\nNews in your inbox every morning.\n[Subscribe now](https://x)\n\nA long paragraph of prose that has been wrapped at a fixed\nwidth by its writer and continues on the next line here.\n";
        let blocks = markdown_blocks(body, 1);
        let got: Vec<(&str, usize, bool)> = blocks.iter().map(|b| (b.text.as_str(), b.line, b.link_only)).collect();
        assert_eq!(
            got,
            [
                ("The Daily", 1, false),
                ("News in your inbox every morning.", 2, false),
                ("Subscribe now", 3, true),
                (
                    "A long paragraph of prose that has been wrapped at a fixed width by its writer and continues on the next line here.",
                    5,
                    false
                ),
            ]
        );
    }
}
