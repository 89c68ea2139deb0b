//! What nearer suggests: which prompts and cards fit a couple, and in what order they come.

pub mod fit;

pub use fit::{card_fits, card_for, prompt_fits};
