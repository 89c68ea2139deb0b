//! How nearer's costs grow with the journal: load, save, opening the check-in, drawing each
//! screen and typing one key, on sample journals of 3,650 (ten years), 36,500 and 100,000
//! evenings with about 150 words each (`nearer::journal::sample`, deterministic).
//!
//! Run: `cargo bench --bench journal` (all), or filter: `cargo bench --bench journal -- draw`.
//! Drawing happens at 120x40 into ratatui's TestBackend, the size the README figures use.
//! CI only compiles this file (`cargo bench --no-run`).

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, FixedOffset};
use divan::{Bencher, black_box};
use nearer::app::{Action, App, update, view::view};
use nearer::content::Library;
use nearer::journal::{Journal, Store, sample, store};
use nearer::screens::Screen;
use nearer::screens::checkin::Checkin;
use nearer::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    divan::main();
}

/// Journal sizes: ten years, a hundred years, and far beyond any real journal.
const SIZES: [usize; 3] = [3_650, 36_500, 100_000];
/// The journal the screens are drawn with.
const SCREEN_SIZE: usize = 36_500;
const SEED: u64 = 1;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

// ---------------------------------------------------------------------------------------
// Fixtures: sample journals (made once per size), an app at a fixed moment, keys, a
// terminal. (Benches cannot import tests/common, so these are the few lines they need.)
// ---------------------------------------------------------------------------------------

type Cache = std::sync::Mutex<Vec<(usize, Arc<Journal>)>>;

fn journal(entries: usize) -> Arc<Journal> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap();
    if let Some((_, j)) = cache.iter().find(|(n, _)| *n == entries) {
        return Arc::clone(j);
    }
    let j = Arc::new(sample::journal(entries, SEED));
    cache.push((entries, Arc::clone(&j)));
    j
}

/// The journal as nearer writes it.
fn journal_bytes(entries: usize) -> Vec<u8> {
    serde_json::to_vec_pretty(&*journal(entries)).unwrap()
}

/// The evening after the sample's last one, at half past nine.
fn evening() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:30:00+01:00").unwrap()
}

fn app(entries: usize) -> App {
    let mut app = App::new(
        Journal::default(),
        Library::bundled(),
        evening(),
        Theme::new(true),
        "/home/someone/.local/share/nearer/journal.json".into(),
        Default::default(),
        &[],
    );
    app.journal = journal(entries);
    app
}

fn key(name: &str) -> KeyEvent {
    let code = match name {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backspace" => KeyCode::Backspace,
        "right" => KeyCode::Right,
        "left" => KeyCode::Left,
        "down" => KeyCode::Down,
        "up" => KeyCode::Up,
        "pgup" => KeyCode::PageUp,
        "end" => KeyCode::End,
        s if s.chars().count() == 1 => KeyCode::Char(s.chars().next().unwrap()),
        other => panic!("unknown key {other}"),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Press space-separated keys; `"text:..."` types the text.
fn press(app: &mut App, keys: &str) {
    let now = app.now;
    for name in keys.split_whitespace() {
        if let Some(text) = name.strip_prefix("text:") {
            for ch in text.chars() {
                let ch = if ch == '_' { ' ' } else { ch };
                update(app, Action::Key(key(&ch.to_string())), now);
            }
        } else {
            update(app, Action::Key(key(name)), now);
        }
    }
}

/// From home to tonight's reflection: closeness 5, stress 3, yesterday's act done and what
/// was noticed, then tab to the reflection.
const REFLECTION: &str =
    "c enter 5 enter 3 enter 1 enter text:We_walked_to_the_bakery_and_talked_about_summer. tab";

/// The screen as text (to check a bench measures the screen it names).
fn screen_text(app: &App) -> String {
    let mut term = terminal();
    term.draw(|f| {
        view(f, app);
    })
    .unwrap();
    let buffer = term.backend().buffer();
    let mut out = String::new();
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap()
}

/// Draw the app as the event loop does, into a terminal that already shows the previous
/// frame (so ratatui's diff has its usual work).
fn bench_draw(bencher: Bencher, app: App) {
    let mut term = terminal();
    term.draw(|f| {
        view(f, &app);
    })
    .unwrap();
    bencher.bench_local(move || {
        term.draw(|f| {
            view(f, black_box(&app));
        })
        .unwrap();
    });
}

// ---------------------------------------------------------------------------------------
// Load and save: the only work that grows with the journal, done once at start and on a
// thread of its own for each save.
// ---------------------------------------------------------------------------------------

/// Parse journal bytes already in memory (what start-up does after reading the file).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn parse(bencher: Bencher, entries: usize) {
    let bytes = journal_bytes(entries);
    bencher
        .counter(divan::counter::BytesCount::of_slice(&bytes))
        .bench(|| store::parse_journal("journal.json".as_ref(), black_box(&bytes)).unwrap());
}

/// Read and parse the file (page cache warm), as `Store::load` does at start.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load(bencher: Bencher, entries: usize) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.save(&journal(entries)).unwrap();
    bencher.bench(|| store.load().unwrap());
}

