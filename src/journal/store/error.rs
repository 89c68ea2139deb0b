//! What went wrong with the journal's files, in words a person can act on.

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "{path} cannot be read as a nearer journal (line {line}, column {column}: {reason}). \
         nearer has not changed it. {}",
        what_to_do(.path)
    )]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        reason: String,
    },
    #[error(
        "{path} is not text (it has bytes that are not UTF-8 at line {line}, column {column}), \
         so it is not a nearer journal; another program may have written over it. \
         nearer has not changed it. {}",
        what_to_do(.path)
    )]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error(
        "{path} is empty. nearer has not changed it. If it should hold entries, put back a \
         backup (`nearer backups` lists them); otherwise delete it to start a new journal."
    )]
    Empty { path: PathBuf },
    #[error(
        "{path} was written by a newer nearer (journal version {found}; this one reads up to \
         version {supported}). nearer has not changed it. Update nearer to open it."
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "{path} is {}, far larger than any nearer journal, so nearer has not opened it \
         (and has not changed it). Check that it is the right file; to start a new journal, \
         move it aside: mv '{path}' '{path}.large'",
        human_size(.size)
    )]
    TooLarge { path: PathBuf, size: u64 },
    #[error(
        "{path} is {what}. nearer has not changed it. Move it aside so nearer can use that \
         place: mv '{path}' '{path}.moved'"
    )]
    NotAFile { path: PathBuf, what: String },
    #[error(
        "{path} is a link to {target}, which does not exist. nearer has not changed it. \
         Put the journal back where the link points, or remove the link (rm '{path}') to \
         start a new journal."
    )]
    BrokenLink { path: PathBuf, target: PathBuf },
    #[error(
        "{path} is a link that leads round in a loop of links, so there is no journal at the \
         end of it. nearer has not changed it. Point the link at the journal, or remove it \
         (rm '{path}') to start a new journal."
    )]
    LinkLoop { path: PathBuf },
    #[error(
        "{path} is a link{}, where nearer keeps {what}. nearer does not follow a link there \
         (another file could be changed or read through it), so it has changed neither. \
         Remove the link (rm '{path}'); nearer then makes {what} anew.",
        if .target.as_os_str().is_empty() { String::new() } else { format!(" to {}", .target.display()) }
    )]
    Link {
        path: PathBuf,
        target: PathBuf,
        what: &'static str,
    },
    #[error(
        "{path} cannot be read as a nearer journal: {entry} has {field} {value}, and {field} \
         is {allowed}. nearer has not changed it. {}",
        what_to_do(.path)
    )]
    OutOfRange {
        path: PathBuf,
        /// Which entry, in words ("entry 3, of 2026-11-26"; "the preferences").
        entry: String,
        field: &'static str,
        value: String,
        allowed: &'static str,
    },
    #[error(
        "{path} was changed by another program while nearer had it open, and nearer could not \
         keep that version as a backup, so it has not saved over it: {reason}"
    )]
    ArrivedNotKept { path: PathBuf, reason: String },
    #[error(
        "{path} was replaced, while nearer had it open, by a journal from a newer nearer \
         (journal version {found}; this one writes version {supported}), so nearer has not \
         saved over it. Update nearer, then open the journal with the newer one."
    )]
    NewerArrived {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "{} was removed while this nearer had the journal open, and another nearer{} has \
         opened the journal since, so this one does not save: the two would write over each \
         other's evenings. Close one of them; nearer tries again on its own.",
        .path.display(),
        .holder.map_or(String::new(), |p| format!(" (process {p})"))
    )]
    LockLost { path: PathBuf, holder: Option<u32> },
    #[error(
        "{dir} belongs to {owner}, and nearer runs as {me}. Files nearer wrote there would \
         belong to {me}, and {owner} could no longer write the journal. nearer has changed \
         nothing. Run nearer as {owner} (not with sudo), or give it a folder of its own with \
         --data-dir."
    )]
    NotYours {
        dir: PathBuf,
        owner: String,
        me: String,
    },
    #[error(
        "{dir} is a shared folder (anyone may make files in it, as in /tmp), so it is no place \
         for a journal. nearer has changed nothing. Give nearer a folder of its own with \
         --data-dir."
    )]
    SharedFolder { dir: PathBuf },
    #[error(
        "the journal in {dir} is open in another nearer{}. Close that one first, then start \
         this one again: two copies would overwrite each other's entries.{}",
        .holder.map_or(String::new(), |p| format!(" (process {p})")),
        .holder.map_or(String::new(), |p| format!(" If that nearer is stuck, `kill {p}` ends it."))
    )]
    Locked { dir: PathBuf, holder: Option<u32> },
    #[error(
        "there is no backup named {name} in {}. `nearer backups` lists the ones there are.",
        .dir.display()
    )]
    NoSuchBackup { dir: PathBuf, name: String },
    #[error(
        "{path} is encrypted, and nearer has no key to open it: this folder has no key file \
         (key.age), or its passphrase was not given. nearer has not changed it. If key.age \
         was moved, put it back beside the journal; `nearer backups` lists the backups."
    )]
    Sealed { path: PathBuf },
    #[error(
        "{path} is encrypted and cannot be decrypted with this folder's key: {reason}. \
         nearer has not changed it. Put back a backup (`nearer backups` lists them), or move \
         it aside to start a new journal: mv '{path}' '{path}.broken'"
    )]
    NotDecrypted { path: PathBuf, reason: String },
    #[error("the journal in {dir} is locked with a passphrase, and it was not given")]
    NeedsPassphrase { dir: PathBuf },
    #[error("that passphrase does not open the journal")]
    WrongPassphrase,
    #[error(
        "{path}, which keeps the journal's key, cannot be used: {reason}. nearer has not \
         changed it or anything else. If you have a copy of it (from before it changed), put \
         it back."
    )]
    KeyFile { path: PathBuf, reason: String },
    #[error("the journal in {dir} has no passphrase")]
    NotLocked { dir: PathBuf },
    /// The system's error is in the message, in words, and not given as the error's source
    /// as well: printed with its causes, it would be said twice.
    #[error("{}", describe_io(.path, .action, .error))]
    Io {
        path: PathBuf,
        action: &'static str,
        error: io::Error,
    },
}

