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
