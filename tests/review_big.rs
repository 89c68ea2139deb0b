//! Looking back at years of evenings: the list, search and calendar on large generated
//! journals; that no search keystroke looks through the whole journal, and that what the
//! quiet moments after it find is exactly what a brute-force scan finds; and (ignored, run
//! by hand) the journals for trying nearer in a terminal and the timings of search at
//! 100,000 evenings.
//!
//! cargo test --test review_big -- --ignored --nocapture write_journals_for_trying
//! cargo test --release --test review_big -- --ignored --nocapture search_speed

mod common;
mod journals;

use chrono::NaiveDate;
use common::*;
use journals::day;
use nearer::app::{Action, App, update};
use nearer::find::Query;
use nearer::journal::Journal;
use nearer::screens::Screen;
use nearer::screens::review::Review;

fn review(app: &App) -> &Review {
    match app.screen() {
        Screen::Review(r) => r,
        _ => panic!("looking back is not on top"),
    }
}

fn rows(app: &App) -> usize {
    review(app).len(&app.journal)
}

/// The evenings the list shows (found so far), top to bottom.
fn shown(app: &App) -> Vec<NaiveDate> {
    let r = review(app);
    (0..r.len(&app.journal))
        .filter_map(|i| r.row_date(&app.journal, i))
        .collect()
}

/// Evenings search has looked at since it began.
fn examined(app: &App) -> u64 {
    review(app).search.examined()
}

/// Quiet moments until search has looked at every evening; returns how many it took.
fn settle(app: &mut App) -> usize {
    let now = app.now;
    let mut ticks = 0;
    while app.search_scanning() {
        update(app, Action::Tick, now);
        ticks += 1;
        assert!(ticks < 10_000, "search never finishes");
    }
    ticks
}

/// What the list must show once search is done: every evening that passes the filters and
/// holds every word typed, folded on the spot, newest first.
fn brute_force(app: &App) -> Vec<NaiveDate> {
    let r = review(app);
    let query = Query::parse(r.input());
    app.journal
        .entries
        .iter()
        .rev()
        .filter(|e| {
            r.search.filters.accepts(e, &app.content) && nearer::find::entry::matches(&query, e)
        })
        .map(|e| e.date)
        .collect()
}

/// The status line under the search box.
fn status(app: &App) -> String {
    render(app, 100, 30)
        .lines()
        .find(|l| l.contains(" match"))
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Press keys and return how many evenings search looked at for them.
fn looked_at(app: &mut App, keys: &str) -> u64 {
    let before = examined(app);
    press(app, keys);
    examined(app) - before
}

fn typed_looked_at(app: &mut App, text: &str) -> u64 {
    let before = examined(app);
    type_text(app, text);
    examined(app) - before
}

/// Realistic evenings (about 150 words each), as many as the tests can make quickly.
fn realistic(entries: usize) -> Journal {
    nearer::journal::sample::journal(entries, 1)
}

#[test]
fn ten_years_of_evenings() {
    let journal = journals::generated(3650, day(2026, 11, 25), 7);
    let total = journal.entries.len();
    assert!(total > 3000);
    let mut app = app(journal);
    press(&mut app, "l");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains(&format!(
            "{} evenings",
            nearer::screens::review::count(total)
        )),
        "{screen}"
    );
    assert!(screen.contains("▸"));
    press(&mut app, "G");
    let oldest = app.journal.entries[0]
        .date
        .format("%a %e %b %Y")
        .to_string();
    let screen = render(&app, 80, 24);
    let selected = screen
        .lines()
        .find(|l| l.contains('▸'))
        .expect("a selected row");
    assert!(
        selected.contains(&oldest),
        "G selects the oldest evening:\n{screen}"
    );
    press(&mut app, "g /");
    type_text(&mut app, "zurich");
    settle(&mut app);
    let found = rows(&app);
    assert!(found > 100 && found < total, "{found}");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Zürich"),
        "the match is shown as written:\n{screen}"
    );
    type_text(&mut app, " bakery");
    settle(&mut app);
    assert!(rows(&app) < found);
    assert_eq!(shown(&app), brute_force(&app));
    press(&mut app, "esc c pgup pgup [");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("2025"), "{screen}");
    press(&mut app, "esc t 3");
    assert!(render(&app, 80, 24).contains("365 days"));
}

/// The budget is in the work done: a keystroke may look at about two thousand evenings of
/// the usual length. A whole journal is many times that, so a keystroke that looked
/// through all of it fails here.
const PER_KEY: u64 = 5_000;

#[test]
fn no_keystroke_looks_through_the_whole_journal() {
    let mut app = app(realistic(30_000));
    press(&mut app, "l /");
    // A first word, narrowing it letter by letter, and words that are nowhere.
    for ch in "they".chars() {
        let n = typed_looked_at(&mut app, &ch.to_string());
        assert!(n <= PER_KEY, "typing {ch:?} looked at {n} evenings");
    }
    assert!(rows(&app) >= 20, "the screen is full at once");
    for (keys, what) in [
        ("backspace", "widening"),
        ("left left", "moving in the box"),
        ("x", "an edit in the middle"),
        ("ctrl+u", "clearing"),
    ] {
        let n = looked_at(&mut app, keys);
        assert!(n <= PER_KEY, "{what} looked at {n} evenings");
    }
    // A word no evening holds: the first keystroke cannot know that, and says so.
    let n = typed_looked_at(&mut app, "q");
    assert!(n <= PER_KEY, "{n}");
    let n = typed_looked_at(&mut app, "zx");
    assert!(n <= PER_KEY, "{n}");
    assert!(app.search_scanning(), "the rest is left to quiet moments");
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("0 of 30,000 evenings match so far, still looking…"),
        "{screen}"
    );
    assert!(screen.contains("… looking further back, at "), "{screen}");
    assert!(!screen.contains("No evening matches"), "{screen}");
    // Each quiet moment is a slice too, and together they look at each evening once.
    let before = examined(&app);
    let ticks = settle(&mut app);
    assert!(ticks > 3, "{ticks} quiet moments");
    assert!(examined(&app) - before <= 30_000);
    let screen = render(&app, 100, 30);
    assert!(screen.contains("0 of 30,000 evenings match"), "{screen}");
    assert!(screen.contains("No evening matches."), "{screen}");
    assert!(!screen.contains("so far"), "{screen}");
}

