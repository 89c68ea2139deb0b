//! Setting, changing and removing the passphrase (`nearer lock`, `nearer passphrase`,
//! `nearer unlock`, and the app's settings): every file that holds the person's words is
//! rewritten, the old ones kept until the new ones are written and read back.
//!
//! How a change is made, so that a crash at any point leaves a journal that opens with the
//! old passphrase or with the new one:
//!
//! 1. A new key is made and written, encrypted with the new passphrase, as
//!    `key.age.nearer-next`, then read back and opened with that passphrase (removing the
//!    passphrase writes no key). Until step 3, this file says the change is not made.
//! 2. Each file is written anew beside itself, as `NAME.nearer-next` (encrypted to the new
//!    key, or plain), atomically, then read back and compared, byte for byte, with what the
//!    old one holds. Nothing old has changed yet.
//! 3. The change is made in one step: `key.age.nearer-next` is renamed over `key.age` (or,
//!    to remove the passphrase, `key.age` is removed).
//! 4. Each `NAME.nearer-next` is renamed over `NAME`.
//!
//! At the next open (holding the folder's lock), a change cut short is undone while
//! `key.age.nearer-next` is there (before step 3: every old file is still there, whole),
//! and finished otherwise (after step 3: every new file is written and was read back).
//! A new file is put in place only when it is what the folder now needs (encrypted when
//! there is a key file, plain when there is none); any other is a leftover and goes.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::atomic::{
    TMP_PREFIX, TMP_SUFFIX, is_link, open_no_follow, read_private, sync_dir, write_private,
    write_private_with,
};
use super::read::stamp_of;
use super::seal::{self, Key, Passphrase, file_is_sealed, sealed_with};
use super::{BACKUP_DIR, JOURNAL_FILE, KEY_FILE, LOCK_FILE, Store, StoreError, WORK_FACTOR};

/// The suffix of a file's new version while the passphrase changes.
pub const NEXT: &str = ".nearer-next";
const WHAT: &str = "a file's new version";

/// What a change of the passphrase did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relocked {
    /// Files rewritten (the journal, the drafts, the backups, copies kept aside).
    pub files: usize,
    /// Files left as they were because they could not be read (encrypted to another key,
    /// or damaged): unreadable before, and unchanged.
    pub left: Vec<PathBuf>,
}

/// A few words about files a change left as they were.
pub fn left_words(left: &[std::path::PathBuf]) -> String {
    if left.is_empty() {
        return String::new();
    }
    let names: Vec<String> = left.iter().map(|p| p.display().to_string()).collect();
    format!(
        " These could not be read (encrypted to another key, or damaged) and are left as \
         they were: {}.",
        names.join(", ")
    )
}

impl Store {
    /// Set a passphrase, or change it: a new key, and every file encrypted to it. On a
    /// locked journal, the old passphrase must have been given first.
    pub fn set_passphrase(&self, new: &Passphrase) -> Result<Relocked, StoreError> {
        self.set_passphrase_with_work_factor(new, WORK_FACTOR)
    }

    /// As [`Store::set_passphrase`], with scrypt's work factor given (tests use a small one;
    /// nearer always uses [`WORK_FACTOR`]).
    #[doc(hidden)]
    pub fn set_passphrase_with_work_factor(
        &self,
        new: &Passphrase,
        work_factor: u8,
    ) -> Result<Relocked, StoreError> {
        let key = Key::generate();
        let bytes = key
            .locked_with(new, work_factor)
            .map_err(StoreError::io(&self.key_path(), "encrypting"))?;
        self.relock(Some((key, bytes, new)))
    }

    /// Remove the passphrase: every file written plain again. The passphrase must have been
    /// given first.
    pub fn remove_passphrase(&self) -> Result<Relocked, StoreError> {
        if !self.is_locked() {
            return Err(StoreError::NotLocked {
                dir: self.dir.clone(),
            });
        }
        self.relock(None)
    }

