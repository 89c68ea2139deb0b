//! The exercise library, driven through `update` as a person would: sections, a section's
//! page, a card, filters, search (accented and non-Latin), favourites, planning for
//! tomorrow and its follow-up, choosing tomorrow's act from the check-in, solo only, and
//! the guided pause from a pause card.

mod common;

use chrono::{Duration, NaiveDate};
use common::*;
use nearer::app::{Action, App, Effect, update};
use nearer::content::Library;
use nearer::find::fold;
use nearer::journal::{ActChoice, Step};
use nearer::journal::{Entry, Followup, Journal, Outcome, SmallAct, Store};
use nearer::screens::Screen;
use nearer::screens::card::SOLO_REFUSAL;
use nearer::screens::library::{Browser, Page, SOLO_ONLY_LINE};
use nearer::suggest::card_fits;
use nearer::ui::Theme;

fn browser(app: &App) -> &Browser {
    match app.screen() {
        Screen::Library(b) => b,
        other => panic!("expected the library, found {other:?}"),
    }
}

fn card_id(app: &App) -> String {
    match app.screen() {
        Screen::Card(c) => c.id().to_string(),
        other => panic!("expected a card's page, found {other:?}"),
    }
}

fn card_message(app: &App) -> Option<String> {
    match app.screen() {
        Screen::Card(c) => c.message.clone(),
        other => panic!("expected a card's page, found {other:?}"),
    }
}

fn app_with_content(journal: Journal, content: Library) -> App {
    App::new(
        journal,
        content,
        evening(),
        Theme::new(true),
        "/home/someone/.local/share/nearer/journal.json".into(),
        Default::default(),
        &[],
    )
}

/// The titles of the cards of a list page, as the library shows them.
fn titles(app: &App, page: Page) -> Vec<String> {
    let b = browser(app);
    b.cards_of(page, &app.content, &app.journal)
        .into_iter()
        .map(|i| app.content.cards[i].title.clone())
        .collect()
}

/// The ids of the cards a page shows (fitting the couple, filtered).
fn shown_ids(app: &App, page: Page) -> Vec<String> {
    let b = browser(app);
    b.cards_of(page, &app.content, &app.journal)
        .into_iter()
        .map(|i| app.content.cards[i].id.clone())
        .collect()
}

fn search_titles(app: &App) -> Vec<String> {
    let b = browser(app);
    let q = b.query().expect("a search is open");
    b.results(&q, &app.content, &app.journal)
        .into_iter()
        .map(|i| app.content.cards[i].title.clone())
        .collect()
}

/// Open the card with this id from its section page.
fn open_card(app: &mut App, id: &str) {
    let card = app.content.card(id).expect("a bundled card").clone();
    let section = app
        .content
        .sections
        .iter()
        .position(|s| s.id == card.section)
        .unwrap();
    press(app, "g");
    press(app, &"down ".repeat(section));
    press(app, "enter");
    assert_eq!(browser(app).page(), Page::Section(section));
    let pos = browser(app)
        .cards_of(Page::Section(section), &app.content, &app.journal)
        .iter()
        .position(|&i| app.content.cards[i].id == id)
        .expect("the card is listed in its section");
    press(app, &"down ".repeat(pos));
    press(app, "enter");
    assert_eq!(card_id(app), id);
}

#[test]
fn home_opens_the_library_by_menu_and_by_key() {
    let mut app = app(Journal::default());
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Browse exercises"), "{screen}");
    press(&mut app, "b");
    assert_eq!(browser(&app).page(), Page::Sections);
    assert!(!browser(&app).pick);
    press(&mut app, "esc");
    assert!(matches!(app.screen(), Screen::Home(_)));

    // Through the menu: check-in, fill in yesterday, a together evening, then browse.
    press(&mut app, "down down down enter");
    assert_eq!(browser(&app).page(), Page::Sections);
}

#[test]
fn sections_come_in_the_articles_order_then_the_topics_with_their_card_counts() {
    let mut app = app(Journal::default());
    press(&mut app, "b");
    let screen = render(&app, 80, 40);
    let mut last = 0;
    let pages = (0..app.content.sections.len())
        .map(Page::Section)
        .chain((0..app.content.decks.len()).map(Page::Topic));
    let topics = screen.find("Topics").expect("a heading over the topics");
    for page in pages {
        let title = match page {
            Page::Section(s) => app.content.sections[s].title.clone(),
            Page::Topic(d) => app.content.decks[d].title.clone(),
            _ => unreachable!(),
        };
        let at = screen
            .find(&title)
            .unwrap_or_else(|| panic!("{title} missing:\n{screen}"));
        assert!(at > last, "{title} out of order");
        assert_eq!(matches!(page, Page::Topic(_)), at > topics, "{title}");
        last = at;
        // The count is of the cards the page shows this couple.
        let n = titles(&app, page).len();
        assert!(n > 0, "{title} shows no card");
        let row = screen.lines().find(|l| l.contains(&title)).unwrap();
        let count = if n == 1 {
            "1 card".into()
        } else {
            format!("{n} cards")
        };
        assert!(row.trim_end().ends_with(&count), "{row}");
    }
    assert!(screen.find("★ Favourites").unwrap() > last);
    // Every card that fits this couple is in the total, each once.
    let fits = app
        .content
        .cards
        .iter()
        .filter(|c| card_fits(c, &app.journal.preferences))
        .count();
    assert!(
        screen.contains(&format!(
            "{fits} cards in 7 sections and 10 topics, from light to deep."
        )),
        "{screen}"
    );
}

