//! The one key table. Key handling and the help screen both read it, so help can't lie.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What a key asks for. Screens interpret commands in their own context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Back,
    Help,
    Safety,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    First,
    Last,
    Open,
    Next,
    Prev,
    Skip,
    Another,
    Breathe,
    OwnWords,
    Library,
    Discard,
    Star,
    Plan,
    Search,
    Filter,
    Favourites,
    Edit,
    Delete,
    Undo,
    Export,
    Calendar,
    Trend,
    Recap,
    /// Open the journal: looking back at past evenings.
    LookBack,
    Choose(u8),
    NewLine,
    /// Clear a search or the filters.
    Clear,
}

/// Where the person is, for the purpose of what keys mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Keys that work on every screen (those that are plain letters not in text boxes).
    Global,
    Home,
    /// A check-in step that is a choice (arrive, closeness, stress, yesterday's act).
    CheckinChoice,
    /// A check-in step with a text box.
    CheckinText,
    /// The small-act step, choosing a card.
    CheckinAct,
    /// The summary at the end of a check-in.
    CheckinDone,
    /// The breathing pause.
    Pause,
    /// Reading a long page (safety, a card).
    Reader,
    /// The exercise library: sections, a section's cards, favourites, search results.
    Library,
    /// A card's page.
    Card,
    /// A card's page when the check-in asked the library for tomorrow's act.
    CardPick,
    /// The library's filter panel.
    Filters,
    /// A search or filter box that takes typed text.
    SearchBox,
    Journal,
    JournalEntry,
    Calendar,
    Trend,
    Confirm,
    /// The journal's search box (takes typed text).
    JournalSearch,
    /// The journal's filter page.
    JournalFilter,
    /// The weekly recap.
    Recap,
    Help,
}

impl Context {
    /// Contexts where plain letters are typed text, not commands.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::CheckinText | Context::SearchBox | Context::JournalSearch
        )
    }
}

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn c(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::CONTROL,
    }
}

impl Key {
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        if self.code != ev.code {
            return false;
        }
        // Shift is part of the character for letters and symbols.
        let mods = ev.modifiers - KeyModifiers::SHIFT;
        let want = self.mods - KeyModifiers::SHIFT;
        mods == want
    }

    /// A key that types a character in a text box.
    pub fn is_printable(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && (self.mods - KeyModifiers::SHIFT).is_empty()
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Enter => "enter".to_string(),
            KeyCode::Esc => "esc".to_string(),
            KeyCode::Tab => "tab".to_string(),
            KeyCode::BackTab => "shift+tab".to_string(),
            KeyCode::PageUp => "pgup".to_string(),
            KeyCode::PageDown => "pgdn".to_string(),
            KeyCode::Home => "home".to_string(),
            KeyCode::End => "end".to_string(),
            KeyCode::Delete => "del".to_string(),
            KeyCode::Backspace => "backspace".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(ch) => ch.to_string(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("ctrl+{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("alt+{base}")
        } else {
            base
        }
    }
}

/// One row of the table: in `context`, `keys` do `command`; `help` says what, and a
/// non-empty `footer` is the short word that puts it in the footer line.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub command: Command,
    pub help: &'static str,
    pub footer: &'static str,
}

const fn b(
    context: Context,
    keys: &'static [Key],
    command: Command,
    help: &'static str,
    footer: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        command,
        help,
        footer,
    }
}

use Command as C;
use Context as X;
use KeyCode as K;

const UP: &[Key] = &[k(K::Up), c('k')];
const DOWN: &[Key] = &[k(K::Down), c('j')];
const LEFT: &[Key] = &[k(K::Left), c('h')];
const RIGHT: &[Key] = &[k(K::Right), c('l')];
const ENTER: &[Key] = &[k(K::Enter)];
const PGUP: &[Key] = &[k(K::PageUp), ctrl('b')];
const PGDN: &[Key] = &[k(K::PageDown), ctrl('f'), c(' ')];
const TOP: &[Key] = &[k(K::Home), c('g')];
const BOTTOM: &[Key] = &[k(K::End), c('G')];
const DIGITS: [&[Key]; 7] = [
    &[c('1')],
    &[c('2')],
    &[c('3')],
    &[c('4')],
    &[c('5')],
    &[c('6')],
    &[c('7')],
];

