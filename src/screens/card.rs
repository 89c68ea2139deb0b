//! A card's page: why it helps and the evidence, the steps, its minutes, mode, depth and
//! love languages, worked examples, and what the journal says about it. From here a card is
//! starred, planned for tomorrow, or (opened from the check-in) chosen as tomorrow's act.

use super::scroll_move;
use crate::content::{Card, CardKind, Mode, Tag};
use crate::journal::{CardRecord, Journal, PlannedFor, Preferences, SmallAct};
use crate::protocol::{Command, Context, Ctx, Cx, Destination, Drawn, Intent};
use crate::ui::chrome;
use crate::ui::scroll::Scroll;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Said when a card that involves the partner is not planned because the person chose to
/// be offered only what they can do on their own (for whatever reason: none is named).
pub const SOLO_REFUSAL: &str = "This card involves your partner; with 'suggest only what I can do on my own' on, nearer does not plan it.";

/// Why a card does not fit the couple, as said on its page and when it is not planned:
/// the first of the reasons `suggest::card_fits` has, in its order.
pub fn unfit_reason(card: &Card, prefs: &Preferences) -> Option<&'static str> {
    if crate::suggest::card_fits(card, prefs) {
        return None;
    }
    let about = &prefs.about;
    Some(
        if prefs.on_my_own && (card.involves_partner() || card.has(Tag::AssumesSafety)) {
            SOLO_REFUSAL
        } else if about.live_apart && card.has(Tag::SameRoom) {
            "This card needs you both in one room; while you live apart, nearer does not plan it."
        } else if about.live_apart && card.has(Tag::SharedHome) {
            "This card is for couples who share a home; while you live apart, nearer does not plan it."
        } else if card.has(Tag::Apart) {
            "This card is for couples who live apart, so nearer does not plan it for you."
        } else {
            "This card is for couples with children at home, so nearer does not plan it for you."
        },
    )
}

#[derive(Debug, Clone)]
pub struct CardPage {
    /// The list the card was opened from, so ← → move through it.
    pub ids: Vec<String>,
    pub pos: usize,
    /// Opened from the check-in: choosing the card makes it tomorrow's act there.
    pub pick: bool,
    scroll: Scroll,
    /// What the last key did ("Starred."), shown under the page.
    pub message: Option<String>,
}

impl CardPage {
    pub fn new(ids: Vec<String>, pos: usize, pick: bool) -> CardPage {
        CardPage {
            pos: pos.min(ids.len().saturating_sub(1)),
            ids,
            pick,
            scroll: Scroll::default(),
            message: None,
        }
    }

    /// The id of the card on the page.
    pub fn id(&self) -> &str {
        self.ids.get(self.pos).map_or("", String::as_str)
    }

    pub fn context(&self) -> Context {
        if self.pick {
            Context::CardPick
        } else {
            Context::Card
        }
    }

    pub fn handles(&self, command: Command, ctx: &Ctx) -> bool {
        let Some(card) = ctx.content.card(self.id()) else {
            return command == Command::Back;
        };
        match command {
            Command::Back | Command::Star => true,
            Command::Left => self.pos > 0,
            Command::Right => self.pos + 1 < self.ids.len(),
            // Planned (or chosen), taken back, or told why not: once told, the same again
            // changes nothing.
            Command::Plan => match unfit_reason(card, &ctx.journal.preferences) {
                Some(why)
                    if !is_planned_tomorrow(ctx.journal, ctx.evening, &card.id) || self.pick =>
                {
                    self.message.as_deref() != Some(why)
                }
                _ => true,
            },
            Command::Breathe => card.kind == CardKind::Pause,
            c => scroll_move(c).is_some_and(|m| self.scroll.can(m)),
        }
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        let Some(card) = cx.content.card(self.id()).cloned() else {
            cx.ask(Intent::Back);
            return;
        };
        if let Some(m) = scroll_move(command) {
            self.scroll.apply(m);
            return;
        }
        match command {
            Command::Left | Command::Right => {
                let next = if command == Command::Left {
                    self.pos.checked_sub(1)
                } else {
                    Some(self.pos + 1).filter(|&p| p < self.ids.len())
                };
                if let Some(p) = next {
                    self.pos = p;
                    self.scroll = Scroll::default();
                    self.message = None;
                }
            }
            Command::Star => {
                let starred = !cx.journal.is_favourite(&card.id);
                cx.ask(Intent::ToggleFavourite(card.id.clone()));
                self.message = Some(if starred {
                    "Starred: it is in your favourites, and comes up more often as a suggestion."
                        .into()
                } else {
                    "No longer starred.".into()
                });
            }
            Command::Plan if self.pick => match unfit_reason(&card, &cx.journal.preferences) {
                Some(why) => self.message = Some(why.into()),
                None => cx.ask(Intent::ChooseCard(card.id.clone())),
            },
            Command::Plan => self.message = Some(toggle_plan(&card, cx)),
            Command::Breathe if card.kind == CardKind::Pause => {
                cx.ask(Intent::Open(Destination::Pause));
            }
            Command::Back => cx.ask(Intent::Back),
            _ => {}
        }
    }

