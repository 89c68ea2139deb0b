//! Pairing: this install's card into the folder, the other install's card out of it, the
//! code compared, and what was confirmed kept in `link/pairing.json` (mode 0600):
//!
//! ```json
//! {"version":1,"dir":"/home/zoe/Sync/us",
//!  "seen":{"install_id":"…","commit":"<64 hex>"},
//!  "partner":{"install_id":"…","age":"age1…","ed25519":"<64 hex>","confirmed":true,
//!             "they_confirmed":true}}
//! ```
//!
//! `seen` is the other install's commitment as first seen (this install reveals its own
//! keys only after it is recorded, and never accepts other keys for it); `partner` is
//! written only when the person answered yes to the code; `they_confirmed` once the
//! partner's signed file was seen, which says they answered yes on their machine.
//!
//! Steps, each safe to repeat and to interrupt (every write is atomic):
//! 1. [`begin`]: new keys, the card with only its commitment, `pairing.json` with `dir`.
//! 2. [`super::Link::refresh`]: once exactly one other card is there, record its
//!    commitment in `seen`, then reveal this install's keys in its card.
//! 3. Both cards revealed: [`super::Link::status`] is `AwaitingConfirmation { code }`.
//! 4. [`super::Link::confirm`] with the code the person saw: `partner` written, and this
//!    install's (empty) signed file, which tells the partner's machine.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::LinkError;
use super::card::{Card, FullCard, PublicKeys};
use super::files::{self, hex, unhex};
use super::folder::{self, Kind};
use super::identity::{self, IDENTITY_FILE, Identity, InstallId};

pub const PAIRING_FILE: &str = "pairing.json";
const STATE_VERSION: u32 = 1;

/// What this install knows about its pairing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairingState {
    /// The shared folder (absolute).
    pub dir: PathBuf,
    /// The other install's card as first seen: its id and commitment.
    pub seen: Option<(InstallId, [u8; 32])>,
    /// The partner, once the person confirmed the code.
    pub partner: Option<Partner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    pub card: FullCard,
    /// The partner's signed file was seen: they confirmed too.
    pub they_confirmed: bool,
}

#[derive(Serialize, Deserialize)]
struct StateJson {
    version: u32,
    dir: PathBuf,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seen: Option<SeenJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    partner: Option<PartnerJson>,
}

#[derive(Serialize, Deserialize)]
struct SeenJson {
    install_id: InstallId,
    commit: String,
}

#[derive(Serialize, Deserialize)]
struct PartnerJson {
    install_id: InstallId,
    age: String,
    ed25519: String,
    confirmed: bool,
    #[serde(default)]
    they_confirmed: bool,
}

pub fn state_path(data_dir: &Path) -> PathBuf {
    identity::link_dir(data_dir).join(PAIRING_FILE)
}

impl PairingState {
    pub fn load(data_dir: &Path) -> Result<Option<PairingState>, LinkError> {
        let path = state_path(data_dir);
        let Some(bytes) = files::read_private(&path, 1024 * 1024)? else {
            return Ok(None);
        };
        let damaged = |why: String| LinkError::Damaged {
            path: path.clone(),
            why: format!("{why}; run `nearer unpair`, then `nearer pair DIR` again"),
        };
        let json: StateJson = serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
        if json.version != STATE_VERSION {
            return Err(damaged(format!(
                "it is version {}, from a newer nearer (update nearer instead of unpairing)",
                json.version
            )));
        }
        let seen = match json.seen {
            None => None,
            Some(s) => Some((
                s.install_id,
                unhex::<32>(&s.commit).ok_or_else(|| damaged("`seen.commit` is wrong".into()))?,
            )),
        };
        let partner = match json.partner {
            Some(p) if p.confirmed => Some(Partner {
                card: FullCard {
                    keys: parse_keys(&p.age, &p.ed25519)
                        .ok_or_else(|| damaged("the partner's keys are wrong".into()))?,
                    install_id: p.install_id,
                },
                they_confirmed: p.they_confirmed,
            }),
            _ => None,
        };
        Ok(Some(PairingState {
            dir: json.dir,
            seen,
            partner,
        }))
    }