/// The table. Order matters twice: the first match wins, and help lists rows in this order.
pub static BINDINGS: &[Binding] = &[
    // Everywhere. Letters among these do not apply inside text boxes.
    b(
        X::Global,
        &[k(K::F(1)), c('?')],
        C::Help,
        "show the keys of this screen",
        "keys",
    ),
    b(
        X::Global,
        &[k(K::F(2)), c('!')],
        C::Safety,
        "Safety and support",
        "",
    ),
    b(X::Global, &[k(K::Esc)], C::Back, "go back", "back"),
    b(
        X::Global,
        &[c('q')],
        C::Quit,
        "quit (an unfinished check-in is kept as a draft)",
        "quit",
    ),
    b(
        X::Global,
        &[ctrl('c')],
        C::Quit,
        "quit from anywhere, text boxes too",
        "",
    ),
    // Home.
    b(X::Home, UP, C::Up, "move up", "move"),
    b(X::Home, DOWN, C::Down, "move down", "move"),
    b(X::Home, ENTER, C::Open, "open", "open"),
    b(
        X::Home,
        &[c('c')],
        C::Next,
        "start or edit tonight's check-in",
        "",
    ),
    b(X::Home, &[c('b')], C::Library, "browse exercises", ""),
    b(
        X::Home,
        &[c('d')],
        C::Discard,
        "discard the unfinished check-in",
        "",
    ),
    b(
        X::Home,
        &[c('l')],
        C::LookBack,
        "look back at past evenings",
        "",
    ),
    // Check-in: choice steps.
    b(X::CheckinChoice, LEFT, C::Left, "previous choice", "choose"),
    b(X::CheckinChoice, RIGHT, C::Right, "next choice", "choose"),
    b(
        X::CheckinChoice,
        DIGITS[0],
        C::Choose(1),
        "choose by number",
        "",
    ),
    b(
        X::CheckinChoice,
        DIGITS[1],
        C::Choose(2),
        "choose by number",
        "",
    ),
    b(
        X::CheckinChoice,
        DIGITS[2],
        C::Choose(3),
        "choose by number",
        "",
    ),
    b(
        X::CheckinChoice,
        DIGITS[3],
        C::Choose(4),
        "choose by number",
        "",
    ),
    b(
        X::CheckinChoice,
        DIGITS[4],
        C::Choose(5),
        "choose by number",
        "",
    ),
    b(
        X::CheckinChoice,
        DIGITS[5],
        C::Choose(6),
        "choose by number",
        "",
    ),
    b(
        X::CheckinChoice,
        DIGITS[6],
        C::Choose(7),
        "choose by number",
        "",
    ),
    b(
        X::CheckinChoice,
        &[k(K::Enter), k(K::Tab)],
        C::Next,
        "next step",
        "next",
    ),
    b(
        X::CheckinChoice,
        &[k(K::BackTab)],
        C::Prev,
        "previous step",
        "",
    ),
    b(
        X::CheckinChoice,
        &[c('s')],
        C::Skip,
        "skip this step",
        "skip",
    ),
    b(
        X::CheckinChoice,
        &[c('p')],
        C::Breathe,
        "a three-breath pause",
        "",
    ),
    // Check-in: text steps.
    b(
        X::CheckinText,
        &[k(K::Tab), ctrl('s')],
        C::Next,
        "next step (keeps what you wrote)",
        "next",
    ),
    b(
        X::CheckinText,
        &[k(K::BackTab)],
        C::Prev,
        "previous step",
        "",
    ),
    b(
        X::CheckinText,
        &[k(K::Enter)],
        C::NewLine,
        "new line",
        "new line",
    ),
    b(
        X::CheckinText,
        &[ctrl('n')],
        C::Another,
        "another prompt",
        "another prompt",
    ),
    // Check-in: tomorrow's small act.
    b(X::CheckinAct, ENTER, C::Next, "plan this one", "plan it"),
    b(
        X::CheckinAct,
        &[c('n'), k(K::Right)],
        C::Another,
        "another suggestion",
        "another",
    ),
    b(
        X::CheckinAct,
        &[k(K::Left)],
        C::Left,
        "previous suggestion",
        "",
    ),
    b(
        X::CheckinAct,
        &[c('w')],
        C::OwnWords,
        "in your own words",
        "own words",
    ),
    b(
        X::CheckinAct,
        &[c('b')],
        C::Library,
        "choose from the library",
        "library",
    ),
    b(
        X::CheckinAct,
        &[c('s')],
        C::Skip,
        "plan nothing tonight",
        "none",
    ),
    b(
        X::CheckinAct,
        &[k(K::BackTab)],
        C::Prev,
        "previous step",
        "",
    ),
    // Check-in: the summary.
    b(
        X::CheckinDone,
        &[k(K::Enter)],
        C::Open,
        "finish: back home, or to the journal it was opened from",
        "done",
    ),
    b(
        X::CheckinDone,
        &[c('e')],
        C::Edit,
        "change an answer",
        "change",
    ),
    // The breathing pause.
    b(
        X::Pause,
        &[k(K::Enter)],
        C::Back,
        "finish the pause",
        "finish",
    ),
    // Reading pages.
    b(X::Reader, UP, C::Up, "scroll up", "scroll"),
    b(X::Reader, DOWN, C::Down, "scroll down", "scroll"),
    b(X::Reader, PGUP, C::PageUp, "page up", ""),
    b(X::Reader, PGDN, C::PageDown, "page down", ""),
    b(X::Reader, TOP, C::First, "top", ""),
    b(X::Reader, BOTTOM, C::Last, "bottom", ""),
    b(
        X::Reader,
        ENTER,
        C::Open,
        "answer the private self-check",
        "",
    ),
    // A question with numbered answers.
    b(
        X::Confirm,
        DIGITS[0],
        C::Choose(1),
        "answer by number",
        "answer",
    ),
    b(
        X::Confirm,
        DIGITS[1],
        C::Choose(2),
        "answer by number",
        "answer",
    ),
    b(
        X::Confirm,
        DIGITS[2],
        C::Choose(3),
        "answer by number",
        "answer",
    ),
    // The exercise library: lists of sections and cards.
    b(X::Library, UP, C::Up, "move up", "move"),
    b(X::Library, DOWN, C::Down, "move down", "move"),
    b(X::Library, PGUP, C::PageUp, "page up", ""),
    b(X::Library, PGDN, C::PageDown, "page down", ""),
    b(X::Library, TOP, C::First, "first", ""),
    b(X::Library, BOTTOM, C::Last, "last", ""),
    b(X::Library, ENTER, C::Open, "open", "open"),
    b(
        X::Library,
        &[c('/')],
        C::Search,
        "search titles and text as you type",
        "search",
    ),
    b(
        X::Library,
        &[c('f')],
        C::Filter,
        "filters: mode, depth, time, love language",
        "filter",
    ),
    b(X::Library, &[c('v')], C::Favourites, "your favourites", ""),
    b(
        X::Library,
        &[c('s')],
        C::Star,
        "star or unstar the card",
        "",
    ),
    b(
        X::Library,
        &[c('x')],
        C::Clear,
        "clear the search and the filters",
        "",
    ),
    // The library's search box: letters are typed.
    b(
        X::SearchBox,
        &[k(K::Up)],
        C::Up,
        "move through the results",
        "move",
    ),
    b(
        X::SearchBox,
        &[k(K::Down)],
        C::Down,
        "move through the results",
        "move",
    ),
    b(X::SearchBox, &[k(K::PageUp)], C::PageUp, "page up", ""),
    b(
        X::SearchBox,
        &[k(K::PageDown)],
        C::PageDown,
        "page down",
        "",
    ),
    b(X::SearchBox, ENTER, C::Open, "open the card", "open"),
    b(X::SearchBox, &[ctrl('u')], C::Clear, "clear the search", ""),
    // The library's filter panel.
    b(X::Filters, UP, C::Up, "previous filter", "move"),
    b(X::Filters, DOWN, C::Down, "next filter", "move"),
    b(X::Filters, LEFT, C::Left, "change this filter", "change"),
    b(X::Filters, RIGHT, C::Right, "change this filter", "change"),
    b(X::Filters, ENTER, C::Open, "done", "done"),
    b(
        X::Filters,
        &[c('x')],
        C::Clear,
        "clear all filters",
        "clear",
    ),
    // A card's page.
    b(X::Card, UP, C::Up, "scroll up", "scroll"),
    b(X::Card, DOWN, C::Down, "scroll down", "scroll"),
    b(X::Card, PGUP, C::PageUp, "page up", ""),
    b(X::Card, PGDN, C::PageDown, "page down", ""),
    b(X::Card, TOP, C::First, "top", ""),
    b(X::Card, BOTTOM, C::Last, "bottom", ""),
    b(X::Card, LEFT, C::Left, "previous card in the list", "cards"),
    b(X::Card, RIGHT, C::Right, "next card in the list", "cards"),
    b(X::Card, &[c('s')], C::Star, "star or unstar", "star"),
    b(
        X::Card,
        &[c('t')],
        C::Plan,
        "plan this for tomorrow",
        "plan",
    ),
    b(
        X::Card,
        &[c('p')],
        C::Breathe,
        "a guided pause (cards about pausing)",
        "",
    ),
    // A card's page, choosing tomorrow's act for the check-in.
    b(X::CardPick, UP, C::Up, "scroll up", "scroll"),
    b(X::CardPick, DOWN, C::Down, "scroll down", "scroll"),
    b(X::CardPick, PGUP, C::PageUp, "page up", ""),
    b(X::CardPick, PGDN, C::PageDown, "page down", ""),
    b(X::CardPick, TOP, C::First, "top", ""),
    b(X::CardPick, BOTTOM, C::Last, "bottom", ""),
    b(
        X::CardPick,
        LEFT,
        C::Left,
        "previous card in the list",
        "cards",
    ),
    b(
        X::CardPick,
        RIGHT,
        C::Right,
        "next card in the list",
        "cards",
    ),
    b(
        X::CardPick,
        &[k(K::Enter), c('t')],
        C::Plan,
        "choose this as tomorrow's small act",
        "choose",
    ),
    b(X::CardPick, &[c('s')], C::Star, "star or unstar", "star"),
    b(
        X::CardPick,
        &[c('p')],
        C::Breathe,
        "a guided pause (cards about pausing)",
        "",
    ),
    // Looking back: the journal list.
    b(X::Journal, UP, C::Up, "move up (newer)", "move"),
    b(X::Journal, DOWN, C::Down, "move down (older)", "move"),
    b(X::Journal, PGUP, C::PageUp, "page up", ""),
    b(X::Journal, PGDN, C::PageDown, "page down", ""),
    b(X::Journal, TOP, C::First, "the newest evening", ""),
    b(X::Journal, BOTTOM, C::Last, "the oldest evening", ""),
    b(X::Journal, ENTER, C::Open, "open the evening", "open"),
    b(
        X::Journal,
        &[c('/')],
        C::Search,
        "find: search as you type",
        "find",
    ),
    b(
        X::Journal,
        &[c('f')],
        C::Filter,
        "filters: starred, appreciation, section, dates",
        "filter",
    ),
    b(
        X::Journal,
        &[c('c')],
        C::Calendar,
        "month calendar (fill in a missed evening there)",
        "calendar",
    ),
    b(
        X::Journal,
        &[c('t')],
        C::Trend,
        "closeness trend over 30, 90 and 365 days",
        "",
    ),
    b(
        X::Journal,
        &[c('r')],
        C::Recap,
        "week by week, and what seemed to help",
        "",
    ),
    b(
        X::Journal,
        &[c('s'), c('*')],
        C::Star,
        "star or unstar the evening",
        "",
    ),
    b(
        X::Journal,
        &[c('e')],
        C::Edit,
        "change the evening (opens its check-in)",
        "",
    ),
    b(
        X::Journal,
        &[c('d'), k(K::Delete)],
        C::Delete,
        "delete the evening (asks first)",
        "",
    ),
    b(
        X::Journal,
        &[c('u')],
        C::Undo,
        "bring back the last evening deleted",
        "",
    ),
    b(
        X::Journal,
        &[c('x')],
        C::Export,
        "export to Markdown or JSON",
        "",
    ),
    // Looking back: the search box. Letters are typed; esc leaves the box, keeping the results.
    b(
        X::JournalSearch,
        &[k(K::Up)],
        C::Up,
        "previous result",
        "move",
    ),
    b(
        X::JournalSearch,
        &[k(K::Down)],
        C::Down,
        "next result",
        "move",
    ),
    b(X::JournalSearch, &[k(K::PageUp)], C::PageUp, "page up", ""),
    b(
        X::JournalSearch,
        &[k(K::PageDown)],
        C::PageDown,
        "page down",
        "",
    ),
    b(
        X::JournalSearch,
        ENTER,
        C::Open,
        "open the selected evening",
        "open",
    ),
    b(
        X::JournalSearch,
        &[k(K::Tab)],
        C::Filter,
        "filters",
        "filters",
    ),
    // Looking back: the filter page.
    b(X::JournalFilter, UP, C::Up, "previous filter", "move"),
    b(X::JournalFilter, DOWN, C::Down, "next filter", "move"),
    b(
        X::JournalFilter,
        LEFT,
        C::Left,
        "change the filter (back)",
        "change",
    ),
    b(
        X::JournalFilter,
        &[k(K::Right), c('l'), c(' ')],
        C::Right,
        "change the filter",
        "change",
    ),
    b(
        X::JournalFilter,
        &[k(K::PageUp)],
        C::PageUp,
        "a date a year earlier",
        "",
    ),
    b(
        X::JournalFilter,
        &[k(K::PageDown)],
        C::PageDown,
        "a date a year later",
        "",
    ),
    b(
        X::JournalFilter,
        &[c('0'), k(K::Backspace)],
        C::Discard,
        "clear every filter",
        "clear",
    ),
    b(X::JournalFilter, ENTER, C::Back, "done", "done"),
    // Looking back: an evening.
    b(X::JournalEntry, UP, C::Up, "scroll up", "scroll"),
    b(X::JournalEntry, DOWN, C::Down, "scroll down", "scroll"),
    b(X::JournalEntry, PGUP, C::PageUp, "page up", ""),
    b(X::JournalEntry, PGDN, C::PageDown, "page down", ""),
    b(
        X::JournalEntry,
        LEFT,
        C::Left,
        "the evening before",
        "evening",
    ),
    b(
        X::JournalEntry,
        RIGHT,
        C::Right,
        "the evening after",
        "evening",
    ),
    b(
        X::JournalEntry,
        &[c('e')],
        C::Edit,
        "change this evening (opens its check-in)",
        "edit",
    ),
    b(
        X::JournalEntry,
        &[c('s'), c('*')],
        C::Star,
        "star or unstar",
        "star",
    ),
    b(
        X::JournalEntry,
        &[c('d'), k(K::Delete)],
        C::Delete,
        "delete this evening (asks first)",
        "delete",
    ),
    // Looking back: the month calendar.
    b(X::Calendar, LEFT, C::Left, "the day before", "move"),
    b(X::Calendar, RIGHT, C::Right, "the day after", "move"),
    b(X::Calendar, UP, C::Up, "a week earlier", "move"),
    b(X::Calendar, DOWN, C::Down, "a week later", "move"),
    b(
        X::Calendar,
        &[k(K::PageUp)],
        C::PageUp,
        "a month earlier",
        "month",
    ),
    b(
        X::Calendar,
        &[k(K::PageDown)],
        C::PageDown,
        "a month later",
        "month",
    ),
    b(
        X::Calendar,
        &[c('['), c('{')],
        C::Prev,
        "a year earlier",
        "year",
    ),
    b(
        X::Calendar,
        &[c(']'), c('}')],
        C::Next,
        "a year later",
        "year",
    ),
    b(X::Calendar, TOP, C::First, "back to tonight", ""),
    b(
        X::Calendar,
        ENTER,
        C::Open,
        "open the evening, or fill in a missed one",
        "open",
    ),
    // Looking back: the trend.
    b(X::Trend, LEFT, C::Left, "a shorter span", "span"),
    b(X::Trend, RIGHT, C::Right, "a longer span", "span"),
    b(X::Trend, DIGITS[0], C::Choose(1), "30 days", ""),
    b(X::Trend, DIGITS[1], C::Choose(2), "90 days", ""),
    b(X::Trend, DIGITS[2], C::Choose(3), "365 days", ""),
    // Looking back: week by week.
    b(X::Recap, LEFT, C::Left, "the week before", "week"),
    b(X::Recap, RIGHT, C::Right, "the week after", "week"),
    b(X::Recap, UP, C::Up, "scroll up", "scroll"),
    b(X::Recap, DOWN, C::Down, "scroll down", "scroll"),
    b(X::Recap, PGUP, C::PageUp, "page up", ""),
    b(X::Recap, PGDN, C::PageDown, "page down", ""),
    b(X::Recap, TOP, C::First, "this week", ""),
    // The help page.
    b(X::Help, UP, C::Up, "scroll up", ""),
    b(X::Help, DOWN, C::Down, "scroll down", ""),
    b(X::Help, ENTER, C::Back, "close", ""),
];

