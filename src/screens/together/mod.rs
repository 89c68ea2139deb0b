//! A together evening on one terminal, about ten minutes: each partner rates closeness on
//! the circles without seeing the other's choice, then both ratings show side by side;
//! tonight's question is answered by each in turn, each answer hidden once done, then both
//! revealed; one good thing each says about the other; one small act each (and one to do
//! together, if they like); each chooses whether their words are kept; a summary, saved.
//!
//! Before every private step a hand-off screen asks the one who is not answering to look
//! away. Going back never lands on the other person's private step without a hand-off.
//! Every step but the ratings may be skipped, and an evening left half-way is kept as a
//! draft, as a solo check-in is.

mod keeping;
mod view;

pub mod draft;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::checkin::{MAX_BOX_CHARS, box_chars, editor, paste_fits, text_of};
use crate::content::Library;
use crate::journal::together::{Together, Voice};
use crate::journal::{Entry, Journal, Outcome, SmallAct};
use crate::protocol::{Command, Context, Cx, Intent};
pub use draft::TogetherDraft;

/// One of the two at the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    /// The journal's owner.
    Owner,
    Partner,
}

impl Who {
    pub fn other(self) -> Who {
        match self {
            Who::Owner => Who::Partner,
            Who::Partner => Who::Owner,
        }
    }
}

/// Where the evening is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "step", content = "who")]
pub enum Step {
    /// Who is here: names, if About us has none.
    Names,
    /// Pass the keyboard to `who`; the other looks away.
    Handoff(Who),
    /// How the act each planned the evening before went.
    Followup(Who),
    Rate(Who),
    RevealRatings,
    Answer(Who),
    RevealAnswers,
    GoodThing(Who),
    RevealGoodThings,
    Act(Who),
    ActTogether,
    Keep(Who),
    Summary,
}

impl Step {
    /// A step only `who` should see.
    pub fn private_to(self) -> Option<Who> {
        match self {
            Step::Rate(w) | Step::Answer(w) | Step::GoodThing(w) | Step::Keep(w) => Some(w),
            _ => None,
        }
    }
}

/// One partner's answers so far.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub closeness: Option<u8>,
    pub followup: Option<Outcome>,
    pub answer: TextArea<'static>,
    pub good_thing: TextArea<'static>,
    pub act: TextArea<'static>,
    /// Whether their words are kept in the journal (their rating always is).
    pub keep: bool,
}

const ANSWER_HINT: &str = "Write as much or as little as you like.";
const GOOD_HINT: &str = "Something specific, and what it says about them.";
const ACT_HINT: &str = "One small thing for tomorrow, in your own words.";

impl Part {
    fn new(name: String) -> Part {
        Part {
            name,
            closeness: None,
            followup: None,
            answer: editor("", ANSWER_HINT),
            good_thing: editor("", GOOD_HINT),
            act: editor("", ACT_HINT),
            keep: true,
        }
    }

    fn voice(&self) -> Voice {
        let keep = |t: &TextArea| {
            let s = text_of(t);
            (self.keep && !s.trim().is_empty()).then_some(s)
        };
        Voice {
            name: self.name.clone(),
            closeness: self.closeness.unwrap_or(4),
            answer: keep(&self.answer),
            good_thing: keep(&self.good_thing),
            small_act: keep(&self.act),
            followup: self.followup,
        }
    }