/// Write the journal atomically (encode, temporary file, fsync, rename, fsync the folder).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn save(bencher: Bencher, entries: usize) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let journal = journal(entries);
    bencher.bench(|| store.save(&journal).unwrap());
}

/// A change made while a save is writing the journal (starring an evening): the save
/// holds the journal as it was, so the change copies what it must first. Entries are shared,
/// so that is the list of pointers and one entry, not every word.
#[divan::bench(args = SIZES)]
fn change_during_a_save(bencher: Bencher, entries: usize) {
    let journal = journal(entries);
    let date = journal.entries[entries / 2].date;
    bencher
        .with_inputs(|| (Arc::clone(&journal), Arc::clone(&journal)))
        .bench_local_values(|(mut in_app, being_saved)| {
            Arc::make_mut(&mut in_app).entry_mut(date).unwrap().starred ^= true;
            (in_app, being_saved)
        });
}

// ---------------------------------------------------------------------------------------
// Opening the check-in: tonight's prompt and the order of suggested cards. It looks only at
// the last weeks of the journal, so it must cost the same at every size.
// ---------------------------------------------------------------------------------------

#[divan::bench(args = SIZES)]
fn open_checkin(bencher: Bencher, entries: usize) {
    let journal = journal(entries);
    let content = Library::bundled();
    let date = evening().date_naive();
    bencher.bench(|| Checkin::new(&content, &journal, date, None, evening()));
}

// ---------------------------------------------------------------------------------------
// Drawing one frame at 120x40. Home at every size (it must not grow); every check-in
// step with the 36,500-entry journal.
// ---------------------------------------------------------------------------------------

#[divan::bench_group]
mod draw {
    use super::*;

    #[divan::bench(args = SIZES)]
    fn home(bencher: Bencher, entries: usize) {
        bench_draw(bencher, app(entries));
    }

    /// A screen reached by pressing `keys` from home; `shows` is on it (checked once, so a
    /// changed key table cannot make the bench quietly measure another screen).
    fn step(bencher: Bencher, keys: &str, shows: &str) {
        let mut app = app(SCREEN_SIZE);
        press(&mut app, keys);
        let screen = screen_text(&app);
        assert!(
            screen.contains(shows),
            "{shows:?} is not on screen:\n{screen}"
        );
        bench_draw(bencher, app);
    }

    #[divan::bench]
    fn checkin_arrive(bencher: Bencher) {
        step(bencher, "c", "Arrive");
    }

    #[divan::bench]
    fn checkin_closeness(bencher: Bencher) {
        step(bencher, "c enter 5", "Closeness");
    }

    #[divan::bench]
    fn checkin_stress(bencher: Bencher) {
        step(bencher, "c enter 5 enter 4", "Outside stress");
    }

    #[divan::bench]
    fn checkin_followup(bencher: Bencher) {
        step(bencher, "c enter 5 enter 3 enter 1", "Did it happen?");
    }

    #[divan::bench]
    fn checkin_noticed(bencher: Bencher) {
        step(
            bencher,
            "c enter 5 enter 3 enter 1 enter text:They_smiled.",
            "what did you notice?",
        );
    }

    #[divan::bench]
    fn checkin_reflection(bencher: Bencher) {
        step(
            bencher,
            &format!("{REFLECTION} text:Long_day,_but_dinner_together_was_calm_and_easy."),
            "Tonight's reflection",
        );
    }

    #[divan::bench]
    fn checkin_appreciation(bencher: Bencher) {
        step(
            bencher,
            &format!("{REFLECTION} tab text:She_made_tea_without_asking."),
            "One good thing",
        );
    }

    #[divan::bench]
    fn checkin_small_act(bencher: Bencher) {
        step(
            bencher,
            &format!("{REFLECTION} tab tab"),
            "A small thing to try tomorrow",
        );
    }

    #[divan::bench]
    fn checkin_summary(bencher: Bencher) {
        step(
            bencher,
            &format!("{REFLECTION} tab tab enter"),
            "Saved to your journal",
        );
    }

    #[divan::bench]
    fn help(bencher: Bencher) {
        step(bencher, "?", "show the keys of this screen");
    }

    #[divan::bench]
    fn library_sections(bencher: Bencher) {
        step(bencher, "b", "cards in 7 sections");
    }

