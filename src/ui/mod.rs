//! Drawing helpers shared by screens: the theme, the page frame, the closeness pictures.

pub mod chrome;
pub mod ios;
pub mod line_box;
pub mod scroll;
pub mod text;
pub mod text_box;
pub mod theme;

pub use theme::Theme;
