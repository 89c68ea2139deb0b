//! Looking back, driven through the keys as a person would: finding evenings in any script,
//! filters, starring, deleting and bringing back, editing and filling in past evenings,
//! exporting, and all of it surviving a save and a reload.

mod common;
mod journals;

use chrono::NaiveDate;
use common::*;
use journals::day;
use nearer::app::{Action, App, Effect, update};
use nearer::journal::export::{Format, write_new};
use nearer::journal::{Journal, Store};
use nearer::screens::Screen;
use nearer::screens::review::Review;

fn review(app: &App) -> &Review {
    match app.screen() {
        Screen::Review(r) => r,
        _ => panic!("looking back is not on top"),
    }
}

/// The evenings the list shows, top to bottom.
fn shown(app: &App) -> Vec<NaiveDate> {
    let r = review(app);
    (0..r.len(&app.journal))
        .filter_map(|i| r.row_date(&app.journal, i))
        .collect()
}

fn find(app: &mut App, text: &str) -> Vec<NaiveDate> {
    press(app, "/ ctrl+u");
    type_text(app, text);
    shown(app)
}

/// Carry out the saves asked for, as the terminal loop does.
fn save(store: &Store, app: &App, effects: &[Effect]) {
    if effects.contains(&Effect::SaveJournal) {
        store.save(&app.journal).expect("the journal saves");
    }
}

#[test]
fn find_works_across_scripts_accents_and_emoji() {
    let mut app = app(journals::november());
    press(&mut app, "l");
    assert_eq!(shown(&app).len(), 14, "every evening, before any search");
    assert_eq!(
        find(&mut app, "cafe"),
        vec![day(2026, 11, 25), day(2026, 11, 2)]
    );
    assert_eq!(find(&mut app, "CAFÉ LUMIERE"), vec![day(2026, 11, 2)]);
    assert_eq!(find(&mut app, "καλημερα"), vec![day(2026, 11, 3)]);
    assert_eq!(find(&mut app, "ΜΙΛΗΣΑΜΕ"), vec![day(2026, 11, 3)]);
    assert_eq!(find(&mut app, "桜"), vec![day(2026, 11, 6)]);
    assert_eq!(find(&mut app, "❤"), vec![day(2026, 11, 10)]);
    assert_eq!(find(&mut app, "🫶🏽"), vec![day(2026, 11, 25)]);
    assert_eq!(find(&mut app, "naive"), vec![day(2026, 11, 20)]);
    // What was noticed, the small act, the appreciation and the prompt are searched too.
    assert_eq!(find(&mut app, "phones"), vec![day(2026, 11, 11)]);
    assert_eq!(find(&mut app, "mirror"), vec![day(2026, 11, 25)]);
    assert_eq!(find(&mut app, "spatula"), vec![day(2026, 11, 10)]);
    assert_eq!(find(&mut app, "however small").len(), 14);
    assert!(find(&mut app, "nowhere in the journal").is_empty());
    let screen = render(&app, 80, 24);
    assert!(screen.contains("No evening matches"), "{screen}");
}

#[test]
fn typing_narrows_and_backspace_widens_again() {
    let mut app = app(journals::november());
    press(&mut app, "l /");
    type_text(&mut app, "w");
    let w = shown(&app);
    type_text(&mut app, "alk");
    assert_eq!(shown(&app), vec![day(2026, 11, 11), day(2025, 11, 26)]);
    press(&mut app, "backspace backspace backspace");
    assert_eq!(shown(&app), w);
    press(&mut app, "backspace");
    assert_eq!(shown(&app).len(), 14);
    // Esc leaves the box and keeps the results; esc again clears them; esc again goes home.
    type_text(&mut app, "apples");
    press(&mut app, "esc");
    assert_eq!(shown(&app), vec![day(2026, 11, 23)]);
    press(&mut app, "esc");
    assert_eq!(shown(&app).len(), 14);
    press(&mut app, "esc");
    assert!(matches!(app.screen(), Screen::Home(_)));
}

