//! The exercise library: the sections in the article's order, a section's page (its
//! introduction, key ideas and cards), favourites, the person's own cards, filters, and a
//! search that narrows the cards as you type.
//!
//! One `Browser` holds a small stack of pages, so the filters and the search stay the same
//! while the person moves between sections. A card opens on its own screen (`card.rs`).
//! Lists draw only the rows that fit; the scroll position is remembered between frames so
//! that moving up and down feels steady.

use std::ops::Range;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::card::hanging;
use crate::content::{Card, Depth, Library, LoveLanguage, Mode};
use crate::find::fold;
use crate::journal::Journal;
use crate::protocol::{Command, Context, Ctx, Cx, Destination, Drawn, Intent};
use crate::ui::{Theme, chrome};

/// The line that says why partner-facing cards are not shown.
pub const SOLO_ONLY_LINE: &str = "Showing solo cards only, as you asked in Safety and support.";

/// Time limits the time filter offers, in minutes.
pub const TIME_LIMITS: [u32; 4] = [5, 10, 15, 30];

/// What the lists show: every filter is "any" until set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filters {
    pub mode: Option<Mode>,
    pub depth: Option<Depth>,
    /// At most this many minutes.
    pub max_minutes: Option<u32>,
    pub language: Option<LoveLanguage>,
}

/// The filter panel's rows, in order.
const FILTER_ROWS: [&str; 4] = [
    "Solo or together",
    "Depth",
    "Time, at most",
    "Love language",
];

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    pub fn allows(&self, card: &Card) -> bool {
        self.mode.is_none_or(|m| card.mode == m)
            && self.depth.is_none_or(|d| card.depth == d)
            && self.max_minutes.is_none_or(|m| card.minutes <= m)
            && self
                .language
                .is_none_or(|l| card.love_languages.contains(&l))
    }

    /// The filters that are set, in words ("together · light · up to 10 min").
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(m) = self.mode {
            parts.push(m.label().into());
        }
        if let Some(d) = self.depth {
            parts.push(d.label().into());
        }
        if let Some(m) = self.max_minutes {
            parts.push(format!("up to {m} min"));
        }
        if let Some(l) = self.language {
            parts.push(l.label().into());
        }
        parts.join(" · ")
    }

    /// A row's choices, "any" first.
    fn options(row: usize) -> Vec<String> {
        let mut options = vec!["any".to_string()];
        match row {
            0 => options.extend([Mode::Solo, Mode::Together].map(|m| m.label().to_string())),
            1 => options.extend(Depth::ALL.map(|d| d.label().to_string())),
            2 => options.extend(TIME_LIMITS.map(|m| format!("{m} min"))),
            _ => options.extend(LoveLanguage::ALL.map(|l| l.label().to_string())),
        }
        options
    }

    /// Which of a row's choices is set (0 is "any").
    fn chosen(&self, row: usize) -> usize {
        let pos = match row {
            0 => self
                .mode
                .and_then(|m| [Mode::Solo, Mode::Together].iter().position(|&x| x == m)),
            1 => self
                .depth
                .and_then(|d| Depth::ALL.iter().position(|&x| x == d)),
            2 => self
                .max_minutes
                .and_then(|m| TIME_LIMITS.iter().position(|&x| x == m)),
            _ => self
                .language
                .and_then(|l| LoveLanguage::ALL.iter().position(|&x| x == l)),
        };
        pos.map_or(0, |p| p + 1)
    }

    fn choose(&mut self, row: usize, option: usize) {
        let pick = |n: usize| option.checked_sub(1).filter(|&i| i < n);
        match row {
            0 => self.mode = pick(2).map(|i| [Mode::Solo, Mode::Together][i]),
            1 => self.depth = pick(3).map(|i| Depth::ALL[i]),
            2 => self.max_minutes = pick(TIME_LIMITS.len()).map(|i| TIME_LIMITS[i]),
            _ => self.language = pick(5).map(|i| LoveLanguage::ALL[i]),
        }
    }

    /// Move a row's choice by `delta`, wrapping round.
    fn step(&mut self, row: usize, delta: isize) {
        let n = Filters::options(row).len() as isize;
        let next = (self.chosen(row) as isize + delta).rem_euclid(n) as usize;
        self.choose(row, next);
    }
}

