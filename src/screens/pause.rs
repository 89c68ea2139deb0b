//! A guided pause: a few slow breaths, shown as a shape that grows and shrinks, with a count.

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::protocol::{Command, Ctx, Cx, Intent};

/// Seconds breathing in, holding, and breathing out.
pub const IN_SECS: f64 = 4.0;
pub const HOLD_SECS: f64 = 1.0;
pub const OUT_SECS: f64 = 6.0;
pub const BREATHS: u32 = 3;

#[derive(Debug, Clone)]
pub struct Pause {
    started: DateTime<FixedOffset>,
    /// Seconds since the start, as of the last tick.
    pub elapsed: f64,
}

/// Where in the breathing a moment falls: (breath number from 1, phase word, size 0..=1),
/// or `None` once the breaths are done.
pub fn phase(elapsed: f64) -> Option<(u32, &'static str, f64)> {
    let cycle = IN_SECS + HOLD_SECS + OUT_SECS;
    let n = (elapsed / cycle).floor() as u32;
    if n >= BREATHS {
        return None;
    }
    let t = elapsed - f64::from(n) * cycle;
    let (word, size) = if t < IN_SECS {
        ("breathe in", t / IN_SECS)
    } else if t < IN_SECS + HOLD_SECS {
        ("hold", 1.0)
    } else {
        ("breathe out", 1.0 - (t - IN_SECS - HOLD_SECS) / OUT_SECS)
    };
    Some((n + 1, word, size.clamp(0.0, 1.0)))
}

impl Pause {
    pub fn new(now: DateTime<FixedOffset>) -> Pause {
        Pause {
            started: now,
            elapsed: 0.0,
        }
    }

    pub fn on_tick(&mut self, cx: &mut Cx) {
        self.elapsed = (cx.now - self.started).num_milliseconds() as f64 / 1000.0;
    }

    pub fn on_command(&mut self, command: Command, cx: &mut Cx) {
        if matches!(command, Command::Back | Command::Open) {
            cx.ask(Intent::Back);
        }
    }

    pub fn view(&self, frame: &mut Frame, ctx: &Ctx) {
        let theme = &ctx.theme;
        let body = crate::ui::chrome::page(frame, ctx.chrome(), "A pause", ctx.evening);
        let [_, shape_area, words] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(3),
        ])
        .areas(body);
        let (text, size) = match phase(self.elapsed) {
            Some((n, word, size)) => (format!("{word}   ·   breath {n} of {BREATHS}"), size),
            None => ("Done. Press enter to go on.".to_string(), 0.0),
        };
        // A diamond of dots whose radius follows the breath.
        let max_r = (shape_area.height.saturating_sub(1) / 2).min(shape_area.width / 4) as f64;
        let r = (1.0 + size * (max_r - 1.0).max(0.0)).round() as i32;
        let mut lines = Vec::new();
        let h = shape_area.height as i32;
        let cy = h / 2;
        for y in 0..h {
            let dy = (y - cy).abs();
            if dy > r {
                lines.push(Line::raw(""));
                continue;
            }
            let half = ((r - dy) * 2) as usize;
            let row = "●".repeat(half * 2 + 1);
            lines.push(Line::styled(row, theme.accent()));
        }
        frame.render_widget(Paragraph::new(lines).centered(), shape_area);
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(text, theme.title()),
                Line::raw(""),
                Line::styled("esc leaves the pause at any moment", theme.dim()),
            ])
            .centered(),
            words,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_breath_grows_then_shrinks_and_ends() {
        assert_eq!(phase(0.0).map(|p| p.1), Some("breathe in"));
        assert!(phase(2.0).unwrap().2 > phase(1.0).unwrap().2);
        assert_eq!(phase(4.5).map(|p| p.1), Some("hold"));
        assert!(phase(9.0).unwrap().2 < phase(6.0).unwrap().2);
        assert_eq!(phase(11.5).map(|p| p.0), Some(2));
        assert_eq!(phase(33.5), None);
    }
}