    pub fn on_frame(&mut self, drawn: Drawn) {
        self.scroll.fit(drawn.lines, drawn.height);
    }

    pub fn view(&self, frame: &mut Frame, app: &Ctx) -> Drawn {
        let theme = &app.theme;
        let content = app.content;
        let Some(card) = content.card(self.id()) else {
            return Drawn::default();
        };
        let section = content
            .section(&card.section)
            .map_or("", |s| s.title.as_str());
        let base = if self.pick {
            "Choose tomorrow's act"
        } else {
            "Library"
        };
        let title = if self.ids.len() > 1 {
            format!(
                "{base} · {section} · {} of {}",
                self.pos + 1,
                self.ids.len()
            )
        } else {
            format!("{base} · {section}")
        };
        let body = chrome::page(frame, app.chrome(), &title, app.evening);
        let body = chrome::reading(chrome::inset(body, 3));
        let message_h = self.message.as_ref().map_or(0, |m| {
            Paragraph::new(m.as_str())
                .wrap(Wrap { trim: false })
                .line_count(body.width)
                .min(3) as u16
                + 1
        });
        let [page, message] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(message_h)]).areas(body);

        let lines = page_lines(card, app, self.pick, page.width as usize);
        let para = Paragraph::new(lines).wrap(Wrap { trim: false });
        let (lines, height) = self.scroll.render(frame, para, page);
        if let Some(m) = &self.message {
            frame.render_widget(
                Paragraph::new(vec![Line::raw(""), Line::styled(m.clone(), theme.accent())])
                    .wrap(Wrap { trim: false }),
                message,
            );
        }
        Drawn {
            height,
            lines,
            first: 0,
        }
    }
}

