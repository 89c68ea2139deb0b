//! The passphrase lock, built from age's two native recipients (no cryptography of
//! nearer's own).
//!
//! - `key.age` holds the folder's key: an age X25519 identity (`AGE-SECRET-KEY-1...`, as
//!   age's own tools write one), encrypted with the passphrase to age's scrypt recipient.
//!   Opening the journal costs this one key derivation.
//! - Every file that holds the person's words (the journal, the drafts, every backup, the
//!   copies nearer keeps aside) is an age file encrypted to that identity's recipient.
//!   Writing one needs no passphrase and no key derivation: a save stays on the save thread
//!   and costs what it did, plus the encryption.
//! - An encrypted file starts with age's own header, `age-encryption.org/v1` and a line
//!   break, which no JSON text can start with: that is how nearer knows a file is
//!   encrypted. A file is read by what it is, so a plain file in a locked folder (one put
//!   back by hand, or not yet rewritten when a change of the lock was cut short) still
//!   reads, and is encrypted at the next write.
//!
//! Age authenticates every 64 KiB chunk of a file and its end, so a file cut short, changed
//! or encrypted to another key is refused as it is read, never taken for a journal.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;

/// The folder's key, encrypted with the passphrase.
pub const KEY_FILE: &str = "key.age";
/// How every encrypted file starts (age's header).
pub const MAGIC: &[u8] = b"age-encryption.org/v1\n";
/// The scrypt work factor (log2 of N) the passphrase is kept with: 2^17 takes about 0.8 s
/// and 128 MiB on the machine nearer is measured on; 2^18 took 1.6 s there.
pub const WORK_FACTOR: u8 = 17;
/// The highest work factor a key file may ask for: a key file that asks more (hours of
/// work, gigabytes of memory) is refused rather than tried.
const MAX_WORK_FACTOR: u8 = 21;

/// What the key file is, in messages about a link in its place.
pub(super) const THE_KEY: &str = "the journal's key";

/// Write what `fill` writes to `out`, encrypted with `key` when there is one.
pub(super) fn sealed_with(
    key: Option<&Key>,
    out: &mut dyn Write,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match key {
        Some(key) => key.seal_into(out, fill),
        None => fill(out),
    }
}

/// A passphrase, wiped from memory when dropped and never printed.
pub struct Passphrase(SecretString);

impl Passphrase {
    pub fn new(text: String) -> Passphrase {
        Passphrase(SecretString::from(text))
    }

    pub fn is_empty(&self) -> bool {
        self.0.expose_secret().is_empty()
    }

    /// The same passphrase as `other`.
    pub fn same_as(&self, other: &Passphrase) -> bool {
        self.0.expose_secret() == other.0.expose_secret()
    }

    fn secret(&self) -> SecretString {
        SecretString::from(self.0.expose_secret().to_string())
    }
}

// A passphrase goes from the screen that asks for it to the thread that changes the files,
// inside the app's plain data (an effect): so it can be cloned and compared, never printed.
impl Clone for Passphrase {
    fn clone(&self) -> Passphrase {
        Passphrase(self.secret())
    }
}

impl PartialEq for Passphrase {
    fn eq(&self, other: &Passphrase) -> bool {
        self.same_as(other)
    }
}

/// What every setting of a passphrase says first.
pub const NO_RECOVERY: &str = "\
A passphrase encrypts the journal, its drafts and its backups on this computer.
Write it down somewhere safe. If it is lost, it cannot be recovered: nothing, not nearer \
and not anyone else, can open the journal without it.
It keeps the journal from someone who reads your files; not from someone who sees you \
type it, or who can make you open nearer.";

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

/// Why `key.age` did not give the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// The passphrase does not open it (age cannot tell this from a damaged key file).
    Wrong,
    /// It asks for more work than nearer gives a key file.
    TooMuchWork(u8),
    /// It is not a key file, or a damaged one.
    Damaged(String),
}

/// The folder's key: what encrypts and decrypts its files.
#[derive(Clone)]
pub struct Key {
    identity: x25519::Identity,
    recipient: x25519::Recipient,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Key(..)")
    }
}

impl Key {
    /// A new key, from the system's random numbers.
    pub(super) fn generate() -> Key {
        let identity = x25519::Identity::generate();
        let recipient = identity.to_public();
        Key {
            identity,
            recipient,
        }
    }

