//! The scan held to a brute-force one: slices, narrowing, going back, changes, filters.

use super::*;
use crate::journal::{Reflection, SmallAct};
use chrono::{DateTime, Datelike};
use std::sync::Arc;

fn entry(day: u32, answer: &str) -> Entry {
    let date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
    let t = DateTime::parse_from_rfc3339("2026-03-01T21:00:00+01:00").unwrap();
    Entry {
        date,
        created: t,
        updated: t,
        closeness: 4,
        stress: None,
        followup: None,
        reflection: Some(Reflection {
            prompt_id: "p".into(),
            prompt: "What made you smile?".into(),
            answer: answer.into(),
        }),
        appreciation: None,
        small_act: None,
        starred: false,
        together: None,
        shown: Vec::new(),
    }
}

fn journal(texts: &[&str]) -> Journal {
    let mut j = Journal::default();
    for (i, t) in texts.iter().enumerate() {
        j.upsert(entry(i as u32 + 1, t));
    }
    j
}

/// A journal of one evening per text, on days running on from 1 January 2025 (more
/// than a month's worth, unlike `journal`).
fn evenings_from(texts: &[String]) -> Journal {
    let mut j = Journal::default();
    let first = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    for (i, text) in texts.iter().enumerate() {
        let mut e = entry(1, text);
        e.date = first + chrono::Days::new(i as u64);
        j.upsert(e);
    }
    j
}

fn rows(s: &Search, j: &Journal) -> Vec<NaiveDate> {
    (0..s.len(j)).filter_map(|i| s.row(j, i)).collect()
}

fn days(s: &Search, j: &Journal) -> Vec<u32> {
    rows(s, j).iter().map(Datelike::day).collect()
}

/// What a search must end with: every evening that passes the filters and holds every
/// word, folded on the spot, newest first.
fn brute_force(j: &Journal, q: &Query, f: &Filters, lib: &Library) -> Vec<NaiveDate> {
    j.entries
        .iter()
        .rev()
        .filter(|e| f.accepts(e, lib) && crate::find::entry::matches(q, e))
        .map(|e| e.date)
        .collect()
}

fn find(j: &Journal, q: &str) -> Vec<u32> {
    let lib = Library::default();
    let mut s = Search::default();
    s.set_query(Query::parse(q), j, &lib, 10);
    s.finish(j, &lib);
    let found = days(&s, j);
    if s.is_active() {
        let brute: Vec<u32> = brute_force(j, &s.query, &s.filters, &lib)
            .iter()
            .map(Datelike::day)
            .collect();
        assert_eq!(found, brute, "{q:?} as a brute-force scan finds it");
    }
    found
}

#[test]
fn accents_case_and_scripts() {
    let j = journal(&[
        "Coffee at the Café on the corner",
        "Καλημέρα, αγάπη μου. Μιλήσαμε για τις αγάπης μας",
        "桜を見に行った。がっこうの前で",
        "She laughed ❤️ and so did I 🫶🏽",
        "NAÏVE Ünïcödé",
    ]);
    assert_eq!(find(&j, "cafe"), vec![1]);
    assert_eq!(find(&j, "CAFÉ"), vec![1]);
    assert_eq!(find(&j, "καλημερα"), vec![2]);
    assert_eq!(find(&j, "ΑΓΆΠΗΣ"), vec![2]);
    assert_eq!(find(&j, "桜"), vec![3]);
    assert_eq!(find(&j, "がっこう"), vec![3]);
    assert!(
        find(&j, "かっこう").is_empty(),
        "a voiced mark in Japanese is not an accent"
    );
    assert_eq!(find(&j, "❤"), vec![4]);
    assert_eq!(find(&j, "❤️"), vec![4]);
    assert_eq!(find(&j, "🫶🏽"), vec![4]);
    assert_eq!(find(&j, "naive unicode"), vec![5]);
    assert_eq!(find(&j, "the"), vec![1]);
    assert_eq!(find(&j, "so did"), vec![4]);
    assert_eq!(
        find(&j, "smile"),
        vec![5, 4, 3, 2, 1],
        "the prompt as asked is searched too"
    );
    assert!(find(&j, "café zzz").is_empty(), "every word must be found");
}

