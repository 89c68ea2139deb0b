//! The only code that touches the terminal: a guard that switches raw mode, the alternate
//! screen, bracketed paste and the mouse on and off again, the event loop, and the effect
//! runner (saves happen on a thread of their own, off the input path).

mod input;
pub mod link;
pub mod passphrase;
mod relocker;
mod rescue;
mod saver;

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset, Local};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseEventKind,
};
use ratatui::crossterm::{cursor, execute, terminal};
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, Terminal, TerminalOptions, Viewport, backend::CrosstermBackend};

use crate::app::{Action, App, Effect, update, view::view};
use crate::journal::{Journal, Store, StoreError};
use crate::screens::Screen;
use input::{Input, read_input, stop_on_signals};
use relocker::Relocker;
use rescue::rescue;
use saver::Saver;

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
        // Only a panic of the thread that drives the terminal ends the app; `run` catches
        // it, keeps the check-in as a draft and says so.
        if std::thread::current().name() == Some("main") {
            restore(mouse);
        }
        previous(info);
    }));
}

/// Only in builds for the tests (the `test-hooks` feature, which the test suite turns on
/// and a release build never has): set `NEARER_TEST_PANIC_ON_KEY` to a character to make
/// that key panic (for the tests
/// of what a panic leaves behind). Read here only; nothing else knows of it.
#[cfg(feature = "test-hooks")]
fn test_panic_key() -> Option<char> {
    let value = std::env::var("NEARER_TEST_PANIC_ON_KEY").ok()?;
    let mut chars = value.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

#[cfg(not(feature = "test-hooks"))]
fn test_panic_key() -> Option<char> {
    None
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
    let (drafts, draft_notices) = store.load_drafts();
    let theme = crate::ui::Theme::new(options.color);
    let started = now();
    let mut app = App::new(
        journal,
        content,
        now(),
        theme,
        store.journal_path().display().to_string(),
        drafts,
        &content_errors,
    );
    if let Some(n) = store.take_notices().into_iter().chain(draft_notices).next() {
        app.notice.get_or_insert(n);
    }
    // The link with the partner: known from the data folder at once, read from the shared
    // folder on a thread of its own.
    let (linker, opened) = link::Linker::open(store.dir(), Arc::clone(&app.journal));
    match opened {
        Ok(partner) => app.partner = partner,
        Err(words) => {
            app.notice.get_or_insert(words);
        }
    }

    let guard = Guard::new(options.mouse)?;
    let backend = CrosstermBackend::new(io::stdout());
    // A fixed viewport, sized by hand before each frame (see `drawing_area`): ratatui sizes
    // a full-screen one to the window itself, and a window of 65535×65535 would make it ask
    // for more memory than there is, which aborts without giving the terminal back.
    let mut terminal: DefaultTerminal = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(drawing_area(terminal::size()?)),
        },
    )?;
    app.locked = store.is_locked();
    let saver = Saver::start(Arc::clone(&store));
    let relocker = Relocker::new();
    let stop = stop_on_signals();
    let input = read_input();
    let first = match options.start {
        Start::Home => None,
        Start::Checkin => Some(Action::StartCheckin),
    };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let io = Io {
            store: &store,
            saver: &saver,
            relocker: &relocker,
            link: &linker,
        };
        event_loop(&mut terminal, &mut app, &io, &stop, &input, first)
    }));
    // A share under way may finish (not on a quick exit, which closes at once).
    let limit = if QUICK_EXIT.load(Ordering::SeqCst) {
        Duration::ZERO
    } else {
        Duration::from_secs(2)
    };
    linker.finish(limit);
    let mut input_ended = false;
    let result = match outcome {
        Ok(Ok(ended)) => {
            input_ended = ended;
            Ok(())
        }
        // The terminal failed (closed under nearer, say): keep what was typed all the same.
        Ok(Err(e)) => {
            keep_drafts(&app, &store);
            if app.unsaved {
                saver.save(Arc::clone(&app.journal));
            }
            Err(e)
        }
        Err(panic) => {
            // The panic hook has put the terminal back. Keep what was being typed, let
            // queued saves finish, say what happened, then carry on with the panic.
            let kept = keep_drafts(&app, &store);
            drop(terminal);
            drop(guard);
            let _ = saver.finish();
            let draft = match kept {
                Some(Ok(())) => format!(
                    " The check-in you were writing is kept in {}; nearer offers it back next time.",
                    store.drafts_path().display()
                ),
                Some(Err(e)) => format!(" The check-in you were writing could not be kept: {e}."),
                None => String::new(),
            };
            eprintln!(
                "nearer: something went wrong inside nearer (a bug, not something you did). \
                 The journal is as it was at the last save.{draft}"
            );
            std::panic::resume_unwind(panic);
        }
    };
    drop(terminal);
    drop(guard);
    if QUICK_EXIT.load(Ordering::SeqCst) {
        // Nothing more is shown: what was asked for is written, and the screen is clear.
        clear_everything();
        relocker.finish();
        if let Some(Err(e)) = saver.finish() {
            // Kept where it can be, said nowhere on the screen.
            let _ = rescue(&store, &app, &e, started);
        }
        return result;
    }
    // A passphrase change still under way ends before nearer does; its outcome is said here
    // when the app could not say it.
    relocker.finish();
    for outcome in relocker.results.try_iter() {
        match outcome {
            Ok((_, words)) => println!("{words}"),
            Err(words) => eprintln!("nearer: {words}"),
        }
    }
    let last_save = saver.finish();
    result?;
    let signalled = stop.load(Ordering::Relaxed);
    if let Some(Err(e)) = last_save {
        bail!("{}", rescue(&store, &app, &e, started));
    }
    // The last save, on the way out, wrote what a failed one had kept as drafts.
    if last_save.is_some() && !app.kept_for_save.is_empty() {
        let mut drafts = app.drafts.clone();
        for date in &app.kept_for_save {
            drafts.remove(*date);
        }
        let _ = store.save_drafts(&drafts);
    }
    if signalled || input_ended {
        // Asked to stop by the system (a shutdown, a closed terminal window), or the
        // terminal's input ended: done as q does, but say so, and end as a stopped program
        // does.
        let kept = if app.drafts.is_empty() {
            String::new()
        } else {
            format!(
                " Unfinished check-ins are kept as drafts in {}; nearer offers them back next time.",
                store.drafts_path().display()
            )
        };
        if !signalled {
            bail!("the terminal closed, so nearer closed and saved everything first.{kept}");
        }
        bail!("asked to stop, so nearer closed and saved everything first.{kept}");
    }
    Ok(())
}

