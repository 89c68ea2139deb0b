//! The quick exit (ctrl+q): from every screen, text boxes included, nearer closes at once
//! and leaves the terminal clear, the screen and the scrollback, keeping what was typed as
//! a draft unless the person chose that a quick exit keeps nothing.

mod support;

use std::fs;

use nearer::app::keys::{ALL_CONTEXTS, lookup};
use nearer::app::{Action, App, Command, Effect, update};
use nearer::journal::store::{DRAFTS_FILE, JOURNAL_FILE};
use nearer::journal::{Drafts, Journal};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use support::{Spawn, journal, open_store};

fn ctrl_q() -> KeyEvent {
    KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL)
}

#[test]
fn ctrl_q_is_the_quick_exit_in_every_context_text_boxes_included() {
    for context in ALL_CONTEXTS {
        assert_eq!(
            lookup(context, &ctrl_q()),
            Some(Command::QuickExit),
            "{context:?}"
        );
    }
}

fn app(journal: Journal) -> App {
    App::new(
        journal,
        nearer::content::Library::bundled(),
        support::time("2026-12-01T21:30:00+01:00"),
        nearer::ui::Theme::new(false),
        "journal.json".into(),
        Drafts::default(),
        &[],
    )
}

/// Into tonight's reflection, with `words` typed.
fn typing(app: &mut App, words: &str) -> Vec<Effect> {
    let now = app.now;
    update(app, Action::StartCheckin, now);
    for key in [
        KeyCode::Enter,
        KeyCode::Char('5'),
        KeyCode::Enter,
        KeyCode::Char('s'),
    ] {
        update(
            app,
            Action::Key(KeyEvent::new(key, KeyModifiers::NONE)),
            now,
        );
    }
    assert_eq!(app.context(), nearer::app::Context::CheckinPrompt);
    for c in words.chars() {
        update(
            app,
            Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            now,
        );
    }
    update(app, Action::Key(ctrl_q()), now)
}

#[test]
fn the_quick_exit_keeps_the_words_as_a_draft_or_nothing_as_the_person_chose() {
    let mut kept = app(Journal::default());
    let effects = typing(&mut kept, "marmalade");
    assert_eq!(effects.last(), Some(&Effect::QuickExit));
    assert!(!effects.contains(&Effect::SaveJournal));
    let Some(Effect::SaveDrafts(drafts)) = effects.first() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        drafts.newest_first().next().unwrap().reflection,
        "marmalade"
    );

    let mut journal = Journal::default();
    journal.preferences.quick_exit_keeps_nothing = true;
    let mut nothing = app(journal);
    let effects = typing(&mut nothing, "marmalade");
    assert_eq!(effects.last(), Some(&Effect::QuickExit));
    assert!(!effects.contains(&Effect::SaveJournal));
    // The draft kept while typing goes too.
    for e in &effects {
        if let Effect::SaveDrafts(d) = e {
            assert!(d.is_empty(), "{d:?}");
        }
    }
    assert!(nothing.drafts.is_empty());
    // The same from help, over any screen.
    let mut helped = app(Journal::default());
    let now = helped.now;
    update(
        &mut helped,
        Action::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)),
        now,
    );
    assert_eq!(
        update(&mut helped, Action::Key(ctrl_q()), now),
        vec![Effect::QuickExit]
    );
}

/// What a terminal shows after `raw`: its screen and every line of its scrollback. vt100
/// keeps a scrollback but does not clear it on `ESC [ 3 J` (xterm's "erase saved lines"),
/// so that is done here as a terminal does: the screen as it is, the scrollback gone.
fn everything_shown(raw: &[u8], rows: u16, cols: u16) -> (String, vt100::Parser) {
    const PURGE: &[u8] = b"\x1b[3J";
    let mut parser = vt100::Parser::new(rows, cols, 10_000);
    let mut rest = raw;
    while let Some(at) = memchr::memmem::find(rest, PURGE) {
        parser.process(&rest[..at + PURGE.len()]);
        let state = parser.screen().state_formatted();
        parser = vt100::Parser::new(rows, cols, 10_000);
        parser.process(&state);
        rest = &rest[at + PURGE.len()..];
    }
    parser.process(rest);
    let mut text = String::new();
    for offset in 0..=10_000 {
        parser.screen_mut().set_scrollback(offset);
        if parser.screen().scrollback() != offset {
            break;
        }
        text.push_str(&parser.screen().contents());
        text.push('\n');
    }
    parser.screen_mut().set_scrollback(0);
    (text, parser)
}

