//! `update`: the app and an action in, the new app and the effects out. No I/O.

use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::KeyEvent;

use super::keys::{self, Command, Context};
use super::{Action, App, Effect};
use crate::evening::evening_of;
use crate::screens::{Cx, Nav, Screen};

/// Apply one action at moment `now`. Returns the I/O to carry out, in order.
pub fn update(app: &mut App, action: Action, now: DateTime<FixedOffset>) -> Vec<Effect> {
    app.now = now;
    app.evening = evening_of(now);
    let mut effects = Vec::new();
    match action {
        Action::Key(key) => on_key(app, key, &mut effects),
        Action::StartCheckin => {
            app.help = None;
            app.screens.truncate(1);
            with_screen(app, &mut effects, |s, cx| s.on_command(Command::Next, cx));
        }
        Action::Shutdown => quit(app, &mut effects),
        Action::Paste(text) => with_screen(app, &mut effects, |s, cx| s.on_paste(&text, cx)),
        Action::Scroll(delta) => {
            if let Some(scroll) = app.help.as_mut() {
                let cmd = if delta < 0 {
                    Command::Up
                } else {
                    Command::Down
                };
                for _ in 0..delta.unsigned_abs() {
                    scroll.apply(cmd);
                }
            } else {
                let cmd = if delta < 0 {
                    Command::Up
                } else {
                    Command::Down
                };
                for _ in 0..delta.unsigned_abs() {
                    with_screen(app, &mut effects, |s, cx| s.on_scroll(cmd, cx));
                }
            }
        }
        Action::Tick => {
            with_screen(app, &mut effects, |s, cx| s.on_tick(cx));
            retry_save(app, &mut effects);
        }
        Action::Resize => {}
        Action::Saved(result) => {
            app.saving = false;
            match result {
                Ok(()) => {
                    app.unsaved = false;
                    if app.save_failed_at.take().is_some() {
                        app.notice = Some(SAVED_AGAIN.to_string());
                    }
                    // The drafts kept while the journal could not be written are in it now.
                    if !app.kept_for_save.is_empty() {
                        let mut changed = false;
                        for date in std::mem::take(&mut app.kept_for_save) {
                            let open = app.screens.iter().any(
                                |s| matches!(s, Screen::Checkin(c) if c.date == date && !c.saved),
                            );
                            if !open {
                                changed |= app.drafts.remove(date).is_some();
                            }
                        }
                        if changed {
                            effects.push(Effect::SaveDrafts(app.drafts.clone()));
                        }
                    }
                }
                Err(e) => {
                    app.unsaved = true;
                    app.save_failed_at = Some(now);
                    app.notice = Some(format!(
                        "{SAVE_FAILED} {e}. What you wrote stays here until it is saved."
                    ));
                    // Keep a finished check-in as a draft too, in case nearer is closed before
                    // the journal can be written: it is offered back at the next start.
                    let finished: Vec<_> = (app.screens.iter())
                        .filter_map(|s| match s {
                            Screen::Checkin(c) if c.saved => Some(c.draft(now)),
                            _ => None,
                        })
                        .collect();
                    if !finished.is_empty() {
                        for draft in finished {
                            if !app.kept_for_save.contains(&draft.date) {
                                app.kept_for_save.push(draft.date);
                            }
                            app.drafts.put(draft);
                        }
                        effects.push(Effect::SaveDrafts(app.drafts.clone()));
                    }
                }
            }
        }
        Action::Notice(text) => app.notice = Some(text),
        Action::Exported(result) => {
            app.review.message = Some(match result {
                Ok((n, path)) => format!(
                    "Exported {} to {path}",
                    crate::screens::review::plural(n, "evening", "evenings")
                ),
                Err(e) => format!("The export was not written: {e}"),
            });
        }
        Action::DraftSaved(result) => {
            // A failed journal save says more; keep that notice.
            if let Err(e) = result
                && !app.unsaved
            {
                app.notice = Some(format!("The draft could not be saved: {e}."));
            }
        }
    }
    if effects.contains(&Effect::SaveJournal) {
        app.saving = true;
    }
    effects
}

const SAVE_FAILED: &str = "Not saved:";
const SAVED_AGAIN: &str = "The journal is saved now; nothing was lost.";
/// How long to wait before trying a failed save again.
const RETRY_AFTER_SECONDS: i64 = 5;

/// While the journal in memory holds more than the file, try again every few seconds, so
/// it is saved as soon as the disk has room or the folder is back.
fn retry_save(app: &mut App, effects: &mut Vec<Effect>) {
    if app.unsaved
        && !app.saving
        && app
            .save_failed_at
            .is_none_or(|t| (app.now - t).num_seconds() >= RETRY_AFTER_SECONDS)
    {
        effects.push(Effect::SaveJournal);
    }
}

