//! Helpers for the reliability tests: journals with known entries, the built binary, and
//! a pseudo-terminal whose output is read through a terminal emulator (`vt100`), so a test
//! reads the screen as a person would.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, FixedOffset, NaiveDate};
use nearer::journal::{Entry, Journal, Reflection, SmallAct};
use rexpect::process::PtyProcess;

/// The path of the built `nearer`.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_nearer")
}

/// `nearer --data-dir DIR` as a script would run it, with the person's own content kept out.
pub fn nearer(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(bin());
    cmd.env_remove("NEARER_DATA_DIR")
        .env("NEARER_CONFIG_DIR", dir.join("config"))
        .arg("--data-dir")
        .arg(dir);
    cmd
}

pub fn time(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// Entry number `i` of a journal whose entries are all known in advance: one evening a day
/// from 1 January 2020, with a reflection of some length and a mix of scripts.
pub fn entry(i: usize) -> Entry {
    let date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(i as i64);
    let t = time(&format!("{date}T21:30:00+01:00")) + chrono::Duration::minutes(i as i64 % 90);
    Entry {
        date,
        created: t,
        updated: t,
        closeness: (i % 7) as u8 + 1,
        stress: i.is_multiple_of(3).then_some((i % 5) as u8 + 1),
        followup: None,
        reflection: Some(Reflection {
            prompt_id: format!("prompt-{}", i % 40),
            prompt: "What stayed with you from today?".into(),
            answer: format!(
                "Evening {i}. We walked to the river and talked about the week; Zoë laughed \
                 at the ducks, 你好, שלום, 💛. {}",
                "A quiet, ordinary, good evening. ".repeat(i % 6 + 1)
            ),
        }),
        appreciation: Some(format!("They made tea without being asked ({i}).")),
        small_act: Some(SmallAct {
            card_id: None,
            text: format!("A note in the lunch box, number {i}"),
        }),
        starred: i.is_multiple_of(11),
        together: None,
        shown: Vec::new(),
    }
}

/// A journal holding entries `0..n`.
pub fn journal(n: usize) -> Journal {
    Journal {
        entries: (0..n).map(|i| std::sync::Arc::new(entry(i))).collect(),
        ..Journal::default()
    }
}

/// The bytes and modification time of a file, to show it was not touched.
pub fn snapshot(path: &Path) -> (Vec<u8>, SystemTime) {
    let bytes = std::fs::read(path).unwrap();
    let mtime = std::fs::metadata(path).unwrap().modified().unwrap();
    (bytes, mtime)
}

/// Names in a folder, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Whether the tests run as root (root ignores file permissions, so tests of a read-only
/// folder need another way).
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A program in a pseudo-terminal, its output fed through a terminal emulator.
pub struct Term {
    pub process: PtyProcess,
    input: std::fs::File,
    output: Receiver<Vec<u8>>,
    pub screen: vt100::Parser,
    /// Everything the program wrote, as text (for messages printed after the app ends).
    pub raw: Vec<u8>,
}

pub struct Spawn<'a> {
    pub dir: &'a Path,
    pub args: &'a str,
    /// Shell commands run before nearer, in the same shell (`ulimit -f 64`, say).
    pub before: &'a str,
    pub env: Vec<(&'a str, String)>,
    pub cols: u16,
    pub rows: u16,
}

impl<'a> Spawn<'a> {
    pub fn new(dir: &'a Path) -> Spawn<'a> {
        Spawn {
            dir,
            args: "",
            before: "",
            env: Vec::new(),
            cols: 100,
            rows: 30,
        }
    }

    pub fn args(mut self, args: &'a str) -> Self {
        self.args = args;
        self
    }

    pub fn before(mut self, before: &'a str) -> Self {
        self.before = before;
        self
    }

    pub fn env(mut self, key: &'a str, value: impl Into<String>) -> Self {
        self.env.push((key, value.into()));
        self
    }

    pub fn start(self) -> Term {
        // rexpect's pty starts at 0x0: set the size in the shell that then becomes nearer.
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "stty cols {} rows {}; {} exec '{}' --data-dir '{}' {}",
                self.cols,
                self.rows,
                self.before,
                bin(),
                self.dir.display(),
                self.args
            ))
            .env("TERM", "xterm-256color")
            .env("NEARER_CONFIG_DIR", self.dir.join("config"))
            .env_remove("NEARER_DATA_DIR")
            .env_remove("NO_COLOR")
            .env_remove("NEARER_TEST_PANIC_ON_KEY");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let process = PtyProcess::new(cmd).expect("nearer starts in a pty");
        let mut reader = process.get_file_handle().unwrap();
        let input = process.get_file_handle().unwrap();
        let (tx, output) = channel();
        std::thread::spawn(move || read_to_the_end(&mut reader, &tx));
        Term {
            process,
            input,
            output,
            screen: vt100::Parser::new(self.rows, self.cols, 0),
            raw: Vec::new(),
        }
    }
}

