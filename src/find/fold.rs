//! Folding: the one form every search in nearer compares (the library's and Look back's).
//! Lowercase, accents removed, the Greek final sigma an ordinary one; marks that make
//! another letter (the dakuten of Japanese kana, the vowel signs of Indic scripts) kept.
//!
//! [`fold`] folds one text. [`Folder`] folds many, fast, into a buffer it keeps: it gives
//! exactly what `fold` gives, and is what Look back's scan goes through for every evening.

use unicode_normalization::UnicodeNormalization;

/// Lowercase, accents removed: the form search compares. "Café" and "CAFE" both fold to
/// "cafe", "Καφές" and "ΚΑΦΕΣ" to "καφεσ", "Straße" to "strasse". Only accents are removed
/// (the diacritics of Latin, Greek and Cyrillic letters, and Hebrew and Arabic vowel
/// points); marks that change a letter elsewhere, like the dakuten of Japanese kana or
/// the vowel signs of Indic scripts, are kept, so "が" never matches "か".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        fold_char(ch, &mut out);
    }
    out
}

/// One character, folded, onto `out`.
fn fold_char(ch: char, out: &mut String) {
    if ch.is_ascii() {
        out.push(ch.to_ascii_lowercase());
        return;
    }
    for d in std::iter::once(ch).nfkd() {
        if is_accent(d) {
            continue;
        }
        for l in d.to_lowercase() {
            match l {
                'ς' => out.push('σ'),
                'ß' => out.push_str("ss"),
                other => out.push(other),
            }
        }
    }
}

/// Marks that only accent a letter, which search ignores.
fn is_accent(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
        && matches!(c as u32,
            0x0300..=0x036F // combining diacritical marks
            | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
            | 0x0483..=0x0489 // Cyrillic
            | 0x0591..=0x05C7 // Hebrew points
            | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED // Arabic
        )
}

/// Folds texts into a buffer it keeps, fast. Folding changes an ASCII character only by
/// lowercasing it, and leaves most others (Japanese, Arabic letters, emoji) as they are:
/// so a text is copied in bulk, lowercased in bulk, and only the characters that fold to
/// something else (an accented letter, a capital outside ASCII) go through [`fold`],
/// through a small cache. The result is exactly `fold` of the text.
#[derive(Clone)]
pub struct Folder {
    out: Vec<u8>,
    /// Recently met characters, by a hash of the character.
    cache: Box<[Slot]>,
}

/// A character and what it folds to: [`SAME`] for itself, else `len` bytes (a form longer
/// than the slot is not cached).
#[derive(Debug, Clone, Copy)]
struct Slot {
    c: char,
    len: u8,
    bytes: [u8; FOLDED_SLOT],
}

const SAME: u8 = u8::MAX;
const FOLDED_SLOT: usize = 10;
const CACHE_SLOTS: usize = 4096;

impl Default for Folder {
    fn default() -> Self {
        // No slot holds '\0' (ASCII never comes to the cache), so an empty one never hits.
        let empty = Slot {
            c: '\0',
            len: 0,
            bytes: [0; FOLDED_SLOT],
        };
        Folder {
            out: Vec::new(),
            cache: vec![empty; CACHE_SLOTS].into_boxed_slice(),
        }
    }
}

impl std::fmt::Debug for Folder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Folder")
            .field("out", &self.out.len())
            .finish_non_exhaustive()
    }
}

/// Where the first byte outside ASCII is, sixteen bytes at a time.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i + 16 <= bytes.len() && bytes[i..i + 16].is_ascii() {
        i += 16;
    }
    bytes[i..].iter().position(|b| !b.is_ascii()).map(|p| i + p)
}

/// Lowercase the ASCII capitals of `bytes`, leaving every other byte alone (no branch, so
/// the compiler can do many bytes at once).
fn lowercase_ascii(bytes: &mut [u8]) {
    for b in bytes {
        *b |= u8::from(b.wrapping_sub(b'A') < 26) << 5;
    }
}

impl Folder {
    /// What is folded so far.
    pub fn folded(&self) -> &[u8] {
        &self.out
    }

