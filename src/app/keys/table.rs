//! The table itself: one binding a line, in groups that contexts include rather than
//! repeat, and the groups each context includes.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Command, Context, Key, b, c, ctrl, ctrl_k, k};

use Command as C;
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

// Each group is a table: one binding a line. A context is the groups it includes, in
// order: the first binding whose key matches wins, and help lists them in this order.

/// Everywhere. Letters among these do not apply inside text boxes.
#[rustfmt::skip]
pub const GLOBAL: &[Binding] = &[
    b(&[k(K::F(1)), c('?')], C::Help,   "show the keys of this screen", "keys"),
    b(&[k(K::F(2)), c('!')], C::Safety, "Safety and support", ""),
    b(&[k(K::Esc)],          C::Back,   "go back", "back"),
    b(&[c('q')],             C::Quit,   "quit (an unfinished check-in is kept as a draft)", "quit"),
    b(&[ctrl('c')],          C::Quit,   "quit from anywhere, text boxes too", ""),
    b(&[ctrl('q')],          C::QuickExit, "quick exit: close at once and clear the screen", ""),
];

/// Moving through a list.
#[rustfmt::skip]
const LIST: &[Binding] = &[
    b(UP,     C::Up,       "move up", "move"),
    b(DOWN,   C::Down,     "move down", "move"),
    b(PGUP,   C::PageUp,   "page up", ""),
    b(PGDN,   C::PageDown, "page down", ""),
    b(TOP,    C::First,    "first", ""),
    b(BOTTOM, C::Last,     "last", ""),
];

/// Reading a page longer than the window.
#[rustfmt::skip]
const PAGE: &[Binding] = &[
    b(UP,     C::Up,       "scroll up", "scroll"),
    b(DOWN,   C::Down,     "scroll down", "scroll"),
    b(PGUP,   C::PageUp,   "page up", ""),
    b(PGDN,   C::PageDown, "page down", ""),
    b(TOP,    C::First,    "top", ""),
    b(BOTTOM, C::Last,     "bottom", ""),
];

/// Choosing on a row of numbered choices.
#[rustfmt::skip]
const CHOICES: &[Binding] = &[
    b(LEFT,      C::Left,      "previous choice", "choose"),
    b(RIGHT,     C::Right,     "next choice", "choose"),
    b(&[c('1')], C::Choose(1), "choose by number", ""),
    b(&[c('2')], C::Choose(2), "choose by number", ""),
    b(&[c('3')], C::Choose(3), "choose by number", ""),
    b(&[c('4')], C::Choose(4), "choose by number", ""),
    b(&[c('5')], C::Choose(5), "choose by number", ""),
    b(&[c('6')], C::Choose(6), "choose by number", ""),
    b(&[c('7')], C::Choose(7), "choose by number", ""),
];

/// A question with numbered answers.
#[rustfmt::skip]
const ANSWERS: &[Binding] = &[
    b(&[c('1')], C::Choose(1), "answer by number", "answer"),
    b(&[c('2')], C::Choose(2), "answer by number", "answer"),
    b(&[c('3')], C::Choose(3), "answer by number", "answer"),
];

/// Moving between the check-in's steps.
#[rustfmt::skip]
const STEPS: &[Binding] = &[
    b(&[k(K::Enter), k(K::Tab)], C::Next, "next step", "next"),
    b(&[k(K::BackTab)],          C::Prev, "previous step", ""),
    b(&[c('s')],                 C::Skip, "skip this step", "skip"),
];

/// The check-in's text boxes: moving between steps. Enter is a new line.
#[rustfmt::skip]
const TEXT_STEPS: &[Binding] = &[
    b(&[k(K::Tab), ctrl('s')], C::Next,    "next step (keeps what you wrote)", "next"),
    b(&[k(K::BackTab)],        C::Prev,    "previous step", ""),
    b(&[k(K::Enter)],          C::NewLine, "new line", "new line"),
];

