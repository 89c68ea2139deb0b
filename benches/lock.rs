//! What the passphrase lock costs at the open: the key derivation (scrypt, at nearer's work
//! factor) and reading a locked journal of ten years (3,650 evenings, about 5.3 MiB), beside
//! reading the same journal plain. The budget: a locked open takes no more than the key
//! derivation plus 1.3 times the plain open. A save costs the encryption on top of the
//! write (`save_*`), on the save thread.
//!
//! Run: cargo bench --bench lock

use divan::Bencher;
use nearer::journal::store::{KEY_FILE, Key, Passphrase, WORK_FACTOR};
use nearer::journal::{Journal, Store, sample};

fn main() {
    divan::main();
}

const EVENINGS: usize = 3_650;

fn journal() -> Journal {
    sample::journal(EVENINGS, 1)
}

/// A folder with the journal as nearer writes it; locked when `passphrase` is given (with
/// a small work factor: the key derivation is measured on its own, below).
fn folder(passphrase: Option<&str>) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.save(&journal()).unwrap();
    if let Some(p) = passphrase {
        store
            .set_passphrase_with_work_factor(&Passphrase::new(p.into()), 10)
            .unwrap();
    }
    (dir, store)
}

/// Reading the plain journal: what a start costs today.
#[divan::bench(sample_count = 30)]
fn open_plain(bencher: Bencher) {
    let (_dir, store) = folder(None);
    bencher.bench_local(|| store.load().unwrap());
}

/// Reading the locked journal once its key is known: decrypted as it is read, each part
/// of the read decrypting its own.
#[divan::bench(sample_count = 30)]
fn open_locked_after_the_key(bencher: Bencher) {
    let (_dir, store) = folder(Some("p"));
    store
        .enter_passphrase(&Passphrase::new("p".into()))
        .unwrap();
    bencher.bench_local(|| store.load().unwrap());
}

/// The key derivation alone: opening `key.age` with the passphrase at nearer's own work
/// factor (2^WORK_FACTOR).
#[divan::bench(sample_count = 5)]
fn key_derivation(bencher: Bencher) {
    let (dir, store) = folder(None);
    store
        .set_passphrase_with_work_factor(&Passphrase::new("p".into()), WORK_FACTOR)
        .unwrap();
    let bytes = std::fs::read(dir.path().join(KEY_FILE)).unwrap();
    bencher.bench_local(|| Key::unlock(&bytes, &Passphrase::new("p".into())).unwrap());
}

/// A save of the plain journal, and of the locked one (the encryption on top).
#[divan::bench(sample_count = 20)]
fn save_plain(bencher: Bencher) {
    let (_dir, store) = folder(None);
    let j = store.load().unwrap();
    bencher.bench_local(|| store.save(&j).unwrap());
}

#[divan::bench(sample_count = 20)]
fn save_locked(bencher: Bencher) {
    let (_dir, store) = folder(Some("p"));
    store
        .enter_passphrase(&Passphrase::new("p".into()))
        .unwrap();
    let j = store.load().unwrap();
    bencher.bench_local(|| store.save(&j).unwrap());
}
