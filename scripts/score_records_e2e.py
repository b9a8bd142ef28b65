"""End-to-end record scores: raw articles -> reader -> model -> rules -> the shared scorer.

    python scripts/score_records_e2e.py [--model DIR] [--out DIR]

Scores (1) the five seeds from their raw files against data/seeds/expected.jsonl (all seeds are held out of
training), and (2) the genre test split (held out) read from ../shared/genre with each article's annotated
publication date, against its stand-off expected records. Prints the scorer's table for each.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCORER = REPO / "training" / "score_records.py"


def write_predictions(results, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r.to_dict(include_text=False), ensure_ascii=False) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--out", default=None, help="keep gold/prediction JSONL here")
    args = parser.parse_args()

    from qianyue import AgreementExtractor
    from qianyue.training.config import load_config
    from qianyue.training.datasets import eval_set

    out = Path(args.out or tempfile.mkdtemp(prefix="qianyue-e2e-"))
    out.mkdir(parents=True, exist_ok=True)
    ex = AgreementExtractor.from_pretrained(args.model)

    seeds = sorted((REPO / "data" / "seeds" / "raw").glob("*.txt"))
    write_predictions([ex.extract_file(p) for p in seeds], out / "seeds_pred.jsonl")
    print("== seeds (raw files; all held out of training)", flush=True)
    subprocess.run([sys.executable, str(SCORER), str(REPO / "data" / "seeds" / "expected.jsonl"),
                    str(out / "seeds_pred.jsonl")], check=False)

    cfg = load_config(REPO / "configs" / "default.yaml")
    docs = eval_set("genre_test", cfg)
    if docs:
        genre_root = cfg.genre_dir(required=True)
        with open(out / "genre_gold.jsonl", "w", encoding="utf-8") as g:
            for d in docs:
                g.write(json.dumps({"doc": d.id, "agreements": d.agreements}, ensure_ascii=False) + "\n")
        results = [ex.extract_file(genre_root / f"{d.id}.txt", published=d.published) for d in docs]
        write_predictions(results, out / "genre_pred.jsonl")
        print(f"== genre test split ({len(docs)} held-out articles: {', '.join(d.id for d in docs)})", flush=True)
        subprocess.run([sys.executable, str(SCORER), str(out / "genre_gold.jsonl"), str(out / "genre_pred.jsonl")],
                       check=False)
    print(f"(predictions in {out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
