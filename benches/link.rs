//! What reading the partner's shared file costs: ten years of shared evenings (3,650, about
//! 150 words each, some in other scripts), decrypted with age, its signature checked, parsed
//! and merged by date. Issue 16's budget is 10 ms added to the first frame.
//!
//! Run: cargo bench --bench link

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate};
use nearer::link::shared::Merged;
use nearer::link::{Link, SharedEvening, Status, envelope, pairing};

fn main() {
    divan::main();
}

const WORDS: &[&str] = &[
    "we", "walked", "to", "the", "river", "after", "dinner", "and", "talked", "about", "week",
    "you", "laughed", "when", "ducks", "came", "close", "I", "felt", "heard", "tonight", "tea",
    "quiet", "warm", "tired", "but", "glad", "together", "café", "Zoë", "你好", "שלום", "💛",
];

fn words(seed: usize, n: usize) -> String {
    (0..n)
        .map(|i| WORDS[(seed * 31 + i * 7 + i * i) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn ten_years() -> Vec<SharedEvening> {
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    let t = DateTime::parse_from_rfc3339("2026-11-26T21:30:00+01:00").unwrap();
    (0..3650)
        .map(|i| SharedEvening {
            date: start + Duration::days(i as i64),
            updated: t,
            prompt_id: format!("prompt-{}", i % 115),
            prompt: "What made you feel close to your partner today?".into(),
            answer: Some(words(i, 105)),
            closeness: Some((i % 7) as u8 + 1),
            good_thing: Some(words(i + 1, 25)),
            small_act: Some(words(i + 2, 12)),
        })
        .collect()
}

/// Two paired data folders in `root`, B having shared ten years.
fn paired(root: &Path) -> (Link, Link) {
    let dir = root.join("shared");
    std::fs::create_dir_all(&dir).unwrap();
    let mut a = pairing::begin(&root.join("a"), &dir).unwrap();
    let mut b = pairing::begin(&root.join("b"), &dir).unwrap();
    a.refresh().unwrap();
    let Status::AwaitingConfirmation { code } = a.status() else {
        panic!()
    };
    a.confirm(&code).unwrap();
    b.confirm(&code).unwrap();
    b.publish(&ten_years()).unwrap();
    (a, b)
}

/// The whole read as the app would do it at start: open the link, see where it stands,
/// read and merge the partner's file.
#[divan::bench(sample_count = 100)]
fn partner_evenings_at_start(bencher: divan::Bencher) {
    let tmp = tempfile::tempdir().unwrap();
    let (_a, _b) = paired(tmp.path());
    let data = tmp.path().join("a");
    bencher.bench_local(|| {
        let mut link = Link::open(&data).unwrap().unwrap();
        assert_eq!(link.status(), Status::Paired);
        let (evenings, notices) = link.partner_evenings();
        assert_eq!(evenings.len(), 3650);
        assert!(notices.is_empty());
        divan::black_box(evenings)
    });
}

/// The file's bytes, already in memory: decrypt, check, parse, merge.
#[divan::bench(sample_count = 100)]
fn open_and_merge(bencher: divan::Bencher) {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = paired(tmp.path());
    let path = tmp
        .path()
        .join("shared/nearer")
        .join(format!("{}.age", b.install_id()));
    let sealed = std::fs::read(&path).unwrap();
    eprintln!(
        "partner file: {} evenings, {:.1} MiB",
        3650,
        sealed.len() as f64 / 1048576.0
    );
    let pair = nearer::link::card::pair_id(&a.own_card(), &b.own_card());
    let key = b.own_card().keys.ed25519;
    let identity = nearer::link::Identity::load(&tmp.path().join("a"))
        .unwrap()
        .unwrap();
    bencher.bench_local(|| {
        let file = envelope::open(&sealed, &identity, b.install_id(), &key, &pair).unwrap();
        let mut merged = Merged::new();
        merged.extend(file.evenings);
        divan::black_box(merged.into_vec())
    });
}
