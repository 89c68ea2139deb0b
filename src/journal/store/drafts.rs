//! Unfinished check-ins, kept beside the journal: `drafts.json`, one draft per evening,
//! written atomically. A `draft.json` from an older nearer (one draft) is read too, and
//! goes once its draft is kept in `drafts.json`.

use std::fs;
use std::io;
use std::path::PathBuf;

use super::atomic::{free_name, read_private, write_private};
use super::{DRAFT_FILE, DRAFTS_FILE, Store, StoreError};
use crate::journal::draft::{Draft, Drafts, DraftsFile};

/// What the drafts are, in messages about a link in their place.
const THE_DRAFTS: &str = "the unfinished check-ins";

impl Store {
    pub fn drafts_path(&self) -> PathBuf {
        self.dir.join(DRAFTS_FILE)
    }

    fn old_draft_path(&self) -> PathBuf {
        self.dir.join(DRAFT_FILE)
    }

    /// Write every unfinished evening's draft (none: the file goes).
    pub fn save_drafts(&self, drafts: &Drafts) -> Result<(), StoreError> {
        let _files = self.files.read().expect("files lock");
        // A locked journal whose passphrase was not given: nothing written, nothing removed.
        self.writing_key()?;
        let path = self.drafts_path();
        if drafts.is_empty() {
            remove_if_there(&path)?;
        } else {
            let bytes = encode_drafts(drafts).map_err(|e| StoreError::Io {
                path: path.clone(),
                action: "encoding",
                error: io::Error::other(e),
            })?;
            write_private(&path, THE_DRAFTS, &self.for_disk(&bytes)?)?;
        }
        // The older single draft, if any, is in what was just written.
        remove_if_there(&self.old_draft_path())
    }

    /// The drafts, from `drafts.json` and an older `draft.json`. A file that cannot be read
    /// as drafts is moved aside, never deleted, and the returned notices say where.
    pub fn load_drafts(&self) -> (Drafts, Vec<String>) {
        if self.needs_passphrase() {
            // Never moved aside for want of the key: they are read once it is given.
            return (Drafts::default(), Vec::new());
        }
        let mut notices = Vec::new();
        let mut all = DraftsFile {
            version: crate::journal::draft::DRAFTS_VERSION,
            drafts: Vec::new(),
            together: Vec::new(),
            state_of_us: None,
        };
        let path = self.drafts_path();
        match self.read_drafts_file(&path, |bytes| serde_json::from_slice::<DraftsFile>(bytes)) {
            Ok(Some(file)) => {
                all.drafts.extend(file.drafts);
                all.together.extend(file.together);
                all.state_of_us = file.state_of_us;
            }
            Ok(None) => {}
            Err(notice) => notices.push(notice),
        }
        let old = self.old_draft_path();
        match self.read_drafts_file(&old, |bytes| {
            serde_json::from_slice::<Draft>(bytes).map(|d| DraftsFile {
                version: crate::journal::draft::DRAFTS_VERSION,
                drafts: vec![d],
                together: Vec::new(),
                state_of_us: None,
            })
        }) {
            Ok(Some(file)) => all.drafts.extend(file.drafts),
            Ok(None) => {}
            Err(notice) => notices.push(notice),
        }
        (Drafts::from_file(all), notices)
    }

    /// A draft file's plain bytes: decrypted when it is encrypted (or why it cannot be).
    fn unseal(&self, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
        if !super::is_sealed(&bytes) {
            return Ok(bytes);
        }
        let Some(key) = self.key() else {
            return Err("it is encrypted, and nearer has no key to open it".into());
        };
        let mut plain = Vec::new();
        let read = key.reader(&bytes[..]).and_then(|mut r| {
            io::Read::read_to_end(&mut r, &mut plain).map_err(|e| super::seal::read_words(&e))
        });
        read.map(|_| plain)
    }

    fn read_drafts_file(
        &self,
        path: &std::path::Path,
        parse: impl FnOnce(&[u8]) -> serde_json::Result<DraftsFile>,
    ) -> Result<Option<DraftsFile>, String> {
        let bytes = match read_private(path, THE_DRAFTS) {
            Ok(None) => return Ok(None),
            Ok(Some(bytes)) => bytes,
            Err(e) => return Err(format!("The unfinished check-ins could not be read: {e}")),
        };
        let parsed = self
            .unseal(bytes)
            .and_then(|plain| parse(&plain).map_err(|e| e.to_string()));
        let problem = match parsed {
            Ok(file) => {
                let bad = (file
                    .drafts
                    .iter()
                    .find_map(|d| Some((d.date, d.problem()?))))
                .or_else(|| {
                    file.together
                        .iter()
                        .find_map(|d| Some((d.date, d.problem()?)))
                })
                .or_else(|| (file.state_of_us.as_ref()).and_then(|d| Some((d.date, d.problem()?))));
                match bad {
                    None => return Ok(Some(file)),
                    Some((date, p)) => format!("the draft for {date} has {p}"),
                }
            }
            Err(e) => e,
        };
        let name = path
            .file_name()
            .map_or("drafts".into(), |n| n.to_string_lossy().into_owned());
        let aside = free_name(&self.dir, &name, "unreadable");
        match fs::rename(path, &aside) {
            Ok(()) => Err(format!(
                "{} could not be read as unfinished check-ins ({problem}). nearer moved it \
                 aside, unchanged, to {}.",
                path.display(),
                aside.display()
            )),
            Err(e) => Err(format!(
                "{} could not be read as unfinished check-ins ({problem}), and could not be \
                 moved aside ({e}). nearer leaves it as it is.",
                path.display()
            )),
        }
    }
}

impl Store {
    /// The bytes of the drafts file as a save writes them: encrypted when the journal has
    /// a passphrase (for a copy kept elsewhere).
    pub fn encode_drafts_for_disk(&self, drafts: &Drafts) -> Result<Vec<u8>, StoreError> {
        let bytes = encode_drafts(drafts).map_err(|e| StoreError::Io {
            path: self.drafts_path(),
            action: "encoding",
            error: io::Error::other(e),
        })?;
        Ok(self.for_disk(&bytes)?.into_owned())
    }
}

/// The bytes of the drafts file.
pub fn encode_drafts(drafts: &Drafts) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec_pretty(&drafts.to_file())
}

fn remove_if_there(path: &std::path::Path) -> Result<(), StoreError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(path, "removing the draft")(e)),
    }
}
