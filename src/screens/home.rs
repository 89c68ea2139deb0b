//! Home: tonight's state at a glance, every unfinished evening, and where to go from here.

use chrono::{Datelike, Duration, NaiveDate, Timelike};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::journal::{Drafts, Journal};
use crate::protocol::{Command, Context, Ctx, Cx, Destination, Drawn, Intent};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// Tonight's check-in: start, continue or change it.
    Tonight,
    /// An unfinished check-in for another evening.
    Draft(NaiveDate),
    /// A together evening: tonight's (to start or go on with), or one left half-way.
    Together(NaiveDate),
    /// The stress-reducing conversation.
    StressTalk,
    /// The weekly State of us (the lines above the menu offer it when one is due).
    StateOfUs,
    Yesterday,
    Library,
    LookBack,
    Settings,
    Safety,
    Quit,
}

#[derive(Debug, Clone, Default)]
pub struct Home {
    pub selected: usize,
    /// Asking whether to discard this evening's unfinished check-in.
    pub confirm_discard: Option<NaiveDate>,
    /// A line for the person: what a discard or an undo did.
    pub message: Option<String>,
}

/// The menu as it stands.
pub fn items(journal: &Journal, evening: NaiveDate, drafts: &Drafts) -> Vec<Item> {
    let mut items = vec![Item::Tonight];
    items.extend(
        drafts
            .newest_first()
            .map(|d| d.date)
            .filter(|&d| d != evening)
            .map(Item::Draft),
    );
    let yesterday = evening - Duration::days(1);
    if journal.entry(yesterday).is_none() && drafts.get(yesterday).is_none() {
        items.push(Item::Yesterday);
    }
    items.push(Item::Together(evening));
    items.extend(
        drafts
            .together_newest_first()
            .map(|d| d.date)
            .filter(|&d| d != evening)
            .map(Item::Together),
    );
    items.extend([
        Item::Library,
        Item::LookBack,
        // The two conversations (the lines above the menu offer the State of us in a week
        // when one is due).
        Item::StressTalk,
        Item::StateOfUs,
        Item::Settings,
        Item::Safety,
        Item::Quit,
    ]);
    items
}

/// The evening whose draft a menu item stands for, if it has one.
fn draft_of(item: Item, evening: NaiveDate, drafts: &Drafts) -> Option<NaiveDate> {
    match item {
        Item::Tonight => drafts.get(evening).map(|d| d.date),
        Item::Draft(d) => Some(d),
        _ => None,
    }
}

fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B").to_string()
}

impl Home {
    fn selected_item(&self, journal: &Journal, evening: NaiveDate, drafts: &Drafts) -> Item {
        let items = items(journal, evening, drafts);
        items[self.selected.min(items.len() - 1)]
    }

    pub fn context(&self) -> Context {
        if self.confirm_discard.is_some() {
            Context::Confirm
        } else {
            Context::Home
        }
    }

    pub fn handles(&self, command: Command, ctx: &Ctx) -> bool {
        if self.confirm_discard.is_some() {
            return matches!(command, Command::Choose(1 | 2) | Command::Back);
        }
        match command {
            Command::Discard => draft_of(
                self.selected_item(ctx.journal, ctx.evening, ctx.drafts),
                ctx.evening,
                ctx.drafts,
            )
            .is_some(),
            Command::Undo => !ctx.discarded.is_empty(),
            Command::Up | Command::Down | Command::Open | Command::Next => true,
            Command::Library | Command::LookBack | Command::Settings | Command::Together => true,
            Command::StressTalk | Command::StateOfUs => true,
            _ => false,
        }
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        if let Some(date) = self.confirm_discard {
            match command {
                Command::Choose(1) => {
                    self.confirm_discard = None;
                    cx.ask(Intent::DiscardDraft(date));
                    self.message = Some(format!(
                        "Discarded the unfinished check-in for {}. u brings it back until you quit nearer.",
                        long_date(date)
                    ));
                }
                Command::Choose(2) | Command::Back => self.confirm_discard = None,
                _ => {}
            }
            return;
        }
        let items = items(cx.journal, cx.evening, cx.drafts);
        self.selected = self.selected.min(items.len() - 1);
        self.message = None;
        match command {
            Command::Up => self.selected = self.selected.checked_sub(1).unwrap_or(items.len() - 1),
            Command::Down => self.selected = (self.selected + 1) % items.len(),
            Command::Next => open(Item::Tonight, cx),
            Command::Library => open(Item::Library, cx),
            Command::LookBack => open(Item::LookBack, cx),
            Command::Settings => open(Item::Settings, cx),
            Command::Together => open(Item::Together(cx.evening), cx),
            Command::StressTalk => open(Item::StressTalk, cx),
            Command::StateOfUs => open(Item::StateOfUs, cx),
            Command::Discard => {
                self.confirm_discard = draft_of(items[self.selected], cx.evening, cx.drafts);
            }
            Command::Undo => self.undo(cx),
            Command::Open => {
                let item = items[self.selected];
                // An earlier evening's row goes once it is saved: back on home, the selection
                // is on the first row, not on whichever row moved up into its place.
                if matches!(item, Item::Yesterday | Item::Draft(_)) {
                    self.selected = 0;
                }
                open(item, cx);
            }
            _ => {}
        }
    }

