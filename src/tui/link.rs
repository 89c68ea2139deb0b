//! The link's worker: the one thread that touches the shared folder while the app runs.
//!
//! A shared folder can make any file call wait (a network share whose server went away),
//! so nothing here runs on the thread that draws and takes keys. The worker reads the
//! folder at start (after the first frame is on its way), whenever the folder changes
//! (`Link::watch`: within 2 seconds) and whenever a saved journal is handed to it; it
//! shares what the journal shares (`Link::publish_exactly`) and sends what it read as a
//! [`Partner`], which reaches `update` as `Action::Partner`: plain data, no I/O there.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crate::journal::Journal;
use crate::link::partner::{Partner, shared_evenings};
use crate::link::{Link, Publish, Status, Waiting};

/// How often a share that could not be written yet (the partner has not confirmed, a copy
/// still arriving, the folder away) is tried again, besides every change in the folder.
const RETRY: Duration = Duration::from_secs(2);

pub(super) struct LinkWorker {
    tx: Option<Sender<Arc<Journal>>>,
    rx: Receiver<Partner>,
    done: Receiver<()>,
}

/// The link of the journal in `data_dir`, if it is linked: what is known before the folder
/// is read (from the data folder alone), and the worker that reads it. A link that cannot
/// be opened is said in words.
pub(super) fn start(
    data_dir: &Path,
    journal: Arc<Journal>,
) -> Result<Option<(LinkWorker, Partner)>, String> {
    let link = match Link::open(data_dir) {
        Ok(Some(link)) => link,
        Ok(None) => return Ok(None),
        Err(e) => return Err(format!("The link with your partner is not working: {e}")),
    };
    let status = if link.state().partner.is_some() {
        Status::Paired
    } else {
        Status::WaitingForPartner(Waiting::Keys)
    };
    let first = Partner::opened(status, link.dir().to_path_buf(), link.couple_seed());
    let (tx, jobs) = mpsc::channel::<Arc<Journal>>();
    let (out, rx) = mpsc::channel();
    let (done_tx, done) = mpsc::channel();
    std::thread::Builder::new()
        .name("nearer-link".into())
        .spawn(move || {
            run(link, journal, jobs, out);
            let _ = done_tx.send(());
        })
        .map_err(|e| format!("The link with your partner could not start: {e}"))?;
    Ok(Some((
        LinkWorker {
            tx: Some(tx),
            rx,
            done,
        },
        first,
    )))
}

impl LinkWorker {
    /// Share what this journal shares (the worker takes the newest it was handed).
    pub(super) fn share(&self, journal: Arc<Journal>) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(journal);
        }
    }

    /// The newest reading of the link since the last call, if any. Never blocks.
    pub(super) fn latest(&self) -> Option<Partner> {
        self.rx.try_iter().last()
    }

    /// Let a share under way finish, waiting at most `limit` (a hung folder never holds
    /// nearer open: what was not shared is shared at the next start).
    pub(super) fn finish(mut self, limit: Duration) {
        drop(self.tx.take());
        let _ = self.done.recv_timeout(limit);
    }
}

fn run(mut link: Link, journal: Arc<Journal>, jobs: Receiver<Arc<Journal>>, out: Sender<Partner>) {
    let watcher = link.watch();
    let mut pending = Some(journal);
    let mut last: Option<Partner> = None;
    let mut read = true;
    let mut tried = Instant::now();
    loop {
        // Waits only when there is nothing to read yet.
        let wait = if read {
            Duration::ZERO
        } else {
            Duration::from_millis(200)
        };
        match jobs.recv_timeout(wait) {
            Ok(mut j) => {
                while let Ok(newer) = jobs.try_recv() {
                    j = newer;
                }
                pending = Some(j);
                read = true;
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                if let Some(j) = pending.take() {
                    let _ = link.refresh();
                    let _ = link.publish_exactly(&shared_evenings(&j), crate::tui::now());
                }
                return;
            }
        }
        read |= watcher.changed();
        read |= pending.is_some() && tried.elapsed() >= RETRY;
        if !read {
            continue;
        }
        read = false;
        tried = Instant::now();
        let _ = link.refresh();
        if let Some(j) = &pending {
            match link.publish_exactly(&shared_evenings(j), crate::tui::now()) {
                Ok(Publish::Written { .. } | Publish::Unchanged) => pending = None,
                Ok(Publish::Held(_) | Publish::Later) | Err(_) => {}
            }
        }
        let now = reading(&mut link);
        if last.as_ref() != Some(&now) {
            last = Some(now.clone());
            if out.send(now).is_err() {
                return;
            }
        }
    }
}

/// The link as it stands: status, the partner's evenings, this install's, the notices.
pub fn reading(link: &mut Link) -> Partner {
    let status = link.status();
    let (evenings, notices) = link.partner_evenings();
    let own = Arc::new(link.own_evenings());
    let mut words: Vec<String> = notices.iter().map(ToString::to_string).collect();
    if !matches!(status, Status::Paired) {
        let said = status.words(link.dir());
        if !words.contains(&said) {
            words.insert(0, said);
        }
    }
    Partner {
        status,
        dir: link.dir().to_path_buf(),
        seed: link.couple_seed(),
        evenings,
        own,
        notices: words,
    }
}
