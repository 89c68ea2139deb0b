//! The journal as it is kept on disk: a schema version, preferences, one entry per evening.

use chrono::{DateTime, FixedOffset, NaiveDate};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The schema version this build writes. A journal with a higher one is never written.
/// Version 2 added both voices of a together evening (`Entry::together`) and the
/// conversations nearer guided (`Journal::talks`); a version 1 journal is copied to
/// `journal.v1.json` before it is brought up to date.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    /// A file without one is from before versions were written (version 0, migrated).
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub preferences: Preferences,
    /// One entry per evening, oldest first. Each is shared, not copied, between the app
    /// and a save in progress: a change made while a save writes the journal copies the
    /// list of entries (a pointer each), not their words.
    #[serde(default)]
    pub entries: Vec<Arc<Entry>>,
    /// The conversations nearer guided (only that they happened, and a note if kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub talks: Vec<super::together::Talk>,
}

impl Default for Journal {
    fn default() -> Self {
        Journal {
            version: SCHEMA_VERSION,
            preferences: Preferences::default(),
            entries: Vec::new(),
            talks: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Preferences {
    /// Starred card ids.
    #[serde(default)]
    pub favourites: Vec<String>,
    /// Love languages the person wants suggestions to lean towards.
    #[serde(default)]
    pub love_languages: Vec<String>,
    /// Suggest only what the person can do on their own: a plain setting anyone may choose,
    /// for any reason. (Read from `solo_only`, its older name, too.)
    #[serde(default, alias = "solo_only")]
    pub on_my_own: bool,
    /// A card chosen in the library for tomorrow, before tonight's check-in planned one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<PlannedFor>,
    /// What the person says about the two of them, so suggestions fit their life.
    #[serde(default, skip_serializing_if = "About::is_empty")]
    pub about: About,
    /// The quick exit (ctrl+q) keeps nothing of what was being written: no draft of it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quick_exit_keeps_nothing: bool,
    /// What is shared with a linked partner: the default, and each evening's choice.
    #[serde(default, skip_serializing_if = "super::share::Sharing::is_empty")]
    pub sharing: super::share::Sharing,
}

/// About us: never required; each part changes only what nearer suggests and how it words
/// things.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct About {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub my_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_name: Option<String>,
    /// They live apart (long distance): same-room and shared-home suggestions give way to
    /// their long-distance versions.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub live_apart: bool,
    /// Children live with them: suggestions for parents are offered too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub children_at_home: bool,
}

impl About {
    pub fn is_empty(&self) -> bool {
        *self == About::default()
    }

    /// `text` as it reads with the partner's name, when one is given: "your partner" becomes
    /// the name ("your partner's", their name's). Without a name, `text` as it is.
    pub fn named(&self, text: &str) -> String {
        let Some(name) = self
            .partner_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        else {
            return text.to_string();
        };
        text.replace("your partner", name)
            .replace("Your partner", name)
    }

    /// The names on the closeness pictures, the one choosing first: theirs and the
    /// partner's, or "me" and "partner".
    pub fn picture_names(&self) -> [&str; 2] {
        fn given<'a>(n: &'a Option<String>, or: &'static str) -> &'a str {
            n.as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .unwrap_or(or)
        }
        [
            given(&self.my_name, "me"),
            given(&self.partner_name, "partner"),
        ]
    }

    /// About us with the names given for a conversation or a together evening (a name not
    /// given leaves the one there is); `None` when nothing would change.
    pub fn with_names(&self, mine: Option<String>, theirs: Option<String>) -> Option<About> {
        let mut about = self.clone();
        if mine.is_some() {
            about.my_name = mine;
        }
        if theirs.is_some() {
            about.partner_name = theirs;
        }
        (about != *self).then_some(about)
    }

    /// The partner's name, or "your partner".
    pub fn partner(&self) -> &str {
        self.partner_name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or("your partner")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedFor {
    /// The evening the act is planned for (it is followed up at the check-in after it).
    pub date: NaiveDate,
    pub act: SmallAct,
}

/// How an evening's stress (1 to 5) is said.
pub const STRESS_WORDS: [&str; 5] = ["calm", "a little", "some", "a lot", "overwhelming"];

/// One evening's check-in. `date` is the evening (before 4 a.m. counts as the day before).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub date: NaiveDate,
    #[serde(deserialize_with = "super::moment::deserialize")]
    pub created: DateTime<FixedOffset>,
    #[serde(deserialize_with = "super::moment::deserialize")]
    pub updated: DateTime<FixedOffset>,
    /// Inclusion of Other in the Self, 1 (apart) to 7 (almost one).
    pub closeness: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stress: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followup: Option<Followup>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflection: Option<Reflection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appreciation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub small_act: Option<SmallAct>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub starred: bool,
    /// Both voices, when the evening was done together on one terminal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub together: Option<super::together::Together>,
    /// The prompts shown that evening, in the order they were shown: the one answered and
    /// any passed over for another. Written only when it says more than the reflection
    /// does; when empty, the reflection's prompt is the one shown (as in journals from
    /// before it was kept). See [`Entry::shown_prompts`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shown: Vec<String>,
}

impl Entry {
    /// The ids of the prompts shown on this evening: `shown`, else the prompt answered; and
    /// the question a together evening asked both.
    pub fn shown_prompts(&self) -> impl Iterator<Item = &str> {
        let answered = self
            .shown
            .is_empty()
            .then(|| self.reflection.as_ref().map(|r| r.prompt_id.as_str()))
            .flatten();
        let together = self.together.as_ref().map(|t| t.prompt_id.as_str());
        self.shown
            .iter()
            .map(String::as_str)
            .chain(answered)
            .chain(together)
            .filter(|id| !id.is_empty())
    }
}

/// Tonight's reflection, with the prompt as it was asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reflection {
    pub prompt_id: String,
    pub prompt: String,
    pub answer: String,
}

/// Tomorrow's small act: a card, or the person's own words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmallAct {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_id: Option<String>,
    /// The card's title as it was, or the person's own words.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Done,
    Partly,
    NotYet,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Done, Outcome::Partly, Outcome::NotYet];
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Done => "yes",
            Outcome::Partly => "partly",
            Outcome::NotYet => "not yet",
        }
    }
}

