//! The journal list (newest first, only the rows on screen are built) and the search box
//! above it: what its keys do, and how it draws.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::parts::message_line;
use super::{
    Origin, Page, Review, TOGETHER_MARK, bar, count, gist, level_style, one_line, plural, stats,
};
use crate::content::Library;
use crate::find::entry::{Filters, first_match, shared_of};
use crate::find::highlight::{self, lead_in};
use crate::find::search_box::{Edit, MAX_SEARCH_CHARS};
use crate::find::{Query, SearchBox};
use crate::journal::together::Talk;
use crate::journal::{Entry, Journal};
use crate::link::SharedEvening;
use crate::protocol::{Command, Ctx, Cx, Drawn, Intent};
use crate::ui::scroll::Scroll;
use crate::ui::{Theme, chrome};

/// What the list says of its together rows, when some are on screen.
const TOGETHER_LEGEND: &str = "   ∞ together: your rating, then your partner's";
/// What the list says of rows with a linked partner's rating, when some are on screen.
const SHARED_LEGEND: &str = "   ⇄ shared from your partner's computer";
/// The mark of a linked partner's rating beside this person's.
const SHARED_MARK: &str = "⇄";

/// Columns of what comes before a match shown in a row.
const LEAD_IN: usize = 16;

impl Review {
    pub(super) fn list_handles(&self, command: Command, ctx: &Ctx) -> bool {
        use Command as C;
        let len = self.len(ctx.journal);
        let more = self.search.is_scanning();
        let typing = self.typing();
        let row = self.selected_date(ctx.journal);
        match command {
            C::Up | C::PageUp | C::First => self.selected > 0,
            C::Down | C::PageDown | C::Last => self.selected + 1 < len || more,
            C::Open => row.is_some(),
            C::Back | C::Filter => true,
            C::Type => typing && !self.find.is_empty(),
            C::Star | C::Delete => row.is_some() && !typing,
            C::Edit => row.is_some_and(|d| d <= ctx.evening) && !typing,
            C::Search | C::Calendar | C::Trend | C::Recap | C::Export => !typing,
            C::Undo => !typing && !ctx.deleted.is_empty(),
            _ => false,
        }
    }

    pub(super) fn on_list(&mut self, command: Command, cx: &mut Cx) {
        let len = self.len(cx.journal);
        let page = self.height();
        self.follow_last = false;
        match command {
            Command::Back if self.typing() => self.find.close(),
            Command::Back if self.search.is_active() => {
                self.find = SearchBox::default();
                self.search.clear();
                self.select(0, cx);
            }
            Command::Back => cx.ask(Intent::Back),
            Command::Up => self.select(self.selected.saturating_sub(1), cx),
            Command::Down => self.select(self.selected + 1, cx),
            Command::PageUp => self.select(self.selected.saturating_sub(page), cx),
            Command::PageDown => self.select(self.selected + page, cx),
            Command::First => self.select(0, cx),
            Command::Last if self.search.is_scanning() => {
                // The oldest match is not known yet: look as far as a key may, then follow
                // the last row found until the looking is done.
                self.select(usize::MAX, cx);
                self.follow_last = self.search.is_scanning();
            }
            Command::Last => self.select(len.saturating_sub(1), cx),
            Command::Search => self.find.open(),
            Command::Filter => self.pages.push(Page::Filters { cursor: 0 }),
            Command::Calendar => {
                let cursor = self.selected_date(cx.journal).unwrap_or(cx.evening);
                self.pages.push(Page::Calendar { cursor });
            }
            Command::Trend => self.pages.push(Page::Trend { span: 0 }),
            Command::Recap => self.pages.push(Page::Recap {
                week: stats::week_start(cx.evening),
                scroll: Scroll::default(),
                helped: stats::what_helped(&cx.journal.entries),
            }),
            Command::Export => self.pages.push(Page::Export),
            Command::Undo => self.undo(cx),
            _ => {
                let Some(date) = self.selected_date(cx.journal) else {
                    return;
                };
                match command {
                    Command::Open => {
                        self.find.close();
                        self.pages.push(Page::Entry {
                            date,
                            scroll: Scroll::default(),
                            from: Origin::List,
                        });
                    }
                    Command::Star => self.toggle_star(date, cx),
                    Command::Edit => self.edit(date, cx),
                    Command::Delete => self.pages.push(Page::ConfirmDelete { date }),
                    _ => {}
                }
            }
        }
    }

    /// The search box changed: search for what it holds now.
    pub(super) fn box_edited(&mut self, edit: Edit, cx: &mut Cx) {
        if edit == Edit::Cut {
            self.message = Some(format!(
                "Search takes up to {MAX_SEARCH_CHARS} characters; the rest was left out."
            ));
        }
        self.take_shared(cx);
        let query = Query::parse(self.find.text());
        if query != self.search.query {
            // The rows on screen and a page below; the rest comes in quiet moments.
            let want = 2 * self.height();
            self.search.set_query(query, cx.journal, cx.content, want);
            self.selected = 0;
            self.offset = 0;
            self.follow_last = false;
        }
    }

