//! `nearer lock`: set a passphrase on a journal that has none.

use std::path::Path;

use anyhow::{Result, bail};

use super::{NO_RECOVERY, ask_new_passphrase, left_words};
use crate::journal::Store;
use crate::tui::passphrase::Tty;

pub fn run(dir: &Path) -> Result<()> {
    let store = Store::open(dir)?;
    if store.is_locked() {
        bail!(
            "the journal in {} already has a passphrase. To change it: nearer passphrase. \
             To remove it: nearer unlock.",
            dir.display()
        );
    }
    // A journal that does not read is put right first; nothing is encrypted over it.
    store.load()?;
    let mut tty = Tty::open()?;
    tty.say(NO_RECOVERY)?;
    let passphrase = ask_new_passphrase(&mut tty)?;
    tty.say("Locking the journal (this takes a few seconds)...")?;
    let done = store.set_passphrase(&passphrase)?;
    println!(
        "The journal in {} is locked: {} {} encrypted. nearer asks for the passphrase each \
         time it opens.{}",
        dir.display(),
        done.files,
        if done.files == 1 { "file" } else { "files" },
        left_words(&done.left)
    );
    Ok(())
}
