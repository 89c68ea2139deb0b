//! Loading, merging and validating content. Bundled files are embedded in the binary.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use super::model::*;

/// The bundled files, by the name they have in `content/`.
pub const BUNDLED: [(&str, &str); 14] = [
    ("sections.toml", include_str!("../../content/sections.toml")),
    ("prompts.toml", include_str!("../../content/prompts.toml")),
    ("cards.toml", include_str!("../../content/cards.toml")),
    ("lines.toml", include_str!("../../content/lines.toml")),
    (
        "decks/intimacy.toml",
        include_str!("../../content/decks/intimacy.toml"),
    ),
    (
        "decks/money.toml",
        include_str!("../../content/decks/money.toml"),
    ),
    (
        "decks/children.toml",
        include_str!("../../content/decks/children.toml"),
    ),
    (
        "decks/family.toml",
        include_str!("../../content/decks/family.toml"),
    ),
    (
        "decks/apart.toml",
        include_str!("../../content/decks/apart.toml"),
    ),
    (
        "decks/hard-seasons.toml",
        include_str!("../../content/decks/hard-seasons.toml"),
    ),
    (
        "decks/trust.toml",
        include_str!("../../content/decks/trust.toml"),
    ),
    (
        "decks/dreams.toml",
        include_str!("../../content/decks/dreams.toml"),
    ),
    (
        "decks/repair.toml",
        include_str!("../../content/decks/repair.toml"),
    ),
    (
        "decks/play.toml",
        include_str!("../../content/decks/play.toml"),
    ),
];

/// The person's own prompts and cards live in this file in nearer's config folder.
pub const USER_CONTENT_FILE: &str = "content.toml";
/// The largest content file nearer reads. A year of evenings of prompts and cards is a few
/// hundred kilobytes; a file this size is something else, and parsing it would stall the
/// start.
pub const MAX_USER_CONTENT_BYTES: u64 = 4 * 1024 * 1024;

/// A problem in a content file, with the file and, where known, the line and the field.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub entry: Option<String>,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(entry) = &self.entry {
            write!(f, " ({entry})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything nearer can offer: the sections in the article's order, prompts, cards, lines.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub sections: Vec<Section>,
    /// Topics across the sections, in their order.
    pub decks: Vec<Deck>,
    pub prompts: Vec<Prompt>,
    pub cards: Vec<Card>,
    pub lines: Lines,
    /// How many prompts and cards came from the person's own file.
    pub user_prompts: usize,
    pub user_cards: usize,
    /// Where the person's own file is looked for, once [`Library::merge_user_file`] ran.
    pub user_path: Option<String>,
    /// What was wrong with the person's own file, if it was not merged.
    pub user_errors: Vec<ContentError>,
    prompt_index: HashMap<String, usize>,
    card_index: HashMap<String, usize>,
}

/// Where an entry came from, for error messages.
struct Source<'a> {
    file: &'a str,
    text: &'a str,
}

impl Library {
    /// The bundled content. It is validated by the test suite, so a failure here is a bug.
    pub fn bundled() -> Library {
        let mut merged = ContentFile::default();
        for (name, text) in BUNDLED {
            let file = parse(name, text).unwrap_or_else(|e| panic!("bundled content: {e}"));
            append(&mut merged, file);
        }
        let lib = Library::from_file(merged);
        debug_assert!(lib.validate_all().is_empty(), "{:?}", lib.validate_all());
        lib
    }

    /// Parse and check the bundled files, collecting every problem (used by tests).
    pub fn check_bundled() -> Vec<ContentError> {
        let mut errors = Vec::new();
        let mut parsed = Vec::new();
        for (name, text) in BUNDLED {
            match parse(name, text) {
                Ok(file) => parsed.push((name, text, file)),
                Err(e) => errors.push(e),
            }
        }
        let mut merged = ContentFile::default();
        let mut sources: Vec<Source> = Vec::new();
        for (name, text, file) in parsed {
            sources.push(Source { file: name, text });
            append(&mut merged, file);
        }
        let lib = Library::from_file(merged);
        errors.extend(lib.validate(&sources, None));
        errors
    }