/// The command a key means in a context, if any.
pub fn lookup(context: Context, ev: &KeyEvent) -> Option<Command> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let in_context = BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .find(|b| b.keys.iter().any(|k| k.matches(ev)));
    if let Some(b) = in_context {
        return Some(b.command);
    }
    BINDINGS
        .iter()
        .filter(|b| b.context == Context::Global)
        .find(|b| {
            b.keys
                .iter()
                .any(|k| k.matches(ev) && !(context.takes_text() && k.is_printable()))
        })
        .map(|b| b.command)
}

/// The bindings that apply in a context, as help lists them: the context's own, then the
/// global ones, each with only the keys that work there.
pub fn bindings_for(context: Context) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    let own = BINDINGS.iter().filter(|b| b.context == context);
    let global = BINDINGS.iter().filter(|b| b.context == Context::Global);
    for b in own.chain(global) {
        let text_box = b.context == Context::Global && context.takes_text();
        let label = keys_label(b.keys, text_box);
        if label.is_empty() {
            continue;
        }
        // Rows that say the same thing share a line ("1/2/3 choose by number").
        match rows.iter_mut().find(|(_, help)| *help == b.help) {
            Some((keys, _)) => {
                keys.push('/');
                keys.push_str(&label);
            }
            None => rows.push((label, b.help)),
        }
    }
    rows
}

