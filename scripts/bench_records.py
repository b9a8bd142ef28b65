#!/usr/bin/env python3
"""Record-assembly benchmark (training/record_bench.py): rules on gold spans and end to end with a model, per set.

    python scripts/bench_records.py [--sets genre_train,genre_dev,synthetic_heldout,synthetic_round2]
                                    [--model DIR | --no-model | --tagged FILE]
                                    [--assemblers rules,...] [--per-doc] [--json OUT.json]

genre_test and seeds are test sets: name them only to report.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv=None) -> int:
    from qianyue.assembly import ASSEMBLERS
    from qianyue.training.config import load_config
    from qianyue.training.record_bench import DEVELOPMENT_SETS, SETS, format_table, per_doc_lines, run_bench

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(DEVELOPMENT_SETS), help=f"comma-separated subset of {', '.join(SETS)}")
    ap.add_argument("--model", default=None, help="model directory for the end-to-end rows (default: default model)")
    ap.add_argument("--no-model", action="store_true", help="gold-span rows only")
    ap.add_argument("--no-gold", action="store_true", help="end-to-end rows only")
    ap.add_argument("--assemblers", default="rules", help=f"comma-separated subset of {', '.join(ASSEMBLERS)}")
    ap.add_argument("--config", default=None)
    ap.add_argument("--per-doc", action="store_true")
    ap.add_argument("--cache", default=None, help="JSON file keeping the model's tagged articles between runs "
                    "(one file per model: delete it when the model changes)")
    ap.add_argument("--tagged", default=None, help="tagged-article file (scripts/crossfit_tagging.py): its spans, "
                    "not a model's, make the end-to-end rows (\"stored\")")
    ap.add_argument("--json", default=None, help="write all rows (with per-document cells) here")
    args = ap.parse_args(argv)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    bad = [s for s in sets if s not in SETS]
    names = [a.strip() for a in args.assemblers.split(",") if a.strip()]
    bad_asm = [a for a in names if a not in ASSEMBLERS]
    if bad or bad_asm:
        print(f"bench_records: unknown {'set' if bad else 'assembler'} {(bad or bad_asm)[0]!r}", file=sys.stderr)
        return 2
    cfg = load_config(args.config or "default")
    extractor, model_key = None, ""
    if not args.no_model and not args.tagged:
        from qianyue import AgreementExtractor
        from qianyue.modeling import resolve_model_dir
        from qianyue.paths import default_model_dir
        extractor = AgreementExtractor.from_pretrained(args.model)
        weights = resolve_model_dir(args.model or default_model_dir())
        model_key = f"{weights}:{max((p.stat().st_mtime for p in weights.iterdir()), default=0)}"
    rows = run_bench(sets, cfg, {n: ASSEMBLERS[n] for n in names}, extractor=extractor, gold=not args.no_gold,
                     cache=Path(args.cache) if args.cache else None, model_key=model_key,
                     tagged_file=Path(args.tagged) if args.tagged else None)
    print(format_table(rows))
    if args.per_doc:
        for r in rows:
            print("\n".join(per_doc_lines(r)))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(rows, f, ensure_ascii=False, indent=1)
    return 0


def run(argv=None) -> int:
    """main() with qianyue's errors (a missing genre folder, a bad model or config) as one line, not a traceback."""
    from qianyue.errors import run_reporting_errors

    return run_reporting_errors("bench_records", main, argv)


if __name__ == "__main__":
    sys.exit(run())
