//! What a key asks for, and where the person is: the words the key table, the screens and
//! help share.

/// What a key asks for. Screens interpret commands in their own context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    /// Close at once, leaving the terminal clear (ctrl+q, from anywhere).
    QuickExit,
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
    /// Open About us and settings.
    Settings,
    /// Start (or go on with) a together evening.
    Together,
    /// Open the stress-reducing conversation.
    StressTalk,
    /// Open the weekly State of us.
    StateOfUs,
    /// Pause or go on with a timed turn.
    Pause,
    /// A minute more, or less, for each turn.
    Longer,
    Shorter,
    /// Write a note.
    Note,
    /// A key the text box itself handles (moving, deleting, undo): the table lists it so
    /// help can show it, and the key goes to the box.
    Type,
}

/// Where the person is, for the purpose of what keys mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Keys that work on every screen (those that are plain letters not in text boxes).
    Global,
    Home,
    /// The check-in's first step.
    CheckinArrive,
    /// The closeness rating: seven pictures, the one step that cannot be skipped.
    CheckinRating,
    /// A check-in step that is a choice that may be skipped (stress, yesterday's act).
    CheckinChoice,
    /// The reflection's text box (its question can change).
    CheckinPrompt,
    /// A check-in step with a text box.
    CheckinText,
    /// The small-act step, choosing a card.
    CheckinAct,
    /// The summary at the end of a check-in.
    CheckinDone,
    /// The check-in's last step when linked: what is shared with the partner tonight.
    CheckinShare,
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
    /// About us and settings.
    Settings,
    /// A name being typed in settings (takes typed text).
    SettingsText,
    /// A together evening's text box (takes typed text).
    TogetherText,
    /// A together evening's hand-off, reveal or summary: enter goes on.
    TogetherReveal,
    /// A together evening's rating on the circles.
    TogetherRating,
    /// A together evening's numbered choice (a follow-up, keeping words).
    TogetherChoice,
    /// The passphrase lock's choices.
    Lock,
    /// A passphrase being typed (takes typed text, shown as dots).
    LockText,
    /// The files are being rewritten with a new passphrase.
    LockWorking,
    /// Linking with the partner: the choices (confirm the words, unpair).
    Pairing,
    /// The shared folder's path being typed (takes typed text).
    PairingText,
    /// The link's worker is at a step (the card written, the words confirmed).
    PairingWorking,
    /// The stress-reducing conversation's setup: who talks first, how long a turn is.
    TalkSetup,
    /// A timed turn (either conversation).
    TalkTurn,
    /// The calm end of the stress-reducing conversation.
    TalkEnd,
    Help,
}

impl Context {
    /// Contexts where plain letters are typed text, not commands.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::CheckinText
                | Context::CheckinPrompt
                | Context::SearchBox
                | Context::JournalSearch
                | Context::SettingsText
                | Context::TogetherText
                | Context::LockText
                | Context::PairingText
        )
    }
}
