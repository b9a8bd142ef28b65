"""Train the learned record judge of qianyue.assembly (boosted trees, or a logistic regression, over record features).

Examples are the candidate records the rules build, labelled 1 when the shared scorer's record matching pairs them
with a gold agreement, else 0. Sources (never genre dev or test, never the seeds):
- the genre train split and the synthetic training families, on gold spans;
- the same documents with spans degraded the way a tagger errs (a party missed, a name cut short, a spurious
  short PARTY, lower scores on the damaged spans), several seeded variants each;
- optionally the model's own spans of genre train articles (--tagged, a cache written by scripts/bench_records.py).

    python -m qianyue.training.assembly_train [--out data/assembly/record_judge.json] [--tagged CACHE.json]
                                              [--kind trees|logistic]

Trees (the default, round 12) are sklearn's GradientBoostingClassifier, written out as plain arrays for
qianyue.assembly.TreeJudge; on records of articles it never saw they rank real records above false ones better than
the logistic regression (docs/benchmarks.md, round 12), whose one weight per feature cannot say that a second side
matters less once the signing verb and a title are there.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Optional

import numpy as np

from qianyue.assembly import RecordJudge, TreeJudge, judge_path
from qianyue.errors import ConfigError
from qianyue.fileio import atomic_write_text, check_writable
from qianyue.results import Entity
from qianyue.rules import build_records

from .record_bench import BenchDoc, gold_entities, load_set, record_matches, tagged_from_store


def degrade(doc: BenchDoc, rng: random.Random) -> list[Entity]:
    """Gold spans with tagger-like errors: clean spans score 0.85-1.0, damaged ones 0.4-0.75."""
    out = []
    for e in gold_entities(doc):
        r = rng.random()
        if e.label == "PARTY" and r < 0.12:
            continue  # missed
        if e.label in ("PARTY", "AGREEMENT") and r < 0.22 and e.end - e.start > 4:
            cut = rng.randint(1, 2)  # cut short
            out.append(Entity(e.label, doc.text[e.start:e.end - cut], e.start, e.end - cut, rng.uniform(0.4, 0.75)))
            continue
        out.append(Entity(e.label, e.text, e.start, e.end, rng.uniform(0.85, 1.0)))
    taken = [(e.start, e.end) for e in out]
    for _ in range(rng.randint(0, 2)):  # a spurious short PARTY where the text is not a name
        s = rng.randrange(0, max(1, len(doc.text) - 4))
        if all(e <= s or s + 3 <= b for b, e in taken) and doc.text[s:s + 3].strip() and "\n" not in doc.text[s:s + 3]:
            out.append(Entity("PARTY", doc.text[s:s + 3], s, s + 3, rng.uniform(0.4, 0.7)))
    return sorted(out, key=lambda e: e.start)


def examples(docs: list[BenchDoc], entity_sets: list[list[Entity]], texts: Optional[list[str]] = None):
    """(feature dicts, labels) of the rules' candidate records on each document's entities."""
    feats_all, labels = [], []
    for i, (d, ents) in enumerate(zip(docs, entity_sets)):
        text = texts[i] if texts else d.text
        feats: list = []
        recs = build_records(text, ents, d.published, features=feats)
        as_dicts = [r.to_dict() for r in recs]
        # a record without parties is real when it is one of the projects the article counts (it then stands for a
        # gold record left unpaired); a party-less record of any other origin is judged by the scorer's matching
        loose, strict = record_matches(d.gold, as_dicts), record_matches(d.gold, as_dicts, anonymous=False)
        ok = [lo if f.get("counted") else st for lo, st, f in zip(loose, strict, feats)]
        seen_counted = set()
        for f, good in zip(feats, ok):
            if f.get("counted"):
                # counted records are copies of one another (same features): one example per document and
                # label, or a mass signing of 60 projects would outweigh sixty ordinary articles
                key = (tuple(sorted(f.items())), good)
                if key in seen_counted:
                    continue
                seen_counted.add(key)
            feats_all.append(f)
            labels.append(int(good))
    return feats_all, labels


def fit(feats: list[dict], labels: list[int], l2: float = 1.0, steps: int = 3000, lr: float = 0.1) -> RecordJudge:
    """L2-regularised logistic regression by full-batch gradient descent on standardised features."""
    names = sorted(feats[0])
    x = np.array([[f[n] for n in names] for f in feats], dtype=np.float64)
    y = np.array(labels, dtype=np.float64)
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    xs = (x - mean) / scale
    w, b = np.zeros(len(names)), 0.0
    # no class weights: the probability stays calibrated to how often candidates are real, so that the cuts
    # 0.5 and 0.8 of --min-confidence mean what they say
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(xs @ w + b)))
        g = p - y
        w -= lr * (xs.T @ g / len(y) + l2 * w / len(y))
        b -= lr * g.mean()
    return RecordJudge(dict(zip(names, map(float, w))), float(b), dict(zip(names, map(float, mean))),
                       dict(zip(names, map(float, scale))))


# Boosting settings chosen on genre train's cross-fitted tagging and blind dev (docs/benchmarks.md, round 12): the
# row subsampling matters most (without it the ranking on unseen records fell from about 0.85 to 0.80 AUC).
TREE_SETTINGS = {"n_estimators": 150, "max_depth": 3, "learning_rate": 0.05, "subsample": 0.8}


def fit_trees(feats: list[dict], labels: list[int], seed: int = 0, **settings) -> TreeJudge:
    """Gradient-boosted trees on the log-odds of a candidate being real, exported as plain arrays (TreeJudge)."""
    from sklearn.ensemble import GradientBoostingClassifier

    names = sorted(feats[0])
    x = np.array([[f.get(n, 0.0) for n in names] for f in feats], dtype=np.float64)
    y = np.array(labels, dtype=np.int64)
    model = GradientBoostingClassifier(random_state=seed, **dict(TREE_SETTINGS, **settings)).fit(x, y)
    prior = float(model.init_.class_prior_[1])
    trees = []
    for (estimator,) in model.estimators_:
        t = estimator.tree_
        trees.append({"feature": [int(v) if c >= 0 else 0 for v, c in zip(t.feature, t.children_left)],
                      "threshold": [float(v) if c >= 0 else 0.0 for v, c in zip(t.threshold, t.children_left)],
                      "left": [int(v) for v in t.children_left], "right": [int(v) for v in t.children_right],
                      "value": [float(v) for v in t.value[:, 0, 0]]})
    return TreeJudge(names, trees, float(np.log(prior / (1.0 - prior))), float(model.learning_rate))


def judge_json(d: dict) -> str:
    """The judge file's text: its fields one per line, each tree on a line of its own (readable diffs)."""
    head = json.dumps({k: v for k, v in d.items() if k != "trees"}, indent=1, sort_keys=True)
    if "trees" not in d:
        return head + "\n"
    trees = ",\n".join("  " + json.dumps(t, sort_keys=True, separators=(",", ":")) for t in d["trees"])
    return head[:-2] + ',\n "trees": [\n' + trees + "\n ]\n}\n"


