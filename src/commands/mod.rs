//! Commands of the command line that run without the terminal screen, one module each.

pub mod prompt;
