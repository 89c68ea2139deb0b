//! Drawing a together evening: a hand-off, a private step, or a reveal, one at a time, in
//! the partners' names.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::{Step, TogetherEvening, Who};
use crate::journal::Outcome;
use crate::protocol::Ctx;
use crate::screens::checkin::text_of;
use crate::screens::review::bar;
use crate::ui::{Theme, chrome, ios, text_box};

/// Ratings this far apart or more get a line that invites curiosity.
pub const GAP: u8 = 2;

impl TogetherEvening {
    fn name(&self, who: Who) -> &str {
        &self.part(who).name
    }

    pub fn view(&self, frame: &mut Frame, ctx: &Ctx) {
        let (n, total) = self.progress();
        let title = match self.step() {
            Step::Summary => "Together · saved".to_string(),
            Step::Handoff(_) | Step::Names => "Together".to_string(),
            _ => format!("Together · {n} of {total}"),
        };
        let body = chrome::page(frame, ctx.chrome(), &title, self.date);
        let body = chrome::reading(chrome::inset(body, 3));
        let theme = &ctx.theme;
        let [body, hint] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
        match self.step() {
            Step::Names => self.view_names(frame, body, theme),
            Step::Handoff(who) => self.view_handoff(frame, body, theme, who),
            Step::Followup(who) => self.view_followup(frame, body, theme, who),
            Step::Rate(who) => {
                let q = format!(
                    "{}, which picture is closest to how today felt between you? Only you see it for now.",
                    self.name(who)
                );
                let para = Paragraph::new(Line::styled(q, theme.title())).wrap(Wrap { trim: false });
                let h = para.line_count(body.width).min(3) as u16;
                let [q, _, scale] = Layout::vertical([
                    Constraint::Length(h),
                    Constraint::Length(1),
                    Constraint::Min(3),
                ])
                .areas(body);
                frame.render_widget(para, q);
                ios::scale(
                    frame,
                    scale,
                    self.part(who).closeness,
                    [&self.part(who).name, &self.part(who.other()).name],
                    theme,
                );
            }
            Step::RevealRatings => self.view_ratings(frame, body, theme),
            Step::Answer(who) => {
                let q = self.prompt.1.clone();
                self.view_box(
                    frame,
                    body,
                    theme,
                    &format!("{}: {q}", self.name(who)),
                    "Your answer stays hidden until you have both answered. tab when done.",
                    &self.part(who).answer,
                )
            }
            Step::RevealAnswers => self.view_pairs(
                frame,
                body,
                theme,
                &self.prompt.1,
                |p| text_of(&p.answer),
                "No answer",
            ),
            Step::GoodThing(who) => self.view_box(
                frame,
                body,
                theme,
                &format!(
                    "{}, one good thing about {} today.",
                    self.name(who),
                    self.name(who.other())
                ),
                "Something specific, and what it says about them. They see it in a moment.",
                &self.part(who).good_thing,
            ),
            Step::RevealGoodThings => self.view_good_things(frame, body, theme),
            Step::Act(who) => self.view_box(
                frame,
                body,
                theme,
                &format!("{}, one small act for tomorrow.", self.name(who)),
                "Concrete helps: a text at lunch, a cup of tea. tab with the box empty plans nothing.",
                &self.part(who).act,
            ),
            Step::ActTogether => self.view_box(
                frame,
                body,
                theme,
                "And one to do together, if you like.",
                "Optional. tab goes on.",
                &self.act_together,
            ),
            Step::Keep(who) => self.view_keep(frame, body, theme, who),
            Step::Summary => self.view_summary(frame, body, theme, ctx),
        }
        if let Some(h) = &self.hint {
            frame.render_widget(Paragraph::new(Line::styled(h.clone(), theme.warn())), hint);
        }
    }

    fn view_names(&self, frame: &mut Frame, body: Rect, theme: &Theme) {
        let [head, a, b, rest] = Layout::vertical([
            Constraint::Length(4),
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Min(0),
        ])
        .areas(body);
        frame.render_widget(
            Paragraph::new(vec![
                Line::raw(""),
                Line::styled("Who is here tonight?", theme.title()),
                Line::styled(
                    "Names are used on every screen of a together evening. Both are optional; tab moves on.",
                    theme.dim(),
                ),
            ])
            .wrap(Wrap { trim: false }),
            head,
        );
        for (i, area) in [a, b].into_iter().enumerate() {
            let focused = self.names_focus() == i;
            let border = if focused { theme.accent() } else { theme.dim() };
            text_box::editor(frame, area, theme, self.name_box(i), border, focused);
        }
        let _ = rest;
    }

    fn view_handoff(&self, frame: &mut Frame, body: Rect, theme: &Theme, who: Who) {
        let other = who.other();
        let lines = vec![
            Line::raw(""),
            Line::raw(""),
            Line::styled(format!("Pass to {}.", self.name(who)), theme.accent()),
            Line::raw(""),
            Line::styled(
                format!("{}, look away for a moment.", self.name(other)),
                theme.title(),
            ),
            Line::raw(""),
            Line::styled(
                format!("enter when {} has the keyboard", self.name(who)),
                theme.dim(),
            ),
        ];
        frame.render_widget(
            Paragraph::new(lines).centered().wrap(Wrap { trim: false }),
            body,
        );
    }

