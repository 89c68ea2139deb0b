//! `update`: the app and an action in, the new app and the effects out. No I/O.
//!
//! Screens handle commands with their own state and a read-only view of the rest, and ask
//! for everything else with intents; this is the one place that applies them: the screen
//! stack, the journal, the drafts, and the I/O asked of the terminal loop.

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::crossterm::event::KeyEvent;

use super::keys::{self, Command, Context};
use super::{Action, App, Effect};
use crate::evening::evening_of;
use crate::protocol::{Cx, Destination, Intent};
use crate::screens::{self, Screen};

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
        Action::QuickExit => quick_exit(app, &mut effects),
        Action::Paste(text) => with_screen(app, &mut effects, |s, cx| s.on_paste(&text, cx)),
        Action::Scroll(delta) => {
            let cmd = if delta < 0 {
                Command::Up
            } else {
                Command::Down
            };
            for _ in 0..delta.unsigned_abs() {
                if let Some(scroll) = app.help.as_mut() {
                    scroll.apply(screens::scroll_move(cmd).expect("a scroll"));
                } else {
                    with_screen(app, &mut effects, |s, cx| s.on_scroll(cmd, cx));
                }
            }
        }
        Action::Tick => {
            with_screen(app, &mut effects, |s, cx| s.on_tick(cx));
            retry_save(app, &mut effects);
        }
        Action::Resize => {}
        Action::Frame(drawn) => {
            if let Some(help) = app.help.as_mut() {
                help.fit(drawn.lines, drawn.height);
            } else {
                let (screens, ctx) = app.parts();
                if let Some(top) = screens.last_mut() {
                    top.on_frame(drawn, &ctx);
                }
            }
        }
        Action::Saved(result) => saved(app, result, now, &mut effects),
        Action::Notice(text) => app.notice = Some(text),
        Action::Partner(partner) => app.partner = Some(*partner),
        Action::Exported(result) => {
            for s in app.screens.iter_mut() {
                s.on_exported(&result);
            }
        }
        Action::Relocked(result) => relocked(app, result),
        Action::PassphraseChecked(result) => {
            app.relocking = false;
            for s in app.screens.iter_mut() {
                if let Screen::Lock(page) = s {
                    page.on_checked(&result);
                }
            }
        }
        Action::LinkSaid(result) => link_said(app, result, false),
        Action::Unlinked(result) => link_said(app, result, true),
        Action::DraftSaved(result) => {
            // A failed journal save says more; keep that notice.
            if let Err(e) = result
                && !app.unsaved
            {
                app.notice = Some(format!("The draft could not be saved: {e}."));
            }
        }
    }
    tidy(effects, app)
}

/// Of several writes of one file asked for in one update, the last is enough.
fn tidy(effects: Vec<Effect>, app: &mut App) -> Vec<Effect> {
    let last_drafts = effects
        .iter()
        .rposition(|e| matches!(e, Effect::SaveDrafts(_)));
    let mut journal_asked = false;
    let mut out = Vec::with_capacity(effects.len());
    for (i, e) in effects.into_iter().enumerate() {
        match e {
            Effect::SaveDrafts(_) if Some(i) != last_drafts => {}
            Effect::SaveJournal if journal_asked => {}
            Effect::SaveJournal => {
                journal_asked = true;
                out.push(e);
            }
            e => out.push(e),
        }
    }
    if journal_asked {
        app.saving = true;
    }
    out
}

