//! Help cannot lie: on every screen and state nearer can reach, every key that help and the
//! footer show does something there. The test walks the app from a few starting journals,
//! key by key, and at each state it has not seen presses each shown key on a copy of the
//! app and checks that something changed (the screens, help, the journal, the drafts, or
//! an effect asked for).

mod common;

use std::collections::{HashSet, VecDeque};

use chrono::Duration;
use common::*;
use nearer::app::keys::{self, Command};
use nearer::app::{Action, App, update};
use nearer::journal::{Entry, Journal, Reflection, SmallAct};
use nearer::screens::Screen;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A fingerprint of everything a key may change.
fn state(app: &App) -> String {
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        app.screens, app.help, app.journal, app.drafts, app.discarded, app.notice
    )
}

/// Which kind of place the app is at, for visiting each once.
fn place(app: &App) -> String {
    let kinds: Vec<String> = app
        .screens
        .iter()
        .map(|s| match s {
            Screen::Home(h) => format!("home{}", h.confirm_discard.is_some()),
            Screen::Checkin(c) => {
                let act = match c.act {
                    nearer::journal::ActChoice::Undecided => "undecided",
                    nearer::journal::ActChoice::Card(_) => "card",
                    nearer::journal::ActChoice::Own => "own",
                    nearer::journal::ActChoice::Nothing => "nothing",
                };
                format!(
                    "checkin:{:?}:{:?}:{act}:{:?}",
                    c.step,
                    c.ask,
                    c.current_choice()
                )
            }
            Screen::Pause(_) => "pause".into(),
            Screen::Safety(s) => format!("safety{}", s.asking),
            Screen::Library(l) => format!("library:{:?}:{:?}", l.context(), l.page()),
            Screen::Card(c) => format!("card:{}", c.pick),
            Screen::Review(r) => format!("review:{:?}", r.context()),
            Screen::Settings(s) => format!("settings:{:?}:{}", s.context(), s.selected),
            Screen::Together(t) => format!("together:{:?}:{:?}", t.step(), t.current_choice()),
            Screen::Lock(l) => format!("lock:{:?}", l.context()),
            Screen::Pairing(p) => format!("pairing:{p:?}"),
            Screen::Talk(s) => format!(
                "talk:{:?}:{}:{}:{}:{:?}",
                s.step,
                s.timer.turn(),
                s.timer.is_running(),
                s.timer.has_started(),
                s.first
            ),
            Screen::StateOfUs(s) => format!("stateofus:{:?}:{:?}", s.step, s.current_choice()),
        })
        .collect();
    format!(
        "{:?}|{}|{}",
        app.context(),
        kinds.join(">"),
        app.help.is_some()
    )
}

fn entry(i: i64) -> Entry {
    let date = evening().date_naive() - Duration::days(i);
    let t = evening() - Duration::days(i);
    Entry {
        date,
        created: t,
        updated: t,
        closeness: (i % 7) as u8 + 1,
        stress: Some((i % 5) as u8 + 1),
        followup: None,
        reflection: Some(Reflection {
            prompt_id: "wc-easy-moment".into(),
            prompt: "What was one moment today when being together felt easy?".into(),
            answer: format!("Evening {i}: a walk and a long talk. ").repeat(8),
        }),
        appreciation: Some("They listened.".into()),
        small_act: Some(SmallAct {
            card_id: None,
            text: "Tea in the morning".into(),
        }),
        starred: i % 4 == 0,
        together: None,
        shown: Vec::new(),
    }
}

/// Journals to start from: none, a season of evenings (yesterday included), and a gap.
fn starts() -> Vec<App> {
    let mut many = Journal::default();
    for i in 1..60 {
        many.upsert(entry(i));
    }
    let mut some = Journal::default();
    for i in [2, 3, 40] {
        some.upsert(entry(i));
    }
    vec![app(Journal::default()), app(many), app(some)]
}

/// Keys the walk presses to get around.
fn walk_keys() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::Down,
        KeyCode::Up,
        KeyCode::Right,
        KeyCode::Left,
        KeyCode::End,
        KeyCode::PageDown,
    ]
    .into_iter()
    .map(KeyEvent::from)
    .collect();
    for c in "5123cblwnsdue/fvxtr?!pqa +-".chars() {
        // (t opens a together evening from home, as it plans a card elsewhere.)
        keys.push(KeyEvent::from(KeyCode::Char(c)));
    }
    keys.push(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    keys
}

/// Whether pressing `key` in `app` changes anything. A number that chooses what is already
/// chosen is tried again from another choice; a key the text box handles, from a box with
/// words in it and the cursor among them.
fn changes(app: &App, key: KeyEvent, command: Command) -> bool {
    let try_from = |from: &App| {
        let mut a = from.clone();
        let before = state(&a);
        let now = a.now;
        let effects = update(&mut a, Action::Key(key), now);
        !effects.is_empty() || state(&a) != before
    };
    if try_from(app) {
        return true;
    }
    let mut other = app.clone();
    let now = other.now;
    match command {
        Command::Choose(n) => {
            let m = if n == 1 { '2' } else { '1' };
            update(
                &mut other,
                Action::Key(KeyEvent::from(KeyCode::Char(m))),
                now,
            );
        }
        Command::Type => {
            // Words on three lines, one more letter taken back (so there is something to
            // redo), and the cursor in the middle of the middle line.
            update(
                &mut other,
                Action::Paste("the first line\nthe second line\nthe third".into()),
                now,
            );
            let press = |a: &mut App, k: KeyEvent| {
                update(a, Action::Key(k), now);
            };
            press(&mut other, KeyEvent::from(KeyCode::Char('x')));
            press(
                &mut other,
                KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL),
            );
            press(&mut other, KeyEvent::from(KeyCode::Up));
            for _ in 0..3 {
                press(&mut other, KeyEvent::from(KeyCode::Left));
            }
        }
        _ => return false,
    }
    try_from(&other)
}

#[test]
fn every_key_help_shows_does_something_where_it_is_shown() {
    let mut seen = HashSet::new();
    let mut queue: VecDeque<(App, Vec<String>)> =
        starts().into_iter().map(|a| (a, Vec::new())).collect();
    let mut failures = Vec::new();
    let mut visited = 0;
    while let Some((mut app, path)) = queue.pop_front() {
        // As the terminal loop does: a frame first, its layout fed back.
        draw(&mut app, 100, 30);
        if !seen.insert(place(&app)) {
            continue;
        }
        visited += 1;
        let context = app.context();
        let shown = keys::shown_keys(context, |c| app.handles(c));
        for (key, command) in shown {
            if !changes(&app, key, command) {
                failures.push(format!(
                    "{:?} ({command:?}) does nothing in {:?}, reached by {}",
                    key.code,
                    context,
                    path.join(" ")
                ));
            }
        }
        if path.len() >= 7 {
            continue;
        }
        for key in walk_keys() {
            let mut next = app.clone();
            let now = next.now;
            let effects = update(&mut next, Action::Key(key), now);
            if effects.contains(&nearer::app::Effect::Quit) {
                continue;
            }
            let mut p = path.clone();
            p.push(format!("{:?}", key.code));
            queue.push_back((next, p));
        }
    }
    assert!(visited > 40, "only {visited} places visited");
    assert!(
        failures.is_empty(),
        "{} keys shown that do nothing:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
