//! Which evening it is, and what nearer offers on it: the prompt of the day and the
//! suggested small acts. Everything here is a pure function of its inputs.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::content::{CardKind, Depth, Library};
use crate::journal::Journal;

/// An evening lasts until this hour: a check-in at half past midnight belongs to the
/// evening before.
pub const EVENING_ENDS_AT_HOUR: i64 = 4;

/// A prompt answered within this many days is not offered again.
pub const PROMPT_REST_DAYS: i64 = 30;

/// A card planned within this many days is not suggested again.
pub const CARD_REST_DAYS: i64 = 14;

/// The evening a moment belongs to, in the local time it was recorded in.
pub fn evening_of(now: DateTime<FixedOffset>) -> NaiveDate {
    (now.naive_local() - Duration::hours(EVENING_ENDS_AT_HOUR)).date()
}

/// A generator that gives the same sequence for the same date and purpose on any machine.
fn date_rng(date: NaiveDate, purpose: u64) -> ChaCha8Rng {
    let day = date.num_days_from_ce() as u64;
    ChaCha8Rng::seed_from_u64(day.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ purpose)
}

/// Prompts in the order they are offered on `date`: those not answered in the rest period
/// before it, shuffled by the date. The first is the prompt of the day.
pub fn prompt_order(library: &Library, journal: &Journal, date: NaiveDate) -> Vec<usize> {
    let since = date - Duration::days(PROMPT_REST_DAYS);
    let start = journal.entries.partition_point(|e| e.date < since);
    let recent: std::collections::HashSet<&str> = journal.entries[start..]
        .iter()
        .filter(|e| e.date < date)
        .filter_map(|e| e.reflection.as_ref())
        .filter(|r| !r.answer.trim().is_empty())
        .map(|r| r.prompt_id.as_str())
        .collect();
    let mut order: Vec<usize> = (0..library.prompts.len())
        .filter(|&i| !recent.contains(library.prompts[i].id.as_str()))
        .collect();
    if order.is_empty() {
        order = (0..library.prompts.len()).collect();
    }
    // Lead with the positive: light and middle prompts come up more often than deep ones.
    let weight = |i: usize| match library.prompts[i].depth {
        Depth::Light => 2.0,
        Depth::Medium => 1.5,
        Depth::Deep => 1.0,
    };
    weighted_order(order, weight, &mut date_rng(date, 0x5052_4f4d_5054))
}

/// A weighted shuffle (Efraimidis and Spirakis): each item's key is u^(1/w), largest first,
/// so heavier items tend to come earlier but every item has its turn.
fn weighted_order(
    items: Vec<usize>,
    weight: impl Fn(usize) -> f64,
    rng: &mut ChaCha8Rng,
) -> Vec<usize> {
    let mut keyed: Vec<(f64, usize)> = items
        .into_iter()
        .map(|i| {
            let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
            (u.max(f64::MIN_POSITIVE).powf(1.0 / weight(i)), i)
        })
        .collect();
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0));
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Cards in the order they are suggested for tomorrow on `date`: favourites and the
/// person's love languages weigh more, cards planned lately are left out, and partner-facing
/// cards are left out entirely when the person asked for solo-only suggestions.
pub fn card_order(library: &Library, journal: &Journal, date: NaiveDate) -> Vec<usize> {
    let prefs = &journal.preferences;
    let since = date - Duration::days(CARD_REST_DAYS);
    let start = journal.entries.partition_point(|e| e.date < since);
    let recent: std::collections::HashSet<&str> = journal.entries[start..]
        .iter()
        .filter(|e| e.date < date)
        .filter_map(|e| e.small_act.as_ref()?.card_id.as_deref())
        .collect();
    let allowed: Vec<usize> = (0..library.cards.len())
        .filter(|&i| crate::suggest::card_fits(&library.cards[i], prefs))
        .collect();
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
    weighted_order(pool, weight, &mut date_rng(date, 0x4341_5244))
}

/// A line chosen by the date from a list (the same all evening).
pub fn line_of_the_day(lines: &[String], date: NaiveDate, purpose: u64) -> Option<&str> {
    if lines.is_empty() {
        return None;
    }
    let i = (date_rng(date, purpose).next_u64() % lines.len() as u64) as usize;
    Some(lines[i].as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn an_evening_lasts_until_four_in_the_morning() {
        let d = |s| evening_of(at(s));
        assert_eq!(
            d("2026-11-26T21:00:00+01:00"),
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        );
        assert_eq!(
            d("2026-11-27T00:30:00+01:00"),
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        );
        assert_eq!(
            d("2026-11-27T03:59:59+01:00"),
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        );
        assert_eq!(
            d("2026-11-27T04:00:00+01:00"),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        );
    }

    #[test]
    fn the_evening_is_local_time_wherever_the_person_is() {
        // 23:30 in Tokyo is 14:30 UTC: still the Tokyo evening, not the UTC afternoon.
        assert_eq!(
            evening_of(at("2026-11-26T23:30:00+09:00")),
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        );
    }
}
