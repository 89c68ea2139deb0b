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
//!   the process ends, however it ends);
//! - before the first save of each day, the journal as it was is copied into `backups/`;
//! - fields this nearer does not know (from a newer nearer, or added by hand) are kept.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{Local, NaiveDate};
use serde::Deserialize;
use serde_json::{Map, Value};
use thiserror::Error;

use super::model::{Journal, SCHEMA_VERSION};

pub const JOURNAL_FILE: &str = "journal.json";
pub const LOCK_FILE: &str = "journal.lock";
pub const DRAFT_FILE: &str = "draft.json";
/// The folder beside the journal that holds its daily backups.
pub const BACKUP_DIR: &str = "backups";
/// How many days of backups are kept.
pub const BACKUP_DAYS: usize = 7;
/// No journal is this large (ten years of long evenings is a few tens of megabytes); a file
/// this size is something else, and reading it could exhaust memory.
pub const MAX_JOURNAL_BYTES: u64 = 256 * 1024 * 1024;

const TMP_PREFIX: &str = ".nearer-";
const TMP_SUFFIX: &str = ".tmp";

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "{path} cannot be read as a nearer journal (line {line}, column {column}: {reason}). \
         nearer has not changed it. {}",
        what_to_do(.path)
    )]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        reason: String,
    },
    #[error(
        "{path} is not text (it has bytes that are not UTF-8 at line {line}, column {column}), \
         so it is not a nearer journal; another program may have written over it. \
         nearer has not changed it. {}",
        what_to_do(.path)
    )]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error(
        "{path} is empty. nearer has not changed it. If it should hold entries, put back a \
         backup (`nearer backups` lists them); otherwise delete it to start a new journal."
    )]
    Empty { path: PathBuf },
    #[error(
        "{path} was written by a newer nearer (journal version {found}; this one reads up to \
         version {supported}). nearer has not changed it. Update nearer to open it."
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "{path} is {}, far larger than any nearer journal, so nearer has not opened it \
         (and has not changed it). Check that it is the right file; to start a new journal, \
         move it aside: mv '{path}' '{path}.large'",
        human_size(.size)
    )]
    TooLarge { path: PathBuf, size: u64 },
    #[error(
        "{path} is {what}. nearer has not changed it. Move it aside so nearer can use that \
         place: mv '{path}' '{path}.moved'"
    )]
    NotAFile { path: PathBuf, what: String },
    #[error(
        "{path} is a link to {target}, which does not exist. nearer has not changed it. \
         Put the journal back where the link points, or remove the link (rm '{path}') to \
         start a new journal."
    )]
    BrokenLink { path: PathBuf, target: PathBuf },
    #[error(
        "the journal in {dir} is open in another nearer{}. Close that one first, then start \
         this one again: two copies would overwrite each other's entries.{}",
        .holder.map_or(String::new(), |p| format!(" (process {p})")),
        .holder.map_or(String::new(), |p| format!(" If that nearer is stuck, `kill {p}` ends it."))
    )]
    Locked { dir: PathBuf, holder: Option<u32> },
    #[error(
        "there is no backup named {name} in {}. `nearer backups` lists the ones there are.",
        .dir.display()
    )]
    NoSuchBackup { dir: PathBuf, name: String },
    #[error("{}", describe_io(.path, .action, .source))]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
}

impl StoreError {
    fn io<'a>(path: &'a Path, action: &'static str) -> impl FnOnce(io::Error) -> StoreError + 'a {
        move |source| StoreError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }

    /// The journal file is there but cannot be used as it is: the person has to choose what
    /// to do with it (fix it, put back a backup, move it aside).
    pub fn is_unreadable_journal(&self) -> bool {
        matches!(
            self,
            StoreError::Parse { .. }
                | StoreError::NotUtf8 { .. }
                | StoreError::Empty { .. }
                | StoreError::TooLarge { .. }
                | StoreError::NotAFile { .. }
                | StoreError::BrokenLink { .. }
        )
    }

