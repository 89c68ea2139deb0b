//! Two nearer on one data folder, in pseudo-terminals: the second is told clearly and
//! exits; nothing either wrote is lost; a lock left by a killed nearer never blocks the next.

mod support;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use nearer::journal::store::{JOURNAL_FILE, LOCK_FILE, read_journal};

use support::{Spawn, Term, journal, nearer, open_store};

/// Start a second nearer and check it is refused: exit 1, a `nearer:` line naming the
/// folder and the process that has it, and the terminal left as it was.
fn assert_refused(dir: &Path, given: &Path, shown_dir: &Path, args: &str, holder: u32) {
    let mut second = Spawn::new(given).args(args).start();
    assert_eq!(second.wait_exit(), 1, "the second copy exits 1");
    let out = second.output_text();
    assert!(out.contains("nearer: the journal in"), "{out}");
    assert!(
        out.contains(&shown_dir.display().to_string()),
        "names the folder: {out}"
    );
    assert!(out.contains("open in another nearer"), "{out}");
    assert!(
        out.contains(&format!("process {holder}")),
        "names the holder: {out}"
    );
    assert!(
        out.contains("Close that one first"),
        "says what to do: {out}"
    );
    second.assert_restored();
    assert!(dir.join(LOCK_FILE).exists());
}

/// Walk a check-in from the arrive step to the summary, with a reflection.
fn check_in(t: &mut Term, words: &str) {
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    t.send("4");
    t.send("\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    t.send(words);
    t.send("\t");
    t.wait_for("One good thing");
    t.send("\t");
    t.wait_for("Suggestion");
    t.send("s");
    t.wait_for("Saved to your journal");
}

fn pid_of(t: &Term) -> u32 {
    t.process.child_pid.as_raw() as u32
}

#[test]
fn a_second_copy_is_refused_in_either_order_and_nothing_is_lost() {
    for (first, second) in [("", "checkin"), ("checkin", "")] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        open_store(dir.path()).save(&journal(3)).unwrap();

        let mut a = Spawn::new(dir.path()).args(first).start();
        if first.is_empty() {
            a.wait_for("Start tonight's check-in");
            a.send("c");
        }
        a.wait_for("Arrive");
        assert_refused(dir.path(), dir.path(), dir.path(), second, pid_of(&a));
        // The first goes on as if nothing happened and saves its entry.
        check_in(&mut a, "Written by the first copy");
        assert_refused(dir.path(), dir.path(), dir.path(), first, pid_of(&a));
        a.send("q");
        assert_eq!(a.wait_exit(), 0);

        // Now the second starts, and finds everything the first wrote.
        let mut b = Spawn::new(dir.path()).args(second).start();
        if second.is_empty() {
            b.wait_for("Tonight's check-in is done");
            b.send("c");
        }
        b.wait_for("You checked in this evening already");
        b.send("q");
        assert_eq!(b.wait_exit(), 0);
        let j = read_journal(&path).unwrap();
        assert_eq!(j.entries.len(), 4, "the three before and tonight's");
        assert_eq!(j.entries[..3], journal(3).entries[..]);
        let tonight = &j.entries[3];
        assert_eq!(
            tonight.reflection.as_ref().unwrap().answer,
            "Written by the first copy"
        );
    }
}

#[test]
fn the_same_folder_by_another_path_is_the_same_journal() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    let alias = dir.path().join("alias");
    std::os::unix::fs::symlink(&data, &alias).unwrap();
    let mut a = Spawn::new(&data).start();
    a.wait_for("Start tonight's check-in");
    assert_refused(&data, &alias, &alias, "", pid_of(&a));
    let dotted = data.join(".");
    // Said as the whole path, without the `.`.
    assert_refused(&data, &dotted, &data, "checkin", pid_of(&a));
    a.send("q");
    assert_eq!(a.wait_exit(), 0);
}

#[test]
fn reading_commands_work_beside_a_running_copy() {
    let dir = tempfile::tempdir().unwrap();
    open_store(dir.path()).save(&journal(2)).unwrap();
    let mut a = Spawn::new(dir.path()).args("checkin").start();
    check_in(&mut a, "Visible to export at once");
    // The entry is on disk as soon as the summary says so.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let out = nearer(dir.path()).arg("export").output().unwrap();
        assert!(out.status.success());
        if String::from_utf8_lossy(&out.stdout).contains("Visible to export at once") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "export never saw the saved entry"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    nearer(dir.path()).arg("status").assert().code(0);
    a.send("q");
    assert_eq!(a.wait_exit(), 0);
}

