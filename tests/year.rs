//! A year of evenings, lived through the check-in: each evening a person opens nearer,
//! rates the evening (ratings from a seeded generator, some of them very distant or very
//! stressful), answers the question they are asked, and plans the small act suggested.
//! Then the picker's rules are checked against what happened, evening by evening, for a
//! couple with nearer's defaults, one who live apart, one with children at home, and one
//! who asked for what they can do on their own; and a second year is lived to count its
//! repeats (printed: `cargo test --test year -- --nocapture`).

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use common::*;
use nearer::app::App;
use nearer::content::{Depth, Library, Tag};
use nearer::journal::{About, Journal, Preferences, Step};
use nearer::screens::Screen;
use nearer::suggest::prompt_fits;
use nearer::suggest::prompts::FIRST_EVENINGS;
use nearer::ui::Theme;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What one evening brought.
#[derive(Debug, Clone)]
struct Evening {
    date: NaiveDate,
    closeness: u8,
    stress: u8,
    /// The question answered.
    prompt: String,
    /// The screen at the reflection step.
    screen: String,
    /// The card planned for the day after.
    card: Option<String>,
}

impl Evening {
    fn hard(&self) -> bool {
        self.closeness <= 2 || self.stress >= 4
    }
}

fn checkin(app: &App) -> &nearer::screens::checkin::Checkin {
    match app.screen() {
        Screen::Checkin(c) => c,
        other => panic!("expected the check-in, found {other:?}"),
    }
}

/// Ratings as a year brings them: mostly middling and good, about one evening in four
/// very distant or very stressful.
fn ratings(rng: &mut ChaCha8Rng) -> (u8, u8) {
    let closeness = match rng.next_u64() % 100 {
        0..6 => 1,
        6..14 => 2,
        14..30 => 3,
        30..55 => 4,
        55..80 => 5,
        80..93 => 6,
        _ => 7,
    };
    let stress = match rng.next_u64() % 100 {
        0..25 => 1,
        25..55 => 2,
        55..85 => 3,
        85..95 => 4,
        _ => 5,
    };
    (closeness, stress)
}

/// `evenings` evenings of check-ins from `first`, one each evening, from `journal` on.
fn live(
    lib: &Arc<Library>,
    mut journal: Journal,
    first: NaiveDate,
    evenings: usize,
    seed: u64,
) -> (Journal, Vec<Evening>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut lived = Vec::with_capacity(evenings);
    for i in 0..evenings {
        let date = first + Duration::days(i as i64);
        let now: DateTime<FixedOffset> = at(&format!("{date}T21:00:00+01:00"));
        // (The library is read once for the whole year, not at each start.)
        let mut app = App::new(
            journal,
            Library::default(),
            now,
            Theme::new(true),
            "journal.json".into(),
            Default::default(),
            &[],
        );
        app.content = Arc::clone(lib);
        let (closeness, stress) = ratings(&mut rng);
        press(&mut app, "enter enter");
        press(&mut app, &format!("{closeness} enter {stress} enter"));
        if checkin(&app).step == Step::Followup {
            press(&mut app, "1 enter tab");
        }
        assert_eq!(checkin(&app).step, Step::Reflection, "{date}");
        // The screen, to look for the kind line (drawn only when it should be there).
        let screen = if closeness <= 2 || stress >= 4 {
            render(&app, 100, 30)
        } else {
            String::new()
        };
        let prompt = checkin(&app).prompt.0.clone();
        type_text(&mut app, "An answer of a few words.");
        press(&mut app, "tab tab enter");
        assert!(checkin(&app).saved, "{date}: the evening is saved");
        let entry = app.journal.entry(date).expect("saved").clone();
        assert_eq!(entry.reflection.as_ref().unwrap().prompt_id, prompt);
        lived.push(Evening {
            date,
            closeness,
            stress,
            prompt,
            screen,
            card: entry.small_act.and_then(|a| a.card_id),
        });
        journal = (*app.journal).clone();
    }
    (journal, lived)
}

