//! Drawing a text box's words as they were typed: wrapped at spaces (the space a line
//! breaks at stays at the end of that line, never the start of the next), by grapheme and in
//! columns (an emoji sequence or `❤️` is one glyph, two columns), with the cursor shown and
//! kept in view. The box's editing is ratatui-textarea's; only its drawing is here, because
//! its own wrapping starts lines with a space and loses glyphs it measures one way and the
//! terminal shows another.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_segmentation::UnicodeSegmentation;

use super::text::width;

/// One line as the box shows it: the chars `start..end` of a line of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// The rows `lines` wrap to in `cols` columns.
pub fn rows(lines: &[String], cols: usize) -> Vec<Row> {
    let cols = cols.max(1);
    let mut out = Vec::new();
    for (n, text) in lines.iter().enumerate() {
        let mut start = 0; // chars
        let mut used = 0; // columns
        let mut at = 0; // chars so far
        // Where the row may break: after the last space, in chars, and the columns used then.
        let mut brk: Option<(usize, usize)> = None;
        for g in text.graphemes(true) {
            let w = width(g);
            let chars = g.chars().count();
            let space = g.chars().all(char::is_whitespace);
            if used + w > cols && !space && at > start {
                match brk.filter(|&(b, _)| b > start) {
                    Some((b, b_used)) => {
                        out.push(Row {
                            line: n,
                            start,
                            end: b,
                        });
                        start = b;
                        used -= b_used;
                    }
                    None => {
                        out.push(Row {
                            line: n,
                            start,
                            end: at,
                        });
                        start = at;
                        used = 0;
                    }
                }
                brk = None;
            }
            at += chars;
            used += w;
            if space {
                // A space hangs at the end of its row, however far it reaches.
                brk = Some((at, used));
            }
        }
        out.push(Row {
            line: n,
            start,
            end: at,
        });
    }
    out
}

/// What the box draws.
pub struct TextBox<'a> {
    pub lines: &'a [String],
    /// The cursor as the editor keeps it: line, and char in the line (none: the box is not
    /// in focus).
    pub cursor: Option<(usize, usize)>,
    pub placeholder: &'a str,
    pub placeholder_style: Style,
    pub text_style: Style,
    pub block: Block<'a>,
}

