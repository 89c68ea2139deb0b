//! The words screens and the app share, at the bottom of the module graph: screens and
//! `app` both import this, and it imports neither.
//!
//! - A key becomes a [`Command`] in a [`Context`] (through the key table in `app::keys`).
//! - A screen handles a command with its own state and a read-only [`Ctx`] of the rest, and
//!   returns [`Intent`]s: where to go, what to change in the journal or the drafts, what I/O
//!   to ask for. `app::update` alone applies them.
//! - A screen's view draws from its state and a [`Ctx`], and reports what the layout needs
//!   to be known ([`Drawn`]: how tall the page is, how many rows fit); that comes back to
//!   `update` as data, never through cells written while drawing.

mod command;
mod ctx;
mod intent;

pub use command::{Command, Context};
pub use ctx::{Ctx, Cx, Drawn};
pub use intent::{Destination, ExportFormat, Intent};
