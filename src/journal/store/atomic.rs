//! Writes that a crash cannot tear, private folders and files, and names that are free.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{DRAFT_FILE, JOURNAL_FILE, StoreError};

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
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(target)
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

pub(super) fn remove_stale_temporaries(dir: &Path) {
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

pub(super) fn set_private(path: &Path) {
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
