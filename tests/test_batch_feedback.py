"""Issue 15, batch runs that talk and clear semantics: progress/summary on stderr, lazy model load, --published
as a fallback, --version/-h, and the Python API's path/bytes/ids/errors handling (issue 17 row 19)."""
from __future__ import annotations

import io
import json
import time

import pytest
from conftest import run_cli

from qianyue import AgreementExtractor, FailedDocument, InputError
from qianyue.progress import Progress

SAMPLE = "签约快讯\n2022年6月14日，安徽省人民政府与中国联通签署战略合作框架协议，省长王清宪见证签约。\n"
UNDATED = "安徽省人民政府与中国联通签署战略合作框架协议，省长王清宪见证签约。\n"
DATED_MD = "---\ntitle: 旧闻\ndate: 2012-11-28\n---\n今天上午，安徽省人民政府与中国联通签署战略合作框架协议。\n"


def test_progress_line_counts_and_estimates():
    stream = io.StringIO()
    bar = Progress(total_bytes=1000, stream=stream, enabled=True, interval=0.0)
    bar.document(characters=300, records=2, input_bytes=250)
    bar.failure(input_bytes=250)
    line = bar.line()
    assert "1 docs" in line and "300 chars" in line and "50%" in line and "ETA" in line and "1 failed" in line
    assert "\r" in stream.getvalue()
    bar.skip(100)
    bar.close(skipped_where="out.jsonl")
    summary = stream.getvalue().splitlines()[-1].split("\x1b[2K")[-1]  # after the erased live line
    assert summary.startswith("qianyue: 1 document, 2 records, 1 failed")
    assert "skipped 1 already in out.jsonl" in summary


def test_progress_is_silent_when_not_a_tty():
    stream = io.StringIO()  # isatty() is False
    bar = Progress(total_bytes=10, stream=stream)
    bar.document(5, 1, 5)
    assert stream.getvalue() == ""
    bar.close(quiet=True)
    assert stream.getvalue() == ""


def test_predict_summary_published_fallback_and_override(tiny_model, tmp_path):
    undated, dated = tmp_path / "undated.txt", tmp_path / "dated.md"
    undated.write_text(UNDATED, encoding="utf-8")
    dated.write_text(DATED_MD, encoding="utf-8")
    res = run_cli("predict", str(undated), str(dated), "--model", str(tiny_model), "--published", "2024-03-06")
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    got = {json.loads(line)["source"]: json.loads(line)["published"] for line in res.stdout.splitlines()}
    assert got == {str(undated): "2024-03-06", str(dated): "2012-11-28"}  # the article's own date wins
    summary = res.stderr.strip().splitlines()[-1]
    assert summary.startswith("qianyue: 2 documents, ") and " 0 failed" in summary
    assert "\r" not in res.stderr  # not a terminal: no live line
    res = run_cli("predict", str(dated), "--model", str(tiny_model), "--published-override", "2024-03-06", "-q")
    assert res.returncode == 0 and json.loads(res.stdout)["published"] == "2024-03-06"
    assert "documents," not in res.stderr and "\r" not in res.stderr  # --quiet: no summary, no live line


def test_corpus_record_date_wins_over_published_fallback(tiny_model, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": UNDATED, "published": "2011-01-02"}, ensure_ascii=False) + "\n"
                      + json.dumps({"id": "b", "text": UNDATED}, ensure_ascii=False) + "\n", encoding="utf-8")
    res = run_cli("predict", str(corpus), "--model", str(tiny_model), "--published", "2024-03-06")
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
    assert [json.loads(x)["published"] for x in res.stdout.splitlines()] == ["2011-01-02", "2024-03-06"]


