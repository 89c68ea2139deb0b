//! Reading the moments an entry was written (`created`, `updated`) quickly.
//!
//! chrono parses RFC 3339 with a general parser that accepts many forms; it is a tenth of
//! the time it takes to read a journal. nearer writes a few forms only
//! (`2026-11-26T21:30:00.123456789+01:00`, with or without the fraction, `Z` for UTC), so
//! those are read here by position, and any other form is left to chrono, exactly as before.
//! Either way the result is what chrono gives (a test compares the two on every form and on
//! a great many moments).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Deserializer};

/// For `#[serde(deserialize_with)]`: a moment as chrono reads it, in less time.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
    match parse_plain(&text) {
        Some(moment) => Ok(moment),
        None => text.parse().map_err(serde::de::Error::custom),
    }
}

/// `YYYY-MM-DDTHH:MM:SS`, then a fraction of up to nine digits or none, then `Z` or
/// `±HH:MM`: the forms nearer writes. `None` for anything else.
pub fn parse_plain(text: &str) -> Option<DateTime<FixedOffset>> {
    let b = text.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let n = |from: usize, len: usize| -> Option<u32> {
        b.get(from..from + len)?.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(n(0, 4)? as i32, n(5, 2)?, n(8, 2)?)?;
    let mut at = 19;
    let mut nanos = 0;
    if b[at] == b'.' {
        let digits = b[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        nanos = n(at + 1, digits)? * 10u32.pow(9 - digits as u32);
        at += 1 + digits;
    }
    // A leap second (60) is chrono's to read.
    let time = NaiveTime::from_hms_nano_opt(n(11, 2)?, n(14, 2)?, n(17, 2)?, nanos)?;
    let offset = match &b[at..] {
        [b'Z'] => FixedOffset::east_opt(0)?,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (hours, minutes) = (n(at + 1, 2)?, n(at + 4, 2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = (hours * 3600 + minutes * 60) as i32;
            if *sign == b'+' {
                FixedOffset::east_opt(seconds)?
            } else {
                FixedOffset::west_opt(seconds)?
            }
        }
        _ => return None,
    };
    offset.from_local_datetime(&date.and_time(time)).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrono(text: &str) -> Option<DateTime<FixedOffset>> {
        text.parse().ok()
    }

    #[test]
    fn the_plain_form_reads_as_chrono_reads_it() {
        for text in [
            "2026-11-26T21:30:00+01:00",
            "2026-11-26T21:30:00-05:30",
            "2026-11-26T00:00:00+00:00",
            "2026-11-26T23:59:59-00:00",
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-12:00",
            "2024-02-29T12:00:00+23:59",
            "2026-11-26T21:30:00Z",
            "2026-11-26T19:19:46.174211998Z",
            "2026-11-26T19:19:46.1+05:30",
            "2026-11-26T19:19:46.123456-08:00",
        ] {
            assert_eq!(parse_plain(text), chrono(text), "{text}");
            assert!(parse_plain(text).is_some(), "{text}");
        }
    }

    #[test]
    fn every_other_form_is_left_to_chrono() {
        for text in [
            "2026-11-26T21:30:00z",
            "2026-11-26T21:30:00.Z",
            "2026-11-26T21:30:00.1234567891Z",
            "2026-11-26T21:30:00,5+01:00",
            "2026-11-26 21:30:00+01:00",
            "2026-11-26t21:30:00+01:00",
            "2026-11-26T21:30:60+01:00",
            "2026-02-30T21:30:00+01:00",
            "2026-11-26T24:00:00+01:00",
            "2026-11-26T21:30:00+24:00",
            "2026-11-26T21:30:00+01:60",
            "+2026-11-26T21:30:00+01:00",
            "2026-11-26T21:30:00+0100",
            "2026-1a-26T21:30:00+01:00",
            "2026-11-26T21:30:00*01:00",
            "",
        ] {
            assert_eq!(parse_plain(text), None, "{text}");
        }
    }

    #[test]
    fn a_great_many_moments_read_as_chrono_reads_them() {
        // Every offset in quarter hours, and moments spread over four centuries.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed >> 33
        };
        for _ in 0..20_000 {
            let offset = (next() % 113) as i32 * 900 - 50_400;
            let offset = FixedOffset::east_opt(offset).unwrap();
            let secs = 946_684_800 + (next() as i64 % 12_000_000_000) - 6_000_000_000;
            let nanos = [0, 1_000_000, 1_000, 1][next() as usize % 4] * (next() as u32 % 1000);
            let moment = DateTime::from_timestamp(secs, nanos)
                .unwrap()
                .with_timezone(&offset);
            let text = serde_json::to_value(moment).unwrap();
            let text = text.as_str().unwrap();
            assert_eq!(parse_plain(text), Some(moment), "{text}");
            assert_eq!(chrono(text), Some(moment), "{text}");
        }
    }
}
