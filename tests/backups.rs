//! Before the first save of each day the journal as it was is copied into `backups/`; the
//! last seven days are kept; `nearer backups` lists them and `nearer restore DATE` puts one
//! back after keeping the journal as it is now.

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use chrono::NaiveDate;
use nearer::journal::store::{BACKUP_DAYS, JOURNAL_FILE, list_backups, read_journal};
use predicates::prelude::*;

use support::{Spawn, journal, nearer, open_store};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn mode(p: &std::path::Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_first_save_of_a_day_keeps_the_journal_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(dir.path());
    // The very first save has nothing to back up.
    store.save_on(&journal(1), day(1)).unwrap();
    assert!(list_backups(dir.path()).is_empty());
    // Later saves the same day add no backup.
    store.save_on(&journal(2), day(1)).unwrap();
    assert!(list_backups(dir.path()).is_empty());
    // The first save of the next day keeps the journal of the day before.
    store.save_on(&journal(3), day(2)).unwrap();
    store.save_on(&journal(4), day(2)).unwrap();
    let backups = list_backups(dir.path());
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].name, "2026-11-02");
    assert_eq!(read_journal(&backups[0].path).unwrap(), journal(2));
    assert_eq!(mode(&backups[0].path), 0o600);
    assert_eq!(mode(&dir.path().join("backups")), 0o700);
    // A new start the same day does not replace the day's backup.
    drop(store);
    let store = open_store(dir.path());
    store.save_on(&journal(5), day(2)).unwrap();
    assert_eq!(
        read_journal(&list_backups(dir.path())[0].path).unwrap(),
        journal(2)
    );
}

#[test]
fn only_the_last_seven_days_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(dir.path());
    store.save_on(&journal(1), day(1)).unwrap();
    // Saves on every other day, so the seven kept are days, not calendar days.
    for (i, d) in (2..=24).step_by(2).enumerate() {
        store.save_on(&journal(i + 2), day(d)).unwrap();
    }
    let backups = list_backups(dir.path());
    let names: Vec<&str> = backups.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "2026-11-24",
            "2026-11-22",
            "2026-11-20",
            "2026-11-18",
            "2026-11-16",
            "2026-11-14",
            "2026-11-12"
        ]
    );
    assert_eq!(backups.len(), BACKUP_DAYS);
    // Each holds the journal as it was before that day's first save.
    assert_eq!(read_journal(&backups[0].path).unwrap(), journal(12));
    assert_eq!(read_journal(&backups[6].path).unwrap(), journal(6));
}

#[test]
fn nearer_backups_lists_date_size_and_entries() {
    let dir = tempfile::tempdir().unwrap();
    nearer(dir.path()).arg("backups").assert().success().stdout(
        predicate::str::contains("No backups yet").and(predicate::str::contains("backups")),
    );
    let store = open_store(dir.path());
    store.save_on(&journal(1), day(1)).unwrap();
    store.save_on(&journal(2), day(2)).unwrap();
    store.save_on(&journal(3), day(3)).unwrap();
    drop(store);
    fs::write(dir.path().join("backups/journal-2026-11-01.json"), b"{oops").unwrap();
    let out = nearer(dir.path()).arg("backups").output().unwrap();
    assert!(out.status.success());
    let out = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("  2026")).collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].contains("2026-11-03") && lines[0].contains("2 entries"),
        "{out}"
    );
    assert!(
        lines[1].contains("2026-11-02") && lines[1].contains("1 entry"),
        "{out}"
    );
    assert!(lines[1].contains(" KB") || lines[1].contains(" B"), "{out}");
    assert!(lines[2].contains("cannot be read"), "{out}");
    assert!(out.contains("nearer restore DATE"), "{out}");
}

