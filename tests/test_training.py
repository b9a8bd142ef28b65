"""Trainer, config and checkpoint behaviour on the tiny random BERT (seconds, CPU)."""
from __future__ import annotations

import json

import pytest
import torch

from conftest import TINY_TRAIN, tiny_config
from qianyue.errors import ConfigError, ModelError
from qianyue.modeling import Tagger
from qianyue.training.config import load_config
from qianyue.training.data import load_documents
from qianyue.training.metrics import evaluate_tagger
from qianyue.training.trainer import TrainingInterrupted, partial_label_loss, train


def test_unknown_config_key_names_the_key(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("learning_rat: 0.1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="learning_rat"):
        load_config(path)


def test_wrong_type_and_bad_override_are_config_errors(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("batch_size: many\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="batch_size"):
        load_config(path)
    with pytest.raises(ConfigError, match="epochs"):
        load_config(None, ["epochs=0", "max_steps=0"])
    with pytest.raises(ConfigError, match="unknown config key 'nope'"):
        load_config(None, ["nope=1"])
    with pytest.raises(ConfigError, match="unknown config key 'wieght'"):
        load_config(None, ["corpora=[{name: genre, wieght: 2}]"])


def test_overrides_are_typed(tmp_path):
    cfg = load_config(None, ["learning_rate=3e-5", "max_steps=7", "labels=[PARTY, DATE]"])
    assert cfg.learning_rate == pytest.approx(3e-5) and cfg.max_steps == 7 and cfg.labels == ["PARTY", "DATE"]


def test_shipped_recipes_load():
    from conftest import FIXTURES
    for name in ("default", "gpu", "tiny"):
        load_config(FIXTURES.parent.parent / "configs" / f"{name}.yaml")


def test_partial_label_loss_is_cross_entropy_without_missing_labels():
    torch.manual_seed(0)
    logits = torch.randn(2, 5, 5)
    gold = torch.tensor([[-100, 0, 1, 2, -100], [-100, 3, 4, 0, -100]])
    none_missing = torch.zeros(2, 5, dtype=torch.bool)
    expected = torch.nn.functional.cross_entropy(logits.reshape(-1, 5), gold.reshape(-1), ignore_index=-100)
    assert partial_label_loss(logits, gold, none_missing).item() == pytest.approx(expected.item(), rel=1e-5)


def test_partial_label_loss_does_not_punish_missing_labels_on_o():
    # One O character; the model is sure it is B-X, a label the corpus does not annotate.
    logits = torch.tensor([[[0.0, 10.0, 0.0]]])
    gold = torch.tensor([[0]])
    missing = torch.tensor([[False, True, True]])
    assert partial_label_loss(logits, gold, missing).item() < 1e-3
    assert partial_label_loss(logits, gold, torch.zeros(1, 3, dtype=torch.bool)).item() > 5


def test_round_trip_train_save_load_evaluate(tiny_model):
    assert (tiny_model / "best" / "config.json").exists() and (tiny_model / "last" / "trainer_state.json").exists()
    assert (tiny_model / "last" / "optimizer.pt").exists() and (tiny_model / "last" / "rng_state.pth").exists()
    card = (tiny_model / "best" / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and "\n# qianyue agreement tagger" in card
    assert not any((tiny_model / "best" / f).exists() for f in ("trainer_state.json", "optimizer.pt", "rng_state.pth"))
    tagger = Tagger.from_pretrained(tiny_model)
    cfg = json.loads((tiny_model / "best" / "config.json").read_text(encoding="utf-8"))
    assert cfg["qianyue"]["labels"] == ["PARTY", "OFFICIAL", "TITLE", "DATE", "AMOUNT", "AGREEMENT"]
    scores = evaluate_tagger(tagger, load_documents(TINY_TRAIN), with_records=False)
    micro = scores["entities"]["micro"]
    assert 0.0 <= micro["precision"] <= 1.0 and 0.0 <= micro["recall"] <= 1.0
    assert micro["f1"] > 0.5  # it has seen these sentences many times


def test_interrupted_run_resumes_to_the_same_weights(tmp_path, tiny_base):
    full = train(tiny_config(tiny_base, tmp_path / "full", epochs=3), progress=False)
    cut = tiny_config(tiny_base, tmp_path / "cut", epochs=3)
    with pytest.raises(TrainingInterrupted):
        train(cut, stop_after_steps=5, progress=False)
    assert json.loads((tmp_path / "cut" / "last" / "metrics.json").read_text())["step"] == 5
    train(cut, resume=True, progress=False)
    a = Tagger.from_pretrained(full / "last").model.state_dict()
    b = Tagger.from_pretrained(tmp_path / "cut" / "last").model.state_dict()
    for key in a:
        assert torch.allclose(a[key], b[key], atol=1e-5), key


def test_resume_with_another_label_set_is_refused(tmp_path, tiny_base):
    cfg = tiny_config(tiny_base, tmp_path / "run", epochs=1)
    with pytest.raises(TrainingInterrupted):
        train(cfg, stop_after_steps=1, progress=False)
    other = tiny_config(tiny_base, tmp_path / "run", epochs=1, labels=["PARTY", "DATE"])
    with pytest.raises(ConfigError, match="labels"):
        train(other, resume=True, progress=False)


def test_missing_base_model_is_a_model_error(tmp_path):
    cfg = tiny_config(tmp_path / "nowhere", tmp_path / "run")
    with pytest.raises(ModelError, match="base model"):
        train(cfg, progress=False)


def test_base_that_is_not_bert_is_refused(tmp_path):
    (tmp_path / "gpt").mkdir()
    (tmp_path / "gpt" / "config.json").write_text('{"model_type": "gpt2"}', encoding="utf-8")
    with pytest.raises(ModelError, match="not a BERT-style"):
        Tagger.from_base(tmp_path / "gpt", ["PARTY"])
