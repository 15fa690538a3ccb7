"""The BASIL gold and the converted articles it points into, shared by
check_gold.py and score.py.

The article texts are third-party, so the gold holds no sentence of them:
every piece of evidence (a disagreement value's `evidence` and `also`, a
fact's `evidence`, a single_source `text`) is a locator "¶N:A-B", characters
A to B of paragraph N (0 is the headline) of that outlet's article as
convert.py writes it, with runs of white space made one space. Loading the
gold puts the text back in from the articles.
"""

import json
import os
import re
import tomllib

LOCATOR = re.compile(r"^¶(\d+):(\d+)-(\d+)$")


def read_article(path):
    """(title, [paragraphs]) of a Markdown file written by convert.py."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    title = ""
    if text.startswith("---\n"):
        header, _, body = text[4:].partition("\n---\n")
        for line in header.split("\n"):
            if line.startswith("title:"):
                value = line[len("title:"):].strip()
                title = json.loads(value) if value.startswith('"') else value
    else:
        body = text
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    return title, paragraphs


def load_event(articles_dir, uuid):
    """{source: (title, paragraphs)} for one event's converted articles."""
    folder = os.path.join(articles_dir, uuid)
    return {n[:-3]: read_article(os.path.join(folder, n)) for n in sorted(os.listdir(folder)) if n.endswith(".md")}


def resolve(articles, source, locator, problems, what):
    """The text a locator points at, or "" (with a problem) when it points nowhere."""
    match = LOCATOR.match(locator or "")
    if source not in articles or not match:
        problems.append(f"{what}: {source!r} {locator!r} is not a locator into a known article")
        return ""
    n, start, end = map(int, match.groups())
    title, paragraphs = articles[source]
    text = title if n == 0 else (paragraphs[n - 1] if n <= len(paragraphs) else "")
    if not start < end <= len(text):
        problems.append(f"{what}: {source} {locator} lies outside its paragraph")
        return ""
    return text[start:end]


def events(gold_dir):
    """(uuid, path) of every gold file, in order."""
    for name in sorted(os.listdir(gold_dir)):
        if name.endswith(".toml"):
            yield name[:-5], os.path.join(gold_dir, name)


def load(path, articles, problems):
    """The gold of one event with every locator replaced by its text."""
    with open(path, "rb") as f:
        gold = tomllib.load(f)
    for i, row in enumerate(gold.get("disagreement", []), 1):
        for v in row.get("value", []):
            what = f"row {i} {row.get('topic', '?')!r}"
            v["evidence"] = resolve(articles, v.get("source"), v.get("evidence"), problems, what)
            v["also"] = [resolve(articles, v.get("source"), a, problems, what) for a in v.get("also", [])]
    for i, fact in enumerate(gold.get("fact", []), 1):
        what = f"fact {i}"
        fact["evidence"] = [resolve(articles, s, e, problems, what) for s, e in zip(fact.get("sources", []), fact.get("evidence", []))]
    for i, single in enumerate(gold.get("single_source", []), 1):
        single["text"] = resolve(articles, single.get("source"), single.get("text"), problems, f"single_source {i}")
    return gold
