//! The app with the link: two data folders paired through one plain folder, each app as
//! plain data driven through `update`, the link's worker played by the test (it reads the
//! folder into `Action::Partner` and publishes what the journal shares, as `tui/link.rs`
//! does). Each sees the other's answer only once their own is saved; the question is the
//! same on both; what is taken back is gone from the folder; the folder holds no words.

mod common;
mod link_support;

use std::path::PathBuf;
use std::time::Duration;

use common::{app_with, at, press, render, type_text};
use link_support::{all_files, files_holding, pair_both};
use nearer::app::{Action, App, Context, Effect, update};
use nearer::journal::{Journal, Share, sample};
use nearer::link::Link;
use nearer::link::partner::shared_evenings;
use nearer::screens::Screen;
use nearer::tui::link::reading;

struct Two {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    a: Link,
    b: Link,
}

fn two() -> Two {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, dir) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("shared"),
    );
    std::fs::create_dir(&dir).unwrap();
    let (la, lb) = pair_both(&a, &dir, &b, &dir, || {});
    Two {
        _tmp: tmp,
        dir,
        a: la,
        b: lb,
    }
}

fn tonight() -> chrono::DateTime<chrono::FixedOffset> {
    at("2026-12-03T21:30:00+01:00")
}

/// A journal whose default shares closeness, tonight's answer and the good thing.
fn journal(partner: &str) -> Journal {
    let mut j = Journal::default();
    j.preferences.about.partner_name = Some(partner.into());
    j.preferences.sharing.default = Share {
        closeness: true,
        answer: true,
        good_thing: true,
        small_act: false,
    };
    j
}

/// What the link's worker does: read the folder and hand it to `update`.
fn read(app: &mut App, link: &mut Link) {
    let now = app.now;
    update(app, Action::Partner(Box::new(reading(link))), now);
}

/// What the worker does with a saved journal: share exactly what it shares.
fn publish(app: &App, link: &mut Link) {
    link.publish_exactly(&shared_evenings(&app.journal), app.now)
        .unwrap();
}

/// A check-in from home, up to its share step.
fn checkin_to_share(app: &mut App, answer: &str, good: &str) {
    press(app, "c enter 5 enter 2 enter");
    type_text(app, answer);
    press(app, "tab");
    type_text(app, good);
    press(app, "tab enter");
    assert_eq!(
        app.context(),
        Context::CheckinShare,
        "the share step is last"
    );
}

/// Save from the share step, as the terminal loop would: the save, then its result.
fn save(app: &mut App) {
    let effects = press(app, "enter");
    assert!(effects.contains(&Effect::SaveJournal), "{effects:?}");
    let now = app.now;
    let after = update(app, Action::Saved(Ok(())), now);
    assert!(
        after.contains(&Effect::Share),
        "a saved journal goes to the link: {after:?}"
    );
    press(app, "enter"); // back home
    assert!(matches!(app.screen(), Screen::Home(_)));
}

fn prompt(app: &App) -> String {
    match app.screen() {
        Screen::Checkin(c) => c.prompt.0.clone(),
        other => panic!("expected the check-in, found {other:?}"),
    }
}

