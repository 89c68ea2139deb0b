//! The running app as plain data, the actions that change it, and a pure `update`.
//! Nothing here reads the clock, the disk or the terminal: the date comes in with each
//! action, and I/O goes out as effects for the terminal loop to carry out.

pub mod keys;
mod update;
pub mod view;

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::crossterm::event::KeyEvent;

use crate::content::{ContentError, Library};
use crate::evening::evening_of;
use crate::journal::{Draft, Drafts, Entry, Journal};
use crate::protocol::Ctx;
use crate::screens::Screen;
use crate::screens::home::Home;
use crate::ui::Theme;

pub use crate::protocol::{Command, Context, Drawn};
pub use update::update;

/// Something that happened: a key, a paste, time passing, a save finishing.
#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    /// Open tonight's check-in (`nearer checkin` starts with this).
    StartCheckin,
    /// Asked to stop from outside (a shutdown, a closed terminal): quit as from anywhere,
    /// keeping what was typed.
    Shutdown,
    /// Close at once and leave the terminal clear (ctrl+q): what was typed is kept as a
    /// draft unless the person chose that a quick exit keeps nothing.
    QuickExit,
    Paste(String),
    /// The mouse wheel: negative is up.
    Scroll(i8),
    /// Time passed without input (drives the breathing animation and draft autosave).
    Tick,
    Resize,
    /// What the last frame drew of the screen on top (its page's height and length), as
    /// data for the keys that move through it.
    Frame(Drawn),
    /// A save the effect runner carried out, with its error if it failed.
    Saved(Result<(), String>),
    DraftSaved(Result<(), String>),
    /// Something about the journal the person should hear (from the store: a version
    /// written by another program was kept as a backup, say).
    Notice(String),
    /// The link with the partner as the link's worker last read it (never read in
    /// `update`: it arrives as data).
    Partner(Box<crate::link::partner::Partner>),
    /// An export the effect runner wrote: how many evenings, and where (or why not).
    Exported(Result<(usize, String), String>),
    /// Whether the passphrase typed is the journal's (or why it could not be told).
    PassphraseChecked(Result<(), String>),
    /// A change of the passphrase the effect runner carried out: whether the journal is
    /// locked now and what was done, or why nothing was.
    Relocked(Result<(bool, String), String>),
    /// What the link's worker said of a pairing step asked for (the card written, the
    /// words confirmed), or why it could not.
    LinkSaid(Result<String, String>),
    /// The link's worker unpaired (what it removed), or why it could not.
    Unlinked(Result<String, String>),
}

/// I/O that `update` asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the journal as it now is.
    SaveJournal,
    /// Write every unfinished evening's draft (as they now are; none removes the file).
    SaveDrafts(Drafts),
    /// Write the journal (the evenings from `from` to `to`, both included; None leaves an
    /// end open) to a new file, never replacing one.
    Export {
        format: crate::journal::export::Format,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    /// Check a passphrase (see [`crate::protocol::Intent::CheckPassphrase`]).
    CheckPassphrase(crate::journal::store::Passphrase),
    /// Set, change or remove the passphrase (see [`crate::protocol::Intent::Relock`]).
    Relock {
        current: Option<crate::journal::store::Passphrase>,
        new: Option<crate::journal::store::Passphrase>,
    },
    /// Hand the journal as it now is to the link's worker, which shares what it chooses to
    /// share with the partner (off this thread: the shared folder may hang).
    Share,
    /// Pair through the folder typed (see [`crate::protocol::Intent::Pair`]).
    Pair(String),
    /// Confirm the words on this machine.
    ConfirmCode(crate::link::Code),
    /// Unpair: this side's files leave the shared folder.
    Unpair,
    Quit,
    /// Close at once, with no further frame, and clear the screen and the scrollback.
    QuickExit,
}

/// The whole state of the running app.
#[derive(Debug, Clone)]
pub struct App {
    pub journal: Arc<Journal>,
    pub content: Arc<Library>,
    /// The moment of the last action, in local time with its offset.
    pub now: DateTime<FixedOffset>,
    /// The evening `now` belongs to.
    pub evening: NaiveDate,
    /// Navigation: the last screen is on top. Never empty; the first is home.
    pub screens: Vec<Screen>,
    /// The help page over the current screen, with its scroll offset.
    pub help: Option<crate::ui::scroll::Scroll>,
    pub theme: Theme,
    /// Where the journal lives, shown on home and in help.
    pub journal_path: String,
    /// Every unfinished evening's check-in, offered back on home.
    pub drafts: Drafts,
    /// Drafts discarded this session (after asking), the last on top: `u` on home brings
    /// them back until nearer quits.
    pub discarded: Vec<Draft>,
    /// A line that needs the person's attention (a failed save, a content file error).
    pub notice: Option<String>,
    /// A journal save is under way or queued.
    pub saving: bool,
    /// Evenings deleted this session, the last on top: `u` in looking back brings them back
    /// until nearer quits.
    pub deleted: Vec<Entry>,
    /// The last journal save failed: the journal in memory holds more than the file.
    pub unsaved: bool,
    /// When the last journal save failed (cleared by the next one that works); failed saves
    /// are tried again a few seconds later.
    pub save_failed_at: Option<DateTime<FixedOffset>>,
    /// Evenings whose finished check-in was kept as a draft because the journal could not
    /// be saved; those drafts go once the journal is saved.
    pub kept_for_save: Vec<NaiveDate>,
    pub quitting: bool,
    /// The journal has a passphrase (set at start from the store; changed by a relock).
    pub locked: bool,
    /// A change of the passphrase (or the check of one) is under way.
    pub relocking: bool,
    /// A pairing step is with the link's worker (the loop looks for its outcome often).
    pub linking: bool,
    /// The link with the partner, when this journal is linked. The partner's evenings in
    /// it are in memory only, never in the journal.
    pub partner: Option<crate::link::partner::Partner>,
}

