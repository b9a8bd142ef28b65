"""Assemblers (rules / hybrid / learned) and the learned record judge."""
from __future__ import annotations

import pytest

from conftest import tag as entities_from
from qianyue.assembly import ASSEMBLERS, RecordJudge, get_assembler, load_judge
from qianyue.errors import ConfigError
from qianyue.rules import build_records


def tag(text, items, score=0.95):
    return entities_from(text, items, score)


FULL = ("6月1日，青川县人民政府与星河科技有限公司签署《数字青川战略合作协议》。"
        "副县长周青与星河科技有限公司总经理韩立代表双方签约。")
FULL_SPANS = [("6月1日", "DATE"), ("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"),
              ("《数字青川战略合作协议》", "AGREEMENT"), ("副县长", "TITLE"), ("周青", "OFFICIAL"),
              ("星河科技有限公司", "PARTY"), ("总经理", "TITLE"), ("韩立", "OFFICIAL")]
# a tagger that caught only a cut-off name: one side, no title, nothing else
FRAGMENT = "会后，星河科与县里签约。"


def test_shipped_judge_ranks_a_full_record_above_a_fragment():
    judge = load_judge()
    assert judge is not None  # data/assembly/record_judge.json ships with the package
    full = ASSEMBLERS["hybrid"](FULL, tag(FULL, FULL_SPANS), "2024-06-02")
    frag = ASSEMBLERS["hybrid"](FRAGMENT, tag(FRAGMENT, [("星河科", "PARTY")], score=0.5), "2024-06-02")
    assert len(full) == 1 and len(frag) == 1
    assert full[0].confidence >= 0.8 > frag[0].confidence
    # hybrid keeps the rules' records, learned drops what the judge finds unlikely
    assert [r.title for r in full] == [r.title for r in build_records(FULL, tag(FULL, FULL_SPANS), "2024-06-02")]
    learned_frag = ASSEMBLERS["learned"](FRAGMENT, tag(FRAGMENT, [("星河科", "PARTY")], score=0.5), "2024-06-02")
    assert learned_frag == [] or learned_frag[0].confidence >= 0.5


def test_fit_learns_which_features_mark_real_records():
    from qianyue.training.assembly_train import fit

    feats = [{"sides": s / 4, "noise": (i * 7 % 5) / 5} for i, s in enumerate([1, 2, 2, 3, 1, 2, 1, 2, 2, 1] * 5)]
    labels = [int(f["sides"] >= 0.5) for f in feats]
    judge = fit(feats, labels)
    assert judge.weights["sides"] > 1.0 and abs(judge.weights["noise"]) < judge.weights["sides"]
    again = RecordJudge.from_dict(judge.to_dict())
    assert again.probability({"sides": 0.5, "noise": 0.2}) > 0.8 > 0.2 > again.probability({"sides": 0.25, "noise": 0.2})


def test_unknown_assembler_is_a_config_error():
    assert get_assembler(None) is ASSEMBLERS["hybrid"]
    with pytest.raises(ConfigError, match="assembler 'magic'"):
        get_assembler("magic")


def test_the_checkpoint_carries_its_record_assembly(tiny_model, tmp_path):
    import json
    import shutil

    from qianyue import AgreementExtractor
    from qianyue.errors import ConfigError, ModelError
    from qianyue.training.config import TrainConfig, validate_config

    model = tmp_path / "model"
    shutil.copytree(tiny_model / "best", model)
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    assert config["qianyue"]["assembler"] == "hybrid"  # training wrote the recipe's choice
    config["qianyue"]["assembler"] = "rules"
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    assert AgreementExtractor.from_pretrained(model, runtime="torch").assembler == "rules"  # the recipe's choice
    assert AgreementExtractor.from_pretrained(model, runtime="torch", assembler="learned").assembler == "learned"
    config["qianyue"]["assembler"] = "clever"
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError, match="unknown assembler 'clever'"):
        AgreementExtractor.from_pretrained(model, runtime="torch")
    with pytest.raises(ConfigError, match="assembler must be one of"):
        validate_config(TrainConfig(assembler="clever"))


def _toy_examples(n=120):
    import random

    rng = random.Random(3)
    feats, labels = [], []
    for _ in range(n):
        f = {"sides": rng.choice([0.25, 0.5, 0.75]), "verb": float(rng.random() < 0.7), "noise": rng.random()}
        # a record is real when it names two sides, or one side with a signing verb: an interaction a single
        # weight per feature cannot express, trees can
        labels.append(int(f["sides"] >= 0.5 or (f["verb"] == 1.0 and rng.random() < 0.8)))
        feats.append(f)
    return feats, labels


def test_tree_judge_gives_the_probabilities_of_the_boosted_trees_it_was_exported_from():
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier

    from qianyue.training.assembly_train import TREE_SETTINGS, fit_trees

    feats, labels = _toy_examples()
    judge = fit_trees(feats, labels, seed=5)
    names = sorted(feats[0])
    model = GradientBoostingClassifier(random_state=5, **TREE_SETTINGS).fit(
        np.array([[f[n] for n in names] for f in feats]), labels)
    expected = model.predict_proba(np.array([[f[n] for n in names] for f in feats]))[:, 1]
    got = [judge.probability(f) for f in feats]
    assert max(abs(a - b) for a, b in zip(got, expected)) < 1e-9
    assert judge.probability({"sides": 0.75, "verb": 1.0, "noise": 0.5}) > 0.8
    assert judge.probability({"sides": 0.25, "verb": 0.0, "noise": 0.5}) < 0.5


def test_judge_files_round_trip_and_old_logistic_files_still_load(tmp_path):
    import json

    from qianyue.assembly import RecordJudge, TreeJudge
    from qianyue.training.assembly_train import fit, fit_trees, judge_json

    feats, labels = _toy_examples()
    for judge, cls in ((fit_trees(feats, labels), TreeJudge), (fit(feats, labels), RecordJudge)):
        d = dict(judge.to_dict(), examples=len(labels))
        path = tmp_path / f"{judge.kind}.json"
        path.write_text(judge_json(d), encoding="utf-8")
        assert json.loads(path.read_text(encoding="utf-8")) == d
        again = load_judge(str(path))
        assert isinstance(again, cls)
        assert [again.probability(f) for f in feats[:20]] == [judge.probability(f) for f in feats[:20]]
    old = fit(feats, labels).to_dict()
    del old["kind"]  # the format of rounds 1-11
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    assert isinstance(load_judge(str(tmp_path / "old.json")), RecordJudge)


def test_a_file_that_is_not_a_judge_is_a_config_error_naming_it(tmp_path):
    import json

    from qianyue.training.assembly_train import fit_trees

    feats, labels = _toy_examples()
    good = fit_trees(feats, labels).to_dict()
    bad_kind = dict(good, kind="forest")
    loop = json.loads(json.dumps(good))
    loop["trees"][0]["left"][1] = 0  # a child pointing back at the root: a walk would never end
    short = json.loads(json.dumps(good))
    short["trees"][0]["value"].pop()
    for name, d, why in (("kind.json", bad_kind, "unknown judge kind 'forest'"), ("loop.json", loop, "outside its tree"),
                         ("short.json", short, "differ in length"), ("empty.json", {}, "not a record judge")):
        (tmp_path / name).write_text(json.dumps(d), encoding="utf-8")
        with pytest.raises(ConfigError, match=why) as err:
            load_judge(str(tmp_path / name))
        assert name in str(err.value)
