//! Choosing tonight's prompt (and tomorrow's suggestions) as the journal grows: 365, 3,650
//! and 36,500 evenings (a year, ten years, a hundred), from `nearer::journal::sample`.
//! It must stay under a millisecond at 36,500 evenings.
//!
//! Run: `cargo bench --bench picker`. Cases:
//! - `prompt`: tonight's order, as the check-in opens;
//! - `prompt_hard`: again for a hard evening, as the reflection step does;
//! - `prompt_never_shown`: with a prompt of the person's own never shown, so the whole
//!   history is read (the slowest case);
//! - `cards`: tomorrow's suggestions.

use std::sync::{Arc, OnceLock};

use chrono::{Duration, NaiveDate};
use divan::{Bencher, black_box};
use nearer::content::Library;
use nearer::journal::{Journal, sample};
use nearer::suggest::{Mood, card_order, prompts};

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [365, 3_650, 36_500];

type Cache = std::sync::Mutex<Vec<(usize, Arc<Journal>)>>;

fn journal(entries: usize) -> Arc<Journal> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    if let Some((_, j)) = cache.iter().find(|(n, _)| *n == entries) {
        return Arc::clone(j);
    }
    let j = Arc::new(sample::journal(entries, 1));
    cache.push((entries, Arc::clone(&j)));
    j
}

fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(Library::bundled)
}

/// The bundled content and one prompt of the person's own that no evening has shown.
fn library_with_one_of_my_own() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| {
        let mut lib = Library::bundled();
        lib.merge_user_text(
            "content.toml",
            "[[prompt]]\nid = \"my-own\"\nsection = \"everyday\"\ndepth = \"light\"\n\
             text = \"What did the two of you laugh at lately?\"\n",
        )
        .unwrap();
        lib
    })
}

fn tonight() -> NaiveDate {
    sample::last_evening() + Duration::days(1)
}

#[divan::bench(args = SIZES)]
fn prompt(bencher: Bencher, entries: usize) {
    let (lib, j) = (library(), journal(entries));
    bencher.bench(|| prompts::for_journal(lib, black_box(&j), tonight(), Mood::UNKNOWN)[0]);
}

#[divan::bench(args = SIZES)]
fn prompt_hard(bencher: Bencher, entries: usize) {
    let (lib, j) = (library(), journal(entries));
    let hard = Mood {
        closeness: Some(2),
        stress: Some(5),
    };
    bencher.bench(|| prompts::for_journal(lib, black_box(&j), tonight(), hard)[0]);
}

#[divan::bench(args = SIZES)]
fn prompt_never_shown(bencher: Bencher, entries: usize) {
    let (lib, j) = (library_with_one_of_my_own(), journal(entries));
    bencher.bench(|| prompts::for_journal(lib, black_box(&j), tonight(), Mood::UNKNOWN)[0]);
}

#[divan::bench(args = SIZES)]
fn cards(bencher: Bencher, entries: usize) {
    let (lib, j) = (library(), journal(entries));
    bencher.bench(|| card_order(lib, black_box(&j), tonight())[0]);
}
