#!/usr/bin/env python3
"""Check nearer's bundled content against SCHEMA.md and the content brief.

Usage: python3 content/check_content.py [--article PATH]

Loads sections.toml, prompts.toml, cards.toml and lines.toml from the folder
this script lives in, prints counts, and exits non-zero if any requirement
fails. Needs Python 3.11+ (tomllib).
"""

import argparse
import collections
import os
import re
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ARTICLE = os.path.normpath(
    os.path.join(HERE, "..", "..", "shared", "source", "closeness-article.txt")
)
if not os.path.exists(DEFAULT_ARTICLE):
    DEFAULT_ARTICLE = "/work/shared/source/closeness-article.txt"

SECTION_IDS = [
    "why-closeness", "in-the-way", "ingredients", "everyday",
    "equality", "gentle-reminder", "final-reflection",
]
DEPTHS = ["light", "medium", "deep"]
MODES = ["solo", "together"]
KINDS = ["action", "conversation", "writing", "pause", "play"]
LANGS = ["words", "touch", "time", "gifts", "service"]
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

SECTION_KEYS = {"id", "order", "title", "intro", "key_ideas"}
PROMPT_KEYS = {"id", "section", "depth", "text"}
CARD_REQUIRED = {"id", "section", "title", "why", "steps", "minutes", "mode",
                 "depth", "kind", "partner_facing", "from_article"}
CARD_OPTIONAL = {"evidence", "love_languages", "examples"}

# Citations from docs/product.md. An evidence line must match one of these.
ALLOWED_EVIDENCE = {
    "Aron, Aron & Smollan 1992",
    "Algoe, Gable & Maisel 2010",
    "Gable, Reis, Impett & Asher 2004",
    "Laurenceau, Barrett & Pietromonaco 1998",
    "Gottman's research on bids for connection",
    "Finkel et al. 2013",
    "Slatcher & Pennebaker 2006",
    "Impett, Park & Muise 2024",
}

# Requirements (the brief's minimums).
MIN_PROMPTS = 100
MIN_PROMPTS_PER_SECTION = 8
MIN_CARDS = 58
MIN_CARDS_PER_SECTION = 5
MIN_LIGHT = 0.30
MIN_DEEP = 0.22
MIN_TOGETHER = 14
MIN_PER_LANGUAGE = 6
MIN_FROM_ARTICLE = 6
MIN_SOLO_INWARD = 15
MIN_PAUSE = 2
MIN_CONVERSATION = 3
MIN_ARRIVE = 12
MIN_SELF_COMPASSION = 10
NGRAM = 8

problems = []


def fail(msg):
    problems.append(msg)


def load(name):
    path = os.path.join(HERE, name)
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        fail(f"{name}: cannot load: {e}")
        return {}


def words(text):
    text = text.lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9']+", text)


