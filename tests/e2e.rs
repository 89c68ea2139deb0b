//! The built binary, driven through a whole check-in in a pseudo-terminal, then the
//! journal read back from disk. Ratatui redraws only the cells that changed, so the output
//! is fed through a terminal emulator (`vt100`) and the test reads the screen as a person
//! would.

use std::io::{Read, Write};
use std::process::Command;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use rexpect::process::PtyProcess;

struct Term {
    process: PtyProcess,
    input: std::fs::File,
    output: Receiver<Vec<u8>>,
    screen: vt100::Parser,
}

impl Term {
    fn spawn(data: &std::path::Path, args: &str) -> Term {
        let bin = env!("CARGO_BIN_EXE_nearer");
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "stty cols 100 rows 30; exec '{bin}' --data-dir '{}' {args}",
                data.display()
            ))
            .env("TERM", "xterm-256color")
            .env("NEARER_CONFIG_DIR", data.join("config"))
            .env_remove("NO_COLOR");
        let process = PtyProcess::new(cmd).expect("nearer starts in a pty");
        let mut reader = process.get_file_handle().unwrap();
        let input = process.get_file_handle().unwrap();
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Term {
            process,
            input,
            output,
            screen: vt100::Parser::new(30, 100, 0),
        }
    }

    /// The terminal is as it was before nearer started: main screen, cursor shown, no
    /// mouse reporting, no bracketed paste.
    fn assert_restored(&self) {
        let screen = self.screen.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        assert!(!screen.bracketed_paste(), "bracketed paste is still on");
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Wait until the screen shows `text`.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            while let Ok(bytes) = self.output.try_recv() {
                self.screen.process(&bytes);
            }
            if self.contents().contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "the screen never showed {text:?}; it shows:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, text: &str) {
        self.input.write_all(text.as_bytes()).unwrap();
        self.input.flush().unwrap();
    }

    fn ctrl(&mut self, c: char) {
        let byte = (c.to_ascii_lowercase() as u8) & 0x1f;
        self.input.write_all(&[byte]).unwrap();
    }

    /// Wait for the program to end, and say how it ended; the screen takes all it wrote.
    fn wait_exit(&mut self) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.process.status() {
                let s = format!("{status:?}");
                if !s.contains("StillAlive") {
                    std::thread::sleep(Duration::from_millis(50));
                    while let Ok(bytes) = self.output.try_recv() {
                        self.screen.process(&bytes);
                    }
                    return s;
                }
            }
            assert!(Instant::now() < deadline, "nearer did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn a_whole_checkin_in_a_real_terminal_lands_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(dir.path(), "");
    t.wait_for("Start");
    t.send("\r");
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    t.send("6");
    t.wait_for("mostly");
    t.send("\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    t.send("Tea on the balcony, Zoë 💛");
    t.send("\t");
    t.wait_for("specific");
    t.send("He fixed the lamp");
    t.send("\t");
    t.wait_for("Suggestion");
    t.send("w");
    t.wait_for("concrete");
    t.send("Leave a note");
    t.send("\t");
    t.wait_for("Sleep");
    t.send("\r");
    t.wait_for("Change");
    t.send("q");
    let status = t.wait_exit();
    assert!(
        status.contains("Exited") && status.ends_with("0)"),
        "{status}"
    );
    t.assert_restored();

    let text = std::fs::read_to_string(dir.path().join("journal.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{text}");
    let e = &entries[0];
    assert_eq!(e["closeness"], 6);
    assert_eq!(e["reflection"]["answer"], "Tea on the balcony, Zoë 💛");
    assert_eq!(e["appreciation"], "He fixed the lamp");
    assert_eq!(e["small_act"]["text"], "Leave a note");
    assert!(
        !dir.path().join("draft.json").exists(),
        "a finished check-in leaves no draft"
    );
}

#[test]
fn quitting_mid_way_keeps_a_draft_and_the_next_start_offers_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(dir.path(), "checkin");
    t.wait_for("Arrive");
    t.send("\r");
    t.wait_for("Closeness");
    t.send("3\r");
    t.wait_for("stress");
    t.send("s");
    t.wait_for("reflection");
    t.send("unfinished words");
    t.ctrl('c');
    let status = t.wait_exit();
    assert!(
        status.contains("Exited") && status.ends_with("0)"),
        "{status}"
    );
    let draft = std::fs::read_to_string(dir.path().join("draft.json")).unwrap();
    assert!(draft.contains("unfinished words"), "{draft}");
    assert!(
        !dir.path().join("journal.json").exists(),
        "no entry from a half check-in"
    );

    let mut t = Term::spawn(dir.path(), "");
    t.wait_for("Continue");
    t.send("\r");
    t.wait_for("unfinished");
    t.ctrl('c');
    let status = t.wait_exit();
    assert!(
        status.contains("Exited") && status.ends_with("0)"),
        "{status}"
    );
}

#[test]
fn a_journal_that_does_not_parse_stops_the_app_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.json");
    for bytes in [&b"\x00\x01garbage"[..], br#"{"version": 7, "entries": []}"#] {
        std::fs::write(&path, bytes).unwrap();
        let mut t = Term::spawn(dir.path(), "");
        // An unreadable file comes with a choice of what to do; enter leaves it as it is.
        t.send("\r");
        let status = t.wait_exit();
        assert!(status.ends_with("1)"), "exits 1: {status}");
        t.wait_for("journal.json");
        t.assert_restored();
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "left byte for byte");
    }
}

#[test]
fn a_mistake_in_the_own_content_file_is_named_and_nearer_starts_with_its_own() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("config")).unwrap();
    std::fs::write(
        dir.path().join("config/content.toml"),
        "[[card]]\nid = \"walk\"\nsection = \"everyday\"\ntitle = \"A walk\"\nwhy = \"Air.\"\nsteps = [\"Go.\"]\nminutes = \"ten\"\nmode = \"solo\"\ndepth = \"light\"\n",
    )
    .unwrap();
    let mut t = Term::spawn(dir.path(), "");
    t.wait_for("was not loaded");
    t.wait_for("content.toml:7:11");
    t.wait_for("`minutes`");
    t.send("b");
    t.wait_for("76 cards");
    t.send("q");
    t.wait_exit();
}

#[test]
fn favourites_and_a_plan_from_the_library_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(dir.path(), "");
    t.wait_for("Browse");
    t.send("b");
    t.wait_for("Favourites");
    t.send("\r");
    t.wait_for("Key ideas");
    t.send("\r");
    t.wait_for("Why it helps");
    t.send("s");
    t.wait_for("Starred");
    t.send("t");
    t.wait_for("Planned for tomorrow");
    t.send("q");
    t.wait_exit();

    let mut t = Term::spawn(dir.path(), "");
    t.wait_for("Browse");
    t.send("bv");
    t.wait_for("1 card");
    t.wait_for("Remember a close moment");
    t.send("q");
    t.wait_exit();
    let journal = std::fs::read_to_string(dir.path().join("journal.json")).unwrap();
    let j: serde_json::Value = serde_json::from_str(&journal).unwrap();
    assert_eq!(j["preferences"]["favourites"][0], "close-moment-recall");
    assert_eq!(
        j["preferences"]["planned"]["act"]["card_id"],
        "close-moment-recall"
    );
}
