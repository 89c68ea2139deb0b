//! Values a journal file may hold but nearer could not use: a closeness of 0 or 200, a
//! stress of 9, a date in the year 262142. JSON and serde take them (a `u8` is a `u8`), so
//! they are looked for here, as the file is read, and the file is refused, naming the entry
//! and the field, as other mistakes are: never met later by a screen that trusts them.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::super::model::{Entry, Journal};
use super::StoreError;

/// Closeness is a picture of the Inclusion of Other in the Self scale: 1 to 7.
pub const CLOSENESS: std::ops::RangeInclusive<u8> = 1..=7;
/// Outside stress: 1 to 5.
pub const STRESS: std::ops::RangeInclusive<u8> = 1..=5;
/// The years a date may fall in: four digits, as a calendar shows them and every later
/// date sum (a month on, a year back) stays within what chrono can hold.
pub const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// The journal as read from `path` (entries in the file's order, before they are sorted)
/// holds only values nearer can use.
pub(super) fn check_values(path: &Path, journal: &Journal) -> Result<(), StoreError> {
    let wrong = |entry: String, field: &'static str, value: String, allowed: &'static str| {
        StoreError::OutOfRange {
            path: path.to_path_buf(),
            entry,
            field,
            value,
            allowed,
        }
    };
    if let Some(planned) = &journal.preferences.planned
        && !YEARS.contains(&planned.date.year())
    {
        return Err(wrong(
            "the preferences".into(),
            "planned.date",
            planned.date.to_string(),
            "a date in the years 1 to 9999",
        ));
    }
    for (i, e) in journal.entries.iter().enumerate() {
        let entry = || name(i, e);
        if !YEARS.contains(&e.date.year()) {
            return Err(wrong(
                format!("entry {}", i + 1),
                "date",
                e.date.to_string(),
                "a date in the years 1 to 9999",
            ));
        }
        for (field, moment) in [("created", e.created), ("updated", e.updated)] {
            // The year as stored (in UTC): a shift, where the local year is a sum. An offset
            // moves it a day at most, which chrono holds with room to spare.
            if !YEARS.contains(&moment.naive_utc().year()) {
                return Err(wrong(
                    entry(),
                    field,
                    moment.to_rfc3339(),
                    "a moment in the years 1 to 9999",
                ));
            }
        }
        if !CLOSENESS.contains(&e.closeness) {
            return Err(wrong(
                entry(),
                "closeness",
                e.closeness.to_string(),
                "1 to 7",
            ));
        }
        if let Some(s) = e.stress
            && !STRESS.contains(&s)
        {
            return Err(wrong(entry(), "stress", s.to_string(), "1 to 5"));
        }
        if let Some(t) = &e.together {
            for (field, v) in [
                ("together.owner.closeness", &t.owner),
                ("together.partner.closeness", &t.partner),
            ] {
                if !CLOSENESS.contains(&v.closeness) {
                    return Err(wrong(entry(), field, v.closeness.to_string(), "1 to 7"));
                }
            }
        }
    }
    Ok(())
}

/// An entry in words: its place in the file and its evening.
fn name(i: usize, e: &Entry) -> String {
    format!("entry {} (the evening of {})", i + 1, day(e.date))
}

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_named_by_its_place_and_its_evening() {
        let journal = crate::journal::sample::journal(3, 1);
        let mut bad = journal.clone();
        std::sync::Arc::make_mut(&mut bad.entries[1]).closeness = 0;
        let err = check_values(Path::new("j.json"), &bad)
            .unwrap_err()
            .to_string();
        let date = day(journal.entries[1].date);
        assert!(
            err.contains(&format!("entry 2 (the evening of {date}) has closeness 0")),
            "{err}"
        );
        assert!(err.contains("closeness is 1 to 7"), "{err}");
        assert!(check_values(Path::new("j.json"), &journal).is_ok());
    }
}
