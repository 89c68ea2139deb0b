//! Safety and support: what coaching is and is not, signs that couples exercises are not
//! safe, where to turn, and a private self-check that switches off partner-facing cards.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::scroll_move;
use crate::protocol::{Command, Context, Ctx, Cx, Drawn, Intent};
use crate::ui::scroll::Scroll;

#[derive(Debug, Clone, Default)]
pub struct Safety {
    pub scroll: Scroll,
    /// The self-check question is open.
    pub asking: bool,
    /// What the last answer did, shown on the page.
    pub answered: Option<&'static str>,
}

const PAGE: &[(&str, &[&str])] = &[
    (
        "What nearer is, and is not",
        &[
            "nearer is a coach for everyday closeness: small habits, reflection, kind words. It is not therapy, and it cannot see what happens in your home.",
            "If things between you feel stuck or painful, a couples therapist or counsellor can help in ways an app cannot.",
        ],
    ),
    (
        "When couples exercises are not safe",
        &[
            "Exercises built on openness assume that both of you are safe with each other. They may not be safe if you:",
            "· feel afraid of your partner, or watch what you say to avoid their reaction;",
            "· are controlled: your money, phone, friends, time or movements are checked or limited;",
            "· are threatened, pushed, hit, forced, or made to feel worthless.",
            "None of that is a communication problem you should fix alone. You deserve support from people trained for it.",
        ],
    ),
    (
        "Where to turn, wherever you live",
        &[
            "In danger now: call your local emergency number.",
            "A domestic abuse or family violence helpline: most countries have a free, confidential one. Search for \"domestic abuse helpline\" and your country, ideally on a device your partner does not use.",
            "A doctor, nurse or counsellor you trust can listen and help you plan.",
            "Someone you trust: a friend or relative who knows what is happening can help you stay safe.",
        ],
    ),
    (
        "Your privacy",
        &[
            "Everything you write stays in one file on this machine; nearer sends nothing anywhere. Anyone who can open this computer as you can read it.",
            "Nothing in nearer asks you to share more than you choose.",
        ],
    ),
];

impl Safety {
    pub fn context(&self) -> Context {
        if self.asking {
            Context::Confirm
        } else {
            Context::Reader
        }
    }

    pub fn handles(&self, command: Command) -> bool {
        if self.asking {
            return matches!(command, Command::Choose(1..=3) | Command::Back);
        }
        match command {
            Command::Open | Command::Back => true,
            c => scroll_move(c).is_some_and(|m| self.scroll.can(m)),
        }
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        if self.asking {
            match command {
                Command::Choose(1) => {
                    cx.ask(Intent::SetSoloOnly(true));
                    self.answered = Some(
                        "Thank you for answering. nearer now suggests only cards you do on your own, with nothing to say or do to your partner. The people listed below can help. To undo this, press enter and answer no.",
                    );
                    self.asking = false;
                }
                Command::Choose(2) => {
                    cx.ask(Intent::SetSoloOnly(false));
                    self.answered = Some("Thank you. nearer suggests cards of every kind.");
                    self.asking = false;
                }
                Command::Choose(3) | Command::Back | Command::Skip => self.asking = false,
                _ => {}
            }
            return;
        }
        match command {
            Command::Open => self.asking = true,
            Command::Back => cx.ask(Intent::Back),
            c => {
                if let Some(m) = scroll_move(c) {
                    self.scroll.apply(m);
                }
            }
        }
    }

    pub fn on_frame(&mut self, drawn: Drawn) {
        self.scroll.fit(drawn.lines, drawn.height);
    }

    pub fn view(&self, frame: &mut Frame, ctx: &Ctx) -> Drawn {
        let theme = &ctx.theme;
        let body = crate::ui::chrome::page(frame, ctx.chrome(), "Safety and support", ctx.evening);
        let body = crate::ui::chrome::inset(body, 3);
        let mut lines: Vec<Line> = Vec::new();
        if self.asking {
            lines.push(Line::styled("A private question. Your answer is not written anywhere; only its effect on suggestions is kept.", theme.dim()));
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "Do you sometimes feel afraid of your partner, or controlled by them?",
                theme.title(),
            ));
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("1", theme.accent()),
                Span::raw("  yes, or sometimes"),
            ]));
            lines.push(Line::from(vec![
                Span::styled("2", theme.accent()),
                Span::raw("  no"),
            ]));
            lines.push(Line::from(vec![
                Span::styled("3", theme.accent()),
                Span::raw("  I'd rather not say"),
            ]));
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
            return Drawn::default();
        }
        if let Some(a) = self.answered {
            lines.push(Line::styled(a, theme.accent()));
            lines.push(Line::raw(""));
        } else if ctx.journal.preferences.on_my_own {
            lines.push(Line::styled(
                "nearer suggests only solo cards with nothing partner-facing, as you asked. Press enter to change that.",
                theme.accent(),
            ));
            lines.push(Line::raw(""));
        }
        for (heading, paras) in PAGE {
            lines.push(Line::styled(*heading, theme.title()));
            for p in *paras {
                lines.push(Line::raw(*p));
            }
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(vec![
            Span::styled("enter", theme.accent()),
            Span::raw("  a private self-check: it can make nearer suggest only solo cards"),
        ]));
        let para = Paragraph::new(lines).wrap(Wrap { trim: false });
        let (lines, height) = self.scroll.render(frame, para, body);
        Drawn {
            height,
            lines,
            first: 0,
        }
    }
}
