//! The drawing and the editor under stress, through ratatui's TestBackend: every screen at
//! every terminal size from 1x1 to 300x100, rapid resizes while keys arrive, and a megabyte
//! pasted into the editor.

mod common;
mod support;

use nearer::screens::checkin::MAX_BOX_CHARS;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use nearer::app::{Action, App, Effect, update, view::view};
use nearer::journal::{Journal, SmallAct};
use rand::{RngExt, SeedableRng};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use common::{app, app_with, evening, press, type_text};

/// A journal where yesterday planned a small act, so the follow-up steps show too, with
/// evenings over the last months for the calendar, the trend and "on this day".
fn with_yesterday() -> Journal {
    let mut j = support::journal(3);
    for back in [2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 365, 366] {
        let mut e = support::entry(back);
        e.date =
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap() - chrono::Duration::days(back as i64);
        j.upsert(e);
    }
    let mut e = support::entry(3);
    e.date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    e.small_act = Some(SmallAct {
        card_id: None,
        text: "A note in the lunch box, with a long description that wraps on a narrow window"
            .into(),
    });
    j.upsert(e);
    j
}

/// Every screen and state nearer can show, each with a name.
fn every_screen() -> Vec<(String, App)> {
    let mut screens = Vec::new();
    let mut add = |name: &str, setup: &dyn Fn() -> App| screens.push((name.to_string(), setup()));
    add("home", &|| app(Journal::default()));
    add("home no colour", &|| {
        app_with(Journal::default(), evening(), false)
    });
    add("home with entries", &|| app(with_yesterday()));
    add("home with a long notice", &|| {
        let mut a = app(with_yesterday());
        let now = a.now;
        update(&mut a, Action::Saved(Err("the folder /home/someone/a/very/long/path/that/goes/on/and/on/.local/share/nearer is gone. Create it again (mkdir -p '/home/someone/.local/share/nearer'); nearer tries again on its own".into())), now);
        a
    });
    add("help", &|| {
        let mut a = app(Journal::default());
        press(&mut a, "?");
        a
    });
    add("safety", &|| {
        let mut a = app(Journal::default());
        press(&mut a, "!");
        a
    });
    add("pause", &|| {
        let mut a = app(Journal::default());
        press(&mut a, "c p");
        a
    });
    let steps: &[(&str, &str)] = &[
        ("arrive", "c"),
        ("closeness unchosen", "c enter"),
        ("closeness chosen", "c enter 7"),
        ("stress high", "c enter 2 enter 5"),
        ("yesterday", "c enter 2 enter s"),
        ("noticed", "c enter 2 enter s 2 enter"),
        ("reflection", "c enter 2 enter s s tab"),
        ("appreciation", "c enter 2 enter s s tab tab"),
        ("small act", "c enter 2 enter s s tab tab tab"),
        ("own words", "c enter 2 enter s s tab tab tab w"),
        ("summary", "c enter 2 enter s s tab tab tab s"),
        ("help in a text step", "c enter 2 enter s s tab f1"),
        ("library", "b"),
        ("library section", "b enter"),
        ("library card", "b enter enter"),
        ("library filters", "b f"),
        ("library search", "b / t e a"),
        ("look back", "l"),
        ("an evening", "l enter"),
        ("search", "l / r i v e r"),
        ("search filters", "l / esc f"),
        ("calendar", "l c"),
        ("trend", "l t"),
        ("recap", "l r"),
        ("delete asked", "l d"),
    ];
    for (name, keys) in steps {
        add(name, &|| {
            let mut a = app(with_yesterday());
            press(&mut a, keys);
            if name.contains("reflection") || name.contains("own words") {
                type_text(
                    &mut a,
                    "Zoë 💛 שלום, a line long enough to wrap on a narrow window. ",
                );
            }
            a
        });
    }
    screens
}

