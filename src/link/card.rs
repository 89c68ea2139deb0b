//! The public card each install puts in the shared folder, and what both machines derive
//! from the two cards alone: the code the partners compare, the pairing's id (bound into
//! every signature) and the couple's seed (for choosing the same prompt on both machines).
//!
//! A card is `DIR/nearer/<install-id>.pub`, a small JSON object with no names and no words:
//!
//! ```json
//! {"nearer_card":1,"install_id":"3f9a0c2e5b7d1e84","commit":"<64 hex>",
//!  "age":"age1...","ed25519":"<64 hex>"}
//! ```
//!
//! `commit` is SHA-256 over the keys (with the install id). A card is first written with
//! the commitment only, and its keys are added once another install's card is there: so each
//! side's keys are fixed before it can see the other's, and someone who controls the folder
//! cannot try billions of keys of their own until one gives the same words on both screens
//! (without this, 66 bits of words would stand against such a search only as well as 33).

use std::str::FromStr;

use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::files::{hex, unhex};
use super::identity::InstallId;
pub use super::identity::PublicKeys;
use super::words::Code;

pub const CARD_VERSION: u32 = 1;
pub const CARD_EXT: &str = "pub";

/// One install's card as read from the folder: always its commitment, its keys once
/// revealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub install_id: InstallId,
    pub commit: [u8; 32],
    pub keys: Option<PublicKeys>,
}

/// A card's keys with the install they belong to: what the code and the seed are made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullCard {
    pub install_id: InstallId,
    pub keys: PublicKeys,
}

#[derive(Serialize, Deserialize)]
struct CardJson {
    nearer_card: u32,
    install_id: String,
    commit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    age: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ed25519: Option<String>,
}

/// Why a card in the folder is not taken as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadCard {
    Newer(u32),
    Malformed(String),
    /// Its keys are not the ones its commitment promised.
    BrokenPromise,
}

impl std::fmt::Display for BadCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadCard::Newer(v) => write!(f, "it is a version {v} card, from a newer nearer"),
            BadCard::Malformed(why) => write!(f, "it is not a nearer card ({why})"),
            BadCard::BrokenPromise => f.write_str("its keys do not match its own commitment"),
        }
    }
}

impl Card {
    /// The card an install writes before it has seen another's: its commitment alone.
    pub fn sealed(full: &FullCard) -> Card {
        Card {
            install_id: full.install_id.clone(),
            commit: full.commitment(),
            keys: None,
        }
    }

    pub fn revealed(full: &FullCard) -> Card {
        Card {
            keys: Some(full.keys.clone()),
            ..Card::sealed(full)
        }
    }

    pub fn full(&self) -> Option<FullCard> {
        self.keys.as_ref().map(|keys| FullCard {
            install_id: self.install_id.clone(),
            keys: keys.clone(),
        })
    }

    pub fn to_json(&self) -> Vec<u8> {
        let json = CardJson {
            nearer_card: CARD_VERSION,
            install_id: self.install_id.to_string(),
            commit: hex(&self.commit),
            age: self.keys.as_ref().map(|k| k.age.to_string()),
            ed25519: self.keys.as_ref().map(|k| hex(k.ed25519.as_bytes())),
        };
        let mut bytes = serde_json::to_vec(&json).expect("a card serialises");
        bytes.push(b'\n');
        bytes
    }

    pub fn parse(bytes: &[u8]) -> Result<Card, BadCard> {
        let bad = |why: &str| BadCard::Malformed(why.to_string());
        let json: CardJson =
            serde_json::from_slice(bytes).map_err(|e| BadCard::Malformed(e.to_string()))?;
        if json.nearer_card != CARD_VERSION {
            return Err(BadCard::Newer(json.nearer_card));
        }
        let install_id = InstallId::parse(&json.install_id).ok_or_else(|| bad("install id"))?;
        let commit = unhex::<32>(&json.commit).ok_or_else(|| bad("commitment"))?;
        let keys = match (json.age, json.ed25519) {
            (None, None) => None,
            (Some(age), Some(ed)) => Some(PublicKeys {
                age: age::x25519::Recipient::from_str(&age).map_err(bad)?,
                ed25519: unhex::<32>(&ed)
                    .and_then(|b| VerifyingKey::from_bytes(&b).ok())
                    .filter(|k| !k.is_weak())
                    .ok_or_else(|| bad("ed25519 key"))?,
            }),
            _ => return Err(bad("one key without the other")),
        };
        let card = Card {
            install_id,
            commit,
            keys,
        };
        match card.full() {
            Some(full) if full.commitment() != card.commit => Err(BadCard::BrokenPromise),
            _ => Ok(card),
        }
    }
}