#[test]
fn a_section_page_shows_its_introduction_key_ideas_and_cards() {
    let mut app = app(Journal::default());
    press(&mut app, "b down enter");
    let section = &app.content.sections[1];
    assert_eq!(browser(&app).page(), Page::Section(1));
    let screen = render(&app, 100, 50);
    assert!(screen.contains("Key ideas"));
    assert!(screen.contains(&section.key_ideas[0]));
    let intro_start: String = section.intro.chars().take(30).collect();
    assert!(screen.contains(&intro_start), "{screen}");
    // Every card of the section that fits the couple, the topics' cards among them; the
    // others (for couples who live apart, or with children at home) are not.
    for card in app.content.cards_in(&section.id) {
        let fits = card_fits(card, &app.journal.preferences);
        assert_eq!(screen.contains(&card.title), fits, "{}", card.title);
    }
    assert!(
        app.content
            .cards_in(&section.id)
            .any(|c| c.deck.is_some() && card_fits(c, &app.journal.preferences)),
        "the section holds cards of a topic"
    );
    // Esc goes back to the sections, then home.
    press(&mut app, "esc");
    assert_eq!(browser(&app).page(), Page::Sections);
    press(&mut app, "esc");
    assert!(matches!(app.screen(), Screen::Home(_)));
}

#[test]
fn a_card_page_shows_everything_about_the_card_and_its_history() {
    let e = |d: u32, act: Option<&str>, followup: Option<(&str, Outcome)>| {
        let t = at("2026-11-20T21:00:00+01:00");
        Entry {
            date: NaiveDate::from_ymd_opt(2026, 11, d).unwrap(),
            created: t,
            updated: t,
            closeness: 4,
            stress: None,
            followup: followup.map(|(id, o)| Followup {
                planned: SmallAct {
                    card_id: Some(id.into()),
                    text: "x".into(),
                },
                outcome: Some(o),
                noticed: String::new(),
            }),
            reflection: None,
            appreciation: None,
            small_act: act.map(|id| SmallAct {
                card_id: Some(id.into()),
                text: "x".into(),
            }),
            starred: false,
            together: None,
            shown: Vec::new(),
        }
    };
    let mut journal = Journal::default();
    journal.upsert(e(10, Some("feel-and-need"), None));
    journal.upsert(e(11, None, Some(("feel-and-need", Outcome::Done))));
    journal.upsert(e(17, Some("feel-and-need"), None));
    journal.upsert(e(18, None, Some(("feel-and-need", Outcome::Partly))));
    let mut app = app(journal);
    press(&mut app, "b");
    open_card(&mut app, "feel-and-need");
    let card = app.content.card("feel-and-need").unwrap().clone();
    let screen = render(&app, 100, 60);
    for text in [
        card.title.as_str(),
        "10 min · solo · medium · writing",
        "Love languages: words",
        "Why it helps",
        "Steps",
        "Examples",
        "Instead of  You are always on your phone.",
        "try         I feel lonely in the evenings",
        "Planned twice, most recently on Tuesday 17 November 2026. It happened once, partly once.",
    ] {
        assert!(screen.contains(text), "{text:?} missing:\n{screen}");
    }
    assert!(screen.contains(&card.why[..40]));

    // A card with evidence says so.
    press(&mut app, "esc esc");
    open_card(&mut app, "thanks-with-a-reason");
    let screen = render(&app, 100, 40);
    assert!(
        screen.contains("Evidence: Algoe, Gable & Maisel (2010), Personal Relationships 17(2)"),
        "{screen}"
    );
    assert!(screen.contains("You have not planned this one yet."));
}

#[test]
fn left_and_right_move_through_the_list_the_card_came_from() {
    let mut app = app(Journal::default());
    press(&mut app, "b enter enter");
    let first = card_id(&app);
    press(&mut app, "right");
    let second = card_id(&app);
    assert_ne!(first, second);
    assert_eq!(app.content.cards[1].id, second);
    press(&mut app, "left left");
    assert_eq!(card_id(&app), first, "stops at the first card");
}

#[test]
fn filters_narrow_every_list_and_stay_while_browsing() {
    let mut app = app(Journal::default());
    press(&mut app, "b f");
    // Solo or together: together. Depth: light.
    press(&mut app, "right right down right enter");
    let b = browser(&app);
    assert_eq!(b.filters.describe(), "together · light");
    for s in 0..app.content.sections.len() {
        for i in b.cards_of(Page::Section(s), &app.content, &app.journal) {
            let c = &app.content.cards[i];
            assert_eq!(
                (c.mode.label(), c.depth.label()),
                ("together", "light"),
                "{}",
                c.id
            );
        }
    }
    let everyday = app
        .content
        .sections
        .iter()
        .position(|s| s.id == "everyday")
        .unwrap();
    let expected: Vec<String> = app
        .content
        .cards_in("everyday")
        .filter(|c| card_fits(c, &app.journal.preferences))
        .filter(|c| c.mode.label() == "together" && c.depth.label() == "light")
        .map(|c| c.title.clone())
        .collect();
    assert!(!expected.is_empty());
    press(&mut app, &format!("{}enter", "down ".repeat(everyday)));
    assert_eq!(titles(&app, Page::Section(everyday)), expected);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Filters: together · light"), "{screen}");

    // Time and love language.
    press(&mut app, "x f down down right down right right right enter");
    let b = browser(&app);
    assert_eq!(b.filters.describe(), "up to 5 min · time");
    for i in b.cards_of(Page::Section(everyday), &app.content, &app.journal) {
        let c = &app.content.cards[i];
        assert!(c.minutes <= 5, "{}", c.id);
        assert!(
            c.love_languages.iter().any(|l| l.label() == "time"),
            "{}",
            c.id
        );
    }
    // x clears them.
    press(&mut app, "x");
    assert!(browser(&app).filters.is_empty());
    assert_eq!(
        titles(&app, Page::Section(everyday)).len(),
        app.content
            .cards_in("everyday")
            .filter(|c| card_fits(c, &app.journal.preferences))
            .count()
    );
}