#[test]
fn filters_starred_appreciation_section_and_dates() {
    let mut app = app(journals::november());
    press(&mut app, "l f");
    press(&mut app, "space");
    assert_eq!(
        shown(&app),
        vec![day(2026, 11, 25), day(2026, 11, 20)],
        "starred"
    );
    press(&mut app, "space down right right");
    // Without an appreciation.
    assert_eq!(
        shown(&app),
        vec![
            day(2026, 11, 24),
            day(2026, 11, 16),
            day(2026, 11, 6),
            day(2026, 11, 3),
            day(2026, 10, 26)
        ]
    );
    press(&mut app, "0 down");
    // Sections in the article's order: the first is "Why closeness matters"
    // (proper-welcome), the second "What gets in the way" (phone-free-landing).
    press(&mut app, "right");
    assert_eq!(shown(&app), vec![day(2026, 11, 24), day(2026, 11, 2)]);
    press(&mut app, "right");
    assert_eq!(shown(&app), vec![day(2026, 11, 10)]);
    press(&mut app, "0 down left");
    // From this month (November 2026).
    assert_eq!(shown(&app).len(), 12);
    press(&mut app, "down left left");
    // To October 2026: the from date moves back with it.
    assert_eq!(shown(&app), vec![day(2026, 10, 26)]);
    press(&mut app, "enter");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("from October 2026 · to October 2026"),
        "{screen}"
    );
    // Filters and a search together.
    press(&mut app, "esc f 0 space esc /");
    type_text(&mut app, "cafe");
    assert_eq!(shown(&app), vec![day(2026, 11, 25)]);
}

#[test]
fn stars_and_deletes_survive_a_restart_and_undo_brings_back() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.save(&journals::november()).unwrap();
    let mut app = app(store.load().unwrap());
    press(&mut app, "l down");
    // Star Tuesday 24 November.
    let e = press(&mut app, "s");
    save(&store, &app, &e);
    assert!(
        store
            .load()
            .unwrap()
            .entry(day(2026, 11, 24))
            .unwrap()
            .starred
    );
    // Delete it: asked first; 2 keeps it.
    press(&mut app, "d");
    assert!(render(&app, 80, 24).contains("Delete the evening of Tuesday 24 November 2026?"));
    let e = press(&mut app, "2");
    assert!(e.is_empty());
    assert!(app.journal.entry(day(2026, 11, 24)).is_some());
    let e = press(&mut app, "d 1");
    save(&store, &app, &e);
    let reloaded = store.load().unwrap();
    assert!(reloaded.entry(day(2026, 11, 24)).is_none());
    assert_eq!(reloaded.entries.len(), 13);
    assert!(render(&app, 80, 24).contains("Deleted the evening of Tuesday 24 November 2026"));
    // Undo works after leaving looking back and coming again, until quitting.
    press(&mut app, "esc l");
    let e = press(&mut app, "u");
    save(&store, &app, &e);
    let reloaded = store.load().unwrap();
    let back = reloaded.entry(day(2026, 11, 24)).expect("brought back");
    assert!(back.starred);
    assert_eq!(reloaded, journals_with_star(day(2026, 11, 24)));
    assert_eq!(
        review(&app).selected,
        1,
        "the evening brought back is selected"
    );
    let e = press(&mut app, "u");
    assert!(e.is_empty(), "nothing more to bring back");
}

fn journals_with_star(date: NaiveDate) -> Journal {
    let mut j = journals::november();
    let i = j.entries.iter().position(|e| e.date == date).unwrap();
    std::sync::Arc::make_mut(&mut j.entries[i]).starred = true;
    j
}

