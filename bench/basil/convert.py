#!/usr/bin/env python3
"""Convert chosen BASIL events (Fan et al. 2019) into Markdown article folders.

Usage: convert.py BASIL_GIT_DIR OUT_DIR [--events FILE]

For each event uuid listed in FILE (default: events.txt next to this script;
one uuid per line, '#' starts a comment) the three articles
articles/<year>/<uuid>_{1,2,3}.json are read from the BASIL git mirror with
`git show HEAD:<path>` and written as OUT_DIR/<uuid>/<source>.md, where
<source> is fox, nyt or hpo, with YAML front matter (outlet, title,
published, url) and one Markdown paragraph per BASIL body paragraph.

The article texts are third-party: write them outside the repository and
never commit them.
"""

import json
import os
import re
import subprocess
import sys

OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}
HERE = os.path.dirname(os.path.abspath(__file__))


def git(git_dir, *args):
    out = subprocess.run(["git", "-C", git_dir, *args], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def read_events(path):
    events = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                events.append(line)
    return events


def yaml_string(text):
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def yaml_plain_or_quoted(text):
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s#'\"]*", text) and not text.endswith(":"):
        return text
    return yaml_string(text)


def paragraph_text(strings):
    """One body paragraph: its strings joined with a space, whitespace collapsed."""
    return " ".join(" ".join(s.split()) for s in strings if s.strip())


def paragraphs(article):
    return [p for p in (paragraph_text(ps) for ps in article.get("body-paragraphs", [])) if p]


def to_markdown(article):
    source = article["source"].lower()
    lines = [
        "---",
        f"outlet: {OUTLETS[source]}",
        f"title: {yaml_string(' '.join(article.get('title', '').split()))}",
        f"published: {article['date']}",
        f"url: {yaml_plain_or_quoted(article.get('url', ''))}",
        "---",
        "",
    ]
    body = "\n\n".join(paragraphs(article))
    return "\n".join(lines) + "\n" + body + "\n"


def event_paths(git_dir):
    """uuid -> [article paths] for every event in the mirror."""
    names = git(git_dir, "ls-tree", "-r", "HEAD", "--name-only").split("\n")
    found = {}
    for name in names:
        m = re.fullmatch(r"articles/(\d{4})/([0-9a-f-]{36})_([123])\.json", name)
        if m:
            found.setdefault(m.group(2), []).append(name)
    return found


def load_event(git_dir, uuid, paths=None):
    """The event's three articles as dicts, keyed by lower-case source."""
    paths = paths if paths is not None else event_paths(git_dir)
    if uuid not in paths:
        raise SystemExit(f"event {uuid} not found in {git_dir}")
    articles = {}
    for path in sorted(paths[uuid]):
        article = json.loads(git(git_dir, "show", f"HEAD:{path}"))
        source = article["source"].lower()
        if source not in OUTLETS:
            raise SystemExit(f"{path}: unknown source {article['source']!r}")
        articles[source] = article
    return articles


def main(argv):
    args = list(argv[1:])
    events_file = os.path.join(HERE, "events.txt")
    if "--events" in args:
        i = args.index("--events")
        events_file = args[i + 1]
        del args[i : i + 2]
    if len(args) != 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    git_dir, out_dir = args
    paths = event_paths(git_dir)
    for uuid in read_events(events_file):
        articles = load_event(git_dir, uuid, paths)
        folder = os.path.join(out_dir, uuid)
        os.makedirs(folder, exist_ok=True)
        for source, article in sorted(articles.items()):
            with open(os.path.join(folder, f"{source}.md"), "w", encoding="utf-8") as f:
                f.write(to_markdown(article))
        print(f"{uuid}: {', '.join(sorted(articles))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
