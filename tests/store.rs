//! The journal store in a temporary folder: round trip, refusal to touch files it cannot
//! read, the lock, file modes and the draft.

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use chrono::{DateTime, NaiveDate};
use nearer::journal::store::{JOURNAL_FILE, read_journal};
use nearer::journal::{Entry, Followup, Journal, Outcome, Reflection, SmallAct, Store, StoreError};

fn sample() -> Journal {
    let t = DateTime::parse_from_rfc3339("2026-11-26T21:30:00+05:30").unwrap();
    let mut j = Journal::default();
    j.preferences.favourites = vec!["thanks-with-a-reason".into()];
    for (i, day) in [24u32, 25, 26].into_iter().enumerate() {
        j.upsert(Entry {
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            created: t,
            updated: t,
            closeness: 3 + i as u8,
            stress: Some(2),
            followup: Some(Followup {
                planned: SmallAct {
                    card_id: Some("thanks-with-a-reason".into()),
                    text: "Thanks, with a reason".into(),
                },
                outcome: Some(Outcome::Partly),
                noticed: "a smile".into(),
            }),
            reflection: Some(Reflection {
                prompt_id: "p".into(),
                prompt: "What stayed with you?".into(),
                answer: "Zoë, 你好, שלום 💛\nline two".into(),
            }),
            appreciation: Some("tea".into()),
            small_act: None,
            starred: i == 1,
            together: None,
            shown: Vec::new(),
        });
    }
    j
}

#[test]
fn a_saved_journal_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.load().unwrap(),
        Journal::default(),
        "no file is an empty journal"
    );
    let journal = sample();
    store.save(&journal).unwrap();
    assert_eq!(store.load().unwrap(), journal);
    // No temporary files are left behind.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn files_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested/nearer");
    let store = Store::open(&data).unwrap();
    store.save(&sample()).unwrap();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join(JOURNAL_FILE)), 0o600);
    let mut drafts = nearer::journal::Drafts::default();
    drafts.put(draft("2026-11-26", "draft"));
    store.save_drafts(&drafts).unwrap();
    assert_eq!(mode(&store.drafts_path()), 0o600);
}

#[test]
fn a_corrupt_journal_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    let garbage =
        b"{\n  \"version\": 1,\n  \"entries\": [ {\"date\": \"2026-11-26\", oops\n".to_vec();
    fs::write(&path, &garbage).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let err = store.load().unwrap_err();
    match &err {
        StoreError::Parse { line, column, .. } => assert_eq!((*line, *column), (3, 39)),
        other => panic!("expected a parse error, got {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("line 3"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), garbage);
}

#[test]
fn a_journal_from_a_newer_version_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    let future =
        br#"{"version": 9, "entries": [{"date": "2030-01-01", "mood": {"new": "shape"}}]}"#;
    fs::write(&path, future).unwrap();
    let err = read_journal(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerVersion { found: 9, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer nearer"));
    assert_eq!(fs::read(&path).unwrap(), future);
}

#[test]
fn an_empty_file_is_not_mistaken_for_an_empty_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    fs::write(&path, b"").unwrap();
    assert!(matches!(read_journal(&path), Err(StoreError::Empty { .. })));
}

#[test]
fn a_second_store_on_the_same_folder_is_refused_until_the_first_closes() {
    let dir = tempfile::tempdir().unwrap();
    let first = Store::open(dir.path()).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("another nearer"), "{message}");
    assert!(
        message.contains(&std::process::id().to_string()),
        "names the process: {message}"
    );
    drop(first);
    Store::open(dir.path()).expect("the lock is released with the store");
}

fn draft(date: &str, reflection: &str) -> nearer::journal::Draft {
    let mut d = nearer::journal::Draft::new(
        date.parse().unwrap(),
        chrono::DateTime::parse_from_rfc3339(&format!("{date}T21:30:00+01:00")).unwrap(),
    );
    d.reflection = reflection.into();
    d
}

#[test]
fn drafts_of_several_evenings_round_trip_and_a_broken_file_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert!(store.load_drafts().0.is_empty());
    let mut drafts = nearer::journal::Drafts::default();
    drafts.put(draft("2026-11-30", "half a thought on Monday"));
    drafts.put(draft("2026-12-01", "and one tonight"));
    store.save_drafts(&drafts).unwrap();
    let (back, notices) = store.load_drafts();
    assert_eq!(back, drafts);
    assert!(notices.is_empty());
    store.save_drafts(&Default::default()).unwrap();
    assert!(store.load_drafts().0.is_empty());
    assert!(!store.drafts_path().exists());
    fs::write(store.drafts_path(), b"{not json").unwrap();
    let (back, notices) = store.load_drafts();
    assert!(back.is_empty());
    assert!(notices[0].contains("moved it aside"), "{notices:?}");
    assert_eq!(
        fs::read(dir.path().join("drafts.json.unreadable")).unwrap(),
        b"{not json"
    );
}

