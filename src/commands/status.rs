//! `nearer status`: whether tonight's check-in is done, for scripts and prompts. It says
//! only what needs no passphrase: of a locked journal, only that it is locked.
//!
//! Exit codes (also for `nearer prompt`): 0 done, 1 not done, 2 a mistake in the command
//! (clap's), 3 the journal cannot be read, 4 the journal is locked.

use std::path::Path;
use std::process::ExitCode;

use crate::evening::evening_of;
use crate::journal::store::{self, JOURNAL_FILE, read_journal};

/// Tonight's check-in is done.
pub const DONE: u8 = 0;
/// Tonight's check-in is not done yet.
pub const NOT_DONE: u8 = 1;
/// The journal cannot be read (the message says why and what to do).
pub const CANNOT_READ: u8 = 3;
/// The journal is locked with a passphrase: open nearer to see it.
pub const LOCKED: u8 = 4;

/// What `nearer status` says of a locked journal.
pub const LOCKED_WORDS: &str =
    "nearer: the journal is locked; open nearer to see tonight's check-in";

pub fn run(dir: &Path) -> ExitCode {
    if store::folder_is_locked(dir) {
        println!("{LOCKED_WORDS}");
        return ExitCode::from(LOCKED);
    }
    let journal = match read_journal(&dir.join(JOURNAL_FILE)) {
        Ok(journal) => journal,
        Err(e) => {
            eprintln!("nearer: {e}");
            return ExitCode::from(CANNOT_READ);
        }
    };
    match journal.entry(evening_of(crate::tui::now())) {
        Some(e) => {
            println!(
                "nearer: tonight's check-in is done (closeness {} of 7).",
                e.closeness
            );
            ExitCode::from(DONE)
        }
        None => {
            println!("nearer: tonight's check-in is waiting. Run `nearer checkin`.");
            ExitCode::from(NOT_DONE)
        }
    }
}
