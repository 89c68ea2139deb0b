//! The journal on disk: one JSON file, written atomically, guarded by a lock, never
//! overwritten when it cannot be read.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use super::model::{Journal, SCHEMA_VERSION};

pub const JOURNAL_FILE: &str = "journal.json";
pub const LOCK_FILE: &str = "journal.lock";
pub const DRAFT_FILE: &str = "draft.json";

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "{path} is not valid journal JSON (line {line}, column {column}: {reason}). \
         nearer has not changed it. Fix it by hand, or move it aside \
         (mv '{path}' '{path}.broken') to start a new journal."
    )]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        reason: String,
    },
    #[error(
        "{path} is empty. nearer has not changed it. If you expected entries there, \
         restore it from a backup; otherwise delete it to start a new journal."
    )]
    Empty { path: PathBuf },
    #[error(
        "{path} was written by a newer nearer (journal version {found}; this one reads up to \
         {supported}). nearer will not change it. Update nearer to open it."
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "{path} is not a regular file ({what}). Move it aside so nearer can keep its journal there."
    )]
    NotAFile { path: PathBuf, what: &'static str },
    #[error(
        "the journal in {dir} is open in another nearer{holder}. Close that one first; \
         two copies would overwrite each other's entries."
    )]
    Locked { dir: PathBuf, holder: String },
    #[error("{path}: {action} failed: {source}")]
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
}

/// The open journal folder. While a `Store` lives, it holds the folder's lock.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    _lock: File,
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
                let holder = holder.trim();
                let holder = if holder.is_empty() {
                    String::new()
                } else {
                    format!(" (process {holder})")
                };
                return Err(StoreError::Locked {
                    dir: dir.to_path_buf(),
                    holder,
                });
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(StoreError::io(&lock_path, "locking the journal")(e));
            }
        }
        // The lock is released by the OS when this process ends, however it ends, so a
        // killed nearer never leaves a lock that blocks the next one.
        let _ = lock.set_len(0);
        let _ = write!(lock, "{}", std::process::id());
        Ok(Store {
            dir: dir.to_path_buf(),
            _lock: lock,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn journal_path(&self) -> PathBuf {
        self.dir.join(JOURNAL_FILE)
    }

    /// Read the journal; a missing file is an empty journal.
    pub fn load(&self) -> Result<Journal, StoreError> {
        read_journal(&self.journal_path())
    }

    /// Replace the journal atomically: temporary file, sync, rename, sync the folder.
    pub fn save(&self, journal: &Journal) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec_pretty(journal).map_err(|e| StoreError::Io {
            path: self.journal_path(),
            action: "encoding",
            source: io::Error::other(e),
        })?;
        write_atomic(&self.journal_path(), &bytes)
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
        let bytes = fs::read(&path).ok()?;
        match serde_json::from_slice(&bytes) {
            Ok(d) => Some(d),
            Err(_) => {
                let _ = fs::rename(&path, self.dir.join("draft.json.unreadable"));
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

#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// Read a journal file without taking the lock (for read-only commands).
pub fn read_journal(path: &Path) -> Result<Journal, StoreError> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Journal::default()),
        Err(e) => return Err(StoreError::io(path, "reading")(e)),
        Ok(meta) if meta.is_dir() => {
            return Err(StoreError::NotAFile {
                path: path.to_path_buf(),
                what: "it is a folder",
            });
        }
        Ok(meta) if meta.file_type().is_symlink() && fs::metadata(path).is_err() => {
            return Err(StoreError::NotAFile {
                path: path.to_path_buf(),
                what: "it is a link to nothing",
            });
        }
        Ok(_) => {}
    }
    let bytes = fs::read(path).map_err(StoreError::io(path, "reading"))?;
    parse_journal(path, &bytes)
}

/// Parse journal bytes, naming `path` in any error.
pub fn parse_journal(path: &Path, bytes: &[u8]) -> Result<Journal, StoreError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(StoreError::Empty {
            path: path.to_path_buf(),
        });
    }
    let newer = |found: u32| StoreError::NewerVersion {
        path: path.to_path_buf(),
        found,
        supported: SCHEMA_VERSION,
    };
    match serde_json::from_slice::<Journal>(body) {
        Ok(mut journal) => {
            if journal.version > SCHEMA_VERSION {
                return Err(newer(journal.version));
            }
            journal.version = SCHEMA_VERSION;
            journal.normalise();
            Ok(journal)
        }
        Err(e) => {
            if let Ok(probe) = serde_json::from_slice::<VersionProbe>(body)
                && probe.version > SCHEMA_VERSION
            {
                return Err(newer(probe.version));
            }
            let reason = e.to_string();
            let reason = reason
                .rsplit_once(" at line ")
                .map_or(reason.as_str(), |(r, _)| r)
                .to_string();
            Err(StoreError::Parse {
                path: path.to_path_buf(),
                line: e.line(),
                column: e.column(),
                reason,
            })
        }
    }
}

/// Write `bytes` to `path` so that a crash leaves either the old file or the new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".nearer-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(StoreError::io(path, "creating a temporary file"))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(StoreError::io(path, "writing"))?;
    set_private(tmp.path());
    tmp.persist(path)
        .map_err(|e| StoreError::io(path, "replacing")(e.error))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    if !dir.exists() {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder
            .create(dir)
            .map_err(StoreError::io(dir, "creating the folder"))?;
    } else if !dir.is_dir() {
        return Err(StoreError::NotAFile {
            path: dir.to_path_buf(),
            what: "the data folder is a file",
        });
    }
    Ok(())
}

fn set_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
    }
}
