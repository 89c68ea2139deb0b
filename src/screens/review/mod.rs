//! Looking back: the journal list, an evening's page, find (search as you type, filters),
//! the month calendar, the closeness trend, the weekly recap with what seemed to help, and
//! the changes a person makes to past evenings: edit, star, delete (and undo), fill in a
//! missed evening, export.
//!
//! It is one screen with its own stack of pages, so that going back from an evening lands
//! on the list as it was left (the same search, the same row).

pub mod calendar;
pub mod entry;
pub mod list;
pub mod recap;
pub mod search;
pub mod stats;
pub mod trend;

use chrono::{Datelike, Months, NaiveDate};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui_textarea::{CursorMove, TextArea};

use crate::journal::export::Format;
use crate::journal::{Entry, Journal};
use crate::protocol::{Command, Context, Ctx, Cx, Destination, Drawn, Intent};
use crate::ui::Theme;
use crate::ui::scroll::Scroll;
use search::{Filters, Query, Search};

/// The longest search: a long sentence. (Every word must be found, and each word typed
/// is compared with the words before it, so a pasted page would only be slow.)
pub const MAX_SEARCH_CHARS: usize = 200;

/// The seven closeness levels as bars, so a level reads without colour.
pub const BARS: [char; 7] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇'];

pub fn bar(closeness: u8) -> char {
    BARS[usize::from(closeness.clamp(1, 7) - 1)]
}

/// The colour of a closeness level (plain under NO_COLOR, where the bar carries it).
pub fn level_style(theme: &Theme, closeness: u8) -> Style {
    if !theme.color {
        return Style::default();
    }
    let color = match closeness {
        0..=2 => Color::Blue,
        3..=4 => Color::Cyan,
        5 => Color::Green,
        _ => Color::Magenta,
    };
    let style = Style::default().fg(color);
    if closeness >= 7 {
        style.add_modifier(Modifier::BOLD)
    } else {
        style
    }
}

