//! The journal: its model, its store on disk, drafts and export.

pub mod draft;
pub mod export;
mod model;
mod moment;
pub mod pieces;
pub mod sample;
pub mod share;
pub mod store;
pub mod together;
pub mod voices;

pub use draft::{ActChoice, Draft, Drafts, PartDraft, StateOfUsDraft, Step, TogetherDraft};
pub use model::*;
pub use share::{Part, Share, ShareOn, Sharing};
pub use store::{Store, StoreError};