impl StoreError {
    pub(super) fn io<'a>(
        path: &'a Path,
        action: &'static str,
    ) -> impl FnOnce(io::Error) -> StoreError + 'a {
        move |error| StoreError::Io {
            path: path.to_path_buf(),
            action,
            error,
        }
    }

    /// The journal file is there but cannot be used as it is: the person has to choose what
    /// to do with it (fix it, put back a backup, move it aside).
    pub fn is_unreadable_journal(&self) -> bool {
        matches!(
            self,
            StoreError::Parse { .. }
                | StoreError::NotUtf8 { .. }
                | StoreError::Empty { .. }
                | StoreError::TooLarge { .. }
                | StoreError::NotAFile { .. }
                | StoreError::BrokenLink { .. }
                | StoreError::LinkLoop { .. }
                | StoreError::OutOfRange { .. }
                | StoreError::Sealed { .. }
                | StoreError::NotDecrypted { .. }
        )
    }

    /// The file the error is about, when there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            StoreError::Parse { path, .. }
            | StoreError::NotUtf8 { path, .. }
            | StoreError::Empty { path }
            | StoreError::NewerVersion { path, .. }
            | StoreError::TooLarge { path, .. }
            | StoreError::NotAFile { path, .. }
            | StoreError::BrokenLink { path, .. }
            | StoreError::LinkLoop { path }
            | StoreError::Link { path, .. }
            | StoreError::OutOfRange { path, .. }
            | StoreError::ArrivedNotKept { path, .. }
            | StoreError::NewerArrived { path, .. }
            | StoreError::LockLost { path, .. }
            | StoreError::Sealed { path }
            | StoreError::NotDecrypted { path, .. }
            | StoreError::KeyFile { path, .. }
            | StoreError::Io { path, .. } => Some(path),
            StoreError::NotYours { dir, .. }
            | StoreError::SharedFolder { dir }
            | StoreError::NeedsPassphrase { dir }
            | StoreError::NotLocked { dir } => Some(dir),
            StoreError::Locked { .. }
            | StoreError::NoSuchBackup { .. }
            | StoreError::WrongPassphrase => None,
        }
    }

    /// What went wrong, in a few words (no advice).
    pub fn reason(&self) -> String {
        match self {
            StoreError::Io {
                path,
                action,
                error,
            } => io_words(error, path, action).0,
            other => other.to_string(),
        }
    }

    /// A short line for the app's notice: what went wrong and what the person can do.
    pub fn short(&self) -> String {
        match self {
            StoreError::Io {
                path,
                action,
                error,
            } => {
                let (what, todo) = io_words(error, path, action);
                format!("{what}. {todo}")
            }
            other => other.to_string(),
        }
    }
}

