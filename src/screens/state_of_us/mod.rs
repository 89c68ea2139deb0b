//! The weekly State of us, for the two of them on one terminal: the week's appreciations
//! from the journal; what went well (they write it); one issue, if they want one, written
//! as "I feel … about … I need …" with the gentle start-up helper pointing out harsh words
//! as they type, then a timed turn each on it; a repair; next week's small act each; what
//! to keep; then a screen that says to put the screen away.
//!
//! Only that it happened is written unless they choose more: what went well and next
//! week's acts, or all of it, go into the `Talk`'s note. Next week's acts are kept there
//! as lines of their own ("Next week, Sam: …"), and the next State of us shows them
//! again at its start. Left half-way, it is kept as a draft (draft.rs), as a together
//! evening is; Esc goes back a step with nothing lost.

pub mod draft;
mod view;
pub mod week;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use crate::journal::StateOfUsDraft;
use crate::journal::together::{Talk, TalkKind};
use crate::protocol::{Command, Context, Cx, Intent};
use crate::screens::checkin::{editor, text_of};
use crate::screens::talk::{Names, Timer, names, paste_into, type_key};
use crate::screens::together::Who;
pub use week::Appreciation;

/// A turn on the issue, to start with.
pub const ISSUE_MINUTES: u32 = 5;

/// Repair phrases to choose from; the last choice is their own words.
pub const REPAIRS: [&str; 6] = [
    "I'm sorry. I can see that hurt.",
    "I can see my part in this.",
    "Can we start again, more gently?",
    "That part makes sense to me.",
    "What do you need from me now?",
    "I love you, even when this is hard.",
];
/// The choice that means their own words.
pub const OWN_REPAIR: u8 = REPAIRS.len() as u8 + 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Names,
    Welcome,
    Appreciations,
    WentWell,
    /// Whether either has one issue to raise this week.
    IssueWho,
    Issue,
    /// A timed turn each on the issue.
    IssueTalk,
    Repair,
    RepairOwn,
    Act(Who),
    Keep,
    /// Saved: put the screen away.
    Away,
}

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::Names => "names",
            Step::Welcome => "welcome",
            Step::Appreciations => "appreciations",
            Step::WentWell => "went_well",
            Step::IssueWho => "issue_who",
            Step::Issue => "issue",
            Step::IssueTalk => "issue_talk",
            Step::Repair => "repair",
            Step::RepairOwn => "repair_own",
            Step::Act(Who::Owner) => "act_owner",
            Step::Act(Who::Partner) => "act_partner",
            Step::Keep => "keep",
            Step::Away => "away",
        }
    }
}

#[derive(Debug, Clone)]
pub struct StateOfUs {
    pub date: NaiveDate,
    pub step: Step,
    pub names: Names,
    /// This week's appreciations, read when it opened.
    pub week: Vec<Appreciation>,
    /// The acts chosen at the last State of us, if its note kept them.
    pub last_acts: Vec<String>,
    pub went_well: TextArea<'static>,
    pub issue_by: Option<Who>,
    pub no_issue: bool,
    pub issue: TextArea<'static>,
    pub timer: Timer,
    pub repair: Option<u8>,
    pub repair_own: TextArea<'static>,
    pub act_owner: TextArea<'static>,
    pub act_partner: TextArea<'static>,
    /// 1 only that it happened, 2 also what went well and the acts, 3 all of it.
    pub keep: u8,
    pub saved: bool,
    pub hint: Option<String>,
    from_draft: Option<StateOfUsDraft>,
    dirty: bool,
}

pub(crate) const WENT_WELL_HINT: &str = "A few words between you. Optional.";
pub(crate) const ISSUE_HINT: &str = "I feel … about … I need …";
pub(crate) const REPAIR_HINT: &str = "What you want to say to each other.";
pub(crate) const ACT_HINT: &str = "One small thing, in your own words.";

