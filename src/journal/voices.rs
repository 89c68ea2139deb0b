//! The voices of an evening, as Look back and the export show them: what each partner
//! said, under their name.
//!
//! A small, plain view of an evening built from what the journal holds, so that every
//! place that shows both voices (the evening's page, the list's gist, search's labels, the
//! Markdown export) reads them the same way, wherever they came from:
//!
//! - a together evening on one terminal: [`Voices::of`] reads [`Entry::together`];
//! - a partner's evening shared from a linked machine (issue 16's `SharedEvening`: date,
//!   prompt, answer, closeness, good thing, small act): build the partner's [`VoiceView`]
//!   from it (its fields map one to one; `followup` is `None`) and call
//!   [`Voices::with_partner`]. The owner's voice is then their own check-in that evening.
//!   A together evening, when there is one, is shown instead: it already holds both.
//!
//! Nothing here copies the journal's words: every text is borrowed from the entry (or from
//! the shared evening the caller holds).

use chrono::NaiveDate;

use super::model::{Entry, Journal, Outcome};
use super::together::{Talk, Voice};

/// Where the partner's voice came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Both answered on this terminal, a together evening.
    Together,
    /// The partner answered on their own machine and shared it.
    Linked,
}

/// One person's part of the evening. Every text is `None` when they wrote none (or did
/// not keep it, or did not share it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoiceView<'a> {
    /// The name they went by that evening.
    pub name: &'a str,
    /// 1 to 7, when they chose one.
    pub closeness: Option<u8>,
    /// Their answer to the evening's prompt.
    pub answer: Option<&'a str>,
    /// One good thing they said about the other.
    pub good_thing: Option<&'a str>,
    /// Their small act for the day after.
    pub small_act: Option<&'a str>,
    /// How the act they planned the evening before went, for them.
    pub followup: Option<Outcome>,
}

impl<'a> VoiceView<'a> {
    fn of(v: &'a Voice) -> VoiceView<'a> {
        VoiceView {
            name: v.name.as_str(),
            closeness: Some(v.closeness),
            answer: nonblank(v.answer.as_deref()),
            good_thing: nonblank(v.good_thing.as_deref()),
            small_act: nonblank(v.small_act.as_deref()),
            followup: v.followup,
        }
    }

    /// Whether any of their words are here.
    pub fn has_words(&self) -> bool {
        self.answer.is_some() || self.good_thing.is_some() || self.small_act.is_some()
    }
}

/// Both voices of one evening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Voices<'a> {
    pub date: NaiveDate,
    pub source: Source,
    /// The question both answered, as it was asked.
    pub prompt: Option<&'a str>,
    /// The journal's owner.
    pub owner: VoiceView<'a>,
    pub partner: VoiceView<'a>,
    /// A small act to do together.
    pub act_together: Option<&'a str>,
}

impl<'a> Voices<'a> {
    /// The together evening of `entry`, if it was one.
    pub fn of(entry: &'a Entry) -> Option<Voices<'a>> {
        let t = entry.together.as_ref()?;
        Some(Voices {
            date: entry.date,
            source: Source::Together,
            prompt: nonblank(Some(t.prompt.as_str())),
            owner: VoiceView::of(&t.owner),
            partner: VoiceView::of(&t.partner),
            act_together: nonblank(t.act_together.as_deref()),
        })
    }

    /// Both voices of `entry`: its together evening if it was one; else, with `partner`
    /// (what the partner shared from a linked machine, asked `prompt`), the owner's own
    /// check-in (named `owner_name`) beside it; else none.
    pub fn with_partner(
        entry: &'a Entry,
        owner_name: &'a str,
        prompt: Option<&'a str>,
        partner: Option<VoiceView<'a>>,
    ) -> Option<Voices<'a>> {
        if let Some(v) = Voices::of(entry) {
            return Some(v);
        }
        let partner = partner?;
        let reflection = entry.reflection.as_ref();
        Some(Voices {
            date: entry.date,
            source: Source::Linked,
            prompt: prompt.or(reflection.map(|r| r.prompt.as_str())),
            owner: VoiceView {
                name: owner_name,
                closeness: Some(entry.closeness),
                answer: nonblank(reflection.map(|r| r.answer.as_str())),
                good_thing: nonblank(entry.appreciation.as_deref()),
                small_act: nonblank(entry.small_act.as_ref().map(|a| a.text.as_str())),
                followup: entry.followup.as_ref().and_then(|f| f.outcome),
            },
            partner,
            act_together: None,
        })
    }

    /// Both, in order: the owner, then the partner.
    pub fn both(&self) -> [&VoiceView<'a>; 2] {
        [&self.owner, &self.partner]
    }

    /// "Sam and Alex".
    pub fn names(&self) -> String {
        format!("{} and {}", self.owner.name, self.partner.name)
    }

    /// Whether anyone's small act (or one to do together) is here.
    pub fn has_acts(&self) -> bool {
        self.act_together.is_some() || self.both().iter().any(|v| v.small_act.is_some())
    }
}

/// Whether `entry` holds the owner's own check-in beside its together evening: anything
/// a together evening does not write by itself. (An evening done only together keeps the
/// owner's rating and small act in the solo fields too, so that everything that reads
/// them, the trend, the calendar, tomorrow's follow-up, counts the evening; those are not
/// a check-in of their own.) An evening that was not together is all the owner's own.
pub fn solo_too(entry: &Entry) -> bool {
    let Some(t) = &entry.together else {
        return true;
    };
    let own_act = entry.small_act.as_ref().map(|a| a.text.as_str());
    entry.reflection.is_some()
        || entry.appreciation.is_some()
        || entry.followup.is_some()
        || entry.stress.is_some()
        || entry.closeness != t.owner.closeness
        || entry
            .small_act
            .as_ref()
            .is_some_and(|a| a.card_id.is_some())
        || own_act != t.owner.small_act.as_deref()
}

