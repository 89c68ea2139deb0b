//! Loading, merging and validating content. Bundled files are embedded in the binary.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::model::*;

/// The bundled files, by the name they have in `content/`.
pub const BUNDLED: [(&str, &str); 4] = [
    ("sections.toml", include_str!("../../content/sections.toml")),
    ("prompts.toml", include_str!("../../content/prompts.toml")),
    ("cards.toml", include_str!("../../content/cards.toml")),
    ("lines.toml", include_str!("../../content/lines.toml")),
];

/// The person's own prompts and cards live in this file in nearer's config folder.
pub const USER_CONTENT_FILE: &str = "content.toml";

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
    pub prompts: Vec<Prompt>,
    pub cards: Vec<Card>,
    pub lines: Lines,
    /// How many prompts and cards came from the person's own file.
    pub user_prompts: usize,
    pub user_cards: usize,
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
        let mut lib = Library {
            sections,
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
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(vec![ContentError {
                    file: path.display().to_string(),
                    line: None,
                    column: None,
                    entry: None,
                    message: format!(
                        "cannot be read ({e}); nearer started with its own content only"
                    ),
                }]);
            }
        };
        self.merge_user_text(&path.display().to_string(), &text)
    }

    /// As [`merge_user_file`], from text already read.
    pub fn merge_user_text(&mut self, file: &str, text: &str) -> Result<(), Vec<ContentError>> {
        let parsed = parse(file, text).map_err(|e| vec![e])?;
        if !parsed.section.is_empty() {
            return Err(vec![ContentError {
                file: file.to_string(),
                line: find_line(text, "[[section]]"),
                column: None,
                entry: None,
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
        candidate.reindex();
        let sources = [Source { file, text }];
        let errors = candidate.validate(&sources, Some((first_prompt, first_card)));
        if errors.is_empty() {
            *self = candidate;
            Ok(())
        } else {
            Err(errors)
        }
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
            if c.evidence.as_deref().is_some_and(|e| e.trim().is_empty()) {
                errors.push(locate(
                    "card",
                    &c.id,
                    "evidence",
                    "is empty; leave it out instead".into(),
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

    pub fn card(&self, id: &str) -> Option<&Card> {
        self.card_index.get(id).map(|&i| &self.cards[i])
    }

    pub fn cards_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Card> + 'a {
        self.cards.iter().filter(move |c| c.section == section)
    }
}

/// Lowercase, accents removed: the form search compares.
pub fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
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
        ContentError {
            file: file.to_string(),
            line,
            column,
            entry: None,
            message: e.message().trim().to_string(),
        }
    })
}

fn append(into: &mut ContentFile, from: ContentFile) {
    into.section.extend(from.section);
    into.prompt.extend(from.prompt);
    into.card.extend(from.card);
    if let Some(lines) = from.lines {
        let l = into.lines.get_or_insert_with(Lines::default);
        l.arrive.extend(lines.arrive);
        l.self_compassion.extend(lines.self_compassion);
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