#[test]
fn a_query_never_spans_two_fields() {
    let mut e = entry(1, "ends with tea");
    e.appreciation = Some("time together".into());
    let mut j = Journal::default();
    j.upsert(e);
    assert!(
        find(&j, "tea time").len() == 1,
        "two words, each in a field"
    );
    assert!(find(&j, "teatime").is_empty());
    assert!(
        find(&j, "tea\u{1F}time").len() == 1,
        "a control character is a space"
    );
}

#[test]
fn finding_an_evening_before_another() {
    // Every other day of March: the 1st, 3rd... 29th.
    let texts: Vec<String> = (0..15).map(|i| i.to_string()).collect();
    let mut j = Journal::default();
    for (i, t) in texts.iter().enumerate() {
        j.upsert(entry(2 * i as u32 + 1, t));
    }
    for below in 0..=j.entries.len() {
        for day in 1..=31 {
            let date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
            let want = j.entries[..below].iter().position(|e| e.date == date);
            assert_eq!(find_before(&j.entries, below, date), want, "{below} {day}");
        }
    }
}

#[test]
fn a_slice_at_a_time_ends_with_what_a_brute_force_scan_finds() {
    let texts: Vec<String> = (0..28)
        .map(|i| format!("Café number {i}, {}", ["tea", "walk", "Thé"][i % 3]))
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let j = journal(&refs);
    let lib = Library::default();
    let mut s = Search::default();
    // Want nothing yet: look at nothing.
    s.set_query(Query::parse("the"), &j, &lib, 0);
    assert_eq!(s.examined(), 0);
    assert!(s.is_scanning());
    // A slice of about five evenings' work at a time, newest first.
    let slice = 5 * (PER_EVENING + texts[0].len() + 30);
    let mut rounds = 0;
    while s.is_scanning() {
        let before = s.examined();
        s.run(&j, &lib, usize::MAX, slice);
        assert!(s.examined() - before <= 6, "a slice is a slice");
        rounds += 1;
        // What is found so far is the newest part of the whole.
        let so_far = rows(&s, &j);
        let all = brute_force(&j, &s.query, &s.filters, &lib);
        assert_eq!(so_far[..], all[..so_far.len()]);
        if s.is_scanning() {
            assert!(s.reached().is_some());
        }
    }
    assert!(rounds >= 5, "{rounds} slices");
    assert_eq!(s.examined(), 28, "each evening looked at once");
    assert_eq!(rows(&s, &j), brute_force(&j, &s.query, &s.filters, &lib));
    // "the" is in "Thé" (the accent goes), every third evening, and not in the prompt.
    assert_eq!(s.len(&j), 9);
}

#[test]
fn a_keystroke_looks_only_as_far_as_the_screen_needs() {
    let texts: Vec<String> = (0..500).map(|i| format!("walk {i}")).collect();
    let j = evenings_from(&texts);
    let lib = Library::default();
    let mut s = Search::default();
    s.set_query(Query::parse("walk"), &j, &lib, 30);
    assert_eq!(s.examined(), 30, "every evening matches: thirty looked at");
    assert_eq!(s.len(&j), 30);
    assert!(s.is_scanning());
    // Narrowing looks at what was found first.
    s.set_query(Query::parse("walk 4"), &j, &lib, 5);
    let found = rows(&s, &j);
    assert_eq!(found.len(), 5);
    assert!(s.examined() <= 30 + 30, "{}", s.examined());
    s.finish(&j, &lib);
    assert_eq!(rows(&s, &j), brute_force(&j, &s.query, &s.filters, &lib));
    assert_eq!(
        s.examined(),
        30 + 30 + 470,
        "each evening once per query after that"
    );
    // Going back takes up the shorter query where it was, and finishes it.
    s.set_query(Query::parse("walk"), &j, &lib, 30);
    assert_eq!(s.len(&j), 30);
    s.finish(&j, &lib);
    assert_eq!(s.len(&j), 500);
}

