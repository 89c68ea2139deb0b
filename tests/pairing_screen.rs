//! The link's page in settings as plain data through `update`: each step that touches the
//! shared folder is an effect for the worker (played here by the test, with the real link
//! library on a plain folder), and its outcome, arriving as an action, is what the page
//! says. The words to compare are the link's own; saying no unpairs and forgets the
//! partner; an outcome that arrives after the person left the page is said on home.

mod common;

use std::path::Path;

use common::{app_with, at, press, render, type_text};
use nearer::app::{Action, App, Context, Effect, update};
use nearer::journal::Journal;
use nearer::link::{Link, Status, pairing};
use nearer::screens::Screen;
use nearer::tui::link::reading;

fn tonight() -> chrono::DateTime<chrono::FixedOffset> {
    at("2026-12-03T21:30:00+01:00")
}

fn app() -> App {
    let mut j = Journal::default();
    j.preferences.about.partner_name = Some("Sam".into());
    app_with(j, tonight(), false)
}

/// Home, settings, down to "Link with your partner", open it.
fn open_page(app: &mut App) {
    press(app, "a");
    press(app, &["down"; 10].join(" "));
    assert!(render(app, 100, 30).contains("▸ Link with your partner"));
    press(app, "enter");
    assert!(matches!(app.screen(), Screen::Pairing(_)));
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let now = app.now;
    update(app, action, now)
}

/// Both data folders' links, carried forward until both show the words.
fn until_words(a: &mut Link, b: &mut Link) {
    for _ in 0..20 {
        a.refresh().unwrap();
        b.refresh().unwrap();
        if matches!(a.status(), Status::AwaitingConfirmation { .. })
            && matches!(b.status(), Status::AwaitingConfirmation { .. })
        {
            return;
        }
    }
    panic!("no words: {:?} / {:?}", a.status(), b.status());
}

struct Folders {
    _tmp: tempfile::TempDir,
    a: std::path::PathBuf,
    b: std::path::PathBuf,
    shared: std::path::PathBuf,
}

fn folders() -> Folders {
    let tmp = tempfile::tempdir().unwrap();
    let shared = tmp.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    Folders {
        a: tmp.path().join("a"),
        b: tmp.path().join("b"),
        shared,
        _tmp: tmp,
    }
}

/// Type the folder and ask to link; the worker's part played with the real library.
fn begin(app: &mut App, data: &Path, shared: &Path) -> Link {
    type_text(app, &shared.display().to_string());
    let effects = press(app, "enter");
    assert_eq!(
        effects,
        vec![Effect::Pair(shared.display().to_string())],
        "enter asks the worker to pair through the folder typed, and nothing else"
    );
    assert_eq!(app.context(), Context::PairingWorking);
    let mut link = pairing::begin(data, shared).unwrap();
    act(app, Action::Partner(Box::new(reading(&mut link))));
    act(
        app,
        Action::LinkSaid(Ok("This journal's card is in it.".into())),
    );
    link
}

#[test]
fn enter_is_offered_only_once_a_folder_is_typed() {
    let mut app = app();
    open_page(&mut app);
    assert_eq!(app.context(), Context::PairingText);
    let footer = |app: &App| render(app, 100, 30).lines().last().unwrap().to_string();
    assert!(!footer(&app).contains("enter"), "{}", footer(&app));
    assert!(
        press(&mut app, "enter").is_empty(),
        "nothing to link through"
    );
    type_text(&mut app, "~/Sync/us");
    assert!(footer(&app).contains("enter link"), "{}", footer(&app));
    // esc leaves with nothing asked of the worker.
    assert!(press(&mut app, "esc").is_empty());
    assert!(matches!(app.screen(), Screen::Settings(_)));
}

