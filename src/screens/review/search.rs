//! Find: every text of every evening, case- and accent-insensitive, in any script.
//!
//! Nothing of the journal is copied or indexed: a query looks through the evenings
//! themselves, newest first, and a keystroke looks only as far as the screen needs (a
//! couple of milliseconds of work at most, whatever the journal's size). Quiet moments go
//! on looking a slice at a time, for the count and the rows further down; the list says
//! so meanwhile. Text in plain ASCII (most of a journal) is matched as it is, lowercased
//! on the way; only other text goes through the full fold.

use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;

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
fn each_field<'a>(entry: &'a Entry, mut f: impl FnMut(Field, &'a str)) {
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
pub fn fields(entry: &Entry) -> Vec<(Field, &str)> {
    let mut out = Vec::new();
    each_field(entry, |field, text| out.push((field, text)));
    out
}

/// Folds evenings' text into a buffer it keeps, fast. Folding changes an ASCII character
/// only by lowercasing it, and leaves most others (Japanese, Arabic letters, emoji) as they
/// are: so a text is copied in bulk, lowercased in bulk, and only the characters that fold
/// to something else (an accented letter, a capital outside ASCII) go through
/// [`fold_text`], through a small cache. The result is exactly `fold_text` of the text.
#[derive(Clone)]
struct Folder {
    out: Vec<u8>,
    /// Recently met characters, by a hash of the character.
    cache: Box<[Slot]>,
}

/// A character and what it folds to: [`SAME`] for itself, else `len` bytes (a form longer
/// than the slot is not cached).
#[derive(Debug, Clone, Copy)]
struct Slot {
    c: char,
    len: u8,
    bytes: [u8; FOLDED_SLOT],
}

const SAME: u8 = u8::MAX;
const FOLDED_SLOT: usize = 10;
const CACHE_SLOTS: usize = 4096;

impl Default for Folder {
    fn default() -> Self {
        // No slot holds '\0' (ASCII never comes to the cache), so an empty one never hits.
        let empty = Slot {
            c: '\0',
            len: 0,
            bytes: [0; FOLDED_SLOT],
        };
        Folder {
            out: Vec::new(),
            cache: vec![empty; CACHE_SLOTS].into_boxed_slice(),
        }
    }
}

impl std::fmt::Debug for Folder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Folder")
            .field("out", &self.out.len())
            .finish_non_exhaustive()
    }
}

/// Where the first byte outside ASCII is, sixteen bytes at a time.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i + 16 <= bytes.len() && bytes[i..i + 16].is_ascii() {
        i += 16;
    }
    bytes[i..].iter().position(|b| !b.is_ascii()).map(|p| i + p)
}

/// Lowercase the ASCII capitals of `bytes`, leaving every other byte alone (no branch, so
/// the compiler can do many bytes at once).
fn lowercase_ascii(bytes: &mut [u8]) {
    for b in bytes {
        *b |= u8::from(b.wrapping_sub(b'A') < 26) << 5;
    }
}

impl Folder {
    /// Fold every field of `entry` into the buffer, the fields apart.
    fn entry(&mut self, entry: &Entry) -> &[u8] {
        self.out.clear();
        each_field(entry, |_, text| {
            if !self.out.is_empty() {
                self.out.push(FIELD_SEPARATOR as u8);
            }
            self.push(text);
        });
        &self.out
    }

    fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // Bytes before this are in `out` already, folded.
        let mut copied = 0;
        let mut at = 0;
        while let Some(off) = first_non_ascii(&bytes[at..]) {
            at += off;
            // A run of characters outside ASCII (a sentence in Japanese, say), one by one.
            while let Some(c) = text[at..].chars().next().filter(|c| !c.is_ascii()) {
                let i = at;
                at += c.len_utf8();
                let slot = self.slot(c);
                if slot.len == SAME {
                    continue;
                }
                self.copy(&bytes[copied..i]);
                copied = at;
                if usize::from(slot.len) <= FOLDED_SLOT {
                    self.out
                        .extend_from_slice(&slot.bytes[..usize::from(slot.len)]);
                } else {
                    self.out
                        .extend_from_slice(fold_text(c.encode_utf8(&mut [0; 4])).as_bytes());
                }
            }
        }
        self.copy(&bytes[copied..]);
    }

    /// Copy text that folds to itself but for ASCII capitals.
    fn copy(&mut self, bytes: &[u8]) {
        let from = self.out.len();
        self.out.extend_from_slice(bytes);
        lowercase_ascii(&mut self.out[from..]);
    }

    /// What `c` (outside ASCII) folds to, from the cache or folded now. A form too long
    /// for a slot is not kept, and comes back with a `len` beyond the slot.
    fn slot(&mut self, c: char) -> Slot {
        let i = ((c as u32).wrapping_mul(0x9E37_79B1) >> 20) as usize % CACHE_SLOTS;
        if self.cache[i].c == c {
            return self.cache[i];
        }
        let mut utf8 = [0; 4];
        let own = c.encode_utf8(&mut utf8);
        let folded = fold_text(own);
        let mut slot = Slot {
            c,
            len: SAME,
            bytes: [0; FOLDED_SLOT],
        };
        if folded != *own {
            if folded.len() <= FOLDED_SLOT {
                slot.bytes[..folded.len()].copy_from_slice(folded.as_bytes());
                slot.len = folded.len() as u8;
            } else {
                slot.len = FOLDED_SLOT as u8 + 1;
                return slot;
            }
        }
        self.cache[i] = slot;
        slot
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

    /// Whether `entry` holds every word, each within one of its texts: folds the entry
    /// on the spot (so nothing folded is kept), the plainest way there is. Search itself
    /// goes the faster way of [`Search`]; this is the yardstick tests hold it to.
    pub fn matches(&self, entry: &Entry) -> bool {
        let texts: Vec<String> = fields(entry).iter().map(|(_, t)| fold_text(t)).collect();
        self.terms
            .iter()
            .all(|term| texts.iter().any(|t| t.contains(term.as_str())))
    }
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

    /// Whether `folded` (an entry as [`Folder::entry`] leaves it) holds every word, and
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
        let folded = self.folder.entry(e);
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
            + self.folder.out.capacity()
            + self.folder.cache.len() * std::mem::size_of::<Slot>()
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

    /// The evening of `date` was changed, added or deleted: put the results right about
    /// it, without looking again at any other.
    pub fn changed(&mut self, date: NaiveDate, journal: &Journal, content: &Library) {
        let mut cx = Looking {
            journal,
            content,
            filters: &self.filters,
            folder: &mut self.folder,
            examined: &mut self.examined,
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
        if ch.is_ascii() {
            // What folding does to ASCII, without a string for it.
            last = owner.len();
            owner.push(src);
            folded.push(ch.to_ascii_lowercase());
            continue;
        }
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
    use super::*;
    use crate::journal::{Reflection, SmallAct};
    use chrono::{DateTime, Datelike};
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
            shown: Vec::new(),
        }
    }

    fn journal(texts: &[&str]) -> Journal {
        let mut j = Journal::default();
        for (i, t) in texts.iter().enumerate() {
            j.upsert(entry(i as u32 + 1, t));
        }
        j
    }

    /// A journal of one evening per text, on days running on from 1 January 2025 (more
    /// than a month's worth, unlike `journal`).
    fn evenings_from(texts: &[String]) -> Journal {
        let mut j = Journal::default();
        let first = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        for (i, text) in texts.iter().enumerate() {
            let mut e = entry(1, text);
            e.date = first + chrono::Days::new(i as u64);
            j.upsert(e);
        }
        j
    }

    fn rows(s: &Search, j: &Journal) -> Vec<NaiveDate> {
        (0..s.len(j)).filter_map(|i| s.row(j, i)).collect()
    }

    fn days(s: &Search, j: &Journal) -> Vec<u32> {
        rows(s, j).iter().map(Datelike::day).collect()
    }

    /// What a search must end with: every evening that passes the filters and holds every
    /// word, folded on the spot, newest first.
    fn brute_force(j: &Journal, q: &Query, f: &Filters, lib: &Library) -> Vec<NaiveDate> {
        j.entries
            .iter()
            .rev()
            .filter(|e| f.accepts(e, lib) && q.matches(e))
            .map(|e| e.date)
            .collect()
    }

    fn find(j: &Journal, q: &str) -> Vec<u32> {
        let lib = Library::default();
        let mut s = Search::default();
        s.set_query(Query::parse(q), j, &lib, 10);
        s.finish(j, &lib);
        let found = days(&s, j);
        if s.is_active() {
            let brute: Vec<u32> = brute_force(j, &s.query, &s.filters, &lib)
                .iter()
                .map(Datelike::day)
                .collect();
            assert_eq!(found, brute, "{q:?} as a brute-force scan finds it");
        }
        found
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
    fn folded(text: &str) -> String {
        let mut folder = Folder::default();
        folder.push(text);
        // Twice, the second time through the cache.
        let first = String::from_utf8(folder.out.clone()).unwrap();
        folder.out.clear();
        folder.push(text);
        assert_eq!(folder.out, first.as_bytes());
        first
    }

    #[test]
    fn finding_an_evening_before_another() {
        // Every other day of March: the 1st, 3rd... 29th.
        let texts: Vec<String> = (0..15).map(|i| i.to_string()).collect();
        let mut j = Journal::default();
        for (i, t) in texts.iter().enumerate() {
            j.upsert(entry(2 * i as u32 + 1, t));
        }
        for below in 0..=j.entries.len() {
            for day in 1..=31 {
                let date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
                let want = j.entries[..below].iter().position(|e| e.date == date);
                assert_eq!(find_before(&j.entries, below, date), want, "{below} {day}");
            }
        }
    }

    #[test]
    fn the_fast_fold_is_the_fold() {
        for text in [
            "Plain ASCII, with CAPITALS and 123.",
            "Café CRÈME brûlée, Straße, ΑΓΑΠΗΣ αγάπης, Ünïcödé",
            "今日は二人で散歩して、桜の話をしました。ｶﾀｶﾅ ＦＵＬＬ",
            "اليوم تحدثنا طويلا، הַקְשָׁבָה",
            "❤️ 🫶🏽 👨‍👩‍👧 🏳️‍🌈 ﷺ ﷽ ㎒ Å K",
            "",
        ] {
            assert_eq!(folded(text), fold_text(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_fold_is_the_fold_for_any_text(text in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(folded(&text), fold_text(&text));
        }
    }

    #[test]
    fn a_slice_at_a_time_ends_with_what_a_brute_force_scan_finds() {
        let texts: Vec<String> = (0..28)
            .map(|i| format!("Café number {i}, {}", ["tea", "walk", "Thé"][i % 3]))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let j = journal(&refs);
        let lib = Library::default();
        let mut s = Search::default();
        // Want nothing yet: look at nothing.
        s.set_query(Query::parse("the"), &j, &lib, 0);
        assert_eq!(s.examined(), 0);
        assert!(s.is_scanning());
        // A slice of about five evenings' work at a time, newest first.
        let slice = 5 * (PER_EVENING + texts[0].len() + 30);
        let mut rounds = 0;
        while s.is_scanning() {
            let before = s.examined();
            s.run(&j, &lib, usize::MAX, slice);
            assert!(s.examined() - before <= 6, "a slice is a slice");
            rounds += 1;
            // What is found so far is the newest part of the whole.
            let so_far = rows(&s, &j);
            let all = brute_force(&j, &s.query, &s.filters, &lib);
            assert_eq!(so_far[..], all[..so_far.len()]);
            if s.is_scanning() {
                assert!(s.reached().is_some());
            }
        }
        assert!(rounds >= 5, "{rounds} slices");
        assert_eq!(s.examined(), 28, "each evening looked at once");
        assert_eq!(rows(&s, &j), brute_force(&j, &s.query, &s.filters, &lib));
        // "the" is in "Thé" (the accent goes), every third evening, and not in the prompt.
        assert_eq!(s.len(&j), 9);
    }

    #[test]
    fn a_keystroke_looks_only_as_far_as_the_screen_needs() {
        let texts: Vec<String> = (0..500).map(|i| format!("walk {i}")).collect();
        let j = evenings_from(&texts);
        let lib = Library::default();
        let mut s = Search::default();
        s.set_query(Query::parse("walk"), &j, &lib, 30);
        assert_eq!(s.examined(), 30, "every evening matches: thirty looked at");
        assert_eq!(s.len(&j), 30);
        assert!(s.is_scanning());
        // Narrowing looks at what was found first.
        s.set_query(Query::parse("walk 4"), &j, &lib, 5);
        let found = rows(&s, &j);
        assert_eq!(found.len(), 5);
        assert!(s.examined() <= 30 + 30, "{}", s.examined());
        s.finish(&j, &lib);
        assert_eq!(rows(&s, &j), brute_force(&j, &s.query, &s.filters, &lib));
        assert_eq!(
            s.examined(),
            30 + 30 + 470,
            "each evening once per query after that"
        );
        // Going back takes up the shorter query where it was, and finishes it.
        s.set_query(Query::parse("walk"), &j, &lib, 30);
        assert_eq!(s.len(&j), 30);
        s.finish(&j, &lib);
        assert_eq!(s.len(&j), 500);
    }

    #[test]
    fn narrowing_going_back_and_editing_agree_with_a_brute_force_scan() {
        let texts: Vec<String> = (0..60)
            .map(|i| {
                format!(
                    "walk {} café {} tea",
                    ["park", "river", "Parc", "rivière"][i % 4],
                    i
                )
            })
            .collect();
        let j = evenings_from(&texts);
        let lib = Library::default();
        let mut s = Search::default();
        let check = |s: &mut Search, typed: &str, want: usize| {
            s.set_query(Query::parse(typed), &j, &lib, want);
            let all = brute_force(&j, &s.query, &s.filters, &lib);
            let so_far = rows(s, &j);
            assert_eq!(so_far[..], all[..so_far.len()], "so far, for {typed:?}");
            assert!(so_far.len() >= want.min(all.len()), "enough for {typed:?}");
            // Half the time, look on before the next key.
            if want.is_multiple_of(2) {
                s.finish(&j, &lib);
                assert_eq!(rows(s, &j), all, "for {typed:?}");
            }
        };
        let mut typed = String::new();
        for (n, ch) in "riviere 1".chars().enumerate() {
            typed.push(ch);
            check(&mut s, &typed, 3 + n);
        }
        while typed.pop().is_some() {
            let n = typed.len();
            check(&mut s, &typed, 2 + n);
        }
        // Edits in the middle: neither a narrowing nor a step back.
        for (n, typed) in [
            "river 12", "rivr 12", "rive 12", "park 1", "park 21", "pak 21", "tea",
        ]
        .into_iter()
        .enumerate()
        {
            check(&mut s, typed, 4 + n);
        }
        s.finish(&j, &lib);
        assert_eq!(rows(&s, &j), brute_force(&j, &s.query, &s.filters, &lib));
    }

    #[test]
    fn results_follow_changes_to_the_journal() {
        // Apples every evening of March 1 to 20 but the 14th and 16th, pears.
        let texts: Vec<String> = (1..=20)
            .map(|i| match i {
                14 | 16 => format!("pear {i}"),
                _ => format!("apple {i}"),
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let j = journal(&refs);
        let lib = Library::default();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        for finished in [false, true] {
            let mut s = Search::default();
            // "apple" as far as the 9th; "apple 1" looks through those first, and stops
            // at the 19th: the 18th to the 9th are candidates still to look at.
            s.set_query(Query::parse("apple"), &j, &lib, 10);
            s.set_query(Query::parse("apple 1"), &j, &lib, 1);
            assert_eq!(rows(&s, &j), vec![day(19)]);
            if finished {
                s.finish(&j, &lib);
            }
            let mut j = j.clone();
            let set = |j: &mut Journal, d: u32, text: &str| {
                let i = j.entries.iter().position(|e| e.date == day(d)).unwrap();
                Arc::make_mut(&mut j.entries[i])
                    .reflection
                    .as_mut()
                    .unwrap()
                    .answer = text.into();
            };
            // Looked at already: no longer an apple.
            set(&mut j, 20, "pear");
            s.changed(day(20), &j, &lib);
            set(&mut j, 19, "pear");
            s.changed(day(19), &j, &lib);
            // Among the candidates still to look at: a pear that is an apple now.
            set(&mut j, 14, "crab apple 1");
            s.changed(day(14), &j, &lib);
            // Further back than anything looked at.
            set(&mut j, 2, "apple 1 crumble");
            s.changed(day(2), &j, &lib);
            // Gone, and added.
            j.remove(day(17));
            s.changed(day(17), &j, &lib);
            j.upsert(entry(31, "apple 1 tart"));
            s.changed(day(31), &j, &lib);
            s.finish(&j, &lib);
            let want = brute_force(&j, &s.query, &s.filters, &lib);
            assert_eq!(rows(&s, &j), want, "finished first: {finished}");
            assert_eq!(
                want,
                [31, 18, 15, 14, 13, 12, 11, 10, 2, 1].map(day).to_vec()
            );
            // And going back to "apple" finds the changes too.
            s.set_query(Query::parse("apple"), &j, &lib, 1);
            s.finish(&j, &lib);
            assert_eq!(rows(&s, &j), brute_force(&j, &s.query, &s.filters, &lib));
        }
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
        let mut set = |f: Filters| {
            s.set_filters(f, &j, &lib, 10);
            s.finish(&j, &lib);
            rows(&s, &j)
        };
        assert_eq!(
            set(Filters {
                starred: true,
                ..Filters::default()
            }),
            vec![j.entries[2].date, j.entries[0].date]
        );
        assert_eq!(
            set(Filters {
                starred: true,
                appreciation: Some(false),
                ..Filters::default()
            }),
            vec![j.entries[0].date]
        );
        assert_eq!(
            set(Filters {
                from: Some(j.entries[1].date),
                to: Some(j.entries[1].date),
                ..Filters::default()
            }),
            vec![j.entries[1].date]
        );
        assert_eq!(s.examined(), 3 + 3 + 1, "a date range looks only inside it");
        s.set_query(Query::parse("tea"), &j, &lib, 10);
        assert_eq!(rows(&s, &j), vec![j.entries[1].date]);
        s.set_query(Query::parse("one"), &j, &lib, 10);
        assert!(rows(&s, &j).is_empty());
        assert!(!s.is_scanning());
    }
}