    /// What the linked partner shared, as last read: search looks through it too, and
    /// looks again when it changed (the list starts again at the top).
    pub(super) fn take_shared(&mut self, cx: &mut Cx) {
        let unlinked;
        let shared = match cx.partner {
            Some(p) => &p.evenings,
            None => {
                unlinked = std::sync::Arc::default();
                &unlinked
            }
        };
        let want = 2 * self.height();
        if self.search.set_shared(shared, cx.journal, cx.content, want) && self.search.is_active() {
            self.selected = 0;
            self.offset = 0;
        }
    }

    /// New filters: search again under them.
    pub(super) fn set_filters(&mut self, filters: Filters, cx: &mut Cx) {
        self.take_shared(cx);
        if filters != self.search.filters {
            let want = 2 * self.height();
            self.search
                .set_filters(filters, cx.journal, cx.content, want);
            self.selected = 0;
            self.offset = 0;
            self.follow_last = false;
        }
    }
}

/// The snippet of a row: with a query, the first text that matches around its first match;
/// without, the start of the reflection.
fn snippet(
    entry: &Entry,
    journal: &Journal,
    theirs: Option<&SharedEvening>,
    query: &Query,
    base: Style,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let hl = base.patch(theme.highlight());
    let dim = if base == Style::default() {
        theme.dim()
    } else {
        base
    };
    if !query.is_empty()
        && let Some((field, text, ranges)) = first_match(entry, journal, theirs, query)
    {
        let text = one_line(text);
        let from = lead_in(&text, ranges[0].start, LEAD_IN);
        let mut spans = Vec::new();
        let label = field.label_in(entry);
        if !label.is_empty() {
            spans.push(Span::styled(label, dim));
        }
        if from > 0 {
            spans.push(Span::styled("…", base));
        }
        spans.extend(highlight::spans(&text, &ranges, from, base, hl));
        return spans;
    }
    match gist(entry) {
        Some((label, text)) => {
            let ranges = highlight::ranges(&text, &query.terms);
            let mut spans = Vec::new();
            if !label.is_empty() {
                spans.push(Span::styled(label.to_string(), dim));
            }
            spans.extend(highlight::spans(&text, &ranges, 0, base, hl));
            spans
        }
        None => vec![Span::styled("closeness only", dim)],
    }
}

/// One row: marker, star, date, closeness as a number and a bar (a together evening's
/// both, with its mark), and the snippet.
pub fn row(
    entry: &Entry,
    journal: &Journal,
    theirs: Option<&SharedEvening>,
    query: &Query,
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    let base = if selected {
        theme.selected()
    } else {
        Style::default()
    };
    let mut spans = vec![
        Span::styled(if selected { "▸ " } else { "  " }, theme.accent()),
        Span::styled(
            if entry.starred { "★ " } else { "  " },
            base.patch(theme.accent()),
        ),
        Span::styled(entry.date.format("%a %e %b %Y").to_string(), base),
        Span::styled("  ", base),
        Span::styled(
            format!("{} {}", entry.closeness, bar(entry.closeness)),
            base.patch(level_style(theme, entry.closeness)),
        ),
        Span::styled("  ", base),
    ];
    // A together evening: its mark and the partner's rating beside the owner's.
    if let Some(c) = entry.together.as_ref().map(|t| t.partner.closeness) {
        spans.extend([
            Span::styled(format!("{TOGETHER_MARK} "), base.patch(theme.accent())),
            Span::styled(format!("{c} {}", bar(c)), base.patch(level_style(theme, c))),
            Span::styled("  ", base),
        ]);
    } else if let Some(c) = theirs.and_then(|s| s.closeness).map(|c| c.clamp(1, 7)) {
        // What a linked partner shared of the evening: their rating, as a together
        // evening shows the partner's.
        spans.extend([
            Span::styled(format!("{SHARED_MARK} "), base.patch(theme.accent())),
            Span::styled(format!("{c} {}", bar(c)), base.patch(level_style(theme, c))),
            Span::styled("  ", base),
        ]);
    }
    spans.extend(snippet(entry, journal, theirs, query, base, theme));
    Line::from(spans)
}

/// The filters in words: "starred · with an appreciation · from March 2025".
pub fn describe_filters(f: &Filters, content: &Library) -> Vec<String> {
    let mut out = Vec::new();
    if f.starred {
        out.push("starred".to_string());
    }
    match f.appreciation {
        Some(true) => out.push("with an appreciation".into()),
        Some(false) => out.push("without an appreciation".into()),
        None => {}
    }
    if let Some(s) = &f.section {
        let title = content.section(s).map_or(s.as_str(), |s| s.title.as_str());
        out.push(format!("planned a card from {title}"));
    }
    if let Some(d) = f.from {
        out.push(format!("from {}", d.format("%B %Y")));
    }
    if let Some(d) = f.to {
        out.push(format!("to {}", d.format("%B %Y")));
    }
    out
}

