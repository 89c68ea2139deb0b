//! Tomorrow's small act: the cards the check-in suggests, in order. Each is something that
//! fits the couple (for a couple who live apart, a same-room card's long-distance version)
//! and takes 15 minutes or less; a longer card is tomorrow's act only when the person
//! chooses it in the library.

use chrono::{Datelike, Duration, NaiveDate};

use super::{card_for, draw};
use crate::content::{CardKind, Depth, Library};
use crate::journal::Journal;

/// A card planned within this many days is not suggested again (unless nothing else fits).
pub const CARD_REST_DAYS: i64 = 14;

/// The longest a suggested small act takes.
pub const SMALL_ACT_MINUTES: u32 = 15;

const CARDS: u64 = 0x4341_5244;

/// Cards in the order they are suggested for tomorrow on `date`, by their place in
/// `library.cards`: only those that fit the couple and take [`SMALL_ACT_MINUTES`] or less;
/// favourites and the person's love languages weigh more, lighter cards and things to do
/// more than deep writing; cards planned in the last [`CARD_REST_DAYS`] days are left out.
pub fn card_order(library: &Library, journal: &Journal, date: NaiveDate) -> Vec<usize> {
    let prefs = &journal.preferences;
    let since = date - Duration::days(CARD_REST_DAYS);
    let start = journal.entries.partition_point(|e| e.date < since);
    let recent: std::collections::HashSet<&str> = journal.entries[start..]
        .iter()
        .filter(|e| e.date < date)
        .filter_map(|e| e.small_act.as_ref()?.card_id.as_deref())
        .collect();
    let mut taken = vec![false; library.cards.len()];
    let mut allowed = Vec::new();
    for card in &library.cards {
        let Some(card) = card_for(card, library, prefs) else {
            continue;
        };
        let Some(i) = library.card_position(&card.id) else {
            continue;
        };
        if card.minutes <= SMALL_ACT_MINUTES && !taken[i] {
            taken[i] = true;
            allowed.push(i);
        }
    }
    let fresh: Vec<usize> = allowed
        .iter()
        .copied()
        .filter(|&i| !recent.contains(library.cards[i].id.as_str()))
        .collect();
    let pool = if fresh.is_empty() { allowed } else { fresh };
    let weight = |i: usize| {
        let card = &library.cards[i];
        // Tomorrow's act should be small and doable: lighter cards and things to do
        // come up more often than deep writing, which stays within reach.
        let mut weight = match card.depth {
            Depth::Light => 2.0,
            Depth::Medium => 1.5,
            Depth::Deep => 0.6,
        };
        if card.kind == CardKind::Writing {
            weight *= 0.6;
        }
        if journal.is_favourite(&card.id) {
            weight *= 3.0;
        }
        if card
            .love_languages
            .iter()
            .any(|l| prefs.love_languages.iter().any(|p| p == l.label()))
        {
            weight *= 2.0;
        }
        weight
    };
    let day = date.num_days_from_ce() as u64;
    let mut keyed: Vec<(f64, usize)> = pool
        .into_iter()
        .map(|i| {
            let u = draw(&library.cards[i].id, day, 0, CARDS).max(f64::MIN_POSITIVE);
            // A weighted shuffle (Efraimidis and Spirakis): u^(1/w), largest first.
            (u.powf(1.0 / weight(i)), i)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    keyed.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Tag;
    use crate::journal::{About, Preferences};

    fn with(prefs: Preferences) -> Journal {
        Journal {
            preferences: prefs,
            ..Journal::default()
        }
    }

    #[test]
    fn suggestions_take_fifteen_minutes_or_less_and_fit_the_couple() {
        let lib = Library::bundled();
        let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let apart = with(Preferences {
            about: About {
                live_apart: true,
                ..About::default()
            },
            ..Preferences::default()
        });
        for journal in [Journal::default(), apart] {
            let order = card_order(&lib, &journal, date);
            assert!(order.len() > 50);
            let mut seen = std::collections::HashSet::new();
            for &i in &order {
                let c = &lib.cards[i];
                assert!(
                    c.minutes <= SMALL_ACT_MINUTES,
                    "{} takes {}",
                    c.id,
                    c.minutes
                );
                assert!(
                    crate::suggest::card_fits(c, &journal.preferences),
                    "{}",
                    c.id
                );
                assert!(seen.insert(i), "{} twice", c.id);
            }
            if journal.preferences.about.live_apart {
                assert!(order.iter().all(|&i| !lib.cards[i].has(Tag::SameRoom)));
                // The long-distance versions of same-room cards are among them.
                assert!(order.iter().any(|&i| {
                    lib.cards
                        .iter()
                        .any(|c| c.apart_version.as_deref() == Some(lib.cards[i].id.as_str()))
                }));
            }
        }
        assert!(lib.cards.iter().any(|c| c.minutes > SMALL_ACT_MINUTES));
    }
}
