//! A model-based test of the whole app: long random sequences of what a person can do,
//! through `update`, with the files on disk played by memory. After every step, every piece
//! of text the person typed must still be somewhere they can get it back: in the journal,
//! in a draft, or on screen. Only a confirmed discard or delete may take words away.
//!
//! `PROPTEST_CASES=20000 cargo test --release --test model` hunts longer; a failure prints
//! the shortest sequence that loses words.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset};
use nearer::app::{Action, App, Context, Effect, update};
use nearer::content::Library;
use nearer::journal::{Drafts, Journal};
use nearer::screens::Screen;
use nearer::ui::Theme;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a person can do in one step.
#[derive(Debug, Clone)]
enum Step {
    /// Type a word of their own (only where a check-in takes text).
    Type,
    /// Paste two lines of their own (likewise).
    Paste,
    /// Press a key.
    Key(Press),
    /// Time passes: minutes, perhaps past midnight or past 4 a.m.
    Wait(i64),
    /// A quiet moment (draft autosave, animations).
    Tick,
}

#[derive(Debug, Clone, Copy)]
enum Press {
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Char(char),
    Ctrl(char),
}

impl Press {
    fn event(self) -> KeyEvent {
        match self {
            Press::Enter => KeyEvent::from(KeyCode::Enter),
            Press::Esc => KeyEvent::from(KeyCode::Esc),
            Press::Tab => KeyEvent::from(KeyCode::Tab),
            Press::BackTab => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            Press::Up => KeyEvent::from(KeyCode::Up),
            Press::Down => KeyEvent::from(KeyCode::Down),
            Press::Left => KeyEvent::from(KeyCode::Left),
            Press::Right => KeyEvent::from(KeyCode::Right),
            Press::Char(c) => KeyEvent::from(KeyCode::Char(c)),
            Press::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        }
    }
}

fn press() -> impl Strategy<Value = Press> {
    prop_oneof![
        6 => Just(Press::Enter),
        4 => Just(Press::Esc),
        4 => Just(Press::Tab),
        1 => Just(Press::BackTab),
        3 => Just(Press::Up),
        3 => Just(Press::Down),
        2 => Just(Press::Left),
        2 => Just(Press::Right),
        4 => prop::sample::select(vec!['1', '2', '3', '4', '5', '6', '7']).prop_map(Press::Char),
        // Home, the check-in's small act, look back, confirmations.
        6 => prop::sample::select(vec![
            'c', 'b', 'l', 'd', 'u', 'e', 's', 'n', 'w', 'y', 'p', 'q', 'x', 'f', 'r', 't', 'v', 'a',
            '?', '!', 'j', 'k', 'g', 'G', ' ', '+', '-',
        ])
        .prop_map(Press::Char),
        // (Not the editor's own undo: taking back one's own typing is not a loss.)
        2 => prop::sample::select(vec!['n', 's', 'c']).prop_map(Press::Ctrl),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => Just(Step::Type),
        1 => Just(Step::Paste),
        20 => press().prop_map(Step::Key),
        2 => prop::sample::select(vec![1i64, 30, 120, 300, 600, 1440]).prop_map(Step::Wait),
        2 => Just(Step::Tick),
    ]
}

/// The files nearer keeps, as the effects left them.
#[derive(Debug, Clone, Default)]
struct Disk {
    journal: Journal,
    drafts: Drafts,
}

impl Disk {
    fn apply(&mut self, app: &App, effect: &Effect) {
        match effect {
            Effect::SaveJournal => self.journal = (*app.journal).clone(),
            Effect::SaveDrafts(d) => self.drafts = d.clone(),
            Effect::Export { .. }
            | Effect::Share
            | Effect::Quit
            | Effect::QuickExit
            | Effect::Relock { .. }
            | Effect::CheckPassphrase(_)
            | Effect::Pair(_)
            | Effect::ConfirmCode(_)
            | Effect::Unpair => {}
        }
    }

    /// Everything the files hold, as text to search.
    fn text(&self) -> String {
        let mut s = serde_json::to_string(&self.journal).unwrap();
        s.push_str(&serde_json::to_string(&self.drafts.to_file()).unwrap());
        s
    }