impl StateOfUs {
    pub fn new(
        journal: &crate::journal::Journal,
        date: NaiveDate,
        draft: Option<&StateOfUsDraft>,
    ) -> StateOfUs {
        let names = Names::new(&journal.preferences.about);
        let date = draft.map_or(date, |d| d.date);
        let mut s = StateOfUs {
            date,
            step: if names.asking {
                Step::Names
            } else {
                Step::Welcome
            },
            week: week::appreciations(journal, date, &names.owner, &names.partner),
            last_acts: week::last_acts(journal),
            names,
            went_well: editor("", WENT_WELL_HINT),
            issue_by: None,
            no_issue: false,
            issue: editor("", ISSUE_HINT),
            timer: Timer::new(ISSUE_MINUTES),
            repair: None,
            repair_own: editor("", REPAIR_HINT),
            act_owner: editor("", ACT_HINT),
            act_partner: editor("", ACT_HINT),
            keep: 1,
            saved: false,
            hint: None,
            from_draft: None,
            dirty: false,
        };
        if let Some(d) = draft {
            d.apply(&mut s);
            s.from_draft = Some(d.clone());
        }
        s
    }

    pub fn steps(&self) -> Vec<Step> {
        let mut s = Vec::new();
        if self.names.asking {
            s.push(Step::Names);
        }
        s.extend([
            Step::Welcome,
            Step::Appreciations,
            Step::WentWell,
            Step::IssueWho,
        ]);
        if self.issue_by.is_some() {
            s.extend([Step::Issue, Step::IssueTalk, Step::Repair]);
            if self.repair == Some(OWN_REPAIR) {
                s.push(Step::RepairOwn);
            }
        }
        s.extend([
            Step::Act(Who::Owner),
            Step::Act(Who::Partner),
            Step::Keep,
            Step::Away,
        ]);
        s
    }

    fn pos(&self) -> usize {
        let steps = self.steps();
        steps.iter().position(|&s| s == self.step).unwrap_or(0)
    }

    /// "n of m", not counting the names or the last screen.
    pub fn progress(&self) -> (usize, usize) {
        let steps = self.steps();
        let counted = |s: &Step| !matches!(s, Step::Names | Step::Away);
        let n = steps[..=self.pos()].iter().filter(|s| counted(s)).count();
        (n.max(1), steps.iter().filter(|s| counted(s)).count())
    }

    pub fn context(&self) -> Context {
        match self.step {
            Step::Names => Context::SettingsText,
            Step::Welcome | Step::Appreciations | Step::Away => Context::TogetherReveal,
            Step::WentWell | Step::Issue | Step::RepairOwn | Step::Act(_) => Context::TogetherText,
            Step::IssueWho | Step::Keep => Context::TogetherChoice,
            Step::Repair => Context::TogetherRating,
            Step::IssueTalk => Context::TalkTurn,
        }
    }

    /// The one raising the issue, and the one who answers.
    pub fn speaker(&self) -> Who {
        let by = self.issue_by.unwrap_or(Who::Owner);
        if self.timer.turn() == 0 {
            by
        } else {
            by.other()
        }
    }

    pub fn ticking(&self) -> bool {
        self.step == Step::IssueTalk && self.timer.is_running()
    }

    pub fn next_change(&self, now: DateTime<FixedOffset>) -> Option<std::time::Duration> {
        (self.step == Step::IssueTalk)
            .then(|| self.timer.next_change(now))
            .flatten()
    }

    pub fn current_choice(&self) -> Option<u8> {
        match self.step {
            Step::IssueWho => match (self.issue_by, self.no_issue) {
                (Some(Who::Owner), _) => Some(1),
                (Some(Who::Partner), _) => Some(2),
                (None, true) => Some(3),
                (None, false) => None,
            },
            Step::Repair => self.repair,
            Step::Keep => Some(self.keep),
            _ => None,
        }
    }

    fn choice_count(&self) -> u8 {
        match self.step {
            Step::IssueWho | Step::Keep => 3,
            Step::Repair => OWN_REPAIR,
            _ => 0,
        }
    }

    fn choose(&mut self, n: u8) {
        match self.step {
            Step::IssueWho => {
                self.issue_by = match n {
                    1 => Some(Who::Owner),
                    2 => Some(Who::Partner),
                    _ => None,
                };
                self.no_issue = n == 3;
            }
            Step::Repair => self.repair = Some(n),
            Step::Keep => self.keep = n,
            _ => return,
        }
        self.dirty = true;
    }

