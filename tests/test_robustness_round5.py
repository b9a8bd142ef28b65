"""Audit 11, what an engineer embedding qianyue trips on: the Python API on odd arguments, reading results back
from JSON, the tables a pipeline reads, file modes of outputs, dates given to the Ray entry points and a typo'd
command-line override. In-process and on tiny inputs; only the source test loads the tiny test model."""
from __future__ import annotations

import datetime
import json
import os
import stat

import pytest

from qianyue.errors import ConfigError
from qianyue.results import Agreement, Amount, ArticleResult, Entity, Evidence, FailedDocument, Official, Party


def _result(text: str = "甲市人民政府与乙公司签署合作协议，投资超过5亿元。") -> ArticleResult:
    ev = Evidence(0, 6, text[:6])
    agreement = Agreement(
        title="合作协议", parties=[Party("甲市人民政府", "government", ["甲市政府"], ev), Party("乙公司", "enterprise")],
        officials=[Official("张三", "市长", "甲市人民政府", "witness", ev)], date="2022-06-15", date_text="6月15日",
        amounts=[Amount("5亿元", 5e8, None, "CNY", "投资", Evidence(20, 24, "5亿元"), qualifier="超过")],
        evidence=Evidence(0, 16, text[:16]), confidence=0.9123)
    return ArticleResult(source="a\n“新闻”.txt", published="2022-06-16", title=None, text=text,
                         agreements=[agreement], entities=[Entity("PARTY", "乙公司", 7, 10, 0.87)])


# ---------------------------------------------------------------------------------------------- results from JSON


def test_a_result_reads_back_from_its_json_line():
    """to_dict() had no way back: a pipeline reading `qianyue predict` JSONL got plain dicts, or a TypeError from
    ArticleResult(**d) holding dicts where Agreement objects belong."""
    result = _result()
    line = json.dumps(result.to_dict(), ensure_ascii=False)
    back = ArticleResult.from_dict(json.loads(line))
    assert back == result
    assert isinstance(back.agreements[0].parties[0].evidence, Evidence)
    assert back.agreements[0].amounts[0].qualifier == "超过"
    # --no-text output: no text key; offsets stay as written
    no_text = ArticleResult.from_dict(result.to_dict(include_text=False))
    assert no_text.text == "" and no_text.agreements == result.agreements
    # a key of a newer version is ignored, not a TypeError
    assert ArticleResult.from_dict({**result.to_dict(), "schema": 2}) == result


def test_a_failed_document_line_is_not_read_as_an_empty_result():
    line = {"source": "c.jsonl:2", "error": "c.jsonl:2: not a JSON line"}
    with pytest.raises(ValueError, match="FailedDocument.from_dict"):
        ArticleResult.from_dict(line)
    with pytest.raises(ValueError):  # a Ray result row of a failed document has every column
        ArticleResult.from_dict({**line, "agreements": [], "entities": [], "text": None})
    assert FailedDocument.from_dict(line) == FailedDocument("c.jsonl:2", "c.jsonl:2: not a JSON line")
    with pytest.raises(TypeError, match="takes a dict"):
        ArticleResult.from_dict(json.dumps(line))


# ---------------------------------------------------------------------------------------------- the API


def test_dir_of_the_package_lists_the_lazy_exports():
    import qianyue

    assert {"AgreementExtractor", "fetch_base"} <= set(dir(qianyue))
    assert set(qianyue.__all__) <= set(dir(qianyue))


def test_extract_articles_refuses_texts_with_a_type_error():
    """A list of strings failed deep in the pipeline with AttributeError: 'str' object has no attribute 'text'."""
    from qianyue.api import AgreementExtractor

    ex = AgreementExtractor(tagger=object())  # never reached: the check comes before the model
    with pytest.raises(TypeError, match="item 1 is str.*extract_many"):
        ex.extract_articles([_article(), "甲市人民政府与乙公司签署合作协议。"])


def _article():
    from qianyue.readers import parse_article
    return parse_article("甲市人民政府与乙公司签署合作协议。", source="x")