def corrections_documents(paths) -> list[BenchDoc]:
    """The reviewed articles of corrections files (`qianyue review`): their corrected spans and records."""
    from qianyue.review.corrections import load_corrections

    return [BenchDoc(d.id, d.text, d.spans, d.published, d.agreements or [])
            for path in paths for d in load_corrections(path) if d.agreements is not None]


def training_examples(cfg, tagged: Optional[Path] = None, variants: int = 4, seed: int = 0, corrections=(),
                      log=None, reviewed: Optional[list[BenchDoc]] = None):
    """(features, labels) of the judge's training candidates. `corrections`: corrections files whose reviewed
    articles are learned from like genre train (their spans, and the same spans degraded), or `reviewed`, those
    articles already read (corrections_documents); without the genre
    articles (a machine without ../shared/genre) a judge fitted for corrections learns from them and the
    synthetic families, with a notice through `log`, and a judge for the package needs them."""
    from .synthetic import generate_documents, training_families

    stored = None
    if tagged is not None:  # read first: a bad cache is an error now, not after the synthetic examples
        try:
            stored = json.loads(tagged.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{tagged}: cannot read the tagged-article cache ({exc.strerror or exc})") from None
        except (ValueError, RecursionError) as exc:
            raise ConfigError(f"{tagged}: not a tagged-article cache ({exc})") from None
        if not isinstance(stored, dict):
            raise ConfigError(f"{tagged}: not a tagged-article cache (no JSON object of articles)")
    if reviewed is None:
        reviewed = corrections_documents(corrections)
    try:
        genre = load_set("genre_train", cfg)
    except ConfigError as exc:
        if not corrections and not reviewed:
            raise
        genre = []
        if log:
            log(f"record judge: without the genre articles ({exc}); learning from the corrections and the "
                f"synthetic articles")
    fams = training_families()
    synth = [BenchDoc(d.id, d.text, d.spans, d.published, d.agreements or [])
             for d in generate_documents(200, seed=seed + 7, families=fams)]
    docs = genre + synth + reviewed
    feats, labels = examples(docs, [gold_entities(d) for d in docs])
    rng = random.Random(seed)
    for _ in range(variants):
        f, l = examples(docs, [degrade(d, rng) for d in docs])
        feats += f
        labels += l
    if stored is not None:
        have = [d for d in genre if d.id in stored]
        tagged_have = [tagged_from_store(stored[d.id]) for d in have]
        f, l = examples(have, [t.entities for t in tagged_have], [t.text for t in tagged_have])
        feats += f
        labels += l
    return feats, labels


def fit_model_judge(cfg, corrections, model_dirs, log=print) -> Optional[Path]:
    """Fit a record judge that learns from the reviewed articles of `corrections` too, and write it into each model
    directory (record_judge.json next to config.json), where loading the model picks it up: `qianyue train
    --corrections` calls this, so the records an analyst accepted or dropped teach the confidence of the next
    run, not only the tagger. None (and nothing written) when the corrections hold no reviewed record or there is
    not both a real and a false candidate."""
    from qianyue.assembly import JUDGE_FILE

    reviewed = corrections_documents(corrections)  # read once: counted here, learned from below
    if not reviewed:
        # (an empty file, or spans only: a judge refitted then learns nothing the package's did not, and without the
        # genre articles it would learn less)
        log("record judge: not refitted (the corrections hold no reviewed records); the package's stays")
        return None
    feats, labels = training_examples(cfg, reviewed=reviewed, log=log)
    if not feats or len(set(labels)) < 2:
        log("record judge: not refitted (the examples hold no false candidate record); the package's stays")
        return None
    text = judge_json(dict(fit_trees(feats, labels).to_dict(), examples=len(labels), positives=sum(labels)))
    written = None
    for d in model_dirs:
        if Path(d, "config.json").exists():
            written = Path(d) / JUDGE_FILE
            atomic_write_text(written, text)
    if written is not None:
        log(f"record judge: {len(labels)} candidate records ({sum(labels)} real, "
            f"{len(reviewed)} reviewed articles among them) -> {JUDGE_FILE}")
    return written


def main(argv=None) -> int:
    from .config import load_config

    ap = argparse.ArgumentParser(prog="python -m qianyue.training.assembly_train", description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(judge_path()), help="the judge file to write (default: the shipped one)")
    ap.add_argument("--tagged", default=None, help="tagged-article cache of genre train (scripts/bench_records.py)")
    ap.add_argument("--config", default=None, help="training recipe whose data settings to use (default: default)")
    ap.add_argument("--kind", choices=("trees", "logistic"), default="trees")
    ap.add_argument("--corrections", action="append", default=[], metavar="FILE",
                    help="corrections from `qianyue review` to learn from too (repeatable)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    try:
        cfg = load_config(args.config or "default")
        # the judge is written whole at the end: find out now, not after the training, that it cannot be
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            check_writable(out)
        except OSError as exc:
            raise ConfigError(f"{exc.filename or out}: cannot write the judge ({exc.strerror or exc})") from None
        feats, labels = training_examples(cfg, Path(args.tagged) if args.tagged else None,
                                          corrections=[Path(c) for c in args.corrections],
                                          log=lambda m: print(m, file=sys.stderr))
    except ConfigError as exc:
        print(f"assembly_train: {exc}", file=sys.stderr)
        return 2
    if not feats or len(set(labels)) < 2:
        print("assembly_train: need both real and false candidate records to learn from", file=sys.stderr)
        return 2
    judge = fit_trees(feats, labels) if args.kind == "trees" else fit(feats, labels)
    try:
        atomic_write_text(out, judge_json(dict(judge.to_dict(), examples=len(labels), positives=sum(labels))))
    except OSError as exc:
        print(f"assembly_train: {out}: cannot write the judge ({exc.strerror or exc})", file=sys.stderr)
        return 2
    if args.kind == "trees":
        print(f"{out}: {len(labels)} candidate records ({sum(labels)} real); {len(judge.trees)} trees over "
              f"{len(judge.features)} features")
    else:
        print(f"{out}: {len(labels)} candidate records ({sum(labels)} real); weights "
              + ", ".join(f"{k} {v:+.2f}" for k, v in sorted(judge.weights.items(), key=lambda kv: -abs(kv[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
