//! Look back's search: every text of every evening, case- and accent-insensitive, in any
//! script.
//!
//! Nothing of the journal is copied or indexed: a query looks through the evenings
//! themselves, newest first, and a keystroke looks only as far as the screen needs (a
//! couple of milliseconds of work at most, whatever the journal's size). Quiet moments go
//! on looking a slice at a time, for the count and the rows further down; the list says
//! so meanwhile. Text in plain ASCII (most of a journal) is matched as it is, lowercased
//! on the way; only other text goes through the full fold ([`Folder`]).

use std::sync::Arc;

use chrono::NaiveDate;

use super::entry::{Filters, each_shared, each_text, shared_of};
use super::fold::Folder;
use super::query::Query;
use crate::content::Library;
use crate::journal::together::Talk;
use crate::journal::voices::talks_on;
use crate::journal::{Entry, Journal};
use crate::link::SharedEvening;

#[cfg(test)]
mod tests;

/// Between two fields of an entry, so a query never matches across them.
const FIELD_SEPARATOR: u8 = 0x1F;

/// Fold every text of `entry` (the notes of `talks`, its evening's, and what a linked
/// partner shared of it, `theirs`) into the folder's buffer, the texts apart.
#[inline]
fn fold_entry<'f, 'a>(
    folder: &'f mut Folder,
    entry: &'a Entry,
    talks: impl IntoIterator<Item = &'a Talk>,
    theirs: Option<&'a SharedEvening>,
) -> &'f [u8] {
    folder.clear();
    let mut push = |_, text: &str| {
        if !folder.folded().is_empty() {
            folder.push_byte(FIELD_SEPARATOR);
        }
        folder.push(text);
    };
    each_text(entry, talks, &mut push);
    if let Some(s) = theirs {
        each_shared(s, &mut push);
    }
    folder.folded()
}

/// A query made ready to look through evenings: one finder per word.
#[derive(Debug, Clone, Default)]
struct Matcher {
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl Matcher {
    fn new(query: &Query) -> Matcher {
        // Longest first: a long word is the rarest, so most evenings fail at the first.
        let mut terms: Vec<&String> = query.terms.iter().collect();
        terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
        Matcher {
            finders: terms
                .into_iter()
                .map(|t| memchr::memmem::Finder::new(t.as_bytes()).into_owned())
                .collect(),
        }
    }

    /// Whether `folded` (an entry as [`fold_entry`] leaves it) holds every word, and
    /// how many words were looked for to know. The words hold no separator, so none
    /// matches across two fields.
    fn matches(&self, folded: &[u8]) -> (bool, usize) {
        let mut looked = 0;
        for f in &self.finders {
            looked += 1;
            if f.find(folded).is_none() {
                return (false, looked);
            }
        }
        (true, looked)
    }
}

/// How much looking one keystroke may do before its frame is drawn, in bytes of text
/// (each evening also counts [`PER_EVENING`]): about 1,300 evenings of 150 words, a
/// millisecond or so here (measured: `cargo bench --bench journal -- search::`). Enough
/// to fill the screen for any word that is not rare; the rest comes in quiet moments.
pub const KEY_WORK: usize = 1_500_000;
/// How much looking one quiet moment does: about two milliseconds, so that a key that
/// comes in meanwhile waits little. 100,000 evenings of 150 words take some 45 of them.
pub const TICK_WORK: usize = 2_500_000;
/// What looking at one evening costs besides its text.
pub const PER_EVENING: usize = 128;
/// What finding an evening a narrowing looks at again costs, besides looking at it.
const PER_CANDIDATE: usize = 64;
/// Results kept for going back (backspace) to shorter queries, in evenings: 4 MB at most.
const KEPT_FOR_GOING_BACK: usize = 1_000_000;

/// Where the evening of `date` is among `entries[..below]`: looked for from the end, a
/// step, two, four... back and then by halves, so that finding the evenings of a list
/// newest first (one just before the other, mostly) costs a step or two each.
fn find_before(entries: &[Arc<Entry>], below: usize, date: NaiveDate) -> Option<usize> {
    let mut lo = below;
    let mut step = 1;
    // Widen until entries[lo] is on or before `date`.
    loop {
        let next = lo.saturating_sub(step);
        lo = next;
        if next == 0 || entries[next].date <= date {
            break;
        }
        step *= 2;
    }
    let hi = (lo + step).min(below);
    entries[lo..hi]
        .binary_search_by_key(&date, |e| e.date)
        .ok()
        .map(|i| lo + i)
}

/// Newest first, as the list shows them: `a` comes before `b` when it is later.
fn newest_first(a: &NaiveDate, b: &NaiveDate) -> std::cmp::Ordering {
    b.cmp(a)
}

/// The evenings a narrowing looks at first: what the wider query found, which holds
/// every match on or after `floor`.
#[derive(Debug, Clone)]
struct Candidates {
    dates: Vec<NaiveDate>,
    /// The first not looked at yet.
    next: usize,
    /// The wider query had looked at every evening from this one on.
    floor: NaiveDate,
}

/// One query looked for, as far as it got: the list shows the last step's `found`.
#[derive(Debug, Clone)]
struct Step {
    query: Query,
    matcher: Matcher,
    /// The evenings that match, newest first: exactly those on or after `settled`.
    found: Vec<NaiveDate>,
    candidates: Option<Candidates>,
    /// Every evening on or after this one has been looked at (`NaiveDate::MIN`: all of
    /// them, the step is done); `None` before the first.
    settled: Option<NaiveDate>,
}

impl Step {
    /// A query looked for from the newest evening the filters allow.
    fn fresh(query: Query, filters: &Filters) -> Step {
        Step {
            matcher: Matcher::new(&query),
            query,
            found: Vec::new(),
            candidates: None,
            // Everything after the last evening the filters allow is settled: none of it
            // can match.
            settled: filters.to.and_then(|t| t.succ_opt()),
        }
    }

