//! `nearer passphrase`: change the passphrase, after the one there is.

use std::path::Path;

use anyhow::{Result, bail};

use super::{NO_RECOVERY, ask_new_passphrase, enter_passphrase, left_words};
use crate::journal::Store;
use crate::tui::passphrase::Tty;

pub fn run(dir: &Path) -> Result<()> {
    let store = Store::open(dir)?;
    if !store.is_locked() {
        bail!(
            "the journal in {} has no passphrase to change. Set one with: nearer lock",
            dir.display()
        );
    }
    enter_passphrase(&store)?;
    let mut tty = Tty::open()?;
    tty.say(NO_RECOVERY)?;
    let passphrase = ask_new_passphrase(&mut tty)?;
    tty.say("Changing the passphrase (this takes a few seconds)...")?;
    let done = store.set_passphrase(&passphrase)?;
    println!(
        "The passphrase is changed: {} {} encrypted with a new key; the old passphrase \
         opens nothing now.{}",
        done.files,
        if done.files == 1 { "file" } else { "files" },
        left_words(&done.left)
    );
    Ok(())
}
