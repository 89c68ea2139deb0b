//! Realistic sample journals, deterministic from a seed: for benchmarks, tests and the
//! whole-program measurements in the README (`cargo run --release --example make_journal`).
//!
//! Each evening's entry is generated from its own ChaCha8 stream, seeded from the seed and
//! the date, so the same seed gives the same journal on every machine, and a short journal
//! is the newest part of a longer one with the same seed and last evening.
//!
//! Entries look like years of real use: a reflection of about 150 words on average (from a
//! line to a few paragraphs), mostly English, sometimes with accents (French, Spanish,
//! German), now and then Japanese or Chinese, Arabic or Hebrew (right to left), and emoji;
//! an appreciation most evenings, outside stress on some, the follow-up of the act planned
//! the evening before, a small act (a bundled card by its real id, or the person's own
//! words), a star now and then, and now and then a prompt passed over for another.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::model::{Entry, Followup, Journal, Outcome, Reflection, SCHEMA_VERSION, SmallAct};
use crate::content::Library;

/// The last evening of a sample journal unless another is given: the evening before the
/// one the tests run on (2026-11-26), so "tonight" is still open.
pub fn last_evening() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("a valid date")
}

/// A journal of `entries` evenings, one per evening, ending on [`last_evening`].
pub fn journal(entries: usize, seed: u64) -> Journal {
    journal_until(entries, seed, last_evening(), &Library::bundled())
}

/// A journal of `entries` evenings, one per evening, the newest on `last`; prompts and card
/// ids come from `content`.
pub fn journal_until(entries: usize, seed: u64, last: NaiveDate, content: &Library) -> Journal {
    let words = Words::new(content);
    let first = last - Duration::days(entries as i64 - 1);
    let mut out = Vec::with_capacity(entries);
    for i in 0..entries {
        let date = first + Duration::days(i as i64);
        let followup = if i == 0 {
            None
        } else {
            small_act(seed, date - Duration::days(1), &words)
        };
        out.push(entry(seed, date, followup, &words));
    }
    let mut journal = Journal {
        version: SCHEMA_VERSION,
        entries: out.into_iter().map(Arc::new).collect(),
        ..Journal::default()
    };
    let mut rng = stream(seed, last, 0x5052_4546);
    let favourites = 2 + below(&mut rng, 6);
    for _ in 0..favourites {
        let id = &words.cards[below(&mut rng, words.cards.len())].0;
        if !journal.is_favourite(id) {
            journal.toggle_favourite(id);
        }
    }
    journal.preferences.love_languages = vec!["time".into(), "words".into()];
    journal
}

/// The prompts and cards entries refer to.
struct Words {
    prompts: Vec<(String, String)>,
    cards: Vec<(String, String)>,
}

impl Words {
    fn new(content: &Library) -> Words {
        let mut prompts: Vec<(String, String)> = content
            .prompts
            .iter()
            .map(|p| (p.id.clone(), p.text.clone()))
            .collect();
        if prompts.is_empty() {
            prompts.push(("own".into(), "What stayed with you from today?".into()));
        }
        let cards = content
            .cards
            .iter()
            .map(|c| (c.id.clone(), c.title.clone()))
            .collect();
        Words { prompts, cards }
    }
}

/// The generator of one purpose on one date. The sequence is ChaCha8's, fixed by the
/// seed alone, so it does not depend on the platform or on rand's distributions.
fn stream(seed: u64, date: NaiveDate, purpose: u64) -> ChaCha8Rng {
    let day = date.num_days_from_ce() as u64;
    ChaCha8Rng::seed_from_u64(
        seed.wrapping_mul(0x2545_F491_4F6C_DD1D)
            ^ day.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ purpose,
    )
}

/// A number in 0..n (n > 0).
fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    (rng.next_u64() % n as u64) as usize
}

/// True with probability `percent` in 100.
fn chance(rng: &mut ChaCha8Rng, percent: u64) -> bool {
    rng.next_u64() % 100 < percent
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items[below(rng, items.len())]
}

