//! The bundled content keeps the rules the library promises, so that new content cannot
//! quietly break them: enough prompts and cards for a year of evenings, a mix from light to
//! deep, cards a couple does together, every love language, the special cards, evidence only
//! from the research the product cites, calm text, and no repeats.

use std::collections::{HashMap, HashSet};

use nearer::content::{CardKind, Depth, Library, LoveLanguage, Mode, fold};

fn lib() -> Library {
    Library::bundled()
}

fn share(n: usize, of: usize) -> f64 {
    n as f64 / of as f64
}

/// Every piece of text a person can read, with where it is from.
fn all_text(lib: &Library) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in &lib.sections {
        let at = format!("section {}", s.id);
        out.push((at.clone(), s.title.clone()));
        out.push((at.clone(), s.intro.clone()));
        out.extend(s.key_ideas.iter().map(|k| (at.clone(), k.clone())));
    }
    for p in &lib.prompts {
        out.push((format!("prompt {}", p.id), p.text.clone()));
    }
    for c in &lib.cards {
        let at = format!("card {}", c.id);
        out.push((at.clone(), c.title.clone()));
        out.push((at.clone(), c.why.clone()));
        out.extend(c.evidence.iter().map(|e| (at.clone(), e.text())));
        out.extend(c.steps.iter().map(|s| (at.clone(), s.clone())));
        out.extend(c.examples.iter().map(|e| (at.clone(), e.clone())));
    }
    for l in lib.lines.arrive.iter().chain(&lib.lines.self_compassion) {
        out.push(("lines".into(), l.clone()));
    }
    out
}

