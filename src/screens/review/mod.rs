//! Looking back: the journal list, an evening's page, find (search as you type, filters),
//! the month calendar, the closeness trend, the weekly recap with what seemed to help, and
//! the changes a person makes to past evenings: edit, star, delete (and undo), fill in a
//! missed evening, export.
//!
//! It is one screen with its own stack of pages, so that going back from an evening lands
//! on the list as it was left (the same search, the same row). Each page is a file that
//! says what its keys do (`handles`), takes them, and draws: `list`, `entry`, `calendar`,
//! `trend`, `recap`, `filters`, `confirm` (delete and export). Search itself is
//! `crate::find`.

pub mod calendar;
mod changes;
pub mod confirm;
pub mod entry;
pub mod filters;
pub mod list;
mod parts;
pub mod recap;
pub mod stats;
pub mod together;
pub mod trend;
pub mod voices;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::find::scan::Search;
pub use crate::find::search_box::MAX_SEARCH_CHARS;
use crate::find::{Query, SearchBox};
use crate::journal::Journal;
use crate::protocol::{Command, Context, Ctx, Cx, Drawn};
use crate::ui::scroll::Scroll;
pub use parts::{
    BARS, bar, count, first_of_month, gist, last_of_month, level_style, on_this_day_lines,
    one_line, plural,
};

/// The mark of a together evening in the list, the calendar and the trend's legend.
pub const TOGETHER_MARK: &str = "∞";

/// The spans of the trend page: 30, 90 and 365 days.
pub const SPANS: [i64; 3] = [30, 90, 365];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    List,
    Calendar,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    List,
    Entry {
        date: NaiveDate,
        scroll: Scroll,
        from: Origin,
    },
    Calendar {
        cursor: NaiveDate,
    },
    Trend {
        span: usize,
    },
    /// A week and the one before; what seemed to help is worked out once, on opening.
    Recap {
        week: NaiveDate,
        scroll: Scroll,
        helped: Vec<String>,
    },
    Filters {
        cursor: usize,
    },
    ConfirmDelete {
        date: NaiveDate,
    },
    Export,
}

/// The rows of the filter page.
pub const FILTER_ROWS: usize = filters::ROWS;

#[derive(Debug, Clone)]
pub struct Review {
    pages: Vec<Page>,
    /// The selected row of the list (0 is the newest shown) and the first row on screen.
    pub selected: usize,
    pub offset: usize,
    /// How many rows the list had on screen when last drawn, for paging.
    list_height: u16,
    /// A line for the person: what a delete, an undo or an export did.
    pub message: Option<String>,
    pub search: Search,
    /// The search box: letters go into it while it is typing.
    pub find: SearchBox,
    /// A check-in was opened for this evening; when it is done, search looks at it again.
    checkin_for: Option<NaiveDate>,
    /// The oldest row was asked for while search was still looking: the selection follows
    /// the last row found until the looking is done.
    follow_last: bool,
}

impl Review {
    /// Open looking back on the list, newest first.
    pub fn new(_evening: NaiveDate) -> Review {
        Review {
            message: None,
            pages: vec![Page::List],
            selected: 0,
            offset: 0,
            list_height: 10,
            search: Search::default(),
            find: SearchBox::default(),
            checkin_for: None,
            follow_last: false,
        }
    }

    pub fn page(&self) -> &Page {
        self.pages.last().expect("the list is never popped")
    }

    /// The words in the search box.
    pub fn input(&self) -> &str {
        self.find.text()
    }

    /// Letters go into the search box.
    pub fn typing(&self) -> bool {
        self.find.typing
    }

    /// The words of the search, for highlighting.
    pub fn query(&self) -> &Query {
        &self.search.query
    }

    pub fn context(&self) -> Context {
        match self.page() {
            Page::List if self.typing() => Context::JournalSearch,
            Page::List => Context::Journal,
            Page::Entry { .. } => Context::JournalEntry,
            Page::Calendar { .. } => Context::Calendar,
            Page::Trend { .. } => Context::Trend,
            Page::Recap { .. } => Context::Recap,
            Page::Filters { .. } => Context::JournalFilter,
            Page::ConfirmDelete { .. } | Page::Export => Context::Confirm,
        }
    }

    /// Whether a command changes something in looking back as it now stands: help and the
    /// footer list only those.
    pub fn handles(&self, command: Command, ctx: &Ctx) -> bool {
        match self.page() {
            Page::List => self.list_handles(command, ctx),
            Page::Entry { date, scroll, from } => {
                self.entry_handles(command, *date, scroll, *from, ctx)
            }
            Page::Calendar { cursor } => calendar::handles(command, *cursor, ctx),
            Page::Trend { span } => trend::handles(command, *span),
            Page::Recap { week, scroll, .. } => recap::handles(command, *week, scroll, ctx),
            Page::Filters { cursor } => {
                filters::handles(&self.search.filters, command, *cursor, ctx)
            }
            Page::ConfirmDelete { .. } | Page::Export => confirm::handles(self.page(), command),
        }
    }

    /// How many rows the list has (so far, while search is still looking).
    pub fn len(&self, journal: &Journal) -> usize {
        self.search.len(journal)
    }

    pub fn is_empty(&self, journal: &Journal) -> bool {
        self.len(journal) == 0
    }

    /// The evening on row `i` (0 is the newest shown).
    pub fn row_date(&self, journal: &Journal, i: usize) -> Option<NaiveDate> {
        self.search.row(journal, i)
    }

    /// The row showing `date`, if the list shows it.
    fn row_of(&self, journal: &Journal, date: NaiveDate) -> Option<usize> {
        self.search.row_of(journal, date)
    }

