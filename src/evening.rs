//! Which evening it is, and the lines nearer says on it: the day's, a season's, a
//! milestone's, a kind one for a hard evening. Everything here is a pure function of its
//! inputs. (Which prompts and cards it offers is `suggest`'s.)

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::content::{Lines, Seasonal};

/// An evening lasts until this hour: a check-in at half past midnight belongs to the
/// evening before.
pub const EVENING_ENDS_AT_HOUR: i64 = 4;

/// The evening a moment belongs to, in the local time it was recorded in.
pub fn evening_of(now: DateTime<FixedOffset>) -> NaiveDate {
    (now.naive_local() - Duration::hours(EVENING_ENDS_AT_HOUR)).date()
}

/// A generator that gives the same sequence for the same date and purpose on any machine.
fn date_rng(date: NaiveDate, purpose: u64) -> ChaCha8Rng {
    let day = date.num_days_from_ce() as u64;
    ChaCha8Rng::seed_from_u64(day.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ purpose)
}

/// A line chosen by the date from a list (the same all evening).
pub fn line_of_the_day(lines: &[String], date: NaiveDate, purpose: u64) -> Option<&str> {
    if lines.is_empty() {
        return None;
    }
    let i = (date_rng(date, purpose).next_u64() % lines.len() as u64) as usize;
    Some(lines[i].as_str())
}

/// Purposes of the lines chosen by the date (each list its own numbers).
pub const ARRIVE: u64 = 1;
pub const SELF_COMPASSION: u64 = 2;
pub const GOOD_THING: u64 = 3;
pub const HARD_EVENING: u64 = 4;
const SEASONAL: u64 = 5;
const SEASONAL_NOW: u64 = 6;

/// A seasonal line is said on about one evening in this many of its season.
pub const SEASONAL_ONE_IN: u64 = 3;

/// The line that greets the person arriving at the check-in of `date`, when `evenings`
/// were checked in before it: the milestone's on the 10th, 25th, 50th... evening, now and
/// then a line of the season, else the day's own. `None` when the content has none.
pub fn arrive_line(lines: &Lines, date: NaiveDate, evenings: usize) -> Option<&str> {
    let nth = evenings + 1;
    if let Some(m) = lines.milestone.iter().find(|m| m.evening as usize == nth) {
        return Some(m.text.as_str());
    }
    let in_season: Vec<&str> = (lines.seasonal.iter())
        .filter(|s| in_season(s, date))
        .map(|s| s.text.as_str())
        .collect();
    if !in_season.is_empty()
        && date_rng(date, SEASONAL_NOW)
            .next_u64()
            .is_multiple_of(SEASONAL_ONE_IN)
    {
        let i = (date_rng(date, SEASONAL).next_u64() % in_season.len() as u64) as usize;
        return Some(in_season[i]);
    }
    line_of_the_day(&lines.arrive, date, ARRIVE)
}

/// Whether `date` falls in a seasonal line's days: from `from` to `to` ("MM-DD"), both
/// included, running over the new year when `to` comes before `from`. A day that cannot
/// be read is in no season.
pub fn in_season(season: &Seasonal, date: NaiveDate) -> bool {
    let (Some(from), Some(to)) = (month_day(&season.from), month_day(&season.to)) else {
        return false;
    };
    let today = (date.month(), date.day());
    if from <= to {
        from <= today && today <= to
    } else {
        today >= from || today <= to
    }
}

fn month_day(text: &str) -> Option<(u32, u32)> {
    let (m, d) = text.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    // 2024 has every day of the year, 29 February included.
    NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
}

/// The kind line shown above the question on a very distant or very stressful evening.
pub fn hard_evening_line(lines: &Lines, date: NaiveDate) -> &str {
    line_of_the_day(&lines.hard_evening, date, HARD_EVENING)
        .unwrap_or("This looks like a heavy evening. A word or two is plenty, or nothing at all.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn an_evening_lasts_until_four_in_the_morning() {
        let d = |s| evening_of(at(s));
        assert_eq!(
            d("2026-11-26T21:00:00+01:00"),
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        );
        assert_eq!(
            d("2026-11-27T00:30:00+01:00"),
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        );
        assert_eq!(
            d("2026-11-27T03:59:59+01:00"),
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        );
        assert_eq!(
            d("2026-11-27T04:00:00+01:00"),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        );
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn lines() -> Lines {
        crate::content::Library::bundled().lines
    }

    #[test]
    fn seasons_may_run_over_the_new_year() {
        let s = |from: &str, to: &str| Seasonal {
            from: from.into(),
            to: to.into(),
            text: String::new(),
        };
        let turn = s("12-20", "01-05");
        assert!(in_season(&turn, day(12, 20)) && in_season(&turn, day(12, 31)));
        assert!(in_season(&turn, day(1, 1)) && in_season(&turn, day(1, 5)));
        assert!(!in_season(&turn, day(1, 6)) && !in_season(&turn, day(12, 19)));
        let spring = s("03-15", "04-20");
        assert!(in_season(&spring, day(4, 1)) && !in_season(&spring, day(5, 1)));
        let leap = s("02-29", "03-01");
        assert!(in_season(
            &leap,
            NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()
        ));
        assert!(!in_season(&s("13-01", "14-01"), day(1, 1)));
    }

    #[test]
    fn milestones_greet_their_evening_and_seasons_now_and_then() {
        let lines = lines();
        let ten = lines.milestone.iter().find(|m| m.evening == 10).unwrap();
        assert_eq!(arrive_line(&lines, day(3, 3), 9), Some(ten.text.as_str()));
        assert_ne!(arrive_line(&lines, day(3, 3), 8), Some(ten.text.as_str()));
        assert_ne!(arrive_line(&lines, day(3, 3), 10), Some(ten.text.as_str()));
        // Over a winter, some evenings have a line of the season, most the day's own.
        let seasonal: Vec<&str> = lines.seasonal.iter().map(|s| s.text.as_str()).collect();
        let winter = (0..60).map(|i| day(12, 1) + Duration::days(i));
        let said = winter
            .filter(|&d| arrive_line(&lines, d, 30).is_some_and(|l| seasonal.contains(&l)))
            .count();
        assert!((8..35).contains(&said), "{said} of 60 winter evenings");
        // Never out of season.
        for i in 0..366 {
            let d = day(1, 1) + Duration::days(i);
            let line = arrive_line(&lines, d, 30).unwrap();
            if let Some(s) = lines.seasonal.iter().find(|s| s.text == line) {
                assert!(in_season(s, d), "{d}: {line}");
            }
        }
    }

    #[test]
    fn the_evening_is_local_time_wherever_the_person_is() {
        // 23:30 in Tokyo is 14:30 UTC: still the Tokyo evening, not the UTC afternoon.
        assert_eq!(
            evening_of(at("2026-11-26T23:30:00+09:00")),
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        );
    }
}