    /// Every piece of text they wrote, kept or not.
    pub fn texts(&self) -> Vec<String> {
        [&self.answer, &self.good_thing, &self.act]
            .into_iter()
            .map(text_of)
            .filter(|t| !t.is_empty())
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct TogetherEvening {
    pub date: NaiveDate,
    /// Where the evening is, in `steps()`.
    pub pos: usize,
    pub owner: Part,
    pub partner: Part,
    pub act_together: TextArea<'static>,
    /// Tonight's question: id and text as asked.
    pub prompt: (String, String),
    /// The acts planned the evening before, to follow up (owner's, partner's).
    planned: (Option<String>, Option<String>),
    /// The names box (Names step): owner's, then partner's.
    names: [TextArea<'static>; 2],
    names_focus: usize,
    /// A short message under the step.
    pub hint: Option<String>,
    pub saved: bool,
    /// The draft this evening was opened from, if any.
    from_draft: Option<TogetherDraft>,
    /// Changed since the draft was last kept.
    dirty: bool,
}

/// A partner's label when no name was given.
pub const OWNER_LABEL: &str = "Partner A";
pub const PARTNER_LABEL: &str = "Partner B";

impl TogetherEvening {
    pub fn new(
        content: &Library,
        journal: &Journal,
        date: NaiveDate,
        draft: Option<&TogetherDraft>,
        _now: DateTime<FixedOffset>,
    ) -> TogetherEvening {
        let about = &journal.preferences.about;
        let name = |n: &Option<String>, fallback: &str| {
            n.clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| fallback.to_string())
        };
        let order = crate::suggest::prompts::for_journal(
            content,
            journal,
            date,
            crate::suggest::Mood::UNKNOWN,
        );
        let prompt = order
            .first()
            .map(|&i| {
                (
                    content.prompts[i].id.clone(),
                    content.prompts[i].text.clone(),
                )
            })
            .unwrap_or_else(|| {
                (
                    String::new(),
                    "What stayed with you from today?".to_string(),
                )
            });
        let yesterday = journal.entry(date - Duration::days(1));
        let planned = match yesterday.and_then(|e| e.together.as_ref()) {
            Some(t) => (t.owner.small_act.clone(), t.partner.small_act.clone()),
            None => (
                yesterday.and_then(|e| e.small_act.as_ref().map(|a| a.text.clone())),
                None,
            ),
        };
        let needs_names = about.my_name.is_none() || about.partner_name.is_none();
        let mut t = TogetherEvening {
            date,
            pos: usize::from(!needs_names),
            owner: Part::new(name(&about.my_name, OWNER_LABEL)),
            partner: Part::new(name(&about.partner_name, PARTNER_LABEL)),
            act_together: editor("", "Something the two of you will do. Optional."),
            prompt,
            planned,
            names: [
                editor(
                    about.my_name.as_deref().unwrap_or(""),
                    "Your name (optional)",
                ),
                editor(
                    about.partner_name.as_deref().unwrap_or(""),
                    "Your partner's name (optional)",
                ),
            ],
            names_focus: 0,
            hint: None,
            saved: false,
            from_draft: None,
            dirty: false,
        };
        if let Some(d) = draft.filter(|d| d.date == date) {
            d.apply(&mut t);
            t.from_draft = Some(d.clone());
        }
        t
    }

    pub fn part(&self, who: Who) -> &Part {
        match who {
            Who::Owner => &self.owner,
            Who::Partner => &self.partner,
        }
    }

    fn part_mut(&mut self, who: Who) -> &mut Part {
        match who {
            Who::Owner => &mut self.owner,
            Who::Partner => &mut self.partner,
        }
    }

    pub fn planned(&self, who: Who) -> Option<&str> {
        match who {
            Who::Owner => self.planned.0.as_deref(),
            Who::Partner => self.planned.1.as_deref(),
        }
    }

    /// The steps in order (the follow-ups only for acts that were planned).
    pub fn steps(&self) -> Vec<Step> {
        use Step::*;
        use Who::*;
        let mut s = vec![Names];
        for who in [Owner, Partner] {
            s.push(Handoff(who));
            if self.planned(who).is_some() {
                s.push(Followup(who));
            }
            s.push(Rate(who));
        }
        s.push(RevealRatings);
        for who in [Owner, Partner] {
            s.extend([Handoff(who), Answer(who)]);
        }
        s.push(RevealAnswers);
        for who in [Owner, Partner] {
            s.extend([Handoff(who), GoodThing(who)]);
        }
        s.extend([RevealGoodThings, Act(Owner), Act(Partner), ActTogether]);
        for who in [Owner, Partner] {
            s.extend([Handoff(who), Keep(who)]);
        }
        s.push(Summary);
        s
    }

    /// The step on screen.
    pub fn step(&self) -> Step {
        let steps = self.steps();
        steps[self.pos.min(steps.len() - 1)]
    }

    /// "n of m", counting the steps a person sees as steps (not the hand-offs).
    pub fn progress(&self) -> (usize, usize) {
        let steps = self.steps();
        let counted = |s: &Step| !matches!(s, Step::Handoff(_) | Step::Names);
        let n = steps[..=self.pos.min(steps.len() - 1)]
            .iter()
            .filter(|s| counted(s))
            .count()
            .max(1);
        (n, steps.iter().filter(|s| counted(s)).count())
    }

    pub fn context(&self) -> Context {
        match self.step() {
            // A name is one line, as in settings.
            Step::Names => Context::SettingsText,
            Step::Handoff(_) | Step::RevealRatings | Step::RevealAnswers => Context::TogetherReveal,
            Step::RevealGoodThings | Step::Summary => Context::TogetherReveal,
            Step::Rate(_) => Context::TogetherRating,
            Step::Followup(_) | Step::Keep(_) => Context::TogetherChoice,
            Step::Answer(_) | Step::GoodThing(_) | Step::Act(_) | Step::ActTogether => {
                Context::TogetherText
            }
        }
    }

    fn editor_mut(&mut self) -> Option<&mut TextArea<'static>> {
        Some(match self.step() {
            Step::Names => &mut self.names[self.names_focus],
            Step::Answer(w) => &mut self.part_mut(w).answer,
            Step::GoodThing(w) => &mut self.part_mut(w).good_thing,
            Step::Act(w) => &mut self.part_mut(w).act,
            Step::ActTogether => &mut self.act_together,
            _ => return None,
        })
    }

    pub fn editor(&self) -> Option<&TextArea<'static>> {
        Some(match self.step() {
            Step::Names => &self.names[self.names_focus],
            Step::Answer(w) => &self.part(w).answer,
            Step::GoodThing(w) => &self.part(w).good_thing,
            Step::Act(w) => &self.part(w).act,
            Step::ActTogether => &self.act_together,
            _ => return None,
        })
    }

