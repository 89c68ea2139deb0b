//! The shapes of bundled and user content: sections, prompts, cards and lines.

use serde::{Deserialize, Serialize};

/// Depth of a prompt or card, from a light touch to a deep conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Depth {
    Light,
    Medium,
    Deep,
}

impl Depth {
    pub const ALL: [Depth; 3] = [Depth::Light, Depth::Medium, Depth::Deep];
    pub fn label(self) -> &'static str {
        match self {
            Depth::Light => "light",
            Depth::Medium => "medium",
            Depth::Deep => "deep",
        }
    }
}

/// Whether a card is done alone or as a couple.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Solo,
    Together,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Solo => "solo",
            Mode::Together => "together",
        }
    }
}

/// A vocabulary of caring acts (not a personality type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LoveLanguage {
    Words,
    Touch,
    Time,
    Gifts,
    Service,
}

impl LoveLanguage {
    pub const ALL: [LoveLanguage; 5] = [
        LoveLanguage::Words,
        LoveLanguage::Touch,
        LoveLanguage::Time,
        LoveLanguage::Gifts,
        LoveLanguage::Service,
    ];
    pub fn label(self) -> &'static str {
        match self {
            LoveLanguage::Words => "words",
            LoveLanguage::Touch => "touch",
            LoveLanguage::Time => "time",
            LoveLanguage::Gifts => "gifts",
            LoveLanguage::Service => "service",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    #[default]
    Action,
    Conversation,
    Writing,
    Pause,
    Play,
}

impl CardKind {
    pub fn label(self) -> &'static str {
        match self {
            CardKind::Action => "action",
            CardKind::Conversation => "conversation",
            CardKind::Writing => "writing",
            CardKind::Pause => "pause",
            CardKind::Play => "play",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub order: u32,
    pub title: String,
    pub intro: String,
    #[serde(default)]
    pub key_ideas: Vec<String>,
}

/// A topic that runs across the sections (money, children, living apart...): a second way
/// to browse, with its home among the seven sections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    pub id: String,
    /// The section this topic sits under in the library.
    pub section: String,
    pub order: u32,
    pub title: String,
    pub intro: String,
}

/// What a prompt or card assumes of a couple, or how it feels: the picker and the library
/// read these to offer each person what fits their life and their evening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tag {
    /// Light and playful: a hypothetical, a love-map question, a memory, "would you rather".
    Playful,
    /// About a disagreement, a hurt or its repair: never offered on a very distant or very
    /// stressful evening.
    Conflict,
    /// Asks the person to disclose something to their partner, to forgive them, to be patient
    /// with them or to see them charitably: never offered with solo suggestions on.
    AssumesSafety,
    /// Needs both partners in the same place (a card): hidden for couples who live apart.
    SameRoom,
    /// Assumes the couple shares a home: hidden for couples who live apart.
    SharedHome,
    /// Written for partners who live apart: offered only to them.
    Apart,
    /// Assumes children at home: offered only when About us says there are.
    Parents,
}

