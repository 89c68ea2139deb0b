//! The evening check-in: arrive, closeness, stress, yesterday's act, tonight's reflection,
//! one good thing, tomorrow's small act, and a summary. Every step but the rating can be
//! skipped; Esc goes back a step and keeps what was typed.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Wrap};
use ratatui_textarea::{TextArea, WrapMode};
use serde::{Deserialize, Serialize};

use super::pause::Pause;
use super::{Cx, Nav, Screen};
use crate::app::{App, Command, Context, Effect};
use crate::content::Library;
use crate::evening::{card_order, line_of_the_day, prompt_order};
use crate::journal::{Entry, Followup, Journal, Outcome, Reflection, SmallAct};
use crate::ui::{Theme, chrome, ios};

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
    Summary,
}

impl Step {
    fn title(self) -> &'static str {
        match self {
            Step::Arrive => "Arrive",
            Step::Closeness => "Closeness",
            Step::Stress => "Outside stress",
            Step::Followup | Step::Noticed => "Yesterday's small act",
            Step::Reflection => "Tonight's reflection",
            Step::Appreciation => "One good thing",
            Step::SmallAct | Step::OwnAct => "Tomorrow's small act",
            Step::Summary => "Saved",
        }
    }
}

/// Stress choices, 1 to 5.
pub const STRESS_WORDS: [&str; 5] = ["calm", "a little", "some", "a lot", "overwhelming"];

/// Where the small act came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActChoice {
    /// Nothing chosen yet: the suggestion on screen is not planned until Enter.
    Undecided,
    Card(String),
    Own,
    Nothing,
}

/// An unfinished check-in, as kept in the draft file.
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

#[derive(Debug, Clone)]
pub struct Checkin {
    /// The evening this check-in is for.
    pub date: NaiveDate,
    /// The entry existed before: this check-in edits it.
    pub editing: bool,
    created: Option<DateTime<FixedOffset>>,
    starred: bool,
    pub step: Step,
    pub closeness: Option<u8>,
    pub stress: Option<u8>,
    /// The act planned the evening before, to follow up.
    pub planned: Option<SmallAct>,
    pub outcome: Option<Outcome>,
    outcome_cursor: usize,
    pub noticed: TextArea<'static>,
    prompt_order: Vec<usize>,
    prompt_pos: usize,
    /// The prompt being answered: id and text as asked.
    pub prompt: (String, String),
    pub reflection: TextArea<'static>,
    pub appreciation: TextArea<'static>,
    card_order: Vec<usize>,
    pub card_pos: usize,
    pub act: ActChoice,
    pub own_act: TextArea<'static>,
    arrive_line: String,
    self_compassion: String,
    /// A short message under the step (e.g. "choose a picture first").
    hint: Option<&'static str>,
    /// Text changed since the draft was last written.
    dirty: bool,
    /// Tonight's entry is saved and nothing changed since.
    pub saved: bool,
    /// Nights checked in this month, shown at the end.
    nights_this_month: usize,
    /// Opened from looking back: when done, go back there rather than home.
    pub back_when_done: bool,
}

fn editor(text: &str, placeholder: &str) -> TextArea<'static> {
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

fn text_of(ta: &TextArea) -> String {
    let joined = ta.lines().join("\n");
    joined.trim_end().to_string()
}

fn non_empty(s: String) -> Option<String> {
    if s.trim().is_empty() { None } else { Some(s) }
}

