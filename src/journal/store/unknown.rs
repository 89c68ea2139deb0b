//! Fields a journal file holds that this nearer does not know (written by a newer nearer,
//! or added by hand): found, and put back at every save, byte for byte.
//!
//! Each unknown field is kept as the JSON text it was in the file (serde_json's `RawValue`),
//! never as a parsed value: a parsed value cannot hold a 30-digit integer exactly, nor
//! `1e400`, a lone surrogate (`"\ud83d"`) or nesting deeper than 128, and a field lost
//! that way would be lost for good at the next save.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;

use super::read::without_bom;

/// The fields of a journal file (known to parse) that this nearer does not know, each kept
/// as its JSON text. Worked out once, at the first save, on the save thread, not while the
/// app starts. An error means they could not be found (and must not be dropped).
pub(super) fn extras_of(bytes: &[u8]) -> Result<Extras, serde_json::Error> {
    let mut extras = Extras::default();
    let mut de = serde_json::Deserializer::from_slice(without_bom(bytes));
    Walk {
        shape: JOURNAL,
        out: &mut extras,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(extras)
}

/// What a key holds in a journal as this nearer writes it.
#[derive(Clone, Copy)]
enum Shape {
    /// A value with no keys below it that this nearer knows of.
    Leaf,
    /// An object with these keys.
    Object(&'static [(&'static str, Shape)]),
    /// The list of entries.
    Entries,
    /// A list of objects with these keys, each kept by its place in the list (a list that
    /// only grows at its end, as the talks do).
    Items(&'static [(&'static str, Shape)]),
}

use Shape::{Entries, Items, Leaf, Object};

const SMALL_ACT: &[(&str, Shape)] = &[("card_id", Leaf), ("text", Leaf)];
const PLANNED: &[(&str, Shape)] = &[("date", Leaf), ("act", Object(SMALL_ACT))];
const ABOUT: &[(&str, Shape)] = &[
    ("my_name", Leaf),
    ("partner_name", Leaf),
    ("live_apart", Leaf),
    ("children_at_home", Leaf),
];
const SHARE: &[(&str, Shape)] = &[
    ("closeness", Leaf),
    ("answer", Leaf),
    ("good_thing", Leaf),
    ("small_act", Leaf),
];
const SHARE_ON: &[(&str, Shape)] = &[
    ("date", Leaf),
    ("closeness", Leaf),
    ("answer", Leaf),
    ("good_thing", Leaf),
    ("small_act", Leaf),
];
const SHARING: &[(&str, Shape)] = &[("default", Object(SHARE)), ("evenings", Items(SHARE_ON))];
const PREFERENCES: &[(&str, Shape)] = &[
    ("favourites", Leaf),
    ("love_languages", Leaf),
    ("on_my_own", Leaf),
    ("solo_only", Leaf),
    ("planned", Object(PLANNED)),
    ("about", Object(ABOUT)),
    ("quick_exit_keeps_nothing", Leaf),
    ("sharing", Object(SHARING)),
];
const FOLLOWUP: &[(&str, Shape)] = &[
    ("planned", Object(SMALL_ACT)),
    ("outcome", Leaf),
    ("noticed", Leaf),
];
const REFLECTION: &[(&str, Shape)] = &[("prompt_id", Leaf), ("prompt", Leaf), ("answer", Leaf)];
const VOICE: &[(&str, Shape)] = &[
    ("name", Leaf),
    ("closeness", Leaf),
    ("answer", Leaf),
    ("good_thing", Leaf),
    ("small_act", Leaf),
    ("followup", Leaf),
];
const TOGETHER: &[(&str, Shape)] = &[
    ("prompt_id", Leaf),
    ("prompt", Leaf),
    ("owner", Object(VOICE)),
    ("partner", Object(VOICE)),
    ("act_together", Leaf),
];
const TALK: &[(&str, Shape)] = &[
    ("date", Leaf),
    ("at", Leaf),
    ("kind", Leaf),
    ("minutes", Leaf),
    ("note", Leaf),
];
const ENTRY: &[(&str, Shape)] = &[
    ("date", Leaf),
    ("created", Leaf),
    ("updated", Leaf),
    ("closeness", Leaf),
    ("stress", Leaf),
    ("followup", Object(FOLLOWUP)),
    ("reflection", Object(REFLECTION)),
    ("appreciation", Leaf),
    ("small_act", Object(SMALL_ACT)),
    ("starred", Leaf),
    ("together", Object(TOGETHER)),
    ("shown", Leaf),
];
const JOURNAL: &[(&str, Shape)] = &[
    ("version", Leaf),
    ("preferences", Object(PREFERENCES)),
    ("entries", Entries),
    ("talks", Items(TALK)),
];