    fn relock(&self, new: Option<(Key, Vec<u8>, &Passphrase)>) -> Result<Relocked, StoreError> {
        let _files = self.files.write().expect("files lock");
        if self.needs_passphrase() {
            return Err(StoreError::NeedsPassphrase {
                dir: self.dir.clone(),
            });
        }
        if let Some(notice) = self.lock.make_sure()? {
            self.notice(notice);
        }
        let old = self.writing_key()?;
        let next_key = self.dir.join(NEXT_KEY);
        // 1. The new key, read back with its passphrase.
        if let Some((key, bytes, passphrase)) = &new {
            write_private(&next_key, seal::THE_KEY, bytes)?;
            let back = read_private(&next_key, seal::THE_KEY)?.unwrap_or_default();
            match Key::unlock(&back, passphrase) {
                Ok(read) if read.same_as(key) => {}
                _ => {
                    self.undo_relock();
                    return Err(StoreError::Io {
                        path: next_key,
                        action: "reading back",
                        error: io::Error::other("the new key did not read back as written"),
                    });
                }
            }
        }
        // 2. Every file's new version beside it, read back.
        let new_key = new.as_ref().map(|(k, _, _)| k);
        let journal = self.journal_target();
        let mut written = Vec::new();
        let mut left = Vec::new();
        for file in self.private_files() {
            match rewrite(&file, old.as_deref(), new_key) {
                Ok(Some(next)) => written.push((file, next)),
                Ok(None) => {}
                Err(Rewrite::Unreadable(_)) if Some(&file) != journal.as_ref() => left.push(file),
                Err(e) => {
                    self.undo_relock();
                    return Err(e.into_error(&file));
                }
            }
        }
        // 3. The change, in one step.
        let committed = match &new {
            Some(_) => fs::rename(&next_key, self.key_path()),
            None => fs::remove_file(self.key_path()),
        };
        if let Err(e) = committed {
            self.undo_relock();
            return Err(StoreError::io(&self.key_path(), "changing the passphrase")(
                e,
            ));
        }
        sync_dir(&self.dir);
        *self.key.lock().expect("key lock") = new.map(|(k, b, _)| (Arc::new(k), b));
        self.locked.store(self.key().is_some(), Ordering::SeqCst);
        // 4. The new files in place of the old.
        let files = written.len();
        let mut failed = None;
        for (file, next) in &written {
            if let Err(e) = fs::rename(next, file) {
                failed.get_or_insert(StoreError::io(file, "changing the passphrase")(e));
            }
        }
        for dir in written_dirs(&written) {
            sync_dir(&dir);
        }
        // What is on disk now is what nearer wrote: no other program's version.
        *self.seen.lock().expect("seen lock") = Some(stamp_of(&self.journal_path()));
        match failed {
            // Finished at the next open (the change itself is made).
            Some(e) => Err(e),
            None => Ok(Relocked { files, left }),
        }
    }

    /// The journal's own file: the file its link points to, when it is one.
    fn journal_target(&self) -> Option<PathBuf> {
        let path = self.journal_path();
        let meta = fs::symlink_metadata(&path).ok()?;
        if meta.file_type().is_symlink() {
            fs::metadata(&path).ok().filter(fs::Metadata::is_file)?;
            fs::canonicalize(&path).ok()
        } else {
            meta.is_file().then_some(path)
        }
    }

    /// Every file nearer keeps that may hold the person's words: the journal, the drafts,
    /// the backups, and the copies kept aside (an older journal's original, a file that
    /// could not be read, a sync tool's conflict copy). Links are not followed (but the
    /// journal's own).
    fn private_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self.journal_target().into_iter().collect();
        let ours = |name: &str| {
            (name.starts_with("journal") || name.starts_with("draft"))
                && name != LOCK_FILE
                && name != JOURNAL_FILE
                && !name.ends_with(NEXT)
        };
        files.extend(plain_files_in(&self.dir, ours));
        if !is_link(&self.backup_dir()) {
            files.extend(plain_files_in(&self.backup_dir(), |name| {
                !name.ends_with(NEXT)
            }));
        }
        files
    }

    /// Undo a change not made yet: every new version goes, the old files stay.
    fn undo_relock(&self) {
        for next in self.leftovers() {
            let _ = fs::remove_file(next);
        }
        let _ = fs::remove_file(self.dir.join(NEXT_KEY));
        sync_dir(&self.dir);
    }

    /// Every new version there is (of the journal, beside the file its link points to).
    fn leftovers(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = Vec::new();
        if let Some(journal) = self.journal_target() {
            let next = next_of(&journal);
            if fs::symlink_metadata(&next).is_ok_and(|m| m.is_file()) {
                found.push(next);
            }
        }
        let is_next = |name: &str| name.ends_with(NEXT) && name != NEXT_KEY;
        for dir in [self.dir.clone(), self.backup_dir()] {
            if dir == self.backup_dir() && is_link(&dir) {
                continue;
            }
            for next in plain_files_in(&dir, is_next) {
                if !found.contains(&next) {
                    found.push(next);
                }
            }
        }
        found
    }

    /// At open, holding the lock: a change of the passphrase that was cut short is undone
    /// (before it was made) or finished (after).
    pub(super) fn finish_interrupted_relock(&self) {
        if fs::symlink_metadata(self.dir.join(NEXT_KEY)).is_ok() {
            self.undo_relock();
            return;
        }
        let locked = fs::symlink_metadata(self.key_path()).is_ok();
        let mut dirs = Vec::new();
        for next in self.leftovers() {
            let fits = File::open(&next)
                .and_then(|f| file_is_sealed(&f))
                .is_ok_and(|sealed| sealed == locked);
            let name = next.to_string_lossy();
            let file = PathBuf::from(name.strip_suffix(NEXT).unwrap_or(&name));
            if fits && fs::rename(&next, &file).is_ok() {
                dirs.push(file.parent().map(Path::to_path_buf).unwrap_or_default());
            } else {
                let _ = fs::remove_file(&next);
            }
        }
        dirs.dedup();
        for dir in dirs {
            sync_dir(&dir);
        }
    }
}

/// The key file's new version (see the module's documentation).
pub(super) const NEXT_KEY: &str = "key.age.nearer-next";

