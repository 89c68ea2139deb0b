//! The one key table. Key handling and the help screen both read it, so help can't lie.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use crate::protocol::{Command, Context};

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn c(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::CONTROL,
    }
}

impl Key {
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        if self.code != ev.code {
            return false;
        }
        // Shift is part of the character for letters and symbols.
        let mods = ev.modifiers - KeyModifiers::SHIFT;
        let want = self.mods - KeyModifiers::SHIFT;
        mods == want
    }

    /// A key that types a character in a text box.
    pub fn is_printable(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && (self.mods - KeyModifiers::SHIFT).is_empty()
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Enter => "enter".to_string(),
            KeyCode::Esc => "esc".to_string(),
            KeyCode::Tab => "tab".to_string(),
            KeyCode::BackTab => "shift+tab".to_string(),
            KeyCode::PageUp => "pgup".to_string(),
            KeyCode::PageDown => "pgdn".to_string(),
            KeyCode::Home => "home".to_string(),
            KeyCode::End => "end".to_string(),
            KeyCode::Delete => "del".to_string(),
            KeyCode::Backspace => "backspace".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(ch) => ch.to_string(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("ctrl+{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("alt+{base}")
        } else {
            base
        }
    }
}

/// One row of the table: `keys` do `command`; `help` says what, and a non-empty `footer` is
/// the short word that puts it in the footer line.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    pub help: &'static str,
    pub footer: &'static str,
}

const fn b(
    keys: &'static [Key],
    command: Command,
    help: &'static str,
    footer: &'static str,
) -> Binding {
    Binding {
        keys,
        command,
        help,
        footer,
    }
}

const fn ctrl_k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::CONTROL,
    }
}

mod table;

pub use table::{ALL_CONTEXTS, GLOBAL, groups};

/// The bindings of a context, its own first, then the global ones that apply there, each
/// with only the keys that work there.
fn rows(context: Context) -> impl Iterator<Item = (Binding, bool)> {
    let own = groups(context)
        .iter()
        .flat_map(|g| g.iter())
        .map(|b| (*b, false));
    let global = GLOBAL.iter().map(|b| (*b, true));
    own.chain(global)
}

/// The command a key means in a context, if any. `Type` (and no command at all, in a text
/// box) means the key goes to the text box.
pub fn lookup(context: Context, ev: &KeyEvent) -> Option<Command> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    rows(context)
        .find(|(b, global)| {
            b.keys
                .iter()
                .any(|k| k.matches(ev) && !(*global && context.takes_text() && k.is_printable()))
        })
        .map(|(b, _)| b.command)
        .filter(|&c| c != Command::Type)
}

/// Every key help and the footer show in a context for a screen in its state, with the
/// command it gives (for the test that presses each one).
pub fn shown_keys(context: Context, handles: impl Fn(Command) -> bool) -> Vec<(KeyEvent, Command)> {
    rows(context)
        .filter(|(b, _)| handles(b.command))
        .flat_map(|(b, global)| {
            b.keys
                .iter()
                .filter(move |k| !(global && context.takes_text() && k.is_printable()))
                .map(move |k| {
                    let mut mods = k.mods;
                    if k.code == KeyCode::BackTab {
                        mods |= KeyModifiers::SHIFT;
                    }
                    (KeyEvent::new(k.code, mods), b.command)
                })
        })
        .collect()
}

/// The bindings that apply in a context and do something in its state (`handles`), as help
/// lists them. Rows that say the same thing share a line ("1/2/3 choose by number").
pub fn bindings_for(
    context: Context,
    handles: impl Fn(Command) -> bool,
) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for (b, global) in rows(context) {
        if !handles(b.command) {
            continue;
        }
        let label = keys_label(b.keys, global && context.takes_text());
        if label.is_empty() {
            continue;
        }
        match out.iter_mut().find(|(_, help)| *help == b.help) {
            Some((keys, _)) => {
                keys.push('/');
                keys.push_str(&label);
            }
            None => out.push((label, b.help)),
        }
    }
    out
}

fn keys_label(keys: &[Key], text: bool) -> String {
    keys.iter()
        .filter(|k| !(text && k.is_printable()))
        .map(Key::label)
        .collect::<Vec<_>>()
        .join("/")
}

/// The footer: the context's own footer rows first, then the global ones, only those that
/// do something in the screen's state; two rows with the same word share one entry
/// ("↑/↓ move").
pub fn footer_for(
    context: Context,
    handles: impl Fn(Command) -> bool,
) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for (b, global) in rows(context).filter(|(b, _)| !b.footer.is_empty()) {
        if !handles(b.command) {
            continue;
        }
        let usable = |k: &&Key| !(global && context.takes_text() && k.is_printable());
        // Prefer the key people know: '?' over F1 where letters are commands.
        let key = if global && !context.takes_text() {
            b.keys
                .iter()
                .filter(usable)
                .find(|k| k.is_printable())
                .or(b.keys.iter().find(usable))
        } else {
            b.keys.iter().find(usable)
        };
        let Some(key) = key else { continue };
        let label = key.label();
        match out.iter_mut().find(|(_, w)| *w == b.footer) {
            Some((keys, _)) => {
                keys.push('/');
                keys.push_str(&label);
            }
            None => out.push((label, b.footer)),
        }
    }
    out
}

#[cfg(test)]
mod tests;