/// What the check-in's text boxes do with keys themselves.
#[rustfmt::skip]
const EDITOR: &[Binding] = &[
    b(&[k(K::Left), k(K::Right), k(K::Up), k(K::Down)], C::Type, "move in the text", ""),
    b(&[ctrl_k(K::Left), ctrl_k(K::Right)], C::Type, "move by word", ""),
    b(&[k(K::Home), k(K::End)],             C::Type, "start or end of the line", ""),
    b(&[k(K::Backspace), k(K::Delete)],     C::Type, "delete a character", ""),
    b(&[ctrl('w')],                         C::Type, "delete the word before", ""),
    b(&[ctrl('k')],                         C::Type, "delete to the end of the line", ""),
    b(&[ctrl('z'), ctrl('u')],              C::Type, "undo", ""),
    b(&[ctrl('y'), ctrl('r')],              C::Type, "redo", ""),
];

/// What one-line boxes (a search, a name, a passphrase, a folder) do with keys themselves.
#[rustfmt::skip]
const LINE_EDITOR: &[Binding] = &[
    b(&[k(K::Left), k(K::Right)],       C::Type, "move in the line", ""),
    b(&[k(K::Home), k(K::End)],         C::Type, "start or end of the line", ""),
    b(&[k(K::Backspace), k(K::Delete)], C::Type, "delete a character", ""),
    b(&[ctrl('w')],                     C::Type, "delete the word before", ""),
];

/// The check-in's last step when linked: what tonight shares with the partner.
#[rustfmt::skip]
const SHARE: &[Binding] = &[
    b(&[c('1')],                 C::Choose(1), "share how close you felt, or keep it private", "share"),
    b(&[c('2')],                 C::Choose(2), "share tonight's answer, or keep it private", "share"),
    b(&[c('3')],                 C::Choose(3), "share one good thing, or keep it private", "share"),
    b(&[c('4')],                 C::Choose(4), "share tomorrow's small act, or keep it private", "share"),
    b(&[k(K::Enter), k(K::Tab)], C::Next,      "save the evening (and share what is chosen)", "save"),
    b(&[k(K::BackTab)],          C::Prev,      "previous step", ""),
];

#[rustfmt::skip]
const HOME: &[Binding] = &[
    b(UP,        C::Up,       "move up", "move"),
    b(DOWN,      C::Down,     "move down", "move"),
    b(ENTER,     C::Open,     "open", "open"),
    b(&[c('c')], C::Next,     "start or change tonight's check-in", ""),
    b(&[c('b')], C::Library,  "browse exercises", ""),
    b(&[c('l')], C::LookBack, "look back at past evenings", ""),
    b(&[c('d')], C::Discard,  "discard the unfinished check-in (asks first)", "discard"),
    b(&[c('u')], C::Undo,     "bring back the check-in discarded last (until you quit)", "undo"),
    b(&[c('a')], C::Settings, "about us and settings", ""),
    b(&[c('t')], C::Together, "a together evening, the two of you on this terminal", ""),
    b(&[c('r')], C::StressTalk, "a stress-reducing conversation, a timed turn each", ""),
    b(&[c('w')], C::StateOfUs, "the weekly State of us, the two of you", ""),
];

/// The stress-reducing conversation's setup.
#[rustfmt::skip]
const TALK_SETUP: &[Binding] = &[
    b(&[k(K::Enter), k(K::Tab)], C::Next,      "begin the first turn", "begin"),
    b(LEFT,                      C::Left,      "who talks first", "who first"),
    b(RIGHT,                     C::Right,     "who talks first", "who first"),
    b(&[c('1')],                 C::Choose(1), "who talks first, by number", ""),
    b(&[c('2')],                 C::Choose(2), "who talks first, by number", ""),
    b(&[c('+'), c('=')],         C::Longer,    "a minute more each turn", "longer"),
    b(&[c('-')],                 C::Shorter,   "a minute less each turn", "shorter"),
];