#[test]
fn each_sees_the_others_answer_only_once_their_own_is_saved() {
    let mut t = two();
    let mut a = app_with(journal("Sam"), tonight(), false);
    let mut b = app_with(journal("Zoë"), tonight(), false);
    read(&mut a, &mut t.a);
    read(&mut b, &mut t.b);
    assert!(render(&a, 100, 30).contains("Waiting for Sam to answer tonight's question"));

    checkin_to_share(
        &mut a,
        "ZEBRA the walk by the river",
        "ZEBRA-GOOD your patience",
    );
    let screen = render(&a, 100, 30);
    assert!(screen.contains("What Sam sees of this evening"), "{screen}");
    assert!(screen.contains("[x] tonight's answer"), "{screen}");
    assert!(screen.contains("[ ] tomorrow's small act"), "{screen}");
    let a_prompt = prompt(&a);
    save(&mut a);
    publish(&a, &mut t.a);

    // B has not answered: it hears that Zoë did, and nothing of what she wrote.
    read(&mut b, &mut t.b);
    let home = render(&b, 100, 30);
    assert!(
        home.contains("Zoë has answered tonight's question"),
        "{home}"
    );
    assert!(!home.contains("ZEBRA"), "{home}");
    // A waits for Sam.
    read(&mut a, &mut t.a);
    assert!(render(&a, 100, 30).contains("Waiting for Sam"));

    // B answers the same question, keeping the good thing private tonight.
    checkin_to_share(&mut b, "OTTER the soup you made", "OTTER-GOOD the note");
    assert_eq!(prompt(&b), a_prompt, "the same question on both machines");
    press(&mut b, "3");
    assert!(render(&b, 100, 30).contains("[ ] one good thing"));
    save(&mut b);
    publish(&b, &mut t.b);

    read(&mut b, &mut t.b);
    let home = render(&b, 100, 30);
    assert!(home.contains("Zoë's answer"), "{home}");
    assert!(home.contains("ZEBRA the walk by the river"), "{home}");
    assert!(home.contains("Zoë felt 5 of 7 close tonight"), "{home}");
    read(&mut a, &mut t.a);
    let home = render(&a, 100, 30);
    assert!(home.contains("OTTER the soup you made"), "{home}");
    let partner = a.partner.as_ref().unwrap();
    assert!(
        partner.evenings.iter().all(|e| e.good_thing.is_none()),
        "what B kept private never left: {:?}",
        partner.evenings
    );

    // The partner's words are in memory only: never in the journal.
    let kept = serde_json::to_string(&*a.journal).unwrap();
    assert!(!kept.contains("OTTER") && kept.contains("ZEBRA"));
    // The folder holds none of the words typed, shared or private.
    for word in [
        "ZEBRA", "OTTER", "river", "soup", "patience", "note", "Sam", "Zoë",
    ] {
        assert!(
            files_holding(&t.dir, word.as_bytes()).is_empty(),
            "{word} found in {:?}",
            all_files(&t.dir)
        );
    }

    // The next evening, B's home has the good thing A shared; A's has nothing B kept.
    let tomorrow = at("2026-12-04T20:00:00+01:00");
    update(&mut b, Action::Tick, tomorrow);
    let home = render(&b, 120, 40);
    assert!(
        home.contains("Yesterday Zoë wrote one good thing about you: “ZEBRA-GOOD your patience”"),
        "{home}"
    );
    update(&mut a, Action::Tick, tomorrow);
    assert!(!render(&a, 120, 40).contains("OTTER-GOOD"));
}

#[test]
fn taking_an_answer_back_removes_it_from_the_folder_at_the_next_share() {
    let mut t = two();
    let mut a = app_with(journal("Sam"), tonight(), false);
    read(&mut a, &mut t.a);
    checkin_to_share(&mut a, "HERON first try", "good");
    save(&mut a);
    publish(&a, &mut t.a);
    let (evenings, _) = t.b.partner_evenings();
    assert_eq!(evenings[0].answer.as_deref(), Some("HERON first try"));

    // Change the evening: untick the answer (2) and save again.
    a.now = at("2026-12-03T22:00:00+01:00");
    press(&mut a, "c enter enter enter tab tab enter");
    assert_eq!(a.context(), Context::CheckinShare);
    press(&mut a, "2");
    save(&mut a);
    assert_eq!(
        a.journal
            .preferences
            .sharing
            .chosen(a.evening)
            .map(|s| s.answer),
        Some(false),
        "the evening's own choice is kept"
    );
    publish(&a, &mut t.a);
    let (evenings, _) = t.b.partner_evenings();
    assert_eq!(evenings.len(), 1);
    assert_eq!(evenings[0].answer, None, "taken back: {evenings:?}");
    assert_eq!(evenings[0].closeness, Some(5), "the rest still shared");

    // Everything unticked: the evening is withdrawn altogether.
    press(&mut a, "c enter enter enter tab tab enter 1 3");
    save(&mut a);
    publish(&a, &mut t.a);
    let (evenings, _) = t.b.partner_evenings();
    assert!(
        evenings
            .iter()
            .all(|e| e.is_withdrawn() && e.prompt.is_empty()),
        "{evenings:?}"
    );
}