    /// A query that narrows `wider`: looks through what `wider` found first, then on from
    /// where `wider` stopped.
    fn narrowing(query: Query, wider: &Step) -> Step {
        let mut step = Step {
            matcher: Matcher::new(&query),
            query,
            found: Vec::new(),
            candidates: None,
            settled: wider.settled,
        };
        if let Some(floor) = wider.settled
            && !wider.found.is_empty()
        {
            step.candidates = Some(Candidates {
                dates: wider.found.clone(),
                next: 0,
                floor,
            });
            step.settled = None;
        }
        step
    }

    fn done(&self) -> bool {
        self.candidates.is_none() && self.settled == Some(NaiveDate::MIN)
    }

    fn is_settled(&self, date: NaiveDate) -> bool {
        self.settled.is_some_and(|s| date >= s)
    }

    /// Look on until `want` evenings are found, the work done reaches `budget`, or every
    /// evening has been looked at. Returns the work done.
    fn run(&mut self, cx: &mut Looking, want: usize, budget: usize) -> usize {
        let mut work = 0;
        let entries = &cx.journal.entries;
        if let Some(c) = self.candidates.as_mut() {
            // Candidates are newest first, so each is before the one looked at last.
            let mut below = entries.len();
            while c.next < c.dates.len() {
                if self.found.len() >= want || work >= budget {
                    return work;
                }
                let date = c.dates[c.next];
                c.next += 1;
                work += PER_CANDIDATE;
                if let Some(i) = find_before(entries, below, date) {
                    below = i;
                    work += cx.look(&self.matcher, &entries[i], &mut self.found);
                }
                self.settled = Some(date);
            }
            self.settled = Some(c.floor);
            self.candidates = None;
        }
        let mut i = match self.settled {
            None => entries.len(),
            Some(s) => entries.partition_point(|e| e.date < s),
        };
        while i > 0 {
            if self.found.len() >= want || work >= budget {
                return work;
            }
            let e = &entries[i - 1];
            if cx.filters.from.is_some_and(|f| e.date < f) {
                break;
            }
            work += cx.look(&self.matcher, e, &mut self.found);
            self.settled = Some(e.date);
            i -= 1;
        }
        self.settled = Some(NaiveDate::MIN);
        work
    }

    /// The evening of `date` changed, came or went: put what was found about it right.
    fn changed(&mut self, date: NaiveDate, cx: &mut Looking) {
        if let Ok(i) = self.found.binary_search_by(|d| newest_first(d, &date)) {
            self.found.remove(i);
        }
        if self.is_settled(date) {
            if let Some(e) = cx.journal.entry(date) {
                let mut one = Vec::new();
                cx.look(&self.matcher, e, &mut one);
                if !one.is_empty() {
                    let at = self
                        .found
                        .binary_search_by(|d| newest_first(d, &date))
                        .unwrap_or_else(|at| at);
                    self.found.insert(at, date);
                }
            }
        } else if let Some(c) = self.candidates.as_mut()
            && date >= c.floor
        {
            // Still to be looked at, among the candidates: make sure it is one.
            let rest = &c.dates[c.next..];
            if let Err(at) = rest.binary_search_by(|d| newest_first(d, &date)) {
                c.dates.insert(c.next + at, date);
            }
        }
        // Otherwise the evening is further back than looked yet, and will be come to.
    }