    #[divan::bench]
    fn library_section(bencher: Bencher) {
        step(bencher, "b down down down enter", "Key ideas");
    }

    #[divan::bench]
    fn library_card(bencher: Bencher) {
        step(bencher, "b down down down enter enter", "Why it helps");
    }

    #[divan::bench]
    fn library_search(bencher: Bencher) {
        step(bencher, "b / text:breath", "breath");
    }

    #[divan::bench]
    fn journal_list(bencher: Bencher) {
        step(bencher, "l", "Every evening, newest first");
    }

    #[divan::bench]
    fn journal_list_scrolled(bencher: Bencher) {
        step(bencher, "l end pgup pgup", "Look back");
    }

    #[divan::bench]
    fn journal_entry(bencher: Bencher) {
        step(bencher, "l enter", "an evening");
    }

    #[divan::bench]
    fn journal_search(bencher: Bencher) {
        step(bencher, "l / text:tea", "Look back");
    }

    #[divan::bench]
    fn journal_calendar(bencher: Bencher) {
        step(bencher, "l c", "calendar");
    }

    #[divan::bench]
    fn journal_trend_365(bencher: Bencher) {
        step(bencher, "l t 3", "365 days");
    }

    #[divan::bench]
    fn journal_recap(bencher: Bencher) {
        step(bencher, "l r", "week by week");
    }
}

// ---------------------------------------------------------------------------------------
// One key to the next frame, in process: update the model and draw, as the event loop does.
// ---------------------------------------------------------------------------------------

#[divan::bench_group]
mod key {
    use super::*;

    /// Type a letter and delete it again: two keys and two frames per iteration.
    fn type_and_delete(bencher: Bencher, mut app: App) {
        let mut term = terminal();
        term.draw(|f| {
            view(f, &app);
        })
        .unwrap();
        let now = app.now;
        bencher.bench_local(move || {
            for k in ["x", "backspace"] {
                update(&mut app, Action::Key(key(k)), now);
                term.draw(|f| {
                    view(f, &app);
                })
                .unwrap();
            }
        });
    }

    /// Typing a letter after "te" in Look back's search and deleting it again, over and
    /// over (the measure from before search looked lazily; `search::` below has each kind
    /// of keystroke on its own, from the same state each time).
    #[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
    fn journal_search_keystroke(bencher: Bencher, entries: usize) {
        let mut app = app(entries);
        press(&mut app, "l / text:te");
        type_and_delete(bencher, app);
    }

    /// Typing in tonight's reflection, at every journal size.
    #[divan::bench(args = SIZES)]
    fn reflection_typing(bencher: Bencher, entries: usize) {
        let mut app = app(entries);
        press(&mut app, REFLECTION);
        assert!(screen_text(&app).contains("Tonight's reflection"));
        type_and_delete(bencher, app);
    }

    /// Moving on home and back (down, up), at every journal size.
    #[divan::bench(args = SIZES)]
    fn home_move(bencher: Bencher, entries: usize) {
        let mut app = app(entries);
        let mut term = terminal();
        term.draw(|f| {
            view(f, &app);
        })
        .unwrap();
        let now = app.now;
        bencher.bench_local(move || {
            for k in [KeyCode::Down, KeyCode::Up] {
                update(&mut app, Action::Key(KeyEvent::from(k)), now);
                term.draw(|f| {
                    view(f, &app);
                })
                .unwrap();
            }
        });
    }

    /// Finishing the check-in: the entry goes into the journal (and a save is asked for).
    /// The journal is not shared with a saver here, so nothing is copied.
    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn finish_checkin(bencher: Bencher, entries: usize) {
        bencher
            .with_inputs(|| {
                let mut app = app(entries);
                press(&mut app, &format!("{REFLECTION} tab tab"));
                // Own the journal alone, as the app does between saves.
                app.journal = Arc::new((*app.journal).clone());
                app
            })
            .bench_local_values(|mut app| {
                let now = app.now;
                update(&mut app, Action::Key(key("enter")), now);
                app
            });
    }
}

// ---------------------------------------------------------------------------------------
// Search in Look back, one keystroke and its frame at a time, from the same state each
// time: search looks through the journal itself, newest first, only as far as the screen
// needs, and quiet moments (ticks) look on a slice at a time. Each kind of keystroke, and
// the worst: a letter no evening holds (a keystroke's whole allowance spent looking).
// ---------------------------------------------------------------------------------------

#[divan::bench_group(sample_count = 30, sample_size = 1)]
mod search {
    use super::*;

    const SIZES: [usize; 2] = [36_500, 100_000];

