"""Splits and the DatasetDict builder, on tiny fixtures (no ../shared needed)."""
from __future__ import annotations

import json

import pytest

from conftest import TINY_TRAIN
from qianyue.errors import ConfigError
from qianyue.training.config import CorpusSpec, TrainConfig
from qianyue.training.data import Document, load_documents, validate_documents
from qianyue.training.datasets import build_splits, genre_splits, to_dataset_dict, weighted
from qianyue.training.features import alt_tags, char_tags
from qianyue.labels import bio_tags


def test_dataset_dict_from_tiny_fixtures():
    cfg = TrainConfig(corpora=[CorpusSpec("jsonl", path=str(TINY_TRAIN))], dev_sets=[str(TINY_TRAIN)],
                      genre_root=None, corpora_root=None)
    splits = build_splits(cfg)
    dd = to_dataset_dict(splits)
    assert set(dd) == {"train", "dev", "test"}
    assert dd["train"].num_rows == 8 and dd["dev"].num_rows == 8
    row = dd["train"][0]
    doc = next(d for d in splits["train"] if d.id == row["id"])
    assert [(s, e, lab) for s, e, lab in zip(row["span_starts"], row["span_ends"], row["span_labels"])] == doc.spans


def test_genre_split_is_fixed_and_stratified():
    import collections
    import json
    from qianyue.training.datasets import GENRE_SPLIT_FILE
    fixed = json.loads(GENRE_SPLIT_FILE.read_text(encoding="utf-8"))
    split, kinds = fixed["split"], fixed["kinds"]
    assert len(split) == 180
    # the first batch keeps the assignment it had before the second batch arrived
    first_test = ["g002", "g013", "g015", "g018", "g024", "g028", "g030", "g043"]
    first_dev = ["g005", "g007", "g009", "g032", "g034", "g042"]
    assert sorted(i for i, s in split.items() if s == "test" and int(i[1:]) < 44) == first_test
    assert sorted(i for i, s in split.items() if s == "dev" and int(i[1:]) < 44) == first_dev
    new = collections.Counter((s, kinds[i]) for i, s in split.items() if int(i[1:]) >= 44)
    assert sum(n for (s, _), n in new.items() if s == "test") == 33
    assert sum(n for (s, _), n in new.items() if s == "dev") == 20
    assert all(new[("test", k)] > 0 and new[("dev", k)] > 0 for k in ("one", "several", "meeting"))
    docs = [Document(id=i, text="x", spans=[]) for i in sorted(split)]
    a, b = genre_splits(docs), genre_splits(list(reversed(docs)))
    assert {k: sorted(d.id for d in v) for k, v in a.items()} == {k: sorted(d.id for d in v) for k, v in b.items()}
    with pytest.raises(ConfigError, match="no split"):
        genre_splits([Document(id="g999", text="x", spans=[])])


def test_weights_repeat_and_sample():
    docs = [Document(id=str(i), text="x", spans=[]) for i in range(10)]
    assert len(weighted(docs, 2.5, 0)) == 25 and len(weighted(docs, 0.3, 0)) == 3


def test_seeds_cannot_be_a_training_source():
    cfg = TrainConfig(corpora=[CorpusSpec("seeds")], genre_root=None, corpora_root=None, dev_sets=[])
    with pytest.raises(ConfigError, match="seeds"):
        build_splits(cfg)


def test_partial_label_targets():
    tags = bio_tags(["PARTY", "DATE"])
    doc = Document(id="c", text="国务院今天", spans=[(0, 3, "PARTY")], labels=["PARTY"])
    assert char_tags(doc, {t: i for i, t in enumerate(tags)}) == [1, 2, 2, 0, 0]
    assert alt_tags(doc, tags) == [0, 0, 0, 1, 1]  # an O here may still be a DATE
    assert alt_tags(Document(id="f", text="x", spans=[]), tags) == [0] * 5


def test_shipped_annotations_validate():
    from pathlib import Path
    repo = Path(__file__).resolve().parent.parent
    seeds = load_documents(repo / "data" / "seeds" / "seeds.jsonl")
    assert len(seeds) == 5 and validate_documents(seeds) == []
    for path in (repo / "data" / "genre").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert set(rec) >= {"doc", "sha256", "spans", "agreements"} and "text" not in rec


def test_genre_loader_refuses_a_changed_file(tmp_path):
    from qianyue.training.genre import load_genre
    ann = tmp_path / "ann"
    ann.mkdir()
    (tmp_path / "g900.txt").write_text("某市政府与某公司签约", encoding="utf-8")
    (ann / "a.jsonl").write_text(json.dumps({"doc": "g900.txt", "sha256": "0" * 64, "spans": [],
                                             "agreements": []}) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="sha256"):
        load_genre(tmp_path, ann)
    assert load_genre(None, ann) == []


def test_validate_checks_genre_standoff_files(tmp_path, monkeypatch):
    """`python -m qianyue.training.data validate` reads stand-off genre files against the article folder."""
    from qianyue.training import data as data_mod
    root = tmp_path / "genre"
    root.mkdir()
    text = "甲市政府与乙公司签署战略合作协议。市长张三出席。"
    (root / "g900.txt").write_text(text, encoding="utf-8")
    import hashlib
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    good = {"doc": "g900.txt", "sha256": digest, "published": None,
            "spans": [[0, 4, "PARTY"], [5, 8, "PARTY"], [10, 16, "AGREEMENT"], [17, 19, "TITLE"], [19, 21, "OFFICIAL"]],
            "agreements": [{"title": "战略合作协议", "date": None, "amounts": [],
                            "parties": [{"name": "甲市政府", "kind": "government", "aliases": []},
                                        {"name": "乙公司", "kind": "enterprise", "aliases": []}],
                            "officials": [{"name": "张三", "title": "市长", "party": "甲市政府", "role": "witness"}]}]}
    monkeypatch.setenv("QIANYUE_GENRE", str(root))
    path = tmp_path / "ann.jsonl"
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n", encoding="utf-8")
    assert data_mod.main(["validate", str(path)]) == 0
    bad = json.loads(json.dumps(good))
    bad["agreements"][0]["officials"][0]["role"] = "host"
    bad["agreements"][0]["date"] = "5月"
    path.write_text(json.dumps(bad, ensure_ascii=False) + "\n", encoding="utf-8")
    assert data_mod.main(["validate", str(path)]) == 1
    bad["sha256"] = "0" * 64
    path.write_text(json.dumps(bad, ensure_ascii=False) + "\n", encoding="utf-8")
    assert data_mod.main(["validate", str(path)]) == 1


def test_every_genre_standoff_file_is_valid():
    """All 180 annotated genre articles: one split entry each, valid spans and records (needs ../shared/genre)."""
    from qianyue.training.config import TrainConfig
    from qianyue.training.genre import ANNOTATION_DIR, validate_standoff
    root = TrainConfig().genre_dir()
    if root is None:
        pytest.skip("../shared/genre is not beside the checkout")
    ids = []
    for path in sorted(ANNOTATION_DIR.glob("*.jsonl")):
        docs, problems = validate_standoff(path, root)
        assert problems == [], problems[:5]
        ids += [d.id for d in docs]
    assert len(ids) == len(set(ids)) == 180
