//! Link with your partner, from settings: what `nearer pair DIR` and `nearer unpair` do on
//! the command line, as a page.
//!
//! The person gives the folder they both sync; the link's worker (`tui/link.rs`) writes this
//! install's card there and reads the folder. The page shows what the worker last read (the
//! [`Status`] in [`Ctx::partner`]): waiting for the partner's card, then the six words to
//! compare face to face or by phone, then waiting for the partner to confirm, then linked.
//! Nothing is shared before both have said the words are the same. Every step that touches
//! the folder is an intent the terminal loop hands to the worker; its outcome comes back as
//! `Action::LinkSaid` or `Action::Unlinked` and is said here.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::link::partner::Partner;
use crate::link::{Code, Status, Waiting};
use crate::protocol::{Command, Context, Ctx, Cx, Drawn, Intent};
use crate::ui::line_box;

/// The longest folder path taken.
pub const MAX_FOLDER_CHARS: usize = 4096;

/// What the folder is for, said before anything is typed.
const WHAT_IT_IS: &str = "Link this journal with your partner's, each on your own computer, \
     through a folder you both already sync: Syncthing, Dropbox, iCloud Drive, a network \
     share, a git repository. nearer runs no server; it puts only its public keys and what \
     each of you chooses to share in that folder, sealed so that only the two of you can read \
     it.";

/// What a step that touches the folder is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    Begin,
    Confirm,
    /// The words differ: this side's pairing is undone.
    Decline,
    Unpair,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Typing the shared folder's path.
    Folder,
    /// Reading where the link stands, with its choices.
    Looking,
    /// Asked whether to unpair.
    ConfirmUnpair,
    /// The worker is at it.
    Working(Job),
}

/// A choice on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Link,
    Same,
    Differ,
    Unpair(&'static str),
    KeepLink,
    ReallyUnpair,
}

impl Choice {
    fn label(self) -> &'static str {
        match self {
            Choice::Link => "Link through a folder you both sync",
            Choice::Same => "Yes: my partner's screen shows the same six words",
            Choice::Differ => "No: the words differ",
            Choice::Unpair(label) => label,
            Choice::KeepLink => "Keep the link",
            Choice::ReallyUnpair => "Unpair: remove this side's files from the folder",
        }
    }
}

#[derive(Debug, Clone)]
pub struct PairingPage {
    step: Step,
    selected: usize,
    folder: TextArea<'static>,
    /// What the last step said.
    said: Option<Result<String, String>>,
}

fn folder_box() -> TextArea<'static> {
    TextArea::default()
}

impl PairingPage {
    /// The page, opened on a journal that is linked (or pairing) or not.
    pub fn new(linked: bool) -> PairingPage {
        PairingPage {
            step: if linked { Step::Looking } else { Step::Folder },
            selected: 0,
            folder: folder_box(),
            said: None,
        }
    }

    pub fn context(&self) -> Context {
        match self.step {
            Step::Folder => Context::PairingText,
            Step::Looking | Step::ConfirmUnpair => Context::Pairing,
            Step::Working(_) => Context::PairingWorking,
        }
    }

    fn choices(&self, partner: Option<&Partner>) -> Vec<Choice> {
        if self.step == Step::ConfirmUnpair {
            return vec![Choice::KeepLink, Choice::ReallyUnpair];
        }
        let Some(partner) = partner else {
            return vec![Choice::Link];
        };
        match &partner.status {
            Status::NotPaired => vec![Choice::Link],
            Status::AwaitingConfirmation { .. } => vec![Choice::Same, Choice::Differ],
            Status::Paired => vec![Choice::Unpair("Stop sharing: unpair")],
            Status::WaitingForPartner(Waiting::Card | Waiting::Keys | Waiting::Confirmation) => {
                vec![Choice::Unpair("Stop pairing: remove this side's card")]
            }
            _ => vec![Choice::Unpair("Unpair")],
        }
    }

