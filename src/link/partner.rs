//! The link as the app sees it: plain data that a worker thread reads from the folder and
//! hands to `update` (see `tui/link.rs`), and the pure functions the screens use with it:
//! what this journal shares, the couple's history of questions, what home may show.
//!
//! The partner's evenings are kept in memory only: nothing of them is ever written to the
//! journal or anywhere else in the data folder.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use super::shared::SharedEvening;
use super::status::Status;
use crate::journal::{Entry, Journal, Share};

/// What the app knows of the link, as last read by the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    pub status: Status,
    /// The shared folder.
    pub dir: PathBuf,
    /// The couple's seed, once the partner is confirmed (the same on both machines).
    pub seed: Option<u64>,
    /// The partner's shared evenings, merged, in date order. In memory only.
    pub evenings: Arc<Vec<SharedEvening>>,
    /// This install's own shared evenings as its file holds them.
    pub own: Arc<Vec<SharedEvening>>,
    /// What reading the folder found that the person should know (a forged file, a
    /// changed key), in words.
    pub notices: Vec<String>,
}

impl Partner {
    /// Known to be linked, before the folder was read: the seed from the data folder alone.
    pub fn opened(status: Status, dir: PathBuf, seed: Option<u64>) -> Partner {
        Partner {
            status,
            dir,
            seed,
            evenings: Arc::default(),
            own: Arc::default(),
            notices: Vec::new(),
        }
    }

    /// Whether evenings are shared (now, or as soon as the partner confirms or the folder
    /// is back): not when a key changed or the folder is crowded.
    pub fn shares(&self) -> bool {
        matches!(
            self.status,
            Status::Paired
                | Status::WaitingForPartner(_)
                | Status::AwaitingConfirmation { .. }
                | Status::FolderMissing { .. }
        )
    }

    /// The partner's evening of `date`, if they shared one.
    pub fn evening(&self, date: NaiveDate) -> Option<&SharedEvening> {
        self.evenings
            .binary_search_by_key(&date, |e| e.date)
            .ok()
            .map(|i| &self.evenings[i])
            .filter(|e| !e.is_withdrawn())
    }

    /// The couple's history of questions: the prompts of every evening either shared,
    /// newest first, as [`crate::suggest::prompts::order`] reads them. The same on both
    /// machines once the folder is in step, whatever each person's own journal holds.
    pub fn history(&self) -> Vec<(NaiveDate, String)> {
        let mut all: Vec<(NaiveDate, String)> = self
            .own
            .iter()
            .chain(self.evenings.iter())
            .filter(|e| !e.prompt_id.is_empty())
            .map(|e| (e.date, e.prompt_id.clone()))
            .collect();
        all.sort_unstable_by(|a, b| b.cmp(a));
        all.dedup();
        all
    }

    /// What home says of tonight, given this person's own journal.
    pub fn tonight(&self, journal: &Journal, evening: NaiveDate) -> Tonight<'_> {
        let answered = journal
            .entry(evening)
            .is_some_and(|e| own_answer(e).is_some());
        let theirs = self.evening(evening).filter(|e| e.answer.is_some());
        match (answered, theirs) {
            (true, Some(e)) => Tonight::Both(e),
            (false, Some(_)) => Tonight::TheyAnswered,
            (_, None) => Tonight::Waiting,
        }
    }
}

/// Tonight's question between the two of them, as home shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tonight<'a> {
    /// The partner's answer is not there yet.
    Waiting,
    /// The partner answered; this person has not yet (nothing of the answer is shown).
    TheyAnswered,
    /// Both answered: the partner's evening may be shown.
    Both(&'a SharedEvening),
}

/// What a linked partner shared of `entry`'s evening (of `shared`, in date order), if
/// they did and this person's own answer of it is saved: blind until both have answered,
/// the same on the evening's page, in search and in the export.
pub fn shown<'a>(shared: &'a [SharedEvening], entry: &Entry) -> Option<&'a SharedEvening> {
    if shared.is_empty() {
        return None;
    }
    let i = shared.binary_search_by_key(&entry.date, |s| s.date).ok()?;
    Some(&shared[i]).filter(|s| !s.is_withdrawn() && answered(entry))
}

