//! What a screen may read while it handles a command or draws: everything of the app that is
//! not its own state, and none of it to change.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::content::Library;
use crate::journal::{Draft, Drafts, Entry, Journal};
use crate::ui::Theme;

#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub journal: &'a Journal,
    pub content: &'a Library,
    /// The moment of the action being handled, in local time with its offset.
    pub now: DateTime<FixedOffset>,
    /// The evening `now` belongs to.
    pub evening: NaiveDate,
    /// Every unfinished evening's draft.
    pub drafts: &'a Drafts,
    /// Drafts discarded this session (after asking), the last on top.
    pub discarded: &'a [Draft],
    /// Evenings deleted this session, the last on top.
    pub deleted: &'a [Entry],
    pub theme: Theme,
    /// The last journal save failed: the journal in memory holds more than the file.
    pub unsaved: bool,
    /// A line that needs the person's attention (a failed save, a content file error).
    pub notice: Option<&'a str>,
    /// Where the journal lives, shown on home and in help.
    pub journal_path: &'a str,
    /// The journal has a passphrase (its files are encrypted).
    pub locked: bool,
    /// The link with the partner, when this journal is linked (in memory only).
    pub partner: Option<&'a crate::link::partner::Partner>,
    /// The footer's key and word pairs for the screen as it stands (from the key table).
    pub footer: &'a [(String, &'static str)],
}

/// What a view reports of its layout, for `update` to know: the main area's visible
/// height, how many lines it holds, and the first line it showed (a list keeps that steady
/// from one frame to the next, so the selection moves on the screen until it nears an edge).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drawn {
    pub height: u16,
    pub lines: u16,
    pub first: u16,
}

impl<'a> Ctx<'a> {
    /// What the frame around the screen needs.
    pub fn chrome(&self) -> crate::ui::chrome::Chrome<'a> {
        crate::ui::chrome::Chrome {
            theme: self.theme,
            notice: self.notice,
            footer: self.footer,
        }
    }
}

/// A screen's handler: a read-only [`Ctx`] of the app, and the intents the screen asks for,
/// in order. Nothing else of the app is within reach of a screen.
pub struct Cx<'a> {
    pub ctx: Ctx<'a>,
    pub intents: Vec<crate::protocol::Intent>,
}

impl<'a> Cx<'a> {
    pub fn new(ctx: Ctx<'a>) -> Cx<'a> {
        Cx {
            ctx,
            intents: Vec::new(),
        }
    }

    /// Ask `update` for something.
    pub fn ask(&mut self, intent: crate::protocol::Intent) {
        self.intents.push(intent);
    }
}

impl<'a> std::ops::Deref for Cx<'a> {
    type Target = Ctx<'a>;
    fn deref(&self) -> &Ctx<'a> {
        &self.ctx
    }
}