/// Whether a card may be shown: not a partner-facing one when the person asked for solo
/// cards only in the safety self-check.
pub fn allowed(card: &Card, journal: &Journal) -> bool {
    crate::suggest::card_fits(card, &journal.preferences)
}

/// A page of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The sections in the article's order, then favourites (and the person's own cards).
    Sections,
    /// One section, by its place in `Library::sections`.
    Section(usize),
    Favourites,
    /// The cards from the person's own content file.
    Own,
}

/// A row of the sections page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Section(usize),
    Favourites,
    Own,
}

#[derive(Debug, Clone)]
struct View {
    page: Page,
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

#[derive(Debug, Clone)]
struct Search {
    input: TextArea<'static>,
    /// Letters go into the box (otherwise the results are browsed with the list keys).
    typing: bool,
    selected: usize,
    top: usize,
}

/// One card's text in folded form, for search.
#[derive(Debug, Clone)]
struct Haystack {
    title: String,
    /// Why, evidence, steps, examples and the section's title, one per line.
    body: String,
}

#[derive(Debug, Clone)]
pub struct Browser {
    /// Opened from the check-in to choose tomorrow's act: a card's page then chooses.
    pub pick: bool,
    views: Vec<View>,
    pub filters: Filters,
    /// The filter panel is open, with this row in focus.
    filter_row: Option<usize>,
    search: Option<Search>,
    haystacks: Vec<Haystack>,
}

fn search_box() -> TextArea<'static> {
    let mut input = TextArea::default();
    input.set_placeholder_text("type a word: titles, steps and examples are searched");
    input.set_cursor_line_style(Style::default());
    input.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    input
}

impl Browser {
    pub fn new(content: &Library, pick: bool) -> Browser {
        let haystacks = content
            .cards
            .iter()
            .map(|c| {
                let section = content.section(&c.section).map_or("", |s| s.title.as_str());
                let evidence = c.evidence.as_ref().map(|e| e.text());
                let mut body = vec![c.why.as_str()];
                body.extend(evidence.as_deref());
                body.extend(c.steps.iter().map(String::as_str));
                body.extend(c.examples.iter().map(String::as_str));
                body.push(section);
                Haystack {
                    title: fold(&c.title),
                    body: fold(&body.join("\n")),
                }
            })
            .collect();
        Browser {
            pick,
            views: vec![View::new(Page::Sections)],
            filters: Filters::default(),
            filter_row: None,
            search: None,
            haystacks,
        }
    }

    /// The page on top (a search shows over it).
    pub fn page(&self) -> Page {
        self.top_view().page
    }

    fn top_view(&self) -> &View {
        self.views
            .last()
            .expect("the sections page stays at the bottom")
    }

    /// The search as typed, if a search is open.
    pub fn query(&self) -> Option<String> {
        self.search.as_ref().map(|s| s.input.lines().join(" "))
    }

    pub fn context(&self) -> Context {
        if self.filter_row.is_some() {
            Context::Filters
        } else if self.search.as_ref().is_some_and(|s| s.typing) {
            Context::SearchBox
        } else {
            Context::Library
        }
    }

    /// The cards of a page, as shown: allowed, filtered, in the page's order.
    pub fn cards_of(&self, page: Page, content: &Library, journal: &Journal) -> Vec<usize> {
        let shown = |i: &usize| {
            let card = &content.cards[*i];
            allowed(card, journal) && self.filters.allows(card)
        };
        match page {
            Page::Sections => Vec::new(),
            Page::Section(s) => {
                let id = content.sections.get(s).map_or("", |s| s.id.as_str());
                (0..content.cards.len())
                    .filter(|&i| content.cards[i].section == id)
                    .filter(shown)
                    .collect()
            }
            Page::Favourites => journal
                .preferences
                .favourites
                .iter()
                .rev()
                .filter_map(|id| content.cards.iter().position(|c| &c.id == id))
                .filter(shown)
                .collect(),
            Page::Own => (content.cards.len() - content.user_cards..content.cards.len())
                .filter(shown)
                .collect(),
        }
    }