impl Tag {
    pub const ALL: [Tag; 7] = [
        Tag::Playful,
        Tag::Conflict,
        Tag::AssumesSafety,
        Tag::SameRoom,
        Tag::SharedHome,
        Tag::Apart,
        Tag::Parents,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Tag::Playful => "playful",
            Tag::Conflict => "conflict",
            Tag::AssumesSafety => "assumes-safety",
            Tag::SameRoom => "same-room",
            Tag::SharedHome => "shared-home",
            Tag::Apart => "apart",
            Tag::Parents => "parents",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub id: String,
    pub section: String,
    pub depth: Depth,
    pub text: String,
    /// The topic it belongs to, if any (a deck's id).
    #[serde(default)]
    pub deck: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

impl Prompt {
    pub fn has(&self, tag: Tag) -> bool {
        self.tags.contains(&tag)
    }
}

/// The research behind a card, as a researcher would cite it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Evidence {
    Cited(Citation),
    /// A free line, as older content files (and the person's own) may give it.
    Line(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// "Algoe, Gable & Maisel", or "Finkel et al." for four or more.
    pub authors: String,
    pub year: u16,
    /// The journal with volume and issue ("Personal Relationships 17(2)"), or a book as
    /// "book: Its Title".
    pub source: String,
    /// What the study found, worded as it found it ("linked", "predicted", "in one study").
    pub found: String,
}

impl Evidence {
    /// The line a card shows.
    pub fn text(&self) -> String {
        match self {
            Evidence::Cited(c) => format!(
                "{} ({}), {}: {}",
                c.authors,
                c.year,
                c.source.strip_prefix("book: ").unwrap_or(&c.source),
                c.found
            ),
            Evidence::Line(s) => s.clone(),
        }
    }

    /// Authors and year, as a short reference ("Algoe, Gable & Maisel 2010").
    pub fn short(&self) -> String {
        match self {
            Evidence::Cited(c) => format!("{} {}", c.authors, c.year),
            Evidence::Line(s) => s.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: String,
    pub section: String,
    pub title: String,
    pub why: String,
    #[serde(default)]
    pub evidence: Option<Evidence>,
    pub steps: Vec<String>,
    pub minutes: u32,
    pub mode: Mode,
    pub depth: Depth,
    #[serde(default)]
    pub love_languages: Vec<LoveLanguage>,
    #[serde(default)]
    pub kind: CardKind,
    #[serde(default)]
    pub partner_facing: bool,
    #[serde(default)]
    pub from_article: bool,
    #[serde(default)]
    pub examples: Vec<String>,
    /// The topic it belongs to, if any (a deck's id).
    #[serde(default)]
    pub deck: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// For a card that needs both in one room: the card to offer couples who live apart.
    #[serde(default)]
    pub apart_version: Option<String>,
}

impl Card {
    pub fn has(&self, tag: Tag) -> bool {
        self.tags.contains(&tag)
    }

    /// Cards a person who does not feel safe with their partner should not be offered.
    pub fn involves_partner(&self) -> bool {
        self.mode == Mode::Together || self.partner_facing
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lines {
    /// A grounding line at the start of tonight's check-in.
    #[serde(default)]
    pub arrive: Vec<String>,
    /// The same, for filling in an evening that has passed.
    #[serde(default)]
    pub arrive_past: Vec<String>,
    /// A kind line for a high-stress day. Not advice.
    #[serde(default)]
    pub self_compassion: Vec<String>,
    /// A kind line in place of a deep question, on an evening rated very distant or very
    /// stressful.
    #[serde(default)]
    pub hard_evening: Vec<String>,
    /// Ways of asking for one good thing about the partner.
    #[serde(default)]
    pub good_thing: Vec<GoodThing>,
    /// Lines for a time of year, shown now and then on arriving.
    #[serde(default)]
    pub seasonal: Vec<Seasonal>,
    /// A line for the person's 10th, 50th, 100th... evening: no score, no streak.
    #[serde(default)]
    pub milestone: Vec<Milestone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoodThing {
    /// The question ("One good thing about your partner").
    pub ask: String,
    /// The line under it ("Something specific they did, and what it says about them.").
    pub hint: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seasonal {
    /// First and last day, as "MM-DD" (a range may run over the new year: "12-20" to "01-05").
    pub from: String,
    pub to: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// The how-many-th evening checked in.
    pub evening: u32,
    pub text: String,
}

/// One content file, bundled or the user's own: every table optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentFile {
    #[serde(default)]
    pub section: Vec<Section>,
    #[serde(default)]
    pub deck: Vec<Deck>,
    #[serde(default)]
    pub prompt: Vec<Prompt>,
    #[serde(default)]
    pub card: Vec<Card>,
    #[serde(default)]
    pub lines: Option<Lines>,
}
