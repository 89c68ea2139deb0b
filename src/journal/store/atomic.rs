//! Writes that a crash cannot tear, private folders and files, names that are free, and
//! opening the files nearer keeps beside the journal without following links.
//!
//! The journal itself may be a link (to a synced folder, say): a save replaces the file it
//! points to. Everything else nearer keeps in its folder (the lock, drafts, backups, the
//! backups folder) is its own, so a link standing in its place is refused, never followed:
//! through a link planted there, nearer could be made to change or reveal any file the
//! person may write.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{DRAFTS_FILE, JOURNAL_FILE, StoreError};

pub(super) const TMP_PREFIX: &str = ".nearer-";
pub(super) const TMP_SUFFIX: &str = ".tmp";

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
    sync_dir(dir);
    Ok(target)
}

/// Write `bytes` to `path` so that a crash leaves either the old file or the new one.
/// When `path` is a link to a file, the file it points to is replaced, not the link (for
/// the journal only: see [`write_private`] for everything else).
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
    replace(path, fill)
}

/// Write `bytes` to `path` as [`write_atomic`] does, but never through a link: a link in
/// `path`'s place is refused with a message naming `what` the file is for.
pub(super) fn write_private(
    path: &Path,
    what: &'static str,
    bytes: &[u8],
) -> Result<(), StoreError> {
    write_private_with(path, what, |out| out.write_all(bytes))
}

/// As [`write_private`], with the bytes written by `fill`.
pub(super) fn write_private_with(
    path: &Path,
    what: &'static str,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), StoreError> {
    refuse_link(path, what)?;
    // Should a link be put in its place after this look, the rename below replaces the
    // link itself: a rename never writes through one.
    replace(path, fill)
}

/// A temporary file in `path`'s folder, filled, synced and renamed over `path`, then the
/// folder synced. The temporary file is made new (`O_EXCL`: never through a link), mode
/// 0600.
fn replace(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), StoreError> {
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
    // By the open file, not by its name: a name can be swapped for a link meanwhile.
    set_private_file(tmp.as_file());
    tmp.persist(path)
        .map_err(|e| StoreError::io(path, "saving")(e.error))?;
    sync_dir(dir);
    Ok(())
}

pub(super) fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Whether `path` is itself a link (whatever it points to, or nothing).
pub(super) fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Refuse a link standing where nearer keeps `what`.
pub(super) fn refuse_link(path: &Path, what: &'static str) -> Result<(), StoreError> {
    if is_link(path) {
        return Err(StoreError::Link {
            path: path.to_path_buf(),
            target: fs::read_link(path).unwrap_or_default(),
            what,
        });
    }
    Ok(())
}

/// Open `path` with `options`, never following a link in its place (`O_NOFOLLOW`), and
/// only if it is a plain file (`O_NONBLOCK`, so a named pipe planted there cannot stall
/// the open). `None` when there is no file and `options` does not create one.
pub(super) fn open_no_follow(
    path: &Path,
    options: &mut OpenOptions,
    what: &'static str,
    action: &'static str,
) -> Result<Option<File>, StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .mode(0o600);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            refuse_link(path, what)?;
            return Err(StoreError::io(path, action)(e));
        }
    };
    let meta = file.metadata().map_err(StoreError::io(path, action))?;
    if !meta.is_file() {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
            what: format!(
                "{}, where nearer keeps {what}",
                super::read::file_kind(&meta)
            ),
        });
    }
    #[cfg(unix)]
    {
        // Reads and writes of a plain file do not wait either way; put it back as usual.
        use std::os::fd::AsRawFd;
        // SAFETY: F_GETFL/F_SETFL on a descriptor this function owns.
        unsafe {
            let fd = file.as_raw_fd();
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
            }
        }
    }
    Ok(Some(file))
}

/// The bytes of a small file nearer keeps beside the journal (a draft), read without
/// following a link; `None` when there is none.
pub(super) fn read_private(path: &Path, what: &'static str) -> Result<Option<Vec<u8>>, StoreError> {
    let Some(file) = open_no_follow(path, OpenOptions::new().read(true), what, "reading")? else {
        return Ok(None);
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    super::read::read_whole(path, file, len).map(Some)
}

pub(super) fn remove_stale_temporaries(dir: &Path) {
    if is_link(dir) {
        return;
    }
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

/// The journal's folder: made (mode 0700, with any folders above it) when missing. It may
/// be reached through a link (a synced folder).
pub(super) fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
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

/// A folder of nearer's own inside the journal's folder (the backups): made (mode 0700)
/// when missing, and refused when a link or a file stands in its place.
pub(super) fn create_own_dir(dir: &Path, what: &'static str) -> Result<(), StoreError> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => refuse_link(dir, what),
        Ok(m) if m.is_dir() => Ok(()),
        Ok(m) => Err(StoreError::NotAFile {
            path: dir.to_path_buf(),
            what: format!("{}, where nearer keeps {what}", super::read::file_kind(&m)),
        }),
        Err(_) => {
            let mut builder = fs::DirBuilder::new();
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o700);
            }
            match builder.create(dir) {
                Ok(()) => Ok(()),
                // Made by someone else in between: look again.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => refuse_link(dir, what),
                Err(e) => Err(StoreError::io(dir, "creating the folder")(e)),
            }
        }
    }
}

pub(super) fn set_private_file(file: &File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file.set_permissions(fs::Permissions::from_mode(0o600));
    }
}

/// Keep a copy of everything in memory somewhere writable when the journal folder is not:
/// a new folder `nearer-rescue-STAMP` (mode 0700) holding `journal.json` and, if given,
/// `drafts.json` and the key file of a locked journal, in the first of `places` where
/// that works. Returns the folder.
pub fn write_rescue(
    places: &[PathBuf],
    stamp: &str,
    journal: &[u8],
    draft: Option<&[u8]>,
    key: Option<&[u8]>,
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
            .and_then(|()| write_private(&dir.join(JOURNAL_FILE), "a copy of the journal", journal))
            .and_then(|()| match draft {
                Some(d) => write_private(&dir.join(DRAFTS_FILE), "a copy of the drafts", d),
                None => Ok(()),
            })
            .and_then(|()| match key {
                Some(k) => write_private(&dir.join(super::KEY_FILE), "a copy of the key", k),
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
