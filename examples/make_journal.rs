//! Write a realistic sample journal into a data folder, for whole-program measurements:
//!
//! ```sh
//! cargo run --release --example make_journal -- --entries 100000 --out /tmp/j100k
//! NEARER_DATA_DIR=/tmp/j100k target/release/nearer
//! ```
//!
//! The journal is the same on every machine for the same `--entries`, `--seed` and
//! `--until` (see `nearer::journal::sample`). It is written the way nearer writes it.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use chrono::{Duration, NaiveDate};
use clap::Parser;

use nearer::content::Library;
use nearer::journal::{Store, sample};

#[derive(Parser)]
#[command(about = "Write a deterministic sample journal for benchmarks and measurements")]
struct Args {
    /// How many evenings (one entry each).
    #[arg(long, default_value_t = 3650)]
    entries: usize,
    /// The data folder to write journal.json into (created if missing).
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The newest evening: a date (YYYY-MM-DD) or "yesterday" (the local clock's evening
    /// before this one, so the app shows a follow-up and tonight is still open). Defaults
    /// to 2026-11-25, the evening before the tests' fixed one.
    #[arg(long)]
    until: Option<String>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let last = match args.until.as_deref() {
        None => sample::last_evening(),
        Some("yesterday") => nearer::evening::evening_of(nearer::tui::now()) - Duration::days(1),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .with_context(|| format!("--until {d}: expected YYYY-MM-DD or yesterday"))?,
    };
    let started = Instant::now();
    let journal = sample::journal_until(args.entries, args.seed, last, &Library::bundled());
    let generated = started.elapsed();
    let store = Store::open(&args.out)?;
    let started = Instant::now();
    store.save(&journal)?;
    let saved = started.elapsed();
    let path = store.journal_path();
    let size = std::fs::metadata(&path)?.len();
    println!(
        "{}: {} entries, {} to {}, {:.1} MiB (generated in {:.0} ms, saved in {:.0} ms)",
        path.display(),
        journal.entries.len(),
        journal.entries.first().map_or(last, |e| e.date),
        last,
        size as f64 / (1024.0 * 1024.0),
        generated.as_secs_f64() * 1000.0,
        saved.as_secs_f64() * 1000.0,
    );
    Ok(())
}
