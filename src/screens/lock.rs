//! The passphrase lock, from settings: set a passphrase, change it, or remove it, as
//! `nearer lock`, `nearer passphrase` and `nearer unlock` do on the command line.
//!
//! What is typed is shown as dots and held only until it is handed, in an intent, to the
//! terminal loop, which changes the files on a thread of its own (the key derivation takes
//! about a second) and answers with [`crate::app::Action::Relocked`]. Changing or removing a
//! passphrase asks for the current one first, so that someone at an open nearer cannot take
//! the lock off.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::journal::store::{NO_RECOVERY, Passphrase};
use crate::protocol::{Command, Context, Ctx, Cx, Drawn, Intent};
use crate::ui::line_box;

/// The longest passphrase taken: long enough for any sentence worth remembering.
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// What the person is doing with the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aim {
    Set,
    Change,
    Remove,
}

#[derive(Debug, Clone)]
enum Step {
    /// Choosing what to do.
    Menu,
    /// Typing the passphrase there is (before a change or a removal).
    Current(Aim),
    /// The passphrase there is, being checked before anything more is asked.
    Checking { aim: Aim, current: Passphrase },
    /// Typing the new passphrase.
    New { current: Option<Passphrase> },
    /// Typing it again.
    Again {
        current: Option<Passphrase>,
        first: Passphrase,
    },
    /// Asked whether to remove it.
    ConfirmRemove { current: Passphrase },
    /// The files are being changed.
    Working(Aim),
}

#[derive(Debug, Clone)]
pub struct LockPage {
    step: Step,
    selected: usize,
    /// The passphrase being typed, shown as dots.
    typed: TextArea<'static>,
    /// What the last step said (a mismatch, the outcome of a change).
    said: Option<Result<String, String>>,
}

impl Default for LockPage {
    fn default() -> LockPage {
        LockPage {
            step: Step::Menu,
            selected: 0,
            typed: TextArea::default(),
            said: None,
        }
    }
}

fn menu(locked: bool) -> &'static [(&'static str, Aim)] {
    if locked {
        &[
            ("Change the passphrase", Aim::Change),
            ("Remove the passphrase", Aim::Remove),
        ]
    } else {
        &[("Set a passphrase", Aim::Set)]
    }
}

const REMOVE_CHOICES: [&str; 2] = [
    "Keep the passphrase",
    "Remove it: write every file plain again",
];

impl LockPage {
    pub fn context(&self) -> Context {
        match self.step {
            Step::Menu | Step::ConfirmRemove { .. } => Context::Lock,
            Step::Current(_) | Step::New { .. } | Step::Again { .. } => Context::LockText,
            Step::Working(_) | Step::Checking { .. } => Context::LockWorking,
        }
    }

    /// Whether the files are being changed.
    pub fn working(&self) -> bool {
        matches!(self.step, Step::Working(_))
    }

    fn rows(&self, locked: bool) -> usize {
        match self.step {
            Step::ConfirmRemove { .. } => REMOVE_CHOICES.len(),
            _ => menu(locked).len(),
        }
    }

    pub fn handles(&self, command: Command, ctx: &Ctx) -> bool {
        match self.step {
            Step::Menu | Step::ConfirmRemove { .. } => match command {
                Command::Up => self.selected > 0,
                Command::Down => self.selected + 1 < self.rows(ctx.locked),
                Command::Open | Command::Back => true,
                _ => false,
            },
            // enter goes on once something is typed.
            Step::Current(_) | Step::New { .. } | Step::Again { .. } => match command {
                Command::Next => self.typed_chars() > 0,
                Command::Back | Command::Type => true,
                _ => false,
            },
            // Leaving is allowed: the change goes on, and its outcome is said on home.
            Step::Working(_) | Step::Checking { .. } => command == Command::Back,
        }
    }

    fn take_typed(&mut self) -> Passphrase {
        let text = self.typed.lines().join("");
        self.typed = TextArea::default();
        Passphrase::new(text)
    }