/// 3650 as "3,650".
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

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
pub const FILTER_ROWS: usize = 5;

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
    /// The search box has focus: letters are typed into it.
    pub typing: bool,
    /// The search box: one line, edited like the check-in's text boxes.
    editor: TextArea<'static>,
    /// The text in the search box and the cursor in it (in characters), as last edited.
    pub input: String,
    pub cursor: usize,
    /// The search box was just opened on earlier words: they show selected, and typing
    /// replaces them (the arrows keep them for editing).
    pub replace_on_type: bool,
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
            typing: false,
            editor: line_editor(""),
            input: String::new(),
            cursor: 0,
            replace_on_type: false,
            checkin_for: None,
            follow_last: false,
        }
    }

    pub fn page(&self) -> &Page {
        self.pages.last().expect("the list is never popped")
    }

    pub fn context(&self) -> Context {
        match self.page() {
            Page::List if self.typing => Context::JournalSearch,
            Page::List => Context::Journal,
            Page::Entry { .. } => Context::JournalEntry,
            Page::Calendar { .. } => Context::Calendar,
            Page::Trend { .. } => Context::Trend,
            Page::Recap { .. } => Context::Recap,
            Page::Filters { .. } => Context::JournalFilter,
            Page::ConfirmDelete { .. } | Page::Export => Context::Confirm,
        }
    }

    /// Whether a command does something in looking back as it now stands.
    pub fn handles(&self, command: Command, ctx: &Ctx) -> bool {
        use Command as C;
        let len = self.len(ctx.journal);
        let more = self.search.is_scanning();
        let row = self.selected_date(ctx.journal).is_some();
        match self.page() {
            Page::List => match command {
                C::Up | C::PageUp | C::First => self.selected > 0,
                C::Down | C::PageDown | C::Last => self.selected + 1 < len || more,
                C::Open => row,
                C::Back => true,
                C::Filter => true,
                C::Type => self.typing,
                C::Star | C::Edit | C::Delete => row && !self.typing,
                C::Search | C::Calendar | C::Trend | C::Recap | C::Export => !self.typing,
                C::Undo => !self.typing && !ctx.deleted.is_empty(),
                _ => false,
            },
            Page::Entry { scroll, .. } => match command {
                C::Back | C::Left | C::Right | C::Edit | C::Star | C::Delete => true,
                c => super::scroll_move(c).is_some_and(|m| scroll.can(m)),
            },
            Page::Calendar { cursor } => match command {
                C::First => *cursor != ctx.evening,
                C::Left | C::Right | C::Up | C::Down | C::PageUp | C::PageDown => true,
                C::Prev | C::Next | C::Open | C::Back => true,
                _ => false,
            },
            Page::Trend { span } => match command {
                C::Left => *span > 0,
                C::Right => *span + 1 < SPANS.len(),
                C::Choose(n) => usize::from(n) <= SPANS.len() && usize::from(n) != span + 1,
                C::Back => true,
                _ => false,
            },
            Page::Recap { week, scroll, .. } => match command {
                C::Left | C::Back => true,
                C::Right | C::First => *week < stats::week_start(ctx.evening),
                c => super::scroll_move(c).is_some_and(|m| scroll.can(m)),
            },
            Page::Filters { cursor } => match command {
                C::Up => *cursor > 0,
                C::Down => cursor + 1 < FILTER_ROWS,
                C::PageUp | C::PageDown => *cursor >= 3,
                C::Discard => self.search.filters != Filters::default(),
                C::Left | C::Right | C::Back => true,
                _ => false,
            },
            Page::ConfirmDelete { .. } => matches!(command, C::Choose(1 | 2) | C::Back),
            Page::Export => matches!(command, C::Choose(1..=3) | C::Back),
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

    fn edit(&mut self, date: NaiveDate, cx: &mut Cx) {
        if date > cx.evening {
            self.message = Some("That evening has not come yet.".into());
            return;
        }
        self.checkin_for = Some(date);
        cx.ask(Intent::Open(Destination::Checkin {
            date,
            back_to_review: true,
        }));
    }

    fn toggle_star(&mut self, date: NaiveDate, cx: &mut Cx) {
        if cx.journal.entry(date).is_some() {
            cx.ask(Intent::ToggleStar(date));
        }
    }

    fn delete(&mut self, date: NaiveDate, cx: &mut Cx) {
        if cx.journal.entry(date).is_some() {
            cx.ask(Intent::DeleteEntry(date));
            self.message = Some(format!(
                "Deleted the evening of {}. u brings it back until you quit nearer.",
                date.format("%A %-d %B %Y")
            ));
        }
    }

    fn undo(&mut self, cx: &mut Cx) {
        let Some(entry) = cx.deleted.last() else {
            self.message = Some("Nothing to bring back.".into());
            return;
        };
        let date = entry.date;
        if cx.journal.entry(date).is_some() {
            self.message = Some(format!(
                "{} was checked in again after it was deleted; the new entry stays.",
                date.format("%A %-d %B %Y")
            ));
        } else {
            self.message = Some(format!(
                "Brought back the evening of {}.",
                date.format("%A %-d %B %Y")
            ));
            self.checkin_for = Some(date);
        }
        cx.ask(Intent::UndoDelete);
    }

    /// Open the search box.
    fn open_search(&mut self) {
        self.typing = true;
        self.editor.move_cursor(CursorMove::End);
        self.cursor = self.input.chars().count();
        self.replace_on_type = !self.input.is_empty();
    }

    fn input_changed(&mut self, cx: &mut Cx) {
        let query = Query::parse(&self.input);
        if query != self.search.query {
            // The rows on screen and a page below; the rest comes in quiet moments.
            let want = 2 * self.height();
            self.search.set_query(query, cx.journal, cx.content, want);
            self.selected = 0;
            self.offset = 0;
            self.follow_last = false;
        }
    }

    fn set_filters(&mut self, filters: Filters, cx: &mut Cx) {
        if filters != self.search.filters {
            let want = 2 * self.height();
            self.search
                .set_filters(filters, cx.journal, cx.content, want);
            self.selected = 0;
            self.offset = 0;
            self.follow_last = false;
        }
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        if command != Command::Undo {
            self.message = None;
        }
        let page = self.page().clone();
        match page {
            Page::List => self.on_list(command, cx),
            Page::Entry { date, scroll, from } => self.on_entry(command, date, scroll, from, cx),
            Page::Calendar { cursor } => self.on_calendar(command, cursor, cx),
            Page::Trend { span } => {
                let span = match command {
                    Command::Left => span.saturating_sub(1),
                    Command::Right => (span + 1).min(SPANS.len() - 1),
                    Command::Choose(n) if usize::from(n) <= SPANS.len() => usize::from(n) - 1,
                    Command::Back => return self.pop(),
                    _ => span,
                };
                *self.top() = Page::Trend { span };
            }
            Page::Recap {
                week,
                scroll,
                helped,
            } => {
                let this_week = stats::week_start(cx.evening);
                let mut scroll = scroll;
                let week = match command {
                    Command::Left => {
                        scroll = Scroll::default();
                        week - chrono::Duration::days(7)
                    }
                    Command::Right => {
                        scroll = Scroll::default();
                        (week + chrono::Duration::days(7)).min(this_week)
                    }
                    Command::First => {
                        scroll = Scroll::default();
                        this_week
                    }
                    Command::Up | Command::Down | Command::PageUp | Command::PageDown => {
                        if let Some(m) = super::scroll_move(command) {
                            scroll.apply(m);
                        }
                        week
                    }
                    Command::Back => return self.pop(),
                    _ => week,
                };
                *self.top() = Page::Recap {
                    week,
                    scroll,
                    helped,
                };
            }
            Page::Filters { cursor } => self.on_filters(command, cursor, cx),
            Page::ConfirmDelete { date } => {
                match command {
                    Command::Choose(1) => {
                        self.pages.pop();
                        // The evening's own page goes too.
                        if matches!(self.page(), Page::Entry { date: d, .. } if *d == date) {
                            self.pages.pop();
                        }
                        self.delete(date, cx);
                    }
                    Command::Choose(2) | Command::Back => {
                        self.pages.pop();
                    }
                    _ => {}
                }
            }
            Page::Export => {
                let format = match command {
                    Command::Choose(1) => Some(Format::Markdown),
                    Command::Choose(2) => Some(Format::Json),
                    Command::Choose(3) | Command::Back => {
                        self.pages.pop();
                        return;
                    }
                    _ => None,
                };
                if let Some(format) = format {
                    self.pages.pop();
                    cx.ask(Intent::Export {
                        format,
                        from: self.search.filters.from,
                        to: self.search.filters.to,
                    });
                    self.message = Some("Writing the export…".into());
                }
            }
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

    fn on_list(&mut self, command: Command, cx: &mut Cx) {
        let len = self.len(cx.journal);
        let page = self.height();
        self.follow_last = false;
        match command {
            Command::Back if self.typing => self.typing = false,
            Command::Back if self.search.is_active() => {
                self.editor = line_editor("");
                self.input.clear();
                self.cursor = 0;
                self.search.clear();
                self.select(0, cx);
            }
            Command::Back => cx.ask(Intent::Back),
            Command::Up => self.select(self.selected.saturating_sub(1), cx),
            Command::Down => self.select(self.selected + 1, cx),
            Command::PageUp => self.select(self.selected.saturating_sub(page), cx),
            Command::PageDown => self.select(self.selected + page, cx),
            Command::First => self.select(0, cx),
            Command::Last if self.search.is_scanning() => {
                // The oldest match is not known yet: look as far as a key may, then follow
                // the last row found until the looking is done.
                self.select(usize::MAX, cx);
                self.follow_last = self.search.is_scanning();
            }
            Command::Last => self.select(len.saturating_sub(1), cx),
            Command::Search => self.open_search(),
            Command::Filter => self.pages.push(Page::Filters { cursor: 0 }),
            Command::Calendar => {
                let cursor = self.selected_date(cx.journal).unwrap_or(cx.evening);
                self.pages.push(Page::Calendar { cursor });
            }
            Command::Trend => self.pages.push(Page::Trend { span: 0 }),
            Command::Recap => self.pages.push(Page::Recap {
                week: stats::week_start(cx.evening),
                scroll: Scroll::default(),
                helped: stats::what_helped(&cx.journal.entries),
            }),
            Command::Export => self.pages.push(Page::Export),
            Command::Undo => self.undo(cx),
            _ => {
                let Some(date) = self.selected_date(cx.journal) else {
                    return;
                };
                match command {
                    Command::Open => {
                        self.typing = false;
                        self.pages.push(Page::Entry {
                            date,
                            scroll: Scroll::default(),
                            from: Origin::List,
                        });
                    }
                    Command::Star => self.toggle_star(date, cx),
                    Command::Edit => self.edit(date, cx),
                    Command::Delete => self.pages.push(Page::ConfirmDelete { date }),
                    _ => {}
                }
            }
        }
    }

    fn on_entry(
        &mut self,
        command: Command,
        date: NaiveDate,
        scroll: Scroll,
        from: Origin,
        cx: &mut Cx,
    ) {
        let step = |this: &mut Review, later: bool| -> Option<NaiveDate> {
            match from {
                Origin::List => {
                    let row = this.row_of(cx.journal, date)?;
                    let next = if later { row.checked_sub(1)? } else { row + 1 };
                    // An older row may be one search has still to find: selecting looks.
                    this.select(next, &cx.ctx);
                    let d = this.row_date(cx.journal, next)?;
                    Some(d)
                }
                Origin::Calendar => {
                    let entries = &cx.journal.entries;
                    let i = entries.partition_point(|e| e.date < date);
                    if later {
                        let j = if entries.get(i).is_some_and(|e| e.date == date) {
                            i + 1
                        } else {
                            i
                        };
                        entries.get(j).map(|e| e.date)
                    } else {
                        i.checked_sub(1).map(|j| entries[j].date)
                    }
                }
            }
        };
        match command {
            Command::Back => self.pop(),
            Command::Up | Command::Down | Command::PageUp | Command::PageDown => {
                let mut scroll = scroll;
                if let Some(m) = super::scroll_move(command) {
                    scroll.apply(m);
                }
                *self.top() = Page::Entry { date, scroll, from }
            }
            Command::Left | Command::Right => match step(self, command == Command::Right) {
                Some(d) => {
                    *self.top() = Page::Entry {
                        date: d,
                        scroll: Scroll::default(),
                        from,
                    }
                }
                None => {
                    self.message = Some(if command == Command::Right {
                        "This is the latest evening here.".into()
                    } else if from == Origin::List && self.search.is_scanning() {
                        "Still looking further back; more may come in a moment.".into()
                    } else {
                        "This is the earliest evening here.".into()
                    });
                }
            },
            Command::Star => self.toggle_star(date, cx),
            Command::Edit => self.edit(date, cx),
            Command::Delete => self.pages.push(Page::ConfirmDelete { date }),
            _ => {}
        }
    }

    fn on_calendar(&mut self, command: Command, cursor: NaiveDate, cx: &mut Cx) {
        let days = |n: i64| cursor + chrono::Duration::days(n);
        let months = |n: i32| {
            if n >= 0 {
                cursor.checked_add_months(Months::new(n as u32))
            } else {
                cursor.checked_sub_months(Months::new(n.unsigned_abs()))
            }
            .unwrap_or(cursor)
        };
        let next = match command {
            Command::Back => return self.pop(),
            Command::Left => days(-1),
            Command::Right => days(1),
            Command::Up => days(-7),
            Command::Down => days(7),
            Command::PageUp => months(-1),
            Command::PageDown => months(1),
            Command::Prev => months(-12),
            Command::Next => months(12),
            Command::First => cx.evening,
            Command::Open => {
                if cx.journal.entry(cursor).is_some() {
                    self.pages.push(Page::Entry {
                        date: cursor,
                        scroll: Scroll::default(),
                        from: Origin::Calendar,
                    });
                    return;
                }
                // A missed evening: fill it in.
                return self.edit(cursor, cx);
            }
            _ => cursor,
        };
        *self.top() = Page::Calendar { cursor: next };
    }

    fn on_filters(&mut self, command: Command, cursor: usize, cx: &mut Cx) {
        let mut f = self.search.filters.clone();
        let this_month = first_of_month(cx.evening);
        let step_month = |d: Option<NaiveDate>, months: i32, end: bool| -> Option<NaiveDate> {
            let start = d.map(first_of_month);
            let moved = match (start, months) {
                (None, m) if m < 0 => Some(this_month),
                (None, _) => None,
                (Some(s), m) if m < 0 => s.checked_sub_months(Months::new(m.unsigned_abs())),
                (Some(s), m) => s
                    .checked_add_months(Months::new(m as u32))
                    .filter(|&n| n <= this_month),
            };
            if end { moved.map(last_of_month) } else { moved }
        };
        let change = |f: &mut Filters, by: i32| match cursor {
            0 => f.starred = !f.starred,
            1 => {
                f.appreciation = match (f.appreciation, by > 0) {
                    (None, true) => Some(true),
                    (Some(true), true) => Some(false),
                    (Some(false), true) => None,
                    (None, false) => Some(false),
                    (Some(false), false) => Some(true),
                    (Some(true), false) => None,
                }
            }
            2 => {
                let ids: Vec<&str> = cx.content.sections.iter().map(|s| s.id.as_str()).collect();
                let pos = f
                    .section
                    .as_deref()
                    .and_then(|s| ids.iter().position(|i| *i == s));
                let n = ids.len() as i32 + 1;
                let cur = pos.map_or(0, |p| p as i32 + 1);
                let next = (cur + by.signum()).rem_euclid(n);
                f.section = (next > 0).then(|| ids[(next - 1) as usize].to_string());
            }
            3 => {
                f.from = step_month(f.from, by, false);
                if let (Some(a), Some(b)) = (f.from, f.to)
                    && a > b
                {
                    f.to = Some(last_of_month(a));
                }
            }
            _ => {
                f.to = step_month(f.to, by, true);
                if let (Some(a), Some(b)) = (f.from, f.to)
                    && a > b
                {
                    f.from = Some(first_of_month(b));
                }
            }
        };
        match command {
            Command::Back => return self.pop(),
            Command::Up => {
                *self.top() = Page::Filters {
                    cursor: cursor.saturating_sub(1),
                }
            }
            Command::Down => {
                *self.top() = Page::Filters {
                    cursor: (cursor + 1).min(FILTER_ROWS - 1),
                }
            }
            Command::Left => change(&mut f, -1),
            Command::Right => change(&mut f, 1),
            Command::PageUp if cursor >= 3 => change(&mut f, -12),
            Command::PageDown if cursor >= 3 => change(&mut f, 12),
            Command::Discard => f = Filters::default(),
            _ => {}
        }
        self.set_filters(f, cx);
    }

    /// Typing in the search box.
    pub fn on_text(&mut self, key: KeyEvent, cx: &mut Cx) {
        if !self.typing {
            return;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        if std::mem::take(&mut self.replace_on_type)
            && matches!(key.code, KeyCode::Char(_))
            && !ctrl
            && !alt
        {
            self.editor = line_editor("");
        }
        match key.code {
            // One line only.
            KeyCode::Enter => return,
            KeyCode::Char('m' | 'j') if ctrl => return,
            // Clear the line, as in a shell.
            KeyCode::Char('u') if ctrl => self.editor = line_editor(""),
            _ => {
                // Cursor moves change nothing to search for; the mirror follows them.
                self.editor.input(key);
            }
        }
        self.editor_changed(cx);
    }

    pub fn on_paste(&mut self, text: &str, cx: &mut Cx) {
        if self.typing {
            if std::mem::take(&mut self.replace_on_type) {
                self.editor = line_editor("");
            }
            let clean: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            self.editor.insert_str(clean);
            self.editor_changed(cx);
        }
    }

    /// The search box changed: mirror its line and cursor, and search.
    fn editor_changed(&mut self, cx: &mut Cx) {
        if self.editor.lines().len() > 1 {
            let joined = self.editor.lines().join(" ");
            self.editor = line_editor(&joined);
        }
        self.input = self.editor.lines().first().cloned().unwrap_or_default();
        if self.input.chars().count() > MAX_SEARCH_CHARS {
            let kept: String = self.input.chars().take(MAX_SEARCH_CHARS).collect();
            self.editor = line_editor(&kept);
            self.input = kept;
            self.message = Some(format!(
                "Search takes up to {MAX_SEARCH_CHARS} characters; the rest was left out."
            ));
        }
        self.cursor = self.editor.cursor().1;
        self.input_changed(cx);
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
                list::view_filters(self, *cursor, frame, app);
                Drawn::default()
            }
            Page::ConfirmDelete { date } => {
                entry::view_confirm_delete(self, *date, frame, app);
                Drawn::default()
            }
            Page::Export => {
                list::view_export(self, frame, app);
                Drawn::default()
            }
        }
    }
}

/// A one-line text box holding `text`, the cursor at its end.
fn line_editor(text: &str) -> TextArea<'static> {
    let mut ta = TextArea::new(vec![text.to_string()]);
    ta.move_cursor(CursorMove::End);
    ta
}

pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("every month has a first day")
}

