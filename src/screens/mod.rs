//! One module per screen. Each holds its state, how it takes commands, and how it draws.

pub mod card;
pub mod checkin;
pub mod help;
pub mod home;
pub mod library;
pub mod pause;
pub mod review;
pub mod safety;

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::app::{App, Command, Context, Effect};
use crate::content::Library;
use crate::journal::Journal;
use crate::ui::Theme;

/// What a screen handler may read and change.
pub struct Cx<'a> {
    pub journal: &'a mut Arc<Journal>,
    pub content: &'a Library,
    pub now: DateTime<FixedOffset>,
    pub evening: NaiveDate,
    pub effects: &'a mut Vec<Effect>,
    /// Every unfinished evening's draft.
    pub drafts: &'a mut crate::journal::Drafts,
    /// Drafts discarded this session (after asking), the last on top: `u` on home brings
    /// them back until nearer quits.
    pub discarded: &'a mut Vec<crate::journal::Draft>,
    pub theme: Theme,
    /// What looking back keeps for the session (deleted evenings, a message).
    pub review: &'a mut review::Memory,
}

impl Cx<'_> {
    /// The journal, for changing it (cloned only if a save still holds the old one).
    pub fn journal_mut(&mut self) -> &mut Journal {
        Arc::make_mut(self.journal)
    }
}

/// Where to go after a handler ran.
pub enum Nav {
    Stay,
    Back,
    Push(Screen),
    Replace(Screen),
    Home,
    Quit,
    /// A card was chosen in the library that the check-in opened: go back to that check-in
    /// and make it tomorrow's act there.
    Picked(String),
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
        }
    }

    /// Whether a command does something on this screen as it now stands: help and the
    /// footer show only those, and a test presses every one of them.
    pub fn handles(&self, command: Command, app: &App) -> bool {
        match self {
            Screen::Home(s) => s.handles(command, app),
            Screen::Checkin(s) => s.handles(command),
            _ => true,
        }
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) -> Nav {
        match self {
            Screen::Home(s) => s.on_command(command, cx),
            Screen::Checkin(s) => s.on_command(command, cx),
            Screen::Pause(s) => s.on_command(command, cx),
            Screen::Safety(s) => s.on_command(command, cx),
            Screen::Library(s) => s.on_command(command, cx),
            Screen::Card(s) => s.on_command(command, cx),
            Screen::Review(s) => s.on_command(command, cx),
        }
    }

    pub fn on_text(&mut self, key: KeyEvent, cx: &mut Cx) -> Nav {
        match self {
            Screen::Checkin(s) => s.on_text(key, cx),
            Screen::Safety(s) => s.on_text(key, cx),
            Screen::Library(s) => s.on_text(key, cx),
            Screen::Review(s) => s.on_text(key, cx),
            _ => Nav::Stay,
        }
    }

    pub fn on_paste(&mut self, text: &str, cx: &mut Cx) -> Nav {
        match self {
            Screen::Checkin(s) => s.on_paste(text, cx),
            Screen::Library(s) => s.on_paste(text, cx),
            Screen::Review(s) => s.on_paste(text, cx),
            _ => Nav::Stay,
        }
    }

    pub fn on_scroll(&mut self, command: Command, cx: &mut Cx) -> Nav {
        match self {
            Screen::Safety(_) | Screen::Home(_) => self.on_command(command, cx),
            Screen::Library(s) => s.on_scroll(command, cx),
            Screen::Card(s) => s.on_scroll(command, cx),
            Screen::Review(s) => s.on_scroll(command, cx),
            _ => Nav::Stay,
        }
    }

    pub fn on_tick(&mut self, cx: &mut Cx) -> Nav {
        match self {
            Screen::Checkin(s) => s.on_tick(cx),
            Screen::Pause(s) => s.on_tick(cx),
            Screen::Review(s) => s.on_tick(cx),
            _ => Nav::Stay,
        }
    }

    pub fn view(&self, frame: &mut Frame, app: &App) {
        match self {
            Screen::Home(s) => s.view(frame, app),
            Screen::Checkin(s) => s.view(frame, app),
            Screen::Pause(s) => s.view(frame, app),
            Screen::Safety(s) => s.view(frame, app),
            Screen::Library(s) => s.view(frame, app),
            Screen::Card(s) => s.view(frame, app),
            Screen::Review(s) => s.view(frame, app),
        }
    }
}
