//! nearer: a daily connection coach for couples, in the terminal.
//!
//! Data flows one way: a terminal event becomes an action through the key table;
//! `app::update` turns the model and the action into a new model and effects; the terminal
//! loop in `tui` carries out the effects; `app::view` draws the model.

pub mod app;
pub mod cli;
pub mod commands;
pub mod content;
pub mod evening;
pub mod find;
pub mod gentle;
pub mod journal;
pub mod link;
pub mod paths;
pub mod protocol;
pub mod recovery;
pub mod screens;
pub mod suggest;
pub mod tui;
pub mod ui;