#[test]
fn deleting_from_an_evening_page_returns_to_the_list() {
    let mut app = app(journals::november());
    press(&mut app, "l enter right");
    assert!(render(&app, 80, 24).contains("This is the latest evening here."));
    press(&mut app, "left");
    assert!(render(&app, 80, 24).contains("Tuesday 24 November 2026"));
    press(&mut app, "d 1");
    assert_eq!(review(&app).context(), nearer::app::Context::Journal);
    assert_eq!(review(&app).selected, 1);
    assert_eq!(
        shown(&app)[1],
        day(2026, 11, 23),
        "the next older evening takes its row"
    );
}

#[test]
fn editing_a_past_evening_changes_it_and_search_sees_the_change() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.save(&journals::november()).unwrap();
    let mut app = app(store.load().unwrap());
    press(&mut app, "l");
    assert!(find(&mut app, "lighthouse").is_empty());
    press(&mut app, "esc esc down");
    press(&mut app, "e");
    assert!(
        matches!(app.screen(), Screen::Checkin(_)),
        "e opens the check-in of that evening"
    );
    // Arrive, closeness (now 6), stress (none), the reflection: add to it.
    press(&mut app, "enter 6 enter enter");
    type_text(&mut app, " Near the lighthouse.");
    let mut effects = press(&mut app, "tab tab enter");
    effects.extend(press(&mut app, "enter"));
    save(&store, &app, &effects);
    assert!(
        matches!(app.screen(), Screen::Review(_)),
        "done, it goes back to the journal"
    );
    let reloaded = store.load().unwrap();
    let e = reloaded.entry(day(2026, 11, 24)).unwrap();
    assert_eq!(e.closeness, 6);
    assert_eq!(
        e.reflection.as_ref().unwrap().answer,
        "Quiet evening reading side by side. Near the lighthouse."
    );
    assert_eq!(
        e.reflection.as_ref().unwrap().prompt,
        journals::november()
            .entry(day(2026, 11, 24))
            .unwrap()
            .reflection
            .as_ref()
            .unwrap()
            .prompt,
        "the prompt as it was asked"
    );
    assert_eq!(
        reloaded.entries.len(),
        14,
        "an edit never makes a second entry"
    );
    assert_eq!(find(&mut app, "lighthouse"), vec![day(2026, 11, 24)]);
}

#[test]
fn a_missed_evening_is_filled_in_from_the_calendar() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut app = app(journals::november());
    press(&mut app, "l c");
    // From the 25th to Sunday the 22nd.
    press(&mut app, "left left left");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("No check-in on Sunday 22 November."),
        "{screen}"
    );
    press(&mut app, "enter");
    let Screen::Checkin(c) = app.screen() else {
        panic!("a check-in opens")
    };
    assert_eq!(c.date, day(2026, 11, 22));
    let mut effects = press(&mut app, "enter 3 enter s");
    type_text(&mut app, "Filled in the next week.");
    effects.extend(press(&mut app, "tab tab s enter"));
    save(&store, &app, &effects);
    assert!(matches!(
        review(&app).context(),
        nearer::app::Context::Calendar
    ));
    let e = store
        .load()
        .unwrap()
        .entry(day(2026, 11, 22))
        .cloned()
        .expect("saved");
    assert_eq!(e.closeness, 3);
    assert_eq!(e.reflection.unwrap().answer, "Filled in the next week.");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("▸22 ▃3"),
        "the calendar shows it:\n{screen}"
    );
    // A day still to come is not filled in.
    press(&mut app, "pgdn enter");
    assert!(matches!(app.screen(), Screen::Review(_)));
    assert!(render(&app, 80, 24).contains("has not come yet"));
}

