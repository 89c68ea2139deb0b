//! Search results: the search box, what shapes the list, a count, and each card found
//! with its title's matches marked and a line of context (where a word was found).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::list::{ListSpec, RowLook, context_line, draw_list};
use super::{Browser, Results, card_row};
use crate::find::{Query, cards};
use crate::protocol::{Ctx, Drawn};

/// Shown in the empty box.
const PLACEHOLDER: &str = " type a word: titles, steps and examples are searched";

impl Browser {
    pub(super) fn view_results(
        &self,
        frame: &mut Frame,
        area: Rect,
        app: &Ctx,
        search: &Results,
    ) -> Drawn {
        let theme = &app.theme;
        let content = app.content;
        let journal = app.journal;
        let typed = search.field.text();
        let query = Query::parse(typed);
        let results = self.results(typed, content, journal);
        let notes = self.notes(app);
        let [_, input_area, notes_area, count_area, list_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(notes.len() as u16),
            Constraint::Length(2),
            Constraint::Min(1),
        ])
        .areas(area);
        let [label, field] =
            Layout::horizontal([Constraint::Length(8), Constraint::Min(1)]).areas(input_area);
        frame.render_widget(
            Paragraph::new(Span::styled("Search ", theme.accent())),
            label,
        );
        let mut spans = search
            .field
            .spans(theme, usize::from(field.width), PLACEHOLDER);
        if !search.field.typing {
            spans.push(Span::styled(
                "   / changes the search, esc clears it",
                theme.dim(),
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), field);
        frame.render_widget(Paragraph::new(notes), notes_area);
        let count = if query.is_empty() {
            format!("All {} cards. Type to narrow them.", results.len())
        } else if results.is_empty() {
            if self.filters.is_empty() {
                "No card matches. Try fewer letters or another word.".to_string()
            } else {
                "No card matches with these filters. x clears them.".to_string()
            }
        } else if results.len() == 1 {
            "1 card".to_string()
        } else {
            format!("{} cards", results.len())
        };
        frame.render_widget(Paragraph::new(Line::styled(count, theme.dim())), count_area);
        draw_list(
            frame,
            list_area,
            ListSpec {
                header: Vec::new(),
                trailer: Vec::new(),
                rows: results.len(),
                row_height: 2,
                selected: search.selected,
                top: search.top,
            },
            |i, selected, cols| {
                let card = &content.cards[results[i]];
                let room = usize::from(cols).saturating_sub(8);
                let (title_hits, context, hits) = cards::describe(card, content, &query, room);
                let look = RowLook {
                    selected,
                    starred: journal.is_favourite(&card.id),
                    hits: &title_hits,
                    note: None,
                };
                vec![
                    card_row(card, look, cols, theme),
                    context_line(&context, &hits, theme),
                ]
            },
        )
    }
}