#[test]
fn scrolling_past_what_is_found_looks_further_and_the_end_follows_the_search() {
    let mut app = app(realistic(30_000));
    press(&mut app, "l /");
    type_text(&mut app, "zurich");
    assert!(app.search_scanning());
    let found = rows(&app);
    press(&mut app, "esc");
    // Page down past the rows found so far: it looks further, within a keystroke's work.
    for _ in 0..(found / 10 + 2) {
        let n = looked_at(&mut app, "pgdn");
        assert!(n <= PER_KEY, "{n}");
    }
    assert!(rows(&app) > found, "paging looked further");
    // The oldest match is not known yet: the selection follows the last row found.
    let n = looked_at(&mut app, "G");
    assert!(n <= PER_KEY, "{n}");
    let last = |app: &App| review(app).selected + 1 == rows(app);
    assert!(last(&app));
    settle(&mut app);
    assert!(last(&app), "the selection followed to the oldest match");
    assert_eq!(shown(&app), brute_force(&app));
    let oldest = brute_force(&app).last().copied().unwrap();
    assert_eq!(
        review(&app).row_date(&app.journal, review(&app).selected),
        Some(oldest)
    );
}

/// The evening open on an evening's page.
fn open_evening(app: &App) -> NaiveDate {
    match review(app).page() {
        nearer::screens::review::Page::Entry { date, .. } => *date,
        other => panic!("not an evening's page: {other:?}"),
    }
}

#[test]
fn stepping_to_older_evenings_from_an_evening_looks_further_too() {
    let mut app = app(realistic(30_000));
    press(&mut app, "l /");
    type_text(&mut app, "zurich");
    assert!(app.search_scanning());
    // The last row found so far, opened; ← goes to the next older match.
    press(&mut app, "esc G enter");
    let mut date = open_evening(&app);
    let all = brute_force(&app);
    let mut moved = 0;
    for _ in 0..5 {
        let n = looked_at(&mut app, "left");
        assert!(n <= PER_KEY, "{n}");
        let older = open_evening(&app);
        if older == date {
            // The next one was further back than a keystroke may look: it says so.
            assert!(render(&app, 100, 30).contains("Still looking further back"));
        } else {
            let i = all.iter().position(|&d| d == date).unwrap();
            assert_eq!(older, all[i + 1], "the next older match");
            date = older;
            moved += 1;
        }
    }
    assert!(moved > 0);
    settle(&mut app);
    press(&mut app, "esc G enter left");
    assert_eq!(open_evening(&app), *all.last().unwrap());
    assert!(render(&app, 100, 30).contains("This is the earliest evening here."));
}

#[test]
fn once_the_quiet_moments_are_done_results_are_what_a_brute_force_scan_finds() {
    let mut app = app(realistic(20_000));
    let total = "20,000";
    press(&mut app, "l /");
    let check = |app: &mut App, keys: &str, text: &str, settle_first: bool| {
        press(app, keys);
        type_text(app, text);
        let all = brute_force(app);
        let so_far = shown(app);
        assert_eq!(
            so_far[..],
            all[..so_far.len()],
            "what is found first is the newest part, for {:?}",
            review(app).input()
        );
        if settle_first {
            if app.search_scanning() {
                assert!(
                    status(app).contains("so far, still looking…"),
                    "{}",
                    status(app)
                );
            }
            settle(app);
            assert_eq!(shown(app), all, "for {:?}", review(app).input());
            let count = nearer::screens::review::count(all.len());
            assert!(
                status(app).starts_with(&format!("{count} of {total} evenings match")),
                "{} for {:?}",
                status(app),
                review(app).input()
            );
        }
    };
    // Typing, each letter settled or not; narrowing with a second word.
    check(&mut app, "", "w", true);
    check(&mut app, "", "alk", false);
    check(&mut app, "", "ed", true);
    check(&mut app, "", " to the", true);
    // Going back: one letter, then a whole word.
    check(&mut app, "backspace", "", true);
    check(&mut app, "backspace backspace backspace", "", false);
    check(&mut app, "backspace", "", true);
    // Edits in the middle of the words: "walked to" becomes "walkd to", then "talkd to".
    check(&mut app, "ctrl+u", "walked to", false);
    check(&mut app, "left left left left backspace", "", true);
    check(&mut app, "left left left left backspace", "t", true);
    // Accents and scripts: the journal's own words in other scripts.
    check(&mut app, "ctrl+u", "CAFÉ", true);
    check(&mut app, "ctrl+u", "散歩", true);
    check(&mut app, "ctrl+u", "merci", true);
    // Filters with the words: starred only.
    check(&mut app, "esc f space esc /", "", true);
    check(&mut app, "", " dit", true);
    check(&mut app, "backspace backspace", "", true);
    // A change to the journal while search is still looking: star the first row found.
    press(&mut app, "ctrl+u esc esc f space esc /");
    type_text(&mut app, "the");
    assert!(app.search_scanning());
    press(&mut app, "esc s");
    settle(&mut app);
    assert_eq!(shown(&app), brute_force(&app));
}