    /// nearer started again on these files.
    fn start(&self, now: DateTime<FixedOffset>) -> App {
        App::new(
            self.journal.clone(),
            Library::bundled(),
            now,
            Theme::new(true),
            "journal.json".into(),
            self.drafts.clone(),
            &[],
        )
    }
}

/// The text held in the app's memory where the person can see it again: the boxes of every
/// check-in open on the screen stack, and the journal and drafts as the app holds them.
fn app_text(app: &App) -> String {
    let mut s = serde_json::to_string(&*app.journal).unwrap();
    s.push_str(&serde_json::to_string(&app.drafts.to_file()).unwrap());
    for screen in &app.screens {
        match screen {
            Screen::Checkin(c) => {
                for ta in [&c.noticed, &c.reflection, &c.appreciation, &c.own_act] {
                    s.push('\n');
                    s.push_str(&ta.lines().join("\n"));
                }
            }
            Screen::Together(t) => {
                for text in t.owner.texts().into_iter().chain(t.partner.texts()) {
                    s.push('\n');
                    s.push_str(&text);
                }
                if let Some(ed) = t.editor() {
                    s.push('\n');
                    s.push_str(&ed.lines().join("\n"));
                }
            }
            Screen::Talk(t) => {
                s.push('\n');
                s.push_str(&t.note.lines().join("\n"));
            }
            Screen::StateOfUs(t) => {
                for text in t.texts() {
                    s.push('\n');
                    s.push_str(&text);
                }
            }
            _ => {}
        }
    }
    s
}

/// Whether pressing `press` now confirms that something is to be thrown away (the first
/// choice of a question, by the app's convention).
fn confirms_a_discard(app: &App, press: Press) -> bool {
    // Or, at the end of a State of us, saving what they chose to keep: what they did not
    // keep is, as the screen says, written nowhere.
    let keeping = matches!(app.screen(), Screen::StateOfUs(s)
        if s.step == nearer::screens::state_of_us::Step::Keep)
        && matches!(press, Press::Enter | Press::Tab);
    keeping || (app.context() == Context::Confirm && matches!(press, Press::Char('1')))
}

fn typed_context(app: &App) -> bool {
    match app.screen() {
        Screen::Checkin(_) => {
            matches!(app.context(), Context::CheckinText | Context::CheckinPrompt)
        }
        // Names are not the person's writing; the evening's boxes are.
        Screen::Together(_) => app.context() == Context::TogetherText,
        // The note after a stress-reducing conversation; a State of us's boxes.
        Screen::Talk(_) | Screen::StateOfUs(_) => app.context() == Context::TogetherText,
        _ => false,
    }
}

struct Run {
    app: App,
    disk: Disk,
    now: DateTime<FixedOffset>,
    /// Words typed and not yet thrown away on purpose.
    alive: BTreeSet<String>,
    next: usize,
    log: Vec<String>,
}

impl Run {
    fn new() -> Run {
        let now = DateTime::parse_from_rfc3339("2026-12-01T20:30:00+01:00").unwrap();
        let disk = Disk::default();
        Run {
            app: disk.start(now),
            disk,
            now,
            alive: BTreeSet::new(),
            next: 0,
            log: Vec::new(),
        }
    }

    fn act(&mut self, action: Action) {
        let effects = update(&mut self.app, action, self.now);
        self.carry_out(effects);
    }

    fn carry_out(&mut self, effects: Vec<Effect>) {
        let mut quit = false;
        let mut saved = false;
        for e in &effects {
            self.disk.apply(&self.app, e);
            quit |= *e == Effect::Quit;
            saved |= *e == Effect::SaveJournal;
        }
        if saved && !quit {
            let more = update(&mut self.app, Action::Saved(Ok(())), self.now);
            self.carry_out(more);
        }
        if quit {
            self.log.push("(nearer quit and was started again)".into());
            self.app = self.disk.start(self.now);
        }
    }