/// What became of the act planned the evening before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Followup {
    pub planned: SmallAct,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub noticed: String,
}

impl Journal {
    /// The entry of an evening.
    pub fn entry(&self, date: NaiveDate) -> Option<&Entry> {
        self.entries
            .binary_search_by_key(&date, |e| e.date)
            .ok()
            .map(|i| &*self.entries[i])
    }

    /// Insert or replace the entry of its evening, keeping entries in date order.
    /// Keep an evening's check-in: its entry, and a card planned for that evening (or one
    /// before it) is then done with.
    pub fn save_evening(&mut self, entry: Entry) {
        let date = entry.date;
        self.upsert(entry);
        if self
            .preferences
            .planned
            .as_ref()
            .is_some_and(|p| p.date <= date)
        {
            self.preferences.planned = None;
        }
    }

    /// Keep a conversation nearer guided: in place of the one recorded at the same moment
    /// (its note changed), or at the end of the list.
    pub fn record_talk(&mut self, talk: super::together::Talk) {
        match (self.talks.iter_mut()).find(|t| t.at == talk.at && t.kind == talk.kind) {
            Some(t) => *t = talk,
            None => self.talks.push(talk),
        }
    }

    /// The last conversation of a kind, if any.
    pub fn last_talk(&self, kind: super::together::TalkKind) -> Option<&super::together::Talk> {
        self.talks.iter().rev().find(|t| t.kind == kind)
    }

    pub fn upsert(&mut self, entry: Entry) {
        let entry = Arc::new(entry);
        match self.entries.binary_search_by_key(&entry.date, |e| e.date) {
            Ok(i) => self.entries[i] = entry,
            Err(i) => self.entries.insert(i, entry),
        }
    }

    pub fn remove(&mut self, date: NaiveDate) -> Option<Entry> {
        match self.entries.binary_search_by_key(&date, |e| e.date) {
            Ok(i) => Some(Arc::unwrap_or_clone(self.entries.remove(i))),
            Err(_) => None,
        }
    }

    /// The entry of an evening, to change (copied first if a save is writing it).
    pub fn entry_mut(&mut self, date: NaiveDate) -> Option<&mut Entry> {
        let i = self.entries.binary_search_by_key(&date, |e| e.date).ok()?;
        Some(Arc::make_mut(&mut self.entries[i]))
    }

