//! `nearer pair DIR` and `nearer unpair`, with the journal's lock held while they work.
//!
//! The app, open on the same journal, has a link of its own in memory: unpaired behind its
//! back, it would put this install's card and shared file back into the folder within
//! seconds, and a pairing made behind its back would not be seen until it started again.
//! So the two refuse while the app is open (its settings page does the same), and the app
//! refuses to start while they work.

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::journal::{Store, StoreError};
use crate::link::command::{self, Wait};

/// `nearer pair DIR`: the dialogue, at a terminal.
pub fn pair(
    data: &Path,
    dir: &Path,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let _held = hold(data, "link")?;
    let end = command::pair(data, dir, (input, out), Wait::Forever)?;
    Ok(if end.succeeded() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `nearer unpair`.
pub fn unpair(data: &Path, out: &mut dyn Write) -> Result<ExitCode> {
    // A data folder that is not there holds no pairing, and is not made for nothing.
    let _held = if data.exists() {
        Some(hold(data, "unpair")?)
    } else {
        None
    };
    command::unpair(data, out)?;
    Ok(ExitCode::SUCCESS)
}

/// The journal's lock, or why not: open in the app, which can do the same from settings.
fn hold(data: &Path, what: &str) -> Result<Store> {
    match Store::open(data) {
        Ok(store) => Ok(store),
        Err(StoreError::Locked { dir, holder }) => bail!(
            "the journal in {} is open in nearer{}: {what} there, in settings (Link with your \
             partner), or quit it and run this again. Two at once would undo each other's \
             link.",
            dir.display(),
            holder.map_or(String::new(), |p| format!(" (process {p})")),
        ),
        Err(e) => Err(e.into()),
    }
}
