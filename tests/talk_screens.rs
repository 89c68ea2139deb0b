//! The two guided conversations, step by step, at 80x24 and 120x40 (ratatui TestBackend +
//! insta): the stress-reducing conversation and the weekly State of us, with what each
//! leaves in the journal.

mod common;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use common::*;
use nearer::app::{Action, App, Context, update};
use nearer::journal::together::{Talk, TalkKind, Together, Voice};
use nearer::journal::{About, Entry, Journal};
use nearer::screens::Screen;

fn both(app: &App, name: &str) {
    insta::assert_snapshot!(format!("{name}_80x24"), render(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), render(app, 120, 40));
}

/// Keys pressed at moment `t`.
fn press_at(app: &mut App, keys: &str, t: DateTime<FixedOffset>) {
    for name in keys.split_whitespace() {
        update(app, Action::Key(key(name)), t);
    }
}

fn tick_at(app: &mut App, t: DateTime<FixedOffset>) {
    update(app, Action::Tick, t);
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn entry(d: u32, appreciation: Option<&str>, together: Option<Together>) -> Entry {
    let t = at(&format!("2026-11-{d:02}T21:00:00+01:00"));
    Entry {
        date: day(d),
        created: t,
        updated: t,
        closeness: 5,
        stress: None,
        followup: None,
        reflection: None,
        appreciation: appreciation.map(str::to_string),
        small_act: None,
        starred: false,
        together,
        shown: Vec::new(),
    }
}

fn voice(name: &str, good: &str) -> Voice {
    Voice {
        name: name.into(),
        closeness: 5,
        answer: None,
        good_thing: Some(good.into()),
        small_act: None,
        followup: None,
    }
}

/// Alex and Sam, with a week of evenings and last week's State of us.
fn named() -> Journal {
    let mut j = Journal::default();
    j.preferences.about = About {
        my_name: Some("Alex".into()),
        partner_name: Some("Sam".into()),
        ..About::default()
    };
    j.upsert(entry(22, Some("Sam brought soup when I was ill"), None));
    j.upsert(entry(
        24,
        None,
        Some(Together {
            prompt_id: String::new(),
            prompt: "What made you laugh?".into(),
            owner: voice("Alex", "You waited up for me, Zoë-style 💛"),
            partner: voice("Sam", "You fixed the bike"),
            act_together: None,
        }),
    ));
    j.talks.push(Talk {
        date: day(18),
        at: at("2026-11-18T21:00:00+01:00"),
        kind: TalkKind::StateOfUs,
        minutes: None,
        note: Some("What went well: the walk\nNext week, Alex: tea in bed\nNext week, Sam: a call at lunch".into()),
    });
    j
}

#[test]
fn the_stress_reducing_conversation_step_by_step() {
    let mut app = app(named());
    let t0 = app.now;
    press_at(&mut app, "r", t0);
    assert_eq!(app.context(), Context::TalkSetup);
    both(&app, "stress_01_setup");
    press_at(&mut app, "+ 2", t0);
    both(&app, "stress_02_setup_sam_first_11_minutes");
    press_at(&mut app, "enter", t0);
    tick_at(&mut app, t0 + Duration::seconds(90));
    both(&app, "stress_03_turn_one_running");
    press_at(&mut app, "space", t0 + Duration::seconds(90));
    tick_at(&mut app, t0 + Duration::seconds(400));
    both(&app, "stress_04_turn_one_paused");
    press_at(&mut app, "space", t0 + Duration::seconds(400));
    tick_at(&mut app, t0 + Duration::seconds(400 + 600));
    both(&app, "stress_05_turn_one_time_up");
    press_at(&mut app, "enter", t0 + Duration::seconds(1000));
    tick_at(&mut app, t0 + Duration::seconds(1010));
    both(&app, "stress_06_turn_two");
    assert!(
        app.journal.talks.len() == 1,
        "nothing new written during the turns"
    );
    press_at(&mut app, "enter", t0 + Duration::seconds(1600));
    both(&app, "stress_07_end");
    let talk = app.journal.talks.last().unwrap();
    assert_eq!(talk.kind, TalkKind::StressTalk);
    assert_eq!(talk.minutes, Some(11), "(11.5 + 10) / 2 minutes, rounded");
    assert_eq!(talk.note, None, "nothing but that it happened");
    let t1 = t0 + Duration::seconds(1600);
    press_at(&mut app, "n", t1);
    type_text(&mut app, "Work is easier to carry, said together 💛");
    both(&app, "stress_08_note");
    press_at(&mut app, "tab", t1);
    both(&app, "stress_09_end_with_note");
    let talk = app.journal.talks.last().unwrap();
    assert_eq!(
        talk.note.as_deref(),
        Some("Work is easier to carry, said together 💛")
    );
    assert_eq!(app.journal.talks.len(), 2, "one record, its note added");
    press_at(&mut app, "enter", t1);
    assert!(matches!(app.screen(), Screen::Home(_)));
}

#[test]
fn the_stress_talk_asks_for_names_when_about_us_has_none() {
    let mut app = app(Journal::default());
    press(&mut app, "r");
    both(&app, "stress_00_names");
    type_text(&mut app, "Zoë");
    press(&mut app, "tab");
    type_text(&mut app, "健");
    press(&mut app, "tab");
    assert_eq!(app.context(), Context::TalkSetup);
    assert_eq!(
        app.journal.preferences.about.my_name.as_deref(),
        Some("Zoë")
    );
    let t0 = app.now;
    press_at(&mut app, "2 enter", t0);
    // A name the large type has no letters for is shown in ordinary type.
    both(&app, "stress_03_turn_in_ordinary_type");
}

#[test]
fn esc_in_a_turn_pauses_and_goes_back_keeping_the_time() {
    let mut app = app(named());
    let t0 = app.now;
    press_at(&mut app, "r enter", t0);
    press_at(&mut app, "enter", t0 + Duration::seconds(120));
    press_at(&mut app, "esc", t0 + Duration::seconds(180));
    let Screen::Talk(s) = app.screen() else {
        panic!("still the conversation")
    };
    assert_eq!(s.timer.turn(), 0);
    assert!(s.timer.is_paused());
    assert_eq!(
        s.timer.ran(0, t0 + Duration::hours(1)),
        Duration::seconds(120)
    );
    assert_eq!(
        s.timer.ran(1, t0 + Duration::hours(1)),
        Duration::seconds(60)
    );
    press_at(&mut app, "esc", t0 + Duration::seconds(200));
    assert_eq!(app.context(), Context::TalkSetup);
    press_at(&mut app, "esc", t0 + Duration::seconds(200));
    assert!(matches!(app.screen(), Screen::Home(_)));
    assert_eq!(
        app.journal.talks.len(),
        1,
        "a conversation left half-way is not recorded"
    );
}

#[test]
fn a_note_being_written_is_kept_when_nearer_quits() {
    let mut app = app(named());
    let t0 = app.now;
    press_at(&mut app, "r enter enter enter n", t0);
    type_text(&mut app, "half a note");
    let effects = update(&mut app, Action::Key(key("ctrl+c")), t0);
    assert!(effects.contains(&nearer::app::Effect::SaveJournal));
    assert_eq!(
        app.journal.talks.last().unwrap().note.as_deref(),
        Some("half a note")
    );
}

#[test]
fn the_state_of_us_step_by_step() {
    let mut app = app(named());
    let t0 = app.now;
    both(&app, "state_00_home_due");
    press_at(&mut app, "w", t0);
    both(&app, "state_01_welcome");
    press_at(&mut app, "enter", t0);
    both(&app, "state_02_appreciations");
    press_at(&mut app, "enter", t0);
    type_text(&mut app, "The walk on Sunday; Zoë's party 🎉");
    both(&app, "state_03_went_well");
    press_at(&mut app, "tab", t0);
    both(&app, "state_04_issue_who");
    press_at(&mut app, "2 enter", t0);
    type_text(&mut app, "You never ask about my day, and I ALWAYS start");
    both(&app, "state_05_issue_harsh");
    for _ in 0.."You never ask about my day, and I ALWAYS start"
        .chars()
        .count()
    {
        press_at(&mut app, "backspace", t0);
    }
    type_text(
        &mut app,
        "I feel alone about the evenings. I need us to ask each other.",
    );
    both(&app, "state_05_issue_gentle");
    press_at(&mut app, "tab", t0);
    both(&app, "state_06_issue_turn_not_started");
    press_at(&mut app, "- enter", t0);
    tick_at(&mut app, t0 + Duration::seconds(75));
    both(&app, "state_07_issue_turn_one");
    press_at(&mut app, "enter", t0 + Duration::seconds(75));
    tick_at(&mut app, t0 + Duration::seconds(100));
    both(&app, "state_08_issue_turn_two");
    press_at(&mut app, "enter", t0 + Duration::seconds(300));
    both(&app, "state_09_repair");
    press_at(&mut app, "7 enter", t0);
    type_text(&mut app, "Let's ask first, every evening this week");
    both(&app, "state_10_repair_own");
    press_at(&mut app, "tab", t0);
    type_text(&mut app, "Ask Sam about the day, before the phones");
    both(&app, "state_11_act_alex");
    press_at(&mut app, "tab", t0);
    type_text(&mut app, "Cook on Thursday");
    press_at(&mut app, "tab", t0);
    both(&app, "state_12_keep");
    press_at(&mut app, "2 enter", t0);
    both(&app, "state_13_away");
    let talk = app.journal.talks.last().unwrap();
    assert_eq!(talk.kind, TalkKind::StateOfUs);
    assert_eq!(
        talk.note.as_deref(),
        Some(
            "What went well: The walk on Sunday; Zoë's party 🎉\n\
             Next week, Alex: Ask Sam about the day, before the phones\n\
             Next week, Sam: Cook on Thursday"
        ),
        "what went well and the acts, not the issue"
    );
    assert!(
        app.drafts.state_of_us().is_none(),
        "no draft once it is done"
    );
    press_at(&mut app, "enter", t0);
    assert!(matches!(app.screen(), Screen::Home(_)));
    // Done this week: offered again in a week, reachable from the menu meanwhile.
    let home = render(&app, 80, 24);
    assert!(home.contains("State of us, the weekly talk"), "{home}");
    assert!(!home.contains("A State of us this week"), "{home}");
}

#[test]
fn a_state_of_us_keeps_only_that_it_happened_unless_they_choose() {
    let mut app = app(named());
    let t0 = app.now;
    press_at(&mut app, "w enter enter", t0);
    type_text(&mut app, "private words");
    press_at(&mut app, "tab 1 enter", t0);
    type_text(&mut app, "an issue");
    press_at(&mut app, "tab enter enter enter 1 enter", t0);
    type_text(&mut app, "an act");
    press_at(&mut app, "tab tab", t0);
    assert_eq!(app.context(), Context::TogetherChoice);
    press_at(&mut app, "enter", t0);
    let talk = app.journal.talks.last().unwrap();
    assert_eq!(
        (talk.kind, talk.note.as_deref()),
        (TalkKind::StateOfUs, None)
    );
    let json = serde_json::to_string(&*app.journal).unwrap();
    assert!(!json.contains("private words") && !json.contains("an issue"));
}

#[test]
fn all_of_it_keeps_the_issue_and_the_repair() {
    let mut app = app(named());
    let t0 = app.now;
    press_at(&mut app, "w enter enter tab 1 enter", t0);
    type_text(
        &mut app,
        "I feel rushed about mornings. I need ten quiet minutes.",
    );
    press_at(
        &mut app,
        "tab enter enter enter 3 enter tab tab 3 enter",
        t0,
    );
    let note = app.journal.talks.last().unwrap().note.clone().unwrap();
    assert_eq!(
        note,
        "Alex raised: I feel rushed about mornings. I need ten quiet minutes.\n\
         Repair: Can we start again, more gently?"
    );
}

#[test]
fn a_state_of_us_left_half_way_is_a_draft_and_comes_back() {
    let mut app = app(named());
    let t0 = app.now;
    press_at(&mut app, "w enter enter", t0);
    type_text(&mut app, "The walk");
    press_at(&mut app, "tab 1 enter", t0);
    type_text(&mut app, "I feel tired");
    // Esc goes back a step at a time, nothing lost, and out.
    press_at(&mut app, "esc", t0);
    assert_eq!(app.context(), Context::TogetherChoice);
    press_at(&mut app, "esc esc esc esc", t0);
    assert!(matches!(app.screen(), Screen::Home(_)));
    let d = app.drafts.state_of_us().expect("kept as a draft");
    assert_eq!(
        (d.went_well.as_str(), d.issue.as_str()),
        ("The walk", "I feel tired")
    );
    let home = render(&app, 80, 24);
    assert!(home.contains("Continue the State of us"), "{home}");
    press_at(&mut app, "w", t0);
    let Screen::StateOfUs(s) = app.screen() else {
        panic!("the State of us")
    };
    assert_eq!(s.texts(), ["The walk", "I feel tired"]);
    // Quitting mid-way keeps the words typed since.
    press_at(&mut app, "enter enter tab", t0);
    press_at(&mut app, "enter", t0);
    type_text(&mut app, " and sad");
    update(&mut app, Action::Key(key("ctrl+c")), t0);
    let issue = &app.drafts.state_of_us().unwrap().issue;
    assert!(
        issue.contains("I feel tired") && issue.contains("and sad"),
        "{issue}"
    );
}

#[test]
fn help_shows_the_timer_keys() {
    let mut app = app(named());
    press(&mut app, "r enter");
    press(&mut app, "space ?");
    both(&app, "stress_help_paused");
}

#[test]
fn a_state_of_us_draft_is_written_and_read_back_with_every_word() {
    let mut app = app(named());
    let t0 = app.now;
    press_at(&mut app, "w enter enter", t0);
    type_text(&mut app, "Zoë's walk 💛, 健康");
    press_at(&mut app, "tab 2 enter", t0);
    type_text(&mut app, "I feel far away about Sundays. I need a plan.");
    press_at(&mut app, "tab enter enter enter 7 enter", t0);
    type_text(&mut app, "our words");
    press_at(&mut app, "tab", t0);
    type_text(&mut app, "tea");
    press_at(&mut app, "esc", t0);
    let drafts = app.drafts.clone();
    let d = drafts.state_of_us().unwrap();
    assert_eq!(d.step, "repair_own");
    let dir = tempfile::tempdir().unwrap();
    let store = nearer::journal::Store::open(dir.path()).unwrap();
    store.save_drafts(&drafts).unwrap();
    let (back, notices) = store.load_drafts();
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back, drafts);
    // Opened again from the file, where it was left, every word in its place.
    let mut again = app_with(named(), t0, true);
    again.drafts = back;
    press(&mut again, "w");
    let Screen::StateOfUs(s) = again.screen() else {
        panic!("the State of us")
    };
    assert_eq!(s.step, nearer::screens::state_of_us::Step::RepairOwn);
    assert_eq!(
        s.texts(),
        [
            "Zoë's walk 💛, 健康",
            "I feel far away about Sundays. I need a plan.",
            "our words",
            "tea"
        ]
    );
    assert_eq!(s.issue_by, Some(nearer::screens::together::Who::Partner));
}