/// Write the drafts as they should be now (what open check-ins hold included), if that
/// differs from what was last written. `None` when there was nothing to write.
fn keep_drafts(app: &App, store: &Store) -> Option<Result<(), StoreError>> {
    let drafts = app.drafts_now();
    (drafts != app.drafts || !app.drafts.is_empty()).then(|| store.save_drafts(&drafts))
}

/// The area to draw in, for a window of `(width, height)`: all of it, or the top left
/// corner only when it is too large to draw (see [`crate::ui::chrome::drawable`]).
fn drawing_area((width, height): (u16, u16)) -> Rect {
    use crate::ui::chrome::{TOO_BIG_AREA, drawable};
    if drawable(width, height) {
        Rect::new(0, 0, width, height)
    } else {
        Rect::new(0, 0, width.min(TOO_BIG_AREA.0), height.min(TOO_BIG_AREA.1))
    }
}

/// Run until the person quits or nearer is asked to stop. Returns whether it ended because
/// the terminal's input did.
#[allow(clippy::too_many_arguments)] // each is one of the loop's own inputs
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    io: &Io,
    stop: &AtomicBool,
    input: &Receiver<Input>,
    first: Option<Action>,
) -> Result<bool> {
    let (store, link) = (io.store, io.link);
    let panic_key = test_panic_key();
    let mut input_ended = false;
    if let Some(action) = first
        && perform(app, io, action)
    {
        return Ok(false);
    }
    loop {
        if stop.load(Ordering::Relaxed) || input_ended {
            // Asked to stop, or the input ended: quit as from anywhere, keeping what was
            // typed.
            perform(app, io, Action::Shutdown);
            return Ok(input_ended);
        }
        // A window too large to draw is drawn in a corner, with a message (as one too small
        // is): never at its own size.
        let size = terminal::size()?;
        let area = drawing_area(size);
        if terminal.get_frame().area() != area {
            terminal.resize(area)?;
        }
        let mut last_drawn = crate::app::Drawn::default();
        let drawn = terminal.draw(|f| {
            if crate::ui::chrome::drawable(size.0, size.1) {
                last_drawn = view(f, app);
            } else {
                crate::ui::chrome::too_big(f, size.0, size.1)
            }
        });
        // A closed terminal makes drawing fail; the stop flag is then set too.
        if let Err(e) = drawn {
            if stop.load(Ordering::Relaxed) {
                continue;
            }
            return Err(e.into());
        }
        let drawn = last_drawn;
        // What the frame laid out (a page's height and length) is data for the next keys.
        perform(app, io, Action::Frame(drawn));
        let animating = matches!(app.screen(), Screen::Pause(_));
        // A timer on screen: wake as its next second begins, so the clock moves evenly.
        let timer = app.next_change();
        let timeout = if animating {
            Duration::from_millis(80)
        } else if let Some(next) = timer {
            next.min(Duration::from_millis(1000))
        } else if app.search_scanning() {
            // Search looks further back a slice (about 2 ms) per quiet moment: keep them
            // coming, so the count is whole within half a second at 100,000 evenings. A key
            // waits for one slice at most.
            Duration::from_millis(6)
        } else if app.relocking || app.linking {
            // The outcome of a passphrase change or a pairing step is said as soon as it
            // is in.
            Duration::from_millis(100)
        } else {
            Duration::from_millis(400)
        };
        let mut actions = Vec::new();
        let mut take = |got: Input, actions: &mut Vec<Action>| match got {
            Input::Event(e) => actions.extend(translate(e)),
            // Keys already in are still taken; then nearer ends as a hang-up ends it.
            Input::Ended => input_ended = true,
            Input::Woken => {}
        };
        match input.recv_timeout(timeout) {
            Ok(first) => {
                // Take everything that is waiting, so a burst of keys costs one frame.
                take(first, &mut actions);
                while actions.len() < 256
                    && let Ok(next) = input.try_recv()
                {
                    take(next, &mut actions);
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => bail!("the terminal stopped answering"),
        }
        // An animation moves on even while keys arrive; otherwise a quiet moment is a tick.
        if animating || actions.is_empty() {
            actions.push(Action::Tick);
        }
        for result in io.relocker.checked.try_iter() {
            actions.push(Action::PassphraseChecked(result));
        }
        for result in io.relocker.results.try_iter() {
            actions.push(Action::Relocked(result));
        }
        for result in io.saver.results.try_iter() {
            actions.push(Action::Saved(result.map_err(|e| e.short())));
        }
        actions.extend(store.take_notices().into_iter().map(Action::Notice));
        actions.extend(link.news());
        for action in actions {
            if let (Some(c), Action::Key(k)) = (panic_key, &action)
                && k.code == event::KeyCode::Char(c)
            {
                panic!("NEARER_TEST_PANIC_ON_KEY: a panic on purpose, for the tests");
            }
            if perform(app, io, action) {
                return Ok(input_ended);
            }
        }
    }
}

/// Set by the quick exit's effect: nearer closes with no further frame and clears the
/// terminal (there is one terminal, so one flag).
static QUICK_EXIT: AtomicBool = AtomicBool::new(false);

/// Leave the terminal clear: the scrollback, the screen, then the scrollback again (some
/// terminals keep a cleared screen in their scrollback), the cursor home. Called once the
/// alternate screen is left.
fn clear_everything() {
    use terminal::{Clear, ClearType};
    let mut out = io::stdout();
    let _ = execute!(
        out,
        Clear(ClearType::Purge),
        cursor::MoveTo(0, 0),
        Clear(ClearType::All),
        Clear(ClearType::Purge)
    );
    let _ = out.flush();
}

/// What the effect runner works with: the store, its save thread, the thread that changes
/// the passphrase, and the link's worker.
struct Io<'a> {
    store: &'a Arc<Store>,
    saver: &'a Saver,
    relocker: &'a Relocker,
    link: &'a link::Linker,
}

/// Apply an action and carry out every effect it asks for, and every effect that the
/// results of those ask for in turn: none is dropped. Returns whether nearer is to quit.
fn perform(app: &mut App, io: &Io, action: Action) -> bool {
    let (store, saver, link) = (io.store, io.saver, io.link);
    let mut queue: std::collections::VecDeque<Effect> = update(app, action, now()).into();
    let mut quit = false;
    while let Some(effect) = queue.pop_front() {
        let result = match effect {
            Effect::SaveJournal => {
                saver.save(Arc::clone(&app.journal));
                None
            }
            Effect::SaveDrafts(drafts) => store
                .save_drafts(&drafts)
                .err()
                .map(|e| Action::DraftSaved(Err(e.short()))),
            Effect::Export { format, from, to } => Some(Action::Exported(export_to_file(
                app, store, format, from, to,
            ))),
            Effect::Relock { current, new } => {
                io.relocker.start(Arc::clone(store), current, new);
                None
            }
            Effect::CheckPassphrase(p) => {
                io.relocker.check(Arc::clone(store), p);
                None
            }
            Effect::Share => {
                link.share(Arc::clone(&app.journal));
                None
            }
            Effect::Pair(typed) => link
                .begin(&typed, Arc::clone(&app.journal))
                .err()
                .map(|e| Action::LinkSaid(Err(e))),
            Effect::ConfirmCode(code) => link.confirm(code).err().map(|e| Action::LinkSaid(Err(e))),
            Effect::Unpair => link
                .unpair(Arc::clone(&app.journal))
                .err()
                .map(|e| Action::Unlinked(Err(e))),
            Effect::Quit => {
                quit = true;
                None
            }
            Effect::QuickExit => {
                quit = true;
                QUICK_EXIT.store(true, Ordering::SeqCst);
                None
            }
        };
        if let Some(next) = result {
            queue.extend(update(app, next, now()));
        }
    }
    quit
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
    // What the partner shared goes beside each evening of the Markdown (held in memory
    // only until now; the person asked for this file).
    let name = app.journal.preferences.about.partner().to_string();
    let shared = app.partner.as_ref().map_or_else(Vec::new, |p| {
        crate::link::partner::for_export(&p.evenings, &app.journal, &name)
    });
    let text = export::export_with(&app.journal, format, from, to, &shared);
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