/// The sizes to try, from 1x1 to 300x100: a fine grid where layouts change (around the
/// smallest window nearer draws in, 40x12, and up to 120x50), then the large and the
/// lopsided ones (300x1, 40x100, 300x100...).
fn sizes() -> Vec<(u16, u16)> {
    let widths = [
        1, 2, 5, 13, 30, 39, 40, 41, 42, 45, 50, 56, 64, 72, 79, 80, 81, 96, 110, 120,
    ];
    let heights = [1, 2, 5, 11, 12, 13, 14, 16, 20, 24, 30, 40, 50];
    let mut v: Vec<(u16, u16)> = widths
        .iter()
        .flat_map(|&w| heights.iter().map(move |&h| (w, h)))
        .collect();
    for w in [150, 200, 250, 299, 300] {
        for h in [1, 11, 12, 24, 50, 75, 99, 100] {
            v.push((w, h));
        }
    }
    for w in [1, 39, 40, 80, 120] {
        for h in [60, 80, 99, 100] {
            v.push((w, h));
        }
    }
    v
}

#[test]
fn every_screen_draws_at_every_size_from_1x1_to_300x100() {
    let started = Instant::now();
    let sizes = sizes();
    let screens = every_screen();
    let count = screens.len();
    // Two threads: the machine this runs on in CI has two cores.
    let (even, odd): (Vec<_>, Vec<_>) = screens
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i % 2 == 0);
    let draws: usize = std::thread::scope(|scope| {
        [even, odd]
            .into_iter()
            .map(|half| {
                let sizes = &sizes;
                scope.spawn(move || {
                    let mut draws = 0;
                    for (_, (name, app)) in half {
                        let t0 = Instant::now();
                        let mut terminal = Terminal::new(TestBackend::new(1, 1)).unwrap();
                        for &(w, h) in sizes {
                            terminal.backend_mut().resize(w, h);
                            terminal
                                .resize(ratatui::layout::Rect::new(0, 0, w, h))
                                .unwrap();
                            let drawn =
                                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                    terminal
                                        .draw(|f| {
                                            view(f, &app);
                                        })
                                        .unwrap();
                                }));
                            assert!(drawn.is_ok(), "{name} panicked at {w}x{h}");
                            draws += 1;
                        }
                        if std::env::var_os("NEARER_STRESS_TIMES").is_some() {
                            eprintln!("{name}: {:.1?}", t0.elapsed());
                        }
                        // Too small, it says so; at the smallest size it draws the screen.
                        let small = common::render(&app, 39, 11);
                        assert!(small.contains("nearer needs"), "{name}: {small}");
                        let smallest = common::render(&app, 40, 12);
                        assert!(!smallest.contains("nearer needs"), "{name}: {smallest}");
                    }
                    draws
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .sum()
    });
    eprintln!(
        "drew {draws} frames ({} sizes from 1x1 to 300x100, {count} screens) in {:.1?}",
        sizes.len(),
        started.elapsed()
    );
}

#[test]
fn rapid_resizes_while_keys_arrive_never_panic() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(26);
    let keys = "enter esc tab backtab up down left right 1 4 7 s p w n e c ? f1 ! a backspace \
                ctrl+n pgdn pgup space b l / f d t r x g G v 2 ctrl+z"
        .split(' ')
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for round in 0..6 {
        let mut a = app(with_yesterday());
        for step in 0..300 {
            let now = a.now + chrono::Duration::milliseconds(step * 100);
            let action = match rng.random_range(0..10) {
                0..=3 => {
                    let w = rng.random_range(1..=300);
                    let h = rng.random_range(1..=100);
                    terminal.backend_mut().resize(w, h);
                    terminal
                        .resize(ratatui::layout::Rect::new(0, 0, w, h))
                        .unwrap();
                    Action::Resize
                }
                4 => Action::Tick,
                _ => Action::Key(common::key(keys[rng.random_range(0..keys.len())])),
            };
            let effects = update(&mut a, action, now);
            if effects.contains(&Effect::Quit) {
                break;
            }
            terminal
                .draw(|f| {
                    view(f, &a);
                })
                .unwrap();
        }
        assert!(!a.screens.is_empty(), "round {round}");
    }
}

