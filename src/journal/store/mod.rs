//! The journal on disk: one JSON file, written atomically, guarded by a lock, never
//! overwritten when it cannot be read, kept in daily backups.
//!
//! What this module promises, and the tests that try to break it (tests/crash.rs,
//! tests/bad_files.rs, tests/two_copies.rs, tests/full_disk.rs, tests/backups.rs):
//! - a save leaves either the old file or the new one, never a mix (temporary file in the
//!   same folder, written, synced, renamed over the old one, folder synced);
//! - a file that cannot be read is never written over, and the error names it and says
//!   what to do;
//! - only one nearer at a time writes a journal folder (an OS lock, released by the OS when
//!   the process ends, however it ends, and made sure of at every save);
//! - the folder is the user's own and private, and nothing in it but the journal is
//!   followed through a link;
//! - before the first save of each day, the journal as it was is copied into `backups/`,
//!   and a version another program put in place is kept before it is written over (or not
//!   written over at all);
//! - fields this nearer does not know (from a newer nearer, or added by hand) are kept,
//!   byte for byte, and values no screen could use are refused as the file is read.
//!
//! One file per job: `error` (what went wrong, in words a person can act on), `read`
//! (opening and parsing a journal file), `check` (values outside the schema), `unknown`
//! (fields this nearer does not know), `atomic` (writes that a crash cannot tear, files
//! opened without following links), `lock` (the folder's lock), `owner` (whose the folder
//! is), `backups` (daily copies and restore), `drafts` (unfinished check-ins).

mod atomic;
mod backups;
mod check;
mod drafts;
mod error;
mod lock;
pub mod owner;
mod read;
mod unknown;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{Local, NaiveDate};

use super::model::{Journal, SCHEMA_VERSION};

use atomic::{create_private_dir, remove_stale_temporaries, write_private};
pub use atomic::{free_name, move_aside, write_atomic, write_atomic_with, write_rescue};
pub use backups::{Backup, Restored, list_backups};
pub use drafts::encode_drafts;
pub use error::StoreError;
use lock::Lock;
use read::{FileStamp, JournalFile, parse_full, read_journal_file, stamp_of};
pub use read::{parse_journal, read_journal, read_journal_bytes};
use unknown::{Extras, Unknown, extras_of, has_unknown_keys};

pub const JOURNAL_FILE: &str = "journal.json";
pub const LOCK_FILE: &str = "journal.lock";
/// The one draft an older nearer kept (read, then replaced by `DRAFTS_FILE`).
pub const DRAFT_FILE: &str = "draft.json";
/// Every unfinished evening's draft.
pub const DRAFTS_FILE: &str = "drafts.json";
/// The folder beside the journal that holds its daily backups.
pub const BACKUP_DIR: &str = "backups";
/// How many days of backups are kept.
pub const BACKUP_DAYS: usize = 7;
/// No journal is this large (ten years of long evenings is a few tens of megabytes); a file
/// this size is something else, and reading it could exhaust memory.
pub const MAX_JOURNAL_BYTES: u64 = 256 * 1024 * 1024;

/// The open journal folder. While a `Store` lives, it holds the folder's lock.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    lock: Lock,
    /// Fields in the file that this nearer does not know, put back on every save.
    extras: Mutex<Unknown>,
    /// The day a backup was last made sure of, so a save checks at most once a day.
    backed_up: Mutex<Option<NaiveDate>>,
    /// Why the last daily backup failed, so the person hears of each trouble once.
    backup_trouble: Mutex<Option<String>>,
    /// Things the person should hear about (a migration, a file changed by another
    /// program).
    notices: Mutex<Vec<String>>,
    /// The journal file as nearer last read or wrote it (`Some(None)`: there was none), to
    /// notice when something else replaced it in between.
    seen: Mutex<Option<Option<FileStamp>>>,
}

impl Store {
    /// Create the folder if needed (mode 0700), make sure it is the user's own and private,
    /// and take its lock.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        create_private_dir(dir)?;
        // Before anything is written there: a folder of another user's is left as it is.
        let made_private = owner::check_folder(dir)?;
        let lock = Lock::take(dir)?;
        let store = Store {
            dir: dir.to_path_buf(),
            lock,
            extras: Mutex::new(Unknown::Known(Extras::default())),
            backed_up: Mutex::new(None),
            backup_trouble: Mutex::new(None),
            notices: Mutex::new(made_private.into_iter().collect()),
            seen: Mutex::new(None),
        };
        // Holding the lock, any temporary file left here is from a save that was cut short.
        remove_stale_temporaries(&store.dir);
        remove_stale_temporaries(&store.backup_dir());
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn journal_path(&self) -> PathBuf {
        self.dir.join(JOURNAL_FILE)
    }

    pub fn backup_dir(&self) -> PathBuf {
        self.dir.join(BACKUP_DIR)
    }

