#!/usr/bin/env python3
"""Check nearer's bundled content against SCHEMA.md and the content brief.

Usage: python3 content/check_content.py [--article PATH]

Loads sections.toml, prompts.toml, cards.toml, lines.toml and decks/*.toml from the
folder this script lives in, prints the counts (per section, deck, depth, mode, kind,
love language and tag), and exits non-zero if any rule fails. It checks what
`cargo test --test content` checks, so either can be run while writing. Needs Python
3.11+ (tomllib).
"""

import argparse
import collections
import glob
import os
import re
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ARTICLE_CANDIDATES = [
    os.path.normpath(os.path.join(ROOT, "..", "shared", "source", "closeness-article.txt")),
    os.path.normpath(os.path.join(ROOT, "..", "..", "shared", "source", "closeness-article.txt")),
]

SECTION_IDS = [
    "why-closeness", "in-the-way", "ingredients", "everyday",
    "equality", "gentle-reminder", "final-reflection",
]
DECK_IDS = [
    "intimacy", "money", "children", "family", "apart",
    "hard-seasons", "trust", "dreams", "repair", "play",
]
DEPTHS = ["light", "medium", "deep"]
MODES = ["solo", "together"]
KINDS = ["action", "conversation", "writing", "pause", "play"]
LANGS = ["words", "touch", "time", "gifts", "service"]
TAGS = ["playful", "conflict", "assumes-safety", "same-room", "shared-home", "apart", "parents"]
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

SECTION_KEYS = {"id", "order", "title", "intro", "key_ideas"}
DECK_KEYS = {"id", "section", "order", "title", "intro"}
PROMPT_REQUIRED = {"id", "section", "depth", "text"}
PROMPT_OPTIONAL = {"deck", "tags"}
CARD_REQUIRED = {"id", "section", "title", "why", "steps", "minutes", "mode",
                 "depth", "kind", "partner_facing", "from_article"}
CARD_OPTIONAL = {"evidence", "love_languages", "examples", "deck", "tags", "apart_version"}
EVIDENCE_KEYS = {"authors", "year", "source", "found"}
LINE_KINDS = {"arrive": 40, "self_compassion": 25, "good_thing": 15,
              "arrive_past": 8, "hard_evening": 10}

MIN_PROMPTS = 420
MIN_CARDS = 150
MIN_PROMPTS_PER_SECTION = 8
MIN_CARDS_PER_SECTION = 5
MIN_DECK_PROMPTS = 20
MIN_DECK_CARDS = 8
MIN_PLAYFUL = 0.20
MIN_LIGHT = 0.25
MIN_DEEP = 0.10
MAX_DEEP = 1 / 3
MAX_WHAT = 0.5
MIN_TOGETHER = 30
MIN_PER_LANGUAGE = 6
MIN_SOLO_INWARD = 20
MIN_SHORT_CARDS = 100
MIN_CITED = 10
MIN_APART_VERSIONS = 10
NGRAM = 8

GENDERED = {"he", "she", "him", "her", "his", "hers", "himself", "herself", "husband",
            "husbands", "wife", "wives", "boyfriend", "boyfriends", "girlfriend",
            "girlfriends", "hubby", "missus"}
NEVER = ["whatever their response", "whatever they say", "whatever their reaction",
         "however they respond", "no matter how they react", "someone's fault",
         "set that aside", "set aside what your partner"]
F2 = "Safety and support (F2)"
SOURCE = re.compile(r"^([A-Z][A-Za-z&,.: -]+ \d+(\(\d+\))?|book: [A-Z].*)$")

problems = []


def fail(msg):
    problems.append(msg)


def load(path):
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        fail(f"{os.path.relpath(path, HERE)}: cannot load: {e}")
        return {}


def words(text):
    """Lowercase words, split at anything that is not a letter or a digit."""
    return [w for w in re.split(r"[^\w]|_", text.lower().replace("\u2019", "'")) if w]


def has_word(text, word):
    return word in words(text)


def surname(s):
    """A surname as published: capitalised words of letters, apostrophes and hyphens."""
    return bool(s) and all(w[:1].isupper() and all(c.isalpha() or c in "'-" for c in w)
                           for w in s.split(" "))


def authors_ok(a):
    """'A', 'A & B', 'A, B & C' or 'A et al.' (four or more authors)."""
    if a.endswith(" et al."):
        return surname(a[:-len(" et al.")])
    if " & " in a:
        before, last = a.rsplit(" & ", 1)
        names = before.split(", ")
        return len(names) <= 2 and all(surname(n) for n in names) and surname(last)
    return surname(a)


