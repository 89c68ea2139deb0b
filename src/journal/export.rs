//! Export the journal, or a date range of it, to Markdown or JSON.

use std::fmt::Write;

use chrono::NaiveDate;

use super::model::{Entry, Journal, Outcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
}

/// Entries from `from` to `to`, both included; `None` leaves that end open.
pub fn select(journal: &Journal, from: Option<NaiveDate>, to: Option<NaiveDate>) -> &[Entry] {
    let start = from.map_or(0, |f| journal.entries.partition_point(|e| e.date < f));
    let end = to.map_or(journal.entries.len(), |t| {
        journal.entries.partition_point(|e| e.date <= t)
    });
    &journal.entries[start..end.max(start)]
}

pub fn export(
    journal: &Journal,
    format: Format,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> String {
    let entries = select(journal, from, to);
    match format {
        Format::Json => {
            let view = Journal {
                version: journal.version,
                preferences: journal.preferences.clone(),
                entries: entries.to_vec(),
            };
            let mut s = serde_json::to_string_pretty(&view).expect("a journal always encodes");
            s.push('\n');
            s
        }
        Format::Markdown => markdown(entries),
    }
}

fn markdown(entries: &[Entry]) -> String {
    let mut out = String::from("# nearer journal\n");
    if entries.is_empty() {
        out.push_str("\nNo evenings yet.\n");
    }
    for e in entries.iter().rev() {
        let _ = write!(out, "\n## {}\n\n", e.date.format("%A %-d %B %Y"));
        let _ = write!(out, "- Closeness: {} of 7", e.closeness);
        if let Some(s) = e.stress {
            let _ = write!(out, "\n- Outside stress: {s} of 5");
        }
        if e.starred {
            out.push_str("\n- Starred");
        }
        out.push('\n');
        if let Some(f) = &e.followup {
            let outcome = f.outcome.map_or("not answered", Outcome::label);
            let _ = write!(
                out,
                "\n**Yesterday's small act:** {} ({outcome})\n",
                f.planned.text
            );
            if !f.noticed.is_empty() {
                let _ = write!(out, "\n{}\n", quote(&f.noticed));
            }
        }
        if let Some(r) = &e.reflection {
            let _ = write!(out, "\n**{}**\n\n{}\n", r.prompt, quote(&r.answer));
        }
        if let Some(a) = &e.appreciation {
            let _ = write!(out, "\n**One good thing:**\n\n{}\n", quote(a));
        }
        if let Some(act) = &e.small_act {
            let _ = write!(out, "\n**Planned for tomorrow:** {}\n", act.text);
        }
    }
    out
}

fn quote(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