    pub fn editor(&self) -> Option<&TextArea<'static>> {
        Some(match self.step {
            Step::Names => self.names.editor(),
            Step::WentWell => &self.went_well,
            Step::Issue => &self.issue,
            Step::RepairOwn => &self.repair_own,
            Step::Act(Who::Owner) => &self.act_owner,
            Step::Act(Who::Partner) => &self.act_partner,
            _ => return None,
        })
    }

    fn editor_mut(&mut self) -> Option<&mut TextArea<'static>> {
        Some(match self.step {
            Step::Names => self.names.editor_mut(),
            Step::WentWell => &mut self.went_well,
            Step::Issue => &mut self.issue,
            Step::RepairOwn => &mut self.repair_own,
            Step::Act(Who::Owner) => &mut self.act_owner,
            Step::Act(Who::Partner) => &mut self.act_partner,
            _ => return None,
        })
    }

    pub fn handles(&self, command: Command) -> bool {
        let count = self.choice_count();
        match (self.step, command) {
            (_, Command::Back) => true,
            (Step::Away, Command::Next) => true,
            (Step::Away, _) => false,
            (Step::IssueTalk, Command::Pause | Command::Next) => true,
            (Step::IssueTalk, Command::Longer) => {
                self.timer.can_adjust() && self.timer.minutes() < super::talk::timer::MAX_MINUTES
            }
            (Step::IssueTalk, Command::Shorter) => {
                self.timer.can_adjust() && self.timer.minutes() > super::talk::timer::MIN_MINUTES
            }
            (Step::IssueTalk, _) => false,
            (_, Command::Next) => true,
            (Step::Names, Command::Prev | Command::NewLine) => false,
            (_, Command::Prev) => self.pos() > 0,
            (_, Command::Choose(n)) if count > 0 => n >= 1 && n <= count,
            (_, Command::Left) if count > 0 => self.current_choice().is_none_or(|c| c > 1),
            (_, Command::Right) if count > 0 => self.current_choice().is_none_or(|c| c < count),
            (_, Command::NewLine | Command::Type) => self.editor().is_some(),
            _ => false,
        }
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        let count = self.choice_count();
        let now = cx.now;
        self.hint = None;
        match (self.step, command) {
            (Step::Away, Command::Next | Command::Back) => cx.ask(Intent::Home),
            (Step::Away, _) => {}
            (Step::IssueTalk, Command::Pause) => self.timer.toggle(now),
            (Step::IssueTalk, Command::Longer) => {
                self.timer.adjust(1);
            }
            (Step::IssueTalk, Command::Shorter) => {
                self.timer.adjust(-1);
            }
            (Step::IssueTalk, Command::Next) => {
                if !self.timer.has_started() {
                    self.timer.resume(now);
                } else if self.timer.turn() == 0 {
                    self.timer.next_turn(now);
                } else {
                    self.timer.end(now);
                    self.forward(cx);
                }
            }
            (Step::IssueTalk, Command::Back) => {
                if self.timer.turn() == 1 && !self.timer.is_ended() {
                    self.timer.back_to_first(now);
                } else {
                    self.timer.pause(now);
                    self.backward(cx);
                }
            }
            (Step::IssueTalk, _) => {}
            (_, Command::Back | Command::Prev) => self.backward(cx),
            (Step::IssueWho, Command::Next) if self.current_choice().is_none() => {
                self.hint = Some("Choose 1, 2 or 3 first.".into());
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
            (Step::Names, Command::Next) => self.names_next(cx),
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

    fn names_next(&mut self, cx: &mut Cx) {
        if self.names.next(cx) {
            let (owner, partner) = (&self.names.owner, &self.names.partner);
            self.week = week::appreciations(cx.journal, self.date, owner, partner);
            self.forward(cx);
        }
    }

    fn go(&mut self, step: Step, cx: &mut Cx) {
        self.step = step;
        if step == Step::IssueTalk && self.timer.is_ended() {
            self.timer.reopen();
        }
        if step == Step::Away {
            self.save(cx);
        } else {
            self.keep_draft(cx);
        }
    }

    fn forward(&mut self, cx: &mut Cx) {
        let steps = self.steps();
        let next = steps[(self.pos() + 1).min(steps.len() - 1)];
        self.go(next, cx);
    }

    fn backward(&mut self, cx: &mut Cx) {
        let pos = self.pos();
        if pos == 0 {
            self.keep_draft(cx);
            cx.ask(Intent::Back);
            return;
        }
        let prev = self.steps()[pos - 1];
        self.go(prev, cx);
    }

    /// What the journal keeps, as they chose: nothing but that it happened, or a note.
    pub fn note(&self) -> Option<String> {
        if self.keep < 2 {
            return None;
        }
        let mut lines = Vec::new();
        let went_well = text_of(&self.went_well);
        if !went_well.trim().is_empty() {
            lines.push(format!("What went well: {went_well}"));
        }
        if self.keep >= 3
            && let Some(by) = self.issue_by
        {
            let issue = text_of(&self.issue);
            if !issue.trim().is_empty() {
                lines.push(format!("{} raised: {issue}", self.names.of(by)));
            }
            let repair = match self.repair {
                Some(OWN_REPAIR) => text_of(&self.repair_own),
                Some(n) => REPAIRS[usize::from(n - 1)].to_string(),
                None => String::new(),
            };
            if !repair.trim().is_empty() {
                lines.push(format!("Repair: {repair}"));
            }
        }
        for (who, ta) in [
            (Who::Owner, &self.act_owner),
            (Who::Partner, &self.act_partner),
        ] {
            let act = text_of(ta);
            if !act.trim().is_empty() {
                // One line each, so the next State of us can find them.
                let act = act.split('\n').collect::<Vec<_>>().join(" / ");
                lines.push(format!("{}{}: {act}", week::ACT_LINE, self.names.of(who)));
            }
        }
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    fn save(&mut self, cx: &mut Cx) {
        if !self.saved {
            cx.ask(Intent::SaveTalk(Box::new(Talk {
                date: self.date,
                at: cx.now,
                kind: TalkKind::StateOfUs,
                minutes: None,
                note: self.note(),
            })));
        }
        self.saved = true;
        self.dirty = false;
        if cx.drafts.state_of_us().is_some() {
            cx.ask(Intent::DropStateOfUsDraft);
        }
        self.from_draft = None;
    }

    /// Every piece of text they wrote, kept or not.
    pub fn texts(&self) -> Vec<String> {
        [
            &self.went_well,
            &self.issue,
            &self.repair_own,
            &self.act_owner,
            &self.act_partner,
        ]
        .into_iter()
        .map(text_of)
        .filter(|t| !t.is_empty())
        .collect()
    }

    pub fn has_answers(&self) -> bool {
        !self.texts().is_empty()
            || self.issue_by.is_some()
            || self.no_issue
            || self.repair.is_some()
    }

    /// Bring `drafts` up to date with this State of us. Returns whether they changed.
    pub fn keep_in(&self, drafts: &mut crate::journal::Drafts, now: DateTime<FixedOffset>) -> bool {
        if self.saved {
            return false;
        }
        let want = if self.has_answers() {
            Some(StateOfUsDraft::of(self, now))
        } else {
            self.from_draft.clone()
        };
        let same = match (&want, drafts.state_of_us()) {
            (None, None) => true,
            (Some(w), Some(h)) => w.same_as(h),
            _ => false,
        };
        if same {
            return false;
        }
        match want {
            Some(d) => drafts.put_state_of_us(d),
            None => {
                drafts.remove_state_of_us();
            }
        }
        true
    }

    fn keep_draft(&mut self, cx: &mut Cx) {
        let mut drafts = cx.drafts.clone();
        if self.keep_in(&mut drafts, cx.now) {
            cx.ask(match drafts.state_of_us() {
                Some(d) => Intent::KeepStateOfUsDraft(Box::new(d.clone())),
                None => Intent::DropStateOfUsDraft,
            });
        }
        self.dirty = false;
    }

    pub fn on_text(&mut self, key: KeyEvent, _cx: &mut Cx) {
        if self.step == Step::Names {
            names::on_name_key(self.names.editor_mut(), key);
            return;
        }
        let Some(ed) = self.editor_mut() else {
            return;
        };
        match type_key(ed, key) {
            Ok(changed) => self.dirty |= changed,
            Err(full) => self.hint = Some(full.into()),
        }
    }

    pub fn on_paste(&mut self, text: &str, _cx: &mut Cx) {
        if self.step == Step::Names {
            let line = text.replace(['\r', '\n'], " ");
            self.names.editor_mut().insert_str(line);
            return;
        }
        let Some(ed) = self.editor_mut() else {
            return;
        };
        match paste_into(ed, text) {
            Ok(()) => self.dirty = true,
            Err(full) => self.hint = Some(full.into()),
        }
    }

    pub fn on_tick(&mut self, cx: &mut Cx) {
        if self.dirty && !self.saved {
            self.keep_draft(cx);
        }
    }
}