#[test]
fn the_calendar_moves_by_day_week_month_and_year() {
    let mut app = app(journals::november());
    press(&mut app, "l c");
    press(&mut app, "down");
    assert!(render(&app, 80, 24).contains("December 2026"));
    press(&mut app, "pgup pgup");
    assert!(render(&app, 80, 24).contains("October 2026"));
    press(&mut app, "[");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("October 2025"), "{screen}");
    press(&mut app, "] pgdn g");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("▸26"), "g goes back to tonight:\n{screen}");
    press(&mut app, "up right enter");
    assert!(render(&app, 80, 24).contains("Friday 20 November 2026"));
    // From the calendar, ← → go through the journal.
    press(&mut app, "left");
    assert!(render(&app, 80, 24).contains("Tuesday 17 November 2026"));
}

#[test]
fn export_asks_the_format_and_says_where_it_went() {
    let mut app = app(journals::november());
    press(&mut app, "l x");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("All 14 evenings of your journal."),
        "{screen}"
    );
    let e = press(&mut app, "2");
    assert_eq!(
        e,
        vec![Effect::Export {
            format: Format::Json,
            from: None,
            to: None
        }]
    );
    let now = app.now;
    update(
        &mut app,
        Action::Exported(Ok((
            14,
            "/home/someone/nearer-journal-2026-11-26.json".into(),
        ))),
        now,
    );
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Exported 14 evenings to /home/someone/nearer-journal-2026-11-26.json"),
        "{screen}"
    );
    // A date range from the filters.
    press(&mut app, "f down down down left enter x");
    assert!(render(&app, 80, 24).contains("12 evenings from 1 November 2026 on"));
    let e = press(&mut app, "1");
    assert_eq!(
        e,
        vec![Effect::Export {
            format: Format::Markdown,
            from: Some(day(2026, 11, 1)),
            to: None
        }]
    );
    press(&mut app, "x 3");
    assert_eq!(review(&app).context(), nearer::app::Context::Journal);
}

#[test]
fn an_export_never_replaces_a_file() {
    let dir = tempfile::TempDir::new().unwrap();
    let a = write_new(dir.path(), "nearer-journal-2026-11-26", "md", b"first").unwrap();
    let b = write_new(dir.path(), "nearer-journal-2026-11-26", "md", b"second").unwrap();
    assert_eq!(a.file_name().unwrap(), "nearer-journal-2026-11-26.md");
    assert_eq!(b.file_name().unwrap(), "nearer-journal-2026-11-26-2.md");
    assert_eq!(std::fs::read(&a).unwrap(), b"first");
    assert_eq!(std::fs::read(&b).unwrap(), b"second");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&b).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn an_empty_journal_and_a_single_evening() {
    let mut app = app(Journal::default());
    press(&mut app, "l");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("No evenings yet"), "{screen}");
    // Nothing breaks with nothing to act on.
    for keys in [
        "enter",
        "s",
        "e",
        "d",
        "u",
        "down",
        "G",
        "/",
        "esc",
        "c enter esc",
        "t esc",
        "r esc",
        "x 3",
    ] {
        press(&mut app, keys);
    }
    assert!(render(&app, 80, 24).contains("0 evenings"));

    let mut j = Journal::default();
    j.upsert(journals::plain(day(2026, 11, 25), 5));
    let mut app = app_with(j, evening(), true);
    press(&mut app, "l");
    assert!(render(&app, 80, 24).contains("closeness only"));
    press(&mut app, "t");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("1 evening · closeness averaged 5.0"),
        "{screen}"
    );
    press(&mut app, "esc r");
    assert!(render(&app, 80, 24).contains("Not enough evenings yet"));
}

#[test]
fn the_help_page_lists_the_journal_keys() {
    let mut app = app(journals::november());
    // Bringing back is listed once there is an evening to bring back.
    press(&mut app, "l d 1 ?");
    let screen = render(&app, 80, 40);
    for words in [
        "find: search as you type",
        "month calendar",
        "bring back the last evening deleted",
        "export to Markdown or JSON",
    ] {
        assert!(screen.contains(words), "{words} missing:\n{screen}");
    }
}

