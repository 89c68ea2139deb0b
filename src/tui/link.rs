//! The link's worker: the one thread that touches the shared folder while the app runs.
//!
//! A shared folder can make any file call wait (a network share whose server went away),
//! so nothing here runs on the thread that draws and takes keys. The worker reads the
//! folder at start (after the first frame is on its way), whenever the folder changes
//! (`Link::watch`: within 2 seconds) and whenever a saved journal is handed to it; it
//! shares what the journal shares (`Link::publish_exactly`) and sends what it read as a
//! [`Partner`], which reaches `update` as `Action::Partner`: plain data, no I/O there.
//!
//! Pairing from settings goes through it too: [`Linker::begin`] starts a worker that first
//! writes this install's card into the folder (`pairing::begin`), [`Linker::confirm`] and
//! [`Linker::unpair`] are jobs for the worker there is. Their outcomes come back in words,
//! as `Action::LinkSaid` and `Action::Unlinked`.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

use crate::app::Action;
use crate::journal::Journal;
use crate::link::partner::{Partner, shared_evenings};
use crate::link::{Code, Link, LinkError, Notice, Publish, Status, Waiting, command, pairing};

/// How often the folder is read again when no change was heard: a share that could not be
/// written yet (the partner has not confirmed, a copy still arriving, the folder away) is
/// tried again, and a file that did not open is reported once it has had time to arrive.
const RETRY: Duration = Duration::from_secs(2);

/// What the terminal loop asks of the worker.
enum Job {
    /// Share what this journal shares (the worker takes the newest it was handed).
    Share(Arc<Journal>),
    /// The person saw these words on both screens and said yes.
    Confirm(Code),
    /// Stop sharing: remove this side's files from the folder and its keys, then end.
    Unpair,
}

/// What the worker tells the terminal loop.
enum News {
    Reading(Partner),
    Said(Result<String, String>),
    Unlinked(Result<String, String>),
}

/// How a worker begins.
enum Start {
    /// A journal already linked.
    Open(Box<Link>),
    /// Pair through this folder first.
    Begin(PathBuf),
    /// Only unpair (a link that could not be opened).
    Unpair,
}

struct LinkWorker {
    tx: Sender<Job>,
    rx: Receiver<News>,
    done: Receiver<()>,
}

/// The link as the terminal loop holds it: the worker while there is one.
pub(super) struct Linker {
    data_dir: PathBuf,
    worker: RefCell<Option<LinkWorker>>,
}

impl Linker {
    /// The link of the journal in `data_dir`, if it is linked: what is known before the
    /// folder is read (from the data folder alone), with its worker started. A link that
    /// cannot be opened is said in words.
    pub(super) fn open(
        data_dir: &Path,
        journal: Arc<Journal>,
    ) -> (Linker, Result<Option<Partner>, String>) {
        let linker = Linker {
            data_dir: data_dir.to_path_buf(),
            worker: RefCell::new(None),
        };
        let link = match Link::open(data_dir) {
            Ok(Some(link)) => link,
            Ok(None) => return (linker, Ok(None)),
            // Said on home and in settings, whose page offers to unpair (which gets past
            // it); no worker, so nothing touches the folder.
            Err(e) => return (linker, Ok(Some(unreadable(&e)))),
        };
        let status = if link.state().partner.is_some() {
            Status::Paired
        } else {
            Status::WaitingForPartner(Waiting::Keys)
        };
        let first = Partner::opened(status, link.dir().to_path_buf(), link.couple_seed());
        match linker.spawn(Start::Open(Box::new(link)), journal) {
            Ok(()) => (linker, Ok(Some(first))),
            Err(e) => (linker, Err(e)),
        }
    }

    fn spawn(&self, start: Start, journal: Arc<Journal>) -> Result<(), String> {
        let (tx, jobs) = mpsc::channel::<Job>();
        let (out, rx) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        let data_dir = self.data_dir.clone();
        std::thread::Builder::new()
            .name("nearer-link".into())
            .spawn(move || {
                work(&data_dir, start, journal, jobs, out);
                let _ = done_tx.send(());
            })
            .map_err(|e| format!("The link with your partner could not start: {e}"))?;
        *self.worker.borrow_mut() = Some(LinkWorker { tx, rx, done });
        Ok(())
    }

    /// Share what this journal shares.
    pub(super) fn share(&self, journal: Arc<Journal>) {
        if let Some(w) = self.worker.borrow().as_ref() {
            let _ = w.tx.send(Job::Share(journal));
        }
    }

    /// Pair through the folder the person typed (`~` is the home folder). Refused while a
    /// link is there: it is unpaired first.
    pub(super) fn begin(&self, typed: &str, journal: Arc<Journal>) -> Result<(), String> {
        if self.worker.borrow().is_some() {
            return Err("This journal is linked already: unpair it first.".into());
        }
        self.spawn(
            Start::Begin(typed_folder(typed, home().as_deref())),
            journal,
        )
    }

