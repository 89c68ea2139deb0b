//! A State of us left half-way, as its draft keeps it (as a together evening's does).

use chrono::{DateTime, FixedOffset};

use super::{ACT_HINT, ISSUE_HINT, OWN_REPAIR, REPAIR_HINT, StateOfUs, Step, WENT_WELL_HINT};
use crate::screens::checkin::{editor, text_of};
use crate::screens::together::Who;

pub use crate::journal::StateOfUsDraft;

fn who_name(w: Who) -> &'static str {
    match w {
        Who::Owner => "owner",
        Who::Partner => "partner",
    }
}

impl StateOfUsDraft {
    pub fn of(s: &StateOfUs, now: DateTime<FixedOffset>) -> StateOfUsDraft {
        StateOfUsDraft {
            date: s.date,
            saved_at: now,
            step: s.step.name().to_string(),
            went_well: text_of(&s.went_well),
            issue_by: s.issue_by.map(|w| who_name(w).to_string()),
            no_issue: s.no_issue,
            issue: text_of(&s.issue),
            repair: s.repair,
            repair_own: text_of(&s.repair_own),
            act_owner: text_of(&s.act_owner),
            act_partner: text_of(&s.act_partner),
            keep: s.keep,
        }
    }

    /// Put the draft's words into a State of us just opened, at the step it was left.
    pub fn apply(&self, s: &mut StateOfUs) {
        s.went_well = editor(&self.went_well, WENT_WELL_HINT);
        s.issue_by = match self.issue_by.as_deref() {
            Some("owner") => Some(Who::Owner),
            Some("partner") => Some(Who::Partner),
            _ => None,
        };
        s.no_issue = self.no_issue && s.issue_by.is_none();
        s.issue = editor(&self.issue, ISSUE_HINT);
        s.repair = self.repair.filter(|r| (1..=OWN_REPAIR).contains(r));
        s.repair_own = editor(&self.repair_own, REPAIR_HINT);
        s.act_owner = editor(&self.act_owner, ACT_HINT);
        s.act_partner = editor(&self.act_partner, ACT_HINT);
        s.keep = self.keep.clamp(1, 3);
        // Back where it was left; never on the last screen (it was not saved), nor on the
        // names (they are asked again only if About us still has none).
        let steps = s.steps();
        if let Some(&step) = steps
            .iter()
            .find(|st| st.name() == self.step && !matches!(st, Step::Away | Step::Names))
        {
            s.step = step;
        }
    }

    /// Whether it holds the same words and choices as `other`, whenever each was kept.
    pub fn same_as(&self, other: &StateOfUsDraft) -> bool {
        let strip = |d: &StateOfUsDraft| StateOfUsDraft {
            saved_at: other.saved_at,
            ..d.clone()
        };
        strip(self) == strip(other)
    }
}
