//! Reading a content file: TOML into the model, with errors that name the line, the
//! entry and the field in plain words; and merging files into one.

use super::ContentError;
use crate::content::model::*;

pub(super) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

pub(super) fn parse(file: &str, text: &str) -> Result<ContentFile, ContentError> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = match e.span() {
            Some(span) => {
                let (l, c) = line_col(text, span.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        let raw = e.message().trim();
        let line_text = line.and_then(|l| text.lines().nth(l - 1)).unwrap_or("");
        if raw.starts_with("unknown field") && line_text.trim_start().starts_with('[') {
            // A table the format does not know, like [[cards]] for [[card]].
            let name = raw.split('`').nth(1).unwrap_or("");
            return ContentError {
                file: file.to_string(),
                line,
                column,
                entry: Some(format!("[[{name}]]")),
                message: "is not a table nearer knows; a content file holds [[prompt]] and [[card]] tables (and [lines])".into(),
            };
        }
        // Name the entry and the field: the table the error is in, its id, and the key on
        // the line (serde's messages name the field only when it is missing or unknown).
        let table = line.and_then(|l| table_at(text, l)).map(|(kind, id)| match id {
            Some(id) => format!("{kind} \"{id}\""),
            None => kind,
        });
        let quoted_field = raw.split('`').nth(1).filter(|_| {
            raw.starts_with("missing field") || raw.starts_with("unknown field")
        });
        let field = quoted_field.map(str::to_string).or_else(|| {
            key_of_line(line_text).filter(|k| column.is_some_and(|c| c > k.chars().count()))
        });
        let entry = match (table, field) {
            (Some(t), Some(f)) => Some(format!("{t}, field `{f}`")),
            (None, Some(f)) => Some(format!("field `{f}`")),
            (t, None) => t,
        };
        ContentError {
            file: file.to_string(),
            line,
            column,
            entry,
            message: humane(raw),
        }
    })
}

/// The kind and id of the `[[table]]` that holds a 1-based line, if any.
fn table_at(text: &str, line: usize) -> Option<(String, Option<String>)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .take(line.min(lines.len()))
        .rposition(|l| l.trim_start().starts_with("[["))?;
    let header = lines[start].trim();
    let kind = header
        .trim_start_matches("[[")
        .split("]]")
        .next()?
        .trim()
        .to_string();
    let id = lines[start + 1..]
        .iter()
        .take_while(|l| !l.trim_start().starts_with('['))
        .find(|l| key_of_line(l).as_deref() == Some("id"))
        .and_then(|l| l.split_once('='))
        .map(|(_, v)| v.trim().trim_matches(['"', '\'']).to_string())
        .filter(|v| !v.is_empty());
    Some((kind, id))
}

/// The key of a `key = value` line.
fn key_of_line(line: &str) -> Option<String> {
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    bare.then(|| key.to_string())
}

/// serde's wording, said for a person editing a file by hand.
fn humane(message: &str) -> String {
    let Some(rest) = message.strip_prefix("invalid type: ") else {
        return message.to_string();
    };
    let Some((found, expected)) = rest.split_once(", expected ") else {
        return message.to_string();
    };
    let expected = match expected {
        "u32" | "u8" | "u16" | "u64" | "usize" | "i32" | "i64" => "a whole number, like 5",
        "a string" => "text in quotes",
        "a boolean" => "true or false",
        "a sequence" => "a list in brackets, like [\"...\"]",
        other => other,
    };
    let found = if let Some(text) = found.strip_prefix("string ") {
        format!("the text {text}")
    } else if let Some(n) = found.strip_prefix("integer ") {
        format!("the number {}", n.trim_matches('`'))
    } else if let Some(b) = found.strip_prefix("boolean ") {
        b.trim_matches('`').to_string()
    } else if found == "sequence" {
        "a list".to_string()
    } else {
        found.to_string()
    };
    format!("should be {expected}, not {found}")
}

pub(super) fn append(into: &mut ContentFile, from: ContentFile) {
    into.section.extend(from.section);
    into.deck.extend(from.deck);
    into.prompt.extend(from.prompt);
    into.card.extend(from.card);
    if let Some(lines) = from.lines {
        let l = into.lines.get_or_insert_with(Lines::default);
        let Lines {
            arrive,
            arrive_past,
            self_compassion,
            hard_evening,
            good_thing,
            seasonal,
            milestone,
        } = lines;
        l.arrive.extend(arrive);
        l.arrive_past.extend(arrive_past);
        l.self_compassion.extend(self_compassion);
        l.hard_evening.extend(hard_evening);
        l.good_thing.extend(good_thing);
        l.seasonal.extend(seasonal);
        l.milestone.extend(milestone);
    }
}

/// 1-based line and column of a byte offset.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

pub(super) fn find_line(text: &str, needle: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().starts_with(needle))
        .map(|i| i + 1)
}

/// The line of `field = ...` within the table that starts at `from` (1-based).
pub(super) fn find_field_after(text: &str, from: usize, field: &str) -> Option<usize> {
    let table_start = text
        .lines()
        .take(from)
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| l.trim_start().starts_with("[["))?;
    for (i, l) in text.lines().enumerate().skip(table_start + 1) {
        let t = l.trim_start();
        if t.starts_with("[[") || t.starts_with('[') && !t.starts_with("[\"") && i + 1 > from {
            break;
        }
        if let Some(rest) = t.strip_prefix(field)
            && rest.trim_start().starts_with('=')
        {
            return Some(i + 1);
        }
    }
    None
}
