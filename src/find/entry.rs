//! What Look back searches in an evening: its texts, in the order they are shown, and the
//! filters beyond the words (starred, an appreciation, a card's section, dates).

use std::ops::Range;

use chrono::NaiveDate;

use super::highlight;
use super::query::Query;
use crate::content::Library;
use crate::journal::Entry;

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

/// Calls `f` with each text of an entry search looks through (as [`fields`], without
/// collecting them).
#[inline]
pub fn each_field<'a>(entry: &'a Entry, mut f: impl FnMut(Field, &'a str)) {
    if let Some(r) = &entry.reflection {
        f(Field::Answer, r.answer.as_str());
    }
    if let Some(a) = &entry.appreciation {
        f(Field::Appreciation, a.as_str());
    }
    if let Some(fu) = &entry.followup
        && !fu.noticed.is_empty()
    {
        f(Field::Noticed, fu.noticed.as_str());
    }
    if let Some(act) = &entry.small_act {
        f(Field::SmallAct, act.text.as_str());
    }
    if let Some(fu) = &entry.followup {
        f(Field::Yesterday, fu.planned.text.as_str());
    }
    if let Some(r) = &entry.reflection {
        f(Field::Prompt, r.prompt.as_str());
    }
}

/// The texts of an entry search looks through, in the order they are shown.
/// Whether an evening holds every word of `query`, each within one of its texts (folded
/// on the spot; Look back's scan goes the faster way of [`super::scan::Search`]).
pub fn matches(query: &Query, entry: &Entry) -> bool {
    query.in_texts(fields(entry).into_iter().map(|(_, t)| t))
}

pub fn fields(entry: &Entry) -> Vec<(Field, &str)> {
    let mut out = Vec::new();
    each_field(entry, |field, text| out.push((field, text)));
    out
}

/// The first field of an entry that holds a match, with the match ranges in it.
pub fn first_match<'a>(
    entry: &'a Entry,
    query: &Query,
) -> Option<(Field, &'a str, Vec<Range<usize>>)> {
    fields(entry).into_iter().find_map(|(field, text)| {
        let folded = super::fold::fold(text);
        if !query.terms.iter().any(|t| folded.contains(t.as_str())) {
            return None;
        }
        let ranges = highlight::ranges(text, &query.terms);
        (!ranges.is_empty()).then_some((field, text, ranges))
    })
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
