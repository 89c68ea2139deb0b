//! Every step of a together evening, as two people at one terminal see it, at 80x24 and
//! 120x40; and what the evening keeps in the journal at its end.

mod common;

use common::*;
use nearer::journal::Journal;
use nearer::screens::Screen;
use nearer::screens::together::{Step, Who};

fn step(app: &nearer::app::App) -> Step {
    match app.screen() {
        Screen::Together(t) => t.step(),
        other => panic!("not a together evening: {other:?}"),
    }
}

fn name(step: Step) -> String {
    let who = |w: Who| match w {
        Who::Owner => "sam",
        Who::Partner => "alex",
    };
    match step {
        Step::Names => "names".into(),
        Step::Handoff(w) => format!("handoff_{}", who(w)),
        Step::Followup(w) => format!("followup_{}", who(w)),
        Step::Rate(w) => format!("rate_{}", who(w)),
        Step::RevealRatings => "reveal_ratings".into(),
        Step::Answer(w) => format!("answer_{}", who(w)),
        Step::RevealAnswers => "reveal_answers".into(),
        Step::GoodThing(w) => format!("good_thing_{}", who(w)),
        Step::RevealGoodThings => "reveal_good_things".into(),
        Step::Act(w) => format!("act_{}", who(w)),
        Step::ActTogether => "act_together".into(),
        Step::Keep(w) => format!("keep_{}", who(w)),
        Step::Summary => "summary".into(),
    }
}

#[test]
fn every_step_of_a_together_evening_at_two_sizes() {
    let mut app = app(Journal::default());
    press(&mut app, "t");
    let mut seen = 0;
    loop {
        let now = step(&app);
        let label = format!("{seen:02}_{}", name(now));
        // The first snapshot of a step is taken with what it holds when it opens; text
        // steps again below with words in them.
        insta::assert_snapshot!(format!("together_{label}_80x24"), draw(&mut app, 80, 24));
        insta::assert_snapshot!(format!("together_{label}_120x40"), draw(&mut app, 120, 40));
        seen += 1;
        match now {
            Step::Names => {
                type_text(&mut app, "Sam");
                press(&mut app, "tab");
                type_text(&mut app, "Alex");
                press(&mut app, "tab");
            }
            Step::Handoff(_) | Step::RevealRatings | Step::RevealAnswers => {
                press(&mut app, "enter");
            }
            Step::RevealGoodThings => drop(press(&mut app, "enter")),
            Step::Followup(_) => drop(press(&mut app, "1 enter")),
            // Two apart: the reveal invites curiosity.
            Step::Rate(Who::Owner) => drop(press(&mut app, "4 enter")),
            Step::Rate(Who::Partner) => drop(press(&mut app, "6 enter")),
            Step::Answer(w) | Step::GoodThing(w) | Step::Act(w) => {
                let words = match (now, w) {
                    (Step::Answer(_), Who::Owner) => "The walk by the canal",
                    (Step::Answer(_), Who::Partner) => "Cooking side by side",
                    (Step::GoodThing(_), Who::Owner) => "Alex waited up for me",
                    (Step::GoodThing(_), Who::Partner) => "Sam fixed the bike",
                    (_, Who::Owner) => "Bring Alex tea",
                    (_, Who::Partner) => "A note in Sam's bag",
                };
                type_text(&mut app, words);
                insta::assert_snapshot!(
                    format!("together_{label}_typed_80x24"),
                    draw(&mut app, 80, 24)
                );
                press(&mut app, "tab");
            }
            // Skipped: nothing to do together this time.
            Step::ActTogether => drop(press(&mut app, "tab")),
            Step::Keep(_) => drop(press(&mut app, "1 enter")),
            Step::Summary => break,
        }
        assert!(seen < 60, "the evening never reached its summary");
    }
    let ratings = render(&app, 120, 40);
    assert!(
        ratings.contains("Sam") && ratings.contains("Alex"),
        "{ratings}"
    );
    let entry = app
        .journal
        .entry(app.evening)
        .expect("the evening is saved at its summary");
    let together = entry.together.as_ref().expect("with both voices");
    assert_eq!(together.owner.name, "Sam");
    assert_eq!(together.partner.name, "Alex");
    assert_eq!(
        (together.owner.closeness, together.partner.closeness),
        (4, 6)
    );
    assert_eq!(
        together.owner.answer.as_deref(),
        Some("The walk by the canal")
    );
    assert_eq!(
        together.partner.good_thing.as_deref(),
        Some("Sam fixed the bike")
    );
    assert_eq!(
        together.partner.small_act.as_deref(),
        Some("A note in Sam's bag")
    );
    assert_eq!(together.act_together, None);
}

#[test]
fn the_reveal_of_ratings_two_apart_invites_curiosity_not_a_verdict() {
    let mut app = app(Journal::default());
    press(&mut app, "t");
    type_text(&mut app, "Sam");
    press(&mut app, "tab");
    type_text(&mut app, "Alex");
    press(&mut app, "tab enter 4 enter enter 6 enter");
    assert_eq!(step(&app), Step::RevealRatings);
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("Sam") && screen.contains("Alex"),
        "{screen}"
    );
    for verdict in ["wrong", "should", "problem"] {
        assert!(
            !screen.to_lowercase().contains(verdict),
            "{verdict}: {screen}"
        );
    }
    assert!(screen.contains("a curious question"), "{screen}");
    // One apart: no line about the gap.
    let mut near = app.clone();
    press(&mut near, "backtab");
    assert_eq!(step(&near), Step::Handoff(Who::Partner));
    press(&mut near, "enter 5 enter");
    assert_eq!(step(&near), Step::RevealRatings);
    let close = render(&near, 120, 40);
    assert!(!close.contains("a curious question"), "{close}");
}
