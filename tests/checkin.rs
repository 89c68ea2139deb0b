//! The check-in's state machine, driven through `update` with the moment injected.

mod common;

use chrono::{Duration, NaiveDate};
use common::*;
use nearer::app::{Action, Effect, update};
use nearer::journal::{Drafts, Entry, Journal, Outcome, SmallAct, Step};
use nearer::screens::Screen;
use nearer::screens::checkin::Checkin;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn checkin(app: &nearer::app::App) -> &Checkin {
    match app.screen() {
        Screen::Checkin(c) => c,
        other => panic!("expected the check-in, found {other:?}"),
    }
}

fn entry(closeness: u8, d: NaiveDate, act: Option<&str>) -> Entry {
    let t = at("2026-11-25T21:00:00+01:00");
    Entry {
        date: d,
        created: t,
        updated: t,
        closeness,
        stress: None,
        followup: None,
        reflection: None,
        appreciation: None,
        small_act: act.map(|a| SmallAct {
            card_id: None,
            text: a.to_string(),
        }),
        starred: false,
        together: None,
        shown: Vec::new(),
    }
}

/// Home → check-in → a full evening, typed as a person would.
fn full_checkin(app: &mut nearer::app::App) -> Vec<Effect> {
    let mut effects = press(app, "enter"); // start tonight's check-in (first item)
    effects.extend(press(app, "enter")); // arrive
    effects.extend(press(app, "5 enter")); // closeness
    effects.extend(press(app, "2 enter")); // stress
    effects.extend(type_text(app, "We cooked together; Zoë laughed 💛"));
    effects.extend(press(app, "tab"));
    effects.extend(type_text(
        app,
        "She listened to the whole story about work.",
    ));
    effects.extend(press(app, "tab"));
    effects.extend(press(app, "enter")); // plan the suggested card
    effects
}

#[test]
fn a_whole_checkin_saves_one_entry_with_every_answer() {
    let mut app = app(Journal::default());
    let effects = full_checkin(&mut app);
    assert!(effects.contains(&Effect::SaveJournal), "{effects:?}");
    let last_drafts = effects.iter().rev().find_map(|e| match e {
        Effect::SaveDrafts(d) => Some(d),
        _ => None,
    });
    assert!(
        last_drafts.is_some_and(|d| d.is_empty()),
        "no draft is left once the evening is saved: {effects:?}"
    );
    let c = checkin(&app);
    assert_eq!(c.step, Step::Summary);
    assert_eq!(app.journal.entries.len(), 1);
    let e = &app.journal.entries[0];
    assert_eq!(e.date, date(2026, 11, 26));
    assert_eq!(e.closeness, 5);
    assert_eq!(e.stress, Some(2));
    let r = e.reflection.as_ref().expect("a reflection");
    assert_eq!(r.answer, "We cooked together; Zoë laughed 💛");
    assert!(!r.prompt.is_empty(), "the prompt is kept as it was asked");
    assert_eq!(
        app.content.prompt(&r.prompt_id).map(|p| p.text.as_str()),
        Some(r.prompt.as_str())
    );
    assert_eq!(
        e.appreciation.as_deref(),
        Some("She listened to the whole story about work.")
    );
    let act = e.small_act.as_ref().expect("a small act");
    let card = app.content.card(act.card_id.as_deref().unwrap()).unwrap();
    assert_eq!(act.text, card.title);
    assert_eq!(
        e.created.offset().local_minus_utc(),
        3600,
        "local offset kept"
    );
    // Enter on the summary goes home.
    press(&mut app, "enter");
    assert!(matches!(app.screen(), Screen::Home(_)));
}

#[test]
fn the_rating_cannot_be_skipped_but_everything_else_can() {
    let mut app = app(Journal::default());
    press(&mut app, "enter enter");
    assert_eq!(checkin(&app).step, Step::Closeness);
    press(&mut app, "enter s tab");
    assert_eq!(
        checkin(&app).step,
        Step::Closeness,
        "no rating, no next step"
    );
    assert!(
        render(&app, 80, 24).contains("first"),
        "the person is told what to do"
    );
    press(&mut app, "right"); // the first arrow press picks the first picture
    assert_eq!(checkin(&app).closeness, Some(1));
    press(&mut app, "right right right right right right right");
    assert_eq!(checkin(&app).closeness, Some(7), "clamped at the ends");
    press(&mut app, "enter s"); // skip stress
    assert_eq!(checkin(&app).step, Step::Reflection);
    press(&mut app, "tab tab s"); // skip reflection, appreciation and small act
    assert_eq!(checkin(&app).step, Step::Summary);
    let e = &app.journal.entries[0];
    assert_eq!((e.closeness, e.stress), (7, None));
    assert!(e.reflection.is_none() && e.appreciation.is_none() && e.small_act.is_none());
}

