//! One module per screen. Each holds its state, how it takes commands, and how it draws.
//!
//! A screen sees the rest of the app through a read-only [`Ctx`] (in a [`Cx`] while it
//! handles something), and asks for everything else with [`Intent`]s: it never changes the
//! journal, the drafts or the screen stack itself, and never builds another screen.

pub mod card;
pub mod checkin;
pub mod help;
pub mod home;
pub mod library;
pub mod lock;
pub mod pairing;
pub mod partner;
pub mod pause;
pub mod review;
pub mod safety;
pub mod settings;
pub mod state_of_us;
pub mod talk;
pub mod together;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::protocol::{Command, Context, Ctx, Cx, Drawn, Intent};
use crate::ui::scroll::Move;

/// The way through a page a command asks for, if it is one.
pub fn scroll_move(command: Command) -> Option<Move> {
    Some(match command {
        Command::Up => Move::Up,
        Command::Down => Move::Down,
        Command::PageUp => Move::PageUp,
        Command::PageDown => Move::PageDown,
        Command::First => Move::Top,
        Command::Last => Move::Bottom,
        _ => return None,
    })
}

#[derive(Debug, Clone)]
pub enum Screen {
    Home(home::Home),
    Checkin(Box<checkin::Checkin>),
    Pause(pause::Pause),
    Safety(safety::Safety),
    Library(Box<library::Browser>),
    Card(Box<card::CardPage>),
    Review(Box<review::Review>),
    Settings(Box<settings::Settings>),
    Together(Box<together::TogetherEvening>),
    Lock(Box<lock::LockPage>),
    Pairing(Box<pairing::PairingPage>),
    Talk(Box<talk::StressTalk>),
    StateOfUs(Box<state_of_us::StateOfUs>),
}

impl Screen {
    pub fn context(&self) -> Context {
        match self {
            Screen::Home(s) => s.context(),
            Screen::Checkin(c) => c.context(),
            Screen::Pause(_) => Context::Pause,
            Screen::Safety(s) => s.context(),
            Screen::Library(s) => s.context(),
            Screen::Card(s) => s.context(),
            Screen::Review(s) => s.context(),
            Screen::Settings(s) => s.context(),
            Screen::Together(s) => s.context(),
            Screen::Lock(s) => s.context(),
            Screen::Pairing(s) => s.context(),
            Screen::Talk(s) => s.context(),
            Screen::StateOfUs(s) => s.context(),
        }
    }

    /// Whether a command does something on this screen as it now stands: help and the
    /// footer show only those, and a test presses every one of them.
    pub fn handles(&self, command: Command, ctx: &Ctx) -> bool {
        match self {
            Screen::Home(s) => s.handles(command, ctx),
            Screen::Checkin(s) => s.handles(command),
            Screen::Pause(_) => matches!(command, Command::Back),
            Screen::Safety(s) => s.handles(command),
            Screen::Library(s) => s.handles(command, ctx),
            Screen::Card(s) => s.handles(command, ctx),
            Screen::Review(s) => s.handles(command, ctx),
            Screen::Settings(s) => s.handles(command),
            Screen::Together(s) => s.handles(command),
            Screen::Lock(s) => s.handles(command, ctx),
            Screen::Pairing(s) => s.handles(command, ctx),
            Screen::Talk(s) => s.handles(command),
            Screen::StateOfUs(s) => s.handles(command),
        }
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        match self {
            Screen::Home(s) => s.on_command(command, cx),
            Screen::Checkin(s) => s.on_command(command, cx),
            Screen::Pause(s) => s.on_command(command, cx),
            Screen::Safety(s) => s.on_command(command, cx),
            Screen::Library(s) => s.on_command(command, cx),
            Screen::Card(s) => s.on_command(command, cx),
            Screen::Review(s) => s.on_command(command, cx),
            Screen::Settings(s) => s.on_command(command, cx),
            Screen::Together(s) => s.on_command(command, cx),
            Screen::Lock(s) => s.on_command(command, cx),
            Screen::Pairing(s) => s.on_command(command, cx),
            Screen::Talk(s) => s.on_command(command, cx),
            Screen::StateOfUs(s) => s.on_command(command, cx),
        }
    }

    /// A key the screen's text box takes (typing, moving in the text).
    pub fn on_text(&mut self, key: KeyEvent, cx: &mut Cx) {
        match self {
            Screen::Checkin(s) => s.on_text(key, cx),
            Screen::Library(s) => s.on_text(key, cx),
            Screen::Review(s) => s.on_text(key, cx),
            Screen::Settings(s) => s.on_text(key, cx),
            Screen::Together(s) => s.on_text(key, cx),
            Screen::Lock(s) => s.on_text(key, cx),
            Screen::Pairing(s) => s.on_text(key, cx),
            Screen::Talk(s) => s.on_text(key, cx),
            Screen::StateOfUs(s) => s.on_text(key, cx),
            _ => {}
        }
    }

