//! Property and fuzz tests. Any journal nearer can hold survives a save and a load
//! unchanged; the journal loader and the user-content loader never panic, whatever bytes
//! they are given. Case counts are bounded so the whole file runs in seconds; raise them
//! with PROPTEST_CASES for a longer hunt.

mod support;

use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use nearer::content::Library;
use nearer::journal::store::parse_journal;
use nearer::journal::{
    Entry, Followup, Journal, Outcome, PlannedFor, Preferences, Reflection, SmallAct,
};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// The number of cases: PROPTEST_CASES when set (for a longer hunt), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Text as people write it: any Unicode, and on purpose emoji (with joiners and skin
/// tones), right-to-left scripts, combining marks, control characters, and now and then a
/// very long answer.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        3 => "[a-zA-Z0-9 .,'\n]{0,80}",
        2 => "[\u{1F300}-\u{1FAFF}\u{200D}\u{FE0F}\u{1F3FB}-\u{1F3FF}❤ ]{0,40}",
        2 => "[\u{0591}-\u{05F4}\u{0600}-\u{06FF}\u{200F}\u{202B}\u{202C} ]{0,60}",
        2 => "[a-z\u{0300}-\u{036F}\u{0E31}-\u{0E3A}\u{1100}-\u{11FF} ]{0,60}",
        1 => "[\u{0}-\u{1F}\u{7F}\"\\\\/]{0,30}",
    ]
}

/// A reflection: like any text, and now and then very long (up to about 100 KB).
fn answer() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => text(),
        1 => (1usize..3_500).prop_map(|n| "A long evening. Zoë 💛 שלום. ".repeat(n)),
    ]
}

fn moment() -> impl Strategy<Value = DateTime<FixedOffset>> {
    // Offsets whole minutes apart, as real zones are today; any nanosecond.
    (
        0i64..4_000_000_000,
        0u32..1_000_000_000,
        -(14 * 60)..=(14 * 60i32),
    )
        .prop_map(|(secs, nanos, offset_min)| {
            FixedOffset::east_opt(offset_min * 60)
                .unwrap()
                .timestamp_opt(secs, nanos)
                .unwrap()
        })
}

fn act() -> impl Strategy<Value = SmallAct> {
    (proptest::option::of(text()), text()).prop_map(|(card_id, text)| SmallAct { card_id, text })
}

fn entry_on(date: NaiveDate) -> impl Strategy<Value = Entry> {
    (
        (
            moment(),
            moment(),
            // The values the schema allows (others are refused: see below).
            1u8..=7,
            proptest::option::of(1u8..=5),
        ),
        proptest::option::of((
            act(),
            proptest::option::of(prop_oneof![
                Just(Outcome::Done),
                Just(Outcome::Partly),
                Just(Outcome::NotYet)
            ]),
            text(),
        )),
        proptest::option::of((text(), text(), answer())),
        proptest::option::of(text()),
        proptest::option::of(act()),
        any::<bool>(),
        // The prompts shown: mostly none kept (the answered one), now and then some.
        prop_oneof![
            3 => Just(Vec::new()),
            1 => proptest::collection::vec(text(), 1..4),
        ],
    )
        .prop_map(
            move |(
                (created, updated, closeness, stress),
                followup,
                reflection,
                appreciation,
                small_act,
                starred,
                shown,
            )| Entry {
                date,
                created,
                updated,
                closeness,
                stress,
                followup: followup.map(|(planned, outcome, noticed)| Followup {
                    planned,
                    outcome,
                    noticed,
                }),
                reflection: reflection.map(|(prompt_id, prompt, answer)| Reflection {
                    prompt_id,
                    prompt,
                    answer,
                }),
                appreciation,
                small_act,
                starred,
                together: None,
                shown,
            },
        )
}