const DOMAIN_CARD: &[u8] = b"nearer/link/v1/card\0";
const DOMAIN_COMMIT: &[u8] = b"nearer/link/v1/commit\0";
const DOMAIN_CODE: &[u8] = b"nearer/link/v1/code\0";
const DOMAIN_PAIR: &[u8] = b"nearer/link/v1/pair\0";
const DOMAIN_SEED: &[u8] = b"nearer/link/v1/couple-seed\0";

impl FullCard {
    /// The card's one encoding for hashing: every field length-prefixed, so no two cards
    /// encode alike.
    pub fn canonical(&self) -> Vec<u8> {
        let age = self.keys.age.to_string();
        let mut out = Vec::with_capacity(128);
        out.extend_from_slice(DOMAIN_CARD);
        for field in [
            self.install_id.as_str().as_bytes(),
            age.as_bytes(),
            self.keys.ed25519.as_bytes(),
        ] {
            out.extend_from_slice(&(field.len() as u32).to_be_bytes());
            out.extend_from_slice(field);
        }
        out
    }

    pub fn commitment(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(DOMAIN_COMMIT);
        h.update(self.canonical());
        h.finalize().into()
    }
}

/// SHA-256 over a purpose and both cards, the same whichever side computes it.
fn pair_digest(domain: &[u8], a: &FullCard, b: &FullCard) -> [u8; 32] {
    let (a, b) = (a.canonical(), b.canonical());
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    let mut h = Sha256::new();
    h.update(domain);
    for card in [first, second] {
        h.update((card.len() as u32).to_be_bytes());
        h.update(card);
    }
    h.finalize().into()
}

/// The six words both screens show.
pub fn code(a: &FullCard, b: &FullCard) -> Code {
    Code::from_digest(&pair_digest(DOMAIN_CODE, a, b))
}

/// The pairing's id: every shared file's signature covers it, so a file made for one pairing
/// is never taken for another's.
pub fn pair_id(a: &FullCard, b: &FullCard) -> [u8; 32] {
    pair_digest(DOMAIN_PAIR, a, b)
}

/// The couple's seed: the same on both machines, derived from the two public cards only
/// (nothing secret is exchanged, and it is no secret: it only makes both machines choose
/// alike).
pub fn couple_seed(a: &FullCard, b: &FullCard) -> u64 {
    let d = pair_digest(DOMAIN_SEED, a, b);
    u64::from_le_bytes(d[..8].try_into().expect("8 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::identity::Identity;

    fn full(id: &Identity) -> FullCard {
        FullCard {
            install_id: id.install_id().clone(),
            keys: id.public(),
        }
    }

    #[test]
    fn cards_round_trip_sealed_and_revealed() {
        let f = full(&Identity::generate().unwrap());
        for card in [Card::sealed(&f), Card::revealed(&f)] {
            assert_eq!(Card::parse(&card.to_json()).unwrap(), card);
        }
    }

    #[test]
    fn a_card_whose_keys_break_its_commitment_is_refused() {
        let (a, b) = (
            full(&Identity::generate().unwrap()),
            full(&Identity::generate().unwrap()),
        );
        let mut card = Card::revealed(&a);
        card.keys = Some(b.keys.clone());
        assert_eq!(Card::parse(&card.to_json()), Err(BadCard::BrokenPromise));
    }

    #[test]
    fn code_pair_and_seed_are_symmetric_and_differ_by_purpose() {
        let (a, b, c) = (
            full(&Identity::generate().unwrap()),
            full(&Identity::generate().unwrap()),
            full(&Identity::generate().unwrap()),
        );
        assert_eq!(code(&a, &b), code(&b, &a));
        assert_eq!(pair_id(&a, &b), pair_id(&b, &a));
        assert_eq!(couple_seed(&a, &b), couple_seed(&b, &a));
        assert_ne!(code(&a, &b), code(&a, &c));
        assert_ne!(couple_seed(&a, &b), couple_seed(&a, &c));
        assert_ne!(pair_id(&a, &b)[..8], couple_seed(&a, &b).to_le_bytes());
    }
}
