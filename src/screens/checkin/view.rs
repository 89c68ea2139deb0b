//! Drawing the check-in: one step at a time, in words for the evening it is.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::words::{for_past, number, pick};
use super::{Ask, Checkin, STRESS_WORDS, text_of};
use crate::evening::{GOOD_THING, hard_evening_line, line_of_the_day};
use crate::journal::{ActChoice, Outcome, Step};
use crate::protocol::Ctx;
use crate::ui::{Theme, chrome, ios, text};

impl Checkin {
    /// Whether this check-in is for an evening that has passed.
    fn past(&self, app: &Ctx) -> bool {
        self.date < app.evening
    }

    fn title(&self, app: &Ctx) -> String {
        let past = self.past(app);
        let (n, total) = self.progress();
        let name = match self.step {
            Step::Arrive => "Arrive",
            Step::Closeness => "Closeness",
            Step::Stress => "Outside stress",
            Step::Followup | Step::Noticed => pick(past, "Yesterday's act", "The day before's act"),
            Step::Reflection => pick(past, "Tonight's reflection", "That evening's reflection"),
            Step::Appreciation => "One good thing",
            Step::SmallAct | Step::OwnAct => {
                pick(past, "Tomorrow's small act", "The next day's small act")
            }
            Step::Share => "What you share",
            Step::Summary if app.unsaved => return "Check-in · not saved yet".into(),
            Step::Summary => return "Check-in · saved".into(),
        };
        format!("Check-in · {n} of {total} · {name}")
    }

    pub fn view(&self, frame: &mut Frame, app: &Ctx) {
        let title = self.title(app);
        let body = chrome::page(frame, app.chrome(), &title, self.date);
        let body = chrome::reading(chrome::inset(body, 3));
        let theme = &app.theme;
        let [body, hint] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
        if let Some(Ask::AnotherPrompt) = self.ask {
            self.view_ask_another(frame, body, theme, app);
        } else {
            self.view_step(frame, body, theme, app);
        }
        if let Some(h) = &self.hint {
            frame.render_widget(Paragraph::new(Line::styled(h.clone(), theme.warn())), hint);
        }
    }

