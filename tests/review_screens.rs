//! What looking back shows at 80x24, as snapshots: the list, an evening, search results,
//! filters, the calendar (in colour and without), the trend, the weekly recap, home's
//! "on this day".

mod common;
mod journals;

use common::*;

#[test]
fn the_list_and_an_evening() {
    let mut app = app(journals::november());
    insta::assert_snapshot!("home_on_this_day", render(&app, 80, 24));
    press(&mut app, "l");
    insta::assert_snapshot!("list", render(&app, 80, 24));
    press(&mut app, "enter");
    insta::assert_snapshot!("entry", render(&app, 80, 24));
    press(&mut app, "left");
    insta::assert_snapshot!("entry_before", render(&app, 80, 24));
}

#[test]
fn search_results_are_highlighted() {
    let mut app = app(journals::november());
    press(&mut app, "l /");
    type_text(&mut app, "cafe");
    insta::assert_snapshot!("search_cafe", render(&app, 80, 24));
    press(&mut app, "esc f down right");
    insta::assert_snapshot!("filters", render(&app, 80, 24));
    press(&mut app, "esc");
    insta::assert_snapshot!("search_cafe_with_appreciation", render(&app, 80, 24));
}

#[test]
fn calendar_trend_recap() {
    let mut app = app(journals::november());
    press(&mut app, "l c");
    insta::assert_snapshot!("calendar", render(&app, 80, 24));
    press(&mut app, "esc t");
    insta::assert_snapshot!("trend_30", render(&app, 80, 24));
    press(&mut app, "right");
    insta::assert_snapshot!("trend_90", render(&app, 80, 24));
    press(&mut app, "esc r");
    insta::assert_snapshot!("recap", render(&app, 80, 24));
}

#[test]
fn calendar_without_colour() {
    let mut app = app_with(journals::november(), evening(), false);
    press(&mut app, "l c left left left");
    insta::assert_snapshot!("calendar_no_color", render(&app, 80, 24));
}

/// The cells of `word` on screen are drawn in the highlight style, wherever it shows.
fn highlighted_on_screen(app: &nearer::app::App, word: &str) -> Vec<bool> {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| {
            nearer::app::view::view(f, app);
        })
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let hl = app.theme.highlight();
    let first = word.chars().next().unwrap().to_string();
    let mut found = Vec::new();
    for y in 0..24 {
        for x in 0..80u16 {
            let matches = word.chars().enumerate().all(|(i, ch)| {
                x + (i as u16) < 80 && buffer[(x + i as u16, y)].symbol() == ch.to_string()
            });
            if buffer[(x, y)].symbol() == first && matches {
                found.push(buffer[(x, y)].bg == hl.bg.unwrap());
            }
        }
    }
    found
}

#[test]
fn matches_are_highlighted_in_the_list_and_on_the_evening() {
    let mut app = app(journals::november());
    press(&mut app, "l /");
    type_text(&mut app, "lumiere");
    assert_eq!(highlighted_on_screen(&app, "Lumière"), vec![true]);
    assert_eq!(
        highlighted_on_screen(&app, "Café"),
        vec![false],
        "only the words searched for"
    );
    press(&mut app, "enter");
    assert_eq!(highlighted_on_screen(&app, "Lumière"), vec![true]);
    // Without a search, nothing is highlighted.
    let mut app2 = common::app(journals::november());
    press(&mut app2, "l G up up enter");
    assert!(render(&app2, 80, 24).contains("Lumière"));
    assert_eq!(highlighted_on_screen(&app2, "Lumière"), vec![false]);
}

/// Columns of the screen that hold a braille cell (the trend's lines) other than blank.
fn braille_columns(screen: &str) -> Vec<usize> {
    let mut cols: Vec<usize> = Vec::new();
    for line in screen.lines() {
        for (x, ch) in line.chars().enumerate() {
            if ('\u{2801}'..='\u{28FF}').contains(&ch) && !cols.contains(&x) {
                cols.push(x);
            }
        }
    }
    cols.sort();
    cols
}

#[test]
fn the_mean_line_breaks_across_months_with_no_evenings() {
    use chrono::Datelike;
    // Two weeks a year ago, two weeks up to tonight, nothing between.
    let mut journal = nearer::journal::Journal::default();
    for (from, to) in [
        (journals::day(2025, 11, 27), journals::day(2025, 12, 10)),
        (journals::day(2026, 11, 12), journals::day(2026, 11, 26)),
    ] {
        let mut d = from;
        while d <= to {
            journal.upsert(journals::plain(d, 3 + (d.ordinal() % 4) as u8));
            d = d.succ_opt().unwrap();
        }
    }
    let mut app = app(journal);
    press(&mut app, "l t 3");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("▸ 365 days"), "{screen}");
    let cols = braille_columns(&screen);
    assert!(cols.len() > 4, "the mean is drawn:\n{screen}");
    // Between the two stretches, a wide gap with no line at all (eleven empty months are
    // most of the chart's width).
    let widest = cols.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
    assert!(
        widest > 30,
        "the line joins the empty months ({widest}):\n{screen}"
    );
}

/// Together evenings at 80x24 and 120x40: the list with its mark and both ratings, an
/// evening's page with both voices (and the owner's own check-in beside), one done only
/// together, the calendar's mark, the trend with both ratings, the week's recap.
#[test]
fn together_evenings_in_look_back() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app(journals::together());
        press(&mut app, "l");
        insta::assert_snapshot!(format!("together_list_{w}x{h}"), draw(&mut app, w, h));
        press(&mut app, "enter");
        insta::assert_snapshot!(format!("together_entry_{w}x{h}"), draw(&mut app, w, h));
        press(&mut app, "pgdn");
        insta::assert_snapshot!(format!("together_entry_more_{w}x{h}"), draw(&mut app, w, h));
        press(&mut app, "left left left");
        insta::assert_snapshot!(format!("together_only_{w}x{h}"), draw(&mut app, w, h));
        press(&mut app, "esc c");
        insta::assert_snapshot!(format!("together_calendar_{w}x{h}"), draw(&mut app, w, h));
        press(&mut app, "esc t");
        insta::assert_snapshot!(format!("together_trend_30_{w}x{h}"), draw(&mut app, w, h));
        press(&mut app, "right");
        insta::assert_snapshot!(format!("together_trend_90_{w}x{h}"), draw(&mut app, w, h));
        press(&mut app, "esc r");
        insta::assert_snapshot!(format!("together_recap_{w}x{h}"), draw(&mut app, w, h));
    }
}

#[test]
fn together_marks_read_without_colour() {
    let mut app = app_with(journals::together(), evening(), false);
    press(&mut app, "l c left");
    insta::assert_snapshot!("together_calendar_no_color", draw(&mut app, 80, 24));
    press(&mut app, "esc t");
    insta::assert_snapshot!("together_trend_no_color", draw(&mut app, 80, 24));
}
