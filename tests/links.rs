//! Links planted in the journal's folder are not followed. The journal itself may be a
//! link (to a synced folder: tests/bad_files.rs); everything else nearer keeps there (the
//! lock, the draft, the backups) is its own, and a link in its place is refused with a
//! message naming it, never written through. Each test checks the file a link points to
//! keeps its bytes and its mode.

mod support;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use nearer::journal::store::{JOURNAL_FILE, LOCK_FILE, list_backups, read_journal};
use nearer::journal::{Store, StoreError};

use support::{Spawn, journal, open_store};

/// A file somewhere else that a link will point to: its bytes, mode 0644.
fn victim(dir: &Path) -> PathBuf {
    let path = dir.join("elsewhere.txt");
    fs::write(&path, b"someone else's file, not nearer's\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    path
}

fn assert_untouched(path: &Path) {
    assert_eq!(
        fs::read(path).unwrap(),
        b"someone else's file, not nearer's\n",
        "the linked file was changed"
    );
    assert_eq!(
        fs::metadata(path).unwrap().permissions().mode() & 0o777,
        0o644,
        "the linked file's mode was changed"
    );
}

#[test]
fn a_link_in_place_of_the_lock_is_refused_at_start() {
    let outside = tempfile::tempdir().unwrap();
    let target = victim(outside.path());
    let dir = tempfile::tempdir().unwrap();
    symlink(&target, dir.path().join(LOCK_FILE)).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Link { .. }), "{err:?}");
    let m = err.to_string();
    assert!(
        m.contains(&dir.path().join(LOCK_FILE).display().to_string()),
        "{m}"
    );
    assert!(
        m.contains("the journal's lock") && m.contains("rm '"),
        "{m}"
    );
    assert_untouched(&target);
    // The same for a link to nothing (nothing is made where it points) and for the app.
    let nowhere = outside.path().join("made-through-the-link");
    fs::remove_file(dir.path().join(LOCK_FILE)).unwrap();
    symlink(&nowhere, dir.path().join(LOCK_FILE)).unwrap();
    assert!(matches!(
        Store::open(dir.path()),
        Err(StoreError::Link { .. })
    ));
    assert!(!nowhere.exists());
    let mut t = Spawn::new(dir.path()).start();
    assert_eq!(t.wait_exit(), 1);
    assert!(t.output_text().contains("is a link"), "{}", t.output_text());
    t.assert_restored();
}

#[test]
fn a_link_put_in_place_of_the_lock_while_nearer_runs_stops_the_saves() {
    let outside = tempfile::tempdir().unwrap();
    let target = victim(outside.path());
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(dir.path());
    store.save(&journal(1)).unwrap();
    fs::remove_file(dir.path().join(LOCK_FILE)).unwrap();
    symlink(&target, dir.path().join(LOCK_FILE)).unwrap();
    let err = store.save(&journal(2)).unwrap_err();
    assert!(matches!(err, StoreError::Link { .. }), "{err:?}");
    assert_untouched(&target);
    assert_eq!(
        read_journal(&dir.path().join(JOURNAL_FILE)).unwrap(),
        journal(1)
    );
}

#[test]
fn a_link_in_place_of_the_draft_is_neither_written_through_nor_read() {
    let outside = tempfile::tempdir().unwrap();
    let target = victim(outside.path());
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(dir.path());
    let draft_path = store.drafts_path();
    let drafts = |words: &str| {
        let mut d = nearer::journal::Draft::new(
            "2026-11-26".parse().unwrap(),
            chrono::DateTime::parse_from_rfc3339("2026-11-26T21:30:00+01:00").unwrap(),
        );
        d.reflection = words.into();
        let mut all = nearer::journal::Drafts::default();
        all.put(d);
        all
    };
    store.save_drafts(&drafts("the first words")).unwrap();
    // Replaced by a link while nearer runs.
    fs::remove_file(&draft_path).unwrap();
    symlink(&target, &draft_path).unwrap();
    let err = store.save_drafts(&drafts("private words")).unwrap_err();
    let m = err.to_string();
    assert!(
        m.contains("drafts.json is a link") && m.contains("the unfinished check-ins"),
        "{m}"
    );
    assert_untouched(&target);
    assert!(fs::symlink_metadata(&draft_path).unwrap().is_symlink());
    // Not read either: nothing is offered back from the linked file, and it is said.
    let (back, notices) = store.load_drafts();
    assert!(back.is_empty());
    assert!(
        notices.iter().any(|n| n.contains("is a link")),
        "said: {notices:?}"
    );
    assert_untouched(&target);
}

#[test]
fn a_draft_turned_into_a_link_while_the_app_runs_is_refused_and_said() {
    let outside = tempfile::tempdir().unwrap();
    let target = victim(outside.path());
    let dir = tempfile::tempdir().unwrap();
    let mut t = Spawn::new(dir.path()).args("checkin").start();
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    t.send("5\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    t.send("First words");
    // A quiet moment writes the draft; then it is replaced by a link.
    let draft = dir.path().join("drafts.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !fs::read_to_string(&draft).is_ok_and(|d| d.contains("First words")) {
        assert!(std::time::Instant::now() < deadline, "no draft written");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    fs::remove_file(&draft).unwrap();
    symlink(&target, &draft).unwrap();
    t.send(" and private ones");
    t.wait_for("could not be saved");
    t.wait_for("is a link");
    assert_untouched(&target);
    t.ctrl('c');
    t.wait_exit();
    assert_untouched(&target);
}

#[test]
fn a_link_in_place_of_the_backups_folder_is_not_written_into() {
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("some-folder");
    fs::create_dir(&elsewhere).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(dir.path());
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    store.save_on(&journal(1), day(1)).unwrap();
    symlink(&elsewhere, dir.path().join("backups")).unwrap();
    // The journal is saved; the backup is not made through the link, and that is said.
    store.save_on(&journal(2), day(2)).unwrap();
    assert_eq!(
        read_journal(&dir.path().join(JOURNAL_FILE)).unwrap(),
        journal(2)
    );
    assert!(
        support::names(&elsewhere).is_empty(),
        "written through the link"
    );
    let notices = store.take_notices().join("\n");
    assert!(
        notices.contains("backup of the journal could not be written")
            && notices.contains("is a link"),
        "{notices}"
    );
    // A version from elsewhere cannot be kept there either, so it is not written over.
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(
        dir.path().join(JOURNAL_FILE),
        serde_json::to_vec_pretty(&journal(3)).unwrap(),
    )
    .unwrap();
    assert!(matches!(
        store.save_on(&journal(4), day(2)),
        Err(StoreError::ArrivedNotKept { .. })
    ));
    assert!(support::names(&elsewhere).is_empty());
    assert_eq!(
        read_journal(&dir.path().join(JOURNAL_FILE)).unwrap(),
        journal(3)
    );
    // Once the link is gone, backups are made again, in a folder of nearer's own.
    fs::remove_file(dir.path().join("backups")).unwrap();
    store.save_on(&journal(4), day(2)).unwrap();
    assert!(
        !fs::symlink_metadata(dir.path().join("backups"))
            .unwrap()
            .is_symlink()
    );
    assert!(!list_backups(dir.path()).is_empty());
}