#[test]
fn narrowing_going_back_and_editing_agree_with_a_brute_force_scan() {
    let texts: Vec<String> = (0..60)
        .map(|i| {
            format!(
                "walk {} café {} tea",
                ["park", "river", "Parc", "rivière"][i % 4],
                i
            )
        })
        .collect();
    let j = evenings_from(&texts);
    let lib = Library::default();
    let mut s = Search::default();
    let check = |s: &mut Search, typed: &str, want: usize| {
        s.set_query(Query::parse(typed), &j, &lib, want);
        let all = brute_force(&j, &s.query, &s.filters, &lib);
        let so_far = rows(s, &j);
        assert_eq!(so_far[..], all[..so_far.len()], "so far, for {typed:?}");
        assert!(so_far.len() >= want.min(all.len()), "enough for {typed:?}");
        // Half the time, look on before the next key.
        if want.is_multiple_of(2) {
            s.finish(&j, &lib);
            assert_eq!(rows(s, &j), all, "for {typed:?}");
        }
    };
    let mut typed = String::new();
    for (n, ch) in "riviere 1".chars().enumerate() {
        typed.push(ch);
        check(&mut s, &typed, 3 + n);
    }
    while typed.pop().is_some() {
        let n = typed.len();
        check(&mut s, &typed, 2 + n);
    }
    // Edits in the middle: neither a narrowing nor a step back.
    for (n, typed) in [
        "river 12", "rivr 12", "rive 12", "park 1", "park 21", "pak 21", "tea",
    ]
    .into_iter()
    .enumerate()
    {
        check(&mut s, typed, 4 + n);
    }
    s.finish(&j, &lib);
    assert_eq!(rows(&s, &j), brute_force(&j, &s.query, &s.filters, &lib));
}

#[test]
fn results_follow_changes_to_the_journal() {
    // Apples every evening of March 1 to 20 but the 14th and 16th, pears.
    let texts: Vec<String> = (1..=20)
        .map(|i| match i {
            14 | 16 => format!("pear {i}"),
            _ => format!("apple {i}"),
        })
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let j = journal(&refs);
    let lib = Library::default();
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    for finished in [false, true] {
        let mut s = Search::default();
        // "apple" as far as the 9th; "apple 1" looks through those first, and stops
        // at the 19th: the 18th to the 9th are candidates still to look at.
        s.set_query(Query::parse("apple"), &j, &lib, 10);
        s.set_query(Query::parse("apple 1"), &j, &lib, 1);
        assert_eq!(rows(&s, &j), vec![day(19)]);
        if finished {
            s.finish(&j, &lib);
        }
        let mut j = j.clone();
        let set = |j: &mut Journal, d: u32, text: &str| {
            let i = j.entries.iter().position(|e| e.date == day(d)).unwrap();
            Arc::make_mut(&mut j.entries[i])
                .reflection
                .as_mut()
                .unwrap()
                .answer = text.into();
        };
        // Looked at already: no longer an apple.
        set(&mut j, 20, "pear");
        s.changed(day(20), &j, &lib);
        set(&mut j, 19, "pear");
        s.changed(day(19), &j, &lib);
        // Among the candidates still to look at: a pear that is an apple now.
        set(&mut j, 14, "crab apple 1");
        s.changed(day(14), &j, &lib);
        // Further back than anything looked at.
        set(&mut j, 2, "apple 1 crumble");
        s.changed(day(2), &j, &lib);
        // Gone, and added.
        j.remove(day(17));
        s.changed(day(17), &j, &lib);
        j.upsert(entry(31, "apple 1 tart"));
        s.changed(day(31), &j, &lib);
        s.finish(&j, &lib);
        let want = brute_force(&j, &s.query, &s.filters, &lib);
        assert_eq!(rows(&s, &j), want, "finished first: {finished}");
        assert_eq!(
            want,
            [31, 18, 15, 14, 13, 12, 11, 10, 2, 1].map(day).to_vec()
        );
        // And going back to "apple" finds the changes too.
        s.set_query(Query::parse("apple"), &j, &lib, 1);
        s.finish(&j, &lib);
        assert_eq!(rows(&s, &j), brute_force(&j, &s.query, &s.filters, &lib));
    }
}