/// Reads an object of `shape` into `out`: each key it does not know as raw JSON, the objects
/// it knows walked in turn; every value it knows skipped without being built.
struct Walk<'a> {
    shape: &'static [(&'static str, Shape)],
    out: &'a mut Extras,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match self.shape.iter().find(|(k, _)| *k == key.as_ref()) {
                None => {
                    let raw: Box<RawValue> = map.next_value()?;
                    self.out.fields.push((key.into_owned(), raw));
                }
                Some((_, Leaf)) => {
                    map.next_value::<IgnoredAny>()?;
                }
                Some((name, Object(shape))) => {
                    let mut sub = Extras::default();
                    map.next_value_seed(Walk {
                        shape,
                        out: &mut sub,
                    })?;
                    if !sub.is_empty() {
                        self.out.nested.insert((*name).to_string(), sub);
                    }
                }
                Some((_, Entries)) => map.next_value_seed(EachEntry(self.out))?,
                Some((name, Items(shape))) => map.next_value_seed(EachItem {
                    name,
                    shape,
                    out: self.out,
                })?,
            }
        }
        Ok(())
    }
    // A known object may be absent as `null` (an option); nothing is below it then.
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// A list of objects: each walked, its unknown fields kept under `name#place`.
struct EachItem<'a> {
    name: &'static str,
    shape: &'static [(&'static str, Shape)],
    out: &'a mut Extras,
}

impl<'de> DeserializeSeed<'de> for EachItem<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EachItem<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            let mut sub = Extras::default();
            let more = seq.next_element_seed(Walk {
                shape: self.shape,
                out: &mut sub,
            })?;
            if more.is_none() {
                break;
            }
            if !sub.is_empty() {
                self.out.nested.insert(item_key(self.name, i), sub);
            }
            i += 1;
        }
        Ok(())
    }
}

/// Where the unknown fields of item `i` of the list `name` are kept.
fn item_key(name: &str, i: usize) -> String {
    format!("{name}#{i}")
}

/// The list of entries: each walked, its unknown fields kept by its date.
struct EachEntry<'a>(&'a mut Extras);

impl<'de> DeserializeSeed<'de> for EachEntry<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EachEntry<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(entry) = seq.next_element::<RawEntry>()? {
            let RawEntry(date, extras) = entry;
            if let Some(date) = date
                && !extras.is_empty()
            {
                self.0.entries.insert(date, extras);
            }
        }
        Ok(())
    }
}

/// One entry's unknown fields, and its date as nearer writes it (to find it at a save).
struct RawEntry(Option<String>, Extras);

impl<'de> de::Deserialize<'de> for RawEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an entry")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEntry, A::Error> {
                let mut date = None;
                let mut extras = Extras::default();
                // As Walk, with the date read rather than skipped.
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    if key == "date" {
                        let d: Cow<'de, str> = map.next_value()?;
                        date = Some(match d.parse::<chrono::NaiveDate>() {
                            Ok(day) => day.to_string(),
                            Err(_) => d.into_owned(),
                        });
                        continue;
                    }
                    let shape = ENTRY.iter().find(|(k, _)| *k == key.as_ref());
                    match shape {
                        None => {
                            let raw: Box<RawValue> = map.next_value()?;
                            extras.fields.push((key.into_owned(), raw));
                        }
                        Some((name, Object(shape))) => {
                            let mut sub = Extras::default();
                            map.next_value_seed(Walk {
                                shape,
                                out: &mut sub,
                            })?;
                            if !sub.is_empty() {
                                extras.nested.insert((*name).to_string(), sub);
                            }
                        }
                        Some(_) => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(RawEntry(date, extras))
            }
        }
        d.deserialize_map(V)
    }
}