fn keys_label(keys: &[Key], text: bool) -> String {
    keys.iter()
        .filter(|k| !(text && k.is_printable()))
        .map(Key::label)
        .collect::<Vec<_>>()
        .join("/")
}

/// The footer: the context's own footer rows first, then the global ones; two rows with
/// the same word share one entry ("↑/↓ move").
pub fn footer_for(context: Context) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    let own = BINDINGS.iter().filter(|b| b.context == context);
    let global = BINDINGS.iter().filter(|b| b.context == Context::Global);
    for b in own.chain(global).filter(|b| !b.footer.is_empty()) {
        if b.context == Context::Global && b.command == Command::Back && context == Context::Home {
            continue;
        }
        let usable =
            |k: &&Key| !(b.context == Context::Global && context.takes_text() && k.is_printable());
        // Prefer the key people know: '?' over F1 where letters are commands.
        let key = if b.context == Context::Global && !context.takes_text() {
            b.keys
                .iter()
                .filter(usable)
                .find(|k| k.is_printable())
                .or(b.keys.iter().find(usable))
        } else {
            b.keys.iter().find(usable)
        };
        let Some(key) = key else { continue };
        let label = key.label();
        match rows.iter_mut().find(|(_, w)| *w == b.footer) {
            Some((keys, _)) => {
                keys.push('/');
                keys.push_str(&label);
            }
            None => rows.push((label, b.footer)),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn letters_are_text_in_text_boxes_but_commands_elsewhere() {
        let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::Home, &q), Some(Command::Quit));
        assert_eq!(lookup(Context::CheckinText, &q), None);
        let ctrl_c = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Context::CheckinText, &ctrl_c), Some(Command::Quit));
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for b in BINDINGS {
            for other in BINDINGS.iter().filter(|o| o.context == b.context) {
                if std::ptr::eq(b, other) {
                    continue;
                }
                for key in b.keys {
                    assert!(
                        !other.keys.contains(key) || b.command == other.command,
                        "{:?} in {:?} is bound twice",
                        key,
                        b.context
                    );
                }
            }
        }
    }
}
