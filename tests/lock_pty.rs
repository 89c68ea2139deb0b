//! The passphrase lock as a person meets it, in a pseudo-terminal: the real prompts (never
//! echoed, three tries), the real commands (`lock`, `passphrase`, `unlock`, with nearer's
//! own scrypt work factor), and what `status`, `export`, `backups` and `restore` do with a
//! locked journal.

mod support;

use std::fs;
use std::path::Path;

use nearer::commands::status::{LOCKED, LOCKED_WORDS};
use nearer::journal::store::{
    JOURNAL_FILE, KEY_FILE, Passphrase, is_sealed, list_backups, read_journal,
};

use support::{Spawn, journal, nearer, open_store, snapshot};

/// Every file under `dir` (but the lock), with its bytes and time.
fn all_files(dir: &Path) -> Vec<(std::path::PathBuf, (Vec<u8>, std::time::SystemTime))> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(all_files(&p));
        } else if !p.ends_with("journal.lock") {
            out.push((p.clone(), snapshot(&p)));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn no_word_anywhere(dir: &Path) {
    for (path, (bytes, _)) in all_files(dir) {
        for word in ["ducks", "lunch box", "without being asked"] {
            assert!(
                memchr::memmem::find(&bytes, word.as_bytes()).is_none(),
                "{} holds {word:?}",
                path.display()
            );
        }
    }
}

/// Wait until `prompt` has been asked `n` times. Keys typed before a prompt shows are
/// dropped, as a passphrase prompt should (they were typed while the terminal still showed
/// what was typed), so each answer waits for its own prompt.
fn wait_asked(t: &mut support::Term, prompt: &str, n: usize) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while t.contents().matches(prompt).count() < n {
        assert!(
            std::time::Instant::now() < deadline,
            "{prompt:?} was not asked {n} times:\n{}",
            t.contents()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

const ASKED: &str = "Passphrase for the journal:";

/// A journal of three evenings (saved on two days: one backup), locked quickly (a small
/// work factor, so the tests of the prompt do not wait on it).
fn locked_folder(dir: &Path, passphrase: &str) {
    let store = open_store(dir);
    store
        .save_on(
            &journal(2),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        )
        .unwrap();
    store
        .save_on(
            &journal(3),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
        )
        .unwrap();
    store
        .set_passphrase_with_work_factor(&Passphrase::new(passphrase.into()), 10)
        .unwrap();
}

#[test]
fn the_app_asks_before_it_takes_the_screen_and_a_wrong_passphrase_changes_nothing() {
    let (_t, dir) = support::temp();
    locked_folder(&dir, "tea and toast");
    let before = all_files(&dir);
    let mut t = Spawn::new(&dir).start();
    t.wait_for("Passphrase for the journal:");
    assert!(!t.screen.screen().alternate_screen());
    t.send("tea and jam\r");
    t.wait_for("That passphrase does not open the journal. 2 tries left.");
    assert!(!t.contents().contains("jam"), "the passphrase was echoed");
    // Backspace and ctrl+u edit what is typed, unseen.
    wait_asked(&mut t, ASKED, 2);
    t.send("cake\x15tea and toasX\x7ft\r");
    t.wait_for("Start tonight's check-in");
    assert!(t.screen.screen().alternate_screen());
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert!(!t.output_text().contains("toast"));
    assert_eq!(
        all_files(&dir),
        before,
        "opening and quitting changed a file"
    );

    // Three wrong ones: a clear exit, and every file as it was.
    let mut t = Spawn::new(&dir).start();
    for n in 1..=3 {
        wait_asked(&mut t, ASKED, n);
        t.send("not it\r");
    }
    assert_eq!(t.wait_exit(), 1);
    let out = t.output_text();
    assert!(out.contains("does not open the journal, 3 times"), "{out}");
    assert!(out.contains("Nothing was changed"), "{out}");
    assert_eq!(all_files(&dir), before);
    // ctrl+c at the prompt gives up too, the terminal as it was.
    let mut t = Spawn::new(&dir).start();
    t.wait_for("Passphrase for the journal:");
    t.send("\x03");
    assert_eq!(t.wait_exit(), 1);
    t.assert_restored();
    assert!(t.output_text().contains("no passphrase given"));
}

#[test]
fn status_says_only_that_a_locked_journal_is_locked_and_export_asks() {
    let (_t, dir) = support::temp();
    locked_folder(&dir, "p");
    let out = nearer(&dir).arg("status").output().unwrap();
    assert_eq!(out.status.code(), Some(LOCKED.into()));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), LOCKED_WORDS);
    // Without a terminal, export cannot ask, and says so.
    let out = nearer(&dir).arg("export").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("in a terminal"));
    assert!(out.stdout.is_empty());
    // In one, it asks, and writes the journal.
    let mut t = Spawn::new(&dir).args("export --format json").start();
    t.wait_for("Passphrase for the journal:");
    t.send("p\r");
    assert_eq!(t.wait_exit(), 0);
    assert!(t.output_text().contains("lunch box"), "{}", t.output_text());
    // The backups are listed without it, their entries not counted.
    let out = nearer(&dir).arg("backups").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("encrypted"));
    // Restore asks, and the journal it puts back is encrypted.
    let name = list_backups(&dir)[0].name.clone();
    let mut t = Spawn::new(&dir).args(&format!("restore {name}")).start();
    t.wait_for("Passphrase for the journal:");
    t.send("p\r");
    assert_eq!(t.wait_exit(), 0);
    assert!(t.output_text().contains("Put back the backup"));
    assert!(is_sealed(&fs::read(dir.join(JOURNAL_FILE)).unwrap()));
    no_word_anywhere(&dir);
}

