//! A nearer whose terminal is gone ends, whatever the clock does. Under a clock that stands
//! still (libfaketime with an absolute time freezes every clock, the monotonic one
//! included), no timer ever fires: nearer must notice the end of its input itself, as it
//! happens, and end as a hang-up ends it (the draft kept, the lock let go).
//!
//! The clock here is a few lines of C preloaded into nearer (`LD_PRELOAD`), built by the
//! C compiler every Rust build on this system already needs: it answers every clock with
//! 2026-12-02 00:30:00, as `faketime '2026-12-02 00:30:00'` does, without libfaketime.

mod support;

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Every clock stands at 2026-12-02 00:30:00 UTC.
const FROZEN_CLOCK: &str = r#"
#define _GNU_SOURCE
#include <time.h>
#include <sys/time.h>
static const time_t FROZEN = 1796171400;
int clock_gettime(clockid_t id, struct timespec *ts) {
    (void)id; ts->tv_sec = FROZEN; ts->tv_nsec = 0; return 0;
}
int gettimeofday(struct timeval *tv, void *tz) {
    (void)tz; if (tv) { tv->tv_sec = FROZEN; tv->tv_usec = 0; } return 0;
}
time_t time(time_t *t) { if (t) *t = FROZEN; return FROZEN; }
"#;

/// The frozen clock as a library to preload, built in `dir`. Without a C compiler this
/// fails, loudly: the test is not skipped.
fn frozen_clock(dir: &Path) -> PathBuf {
    let source = dir.join("frozen.c");
    let library = dir.join("frozen.so");
    std::fs::write(&source, FROZEN_CLOCK).unwrap();
    let built = Command::new("cc")
        .args(["-shared", "-fPIC", "-o"])
        .arg(&library)
        .arg(&source)
        .status()
        .expect("a C compiler (cc) builds the frozen clock; install one to run this test");
    assert!(built.success(), "cc could not build the frozen clock");
    // The clock really stands still for a program that loads it.
    let out = Command::new("sh")
        .args(["-c", "date -u +%FT%T; sleep 1; date -u +%FT%T"])
        .env("LD_PRELOAD", &library)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2026-12-02T00:30:00\n2026-12-02T00:30:00\n"
    );
    library
}

/// A pseudo-terminal nearer runs in, as a terminal window gives one; dropping `master`
/// closes the window.
struct Window {
    master: File,
    child: Child,
    screen: vt100::Parser,
}

impl Window {
    /// nearer in a new pseudo-terminal, in a session of its own; with `controlling`, the
    /// terminal is its controlling terminal (so closing it also sends SIGHUP), else it only
    /// sees its input end.
    fn open(dir: &Path, clock: &Path, controlling: bool) -> Window {
        let (mut master, mut slave) = (-1, -1);
        let size = libc::winsize {
            ws_row: 30,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two descriptors; the winsize is valid.
        let r = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(r, 0, "openpty");
        // SAFETY: both descriptors were just made and are owned here.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut cmd = Command::new(support::bin());
        cmd.arg("--data-dir")
            .arg(dir)
            .arg("checkin")
            .env("TERM", "xterm-256color")
            .env("NEARER_CONFIG_DIR", dir.join("config"))
            .env("LD_PRELOAD", clock)
            .env_remove("NEARER_DATA_DIR")
            .env_remove("NO_COLOR")
            .env_remove("NEARER_TEST_PANIC_ON_KEY")
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        let master_fd = master.as_raw_fd();
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(move || {
                libc::close(master_fd);
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if controlling && libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("nearer starts");
        drop(cmd); // the parent's copies of the terminal's side
        // SAFETY: F_SETFL on a descriptor owned here.
        unsafe {
            let flags = libc::fcntl(master.as_raw_fd(), libc::F_GETFL);
            libc::fcntl(master.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        Window {
            master,
            child,
            screen: vt100::Parser::new(30, 100, 0),
        }
    }

    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut buf = [0u8; 65536];
        loop {
            while let Ok(n) = self.master.read(&mut buf) {
                if n == 0 {
                    break;
                }
                self.screen.process(&buf[..n]);
            }
            if self.screen.screen().contents().contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "never showed {text:?}:\n{}",
                self.screen.screen().contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, text: &str) {
        self.master.write_all(text.as_bytes()).unwrap();
    }

    /// Close the window, and wait (by the test's own clock) for nearer to end.
    fn close(self) -> Option<std::process::ExitStatus> {
        let Window {
            master, mut child, ..
        } = self;
        drop(master);
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Some(status) = child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        None
    }
}

#[test]
fn a_terminal_closed_under_a_frozen_clock_ends_nearer_with_the_draft_kept() {
    let tools = tempfile::tempdir().unwrap();
    let clock = frozen_clock(tools.path());
    for controlling in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let mut w = Window::open(dir.path(), &clock, controlling);
        w.wait_for("Arrive");
        w.send("\r");
        w.wait_for("Closeness");
        w.send("4\r");
        w.wait_for("stress");
        w.send("s");
        w.wait_for("reflection");
        w.send("Typed, then the window closed");
        w.wait_for("Typed, then the window closed");
        let status = w.close();
        assert!(
            status.is_some(),
            "nearer outlived its closed terminal (controlling terminal: {controlling})"
        );
        // The lock is let go: the next nearer is not refused.
        let store = nearer::journal::Store::open(dir.path());
        assert!(store.is_ok(), "{:?}", store.err());
        drop(store);
        let draft = std::fs::read_to_string(dir.path().join("drafts.json")).unwrap();
        assert!(
            draft.contains("Typed, then the window closed"),
            "{controlling}: {draft}"
        );
    }
}
