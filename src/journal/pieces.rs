//! Reading a journal file a piece at a time, so that a large journal is never in memory
//! twice over (the file's bytes and the entries parsed from them) while nearer opens.
//!
//! serde_json does all the reading of values: each entry is parsed from a slice of a
//! buffer that holds 128 KiB of the file, which is as fast as parsing the whole
//! file from one slice (serde_json's own reader, `from_reader`, is two to three times
//! slower). Only the punctuation between values (`{`, `:`, `,`, `[`, `]`, `}`) is read here.
//!
//! Only a file shaped as this nearer writes it is read this way: one object with this
//! build's `version`, `preferences` and `entries`, and no field this nearer does not know,
//! anywhere. For anything else (an older or newer version, fields from a newer nearer, a
//! repeated key, a mistake, a read error) [`read`] gives `None`, and the store reads the
//! file the careful way, which keeps unknown fields, migrates, and explains mistakes. So
//! this changes how much memory opening a journal takes, never what it opens to
//! (tests/fuzz.rs compares the two on many thousands of files, cut at every size of piece).

use std::fs::File;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::de::DeserializeOwned;

use super::model::{Entry, Journal, Preferences, SCHEMA_VERSION};
use super::together::Talk;

/// How much of the file is read at a time. An entry longer than this grows the buffer.
pub const PIECE: usize = 128 * 1024;

/// Below this size a journal is read by one thread: a second would cost more to start
/// than it saves.
const SPLIT_ABOVE: u64 = 1 << 20;

/// The journal in `file`, or `None` when the file is not one this path reads (see the
/// module's documentation) or is longer than `limit`.
///
/// A large journal is read by as many threads as there are cores (at most four), each
/// from a place in the file where an entry seems to start (see [`guess_splits`]). The
/// guesses are checked: the part before each one must end exactly there, entry by entry,
/// or that part goes on by itself and what was read from the guess is dropped.
pub fn read(file: &File, len: u64, limit: u64) -> Option<Journal> {
    read_source(file, len, limit)
}

/// As [`read`], from any source of bytes `len` long (a locked journal's file, decrypted as
/// it is read, each part decrypting its own).
pub fn read_source(source: &dyn Source, len: u64, limit: u64) -> Option<Journal> {
    let parts = if len > SPLIT_ABOVE {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
    } else {
        1
    };
    read_parts(source, len, limit, PIECE, parts)
}

/// What a journal is read from: each part of a read gets a reader of its own.
pub trait Source: Sync {
    fn reader(&self) -> io::Result<Box<dyn ReadAt + Send + '_>>;
}

/// Reads at any position.
pub trait ReadAt {
    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> io::Result<usize>;
}

impl Source for File {
    fn reader(&self) -> io::Result<Box<dyn ReadAt + Send + '_>> {
        Ok(Box::new(self))
    }
}

impl ReadAt for &File {
    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        read_at(self, buf, offset)
    }
}

/// As [`read`], `piece` bytes at a time, in up to `parts` parts whatever the file's size
/// (for tests that cut files into many small pieces and parts).
pub fn read_with(file: &File, limit: u64, piece: usize, parts: usize) -> Option<Journal> {
    read_parts(file, file.metadata().ok()?.len(), limit, piece, parts)
}

fn read_parts(
    source: &dyn Source,
    len: u64,
    limit: u64,
    piece: usize,
    parts: usize,
) -> Option<Journal> {
    if len > limit {
        return None;
    }
    let mut first = source.reader().ok()?;
    let splits = if parts > 1 {
        guess_splits(&mut *first, len, parts)
    } else {
        Vec::new()
    };
    // Set once the first thread is done, so that parts no longer needed stop early.
    let over = AtomicBool::new(false);
    let over = &over;
    std::thread::scope(|scope| {
        let parts: Vec<_> = splits
            .iter()
            .enumerate()
            .map(|(i, &from)| {
                let stop = splits.get(i + 1).copied();
                scope.spawn(move || {
                    let mut part = Pieces::new(source.reader()?, from, piece, limit);
                    part.over = Some(over);
                    let mut entries = Vec::new();
                    let end = part.entries_until(stop, &mut entries)?;
                    Ok::<_, Careful>((entries, part, end))
                })
            })
            .collect();
        let journal = journal(
            Pieces::new(first, 0, piece, limit),
            splits.first().copied(),
            parts,
        );
        over.store(true, Ordering::Relaxed);
        journal.ok()
    })
}