    fn from_file(file: ContentFile) -> Library {
        let mut sections = file.section;
        sections.sort_by_key(|s| s.order);
        let mut decks = file.deck;
        decks.sort_by_key(|d| d.order);
        let mut lib = Library {
            sections,
            decks,
            prompts: file.prompt,
            cards: file.card,
            lines: file.lines.unwrap_or_default(),
            ..Library::default()
        };
        lib.reindex();
        lib
    }

    fn reindex(&mut self) {
        self.prompt_index = (self.prompts.iter().enumerate())
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        self.card_index = (self.cards.iter().enumerate())
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
    }

    /// Merge the person's own file into this library. On any problem, nothing of the file is
    /// merged and the problems are returned; the bundled content stays usable.
    pub fn merge_user_file(&mut self, path: &Path) -> Result<(), Vec<ContentError>> {
        use std::io::Read;
        self.user_path = Some(path.display().to_string());
        let refuse = |message: String| {
            vec![ContentError {
                file: path.display().to_string(),
                line: None,
                column: None,
                entry: None,
                message,
            }]
        };
        // A pipe or a device would never end (or never begin): read only plain files.
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            return self.user_failed(refuse(
                "cannot be read (it is not a plain file, but a folder, a pipe or a device); \
                 nearer started with its own content only"
                    .into(),
            ));
        }
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return self.user_failed(refuse(format!(
                    "cannot be read ({e}); nearer started with its own content only"
                )));
            }
        };
        // Read at most one byte past the limit: the size a file reports can be wrong (files
        // in /proc say 0), and a file larger than any content is not read to its end.
        let mut bytes = Vec::new();
        if let Err(e) = file
            .take(MAX_USER_CONTENT_BYTES + 1)
            .read_to_end(&mut bytes)
        {
            return self.user_failed(refuse(format!(
                "cannot be read ({e}); nearer started with its own content only"
            )));
        }
        if bytes.len() as u64 > MAX_USER_CONTENT_BYTES {
            return self.user_failed(refuse(format!(
                "is larger than any content file (nearer reads {} MB at most), so nearer has \
                 not read it; nearer started with its own content only",
                MAX_USER_CONTENT_BYTES / (1024 * 1024)
            )));
        }
        // Text only: a file with NUL or other control bytes is not a content file (it may be
        // a link to something else entirely), and none of its bytes are quoted back.
        let text = match String::from_utf8(bytes) {
            Ok(t)
                if !t
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) =>
            {
                t
            }
            _ => {
                return self.user_failed(refuse(
                    "is not a text file, so it is not a nearer content file; nearer started \
                     with its own content only"
                        .into(),
                ));
            }
        };
        self.merge_user_text(&path.display().to_string(), &text)
    }

    /// As [`Library::merge_user_file`], from text already read.
    pub fn merge_user_text(&mut self, file: &str, text: &str) -> Result<(), Vec<ContentError>> {
        self.user_path = Some(file.to_string());
        let parsed = match parse(file, text) {
            Ok(p) => p,
            Err(e) => return self.user_failed(vec![e]),
        };
        if !parsed.section.is_empty() {
            return self.user_failed(vec![ContentError {
                file: file.to_string(),
                line: find_line(text, "[[section]]"),
                column: None,
                entry: Some("[[section]]".into()),
                message:
                    "sections come with nearer; add prompts and cards to the existing sections"
                        .into(),
            }]);
        }
        let mut candidate = self.clone();
        candidate.user_prompts = parsed.prompt.len();
        candidate.user_cards = parsed.card.len();
        let first_prompt = candidate.prompts.len();
        let first_card = candidate.cards.len();
        candidate.prompts.extend(parsed.prompt);
        candidate.cards.extend(parsed.card);
        if let Some(lines) = parsed.lines {
            candidate.lines.arrive.extend(lines.arrive);
            candidate
                .lines
                .self_compassion
                .extend(lines.self_compassion);
        }
        candidate.reindex();
        let sources = [Source { file, text }];
        let errors = candidate.validate(&sources, Some((first_prompt, first_card)));
        if errors.is_empty() {
            candidate.user_errors.clear();
            *self = candidate;
            Ok(())
        } else {
            self.user_failed(errors)
        }
    }

    fn user_failed(&mut self, errors: Vec<ContentError>) -> Result<(), Vec<ContentError>> {
        self.user_errors = errors.clone();
        Err(errors)
    }

    /// Whether a card came from the person's own file.
    pub fn is_own_card(&self, id: &str) -> bool {
        self.card_index
            .get(id)
            .is_some_and(|&i| i >= self.cards.len() - self.user_cards)
    }

    fn validate_all(&self) -> Vec<ContentError> {
        self.validate(&[], None)
    }

    /// Check ids, references and empty fields. With `from`, only entries at or after those
    /// indexes (the person's own) are checked against the whole.
    fn validate(&self, sources: &[Source], from: Option<(usize, usize)>) -> Vec<ContentError> {
        let mut errors = Vec::new();
        let locate = |kind: &str, id: &str, field: &str, message: String| -> ContentError {
            let needle_dq = format!("id = \"{id}\"");
            let needle_sq = format!("id = '{id}'");
            for s in sources {
                if let Some(line) =
                    find_line(s.text, &needle_dq).or_else(|| find_line(s.text, &needle_sq))
                {
                    let field_line = find_field_after(s.text, line, field).unwrap_or(line);
                    return ContentError {
                        file: s.file.to_string(),
                        line: Some(field_line),
                        column: None,
                        entry: Some(format!("{kind} \"{id}\", field `{field}`")),
                        message,
                    };
                }
            }
            ContentError {
                file: sources
                    .first()
                    .map(|s| s.file)
                    .unwrap_or("content")
                    .to_string(),
                line: None,
                column: None,
                entry: Some(format!("{kind} \"{id}\", field `{field}`")),
                message,
            }
        };
        let (p0, c0) = from.unwrap_or((0, 0));
        let section_ids: HashSet<&str> = self.sections.iter().map(|s| s.id.as_str()).collect();
        let deck_ids: HashSet<&str> = self.decks.iter().map(|d| d.id.as_str()).collect();
        if from.is_none() {
            let mut seen = HashSet::new();
            for d in &self.decks {
                if !seen.insert(d.id.as_str()) || section_ids.contains(d.id.as_str()) {
                    errors.push(locate(
                        "deck",
                        &d.id,
                        "id",
                        "this id is used twice (decks and sections share ids)".into(),
                    ));
                }
                if !section_ids.contains(d.section.as_str()) {
                    errors.push(locate(
                        "deck",
                        &d.id,
                        "section",
                        format!("no section is called \"{}\"", d.section),
                    ));
                }
                for (field, value) in [("title", &d.title), ("intro", &d.intro)] {
                    if value.trim().is_empty() {
                        errors.push(locate("deck", &d.id, field, "is empty".into()));
                    }
                }
            }
        }

        if from.is_none() {
            let mut seen = HashSet::new();
            for s in &self.sections {
                if !seen.insert(s.id.as_str()) {
                    errors.push(locate(
                        "section",
                        &s.id,
                        "id",
                        "this id is used twice".into(),
                    ));
                }
                for (field, value) in [("title", &s.title), ("intro", &s.intro)] {
                    if value.trim().is_empty() {
                        errors.push(locate("section", &s.id, field, "is empty".into()));
                    }
                }
                if s.key_ideas.is_empty() || s.key_ideas.iter().any(|k| k.trim().is_empty()) {
                    errors.push(locate(
                        "section",
                        &s.id,
                        "key_ideas",
                        "needs at least one idea, none empty".into(),
                    ));
                }
                if !self.prompts.iter().any(|p| p.section == s.id) {
                    errors.push(locate("section", &s.id, "id", "has no prompts".into()));
                }
                if !self.cards.iter().any(|c| c.section == s.id) {
                    errors.push(locate("section", &s.id, "id", "has no cards".into()));
                }
            }
            if self.lines.arrive.is_empty() {
                errors.push(ContentError {
                    file: "lines.toml".into(),
                    line: None,
                    column: None,
                    entry: Some("lines.arrive".into()),
                    message: "needs at least one line".into(),
                });
            }
            if self.lines.self_compassion.is_empty() {
                errors.push(ContentError {
                    file: "lines.toml".into(),
                    line: None,
                    column: None,
                    entry: Some("lines.self_compassion".into()),
                    message: "needs at least one line".into(),
                });
            }
        }

        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, p) in self.prompts.iter().enumerate() {
            let first = *seen.entry(p.id.as_str()).or_insert(i);
            if i < p0 {
                continue;
            }
            if !valid_id(&p.id) {
                errors.push(locate(
                    "prompt",
                    &p.id,
                    "id",
                    "ids are lowercase words joined by '-'".into(),
                ));
            }
            if first != i {
                errors.push(locate(
                    "prompt",
                    &p.id,
                    "id",
                    "this id is already used by another prompt".into(),
                ));
            }
            if !section_ids.contains(p.section.as_str()) {
                errors.push(locate(
                    "prompt",
                    &p.id,
                    "section",
                    format!("no section is called \"{}\"", p.section),
                ));
            }
            if p.text.trim().is_empty() {
                errors.push(locate("prompt", &p.id, "text", "is empty".into()));
            }
            if let Some(deck) = &p.deck
                && !deck_ids.contains(deck.as_str())
            {
                errors.push(locate(
                    "prompt",
                    &p.id,
                    "deck",
                    format!("no deck is called \"{deck}\""),
                ));
            }
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, c) in self.cards.iter().enumerate() {
            let first = *seen.entry(c.id.as_str()).or_insert(i);
            if i < c0 {
                continue;
            }
            if !valid_id(&c.id) {
                errors.push(locate(
                    "card",
                    &c.id,
                    "id",
                    "ids are lowercase words joined by '-'".into(),
                ));
            }
            if first != i {
                errors.push(locate(
                    "card",
                    &c.id,
                    "id",
                    "this id is already used by another card".into(),
                ));
            }
            if !section_ids.contains(c.section.as_str()) {
                errors.push(locate(
                    "card",
                    &c.id,
                    "section",
                    format!("no section is called \"{}\"", c.section),
                ));
            }
            for (field, value) in [("title", &c.title), ("why", &c.why)] {
                if value.trim().is_empty() {
                    errors.push(locate("card", &c.id, field, "is empty".into()));
                }
            }
            if c.steps.is_empty() || c.steps.iter().any(|s| s.trim().is_empty()) {
                errors.push(locate(
                    "card",
                    &c.id,
                    "steps",
                    "needs at least one step, none empty".into(),
                ));
            }
            if !(1..=60).contains(&c.minutes) {
                errors.push(locate(
                    "card",
                    &c.id,
                    "minutes",
                    format!("{} is not between 1 and 60", c.minutes),
                ));
            }
            let empty_evidence = match &c.evidence {
                Some(Evidence::Line(e)) => e.trim().is_empty(),
                Some(Evidence::Cited(e)) => [&e.authors, &e.source, &e.found]
                    .iter()
                    .any(|f| f.trim().is_empty()),
                None => false,
            };
            if empty_evidence {
                errors.push(locate(
                    "card",
                    &c.id,
                    "evidence",
                    "is empty; leave it out instead".into(),
                ));
            }
            if let Some(deck) = &c.deck
                && !deck_ids.contains(deck.as_str())
            {
                errors.push(locate(
                    "card",
                    &c.id,
                    "deck",
                    format!("no deck is called \"{deck}\""),
                ));
            }
            if let Some(other) = &c.apart_version
                && self.card(other).is_none_or(|o| o.has(Tag::SameRoom))
            {
                errors.push(locate(
                    "card",
                    &c.id,
                    "apart_version",
                    format!("\"{other}\" should be a card that does not need the same room"),
                ));
            }
        }
        errors
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompt_index.get(id).map(|&i| &self.prompts[i])
    }

    /// Where a prompt is in `prompts`.
    pub fn prompt_position(&self, id: &str) -> Option<usize> {
        self.prompt_index.get(id).copied()
    }

    pub fn card(&self, id: &str) -> Option<&Card> {
        self.card_index.get(id).map(|&i| &self.cards[i])
    }

    /// Where a card is in `cards`.
    pub fn card_position(&self, id: &str) -> Option<usize> {
        self.card_index.get(id).copied()
    }

    pub fn cards_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Card> + 'a {
        self.cards.iter().filter(move |c| c.section == section)
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn parse(file: &str, text: &str) -> Result<ContentFile, ContentError> {
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

fn append(into: &mut ContentFile, from: ContentFile) {
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
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn find_line(text: &str, needle: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().starts_with(needle))
        .map(|i| i + 1)
}

/// The line of `field = ...` within the table that starts at `from` (1-based).
fn find_field_after(text: &str, from: usize, field: &str) -> Option<usize> {
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
