//! What a together evening saves (each voice under its name, only the words each chose
//! to keep) and what it keeps as a draft on the way.

use super::*;

impl TogetherEvening {
    /// The evening as an entry: the owner's solo answers as they were (if they checked in
    /// alone too), with both voices beside them.
    pub fn entry(&self, journal: &Journal, now: DateTime<FixedOffset>) -> Entry {
        let together = Together {
            prompt_id: self.prompt.0.clone(),
            prompt: self.prompt.1.clone(),
            owner: self.owner.voice(),
            partner: self.partner.voice(),
            act_together: (self.owner.keep || self.partner.keep)
                .then(|| text_of(&self.act_together))
                .filter(|t| !t.trim().is_empty()),
        };
        match journal.entry(self.date) {
            Some(e) => Entry {
                updated: now,
                together: Some(together),
                ..e.clone()
            },
            None => Entry {
                date: self.date,
                created: now,
                updated: now,
                closeness: together.owner.closeness,
                stress: None,
                followup: None,
                reflection: None,
                appreciation: None,
                small_act: together.owner.small_act.clone().map(|text| SmallAct {
                    card_id: None,
                    text,
                }),
                starred: false,
                shown: Vec::new(),
                together: Some(together),
            },
        }
    }

    pub(super) fn save(&mut self, cx: &mut Cx) {
        let entry = self.entry(cx.journal, cx.now);
        cx.ask(Intent::SaveEntry(Box::new(entry)));
        self.saved = true;
        self.dirty = false;
        if cx.drafts.together(self.date).is_some() {
            cx.ask(Intent::DropTogetherDraft(self.date));
        }
        self.from_draft = None;
    }

    /// The draft of the evening as it stands.
    pub fn draft(&self, now: DateTime<FixedOffset>) -> TogetherDraft {
        TogetherDraft::of(self, now)
    }

    /// Whether anything was chosen or typed.
    pub fn has_answers(&self) -> bool {
        [&self.owner, &self.partner]
            .iter()
            .any(|p| p.closeness.is_some() || p.followup.is_some() || !p.texts().is_empty())
            || !text_of(&self.act_together).is_empty()
    }

    /// Bring `drafts` up to date with this evening. Returns whether they changed.
    pub fn keep_in(&self, drafts: &mut crate::journal::Drafts, now: DateTime<FixedOffset>) -> bool {
        if self.saved {
            return false;
        }
        let want = if self.has_answers() {
            Some(self.draft(now))
        } else {
            self.from_draft.clone()
        };
        let have = drafts.together(self.date);
        let same = match (&want, have) {
            (None, None) => true,
            (Some(w), Some(h)) => w.same_as(h),
            _ => false,
        };
        if same {
            return false;
        }
        match want {
            Some(d) => drafts.put_together(d),
            None => {
                drafts.remove_together(self.date);
            }
        }
        true
    }

    pub(super) fn keep_draft(&mut self, cx: &mut Cx) {
        let mut drafts = cx.drafts.clone();
        if self.keep_in(&mut drafts, cx.now) {
            cx.ask(match drafts.together(self.date) {
                Some(d) => Intent::KeepTogetherDraft(Box::new(d.clone())),
                None => Intent::DropTogetherDraft(self.date),
            });
        }
        self.dirty = false;
    }
}