#[test]
fn esc_goes_back_a_step_and_keeps_what_was_typed() {
    let mut app = app(Journal::default());
    press(&mut app, "enter enter 3 enter s");
    type_text(&mut app, "first thoughts");
    press(&mut app, "tab");
    assert_eq!(checkin(&app).step, Step::Appreciation);
    press(&mut app, "esc");
    assert_eq!(checkin(&app).step, Step::Reflection);
    assert_eq!(checkin(&app).reflection.lines(), ["first thoughts"]);
    press(&mut app, "esc esc");
    assert_eq!(checkin(&app).step, Step::Closeness);
    assert_eq!(checkin(&app).closeness, Some(3));
}

#[test]
fn doing_it_again_the_same_evening_edits_that_entry() {
    let mut app = app(Journal::default());
    full_checkin(&mut app);
    let first = app.journal.entries[0].clone();
    press(&mut app, "enter"); // home
    app.now += Duration::minutes(40);
    press(&mut app, "enter enter");
    assert_eq!(
        checkin(&app).closeness,
        Some(5),
        "the saved answers come back"
    );
    press(&mut app, "left enter enter");
    assert_eq!(
        checkin(&app).reflection.lines(),
        ["We cooked together; Zoë laughed 💛"]
    );
    press(&mut app, "tab tab enter");
    assert_eq!(
        app.journal.entries.len(),
        1,
        "never a second entry for one evening"
    );
    let second = &app.journal.entries[0];
    assert_eq!(second.closeness, 4);
    assert_eq!(second.created, first.created);
    assert!(second.updated > first.updated);
    assert_eq!(second.reflection, first.reflection);
}

#[test]
fn half_past_midnight_belongs_to_the_evening_before() {
    let mut app = app_with(Journal::default(), at("2026-11-27T00:30:00+01:00"), true);
    press(&mut app, "enter enter 6 enter s tab tab s");
    assert_eq!(app.journal.entries[0].date, date(2026, 11, 26));
    assert_eq!(app.evening, date(2026, 11, 26));
}

#[test]
fn yesterdays_small_act_is_followed_up() {
    let mut journal = Journal::default();
    journal.upsert(entry(
        4,
        date(2026, 11, 25),
        Some("A check-in text at lunch"),
    ));
    let mut app = app(journal);
    press(&mut app, "enter enter 5 enter s");
    assert_eq!(checkin(&app).step, Step::Followup);
    assert!(render(&app, 80, 24).contains("A check-in text at lunch"));
    press(&mut app, "1 enter");
    type_text(&mut app, "They called back smiling.");
    press(&mut app, "tab tab tab s");
    let e = app.journal.entry(date(2026, 11, 26)).unwrap();
    let f = e.followup.as_ref().expect("the follow-up is kept");
    assert_eq!(f.planned.text, "A check-in text at lunch");
    assert_eq!(f.outcome, Some(Outcome::Done));
    assert_eq!(f.noticed, "They called back smiling.");
}

#[test]
fn no_follow_up_step_when_nothing_was_planned() {
    let mut journal = Journal::default();
    journal.upsert(entry(4, date(2026, 11, 25), None));
    let mut app = app(journal);
    press(&mut app, "enter enter 5 enter s");
    assert_eq!(checkin(&app).step, Step::Reflection);
    // Arrive, closeness, stress, reflection, one good thing, the small act.
    assert_eq!(checkin(&app).progress(), (4, 6));
}

fn prompt_of(app: &nearer::app::App) -> String {
    checkin(app).prompt.0.clone()
}

#[test]
fn the_prompt_of_the_day_holds_all_evening_and_another_is_a_key_away() {
    let mut early = app_with(Journal::default(), at("2026-11-26T19:00:00+01:00"), true);
    let mut late = app_with(Journal::default(), at("2026-11-27T01:00:00+01:00"), true);
    press(&mut early, "enter enter 4 enter s");
    press(&mut late, "enter enter 4 enter s");
    assert_eq!(
        prompt_of(&early),
        prompt_of(&late),
        "same evening, same prompt"
    );
    let mut next_day = app_with(Journal::default(), at("2026-11-27T21:00:00+01:00"), true);
    press(&mut next_day, "enter enter 4 enter s");
    assert_ne!(
        prompt_of(&early),
        prompt_of(&next_day),
        "a new evening, a new prompt"
    );
    let before = prompt_of(&early);
    press(&mut early, "ctrl+n");
    assert_ne!(prompt_of(&early), before, "ctrl+n offers another");
}