    fn selected_date(&self, journal: &Journal) -> Option<NaiveDate> {
        self.row_date(journal, self.selected)
    }

    /// The first row on screen for a list `height` rows tall, keeping the selection visible.
    pub fn visible_offset(&self, height: usize) -> usize {
        let height = height.max(1);
        if self.selected < self.offset {
            self.selected
        } else if self.selected >= self.offset + height {
            self.selected + 1 - height
        } else {
            self.offset
        }
    }

    /// Rows on screen, as last drawn.
    fn height(&self) -> usize {
        usize::from(self.list_height.max(1))
    }

    /// Select row `i` (or the last there is). Past the rows search has found so far, it
    /// looks further first, as far as one keystroke may, for that row and a page below.
    fn select(&mut self, i: usize, cx: &Ctx) {
        let height = self.height();
        if self.search.is_scanning() && i.saturating_add(height) >= self.len(cx.journal) {
            self.search
                .fill(cx.journal, cx.content, i.saturating_add(1 + height));
        }
        let len = self.len(cx.journal);
        self.selected = if len == 0 { 0 } else { i.min(len - 1) };
        self.offset = self.visible_offset(height);
    }

    /// What the last frame drew: the list's height, or an evening's or a week's page.
    pub fn on_frame(&mut self, drawn: Drawn, ctx: &Ctx) {
        match self.pages.last_mut() {
            Some(Page::List) => {
                self.list_height = drawn.height.max(1);
                let selected = self.selected;
                self.select(selected, ctx);
            }
            Some(Page::Entry { scroll, .. } | Page::Recap { scroll, .. }) => {
                scroll.fit(drawn.lines, drawn.height)
            }
            _ => {}
        }
    }

    /// The journal changed about an evening (here, or in a check-in opened from here): put
    /// search right about it, and select it if it was the one opened.
    pub fn on_journal_changed(&mut self, date: NaiveDate, ctx: &Ctx) {
        self.search.changed(date, ctx.journal, ctx.content);
        let row = (self.checkin_for == Some(date))
            .then(|| self.row_of(ctx.journal, date))
            .flatten();
        match row {
            Some(row) => {
                self.checkin_for = None;
                self.select(row, ctx);
            }
            None => {
                let selected = self.selected;
                self.select(selected, ctx);
            }
        }
    }

    /// An export asked for here was written, or why not.
    pub fn on_exported(&mut self, result: &Result<(usize, String), String>) {
        self.message = Some(match result {
            Ok((n, path)) => format!("Exported {} to {path}", plural(*n, "evening", "evenings")),
            Err(e) => format!("The export was not written: {e}"),
        });
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        if command != Command::Undo {
            self.message = None;
        }
        match self.page().clone() {
            Page::List => self.on_list(command, cx),
            Page::Entry { date, scroll, from } => self.on_entry(command, date, scroll, from, cx),
            Page::Calendar { cursor } => self.on_calendar(command, cursor, cx),
            Page::Trend { span } => self.on_trend(command, span),
            Page::Recap {
                week,
                scroll,
                helped,
            } => self.on_recap(command, week, scroll, helped, cx),
            Page::Filters { cursor } => self.on_filters(command, cursor, cx),
            Page::ConfirmDelete { date } => self.on_confirm_delete(command, date, cx),
            Page::Export => self.on_export(command, cx),
        }
    }

    fn top(&mut self) -> &mut Page {
        self.pages.last_mut().expect("the list is never popped")
    }

    fn pop(&mut self) {
        if self.pages.len() > 1 {
            self.pages.pop();
        }
    }

    /// Typing in the search box.
    pub fn on_text(&mut self, key: KeyEvent, cx: &mut Cx) {
        if self.typing() {
            let edit = self.find.key(key);
            self.box_edited(edit, cx);
        }
    }

    pub fn on_paste(&mut self, text: &str, cx: &mut Cx) {
        if self.typing() {
            let edit = self.find.paste(text);
            self.box_edited(edit, cx);
        }
    }

    pub fn on_scroll(&mut self, command: Command, cx: &mut Cx) {
        match self.page() {
            Page::List | Page::Entry { .. } | Page::Recap { .. } => self.on_command(command, cx),
            _ => {}
        }
    }

    /// A quiet moment: search looks on a slice further, and the selection follows the
    /// last row when the oldest was asked for.
    pub fn on_tick(&mut self, cx: &mut Cx) {
        self.take_shared(cx);
        if self.search.is_scanning() {
            self.search.tick(cx.journal, cx.content);
            if self.follow_last {
                self.select(usize::MAX, cx);
                self.follow_last = self.search.is_scanning();
            }
        }
    }

    pub fn view(&self, frame: &mut Frame, app: &Ctx) -> Drawn {
        match self.page() {
            Page::List => list::view(self, frame, app),
            Page::Entry { date, scroll, .. } => entry::view(self, *date, scroll, frame, app),
            Page::Calendar { cursor } => {
                calendar::view(self, *cursor, frame, app);
                Drawn::default()
            }
            Page::Trend { span } => {
                trend::view(self, *span, frame, app);
                Drawn::default()
            }
            Page::Recap {
                week,
                scroll,
                helped,
            } => recap::view(self, *week, scroll, helped, frame, app),
            Page::Filters { cursor } => {
                filters::view(self, *cursor, frame, app);
                Drawn::default()
            }
            Page::ConfirmDelete { date } => {
                confirm::view_delete(self, *date, frame, app);
                Drawn::default()
            }
            Page::Export => {
                confirm::view_export(self, frame, app);
                Drawn::default()
            }
        }
    }
}