    /// The file the error is about, when there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            StoreError::Parse { path, .. }
            | StoreError::NotUtf8 { path, .. }
            | StoreError::Empty { path }
            | StoreError::NewerVersion { path, .. }
            | StoreError::TooLarge { path, .. }
            | StoreError::NotAFile { path, .. }
            | StoreError::BrokenLink { path, .. }
            | StoreError::Io { path, .. } => Some(path),
            StoreError::Locked { .. } | StoreError::NoSuchBackup { .. } => None,
        }
    }

    /// What went wrong, in a few words (no advice).
    pub fn reason(&self) -> String {
        match self {
            StoreError::Io { path, source, .. } => io_words(source, path).0,
            other => other.to_string(),
        }
    }

    /// A short line for the app's notice: what went wrong and what the person can do.
    pub fn short(&self) -> String {
        match self {
            StoreError::Io { path, source, .. } => {
                let (what, todo) = io_words(source, path);
                format!("{what}. {todo}")
            }
            other => other.to_string(),
        }
    }
}

fn what_to_do(path: &Path) -> String {
    let p = path.display();
    format!(
        "You can fix it in a text editor, put back a backup (`nearer backups` lists them), \
         or move it aside to start a new journal: mv '{p}' '{p}.broken'"
    )
}

/// What an I/O error means for the person, and what they can do about it.
fn io_words(e: &io::Error, path: &Path) -> (String, String) {
    let dir = path.parent().unwrap_or(Path::new(".")).display();
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => (
            "the disk is full".into(),
            "Free some space; nearer tries again on its own".into(),
        ),
        io::ErrorKind::FileTooLarge => (
            "the file is larger than this system allows nearer to write".into(),
            "Raise the file size limit (ulimit -f) or free space; nearer tries again on its own"
                .into(),
        ),
        io::ErrorKind::ReadOnlyFilesystem => (
            format!("the disk holding {dir} is read-only"),
            "Make it writable; nearer tries again on its own".into(),
        ),
        io::ErrorKind::PermissionDenied => (
            format!("nearer is not allowed to write in {dir}"),
            "Check the folder's owner and permissions; nearer tries again on its own".into(),
        ),
        io::ErrorKind::NotADirectory => (
            format!("{dir} is not a folder"),
            "Move it aside, or give nearer another folder with --data-dir".into(),
        ),
        io::ErrorKind::NotFound => (
            format!("the folder {dir} is gone"),
            format!("Create it again (mkdir -p '{dir}'); nearer tries again on its own"),
        ),
        _ => (format!("{e}"), "nearer tries again on its own".into()),
    }
}

fn describe_io(path: &Path, action: &str, source: &io::Error) -> String {
    // The system's own words for the error follow, as the error's source.
    let (what, _) = io_words(source, path);
    format!("{action} {} failed: {what}", path.display())
}

fn human_size(bytes: &u64) -> String {
    let bytes = *bytes;
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1024.0 && unit < UNITS.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{size:.1} {}", UNITS[unit])
    }
}

/// The open journal folder. While a `Store` lives, it holds the folder's lock.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    _lock: File,
    /// Fields in the file that this nearer does not know, put back on every save.
    extras: Mutex<Unknown>,
    /// The day a backup was last made sure of, so a save checks at most once a day.
    backed_up: Mutex<Option<NaiveDate>>,
    /// Things the person should hear about (a migration, a file changed by another
    /// program).
    notices: Mutex<Vec<String>>,
    /// The journal file as nearer last read or wrote it (`Some(None)`: there was none), to
    /// notice when something else replaced it in between.
    seen: Mutex<Option<Option<FileStamp>>>,
}

/// What identifies one version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

fn stamp_of(path: &Path) -> Option<FileStamp> {
    let meta = fs::metadata(path).ok()?;
    Some(FileStamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        #[cfg(unix)]
        inode: {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        },
    })
}

