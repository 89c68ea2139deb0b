//! The words the two screens show: 66 bits of a digest, 11 bits a word, in the BIP-39
//! English list (2,048 common words, no two sharing their first four letters; MIT licence,
//! from the bitcoin/bips repository, byte for byte as the `age` crate also ships it).

use std::fmt;
use std::sync::OnceLock;

const LIST: &str = include_str!("bip39-english.txt");

/// Words in a code, and bits each word carries.
pub const CODE_WORDS: usize = 6;
const BITS_PER_WORD: usize = 11;

fn list() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let words: Vec<&str> = LIST.lines().collect();
        assert_eq!(words.len(), 1 << BITS_PER_WORD, "the embedded word list");
        words
    })
}

/// The short code both partners compare: six words.
#[derive(Clone, PartialEq, Eq)]
pub struct Code([&'static str; CODE_WORDS]);

impl Code {
    /// The first 66 bits of `digest`, as words (big-endian bit order).
    pub fn from_digest(digest: &[u8; 32]) -> Code {
        let words = list();
        let bit = |i: usize| (digest[i / 8] >> (7 - i % 8)) & 1;
        Code(std::array::from_fn(|w| {
            let index = (0..BITS_PER_WORD).fold(0usize, |acc, b| {
                acc << 1 | bit(w * BITS_PER_WORD + b) as usize
            });
            words[index]
        }))
    }

    pub fn words(&self) -> &[&'static str] {
        &self.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(" "))
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Code({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_bip39_english() {
        let words = list();
        assert_eq!(words[0], "abandon");
        assert_eq!(words[2047], "zoo");
        let mut sorted = words.to_vec();
        sorted.dedup();
        assert_eq!(sorted.len(), 2048);
    }

    #[test]
    fn bits_map_onto_words_in_order() {
        assert_eq!(
            Code::from_digest(&[0; 32]).to_string(),
            "abandon abandon abandon abandon abandon abandon"
        );
        assert_eq!(
            Code::from_digest(&[0xff; 32]).to_string(),
            "zoo zoo zoo zoo zoo zoo"
        );
        // 0b00000000_001 = 1 ("ability"), then zeros.
        let mut d = [0u8; 32];
        d[1] = 0b0010_0000;
        assert_eq!(Code::from_digest(&d).words()[0], "ability");
    }
}
