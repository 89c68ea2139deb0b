//! Two machines, no server: partners linked through a folder they already sync.
//!
//! nearer runs no server and speaks to no network. Each install puts two files in
//! `DIR/nearer/` of a folder both partners sync (Syncthing, Dropbox, iCloud Drive, a network
//! share, a git repository): its public card `<install-id>.pub` and its shared file
//! `<install-id>.age`, sealed with age to both partners' keys and signed with its ed25519 key,
//! holding only what the person chose to share. Whoever stores the folder reads nothing.
//!
//! # Using it from the app
//!
//! ```no_run
//! # fn main() -> Result<(), nearer::link::LinkError> {
//! use nearer::link::{Link, Status};
//! # let data_dir = std::path::Path::new("/tmp/nearer");
//! # let evenings_to_share: Vec<nearer::link::SharedEvening> = vec![];
//! // At start (cheap: a few small files are read; nothing waits on the folder).
//! let Some(mut link) = Link::open(data_dir)? else {
//!     return Ok(()); // not paired: nothing to show
//! };
//! link.refresh()?; // carries pairing forward, merges this install's conflict copies
//! match link.status() {
//!     Status::Paired => {
//!         // The partner's evenings, merged from their file and its conflict copies.
//!         let (evenings, notices) = link.partner_evenings();
//!         // Notices (a forged file, a changed key...) are for the person to read.
//!         for n in &notices { eprintln!("{n}"); }
//!         # let _ = evenings;
//!     }
//!     other => eprintln!("{}", other.words(link.dir())),
//! }
//! // Whenever the person's shared choices change (a check-in saved):
//! link.publish(&evenings_to_share)?; // `Publish::Held` while not paired: try again later
//! // The same prompt on both machines: mix the couple's seed into the date's choice.
//! let _seed: Option<u64> = link.couple_seed();
//! // While the app runs: a signal within 2 seconds of a change in the folder.
//! let watcher = link.watch();
//! if watcher.changed() {
//!     link.refresh()?;
//!     let _ = link.partner_evenings();
//! }
//! # Ok(()) }
//! ```
//!
//! - [`Link::open`] gives `None` when the data folder is not paired. It reads only the data
//!   folder. Every other call reads the shared folder, a few small files and the partner's
//!   file when it changed; a network share that hangs (a hard NFS mount whose server went
//!   away) can make any file call wait, so the app should make these calls off the thread
//!   that draws. A [`Link`] is `Send`: open it and read the partner's file on a worker
//!   thread, after the first frame (ten years of evenings take about 8 to 12 ms here, see
//!   `benches/link.rs`).
//! - [`Link::status`]: [`Status::NotPaired`] (from [`status_of`]), `WaitingForPartner`,
//!   `AwaitingConfirmation { code }`, `Paired`, `KeyChanged`, `FolderMissing`, `Crowded`;
//!   [`Status::words`] says it to the person. A missing folder is a state, never an error.
//! - [`Link::publish`] merges the given evenings into this install's shared file (by date,
//!   the newer `updated` wins: see [`shared`]) and writes it; it writes nothing unless the
//!   status is `Paired`.
//! - [`Link::partner_evenings`] (an `Arc<Vec<_>>`: shared with the link's copy, not copied)
//!   reads only what verifies with the confirmed partner key; a
//!   file that does not is ignored with a [`Notice`]; one that may still be arriving is tried
//!   again later and reported only if it stays unreadable ([`Link::set_settle`]).
//! - Blind until both have answered is the app's to keep: the link hands over whatever the
//!   partner shared; show tonight's answer only once this person's own is saved. The link
//!   keeps the partner's evenings in memory only, never on disk.
//! - [`Link::couple_seed`] is the same on both machines once paired (and
//!   [`card::couple_seed`] for any two cards).
//! - [`Link::watch`] (or [`Watcher::start`] with a callback) signals changes.
//! - Pairing itself: [`pairing::begin`], [`Link::refresh`], [`Link::confirm`],
//!   [`pairing::unpair`]; the terminal dialogue of `nearer pair` is [`command`].
//!
//! # Files
//!
//! In the data folder, `link/` (0700): `identity` (this install's keys, 0600: see
//! [`identity`]) and `pairing.json` (the folder, the partner's confirmed keys: see
//! [`pairing`]). In the shared folder, `nearer/`: the cards ([`card`]) and the sealed files
//! ([`envelope`], [`shared`]); how names and conflict copies are read is in [`folder`].

pub mod card;
pub mod command;
pub mod envelope;
mod error;
pub mod files;
pub mod folder;
pub mod identity;
pub mod pairing;
pub mod partner;
pub mod shared;
mod sharing;
mod status;
pub mod watch;
pub mod words;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use envelope::OpenError;
pub use error::LinkError;
pub use identity::{Identity, InstallId};
pub use pairing::{PairingState, Unpaired, unpair};
pub use shared::{SharedEvening, SharedFile};
pub use sharing::Publish;
pub use status::{KeyChange, Notice, Status, Waiting};
pub use watch::Watcher;
pub use words::Code;

use card::{Card, FullCard};
use files::Stamp;

/// How long a file that does not decrypt may still be arriving before it is reported.
pub const SETTLE: Duration = Duration::from_secs(10);

/// A sealed file's evenings, or why it was not taken.
type Opened = Result<Arc<Vec<SharedEvening>>, OpenError>;

