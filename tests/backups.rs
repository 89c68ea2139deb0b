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
    let backup = list_backups(dir.path())[0].path.clone();
    let backup_bytes = fs::read(&backup).unwrap();

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
        .find(|b| b.path != backup)
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

fn on(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The backup of a name, read.
fn backup_of(dir: &std::path::Path, name: &str) -> nearer::journal::Journal {
    let b = list_backups(dir)
        .into_iter()
        .find(|b| b.name == name)
        .unwrap_or_else(|| panic!("no backup {name}: {:?}", list_backups(dir)));
    read_journal(&b.path).unwrap()
}

#[test]
fn a_clock_once_set_ahead_cannot_delete_todays_backup() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(dir.path());
    store.save_on(&journal(1), on(2026, 11, 30)).unwrap();
    // Seven saves with the clock set to 2030, one a day.
    for d in 1..=7 {
        store
            .save_on(&journal(1 + d as usize), on(2030, 1, d))
            .unwrap();
    }
    // The clock is right again: today's backup is made, and kept.
    store.save_on(&journal(9), on(2026, 12, 1)).unwrap();
    let names: Vec<String> = list_backups(dir.path())
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(names.len(), BACKUP_DAYS, "{names:?}");
    assert_eq!(
        names[0], "2026-12-01",
        "the last made comes first: {names:?}"
    );
    assert_eq!(backup_of(dir.path(), "2026-12-01"), journal(8));
    assert!(
        !names.contains(&"2030-01-01".to_string()),
        "the first made goes: {names:?}"
    );
    // A restore keeps the journal as it was, and that copy is there to be put back.
    drop(store);
    let store = open_store(dir.path());
    let done = store.restore("2030-01-07", on(2026, 12, 1)).unwrap();
    let (kept, entries) = done.kept.clone().unwrap();
    assert_eq!(entries, Some(9));
    assert_eq!(backup_of(dir.path(), &kept), journal(9));
    assert_eq!(backup_of(dir.path(), "2026-12-01"), journal(8));
    // And so is a version another program brought while the clock is still ahead.
    store.save_on(&journal(6), on(2030, 1, 8)).unwrap();
    arrives(dir.path(), &serde_json::to_vec_pretty(&journal(4)).unwrap());
    store.save_on(&journal(5), on(2026, 12, 1)).unwrap();
    let notice = store.take_notices().join(" ");
    let name = notice
        .split("nearer restore ")
        .nth(1)
        .and_then(|r| r.split('`').next())
        .unwrap_or_else(|| panic!("{notice}"))
        .to_string();
    assert_eq!(backup_of(dir.path(), &name), journal(4));
}

#[test]
fn a_clock_set_back_cannot_delete_the_backup_it_makes() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(dir.path());
    store.save_on(&journal(1), on(2026, 11, 24)).unwrap();
    for d in 25..=30 {
        store
            .save_on(&journal(d as usize - 23), on(2026, 11, d))
            .unwrap();
    }
    store.save_on(&journal(8), on(2026, 12, 1)).unwrap();
    assert_eq!(list_backups(dir.path()).len(), BACKUP_DAYS);
    // The clock goes back to 2020.
    store.save_on(&journal(9), on(2020, 1, 1)).unwrap();
    let names: Vec<String> = list_backups(dir.path())
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(names[0], "2020-01-01", "{names:?}");
    assert_eq!(backup_of(dir.path(), "2020-01-01"), journal(8));
    assert_eq!(names.len(), BACKUP_DAYS);
    assert!(
        !names.contains(&"2026-11-25".to_string()),
        "the first made goes, not the newest date: {names:?}"
    );
    let done = store.restore("2026-12-01", on(2020, 1, 1)).unwrap();
    let (kept, _) = done.kept.unwrap();
    assert_eq!(backup_of(dir.path(), &kept), journal(9));
}

#[test]
fn backups_named_before_the_numbering_are_listed_restored_and_rotated_first() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    fs::create_dir(&backups).unwrap();
    // As an older nearer named them, with dates after today's.
    for (name, n) in [("2027-01-01", 1), ("2027-01-02", 2), ("2027-01-02-1", 3)] {
        fs::write(
            backups.join(format!("journal-{name}.json")),
            serde_json::to_vec_pretty(&journal(n)).unwrap(),
        )
        .unwrap();
    }
    let out = nearer(dir.path()).arg("backups").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for name in ["2027-01-01", "2027-01-02", "2027-01-02-1"] {
        assert!(text.contains(name), "{text}");
    }
    let store = open_store(dir.path());
    store.save_on(&journal(5), on(2026, 11, 30)).unwrap();
    store.restore("2027-01-02-1", on(2026, 11, 30)).unwrap();
    assert_eq!(store.load().unwrap(), journal(3));
    // Six more days of backups: the old ones, made before all of them, go first.
    for d in 1..=6 {
        store
            .save_on(&journal(d as usize), on(2026, 12, d))
            .unwrap();
    }
    let names: Vec<String> = list_backups(dir.path())
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert!(!names.iter().any(|n| n.starts_with("2027")), "{names:?}");
    assert_eq!(names.len(), BACKUP_DAYS, "{names:?}");
}

