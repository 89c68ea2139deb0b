//! The journal store in a temporary folder: round trip, refusal to touch files it cannot
//! read, the lock, file modes and the draft.

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
    store.save_draft(&"draft").unwrap();
    assert_eq!(mode(&store.draft_path()), 0o600);
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

#[test]
fn a_draft_round_trips_and_a_broken_one_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.load_draft::<String>(), None);
    store.save_draft(&"half a thought".to_string()).unwrap();
    assert_eq!(
        store.load_draft::<String>().as_deref(),
        Some("half a thought")
    );
    store.clear_draft().unwrap();
    assert_eq!(store.load_draft::<String>(), None);
    fs::write(store.draft_path(), b"{not json").unwrap();
    assert_eq!(store.load_draft::<String>(), None);
    assert_eq!(
        fs::read(dir.path().join("draft.json.unreadable")).unwrap(),
        b"{not json"
    );
}

#[test]
fn entries_of_one_evening_are_never_doubled() {
    let mut journal = sample();
    let mut again = journal.entries[1].clone();
    again.closeness = 7;
    journal.upsert(again);
    assert_eq!(journal.entries.len(), 3);
    assert_eq!(journal.entries[1].closeness, 7);
    assert!(journal.entries.windows(2).all(|w| w[0].date < w[1].date));
}