    fn view_step(&self, frame: &mut Frame, body: Rect, theme: &Theme, app: &Ctx) {
        let past = self.past(app);
        match self.step {
            Step::Arrive => self.view_arrive(frame, body, theme, app),
            Step::Closeness => {
                let pictures = ios::draws_pictures(body, theme);
                let day = pick(past, "today", "that day");
                let question = if pictures {
                    format!("Which picture is closest to how {day} felt between you?")
                } else {
                    format!("Which of these is closest to how {day} felt between you?")
                };
                let question = Paragraph::new(Line::styled(question, theme.title()))
                    .wrap(Wrap { trim: false });
                let height = question.line_count(body.width).min(3) as u16;
                let [q, _, scale] = Layout::vertical([
                    Constraint::Length(height),
                    Constraint::Length(1),
                    Constraint::Min(3),
                ])
                .areas(body);
                frame.render_widget(question, q);
                ios::scale(
                    frame,
                    scale,
                    self.closeness,
                    app.journal.preferences.about.picture_names(),
                    theme,
                );
            }
            Step::Stress => {
                let mut lines = vec![
                    Line::styled(
                        format!(
                            "How much stress came from outside the relationship {}?",
                            pick(past, "today", "that day")
                        ),
                        theme.title(),
                    ),
                    Line::styled(
                        "Work, family, health, the news. Optional: s skips.",
                        theme.dim(),
                    ),
                    Line::raw(""),
                ];
                lines.extend(choice_rows(&STRESS_WORDS, self.stress, theme, body.width));
                lines.push(Line::raw(""));
                if self.stress.is_some_and(|s| s >= 4) {
                    lines.push(Line::styled(self.self_compassion.clone(), theme.accent()));
                }
                frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
            }
            Step::Followup => {
                let planned = self.planned.as_ref().map_or("", |p| p.text.as_str());
                let mut lines = vec![
                    Line::styled(
                        pick(
                            past,
                            "Yesterday you planned:",
                            "The day before, you planned:",
                        ),
                        theme.dim(),
                    ),
                    Line::styled(planned.to_string(), theme.title()),
                    Line::raw(""),
                    Line::raw("Did it happen?"),
                    Line::raw(""),
                ];
                let words: Vec<&str> = Outcome::ALL.iter().map(|o| o.label()).collect();
                lines.extend(choice_rows(
                    &words,
                    self.current_choice(),
                    theme,
                    body.width,
                ));
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    pick(
                        past,
                        "Not yet is fine. Tomorrow is another chance.",
                        "Not yet is fine.",
                    ),
                    theme.dim(),
                ));
                frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
            }
            Step::Noticed => {
                let planned = self.planned.as_ref().map_or("", |p| p.text.as_str());
                // An act that did not happen did not land; what stood in its way is the
                // thing worth a word.
                let (question, help) = if self.outcome == Some(Outcome::NotYet) {
                    (
                        format!("About \"{planned}\": what got in the way?"),
                        "Nothing to mend tonight: naming it can make the next try easier. \
                         Optional.",
                    )
                } else {
                    (
                        format!("About \"{planned}\": what did you notice?"),
                        "How did it land, for you or for them? Optional.",
                    )
                };
                self.view_editor(frame, body, theme, &question, help, &self.noticed)
            }
            Step::Reflection => {
                let question = app.journal.preferences.about.named(&if past {
                    for_past(&self.prompt.1)
                } else {
                    self.prompt.1.clone()
                });
                let help = match (past, text_of(&self.reflection).is_empty()) {
                    (false, true) => "Tonight's question. ctrl+n shows another.",
                    (true, true) => "That evening's question. ctrl+n shows another.",
                    (_, false) => {
                        "ctrl+n shows another question (it asks first, as you have begun)."
                    }
                };
                let body = if self.hard_evening() {
                    // A kind word first, on a very distant or very stressful evening.
                    let line = hard_evening_line(&app.content.lines, self.date);
                    let kind = Paragraph::new(Line::styled(line.to_string(), theme.accent()))
                        .wrap(Wrap { trim: false });
                    let height = kind.line_count(body.width).min(3) as u16;
                    let [top, _, rest] = Layout::vertical([
                        Constraint::Length(height),
                        Constraint::Length(1),
                        Constraint::Min(3),
                    ])
                    .areas(body);
                    frame.render_widget(kind, top);
                    rest
                } else {
                    body
                };
                self.view_editor(frame, body, theme, &question, help, &self.reflection)
            }
            Step::Appreciation => {
                let (ask, hint) = match line_of_the_day_pair(app, self.date) {
                    Some(pair) => pair,
                    None => (
                        "One good thing about your partner.".to_string(),
                        "Something specific they did, and what it says about them.".to_string(),
                    ),
                };
                let about = &app.journal.preferences.about;
                let (ask, hint) = (about.named(&ask), about.named(&hint));
                self.view_editor(frame, body, theme, &ask, &hint, &self.appreciation)
            }
            Step::SmallAct => self.view_small_act(frame, body, theme, app),
            Step::OwnAct => self.view_editor(
                frame,
                body,
                theme,
                pick(
                    past,
                    "Tomorrow's small act, in your own words.",
                    "The next day's small act, in your own words.",
                ),
                "Concrete helps: a text at lunch, a cup of tea, five minutes of listening.",
                &self.own_act,
            ),
            Step::Share => self.view_share(frame, body, theme, app),
            Step::Summary => self.view_summary(frame, body, theme, app),
        }
    }

    fn view_arrive(&self, frame: &mut Frame, body: Rect, theme: &Theme, app: &Ctx) {
        let past = self.past(app);
        let mut lines = vec![
            Line::raw(""),
            Line::styled(self.arrive_line.clone(), theme.title()),
            Line::raw(""),
        ];
        if self.date != app.evening {
            lines.push(Line::styled(
                format!("This check-in is for {}.", self.date.format("%A %-d %B")),
                theme.dim(),
            ));
        }
        if self.editing() {
            lines.push(Line::styled(
                pick(
                    past,
                    "You checked in this evening already. Going through again changes that entry; it never makes a second one.",
                    "That evening has a check-in already. Going through again changes it; it never makes a second one.",
                ),
                theme.dim(),
            ));
        }
        if lines.len() > 3 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(vec![
            Span::styled("p", theme.accent()),
            Span::raw("  a three-breath pause first"),
        ]));
        let (_, total) = self.progress();
        lines.push(Line::from(vec![
            Span::styled("enter", theme.accent()),
            Span::raw(format!(
                "  begin: {} short steps follow, about three minutes",
                number(total - 1)
            )),
        ]));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn view_ask_another(&self, frame: &mut Frame, body: Rect, theme: &Theme, app: &Ctx) {
        let question = app.journal.preferences.about.named(&if self.past(app) {
            for_past(&self.prompt.1)
        } else {
            self.prompt.1.clone()
        });
        let lines = vec![
            Line::styled(question, theme.dim()),
            Line::raw(""),
            Line::styled("Show another question?", theme.title()),
            Line::raw(
                "You have begun answering this one. The journal keeps an answer with the \
                 question it answers, so another question starts with an empty box.",
            ),
            Line::raw(""),
            Line::from(vec![
                Span::styled("1", theme.accent()),
                Span::raw("  another question (what you wrote here is cleared)"),
            ]),
            Line::from(vec![
                Span::styled("2", theme.accent()),
                Span::raw("  keep this question and my answer"),
            ]),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn view_editor(
        &self,
        frame: &mut Frame,
        body: Rect,
        theme: &Theme,
        question: &str,
        help: &str,
        ta: &TextArea<'static>,
    ) {
        crate::ui::text_box::question_and_editor(frame, body, theme, question, help, ta, vec![]);
    }

    fn view_small_act(&self, frame: &mut Frame, body: Rect, theme: &Theme, app: &Ctx) {
        let past = self.past(app);
        let mut lines = Vec::new();
        match &self.act {
            ActChoice::Own => {
                lines.push(Line::styled(
                    pick(
                        past,
                        "Tomorrow, in your own words:",
                        "The day after, in your own words:",
                    ),
                    theme.dim(),
                ));
                lines.push(Line::raw(""));
                lines.push(Line::styled(text_of(&self.own_act), theme.accent()));
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "enter keeps it · w changes the words · n shows a suggestion instead",
                    theme.dim(),
                ));
            }
            ActChoice::Nothing => {
                lines.push(Line::styled(
                    pick(
                        past,
                        "Nothing planned for tomorrow.",
                        "Nothing planned for the day after.",
                    ),
                    theme.accent(),
                ));
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "enter keeps it so · n shows a suggestion · w your own words",
                    theme.dim(),
                ));
            }
            ActChoice::Card(_) | ActChoice::Undecided => {
                lines.push(Line::styled(
                    pick(
                        past,
                        "A small thing to try tomorrow:",
                        "A small thing to try the day after:",
                    ),
                    theme.dim(),
                ));
                lines.push(Line::raw(""));
                match self.suggested(app.content) {
                    Some(card) => {
                        let star = if app.journal.is_favourite(&card.id) {
                            "★ "
                        } else {
                            ""
                        };
                        lines.push(Line::styled(
                            format!("{star}{}", card.title),
                            theme.accent(),
                        ));
                        lines.push(Line::styled(
                            format!(
                                "{} min · {} · {}",
                                card.minutes,
                                card.mode.label(),
                                card.depth.label()
                            ),
                            theme.dim(),
                        ));
                        lines.push(Line::raw(""));
                        lines.push(Line::raw(card.why.clone()));
                        lines.push(Line::raw(""));
                        for (i, step) in card.steps.iter().enumerate() {
                            lines.push(Line::raw(format!("{}. {step}", i + 1)));
                        }
                    }
                    None => lines.push(Line::raw(
                        "No suggestion fits right now. Press w to write your own.",
                    )),
                }
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    format!(
                        "Suggestion {} of {}.",
                        self.card_pos + 1,
                        self.card_order.len().max(1)
                    ),
                    theme.dim(),
                ));
            }
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn view_summary(&self, frame: &mut Frame, body: Rect, theme: &Theme, app: &Ctx) {
        let past = self.past(app);
        let mut lines: Vec<Line> = Vec::new();
        let status = if app.unsaved {
            Span::styled(
                "Not saved to disk yet: see the message below.",
                theme.warn(),
            )
        } else {
            Span::styled("Saved to your journal.", theme.good())
        };
        lines.push(Line::from(status));
        lines.push(Line::raw(""));
        let width = usize::from(body.width).saturating_sub(14).max(10);
        let field = |label: &str, value: String| -> Line<'static> {
            Line::from(vec![
                Span::styled(format!("{label:<14}"), theme.dim()),
                Span::raw(value),
            ])
        };
        if let Some(c) = self.closeness {
            lines.push(field(
                "Closeness",
                format!("{c} of 7, {}", ios::WORDS[usize::from(c.clamp(1, 7) - 1)]),
            ));
        }
        if let Some(s) = self.stress {
            lines.push(field(
                "Stress",
                format!("{s} of 5, {}", STRESS_WORDS[usize::from(s.clamp(1, 5) - 1)]),
            ));
        }
        if let Some(p) = &self.planned {
            let outcome = self.outcome.map_or("not answered", Outcome::label);
            lines.push(field(
                pick(past, "Yesterday", "Day before"),
                text::first_line(&format!("{} ({outcome})", p.text), width),
            ));
        }
        let reflection = text_of(&self.reflection);
        if !reflection.is_empty() {
            lines.push(field("Reflection", text::first_line(&reflection, width)));
        }
        let appreciation = text_of(&self.appreciation);
        if !appreciation.is_empty() {
            lines.push(field("Good thing", text::first_line(&appreciation, width)));
        }
        let act = self
            .entry(app.content, app.now)
            .and_then(|e| e.small_act)
            .map(|a| a.text);
        lines.push(field(
            pick(past, "Tomorrow", "Day after"),
            text::first_line(&act.unwrap_or_else(|| "nothing planned".into()), width),
        ));
        lines.push(Line::raw(""));
        let nights = app
            .journal
            .evenings_in_month(self.date.year(), self.date.month());
        let word = if nights == 1 { "evening" } else { "evenings" };
        use chrono::Datelike;
        let month =
            if (self.date.year(), self.date.month()) == (app.evening.year(), app.evening.month()) {
                "this month".to_string()
            } else {
                format!("in {}", self.date.format("%B %Y"))
            };
        lines.push(Line::styled(
            format!("{nights} {word} checked in {month}."),
            theme.accent(),
        ));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            pick(past, "Sleep well.", "Thank you for filling it in."),
            theme.dim(),
        ));
        frame.render_widget(
            Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
            body,
        );
    }
}