fn journal_with(entries: std::ops::Range<usize>) -> impl Strategy<Value = Journal> {
    (
        proptest::collection::btree_set(-200_000i64..200_000, entries),
        proptest::collection::vec(text(), 0..6),
        proptest::collection::vec(text(), 0..4),
        any::<bool>(),
        proptest::option::of((0i64..100_000, act())),
    )
        .prop_flat_map(|(days, favourites, love_languages, solo_only, planned)| {
            let days_len = days.len();
            let base = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
            // Sorted, one entry an evening: the order nearer keeps entries in.
            let dates: Vec<NaiveDate> =
                days.into_iter().map(|d| base + Duration::days(d)).collect();
            let entries: Vec<_> = dates.into_iter().map(entry_on).collect();
            (
                entries,
                Just(Preferences {
                    favourites,
                    love_languages,
                    on_my_own: solo_only,
                    planned: planned.map(|(d, act)| PlannedFor {
                        date: base + Duration::days(d),
                        act,
                    }),
                    about: nearer::journal::About {
                        my_name: (days_len % 3 == 0).then(|| "Zoë 💛".to_string()),
                        partner_name: (days_len % 2 == 0).then(|| "Sam".to_string()),
                        live_apart: days_len % 5 == 0,
                        children_at_home: days_len % 7 == 0,
                    },
                    quick_exit_keeps_nothing: days_len % 4 == 0,
                    // What is shared with a linked partner: a default, and some evenings'
                    // own choices (one of them nothing).
                    sharing: nearer::journal::Sharing {
                        default: nearer::journal::Share {
                            answer: days_len % 2 == 1,
                            closeness: days_len % 3 == 1,
                            ..Default::default()
                        },
                        evenings: (0..(days_len % 4) as i64)
                            .map(|d| nearer::journal::ShareOn {
                                date: base + Duration::days(d * 3),
                                closeness: d % 2 == 0,
                                answer: d == 1,
                                good_thing: d == 2,
                                small_act: false,
                            })
                            .collect(),
                    },
                }),
            )
        })
        .prop_map(|(entries, preferences)| Journal {
            preferences,
            entries: entries.into_iter().map(std::sync::Arc::new).collect(),
            ..Journal::default()
        })
}

proptest! {
    #![proptest_config(Config { cases: cases(256), ..Config::default() })]

    /// The bytes a save writes read back as the same journal.
    #[test]
    fn any_journal_encodes_and_parses_back_unchanged(journal in journal_with(0..40)) {
        let bytes = serde_json::to_vec_pretty(&journal).unwrap();
        let back = parse_journal(Path::new("journal.json"), &bytes).unwrap();
        prop_assert_eq!(back, journal);
    }
}

proptest! {
    #![proptest_config(Config { cases: cases(40), ..Config::default() })]

    /// Through the real store: atomic write to disk, then load.
    #[test]
    fn any_journal_survives_a_save_and_a_load(journal in journal_with(0..40)) {
        let dir = tempfile::tempdir().unwrap();
        let store = support::open_store(dir.path());
        store.save(&journal).unwrap();
        prop_assert_eq!(store.load().unwrap(), journal.clone());
        // And a second save of what was loaded changes no byte.
        let first = std::fs::read(store.journal_path()).unwrap();
        store.save(&store.load().unwrap()).unwrap();
        prop_assert_eq!(std::fs::read(store.journal_path()).unwrap(), first);
    }
}

proptest! {
    #![proptest_config(Config { cases: cases(3), ..Config::default() })]

    #[test]
    fn thousands_of_entries_survive_a_save_and_a_load(journal in journal_with(1000..3000)) {
        let dir = tempfile::tempdir().unwrap();
        let store = support::open_store(dir.path());
        store.save(&journal).unwrap();
        prop_assert_eq!(store.load().unwrap(), journal);
    }
}

proptest! {
    #![proptest_config(Config { cases: cases(128), ..Config::default() })]

    /// Entries in any order, some on the same evening: loading sorts them and keeps the
    /// newest of each evening.
    #[test]
    fn entries_out_of_order_or_doubled_are_put_right(
        mut journal in journal_with(1..30),
        picks in proptest::collection::vec(any::<proptest::sample::Index>(), 0..10),
        seed in any::<u64>(),
    ) {
        let originals = journal.entries.clone();
        for pick in picks {
            let picked: &std::sync::Arc<Entry> = pick.get(&originals);
            let mut twin = Entry::clone(picked);
            twin.updated += Duration::seconds(1 + (seed % 1000) as i64);
            twin.closeness = twin.closeness % 7 + 1;
            journal.entries.push(std::sync::Arc::new(twin));
        }
        use rand::{SeedableRng, seq::SliceRandom};
        journal.entries.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed));
        let bytes = serde_json::to_vec(&journal).unwrap();
        let back = parse_journal(Path::new("journal.json"), &bytes).unwrap();
        prop_assert!(back.entries.windows(2).all(|w| w[0].date < w[1].date));
        prop_assert_eq!(back.entries.len(), originals.len());
        for e in &back.entries {
            let newest = journal.entries.iter()
                .filter(|x| x.date == e.date)
                .map(|x| x.updated)
                .max()
                .unwrap();
            prop_assert_eq!(e.updated, newest);
        }
    }
}

