//! Both voices in Look back, search and export: every word either partner kept on a
//! together evening, and the notes of the talks, are found, shown under their names, and
//! exported to Markdown and JSON so that they read back.

mod common;
mod journals;

use chrono::NaiveDate;
use common::*;
use journals::day;
use nearer::app::App;
use nearer::journal::Journal;
use nearer::journal::export::{Format, export};
use nearer::screens::Screen;
use nearer::screens::review::Review;

fn review(app: &App) -> &Review {
    match app.screen() {
        Screen::Review(r) => r,
        _ => panic!("looking back is not on top"),
    }
}

fn shown(app: &App) -> Vec<NaiveDate> {
    let r = review(app);
    (0..r.len(&app.journal))
        .filter_map(|i| r.row_date(&app.journal, i))
        .collect()
}

fn find(app: &mut App, text: &str) -> Vec<NaiveDate> {
    press(app, "/ ctrl+u");
    type_text(app, text);
    shown(app)
}

#[test]
fn search_finds_each_partners_words_and_the_talks_notes() {
    let mut app = app(journals::together());
    press(&mut app, "l");
    let on_25 = vec![day(2026, 11, 25)];
    for (word, label) in [
        ("lanterns", "Sam: "),              // the owner's answer
        ("piano", "Alex: "),                // the partner's answer
        ("cardamom", "Sam's good thing: "), // the owner's good thing
        ("kettle", "Alex's good thing: "),  // the partner's good thing
        ("coat", "Sam planned: "),          // the owner's small act
        ("playlist", "Alex planned: "),     // the partner's small act
        ("skate", "to do together: "),      // the act to do together
    ] {
        assert_eq!(find(&mut app, word), on_25, "{word}");
        let screen = render(&app, 120, 40);
        let row = screen
            .lines()
            .find(|l| l.contains("Wed 25 Nov 2026"))
            .unwrap_or_else(|| panic!("{word}: no row\n{screen}"));
        assert!(row.contains(label), "{word}: {row}");
    }
    // The question both were asked, on both together evenings.
    assert_eq!(
        find(&mut app, "like more of this"),
        vec![day(2026, 11, 25), day(2026, 11, 22)]
    );
    // The evening done only together, by the owner's words.
    assert_eq!(find(&mut app, "radio"), vec![day(2026, 11, 22)]);
    // A talk's note, on an evening with an entry.
    assert_eq!(find(&mut app, "printer"), vec![day(2026, 11, 24)]);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("talk note: …and the printer"), "{screen}");
    // A talk's note on a day with no evening: the list says where it is.
    assert!(find(&mut app, "landlord").is_empty());
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains(
            "0 of 15 evenings match · a talk's note on Sat 21 Nov matches too (r shows its week)"
        ),
        "{screen}"
    );
    // Words from two voices of one evening: both must be there, each within one text.
    assert_eq!(find(&mut app, "piano lanterns"), on_25);
    assert!(find(&mut app, "pianolanterns").is_empty());
    // Search finds the same as looking through every text by hand.
    let query = nearer::find::Query::parse("alex");
    let by_hand: Vec<NaiveDate> = (app.journal.entries.iter().rev())
        .filter(|e| nearer::find::entry::matches_in(&query, e, &app.journal))
        .map(|e| e.date)
        .collect();
    assert_eq!(find(&mut app, "alex"), by_hand);
    assert!(by_hand.contains(&day(2026, 11, 22)) && by_hand.contains(&day(2026, 11, 24)));
}

/// Whether every cell of `word` on the screen is drawn in the highlight style.
fn highlighted(app: &App, word: &str, width: u16, height: u16) -> Vec<bool> {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| {
            nearer::app::view::view(f, app);
        })
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let bg = app.theme.highlight().bg.unwrap();
    let chars: Vec<String> = word.chars().map(|c| c.to_string()).collect();
    let mut found = Vec::new();
    for y in 0..height {
        for x in 0..width.saturating_sub(chars.len() as u16) {
            if (0..chars.len()).all(|i| buffer[(x + i as u16, y)].symbol() == chars[i]) {
                found.push((0..chars.len()).all(|i| buffer[(x + i as u16, y)].bg == bg));
            }
        }
    }
    found
}