/// The newest talk on a day with no evening whose note holds every word searched for: the
/// list has no row for it, so the line above it says where it is. (Talks are few: a look
/// through all of them.)
fn talk_only_match<'a>(journal: &'a Journal, query: &Query) -> Option<&'a Talk> {
    if query.is_empty() {
        return None;
    }
    (journal.talks.iter().rev())
        .filter(|t| journal.entry(t.date).is_none())
        .find(|t| t.note.as_deref().is_some_and(|n| query.in_texts([n])))
}

/// "12 of 3,650 evenings match", or while search still looks through earlier evenings,
/// "12 of 3,650 evenings match so far, still looking…" (the same words in every theme).
pub fn matching(shown: usize, total: usize, scanning: bool) -> String {
    let so_far = if scanning {
        " so far, still looking…"
    } else {
        ""
    };
    format!(
        "{} of {} match{so_far}",
        count(shown),
        plural(total, "evening", "evenings")
    )
}

/// The line under the rows found while search still looks: how far back it has got.
fn looking_line(review: &Review, theme: &Theme) -> Line<'static> {
    let at = review
        .search
        .reached()
        .map(|d| format!(", at {} so far", d.format("%B %Y")))
        .unwrap_or_default();
    Line::styled(format!("  … looking further back{at}"), theme.dim())
}

pub fn view(review: &Review, frame: &mut Frame, app: &Ctx) -> Drawn {
    let theme = &app.theme;
    let body = chrome::page(frame, app.chrome(), "Look back", app.evening);
    let body = chrome::inset(body, 1);
    let message = message_line(review, app);
    let [head, status, _, rows_area, msg_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::from(message.is_some())),
    ])
    .areas(body);
    let journal = &app.journal;
    let total = journal.entries.len();

    let shown = review.len(journal);
    let mut status_text = if review.search.is_active() {
        format!("  {}", matching(shown, total, review.search.is_scanning()))
    } else {
        format!("  {}", plural(total, "evening", "evenings"))
    };
    let described = describe_filters(&review.search.filters, app.content);
    if !described.is_empty() {
        status_text.push_str(" · ");
        status_text.push_str(&described.join(" · "));
    }
    if let Some(talk) = talk_only_match(journal, &review.search.query) {
        status_text.push_str(&format!(
            " · a talk's note on {} matches too (r shows its week)",
            talk.date.format("%a %-d %b")
        ));
    }
    if !app.deleted.is_empty() {
        status_text.push_str(&format!(
            " · {} deleted (u brings back)",
            count(app.deleted.len())
        ));
    }
    frame.render_widget(
        Paragraph::new(Line::styled(status_text, theme.dim())),
        status,
    );

    // Only the rows on screen are built.
    let height = usize::from(rows_area.height);
    let mut lines = Vec::with_capacity(height);
    let mut together_on_screen = false;
    let mut shared_on_screen = false;
    if total == 0 {
        lines.push(Line::raw(
            "  No evenings yet. Tonight's check-in will be the first one here.",
        ));
    } else if shown == 0 && review.search.is_scanning() {
        lines.push(looking_line(review, theme));
    } else if shown == 0 {
        lines.push(Line::raw("  No evening matches."));
        lines.push(Line::styled(
            "  Fewer or shorter words find more; esc clears the search and the filters.",
            theme.dim(),
        ));
    } else {
        let offset = review.visible_offset(height);
        for i in offset..(offset + height).min(shown) {
            let Some(entry) = review.row_date(journal, i).and_then(|d| journal.entry(d)) else {
                continue;
            };
            let theirs = app.partner.and_then(|p| shared_of(&p.evenings, entry));
            together_on_screen |= entry.together.is_some();
            shared_on_screen |=
                entry.together.is_none() && theirs.is_some_and(|s| s.closeness.is_some());
            lines.push(row(
                entry,
                journal,
                theirs,
                &review.search.query,
                i == review.selected,
                theme,
            ));
        }
        // Below the last row found, while search still looks: more may come.
        if lines.len() < height && review.search.is_scanning() {
            lines.push(looking_line(review, theme));
        }
    }
    // The search box, or what the list is.
    let head_line = if review.typing() || !review.input().is_empty() {
        let label = "  Find: ";
        let room = usize::from(head.width).saturating_sub(label.len());
        let mut spans = vec![Span::styled(label, theme.accent())];
        spans.extend(review.find.spans(theme, room, ""));
        Line::from(spans)
    } else {
        let mut spans = vec![Span::styled("  Every evening, newest first", theme.title())];
        if together_on_screen {
            spans.push(Span::styled(TOGETHER_LEGEND, theme.dim()));
        }
        if shared_on_screen {
            spans.push(Span::styled(SHARED_LEGEND, theme.dim()));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(head_line), head);

    frame.render_widget(Paragraph::new(lines), rows_area);
    if let Some(m) = message {
        frame.render_widget(Paragraph::new(m), msg_area);
    }
    Drawn {
        height: rows_area.height,
        lines: u16::try_from(total).unwrap_or(u16::MAX),
        first: 0,
    }
}