def pct(n, total):
    return f"{n} ({100.0 * n / total:.1f}%)" if total else f"{n}"


def show(title, counter, order):
    parts = [f"{k}={counter.get(k, 0)}" for k in order]
    parts += [f"{k}={v} (unknown)" for k, v in counter.items() if k not in order]
    print(f"  {title}: " + ", ".join(parts))


def evidence_text(e):
    if isinstance(e, dict):
        return f"{e.get('authors')} ({e.get('year')}), {e.get('source')}: {e.get('found')}"
    return str(e)


def readable(sections, decks, prompts, cards, lines):
    """Every text a person can read, with where it is from."""
    for s in sections:
        at = f"section {s.get('id')}"
        yield at, s.get("title", "")
        yield at, s.get("intro", "")
        for k in s.get("key_ideas", []):
            yield at, k
    for d in decks:
        yield f"deck {d.get('id')}", d.get("title", "")
        yield f"deck {d.get('id')}", d.get("intro", "")
    for p in prompts:
        yield f"prompt {p.get('id')}", p.get("text", "")
    for c in cards:
        at = f"card {c.get('id')}"
        yield at, c.get("title", "")
        yield at, c.get("why", "")
        if "evidence" in c:
            yield at, evidence_text(c["evidence"])
        for s in c.get("steps", []) + c.get("examples", []):
            yield at, s
    for kind in ("arrive", "arrive_past", "self_compassion", "hard_evening"):
        for t in lines.get(kind, []):
            yield f"lines.{kind}", t
    for g in lines.get("good_thing", []):
        yield "lines.good_thing", g.get("ask", "")
        yield "lines.good_thing", g.get("hint", "")
    for s in lines.get("seasonal", []):
        yield f"lines.seasonal {s.get('from')}..{s.get('to')}", s.get("text", "")
    for m in lines.get("milestone", []):
        yield f"lines.milestone {m.get('evening')}", m.get("text", "")