impl Store {
    /// Create the folder if needed (mode 0700) and take its lock.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        create_private_dir(dir)?;
        let lock_path = dir.join(LOCK_FILE);
        let mut lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(StoreError::io(&lock_path, "opening the lock file"))?;
        set_private(&lock_path);
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = lock.read_to_string(&mut holder);
                return Err(StoreError::Locked {
                    dir: dir.to_path_buf(),
                    holder: holder.trim().parse().ok(),
                });
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(StoreError::io(&lock_path, "locking")(e));
            }
        }
        // The lock is released by the OS when this process ends, however it ends, so a
        // killed nearer never leaves a lock that blocks the next one. The process id in the
        // file is only there to name the holder in the message above.
        // Written over in place, never truncated to nothing first: ext4 flushes a file
        // truncated to zero when it is closed, which costs a start a millisecond or more.
        let pid = std::process::id().to_string();
        let _ = lock
            .seek(io::SeekFrom::Start(0))
            .and_then(|_| lock.write_all(pid.as_bytes()))
            .and_then(|()| lock.set_len(pid.len() as u64));
        let store = Store {
            dir: dir.to_path_buf(),
            _lock: lock,
            extras: Mutex::new(Unknown::Known(Extras::default())),
            backed_up: Mutex::new(None),
            notices: Mutex::new(Vec::new()),
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
            *self.extras.lock().expect("extras lock") = Unknown::Known(extras_of(&bytes));
            self.migrate(&bytes, &parsed.journal, parsed.from_version)?;
        } else {
            *self.extras.lock().expect("extras lock") = Unknown::Unread(bytes);
        }
        Ok(parsed.journal)
    }

    /// Keep the original of an older journal as `journal.vN.json`, then write it anew.
    fn migrate(&self, original: &[u8], journal: &Journal, from: u32) -> Result<(), StoreError> {
        let keep = free_name(&self.dir, &format!("journal.v{from}"), "json");
        write_atomic(&keep, original)?;
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
        // A backup that cannot be written does not stop the save: the person's new words
        // matter more, and the next save tries the backup again.
        let _ = self.ensure_backup(today);
        self.keep_a_version_written_elsewhere(today);
        self.write(journal)
    }

    /// If something other than this nearer replaced the journal file since nearer read or
    /// last wrote it (a sync tool bringing another machine's version, a hand edit), keep
    /// that version as a backup before writing over it, and say so.
    fn keep_a_version_written_elsewhere(&self, today: NaiveDate) {
        let path = self.journal_path();
        let Some(seen) = *self.seen.lock().expect("seen lock") else {
            return;
        };
        let now = stamp_of(&path);
        if now.is_none() || now == seen {
            return;
        }
        let kept = read_journal_bytes(&path)
            .ok()
            .flatten()
            .and_then(|bytes| self.keep_copy(&bytes, today).ok());
        if let Some(name) = kept {
            self.notices.lock().expect("notices lock").push(format!(
                "{} was changed by another program while nearer had it open. nearer saved \
                 over it, and kept that version as backup {name}: `nearer restore {name}` \
                 puts it back.",
                path.display()
            ));
        }
    }

    /// Keep `bytes` as a backup of `today`, in the first free slot; returns its name.
    fn keep_copy(&self, bytes: &[u8], today: NaiveDate) -> Result<String, StoreError> {
        create_private_dir(&self.backup_dir())?;
        let n = (0..)
            .find(|&n| !self.backup_dir().join(backup_file_name(today, n)).exists())
            .expect("some slot is free");
        write_atomic(&self.backup_dir().join(backup_file_name(today, n)), bytes)?;
        rotate_backups(&self.backup_dir());
        Ok(backup_name(today, n))
    }

    /// The fields of the file as read that this nearer does not know, worked out from its
    /// bytes the first time they are needed.
    fn extras(&self) -> std::sync::MutexGuard<'_, Unknown> {
        let mut unknown = self.extras.lock().expect("extras lock");
        if let Unknown::Unread(bytes) = &*unknown {
            // Most journals hold only fields this nearer knows: a scan of the keys tells,
            // without building the whole file as a tree (several times its size).
            let extras = if has_unknown_keys(bytes) {
                extras_of(bytes)
            } else {
                Extras::default()
            };
            *unknown = Unknown::Known(extras);
        }
        unknown
    }

    /// The bytes a save writes: the journal, with any fields this nearer does not know.
    pub fn encode(&self, journal: &Journal) -> Result<Vec<u8>, StoreError> {
        let unknown = self.extras();
        let Unknown::Known(extras) = &*unknown else {
            unreachable!("worked out by extras()")
        };
        let encoded = if extras.is_empty() {
            serde_json::to_vec_pretty(journal)
        } else {
            serde_json::to_value(journal).and_then(|mut value| {
                if let Value::Object(map) = &mut value {
                    extras.apply(map);
                }
                serde_json::to_vec_pretty(&value)
            })
        };
        encoded.map_err(|e| StoreError::Io {
            path: self.journal_path(),
            action: "encoding",
            source: io::Error::other(e),
        })
    }

    fn write(&self, journal: &Journal) -> Result<(), StoreError> {
        let path = self.journal_path();
        let plain = matches!(&*self.extras(), Unknown::Known(extras) if extras.is_empty());
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

    /// Before the first save of `today`, copy the journal as it is into the backups.
    fn ensure_backup(&self, today: NaiveDate) -> Result<(), StoreError> {
        let mut done = self.backed_up.lock().expect("backup lock");
        if *done == Some(today) {
            return Ok(());
        }
        let target = self.backup_dir().join(backup_file_name(today, 0));
        if !target.exists() {
            let journal = self.journal_path();
            match fs::metadata(&journal) {
                Ok(meta) if meta.is_file() => {
                    let mut from =
                        File::open(&journal).map_err(StoreError::io(&journal, "reading"))?;
                    create_private_dir(&self.backup_dir())?;
                    // Copied through a small buffer, not read whole into memory.
                    write_atomic_with(&target, |out| io::copy(&mut from, out).map(drop))?;
                }
                _ => {}
            }
            rotate_backups(&self.backup_dir());
        }
        *done = Some(today);
        Ok(())
    }

    /// Put a backup back as the journal, keeping the journal as it is now as a backup of
    /// `today` first. Returns what was kept and what was put back.
    pub fn restore(&self, name: &str, today: NaiveDate) -> Result<Restored, StoreError> {
        let source = list_backups(&self.dir)
            .into_iter()
            .find(|b| b.name == name)
            .ok_or_else(|| StoreError::NoSuchBackup {
                dir: self.backup_dir(),
                name: name.to_string(),
            })?;
        let bytes = fs::read(&source.path).map_err(StoreError::io(&source.path, "reading"))?;
        let restored = parse_journal(&source.path, &bytes)?;
        let journal_path = self.journal_path();
        let mut kept = None;
        if let Some(current) = read_journal_bytes(&journal_path)?
            && current != bytes
        {
            let name = self.keep_copy(&current, today)?;
            let entries = parse_journal(&journal_path, &current)
                .ok()
                .map(|j| j.entries.len());
            kept = Some((name, entries));
        }
        write_atomic(&journal_path, &bytes)?;
        *self.backed_up.lock().expect("backup lock") = Some(today);
        Ok(Restored {
            name: source.name,
            entries: restored.entries.len(),
            kept,
        })
    }

    pub fn draft_path(&self) -> PathBuf {
        self.dir.join(DRAFT_FILE)
    }

    pub fn save_draft<T: serde::Serialize>(&self, draft: &T) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec_pretty(draft).map_err(|e| StoreError::Io {
            path: self.draft_path(),
            action: "encoding",
            source: io::Error::other(e),
        })?;
        write_atomic(&self.draft_path(), &bytes)
    }

    /// The draft, if one parses. One that does not is moved aside, not deleted.
    pub fn load_draft<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        let path = self.draft_path();
        let bytes = read_journal_bytes(&path).ok().flatten()?;
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

