//! The exercise library: the contents (the seven sections in the article's order, then the
//! topics, then favourites and the person's own cards), a section's or a topic's page (its
//! introduction and its cards), filters, and a search that narrows the cards as you type.
//! Every list, search and count shows only the cards that fit the couple (`shown`).
//!
//! One `Browser` holds a small stack of pages, so the filters and the search stay the same
//! while the person moves between pages. A card opens on its own screen (`card.rs`).
//! Lists draw only the rows that fit; the first line shown comes back from each frame, so
//! that moving up and down feels steady.
//!
//! Files by page: `contents` (the first page), `page` (a section's, a topic's, the
//! favourites, the person's own), `results` (search), `filters` (the panel); `shown`
//! (which cards each page shows) and `list` (rows and lists, drawn).

mod contents;
mod filter_set;
mod filters;
mod list;
mod page;
mod results;
mod shown;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

use crate::content::{Card, Library};
use crate::find::cards::CardFinder;
use crate::find::{Query, SearchBox};
use crate::journal::Journal;
use crate::protocol::{Command, Context, Ctx, Cx, Destination, Drawn, Intent};
use crate::ui::chrome;
use contents::Row;
pub use filter_set::{FILTER_ROWS, Filters, TIME_LIMITS};
pub use list::{RowLook, card_row};

/// The line that says why the lists hold fewer cards when the person chose to be offered
/// only what they can do on their own (for any reason: the words name none).
pub const SOLO_ONLY_LINE: &str = "Cards you can do on your own.";

/// Whether a card may be shown and planned for this couple (`suggest::card_fits`).
pub fn allowed(card: &Card, journal: &Journal) -> bool {
    crate::suggest::card_fits(card, &journal.preferences)
}

/// A page of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The contents: the sections in the article's order, the topics, favourites (and the
    /// person's own cards).
    Sections,
    /// One section, by its place in `Library::sections`.
    Section(usize),
    /// One topic, by its place in `Library::decks`.
    Topic(usize),
    Favourites,
    /// The cards from the person's own content file.
    Own,
}

#[derive(Debug, Clone)]
struct View {
    page: Page,
    /// The row selected (on the contents, among the rows that can be chosen).
    selected: usize,
    /// The first line shown, as of the last frame.
    top: usize,
}

impl View {
    fn new(page: Page) -> View {
        View {
            page,
            selected: 0,
            top: 0,
        }
    }
}

/// A search, over whatever page it was opened on.
#[derive(Debug, Clone)]
struct Results {
    field: SearchBox,
    selected: usize,
    top: usize,
}

#[derive(Debug, Clone)]
pub struct Browser {
    /// Opened from the check-in to choose tomorrow's act: a card's page then chooses.
    pub pick: bool,
    views: Vec<View>,
    pub filters: Filters,
    /// The filter panel is open, with this row in focus.
    filter_row: Option<usize>,
    search: Option<Results>,
    finder: CardFinder,
}

impl Browser {
    pub fn new(content: &Library, pick: bool) -> Browser {
        Browser {
            pick,
            views: vec![View::new(Page::Sections)],
            filters: Filters::default(),
            filter_row: None,
            search: None,
            finder: CardFinder::new(content),
        }
    }

    /// The page on top (a search shows over it).
    pub fn page(&self) -> Page {
        self.top_view().page
    }

    fn top_view(&self) -> &View {
        self.views.last().expect("the contents stay at the bottom")
    }

    /// The search as typed, if a search is open.
    pub fn query(&self) -> Option<String> {
        self.search.as_ref().map(|s| s.field.text().to_string())
    }

    fn typing(&self) -> bool {
        self.search.as_ref().is_some_and(|s| s.field.typing)
    }

    pub fn context(&self) -> Context {
        if self.filter_row.is_some() {
            Context::Filters
        } else if self.typing() {
            Context::SearchBox
        } else {
            Context::Library
        }
    }

    /// The cards of a page, as shown: those that fit the couple (a card that needs one
    /// room in its long-distance version for a couple who live apart), filtered, in the
    /// page's order.
    pub fn cards_of(&self, page: Page, content: &Library, journal: &Journal) -> Vec<usize> {
        shown::cards(page, content, journal, Some(&self.filters))
    }

    /// The cards a search finds, best first: those whose title holds every word, then
    /// those whose text does; within each, in the library's order. Only cards that fit
    /// the couple and pass the filters.
    pub fn results(&self, query: &str, content: &Library, journal: &Journal) -> Vec<usize> {
        let mut every = shown::every(content, journal);
        every.retain(|&i| self.filters.allows(&content.cards[i]));
        self.finder.find(&Query::parse(query), &every)
    }

    /// How many rows the list in focus has.
    fn list_len(&self, content: &Library, journal: &Journal) -> usize {
        match self.card_list(content, journal) {
            Some(list) => list.len(),
            None => contents::rows(content, journal).len(),
        }
    }

    fn selected_mut(&mut self) -> &mut usize {
        match self.search.as_mut() {
            Some(s) => &mut s.selected,
            None => {
                &mut self
                    .views
                    .last_mut()
                    .expect("the contents stay at the bottom")
                    .selected
            }
        }
    }

