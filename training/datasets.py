"""Splits and the DatasetDict the trainer and `qianyue evaluate` use.

Fixed before training, by seeded shuffles of document ids (never by difficulty):
- genre (real articles, stand-off): the fixed split of all 180 articles in data/genre/split.json (first batch 8
  test / 6 dev as before, second batch 33 test / 20 dev stratified by kind), the rest train;
- seeds (the five founding articles): all in test — a model is never scored on a seed it trained on;
- synthetic: the training template families in train; the held-out families (agreement_first, tripartite) are
  their own dev set, reported apart;
- public corpora: their train split in train only (they are out of genre, so they are not used to select models).
"""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Optional

from qianyue.errors import ConfigError
from qianyue.resources import data_dir

from .config import CorpusSpec, TrainConfig
from .data import Document, load_documents
from .genre import load_genre

SEEDS_FILE = data_dir() / "seeds" / "seeds.jsonl"
GENRE_SPLIT_FILE = data_dir() / "genre" / "split.json"
EVAL_SETS = ("genre_dev", "genre_test", "seeds", "synthetic_heldout")


def genre_split_of() -> dict[str, str]:
    """Document id -> train/dev/test for all 180 genre articles, fixed once (scripts/make_genre_split.py)."""
    return json.loads(GENRE_SPLIT_FILE.read_text(encoding="utf-8"))["split"]


def genre_splits(docs: list[Document], seed: int | None = None) -> dict[str, list[Document]]:
    """The fixed split (data/genre/split.json); `seed` is accepted for old callers and ignored: the split never moves."""
    split_of = genre_split_of()
    unknown = sorted(d.id for d in docs if d.id not in split_of)
    if unknown:
        raise ConfigError(f"{GENRE_SPLIT_FILE}: no split for genre documents {unknown[:5]}")
    return {name: [d for d in docs if split_of[d.id] == name] for name in ("test", "dev", "train")}


def sample(docs: list[Document], n: Optional[int], seed: int) -> list[Document]:
    if n is None or n >= len(docs):
        return docs
    picked = sorted(random.Random(seed).sample(range(len(docs)), n))
    return [docs[i] for i in picked]


def weighted(docs: list[Document], weight: float, seed: int) -> list[Document]:
    """Repeat docs floor(weight) times plus a seeded sample for the fraction."""
    whole, frac = int(weight), weight - int(weight)
    return docs * whole + sample(docs, int(round(frac * len(docs))), seed)


def crossfit_fold(doc_ids: list[str], k: int, n: int) -> set[str]:
    """The ids in fold k of n: the ids sorted, then dealt out in turn (fold 1 gets the 1st, (n+1)th, ...). Fixed by
    the ids alone, so the same fold is held out by training and by whoever tags it afterwards."""
    return {d for i, d in enumerate(sorted(doc_ids)) if i % n == k - 1}


def load_checked(path: Path) -> list[Document]:
    """A user's JSONL file of Documents, refused with one line when it is malformed or its spans are invalid."""
    from .data import validate_documents

    try:
        docs = load_documents(path)
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: not a Document JSONL file ({exc})") from None
    # labels outside the default set are allowed here: a config may train on its own label set
    problems = [p for p in validate_documents(docs) if "unknown label" not in p]
    if problems:
        raise ConfigError(f"{path}: {problems[0]} ({len(problems)} problem(s); "
                          f"see python -m qianyue.training.data validate)")
    return docs


def load_source(spec: CorpusSpec, cfg: TrainConfig) -> list[Document]:
    if spec.name == "seeds":
        raise ConfigError("corpora: the seeds are kept for testing and cannot be a training source")
    if spec.name == "jsonl":
        if not spec.path:
            raise ConfigError("corpora: a 'jsonl' source needs a 'path'")
        path = cfg.resolved_path(spec.path)
        if not path.exists():
            raise ConfigError(f"{path}: training file not found (corpora path)")
        docs = load_checked(path)
    elif spec.name == "corrections":  # reviewed predictions, stand-off (qianyue review)
        from qianyue.review.corrections import load_corrections
        docs = load_corrections(cfg.resolved_path(spec.path))
    elif spec.name == "genre":
        if spec.split not in ("train", "dev", "test"):
            raise ConfigError(f"corpora: genre split {spec.split!r} is not train, dev or test")
        docs = genre_splits(load_genre(cfg.genre_dir()), cfg.split_seed)[spec.split]
    elif spec.name == "synthetic":
        from .synthetic import generate_documents, training_families
        docs = generate_documents(cfg.synthetic_docs, seed=cfg.seed, families=training_families())
    else:
        from .corpora import load_corpus
        root = cfg.corpora_dir()
        if root is None:
            return []  # the corpora are optional: a clone without ../shared still trains (corpora_dir warned)
        docs = load_corpus(spec.name, root, split=spec.split, max_docs=spec.max_docs, seed=cfg.seed)
    if spec.leave_out is not None:
        from .config import parse_fold
        k, n = parse_fold(spec.leave_out)
        held = crossfit_fold([d.id for d in docs], k, n)
        docs = [d for d in docs if d.id not in held]
    return sample(docs, spec.max_docs, cfg.seed)


