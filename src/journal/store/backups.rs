//! Daily backups of the journal, the copies kept of versions written elsewhere, and
//! putting a backup back.
//!
//! A backup is named by the date it was made on (as the clock said), and numbered in the
//! order backups were made: `backups/journal-2026-12-01.17.json` is backup `2026-12-01`,
//! the 17th made. Backups are kept and removed by that order, never by their dates, so a
//! clock set wrong (ahead, or back) cannot make nearer remove the backup it has just made.
//! Backups from before the numbering (`journal-2026-12-01.json`) count as made before every
//! numbered one, in the order of their dates; their names do not change.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::atomic::{create_own_dir, write_private, write_private_with};
use super::read::{
    VersionProbe, parse_journal, read_journal_bytes, read_plain_bytes, stamp_of, without_bom,
};
use super::seal::{file_is_sealed, sealed_with};
use super::{BACKUP_DAYS, BACKUP_DIR, SCHEMA_VERSION, Store, StoreError};

/// What a backup is, in messages about a link in its place.
const A_BACKUP: &str = "a backup";
const THE_BACKUPS: &str = "the backups";

impl Store {
    /// If something other than this nearer replaced the journal file since nearer read or
    /// last wrote it (a sync tool bringing another machine's version, a hand edit), keep
    /// that version as a backup before writing over it, and say so. When it cannot be kept,
    /// or it is from a newer nearer, the save must not happen: this returns why.
    pub(super) fn keep_a_version_written_elsewhere(
        &self,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        let path = self.journal_path();
        let Some(seen) = *self.seen.lock().expect("seen lock") else {
            return Ok(());
        };
        let now = stamp_of(&path);
        if now.is_none() || now == seen {
            return Ok(());
        }
        let not_kept = |e: StoreError| StoreError::ArrivedNotKept {
            path: path.clone(),
            reason: e.short(),
        };
        let Some(bytes) = read_journal_bytes(&path).map_err(not_kept)? else {
            return Ok(());
        };
        // A journal with a higher version is never written, whenever it arrives.
        if let Ok(probe) = serde_json::from_slice::<VersionProbe>(without_bom(&bytes))
            && probe.version > SCHEMA_VERSION
        {
            return Err(StoreError::NewerArrived {
                path: path.clone(),
                found: probe.version,
                supported: SCHEMA_VERSION,
            });
        }
        let name = self.keep_copy(&bytes, today).map_err(not_kept)?;
        // Kept once: a save that fails after this does not keep it again.
        *self.seen.lock().expect("seen lock") = Some(now);
        self.notice(format!(
            "{} was changed by another program while nearer had it open. nearer saved \
             over it, and kept that version as backup {name}: `nearer restore {name}` \
             puts it back.",
            path.display()
        ));
        Ok(())
    }

    /// Keep `bytes` as a backup of `today`, under the first free name; returns that name.
    pub(super) fn keep_copy(&self, bytes: &[u8], today: NaiveDate) -> Result<String, StoreError> {
        let bytes = self.for_disk(bytes)?;
        let (name, path) = self.new_backup(today, None)?;
        write_private(&path, A_BACKUP, &bytes)?;
        rotate_backups(&self.backup_dir(), &name);
        Ok(name)
    }

    /// The name and file of a new backup of `date`: `want` when it is free (the day's own
    /// backup), else the first free `DATE-N`; numbered after every backup there is.
    fn new_backup(
        &self,
        date: NaiveDate,
        want: Option<u32>,
    ) -> Result<(String, PathBuf), StoreError> {
        let dir = self.backup_dir();
        create_own_dir(&dir, THE_BACKUPS)?;
        super::owner::keep_private(&dir);
        let existing = list_backups(&self.dir);
        let taken = |n: u32| existing.iter().any(|b| b.name == backup_name(date, n));
        let n = match want {
            Some(n) if !taken(n) => n,
            _ => (1..).find(|&n| !taken(n)).expect("some name is free"),
        };
        let made = existing.iter().map(|b| b.made).max().unwrap_or(0) + 1;
        let name = backup_name(date, n);
        let path = dir.join(format!("journal-{name}.{made}.json"));
        Ok((name, path))
    }

