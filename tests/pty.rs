//! The built binary in a pseudo-terminal, under stress: a panic restores the terminal and
//! leaves the check-in on disk; a storm of window resizes; a megabyte pasted as a terminal
//! pastes it (bracketed paste).

mod support;

use std::fs;
use std::time::{Duration, Instant};

use nearer::journal::store::{JOURNAL_FILE, read_journal};
use rand::{RngExt, SeedableRng};

use support::{Spawn, journal, open_store, snapshot};

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_check_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE);
    open_store(dir.path()).save(&journal(3)).unwrap();
    let before = snapshot(&path);
    let mut t = Spawn::new(dir.path())
        .args("checkin")
        .env("NEARER_TEST_PANIC_ON_KEY", "%")
        .start();
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    t.send("5\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    // The words and the key that panics arrive together, so no quiet moment passes in
    // which the draft could be written the usual way: only the panic path can keep them.
    assert!(
        !dir.path().join("drafts.json").exists() || {
            let d = fs::read_to_string(dir.path().join("drafts.json")).unwrap();
            !d.contains("Typed just before")
        }
    );
    t.send("Typed just before the crash%");
    assert_eq!(
        t.wait_exit(),
        101,
        "a panic ends the process as a panic does"
    );
    t.assert_restored();
    let out = t.output_text();
    assert!(out.contains("something went wrong inside nearer"), "{out}");
    assert!(out.contains("drafts.json"), "{out}");
    assert!(
        out.contains("NEARER_TEST_PANIC_ON_KEY"),
        "the panic itself is shown: {out}"
    );
    assert_eq!(snapshot(&path), before, "the journal is as it was");
    let draft = fs::read_to_string(dir.path().join("drafts.json")).unwrap();
    assert!(draft.contains("Typed just before the crash"), "{draft}");

    // The next start offers it back, with every word.
    let mut t = Spawn::new(dir.path()).start();
    t.wait_for("Continue tonight's check-in");
    t.send("\r");
    t.wait_for("Typed just before the crash");
    t.send(" and after.\t");
    t.wait_for("One good thing");
    t.send("\t");
    t.wait_for("Suggestion");
    t.send("s");
    t.wait_for("Saved to your journal");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let j = read_journal(&path).unwrap();
    assert_eq!(
        j.entries
            .last()
            .unwrap()
            .reflection
            .as_ref()
            .unwrap()
            .answer,
        "Typed just before the crash and after."
    );
    assert!(!dir.path().join("drafts.json").exists());
}

#[test]
fn a_panic_with_nothing_typed_leaves_no_draft() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Spawn::new(dir.path())
        .env("NEARER_TEST_PANIC_ON_KEY", "j")
        .start();
    t.wait_for("Start tonight's check-in");
    t.send("j");
    assert_eq!(t.wait_exit(), 101);
    t.assert_restored();
    let out = t.output_text();
    assert!(
        out.contains("The journal is as it was at the last save."),
        "{out}"
    );
    assert!(!out.contains("drafts.json"), "{out}");
    assert!(!dir.path().join("drafts.json").exists());
}

