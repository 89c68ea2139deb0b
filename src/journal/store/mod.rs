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
//!   byte for byte, and values no screen could use are refused as the file is read;
//! - with a passphrase set, every file that holds the person's words is encrypted (age),
//!   and all of the above holds as it does for plain files (tests/lock.rs).
//!
//! One file per job: `error` (what went wrong, in words a person can act on), `read`
//! (opening and parsing a journal file), `check` (values outside the schema), `unknown`
//! (fields this nearer does not know), `atomic` (writes that a crash cannot tear, files
//! opened without following links), `lock` (the folder's lock), `owner` (whose the folder
//! is), `backups` (daily copies and restore), `drafts` (unfinished check-ins), `seal` (the
//! passphrase lock's key and encryption), `relock` (setting, changing and removing it).

mod atomic;
mod backups;
mod check;
mod drafts;
mod error;
mod lock;
pub mod owner;
mod read;
mod relock;
mod seal;
mod unknown;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use chrono::{Local, NaiveDate};

use super::model::{Journal, SCHEMA_VERSION};

use atomic::{create_private_dir, read_private, remove_stale_temporaries, write_private};
pub use atomic::{free_name, move_aside, write_atomic, write_atomic_with, write_rescue};
pub use backups::{Backup, Restored, list_backups};
pub use drafts::encode_drafts;
pub use error::StoreError;
use lock::Lock;
use read::{FileStamp, JournalFile, parse_full, read_journal_file, stamp_of};
pub use read::{
    parse_journal, read_journal, read_journal_bytes, read_journal_with, read_plain_bytes,
};
pub use relock::{Relocked, left_words, relock_pending};
pub use seal::{KEY_FILE, Key, KeyError, MAGIC, NO_RECOVERY, Passphrase, WORK_FACTOR, is_sealed};
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
    /// The folder has a passphrase (`key.age` is there).
    locked: AtomicBool,
    /// The folder's key, once the passphrase was given, and the key file's bytes as they
    /// were read (to put back should the file go while nearer runs).
    key: Mutex<Option<(Arc<Key>, Vec<u8>)>>,
    /// Saves and draft saves share this; setting, changing or removing the passphrase holds
    /// it alone, so no file is written while every file is rewritten.
    files: RwLock<()>,
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
            locked: AtomicBool::new(false),
            key: Mutex::new(None),
            files: RwLock::new(()),
        };
        // Holding the lock, any temporary file left here is from a save that was cut short.
        remove_stale_temporaries(&store.dir);
        remove_stale_temporaries(&store.backup_dir());
        // A change of the passphrase that was cut short is finished, or undone.
        store.finish_interrupted_relock();
        store.locked.store(
            fs::symlink_metadata(store.key_path()).is_ok(),
            Ordering::SeqCst,
        );
        Ok(store)
    }

    /// The file that keeps the folder's key, encrypted with the passphrase.
    pub fn key_path(&self) -> PathBuf {
        self.dir.join(KEY_FILE)
    }

    /// The journal has a passphrase: its files are encrypted.
    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    /// The journal has a passphrase, and it has not been given yet: nothing can be read or
    /// written until [`Store::enter_passphrase`].
    pub fn needs_passphrase(&self) -> bool {
        self.is_locked() && self.key.lock().expect("key lock").is_none()
    }

    /// Open a locked journal with its passphrase: one key derivation. A wrong passphrase
    /// changes nothing ([`StoreError::WrongPassphrase`]).
    pub fn enter_passphrase(&self, passphrase: &Passphrase) -> Result<(), StoreError> {
        let (key, bytes) = unlock_key_file(&self.dir, passphrase)?;
        *self.key.lock().expect("key lock") = Some((Arc::new(key), bytes));
        Ok(())
    }

    /// The folder's key, once the passphrase was given.
    pub fn key(&self) -> Option<Arc<Key>> {
        self.key
            .lock()
            .expect("key lock")
            .as_ref()
            .map(|(k, _)| Arc::clone(k))
    }

    /// The key to write with: none for a journal without a passphrase. A locked journal
    /// whose passphrase was not given is written by nothing. Should `key.age` have gone (or
    /// been replaced) while nearer had the journal open, it is put back first: without it,
    /// what nearer writes could not be opened.
    fn writing_key(&self) -> Result<Option<Arc<Key>>, StoreError> {
        if !self.is_locked() {
            return Ok(None);
        }
        let guard = self.key.lock().expect("key lock");
        let Some((key, bytes)) = guard.as_ref() else {
            return Err(StoreError::NeedsPassphrase {
                dir: self.dir.clone(),
            });
        };
        let path = self.key_path();
        let there = read_private(&path, seal::THE_KEY).ok().flatten();
        if there.as_deref() != Some(bytes.as_slice()) {
            write_private(&path, seal::THE_KEY, bytes)?;
            self.notice(format!(
                "{} was removed or changed while nearer had the journal open; nearer has put \
                 it back, so the journal still opens with its passphrase.",
                path.display()
            ));
        }
        Ok(Some(Arc::clone(key)))
    }

    /// Read a journal file of this folder (a backup, say), decrypting it when it is
    /// encrypted.
    pub fn read_other(&self, path: &Path) -> Result<Journal, StoreError> {
        read_journal_with(path, self.key().as_deref())
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
        if self.needs_passphrase() {
            return Err(StoreError::NeedsPassphrase {
                dir: self.dir.clone(),
            });
        }
        let path = self.journal_path();
        let stamp = stamp_of(&path);
        let bytes = match read_journal_file(&path, self.key().as_deref())? {
            JournalFile::Missing => {
                *self.seen.lock().expect("seen lock") = Some(None);
                return Ok(Journal::default());
            }
            JournalFile::InPieces(journal) => {
                // Read in pieces means: this version, and no field this nearer does not know.
                *self.seen.lock().expect("seen lock") = Some(stamp);
                *self.extras.lock().expect("extras lock") = Unknown::Known(Extras::default());
                return Ok(*journal);
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
        let kept = self.for_disk(original)?;
        write_private(&keep, "the original of an older journal", &kept)?;
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
        let _files = self.files.read().expect("files lock");
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

    /// The bytes as they go to disk: encrypted when the journal has a passphrase (and they
    /// are not already).
    fn for_disk<'a>(&self, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, [u8]>, StoreError> {
        match self.writing_key()? {
            Some(key) if !is_sealed(bytes) => key
                .seal(bytes)
                .map(std::borrow::Cow::Owned)
                .map_err(StoreError::io(&self.dir, "encrypting")),
            _ => Ok(std::borrow::Cow::Borrowed(bytes)),
        }
    }

    /// The journal's bytes as a save would write them, encrypted when the journal has a
    /// passphrase (for a copy kept elsewhere when the folder cannot be written).
    pub fn encode_for_disk(&self, journal: &Journal) -> Result<Vec<u8>, StoreError> {
        let bytes = self.encode(journal)?;
        Ok(self.for_disk(&bytes)?.into_owned())
    }

    /// The key file's bytes, when the journal has a passphrase (to go with a copy of the
    /// journal kept elsewhere).
    pub fn key_file_bytes(&self) -> Option<Vec<u8>> {
        let guard = self.key.lock().expect("key lock");
        guard.as_ref().map(|(_, bytes)| bytes.clone())
    }

    fn write(&self, journal: &Journal) -> Result<(), StoreError> {
        let path = self.journal_path();
        let key = self.writing_key()?;
        let plain = matches!(&*self.extras()?, Unknown::Known(extras) if extras.is_empty());
        if plain {
            // Written as it is encoded (and encrypted), so a save never holds a second copy
            // of the journal.
            write_atomic_with(&path, |out| {
                seal::sealed_with(key.as_deref(), out, |out| {
                    // An I/O error (a full disk) stays one, so the message can name it.
                    serde_json::to_writer_pretty(out, journal).map_err(io::Error::from)
                })
            })?;
        } else {
            let bytes = self.encode(journal)?;
            write_atomic_with(&path, |out| {
                seal::sealed_with(key.as_deref(), out, |out| out.write_all(&bytes))
            })?;
        }
        *self.seen.lock().expect("seen lock") = Some(stamp_of(&path));
        Ok(())
    }
}

/// Whether the journal folder `dir` has a passphrase (read without taking its lock, for
/// the commands that only read).
pub fn folder_is_locked(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(KEY_FILE)).is_ok()
}

/// The key of the journal folder `dir`, with its passphrase (one key derivation), and the
/// key file's bytes; read without taking the folder's lock.
pub fn unlock_key_file(dir: &Path, passphrase: &Passphrase) -> Result<(Key, Vec<u8>), StoreError> {
    let path = dir.join(KEY_FILE);
    let Some(bytes) = read_private(&path, seal::THE_KEY)? else {
        return Err(StoreError::NotLocked {
            dir: dir.to_path_buf(),
        });
    };
    match Key::unlock(&bytes, passphrase) {
        Ok(key) => Ok((key, bytes)),
        Err(KeyError::Wrong) => Err(StoreError::WrongPassphrase),
        Err(KeyError::TooMuchWork(n)) => Err(StoreError::KeyFile {
            path,
            reason: format!(
                "it asks for far more work to open (scrypt work factor {n}) than nearer gives \
                 a key"
            ),
        }),
        Err(KeyError::Damaged(reason)) => Err(StoreError::KeyFile { path, reason }),
    }
}