    /// Put entries in date order and merge any two of the same evening (newest wins).
    pub fn normalise(&mut self) {
        self.preferences.sharing.normalise();
        self.entries
            .sort_by(|a, b| a.date.cmp(&b.date).then(a.updated.cmp(&b.updated)));
        self.entries.dedup_by(|later, earlier| {
            if later.date == earlier.date {
                std::mem::swap(later, earlier);
                true
            } else {
                false
            }
        });
    }

    pub fn is_favourite(&self, card_id: &str) -> bool {
        self.preferences.favourites.iter().any(|f| f == card_id)
    }

    pub fn toggle_favourite(&mut self, card_id: &str) {
        let favs = &mut self.preferences.favourites;
        match favs.iter().position(|f| f == card_id) {
            Some(i) => {
                favs.remove(i);
            }
            None => favs.push(card_id.to_string()),
        }
    }

    /// How many evenings of a month (year, month) have an entry.
    pub fn evenings_in_month(&self, year: i32, month: u32) -> usize {
        use chrono::Datelike;
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            return 0;
        };
        let start = self.entries.partition_point(|e| e.date < first);
        self.entries[start..]
            .iter()
            .take_while(|e| e.date.year() == year && e.date.month() == month)
            .count()
    }

    /// When a card was last planned and how often, from the entries.
    pub fn card_history(&self, card_id: &str) -> (Option<NaiveDate>, usize) {
        let r = self.card_record(card_id);
        (r.last, r.planned)
    }

    /// What the journal says about a card: how often it was planned, when last, and what
    /// the next evenings said about whether it happened.
    pub fn card_record(&self, card_id: &str) -> CardRecord {
        let mut record = CardRecord::default();
        for e in &self.entries {
            if e.small_act.as_ref().and_then(|a| a.card_id.as_deref()) == Some(card_id) {
                record.planned += 1;
                record.last = Some(e.date);
            }
            if let Some(f) = &e.followup
                && f.planned.card_id.as_deref() == Some(card_id)
            {
                match f.outcome {
                    Some(Outcome::Done) => record.done += 1,
                    Some(Outcome::Partly) => record.partly += 1,
                    Some(Outcome::NotYet) => record.not_yet += 1,
                    None => {}
                }
            }
        }
        record
    }

    /// The small act planned on `evening` for the day after: tonight's check-in's choice,
    /// else one chosen in the library. It is what the next evening's check-in follows up.
    pub fn planned_after(&self, evening: NaiveDate) -> Option<&SmallAct> {
        self.entry(evening)
            .and_then(|e| e.small_act.as_ref())
            .or_else(|| {
                (self.preferences.planned.as_ref())
                    .filter(|p| p.date == evening)
                    .map(|p| &p.act)
            })
    }
}

/// A card's history in the journal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CardRecord {
    /// Evenings it was planned for the day after.
    pub planned: usize,
    /// The last of those evenings.
    pub last: Option<NaiveDate>,
    /// What the follow-ups said.
    pub done: usize,
    pub partly: usize,
    pub not_yet: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(json: &str) -> Entry {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn an_evening_from_before_shown_was_kept_counts_its_answered_prompt_as_shown() {
        let old = entry(
            r#"{"date": "2026-11-01", "created": "2026-11-01T21:00:00+01:00",
                "updated": "2026-11-01T21:00:00+01:00", "closeness": 4,
                "reflection": {"prompt_id": "p", "prompt": "q", "answer": "a"}}"#,
        );
        assert!(old.shown.is_empty());
        assert_eq!(old.shown_prompts().collect::<Vec<_>>(), ["p"]);
        // Written back, it is as it was: no empty list appears.
        assert!(!serde_json::to_string(&old).unwrap().contains("shown"));
        let passed = Entry {
            shown: vec!["other".into(), "p".into()],
            ..old.clone()
        };
        assert_eq!(passed.shown_prompts().collect::<Vec<_>>(), ["other", "p"]);
        let back: Entry = serde_json::from_str(&serde_json::to_string(&passed).unwrap()).unwrap();
        assert_eq!(back, passed);
        let unanswered = Entry {
            reflection: None,
            ..old
        };
        assert_eq!(unanswered.shown_prompts().count(), 0);
    }
}