def test_bad_paths_fail_before_the_model_loads(tmp_path):
    # the model directory exists but holds no loadable model: a load would fail with exit 2, so exit 1 with the
    # path's error proves nothing was loaded for a run with no readable input
    empty_model = tmp_path / "model"
    empty_model.mkdir()
    start = time.monotonic()
    res = run_cli("predict", str(tmp_path / "typo.txt"), "--model", str(empty_model))
    assert res.returncode == 1, res.stderr
    assert res.stderr.splitlines()[0] == f"qianyue: {tmp_path / 'typo.txt'}: no such file or directory"
    assert time.monotonic() - start < 60
    res = run_cli("predict", str(tmp_path / "typo.txt"), "--model", str(tmp_path / "no-model"))
    assert res.returncode == 2 and "model directory not found" in res.stderr and "Traceback" not in res.stderr


def test_resume_skips_without_loading_and_says_so(tiny_model, tmp_path):
    files = []
    for i in range(3):
        p = tmp_path / f"a{i}.txt"
        p.write_text(SAMPLE, encoding="utf-8")
        files.append(str(p))
    out = tmp_path / "out.jsonl"
    assert run_cli("predict", *files, "--model", str(tiny_model), "-o", str(out)).returncode == 0
    before = out.read_text(encoding="utf-8")
    # a broken model directory would fail to load: resume must not need it when everything is done
    broken = tmp_path / "broken"
    broken.mkdir()
    res = run_cli("predict", *files, "--model", str(broken), "-o", str(out), "--resume")
    assert res.returncode == 0, res.stderr
    assert out.read_text(encoding="utf-8") == before
    assert f"skipped 3 already in {out}" in res.stderr and "0 documents" in res.stderr


def test_version_and_short_help_and_choices():
    from qianyue import __version__

    res = run_cli("--version")
    assert res.returncode == 0 and res.stdout.strip() == f"qianyue {__version__}"
    res = run_cli("predict", "-h", env={"COLUMNS": "200"})
    assert res.returncode == 0 and "jsonl|json|table|html" in res.stdout and "--published-override" in res.stdout
    res = run_cli("predict", "x.txt", "--format", "pdf")
    assert res.returncode == 2 and "Traceback" not in res.stderr and "pdf" in res.stderr


def test_extract_refuses_a_path_and_reads_bytes(tiny_model, tmp_path):
    ex = AgreementExtractor.from_pretrained(tiny_model)
    path = tmp_path / "article.md"
    path.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(InputError, match=r"extract_file"):
        ex.extract(str(path))
    from_file = ex.extract_file(path)
    from_bytes = ex.extract(SAMPLE.encode("utf-8"))
    from_gb = ex.extract(SAMPLE.encode("gb18030"))
    assert from_bytes.text == from_file.text == from_gb.text and from_bytes.text.startswith("签约快讯")
    assert [e.to_dict() for e in from_bytes.entities] == [e.to_dict() for e in from_file.entities]
    with pytest.raises(InputError):
        ex.extract(b"\x00\x01binary")


def test_extract_many_ids_errors_and_progress(tiny_model, tmp_path, capsys):
    ex = AgreementExtractor.from_pretrained(tiny_model)
    items = [("first", DATED_MD), {"id": "second", "text": UNDATED, "published": "2020-01-02"},
             {"id": "third", "text": UNDATED}, ("bad", b"\x00\x00binary"), {"id": "nodoc"}]
    with pytest.raises(InputError):
        list(ex.extract_many(items, published="2024-03-06"))
    skipped = list(ex.extract_many(items, published="2024-03-06", errors="skip"))
    assert [r.source for r in skipped] == ["first", "second", "third"]
    assert [r.published for r in skipped] == ["2012-11-28", "2020-01-02", "2024-03-06"]
    assert all(r.ok and r.text for r in skipped)
    collected = list(ex.extract_many(items, errors="collect", batch_size=2, progress=True))
    assert [r.source for r in collected] == ["first", "second", "third", "bad", "nodoc"]
    assert [type(r) is FailedDocument for r in collected] == [False, False, False, True, True]
    assert "text" in collected[4].error
    assert "qianyue: 3 documents" in capsys.readouterr().err
    single = ex.extract(DATED_MD)
    assert [e.to_dict() for e in collected[0].entities] == [e.to_dict() for e in single.entities]
