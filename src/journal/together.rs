//! Both voices: an evening the two partners did together on one terminal, and the
//! conversations they had with nearer's help (the stress-reducing conversation, the weekly
//! State of us). Kept in the evening's entry beside, not instead of, the owner's own answers.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Outcome;

/// An evening done together: each partner's rating, answer, good thing and small act, under
/// their name. A partner who chose not to keep their words has only their rating here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Together {
    /// The question both answered, as it was asked.
    pub prompt_id: String,
    pub prompt: String,
    /// The journal's owner.
    pub owner: Voice,
    /// The partner.
    pub partner: Voice,
    /// A small act to do together, if they chose one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act_together: Option<String>,
}

/// One partner's part of a together evening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Voice {
    /// The name they went by that evening (or "you" / "your partner" when none was given).
    pub name: String,
    /// Inclusion of Other in the Self, 1 to 7.
    pub closeness: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// What they said of the other: one good thing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub good_thing: Option<String>,
    /// Their small act for the day after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub small_act: Option<String>,
    /// How the act they planned the evening before went, for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followup: Option<Outcome>,
}

impl Voice {
    /// Every piece of text they wrote.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [&self.answer, &self.good_thing, &self.small_act]
            .into_iter()
            .flatten()
            .map(String::as_str)
    }
}

impl Together {
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.owner
            .texts()
            .chain(self.partner.texts())
            .chain(self.act_together.as_deref())
    }

    /// A value outside what the evening can hold (a file changed by hand).
    pub fn problem(&self) -> Option<String> {
        for v in [&self.owner, &self.partner] {
            if !(1..=7).contains(&v.closeness) {
                return Some(format!(
                    "the together closeness of {} is {}, and closeness is 1 to 7",
                    v.name, v.closeness
                ));
            }
        }
        None
    }
}

/// A conversation nearer guided: only that it happened, and a note if they chose to keep
/// one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Talk {
    pub date: NaiveDate,
    pub at: DateTime<FixedOffset>,
    pub kind: TalkKind,
    /// Minutes each turn took (the stress-reducing conversation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// What they chose to note, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TalkKind {
    /// Each in turn talks about stress from outside the relationship; the other listens on
    /// their side.
    StressTalk,
    /// The weekly State of us.
    StateOfUs,
}

impl TalkKind {
    pub fn label(self) -> &'static str {
        match self {
            TalkKind::StressTalk => "a stress-reducing conversation",
            TalkKind::StateOfUs => "a State of us",
        }
    }
}
