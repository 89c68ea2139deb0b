//! What each check-in step shows at 80x24, as snapshots (ratatui TestBackend + insta).

mod common;

use chrono::NaiveDate;
use common::*;
use nearer::journal::{Entry, Journal, SmallAct};

fn with_yesterday_plan() -> Journal {
    let t = at("2026-11-25T21:00:00+01:00");
    let mut j = Journal::default();
    j.upsert(Entry {
        date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        created: t,
        updated: t,
        closeness: 4,
        stress: None,
        followup: None,
        reflection: None,
        appreciation: None,
        small_act: Some(SmallAct {
            card_id: None,
            text: "A check-in text at lunch".into(),
        }),
        starred: false,
        together: None,
        shown: Vec::new(),
    });
    j
}

#[test]
fn every_step_of_the_checkin() {
    let mut app = app(with_yesterday_plan());
    insta::assert_snapshot!("00_home", render(&app, 80, 24));
    press(&mut app, "enter");
    insta::assert_snapshot!("01_arrive", render(&app, 80, 24));
    press(&mut app, "enter");
    insta::assert_snapshot!("02_closeness_unchosen", render(&app, 80, 24));
    press(&mut app, "5");
    insta::assert_snapshot!("02_closeness_five", render(&app, 80, 24));
    press(&mut app, "enter 4");
    insta::assert_snapshot!("03_stress_high", render(&app, 80, 24));
    press(&mut app, "enter");
    insta::assert_snapshot!("04_yesterday", render(&app, 80, 24));
    press(&mut app, "2 enter");
    type_text(&mut app, "They smiled at the message.");
    insta::assert_snapshot!("04_yesterday_noticed", render(&app, 80, 24));
    press(&mut app, "tab");
    type_text(&mut app, "Café at noon with Zoë 💛, 你好.");
    insta::assert_snapshot!("05_reflection", render(&app, 80, 24));
    press(&mut app, "tab");
    type_text(&mut app, "He waited up with tea.");
    insta::assert_snapshot!("06_appreciation", render(&app, 80, 24));
    press(&mut app, "tab");
    insta::assert_snapshot!("07_small_act", render(&app, 80, 24));
    press(&mut app, "w");
    type_text(&mut app, "Leave a note on the mirror");
    insta::assert_snapshot!("07_small_act_own_words", render(&app, 80, 24));
    press(&mut app, "tab");
    insta::assert_snapshot!("08_summary", render(&app, 80, 24));
}

#[test]
fn closeness_without_colour_is_a_numbered_list() {
    let mut app = app_with(Journal::default(), evening(), false);
    press(&mut app, "enter enter 3");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("▸ 3"),
        "the choice is marked without colour:\n{screen}"
    );
    insta::assert_snapshot!("closeness_no_color", screen);
}

#[test]
fn closeness_in_a_small_terminal_is_a_numbered_list() {
    let mut app = app(Journal::default());
    press(&mut app, "enter enter 2");
    insta::assert_snapshot!("closeness_small", render(&app, 50, 16));
}

#[test]
fn a_window_too_small_says_so() {
    let app = app(Journal::default());
    let screen = render(&app, 30, 8);
    assert!(
        screen.contains("least") && screen.contains("30×8"),
        "{screen}"
    );
}

#[test]
fn help_lists_the_keys_of_the_current_step() {
    let mut app = app(Journal::default());
    press(&mut app, "enter enter 4 enter s");
    press(&mut app, "f1");
    let screen = render(&app, 80, 24);
    insta::assert_snapshot!("help_in_text_step", screen);
}

#[test]
fn an_act_that_did_not_happen_asks_what_got_in_the_way() {
    let mut app = app(with_yesterday_plan());
    press(&mut app, "enter enter 5 enter enter 3 enter");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("what got in the way?") && !screen.contains("How did it land"),
        "a 'not yet' is not asked how the act landed:\n{screen}"
    );
    type_text(&mut app, "We both worked late.");
    press(&mut app, "tab tab tab s enter l enter");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("What got in the way:") && screen.contains("We both worked late."),
        "Look back names it the same way:\n{screen}"
    );

    // A 'partly' is still asked what the person noticed.
    let mut partly = common::app(with_yesterday_plan());
    press(&mut partly, "enter enter 5 enter enter 2 enter");
    let screen = render(&partly, 80, 24);
    assert!(screen.contains("what did you notice?"), "{screen}");
}
