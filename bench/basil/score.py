#!/usr/bin/env python3
"""Score briefing output on the BASIL development events against the gold.

Usage: score.py ARTICLES_DIR GOLD_DIR RESULTS_DIR [-v]

ARTICLES_DIR/<uuid>/ holds the converted articles (convert.py), GOLD_DIR/<uuid>.toml
the annotations, RESULTS_DIR/<uuid>/briefing.json the program's output
(`briefing build --seeds ARTICLES_DIR/<uuid> --out RESULTS_DIR/<uuid> --format json -q`).

Disagreement rows are matched exactly as in tests/agreement.rs (word_set,
overlap, figures, supports, hits, score; `norm` from tests/common/mod.rs and
`fold` from src/text/mod.rs are ported below): a system row matches a gold row
when its cells support the gold values of at least two outlets; gold and
system rows are paired greedily, most supported outlets first. A system row
that pairs with no gold row at all is a false row (a second row on a gold
topic already matched is a repeat, not a false row).

A gold fact is found when one system fact cites at least two of the gold
fact's outlets with a paragraph whose words overlap the gold evidence for that
outlet by 0.5 or more (overlap as in agreement.rs).

Prints per event: rows found, missed gold rows, false rows, facts found; then
recall per category and the summary line
`basil dev: rows found X/Y (Z%), false rows F, facts found A/B (C%)`.
"""

import json
import os
import sys
import unicodedata

import gold as basil

# --- text folding: port of briefing::text::{normalize_space, fold} ---------

_SPELLED = {
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ß": "ss",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i",
}
_QUOTES = {
    "\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2011": "-",
}


def _is_control(c):
    return unicodedata.category(c) == "Cc"


def normalize_space(line):
    out = []
    pending_space = False
    for c in line:
        if c.isspace() or (_is_control(c) and c != "\u200d"):
            pending_space = bool(out)
        elif c in ("\u200b", "\ufeff", "\u2060", "\u00ad"):
            continue
        else:
            if pending_space:
                out.append(" ")
                pending_space = False
            out.append(c)
    return "".join(out)


def fold(text):
    out = []
    for c in unicodedata.normalize("NFD", text):
        if unicodedata.category(c) in ("Mn", "Mc", "Me"):
            continue
        spelled = _SPELLED.get(c)
        if spelled:
            out.append(spelled)
            continue
        c = _QUOTES.get(c, c)
        out.append(c.lower())
    return normalize_space("".join(out))


def _is_alphanumeric(c):
    # Rust char::is_alphanumeric: Alphabetic or Numeric (categories Nd, Nl, No).
    return c.isalpha() or unicodedata.category(c) in ("Nd", "Nl", "No")


def norm(text):
    """tests/common/mod.rs norm: folded, only letters, digits, apostrophes and single spaces."""
    folded = fold(text)
    kept = "".join(c if (_is_alphanumeric(c) or c == "'" or c == " ") else " " for c in folded)
    return " ".join(kept.split())


# --- port of tests/agreement.rs ---------------------------------------------

def word_set(text):
    """The words of a text, for loose comparison of two excerpts (byte length > 2, as in Rust)."""
    return {w for w in norm(text).split(" ") if len(w.encode("utf-8")) > 2}


def overlap(a, b):
    """Share of the shorter text's words that the other has."""
    a, b = word_set(a), word_set(b)
    shared = len(a & b)
    return shared / max(min(len(a), len(b)), 1)


def figures(text):
    """The figures in a text ("7,400" and "7400" alike)."""
    return [w for w in norm(text.replace(",", "")).split(" ") if w[:1].isascii() and w[:1].isdigit()]


def supports(row_source, value, evidence, gold):
    """Whether a row's cell gives the gold value: the same source, and evidence
    that is the gold's sentence (or one it allows), or the same figures."""
    if gold.get("source") != row_source:
        return False
    gold_value = gold.get("value", "") or ""
    evidences = [gold.get("evidence", "") or ""]
    evidences.extend(e for e in gold.get("also", []) if isinstance(e, str))
    numbers = figures(value)
    gold_figures = figures(gold_value)
    same_figures = bool(numbers) and all(n in gold_figures for n in numbers)
    value_words = word_set(value)
    for e in evidences:
        about = word_set(gold_value) | word_set(e)
        o = overlap(evidence, e)
        if (same_figures and o >= 0.3) or (o >= 0.6 and (not value_words or not value_words.isdisjoint(about))):
            return True
    return False


def hits(row, gold_row):
    """How many of a gold row's outlets a system row agrees with."""
    sources = []
    for v in row.get("values", []) or []:
        value = v.get("value")
        evidence = v.get("evidence")
        if value is None or not evidence or evidence.get("text") is None:
            continue
        supported = any(supports(v.get("source"), value, evidence["text"], g) for g in gold_row.get("value", []))
        if supported and v.get("source") not in sources:
            sources.append(v.get("source"))
    return len(sources)