#[test]
fn the_page_shows_the_links_words_and_yes_confirms_exactly_those() {
    let f = folders();
    let mut app = app();
    open_page(&mut app);
    let mut a = begin(&mut app, &f.a, &f.shared);
    let shown = render(&app, 100, 30);
    assert!(shown.contains("card is in"), "{shown}");
    assert!(shown.contains("Sam opens nearer"), "{shown}");

    let mut b = pairing::begin(&f.b, &f.shared).unwrap();
    until_words(&mut a, &mut b);
    act(&mut app, Action::Partner(Box::new(reading(&mut a))));
    let Status::AwaitingConfirmation { code } = a.status() else {
        unreachable!()
    };
    let shown = render(&app, 100, 30);
    assert!(
        shown.contains(&code.words().join("   ")),
        "the page shows the link's own words:\n{shown}"
    );
    assert!(shown.contains("Does Sam's screen show these same six words?"));
    // Home says where to compare them, and shows none of them.
    let mut elsewhere = self::app();
    act(&mut elsewhere, Action::Partner(Box::new(reading(&mut a))));
    let home = render(&elsewhere, 100, 30);
    assert!(home.contains("(Link with your partner)"), "{home}");
    let flat = home.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!flat.contains(&code.words().join(" ")), "{home}");
    let effects = press(&mut app, "enter");
    assert_eq!(effects, vec![Effect::ConfirmCode(code.clone())]);
    assert_eq!(app.context(), Context::PairingWorking);
    a.confirm(&code).unwrap();
    act(&mut app, Action::Partner(Box::new(reading(&mut a))));
    act(
        &mut app,
        Action::LinkSaid(Ok("Confirmed on this machine.".into())),
    );
    let shown = render(&app, 100, 30);
    assert!(shown.contains("Waiting for Sam to confirm"), "{shown}");
    assert!(shown.contains("Confirmed on this machine."), "{shown}");
    assert!(!app.linking);
}

#[test]
fn no_unpairs_forgets_the_partner_and_offers_the_folder_again() {
    let f = folders();
    let mut app = app();
    open_page(&mut app);
    let mut a = begin(&mut app, &f.a, &f.shared);
    let mut b = pairing::begin(&f.b, &f.shared).unwrap();
    until_words(&mut a, &mut b);
    act(&mut app, Action::Partner(Box::new(reading(&mut a))));
    let effects = press(&mut app, "down enter");
    assert_eq!(
        effects,
        vec![Effect::Unpair],
        "no asks for nothing but unpairing"
    );
    drop(a);
    let done = pairing::unpair(&f.a).unwrap();
    let words = nearer::link::command::unpaired_words(&done);
    act(&mut app, Action::Unlinked(Ok(words)));
    assert!(app.partner.is_none(), "nothing of the partner is kept");
    assert_eq!(app.context(), Context::PairingText);
    let shown = render(&app, 100, 30);
    assert!(shown.contains("Then nothing is shared"), "{shown}");
    assert!(shown.contains("Removed from the shared folder"), "{shown}");
}

#[test]
fn unpairing_asks_first_and_keep_changes_nothing() {
    let f = folders();
    let mut app = app();
    open_page(&mut app);
    let mut a = begin(&mut app, &f.a, &f.shared);
    act(&mut app, Action::Partner(Box::new(reading(&mut a))));
    // While waiting for the partner's card: stop pairing, asked first.
    assert!(press(&mut app, "enter").is_empty());
    assert!(render(&app, 100, 30).contains("▸ Keep the link"));
    assert!(press(&mut app, "enter").is_empty(), "keep asks for nothing");
    assert!(render(&app, 100, 30).contains("The link stays as it was."));
    assert_eq!(press(&mut app, "enter down enter"), vec![Effect::Unpair]);
}

#[test]
fn an_outcome_after_leaving_the_page_is_said_on_home() {
    let f = folders();
    let mut app = app();
    open_page(&mut app);
    type_text(&mut app, &f.shared.join("not-there").display().to_string());
    press(&mut app, "enter");
    press(&mut app, "esc esc");
    assert!(matches!(app.screen(), Screen::Home(_)));
    act(
        &mut app,
        Action::LinkSaid(Err("There is no folder /x: check the path.".into())),
    );
    assert_eq!(
        app.notice.as_deref(),
        Some("There is no folder /x: check the path.")
    );
    assert!(!app.linking);
}

#[test]
fn a_folder_that_is_not_there_keeps_the_path_typed_to_mend() {
    let mut app = app();
    open_page(&mut app);
    type_text(&mut app, "/tmp/typo");
    press(&mut app, "enter");
    act(
        &mut app,
        Action::LinkSaid(Err("There is no folder /tmp/typo.".into())),
    );
    assert_eq!(app.context(), Context::PairingText);
    let shown = render(&app, 100, 30);
    assert!(shown.contains("Shared folder: /tmp/typo"), "{shown}");
    assert!(shown.contains("There is no folder /tmp/typo."), "{shown}");
}