/// What the partner shared beside the evenings of `journal`, as the Markdown export takes
/// it (see [`shown`]), under `name`.
pub fn for_export<'a>(
    shared: &'a [SharedEvening],
    journal: &Journal,
    name: &'a str,
) -> Vec<crate::journal::export::Shared<'a>> {
    shared
        .iter()
        .filter(|s| {
            journal
                .entry(s.date)
                .and_then(|e| shown(std::slice::from_ref(*s), e))
                .is_some()
        })
        .map(|s| crate::journal::export::Shared {
            date: s.date,
            name,
            prompt: &s.prompt,
            closeness: s.closeness,
            answer: s.answer.as_deref(),
            good_thing: s.good_thing.as_deref(),
            small_act: s.small_act.as_deref(),
        })
        .collect()
}

/// Whether this person's own answer of an evening is saved: the partner's answer of that
/// evening may then be shown (blind until both have answered, in Look back as on home).
pub fn answered(e: &Entry) -> bool {
    own_answer(e).is_some()
}

/// This person's own answer of an evening: the check-in's, else their voice of a together
/// evening.
fn own_answer(e: &Entry) -> Option<(&str, &str, &str)> {
    if let Some(r) = e
        .reflection
        .as_ref()
        .filter(|r| !r.answer.trim().is_empty())
    {
        return Some((&r.prompt_id, &r.prompt, &r.answer));
    }
    let t = e.together.as_ref()?;
    let a = t.owner.answer.as_deref().filter(|a| !a.trim().is_empty())?;
    Some((&t.prompt_id, &t.prompt, a))
}

/// An evening's shared parts as `share` chooses them; `None` when nothing chosen is there.
pub fn shared_evening(e: &Entry, share: Share) -> Option<SharedEvening> {
    if share.is_nothing() {
        return None;
    }
    let answer = own_answer(e);
    let voice = e.together.as_ref().map(|t| &t.owner);
    let good = e
        .appreciation
        .clone()
        .or_else(|| voice.and_then(|v| v.good_thing.clone()));
    let act = e
        .small_act
        .as_ref()
        .map(|a| a.text.clone())
        .or_else(|| voice.and_then(|v| v.small_act.clone()));
    let (prompt_id, prompt) = match answer {
        Some((id, text, _)) => (id.to_string(), text.to_string()),
        None => (String::new(), String::new()),
    };
    let shared = SharedEvening {
        date: e.date,
        updated: e.updated,
        prompt_id,
        prompt,
        answer: answer
            .filter(|_| share.answer)
            .map(|(_, _, a)| a.to_string()),
        closeness: share.closeness.then_some(e.closeness),
        good_thing: good.filter(|g| share.good_thing && !g.trim().is_empty()),
        small_act: act.filter(|a| share.small_act && !a.trim().is_empty()),
    };
    (!shared.is_withdrawn()).then_some(shared)
}

/// Every evening of the journal as it is shared now: only evenings whose check-in made a
/// choice (the share step records it), each as chosen. The default only fills in that step:
/// changing it never shares an evening after the fact, and evenings from before the link
/// (or never gone through while linked) share nothing.
pub fn shared_evenings(journal: &Journal) -> Vec<SharedEvening> {
    let sharing = &journal.preferences.sharing;
    journal
        .entries
        .iter()
        .filter_map(|e| shared_evening(e, sharing.chosen(e.date)?))
        .collect()
}

/// One voice of a shared evening, in the shape of a together evening's voice, for a view
/// that shows both voices of an evening (Look back): the partner's name, and what they
/// shared (a closeness they did not share is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedVoice {
    pub name: String,
    pub prompt: String,
    pub closeness: Option<u8>,
    pub answer: Option<String>,
    pub good_thing: Option<String>,
    pub small_act: Option<String>,
}

/// The partner's voice of a shared evening, named as this journal names them.
pub fn partner_voice(e: &SharedEvening, journal: &Journal) -> SharedVoice {
    SharedVoice {
        name: journal.preferences.about.partner().to_string(),
        prompt: e.prompt.clone(),
        closeness: e.closeness,
        answer: e.answer.clone(),
        good_thing: e.good_thing.clone(),
        small_act: e.small_act.clone(),
    }
}