type Part<'f> =
    std::thread::ScopedJoinHandle<'f, Result<(Vec<Arc<Entry>>, Pieces<'f>, End), Careful>>;

/// Why reading in pieces stopped: the careful path takes over, whatever it was.
struct Careful;

impl From<io::Error> for Careful {
    fn from(_: io::Error) -> Careful {
        Careful
    }
}

/// Where a run of entries ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// At the `]` that closes the entries (read).
    Closed,
    /// Just before the entry that starts at the place it was asked to stop.
    Stopped,
}

fn journal<'f>(
    mut p: Pieces<'f>,
    first_split: Option<u64>,
    parts: Vec<Part<'f>>,
) -> Result<Journal, Careful> {
    p.fill(3)?;
    if p.available().starts_with(b"\xEF\xBB\xBF") {
        p.start += 3;
    }
    p.expect(b'{')?;
    let mut version = None;
    let mut preferences = None;
    let mut entries = None;
    let mut talks = None;
    let mut parts = parts.into_iter();
    if p.peek()? == Some(b'}') {
        p.start += 1;
    } else {
        loop {
            let key: String = p.value()?;
            p.expect(b':')?;
            match key.as_str() {
                "version" if version.is_none() => version = Some(p.value::<u32>()?),
                "preferences" if preferences.is_none() => {
                    // A field this nearer does not know is left to the careful path,
                    // which keeps it.
                    preferences = Some(p.value::<Known<Preferences>>()?.0.ok_or(Careful)?)
                }
                "entries" if entries.is_none() => {
                    p.expect(b'[')?;
                    let mut all = Vec::new();
                    let mut end = if p.peek()? == Some(b']') {
                        p.start += 1;
                        End::Closed
                    } else {
                        p.entries_until(first_split, &mut all)?
                    };
                    // Each part that ended where the next began hands over to it.
                    while end == End::Stopped {
                        match parts.next().map(|part| part.join()) {
                            Some(Ok(Ok((more, rest, rest_end)))) => {
                                all.extend(more);
                                p = rest;
                                end = rest_end;
                            }
                            _ => end = p.entries_until(None, &mut all)?,
                        }
                    }
                    entries = Some(all);
                }
                "talks" if talks.is_none() => {
                    talks = Some(p.value::<Known<Vec<Talk>>>()?.0.ok_or(Careful)?)
                }
                _ => return Err(Careful),
            }
            match p.next()? {
                Some(b',') => {}
                Some(b'}') => break,
                _ => return Err(Careful),
            }
        }
    }
    // Only white space may follow, as for serde_json's `from_slice`.
    if p.peek()?.is_some() || version != Some(SCHEMA_VERSION) {
        return Err(Careful);
    }
    Ok(Journal {
        version: SCHEMA_VERSION,
        preferences: preferences.unwrap_or_default(),
        entries: entries.unwrap_or_default(),
        talks: talks.unwrap_or_default(),
    })
}

/// Places to start reading entries from, one for each thread after the first: in a
/// journal as nearer writes it, every entry but the first starts on a line of its own
/// after the line that closes the one before, four spaces in. A raw line break cannot be
/// inside a JSON string, so these bytes are never someone's words, and every guess is
/// checked by the part before it anyway.
fn guess_splits(source: &mut dyn ReadAt, len: u64, threads: usize) -> Vec<u64> {
    const BETWEEN: &[u8] = b"\n    },\n    {\n";
    const WINDOW: usize = 256 * 1024;
    let mut splits = Vec::new();
    let mut window = vec![0; WINDOW];
    for i in 1..threads as u64 {
        let around = len * i / threads as u64;
        let Ok(n) = source.read_at(&mut window, around) else {
            break;
        };
        let found = window[..n]
            .windows(BETWEEN.len())
            .position(|w| w == BETWEEN)
            .map(|at| around + (at + BETWEEN.len() - 2) as u64);
        if let Some(at) = found
            && splits.last().is_none_or(|&last| at > last)
        {
            splits.push(at);
        }
    }
    splits
}

/// Read from `offset` of `file` without moving a cursor shared with other threads.
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_at(file, buf, offset)
    }
    #[cfg(windows)]
    {
        std::os::windows::fs::FileExt::seek_read(file, buf, offset)
    }
}