    /// The cards a search finds, best first: those whose title holds every word, then
    /// those whose text does; within each, in the library's order.
    pub fn results(&self, query: &str, content: &Library, journal: &Journal) -> Vec<usize> {
        let words: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
        let mut in_title = Vec::new();
        let mut in_text = Vec::new();
        for (i, hay) in self.haystacks.iter().enumerate() {
            let card = &content.cards[i];
            if !allowed(card, journal) || !self.filters.allows(card) {
                continue;
            }
            if words.iter().all(|w| hay.title.contains(w.as_str())) {
                in_title.push(i);
            } else if words
                .iter()
                .all(|w| hay.title.contains(w.as_str()) || hay.body.contains(w.as_str()))
            {
                in_text.push(i);
            }
        }
        in_title.extend(in_text);
        in_title
    }

    fn rows(&self, content: &Library) -> Vec<Row> {
        let mut rows: Vec<Row> = (0..content.sections.len()).map(Row::Section).collect();
        rows.push(Row::Favourites);
        if content.user_cards > 0 {
            rows.push(Row::Own);
        }
        rows
    }

    /// How many rows the list in focus has.
    fn list_len(&self, content: &Library, journal: &Journal) -> usize {
        if let Some(q) = self.query() {
            return self.results(&q, content, journal).len();
        }
        match self.page() {
            Page::Sections => self.rows(content).len(),
            page => self.cards_of(page, content, journal).len(),
        }
    }

