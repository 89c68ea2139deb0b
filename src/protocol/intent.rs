//! What a screen asks for. Only `app::update` changes the journal, the drafts and the screen
//! stack, and asks the terminal loop for I/O; screens say what they want done.

use chrono::NaiveDate;

use crate::journal::export::Format;
use crate::journal::{Draft, Entry, PlannedFor};

pub type ExportFormat = Format;

/// Where to go.
#[derive(Debug, Clone, PartialEq)]
pub enum Destination {
    /// The check-in for an evening; `back_to_review` when opened from looking back.
    Checkin {
        date: NaiveDate,
        back_to_review: bool,
    },
    /// The exercise library; `pick` when the check-in asks it for tomorrow's act.
    Library {
        pick: bool,
    },
    /// A card's page, in the list `ids`, at `at`.
    Card {
        ids: Vec<String>,
        at: usize,
        pick: bool,
    },
    /// Looking back at past evenings.
    Review,
    Safety,
    /// A guided breathing pause.
    Pause,
    /// About us and settings.
    Settings,
    /// The passphrase lock: set, change or remove it.
    Lock,
    /// Link with the partner: pair through a shared folder, compare the words, unpair.
    Pairing,
    /// A together evening for the two of them, on this terminal.
    Together {
        date: NaiveDate,
    },
    /// The stress-reducing conversation.
    StressTalk,
    /// The weekly State of us (the one left half-way, if there is one).
    StateOfUs,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    // Where to go.
    Open(Destination),
    /// Close this screen.
    Back,
    /// Back to home, closing every screen above it.
    Home,
    Quit,
    /// A card was chosen in the library the check-in opened: close the library and make it
    /// tomorrow's act in that check-in.
    ChooseCard(String),

    // The journal (each is saved).
    /// Keep an evening's check-in (a plan for that evening or before is then done).
    SaveEntry(Box<Entry>),
    ToggleStar(NaiveDate),
    ToggleFavourite(String),
    /// A card chosen in the library for tomorrow, or none.
    Plan(Option<PlannedFor>),
    SetSoloOnly(bool),
    /// About us: names, living apart, children at home.
    SetAbout(crate::journal::About),
    /// The love languages suggestions lean towards.
    SetLoveLanguages(Vec<String>),
    /// Whether a quick exit keeps what was being written as a draft.
    SetQuickExitKeepsNothing(bool),
    /// A conversation nearer guided happened (or its note changed): kept in the journal.
    SaveTalk(Box<crate::journal::together::Talk>),
    /// What an evening shares with the linked partner (chosen at its check-in).
    SetShare(NaiveDate, crate::journal::Share),
    /// What evenings share unless their check-in chose otherwise.
    SetShareDefault(crate::journal::Share),
    /// Delete an evening (asked first by the screen), kept to bring back until quit.
    DeleteEntry(NaiveDate),
    /// Bring back the evening deleted last.
    UndoDelete,

    // The drafts (each is written).
    /// The evening's draft holds these answers now.
    KeepDraft(Draft),
    /// The evening needs no draft (saved, or left unchanged).
    DropDraft(NaiveDate),
    /// Discard an evening's draft (asked first by the screen), kept to bring back until quit.
    DiscardDraft(NaiveDate),
    /// Bring back the draft discarded last.
    UndoDiscard,
    /// The evening's together draft holds these answers now.
    KeepTogetherDraft(Box<crate::journal::TogetherDraft>),
    /// The evening needs no together draft.
    DropTogetherDraft(NaiveDate),
    /// The State of us left half-way holds these words now.
    KeepStateOfUsDraft(Box<crate::journal::StateOfUsDraft>),
    /// No State of us is left half-way.
    DropStateOfUsDraft,

    // I/O.
    /// Check that this is the passphrase the journal has, before a change or a removal
    /// asks for more (the key derivation takes a second, off the thread that draws).
    CheckPassphrase(crate::journal::store::Passphrase),
    /// Set, change (`current` given, `new` given) or remove (`new` none) the passphrase:
    /// every file is rewritten, off the thread that draws.
    Relock {
        current: Option<crate::journal::store::Passphrase>,
        new: Option<crate::journal::store::Passphrase>,
    },
    /// Pair through the folder typed (as typed: the terminal loop reads `~`), off the
    /// thread that draws.
    Pair(String),
    /// The person saw these words on both screens and said they are the same.
    ConfirmCode(crate::link::Code),
    /// Stop sharing: remove this side's files from the shared folder and its link keys.
    Unpair,
    /// Write the journal (from `from` to `to`, both included) to a new file.
    Export {
        format: ExportFormat,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
}
