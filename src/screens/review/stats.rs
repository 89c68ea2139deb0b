//! Figures for looking back: averages over a span, weekly recaps, "on this day", and what
//! seemed to help. Pure functions of the journal, checked by hand in the tests below.

use std::sync::Arc;

use chrono::{Datelike, Duration, Months, NaiveDate};

use super::count;
use crate::journal::export::select;
use crate::journal::{Entry, Journal, Outcome};

/// "What seemed to help" needs at least this many evenings on each side before it says
/// anything.
pub const MIN_EACH_SIDE: usize = 5;

/// A running mean of small whole numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mean {
    pub count: usize,
    pub sum: u64,
}

impl Mean {
    pub fn add(&mut self, value: u8) {
        self.count += 1;
        self.sum += u64::from(value);
    }

    pub fn value(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum as f64 / self.count as f64)
    }

    /// One decimal, as shown on screen ("4.6"), or None with no values.
    pub fn shown(&self) -> Option<String> {
        self.value().map(|v| format!("{v:.1}"))
    }
}

/// Closeness and stress over some evenings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub evenings: usize,
    pub closeness: Mean,
    /// Only the evenings where stress was recorded.
    pub stress: Mean,
}

pub fn summarise(entries: &[Arc<Entry>]) -> Summary {
    let mut s = Summary {
        evenings: entries.len(),
        ..Summary::default()
    };
    for e in entries {
        s.closeness.add(e.closeness);
        if let Some(st) = e.stress {
            s.stress.add(st);
        }
    }
    s
}

/// The `days` evenings ending with `to`, both ends included.
pub fn span(journal: &Journal, to: NaiveDate, days: i64) -> &[Arc<Entry>] {
    let from = to - Duration::days(days - 1);
    select(journal, Some(from), Some(to))
}

/// The Monday of the week holding `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// One week, Monday to Sunday.
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub summary: Summary,
    /// Evenings of the week that planned a small act for the next day.
    pub planned: usize,
    /// Of those acts, how many the next evening's follow-up said happened (a Sunday's act
    /// is followed up on the Monday after the week).
    pub done: usize,
    /// The appreciations written, oldest first.
    pub appreciations: Vec<(NaiveDate, String)>,
}

pub fn week(journal: &Journal, start: NaiveDate) -> Week {
    let end = start + Duration::days(6);
    let entries = select(journal, Some(start), Some(end));
    let planned: Vec<&Arc<Entry>> = entries.iter().filter(|e| e.small_act.is_some()).collect();
    let done = (planned.iter())
        .filter(|e| {
            (e.date.succ_opt())
                .and_then(|next| journal.entry(next))
                .is_some_and(done)
        })
        .count();
    Week {
        start,
        end,
        summary: summarise(entries),
        planned: planned.len(),
        done,
        appreciations: entries
            .iter()
            .filter_map(|e| e.appreciation.as_ref().map(|a| (e.date, a.clone())))
            .collect(),
    }
}

fn done(e: &Entry) -> bool {
    e.followup.as_ref().and_then(|f| f.outcome) == Some(Outcome::Done)
}

/// Next-day closeness on two sides of something: days after evenings that had it, and
/// the other days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Comparison {
    pub with: Mean,
    pub without: Mean,
}

impl Comparison {
    /// Enough evenings on both sides to say anything at all.
    pub fn enough(&self) -> bool {
        self.with.count >= MIN_EACH_SIDE && self.without.count >= MIN_EACH_SIDE
    }
}

/// Each pair of evenings on consecutive days, in order.
fn consecutive(entries: &[Arc<Entry>]) -> impl Iterator<Item = (&Entry, &Entry)> {
    entries
        .windows(2)
        .filter(|w| w[0].date.succ_opt() == Some(w[1].date))
        .map(|w| (&*w[0], &*w[1]))
}

/// Closeness the day after an evening with an appreciation, against the day after one
/// without. Only days whose evening before was checked in count.
pub fn after_appreciation(entries: &[Arc<Entry>]) -> Comparison {
    let mut c = Comparison::default();
    for (evening, next) in consecutive(entries) {
        if evening.appreciation.is_some() {
            c.with.add(next.closeness);
        } else {
            c.without.add(next.closeness);
        }
    }
    c
}

