//! Backups and what to do with a journal that cannot be read: `nearer backups`,
//! `nearer restore DATE`, and the offer made at start when the journal file is unreadable.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::{Result, anyhow};
use chrono::Local;

use crate::journal::store::{self, Backup, list_backups, read_journal};
use crate::journal::{Journal, Store, StoreError};

/// `nearer backups`: the backups beside the journal, newest first.
pub fn list(dir: &Path) -> Result<()> {
    let backups = list_backups(dir);
    let mut out = io::stdout().lock();
    if backups.is_empty() {
        writeln!(
            out,
            "No backups yet. Before the first save of each day, nearer copies the journal \
             into {} and keeps the last {} days.",
            dir.join(store::BACKUP_DIR).display(),
            store::BACKUP_DAYS
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "Backups of {}, newest first:\n",
        dir.join(store::JOURNAL_FILE).display()
    )?;
    let width = backups.iter().map(|b| b.name.len()).max().unwrap_or(10);
    for b in &backups {
        writeln!(
            out,
            "  {:<width$}  {:>9}  {}",
            b.name,
            size(b.size),
            describe(b)
        )?;
    }
    writeln!(
        out,
        "\nPut one back with `nearer restore DATE`; the journal as it is now is kept as a \
         backup first."
    )?;
    Ok(())
}

fn describe(b: &Backup) -> String {
    match read_journal(&b.path) {
        Ok(j) => entries(j.entries.len()),
        // Its entries are counted only with the passphrase, and listing asks for none.
        Err(StoreError::Sealed { .. }) => "encrypted".into(),
        Err(StoreError::NewerVersion { found, .. }) => {
            format!("from a newer nearer (journal version {found})")
        }
        Err(_) => "cannot be read".into(),
    }
}

fn entries(n: usize) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{n} entries")
    }
}

fn size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// `nearer restore DATE`: refused while another nearer has the journal open.
pub fn restore(dir: &Path, name: &str) -> Result<()> {
    let store = Store::open(dir)?;
    crate::commands::enter_passphrase(&store)?;
    let done = store.restore(name, Local::now().date_naive())?;
    let mut message = format!(
        "Put back the backup {} ({}) as {}.",
        done.name,
        entries(done.entries),
        store.journal_path().display()
    );
    if let Some((kept, n)) = done.kept {
        let n = n.map_or_else(|| "it could not be read".into(), entries);
        message.push_str(&format!(
            " The journal as it was ({n}) is kept as backup {kept}."
        ));
    }
    println!("{message}");
    Ok(())
}

/// Load the journal for the app. When the file is there but cannot be read and a person is
/// at the terminal, say why and let them choose: leave it (the default), put back the newest
/// backup that reads, or start a new journal. Either way the unreadable file is kept,
/// renamed, byte for byte.
pub fn load_or_offer(store: &Store) -> Result<Journal> {
    let error = match store.load() {
        Ok(journal) => return Ok(journal),
        Err(e) => e,
    };
    if !error.is_unreadable_journal() || !io::stdin().is_terminal() {
        return Err(error.into());
    }
    let path = store.journal_path();
    let backup = list_backups(store.dir())
        .into_iter()
        .find_map(|b| store.read_other(&b.path).ok().map(|j| (b, j.entries.len())));
    let stamp = Local::now().format("%Y%m%d-%H%M%S").to_string();
    let mut err = io::stderr().lock();
    writeln!(err, "nearer: {error}\n")?;
    writeln!(err, "What would you like to do?")?;
    writeln!(err, "  1  Leave it as it is and quit. Nothing is changed.")?;
    let mut choices = vec!['1'];
    if let Some((b, n)) = &backup {
        writeln!(
            err,
            "  2  Put back the backup {} ({}). The unreadable file is kept beside it, renamed.",
            b.name,
            entries(*n)
        )?;
        choices.push('2');
    }
    writeln!(
        err,
        "  {}  Start a new, empty journal. The unreadable file is kept beside it, renamed.",
        if backup.is_some() { '3' } else { '2' }
    )?;
    choices.push(if backup.is_some() { '3' } else { '2' });
    let list = match choices.as_slice() {
        [a, b] => format!("{a} or {b}"),
        [a, b, c] => format!("{a}, {b} or {c}"),
        _ => "a number".into(),
    };
    write!(err, "Choose {list} (enter leaves it as it is): ")?;
    err.flush()?;
    drop(err);
    let mut answer = String::new();
    io::stdin().lock().read_line(&mut answer)?;
    let choice = answer.trim().chars().next().unwrap_or('1');
    let new_journal = if backup.is_some() { '3' } else { '2' };
    if let Some((b, _)) = backup.filter(|_| choice == '2') {
        let aside = store::move_aside(&path, &stamp)?;
        let bytes =
            std::fs::read(&b.path).map_err(|e| anyhow!("reading {}: {e}", b.path.display()))?;
        store::write_atomic(&path, &bytes)?;
        store.notice(format!(
            "Put back the backup {}; the unreadable file is kept as {}.",
            b.name,
            aside.display()
        ));
        Ok(store.load()?)
    } else if choice == new_journal {
        let aside = store::move_aside(&path, &stamp)?;
        store.notice(format!(
            "Started a new journal; the unreadable file is kept as {}.",
            aside.display()
        ));
        Ok(store.load()?)
    } else {
        Err(anyhow!("{} is left as it was.", path.display()))
    }
}