#[test]
fn search_narrows_as_you_type_ignoring_case_and_accents() {
    let mut app = app(Journal::default());
    press(&mut app, "b /");
    type_text(&mut app, "BREATH");
    let found = search_titles(&app);
    assert_eq!(
        found[0], "Three breaths at the door",
        "title matches first: {found:?}"
    );
    assert!(found.contains(&"One breath before you answer".to_string()));
    // Narrow further as letters come.
    type_text(&mut app, " door");
    assert_eq!(search_titles(&app), vec!["Three breaths at the door"]);
    // Letters are typed, not commands: 's' did not star, 'q' does not quit.
    assert!(app.journal.preferences.favourites.is_empty());
    type_text(&mut app, " q");
    assert!(!app.quitting);
    assert_eq!(browser(&app).query().as_deref(), Some("BREATH door q"));
    press(&mut app, "ctrl+u");
    assert_eq!(browser(&app).query().as_deref(), Some(""));
    // Text beyond titles: words that only appear in a card's steps.
    type_text(&mut app, "underline week");
    assert_eq!(search_titles(&app), vec!["Spot the team moments"]);
    // Enter opens the card; esc comes back to the results, esc again leaves the search.
    press(&mut app, "enter");
    assert_eq!(card_id(&app), "team-moments");
    press(&mut app, "esc");
    assert_eq!(browser(&app).query().as_deref(), Some("underline week"));
    press(&mut app, "esc");
    assert_eq!(browser(&app).query(), None);
    assert_eq!(browser(&app).page(), Page::Sections);
}

const OWN_CARDS: &str = r#"
[[card]]
id = "cafe-together"
section = "everyday"
title = "Un café à deux"
why = "A slow coffee, side by side."
steps = ["Make two cups.", "Sit down together."]
minutes = 10
mode = "together"
depth = "light"
love_languages = ["time"]

[[card]]
id = "tea-for-two-ja"
section = "everyday"
title = "二人でお茶を"
why = "ゆっくりお茶を飲みながら、今日のことを話す。"
steps = ["お湯を沸かす。", "今日よかったことを一つ話す。"]
minutes = 10
mode = "together"
depth = "light"

[[card]]
id = "coffee-el"
section = "everyday"
title = "Ένας καφές μαζί"
why = "Δέκα λεπτά μαζί, χωρίς οθόνες."
steps = ["Φτιάξε δύο καφέδες.", "Κάτσε δίπλα του."]
minutes = 10
mode = "solo"
depth = "light"
partner_facing = true
"#;

fn with_own_cards() -> App {
    let mut content = Library::bundled();
    content
        .merge_user_text("/home/someone/.config/nearer/content.toml", OWN_CARDS)
        .expect("valid content");
    app_with_content(Journal::default(), content)
}

#[test]
fn search_finds_accented_and_non_latin_text() {
    let mut app = with_own_cards();
    press(&mut app, "b /");
    type_text(&mut app, "cafe");
    assert!(search_titles(&app).contains(&"Un café à deux".to_string()));
    press(&mut app, "ctrl+u");
    type_text(&mut app, "CAFÉ A DEUX");
    assert_eq!(search_titles(&app), vec!["Un café à deux"]);

    press(&mut app, "ctrl+u");
    type_text(&mut app, "お茶");
    assert_eq!(search_titles(&app), vec!["二人でお茶を"]);
    press(&mut app, "ctrl+u");
    type_text(&mut app, "今日");
    assert_eq!(
        search_titles(&app),
        vec!["二人でお茶を"],
        "text beyond the title"
    );
    // A kana with a voicing mark is a different letter, not an accent.
    press(&mut app, "ctrl+u");
    type_text(&mut app, "おちゃ");
    assert!(search_titles(&app).is_empty());

    // Greek, in capitals and without its accent and final sigma.
    press(&mut app, "ctrl+u");
    type_text(&mut app, "ΚΑΦΕΣ");
    assert_eq!(search_titles(&app), vec!["Ένας καφές μαζί"]);
    press(&mut app, "ctrl+u");
    type_text(&mut app, "καφες");
    assert_eq!(search_titles(&app), vec!["Ένας καφές μαζί"]);

    // Pasted text goes into the box on one line.
    press(&mut app, "ctrl+u");
    update(&mut app, Action::Paste("café\nà deux".into()), evening());
    assert_eq!(browser(&app).query().as_deref(), Some("café à deux"));
    assert_eq!(search_titles(&app), vec!["Un café à deux"]);
}

#[test]
fn folding_handles_case_accents_and_scripts() {
    assert_eq!(fold("Café CRÈME"), "cafe creme");
    assert_eq!(fold("Ένας ΚΑΦΈΣ"), "ενασ καφεσ");
    assert_eq!(fold("Straße"), "strasse");
    assert_eq!(fold("お茶"), "お茶");
    assert_ne!(fold("が"), fold("か"));
    assert_eq!(fold("ＡＢＣ"), "abc", "full-width letters");
}

#[test]
fn the_persons_own_cards_are_counted_and_listed() {
    let mut app = with_own_cards();
    press(&mut app, "b");
    let screen = render(&app, 100, 40);
    let fits = app
        .content
        .cards
        .iter()
        .filter(|c| card_fits(c, &app.journal.preferences))
        .count();
    for id in ["cafe-together", "tea-for-two-ja", "coffee-el"] {
        assert!(card_fits(
            app.content.card(id).unwrap(),
            &app.journal.preferences
        ));
    }
    assert!(
        screen.contains(&format!(
            "{fits} cards in 7 sections and 10 topics, from light to deep; 3 of them your own."
        )),
        "{screen}"
    );
    assert!(screen.contains("Your own cards"));
    press(&mut app, "G enter");
    assert_eq!(browser(&app).page(), Page::Own);
    assert_eq!(
        titles(&app, Page::Own),
        vec!["Un café à deux", "二人でお茶を", "Ένας καφές μαζί"]
    );
    press(&mut app, "enter");
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("One of your own cards, from /home/someone/.config/nearer/content.toml."),
        "{screen}"
    );
}