    pub fn names_focus(&self) -> usize {
        self.names_focus
    }

    pub fn name_box(&self, i: usize) -> &TextArea<'static> {
        &self.names[i]
    }

    /// The choice on screen in a choice step (1-based).
    pub fn current_choice(&self) -> Option<u8> {
        match self.step() {
            Step::Rate(w) => self.part(w).closeness,
            Step::Followup(w) => self
                .part(w)
                .followup
                .and_then(|o| Outcome::ALL.iter().position(|&x| x == o))
                .map(|i| i as u8 + 1),
            Step::Keep(w) => Some(if self.part(w).keep { 1 } else { 2 }),
            _ => None,
        }
    }

    fn choice_count(&self) -> u8 {
        match self.step() {
            Step::Rate(_) => 7,
            Step::Followup(_) => 3,
            Step::Keep(_) => 2,
            _ => 0,
        }
    }

    fn choose(&mut self, n: u8) {
        match self.step() {
            Step::Rate(w) => self.part_mut(w).closeness = Some(n),
            Step::Followup(w) => self.part_mut(w).followup = Some(Outcome::ALL[usize::from(n - 1)]),
            Step::Keep(w) => self.part_mut(w).keep = n == 1,
            _ => return,
        }
        self.hint = None;
        self.dirty = true;
        self.saved = false;
    }

    pub fn handles(&self, command: Command) -> bool {
        let count = self.choice_count();
        match (self.step(), command) {
            (_, Command::Back) => true,
            // "enter goes home", as the summary says.
            (Step::Summary, Command::Open | Command::Next) => true,
            (Step::Summary, _) => false,
            (_, Command::Next) => true,
            (Step::Names, Command::NewLine | Command::Prev) => false,
            (_, Command::Prev) => self.pos > 0,
            (_, Command::Choose(n)) if count > 0 => n >= 1 && n <= count,
            (_, Command::Left) if count > 0 => self.current_choice().is_none_or(|c| c > 1),
            (_, Command::Right) if count > 0 => self.current_choice().is_none_or(|c| c < count),
            (_, Command::NewLine | Command::Type) => self.editor().is_some(),
            (Step::Followup(_), Command::Skip) => true,
            _ => false,
        }
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        let count = self.choice_count();
        match (self.step(), command) {
            (Step::Summary, Command::Open | Command::Next | Command::Back) => cx.ask(Intent::Home),
            (Step::Summary, _) => {}
            (_, Command::Back | Command::Prev) => self.backward(cx),
            (Step::Rate(_), Command::Next) if self.current_choice().is_none() => {
                self.hint = Some("Choose the picture that fits first: ← → or 1 to 7.".into());
            }
            (_, Command::Choose(n)) if n >= 1 && n <= count => self.choose(n),
            (_, Command::Left | Command::Right) if count > 0 => {
                let next = match (self.current_choice(), command) {
                    (None, Command::Left) => count,
                    (None, _) => 1,
                    (Some(c), Command::Left) => c.saturating_sub(1).max(1),
                    (Some(c), _) => (c + 1).min(count),
                };
                self.choose(next);
            }
            (Step::Names, Command::Next) if self.names_focus == 0 => self.names_focus = 1,
            (Step::Names, Command::Next) => {
                self.take_names(cx);
                self.forward(cx);
            }
            (Step::Followup(w), Command::Skip) => {
                self.part_mut(w).followup = None;
                self.forward(cx);
            }
            (_, Command::Next) => self.forward(cx),
            (_, Command::NewLine) => {
                if let Some(ed) = self.editor_mut() {
                    ed.insert_newline();
                    self.dirty = true;
                }
            }
            _ => {}
        }
    }

    /// The names given in the Names step: kept in About us, used on every screen.
    fn take_names(&mut self, cx: &mut Cx) {
        let given = |ta: &TextArea| {
            let n = text_of(ta).lines().next().unwrap_or("").trim().to_string();
            (!n.is_empty()).then_some(n)
        };
        let (mine, theirs) = (given(&self.names[0]), given(&self.names[1]));
        self.owner.name = mine.clone().unwrap_or_else(|| OWNER_LABEL.into());
        self.partner.name = theirs.clone().unwrap_or_else(|| PARTNER_LABEL.into());
        if let Some(about) = (cx.journal.preferences.about).with_names(mine, theirs) {
            cx.ask(Intent::SetAbout(about));
        }
    }

    fn go(&mut self, pos: usize, cx: &mut Cx) {
        self.hint = None;
        self.pos = pos;
        if self.step() == Step::Summary {
            self.save(cx);
        } else {
            self.keep_draft(cx);
        }
    }

    fn forward(&mut self, cx: &mut Cx) {
        let last = self.steps().len() - 1;
        self.go((self.pos + 1).min(last), cx);
    }

    fn backward(&mut self, cx: &mut Cx) {
        let steps = self.steps();
        let first = usize::from(!self.needs_names_step(cx));
        let leave = |this: &mut TogetherEvening, cx: &mut Cx| {
            this.keep_draft(cx);
            cx.ask(Intent::Back);
        };
        if self.pos <= first {
            return leave(self, cx);
        }
        let mut j = self.pos - 1;
        // Over a hand-off going back: to the step before it.
        if let Step::Handoff(_) = steps[j] {
            if j <= first {
                return leave(self, cx);
            }
            j -= 1;
        }
        // Never onto the other person's private step without handing over first.
        if let Some(who) = steps[j].private_to()
            && self.step().private_to() != Some(who)
            && let Some(h) = steps[..j].iter().rposition(|&s| s == Step::Handoff(who))
        {
            j = h;
        }
        self.go(j, cx);
    }

    fn needs_names_step(&self, cx: &Cx) -> bool {
        let about = &cx.journal.preferences.about;
        about.my_name.is_none() || about.partner_name.is_none()
    }

    pub fn on_text(&mut self, key: KeyEvent, _cx: &mut Cx) {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        let names = self.step() == Step::Names;
        let Some(ed) = self.editor_mut() else {
            return;
        };
        let typing = matches!(key.code, KeyCode::Char(_) | KeyCode::Enter | KeyCode::Tab)
            && !key.modifiers.contains(KeyModifiers::CONTROL);
        if names && matches!(key.code, KeyCode::Enter) {
            return;
        }
        if typing && box_chars(ed) >= MAX_BOX_CHARS {
            self.hint = Some("This box is full; nothing more was added.".into());
            return;
        }
        let changed = match (key.code, key.modifiers) {
            (KeyCode::Char('z'), KeyModifiers::CONTROL) => ed.undo(),
            (KeyCode::Char('y'), KeyModifiers::CONTROL) => ed.redo(),
            _ => ed.input(key),
        };
        if changed {
            self.dirty = true;
        }
    }

    pub fn on_paste(&mut self, text: &str, _cx: &mut Cx) {
        let names = self.step() == Step::Names;
        let Some(ed) = self.editor_mut() else {
            return;
        };
        let Some(mut text) = paste_fits(ed, text) else {
            self.hint = Some("This box is full; nothing more was added.".into());
            return;
        };
        if names {
            text = text.replace('\n', " ");
        }
        ed.insert_str(text);
        self.dirty = true;
    }

    pub fn on_tick(&mut self, cx: &mut Cx) {
        if self.dirty && !self.saved {
            self.keep_draft(cx);
        }
    }
}