#[test]
fn two_data_folders_with_different_solo_histories_get_the_same_prompt() {
    let t = two();
    let (mut la, mut lb) = (t.a, t.b);
    let now = at(&format!(
        "{}T21:00:00+01:00",
        sample::last_evening() + chrono::Duration::days(1)
    ));
    let (mine, theirs) = (sample::journal(40, 1), sample::journal(300, 2));
    let solo = |j: &Journal| {
        let mut app = app_with(j.clone(), now, false);
        press(&mut app, "c");
        prompt(&app)
    };
    assert_ne!(
        solo(&mine),
        solo(&theirs),
        "their own journals ask differently"
    );
    let linked = |j: &Journal, link: &mut Link| {
        let mut app = app_with(j.clone(), now, false);
        read(&mut app, link);
        press(&mut app, "c");
        prompt(&app)
    };
    assert_eq!(linked(&mine, &mut la), linked(&theirs, &mut lb));
}

#[test]
fn a_forged_file_is_said_on_home_and_never_read_as_the_partners() {
    let mut t = two();
    let mut a = app_with(journal("Sam"), tonight(), false);
    t.a.set_settle(Duration::ZERO);
    let forged = nearer::link::folder::nearer_dir(&t.dir).join(nearer::link::folder::file_name(
        t.b.install_id(),
        nearer::link::folder::Kind::Sealed,
    ));
    std::fs::write(
        &forged,
        b"age-encryption.org/v1\nnot a real file, FORGED words",
    )
    .unwrap();
    read(&mut a, &mut t.a);
    let home = render(&a, 120, 40);
    assert!(
        home.contains("was ignored") || home.contains("cannot be read"),
        "{home}"
    );
    assert!(!home.contains("FORGED"));
    assert!(a.partner.as_ref().unwrap().evenings.is_empty());
}

fn snapshot_pair() -> (Two, App, App) {
    let mut t = two();
    let mut a = app_with(journal("Sam"), tonight(), false);
    let mut b = app_with(journal("Zoë"), tonight(), false);
    read(&mut a, &mut t.a);
    read(&mut b, &mut t.b);
    // Keys are new at every run, and so the couple's seed: fix it, for a steady question.
    for app in [&mut a, &mut b] {
        app.partner.as_mut().unwrap().seed = Some(0x5eed);
    }
    (t, a, b)
}

#[test]
fn snapshots_of_home_waiting_and_showing_the_answer_and_the_share_step() {
    let (mut t, mut a, mut b) = snapshot_pair();
    insta::assert_snapshot!("link_home_waiting_80x24", render(&a, 80, 24));
    insta::assert_snapshot!("link_home_waiting_120x40", render(&a, 120, 40));
    checkin_to_share(
        &mut a,
        "The walk by the river, and how quiet it was.",
        "You waited for me.",
    );
    insta::assert_snapshot!("link_share_step_80x24", render(&a, 80, 24));
    insta::assert_snapshot!("link_share_step_120x40", render(&a, 120, 40));
    save(&mut a);
    publish(&a, &mut t.a);
    checkin_to_share(
        &mut b,
        "Your soup, and the song in the kitchen.",
        "You called my mother.",
    );
    save(&mut b);
    publish(&b, &mut t.b);
    read(&mut a, &mut t.a);
    insta::assert_snapshot!("link_home_answer_80x24", render(&a, 80, 24));
    insta::assert_snapshot!("link_home_answer_120x40", render(&a, 120, 40));
}

