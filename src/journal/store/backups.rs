//! Daily backups of the journal, the copies kept of versions written elsewhere, and
//! putting a backup back.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::atomic::{create_own_dir, write_private, write_private_with};
use super::read::{parse_journal, read_journal_bytes, stamp_of};
use super::{BACKUP_DAYS, BACKUP_DIR, Store, StoreError};

/// What a backup is, in messages about a link in its place.
const A_BACKUP: &str = "a backup";
const THE_BACKUPS: &str = "the backups";

impl Store {
    /// If something other than this nearer replaced the journal file since nearer read or
    /// last wrote it (a sync tool bringing another machine's version, a hand edit), keep
    /// that version as a backup before writing over it, and say so.
    pub(super) fn keep_a_version_written_elsewhere(&self, today: NaiveDate) {
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
    pub(super) fn keep_copy(&self, bytes: &[u8], today: NaiveDate) -> Result<String, StoreError> {
        create_own_dir(&self.backup_dir(), THE_BACKUPS)?;
        super::owner::keep_private(&self.backup_dir());
        let n = (0..)
            .find(|&n| !self.backup_dir().join(backup_file_name(today, n)).exists())
            .expect("some slot is free");
        write_private(
            &self.backup_dir().join(backup_file_name(today, n)),
            A_BACKUP,
            bytes,
        )?;
        rotate_backups(&self.backup_dir());
        Ok(backup_name(today, n))
    }

    /// Before the first save of `today`, copy the journal as it is into the backups.
    pub(super) fn ensure_backup(&self, today: NaiveDate) -> Result<(), StoreError> {
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
                    create_own_dir(&self.backup_dir(), THE_BACKUPS)?;
                    super::owner::keep_private(&self.backup_dir());
                    // Copied through a small buffer, not read whole into memory.
                    write_private_with(&target, A_BACKUP, |out| {
                        io::copy(&mut from, out).map(drop)
                    })?;
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

pub(super) fn backup_file_name(date: NaiveDate, n: u32) -> String {
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
pub(super) fn rotate_backups(backup_dir: &Path) {
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