    /// Before the first save of `today`, copy the journal as it is into the backups.
    pub(super) fn ensure_backup(&self, today: NaiveDate) -> Result<(), StoreError> {
        let mut done = self.backed_up.lock().expect("backup lock");
        if *done == Some(today) {
            return Ok(());
        }
        let day = backup_name(today, 0);
        if !list_backups(&self.dir).iter().any(|b| b.name == day) {
            let journal = self.journal_path();
            match fs::metadata(&journal) {
                Ok(meta) if meta.is_file() => {
                    // The journal may be a link (a synced folder); the backup may not.
                    let mut from =
                        File::open(&journal).map_err(StoreError::io(&journal, "reading"))?;
                    // An encrypted journal is copied as it is; a plain one is encrypted
                    // when the journal has a passphrase (one put back by hand, say).
                    let sealed =
                        file_is_sealed(&from).map_err(StoreError::io(&journal, "reading"))?;
                    let key = self.writing_key()?.filter(|_| !sealed);
                    let (name, path) = self.new_backup(today, Some(0))?;
                    // Copied through a small buffer, not read whole into memory.
                    write_private_with(&path, A_BACKUP, |out| {
                        sealed_with(key.as_deref(), out, |out| {
                            io::copy(&mut from, out).map(drop)
                        })
                    })?;
                    rotate_backups(&self.backup_dir(), &name);
                }
                _ => {}
            }
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
        let _files = self.files.read().expect("files lock");
        let key = self.key();
        let plain = read_plain_bytes(&source.path, key.as_deref())?.ok_or_else(|| {
            StoreError::NoSuchBackup {
                dir: self.backup_dir(),
                name: name.to_string(),
            }
        })?;
        let restored = parse_journal(&source.path, &plain)?;
        let bytes = self.for_disk(&plain)?;
        let journal_path = self.journal_path();
        let mut kept = None;
        if let Some(current) = read_journal_bytes(&journal_path)?
            && current != *bytes
        {
            let name = self.keep_copy(&current, today)?;
            let entries = read_plain_bytes(&journal_path, key.as_deref())
                .ok()
                .flatten()
                .and_then(|b| parse_journal(&journal_path, &b).ok())
                .map(|j| j.entries.len());
            kept = Some((name, entries));
        }
        self.lock.make_sure()?;
        super::write_atomic(&journal_path, &bytes)?;
        *self.backed_up.lock().expect("backup lock") = Some(today);
        Ok(Restored {
            name: source.name,
            entries: restored.entries.len(),
            kept,
        })
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
    /// Where it stands in the order backups were made: higher is later; 0 for a backup
    /// from before they were numbered.
    pub made: u64,
    pub path: PathBuf,
    pub size: u64,
}

pub(super) fn backup_name(date: NaiveDate, n: u32) -> String {
    if n == 0 {
        date.format("%Y-%m-%d").to_string()
    } else {
        format!("{}-{n}", date.format("%Y-%m-%d"))
    }
}

/// A backup file's name read: its name, date, copy number and place in the order made.
fn parse_file_name(file: &str) -> Option<(&str, NaiveDate, u32, u64)> {
    let stem = file.strip_prefix("journal-")?.strip_suffix(".json")?;
    let (name, made) = match stem.rsplit_once('.') {
        Some((name, made)) if !made.is_empty() && made.bytes().all(|b| b.is_ascii_digit()) => {
            (name, made.parse().ok()?)
        }
        Some(_) => return None,
        None => (stem, 0),
    };
    let date = NaiveDate::parse_from_str(name.get(..10)?, "%Y-%m-%d").ok()?;
    let n = match &name[10..] {
        "" => 0,
        rest => rest.strip_prefix('-')?.parse().ok()?,
    };
    Some((name, date, n, made))
}

/// The backups kept for the journal folder `dir`, the last made first.
pub fn list_backups(dir: &Path) -> Vec<Backup> {
    let Ok(read) = fs::read_dir(dir.join(BACKUP_DIR)) else {
        return Vec::new();
    };
    let mut backups: Vec<(Backup, u32)> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file = e.file_name().into_string().ok()?;
            let (name, date, n, made) = parse_file_name(&file)?;
            // Not followed: a link here is no backup of nearer's.
            let meta = e.metadata().ok().filter(fs::Metadata::is_file)?;
            Some((
                Backup {
                    name: name.to_string(),
                    date,
                    made,
                    path: e.path(),
                    size: meta.len(),
                },
                n,
            ))
        })
        .collect();
    backups.sort_by(|(a, an), (b, bn)| {
        (b.made.cmp(&a.made))
            .then(b.date.cmp(&a.date))
            .then(bn.cmp(an))
    });
    backups.into_iter().map(|(b, _)| b).collect()
}

/// Keep the backups of the `BACKUP_DAYS` days with a backup made most recently (by the
/// order they were made, not by their dates); remove the others, but never `just_made`.
pub(super) fn rotate_backups(backup_dir: &Path, just_made: &str) {
    let Some(dir) = backup_dir.parent() else {
        return;
    };
    let backups = list_backups(dir);
    let mut days: Vec<NaiveDate> = Vec::new();
    for b in &backups {
        if !days.contains(&b.date) {
            if days.len() == BACKUP_DAYS {
                break;
            }
            days.push(b.date);
        }
    }
    for b in backups
        .iter()
        .filter(|b| !days.contains(&b.date) && b.name != just_made)
    {
        let _ = fs::remove_file(&b.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_old_and_numbered_are_read() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            parse_file_name("journal-2026-12-01.json"),
            Some(("2026-12-01", d, 0, 0))
        );
        assert_eq!(
            parse_file_name("journal-2026-12-01-2.json"),
            Some(("2026-12-01-2", d, 2, 0))
        );
        assert_eq!(
            parse_file_name("journal-2026-12-01.17.json"),
            Some(("2026-12-01", d, 0, 17))
        );
        assert_eq!(
            parse_file_name("journal-2026-12-01-3.18.json"),
            Some(("2026-12-01-3", d, 3, 18))
        );
        for not in [
            "journal-2026-12-01.x.json",
            "journal-2026-12-01..json",
            "journal-2026-13-01.json",
            "journal-2026-12-01.json.sync-conflict-20261201-101010-ABC.json",
            "draft.json",
        ] {
            assert_eq!(parse_file_name(not), None, "{not}");
        }
    }
}