/// A valid journal to mutate.
fn seed_bytes() -> Vec<u8> {
    let mut j = support::journal(4);
    j.preferences.favourites = vec!["a".into()];
    std::sync::Arc::make_mut(&mut j.entries[1]).followup = Some(Followup {
        planned: SmallAct {
            card_id: Some("c".into()),
            text: "t".into(),
        },
        outcome: Some(Outcome::Partly),
        noticed: "n".into(),
    });
    serde_json::to_vec_pretty(&j).unwrap()
}

/// Ways to damage a file: flip, drop, insert, repeat, cut.
#[derive(Debug, Clone)]
enum Damage {
    Set(proptest::sample::Index, u8),
    Remove(proptest::sample::Index, usize),
    Insert(proptest::sample::Index, Vec<u8>),
    Repeat(proptest::sample::Index, usize),
    Cut(proptest::sample::Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    use proptest::sample::Index;
    prop_oneof![
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Damage::Set(i, b)),
        (any::<Index>(), 1usize..64).prop_map(|(i, n)| Damage::Remove(i, n)),
        (
            any::<Index>(),
            proptest::collection::vec(
                prop_oneof![
                    any::<u8>(),
                    proptest::sample::select(b"{}[]\",:0123456789.eE+-ntrufalsu\\".to_vec())
                ],
                1..16
            )
        )
            .prop_map(|(i, b)| Damage::Insert(i, b)),
        (any::<Index>(), 1usize..64).prop_map(|(i, n)| Damage::Repeat(i, n)),
        any::<Index>().prop_map(Damage::Cut),
    ]
}

fn apply(bytes: &mut Vec<u8>, d: &Damage) {
    if bytes.is_empty() {
        return;
    }
    match d {
        Damage::Set(i, b) => {
            let i = i.index(bytes.len());
            bytes[i] = *b;
        }
        Damage::Remove(i, n) => {
            let i = i.index(bytes.len());
            let end = (i + n).min(bytes.len());
            bytes.drain(i..end);
        }
        Damage::Insert(i, b) => {
            let i = i.index(bytes.len());
            bytes.splice(i..i, b.iter().copied());
        }
        Damage::Repeat(i, n) => {
            let i = i.index(bytes.len());
            let end = (i + n).min(bytes.len());
            let copy = bytes[i..end].to_vec();
            bytes.splice(end..end, copy);
        }
        Damage::Cut(i) => {
            let i = i.index(bytes.len());
            bytes.truncate(i);
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: cases(3000), failure_persistence: None, ..Config::default() })]

    #[test]
    fn the_journal_loader_never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let _ = parse_journal(Path::new("journal.json"), &bytes);
    }

    #[test]
    fn the_journal_loader_never_panics_on_a_damaged_journal(damages in proptest::collection::vec(damage(), 1..6)) {
        let mut bytes = seed_bytes();
        for d in &damages {
            apply(&mut bytes, d);
        }
        match parse_journal(Path::new("journal.json"), &bytes) {
            // Damage can leave valid JSON; then it is a journal like any other.
            Ok(j) => prop_assert!(j.entries.windows(2).all(|w| w[0].date < w[1].date)),
            Err(e) => {
                let m = e.to_string();
                prop_assert!(m.contains("journal.json"), "{}", m);
            }
        }
    }
}

/// A valid user content file to mutate.
const USER_CONTENT: &str = r#"
[[prompt]]
id = "my-own-prompt"
section = "why-closeness"
depth = "light"
text = "What made you smile about them this week?"

[[card]]
id = "my-own-card"
section = "why-closeness"
title = "A walk after dinner"
why = "Side by side, talking comes easily."
steps = ["Ask them to come along.", "Leave the phones at home."]
minutes = 15
mode = "together"
depth = "light"
love_languages = ["time"]
kind = "action"
partner_facing = true
from_article = false
"#;