    /// The cursor to the end of the text, so a new word never splits one typed before.
    fn cursor_to_the_end(&mut self) {
        self.act(Action::Key(KeyEvent::new(
            KeyCode::Char('>'),
            KeyModifiers::ALT,
        )));
        self.act(Action::Key(KeyEvent::from(KeyCode::End)));
    }

    fn word(&mut self) -> String {
        self.next += 1;
        format!("zq{}x", self.next)
    }

    fn step(&mut self, step: &Step) -> Result<(), TestCaseError> {
        let before = self.where_words_are();
        let mut discard = false;
        match step {
            Step::Type if typed_context(&self.app) => {
                let w = self.word();
                self.log
                    .push(format!("type {w:?} in {:?}", self.app.context()));
                self.cursor_to_the_end();
                for ch in format!(" {w} ").chars() {
                    self.act(Action::Key(KeyEvent::from(KeyCode::Char(ch))));
                }
                self.alive.insert(w);
            }
            Step::Paste if typed_context(&self.app) => {
                let (a, b) = (self.word(), self.word());
                self.log.push(format!("paste {a:?} and {b:?}"));
                self.cursor_to_the_end();
                self.act(Action::Paste(format!("{a}\n{b}")));
                self.alive.insert(a);
                self.alive.insert(b);
            }
            Step::Type | Step::Paste => return Ok(()),
            Step::Key(p) => {
                discard = confirms_a_discard(&self.app, *p);
                // Whatever a key types goes at the end, so it never splits a word typed
                // before (that would be the person editing their own words).
                if typed_context(&self.app) && matches!(p, Press::Enter | Press::Char(_)) {
                    self.cursor_to_the_end();
                }
                self.log
                    .push(format!("press {p:?} in {:?}", self.app.context()));
                self.act(Action::Key(p.event()));
            }
            Step::Wait(minutes) => {
                self.now += Duration::minutes(*minutes);
                self.log
                    .push(format!("wait {minutes} min, now {}", self.now));
                self.act(Action::Tick);
            }
            Step::Tick => self.act(Action::Tick),
        }
        let after = self.where_words_are();
        let lost: Vec<&String> = self
            .alive
            .iter()
            .filter(|w| !after.contains(w.as_str()))
            .collect();
        if discard {
            // A confirmed discard may take away words, and only those it held.
            let gone: Vec<String> = lost.into_iter().cloned().collect();
            for w in gone {
                prop_assert!(before.contains(w.as_str()));
                self.alive.remove(&w);
            }
            return Ok(());
        }
        prop_assert!(
            lost.is_empty(),
            "lost {:?} after:\n  {}",
            lost,
            self.log.join("\n  ")
        );
        Ok(())
    }

    /// Where the person could find their words again: the files, and the app's memory
    /// (which a quit writes to the files, checked when the next step starts nearer again).
    fn where_words_are(&self) -> String {
        let mut s = self.disk.text();
        s.push_str(&app_text(&self.app));
        s
    }

    /// Quit as a person would, then start again: everything must come back from the files.
    fn quit_and_restart(&mut self) -> Result<(), TestCaseError> {
        self.log.push("press ctrl+c, then start again".into());
        self.act(Action::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
        )));
        let on_disk = self.disk.text();
        let lost: Vec<&String> = self
            .alive
            .iter()
            .filter(|w| !on_disk.contains(w.as_str()))
            .collect();
        prop_assert!(
            lost.is_empty(),
            "not on disk after quitting: {:?} after:\n  {}",
            lost,
            self.log.join("\n  ")
        );
        Ok(())
    }
}

fn config() -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1500),
        // A fixed start, so CI runs the same sequences every time.
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        rng_seed: proptest::test_runner::RngSeed::Fixed(
            std::env::var("NEARER_MODEL_SEED")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(20261201),
        ),
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        max_shrink_iters: 20_000,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_sequence_of_steps_loses_a_word(steps in prop::collection::vec(step(), 1..160)) {
        let mut run = Run::new();
        for s in &steps {
            run.step(s)?;
        }
        run.quit_and_restart()?;
    }
}