    /// The key file's bytes: this key as an age identity file, encrypted with `passphrase`.
    pub(super) fn locked_with(
        &self,
        passphrase: &Passphrase,
        work_factor: u8,
    ) -> io::Result<Vec<u8>> {
        let mut recipient = age::scrypt::Recipient::new(passphrase.secret());
        recipient.set_work_factor(work_factor);
        let secret = self.identity.to_string();
        let text = SecretString::from(format!(
            "# The key of a nearer journal, encrypted with its passphrase.\n{}\n",
            secret.expose_secret()
        ));
        age::encrypt(&recipient, text.expose_secret().as_bytes()).map_err(io::Error::other)
    }

    /// The key in a key file's bytes, with the passphrase. One key derivation.
    pub fn unlock(bytes: &[u8], passphrase: &Passphrase) -> Result<Key, KeyError> {
        use age::DecryptError as E;
        let mut identity = age::scrypt::Identity::new(passphrase.secret());
        identity.set_max_work_factor(MAX_WORK_FACTOR);
        let text = match age::decrypt(&identity, bytes) {
            Ok(text) => SecretString::from(
                String::from_utf8(text)
                    .map_err(|_| KeyError::Damaged("it does not hold a key".into()))?,
            ),
            Err(E::DecryptionFailed | E::KeyDecryptionFailed) => return Err(KeyError::Wrong),
            Err(E::ExcessiveWork { required, .. }) => return Err(KeyError::TooMuchWork(required)),
            Err(E::NoMatchingKeys) => {
                return Err(KeyError::Damaged(
                    "it is not encrypted with a passphrase".into(),
                ));
            }
            Err(e) => return Err(KeyError::Damaged(words(&e))),
        };
        let line = text
            .expose_secret()
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with("AGE-SECRET-KEY-"))
            .ok_or_else(|| KeyError::Damaged("it does not hold a key".into()))?;
        let identity: x25519::Identity = line
            .parse()
            .map_err(|e: &str| KeyError::Damaged(format!("its key does not read ({e})")))?;
        let recipient = identity.to_public();
        Ok(Key {
            identity,
            recipient,
        })
    }

    /// The same key (for checking a key file read back).
    pub(super) fn same_as(&self, other: &Key) -> bool {
        self.recipient.to_string() == other.recipient.to_string()
    }

    /// `plain`, encrypted.
    pub(super) fn seal(&self, plain: &[u8]) -> io::Result<Vec<u8>> {
        age::encrypt(&self.recipient, plain).map_err(io::Error::other)
    }

    /// Write to `out` what `fill` writes, encrypted as it is written.
    pub(super) fn seal_into(
        &self,
        out: &mut dyn Write,
        fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let encryptor = age::Encryptor::with_recipients(std::iter::once(
            &self.recipient as &dyn age::Recipient,
        ))
        .map_err(io::Error::other)?;
        let mut writer = encryptor.wrap_output(out)?;
        fill(&mut writer)?;
        writer.finish().map(drop)
    }

    /// A reader of the plain text of the encrypted `input`.
    pub(super) fn reader<R: BufRead>(&self, input: R) -> Result<impl Read + use<R>, String> {
        let decryptor = age::Decryptor::new_buffered(input).map_err(|e| words(&e))?;
        decryptor
            .decrypt(std::iter::once(&self.identity as &dyn age::Identity))
            .map_err(|e| words(&e))
    }

    /// A reader of the plain text of an encrypted file that reads at any position (for
    /// reading a journal in parts), and the plain text's length.
    pub(super) fn reader_at<'f>(&self, file: &'f File) -> io::Result<(SealedReader<'f>, u64)> {
        let at = At { file, pos: 0 };
        let decryptor = age::Decryptor::new_buffered(BufReader::with_capacity(4096, at))
            .map_err(|e| io::Error::other(words(&e)))?;
        let mut inner = decryptor
            .decrypt(std::iter::once(&self.identity as &dyn age::Identity))
            .map_err(|e| io::Error::other(words(&e)))?;
        let len = inner.seek(SeekFrom::End(0))?;
        inner.seek(SeekFrom::Start(0))?;
        Ok((SealedReader { inner, pos: 0 }, len))
    }
}

