//! This install's keys: an age X25519 identity (what is sealed to it, it can open), an
//! ed25519 signing key (what it shares, it signs) and a random install id (its files' name
//! in the shared folder).
//!
//! They live in the data folder, `link/identity` (mode 0600, in a 0700 folder), written
//! atomically and never read or written through a link; never in the shared folder. The
//! file is text, one field a line:
//!
//! ```text
//! nearer-identity 1
//! install 3f9a0c2e5b7d1e84
//! age AGE-SECRET-KEY-1...
//! ed25519 <the 32-byte secret seed, 64 hex digits>
//! ```

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::LinkError;
use super::files::{self, hex, unhex};

/// An install's public keys: where to seal to, and how to check its signature.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKeys {
    pub age: age::x25519::Recipient,
    pub ed25519: VerifyingKey,
}

impl std::fmt::Debug for PublicKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublicKeys")
            .field("age", &self.age.to_string())
            .field("ed25519", &hex(self.ed25519.as_bytes()))
            .finish()
    }
}

/// The link's folder inside the data folder.
pub const LINK_DIR: &str = "link";
pub const IDENTITY_FILE: &str = "identity";
const HEADER: &str = "nearer-identity 1";

/// A random name for one install: 16 lowercase hex digits (64 bits).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InstallId(String);

impl InstallId {
    pub const LEN: usize = 16;

    pub fn random() -> Result<InstallId, LinkError> {
        let mut bytes = [0u8; Self::LEN / 2];
        getrandom::fill(&mut bytes)
            .map_err(|e| LinkError::Crypto(format!("no randomness: {e}")))?;
        Ok(InstallId(hex(&bytes)))
    }

    pub fn parse(s: &str) -> Option<InstallId> {
        (s.len() == Self::LEN && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
            .then(|| InstallId(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for InstallId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        InstallId::parse(&s).ok_or_else(|| format!("{s:?} is not an install id (16 hex digits)"))
    }
}

impl From<InstallId> for String {
    fn from(id: InstallId) -> String {
        id.0
    }
}

impl fmt::Display for InstallId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for InstallId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "InstallId({})", self.0)
    }
}

/// This install's private keys. `Debug` shows the public half only.
pub struct Identity {
    install_id: InstallId,
    age: age::x25519::Identity,
    signing: SigningKey,
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("install_id", &self.install_id)
            .field("age", &self.age.to_public().to_string())
            .finish_non_exhaustive()
    }
}

pub fn link_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(LINK_DIR)
}

impl Identity {
    /// New keys from the operating system's randomness.
    pub fn generate() -> Result<Identity, LinkError> {
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(seed.as_mut())
            .map_err(|e| LinkError::Crypto(format!("no randomness: {e}")))?;
        Ok(Identity {
            install_id: InstallId::random()?,
            age: age::x25519::Identity::generate(),
            signing: SigningKey::from_bytes(&seed),
        })
    }

    /// This install's keys, if it has any yet.
    pub fn load(data_dir: &Path) -> Result<Option<Identity>, LinkError> {
        let path = link_dir(data_dir).join(IDENTITY_FILE);
        match files::read_private(&path, 64 * 1024)? {
            None => Ok(None),
            Some(bytes) => Identity::parse(&bytes)
                .map(Some)
                .map_err(|why| LinkError::Damaged {
                    path: path.clone(),
                    why: format!(
                        "{why}. These are this install's keys: put back a copy of the file \
                         if you have one, or move it away, run `nearer unpair` and pair again"
                    ),
                }),
        }
    }

    /// This install's keys, made (and kept) the first time they are asked for.
    pub fn load_or_create(data_dir: &Path) -> Result<Identity, LinkError> {
        if let Some(id) = Identity::load(data_dir)? {
            return Ok(id);
        }
        files::ensure_private_dir(data_dir)?;
        let dir = link_dir(data_dir);
        files::ensure_private_dir(&dir)?;
        let id = Identity::generate()?;
        files::write_atomic(&dir.join(IDENTITY_FILE), &id.to_file())?;
        Ok(id)
    }

    fn to_file(&self) -> Zeroizing<Vec<u8>> {
        let age = self.age.to_string();
        let seed = Zeroizing::new(hex(self.signing.as_bytes()));
        Zeroizing::new(
            format!(
                "{HEADER}\ninstall {}\nage {}\ned25519 {}\n",
                self.install_id,
                age.expose_secret(),
                *seed
            )
            .into_bytes(),
        )
    }

    fn parse(bytes: &[u8]) -> Result<Identity, String> {
        let text = std::str::from_utf8(bytes).map_err(|_| "it is not text".to_string())?;
        let mut lines = text.lines();
        match lines.next() {
            Some(HEADER) => {}
            Some(l) if l.starts_with("nearer-identity ") => {
                return Err("it was written by a newer nearer; update nearer".into());
            }
            _ => return Err("it does not start with `nearer-identity 1`".into()),
        }
        let (mut install, mut age, mut ed) = (None, None, None);
        for line in lines.filter(|l| !l.trim().is_empty()) {
            let (key, value) = line.split_once(' ').ok_or("a line has no value")?;
            match key {
                "install" => install = InstallId::parse(value),
                "age" => age = age::x25519::Identity::from_str(value).ok(),
                "ed25519" => ed = unhex::<32>(value).map(|s| SigningKey::from_bytes(&s)),
                _ => return Err(format!("it has an unknown line `{key}`")),
            }
        }
        Ok(Identity {
            install_id: install.ok_or("its `install` line is missing or wrong")?,
            age: age.ok_or("its `age` line is missing or wrong")?,
            signing: ed.ok_or("its `ed25519` line is missing or wrong")?,
        })
    }

    pub fn install_id(&self) -> &InstallId {
        &self.install_id
    }

    pub fn public(&self) -> PublicKeys {
        PublicKeys {
            age: self.age.to_public(),
            ed25519: self.signing.verifying_key(),
        }
    }

    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    pub(super) fn age(&self) -> &age::x25519::Identity {
        &self.age
    }

    pub(super) fn signing(&self) -> &SigningKey {
        &self.signing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_their_file() {
        let id = Identity::generate().unwrap();
        let back = Identity::parse(&id.to_file()).unwrap();
        assert_eq!(back.install_id, id.install_id);
        assert_eq!(back.public(), id.public());
        assert_eq!(back.signing.as_bytes(), id.signing.as_bytes());
    }

    #[test]
    fn a_damaged_file_says_what_is_wrong() {
        assert!(
            Identity::parse(b"nearer-identity 2\n")
                .unwrap_err()
                .contains("newer")
        );
        assert!(
            Identity::parse(b"nearer-identity 1\ninstall zz\n")
                .unwrap_err()
                .contains("install")
        );
        assert!(Identity::parse(b"\xff").unwrap_err().contains("text"));
    }

    #[test]
    fn install_ids_are_sixteen_hex_digits_and_differ() {
        let a = InstallId::random().unwrap();
        let b = InstallId::random().unwrap();
        assert_ne!(a, b);
        assert!(InstallId::parse(a.as_str()).is_some());
        assert!(InstallId::parse("0123456789ABCDEF").is_none());
        assert!(InstallId::parse("0123").is_none());
    }
}
