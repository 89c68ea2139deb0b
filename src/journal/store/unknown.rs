//! Fields a journal file holds that this nearer does not know (written by a newer nearer,
//! or added by hand): found, and put back at every save.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::super::model::Journal;
use super::read::without_bom;

/// The fields of a journal file (known to parse) that this nearer does not know. Reading
/// the file as a tree and comparing costs about four times a plain read, so it is done
/// once, at the first save, on the save thread, not while the app starts.
pub(super) fn extras_of(bytes: &[u8]) -> Extras {
    let Ok(value) = serde_json::from_slice::<Value>(without_bom(bytes)) else {
        return Extras::default();
    };
    let Ok(journal) = Journal::deserialize(&value) else {
        return Extras::default();
    };
    match (&value, serde_json::to_value(&journal)) {
        (Value::Object(file), Ok(Value::Object(known))) => Extras::diff(file, &known),
        _ => Extras::default(),
    }
}

/// Every key a journal written by this nearer can hold, at any level.
pub(super) const KNOWN_KEYS: &[&str] = &[
    "version",
    "preferences",
    "entries",
    "favourites",
    "love_languages",
    "solo_only",
    "planned",
    "act",
    "date",
    "created",
    "updated",
    "closeness",
    "stress",
    "followup",
    "reflection",
    "appreciation",
    "small_act",
    "starred",
    "prompt_id",
    "prompt",
    "answer",
    "card_id",
    "text",
    "outcome",
    "noticed",
];

/// Whether a journal file (known to parse) has an object key this nearer does not know.
/// It walks the JSON without keeping it, so it costs a fraction of a parse and no memory.
pub(super) fn has_unknown_keys(bytes: &[u8]) -> bool {
    use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use std::borrow::Cow;

    struct Scan<'a>(&'a mut bool);

    impl<'de> DeserializeSeed<'de> for Scan<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Scan<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                if !KNOWN_KEYS.contains(&key.as_ref()) {
                    *self.0 = true;
                    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                    return Ok(());
                }
                map.next_value_seed(Scan(self.0))?;
            }
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element_seed(Scan(self.0))?.is_some() {}
            Ok(())
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    }

    let mut found = false;
    let mut de = serde_json::Deserializer::from_slice(without_bom(bytes));
    // A file that does not walk cleanly is given the careful treatment.
    Scan(&mut found).deserialize(&mut de).is_err() || found
}

/// The unknown fields of the journal as it was read: still to be worked out from the file's
/// bytes, or known.
#[derive(Debug)]
pub(super) enum Unknown {
    Unread(Vec<u8>),
    Known(Extras),
}

/// Fields a journal file holds that this nearer does not know, so a save can put them back
/// instead of dropping them: at the top, in nested objects, and in each entry (matched by
/// its date). A field counts as unknown when it is in the file but not in the journal as
/// this nearer writes it back.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Extras {
    fields: Map<String, Value>,
    nested: BTreeMap<String, Extras>,
    /// Per entry, by date.
    entries: BTreeMap<String, Extras>,
}

impl Extras {
    pub(super) fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.nested.is_empty() && self.entries.is_empty()
    }

    fn diff(file: &Map<String, Value>, known: &Map<String, Value>) -> Extras {
        let mut extras = Extras::default();
        for (key, value) in file {
            match (value, known.get(key)) {
                (_, None) => {
                    extras.fields.insert(key.clone(), value.clone());
                }
                (Value::Object(f), Some(Value::Object(k))) => {
                    let sub = Extras::diff(f, k);
                    if !sub.is_empty() {
                        extras.nested.insert(key.clone(), sub);
                    }
                }
                (Value::Array(f), Some(Value::Array(k))) if key == "entries" => {
                    for (fe, ke) in f.iter().zip(k) {
                        if let (Value::Object(fe), Value::Object(ke)) = (fe, ke)
                            && let Some(Value::String(date)) = fe.get("date")
                        {
                            let sub = Extras::diff(fe, ke);
                            if !sub.is_empty() {
                                extras.entries.insert(date.clone(), sub);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        extras
    }

    pub(super) fn apply(&self, target: &mut Map<String, Value>) {
        for (key, value) in &self.fields {
            if !target.contains_key(key) {
                target.insert(key.clone(), value.clone());
            }
        }
        for (key, sub) in &self.nested {
            if let Some(Value::Object(t)) = target.get_mut(key) {
                sub.apply(t);
            }
        }
        if !self.entries.is_empty()
            && let Some(Value::Array(entries)) = target.get_mut("entries")
        {
            for entry in entries {
                if let Value::Object(e) = entry
                    && let Some(Value::String(date)) = e.get("date")
                    && let Some(sub) = self.entries.get(date.as_str())
                {
                    sub.apply(e);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::SCHEMA_VERSION;

    #[test]
    fn the_key_scan_finds_unknown_fields_at_any_depth_and_only_those() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-26T21:30:00+01:00").unwrap();
        let act = crate::journal::SmallAct {
            card_id: Some("c".into()),
            text: "t".into(),
        };
        // Every field filled in, so a field added to the model without its key in
        // KNOWN_KEYS makes this test fail.
        let journal = Journal {
            version: SCHEMA_VERSION,
            preferences: crate::journal::Preferences {
                favourites: vec!["c".into()],
                love_languages: vec!["words".into()],
                solo_only: true,
                planned: Some(crate::journal::PlannedFor {
                    date: t.date_naive(),
                    act: act.clone(),
                }),
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
            })],
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

    #[test]
    fn extras_round_trip_at_every_level() {
        let file: Value = serde_json::json!({
            "version": 1, "mood_scale": "v2",
            "preferences": {"favourites": [], "theme": "dusk"},
            "entries": [{"date": "2026-11-01", "closeness": 3, "weather": "rain",
                         "reflection": {"prompt_id": "p", "prompt": "q", "answer": "a", "lang": "fr"}}]
        });
        let known: Value = serde_json::json!({
            "version": 1, "preferences": {"favourites": []},
            "entries": [{"date": "2026-11-01", "closeness": 3,
                         "reflection": {"prompt_id": "p", "prompt": "q", "answer": "a"}}]
        });
        let extras = Extras::diff(file.as_object().unwrap(), known.as_object().unwrap());
        let mut back = known.as_object().unwrap().clone();
        extras.apply(&mut back);
        assert_eq!(Value::Object(back), file);
    }
}
