#!/usr/bin/env python3
"""Check the BASIL gold annotations against the converted articles.

Usage: check_gold.py OUT_DIR [GOLD_DIR]

OUT_DIR is the folder convert.py wrote (OUT_DIR/<uuid>/<source>.md); GOLD_DIR
defaults to gold/ next to this script. Every evidence locator (disagreement
values and their `also` alternatives, fact evidence, single_source text; see
gold.py) must point inside a paragraph of its article (the headline counts as
a paragraph too, but is reported). Also checked: kinds and
categories are known, each row has values from at least two different
outlets with at least two different values, facts name 2+ outlets with one
evidence each. Prints counts per event; exits 1 on any problem.
"""

import os
import sys
import tomllib

import gold as basil

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"number", "list", "wording", "date", "other"}
CATEGORIES = {
    "figure", "list", "date-time", "manner", "contradiction", "agent",
    "title", "quotation-wording", "framing", "other",
}


def where(articles, source, text, problems, what):
    """Paragraph number (1-based; 0 = headline) holding text, or None."""
    if source not in articles:
        problems.append(f"{what}: unknown source {source!r}")
        return None
    if not text:
        problems.append(f"{what}: empty text")
        return None
    title, paragraphs = articles[source]
    for n, p in enumerate(paragraphs, 1):
        if text in p:
            return n
    if text in title:
        return 0
    problems.append(f"{what}: not verbatim in {source}: {text!r}")
    return None


def check(gold, articles):
    problems, notes = [], []
    rows = gold.get("disagreement", [])
    for i, row in enumerate(rows, 1):
        what = f"row {i} {row.get('topic', '?')!r}"
        if not row.get("topic"):
            problems.append(f"{what}: no topic")
        if row.get("kind") not in KINDS:
            problems.append(f"{what}: kind {row.get('kind')!r}")
        if row.get("category") not in CATEGORIES:
            problems.append(f"{what}: category {row.get('category')!r}")
        values = row.get("value", [])
        sources = [v.get("source") for v in values]
        if len(set(sources)) < 2:
            problems.append(f"{what}: fewer than two outlets")
        if len(sources) != len(set(sources)):
            problems.append(f"{what}: an outlet twice")
        if len({v.get("value") for v in values}) < 2:
            problems.append(f"{what}: all values the same")
        for v in values:
            if not v.get("value"):
                problems.append(f"{what}: {v.get('source')}: empty value")
            for e in [v.get("evidence", "")] + list(v.get("also", [])):
                if where(articles, v.get("source"), e, problems, what) == 0:
                    notes.append(f"{what}: {v.get('source')} evidence is in the headline")
    facts = gold.get("fact", [])
    for i, fact in enumerate(facts, 1):
        what = f"fact {i} {fact.get('text', '?')[:50]!r}"
        sources, evidence = fact.get("sources", []), fact.get("evidence", [])
        if len(set(sources)) < 2 or len(sources) != len(set(sources)):
            problems.append(f"{what}: needs two or more distinct outlets")
        if len(sources) != len(evidence):
            problems.append(f"{what}: {len(sources)} sources but {len(evidence)} evidence strings")
        for s, e in zip(sources, evidence):
            if where(articles, s, e, problems, what) == 0:
                notes.append(f"{what}: {s} evidence is in the headline")
    singles = gold.get("single_source", [])
    for i, single in enumerate(singles, 1):
        what = f"single_source {i}"
        where(articles, single.get("source"), single.get("text", ""), problems, what)
    return rows, facts, singles, problems, notes


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    out_dir = argv[1]
    gold_dir = argv[2] if len(argv) == 3 else os.path.join(HERE, "gold")
    failed = False
    totals = [0, 0, 0, 0]
    categories = {}
    for uuid, path in basil.events(gold_dir):
        if not os.path.isdir(os.path.join(out_dir, uuid)):
            print(f"{uuid}: no articles in {out_dir} (run convert.py)")
            failed = True
            continue
        articles = basil.load_event(out_dir, uuid)
        located = []
        try:
            gold = basil.load(path, articles, located)
        except tomllib.TOMLDecodeError as err:
            print(f"{uuid}: not valid TOML: {err}")
            failed = True
            continue
        rows, facts, singles, problems, notes = check(gold, articles)
        problems = located + problems
        values = sum(len(r.get("value", [])) for r in rows)
        for r in rows:
            categories[r.get("category")] = categories.get(r.get("category"), 0) + 1
        totals = [a + b for a, b in zip(totals, [len(rows), values, len(facts), len(singles)])]
        status = "ok" if not problems else f"{len(problems)} problem(s)"
        print(f"{uuid}: {len(rows)} rows ({values} values), {len(facts)} facts, {len(singles)} single-source: {status}")
        for p in problems:
            print(f"  ERROR {p}")
        for n in notes:
            print(f"  note  {n}")
        failed |= bool(problems)
    print(f"total: {totals[0]} rows ({totals[1]} values), {totals[2]} facts, {totals[3]} single-source")
    print("categories: " + ", ".join(f"{c} {n}" for c, n in sorted(categories.items(), key=lambda x: (-x[1], str(x[0])))))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
