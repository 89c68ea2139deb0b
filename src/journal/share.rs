//! What the person shares with a linked partner: a default chosen once in settings, and the
//! choice made for an evening at the end of its check-in. Private is the default for
//! everything: a part is shared only when it was chosen.
//!
//! Kept in the preferences (`preferences.sharing`), so that the entries themselves keep
//! their shape: `{"default": {"closeness": true, "answer": true},
//! "evenings": [{"date": "2026-12-01", "answer": true}]}`. An evening listed with nothing
//! chosen shares nothing, whatever the default says.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which parts of an evening leave the journal for the partner.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Share {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closeness: bool,
    /// The answer to tonight's question.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub answer: bool,
    /// One good thing about the partner.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub good_thing: bool,
    /// Tomorrow's small act.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub small_act: bool,
}

/// The parts, in the order screens list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Closeness,
    Answer,
    GoodThing,
    SmallAct,
}

impl Part {
    pub const ALL: [Part; 4] = [
        Part::Closeness,
        Part::Answer,
        Part::GoodThing,
        Part::SmallAct,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Part::Closeness => "how close you felt",
            Part::Answer => "tonight's answer",
            Part::GoodThing => "one good thing about them",
            Part::SmallAct => "tomorrow's small act",
        }
    }

    /// The label for an evening other than tonight (one filled in later).
    pub fn label_past(self) -> &'static str {
        match self {
            Part::Answer => "that evening's answer",
            Part::SmallAct => "the next day's small act",
            other => other.label(),
        }
    }
}

impl Share {
    pub const NOTHING: Share = Share {
        closeness: false,
        answer: false,
        good_thing: false,
        small_act: false,
    };

    pub fn is_nothing(&self) -> bool {
        *self == Share::NOTHING
    }

    pub fn has(&self, part: Part) -> bool {
        match part {
            Part::Closeness => self.closeness,
            Part::Answer => self.answer,
            Part::GoodThing => self.good_thing,
            Part::SmallAct => self.small_act,
        }
    }

    pub fn toggled(mut self, part: Part) -> Share {
        let flag = match part {
            Part::Closeness => &mut self.closeness,
            Part::Answer => &mut self.answer,
            Part::GoodThing => &mut self.good_thing,
            Part::SmallAct => &mut self.small_act,
        };
        *flag = !*flag;
        self
    }

    /// The parts chosen, in words ("tonight's answer and how close you felt").
    pub fn words(&self) -> String {
        let parts: Vec<&str> = Part::ALL
            .into_iter()
            .filter(|p| self.has(*p))
            .map(Part::label)
            .collect();
        match parts.as_slice() {
            [] => "nothing".into(),
            [one] => (*one).into(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// One evening's own choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareOn {
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closeness: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub answer: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub good_thing: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub small_act: bool,
}

impl ShareOn {
    pub fn share(&self) -> Share {
        Share {
            closeness: self.closeness,
            answer: self.answer,
            good_thing: self.good_thing,
            small_act: self.small_act,
        }
    }
}

/// The default and each evening's own choice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sharing {
    #[serde(default, skip_serializing_if = "Share::is_nothing")]
    pub default: Share,
    /// Evenings whose choice was made at their check-in, in date order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evenings: Vec<ShareOn>,
}

impl Sharing {
    pub fn is_empty(&self) -> bool {
        *self == Sharing::default()
    }

    /// The choice made for `date`, if one was.
    pub fn chosen(&self, date: NaiveDate) -> Option<Share> {
        self.evenings
            .binary_search_by_key(&date, |e| e.date)
            .ok()
            .map(|i| self.evenings[i].share())
    }

    /// What `date` shares: its own choice, else the default.
    pub fn of(&self, date: NaiveDate) -> Share {
        self.chosen(date).unwrap_or(self.default)
    }

    /// Keep `share` as the choice of `date`.
    pub fn set(&mut self, date: NaiveDate, share: Share) {
        let on = ShareOn {
            date,
            closeness: share.closeness,
            answer: share.answer,
            good_thing: share.good_thing,
            small_act: share.small_act,
        };
        match self.evenings.binary_search_by_key(&date, |e| e.date) {
            Ok(i) => self.evenings[i] = on,
            Err(i) => self.evenings.insert(i, on),
        }
    }

    /// Put the evenings in date order, one a date (a file edited by hand).
    pub fn normalise(&mut self) {
        self.evenings.sort_by_key(|e| e.date);
        self.evenings.dedup_by_key(|e| e.date);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_evening_choice_wins_over_the_default_even_when_it_is_nothing() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut s = Sharing {
            default: Share {
                answer: true,
                ..Share::NOTHING
            },
            ..Sharing::default()
        };
        assert!(s.of(d).answer);
        s.set(d, Share::NOTHING);
        assert!(s.of(d).is_nothing());
        assert!(s.of(d.succ_opt().unwrap()).answer);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"{"default":{"answer":true},"evenings":[{"date":"2026-12-01"}]}"#
        );
        assert_eq!(serde_json::from_str::<Sharing>(&json).unwrap(), s);
        assert_eq!(
            Share::NOTHING
                .toggled(Part::Answer)
                .toggled(Part::Closeness)
                .words(),
            "how close you felt and tonight's answer"
        );
    }
}