#[test]
fn an_evenings_page_highlights_the_words_found_in_either_voice() {
    let mut app = app(journals::together());
    press(&mut app, "l");
    for word in ["piano", "kettle", "playlist", "skate"] {
        find(&mut app, word);
        press(&mut app, "enter enter");
        let seen = highlighted(&app, word, 120, 40);
        assert!(!seen.is_empty(), "{word} is on the page");
        assert!(seen.iter().all(|&h| h), "{word} is highlighted: {seen:?}");
        press(&mut app, "esc");
    }
}

#[test]
fn the_evenings_page_shows_both_voices_under_their_names_beside_the_owners_own() {
    let mut app = app(journals::together());
    press(&mut app, "l");
    find(&mut app, "piano");
    press(&mut app, "enter enter");
    let page = draw(&mut app, 120, 60);
    let at = |s: &str| {
        page.find(s)
            .unwrap_or_else(|| panic!("{s} is not on the page\n{page}"))
    };
    // Both ratings, each after its name.
    assert!(page.contains("Together: Sam and Alex"), "{page}");
    assert!(
        page.lines()
            .any(|l| l.contains("Sam ") && l.contains("6 ▆")),
        "{page}"
    );
    assert!(
        page.lines()
            .any(|l| l.contains("Alex") && l.contains("4 ▄")),
        "{page}"
    );
    // Answers under the question, each under its name.
    assert!(at("What is one thing you'd like more") < at("Walks in the dark"));
    assert!(at("Walks in the dark") < at("Evenings at the piano"));
    assert!(at("Sam about Alex") < at("cardamom"));
    assert!(at("Alex about Sam") < at("kettle warm"));
    assert!(at("Sam: leave a note") > 0 && at("Alex: a playlist") > 0);
    assert!(at("Together: skate on the frozen pond") > 0);
    // The owner's own check-in that evening, beside it.
    assert!(at("Your own check-in that evening") < at("We laughed about the café"));
    assert!(at("a note on the mirror") > 0);

    // An evening done only together: no check-in of its own, and the partner who kept
    // only a rating is said to.
    press(&mut app, "esc");
    find(&mut app, "radio");
    press(&mut app, "enter enter");
    let page = draw(&mut app, 120, 60);
    assert!(page.contains("Slow Sunday mornings"), "{page}");
    assert!(
        page.contains("No words of Alex's are kept for this evening, only the rating."),
        "{page}"
    );
    assert!(!page.contains("Your own check-in"), "{page}");
    assert!(page.contains("A State of us"), "{page}");
}

#[test]
fn markdown_writes_each_voice_under_its_name_and_the_talks_with_their_notes() {
    let j = journals::together();
    let md = export(&j, Format::Markdown, None, None);
    let section = |title: &str| -> &str {
        let from = md.find(title).unwrap_or_else(|| panic!("{title}\n{md}"));
        let rest = &md[from..];
        let end = rest[1..].find("\n## ").map_or(rest.len(), |e| e + 1);
        &rest[..end]
    };
    let wed = section("## Wednesday 25 November 2026");
    assert!(wed.contains("### Together: Sam and Alex"), "{wed}");
    let sam = wed.find("#### Sam").unwrap();
    let alex = wed.find("#### Alex").unwrap();
    assert!(sam < alex);
    let (sams, alexs) = (&wed[sam..alex], &wed[alex..]);
    for w in [
        "Closeness: 6 of 7",
        "Walks in the dark",
        "cardamom",
        "leave a note",
    ] {
        assert!(sams.contains(w), "{w} under Sam:\n{sams}");
        assert!(!alexs.contains(w), "{w} not under Alex");
    }
    for w in ["Closeness: 4 of 7", "piano", "kettle warm", "a playlist"] {
        assert!(alexs.contains(w), "{w} under Alex:\n{alexs}");
    }
    assert!(alexs.contains("**One good thing about Sam:**"), "{alexs}");
    assert!(wed.contains("**To do together tomorrow:** skate on the frozen pond"));
    // The owner's own check-in is kept beside.
    let own = wed.find("### Your own check-in").unwrap();
    assert!(wed[own..].contains("- Closeness: 7 of 7"), "{wed}");
    assert!(wed[own..].contains("a note on the mirror"), "{wed}");

    let sun = section("## Sunday 22 November 2026");
    assert!(sun.contains("Slow Sunday mornings"), "{sun}");
    assert!(!sun.contains("Your own check-in"), "{sun}");
    assert!(sun.contains("No words of theirs are kept"), "{sun}");
    assert!(sun.contains("- A State of us, at 21:10"), "{sun}");

    // A talk on a day with no entry has a day of its own.
    let sat = section("## Saturday 21 November 2026");
    assert!(
        sat.contains("- A stress-reducing conversation, 8 minutes a turn, at 21:10"),
        "{sat}"
    );
    assert!(sat.contains("> the landlord's letter"), "{sat}");
    let tue = section("## Tuesday 24 November 2026");
    assert!(tue.contains("> Alex's deadline and the printer"), "{tue}");
    // Newest first, as before.
    assert!(md.find("## Thursday 26").is_none());
    assert!(md.find("Wednesday 25").unwrap() < md.find("Saturday 21").unwrap());

    // A date range keeps only its talks.
    let md = export(&j, Format::Markdown, Some(day(2026, 11, 22)), None);
    assert!(!md.contains("landlord"), "{md}");
    assert!(md.contains("printer"));
}

