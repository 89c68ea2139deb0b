//! Drawing a State of us, one step at a time, in the partners' names.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{OWN_REPAIR, REPAIRS, StateOfUs, Step};
use crate::protocol::Ctx;
use crate::screens::checkin::text_of;
use crate::screens::talk::turn::{self, Turn};
use crate::screens::talk::view::{text_step, text_step_with};
use crate::screens::together::Who;
use crate::ui::{Theme, chrome};

/// The listener's rules while the other speaks about the issue.
pub fn issue_rules(speaker: &str) -> Vec<String> {
    vec![
        "Listen to understand; your turn to answer comes.".into(),
        format!("Say back what you heard, and ask {speaker} if you have it right."),
        "Look for the part you can agree with.".into(),
        "No defending yet, and no fixing.".into(),
    ]
}

fn choice(theme: &Theme, n: u8, label: &str, chosen: bool) -> Line<'static> {
    if chosen {
        Line::from(vec![
            Span::styled(format!(" ▸ {n}  "), theme.accent()),
            Span::styled(label.to_string(), theme.selected()),
        ])
    } else {
        Line::raw(format!("   {n}  {label}"))
    }
}

impl StateOfUs {
    fn name(&self, who: Who) -> &str {
        self.names.of(who)
    }

    pub fn view(&self, frame: &mut Frame, ctx: &Ctx) {
        let (n, total) = self.progress();
        let title = match self.step {
            Step::Names | Step::Away => "State of us".to_string(),
            _ => format!("State of us · {n} of {total}"),
        };
        let body = chrome::page(frame, ctx.chrome(), &title, self.date);
        let body = chrome::reading(chrome::inset(body, 3));
        let theme = &ctx.theme;
        let [body, hint] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
        let para = |lines: Vec<Line<'static>>| Paragraph::new(lines).wrap(Wrap { trim: false });
        match self.step {
            Step::Names => self.names.view(
                frame,
                body,
                theme,
                "The State of us speaks to each of you by name.",
            ),
            Step::Welcome => frame.render_widget(para(self.welcome(theme)), body),
            Step::Appreciations => frame.render_widget(para(self.appreciations(theme)), body),
            Step::WentWell => text_step(
                frame,
                body,
                theme,
                "What went well this week?",
                "Name a few things, big or small, and say them to each other. One of you types. tab when done.",
                &self.went_well,
            ),
            Step::IssueWho => {
                let c = self.current_choice();
                let lines = vec![
                    Line::raw(""),
                    Line::styled(
                        "Is there one thing either of you would like to talk through this week?",
                        theme.title(),
                    ),
                    Line::styled(
                        "Optional. One thing, not a list; anything else can wait for another week.",
                        theme.dim(),
                    ),
                    Line::raw(""),
                    choice(
                        theme,
                        1,
                        &format!("{} has one", self.name(Who::Owner)),
                        c == Some(1),
                    ),
                    choice(
                        theme,
                        2,
                        &format!("{} has one", self.name(Who::Partner)),
                        c == Some(2),
                    ),
                    choice(theme, 3, "Not this week", c == Some(3)),
                    Line::raw(""),
                    Line::styled("enter goes on", theme.dim()),
                ];
                frame.render_widget(para(lines), body);
            }
            Step::Issue => {
                let by = self.issue_by.unwrap_or(Who::Owner);
                text_step_with(
                    frame,
                    body,
                    theme,
                    &format!(
                        "{}, the issue in a sentence or two: I feel … about … I need …",
                        self.name(by)
                    ),
                    "A gentle start: how you feel, about one situation, and what you need. tab when done.",
                    &self.issue,
                    gentle_lines(&text_of(&self.issue), theme),
                );
            }
            Step::IssueTalk => {
                let speaker = self.name(self.speaker());
                let listener = self.name(self.speaker().other());
                let t = Turn {
                    heading: format!("Turn {} of 2 · the issue", self.timer.turn() + 1),
                    speaker,
                    listener,
                    rules: issue_rules(speaker),
                    enter: if !self.timer.has_started() {
                        "starts the turn".to_string()
                    } else if self.timer.turn() == 0 {
                        format!("hands over to {listener}")
                    } else {
                        "goes on to a repair".to_string()
                    },
                    about: Some(format!(
                        "{}: “{}”",
                        self.name(self.issue_by.unwrap_or(Who::Owner)),
                        text_of(&self.issue)
                    )),
                };
                turn::view(frame, body, theme, &self.timer, ctx.now, &t);
            }
            Step::Repair => {
                let mut lines = vec![
                    Line::raw(""),
                    Line::styled("A repair", theme.title()),
                    Line::styled(
                        "Choose something to say to each other, or your own words, and say it aloud.",
                        theme.dim(),
                    ),
                    Line::raw(""),
                ];
                for (i, r) in REPAIRS.iter().enumerate() {
                    let n = i as u8 + 1;
                    lines.push(choice(theme, n, r, self.repair == Some(n)));
                }
                lines.push(choice(
                    theme,
                    OWN_REPAIR,
                    "In our own words",
                    self.repair == Some(OWN_REPAIR),
                ));
                lines.push(Line::raw(""));
                lines.push(Line::styled("enter goes on", theme.dim()));
                frame.render_widget(para(lines), body);
            }
            Step::RepairOwn => text_step(
                frame,
                body,
                theme,
                "A repair, in your own words.",
                "What you want to say to each other. tab when done.",
                &self.repair_own,
            ),
            Step::Act(who) => text_step(
                frame,
                body,
                theme,
                &format!(
                    "{}, one small act for {} next week.",
                    self.name(who),
                    self.name(who.other())
                ),
                "Concrete helps: a coffee brought up, a walk on Sunday. tab with the box empty chooses none.",
                if who == Who::Owner {
                    &self.act_owner
                } else {
                    &self.act_partner
                },
            ),
            Step::Keep => {
                let c = self.keep;
                let lines = vec![
                    Line::raw(""),
                    Line::styled("What should this journal keep of tonight?", theme.title()),
                    Line::styled(
                        "It keeps that you had a State of us either way. What you do not keep is not written anywhere.",
                        theme.dim(),
                    ),
                    Line::raw(""),
                    choice(theme, 1, "only that we had it", c == 1),
                    choice(
                        theme,
                        2,
                        "that, with what went well and next week's acts",
                        c == 2,
                    ),
                    choice(theme, 3, "all of it, the issue and the repair too", c == 3),
                    Line::raw(""),
                    Line::styled("enter saves", theme.dim()),
                ];
                frame.render_widget(para(lines), body);
            }
            Step::Away => frame.render_widget(para(self.away(theme, ctx)), body),
        }
        if let Some(h) = &self.hint {
            frame.render_widget(Paragraph::new(Line::styled(h.clone(), theme.warn())), hint);
        }
    }

