//! The evening check-in: arrive, closeness, stress, yesterday's act, the reflection, one
//! good thing, the small act for the day after, and a summary. Every step but the rating
//! can be skipped; Esc goes back a step and keeps what was typed.
//!
//! What the person typed is kept three ways, so that nothing is lost by the check-in's own
//! logic: the boxes hold it while the check-in is open; every evening's unfinished check-in
//! is its own draft (`Drafts`), written as the person moves between steps and in quiet
//! moments; and a saved evening is in the journal. Opening a saved evening again shows
//! exactly what was saved, and pressing enter through every step saves exactly that.

mod share;
mod view;
pub mod words;

pub use share::Linked;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use ratatui::crossterm::event::KeyEvent;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Padding};
use ratatui_textarea::{TextArea, WrapMode};

use crate::content::Library;
use crate::evening::{arrive_line, line_of_the_day};
use crate::journal::{
    ActChoice, Draft, Drafts, Entry, Followup, Journal, Outcome, Reflection, SmallAct, Step,
};
use crate::protocol::{Command, Context, Cx, Destination, Intent};
use crate::suggest::{Mood, card_order, prompts};

pub use crate::journal::STRESS_WORDS;

/// The most one text box holds: a quarter of a million characters (about 40,000 words, a
/// short book), far more than an evening's writing, and little enough that every key stays
/// quick (the editor lays out its whole text at each key). A paste that would go past it is
/// refused with a message, and nothing already typed is touched.
pub const MAX_BOX_CHARS: usize = 250_000;

/// A question the check-in asks before doing something that would take words away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// `ctrl+n` with an answer typed: another question would leave the answer under a
    /// question it does not answer.
    AnotherPrompt,
}

#[derive(Debug, Clone)]
pub struct Checkin {
    /// The evening this check-in is for.
    pub date: NaiveDate,
    /// The entry of that evening as it was when the check-in opened (to change it).
    original: Option<Entry>,
    /// The draft the check-in was opened from, if any.
    from_draft: Option<Draft>,
    /// The answers as the check-in opened: from the draft, the entry, or none. Leaving
    /// with the same answers leaves the drafts as they were.
    baseline: Draft,
    pub step: Step,
    pub closeness: Option<u8>,
    pub stress: Option<u8>,
    /// The act planned the evening before, to follow up.
    pub planned: Option<SmallAct>,
    pub outcome: Option<Outcome>,
    pub noticed: TextArea<'static>,
    prompt_order: Vec<usize>,
    prompt_pos: usize,
    /// The prompt being answered: id and text as asked.
    pub prompt: (String, String),
    /// The prompts shown this evening, in order: what the saved entry showed, then those
    /// passed over with ctrl+n, and the one on screen at the reflection step.
    shown: Vec<String>,
    /// How many evenings were checked in before this one.
    evenings: usize,
    pub reflection: TextArea<'static>,
    pub appreciation: TextArea<'static>,
    card_order: Vec<usize>,
    pub card_pos: usize,
    pub act: ActChoice,
    pub own_act: TextArea<'static>,
    arrive_line: String,
    self_compassion: String,
    /// A short message under the step (e.g. "choose a picture first").
    hint: Option<String>,
    /// A question on screen, waiting for an answer.
    pub ask: Option<Ask>,
    /// Changed since the draft was last kept.
    dirty: bool,
    /// This evening's entry is saved and nothing changed since.
    pub saved: bool,
    /// Opened from looking back: when done, go back there rather than home.
    pub back_when_done: bool,
    /// Linked with a partner: the share step comes last, and the question is the couple's.
    pub linked: Option<Linked>,
}

pub(crate) fn editor(text: &str, placeholder: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut ta = TextArea::new(lines);
    ta.set_wrap_mode(WrapMode::WordOrGlyph);
    ta.set_placeholder_text(placeholder);
    ta.set_cursor_line_style(ratatui::style::Style::default());
    ta.set_cursor_style(ratatui::style::Style::default().add_modifier(Modifier::REVERSED));
    ta.set_block(
        Block::default()
            .borders(Borders::ALL)
            .padding(Padding::horizontal(1)),
    );
    ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
    ta.move_cursor(ratatui_textarea::CursorMove::End);
    ta
}

