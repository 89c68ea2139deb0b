//! Writing and reading the link's files: atomically, privately, never through a link.
//!
//! Every file is written as the journal is (see `journal::store::atomic`): a temporary
//! file in the same folder, synced, renamed over the old one, the folder synced. The
//! temporary's name, `.~nearer-XXXXXX.tmp`, is one that sync engines leave alone: Syncthing
//! with the README's `.stignore` line `(?d).*.tmp*` (and `(?d)*.tmp`), Dropbox because it
//! starts with `.~`. A rename replaces a link at the target rather than writing through it,
//! and reads of private files refuse links outright.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

use zeroize::Zeroizing;

use super::LinkError;

/// The start and end of every temporary name the link writes.
pub const TMP_PREFIX: &str = ".~nearer-";
pub const TMP_SUFFIX: &str = ".tmp";

/// Larger than any file the link writes by far (3,650 shared evenings are about 5 MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Is `name` a temporary (ours or a sync engine's) or otherwise hidden? Such names are never
/// read as cards or shared files.
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('~') || name.ends_with('~')
}

/// Create `dir` (and its parents) if needed, mode 0700; refuse a link or a file there.
pub fn ensure_private_dir(dir: &Path) -> Result<(), LinkError> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => Err(LinkError::Refused {
            path: dir.to_path_buf(),
            why: "is a link; nearer keeps its keys only in a real folder. Remove the link \
                  and run this again"
                .into(),
        }),
        Ok(m) if m.is_dir() => {
            set_mode(dir, 0o700);
            Ok(())
        }
        Ok(_) => Err(LinkError::Refused {
            path: dir.to_path_buf(),
            why: "is a file where nearer keeps a folder; move it away and run this again".into(),
        }),
        Err(_) => {
            let mut builder = fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o700);
            }
            builder
                .create(dir)
                .map_err(LinkError::io(dir, "creating the folder"))
        }
    }
}

/// Write `bytes` to `path` atomically, mode 0600. A link at `path` is replaced, not followed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), LinkError> {
    write_atomic_mode(path, bytes, 0o600)
}

/// As [`write_atomic`], with the file's mode (0644 for the shared folder's files: they are
/// public or sealed, and a partner's account on a shared disk must be able to read them).
pub fn write_atomic_mode(path: &Path, bytes: &[u8], mode: u32) -> Result<(), LinkError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .suffix(TMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(LinkError::io(path, "writing"))?;
    tmp.as_file_mut()
        .write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(LinkError::io(path, "writing"))?;
    set_mode(tmp.path(), mode);
    tmp.persist(path)
        .map_err(|e| LinkError::io(path, "writing")(e.error))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Read a private file; `None` when it does not exist. Refuses a link, anything but a plain
/// file, and files over `limit` bytes. The bytes are wiped from memory when dropped.
pub fn read_private(path: &Path, limit: u64) -> Result<Option<Zeroizing<Vec<u8>>>, LinkError> {
    Ok(read_file(path, limit)?.map(Zeroizing::new))
}

/// As [`read_private`], for files that hold nothing secret (the shared folder's: public
/// cards and sealed files), so megabytes are not wiped byte by byte.
pub fn read_file(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, LinkError> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) if is_link_error(&e) => {
            return Err(LinkError::Refused {
                path: path.to_path_buf(),
                why: "is a link; nearer reads its keys only from a plain file. Put the file \
                      itself there"
                    .into(),
            });
        }
        Err(e) => return Err(LinkError::io(path, "reading")(e)),
    };
    read_plain_file(path, file, limit).map(Some)
}

fn is_link_error(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

fn read_plain_file(path: &Path, file: File, limit: u64) -> Result<Vec<u8>, LinkError> {
    let meta = file.metadata().map_err(LinkError::io(path, "reading"))?;
    if !meta.is_file() {
        return Err(LinkError::Refused {
            path: path.to_path_buf(),
            why: "is not a plain file; move it away and run this again".into(),
        });
    }
    if meta.len() > limit {
        return Err(LinkError::Damaged {
            path: path.to_path_buf(),
            why: format!(
                "it is {} bytes, more than nearer ever writes there",
                meta.len()
            ),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(LinkError::io(path, "reading"))?;
    Ok(bytes)
}

/// Size, modification time and (on Unix) the inode: enough to tell whether a file changed
/// since it was read. Every write of the link's is a rename of a new file, so the inode
/// changes even where times are coarse (FAT, some network shares) and the size is the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub inode: u64,
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        }
    }

    /// How long ago the file last changed (zero when the clock says it is in the future).
    pub fn age(&self, now: SystemTime) -> Duration {
        self.modified
            .and_then(|m| now.duration_since(m).ok())
            .unwrap_or_default()
    }
}

/// Remove temporaries of ours left in `dir` by a crash, once they are clearly abandoned.
/// Temporaries in a folder synced without ignore rules may be another machine's write in
/// progress, so only old ones go.
pub fn remove_stale_temporaries(dir: &Path, older_than: Duration) {
    let Ok(read) = fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    for entry in read.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX)) {
            continue;
        }
        if let Ok(meta) = entry.metadata()
            && meta.is_file()
            && Stamp::of(&meta).age(now) > older_than
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

pub fn set_mode(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
    }
}

/// Lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// The bytes of exactly `N` lowercase or uppercase hex pairs.
pub fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.as_bytes();
    if s.len() != N * 2 {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; N];
    for (i, pair) in s.chunks_exact(2).enumerate() {
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}