impl Checkin {
    /// Open the check-in for `date`: the entry of that evening if there is one (to edit),
    /// then a draft for that evening over it if one is given and is newer; else a fresh one.
    pub fn new(
        content: &Library,
        journal: &Journal,
        date: NaiveDate,
        draft: Option<&Draft>,
    ) -> Checkin {
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
        let prompts = prompt_order(content, journal, date);
        let cards = card_order(content, journal, date);
        let mut c = Checkin {
            date,
            editing: existing.is_some(),
            created: existing.map(|e| e.created),
            starred: existing.is_some_and(|e| e.starred),
            step: Step::Arrive,
            closeness: None,
            stress: None,
            planned,
            outcome: None,
            outcome_cursor: 0,
            noticed: editor("", "What did you notice? (optional)"),
            prompt_order: prompts,
            prompt_pos: 0,
            prompt: (String::new(), String::new()),
            reflection: editor("", "Write as much or as little as you like."),
            appreciation: editor("", "What did they do, and what does it say about them?"),
            card_order: cards,
            card_pos: 0,
            act: ActChoice::Undecided,
            own_act: editor("", "One small thing you will do tomorrow."),
            arrive_line: line_of_the_day(&content.lines.arrive, date, 1)
                .unwrap_or("Take a moment to arrive.")
                .to_string(),
            self_compassion: line_of_the_day(&content.lines.self_compassion, date, 2)
                .unwrap_or("A hard day is not a verdict on you.")
                .to_string(),
            hint: None,
            dirty: false,
            saved: false,
            nights_this_month: 0,
            back_when_done: false,
        };
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
        // A draft newer than the entry holds the person's latest words (a save of them
        // that failed, say): it wins.
        if let Some(d) =
            draft.filter(|d| d.date == date && existing.is_none_or(|e| d.saved_at > e.updated))
        {
            c.load_draft(content, d);
        }
        c
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
        match (content.prompts.iter().position(|p| p.id == id))
            .and_then(|i| self.prompt_order.iter().position(|&j| j == i))
        {
            Some(pos) => {
                self.prompt_pos = pos;
                self.prompt = (id.to_string(), text.to_string());
            }
            None => self.prompt = (id.to_string(), text.to_string()),
        }
    }