/// The act planned on `date`, if any: a card most evenings, the person's words on some.
fn small_act(seed: u64, date: NaiveDate, words: &Words) -> Option<SmallAct> {
    let mut rng = stream(seed, date, 0x0041_4354);
    match rng.next_u64() % 100 {
        0..70 if !words.cards.is_empty() => {
            let (id, title) = &words.cards[below(&mut rng, words.cards.len())];
            Some(SmallAct {
                card_id: Some(id.clone()),
                text: title.clone(),
            })
        }
        0..85 => Some(SmallAct {
            card_id: None,
            text: pick(&mut rng, OWN_ACTS).to_string(),
        }),
        _ => None,
    }
}

fn entry(seed: u64, date: NaiveDate, planned: Option<SmallAct>, words: &Words) -> Entry {
    let mut rng = stream(seed, date, 0x0045_4e54_5259);
    // Time zones people travel through; most evenings at home.
    let offset_hours = match rng.next_u64() % 20 {
        0 => 9,
        1 => -5,
        2 => 2,
        _ => 1,
    };
    let offset = FixedOffset::east_opt(offset_hours * 3600).expect("a valid offset");
    let minutes_after_nine = below(&mut rng, 200) as i64;
    let created: DateTime<FixedOffset> = offset
        .from_local_datetime(&date.and_hms_opt(21, 0, 0).expect("a valid time"))
        .single()
        .expect("a fixed offset has one local time")
        + Duration::minutes(minutes_after_nine);
    let updated = if chance(&mut rng, 10) {
        created + Duration::days(1 + below(&mut rng, 30) as i64)
    } else {
        created + Duration::minutes(2 + below(&mut rng, 6) as i64)
    };
    // Closeness drifts with the weeks and the seasons, with the day's own noise.
    let day = date.num_days_from_ce() as f64;
    let base = 4.6 + 1.1 * (day / 23.0).sin() + 0.6 * (day / 181.0).cos();
    let noise = below(&mut rng, 5) as f64 - 2.0;
    let closeness = (base + noise * 0.7).round().clamp(1.0, 7.0) as u8;
    let stress = chance(&mut rng, 60).then(|| 1 + below(&mut rng, 5) as u8);
    let followup = planned.map(|planned| Followup {
        planned,
        outcome: match rng.next_u64() % 10 {
            0..5 => Some(Outcome::Done),
            5..7 => Some(Outcome::Partly),
            7..9 => Some(Outcome::NotYet),
            _ => None,
        },
        noticed: if chance(&mut rng, 50) {
            let words = 8 + below(&mut rng, 30);
            sentences(&mut rng, words)
        } else {
            String::new()
        },
    });
    let reflection = chance(&mut rng, 92).then(|| {
        let (prompt_id, prompt) = &words.prompts[below(&mut rng, words.prompts.len())];
        Reflection {
            prompt_id: prompt_id.clone(),
            prompt: prompt.clone(),
            answer: reflection_text(&mut rng),
        }
    });
    let appreciation = chance(&mut rng, 75).then(|| {
        let mut text = pick(&mut rng, APPRECIATIONS).to_string();
        if chance(&mut rng, 40) {
            let words = 6 + below(&mut rng, 20);
            text.push(' ');
            text.push_str(&sentences(&mut rng, words));
        }
        text
    });
    let starred = chance(&mut rng, 6);
    let shown = shown(seed, date, reflection.as_ref(), words);
    Entry {
        date,
        created,
        updated,
        closeness,
        stress,
        followup,
        reflection,
        appreciation,
        small_act: small_act(seed, date, words),
        starred,
        together: None,
        shown,
    }
}

/// The prompts shown on `date` as the journal keeps them: now and then one passed over
/// before the one answered, or one shown and left unanswered. (A stream of its own, so
/// the rest of each evening is as it was before this was kept.)
fn shown(seed: u64, date: NaiveDate, answered: Option<&Reflection>, words: &Words) -> Vec<String> {
    let mut rng = stream(seed, date, 0x0053_484f_574e);
    let mut other = || {
        words.prompts[below(&mut rng, words.prompts.len())]
            .0
            .clone()
    };
    match answered {
        Some(r) if chance(&mut stream(seed, date, 0x5041_5353), 10) => {
            vec![other(), r.prompt_id.clone()]
        }
        Some(_) => Vec::new(),
        None => vec![other()],
    }
}