    /// Start again with nothing folded (the cache stays).
    pub fn clear(&mut self) {
        self.out.clear();
    }

    /// Put an ASCII byte as it is (a separator between texts).
    pub fn push_byte(&mut self, byte: u8) {
        debug_assert!(byte.is_ascii());
        self.out.push(byte);
    }

    /// Fold `text` onto what is folded so far.
    pub fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // Bytes before this are in `out` already, folded.
        let mut copied = 0;
        let mut at = 0;
        while let Some(off) = first_non_ascii(&bytes[at..]) {
            at += off;
            // A run of characters outside ASCII (a sentence in Japanese, say), one by one.
            while let Some(c) = text[at..].chars().next().filter(|c| !c.is_ascii()) {
                let i = at;
                at += c.len_utf8();
                let slot = self.slot(c);
                if slot.len == SAME {
                    continue;
                }
                self.copy(&bytes[copied..i]);
                copied = at;
                if usize::from(slot.len) <= FOLDED_SLOT {
                    self.out
                        .extend_from_slice(&slot.bytes[..usize::from(slot.len)]);
                } else {
                    self.out
                        .extend_from_slice(fold(c.encode_utf8(&mut [0; 4])).as_bytes());
                }
            }
        }
        self.copy(&bytes[copied..]);
    }

    /// Copy text that folds to itself but for ASCII capitals.
    fn copy(&mut self, bytes: &[u8]) {
        let from = self.out.len();
        self.out.extend_from_slice(bytes);
        lowercase_ascii(&mut self.out[from..]);
    }

    /// What `c` (outside ASCII) folds to, from the cache or folded now. A form too long
    /// for a slot is not kept, and comes back with a `len` beyond the slot.
    fn slot(&mut self, c: char) -> Slot {
        let i = ((c as u32).wrapping_mul(0x9E37_79B1) >> 20) as usize % CACHE_SLOTS;
        if self.cache[i].c == c {
            return self.cache[i];
        }
        let mut utf8 = [0; 4];
        let own = c.encode_utf8(&mut utf8);
        let folded = fold(own);
        let mut slot = Slot {
            c,
            len: SAME,
            bytes: [0; FOLDED_SLOT],
        };
        if folded != *own {
            if folded.len() <= FOLDED_SLOT {
                slot.bytes[..folded.len()].copy_from_slice(folded.as_bytes());
                slot.len = folded.len() as u8;
            } else {
                slot.len = FOLDED_SLOT as u8 + 1;
                return slot;
            }
        }
        self.cache[i] = slot;
        slot
    }

    /// The memory the folder holds, in bytes: its buffer and its cache.
    pub fn heap_bytes(&self) -> usize {
        self.out.capacity() + self.cache.len() * std::mem::size_of::<Slot>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        let mut folder = Folder::default();
        folder.push(text);
        // Twice, the second time through the cache.
        let first = String::from_utf8(folder.out.clone()).unwrap();
        folder.clear();
        folder.push(text);
        assert_eq!(folder.out, first.as_bytes());
        first
    }

    #[test]
    fn folding_handles_case_accents_and_scripts() {
        assert_eq!(fold("Café CRÈME"), "cafe creme");
        assert_eq!(fold("Ένας ΚΑΦΈΣ"), "ενασ καφεσ");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("お茶"), "お茶");
        assert_ne!(fold("が"), fold("か"));
        assert_eq!(fold("ＡＢＣ"), "abc", "full-width letters");
    }

    #[test]
    fn the_fast_fold_is_the_fold() {
        for text in [
            "Plain ASCII, with CAPITALS and 123.",
            "Café CRÈME brûlée, Straße, ΑΓΑΠΗΣ αγάπης, Ünïcödé",
            "今日は二人で散歩して、桜の話をしました。ｶﾀｶﾅ ＦＵＬＬ",
            "اليوم تحدثنا طويلا، הַקְשָׁבָה",
            "❤️ 🫶🏽 👨‍👩‍👧 🏳️‍🌈 ﷺ ﷽ ㎒ Å K",
            "",
        ] {
            assert_eq!(folded(text), fold(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_fold_is_the_fold_for_any_text(text in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(folded(&text), fold(&text));
        }
    }
}
