//! Unfinished check-ins: one draft per evening, kept beside the journal until that evening's
//! check-in is saved or the person discards it (after being asked).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Outcome;

/// The steps of a check-in, as a draft remembers where it was left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Arrive,
    Closeness,
    Stress,
    Followup,
    Noticed,
    Reflection,
    Appreciation,
    SmallAct,
    OwnAct,
    /// What the evening shares with a linked partner.
    Share,
    Summary,
}

/// Where tomorrow's small act came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActChoice {
    /// Nothing chosen yet: the suggestion on screen is not planned until Enter.
    Undecided,
    Card(String),
    Own,
    Nothing,
}

/// An unfinished check-in, as kept on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub date: NaiveDate,
    pub saved_at: DateTime<FixedOffset>,
    pub step: Step,
    pub closeness: Option<u8>,
    pub stress: Option<u8>,
    pub outcome: Option<Outcome>,
    pub noticed: String,
    pub prompt_id: Option<String>,
    pub prompt: Option<String>,
    pub reflection: String,
    pub appreciation: String,
    pub act: ActChoice,
    pub own_act: String,
    pub card_pos: usize,
}

impl Draft {
    /// A draft of `date` with no answers yet.
    pub fn new(date: NaiveDate, saved_at: DateTime<FixedOffset>) -> Draft {
        Draft {
            date,
            saved_at,
            step: Step::Arrive,
            closeness: None,
            stress: None,
            outcome: None,
            noticed: String::new(),
            prompt_id: None,
            prompt: None,
            reflection: String::new(),
            appreciation: String::new(),
            act: ActChoice::Undecided,
            own_act: String::new(),
            card_pos: 0,
        }
    }

    /// Whether the draft's answers are the same as `other`'s (when it was saved and where
    /// it was left aside).
    pub fn same_answers(&self, other: &Draft) -> bool {
        let strip = |d: &Draft| Draft {
            saved_at: other.saved_at,
            step: Step::Arrive,
            card_pos: 0,
            ..d.clone()
        };
        strip(self) == strip(other)
    }

    /// Every piece of text the person wrote in it.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [
            self.noticed.as_str(),
            self.reflection.as_str(),
            self.appreciation.as_str(),
            self.own_act.as_str(),
        ]
        .into_iter()
        .filter(|t| !t.trim().is_empty())
    }

    /// A value outside what a check-in can hold (a file changed by hand): refused when
    /// read, so nothing meets it later.
    pub fn problem(&self) -> Option<String> {
        if let Some(c) = self.closeness.filter(|c| !(1..=7).contains(c)) {
            return Some(format!("closeness {c} is not between 1 and 7"));
        }
        if let Some(s) = self.stress.filter(|s| !(1..=5).contains(s)) {
            return Some(format!("stress {s} is not between 1 and 5"));
        }
        None
    }
}

/// One partner's part of a together evening left half-way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartDraft {
    pub name: String,
    pub closeness: Option<u8>,
    pub followup: Option<Outcome>,
    pub answer: String,
    pub good_thing: String,
    pub act: String,
    pub keep: bool,
}

/// A together evening left half-way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TogetherDraft {
    pub date: NaiveDate,
    pub saved_at: DateTime<FixedOffset>,
    /// Where it was left, in the evening's steps.
    pub pos: usize,
    pub prompt_id: String,
    pub prompt: String,
    pub owner: PartDraft,
    pub partner: PartDraft,
    pub act_together: String,
}

impl TogetherDraft {
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [&self.owner, &self.partner]
            .into_iter()
            .flat_map(|p| [p.answer.as_str(), p.good_thing.as_str(), p.act.as_str()])
            .chain([self.act_together.as_str()])
            .filter(|t| !t.trim().is_empty())
    }

    pub fn problem(&self) -> Option<String> {
        for p in [&self.owner, &self.partner] {
            if let Some(c) = p.closeness.filter(|c| !(1..=7).contains(c)) {
                return Some(format!("closeness {c} is not between 1 and 7"));
            }
        }
        None
    }
}

/// A State of us left half-way: what they wrote, and where they were.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateOfUsDraft {
    pub date: NaiveDate,
    pub saved_at: DateTime<FixedOffset>,
    /// The step it was left at, by name.
    pub step: String,
    pub went_well: String,
    /// Who raises an issue ("owner" or "partner"), or none this week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_by: Option<String>,
    /// Whether they chose, this week, to raise none.
    #[serde(default)]
    pub no_issue: bool,
    pub issue: String,
    /// The repair phrase chosen (1-based), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repair: Option<u8>,
    pub repair_own: String,
    pub act_owner: String,
    pub act_partner: String,
    /// What they keep: 1 only that it happened, 2 also what went well and the acts, 3 all.
    pub keep: u8,
}