#[test]
fn lock_passphrase_and_unlock_as_a_person_runs_them() {
    let (_t, dir) = support::temp();
    let store = open_store(&dir);
    store
        .save_on(
            &journal(2),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        )
        .unwrap();
    store
        .save_on(
            &journal(3),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
        )
        .unwrap();
    drop(store);

    let mut t = Spawn::new(&dir).args("lock").start();
    t.wait_for_output("it cannot be recovered");
    t.wait_for("New passphrase:");
    t.send("river at dusk\r");
    t.wait_for("The same passphrase again:");
    t.send("river at dawn\r");
    t.wait_for("The two were not the same");
    wait_asked(&mut t, "New passphrase:", 2);
    t.send("river at dusk\r");
    wait_asked(&mut t, "The same passphrase again:", 2);
    t.send("river at dusk\r");
    t.wait_for_output("is locked");
    assert_eq!(t.wait_exit(), 0);
    let out = t.output_text();
    assert!(out.contains("is locked: 2 files encrypted"), "{out}");
    assert!(!out.contains("river"), "the passphrase was echoed: {out}");
    assert!(dir.join(KEY_FILE).exists());
    no_word_anywhere(&dir);
    // Locking twice is refused.
    let out = nearer(&dir).arg("lock").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("already has a passphrase"));

    let mut t = Spawn::new(&dir).args("passphrase").start();
    t.wait_for("Passphrase for the journal:");
    t.send("river at dusk\r");
    t.wait_for("New passphrase:");
    t.send("ducks in a row\r");
    t.wait_for("again:");
    t.send("ducks in a row\r");
    assert_eq!(t.wait_exit(), 0);
    assert!(t.output_text().contains("The passphrase is changed"));
    no_word_anywhere(&dir);

    let mut t = Spawn::new(&dir).args("unlock").start();
    t.wait_for("Passphrase for the journal:");
    t.send("river at dusk\r");
    t.wait_for("2 tries left");
    wait_asked(&mut t, ASKED, 2);
    t.send("ducks in a row\r");
    assert_eq!(t.wait_exit(), 0);
    assert!(t.output_text().contains("has no passphrase now"));
    assert!(!dir.join(KEY_FILE).exists());
    assert_eq!(read_journal(&dir.join(JOURNAL_FILE)).unwrap(), journal(3));
    nearer(&dir).arg("status").assert().code(1);
}