def test_extract_with_a_numeric_source_names_the_result_by_it(tiny_model):
    """source=7 (a database id) crashed with AttributeError: 'int' object has no attribute 'encode'."""
    from qianyue.api import AgreementExtractor

    ex = AgreementExtractor.from_pretrained(tiny_model)
    result = ex.extract("甲市人民政府与乙公司签署合作协议。", source=7)
    assert result.source == "7"


# ---------------------------------------------------------------------------------------------- output files


def test_atomic_save_gives_an_ordinary_file_mode(tmp_path):
    """xlsx workbooks came out 0600 (mkstemp's private mode) while the csv/parquet beside them were 0644."""
    from qianyue.fileio import atomic_save

    mask = os.umask(0o022)
    try:
        fresh = tmp_path / "new.xlsx"
        atomic_save(fresh, lambda p: p.write_bytes(b"x"))
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "old.xlsx"
        kept.write_bytes(b"old")
        kept.chmod(0o640)
        atomic_save(kept, lambda p: p.write_bytes(b"new"))
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_bytes() == b"new"
    finally:
        os.umask(mask)


def test_amounts_table_keeps_the_qualifier():
    """超过5亿元 and 5亿元 gave the same amounts row: the tables dropped `qualifier`, which JSON has."""
    from qianyue.tables import COLUMNS, flatten

    assert list(COLUMNS["amounts"])[-1] == "qualifier"  # appended: readers of the earlier columns are unaffected
    row = flatten(_result())["amounts"][0]
    assert (row["text"], row["value"], row["qualifier"]) == ("5亿元", 5e8, "超过")
    assert set(row) == set(COLUMNS["amounts"])


# ---------------------------------------------------------------------------------------------- Ray dates


def test_ray_entry_points_check_their_dates_before_any_work():
    """extract_dataset(ds, published="bad") wrote "bad" as every undated record's date, and a datetime.date was
    lost (Arrow's string column); now a bad one is a ConfigError before the Dataset is touched."""
    pytest.importorskip("ray.data")
    from qianyue.integrations.ray import _run_date, extract_dataset

    with pytest.raises(ConfigError, match="published='2022-02-30'.*no such day"):
        extract_dataset(None, published="2022-02-30")
    with pytest.raises(ConfigError, match="published_override"):
        extract_dataset(None, published_override="tomorrow")
    assert _run_date("published", datetime.date(2022, 6, 16)) == "2022-06-16"
    assert _run_date("published", "2022/6/16") == "2022-06-16"
    assert _run_date("published", None) is None


# ---------------------------------------------------------------------------------------------- train overrides


def test_a_typo_in_a_command_line_override_names_the_override():
    """`qianyue train --config tiny max_stepz=3` blamed configs/tiny.yaml, a file the user had not touched."""
    from qianyue.training.config import DistillConfig, load_config

    with pytest.raises(ConfigError, match=r"^override 'max_stepz=3': unknown config key 'max_stepz'"):
        load_config(None, ["max_stepz=3"])
    assert load_config(None, ["max_steps=3"]).max_steps == 3
    assert load_config(None, ["temperature=3"], kind=DistillConfig).temperature == 3
    with pytest.raises(ConfigError, match="qianyue distill"):  # the helpful message for a teacher stays
        load_config(None, ["teacher=/m"])


def test_to_frames_dtypes_do_not_depend_on_the_rows():
    """to_frames([]) gave object columns for `agreement` and `confidence`, and a batch without amounts an object
    `total_amount`, where another batch had int64/float64: pandas.concat of batches or to_parquet broke."""
    pytest.importorskip("pandas")
    from qianyue.tables import to_frames

    full, empty = to_frames(_result()), to_frames([])
    no_money = to_frames(ArticleResult("b", None, None, "x", agreements=[Agreement(title=None)]))
    for name in full:
        assert dict(full[name].dtypes) == dict(empty[name].dtypes) == dict(no_money[name].dtypes), name
    assert str(full["agreements"].dtypes["agreement"]) == "int64"
    assert str(no_money["agreements"].dtypes["total_amount"]) == "float64"


# ---------------------------------------------------------------------------------------------- corpora


