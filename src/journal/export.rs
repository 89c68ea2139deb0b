//! Export the journal, or a date range of it, to Markdown or JSON.

use std::sync::Arc;

use std::fmt::Write;

use chrono::NaiveDate;

use super::model::{Entry, Journal, Outcome};
use super::together::Talk;
use super::voices::{Source, Voices, solo_too};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
}

/// Entries from `from` to `to`, both included; `None` leaves that end open.
pub fn select(journal: &Journal, from: Option<NaiveDate>, to: Option<NaiveDate>) -> &[Arc<Entry>] {
    let start = from.map_or(0, |f| journal.entries.partition_point(|e| e.date < f));
    let end = to.map_or(journal.entries.len(), |t| {
        journal.entries.partition_point(|e| e.date <= t)
    });
    &journal.entries[start..end.max(start)]
}

/// The talks from `from` to `to`, both included, in the order they are kept.
fn talks_between(journal: &Journal, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Vec<&Talk> {
    (journal.talks.iter())
        .filter(|t| from.is_none_or(|f| t.date >= f) && to.is_none_or(|e| t.date <= e))
        .collect()
}

/// What a linked partner shared of an evening, for the Markdown export: the app reads it
/// from the shared folder (once this person's own answer of the evening is saved); it is
/// never part of the journal, so never of the JSON export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shared<'a> {
    pub date: NaiveDate,
    /// The partner's name, as About us gives it.
    pub name: &'a str,
    pub prompt: &'a str,
    pub closeness: Option<u8>,
    pub answer: Option<&'a str>,
    pub good_thing: Option<&'a str>,
    pub small_act: Option<&'a str>,
}