def ngrams(ws, n):
    return {tuple(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def all_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from all_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from all_strings(v)


def pct(n, total):
    return f"{n} ({100.0 * n / total:.1f}%)" if total else f"{n}"


def show(title, counter, order=None):
    keys = order if order else sorted(counter)
    parts = [f"{k}={counter.get(k, 0)}" for k in keys]
    extra = [k for k in counter if order and k not in order]
    parts += [f"{k}={counter[k]} (unknown)" for k in extra]
    print(f"  {title}: " + ", ".join(parts))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--article", default=DEFAULT_ARTICLE)
    args = ap.parse_args()

    files = {n: load(n) for n in
             ("sections.toml", "prompts.toml", "cards.toml", "lines.toml")}
    sections = files["sections.toml"].get("section", [])
    prompts = files["prompts.toml"].get("prompt", [])
    cards = files["cards.toml"].get("card", [])
    lines = files["lines.toml"].get("lines", {})

    # Tables only where they belong.
    for name, data in files.items():
        for key in data:
            expected = {"sections.toml": "section", "prompts.toml": "prompt",
                        "cards.toml": "card", "lines.toml": "lines"}[name]
            if key != expected:
                fail(f"{name}: unexpected table [{key}]")

    # ---- sections
    print("SECTIONS")
    section_ids = set()
    for s in sections:
        extra = set(s) - SECTION_KEYS
        missing = SECTION_KEYS - set(s)
        if extra or missing:
            fail(f"section {s.get('id')}: extra {extra} missing {missing}")
        section_ids.add(s.get("id"))
        n_sent = len(re.findall(r"[.?]", s.get("intro", "")))
        if not 2 <= n_sent <= 4:
            fail(f"section {s.get('id')}: intro has {n_sent} sentences")
        if not 3 <= len(s.get("key_ideas", [])) <= 6:
            fail(f"section {s.get('id')}: {len(s.get('key_ideas', []))} key ideas")
    got_order = [s.get("id") for s in sorted(sections, key=lambda s: s.get("order", 0))]
    if got_order != SECTION_IDS:
        fail(f"sections order/ids {got_order} != {SECTION_IDS}")
    if [s.get("order") for s in sorted(sections, key=lambda s: s.get("order", 0))] != list(range(1, 8)):
        fail("section orders are not 1..7")
    print(f"  total: {len(sections)}")

    # ---- ids
    dup_report = {}
    for label, items in (("section", sections), ("prompt", prompts), ("card", cards)):
        c = collections.Counter(i.get("id") for i in items)
        dups = sorted(k for k, v in c.items() if v > 1)
        dup_report[label] = dups
        if dups:
            fail(f"duplicate {label} ids: {dups}")
        for i in items:
            if not isinstance(i.get("id"), str) or not KEBAB.match(i["id"]):
                fail(f"{label} id not kebab-case: {i.get('id')!r}")

    # ---- prompts
    print("PROMPTS")
    total_p = len(prompts)
    p_sec = collections.Counter(p.get("section") for p in prompts)
    p_depth = collections.Counter(p.get("depth") for p in prompts)
    print(f"  total: {total_p}")
    show("per section", p_sec, SECTION_IDS)
    print(f"  per depth: light={pct(p_depth['light'], total_p)}, "
          f"medium={pct(p_depth['medium'], total_p)}, deep={pct(p_depth['deep'], total_p)}")
    for p in prompts:
        if set(p) != PROMPT_KEYS:
            fail(f"prompt {p.get('id')}: keys {sorted(p)}")
        if p.get("section") not in section_ids:
            fail(f"prompt {p.get('id')}: unknown section {p.get('section')!r}")
        if p.get("depth") not in DEPTHS:
            fail(f"prompt {p.get('id')}: bad depth {p.get('depth')!r}")
        if not p.get("text", "").rstrip().endswith("?"):
            fail(f"prompt {p.get('id')}: not a question")
    texts = collections.Counter(p.get("text", "").strip().lower() for p in prompts)
    for t, n in texts.items():
        if n > 1:
            fail(f"prompt text repeated: {t!r}")
    if total_p < MIN_PROMPTS:
        fail(f"only {total_p} prompts")
    for s in SECTION_IDS:
        if p_sec[s] < MIN_PROMPTS_PER_SECTION:
            fail(f"section {s}: only {p_sec[s]} prompts")
    if total_p and p_depth["light"] / total_p < MIN_LIGHT:
        fail("prompts: too few light")
    if total_p and p_depth["deep"] / total_p < MIN_DEEP:
        fail("prompts: too few deep")

    # ---- cards
    print("CARDS")
    total_c = len(cards)
    c_sec = collections.Counter(c.get("section") for c in cards)
    c_depth = collections.Counter(c.get("depth") for c in cards)
    c_mode = collections.Counter(c.get("mode") for c in cards)
    c_kind = collections.Counter(c.get("kind") for c in cards)
    c_lang = collections.Counter(l for c in cards for l in c.get("love_languages", []))
    from_article = [c["id"] for c in cards if c.get("from_article") is True]
    from_article_secs = collections.Counter(
        c.get("section") for c in cards if c.get("from_article") is True)
    solo_inward = [c for c in cards if c.get("mode") == "solo" and c.get("partner_facing") is False]
    with_evidence = [c for c in cards if "evidence" in c]
    print(f"  total: {total_c}")
    show("per section", c_sec, SECTION_IDS)
    print(f"  per depth: light={pct(c_depth['light'], total_c)}, "
          f"medium={pct(c_depth['medium'], total_c)}, deep={pct(c_depth['deep'], total_c)}")
    show("per mode", c_mode, MODES)
    show("per kind", c_kind, KINDS)
    show("per love language", c_lang, LANGS)
    print(f"  from_article: {len(from_article)} ({', '.join(from_article)})")
    print(f"  solo, partner_facing = false: {len(solo_inward)}")
    print(f"  with evidence: {len(with_evidence)} "
          f"({', '.join(sorted(set(c['evidence'] for c in with_evidence)))})")

    for c in cards:
        cid = c.get("id")
        keys = set(c)
        if CARD_REQUIRED - keys:
            fail(f"card {cid}: missing {sorted(CARD_REQUIRED - keys)}")
        if keys - CARD_REQUIRED - CARD_OPTIONAL:
            fail(f"card {cid}: unknown keys {sorted(keys - CARD_REQUIRED - CARD_OPTIONAL)}")
        if c.get("section") not in section_ids:
            fail(f"card {cid}: unknown section {c.get('section')!r}")
        if c.get("depth") not in DEPTHS:
            fail(f"card {cid}: bad depth")
        if c.get("mode") not in MODES:
            fail(f"card {cid}: bad mode")
        if c.get("kind") not in KINDS:
            fail(f"card {cid}: bad kind")
        for l in c.get("love_languages", []):
            if l not in LANGS:
                fail(f"card {cid}: bad love language {l!r}")
        if len(set(c.get("love_languages", []))) != len(c.get("love_languages", [])):
            fail(f"card {cid}: repeated love language")
        steps = c.get("steps", [])
        if not 2 <= len(steps) <= 5:
            fail(f"card {cid}: {len(steps)} steps")
        m = c.get("minutes")
        if not isinstance(m, int) or isinstance(m, bool) or not 1 <= m <= 60:
            fail(f"card {cid}: minutes {m!r}")
        for b in ("partner_facing", "from_article"):
            if not isinstance(c.get(b), bool):
                fail(f"card {cid}: {b} not a bool")
        if c.get("mode") == "together" and c.get("partner_facing") is not True:
            fail(f"card {cid}: together card must be partner_facing")
        if "evidence" in c and c["evidence"] not in ALLOWED_EVIDENCE:
            fail(f"card {cid}: evidence not in the allowed list: {c['evidence']!r}")
        n_why = len(re.findall(r"[.?]", c.get("why", "")))
        if not 1 <= n_why <= 2:
            fail(f"card {cid}: why has {n_why} sentences")

    if total_c < MIN_CARDS:
        fail(f"only {total_c} cards")
    for s in SECTION_IDS:
        if c_sec[s] < MIN_CARDS_PER_SECTION:
            fail(f"section {s}: only {c_sec[s]} cards")
    if total_c and c_depth["light"] / total_c < MIN_LIGHT:
        fail("cards: too few light")
    if total_c and c_depth["deep"] / total_c < MIN_DEEP:
        fail("cards: too few deep")
    if c_mode["together"] < MIN_TOGETHER:
        fail("cards: too few together")
    for l in LANGS:
        if c_lang[l] < MIN_PER_LANGUAGE:
            fail(f"cards: love language {l} on only {c_lang[l]} cards")
    if len(from_article) < MIN_FROM_ARTICLE:
        fail("cards: too few from_article")
    # One article exercise per section that has one (the final reflection has none).
    for s in SECTION_IDS[:6]:
        if from_article_secs[s] < 1:
            fail(f"section {s}: its article exercise is missing")
    if len(solo_inward) < MIN_SOLO_INWARD:
        fail("cards: too few solo inward cards")
    if c_kind["pause"] < MIN_PAUSE:
        fail("cards: too few pause cards")
    if c_kind["conversation"] < MIN_CONVERSATION:
        fail("cards: too few conversation cards")
    if c_kind["play"] < 1:
        fail("cards: no play cards")
    light_play = [c for c in cards if c.get("kind") == "play" and c.get("depth") == "light"]
    if not light_play:
        fail("cards: no light play cards")
    finkel = [c for c in cards if c.get("evidence") == "Finkel et al. 2013" and c.get("kind") == "writing"]
    if not finkel:
        fail("cards: no third-party-view writing card (Finkel et al. 2013)")
    feel_need = [c for c in cards if "I feel" in c.get("title", "") and
                 len([e for e in c.get("examples", []) if "->" in e]) >= 3]
    if not feel_need:
        fail("cards: no 'I feel... I need...' card with 3+ worked examples")
    weekly = [c for c in cards if c.get("id") == "weekly-check-in"]
    if not weekly:
        fail("cards: no weekly check-in card")
    for c in cards:
        if "examples" in c and "->" not in " ".join(c["examples"]):
            fail(f"card {c.get('id')}: examples lack 'before -> after'")
    print(f"  light play cards: {len(light_play)}; Finkel writing cards: {len(finkel)}; "
          f"I feel/I need cards: {len(feel_need)}; weekly check-in: {len(weekly)}")

    # ---- lines
    print("LINES")
    arrive = lines.get("arrive", [])
    sc = lines.get("self_compassion", [])
    print(f"  arrive: {len(arrive)}; self_compassion: {len(sc)}")
    if set(lines) != {"arrive", "self_compassion"}:
        fail(f"lines: keys {sorted(lines)}")
    if len(arrive) < MIN_ARRIVE:
        fail("lines: too few arrive")
    if len(sc) < MIN_SELF_COMPASSION:
        fail("lines: too few self_compassion")
    for l in arrive + sc:
        if len(set(arrive + sc)) != len(arrive + sc):
            fail("lines: repeated line")
            break

    # ---- text-wide checks
    print("TEXT")
    bangs = []
    for name, data in files.items():
        for s in all_strings(data):
            if "!" in s:
                bangs.append((name, s))
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            raw = f.read()
        if "!" in raw:
            bangs.append((name, "(raw file contains '!')"))
    print(f"  '!' characters: {len(bangs)}")
    for name, s in bangs:
        fail(f"{name}: exclamation mark in {s!r}")

    print(f"  duplicate ids: sections={len(dup_report['section'])}, "
          f"prompts={len(dup_report['prompt'])}, cards={len(dup_report['card'])}")
    bad_refs = [x for x in prompts + cards if x.get("section") not in section_ids]
    print(f"  unresolved section references: {len(bad_refs)}")

    try:
        with open(args.article, encoding="utf-8") as f:
            article_grams = ngrams(words(f.read()), NGRAM)
    except OSError as e:
        fail(f"cannot read article {args.article}: {e}")
        article_grams = set()
    overlaps = []
    for name, data in files.items():
        for s in all_strings(data):
            hit = ngrams(words(s), NGRAM) & article_grams
            if hit:
                overlaps.append((name, " ".join(sorted(hit)[0]), s))
    print(f"  {NGRAM}-word runs shared with the article: {len(overlaps)}")
    for name, g, s in overlaps:
        fail(f"{name}: shares '{g}' with the article: {s!r}")

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