/// As a terminal with no alternate screen draws it (on the one screen it has).
fn without_alternate_screen(raw: &[u8]) -> Vec<u8> {
    let mut out = raw.to_vec();
    for seq in [&b"\x1b[?1049h"[..], b"\x1b[?1049l"] {
        while let Some(at) = memchr::memmem::find(&out, seq) {
            out.drain(at..at + seq.len());
        }
    }
    out
}

const TYPED: [&str; 2] = ["marmalade", "whispers"];
/// Words of nearer's own screens, and what the terminal showed before nearer.
const SHOWN: [&str; 4] = ["Check-in", "reflection", "ctrl+q", "earlier line"];

/// Start tonight's check-in in a terminal that has 80 lines of earlier output in it, type
/// into the reflection's box, and press `keys`.
fn press_in_a_text_box(dir: &std::path::Path, keys: &[u8]) -> support::Term {
    let mut t = Spawn::new(dir)
        .before("i=0; while [ $i -lt 80 ]; do i=$((i+1)); echo \"earlier line $i\"; done;")
        .args("checkin")
        .start();
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    t.send("5\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    t.send("marmalade sunrise whispers");
    t.wait_for("whispers");
    t.send_bytes(keys);
    assert_eq!(t.wait_exit(), 0);
    t
}

#[test]
fn a_quick_exit_in_a_text_box_leaves_nothing_on_the_screen_or_in_the_scrollback() {
    // ctrl+c quits as q does: the terminal's earlier lines are still there to be read, so
    // this test can see what it looks for.
    let (_c, control) = support::temp();
    open_store(&control).save(&journal(3)).unwrap();
    let t = press_in_a_text_box(&control, b"\x03");
    let (text, _) = everything_shown(&t.raw, 30, 100);
    assert!(text.contains("earlier line 80"), "{text}");

    let (_t, dir) = support::temp();
    open_store(&dir).save(&journal(3)).unwrap();
    let mut t = press_in_a_text_box(&dir, b"\x11");
    t.assert_restored();
    for raw in [t.raw.clone(), without_alternate_screen(&t.raw)] {
        let (text, parser) = everything_shown(&raw, 30, 100);
        for word in TYPED.iter().chain(&SHOWN) {
            assert!(!text.contains(word), "{word:?} is still shown:\n{text}");
        }
        assert!(text.trim().is_empty(), "{text}");
        assert_eq!(parser.screen().cursor_position(), (0, 0));
    }
    // Nothing printed after, and what was typed is a draft, offered back next time.
    let drafts = fs::read_to_string(dir.join(DRAFTS_FILE)).unwrap();
    assert!(drafts.contains("marmalade sunrise whispers"), "{drafts}");
}

#[test]
fn a_quick_exit_keeps_nothing_when_the_person_chose_so() {
    let (_t, dir) = support::temp();
    let mut j = journal(3);
    j.preferences.quick_exit_keeps_nothing = true;
    open_store(&dir).save(&j).unwrap();
    let t = press_in_a_text_box(&dir, b"\x11");
    drop(t);
    assert!(!dir.join(DRAFTS_FILE).exists());
    for name in support::names(&dir) {
        let bytes = fs::read(dir.join(&name)).unwrap_or_default();
        assert!(
            memchr::memmem::find(&bytes, b"marmalade").is_none(),
            "{name} keeps the words"
        );
    }
    assert!(dir.join(JOURNAL_FILE).exists());
}