    fn selected(&self) -> usize {
        match &self.search {
            Some(s) => s.selected,
            None => self.top_view().selected,
        }
    }

    /// The list in focus as card indexes, if it is a list of cards.
    fn card_list(&self, content: &Library, journal: &Journal) -> Option<Vec<usize>> {
        if let Some(q) = self.query() {
            return Some(self.results(&q, content, journal));
        }
        match self.page() {
            Page::Sections => None,
            page => Some(self.cards_of(page, content, journal)),
        }
    }

    fn clamp_selection(&mut self, content: &Library, journal: &Journal) {
        let len = self.list_len(content, journal);
        let sel = self.selected_mut();
        *sel = (*sel).min(len.saturating_sub(1));
    }

    fn move_by(&mut self, delta: isize, content: &Library, journal: &Journal) {
        let len = self.list_len(content, journal);
        if len == 0 {
            return;
        }
        let sel = self.selected_mut();
        *sel = (*sel as isize + delta).clamp(0, len as isize - 1) as usize;
    }

    fn push(&mut self, page: Page) {
        if self.page() != page {
            self.views.push(View::new(page));
        }
    }

    /// The card id `s` stars or unstars on the selected row: on the favourites page, the
    /// favourite the row shows (it may show that card's long-distance version).
    fn star_target(&self, card: usize, content: &Library, journal: &Journal) -> String {
        let id = &content.cards[card].id;
        if self.page() == Page::Favourites && self.search.is_none() && !journal.is_favourite(id) {
            let stands_for = (journal.preferences.favourites.iter().rev()).find(|f| {
                content
                    .cards
                    .iter()
                    .position(|c| &c.id == *f)
                    .is_some_and(|at| shown::fitting([at], content, journal).first() == Some(&card))
            });
            if let Some(f) = stands_for {
                return f.clone();
            }
        }
        id.clone()
    }

    /// Whether a command changes something in the library as it now stands: help and the
    /// footer list only those.
    pub fn handles(&self, command: Command, ctx: &Ctx) -> bool {
        if let Some(row) = self.filter_row {
            return self.filter_handles(command, row);
        }
        // The list's length only where it matters (a search is worked out for it).
        let len = || self.list_len(ctx.content, ctx.journal);
        let typing = self.typing();
        match command {
            Command::Up | Command::PageUp | Command::First => {
                self.selected().min(len().saturating_sub(1)) > 0
            }
            Command::Down | Command::PageDown | Command::Last => self.selected() + 1 < len(),
            Command::Open => len() > 0,
            Command::Back => true,
            Command::Type => typing && self.query().is_some_and(|q| !q.is_empty()),
            Command::Clear if typing => self.query().is_some_and(|q| !q.is_empty()),
            Command::Clear => self.search.is_some() || !self.filters.is_empty(),
            Command::Search => !typing,
            Command::Filter => true,
            Command::Favourites => self.page() != Page::Favourites || self.search.is_some(),
            Command::Star => self
                .card_list(ctx.content, ctx.journal)
                .is_some_and(|l| !l.is_empty()),
            _ => false,
        }
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        if let Some(row) = self.filter_row {
            self.on_filter_command(command, row);
            self.clamp_selection(cx.content, cx.journal);
            return;
        }
        let page = 10;
        match command {
            Command::Up => self.move_by(-1, cx.content, cx.journal),
            Command::Down => self.move_by(1, cx.content, cx.journal),
            Command::PageUp => self.move_by(-page, cx.content, cx.journal),
            Command::PageDown => self.move_by(page, cx.content, cx.journal),
            Command::First => *self.selected_mut() = 0,
            Command::Last => self.move_by(isize::MAX / 2, cx.content, cx.journal),
            Command::Open => self.open(cx),
            Command::Search => match self.search.as_mut() {
                Some(s) => s.field.open(),
                None => {
                    self.search = Some(Results {
                        field: SearchBox::typing(),
                        selected: 0,
                        top: 0,
                    });
                }
            },
            Command::Filter => self.filter_row = Some(0),
            Command::Favourites => {
                self.search = None;
                self.push(Page::Favourites);
            }
            Command::Star => {
                if let Some(list) = self.card_list(cx.content, cx.journal)
                    && let Some(&i) = list.get(self.selected())
                {
                    let id = self.star_target(i, cx.content, cx.journal);
                    // Unstarring in the favourites list takes the row away.
                    if self.page() == Page::Favourites
                        && self.search.is_none()
                        && cx.journal.is_favourite(&id)
                    {
                        let last = list.len().saturating_sub(2);
                        let sel = self.selected_mut();
                        *sel = (*sel).min(last);
                    }
                    cx.ask(Intent::ToggleFavourite(id));
                }
            }
            Command::Clear => match self.search.as_mut() {
                Some(s) if s.field.typing => {
                    s.field.clear();
                    s.selected = 0;
                }
                _ => {
                    self.search = None;
                    self.filters = Filters::default();
                }
            },
            Command::Back => {
                if self.search.is_some() {
                    self.search = None;
                } else if self.views.len() > 1 {
                    self.views.pop();
                } else {
                    cx.ask(Intent::Back);
                }
            }
            _ => {}
        }
    }

