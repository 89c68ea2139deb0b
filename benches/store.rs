//! What reading and writing a big journal costs, and what keeping unknown fields adds:
//! working them out (the file read as a tree, compared with the journal written back) is
//! left to the first save, on the save thread, so a start costs what a plain read does.
//! Ten years of evenings with answers of a few hundred words (about 6 MB).
//!
//! Run: cargo bench --bench store

use chrono::{DateTime, Duration, NaiveDate};
use nearer::journal::{Entry, Journal, Reflection, SmallAct, Store};

fn main() {
    divan::main();
}

fn ten_years() -> Vec<u8> {
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    let t = DateTime::parse_from_rfc3339("2026-11-26T21:30:00+01:00").unwrap();
    let entries: Vec<_> = (0..3650)
        .map(|i| Entry {
            date: start + Duration::days(i),
            created: t,
            updated: t,
            closeness: (i % 7) as u8 + 1,
            stress: Some((i % 5) as u8 + 1),
            followup: None,
            reflection: Some(Reflection {
                prompt_id: "what-stayed".into(),
                prompt: "What stayed with you from today?".into(),
                answer: "We walked to the river after dinner and talked about the week. "
                    .repeat(20),
            }),
            appreciation: Some("They made tea without being asked.".into()),
            small_act: Some(SmallAct {
                card_id: Some("thanks-with-a-reason".into()),
                text: "Thanks, with a reason".into(),
            }),
            starred: i % 9 == 0,
            together: None,
            shown: Vec::new(),
        })
        .collect();
    let journal = Journal {
        entries: entries.into_iter().map(std::sync::Arc::new).collect(),
        ..Journal::default()
    };
    serde_json::to_vec_pretty(&journal).unwrap()
}

/// What a start costs: the journal read and checked (unknown fields are not looked for yet).
#[divan::bench(sample_count = 20)]
fn load(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("journal.json"), ten_years()).unwrap();
    let store = Store::open(dir.path()).unwrap();
    bencher.bench_local(|| store.load().unwrap());
}

/// The same bytes read straight into the journal, as a baseline.
#[divan::bench(sample_count = 20)]
fn parse_straight_from_bytes(bencher: divan::Bencher) {
    let bytes = ten_years();
    bencher.bench(|| serde_json::from_slice::<Journal>(divan::black_box(&bytes)).unwrap());
}

/// The first save after a start, on the save thread: the bytes to write, with the unknown
/// fields of the file as it was read worked out and put back.
#[divan::bench(sample_count = 20)]
fn first_encode_after_a_load(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("journal.json"), ten_years()).unwrap();
    let store = Store::open(dir.path()).unwrap();
    bencher
        .with_inputs(|| store.load().unwrap())
        .bench_local_refs(|journal| store.encode(journal).unwrap());
}

/// Every later save.
#[divan::bench(sample_count = 20)]
fn later_encode(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("journal.json"), ten_years()).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let journal = store.load().unwrap();
    store.encode(&journal).unwrap();
    bencher.bench_local(|| store.encode(&journal).unwrap());
}
