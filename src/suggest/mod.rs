//! What nearer suggests: which prompts and cards fit a couple (fit.rs), tonight's prompt
//! and the ones after it (prompts.rs), and tomorrow's small acts (cards.rs).

pub mod cards;
pub mod fit;
pub mod prompts;

pub use cards::card_order;
pub use fit::{card_fits, card_for, prompt_fits};
pub use prompts::{Evening, Mood};

/// A number in [0, 1) fixed by an item's id, a day, a seed and a purpose: the same on
/// every machine, and for one item whatever else the library holds (so a prompt's place
/// in the shuffle does not move when someone's own file adds others).
pub(crate) fn draw(id: &str, day: u64, seed: u64, purpose: u64) -> f64 {
    // FNV-1a over the id, then splitmix64's finaliser over all four.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let x = mix(h ^ mix(day ^ mix(seed ^ mix(purpose))));
    (x >> 11) as f64 / (1u64 << 53) as f64
}

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_spread_and_fixed() {
        assert_eq!(draw("a", 1, 2, 3), draw("a", 1, 2, 3));
        let many: Vec<f64> = (0..10_000).map(|d| draw("x", d, 0, 0)).collect();
        assert!(many.iter().all(|u| (0.0..1.0).contains(u)));
        let low = many.iter().filter(|&&u| u < 0.5).count();
        assert!((4_800..5_200).contains(&low), "{low}");
        assert_ne!(draw("a", 1, 2, 3), draw("b", 1, 2, 3));
        assert_ne!(draw("a", 1, 2, 3), draw("a", 1, 3, 3));
    }
}