/// A window on the file: `buf[start..end]` has been read and not yet used; `buf[0]` is
/// byte `offset` of the file.
struct Pieces<'f> {
    source: Box<dyn ReadAt + Send + 'f>,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    offset: u64,
    limit: u64,
    /// The file has ended.
    done: bool,
    /// Set when what this reads is no longer wanted.
    over: Option<&'f AtomicBool>,
}

impl<'f> Pieces<'f> {
    fn new(
        source: Box<dyn ReadAt + Send + 'f>,
        offset: u64,
        piece: usize,
        limit: u64,
    ) -> Pieces<'f> {
        Pieces {
            source,
            buf: vec![0; piece.max(1)],
            start: 0,
            end: 0,
            offset,
            limit,
            done: false,
            over: None,
        }
    }

    /// Where in the file the next byte available is.
    fn position(&self) -> u64 {
        self.offset + self.start as u64
    }

    fn available(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    /// Read more of the file after what is available; `false` at its end.
    fn more(&mut self) -> Result<bool, Careful> {
        if self.done {
            return Ok(false);
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.offset += self.start as u64;
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            let longer = self.buf.len() * 2;
            self.buf.resize(longer, 0);
        }
        let at = self.offset + self.end as u64;
        let n = loop {
            match self.source.read_at(&mut self.buf[self.end..], at) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                got => break got?,
            }
        };
        if at + n as u64 > self.limit {
            return Err(Careful);
        }
        self.end += n;
        self.done = n == 0;
        Ok(n > 0)
    }

    /// Make at least `n` bytes available, if the file has them.
    fn fill(&mut self, n: usize) -> Result<(), Careful> {
        while self.available().len() < n && self.more()? {}
        Ok(())
    }

    /// The next byte that is not JSON white space, left available; `None` at the end.
    fn peek(&mut self) -> Result<Option<u8>, Careful> {
        loop {
            let skip = self
                .available()
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
                .count();
            self.start += skip;
            if let Some(&b) = self.available().first() {
                return Ok(Some(b));
            }
            if !self.more()? {
                return Ok(None);
            }
        }
    }

    /// The next byte that is not white space, used.
    fn next(&mut self) -> Result<Option<u8>, Careful> {
        let b = self.peek()?;
        if b.is_some() {
            self.start += 1;
        }
        Ok(b)
    }

    fn expect(&mut self, byte: u8) -> Result<(), Careful> {
        match self.next()? {
            Some(b) if b == byte => Ok(()),
            _ => Err(Careful),
        }
    }

    /// One JSON value, parsed by serde_json from what is available, reading more of the
    /// file while it is cut short.
    fn value<T: DeserializeOwned>(&mut self) -> Result<T, Careful> {
        self.peek()?;
        loop {
            let available = self.available();
            let mut values = serde_json::Deserializer::from_slice(available).into_iter::<T>();
            match values.next() {
                Some(Ok(value)) => {
                    let used = values.byte_offset();
                    // A number or word that reaches the end of what is available may go on
                    // in the next piece.
                    if used == available.len() && self.more()? {
                        continue;
                    }
                    self.start += used;
                    return Ok(value);
                }
                Some(Err(e)) if e.is_eof() => {
                    if !self.more()? {
                        return Err(Careful);
                    }
                }
                _ => return Err(Careful),
            }
        }
    }

    /// Entries, each followed by `,` or the closing `]`, until that `]` or until the entry
    /// that starts at `stop`. Starts where an entry starts (after `[` or `,`).
    fn entries_until(
        &mut self,
        mut stop: Option<u64>,
        entries: &mut Vec<Arc<Entry>>,
    ) -> Result<End, Careful> {
        loop {
            if self.over.is_some_and(|over| over.load(Ordering::Relaxed)) {
                return Err(Careful);
            }
            self.peek()?;
            if let Some(at) = stop {
                let here = self.position();
                if here == at {
                    return Ok(End::Stopped);
                }
                if here > at {
                    // The guess was not where an entry starts: go on past it.
                    stop = None;
                }
            }
            entries.push(Arc::new(self.value::<strict::Entry>()?.0));
            match self.next()? {
                Some(b',') => {}
                Some(b']') => return Ok(End::Closed),
                _ => return Err(Careful),
            }
        }
    }
}