    fn back_to_menu(&mut self, said: Option<Result<String, String>>) {
        self.typed = TextArea::default();
        self.step = Step::Menu;
        self.selected = 0;
        self.said = said;
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        let step = std::mem::replace(&mut self.step, Step::Menu);
        self.step = match (step, command) {
            (Step::Menu | Step::Working(_) | Step::Checking { .. }, Command::Back) => {
                cx.ask(Intent::Back);
                return;
            }
            (step @ (Step::Menu | Step::ConfirmRemove { .. }), Command::Up) => {
                self.selected = self.selected.saturating_sub(1);
                step
            }
            (step @ (Step::Menu | Step::ConfirmRemove { .. }), Command::Down) => {
                self.selected = (self.selected + 1).min(self.rows(cx.locked) - 1);
                step
            }
            (Step::Menu, Command::Open) => {
                self.said = None;
                match menu(cx.locked)[self.selected.min(menu(cx.locked).len() - 1)].1 {
                    Aim::Set => Step::New { current: None },
                    aim => Step::Current(aim),
                }
            }
            (Step::ConfirmRemove { current }, Command::Open) => {
                if self.selected == 1 {
                    cx.ask(Intent::Relock {
                        current: Some(current),
                        new: None,
                    });
                    Step::Working(Aim::Remove)
                } else {
                    self.back_to_menu(Some(Ok("The passphrase stays as it was.".into())));
                    return;
                }
            }
            (Step::ConfirmRemove { .. }, Command::Back)
            | (Step::Current(_) | Step::New { .. } | Step::Again { .. }, Command::Back) => {
                self.back_to_menu(Some(Ok("Nothing was changed.".into())));
                return;
            }
            (Step::Current(aim), Command::Next) => {
                let current = self.take_typed();
                if current.is_empty() {
                    self.typed = TextArea::default();
                    Step::Current(aim)
                } else {
                    // Told at once when it is wrong, before a new one is typed twice.
                    cx.ask(Intent::CheckPassphrase(current.clone()));
                    self.said = None;
                    Step::Checking { aim, current }
                }
            }
            (Step::New { current }, Command::Next) => {
                let first = self.take_typed();
                if first.is_empty() {
                    self.said = Some(Err("A passphrase cannot be empty.".into()));
                    Step::New { current }
                } else {
                    self.said = None;
                    Step::Again { current, first }
                }
            }
            (Step::Again { current, first }, Command::Next) => {
                let again = self.take_typed();
                if first.same_as(&again) {
                    let aim = if current.is_some() {
                        Aim::Change
                    } else {
                        Aim::Set
                    };
                    cx.ask(Intent::Relock {
                        current,
                        new: Some(first),
                    });
                    Step::Working(aim)
                } else {
                    self.said = Some(Err(
                        "The two were not the same. Type the new passphrase again.".into(),
                    ));
                    Step::New { current }
                }
            }
            (step, _) => step,
        };
    }

    /// A key for the passphrase being typed.
    pub fn on_text(&mut self, key: KeyEvent, _cx: &mut Cx) {
        if !matches!(
            self.step,
            Step::Current(_) | Step::New { .. } | Step::Again { .. }
        ) {
            return;
        }
        if line_box::key(&mut self.typed, key, MAX_PASSPHRASE_CHARS)
            && matches!(self.said, Some(Err(_)))
        {
            // A word about the last try goes once the next is being typed.
            self.said = None;
        }
    }

    pub fn on_paste(&mut self, text: &str, _cx: &mut Cx) {
        if !matches!(
            self.step,
            Step::Current(_) | Step::New { .. } | Step::Again { .. }
        ) {
            return;
        }
        line_box::paste(&mut self.typed, text, MAX_PASSPHRASE_CHARS);
    }

    fn typed_chars(&self) -> usize {
        line_box::chars(&self.typed)
    }

    /// Whether the passphrase there is was typed right: on to the next step, or asked again.
    pub fn on_checked(&mut self, result: &Result<(), String>) {
        let Step::Checking { aim, current } = std::mem::replace(&mut self.step, Step::Menu) else {
            return;
        };
        self.step = match result {
            Ok(()) if aim == Aim::Remove => {
                self.selected = 0;
                Step::ConfirmRemove { current }
            }
            Ok(()) => Step::New {
                current: Some(current),
            },
            Err(e) => {
                self.said = Some(Err(e.clone()));
                Step::Current(aim)
            }
        };
    }