    fn load_entry(&mut self, content: &Library, e: &Entry) {
        self.closeness = Some(e.closeness);
        self.stress = e.stress;
        if let Some(f) = &e.followup {
            self.outcome = f.outcome;
            self.noticed = editor(&f.noticed, "What did you notice? (optional)");
        }
        if let Some(r) = &e.reflection {
            self.set_prompt_id(content, &r.prompt_id, &r.prompt);
            self.reflection = editor(&r.answer, "Write as much or as little as you like.");
        }
        if let Some(a) = &e.appreciation {
            self.appreciation = editor(a, "What did they do, and what does it say about them?");
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
                self.own_act = editor(text, "One small thing you will do tomorrow.");
                self.act = ActChoice::Own;
            }
            None => self.act = ActChoice::Nothing,
        }
    }

    fn load_draft(&mut self, content: &Library, d: &Draft) {
        self.step = d.step;
        if self.step == Step::Summary {
            self.step = Step::SmallAct;
        }
        if matches!(self.step, Step::Followup | Step::Noticed) && self.planned.is_none() {
            self.step = Step::Reflection;
        }
        self.closeness = d.closeness;
        self.stress = d.stress;
        self.outcome = d.outcome;
        self.noticed = editor(&d.noticed, "What did you notice? (optional)");
        if let (Some(id), Some(text)) = (&d.prompt_id, &d.prompt) {
            self.set_prompt_id(content, id, text);
        }
        self.reflection = editor(&d.reflection, "Write as much or as little as you like.");
        self.appreciation = editor(
            &d.appreciation,
            "What did they do, and what does it say about them?",
        );
        self.own_act = editor(&d.own_act, "One small thing you will do tomorrow.");
        self.card_pos = d.card_pos.min(self.card_order.len().saturating_sub(1));
        self.act = d.act.clone();
    }

    /// The unfinished check-in as a draft.
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

    /// Anything worth keeping in a draft.
    pub fn has_answers(&self) -> bool {
        self.closeness.is_some()
            || self.stress.is_some()
            || self.outcome.is_some()
            || [
                &self.noticed,
                &self.reflection,
                &self.appreciation,
                &self.own_act,
            ]
            .iter()
            .any(|t| !text_of(t).is_empty())
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
        steps.push(Step::Summary);
        steps
    }

    /// "n of m", counting yesterday's two parts and the own-words box as one step each.
    pub fn progress(&self) -> (usize, usize) {
        let shown: Vec<Step> = {
            let mut v = vec![Step::Arrive, Step::Closeness, Step::Stress];
            if self.planned.is_some() {
                v.push(Step::Followup);
            }
            v.extend([
                Step::Reflection,
                Step::Appreciation,
                Step::SmallAct,
                Step::Summary,
            ]);
            v
        };
        let current = match self.step {
            Step::Noticed => Step::Followup,
            Step::OwnAct => Step::SmallAct,
            s => s,
        };
        let n = shown.iter().position(|&s| s == current).unwrap_or(0) + 1;
        (n, shown.len())
    }

    pub fn context(&self) -> Context {
        match self.step {
            Step::Arrive | Step::Closeness | Step::Stress | Step::Followup => {
                Context::CheckinChoice
            }
            Step::Noticed | Step::Reflection | Step::Appreciation | Step::OwnAct => {
                Context::CheckinText
            }
            Step::SmallAct => Context::CheckinAct,
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
        if step == Step::Summary {
            self.save(cx);
        } else if was != step && self.has_answers() && !self.saved {
            cx.effects
                .push(Effect::SaveDraft(Box::new(self.draft(cx.now))));
            self.dirty = false;
        }
    }

    fn forward(&mut self, cx: &mut Cx) {
        let steps = self.steps();
        let i = steps.iter().position(|&s| s == self.step).unwrap_or(0);
        let mut next = steps.get(i + 1).copied().unwrap_or(Step::Summary);
        if next == Step::OwnAct && self.act != ActChoice::Own {
            next = Step::Summary;
        }
        self.go(next, cx);
    }

    fn backward(&mut self, cx: &mut Cx) -> Nav {
        let steps = self.steps();
        let i = steps.iter().position(|&s| s == self.step).unwrap_or(0);
        if i == 0 {
            if self.has_answers() && !self.saved {
                cx.effects
                    .push(Effect::SaveDraft(Box::new(self.draft(cx.now))));
                *cx.draft = Some(self.draft(cx.now));
            }
            return Nav::Back;
        }
        let mut prev = steps[i - 1];
        if prev == Step::OwnAct && self.step == Step::Summary && self.act != ActChoice::Own {
            prev = Step::SmallAct;
        }
        if self.step == Step::Summary {
            self.saved = false;
        }
        self.go(prev, cx);
        Nav::Stay
    }

    /// The entry as the answers now stand.
    pub fn entry(&self, content: &Library, now: DateTime<FixedOffset>) -> Option<Entry> {
        let closeness = self.closeness?;
        let small_act = match &self.act {
            ActChoice::Card(id) => Some(SmallAct {
                card_id: Some(id.clone()),
                text: content
                    .card(id)
                    .map_or_else(|| id.clone(), |c| c.title.clone()),
            }),
            ActChoice::Own => non_empty(text_of(&self.own_act)).map(|text| SmallAct {
                card_id: None,
                text,
            }),
            ActChoice::Nothing | ActChoice::Undecided => None,
        };
        Some(Entry {
            date: self.date,
            created: self.created.unwrap_or(now),
            updated: now,
            closeness,
            stress: self.stress,
            followup: self.planned.as_ref().map(|planned| Followup {
                planned: planned.clone(),
                outcome: self.outcome,
                noticed: text_of(&self.noticed),
            }),
            reflection: non_empty(text_of(&self.reflection)).map(|answer| Reflection {
                prompt_id: self.prompt.0.clone(),
                prompt: self.prompt.1.clone(),
                answer,
            }),
            appreciation: non_empty(text_of(&self.appreciation)),
            small_act,
            starred: self.starred,
        })
    }

    fn save(&mut self, cx: &mut Cx) {
        let Some(entry) = self.entry(cx.content, cx.now) else {
            return;
        };
        self.created = Some(entry.created);
        let date = self.date;
        let evening = cx.evening;
        let journal = cx.journal_mut();
        journal.upsert(entry);
        if journal
            .preferences
            .planned
            .as_ref()
            .is_some_and(|p| p.date <= date)
        {
            journal.preferences.planned = None;
        }
        use chrono::Datelike;
        self.nights_this_month = journal.evenings_in_month(evening.year(), evening.month());
        self.saved = true;
        self.editing = true;
        self.dirty = false;
        *cx.draft = None;
        cx.effects.push(Effect::SaveJournal);
        cx.effects.push(Effect::ClearDraft);
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
            Step::Followup => {
                self.outcome = Some(Outcome::ALL[usize::from(n - 1)]);
                self.outcome_cursor = usize::from(n - 1);
            }
            _ => return,
        }
        self.hint = None;
        self.saved = false;
        self.dirty = true;
    }

    fn current_choice(&self) -> Option<u8> {
        match self.step {
            Step::Closeness => self.closeness,
            Step::Stress => self.stress,
            Step::Followup => self.outcome.map(|_| self.outcome_cursor as u8 + 1),
            _ => None,
        }
    }

    fn step_choice(&mut self, delta: i8) {
        let count = self.choice_count();
        if count == 0 {
            return;
        }
        let next = match self.current_choice() {
            None => count.div_ceil(2),
            Some(c) => (c as i8 + delta).clamp(1, count as i8) as u8,
        };
        self.choose(next);
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) -> Nav {
        match (self.step, command) {
            (_, Command::Back) => return self.backward(cx),
            (_, Command::Prev) => return self.backward(cx),
            (Step::Arrive, Command::Breathe) => {
                return Nav::Push(Screen::Pause(Pause::new(cx.now)));
            }
            (Step::Closeness, Command::Next) if self.closeness.is_none() => {
                self.hint = Some("Choose the picture that fits tonight first: ← → or 1 to 7.");
            }
            (Step::Closeness, Command::Skip) => {
                self.hint =
                    Some("This is the one step that can't be skipped: choose with ← → or 1 to 7.");
            }
            (_, Command::Left) if self.choice_count() > 0 => self.step_choice(-1),
            (_, Command::Right) if self.choice_count() > 0 => self.step_choice(1),
            (_, Command::Choose(n)) if n <= self.choice_count() => self.choose(n),
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
            (Step::SmallAct, Command::Next) => {
                if let Some(card) = self.suggested(cx.content) {
                    self.act = ActChoice::Card(card.id.clone());
                    self.go(Step::Summary, cx);
                }
            }
            (Step::SmallAct, Command::Library) => {
                let browser = super::library::Browser::new(cx.content, true);
                return Nav::Push(Screen::Library(Box::new(browser)));
            }
            (Step::SmallAct, Command::OwnWords) => {
                self.act = ActChoice::Own;
                self.go(Step::OwnAct, cx);
            }
            (Step::SmallAct, Command::Skip) => {
                self.act = ActChoice::Nothing;
                self.go(Step::Summary, cx);
            }
            (Step::OwnAct, Command::Next) => {
                if text_of(&self.own_act).is_empty() {
                    self.act = ActChoice::Nothing;
                }
                self.go(Step::Summary, cx);
            }
            (Step::Reflection, Command::Another) if !self.prompt_order.is_empty() => {
                self.prompt_pos = (self.prompt_pos + 1) % self.prompt_order.len();
                self.set_prompt_from_order(cx.content);
                self.dirty = true;
            }
            (Step::Summary, Command::Open) if self.back_when_done => return Nav::Back,
            (Step::Summary, Command::Open) => return Nav::Home,
            (Step::Summary, Command::Edit) => {
                self.saved = false;
                self.go(Step::Closeness, cx);
            }
            (Step::Summary, _) => {}
            (_, Command::NewLine) => {
                if let Some(ed) = self.editor_mut() {
                    ed.insert_newline();
                    self.dirty = true;
                    self.saved = false;
                }
            }
            (_, Command::Next | Command::Skip) => self.forward(cx),
            _ => {}
        }
        Nav::Stay
    }

    /// A card chosen in the library for tomorrow: it becomes the act, and the check-in goes
    /// on to its summary (which saves).
    pub fn pick_card(&mut self, id: &str, cx: &mut Cx) -> Nav {
        if self.step != Step::SmallAct || cx.content.card(id).is_none() {
            return Nav::Stay;
        }
        self.put_card_first(cx.content, id);
        self.card_pos = 0;
        self.act = ActChoice::Card(id.to_string());
        self.go(Step::Summary, cx);
        Nav::Stay
    }

    fn next_card(&mut self, delta: isize) {
        if self.card_order.is_empty() {
            return;
        }
        let len = self.card_order.len() as isize;
        self.card_pos = ((self.card_pos as isize + delta).rem_euclid(len)) as usize;
        self.act = ActChoice::Undecided;
    }

    /// The card on screen in the small-act step.
    pub fn suggested<'a>(&self, content: &'a Library) -> Option<&'a crate::content::Card> {
        if let ActChoice::Card(id) = &self.act
            && let Some(card) = content.card(id)
        {
            return Some(card);
        }
        self.card_order
            .get(self.card_pos)
            .map(|&i| &content.cards[i])
    }

    pub fn on_text(&mut self, key: KeyEvent, _cx: &mut Cx) -> Nav {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        let Some(ed) = self.editor_mut() else {
            return Nav::Stay;
        };
        // The undo and redo people expect, besides the editor's own ctrl+u and ctrl+r.
        let changed = match (key.code, key.modifiers) {
            (KeyCode::Char('z'), KeyModifiers::CONTROL) => ed.undo(),
            (KeyCode::Char('y'), KeyModifiers::CONTROL) => ed.redo(),
            _ => ed.input(key),
        };
        if changed {
            self.dirty = true;
            self.saved = false;
        }
        Nav::Stay
    }

    pub fn on_paste(&mut self, text: &str, _cx: &mut Cx) -> Nav {
        if let Some(ed) = self.editor_mut() {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            ed.insert_str(text);
            self.dirty = true;
            self.saved = false;
        }
        Nav::Stay
    }

    /// A quiet moment: keep the draft up to date.
    pub fn on_tick(&mut self, cx: &mut Cx) -> Nav {
        if self.dirty && !self.saved && self.has_answers() {
            cx.effects
                .push(Effect::SaveDraft(Box::new(self.draft(cx.now))));
            self.dirty = false;
        }
        Nav::Stay
    }

    pub fn view(&self, frame: &mut Frame, app: &App) {
        let (n, total) = self.progress();
        let title = if self.step == Step::Summary && app.unsaved {
            "Check-in · not saved yet".to_string()
        } else if self.step == Step::Summary {
            "Check-in · saved".to_string()
        } else {
            format!("Check-in · {n} of {total} · {}", self.step.title())
        };
        let body = chrome::page(frame, app, &title, self.date, self.context());
        let body = chrome::inset(body, 3);
        let theme = &app.theme;
        match self.step {
            Step::Arrive => self.view_arrive(frame, body, theme, app),
            Step::Closeness => {
                let question = Paragraph::new(Line::styled(
                    "Which picture is closest to how today felt between you?",
                    theme.title(),
                ))
                .wrap(Wrap { trim: false });
                let height = question.line_count(body.width).min(3) as u16;
                let [q, _, scale, hint] = Layout::vertical([
                    Constraint::Length(height),
                    Constraint::Length(1),
                    Constraint::Min(3),
                    Constraint::Length(1),
                ])
                .areas(body);
                frame.render_widget(question, q);
                ios::scale(frame, scale, self.closeness, theme);
                self.view_hint(frame, hint, theme);
            }
            Step::Stress => {
                let mut lines = vec![
                    Line::styled("How much stress came from outside the relationship today?", theme.title()),
                    Line::styled("Work, family, health, the news. Optional: s skips.", theme.dim()),
                    Line::raw(""),
                ];
                lines.push(choice_row(&STRESS_WORDS, self.stress, theme));
                lines.push(Line::raw(""));
                if self.stress.is_some_and(|s| s >= 4) {
                    lines.push(Line::styled(self.self_compassion.clone(), theme.accent()));
                }
                frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
            }
            Step::Followup => {
                let planned = self.planned.as_ref().map_or("", |p| p.text.as_str());
                let lines = vec![
                    Line::styled("Yesterday you planned:", theme.dim()),
                    Line::styled(planned.to_string(), theme.title()),
                    Line::raw(""),
                    Line::raw("Did it happen?"),
                    Line::raw(""),
                    choice_row(&["yes", "partly", "not yet"], self.outcome.map(|_| self.outcome_cursor as u8 + 1), theme),
                    Line::raw(""),
                    Line::styled("Not yet is fine. Tomorrow is another chance.", theme.dim()),
                ];
                frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
            }
            Step::Noticed => self.view_editor(
                frame,
                body,
                theme,
                &format!(
                    "About \"{}\": what did you notice?",
                    self.planned.as_ref().map_or("", |p| p.text.as_str())
                ),
                "How did it land, for you or for them? Optional.",
                &self.noticed,
            ),
            Step::Reflection => self.view_editor(
                frame,
                body,
                theme,
                &self.prompt.1,
                "Tonight's question. ctrl+n shows another.",
                &self.reflection,
            ),
            Step::Appreciation => self.view_editor(
                frame,
                body,
                theme,
                "One good thing about your partner today.",
                "Something specific they did, and what it says about them.",
                &self.appreciation,
            ),
            Step::SmallAct => self.view_small_act(frame, body, theme, app),
            Step::OwnAct => self.view_editor(
                frame,
                body,
                theme,
                "Tomorrow's small act, in your own words.",
                "Small and concrete works best: a text at lunch, a cup of tea, five minutes of listening.",
                &self.own_act,
            ),
            Step::Summary => self.view_summary(frame, body, theme, app),
        }
    }

    fn view_hint(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        if let Some(h) = self.hint {
            frame.render_widget(Paragraph::new(Line::styled(h, theme.warn())), area);
        }
    }

    fn view_arrive(&self, frame: &mut Frame, body: Rect, theme: &Theme, app: &App) {
        let mut lines = vec![
            Line::raw(""),
            Line::styled(self.arrive_line.clone(), theme.title()),
            Line::raw(""),
        ];
        if self.editing {
            lines.push(Line::styled(
                "You checked in this evening already. Going through again changes that entry; it never makes a second one.",
                theme.dim(),
            ));
            lines.push(Line::raw(""));
        } else if self.date != app.evening {
            lines.push(Line::styled(
                format!("This check-in is for {}.", self.date.format("%A %-d %B")),
                theme.dim(),
            ));
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(vec![
            Span::styled("p", theme.accent()),
            Span::raw("  a three-breath pause first"),
        ]));
        let (_, total) = self.progress();
        lines.push(Line::from(vec![
            Span::styled("enter", theme.accent()),
            Span::raw(format!(
                "  begin: {} short steps, about three minutes",
                ["five", "six"][usize::from(total > 7)]
            )),
        ]));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn view_editor(
        &self,
        frame: &mut Frame,
        body: Rect,
        theme: &Theme,
        question: &str,
        help: &str,
        ta: &TextArea<'static>,
    ) {
        let question_lines = Paragraph::new(Line::styled(question.to_string(), theme.title()))
            .wrap(Wrap { trim: false })
            .line_count(body.width)
            .min(4) as u16;
        let [q, h, _, ed] = Layout::vertical([
            Constraint::Length(question_lines),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(3),
        ])
        .areas(body);
        frame.render_widget(
            Paragraph::new(Line::styled(question.to_string(), theme.title()))
                .wrap(Wrap { trim: false }),
            q,
        );
        frame.render_widget(
            Paragraph::new(Line::styled(help.to_string(), theme.dim())),
            h,
        );
        let mut ta = ta.clone();
        let border = if theme.color {
            theme.accent()
        } else {
            theme.text()
        };
        ta.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(border)
                .padding(Padding::horizontal(1)),
        );
        ta.set_placeholder_style(theme.dim());
        frame.render_widget(&ta, ed);
    }

    fn view_small_act(&self, frame: &mut Frame, body: Rect, theme: &Theme, app: &App) {
        let mut lines = vec![
            Line::styled("A small thing to try tomorrow:", theme.dim()),
            Line::raw(""),
        ];
        match self.suggested(&app.content) {
            Some(card) => {
                let star = if app.journal.is_favourite(&card.id) {
                    "★ "
                } else {
                    ""
                };
                lines.push(Line::styled(
                    format!("{star}{}", card.title),
                    theme.accent(),
                ));
                lines.push(Line::styled(
                    format!(
                        "{} min · {} · {}",
                        card.minutes,
                        card.mode.label(),
                        card.depth.label()
                    ),
                    theme.dim(),
                ));
                lines.push(Line::raw(""));
                lines.push(Line::raw(card.why.clone()));
                lines.push(Line::raw(""));
                for (i, step) in card.steps.iter().enumerate() {
                    lines.push(Line::raw(format!("{}. {step}", i + 1)));
                }
            }
            None => lines.push(Line::raw(
                "No suggestion fits right now. Press w to write your own.",
            )),
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "Suggestion {} of {}.",
                self.card_pos + 1,
                self.card_order.len().max(1)
            ),
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn view_summary(&self, frame: &mut Frame, body: Rect, theme: &Theme, app: &App) {
        let mut lines: Vec<Line> = Vec::new();
        let status = if app.unsaved {
            Span::styled(
                "Not saved to disk yet: see the message below.",
                theme.warn(),
            )
        } else {
            Span::styled("Saved to your journal.", theme.good())
        };
        lines.push(Line::from(status));
        lines.push(Line::raw(""));
        let field = |label: &str, value: String| -> Line<'static> {
            Line::from(vec![
                Span::styled(format!("{label:<14}"), theme.dim()),
                Span::raw(value),
            ])
        };
        if let Some(c) = self.closeness {
            lines.push(field(
                "Closeness",
                format!("{c} of 7, {}", ios::WORDS[usize::from(c - 1)]),
            ));
        }
        if let Some(s) = self.stress {
            lines.push(field(
                "Stress",
                format!("{s} of 5, {}", STRESS_WORDS[usize::from(s - 1)]),
            ));
        }
        if let Some(p) = &self.planned {
            let outcome = self.outcome.map_or("not answered", Outcome::label);
            lines.push(field("Yesterday", format!("{} ({outcome})", p.text)));
        }
        let reflection = text_of(&self.reflection);
        if !reflection.is_empty() {
            lines.push(field("Reflection", first_line(&reflection)));
        }
        let appreciation = text_of(&self.appreciation);
        if !appreciation.is_empty() {
            lines.push(field("Good thing", first_line(&appreciation)));
        }
        let act = self
            .entry(&app.content, app.now)
            .and_then(|e| e.small_act)
            .map(|a| a.text);
        lines.push(field(
            "Tomorrow",
            act.unwrap_or_else(|| "nothing planned".into()),
        ));
        lines.push(Line::raw(""));
        let nights = self.nights_this_month;
        let word = if nights == 1 { "evening" } else { "evenings" };
        lines.push(Line::styled(
            format!("{nights} {word} checked in this month."),
            theme.accent(),
        ));
        lines.push(Line::raw(""));
        lines.push(Line::styled("Sleep well.", theme.dim()));
        frame.render_widget(
            Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
            body,
        );
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let more = text.lines().count() > 1;
    let mut s: String = line.chars().take(60).collect();
    if more || line.chars().count() > 60 {
        s.push('…');
    }
    s
}

/// A row of numbered choices with the chosen one marked (reversed, and with brackets).
fn choice_row(words: &[&str], chosen: Option<u8>, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let n = i as u8 + 1;
        if chosen == Some(n) {
            spans.push(Span::styled(format!("[{n} {w}]"), theme.selected()));
        } else {
            spans.push(Span::styled(format!(" {n} {w} "), theme.text()));
        }
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}