def eval_set(name: str, cfg: TrainConfig, required: bool = False) -> list[Document]:
    """Documents of one evaluation set. required: a configured genre folder that is missing is an error (the
    user asked for this set) instead of a warning."""
    if name.endswith(".jsonl"):
        path = cfg.resolved_path(name)
        if not path.exists():
            raise ConfigError(f"{path}: evaluation file not found")
        from qianyue.review.corrections import is_corrections_file, load_corrections
        if is_corrections_file(path):  # corrections saved by `qianyue review`: text from their predictions
            return load_corrections(path)
        return load_checked(path)
    if name in ("genre_dev", "genre_test"):
        return genre_splits(load_genre(cfg.genre_dir(required)), cfg.split_seed)[name.split("_")[1]]
    if name == "seeds":
        return load_documents(SEEDS_FILE) if SEEDS_FILE.exists() else []
    if name == "synthetic_heldout":
        from .synthetic import HELD_OUT_FAMILIES, generate_documents
        return generate_documents(cfg.synthetic_dev_docs, seed=cfg.seed + 1000, families=list(HELD_OUT_FAMILIES))
    raise ConfigError(f"unknown evaluation set {name!r} (known: {', '.join(EVAL_SETS)}, or a .jsonl path)")


def build_splits(cfg: TrainConfig) -> dict[str, list[Document]]:
    train: list[Document] = []
    for spec in cfg.corpora:
        docs = load_source(spec, cfg)
        copies = weighted(docs, spec.weight, cfg.seed)
        if spec.swap_mentions:
            from .augment import default_pool, with_swapped_copies
            copies = with_swapped_copies(copies, default_pool(docs), cfg.seed)
        train += copies
    random.Random(cfg.seed).shuffle(train)
    train = sample(train, cfg.max_train_samples, cfg.seed) if cfg.max_train_samples else train
    dev: list[Document] = []
    for name in cfg.dev_sets:
        dev += eval_set(name, cfg)
    dev = sample(dev, cfg.max_eval_samples, cfg.seed)
    test = eval_set("genre_test", cfg) + eval_set("seeds", cfg)
    return {"train": train, "dev": dev, "test": test}


def to_dataset_dict(splits: dict[str, list[Document]]):
    """A datasets.DatasetDict with one row per document: id, text, span_starts/span_ends/span_labels (Arrow
    columns are typed, so a span's mixed [start, end, label] is stored as three parallel lists), labels, source."""
    from datasets import Dataset, DatasetDict

    def rows(docs):
        return {"id": [d.id for d in docs], "text": [d.text for d in docs],
                "span_starts": [[s for s, _, _ in d.spans] for d in docs],
                "span_ends": [[e for _, e, _ in d.spans] for d in docs],
                "span_labels": [[lab for _, _, lab in d.spans] for d in docs],
                "labels": [d.labels or [] for d in docs], "source": [d.source for d in docs]}

    return DatasetDict({name: Dataset.from_dict(rows(docs)) for name, docs in splits.items()})


def split_stats(cfg: TrainConfig) -> dict[str, dict]:
    """Documents, characters and label counts per split and per evaluation set (for the data card)."""
    from .data import label_counts

    sets = dict(build_splits(cfg))
    for name in EVAL_SETS:
        sets[name] = eval_set(name, cfg)
    out = {}
    for name, docs in sets.items():
        out[name] = {"docs": len(docs), "chars": sum(len(d.text) for d in docs), **dict(label_counts(docs))}
    return out


def main(argv=None) -> int:
    """python -m qianyue.training.datasets [CONFIG] : print split statistics as a Markdown table."""
    import sys

    from .config import load_config

    argv = sys.argv[1:] if argv is None else argv
    cfg = load_config(argv[0] if argv else None)
    labels = list(cfg.labels)
    print("| split | docs | chars | " + " | ".join(labels) + " |")
    print("|---" * (3 + len(labels)) + "|")
    for name, row in split_stats(cfg).items():
        print(f"| {name} | {row['docs']} | {row['chars']} | " + " | ".join(str(row.get(l, 0)) for l in labels) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