    pub fn handles(&self, command: Command, ctx: &Ctx) -> bool {
        match self.step {
            Step::Folder => match command {
                Command::Next => !self.typed().trim().is_empty(),
                Command::Back | Command::Type => true,
                _ => false,
            },
            Step::Looking | Step::ConfirmUnpair => match command {
                Command::Up => self.selected > 0,
                Command::Down => self.selected + 1 < self.choices(ctx.partner).len(),
                Command::Open | Command::Back => true,
                _ => false,
            },
            // Leaving is allowed: the worker goes on, and its outcome is said on home.
            Step::Working(_) => command == Command::Back,
        }
    }

    fn typed(&self) -> String {
        self.folder.lines().join("")
    }

    fn look(&mut self, said: Option<Result<String, String>>) {
        self.step = Step::Looking;
        self.selected = 0;
        self.said = said;
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        match (self.step, command) {
            (Step::Folder | Step::Looking | Step::Working(_), Command::Back) => {
                cx.ask(Intent::Back)
            }
            (Step::ConfirmUnpair, Command::Back) => {
                self.look(Some(Ok("The link stays as it was.".into())))
            }
            (Step::Folder, Command::Next) => {
                let typed = self.typed();
                if typed.trim().is_empty() {
                    return;
                }
                self.said = None;
                self.step = Step::Working(Job::Begin);
                cx.ask(Intent::Pair(typed.trim().to_string()));
            }
            (Step::Looking | Step::ConfirmUnpair, Command::Up) => {
                self.selected = self.selected.saturating_sub(1)
            }
            (Step::Looking | Step::ConfirmUnpair, Command::Down) => {
                let last = self.choices(cx.partner).len().saturating_sub(1);
                self.selected = (self.selected + 1).min(last);
            }
            (Step::Looking | Step::ConfirmUnpair, Command::Open) => {
                let choices = self.choices(cx.partner);
                let choice = choices[self.selected.min(choices.len() - 1)];
                self.said = None;
                match choice {
                    Choice::Link => {
                        self.folder = folder_box();
                        self.step = Step::Folder;
                    }
                    Choice::Same => {
                        if let Some(code) = code_of(cx.partner) {
                            self.step = Step::Working(Job::Confirm);
                            cx.ask(Intent::ConfirmCode(code));
                        }
                    }
                    Choice::Differ => {
                        self.step = Step::Working(Job::Decline);
                        cx.ask(Intent::Unpair);
                    }
                    Choice::Unpair(_) => {
                        self.selected = 0;
                        self.step = Step::ConfirmUnpair;
                    }
                    Choice::KeepLink => self.look(Some(Ok("The link stays as it was.".into()))),
                    Choice::ReallyUnpair => {
                        self.step = Step::Working(Job::Unpair);
                        cx.ask(Intent::Unpair);
                    }
                }
            }
            _ => {}
        }
    }

    /// A key for the folder being typed: one line.
    pub fn on_text(&mut self, key: KeyEvent, _cx: &mut Cx) {
        if self.step != Step::Folder {
            return;
        }
        if line_box::key(&mut self.folder, key, MAX_FOLDER_CHARS)
            && matches!(self.said, Some(Err(_)))
        {
            self.said = None;
        }
    }

    /// A pasted path (a folder dragged onto the terminal, say): one line, no controls.
    pub fn on_paste(&mut self, text: &str, _cx: &mut Cx) {
        if self.step != Step::Folder {
            return;
        }
        line_box::paste(
            &mut self.folder,
            text.trim_end_matches(['\n', '\r']),
            MAX_FOLDER_CHARS,
        );
    }

    /// What the worker said of a step asked for here (true when this page was waiting).
    pub fn on_link_said(&mut self, result: &Result<String, String>) -> bool {
        match self.step {
            Step::Working(Job::Begin) if result.is_err() => {
                // The folder stays typed, to be mended.
                self.step = Step::Folder;
                self.said = Some(result.clone());
                true
            }
            // The page says where the link stands now; the card's being written is part of it.
            Step::Working(Job::Begin) => {
                self.look(None);
                true
            }
            Step::Working(Job::Confirm) => {
                self.look(Some(result.clone()));
                true
            }
            _ => false,
        }
    }