pub(super) fn what_to_do(path: &Path) -> String {
    let p = path.display();
    format!(
        "You can fix it in a text editor, put back a backup (`nearer backups` lists them), \
         or move it aside to start a new journal: mv '{p}' '{p}.broken'"
    )
}

/// What an I/O error means for the person, and what they can do about it. `action` says
/// what nearer was doing ("reading", "saving"...), so a refusal to read is not called one to
/// write.
pub(super) fn io_words(e: &io::Error, path: &Path, action: &str) -> (String, String) {
    let dir = path.parent().unwrap_or(Path::new(".")).display();
    let reading = action == "reading";
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => (
            "the disk is full".into(),
            "Free some space; nearer tries again on its own".into(),
        ),
        io::ErrorKind::FileTooLarge => (
            "the file is larger than this system allows nearer to write".into(),
            "Raise the file size limit (ulimit -f) or free space; nearer tries again on its own"
                .into(),
        ),
        io::ErrorKind::ReadOnlyFilesystem => (
            format!("the disk holding {dir} is read-only"),
            "Make it writable; nearer tries again on its own".into(),
        ),
        io::ErrorKind::PermissionDenied if reading => (
            format!("nearer is not allowed to read {}", path.display()),
            "Check the owner and permissions of the file and of its folder".into(),
        ),
        io::ErrorKind::PermissionDenied => (
            format!("nearer is not allowed to write in {dir}"),
            "Check the folder's owner and permissions; nearer tries again on its own".into(),
        ),
        io::ErrorKind::NotADirectory => (
            format!("{dir} is not a folder"),
            "Move it aside, or give nearer another folder with --data-dir".into(),
        ),
        io::ErrorKind::NotFound => (
            format!("the folder {dir} is gone"),
            format!("Create it again (mkdir -p '{dir}'); nearer tries again on its own"),
        ),
        _ if reading => (
            // The system's own words, once (see describe_io).
            plain(e),
            "Check that it is the right file".into(),
        ),
        _ => (plain(e), "nearer tries again on its own".into()),
    }
}

/// The system's words for an error, without the "(os error N)" that only a programmer
/// needs.
fn plain(e: &io::Error) -> String {
    let words = e.to_string();
    match words.rsplit_once(" (os error ") {
        Some((w, _)) => w.to_string(),
        None => words,
    }
}

pub(super) fn describe_io(path: &Path, action: &str, source: &io::Error) -> String {
    let (what, _) = io_words(source, path, action);
    format!("{action} {} failed: {what}", path.display())
}

pub(super) fn human_size(bytes: &u64) -> String {
    let bytes = *bytes;
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1024.0 && unit < UNITS.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{size:.1} {}", UNITS[unit])
    }
}