#[test]
fn starring_keeps_favourites_in_the_journal_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut app = app(store.load().unwrap());
    press(&mut app, "b");
    open_card(&mut app, "slow-hug");
    let effects = press(&mut app, "s");
    assert!(effects.contains(&Effect::SaveJournal));
    assert!(app.journal.is_favourite("slow-hug"));
    press(&mut app, "esc esc");
    // Star from a list row too.
    press(&mut app, "esc b enter s");
    let first = app.content.cards[0].id.clone();
    assert!(app.journal.is_favourite(&first));
    store.save(&app.journal).unwrap();
    drop(store);

    // Next start: the favourites are there, the latest first.
    let store = Store::open(dir.path()).unwrap();
    let mut app = common::app(store.load().unwrap());
    press(&mut app, "b v");
    assert_eq!(browser(&app).page(), Page::Favourites);
    assert_eq!(
        titles(&app, Page::Favourites),
        vec!["Remember a close moment", "The slow hug"]
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("★ Remember a close moment"), "{screen}");
    // Unstarring in the favourites list takes the row away.
    press(&mut app, "s");
    assert_eq!(titles(&app, Page::Favourites), vec!["The slow hug"]);
    assert!(!app.journal.is_favourite(&first));
}

#[test]
fn a_card_planned_for_tomorrow_comes_first_tonight_and_is_followed_up_the_next_evening() {
    let mut app = app(Journal::default());
    press(&mut app, "b");
    open_card(&mut app, "midday-message");
    let effects = press(&mut app, "t");
    assert!(effects.contains(&Effect::SaveJournal));
    let planned = app.journal.preferences.planned.clone().expect("planned");
    assert_eq!(planned.date, app.evening);
    assert_eq!(planned.act.card_id.as_deref(), Some("midday-message"));
    assert!(render(&app, 80, 24).contains("Planned for tomorrow."));

    // Tonight's check-in offers it first and plans it with one key.
    press(&mut app, "esc esc esc esc");
    assert!(matches!(app.screen(), Screen::Home(_)));
    press(&mut app, "c enter 5 enter s tab tab");
    match app.screen() {
        Screen::Checkin(c) => {
            assert_eq!(c.step, Step::SmallAct);
            assert_eq!(c.suggested(&app.content).unwrap().id, "midday-message");
        }
        other => panic!("{other:?}"),
    }
    press(&mut app, "enter enter");
    let tonight = app.journal.entry(app.evening).unwrap();
    assert_eq!(
        tonight.small_act.as_ref().unwrap().card_id.as_deref(),
        Some("midday-message")
    );
    assert!(
        app.journal.preferences.planned.is_none(),
        "the plan moved into the entry"
    );

    // The next evening: the check-in asks about it.
    let tomorrow = evening() + Duration::days(1);
    update(&mut app, Action::Tick, tomorrow);
    press(&mut app, "c enter 6 enter s");
    match app.screen() {
        Screen::Checkin(c) => {
            assert_eq!(c.step, Step::Followup);
            assert_eq!(c.planned.as_ref().unwrap().text, "A midday message");
        }
        other => panic!("{other:?}"),
    }
    assert!(render(&app, 80, 24).contains("A midday message"));
    press(&mut app, "1 enter tab tab tab s");
    let next = app.journal.entry(app.evening).unwrap();
    let followup = next.followup.as_ref().unwrap();
    assert_eq!(followup.planned.card_id.as_deref(), Some("midday-message"));
    assert_eq!(followup.outcome, Some(Outcome::Done));
    // And the card's page remembers.
    let record = app.journal.card_record("midday-message");
    assert_eq!((record.planned, record.done), (1, 1));
}

