//! Sealing a shared file: signed with the sender's ed25519 key, then encrypted with age to
//! both partners' X25519 recipients (so the writer can read its own file back).
//!
//! Plaintext inside the age file (text header, one blank line, then the JSON payload):
//!
//! ```text
//! nearer-sealed 1
//! from <sender's install id>
//! pair <the pairing's id, 64 hex>
//! sig <ed25519 signature, 128 hex>
//!
//! {"version":1,"install_id":"...","evenings":[
//! {"date":"2026-12-01","updated":"2026-12-01T21:30:00+01:00","prompt_id":"…",…},
//! {…}
//! ]}
//! ```
//!
//! The payload is one JSON document with one evening a line, so a large one is parsed on
//! two cores (see [`shared::decode`]); any JSON of the same shape reads the same. Its hash
//! is computed on a second thread while age decrypts, and nothing is parsed before the
//! signature checks.
//!
//! The signature covers a domain-separated message: `nearer/link/v1/sealed\0`, the format
//! version, the sender's install id, the pairing's id and the SHA-256 of the payload. So a
//! signature is never valid for another purpose, another sender, another pairing (a file
//! one partner re-encrypts to a third person is refused there) or other bytes. Only age and
//! ed25519-dalek primitives are used; `verify_strict` refuses malleable signatures and weak
//! keys.

use std::io::{Read, Write};

use ed25519_dalek::{Signature, Signer, VerifyingKey};
use sha2::{Digest, Sha256};

use super::card::PublicKeys;
use super::files::{hex, unhex};
use super::identity::{Identity, InstallId};
use super::shared::{self, SHARED_VERSION, SharedFile};

pub const SEALED_VERSION: u32 = 1;
pub const SEALED_EXT: &str = "age";
const MAGIC: &str = "nearer-sealed";
const DOMAIN: &[u8] = b"nearer/link/v1/sealed\0";

/// Why a sealed file was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// age could not read it: cut short, damaged, or still arriving.
    #[error("it could not be decrypted ({0}): cut short, damaged or still arriving")]
    Unreadable(String),
    /// Sealed, but not to this install's key.
    #[error("it is not sealed to this install's key")]
    NotForUs,
    /// Decrypted, but not in nearer's sealed format.
    #[error("it decrypted but is not a nearer shared file ({0})")]
    Malformed(String),
    #[error("it was sealed by a newer nearer (format {0}); update nearer to read it")]
    Newer(u32),
    /// Says it is from another install than expected.
    #[error("it says it is from install {claimed}, not the one whose file it is")]
    WrongSender { claimed: String },
    #[error("it was made for another pairing")]
    OtherPairing,
    #[error("its signature is not made with the confirmed key")]
    BadSignature,
}

impl OpenError {
    /// Could this be a file still on its way (a sync engine writing it in place)? Such a
    /// file is tried again later, not reported as forged.
    pub fn may_be_incomplete(&self) -> bool {
        matches!(self, OpenError::Unreadable(_))
    }
}

fn message(sender: &InstallId, pair: &[u8; 32], payload_digest: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(DOMAIN.len() + 4 + 4 + InstallId::LEN + 64);
    m.extend_from_slice(DOMAIN);
    m.extend_from_slice(&SEALED_VERSION.to_be_bytes());
    m.extend_from_slice(&(sender.as_str().len() as u32).to_be_bytes());
    m.extend_from_slice(sender.as_str().as_bytes());
    m.extend_from_slice(pair);
    m.extend_from_slice(payload_digest);
    m
}

