//! Commands with more to them than a few lines, each in a file of its own: the lock
//! (`lock`, `unlock`, `passphrase`), the link's (`linking`: `pair` and `unpair`), `prompt`
//! and `status`. What they share is here: asking for the passphrase, in the terminal, with
//! three tries.

pub mod linking;
pub mod lock;
pub mod passphrase;
pub mod prompt;
pub mod status;
pub mod unlock;

use std::path::Path;

use anyhow::{Result, bail};

use crate::journal::store::{self, Key, Passphrase, relock_pending, unlock_key_file};
pub use crate::journal::store::{NO_RECOVERY, left_words};
use crate::journal::{Store, StoreError};
use crate::tui::passphrase::Tty;

/// How many times a passphrase may be wrong before nearer gives up.
pub const TRIES: usize = 3;

/// Ask for the journal's passphrase until `open` takes it, at most [`TRIES`] times. A wrong
/// one is said and changes nothing.
pub fn ask_passphrase<T>(
    prompt: &str,
    mut open: impl FnMut(&Passphrase) -> Result<T, StoreError>,
) -> Result<T> {
    let mut tty = Tty::open()?;
    for tried in 1..=TRIES {
        let Some(passphrase) = tty.ask(prompt)? else {
            bail!("no passphrase given, so the journal stays closed. Nothing was changed.");
        };
        match open(&passphrase) {
            Ok(opened) => return Ok(opened),
            Err(StoreError::WrongPassphrase) if tried < TRIES => {
                let left = TRIES - tried;
                tty.say(&format!(
                    "That passphrase does not open the journal. {left} {} left.",
                    if left == 1 { "try" } else { "tries" }
                ))?;
            }
            Err(StoreError::WrongPassphrase) => bail!(
                "that passphrase does not open the journal, {TRIES} times. Nothing was \
                 changed; run nearer again to try again."
            ),
            Err(e) => return Err(e.into()),
        }
    }
    unreachable!("the last try returns")
}

/// Open a locked journal held by `store` with its passphrase (nothing to do when it has
/// none).
pub fn enter_passphrase(store: &Store) -> Result<()> {
    if store.needs_passphrase() {
        ask_passphrase("Passphrase for the journal: ", |p| {
            store.enter_passphrase(p)
        })?;
    }
    Ok(())
}

/// The key of a locked journal folder, asked for in the terminal, without taking the
/// folder's lock (for the commands that only read); `None` when it has no passphrase.
pub fn folder_key(dir: &Path) -> Result<Option<Key>> {
    if relock_pending(dir) {
        bail!(
            "the journal's passphrase is being changed, or a change was cut short. Open \
             nearer to finish it (or wait for the change to end), then try again."
        );
    }
    if !store::folder_is_locked(dir) {
        return Ok(None);
    }
    ask_passphrase("Passphrase for the journal: ", |p| {
        unlock_key_file(dir, p).map(|(key, _)| key)
    })
    .map(Some)
}

/// A new passphrase, typed twice the same (at most [`TRIES`] times).
pub fn ask_new_passphrase(tty: &mut Tty) -> Result<Passphrase> {
    for _ in 0..TRIES {
        let Some(first) = tty.ask("New passphrase: ")? else {
            bail!("no passphrase given. Nothing was changed.");
        };
        if first.is_empty() {
            tty.say("A passphrase cannot be empty.")?;
            continue;
        }
        let Some(again) = tty.ask("The same passphrase again: ")? else {
            bail!("no passphrase given. Nothing was changed.");
        };
        if first.same_as(&again) {
            return Ok(first);
        }
        tty.say("The two were not the same. Once more:")?;
    }
    bail!("no passphrase was typed the same twice. Nothing was changed.")
}