    /// Quiet moments until search has looked at every evening, as when a person pauses.
    fn settle(app: &mut App) {
        let now = app.now;
        while app.search_scanning() {
            update(app, Action::Tick, now);
        }
    }

    /// Look back with the search box open after `keys` (each step of typing left to
    /// finish when `pause`), drawn once at 120x40 so the list knows its height.
    fn prepared(entries: usize, keys: &str, pause: bool) -> App {
        let mut app = app(entries);
        for k in keys.split_whitespace() {
            press(&mut app, k);
            if pause {
                settle(&mut app);
            }
        }
        assert!(screen_text(&app).contains("Find:"));
        app
    }

    /// `keys` and the frame after them, from `app` as it is each time.
    fn bench_keys(bencher: Bencher, app: App, keys: &str) {
        let mut term = terminal();
        term.draw(|f| {
            view(f, &app);
        })
        .unwrap();
        bencher
            .with_inputs(|| app.clone())
            .bench_local_values(|mut app| {
                press(&mut app, keys);
                term.draw(|f| {
                    view(f, &app);
                })
                .unwrap();
                app
            });
    }

    /// The first letter of a search, a common one.
    #[divan::bench(args = SIZES)]
    fn first_letter(bencher: Bencher, entries: usize) {
        bench_keys(bencher, prepared(entries, "l /", true), "w");
    }

    /// The first letter of a search, one no evening holds: the worst keystroke there is,
    /// it spends its whole allowance looking and finds nothing.
    #[divan::bench(args = SIZES)]
    fn first_letter_found_nowhere(bencher: Bencher, entries: usize) {
        bench_keys(bencher, prepared(entries, "l /", true), "ж");
    }

    /// A letter that narrows: "w" to "wa".
    #[divan::bench(args = SIZES)]
    fn narrowing(bencher: Bencher, entries: usize) {
        bench_keys(bencher, prepared(entries, "l / text:w", true), "a");
    }

    /// A letter that narrows right after the last, before any quiet moment: "wa" to "wal".
    #[divan::bench(args = SIZES)]
    fn narrowing_while_typing(bencher: Bencher, entries: usize) {
        bench_keys(bencher, prepared(entries, "l / text:w text:a", false), "l");
    }

    /// Backspace: "wa" back to "w".
    #[divan::bench(args = SIZES)]
    fn backspace(bencher: Bencher, entries: usize) {
        bench_keys(
            bencher,
            prepared(entries, "l / text:w text:a", true),
            "backspace",
        );
    }

    /// An edit in the middle: "walked" to "waked" (the cursor moved first).
    #[divan::bench(args = SIZES)]
    fn edit_in_the_middle(bencher: Bencher, entries: usize) {
        let app = prepared(
            entries,
            "l / text:w text:a text:l text:k text:e text:d left left left",
            true,
        );
        bench_keys(bencher, app, "backspace");
    }

    /// An edit that widens past every earlier query: "walked" to "alked".
    #[divan::bench(args = SIZES)]
    fn edit_the_first_letter(bencher: Bencher, entries: usize) {
        let app = prepared(
            entries,
            "l / text:w text:a text:l text:k text:e text:d left left left left left",
            true,
        );
        bench_keys(bencher, app, "backspace");
    }

    /// One quiet moment while search looks further back for a letter found nowhere, and
    /// the frame after it (a key that comes meanwhile waits at most this long).
    #[divan::bench(args = SIZES)]
    fn quiet_moment(bencher: Bencher, entries: usize) {
        let app = prepared(entries, "l / text:ж", false);
        assert!(app.search_scanning());
        let mut term = terminal();
        term.draw(|f| {
            view(f, &app);
        })
        .unwrap();
        bencher
            .with_inputs(|| app.clone())
            .bench_local_values(|mut app| {
                let now = app.now;
                update(&mut app, Action::Tick, now);
                term.draw(|f| {
                    view(f, &app);
                })
                .unwrap();
                app
            });
    }

    /// The memory search holds once it has looked through every evening for "w" and then
    /// "wa" (the results of both, kept for going back): printed, in bytes. The time is that
    /// of the count itself.
    #[divan::bench(args = SIZES, sample_count = 1)]
    fn memory(bencher: Bencher, entries: usize) {
        let app = prepared(entries, "l / text:w text:a", true);
        let Screen::Review(review) = app.screen() else {
            panic!("Look back is not open")
        };
        let bytes = review.search.heap_bytes();
        eprintln!(
            "search::memory {entries}: {bytes} bytes ({:.2} MiB) holding {} evenings found of {}",
            bytes as f64 / 1048576.0,
            review.len(&app.journal),
            app.journal.entries.len()
        );
        bencher.bench(|| black_box(&review.search).heap_bytes());
    }
}