/// What `Store::restore` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The backup put back, and how many entries it holds.
    pub name: String,
    pub entries: usize,
    /// The backup the journal as it was is kept as, and its entries (if it could be read).
    pub kept: Option<(String, Option<usize>)>,
}

/// One backup in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// What `nearer restore` takes: the date, with `-N` for a second copy of the same day.
    pub name: String,
    pub date: NaiveDate,
    pub path: PathBuf,
    pub size: u64,
}

fn backup_name(date: NaiveDate, n: u32) -> String {
    if n == 0 {
        date.format("%Y-%m-%d").to_string()
    } else {
        format!("{}-{n}", date.format("%Y-%m-%d"))
    }
}

fn backup_file_name(date: NaiveDate, n: u32) -> String {
    format!("journal-{}.json", backup_name(date, n))
}

/// The backups kept for the journal folder `dir`, newest first.
pub fn list_backups(dir: &Path) -> Vec<Backup> {
    let Ok(read) = fs::read_dir(dir.join(BACKUP_DIR)) else {
        return Vec::new();
    };
    let mut backups: Vec<(Backup, u32)> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file = e.file_name().into_string().ok()?;
            let name = file.strip_prefix("journal-")?.strip_suffix(".json")?;
            let date = NaiveDate::parse_from_str(name.get(..10)?, "%Y-%m-%d").ok()?;
            let n = match &name[10..] {
                "" => 0,
                rest => rest.strip_prefix('-')?.parse().ok()?,
            };
            let meta = e.metadata().ok().filter(fs::Metadata::is_file)?;
            Some((
                Backup {
                    name: name.to_string(),
                    date,
                    path: e.path(),
                    size: meta.len(),
                },
                n,
            ))
        })
        .collect();
    backups.sort_by(|(a, an), (b, bn)| b.date.cmp(&a.date).then(bn.cmp(an)));
    backups.into_iter().map(|(b, _)| b).collect()
}