    /// The change the terminal loop carried out, or why not.
    pub fn on_relocked(&mut self, result: &Result<String, String>) {
        if self.working() {
            self.back_to_menu(Some(result.clone()));
        }
    }

    pub fn view(&self, frame: &mut Frame, ctx: &Ctx) -> Drawn {
        let theme = &ctx.theme;
        let body = crate::ui::chrome::page(frame, ctx.chrome(), "Passphrase lock", ctx.evening);
        let body = crate::ui::chrome::reading(crate::ui::chrome::inset(body, 3));
        let mut lines = vec![Line::raw("")];
        let state = if ctx.locked {
            "The journal is locked: its files are encrypted, and nearer asks for the \
             passphrase each time it opens."
        } else {
            "The journal has no passphrase: anyone who can read your files can read it."
        };
        lines.push(Line::styled(state, theme.text()));
        lines.push(Line::raw(""));
        let choice = |lines: &mut Vec<Line<'static>>, items: &[&str], selected: usize| {
            for (i, label) in items.iter().enumerate() {
                let on = i == selected;
                lines.push(Line::from(vec![
                    Span::styled(if on { " ▸ " } else { "   " }, theme.accent()),
                    Span::styled(
                        label.to_string(),
                        if on { theme.title() } else { theme.text() },
                    ),
                ]));
            }
        };
        match &self.step {
            Step::Menu => {
                if !ctx.locked {
                    for para in NO_RECOVERY.lines() {
                        lines.push(Line::styled(para.to_string(), theme.dim()));
                    }
                    lines.push(Line::raw(""));
                }
                let items: Vec<&str> = menu(ctx.locked).iter().map(|(l, _)| *l).collect();
                choice(&mut lines, &items, self.selected);
            }
            Step::ConfirmRemove { .. } => {
                lines.push(Line::styled(
                    "Remove the passphrase? The journal, its drafts and its backups are then \
                     written plain, readable by anyone who can read your files.",
                    theme.text(),
                ));
                lines.push(Line::raw(""));
                choice(&mut lines, &REMOVE_CHOICES, self.selected);
            }
            Step::Current(_) | Step::New { .. } | Step::Again { .. } => {
                let ask = match &self.step {
                    Step::Current(_) => "The passphrase there is now:",
                    Step::New { .. } => "New passphrase:",
                    _ => "The same passphrase again:",
                };
                if matches!(self.step, Step::New { .. }) {
                    for para in NO_RECOVERY.lines() {
                        lines.push(Line::styled(para.to_string(), theme.dim()));
                    }
                    lines.push(Line::raw(""));
                }
                let dots = self.typed_chars();
                let col = self.typed.cursor().1.min(dots);
                lines.push(Line::from(vec![
                    Span::styled(format!("{ask} "), theme.title()),
                    Span::raw("•".repeat(col)),
                    Span::styled(" ", theme.selected()),
                    Span::raw("•".repeat(dots.saturating_sub(col + 1))),
                ]));
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "What you type shows as dots. enter goes on; esc leaves with nothing changed.",
                    theme.dim(),
                ));
            }
            Step::Checking { .. } => {
                lines.push(Line::styled(
                    "Checking the passphrase…",
                    theme.accent().add_modifier(Modifier::BOLD),
                ));
            }
            Step::Working(aim) => {
                lines.push(Line::styled(
                    match aim {
                        Aim::Set => "Locking the journal (this takes a few seconds)…",
                        Aim::Change => "Changing the passphrase (this takes a few seconds)…",
                        Aim::Remove => "Removing the passphrase (this takes a few seconds)…",
                    },
                    theme.accent().add_modifier(Modifier::BOLD),
                ));
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "Every file is written anew beside the old one and read back before the \
                     old one goes. You may leave this page; the outcome is said on home.",
                    theme.dim(),
                ));
            }
        }
        if let Some(said) = &self.said {
            lines.push(Line::raw(""));
            lines.push(match said {
                Ok(text) => Line::styled(text.clone(), theme.accent()),
                Err(text) => Line::styled(text.clone(), theme.warn()),
            });
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
        Drawn::default()
    }
}