    fn selected_mut(&mut self) -> &mut usize {
        match self.search.as_mut() {
            Some(s) => &mut s.selected,
            None => {
                &mut self
                    .views
                    .last_mut()
                    .expect("the sections page stays at the bottom")
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

    /// Whether a command does something in the library as it now stands.
    pub fn handles(&self, command: Command, ctx: &Ctx) -> bool {
        if let Some(row) = self.filter_row {
            return match command {
                Command::Up => row > 0,
                Command::Down => row + 1 < FILTER_ROWS.len(),
                Command::Clear => !self.filters.is_empty(),
                Command::Left | Command::Right | Command::Open | Command::Back => true,
                _ => false,
            };
        }
        let len = self.list_len(ctx.content, ctx.journal);
        let sel = self.selected().min(len.saturating_sub(1));
        let typing = self.search.as_ref().is_some_and(|s| s.typing);
        match command {
            Command::Up | Command::PageUp | Command::First => sel > 0,
            Command::Down | Command::PageDown | Command::Last => sel + 1 < len,
            Command::Open => len > 0,
            Command::Back => true,
            Command::Type => typing,
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
            match command {
                Command::Up => self.filter_row = Some(row.saturating_sub(1)),
                Command::Down => self.filter_row = Some((row + 1).min(FILTER_ROWS.len() - 1)),
                Command::Left => self.filters.step(row, -1),
                Command::Right => self.filters.step(row, 1),
                Command::Clear => self.filters = Filters::default(),
                Command::Open | Command::Back | Command::Filter => self.filter_row = None,
                _ => {}
            }
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
                Some(s) => s.typing = true,
                None => {
                    self.search = Some(Search {
                        input: search_box(),
                        typing: true,
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
                    let id = cx.content.cards[i].id.clone();
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
                Some(s) if s.typing => {
                    s.input = search_box();
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
                s.typing = false;
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
        match self.rows(cx.content).get(sel) {
            Some(Row::Section(s)) => self.push(Page::Section(*s)),
            Some(Row::Favourites) => self.push(Page::Favourites),
            Some(Row::Own) => self.push(Page::Own),
            None => {}
        }
    }

    pub fn on_text(&mut self, key: KeyEvent, _cx: &mut Cx) {
        if let Some(s) = self.search.as_mut().filter(|s| s.typing) {
            if matches!(key.code, KeyCode::Tab | KeyCode::BackTab | KeyCode::Enter) {
                return;
            }
            if s.input.input(key) {
                s.selected = 0;
                s.top = 0;
            }
            if s.input.lines().len() > 1 {
                let one = s.input.lines().join(" ");
                s.input = search_box();
                s.input.insert_str(one);
            }
        }
    }

    pub fn on_paste(&mut self, text: &str, _cx: &mut Cx) {
        if let Some(s) = self.search.as_mut().filter(|s| s.typing) {
            let one: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            s.input.insert_str(one);
            s.selected = 0;
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
            Page::Favourites => format!("{base} · Favourites"),
            Page::Own => format!("{base} · Your own cards"),
        }
    }

    pub fn view(&self, frame: &mut Frame, app: &Ctx) -> Drawn {
        let body = chrome::page(frame, app.chrome(), &self.title(app.content), app.evening);
        let body = chrome::inset(body, 3);
        if let Some(row) = self.filter_row {
            self.view_filters(frame, body, app, row);
            Drawn::default()
        } else if let Some(search) = &self.search {
            self.view_search(frame, body, app, search)
        } else {
            match self.page() {
                Page::Sections => self.view_sections(frame, body, app),
                page => self.view_cards(frame, body, app, page),
            }
        }
    }

    /// Lines that say what shapes every list: the pick mode, the filters, solo only.
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

    fn view_sections(&self, frame: &mut Frame, area: Rect, app: &Ctx) -> Drawn {
        let theme = &app.theme;
        let content = app.content;
        let journal = app.journal;
        let mut header = vec![Line::raw("")];
        let total = content.cards.iter().filter(|c| allowed(c, journal)).count();
        let mut summary = format!(
            "{total} cards in {} sections, from light to deep",
            content.sections.len()
        );
        if content.user_cards > 0 {
            let own = if content.user_cards == 1 {
                "1 of them your own".to_string()
            } else {
                format!("{} of them your own", content.user_cards)
            };
            summary = format!("{summary}; {own}");
        }
        header.push(Line::styled(format!("{summary}."), theme.dim()));
        header.extend(self.notes(app));
        header.push(Line::raw(""));

        let rows = self.rows(content);
        let filtered = !self.filters.is_empty();
        let count = |page: Page| -> String {
            let shown = self.cards_of(page, content, journal).len();
            let all = match page {
                Page::Section(s) => content
                    .cards
                    .iter()
                    .filter(|c| c.section == content.sections[s].id && allowed(c, journal))
                    .count(),
                Page::Favourites => journal
                    .preferences
                    .favourites
                    .iter()
                    .filter_map(|id| content.card(id))
                    .filter(|c| allowed(c, journal))
                    .count(),
                _ => content.cards[content.cards.len() - content.user_cards..]
                    .iter()
                    .filter(|c| allowed(c, journal))
                    .count(),
            };
            let word = if all == 1 { "card" } else { "cards" };
            if filtered {
                format!("{shown} of {all}")
            } else {
                format!("{all} {word}")
            }
        };
        let mut trailer = vec![Line::raw("")];
        if !content.user_errors.is_empty() {
            let n = content.user_errors.len();
            let problems = if n == 1 {
                "a problem".to_string()
            } else {
                format!("{n} problems")
            };
            trailer.push(Line::styled(
                format!("Your own content file has {problems}, so it was not loaded:"),
                theme.warn(),
            ));
            let width = area.width as usize;
            for e in content.user_errors.iter().take(3) {
                trailer.extend(hanging(
                    Span::raw("· "),
                    &e.to_string(),
                    width,
                    theme.text(),
                ));
            }
        } else if content.user_cards == 0
            && let Some(path) = &content.user_path
        {
            trailer.push(Line::styled(
                format!("Your own cards and prompts can go in {path}."),
                theme.dim(),
            ));
        }
        let view = self.top_view();
        let row_line = |i: usize, selected: bool, width: u16| -> Vec<Line<'static>> {
            let (label, page) = match rows[i] {
                Row::Section(s) => (content.sections[s].title.clone(), Page::Section(s)),
                Row::Favourites => ("★ Favourites".to_string(), Page::Favourites),
                Row::Own => ("Your own cards".to_string(), Page::Own),
            };
            vec![menu_row(&label, &count(page), selected, width, theme)]
        };
        draw_list(
            frame,
            area,
            ListSpec {
                header,
                trailer,
                rows: rows.len(),
                row_height: 1,
                selected: view.selected,
                top: view.top,
                _life: std::marker::PhantomData,
            },
            row_line,
        )
    }

    fn view_cards(&self, frame: &mut Frame, area: Rect, app: &Ctx, page: Page) -> Drawn {
        let theme = &app.theme;
        let content = app.content;
        let journal = app.journal;
        let cards = self.cards_of(page, content, journal);
        let mut header = vec![Line::raw("")];
        match page {
            Page::Section(s) => {
                let section = &content.sections[s];
                header.push(Line::raw(section.intro.clone()));
                header.push(Line::raw(""));
                header.push(Line::styled("Key ideas", theme.title()));
                for idea in &section.key_ideas {
                    header.push(Line::raw(format!("· {idea}")));
                }
                header.push(Line::raw(""));
            }
            Page::Favourites => {
                header.push(Line::styled(
                    "Cards you starred, the latest first. s on a card stars or unstars it.",
                    theme.dim(),
                ));
                header.push(Line::raw(""));
            }
            Page::Own => {
                if let Some(path) = &content.user_path {
                    header.push(Line::styled(format!("From {path}."), theme.dim()));
                    header.push(Line::raw(""));
                }
            }
            Page::Sections => {}
        }
        header.extend(self.notes(app));
        let word = if cards.len() == 1 { "card" } else { "cards" };
        header.push(Line::styled(
            format!("Try this · {} {word}", cards.len()),
            theme.title(),
        ));
        let trailer = if cards.is_empty() {
            vec![Line::styled(
                empty_message(page, &self.filters),
                theme.dim(),
            )]
        } else {
            Vec::new()
        };
        let view = self.top_view();
        draw_list(
            frame,
            area,
            ListSpec {
                header,
                trailer,
                rows: cards.len(),
                row_height: 1,
                selected: view.selected,
                top: view.top,
                _life: std::marker::PhantomData,
            },
            |i, selected, width| {
                let card = &content.cards[cards[i]];
                vec![card_row(card, journal, selected, width, &[], theme)]
            },
        )
    }

    fn view_search(&self, frame: &mut Frame, area: Rect, app: &Ctx, search: &Search) -> Drawn {
        let theme = &app.theme;
        let content = app.content;
        let journal = app.journal;
        let query = self.query().unwrap_or_default();
        let results = self.results(&query, content, journal);
        let notes = self.notes(app);
        let [_, input_area, notes_area, count_area, list_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(notes.len() as u16),
            Constraint::Length(2),
            Constraint::Min(1),
        ])
        .areas(area);
        let [label, field] =
            Layout::horizontal([Constraint::Length(8), Constraint::Min(1)]).areas(input_area);
        frame.render_widget(
            Paragraph::new(Span::styled("Search ", theme.accent())),
            label,
        );
        if search.typing {
            let mut input = search.input.clone();
            input.set_placeholder_style(theme.dim());
            frame.render_widget(&input, field);
        } else {
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::raw(query.clone()),
                    Span::styled("   / changes the search, esc clears it", theme.dim()),
                ])),
                field,
            );
        }
        frame.render_widget(Paragraph::new(notes), notes_area);
        let words: Vec<String> = fold(&query)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let count = if words.is_empty() {
            format!("All {} cards. Type to narrow them.", results.len())
        } else if results.is_empty() {
            if self.filters.is_empty() {
                "No card matches. Try fewer letters or another word.".to_string()
            } else {
                "No card matches with these filters. x clears them.".to_string()
            }
        } else if results.len() == 1 {
            "1 card".to_string()
        } else {
            format!("{} cards", results.len())
        };
        frame.render_widget(Paragraph::new(Line::styled(count, theme.dim())), count_area);
        draw_list(
            frame,
            list_area,
            ListSpec {
                header: Vec::new(),
                trailer: Vec::new(),
                rows: results.len(),
                row_height: 2,
                selected: search.selected,
                top: search.top,
                _life: std::marker::PhantomData,
            },
            |i, selected, width| {
                let card = &content.cards[results[i]];
                let (title_hits, context) = describe_match(card, content, &words, width);
                vec![
                    card_row(card, journal, selected, width, &title_hits, theme),
                    context_line(&context, theme),
                ]
            },
        )
    }

    fn view_filters(&self, frame: &mut Frame, area: Rect, app: &Ctx, focus: usize) {
        let theme = &app.theme;
        let mut lines = vec![
            Line::raw(""),
            Line::styled("Show cards that fit:", theme.title()),
            Line::raw(""),
        ];
        for (row, name) in FILTER_ROWS.iter().enumerate() {
            let marker = if row == focus { " ▸ " } else { "   " };
            let mut spans = vec![
                Span::styled(marker, theme.accent()),
                Span::styled(
                    format!("{name:<18}"),
                    if row == focus {
                        theme.title()
                    } else {
                        theme.text()
                    },
                ),
            ];
            let chosen = self.filters.chosen(row);
            for (i, option) in Filters::options(row).into_iter().enumerate() {
                if i == chosen {
                    spans.push(Span::styled(format!("[{option}]"), theme.selected()));
                } else {
                    spans.push(Span::raw(format!(" {option} ")));
                }
                spans.push(Span::raw(" "));
            }
            lines.push(Line::from(spans));
            lines.push(Line::raw(""));
        }
        let content = app.content;
        let journal = app.journal;
        let total = content.cards.iter().filter(|c| allowed(c, journal)).count();
        let shown = content
            .cards
            .iter()
            .filter(|c| allowed(c, journal) && self.filters.allows(c))
            .count();
        lines.push(Line::styled(
            format!("{shown} of {total} cards fit."),
            theme.accent(),
        ));
        if journal.preferences.on_my_own {
            lines.push(Line::styled(SOLO_ONLY_LINE, theme.dim()));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "The filters stay while you browse, until you clear them.",
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
}

fn empty_message(page: Page, filters: &Filters) -> String {
    if !filters.is_empty() {
        return "No card here fits these filters. f changes them, x clears them.".into();
    }
    match page {
        Page::Favourites => "No favourites yet. Press s on a card to star it.".into(),
        Page::Own => "Your own file has no cards yet.".into(),
        _ => "No cards to show here.".into(),
    }
}

/// Which parts of the title match, and a line of context: the section, or the place in the
/// card's text where a word was found that the title does not hold.
fn describe_match(
    card: &Card,
    content: &Library,
    words: &[String],
    width: u16,
) -> (Vec<Range<usize>>, String) {
    let query = crate::find::Query {
        terms: words.to_vec(),
    };
    let (hits, context, _) =
        crate::find::cards::describe(card, content, &query, width.saturating_sub(8) as usize);
    (hits, context)
}

/// Cut `text` to `width` columns, ending with "…" if anything was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut cols = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if cols + w + 1 > width {
            break;
        }
        cols += w;
        out.push(ch);
    }
    out.push('…');
    out
}

fn context_line(context: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::raw("     "),
        Span::styled(context.to_string(), theme.dim()),
    ])
}

