//! A check-in's draft: what it loads from a saved evening or a draft, and what it keeps.

use super::*;

impl Checkin {
    pub(super) fn load_entry(&mut self, content: &Library, e: &Entry) {
        self.closeness = Some(e.closeness);
        self.stress = e.stress;
        if let Some(f) = &e.followup {
            self.outcome = f.outcome;
            self.noticed = editor(&f.noticed, NOTICED_HINT);
        }
        if let Some(r) = &e.reflection {
            self.set_prompt_id(content, &r.prompt_id, &r.prompt);
            self.reflection = editor(&r.answer, REFLECTION_HINT);
        }
        if let Some(a) = &e.appreciation {
            self.appreciation = editor(a, APPRECIATION_HINT);
        }
        match &e.small_act {
            Some(SmallAct {
                card_id: Some(id), ..
            }) => {
                self.put_card_first(content, id);
                self.card_pos = 0;
                self.act = ActChoice::Card(id.clone());
            }
            Some(SmallAct {
                card_id: None,
                text,
            }) => {
                self.own_act = editor(text, OWN_ACT_HINT);
                self.act = ActChoice::Own;
            }
            // The evening planned nothing: going through again keeps it so.
            None => self.act = ActChoice::Nothing,
        }
    }

    pub(super) fn load_draft(&mut self, content: &Library, d: &Draft) {
        self.step = d.step;
        if matches!(self.step, Step::Summary | Step::Share) {
            self.step = Step::SmallAct;
        }
        if matches!(self.step, Step::Followup | Step::Noticed) && self.planned.is_none() {
            self.step = Step::Reflection;
        }
        self.closeness = d.closeness;
        self.stress = d.stress;
        self.outcome = d.outcome;
        self.noticed = editor(&d.noticed, NOTICED_HINT);
        if let (Some(id), Some(text)) = (&d.prompt_id, &d.prompt) {
            self.set_prompt_id(content, id, text);
            let past_it = matches!(
                d.step,
                Step::Reflection
                    | Step::Appreciation
                    | Step::SmallAct
                    | Step::OwnAct
                    | Step::Summary
            );
            if past_it && self.original.is_none() {
                self.note_shown();
            }
        }
        self.reflection = editor(&d.reflection, REFLECTION_HINT);
        self.appreciation = editor(&d.appreciation, APPRECIATION_HINT);
        self.own_act = editor(&d.own_act, OWN_ACT_HINT);
        self.card_pos = d.card_pos.min(self.card_order.len().saturating_sub(1));
        self.act = d.act.clone();
        if let ActChoice::Card(id) = &d.act {
            self.put_card_first(content, id);
            self.card_pos = 0;
        }
    }

    /// The check-in as it stands, as a draft.
    pub fn draft(&self, now: DateTime<FixedOffset>) -> Draft {
        Draft {
            date: self.date,
            saved_at: now,
            step: self.step,
            closeness: self.closeness,
            stress: self.stress,
            outcome: self.outcome,
            noticed: text_of(&self.noticed),
            prompt_id: Some(self.prompt.0.clone()),
            prompt: Some(self.prompt.1.clone()),
            reflection: text_of(&self.reflection),
            appreciation: text_of(&self.appreciation),
            act: self.act.clone(),
            own_act: text_of(&self.own_act),
            card_pos: self.card_pos,
        }
    }

    /// Whether the answers differ from those the check-in opened with.
    pub fn changed(&self, now: DateTime<FixedOffset>) -> bool {
        !self.draft(now).same_answers(&self.baseline)
    }

    /// Bring `drafts` up to date with this check-in: its evening's draft holds the answers
    /// as they now stand, unless nothing changed since it opened (then the drafts stay as
    /// they were when it opened). Returns whether `drafts` changed.
    pub fn keep_in(&self, drafts: &mut Drafts, now: DateTime<FixedOffset>) -> bool {
        if self.saved {
            return false;
        }
        let want = if self.changed(now) {
            Some(self.draft(now))
        } else {
            self.from_draft.clone()
        };
        let have = drafts.get(self.date);
        let same = match (&want, have) {
            (None, None) => true,
            (Some(w), Some(h)) => w.same_answers(h) && w.step == h.step,
            _ => false,
        };
        if same {
            return false;
        }
        match want {
            Some(d) => drafts.put(d),
            None => {
                drafts.remove(self.date);
            }
        }
        true
    }

    /// Keep the drafts up to date with this check-in: ask for its evening's draft to hold
    /// the answers as they stand, or for none when nothing changed.
    pub(super) fn keep_draft(&mut self, cx: &mut Cx) {
        let mut drafts = cx.drafts.clone();
        if self.keep_in(&mut drafts, cx.now) {
            cx.ask(match drafts.get(self.date) {
                Some(d) => Intent::KeepDraft(d.clone()),
                None => Intent::DropDraft(self.date),
            });
        }
        self.dirty = false;
    }
}
