//! The journal: its model, its store on disk, drafts and export.

pub mod draft;
pub mod export;
mod model;
mod moment;
pub mod pieces;
pub mod sample;
pub mod store;

pub use draft::{ActChoice, Draft, Drafts, Step};
pub use model::*;
pub use store::{Store, StoreError};