#[test]
fn filters_narrow_matches() {
    let mut j = journal(&["one", "two", "three"]);
    Arc::make_mut(&mut j.entries[0]).starred = true;
    Arc::make_mut(&mut j.entries[2]).starred = true;
    Arc::make_mut(&mut j.entries[2]).appreciation = Some("kind".into());
    Arc::make_mut(&mut j.entries[1]).small_act = Some(SmallAct {
        card_id: None,
        text: "tea".into(),
    });
    let lib = Library::default();
    let mut s = Search::default();
    let mut set = |f: Filters| {
        s.set_filters(f, &j, &lib, 10);
        s.finish(&j, &lib);
        rows(&s, &j)
    };
    assert_eq!(
        set(Filters {
            starred: true,
            ..Filters::default()
        }),
        vec![j.entries[2].date, j.entries[0].date]
    );
    assert_eq!(
        set(Filters {
            starred: true,
            appreciation: Some(false),
            ..Filters::default()
        }),
        vec![j.entries[0].date]
    );
    assert_eq!(
        set(Filters {
            from: Some(j.entries[1].date),
            to: Some(j.entries[1].date),
            ..Filters::default()
        }),
        vec![j.entries[1].date]
    );
    assert_eq!(s.examined(), 3 + 3 + 1, "a date range looks only inside it");
    s.set_query(Query::parse("tea"), &j, &lib, 10);
    assert_eq!(rows(&s, &j), vec![j.entries[1].date]);
    s.set_query(Query::parse("one"), &j, &lib, 10);
    assert!(rows(&s, &j).is_empty());
    assert!(!s.is_scanning());
}

/// What a linked partner shared on `day` of March.
fn shared(day: u32, answer: &str) -> crate::link::SharedEvening {
    crate::link::SharedEvening {
        date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
        updated: DateTime::parse_from_rfc3339("2026-03-01T22:00:00+01:00").unwrap(),
        prompt_id: "p".into(),
        prompt: "What made you smile?".into(),
        answer: Some(answer.into()),
        closeness: Some(5),
        good_thing: Some("the tea".into()),
        small_act: None,
    }
}

#[test]
fn the_partners_shared_words_are_found_only_on_evenings_this_person_answered() {
    let mut j = journal(&["our own words", "more of ours"]);
    // Day 2 has no answer of this person's: blind, so what the partner shared of it is
    // not looked through.
    let mut closeness_only = entry(2, "");
    closeness_only.reflection = None;
    j.upsert(closeness_only);
    let content = Library::bundled();
    let mut s = Search::default();
    s.set_query(Query::parse("heron"), &j, &content, 10);
    s.finish(&j, &content);
    assert_eq!(s.len(&j), 0);
    let theirs = Arc::new(vec![
        shared(1, "a HERON by the pond"),
        shared(2, "another heron"),
    ]);
    assert!(
        s.set_shared(&theirs, &j, &content, 10),
        "new words: look again"
    );
    s.finish(&j, &content);
    let found: Vec<NaiveDate> = (0..s.len(&j)).filter_map(|i| s.row(&j, i)).collect();
    assert_eq!(found, vec![NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()]);
    // The same words again, read anew: nothing to look for again.
    assert!(!s.set_shared(&Arc::new((*theirs).clone()), &j, &content, 10));
    // Unlinked: gone from the results.
    assert!(s.set_shared(&Arc::default(), &j, &content, 10));
    s.finish(&j, &content);
    assert_eq!(s.len(&j), 0);
}
