//! The journal: its model, its store on disk, drafts and export.

pub mod export;
mod model;
mod moment;
pub mod pieces;
pub mod sample;
pub mod store;

pub use model::*;
pub use store::{Store, StoreError};
