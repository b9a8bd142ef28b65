"""Audit 9, what a user trips on: each test is one case of the audit that gave a traceback, a silent wrong answer or
a confusing line before. They run in-process on tiny inputs (no trained model): the checks sit before any model
loads, or take a stand-in extractor."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qianyue import AgreementExtractor
from qianyue.errors import ConfigError, DeviceError, InputError, ModelError
from qianyue.results import Agreement, Amount, ArticleResult

GOOD = "2022年6月14日，安徽省人民政府与中国联通签署战略合作框架协议。\n"


def _cli(*args):
    from qianyue.cli import app
    return CliRunner().invoke(app, [str(a) for a in args])


# ---------------------------------------------------------------------------------------------- recipes


@pytest.mark.parametrize("body, found", [("- a\n- b\n", "not a list"), ("42\n", "not a number")])
def test_recipe_that_is_not_a_mapping_is_one_config_error(tmp_path, body, found):
    from qianyue.training.config import load_config

    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=found):  # was a TypeError traceback once an override was added
        load_config(recipe, ["output_dir=/tmp/x"])


# ---------------------------------------------------------------------------------------------- evaluate, bench, export


def test_evaluate_output_in_a_missing_folder_fails_before_the_evaluation(tmp_path):
    res = _cli("evaluate", "--data", "seeds", "-o", tmp_path / "missing" / "scores.json")
    assert res.exit_code == 2 and "missing: does not exist" not in res.stderr
    assert "scores.json: cannot write the output (folder" in res.stderr and "does not exist" in res.stderr
    res = _cli("evaluate", "--data", "seeds", "-o", tmp_path)
    assert res.exit_code == 2 and "Is a directory" in res.stderr


def test_evaluate_without_model_uses_the_default_model(tmp_path):
    res = _cli("evaluate", "--data", "seeds")  # the isolated $QIANYUE_HOME has none: the build hint, not a usage error
    assert res.exit_code == 2 and "the default model is missing" in res.stderr


def test_bench_with_a_missing_model_is_one_line(tmp_path):
    res = _cli("bench", "--model", tmp_path / "nope", "--variants", "default", "--docs", "1")
    # raised before any variant runs (was a table row of errors); `qianyue` prints a ModelError as one line, exit 2
    assert isinstance(res.exception, ModelError) and str(res.exception).endswith("nope: model directory not found")


def test_bench_articles_skip_bad_files_and_decode_like_predict(tmp_path):
    from qianyue.bench import folder_articles

    (tmp_path / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "c_gbk.txt").write_bytes(GOOD.encode("gbk"))
    os.mkfifo(tmp_path / "d_fifo.txt")  # reading it would block the bench for ever
    (tmp_path / "e_dangling.txt").symlink_to(tmp_path / "gone.txt")
    reported = []
    found = folder_articles(tmp_path, 10, report=reported.append)
    assert found == [("a_good.txt", GOOD), ("c_gbk.txt", GOOD)]
    assert [m.split(":")[0] for m in reported] == ["b_binary.txt", "e_dangling.txt"]
    assert folder_articles(tmp_path, 1) == [("a_good.txt", GOOD)]


def test_bench_on_a_folder_without_a_readable_article_is_one_line(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"\x00\x00")
    res = _cli("bench", "--articles", tmp_path, "--variants", "default", "--docs", "1")
    assert res.exit_code == 1 and "no readable .txt/.html/.md article" in res.stderr
    assert "x.txt: binary file" in res.stderr


def test_export_of_corrupt_weights_is_a_model_error(tmp_path, tiny_base):
    from qianyue.export import write_onnx

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text((tiny_base / "config.json").read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "model.safetensors").write_bytes((tiny_base / "model.safetensors").read_bytes()[:1000])
    with pytest.raises(ModelError, match="cannot load weights"):
        write_onnx(broken, tmp_path / "out", int8=False)


def test_unknown_device_is_refused_by_the_onnx_runtime(tmp_path):
    from qianyue.runtimes import OnnxRuntime

    with pytest.raises(DeviceError, match="unknown device 'tpu'"):  # ran on the CPU without a word before
        OnnxRuntime.load(tmp_path, "int8", device="tpu")


# ---------------------------------------------------------------------------------------------- predict inputs


def test_parquet_without_text_column_is_one_error_for_the_file(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    from qianyue.predict_run import corpus_records

    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"doc": [str(i) for i in range(600)], "body": [GOOD] * 600}), path)
    items = list(corpus_records(path))
    assert len(items) == 1 and isinstance(items[0], InputError)  # was one error per row
    assert 'no "text" column (columns: doc, body)' in str(items[0])


def test_directory_reports_broken_links_hints_at_corpora_and_skips_fifos(tmp_path):
    from qianyue.inputs import expand_inputs

    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(GOOD, encoding="utf-8")
    (news / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(news / "pipe.txt")
    items = list(expand_inputs([str(news)]))
    assert items[1:] == [news / "a.txt"]
    assert isinstance(items[0], InputError) and "gone.txt: broken symbolic link" in str(items[0])

    corpora = tmp_path / "corpora"
    corpora.mkdir()
    (corpora / "c.jsonl").write_text(json.dumps({"text": GOOD}) + "\n", encoding="utf-8")
    (only,) = expand_inputs([str(corpora)])
    assert "1 JSONL/Parquet corpus file(s): name them" in str(only) and "*.jsonl" in str(only)


def test_stdin_named_twice_is_read_once():
    from qianyue.inputs import STDIN, expand_inputs

    first, second = expand_inputs(["-", "-"])
    assert first == STDIN and isinstance(second, InputError) and "more than once" in str(second)


class _Stub:
    """An extractor that finds nothing and is interrupted (Ctrl-C) on its `stop_at`-th batch."""

    def __init__(self, stop_at: int):
        self.calls, self.stop_at = 0, stop_at

    def extract_articles(self, articles):
        self.calls += 1
        if self.calls == self.stop_at:
            raise KeyboardInterrupt
        return [ArticleResult(a.source, a.published, a.title, a.text) for a in articles]


def test_interrupted_run_says_so_and_keeps_what_was_written(tmp_path, capsys):
    from qianyue.predict_run import run_predict

    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out" / "r.jsonl"
    out.parent.mkdir()
    with pytest.raises(KeyboardInterrupt):
        run_predict(_Stub(stop_at=2), [str(tmp_path / "a0.txt"), str(tmp_path / "a1.txt"), str(tmp_path / "a2.txt")],
                    output=out, batch_size=1)
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert summary.startswith("qianyue: interrupted after 1 document,") and "--resume" in summary
    assert [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()] == \
        [str(tmp_path / "a0.txt")]


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_interrupted_html_or_json_run_leaves_the_earlier_file_whole(tmp_path, fmt):
    from qianyue.predict_run import run_predict

    paths = []
    for i in range(2):
        paths.append(tmp_path / f"a{i}.txt")
        paths[-1].write_text(GOOD, encoding="utf-8")
    out = tmp_path / f"check.{fmt}"
    out.write_text("an earlier page", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):  # these formats are written at the end: the file was truncated at once
        run_predict(_Stub(stop_at=2), [str(p) for p in paths], fmt=fmt, output=out, batch_size=1, quiet=True)
    assert out.read_text(encoding="utf-8") == "an earlier page"
    run_predict(_Stub(stop_at=0), [str(p) for p in paths], fmt=fmt, output=out, batch_size=1, quiet=True)
    assert "a1.txt" in out.read_text(encoding="utf-8")
    with pytest.raises(InputError, match="cannot write the output"):  # still refused before any work
        run_predict(_Stub(stop_at=0), [str(paths[0])], fmt=fmt, output=tmp_path / "missing" / f"x.{fmt}")
    assert not (tmp_path / "missing").exists()


def test_model_that_fails_to_load_gives_no_summary_of_zero_documents(tmp_path, capsys):
    from qianyue.predict_run import run_predict

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")

    def broken_model():
        raise ModelError("/m: incomplete checkpoint, missing config.json")

    with pytest.raises(ModelError):
        run_predict(broken_model, [str(tmp_path / "a.txt")])
    assert "documents" not in capsys.readouterr().err  # the caller prints the one-line error alone


# ---------------------------------------------------------------------------------------------- Python API


def test_min_confidence_out_of_range_is_a_config_error():
    for bad in (2, -0.1, float("nan"), "0.5"):
        with pytest.raises(ConfigError, match="min_confidence"):
            AgreementExtractor(object(), min_confidence=bad)


def test_extract_many_refuses_a_single_text_instead_of_reading_each_character():
    ex = AgreementExtractor(object())
    for single in (GOOD, GOOD.encode("utf-8"), Path("a.txt")):
        with pytest.raises(TypeError, match="iterable of items"):
            next(ex.extract_many(single))


def test_published_may_be_a_date_object():
    from qianyue.readers import parse_article, parse_published

    assert parse_published(dt.date(2022, 6, 16)) == "2022-06-16"
    assert parse_published(dt.datetime(2022, 6, 16, 23, 59)) == "2022-06-16"
    assert parse_article(GOOD, published=dt.date(2020, 1, 2)).published == "2020-01-02"


# ---------------------------------------------------------------------------------------------- views


def test_table_and_html_show_no_empty_date_text_and_keep_amounts_without_value():
    from qianyue.render import render_html, render_table

    agreement = Agreement(title="合作协议", date=None, date_text=None, amounts=[Amount(text="若干亿元", value=None)],
                          confidence=0.5)
    result = ArticleResult("a.txt", None, None, "甲与乙签署合作协议，投资若干亿元。", agreements=[agreement])
    table = render_table(result)
    assert "date=?  confidence=0.50" in table and "()" not in table
    page = render_html([result])
    assert "若干亿元 = ?" in page and "<small>()</small>" not in page


def test_binary_corrections_file_is_one_config_error(tmp_path):
    from qianyue.review.corrections import load_corrections

    path = tmp_path / "out.corrections.jsonl"
    path.write_bytes(b"\x9c\xff binary")  # `qianyue train --corrections` on it was a UnicodeDecodeError traceback
    with pytest.raises(ConfigError, match="not UTF-8 text"):
        load_corrections(path)


def test_ray_reader_checks_parquet_columns_once_and_utf8_per_record(tmp_path):
    pytest.importorskip("ray")
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    from qianyue.integrations.ray import corpus_rows

    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"body": [GOOD] * 300}), path)
    with pa.OSFile(str(path), "rb") as f:
        rows = list(corpus_rows(f, str(path), "c.parquet"))
    assert len(rows) == 1 and 'no "text" column' in rows[0]["error"]  # as `qianyue predict` without Ray

    lines = (json.dumps({"id": "a", "text": GOOD}).encode() + b"\n" + b'{"id": "b", "text": "\xff\xfe"}\n')
    path = tmp_path / "c.jsonl"
    path.write_bytes(lines)
    with pa.OSFile(str(path), "rb") as f:  # the file type Ray Data hands a datasource
        good, bad = corpus_rows(f, str(path), "c.jsonl")
    assert good["text"] == GOOD and good["error"] is None
    assert bad["text"] is None and "c.jsonl:2: not valid UTF-8" in bad["error"]  # was read with U+FFFD in it


def test_review_corrections_path_that_is_a_folder_or_binary_is_one_config_error(tmp_path):
    from qianyue.review.corrections import CorrectionsFile

    with pytest.raises(ConfigError, match="is a directory"):  # `qianyue review` blamed the port for it
        CorrectionsFile(tmp_path)
    binary = tmp_path / "c.jsonl"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ConfigError, match="not UTF-8 text"):
        CorrectionsFile(binary)


def _corpus_errors_and_texts(items):
    return ([str(i) for i in items if isinstance(i, InputError)], [i[1] for i in items if not isinstance(i, InputError)])


def test_jsonl_corpus_with_bom_utf16_or_no_records(tmp_path):
    from qianyue.predict_run import corpus_records

    record = json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False)
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + record.encode("utf-8") + b"\n")  # what Windows tools write
    assert _corpus_errors_and_texts(list(corpus_records(bom))) == ([], [GOOD])  # was "bom.jsonl:1: not a JSON line"
    utf16 = tmp_path / "u16.jsonl"
    utf16.write_bytes((record + "\n" + record + "\n").encode("utf-16"))
    errors, texts = _corpus_errors_and_texts(list(corpus_records(utf16)))
    assert texts == [] and errors == [f"{utf16}: UTF-16/32 text; corpus JSONL must be UTF-8 (convert it, e.g. "
                                      f"iconv -f UTF-16 -t UTF-8)"]  # one line for the file, not one per line
    for body in (b"", b"\n  \n"):
        empty = tmp_path / "empty.jsonl"
        empty.write_bytes(body)
        assert _corpus_errors_and_texts(list(corpus_records(empty))) == ([f"{empty}: empty corpus (no records)"], [])
    bad_only = tmp_path / "bad.jsonl"
    bad_only.write_bytes(b"\xff\n")
    errors, _ = _corpus_errors_and_texts(list(corpus_records(bad_only)))
    assert len(errors) == 1 and "bad.jsonl:1: not valid UTF-8" in errors[0]  # its error, not also "empty corpus"


def test_ray_reader_reads_bom_utf16_and_empty_corpora_as_predict_does(tmp_path):
    pytest.importorskip("ray")
    pa = pytest.importorskip("pyarrow")
    from qianyue.integrations.ray import corpus_rows

    def rows(data: bytes):
        path = tmp_path / "c.jsonl"
        path.write_bytes(data)
        with pa.OSFile(str(path), "rb") as f:
            return list(corpus_rows(f, str(path), "c.jsonl"))

    record = json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False)
    assert [r["text"] for r in rows(b"\xef\xbb\xbf" + record.encode("utf-8") + b"\n")] == [GOOD]
    assert [r["error"] for r in rows((record + "\n").encode("utf-16"))] == [
        "c.jsonl: UTF-16/32 text; corpus JSONL must be UTF-8 (convert it, e.g. iconv -f UTF-16 -t UTF-8)"]
    assert [(r["source"], r["error"]) for r in rows(b"")] == [("c.jsonl", "c.jsonl: empty corpus (no records)")]
