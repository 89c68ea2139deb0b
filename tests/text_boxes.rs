//! Text that reads as typed: in the check-in's text boxes, wrapped lines do not start with a
//! stray space, and emoji sequences and wide letters never push the box's border out.

mod common;

use common::*;
use nearer::app::{Action, update};
use nearer::journal::Journal;

fn reflection_box(text: &str, width: u16) -> Vec<String> {
    let mut a = app(Journal::default());
    press(&mut a, "c enter 4 enter s");
    let now = a.now;
    update(&mut a, Action::Paste(text.into()), now);
    let screen = render(&a, width, 24);
    screen
        .lines()
        .filter(|l| l.trim_start().starts_with('│'))
        .map(str::to_string)
        .collect()
}

#[test]
fn wrapped_lines_do_not_start_with_a_space() {
    for width in 40..90 {
        let rows = reflection_box(
            "We walked along the river after dinner and talked about the week ahead and the \
         little things that make it easier to be kind to each other when we are tired.",
            width,
        );
        let inside: Vec<&str> = rows
            .iter()
            .map(|r| r.trim().trim_start_matches('│').trim_end_matches('│'))
            .filter(|r| !r.trim().is_empty())
            .collect();
        assert!(inside.len() >= 2, "{rows:#?}");
        for r in &inside {
            // One space of padding inside the border, then the text itself.
            assert!(
                !r.starts_with("  "),
                "at {width}: a wrapped line starts with a space: {r:?}"
            );
        }
    }
}

#[test]
fn every_glyph_pasted_is_on_screen() {
    let text = "❤️".repeat(30);
    let rows = reflection_box(&text, 60);
    let shown: usize = rows.iter().map(|r| r.matches('❤').count()).sum();
    assert_eq!(shown, 30, "{rows:#?}");
}

#[test]
fn emoji_and_wide_letters_keep_the_border_in_place() {
    for text in [
        "👩‍❤️‍👨 we ❤️ this 👨‍👩‍👧‍👦 and 🇳🇱 flags",
        "你好世界，我们今天一起散步了很久",
        "e\u{301}te\u{301} à la plage ❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️",
    ] {
        let rows = reflection_box(text, 60);
        let widths: Vec<usize> = rows
            .iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(r.trim_end()))
            .collect();
        assert!(
            widths.windows(2).all(|w| w[0] == w[1]),
            "{text}: the box's right border moved: {rows:#?}"
        );
    }
}
