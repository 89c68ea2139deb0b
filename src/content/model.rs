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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub id: String,
    pub section: String,
    pub depth: Depth,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: String,
    pub section: String,
    pub title: String,
    pub why: String,
    #[serde(default)]
    pub evidence: Option<String>,
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
}

impl Card {
    /// Cards a person who does not feel safe with their partner should not be offered.
    pub fn involves_partner(&self) -> bool {
        self.mode == Mode::Together || self.partner_facing
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lines {
    #[serde(default)]
    pub arrive: Vec<String>,
    #[serde(default)]
    pub self_compassion: Vec<String>,
}

/// One content file, bundled or the user's own: every table optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentFile {
    #[serde(default)]
    pub section: Vec<Section>,
    #[serde(default)]
    pub prompt: Vec<Prompt>,
    #[serde(default)]
    pub card: Vec<Card>,
    #[serde(default)]
    pub lines: Option<Lines>,
}