pub fn last_of_month(d: NaiveDate) -> NaiveDate {
    first_of_month(d)
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

/// The start of an evening's writing, on one line: the reflection, else the appreciation,
/// else what was noticed, else the small act.
pub fn gist(entry: &Entry) -> Option<(&'static str, String)> {
    let (label, text) = if let Some(r) = entry
        .reflection
        .as_ref()
        .filter(|r| !r.answer.trim().is_empty())
    {
        ("", r.answer.as_str())
    } else if let Some(a) = &entry.appreciation {
        ("good thing: ", a.as_str())
    } else if let Some(f) = entry.followup.as_ref().filter(|f| !f.noticed.is_empty()) {
        ("noticed: ", f.noticed.as_str())
    } else if let Some(act) = &entry.small_act {
        ("planned: ", act.text.as_str())
    } else {
        return None;
    };
    Some((label, one_line(text)))
}

/// Text on one line: line breaks and tabs become spaces (same byte length, so ranges into
/// the text stay valid).
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// "On this day" for home: a month and a year ago, when those evenings were checked in.
pub fn on_this_day_lines(
    journal: &Journal,
    evening: NaiveDate,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    stats::on_this_day(journal, evening)
        .into_iter()
        .map(|(label, e)| {
            let mut spans = vec![
                Span::styled(
                    format!("{label} ({}): ", e.date.format("%a %-d %b")),
                    theme.dim(),
                ),
                Span::styled(
                    format!("{} {}", e.closeness, bar(e.closeness)),
                    level_style(theme, e.closeness),
                ),
            ];
            if let Some((_, text)) = gist(e) {
                // The quote takes the room left on the line, in columns.
                let used: usize = spans
                    .iter()
                    .map(|s| crate::ui::text::width(&s.content))
                    .sum();
                let room = width.saturating_sub(used + 4);
                if room >= 8 {
                    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    let short = crate::ui::text::truncate(&one_line, room);
                    spans.push(Span::raw(format!("  “{short}”")));
                }
            }
            Line::from(spans)
        })
        .collect()
}