    /// Evenings held, for the limit on what is kept for going back.
    fn held(&self) -> usize {
        self.found.len() + self.candidates.as_ref().map_or(0, |c| c.dates.len())
    }

    fn heap_bytes(&self) -> usize {
        let date = std::mem::size_of::<NaiveDate>();
        self.found.capacity() * date
            + self
                .candidates
                .as_ref()
                .map_or(0, |c| c.dates.capacity() * date)
            + self
                .query
                .terms
                .iter()
                .map(|t| 2 * t.capacity())
                .sum::<usize>()
    }
}

/// What looking at evenings needs: the journal, the filters, a buffer for folding, and a
/// count of the evenings looked at.
struct Looking<'a> {
    journal: &'a Journal,
    content: &'a Library,
    filters: &'a Filters,
    folder: &'a mut Folder,
    examined: &'a mut u64,
    /// The journal's talks are in date order (as nearer keeps them), so those of an
    /// evening are found by halves.
    talks_sorted: bool,
    /// What a linked partner shared, in date order (in memory only).
    shared: &'a [SharedEvening],
}

impl Looking<'_> {
    /// Look at one evening: if it passes the filters and holds every word, it goes on
    /// `found`. Returns the work it took.
    fn look(&mut self, matcher: &Matcher, e: &Entry, found: &mut Vec<NaiveDate>) -> usize {
        *self.examined += 1;
        if !self.filters.accepts(e, self.content) {
            return PER_EVENING;
        }
        if matcher.finders.is_empty() {
            found.push(e.date);
            return PER_EVENING;
        }
        // Most journals have no talks: nothing to look for among them.
        let talks = &self.journal.talks;
        let theirs = shared_of(self.shared, e);
        let folded = if talks.is_empty() {
            fold_entry(self.folder, e, [], theirs)
        } else {
            fold_entry(
                self.folder,
                e,
                talks_on(talks, e.date, self.talks_sorted),
                theirs,
            )
        };
        let (hit, words) = matcher.matches(folded);
        if hit {
            found.push(e.date);
        }
        // Folding and looking for each word go through the text once each, about.
        PER_EVENING + folded.len() * words
    }
}

/// Words typed and filters chosen, and the evenings found for them so far.
///
/// Nothing is kept of the journal's text: each query looks through the journal itself,
/// newest evening first, only as far as the screen needs ([`Search::fill`]); quiet moments
/// look on a slice at a time ([`Search::tick`]) until every evening has been looked at,
/// for the count and the rows further down. A query that narrows the one before looks
/// first through what that one found; going back to a shorter query takes up its results
/// where they were.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: Query,
    pub filters: Filters,
    /// The query typed and the shorter ones typed before it that it narrows, each as far
    /// as it got; the last is the current one. Empty when nothing narrows the list.
    steps: Vec<Step>,
    /// Evenings looked at since this search began: what the tests count.
    examined: u64,
    folder: Folder,
    /// What a linked partner shared (shared with the link's reading, not copied).
    shared: Arc<Vec<SharedEvening>>,
}

impl Search {
    /// Whether anything narrows the list.
    pub fn is_active(&self) -> bool {
        !self.query.is_empty() || !self.filters.is_empty()
    }

    /// No words and no filters: every evening again. (The count of evenings looked at
    /// goes on.)
    pub fn clear(&mut self) {
        self.query = Query::default();
        self.filters = Filters::default();
        self.steps.clear();
    }

    /// Whether some evenings have not been looked at yet for the current query.
    pub fn is_scanning(&self) -> bool {
        self.steps.last().is_some_and(|s| !s.done())
    }

    /// How far back every evening has been looked at, while looking.
    pub fn reached(&self) -> Option<NaiveDate> {
        let step = self.steps.last()?;
        if step.done() {
            return None;
        }
        step.settled
    }

    /// Evenings looked at since this search began (for tests and benchmarks).
    pub fn examined(&self) -> u64 {
        self.examined
    }

    /// The memory this search holds, in bytes: the evenings found (kept for going back
    /// too), the folding buffer and its cache.
    pub fn heap_bytes(&self) -> usize {
        self.steps.iter().map(Step::heap_bytes).sum::<usize>()
            + self.steps.capacity() * std::mem::size_of::<Step>()
            + self.folder.heap_bytes()
    }

    /// How many rows the list has (so far, while looking).
    pub fn len(&self, journal: &Journal) -> usize {
        match self.steps.last() {
            Some(s) => s.found.len(),
            None => journal.entries.len(),
        }
    }

    pub fn is_empty(&self, journal: &Journal) -> bool {
        self.len(journal) == 0
    }