#[test]
fn a_prompt_answered_in_the_last_thirty_days_is_not_offered() {
    // Answer a month of evenings, each with its prompt of the day, then check that the
    // next 30 evenings never repeat one of the 30 before them.
    let mut journal = Journal::default();
    let mut answered: Vec<(NaiveDate, String)> = Vec::new();
    for day in 0..60 {
        let now = at("2026-09-01T21:00:00+02:00") + Duration::days(day);
        let mut app = app_with(journal.clone(), now, true);
        press(&mut app, "enter enter 4 enter s");
        type_text(&mut app, "an answer");
        press(&mut app, "tab tab s");
        let e = app.journal.entries.last().unwrap();
        let id = e.reflection.as_ref().unwrap().prompt_id.clone();
        for (d, earlier) in &answered {
            if e.date - *d <= Duration::days(30) {
                assert_ne!(&id, earlier, "{} repeats the prompt of {d}", e.date);
            }
        }
        answered.push((e.date, id));
        journal = (*app.journal).clone();
    }
}

#[test]
fn quitting_half_way_keeps_a_draft_that_comes_back() {
    let mut app = app(Journal::default());
    press(&mut app, "enter enter 6 enter 3 enter");
    type_text(&mut app, "half a thought");
    let effects = press(&mut app, "ctrl+c");
    let drafts: Drafts = effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveDrafts(d) => Some(d.clone()),
            _ => None,
        })
        .expect("a draft is saved on quit");
    let draft = drafts
        .get(date(2026, 11, 26))
        .expect("tonight's draft")
        .clone();
    assert!(effects.contains(&Effect::Quit));
    assert!(app.journal.entries.is_empty(), "a draft is not an entry");
    assert_eq!(draft.reflection, "half a thought");

    // Next start: the draft is offered and resumes where it was left.
    let mut next = nearer::app::App::new(
        Journal::default(),
        nearer::content::Library::bundled(),
        evening() + Duration::minutes(5),
        nearer::ui::Theme::new(true),
        "journal.json".into(),
        drafts,
        &[],
    );
    assert!(render(&next, 80, 24).contains("Continue tonight's check-in"));
    press(&mut next, "enter");
    let c = checkin(&next);
    assert_eq!(c.step, Step::Reflection);
    assert_eq!((c.closeness, c.stress), (Some(6), Some(3)));
    assert_eq!(c.reflection.lines(), ["half a thought"]);
}

#[test]
fn a_quiet_moment_writes_the_draft_so_a_closed_terminal_loses_nothing() {
    let mut app = app(Journal::default());
    press(&mut app, "enter enter 6 enter s");
    type_text(&mut app, "typed, then the window closed");
    let now = app.now;
    let effects = update(&mut app, Action::Tick, now);
    assert!(
        effects.iter().any(
            |e| matches!(e, Effect::SaveDrafts(d) if d.newest_first().any(|d| d.reflection == "typed, then the window closed"))
        ),
        "{effects:?}"
    );
    // Nothing new: no second write.
    assert!(update(&mut app, Action::Tick, now).is_empty());
}

#[test]
fn pasted_text_keeps_its_lines_and_characters() {
    let mut app = app(Journal::default());
    press(&mut app, "enter enter 6 enter s");
    let now = app.now;
    update(
        &mut app,
        Action::Paste("שלום\r\nمرحبا — e\u{301}\n😀👩‍❤️‍👨".into()),
        now,
    );
    press(&mut app, "tab tab s");
    let answer = &app.journal.entries[0].reflection.as_ref().unwrap().answer;
    assert_eq!(answer, "שלום\nمرحبا — e\u{301}\n😀👩‍❤️‍👨");
}

#[test]
fn own_words_for_tomorrow() {
    let mut app = app(Journal::default());
    press(&mut app, "enter enter 6 enter s tab tab w");
    assert_eq!(checkin(&app).step, Step::OwnAct);
    type_text(&mut app, "Bring her coffee in bed");
    press(&mut app, "tab");
    let act = app.journal.entries[0].small_act.clone().unwrap();
    assert_eq!(act.card_id, None);
    assert_eq!(act.text, "Bring her coffee in bed");
}

