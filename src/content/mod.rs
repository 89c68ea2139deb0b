//! Bundled content (sections, prompts, cards, lines) and the person's own additions.

mod library;
mod model;

pub use library::{ContentError, Folded, Library, MAX_USER_CONTENT_BYTES, USER_CONTENT_FILE, fold};
pub use model::*;
