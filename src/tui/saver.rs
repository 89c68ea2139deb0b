//! The save thread: journal snapshots in, the newest written, each result reported back
//! to the event loop.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::journal::{Journal, Store, StoreError};

/// The save thread: takes journal snapshots, writes the newest, reports each result.
pub struct Saver {
    tx: Option<Sender<Arc<Journal>>>,
    pub results: Receiver<Result<(), StoreError>>,
    handle: Option<JoinHandle<()>>,
}

impl Saver {
    pub fn start(store: Arc<Store>) -> Saver {
        let (tx, rx) = mpsc::channel::<Arc<Journal>>();
        let (done_tx, results) = mpsc::channel();
        let handle = std::thread::Builder::new()
            .name("nearer-save".into())
            .spawn(move || {
                while let Ok(mut journal) = rx.recv() {
                    // Only the newest snapshot matters.
                    while let Ok(newer) = rx.try_recv() {
                        journal = newer;
                    }
                    let result = store.save(&journal);
                    drop(journal);
                    if done_tx.send(result).is_err() {
                        break;
                    }
                }
            })
            .expect("a thread can be started");
        Saver {
            tx: Some(tx),
            results,
            handle: Some(handle),
        }
    }

    pub fn save(&self, journal: Arc<Journal>) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(journal);
        }
    }

    /// Wait for every queued save; the last result tells whether the file is current.
    pub fn finish(mut self) -> Option<Result<(), StoreError>> {
        drop(self.tx.take());
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
        self.results.try_iter().last()
    }
}