/// A reflection: 150 words on average, from a line to several paragraphs.
fn reflection_text(rng: &mut ChaCha8Rng) -> String {
    let target = match rng.next_u64() % 10 {
        0..2 => 15 + below(rng, 45),  // a line or two
        2..9 => 80 + below(rng, 120), // a good paragraph or two
        _ => 250 + below(rng, 250),   // a long evening
    };
    let mut text = sentences(rng, target);
    if chance(rng, 12) {
        text.push(' ');
        text.push_str(pick(rng, EMOJI));
    }
    text
}

/// Sentences until about `words` words, in paragraphs.
fn sentences(rng: &mut ChaCha8Rng, words: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut in_paragraph = 0;
    // Most people write in one language; some switch now and then.
    let voice = rng.next_u64() % 100;
    while count < words {
        let bank: &[&str] = match (voice, rng.next_u64() % 100) {
            (0..6, 0..80) => CJK,
            (6..9, 0..75) => RTL,
            (9..24, 0..60) => ACCENTED,
            (_, 0..3) => ACCENTED,
            (_, 3..4) => CJK,
            _ => ENGLISH,
        };
        let sentence = pick(rng, bank);
        if !out.is_empty() {
            if in_paragraph >= 3 && chance(rng, 30) {
                out.push_str("\n\n");
                in_paragraph = 0;
            } else {
                out.push(' ');
            }
        }
        out.push_str(sentence);
        if chance(rng, 4) {
            out.push(' ');
            out.push_str(pick(rng, EMOJI));
        }
        in_paragraph += 1;
        // A CJK sentence is counted by its characters, about two to a word.
        count += if bank == CJK {
            sentence.chars().count() / 2
        } else {
            sentence.split_whitespace().count()
        };
    }
    out
}

const ENGLISH: &[&str] = &[
    "We had dinner late because the train was delayed again, but we ate together at the small table by the window and talked about nothing in particular.",
    "I noticed that when I stopped checking my phone, the conversation slowed down in a good way.",
    "She told me about the meeting with her manager, and for once I didn't try to fix it; I just asked what the hardest part was.",
    "He made tea without asking and left it next to me while I was working, which is such a small thing and still made the evening feel softer.",
    "Today felt a bit distant.",
    "We were both tired and short with each other after the school run, and I think neither of us meant it.",
    "Later, on the sofa, we laughed about the neighbour's cat sitting on the recycling bin like a tiny judge.",
    "I want to remember how easy it was to walk to the bakery together on Saturday morning.",
    "It is strange how a ten-minute walk can change the whole mood of a day.",
    "I'm not sure what to write tonight, except that I felt seen when they remembered the name of my colleague.",
    "We argued a little about the holiday budget; afterwards I said I was sorry for my tone, and they said the same, and it was fine.",
    "The kids went to bed early, so we played cards and I lost three times in a row.",
    "I keep thinking about what they said about their father, and how long it took them to say it.",
    "There was a moment in the kitchen where we both reached for the same spoon and just started laughing.",
    "Work is heavy this month and I notice I bring it home with me.",
    "I asked about their day and actually listened to the answer, which I don't always do.",
    "We talked about moving closer to the coast one day, half serious, half dreaming.",
    "Nothing special happened, and honestly that was nice: a quiet evening, soup, a film we had both seen before.",
    "I was grumpy this morning and they gave me space without making it a thing.",
    "I sent a silly photo at lunch and got three laughing faces back.",
    "When I came home the hallway light was on for me, and the heating too.",
    "It rained all day and we stayed in, reading on opposite ends of the sofa with our feet touching.",
    "I felt lonely for a while this afternoon, even though they were in the next room.",
    "We finally fixed the wobbly shelf together, with more discussion than the shelf deserved.",
    "I noticed I wanted to be right more than I wanted to be close, and I let it go.",
    "They hummed while cooking, which always means a good day.",
    "Tomorrow is going to be long for both of us, so tonight we just held hands and didn't talk much.",
    "I told them about the dream I had, and instead of laughing they asked what I thought it meant.",
    "Some days I forget how much they carry that I don't see.",
    "We planned the weekend: market in the morning, nothing in the afternoon, and friends for dinner on Sunday.",
    "My mother called and it was hard; afterwards they sat with me for a bit without saying anything.",
    "I want to thank them more often for the invisible work, the bills, the reminders, the birthdays.",
    "It was our anniversary of the first date, and we went back to the same noodle place.",
    "I felt irritated about the dishes and then realised I was really just tired.",
    "They asked me how I was, twice, the second time meaning it, and I told the truth.",
    "We sat on the balcony until it got too cold and watched the planes come in.",
    "A good day overall, busy but light.",
    "I didn't do the small thing I planned, and that's okay; I'll try again tomorrow.",
    "The phone call with their sister went better than expected, and they were relieved all evening.",
    "I noticed the old pattern: I go quiet, they ask what's wrong, I say nothing. This time I explained.",
];

