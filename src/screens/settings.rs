//! About us and settings: the names nearer may use, whether the two of you live together or
//! apart, children at home, the love languages suggestions lean towards, and "suggest only
//! what I can do on my own"; then what stays on this computer: whether a quick exit keeps
//! a draft, and the passphrase lock (its own page, [`super::lock`]). Every one is optional.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};

use crate::content::LoveLanguage;
use crate::journal::{About, Part};
use crate::protocol::{Command, Context, Ctx, Cx, Drawn, Intent};

/// The longest name kept: names are for the screen, not for essays.
pub const MAX_NAME_CHARS: usize = 40;

/// The rows, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    MyName,
    PartnerName,
    Apart,
    Children,
    Language(LoveLanguage),
    OnMyOwn,
    QuickExitKeepsNothing,
    Passphrase,
    /// Link with the partner, on their own computer (its own page, [`super::pairing`]).
    Link,
    /// A part of each evening shared with a linked partner unless its check-in says not.
    Share(Part),
}

fn rows() -> Vec<Row> {
    let mut rows = vec![Row::MyName, Row::PartnerName, Row::Apart, Row::Children];
    rows.extend(LoveLanguage::ALL.map(Row::Language));
    rows.push(Row::OnMyOwn);
    rows.push(Row::Link);
    rows.extend(Part::ALL.map(Row::Share));
    rows.push(Row::QuickExitKeepsNothing);
    rows.push(Row::Passphrase);
    rows
}

#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub selected: usize,
    /// A name being typed, with the row it is for.
    editing: Option<(Row, TextArea<'static>)>,
}

fn name_box(text: &str) -> TextArea<'static> {
    let mut ta = TextArea::new(vec![text.to_string()]);
    ta.set_cursor_line_style(ratatui::style::Style::default());
    ta.set_cursor_style(ratatui::style::Style::default().add_modifier(Modifier::REVERSED));
    ta.move_cursor(CursorMove::End);
    ta
}

impl Settings {
    pub fn context(&self) -> Context {
        if self.editing.is_some() {
            Context::SettingsText
        } else {
            Context::Settings
        }
    }

    fn row(&self) -> Row {
        let rows = rows();
        rows[self.selected.min(rows.len() - 1)]
    }

    pub fn handles(&self, command: Command) -> bool {
        if self.editing.is_some() {
            return matches!(command, Command::Next | Command::Back | Command::Type);
        }
        match command {
            Command::Up => self.selected > 0,
            Command::Down => self.selected + 1 < rows().len(),
            Command::Open | Command::Back => true,
            _ => false,
        }
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        if let Some((row, ta)) = &self.editing {
            match command {
                Command::Next => {
                    let name = ta.lines().join(" ").trim().to_string();
                    let name = (!name.is_empty()).then_some(name);
                    let mut about = cx.journal.preferences.about.clone();
                    match row {
                        Row::MyName => about.my_name = name,
                        _ => about.partner_name = name,
                    }
                    self.editing = None;
                    cx.ask(Intent::SetAbout(about));
                }
                // The name is left as it was.
                Command::Back => self.editing = None,
                _ => {}
            }
            return;
        }
        let prefs = &cx.journal.preferences;
        match command {
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down => self.selected = (self.selected + 1).min(rows().len() - 1),
            Command::Back => cx.ask(Intent::Back),
            Command::Open => match self.row() {
                Row::MyName => {
                    self.editing = Some((
                        Row::MyName,
                        name_box(prefs.about.my_name.as_deref().unwrap_or("")),
                    ))
                }
                Row::PartnerName => {
                    self.editing = Some((
                        Row::PartnerName,
                        name_box(prefs.about.partner_name.as_deref().unwrap_or("")),
                    ))
                }
                Row::Apart => {
                    let about = About {
                        live_apart: !prefs.about.live_apart,
                        ..prefs.about.clone()
                    };
                    cx.ask(Intent::SetAbout(about));
                }
                Row::Children => {
                    let about = About {
                        children_at_home: !prefs.about.children_at_home,
                        ..prefs.about.clone()
                    };
                    cx.ask(Intent::SetAbout(about));
                }
                Row::Language(l) => {
                    let mut langs = prefs.love_languages.clone();
                    match langs.iter().position(|x| x == l.label()) {
                        Some(i) => {
                            langs.remove(i);
                        }
                        None => langs.push(l.label().to_string()),
                    }
                    cx.ask(Intent::SetLoveLanguages(langs));
                }
                Row::OnMyOwn => cx.ask(Intent::SetSoloOnly(!prefs.on_my_own)),
                Row::QuickExitKeepsNothing => cx.ask(Intent::SetQuickExitKeepsNothing(
                    !prefs.quick_exit_keeps_nothing,
                )),
                Row::Passphrase => cx.ask(Intent::Open(crate::protocol::Destination::Lock)),
                Row::Link => cx.ask(Intent::Open(crate::protocol::Destination::Pairing)),
                Row::Share(part) => {
                    cx.ask(Intent::SetShareDefault(prefs.sharing.default.toggled(part)))
                }
            },
            _ => {}
        }
    }

