//! Opening and parsing a journal file: refusing what is not one, without changing it.

use std::fs::{self, File};
use std::io::{self, Read, Seek};
use std::path::Path;

use serde::Deserialize;

use super::super::model::{Journal, SCHEMA_VERSION};
use super::seal::{Key, SealedFile, file_is_sealed, read_words};
use super::{MAX_JOURNAL_BYTES, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

pub(super) fn stamp_of(path: &Path) -> Option<FileStamp> {
    let meta = fs::metadata(path).ok()?;
    Some(FileStamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        #[cfg(unix)]
        inode: {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        },
    })
}

#[derive(Deserialize)]
pub(super) struct VersionProbe {
    pub(super) version: u32,
}

/// Read a journal file without taking the lock (for read-only commands). An encrypted one
/// is refused: see [`read_journal_with`].
pub fn read_journal(path: &Path) -> Result<Journal, StoreError> {
    read_journal_with(path, None)
}

/// Read a journal file without taking the lock, decrypting it with `key` when it is
/// encrypted.
pub fn read_journal_with(path: &Path, key: Option<&Key>) -> Result<Journal, StoreError> {
    match read_journal_file(path, key)? {
        JournalFile::Missing => Ok(Journal::default()),
        JournalFile::InPieces(journal) => Ok(*journal),
        JournalFile::Whole(bytes) => parse_journal(path, &bytes),
    }
}

/// A journal file as read: read in pieces when it is shaped as this nearer writes it (see
/// `pieces`), else its bytes (decrypted, when it is encrypted), for the careful way.
pub(super) enum JournalFile {
    Missing,
    InPieces(Box<Journal>),
    Whole(Vec<u8>),
}

pub(super) fn read_journal_file(path: &Path, key: Option<&Key>) -> Result<JournalFile, StoreError> {
    let Some((mut file, len)) = open_journal_file(path)? else {
        return Ok(JournalFile::Missing);
    };
    if file_is_sealed(&file).map_err(StoreError::io(path, "reading"))? {
        return read_sealed(path, &file, key);
    }
    if let Some(mut journal) = super::super::pieces::read(&file, len, MAX_JOURNAL_BYTES) {
        super::check::check_values(path, &journal)?;
        journal.normalise();
        return Ok(JournalFile::InPieces(Box::new(journal)));
    }
    // The same handle reads the file whole, from its start (reading in pieces reads at
    // positions, which may move the cursor on some systems).
    file.seek(io::SeekFrom::Start(0))
        .map_err(StoreError::io(path, "reading"))?;
    read_whole(path, file, len).map(JournalFile::Whole)
}

/// An encrypted journal file: read in pieces, each part decrypting its own (so a locked
/// journal opens as fast as a plain one, plus the decryption shared by the cores), else
/// decrypted whole, for the careful way, which says what is wrong.
fn read_sealed(path: &Path, file: &File, key: Option<&Key>) -> Result<JournalFile, StoreError> {
    let key = key.ok_or_else(|| StoreError::Sealed {
        path: path.to_path_buf(),
    })?;
    let undecrypted = |reason: String| StoreError::NotDecrypted {
        path: path.to_path_buf(),
        reason,
    };
    let (_, len) = key
        .reader_at(file)
        .map_err(|e| undecrypted(read_words(&e)))?;
    if len > MAX_JOURNAL_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: len,
        });
    }
    let source = SealedFile { file, key };
    if let Some(mut journal) = super::super::pieces::read_source(&source, len, MAX_JOURNAL_BYTES) {
        super::check::check_values(path, &journal)?;
        journal.normalise();
        return Ok(JournalFile::InPieces(Box::new(journal)));
    }
    read_sealed_whole(path, file, key).map(JournalFile::Whole)
}

