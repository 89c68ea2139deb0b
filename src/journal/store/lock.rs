//! The journal folder's lock: an OS lock on `journal.lock`, held while a `Store` lives and
//! released by the OS when the process ends, however it ends.
//!
//! The lock is only as good as the file it is on: should `journal.lock` be removed (or
//! replaced) while nearer runs, a second nearer would lock a new file and both would write.
//! So each save first makes sure the file at `journal.lock` is still the one held, and takes
//! the lock again when it is not, or refuses to save while another nearer has it.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::atomic::{open_no_follow, set_private_file};
use super::{LOCK_FILE, StoreError};

/// What the lock file is, in messages about a link in its place.
const WHAT: &str = "the journal's lock";

#[derive(Debug)]
pub(super) struct Lock {
    path: PathBuf,
    /// The file the OS lock is on.
    file: Mutex<File>,
}

/// The outcome of trying to lock the file at the lock's path.
enum Taken {
    Held(File),
    /// Another process holds it (by the process id in the file, when it reads).
    ByOther(Option<u32>),
}

impl Lock {
    /// Take the lock of `dir`, or say who has it.
    pub(super) fn take(dir: &Path) -> Result<Lock, StoreError> {
        let path = dir.join(LOCK_FILE);
        match try_take(&path)? {
            Taken::Held(file) => Ok(Lock {
                path,
                file: Mutex::new(file),
            }),
            Taken::ByOther(holder) => Err(StoreError::Locked {
                dir: dir.to_path_buf(),
                holder,
            }),
        }
    }

    /// Before a save: the lock is still on the file at `journal.lock`. When that file was
    /// removed or replaced, the lock is taken again on the file there now (made if need
    /// be), and the returned notice says so (`Ok(None)`: it was there all along); when
    /// another nearer holds that one, the save must not happen.
    pub(super) fn make_sure(&self) -> Result<Option<String>, StoreError> {
        let mut held = self.file.lock().expect("lock file lock");
        if still_there(&held, &self.path) {
            return Ok(None);
        }
        match try_take(&self.path)? {
            Taken::Held(file) => {
                *held = file;
                Ok(Some(format!(
                    "{} was removed while nearer had the journal open; nearer has locked the \
                     journal again, so no second nearer can open it meanwhile.",
                    self.path.display()
                )))
            }
            Taken::ByOther(holder) => Err(StoreError::LockLost {
                path: self.path.clone(),
                holder,
            }),
        }
    }
}

/// Whether the file held is the one at `path` (same device and inode, and no link there).
fn still_there(held: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (held.metadata(), fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => b.is_file() && a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = held;
        path.is_file()
    }
}

/// Open (or make) the lock file at `path`, never through a link, and try to lock it.
fn try_take(path: &Path) -> Result<Taken, StoreError> {
    let opened = open_no_follow(
        path,
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false),
        WHAT,
        "opening the lock file",
    )?;
    // Not found though asked to make it: the folder itself is gone.
    let Some(mut file) = opened else {
        return Err(StoreError::io(path, "opening the lock file")(
            io::ErrorKind::NotFound.into(),
        ));
    };
    // By the open file, never by name: a link put in its place would pass the change on.
    set_private_file(&file);
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            return Ok(Taken::ByOther(holder.trim().parse().ok()));
        }
        Err(TryLockError::Error(e)) => return Err(StoreError::io(path, "locking")(e)),
    }
    // The process id in the file is only there to name the holder in the message above.
    // Written over in place, never truncated to nothing first: ext4 flushes a file
    // truncated to zero when it is closed, which costs a start a millisecond or more.
    let pid = std::process::id().to_string();
    let _ = file
        .seek(io::SeekFrom::Start(0))
        .and_then(|_| file.write_all(pid.as_bytes()))
        .and_then(|()| file.set_len(pid.len() as u64));
    Ok(Taken::Held(file))
}
