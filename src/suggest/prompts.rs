//! Tonight's prompt, and the ones ctrl+n brings after it: a pure function of the library,
//! the prompts shown on earlier evenings (with their dates), the date, how many evenings
//! have been checked in, the evening's mood if known, the preferences and a seed.
//!
//! The rules, in the order they apply:
//!
//! 1. Only prompts that fit the couple ([`prompt_fits`]).
//! 2. For the first [`FIRST_EVENINGS`] evenings, light and medium prompts only, and none
//!    about a conflict. On an evening rated very distant (closeness 1 or 2) or very
//!    stressful (stress 4 or 5), no deep prompt and none about a conflict (the check-in
//!    shows a kind line from `lines.hard_evening` above the question).
//! 3. Prompts never shown come first, then the least recently shown. So while one that fits
//!    the evening has not been shown, none comes twice, in 365 evenings or any number.
//!    (Never shown means not in the last [`LOOK_BACK_EVENINGS`] evenings.)
//! 4. Among prompts shown equally long ago (all those never shown, above all), the depth the
//!    evening leans to comes first. From the 15th evening on, a growing share of evenings
//!    lean deep: a third of the content's own share of deep prompts at first, all of it by
//!    the [`FULL_MIX_BY`]th evening (about three months of evenings), spread evenly over
//!    the evenings; the others lean light and medium. That is the way the 36 questions of
//!    Aron et al. (1997) go from light to personal by degrees, over months rather than an
//!    hour.
//! 5. Then a shuffle fixed by the date and the seed, with light prompts a little more likely
//!    in the first evenings: the same all evening, on any machine.
//!
//! Nothing here reads a journal but through these inputs, so a linked couple's two machines
//! choose the same prompt when they pass the same history of prompts shown (their shared
//! one, in place of each person's own), the same count of evenings, the same preferences,
//! the same prompts and their shared seed.

use chrono::{Datelike, NaiveDate};

use super::{draw, prompt_fits};
use crate::content::{Depth, Library, Prompt, Tag};
use crate::journal::{Journal, Preferences};

/// For this many evenings checked in, light and medium prompts only.
pub const FIRST_EVENINGS: usize = 14;

/// By this evening, as many evenings lean deep as the content has deep prompts.
pub const FULL_MIX_BY: usize = 90;

/// How many earlier evenings the picker reads at most (or twice the number of prompts, if
/// that is more): a prompt not shown in that time counts as never shown. Far more than the
/// 365 evenings of the no-repeat rule, and it keeps a century of evenings as quick to
/// choose from as three years.
pub const LOOK_BACK_EVENINGS: usize = 1_000;

/// How the evening felt, as far as the person has said.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mood {
    /// Closeness, 1 (apart) to 7.
    pub closeness: Option<u8>,
    /// Outside stress, 1 (calm) to 5 (overwhelming).
    pub stress: Option<u8>,
}

impl Mood {
    /// Nothing said yet: an ordinary evening.
    pub const UNKNOWN: Mood = Mood {
        closeness: None,
        stress: None,
    };

    /// Rated very distant (1 or 2) or very stressful (4 or 5).
    pub fn hard(self) -> bool {
        self.closeness.is_some_and(|c| c <= 2) || self.stress.is_some_and(|s| s >= 4)
    }
}

/// What the picker knows of the evening it chooses for.
#[derive(Debug, Clone, Copy)]
pub struct Evening<'a> {
    pub date: NaiveDate,
    /// How many evenings were checked in before this one: this is evening `evenings + 1`.
    pub evenings: usize,
    pub mood: Mood,
    pub prefs: &'a Preferences,
    /// A linked couple's shared seed; `None` for one person's own journal.
    pub seed: Option<u64>,
}

