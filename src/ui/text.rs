//! Text measured as a terminal shows it: in columns, by grapheme (an emoji joined with
//! ZWJ, a flag, `❤️`, a letter with its accents are each one), cut with "…" where it must be.

use unicode_segmentation::UnicodeSegmentation;
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

/// Columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(grapheme_width).sum()
}

/// A grapheme's columns: an emoji sequence (ZWJ, variation selector 16) is as wide as its
/// widest part shows, never the sum of its parts.
fn grapheme_width(g: &str) -> usize {
    if g.chars().count() == 1 {
        return g.width();
    }
    if g.contains('\u{FE0F}') || g.contains('\u{200D}') {
        return 2;
    }
    g.width().min(2).max(usize::from(!g.is_empty()))
}

/// `text` in at most `cols` columns, with "…" at the end when it was cut.
pub fn truncate(text: &str, cols: usize) -> String {
    if width(text) <= cols {
        return text.to_string();
    }
    if cols == 0 {
        return String::new();
    }
    let (cut, _) = text.unicode_truncate(cols - 1);
    // unicode-truncate counts by code point widths; keep whole graphemes within the room.
    let mut out = String::new();
    let mut used = 0;
    for g in cut.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > cols - 1 {
            break;
        }
        used += w;
        out.push_str(g);
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// The first line of `text` in at most `cols` columns, with "…" when there is more.
pub fn first_line(text: &str, cols: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    let more = text.lines().nth(1).is_some();
    if more && width(line) < cols {
        return format!("{}…", line.trim_end());
    }
    truncate(line, cols)
}

/// `text` wrapped to `cols` columns, each line as it would show (no line starts with the
/// space it broke at).
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        if para.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        out.extend(
            textwrap::wrap(para, textwrap::Options::new(cols).break_words(true))
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    out
}

/// 3650 as "3,650".
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_columns_by_grapheme() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("你好"), 4);
        assert_eq!(width("❤️"), 2);
        assert_eq!(width("👩‍❤️‍👨"), 2);
        assert_eq!(width("e\u{301}"), 1);
    }

    #[test]
    fn truncation_keeps_whole_graphemes_and_says_so() {
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("你好你好你好", 7), "你好你…");
        assert_eq!(truncate("short", 10), "short");
        assert!(width(&truncate("👩‍❤️‍👨👩‍❤️‍👨👩‍❤️‍👨", 5)) <= 5);
        assert_eq!(first_line("one\ntwo", 20), "one…");
    }

    #[test]
    fn wrapped_lines_do_not_start_with_a_space() {
        for line in wrap("a few words that wrap at a narrow width", 9) {
            assert!(!line.starts_with(' '), "{line:?}");
            assert!(width(&line) <= 9);
        }
    }
}