#[test]
fn a_card_planned_without_a_checkin_tonight_is_followed_up_the_next_evening() {
    let mut app = app(Journal::default());
    press(&mut app, "b");
    open_card(&mut app, "hidden-note");
    press(&mut app, "t esc esc esc esc");
    // Home says nothing of it yet; the next evening it is yesterday's plan.
    update(&mut app, Action::Tick, evening() + Duration::days(1));
    assert!(render(&app, 80, 24).contains("Yesterday you planned: The hidden note"));
    press(&mut app, "c enter 4 enter s");
    match app.screen() {
        Screen::Checkin(c) => {
            assert_eq!(c.step, Step::Followup);
            assert_eq!(
                c.planned.as_ref().unwrap().card_id.as_deref(),
                Some("hidden-note")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn planning_after_tonights_checkin_replaces_its_act_and_t_again_takes_it_back() {
    let mut app = app(Journal::default());
    press(&mut app, "c enter 5 enter s tab tab w");
    type_text(&mut app, "Bring flowers");
    press(&mut app, "tab enter");
    assert_eq!(
        app.journal
            .entry(app.evening)
            .unwrap()
            .small_act
            .as_ref()
            .unwrap()
            .text,
        "Bring flowers"
    );
    press(&mut app, "b");
    open_card(&mut app, "slow-hug");
    press(&mut app, "t");
    let act = app
        .journal
        .entry(app.evening)
        .unwrap()
        .small_act
        .clone()
        .unwrap();
    assert_eq!(act.card_id.as_deref(), Some("slow-hug"));
    assert!(
        card_message(&app)
            .unwrap()
            .contains("in place of \"Bring flowers\"")
    );
    press(&mut app, "t");
    assert!(app.journal.entry(app.evening).unwrap().small_act.is_none());
    assert_eq!(
        card_message(&app).as_deref(),
        Some("No longer planned for tomorrow.")
    );
}

#[test]
fn the_checkin_can_choose_tomorrows_act_from_the_library() {
    let mut app = app(Journal::default());
    press(&mut app, "c enter 5 enter s tab tab");
    press(&mut app, "b");
    assert!(browser(&app).pick);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("to make it tomorrow's small act"),
        "{screen}"
    );
    open_card(&mut app, "undivided-ten");
    let effects = press(&mut app, "enter");
    assert!(effects.contains(&Effect::SaveJournal));
    match app.screen() {
        Screen::Checkin(c) => {
            assert_eq!(c.step, Step::Summary);
            assert_eq!(c.act, ActChoice::Card("undivided-ten".into()));
        }
        other => panic!("expected the check-in, found {other:?}"),
    }
    assert_eq!(app.screens.len(), 2, "the library closed");
    let entry = app.journal.entry(app.evening).unwrap();
    assert_eq!(
        entry.small_act.as_ref().unwrap().card_id.as_deref(),
        Some("undivided-ten")
    );
    // Esc in the library instead goes back to the step, with nothing chosen.
    let mut app = common::app(Journal::default());
    press(&mut app, "c enter 5 enter s tab tab b esc");
    match app.screen() {
        Screen::Checkin(c) => assert_eq!(
            (c.step, c.act.clone()),
            (Step::SmallAct, ActChoice::Undecided)
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn solo_only_hides_partner_facing_cards_says_why_and_refuses_to_plan_them() {
    let mut journal = Journal::default();
    journal.preferences.on_my_own = true;
    let mut app = app(journal);
    press(&mut app, "b");
    let screen = render(&app, 80, 24);
    assert!(screen.contains(SOLO_ONLY_LINE), "{screen}");
    for s in 0..app.content.sections.len() {
        for i in browser(&app).cards_of(Page::Section(s), &app.content, &app.journal) {
            assert!(
                !app.content.cards[i].involves_partner(),
                "{}",
                app.content.cards[i].id
            );
        }
    }
    press(&mut app, "/");
    type_text(&mut app, "hug");
    assert!(
        search_titles(&app).is_empty(),
        "the slow hug is a together card"
    );
    press(&mut app, "esc");

    // A partner-facing card already open when the self-check is answered: not planned.
    let mut app = common::app(Journal::default());
    press(&mut app, "b");
    open_card(&mut app, "midday-message");
    press(&mut app, "! enter 1 esc");
    assert_eq!(card_id(&app), "midday-message");
    assert!(app.journal.preferences.on_my_own);
    press(&mut app, "t");
    assert!(app.journal.preferences.planned.is_none());
    assert_eq!(card_message(&app).as_deref(), Some(SOLO_REFUSAL));
    let screen = render(&app, 80, 30);
    assert!(
        screen.contains("This card involves your partner;"),
        "{screen}"
    );

    // A solo card with nothing partner-facing can still be planned.
    press(&mut app, "esc esc");
    open_card(&mut app, "three-breath-arrival");
    press(&mut app, "t");
    assert!(app.journal.preferences.planned.is_some());

    // A partner-facing card planned before the self-check is not offered first tonight.
    let mut app = common::app(Journal::default());
    press(&mut app, "b");
    open_card(&mut app, "midday-message");
    press(&mut app, "t ! enter 1 esc esc esc esc");
    press(&mut app, "c enter 5 enter s tab tab");
    match app.screen() {
        Screen::Checkin(c) => {
            let card = c.suggested(&app.content).unwrap();
            assert!(!card.involves_partner(), "{} suggested", card.id);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_pause_card_offers_the_guided_pause_and_esc_leaves_it_at_any_moment() {
    let mut app = app(Journal::default());
    press(&mut app, "b");
    open_card(&mut app, "three-breath-arrival");
    assert!(render(&app, 80, 30).contains("a guided pause, now"));
    press(&mut app, "p");
    assert!(matches!(app.screen(), Screen::Pause(_)));
    update(
        &mut app,
        Action::Tick,
        evening() + Duration::milliseconds(2500),
    );
    assert!(render(&app, 80, 24).contains("breathe in"));
    press(&mut app, "esc");
    assert_eq!(card_id(&app), "three-breath-arrival");

    // Other cards have no pause.
    press(&mut app, "esc");
    press(&mut app, "G enter");
    assert_ne!(
        app.content.card(&card_id(&app)).unwrap().kind.label(),
        "pause"
    );
    press(&mut app, "p");
    assert!(matches!(app.screen(), Screen::Card(_)));
}

#[test]
fn lists_scroll_with_keys_and_the_mouse_wheel() {
    let mut app = app(Journal::default());
    let everyday = app
        .content
        .sections
        .iter()
        .position(|s| s.id == "everyday")
        .unwrap();
    press(&mut app, &format!("b {}enter", "down ".repeat(everyday)));
    let ids = shown_ids(&app, Page::Section(everyday));
    let n = ids.len();
    assert!(n > 30, "a long list: {n}");
    press(&mut app, "G enter");
    assert_eq!(card_id(&app), ids[n - 1]);
    press(&mut app, "esc g");
    update(&mut app, Action::Scroll(3), evening());
    press(&mut app, "enter");
    assert_eq!(card_id(&app), ids[3]);
    // Ten rows a page: to the end and no further.
    press(&mut app, &format!("esc {}", "pgdn ".repeat(n / 10 + 1)));
    press(&mut app, "enter");
    assert_eq!(card_id(&app), ids[n - 1]);
    // The selected row is on screen after scrolling down.
    press(&mut app, "esc");
    let screen = render(&app, 80, 24);
    let last = &titles(&app, Page::Section(everyday))[n - 1];
    assert!(
        screen
            .lines()
            .any(|l| l.contains("▸") && l.contains(last.as_str())),
        "{screen}"
    );
}

#[test]
fn help_lists_the_library_keys() {
    let mut app = app(Journal::default());
    press(&mut app, "b ?");
    let screen = render(&app, 80, 40);
    for text in [
        "search titles and text",
        "filters: mode, depth",
        "your favourites",
    ] {
        assert!(screen.contains(text), "{text} missing:\n{screen}");
    }
    // The contents list sections and topics, not cards: nothing to star there.
    assert!(!screen.contains("star or unstar"), "{screen}");
    press(&mut app, "esc enter ?");
    let screen = render(&app, 80, 40);
    assert!(screen.contains("star or unstar the card"), "{screen}");
    press(&mut app, "esc enter ?");
    let screen = render(&app, 80, 40);
    assert!(screen.contains("plan this for tomorrow"), "{screen}");
}

#[test]
fn every_library_screen_draws_in_small_and_large_windows() {
    let sizes = [(40, 12), (41, 13), (60, 16), (80, 24), (200, 60)];
    let mut app = with_own_cards();
    let steps = [
        "b", "down", "enter", "G", "enter", "G", "esc", "esc", "f", "right", "down", "esc", "/",
        "x", "esc", "v", "esc", "G", "enter", "enter", "esc", "esc",
    ];
    for step in steps {
        press(&mut app, step);
        for (w, h) in sizes {
            let screen = render(&app, w, h);
            assert_eq!(screen.lines().count(), h as usize);
        }
    }
}

// ---- Snapshots, 80x24.

#[test]
fn snapshot_sections() {
    let mut app = app(Journal::default());
    press(&mut app, "b");
    insta::assert_snapshot!("library_sections", render(&app, 80, 24));
}

#[test]
fn snapshot_section_page() {
    let mut app = app(Journal::default());
    press(&mut app, "b enter");
    insta::assert_snapshot!("library_section", render(&app, 80, 24));
    press(&mut app, "G");
    insta::assert_snapshot!("library_section_scrolled", render(&app, 80, 24));
}

#[test]
fn snapshot_card_page() {
    let mut journal = Journal::default();
    journal.preferences.favourites.push("feel-and-need".into());
    let mut app = app(journal);
    press(&mut app, "b");
    open_card(&mut app, "feel-and-need");
    insta::assert_snapshot!("library_card", render(&app, 80, 24));
    press(&mut app, "G t");
    insta::assert_snapshot!("library_card_planned", render(&app, 80, 24));
}

#[test]
fn snapshot_filters() {
    let mut app = app(Journal::default());
    press(&mut app, "b f right right down right down");
    insta::assert_snapshot!("library_filters", render(&app, 80, 24));
    press(&mut app, "enter enter");
    insta::assert_snapshot!("library_filtered_section", render(&app, 80, 24));
}

#[test]
fn snapshot_search() {
    let mut app = app(Journal::default());
    press(&mut app, "b /");
    type_text(&mut app, "breath");
    insta::assert_snapshot!("library_search", render(&app, 80, 24));
    type_text(&mut app, "zzz");
    insta::assert_snapshot!("library_search_nothing", render(&app, 80, 24));
}

#[test]
fn snapshot_search_non_latin() {
    let mut app = with_own_cards();
    press(&mut app, "b /");
    type_text(&mut app, "καφες");
    insta::assert_snapshot!("library_search_greek", render(&app, 80, 24));
}

#[test]
fn snapshot_favourites() {
    let mut journal = Journal::default();
    journal.preferences.favourites = vec!["slow-hug".into(), "hidden-note".into()];
    let mut app = app(journal);
    press(&mut app, "b v");
    insta::assert_snapshot!("library_favourites", render(&app, 80, 24));
    press(&mut app, "s s");
    insta::assert_snapshot!("library_favourites_empty", render(&app, 80, 24));
}

#[test]
fn snapshot_pick_mode() {
    let mut app = app(Journal::default());
    press(&mut app, "c enter 5 enter s tab tab b");
    insta::assert_snapshot!("library_pick", render(&app, 80, 24));
    open_card(&mut app, "slow-hug");
    insta::assert_snapshot!("library_pick_card", render(&app, 80, 24));
}

#[test]
fn snapshot_solo_only() {
    let mut journal = Journal::default();
    journal.preferences.on_my_own = true;
    let mut app = app(journal);
    press(&mut app, "b");
    insta::assert_snapshot!("library_solo_only", render(&app, 80, 24));
}

#[test]
fn snapshot_pause_mid_breath() {
    let mut app = app(Journal::default());
    press(&mut app, "b");
    open_card(&mut app, "three-breath-arrival");
    insta::assert_snapshot!("library_pause_card", render(&app, 80, 24));
    press(&mut app, "p");
    update(
        &mut app,
        Action::Tick,
        evening() + Duration::milliseconds(3000),
    );
    insta::assert_snapshot!("pause_breathing_in", render(&app, 80, 24));
    update(
        &mut app,
        Action::Tick,
        evening() + Duration::milliseconds(8000),
    );
    insta::assert_snapshot!("pause_breathing_out", render(&app, 80, 24));
    press(&mut app, "esc");
    assert_eq!(card_id(&app), "three-breath-arrival");
}

// ---- Topics, couples who live apart, text by columns, words, keys.

fn apart() -> Journal {
    let mut journal = Journal::default();
    journal.preferences.about.live_apart = true;
    journal
}

/// Every page of the library as the couple sees it: sections, topics, favourites.
fn every_page(app: &App) -> Vec<Page> {
    (0..app.content.sections.len())
        .map(Page::Section)
        .chain((0..app.content.decks.len()).map(Page::Topic))
        .chain([Page::Favourites])
        .collect()
}

#[test]
fn the_topics_are_a_second_way_to_browse() {
    let mut app = app(Journal::default());
    press(&mut app, "b");
    // The first topic comes after the seven sections.
    let sections = app.content.sections.len();
    press(&mut app, &"down ".repeat(sections));
    press(&mut app, "enter");
    assert_eq!(browser(&app).page(), Page::Topic(0));
    let deck = app.content.decks[0].clone();
    let screen = render(&app, 100, 60);
    assert!(
        screen.contains(&format!("Library · {}", deck.title)),
        "{screen}"
    );
    let intro_start: String = deck.intro.chars().take(30).collect();
    assert!(screen.contains(&intro_start), "{screen}");
    let under = app.content.section(&deck.section).unwrap().title.clone();
    assert!(screen.contains(&format!("A topic in {under}.")), "{screen}");
    // Its cards, and only those that fit the couple.
    let ids = shown_ids(&app, Page::Topic(0));
    assert!(!ids.is_empty());
    for card in app
        .content
        .cards
        .iter()
        .filter(|c| c.deck.as_deref() == Some(&deck.id))
    {
        let fits = card_fits(card, &app.journal.preferences);
        assert_eq!(ids.contains(&card.id), fits, "{}", card.id);
        assert_eq!(screen.contains(&card.title), fits, "{}", card.title);
    }
    assert!(screen.contains(&format!("Try this · {} cards", ids.len())));
    // A card opened here names its topic.
    press(&mut app, "enter");
    assert_eq!(card_id(&app), ids[0]);
    let screen = render(&app, 100, 40);
    assert!(
        screen.contains(&format!("Topic: {}", deck.title)),
        "{screen}"
    );
    press(&mut app, "right");
    assert_eq!(card_id(&app), ids[1], "→ moves through the topic's cards");
    press(&mut app, "esc esc");
    assert_eq!(browser(&app).page(), Page::Sections);
}

#[test]
fn a_section_page_names_the_topic_of_its_topic_cards() {
    let mut app = app(Journal::default());
    let (s, card) = (0..app.content.sections.len())
        .find_map(|s| {
            shown_ids_of(&app, Page::Section(s))
                .into_iter()
                .find(|id| app.content.card(id).unwrap().deck.is_some())
                .map(|id| (s, id))
        })
        .expect("a section with a topic's card");
    press(&mut app, "b");
    press(&mut app, &format!("{}enter", "down ".repeat(s)));
    let card = app.content.card(&card).unwrap().clone();
    let topic = app
        .content
        .decks
        .iter()
        .find(|d| Some(&d.id) == card.deck.as_ref())
        .unwrap()
        .title
        .clone();
    let screen = render(&app, 200, 80);
    let row = screen
        .lines()
        .find(|l| l.contains(&card.title))
        .expect("the card is listed");
    assert!(row.contains(&format!("· {topic}")), "{row}");
}

/// `shown_ids` before the library is open (a fresh browser, no filters).
fn shown_ids_of(app: &App, page: Page) -> Vec<String> {
    let b = Browser::new(&app.content, false);
    b.cards_of(page, &app.content, &app.journal)
        .into_iter()
        .map(|i| app.content.cards[i].id.clone())
        .collect()
}

#[test]
fn couples_who_live_apart_get_the_long_distance_version_in_place() {
    let mut app = app(apart());
    let prefs = app.journal.preferences.clone();
    press(&mut app, "b");
    // Nowhere a card that needs one room or a shared home.
    for page in every_page(&app) {
        for id in shown_ids(&app, page) {
            let c = app.content.card(&id).unwrap();
            assert!(card_fits(c, &prefs), "{id} on {page:?}");
        }
    }
    // A same-room card gives its place in its section to its long-distance version.
    let (x, y) = app
        .content
        .cards
        .iter()
        .filter(|c| c.has(nearer::content::Tag::SameRoom))
        .find_map(|c| {
            let v = app.content.card(c.apart_version.as_deref()?)?;
            (card_fits(v, &prefs) && v.section != c.section).then(|| (c.clone(), v.clone()))
        })
        .or_else(|| {
            app.content
                .cards
                .iter()
                .filter(|c| c.has(nearer::content::Tag::SameRoom))
                .find_map(|c| {
                    let v = app.content.card(c.apart_version.as_deref()?)?;
                    card_fits(v, &prefs).then(|| (c.clone(), v.clone()))
                })
        })
        .expect("a same-room card with a version for couples apart");
    let s = app
        .content
        .sections
        .iter()
        .position(|s| s.id == x.section)
        .unwrap();
    let ids = shown_ids(&app, Page::Section(s));
    assert!(!ids.contains(&x.id));
    assert!(ids.contains(&y.id), "{} stands in for {}", y.id, x.id);
    // In the place of the card it stands for (the cards before it are the same).
    let before: Vec<String> = app
        .content
        .cards_in(&x.section)
        .take_while(|c| c.id != x.id)
        .filter(|c| card_fits(c, &prefs) || c.apart_version.is_some())
        .filter_map(|c| nearer::suggest::card_for(c, &app.content, &prefs))
        .map(|c| c.id.clone())
        .fold(Vec::new(), |mut v, id| {
            if !v.contains(&id) {
                v.push(id);
            }
            v
        });
    if !before.contains(&y.id) {
        assert_eq!(ids.iter().position(|i| *i == y.id), Some(before.len()));
    }
    // Each card once, and the counts on the contents are the lists' lengths.
    for page in every_page(&app) {
        let ids = shown_ids(&app, page);
        let mut once = ids.clone();
        once.sort();
        once.dedup();
        assert_eq!(once.len(), ids.len(), "{page:?}");
    }
    let screen = render(&app, 100, 60);
    for (s, section) in app.content.sections.iter().enumerate() {
        let n = shown_ids(&app, Page::Section(s)).len();
        let row = screen.lines().find(|l| l.contains(&section.title)).unwrap();
        assert!(row.trim_end().ends_with(&format!("{n} cards")), "{row}");
    }
    // Search finds the long-distance version, never the same-room card.
    press(&mut app, "/");
    type_text(&mut app, &x.title);
    assert!(
        !search_titles(&app).contains(&x.title),
        "{:?}",
        search_titles(&app)
    );
    press(&mut app, "esc");
    // A starred same-room card shows as its long-distance version in the favourites, and
    // s there unstars the card that was starred.
    let mut journal = apart();
    journal.preferences.favourites = vec![x.id.clone()];
    let mut app = common::app(journal);
    press(&mut app, "b v");
    assert_eq!(shown_ids(&app, Page::Favourites), vec![y.id.clone()]);
    assert!(render(&app, 80, 24).contains(&format!("★ {}", y.title)));
    press(&mut app, "s");
    assert!(app.journal.preferences.favourites.is_empty());
    // A starred card that fits in no version is left out, and the page says so.
    let lost = app
        .content
        .cards
        .iter()
        .find(|c| nearer::suggest::card_for(c, &app.content, &app.journal.preferences).is_none())
        .expect("a card with no version for couples apart")
        .id
        .clone();
    let mut journal = apart();
    journal.preferences.favourites = vec![lost];
    let mut app = common::app(journal);
    press(&mut app, "b v");
    assert!(shown_ids(&app, Page::Favourites).is_empty());
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("1 more you starred is not shown"),
        "{screen}"
    );
}

#[test]
fn couples_who_live_together_see_no_card_for_couples_apart() {
    let mut app = app(Journal::default());
    press(&mut app, "b");
    for page in every_page(&app) {
        for id in shown_ids(&app, page) {
            let c = app.content.card(&id).unwrap();
            assert!(!c.has(nearer::content::Tag::Apart), "{id}");
        }
    }
    press(&mut app, "/");
    for i in browser(&app).results("", &app.content, &app.journal) {
        assert!(!app.content.cards[i].has(nearer::content::Tag::Apart));
    }
}

const WIDE_CARDS: &str = r#"
[[card]]
id = "tea-and-talk-ja"
section = "everyday"
title = "❤️ 二人でゆっくりお茶を飲みながら今日のよかったことを話す時間 ❤️"
why = "ゆっくりお茶を飲みながら、今日のことを話す。"
steps = ["お湯を沸かす。", "今日よかったことを一つ話す。"]
minutes = 10
mode = "together"
depth = "light"
"#;

#[test]
fn wide_titles_are_cut_by_columns_and_never_push_a_row_out() {
    let mut content = Library::bundled();
    content
        .merge_user_text("/home/someone/.config/nearer/content.toml", WIDE_CARDS)
        .expect("valid content");
    let mut app = app_with_content(Journal::default(), content);
    press(&mut app, "b G enter");
    assert_eq!(browser(&app).page(), Page::Own);
    for cols in [40u16, 44, 52, 60, 80] {
        let screen = render(&app, cols, 20);
        let row = screen
            .lines()
            .find(|l| l.contains("二人で"))
            .unwrap_or_else(|| panic!("no row at {cols}:\n{screen}"));
        assert!(
            nearer::ui::text::width(row) <= usize::from(cols),
            "{cols}: {row:?}"
        );
        assert!(row.contains('…'), "{cols}: {row:?}");
        assert!(row.contains("10 min") || cols < 44, "{cols}: {row:?}");
    }
    // In the search results too, with the line of context under the title.
    press(&mut app, "/");
    type_text(&mut app, "お茶");
    for cols in [40u16, 60] {
        let screen = render(&app, cols, 20);
        for line in screen.lines() {
            assert!(
                nearer::ui::text::width(line) <= usize::from(cols),
                "{line:?}"
            );
        }
        assert!(screen.contains("二人で"), "{screen}");
    }
}

#[test]
fn on_my_own_is_said_in_neutral_words() {
    for words in [SOLO_ONLY_LINE, SOLO_REFUSAL] {
        for said in ["Safety", "self-check", "solo cards only", "asked"] {
            assert!(!words.contains(said), "{words:?} says {said:?}");
        }
    }
    let mut journal = Journal::default();
    journal.preferences.on_my_own = true;
    let mut app = app(journal);
    press(&mut app, "b");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Cards you can do on your own"), "{screen}");
    assert!(!screen.contains("Safety"), "{screen}");
    press(&mut app, "enter");
    let screen = render(&app, 80, 24);
    assert!(screen.contains(SOLO_ONLY_LINE), "{screen}");
}

#[test]
fn the_footer_shows_only_keys_that_do_something_here() {
    let mut app = app(Journal::default());
    press(&mut app, "b");
    // The footer as it stands once a frame has told the screen its layout.
    let footer = |app: &mut App, w, h| {
        draw(app, w, h);
        let screen = draw(app, w, h);
        screen.lines().last().unwrap_or("").to_string()
    };
    let f = footer(&mut app, 80, 24);
    assert!(!f.contains("star"), "no cards to star on the contents: {f}");
    assert!(!f.contains('↑'), "nothing above the first row: {f}");
    assert!(f.contains("/ search") && f.contains("f filter"), "{f}");
    press(&mut app, "down");
    assert!(footer(&mut app, 80, 24).contains("↑/↓"));
    press(&mut app, "G");
    let f = footer(&mut app, 80, 24);
    assert!(
        f.contains('↑') && !f.contains('↓'),
        "nothing below the last row: {f}"
    );
    // A card's page that fits the window has no scroll keys.
    press(&mut app, "g enter enter");
    let f = footer(&mut app, 120, 60);
    assert!(!f.contains("scroll"), "{f}");
    let f = footer(&mut app, 60, 16);
    assert!(f.contains("↓ scroll"), "{f}");
    // The first card has no card before it.
    assert!(!f.contains("←/→") && f.contains("→ cards"), "{f}");
}