#[test]
fn another_suggestion_changes_the_card_planned() {
    let mut app = app(Journal::default());
    press(&mut app, "enter enter 6 enter s tab tab");
    let first = checkin(&app).suggested(&app.content).unwrap().id.clone();
    press(&mut app, "n");
    let second = checkin(&app).suggested(&app.content).unwrap().id.clone();
    assert_ne!(first, second);
    press(&mut app, "enter");
    assert_eq!(
        app.journal.entries[0]
            .small_act
            .as_ref()
            .unwrap()
            .card_id
            .as_deref(),
        Some(second.as_str())
    );
}

#[test]
fn yesterday_can_be_filled_in_afterwards() {
    let mut app = app(Journal::default());
    press(&mut app, "down enter"); // "Fill in yesterday"
    assert_eq!(checkin(&app).date, date(2026, 11, 25));
    press(&mut app, "enter 3 enter s tab tab s");
    assert!(app.journal.entry(date(2026, 11, 25)).is_some());
    assert!(app.journal.entry(date(2026, 11, 26)).is_none());
    // Back home, its row is gone and the selection is on the first row, not on the row
    // that moved up into its place.
    press(&mut app, "enter");
    assert!(matches!(app.screen(), Screen::Home(_)));
    let home = render(&app, 100, 30);
    assert!(!home.contains("Fill in yesterday"), "{home}");
    assert!(home.contains("▸ Start tonight's check-in"), "{home}");
}

#[test]
fn solo_only_never_suggests_a_partner_facing_card() {
    let mut journal = Journal::default();
    journal.preferences.on_my_own = true;
    let mut app = app(journal);
    press(&mut app, "enter enter 6 enter s tab tab");
    for _ in 0..app.content.cards.len() {
        let card = checkin(&app).suggested(&app.content).unwrap();
        assert!(!card.involves_partner(), "{} involves the partner", card.id);
        press(&mut app, "n");
    }
}

#[test]
fn ctrl_z_undoes_and_ctrl_y_redoes_in_a_text_box() {
    let mut app = app(Journal::default());
    press(&mut app, "enter enter 6 enter s");
    type_text(&mut app, "kept");
    press(&mut app, "space");
    type_text(&mut app, "gone");
    press(&mut app, "ctrl+z ctrl+z ctrl+z ctrl+z ctrl+z"); // one step per character
    assert_eq!(checkin(&app).reflection.lines(), ["kept"]);
    press(&mut app, "ctrl+y");
    assert_eq!(checkin(&app).reflection.lines(), ["kept "]);
}

/// A journal of `n` evenings before tonight whose ordinary question for tonight is deep or
/// about a conflict, so a hard evening has something to change.
fn journal_with_a_heavy_question_tonight(n: usize) -> Journal {
    use nearer::content::{Depth, Library, Tag};
    use nearer::suggest::{Mood, prompts};
    let lib = Library::bundled();
    (1..200)
        .map(|seed| nearer::journal::sample::journal(n, seed))
        .find(|j| {
            let first = prompts::for_journal(&lib, j, date(2026, 11, 26), Mood::UNKNOWN)[0];
            let p = &lib.prompts[first];
            p.depth == Depth::Deep || p.has(Tag::Conflict)
        })
        .expect("some journal has a heavy question tonight")
}

fn heavy(app: &nearer::app::App, id: &str) -> bool {
    let p = app.content.prompt(id).unwrap();
    p.depth == nearer::content::Depth::Deep || p.has(nearer::content::Tag::Conflict)
}

#[test]
fn a_hard_evening_asks_a_gentler_question_with_a_kind_line_above_it() {
    let journal = journal_with_a_heavy_question_tonight(60);
    let mut app = common::app(journal.clone());
    press(&mut app, "enter enter 6 enter 2 enter");
    if checkin(&app).step == Step::Followup {
        press(&mut app, "1 enter tab");
    }
    let ordinary = prompt_of(&app);
    assert!(
        heavy(&app, &ordinary),
        "an ordinary evening asks {ordinary}"
    );
    let screen = render(&app, 100, 30);
    let kind = &app.content.lines.hard_evening;
    let says_kind = |s: &str| kind.iter().any(|l| s.contains(&l[..30.min(l.len())]));
    assert!(
        !says_kind(&screen),
        "no kind line on an ordinary evening:\n{screen}"
    );

    // The same evening, rated very distant: another question, and a kind word.
    let mut app = common::app(journal.clone());
    press(&mut app, "enter enter 2 enter 2 enter");
    if checkin(&app).step == Step::Followup {
        press(&mut app, "1 enter tab");
    }
    let gentle = prompt_of(&app);
    assert!(!heavy(&app, &gentle), "{gentle} on a hard evening");
    let screen = render(&app, 100, 30);
    assert!(says_kind(&screen), "{screen}");
    // ctrl+n stays with what a hard evening allows.
    for _ in 0..20 {
        press(&mut app, "ctrl+n");
        assert!(!heavy(&app, &prompt_of(&app)));
    }

    // Words typed under a question keep it, whatever the ratings become.
    let mut app = common::app(journal);
    press(&mut app, "enter enter 6 enter 2 enter");
    if checkin(&app).step == Step::Followup {
        press(&mut app, "1 enter tab");
    }
    type_text(&mut app, "I began to answer");
    let asked = prompt_of(&app);
    while checkin(&app).step != Step::Closeness {
        press(&mut app, "esc");
    }
    press(&mut app, "1 enter 5 enter");
    if checkin(&app).step == Step::Followup {
        press(&mut app, "enter tab");
    }
    assert_eq!(checkin(&app).step, Step::Reflection);
    assert_eq!(prompt_of(&app), asked, "a question above typed words stays");
    assert_eq!(checkin(&app).reflection.lines(), ["I began to answer"]);
}

