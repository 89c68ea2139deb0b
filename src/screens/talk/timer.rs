//! The timer of a conversation in two turns, as plain data: every question about it is
//! asked with the moment it is asked at, so nothing here reads a clock or sleeps.
//!
//! Each turn keeps the time it has run. A running turn also remembers when it last
//! started; pausing adds that stretch to what it has run. The length of a turn can be
//! changed before the first turn starts and whenever the timer is paused.

use chrono::{DateTime, Duration, FixedOffset};

/// Turns are one to thirty minutes long.
pub const MIN_MINUTES: u32 = 1;
pub const MAX_MINUTES: u32 = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timer {
    /// How long each turn is meant to last.
    minutes: u32,
    /// The turn on now: 0 or 1.
    turn: usize,
    /// What each turn has run, not counting a stretch still running.
    ran: [Duration; 2],
    /// When the running stretch started, if the timer is running.
    since: Option<DateTime<FixedOffset>>,
    /// Whether the current turn has ever started (before that, the length is free to change).
    started: bool,
    /// Both turns are over.
    ended: bool,
}

impl Timer {
    pub fn new(minutes: u32) -> Timer {
        Timer {
            minutes: minutes.clamp(MIN_MINUTES, MAX_MINUTES),
            turn: 0,
            ran: [Duration::zero(); 2],
            since: None,
            started: false,
            ended: false,
        }
    }

    pub fn minutes(&self) -> u32 {
        self.minutes
    }

    /// The turn on now: 0 (the first) or 1.
    pub fn turn(&self) -> usize {
        self.turn
    }

    pub fn is_running(&self) -> bool {
        self.since.is_some()
    }

    pub fn is_paused(&self) -> bool {
        !self.is_running() && !self.ended
    }

    pub fn has_started(&self) -> bool {
        self.started
    }

    pub fn is_ended(&self) -> bool {
        self.ended
    }

    /// The length may change before the first turn starts and while paused.
    pub fn can_adjust(&self) -> bool {
        !self.ended && !self.is_running()
    }

    /// A minute more (`delta` 1) or less (-1) for each turn; returns whether it changed.
    pub fn adjust(&mut self, delta: i32) -> bool {
        if !self.can_adjust() {
            return false;
        }
        let next = (self.minutes as i64 + i64::from(delta))
            .clamp(i64::from(MIN_MINUTES), i64::from(MAX_MINUTES)) as u32;
        let changed = next != self.minutes;
        self.minutes = next;
        changed
    }

    /// Start, or go on with, the current turn.
    pub fn resume(&mut self, now: DateTime<FixedOffset>) {
        if self.ended || self.since.is_some() {
            return;
        }
        self.since = Some(now);
        self.started = true;
    }

    pub fn pause(&mut self, now: DateTime<FixedOffset>) {
        if let Some(since) = self.since.take() {
            self.ran[self.turn] += (now - since).max(Duration::zero());
        }
    }

    /// Pause when running, go on when paused.
    pub fn toggle(&mut self, now: DateTime<FixedOffset>) {
        if self.is_running() {
            self.pause(now)
        } else {
            self.resume(now)
        }
    }

    /// What the turn `turn` has run by `now`.
    pub fn ran(&self, turn: usize, now: DateTime<FixedOffset>) -> Duration {
        let running = match self.since {
            Some(since) if turn == self.turn => (now - since).max(Duration::zero()),
            _ => Duration::zero(),
        };
        self.ran[turn.min(1)] + running
    }

    pub fn length(&self) -> Duration {
        Duration::minutes(i64::from(self.minutes))
    }

    /// What is left of the current turn (never below zero).
    pub fn left(&self, now: DateTime<FixedOffset>) -> Duration {
        (self.length() - self.ran(self.turn, now)).max(Duration::zero())
    }

    /// The current turn has had its time.
    pub fn is_up(&self, now: DateTime<FixedOffset>) -> bool {
        self.left(now) == Duration::zero()
    }

    /// End the first turn and start the second at once (running), or end the second.
    pub fn next_turn(&mut self, now: DateTime<FixedOffset>) {
        self.pause(now);
        if self.turn == 0 {
            self.turn = 1;
            self.resume(now);
        } else {
            self.ended = true;
        }
    }

    /// Back to the first turn (paused), keeping what each has run.
    pub fn back_to_first(&mut self, now: DateTime<FixedOffset>) {
        self.pause(now);
        self.ended = false;
        self.turn = 0;
    }

    /// Back to the second turn after the end (paused), keeping what each has run.
    pub fn reopen(&mut self) {
        if self.ended {
            self.ended = false;
            self.turn = 1;
        }
    }

    /// End both turns now.
    pub fn end(&mut self, now: DateTime<FixedOffset>) {
        self.pause(now);
        self.ended = true;
    }

    /// The minutes a turn took, on average over the turns that ran, rounded, at least one.
    pub fn minutes_taken(&self, now: DateTime<FixedOffset>) -> u32 {
        let ran: Vec<Duration> = (0..2)
            .map(|t| self.ran(t, now))
            .filter(|d| *d > Duration::zero())
            .collect();
        if ran.is_empty() {
            return 0;
        }
        let total: i64 = ran.iter().map(|d| d.num_seconds()).sum();
        let average = total / ran.len() as i64;
        ((average + 30) / 60).max(1) as u32
    }