/// A row of the sections page: a marker, a label, and a count at the right.
fn menu_row(label: &str, count: &str, selected: bool, width: u16, theme: &Theme) -> Line<'static> {
    let width = width as usize;
    let room = width.saturating_sub(3 + count.width() + 2);
    let label = truncate(label, room);
    let gap = width.saturating_sub(3 + label.width() + count.width());
    let (marker, style) = if selected {
        (" ▸ ", theme.selected())
    } else {
        ("   ", theme.text())
    };
    Line::from(vec![
        Span::styled(marker, theme.accent()),
        Span::styled(label, style),
        Span::raw(" ".repeat(gap)),
        Span::styled(count.to_string(), theme.dim()),
    ])
}

/// A card in a list: marker, star, title (with search hits marked), and its minutes, mode
/// and depth at the right.
pub fn card_row(
    card: &Card,
    journal: &Journal,
    selected: bool,
    width: u16,
    hits: &[Range<usize>],
    theme: &Theme,
) -> Line<'static> {
    let width = width as usize;
    // Minutes, mode and depth in aligned columns; fewer of them in a narrow window, so the
    // title keeps room to be read.
    let full = format!(
        "{:>2} min · {:<8} · {:<6}",
        card.minutes,
        card.mode.label(),
        card.depth.label()
    );
    let short = format!("{:>2} min", card.minutes);
    let meta = [full, short, String::new()]
        .into_iter()
        .find(|m| width.saturating_sub(5 + m.width() + 2) >= 24)
        .unwrap_or_default();
    let star = if journal.is_favourite(&card.id) {
        "★ "
    } else {
        "  "
    };
    let room = width.saturating_sub(5 + meta.width() + 2);
    let title = truncate(&card.title, room);
    let gap = width.saturating_sub(5 + title.width() + meta.width());
    let (marker, base) = if selected {
        (" ▸ ", theme.selected())
    } else {
        ("   ", theme.text())
    };
    let mut spans = vec![
        Span::styled(marker, theme.accent()),
        Span::styled(star, theme.accent()),
    ];
    spans.extend(marked(&title, hits, base, base.patch(theme.highlight())));
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(meta, theme.dim()));
    Line::from(spans)
}

