#!/usr/bin/env python3
"""Cross-fitted tagging of the genre train split: every train article tagged by a model that never saw it.

The default model trains on genre train, so its spans on train articles are better than on any new article, and
what the record rules and the record judge learn from them is learned from a tagger that knows the answer. Here
the recipe is trained n times, each time leaving out one fold of genre train (corpora `leave_out: k/n`), and each
model (exported to int8 ONNX like the default) tags the fold it did not see. The result is a tagged-article file
in the record bench's cache format, for

    python scripts/bench_records.py --sets genre_train --tagged FILE        # end to end on unseen train articles
    python -m qianyue.training.assembly_train --tagged FILE                 # the judge learns from them

    python scripts/crossfit_tagging.py --folds 3 --out crossfit_train.json [--config default] [--models-dir DIR]
                                       [--only K]   # one fold: a quick look at a recipe

A fold whose model is already trained (its run directory holds `crossfit.json`) is not trained again, and an
interrupted fold resumes from its last checkpoint: rerun the same command.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path


def fold_config(base_cfg, k: int, n: int, out_dir: Path):
    """The recipe with fold k of n of genre train left out, written to out_dir."""
    from qianyue.errors import ConfigError

    specs = [dataclasses.replace(s) for s in base_cfg.corpora]
    genre = [s for s in specs if s.name == "genre" and s.split == "train"]
    if not genre:
        raise ConfigError("crossfit: the recipe trains on no genre train articles, so there is nothing to hold out")
    for s in genre:
        s.leave_out = f"{k}/{n}"
    return dataclasses.replace(base_cfg, corpora=specs, output_dir=str(out_dir))


def main(argv=None) -> int:
    from qianyue import AgreementExtractor
    from qianyue.paths import qianyue_home
    from qianyue.training.config import load_config
    from qianyue.training.datasets import crossfit_fold
    from qianyue.training.record_bench import load_set, tag_documents

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--out", required=True, help="tagged-article file to write (record bench cache format)")
    ap.add_argument("--config", default="default")
    ap.add_argument("--models-dir", default=None, help="where the fold models go (default: $QIANYUE_HOME/models)")
    ap.add_argument("--only", type=int, default=None, help="train and tag this fold alone (a quick look at a recipe)")
    ap.add_argument("--no-export", action="store_true", help="tag with torch fp32 instead of the int8 export")
    args = ap.parse_args(argv)
    if args.folds < 2 or (args.only is not None and not 1 <= args.only <= args.folds):
        print("crossfit_tagging: --folds must be at least 2 and --only one of them", file=sys.stderr)
        return 2
    cfg = load_config(args.config)
    docs = load_set("genre_train", cfg)
    if not docs:
        print("crossfit_tagging: no genre train articles (set $QIANYUE_GENRE)", file=sys.stderr)
        return 2
    models = Path(args.models_dir) if args.models_dir else qianyue_home() / "models"
    stored: dict = {"__model__": f"crossfit {args.folds} folds of genre train, recipe {args.config}"
                                 + (f", fold {args.only} only" if args.only else "")}
    for k in [args.only] if args.only else range(1, args.folds + 1):
        run_dir = models / f"crossfit-{k}-of-{args.folds}"
        held = crossfit_fold([d.id for d in docs], k, args.folds)
        done = run_dir / "crossfit.json"
        if not done.exists():
            from qianyue.training.trainer import train

            t0 = time.time()
            train(fold_config(cfg, k, args.folds, run_dir), resume=(run_dir / "last").is_dir())
            if not args.no_export:
                from qianyue.export import export_onnx
                export_onnx(run_dir, None, int8=True, dev_docs=None, log=lambda m: print(m, file=sys.stderr))
            done.write_text(json.dumps({"fold": k, "folds": args.folds, "held_out": sorted(held),
                                        "train_seconds": round(time.time() - t0)}, indent=1) + "\n")
        extractor = AgreementExtractor.from_pretrained(run_dir, runtime="torch" if args.no_export else "auto")
        fold_docs = [d for d in docs if d.id in held]
        cache = run_dir / "tagged_held_out.json"
        tag_documents(extractor, fold_docs, cache, model_key=str(run_dir))
        fold_store = json.loads(cache.read_text(encoding="utf-8"))
        stored.update({d.id: fold_store[d.id] for d in fold_docs})
        print(f"fold {k}/{args.folds}: {len(fold_docs)} articles tagged by {run_dir}", file=sys.stderr)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    print(f"{out}: {len(stored) - 1} genre train articles, each tagged by a model trained without it")
    return 0


def run(argv=None) -> int:
    """main() with qianyue's errors (a missing genre folder, a bad model or config) as one line, not a traceback."""
    from qianyue.errors import run_reporting_errors

    return run_reporting_errors("crossfit_tagging", main, argv)


if __name__ == "__main__":
    sys.exit(run())