    /// The person said yes to these words.
    pub(super) fn confirm(&self, code: Code) -> Result<(), String> {
        match self.worker.borrow().as_ref() {
            Some(w) if w.tx.send(Job::Confirm(code)).is_ok() => Ok(()),
            _ => Err("The link is not open any more; nothing was confirmed.".into()),
        }
    }

    /// Stop sharing and remove this side's files (with or without a worker).
    pub(super) fn unpair(&self, journal: Arc<Journal>) -> Result<(), String> {
        if let Some(w) = self.worker.borrow().as_ref()
            && w.tx.send(Job::Unpair).is_ok()
        {
            return Ok(());
        }
        self.spawn(Start::Unpair, journal)
    }

    /// What the worker told since the last call, as actions (of several readings in a row,
    /// the newest). Never blocks. A worker that ended is let go.
    pub(super) fn news(&self) -> Vec<Action> {
        let mut slot = self.worker.borrow_mut();
        let Some(w) = slot.as_ref() else {
            return Vec::new();
        };
        let mut actions: Vec<Action> = Vec::new();
        let take = |actions: &mut Vec<Action>| {
            for news in w.rx.try_iter() {
                let action = match news {
                    News::Reading(p) => Action::Partner(Box::new(p)),
                    News::Said(r) => Action::LinkSaid(r),
                    News::Unlinked(r) => Action::Unlinked(r),
                };
                if matches!(action, Action::Partner(_))
                    && matches!(actions.last(), Some(Action::Partner(_)))
                {
                    actions.pop();
                }
                actions.push(action);
            }
        };
        take(&mut actions);
        if !matches!(w.done.try_recv(), Err(TryRecvError::Empty)) {
            // Ended (unpaired, a pairing that could not begin) or gone: what it said last,
            // between the look above and its end, is taken too.
            take(&mut actions);
            *slot = None;
        }
        actions
    }

    /// Let a share under way finish, waiting at most `limit` (a hung folder never holds
    /// nearer open: what was not shared is shared at the next start).
    pub(super) fn finish(self, limit: Duration) {
        if let Some(w) = self.worker.into_inner() {
            drop(w.tx);
            let _ = w.done.recv_timeout(limit);
        }
    }
}

/// The link as the app shows it when this side's own files do not read.
pub fn unreadable(e: &LinkError) -> Partner {
    let status = Status::Unreadable { why: e.to_string() };
    let mut partner = Partner::opened(status, PathBuf::new(), None);
    // Home says it in short; the page in settings says why in full.
    partner.notices.push(
        "The link with your partner is not working: this side's link files do not read, so \
         nothing is shared or read. Settings (Link with your partner) says why, and unpairs \
         to start again."
            .into(),
    );
    partner
}

/// The home folder, for a typed `~`.
fn home() -> Option<PathBuf> {
    directories::UserDirs::new().map(|u| u.home_dir().to_path_buf())
}

/// The folder a person typed or pasted: quotes a terminal's drag and drop puts around a
/// path taken off, `~` as the home folder, `file://` taken off.
pub fn typed_folder(typed: &str, home: Option<&Path>) -> PathBuf {
    let mut t = typed.trim();
    for q in ['\'', '"'] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            t = &t[1..t.len() - 1];
        }
    }
    let t = t.strip_prefix("file://").unwrap_or(t);
    match (t.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h.to_path_buf(),
        (Some(rest), Some(h)) if rest.starts_with('/') => h.join(&rest[1..]),
        _ => PathBuf::from(t),
    }
}

fn work(
    data_dir: &Path,
    start: Start,
    journal: Arc<Journal>,
    jobs: Receiver<Job>,
    out: Sender<News>,
) {
    let link = match start {
        Start::Open(link) => *link,
        Start::Begin(dir) => match pairing::begin(data_dir, &dir) {
            Ok(mut link) => {
                let _ = out.send(News::Reading(reading(&mut link)));
                let _ = out.send(News::Said(Ok(format!(
                    "This journal's card is in {}/nearer.",
                    link.dir().display()
                ))));
                link
            }
            Err(e) => {
                let _ = out.send(News::Said(Err(begin_failed(&e))));
                return;
            }
        },
        Start::Unpair => {
            let _ = out.send(News::Unlinked(unpaired(data_dir)));
            return;
        }
    };
    run(data_dir, link, journal, jobs, out);
}

