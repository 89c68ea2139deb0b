//! The evening a check-in saves: its entry as the person left it, and the save.

use super::*;

impl Checkin {
    /// The entry as the answers now stand. What is unchanged since the entry was opened is
    /// kept exactly as it was (the card's title as it was then, the question as asked).
    pub fn entry(&self, content: &Library, now: DateTime<FixedOffset>) -> Option<Entry> {
        let closeness = self.closeness?;
        let original = self.original.as_ref();
        let small_act = match &self.act {
            ActChoice::Card(id) => Some(
                original
                    .and_then(|e| e.small_act.clone())
                    .filter(|a| a.card_id.as_deref() == Some(id))
                    .unwrap_or_else(|| SmallAct {
                        card_id: Some(id.clone()),
                        text: content
                            .card(id)
                            .map_or_else(|| id.clone(), |c| c.title.clone()),
                    }),
            ),
            ActChoice::Own => non_empty(text_of(&self.own_act)).map(|text| SmallAct {
                card_id: None,
                text,
            }),
            ActChoice::Nothing | ActChoice::Undecided => None,
        };
        let keep = |old: Option<&String>, new: String| -> String {
            match old {
                Some(o) if o.trim_end() == new => o.clone(),
                _ => new,
            }
        };
        let reflection = non_empty(text_of(&self.reflection)).map(|answer| Reflection {
            prompt_id: self.prompt.0.clone(),
            prompt: self.prompt.1.clone(),
            answer: keep(
                original
                    .and_then(|e| e.reflection.as_ref())
                    .map(|r| &r.answer),
                answer,
            ),
        });
        let appreciation = non_empty(text_of(&self.appreciation))
            .map(|a| keep(original.and_then(|e| e.appreciation.as_ref()), a));
        let mut shown = self.shown.clone();
        if let Some(r) = &reflection
            && !r.prompt_id.is_empty()
            && !shown.contains(&r.prompt_id)
        {
            shown.push(r.prompt_id.clone());
        }
        // Kept only when it says more than the reflection does (see `Entry::shown`).
        if let ([only], Some(r)) = (shown.as_slice(), &reflection)
            && *only == r.prompt_id
        {
            shown.clear();
        }
        Some(Entry {
            date: self.date,
            created: original.map_or(now, |e| e.created),
            updated: now,
            closeness,
            stress: self.stress,
            followup: self.planned.as_ref().map(|planned| Followup {
                planned: planned.clone(),
                outcome: self.outcome,
                noticed: keep(
                    original
                        .and_then(|e| e.followup.as_ref())
                        .map(|f| &f.noticed),
                    text_of(&self.noticed),
                ),
            }),
            reflection,
            appreciation,
            small_act,
            starred: original.is_some_and(|e| e.starred),
            // A together evening's voices stay as they were.
            together: original.and_then(|e| e.together.clone()),
            shown,
        })
    }

    pub(super) fn save(&mut self, cx: &mut Cx) {
        let Some(mut entry) = self.entry(cx.content, cx.now) else {
            return;
        };
        let date = self.date;
        if let Some(share) = self.share() {
            cx.ask(Intent::SetShare(date, share));
        }
        // Going through an evening without changing it changes nothing, not even the time
        // it was last changed.
        let unchanged = self.original.as_ref().is_some_and(|o| {
            entry.updated = o.updated;
            *o == entry
        });
        if unchanged {
            // A card planned for this evening is done with all the same.
            if cx
                .journal
                .preferences
                .planned
                .as_ref()
                .is_some_and(|p| p.date <= date)
            {
                cx.ask(Intent::Plan(None));
            }
        } else {
            entry.updated = cx.now;
            cx.ask(Intent::SaveEntry(Box::new(entry.clone())));
        }
        self.original = Some(entry);
        self.saved = true;
        self.dirty = false;
        self.from_draft = None;
        self.baseline = self.draft(cx.now);
        if cx.drafts.get(date).is_some() {
            cx.ask(Intent::DropDraft(date));
        }
    }
}