    pub fn save(&self, data_dir: &Path) -> Result<(), LinkError> {
        let json = StateJson {
            version: STATE_VERSION,
            dir: self.dir.clone(),
            seen: self.seen.as_ref().map(|(id, commit)| SeenJson {
                install_id: id.clone(),
                commit: hex(commit),
            }),
            partner: self.partner.as_ref().map(|p| PartnerJson {
                install_id: p.card.install_id.clone(),
                age: p.card.keys.age.to_string(),
                ed25519: hex(p.card.keys.ed25519.as_bytes()),
                confirmed: true,
                they_confirmed: p.they_confirmed,
            }),
        };
        let mut bytes = serde_json::to_vec_pretty(&json).expect("state serialises");
        bytes.push(b'\n');
        files::write_atomic(&state_path(data_dir), &bytes)
    }
}

fn parse_keys(age: &str, ed: &str) -> Option<PublicKeys> {
    Some(PublicKeys {
        age: age.parse().ok()?,
        ed25519: unhex::<32>(ed).and_then(|b| ed25519_dalek::VerifyingKey::from_bytes(&b).ok())?,
    })
}

/// The absolute form of `dir`, checked to be a folder that is not the data folder nor
/// holds it, nor lies inside it.
pub fn check_dir(data_dir: &Path, dir: &Path) -> Result<PathBuf, LinkError> {
    let abs = match fs::canonicalize(dir) {
        Ok(p) if p.is_dir() => p,
        Ok(p) => {
            return Err(LinkError::Refused {
                path: p,
                why: "is not a folder; give the folder you and your partner both sync".into(),
            });
        }
        Err(_) => {
            return Err(LinkError::FolderMissing {
                dir: dir.to_path_buf(),
            });
        }
    };
    // The data folder may not exist yet: then where it would be.
    let data = fs::canonicalize(data_dir).or_else(|_| std::path::absolute(data_dir));
    if let Ok(data) = data
        && (abs.starts_with(&data) || data.starts_with(&abs))
    {
        return Err(LinkError::Refused {
            path: abs,
            why: format!(
                "holds nearer's data folder {} or lies inside it: your journal and keys would \
                 be synced. Choose a folder of its own for the two of you",
                data.display()
            ),
        });
    }
    Ok(abs)
}

/// Start pairing this journal through `dir` (or carry on, when it already is).
///
/// Makes this install's keys if it has none, writes its card (commitment only) into
/// `dir/nearer/` and `link/pairing.json`. Refuses a data folder already paired through
/// another folder, unless that folder holds this install's card (the same folder, moved or
/// seen from another of the person's machines).
pub fn begin(data_dir: &Path, dir: &Path) -> Result<super::Link, LinkError> {
    let abs = check_dir(data_dir, dir)?;
    files::ensure_private_dir(data_dir)?;
    files::ensure_private_dir(&identity::link_dir(data_dir))?;
    if let Some(mut state) = PairingState::load(data_dir)? {
        let identity = Identity::load(data_dir)?.ok_or_else(|| missing_keys(data_dir))?;
        if state.dir != abs {
            let own =
                folder::nearer_dir(&abs).join(folder::file_name(identity.install_id(), Kind::Card));
            let ours = folder::read(&own)
                .ok()
                .and_then(|b| Card::parse(&b).ok())
                .is_some_and(|c| c.commit == own_card(&identity).commitment());
            if !ours {
                return Err(LinkError::AlreadyPaired { dir: state.dir });
            }
            state.dir = abs;
            state.save(data_dir)?;
        }
        let mut link = super::Link::from_parts(data_dir.to_path_buf(), identity, state);
        link.refresh()?;
        return Ok(link);
    }
    // A new pairing gets new keys: keys revealed to an earlier pairing must not be
    // committed to again (see `card`).
    let old = identity::link_dir(data_dir).join(IDENTITY_FILE);
    if fs::symlink_metadata(&old).is_ok() {
        fs::remove_file(&old).map_err(LinkError::io(&old, "replacing"))?;
    }
    let identity = Identity::load_or_create(data_dir)?;
    let state = PairingState {
        dir: abs,
        seen: None,
        partner: None,
    };
    folder::write_own(
        &state.dir,
        identity.install_id(),
        Kind::Card,
        &Card::sealed(&own_card(&identity)).to_json(),
    )?;
    state.save(data_dir)?;
    let mut link = super::Link::from_parts(data_dir.to_path_buf(), identity, state);
    link.refresh()?;
    Ok(link)
}

