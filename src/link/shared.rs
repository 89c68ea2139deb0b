//! What one partner shares with the other, and how copies of it merge.
//!
//! Only what the person chose to share is ever in a [`SharedEvening`]; everything else of
//! the journal stays in the data folder.
//!
//! **Merge rule.** Evenings are matched by `date`. Of two versions of one date, the one
//! whose `updated` is the later instant wins, whole; at the very same instant, the one
//! whose JSON encoding is greater wins (an arbitrary order, but the same on every machine).
//! So merging is commutative, associative and idempotent: conflict copies made by a sync
//! engine, and the files of one person's two machines, merge to the same evenings in any
//! order, and no date is ever lost. To take back something shared, share that date again
//! with the fields set to `None`: the newer version wins everywhere.

use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::identity::InstallId;

/// The version of [`SharedFile`]'s shape.
pub const SHARED_VERSION: u32 = 1;

/// One evening as shared with the partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedEvening {
    pub date: NaiveDate,
    /// When this version was made (RFC 3339 with the offset of the place it was made in).
    pub updated: DateTime<FixedOffset>,
    pub prompt_id: String,
    /// The prompt as it was asked.
    pub prompt: String,
    #[serde(default)]
    pub answer: Option<String>,
    /// 1 to 7, the closeness picture chosen that evening.
    #[serde(default)]
    pub closeness: Option<u8>,
    /// One good thing about the partner.
    #[serde(default)]
    pub good_thing: Option<String>,
    /// Tomorrow's small act for the partner.
    #[serde(default)]
    pub small_act: Option<String>,
}

/// The plaintext of one install's shared file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedFile {
    pub version: u32,
    pub install_id: InstallId,
    pub evenings: Vec<SharedEvening>,
}

/// Which of two versions of one evening wins (see the module's merge rule).
pub fn newer<'a>(a: &'a SharedEvening, b: &'a SharedEvening) -> &'a SharedEvening {
    let order = a.updated.cmp(&b.updated).then_with(|| {
        let (ja, jb) = (serde_json::to_vec(a), serde_json::to_vec(b));
        ja.ok().cmp(&jb.ok())
    });
    if order == Ordering::Less { b } else { a }
}

/// Evenings being merged by date (see the module's merge rule).
#[derive(Debug, Default, Clone)]
pub struct Merged(Vec<SharedEvening>);

impl Merged {
    pub fn new() -> Merged {
        Merged::default()
    }

    pub fn add(&mut self, evening: SharedEvening) {
        self.0.push(evening);
    }

    pub fn extend(&mut self, evenings: impl IntoIterator<Item = SharedEvening>) {
        self.0.extend(evenings);
    }

    /// The merged evenings, one a date, in date order. A single file's evenings are
    /// already in order, so this costs one pass over them.
    pub fn into_vec(mut self) -> Vec<SharedEvening> {
        if !self.0.is_sorted_by(|a, b| a.date < b.date) {
            self.0.sort_by_key(|e| e.date);
            let mut out: Vec<SharedEvening> = Vec::with_capacity(self.0.len());
            for e in self.0 {
                match out.last_mut() {
                    Some(last) if last.date == e.date => {
                        if std::ptr::eq(newer(last, &e), &e) {
                            *last = e;
                        }
                    }
                    _ => out.push(e),
                }
            }
            return out;
        }
        self.0
    }
}

/// Merge any number of lists of evenings (see the module's merge rule).
pub fn merge<I>(lists: I) -> Vec<SharedEvening>
where
    I: IntoIterator,
    I::Item: IntoIterator<Item = SharedEvening>,
{
    let mut merged = Merged::new();
    for list in lists {
        merged.extend(list);
    }
    merged.into_vec()
}

/// Files this large are parsed by two threads.
const PARALLEL_FROM: usize = 256 * 1024;

/// A shared file as JSON with one evening a line (still one JSON document), so that
/// [`decode`] can parse a large one on two cores.
pub fn encode(file: &SharedFile) -> Vec<u8> {
    let mut head = serde_json::to_vec(&SharedFile {
        evenings: Vec::new(),
        ..file.clone_header()
    })
    .expect("a shared file serialises");
    // `{"version":1,"install_id":"…","evenings":[]}` -> open the list on its own line.
    head.truncate(head.len() - 2);
    let mut out = Vec::with_capacity(head.len() + file.evenings.len() * 1024);
    out.extend_from_slice(&head);
    for (i, e) in file.evenings.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut out, e).expect("an evening serialises");
    }
    out.extend_from_slice(b"\n]}\n");
    out
}

impl SharedFile {
    fn clone_header(&self) -> SharedFile {
        SharedFile {
            version: self.version,
            install_id: self.install_id.clone(),
            evenings: Vec::new(),
        }
    }
}

/// Parse a shared file; a large one in [`encode`]'s shape is cut at a line and parsed on
/// two threads. Any other JSON of the same shape is parsed whole: the result is the same.
pub fn decode(bytes: &[u8]) -> Result<SharedFile, serde_json::Error> {
    let split = (bytes.len() >= PARALLEL_FROM)
        .then(|| split_lines(bytes))
        .flatten();
    let Some((head, first, second)) = split else {
        return serde_json::from_slice(bytes);
    };
    std::thread::scope(|s| {
        let other = s.spawn(|| evening_lines(second));
        let header = serde_json::from_slice::<SharedFile>(&[head, b"]}"].concat());
        let first = evening_lines(first);
        let rest = other.join().expect("parsing does not panic");
        match (header, first, rest) {
            (Ok(mut file), Ok(mut evenings), Ok(mut rest)) => {
                evenings.append(&mut rest);
                file.evenings = evenings;
                Ok(file)
            }
            // Not the shape `encode` writes: the whole document, the careful way.
            _ => serde_json::from_slice(bytes),
        }
    })
}

