"""What users throw at qianyue: every bad input kind gets a one-line error and a non-zero exit for that file while
the batch goes on; random text, HTML and bytes either give a valid result or a QianyueError; killed training and
killed prediction leave usable files."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from qianyue import AgreementExtractor, QianyueError
from qianyue.cli import app
from qianyue.readers import parse_article

REPO = Path(__file__).resolve().parent.parent
GOOD = "签约快讯\n2022年6月14日，安徽省人民政府与中国联通签署战略合作框架协议。\n"

BAD_INPUTS = {
    # name: (file bytes, words the one-line error must contain)
    "empty": (b"", "empty"),
    "whitespace": (b" \n\t\n  ", "empty"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "zip": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary"),
    "undecodable": (bytes(range(0x80, 0x100)) * 4, ""),
    "html_no_body": (b"<html><head><title></title><script>var a=1;</script></head></html>", ""),
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_each_bad_input_is_one_line_and_the_batch_goes_on(kind, tiny_model, tmp_path):
    data, words = BAD_INPUTS[kind]
    bad = tmp_path / f"{kind}.txt"
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    res = CliRunner().invoke(app, ["predict", str(bad), str(good), "--model", str(tiny_model)])
    assert res.exit_code == 1
    lines = res.stderr.splitlines()
    # exactly one error line, naming the bad file; the other stderr lines are the runtime note and the summary
    errors = [line for line in lines if line.startswith(f"qianyue: {bad}")]
    assert len(errors) == 1 and words in errors[0]
    assert not any(str(good) in line for line in lines)
    assert any("1 failed" in line for line in lines if line.startswith("qianyue: "))
    assert [json.loads(x)["source"] for x in res.stdout.splitlines() if x.startswith("{")] == [str(good)]


def test_more_bad_inputs(tiny_model, tmp_path):
    runner = CliRunner()
    model = ["--model", str(tiny_model)]
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 2000, encoding="utf-8")
    res = runner.invoke(app, ["predict", str(big), "--max-bytes", "10000", *model])
    assert res.exit_code == 1 and "big.txt" in res.stderr and "10,000" in res.stderr
    (tmp_path / "empty_dir").mkdir()
    res = runner.invoke(app, ["predict", str(tmp_path / "empty_dir"), *model])
    assert res.exit_code == 1 and "no readable article files" in res.stderr
    res = runner.invoke(app, ["predict", str(tmp_path / "missing.txt"), *model])
    assert res.exit_code == 1 and "no such file" in res.stderr
    res = runner.invoke(app, ["predict", "-", *model], input="")  # stdin closed at once
    assert res.exit_code == 1 and "<stdin>" in res.stderr
    english = tmp_path / "english.txt"
    english.write_text("No Chinese here at all.\n", encoding="utf-8")
    res = runner.invoke(app, ["predict", str(english), *model])
    assert res.exit_code == 0 and json.loads(res.stdout)["agreements"] == []
    fm = tmp_path / "fm.md"
    fm.write_text("---\ntitle: [unclosed\ndate: 2022-06-16\n" + GOOD, encoding="utf-8")
    res = runner.invoke(app, ["predict", str(fm), *model])
    # CliRunner keeps an unhandled exception in res.exception (it never reaches stderr): only SystemExit is fine
    assert res.exception is None and res.exit_code == 0, res.exception  # CliRunner records exit 0 as None
    doc = json.loads(res.stdout)
    assert doc["published"] == "2022-06-16" and "安徽省人民政府" in doc["text"]  # the broken YAML lost nothing
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(GOOD.encode("utf-8") + "政府签约".encode("gb18030") + GOOD.encode("utf-8"))
    res = runner.invoke(app, ["predict", str(mixed), *model])
    assert isinstance(res.exception, SystemExit) and res.exit_code == 1, res.exception
    errors = [line for line in res.stderr.splitlines() if line.startswith("qianyue: ") and "mixed.txt" in line]
    assert len(errors) == 1 and "cannot decode" in errors[0] and res.stdout == ""  # (the other line: the summary)


def check_valid(result) -> None:
    d = result.to_dict()
    text = d["text"]
    for e in d["entities"]:
        assert 0 <= e["start"] < e["end"] <= len(text) and text[e["start"]:e["end"]] == e["text"]
        assert 0.0 <= e["score"] <= 1.0
    for ag in d["agreements"]:
        assert 0.0 <= ag["confidence"] <= 1.0
        if ag["date"]:
            dt.date.fromisoformat(ag["date"])
        for item in ag["parties"] + ag["officials"] + ag["amounts"] + [ag]:
            ev = item.get("evidence")
            if ev:
                assert text[ev["start"]:ev["end"]] == ev["text"]


_extractor = {}


def extractor(path):
    if path not in _extractor:
        _extractor[path] = AgreementExtractor.from_pretrained(path)
    return _extractor[path]


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
ARTICLE_BITS = st.sampled_from(["政府", "公司", "签署", "协议", "亿元", "月", "日", "、", "，", "。", "\n", "<p>", "</p>",
                                "省长", "见证", "---\n", "title: x\n", "《", "》", "“", "”", "今天上午", "5亿元"])
TEXTS = st.lists(st.one_of(ARTICLE_BITS, st.text(min_size=1, max_size=5), st.text(CJK, min_size=1, max_size=5)),
                 max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
@example(text="~0")  # "~user" without a home directory: expanduser raised RuntimeError
def test_random_text_gives_a_valid_result_or_a_qianyue_error(tiny_model, text):
    # The only errors random text may cause are "there is no article here"; plain text holding a Chinese character
    # (no markup, no control characters) is an article and must give a result.
    plain = not re.search(r"[<>#\-\[\]*!`_:]|[\x00-\x1f\x7f-\x9f]", text.replace("\n", "")) and not text.startswith("\ufeff")
    try:
        result = extractor(str(tiny_model)).extract(text, published="2022-06-16")
    except QianyueError as exc:
        assert re.search(r"empty|no article text|binary", str(exc)), exc
        assert not (plain and re.search(r"[\u4e00-\u9fff]", text)), (text, exc)
        return
    check_valid(result)
    assert result.published == "2022-06-16"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.text(CJK, min_size=1, max_size=30), min_size=1, max_size=8))
def test_any_chinese_text_in_any_encoding_is_read(tiny_model, lines):
    text = "。\n".join(lines) + "。"
    # (GB18030 is left out: random rare characters are no Chinese text, and the encoding check may rightly doubt
    # them; real GB text is covered by test_gb_text_is_not_mistaken_for_another_encoding)
    for codec in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        assert parse_article(text.encode(codec), source="x.txt").text == text
    check_valid(extractor(str(tiny_model)).extract(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_random_bytes_give_a_valid_result_or_a_qianyue_error(tiny_model, data):
    try:
        article = parse_article(data, source="random.bin")
    except QianyueError as exc:
        assert str(exc).startswith("random.bin: ") and "\n" not in str(exc)  # one line naming the input
        return
    check_valid(extractor(str(tiny_model)).extract_articles([article])[0])


def _wait_for(predicate, timeout=120.0):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_killed_training_leaves_a_loadable_checkpoint_and_resumes(tiny_base, tmp_path):
    from qianyue.modeling import Tagger

    out = tmp_path / "run"
    cmd = [sys.executable, "-m", "qianyue.cli", "train", "--config", str(REPO / "configs" / "tiny.yaml"),
           f"base_model={tiny_base}", f"output_dir={out}", "epochs=400", "eval_every=40"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(lambda: (out / "last" / "metrics.json").exists())
        time.sleep(0.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    Tagger.from_pretrained(out / "last")  # the last complete checkpoint loads
    step = json.loads((out / "last" / "metrics.json").read_text())["step"]
    assert step >= 40
    # SIGINT: the run saves its step and exits 130
    def current_step():
        try:
            return json.loads((out / "last" / "metrics.json").read_text())["step"]
        except (OSError, ValueError):
            return 0

    proc = subprocess.Popen(cmd + ["--resume"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert _wait_for(lambda: current_step() > step)  # resumed and made progress
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err[-500:]
    assert "--resume" in err.strip().splitlines()[-1]
    metrics = json.loads((out / "last" / "metrics.json").read_text())
    assert metrics["step"] > step and metrics.get("interrupted") in (True, None)


def test_killed_predict_leaves_valid_jsonl_and_resume_completes(tiny_model, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as f:
        for i in range(3000):
            f.write(json.dumps({"id": f"d{i}", "text": GOOD}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "qianyue.cli", "predict", str(corpus), "--model", str(tiny_model), "-o", str(out),
           "--no-text"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(lambda: out.exists() and out.stat().st_size > 20000)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    done = out.read_text(encoding="utf-8").splitlines()
    assert 0 < len(done) < 3000
    subprocess.run(cmd + ["--resume"], check=True, capture_output=True, timeout=600)
    sources = [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(sources) == 3000 and len(set(sources)) == 3000


def test_gb_text_is_not_mistaken_for_another_encoding():
    """Every seed article, whole and cut short, saved as GB18030 reads back exactly (no Big5/EUC-KR false alarm)."""
    texts = [json.loads(line)["text"] for line in (REPO / "data/seeds/seeds.jsonl").open(encoding="utf-8")]
    assert len(texts) >= 5
    for text in texts:
        for cut in (text[:15], text[:100], text):
            assert parse_article(cut.encode("gb18030"), source="gb.txt").text == \
                parse_article(cut.encode("utf-8"), source="utf8.txt").text
