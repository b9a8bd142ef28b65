"""Issue 12, the distilled student (`qianyue distill`): cut from the teacher's layers, trained on its soft labels
with the normal training loop (resumable), saved as an ordinary checkpoint. The teacher is the tiny 2-layer model
of conftest; the student keeps one of its layers."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest
import torch

from conftest import tiny_config
from qianyue import AgreementExtractor
from qianyue.errors import ConfigError
from qianyue.modeling import Tagger
from qianyue.training.config import DistillConfig, load_config
from qianyue.training.data import Document
from qianyue.training.distill import distill, distillation_loss, student_from_teacher
from qianyue.training.export_check import dev_documents
from qianyue.training.trainer import TrainingInterrupted

SENTENCE = "市政府与集团公司签署战略合作框架协议，副市长和董事长见证签约。"


def distill_config(teacher, out, **overrides) -> DistillConfig:
    base = dataclasses.asdict(tiny_config(teacher, out, max_steps=6, eval_every=3))
    base["corpora"] = tiny_config(teacher, out).corpora
    values = {**base, "base_model": None, "teacher": str(teacher), "student_layers": [1], "soft_weight": 0.7,
              **overrides}
    return DistillConfig(**values)


def test_student_starts_from_the_chosen_teacher_layers(tiny_model):
    teacher = Tagger.from_pretrained(tiny_model, device="cpu", runtime="torch")
    student = student_from_teacher(teacher, [1], max_length=48, overlap=8)
    assert student.model.config.num_hidden_layers == 1 and teacher.model.config.num_hidden_layers == 2
    t, s = teacher.model.state_dict(), student.model.state_dict()
    name = "bert.encoder.layer.{}.attention.self.query.weight"
    assert torch.equal(s[name.format(0)], t[name.format(1)]) and not torch.equal(s[name.format(0)], t[name.format(0)])
    for key in ("bert.embeddings.word_embeddings.weight", "classifier.weight", "classifier.bias"):
        assert torch.equal(s[key], t[key]), key
    with pytest.raises(ConfigError, match="only 2 layers"):
        student_from_teacher(teacher, [0, 2], max_length=48, overlap=8)


def test_distillation_loss_is_zero_only_when_the_student_matches():
    teacher = torch.tensor([[[2.0, 0.0, -1.0], [0.0, 3.0, 0.0]]])
    chars = torch.tensor([[True, True]])
    assert distillation_loss(teacher.clone(), teacher, chars, 2.0).item() == pytest.approx(0.0, abs=1e-6)
    assert distillation_loss(torch.zeros_like(teacher), teacher, chars, 2.0).item() > 0.01
    # masked positions (padding, [CLS]/[SEP]) do not count
    assert distillation_loss(torch.zeros_like(teacher), teacher, torch.tensor([[False, False]]), 2.0).item() == 0.0


def test_distil_interrupt_resume_load_and_extract(tiny_model, tmp_path, monkeypatch):
    # text without gold tags, trained on through the teacher's soft labels only (stands in for the genre articles)
    unlabelled = [Document(id=f"u{i}", text=SENTENCE * (i + 1), spans=[], labels=[]) for i in range(3)]
    monkeypatch.setattr("qianyue.training.distill.unlabelled_genre_train", lambda cfg: unlabelled)
    full = distill(distill_config(tiny_model, tmp_path / "full"), progress=False)
    cut = distill_config(tiny_model, tmp_path / "cut")
    with pytest.raises(TrainingInterrupted):
        distill(cut, stop_after_steps=3, progress=False)
    distill(distill_config(tiny_model, tmp_path / "cut"), resume=True, progress=False)
    a = Tagger.from_pretrained(full / "last").model.state_dict()
    b = Tagger.from_pretrained(tmp_path / "cut" / "last").model.state_dict()
    for key in a:
        assert torch.allclose(a[key], b[key], atol=1e-5), key

    config = json.loads((full / "best" / "config.json").read_text(encoding="utf-8"))
    assert config["num_hidden_layers"] == 1
    assert config["qianyue"]["distilled_from"]["layers"] == [1]
    assert "Distilled from the teacher" in (full / "best" / "README.md").read_text(encoding="utf-8")
    recipe = load_config(full / "best" / "training_config.yaml", kind=DistillConfig)
    assert recipe.student_layers == [1] and recipe.teacher == str(tiny_model.resolve() / "best")
    # `qianyue export` checks against the dev sets of the checkpoint's own recipe, a distillation recipe here
    assert len(dev_documents(full, log=lambda message: None)) == 8
    result = AgreementExtractor.from_pretrained(full).extract(SENTENCE)
    assert result.entities, "the student, trained on its teacher's sentences, finds nothing"


def test_missing_teacher_is_one_line_from_the_cli(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "qianyue.cli", "distill", "--teacher", str(tmp_path / "none")],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"qianyue: {tmp_path / 'none'}: teacher model not found"), \
        proc.stderr
    # a distillation recipe given to `qianyue train` says which command runs it
    with pytest.raises(ConfigError, match="qianyue distill"):
        load_config("distill")