    /// The worker unpaired (or could not): true when this page was waiting.
    pub fn on_unlinked(&mut self, result: &Result<String, String>) -> bool {
        let Step::Working(job @ (Job::Decline | Job::Unpair)) = self.step else {
            return false;
        };
        match result {
            Ok(words) => {
                let words = if job == Job::Decline {
                    format!(
                        "Then nothing is shared: someone else's card may be in the folder. \
                         {words} Ask your partner to answer no too, make sure the folder's \
                         nearer/ holds no card but your two, then pair again."
                    )
                } else {
                    words.clone()
                };
                self.folder = folder_box();
                self.step = Step::Folder;
                self.said = Some(Ok(words));
            }
            Err(e) => self.look(Some(Err(e.clone()))),
        }
        true
    }

    pub fn view(&self, frame: &mut Frame, ctx: &Ctx) -> Drawn {
        let theme = &ctx.theme;
        let body =
            crate::ui::chrome::page(frame, ctx.chrome(), "Link with your partner", ctx.evening);
        let body = crate::ui::chrome::reading(crate::ui::chrome::inset(body, 3));
        let name = ctx.journal.preferences.about.partner().to_string();
        #[allow(non_snake_case)] // `Name` is `name` at the start of a sentence
        let Name = crate::journal::export::capitalised(&name);
        let mut lines = vec![Line::raw("")];
        let para = |lines: &mut Vec<Line<'static>>, text: String, style| {
            lines.push(Line::styled(text, style));
            lines.push(Line::raw(""));
        };
        match self.step {
            Step::Folder => {
                para(&mut lines, WHAT_IT_IS.into(), theme.text());
                para(
                    &mut lines,
                    "Give the shared folder as it is on this computer (type or paste its path; \
                     ~ is your home folder). Your partner gives the same folder on theirs. Both \
                     screens then show six words to compare face to face or by phone: nothing \
                     is shared before you have both said they are the same."
                        .into(),
                    theme.dim(),
                );
                let text = self.typed();
                let col = self.folder.cursor().1;
                let before: String = text.chars().take(col).collect();
                let under: String = text.chars().nth(col).map_or(" ".into(), |c| c.to_string());
                let after: String = text.chars().skip(col + 1).collect();
                lines.push(Line::from(vec![
                    Span::styled("Shared folder: ", theme.title()),
                    Span::raw(before),
                    Span::styled(under, theme.selected()),
                    Span::raw(after),
                ]));
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "enter links through this folder; esc leaves with nothing done.",
                    theme.dim(),
                ));
            }
            Step::Working(job) => {
                let doing = match job {
                    Job::Begin => "Putting this journal's card in the folder…",
                    Job::Confirm => "Confirming the words on this machine…",
                    Job::Decline | Job::Unpair => "Removing this side's files from the folder…",
                };
                para(
                    &mut lines,
                    doing.into(),
                    theme.accent().add_modifier(Modifier::BOLD),
                );
                lines.push(Line::styled(
                    "A folder on a network can be slow. You may leave this page; the outcome \
                     is said on home.",
                    theme.dim(),
                ));
            }
            Step::Looking | Step::ConfirmUnpair => {
                let shares = shares_words(&ctx.journal.preferences.sharing.default);
                let (text, style) = standing(ctx.partner, &name, &shares);
                para(&mut lines, text, style(theme));
                if let Some(code) = code_of(ctx.partner)
                    && self.step == Step::Looking
                {
                    lines.push(Line::styled(
                        format!("    {}", code.words().join("   ")),
                        theme.accent().add_modifier(Modifier::BOLD),
                    ));
                    lines.push(Line::raw(""));
                    para(
                        &mut lines,
                        format!(
                            "Compare them with {name}'s screen face to face or by phone, never \
                             through the shared folder: the same words mean each of you holds \
                             the other's real keys, and no one who can write in the folder has \
                             put their own card there."
                        ),
                        theme.dim(),
                    );
                }
                if self.step == Step::ConfirmUnpair {
                    para(
                        &mut lines,
                        format!(
                            "Unpair? This side's card and shared file are removed from the \
                             folder, and nothing more is shared. {Name}'s files are not \
                             touched; tell them, so they unpair too."
                        ),
                        theme.text(),
                    );
                }
                for (i, choice) in self.choices(ctx.partner).into_iter().enumerate() {
                    let on = i == self.selected;
                    lines.push(Line::from(vec![
                        Span::styled(if on { " ▸ " } else { "   " }, theme.accent()),
                        Span::styled(
                            choice.label().to_string(),
                            if on { theme.title() } else { theme.text() },
                        ),
                    ]));
                }
            }
        }
        if let Some(said) = &self.said {
            lines.push(Line::raw(""));
            let (text, style) = match said {
                Ok(text) => (text, theme.accent()),
                Err(text) => (text, theme.warn()),
            };
            lines.extend(text.lines().map(|l| Line::styled(l.to_string(), style)));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
        Drawn::default()
    }
}