    /// Read the journal; a missing file is an empty journal. A journal from an older
    /// nearer is brought up to date, after its original is copied beside it.
    pub fn load(&self) -> Result<Journal, StoreError> {
        let path = self.journal_path();
        let stamp = stamp_of(&path);
        let bytes = match read_journal_file(&path)? {
            JournalFile::Missing => {
                *self.seen.lock().expect("seen lock") = Some(None);
                return Ok(Journal::default());
            }
            JournalFile::InPieces(journal) => {
                // Read in pieces means: this version, and no field this nearer does not know.
                *self.seen.lock().expect("seen lock") = Some(stamp);
                *self.extras.lock().expect("extras lock") = Unknown::Known(Extras::default());
                return Ok(journal);
            }
            JournalFile::Whole(bytes) => bytes,
        };
        let parsed = parse_full(&path, &bytes)?;
        *self.seen.lock().expect("seen lock") = Some(stamp);
        if parsed.from_version < SCHEMA_VERSION {
            let extras = extras_of(&bytes).map_err(|e| self.extras_lost(&e))?;
            *self.extras.lock().expect("extras lock") = Unknown::Known(extras);
            self.migrate(&bytes, &parsed.journal, parsed.from_version)?;
        } else {
            *self.extras.lock().expect("extras lock") = Unknown::Unread(bytes);
        }
        Ok(parsed.journal)
    }

    /// Keep the original of an older journal as `journal.vN.json`, then write it anew.
    fn migrate(&self, original: &[u8], journal: &Journal, from: u32) -> Result<(), StoreError> {
        let keep = free_name(&self.dir, &format!("journal.v{from}"), "json");
        write_private(&keep, "the original of an older journal", original)?;
        self.write(journal)?;
        self.notices.lock().expect("notices lock").push(format!(
            "Your journal was written by an older nearer and is now brought up to date. \
             The original is kept as {}.",
            keep.display()
        ));
        Ok(())
    }

    /// Keep a message for the person, shown in the app once it is open.
    pub fn notice(&self, text: String) {
        self.notices.lock().expect("notices lock").push(text);
    }

    /// Messages for the person gathered while opening (once each).
    pub fn take_notices(&self) -> Vec<String> {
        std::mem::take(&mut *self.notices.lock().expect("notices lock"))
    }

    /// Replace the journal atomically, keeping a backup of the day first.
    pub fn save(&self, journal: &Journal) -> Result<(), StoreError> {
        self.save_on(journal, Local::now().date_naive())
    }

    /// As [`Store::save`], with today's date given (for tests of the daily backups).
    pub fn save_on(&self, journal: &Journal, today: NaiveDate) -> Result<(), StoreError> {
        // The lock first: with it gone to another nearer, nothing here may be written.
        if let Some(notice) = self.lock.make_sure()?
            && self.journal_path().exists()
        {
            // (With the journal gone too, the whole folder was: the save says the rest.)
            self.notice(notice);
        }
        // A backup that cannot be written does not stop the save: the person's new words
        // matter more, and the next save tries the backup again. But they hear of it, once
        // the save is done (a save that fails says more, and must not be hidden).
        let backup = self.ensure_backup(today);
        // A version another program put in place is kept first, or not written over.
        self.keep_a_version_written_elsewhere(today)?;
        self.write(journal)?;
        let mut trouble = self.backup_trouble.lock().expect("trouble lock");
        match backup {
            Ok(()) => *trouble = None,
            Err(e) => {
                let words = format!(
                    "Today's backup of the journal could not be written: {}. The journal itself \
                     is saved, and nearer tries the backup again at the next save.",
                    e.short().trim_end_matches('.')
                );
                if trouble.as_deref() != Some(words.as_str()) {
                    *trouble = Some(words.clone());
                    self.notice(words);
                }
            }
        }
        Ok(())
    }

    /// The fields of the file as read that this nearer does not know, worked out from its
    /// bytes the first time they are needed. When they cannot be, nothing may be saved over
    /// them: the error says so (and the bytes stay, for the next try).
    fn extras(&self) -> Result<std::sync::MutexGuard<'_, Unknown>, StoreError> {
        let mut unknown = self.extras.lock().expect("extras lock");
        if let Unknown::Unread(bytes) = &*unknown {
            // Most journals hold only fields this nearer knows: a scan of the keys tells,
            // without reading any value.
            let extras = if has_unknown_keys(bytes) {
                extras_of(bytes).map_err(|e| self.extras_lost(&e))?
            } else {
                Extras::default()
            };
            *unknown = Unknown::Known(extras);
        }
        Ok(unknown)
    }

    fn extras_lost(&self, e: &serde_json::Error) -> StoreError {
        StoreError::Io {
            path: self.journal_path(),
            action: "keeping the fields nearer does not know in",
            error: io::Error::other(e.to_string()),
        }
    }

    /// The bytes a save writes: the journal, with any fields this nearer does not know.
    pub fn encode(&self, journal: &Journal) -> Result<Vec<u8>, StoreError> {
        let unknown = self.extras()?;
        let Unknown::Known(extras) = &*unknown else {
            unreachable!("worked out by extras()")
        };
        let encoded = if extras.is_empty() {
            serde_json::to_vec_pretty(journal)
        } else {
            serde_json::to_value(journal)
                .and_then(|known| serde_json::to_vec_pretty(&extras.merged(&known)))
        };
        encoded.map_err(|e| StoreError::Io {
            path: self.journal_path(),
            action: "encoding",
            error: io::Error::other(e),
        })
    }

    fn write(&self, journal: &Journal) -> Result<(), StoreError> {
        let path = self.journal_path();
        let plain = matches!(&*self.extras()?, Unknown::Known(extras) if extras.is_empty());
        if plain {
            // Written as it is encoded, so a save never holds a second copy of the journal.
            write_atomic_with(&path, |out| {
                // An I/O error (a full disk) stays one, so the message can name it.
                serde_json::to_writer_pretty(out, journal).map_err(io::Error::from)
            })?;
        } else {
            write_atomic(&path, &self.encode(journal)?)?;
        }
        *self.seen.lock().expect("seen lock") = Some(stamp_of(&path));
        Ok(())
    }
}
