//! The library's first page: the seven sections in the article's order, then "Topics"
//! (the decks that run across them), then favourites and the person's own cards, each with
//! how many cards it shows this couple.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::list::{ListSpec, draw_list, menu_row};
use super::{Browser, Page, shown};
use crate::content::Library;
use crate::journal::Journal;
use crate::protocol::{Ctx, Drawn};
use crate::screens::card::hanging;

/// A row that can be chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Section(usize),
    Topic(usize),
    Favourites,
    Own,
}

/// A line of the list: a row, a heading, or the space between two groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// The row at this place in [`rows`].
    Row(usize),
    Heading(&'static str),
    Gap,
}

/// The rows, in order: sections, the topics that hold a card for this couple, favourites,
/// own cards (when there are any).
pub fn rows(content: &Library, journal: &Journal) -> Vec<Row> {
    let mut rows: Vec<Row> = (0..content.sections.len()).map(Row::Section).collect();
    rows.extend(
        (0..content.decks.len())
            .filter(|&d| !shown::cards(Page::Topic(d), content, journal, None).is_empty())
            .map(Row::Topic),
    );
    rows.push(Row::Favourites);
    if content.user_cards > 0 {
        rows.push(Row::Own);
    }
    rows
}

/// The lines the rows show on: a heading over the topics, a gap before favourites.
fn slots(rows: &[Row]) -> Vec<Slot> {
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let first_topic =
            matches!(row, Row::Topic(_)) && !(i > 0 && matches!(rows[i - 1], Row::Topic(_)));
        if first_topic {
            out.push(Slot::Gap);
            out.push(Slot::Heading("Topics"));
        }
        if *row == Row::Favourites {
            out.push(Slot::Gap);
        }
        out.push(Slot::Row(i));
    }
    out
}

fn page_of(row: Row) -> Page {
    match row {
        Row::Section(s) => Page::Section(s),
        Row::Topic(d) => Page::Topic(d),
        Row::Favourites => Page::Favourites,
        Row::Own => Page::Own,
    }
}

impl Browser {
    pub(super) fn view_contents(&self, frame: &mut Frame, area: Rect, app: &Ctx) -> Drawn {
        let theme = &app.theme;
        let content = app.content;
        let journal = app.journal;
        let mut header = vec![Line::raw("")];
        let total = shown::every(content, journal).len();
        let mut summary = format!(
            "{} in {}",
            plural(total, "card", "cards"),
            plural(content.sections.len(), "section", "sections")
        );
        let rows = rows(content, journal);
        let topics = rows.iter().filter(|r| matches!(r, Row::Topic(_))).count();
        if topics > 0 {
            summary.push_str(&format!(" and {}", plural(topics, "topic", "topics")));
        }
        summary.push_str(", from light to deep");
        if content.user_cards > 0 {
            let own = if content.user_cards == 1 {
                "1 of them your own".to_string()
            } else {
                format!("{} of them your own", content.user_cards)
            };
            summary = format!("{summary}; {own}");
        }
        header.push(Line::styled(format!("{summary}."), theme.dim()));
        header.extend(self.notes(app));
        header.push(Line::raw(""));

        let slots = slots(&rows);
        let filtered = !self.filters.is_empty();
        let count = |page: Page| -> String {
            let all = shown::cards(page, content, journal, None).len();
            if filtered {
                let fit = shown::cards(page, content, journal, Some(&self.filters)).len();
                format!("{fit} of {all}")
            } else {
                plural(all, "card", "cards")
            }
        };
        // A problem with the person's own file comes first, where it is seen; where the
        // file would go comes last.
        if !content.user_errors.is_empty() {
            let n = content.user_errors.len();
            let problems = if n == 1 {
                "a problem".to_string()
            } else {
                format!("{n} problems")
            };
            header.push(Line::styled(
                format!("Your own content file has {problems}, so it was not loaded:"),
                theme.warn(),
            ));
            let cols = usize::from(area.width);
            for e in content.user_errors.iter().take(3) {
                header.extend(hanging(Span::raw("· "), &e.to_string(), cols, theme.text()));
            }
            header.push(Line::raw(""));
        }
        let mut trailer = Vec::new();
        if content.user_errors.is_empty()
            && content.user_cards == 0
            && let Some(path) = &content.user_path
        {
            trailer.push(Line::raw(""));
            trailer.push(Line::styled(
                format!("Your own cards and prompts can go in {path}."),
                theme.dim(),
            ));
        }
        let view = self.top_view();
        let selected = slots
            .iter()
            .position(|s| *s == Slot::Row(view.selected))
            .unwrap_or(0);
        let line = |i: usize, is_selected: bool, cols: u16| -> Vec<Line<'static>> {
            match slots[i] {
                Slot::Gap => vec![Line::raw("")],
                Slot::Heading(h) => vec![Line::styled(format!("   {h}"), theme.title())],
                Slot::Row(r) => {
                    let label = match rows[r] {
                        Row::Section(s) => content.sections[s].title.clone(),
                        Row::Topic(d) => content.decks[d].title.clone(),
                        Row::Favourites => "★ Favourites".to_string(),
                        Row::Own => "Your own cards".to_string(),
                    };
                    let n = count(page_of(rows[r]));
                    vec![menu_row(&label, &n, is_selected, cols, theme)]
                }
            }
        };
        draw_list(
            frame,
            area,
            ListSpec {
                header,
                trailer,
                rows: slots.len(),
                row_height: 1,
                selected,
                top: view.top,
            },
            line,
        )
    }
}

/// "1 card", "12 cards".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
