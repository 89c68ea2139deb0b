//! What Look back searches in an evening: its texts, in the order they are shown (both
//! voices of a together evening, the owner's own, the notes of that evening's talks), and the
//! filters beyond the words (starred, an appreciation, a card's section, dates).

use std::ops::Range;

use chrono::NaiveDate;

use super::highlight;
use super::query::Query;
use crate::content::Library;
use crate::journal::together::{Talk, Voice};
use crate::journal::{Entry, Journal};
use crate::link::SharedEvening;

/// Which text of an entry a match is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Answer,
    Appreciation,
    Noticed,
    SmallAct,
    Yesterday,
    Prompt,
    /// One partner's words in a together evening.
    Voice(Who, Said),
    /// The small act a together evening chose to do together.
    ActTogether,
    /// The question a together evening asked both.
    TogetherPrompt,
    /// The note kept of a conversation that evening (a stress-reducing conversation, a
    /// State of us).
    TalkNote,
    /// What a linked partner shared of the evening (in memory only, never in the journal).
    Shared(Said),
}

/// Whose words, in a together evening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Owner,
    Partner,
}

/// Which of a partner's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    Answer,
    GoodThing,
    SmallAct,
}

impl Said {
    /// These words of `voice`, if it has them.
    pub fn of(self, voice: &Voice) -> Option<&str> {
        match self {
            Said::Answer => voice.answer.as_deref(),
            Said::GoodThing => voice.good_thing.as_deref(),
            Said::SmallAct => voice.small_act.as_deref(),
        }
    }
}

impl Field {
    /// What a row of the list says before a match in this field, without names.
    pub fn label(self) -> &'static str {
        match self {
            Field::Answer => "",
            Field::Appreciation => "good thing: ",
            Field::Noticed => "noticed: ",
            Field::SmallAct => "planned: ",
            Field::Yesterday => "yesterday's act: ",
            Field::Prompt | Field::TogetherPrompt => "asked: ",
            Field::Voice(_, Said::Answer) => "together: ",
            Field::Voice(_, Said::GoodThing) => "together, good thing: ",
            Field::Voice(_, Said::SmallAct) => "together, planned: ",
            Field::ActTogether => "to do together: ",
            Field::TalkNote => "talk note: ",
            Field::Shared(Said::Answer) => "shared: ",
            Field::Shared(Said::GoodThing) => "shared, good thing: ",
            Field::Shared(Said::SmallAct) => "shared, planned: ",
        }
    }

    /// The label with the name of whose words they are, as the evening kept it: "Alex: ",
    /// "Alex's good thing: ", "Alex planned: ".
    pub fn label_in(self, entry: &Entry) -> std::borrow::Cow<'static, str> {
        let Field::Voice(who, said) = self else {
            return self.label().into();
        };
        let Some(t) = &entry.together else {
            return self.label().into();
        };
        let name = match who {
            Who::Owner => &t.owner.name,
            Who::Partner => &t.partner.name,
        };
        match said {
            Said::Answer => format!("{name}: "),
            Said::GoodThing => format!("{name}'s good thing: "),
            Said::SmallAct => format!("{name} planned: "),
        }
        .into()
    }
}

/// Calls `f` with each text of an entry search looks through (as [`fields`], without
/// collecting them): a together evening's both voices first, as the evening's page shows
/// them, then the owner's own check-in, then the questions asked.
#[inline]
pub fn each_field<'a>(entry: &'a Entry, mut f: impl FnMut(Field, &'a str)) {
    if let Some(t) = &entry.together {
        for said in [Said::Answer, Said::GoodThing, Said::SmallAct] {
            for (who, v) in [(Who::Owner, &t.owner), (Who::Partner, &t.partner)] {
                if let Some(text) = said.of(v) {
                    f(Field::Voice(who, said), text);
                }
            }
        }
        if let Some(a) = &t.act_together {
            f(Field::ActTogether, a.as_str());
        }
    }
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
    if let Some(t) = &entry.together {
        f(Field::TogetherPrompt, t.prompt.as_str());
    }
}

/// Every text of an evening search looks through: the entry's ([`each_field`]) and the
/// notes of the conversations that evening (`talks`, those of its date).
#[inline]
pub fn each_text<'a>(
    entry: &'a Entry,
    talks: impl IntoIterator<Item = &'a Talk>,
    mut f: impl FnMut(Field, &'a str),
) {
    each_field(entry, &mut f);
    for t in talks {
        if let Some(note) = &t.note {
            f(Field::TalkNote, note.as_str());
        }
    }
}

pub use crate::link::partner::shown as shared_of;

/// Calls `f` with each of the partner's shared words of an evening, as its page shows them.
#[inline]
pub fn each_shared<'a>(s: &'a SharedEvening, mut f: impl FnMut(Field, &'a str)) {
    for (said, text) in [
        (Said::Answer, &s.answer),
        (Said::GoodThing, &s.good_thing),
        (Said::SmallAct, &s.small_act),
    ] {
        if let Some(t) = text {
            f(Field::Shared(said), t.as_str());
        }
    }
}

/// The texts of an entry search looks through, in the order they are shown.
/// Whether an evening holds every word of `query`, each within one of its texts (folded
/// on the spot; Look back's scan goes the faster way of [`super::scan::Search`]).
pub fn matches(query: &Query, entry: &Entry) -> bool {
    query.in_texts(fields(entry).into_iter().map(|(_, t)| t))
}

/// Whether an evening of `journal` holds every word of `query`, its talks' notes counted
/// (as [`matches`], the plain way).
pub fn matches_in(query: &Query, entry: &Entry, journal: &crate::journal::Journal) -> bool {
    query.in_texts(fields_in(entry, journal).into_iter().map(|(_, t)| t))
}

pub fn fields(entry: &Entry) -> Vec<(Field, &str)> {
    let mut out = Vec::new();
    each_field(entry, |field, text| out.push((field, text)));
    out
}

/// The texts of an evening in `journal`: its entry's and its talks' notes.
pub fn fields_in<'a>(entry: &'a Entry, journal: &'a Journal) -> Vec<(Field, &'a str)> {
    let mut out = Vec::new();
    each_text(entry, journal.talks_on(entry.date), |field, text| {
        out.push((field, text))
    });
    out
}

/// The first text of an evening in `journal` (or of what the partner shared of it,
/// `theirs`) that holds a match, with the match ranges in it.
pub fn first_match<'a>(
    entry: &'a Entry,
    journal: &'a Journal,
    theirs: Option<&'a SharedEvening>,
    query: &Query,
) -> Option<(Field, &'a str, Vec<Range<usize>>)> {
    let mut fields = fields_in(entry, journal);
    if let Some(s) = theirs {
        each_shared(s, |field, text| fields.push((field, text)));
    }
    fields.into_iter().find_map(|(field, text)| {
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