/// Keep the backups of the newest `BACKUP_DAYS` days; remove older ones.
fn rotate_backups(backup_dir: &Path) {
    let Some(dir) = backup_dir.parent() else {
        return;
    };
    let backups = list_backups(dir);
    let mut days: Vec<NaiveDate> = backups.iter().map(|b| b.date).collect();
    days.dedup();
    if let Some(&oldest_kept) = days.get(BACKUP_DAYS - 1) {
        for b in backups.iter().filter(|b| b.date < oldest_kept) {
            let _ = fs::remove_file(&b.path);
        }
    }
}

/// `dir/stem.ext`, or `dir/stem-2.ext`, `-3`... whichever does not exist yet.
pub fn free_name(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.{ext}"));
    if fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}.{ext}")))
        .find(|p| fs::symlink_metadata(p).is_err())
        .expect("some name is free")
}

/// Move an unreadable journal aside (renamed, byte for byte) and return where it went.
pub fn move_aside(path: &Path, stamp: &str) -> Result<PathBuf, StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or("journal.json".into(), |n| n.to_string_lossy().into_owned());
    let target = free_name(dir, &format!("{name}.unreadable-{stamp}"), "json");
    fs::rename(path, &target).map_err(StoreError::io(path, "moving aside"))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(target)
}

#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// Read a journal file without taking the lock (for read-only commands).
pub fn read_journal(path: &Path) -> Result<Journal, StoreError> {
    match read_journal_file(path)? {
        JournalFile::Missing => Ok(Journal::default()),
        JournalFile::InPieces(journal) => Ok(journal),
        JournalFile::Whole(bytes) => parse_journal(path, &bytes),
    }
}

/// A journal file as read: read in pieces when it is shaped as this nearer writes it (see
/// `pieces`), else its bytes, for the careful way.
enum JournalFile {
    Missing,
    InPieces(Journal),
    Whole(Vec<u8>),
}

fn read_journal_file(path: &Path) -> Result<JournalFile, StoreError> {
    let Some((mut file, len)) = open_journal_file(path)? else {
        return Ok(JournalFile::Missing);
    };
    if let Some(mut journal) = super::pieces::read(&file, len, MAX_JOURNAL_BYTES) {
        journal.normalise();
        return Ok(JournalFile::InPieces(journal));
    }
    // The same handle reads the file whole, from its start (reading in pieces reads at
    // positions, which may move the cursor on some systems).
    file.seek(io::SeekFrom::Start(0))
        .map_err(StoreError::io(path, "reading"))?;
    read_whole(path, file, len).map(JournalFile::Whole)
}

/// The bytes of a journal-like file; `None` when there is no file. Refuses anything that
/// is not a regular file (a folder, a link to nothing, a pipe that would never end) and
/// files too large to be a journal, without reading them.
pub fn read_journal_bytes(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match open_journal_file(path)? {
        None => Ok(None),
        Some((file, len)) => read_whole(path, file, len).map(Some),
    }
}

fn read_whole(path: &Path, file: File, len: u64) -> Result<Vec<u8>, StoreError> {
    let mut bytes = Vec::with_capacity(len as usize);
    // Read at most one byte past the limit, in case the file grew since it was measured.
    file.take(MAX_JOURNAL_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(StoreError::io(path, "reading"))?;
    if bytes.len() as u64 > MAX_JOURNAL_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// A journal-like file opened for reading, with its length; `None` when there is none.
/// Refuses, without reading them, anything that is not a regular file and files too large
/// to be a journal.
fn open_journal_file(path: &Path) -> Result<Option<(File, u64)>, StoreError> {
    let link = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, "reading")(e)),
        Ok(meta) => meta,
    };
    let meta = if link.file_type().is_symlink() {
        match fs::metadata(path) {
            Ok(m) => m,
            Err(_) => {
                return Err(StoreError::BrokenLink {
                    path: path.to_path_buf(),
                    target: fs::read_link(path).unwrap_or_default(),
                });
            }
        }
    } else {
        link
    };
    if !meta.is_file() {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
            what: format!("{}, where nearer keeps its journal file", file_kind(&meta)),
        });
    }
    if meta.len() > MAX_JOURNAL_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    let file = File::open(path).map_err(StoreError::io(path, "reading"))?;
    Ok(Some((file, meta.len())))
}