#[test]
fn json_carries_both_voices_and_the_talks_and_reads_back() {
    let j = journals::together();
    let json = export(&j, Format::Json, None, None);
    let back: Journal = serde_json::from_str(&json).unwrap();
    assert_eq!(back.entries, j.entries, "every voice, as it was");
    assert_eq!(back.talks, j.talks);
    let wed = back
        .entry(day(2026, 11, 25))
        .unwrap()
        .together
        .as_ref()
        .unwrap();
    assert_eq!(wed.partner.name, "Alex");
    assert_eq!(
        wed.partner.answer.as_deref(),
        Some("Evenings at the piano, even badly played.")
    );
    assert_eq!(
        wed.partner.good_thing.as_deref(),
        Some("Sam waited up with the kettle warm.")
    );
    assert_eq!(
        wed.act_together.as_deref(),
        Some("skate on the frozen pond")
    );
    // Read by a tool, as jq would.
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let e = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["date"] == "2026-11-25")
        .unwrap();
    assert_eq!(
        e["together"]["owner"]["small_act"],
        "leave a note in Alex's coat"
    );
    assert_eq!(e["together"]["partner"]["closeness"], 4);
    assert_eq!(v["talks"][0]["note"], "the landlord's letter");
    // A range keeps the talks in it.
    let json = export(
        &j,
        Format::Json,
        Some(day(2026, 11, 22)),
        Some(day(2026, 11, 22)),
    );
    let back: Journal = serde_json::from_str(&json).unwrap();
    assert_eq!(back.talks.len(), 1);
    assert_eq!(back.entries.len(), 1);
}

#[test]
fn the_recap_counts_together_evenings_and_talks() {
    let mut app = app(journals::together());
    press(&mut app, "l r left");
    let page = draw(&mut app, 120, 60);
    // The week of 16 to 22 November holds the together evening of the 22nd and two talks.
    assert!(
        page.contains("1 together evening: Sam's closeness averaged 5.0, Alex's 3.0."),
        "{page}"
    );
    assert!(
        page.contains(
            "You talked with nearer's help: a stress-reducing conversation and a State of us."
        ),
        "{page}"
    );
    assert!(
        page.contains("8 minutes a turn, at 21:10: the landlord's"),
        "{page}"
    );
    press(&mut app, "right");
    let page = draw(&mut app, 120, 60);
    assert!(page.contains("Alex about Sam: Sam waited up"), "{page}");
}

#[test]
fn a_week_of_only_together_evenings_shows_what_they_said_of_each_other() {
    use nearer::journal::together::Together;
    let mut j = Journal::default();
    let mut e = journals::plain(day(2026, 11, 24), 5);
    e.together = Some(Together {
        prompt_id: "p".into(),
        prompt: "What made you laugh?".into(),
        owner: journals::voice("Sam", 5, "", "Alex sang in the lift.", ""),
        partner: journals::voice("Alex", 6, "", "", ""),
        act_together: None,
    });
    j.upsert(e);
    let mut app = app(j);
    press(&mut app, "l r");
    let page = draw(&mut app, 80, 40);
    assert!(
        page.contains("Sam about Alex: Alex sang in the lift."),
        "{page}"
    );
    let this_week = page.split("Last week").next().unwrap();
    assert!(!this_week.contains("No appreciations written."), "{page}");
}