/// The prompts the rules allow on evening `n` (0-based) of a person's life with nearer.
fn allowed<'a>(lib: &'a Library, prefs: &Preferences, n: usize, hard: bool) -> Vec<&'a str> {
    let gentle = n < FIRST_EVENINGS || hard;
    lib.prompts
        .iter()
        .filter(|p| prompt_fits(p, prefs))
        .filter(|p| !(gentle && (p.depth == Depth::Deep || p.has(Tag::Conflict))))
        .map(|p| p.id.as_str())
        .collect()
}

fn lives() -> Vec<(&'static str, Preferences)> {
    let about = |live_apart, children_at_home| Preferences {
        about: About {
            live_apart,
            children_at_home,
            ..About::default()
        },
        ..Preferences::default()
    };
    vec![
        ("defaults", Preferences::default()),
        ("apart", about(true, false)),
        ("children at home", about(false, true)),
        (
            "on my own",
            Preferences {
                on_my_own: true,
                ..Preferences::default()
            },
        ),
    ]
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
}

/// Check a year of evenings against the rules; returns what was seen, for the report.
fn check_year(lib: &Library, prefs: &Preferences, name: &str, year: &[Evening]) {
    let mut last_shown: HashMap<&str, usize> = HashMap::new();
    for (n, e) in year.iter().enumerate() {
        let p = lib.prompt(&e.prompt).expect("a bundled prompt");
        assert!(
            prompt_fits(p, prefs),
            "{name} {}: {} does not fit",
            e.date,
            p.id
        );
        if n < FIRST_EVENINGS {
            assert_ne!(p.depth, Depth::Deep, "{name}: evening {} is deep", n + 1);
            assert!(!p.has(Tag::Conflict), "{name}: evening {} conflict", n + 1);
        }
        if e.hard() {
            assert!(
                p.depth != Depth::Deep && !p.has(Tag::Conflict),
                "{name} {}: {} on a hard evening ({} of 7, stress {})",
                e.date,
                p.id,
                e.closeness,
                e.stress
            );
            let kind = lib.lines.hard_evening.iter().any(|l| {
                // The first words of the line, wherever it wraps.
                let start: String = l.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
                e.screen.contains(&start)
            });
            assert!(
                kind,
                "{name} {}: no kind line on a hard evening:\n{}",
                e.date, e.screen
            );
        }
        if let Some(&before) = last_shown.get(p.id.as_str())
            && n - before < 365
        {
            let unseen: Vec<&str> = allowed(lib, prefs, n, e.hard())
                .into_iter()
                .filter(|id| !last_shown.contains_key(id))
                .collect();
            assert!(
                unseen.is_empty(),
                "{name} {}: {} again after {} evenings, while {} were never shown ({:?}...)",
                e.date,
                p.id,
                n - before,
                unseen.len(),
                &unseen[..unseen.len().min(3)]
            );
        }
        last_shown.insert(p.id.as_str(), n);
        if let Some(card) = &e.card {
            let c = lib.card(card).expect("a bundled card");
            assert!(
                c.minutes <= 15,
                "{name} {}: {} takes {} min",
                e.date,
                c.id,
                c.minutes
            );
        }
    }
}

/// How many evenings of `evenings` brought a prompt shown before, and the first of them.
fn repeats(evenings: &[Evening]) -> (usize, Option<usize>) {
    let mut seen = std::collections::HashSet::new();
    let mut count = 0;
    let mut first = None;
    for (n, e) in evenings.iter().enumerate() {
        if !seen.insert(e.prompt.as_str()) {
            count += 1;
            first.get_or_insert(n + 1);
        }
    }
    (count, first)
}