    pub fn on_paste(&mut self, text: &str, cx: &mut Cx) {
        match self {
            Screen::Checkin(s) => s.on_paste(text, cx),
            Screen::Library(s) => s.on_paste(text, cx),
            Screen::Review(s) => s.on_paste(text, cx),
            Screen::Settings(s) => s.on_paste(text, cx),
            Screen::Together(s) => s.on_paste(text, cx),
            Screen::Lock(s) => s.on_paste(text, cx),
            Screen::Pairing(s) => s.on_paste(text, cx),
            Screen::Talk(s) => s.on_paste(text, cx),
            Screen::StateOfUs(s) => s.on_paste(text, cx),
            _ => {}
        }
    }

    /// The mouse wheel.
    pub fn on_scroll(&mut self, command: Command, cx: &mut Cx) {
        match self {
            Screen::Safety(_) | Screen::Home(_) | Screen::Card(_) => self.on_command(command, cx),
            Screen::Library(s) => s.on_scroll(command, cx),
            Screen::Review(s) => s.on_scroll(command, cx),
            _ => {}
        }
    }

    /// A quiet moment.
    pub fn on_tick(&mut self, cx: &mut Cx) {
        match self {
            Screen::Checkin(s) => s.on_tick(cx),
            Screen::Pause(s) => s.on_tick(cx),
            Screen::Together(s) => s.on_tick(cx),
            Screen::Talk(s) => s.on_tick(cx),
            Screen::StateOfUs(s) => s.on_tick(cx),
            Screen::Review(s) => s.on_tick(cx),
            _ => {}
        }
    }

    /// What the last frame drew of this screen.
    pub fn on_frame(&mut self, drawn: Drawn, ctx: &Ctx) {
        match self {
            Screen::Safety(s) => s.on_frame(drawn),
            Screen::Library(s) => s.on_frame(drawn, ctx),
            Screen::Card(s) => s.on_frame(drawn),
            Screen::Review(s) => s.on_frame(drawn, ctx),
            Screen::Home(s) => s.on_frame(drawn),
            _ => {}
        }
    }

    /// The journal changed about an evening (saved, starred, deleted, brought back).
    pub fn on_journal_changed(&mut self, date: chrono::NaiveDate, ctx: &Ctx) {
        if let Screen::Review(s) = self {
            s.on_journal_changed(date, ctx)
        }
    }

    /// A card chosen in the library this check-in opened.
    pub fn on_card_chosen(&mut self, id: &str, cx: &mut Cx) {
        if let Screen::Checkin(s) = self {
            s.pick_card(id, cx)
        }
    }

    /// An export asked for here was written (how many evenings, where), or why not.
    pub fn on_exported(&mut self, result: &Result<(usize, String), String>) {
        if let Screen::Review(s) = self {
            s.on_exported(result)
        }
    }

    /// Draw; returns what the layout holds, for `update` to know.
    pub fn view(&self, frame: &mut Frame, ctx: &Ctx) -> Drawn {
        match self {
            Screen::Home(s) => s.view(frame, ctx),
            Screen::Checkin(s) => {
                s.view(frame, ctx);
                Drawn::default()
            }
            Screen::Pause(s) => {
                s.view(frame, ctx);
                Drawn::default()
            }
            Screen::Safety(s) => s.view(frame, ctx),
            Screen::Library(s) => s.view(frame, ctx),
            Screen::Card(s) => s.view(frame, ctx),
            Screen::Review(s) => s.view(frame, ctx),
            Screen::Settings(s) => s.view(frame, ctx),
            Screen::Lock(s) => s.view(frame, ctx),
            Screen::Pairing(s) => s.view(frame, ctx),
            Screen::Together(s) => {
                s.view(frame, ctx);
                Drawn::default()
            }
            Screen::Talk(s) => {
                s.view(frame, ctx);
                Drawn::default()
            }
            Screen::StateOfUs(s) => {
                s.view(frame, ctx);
                Drawn::default()
            }
        }
    }

    /// When the screen next changes on its own (a running timer's next second), for the
    /// terminal loop to draw it then.
    pub fn next_change(
        &self,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Option<std::time::Duration> {
        match self {
            Screen::Talk(s) => s.next_change(now),
            Screen::StateOfUs(s) => s.next_change(now),
            _ => None,
        }
    }
}

/// Ask to open a screen.
pub fn open(cx: &mut Cx, to: crate::protocol::Destination) {
    cx.ask(Intent::Open(to));
}