/// The bundled library, parsed once (each case works on a clone).
fn bundled() -> Library {
    static LIBRARY: std::sync::OnceLock<Library> = std::sync::OnceLock::new();
    LIBRARY.get_or_init(Library::bundled).clone()
}

#[test]
fn the_user_content_sample_is_valid() {
    // The fuzz below starts from a file that merges; check it does.
    let mut lib = Library::bundled();
    lib.merge_user_text("content.toml", USER_CONTENT).unwrap();
    assert!(lib.card("my-own-card").is_some());
}

proptest! {
    #![proptest_config(Config { cases: cases(1000), failure_persistence: None, ..Config::default() })]

    #[test]
    fn the_content_loader_never_panics_on_any_text(text in any::<String>()) {
        let mut lib = bundled();
        let cards = lib.cards.len();
        if lib.merge_user_text("content.toml", &text).is_err() {
            prop_assert_eq!(lib.cards.len(), cards, "a refused file merges nothing");
        }
    }

    #[test]
    fn the_content_loader_never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut lib = bundled();
        let _ = lib.merge_user_text("content.toml", &String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn the_content_loader_never_panics_on_a_damaged_file(damages in proptest::collection::vec(damage(), 1..5)) {
        let mut bytes = USER_CONTENT.as_bytes().to_vec();
        for d in &damages {
            apply(&mut bytes, d);
        }
        let text = String::from_utf8_lossy(&bytes);
        let mut lib = bundled();
        let prompts = lib.prompts.len();
        match lib.merge_user_text("content.toml", &text) {
            Ok(()) => prop_assert!(lib.prompts.len() >= prompts),
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                prop_assert_eq!(lib.prompts.len(), prompts, "a refused file merges nothing");
                for e in errors {
                    prop_assert!(e.to_string().contains("content.toml"), "{}", e);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: cases(64), ..Config::default() })]

    /// A closeness or a stress outside the scale, anywhere in a journal nearer would
    /// otherwise read in pieces: refused by the careful path and by the store's own read,
    /// alike, naming the field; never read into the app.
    #[test]
    fn values_outside_the_schema_are_refused_however_the_file_is_read(
        mut journal in journal_with(1..20),
        pick in any::<proptest::sample::Index>(),
        closeness in prop_oneof![Just(0u8), 8u8..=255],
        stress in prop_oneof![Just(0u8), 6u8..=255],
        which in 0..2,
    ) {
        let i = pick.index(journal.entries.len());
        let entry = std::sync::Arc::make_mut(&mut journal.entries[i]);
        let field = if which == 0 {
            entry.closeness = closeness;
            "closeness"
        } else {
            entry.stress = Some(stress);
            "stress"
        };
        let bytes = serde_json::to_vec_pretty(&journal).unwrap();
        let careful = parse_journal(Path::new("journal.json"), &bytes).unwrap_err();
        prop_assert!(
            careful.to_string().contains(&format!("has {field} ")),
            "{}", careful
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.json");
        std::fs::write(&path, &bytes).unwrap();
        let read = nearer::journal::store::read_journal(&path).unwrap_err();
        prop_assert_eq!(careful.reason().replace("journal.json", ""),
                        read.reason().replace(&path.display().to_string(), ""));
    }
}

/// JSON of any shape, with the journal's own field names as keys: valid JSON that is
/// anything but a valid journal, and now and then one.
fn json_like_a_journal() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let key = proptest::sample::select(vec![
        "version",
        "preferences",
        "entries",
        "date",
        "created",
        "updated",
        "closeness",
        "stress",
        "followup",
        "planned",
        "outcome",
        "noticed",
        "reflection",
        "prompt_id",
        "prompt",
        "answer",
        "appreciation",
        "small_act",
        "card_id",
        "text",
        "starred",
        "shown",
        "sharing",
        "default",
        "evenings",
        "good_thing",
        "favourites",
        "love_languages",
        "solo_only",
        "on_my_own",
        "about",
        "partner_name",
        "act",
        "mood",
    ])
    .prop_map(str::to_string);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (0u64..10).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        proptest::sample::select(vec![
            "2026-11-26",
            "2026-11-26T21:30:00+01:00",
            "done",
            "partly",
            "not_yet",
            "",
            "x",
        ])
        .prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(Config { cases: cases(2000), failure_persistence: None, ..Config::default() })]

    #[test]
    fn the_journal_loader_never_panics_on_json_of_any_shape(value in json_like_a_journal()) {
        let bytes = serde_json::to_vec(&value).unwrap();
        if let Ok(j) = parse_journal(Path::new("journal.json"), &bytes) {
            // Whatever it accepted, it can write and read again.
            let again = serde_json::to_vec(&j).unwrap();
            prop_assert_eq!(parse_journal(Path::new("journal.json"), &again).unwrap(), j);
        }
    }

    #[test]
    fn unknown_fields_in_any_shape_survive_a_save(value in json_like_a_journal(), extra in json_like_a_journal()) {
        // A valid journal with unknown fields of any shape added at the top and in an entry.
        let mut file: serde_json::Value = serde_json::from_slice(&seed_bytes()).unwrap();
        file["zz_unknown"] = value;
        file["entries"][2]["zz_unknown"] = extra;
        let dir = tempfile::tempdir().unwrap();
        let store = support::open_store(dir.path());
        std::fs::write(store.journal_path(), serde_json::to_vec(&file).unwrap()).unwrap();
        let j = store.load().unwrap();
        let written: serde_json::Value =
            serde_json::from_slice(&store.encode(&j).unwrap()).unwrap();
        prop_assert_eq!(written, file);
    }
}

