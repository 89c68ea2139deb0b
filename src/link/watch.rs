//! Telling the app, within 2 seconds, that something in `DIR/nearer` changed.
//!
//! Two sources feed one signal: the operating system's notifications through `notify`'s
//! recommended watcher (inotify here: a change is seen in milliseconds), and a poll of the
//! folder's listing (names, sizes, modification times) every second, which also covers
//! network shares that send no notifications, a `nearer` folder that does not exist yet and a
//! shared folder that goes away and comes back (the watch is made again). Temporaries and
//! other hidden names never count as changes. Nothing here reads a file's contents: on a
//! signal, the app calls [`super::Link::refresh`] and [`super::Link::partner_evenings`].

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use notify::{RecursiveMode, Watcher as _};

use super::files::{self, Stamp};
use super::folder;

/// How often the listing is polled beside the notifications.
pub const POLL: Duration = Duration::from_secs(1);

/// A running watch of one shared folder. Stops when dropped.
pub struct Watcher {
    rx: Receiver<()>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Watcher {
    /// Watch `dir/nearer`; every change is also passed to `also` (for an app that wants to
    /// wake its own event loop), then signalled on the watcher's channel.
    pub fn start(dir: &Path, also: Option<Box<dyn Fn() + Send + Sync>>) -> Watcher {
        Watcher::start_with(dir, also, true)
    }

    /// As [`Watcher::start`]; `use_notify: false` polls only (for tests of the fallback).
    pub fn start_with(
        dir: &Path,
        also: Option<Box<dyn Fn() + Send + Sync>>,
        use_notify: bool,
    ) -> Watcher {
        let (tx, rx) = mpsc::channel::<()>();
        let stop = Arc::new(AtomicBool::new(false));
        let signal: Arc<dyn Fn() + Send + Sync> = {
            let tx = tx.clone();
            Arc::new(move || {
                if let Some(also) = &also {
                    also();
                }
                let _ = tx.send(());
            })
        };
        let thread = {
            let (dir, stop) = (dir.to_path_buf(), stop.clone());
            thread::Builder::new()
                .name("nearer-link-watch".into())
                .spawn(move || run(dir, stop, signal, use_notify))
                .ok()
        };
        Watcher { rx, stop, thread }
    }

    /// Has anything changed since the last call? Never blocks.
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.rx.try_recv().is_ok() {
            any = true;
        }
        any
    }

    /// Wait up to `timeout` for a change; true if one came.
    pub fn wait(&self, timeout: Duration) -> bool {
        match self.rx.recv_timeout(timeout) {
            Ok(()) => {
                self.changed();
                true
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => false,
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            t.thread().unpark();
            let _ = t.join();
        }
    }
}

/// The listing of `dir/nearer` that matters: visible names with their size and time.
fn listing(sub: &Path) -> Option<Vec<(String, Stamp)>> {
    let mut out: Vec<(String, Stamp)> = std::fs::read_dir(sub)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if files::is_hidden(&name) {
                return None;
            }
            let meta = e.metadata().ok()?;
            Some((name, Stamp::of(&meta)))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Some(out)
}

fn run(dir: PathBuf, stop: Arc<AtomicBool>, signal: Arc<dyn Fn() + Send + Sync>, use_notify: bool) {
    let sub = folder::nearer_dir(&dir);
    let mut last = listing(&sub);
    let mut watcher: Option<notify::RecommendedWatcher> = None;
    while !stop.load(Ordering::Relaxed) {
        if use_notify && watcher.is_none() && sub.is_dir() {
            watcher = make_watcher(&sub, signal.clone());
        }
        let now = listing(&sub);
        if now != last {
            if now.is_none() {
                // The folder went away: watch again when it is back.
                watcher = None;
            }
            last = now;
            signal();
        }
        thread::park_timeout(POLL);
    }
}

fn make_watcher(
    sub: &Path,
    signal: Arc<dyn Fn() + Send + Sync>,
) -> Option<notify::RecommendedWatcher> {
    let mut w = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        let visible = event.paths.iter().any(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !files::is_hidden(n))
        });
        if visible {
            signal();
        }
    })
    .ok()?;
    w.watch(sub, RecursiveMode::NonRecursive).ok()?;
    Some(w)
}