#[test]
fn opening_the_search_again_offers_the_words_to_replace_or_edit() {
    let mut app = app(journals::november());
    press(&mut app, "l /");
    type_text(&mut app, "apples");
    press(&mut app, "esc /");
    assert!(render(&app, 80, 24).contains("typing replaces these words"));
    type_text(&mut app, "river");
    assert_eq!(review(&app).input(), "river");
    assert_eq!(shown(&app), vec![day(2026, 11, 11)]);
    // The arrows keep the words for editing.
    press(&mut app, "esc / left");
    type_text(&mut app, "s");
    assert_eq!(review(&app).input(), "rivesr");
    press(&mut app, "right backspace backspace");
    type_text(&mut app, "r");
    assert_eq!(review(&app).input(), "river");
    assert_eq!(shown(&app), vec![day(2026, 11, 11)]);
}

#[test]
fn look_back_prepares_nothing_and_a_search_still_looking_finishes_in_quiet_moments() {
    // In colour and in monochrome (NO_COLOR, or read by a screen reader): the same words.
    for color in [true, false] {
        let journal = nearer::journal::sample::journal(5_000, 1);
        let mut app = app_with(journal, evening(), color);
        press(&mut app, "l");
        assert!(
            !app.search_scanning(),
            "nothing to prepare: search keeps no copy of the journal"
        );
        // A word no evening holds: one keystroke cannot look through 5,000 evenings.
        press(&mut app, "/");
        type_text(&mut app, "zq");
        assert!(app.search_scanning(), "still looking");
        let screen = render(&app, 80, 24);
        assert!(
            screen.contains("0 of 5,000 evenings match so far, still looking…"),
            "{screen}"
        );
        assert!(screen.contains("… looking further back, at "), "{screen}");
        // The filter page counts the same way.
        press(&mut app, "esc f");
        let screen = render(&app, 80, 24);
        assert!(
            screen.contains("0 of 5,000 evenings match so far, still looking…"),
            "{screen}"
        );
        press(&mut app, "esc");
        let now = app.now;
        let mut ticks = 0;
        while app.search_scanning() {
            update(&mut app, Action::Tick, now);
            ticks += 1;
        }
        assert!(ticks >= 1, "{ticks}");
        let screen = render(&app, 80, 24);
        assert!(screen.contains("0 of 5,000 evenings match"), "{screen}");
        assert!(!screen.contains("so far"), "{screen}");
        assert!(screen.contains("No evening matches."), "{screen}");
        // Leaving Look back leaves nothing looking.
        press(&mut app, "/");
        type_text(&mut app, "x");
        assert!(app.search_scanning());
        press(&mut app, "esc esc esc");
        assert!(matches!(app.screen(), Screen::Home(_)));
        assert!(!app.search_scanning());
    }
}

#[test]
fn a_page_pasted_into_search_is_cut_to_a_long_sentence_and_says_so() {
    let mut app = app(journals::november());
    press(&mut app, "l /");
    let page: String = (0..5_000).map(|i| format!("word{i} ")).collect();
    let now = app.now;
    update(&mut app, Action::Paste(page.clone()), now);
    let r = review(&app);
    assert_eq!(
        r.input().chars().count(),
        nearer::screens::review::MAX_SEARCH_CHARS
    );
    assert!(page.starts_with(r.input()));
    assert!(r.search.query.terms.len() < 40);
    let screen = render(&app, 100, 24);
    assert!(
        screen.contains("Search takes up to 200 characters; the rest was left out."),
        "{screen}"
    );
    assert!(screen.contains("No evening matches"), "{screen}");
    // Typing more changes nothing; backspace and ctrl+u edit it as usual.
    type_text(&mut app, "x");
    assert_eq!(review(&app).input().chars().count(), 200);
    press(&mut app, "ctrl+u");
    type_text(&mut app, "cafe");
    assert_eq!(shown(&app), vec![day(2026, 11, 25), day(2026, 11, 2)]);
}