/// Why pairing could not begin, said for the app (the errors name `nearer` commands for
/// the terminal; here the page is where to act).
fn begin_failed(e: &LinkError) -> String {
    match e {
        LinkError::FolderMissing { dir } => format!(
            "There is no folder {}: check the path, or make the folder (and have your sync \
             tool share it) first.",
            dir.display()
        ),
        LinkError::AlreadyPaired { dir } => format!(
            "This journal is paired through {} already: unpair it first to link through \
             another folder.",
            dir.display()
        ),
        other => sentence(&other.to_string()),
    }
}

/// An error's words as a sentence: a capital first, a full stop last.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

fn unpaired(data_dir: &Path) -> Result<String, String> {
    pairing::unpair(data_dir)
        .map(|done| command::unpaired_words(&done))
        .map_err(|e| format!("Unpairing did not finish: {e}."))
}

fn run(
    data_dir: &Path,
    mut link: Link,
    journal: Arc<Journal>,
    jobs: Receiver<Job>,
    out: Sender<News>,
) {
    let watcher = link.watch();
    // The newest journal handed over, and whether what it shares is still to be written.
    let mut latest = journal;
    let mut pending = Some(Arc::clone(&latest));
    let mut last: Option<Partner> = None;
    let mut read = true;
    let mut tried = Instant::now();
    // A job taken while gathering shares, for the next turn.
    let mut next: Option<Job> = None;
    loop {
        // Waits only when there is nothing to read yet.
        let wait = if read {
            Duration::ZERO
        } else {
            Duration::from_millis(200)
        };
        let got = match next.take() {
            Some(job) => Ok(job),
            None => jobs.recv_timeout(wait),
        };
        match got {
            Ok(Job::Share(mut j)) => {
                // Only the newest journal matters.
                while let Ok(job) = jobs.try_recv() {
                    match job {
                        Job::Share(newer) => j = newer,
                        other => {
                            next = Some(other);
                            break;
                        }
                    }
                }
                latest = Arc::clone(&j);
                pending = Some(j);
                read = true;
            }
            Ok(Job::Confirm(code)) => {
                let said = match link.confirm(&code) {
                    Ok(()) => Ok("Confirmed on this machine.".to_string()),
                    Err(LinkError::CodeChanged { .. }) => Err("The cards in the folder changed \
                         while you were comparing: nothing was confirmed. Compare the words \
                         shown now."
                        .to_string()),
                    Err(e) => Err(format!("The words could not be confirmed: {e}.")),
                };
                let _ = link.refresh();
                let now = reading(&mut link);
                last = Some(now.clone());
                let _ = out.send(News::Reading(now));
                let _ = out.send(News::Said(said));
                // What waited for the partner's confirmation may be shared now.
                read = true;
                continue;
            }
            Ok(Job::Unpair) => {
                drop(watcher);
                drop(link);
                let _ = out.send(News::Unlinked(unpaired(data_dir)));
                return;
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
        if watcher.changed() {
            // This install's own file may be what changed (replaced by someone who can write
            // in the folder, or by a sync tool's older copy): sharing again puts back what
            // the journal shares, and costs nothing when the file is as it should be.
            pending = Some(Arc::clone(&latest));
            read = true;
        }
        // Now and then even when nothing is heard: a share not written yet, and a file that
        // did not open while it may still have been arriving, which is reported (or read)
        // once it has had time to arrive whole.
        read |= tried.elapsed() >= RETRY;
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
            if out.send(News::Reading(now)).is_err() {
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
    let mut words: Vec<String> = notices
        .iter()
        .map(|n| match n {
            Notice::KeyChanged(change) => Status::KeyChanged(change.clone()).in_app(link.dir()),
            n => n.to_string(),
        })
        .collect();
    if !matches!(status, Status::Paired) {
        let said = status.in_app(link.dir());
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

#[cfg(test)]
mod tests {
    use super::typed_folder;
    use std::path::{Path, PathBuf};

    #[test]
    fn a_typed_folder_loses_the_quotes_a_drop_adds_and_reads_the_home_folder() {
        let home = Some(Path::new("/home/sam"));
        let cases = [
            ("/srv/us", "/srv/us"),
            ("  /srv/us  ", "/srv/us"),
            ("'/srv/our things'", "/srv/our things"),
            ("\"/srv/our things\"", "/srv/our things"),
            ("file:///srv/us", "/srv/us"),
            ("~", "/home/sam"),
            ("~/Sync/us", "/home/sam/Sync/us"),
            // Another person's home is not guessed at.
            ("~alex/us", "~alex/us"),
            ("relative/us", "relative/us"),
            ("'", "'"),
        ];
        for (typed, want) in cases {
            assert_eq!(typed_folder(typed, home), PathBuf::from(want), "{typed:?}");
        }
        assert_eq!(typed_folder("~/us", None), PathBuf::from("~/us"));
    }
}