fn file_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Parse journal bytes, naming `path` in any error.
pub fn parse_journal(path: &Path, bytes: &[u8]) -> Result<Journal, StoreError> {
    parse_full(path, bytes).map(|p| p.journal)
}

/// A journal as read, with the schema version its file had (0 when it had none).
struct Parsed {
    journal: Journal,
    from_version: u32,
}

fn parse_full(path: &Path, bytes: &[u8]) -> Result<Parsed, StoreError> {
    if bytes.len() as u64 > MAX_JOURNAL_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    let body = without_bom(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(StoreError::Empty {
            path: path.to_path_buf(),
        });
    }
    if let Err(e) = std::str::from_utf8(body) {
        let (line, column) = line_column(body, e.valid_up_to());
        if e.error_len().is_none() {
            // Text that stops part-way through a character: the file was cut short.
            return Err(StoreError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                reason: "the file ends part-way through a character, as if cut short".into(),
            });
        }
        return Err(StoreError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
        });
    }
    let newer = |found: u32| StoreError::NewerVersion {
        path: path.to_path_buf(),
        found,
        supported: SCHEMA_VERSION,
    };
    let mut journal = match serde_json::from_slice::<Journal>(body) {
        Ok(j) if j.version > SCHEMA_VERSION => return Err(newer(j.version)),
        Ok(j) => j,
        Err(e) => {
            // A file from a newer nearer may be shaped in a way this one does not know.
            if let Ok(probe) = serde_json::from_slice::<VersionProbe>(body)
                && probe.version > SCHEMA_VERSION
            {
                return Err(newer(probe.version));
            }
            return Err(parse_error(path, &e));
        }
    };
    let from_version = journal.version;
    journal.version = SCHEMA_VERSION;
    journal.normalise();
    Ok(Parsed {
        journal,
        from_version,
    })
}

/// A byte-order mark (some editors add one) is not part of the JSON.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The fields of a journal file (known to parse) that this nearer does not know. Reading
/// the file as a tree and comparing costs about four times a plain read, so it is done
/// once, at the first save, on the save thread, not while the app starts.
fn extras_of(bytes: &[u8]) -> Extras {
    let Ok(value) = serde_json::from_slice::<Value>(without_bom(bytes)) else {
        return Extras::default();
    };
    let Ok(journal) = Journal::deserialize(&value) else {
        return Extras::default();
    };
    match (&value, serde_json::to_value(&journal)) {
        (Value::Object(file), Ok(Value::Object(known))) => Extras::diff(file, &known),
        _ => Extras::default(),
    }
}

/// Every key a journal written by this nearer can hold, at any level.
const KNOWN_KEYS: &[&str] = &[
    "version",
    "preferences",
    "entries",
    "favourites",
    "love_languages",
    "solo_only",
    "planned",
    "act",
    "date",
    "created",
    "updated",
    "closeness",
    "stress",
    "followup",
    "reflection",
    "appreciation",
    "small_act",
    "starred",
    "prompt_id",
    "prompt",
    "answer",
    "card_id",
    "text",
    "outcome",
    "noticed",
];

/// Whether a journal file (known to parse) has an object key this nearer does not know.
/// It walks the JSON without keeping it, so it costs a fraction of a parse and no memory.
fn has_unknown_keys(bytes: &[u8]) -> bool {
    use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use std::borrow::Cow;

    struct Scan<'a>(&'a mut bool);

    impl<'de> DeserializeSeed<'de> for Scan<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Scan<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                if !KNOWN_KEYS.contains(&key.as_ref()) {
                    *self.0 = true;
                    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                    return Ok(());
                }
                map.next_value_seed(Scan(self.0))?;
            }
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element_seed(Scan(self.0))?.is_some() {}
            Ok(())
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    }

    let mut found = false;
    let mut de = serde_json::Deserializer::from_slice(without_bom(bytes));
    // A file that does not walk cleanly is given the careful treatment.
    Scan(&mut found).deserialize(&mut de).is_err() || found
}

