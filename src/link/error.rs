//! What can go wrong while linking, in words that name the file and say what to do.

use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("{action} {}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
    /// A file nearer wrote itself that no longer reads (damaged, edited by hand, or from a
    /// newer nearer). It is left as it is.
    #[error("{} cannot be read: {why}", path.display())]
    Damaged { path: PathBuf, why: String },
    /// Something is where nearer would not write or read (a link, a folder, a device...).
    #[error("{} {why}", path.display())]
    Refused { path: PathBuf, why: String },
    #[error(
        "the shared folder {} is not there (not mounted, not synced yet, or moved); \
         create it or let the sync tool bring it, then run this again",
        dir.display()
    )]
    FolderMissing { dir: PathBuf },
    #[error(
        "this journal is already paired through {}; run `nearer unpair` first to pair \
         through another folder",
        dir.display()
    )]
    AlreadyPaired { dir: PathBuf },
    #[error("this journal is not paired; run `nearer pair DIR` first")]
    NotPaired,
    /// The pairing moved on between showing the words and the answer to them.
    #[error(
        "the cards in {} changed while you were comparing; run `nearer pair DIR` again and \
         compare the new words",
        dir.display()
    )]
    CodeChanged { dir: PathBuf },
    #[error("{0}")]
    Crypto(String),
}

impl LinkError {
    /// `map_err(LinkError::io(path, "reading"))`.
    pub fn io(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> LinkError {
        let path = path.to_path_buf();
        move |source| LinkError::Io {
            path,
            action,
            source,
        }
    }
}