def score(model, gold):
    """(matched gold row indices, missed gold topics, false system rows), as agreement.rs score()."""
    gold_rows = gold.get("disagreement", [])
    rows = model.get("disagreements", []) or []
    pairs = []
    for g, gold_row in enumerate(gold_rows):
        for r, row in enumerate(rows):
            n = hits(row, gold_row)
            if n >= 2:
                pairs.append((n, g, r))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    matched_gold, matched_rows = [], []
    for _, g, r in pairs:
        if g not in matched_gold and r not in matched_rows:
            matched_gold.append(g)
            matched_rows.append(r)
    missed = [gold_rows[g].get("topic", "?") for g in range(len(gold_rows)) if g not in matched_gold]
    paired = {r for _, _, r in pairs}
    false_rows = [f"{rows[r].get('topic', '?')} ({rows[r].get('kind', '?')})" for r in range(len(rows)) if r not in paired]
    return matched_gold, missed, false_rows


# --- facts -------------------------------------------------------------------

def paragraph_lookup(model, articles_dir):
    """source id -> function(n) giving the text of paragraph n (0 = title)."""
    by_id = {}
    for s in model.get("sources", []) or []:
        numbered = {}
        for i, p in enumerate(s.get("paragraphs") or [], 1):
            if isinstance(p, dict):
                numbered[p.get("n", i)] = p.get("text", "")
            else:
                numbered[i] = str(p)
        by_id[s.get("id")] = (s.get("title") or "", numbered)

    def text(source, n):
        if source not in by_id or not by_id[source][1]:
            path = os.path.join(articles_dir, f"{source}.md")
            if os.path.exists(path):
                paragraphs = dict(enumerate(basil.read_article(path)[1], 1))
                by_id[source] = (by_id.get(source, ("", {}))[0], paragraphs)
        title, paragraphs = by_id.get(source, ("", {}))
        if not isinstance(n, int):
            return ""
        if n == 0:
            return title
        return paragraphs.get(n, "")

    return text


def fact_found(gold_fact, model, para):
    evidence = dict(zip(gold_fact.get("sources", []), gold_fact.get("evidence", [])))
    for fact in model.get("facts", []) or []:
        good = set()
        for s in fact.get("sources", []) or []:
            source = s.get("source")
            if source in evidence and source not in good:
                if overlap(para(source, s.get("paragraph")), evidence[source]) >= 0.5:
                    good.add(source)
        if len(good) >= 2:
            return True
    return False


# --- report ------------------------------------------------------------------

def pct(a, b):
    return 100.0 * a / b if b else 0.0


def main(argv):
    args = [a for a in argv[1:] if a != "-v"]
    verbose = "-v" in argv[1:]
    if len(args) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    articles_dir, gold_dir, results_dir = args
    totals = {"rows": 0, "found": 0, "false": 0, "facts": 0, "facts_found": 0}
    categories = {}
    for uuid, path in basil.events(gold_dir):
        problems = []
        gold = basil.load(path, basil.load_event(articles_dir, uuid), problems)
        for p in problems:
            print(f"{uuid}: gold problem: {p}", file=sys.stderr)
        gold_rows = gold.get("disagreement", [])
        gold_facts = gold.get("fact", [])
        totals["rows"] += len(gold_rows)
        totals["facts"] += len(gold_facts)
        for row in gold_rows:
            categories.setdefault(row.get("category", "?"), [0, 0])[1] += 1
        result = os.path.join(results_dir, uuid, "briefing.json")
        if not os.path.exists(result):
            print(f"{uuid}: no briefing.json in {os.path.join(results_dir, uuid)}; rows 0/{len(gold_rows)}, facts 0/{len(gold_facts)}")
            continue
        with open(result, encoding="utf-8") as f:
            model = json.load(f)
        matched, missed, false_rows = score(model, gold)
        for g in matched:
            categories[gold_rows[g].get("category", "?")][0] += 1
        para = paragraph_lookup(model, os.path.join(articles_dir, uuid))
        found_facts = [fact_found(fact, model, para) for fact in gold_facts]
        totals["found"] += len(matched)
        totals["false"] += len(false_rows)
        totals["facts_found"] += sum(found_facts)
        n_rows = len(model.get("disagreements", []) or [])
        print(
            f"{uuid}: rows found {len(matched)}/{len(gold_rows)}, false rows {len(false_rows)} "
            f"(of {n_rows} system rows), facts found {sum(found_facts)}/{len(gold_facts)}"
        )
        if verbose:
            for g in sorted(matched):
                print(f"  found   {gold_rows[g].get('topic')}")
        for topic in missed:
            print(f"  missed  {topic}")
        for row in false_rows:
            print(f"  false   {row}")
        if verbose:
            for fact, ok in zip(gold_facts, found_facts):
                if not ok:
                    print(f"  fact missed  {fact.get('text')}")
    print("recall per category: " + ", ".join(
        f"{c} {f}/{n}" for c, (f, n) in sorted(categories.items(), key=lambda x: (-x[1][1], x[0]))
    ))
    print(
        f"basil dev: rows found {totals['found']}/{totals['rows']} ({pct(totals['found'], totals['rows']):.0f}%), "
        f"false rows {totals['false']}, facts found {totals['facts_found']}/{totals['facts']} "
        f"({pct(totals['facts_found'], totals['facts']):.0f}%)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