fn parse_error(path: &Path, e: &serde_json::Error) -> StoreError {
    let reason = if e.is_eof() {
        "the file ends too early, as if it was cut short".to_string()
    } else {
        let reason = e.to_string();
        reason
            .rsplit_once(" at line ")
            .map_or(reason.as_str(), |(r, _)| r)
            .to_string()
    };
    StoreError::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        reason,
    }
}

/// Line and column (both from 1) of a byte offset.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, offset - start + 1)
}

/// The unknown fields of the journal as it was read: still to be worked out from the file's
/// bytes, or known.
#[derive(Debug)]
enum Unknown {
    Unread(Vec<u8>),
    Known(Extras),
}

/// Fields a journal file holds that this nearer does not know, so a save can put them back
/// instead of dropping them: at the top, in nested objects, and in each entry (matched by
/// its date). A field counts as unknown when it is in the file but not in the journal as
/// this nearer writes it back.
#[derive(Debug, Default, Clone, PartialEq)]
struct Extras {
    fields: Map<String, Value>,
    nested: BTreeMap<String, Extras>,
    /// Per entry, by date.
    entries: BTreeMap<String, Extras>,
}

impl Extras {
    fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.nested.is_empty() && self.entries.is_empty()
    }

    fn diff(file: &Map<String, Value>, known: &Map<String, Value>) -> Extras {
        let mut extras = Extras::default();
        for (key, value) in file {
            match (value, known.get(key)) {
                (_, None) => {
                    extras.fields.insert(key.clone(), value.clone());
                }
                (Value::Object(f), Some(Value::Object(k))) => {
                    let sub = Extras::diff(f, k);
                    if !sub.is_empty() {
                        extras.nested.insert(key.clone(), sub);
                    }
                }
                (Value::Array(f), Some(Value::Array(k))) if key == "entries" => {
                    for (fe, ke) in f.iter().zip(k) {
                        if let (Value::Object(fe), Value::Object(ke)) = (fe, ke)
                            && let Some(Value::String(date)) = fe.get("date")
                        {
                            let sub = Extras::diff(fe, ke);
                            if !sub.is_empty() {
                                extras.entries.insert(date.clone(), sub);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        extras
    }

    fn apply(&self, target: &mut Map<String, Value>) {
        for (key, value) in &self.fields {
            if !target.contains_key(key) {
                target.insert(key.clone(), value.clone());
            }
        }
        for (key, sub) in &self.nested {
            if let Some(Value::Object(t)) = target.get_mut(key) {
                sub.apply(t);
            }
        }
        if !self.entries.is_empty()
            && let Some(Value::Array(entries)) = target.get_mut("entries")
        {
            for entry in entries {
                if let Value::Object(e) = entry
                    && let Some(Value::String(date)) = e.get("date")
                    && let Some(sub) = self.entries.get(date.as_str())
                {
                    sub.apply(e);
                }
            }
        }
    }
}

/// Write `bytes` to `path` so that a crash leaves either the old file or the new one.
/// When `path` is a link to a file, the file it points to is replaced, not the link.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// As [`write_atomic`], with the bytes written by `fill` (through a buffer).
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), StoreError> {
    let resolved;
    let path = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() && fs::metadata(path).is_ok_and(|t| t.is_file()) => {
            resolved =
                fs::canonicalize(path).map_err(StoreError::io(path, "following the link"))?;
            resolved.as_path()
        }
        _ => path,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .suffix(TMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(StoreError::io(path, "saving"))?;
    let filled = {
        let mut out = io::BufWriter::with_capacity(64 * 1024, tmp.as_file_mut());
        fill(&mut out).and_then(|()| out.flush())
    };
    filled
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(StoreError::io(path, "saving"))?;
    set_private(tmp.path());
    tmp.persist(path)
        .map_err(|e| StoreError::io(path, "saving")(e.error))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn remove_stale_temporaries(dir: &Path) {
    let Ok(read) = fs::read_dir(dir) else { return };
    for entry in read.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TMP_PREFIX)
            && name.ends_with(TMP_SUFFIX)
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(StoreError::NotAFile {
            path: dir.to_path_buf(),
            what: "a file, where nearer keeps its data folder".into(),
        }),
        Err(_) => {
            let mut builder = fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o700);
            }
            builder
                .create(dir)
                .map_err(StoreError::io(dir, "creating the folder"))
        }
    }
}

fn set_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
    }
}