    fn welcome(&self, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines = vec![
            Line::raw(""),
            Line::styled("A State of us", theme.title()),
            Line::raw(""),
            Line::raw(
                "Once a week, about half an hour for the two of you: what you appreciated, what \
                 went well, one thing to talk through if you want, a repair, and a small act \
                 each for next week. Sit side by side; one of you types.",
            ),
        ];
        if !self.last_acts.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled("Last time you each chose:", theme.dim()));
            for a in &self.last_acts {
                lines.push(Line::raw(format!("  {a}")));
            }
            lines.push(Line::styled(
                "How did they go? Tell each other.",
                theme.dim(),
            ));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("enter begins", theme.dim()));
        lines
    }

    fn appreciations(&self, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines = vec![
            Line::styled("This week's appreciations", theme.title()),
            Line::styled("Read them aloud to each other.", theme.dim()),
            Line::raw(""),
        ];
        if self.week.is_empty() {
            lines.push(Line::raw(
                "None in the journal this week. Say one each now, aloud: something specific.",
            ));
        }
        for a in &self.week {
            lines.push(Line::styled(
                format!("{} · {} about {}", a.date.format("%A"), a.from, a.about),
                theme.accent(),
            ));
            lines.extend(a.text.lines().map(|l| Line::raw(format!("  {l}"))));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("enter goes on", theme.dim()));
        lines
    }

    fn away(&self, theme: &Theme, ctx: &Ctx) -> Vec<Line<'static>> {
        let mut lines = vec![
            Line::styled(
                if ctx.unsaved {
                    "Not saved to disk yet: see the message below."
                } else {
                    "Saved to your journal."
                },
                if ctx.unsaved {
                    theme.warn()
                } else {
                    theme.good()
                },
            ),
            Line::raw(""),
            Line::styled("That is this week's State of us.", theme.title()),
            Line::raw(""),
            Line::raw("Put the screen away now, and turn toward each other."),
            Line::raw(""),
        ];
        for (who, ta) in [
            (Who::Owner, &self.act_owner),
            (Who::Partner, &self.act_partner),
        ] {
            let act = text_of(ta);
            if !act.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{} next week: ", self.name(who)), theme.dim()),
                    Span::raw(crate::ui::text::first_line(&act, 60)),
                ]));
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("enter goes home", theme.dim()));
        lines
    }
}

/// The gentle start-up helper's lines for an issue as typed: which words, and a softer
/// start.
pub fn gentle_lines(text: &str, theme: &Theme) -> Vec<Line<'static>> {
    let found = crate::gentle::check(text);
    if found.is_empty() {
        return if text.trim().is_empty() {
            Vec::new()
        } else {
            vec![Line::styled("A gentle start so far.", theme.dim())]
        };
    }
    let words: Vec<String> = crate::gentle::distinct(&found)
        .into_iter()
        .map(|w| format!("“{w}”"))
        .collect();
    let mut lines = vec![Line::from(vec![
        Span::styled("Words that can sound like blame: ", theme.text()),
        Span::styled(words.join(", "), theme.accent()),
    ])];
    if let Some(s) = crate::gentle::softer(&found) {
        lines.push(Line::styled(format!("A softer start: {s}"), theme.dim()));
    }
    lines
}
