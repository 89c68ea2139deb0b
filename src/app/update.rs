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
        Action::Paste(text) => with_screen(app, &mut effects, |s, cx| s.on_paste(&text, cx)),
        Action::Scroll(delta) => {
            if let Some(offset) = app.help.as_mut() {
                *offset = offset.saturating_add_signed(i16::from(delta) * 3);
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
        Action::Tick => with_screen(app, &mut effects, |s, cx| s.on_tick(cx)),
        Action::Resize => {}
        Action::Saved(result) => {
            app.saving = false;
            match result {
                Ok(()) => {
                    app.unsaved = false;
                    if app
                        .notice
                        .as_deref()
                        .is_some_and(|n| n.starts_with(SAVE_FAILED))
                    {
                        app.notice = None;
                    }
                }
                Err(e) => {
                    app.unsaved = true;
                    app.notice = Some(format!(
                        "{SAVE_FAILED} {e}. Your entry is kept here and in a draft; nearer tries again on the next change or when you quit."
                    ));
                }
            }
        }
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
            if let Err(e) = result {
                app.notice = Some(format!("The draft could not be saved: {e}."));
            }
        }
    }
    if effects.contains(&Effect::SaveJournal) {
        app.saving = true;
    }
    effects
}

const SAVE_FAILED: &str = "The journal could not be saved:";

fn on_key(app: &mut App, key: KeyEvent, effects: &mut Vec<Effect>) {
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
            Command::Up => app.help = app.help.map(|o| o.saturating_sub(1)),
            Command::Down => app.help = app.help.map(|o| o.saturating_add(1)),
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
        Command::Help => app.help = Some(0),
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

/// Quit, keeping an unfinished check-in as a draft.
fn quit(app: &mut App, effects: &mut Vec<Effect>) {
    if let Some(checkin) = app.checkin_in_progress()
        && checkin.has_answers()
    {
        effects.push(Effect::SaveDraft(Box::new(checkin.draft(app.now))));
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
    let mut screen = app.screens.pop().expect("the home screen is never popped");
    let nav = {
        let mut cx = Cx {
            journal: &mut app.journal,
            content: &app.content,
            now: app.now,
            evening: app.evening,
            effects,
            draft: &mut app.draft,
            theme: app.theme,
            review: &mut app.review,
        };
        f(&mut screen, &mut cx)
    };
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
