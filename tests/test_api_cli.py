"""Public API and CLI round trips on the tiny trained model: predict from files, stdin, directories; bad input
reported and skipped; output schema; resume of an interrupted JSONL run."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import threading

import pytest
from conftest import run_cli
from typer.testing import CliRunner

import qianyue
from qianyue import AgreementExtractor, ArticleResult, ModelError
from qianyue.cli import app

SAMPLE = "签约快讯\n2022年6月14日，安徽省人民政府与中国联通签署战略合作框架协议，省长王清宪见证签约。\n"
SCHEMA_KEYS = ["source", "published", "title", "text", "agreements", "entities"]


def check_result(result: ArticleResult) -> None:
    d = result.to_dict()
    assert list(d) == SCHEMA_KEYS
    for e in d["entities"]:
        assert d["text"][e["start"]:e["end"]] == e["text"] and 0.0 <= e["score"] <= 1.0
    for ag in d["agreements"]:
        assert set(ag) == {"title", "parties", "officials", "date", "date_text", "amounts", "evidence", "confidence"}
        assert 0.0 <= ag["confidence"] <= 1.0
        for item in ag["parties"] + ag["officials"] + ag["amounts"]:
            ev = item["evidence"]
            if ev:
                assert d["text"][ev["start"]:ev["end"]] == ev["text"]


def test_import_is_light():
    import subprocess
    import sys
    code = "import sys, qianyue; print(qianyue.__version__, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [qianyue.__version__, "False"]


def test_extract_text_file_and_many(tiny_model, tmp_path):
    ex = AgreementExtractor.from_pretrained(tiny_model)
    r = ex.extract(SAMPLE, published="2022-06-15")
    check_result(r)
    assert r.published == "2022-06-15" and r.text.startswith("签约快讯")
    # the tiny model is trained on sentences like SAMPLE: it must find its parties and one agreement of both
    parties = {e.text for e in r.entities if e.label == "PARTY"}
    assert {"安徽省人民政府", "中国联通"} <= parties, r.entities
    assert any({p.name for p in a.parties} >= {"安徽省人民政府", "中国联通"} for a in r.agreements)
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    assert ex.extract_file(path).to_dict(include_text=False).get("text") is None
    many = list(ex.extract_many([SAMPLE, path, "", SAMPLE * 20], batch_size=2))
    assert len(many) == 4 and many[2].entities == [] and many[2].agreements == []
    for r in many:
        check_result(r)
    assert [(e.label, e.text) for e in many[0].entities] == [(e.label, e.text) for e in ex.extract(SAMPLE).entities]
    assert len(many[3].entities) >= 20 * len(many[0].entities) > 0


def test_long_document_gets_the_same_entities_in_every_copy(tiny_model):
    ex = AgreementExtractor.from_pretrained(tiny_model)
    one = [(e.label, e.text) for e in ex.extract(SAMPLE).entities]
    assert len(one) >= 3 and {"PARTY", "DATE"} <= {label for label, _ in one}
    long = ex.extract(SAMPLE * 30)  # many windows: no entity lost or doubled at a window edge
    assert len(long.entities) >= len(one) * 25
    got = [(e.label, e.text) for e in long.entities]
    for ent in set(one):  # never more than once a copy (each text occurs once in a copy)
        assert got.count(ent) <= 30, (ent, got.count(ent))
    # and every party of the article is found in nearly every copy (the tiny model's window is 48 characters, so
    # other entities near a window edge may come out a little shorter in some copies)
    parties = [ent for ent in set(one) if ent[0] == "PARTY"]
    assert parties and all(got.count(ent) >= 25 for ent in parties), [(ent, got.count(ent)) for ent in set(one)]


def test_extractor_is_thread_safe(tiny_model):
    ex = AgreementExtractor.from_pretrained(tiny_model)
    expected = ex.extract(SAMPLE).to_dict()
    results, errors = [], []

    def work():
        try:
            results.append(ex.extract(SAMPLE).to_dict())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and all(r == expected for r in results)


def test_missing_default_model_says_how_to_build_it():
    with pytest.raises(ModelError, match="scripts/setup.sh"):
        AgreementExtractor.from_pretrained()


def test_corrupt_and_incomplete_checkpoints_are_model_errors(tiny_model, tmp_path):
    import shutil
    broken = tmp_path / "broken"
    shutil.copytree(tiny_model / "best", broken)
    weights = broken / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(ModelError, match="cannot load weights"):
        AgreementExtractor.from_pretrained(broken)
    weights.unlink()
    with pytest.raises(ModelError, match="missing model.safetensors"):
        AgreementExtractor.from_pretrained(broken)


def test_cli_predict_reports_bad_files_and_goes_on(tiny_model, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SAMPLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    pdf = tmp_path / "scan.txt"
    pdf.write_bytes(b"%PDF-1.4 binary")
    # run_cli: the CLI in its own process, where a traceback would show on stderr
    res = run_cli("predict", str(good), str(empty), str(pdf), str(tmp_path / "nope.txt"), "--model", str(tiny_model),
                  "--quiet")
    assert res.returncode == 1
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert [d["source"] for d in lines] == [str(good)]
    assert "Traceback" not in res.stderr
    errors = [x for x in res.stderr.splitlines() if not x.startswith("qianyue: note: ")]
    assert all(x.startswith("qianyue: ") for x in errors), errors
    for name in ("empty.txt", "scan.txt", "nope.txt"):
        assert any(name in line for line in errors)


def test_cli_formats_stdin_and_directories(tiny_model, tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "sub" / "x.md").write_text("---\ntitle: t\ndate: 2022-06-16 00:02:13 +0800\n---\n" + SAMPLE,
                                                 encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["predict", str(tmp_path / "d"), "--model", str(tiny_model), "--format", "json"])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["published"] == "2022-06-16"
    res = runner.invoke(app, ["predict", "-", "--model", str(tiny_model), "--format", "table"], input=SAMPLE)
    assert res.exit_code == 0 and "<stdin>" in res.stdout
    out = tmp_path / "page.html"
    res = runner.invoke(app, ["predict", "-", "--model", str(tiny_model), "--format", "html", "-o", str(out)],
                        input=SAMPLE)
    page = out.read_text(encoding="utf-8")
    marked = re.findall(r'<mark class="([A-Z]+)" title="[A-Z]+ [0-9.]+">([^<]+)<sub>', page)  # entity marks only
    assert res.exit_code == 0 and ("PARTY", "中国联通") in marked, marked


def test_cli_resume_skips_done_documents_and_repairs_a_torn_line(tiny_model, tmp_path):
    files = []
    for i in range(3):
        p = tmp_path / f"a{i}.txt"
        p.write_text(SAMPLE, encoding="utf-8")
        files.append(str(p))
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["predict", files[0], "--model", str(tiny_model), "-o", str(out)]).exit_code == 0
    with open(out, "a", encoding="utf-8") as f:
        f.write('{"source": "torn')  # a crash mid-line
    res = runner.invoke(app, ["predict", *files, "--model", str(tiny_model), "-o", str(out), "--resume"])
    assert res.exit_code == 0, res.stderr
    sources = [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sources == files


def test_cli_user_errors_are_one_line(tiny_model, tmp_path):
    res = run_cli("predict", str(tmp_path / "x.txt"), "--model", str(tmp_path / "no_model"))
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and "no_model" in res.stderr
    res = run_cli("predict", "-", "--model", str(tiny_model), "--device", "cuda", stdin=SAMPLE)
    assert res.returncode == 2 and "cuda" in res.stderr.strip().splitlines()[-1]
    res = run_cli("train", "--config", str(tmp_path / "none.yaml"))
    assert res.returncode == 2 and res.stderr.strip().startswith(f"qianyue: {tmp_path / 'none.yaml'}: config file not found (shipped recipes: ")


def test_help_lists_the_commands():
    res = CliRunner().invoke(app, ["--help"])
    for cmd in ("predict", "train", "evaluate", "fetch-base"):
        assert cmd in res.stdout


def test_a_tilde_path_of_an_unknown_user_is_a_one_line_error(tmp_path):
    # Path.expanduser raises RuntimeError for ~user without a home directory; the commands must not show it
    for args in (["distill", "--teacher", "~qianyue-no-such-user"],
                 ["evaluate", "--model", str(tmp_path), "--data", "~qianyue-no-such-user/x.jsonl"]):
        run = run_cli(*args, env={"QIANYUE_HOME": str(tmp_path)}, timeout=120)
        assert run.returncode != 0 and "Traceback" not in run.stderr and "RuntimeError" not in run.stderr
        assert run.stderr.startswith("qianyue: ") and "~qianyue-no-such-user" in run.stderr