/// Read the pty until the program's side is closed and nothing is left in it. Linux answers a
/// read with EIO once the program's side is closed, and on a busy machine it can do so while
/// the program's last write is still on its way through the pty, so an EIO is taken as the end
/// only once reads have kept failing for a while with nothing more arriving.
fn read_to_the_end(reader: &mut std::fs::File, tx: &std::sync::mpsc::Sender<Vec<u8>>) {
    const QUIET: Duration = Duration::from_millis(300);
    let mut buf = [0u8; 65536];
    let mut failing_since: Option<Instant> = None;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => {
                failing_since = None;
                if tx.send(buf[..n].to_vec()).is_err() {
                    return;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => {
                let since = *failing_since.get_or_insert_with(Instant::now);
                if since.elapsed() > QUIET {
                    return;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }
}

impl Term {
    fn pump(&mut self) {
        while let Ok(bytes) = self.output.try_recv() {
            self.screen.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    pub fn contents(&mut self) -> String {
        self.pump();
        self.screen.screen().contents()
    }

    /// All the program wrote, as text (escape sequences included).
    pub fn output_text(&mut self) -> String {
        self.pump();
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    /// Wait until the screen shows `text`.
    pub fn wait_for(&mut self, text: &str) {
        self.wait_for_within(text, Duration::from_secs(20));
    }

    pub fn wait_for_within(&mut self, text: &str, limit: Duration) {
        let deadline = Instant::now() + limit;
        loop {
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

    /// Wait until everything the program wrote (not only the screen) holds `text`.
    pub fn wait_for_output(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if self.output_text().contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "the output never held {text:?}; it holds:\n{}",
                    self.output_text()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, text: &str) {
        self.send_bytes(text.as_bytes());
    }

    pub fn send_bytes(&mut self, bytes: &[u8]) {
        self.input.write_all(bytes).unwrap();
        self.input.flush().unwrap();
    }

    pub fn ctrl(&mut self, c: char) {
        let byte = (c.to_ascii_lowercase() as u8) & 0x1f;
        self.send_bytes(&[byte]);
    }

    /// Text as a terminal sends a paste while bracketed paste is on.
    pub fn paste(&mut self, text: &str) {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~");
        self.send_bytes(&bytes);
    }

    /// Change the window size, as a person dragging the window edge would.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.resize_window(cols, rows);
        self.pump();
        self.screen.screen_mut().set_size(rows, cols);
    }

    /// Change the size the program sees, leaving the emulator's screen as it is (vt100
    /// itself panics on some output at one column wide).
    pub fn resize_window(&mut self, cols: u16, rows: u16) {
        use std::os::fd::AsRawFd;
        let ws = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCSWINSZ on the pty master with a valid winsize.
        let r = unsafe { libc::ioctl(self.input.as_raw_fd(), libc::TIOCSWINSZ, &ws) };
        assert_eq!(r, 0, "resizing the pty");
    }

    /// Wait for the program to end; returns its exit code (or 128 + signal).
    pub fn wait_exit(&mut self) -> i32 {
        use rexpect::process::wait::WaitStatus;
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match self.process.status() {
                Some(WaitStatus::Exited(_, code)) => {
                    self.drain();
                    return code;
                }
                Some(WaitStatus::Signaled(_, sig, _)) => {
                    self.drain();
                    return 128 + sig as i32;
                }
                _ => {}
            }
            assert!(
                Instant::now() < deadline,
                "nearer did not exit; the screen shows:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// After the program ended: take in everything it wrote, until the reader reaches the
    /// end of the pty (a fixed pause here lost the last lines on a busy machine).
    fn drain(&mut self) {
        use std::sync::mpsc::RecvTimeoutError;
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            match self.output.recv_timeout(Duration::from_millis(100)) {
                Ok(bytes) => {
                    self.screen.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(RecvTimeoutError::Disconnected) => return,
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }

    /// The terminal is as it was before nearer started: main screen, cursor shown, no
    /// mouse reporting, no bracketed paste.
    pub fn assert_restored(&mut self) {
        self.pump();
        let screen = self.screen.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "the mouse is still captured"
        );
        assert!(!screen.bracketed_paste(), "bracketed paste is still on");
    }

    /// Kill the program with SIGKILL, as a crash or a closed laptop lid would end it.
    pub fn kill_hard(&mut self) {
        let _ = self.process.kill(rexpect::process::signal::Signal::SIGKILL);
    }
}

/// A fresh folder for a test, with the path as a string for messages.
pub fn temp() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let p = t.path().to_path_buf();
    (t, p)
}

/// `Store::open`, waiting out a lock held only for an instant by this very process: another
/// test thread that forks a child (for a pseudo-terminal) lends the child every open file,
/// the lock included, until the child's `exec` closes them. The store given back waits for
/// the same when it is dropped, so a `nearer` started right after finds the folder free.
pub fn open_store(dir: &Path) -> TestStore {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match nearer::journal::Store::open(dir) {
            Ok(s) => {
                return TestStore {
                    store: Some(s),
                    dir: dir.to_path_buf(),
                };
            }
            Err(nearer::journal::StoreError::Locked { holder, .. })
                if holder == Some(std::process::id()) && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => panic!("{e}"),
        }
    }
}

/// A store opened by a test. Dropping it releases the folder's lock for good: it waits
/// until no child forked meanwhile still shares the lock's open file (up to 5 s).
pub struct TestStore {
    store: Option<nearer::journal::Store>,
    dir: PathBuf,
}

impl std::ops::Deref for TestStore {
    type Target = nearer::journal::Store;
    fn deref(&self) -> &nearer::journal::Store {
        self.store.as_ref().expect("open until dropped")
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        drop(self.store.take());
        wait_until_unlocked(&self.dir);
    }
}

/// Wait until the journal folder's lock can be taken, then leave it free.
pub fn wait_until_unlocked(dir: &Path) {
    let path = dir.join(nearer::journal::store::LOCK_FILE);
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        let Ok(file) = std::fs::OpenOptions::new().read(true).open(&path) else {
            return;
        };
        match file.try_lock() {
            Ok(()) => {
                let _ = file.unlock();
                return;
            }
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// A copy of the built `nearer` in `dir` (mode 0755) that any user may run, for tests that
/// run it as another user (the build folder may not be open to them). Copied by `cp`, never
/// by this process: a file this process held open for writing would be lent to any child
/// another test forks meanwhile, and running the copy would then fail ("text file busy").
pub fn runnable_copy(dir: &Path) -> PathBuf {
    let copy = dir.join("nearer");
    let copied = Command::new("cp").arg(bin()).arg(&copy).status().unwrap();
    assert!(copied.success(), "cp {}", bin());
    let made = Command::new("chmod")
        .arg("0755")
        .arg(&copy)
        .status()
        .unwrap();
    assert!(made.success());
    copy
}