/// A value with no object key its type does not know (`None` when it had one). Such keys
/// are noticed as serde skips them, in the same pass that parses the value. (Entries, read
/// thousands of times, refuse such keys a quicker way: see [`strict`].)
struct Known<T>(Option<T>);

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Known<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut unknown = false;
        let value = serde_ignored::deserialize(d, |_| unknown = true)?;
        Ok(Known((!unknown).then_some(value)))
    }
}

/// An entry as serde reads it into the model, except that a field this nearer does not
/// know, at any depth, is an error (the careful path then keeps it). serde builds the
/// model's own types from these (`remote`), so a field added to the model and not here
/// does not compile; the defaults must match the model's, which the property tests in
/// tests/fuzz.rs check by comparing with the careful path.
mod strict {
    use chrono::{DateTime, FixedOffset, NaiveDate};
    use serde::{Deserialize, Deserializer};

    use crate::journal::model::{self, Followup, Outcome, Reflection, SmallAct};
    use crate::journal::together::{Together, Voice};

    #[derive(Deserialize)]
    pub struct Entry(#[serde(with = "StrictEntry")] pub model::Entry);

    #[derive(Deserialize)]
    #[serde(remote = "model::Entry", deny_unknown_fields)]
    struct StrictEntry {
        date: NaiveDate,
        #[serde(deserialize_with = "crate::journal::moment::deserialize")]
        created: DateTime<FixedOffset>,
        #[serde(deserialize_with = "crate::journal::moment::deserialize")]
        updated: DateTime<FixedOffset>,
        closeness: u8,
        #[serde(default)]
        stress: Option<u8>,
        #[serde(default, deserialize_with = "followup")]
        followup: Option<Followup>,
        #[serde(default, deserialize_with = "reflection")]
        reflection: Option<Reflection>,
        #[serde(default)]
        appreciation: Option<String>,
        #[serde(default, deserialize_with = "small_act")]
        small_act: Option<SmallAct>,
        #[serde(default)]
        starred: bool,
        #[serde(default, deserialize_with = "together")]
        together: Option<Together>,
        #[serde(default)]
        shown: Vec<String>,
    }

    #[derive(Deserialize)]
    #[serde(remote = "Together", deny_unknown_fields)]
    struct StrictTogether {
        prompt_id: String,
        prompt: String,
        #[serde(with = "StrictVoice")]
        owner: Voice,
        #[serde(with = "StrictVoice")]
        partner: Voice,
        #[serde(default)]
        act_together: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(remote = "Voice", deny_unknown_fields)]
    struct StrictVoice {
        name: String,
        closeness: u8,
        #[serde(default)]
        answer: Option<String>,
        #[serde(default)]
        good_thing: Option<String>,
        #[serde(default)]
        small_act: Option<String>,
        #[serde(default)]
        followup: Option<Outcome>,
    }

    fn together<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Together>, D::Error> {
        #[derive(Deserialize)]
        struct Some(#[serde(with = "StrictTogether")] Together);
        Ok(Option::<Some>::deserialize(d)?.map(|s| s.0))
    }

    #[derive(Deserialize)]
    #[serde(remote = "Reflection", deny_unknown_fields)]
    struct StrictReflection {
        prompt_id: String,
        prompt: String,
        answer: String,
    }

    #[derive(Deserialize)]
    #[serde(remote = "SmallAct", deny_unknown_fields)]
    struct StrictSmallAct {
        #[serde(default)]
        card_id: Option<String>,
        text: String,
    }

    #[derive(Deserialize)]
    #[serde(remote = "Followup", deny_unknown_fields)]
    struct StrictFollowup {
        #[serde(with = "StrictSmallAct")]
        planned: SmallAct,
        #[serde(default)]
        outcome: Option<Outcome>,
        #[serde(default)]
        noticed: String,
    }

    fn followup<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Followup>, D::Error> {
        #[derive(Deserialize)]
        struct Some(#[serde(with = "StrictFollowup")] Followup);
        Ok(Option::<Some>::deserialize(d)?.map(|s| s.0))
    }

    fn reflection<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Reflection>, D::Error> {
        #[derive(Deserialize)]
        struct Some(#[serde(with = "StrictReflection")] Reflection);
        Ok(Option::<Some>::deserialize(d)?.map(|s| s.0))
    }

    fn small_act<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SmallAct>, D::Error> {
        #[derive(Deserialize)]
        struct Some(#[serde(with = "StrictSmallAct")] SmallAct);
        Ok(Option::<Some>::deserialize(d)?.map(|s| s.0))
    }
}

#[cfg(test)]
mod tests;
