//! Journals for the looking-back tests: a small hand-written one whose figures can be
//! checked by hand, and large generated ones (years of evenings) for speed and for trying
//! the screens in a terminal.
#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate};
use nearer::content::Library;
use nearer::journal::together::{Talk, TalkKind, Together, Voice};
use nearer::journal::{Entry, Followup, Journal, Outcome, Reflection, SmallAct};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn plain(date: NaiveDate, closeness: u8) -> Entry {
    let t = DateTime::parse_from_rfc3339(&format!("{}T21:30:00+01:00", date.format("%Y-%m-%d")))
        .unwrap();
    Entry {
        date,
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

fn reflection(prompt: &str, answer: &str) -> Option<Reflection> {
    Some(Reflection {
        prompt_id: "wc-easy-moment".into(),
        prompt: prompt.into(),
        answer: answer.into(),
    })
}

fn card(id: &str, title: &str) -> Option<SmallAct> {
    Some(SmallAct {
        card_id: Some(id.into()),
        text: title.into(),
    })
}

/// November 2026 up to Thursday the 26th (the tests' evening), with gaps, plus the evening
/// a month before (26 October) and a year before (26 November 2025).
///
/// date        close stress appreciation  planned (for the next day)     told next day
/// 2025-11-26    6     -     yes           -                              -
/// 2026-10-26    3     -     -             -                              -
/// 2026-11-02    4     2     yes           proper-welcome                 -
/// 2026-11-03    5     -     -             -                              yes
/// 2026-11-05    3     4     yes           own words "tea in bed"         -
/// 2026-11-06    4     -     -             -                              partly
/// 2026-11-10    5     1     yes           phone-free-landing             -
/// 2026-11-11    6     -     yes           -                              yes
/// 2026-11-16    2     5     -             -                              -
/// 2026-11-17    4     3     yes           -                              -
/// 2026-11-20    5     -     yes ★         three-breath-arrival           -
/// 2026-11-23    6     2     yes           -                              -
/// 2026-11-24    5     -     -             proper-welcome                 -
/// 2026-11-25    7     1     yes ★         own words "a note on the mirror" yes
pub fn november() -> Journal {
    let mut j = Journal::default();
    let prompt = "What was one moment today, however small, when being together felt easy?";

    let mut e = plain(day(2025, 11, 26), 6);
    e.reflection = reflection(
        prompt,
        "Walking home in the first snow, we didn't need to talk.",
    );
    e.appreciation = Some("She carried both bags without a word.".into());
    j.upsert(e);

    let mut e = plain(day(2026, 10, 26), 3);
    e.reflection = reflection(prompt, "A quiet day. We were both tired after the trip.");
    j.upsert(e);

    let mut e = plain(day(2026, 11, 2), 4);
    e.stress = Some(2);
    e.reflection = reflection(
        prompt,
        "Coffee at the Café Lumière before work, ten minutes, just us.",
    );
    e.appreciation = Some("He remembered my meeting and asked how it went.".into());
    e.small_act = card("proper-welcome", "A proper welcome");
    j.upsert(e);

    let mut e = plain(day(2026, 11, 3), 5);
    e.followup = Some(Followup {
        planned: SmallAct {
            card_id: Some("proper-welcome".into()),
            text: "A proper welcome".into(),
        },
        outcome: Some(Outcome::Done),
        noticed: "He laughed and hugged me longer than usual.".into(),
    });
    e.reflection = reflection(
        prompt,
        "Καλημέρα στο μπαλκόνι, με τον ήλιο. Μιλήσαμε για τις διακοπές.",
    );
    j.upsert(e);

    let mut e = plain(day(2026, 11, 5), 3);
    e.stress = Some(4);
    e.reflection = reflection(prompt, "Not much felt easy. Work pressed on both of us.");
    e.appreciation = Some("She made soup when I came home late.".into());
    e.small_act = Some(SmallAct {
        card_id: None,
        text: "tea in bed".into(),
    });
    j.upsert(e);

    let mut e = plain(day(2026, 11, 6), 4);
    e.followup = Some(Followup {
        planned: SmallAct {
            card_id: None,
            text: "tea in bed".into(),
        },
        outcome: Some(Outcome::Partly),
        noticed: String::new(),
    });
    e.reflection = reflection(prompt, "桜の写真を一緒に見た。がっこうの話をした。");
    j.upsert(e);

    let mut e = plain(day(2026, 11, 10), 5);
    e.stress = Some(1);
    e.reflection = reflection(prompt, "Cooking together ❤️ and singing badly.");
    e.appreciation = Some("He danced with the spatula.".into());
    e.small_act = card("phone-free-landing", "A screen-free landing");
    j.upsert(e);

    let mut e = plain(day(2026, 11, 11), 6);
    e.followup = Some(Followup {
        planned: SmallAct {
            card_id: Some("phone-free-landing".into()),
            text: "A screen-free landing".into(),
        },
        outcome: Some(Outcome::Done),
        noticed: "Twenty minutes without phones felt like an evening.".into(),
    });
    e.reflection = reflection(prompt, "The walk by the river after dinner.");
    e.appreciation = Some("She listened to the whole story about my brother.".into());
    j.upsert(e);

    let mut e = plain(day(2026, 11, 16), 2);
    e.stress = Some(5);
    e.reflection = reflection(
        prompt,
        "A hard day. We snapped at each other about the car.",
    );
    j.upsert(e);

    let mut e = plain(day(2026, 11, 17), 4);
    e.stress = Some(3);
    e.reflection = reflection(prompt, "We said sorry over breakfast. Better.");
    e.appreciation = Some("He apologised first, and meant it.".into());
    j.upsert(e);

    let mut e = plain(day(2026, 11, 20), 5);
    e.reflection = reflection(prompt, "Friday film night, naïve plot, great popcorn.");
    e.appreciation = Some("She booked the tickets as a surprise.".into());
    e.small_act = card("three-breath-arrival", "Three breaths at the door");
    e.starred = true;
    j.upsert(e);

    let mut e = plain(day(2026, 11, 23), 6);
    e.stress = Some(2);
    e.reflection = reflection(prompt, "Sunday market, we bought too many apples.");
    e.appreciation = Some("He carried the heavy bag up the hill.".into());
    j.upsert(e);

    let mut e = plain(day(2026, 11, 24), 5);
    e.reflection = reflection(prompt, "Quiet evening reading side by side.");
    e.small_act = card("proper-welcome", "A proper welcome");
    j.upsert(e);

    let mut e = plain(day(2026, 11, 25), 7);
    e.stress = Some(1);
    e.followup = Some(Followup {
        planned: SmallAct {
            card_id: Some("proper-welcome".into()),
            text: "A proper welcome".into(),
        },
        outcome: Some(Outcome::Done),
        noticed: "She noticed right away and smiled.".into(),
    });
    e.reflection = reflection(
        prompt,
        "We laughed about the café on the corner that never opens.\nThen we planned the winter trip, and it felt like a team again.",
    );
    e.appreciation = Some("She stayed up to hear about my day 🫶🏽".into());
    e.small_act = Some(SmallAct {
        card_id: None,
        text: "a note on the mirror".into(),
    });
    e.starred = true;
    j.upsert(e);
    j
}

/// A tiny deterministic generator (xorshift), so generated journals are the same everywhere.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const OPENINGS: &[&str] = &[
    "We walked to the bakery and",
    "After dinner we",
    "On the phone at lunch we",
    "In the car we",
    "Before bed we",
    "At the market we",
    "Over coffee at the café we",
    "On the balcony we",
];
const MIDDLES: &[&str] = &[
    "talked about the garden",
    "laughed about the cat",
    "planned the weekend",
    "sat quietly for a while",
    "remembered our first trip to Zürich",
    "argued a little about money, then made up",
    "cooked something new",
    "listened to old songs",
    "μιλήσαμε για το καλοκαίρι",
    "桜の話をした",
    "shared a piece of good news ❤️",
    "read side by side",
];
const ENDINGS: &[&str] = &[
    ". It felt easy.",
    ". I felt seen.",
    ", and it was enough.",
    ". We were both tired.",
    ", then went to bed early.",
    ". A good day, mostly.",
];
const APPRECIATIONS: &[&str] = &[
    "made tea without asking",
    "remembered my appointment",
    "listened to the whole story",
    "fixed the bike",
    "sent a kind message at noon",
    "held my hand on the walk",
    "cooked my favourite soup",
    "let me sleep in",
];

/// `days` evenings ending on `last`, with about one in seven missed, varied text in a few
/// scripts, stress on about half, stars on a few, and small acts followed up the next day.
pub fn generated(days: i64, last: NaiveDate, seed: u64) -> Journal {
    let content = Library::bundled();
    let mut rng = Rng(seed | 1);
    let mut j = Journal::default();
    let first = last - Duration::days(days - 1);
    let mut closeness: i64 = 4;
    let mut planned_yesterday: Option<SmallAct> = None;
    let mut entries = Vec::with_capacity(days as usize);
    for i in 0..days {
        let date = first + Duration::days(i);
        if rng.below(7) == 0 {
            planned_yesterday = None;
            continue;
        }
        closeness = (closeness + rng.below(3) as i64 - 1).clamp(1, 7);
        let mut e = plain(date, closeness as u8);
        if rng.below(2) == 0 {
            e.stress = Some(rng.below(5) as u8 + 1);
        }
        let prompt = rng.pick(&content.prompts);
        e.reflection = Some(Reflection {
            prompt_id: prompt.id.clone(),
            prompt: prompt.text.clone(),
            answer: format!(
                "{} {}{}",
                rng.pick(OPENINGS),
                rng.pick(MIDDLES),
                rng.pick(ENDINGS)
            ),
        });
        if rng.below(5) < 3 {
            e.appreciation = Some(format!("They {}.", rng.pick(APPRECIATIONS)));
        }
        if let Some(p) = planned_yesterday.take() {
            let outcome = *rng.pick(&[
                Some(Outcome::Done),
                Some(Outcome::Partly),
                Some(Outcome::NotYet),
                None,
            ]);
            e.followup = Some(Followup {
                planned: p,
                outcome,
                noticed: String::new(),
            });
        }
        if rng.below(2) == 0 {
            let card = rng.pick(&content.cards);
            let act = SmallAct {
                card_id: Some(card.id.clone()),
                text: card.title.clone(),
            };
            planned_yesterday = Some(act.clone());
            e.small_act = Some(act);
        }
        e.starred = rng.below(20) == 0;
        entries.push(e);
    }
    j.entries = entries.into_iter().map(std::sync::Arc::new).collect();
    j
}

/// A together evening's voice.
pub fn voice(name: &str, closeness: u8, answer: &str, good: &str, act: &str) -> Voice {
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Voice {
        name: name.into(),
        closeness,
        answer: some(answer),
        good_thing: some(good),
        small_act: some(act),
        followup: None,
    }
}

pub fn talk(date: NaiveDate, kind: TalkKind, minutes: Option<u32>, note: &str) -> Talk {
    Talk {
        date,
        at: DateTime::parse_from_rfc3339(&format!("{}T21:10:00+01:00", date.format("%Y-%m-%d")))
            .unwrap(),
        kind,
        minutes,
        note: (!note.is_empty()).then(|| note.to_string()),
    }
}

/// [`november`] with two together evenings and three talks, Sam (the owner) and Alex:
///
/// date        what
/// 2026-11-21  no entry; a stress-reducing conversation (noted "the landlord's letter")
/// 2026-11-22  together only: Sam 5, Alex 3; Sam's words kept, Alex kept only the rating;
///             a State of us, no note
/// 2026-11-24  (solo, as in november) a stress-reducing conversation, 10 minutes a turn,
///             noted "Alex's deadline and the printer"
/// 2026-11-25  solo (as in november) and together: Sam 6, Alex 4, both answered, good
///             things, acts, and one to do together
pub fn together() -> Journal {
    let mut j = november();
    j.preferences.about.my_name = Some("Sam".into());
    j.preferences.about.partner_name = Some("Alex".into());
    let prompt = "What is one thing you'd like more of this winter?";

    let mut e = plain(day(2026, 11, 22), 5);
    e.small_act = Some(SmallAct {
        card_id: None,
        text: "bring Alex a coffee".into(),
    });
    e.together = Some(Together {
        prompt_id: "winter-more".into(),
        prompt: prompt.into(),
        owner: voice(
            "Sam",
            5,
            "Slow Sunday mornings with the radio on.",
            "Alex fixed the wobbly chair without being asked.",
            "bring Alex a coffee",
        ),
        partner: voice("Alex", 3, "", "", ""),
        act_together: None,
    });
    j.upsert(e);

    let mut e = j.entry(day(2026, 11, 25)).unwrap().clone();
    e.together = Some(Together {
        prompt_id: "winter-more".into(),
        prompt: prompt.into(),
        owner: voice(
            "Sam",
            6,
            "Walks in the dark with the lanterns out.",
            "Alex made the whole flat smell of cardamom.",
            "leave a note in Alex's coat",
        ),
        partner: voice(
            "Alex",
            4,
            "Evenings at the piano, even badly played.",
            "Sam waited up with the kettle warm.",
            "a playlist for Sam's commute",
        ),
        act_together: Some("skate on the frozen pond".into()),
    });
    j.upsert(e);

    j.talks = vec![
        talk(
            day(2026, 11, 21),
            TalkKind::StressTalk,
            Some(8),
            "the landlord's letter",
        ),
        talk(day(2026, 11, 22), TalkKind::StateOfUs, None, ""),
        talk(
            day(2026, 11, 24),
            TalkKind::StressTalk,
            Some(10),
            "Alex's deadline and the printer",
        ),
    ];
    j
}