/// Draw the box in `area`: the rows around the cursor, the cursor reversed.
pub fn render(frame: &mut Frame, area: Rect, b: TextBox) {
    let inner = b.block.inner(area);
    frame.render_widget(b.block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let empty = b.lines.iter().all(String::is_empty);
    let cursor_style = Style::default().add_modifier(Modifier::REVERSED);
    if empty {
        let mut spans = vec![Span::styled(
            " ",
            if b.cursor.is_some() {
                cursor_style
            } else {
                Style::default()
            },
        )];
        spans.push(Span::styled(b.placeholder.to_string(), b.placeholder_style));
        frame.render_widget(
            Paragraph::new(Line::from(spans)).wrap(ratatui::widgets::Wrap { trim: false }),
            inner,
        );
        return;
    }
    let rows = rows(b.lines, usize::from(inner.width));
    let (cl, cc) = b.cursor.unwrap_or((0, 0));
    // The row holding the cursor: the last whose start is at or before it.
    let at = rows
        .iter()
        .rposition(|r| r.line == cl && r.start <= cc)
        .unwrap_or(0);
    let focused = b.cursor.is_some();
    let height = usize::from(inner.height);
    let first = (at + 1).saturating_sub(height);
    let mut out = Vec::with_capacity(height);
    for (i, r) in rows.iter().enumerate().skip(first).take(height) {
        let chars: Vec<char> = b.lines[r.line].chars().collect();
        let text: String = chars[r.start..r.end.min(chars.len())].iter().collect();
        if i != at || !focused {
            out.push(Line::styled(
                text.trim_end_matches('\n').to_string(),
                b.text_style,
            ));
            continue;
        }
        // Split at the cursor, by grapheme, and show the one under it reversed.
        let col = cc.saturating_sub(r.start);
        let mut before = String::new();
        let mut under = String::new();
        let mut after = String::new();
        let mut seen = 0;
        for g in text.graphemes(true) {
            let n = g.chars().count();
            if seen < col {
                before.push_str(g);
            } else if under.is_empty() {
                under.push_str(g);
            } else {
                after.push_str(g);
            }
            seen += n;
        }
        if under.is_empty()
            || under.chars().all(char::is_whitespace) && width(&before) >= usize::from(inner.width)
        {
            under = " ".into();
        }
        out.push(Line::from(vec![
            Span::styled(before, b.text_style),
            Span::styled(under, cursor_style),
            Span::styled(after, b.text_style),
        ]));
    }
    frame.render_widget(Paragraph::new(out), inner);
}

/// The editor `ta` in a box with a `border` and a space of padding, in `area`; the cursor
/// shown where the editor has it when the box is `focused`.
pub fn editor(
    frame: &mut Frame,
    area: Rect,
    theme: &super::Theme,
    ta: &ratatui_textarea::TextArea<'_>,
    border: Style,
    focused: bool,
) {
    use ratatui::widgets::{Borders, Padding};
    let c = ta.cursor();
    render(
        frame,
        area,
        TextBox {
            lines: ta.lines(),
            cursor: focused.then_some((c.0, c.1)),
            placeholder: ta.placeholder_text(),
            placeholder_style: theme.dim(),
            text_style: theme.text(),
            block: Block::default()
                .borders(Borders::ALL)
                .border_style(border)
                .padding(Padding::horizontal(1)),
        },
    );
}

/// A question, its help under it, the editor's box, and `below` (lines under the box,
/// kept to half the room left): the text steps of the check-in, the together evening and
/// the conversations draw with this. The box has a border in the accent colour (plain in
/// monochrome) and a space of padding, and shows the cursor where the editor has it.
pub fn question_and_editor(
    frame: &mut Frame,
    body: Rect,
    theme: &super::Theme,
    question: &str,
    help: &str,
    ta: &ratatui_textarea::TextArea<'_>,
    below: Vec<Line<'static>>,
) {
    use ratatui::layout::{Constraint, Layout};
    use ratatui::widgets::Wrap;
    let q = Paragraph::new(Line::styled(question.to_string(), theme.title()))
        .wrap(Wrap { trim: false });
    let qh = q.line_count(body.width).min(4) as u16;
    let h = Paragraph::new(Line::styled(help.to_string(), theme.dim())).wrap(Wrap { trim: false });
    let hh = h.line_count(body.width).min(3) as u16;
    let under = Paragraph::new(below).wrap(Wrap { trim: false });
    let uh = (under.line_count(body.width) as u16).min(body.height.saturating_sub(qh + hh + 4) / 2);
    let [qa, ha, _, ed, ua] = Layout::vertical([
        Constraint::Length(qh),
        Constraint::Length(hh),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(uh),
    ])
    .areas(body);
    frame.render_widget(q, qa);
    frame.render_widget(h, ha);
    let border = if theme.color {
        theme.accent()
    } else {
        theme.text()
    };
    editor(frame, ed, theme, ta, border, true);
    if uh > 0 {
        frame.render_widget(under, ua);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, cols: usize) -> Vec<String> {
        let lines = vec![text.to_string()];
        rows(&lines, cols)
            .into_iter()
            .map(|r| text.chars().skip(r.start).take(r.end - r.start).collect())
            .collect()
    }

    #[test]
    fn rows_break_after_spaces_and_never_start_with_one() {
        let text = "We walked along the river after dinner and talked about the week ahead";
        for cols in 5..40 {
            let rows = shown(text, cols);
            assert_eq!(rows.concat(), text, "nothing lost at {cols}");
            for r in &rows {
                assert!(!r.starts_with(' '), "{cols}: {r:?}");
                assert!(width(r.trim_end()) <= cols, "{cols}: {r:?}");
            }
        }
    }

    #[test]
    fn emoji_sequences_are_one_glyph_of_two_columns() {
        let text = "❤️".repeat(30);
        let rows = shown(&text, 20);
        assert_eq!(rows.concat(), text);
        assert!(rows.iter().all(|r| width(r) <= 20), "{rows:?}");
        assert_eq!(rows.len(), 3);
        let family = "👩‍❤️‍👨👨‍👩‍👧‍👦🇳🇱";
        assert_eq!(shown(family, 2).len(), 3, "each sequence whole");
    }

    #[test]
    fn a_word_longer_than_the_row_is_cut_by_glyph() {
        let rows = shown("antidisestablishmentarianism", 10);
        assert_eq!(rows.concat(), "antidisestablishmentarianism");
        assert!(rows.iter().all(|r| r.chars().count() <= 10));
    }
}