/// `text` as spans, the parts in `hits` (byte ranges, possibly overlapping) styled `hit`.
fn marked(text: &str, hits: &[Range<usize>], base: Style, hit: Style) -> Vec<Span<'static>> {
    let mut flags = vec![false; text.len()];
    for r in hits {
        for f in flags.iter_mut().take(r.end.min(text.len())).skip(r.start) {
            *f = true;
        }
    }
    let mut spans = Vec::new();
    let mut current = String::new();
    let mut current_hit = false;
    for (i, ch) in text.char_indices() {
        let h = flags[i];
        if h != current_hit && !current.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut current),
                if current_hit { hit } else { base },
            ));
        }
        current_hit = h;
        current.push(ch);
    }
    if !current.is_empty() {
        spans.push(Span::styled(current, if current_hit { hit } else { base }));
    }
    spans
}

/// What a list page draws: wrapped header lines that scroll away as the selection moves
/// down, rows of a fixed height, and trailing lines after the rows.
struct ListSpec<'a> {
    header: Vec<Line<'static>>,
    trailer: Vec<Line<'static>>,
    rows: usize,
    row_height: usize,
    selected: usize,
    top: usize,
    _life: std::marker::PhantomData<&'a ()>,
}

/// Draw a list page, building only the rows that fit. The first line shown is kept from
/// the last frame where it can be, so the selection moves on the screen until it nears an
/// edge, and only then does the page scroll.
fn draw_list(
    frame: &mut Frame,
    area: Rect,
    spec: ListSpec,
    row: impl Fn(usize, bool, u16) -> Vec<Line<'static>>,
) -> Drawn {
    let height = area.height as usize;
    if height == 0 {
        return Drawn::default();
    }
    let header = Paragraph::new(spec.header).wrap(Wrap { trim: false });
    let header_h = header.line_count(area.width);
    let trailer = Paragraph::new(spec.trailer).wrap(Wrap { trim: false });
    let trailer_h = trailer.line_count(area.width);
    let rows_h = spec.rows * spec.row_height;
    let total = header_h + rows_h + trailer_h;

    let mut top = spec.top;
    if spec.rows > 0 {
        let selected = spec.selected.min(spec.rows - 1);
        let first = header_h + selected * spec.row_height;
        let last = first + spec.row_height;
        let margin = if height >= spec.row_height * 5 {
            spec.row_height
        } else {
            0
        };
        if first < top + margin {
            top = first.saturating_sub(margin);
        }
        if last + margin > top + height {
            top = last + margin - height;
        }
        if selected == 0 {
            top = 0;
        }
    }
    top = top.min(total.saturating_sub(height));

    let mut y = area.y;
    let bottom = area.y + area.height;
    if top < header_h {
        let h = (header_h - top).min(height) as u16;
        frame.render_widget(
            header.scroll((top as u16, 0)),
            Rect {
                height: h,
                y,
                ..area
            },
        );
        y += h;
    }
    // The rows in view.
    let mut lines = Vec::new();
    let mut line_no = top.max(header_h) - header_h;
    let room = (bottom - y) as usize;
    while lines.len() < room && line_no < rows_h {
        let i = line_no / spec.row_height;
        let skip = line_no % spec.row_height;
        let row_lines = row(i, i == spec.selected, area.width);
        let take = room - lines.len();
        lines.extend(row_lines.into_iter().skip(skip).take(take));
        line_no = (i + 1) * spec.row_height;
    }
    let h = lines.len() as u16;
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: h,
            y,
            ..area
        },
    );
    y += h;
    if y < bottom && trailer_h > 0 {
        let into = top.saturating_sub(header_h + rows_h) as u16;
        frame.render_widget(
            trailer.scroll((into, 0)),
            Rect {
                height: bottom - y,
                y,
                ..area
            },
        );
    }
    Drawn {
        height: area.height,
        lines: u16::try_from(total).unwrap_or(u16::MAX),
        first: u16::try_from(top).unwrap_or(u16::MAX),
    }
}
