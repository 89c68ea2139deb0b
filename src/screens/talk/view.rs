//! Drawing the stress-reducing conversation: the setup, a turn, the calm end, the note.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::timer::clock;
use super::{Step, StressTalk};
use crate::protocol::Ctx;
use crate::screens::together::Who;
use crate::ui::{Theme, chrome, text_box};

/// The listener's rules, for a listener and the one talking.
pub fn listener_rules(speaker: &str) -> Vec<String> {
    vec![
        format!("Take {speaker}'s side, even where you see it another way."),
        format!("No advice unless {speaker} asks for it."),
        "Show you understand: \"That sounds hard.\" \"No wonder you are tired.\"".into(),
        "Ask, gently, to hear more: \"What worries you most about it?\"".into(),
    ]
}

impl StressTalk {
    pub fn view(&self, frame: &mut Frame, ctx: &Ctx) {
        let title = "Stress-reducing conversation";
        let body = chrome::page(frame, ctx.chrome(), title, self.date);
        let body = chrome::reading(chrome::inset(body, 3));
        let theme = &ctx.theme;
        let [body, hint] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
        match self.step {
            Step::Names => self.names.view(
                frame,
                body,
                theme,
                "Each of you takes a turn; the screen says whose by name.",
            ),
            Step::Setup => self.view_setup(frame, body, theme),
            Step::Turn => {
                let speaker = self.names.of(self.speaker());
                let listener = self.names.of(self.speaker().other());
                let turn = super::turn::Turn {
                    heading: format!(
                        "Turn {} of 2 · a stress from outside the two of you",
                        self.timer.turn() + 1
                    ),
                    speaker,
                    listener,
                    rules: listener_rules(speaker),
                    enter: if self.timer.turn() == 0 {
                        format!("hands over to {listener}")
                    } else {
                        "finishes".to_string()
                    },
                    about: None,
                };
                super::turn::view(frame, body, theme, &self.timer, ctx.now, &turn);
            }
            Step::End => self.view_end(frame, body, theme, ctx),
            Step::Note => text_step(
                frame,
                body,
                theme,
                "A note about this conversation, if you want one.",
                "Kept in your journal with the conversation. tab when done; esc keeps it too.",
                &self.note,
            ),
        }
        if let Some(h) = &self.hint {
            frame.render_widget(
                Paragraph::new(Line::styled(h.clone(), theme.accent())),
                hint,
            );
        }
    }

    fn view_setup(&self, frame: &mut Frame, body: Rect, theme: &Theme) {
        let pick = |who: Who, n: u8| {
            let name = self.names.of(who).to_string();
            if self.first == who {
                Span::styled(format!("[{n} {name}]"), theme.selected())
            } else {
                Span::styled(format!(" {n} {name} "), theme.text())
            }
        };
        let lines = vec![
            Line::raw(""),
            Line::styled("A stress-reducing conversation", theme.title()),
            Line::raw(""),
            Line::raw(
                "Each of you in turn talks about a stress from outside the two of you: work, \
                 family, friends, the news. The other listens, on their side. Tonight is not \
                 for problems between you.",
            ),
            Line::raw(""),
            Line::from(vec![
                Span::styled("Who talks first   ", theme.dim()),
                pick(Who::Owner, 1),
                Span::raw("  "),
                pick(Who::Partner, 2),
            ]),
            Line::from(vec![
                Span::styled("Each turn         ", theme.dim()),
                Span::styled(
                    match self.timer.minutes() {
                        1 => "1 minute".to_string(),
                        m => format!("{m} minutes"),
                    },
                    theme.title(),
                ),
                Span::styled("   + or - changes it", theme.dim()),
            ]),
            Line::raw(""),
            Line::styled(
                format!("enter begins {}'s turn", self.names.of(self.first)),
                theme.dim(),
            ),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn view_end(&self, frame: &mut Frame, body: Rect, theme: &Theme, ctx: &Ctx) {
        let (a, b) = (self.names.of(self.first), self.names.of(self.first.other()));
        let ran = |t| clock(self.timer.ran(t, ctx.now));
        let mut lines = vec![
            Line::raw(""),
            Line::styled("That is both turns.", theme.title()),
            Line::raw(""),
            Line::raw(format!(
                "{a} talked for {}, {b} for {}. Thank you for listening to each other.",
                ran(0),
                ran(1)
            )),
            Line::raw("Sit a moment before you get up. There is nothing more to do."),
            Line::raw(""),
        ];
        lines.push(Line::styled(
            if ctx.unsaved {
                "Not saved to disk yet: see the message below."
            } else {
                "Your journal keeps only that you had this conversation, and a note if you write one."
            },
            if ctx.unsaved { theme.warn() } else { theme.dim() },
        ));
        if let Some(note) = self.recorded.as_ref().and_then(|t| t.note.as_deref()) {
            lines.push(Line::from(vec![
                Span::styled("Your note: ", theme.dim()),
                Span::raw(crate::ui::text::first_line(
                    note,
                    usize::from(body.width).saturating_sub(12),
                )),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "n writes a note · enter goes home",
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }
}

/// A step with a question, a line of help, and a text box in focus.
pub fn text_step(
    frame: &mut Frame,
    body: Rect,
    theme: &Theme,
    question: &str,
    help: &str,
    ta: &TextArea<'static>,
) {
    text_step_with(frame, body, theme, question, help, ta, Vec::new());
}

/// The same, with lines under the box (the gentle start-up helper's).
pub fn text_step_with(
    frame: &mut Frame,
    body: Rect,
    theme: &Theme,
    question: &str,
    help: &str,
    ta: &TextArea<'static>,
    below: Vec<Line<'static>>,
) {
    text_box::question_and_editor(frame, body, theme, question, help, ta, below);
}
