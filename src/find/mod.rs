//! Search, one way for all of nearer: the library's cards and Look back's evenings are
//! folded the same way ([`fold`]), read the same query ([`Query`]), light up what was found
//! the same way ([`highlight`]), and are typed into the same one-line box ([`SearchBox`]).
//!
//! - `fold`: the form every search compares, and a fast folder for many texts;
//! - `query`: the words typed;
//! - `highlight`: where the words are in a text as written, as spans, and a lead-in;
//! - `cards`: the library's search over card texts, titles first;
//! - `entry`: what an evening holds for search, and Look back's filters;
//! - `scan`: Look back's search through the evenings themselves, newest first, a bounded
//!   amount of work per keystroke, the rest in quiet moments (no index);
//! - `search_box`: the box both screens type into.

pub mod cards;
pub mod entry;
pub mod fold;
pub mod highlight;
pub mod query;
pub mod scan;
pub mod search_box;

pub use fold::fold;
pub use query::Query;
pub use search_box::SearchBox;
