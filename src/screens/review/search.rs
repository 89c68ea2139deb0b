//! Find: every text of every evening, case- and accent-insensitive, in any script.
//!
//! The folded text of each entry is kept in an [`Index`], built once (when search first
//! opens) and kept in step with the journal afterwards by refolding only the entries that
//! changed. A query that grows narrows the previous results instead of scanning the whole
//! journal again, and going back (backspace) reuses the results already found.

use std::collections::BTreeSet;
use std::ops::Range;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::content::{Library, fold};
use crate::journal::{Entry, Journal};

/// The form search compares: `content::fold` (lowercase, accents removed, the Greek final
/// sigma an ordinary one, so "ΑΓΑΠΗΣ" finds "αγάπης").
pub fn fold_text(text: &str) -> String {
    fold(text)
}

/// Characters that belong to the one before them on screen: marks, emoji variation
/// selectors and skin tones, the joiner and tag characters. A highlight that ends just
/// before one takes it in, so "❤" found in "❤️" lights the whole emoji.
fn joins_previous(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
        || matches!(c as u32, 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0x200D | 0xE0020..=0xE007F)
}

/// Between two fields of an entry, so a query never matches across them.
const FIELD_SEPARATOR: char = '\u{1F}';

/// The texts of an entry search looks through, in the order they are shown.
pub fn fields(entry: &Entry) -> Vec<(Field, &str)> {
    let mut out = Vec::new();
    if let Some(r) = &entry.reflection {
        out.push((Field::Answer, r.answer.as_str()));
    }
    if let Some(a) = &entry.appreciation {
        out.push((Field::Appreciation, a.as_str()));
    }
    if let Some(f) = &entry.followup
        && !f.noticed.is_empty()
    {
        out.push((Field::Noticed, f.noticed.as_str()));
    }
    if let Some(act) = &entry.small_act {
        out.push((Field::SmallAct, act.text.as_str()));
    }
    if let Some(f) = &entry.followup {
        out.push((Field::Yesterday, f.planned.text.as_str()));
    }
    if let Some(r) = &entry.reflection {
        out.push((Field::Prompt, r.prompt.as_str()));
    }
    out
}

/// Which text of an entry a match is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Answer,
    Appreciation,
    Noticed,
    SmallAct,
    Yesterday,
    Prompt,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Answer => "",
            Field::Appreciation => "good thing: ",
            Field::Noticed => "noticed: ",
            Field::SmallAct => "planned: ",
            Field::Yesterday => "yesterday's act: ",
            Field::Prompt => "asked: ",
        }
    }
}

fn folded_entry(entry: &Entry) -> Box<str> {
    let mut s = String::new();
    for (i, (_, text)) in fields(entry).into_iter().enumerate() {
        if i > 0 {
            s.push(FIELD_SEPARATOR);
        }
        s.push_str(&fold_text(text));
    }
    s.into_boxed_str()
}

#[derive(Debug, Clone)]
struct Doc {
    date: NaiveDate,
    updated: DateTime<FixedOffset>,
    text: Box<str>,
}

/// The folded text of every entry, in date order (the journal's order).
#[derive(Debug, Clone, Default)]
pub struct Index {
    docs: Vec<Doc>,
    /// Evenings changed in ways the `updated` time may not show; refolded at the next sync.
    dirty: BTreeSet<NaiveDate>,
    /// Bumped whenever a sync changed anything, so results found before can be dropped.
    pub generation: u64,
}

