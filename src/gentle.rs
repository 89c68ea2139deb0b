//! The gentle start-up helper: the words in an issue, as it is being written, that tend to
//! start a hard conversation harshly ("always", "never", "you are", "you never", blame),
//! and a softer way in. It only points them out: nothing is changed or refused.
//!
//! Words are matched whole and without regard to case: a word is a run of letters, digits
//! and apostrophes (straight or curly), so "Never!" and "NEVER" count and "nevertheless"
//! does not. Phrases of two or more words are matched before the words in them, so
//! "you never" is one finding, not "never" besides.

/// What kind of harsh start a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// "Always", "never": one moment made into a rule.
    Absolute,
    /// "You are", "you never": about the person, not what happened.
    You,
    /// Blame and name-calling.
    Blame,
}

/// One word or phrase found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// As it reads in the list (lower case, the phrase's own spelling).
    pub phrase: &'static str,
    pub kind: Kind,
    /// Where it is in the text (bytes), as typed.
    pub start: usize,
    pub end: usize,
}

/// The phrases looked for. Longer phrases come first.
const PHRASES: &[(&str, Kind)] = &[
    ("because of you", Kind::Blame),
    ("you make me", Kind::Blame),
    ("you made me", Kind::Blame),
    ("your fault", Kind::Blame),
    ("you never", Kind::You),
    ("you always", Kind::You),
    ("you are", Kind::You),
    ("you're", Kind::You),
    ("youre", Kind::You),
    ("you should", Kind::You),
    ("you don't care", Kind::You),
    ("always", Kind::Absolute),
    ("never", Kind::Absolute),
    ("constantly", Kind::Absolute),
    ("blame", Kind::Blame),
    ("fault", Kind::Blame),
    ("selfish", Kind::Blame),
    ("lazy", Kind::Blame),
    ("useless", Kind::Blame),
    ("stupid", Kind::Blame),
    ("ridiculous", Kind::Blame),
    ("pathetic", Kind::Blame),
    ("typical", Kind::Blame),
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// The words of `text`: (start, end, folded), in order.
fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (start, is_word_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let folded: String = text[s..i]
                    .chars()
                    .map(|c| if c == '’' { '\'' } else { c })
                    .flat_map(char::to_lowercase)
                    .collect();
                // An apostrophe at either end quotes the word; it is not part of it.
                let trimmed = folded.trim_matches('\'');
                if !trimmed.is_empty() {
                    let lead = text[s..i].len() - text[s..i].trim_start_matches(['\'', '’']).len();
                    let tail = text[s..i].len() - text[s..i].trim_end_matches(['\'', '’']).len();
                    out.push((s + lead, i - tail, trimmed.to_string()));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Every harsh word or phrase in `text`, in the order they come.
pub fn check(text: &str) -> Vec<Finding> {
    let words = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    'next: while i < words.len() {
        for &(phrase, kind) in PHRASES {
            let n = phrase.split(' ').count();
            if i + n <= words.len() && phrase.split(' ').zip(&words[i..]).all(|(p, w)| w.2 == p) {
                out.push(Finding {
                    phrase,
                    kind,
                    start: words[i].0,
                    end: words[i + n - 1].1,
                });
                i += n;
                continue 'next;
            }
        }
        i += 1;
    }
    out
}

/// The phrases found, each once, in the order first found.
pub fn distinct(findings: &[Finding]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for f in findings {
        if !out.contains(&f.phrase) {
            out.push(f.phrase);
        }
    }
    out
}

/// A softer start, as guidance for what was found (none when nothing was).
pub fn softer(findings: &[Finding]) -> Option<&'static str> {
    let has = |k: Kind| findings.iter().any(|f| f.kind == k);
    if findings.is_empty() {
        None
    } else if has(Kind::Blame) {
        Some(
            "say what happened and how it felt, not what is wrong with them: \
             “I feel hurt about the plans changing. I need us to decide together.”",
        )
    } else if has(Kind::You) {
        Some(
            "begin with “I”: “I feel … about … I need …” is easier to hear than a sentence about them.",
        )
    } else {
        Some("name one time, not every time: “On Tuesday, when …, I felt … I need …”")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&'static str> {
        check(text).into_iter().map(|f| f.phrase).collect()
    }

    #[test]
    fn the_four_named_starts_are_found() {
        assert_eq!(found("You always do this"), ["you always"]);
        assert_eq!(found("never again"), ["never"]);
        assert_eq!(found("you are late"), ["you are"]);
        assert_eq!(found("You never listen"), ["you never"]);
        assert_eq!(found("it is always the dishes"), ["always"]);
    }

    #[test]
    fn case_does_not_matter_and_words_are_whole() {
        assert_eq!(found("NEVER. Always!"), ["never", "always"]);
        assert_eq!(found("nevertheless, alwaysy, youare"), Vec::<&str>::new());
        assert_eq!(
            found("I feel tired about the week. I need rest."),
            Vec::<&str>::new()
        );
        assert_eq!(found("Yours are the best"), Vec::<&str>::new());
    }

    #[test]
    fn a_phrase_is_one_finding_not_its_words_as_well() {
        assert_eq!(found("you never call"), ["you never"]);
        assert_eq!(found("it's your fault"), ["your fault"]);
        assert_eq!(
            found("you\nnever"),
            ["you never"],
            "across a line break too"
        );
    }

    #[test]
    fn apostrophes_straight_or_curly() {
        assert_eq!(found("you're late"), ["you're"]);
        assert_eq!(found("You’re late"), ["you're"]);
        assert_eq!(found("'never'"), ["never"]);
        assert_eq!(found("you don’t care"), ["you don't care"]);
    }

    #[test]
    fn blame_words() {
        assert_eq!(
            found("so selfish, and lazy, I blame you"),
            ["selfish", "lazy", "blame"]
        );
    }

    #[test]
    fn positions_are_where_the_words_are_typed() {
        let text = "Zoë 💛 says: you NEVER ask";
        let f = check(text);
        assert_eq!(f.len(), 1);
        assert_eq!(&text[f[0].start..f[0].end], "you NEVER");
    }

    #[test]
    fn wide_characters_and_emoji_are_not_words_of_their_own() {
        assert_eq!(found("💛always💛"), ["always"]);
        assert_eq!(found("我觉得 never 累"), ["never"]);
        // A word run on into another script is another word.
        assert_eq!(found("never累"), Vec::<&str>::new());
        assert_eq!(
            found("ＮＥＶＥＲ"),
            Vec::<&str>::new(),
            "full-width letters are other letters"
        );
        assert_eq!(found("Ωmega always"), ["always"]);
        assert_eq!(found("👩‍❤️‍👨 you are 🎉"), ["you are"]);
    }

    #[test]
    fn each_phrase_listed_once_and_a_softer_start_offered() {
        let f = check("you never, you never, always");
        assert_eq!(distinct(&f), ["you never", "always"]);
        assert!(softer(&f).unwrap().contains("begin with “I”"));
        assert_eq!(softer(&[]), None);
        assert!(softer(&check("always")).unwrap().contains("one time"));
        assert!(softer(&check("lazy")).unwrap().contains("what happened"));
    }

    #[test]
    fn longer_phrases_come_before_the_words_in_them() {
        for (i, (p, _)) in PHRASES.iter().enumerate() {
            for (q, _) in &PHRASES[..i] {
                assert!(!p.contains(q), "{q} comes before {p}");
            }
        }
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics_and_every_finding_is_in_the_text(text in "\\PC{0,80}") {
                for f in check(&text) {
                    prop_assert!(f.start < f.end && f.end <= text.len());
                    prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                }
            }

            #[test]
            fn words_around_a_phrase_do_not_hide_it(
                before in "[a-z 💛,.]{0,12}",
                after in "[a-z 💛,.]{0,12}",
                upper in any::<bool>(),
            ) {
                let word = if upper { "NEVER" } else { "never" };
                let text = format!("{before} {word} {after}");
                prop_assert!(check(&text).iter().any(|f| &text[f.start..f.end] == word
                    || text[f.start..f.end].to_lowercase().ends_with("never")));
            }
        }
    }
}
