//! The shared folder as sync engines really leave it.
//!
//! nearer keeps its files in `DIR/nearer/`: each install's card `<install-id>.pub` and its
//! sealed shared file `<install-id>.age`. An install writes only its own two names (and
//! removes only its own conflict copies); it reads every name that is a copy of a card or
//! shared file it cares about:
//!
//! - Syncthing's conflicts: `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT`;
//! - Dropbox's (and Nextcloud's): `NAME (… conflicted copy YYYY-MM-DD…).EXT`;
//! - a cloud's duplicates: `NAME (1).EXT`, `NAME 2.EXT`;
//!
//! and never hidden names (`.…`, `~…`, `…~`): temporaries, ours (`.~nearer-XXXXXX.tmp`) or a
//! sync engine's (`.syncthing.NAME.tmp`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::card::CARD_EXT;
use super::envelope::SEALED_EXT;
use super::files::{self, Stamp};
use super::identity::InstallId;

/// nearer's folder inside the shared folder.
pub const SUBDIR: &str = "nearer";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Card,
    Sealed,
}

/// One file of nearer's in the shared folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    pub install_id: InstallId,
    pub kind: Kind,
    /// A sync engine's copy (a conflict or a duplicate), not the file's own name.
    pub copy: bool,
    pub stamp: Stamp,
}

/// What a name is a copy of: `Some((install id, kind, is_copy))`.
pub fn classify(name: &str) -> Option<(InstallId, Kind, bool)> {
    if files::is_hidden(name) {
        return None;
    }
    let (stem, ext) = name.rsplit_once('.')?;
    let kind = match ext {
        CARD_EXT => Kind::Card,
        SEALED_EXT => Kind::Sealed,
        _ => return None,
    };
    let (mut stem, mut copy) = (stem, false);
    // A copy of a copy is still a copy: peel suffixes until the install id is left.
    for _ in 0..4 {
        if let Some(id) = InstallId::parse(stem) {
            return Some((id, kind, copy));
        }
        stem = strip_copy_suffix(stem)?;
        copy = true;
    }
    None
}

fn strip_copy_suffix(stem: &str) -> Option<&str> {
    // Syncthing: NAME.sync-conflict-20261201-101500-ABCDEFG
    if let Some(i) = stem.rfind(".sync-conflict-") {
        return Some(&stem[..i]);
    }
    // Dropbox / Nextcloud: NAME (Zoë's conflicted copy 2026-12-01), NAME (1)
    if let Some(inner) = stem.strip_suffix(')')
        && let Some(i) = inner.rfind(" (")
    {
        let tag = &inner[i + 2..];
        if tag.contains("conflict") || (!tag.is_empty() && tag.bytes().all(|b| b.is_ascii_digit()))
        {
            return Some(&inner[..i]);
        }
    }
    // iCloud and others: NAME 2
    if let Some((base, n)) = stem.rsplit_once(' ')
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return Some(base);
    }
    None
}

pub fn nearer_dir(dir: &Path) -> PathBuf {
    dir.join(SUBDIR)
}

pub fn file_name(id: &InstallId, kind: Kind) -> String {
    match kind {
        Kind::Card => format!("{id}.{CARD_EXT}"),
        Kind::Sealed => format!("{id}.{SEALED_EXT}"),
    }
}

/// Every file of nearer's in `DIR/nearer`, sorted (originals before their copies). A
/// missing `nearer` folder holds nothing; a missing `DIR` is an error for the caller to turn
/// into a state.
pub fn scan(dir: &Path) -> io::Result<Vec<Found>> {
    if !fs::metadata(dir)?.is_dir() {
        return Err(io::Error::new(io::ErrorKind::NotADirectory, "not a folder"));
    }
    let sub = nearer_dir(dir);
    let read = match fs::read_dir(&sub) {
        Ok(r) => r,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e),
    };
    let mut found = Vec::new();
    for entry in read {
        let entry = entry?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        let Some((install_id, kind, copy)) = classify(&name) else {
            continue;
        };
        // Plain files only: a link in a shared folder is never followed.
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        found.push(Found {
            path: entry.path(),
            install_id,
            kind,
            copy,
            stamp: Stamp::of(&meta),
        });
    }
    found.sort_by(|a, b| {
        (&a.install_id, a.kind, a.copy, &a.path).cmp(&(&b.install_id, b.kind, b.copy, &b.path))
    });
    Ok(found)
}

/// Read a file of the shared folder, whole, refusing links and oversized files.
pub fn read(path: &Path) -> Result<Vec<u8>, super::LinkError> {
    match files::read_file(path, files::MAX_FILE_BYTES)? {
        Some(bytes) => Ok(bytes),
        None => Err(super::LinkError::io(path, "reading")(
            io::ErrorKind::NotFound.into(),
        )),
    }
}

/// Write one of this install's own files in `DIR/nearer` (creating that folder).
pub fn write_own(
    dir: &Path,
    id: &InstallId,
    kind: Kind,
    bytes: &[u8],
) -> Result<PathBuf, super::LinkError> {
    let sub = nearer_dir(dir);
    if fs::symlink_metadata(&sub).is_err() {
        fs::create_dir(&sub).map_err(super::LinkError::io(&sub, "creating the folder"))?;
    }
    let path = sub.join(file_name(id, kind));
    files::write_atomic_mode(&path, bytes, 0o644)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0123456789abcdef";

    fn kind_of(name: &str) -> Option<(String, Kind, bool)> {
        classify(name).map(|(id, k, c)| (id.to_string(), k, c))
    }

    #[test]
    fn originals_and_every_engines_copies_are_recognised() {
        let id = ID.to_string();
        assert_eq!(
            kind_of(&format!("{ID}.age")),
            Some((id.clone(), Kind::Sealed, false))
        );
        assert_eq!(
            kind_of(&format!("{ID}.pub")),
            Some((id.clone(), Kind::Card, false))
        );
        for copy in [
            format!("{ID}.sync-conflict-20261201-101500-ABCDEFG.age"),
            format!("{ID} (Zoë's conflicted copy 2026-12-01).age"),
            format!("{ID} (conflicted copy 2026-12-01 101500).age"),
            format!("{ID} (1).age"),
            format!("{ID} 2.age"),
            format!("{ID} (1).sync-conflict-20261201-101500-ABCDEFG.age"),
        ] {
            assert_eq!(
                kind_of(&copy),
                Some((id.clone(), Kind::Sealed, true)),
                "{copy}"
            );
        }
    }

    #[test]
    fn temporaries_and_strangers_are_not() {
        for name in [
            ".~nearer-a1b2c3.tmp".to_string(),
            format!(".syncthing.{ID}.age.tmp"),
            format!(".{ID}.age"),
            format!("~{ID}.age"),
            format!("{ID}.age~"),
            format!("{ID}.age.tmp"),
            format!("{ID}.json"),
            "notes (1).age".to_string(),
            format!("{ID} (draft).age"),
            "0123456789ABCDEF.age".to_string(),
        ] {
            assert_eq!(kind_of(&name), None, "{name}");
        }
    }
}