impl<'a> Evening<'a> {
    /// An evening of one person's own journal: the evenings checked in before `date`, the
    /// journal's preferences, no seed.
    pub fn of(journal: &'a Journal, date: NaiveDate, mood: Mood) -> Evening<'a> {
        Evening {
            date,
            evenings: evenings_before(journal, date),
            mood,
            prefs: &journal.preferences,
            seed: None,
        }
    }

    /// Only light and medium prompts, none about a conflict: the first evenings, and hard
    /// ones.
    pub fn gentle_only(&self) -> bool {
        self.evenings < FIRST_EVENINGS || self.mood.hard()
    }

    /// Whether `prompt` may be offered on this evening at all (rules 1 and 2).
    pub fn allows(&self, prompt: &Prompt) -> bool {
        prompt_fits(prompt, self.prefs)
            && !(self.gentle_only() && (prompt.depth == Depth::Deep || prompt.has(Tag::Conflict)))
    }

    /// Whether this evening leans deep (rule 4), when `share` of the prompts that fit are
    /// deep. Decided by the evening's place alone (and the seed), never by the date, so it
    /// is the same whenever the evening is filled in.
    pub fn leans_deep(&self, share: f64) -> bool {
        let n = self.evenings + 1;
        let phase = match self.seed {
            Some(seed) => draw("", 0, seed, PHASE),
            None => 0.5,
        };
        (deep_evenings(n, share) + phase).floor() > (deep_evenings(n - 1, share) + phase).floor()
    }

    fn weight(&self, prompt: &Prompt) -> f64 {
        match prompt.depth {
            Depth::Light if self.evenings < FIRST_EVENINGS => 2.0,
            _ => 1.0,
        }
    }
}

/// The share of evening `n` (1-based) that leans deep, when `full` of the prompts are.
fn deep_share(n: usize, full: f64) -> f64 {
    if n <= FIRST_EVENINGS {
        return 0.0;
    }
    let ramp = (FULL_MIX_BY - FIRST_EVENINGS - 1) as f64;
    let along = ((n - FIRST_EVENINGS - 1) as f64 / ramp).min(1.0);
    full * (1.0 + 2.0 * along) / 3.0
}

/// How many of the first `n` evenings lean deep, as a running sum of their shares.
fn deep_evenings(n: usize, full: f64) -> f64 {
    let ramped: f64 = (1..=n.min(FULL_MIX_BY)).map(|j| deep_share(j, full)).sum();
    ramped + n.saturating_sub(FULL_MIX_BY) as f64 * full
}

/// Purposes of the draws, so that no two use the same numbers.
const SHUFFLE: u64 = 0x5052_4f4d_5054;
const PHASE: u64 = 0x0050_4841_5345;

/// How many evenings of `journal` come before `date`.
pub fn evenings_before(journal: &Journal, date: NaiveDate) -> usize {
    journal.entries.partition_point(|e| e.date < date)
}

/// The prompts shown on the evenings of `journal` before `date`, newest evening first, as
/// [`order`] reads them.
pub fn shown_before(journal: &Journal, date: NaiveDate) -> impl Iterator<Item = (NaiveDate, &str)> {
    journal.entries[..evenings_before(journal, date)]
        .iter()
        .rev()
        .flat_map(|e| e.shown_prompts().map(move |id| (e.date, id)))
}

/// The order of one person's own journal on `date`: [`order`] with its history.
pub fn for_journal(
    library: &Library,
    journal: &Journal,
    date: NaiveDate,
    mood: Mood,
) -> Vec<usize> {
    order(
        library,
        shown_before(journal, date),
        &Evening::of(journal, date, mood),
    )
}

/// The prompts in the order they are offered on `evening`, by their place in
/// `library.prompts`: the first is the evening's prompt, ctrl+n walks the rest. `shown` is
/// what earlier evenings showed, newest evening first, as (evening, prompt id): a person's
/// own ([`shown_before`]) or a linked couple's shared history. It is read only as far back
/// as it takes to find every prompt the evening allows, and never more than
/// [`LOOK_BACK_EVENINGS`] evenings, so a long history costs little.
pub fn order<'h>(
    library: &Library,
    shown: impl IntoIterator<Item = (NaiveDate, &'h str)>,
    evening: &Evening,
) -> Vec<usize> {
    let prompts = &library.prompts;
    let mut allowed: Vec<bool> = prompts.iter().map(|p| evening.allows(p)).collect();
    if !allowed.contains(&true) {
        // Content with nothing gentle enough (someone's own file alone): what fits, rather
        // than no question.
        allowed = prompts
            .iter()
            .map(|p| prompt_fits(p, evening.prefs))
            .collect();
    }
    if !allowed.contains(&true) {
        allowed = vec![true; prompts.len()];
    }

    let mut last: Vec<Option<NaiveDate>> = vec![None; prompts.len()];
    let mut missing = allowed.iter().filter(|&&a| a).count();
    let horizon = LOOK_BACK_EVENINGS.max(2 * prompts.len());
    let (mut evenings_read, mut previous) = (0, None);
    for (date, id) in shown {
        if date >= evening.date {
            continue;
        }
        if previous != Some(date) {
            previous = Some(date);
            evenings_read += 1;
            if evenings_read > horizon {
                break;
            }
        }
        let Some(i) = library.prompt_position(id) else {
            continue;
        };
        if last[i].is_none() && allowed[i] {
            missing -= 1;
        }
        if last[i].is_none_or(|d| d < date) {
            last[i] = Some(date);
        }
        if missing == 0 {
            break;
        }
    }

    let fitting = prompts.iter().filter(|p| prompt_fits(p, evening.prefs));
    let (deep, all) = fitting.fold((0usize, 0usize), |(d, a), p| {
        (d + usize::from(p.depth == Depth::Deep), a + 1)
    });
    let share = if all == 0 {
        0.0
    } else {
        deep as f64 / all as f64
    };
    let deep_tonight = !evening.gentle_only() && evening.leans_deep(share);

    let day = evening.date.num_days_from_ce() as u64;
    let seed = evening.seed.unwrap_or(0);
    let mut keyed: Vec<(Option<NaiveDate>, bool, f64, usize)> = (0..prompts.len())
        .filter(|&i| allowed[i])
        .map(|i| {
            let p = &prompts[i];
            let other_depth = (p.depth == Depth::Deep) != deep_tonight;
            let u = draw(&p.id, day, seed, SHUFFLE).max(f64::MIN_POSITIVE);
            // A weighted shuffle (Efraimidis and Spirakis): u^(1/w), largest first.
            (last[i], other_depth, u.powf(1.0 / evening.weight(p)), i)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then(b.2.total_cmp(&a.2))
            .then(a.3.cmp(&b.3))
    });
    keyed.into_iter().map(|(.., i)| i).collect()
}

/// Whether a prompt may be a linked couple's shared question: one of the bundled prompts
/// (the person's own file is on one machine only) with nothing that depends on how the two
/// live or what either asked for (each machine has its own settings).
pub fn fits_every_couple(library: &Library, i: usize) -> bool {
    let bundled = library.prompts.len().saturating_sub(library.user_prompts);
    let p = &library.prompts[i];
    i < bundled
        && ![
            Tag::AssumesSafety,
            Tag::SharedHome,
            Tag::Apart,
            Tag::Parents,
        ]
        .into_iter()
        .any(|t| p.has(t))
}

/// A linked couple's order on `date`: [`order`] over the couple's shared history (the
/// prompts of the evenings either of them shared, newest first; see
/// `link::partner::Partner::history`), their seed, the number of evenings in that history
/// and no one's settings, keeping only prompts that fit every couple. Nothing of either
/// person's own journal goes in, so both machines choose the same question. The question
/// both see is chosen with [`Mood::UNKNOWN`]; a hard evening passes its mood for a gentler
/// one (the same for both when both say so).
pub fn couple_order(
    library: &Library,
    history: &[(NaiveDate, String)],
    date: NaiveDate,
    seed: u64,
    mood: Mood,
) -> Vec<usize> {
    let prefs = Preferences::default();
    let before = history.iter().filter(|(d, _)| *d < date);
    let mut dates: Vec<NaiveDate> = before.clone().map(|(d, _)| *d).collect();
    dates.dedup();
    let evening = Evening {
        date,
        evenings: dates.len(),
        mood,
        prefs: &prefs,
        seed: Some(seed),
    };
    let all = order(library, before.map(|(d, id)| (*d, id.as_str())), &evening);
    let shared: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| fits_every_couple(library, i))
        .collect();
    if shared.is_empty() { all } else { shared }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(n)
    }

    #[test]
    fn a_hard_evening_is_very_distant_or_very_stressful() {
        let m = |closeness, stress| Mood { closeness, stress }.hard();
        assert!(m(Some(1), None) && m(Some(2), Some(1)) && m(None, Some(4)) && m(Some(6), Some(5)));
        assert!(!m(Some(3), Some(3)) && !m(None, None) && !m(Some(7), None));
    }

    #[test]
    fn deep_evenings_grow_from_none_to_the_contents_share() {
        let full = 0.2;
        assert_eq!(deep_evenings(FIRST_EVENINGS, full), 0.0);
        assert!((deep_share(FIRST_EVENINGS + 1, full) - full / 3.0).abs() < 1e-12);
        assert!((deep_share(FULL_MIX_BY, full) - full).abs() < 1e-12);
        assert!((deep_share(FULL_MIX_BY * 10, full) - full).abs() < 1e-12);
        let prefs = Preferences::default();
        let leaning = |from: usize, to: usize| {
            (from..to)
                .filter(|&evenings| {
                    Evening {
                        date: day(0),
                        evenings,
                        mood: Mood::UNKNOWN,
                        prefs: &prefs,
                        seed: None,
                    }
                    .leans_deep(full)
                })
                .count()
        };
        assert_eq!(leaning(0, FIRST_EVENINGS), 0);
        let (early, later) = (leaning(14, 44), leaning(200, 230));
        assert!(early < later, "{early} then {later} of 30");
        assert_eq!(later, 6);
    }

    #[test]
    fn the_order_depends_on_its_inputs_alone() {
        let lib = Library::bundled();
        let prefs = Preferences::default();
        let evening = Evening {
            date: day(100),
            evenings: 60,
            mood: Mood::UNKNOWN,
            prefs: &prefs,
            seed: Some(7),
        };
        let shown = [(day(99), lib.prompts[3].id.as_str())];
        let a = order(&lib, shown, &evening);
        assert_eq!(a, order(&lib, shown, &evening));
        assert_ne!(a[0], 3, "shown yesterday, so not first");
        assert!(a.contains(&3), "but still in the order, for ctrl+n");
        let other_seed = order(
            &lib,
            shown,
            &Evening {
                seed: Some(8),
                ..evening
            },
        );
        assert_ne!(a, other_seed);
    }

    #[test]
    fn two_machines_with_the_same_shared_history_and_seed_choose_the_same_prompt() {
        let lib = Library::bundled();
        let date = crate::journal::sample::last_evening() + Duration::days(1);
        // Two people's own journals: different lengths, different prompts shown.
        let mine = crate::journal::sample::journal(40, 1);
        let theirs = crate::journal::sample::journal(300, 2);
        let solo = |j: &Journal| for_journal(&lib, j, date, Mood::UNKNOWN)[0];
        assert_ne!(solo(&mine), solo(&theirs), "their own histories differ");
        // What the couple have shown each other since they linked: the same on both.
        let shared: Vec<(NaiveDate, &str)> = (1..=60)
            .map(|back| {
                let p = &lib.prompts[(back * 7) as usize % lib.prompts.len()];
                (date - Duration::days(back), p.id.as_str())
            })
            .collect();
        let couple = |j: &Journal, mood| {
            let evening = Evening {
                evenings: shared.len(),
                seed: Some(0x5eed),
                ..Evening::of(j, date, mood)
            };
            order(&lib, shared.iter().copied(), &evening)
        };
        for mood in [
            Mood::UNKNOWN,
            Mood {
                closeness: Some(2),
                stress: None,
            },
        ] {
            let (a, b) = (couple(&mine, mood), couple(&theirs, mood));
            assert_eq!(a, b);
            let first = lib.prompts[a[0]].id.as_str();
            assert!(
                shared.iter().all(|(_, id)| *id != first),
                "never shown to them"
            );
        }
        // Another couple's seed gives another evening.
        let other = Evening {
            evenings: shared.len(),
            seed: Some(0xbeef),
            ..Evening::of(&mine, date, Mood::UNKNOWN)
        };
        assert_ne!(
            order(&lib, shared.iter().copied(), &other),
            couple(&mine, Mood::UNKNOWN)
        );
    }

    #[test]
    fn never_shown_first_then_the_least_recently_shown() {
        let lib = Library::bundled();
        let prefs = Preferences::default();
        let evening = Evening {
            date: day(1000),
            evenings: 400,
            mood: Mood::UNKNOWN,
            prefs: &prefs,
            seed: None,
        };
        // Every prompt that fits shown once, on its own evening, newest first; all but two.
        let fitting: Vec<usize> = (0..lib.prompts.len())
            .filter(|&i| evening.allows(&lib.prompts[i]))
            .collect();
        let (unseen, shown) = fitting.split_at(2);
        let history: Vec<(NaiveDate, &str)> = shown
            .iter()
            .enumerate()
            .map(|(k, &i)| (day(999 - k as i64), lib.prompts[i].id.as_str()))
            .collect();
        let order = order(&lib, history.iter().copied(), &evening);
        let mut first_two = order[..2].to_vec();
        first_two.sort_unstable();
        assert_eq!(first_two, unseen);
        // Then the one shown longest ago, and so on.
        assert_eq!(order[2], *shown.last().unwrap());
        assert_eq!(order[3], shown[shown.len() - 2]);
        assert_eq!(*order.last().unwrap(), shown[0]);
    }

    #[test]
    fn a_prompt_not_shown_for_longer_than_the_look_back_counts_as_never_shown() {
        let lib = Library::bundled();
        let prefs = Preferences::default();
        let evening = Evening {
            date: day(5000),
            evenings: 4000,
            mood: Mood::UNKNOWN,
            prefs: &prefs,
            seed: None,
        };
        let light: Vec<usize> = (0..lib.prompts.len())
            .filter(|&i| evening.allows(&lib.prompts[i]) && lib.prompts[i].depth == Depth::Light)
            .collect();
        // Of two light prompts, the one the shuffle puts first when neither was shown.
        let fresh = order(&lib, [], &evening);
        let (a, c) = match fresh.iter().position(|&i| i == light[0])
            < fresh.iter().position(|&i| i == light[1])
        {
            true => (light[0], light[1]),
            false => (light[1], light[0]),
        };
        let others: Vec<usize> = (0..lib.prompts.len())
            .filter(|&i| i != a && i != c && evening.allows(&lib.prompts[i]))
            .collect();
        // Every other prompt shown lately; `a` once, long ago; `c` never.
        let history = |a_back: i64| -> Vec<(NaiveDate, &str)> {
            let mut h: Vec<(NaiveDate, &str)> = (1..a_back)
                .map(|back| {
                    let i = others[back as usize % others.len()];
                    (day(5000 - back), lib.prompts[i].id.as_str())
                })
                .collect();
            h.push((day(5000 - a_back), lib.prompts[a].id.as_str()));
            h
        };
        // Within the look-back: never shown first, then the least recently shown.
        assert_eq!(order(&lib, history(900), &evening)[..2], [c, a]);
        // Beyond it, `a` is as good as never shown, and the shuffle decides.
        let far = LOOK_BACK_EVENINGS as i64 + 100;
        assert_eq!(order(&lib, history(far), &evening)[..2], [a, c]);
    }
}