    /// The evening on row `i` (0 is the newest shown).
    pub fn row(&self, journal: &Journal, i: usize) -> Option<NaiveDate> {
        match self.steps.last() {
            Some(s) => s.found.get(i).copied(),
            None => journal
                .entries
                .len()
                .checked_sub(i + 1)
                .map(|j| journal.entries[j].date),
        }
    }

    /// The row showing `date`, if the list shows it (yet).
    pub fn row_of(&self, journal: &Journal, date: NaiveDate) -> Option<usize> {
        match self.steps.last() {
            Some(s) => s.found.binary_search_by(|d| newest_first(d, &date)).ok(),
            None => journal
                .entries
                .binary_search_by_key(&date, |e| e.date)
                .ok()
                .map(|j| journal.entries.len() - 1 - j),
        }
    }

    /// Look for `query` with the current filters, finding at least `want` evenings if a
    /// keystroke's work finds them. Narrows the previous results when the query grew,
    /// takes up earlier results when it went back to an earlier query, and starts from
    /// the newest evening otherwise.
    pub fn set_query(&mut self, query: Query, journal: &Journal, content: &Library, want: usize) {
        self.query = query;
        self.restart();
        self.fill(journal, content, want);
    }

    pub fn set_filters(
        &mut self,
        filters: Filters,
        journal: &Journal,
        content: &Library,
        want: usize,
    ) {
        self.filters = filters;
        // Results found under other filters say nothing about these.
        self.steps.clear();
        self.restart();
        self.fill(journal, content, want);
    }

    /// What a linked partner shared is now `shared` (a new reading of the folder): when it
    /// differs, look again, as for a new query.
    pub fn set_shared(
        &mut self,
        shared: &Arc<Vec<SharedEvening>>,
        journal: &Journal,
        content: &Library,
        want: usize,
    ) -> bool {
        if Arc::ptr_eq(&self.shared, shared) {
            return false;
        }
        let differs = *self.shared != **shared;
        self.shared = Arc::clone(shared);
        if differs && self.is_active() {
            self.steps.clear();
            self.restart();
            self.fill(journal, content, want);
        }
        differs
    }

    /// The evening of `date` was changed, added or deleted: put the results right about
    /// it, without looking again at any other.
    pub fn changed(&mut self, date: NaiveDate, journal: &Journal, content: &Library) {
        let mut cx = Looking {
            journal,
            content,
            filters: &self.filters,
            folder: &mut self.folder,
            examined: &mut self.examined,
            talks_sorted: journal.talks.is_sorted_by_key(|t| t.date),
            shared: &self.shared,
        };
        for step in &mut self.steps {
            step.changed(date, &mut cx);
        }
    }

    /// Look on, as a keystroke may, until `want` rows are found (or every evening looked
    /// at). Returns whether the list has `want` rows now.
    pub fn fill(&mut self, journal: &Journal, content: &Library, want: usize) -> bool {
        self.run(journal, content, want, KEY_WORK);
        self.len(journal) >= want || !self.is_scanning()
    }

    /// Look on in a quiet moment.
    pub fn tick(&mut self, journal: &Journal, content: &Library) {
        self.run(journal, content, usize::MAX, TICK_WORK);
    }

    /// Look on until every evening has been looked at (for tests and benchmarks).
    pub fn finish(&mut self, journal: &Journal, content: &Library) {
        while self.is_scanning() {
            self.tick(journal, content);
        }
    }

    fn run(&mut self, journal: &Journal, content: &Library, want: usize, budget: usize) {
        let Some(step) = self.steps.last_mut() else {
            return;
        };
        let mut cx = Looking {
            journal,
            content,
            filters: &self.filters,
            folder: &mut self.folder,
            examined: &mut self.examined,
            talks_sorted: journal.talks.is_sorted_by_key(|t| t.date),
            shared: &self.shared,
        };
        step.run(&mut cx, want, budget);
    }

    /// Set up the steps for the current query: back to the longest earlier query it
    /// narrows, then a step for it (or that earlier one, when it is the same).
    fn restart(&mut self) {
        if !self.is_active() {
            self.steps.clear();
            return;
        }
        while let Some(s) = self.steps.last() {
            if self.query.narrows(&s.query) {
                break;
            }
            self.steps.pop();
        }
        match self.steps.last() {
            Some(s) if s.query == self.query => {}
            Some(s) => {
                let step = Step::narrowing(self.query.clone(), s);
                self.steps.push(step);
            }
            None => self
                .steps
                .push(Step::fresh(self.query.clone(), &self.filters)),
        }
        // Keep what going back can use within bounds: the oldest steps go first.
        while self.steps.len() > 1
            && self.steps.iter().map(Step::held).sum::<usize>() > KEPT_FOR_GOING_BACK
        {
            self.steps.remove(0);
        }
    }
}