fn saved(
    app: &mut App,
    result: Result<(), String>,
    now: DateTime<FixedOffset>,
    effects: &mut Vec<Effect>,
) {
    app.saving = false;
    match result {
        Ok(()) => {
            app.unsaved = false;
            // What is saved is what the partner may see of it.
            if app.partner.is_some() {
                effects.push(Effect::Share);
            }
            if app.save_failed_at.take().is_some() {
                app.notice = Some(SAVED_AGAIN.to_string());
            }
            // The drafts kept while the journal could not be written are in it now.
            if !app.kept_for_save.is_empty() {
                let mut changed = false;
                for date in std::mem::take(&mut app.kept_for_save) {
                    let open = (app.screens.iter())
                        .any(|s| matches!(s, Screen::Checkin(c) if c.date == date && !c.saved));
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
            // Keep a finished check-in as a draft too, in case nearer is closed before the
            // journal can be written: it is offered back at the next start.
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
    if command == Command::QuickExit {
        return quick_exit(app, effects);
    }
    if context == Context::Help {
        match command {
            Command::Help | Command::Back => app.help = None,
            Command::Up | Command::Down => {
                if let Some(scroll) = app.help.as_mut() {
                    scroll.apply(screens::scroll_move(command).expect("a scroll"));
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
    keep_talk_notes(app, effects);
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

/// A note being written after a stress-reducing conversation goes into its record.
fn keep_talk_notes(app: &mut App, effects: &mut Vec<Effect>) {
    let pending: Vec<_> = (app.screens.iter())
        .filter_map(|s| match s {
            Screen::Talk(t) => t.pending(),
            _ => None,
        })
        .collect();
    for talk in pending {
        std::sync::Arc::make_mut(&mut app.journal).record_talk(talk);
        effects.push(Effect::SaveJournal);
    }
}

/// Close at once: what the open check-ins hold is kept as drafts, or, when the person chose
/// that a quick exit keeps nothing, their evenings' drafts go (those written earlier too:
/// they hold the same words). No journal save is asked for: saves already asked for finish.
fn quick_exit(app: &mut App, effects: &mut Vec<Effect>) {
    let drafts = if app.journal.preferences.quick_exit_keeps_nothing {
        let mut drafts = app.drafts.clone();
        for s in &app.screens {
            match s {
                Screen::Checkin(c) => {
                    drafts.remove(c.date);
                }
                Screen::Together(t) => {
                    drafts.remove_together(t.date);
                }
                Screen::StateOfUs(_) => {
                    drafts.remove_state_of_us();
                }
                _ => {}
            }
        }
        drafts
    } else {
        app.drafts_now()
    };
    if drafts != app.drafts {
        app.drafts = drafts;
        effects.push(Effect::SaveDrafts(app.drafts.clone()));
    }
    app.quitting = true;
    effects.push(Effect::QuickExit);
}

/// A change of the passphrase ended: the page that asked for it says how, or home does
/// when the person has left it.
fn relocked(app: &mut App, result: Result<(bool, String), String>) {
    app.relocking = false;
    let result = result.map(|(locked, words)| {
        app.locked = locked;
        words
    });
    let mut told = false;
    for s in app.screens.iter_mut() {
        if let Screen::Lock(page) = s
            && page.working()
        {
            page.on_relocked(&result);
            told = true;
        }
    }
    if !told {
        app.notice = Some(match result {
            Ok(text) | Err(text) => text,
        });
    }
}

/// A pairing step ended (or an unpairing, when `unlinked`): the page that asked says how,
/// or home does when the person has left it. Unpaired, nothing of the partner is kept.
fn link_said(app: &mut App, result: Result<String, String>, unlinked: bool) {
    app.linking = false;
    if unlinked && result.is_ok() {
        app.partner = None;
    }
    let mut told = false;
    for s in app.screens.iter_mut() {
        if let Screen::Pairing(page) = s {
            told |= if unlinked {
                page.on_unlinked(&result)
            } else {
                page.on_link_said(&result)
            };
        }
    }
    if !told {
        app.notice = Some(match result {
            Ok(text) | Err(text) => text.replace('\n', " "),
        });
    }
}

/// Run a handler on the top screen, then apply what it asked for.
fn with_screen(app: &mut App, effects: &mut Vec<Effect>, f: impl FnOnce(&mut Screen, &mut Cx)) {
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
    let intents = {
        let (screens, ctx) = app.parts();
        let mut guard = PutBack {
            screens,
            screen: Some(popped),
        };
        let mut cx = Cx::new(ctx);
        f(
            guard.screen.as_mut().expect("put back only on drop"),
            &mut cx,
        );
        cx.intents
    };
    apply(app, intents, effects);
}

/// Apply intents, in order.
fn apply(app: &mut App, intents: Vec<Intent>, effects: &mut Vec<Effect>) {
    for intent in intents {
        apply_one(app, intent, effects);
    }
}

fn apply_one(app: &mut App, intent: Intent, effects: &mut Vec<Effect>) {
    match intent {
        Intent::Open(to) => {
            let screen = build(app, to);
            app.screens.push(screen);
        }
        Intent::Back => {
            if app.screens.len() > 1 {
                app.screens.pop();
            }
        }
        Intent::Home => app.screens.truncate(1),
        Intent::Quit => quit(app, effects),
        Intent::ChooseCard(id) => {
            while app.screens.len() > 1 && !matches!(app.screen(), Screen::Checkin(_)) {
                app.screens.pop();
            }
            with_screen(app, effects, |s, cx| s.on_card_chosen(&id, cx));
        }
        Intent::SaveEntry(entry) => {
            let date = entry.date;
            std::sync::Arc::make_mut(&mut app.journal).save_evening(*entry);
            effects.push(Effect::SaveJournal);
            journal_changed(app, date);
        }
        Intent::ToggleStar(date) => {
            if let Some(e) = std::sync::Arc::make_mut(&mut app.journal).entry_mut(date) {
                e.starred = !e.starred;
                effects.push(Effect::SaveJournal);
                journal_changed(app, date);
            }
        }
        Intent::ToggleFavourite(id) => {
            std::sync::Arc::make_mut(&mut app.journal).toggle_favourite(&id);
            effects.push(Effect::SaveJournal);
        }
        Intent::Plan(plan) => {
            std::sync::Arc::make_mut(&mut app.journal)
                .preferences
                .planned = plan;
            effects.push(Effect::SaveJournal);
        }
        Intent::SetSoloOnly(on) => {
            if app.journal.preferences.on_my_own != on {
                std::sync::Arc::make_mut(&mut app.journal)
                    .preferences
                    .on_my_own = on;
                effects.push(Effect::SaveJournal);
            }
        }
        Intent::SetAbout(about) => {
            if app.journal.preferences.about != about {
                std::sync::Arc::make_mut(&mut app.journal).preferences.about = about;
                effects.push(Effect::SaveJournal);
            }
        }
        Intent::SetLoveLanguages(langs) => {
            if app.journal.preferences.love_languages != langs {
                std::sync::Arc::make_mut(&mut app.journal)
                    .preferences
                    .love_languages = langs;
                effects.push(Effect::SaveJournal);
            }
        }
        Intent::SetQuickExitKeepsNothing(on) => {
            if app.journal.preferences.quick_exit_keeps_nothing != on {
                std::sync::Arc::make_mut(&mut app.journal)
                    .preferences
                    .quick_exit_keeps_nothing = on;
                effects.push(Effect::SaveJournal);
            }
        }
        Intent::SetShare(date, share) => {
            let sharing = &app.journal.preferences.sharing;
            if sharing.chosen(date) != Some(share) {
                std::sync::Arc::make_mut(&mut app.journal)
                    .preferences
                    .sharing
                    .set(date, share);
                effects.push(Effect::SaveJournal);
            }
        }
        Intent::SetShareDefault(share) => {
            if app.journal.preferences.sharing.default != share {
                std::sync::Arc::make_mut(&mut app.journal)
                    .preferences
                    .sharing
                    .default = share;
                effects.push(Effect::SaveJournal);
            }
        }
        Intent::DeleteEntry(date) => {
            if let Some(entry) = std::sync::Arc::make_mut(&mut app.journal).remove(date) {
                app.deleted.push(entry);
                effects.push(Effect::SaveJournal);
                journal_changed(app, date);
            }
        }
        Intent::UndoDelete => {
            if let Some(entry) = app.deleted.pop() {
                let date = entry.date;
                // An evening checked in again after its delete keeps its new entry.
                if app.journal.entry(date).is_none() {
                    std::sync::Arc::make_mut(&mut app.journal).upsert(entry);
                    effects.push(Effect::SaveJournal);
                    journal_changed(app, date);
                }
            }
        }
        Intent::KeepDraft(draft) => {
            app.drafts.put(draft);
            effects.push(Effect::SaveDrafts(app.drafts.clone()));
        }
        Intent::DropDraft(date) => {
            if app.drafts.remove(date).is_some() {
                effects.push(Effect::SaveDrafts(app.drafts.clone()));
            }
        }
        Intent::DiscardDraft(date) => {
            if let Some(d) = app.drafts.remove(date) {
                app.discarded.push(d);
                effects.push(Effect::SaveDrafts(app.drafts.clone()));
            }
        }
        Intent::UndoDiscard => {
            if let Some(mut draft) = app.discarded.pop() {
                if app.drafts.get(draft.date).is_some() {
                    // Never put an older draft over a newer one: it waits for that one.
                    app.discarded.push(draft);
                } else {
                    // Brought back as the evening's latest words, over an entry saved since.
                    draft.saved_at = app.now;
                    app.drafts.put(draft);
                    effects.push(Effect::SaveDrafts(app.drafts.clone()));
                }
            }
        }
        Intent::KeepTogetherDraft(draft) => {
            app.drafts.put_together(*draft);
            effects.push(Effect::SaveDrafts(app.drafts.clone()));
        }
        Intent::DropTogetherDraft(date) => {
            if app.drafts.remove_together(date).is_some() {
                effects.push(Effect::SaveDrafts(app.drafts.clone()));
            }
        }
        Intent::KeepStateOfUsDraft(draft) => {
            app.drafts.put_state_of_us(*draft);
            effects.push(Effect::SaveDrafts(app.drafts.clone()));
        }
        Intent::DropStateOfUsDraft => {
            if app.drafts.remove_state_of_us().is_some() {
                effects.push(Effect::SaveDrafts(app.drafts.clone()));
            }
        }
        Intent::SaveTalk(talk) => {
            std::sync::Arc::make_mut(&mut app.journal).record_talk(*talk);
            effects.push(Effect::SaveJournal);
        }
        Intent::Export { format, from, to } => effects.push(Effect::Export { format, from, to }),
        Intent::Pair(typed) => {
            app.linking = true;
            effects.push(Effect::Pair(typed));
        }
        Intent::ConfirmCode(code) => {
            app.linking = true;
            effects.push(Effect::ConfirmCode(code));
        }
        Intent::Unpair => {
            app.linking = true;
            effects.push(Effect::Unpair);
        }
        Intent::CheckPassphrase(p) => {
            if !app.relocking {
                app.relocking = true;
                effects.push(Effect::CheckPassphrase(p));
            }
        }
        Intent::Relock { current, new } => {
            // One change at a time: the page waits for the outcome before it asks again.
            if !app.relocking {
                app.relocking = true;
                effects.push(Effect::Relock { current, new });
            }
        }
    }
}

/// Tell every screen the journal changed about an evening.
fn journal_changed(app: &mut App, date: NaiveDate) {
    let (screens, ctx) = app.parts();
    for s in screens.iter_mut() {
        s.on_journal_changed(date, &ctx);
    }
}

/// Build the screen a destination names.
fn build(app: &App, to: Destination) -> Screen {
    use crate::screens::{card, checkin, library, pause, review, safety};
    match to {
        Destination::Checkin {
            date,
            back_to_review,
        } => {
            let mut c = checkin::Checkin::new_linked(
                &app.content,
                &app.journal,
                date,
                app.drafts.get(date),
                app.now,
                app.partner.as_ref(),
            );
            c.back_when_done = back_to_review;
            Screen::Checkin(Box::new(c))
        }
        Destination::Library { pick } => {
            Screen::Library(Box::new(library::Browser::new(&app.content, pick)))
        }
        Destination::Card { ids, at, pick } => {
            Screen::Card(Box::new(card::CardPage::new(ids, at, pick)))
        }
        Destination::Review => Screen::Review(Box::new(review::Review::new(app.evening))),
        Destination::Safety => Screen::Safety(safety::Safety::default()),
        Destination::Pause => Screen::Pause(pause::Pause::new(app.now)),
        Destination::Settings => Screen::Settings(Box::default()),
        Destination::Lock => Screen::Lock(Box::default()),
        Destination::Pairing => Screen::Pairing(Box::new(
            crate::screens::pairing::PairingPage::new(app.partner.is_some()),
        )),
        Destination::Together { date } => {
            Screen::Together(Box::new(crate::screens::together::TogetherEvening::new(
                &app.content,
                &app.journal,
                date,
                app.drafts.together(date),
                app.now,
            )))
        }
        Destination::StressTalk => Screen::Talk(Box::new(crate::screens::talk::StressTalk::new(
            &app.journal,
            app.evening,
        ))),
        Destination::StateOfUs => {
            Screen::StateOfUs(Box::new(crate::screens::state_of_us::StateOfUs::new(
                &app.journal,
                app.evening,
                app.drafts.state_of_us(),
            )))
        }
    }
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
        update(&mut app, Action::StartCheckin, now);
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
