//! Drawing the app: a pure function of its state.

use ratatui::Frame;

use super::App;
use crate::screens::help;
use crate::ui::chrome::{MIN_HEIGHT, MIN_WIDTH, too_small};

pub fn view(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame);
        return;
    }
    app.screen().view(frame, app);
    if let Some(scroll) = &app.help {
        // Help lists the keys of the screen under it, as that screen stands.
        help::view(
            frame,
            app.screen().context(),
            |c| app.screen_handles(c),
            scroll,
            &app.theme,
            &app.journal_path,
        );
    }
}