// Reading in pieces (src/journal/pieces.rs) is how nearer opens a journal without holding
// the file and the parsed journal at once. It must never open a file to anything but what
// the careful whole-file path opens it to: the same journal, or "read it carefully".

/// What reading `bytes` in pieces gives, cut into pieces of `piece` bytes and `parts`
/// parts.
fn in_pieces(bytes: &[u8], piece: usize, parts: usize) -> Option<Journal> {
    let mut file = tempfile::tempfile().unwrap();
    std::io::Write::write_all(&mut file, bytes).unwrap();
    nearer::journal::pieces::read_with(&file, u64::MAX, piece, parts).map(|mut j| {
        j.normalise();
        j
    })
}

/// Reading `bytes` in pieces agrees with the careful path, whatever the pieces and parts.
fn agrees(bytes: &[u8]) -> Result<bool, TestCaseError> {
    let careful = parse_journal(Path::new("journal.json"), bytes);
    let mut read = false;
    for (piece, parts) in [(1, 1), (7, 3), (64, 2), (4096, 4), (1 << 20, 2)] {
        if let Some(j) = in_pieces(bytes, piece, parts) {
            let careful = careful.as_ref();
            prop_assert!(
                careful.is_ok(),
                "read in pieces, but the careful path says {:?}",
                careful.err()
            );
            prop_assert_eq!(&j, careful.unwrap(), "piece {}, parts {}", piece, parts);
            read = true;
        }
    }
    Ok(read)
}

proptest! {
    #![proptest_config(Config { cases: cases(64), failure_persistence: None, ..Config::default() })]

    #[test]
    fn any_journal_as_nearer_writes_it_is_read_in_pieces(journal in journal_with(0..40)) {
        let bytes = serde_json::to_vec_pretty(&journal).unwrap();
        prop_assert!(agrees(&bytes)?);
        let compact = serde_json::to_vec(&journal).unwrap();
        prop_assert!(agrees(&compact)?);
    }

    #[test]
    fn a_damaged_journal_read_in_pieces_is_what_the_careful_path_reads(damages in proptest::collection::vec(damage(), 1..6)) {
        let mut bytes = seed_bytes();
        for d in &damages {
            apply(&mut bytes, d);
        }
        agrees(&bytes)?;
    }

    #[test]
    fn json_of_any_shape_read_in_pieces_is_what_the_careful_path_reads(value in json_like_a_journal()) {
        let bytes = serde_json::to_vec_pretty(&value).unwrap();
        if agrees(&bytes)? {
            // "mood" is the one key the generator knows that nearer does not: a file with
            // it must go the careful way, which keeps it.
            prop_assert!(!String::from_utf8_lossy(&bytes).contains("\"mood\""));
        }
    }
}