/// Closeness on days when the small act planned the evening before was done (that day's
/// check-in says "yes"), against the other days (nothing planned, or not done, or only
/// partly). Only days whose evening before was checked in count.
pub fn after_done_act(entries: &[Arc<Entry>]) -> Comparison {
    let mut c = Comparison::default();
    for (evening, next) in consecutive(entries) {
        if evening.small_act.is_some() && done(next) {
            c.with.add(next.closeness);
        } else {
            c.without.add(next.closeness);
        }
    }
    c
}

/// The sentences "What seemed to help" shows, or why there are none yet.
pub fn what_helped(entries: &[Arc<Entry>]) -> Vec<String> {
    let mut out = Vec::new();
    let a = after_appreciation(entries);
    let d = after_done_act(entries);
    if let (true, Some(w), Some(o)) = (a.enough(), a.with.shown(), a.without.shown()) {
        out.push(format!(
            "On days after you wrote an appreciation, closeness averaged {w}; on other days {o} ({} and {} days).",
            count(a.with.count),
            count(a.without.count)
        ));
    }
    if let (true, Some(w), Some(o)) = (d.enough(), d.with.shown(), d.without.shown()) {
        out.push(format!(
            "On days when the small act you planned was done, closeness averaged {w}; on other days {o} ({} and {} days).",
            count(d.with.count),
            count(d.without.count)
        ));
    }
    out.extend(super::together::helped_line(entries));
    if out.is_empty() {
        out.push(format!(
            "Not enough evenings yet to see a pattern. This needs at least {MIN_EACH_SIDE} days after an \
             evening with an appreciation (or a small act done) and {MIN_EACH_SIDE} without, each following \
             an evening you checked in."
        ));
    } else {
        out.push("A pattern, not proof: many things change how close a day feels.".to_string());
    }
    out
}

/// The evenings a month and a year before `evening` that have an entry, with a label.
/// Only the same day of the month counts: 31 March has no "a month ago".
pub fn on_this_day(journal: &Journal, evening: NaiveDate) -> Vec<(&'static str, &Entry)> {
    let mut out = Vec::new();
    for (label, months) in [("A month ago", 1), ("A year ago", 12)] {
        if let Some(day) = evening.checked_sub_months(Months::new(months))
            && day.day() == evening.day()
            && let Some(e) = journal.entry(day)
        {
            out.push((label, e));
        }
    }
    out
}

/// Points for a chart of the `days` ending with `to`: x is the day (0 is the first),
/// y the value `pick` gives (evenings where it gives none are left out).
pub fn points(
    entries: &[Arc<Entry>],
    to: NaiveDate,
    days: i64,
    pick: impl Fn(&Entry) -> Option<u8>,
) -> Vec<(f64, f64)> {
    let from = to - Duration::days(days - 1);
    entries
        .iter()
        .filter(|e| e.date >= from && e.date <= to)
        .filter_map(|e| pick(e).map(|v| ((e.date - from).num_days() as f64, f64::from(v))))
        .collect()
}

/// The mean of `pick` over the `window` days ending on each day of the span (days with
/// no value in their window are left out), as chart points like [`points`]. `entries` must
/// start early enough to hold the first window (the whole journal does).
pub fn rolling(
    entries: &[Arc<Entry>],
    to: NaiveDate,
    days: i64,
    window: i64,
    pick: impl Fn(&Entry) -> Option<u8>,
) -> Vec<(f64, f64)> {
    let from = to - Duration::days(days - 1);
    let mut out = Vec::new();
    let (mut lo, mut hi) = (0, 0);
    let mut mean = Mean::default();
    for x in 0..days {
        let day = from + Duration::days(x);
        while hi < entries.len() && entries[hi].date <= day {
            if let Some(v) = pick(&entries[hi]) {
                mean.add(v);
            }
            hi += 1;
        }
        while lo < hi && entries[lo].date <= day - Duration::days(window) {
            if let Some(v) = pick(&entries[lo]) {
                mean.count -= 1;
                mean.sum -= u64::from(v);
            }
            lo += 1;
        }
        if let Some(v) = mean.value() {
            out.push((x as f64, v));
        }
    }
    out
}

