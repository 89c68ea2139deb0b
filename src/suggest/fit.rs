//! What fits a couple: the one rule, used wherever nearer suggests or shows a prompt or a
//! card (the check-in, the library, `nearer prompt`), read from the person's preferences.

use crate::content::{Card, Library, Prompt, Tag};
use crate::journal::Preferences;

/// Whether a card fits: nothing partner-facing and nothing that assumes safety with the
/// partner when the person asked for what they can do on their own; no same-room or
/// shared-home card for a couple who live apart, no long-distance one for a couple who do
/// not; cards for parents only when there are children at home.
pub fn card_fits(card: &Card, prefs: &Preferences) -> bool {
    let about = &prefs.about;
    let left_out = [
        prefs.on_my_own && (card.involves_partner() || card.has(Tag::AssumesSafety)),
        about.live_apart && (card.has(Tag::SameRoom) || card.has(Tag::SharedHome)),
        !about.live_apart && card.has(Tag::Apart),
        !about.children_at_home && card.has(Tag::Parents),
    ];
    !left_out.contains(&true)
}

/// Whether a prompt fits, by the same rule.
pub fn prompt_fits(prompt: &Prompt, prefs: &Preferences) -> bool {
    let about = &prefs.about;
    let left_out = [
        prefs.on_my_own && prompt.has(Tag::AssumesSafety),
        about.live_apart && prompt.has(Tag::SharedHome),
        !about.live_apart && prompt.has(Tag::Apart),
        !about.children_at_home && prompt.has(Tag::Parents),
    ];
    !left_out.contains(&true)
}

/// The card to show in place of `card` for this couple: its long-distance version when they
/// live apart and it needs one room, else itself. `None` when neither fits.
pub fn card_for<'a>(card: &'a Card, library: &'a Library, prefs: &Preferences) -> Option<&'a Card> {
    if card_fits(card, prefs) {
        return Some(card);
    }
    if prefs.about.live_apart && card.has(Tag::SameRoom) {
        let other = library.card(card.apart_version.as_deref()?)?;
        return card_fits(other, prefs).then_some(other);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::About;

    fn lib() -> Library {
        Library::bundled()
    }

    #[test]
    fn on_my_own_leaves_out_everything_partner_facing_or_assuming_safety() {
        let lib = lib();
        let prefs = Preferences {
            on_my_own: true,
            ..Preferences::default()
        };
        for c in lib.cards.iter().filter(|c| card_fits(c, &prefs)) {
            assert!(
                !c.involves_partner() && !c.has(Tag::AssumesSafety),
                "{}",
                c.id
            );
        }
        for p in lib.prompts.iter().filter(|p| prompt_fits(p, &prefs)) {
            assert!(!p.has(Tag::AssumesSafety), "{}", p.id);
        }
        assert!(lib.cards.iter().any(|c| card_fits(c, &prefs)));
    }

    #[test]
    fn apart_gives_same_room_cards_their_long_distance_versions() {
        let lib = lib();
        let apart = Preferences {
            about: About {
                live_apart: true,
                ..About::default()
            },
            ..Preferences::default()
        };
        let together = Preferences::default();
        let mut swapped = 0;
        for c in &lib.cards {
            if c.has(Tag::SameRoom) {
                assert!(!card_fits(c, &apart), "{}", c.id);
                if let Some(other) = card_for(c, &lib, &apart) {
                    assert_ne!(other.id, c.id);
                    assert!(!other.has(Tag::SameRoom));
                    swapped += 1;
                }
            }
            if c.has(Tag::Apart) {
                assert!(!card_fits(c, &together), "{}", c.id);
            }
        }
        assert!(
            swapped >= 10,
            "{swapped} same-room cards with a version for apart"
        );
    }

    #[test]
    fn parents_only_with_children_at_home() {
        let lib = lib();
        let with = Preferences {
            about: About {
                children_at_home: true,
                ..About::default()
            },
            ..Preferences::default()
        };
        let without = Preferences::default();
        let parents: Vec<&Card> = lib.cards.iter().filter(|c| c.has(Tag::Parents)).collect();
        let parent_prompts: Vec<&Prompt> =
            lib.prompts.iter().filter(|p| p.has(Tag::Parents)).collect();
        assert!(!parent_prompts.is_empty());
        assert!(parent_prompts.iter().all(|p| !prompt_fits(p, &without)));
        assert!(parent_prompts.iter().all(|p| prompt_fits(p, &with)));
        assert!(parents.iter().all(|c| !card_fits(c, &without)));
    }
}