/// A file read by position (never moving a cursor other readers share), as `Read + Seek`.
struct At<'f> {
    file: &'f File,
    pos: u64,
}

impl Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = read_at(self.file, buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for At<'_> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.file.metadata()?.len().checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = pos.ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
        Ok(self.pos)
    }
}

/// The plain text of an encrypted file, read at positions (see `pieces::ReadAt`).
pub(super) struct SealedReader<'f> {
    inner: age::stream::StreamReader<BufReader<At<'f>>>,
    pos: u64,
}

impl crate::journal::pieces::ReadAt for SealedReader<'_> {
    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        if offset != self.pos {
            self.pos = self.inner.seek(SeekFrom::Start(offset))?;
        }
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

/// An encrypted journal file, as a source of pieces: each part has a reader of its own.
pub(super) struct SealedFile<'f> {
    pub(super) file: &'f File,
    pub(super) key: &'f Key,
}

impl crate::journal::pieces::Source for SealedFile<'_> {
    fn reader(&self) -> io::Result<Box<dyn crate::journal::pieces::ReadAt + Send + '_>> {
        Ok(Box::new(self.key.reader_at(self.file)?.0))
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}
#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

/// Whether `bytes` (a file's start, or all of it) are an encrypted file.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Whether the open `file` is an encrypted one (read at its start, no cursor moved).
pub(super) fn file_is_sealed(file: &File) -> io::Result<bool> {
    let mut start = [0u8; MAGIC.len()];
    let mut got = 0;
    while got < start.len() {
        match read_at(file, &mut start[got..], got as u64) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(is_sealed(&start[..got]))
}

/// What age's error means, in words.
fn words(e: &age::DecryptError) -> String {
    use age::DecryptError as E;
    match e {
        E::NoMatchingKeys => "it is encrypted to another key than this folder's".into(),
        E::InvalidHeader | E::UnknownFormat => "its encryption header is damaged".into(),
        E::InvalidMac => "its encryption header has been changed".into(),
        E::DecryptionFailed | E::KeyDecryptionFailed => "it does not decrypt".into(),
        E::ExcessiveWork { required, .. } => {
            format!("it asks for too much work to decrypt (scrypt work factor {required})")
        }
        E::Io(e) => read_words(e),
        other => other.to_string(),
    }
}

/// An error met while reading an encrypted file's plain text, in words.
pub(super) fn read_words(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => {
            "it is damaged or cut short (its encryption does not check out)".into()
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_comes_back_with_its_passphrase_only() {
        let key = Key::generate();
        let file = key
            .locked_with(&Passphrase::new("river at dusk".into()), 10)
            .unwrap();
        assert!(is_sealed(&file));
        let back = Key::unlock(&file, &Passphrase::new("river at dusk".into())).unwrap();
        assert!(back.same_as(&key));
        assert_eq!(
            Key::unlock(&file, &Passphrase::new("river at dawn".into())).unwrap_err(),
            KeyError::Wrong
        );
        let sealed = key.seal(b"{\"version\": 1}").unwrap();
        let mut plain = Vec::new();
        back.reader(&sealed[..])
            .unwrap()
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, b"{\"version\": 1}");
        // Another key does not open it.
        assert!(Key::generate().reader(&sealed[..]).is_err());
    }

    #[test]
    fn a_key_file_that_asks_for_hours_of_work_is_refused_before_any_is_done() {
        let key = Key::generate();
        let file = key.locked_with(&Passphrase::new("p".into()), 10).unwrap();
        // The work factor is the last word of the scrypt line of the header.
        let text = String::from_utf8_lossy(&file).into_owned();
        let line = text.lines().find(|l| l.starts_with("-> scrypt ")).unwrap();
        let asks = line.replace(" 10", &format!(" {}", MAX_WORK_FACTOR + 1));
        let mut bytes = file.clone();
        let at = memchr::memmem::find(&bytes, line.as_bytes()).unwrap();
        bytes.splice(at..at + line.len(), asks.bytes());
        assert_eq!(
            Key::unlock(&bytes, &Passphrase::new("p".into())).unwrap_err(),
            KeyError::TooMuchWork(MAX_WORK_FACTOR + 1)
        );
    }
}
