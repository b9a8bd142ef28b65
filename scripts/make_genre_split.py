"""Fix the one split of all 180 genre articles (issue 11); run once, the output is committed and never moved.

The first batch keeps the assignment it had (the seeded shuffle of `training/datasets.py`, seed 13: 8 test, 6 dev).
The second batch (g044–g183) is stratified by kind, read from the `notes` column of SOURCES.tsv — one signing,
several agreements, meeting only — and within each kind ordered by sha256("qianyue-split-2026:" + id), so the order
depends on the document id alone. Test and dev take the first ids of each kind in the quotas below.

    python scripts/make_genre_split.py ../shared/genre/SOURCES.tsv > data/genre/split.json
"""
from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import sys

FIRST_BATCH_SEED = 13
FIRST_BATCH_TEST, FIRST_BATCH_DEV = 8, 6
# second batch, per kind: (test, dev); about 35 test and 20 dev in all, in proportion to the kind counts 74/42/24
QUOTAS = {"one": (18, 11), "several": (10, 6), "meeting": (5, 3)}


# the first batch's notes use other words; its kinds are those of the table in shared/genre/README.md
FIRST_BATCH_KINDS = {**{f"g{n:03d}": "several" for n in (6, 28, 29, 31, 32, 33, 34, 35, 43)},
                     **{f"g{n:03d}": "meeting" for n in range(36, 41)}}


def kind_of(notes: str) -> str:
    if "meeting-only" in notes or re.search(r"\b0 agreements", notes):
        return "meeting"
    if "several" in notes or re.search(r"\b([2-9]|\d\d+) agreements", notes):
        return "several"
    return "one"


def main(sources: str) -> dict:
    rows = list(csv.DictReader(open(sources, encoding="utf-8"), delimiter="\t"))
    ids = sorted(r["file"].removesuffix(".txt") for r in rows)
    first = [i for i in ids if int(i[1:]) < 44]
    shuffled = sorted(first)
    random.Random(FIRST_BATCH_SEED).shuffle(shuffled)
    split = {i: "train" for i in ids}
    split.update({i: "test" for i in shuffled[:FIRST_BATCH_TEST]})
    split.update({i: "dev" for i in shuffled[FIRST_BATCH_TEST:FIRST_BATCH_TEST + FIRST_BATCH_DEV]})
    kinds = {r["file"].removesuffix(".txt"): kind_of(r["notes"]) for r in rows}
    kinds.update({i: FIRST_BATCH_KINDS.get(i, "one") for i in first})
    for kind, (n_test, n_dev) in QUOTAS.items():
        members = sorted((i for i in ids if int(i[1:]) >= 44 and kinds[i] == kind),
                         key=lambda i: hashlib.sha256(f"qianyue-split-2026:{i}".encode()).hexdigest())
        split.update({i: "test" for i in members[:n_test]})
        split.update({i: "dev" for i in members[n_test:n_test + n_dev]})
    return {"note": "fixed once by scripts/make_genre_split.py (issue 11); never moved",
            "kinds": kinds, "split": split}


if __name__ == "__main__":
    json.dump(main(sys.argv[1]), sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    print()
