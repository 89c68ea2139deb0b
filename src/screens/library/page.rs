//! A page of cards: a section's (its introduction, key ideas and cards, the topics' cards
//! among them, each named on its row), a topic's (its introduction and cards), the
//! favourites, the person's own cards.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::filter_set::Filters;
use super::list::{ListSpec, RowLook, draw_list};
use super::{Browser, Page, card_row, shown, topic_of};
use crate::protocol::{Ctx, Drawn};

fn empty_message(page: Page, filters: &Filters) -> String {
    if !filters.is_empty() {
        return "No card here fits these filters. f changes them, x clears them.".into();
    }
    match page {
        Page::Favourites => "No favourites yet. Press s on a card to star it.".into(),
        Page::Own => "Your own file has no cards yet.".into(),
        _ => "No cards to show here.".into(),
    }
}

impl Browser {
    pub(super) fn view_page(&self, frame: &mut Frame, area: Rect, app: &Ctx, page: Page) -> Drawn {
        let theme = &app.theme;
        let content = app.content;
        let journal = app.journal;
        let cards = self.cards_of(page, content, journal);
        let mut header = vec![Line::raw("")];
        match page {
            Page::Section(s) => {
                let section = &content.sections[s];
                header.push(Line::raw(section.intro.clone()));
                header.push(Line::raw(""));
                header.push(Line::styled("Key ideas", theme.title()));
                for idea in &section.key_ideas {
                    header.push(Line::raw(format!("· {idea}")));
                }
                header.push(Line::raw(""));
            }
            Page::Topic(d) => {
                let deck = &content.decks[d];
                header.push(Line::raw(deck.intro.clone()));
                if let Some(section) = content.section(&deck.section) {
                    header.push(Line::styled(
                        format!("A topic in {}.", section.title),
                        theme.dim(),
                    ));
                }
                header.push(Line::raw(""));
            }
            Page::Favourites => {
                header.push(Line::styled(
                    "Cards you starred, the latest first. s on a card stars or unstars it.",
                    theme.dim(),
                ));
                let hidden = shown::starred_unfit(content, journal);
                if hidden > 0 {
                    let said = if hidden == 1 {
                        "1 more you starred is not shown: it does not fit your settings now."
                            .to_string()
                    } else {
                        format!(
                            "{hidden} more you starred are not shown: they do not fit your \
                             settings now."
                        )
                    };
                    header.push(Line::styled(said, theme.dim()));
                }
                header.push(Line::raw(""));
            }
            Page::Own => {
                if let Some(path) = &content.user_path {
                    header.push(Line::styled(format!("From {path}."), theme.dim()));
                    header.push(Line::raw(""));
                }
            }
            Page::Sections => {}
        }
        header.extend(self.notes(app));
        let word = if cards.len() == 1 { "card" } else { "cards" };
        header.push(Line::styled(
            format!("Try this · {} {word}", cards.len()),
            theme.title(),
        ));
        let trailer = if cards.is_empty() {
            vec![Line::styled(
                empty_message(page, &self.filters),
                theme.dim(),
            )]
        } else {
            Vec::new()
        };
        let view = self.top_view();
        draw_list(
            frame,
            area,
            ListSpec {
                header,
                trailer,
                rows: cards.len(),
                row_height: 1,
                selected: view.selected,
                top: view.top,
            },
            |i, selected, cols| {
                let card = &content.cards[cards[i]];
                let look = RowLook {
                    selected,
                    // The favourites are all starred, a long-distance version standing
                    // for a starred card too.
                    starred: page == Page::Favourites || journal.is_favourite(&card.id),
                    hits: &[],
                    // On a topic's page, every card is of that topic.
                    note: (!matches!(page, Page::Topic(_)))
                        .then(|| topic_of(card, content))
                        .flatten(),
                };
                vec![card_row(card, look, cols, theme)]
            },
        )
    }
}