#[test]
fn the_prompts_shown_are_kept_with_the_evening() {
    // No question passed over: nothing more than the reflection is kept.
    let mut app = common::app(Journal::default());
    full_checkin(&mut app);
    let e = &app.journal.entries[0];
    assert!(e.shown.is_empty());
    assert_eq!(
        e.shown_prompts().collect::<Vec<_>>(),
        [e.reflection.as_ref().unwrap().prompt_id.as_str()]
    );

    // Two passed over, the third answered: all three, in order.
    let mut app = common::app(Journal::default());
    press(&mut app, "enter enter 5 enter 2 enter");
    let first = prompt_of(&app);
    press(&mut app, "ctrl+n");
    let second = prompt_of(&app);
    press(&mut app, "ctrl+n");
    let third = prompt_of(&app);
    type_text(&mut app, "An answer");
    press(&mut app, "tab tab enter");
    let e = &app.journal.entries[0];
    assert_eq!(e.shown, [first.clone(), second.clone(), third.clone()]);
    assert_eq!(e.reflection.as_ref().unwrap().prompt_id, third);

    // The next evening offers none of them first.
    let mut next = app_with((*app.journal).clone(), evening() + Duration::days(1), true);
    press(&mut next, "enter enter 5 enter 2 enter");
    if checkin(&next).step == Step::Followup {
        press(&mut next, "1 enter tab");
    }
    assert!(![first, second, third].contains(&prompt_of(&next)));

    // A question shown and left unanswered is kept too.
    let mut app = common::app(Journal::default());
    press(&mut app, "enter enter 5 enter 2 enter");
    let shown = prompt_of(&app);
    press(&mut app, "tab tab enter");
    let e = &app.journal.entries[0];
    assert!(e.reflection.is_none());
    assert_eq!(e.shown, [shown]);
}

#[test]
fn an_evening_from_before_shown_was_kept_is_unchanged_by_going_through_it() {
    let t = at("2026-11-26T21:00:00+01:00");
    let mut e = entry(5, date(2026, 11, 26), None);
    e.reflection = Some(nearer::journal::Reflection {
        prompt_id: "wc-easy-moment".into(),
        prompt: "An old wording".into(),
        answer: "Kept as it was".into(),
    });
    e.created = t;
    e.updated = t;
    let mut journal = Journal::default();
    journal.upsert(e.clone());
    let mut app = common::app(journal);
    let effects = press(&mut app, "enter enter enter enter tab tab enter");
    assert!(checkin(&app).saved);
    assert!(
        !effects.contains(&Effect::SaveJournal),
        "going through changes nothing"
    );
    assert_eq!(*app.journal.entries[0], e);
}

#[test]
fn the_tenth_evening_is_greeted_as_such() {
    let lib = nearer::content::Library::bundled();
    let tenth = lib
        .lines
        .milestone
        .iter()
        .find(|m| m.evening == 10)
        .unwrap();
    let mut journal = Journal::default();
    for back in 1..=9 {
        journal.upsert(entry(
            5,
            date(2026, 11, 26) - Duration::days(back * 2),
            None,
        ));
    }
    let mut app = common::app(journal.clone());
    press(&mut app, "enter");
    let screen = render(&app, 100, 30);
    assert!(screen.contains(&tenth.text[..20]), "{screen}");
    // The ninth evening has a line of its own.
    journal.remove(journal.entries[0].date);
    let mut app = app_with(journal, evening(), true);
    press(&mut app, "enter");
    assert!(!render(&app, 100, 30).contains(&tenth.text[..20]));
}