    fn undo(&mut self, cx: &mut Cx) {
        let Some(draft) = cx.discarded.last() else {
            return;
        };
        let date = draft.date;
        self.message = Some(if cx.drafts.get(date).is_some() {
            // Never an older draft over a newer one: it waits for that one to go.
            format!(
                "There is a newer unfinished check-in for {}; finish or discard it first.",
                long_date(date)
            )
        } else {
            format!(
                "Brought back the unfinished check-in for {}.",
                long_date(date)
            )
        });
        cx.ask(Intent::UndoDiscard);
    }

    pub fn on_frame(&mut self, _drawn: Drawn) {}

    pub fn view(&self, frame: &mut Frame, ctx: &Ctx) -> Drawn {
        let theme = &ctx.theme;
        let body = crate::ui::chrome::page(frame, ctx.chrome(), "nearer", ctx.evening);
        let body = crate::ui::chrome::reading(crate::ui::chrome::inset(body, 3));
        let journal = ctx.journal;
        let drafts = ctx.drafts;
        if let Some(date) = self.confirm_discard {
            let mut lines = vec![
                Line::raw(""),
                Line::styled(
                    format!("Discard the unfinished check-in for {}?", long_date(date)),
                    theme.title(),
                ),
            ];
            if let Some(d) = drafts.get(date) {
                let words: Vec<&str> = d.texts().collect();
                if !words.is_empty() {
                    lines.push(Line::styled(
                        format!(
                            "It holds: “{}”",
                            crate::ui::text::first_line(
                                &words.join(" · "),
                                usize::from(body.width).saturating_sub(12)
                            )
                        ),
                        theme.dim(),
                    ));
                }
            }
            lines.push(Line::raw("u brings it back until you quit nearer."));
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("1", theme.accent()),
                Span::raw("  discard it"),
            ]));
            lines.push(Line::from(vec![
                Span::styled("2", theme.accent()),
                Span::raw("  keep it"),
            ]));
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
            return Drawn::default();
        }
        let greeting = match ctx.now.hour() {
            4..=11 => "Good morning.",
            12..=17 => "Good afternoon.",
            _ => "Good evening.",
        };
        let tonight = journal.entry(ctx.evening);
        let tonight_draft = drafts.get(ctx.evening);
        let nights = journal.evenings_in_month(ctx.evening.year(), ctx.evening.month());
        let mut lines = vec![
            Line::raw(""),
            Line::styled(greeting, theme.title()),
            Line::raw(""),
        ];
        let state = match (tonight, tonight_draft) {
            (Some(_), Some(_)) => {
                "Tonight's check-in is done; you began changing it, and the changes are kept."
            }
            (Some(_), None) => {
                "Tonight's check-in is done. You can go through it again to change it."
            }
            (None, Some(_)) => "You started tonight's check-in; it is waiting where you left it.",
            (None, None) => "Tonight's check-in is waiting.",
        };
        lines.push(Line::raw(state));
        let others: Vec<NaiveDate> = drafts.dates().filter(|&d| d != ctx.evening).collect();
        if !others.is_empty() {
            let names: Vec<String> = others.iter().rev().map(|&d| long_date(d)).collect();
            lines.push(Line::raw(format!(
                "Also unfinished, kept as {}: {}.",
                if others.len() == 1 {
                    "a draft"
                } else {
                    "drafts"
                },
                names.join(", ")
            )));
        }
        if nights > 0 {
            let word = if nights == 1 { "evening" } else { "evenings" };
            lines.push(Line::styled(
                format!("{nights} {word} checked in this month."),
                theme.dim(),
            ));
        }
        if drafts.state_of_us().is_none()
            && crate::screens::state_of_us::week::due(journal, ctx.evening)
        {
            lines.push(Line::styled(
                "A State of us this week, when you both have half an hour.",
                theme.dim(),
            ));
        }
        let yesterday = ctx.evening - Duration::days(1);
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
        lines.extend(super::partner::home_lines(ctx, theme));
        lines.extend(super::review::on_this_day_lines(
            journal,
            ctx.evening,
            theme,
            usize::from(body.width),
        ));
        if let Some(m) = &self.message {
            lines.push(Line::raw(""));
            lines.push(Line::styled(m.clone(), theme.accent()));
        }
        lines.push(Line::raw(""));

        let menu = items(journal, ctx.evening, drafts);
        let selected = self.selected.min(menu.len() - 1);
        let labels: Vec<String> = menu
            .iter()
            .map(|item| match item {
                Item::Tonight => match (tonight, tonight_draft) {
                    (Some(_), Some(_)) => "Continue changing tonight's check-in".to_string(),
                    (Some(_), None) => "Change tonight's check-in".to_string(),
                    (None, Some(_)) => "Continue tonight's check-in".to_string(),
                    (None, None) => "Start tonight's check-in".to_string(),
                },
                Item::Draft(d) if journal.entry(*d).is_some() => {
                    format!("Finish changing {}", long_date(*d))
                }
                Item::Draft(d) => format!("Finish the check-in for {}", long_date(*d)),
                Item::Yesterday => format!("Fill in yesterday ({})", yesterday.format("%A %-d")),
                Item::Together(d) if *d == ctx.evening => {
                    if drafts.together(*d).is_some() {
                        "Continue the together evening".to_string()
                    } else if journal.entry(*d).is_some_and(|e| e.together.is_some()) {
                        "A together evening again".to_string()
                    } else {
                        "A together evening (the two of you, about ten minutes)".to_string()
                    }
                }
                Item::Together(d) => format!("Finish the together evening of {}", long_date(*d)),
                Item::StressTalk => {
                    "A stress-reducing conversation (a turn each, timed)".to_string()
                }
                Item::StateOfUs => {
                    if drafts.state_of_us().is_some() {
                        "Continue the State of us".to_string()
                    } else if crate::screens::state_of_us::week::due(journal, ctx.evening) {
                        "This week's State of us (the two of you, about half an hour)".to_string()
                    } else {
                        "State of us, the weekly talk".to_string()
                    }
                }
                Item::Library => "Browse exercises".to_string(),
                Item::LookBack => "Look back".to_string(),
                Item::Settings => "About us and settings".to_string(),
                Item::Safety => "Safety and support".to_string(),
                Item::Quit => "Quit".to_string(),
            })
            .collect();
        let menu_lines: Vec<Line> = labels
            .into_iter()
            .enumerate()
            .map(|(i, label)| {
                // A row too long for a narrow window ends in "…", so the cut shows.
                let label =
                    crate::ui::text::truncate(&label, usize::from(body.width).saturating_sub(3));
                if i == selected {
                    Line::from(vec![
                        Span::styled(" ▸ ", theme.accent()),
                        Span::styled(label, theme.selected()),
                    ])
                } else {
                    Line::raw(format!("   {label}"))
                }
            })
            .collect();
        let path_line = Line::styled(format!("Journal: {}", ctx.journal_path), theme.dim());

        // The menu always shows whole, and the selection stays in view: the lines above it
        // give way first on a small window.
        let top = Paragraph::new(lines).wrap(Wrap { trim: false });
        let top_height = top.line_count(body.width) as u16;
        let menu_height = menu_lines.len() as u16;
        let room = body.height;
        let (top_h, menu_h, path_h) = if top_height + menu_height + 2 <= room {
            (top_height, menu_height, 2)
        } else if menu_height <= room {
            (room - menu_height, menu_height, 0)
        } else {
            (0, room, 0)
        };
        let [top_area, menu_area, path_area] = Layout::vertical([
            Constraint::Length(top_h),
            Constraint::Length(menu_h),
            Constraint::Length(path_h),
        ])
        .areas(body);
        // The end of the lines above (the state, the message) matters least on a small
        // window: show their start.
        frame.render_widget(top, top_area);
        let first = (selected + 1).saturating_sub(usize::from(menu_area.height));
        frame.render_widget(
            Paragraph::new(menu_lines.into_iter().skip(first).collect::<Vec<_>>()),
            menu_area,
        );
        if path_h > 0 {
            frame.render_widget(
                Paragraph::new(vec![Line::raw(""), path_line]).wrap(Wrap { trim: false }),
                path_area,
            );
        }
        Drawn::default()
    }
}

fn open(item: Item, cx: &mut Cx) {
    let checkin = |date: NaiveDate| {
        Intent::Open(Destination::Checkin {
            date,
            back_to_review: false,
        })
    };
    cx.ask(match item {
        Item::Tonight => checkin(cx.evening),
        Item::Draft(date) => checkin(date),
        Item::Yesterday => checkin(cx.evening - Duration::days(1)),
        Item::Together(date) => Intent::Open(Destination::Together { date }),
        Item::StressTalk => Intent::Open(Destination::StressTalk),
        Item::StateOfUs => Intent::Open(Destination::StateOfUs),
        Item::Library => Intent::Open(Destination::Library { pick: false }),
        Item::LookBack => Intent::Open(Destination::Review),
        Item::Settings => Intent::Open(Destination::Settings),
        Item::Safety => Intent::Open(Destination::Safety),
        Item::Quit => Intent::Quit,
    });
}