/// Every key a journal written by this nearer can hold, at any level.
pub(super) const KNOWN_KEYS: &[&str] = &[
    "version",
    "preferences",
    "entries",
    "favourites",
    "love_languages",
    "on_my_own",
    "solo_only",
    "about",
    "my_name",
    "partner_name",
    "live_apart",
    "children_at_home",
    "quick_exit_keeps_nothing",
    "sharing",
    "default",
    "evenings",
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
    "shown",
    "prompt_id",
    "prompt",
    "answer",
    "card_id",
    "text",
    "outcome",
    "noticed",
    "together",
    "owner",
    "partner",
    "name",
    "good_thing",
    "act_together",
    "talks",
    "at",
    "kind",
    "minutes",
    "note",
];

/// Whether a journal file (known to parse) has an object key this nearer does not know.
/// It walks the JSON without keeping it, so it costs a fraction of a parse and no memory.
pub(super) fn has_unknown_keys(bytes: &[u8]) -> bool {
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
/// its date). Each is kept as the JSON text it was, in the order of the file.
#[derive(Debug, Default)]
pub(super) struct Extras {
    fields: Vec<(String, Box<RawValue>)>,
    nested: BTreeMap<String, Extras>,
    /// Per entry, by date.
    entries: BTreeMap<String, Extras>,
}

impl Extras {
    pub(super) fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.nested.is_empty() && self.entries.is_empty()
    }

    /// `known` (the journal as this nearer writes it, as a tree) with these fields put back,
    /// ready to be written.
    pub(super) fn merged<'a>(&'a self, known: &'a Value) -> impl Serialize + 'a {
        Merged {
            value: known,
            extras: Some(self),
        }
    }
}

/// A value as this nearer writes it, with the unknown fields of its place put back.
struct Merged<'a> {
    value: &'a Value,
    extras: Option<&'a Extras>,
}

impl Serialize for Merged<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (Value::Object(map), Some(extras)) = (self.value, self.extras) else {
            return self.value.serialize(s);
        };
        let mut out = s.serialize_map(None)?;
        for (key, value) in map {
            match value {
                Value::Array(items) if key == "entries" && !extras.entries.is_empty() => {
                    out.serialize_entry(key, &MergedEntries { items, extras })?
                }
                Value::Array(items)
                    if (0..items.len()).any(|i| extras.nested.contains_key(&item_key(key, i))) =>
                {
                    out.serialize_entry(
                        key,
                        &MergedItems {
                            name: key,
                            items,
                            extras,
                        },
                    )?
                }
                _ => out.serialize_entry(
                    key,
                    &Merged {
                        value,
                        extras: extras.nested.get(key),
                    },
                )?,
            }
        }
        for (key, raw) in &extras.fields {
            if !map.contains_key(key) {
                out.serialize_entry(key, raw)?;
            }
        }
        out.end()
    }
}

/// A list, each item with the unknown fields of its place.
struct MergedItems<'a> {
    name: &'a str,
    items: &'a [Value],
    extras: &'a Extras,
}

impl Serialize for MergedItems<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_seq(Some(self.items.len()))?;
        for (i, value) in self.items.iter().enumerate() {
            let extras = self.extras.nested.get(&item_key(self.name, i));
            out.serialize_element(&Merged { value, extras })?;
        }
        out.end()
    }
}

/// The list of entries, each with the unknown fields of the entry of its date.
struct MergedEntries<'a> {
    items: &'a [Value],
    extras: &'a Extras,
}

impl Serialize for MergedEntries<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_seq(Some(self.items.len()))?;
        for value in self.items {
            let extras = match value.get("date") {
                Some(Value::String(date)) => self.extras.entries.get(date),
                _ => None,
            };
            out.serialize_element(&Merged { value, extras })?;
        }
        out.end()
    }
}

#[cfg(test)]
mod tests;