pub fn export(
    journal: &Journal,
    format: Format,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> String {
    export_with(journal, format, from, to, &[])
}

/// [`export`], with what a linked partner shared (in date order) beside each evening of
/// the Markdown.
pub fn export_with(
    journal: &Journal,
    format: Format,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    shared: &[Shared<'_>],
) -> String {
    let entries = select(journal, from, to);
    match format {
        Format::Json => {
            let view = Journal {
                version: journal.version,
                preferences: journal.preferences.clone(),
                entries: entries.to_vec(),
                talks: (talks_between(journal, from, to).into_iter())
                    .cloned()
                    .collect(),
            };
            let mut s = serde_json::to_string_pretty(&view).expect("a journal always encodes");
            s.push('\n');
            s
        }
        Format::Markdown => markdown(entries, &talks_between(journal, from, to), shared),
    }
}

/// `text` with every control character shown, not sent: a terminal would act on an escape
/// code pasted into an answer (clear the screen, set the title, write to the clipboard), and
/// Markdown is what `nearer export` prints to the terminal. Line breaks and tabs stay; each
/// other control character becomes its Unicode picture (ESC as ␛, carriage return as ␍),
/// or `<U+0085>` for those that have none. JSON keeps the text exact.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let shown = |c: char| c == '\n' || c == '\t' || !c.is_control();
    if text.chars().all(shown) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c as u32 {
            _ if shown(c) => out.push(c),
            n @ 0..=0x1F => out.push(char::from_u32(0x2400 + n).expect("a control picture")),
            0x7F => out.push('\u{2421}'),
            n => {
                let _ = write!(out, "<U+{n:04X}>");
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

fn markdown(entries: &[Arc<Entry>], talks: &[&Talk], shared: &[Shared<'_>]) -> String {
    let mut out = String::from("# nearer journal\n");
    if entries.is_empty() && talks.is_empty() {
        out.push_str("\nNo evenings yet.\n");
    }
    // Newest first: each evening with its talks, and the talks of days with no entry.
    let mut dates: Vec<NaiveDate> = (entries.iter().map(|e| e.date))
        .chain(talks.iter().map(|t| t.date))
        .collect();
    dates.sort_unstable_by(|a, b| b.cmp(a));
    dates.dedup();
    let mut entries = entries.iter().rev().peekable();
    for date in dates {
        let _ = write!(out, "\n## {}\n\n", date.format("%A %-d %B %Y"));
        let entry = entries.next_if(|e| e.date == date);
        if let Some(e) = entry {
            match Voices::of(e) {
                Some(v) => {
                    let own_too = solo_too(e);
                    if e.starred && !own_too {
                        out.push_str("- Starred\n\n");
                    }
                    voices(&mut out, &v);
                    if own_too {
                        out.push_str("\n### Your own check-in\n\n");
                        own(&mut out, e);
                    }
                }
                None => own(&mut out, e),
            }
            if let Ok(i) = shared.binary_search_by_key(&date, |s| s.date) {
                theirs(&mut out, &shared[i]);
            }
        }
        let of_date: Vec<&&Talk> = talks.iter().filter(|t| t.date == date).collect();
        if !of_date.is_empty() {
            if entry.is_some() {
                out.push('\n');
            }
            out.push_str("### Talked with nearer's help\n");
            for t in of_date {
                let mut line = capitalised(t.kind.label());
                if let Some(m) = t.minutes {
                    let _ = write!(line, ", {m} minutes a turn");
                }
                let _ = write!(line, ", at {}", t.at.format("%H:%M"));
                let _ = write!(out, "\n- {line}\n");
                if let Some(note) = t.note.as_deref().filter(|n| !n.trim().is_empty()) {
                    let _ = write!(out, "\n{}\n", quote(note));
                }
            }
        }
    }
    out
}

/// Both voices of an evening, each under its name.
pub fn voices(out: &mut String, v: &Voices) {
    let how = match v.source {
        Source::Together => "Together",
        Source::Linked => "Shared",
    };
    let _ = writeln!(
        out,
        "### {how}: {} and {}",
        visible(v.owner.name),
        visible(v.partner.name)
    );
    if let Some(p) = v.prompt {
        let _ = write!(out, "\nThe question for both: **{}**\n", visible(p));
    }
    let [a, b] = v.both();
    for (p, other) in [(a, b), (b, a)] {
        let _ = write!(out, "\n#### {}\n\n", visible(p.name));
        match p.closeness {
            Some(c) => {
                let _ = write!(out, "- Closeness: {c} of 7");
            }
            None => out.push_str("- Closeness: not shared"),
        }
        if let Some(o) = p.followup {
            let _ = write!(out, "\n- Yesterday's small act: {}", o.label());
        }
        out.push('\n');
        if let Some(a) = p.answer {
            let _ = write!(out, "\n**Answer:**\n\n{}\n", quote(a));
        }
        if let Some(g) = p.good_thing {
            let _ = write!(
                out,
                "\n**One good thing about {}:**\n\n{}\n",
                visible(other.name),
                quote(g)
            );
        }
        if let Some(act) = p.small_act {
            let _ = write!(out, "\n**Planned for tomorrow:** {}\n", visible(act));
        }
        if !p.has_words() {
            out.push_str("\nNo words of theirs are kept for this evening.\n");
        }
    }
    if let Some(act) = v.act_together {
        let _ = write!(out, "\n**To do together tomorrow:** {}\n", visible(act));
    }
}

/// What the partner shared of an evening, under their name.
fn theirs(out: &mut String, s: &Shared<'_>) {
    let _ = write!(out, "\n### What {} shared\n\n", visible(s.name));
    match s.closeness {
        Some(c) => {
            let _ = writeln!(out, "- Closeness: {c} of 7");
        }
        None => out.push_str("- Closeness: not shared\n"),
    }
    fn nonblank(t: Option<&str>) -> Option<&str> {
        t.filter(|t| !t.trim().is_empty())
    }
    if let Some(a) = nonblank(s.answer) {
        let _ = write!(out, "\n**{}**\n\n{}\n", visible(s.prompt.trim()), quote(a));
    }
    if let Some(g) = nonblank(s.good_thing) {
        let _ = write!(out, "\n**One good thing about you:**\n\n{}\n", quote(g));
    }
    if let Some(act) = nonblank(s.small_act) {
        let _ = write!(out, "\n**Planned for tomorrow:** {}\n", visible(act));
    }
}

/// "a State of us" as "A State of us".
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The owner's own check-in of an evening.
fn own(out: &mut String, e: &Entry) {
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
            visible(&f.planned.text)
        );
        if !f.noticed.is_empty() {
            let _ = write!(out, "\n{}\n", quote(&f.noticed));
        }
    }
    if let Some(r) = &e.reflection {
        let _ = write!(
            out,
            "\n**{}**\n\n{}\n",
            visible(&r.prompt),
            quote(&r.answer)
        );
    }
    if let Some(a) = &e.appreciation {
        let _ = write!(out, "\n**One good thing:**\n\n{}\n", quote(a));
    }
    if let Some(act) = &e.small_act {
        let _ = write!(out, "\n**Planned for tomorrow:** {}\n", visible(&act.text));
    }
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "md",
        }
    }
}

/// Write `bytes` to a new file `stem.ext` in `dir` (mode 0600), or `stem-2.ext`, `stem-3.ext`
/// and so on when that name is taken: an existing file is never replaced. Returns the path.
pub fn write_new(
    dir: &std::path::Path,
    stem: &str,
    ext: &str,
    bytes: &[u8],
) -> std::io::Result<std::path::PathBuf> {
    use std::io::Write as _;
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(mut file) => {
                file.write_all(bytes).and_then(|()| file.sync_all())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "too many files named {stem} in {}",
        dir.display()
    )))
}

/// Text as a Markdown quote that keeps its line breaks: a line followed by another ends
/// with two spaces (a hard break), so a multi-line answer reads as it was written, not as
/// one run-on paragraph.
fn quote(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if l.trim().is_empty() {
                ">".to_string()
            } else {
                let next_is_text = lines.get(i + 1).is_some_and(|n| !n.trim().is_empty());
                let brk = if next_is_text { "  " } else { "" };
                format!("> {}{brk}", visible(l.trim_end()))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multi_line_answer_keeps_its_line_breaks() {
        let q = quote("first line\nsecond line\n\na new paragraph");
        assert_eq!(q, "> first line  \n> second line\n>\n> a new paragraph");
    }
}