#[test]
fn restore_puts_a_backup_back_and_keeps_the_current_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    let store = open_store(dir.path());
    store.save_on(&journal(2), day(1)).unwrap();
    store.save_on(&journal(5), day(2)).unwrap();
    drop(store);
    let backup_bytes = fs::read(dir.path().join("backups/journal-2026-11-02.json")).unwrap();

    let out = nearer(dir.path())
        .args(["restore", "2026-11-02"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("2026-11-02 (2 entries)"), "{text}");
    assert!(text.contains("(5 entries) is kept as backup"), "{text}");
    assert_eq!(fs::read(&path).unwrap(), backup_bytes, "byte for byte");
    assert_eq!(mode(&path), 0o600);
    // The journal as it was is now a backup of today, and can be put back in turn.
    let kept = list_backups(dir.path())
        .into_iter()
        .find(|b| b.path != dir.path().join("backups/journal-2026-11-02.json"))
        .expect("the journal before the restore is kept");
    assert_eq!(read_journal(&kept.path).unwrap(), journal(5));
    nearer(dir.path())
        .args(["restore", &kept.name])
        .assert()
        .success();
    assert_eq!(read_journal(&path).unwrap(), journal(5));
}

#[test]
fn restore_refuses_what_it_cannot_do_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    let store = open_store(dir.path());
    store.save_on(&journal(2), day(1)).unwrap();
    store.save_on(&journal(3), day(2)).unwrap();
    drop(store);
    fs::write(
        dir.path().join("backups/journal-2026-11-01.json"),
        b"{\"version\": 1, ",
    )
    .unwrap();
    let before = support::snapshot(&path);
    // No such backup.
    nearer(dir.path())
        .args(["restore", "2025-01-01"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("no backup named 2025-01-01")
                .and(predicate::str::contains("nearer backups")),
        );
    // A backup that does not read.
    nearer(dir.path())
        .args(["restore", "2026-11-01"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("journal-2026-11-01.json"));
    assert_eq!(support::snapshot(&path), before);
    assert_eq!(
        list_backups(dir.path()).len(),
        2,
        "no copy made for a refused restore"
    );
}

#[test]
fn restore_is_refused_while_nearer_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    let store = open_store(dir.path());
    store.save_on(&journal(2), day(1)).unwrap();
    store.save_on(&journal(3), day(2)).unwrap();
    drop(store);
    let before = support::snapshot(&path);
    let mut t = Spawn::new(dir.path()).start();
    t.wait_for("nearer");
    t.wait_for("Journal:");
    nearer(dir.path())
        .args(["restore", "2026-11-02"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("open in another nearer"));
    assert_eq!(support::snapshot(&path), before);
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    nearer(dir.path())
        .args(["restore", "2026-11-02"])
        .assert()
        .success();
}

#[test]
fn the_app_backs_up_before_its_first_save_of_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    open_store(dir.path()).save_on(&journal(3), day(1)).unwrap();
    let original = fs::read(&path).unwrap();
    // A whole check-in in the app saves the journal.
    let mut t = Spawn::new(dir.path()).args("checkin").start();
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    t.send("5");
    t.send("\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    t.send("\t");
    t.wait_for("One good thing");
    t.send("\t");
    t.wait_for("Suggestion");
    t.send("s");
    t.wait_for("Saved");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let backups = list_backups(dir.path());
    assert_eq!(backups.len(), 1, "one backup for today");
    assert_eq!(fs::read(&backups[0].path).unwrap(), original);
    assert_eq!(read_journal(&path).unwrap().entries.len(), 4);
}

#[test]
fn a_version_written_by_another_program_is_kept_before_nearer_saves_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    let store = open_store(dir.path());
    store.save_on(&journal(2), day(1)).unwrap();
    let mine = store.load().unwrap();
    // Saves with nothing in between keep nothing extra and say nothing.
    store.save_on(&mine, day(1)).unwrap();
    assert!(list_backups(dir.path()).is_empty());
    assert!(store.take_notices().is_empty());
    // A sync tool brings another machine's version in while nearer has the journal open.
    let theirs = journal(5);
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&path, serde_json::to_vec_pretty(&theirs).unwrap()).unwrap();
    store.save_on(&journal(3), day(1)).unwrap();
    assert_eq!(read_journal(&path).unwrap(), journal(3));
    let backups = list_backups(dir.path());
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(read_journal(&backups[0].path).unwrap(), theirs);
    let notices = store.take_notices();
    assert!(
        notices[0].contains("changed by another program")
            && notices[0].contains(&format!("nearer restore {}", backups[0].name)),
        "{notices:?}"
    );
    // Once kept, the next save goes on as usual.
    store.save_on(&journal(4), day(1)).unwrap();
    assert_eq!(list_backups(dir.path()).len(), 1);
    assert!(store.take_notices().is_empty());
}