/// A data folder's link with the partner.
pub struct Link {
    data_dir: PathBuf,
    identity: Identity,
    state: PairingState,
    settle: Duration,
    /// Opened sealed files by path, with the stamp they had.
    cache: HashMap<PathBuf, (Stamp, Opened)>,
    /// The last version of each file that opened, for while a new one is still arriving.
    good: HashMap<PathBuf, Arc<Vec<SharedEvening>>>,
    /// The partner's evenings as last read, for when the folder is away.
    last: Arc<Vec<SharedEvening>>,
}

impl std::fmt::Debug for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Link")
            .field("data_dir", &self.data_dir)
            .field("identity", &self.identity)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// The status of a data folder that may not be paired at all.
pub fn status_of(link: Option<&mut Link>) -> Status {
    link.map_or(Status::NotPaired, Link::status)
}

impl Link {
    /// The link of the journal in `data_dir`, or `None` when it is not paired. Reads two
    /// small local files; never touches the shared folder, so it cannot block on it.
    pub fn open(data_dir: &Path) -> Result<Option<Link>, LinkError> {
        let Some(state) = PairingState::load(data_dir)? else {
            return Ok(None);
        };
        let identity = Identity::load(data_dir)?.ok_or_else(|| pairing::missing_keys(data_dir))?;
        Ok(Some(Link::from_parts(
            data_dir.to_path_buf(),
            identity,
            state,
        )))
    }

    fn from_parts(data_dir: PathBuf, identity: Identity, state: PairingState) -> Link {
        Link {
            data_dir,
            identity,
            state,
            settle: SETTLE,
            cache: HashMap::new(),
            good: HashMap::new(),
            last: Arc::default(),
        }
    }

    /// The shared folder.
    pub fn dir(&self) -> &Path {
        &self.state.dir
    }

    pub fn install_id(&self) -> &InstallId {
        self.identity.install_id()
    }

    /// The pairing as stored (the partner's confirmed keys, if any).
    pub fn state(&self) -> &PairingState {
        &self.state
    }

    /// How long an undecryptable file is given to finish arriving (default [`SETTLE`]).
    pub fn set_settle(&mut self, settle: Duration) {
        self.settle = settle;
    }

    /// This install's public card (its keys and install id).
    pub fn own_card(&self) -> FullCard {
        pairing::own_card(&self.identity)
    }

    /// The pairing's id, once the partner is confirmed.
    fn pair_id(&self) -> Option<[u8; 32]> {
        let partner = self.state.partner.as_ref()?;
        Some(card::pair_id(&self.own_card(), &partner.card))
    }

    /// The couple's seed: the same on both machines once the partner is confirmed (derived
    /// from both public cards; see [`card::couple_seed`]).
    pub fn couple_seed(&self) -> Option<u64> {
        let partner = self.state.partner.as_ref()?;
        Some(card::couple_seed(&self.own_card(), &partner.card))
    }

    /// The code for the two cards now in the folder, when both are revealed.
    pub fn code(&mut self) -> Option<Code> {
        match self.status() {
            Status::AwaitingConfirmation { code } => Some(code),
            _ => self
                .state
                .partner
                .as_ref()
                .map(|p| card::code(&self.own_card(), &p.card)),
        }
    }

    /// The person saw `code` on both screens and said yes: keep the partner's keys as
    /// confirmed and write this install's (empty) signed file, which tells the partner's
    /// machine. Refused if the cards changed since `code` was shown.
    pub fn confirm(&mut self, code: &Code) -> Result<(), LinkError> {
        let other = match self.status() {
            Status::AwaitingConfirmation { code: now } if &now == code => self.other_card(),
            _ => None,
        };
        let Some(other) = other else {
            return Err(LinkError::CodeChanged {
                dir: self.state.dir.clone(),
            });
        };
        self.state.partner = Some(pairing::Partner {
            card: other,
            they_confirmed: false,
        });
        self.state.save(&self.data_dir)?;
        self.write_own_file(&[]).map(|_| ())
    }

    /// The single other revealed card in the folder, if there is exactly one.
    fn other_card(&self) -> Option<FullCard> {
        let found = folder::scan(&self.state.dir).ok()?;
        let mut others = self
            .read_cards(&found)
            .into_iter()
            .filter(|(_, c)| &c.install_id != self.install_id());
        let (_, card) = others.next()?;
        if others.next().is_some() {
            return None;
        }
        card.full()
    }

    /// The cards in `found` (originals only) that parse, with their paths.
    fn read_cards(&self, found: &[folder::Found]) -> Vec<(PathBuf, Card)> {
        self.read_cards_noting(found, &mut Vec::new())
    }

    fn read_cards_noting(
        &self,
        found: &[folder::Found],
        notices: &mut Vec<Notice>,
    ) -> Vec<(PathBuf, Card)> {
        let mut cards = Vec::new();
        for f in found
            .iter()
            .filter(|f| f.kind == folder::Kind::Card && !f.copy)
        {
            let parsed = folder::read(&f.path)
                .map_err(|e| card::BadCard::Malformed(e.to_string()))
                .and_then(|bytes| Card::parse(&bytes));
            match parsed {
                Ok(card) if card.install_id == f.install_id => cards.push((f.path.clone(), card)),
                Ok(_) => notices.push(Notice::BadCard {
                    file: f.path.clone(),
                    why: card::BadCard::Malformed("its name is another install's".into()),
                }),
                Err(why) => notices.push(Notice::BadCard {
                    file: f.path.clone(),
                    why,
                }),
            }
        }
        cards
    }

    /// Watch the shared folder: a signal within 2 seconds of a change.
    pub fn watch(&self) -> Watcher {
        Watcher::start(&self.state.dir, None)
    }
}