#[test]
fn the_bundled_files_parse_and_validate() {
    let errors = Library::check_bundled();
    assert!(
        errors.is_empty(),
        "{}",
        errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn enough_for_a_year_of_evenings() {
    let lib = lib();
    assert!(lib.prompts.len() >= 90, "{} prompts", lib.prompts.len());
    assert!(lib.cards.len() >= 50, "{} cards", lib.cards.len());
    for s in &lib.sections {
        let prompts = lib.prompts.iter().filter(|p| p.section == s.id).count();
        let cards = lib.cards_in(&s.id).count();
        assert!(prompts >= 8, "section {} has {prompts} prompts", s.id);
        assert!(cards >= 5, "section {} has {cards} cards", s.id);
    }
}

#[test]
fn a_quarter_light_or_playful_and_a_fifth_deep() {
    let lib = lib();
    let n = lib.prompts.len();
    let light = lib
        .prompts
        .iter()
        .filter(|p| p.depth == Depth::Light)
        .count();
    let deep = lib
        .prompts
        .iter()
        .filter(|p| p.depth == Depth::Deep)
        .count();
    assert!(share(light, n) >= 0.25, "prompts: {light} of {n} light");
    assert!(share(deep, n) >= 0.20, "prompts: {deep} of {n} deep");

    let n = lib.cards.len();
    let light = (lib.cards.iter())
        .filter(|c| c.depth == Depth::Light || c.kind == CardKind::Play)
        .count();
    let deep = lib.cards.iter().filter(|c| c.depth == Depth::Deep).count();
    assert!(
        share(light, n) >= 0.25,
        "cards: {light} of {n} light or playful"
    );
    assert!(share(deep, n) >= 0.20, "cards: {deep} of {n} deep");
    assert!(
        lib.cards
            .iter()
            .any(|c| c.kind == CardKind::Play && c.depth == Depth::Light),
        "a light, playful card now and then"
    );
}

#[test]
fn each_section_grows_from_light_to_deep() {
    let lib = lib();
    for s in &lib.sections {
        let depths: Vec<Depth> = lib.cards_in(&s.id).map(|c| c.depth).collect();
        assert!(
            depths.first() != Some(&Depth::Deep),
            "section {} opens with a deep card",
            s.id
        );
        assert!(
            depths.contains(&Depth::Light),
            "section {} has no light card",
            s.id
        );
    }
}

#[test]
fn cards_a_couple_does_together_and_every_love_language() {
    let lib = lib();
    let together = lib
        .cards
        .iter()
        .filter(|c| c.mode == Mode::Together)
        .count();
    assert!(together >= 10, "{together} together cards");
    for l in LoveLanguage::ALL {
        let n = lib
            .cards
            .iter()
            .filter(|c| c.love_languages.contains(&l))
            .count();
        assert!(n >= 4, "love language {} on {n} cards", l.label());
    }
    // Together cards always count as partner-facing, so solo only hides them.
    for c in lib.cards.iter().filter(|c| c.mode == Mode::Together) {
        assert!(
            c.partner_facing,
            "{} is together but not partner-facing",
            c.id
        );
    }
    // Enough left for a person who asked for solo cards only.
    let solo = lib.cards.iter().filter(|c| !c.involves_partner()).count();
    assert!(solo >= 15, "{solo} cards with nothing partner-facing");
}

#[test]
fn conversation_cards_that_ask_your_partner() {
    let lib = lib();
    let asking: Vec<&str> = lib
        .cards
        .iter()
        .filter(|c| c.kind == CardKind::Conversation && c.mode == Mode::Together)
        .filter(|c| {
            c.steps
                .iter()
                .any(|s| fold(s).contains("ask") || s.contains('?') || s.contains("..."))
        })
        .map(|c| c.id.as_str())
        .collect();
    assert!(asking.len() >= 3, "conversation cards: {asking:?}");
}

#[test]
fn the_special_cards_are_there() {
    let lib = lib();
    // A third-party-view writing exercise for a recurring conflict (Finkel et al. 2013).
    let third = lib
        .cards
        .iter()
        .find(|c| {
            c.kind == CardKind::Writing
                && c.evidence.as_ref().map(|e| e.short()).as_deref() == Some("Finkel et al. 2013")
                && c.steps.iter().any(|s| fold(s).contains("observer"))
        })
        .expect("a third-party-view writing card");
    assert!(
        third
            .steps
            .iter()
            .any(|s| fold(s).contains("keeps coming back")),
        "it is about a recurring conflict"
    );

    // An "I feel... I need..." reframing card with worked examples.
    let feel = lib
        .cards
        .iter()
        .find(|c| c.title.contains("I feel") && c.title.contains("I need"))
        .expect("an I feel... I need... card");
    assert!(feel.examples.len() >= 3, "{} examples", feel.examples.len());
    for e in &feel.examples {
        let (before, after) = e.split_once("->").expect("before -> after");
        assert!(!before.trim().is_empty());
        assert!(
            after.contains("I feel") && after.contains("I need"),
            "{after}"
        );
    }

    // A weekly conversation: appreciations, what went well, one issue in I-statements,
    // repair.
    let weekly = lib.card("weekly-check-in").expect("the weekly check-in");
    assert_eq!(weekly.mode, Mode::Together);
    assert_eq!(weekly.kind, CardKind::Conversation);
    let steps = fold(&weekly.steps.join(" "));
    for part in ["appreciation", "went well", "i-statement", "repair"] {
        assert!(steps.contains(part), "the weekly check-in lacks {part}");
    }

    // The pause cards the guided pause is offered from.
    assert!(
        lib.cards
            .iter()
            .filter(|c| c.kind == CardKind::Pause)
            .count()
            >= 2
    );
}

#[test]
fn evidence_only_from_the_research_the_product_cites() {
    let allowed = [
        "Aron, Aron & Smollan 1992",
        "Algoe, Gable & Maisel 2010",
        "Gable, Reis, Impett & Asher 2004",
        "Laurenceau, Barrett & Pietromonaco 1998",
        "Gottman's research on bids for connection",
        "Finkel et al. 2013",
        "Slatcher & Pennebaker 2006",
        "Impett, Park & Muise 2024",
    ];
    let lib = lib();
    let with: Vec<String> = lib
        .cards
        .iter()
        .filter_map(|c| c.evidence.as_ref().map(|e| e.short()))
        .collect();
    for e in &with {
        assert!(
            allowed.contains(&e.as_str()),
            "evidence {e:?} is not in the product's list"
        );
    }
    assert!(
        with.len() >= 6,
        "evidence lines where research supports a card"
    );
}

#[test]
fn no_exclamation_marks_anywhere() {
    for (at, text) in all_text(&lib()) {
        assert!(!text.contains('!'), "{at}: {text:?}");
    }
}

#[test]
fn ids_are_unique() {
    let lib = lib();
    let mut seen = HashSet::new();
    for s in &lib.sections {
        assert!(seen.insert(&s.id), "section id {} twice", s.id);
    }
    let mut seen = HashSet::new();
    for p in &lib.prompts {
        assert!(seen.insert(&p.id), "prompt id {} twice", p.id);
    }
    let mut seen = HashSet::new();
    for c in &lib.cards {
        assert!(seen.insert(&c.id), "card id {} twice", c.id);
    }
}

/// Words that carry meaning, folded.
fn content_words(text: &str) -> HashSet<String> {
    const STOP: &str = "a an the you your to of and or in on for with is it that what when how do did does was were be this one their they them me my i we us our at as from by about have has had so if not no can could would will than then there which who why";
    let stop: HashSet<&str> = STOP.split(' ').collect();
    fold(text)
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty() && !stop.contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn no_two_prompts_say_the_same_thing() {
    let lib = lib();
    let mut seen: HashMap<String, &str> = HashMap::new();
    for p in &lib.prompts {
        let key: String = fold(&p.text)
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(other) = seen.insert(key, &p.id) {
            panic!("prompts {other} and {} say the same thing", p.id);
        }
    }
    // Nor nearly the same: most of their meaningful words shared.
    for (i, a) in lib.prompts.iter().enumerate() {
        let wa = content_words(&a.text);
        for b in &lib.prompts[i + 1..] {
            let wb = content_words(&b.text);
            let overlap = wa.intersection(&wb).count() as f64 / wa.union(&wb).count() as f64;
            assert!(
                overlap < 0.6,
                "prompts {} and {} are nearly the same",
                a.id,
                b.id
            );
        }
    }
    let mut titles = HashSet::new();
    for c in &lib.cards {
        assert!(
            titles.insert(fold(&c.title)),
            "two cards called {:?}",
            c.title
        );
    }
}

#[test]
fn nothing_is_pasted_from_the_article() {
    // The article the content is built from lives beside the project, not in it.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/source/closeness-article.txt");
    let Ok(article) = std::fs::read_to_string(&path) else {
        eprintln!("{} not found; the article check is skipped", path.display());
        return;
    };
    let words = |t: &str| -> Vec<String> {
        fold(t)
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    const RUN: usize = 8;
    let article_words = words(&article);
    let runs: HashSet<&[String]> = article_words.windows(RUN).collect();
    for (at, text) in all_text(&lib()) {
        let w = words(&text);
        for run in w.windows(RUN) {
            assert!(
                !runs.contains(run),
                "{at} shares \"{}\" with the article",
                run.join(" ")
            );
        }
    }
}