def test_a_parquet_corpus_without_rows_is_an_error_in_both_engines(tmp_path):
    """An empty JSONL corpus was an error but an empty Parquet one (a failed export) silently gave nothing."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    from qianyue.predict_run import corpus_records

    empty = tmp_path / "empty.parquet"
    pq.write_table(pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}), empty)
    assert [str(i) for i in corpus_records(empty)] == [f"{empty}: empty corpus (no records)"]
    one = tmp_path / "one.parquet"
    pq.write_table(pa.table({"id": ["a"], "text": ["甲市人民政府与乙公司签署合作协议。"]}), one)
    assert [i[0] for i in corpus_records(one)] == [f"{one}#a"]  # a corpus with rows has no such error

    pytest.importorskip("ray.data")
    from qianyue.integrations.ray import corpus_rows

    with pa.OSFile(str(empty), "rb") as f:
        rows = list(corpus_rows(f, str(empty), "empty.parquet"))
    assert [(r["source"], r["error"]) for r in rows] == [("empty.parquet", "empty.parquet: empty corpus (no records)")]


def test_a_corpus_id_that_is_not_a_string_is_named_as_json_wrote_it(tmp_path):
    """{"id": ["x", 1]} named its record FILE#['x', 1] and {"id": true} FILE#True: Python's spelling in the output."""
    from qianyue.predict_run import corpus_records

    corpus = tmp_path / "c.jsonl"
    ids = [7, 2.5, True, ["x", 1], {"k": "甲"}, "s"]
    corpus.write_text("".join(json.dumps({"id": i, "text": "甲市人民政府与乙公司签署合作协议。"}, ensure_ascii=False) + "\n"
                              for i in ids), encoding="utf-8")
    assert [item[0].split("#", 1)[1] for item in corpus_records(corpus)] == [
        "7", "2.5", "true", '["x", 1]', '{"k": "甲"}', "s"]
    # rows of a user's own Ray Dataset are named the same way
    from qianyue.integrations.ray import ExtractBatch

    batch = ExtractBatch.__new__(ExtractBatch)  # no model: every row here fails before one is needed
    batch.published = batch.published_override = None
    batch.model_batch_size = 8
    rows = batch.extract_rows([{"id": ["x", 1], "text": None}, {"id": True, "text": None}])
    assert [r["source"] for r in rows] == ['["x", 1]', "true"]


# ---------------------------------------------------------------------------------------------- review server