/// The evening's way of asking for one good thing, from the content's lines.
fn line_of_the_day_pair(app: &Ctx, date: chrono::NaiveDate) -> Option<(String, String)> {
    let asks = &app.content.lines.good_thing;
    let texts: Vec<String> = asks.iter().map(|g| g.ask.clone()).collect();
    let ask = line_of_the_day(&texts, date, GOOD_THING)?;
    let g = asks.iter().find(|g| g.ask == ask)?;
    Some((g.ask.clone(), g.hint.clone()))
}

/// Numbered choices with the chosen one marked (reversed, and in brackets), wrapped onto as
/// many rows as the width needs, never a choice cut in two.
fn choice_rows(
    words: &[&str],
    chosen: Option<u8>,
    theme: &Theme,
    width: u16,
) -> Vec<Line<'static>> {
    let mut rows = Vec::new();
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (i, w) in words.iter().enumerate() {
        let n = i as u8 + 1;
        let (text, style) = if chosen == Some(n) {
            (format!("[{n} {w}]"), theme.selected())
        } else {
            (format!(" {n} {w} "), theme.text())
        };
        let len = text::width(&text) + 2;
        if used > 0 && used + len > usize::from(width) {
            rows.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        spans.push(Span::styled(text, style));
        spans.push(Span::raw("  "));
        used += len;
    }
    rows.push(Line::from(spans));
    rows
}