impl Index {
    pub fn build(journal: &Journal) -> Index {
        let docs = journal
            .entries
            .iter()
            .map(|e| Doc {
                date: e.date,
                updated: e.updated,
                text: folded_entry(e),
            })
            .collect();
        Index {
            docs,
            dirty: BTreeSet::new(),
            generation: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Fold up to `budget` more evenings, oldest first, so the index is ready before search
    /// first opens; returns whether it covers the whole journal. What changes meanwhile
    /// is put right by [`Index::sync`], which search runs before every use.
    pub fn warm(&mut self, journal: &Journal, budget: usize) -> bool {
        let last = self.docs.last().map(|d| d.date);
        let start = last.map_or(0, |d| journal.entries.partition_point(|e| e.date <= d));
        let before = self.docs.len();
        for e in journal.entries[start..].iter().take(budget) {
            self.docs.push(Doc {
                date: e.date,
                updated: e.updated,
                text: folded_entry(e),
            });
        }
        if self.docs.len() > before {
            // Results found before do not know these evenings.
            self.generation += 1;
        }
        start + budget >= journal.entries.len()
    }

    /// Refold this evening at the next sync, whatever its `updated` time says.
    pub fn invalidate(&mut self, date: NaiveDate) {
        self.dirty.insert(date);
    }

    /// Bring the index in step with the journal: entries that are new, changed (by their
    /// `updated` time) or invalidated are refolded, those gone are dropped. Comparing keys is
    /// cheap; only changed entries are folded. Returns how many were refolded or dropped.
    pub fn sync(&mut self, journal: &Journal) -> usize {
        let in_step = self.dirty.is_empty()
            && self.docs.len() == journal.entries.len()
            && self
                .docs
                .iter()
                .zip(&journal.entries)
                .all(|(d, e)| d.date == e.date && d.updated == e.updated);
        if in_step {
            return 0;
        }
        let mut old = std::mem::take(&mut self.docs).into_iter().peekable();
        let mut docs = Vec::with_capacity(journal.entries.len());
        let mut changed = 0;
        for e in &journal.entries {
            while old.peek().is_some_and(|d| d.date < e.date) {
                old.next();
                changed += 1;
            }
            let reuse = old
                .next_if(|d| d.date == e.date)
                .filter(|d| d.updated == e.updated && !self.dirty.contains(&e.date));
            match reuse {
                Some(d) => docs.push(d),
                None => {
                    changed += 1;
                    docs.push(Doc {
                        date: e.date,
                        updated: e.updated,
                        text: folded_entry(e),
                    });
                }
            }
        }
        changed += old.count();
        self.docs = docs;
        self.dirty.clear();
        if changed > 0 {
            self.generation += 1;
        }
        changed
    }
}

/// A query: folded words, all of which must appear somewhere in an entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<String>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let mut terms: Vec<String> = fold_text(&clean)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        terms.sort();
        terms.dedup();
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether every entry this query matches is matched by `wider` too: each of the
    /// wider query's words is inside one of this query's words.
    pub fn narrows(&self, wider: &Query) -> bool {
        wider
            .terms
            .iter()
            .all(|w| self.terms.iter().any(|t| t.contains(w.as_str())))
    }

    fn matches(&self, folded: &str) -> bool {
        self.terms.iter().all(|t| folded.contains(t.as_str()))
    }
}

/// Narrowing choices beyond the words typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub starred: bool,
    /// Some(true): only evenings with an appreciation; Some(false): only those without.
    pub appreciation: Option<bool>,
    /// Only evenings that planned a card from this section (by id).
    pub section: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    pub fn accepts(&self, entry: &Entry, content: &Library) -> bool {
        if self.starred && !entry.starred {
            return false;
        }
        if let Some(want) = self.appreciation
            && entry.appreciation.is_some() != want
        {
            return false;
        }
        if self.from.is_some_and(|f| entry.date < f) || self.to.is_some_and(|t| entry.date > t) {
            return false;
        }
        if let Some(section) = &self.section {
            let card_section = (entry.small_act.as_ref())
                .and_then(|a| a.card_id.as_deref())
                .and_then(|id| content.card(id))
                .map(|c| c.section.as_str());
            if card_section != Some(section.as_str()) {
                return false;
            }
        }
        true
    }
}

/// What the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    /// Every evening, newest first, read straight from the journal.
    All,
    /// These evenings, newest first.
    Some(Vec<NaiveDate>),
}

/// Words typed and filters chosen, with the results found so far.
#[derive(Debug, Clone)]
pub struct Search {
    pub query: Query,
    pub filters: Filters,
    /// Text matches for the query and the shorter queries typed before it: positions in
    /// the index, newest first. The last is the current query's.
    steps: Vec<(Query, Vec<u32>)>,
    /// The index generation the steps were found in.
    generation: u64,
    pub rows: Rows,
}

impl Default for Search {
    fn default() -> Self {
        Search {
            query: Query::default(),
            filters: Filters::default(),
            steps: Vec::new(),
            generation: 0,
            rows: Rows::All,
        }
    }
}

impl Search {
    /// Whether anything narrows the list.
    pub fn is_active(&self) -> bool {
        !self.query.is_empty() || !self.filters.is_empty()
    }

    /// Run `query` with the current filters. Narrows the previous results when the query
    /// grew, reuses them when it went back to an earlier one, and scans the index only
    /// otherwise.
    pub fn set_query(
        &mut self,
        query: Query,
        index: &mut Index,
        journal: &Journal,
        content: &Library,
    ) {
        self.query = query;
        self.update(index, journal, content);
    }