/// Keep a copy of everything in memory somewhere writable when the journal folder is not:
/// a new folder `nearer-rescue-STAMP` (mode 0700) holding `journal.json` and, if given,
/// `draft.json`, in the first of `places` where that works. Returns the folder.
pub fn write_rescue(
    places: &[PathBuf],
    stamp: &str,
    journal: &[u8],
    draft: Option<&[u8]>,
) -> Option<PathBuf> {
    for place in places {
        let dir = (1..)
            .map(|n| match n {
                1 => place.join(format!("nearer-rescue-{stamp}")),
                n => place.join(format!("nearer-rescue-{stamp}-{n}")),
            })
            .find(|p| fs::symlink_metadata(p).is_err())
            .expect("some name is free");
        let attempt = create_private_dir(&dir)
            .and_then(|()| write_atomic(&dir.join(JOURNAL_FILE), journal))
            .and_then(|()| match draft {
                Some(d) => write_atomic(&dir.join(DRAFT_FILE), d),
                None => Ok(()),
            });
        match attempt {
            Ok(()) => return Some(dir),
            Err(_) => {
                let _ = fs::remove_dir_all(&dir);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column(b"ab\ncd", 0), (1, 1));
        assert_eq!(line_column(b"ab\ncd", 4), (2, 2));
    }

    #[test]
    fn the_key_scan_finds_unknown_fields_at_any_depth_and_only_those() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-26T21:30:00+01:00").unwrap();
        let act = crate::journal::SmallAct {
            card_id: Some("c".into()),
            text: "t".into(),
        };
        // Every field filled in, so a field added to the model without its key in
        // KNOWN_KEYS makes this test fail.
        let journal = Journal {
            version: SCHEMA_VERSION,
            preferences: crate::journal::Preferences {
                favourites: vec!["c".into()],
                love_languages: vec!["words".into()],
                solo_only: true,
                planned: Some(crate::journal::PlannedFor {
                    date: t.date_naive(),
                    act: act.clone(),
                }),
            },
            entries: vec![std::sync::Arc::new(crate::journal::Entry {
                date: t.date_naive(),
                created: t,
                updated: t,
                closeness: 4,
                stress: Some(2),
                followup: Some(crate::journal::Followup {
                    planned: act.clone(),
                    outcome: Some(crate::journal::Outcome::Done),
                    noticed: "n".into(),
                }),
                reflection: Some(crate::journal::Reflection {
                    prompt_id: "p".into(),
                    prompt: "q".into(),
                    answer: "{\"mood\": 1}".into(),
                }),
                appreciation: Some("a".into()),
                small_act: Some(act),
                starred: true,
            })],
        };
        let bytes = serde_json::to_vec(&journal).unwrap();
        assert!(
            !has_unknown_keys(&bytes),
            "text that looks like JSON is only text"
        );
        let mut value: Value = serde_json::from_slice(&bytes).unwrap();
        value["entries"][0]["followup"]["planned"]["mood"] = Value::from(3);
        assert!(has_unknown_keys(&serde_json::to_vec(&value).unwrap()));
    }

    #[test]
    fn extras_round_trip_at_every_level() {
        let file: Value = serde_json::json!({
            "version": 1, "mood_scale": "v2",
            "preferences": {"favourites": [], "theme": "dusk"},
            "entries": [{"date": "2026-11-01", "closeness": 3, "weather": "rain",
                         "reflection": {"prompt_id": "p", "prompt": "q", "answer": "a", "lang": "fr"}}]
        });
        let known: Value = serde_json::json!({
            "version": 1, "preferences": {"favourites": []},
            "entries": [{"date": "2026-11-01", "closeness": 3,
                         "reflection": {"prompt_id": "p", "prompt": "q", "answer": "a"}}]
        });
        let extras = Extras::diff(file.as_object().unwrap(), known.as_object().unwrap());
        let mut back = known.as_object().unwrap().clone();
        extras.apply(&mut back);
        assert_eq!(Value::Object(back), file);
    }
}