/// A timed turn.
#[rustfmt::skip]
const TALK_TURN: &[Binding] = &[
    b(&[c(' '), c('p')],         C::Pause,   "pause, or go on", "pause"),
    b(&[k(K::Enter), k(K::Tab)], C::Next,    "start the turn, hand over, or finish", "next"),
    b(&[c('+'), c('=')],         C::Longer,  "a minute more each turn (while paused)", "longer"),
    b(&[c('-')],                 C::Shorter, "a minute less each turn (while paused)", "shorter"),
];

/// The calm end of the stress-reducing conversation.
#[rustfmt::skip]
const TALK_END: &[Binding] = &[
    b(&[k(K::Enter)], C::Open, "finish: back home", "done"),
    b(&[c('n')],      C::Note, "write a note about it, kept in the journal", "note"),
];

#[rustfmt::skip]
const TOGETHER_TEXT: &[Binding] = &[
    b(&[k(K::Tab), ctrl('s')], C::Next,    "done: on to the next step", "next"),
    b(&[k(K::BackTab)],        C::Prev,    "previous step", ""),
    b(&[k(K::Enter)],          C::NewLine, "new line", "new line"),
];

#[rustfmt::skip]
const TOGETHER_REVEAL: &[Binding] = &[
    b(&[k(K::Enter), k(K::Tab)], C::Next, "go on", "go on"),
    b(&[k(K::BackTab)],          C::Prev, "previous step", ""),
];

#[rustfmt::skip]
const TOGETHER_CHOICE: &[Binding] = &[
    b(&[k(K::Enter), k(K::Tab)], C::Next, "next step", "next"),
    b(&[k(K::BackTab)],          C::Prev, "previous step", ""),
    b(&[c('s')],                 C::Skip, "skip this step", "skip"),
];

#[rustfmt::skip]
const SETTINGS: &[Binding] = &[
    b(UP,    C::Up,   "move up", "move"),
    b(DOWN,  C::Down, "move down", "move"),
    b(ENTER, C::Open, "change this", "change"),
];

#[rustfmt::skip]
const SETTINGS_TEXT: &[Binding] = &[
    b(&[k(K::Enter), k(K::Tab)], C::Next, "keep the name", "keep"),
];

/// A page of a few choices, one under another (the lock's, the link's).
#[rustfmt::skip]
const MENU: &[Binding] = &[
    b(UP,    C::Up,   "move up", "move"),
    b(DOWN,  C::Down, "move down", "move"),
    b(ENTER, C::Open, "choose", "choose"),
];

#[rustfmt::skip]
const LOCK_TEXT: &[Binding] = &[
    b(&[k(K::Enter), k(K::Tab)], C::Next, "go on with this passphrase", "go on"),
];

#[rustfmt::skip]
const PAIRING_TEXT: &[Binding] = &[
    b(&[k(K::Enter), k(K::Tab)], C::Next, "link through this folder", "link"),
];

#[rustfmt::skip]
const ARRIVE: &[Binding] = &[
    b(&[k(K::Enter), k(K::Tab)], C::Next,    "begin", "begin"),
    b(&[c('p')],                 C::Breathe, "a three-breath pause first", "pause"),
];

#[rustfmt::skip]
const RATING: &[Binding] = &[
    b(&[k(K::Enter), k(K::Tab)], C::Next, "next step", "next"),
    b(&[k(K::BackTab)],          C::Prev, "previous step", ""),
];

#[rustfmt::skip]
const PROMPT: &[Binding] = &[
    b(&[ctrl('n')], C::Another, "another question", "another question"),
];

#[rustfmt::skip]
const SMALL_ACT: &[Binding] = &[
    b(ENTER,                   C::Next,     "plan this one", "plan it"),
    b(&[c('n'), k(K::Right)],  C::Another,  "another suggestion", "another"),
    b(&[k(K::Left)],           C::Left,     "previous suggestion", ""),
    b(&[c('w')],               C::OwnWords, "in your own words", "own words"),
    b(&[c('b')],               C::Library,  "choose from the library", "library"),
    b(&[c('s')],               C::Skip,     "plan nothing", "none"),
    b(&[k(K::BackTab)],        C::Prev,     "previous step", ""),
];