fn next_of(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(NEXT);
    PathBuf::from(name)
}

fn written_dirs(written: &[(PathBuf, PathBuf)]) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for (file, _) in written {
        if let Some(dir) = file.parent()
            && !dirs.iter().any(|d| d == dir)
        {
            dirs.push(dir.to_path_buf());
        }
    }
    dirs
}

/// The regular files in `dir` (not links) whose names `keep` takes, but temporary files.
fn plain_files_in(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            !(name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX))
                && name != KEY_FILE
                && keep(&name)
        })
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// Why a file was not rewritten.
enum Rewrite {
    /// It could not be read as it is (encrypted to another key, damaged): left alone.
    Unreadable(String),
    /// Writing or reading back failed: the change is not made.
    Failed(StoreError),
}

impl Rewrite {
    fn into_error(self, file: &Path) -> StoreError {
        match self {
            Rewrite::Unreadable(reason) => StoreError::NotDecrypted {
                path: file.to_path_buf(),
                reason,
            },
            Rewrite::Failed(e) => e,
        }
    }
}

impl From<StoreError> for Rewrite {
    fn from(e: StoreError) -> Rewrite {
        Rewrite::Failed(e)
    }
}

/// The plain text of `file` (decrypted with `key` when it is encrypted), as a reader.
fn plain_reader<'a>(file: &'a File, key: Option<&Key>) -> Result<Box<dyn Read + 'a>, String> {
    if file_is_sealed(file).map_err(|e| e.to_string())? {
        let key = key.ok_or("it is encrypted, and this folder has no key to open it")?;
        Ok(Box::new(key.reader(BufReader::new(file))?))
    } else {
        Ok(Box::new(file))
    }
}

/// Write `file`'s new version beside it (encrypted to `new`, or plain), then read it back
/// and compare it with the old, byte for byte. Returns where it is (`None`: the file is
/// gone).
fn rewrite(file: &Path, old: Option<&Key>, new: Option<&Key>) -> Result<Option<PathBuf>, Rewrite> {
    let open = |path: &Path| {
        open_no_follow(path, OpenOptions::new().read(true), WHAT, "reading").map_err(Rewrite::from)
    };
    let Some(source) = open(file)? else {
        return Ok(None);
    };
    let mut reader = plain_reader(&source, old).map_err(Rewrite::Unreadable)?;
    let next = next_of(file);
    // A read that fails (a damaged file) is told apart from a write that fails (a full disk).
    let mut unreadable = None;
    let written = write_private_with(&next, WHAT, |out| {
        sealed_with(new, out, |out| {
            let mut tracked = Tracked {
                inner: &mut reader,
                failed: &mut unreadable,
            };
            io::copy(&mut tracked, out).map(drop)
        })
    });
    if let Some(reason) = unreadable {
        let _ = fs::remove_file(&next);
        return Err(Rewrite::Unreadable(reason));
    }
    written?;
    // Read back: what the new file holds is what the old one did.
    let again = open(file)?.ok_or_else(|| gone(file))?;
    let back = open(&next)?.ok_or_else(|| gone(&next))?;
    let same = match (plain_reader(&again, old), plain_reader(&back, new)) {
        (Ok(a), Ok(b)) => same_bytes(a, b).unwrap_or(false),
        _ => false,
    };
    if !same {
        let _ = fs::remove_file(&next);
        return Err(Rewrite::Failed(StoreError::Io {
            path: next,
            action: "reading back",
            error: io::Error::other("the new version did not read back as written"),
        }));
    }
    Ok(Some(next))
}

fn gone(path: &Path) -> Rewrite {
    Rewrite::Failed(StoreError::io(path, "reading back")(
        io::ErrorKind::NotFound.into(),
    ))
}

/// A reader that notes why it failed.
struct Tracked<'a, R: Read + ?Sized> {
    inner: &'a mut R,
    failed: &'a mut Option<String>,
}

impl<R: Read + ?Sized> Read for Tracked<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).inspect_err(|e| {
            *self.failed = Some(seal::read_words(e));
        })
    }
}

/// Whether two readers give the same bytes.
fn same_bytes(mut a: impl Read, mut b: impl Read) -> io::Result<bool> {
    let mut x = vec![0u8; 64 * 1024];
    let mut y = vec![0u8; 64 * 1024];
    loop {
        let n = fill(&mut a, &mut x)?;
        let m = fill(&mut b, &mut y)?;
        if x[..n] != y[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

/// Read until `buf` is full or the reader ends.
fn fill(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// Whether a change of the passphrase is under way or was cut short in `dir` (for the
/// commands that read without the lock).
pub fn relock_pending(dir: &Path) -> bool {
    if fs::symlink_metadata(dir.join(NEXT_KEY)).is_ok() {
        return true;
    }
    let named_next = |d: &Path| {
        fs::read_dir(d).is_ok_and(|r| {
            r.filter_map(Result::ok)
                .any(|e| e.file_name().to_string_lossy().ends_with(NEXT))
        })
    };
    named_next(dir) || named_next(&dir.join(BACKUP_DIR))
}
