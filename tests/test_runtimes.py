"""Runtimes and the default choice: the ONNX path runs without torch or transformers, the default takes the int8
export only when it matches the weights (else torch with a one-line notice), `qianyue export` refuses a model that
fails its dev check and writes nothing, and api / evaluate_tagger go through the one pipeline."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TINY_TRAIN
from qianyue import layout
from qianyue.errors import ModelError

REPO = Path(__file__).resolve().parent.parent
TEXT = json.loads(TINY_TRAIN.read_text(encoding="utf-8").splitlines()[0])["text"]


@pytest.fixture(scope="module")
def exported_in_place(tiny_model, tmp_path_factory):
    """A copy of the tiny checkpoint with model.onnx / model.int8.onnx written into it."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    from qianyue.export import export_onnx
    ckpt = tmp_path_factory.mktemp("inplace") / "model"
    shutil.copytree(layout.resolve_model_dir(tiny_model), ckpt)
    assert export_onnx(ckpt) == ckpt
    return ckpt


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=REPO)


def test_default_runs_int8_onnx_without_torch_or_transformers(exported_in_place):
    code = f"""
import json, sys
import qianyue
ex = qianyue.AgreementExtractor.from_pretrained({str(exported_in_place)!r})
result = ex.extract({TEXT!r}, published="2023-05-01")
print(json.dumps({{"variant": ex.tagger.variant, "torch": "torch" in sys.modules,
                  "transformers": "transformers" in sys.modules, "chars": len(result.text),
                  "entities": [e.label for e in result.entities]}}))
"""
    proc = run_python(code)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["variant"] == "onnx-int8"
    assert out["torch"] is False and out["transformers"] is False
    assert out["chars"] == len(TEXT)
    assert "qianyue: note" not in proc.stderr  # the fast path is silent


def test_onnx_and_torch_agree_through_the_pipeline(exported_in_place):
    from qianyue.api import AgreementExtractor
    onnx = AgreementExtractor.from_pretrained(exported_in_place, runtime="onnx")
    torch = AgreementExtractor.from_pretrained(exported_in_place, runtime="torch")
    assert onnx.tagger.variant == "onnx-fp32" and torch.tagger.variant == "torch-fp32"
    a, b = onnx.extract(TEXT), torch.extract(TEXT)
    assert [(e.start, e.end, e.label) for e in a.entities] == [(e.start, e.end, e.label) for e in b.entities]


def test_default_without_export_is_torch_with_one_line_notice(tiny_model, capsys):
    from qianyue.api import AgreementExtractor
    ex = AgreementExtractor.from_pretrained(tiny_model)
    assert ex.tagger.variant == "torch-fp32"
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("qianyue: note:") and "qianyue export" in err[0]


def test_stale_export_is_not_used(exported_in_place, tmp_path, capsys):
    from qianyue.api import AgreementExtractor
    stale = tmp_path / "stale"
    shutil.copytree(exported_in_place, stale)
    weights = bytearray((stale / layout.WEIGHTS).read_bytes())
    weights[-8:] = bytes(8)  # new weights (the last floats of a tensor changed), old export beside them
    (stale / layout.WEIGHTS).write_bytes(bytes(weights))
    from qianyue.runtimes import export_is_current
    assert export_is_current(exported_in_place) and not export_is_current(stale)
    ex = AgreementExtractor.from_pretrained(stale)
    assert ex.tagger.variant == "torch-fp32"
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "exported from other weights" in err[0]
    # an explicit choice is still honoured
    assert AgreementExtractor.from_pretrained(stale, runtime="onnx", quantize="int8").tagger.variant == "onnx-int8"


def test_export_refuses_a_worse_model_and_writes_nothing(tiny_model, tmp_path):
    pytest.importorskip("onnxruntime")
    from qianyue.export import export_onnx
    from qianyue.training.data import load_documents
    ckpt = tmp_path / "model"
    shutil.copytree(layout.resolve_model_dir(tiny_model), ckpt)
    before = sorted(p.name for p in ckpt.iterdir())
    docs = load_documents(TINY_TRAIN)
    # a negative tolerance demands the export beat fp32 by a full point of F1: it cannot, so it must refuse
    with pytest.raises(ModelError, match="nothing written"):
        export_onnx(ckpt, dev_docs=docs, tolerance=-1.0)
    assert sorted(p.name for p in ckpt.iterdir()) == before
    assert not list(tmp_path.glob(".qianyue-export-*"))
    # within tolerance it writes, and records what it measured
    export_onnx(ckpt, dev_docs=docs)
    report = layout.read_export_report(ckpt)
    assert report["dev_docs"] == len(docs) and set(report["dev_entity_f1"]) == {"torch-fp32", "onnx-fp32", "onnx-int8"}
    assert report["dev_entity_f1"]["onnx-int8"] >= report["dev_entity_f1"]["torch-fp32"] - 0.005
    assert report["weights_fingerprint"] == layout.weights_fingerprint(ckpt)


def test_export_without_onnx_is_a_one_line_error(tiny_model):
    code = ("import sys; sys.modules['onnx'] = None\n"
            "from qianyue.cli import main\n"
            f"sys.argv = ['qianyue', 'export', '--model', {str(tiny_model)!r}]\n"
            "main()\n")
    proc = run_python(code)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qianyue: ") and "pip install" in lines[0], proc.stderr


def test_evaluate_tagger_scores_what_the_api_extracts(tiny_model):
    from qianyue.api import AgreementExtractor
    from qianyue.training.data import load_documents
    from qianyue.training.metrics import entity_scores, evaluate_tagger
    docs = load_documents(TINY_TRAIN)
    ex = AgreementExtractor.from_pretrained(tiny_model, runtime="torch")
    results = [ex.extract(d.text, published=d.published) for d in docs]
    from_api = entity_scores(docs, [[(e.start, e.end, e.label) for e in r.entities] for r in results],
                             ex.tagger.labels)
    scores = evaluate_tagger(ex.tagger, docs)
    assert scores["entities"] == from_api and scores["entities"]["micro"]["support"] > 0
