//! Loading, merging and validating content. Bundled files are embedded in the binary.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use super::model::*;

mod parse;
mod validate;

use parse::{append, find_line, parse};

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
