"""Audit 10, what a user trips on: each test is one case of the audit that lost a user's file, did the whole run's
work before failing, refused a whole file for one row, or gave a misleading line. They run in-process on tiny
inputs: the checks sit before any model loads or export starts, or take the tiny test model."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qianyue.errors import ConfigError, InputError


def _cli(*args):
    from qianyue.cli import app
    return CliRunner().invoke(app, [str(a) for a in args])


def _fake_checkpoint(folder):
    """What check_checkpoint accepts (config + weights file); export never gets further in these tests."""
    folder.mkdir(parents=True)
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"0")
    return folder


# ---------------------------------------------------------------------------------------------- export --out


def test_export_out_that_is_a_file_or_a_folder_of_other_things_is_refused_and_kept(tmp_path):
    """`--out` is replaced whole by the copy: a file of that name, or `--out .` / a parent of the model, was deleted."""
    from qianyue.export import check_export_target

    model = _fake_checkpoint(tmp_path / "models" / "m")
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    result = _cli("export", "--model", model, "--out", notes, "--no-check")
    # raised before the dev sets are read or anything exported; `qianyue` prints a ConfigError as one line, exit 2
    assert isinstance(result.exception, ConfigError) and "--out exists and is a file" in str(result.exception)
    assert notes.read_text(encoding="utf-8") == "keep me"
    for folder in (tmp_path, tmp_path / "models"):  # a folder of other things; the model's own parent
        with pytest.raises(ConfigError, match="not a model directory"):
            check_export_target(model, folder)
    assert (model / "config.json").is_file() and notes.is_file()
    check_export_target(model, tmp_path / "new")  # missing, empty, an earlier copy, the model itself: fine
    (tmp_path / "empty").mkdir()
    check_export_target(model, tmp_path / "empty")
    check_export_target(model, _fake_checkpoint(tmp_path / "earlier"))
    check_export_target(model, model)


# ---------------------------------------------------------------------------------------------- xlsx


def test_xlsx_output_that_cannot_be_written_fails_before_any_work(tmp_path):
    """xlsx is saved at the end: into a directory it failed only after every document, with openpyxl noise."""
    from qianyue.tables import TableWriter

    with pytest.raises(InputError, match="cannot write the output"):
        TableWriter("xlsx", tmp_path)
    writer = TableWriter("xlsx", tmp_path / "new" / "records.xlsx")  # a missing folder is made, as for csv
    assert not (tmp_path / "new" / "records.xlsx").exists()  # the check leaves no empty file behind
    writer.close()
    assert (tmp_path / "new" / "records.xlsx").stat().st_size > 0


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")  # openpyxl's "Exception ignored"
def test_interrupted_xlsx_run_leaves_the_earlier_workbook_whole(tmp_path):
    """Ctrl-C saved the partial workbook over an earlier one (json and html leave theirs), with openpyxl noise."""
    pytest.importorskip("openpyxl")
    from qianyue.predict_run import run_predict
    from qianyue.results import ArticleResult

    class Interrupted:  # finds nothing; Ctrl-C on the second batch
        calls = 0

        def extract_articles(self, articles):
            self.calls += 1
            if self.calls == 2:
                raise KeyboardInterrupt
            return [ArticleResult(a.source, a.published, a.title, a.text) for a in articles]

    paths = []
    for i in range(2):
        paths.append(tmp_path / f"a{i}.txt")
        paths[-1].write_text("2022年6月14日，安徽省人民政府与中国联通签署战略合作框架协议。\n", encoding="utf-8")
    out = tmp_path / "records.xlsx"
    out.write_bytes(b"an earlier workbook")
    with pytest.raises(KeyboardInterrupt):
        run_predict(Interrupted(), [str(p) for p in paths], fmt="xlsx", output=out, batch_size=1, quiet=True)
    assert out.read_bytes() == b"an earlier workbook"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# ---------------------------------------------------------------------------------------------- review


def test_review_leaves_out_error_rows_of_a_ray_run(tmp_path, capsys):
    """`--engine ray` writes a failed document as {"source", "error"}; review refused the whole part file for it."""
    from qianyue.review.server import load_predictions

    good = {"source": "a.txt", "text": "甲与乙签约。", "agreements": [], "entities": []}
    path = tmp_path / "part-0.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps({"source": "b.txt", "error": "b.txt: empty file"}) + "\n",
                    encoding="utf-8")
    assert [a["source"] for a in load_predictions(path)] == ["a.txt"]
    assert "1 error rows (documents that failed) left out" in capsys.readouterr().err
    path.write_text(json.dumps({"source": "b.txt", "error": "b.txt: empty file"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no predictions in this file \(1 error rows\)"):
        load_predictions(path)
    path.write_text('{"source": "c.txt"}\n', encoding="utf-8")  # anything else is still refused
    with pytest.raises(InputError, match="not a prediction"):
        load_predictions(path)
    with pytest.raises(InputError, match="is a directory; give one JSONL file"):  # was "cannot read (Is a directory)"
        load_predictions(tmp_path)


# ---------------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize("value, says", [
    ("2999-01-01", "the year 2999 is outside 1900-2100"),
    ("2022-02-30", "no such day in the calendar"),
    ("二〇二二年二月三十日", "no such day in the calendar"),
    ("06/07/2015", "either way round"),
    ("yesterday", "write it as YYYY-MM-DD"),
])
def test_a_refused_publication_date_says_what_is_wrong(value, says):
    """2999-01-01 is written as asked, yet the line said `write it as YYYY-MM-DD`."""
    from qianyue.readers import parse_article

    # a real process: CliRunner would catch a traceback instead of printing it
    result = subprocess.run([sys.executable, "-m", "qianyue.cli", "predict", "-", "--published", value],
                            input="", capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(InputError, match=says):
        parse_article("甲与乙签约。", published=value)


def test_a_publication_date_that_is_not_a_string_says_so():
    from qianyue.readers import parse_article

    with pytest.raises(InputError, match="a datetime.date, not int"):  # said "no such day" for 20220616
        parse_article("甲与乙签约。", published=20220616)


# ---------------------------------------------------------------------------------------------- Ray


def test_ray_batch_reads_a_row_with_an_unreadable_date_without_it(tiny_model):
    """A user's own Dataset (extract_dataset) lost such a row as an error row, where `qianyue predict` and
    read_corpus read the text without the date; pandas' NaN for a missing date was the common case."""
    pytest.importorskip("ray")
    from qianyue.integrations.ray import ExtractBatch

    text = "2022年6月14日，安徽省人民政府与中国联通签署战略合作框架协议。"
    batch = ExtractBatch(str(tiny_model), model_batch_size=4)
    rows = batch.extract_rows([{"id": "bad", "text": text, "published": "2022-13-01"},
                               {"id": "nan", "text": text, "published": float("nan")},
                               {"id": "good", "text": text, "published": "2022-06-16"},
                               {"id": "none", "text": None, "published": "2022-06-16"}])
    assert [r["error"] is None for r in rows] == [True, True, True, False]
    assert [r["published"] for r in rows[:3]] == [None, None, "2022-06-16"]
    assert rows[0]["entities"] == rows[2]["entities"]