pub fn own_card(identity: &Identity) -> FullCard {
    FullCard {
        install_id: identity.install_id().clone(),
        keys: identity.public(),
    }
}

pub fn missing_keys(data_dir: &Path) -> LinkError {
    LinkError::Damaged {
        path: identity::link_dir(data_dir).join(IDENTITY_FILE),
        why: "it is missing, though this journal is paired; put back a copy if you have one, \
              or run `nearer unpair`, then `nearer pair DIR` again"
            .into(),
    }
}

/// What `unpair` did.
#[derive(Debug, Default)]
pub struct Unpaired {
    /// The shared folder, if the journal was paired.
    pub dir: Option<PathBuf>,
    /// This install's id (its files' names in the folder), if its keys were there.
    pub install_id: Option<InstallId>,
    /// This install's files removed from it.
    pub removed: Vec<PathBuf>,
    /// The shared folder was not there, so nothing in it could be removed.
    pub dir_missing: bool,
    /// Local files removed (`pairing.json`, the keys).
    pub local: Vec<PathBuf>,
    /// `pairing.json` did not read (damaged, from a newer nearer, a link planted in its
    /// place); the shared folder is known only if the file still names it.
    pub unreadable: bool,
}

/// Stop sharing: remove this install's files from the shared folder (its card, its shared
/// file and their copies; never the partner's), then its pairing state and keys.
///
/// A `pairing.json` that does not read does not stand in the way: unpairing is what its
/// error says to do. The folder it names, if it still names one, is cleaned as usual.
pub fn unpair(data_dir: &Path) -> Result<Unpaired, LinkError> {
    let mut done = Unpaired::default();
    let state = match PairingState::load(data_dir) {
        Ok(state) => state.map(|s| s.dir),
        Err(LinkError::Damaged { .. } | LinkError::Refused { .. }) => {
            done.unreadable = true;
            named_dir(&state_path(data_dir))
        }
        Err(e) => return Err(e),
    };
    let identity = Identity::load(data_dir).ok().flatten();
    done.install_id = identity.as_ref().map(|i| i.install_id().clone());
    if let (Some(dir), Some(identity)) = (&state, &identity) {
        done.dir = Some(dir.clone());
        match folder::scan(dir) {
            Err(_) => done.dir_missing = true,
            Ok(found) => {
                for f in found
                    .iter()
                    .filter(|f| &f.install_id == identity.install_id())
                {
                    fs::remove_file(&f.path).map_err(LinkError::io(&f.path, "removing"))?;
                    done.removed.push(f.path.clone());
                }
            }
        }
    } else if let Some(dir) = &state {
        done.dir = Some(dir.clone());
    }
    let link = identity::link_dir(data_dir);
    for name in [PAIRING_FILE, IDENTITY_FILE] {
        let path = link.join(name);
        if fs::symlink_metadata(&path).is_ok() {
            fs::remove_file(&path).map_err(LinkError::io(&path, "removing"))?;
            done.local.push(path);
        }
    }
    Ok(done)
}

/// The shared folder a `pairing.json` that does not load still names, if any: read only
/// when it is a plain file (never through a link), as JSON with an absolute `dir`.
fn named_dir(path: &Path) -> Option<PathBuf> {
    let bytes = files::read_private(path, 1024 * 1024).ok()??;
    let json: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let dir = PathBuf::from(json.get("dir")?.as_str()?);
    dir.is_absolute().then_some(dir)
}