    pub fn set_filters(
        &mut self,
        filters: Filters,
        index: Option<&mut Index>,
        journal: &Journal,
        content: &Library,
    ) {
        self.filters = filters;
        match index {
            Some(index) => self.update(index, journal, content),
            None => self.rows = filter_rows(None, None, &self.filters, journal, content),
        }
    }

    /// The journal changed (an edit, a delete): find everything again.
    pub fn refresh(&mut self, index: Option<&mut Index>, journal: &Journal, content: &Library) {
        self.steps.clear();
        match index {
            Some(index) => self.update(index, journal, content),
            None => self.rows = filter_rows(None, None, &self.filters, journal, content),
        }
    }

    fn update(&mut self, index: &mut Index, journal: &Journal, content: &Library) {
        if self.query.is_empty() {
            self.steps.clear();
            self.rows = filter_rows(None, None, &self.filters, journal, content);
            return;
        }
        if self.generation != index.generation {
            self.steps.clear();
        }
        // Go back to the longest earlier query this one narrows.
        while let Some((q, _)) = self.steps.last() {
            if self.query.narrows(q) {
                break;
            }
            self.steps.pop();
        }
        let found = match self.steps.last() {
            Some((q, found)) if *q == self.query => found.clone(),
            Some((_, found)) => {
                let narrowed: Vec<u32> = found
                    .iter()
                    .copied()
                    .filter(|&i| self.query.matches(&index.docs[i as usize].text))
                    .collect();
                self.steps.push((self.query.clone(), narrowed.clone()));
                narrowed
            }
            None => {
                if index.sync(journal) > 0 {
                    self.steps.clear();
                }
                let all: Vec<u32> = (0..index.docs.len() as u32)
                    .rev()
                    .filter(|&i| self.query.matches(&index.docs[i as usize].text))
                    .collect();
                self.steps.push((self.query.clone(), all.clone()));
                all
            }
        };
        self.generation = index.generation;
        self.rows = filter_rows(Some(&found), Some(index), &self.filters, journal, content);
    }
}

/// The evenings to show: the text matches (or every evening) that pass the filters.
fn filter_rows(
    found: Option<&[u32]>,
    index: Option<&Index>,
    filters: &Filters,
    journal: &Journal,
    content: &Library,
) -> Rows {
    match (found, index) {
        (Some(found), Some(index)) => Rows::Some(
            found
                .iter()
                .map(|&i| index.docs[i as usize].date)
                .filter(|&d| {
                    journal
                        .entry(d)
                        .is_some_and(|e| filters.accepts(e, content))
                })
                .collect(),
        ),
        _ if filters.is_empty() => Rows::All,
        _ => {
            let slice = crate::journal::export::select(journal, filters.from, filters.to);
            Rows::Some(
                slice
                    .iter()
                    .rev()
                    .filter(|e| filters.accepts(e, content))
                    .map(|e| e.date)
                    .collect(),
            )
        }
    }
}

