//! Which cards each page shows: only what fits the couple. Each card goes through
//! `suggest::card_for`, the one rule for what fits: a card that needs one room gives its
//! long-distance version to a couple who live apart, and a card that fits in no version
//! is left out. A card shows once in a list even when two cards give way to it. Lists,
//! search and every count come from here, so a count never promises a card that is not
//! there.

use super::Page;
use super::filter_set::Filters;
use crate::content::Library;
use crate::journal::Journal;
use crate::suggest::card_for;

/// The cards of `from` (places in `Library::cards`) as this couple sees them, in order.
pub fn fitting(
    from: impl IntoIterator<Item = usize>,
    content: &Library,
    journal: &Journal,
) -> Vec<usize> {
    let prefs = &journal.preferences;
    let mut out: Vec<usize> = Vec::new();
    let mut seen = vec![false; content.cards.len()];
    for i in from {
        let Some(card) = content.cards.get(i) else {
            continue;
        };
        let Some(shown) = card_for(card, content, prefs) else {
            continue;
        };
        let at = if std::ptr::eq(shown, card) {
            i
        } else {
            match content.cards.iter().position(|c| std::ptr::eq(c, shown)) {
                Some(at) => at,
                None => continue,
            }
        };
        if !std::mem::replace(&mut seen[at], true) {
            out.push(at);
        }
    }
    out
}

/// Every card the couple may see, in the library's order.
pub fn every(content: &Library, journal: &Journal) -> Vec<usize> {
    fitting(0..content.cards.len(), content, journal)
}

/// A page's own cards, before fitting: a section's, a topic's, the favourites (the
/// latest starred first), the person's own.
fn source(page: Page, content: &Library, journal: &Journal) -> Vec<usize> {
    let all = 0..content.cards.len();
    match page {
        Page::Sections => Vec::new(),
        Page::Section(s) => {
            let id = content.sections.get(s).map_or("", |s| s.id.as_str());
            all.filter(|&i| content.cards[i].section == id).collect()
        }
        Page::Topic(d) => {
            let id = content.decks.get(d).map(|d| d.id.as_str());
            all.filter(|&i| content.cards[i].deck.as_deref() == id && id.is_some())
                .collect()
        }
        Page::Favourites => (journal.preferences.favourites.iter().rev())
            .filter_map(|id| content.cards.iter().position(|c| &c.id == id))
            .collect(),
        Page::Own => (content.cards.len() - content.user_cards..content.cards.len()).collect(),
    }
}

/// The cards a page shows: those that fit the couple and, when `filters` are given, pass
/// them too.
pub fn cards(
    page: Page,
    content: &Library,
    journal: &Journal,
    filters: Option<&Filters>,
) -> Vec<usize> {
    let mut out = fitting(source(page, content, journal), content, journal);
    if let Some(f) = filters {
        out.retain(|&i| f.allows(&content.cards[i]));
    }
    out
}

/// How many starred cards fit the couple in no version (the favourites leave them out).
pub fn starred_unfit(content: &Library, journal: &Journal) -> usize {
    (journal.preferences.favourites.iter())
        .filter_map(|id| content.card(id))
        .filter(|c| card_for(c, content, &journal.preferences).is_none())
        .count()
}
