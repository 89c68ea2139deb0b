//! The evening check-in: arrive, closeness, stress, yesterday's act, the reflection, one
//! good thing, the small act for the day after, and a summary. Every step but the rating
//! can be skipped; Esc goes back a step and keeps what was typed.
//!
//! What the person typed is kept three ways, so that nothing is lost by the check-in's own
//! logic: the boxes hold it while the check-in is open; every evening's unfinished check-in
//! is its own draft (`Drafts`), written as the person moves between steps and in quiet
//! moments; and a saved evening is in the journal. Opening a saved evening again shows
//! exactly what was saved, and pressing enter through every step saves exactly that.

mod commands;
mod drafting;
mod saving;
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

const NOTICED_HINT: &str = "A few words, or none.";
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
