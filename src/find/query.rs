//! A query: the words typed, folded, every one of which must be found.

use super::fold::fold;

/// Folded words, all of which must appear in what is searched, each within one text (a
/// card's title or a step, an evening's answer or its appreciation), never across two.
/// Control characters are spaces; the words are kept sorted and without repeats, so "tea
/// time" and "time  tea" are one query.
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
        let mut terms: Vec<String> = fold(&clean)
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

    /// Whether everything this query matches is matched by `wider` too: each of the wider
    /// query's words is inside one of this query's words.
    pub fn narrows(&self, wider: &Query) -> bool {
        wider
            .terms
            .iter()
            .all(|w| self.terms.iter().any(|t| t.contains(w.as_str())))
    }

    /// Whether every word is in one of `folded` (texts already folded).
    pub fn in_folded<'a>(&self, folded: impl IntoIterator<Item = &'a str> + Clone) -> bool {
        self.terms.iter().all(|term| {
            folded
                .clone()
                .into_iter()
                .any(|t| t.contains(term.as_str()))
        })
    }

    /// Whether every word is in one of `texts`, folding each on the spot: the plainest way
    /// there is, the yardstick the fast ways are held to in tests.
    pub fn in_texts<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> bool {
        let folded: Vec<String> = texts.into_iter().map(fold).collect();
        self.in_folded(folded.iter().map(String::as_str))
    }

    /// Whether an evening holds every word, each within one of its texts (folded on the
    /// spot; Look back's scan goes the faster way of [`super::scan::Search`]).
    pub fn matches(&self, entry: &crate::journal::Entry) -> bool {
        self.in_texts(super::entry::fields(entry).into_iter().map(|(_, t)| t))
    }

    /// Whether an evening of `journal` holds every word, its talks' notes counted (as
    /// [`Query::matches`], the plain way).
    pub fn matches_in(
        &self,
        entry: &crate::journal::Entry,
        journal: &crate::journal::Journal,
    ) -> bool {
        self.in_texts(
            super::entry::fields_in(entry, journal)
                .into_iter()
                .map(|(_, t)| t),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_sorted_and_kept_once() {
        assert_eq!(Query::parse("Tea  CAFÉ tea").terms, vec!["cafe", "tea"]);
        assert_eq!(Query::parse("tea\u{1F}time").terms, vec!["tea", "time"]);
        assert!(Query::parse("  \t").is_empty());
    }

    #[test]
    fn a_longer_query_narrows_a_shorter_one() {
        let wide = Query::parse("caf");
        assert!(Query::parse("cafe tea").narrows(&wide));
        assert!(!Query::parse("tea").narrows(&wide));
        assert!(wide.narrows(&Query::default()));
    }

    #[test]
    fn every_word_within_one_text() {
        let q = Query::parse("tea time");
        assert!(q.in_texts(["Tea", "time together"]));
        assert!(
            !Query::parse("teatime").in_texts(["tea", "time"]),
            "a word never spans two texts"
        );
        assert!(!Query::parse("tea zzz").in_texts(["tea"]));
    }
}
