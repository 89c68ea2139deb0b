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
