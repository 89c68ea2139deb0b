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

/// The page, in the order a person in a crisis needs it: what to do now first.
const PAGE: &[(&str, &[&str])] = &[
    (
        "If you need help now",
        &[
            "In danger: call your local emergency number. For example 112 (across the EU and in many countries), 911 (the US and Canada), 999 (the UK), 000 (Australia).",
            "A domestic abuse helpline listens in confidence and can help you plan. Most countries have a free one. findahelpline.com lists them by country, with their hours.",
            "If you have thoughts of harming yourself, a crisis line can help right now: findahelpline.com lists those too (for example 988 in the US and Canada, 116 123 in the UK and Ireland).",
            "A quick way out: ctrl+q closes nearer at once, from any screen, and clears the screen.",
        ],
    ),
    (
        "When couples exercises are not safe",
        &[
            "Exercises built on openness assume you are both safe with each other. They may not be if you:",
            "· feel afraid of your partner, or watch what you say to avoid their reaction;",
            "· are controlled: your money, phone, friends, time or movements are checked or limited;",
            "· are threatened, pushed, hit, forced, or made to feel worthless.",
            "None of that is your fault, and it is not a communication problem for you to fix. You do not have to raise it with your partner.",
            "It happens in every kind of couple: same-sex couples too, and to men as well as women.",
            "Couples counselling together is generally not advised while one partner is afraid of the other. Talking to someone on your own first is safer: a helpline, a doctor, a counsellor.",
        ],
    ),
    (
        "If you worry about how you treat your partner",
        &[
            "Wanting to change is a real start. There are confidential services for people who want to stop hurting or controlling a partner; findahelpline.com and your doctor can point you to one.",
        ],
    ),
    (
        "What nearer is, and is not",
        &[
            "nearer is a coach for everyday closeness: habits, reflection, kind words. It is not therapy, and it cannot see what happens in your home.",
            "If things between you feel stuck or painful, and you are both safe, a couples therapist or counsellor can help in ways an app cannot.",
        ],
    ),
    (
        "Your privacy on a shared computer",
        &[
            "Everything you write stays on this computer: the journal, unfinished check-ins, daily backups, and any export you make. Anyone who can open this computer as you can read them, unless you set a passphrase (nearer lock); even then, someone who can make you open it is not kept out.",
            "Deleting things all at once can draw attention. A passphrase, or writing less, may be safer than a sudden clean-up.",
            "Nothing in nearer asks you to share more than you choose, and nearer sends nothing anywhere.",
        ],
    ),
];

/// What the person who answered yes reads at once, above the page.
const YES: &str = "Thank you for telling nearer. It is not your fault, and you do not have to raise it with your partner. From now on nearer suggests only what you can do on your own. If you are in danger, call your local emergency number; the helplines below listen in confidence.";

/// What the self-check keeps, said before it is answered.
const WHAT_IS_KEPT: &str = "A private question. Your answer itself is not stored anywhere. If you answer yes, nearer turns on \"suggest only what I can do on my own\": the same setting anyone may choose in Settings, for any reason. Nothing records that this question was asked or answered.";

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
                    self.answered = Some(YES);
                    self.scroll = Scroll::default();
                    self.asking = false;
                }
                Command::Choose(2) => {
                    // The setting stays as it is: it may have been chosen for another reason.
                    self.answered = Some("Thank you for answering.");
                    self.scroll = Scroll::default();
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
        let body = crate::ui::chrome::reading(crate::ui::chrome::inset(body, 3));
        let mut lines: Vec<Line> = Vec::new();
        if self.asking {
            lines.push(Line::styled(WHAT_IS_KEPT, theme.dim()));
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
            Span::raw("  a private self-check: it can make nearer suggest only what you can do on your own"),
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