/// Sign `file` as `me` and seal it to `me` and `partner`.
pub fn seal(
    file: &SharedFile,
    me: &Identity,
    partner: &PublicKeys,
    pair: &[u8; 32],
) -> Result<Vec<u8>, String> {
    let payload = shared::encode(file);
    let sig = me
        .signing()
        .sign(&message(me.install_id(), pair, &Sha256::digest(&payload)));
    let mut plain = Vec::with_capacity(payload.len() + 256);
    write!(
        plain,
        "{MAGIC} {SEALED_VERSION}\nfrom {}\npair {}\nsig {}\n\n",
        me.install_id(),
        hex(pair),
        hex(&sig.to_bytes())
    )
    .expect("writing to memory");
    plain.extend_from_slice(&payload);

    let own = me.public().age;
    let recipients: [&dyn age::Recipient; 2] = [&own, &partner.age];
    let encryptor =
        age::Encryptor::with_recipients(recipients.into_iter()).map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(plain.len() + 512);
    let mut writer = encryptor.wrap_output(&mut out).map_err(|e| e.to_string())?;
    writer.write_all(&plain).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// Open a sealed file as `me`, expecting it from `sender` signed with `sender_key` for the
/// pairing `pair`.
pub fn open(
    sealed: &[u8],
    me: &Identity,
    sender: &InstallId,
    sender_key: &VerifyingKey,
    pair: &[u8; 32],
) -> Result<SharedFile, OpenError> {
    let (plain, digest) = decrypt(sealed, me)?;
    let (header, payload) = split_header(&plain)?;
    let mut fields = header.lines();
    let malformed = |why: &str| OpenError::Malformed(why.to_string());
    let version = fields
        .next()
        .and_then(|l| l.strip_prefix(MAGIC)?.strip_prefix(' '))
        .and_then(|v| v.parse::<u32>().ok())
        .ok_or_else(|| malformed("no nearer-sealed line"))?;
    if version != SEALED_VERSION {
        return Err(OpenError::Newer(version));
    }
    let mut field = |name: &str| {
        fields
            .next()
            .and_then(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .ok_or_else(|| malformed(name))
    };
    let from = field("from")?;
    let claimed_pair = field("pair")
        .map(unhex::<32>)?
        .ok_or_else(|| malformed("pair"))?;
    let sig = field("sig")
        .map(unhex::<64>)?
        .ok_or_else(|| malformed("sig"))?;
    if from != sender.as_str() {
        return Err(OpenError::WrongSender {
            claimed: from.chars().take(32).collect(),
        });
    }
    if &claimed_pair != pair {
        return Err(OpenError::OtherPairing);
    }
    sender_key
        .verify_strict(
            &message(sender, pair, &digest),
            &Signature::from_bytes(&sig),
        )
        .map_err(|_| OpenError::BadSignature)?;
    let parsed = shared::decode(payload);
    let file = parsed.map_err(|e| OpenError::Malformed(e.to_string()))?;
    if file.version > SHARED_VERSION {
        return Err(OpenError::Newer(file.version));
    }
    if &file.install_id != sender {
        return Err(OpenError::WrongSender {
            claimed: file.install_id.to_string(),
        });
    }
    Ok(file)
}

/// Decrypt, hashing the payload (what follows the header's blank line) on a second thread
/// as the chunks come out of age, so the signature's hash adds no time of its own.
fn decrypt(sealed: &[u8], me: &Identity) -> Result<(Vec<u8>, [u8; 32]), OpenError> {
    use age::DecryptError as E;
    let classify = |e: E| match e {
        E::NoMatchingKeys => OpenError::NotForUs,
        E::UnknownFormat => OpenError::Unreadable("not an age file, or a newer age".into()),
        other => OpenError::Unreadable(other.to_string()),
    };
    let decryptor = age::Decryptor::new_buffered(sealed).map_err(classify)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(me.age() as &dyn age::Identity))
        .map_err(classify)?;
    let mut plain = Vec::with_capacity(sealed.len());
    let digest = std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(64);
        let hasher = s.spawn(move || {
            let mut h = Sha256::new();
            for chunk in rx {
                h.update(&chunk);
            }
            <[u8; 32]>::from(h.finalize())
        });
        let mut buf = vec![0u8; 64 * 1024];
        let mut hashed = None;
        let read = loop {
            match reader.read(&mut buf) {
                Ok(0) => break Ok(()),
                Ok(n) => {
                    plain.extend_from_slice(&buf[..n]);
                    hashed = hashed.or_else(|| header_end(&plain));
                    if let Some(from) = hashed
                        && plain.len() > from
                    {
                        let _ = tx.send(plain[from..].to_vec());
                        hashed = Some(plain.len());
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => break Err(OpenError::Unreadable(e.to_string())),
            }
        };
        drop(tx);
        let digest = hasher.join().expect("hashing does not panic");
        read.map(|()| digest)
    })?;
    Ok((plain, digest))
}

/// Where the payload starts: after the header's first blank line, within its first KiB.
fn header_end(plain: &[u8]) -> Option<usize> {
    plain
        .windows(2)
        .take(1024)
        .position(|w| w == b"\n\n")
        .map(|i| i + 2)
}

fn split_header(plain: &[u8]) -> Result<(&str, &[u8]), OpenError> {
    let end = header_end(plain).ok_or_else(|| OpenError::Malformed("no header".into()))?;
    let header = std::str::from_utf8(&plain[..end - 2])
        .map_err(|_| OpenError::Malformed("header is not text".into()))?;
    Ok((header, &plain[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::card::{FullCard, pair_id};

    fn full(id: &Identity) -> FullCard {
        FullCard {
            install_id: id.install_id().clone(),
            keys: id.public(),
        }
    }

    fn file(id: &Identity) -> SharedFile {
        SharedFile {
            version: SHARED_VERSION,
            install_id: id.install_id().clone(),
            evenings: vec![],
        }
    }

    #[test]
    fn both_partners_open_what_one_sealed_and_a_third_cannot() {
        let (a, b, c) = (
            Identity::generate().unwrap(),
            Identity::generate().unwrap(),
            Identity::generate().unwrap(),
        );
        let pair = pair_id(&full(&a), &full(&b));
        let sealed = seal(&file(&a), &a, &b.public(), &pair).unwrap();
        let ak = a.verifying_key();
        assert_eq!(
            open(&sealed, &a, a.install_id(), &ak, &pair).unwrap(),
            file(&a)
        );
        assert_eq!(
            open(&sealed, &b, a.install_id(), &ak, &pair).unwrap(),
            file(&a)
        );
        assert_eq!(
            open(&sealed, &c, a.install_id(), &ak, &pair),
            Err(OpenError::NotForUs)
        );
        // Checked against another key, or for another pairing, it is refused.
        let ck = c.verifying_key();
        assert_eq!(
            open(&sealed, &b, a.install_id(), &ck, &pair),
            Err(OpenError::BadSignature)
        );
        let other = pair_id(&full(&a), &full(&c));
        assert_eq!(
            open(&sealed, &b, a.install_id(), &ak, &other),
            Err(OpenError::OtherPairing)
        );
        assert!(matches!(
            open(&sealed, &b, b.install_id(), &ak, &pair),
            Err(OpenError::WrongSender { .. })
        ));
    }

    #[test]
    fn a_file_cut_short_may_be_incomplete() {
        let (a, b) = (Identity::generate().unwrap(), Identity::generate().unwrap());
        let pair = pair_id(&full(&a), &full(&b));
        let sealed = seal(&file(&a), &a, &b.public(), &pair).unwrap();
        for cut in [0, 10, sealed.len() / 2, sealed.len() - 1] {
            let err = open(
                &sealed[..cut],
                &b,
                a.install_id(),
                &a.verifying_key(),
                &pair,
            );
            assert!(
                err.as_ref().unwrap_err().may_be_incomplete(),
                "cut at {cut}: {err:?}"
            );
        }
    }
}