#[test]
fn the_default_is_set_once_in_settings_and_fills_in_the_share_step() {
    let mut t = two();
    let mut a = app_with(Journal::default(), tonight(), false);
    read(&mut a, &mut t.a);
    // About us and settings: the share rows come after the suggestions and the link's row;
    // tonight's answer is the second.
    press(&mut a, "a");
    for _ in 0..12 {
        press(&mut a, "down");
    }
    press(&mut a, "enter");
    assert!(a.journal.preferences.sharing.default.answer);
    assert!(!a.journal.preferences.sharing.default.closeness);
    assert!(render(&a, 80, 24).contains("tonight's answer                    yes"));
    press(&mut a, "esc");
    checkin_to_share(&mut a, "KESTREL", "good");
    let screen = render(&a, 100, 30);
    assert!(screen.contains("[x] tonight's answer"), "{screen}");
    assert!(screen.contains("[ ] how close you felt"), "{screen}");
    // Yesterday, filled in later, is not tonight: its rows say so.
    press(&mut a, "esc esc esc esc esc esc esc");
    assert!(matches!(a.screen(), Screen::Home(_)));
    press(&mut a, "down");
    let home = render(&a, 100, 30);
    assert!(home.contains("▸ Fill in yesterday"), "{home}");
    press(&mut a, "enter enter 5 enter 2 enter");
    type_text(&mut a, "late");
    press(&mut a, "tab tab enter");
    assert_eq!(a.context(), Context::CheckinShare);
    let screen = render(&a, 100, 30);
    assert!(screen.contains("[x] that evening's answer"), "{screen}");
    assert!(screen.contains("the next day's small act"), "{screen}");
    assert!(!screen.contains("tonight"), "{screen}");
    // Not linked: no share step, nothing shared.
    let mut solo = app_with(journal("Sam"), tonight(), false);
    press(&mut solo, "c enter 5 enter 2 enter tab tab enter");
    assert_eq!(solo.context(), Context::CheckinDone);
    assert!(shared_evenings(&solo.journal).is_empty());
}

/// Two linked apps, a (Zoë's, partner Sam) and b (Sam's): b has answered tonight with
/// `answer` and "You waited for me." as the good thing, shared; a has read the folder.
fn sam_has_shared(answer: &str) -> (Two, App) {
    let mut t = two();
    let mut a = app_with(journal("Sam"), tonight(), false);
    let mut b = app_with(journal("Zoë"), tonight(), false);
    read(&mut a, &mut t.a);
    read(&mut b, &mut t.b);
    checkin_to_share(&mut b, answer, "You waited for me.");
    save(&mut b);
    publish(&b, &mut t.b);
    read(&mut a, &mut t.a);
    (t, a)
}

#[test]
fn look_back_shows_what_the_partner_shared_beside_this_persons_evening() {
    let (_folders, mut a) = sam_has_shared("The tram ride home, singing.");
    // Before this person's own answer there is no evening to look back on; after it, the
    // evening's page holds the partner's words under their name.
    checkin_to_share(&mut a, "Toast and the crossword.", "You laughed at my pun.");
    save(&mut a);
    press(&mut a, "l");
    // The list row holds Sam's rating beside this person's, marked, as a together
    // evening's holds the partner's.
    let list = render(&a, 100, 30);
    assert!(list.contains("⇄ 5"), "{list}");
    assert!(
        list.contains("⇄ shared from your partner's computer"),
        "{list}"
    );
    press(&mut a, "enter");
    let page = render(&a, 100, 40);
    assert!(page.contains("What Sam shared"), "{page}");
    assert!(page.contains("The tram ride home, singing."), "{page}");
    assert!(page.contains("You waited for me."), "{page}");
    assert!(page.contains("Toast and the crossword."), "{page}");
    // Held in memory, never in this journal.
    assert!(
        !serde_json::to_string(&*a.journal)
            .unwrap()
            .contains("tram ride")
    );
}

