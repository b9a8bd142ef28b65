"""Cross-fitting: folds of a training source left out (corpora `leave_out: k/n`), the stored-tagging rows of the
record bench, and scripts/crossfit_tagging.py end to end with a tiny model."""
import importlib.util
import json
from pathlib import Path

import pytest

from conftest import TINY_TRAIN, tiny_config

ROOT = Path(__file__).resolve().parents[1]


def test_folds_partition_the_ids_evenly_and_never_move():
    from qianyue.training.datasets import crossfit_fold

    ids = [f"g{i:03d}" for i in range(1, 114)]
    folds = [crossfit_fold(ids, k, 3) for k in (1, 2, 3)]
    assert set().union(*folds) == set(ids)
    assert sum(len(f) for f in folds) == len(ids)  # disjoint
    assert sorted(len(f) for f in folds) == [37, 38, 38]
    assert crossfit_fold(list(reversed(ids)), 2, 3) == folds[1]  # fixed by the ids, not their order


@pytest.mark.parametrize("value", ["0/3", "4/3", "1/1", "3", "a/b"])
def test_a_bad_leave_out_is_one_config_error(tmp_path, value):
    from qianyue.errors import ConfigError
    from qianyue.training.config import load_config

    recipe = tmp_path / "r.yaml"
    recipe.write_text(f"corpora:\n  - {{name: genre, leave_out: '{value}'}}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="leave_out must be 'k/n'"):
        load_config(recipe)


def test_leave_out_drops_exactly_that_fold(tmp_path):
    from qianyue.training.config import CorpusSpec, TrainConfig
    from qianyue.training.datasets import crossfit_fold, load_source

    cfg = TrainConfig(genre_root=None, corpora_root=None)
    every = load_source(CorpusSpec("jsonl", path=str(TINY_TRAIN)), cfg)
    kept = load_source(CorpusSpec("jsonl", path=str(TINY_TRAIN), leave_out="2/4"), cfg)
    held = crossfit_fold([d.id for d in every], 2, 4)
    assert held and {d.id for d in kept} == {d.id for d in every} - held


def _stored(docs, entities_of):
    out = {"__model__": "test"}
    for d in docs:
        out[d.id] = {"text": d.text, "published": d.published,
                     "entities": [{"label": e.label, "text": e.text, "start": e.start, "end": e.end,
                                   "score": e.score} for e in entities_of(d)]}
    return out


def test_bench_rows_from_stored_spans_equal_the_same_spans_given_directly(tmp_path):
    from qianyue.errors import ConfigError
    from qianyue.rules import build_records
    from qianyue.training.config import TrainConfig
    from qianyue.training.record_bench import gold_entities, load_set, run_bench

    cfg = TrainConfig(synthetic_dev_docs=6, genre_root=None)
    docs = load_set("synthetic_heldout", cfg)
    path = tmp_path / "tagged.json"
    path.write_text(json.dumps(_stored(docs, gold_entities), ensure_ascii=False), encoding="utf-8")
    rows = run_bench(["synthetic_heldout"], cfg, {"rules": build_records}, tagged_file=path)
    assert [r["spans"] for r in rows] == ["gold", "stored"]
    assert rows[1]["overall"] == rows[0]["overall"] and rows[1]["per_doc"] == rows[0]["per_doc"]
    assert rows[1]["docs"] == len(docs) == 6

    short = tmp_path / "short.json"
    short.write_text(json.dumps(_stored(docs[:2], gold_entities), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"short\.json: no tagged article for .*\(4 of 6 missing\)"):
        run_bench(["synthetic_heldout"], cfg, {"rules": build_records}, tagged_file=short)


def test_crossfit_script_tags_every_train_article_with_a_model_that_did_not_see_it(tmp_path, tiny_base, monkeypatch):
    from qianyue.training.config import TrainConfig
    from qianyue.training.datasets import crossfit_fold
    from qianyue.training.record_bench import load_set

    genre = TrainConfig().genre_dir()
    if genre is None:
        pytest.skip("../shared/genre is not beside the checkout")
    monkeypatch.setenv("QIANYUE_GENRE", str(genre))
    recipe = tmp_path / "recipe.yaml"
    base = tiny_config(tiny_base, tmp_path / "unused")
    recipe.write_text(
        f"base_model: {tiny_base}\ncorpora:\n  - {{name: genre, weight: 1}}\n"
        f"dev_sets: [{TINY_TRAIN}]\ncorpora_root: null\nmax_length: {base.max_length}\noverlap: {base.overlap}\n"
        "max_steps: 2\nbatch_size: 4\neval_every: 0\nnum_threads: 1\nfreeze_embeddings: false\n", encoding="utf-8")
    spec = importlib.util.spec_from_file_location("crossfit_tagging", ROOT / "scripts" / "crossfit_tagging.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    out = tmp_path / "crossfit.json"
    models = tmp_path / "models"
    args = ["--folds", "2", "--out", str(out), "--config", str(recipe), "--models-dir", str(models), "--no-export"]
    assert script.run(args) == 0
    stored = json.loads(out.read_text(encoding="utf-8"))
    train_ids = [d.id for d in load_set("genre_train", TrainConfig(genre_root=str(genre)))]
    assert sorted(k for k in stored if k != "__model__") == sorted(train_ids)
    for k in (1, 2):
        done = json.loads((models / f"crossfit-{k}-of-2" / "crossfit.json").read_text(encoding="utf-8"))
        assert set(done["held_out"]) == crossfit_fold(train_ids, k, 2)
    # a second run finds both folds trained and only tags again
    mtime = (models / "crossfit-1-of-2" / "crossfit.json").stat().st_mtime
    assert script.run(args) == 0
    assert (models / "crossfit-1-of-2" / "crossfit.json").stat().st_mtime == mtime
    assert script.run(["--folds", "1", "--out", str(out)]) == 2