#[test]
fn a_year_of_evenings_keeps_the_pickers_rules_for_every_couple() {
    let lib = Arc::new(Library::bundled());
    for (name, prefs) in lives() {
        let journal = Journal {
            preferences: prefs.clone(),
            ..Journal::default()
        };
        let (_, year) = live(&lib, journal, start(), 365, 20260105);
        check_year(&lib, &prefs, name, &year);
        let hard = year.iter().filter(|e| e.hard()).count();
        assert!(hard > 40, "{name}: {hard} hard evenings");
        assert!(year.iter().take(FIRST_EVENINGS).any(Evening::hard));
        // Deep questions come by degrees: none at first, more after some months.
        let deep = |from: usize, to: usize| {
            year[from..to]
                .iter()
                .filter(|e| lib.prompt(&e.prompt).unwrap().depth == Depth::Deep)
                .count()
        };
        assert_eq!(deep(0, FIRST_EVENINGS), 0);
        assert!(
            deep(14, 60) < deep(180, 226),
            "{name}: deep questions do not grow"
        );
        assert!(deep(180, 365) > 0);
        let months: Vec<String> = (0..12)
            .map(|m| {
                let month = &year[m * 30..(m * 30 + 30).min(365)];
                let d = month
                    .iter()
                    .filter(|e| lib.prompt(&e.prompt).unwrap().depth == Depth::Deep)
                    .count();
                format!("{:.0}%", 100.0 * d as f64 / month.len() as f64)
            })
            .collect();
        let (count, _) = repeats(&year);
        assert_eq!(count, 0, "{name}: repeats within the first year");
        println!(
            "{name}: {} prompts fit; year one: no repeat, {hard} hard evenings; deep by month: {}",
            lib.prompts
                .iter()
                .filter(|p| prompt_fits(p, &prefs))
                .count(),
            months.join(" "),
        );
    }
}

#[test]
fn the_second_year_repeats_only_what_it_must() {
    let lib = Arc::new(Library::bundled());
    for (name, prefs) in lives() {
        let journal = Journal {
            preferences: prefs.clone(),
            ..Journal::default()
        };
        let (_, two_years) = live(&lib, journal, start(), 730, 7);
        let fit = lib
            .prompts
            .iter()
            .filter(|p| prompt_fits(p, &prefs))
            .count();
        let (count, first) = repeats(&two_years);
        let first = first.expect("two years hold more evenings than prompts");
        // No repeat before every prompt that fits has had its evening (a hard evening's
        // gentler set may run out a little sooner).
        assert!(first > 365, "{name}: first repeat at evening {first}");
        assert!(
            count <= 730 - fit + 40,
            "{name}: {count} repeats in two years with {fit} prompts"
        );
        // What repeats is the least recently shown: nothing comes back within a year.
        let mut at: HashMap<&str, usize> = HashMap::new();
        let mut soonest = usize::MAX;
        for (n, e) in two_years.iter().enumerate() {
            if let Some(before) = at.insert(e.prompt.as_str(), n) {
                soonest = soonest.min(n - before);
            }
        }
        assert!(
            soonest >= 365,
            "{name}: a prompt came back after {soonest} evenings"
        );
        println!(
            "{name}: {fit} prompts fit; first repeat at evening {first}; {count} of the \
             second year's 365 evenings repeat a prompt; the soonest comes back after {soonest} evenings"
        );
    }
}

#[test]
fn the_first_fourteen_evenings_are_light_and_medium_for_everyone() {
    // Sixty people, each starting on another day of the year with ratings of their own.
    let lib = Arc::new(Library::bundled());
    for person in 0..60u64 {
        let first = start() + Duration::days(6 * person as i64);
        let (_, evenings) = live(&lib, Journal::default(), first, FIRST_EVENINGS, person);
        for (n, e) in evenings.iter().enumerate() {
            let p = lib.prompt(&e.prompt).unwrap();
            assert!(
                p.depth != Depth::Deep && !p.has(Tag::Conflict),
                "person {person}, evening {}: {} ({:?}, {:?})",
                n + 1,
                p.id,
                p.depth,
                p.tags
            );
        }
    }
    // Light and medium prompts about a conflict exist: the rule has something to keep out.
    assert!(
        lib.prompts
            .iter()
            .any(|p| p.depth != Depth::Deep && p.has(Tag::Conflict))
    );
}