    fn view_followup(&self, frame: &mut Frame, body: Rect, theme: &Theme, who: Who) {
        let planned = self.planned(who).unwrap_or("");
        let mut lines = vec![
            Line::styled(
                format!("{}, yesterday you planned:", self.name(who)),
                theme.dim(),
            ),
            Line::styled(planned.to_string(), theme.title()),
            Line::raw(""),
            Line::raw("Did it happen?"),
            Line::raw(""),
        ];
        let mut spans = Vec::new();
        for (i, o) in Outcome::ALL.iter().enumerate() {
            let n = i as u8 + 1;
            let (t, s) = if self.current_choice() == Some(n) {
                (format!("[{n} {}]", o.label()), theme.selected())
            } else {
                (format!(" {n} {} ", o.label()), theme.text())
            };
            spans.push(Span::styled(t, s));
            spans.push(Span::raw("  "));
        }
        lines.push(Line::from(spans));
        lines.push(Line::raw(""));
        lines.push(Line::styled("Not yet is fine. s skips.", theme.dim()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn view_ratings(&self, frame: &mut Frame, body: Rect, theme: &Theme) {
        let mut lines = vec![
            Line::raw(""),
            Line::styled("How close today felt, for each of you:", theme.title()),
            Line::raw(""),
        ];
        let width = [Who::Owner, Who::Partner]
            .iter()
            .map(|&w| crate::ui::text::width(self.name(w)))
            .max()
            .unwrap_or(0)
            .min(24);
        for who in [Who::Owner, Who::Partner] {
            let c = self.part(who).closeness.unwrap_or(4);
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        "{:<width$}  ",
                        crate::ui::text::truncate(self.name(who), width)
                    ),
                    theme.text(),
                ),
                Span::styled(format!("{c} of 7 {}  ", bar(c)), theme.accent()),
                Span::styled(ios::WORDS[usize::from(c.clamp(1, 7) - 1)], theme.dim()),
            ]));
        }
        lines.push(Line::raw(""));
        let a = self.owner.closeness.unwrap_or(4);
        let b = self.partner.closeness.unwrap_or(4);
        if a.abs_diff(b) >= GAP {
            lines.push(Line::styled(
                "You saw today a little differently. That is worth a curious question, not a verdict: what did each of you notice?",
                theme.accent(),
            ));
        } else {
            lines.push(Line::styled(
                "Close to each other's picture today.",
                theme.dim(),
            ));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "enter goes on to tonight's question",
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn view_pairs(
        &self,
        frame: &mut Frame,
        body: Rect,
        theme: &Theme,
        heading: &str,
        of: impl Fn(&super::Part) -> String,
        none: &str,
    ) {
        let mut lines = vec![
            Line::styled(heading.to_string(), theme.title()),
            Line::raw(""),
        ];
        for who in [Who::Owner, Who::Partner] {
            lines.push(Line::styled(self.name(who).to_string(), theme.accent()));
            let t = of(self.part(who));
            if t.is_empty() {
                lines.push(Line::styled(none.to_string(), theme.dim()));
            } else {
                lines.extend(t.lines().map(|l| Line::raw(l.to_string())));
            }
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled("enter goes on", theme.dim()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn view_good_things(&self, frame: &mut Frame, body: Rect, theme: &Theme) {
        let mut lines = vec![
            Line::styled("One good thing, each about the other", theme.title()),
            Line::raw(""),
        ];
        for who in [Who::Owner, Who::Partner] {
            let about = who.other();
            lines.push(Line::styled(
                format!("For {}, from {}:", self.name(about), self.name(who)),
                theme.accent(),
            ));
            let t = text_of(&self.part(who).good_thing);
            if t.is_empty() {
                lines.push(Line::styled("(left for another evening)", theme.dim()));
            } else {
                lines.extend(t.lines().map(|l| Line::raw(l.to_string())));
            }
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled("enter goes on", theme.dim()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn view_keep(&self, frame: &mut Frame, body: Rect, theme: &Theme, who: Who) {
        let lines = vec![
            Line::raw(""),
            Line::styled(
                format!("{}, keep your words in this journal?", self.name(who)),
                theme.title(),
            ),
            Line::styled(
                "Your rating is kept either way. Words you do not keep are not written anywhere.",
                theme.dim(),
            ),
            Line::raw(""),
            choice(theme, 1, "keep my words", self.current_choice() == Some(1)),
            choice(
                theme,
                2,
                "keep only my rating",
                self.current_choice() == Some(2),
            ),
            Line::raw(""),
            Line::styled("enter goes on", theme.dim()),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn view_summary(&self, frame: &mut Frame, body: Rect, theme: &Theme, ctx: &Ctx) {
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
        ];
        for who in [Who::Owner, Who::Partner] {
            let p = self.part(who);
            let c = p.closeness.unwrap_or(4);
            let act = text_of(&p.act);
            let kept = if p.keep { "" } else { " (words not kept)" };
            lines.push(Line::from(vec![
                Span::styled(format!("{}{kept}: ", p.name), theme.accent()),
                Span::raw(format!("{c} of 7")),
                Span::styled(
                    if act.is_empty() {
                        String::new()
                    } else {
                        format!(" · tomorrow: {}", crate::ui::text::first_line(&act, 50))
                    },
                    theme.dim(),
                ),
            ]));
        }
        let together = text_of(&self.act_together);
        if !together.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("Together: ", theme.accent()),
                Span::raw(crate::ui::text::first_line(&together, 60)),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("Sleep well, both of you.", theme.dim()));
        lines.push(Line::styled("enter goes home", theme.dim()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn view_box(
        &self,
        frame: &mut Frame,
        body: Rect,
        theme: &Theme,
        question: &str,
        help: &str,
        ta: &TextArea<'static>,
    ) {
        text_box::question_and_editor(frame, body, theme, question, help, ta, vec![]);
    }
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