#[test]
fn a_draft_from_an_older_nearer_is_read_and_kept_with_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let old = draft("2026-11-30", "the old single draft");
    fs::write(
        dir.path().join("draft.json"),
        serde_json::to_vec_pretty(&old).unwrap(),
    )
    .unwrap();
    let (mut drafts, _) = store.load_drafts();
    assert_eq!(drafts.get(old.date), Some(&old));
    drafts.put(draft("2026-12-01", "tonight"));
    store.save_drafts(&drafts).unwrap();
    assert!(
        !dir.path().join("draft.json").exists(),
        "kept in drafts.json now"
    );
    assert_eq!(store.load_drafts().0.len(), 2);
}

#[test]
fn a_draft_with_a_value_no_check_in_can_hold_is_set_aside_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut bad = draft("2026-11-30", "words");
    bad.closeness = Some(200);
    let mut drafts = nearer::journal::Drafts::default();
    drafts.put(bad);
    store.save_drafts(&drafts).unwrap();
    let (back, notices) = store.load_drafts();
    assert!(back.is_empty());
    assert!(notices[0].contains("closeness 200"), "{notices:?}");
    assert!(dir.path().join("drafts.json.unreadable").exists());
}

#[test]
fn entries_of_one_evening_are_never_doubled() {
    let mut journal = sample();
    let mut again = Entry::clone(&journal.entries[1]);
    again.closeness = 7;
    journal.upsert(again);
    assert_eq!(journal.entries.len(), 3);
    assert_eq!(journal.entries[1].closeness, 7);
    assert!(journal.entries.windows(2).all(|w| w[0].date < w[1].date));
}

mod in_pieces {
    //! Reading in pieces, on journals large enough to be split between threads.
    use super::*;
    use nearer::journal::pieces::read_with;
    use std::path::Path;

    fn file(bytes: &[u8]) -> std::fs::File {
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, bytes).unwrap();
        file
    }

    fn careful(bytes: &[u8]) -> Journal {
        nearer::journal::store::parse_journal(Path::new("journal.json"), bytes).unwrap()
    }

    #[test]
    fn a_journal_split_between_threads_reads_as_one() {
        let journal = nearer::journal::sample::journal(400, 3);
        let bytes = serde_json::to_vec_pretty(&journal).unwrap();
        for parts in [2, 3, 4, 7] {
            for piece in [100, 5_000, 1 << 20] {
                let mut read = read_with(&file(&bytes), u64::MAX, piece, parts).unwrap();
                read.normalise();
                assert_eq!(read, careful(&bytes), "{parts} parts, pieces of {piece}");
            }
        }
    }

    #[test]
    fn a_guess_that_is_not_where_an_entry_starts_is_checked_and_dropped() {
        // Entries written as arrays (serde reads a struct from one) hold objects one after
        // another, laid out here exactly as two entries are: a thread that starts at one
        // of them reads nonsense, and the journal must still be read right.
        let journal = support::journal(300);
        let mut bytes = b"{\n  \"version\": 2,\n  \"entries\": [".to_vec();
        for (i, e) in journal.entries.iter().enumerate() {
            let v = serde_json::to_value(e).unwrap();
            let act = serde_json::json!({"text": format!("act {i}")});
            let planned = serde_json::json!({"planned": act, "noticed": "n"});
            let fields = serde_json::json!([
                v["date"],
                v["created"],
                v["updated"],
                v["closeness"],
                null,
                planned,
                v["reflection"]
            ]);
            let mut text = serde_json::to_string(&fields).unwrap();
            // Lay the two objects out as entries are laid out.
            text = text.replacen("}},{", "}\n    },\n    {\n", 1);
            if i > 0 {
                bytes.extend_from_slice(b",");
            }
            bytes.extend_from_slice(b"\n    ");
            bytes.extend_from_slice(text.as_bytes());
        }
        bytes.extend_from_slice(b"\n  ]\n}\n");
        let expected = careful(&bytes);
        assert_eq!(expected.entries.len(), 300);
        assert!(expected.entries.iter().all(|e| e.followup.is_some()));
        for parts in [2, 3, 4] {
            let mut read = read_with(&file(&bytes), u64::MAX, 4096, parts).unwrap();
            read.normalise();
            assert_eq!(read, expected, "{parts} parts");
        }
    }

    #[test]
    fn unknown_fields_anywhere_send_the_file_the_careful_way() {
        let journal = support::journal(200);
        let pretty = serde_json::to_string_pretty(&journal).unwrap();
        let mut value: serde_json::Value = serde_json::from_str(&pretty).unwrap();
        assert!(read_with(&file(pretty.as_bytes()), u64::MAX, 1 << 20, 3).is_some());
        for pointer in [
            "",
            "/preferences",
            "/entries/0",
            "/entries/150",
            "/entries/199/reflection",
        ] {
            let mut v = value.clone();
            v.pointer_mut(pointer).unwrap()["mood"] = "calm".into();
            let bytes = serde_json::to_vec_pretty(&v).unwrap();
            assert!(
                read_with(&file(&bytes), u64::MAX, 1 << 20, 3).is_none(),
                "{pointer}"
            );
            // And through the store, the field is kept.
            let dir = tempfile::tempdir().unwrap();
            let store = support::open_store(dir.path());
            std::fs::write(store.journal_path(), &bytes).unwrap();
            let loaded = store.load().unwrap();
            store.save(&loaded).unwrap();
            let back: serde_json::Value =
                serde_json::from_slice(&std::fs::read(store.journal_path()).unwrap()).unwrap();
            assert_eq!(back.pointer(pointer).unwrap()["mood"], "calm", "{pointer}");
        }
        value["version"] = 0.into();
        let old = serde_json::to_vec_pretty(&value).unwrap();
        assert!(read_with(&file(&old), u64::MAX, 1 << 20, 3).is_none());
    }

    #[test]
    fn a_file_longer_than_the_limit_is_left_to_the_careful_path() {
        let bytes = serde_json::to_vec_pretty(&support::journal(20)).unwrap();
        let f = file(&bytes);
        assert!(read_with(&f, bytes.len() as u64, 64, 1).is_some());
        assert!(read_with(&f, bytes.len() as u64 - 1, 64, 1).is_none());
    }
}

