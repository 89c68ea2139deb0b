//! A version-1 journal (as nearer wrote it before together evenings) opens in this nearer:
//! its original is kept first as journal.v1.json, byte for byte, and every field comes
//! through into version 2; an older nearer refuses the version-2 file as a newer one.

mod support;

use std::fs;

use nearer::journal::store::{JOURNAL_FILE, read_journal};
use nearer::journal::{Journal, SCHEMA_VERSION};

/// A version-1 journal with every field a version-1 nearer wrote, filled in.
const V1: &str = r#"{
  "version": 1,
  "preferences": {
    "favourites": ["thanks-with-a-reason"],
    "love_languages": ["words", "time"],
    "solo_only": true,
    "planned": {
      "date": "2026-11-30",
      "act": { "card_id": "tea-together", "text": "Tea together" }
    }
  },
  "entries": [
    {
      "date": "2026-11-29",
      "created": "2026-11-29T21:30:00+01:00",
      "updated": "2026-11-29T22:10:00.123456789+01:00",
      "closeness": 5,
      "stress": 4,
      "followup": {
        "planned": { "card_id": "walk", "text": "A walk" },
        "outcome": "partly",
        "noticed": "We walked to the bakery.\nIt rained."
      },
      "reflection": {
        "prompt_id": "wc-easy-moment",
        "prompt": "What was one moment today when being together felt easy?",
        "answer": "Zoë laughed 💛 at the ducks. שלום"
      },
      "appreciation": "They made soup when I was tired.",
      "small_act": { "text": "Coffee in bed" },
      "starred": true
    }
  ]
}
"#;

#[test]
fn a_version_1_journal_is_kept_then_brought_up_to_date_with_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    fs::write(&path, V1).unwrap();
    let as_read_by_v1 = read_journal(&path).unwrap();

    let store = support::open_store(dir.path());
    let j = store.load().unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join("journal.v1.json")).unwrap(),
        V1,
        "the original kept first, byte for byte"
    );
    assert!(
        store
            .take_notices()
            .iter()
            .any(|n| n.contains("journal.v1.json")),
        "and the person is told where"
    );
    assert_eq!(j.version, SCHEMA_VERSION);
    assert_eq!(j.entries, as_read_by_v1.entries, "every entry field kept");
    assert_eq!(j.preferences, as_read_by_v1.preferences);
    assert!(j.preferences.on_my_own, "solo_only is read as on_my_own");
    let e = &j.entries[0];
    assert_eq!(
        e.followup.as_ref().unwrap().noticed,
        "We walked to the bakery.\nIt rained."
    );
    assert_eq!(e.updated.timestamp_subsec_nanos(), 123_456_789);
    assert!(e.together.is_none());

    // On disk it is version 2 now, and reads back the same.
    let on_disk: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(on_disk["version"], 2);
    assert!(
        on_disk["preferences"].get("solo_only").is_none(),
        "the older name is gone"
    );
    drop(store);
    let again: Journal = read_journal(&path).unwrap();
    assert_eq!(again, j);
}

#[test]
fn this_nearer_refuses_a_journal_of_a_later_version_than_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    let newer = V1.replacen(
        "\"version\": 1",
        &format!("\"version\": {}", SCHEMA_VERSION + 1),
        1,
    );
    fs::write(&path, &newer).unwrap();
    let err = read_journal(&path).unwrap_err().to_string();
    assert!(err.contains("newer nearer"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), newer, "untouched");
}