impl StateOfUsDraft {
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [
            self.went_well.as_str(),
            self.issue.as_str(),
            self.repair_own.as_str(),
            self.act_owner.as_str(),
            self.act_partner.as_str(),
        ]
        .into_iter()
        .filter(|t| !t.trim().is_empty())
    }

    pub fn problem(&self) -> Option<String> {
        if !(1..=3).contains(&self.keep) {
            return Some(format!("what to keep is {}, and it is 1 to 3", self.keep));
        }
        None
    }
}

/// The drafts of every unfinished evening: one check-in and one together evening at most
/// per evening, and one State of us left half-way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drafts {
    by_date: BTreeMap<NaiveDate, Draft>,
    together: BTreeMap<NaiveDate, TogetherDraft>,
    state_of_us: Option<Box<StateOfUsDraft>>,
}

/// How the drafts file is written: a version and the drafts, oldest evening first.
#[derive(Debug, Serialize, Deserialize)]
pub struct DraftsFile {
    pub version: u32,
    pub drafts: Vec<Draft>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub together: Vec<TogetherDraft>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_of_us: Option<StateOfUsDraft>,
}

/// The drafts file's format version.
pub const DRAFTS_VERSION: u32 = 1;

impl Drafts {
    pub fn get(&self, date: NaiveDate) -> Option<&Draft> {
        self.by_date.get(&date)
    }

    /// Keep `draft` as its evening's draft, in place of any before it.
    pub fn put(&mut self, draft: Draft) {
        self.by_date.insert(draft.date, draft);
    }

    pub fn remove(&mut self, date: NaiveDate) -> Option<Draft> {
        self.by_date.remove(&date)
    }

    pub fn is_empty(&self) -> bool {
        self.by_date.is_empty() && self.together.is_empty() && self.state_of_us.is_none()
    }

    pub fn len(&self) -> usize {
        self.by_date.len() + self.together.len() + usize::from(self.state_of_us.is_some())
    }

    /// The State of us left half-way, if any.
    pub fn state_of_us(&self) -> Option<&StateOfUsDraft> {
        self.state_of_us.as_deref()
    }

    pub fn put_state_of_us(&mut self, draft: StateOfUsDraft) {
        self.state_of_us = Some(Box::new(draft));
    }

    pub fn remove_state_of_us(&mut self) -> Option<StateOfUsDraft> {
        self.state_of_us.take().map(|d| *d)
    }

    pub fn together(&self, date: NaiveDate) -> Option<&TogetherDraft> {
        self.together.get(&date)
    }

    pub fn put_together(&mut self, draft: TogetherDraft) {
        self.together.insert(draft.date, draft);
    }

    pub fn remove_together(&mut self, date: NaiveDate) -> Option<TogetherDraft> {
        self.together.remove(&date)
    }

    /// The together evenings left half-way, newest first.
    pub fn together_newest_first(&self) -> impl Iterator<Item = &TogetherDraft> {
        self.together.values().rev()
    }

    /// The drafts, newest evening first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Draft> {
        self.by_date.values().rev()
    }

    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.by_date.keys().copied()
    }

    /// As written to disk.
    pub fn to_file(&self) -> DraftsFile {
        DraftsFile {
            version: DRAFTS_VERSION,
            drafts: self.by_date.values().cloned().collect(),
            together: self.together.values().cloned().collect(),
            state_of_us: self.state_of_us.as_deref().cloned(),
        }
    }

    /// The drafts as read from a file, together evenings included.
    pub fn from_file(file: DraftsFile) -> Drafts {
        let mut out = Drafts::from_drafts(file.drafts);
        for t in file.together {
            match out.together.get(&t.date) {
                Some(old) if old.saved_at > t.saved_at => {}
                _ => out.put_together(t),
            }
        }
        out.state_of_us = file.state_of_us.map(Box::new);
        out
    }

    /// From what was read; of two drafts for one evening, the later one is kept.
    pub fn from_drafts(drafts: impl IntoIterator<Item = Draft>) -> Drafts {
        let mut out = Drafts::default();
        for d in drafts {
            match out.by_date.get(&d.date) {
                Some(old) if old.saved_at > d.saved_at => {}
                _ => out.put(d),
            }
        }
        out
    }
}
