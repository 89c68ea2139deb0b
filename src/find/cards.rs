//! The library's search: every word of a query in a card's title or its text (why, the
//! evidence, the steps, the examples, its section and topic), titles first.

use std::ops::Range;

use super::fold::fold;
use super::highlight;
use super::query::Query;
use crate::content::{Card, Library};
use crate::ui::text::truncate;

/// One card's text in folded form.
#[derive(Debug, Clone)]
struct Folded {
    title: String,
    /// Every other text, one per line.
    body: String,
}

/// The cards' texts, folded once for every search while the library is open.
#[derive(Debug, Clone, Default)]
pub struct CardFinder {
    /// By the card's place in `Library::cards`.
    folded: Vec<Folded>,
}

/// The texts of a card search looks through besides its title, in the order shown.
fn texts(card: &Card) -> Vec<String> {
    let mut out = vec![card.why.clone()];
    out.extend(card.evidence.as_ref().map(|e| e.text()));
    out.extend(card.steps.iter().cloned());
    out.extend(card.examples.iter().cloned());
    out
}

/// Where a card sits: its section's title and its topic's, if it has one.
pub fn place(card: &Card, content: &Library) -> String {
    let section = content.section(&card.section).map(|s| s.title.as_str());
    let topic = (card.deck.as_deref())
        .and_then(|d| content.decks.iter().find(|x| x.id == d))
        .map(|d| d.title.as_str());
    [section, topic]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

impl CardFinder {
    pub fn new(content: &Library) -> CardFinder {
        let folded = (content.cards.iter())
            .map(|c| {
                let mut body = texts(c);
                body.push(place(c, content));
                Folded {
                    title: fold(&c.title),
                    body: fold(&body.join("\n")),
                }
            })
            .collect();
        CardFinder { folded }
    }

    /// Of `cards` (places in `Library::cards`, in the order shown), those that hold every
    /// word: first those whose title holds them all, then those whose text does; each in
    /// the order given.
    pub fn find(&self, query: &Query, cards: &[usize]) -> Vec<usize> {
        let mut in_title = Vec::new();
        let mut in_text = Vec::new();
        for &i in cards {
            let Some(f) = self.folded.get(i) else {
                continue;
            };
            if query.in_folded([f.title.as_str()]) {
                in_title.push(i);
            } else if query.in_folded([f.title.as_str(), f.body.as_str()]) {
                in_text.push(i);
            }
        }
        in_title.extend(in_text);
        in_title
    }
}

/// A card found: where its title holds the words, and a line of context in `width`
/// columns (with where the words are in it): the place in its text where a word was found
/// that the title does not hold, else where the card sits.
pub fn describe(
    card: &Card,
    content: &Library,
    query: &Query,
    width: usize,
) -> (Vec<Range<usize>>, String, Vec<Range<usize>>) {
    let title = highlight::ranges(&card.title, &query.terms);
    let folded_title = fold(&card.title);
    let missing = (query.terms.iter()).find(|t| !folded_title.contains(t.as_str()));
    let Some(word) = missing else {
        return (title, truncate(&place(card, content), width), Vec::new());
    };
    for field in texts(card) {
        if !fold(&field).contains(word.as_str()) {
            continue;
        }
        let at = highlight::ranges(&field, std::slice::from_ref(word));
        let Some(first) = at.first() else {
            continue;
        };
        let field = highlight::one_line(&field);
        let from = highlight::lead_in(&field, first.start, width / 3);
        let mut line = String::new();
        if from > 0 {
            line.push('…');
        }
        line.push_str(&field[from..]);
        let line = truncate(&line, width);
        let hits = highlight::ranges(&line, &query.terms);
        return (title, line, hits);
    }
    (title, truncate(&place(card, content), width), Vec::new())
}