/// The plain text of an encrypted file, whole (at most the size of the largest journal).
pub(super) fn read_sealed_whole(
    path: &Path,
    file: &File,
    key: &Key,
) -> Result<Vec<u8>, StoreError> {
    let undecrypted = |reason: String| StoreError::NotDecrypted {
        path: path.to_path_buf(),
        reason,
    };
    let mut reader = key.reader(io::BufReader::new(file)).map_err(undecrypted)?;
    let mut bytes = Vec::new();
    (&mut reader)
        .take(MAX_JOURNAL_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| undecrypted(read_words(&e)))?;
    if bytes.len() as u64 > MAX_JOURNAL_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// The bytes of a journal-like file, decrypted with `key` when it is encrypted; `None`
/// when there is no file.
pub fn read_plain_bytes(path: &Path, key: Option<&Key>) -> Result<Option<Vec<u8>>, StoreError> {
    let Some((file, len)) = open_journal_file(path)? else {
        return Ok(None);
    };
    if file_is_sealed(&file).map_err(StoreError::io(path, "reading"))? {
        let key = key.ok_or_else(|| StoreError::Sealed {
            path: path.to_path_buf(),
        })?;
        return read_sealed_whole(path, &file, key).map(Some);
    }
    read_whole(path, file, len).map(Some)
}

/// The bytes of a journal-like file; `None` when there is no file. Refuses anything that
/// is not a regular file (a folder, a link to nothing, a pipe that would never end) and
/// files too large to be a journal, without reading them.
pub fn read_journal_bytes(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match open_journal_file(path)? {
        None => Ok(None),
        Some((file, len)) => read_whole(path, file, len).map(Some),
    }
}

pub(super) fn read_whole(path: &Path, file: File, len: u64) -> Result<Vec<u8>, StoreError> {
    let mut bytes = Vec::with_capacity(len as usize);
    // Read at most one byte past the limit, in case the file grew since it was measured.
    file.take(MAX_JOURNAL_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(StoreError::io(path, "reading"))?;
    if bytes.len() as u64 > MAX_JOURNAL_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// A journal-like file opened for reading, with its length; `None` when there is none.
/// Refuses, without reading them, anything that is not a regular file and files too large
/// to be a journal.
pub(super) fn open_journal_file(path: &Path) -> Result<Option<(File, u64)>, StoreError> {
    let link = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, "reading")(e)),
        Ok(meta) => meta,
    };
    let meta = if link.file_type().is_symlink() {
        match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.raw_os_error() == Some(ELOOP) => {
                return Err(StoreError::LinkLoop {
                    path: path.to_path_buf(),
                });
            }
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                // The link leads somewhere nearer may not look (or cannot reach).
                return Err(StoreError::io(path, "reading")(e));
            }
            Err(_) => {
                return Err(StoreError::BrokenLink {
                    path: path.to_path_buf(),
                    target: fs::read_link(path).unwrap_or_default(),
                });
            }
        }
    } else {
        link
    };
    if !meta.is_file() {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
            what: format!("{}, where nearer keeps its journal file", file_kind(&meta)),
        });
    }
    if meta.len() > MAX_JOURNAL_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    let file = File::open(path).map_err(StoreError::io(path, "reading"))?;
    Ok(Some((file, meta.len())))
}

#[cfg(unix)]
const ELOOP: i32 = libc::ELOOP;
#[cfg(not(unix))]
const ELOOP: i32 = -1;

pub(super) fn file_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Parse journal bytes, naming `path` in any error.
pub fn parse_journal(path: &Path, bytes: &[u8]) -> Result<Journal, StoreError> {
    parse_full(path, bytes).map(|p| p.journal)
}

/// A journal as read, with the schema version its file had (0 when it had none).
pub(super) struct Parsed {
    pub(super) journal: Journal,
    pub(super) from_version: u32,
}

pub(super) fn parse_full(path: &Path, bytes: &[u8]) -> Result<Parsed, StoreError> {
    if bytes.len() as u64 > MAX_JOURNAL_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    let body = without_bom(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(StoreError::Empty {
            path: path.to_path_buf(),
        });
    }
    if let Err(e) = std::str::from_utf8(body) {
        let (line, column) = line_column(body, e.valid_up_to());
        if e.error_len().is_none() {
            // Text that stops part-way through a character: the file was cut short.
            return Err(StoreError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                reason: "the file ends part-way through a character, as if cut short".into(),
            });
        }
        return Err(StoreError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
        });
    }
    // A journal is one JSON object. serde would read a struct from an array too (and say
    // of `[[[...` that it expected a number), so anything else is named for what it is.
    if let Some(at) = body.iter().position(|b| !b.is_ascii_whitespace())
        && body[at] != b'{'
    {
        let (line, column) = line_column(body, at);
        return Err(StoreError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            reason: format!(
                "a nearer journal is one JSON object, starting with {{, and this file starts \
                 with {}",
                first_thing(&body[at..])
            ),
        });
    }
    let newer = |found: u32| StoreError::NewerVersion {
        path: path.to_path_buf(),
        found,
        supported: SCHEMA_VERSION,
    };
    let mut journal = match serde_json::from_slice::<Journal>(body) {
        Ok(j) if j.version > SCHEMA_VERSION => return Err(newer(j.version)),
        Ok(j) => j,
        Err(e) => {
            // A file from a newer nearer may be shaped in a way this one does not know.
            if let Ok(probe) = serde_json::from_slice::<VersionProbe>(body)
                && probe.version > SCHEMA_VERSION
            {
                return Err(newer(probe.version));
            }
            return Err(parse_error(path, &e));
        }
    };
    super::check::check_values(path, &journal)?;
    let from_version = journal.version;
    journal.version = SCHEMA_VERSION;
    journal.normalise();
    Ok(Parsed {
        journal,
        from_version,
    })
}

/// What a JSON text starting with `bytes` is, in words, quoting nothing of it but a bracket.
fn first_thing(bytes: &[u8]) -> &'static str {
    match bytes[0] {
        b'[' => "[ (a list)",
        b'"' => "\" (a piece of text)",
        b'-' | b'0'..=b'9' => "a number",
        b't' | b'f' => "true or false",
        b'n' => "null",
        _ => "something that is not JSON",
    }
}

/// A byte-order mark (some editors add one) is not part of the JSON.
pub(super) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

pub(super) fn parse_error(path: &Path, e: &serde_json::Error) -> StoreError {
    let reason = if e.is_eof() {
        "the file ends too early, as if it was cut short".to_string()
    } else {
        let reason = e.to_string();
        reason
            .rsplit_once(" at line ")
            .map_or(reason.as_str(), |(r, _)| r)
            .to_string()
    };
    StoreError::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        reason,
    }
}

/// Line and column (both from 1) of a byte offset.
pub(super) fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, offset - start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column(b"ab\ncd", 0), (1, 1));
        assert_eq!(line_column(b"ab\ncd", 4), (2, 2));
    }
}