    /// When the display next changes (the next whole second of the running turn), if the
    /// timer runs: for the terminal loop to wake then.
    pub fn next_change(&self, now: DateTime<FixedOffset>) -> Option<std::time::Duration> {
        self.since?;
        let ms = self.ran(self.turn, now).num_milliseconds().rem_euclid(1000);
        Some(std::time::Duration::from_millis((1000 - ms) as u64 + 5))
    }
}

/// "9:05": minutes and seconds.
pub fn clock(d: Duration) -> String {
    let s = d.num_seconds().max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-29T20:00:00+01:00").unwrap() + Duration::seconds(s)
    }

    #[test]
    fn a_turn_counts_down_only_while_it_runs() {
        let mut t = Timer::new(10);
        assert_eq!(t.left(at(0)), Duration::minutes(10));
        assert!(t.is_paused() && !t.has_started());
        t.resume(at(0));
        assert_eq!(t.left(at(90)), Duration::seconds(510));
        t.pause(at(90));
        // Paused: time passes, the turn does not.
        assert_eq!(t.left(at(1000)), Duration::seconds(510));
        t.resume(at(1000));
        assert_eq!(t.left(at(1010)), Duration::seconds(500));
        assert_eq!(clock(t.left(at(1010))), "8:20");
    }

    #[test]
    fn toggle_pauses_and_resumes() {
        let mut t = Timer::new(5);
        t.toggle(at(0));
        assert!(t.is_running());
        t.toggle(at(60));
        assert!(t.is_paused());
        assert_eq!(t.ran(0, at(500)), Duration::seconds(60));
    }

    #[test]
    fn the_length_changes_before_starting_and_while_paused_only() {
        let mut t = Timer::new(10);
        assert!(t.adjust(1));
        assert_eq!(t.minutes(), 11);
        t.resume(at(0));
        assert!(!t.adjust(-1), "not while running");
        assert_eq!(t.minutes(), 11);
        t.pause(at(60));
        assert!(t.adjust(-1));
        assert_eq!(t.left(at(60)), Duration::minutes(9));
        // Bounded at both ends.
        for _ in 0..100 {
            t.adjust(-1);
        }
        assert_eq!(t.minutes(), MIN_MINUTES);
        // Shorter than what has run: the turn is up, never negative.
        assert!(t.is_up(at(60)));
        assert_eq!(t.left(at(60)), Duration::zero());
        for _ in 0..100 {
            t.adjust(1);
        }
        assert_eq!(t.minutes(), MAX_MINUTES);
    }

    #[test]
    fn a_turn_that_runs_over_is_up_and_keeps_counting_what_ran() {
        let mut t = Timer::new(1);
        t.resume(at(0));
        assert!(!t.is_up(at(59)));
        assert!(t.is_up(at(60)));
        assert!(t.is_up(at(600)));
        assert_eq!(t.ran(0, at(600)), Duration::seconds(600));
    }

    #[test]
    fn the_second_turn_starts_fresh_and_running() {
        let mut t = Timer::new(10);
        t.resume(at(0));
        t.next_turn(at(300));
        assert_eq!(t.turn(), 1);
        assert!(t.is_running());
        assert_eq!(t.left(at(300)), Duration::minutes(10));
        assert_eq!(t.ran(0, at(900)), Duration::seconds(300));
        assert_eq!(t.left(at(360)), Duration::minutes(9));
        t.next_turn(at(900));
        assert!(t.is_ended() && !t.is_running() && !t.can_adjust());
        assert_eq!(t.ran(1, at(2000)), Duration::seconds(600));
        // (5 + 10) / 2 minutes, rounded.
        assert_eq!(t.minutes_taken(at(2000)), 8);
        // Nothing more happens once ended.
        t.resume(at(2000));
        assert!(!t.is_running());
    }

    #[test]
    fn going_back_keeps_what_each_turn_ran() {
        let mut t = Timer::new(10);
        t.resume(at(0));
        t.next_turn(at(120));
        t.back_to_first(at(180));
        assert_eq!(t.turn(), 0);
        assert!(t.is_paused());
        assert_eq!(t.ran(0, at(999)), Duration::seconds(120));
        assert_eq!(t.ran(1, at(999)), Duration::seconds(60));
        t.end(at(999));
        t.reopen();
        assert_eq!((t.turn(), t.is_paused()), (1, true));
    }

    #[test]
    fn end_stops_the_clock() {
        let mut t = Timer::new(10);
        t.resume(at(0));
        t.end(at(45));
        assert!(t.is_ended());
        assert_eq!(t.ran(0, at(1000)), Duration::seconds(45));
        assert_eq!(t.minutes_taken(at(1000)), 1);
        assert_eq!(Timer::new(10).minutes_taken(at(0)), 0);
    }

    #[test]
    fn a_clock_going_backwards_never_adds_time() {
        let mut t = Timer::new(10);
        t.resume(at(100));
        assert_eq!(t.ran(0, at(50)), Duration::zero());
        t.pause(at(50));
        assert_eq!(t.ran(0, at(50)), Duration::zero());
    }

    #[test]
    fn the_loop_wakes_on_the_next_whole_second_while_running() {
        let mut t = Timer::new(10);
        assert_eq!(t.next_change(at(0)), None);
        t.resume(at(0));
        let later = at(3) + Duration::milliseconds(250);
        assert_eq!(
            t.next_change(later),
            Some(std::time::Duration::from_millis(755))
        );
        t.pause(later);
        assert_eq!(t.next_change(later), None);
    }
}