impl Journal {
    /// The conversations nearer guided on the evening of `date`, in the order they are
    /// kept (the order they happened).
    pub fn talks_on(&self, date: NaiveDate) -> impl Iterator<Item = &Talk> {
        talks_on(&self.talks, date, self.talks.is_sorted_by_key(|t| t.date))
    }
}

/// The talks of `date` among `talks`, found by halves when `sorted` (in date order, as
/// nearer keeps them) and one by one otherwise (a file put in another order by hand; the
/// talks are never reordered, since what this nearer does not know of in each is kept by
/// its place in the list).
pub fn talks_on(talks: &[Talk], date: NaiveDate, sorted: bool) -> impl Iterator<Item = &Talk> {
    let (start, end) = if sorted {
        let start = talks.partition_point(|t| t.date < date);
        (
            start,
            start + talks[start..].partition_point(|t| t.date <= date),
        )
    } else {
        (0, talks.len())
    };
    talks[start..end].iter().filter(move |t| t.date == date)
}

fn nonblank(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::SmallAct;
    use crate::journal::together::{TalkKind, Together};
    use chrono::DateTime;

    fn t() -> DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").unwrap()
    }

    fn voice(name: &str, closeness: u8, answer: Option<&str>) -> Voice {
        Voice {
            name: name.into(),
            closeness,
            answer: answer.map(Into::into),
            good_thing: None,
            small_act: Some(format!("{name}'s act")),
            followup: None,
        }
    }

    fn together_only() -> Entry {
        let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        Entry {
            date,
            created: t(),
            updated: t(),
            closeness: 5,
            stress: None,
            followup: None,
            reflection: None,
            appreciation: None,
            small_act: Some(SmallAct {
                card_id: None,
                text: "Sam's act".into(),
            }),
            starred: false,
            together: Some(Together {
                prompt_id: "p".into(),
                prompt: "What felt easy?".into(),
                owner: voice("Sam", 5, Some("the walk")),
                partner: voice("Alex", 3, Some("  ")),
                act_together: None,
            }),
            shown: Vec::new(),
        }
    }

    #[test]
    fn a_together_evening_reads_as_both_voices_and_no_check_in_of_its_own() {
        let e = together_only();
        let v = Voices::of(&e).unwrap();
        assert_eq!(v.source, Source::Together);
        assert_eq!(v.names(), "Sam and Alex");
        assert_eq!(v.owner.answer, Some("the walk"));
        assert_eq!(v.partner.answer, None, "a blank answer is no answer");
        assert_eq!(v.partner.closeness, Some(3));
        assert!(
            !solo_too(&e),
            "what together wrote into the solo fields is not a check-in"
        );
        let mut own = e.clone();
        own.appreciation = Some("kind".into());
        assert!(solo_too(&own));
        let mut own = e.clone();
        own.closeness = 6;
        assert!(solo_too(&own));
        let mut own = e;
        own.small_act = None;
        assert!(solo_too(&own), "a check-in that planned nothing is its own");
    }

    #[test]
    fn a_partners_shared_evening_stands_beside_the_owners_check_in() {
        let mut e = together_only();
        e.together = None;
        let shared = VoiceView {
            name: "Alex",
            closeness: Some(4),
            answer: Some("the soup"),
            good_thing: None,
            small_act: None,
            followup: None,
        };
        assert!(Voices::with_partner(&e, "Sam", None, None).is_none());
        let v = Voices::with_partner(&e, "Sam", Some("What felt easy?"), Some(shared)).unwrap();
        assert_eq!(v.source, Source::Linked);
        assert_eq!(v.owner.closeness, Some(5));
        assert_eq!(v.owner.small_act, Some("Sam's act"));
        assert_eq!(v.partner.answer, Some("the soup"));
        // A together evening holds both voices already.
        let e = together_only();
        let v = Voices::with_partner(&e, "Sam", None, Some(shared)).unwrap();
        assert_eq!(v.source, Source::Together);
    }

    #[test]
    fn the_talks_of_an_evening() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        let talk = |day, kind| Talk {
            date: d(day),
            at: t(),
            kind,
            minutes: None,
            note: None,
        };
        let mut j = Journal {
            talks: vec![
                talk(3, TalkKind::StressTalk),
                talk(1, TalkKind::StateOfUs),
                talk(3, TalkKind::StateOfUs),
            ],
            ..Journal::default()
        };
        // Out of order (by hand): each is still found.
        assert_eq!(j.talks_on(d(1)).count(), 1);
        let kinds: Vec<TalkKind> = j.talks_on(d(3)).map(|t| t.kind).collect();
        assert_eq!(kinds, [TalkKind::StressTalk, TalkKind::StateOfUs]);
        j.talks.swap(0, 1);
        assert_eq!(j.talks_on(d(1)).count(), 1);
        let kinds: Vec<TalkKind> = j.talks_on(d(3)).map(|t| t.kind).collect();
        assert_eq!(kinds, [TalkKind::StressTalk, TalkKind::StateOfUs]);
        assert_eq!(j.talks_on(d(2)).count(), 0);
        assert_eq!(j.talks_on(d(30)).count(), 0);
    }
}
