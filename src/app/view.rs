//! Drawing the app: a pure function of its state. It returns what the layout holds (the
//! page's height and length), which comes back to `update` as `Action::Frame`.

use ratatui::Frame;

use super::{App, Drawn, keys};
use crate::screens::help;
use crate::ui::chrome::{MIN_HEIGHT, MIN_WIDTH, too_small};

pub fn view(frame: &mut Frame, app: &App) -> Drawn {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame);
        return Drawn::default();
    }
    let footer = app.footer();
    let ctx = app.ctx(&footer);
    let drawn = app.screen().view(frame, &ctx);
    match &app.help {
        Some(scroll) => {
            // Help lists the keys of the screen under it, as that screen stands.
            let rows = keys::bindings_for(app.screen().context(), |c| app.screen_handles(c));
            help::view(
                frame,
                &rows,
                app.screen().context().takes_text(),
                scroll,
                &app.theme,
                &app.journal_path,
            )
        }
        None => drawn,
    }
}