/// The text of a box as it is kept: trailing spaces and blank lines dropped.
pub(crate) fn text_of(ta: &TextArea) -> String {
    let joined = ta.lines().join("\n");
    joined.trim_end().to_string()
}

pub(crate) fn box_chars(ta: &TextArea) -> usize {
    ta.lines().iter().map(|l| l.chars().count() + 1).sum()
}

/// A paste as the box takes it (line ends as `\n`), or `None` when it would take the box
/// past [`MAX_BOX_CHARS`]. A paste far too long is refused before it is read through: a
/// character is at most four bytes, and a line end at most two, so more than eight bytes a
/// character of room cannot fit.
pub(crate) fn paste_fits(ta: &TextArea, text: &str) -> Option<String> {
    let room = MAX_BOX_CHARS.saturating_sub(box_chars(ta));
    if text.len() / 8 > room {
        return None;
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    (text.chars().count() <= room).then_some(text)
}

fn non_empty(s: String) -> Option<String> {
    if s.trim().is_empty() { None } else { Some(s) }
}

const NOTICED_HINT: &str = "What did you notice? (optional)";
const REFLECTION_HINT: &str = "Write as much or as little as you like.";
const APPRECIATION_HINT: &str = "A sentence or two is plenty.";
const OWN_ACT_HINT: &str = "One thing you will do, in your own words.";

impl Checkin {
    /// Open the check-in for `date`: the entry of that evening if there is one (to change
    /// it), then that evening's draft over it if the draft is newer; else a fresh one.
    pub fn new(
        content: &Library,
        journal: &Journal,
        date: NaiveDate,
        draft: Option<&Draft>,
        now: DateTime<FixedOffset>,
    ) -> Checkin {
        Checkin::new_linked(content, journal, date, draft, now, None)
    }

    /// As [`Checkin::new`], for a journal linked with a partner: the evening ends with what
    /// it shares, and once the partner is confirmed the question is the couple's (the same
    /// on both machines: see [`prompts::couple_order`]).
    pub fn new_linked(
        content: &Library,
        journal: &Journal,
        date: NaiveDate,
        draft: Option<&Draft>,
        now: DateTime<FixedOffset>,
        partner: Option<&crate::link::partner::Partner>,
    ) -> Checkin {
        let linked = partner.filter(|p| p.shares()).map(|p| Linked {
            partner: journal.preferences.about.partner().to_string(),
            share: journal.preferences.sharing.of(date),
            seed: p.seed,
            history: std::sync::Arc::new(p.history()),
        });
        let existing = journal.entry(date);
        let yesterday = date - Duration::days(1);
        let planned = existing
            .and_then(|e| e.followup.as_ref().map(|f| f.planned.clone()))
            .or_else(|| journal.entry(yesterday).and_then(|e| e.small_act.clone()))
            .or_else(|| {
                (journal.preferences.planned.as_ref())
                    .filter(|p| p.date == yesterday)
                    .map(|p| p.act.clone())
            });
        let prompts = order_for(content, journal, date, Mood::UNKNOWN, linked.as_ref());
        let cards = card_order(content, journal, date);
        let mut c = Checkin {
            date,
            original: existing.cloned(),
            from_draft: None,
            baseline: Draft::new(date, now),
            step: Step::Arrive,
            closeness: None,
            stress: None,
            planned,
            outcome: None,
            noticed: editor("", NOTICED_HINT),
            prompt_order: prompts,
            prompt_pos: 0,
            prompt: (String::new(), String::new()),
            shown: existing.map_or_else(Vec::new, |e| {
                e.shown_prompts().map(str::to_string).collect()
            }),
            evenings: prompts::evenings_before(journal, date),
            reflection: editor("", REFLECTION_HINT),
            appreciation: editor("", APPRECIATION_HINT),
            card_order: cards,
            card_pos: 0,
            act: ActChoice::Undecided,
            own_act: editor("", OWN_ACT_HINT),
            arrive_line: String::new(),
            self_compassion: line_of_the_day(
                &content.lines.self_compassion,
                date,
                crate::evening::SELF_COMPASSION,
            )
            .unwrap_or("A hard day is not a verdict on you.")
            .to_string(),
            hint: None,
            ask: None,
            dirty: false,
            saved: false,
            back_when_done: false,
            linked,
        };
        c.arrive_line = c.choose_arrive_line(content, now);
        c.set_prompt_from_order(content);
        // A card chosen in the library for tomorrow comes first (unless it involves the
        // partner and the person has since asked for solo cards only).
        let planned_tonight = journal
            .preferences
            .planned
            .as_ref()
            .filter(|p| p.date == date);
        if let Some(id) = planned_tonight.and_then(|p| p.act.card_id.as_deref())
            && content
                .card(id)
                .is_some_and(|card| super::library::allowed(card, journal))
        {
            c.put_card_first(content, id);
        }
        if let Some(e) = existing {
            c.load_entry(content, e);
        }
        c.baseline = c.draft(now);
        if let Some(d) = draft.filter(|d| d.date == date && d.problem().is_none()) {
            // A draft is what the person wrote after the entry was last saved (a save that
            // failed, a check-in left half-way): it wins over the entry. One older than
            // the entry was superseded by it.
            if existing.is_none_or(|e| d.saved_at > e.updated) {
                c.load_draft(content, d);
                c.from_draft = Some(d.clone());
                c.baseline = d.clone();
            }
        }
        c
    }

    /// The grounding line: a milestone's, a season's now and then, or the day's own.
    fn choose_arrive_line(&self, content: &Library, now: DateTime<FixedOffset>) -> String {
        let lines = &content.lines;
        let tonight = crate::evening::evening_of(now);
        if self.date < tonight {
            return line_of_the_day(&lines.arrive_past, self.date, crate::evening::ARRIVE)
                .unwrap_or("Think back to that evening, as it was.")
                .to_string();
        }
        arrive_line(lines, self.date, self.evenings)
            .unwrap_or("Take a moment to arrive.")
            .to_string()
    }

    /// How the evening felt, as rated so far.
    pub fn mood(&self) -> Mood {
        Mood {
            closeness: self.closeness,
            stress: self.stress,
        }
    }

    /// The ratings make this a very distant or very stressful evening.
    pub fn hard_evening(&self) -> bool {
        self.mood().hard()
    }

    /// The reflection step is on screen: on a hard evening, a question it allows in place
    /// of one it does not (unless words are typed under it), and the question is shown.
    fn reach_reflection(&mut self, content: &Library, journal: &Journal) {
        let mood = self.mood();
        if mood.hard() && text_of(&self.reflection).is_empty() {
            let evening = prompts::Evening::of(journal, self.date, mood);
            let fits = content
                .prompt(&self.prompt.0)
                .is_some_and(|p| evening.allows(p));
            if !fits {
                self.prompt_order =
                    order_for(content, journal, self.date, mood, self.linked.as_ref());
                self.prompt_pos = 0;
                self.set_prompt_from_order(content);
            }
        }
        // A saved evening opened again changes only by what the person does: passing a
        // question over, or answering one.
        if self.original.is_none() {
            self.note_shown();
        }
    }

    fn note_shown(&mut self) {
        let id = &self.prompt.0;
        if !id.is_empty() && !self.shown.contains(id) {
            self.shown.push(id.clone());
        }
    }

    fn put_card_first(&mut self, content: &Library, id: &str) {
        if let Some(i) = content.cards.iter().position(|card| card.id == id) {
            self.card_order.retain(|&j| j != i);
            self.card_order.insert(0, i);
        }
    }

    fn set_prompt_from_order(&mut self, content: &Library) {
        if self.prompt_order.is_empty() {
            self.prompt = (
                String::new(),
                "What stayed with you from today?".to_string(),
            );
            return;
        }
        let p = &content.prompts[self.prompt_order[self.prompt_pos % self.prompt_order.len()]];
        self.prompt = (p.id.clone(), p.text.clone());
    }

    fn set_prompt_id(&mut self, content: &Library, id: &str, text: &str) {
        if let Some(pos) = (content.prompts.iter().position(|p| p.id == id))
            .and_then(|i| self.prompt_order.iter().position(|&j| j == i))
        {
            self.prompt_pos = pos;
        }
        self.prompt = (id.to_string(), text.to_string());
    }

    fn load_entry(&mut self, content: &Library, e: &Entry) {
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

    fn load_draft(&mut self, content: &Library, d: &Draft) {
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
    fn keep_draft(&mut self, cx: &mut Cx) {
        let mut drafts = cx.drafts.clone();
        if self.keep_in(&mut drafts, cx.now) {
            cx.ask(match drafts.get(self.date) {
                Some(d) => Intent::KeepDraft(d.clone()),
                None => Intent::DropDraft(self.date),
            });
        }
        self.dirty = false;
    }

    /// The steps of this check-in, in order (yesterday's only when something was planned).
    fn steps(&self) -> Vec<Step> {
        let mut steps = vec![Step::Arrive, Step::Closeness, Step::Stress];
        if self.planned.is_some() {
            steps.extend([Step::Followup, Step::Noticed]);
        }
        steps.extend([Step::Reflection, Step::Appreciation, Step::SmallAct]);
        if self.act == ActChoice::Own || self.step == Step::OwnAct {
            steps.push(Step::OwnAct);
        }
        if self.linked.is_some() {
            steps.push(Step::Share);
        }
        steps.push(Step::Summary);
        steps
    }

    /// The steps as the title counts them: yesterday's two parts are one, the own-words
    /// box is part of the small act, and the summary is not a step.
    fn counted_steps(&self) -> Vec<Step> {
        let mut v = vec![Step::Arrive, Step::Closeness, Step::Stress];
        if self.planned.is_some() {
            v.push(Step::Followup);
        }
        v.extend([Step::Reflection, Step::Appreciation, Step::SmallAct]);
        if self.linked.is_some() {
            v.push(Step::Share);
        }
        v
    }

    /// The step after tomorrow's act: what is shared, when linked, else the summary.
    fn after_act(&self) -> Step {
        if self.linked.is_some() {
            Step::Share
        } else {
            Step::Summary
        }
    }

    /// "n of m" for the title.
    pub fn progress(&self) -> (usize, usize) {
        let shown = self.counted_steps();
        let current = match self.step {
            Step::Noticed => Step::Followup,
            Step::OwnAct => Step::SmallAct,
            s => s,
        };
        let n = shown.iter().position(|&s| s == current).unwrap_or(0) + 1;
        (n, shown.len())
    }

    pub fn context(&self) -> Context {
        if self.ask.is_some() {
            return Context::Confirm;
        }
        match self.step {
            Step::Arrive => Context::CheckinArrive,
            Step::Closeness => Context::CheckinRating,
            Step::Stress | Step::Followup => Context::CheckinChoice,
            Step::Reflection => Context::CheckinPrompt,
            Step::Noticed | Step::Appreciation | Step::OwnAct => Context::CheckinText,
            Step::SmallAct => Context::CheckinAct,
            Step::Share => Context::CheckinShare,
            Step::Summary => Context::CheckinDone,
        }
    }

    fn editor_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self.step {
            Step::Noticed => Some(&mut self.noticed),
            Step::Reflection => Some(&mut self.reflection),
            Step::Appreciation => Some(&mut self.appreciation),
            Step::OwnAct => Some(&mut self.own_act),
            _ => None,
        }
    }

    fn go(&mut self, step: Step, cx: &mut Cx) {
        let was = self.step;
        self.step = step;
        self.hint = None;
        if step == Step::Reflection && was != step {
            self.reach_reflection(cx.content, cx.journal);
        }
        if step == Step::Summary {
            self.save(cx);
        } else if was != step {
            self.keep_draft(cx);
        }
    }

    fn forward(&mut self, cx: &mut Cx) {
        let steps = self.steps();
        let i = steps.iter().position(|&s| s == self.step).unwrap_or(0);
        let mut next = steps.get(i + 1).copied().unwrap_or(Step::Summary);
        if next == Step::OwnAct && self.act != ActChoice::Own {
            next = self.after_act();
        }
        self.go(next, cx);
    }

    fn backward(&mut self, cx: &mut Cx) {
        let steps = self.steps();
        let i = steps.iter().position(|&s| s == self.step).unwrap_or(0);
        if i == 0 {
            self.keep_draft(cx);
            cx.ask(Intent::Back);
            return;
        }
        let mut prev = steps[i - 1];
        if prev == Step::OwnAct
            && matches!(self.step, Step::Summary | Step::Share)
            && self.act != ActChoice::Own
        {
            prev = Step::SmallAct;
        }
        if self.step == Step::Summary {
            self.saved = false;
        }
        self.go(prev, cx);
    }

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

    fn save(&mut self, cx: &mut Cx) {
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

    /// Whether a check-in was saved for an evening that already had an entry.
    pub fn editing(&self) -> bool {
        self.original.is_some()
    }

    fn choice_count(&self) -> u8 {
        match self.step {
            Step::Closeness => 7,
            Step::Stress => 5,
            Step::Followup => 3,
            _ => 0,
        }
    }

    fn choose(&mut self, n: u8) {
        match self.step {
            Step::Closeness => self.closeness = Some(n),
            Step::Stress => self.stress = Some(n),
            Step::Followup => self.outcome = Some(Outcome::ALL[usize::from(n - 1)]),
            _ => return,
        }
        self.hint = None;
        self.saved = false;
        self.dirty = true;
    }

    /// The choice on screen in a choice step, 1-based.
    pub fn current_choice(&self) -> Option<u8> {
        match self.step {
            Step::Closeness => self.closeness,
            Step::Stress => self.stress,
            Step::Followup => self
                .outcome
                .and_then(|o| Outcome::ALL.iter().position(|&a| a == o))
                .map(|i| i as u8 + 1),
            _ => None,
        }
    }

    fn step_choice(&mut self, delta: i8) {
        let count = self.choice_count();
        if count == 0 {
            return;
        }
        let next = match self.current_choice() {
            None if delta < 0 => count,
            None => 1,
            Some(c) => (c as i8 + delta).clamp(1, count as i8) as u8,
        };
        self.choose(next);
    }

    /// Whether a command does something in the check-in as it now stands (help and the
    /// footer show only those).
    pub fn handles(&self, command: Command) -> bool {
        if self.ask.is_some() {
            return matches!(command, Command::Choose(1 | 2) | Command::Back);
        }
        match (self.step, command) {
            (_, Command::Back) => true,
            (Step::Arrive, Command::Prev) => false,
            (_, Command::Prev) => true,
            (Step::Arrive, Command::Breathe | Command::Next) => true,
            (Step::Closeness | Step::Stress | Step::Followup, Command::Left) => {
                self.current_choice().is_none_or(|c| c > 1)
            }
            (Step::Closeness | Step::Stress | Step::Followup, Command::Right) => self
                .current_choice()
                .is_none_or(|c| c < self.choice_count()),
            (Step::Closeness | Step::Stress | Step::Followup, Command::Choose(n)) => {
                n <= self.choice_count()
            }
            (Step::Closeness, Command::Next) => true,
            (Step::Closeness, Command::Skip) => false,
            (Step::Stress | Step::Followup, Command::Next | Command::Skip) => true,
            (Step::Noticed | Step::Appreciation | Step::OwnAct, Command::Next) => true,
            (Step::Reflection, Command::Next) => true,
            (Step::Reflection, Command::Another) => !self.prompt_order.is_empty(),
            (Step::Noticed | Step::Reflection | Step::Appreciation | Step::OwnAct, c) => {
                matches!(c, Command::NewLine | Command::Type)
            }
            (Step::SmallAct, Command::Another | Command::Left) => self.card_order.len() > 1,
            (
                Step::SmallAct,
                Command::Next | Command::Library | Command::OwnWords | Command::Skip,
            ) => true,
            (Step::Summary, Command::Open | Command::Edit) => true,
            (Step::Share, Command::Choose(n)) => (1..=4).contains(&n),
            (Step::Share, Command::Next) => true,
            _ => false,
        }
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        if let Some(ask) = self.ask {
            return self.answer(ask, command, cx);
        }
        match (self.step, command) {
            (_, Command::Back) => self.backward(cx),
            (_, Command::Prev) => self.backward(cx),
            (Step::Arrive, Command::Breathe) => cx.ask(Intent::Open(Destination::Pause)),
            (Step::Closeness, Command::Next) if self.closeness.is_none() => {
                self.hint = Some("Choose the picture that fits first: ← → or 1 to 7.".into());
            }
            (_, Command::Left) if self.choice_count() > 0 => self.step_choice(-1),
            (_, Command::Right) if self.choice_count() > 0 => self.step_choice(1),
            (_, Command::Choose(n)) if n >= 1 && n <= self.choice_count() => self.choose(n),
            (Step::Stress, Command::Skip) => {
                self.stress = None;
                self.forward(cx);
            }
            (Step::Followup, Command::Skip) => {
                self.outcome = None;
                self.forward(cx);
            }
            (Step::SmallAct, Command::Another) => self.next_card(1),
            (Step::SmallAct, Command::Left) => self.next_card(-1),
            (Step::SmallAct, Command::Next) => match &self.act {
                // What the person chose before stays chosen.
                ActChoice::Own if text_of(&self.own_act).is_empty() => self.go(Step::OwnAct, cx),
                ActChoice::Own => self.go(self.after_act(), cx),
                ActChoice::Nothing => self.go(self.after_act(), cx),
                _ => {
                    if let Some(card) = self.suggested(cx.content) {
                        self.act = ActChoice::Card(card.id.clone());
                    } else {
                        self.act = ActChoice::Nothing;
                    }
                    self.go(self.after_act(), cx);
                }
            },
            (Step::SmallAct, Command::Library) => {
                cx.ask(Intent::Open(Destination::Library { pick: true }));
            }
            (Step::SmallAct, Command::OwnWords) => {
                self.act = ActChoice::Own;
                self.go(Step::OwnAct, cx);
            }
            (Step::SmallAct, Command::Skip) => {
                self.act = ActChoice::Nothing;
                self.go(self.after_act(), cx);
            }
            (Step::OwnAct, Command::Next) => {
                if text_of(&self.own_act).is_empty() {
                    self.act = ActChoice::Nothing;
                }
                self.go(self.after_act(), cx);
            }
            (Step::Reflection, Command::Another) if !self.prompt_order.is_empty() => {
                if text_of(&self.reflection).is_empty() {
                    self.another_prompt(cx);
                } else {
                    self.ask = Some(Ask::AnotherPrompt);
                }
            }
            (Step::Summary, Command::Open) if self.back_when_done => cx.ask(Intent::Back),
            (Step::Summary, Command::Open) => cx.ask(Intent::Home),
            (Step::Summary, Command::Edit) => {
                self.saved = false;
                self.go(Step::Closeness, cx);
            }
            (Step::Summary, _) => {}
            (Step::Share, Command::Choose(n)) => self.toggle_share(n),
            (Step::Share, Command::Next) => self.go(Step::Summary, cx),
            (_, Command::NewLine) => {
                if let Some(ed) = self.editor_mut() {
                    ed.insert_newline();
                    self.dirty = true;
                    self.saved = false;
                }
            }
            (Step::Closeness, Command::Skip) => {}
            (_, Command::Next | Command::Skip) => self.forward(cx),
            _ => {}
        }
    }

    fn another_prompt(&mut self, cx: &mut Cx) {
        // The one passed over was shown; so is the one that follows.
        self.note_shown();
        self.prompt_pos = (self.prompt_pos + 1) % self.prompt_order.len();
        self.set_prompt_from_order(cx.content);
        self.note_shown();
        self.dirty = true;
        self.saved = false;
    }

    fn answer(&mut self, ask: Ask, command: Command, cx: &mut Cx) {
        match (ask, command) {
            (Ask::AnotherPrompt, Command::Choose(1)) => {
                self.ask = None;
                self.reflection = editor("", REFLECTION_HINT);
                self.another_prompt(cx);
                self.keep_draft(cx);
            }
            (Ask::AnotherPrompt, Command::Choose(2) | Command::Back) => self.ask = None,
            _ => {}
        }
    }

    /// A card chosen in the library for tomorrow: it becomes the act, and the check-in goes
    /// on to its summary (which saves).
    pub fn pick_card(&mut self, id: &str, cx: &mut Cx) {
        if self.step != Step::SmallAct || cx.content.card(id).is_none() {
            return;
        }
        self.put_card_first(cx.content, id);
        self.card_pos = 0;
        self.act = ActChoice::Card(id.to_string());
        self.go(self.after_act(), cx);
    }

    fn next_card(&mut self, delta: isize) {
        if self.card_order.is_empty() {
            return;
        }
        let len = self.card_order.len() as isize;
        // From the person's own words or "nothing", the first suggestion comes first.
        if matches!(self.act, ActChoice::Own | ActChoice::Nothing) {
            self.act = ActChoice::Undecided;
            self.dirty = true;
            return;
        }
        self.card_pos = ((self.card_pos as isize + delta).rem_euclid(len)) as usize;
        self.act = ActChoice::Undecided;
        self.dirty = true;
    }

    /// The card on screen in the small-act step, when a card is shown there.
    pub fn suggested<'a>(&self, content: &'a Library) -> Option<&'a crate::content::Card> {
        match &self.act {
            ActChoice::Card(id) => {
                if let Some(card) = content.card(id) {
                    return Some(card);
                }
            }
            ActChoice::Own | ActChoice::Nothing => return None,
            ActChoice::Undecided => {}
        }
        self.card_order
            .get(self.card_pos)
            .map(|&i| &content.cards[i])
    }

    pub fn on_text(&mut self, key: KeyEvent, _cx: &mut Cx) {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        let Some(ed) = self.editor_mut() else {
            return;
        };
        let full = box_chars(ed) >= MAX_BOX_CHARS;
        // The undo and redo people expect, besides the editor's own keys.
        let changed = match (key.code, key.modifiers) {
            (KeyCode::Char('z'), KeyModifiers::CONTROL) => ed.undo(),
            (KeyCode::Char('y'), KeyModifiers::CONTROL) => ed.redo(),
            (KeyCode::Char(_) | KeyCode::Enter | KeyCode::Tab, m)
                if full && !m.contains(KeyModifiers::CONTROL) =>
            {
                self.hint = Some(full_box_hint());
                return;
            }
            _ => ed.input(key),
        };
        if changed {
            self.dirty = true;
            self.saved = false;
        }
    }

    pub fn on_paste(&mut self, text: &str, _cx: &mut Cx) {
        let Some(ed) = self.editor_mut() else {
            return;
        };
        let Some(text) = paste_fits(ed, text) else {
            self.hint = Some(full_box_hint());
            return;
        };
        ed.insert_str(text);
        self.dirty = true;
        self.saved = false;
    }

    /// A quiet moment: keep the draft up to date.
    pub fn on_tick(&mut self, cx: &mut Cx) {
        if self.dirty && !self.saved {
            self.keep_draft(cx);
        }
    }
}

/// The prompts in the order offered: the couple's, once linked and confirmed, else this
/// journal's own.
fn order_for(
    content: &Library,
    journal: &Journal,
    date: NaiveDate,
    mood: Mood,
    linked: Option<&Linked>,
) -> Vec<usize> {
    match linked.and_then(|l| l.seed.map(|s| (s, l))) {
        Some((seed, l)) => prompts::couple_order(content, &l.history, date, seed, mood),
        None => prompts::for_journal(content, journal, date, mood),
    }
}

fn full_box_hint() -> String {
    format!(
        "This box holds at most {} characters; nothing more was added. Your words so far \
         are all kept.",
        crate::ui::text::count(MAX_BOX_CHARS)
    )
}
