//! The passphrase lock's page in settings, through `update`: what it asks, what it hands
//! to the terminal loop, and that what was typed is held nowhere once it is handed over.

mod common;

use common::*;
use nearer::app::{Action, App, Effect, update};
use nearer::journal::store::Passphrase;
use nearer::screens::Screen;

fn to_lock_page(app: &mut App) {
    press(app, "a");
    press(app, &"down ".repeat(20));
    press(app, "enter");
    assert!(
        matches!(app.screen(), Screen::Lock(_)),
        "settings' last row opens the lock"
    );
}

fn relock_asked(effects: &[Effect]) -> Option<(Option<Passphrase>, Option<Passphrase>)> {
    effects.iter().find_map(|e| match e {
        Effect::Relock { current, new } => Some((current.clone(), new.clone())),
        _ => None,
    })
}

/// The passphrase a check was asked for, if one was.
fn checked(effects: &[Effect]) -> Option<Passphrase> {
    effects.iter().find_map(|e| match e {
        Effect::CheckPassphrase(p) => Some(p.clone()),
        _ => None,
    })
}

#[test]
fn a_passphrase_is_set_after_it_is_typed_twice_the_same() {
    let mut app = app(nearer::journal::Journal::default());
    to_lock_page(&mut app);
    insta::assert_snapshot!("lock_01_unlocked_80x24", render(&app, 80, 24));
    insta::assert_snapshot!("lock_01_unlocked_120x40", render(&app, 120, 40));
    press(&mut app, "enter");
    // Nothing typed: enter does nothing, and the footer does not offer it.
    assert!(relock_asked(&press(&mut app, "enter")).is_none());
    assert!(!render(&app, 80, 24).contains("go on"));
    type_text(&mut app, "pass one");
    let screen = render(&app, 80, 24);
    assert!(
        !screen.contains("pass one"),
        "what is typed shows as dots:\n{screen}"
    );
    assert!(screen.contains("••••••••"), "{screen}");
    insta::assert_snapshot!("lock_02_new_80x24", screen);
    press(&mut app, "enter");
    type_text(&mut app, "pass two");
    assert!(relock_asked(&press(&mut app, "enter")).is_none());
    let screen = render(&app, 80, 24);
    assert!(screen.contains("The two were not the same"), "{screen}");
    assert!(screen.contains("New passphrase:"), "{screen}");
    type_text(&mut app, "pass one");
    press(&mut app, "enter");
    type_text(&mut app, "pass one");
    let effects = press(&mut app, "enter");
    let (current, new) = relock_asked(&effects).expect("the relock is asked for");
    assert!(current.is_none());
    assert!(new.unwrap().same_as(&Passphrase::new("pass one".into())));
    assert!(
        !format!("{:?}", app.screens).contains("pass one"),
        "the passphrase is held nowhere in the app once handed over"
    );
    insta::assert_snapshot!("lock_03_working_80x24", render(&app, 80, 24));
    // A second press cannot start a second change.
    assert!(relock_asked(&press(&mut app, "enter")).is_none());
    let now = app.now;
    update(
        &mut app,
        Action::Relocked(Ok((
            true,
            "The journal is locked: 1 file encrypted.".into(),
        ))),
        now,
    );
    assert!(app.locked);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("The journal is locked: 1 file encrypted."),
        "{screen}"
    );
    assert!(screen.contains("Change the passphrase"), "{screen}");
    insta::assert_snapshot!("lock_04_locked_80x24", screen);
}