def test_review_server_answers_only_requests_addressed_to_the_loopback(tmp_path):
    """DNS rebinding: a web page whose domain is re-pointed at 127.0.0.1 reached the review server as same-origin,
    read every article (/api/data) and could save corrections. Such requests carry that domain in Host."""
    import http.client
    import threading

    from qianyue.review.server import _host_name, make_server

    assert [_host_name(h) for h in ("127.0.0.1:8765", "[::1]:80", "LOCALHOST", "evil.example:8765", None)] == [
        "127.0.0.1", "[::1]", "localhost", "evil.example", ""]
    preds = tmp_path / "out.jsonl"
    preds.write_text(json.dumps({"source": "a.txt", "text": "甲市人民政府与乙公司签署合作协议。", "entities": [],
                                 "agreements": []}, ensure_ascii=False) + "\n", encoding="utf-8")
    srv = make_server(preds, port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        def status(method: str, path: str, host: str) -> int:
            conn = http.client.HTTPConnection("127.0.0.1", srv.server_address[1], timeout=30)
            conn.putrequest(method, path, skip_host=True)
            conn.putheader("Host", host)
            conn.putheader("Content-Type", "application/json")
            body = json.dumps({"index": 0, "review": {"records": []}}).encode() if method == "POST" else b""
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            code = conn.getresponse().status
            conn.close()
            return code

        port = srv.server_address[1]
        assert status("GET", "/api/data", f"127.0.0.1:{port}") == 200
        assert status("GET", "/api/data", f"localhost:{port}") == 200
        assert status("GET", "/api/data", f"evil.example:{port}") == 403
        assert status("POST", "/api/save", f"evil.example:{port}") == 403
        assert not srv.state.corrections.path.exists()
    finally:
        srv.shutdown()
        srv.server_close()


# ---------------------------------------------------------------------------------------------- --resume and stdin


class _FindsNothing:
    def extract_articles(self, articles):
        return [ArticleResult(a.source, a.published, a.title, a.text) for a in articles]


def test_resume_reads_stdin_again_instead_of_skipping_new_text(tmp_path, monkeypatch):
    """`cat b.txt | qianyue predict - -o out.jsonl --resume` after a run on a.txt's text skipped b's text as
    "already in out.jsonl": every stdin document is named <stdin>, so the name proved nothing and b was lost."""
    import io
    import sys

    from qianyue.predict_run import run_predict

    out = tmp_path / "out.jsonl"
    for text in ("甲市人民政府与乙公司签署合作协议。", "丙市人民政府与丁公司签署合作协议。"):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
        assert run_predict(_FindsNothing(), ["-"], output=out, resume=True, quiet=True) == 0
    assert [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        "甲市人民政府与乙公司签署合作协议。", "丙市人民政府与丁公司签署合作协议。"]


def test_ray_only_options_without_the_ray_engine_are_refused(tmp_path):
    """`--concurrency 4` without --engine ray was silently ignored: one process ran, as the user did not expect
    (the ray engine already refuses the local-only --resume and --shard)."""
    from typer.testing import CliRunner

    from qianyue.cli import app

    article = tmp_path / "a.txt"
    article.write_text("甲市人民政府与乙公司签署合作协议。", encoding="utf-8")
    for option in (["--concurrency", "4"], ["--ray-address", "auto"]):
        result = CliRunner().invoke(app, ["predict", str(article), *option])
        assert result.exit_code == 2 and "are for --engine ray" in result.output


def test_a_directory_walk_skips_hidden_files_and_folders(tmp_path):
    """An archive copied from a Mac holds a binary ._NAME.txt beside every article: each was one "binary file"
    error line and the run exited 1; .git/ and other hidden folders were read as articles too."""
    from qianyue.inputs import expand_inputs

    text = "甲市人民政府与乙公司签署合作协议。"
    for name in ("a.txt", "sub/b.md", ".git/c.txt", "sub/.cache/d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "._a.txt").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    assert list(expand_inputs([str(tmp_path)])) == [tmp_path / "a.txt", tmp_path / "sub" / "b.md"]
    assert list(expand_inputs([str(tmp_path / ".git" / "c.txt")])) == [tmp_path / ".git" / "c.txt"]  # named: read
    hidden_root = tmp_path / ".git"  # a hidden folder named on the command line is searched
    assert list(expand_inputs([str(hidden_root)])) == [hidden_root / "c.txt"]
    # the ray engine's directory walk skips them too
    pytest.importorskip("ray.data")
    from qianyue.integrations.ray import resolve_corpora

    corpus = tmp_path / "corpora"
    for name in ("a.jsonl", "._a.jsonl", ".old/b.jsonl", "sub/c.jsonl"):
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(json.dumps({"id": 1, "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    _, paths, _, errors = resolve_corpora([str(corpus)])
    assert errors == [] and [os.path.relpath(p, corpus) for p in paths] == ["a.jsonl", "sub/c.jsonl"]


# ---------------------------------------------------------------------------------------------- earlier outputs


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_a_run_whose_arguments_name_nothing_leaves_the_earlier_output(tmp_path, fmt):
    """`qianyue predict 'news/*.tx' -o out.jsonl` (a typo'd glob) emptied yesterday's out.jsonl (and out.csv, and
    wrote [] over out.json) before saying that nothing matched."""
    from qianyue.predict_run import run_predict

    out = tmp_path / f"out.{fmt}"
    out.write_text("yesterday's results\n", encoding="utf-8")
    failures = run_predict(_FindsNothing(), [str(tmp_path / "news" / "*.tx"), str(tmp_path / "missing.txt")],
                           fmt=fmt, output=out, quiet=True)
    assert failures == 2 and out.read_text(encoding="utf-8") == "yesterday's results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no empty side tables either
    # a run with something to read writes the output as before, even when that document fails
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert run_predict(_FindsNothing(), [str(tmp_path / "empty.txt")], fmt=fmt, output=out, quiet=True) == 1
    assert out.read_text(encoding="utf-8") != "yesterday's results\n"