    fn open(&mut self, cx: &mut Cx) {
        let sel = self.selected();
        if let Some(list) = self.card_list(cx.content, cx.journal) {
            if list.is_empty() {
                return;
            }
            if let Some(s) = self.search.as_mut() {
                s.field.close();
            }
            let ids = list
                .iter()
                .map(|&i| cx.content.cards[i].id.clone())
                .collect();
            cx.ask(Intent::Open(Destination::Card {
                ids,
                at: sel.min(list.len() - 1),
                pick: self.pick,
            }));
            return;
        }
        match contents::rows(cx.content, cx.journal).get(sel) {
            Some(Row::Section(s)) => self.push(Page::Section(*s)),
            Some(Row::Topic(d)) => self.push(Page::Topic(*d)),
            Some(Row::Favourites) => self.push(Page::Favourites),
            Some(Row::Own) => self.push(Page::Own),
            None => {}
        }
    }

    pub fn on_text(&mut self, key: KeyEvent, _cx: &mut Cx) {
        if let Some(s) = self.search.as_mut().filter(|s| s.field.typing)
            && s.field.key(key).changed()
        {
            s.selected = 0;
            s.top = 0;
        }
    }

    pub fn on_paste(&mut self, text: &str, _cx: &mut Cx) {
        if let Some(s) = self.search.as_mut().filter(|s| s.field.typing)
            && s.field.paste(text).changed()
        {
            s.selected = 0;
            s.top = 0;
        }
    }

    pub fn on_scroll(&mut self, command: Command, cx: &mut Cx) {
        if self.filter_row.is_none() {
            match command {
                Command::Up => self.move_by(-1, cx.content, cx.journal),
                Command::Down => self.move_by(1, cx.content, cx.journal),
                _ => {}
            }
        }
    }

    /// The list the last frame drew: the first line it showed stays first, so the
    /// selection moves on the screen until it nears an edge.
    pub fn on_frame(&mut self, drawn: Drawn, ctx: &Ctx) {
        if self.filter_row.is_some() {
            return;
        }
        self.clamp_selection(ctx.content, ctx.journal);
        match self.search.as_mut() {
            Some(s) => s.top = usize::from(drawn.first),
            None => {
                if let Some(v) = self.views.last_mut() {
                    v.top = usize::from(drawn.first);
                }
            }
        }
    }

    fn title(&self, content: &Library) -> String {
        let base = if self.pick {
            "Choose tomorrow's act"
        } else {
            "Library"
        };
        if self.filter_row.is_some() {
            return format!("{base} · Filters");
        }
        if self.search.is_some() {
            return format!("{base} · Search");
        }
        match self.page() {
            Page::Sections => base.to_string(),
            Page::Section(s) => format!(
                "{base} · {}",
                content.sections.get(s).map_or("", |s| s.title.as_str())
            ),
            Page::Topic(d) => format!(
                "{base} · {}",
                content.decks.get(d).map_or("", |d| d.title.as_str())
            ),
            Page::Favourites => format!("{base} · Favourites"),
            Page::Own => format!("{base} · Your own cards"),
        }
    }

    pub fn view(&self, frame: &mut Frame, app: &Ctx) -> Drawn {
        let body = chrome::page(frame, app.chrome(), &self.title(app.content), app.evening);
        // Lists and prose keep a readable measure on a wide window.
        let body = chrome::reading(chrome::inset(body, 3));
        if let Some(row) = self.filter_row {
            self.view_filters(frame, body, app, row);
            Drawn::default()
        } else if let Some(search) = &self.search {
            self.view_results(frame, body, app, search)
        } else {
            match self.page() {
                Page::Sections => self.view_contents(frame, body, app),
                page => self.view_page(frame, body, app, page),
            }
        }
    }

    /// Lines that say what shapes every list: the pick mode, the filters, on my own.
    fn notes(&self, app: &Ctx) -> Vec<Line<'static>> {
        let theme = &app.theme;
        let mut lines = Vec::new();
        if self.pick {
            lines.push(Line::from(vec![
                Span::raw("Open a card, then press "),
                Span::styled("enter", theme.accent()),
                Span::raw(" to make it tomorrow's small act."),
            ]));
        }
        if !self.filters.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("Filters: ", theme.dim()),
                Span::styled(self.filters.describe(), theme.accent()),
                Span::styled("   f changes, x clears", theme.dim()),
            ]));
        }
        if app.journal.preferences.on_my_own {
            lines.push(Line::styled(SOLO_ONLY_LINE, theme.accent()));
        }
        lines
    }
}

/// The title of a card's topic, if it has one.
fn topic_of<'a>(card: &Card, content: &'a Library) -> Option<&'a str> {
    let id = card.deck.as_deref()?;
    content
        .decks
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.title.as_str())
}
