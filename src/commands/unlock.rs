//! `nearer unlock`: remove the passphrase, after it is given.

use std::path::Path;

use anyhow::{Result, bail};

use super::{enter_passphrase, left_words};
use crate::journal::Store;

pub fn run(dir: &Path) -> Result<()> {
    let store = Store::open(dir)?;
    if !store.is_locked() {
        bail!("the journal in {} has no passphrase.", dir.display());
    }
    enter_passphrase(&store)?;
    let done = store.remove_passphrase()?;
    println!(
        "The journal in {} has no passphrase now: {} {} written plain again, readable by \
         anyone who can log in as you.{}",
        dir.display(),
        done.files,
        if done.files == 1 { "file" } else { "files" },
        left_words(&done.left)
    );
    Ok(())
}
