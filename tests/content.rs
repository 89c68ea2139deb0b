//! The bundled content keeps the rules the library promises, so that new content cannot
//! quietly break them: enough prompts and cards for a year of evenings, the ten decks, a mix
//! from light to deep with a playful fifth, tags that fit, long-distance versions of the
//! same-room cards, enough lines of every kind, citations a researcher would sign, nothing
//! that could hurt someone whose partner is controlling, calm text in our own words, and no
//! repeats.
//!
//! The counts (prompts, cards, decks, lines, minutes) are met only once every deck file and
//! `lines.toml` are filled in; until then those tests fail and say what is missing.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use nearer::content::{CardKind, Depth, Evidence, Library, LoveLanguage, Mode, Tag};
use nearer::find::fold;

fn lib() -> Library {
    Library::bundled()
}

fn share(n: usize, of: usize) -> f64 {
    n as f64 / of.max(1) as f64
}

/// Folded words of a text, split at anything that is not a letter or a digit.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn has_word(text: &str, word: &str) -> bool {
    words(text).iter().any(|w| w == word)
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
    for d in &lib.decks {
        let at = format!("deck {}", d.id);
        out.push((at.clone(), d.title.clone()));
        out.push((at, d.intro.clone()));
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
    let l = &lib.lines;
    for (kind, list) in [
        ("arrive", &l.arrive),
        ("arrive_past", &l.arrive_past),
        ("self_compassion", &l.self_compassion),
        ("hard_evening", &l.hard_evening),
    ] {
        out.extend(list.iter().map(|t| (format!("lines.{kind}"), t.clone())));
    }
    for g in &l.good_thing {
        out.push(("lines.good_thing".into(), g.ask.clone()));
        out.push(("lines.good_thing".into(), g.hint.clone()));
    }
    for s in &l.seasonal {
        out.push((
            format!("lines.seasonal {}..{}", s.from, s.to),
            s.text.clone(),
        ));
    }
    for m in &l.milestone {
        out.push((format!("lines.milestone {}", m.evening), m.text.clone()));
    }
    out
}

/// The article the content grows from. It lives beside the project, not in it: beside the
/// main checkout (`../shared`), or beside the folder of worktrees (`../../shared`).
/// Where the article nearer grows from lives, beside the project (it is not part of it).
fn article_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/source/closeness-article.txt")
}

/// What the checks need of the article, without its words: a stable hash of every run of
/// eight words, and of every line (its headings), as kept in tests/fixtures so the checks
/// run where the article is not.
struct ArticlePrint {
    runs: HashSet<u64>,
    lines: HashSet<u64>,
}

const RUN: usize = 8;
const PRINT_FILE: &str = "tests/fixtures/article-print.txt";

