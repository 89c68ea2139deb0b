//! Checking content: ids, references between sections, prompts and cards, empty fields;
//! for the person's own file, located at the line and field that holds the problem.

use std::collections::{HashMap, HashSet};

use super::parse::{find_field_after, find_line, valid_id};
use super::{ContentError, Library, Source};
use crate::content::model::*;

impl Library {
    pub(super) fn validate_all(&self) -> Vec<ContentError> {
        self.validate(&[], None)
    }

    /// Check ids, references and empty fields. With `from`, only entries at or after those
    /// indexes (the person's own) are checked against the whole.
    pub(super) fn validate(
        &self,
        sources: &[Source],
        from: Option<(usize, usize)>,
    ) -> Vec<ContentError> {
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
}
