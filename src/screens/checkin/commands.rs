//! How a check-in takes commands, keys for its text boxes, pastes and quiet moments.

use super::*;

impl Checkin {
    /// Whether a check-in was saved for an evening that already had an entry.
    pub fn editing(&self) -> bool {
        self.original.is_some()
    }

    pub(super) fn choice_count(&self) -> u8 {
        match self.step {
            Step::Closeness => 7,
            Step::Stress => 5,
            Step::Followup => 3,
            _ => 0,
        }
    }

    pub(super) fn choose(&mut self, n: u8) {
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

    pub(super) fn step_choice(&mut self, delta: i8) {
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

    pub(super) fn another_prompt(&mut self, cx: &mut Cx) {
        // The one passed over was shown; so is the one that follows.
        self.note_shown();
        self.prompt_pos = (self.prompt_pos + 1) % self.prompt_order.len();
        self.set_prompt_from_order(cx.content);
        self.note_shown();
        self.dirty = true;
        self.saved = false;
    }

    pub(super) fn answer(&mut self, ask: Ask, command: Command, cx: &mut Cx) {
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

    pub(super) fn next_card(&mut self, delta: isize) {
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
