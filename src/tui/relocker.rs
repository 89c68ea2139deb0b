//! Changing the passphrase from the app: the files are rewritten on a thread of their own
//! (the key derivation alone takes about a second), and the outcome comes back to the
//! event loop as an action.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::journal::store::{Passphrase, left_words, unlock_key_file};
use crate::journal::{Store, StoreError};

/// Whether the journal is locked after the change, and what was done; or why nothing was.
pub type Outcome = Result<(bool, String), String>;

pub struct Relocker {
    tx: Sender<Outcome>,
    pub results: Receiver<Outcome>,
    checked_tx: Sender<Result<(), String>>,
    /// Whether a passphrase checked is the journal's (see [`Relocker::check`]).
    pub checked: Receiver<Result<(), String>>,
    running: Mutex<Vec<JoinHandle<()>>>,
}

impl Relocker {
    pub fn new() -> Relocker {
        let (tx, results) = mpsc::channel();
        let (checked_tx, checked) = mpsc::channel();
        Relocker {
            tx,
            results,
            checked_tx,
            checked,
            running: Mutex::new(Vec::new()),
        }
    }

    /// Check that `current` is the journal's passphrase, on a thread of its own (the key
    /// derivation takes about a second), before the page asks for a new one.
    pub fn check(&self, store: Arc<Store>, current: Passphrase) {
        let tx = self.checked_tx.clone();
        let handle = std::thread::Builder::new()
            .name("nearer-check".into())
            .spawn(move || {
                let _ = tx.send(check(&store, &current));
            })
            .expect("a thread can be started");
        self.running.lock().expect("relock list").push(handle);
    }

    /// Start a change: `current` is checked first when given; `new` none removes the
    /// passphrase.
    pub fn start(&self, store: Arc<Store>, current: Option<Passphrase>, new: Option<Passphrase>) {
        let tx = self.tx.clone();
        let handle = std::thread::Builder::new()
            .name("nearer-relock".into())
            .spawn(move || {
                let _ = tx.send(relock(&store, current.as_ref(), new.as_ref()));
            })
            .expect("a thread can be started");
        self.running.lock().expect("relock list").push(handle);
    }

    /// Wait for a change under way to end (at quit: files are never left half-changed by
    /// nearer's own hand).
    pub fn finish(&self) {
        for h in self.running.lock().expect("relock list").drain(..) {
            let _ = h.join();
        }
    }
}

/// Whether `current` opens the journal's key.
fn check(store: &Store, current: &Passphrase) -> Result<(), String> {
    match unlock_key_file(store.dir(), current) {
        Ok(_) => Ok(()),
        Err(StoreError::WrongPassphrase) => {
            Err("That is not the passphrase the journal has now. Nothing was changed.".into())
        }
        Err(e) => Err(format!("Nothing was changed: {e}")),
    }
}

fn relock(store: &Store, current: Option<&Passphrase>, new: Option<&Passphrase>) -> Outcome {
    // Checked by the page already; checked again here, as the files may have changed since.
    if let Some(current) = current {
        check(store, current)?;
    }
    let was_locked = store.is_locked();
    let done = match new {
        Some(new) => store.set_passphrase(new),
        None => store.remove_passphrase(),
    }
    .map_err(|e| format!("Nothing was changed: {}", e.short()))?;
    let files = format!(
        "{} {}",
        done.files,
        if done.files == 1 { "file" } else { "files" }
    );
    let left = left_words(&done.left);
    Ok(match (was_locked, new.is_some()) {
        (false, true) => (
            true,
            format!(
                "The journal is locked: {files} encrypted. nearer asks for the passphrase \
                 each time it opens.{left}"
            ),
        ),
        (true, true) => (
            true,
            format!(
                "The passphrase is changed: {files} encrypted with a new key; the old \
                 passphrase opens nothing now.{left}"
            ),
        ),
        (_, false) => (
            false,
            format!("The passphrase is removed: {files} written plain again.{left}"),
        ),
    })
}