/// `encode`'s shape cut in three: the head up to `[`, and the evenings' lines in two
/// halves.
fn split_lines(bytes: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let open = memchr::memchr(b'\n', bytes)?;
    let head = &bytes[..open];
    let body = &bytes[open + 1..];
    let end = body
        .len()
        .checked_sub(4)
        .filter(|&e| &body[e..] == b"\n]}\n")?;
    let body = &body[..end];
    let cut = memchr::memchr(b'\n', &body[body.len() / 2..])? + body.len() / 2;
    Some((head, &body[..cut], &body[cut + 1..]))
}

fn evening_lines(lines: &[u8]) -> Result<Vec<SharedEvening>, serde_json::Error> {
    lines
        .split(|&b| b == b'\n')
        .map(|line| serde_json::from_slice(line.strip_suffix(b",").unwrap_or(line)))
        .collect()
}

impl SharedEvening {
    /// An evening taken back: its date, the moment, and nothing else.
    pub fn withdrawn(date: NaiveDate, updated: DateTime<FixedOffset>) -> SharedEvening {
        SharedEvening {
            date,
            updated,
            prompt_id: String::new(),
            prompt: String::new(),
            answer: None,
            closeness: None,
            good_thing: None,
            small_act: None,
        }
    }

    /// Nothing of the evening is shared (taken back, or never anything chosen).
    pub fn is_withdrawn(&self) -> bool {
        self.answer.is_none()
            && self.closeness.is_none()
            && self.good_thing.is_none()
            && self.small_act.is_none()
    }

    /// The same evening in the same words, whenever each was made.
    pub fn same_words(&self, other: &SharedEvening) -> bool {
        SharedEvening {
            updated: other.updated,
            ..self.clone()
        } == *other
    }
}

impl SharedEvening {
    /// Drops what a well-behaved nearer never writes (a closeness outside 1 to 7), so the
    /// app can trust the shape of what it shows.
    pub fn tidied(mut self) -> SharedEvening {
        if self.closeness.is_some_and(|c| !(1..=7).contains(&c)) {
            self.closeness = None;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evening(date: &str, updated: &str, answer: &str) -> SharedEvening {
        SharedEvening {
            date: date.parse().unwrap(),
            updated: DateTime::parse_from_rfc3339(updated).unwrap(),
            prompt_id: "p".into(),
            prompt: "What stayed with you?".into(),
            answer: Some(answer.into()),
            closeness: Some(5),
            good_thing: None,
            small_act: None,
        }
    }

    #[test]
    fn the_later_instant_wins_whatever_the_offsets() {
        let a = evening("2026-12-01", "2026-12-01T22:00:00+01:00", "earlier");
        // 21:30 UTC is 22:30 in +01:00: later, though its clock reads less.
        let b = evening("2026-12-01", "2026-12-01T21:30:00+00:00", "later");
        assert_eq!(merge([vec![a.clone()], vec![b.clone()]]), vec![b.clone()]);
        assert_eq!(merge([vec![b.clone()], vec![a]]), vec![b]);
    }

    #[test]
    fn ties_break_the_same_way_in_any_order() {
        let a = evening("2026-12-01", "2026-12-01T22:00:00+01:00", "one");
        let b = evening("2026-12-01", "2026-12-01T22:00:00+01:00", "two");
        assert_eq!(
            merge([vec![a.clone()], vec![b.clone()]]),
            merge([vec![b], vec![a]])
        );
    }

    #[test]
    fn the_line_shape_parses_as_json_and_on_two_threads_alike() {
        let evenings: Vec<SharedEvening> = (0..2000)
            .map(|i| {
                let date = format!(
                    "{}",
                    chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                        + chrono::Duration::days(i)
                );
                evening(
                    &date,
                    "2026-12-01T22:00:00+01:00",
                    &"words, \"quoted\"\n".repeat(20),
                )
            })
            .collect();
        let file = SharedFile {
            version: SHARED_VERSION,
            install_id: InstallId::parse("0123456789abcdef").unwrap(),
            evenings,
        };
        let bytes = encode(&file);
        assert!(bytes.len() > PARALLEL_FROM);
        assert!(split_lines(&bytes).is_some());
        assert_eq!(serde_json::from_slice::<SharedFile>(&bytes).unwrap(), file);
        assert_eq!(decode(&bytes).unwrap(), file);
        // Compact JSON from another writer parses the same, the careful way.
        let compact = serde_json::to_vec(&file).unwrap();
        assert_eq!(decode(&compact).unwrap(), file);
        let small = SharedFile {
            evenings: file.evenings[..2].to_vec(),
            ..file.clone()
        };
        assert_eq!(decode(&encode(&small)).unwrap(), small);
        let empty = SharedFile {
            evenings: vec![],
            ..file
        };
        assert_eq!(decode(&encode(&empty)).unwrap(), empty);
    }

    #[test]
    fn a_closeness_out_of_range_is_dropped() {
        let mut e = evening("2026-12-01", "2026-12-01T22:00:00+01:00", "x");
        e.closeness = Some(9);
        assert_eq!(e.tidied().closeness, None);
    }
}
