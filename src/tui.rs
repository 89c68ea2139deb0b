//! The only code that touches the terminal: a guard that switches raw mode, the alternate
//! screen, bracketed paste and the mouse on and off again, the event loop, and the effect
//! runner (saves happen on a thread of their own, off the input path).

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset, Local};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseEventKind,
};
use ratatui::crossterm::{cursor, execute, terminal};
use ratatui::{DefaultTerminal, Terminal, backend::CrosstermBackend};

use crate::app::{Action, App, Effect, update, view::view};
use crate::journal::{Journal, Store};
use crate::screens::Screen;

/// What to open at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Home,
    Checkin,
}

pub fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

/// Switches the terminal into the app's modes; `Drop` switches them all back.
struct Guard {
    mouse: bool,
}

impl Guard {
    fn new(mouse: bool) -> io::Result<Guard> {
        install_panic_hook(mouse);
        terminal::enable_raw_mode()?;
        let guard = Guard { mouse };
        let mut out = io::stdout();
        // Clear by hand: ratatui's clear() asks the terminal where the cursor is, and a
        // terminal that does not answer would stall the start.
        execute!(
            out,
            terminal::EnterAlternateScreen,
            terminal::Clear(terminal::ClearType::All),
            EnableBracketedPaste
        )?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
        }
        Ok(guard)
    }
}

fn restore(mouse: bool) {
    let mut out = io::stdout();
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(mouse);
        eprintln!(
            "nearer: something went wrong inside nearer. Your journal file was not touched by this; \
             an unfinished check-in is kept as a draft."
        );
        previous(info);
    }));
}

/// The save thread: takes journal snapshots, writes the newest, reports each result.
struct Saver {
    tx: Option<Sender<Arc<Journal>>>,
    results: Receiver<Result<(), String>>,
    handle: Option<JoinHandle<()>>,
}

impl Saver {
    fn start(store: Arc<Store>) -> Saver {
        let (tx, rx) = mpsc::channel::<Arc<Journal>>();
        let (done_tx, results) = mpsc::channel();
        let handle = std::thread::Builder::new()
            .name("nearer-save".into())
            .spawn(move || {
                while let Ok(mut journal) = rx.recv() {
                    // Only the newest snapshot matters.
                    while let Ok(newer) = rx.try_recv() {
                        journal = newer;
                    }
                    let result = store.save(&journal).map_err(|e| e.to_string());
                    drop(journal);
                    if done_tx.send(result).is_err() {
                        break;
                    }
                }
            })
            .expect("a thread can be started");
        Saver {
            tx: Some(tx),
            results,
            handle: Some(handle),
        }
    }

    fn save(&self, journal: Arc<Journal>) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(journal);
        }
    }

    /// Wait for every queued save; the last result tells whether the file is current.
    fn finish(mut self) -> Option<Result<(), String>> {
        drop(self.tx.take());
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
        self.results.try_iter().last()
    }
}

pub struct Options {
    pub mouse: bool,
    pub color: bool,
    pub start: Start,
}

/// The app draws on a terminal; say so clearly when there is none (a pipe, a cron job).
pub fn ensure_terminal() -> Result<()> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        bail!(
            "the app needs a terminal, and standard input or output is not one. \
             For scripts, use `nearer status`, `nearer export` or `nearer path`."
        );
    }
    Ok(())
}

/// Run the app until the person quits.
pub fn run(
    store: Store,
    journal: Journal,
    content: crate::content::Library,
    content_errors: Vec<crate::content::ContentError>,
    options: Options,
) -> Result<()> {
    ensure_terminal()?;
    let store = Arc::new(store);
    let draft = store.load_draft();
    let theme = crate::ui::Theme::new(options.color);
    let mut app = App::new(
        journal,
        content,
        now(),
        theme,
        store.journal_path().display().to_string(),
        draft,
        &content_errors,
    );
    if options.start == Start::Checkin {
        let effects = update(
            &mut app,
            Action::Key(event::KeyEvent::from(event::KeyCode::Char('c'))),
            now(),
        );
        debug_assert!(effects.is_empty());
    }

    let guard = Guard::new(options.mouse)?;
    let backend = CrosstermBackend::new(io::stdout());
    let mut terminal: DefaultTerminal = Terminal::new(backend)?;
    let saver = Saver::start(Arc::clone(&store));
    let result = event_loop(&mut terminal, &mut app, &store, &saver);
    drop(terminal);
    drop(guard);
    let last_save = saver.finish();
    result?;
    if let Some(Err(e)) = last_save {
        bail!(
            "the last save failed ({e}). What you wrote this session is in the draft \
             ({}) and nearer offers it back next time.",
            store.draft_path().display()
        );
    }
    Ok(())
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &Store,
    saver: &Saver,
) -> Result<()> {
    loop {
        terminal.draw(|f| view(f, app))?;
        let animating = matches!(app.screen(), Screen::Pause(_));
        let timeout = if animating {
            Duration::from_millis(80)
        } else {
            Duration::from_millis(400)
        };
        let mut actions = Vec::new();
        if event::poll(timeout)? {
            // Take everything that is waiting, so a burst of keys costs one frame.
            loop {
                if let Some(a) = translate(event::read()?) {
                    actions.push(a);
                }
                if actions.len() >= 256 || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        // An animation moves on even while keys arrive; otherwise a quiet moment is a tick.
        if animating || actions.is_empty() {
            actions.push(Action::Tick);
        }
        for result in saver.results.try_iter() {
            actions.push(Action::Saved(result));
        }
        for action in actions {
            let effects = update(app, action, now());
            for effect in effects {
                match effect {
                    Effect::SaveJournal => saver.save(Arc::clone(&app.journal)),
                    Effect::SaveDraft(draft) => {
                        let r = store.save_draft(&draft).map_err(|e| e.to_string());
                        if r.is_err() {
                            update(app, Action::DraftSaved(r), now());
                        }
                    }
                    Effect::ClearDraft => {
                        let _ = store.clear_draft();
                    }
                    Effect::Export { format, from, to } => {
                        let result = export_to_file(app, store, format, from, to);
                        update(app, Action::Exported(result), now());
                    }
                    Effect::Quit => return Ok(()),
                }
            }
        }
    }
}

/// Write an export to a new file in the person's home folder (or, without one, the
/// journal's folder), never replacing a file. Returns how many evenings and the path.
fn export_to_file(
    app: &App,
    store: &Store,
    format: crate::journal::export::Format,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) -> Result<(usize, String), String> {
    use crate::journal::export;
    let dir = directories::UserDirs::new()
        .map(|u| u.home_dir().to_path_buf())
        .filter(|d| d.is_dir())
        .unwrap_or_else(|| store.dir().to_path_buf());
    let count = export::select(&app.journal, from, to).len();
    let text = export::export(&app.journal, format, from, to);
    let stem = match (from, to) {
        (None, None) => format!("nearer-journal-{}", app.evening.format("%Y-%m-%d")),
        (f, t) => format!(
            "nearer-journal-{}-to-{}",
            f.map_or("start".to_string(), |d| d.format("%Y-%m-%d").to_string()),
            t.map_or("now".to_string(), |d| d.format("%Y-%m-%d").to_string())
        ),
    };
    export::write_new(&dir, &stem, format.extension(), text.as_bytes())
        .map(|path| (count, path.display().to_string()))
        .map_err(|e| format!("{} ({e})", dir.display()))
}

fn translate(event: Event) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind != event::KeyEventKind::Release => Some(Action::Key(k)),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(_, _) => Some(Action::Resize),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::Scroll(-1)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(1)),
            _ => None,
        },
        _ => None,
    }
}
