//! Bundled content (sections, prompts, cards, lines) and the person's own additions.

mod library;
mod model;

pub use library::{ContentError, Library, MAX_USER_CONTENT_BYTES, USER_CONTENT_FILE};
pub use model::*;