    /// A key for the name being typed: one line, up to a short length.
    pub fn on_text(&mut self, key: KeyEvent, _cx: &mut Cx) {
        let Some((_, ta)) = self.editing.as_mut() else {
            return;
        };
        let typing =
            matches!(key.code, KeyCode::Char(_)) && !key.modifiers.contains(KeyModifiers::CONTROL);
        if matches!(key.code, KeyCode::Enter | KeyCode::Tab) {
            return;
        }
        if typing && ta.lines().join("").chars().count() >= MAX_NAME_CHARS {
            return;
        }
        ta.input(key);
    }

    pub fn on_paste(&mut self, text: &str, _cx: &mut Cx) {
        if let Some((_, ta)) = self.editing.as_mut() {
            let room = MAX_NAME_CHARS.saturating_sub(ta.lines().join("").chars().count());
            let one: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .take(room)
                .collect();
            ta.insert_str(one);
        }
    }

    pub fn view(&self, frame: &mut Frame, ctx: &Ctx) -> Drawn {
        let theme = &ctx.theme;
        let body =
            crate::ui::chrome::page(frame, ctx.chrome(), "About us and settings", ctx.evening);
        let body = crate::ui::chrome::reading(crate::ui::chrome::inset(body, 3));
        let prefs = &ctx.journal.preferences;
        let mut lines = vec![
            Line::raw(""),
            Line::styled(
                "All optional. Most change only what nearer suggests.",
                theme.dim(),
            ),
            Line::raw(""),
        ];
        let on_off = |on: bool| if on { "yes" } else { "no" };
        let mut selected_line = 0;
        for (i, row) in rows().into_iter().enumerate() {
            if row == Row::Language(LoveLanguage::ALL[0]) {
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "Suggestions lean towards (a vocabulary of caring acts, not a type):",
                    theme.dim(),
                ));
            }
            if row == Row::OnMyOwn {
                lines.push(Line::raw(""));
            }
            if row == Row::QuickExitKeepsNothing {
                lines.push(Line::raw(""));
                lines.push(Line::styled("Privacy on this computer:", theme.dim()));
            }
            if row == Row::Link {
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "Your partner, on their own computer (through a folder you both sync; \
                     nothing is shared before you both confirm six words):",
                    theme.dim(),
                ));
            }
            if row == Row::Share(Part::ALL[0]) {
                lines.push(Line::styled(
                    "Each evening shares with your partner (private unless yes; each check-in \
                     can change it for its evening):",
                    theme.dim(),
                ));
            }
            let (label, value) = match row {
                Row::MyName => (
                    "Your name".to_string(),
                    prefs
                        .about
                        .my_name
                        .clone()
                        .unwrap_or_else(|| "not given".into()),
                ),
                Row::PartnerName => (
                    "Your partner's name".to_string(),
                    prefs
                        .about
                        .partner_name
                        .clone()
                        .unwrap_or_else(|| "not given".into()),
                ),
                Row::Apart => (
                    "You live apart".to_string(),
                    on_off(prefs.about.live_apart).to_string(),
                ),
                Row::Children => (
                    "Children at home".to_string(),
                    on_off(prefs.about.children_at_home).to_string(),
                ),
                Row::Language(l) => (
                    format!("  {}", l.label()),
                    on_off(prefs.love_languages.iter().any(|x| x == l.label())).to_string(),
                ),
                Row::OnMyOwn => (
                    "Suggest only what I can do on my own".to_string(),
                    on_off(prefs.on_my_own).to_string(),
                ),
                Row::QuickExitKeepsNothing => (
                    "Quick exit (ctrl+q) keeps nothing".to_string(),
                    on_off(prefs.quick_exit_keeps_nothing).to_string(),
                ),
                Row::Passphrase => (
                    "Passphrase lock".to_string(),
                    if ctx.locked { "on" } else { "off" }.to_string(),
                ),
                Row::Link => ("Link with your partner".to_string(), link_value(ctx)),
                Row::Share(part) => (
                    format!("  {}", part.label()),
                    on_off(prefs.sharing.default.has(part)).to_string(),
                ),
            };
            let selected = i == self.selected;
            if selected {
                selected_line = lines.len();
            }
            let value_span = match &self.editing {
                Some((r, ta)) if *r == row => {
                    let text = ta.lines().join("");
                    let col = ta.cursor().1;
                    let before: String = text.chars().take(col).collect();
                    let under: String = text.chars().nth(col).map_or(" ".into(), |c| c.to_string());
                    let after: String = text.chars().skip(col + 1).collect();
                    vec![
                        Span::raw(before),
                        Span::styled(under, theme.selected()),
                        Span::raw(after),
                    ]
                }
                _ => vec![Span::styled(
                    crate::ui::text::truncate(&value, 40),
                    if selected {
                        theme.accent()
                    } else {
                        theme.dim()
                    },
                )],
            };
            if selected {
                selected_line = lines.len();
            }
            let marker = if selected { " ▸ " } else { "   " };
            let mut spans = vec![
                Span::styled(marker, theme.accent()),
                Span::styled(
                    format!("{label:<38}"),
                    if selected {
                        theme.title()
                    } else {
                        theme.text()
                    },
                ),
            ];
            spans.extend(value_span);
            lines.push(Line::from(spans));
        }
        lines.push(Line::raw(""));
        let help = if self.editing.is_some() {
            "enter keeps the name (an empty one removes it), esc leaves it as it was"
        } else {
            "enter changes the row"
        };
        lines.push(Line::styled(help, theme.dim()));
        // On a small window the page scrolls so the selected row stays in view.
        let upto = Paragraph::new(lines[..=selected_line].to_vec())
            .wrap(Wrap { trim: false })
            .line_count(body.width) as u16;
        let offset = upto.saturating_sub(body.height);
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((offset, 0)),
            body,
        );
        Drawn::default()
    }
}

/// Where the link with the partner stands, in a word or two.
fn link_value(ctx: &Ctx) -> String {
    use crate::link::{Status, Waiting};
    let Some(p) = ctx.partner else {
        return "not linked".into();
    };
    match &p.status {
        Status::NotPaired => "not linked".into(),
        Status::Paired => format!("linked with {}", ctx.journal.preferences.about.partner()),
        Status::AwaitingConfirmation { .. } => "compare the six words".into(),
        Status::WaitingForPartner(Waiting::PartnerGone) => "partner's files gone".into(),
        Status::WaitingForPartner(_) => "waiting for your partner".into(),
        Status::KeyChanged(_) => "STOPPED: a key changed".into(),
        Status::FolderMissing { .. } => "folder not reachable".into(),
        Status::Crowded { .. } => "stopped: a third card".into(),
        Status::Unreadable { .. } => "NOT WORKING: enter says why".into(),
    }
}