/// FNV-1a, 64 bits: the same on every machine and every build.
fn fnv(words: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            h ^= u64::from(b' ');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for b in w.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn print_of(article: &str) -> ArticlePrint {
    let w = words(article);
    ArticlePrint {
        runs: w.windows(RUN).map(fnv).collect(),
        lines: article
            .lines()
            .map(words)
            .filter(|l| !l.is_empty())
            .map(|l| fnv(&l))
            .collect(),
    }
}

fn print_text(p: &ArticlePrint) -> String {
    let mut runs: Vec<u64> = p.runs.iter().copied().collect();
    runs.sort_unstable();
    let mut lines: Vec<u64> = p.lines.iter().copied().collect();
    lines.sort_unstable();
    let mut out = String::from(
        "# Hashes (FNV-1a 64) of every run of 8 words, and every line, of the closeness article,\n\
         # so the content tests can check nothing is copied from it where the article is not.\n\
         # Regenerate with NEARER_WRITE_ARTICLE_PRINT=1 cargo test --test content.\n",
    );
    out.extend(runs.iter().map(|h| format!("run {h:016x}\n")));
    out.extend(lines.iter().map(|h| format!("line {h:016x}\n")));
    out
}

/// The article's print: from the article itself when it is beside the project (and then
/// the kept print must match it), else from the kept print.
fn article_print() -> ArticlePrint {
    let kept = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(PRINT_FILE))
        .unwrap_or_else(|e| {
            panic!("{PRINT_FILE} cannot be read ({e}); the article checks need it")
        });
    if let Ok(text) = std::fs::read_to_string(article_path()) {
        assert!(
            words(&text).len() > 500,
            "{} is not the closeness article",
            article_path().display()
        );
        let print = print_of(&text);
        if std::env::var_os("NEARER_WRITE_ARTICLE_PRINT").is_some() {
            std::fs::write(
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(PRINT_FILE),
                print_text(&print),
            )
            .unwrap();
        } else {
            assert_eq!(
                kept,
                print_text(&print),
                "{PRINT_FILE} is not the print of {}: regenerate it with \
                 NEARER_WRITE_ARTICLE_PRINT=1 cargo test --test content",
                article_path().display()
            );
        }
        return print;
    }
    let mut print = ArticlePrint {
        runs: HashSet::new(),
        lines: HashSet::new(),
    };
    for line in kept.lines().filter(|l| !l.starts_with('#')) {
        let (kind, hex) = line.split_once(' ').expect("kind and hash");
        let h = u64::from_str_radix(hex, 16).expect("a hash");
        match kind {
            "run" => print.runs.insert(h),
            "line" => print.lines.insert(h),
            other => panic!("{PRINT_FILE}: unknown line kind {other}"),
        };
    }
    assert!(print.runs.len() > 500, "{PRINT_FILE} holds too little");
    print
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

// ---------------------------------------------------------------- counts

#[test]
fn enough_for_a_year_of_evenings() {
    let lib = lib();
    for s in &lib.sections {
        let prompts = lib.prompts.iter().filter(|p| p.section == s.id).count();
        let cards = lib.cards_in(&s.id).count();
        assert!(prompts >= 8, "section {} has {prompts} prompts", s.id);
        assert!(cards >= 5, "section {} has {cards} cards", s.id);
    }
    assert!(
        lib.prompts.len() >= 420,
        "{} prompts, 420 wanted",
        lib.prompts.len()
    );
    assert!(
        lib.cards.len() >= 150,
        "{} cards, 150 wanted",
        lib.cards.len()
    );
}

const DECKS: [&str; 10] = [
    "intimacy",
    "money",
    "children",
    "family",
    "apart",
    "hard-seasons",
    "trust",
    "dreams",
    "repair",
    "play",
];

#[test]
fn ten_decks_each_with_a_home_and_enough_in_it() {
    let lib = lib();
    let mut problems = Vec::new();
    for id in DECKS {
        let Some(deck) = lib.decks.iter().find(|d| d.id == id) else {
            problems.push(format!("no deck \"{id}\""));
            continue;
        };
        if lib.section(&deck.section).is_none() {
            problems.push(format!("deck {id}: no section \"{}\"", deck.section));
        }
        let cards = (lib.cards.iter())
            .filter(|c| c.deck.as_deref() == Some(id))
            .count();
        let prompts = (lib.prompts.iter())
            .filter(|p| p.deck.as_deref() == Some(id))
            .count();
        if cards < 8 {
            problems.push(format!("deck {id}: {cards} cards, 8 wanted"));
        }
        if prompts < 20 {
            problems.push(format!("deck {id}: {prompts} prompts, 20 wanted"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn most_cards_fit_in_a_quarter_of_an_hour() {
    let lib = lib();
    let short = lib.cards.iter().filter(|c| c.minutes <= 15).count();
    assert!(
        short >= 100,
        "{short} cards of {} take 15 minutes or less, 100 wanted",
        lib.cards.len()
    );
    assert!(
        share(short, lib.cards.len()) >= 0.6,
        "most cards are short: {short} of {}",
        lib.cards.len()
    );
}

// ---------------------------------------------------------------- mixes

#[test]
fn a_playful_fifth_and_at_most_a_third_deep() {
    let lib = lib();
    let n = lib.prompts.len();
    let count = |depth: Depth| lib.prompts.iter().filter(|p| p.depth == depth).count();
    let playful = lib.prompts.iter().filter(|p| p.has(Tag::Playful)).count();
    let (light, deep) = (count(Depth::Light), count(Depth::Deep));
    assert!(
        share(playful, n) >= 0.20,
        "prompts: {playful} of {n} playful"
    );
    assert!(share(light, n) >= 0.25, "prompts: {light} of {n} light");
    assert!(
        share(deep, n) <= 1.0 / 3.0,
        "prompts: {deep} of {n} deep, at most a third"
    );
    assert!(share(deep, n) >= 0.10, "prompts: only {deep} of {n} deep");

    let n = lib.cards.len();
    let light = (lib.cards.iter())
        .filter(|c| c.depth == Depth::Light || c.kind == CardKind::Play)
        .count();
    let deep = lib.cards.iter().filter(|c| c.depth == Depth::Deep).count();
    assert!(
        share(light, n) >= 0.25,
        "cards: {light} of {n} light or playful"
    );
    assert!(
        share(deep, n) <= 1.0 / 3.0,
        "cards: {deep} of {n} deep, at most a third"
    );
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
    assert!(together >= 30, "{together} together cards");
    for l in LoveLanguage::ALL {
        let n = lib
            .cards
            .iter()
            .filter(|c| c.love_languages.contains(&l))
            .count();
        assert!(n >= 6, "love language {} on {n} cards", l.label());
    }
    // Together cards always count as partner-facing, so solo only hides them.
    for c in lib.cards.iter().filter(|c| c.mode == Mode::Together) {
        assert!(
            c.partner_facing,
            "{} is together but not partner-facing",
            c.id
        );
    }
    // Enough left for a person who asked for suggestions they can do on their own.
    let solo = (lib.cards.iter())
        .filter(|c| !c.involves_partner() && !c.has(Tag::AssumesSafety))
        .count();
    assert!(solo >= 20, "{solo} cards with nothing partner-facing");
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
fn prompts_are_varied_questions() {
    let lib = lib();
    for p in &lib.prompts {
        assert!(
            p.text.trim_end().ends_with('?'),
            "prompt {} is not a question",
            p.id
        );
    }
    let what = (lib.prompts.iter())
        .filter(|p| words(&p.text).first().map(String::as_str) == Some("what"))
        .count();
    assert!(
        share(what, lib.prompts.len()) <= 0.5,
        "{what} of {} prompts start with What",
        lib.prompts.len()
    );
}

// ---------------------------------------------------------------- tags

#[test]
fn every_tag_is_used_and_fits() {
    let lib = lib();
    for tag in Tag::ALL {
        let n = lib.prompts.iter().filter(|p| p.has(tag)).count()
            + lib.cards.iter().filter(|c| c.has(tag)).count();
        assert!(n > 0, "no prompt or card is tagged {}", tag.label());
    }
    for p in &lib.prompts {
        assert!(
            !p.has(Tag::SameRoom),
            "prompt {}: same-room is for cards",
            p.id
        );
        assert!(
            !(p.has(Tag::Apart) && p.has(Tag::SharedHome)),
            "prompt {} is both apart and shared-home",
            p.id
        );
    }
    for c in &lib.cards {
        assert!(
            !(c.has(Tag::Apart) && (c.has(Tag::SharedHome) || c.has(Tag::SameRoom))),
            "card {} is for couples apart and needs them together",
            c.id
        );
        for (i, t) in c.tags.iter().enumerate() {
            assert!(!c.tags[..i].contains(t), "card {} repeats a tag", c.id);
        }
    }
}

#[test]
fn same_room_cards_have_long_distance_versions() {
    let lib = lib();
    for c in &lib.cards {
        let Some(other) = &c.apart_version else {
            continue;
        };
        assert!(
            c.has(Tag::SameRoom),
            "card {} has an apart version but is not same-room",
            c.id
        );
        let o = lib
            .card(other)
            .unwrap_or_else(|| panic!("card {}: apart version {other} does not exist", c.id));
        assert!(
            !o.has(Tag::SameRoom) && !o.has(Tag::SharedHome),
            "card {}: apart version {other} needs them together",
            c.id
        );
    }
    let with = (lib.cards.iter())
        .filter(|c| c.has(Tag::SameRoom) && c.apart_version.is_some())
        .count();
    assert!(
        with >= 10,
        "{with} same-room cards have an apart version, 10 wanted"
    );
}

// ---------------------------------------------------------------- lines

fn valid_day(mm_dd: &str) -> bool {
    let Some((m, d)) = mm_dd.split_once('-') else {
        return false;
    };
    if m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(m), Ok(d)) = (m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let days = match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[test]
fn enough_lines_of_every_kind() {
    let lib = lib();
    let l = &lib.lines;
    let mut problems = Vec::new();
    for (kind, n, want) in [
        ("arrive", l.arrive.len(), 40),
        ("self_compassion", l.self_compassion.len(), 25),
        ("good_thing", l.good_thing.len(), 15),
        ("arrive_past", l.arrive_past.len(), 8),
        ("hard_evening", l.hard_evening.len(), 10),
    ] {
        if n < want {
            problems.push(format!("lines.{kind}: {n}, {want} wanted"));
        }
    }
    if l.seasonal.is_empty() {
        problems.push("no seasonal lines".into());
    }
    for s in &l.seasonal {
        if !valid_day(&s.from) || !valid_day(&s.to) {
            problems.push(format!("seasonal {:?}..{:?} is not MM-DD", s.from, s.to));
        }
        if s.text.trim().is_empty() {
            problems.push(format!("seasonal {}..{} has no text", s.from, s.to));
        }
    }
    for n in [10, 50, 100] {
        if !l.milestone.iter().any(|m| m.evening == n) {
            problems.push(format!("no milestone for evening {n}"));
        }
    }
    for (kind, list) in [
        ("arrive", &l.arrive),
        ("arrive_past", &l.arrive_past),
        ("self_compassion", &l.self_compassion),
        ("hard_evening", &l.hard_evening),
    ] {
        let mut seen = HashSet::new();
        for t in list {
            if !seen.insert(fold(t)) {
                problems.push(format!("lines.{kind} says {t:?} twice"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn lines_for_any_evening_do_not_say_which_day() {
    // Shown for an evening filled in afterwards too, so never "today" or "tonight".
    let l = &lib().lines;
    let mut texts: Vec<(&str, &str)> = Vec::new();
    texts.extend(
        l.self_compassion
            .iter()
            .map(|t| ("self_compassion", t.as_str())),
    );
    texts.extend(l.arrive_past.iter().map(|t| ("arrive_past", t.as_str())));
    for g in &l.good_thing {
        texts.push(("good_thing", g.ask.as_str()));
        texts.push(("good_thing", g.hint.as_str()));
    }
    for (kind, text) in texts {
        for day in ["today", "tonight", "tomorrow"] {
            assert!(!has_word(text, day), "lines.{kind} says {day}: {text:?}");
        }
    }
    for (at, text) in all_text(&lib()) {
        assert!(!has_word(&text, "streak"), "{at} counts a streak: {text:?}");
    }
}

// ---------------------------------------------------------------- citations

/// A surname as published: capitalised words, letters, apostrophes and hyphens.
fn surname(s: &str) -> bool {
    !s.is_empty()
        && s.split(' ').all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        })
}

/// "A", "A & B", "A, B & C" or "A et al."
fn authors_ok(a: &str) -> bool {
    if let Some(first) = a.strip_suffix(" et al.") {
        return surname(first);
    }
    match a.rsplit_once(" & ") {
        Some((before, last)) => {
            let names: Vec<&str> = before.split(", ").collect();
            names.len() <= 2 && names.iter().all(|n| surname(n)) && surname(last)
        }
        None => surname(a),
    }
}

/// "Journal Name 24(8)", "Journal Name 24", or "book: Its Title".
fn source_ok(s: &str) -> bool {
    if let Some(title) = s.strip_prefix("book: ") {
        return title.chars().next().is_some_and(char::is_uppercase);
    }
    let Some((name, volume)) = s.rsplit_once(' ') else {
        return false;
    };
    let name_ok = name.len() >= 2
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_alphabetic() || "&,.: -".contains(c));
    let (vol, issue) = match volume.split_once('(') {
        Some((v, rest)) => match rest.strip_suffix(')') {
            Some(i) => (v, Some(i)),
            None => return false,
        },
        None => (volume, None),
    };
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    name_ok && digits(vol) && issue.is_none_or(digits)
}

#[test]
fn the_citation_checks_know_the_forms() {
    for good in [
        "Algoe, Gable & Maisel",
        "Finkel et al.",
        "Driver & Gottman",
        "Bodenmann",
    ] {
        assert!(authors_ok(good), "{good}");
    }
    for bad in [
        "Gottman's research",
        "Gable, Reis, Impett & Asher",
        "algoe",
        "A,B & C",
    ] {
        assert!(!authors_ok(bad), "{bad}");
    }
    for good in [
        "Psychological Science 24(8)",
        "Journal of Personality and Social Psychology 63(4)",
        "Family Relations 61",
        "book: Couples Coping with Stress",
    ] {
        assert!(source_ok(good), "{good}");
    }
    for bad in [
        "Psychological Science",
        "research on bids",
        "Family Process 43(3",
        "2004",
    ] {
        assert!(!source_ok(bad), "{bad}");
    }
}

#[test]
fn citations_a_researcher_would_sign() {
    let lib = lib();
    let mut cited = 0;
    for c in &lib.cards {
        let why = fold(&c.why);
        for claim in [
            "research shows",
            "studies show",
            "works best",
            "work best",
            "proves",
        ] {
            assert!(!why.contains(claim), "card {}: why says {claim:?}", c.id);
        }
        let Some(evidence) = &c.evidence else {
            for word in ["research", "researchers", "study", "studies", "studied"] {
                assert!(
                    !has_word(&c.why, word),
                    "card {}: why mentions {word} but cites nothing",
                    c.id
                );
            }
            continue;
        };
        let Evidence::Cited(e) = evidence else {
            panic!(
                "card {}: evidence {:?} is a free line; give authors, year, source, found",
                c.id,
                evidence.text()
            );
        };
        cited += 1;
        assert!(
            authors_ok(&e.authors),
            "card {}: authors {:?}",
            c.id,
            e.authors
        );
        assert!(
            (1950..=2026).contains(&e.year),
            "card {}: year {}",
            c.id,
            e.year
        );
        assert!(source_ok(&e.source), "card {}: source {:?}", c.id, e.source);
        let found = fold(&e.found);
        assert!(
            found.split_whitespace().count() >= 6,
            "card {}: found",
            c.id
        );
        for word in ["proves", "proved", "proven", "always"] {
            assert!(
                !has_word(&e.found, word),
                "card {}: found says {word}",
                c.id
            );
        }
        for phrase in ["works best", "work best"] {
            assert!(
                !found.contains(phrase),
                "card {}: found says {phrase}",
                c.id
            );
        }
    }
    assert!(cited >= 10, "{cited} cards cite research, 10 wanted");
}

#[test]
fn the_citation_fixes_stay_fixed() {
    let lib = lib();
    for (at, text) in all_text(&lib) {
        assert!(
            !fold(&text).contains("gottman's research"),
            "{at}: \"Gottman's research\" is not a source"
        );
    }
    let text_of = |c: &nearer::content::Card| {
        let mut t = vec![c.why.clone()];
        t.extend(c.evidence.iter().map(|e| e.text()));
        t.extend(c.steps.iter().cloned());
        fold(&t.join(" "))
    };
    let citing = |short: &str| {
        (lib.cards.iter())
            .filter(|c| c.evidence.as_ref().is_some_and(|e| e.short() == short))
            .collect::<Vec<_>>()
    };
    for c in citing("Finkel et al. 2013") {
        let t = text_of(c);
        assert!(
            t.contains("two-year") || t.contains("two years"),
            "card {}: Finkel et al. 2013 was a two-year study",
            c.id
        );
        assert!(!t.contains("year-long"), "card {}: not year-long", c.id);
    }
    for c in citing("Slatcher & Pennebaker 2006") {
        let t = text_of(c);
        assert!(
            t.contains("20 minutes") || t.contains("twenty minutes"),
            "card {}: the writing took 20 minutes a day",
            c.id
        );
        assert!(!t.contains("fifteen minutes"), "card {}", c.id);
    }
    let pause = lib.card("shared-pause-word").expect("the pause-word card");
    let t = text_of(pause);
    assert!(
        t.contains("at least twenty minutes") || t.contains("at least 20 minutes"),
        "a break for flooding lasts at least 20 minutes"
    );
}

// ---------------------------------------------------------------- safety

#[test]
fn nothing_asks_what_could_hurt_someone_who_is_not_safe() {
    let lib = lib();
    const NEVER: [&str; 8] = [
        "whatever their response",
        "whatever they say",
        "whatever their reaction",
        "however they respond",
        "no matter how they react",
        "someone's fault",
        "set that aside",
        "set aside what your partner",
    ];
    for (at, text) in all_text(&lib) {
        let t = fold(&text);
        for phrase in NEVER {
            assert!(!t.contains(phrase), "{at} says {phrase:?}");
        }
        if t.contains("safety and support") {
            assert!(
                text.contains("Safety and support (F2)"),
                "{at}: name the key, Safety and support (F2)"
            );
        }
    }
    // A card that asks to open up to the partner, forgive or be patient with them, and
    // involves them, says what to do if that is not safe.
    for c in (lib.cards.iter()).filter(|c| c.has(Tag::AssumesSafety) && c.involves_partner()) {
        assert!(
            c.steps
                .iter()
                .any(|s| s.contains("Safety and support (F2)")),
            "card {} asks for trust in the partner without pointing to Safety and support",
            c.id
        );
    }
    // What gets in the way: sometimes a guard fits what is happening now.
    let s = lib.section("in-the-way").expect("the in-the-way section");
    let text = format!("{} {}", s.intro, s.key_ideas.join(" "));
    assert!(
        fold(&text).contains("guard") && text.contains("Safety and support (F2)"),
        "in-the-way says a guard can fit what is happening now, and points to F2"
    );
}

// ---------------------------------------------------------------- words

#[test]
fn no_exclamation_marks_anywhere() {
    for (at, text) in all_text(&lib()) {
        assert!(!text.contains('!'), "{at}: {text:?}");
    }
}

#[test]
fn no_gendered_words_for_the_partner() {
    const GENDERED: [&str; 18] = [
        "he",
        "she",
        "him",
        "her",
        "his",
        "hers",
        "himself",
        "herself",
        "husband",
        "husbands",
        "wife",
        "wives",
        "boyfriend",
        "boyfriends",
        "girlfriend",
        "girlfriends",
        "hubby",
        "missus",
    ];
    for (at, text) in all_text(&lib()) {
        for w in words(&text) {
            assert!(
                !GENDERED.contains(&w.as_str()),
                "{at} says {w:?}: use \"your partner\" or \"they\": {text:?}"
            );
        }
    }
}

#[test]
fn ids_are_unique_across_all_content() {
    let lib = lib();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let ids = (lib.sections.iter().map(|s| ("section", s.id.as_str())))
        .chain(lib.decks.iter().map(|d| ("deck", d.id.as_str())))
        .chain(lib.prompts.iter().map(|p| ("prompt", p.id.as_str())))
        .chain(lib.cards.iter().map(|c| ("card", c.id.as_str())));
    for (kind, id) in ids {
        if let Some(other) = seen.insert(id, kind) {
            panic!("id {id} is used by a {other} and a {kind}");
        }
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
        let key = words(&p.text).join(" ");
        if let Some(other) = seen.insert(key, &p.id) {
            panic!("prompts {other} and {} say the same thing", p.id);
        }
    }
    // Nor nearly the same: most of their meaningful words shared.
    let sets: Vec<HashSet<String>> = lib.prompts.iter().map(|p| content_words(&p.text)).collect();
    for (i, a) in lib.prompts.iter().enumerate() {
        for (j, b) in lib.prompts.iter().enumerate().skip(i + 1) {
            let (wa, wb) = (&sets[i], &sets[j]);
            let overlap = wa.intersection(wb).count() as f64 / wa.union(wb).count() as f64;
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
    let print = article_print();
    for (at, text) in all_text(&lib()) {
        let w = words(&text);
        for run in w.windows(RUN) {
            assert!(
                !print.runs.contains(&fnv(run)),
                "{at} shares \"{}\" with the article",
                run.join(" ")
            );
        }
    }
    // Nor a heading, however short: the titles are our own.
    let lib = lib();
    let titles = (lib.sections.iter().map(|s| (&s.id, &s.title)))
        .chain(lib.decks.iter().map(|d| (&d.id, &d.title)));
    for (id, title) in titles {
        assert!(
            !print.lines.contains(&fnv(&words(title))),
            "{id}: the title {title:?} is the article's heading"
        );
    }
}

#[test]
fn the_article_check_catches_a_copied_sentence() {
    // Without the article beside the project this still runs, on the kept print: a run of
    // eight words taken from it is found.
    let print = article_print();
    let pasted = std::fs::read_to_string(article_path()).ok();
    if let Some(text) = pasted {
        let w = words(&text);
        let run = &w[100..100 + RUN];
        assert!(print.runs.contains(&fnv(run)));
    }
    let ours = words("we walked to the river and talked about the week");
    assert!(!print.runs.contains(&fnv(&ours[..RUN])));
}

// ---------------------------------------------------------------- special cards

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

    // The article's own exercises, one in each of its first six sections.
    for s in lib.sections.iter().filter(|s| s.order <= 6) {
        assert!(
            lib.cards_in(&s.id).any(|c| c.from_article),
            "section {} lacks its article exercise",
            s.id
        );
    }
}
