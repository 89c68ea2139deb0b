//! Where the link stands, and the notices reading the folder gives, in words for the person.

use std::fmt;
use std::path::{Path, PathBuf};

use super::card::BadCard;
use super::envelope::OpenError;
use super::words::Code;

/// Where the link stands. Computed afresh from the folder each time it is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// No pairing in this data folder.
    NotPaired,
    /// Paired on this side so far; the partner's part has not arrived.
    WaitingForPartner(Waiting),
    /// Both cards are there: the person compares these words with the partner's screen.
    AwaitingConfirmation { code: Code },
    /// Both confirmed: sharing is on.
    Paired,
    /// The partner's card is not the one confirmed (or the other card changed while
    /// pairing). Nothing is written or read until the two pair again.
    KeyChanged(KeyChange),
    /// The shared folder is not reachable (not mounted, not synced yet, moved). Nothing
    /// blocks: what was read last stays, and sharing carries on when it is back.
    FolderMissing { dir: PathBuf },
    /// More than one other install's card is in the folder while pairing: nearer will not
    /// guess which is the partner's.
    Crowded { cards: Vec<PathBuf> },
    /// This side's own link files (`link/pairing.json`, its keys) do not read: damaged,
    /// from a newer nearer, or something planted in their place. [`super::Link::open`]
    /// fails on them, so the folder is never read; the app says so with this, and unpairing
    /// (which gets past them) is the way on.
    Unreadable { why: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Waiting {
    /// The partner's card is not in the folder yet.
    Card,
    /// The cards' keys are not both revealed yet (each machine reveals its keys once it sees
    /// the other's card; it takes a sync or two).
    Keys,
    /// This side said yes; the partner has not yet, on theirs.
    Confirmation,
    /// The partner's files are gone from the folder: they unpaired, or the folder is not in
    /// step yet. Nothing is shared meanwhile.
    PartnerGone,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyChange {
    /// The partner's card holds keys other than the confirmed ones.
    Changed { card: PathBuf },
    /// The partner's card is gone and another install's card is there instead.
    NewInstall { card: PathBuf },
    /// While pairing, the other card changed after this install had seen it.
    WhilePairing { card: PathBuf },
}

impl Status {
    /// Is sharing on (both confirmed, keys as confirmed)?
    pub fn is_paired(&self) -> bool {
        matches!(self, Status::Paired)
    }

    /// What the person should read at a terminal: what is happening and what to do, with
    /// the commands that do it.
    pub fn words(&self, dir: &Path) -> String {
        self.say(dir, &CLI)
    }

    /// The same, for the app: the page in settings that does it, not the commands.
    pub fn in_app(&self, dir: &Path) -> String {
        self.say(dir, &APP)
    }

    fn say(&self, dir: &Path, how: &How) -> String {
        let dir = dir.display();
        let How {
            pair,
            pair_there,
            unpair,
            both_again,
            pair_again,
            unpair_here,
            ..
        } = how;
        match self {
            Status::NotPaired => format!("Not linked with a partner. {pair}."),
            Status::WaitingForPartner(Waiting::Card) => format!(
                "Your card is in {dir}/nearer; your partner's is not there yet. Once the folder \
                 is on their machine, they {pair_there}."
            ),
            Status::WaitingForPartner(Waiting::Keys) => format!(
                "Both cards are in {dir}/nearer; each machine is adding its keys to its card \
                 (it takes a sync or two, while nearer runs on both)."
            ),
            Status::WaitingForPartner(Waiting::Confirmation) => {
                "You confirmed the words. Waiting for your partner to confirm them on their \
                 machine; sharing starts by itself once they have."
                    .into()
            }
            Status::WaitingForPartner(Waiting::PartnerGone) => format!(
                "Your partner's files are gone from {dir}/nearer: they unpaired, or the folder \
                 is not in step yet. Nothing is shared meanwhile. If they unpaired, {unpair} \
                 too, and pair again together if you both want to."
            ),
            // In the app the words are on the page that confirms them, not on home.
            Status::AwaitingConfirmation { .. } if how.compare_on_page => {
                "Both cards are in the shared folder: compare six words with your partner's \
                 screen in settings (Link with your partner), and confirm them there."
                    .into()
            }
            Status::AwaitingConfirmation { code } => {
                format!("Compare these words with your partner's screen: {code}")
            }
            Status::Paired => format!("Linked with your partner through {dir}."),
            Status::KeyChanged(change) => {
                let card = match change {
                    KeyChange::Changed { card }
                    | KeyChange::NewInstall { card }
                    | KeyChange::WhilePairing { card } => card.display(),
                };
                let what = match change {
                    KeyChange::Changed { .. } => {
                        "Your partner's card now holds keys other than the ones you confirmed"
                    }
                    KeyChange::NewInstall { .. } => {
                        "Your partner's card is gone and another install's card is there instead"
                    }
                    KeyChange::WhilePairing { .. } => {
                        "The other card in the folder changed while you were pairing"
                    }
                };
                format!(
                    "WARNING: {what} ({card}). Sharing has stopped: nothing is written or read. \
                     If your partner reinstalled nearer or paired again, {both_again} and \
                     compare the new words face to face or by phone. If they did not, someone else may have put a card in the \
                     folder: do not pair again before you have spoken."
                )
            }
            Status::FolderMissing { dir } => format!(
                "The shared folder {} is not reachable (not mounted, not synced yet, or moved). \
                 Nothing is lost; sharing carries on when it is back.",
                dir.display()
            ),
            Status::Crowded { cards } => format!(
                "More than one other card is in {dir}/nearer ({}). Find out with your partner \
                 which one is theirs, remove the others, and {pair_again}.",
                cards
                    .iter()
                    .map(|c| c
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Status::Unreadable { why } => format!(
                "This side of the link does not read: {why}. Nothing is shared or read \
                 meanwhile, and your journal is not touched. {unpair_here}."
            ),
        }
    }
}

/// How the words name what to do: commands at a terminal, the settings page in the app.
struct How {
    pair: &'static str,
    pair_there: &'static str,
    unpair: &'static str,
    both_again: &'static str,
    pair_again: &'static str,
    unpair_here: &'static str,
    /// The six words are shown on a page of their own.
    compare_on_page: bool,
}

const CLI: How = How {
    pair: "`nearer pair DIR` links through a folder you both sync",
    pair_there: "run `nearer pair` with it there",
    unpair: "run `nearer unpair`",
    both_again: "both run `nearer unpair`, then `nearer pair` again",
    pair_again: "run `nearer pair` again",
    unpair_here: "`nearer unpair` gets past it, then `nearer pair DIR` links again",
    compare_on_page: false,
};

const APP: How = How {
    pair: "Settings, Link with your partner, links through a folder you both sync",
    pair_there: "link through it in settings (Link with your partner)",
    unpair: "unpair in settings (Link with your partner)",
    both_again: "both unpair in settings (Link with your partner), then link again",
    pair_again: "link again in settings",
    unpair_here: "In the app, unpairing in settings (Link with your partner) does the same, \
                  and linking there again starts afresh",
    compare_on_page: true,
};

/// Something found while reading the folder that the person should know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A file under the partner's (or one's own) name that did not verify: ignored, never
    /// read as theirs.
    Ignored { file: PathBuf, why: OpenError },
    /// A file that stayed unreadable after it had time to arrive whole.
    Unreadable { file: PathBuf, why: OpenError },
    /// A card that is not a valid nearer card.
    BadCard { file: PathBuf, why: BadCard },
    /// A third install's card, next to the pair's.
    Stranger { file: PathBuf },
    /// Sharing stopped: see [`Status::KeyChanged`].
    KeyChanged(KeyChange),
    /// The folder is not reachable; what is shown is what was read last.
    FolderMissing { dir: PathBuf },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::Ignored { file, why } => write!(
                f,
                "{} was ignored: {why}. It is not read as your partner's; if neither of you \
                 made it, someone else can write in your shared folder.",
                file.display()
            ),
            Notice::Unreadable { file, why } => write!(
                f,
                "{} cannot be read: {why}. nearer waits for a new copy of it; nothing of yours \
                 is lost.",
                file.display()
            ),
            Notice::BadCard { file, why } => {
                write!(f, "{} was ignored: {why}.", file.display())
            }
            Notice::Stranger { file } => write!(
                f,
                "{} is a third install's card; it is ignored (remove it if neither of you \
                 knows it).",
                file.display()
            ),
            Notice::KeyChanged(change) => f.write_str(
                &Status::KeyChanged(change.clone()).words(Path::new("the shared folder")),
            ),
            Notice::FolderMissing { dir } => {
                f.write_str(&Status::FolderMissing { dir: dir.clone() }.words(dir))
            }
        }
    }
}