/// As much text as a box holds, nearly, as people paste it: many paragraphs, long lines,
/// Windows line endings, tabs, emoji, right-to-left text and combining marks.
fn a_box_full() -> String {
    let paragraph = "We talked for a long time tonight, Zoë and I, about the year. 💛 \
                     שלום עליכם — and e\u{301}te\u{301} a\u{300} la plage.\tTabs too.\r\n";
    let mut s = String::new();
    let mut i = 0;
    while s.chars().count() < MAX_BOX_CHARS - 10_000 {
        s.push_str(&format!("{i}: "));
        s.push_str(paragraph);
        if i % 50 == 0 {
            // A single very long line, as from a document with no line breaks.
            s.push_str(&"no break here ".repeat(400));
            s.push_str("\r\n");
        }
        i += 1;
    }
    s
}

#[test]
fn a_box_full_of_pasted_text_is_kept_whole_and_quickly() {
    let text = a_box_full();
    let mut a = app(Journal::default());
    press(&mut a, "c enter 4 enter s");
    let started = Instant::now();
    let now = a.now;
    update(&mut a, Action::Paste(text.clone()), now);
    let pasted = started.elapsed();
    // Drawing the editor with a box full in it.
    let started = Instant::now();
    let screen = common::render(&a, 100, 30);
    let drawn = started.elapsed();
    assert!(screen.contains("Check-in"), "{screen}");
    // Typing goes on at the end of it, key by key, without the app slowing to a crawl.
    let started = Instant::now();
    type_text(&mut a, " And that was the evening.");
    let typed = started.elapsed();
    eprintln!(
        "paste of {} bytes: {pasted:.1?}; a frame: {drawn:.1?}; 26 keys after: {typed:.1?}",
        text.len()
    );
    // Debug builds are slow; these bounds still catch anything quadratic.
    assert!(pasted < Duration::from_secs(5), "{pasted:?}");
    assert!(drawn < Duration::from_secs(5), "{drawn:?}");
    assert!(typed / 26 < Duration::from_secs(1), "{typed:?}");

    // On to the end: the saved entry holds every character (line endings made \n).
    press(&mut a, "tab tab s");
    let entry = a.journal.entry(a.evening).expect("saved");
    let answer = &entry.reflection.as_ref().unwrap().answer;
    let expected = format!("{} And that was the evening.", text.replace("\r\n", "\n"))
        .trim_end()
        .to_string();
    assert_eq!(answer.len(), expected.len());
    assert!(answer == &expected, "the text differs");
    // And the store writes and reads it back.
    let dir = tempfile::tempdir().unwrap();
    let store = support::open_store(dir.path());
    store.save(&a.journal).unwrap();
    assert_eq!(
        store
            .load()
            .unwrap()
            .entry(a.evening)
            .unwrap()
            .reflection
            .as_ref()
            .unwrap()
            .answer,
        expected
    );
}

#[test]
fn a_paste_past_what_a_box_holds_is_refused_with_a_message_and_loses_nothing() {
    let mut a = app(Journal::default());
    press(&mut a, "c enter 4 enter s");
    type_text(&mut a, "My own words first.");
    let now = a.now;
    // Fifty megabytes, as a pasted file might be.
    let huge = "x".repeat(50 * 1024 * 1024);
    let started = Instant::now();
    update(&mut a, Action::Paste(huge), now);
    assert!(started.elapsed() < Duration::from_secs(5));
    let screen = common::render(&a, 100, 30);
    assert!(screen.contains("holds at most"), "{screen}");
    match a.screen() {
        nearer::screens::Screen::Checkin(c) => {
            assert_eq!(c.reflection.lines(), ["My own words first."]);
        }
        _ => panic!("still in the check-in"),
    }
    // Typing goes on as before.
    type_text(&mut a, " More.");
    press(&mut a, "tab tab s");
    let entry = a.journal.entry(a.evening).expect("saved");
    assert_eq!(
        entry.reflection.as_ref().unwrap().answer,
        "My own words first. More."
    );
}

#[test]
fn a_paste_where_there_is_no_editor_is_ignored() {
    let mut a = app(Journal::default());
    let now = a.now;
    update(&mut a, Action::Paste(a_box_full()), now);
    press(&mut a, "c enter");
    update(&mut a, Action::Paste("7".into()), now);
    assert!(common::render(&a, 80, 24).contains("Closeness"));
}