const ACCENTED: &[&str] = &[
    "On a mangé une crème brûlée à deux cuillères, et c'était parfait.",
    "Ce soir, j'ai eu l'impression qu'on était vraiment une équipe.",
    "Il m'a dit « merci d'être là » et je n'ai pas su quoi répondre, alors je l'ai serré dans mes bras.",
    "Hoy caminamos por el parque y hablamos de cuando nos conocimos en la estación.",
    "Me sentí un poco lejos de ella, pero después de la cena todo mejoró.",
    "Qué día más largo; aun así, compartimos un café con calma antes de dormir.",
    "Wir haben heute zusammen gekocht, und die Küche sah danach aus wie nach einem Sturm.",
    "Ich habe gemerkt, dass ich müde war und nicht wütend, und das habe ich auch gesagt.",
    "Sie hat mir zugehört, ohne gleich eine Lösung zu suchen. Das tat gut.",
    "Fizemos uma caminhada curta depois do jantar e foi o melhor momento do dia.",
    "Abbiamo riso tantissimo per una cosa stupida, come ai vecchi tempi.",
    "Zoë and Chloé came over for dinner and we stayed up too late talking about Zürich.",
    "The café on Rue Saint-Honoré was closed, so we had crêpes at home instead.",
];

const CJK: &[&str] = &[
    "今日は二人で散歩して、桜の話をしました。",
    "夕食のあと、彼がお茶を入れてくれて、とても嬉しかった。",
    "少し疲れていたけれど、話を聞いてもらえて気持ちが軽くなった。",
    "明日は忙しいので、今夜はゆっくり過ごしました。",
    "今天我们一起做了晚饭，聊了很多小时候的事情。",
    "她今天工作很累，我给她泡了一杯热茶。",
    "我们为了一件小事争吵，但很快就和好了。",
    "오늘은 함께 산책을 하면서 많이 웃었다.",
    "週末の予定を一緒に決めた。市場に行って、午後は何もしない。",
];

const RTL: &[&str] = &[
    "اليوم تحدثنا طويلا عن المستقبل، وشعرت بالقرب منه.",
    "شربنا الشاي معا بعد العشاء وكان المساء هادئا.",
    "היום הלכנו יחד לשוק וצחקנו הרבה.",
    "הוא הקשיב לי בלי להפריע, וזה היה חשוב לי.",
    "We said goodnight in Arabic like her grandmother used to: تصبحين على خير.",
];

const EMOJI: &[&str] = &[
    "🙂",
    "❤️",
    "☕",
    "🌧️",
    "😂",
    "🍜",
    "🌙",
    "👨‍👩‍👧",
    "🏳️‍🌈",
    "✨",
    "🙏🏽",
];