#[test]
fn lock_is_refused_while_another_nearer_has_the_journal_open() {
    let (_t, dir) = support::temp();
    locked_folder(&dir, "p");
    let before = all_files(&dir);
    let mut first = Spawn::new(&dir).start();
    first.wait_for("Passphrase for the journal:");
    first.send("p\r");
    first.wait_for("Start tonight's check-in");
    for cmd in [
        &["lock"][..],
        &["unlock"],
        &["passphrase"],
        &["restore", "2026-12-01"],
    ] {
        let out = nearer(&dir).args(cmd).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("open in another nearer"), "{cmd:?}: {err}");
    }
    // A second app is refused before it asks for anything.
    let mut second = Spawn::new(&dir).start();
    assert_eq!(second.wait_exit(), 1);
    let out = second.output_text();
    assert!(out.contains("open in another nearer"), "{out}");
    assert!(!out.contains("Passphrase"), "{out}");
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    assert_eq!(all_files(&dir), before);
}

/// Down as the terminal sends it.
const DOWN: &str = "\x1b[B";

#[test]
fn the_passphrase_is_set_changed_and_removed_from_settings() {
    let (_t, dir) = support::temp();
    let store = open_store(&dir);
    store.save(&journal(3)).unwrap();
    drop(store);
    let mut t = Spawn::new(&dir).start();
    t.wait_for("Start tonight's check-in");
    t.send("a");
    t.wait_for("About us and settings");
    // The passphrase is the last row.
    t.send(&DOWN.repeat(20));
    t.wait_for("▸ Passphrase lock");
    t.send("\r");
    t.wait_for("Set a passphrase");
    t.send("\r");
    t.wait_for("New passphrase:");
    t.send("river at dusk\r");
    t.wait_for("The same passphrase again:");
    t.send("river at dawn\r");
    t.wait_for("The two were not the same");
    t.send("river at dusk\r");
    t.wait_for("The same passphrase again:");
    t.send("river at dusk\r");
    t.wait_for_within(
        "The journal is locked: ",
        std::time::Duration::from_secs(60),
    );
    assert!(!t.contents().contains("river"), "the passphrase was shown");
    assert!(dir.join(KEY_FILE).exists());
    assert!(is_sealed(&fs::read(dir.join(JOURNAL_FILE)).unwrap()));
    no_word_anywhere(&dir);

    // A change asks for the passphrase there is, and a wrong one changes nothing.
    t.wait_for("Change the passphrase");
    t.send("\r");
    t.wait_for("The passphrase there is now:");
    t.send("river at noon\r");
    // Told at once, before a new one is typed twice; asked again.
    t.wait_for_within(
        "That is not the passphrase the journal has now",
        std::time::Duration::from_secs(60),
    );
    assert!(!t.contents().contains("New passphrase:"));
    let key_before = fs::read(dir.join(KEY_FILE)).unwrap();
    t.wait_for("The passphrase there is now:");
    t.send("river at dusk\r");
    t.wait_for_within("New passphrase:", std::time::Duration::from_secs(60));
    t.send("ducks in a row\r");
    t.wait_for("The same passphrase again:");
    t.send("ducks in a row\r");
    t.wait_for_within(
        "The passphrase is changed",
        std::time::Duration::from_secs(60),
    );
    assert_ne!(fs::read(dir.join(KEY_FILE)).unwrap(), key_before);

    // A save after the change is encrypted to the new key: the quick-exit row, just above.
    t.send("\x1b");
    t.wait_for("About us and settings");
    t.send("\x1b[A\r");
    t.wait_for("keeps nothing");
    t.send(DOWN);
    t.send("\r");
    t.wait_for("Change the passphrase");
    no_word_anywhere(&dir);
    assert!(is_sealed(&fs::read(dir.join(JOURNAL_FILE)).unwrap()));

    // Removing it: asked for, then confirmed.
    t.send(DOWN);
    t.send("\r");
    t.wait_for("The passphrase there is now:");
    t.send("ducks in a row\r");
    // Checked first (the real key derivation).
    t.wait_for_within("Remove the passphrase?", std::time::Duration::from_secs(60));
    t.send(DOWN);
    t.send("\r");
    t.wait_for_within(
        "The passphrase is removed",
        std::time::Duration::from_secs(60),
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert!(!dir.join(KEY_FILE).exists());
    let read = read_journal(&dir.join(JOURNAL_FILE)).unwrap();
    assert!(
        read.preferences.quick_exit_keeps_nothing,
        "the save after the change was lost"
    );
    assert_eq!(read.entries, journal(3).entries);
}