def test_review_save_of_the_wrong_shape_is_a_400_not_a_dropped_connection(tmp_path):
    """A hand-edited predictions file ({"parties": 5}) or a request of the wrong shape raised AttributeError or
    TypeError in the handler: the page saw the connection drop and the terminal a traceback."""
    import threading
    import urllib.error
    import urllib.request

    from qianyue.review.server import make_server

    text = "安徽签约\n安徽省人民政府与中国联通签署协议。"
    pred = {"source": "a.txt", "text": text, "entities": [], "agreements": [{"title": "协议", "parties": 5}]}
    preds = tmp_path / "out.jsonl"
    preds.write_text(json.dumps(pred, ensure_ascii=False) + "\n", encoding="utf-8")
    srv = make_server(preds, port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        for review in ({"records": []}, {"records": ["x"]}, {"records": [], "added_spans": 5}):
            req = urllib.request.Request(f"http://127.0.0.1:{srv.server_address[1]}/api/save",
                                         data=json.dumps({"index": 0, "review": review}).encode(),
                                         headers={"Content-Type": "application/json"})
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(req, timeout=30)
            assert err.value.code == 400 and "wrong shape" in json.loads(err.value.read())["error"]
        assert not srv.state.corrections.path.exists()
    finally:
        srv.shutdown()
        srv.server_close()


def test_ray_rerun_keeps_corrections_saved_beside_a_part_file(tmp_path):
    """`qianyue review OUT/records/part.jsonl` saves OUT/records/part.corrections.jsonl; the rerun that completes
    the job read it as a torn part file and deleted it."""
    pytest.importorskip("ray")
    import pyarrow.fs as pafs

    from qianyue.integrations.ray import scan_records

    records = tmp_path / "records"
    records.mkdir()
    (records / "p_000000.jsonl").write_text('{"source": "a", "error": null}\n{"source": "b", "error": "x"}\n',
                                            encoding="utf-8")
    (records / "q_000000.jsonl").write_text('{"source": "c", "err', encoding="utf-8")  # torn by a kill
    corrections = records / "p_000000.corrections.jsonl"
    corrections.write_text('{"doc": "a", "sha256": "0", "spans": []}\n', encoding="utf-8")
    done = scan_records(pafs.LocalFileSystem(), str(records), "jsonl", repair=True)
    assert done == {"a": None, "b": "x"} and corrections.is_file() and not (records / "q_000000.jsonl").exists()
    (records / "p_000000.jsonl").unlink()
    assert scan_records(pafs.LocalFileSystem(), str(records), "parquet") == {}  # not "holds jsonl parts"


# ---------------------------------------------------------------------------------------------- recipes


def test_a_folder_named_like_a_shipped_recipe_does_not_hide_it(tmp_path, monkeypatch):
    """`qianyue train --config default` in a directory that holds a folder `default/` said "is a directory"."""
    from qianyue.resources import configs_dir, find_config

    monkeypatch.chdir(tmp_path)
    (tmp_path / "tiny").mkdir()
    assert find_config("tiny") == configs_dir() / "tiny.yaml"
    (tmp_path / "mine").mkdir()
    assert find_config("mine") == Path("mine")  # no such recipe: still reported as the folder it is
    (tmp_path / "tiny.yaml").write_text("max_steps: 1\n", encoding="utf-8")
    assert find_config("tiny.yaml") == Path("tiny.yaml")  # an existing file wins
