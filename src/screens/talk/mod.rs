//! The stress-reducing conversation, on one terminal: each partner in turn talks about a
//! stress from outside the two of them (about ten minutes each) while the other listens
//! on their side. The screen shows whose turn it is in large type, the listener's rules,
//! and the time left; a key pauses, and the end is a calm screen, not an alarm.
//!
//! Only that it happened is written (a `Talk` in the journal, with the minutes a turn
//! took), and a note if they choose to write one. The timer (timer.rs) is plain data the
//! screen asks with the moment of each action; the terminal loop redraws every second
//! while it runs.

pub mod big;
pub mod names;
pub mod timer;
pub mod turn;
pub mod view;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use crate::journal::together::{Talk, TalkKind};
use crate::protocol::{Command, Context, Cx, Intent};
use crate::screens::checkin::{MAX_BOX_CHARS, box_chars, editor, text_of};
use crate::screens::together::Who;
pub use names::Names;
pub use timer::Timer;

/// About ten minutes a turn, to start with.
pub const TURN_MINUTES: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Who is here (only when About us has no names).
    Names,
    /// Who talks first, and how long a turn is.
    Setup,
    /// A turn: the timer's turn says whose.
    Turn,
    /// Both turns are done: a calm end. The talk is recorded.
    End,
    /// A note they chose to write.
    Note,
}

#[derive(Debug, Clone)]
pub struct StressTalk {
    pub date: NaiveDate,
    pub step: Step,
    pub names: Names,
    /// Who talks first.
    pub first: Who,
    pub timer: Timer,
    pub note: TextArea<'static>,
    /// The talk as recorded, once both turns are done.
    pub recorded: Option<Talk>,
    /// The note changed since it was last written into the record.
    note_changed: bool,
    pub hint: Option<String>,
}

const NOTE_HINT: &str = "Anything you want to remember. Optional.";

impl StressTalk {
    pub fn new(journal: &crate::journal::Journal, date: NaiveDate) -> StressTalk {
        let names = Names::new(&journal.preferences.about);
        StressTalk {
            date,
            step: if names.asking {
                Step::Names
            } else {
                Step::Setup
            },
            names,
            first: Who::Owner,
            timer: Timer::new(TURN_MINUTES),
            note: editor("", NOTE_HINT),
            recorded: None,
            note_changed: false,
            hint: None,
        }
    }

    /// Who talks in the timer's turn now.
    pub fn speaker(&self) -> Who {
        if self.timer.turn() == 0 {
            self.first
        } else {
            self.first.other()
        }
    }

    pub fn context(&self) -> Context {
        match self.step {
            Step::Names => Context::SettingsText,
            Step::Setup => Context::TalkSetup,
            Step::Turn => Context::TalkTurn,
            Step::End => Context::TalkEnd,
            Step::Note => Context::TogetherText,
        }
    }

    /// Whether the loop should wake each second: a turn is running on screen.
    pub fn ticking(&self) -> bool {
        self.step == Step::Turn && self.timer.is_running()
    }

    pub fn handles(&self, command: Command) -> bool {
        match (self.step, command) {
            (_, Command::Back) => true,
            (Step::Names, Command::Next | Command::Type) => true,
            (Step::Setup, Command::Next) => true,
            (Step::Setup, Command::Left) => self.first == Who::Partner,
            (Step::Setup, Command::Right) => self.first == Who::Owner,
            (Step::Setup, Command::Choose(n)) => n == 1 || n == 2,
            (Step::Setup | Step::Turn, Command::Longer) => {
                self.timer.can_adjust() && self.timer.minutes() < timer::MAX_MINUTES
            }
            (Step::Setup | Step::Turn, Command::Shorter) => {
                self.timer.can_adjust() && self.timer.minutes() > timer::MIN_MINUTES
            }
            (Step::Turn, Command::Pause | Command::Next) => true,
            (Step::End, Command::Open | Command::Note) => true,
            (Step::Note, Command::Next | Command::NewLine | Command::Type) => true,
            _ => false,
        }
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        let now = cx.now;
        self.hint = None;
        match (self.step, command) {
            (Step::Names, Command::Next) => self.names_next(cx),
            (Step::Names, Command::Back) => cx.ask(Intent::Back),
            (Step::Setup, Command::Left | Command::Choose(1)) => self.first = Who::Owner,
            (Step::Setup, Command::Right | Command::Choose(2)) => self.first = Who::Partner,
            (Step::Setup | Step::Turn, Command::Longer) => {
                self.timer.adjust(1);
            }
            (Step::Setup | Step::Turn, Command::Shorter) => {
                self.timer.adjust(-1);
            }
            (Step::Setup, Command::Next) => {
                self.step = Step::Turn;
                self.timer.resume(now);
            }
            (Step::Setup, Command::Back) => {
                if self.names.asking {
                    self.step = Step::Names;
                } else {
                    cx.ask(Intent::Back);
                }
            }
            (Step::Turn, Command::Pause) => self.timer.toggle(now),
            (Step::Turn, Command::Next) => {
                if !self.timer.has_started() {
                    self.timer.resume(now);
                } else if self.timer.turn() == 0 {
                    self.timer.next_turn(now);
                } else {
                    self.timer.end(now);
                    self.finish(cx);
                }
            }
            (Step::Turn, Command::Back) => {
                // Paused, a step back; what each turn ran is kept.
                if self.timer.turn() == 1 {
                    self.timer.back_to_first(now);
                } else {
                    self.timer.pause(now);
                    self.step = Step::Setup;
                }
            }
            (Step::End, Command::Open | Command::Back) => cx.ask(Intent::Back),
            (Step::End, Command::Note) => self.step = Step::Note,
            (Step::Note, Command::Next | Command::Back) => {
                self.keep_note(cx);
                self.step = Step::End;
                if !text_of(&self.note).trim().is_empty() {
                    self.hint = Some("Your note is kept with this conversation.".into());
                }
            }
            (Step::Note, Command::NewLine) => {
                self.note.insert_newline();
                self.note_changed = true;
            }
            _ => {}
        }
    }

