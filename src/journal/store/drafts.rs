//! Unfinished check-ins, kept beside the journal.

use std::fs;
use std::io;
use std::path::PathBuf;

use super::atomic::{free_name, read_private, write_private};
use super::{DRAFT_FILE, Store, StoreError};

/// What a draft is, in messages about a link in its place.
const THE_DRAFT: &str = "the draft of a check-in";

impl Store {
    pub fn draft_path(&self) -> PathBuf {
        self.dir.join(DRAFT_FILE)
    }

    pub fn save_draft<T: serde::Serialize>(&self, draft: &T) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec_pretty(draft).map_err(|e| StoreError::Io {
            path: self.draft_path(),
            action: "encoding",
            error: io::Error::other(e),
        })?;
        write_private(&self.draft_path(), THE_DRAFT, &bytes)
    }

    /// The draft, if one parses. One that does not is moved aside, not deleted.
    pub fn load_draft<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        let path = self.draft_path();
        let bytes = match read_private(&path, THE_DRAFT) {
            Ok(bytes) => bytes?,
            Err(e) => {
                // A link (or a pipe) where the draft should be is not read, and is said.
                self.notice(e.short());
                return None;
            }
        };
        match serde_json::from_slice(&bytes) {
            Ok(d) => Some(d),
            Err(_) => {
                let aside = free_name(&self.dir, DRAFT_FILE, "unreadable");
                let _ = fs::rename(&path, aside);
                None
            }
        }
    }

    pub fn clear_draft(&self) -> Result<(), StoreError> {
        let path = self.draft_path();
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(StoreError::io(&path, "removing the draft")(e)),
        }
    }
}