#[rustfmt::skip]
const DONE: &[Binding] = &[
    b(&[k(K::Enter)], C::Open, "finish: back home, or to the journal it was opened from", "done"),
    b(&[c('e')],      C::Edit, "change an answer", "change"),
];

#[rustfmt::skip]
const PAUSE: &[Binding] = &[
    b(&[k(K::Enter)], C::Back, "finish the pause", "finish"),
];

#[rustfmt::skip]
const READER: &[Binding] = &[
    b(ENTER, C::Open, "answer the private self-check", ""),
];

#[rustfmt::skip]
const LIBRARY: &[Binding] = &[
    b(ENTER,     C::Open,       "open", "open"),
    b(&[c('/')], C::Search,     "search titles and text as you type", "search"),
    b(&[c('f')], C::Filter,     "filters: mode, depth, time, love language", "filter"),
    b(&[c('v')], C::Favourites, "your favourites", ""),
    b(&[c('s')], C::Star,       "star or unstar the card", ""),
    b(&[c('x')], C::Clear,      "clear the search and the filters", ""),
];

#[rustfmt::skip]
const SEARCH_BOX: &[Binding] = &[
    b(&[k(K::Up)],       C::Up,       "move through the results", "move"),
    b(&[k(K::Down)],     C::Down,     "move through the results", "move"),
    b(&[k(K::PageUp)],   C::PageUp,   "page up", ""),
    b(&[k(K::PageDown)], C::PageDown, "page down", ""),
    b(ENTER,             C::Open,     "open the card", "open"),
    b(&[ctrl('u')],      C::Clear,    "clear the search", ""),
];

#[rustfmt::skip]
const FILTERS: &[Binding] = &[
    b(UP,        C::Up,    "previous filter", "move"),
    b(DOWN,      C::Down,  "next filter", "move"),
    b(LEFT,      C::Left,  "change this filter", "change"),
    b(RIGHT,     C::Right, "change this filter", "change"),
    b(ENTER,     C::Open,  "done", "done"),
    b(&[c('x')], C::Clear, "clear all filters", "clear"),
];

#[rustfmt::skip]
const CARD: &[Binding] = &[
    b(LEFT,      C::Left,    "previous card in the list", "cards"),
    b(RIGHT,     C::Right,   "next card in the list", "cards"),
    b(&[c('s')], C::Star,    "star or unstar", "star"),
    b(&[c('t')], C::Plan,    "plan this for tomorrow", "plan"),
    b(&[c('p')], C::Breathe, "a guided pause", ""),
];

#[rustfmt::skip]
const CARD_PICK: &[Binding] = &[
    b(LEFT,                   C::Left,    "previous card in the list", "cards"),
    b(RIGHT,                  C::Right,   "next card in the list", "cards"),
    b(&[k(K::Enter), c('t')], C::Plan,    "choose this as tomorrow's small act", "choose"),
    b(&[c('s')],              C::Star,    "star or unstar", "star"),
    b(&[c('p')],              C::Breathe, "a guided pause", ""),
];

#[rustfmt::skip]
const JOURNAL: &[Binding] = &[
    b(UP,                      C::Up,       "move up (newer)", "move"),
    b(DOWN,                    C::Down,     "move down (older)", "move"),
    b(PGUP,                    C::PageUp,   "page up", ""),
    b(PGDN,                    C::PageDown, "page down", ""),
    b(TOP,                     C::First,    "the newest evening", ""),
    b(BOTTOM,                  C::Last,     "the oldest evening", ""),
    b(ENTER,                   C::Open,     "open the evening", "open"),
    b(&[c('/')],               C::Search,   "find: search as you type", "find"),
    b(&[c('f')],               C::Filter,   "filters: starred, appreciation, section, dates", "filter"),
    b(&[c('c')],               C::Calendar, "month calendar (fill in a missed evening there)", "calendar"),
    b(&[c('t')],               C::Trend,    "closeness trend over 30, 90 and 365 days", ""),
    b(&[c('r')],               C::Recap,    "week by week, and what seemed to help", ""),
    b(&[c('s'), c('*')],       C::Star,     "star or unstar the evening", ""),
    b(&[c('e')],               C::Edit,     "change the evening (opens its check-in)", ""),
    b(&[c('d'), k(K::Delete)], C::Delete,   "delete the evening (asks first)", ""),
    b(&[c('u')],               C::Undo,     "bring back the last evening deleted", ""),
    b(&[c('x')],               C::Export,   "export to Markdown or JSON", ""),
];