#[test]
fn look_back_search_finds_the_partners_shared_words_once_this_persons_answer_is_saved() {
    let (mut t, mut a) = sam_has_shared("The TRAMRIDE home, singing.");
    // a's evening before tonight, answered: Sam's words of tonight are not part of it.
    let mut earlier = (*a.journal).clone();
    let mut e = common_entry(tonight().date_naive() - chrono::Duration::days(1));
    e.reflection = Some(nearer::journal::Reflection {
        prompt_id: "p".into(),
        prompt: "What was yesterday like?".into(),
        answer: "Yesterday's own words.".into(),
    });
    earlier.save_evening(e);
    a.journal = std::sync::Arc::new(earlier);
    read(&mut a, &mut t.a);
    press(&mut a, "l /");
    type_text(&mut a, "tramride");
    let list = render(&a, 100, 30);
    assert!(
        list.contains("No evening matches"),
        "blind: nothing of Sam's answer is found before this person has answered:\n{list}"
    );
    press(&mut a, "esc esc esc");
    assert!(matches!(a.screen(), Screen::Home(_)), "{:?}", a.screen());

    checkin_to_share(&mut a, "Toast and the crossword.", "You laughed at my pun.");
    save(&mut a);
    press(&mut a, "l /");
    type_text(&mut a, "tramride");
    let list = render(&a, 100, 30);
    assert!(
        list.contains("shared: The TRAMRIDE home"),
        "the row shows the partner's words that matched:\n{list}"
    );
    assert!(!list.contains("Yesterday's own words"), "{list}");
    // Their good thing about this person is found too; an unlinked app finds nothing.
    press(&mut a, "esc");
    press(&mut a, "/");
    type_text(&mut a, "waited");
    assert!(render(&a, 100, 30).contains("shared, good thing: You waited for me."));
    let now = a.now;
    update(
        &mut a,
        Action::Unlinked(Ok("Unpaired: nothing more is shared.".into())),
        now,
    );
    press(&mut a, "esc");
    press(&mut a, "/");
    type_text(&mut a, "waited");
    let now = a.now;
    update(&mut a, Action::Tick, now);
    assert!(render(&a, 100, 30).contains("No evening matches"));
}

/// A plain evening with an answer, on `date`.
fn common_entry(date: chrono::NaiveDate) -> nearer::journal::Entry {
    let j = sample::journal_until(1, 3, date, &nearer::content::Library::bundled());
    let mut e = (*j.entries[0]).clone();
    e.together = None;
    // Nothing planned for tonight, so tonight's check-in asks nothing of it.
    e.small_act = None;
    e
}

#[test]
fn the_markdown_export_holds_what_the_partner_shared_beside_answered_evenings_only() {
    use nearer::journal::export::{Format, export_with};
    use nearer::link::partner::for_export;
    let (mut t, mut a) = sam_has_shared("The tram ride home, singing.");
    let shared = |a: &App| {
        let p = a.partner.as_ref().unwrap();
        for_export(&p.evenings, &a.journal, "Sam")
            .into_iter()
            .map(|s| (s.date, s.answer.map(str::to_string)))
            .collect::<Vec<_>>()
    };
    assert!(shared(&a).is_empty(), "blind: a has not answered tonight");
    checkin_to_share(&mut a, "Toast and the crossword.", "You laughed at my pun.");
    save(&mut a);
    read(&mut a, &mut t.a);
    let p = a.partner.clone().unwrap();
    let theirs = for_export(&p.evenings, &a.journal, "Sam");
    assert_eq!(theirs.len(), 1);
    let md = export_with(&a.journal, Format::Markdown, None, None, &theirs);
    let at = md.find("### What Sam shared").expect(&md);
    assert!(
        md[..at].contains("Toast and the crossword."),
        "own first:\n{md}"
    );
    assert!(md[at..].contains("The tram ride home, singing."), "{md}");
    assert!(
        md[at..].contains("**One good thing about you:**\n\n> You waited for me."),
        "{md}"
    );
    // The JSON export is the journal itself: nothing of the partner's.
    let json = export_with(&a.journal, Format::Json, None, None, &theirs);
    assert!(!json.contains("tram ride"), "{json}");
}
