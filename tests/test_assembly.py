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