#[test]
fn settings_name_where_the_link_stands() {
    let f = folders();
    let mut app = app();
    press(&mut app, "a");
    assert!(render(&app, 100, 30).contains("not linked"));
    let mut a = pairing::begin(&f.a, &f.shared).unwrap();
    act(&mut app, Action::Partner(Box::new(reading(&mut a))));
    assert!(render(&app, 100, 30).contains("waiting for your partner"));
}

#[test]
fn a_changed_key_is_a_warning_on_home_a_stop_in_settings_and_the_page_offers_to_unpair() {
    use nearer::link::card::{Card, FullCard};
    use nearer::link::folder::{self, Kind};
    let f = folders();
    let mut a = pairing::begin(&f.a, &f.shared).unwrap();
    let mut b = pairing::begin(&f.b, &f.shared).unwrap();
    until_words(&mut a, &mut b);
    let Status::AwaitingConfirmation { code } = a.status() else {
        unreachable!()
    };
    a.confirm(&code).unwrap();
    b.refresh().unwrap();
    b.confirm(&code).unwrap();
    a.refresh().unwrap();
    assert!(a.status().is_paired(), "{:?}", a.status());
    // New keys under b's install id, as a re-install or an intruder would leave them.
    let card = folder::nearer_dir(&f.shared).join(folder::file_name(b.install_id(), Kind::Card));
    let stranger = nearer::link::Identity::generate().unwrap();
    let changed = Card::revealed(&FullCard {
        install_id: b.install_id().clone(),
        keys: stranger.public(),
    });
    std::fs::write(&card, changed.to_json()).unwrap();

    let mut app = app();
    act(&mut app, Action::Partner(Box::new(reading(&mut a))));
    let home = render(&app, 100, 30);
    assert!(home.contains("WARNING"), "{home}");
    assert!(home.contains("Sharing has stopped"), "{home}");
    assert!(
        home.contains("(Link with your partner)"),
        "the app's words name the page, not a command:\n{home}"
    );
    assert!(!home.contains("`nearer"), "{home}");
    assert_eq!(home.matches("WARNING").count(), 1, "said once:\n{home}");
    press(&mut app, "a");
    assert!(render(&app, 100, 30).contains("STOPPED: a key changed"));
    press(&mut app, &["down"; 10].join(" "));
    press(&mut app, "enter");
    let page = render(&app, 100, 30);
    assert!(page.contains("WARNING"), "{page}");
    assert!(page.contains("▸ Unpair"), "{page}");
    assert_eq!(press(&mut app, "enter down enter"), vec![Effect::Unpair]);
}

#[test]
fn a_link_whose_own_files_do_not_read_says_so_and_unpairs_from_the_page() {
    let f = folders();
    let mut a = pairing::begin(&f.a, &f.shared).unwrap();
    drop(reading(&mut a));
    std::fs::write(f.a.join("link").join("pairing.json"), b"{ \"version\": 1, ").unwrap();
    let e = Link::open(&f.a).unwrap_err();

    let mut app = app();
    act(
        &mut app,
        Action::Partner(Box::new(nearer::tui::link::unreadable(&e))),
    );
    let home = render(&app, 100, 30);
    assert!(
        home.contains("link with your partner is not working"),
        "{home}"
    );
    assert!(!home.contains("Waiting for Sam"), "{home}");
    press(&mut app, "a");
    assert!(render(&app, 100, 30).contains("NOT WORKING"));
    press(&mut app, &["down"; 10].join(" "));
    press(&mut app, "enter");
    let page = render(&app, 100, 30);
    assert!(
        page.contains("pairing.json"),
        "the page says which file:\n{page}"
    );
    assert!(page.contains("▸ Unpair"), "{page}");
    assert_eq!(press(&mut app, "enter down enter"), vec![Effect::Unpair]);

    // The worker's part: unpairing gets past the file its error names.
    let done = pairing::unpair(&f.a).unwrap();
    let words = nearer::link::command::unpaired_words(&done);
    act(&mut app, Action::Unlinked(Ok(words)));
    assert!(app.partner.is_none());
    assert!(Link::open(&f.a).unwrap().is_none());
    assert!(render(&app, 100, 30).contains("Unpaired"));
    press(&mut app, "esc");
    assert!(render(&app, 100, 30).contains("not linked"));
    press(&mut app, "esc");
    assert!(!render(&app, 100, 30).contains("not working"));
}
