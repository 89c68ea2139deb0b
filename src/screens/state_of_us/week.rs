//! What a State of us reads of the journal: whether one is due this week, the week's
//! appreciations (solo and together), and the acts chosen at the last one.

use chrono::{Duration, NaiveDate};

use crate::journal::Journal;
use crate::journal::together::TalkKind;

/// One good thing said this week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appreciation {
    pub date: NaiveDate,
    /// Who said it (a name), and of whom.
    pub from: String,
    pub about: String,
    pub text: String,
}

/// A State of us is offered when the last 7 days (this evening included) have at least one
/// evening, and none was done in the last 6.
pub fn due(journal: &Journal, evening: NaiveDate) -> bool {
    let week = evening - Duration::days(6);
    let evenings = (journal.entries.iter().rev())
        .take_while(|e| e.date >= week)
        .any(|e| e.date <= evening);
    let recent = (journal.talks.iter()).any(|t| {
        t.kind == TalkKind::StateOfUs && t.date > evening - Duration::days(6) && t.date <= evening
    });
    evenings && !recent
}

/// The appreciations of the 7 days up to `evening`, oldest first: each solo check-in's
/// good thing (said by the journal's owner) and both good things of a together evening.
pub fn appreciations(
    journal: &Journal,
    evening: NaiveDate,
    owner: &str,
    partner: &str,
) -> Vec<Appreciation> {
    let week = evening - Duration::days(6);
    let mut out = Vec::new();
    for e in journal
        .entries
        .iter()
        .filter(|e| e.date >= week && e.date <= evening)
    {
        let mut add = |from: &str, about: &str, text: &Option<String>| {
            if let Some(t) = text.as_ref().filter(|t| !t.trim().is_empty()) {
                out.push(Appreciation {
                    date: e.date,
                    from: from.to_string(),
                    about: about.to_string(),
                    text: t.clone(),
                });
            }
        };
        add(owner, partner, &e.appreciation);
        if let Some(t) = &e.together {
            add(&t.owner.name, &t.partner.name, &t.owner.good_thing);
            add(&t.partner.name, &t.owner.name, &t.partner.good_thing);
        }
    }
    out
}

/// The line a kept note begins each act with.
pub const ACT_LINE: &str = "Next week, ";

/// The acts chosen at the last State of us, as its note kept them (none if not kept).
pub fn last_acts(journal: &Journal) -> Vec<String> {
    journal
        .last_talk(TalkKind::StateOfUs)
        .and_then(|t| t.note.as_deref())
        .map(|n| {
            n.lines()
                .filter_map(|l| l.strip_prefix(ACT_LINE))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::together::Talk;
    use crate::journal::{Entry, SmallAct};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn entry(d: u32, appreciation: Option<&str>) -> Entry {
        let t = chrono::DateTime::parse_from_rfc3339(&format!("2026-11-{d:02}T21:00:00+01:00"))
            .unwrap();
        Entry {
            date: day(d),
            created: t,
            updated: t,
            closeness: 4,
            stress: None,
            followup: None,
            reflection: None,
            appreciation: appreciation.map(str::to_string),
            small_act: Some(SmallAct {
                card_id: None,
                text: "tea".into(),
            }),
            starred: false,
            together: None,
            shown: Vec::new(),
        }
    }

    fn talk(d: u32, note: Option<&str>) -> Talk {
        Talk {
            date: day(d),
            at: chrono::DateTime::parse_from_rfc3339(&format!("2026-11-{d:02}T21:00:00+01:00"))
                .unwrap(),
            kind: TalkKind::StateOfUs,
            minutes: None,
            note: note.map(str::to_string),
        }
    }

    #[test]
    fn due_once_a_week_when_the_week_has_evenings() {
        let mut j = Journal::default();
        assert!(!due(&j, day(20)), "no evenings, nothing offered");
        j.upsert(entry(10, None));
        assert!(
            !due(&j, day(20)),
            "an evening ten days ago is not this week"
        );
        assert!(due(&j, day(16)), "six days on, it is");
        j.upsert(entry(18, None));
        assert!(due(&j, day(20)));
        j.talks.push(talk(15, None));
        assert!(!due(&j, day(20)), "one five days ago");
        assert!(due(&j, day(21)), "six days ago is a week on");
        j.talks.push(talk(21, None));
        assert!(!due(&j, day(21)));
    }

    #[test]
    fn the_weeks_appreciations_oldest_first() {
        let mut j = Journal::default();
        j.upsert(entry(10, Some("too old")));
        j.upsert(entry(14, Some("the soup")));
        j.upsert(entry(17, None));
        j.upsert(entry(20, Some("the lift to the station")));
        let a = appreciations(&j, day(20), "Alex", "Sam");
        let texts: Vec<&str> = a.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["the soup", "the lift to the station"]);
        assert_eq!((a[0].from.as_str(), a[0].about.as_str()), ("Alex", "Sam"));
    }

    #[test]
    fn the_last_acts_come_from_a_kept_note() {
        let mut j = Journal::default();
        assert!(last_acts(&j).is_empty());
        j.talks.push(talk(
            10,
            Some("What went well: the walk\nNext week, Alex: a note\nNext week, Sam: soup"),
        ));
        assert_eq!(last_acts(&j), ["Alex: a note", "Sam: soup"]);
        j.talks.push(talk(17, None));
        assert!(last_acts(&j).is_empty(), "the last one kept none");
    }
}
