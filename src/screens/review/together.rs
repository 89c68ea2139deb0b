//! Figures of together evenings and talks for Look back: how many, both ratings, and
//! whether the days after a together evening seemed to differ (only with enough evenings
//! on each side, and never as a verdict). Pure functions of the journal, checked by hand in
//! the tests below.

use std::sync::Arc;

use chrono::NaiveDate;

use super::count;
use super::stats::{Comparison, Mean};
use crate::journal::together::{Talk, TalkKind};
use crate::journal::{Entry, Journal};

/// Both ratings over some evenings: those done together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Together evenings among them.
    pub evenings: usize,
    pub owner: Mean,
    pub partner: Mean,
    /// The names the latest together evening went by: (owner, partner).
    pub names: Option<(String, String)>,
}

impl Figures {
    pub fn of(entries: &[Arc<Entry>]) -> Figures {
        let mut f = Figures::default();
        for t in entries.iter().filter_map(|e| e.together.as_ref()) {
            f.evenings += 1;
            f.owner.add(t.owner.closeness);
            f.partner.add(t.partner.closeness);
            f.names = Some((t.owner.name.clone(), t.partner.name.clone()));
        }
        f
    }

    /// "2 together evenings: Sam's closeness averaged 5.0, Alex's 4.5.", or none without
    /// any.
    pub fn summary(&self) -> Option<String> {
        let (owner, partner) = self.names.as_ref()?;
        Some(format!(
            "{}: {owner}'s closeness averaged {}, {partner}'s {}.",
            super::plural(self.evenings, "together evening", "together evenings"),
            self.owner.shown().unwrap_or_default(),
            self.partner.shown().unwrap_or_default(),
        ))
    }
}

/// The talks from `from` to `to`, both included, in the order they are kept.
pub fn talks_between(journal: &Journal, from: NaiveDate, to: NaiveDate) -> Vec<&Talk> {
    (journal.talks.iter())
        .filter(|t| t.date >= from && t.date <= to)
        .collect()
}

/// "a stress-reducing conversation and 2 State of us talks" for a count of each kind.
pub fn talks_in_words(talks: &[&Talk]) -> Option<String> {
    let stress = talks
        .iter()
        .filter(|t| t.kind == TalkKind::StressTalk)
        .count();
    let state = talks
        .iter()
        .filter(|t| t.kind == TalkKind::StateOfUs)
        .count();
    let mut parts = Vec::new();
    match stress {
        0 => {}
        1 => parts.push("a stress-reducing conversation".to_string()),
        n => parts.push(format!("{} stress-reducing conversations", count(n))),
    }
    match state {
        0 => {}
        1 => parts.push("a State of us".to_string()),
        n => parts.push(format!("{} State of us talks", count(n))),
    }
    (!parts.is_empty()).then(|| parts.join(" and "))
}

/// The owner's closeness the day after a together evening, against the day after an
/// evening alone. Only days whose evening before was checked in count.
pub fn after_together(entries: &[Arc<Entry>]) -> Comparison {
    let mut c = Comparison::default();
    for w in entries.windows(2) {
        if w[0].date.succ_opt() != Some(w[1].date) {
            continue;
        }
        if w[0].together.is_some() {
            c.with.add(w[1].closeness);
        } else {
            c.without.add(w[1].closeness);
        }
    }
    c
}

/// What "What seemed to help" says of together evenings: a sentence when there are enough
/// days on each side, else nothing (the page says already what it needs for a pattern).
pub fn helped_line(entries: &[Arc<Entry>]) -> Option<String> {
    let c = after_together(entries);
    let (true, Some(w), Some(o)) = (c.enough(), c.with.shown(), c.without.shown()) else {
        return None;
    };
    Some(format!(
        "On days after a together evening, closeness averaged {w}; after an evening on your own {o} ({} and {} days).",
        count(c.with.count),
        count(c.without.count)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::together::{Together, Voice};
    use chrono::DateTime;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    fn voice(name: &str, closeness: u8) -> Voice {
        Voice {
            name: name.into(),
            closeness,
            answer: None,
            good_thing: None,
            small_act: None,
            followup: None,
        }
    }

    fn e(day: u32, closeness: u8, partner: Option<u8>) -> Arc<Entry> {
        let t = DateTime::parse_from_rfc3339("2026-11-01T21:00:00+01:00").unwrap();
        Arc::new(Entry {
            date: d(day),
            created: t,
            updated: t,
            closeness,
            stress: None,
            followup: None,
            reflection: None,
            appreciation: None,
            small_act: None,
            starred: false,
            together: partner.map(|p| Together {
                prompt_id: "p".into(),
                prompt: "q".into(),
                owner: voice("Sam", closeness),
                partner: voice("Alex", p),
                act_together: None,
            }),
            shown: Vec::new(),
        })
    }

    #[test]
    fn both_ratings_of_the_together_evenings() {
        let entries = [e(1, 4, None), e(2, 5, Some(3)), e(3, 6, Some(6))];
        let f = Figures::of(&entries);
        assert_eq!(f.evenings, 2);
        assert_eq!(f.owner, Mean { count: 2, sum: 11 });
        assert_eq!(f.partner, Mean { count: 2, sum: 9 });
        assert_eq!(
            f.summary().unwrap(),
            "2 together evenings: Sam's closeness averaged 5.5, Alex's 4.5."
        );
        assert_eq!(Figures::of(&entries[..1]).summary(), None);
    }

    #[test]
    fn the_days_after_a_together_evening_only_with_enough_of_them() {
        // Together on 1, 3, 5, 7, 9 (partner 4), alone on 2, 4, 6, 8, 10, 11.
        // After together: days 2, 4, 6, 8, 10 at 3 each = 3.0. After alone: days 3, 5, 7,
        // 9, 11 at 6 each = 6.0.
        let entries: Vec<Arc<Entry>> = (1..=11)
            .map(|day| {
                if day % 2 == 1 && day < 11 {
                    e(day, 6, Some(4))
                } else if day == 11 {
                    e(day, 6, None)
                } else {
                    e(day, 3, None)
                }
            })
            .collect();
        let c = after_together(&entries);
        assert_eq!(c.with, Mean { count: 5, sum: 15 });
        assert_eq!(c.without, Mean { count: 5, sum: 30 });
        assert_eq!(
            helped_line(&entries).unwrap(),
            "On days after a together evening, closeness averaged 3.0; after an evening on your own 6.0 (5 and 5 days)."
        );
        assert_eq!(
            helped_line(&entries[..9]),
            None,
            "four days after each: too few"
        );
    }

    #[test]
    fn talks_are_told_in_words() {
        let t = DateTime::parse_from_rfc3339("2026-11-01T21:00:00+01:00").unwrap();
        let talk = |kind| Talk {
            date: d(1),
            at: t,
            kind,
            minutes: None,
            note: None,
        };
        let (a, b, c) = (
            talk(TalkKind::StressTalk),
            talk(TalkKind::StateOfUs),
            talk(TalkKind::StateOfUs),
        );
        assert_eq!(talks_in_words(&[]), None);
        assert_eq!(
            talks_in_words(&[&a]).unwrap(),
            "a stress-reducing conversation"
        );
        assert_eq!(
            talks_in_words(&[&a, &b, &c]).unwrap(),
            "a stress-reducing conversation and 2 State of us talks"
        );
    }
}
