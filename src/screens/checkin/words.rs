//! Words for the evening it is: tonight's check-in speaks of today and tomorrow; filling in
//! an evening that has passed speaks of that day and the day after.

/// Put a question written for tonight into the past: "today" becomes "that day",
/// "tonight" "that evening", "tomorrow" "the day after", and so on, keeping capitals.
pub fn for_past(text: &str) -> String {
    const SWAPS: [(&str, &str); 8] = [
        ("this evening", "that evening"),
        ("this morning", "that morning"),
        ("tonight's", "that evening's"),
        ("today's", "that day's"),
        ("tomorrow's", "the next day's"),
        ("tonight", "that evening"),
        ("today", "that day"),
        ("tomorrow", "the day after"),
    ];
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    'outer: while !rest.is_empty() {
        let at_word_start = out
            .chars()
            .last()
            .is_none_or(|c| !c.is_alphanumeric() && c != '\'');
        if at_word_start {
            for (from, to) in SWAPS {
                if let Some(head) = rest.get(..from.len())
                    && head.eq_ignore_ascii_case(from)
                    && rest[from.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
                {
                    if head.starts_with(|c: char| c.is_uppercase()) {
                        let mut chars = to.chars();
                        if let Some(first) = chars.next() {
                            out.extend(first.to_uppercase());
                            out.push_str(chars.as_str());
                        }
                    } else {
                        out.push_str(to);
                    }
                    rest = &rest[from.len()..];
                    continue 'outer;
                }
            }
        }
        let ch = rest.chars().next().expect("not empty");
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    out
}

/// `tonight` for tonight's check-in, `past` for an evening that has passed.
pub fn pick(past: bool, tonight: &'static str, that_evening: &'static str) -> &'static str {
    if past { that_evening } else { tonight }
}

/// "five", "six": numbers a step count can be, in words.
pub fn number(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_for_tonight_read_right_for_a_past_evening() {
        assert_eq!(
            for_past("What was one moment today, however small, when being together felt easy?"),
            "What was one moment that day, however small, when being together felt easy?"
        );
        assert_eq!(
            for_past("Today, what did you notice? Tonight's mood? Tomorrow."),
            "That day, what did you notice? That evening's mood? The day after."
        );
        // Only whole words.
        assert_eq!(for_past("todays todayish"), "todays todayish");
        assert_eq!(
            for_past("Plan for tomorrow's walk"),
            "Plan for the next day's walk"
        );
        assert_eq!(for_past("Zoë, 你好 today"), "Zoë, 你好 that day");
    }
}