#[test]
fn a_killed_copy_never_blocks_the_next_and_its_typing_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    open_store(dir.path()).save(&journal(2)).unwrap();
    let before = fs::read(&path).unwrap();

    let mut a = Spawn::new(dir.path()).args("checkin").start();
    a.wait_for("Arrive");
    a.send("\r");
    a.wait_for("Closeness");
    a.send("6\r");
    a.wait_for("stress");
    a.send("s");
    a.wait_for("reflection");
    a.send("Half a thought, then the laptop died");
    // A quiet moment: the draft is written.
    std::thread::sleep(Duration::from_millis(1200));
    let pid = pid_of(&a);
    a.kill_hard();
    assert_eq!(
        fs::read_to_string(dir.path().join(LOCK_FILE))
            .unwrap()
            .trim(),
        pid.to_string(),
        "the lock file is still there, naming the dead process"
    );
    assert_eq!(fs::read(&path).unwrap(), before, "the journal is as it was");

    // The next start is not blocked, and offers the draft back.
    let started = Instant::now();
    let mut b = Spawn::new(dir.path()).start();
    b.wait_for("Continue tonight's check-in");
    assert!(started.elapsed() < Duration::from_secs(5));
    b.send("\r");
    b.wait_for("Half a thought, then the laptop died");
    b.ctrl('c');
    assert_eq!(b.wait_exit(), 0);
}

/// Whether another open of `path` can take the lock now (an OS lock is per open file, so
/// this sees the store's own lock as another process would).
fn lockable(path: &Path) -> bool {
    fs::File::open(path).unwrap().try_lock().is_ok()
}

#[test]
fn a_lock_file_removed_while_nearer_runs_is_taken_again_at_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let lock = dir.path().join(LOCK_FILE);
    let store = open_store(dir.path());
    store.save(&journal(1)).unwrap();
    assert!(store.take_notices().is_empty());
    fs::remove_file(&lock).unwrap();
    store.save(&journal(2)).unwrap();
    assert!(lock.exists(), "made again");
    assert_eq!(
        fs::read_to_string(&lock).unwrap(),
        std::process::id().to_string()
    );
    assert!(!lockable(&lock), "and held");
    let notices = store.take_notices();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("was removed") && n.contains("locked the journal again")),
        "{notices:?}"
    );
    // A second nearer is refused again.
    let err = nearer::journal::Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(err, nearer::journal::StoreError::Locked { .. }),
        "{err:?}"
    );
}

#[test]
fn with_the_lock_file_removed_and_a_second_nearer_open_the_first_does_not_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    let store = open_store(dir.path());
    store.save(&journal(2)).unwrap();
    let mine = store.load().unwrap();
    fs::remove_file(dir.path().join(LOCK_FILE)).unwrap();
    // With the lock gone, a second nearer starts (nothing can stop it) and writes.
    let mut b = Spawn::new(dir.path()).args("checkin").start();
    check_in(&mut b, "Written by the second copy");
    let deadline = Instant::now() + Duration::from_secs(10);
    let theirs = loop {
        let bytes = fs::read(&path).unwrap();
        if String::from_utf8_lossy(&bytes).contains("Written by the second copy") {
            break bytes;
        }
        assert!(Instant::now() < deadline, "the second copy never saved");
        std::thread::sleep(Duration::from_millis(20));
    };
    // The first must not write over it while the second has the journal.
    let mut mine = mine;
    mine.upsert(journal(3).entries[2].as_ref().clone());
    let err = store.save(&mine).unwrap_err();
    let m = err.to_string();
    assert!(
        m.contains("was removed") && m.contains(&format!("process {}", pid_of(&b))),
        "{m}"
    );
    assert_eq!(fs::read(&path).unwrap(), theirs, "written over");
    // Once the second has closed, the first takes the lock again and saves, keeping the
    // second's version as a backup first.
    b.send("q");
    assert_eq!(b.wait_exit(), 0);
    let deadline = Instant::now() + Duration::from_secs(5);
    while let Err(e) = store.save(&mine) {
        // A child forked by another test can hold the second's lock for an instant.
        assert!(Instant::now() < deadline, "{e}");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(read_journal(&path).unwrap(), mine);
    let kept = nearer::journal::store::list_backups(dir.path());
    assert!(
        kept.iter().any(|b| fs::read(&b.path).unwrap() == theirs),
        "the second's version is kept: {kept:?}"
    );
}