    fn names_next(&mut self, cx: &mut Cx) {
        if self.names.next(cx) {
            self.step = Step::Setup;
        }
    }

    /// Both turns are done: record that it happened.
    fn finish(&mut self, cx: &mut Cx) {
        self.step = Step::End;
        if self.recorded.is_none() {
            let talk = Talk {
                date: self.date,
                at: cx.now,
                kind: TalkKind::StressTalk,
                minutes: Some(self.timer.minutes_taken(cx.now)),
                note: None,
            };
            cx.ask(Intent::SaveTalk(Box::new(talk.clone())));
            self.recorded = Some(talk);
        }
    }

    /// The record with the note as it stands, if it changed since last written.
    pub fn pending(&self) -> Option<Talk> {
        let recorded = self.recorded.as_ref()?;
        let note = Some(text_of(&self.note)).filter(|n| !n.trim().is_empty());
        (self.note_changed && recorded.note != note).then(|| Talk {
            note,
            ..recorded.clone()
        })
    }

    fn keep_note(&mut self, cx: &mut Cx) {
        if let Some(talk) = self.pending() {
            cx.ask(Intent::SaveTalk(Box::new(talk.clone())));
            self.recorded = Some(talk);
        }
        self.note_changed = false;
    }

    pub fn on_text(&mut self, key: KeyEvent, _cx: &mut Cx) {
        match self.step {
            Step::Names => {
                names::on_name_key(self.names.editor_mut(), key);
            }
            Step::Note => match type_key(&mut self.note, key) {
                Ok(changed) => self.note_changed |= changed,
                Err(full) => self.hint = Some(full.into()),
            },
            _ => {}
        }
    }

    pub fn on_paste(&mut self, text: &str, _cx: &mut Cx) {
        match self.step {
            Step::Names => {
                let ed = self.names.editor_mut();
                let line = text.replace(['\r', '\n'], " ");
                if box_chars(ed) + line.chars().count() <= 200 {
                    ed.insert_str(line);
                }
            }
            Step::Note => match paste_into(&mut self.note, text) {
                Ok(()) => self.note_changed = true,
                Err(full) => self.hint = Some(full.into()),
            },
            _ => {}
        }
    }

    pub fn on_tick(&mut self, cx: &mut Cx) {
        if self.note_changed {
            self.keep_note(cx);
        }
    }

    /// What the name box or the note box shows, if one is on screen.
    pub fn editor(&self) -> Option<&TextArea<'static>> {
        match self.step {
            Step::Names => Some(self.names.editor()),
            Step::Note => Some(&self.note),
            _ => None,
        }
    }

    /// When the screen next changes on its own (the running timer's next second).
    pub fn next_change(&self, now: DateTime<FixedOffset>) -> Option<std::time::Duration> {
        if self.step == Step::Turn {
            self.timer.next_change(now)
        } else {
            None
        }
    }
}

pub const FULL: &str = "This box is full; nothing more was added.";

/// A key typed into a box: whether it changed the text, or that the box is full.
pub fn type_key(ta: &mut TextArea<'static>, key: KeyEvent) -> Result<bool, &'static str> {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let typing = matches!(key.code, KeyCode::Char(_) | KeyCode::Enter | KeyCode::Tab)
        && !key.modifiers.contains(KeyModifiers::CONTROL);
    if typing && box_chars(ta) >= MAX_BOX_CHARS {
        return Err(FULL);
    }
    Ok(match (key.code, key.modifiers) {
        (KeyCode::Char('z' | 'u'), KeyModifiers::CONTROL) => ta.undo(),
        (KeyCode::Char('y' | 'r'), KeyModifiers::CONTROL) => ta.redo(),
        _ => ta.input(key),
    })
}

/// A paste into a box, its line ends made plain.
pub fn paste_into(ta: &mut TextArea<'static>, text: &str) -> Result<(), &'static str> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if box_chars(ta) + text.chars().count() > MAX_BOX_CHARS {
        return Err(FULL);
    }
    ta.insert_str(text);
    Ok(())
}
