//! Home: tonight's state at a glance and where to go from here.

use chrono::{Datelike, Duration, Timelike};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::checkin::Checkin;
use super::{Cx, Nav, Screen};
use crate::app::{App, Command, Context, Effect};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Checkin,
    Yesterday,
    DiscardDraft,
    Library,
    LookBack,
    Safety,
    Quit,
}

#[derive(Debug, Clone, Default)]
pub struct Home {
    pub selected: usize,
}

/// The menu as it stands for this app.
pub fn items(
    app_journal: &crate::journal::Journal,
    evening: chrono::NaiveDate,
    has_draft: bool,
) -> Vec<Item> {
    let mut items = vec![Item::Checkin];
    let yesterday = evening - Duration::days(1);
    if app_journal.entry(yesterday).is_none() {
        items.push(Item::Yesterday);
    }
    if has_draft {
        items.push(Item::DiscardDraft);
    }
    items.extend([Item::Library, Item::LookBack, Item::Safety, Item::Quit]);
    items
}

impl Home {
    pub fn on_command(&mut self, command: Command, cx: &mut Cx) -> Nav {
        let items = items(cx.journal, cx.evening, cx.draft.is_some());
        self.selected = self.selected.min(items.len() - 1);
        match command {
            Command::Up => self.selected = self.selected.checked_sub(1).unwrap_or(items.len() - 1),
            Command::Down => self.selected = (self.selected + 1) % items.len(),
            Command::Next => return open(Item::Checkin, cx),
            Command::Library => return open(Item::Library, cx),
            Command::LookBack => return open(Item::LookBack, cx),
            Command::Discard if cx.draft.is_some() => return open(Item::DiscardDraft, cx),
            Command::Open => return open(items[self.selected], cx),
            _ => {}
        }
        Nav::Stay
    }

    pub fn view(&self, frame: &mut Frame, app: &App) {
        let theme = &app.theme;
        let body = crate::ui::chrome::page(frame, app, "nearer", app.evening, Context::Home);
        let body = crate::ui::chrome::inset(body, 3);
        let journal = &app.journal;
        let greeting = match app.now.hour() {
            4..=11 => "Good morning.",
            12..=17 => "Good afternoon.",
            _ => "Good evening.",
        };
        let tonight = journal.entry(app.evening);
        let nights = journal.evenings_in_month(app.evening.year(), app.evening.month());
        let mut lines = vec![
            Line::raw(""),
            Line::styled(greeting, theme.title()),
            Line::raw(""),
        ];
        let state = match (tonight, &app.draft) {
            (Some(_), _) => {
                "Tonight's check-in is done. You can go through it again to change it.".to_string()
            }
            (None, Some(d)) if d.date == app.evening => {
                "You started tonight's check-in; it is waiting where you left it.".to_string()
            }
            (None, Some(d)) => format!(
                "You left the check-in for {} half-way. It is kept as a draft.",
                d.date.format("%A %-d %B")
            ),
            (None, None) => "Tonight's check-in is waiting.".to_string(),
        };
        lines.push(Line::raw(state));
        if nights > 0 {
            let word = if nights == 1 { "evening" } else { "evenings" };
            lines.push(Line::styled(
                format!("{nights} {word} checked in this month."),
                theme.dim(),
            ));
        }
        let yesterday = app.evening - Duration::days(1);
        let planned = journal
            .entry(yesterday)
            .and_then(|e| e.small_act.as_ref())
            .or_else(|| {
                (journal.preferences.planned.as_ref())
                    .filter(|p| p.date == yesterday)
                    .map(|p| &p.act)
            });
        if let Some(act) = planned {
            lines.push(Line::from(vec![
                Span::styled("Yesterday you planned: ", theme.dim()),
                Span::raw(act.text.clone()),
            ]));
        }
        lines.extend(super::review::on_this_day_lines(
            journal,
            app.evening,
            theme,
        ));
        lines.push(Line::raw(""));
        let menu = items(journal, app.evening, app.draft.is_some());
        let selected = self.selected.min(menu.len() - 1);
        for (i, item) in menu.iter().enumerate() {
            let label = match item {
                Item::Checkin => match (tonight, &app.draft) {
                    (Some(_), _) => "Change tonight's check-in".to_string(),
                    (None, Some(d)) if d.date == app.evening => {
                        "Continue tonight's check-in".to_string()
                    }
                    (None, Some(d)) => {
                        format!("Finish the check-in for {}", d.date.format("%A %-d"))
                    }
                    (None, None) => "Start tonight's check-in".to_string(),
                },
                Item::Yesterday => format!("Fill in yesterday ({})", yesterday.format("%A %-d")),
                Item::DiscardDraft => "Discard the unfinished check-in".to_string(),
                Item::Library => "Browse exercises".to_string(),
                Item::LookBack => "Look back".to_string(),
                Item::Safety => "Safety and support".to_string(),
                Item::Quit => "Quit".to_string(),
            };
            if i == selected {
                lines.push(Line::from(vec![
                    Span::styled(" ▸ ", theme.accent()),
                    Span::styled(label, theme.selected()),
                ]));
            } else {
                lines.push(Line::raw(format!("   {label}")));
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Journal: {}", app.journal_path),
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }
}

fn open(item: Item, cx: &mut Cx) -> Nav {
    match item {
        Item::Checkin => {
            // A draft for another evening is finished for that evening.
            let date = match cx.draft.as_ref() {
                Some(d) if cx.journal.entry(cx.evening).is_none() => d.date,
                _ => cx.evening,
            };
            let checkin = Checkin::new(cx.content, cx.journal, date, cx.draft.as_ref());
            Nav::Push(Screen::Checkin(Box::new(checkin)))
        }
        Item::Yesterday => {
            let date = cx.evening - Duration::days(1);
            let checkin = Checkin::new(cx.content, cx.journal, date, cx.draft.as_ref());
            Nav::Push(Screen::Checkin(Box::new(checkin)))
        }
        Item::DiscardDraft => {
            *cx.draft = None;
            cx.effects.push(Effect::ClearDraft);
            Nav::Stay
        }
        Item::Library => Nav::Push(Screen::Library(Box::new(super::library::Browser::new(
            cx.content, false,
        )))),
        Item::LookBack => Nav::Push(Screen::Review(Box::new(super::review::Review::new(
            cx.review, cx.evening,
        )))),
        Item::Safety => Nav::Push(Screen::Safety(Default::default())),
        Item::Quit => Nav::Quit,
    }
}