#[test]
fn change_and_remove_ask_for_the_passphrase_there_is() {
    let mut app = app(nearer::journal::Journal::default());
    app.locked = true;
    to_lock_page(&mut app);
    press(&mut app, "enter");
    assert!(render(&app, 80, 24).contains("The passphrase there is now:"));
    // A wrong one is told at once, before a new one is asked for.
    type_text(&mut app, "not it");
    assert_eq!(
        checked(&press(&mut app, "enter")).map(|p| p.same_as(&Passphrase::new("not it".into()))),
        Some(true)
    );
    assert!(render(&app, 80, 24).contains("Checking the passphrase"));
    let now = app.now;
    update(
        &mut app,
        Action::PassphraseChecked(Err(
            "That is not the passphrase the journal has now. Nothing was changed.".into(),
        )),
        now,
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("That is not the passphrase"), "{screen}");
    assert!(screen.contains("The passphrase there is now:"), "{screen}");
    type_text(&mut app, "old one");
    assert!(checked(&press(&mut app, "enter")).is_some());
    update(&mut app, Action::PassphraseChecked(Ok(())), now);
    assert!(render(&app, 80, 24).contains("New passphrase:"));
    type_text(&mut app, "new one");
    press(&mut app, "enter");
    type_text(&mut app, "new one");
    let (current, new) = relock_asked(&press(&mut app, "enter")).expect("a change");
    assert!(current.unwrap().same_as(&Passphrase::new("old one".into())));
    assert!(new.unwrap().same_as(&Passphrase::new("new one".into())));
    update(
        &mut app,
        Action::Relocked(Err(
            "That is not the passphrase the journal has now. Nothing was changed.".into(),
        )),
        now,
    );
    assert!(app.locked, "a refused change leaves the lock on");
    assert!(render(&app, 80, 24).contains("That is not the passphrase"));

    // Removing: the passphrase there is, then a question whose first answer keeps it.
    press(&mut app, "down enter");
    type_text(&mut app, "old one");
    press(&mut app, "enter");
    update(&mut app, Action::PassphraseChecked(Ok(())), now);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Remove the passphrase?"), "{screen}");
    insta::assert_snapshot!("lock_05_confirm_remove_80x24", screen);
    assert!(relock_asked(&press(&mut app, "enter")).is_none());
    assert!(render(&app, 80, 24).contains("The passphrase stays as it was."));
    press(&mut app, "down enter");
    type_text(&mut app, "old one");
    press(&mut app, "enter");
    update(&mut app, Action::PassphraseChecked(Ok(())), now);
    let (current, new) = relock_asked(&press(&mut app, "down enter")).expect("a removal");
    assert!(current.unwrap().same_as(&Passphrase::new("old one".into())));
    assert!(new.is_none());
    update(
        &mut app,
        Action::Relocked(Ok((false, "The passphrase is removed.".into()))),
        now,
    );
    assert!(!app.locked);
    assert!(render(&app, 80, 24).contains("Set a passphrase"));
}

#[test]
fn esc_leaves_with_nothing_changed_and_nothing_kept() {
    let mut app = app(nearer::journal::Journal::default());
    to_lock_page(&mut app);
    press(&mut app, "enter");
    type_text(&mut app, "half typed");
    let effects = press(&mut app, "esc");
    assert!(effects.is_empty());
    assert!(render(&app, 80, 24).contains("Nothing was changed."));
    assert!(!format!("{:?}", app.screens).contains("half typed"));
    // A change left for home is said there when it ends.
    press(&mut app, "enter");
    type_text(&mut app, "abc");
    press(&mut app, "enter");
    type_text(&mut app, "abc");
    press(&mut app, "enter esc esc");
    assert!(matches!(app.screen(), Screen::Home(_)));
    let now = app.now;
    update(
        &mut app,
        Action::Relocked(Ok((
            true,
            "The journal is locked: 1 file encrypted.".into(),
        ))),
        now,
    );
    assert_eq!(
        app.notice.as_deref(),
        Some("The journal is locked: 1 file encrypted.")
    );
}

#[test]
fn the_quick_exit_setting_is_a_row_of_settings() {
    let mut app = app(nearer::journal::Journal::default());
    press(&mut app, "a");
    press(&mut app, &"down ".repeat(20));
    press(&mut app, "up");
    assert!(!app.journal.preferences.quick_exit_keeps_nothing);
    let effects = press(&mut app, "enter");
    assert!(effects.contains(&Effect::SaveJournal));
    assert!(app.journal.preferences.quick_exit_keeps_nothing);
    insta::assert_snapshot!("settings_privacy_80x24", render(&app, 80, 24));
}