/// Chart points (x in days, as [`points`] and [`rolling`] give them, in order) cut into
/// the runs a line may join: a run ends where more than `gap` days pass to the next point,
/// so a line never joins evenings across the empty weeks or months between them.
pub fn runs(points: &[(f64, f64)], gap: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    for &p in points {
        match out.last_mut() {
            Some(run) if run.last().is_some_and(|l| p.0 - l.0 <= gap) => run.push(p),
            _ => out.push(vec![p]),
        }
    }
    out
}

/// Evenings in a month (year, month), oldest first.
pub fn month(journal: &Journal, year: i32, month: u32) -> &[Arc<Entry>] {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return &[];
    };
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first);
    select(journal, Some(first), Some(last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{Followup, SmallAct};
    use chrono::DateTime;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    fn e(day: u32, closeness: u8) -> Entry {
        let t = DateTime::parse_from_rfc3339("2026-11-01T21:00:00+01:00").unwrap();
        Entry {
            date: d(day),
            created: t,
            updated: t,
            closeness,
            stress: None,
            followup: None,
            reflection: None,
            appreciation: None,
            small_act: None,
            starred: false,
            together: None,
            shown: Vec::new(),
        }
    }

    fn act() -> SmallAct {
        SmallAct {
            card_id: None,
            text: "tea".into(),
        }
    }

    /// Fourteen evenings, 1 to 14 November 2026, with a gap on the 8th:
    ///
    /// day:         1  2  3  4  5  6  7  -  9 10 11 12 13 14
    /// closeness:   3  5  4  6  3  5  4  -  6  6  3  5  2  6
    /// appreciation a  .  a  .  a  .  a  -  a  a  .  a  .  .
    /// act planned  p  p  .  p  p  p  .  -  p  .  p  p  p  .
    /// yesterday's act, as told: 2 yes, 3 not yet, 5 partly, 6 yes, 7 yes, 10 partly,
    ///                           12 yes, 13 yes, 14 not yet
    /// stress (on days divisible by 3): 3 → 4, 6 → 2, 9 → 5, 12 → 3
    fn fixed() -> Vec<Arc<Entry>> {
        let close = [3, 5, 4, 6, 3, 5, 4, 0, 6, 6, 3, 5, 2, 6];
        let appreciated = [1, 3, 5, 7, 9, 10, 12];
        let planned = [1, 2, 4, 5, 6, 9, 11, 12, 13];
        let outcomes = [
            (2, Outcome::Done),
            (3, Outcome::NotYet),
            (5, Outcome::Partly),
            (6, Outcome::Done),
            (7, Outcome::Done),
            (10, Outcome::Partly),
            (12, Outcome::Done),
            (13, Outcome::Done),
            (14, Outcome::NotYet),
        ];
        let mut out = Vec::new();
        for day in 1..=14u32 {
            if day == 8 {
                continue;
            }
            let mut x = e(day, close[day as usize - 1]);
            if appreciated.contains(&day) {
                x.appreciation = Some(format!("thanks {day}"));
            }
            if planned.contains(&day) {
                x.small_act = Some(act());
            }
            if let Some((_, o)) = outcomes.iter().find(|(dd, _)| *dd == day) {
                x.followup = Some(Followup {
                    planned: act(),
                    outcome: Some(*o),
                    noticed: String::new(),
                });
            }
            if day % 3 == 0 {
                x.stress = Some((day % 5) as u8 + 1);
            }
            out.push(Arc::new(x));
        }
        out
    }

    #[test]
    fn next_day_closeness_after_an_appreciation() {
        // Consecutive pairs (the 7th has no 8th; the 9th has no 8th before it):
        // after an appreciation (evenings 1, 3, 5, 9, 10, 12): days 2, 4, 6, 10, 11, 13
        //   closeness 5 + 6 + 5 + 6 + 3 + 2 = 27 over 6 days = 4.5
        // after none (evenings 2, 4, 6, 11, 13): days 3, 5, 7, 12, 14
        //   closeness 4 + 3 + 4 + 5 + 6 = 22 over 5 days = 4.4
        let c = after_appreciation(&fixed());
        assert_eq!(c.with, Mean { count: 6, sum: 27 });
        assert_eq!(c.without, Mean { count: 5, sum: 22 });
        assert!(c.enough());
        assert_eq!(c.with.shown().as_deref(), Some("4.5"));
        assert_eq!(c.without.shown().as_deref(), Some("4.4"));
    }

    #[test]
    fn closeness_on_days_a_planned_act_was_done() {
        // Done, and planned the evening before: days 2 (after 1), 6 (after 5), 7 (after 6),
        // 12 (after 11), 13 (after 12): closeness 5 + 5 + 4 + 5 + 2 = 21 over 5 days = 4.2.
        // The other consecutive days: 3 (not yet), 4 (nothing planned on the 3rd), 5 (partly),
        // 10 (partly), 11 (nothing planned on the 10th), 14 (not yet):
        // 4 + 6 + 3 + 6 + 3 + 6 = 28 over 6 days = 4.7.
        let c = after_done_act(&fixed());
        assert_eq!(c.with, Mean { count: 5, sum: 21 });
        assert_eq!(c.without, Mean { count: 6, sum: 28 });
        assert_eq!(c.with.shown().as_deref(), Some("4.2"));
        assert_eq!(c.without.shown().as_deref(), Some("4.7"));
    }

    #[test]
    fn nothing_is_claimed_from_too_few_evenings() {
        let few = &fixed()[..6];
        // Pairs 1-2 .. 5-6: after an appreciation 3 days, without 2.
        let c = after_appreciation(few);
        assert_eq!((c.with.count, c.without.count), (3, 2));
        assert!(!c.enough());
        let lines = what_helped(few);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with("Not enough evenings yet"));
        let lines = what_helped(&fixed());
        assert_eq!(
            lines[0],
            "On days after you wrote an appreciation, closeness averaged 4.5; on other days 4.4 (6 and 5 days)."
        );
        assert!(lines.last().unwrap().starts_with("A pattern, not proof"));
        assert!(lines.iter().all(|l| !l.contains('!')));
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        let mut j = Journal::default();
        for x in fixed() {
            j.upsert(Arc::unwrap_or_clone(x));
        }
        // 2 November 2026 is a Monday.
        assert_eq!(week_start(d(8)), d(2));
        assert_eq!(week_start(d(2)), d(2));
        assert_eq!(
            week_start(d(1)),
            NaiveDate::from_ymd_opt(2026, 10, 26).unwrap()
        );
        let w = week(&j, d(2));
        // Days 2..7 (the 8th is missing): closeness 5 4 6 3 5 4 = 27 / 6 = 4.5.
        assert_eq!(w.summary.evenings, 6);
        assert_eq!(w.summary.closeness, Mean { count: 6, sum: 27 });
        // Stress on the 3rd (4) and 6th (2): 3.0.
        assert_eq!(w.summary.stress, Mean { count: 2, sum: 6 });
        // Planned on 2, 4, 5, 6; the evening after each said: 3 not yet, 5 partly, 6 yes,
        // 7 yes. Two of the four acts planned were done (the "yes" on the 2nd was for an
        // act planned the week before, on the 1st).
        assert_eq!((w.planned, w.done), (4, 2));
        // The week of the 9th: planned on 9, 11, 12, 13; the evenings after: 10 partly,
        // 12 yes, 13 yes, 14 not yet.
        let w9 = week(&j, d(9));
        assert_eq!((w9.planned, w9.done), (4, 2));
        let days: Vec<u32> = w.appreciations.iter().map(|(d, _)| d.day()).collect();
        assert_eq!(days, vec![3, 5, 7]);
    }

    #[test]
    fn spans_and_months() {
        let mut j = Journal::default();
        for x in fixed() {
            j.upsert(Arc::unwrap_or_clone(x));
        }
        // The 7 days ending on the 14th: 8 (missing) to 14: 6 6 3 5 2 6 = 28 / 6.
        let s = summarise(span(&j, d(14), 7));
        assert_eq!(s.evenings, 6);
        assert_eq!(s.closeness.sum, 28);
        assert_eq!(month(&j, 2026, 11).len(), 13);
        assert!(month(&j, 2026, 12).is_empty());
    }

    #[test]
    fn chart_points_and_the_rolling_mean() {
        let entries = fixed();
        // The 5 days ending on the 10th: 6 to 10, the 8th missing.
        let p = points(&entries, d(10), 5, |e| Some(e.closeness));
        assert_eq!(p, vec![(0.0, 5.0), (1.0, 4.0), (3.0, 6.0), (4.0, 6.0)]);
        let s = points(&entries, d(10), 5, |e| e.stress);
        assert_eq!(s, vec![(0.0, 2.0), (3.0, 5.0)]);
        // A 3-day window: on the 8th, days 6 and 7 (5, 4) = 4.5; on the 9th, 7 and 9 = 5.0;
        // on the 10th, 9 and 10 = 6.0. The slice given must start early enough to hold the
        // window, as the whole journal does.
        let r = rolling(&entries, d(10), 3, 3, |e| Some(e.closeness));
        assert_eq!(r, vec![(0.0, 4.5), (1.0, 5.0), (2.0, 6.0)]);
        // Stress over 4 days: on the 8th, the 6th (2); on the 9th, 6th and 9th (2, 5) = 3.5;
        // on the 10th, the 9th (5).
        let r = rolling(&entries, d(10), 3, 4, |e| e.stress);
        assert_eq!(r, vec![(0.0, 2.0), (1.0, 3.5), (2.0, 5.0)]);
    }

    #[test]
    fn a_sundays_act_counts_in_its_own_week_when_monday_says_it_happened() {
        let mut j = Journal::default();
        // Sunday 8 November plans an act; Monday 9 November says it happened.
        let mut sunday = e(8, 4);
        sunday.small_act = Some(act());
        j.upsert(sunday);
        let mut monday = e(9, 5);
        monday.followup = Some(Followup {
            planned: act(),
            outcome: Some(Outcome::Done),
            noticed: String::new(),
        });
        j.upsert(monday);
        let w = week(&j, d(2));
        assert_eq!((w.planned, w.done), (1, 1));
        // The week of the follow-up planned nothing: its "yes" is not an act of its own.
        let w = week(&j, d(9));
        assert_eq!((w.planned, w.done), (0, 0));
    }

    #[test]
    fn lines_break_across_days_with_nothing_to_draw() {
        let p = [
            (0.0, 4.0),
            (1.0, 5.0),
            (2.0, 4.5),
            (40.0, 3.0),
            (41.0, 3.5),
            (50.0, 6.0),
        ];
        assert_eq!(
            runs(&p, 1.0),
            vec![
                vec![(0.0, 4.0), (1.0, 5.0), (2.0, 4.5)],
                vec![(40.0, 3.0), (41.0, 3.5)],
                vec![(50.0, 6.0)],
            ]
        );
        assert_eq!(runs(&p, 10.0).len(), 2);
        assert!(runs(&[], 1.0).is_empty());
        // The 7-day mean over a year with evenings only at its two ends has a day with
        // nothing in its window in between: two runs, not one line across the months.
        let mut entries = Vec::new();
        for day in [1, 2, 3, 4] {
            entries.push(Arc::new(e(day, 4)));
        }
        let mut late = e(1, 6);
        late.date = NaiveDate::from_ymd_opt(2027, 10, 1).unwrap();
        entries.push(Arc::new(late));
        let to = NaiveDate::from_ymd_opt(2027, 10, 1).unwrap();
        let days = (to - d(1)).num_days() + 1;
        let mean = rolling(&entries, to, days, 7, |e| Some(e.closeness));
        let cut = runs(&mean, 1.0);
        assert_eq!(cut.len(), 2, "{cut:?}");
        assert_eq!(
            cut[0].len(),
            10,
            "the 1st to the 10th hold an evening in their week"
        );
        assert_eq!(cut[1], vec![((days - 1) as f64, 6.0)]);
    }

    #[test]
    fn on_this_day_finds_a_month_and_a_year_ago() {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut j = Journal::default();
        for (date, c) in [
            (ymd(2026, 2, 28), 4),
            (ymd(2025, 3, 31), 6),
            (ymd(2025, 3, 28), 2),
        ] {
            let mut x = e(1, c);
            x.date = date;
            j.upsert(x);
        }
        let found = |date| -> Vec<(&str, u8)> {
            on_this_day(&j, date)
                .iter()
                .map(|(l, e)| (*l, e.closeness))
                .collect()
        };
        assert_eq!(
            found(ymd(2026, 3, 28)),
            vec![("A month ago", 4), ("A year ago", 2)]
        );
        // No 31 February: only a year ago.
        assert_eq!(found(ymd(2026, 3, 31)), vec![("A year ago", 6)]);
        assert!(found(ymd(2026, 3, 29)).is_empty());
    }
}
