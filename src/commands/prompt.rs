//! `nearer prompt [--date DATE]`: tonight's question on one line, for a shell's start-up or
//! a status bar. It is the question the check-in asks on an ordinary evening: the one
//! already answered or begun that evening if there is one, else the picker's first. It
//! reads the journal, the unfinished check-ins and the person's own content, and writes
//! nothing: no lock, no backup, no file moved aside.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;

use crate::content::{Library, USER_CONTENT_FILE};
use crate::evening::evening_of;
use crate::journal::draft::DraftsFile;
use crate::journal::{Draft, Drafts, Journal, store};
use crate::screens::checkin::words::for_past;
use crate::suggest::{Mood, prompts};

/// The question when the content has none.
const FALLBACK: &str = "What stayed with you from today?";

/// Print the question of `date` (tonight's when `None`) for the journal in `data_dir`.
pub fn run(data_dir: Option<PathBuf>, date: Option<NaiveDate>) -> Result<ExitCode> {
    let dir = crate::paths::data_dir(data_dir)?;
    let journal = store::read_journal(&dir.join(store::JOURNAL_FILE))?;
    let drafts = read_drafts(&dir);
    let mut content = Library::bundled();
    if let Some(config) = crate::paths::config_dir() {
        // A mistake in the person's own file leaves the bundled content, as in the app
        // (which names the mistake; this line is for a status bar).
        let _ = content.merge_user_file(&config.join(USER_CONTENT_FILE));
    }
    let tonight = evening_of(chrono::Local::now().fixed_offset());
    let date = date.unwrap_or(tonight);
    println!("{}", question(&content, &journal, &drafts, date, tonight));
    Ok(ExitCode::SUCCESS)
}

/// The unfinished check-ins, read as the app reads them but without moving aside a file
/// that cannot be read (this command writes nothing): such a file counts as none.
fn read_drafts(dir: &Path) -> Drafts {
    let read = |name: &str| store::read_journal_bytes(&dir.join(name)).ok().flatten();
    let mut all: Vec<Draft> = Vec::new();
    if let Some(bytes) = read(store::DRAFTS_FILE)
        && let Ok(file) = serde_json::from_slice::<DraftsFile>(&bytes)
    {
        all.extend(file.drafts);
    }
    if let Some(bytes) = read(store::DRAFT_FILE)
        && let Ok(draft) = serde_json::from_slice::<Draft>(&bytes)
    {
        all.push(draft);
    }
    Drafts::from_drafts(all.into_iter().filter(|d| d.problem().is_none()))
}

/// The question the check-in of `date` asks on an ordinary evening, on one line, worded
/// for an evening that has passed when `date` is before `tonight`.
pub fn question(
    content: &Library,
    journal: &Journal,
    drafts: &Drafts,
    date: NaiveDate,
    tonight: NaiveDate,
) -> String {
    let entry = journal.entry(date);
    // As the check-in opens: the evening's draft when it is newer than its entry, else
    // the question the entry answered, else the picker's.
    let from_draft = drafts
        .get(date)
        .filter(|d| entry.is_none_or(|e| d.saved_at > e.updated))
        .and_then(|d| d.prompt.clone());
    let from_entry = || {
        entry
            .and_then(|e| e.reflection.as_ref())
            .map(|r| r.prompt.clone())
    };
    let picked = || {
        prompts::for_journal(content, journal, date, Mood::UNKNOWN)
            .first()
            .map(|&i| content.prompts[i].text.clone())
    };
    let text = from_draft
        .or_else(from_entry)
        .or_else(picked)
        .unwrap_or_else(|| FALLBACK.to_string());
    let text = if date < tonight {
        for_past(&text)
    } else {
        text
    };
    one_line(&text)
}

/// The text on one line with nothing a terminal would act on: white space runs become one
/// space, control characters go.
fn one_line(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_whatever_the_content_holds() {
        assert_eq!(
            one_line("Two\nlines,\t\x1b[2Jand  more "),
            "Two lines, [2Jand more"
        );
    }

    #[test]
    fn the_question_is_the_check_ins() {
        let content = Library::bundled();
        let journal = crate::journal::sample::journal(30, 3);
        let date = crate::journal::sample::last_evening() + chrono::Duration::days(1);
        let first = prompts::for_journal(&content, &journal, date, Mood::UNKNOWN)[0];
        let drafts = Drafts::default();
        assert_eq!(
            question(&content, &journal, &drafts, date, date),
            content.prompts[first].text
        );
        // An evening answered: its question as it was asked, worded for the past.
        let answered = journal.entries.last().unwrap();
        let asked = &answered.reflection.as_ref().unwrap().prompt;
        assert_eq!(
            question(&content, &journal, &drafts, answered.date, date),
            one_line(&for_past(asked))
        );
    }
}
