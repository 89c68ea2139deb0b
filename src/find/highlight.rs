//! Showing what was found: where the words of a query are in a text as it was written (in
//! any script, whatever case and accents), that text as spans with the words marked, and
//! where to start a line so that its first match is in view.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Span;

use super::fold::fold;
use crate::ui::text::width;

/// Characters that belong to the one before them on screen: marks, emoji variation
/// selectors and skin tones, the joiner and tag characters. A highlight that ends just
/// before one takes it in, so "❤" found in "❤️" lights the whole emoji.
fn joins_previous(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
        || matches!(c as u32, 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0x200D | 0xE0020..=0xE007F)
}

/// Byte ranges of `text` where any of `terms` (folded) matches, merged and in order.
pub fn ranges(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    if terms.is_empty() {
        return Vec::new();
    }
    // Fold character by character, remembering which character each folded byte came from.
    let mut folded = String::with_capacity(text.len());
    let mut owner: Vec<Range<usize>> = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    let mut last = 0;
    for (i, ch) in text.char_indices() {
        let src = i..i + ch.len_utf8();
        if ch.is_ascii() {
            // What folding does to ASCII, without a string for it.
            last = owner.len();
            owner.push(src);
            folded.push(ch.to_ascii_lowercase());
            continue;
        }
        let piece = fold(ch.encode_utf8(&mut buf));
        if piece.is_empty() {
            // A mark that folds away (an accent, an emoji variation selector) belongs to
            // the character before it.
            for o in &mut owner[last..] {
                o.end = src.end;
            }
            continue;
        }
        last = owner.len();
        for _ in 0..piece.len() {
            owner.push(src.clone());
        }
        folded.push_str(&piece);
    }
    let mut found: Vec<Range<usize>> = Vec::new();
    for term in terms.iter().filter(|t| !t.is_empty()) {
        for (start, m) in folded.match_indices(term.as_str()) {
            let end = start + m.len() - 1;
            let mut to = owner[end].end;
            while let Some(c) = text[to..].chars().next().filter(|&c| joins_previous(c)) {
                to += c.len_utf8();
            }
            found.push(owner[start].start..to);
        }
    }
    found.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in found {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Text on one line: line breaks and tabs become spaces (the same byte length, so ranges
/// into the text stay valid).
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Spans of `text` from byte `from`, the parts in `ranges` (from [`ranges`]) styled `hit`
/// and the rest `base`.
pub fn spans(
    text: &str,
    ranges: &[Range<usize>],
    from: usize,
    base: Style,
    hit: Style,
) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut at = from.min(text.len());
    for r in ranges {
        let start = r.start.max(at).min(text.len());
        let end = r.end.max(start).min(text.len());
        if end <= at {
            continue;
        }
        if start > at {
            out.push(Span::styled(text[at..start].to_string(), base));
        }
        out.push(Span::styled(text[start..end].to_string(), hit));
        at = end;
    }
    if at < text.len() {
        out.push(Span::styled(text[at..].to_string(), base));
    }
    out
}

/// Where to start showing `text` so that the match at byte `first` is in view with about
/// `before` columns of what comes before it, from the start of a word where there is one.
/// 0 when the text before the match is short enough to show whole.
pub fn lead_in(text: &str, first: usize, before: usize) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    let first = first.min(text.len());
    let head = &text[..first];
    // Back from the match only as far as the room before it (a long text is not measured
    // whole: this runs for every row on screen).
    let mut start = first;
    let mut cols = 0;
    let mut whole = true;
    for (i, g) in head.grapheme_indices(true).rev() {
        cols += width(g);
        if cols > before {
            whole = false;
            break;
        }
        start = i;
    }
    if whole {
        return 0;
    }
    // Start at a word, not in the middle of one.
    if !head[..start].ends_with(char::is_whitespace)
        && let Some(space) = text[start..first].find(char::is_whitespace)
    {
        start += space + 1;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find::Query;

    #[test]
    fn ranges_cover_the_original_characters() {
        let text = "Le Café, le CAFÉ et le cafe";
        let r = ranges(text, &Query::parse("cafe").terms);
        let hits: Vec<&str> = r.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(hits, vec!["Café", "CAFÉ", "cafe"]);
        let text = "Καλημέρα ❤️ 桜";
        let r = ranges(text, &Query::parse("ΚΑΛΗΜΕΡΑ ❤ 桜").terms);
        let hits: Vec<&str> = r.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(hits, vec!["Καλημέρα", "❤️", "桜"]);
        // Overlapping words make one range.
        let r = ranges("breathe", &Query::parse("breath eat").terms);
        assert_eq!(r, vec![0..6]);
    }

    #[test]
    fn spans_mark_the_matches_and_keep_every_character() {
        let text = "a café, a tea";
        let r = ranges(text, &Query::parse("cafe tea").terms);
        let base = Style::default();
        let hit = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let s = spans(text, &r, 0, base, hit);
        let joined: String = s.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(joined, text);
        let marked: Vec<&str> = (s.iter().filter(|s| s.style == hit))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked, vec!["café", "tea"]);
        // From a later byte, only what follows.
        let s = spans(text, &r, 7, base, hit);
        assert_eq!(s[0].content, ", a ");
    }

    #[test]
    fn the_lead_in_starts_at_a_word_and_counts_columns() {
        let text = "one two three four five six seven eight nine ten";
        let at = text.find("ten").unwrap();
        let from = lead_in(text, at, 12);
        assert_eq!(&text[from..], "eight nine ten");
        assert_eq!(lead_in(text, 4, 12), 0, "a short start is shown whole");
        // Wide characters take two columns each.
        let text = "二人でゆっくりお茶を飲みながら話す";
        let at = text.find("話す").unwrap();
        let from = lead_in(text, at, 6);
        assert!(width(&text[from..at]) <= 6);
        assert!(from > 0);
    }
}