/// Byte ranges of `text` where any of `terms` (folded) matches, merged and in order.
pub fn highlight_ranges(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    if terms.is_empty() {
        return Vec::new();
    }
    // Fold character by character, remembering which character each folded byte came from.
    let mut folded = String::with_capacity(text.len());
    let mut owner: Vec<Range<usize>> = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    let mut last = 0;
    for (i, ch) in text.char_indices() {
        let src = i..i + ch.len_utf8();
        let piece = fold_text(ch.encode_utf8(&mut buf));
        if piece.is_empty() {
            // A mark that folds away (an accent, an emoji variation selector) belongs to
            // the character before it.
            for o in &mut owner[last..] {
                o.end = src.end;
            }
            continue;
        }
        last = owner.len();
        for _ in 0..piece.len() {
            owner.push(src.clone());
        }
        folded.push_str(&piece);
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for term in terms.iter().filter(|t| !t.is_empty()) {
        for (start, m) in folded.match_indices(term.as_str()) {
            let end = start + m.len() - 1;
            let mut to = owner[end].end;
            while let Some(c) = text[to..].chars().next().filter(|&c| joins_previous(c)) {
                to += c.len_utf8();
            }
            ranges.push(owner[start].start..to);
        }
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The first field of an entry that holds a match, with the match ranges in it.
pub fn first_match<'a>(
    entry: &'a Entry,
    query: &Query,
) -> Option<(Field, &'a str, Vec<Range<usize>>)> {
    fields(entry).into_iter().find_map(|(field, text)| {
        let folded = fold_text(text);
        if !query.terms.iter().any(|t| folded.contains(t.as_str())) {
            return None;
        }
        let ranges = highlight_ranges(text, &query.terms);
        (!ranges.is_empty()).then_some((field, text, ranges))
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn warming_a_slice_at_a_time_ends_where_a_build_does() {
        let mut j = crate::journal::Journal::default();
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").unwrap();
        for day in 0..25u64 {
            j.upsert(crate::journal::Entry {
                date: t.date_naive() - chrono::Days::new(day),
                created: t,
                updated: t,
                closeness: 4,
                stress: None,
                followup: None,
                reflection: None,
                appreciation: Some(format!("Café number {day}")),
                small_act: None,
                starred: false,
            });
        }
        let mut warm = Index::default();
        let mut rounds = 0;
        while !warm.warm(&j, 10) {
            rounds += 1;
        }
        assert_eq!(rounds, 2, "25 evenings in slices of 10");
        let built = Index::build(&j);
        assert_eq!(warm.len(), built.len());
        assert!(
            warm.docs
                .iter()
                .zip(&built.docs)
                .all(|(a, b)| a.date == b.date && a.text == b.text)
        );
        assert_eq!(warm.sync(&j), 0, "a warmed index is in step");
        assert!(warm.warm(&j, 10), "nothing more to do");
    }

    use super::*;
    use crate::journal::{Reflection, SmallAct};
    use std::sync::Arc;

    fn entry(day: u32, answer: &str) -> Entry {
        let date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let t = DateTime::parse_from_rfc3339("2026-03-01T21:00:00+01:00").unwrap();
        Entry {
            date,
            created: t,
            updated: t,
            closeness: 4,
            stress: None,
            followup: None,
            reflection: Some(Reflection {
                prompt_id: "p".into(),
                prompt: "What made you smile?".into(),
                answer: answer.into(),
            }),
            appreciation: None,
            small_act: None,
            starred: false,
        }
    }

    fn journal(texts: &[&str]) -> Journal {
        let mut j = Journal::default();
        for (i, t) in texts.iter().enumerate() {
            j.upsert(entry(i as u32 + 1, t));
        }
        j
    }

    fn find(j: &Journal, q: &str) -> Vec<u32> {
        let mut index = Index::build(j);
        let mut s = Search::default();
        s.set_query(Query::parse(q), &mut index, j, &Library::default());
        match s.rows {
            Rows::All => (1..=j.entries.len() as u32).rev().collect(),
            Rows::Some(d) => d.iter().map(chrono::Datelike::day).collect(),
        }
    }

    #[test]
    fn accents_case_and_scripts() {
        let j = journal(&[
            "Coffee at the Café on the corner",
            "Καλημέρα, αγάπη μου. Μιλήσαμε για τις αγάπης μας",
            "桜を見に行った。がっこうの前で",
            "She laughed ❤️ and so did I 🫶🏽",
            "NAÏVE Ünïcödé",
        ]);
        assert_eq!(find(&j, "cafe"), vec![1]);
        assert_eq!(find(&j, "CAFÉ"), vec![1]);
        assert_eq!(find(&j, "καλημερα"), vec![2]);
        assert_eq!(find(&j, "ΑΓΆΠΗΣ"), vec![2]);
        assert_eq!(find(&j, "桜"), vec![3]);
        assert_eq!(find(&j, "がっこう"), vec![3]);
        assert!(
            find(&j, "かっこう").is_empty(),
            "a voiced mark in Japanese is not an accent"
        );
        assert_eq!(find(&j, "❤"), vec![4]);
        assert_eq!(find(&j, "❤️"), vec![4]);
        assert_eq!(find(&j, "🫶🏽"), vec![4]);
        assert_eq!(find(&j, "naive unicode"), vec![5]);
        assert_eq!(find(&j, "the"), vec![1]);
        assert_eq!(find(&j, "so did"), vec![4]);
        assert_eq!(
            find(&j, "smile"),
            vec![5, 4, 3, 2, 1],
            "the prompt as asked is searched too"
        );
        assert!(find(&j, "café zzz").is_empty(), "every word must be found");
    }

    #[test]
    fn a_query_never_spans_two_fields() {
        let mut e = entry(1, "ends with tea");
        e.appreciation = Some("time together".into());
        let mut j = Journal::default();
        j.upsert(e);
        assert!(
            find(&j, "tea time").len() == 1,
            "two words, each in a field"
        );
        assert!(find(&j, "teatime").is_empty());
        assert!(
            find(&j, "tea\u{1F}time").len() == 1,
            "a control character is a space"
        );
    }

    #[test]
    fn narrowing_and_going_back_agree_with_a_fresh_scan() {
        let texts: Vec<String> = (0..28)
            .map(|i| {
                format!(
                    "walk {} café {} tea",
                    ["park", "river", "Parc", "rivière"][i % 4],
                    i
                )
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let j = journal(&refs);
        let mut index = Index::build(&j);
        let lib = Library::default();
        let mut s = Search::default();
        let mut typed = String::new();
        for ch in "riviere 1".chars() {
            typed.push(ch);
            s.set_query(Query::parse(&typed), &mut index, &j, &lib);
            let mut fresh = Search::default();
            fresh.set_query(Query::parse(&typed), &mut Index::build(&j), &j, &lib);
            assert_eq!(s.rows, fresh.rows, "after typing {typed:?}");
        }
        while typed.pop().is_some() {
            s.set_query(Query::parse(&typed), &mut index, &j, &lib);
            let mut fresh = Search::default();
            fresh.set_query(Query::parse(&typed), &mut Index::build(&j), &j, &lib);
            assert_eq!(s.rows, fresh.rows, "after going back to {typed:?}");
        }
    }

    #[test]
    fn the_index_follows_changes() {
        let mut j = journal(&["apple", "pear"]);
        let mut index = Index::build(&j);
        let lib = Library::default();
        let mut s = Search::default();
        s.set_query(Query::parse("apple"), &mut index, &j, &lib);
        assert_eq!(
            s.rows,
            Rows::Some(vec![NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()])
        );
        // Same `updated` time, new text: only an explicit invalidation shows it.
        Arc::make_mut(&mut j.entries[1])
            .reflection
            .as_mut()
            .unwrap()
            .answer = "apple pie".into();
        index.invalidate(j.entries[1].date);
        j.remove(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        j.upsert(entry(9, "crab apple"));
        s.refresh(Some(&mut index), &j, &lib);
        let days: Vec<u32> = match &s.rows {
            Rows::Some(d) => d.iter().map(chrono::Datelike::day).collect(),
            Rows::All => panic!(),
        };
        assert_eq!(days, vec![9, 2]);
        assert_eq!(index.len(), 2);
        assert_eq!(index.sync(&j), 0, "in step after a sync");
    }

    #[test]
    fn filters_narrow_matches() {
        let mut j = journal(&["one", "two", "three"]);
        Arc::make_mut(&mut j.entries[0]).starred = true;
        Arc::make_mut(&mut j.entries[2]).starred = true;
        Arc::make_mut(&mut j.entries[2]).appreciation = Some("kind".into());
        Arc::make_mut(&mut j.entries[1]).small_act = Some(SmallAct {
            card_id: None,
            text: "tea".into(),
        });
        let lib = Library::default();
        let mut s = Search::default();
        s.set_filters(
            Filters {
                starred: true,
                ..Filters::default()
            },
            None,
            &j,
            &lib,
        );
        assert_eq!(
            s.rows,
            Rows::Some(vec![j.entries[2].date, j.entries[0].date])
        );
        s.set_filters(
            Filters {
                starred: true,
                appreciation: Some(false),
                ..Filters::default()
            },
            None,
            &j,
            &lib,
        );
        assert_eq!(s.rows, Rows::Some(vec![j.entries[0].date]));
        s.set_filters(
            Filters {
                from: Some(j.entries[1].date),
                to: Some(j.entries[1].date),
                ..Filters::default()
            },
            None,
            &j,
            &lib,
        );
        assert_eq!(s.rows, Rows::Some(vec![j.entries[1].date]));
    }

    #[test]
    fn highlights_cover_the_original_characters() {
        let text = "Le Café, le CAFÉ et le cafe";
        let r = highlight_ranges(text, &Query::parse("cafe").terms);
        let hits: Vec<&str> = r.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(hits, vec!["Café", "CAFÉ", "cafe"]);
        let text = "Καλημέρα ❤️ 桜";
        let r = highlight_ranges(text, &Query::parse("ΚΑΛΗΜΕΡΑ ❤ 桜").terms);
        let hits: Vec<&str> = r.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(hits, vec!["Καλημέρα", "❤️", "桜"]);
    }
}
