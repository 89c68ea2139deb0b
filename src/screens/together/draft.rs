//! A together evening left half-way, as its draft keeps it.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{Part, TogetherEvening};
use crate::journal::Outcome;
use crate::screens::checkin::{editor, text_of};

pub use crate::journal::draft::{PartDraft, TogetherDraft};

impl PartDraft {
    fn of(p: &Part) -> PartDraft {
        PartDraft {
            name: p.name.clone(),
            closeness: p.closeness,
            followup: p.followup,
            answer: text_of(&p.answer),
            good_thing: text_of(&p.good_thing),
            act: text_of(&p.act),
            keep: p.keep,
        }
    }

    fn apply(&self, p: &mut Part) {
        p.name = self.name.clone();
        p.closeness = self.closeness.filter(|c| (1..=7).contains(c));
        p.followup = self.followup.filter(|o| Outcome::ALL.contains(o));
        p.answer = editor(&self.answer, "Write as much or as little as you like.");
        p.good_thing = editor(
            &self.good_thing,
            "Something specific, and what it says about them.",
        );
        p.act = editor(&self.act, "One small thing for tomorrow, in your own words.");
        p.keep = self.keep;
    }
}

impl TogetherDraft {
    pub fn of(t: &TogetherEvening, now: DateTime<FixedOffset>) -> TogetherDraft {
        TogetherDraft {
            date: t.date,
            saved_at: now,
            pos: t.pos,
            prompt_id: t.prompt.0.clone(),
            prompt: t.prompt.1.clone(),
            owner: PartDraft::of(&t.owner),
            partner: PartDraft::of(&t.partner),
            act_together: text_of(&t.act_together),
        }
    }

    /// Put the draft's answers into an evening just opened (the question as it was asked).
    pub fn apply(&self, t: &mut TogetherEvening) {
        self.owner.apply(&mut t.owner);
        self.partner.apply(&mut t.partner);
        t.act_together = editor(&self.act_together, "Something the two of you will do. Optional.");
        if !self.prompt.is_empty() {
            t.prompt = (self.prompt_id.clone(), self.prompt.clone());
        }
        t.pos = self.pos.min(t.steps().len() - 2);
    }

    /// Whether it holds the same answers as `other`, wherever each was left.
    pub fn same_as(&self, other: &TogetherDraft) -> bool {
        let strip = |d: &TogetherDraft| TogetherDraft {
            saved_at: other.saved_at,
            ..d.clone()
        };
        strip(self) == strip(other)
    }
}

/// The evening a draft is of.
pub fn date_of(d: &TogetherDraft) -> NaiveDate {
    d.date
}