#[rustfmt::skip]
const JOURNAL_SEARCH: &[Binding] = &[
    b(&[k(K::Up)],       C::Up,       "previous result", "move"),
    b(&[k(K::Down)],     C::Down,     "next result", "move"),
    b(&[k(K::PageUp)],   C::PageUp,   "page up", ""),
    b(&[k(K::PageDown)], C::PageDown, "page down", ""),
    b(ENTER,             C::Open,     "open the selected evening", "open"),
    b(&[k(K::Tab)],      C::Filter,   "filters", "filters"),
    b(&[ctrl('u')],      C::Type,     "clear the search", ""),
];

#[rustfmt::skip]
const JOURNAL_FILTER: &[Binding] = &[
    b(UP,                                C::Up,       "previous filter", "move"),
    b(DOWN,                              C::Down,     "next filter", "move"),
    b(LEFT,                              C::Left,     "change the filter (back)", "change"),
    b(&[k(K::Right), c('l'), c(' ')],    C::Right,    "change the filter", "change"),
    b(&[k(K::PageUp)],                   C::PageUp,   "a date a year earlier", ""),
    b(&[k(K::PageDown)],                 C::PageDown, "a date a year later", ""),
    b(&[c('0'), k(K::Backspace)],        C::Discard,  "clear every filter", "clear"),
    b(ENTER,                             C::Back,     "done", "done"),
];

#[rustfmt::skip]
const JOURNAL_ENTRY: &[Binding] = &[
    b(LEFT,                    C::Left,   "the evening before", "evening"),
    b(RIGHT,                   C::Right,  "the evening after", "evening"),
    b(&[c('e')],               C::Edit,   "change this evening (opens its check-in)", "edit"),
    b(&[c('s'), c('*')],       C::Star,   "star or unstar", "star"),
    b(&[c('d'), k(K::Delete)], C::Delete, "delete this evening (asks first)", "delete"),
];

#[rustfmt::skip]
const CALENDAR: &[Binding] = &[
    b(LEFT,               C::Left,     "the day before", "move"),
    b(RIGHT,              C::Right,    "the day after", "move"),
    b(UP,                 C::Up,       "a week earlier", "move"),
    b(DOWN,               C::Down,     "a week later", "move"),
    b(&[k(K::PageUp)],    C::PageUp,   "a month earlier", "month"),
    b(&[k(K::PageDown)],  C::PageDown, "a month later", "month"),
    b(&[c('['), c('{')],  C::Prev,     "a year earlier", "year"),
    b(&[c(']'), c('}')],  C::Next,     "a year later", "year"),
    b(TOP,                C::First,    "back to tonight", ""),
    b(ENTER,              C::Open,     "open the evening, or fill in a missed one", "open"),
];

#[rustfmt::skip]
const TREND: &[Binding] = &[
    b(LEFT,      C::Left,      "a shorter span", "span"),
    b(RIGHT,     C::Right,     "a longer span", "span"),
    b(&[c('1')], C::Choose(1), "30 days", ""),
    b(&[c('2')], C::Choose(2), "90 days", ""),
    b(&[c('3')], C::Choose(3), "365 days", ""),
];

#[rustfmt::skip]
const RECAP: &[Binding] = &[
    b(LEFT,  C::Left,  "the week before", "week"),
    b(RIGHT, C::Right, "the week after", "week"),
    b(TOP,   C::First, "this week", ""),
];