def valid_day(mm_dd):
    m = re.fullmatch(r"(\d\d)-(\d\d)", str(mm_dd))
    if not m:
        return False
    month, day = int(m.group(1)), int(m.group(2))
    days = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}.get(month, 31)
    return 1 <= month <= 12 and 1 <= day <= days


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--article", help="the closeness article (found beside the project by default)")
    args = ap.parse_args()

    files = {name: load(os.path.join(HERE, name)) for name in
             ("sections.toml", "prompts.toml", "cards.toml", "lines.toml")}
    for path in sorted(glob.glob(os.path.join(HERE, "decks", "*.toml"))):
        files[os.path.relpath(path, HERE)] = load(path)
    sections = [s for d in files.values() for s in d.get("section", [])]
    decks = [s for d in files.values() for s in d.get("deck", [])]
    prompts = [p for d in files.values() for p in d.get("prompt", [])]
    cards = [c for d in files.values() for c in d.get("card", [])]
    lines = {}
    for d in files.values():
        for k, v in d.get("lines", {}).items():
            lines.setdefault(k, []).extend(v)
    for name, data in files.items():
        for key in data:
            if key not in {"section", "deck", "prompt", "card", "lines"}:
                fail(f"{name}: unexpected table [{key}]")
        if "section" in data and name != "sections.toml":
            fail(f"{name}: sections belong in sections.toml")

    # ---- sections and decks
    print("SECTIONS")
    section_ids = {s.get("id") for s in sections}
    for s in sections:
        if set(s) != SECTION_KEYS:
            fail(f"section {s.get('id')}: keys {sorted(s)}")
        if not 2 <= len(re.findall(r"[.?]", s.get("intro", ""))) <= 4:
            fail(f"section {s.get('id')}: intro is not two to four sentences")
        if not 3 <= len(s.get("key_ideas", [])) <= 6:
            fail(f"section {s.get('id')}: {len(s.get('key_ideas', []))} key ideas")
    ordered = sorted(sections, key=lambda s: s.get("order", 0))
    if [s.get("id") for s in ordered] != SECTION_IDS:
        fail(f"sections order/ids {[s.get('id') for s in ordered]} != {SECTION_IDS}")
    for s in ordered:
        print(f"  {s.get('order')}. {s.get('id')}: {s.get('title')}")
    guard = next((s for s in sections if s.get("id") == "in-the-way"), {})
    guard_text = guard.get("intro", "") + " " + " ".join(guard.get("key_ideas", []))
    if "guard" not in guard_text.lower() or F2 not in guard_text:
        fail("in-the-way: say a guard can fit what is happening now, and point to F2")

    print("DECKS")
    deck_ids = {d.get("id") for d in decks}
    for d in decks:
        if set(d) != DECK_KEYS:
            fail(f"deck {d.get('id')}: keys {sorted(d)}")
        if d.get("section") not in section_ids:
            fail(f"deck {d.get('id')}: unknown section {d.get('section')!r}")
    for did in DECK_IDS:
        np = sum(1 for p in prompts if p.get("deck") == did)
        nc = sum(1 for c in cards if c.get("deck") == did)
        home = next((d.get("section") for d in decks if d.get("id") == did), None)
        print(f"  {did}: {np} prompts, {nc} cards, under {home}")
        if did not in deck_ids:
            fail(f"no deck {did!r}")
        if np < MIN_DECK_PROMPTS:
            fail(f"deck {did}: {np} prompts, {MIN_DECK_PROMPTS} wanted")
        if nc < MIN_DECK_CARDS:
            fail(f"deck {did}: {nc} cards, {MIN_DECK_CARDS} wanted")

    # ---- ids, unique across all content
    seen = {}
    for label, items in (("section", sections), ("deck", decks), ("prompt", prompts), ("card", cards)):
        for i in items:
            iid = i.get("id")
            if not isinstance(iid, str) or not KEBAB.match(iid):
                fail(f"{label} id not kebab-case: {iid!r}")
            if iid in seen:
                fail(f"id {iid} is used by a {seen[iid]} and a {label}")
            seen[iid] = label

    # ---- prompts
    print("PROMPTS")
    n_p = len(prompts)
    p_depth = collections.Counter(p.get("depth") for p in prompts)
    p_tags = collections.Counter(t for p in prompts for t in p.get("tags", []))
    print(f"  total: {n_p}")
    show("per section", collections.Counter(p.get("section") for p in prompts), SECTION_IDS)
    print("  per depth: " + ", ".join(f"{d}={pct(p_depth[d], n_p)}" for d in DEPTHS))
    show("per tag", p_tags, TAGS)
    starts = collections.Counter((words(p.get("text", "")) or [""])[0] for p in prompts)
    print("  openings: " + ", ".join(f"{w}={n}" for w, n in starts.most_common(6)))
    for p in prompts:
        pid = p.get("id")
        keys = set(p)
        if PROMPT_REQUIRED - keys or keys - PROMPT_REQUIRED - PROMPT_OPTIONAL:
            fail(f"prompt {pid}: keys {sorted(keys)}")
        if p.get("section") not in section_ids:
            fail(f"prompt {pid}: unknown section {p.get('section')!r}")
        if "deck" in p and p["deck"] not in deck_ids:
            fail(f"prompt {pid}: unknown deck {p['deck']!r}")
        if p.get("depth") not in DEPTHS:
            fail(f"prompt {pid}: bad depth {p.get('depth')!r}")
        for t in p.get("tags", []):
            if t not in TAGS:
                fail(f"prompt {pid}: unknown tag {t!r}")
        if "same-room" in p.get("tags", []):
            fail(f"prompt {pid}: same-room is for cards")
        if {"apart", "shared-home"} <= set(p.get("tags", [])):
            fail(f"prompt {pid}: both apart and shared-home")
        if not p.get("text", "").rstrip().endswith("?"):
            fail(f"prompt {pid}: not a question")
    texts = collections.Counter(" ".join(words(p.get("text", ""))) for p in prompts)
    for t, n in texts.items():
        if n > 1:
            fail(f"prompt text repeated: {t!r}")
    if n_p < MIN_PROMPTS:
        fail(f"{n_p} prompts, {MIN_PROMPTS} wanted")
    for s in SECTION_IDS:
        n = sum(1 for p in prompts if p.get("section") == s)
        if n < MIN_PROMPTS_PER_SECTION:
            fail(f"section {s}: only {n} prompts")
    if n_p:
        if p_tags["playful"] / n_p < MIN_PLAYFUL:
            fail(f"prompts: {p_tags['playful']} of {n_p} playful, a fifth wanted")
        if p_depth["light"] / n_p < MIN_LIGHT:
            fail("prompts: too few light")
        if not MIN_DEEP <= p_depth["deep"] / n_p <= MAX_DEEP:
            fail(f"prompts: {p_depth['deep']} of {n_p} deep, 10% to a third wanted")
        if starts["what"] / n_p > MAX_WHAT:
            fail(f"prompts: {starts['what']} of {n_p} start with What")

    # ---- cards
    print("CARDS")
    n_c = len(cards)
    by_id = {c.get("id"): c for c in cards}
    c_depth = collections.Counter(c.get("depth") for c in cards)
    c_mode = collections.Counter(c.get("mode") for c in cards)
    c_lang = collections.Counter(l for c in cards for l in c.get("love_languages", []))
    c_tags = collections.Counter(t for c in cards for t in c.get("tags", []))
    short = sum(1 for c in cards if isinstance(c.get("minutes"), int) and c["minutes"] <= 15)
    cited = [c for c in cards if "evidence" in c]
    print(f"  total: {n_c}")
    show("per section", collections.Counter(c.get("section") for c in cards), SECTION_IDS)
    print("  per depth: " + ", ".join(f"{d}={pct(c_depth[d], n_c)}" for d in DEPTHS))
    show("per mode", c_mode, MODES)
    show("per kind", collections.Counter(c.get("kind") for c in cards), KINDS)
    show("per love language", c_lang, LANGS)
    show("per tag", c_tags, TAGS)
    print(f"  15 minutes or less: {pct(short, n_c)}")
    print(f"  same-room with an apart version: "
          f"{sum(1 for c in cards if 'same-room' in c.get('tags', []) and 'apart_version' in c)}")
    print(f"  cited: {len(cited)}")
    for c in cited:
        print(f"    {c.get('id')}: {evidence_text(c['evidence'])}")

    titles = collections.Counter(c.get("title", "").lower() for c in cards)
    for t, n in titles.items():
        if n > 1:
            fail(f"two cards called {t!r}")
    for c in cards:
        cid = c.get("id")
        keys = set(c)
        tags = c.get("tags", [])
        if CARD_REQUIRED - keys:
            fail(f"card {cid}: missing {sorted(CARD_REQUIRED - keys)}")
        if keys - CARD_REQUIRED - CARD_OPTIONAL:
            fail(f"card {cid}: unknown keys {sorted(keys - CARD_REQUIRED - CARD_OPTIONAL)}")
        if c.get("section") not in section_ids:
            fail(f"card {cid}: unknown section {c.get('section')!r}")
        if "deck" in c and c["deck"] not in deck_ids:
            fail(f"card {cid}: unknown deck {c['deck']!r}")
        for field, allowed in (("depth", DEPTHS), ("mode", MODES), ("kind", KINDS)):
            if c.get(field) not in allowed:
                fail(f"card {cid}: bad {field} {c.get(field)!r}")
        for l in c.get("love_languages", []):
            if l not in LANGS:
                fail(f"card {cid}: bad love language {l!r}")
        for t in tags:
            if t not in TAGS:
                fail(f"card {cid}: unknown tag {t!r}")
        if len(set(tags)) != len(tags):
            fail(f"card {cid}: repeated tag")
        if "apart" in tags and ({"same-room", "shared-home"} & set(tags)):
            fail(f"card {cid}: for couples apart, yet needs them together")
        if not 2 <= len(c.get("steps", [])) <= 5:
            fail(f"card {cid}: {len(c.get('steps', []))} steps")
        m = c.get("minutes")
        if not isinstance(m, int) or isinstance(m, bool) or not 1 <= m <= 60:
            fail(f"card {cid}: minutes {m!r}")
        if c.get("mode") == "together" and c.get("partner_facing") is not True:
            fail(f"card {cid}: together card must be partner_facing")
        if not 1 <= len(re.findall(r"[.?]", c.get("why", ""))) <= 2:
            fail(f"card {cid}: why is not one or two sentences")
        if "apart_version" in c:
            other = by_id.get(c["apart_version"])
            if "same-room" not in tags:
                fail(f"card {cid}: apart_version on a card that is not same-room")
            if other is None:
                fail(f"card {cid}: apart_version {c['apart_version']!r} does not exist")
            elif {"same-room", "shared-home"} & set(other.get("tags", [])):
                fail(f"card {cid}: apart_version {c['apart_version']} needs them together")
        involves = c.get("mode") == "together" or c.get("partner_facing") is True
        if "assumes-safety" in tags and involves and not any(F2 in s for s in c.get("steps", [])):
            fail(f"card {cid}: asks for trust in the partner without pointing to {F2}")
        # Citations and claims.
        why = c.get("why", "").lower()
        for claim in ("research shows", "studies show", "works best", "work best", "proves"):
            if claim in why:
                fail(f"card {cid}: why says {claim!r}")
        e = c.get("evidence")
        if e is None:
            for w in ("research", "researchers", "study", "studies", "studied"):
                if has_word(c.get("why", ""), w):
                    fail(f"card {cid}: why mentions {w} but cites nothing")
        elif not isinstance(e, dict) or set(e) != EVIDENCE_KEYS:
            fail(f"card {cid}: evidence must be {{ authors, year, source, found }}: {e!r}")
        else:
            if not authors_ok(str(e["authors"])):
                fail(f"card {cid}: authors {e['authors']!r}")
            if not isinstance(e["year"], int) or not 1950 <= e["year"] <= 2026:
                fail(f"card {cid}: year {e['year']!r}")
            if not SOURCE.match(str(e["source"])):
                fail(f"card {cid}: source {e['source']!r}")
            found = str(e["found"])
            if len(found.split()) < 6:
                fail(f"card {cid}: found is too short")
            for w in ("proves", "proved", "proven", "always"):
                if has_word(found, w):
                    fail(f"card {cid}: found says {w}")
            if "works best" in found.lower() or "work best" in found.lower():
                fail(f"card {cid}: found says works best")

    if n_c < MIN_CARDS:
        fail(f"{n_c} cards, {MIN_CARDS} wanted")
    for s in SECTION_IDS:
        secs = [c for c in cards if c.get("section") == s]
        if len(secs) < MIN_CARDS_PER_SECTION:
            fail(f"section {s}: only {len(secs)} cards")
        if secs and secs[0].get("depth") == "deep":
            fail(f"section {s}: opens with a deep card")
        if secs and not any(c.get("depth") == "light" for c in secs):
            fail(f"section {s}: no light card")
    for s in SECTION_IDS[:6]:
        if not any(c.get("from_article") is True for c in cards if c.get("section") == s):
            fail(f"section {s}: its article exercise is missing")
    if n_c:
        light = sum(1 for c in cards if c.get("depth") == "light" or c.get("kind") == "play")
        if light / n_c < 0.25:
            fail("cards: too few light or playful")
        if c_depth["deep"] / n_c > MAX_DEEP:
            fail(f"cards: {c_depth['deep']} of {n_c} deep, at most a third")
    if short < MIN_SHORT_CARDS:
        fail(f"{short} cards take 15 minutes or less, {MIN_SHORT_CARDS} wanted")
    if c_mode["together"] < MIN_TOGETHER:
        fail(f"{c_mode['together']} together cards, {MIN_TOGETHER} wanted")
    for l in LANGS:
        if c_lang[l] < MIN_PER_LANGUAGE:
            fail(f"love language {l} on only {c_lang[l]} cards")
    inward = sum(1 for c in cards if c.get("mode") == "solo" and c.get("partner_facing") is False
                 and "assumes-safety" not in c.get("tags", []))
    if inward < MIN_SOLO_INWARD:
        fail(f"{inward} cards one can do alone, {MIN_SOLO_INWARD} wanted")
    with_apart = sum(1 for c in cards if "same-room" in c.get("tags", []) and "apart_version" in c)
    if with_apart < MIN_APART_VERSIONS:
        fail(f"{with_apart} same-room cards have an apart version, {MIN_APART_VERSIONS} wanted")
    if len(cited) < MIN_CITED:
        fail(f"{len(cited)} cards cite research, {MIN_CITED} wanted")
    for t in TAGS:
        if not p_tags[t] and not c_tags[t]:
            fail(f"no prompt or card is tagged {t}")
    # The citation fixes of issue 13.
    def card_text(c):
        return " ".join([c.get("why", ""), evidence_text(c.get("evidence", ""))] + c.get("steps", [])).lower()
    for c in cited:
        e = c["evidence"] if isinstance(c["evidence"], dict) else {}
        short_ref = f"{e.get('authors')} {e.get('year')}"
        t = card_text(c)
        if short_ref == "Finkel et al. 2013" and ("two-year" not in t and "two years" not in t or "year-long" in t):
            fail(f"card {c.get('id')}: Finkel et al. 2013 was a two-year study")
        if short_ref == "Slatcher & Pennebaker 2006" and ("20 minutes" not in t and "twenty minutes" not in t or "fifteen minutes" in t):
            fail(f"card {c.get('id')}: the writing took 20 minutes a day")
    pause = by_id.get("shared-pause-word")
    if not pause or not re.search(r"at least (twenty|20) minutes", card_text(pause)):
        fail("the pause-word card says a break for flooding lasts at least 20 minutes")

    # ---- lines
    print("LINES")
    print("  " + ", ".join(f"{k}: {len(lines.get(k, []))}" for k in LINE_KINDS)
          + f", seasonal: {len(lines.get('seasonal', []))}, milestone: {len(lines.get('milestone', []))}")
    for kind, want in LINE_KINDS.items():
        if len(lines.get(kind, [])) < want:
            fail(f"lines.{kind}: {len(lines.get(kind, []))}, {want} wanted")
        if kind != "good_thing":
            items = [t.lower() for t in lines.get(kind, [])]
            if len(set(items)) != len(items):
                fail(f"lines.{kind}: a line is repeated")
    if not lines.get("seasonal"):
        fail("no seasonal lines")
    for s in lines.get("seasonal", []):
        if not valid_day(s.get("from")) or not valid_day(s.get("to")):
            fail(f"seasonal {s.get('from')!r}..{s.get('to')!r} is not MM-DD")
    evenings = {m.get("evening") for m in lines.get("milestone", [])}
    for n in (10, 50, 100):
        if n not in evenings:
            fail(f"no milestone for evening {n}")
    any_evening = [("self_compassion", t) for t in lines.get("self_compassion", [])]
    any_evening += [("arrive_past", t) for t in lines.get("arrive_past", [])]
    for g in lines.get("good_thing", []):
        any_evening += [("good_thing", g.get("ask", "")), ("good_thing", g.get("hint", ""))]
    for kind, t in any_evening:
        for day in ("today", "tonight", "tomorrow"):
            if has_word(t, day):
                fail(f"lines.{kind} says {day}: {t!r}")

    # ---- words, everywhere
    print("TEXT")
    all_text = list(readable(sections, decks, prompts, cards, lines))
    counts = collections.Counter()
    for at, t in all_text:
        low = t.lower()
        if "!" in t:
            fail(f"{at}: exclamation mark in {t!r}")
        for w in words(t):
            if w in GENDERED:
                fail(f"{at}: gendered word {w!r} in {t!r}")
            if w in ("small", "write", "tiny"):
                counts[w] += 1
        if has_word(t, "streak"):
            fail(f"{at}: counts a streak")
        for phrase in NEVER:
            if phrase in low:
                fail(f"{at}: says {phrase!r}")
        if "safety and support" in low and F2 not in t:
            fail(f"{at}: name the key, {F2}")
        if "gottman's research" in low:
            fail(f"{at}: \"Gottman's research\" is not a source")
    print("  " + ", ".join(f"'{w}': {counts[w]}" for w in ("small", "write", "tiny")))

    article = args.article or next((p for p in ARTICLE_CANDIDATES if os.path.exists(p)), None)
    try:
        with open(article or ARTICLE_CANDIDATES[0], encoding="utf-8") as f:
            article_text = f.read()
    except OSError as e:
        fail(f"cannot read the article ({' or '.join(ARTICLE_CANDIDATES)}): {e}")
        article_text = ""
    aw = words(article_text)
    grams = {tuple(aw[i:i + NGRAM]) for i in range(len(aw) - NGRAM + 1)}
    headings = {" ".join(words(l)) for l in article_text.splitlines()}
    overlaps = 0
    for at, t in all_text:
        w = words(t)
        for i in range(len(w) - NGRAM + 1):
            if tuple(w[i:i + NGRAM]) in grams:
                overlaps += 1
                fail(f"{at}: shares '{' '.join(w[i:i + NGRAM])}' with the article")
                break
    for item in sections + decks:
        if " ".join(words(item.get("title", ""))) in headings:
            fail(f"{item.get('id')}: the title {item.get('title')!r} is the article's heading")
    print(f"  {NGRAM}-word runs shared with the article: {overlaps}")

    print()
    if problems:
        print(f"PROBLEMS ({len(problems)}):")
        for p in problems:
            print(f"  - {p}")
        return 1
    print("OK: all requirements met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
