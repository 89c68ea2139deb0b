use super::*;
use crate::journal::{Journal, SCHEMA_VERSION};

#[test]
fn the_key_scan_finds_unknown_fields_at_any_depth_and_only_those() {
    let t = chrono::DateTime::parse_from_rfc3339("2026-11-26T21:30:00+01:00").unwrap();
    let act = crate::journal::SmallAct {
        card_id: Some("c".into()),
        text: "t".into(),
    };
    let voice = crate::journal::together::Voice {
        name: "A".into(),
        closeness: 5,
        answer: Some("a".into()),
        good_thing: Some("g".into()),
        small_act: Some("s".into()),
        followup: Some(crate::journal::Outcome::Partly),
    };
    // Every field filled in, so a field added to the model without its key in
    // KNOWN_KEYS makes this test fail.
    let journal = Journal {
        version: SCHEMA_VERSION,
        preferences: crate::journal::Preferences {
            favourites: vec!["c".into()],
            love_languages: vec!["words".into()],
            on_my_own: true,
            about: crate::journal::About {
                my_name: Some("A".into()),
                partner_name: Some("B".into()),
                live_apart: true,
                children_at_home: true,
            },
            planned: Some(crate::journal::PlannedFor {
                date: t.date_naive(),
                act: act.clone(),
            }),
            quick_exit_keeps_nothing: true,
            sharing: crate::journal::Sharing {
                default: crate::journal::Share {
                    closeness: true,
                    answer: true,
                    good_thing: true,
                    small_act: true,
                },
                evenings: vec![crate::journal::ShareOn {
                    date: t.date_naive(),
                    closeness: true,
                    answer: true,
                    good_thing: true,
                    small_act: true,
                }],
            },
        },
        entries: vec![std::sync::Arc::new(crate::journal::Entry {
            date: t.date_naive(),
            created: t,
            updated: t,
            closeness: 4,
            stress: Some(2),
            followup: Some(crate::journal::Followup {
                planned: act.clone(),
                outcome: Some(crate::journal::Outcome::Done),
                noticed: "n".into(),
            }),
            reflection: Some(crate::journal::Reflection {
                prompt_id: "p".into(),
                prompt: "q".into(),
                answer: "{\"mood\": 1}".into(),
            }),
            appreciation: Some("a".into()),
            small_act: Some(act),
            starred: true,
            together: Some(crate::journal::together::Together {
                prompt_id: "p".into(),
                prompt: "q".into(),
                owner: voice.clone(),
                partner: voice,
                act_together: Some("t".into()),
            }),
            shown: vec!["p0".into(), "p".into()],
        })],
        talks: vec![crate::journal::together::Talk {
            date: t.date_naive(),
            at: t,
            kind: crate::journal::together::TalkKind::StressTalk,
            minutes: Some(10),
            note: Some("n".into()),
        }],
    };
    let bytes = serde_json::to_vec(&journal).unwrap();
    assert!(
        !has_unknown_keys(&bytes),
        "text that looks like JSON is only text"
    );
    let mut value: Value = serde_json::from_slice(&bytes).unwrap();
    value["entries"][0]["followup"]["planned"]["mood"] = Value::from(3);
    assert!(has_unknown_keys(&serde_json::to_vec(&value).unwrap()));
}

/// The journal as this nearer writes it, with the unknown fields of `file` put back.
fn put_back(file: &str, known: &Value) -> String {
    let extras = extras_of(file.as_bytes()).unwrap();
    serde_json::to_string(&extras.merged(known)).unwrap()
}

#[test]
fn extras_in_a_list_of_items_come_back_in_their_place() {
    let file = r#"{"version": 2, "entries": [],
        "talks": [{"date": "2026-11-01", "kind": "stress_talk", "mood": 1},
                  {"date": "2026-11-02", "kind": "state_of_us"},
                  {"date": "2026-11-03", "kind": "stress_talk", "deep": {"x": [1e400]}}]}"#;
    let known: Value = serde_json::json!({
        "version": 2, "entries": [],
        "talks": [{"date": "2026-11-01", "kind": "stress_talk"},
                  {"date": "2026-11-02", "kind": "state_of_us"},
                  {"date": "2026-11-03", "kind": "stress_talk"}]
    });
    let back = put_back(file, &known);
    assert!(back.contains(r#""mood":1"#), "{back}");
    assert!(
        back.contains(r#""deep":{"x": [1e400]}"#) || back.contains("1e400"),
        "{back}"
    );
    let first = back.find("2026-11-01").unwrap();
    let mood = back.find("mood").unwrap();
    let second = back.find("2026-11-02").unwrap();
    assert!(first < mood && mood < second, "in its own item: {back}");
}

#[test]
fn extras_round_trip_at_every_level() {
    let file = r#"{"version": 1, "mood_scale": "v2",
        "preferences": {"favourites": [], "theme": "dusk"},
        "entries": [{"date": "2026-11-01", "closeness": 3, "weather": "rain",
                     "reflection": {"prompt_id": "p", "prompt": "q", "answer": "a", "lang": "fr"}}]}"#;
    let known: Value = serde_json::json!({
        "version": 1, "preferences": {"favourites": []},
        "entries": [{"date": "2026-11-01", "closeness": 3,
                     "reflection": {"prompt_id": "p", "prompt": "q", "answer": "a"}}]
    });
    let back: Value = serde_json::from_str(&put_back(file, &known)).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(file).unwrap());
}

#[test]
fn odd_values_come_back_byte_for_byte() {
    let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
    let odd = [
        "123456789012345678901234567890",
        "1e400",
        "-0.0000000000000000000000000000000000001e-400",
        r#""\ud83d""#,
        r#""\udc00 and \ud83d\ude00""#,
        deep.as_str(),
        r#"{"a" : [1,2 ,  3], "b":{"c":{"d":null}}}"#,
    ];
    for value in odd {
        let file = format!(
            r#"{{"version": 1, "x": {value}, "preferences": {{"p": {value}}},
               "entries": [{{"date": "2026-11-01", "closeness": 3, "e": {value},
                             "reflection": {{"prompt_id": "p", "prompt": "q", "answer": "a", "r": {value}}}}}]}}"#
        );
        let known: Value = serde_json::json!({
            "version": 1, "preferences": {},
            "entries": [{"date": "2026-11-01", "closeness": 3,
                         "reflection": {"prompt_id": "p", "prompt": "q", "answer": "a"}}]
        });
        let back = put_back(&file, &known);
        for place in [
            format!(r#""x":{value}"#),
            format!(r#""p":{value}"#),
            format!(r#""e":{value}"#),
            format!(r#""r":{value}"#),
        ] {
            assert!(back.contains(&place), "{place} in {back}");
        }
    }
}

#[test]
fn the_key_scan_knows_exactly_the_keys_of_the_shapes() {
    fn keys(shape: &[(&'static str, Shape)], out: &mut Vec<&'static str>) {
        for (key, sub) in shape {
            out.push(key);
            match sub {
                Object(inner) | Items(inner) => keys(inner, out),
                Entries => keys(ENTRY, out),
                Leaf => {}
            }
        }
    }
    let mut all = Vec::new();
    keys(JOURNAL, &mut all);
    all.sort_unstable();
    all.dedup();
    let mut known = KNOWN_KEYS.to_vec();
    known.sort_unstable();
    assert_eq!(all, known);
}