#[rustfmt::skip]
const HELP: &[Binding] = &[
    b(UP,    C::Up,   "scroll up", ""),
    b(DOWN,  C::Down, "scroll down", ""),
    b(ENTER, C::Back, "close", ""),
];

/// The groups a context includes, in order.
pub fn groups(context: Context) -> &'static [&'static [Binding]] {
    use Context as X;
    match context {
        X::Global => &[],
        X::Home => &[HOME],
        X::CheckinArrive => &[ARRIVE],
        X::CheckinRating => &[CHOICES, RATING],
        X::CheckinChoice => &[CHOICES, STEPS],
        X::CheckinPrompt => &[TEXT_STEPS, PROMPT, EDITOR],
        X::CheckinText => &[TEXT_STEPS, EDITOR],
        X::CheckinAct => &[SMALL_ACT],
        X::CheckinDone => &[DONE],
        X::CheckinShare => &[SHARE],
        X::Pause => &[PAUSE],
        X::Reader => &[PAGE, READER],
        X::Library => &[LIST, LIBRARY],
        X::Card => &[PAGE, CARD],
        X::CardPick => &[PAGE, CARD_PICK],
        X::Filters => &[FILTERS],
        X::SearchBox => &[SEARCH_BOX, LINE_EDITOR],
        X::Journal => &[JOURNAL],
        X::JournalEntry => &[PAGE, JOURNAL_ENTRY],
        X::Calendar => &[CALENDAR],
        X::Trend => &[TREND],
        X::Confirm => &[ANSWERS],
        X::JournalSearch => &[JOURNAL_SEARCH, LINE_EDITOR],
        X::JournalFilter => &[JOURNAL_FILTER],
        X::Recap => &[RECAP, PAGE],
        X::Help => &[HELP],
        X::Settings => &[SETTINGS],
        X::SettingsText => &[SETTINGS_TEXT, LINE_EDITOR],
        X::TogetherText => &[TOGETHER_TEXT, EDITOR],
        X::TogetherReveal => &[TOGETHER_REVEAL],
        X::TogetherRating => &[CHOICES, RATING],
        X::TogetherChoice => &[ANSWERS, TOGETHER_CHOICE],
        X::Lock => &[MENU],
        X::LockText => &[LOCK_TEXT, LINE_EDITOR],
        X::LockWorking => &[],
        X::Pairing => &[MENU],
        X::PairingText => &[PAIRING_TEXT, LINE_EDITOR],
        X::PairingWorking => &[],
        X::TalkSetup => &[TALK_SETUP],
        X::TalkTurn => &[TALK_TURN],
        X::TalkEnd => &[TALK_END],
    }
}

/// Every context, for tests that go through them all.
pub const ALL_CONTEXTS: [Context; 41] = [
    Context::Global,
    Context::Home,
    Context::CheckinArrive,
    Context::CheckinRating,
    Context::CheckinChoice,
    Context::CheckinPrompt,
    Context::CheckinText,
    Context::CheckinAct,
    Context::CheckinDone,
    Context::CheckinShare,
    Context::Pause,
    Context::Reader,
    Context::Library,
    Context::Card,
    Context::CardPick,
    Context::Filters,
    Context::SearchBox,
    Context::Journal,
    Context::JournalEntry,
    Context::Calendar,
    Context::Trend,
    Context::Confirm,
    Context::JournalSearch,
    Context::JournalFilter,
    Context::Recap,
    Context::Help,
    Context::Settings,
    Context::SettingsText,
    Context::TogetherText,
    Context::TogetherReveal,
    Context::TogetherRating,
    Context::TogetherChoice,
    Context::Lock,
    Context::LockText,
    Context::LockWorking,
    Context::Pairing,
    Context::PairingText,
    Context::PairingWorking,
    Context::TalkSetup,
    Context::TalkTurn,
    Context::TalkEnd,
];
