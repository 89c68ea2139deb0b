//! Two paired data folders under ROOT (`ROOT/a`, `ROOT/b`, the shared folder `ROOT/shared`),
//! B having shared ten years of evenings (3,650, about 150 words each): for measuring what
//! the partner's file costs the app (`nearer --data-dir ROOT/a`).
//!
//! Run: `cargo run --release --example link_fixture -- ROOT [republish-every-ms]`; with a
//! period, B then shares its file again with one evening changed that often, until killed
//! (a file arriving again and again, for measuring keys while it does).

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, NaiveDate};
use nearer::link::{Link, SharedEvening, Status, pairing};

const WORDS: &[&str] = &[
    "we", "walked", "to", "the", "river", "after", "dinner", "and", "talked", "about", "week",
    "you", "laughed", "when", "ducks", "came", "close", "I", "felt", "heard", "tonight", "tea",
];

fn words(seed: usize, n: usize) -> String {
    (0..n)
        .map(|i| WORDS[(seed * 31 + i * 7 + i * i) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn ten_years(stamp: &str) -> Vec<SharedEvening> {
    let start = NaiveDate::from_ymd_opt(2016, 12, 1).unwrap();
    let t = DateTime::parse_from_rfc3339(stamp).unwrap();
    (0..3650)
        .map(|i| SharedEvening {
            date: start + chrono::Duration::days(i as i64),
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

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("ROOT"));
    let every: Option<u64> = args.next().map(|s| s.parse().expect("milliseconds"));
    let dir = root.join("shared");
    let mut b = if Link::open(&root.join("b")).ok().flatten().is_some() {
        Link::open(&root.join("b")).unwrap().unwrap()
    } else {
        std::fs::create_dir_all(&dir).unwrap();
        let mut a = pairing::begin(&root.join("a"), &dir).unwrap();
        let mut b = pairing::begin(&root.join("b"), &dir).unwrap();
        a.refresh().unwrap();
        b.refresh().unwrap();
        a.refresh().unwrap();
        let Status::AwaitingConfirmation { code } = a.status() else {
            panic!("{:?}", a.status())
        };
        a.confirm(&code).unwrap();
        b.confirm(&code).unwrap();
        b
    };
    b.publish(&ten_years("2026-11-26T21:30:00+01:00")).unwrap();
    let Some(every) = every else { return };
    for n in 0u64.. {
        std::thread::sleep(Duration::from_millis(every));
        let mut e = ten_years("2026-11-26T21:30:00+01:00").pop().unwrap();
        e.updated = DateTime::parse_from_rfc3339("2026-11-27T21:30:00+01:00").unwrap()
            + chrono::Duration::seconds(n as i64);
        e.answer = Some(format!("changed {n}"));
        b.publish(&[e]).unwrap();
    }
}