fn on_key(app: &mut App, key: KeyEvent, effects: &mut Vec<Effect>) {
    if app.notice.as_deref() == Some(SAVED_AGAIN) {
        app.notice = None;
    }
    let context = app.context();
    match keys::lookup(context, &key) {
        Some(command) => on_command(app, context, command, effects),
        None if context.takes_text() => with_screen(app, effects, |s, cx| s.on_text(key, cx)),
        None => {}
    }
}

fn on_command(app: &mut App, context: Context, command: Command, effects: &mut Vec<Effect>) {
    if context == Context::Help {
        match command {
            Command::Help | Command::Back => app.help = None,
            Command::Up | Command::Down => {
                if let Some(scroll) = app.help.as_mut() {
                    scroll.apply(command);
                }
            }
            Command::Quit => quit(app, effects),
            Command::Safety => {
                app.help = None;
                open_safety(app);
            }
            _ => {}
        }
        return;
    }
    match command {
        Command::Help => app.help = Some(Default::default()),
        Command::Quit => quit(app, effects),
        Command::Safety => open_safety(app),
        _ => with_screen(app, effects, |s, cx| s.on_command(command, cx)),
    }
}

fn open_safety(app: &mut App) {
    if !matches!(app.screen(), Screen::Safety(_)) {
        app.screens.push(Screen::Safety(Default::default()));
    }
}

/// Quit, keeping every unfinished check-in as a draft.
fn quit(app: &mut App, effects: &mut Vec<Effect>) {
    let drafts = app.drafts_now();
    if drafts != app.drafts {
        app.drafts = drafts;
        effects.push(Effect::SaveDrafts(app.drafts.clone()));
    }
    if app.unsaved {
        effects.push(Effect::SaveJournal);
    }
    app.quitting = true;
    effects.push(Effect::Quit);
}

/// Run a handler on the top screen and follow the navigation it asks for.
fn with_screen(
    app: &mut App,
    effects: &mut Vec<Effect>,
    f: impl FnOnce(&mut Screen, &mut Cx) -> Nav,
) {
    // If the handler panics, the screen goes back on the stack as it is, so whatever
    // catches the panic (the terminal loop) can still save what was typed in it.
    struct PutBack<'a> {
        screens: &'a mut Vec<Screen>,
        screen: Option<Screen>,
    }
    impl Drop for PutBack<'_> {
        fn drop(&mut self) {
            if let Some(s) = self.screen.take() {
                self.screens.push(s);
            }
        }
    }
    let popped = app.screens.pop().expect("the home screen is never popped");
    let mut guard = PutBack {
        screens: &mut app.screens,
        screen: Some(popped),
    };
    let nav = {
        let mut cx = Cx {
            journal: &mut app.journal,
            content: &app.content,
            now: app.now,
            evening: app.evening,
            effects,
            drafts: &mut app.drafts,
            discarded: &mut app.discarded,
            theme: app.theme,
            review: &mut app.review,
        };
        f(
            guard.screen.as_mut().expect("put back only on drop"),
            &mut cx,
        )
    };
    let screen = guard.screen.take().expect("put back only on drop");
    drop(guard);
    match nav {
        Nav::Stay => app.screens.push(screen),
        Nav::Back => {
            if app.screens.is_empty() {
                app.screens.push(screen);
            }
        }
        Nav::Push(next) => {
            app.screens.push(screen);
            app.screens.push(next);
        }
        Nav::Replace(next) => app.screens.push(next),
        Nav::Home => {
            app.screens.truncate(1);
            if app.screens.is_empty() {
                app.screens.push(screen);
            }
        }
        Nav::Quit => {
            app.screens.push(screen);
            quit(app, effects);
        }
        Nav::Picked(card_id) => picked(app, effects, &card_id),
    }
}

/// A card chosen in the library the check-in opened: close the library and hand the card
/// to the check-in under it.
fn picked(app: &mut App, effects: &mut Vec<Effect>, card_id: &str) {
    while app.screens.len() > 1 && !matches!(app.screen(), Screen::Checkin(_)) {
        app.screens.pop();
    }
    with_screen(app, effects, |s, cx| match s {
        Screen::Checkin(c) => c.pick_card(card_id, cx),
        _ => Nav::Stay,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screen_whose_handler_panics_stays_on_the_stack() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-26T21:30:00+01:00").unwrap();
        let mut app = App::new(
            crate::journal::Journal::default(),
            crate::content::Library::bundled(),
            now,
            crate::ui::Theme::new(false),
            "journal.json".into(),
            Default::default(),
            &[],
        );
        update(
            &mut app,
            Action::Key(KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(
                'c',
            ))),
            now,
        );
        assert!(matches!(app.screen(), Screen::Checkin(_)));
        let depth = app.screens.len();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            with_screen(&mut app, &mut Vec::new(), |_, _| {
                panic!("a bug in a screen")
            });
        }));
        assert!(caught.is_err());
        assert_eq!(app.screens.len(), depth);
        assert!(
            app.checkin_in_progress().is_some(),
            "the check-in is still there to be kept as a draft"
        );
    }
}
