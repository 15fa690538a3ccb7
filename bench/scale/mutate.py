#!/usr/bin/env python3
"""A scale corpus made by mutating real articles, not by the project's own
generator: N files drawn from a folder of article texts (e.g. the PolNeAR
train articles that ../../../shared/bench/polnear/run-train.sh converts),
each copy with figures changed, a paragraph dropped or two swapped, an
outlet and a date in front matter (or none), some page chrome around it,
and about one in ten a verbatim wire copy of an earlier one.

    python3 bench/scale/mutate.py ARTICLES_DIR OUT_DIR N [SEED]

The texts stay outside the repository: only this script is kept.
"""
import os, random, re, sys

src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
files = sorted(f for f in os.listdir(src) if f.endswith(('.txt', '.md')))
texts = [open(os.path.join(src, f), encoding='utf-8', errors='replace').read() for f in files]
outlets = [f"{a} {b}" for a in ("Northern", "Coastal", "Capital", "Valley", "Metro", "Harbour", "Union", "Evening")
           for b in ("Herald", "Ledger", "Post", "Courier", "Observer", "Times", "Wire", "Gazette")]
chrome = ["Share this article", "Advertisement", "Read more: the week in pictures", "Sign up for our newsletter",
          "Photo: Staff photographer / Agency", "© 2016 All rights reserved", "Most read", "Follow us on social media"]
os.makedirs(out, exist_ok=True)
made = []
for i in range(n):
    if made and rng.random() < 0.1:
        body = rng.choice(made)  # wire copy
    else:
        text = rng.choice(texts)
        paras = [p for p in re.split(r'\n\s*\n', text) if p.strip()]
        if len(paras) > 4 and rng.random() < 0.5:
            del paras[rng.randrange(1, len(paras))]
        if len(paras) > 4 and rng.random() < 0.5:
            j = rng.randrange(1, len(paras) - 1)
            paras[j], paras[j + 1] = paras[j + 1], paras[j]
        body = '\n\n'.join(paras)
        body = re.sub(r'\b\d{2,}\b', lambda m: str(int(m.group()) + rng.choice((0, 0, 1, -1, 10))), body)
        made.append(body)
    lines = []
    if rng.random() < 0.3:
        lines.append(rng.choice(chrome))
    lines.append(body)
    if rng.random() < 0.5:
        lines.append(rng.choice(chrome))
    text = '\n\n'.join(lines) + '\n'
    if rng.random() < 0.5:
        day = rng.randrange(1, 28)
        text = f"---\noutlet: {rng.choice(outlets)}\npublished: 2016-10-{day:02d}\n---\n\n" + text
        name = f"a{i:05d}.md"
    else:
        name = f"a{i:05d}.txt"
    open(os.path.join(out, name), 'w', encoding='utf-8').write(text)