/// A window of 65535×65535 (the largest a terminal can report) is treated as one too
/// small: a message asks for a smaller one, and nearer goes on. Drawn at its own size it
/// asked for hundreds of gigabytes and aborted, leaving the terminal in the alternate
/// screen.
#[test]
fn a_window_too_large_to_draw_asks_for_a_smaller_one() {
    let dir = tempfile::tempdir().unwrap();
    // The program sees 65535×65535; the emulator reading its screen stays 100×30.
    let mut t = Spawn::new(dir.path())
        .args("checkin")
        .before("stty cols 65535 rows 65535;")
        .start();
    t.wait_for("larger than nearer can draw");
    assert!(t.contents().contains("65535×65535"), "{}", t.contents());
    t.resize(100, 30);
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    // And again while it runs, then back.
    t.resize_window(65535, 65535);
    t.wait_for("larger than nearer can draw");
    t.resize_window(4000, 300);
    t.wait_for("4000×300");
    t.resize(100, 30);
    t.wait_for("Closeness");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

#[test]
fn a_storm_of_resizes_leaves_the_app_working() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Spawn::new(dir.path()).args("checkin").start();
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    t.send("3\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    t.send("Before the storm. ");
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    let started = Instant::now();
    for i in 0..300 {
        let (w, h) = match i % 10 {
            0 => (1, 1),
            1 => (300, 100),
            2 => (40, 12),
            3 => (39, 11),
            _ => (rng.random_range(1..=300), rng.random_range(1..=100)),
        };
        t.resize_window(w, h);
        if i % 25 == 0 {
            t.send("x");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    t.resize(100, 30);
    t.send("After the storm.");
    t.wait_for("After the storm.");
    eprintln!("300 resizes in {:.1?}", started.elapsed());
    let screen = t.contents();
    assert!(
        screen.contains("Before the storm. xxxxxxxxxxxx"),
        "{screen}"
    );
    t.send("\t\ts");
    t.wait_for("Saved to your journal");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
    let j = read_journal(&dir.path().join(JOURNAL_FILE)).unwrap();
    assert_eq!(
        j.entries[0].reflection.as_ref().unwrap().answer,
        "Before the storm. xxxxxxxxxxxxAfter the storm."
    );
}

#[test]
fn a_box_full_pasted_in_a_real_terminal_is_saved_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Spawn::new(dir.path()).args("checkin").start();
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    t.send("6\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    let line = "We laughed about the burnt toast, Zoë 💛 שלום, and planned the weekend.\n";
    let mut text = String::new();
    let mut i = 0;
    while text.chars().count() < nearer::screens::checkin::MAX_BOX_CHARS - 10_000 {
        text.push_str(&format!("{i} {line}"));
        i += 1;
    }
    text.push_str("THE END");
    let started = Instant::now();
    // A terminal sends a paste as it comes, with \r for each line break.
    t.paste(&text.replace('\n', "\r"));
    t.wait_for_within("THE END", Duration::from_secs(120));
    let shown = started.elapsed();
    t.send("\t");
    t.wait_for_within("One good thing", Duration::from_secs(60));
    t.send("\t");
    t.wait_for_within("Suggestion", Duration::from_secs(60));
    t.send("s");
    t.wait_for_within("Saved to your journal", Duration::from_secs(60));
    let saved = started.elapsed();
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    eprintln!(
        "a paste of {} bytes: on screen after {shown:.1?}, saved after {saved:.1?}",
        text.len()
    );
    let j = read_journal(&dir.path().join(JOURNAL_FILE)).unwrap();
    let answer = &j.entries[0].reflection.as_ref().unwrap().answer;
    assert_eq!(answer.len(), text.len());
    assert!(answer == &text, "the pasted text came back changed");
}

#[test]
fn a_shutdown_or_a_closed_window_keeps_the_check_in() {
    use rexpect::process::signal::Signal;
    for signal in [Signal::SIGTERM, Signal::SIGHUP] {
        let dir = tempfile::tempdir().unwrap();
        let mut t = Spawn::new(dir.path()).args("checkin").start();
        t.wait_for("Arrive");
        t.send("\r");
        t.wait_for("Closeness");
        t.send("2\r");
        t.wait_for("stress");
        t.send("s");
        t.wait_for("reflection");
        t.send("Words before the shutdown");
        t.wait_for("Words before the shutdown");
        t.process.signal(signal).unwrap();
        assert_eq!(t.wait_exit(), 1, "{signal:?}");
        if signal == Signal::SIGTERM {
            t.assert_restored();
            let out = t.output_text();
            assert!(out.contains("asked to stop"), "{out}");
        }
        let draft = fs::read_to_string(dir.path().join("drafts.json")).unwrap();
        assert!(
            draft.contains("Words before the shutdown"),
            "{signal:?}: {draft}"
        );
    }
}

/// A terminal window closed under nearer: the terminal emulator (here `script`, which
/// gives nearer a pseudo-terminal as a terminal window does) is killed, so nearer's terminal
/// hangs up. nearer keeps what was typed and ends: it neither lingers holding the journal's
/// lock nor spins.
#[test]
fn a_terminal_window_closed_under_nearer() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` here to play the terminal window");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut window = Command::new("script")
        .args(["-q", "-c"])
        .arg(format!(
            "stty cols 100 rows 30; exec '{}' --data-dir '{}' checkin",
            support::bin(),
            dir.path().display()
        ))
        .arg("/dev/null")
        .env("TERM", "xterm-256color")
        .env("NEARER_CONFIG_DIR", dir.path().join("config"))
        .env_remove("NEARER_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut keys = window.stdin.take().unwrap();
    let mut out = window.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = vt100::Parser::new(30, 100, 0);
    let mut wait_for = |text: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            while let Ok(b) = rx.try_recv() {
                screen.process(&b);
            }
            if screen.screen().contents().contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "never showed {text:?}:\n{}",
                screen.screen().contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let mut send = |s: &str| {
        keys.write_all(s.as_bytes()).unwrap();
        keys.flush().unwrap();
    };
    wait_for("Arrive");
    send("\r");
    wait_for("Closeness");
    send("4\r");
    wait_for("stress");
    send("s");
    wait_for("reflection");
    send("Typed, then the window closed");
    wait_for("Typed, then the window closed");
    window.kill().unwrap(); // the window goes, and with it the terminal
    window.wait().unwrap();
    // nearer ends soon after, releasing the lock; the next start is not blocked.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match nearer::journal::Store::open(dir.path()) {
            Ok(_) => break,
            Err(e) => {
                assert!(Instant::now() < deadline, "nearer is still running: {e}");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
    let draft = fs::read_to_string(dir.path().join("drafts.json")).unwrap();
    assert!(draft.contains("Typed, then the window closed"), "{draft}");
}