const APPRECIATIONS: &[&str] = &[
    "They made dinner when I was running late, which says they notice when I'm stretched thin.",
    "She remembered my appointment and asked how it went; she keeps track of what matters to me.",
    "He let me finish my story without checking his phone. Patient and present.",
    "They fixed the bike light before I even mentioned it. Thoughtful, quietly.",
    "She laughed at my terrible joke, generously.",
    "He apologised first after our argument, which takes courage.",
    "They called their grandmother on her birthday; I love how loyal they are.",
    "Elle a préparé le petit-déjeuner pour tout le monde, avec le sourire.",
    "She was honest about feeling overwhelmed instead of pretending she was fine.",
    "He carried the heavy bags up four floors and didn't make a thing of it.",
    "They defended me kindly in front of their brother.",
    "彼はいつも私の話を最後まで聞いてくれる。",
    "She sent me a song that reminded her of our first summer.",
];

const OWN_ACTS: &[&str] = &[
    "Leave a note in their coat pocket",
    "Make the coffee before they wake up",
    "Ask about the meeting and really listen",
    "Phone-free dinner, both of us",
    "Walk to the bakery together",
    "Send a photo of something that made me think of them",
    "Take the bins out without being asked",
    "Ask one question about their day and a follow-up",
    "Préparer son plat préféré",
    "A long hug when they come home",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_journal_and_short_ones_are_the_newest_part() {
        let content = Library::bundled();
        let long = journal_until(400, 7, last_evening(), &content);
        let again = journal_until(400, 7, last_evening(), &content);
        assert_eq!(long, again);
        let short = journal_until(100, 7, last_evening(), &content);
        // The first entry of the short journal has no evening before it to follow up.
        assert_eq!(short.entries[1..], long.entries[301..]);
        let other = journal_until(400, 8, last_evening(), &content);
        assert_ne!(long.entries, other.entries);
    }

    #[test]
    fn entries_look_like_years_of_real_use() {
        let content = Library::bundled();
        let j = journal_until(3650, 1, last_evening(), &content);
        assert_eq!(j.entries.len(), 3650);
        assert_eq!(j.entries.last().unwrap().date, last_evening());
        assert!(
            j.entries
                .windows(2)
                .all(|w| w[1].date - w[0].date == Duration::days(1))
        );
        let answers: Vec<&str> = j
            .entries
            .iter()
            .filter_map(|e| e.reflection.as_ref().map(|r| r.answer.as_str()))
            .collect();
        let words: usize = answers
            .iter()
            .map(|a| a.split_whitespace().count().max(a.chars().count() / 8))
            .sum();
        let mean = words / answers.len();
        assert!((120..=190).contains(&mean), "mean reflection words {mean}");
        let all: String = answers.concat();
        for (what, needle) in [
            ("accent", 'é'),
            ("CJK", '今'),
            ("RTL", 'ה'),
            ("emoji", '🙂'),
        ] {
            assert!(all.contains(needle), "no {what} text");
        }
        let starred = j.entries.iter().filter(|e| e.starred).count();
        assert!((100..400).contains(&starred), "starred {starred}");
        assert!(j.entries.iter().any(|e| e.stress.is_some()));
        assert!(j.entries.iter().any(|e| e.appreciation.is_some()));
        assert!(j.entries.iter().all(|e| (1..=7).contains(&e.closeness)));
        // Small acts name real cards, and each evening follows up the one before.
        for e in &j.entries {
            if let Some(id) = e.small_act.as_ref().and_then(|a| a.card_id.as_deref()) {
                assert!(content.card(id).is_some(), "unknown card {id}");
            }
        }
        for w in j.entries.windows(2) {
            assert_eq!(
                w[1].followup.as_ref().map(|f| &f.planned),
                w[0].small_act.as_ref()
            );
        }
        // A saved and re-read sample is the same journal.
        let json = serde_json::to_vec_pretty(&j).unwrap();
        let back = super::super::store::parse_journal("sample.json".as_ref(), &json).unwrap();
        assert_eq!(back, j);
    }
}