/// The page as lines, before wrapping.
fn page_lines(card: &Card, app: &Ctx, pick: bool, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let journal = app.journal;
    let mut lines = vec![Line::raw("")];
    let star = if journal.is_favourite(&card.id) {
        "★ "
    } else {
        ""
    };
    lines.push(Line::styled(
        format!("{star}{}", card.title),
        theme.accent(),
    ));
    let mut meta = vec![
        format!("{} min", card.minutes),
        card.mode.label().to_string(),
        card.depth.label().to_string(),
        card.kind.label().to_string(),
    ];
    if card.partner_facing && card.mode == Mode::Solo {
        meta.push("with your partner in mind".into());
    }
    lines.push(Line::styled(meta.join(" · "), theme.dim()));
    if !card.love_languages.is_empty() {
        let langs: Vec<&str> = card.love_languages.iter().map(|l| l.label()).collect();
        lines.push(Line::styled(
            format!("Love languages: {}", langs.join(", ")),
            theme.dim(),
        ));
    }
    if is_planned_tomorrow(journal, app.evening, &card.id) {
        lines.push(Line::styled(
            "▸ Planned for tomorrow. Tomorrow evening's check-in asks how it went.",
            theme.accent(),
        ));
    }
    if let Some(topic) =
        (card.deck.as_deref()).and_then(|d| app.content.decks.iter().find(|x| x.id == d))
    {
        lines.push(Line::styled(format!("Topic: {}", topic.title), theme.dim()));
    }
    if let Some(why) = unfit_reason(card, &journal.preferences) {
        lines.push(Line::styled(why, theme.warn()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Why it helps", theme.title()));
    lines.push(Line::raw(card.why.clone()));
    if let Some(e) = &card.evidence {
        lines.push(Line::styled(format!("Evidence: {}", e.text()), theme.dim()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Steps", theme.title()));
    for (i, step) in card.steps.iter().enumerate() {
        let number = Span::raw(format!("{}. ", i + 1));
        lines.extend(hanging(number, step, width, theme.text()));
    }
    if !card.examples.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Examples", theme.title()));
        for example in &card.examples {
            match example.split_once("->") {
                Some((before, after)) => {
                    let instead = Span::styled("Instead of  ", theme.dim());
                    lines.extend(hanging(instead, before.trim(), width, theme.text()));
                    let try_ = Span::styled("try         ", theme.dim());
                    lines.extend(hanging(try_, after.trim(), width, theme.text()));
                    lines.push(Line::raw(""));
                }
                None => lines.extend(hanging(Span::raw("· "), example, width, theme.text())),
            }
        }
        if lines.last().is_some_and(|l| l.width() == 0) {
            lines.pop();
        }
    }
    let record = journal.card_record(&card.id);
    if record.planned > 0 || !is_planned_tomorrow(journal, app.evening, &card.id) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(history(&record), theme.dim()));
    }
    if app.content.is_own_card(&card.id) {
        let path = app
            .content
            .user_path
            .as_deref()
            .unwrap_or("your content file");
        lines.push(Line::styled(
            format!("One of your own cards, from {path}."),
            theme.dim(),
        ));
    }
    let mut keys = Vec::new();
    if pick {
        keys.push(("enter", "choose this as tomorrow's small act"));
    }
    if card.kind == CardKind::Pause {
        keys.push(("p", "a guided pause, now: three slow breaths"));
    }
    if !keys.is_empty() {
        lines.push(Line::raw(""));
        for (key, what) in keys {
            lines.push(Line::from(vec![
                Span::styled(format!("{key:<6}"), theme.accent()),
                Span::raw(what),
            ]));
        }
    }
    lines
}

/// `text` wrapped to `width` columns after `lead`, later lines indented to line up with
/// the first (a hanging indent, so numbered steps read as a list).
pub fn hanging(lead: Span<'static>, text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let indent = lead.width();
    let room = width.saturating_sub(indent).max(10);
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut rows = crate::ui::text::wrap(&one_line, room);
    if rows.is_empty() {
        rows.push(String::new());
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            let first = if i == 0 {
                lead.clone()
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![first, Span::styled(row, style)])
        })
        .collect()
}

fn times(n: usize) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// The card's history in a sentence or two.
pub fn history(r: &CardRecord) -> String {
    let Some(last) = r.last else {
        return "You have not planned this one yet.".into();
    };
    let mut s = format!(
        "Planned {}, most recently on {}.",
        times(r.planned),
        last.format("%A %-d %B %Y")
    );
    let mut said = Vec::new();
    if r.done > 0 {
        said.push(format!("it happened {}", times(r.done)));
    }
    if r.partly > 0 {
        said.push(format!("partly {}", times(r.partly)));
    }
    if r.not_yet > 0 {
        said.push(format!("not yet {}", times(r.not_yet)));
    }
    if !said.is_empty() {
        let joined = said.join(", ");
        let mut chars = joined.chars();
        let first = chars.next().map(|c| c.to_uppercase().to_string());
        s.push_str(&format!(
            " {}{}.",
            first.unwrap_or_default(),
            chars.as_str()
        ));
    }
    s
}

/// Whether this card is what the next check-in will follow up.
pub fn is_planned_tomorrow(journal: &Journal, evening: NaiveDate, id: &str) -> bool {
    journal
        .planned_after(evening)
        .is_some_and(|a| a.card_id.as_deref() == Some(id))
}

/// Plan a card for tomorrow, or take it back if it is already planned. Tonight's check-in,
/// if it is done, gets the card as its small act; otherwise the plan waits in the
/// preferences, where tonight's check-in offers it first. Returns what to tell the person.
pub fn toggle_plan(card: &Card, cx: &mut Cx) -> String {
    let evening = cx.evening;
    let now = cx.now;
    let tonight = cx.journal.entry(evening);
    if is_planned_tomorrow(cx.journal, evening, &card.id) {
        if let Some(e) = tonight.filter(|e| {
            (e.small_act.as_ref()).is_some_and(|a| a.card_id.as_deref() == Some(card.id.as_str()))
        }) {
            let mut e = e.clone();
            e.small_act = None;
            e.updated = now;
            cx.ask(Intent::SaveEntry(Box::new(e)));
        }
        if (cx.journal.preferences.planned.as_ref()).is_some_and(|p| p.date == evening) {
            cx.ask(Intent::Plan(None));
        }
        return "No longer planned for tomorrow.".into();
    }
    if let Some(why) = unfit_reason(card, &cx.journal.preferences) {
        return why.into();
    }
    let act = SmallAct {
        card_id: Some(card.id.clone()),
        text: card.title.clone(),
    };
    match tonight {
        Some(entry) => {
            let mut entry = entry.clone();
            let replaced = entry.small_act.replace(act).map(|a| a.text);
            entry.updated = now;
            // Saving tonight's entry is done with a plan waiting for tonight.
            cx.ask(Intent::SaveEntry(Box::new(entry)));
            match replaced {
                Some(old) => format!(
                    "Planned for tomorrow, in place of \"{old}\" from tonight's check-in. Tomorrow's check-in asks how it went."
                ),
                None => "Planned for tomorrow, in tonight's check-in. Tomorrow's check-in asks how it went.".into(),
            }
        }
        None => {
            cx.ask(Intent::Plan(Some(PlannedFor { date: evening, act })));
            "Planned for tomorrow. Tonight's check-in offers it first, and tomorrow's asks how it went.".into()
        }
    }
}
