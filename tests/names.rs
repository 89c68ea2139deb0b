//! Names from About us, where a person gave them: on the closeness pictures and in the
//! words of the check-in; without them, "me", "partner" and "your partner".

mod common;

use common::*;
use nearer::app::{Action, update};
use nearer::journal::draft::Step;
use nearer::journal::{About, Journal};
use nearer::screens::Screen;

fn named_journal() -> Journal {
    let mut journal = Journal::default();
    journal.preferences.about = About {
        my_name: Some("Sam".into()),
        partner_name: Some("Alex".into()),
        ..About::default()
    };
    journal
}

#[test]
fn the_pictures_carry_the_names_given() {
    for (journal, [me, them]) in [
        (named_journal(), ["Sam", "Alex"]),
        (Journal::default(), ["me", "partner"]),
    ] {
        let mut app = app(journal);
        let now = app.now;
        update(&mut app, Action::StartCheckin, now);
        press(&mut app, "enter 4");
        let screen = render(&app, 120, 40);
        assert!(
            screen.contains(me) && screen.contains(them),
            "{me} and {them} on the picture:\n{screen}"
        );
    }
}

#[test]
fn your_partner_reads_as_their_name() {
    let about = named_journal().preferences.about;
    assert_eq!(
        about.named("What did your partner do today? Your partner's laugh."),
        "What did Alex do today? Alex's laugh."
    );
    assert_eq!(
        About::default().named("One good thing about your partner."),
        "One good thing about your partner."
    );
    // A name of spaces is no name.
    let blank = About {
        partner_name: Some("  ".into()),
        ..About::default()
    };
    assert_eq!(blank.named("your partner"), "your partner");
    assert_eq!(blank.picture_names(), ["me", "partner"]);
}

#[test]
fn the_good_thing_asks_about_them_by_name() {
    let mut app = app(named_journal());
    let now = app.now;
    update(&mut app, Action::StartCheckin, now);
    // Through to the good thing: begin, a picture, then on past each step.
    press(&mut app, "enter 4 enter");
    let at_good_thing = |app: &nearer::app::App| matches!(app.screen(), Screen::Checkin(c) if c.step == Step::Appreciation);
    for _ in 0..6 {
        if at_good_thing(&app) {
            break;
        }
        press(&mut app, "tab");
    }
    assert!(at_good_thing(&app), "the walk reached the good thing");
    let screen = render(&app, 100, 30);
    assert!(
        !screen.contains("your partner"),
        "with a name given, the check-in does not say 'your partner':\n{screen}"
    );
}
