//! Looking back at years of evenings: the list, search and calendar on large generated
//! journals, and (ignored, run by hand) the journals for trying nearer in a terminal and
//! the timings of search at 100,000 evenings.
//!
//! cargo test --test review_big -- --ignored --nocapture write_journals_for_trying
//! cargo test --release --test review_big -- --ignored --nocapture search_speed

mod common;
mod journals;

use std::time::{Duration, Instant};

use common::*;
use journals::day;
use nearer::app::App;
use nearer::content::Library;
use nearer::journal::Store;
use nearer::screens::Screen;
use nearer::screens::review::search::{Index, Query, Rows, Search};

fn rows(app: &App) -> usize {
    match app.screen() {
        Screen::Review(r) => r.len(&app.journal),
        _ => panic!("looking back is not on top"),
    }
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
    let found = rows(&app);
    assert!(found > 100 && found < total, "{found}");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Zürich"),
        "the match is shown as written:\n{screen}"
    );
    type_text(&mut app, " bakery");
    assert!(rows(&app) < found);
    press(&mut app, "esc c pgup pgup [");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("2025"), "{screen}");
    press(&mut app, "esc t 3");
    assert!(render(&app, 80, 24).contains("365 days"));
}

/// Narrowing while typing and going back must find exactly what a fresh scan finds.
#[test]
fn narrowing_matches_a_fresh_scan_on_a_large_journal() {
    let journal = journals::generated(20_000, day(2026, 11, 25), 11);
    let content = Library::bundled();
    let mut index = Index::build(&journal);
    let mut search = Search::default();
    let typed = "walked to the café";
    let mut text = String::new();
    let mut fresh_index = Index::build(&journal);
    let mut check = |text: &str, search: &mut Search, index: &mut Index| {
        search.set_query(Query::parse(text), index, &journal, &content);
        // A new search scans the whole index.
        let mut fresh = Search::default();
        fresh.set_query(Query::parse(text), &mut fresh_index, &journal, &content);
        assert_eq!(search.rows, fresh.rows, "for {text:?}");
    };
    for ch in typed.chars() {
        text.push(ch);
        check(&text, &mut search, &mut index);
    }
    while !text.is_empty() {
        text.pop();
        check(&text, &mut search, &mut index);
    }
    assert_eq!(search.rows, Rows::All);
}

#[test]
#[ignore = "writes journals to /tmp for trying nearer in a terminal"]
fn write_journals_for_trying() {
    for (days, dir) in [
        (3650, "/tmp/nearer-big-3650"),
        (36_500, "/tmp/nearer-big-36500"),
    ] {
        let _ = std::fs::remove_dir_all(dir);
        let store = Store::open(std::path::Path::new(dir)).unwrap();
        let journal = journals::generated(days, day(2026, 11, 25), 7);
        store.save(&journal).unwrap();
        println!(
            "{} evenings in {}",
            journal.entries.len(),
            store.journal_path().display()
        );
    }
    let dir = "/tmp/nearer-one";
    let _ = std::fs::remove_dir_all(dir);
    let store = Store::open(std::path::Path::new(dir)).unwrap();
    let mut j = nearer::journal::Journal::default();
    j.upsert(nearer::journal::Entry::clone(
        journals::november().entries.last().unwrap(),
    ));
    store.save(&j).unwrap();
    println!("1 evening in {}", store.journal_path().display());
}

#[test]
#[ignore = "timings; run with --release"]
fn search_speed() {
    let journal = journals::generated(117_000, day(2026, 11, 25), 3);
    let content = Library::bundled();
    println!("{} evenings", journal.entries.len());
    let t = Instant::now();
    let mut index = Index::build(&journal);
    println!("index built once in {:?}", t.elapsed());
    let mut search = Search::default();
    let mut worst = Duration::ZERO;
    let mut text = String::new();
    for ch in "zurich bakery".chars() {
        text.push(ch);
        let t = Instant::now();
        search.set_query(Query::parse(&text), &mut index, &journal, &content);
        let took = t.elapsed();
        worst = worst.max(took);
        let n = match &search.rows {
            Rows::All => journal.entries.len(),
            Rows::Some(d) => d.len(),
        };
        println!("{text:>16}: {n:>6} evenings in {took:?}");
    }
    for _ in 0..6 {
        text.pop();
        let t = Instant::now();
        search.set_query(Query::parse(&text), &mut index, &journal, &content);
        println!("{text:>16}: back in {:?}", t.elapsed());
    }
    // A change that is not a narrowing (a new first word) scans everything again.
    let t = Instant::now();
    search.set_query(Query::parse("walk"), &mut index, &journal, &content);
    println!("{:>16}: a fresh scan in {:?}", "walk", t.elapsed());
    let mut app = app(journal);
    press(&mut app, "l");
    let t = Instant::now();
    for _ in 0..10 {
        render(&app, 120, 40);
    }
    println!("list drawn in {:?} a frame", t.elapsed() / 10);
    println!("slowest keystroke {worst:?}");
}
