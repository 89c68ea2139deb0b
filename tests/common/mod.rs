//! Helpers shared by the integration tests: a fixed clock, key presses, and a screen
//! rendered into ratatui's TestBackend as text.
#![allow(dead_code)]

use chrono::{DateTime, FixedOffset};
use nearer::app::{Action, App, Effect, update, view::view};
use nearer::content::Library;
use nearer::journal::Journal;
use nearer::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A moment in local time with its offset, e.g. "2026-11-26T21:30:00+01:00".
pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a valid RFC 3339 time")
}

/// The evening most tests happen on.
pub fn evening() -> DateTime<FixedOffset> {
    at("2026-11-26T21:30:00+01:00")
}

pub fn app_with(journal: Journal, now: DateTime<FixedOffset>, color: bool) -> App {
    App::new(
        journal,
        Library::bundled(),
        now,
        Theme::new(color),
        "/home/someone/.local/share/nearer/journal.json".into(),
        Default::default(),
        &[],
    )
}

pub fn app(journal: Journal) -> App {
    app_with(journal, evening(), true)
}

/// One key by name: "enter", "esc", "tab", "backtab", "up", "down", "left", "right",
/// "ctrl+n", "f1", or a single character.
pub fn key(name: &str) -> KeyEvent {
    let (mods, rest) = match name.strip_prefix("ctrl+") {
        Some(r) => (KeyModifiers::CONTROL, r),
        None => (KeyModifiers::NONE, name),
    };
    let code = match rest {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "backspace" => KeyCode::Backspace,
        "pgdn" => KeyCode::PageDown,
        "pgup" => KeyCode::PageUp,
        "space" => KeyCode::Char(' '),
        f if f.starts_with('f') && f.len() > 1 => KeyCode::F(f[1..].parse().expect("F-key number")),
        s if s.chars().count() == 1 => KeyCode::Char(s.chars().next().unwrap()),
        other => panic!("unknown key name {other}"),
    };
    KeyEvent::new(code, mods)
}

/// Press keys (space-separated names) at the app's current moment; returns all effects.
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let now = app.now;
    let mut effects = Vec::new();
    for name in keys.split_whitespace() {
        effects.extend(update(app, Action::Key(key(name)), now));
    }
    effects
}

/// Type text into whatever has focus, one key per character.
pub fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    let now = app.now;
    let mut effects = Vec::new();
    for ch in text.chars() {
        let k = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
        effects.extend(update(app, Action::Key(k), now));
    }
    effects
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub fn render(app: &App, width: u16, height: u16) -> String {
    render_with_layout(app, width, height).0
}

/// Draw as the terminal loop does, and give the app what the frame laid out (a page's
/// height and length), as the loop does after every frame. Returns the screen as text.
pub fn draw(app: &mut App, width: u16, height: u16) -> String {
    let (text, drawn) = render_with_layout(app, width, height);
    let now = app.now;
    update(app, Action::Frame(drawn), now);
    text
}

fn render_with_layout(app: &App, width: u16, height: u16) -> (String, nearer::app::Drawn) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut drawn = nearer::app::Drawn::default();
    terminal.draw(|f| drawn = view(f, app)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..width {
            // A wide character fills two cells; the second holds nothing of its own.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    (out, drawn)
}
