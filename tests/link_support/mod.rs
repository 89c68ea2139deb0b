//! Helpers for the link tests: shared evenings with known words, pairing two data folders
//! through the library as the `nearer pair` dialogue does, and a byte search of a folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};
use nearer::link::{Link, SharedEvening, Status, pairing};

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// Evening `day` days after 1 December 2026, shared by `who`, updated at `hour`:00.
pub fn evening(who: &str, day: i64, hour: u32, answer: &str) -> SharedEvening {
    let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap() + chrono::Duration::days(day);
    SharedEvening {
        date,
        updated: at(&format!("{date}T{hour:02}:00:00+01:00")),
        prompt_id: format!("prompt-{}", day % 7),
        prompt: "What made you feel close today?".into(),
        answer: Some(format!("{who}: {answer}")),
        closeness: Some((day % 7) as u8 + 1),
        good_thing: Some(format!("{who} noticed the tea, evening {day}")),
        small_act: Some(format!("{who} will leave a note, evening {day}")),
    }
}

/// Call `step` until it gives `Some`, for up to `limit`.
pub fn eventually<T>(limit: Duration, mut step: impl FnMut() -> Option<T>) -> Option<T> {
    let end = Instant::now() + limit;
    loop {
        if let Some(t) = step() {
            return Some(t);
        }
        if Instant::now() > end {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Begin pairing both data folders (`a` through `dir_a`, `b` through `dir_b`: the same
/// folder in the fast tests, each instance's copy of it on Syncthing), carry both forward
/// until both show a code (calling `settle` between steps, e.g. to sync), check the codes
/// match, and confirm on both.
pub fn pair_both(
    a: &Path,
    dir_a: &Path,
    b: &Path,
    dir_b: &Path,
    mut settle: impl FnMut(),
) -> (Link, Link) {
    let mut la = pairing::begin(a, dir_a).expect("A begins");
    settle();
    let mut lb = pairing::begin(b, dir_b).expect("B begins");
    let code = |l: &mut Link| match l.status() {
        Status::AwaitingConfirmation { code } => Some(code),
        _ => None,
    };
    let mut codes = (None, None);
    for _ in 0..20 {
        settle();
        la.refresh().unwrap();
        lb.refresh().unwrap();
        settle();
        codes = (code(&mut la), code(&mut lb));
        if codes.0.is_some() && codes.1.is_some() {
            break;
        }
    }
    let (Some(ca), Some(cb)) = codes else {
        panic!(
            "no code on both sides: A {:?}, B {:?}",
            la.status(),
            lb.status()
        );
    };
    assert_eq!(ca, cb, "both screens show the same words");
    la.confirm(&ca).expect("A confirms");
    lb.confirm(&cb).expect("B confirms");
    settle();
    (la, lb)
}

/// Every file under `dir`, recursively.
pub fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().filter_map(Result::ok) {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The files under `dir` whose bytes hold `needle` anywhere.
pub fn files_holding(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    all_files(dir)
        .into_iter()
        .filter(|p| {
            let bytes = std::fs::read(p).unwrap();
            bytes.windows(needle.len()).any(|w| w == needle)
        })
        .collect()
}