/// What evenings share unless their check-in says otherwise, in a sentence.
fn shares_words(default: &crate::journal::Share) -> String {
    let parts: Vec<&str> = crate::journal::Part::ALL
        .into_iter()
        .filter(|p| default.has(*p))
        .map(|p| p.label())
        .collect();
    match parts.as_slice() {
        [] => "Evenings share nothing yet: choose what they share in settings, under Link \
               with your partner."
            .into(),
        [one] => format!("Each evening shares {one} (settings choose)."),
        [init @ .., last] => format!(
            "Each evening shares {} and {last} (settings choose).",
            init.join(", ")
        ),
    }
}

/// The words to compare, while they are to be compared.
fn code_of(partner: Option<&Partner>) -> Option<Code> {
    match partner.map(|p| &p.status) {
        Some(Status::AwaitingConfirmation { code }) => Some(code.clone()),
        _ => None,
    }
}

type Styler = fn(&crate::ui::Theme) -> ratatui::style::Style;

/// Where the link stands, in words for this page, and how to show them.
#[allow(non_snake_case)] // `Name` is `name` at the start of a sentence
fn standing(partner: Option<&Partner>, name: &str, shares: &str) -> (String, Styler) {
    let Name = crate::journal::export::capitalised(name);
    let Some(p) = partner else {
        return ("This journal is not linked.".into(), |t| t.text());
    };
    let dir = p.dir.display();
    match &p.status {
        Status::Paired => (
            format!(
                "Linked with {name} through {dir}. {shares} Each check-in's last step can \
                 change that for its evening; nothing else of the journal ever goes to the \
                 folder. {Name}'s answer to tonight's question shows on home once yours is saved."
            ),
            |t| t.text(),
        ),
        Status::AwaitingConfirmation { .. } => (
            format!("Both cards are in {dir}. Does {name}'s screen show these same six words?"),
            |t| t.title(),
        ),
        Status::WaitingForPartner(Waiting::Card) => (
            format!(
                "This journal's card is in {dir}/nearer (public keys only: no names, no words). \
                 Now {Name} opens nearer on their computer, once the folder is there, and links \
                 through it in settings. This page shows the six words as soon as both cards \
                 are in; you may leave it, and pairing goes on while nearer is open."
            ),
            |t| t.text(),
        ),
        Status::WaitingForPartner(Waiting::Keys) => (
            format!(
                "Both cards are in {dir}/nearer; each machine is adding its keys to its card. \
                 It takes a sync or two, while nearer runs on both computers."
            ),
            |t| t.text(),
        ),
        Status::WaitingForPartner(Waiting::Confirmation) => (
            format!(
                "You confirmed the words. Waiting for {name} to confirm them on their computer; \
                 sharing starts by itself once they have."
            ),
            |t| t.text(),
        ),
        Status::Unreadable { why } => (
            format!(
                "This side of the link does not read: {why}. Nothing is shared or read \
                 meanwhile, and your journal is not touched. Unpair, below, does that here; \
                 then link through the folder again, and compare new words with {name}."
            ),
            |t| t.warn(),
        ),
        other => (other.in_app(&p.dir), |t| t.warn()),
    }
}