#[test]
fn a_change_made_while_a_save_writes_the_journal_copies_no_words() {
    // The app and a save in progress share the journal; a change the person makes during
    // the save (a star, a favourite card) copies only the list of entries and the entry
    // that changed, so it costs no time that grows with the journal's words.
    let mut in_app = std::sync::Arc::new(support::journal(1000));
    let being_saved = std::sync::Arc::clone(&in_app);
    let date = in_app.entries[500].date;
    let was = in_app.entries[500].starred;
    let journal = std::sync::Arc::make_mut(&mut in_app);
    journal.toggle_favourite("tea");
    journal.entry_mut(date).unwrap().starred = !was;
    let shared = (in_app.entries.iter().zip(&being_saved.entries))
        .filter(|(a, b)| std::sync::Arc::ptr_eq(a, b))
        .count();
    assert_eq!(shared, 999);
    // The save writes the journal as it was when it began.
    assert_eq!(being_saved.entries[500].starred, was);
    assert!(being_saved.preferences.favourites.is_empty());
    assert_eq!(in_app.entry(date).unwrap().starred, !was);
}

mod in_pieces_field_by_field {
    //! Reading in pieces uses its own strict form of an entry; each field it leaves out,
    //! sets to null or gives the wrong type must read exactly as the careful path reads it.
    use super::*;
    use serde_json::Value;
    use std::path::Path;

    fn keys(value: &Value, at: String, out: &mut Vec<String>) {
        if let Value::Object(map) = value {
            for (k, v) in map {
                let here = format!("{at}/{k}");
                out.push(here.clone());
                keys(v, here, out);
            }
        }
    }

    #[test]
    fn every_field_left_out_null_or_of_another_type_reads_as_the_careful_path_reads_it() {
        let mut journal = support::journal(3);
        let e = std::sync::Arc::make_mut(&mut journal.entries[1]);
        e.stress = Some(2);
        e.starred = true;
        e.appreciation = Some("tea".into());
        e.small_act = Some(SmallAct {
            card_id: Some("c".into()),
            text: "t".into(),
        });
        e.followup = Some(Followup {
            planned: SmallAct {
                card_id: Some("d".into()),
                text: "u".into(),
            },
            outcome: Some(Outcome::Done),
            noticed: "n".into(),
        });
        let base = serde_json::to_value(&journal).unwrap();
        let mut pointers = Vec::new();
        keys(&base["entries"][1], "/entries/1".into(), &mut pointers);
        assert!(pointers.len() >= 18, "{pointers:?}");
        let mut read = 0;
        for pointer in &pointers {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            for change in [None, Some(Value::Null), Some(7.into()), Some("x".into())] {
                let mut v = base.clone();
                let object = v.pointer_mut(parent).unwrap().as_object_mut().unwrap();
                match &change {
                    None => drop(object.remove(key)),
                    Some(new) => drop(object.insert(key.to_string(), new.clone())),
                }
                let bytes = serde_json::to_vec_pretty(&v).unwrap();
                let careful =
                    nearer::journal::store::parse_journal(Path::new("journal.json"), &bytes);
                // A value the schema does not allow (a stress of 7) reads in pieces, and the
                // store then refuses it as the careful path does (tests/fuzz.rs).
                if let Err(StoreError::OutOfRange { .. }) = careful {
                    continue;
                }
                let careful = careful.ok();
                let mut file = tempfile::tempfile().unwrap();
                std::io::Write::write_all(&mut file, &bytes).unwrap();
                let pieces = nearer::journal::pieces::read_with(&file, u64::MAX, 64, 2);
                if let Some(mut pieces) = pieces {
                    pieces.normalise();
                    assert_eq!(Some(pieces), careful, "{pointer} as {change:?}");
                    read += 1;
                }
            }
        }
        // Leaving out an optional field is read in pieces, not sent the careful way.
        assert!(read >= 10, "{read}");
    }
}