impl App {
    pub fn new(
        journal: Journal,
        content: Library,
        now: DateTime<FixedOffset>,
        theme: Theme,
        journal_path: String,
        drafts: Drafts,
        content_errors: &[ContentError],
    ) -> App {
        let evening = evening_of(now);
        let notice = content_errors.first().map(|e| match content_errors.len() {
            1 => format!("Your content file was not loaded: {e}"),
            n => format!(
                "Your content file was not loaded: {e} (and {} more; see Browse exercises)",
                n - 1
            ),
        });
        App {
            journal: Arc::new(journal),
            content: Arc::new(content),
            now,
            evening,
            screens: vec![Screen::Home(Home::default())],
            help: None,
            theme,
            journal_path,
            drafts,
            discarded: Vec::new(),
            notice,
            saving: false,
            deleted: Vec::new(),
            unsaved: false,
            save_failed_at: None,
            kept_for_save: Vec::new(),
            quitting: false,
            locked: false,
            relocking: false,
            linking: false,
            partner: None,
        }
    }

    /// Look back's search is still looking through earlier evenings: quiet moments carry
    /// it on a slice at a time, so they should come often.
    pub fn search_scanning(&self) -> bool {
        matches!(self.screen(), Screen::Review(r) if r.search.is_scanning())
    }

    /// The screen stack, and what screens may read of the rest (borrowed apart, so a
    /// screen can be handled while it reads).
    pub(crate) fn parts(&mut self) -> (&mut Vec<Screen>, Ctx<'_>) {
        let App {
            screens,
            journal,
            content,
            now,
            evening,
            drafts,
            discarded,
            deleted,
            theme,
            unsaved,
            notice,
            journal_path,
            locked,
            partner,
            ..
        } = self;
        (
            screens,
            Ctx {
                journal,
                content,
                now: *now,
                evening: *evening,
                drafts,
                discarded,
                deleted,
                theme: *theme,
                unsaved: *unsaved,
                notice: notice.as_deref(),
                journal_path,
                locked: *locked,
                partner: partner.as_ref(),
                footer: &[],
            },
        )
    }

    /// What screens may read, with the footer of the screen on top.
    pub fn ctx<'a>(&'a self, footer: &'a [(String, &'static str)]) -> Ctx<'a> {
        Ctx {
            journal: &self.journal,
            content: &self.content,
            now: self.now,
            evening: self.evening,
            drafts: &self.drafts,
            discarded: &self.discarded,
            deleted: &self.deleted,
            theme: self.theme,
            unsaved: self.unsaved,
            notice: self.notice.as_deref(),
            journal_path: &self.journal_path,
            locked: self.locked,
            partner: self.partner.as_ref(),
            footer,
        }
    }

    /// When the screen on top next changes on its own (a running timer's next second):
    /// the terminal loop wakes then, and only while a timer runs.
    pub fn next_change(&self) -> Option<std::time::Duration> {
        if self.help.is_some() {
            return None;
        }
        self.screen().next_change(self.now)
    }

    pub fn screen(&self) -> &Screen {
        self.screens
            .last()
            .expect("the home screen is never popped")
    }

    /// What keys mean right now.
    pub fn context(&self) -> Context {
        if self.help.is_some() {
            return Context::Help;
        }
        self.screen().context()
    }

    /// Whether a command does something where the person is: help and the footer show
    /// only those.
    pub fn handles(&self, command: Command) -> bool {
        if let Some(scroll) = &self.help {
            return match command {
                Command::Help
                | Command::Back
                | Command::Quit
                | Command::QuickExit
                | Command::Safety => true,
                c => crate::screens::scroll_move(c).is_some_and(|m| scroll.can(m)),
            };
        }
        self.screen_handles(command)
    }

    /// Whether a command does something on the screen (under help, if help is open).
    pub fn screen_handles(&self, command: Command) -> bool {
        match command {
            Command::Help | Command::Quit | Command::QuickExit => true,
            Command::Safety => !matches!(self.screen(), Screen::Safety(_)),
            c => self.screen().handles(c, &self.ctx(&[])),
        }
    }

    /// The footer of the screen on top, as it now stands.
    pub fn footer(&self) -> Vec<(String, &'static str)> {
        keys::footer_for(self.screen().context(), |c| self.screen_handles(c))
    }

    /// The drafts as they should be kept now: every unfinished evening's, with what the
    /// check-ins still open hold.
    pub fn drafts_now(&self) -> Drafts {
        let mut drafts = self.drafts.clone();
        for s in &self.screens {
            match s {
                Screen::Checkin(c) => {
                    c.keep_in(&mut drafts, self.now);
                }
                Screen::Together(t) => {
                    t.keep_in(&mut drafts, self.now);
                }
                Screen::StateOfUs(s) => {
                    s.keep_in(&mut drafts, self.now);
                }
                _ => {}
            }
        }
        drafts
    }

    /// Whether a check-in is open with changes that are not saved yet.
    pub fn checkin_in_progress(&self) -> Option<&crate::screens::checkin::Checkin> {
        self.screens.iter().rev().find_map(|s| match s {
            Screen::Checkin(c) if !c.saved => Some(c.as_ref()),
            _ => None,
        })
    }
}