/// A sync tool puts another version in place while nearer has the journal open.
fn arrives(dir: &std::path::Path, bytes: &[u8]) {
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(dir.join(JOURNAL_FILE), bytes).unwrap();
}

#[test]
fn a_version_that_cannot_be_kept_is_not_written_over() {
    for case in ["backups is a file", "too large"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        let store = open_store(dir.path());
        store.save_on(&journal(2), day(1)).unwrap();
        store.load().unwrap();
        let theirs = serde_json::to_vec_pretty(&journal(3)).unwrap();
        if case == "backups is a file" {
            fs::write(dir.path().join("backups"), b"not a folder").unwrap();
            arrives(dir.path(), &theirs);
        } else {
            // Over the size limit, so it cannot be read to be kept (sparse: no disk used).
            std::thread::sleep(std::time::Duration::from_millis(20));
            let f = fs::OpenOptions::new().write(true).open(&path).unwrap();
            f.set_len(nearer::journal::store::MAX_JOURNAL_BYTES + 1)
                .unwrap();
        }
        let before = support::snapshot(&path);
        for _ in 0..3 {
            let m = store.save_on(&journal(4), day(1)).unwrap_err().to_string();
            assert!(
                m.contains("changed by another program") && m.contains("has not saved over it"),
                "{case}: {m}"
            );
            assert_eq!(support::snapshot(&path), before, "{case}: written over");
        }
        // Once it can be kept, it is, and the save goes on.
        if case == "backups is a file" {
            fs::remove_file(dir.path().join("backups")).unwrap();
        } else {
            arrives(dir.path(), &theirs);
        }
        store.save_on(&journal(4), day(1)).unwrap();
        assert_eq!(read_journal(&path).unwrap(), journal(4));
        let kept = list_backups(dir.path());
        assert!(
            kept.iter()
                .any(|b| read_journal(&b.path).ok() == Some(journal(3))),
            "{case}: {kept:?}"
        );
    }
}

#[test]
fn a_daily_backup_that_fails_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(dir.path());
    store.save_on(&journal(2), day(1)).unwrap();
    fs::write(dir.path().join("backups"), b"not a folder").unwrap();
    store.save_on(&journal(3), day(2)).unwrap();
    let notices = store.take_notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("backup of the journal could not be written")
            && notices[0].contains("backups"),
        "{notices:?}"
    );
    store.save_on(&journal(4), day(2)).unwrap();
    assert!(store.take_notices().is_empty(), "said once");
    assert_eq!(
        read_journal(&dir.path().join(JOURNAL_FILE)).unwrap(),
        journal(4)
    );
}

#[test]
fn a_newer_journal_that_arrives_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    let store = open_store(dir.path());
    store.save_on(&journal(2), day(1)).unwrap();
    store.load().unwrap();
    let newer = String::from_utf8(serde_json::to_vec_pretty(&journal(3)).unwrap())
        .unwrap()
        .replacen("\"version\": 1", "\"version\": 2", 1);
    arrives(dir.path(), newer.as_bytes());
    let before = support::snapshot(&path);
    for _ in 0..2 {
        let m = store.save_on(&journal(4), day(1)).unwrap_err().to_string();
        assert!(
            m.contains("newer nearer") && m.contains("version 2") && m.contains("Update nearer"),
            "{m}"
        );
        assert_eq!(support::snapshot(&path), before);
    }
}

#[test]
fn the_app_keeps_the_check_in_when_another_version_cannot_be_kept_and_saves_once_it_can() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    open_store(dir.path()).save_on(&journal(2), day(1)).unwrap();
    let mut t = Spawn::new(dir.path()).args("checkin").start();
    t.wait_for("Arrive");
    // A sync tool brings another version while nearer runs, and the backups cannot be
    // written (`backups` is a file).
    fs::write(dir.path().join("backups"), b"not a folder").unwrap();
    let theirs = serde_json::to_vec_pretty(&journal(3)).unwrap();
    arrives(dir.path(), &theirs);
    t.send("\r");
    t.wait_for("Closeness");
    t.send("5\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    t.send("Kept while the other version waits");
    t.send("\t");
    t.wait_for("One good thing");
    t.send("\t");
    t.wait_for("Suggestion");
    t.send("s");
    t.wait_for("Not saved");
    t.wait_for("could not keep that version");
    assert_eq!(fs::read(&path).unwrap(), theirs, "written over");
    // Kept as a draft too, in case nearer is closed before it can save.
    let draft = dir.path().join("drafts.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !fs::read_to_string(&draft).is_ok_and(|d| d.contains("Kept while the other")) {
        assert!(std::time::Instant::now() < deadline, "no draft kept");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // Room for the backup again: nearer keeps their version, then saves, on its own.
    fs::remove_file(dir.path().join("backups")).unwrap();
    t.wait_for_within(
        "kept that version as backup",
        std::time::Duration::from_secs(20),
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let saved = read_journal(&path).unwrap();
    assert_eq!(saved.entries.len(), 3, "the two before and tonight's");
    assert!(
        list_backups(dir.path())
            .iter()
            .any(|b| fs::read(&b.path).unwrap() == theirs),
        "their version is kept"
    );
    assert!(!draft.exists(), "the draft goes once the journal holds it");
}
