"""Audit 12, what an analyst trips on in a long run and in the review loop: markdown headlines with markup or
escaped brackets, limit messages that name the option to raise, a shard count of zero, corrections from two
review sessions or from a reopened article, and Ray's deprecated Parquet column selection. Tiny inputs only; no
test loads a model."""
from __future__ import annotations

import json
import warnings

import pytest

from conftest import run_cli
from qianyue.errors import InputError
from qianyue.readers import parse_article, read_article
from qianyue.review.corrections import CorrectionsFile, build_correction, review_from_correction, text_sha256


# ---------------------------------------------------------------------------------------------- readers


@pytest.mark.parametrize("heading, title", [
    ("# **甲市**与[乙公司](https://example.cn/x)签约", "甲市与乙公司签约"),  # title kept the markup
    ("# &gt; 甲市与乙公司签约", "> 甲市与乙公司签约"),  # the body lost the '>' as if it were a quote marker
    ("# 甲市签署&lt;合作协议&gt;", "甲市签署<合作协议>"),
])
def test_a_markdown_headline_is_the_title_once(heading, title):
    """The title came from the raw heading and the body line from the cleaned one: when they differed the article
    text held the headline twice (its entities too), and the title kept ** and link markup or a stray '>'."""
    article = parse_article(heading + "\n\n正文一句。\n", source="a.md")
    assert article.title == title
    assert article.text == title + "\n正文一句。"


def test_a_front_matter_title_with_html_entities_is_unescaped():
    """A Jekyll title written with &lt;...&gt; stayed escaped and sat above the body's unescaped headline."""
    text = "---\ntitle: 甲市签署&lt;合作协议&gt;\ndate: 2023-01-02\n---\n\n# 甲市签署&lt;合作协议&gt;\n\n正文一句。\n"
    article = parse_article(text, source="a.md")
    assert article.title == "甲市签署<合作协议>" and article.published == "2023-01-02"
    assert article.text == "甲市签署<合作协议>\n正文一句。"


def test_a_plain_text_headline_naming_two_bracketed_agreements_keeps_its_title():
    """Two '>' made 甲市与乙公司签署<合作协议>和<投资协议> a breadcrumb trail (首页 > 新闻 > 正文): no title."""
    article = parse_article("甲市与乙公司签署<合作协议>和<投资协议>\n正文一句。", source="a.txt")
    assert article.title == "甲市与乙公司签署<合作协议>和<投资协议>"
    trail = parse_article("首页 > 新闻 > 正文\n甲市签约\n正文一句。", source="b.txt")
    assert trail.title == "甲市签约"  # a real trail is still skipped


def test_limit_messages_name_the_option_and_the_argument(tmp_path):
    """A file over --max-bytes told a command-line user to raise `read_article max_bytes=...`."""
    path = tmp_path / "a.txt"
    path.write_text("甲市与乙公司签署合作协议。" * 10, encoding="utf-8")
    with pytest.raises(InputError, match=r"--max-bytes; max_bytes= in Python"):
        read_article(path, max_bytes=20)
    with pytest.raises(InputError, match=r"--max-chars; max_chars= in Python"):
        read_article(path, max_chars=20)


def test_a_shard_count_of_zero_says_what_is_wrong(tmp_path):
    """--shard 1/0 said 'I must be in 0..N-1', blaming the index for a count of no shards."""
    (tmp_path / "a.txt").write_text("甲市与乙公司签署合作协议。", encoding="utf-8")
    res = run_cli("predict", str(tmp_path / "a.txt"), "--shard", "1/0")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert res.stderr.strip() == "qianyue: --shard '1/0': N (the number of shards) must be at least 1"
    res = run_cli("predict", str(tmp_path / "a.txt"), "--shard", "4/4")
    assert res.returncode == 2 and "I must be in 0..3" in res.stderr


def test_a_recursive_glob_does_not_follow_folder_links(tmp_path, monkeypatch):
    """`qianyue predict 'news/**/*.txt'` over a folder with two links to itself (`ln -s . x; ln -s . y`) listed
    2^40 paths before its first document (hung); one loop read every article once per link level."""
    import glob
    import os
    import subprocess
    import sys

    from qianyue.inputs import _glob, expand_inputs

    monkeypatch.chdir(tmp_path)
    for rel in ["news/a.txt", "news/d/b.txt", "news/d/e/c.md", "news/.hidden/h.txt", "news/d/.h.txt",
                "news/d/sp ace.txt", "other/o.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("甲市签约", encoding="utf-8")
    patterns = ["news/**/*.txt", "news/**", "news/**/e/*", "news/*/**/*.md", "**/*.txt", "news/**/.*.txt",
                str(tmp_path / "news") + "/**/*.txt", "news/**/nothing", "missing/**/*.txt"]
    # without links it lists what glob.glob lists (files: a folder match is no article)
    for pattern in patterns:
        assert sorted(p for p in _glob(pattern) if os.path.isfile(p)) == \
            sorted(set(p for p in glob.glob(pattern, recursive=True) if os.path.isfile(p))), pattern
    os.symlink(".", tmp_path / "news" / "d" / "x")
    os.symlink("../other", tmp_path / "news" / "linked")
    expected = ["news/a.txt", "news/d/b.txt", "news/d/sp ace.txt"]
    assert [str(p) for p in expand_inputs(["news/**/*.txt"])] == expected
    assert [str(p) for p in expand_inputs(["news/linked/*.txt"])] == ["news/linked/o.txt"]  # named: followed
    # the second loop: in a process of its own, so that a regression fails on the timeout instead of hanging here
    os.symlink(".", tmp_path / "news" / "d" / "y")
    res = subprocess.run([sys.executable, "-c", "from qianyue.inputs import expand_inputs; "
                          "print([str(p) for p in expand_inputs(['news/**/*.txt'])])"],
                         capture_output=True, text=True, timeout=60)
    assert res.stdout.strip() == str(expected), res.stderr


def test_the_ray_engine_walk_does_not_follow_folder_links(tmp_path):
    """`--engine ray` listed a folder with Arrow's recursive FileSelector, which follows links: one link loop read
    each corpus 41 times (its records 41 times over), two never finished listing."""
    import os
    import subprocess
    import sys

    pytest.importorskip("pyarrow")
    (tmp_path / "corpora" / "d" / ".hidden").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    for rel in ["corpora/d/a.jsonl", "corpora/d/.hidden/h.jsonl", "other/o.jsonl"]:
        (tmp_path / rel).write_text('{"id": "a", "text": "甲市签约"}\n', encoding="utf-8")
    os.symlink(".", tmp_path / "corpora" / "d" / "x")
    os.symlink(".", tmp_path / "corpora" / "d" / "y")
    os.symlink("../other", tmp_path / "corpora" / "linked")
    script = ("import sys; from qianyue.integrations.ray import resolve_corpora; "
              "fs, paths, names, errors = resolve_corpora(sys.argv[1:]); print(paths, errors)")
    res = subprocess.run([sys.executable, "-c", script, str(tmp_path / "corpora")], capture_output=True, text=True,
                         timeout=120)  # a process of its own: a regression fails on the timeout, not by hanging
    assert res.stdout.strip() == f"{[str(tmp_path / 'corpora' / 'd' / 'a.jsonl')]} []", res.stderr


def test_the_output_suffix_chooses_the_format_when_none_is_given(tiny_model, tmp_path):
    """`-o records.csv` (or .xlsx, .parquet) without --format wrote JSONL into it: a workbook Excel refuses, a
    "csv" of JSON lines. An empty article fails without loading a model and still writes the (empty) output."""
    from qianyue.cli import app
    from typer.testing import CliRunner

    (tmp_path / "empty.txt").write_bytes(b"")
    runner, model = CliRunner(), ["--model", str(tiny_model)]  # checked, never loaded: no document needs it
    for name in ("r.csv", "r.json", "r.xlsx", "r.parquet"):
        res = runner.invoke(app, ["predict", str(tmp_path / "empty.txt"), "-o", str(tmp_path / name), "-q", *model])
        assert res.exit_code == 1, res.output
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").startswith("source,agreement,published")
    assert (tmp_path / "r.parties.csv").exists() and (tmp_path / "r.parties.parquet").exists()
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == []
    assert (tmp_path / "r.xlsx").read_bytes()[:2] == b"PK"
    assert (tmp_path / "r.parquet").read_bytes()[:4] == b"PAR1"
    # an explicit --format wins; --resume still needs JSONL
    res = runner.invoke(app, ["predict", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "j.csv"), "-f", "jsonl",
                              *model])
    assert res.exit_code == 1 and (tmp_path / "j.csv").read_text(encoding="utf-8") == ""
    res = runner.invoke(app, ["predict", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "r.csv"), "--resume",
                              *model])
    assert res.exit_code == 2 and "--resume needs --output FILE with --format jsonl" in res.output


def test_sigterm_ends_a_run_like_ctrl_c_with_whole_tables(tiny_model, tmp_path):
    """`kill PID` (a scheduler's time limit, docker stop) killed predict outright: every Parquet table was left a
    4-byte file that no reader opens, with no summary. A driver sends SIGTERM during the second batch."""
    import subprocess
    import sys
    import textwrap

    pq = pytest.importorskip("pyarrow.parquet")
    for i in range(6):
        (tmp_path / f"a{i}.txt").write_text(f"甲市人民政府与乙公司签署合作协议，第{i}条。", encoding="utf-8")
    driver = tmp_path / "driver.py"
    driver.write_text(textwrap.dedent("""
        import os, signal, sys
        from qianyue.api import AgreementExtractor
        from qianyue.cli import main
        real, calls = AgreementExtractor.extract_articles, []

        def extract_articles(self, articles):
            calls.append(1)
            if len(calls) == 2:
                os.kill(os.getpid(), signal.SIGTERM)
            return real(self, articles)

        AgreementExtractor.extract_articles = extract_articles
        sys.argv = ["qianyue", *sys.argv[1:]]
        main()
        """), encoding="utf-8")
    out = tmp_path / "tables"
    res = subprocess.run([sys.executable, str(driver), "predict", *sorted(map(str, tmp_path.glob("a*.txt"))),
                          "--model", str(tiny_model), "--runtime", "torch", "--batch-size", "2", "--format",
                          "parquet", "-o", str(out)], capture_output=True, text=True, timeout=900)
    assert res.returncode == 130 and "Traceback" not in res.stderr
    assert res.stderr.strip().splitlines()[-1].startswith("qianyue: interrupted after 2 documents")
    assert "source" in pq.read_table(out / "agreements.parquet").column_names  # whole: its footer is written


def test_the_table_header_keeps_a_file_name_with_a_newline_on_one_line():
    """`--format table` printed `== news/name` and `with newline.txt ...` on two lines (JSON and errors escape it)."""
    from qianyue.render import render_table
    from qianyue.results import ArticleResult

    table = render_table(ArticleResult(source="news/name\nwith newline.txt", published=None, title="甲市签约",
                                       text="甲市签约", agreements=[], entities=[]))
    assert table.splitlines()[0] == "== news/name\\nwith newline.txt  published=?  title=甲市签约"


# ---------------------------------------------------------------------------------------------- review loop

TEXT = "6月14日，甲市人民政府与乙公司签署合作协议，市长张三见证签约。双方还签署了投资协议。"


def _prediction(source="a.txt", text=TEXT):
    def ev(s):
        return {"start": text.index(s), "end": text.index(s) + len(s), "text": s}
    return {"source": source, "published": "2022-06-15", "title": None, "text": text,
            "entities": [{"label": label, "text": s, "start": ev(s)["start"], "end": ev(s)["end"], "score": 0.9}
                         for label, s in (("DATE", "6月14日"), ("PARTY", "甲市人民"), ("PARTY", "乙公司"))],
            "agreements": [
                {"title": "合作协议", "date": "2022-06-14", "date_text": "6月14日", "confidence": 0.4,
                 "parties": [{"name": "甲市人民", "kind": "government", "aliases": [], "evidence": ev("甲市人民")},
                             {"name": "乙公司", "kind": "enterprise", "aliases": [], "evidence": ev("乙公司")}],
                 "officials": [], "amounts": [], "evidence": ev("甲市人民政府与乙公司签署合作协议")},
                {"title": "投资协议", "date": None, "date_text": None, "confidence": 0.2, "parties": [],
                 "officials": [], "amounts": [], "evidence": ev("双方还签署了投资协议")}]}


def _review(prediction):
    """A reviewer's session: fix a party name, add an official by selecting the name, drop the second record and
    add one of their own."""
    fixed = json.loads(json.dumps(prediction["agreements"][0]))
    fixed["parties"][0]["name"] = "甲市人民政府"
    fixed["officials"].append({"name": "张三", "title": "市长", "party": "甲市人民政府", "role": "witness",
                               "evidence": None})
    at = prediction["text"].index("张三")
    added = {"title": "投资协议", "date": "2022-06-14", "date_text": None, "amounts": [], "officials": [],
             "parties": [{"name": "乙公司", "kind": "enterprise", "aliases": []}], "evidence": None}
    return {"records": [{"status": "corrected", "record": fixed},
                        {"status": "dropped", "record": prediction["agreements"][1]},
                        {"status": "added", "record": added}],
            "added_spans": [[at, at + 2, "OFFICIAL"]]}


def test_review_of_a_parquet_table_says_it_reads_jsonl(tmp_path):
    """`qianyue review records.parquet` said "cannot read ('utf-8' codec can't decode byte 0xd8 ...)"."""
    from qianyue.review.server import load_predictions

    table = tmp_path / "records.parquet"
    table.write_bytes(b"PAR1\xd8\x00\x15\x04" + bytes(range(256)))
    with pytest.raises(InputError, match=r"records.parquet: not UTF-8 text; give the JSONL output of `qianyue predict`"):
        load_predictions(table)


def test_a_reopened_article_starts_from_its_saved_corrections():
    """The page rebuilt every article from the model's records: reopening a saved article showed none of the
    reviewer's fixes, and saving it again (say, after one more fix) replaced them with the model's records."""
    prediction = _prediction()
    line = build_correction(prediction, _review(prediction), "out.jsonl")
    review = review_from_correction(prediction, line)
    assert [r["status"] for r in review["records"]] == ["corrected", "dropped", "added"]
    first = review["records"][0]["record"]
    assert [p["name"] for p in first["parties"]] == ["甲市人民政府", "乙公司"]
    assert first["officials"][0]["name"] == "张三" and first["confidence"] == 0.4
    # evidence stays where the saved value is the predicted one
    assert first["parties"][1]["evidence"]["text"] == "乙公司" and first["parties"][0]["evidence"] is None
    # saving the reopened article unchanged writes the same line: nothing of the first session is lost
    assert build_correction(prediction, review, "out.jsonl") == line
    # a line that does not fit the prediction (edited by hand) opens the model's records instead
    assert review_from_correction(prediction, {**line, "agreements": []}) is None


def test_two_review_sessions_on_one_file_keep_each_others_saves(tmp_path):
    """Each session rewrote the corrections file from the copy it read at start-up: the second one to save
    deleted the first one's corrections. The review server also shows lines saved by another session."""
    from qianyue.review.server import make_server

    preds = tmp_path / "out.jsonl"
    a, b = _prediction("a.txt"), _prediction("b.txt", TEXT + "另有消息。")
    preds.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in (a, b)), encoding="utf-8")
    first, second = make_server(preds, port=0), make_server(preds, port=0)
    try:
        payload = {"index": 0, "review": {"records": [{"status": "accepted", "record": r} for r in a["agreements"]],
                                          "added_spans": []}}
        first.state.save(payload)
        second.state.save({**payload, "index": 1})
        saved = CorrectionsFile(tmp_path / "out.corrections.jsonl")
        assert saved.get("a.txt", text_sha256(a["text"])) and saved.get("b.txt", text_sha256(b["text"]))
        data = first.state.data()
        assert set(data["saved"]) == {0, 1} and data["reviews"][1]["records"][0]["status"] == "accepted"
    finally:
        first.server_close()
        second.server_close()


# ---------------------------------------------------------------------------------------------- Ray


def test_ray_reads_its_parquet_parts_without_the_deprecated_columns_argument(tmp_path):
    """read_parquet(columns=) warned a DeprecationWarning on every rerun over a Parquet output (Ray 2.5x)."""
    ray = pytest.importorskip("ray")
    pq = pytest.importorskip("pyarrow.parquet")
    from qianyue.integrations.ray import _records_dataset, result_schema
    import pyarrow as pa
    import pyarrow.fs as pafs

    records = tmp_path / "records"
    records.mkdir()
    row = {"source": "a.txt", "published": "2022-06-15", "title": "甲市签约", "text": "正文", "agreements": [],
           "entities": [], "error": None}
    pq.write_table(pa.Table.from_pylist([row], schema=result_schema()), records / "part-0.parquet")
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = _records_dataset(pafs.LocalFileSystem(), str(records), "parquet")
        # Ray warns about its own settings too (use_push_based_shuffle): only ours matters here
        assert not [w for w in caught if "columns=" in str(w.message)]
        assert ds.columns() == ["source", "published", "title", "agreements", "error"]
        assert [r["source"] for r in ds.take_all()] == ["a.txt"]
    finally:
        ray.shutdown()


def test_the_review_page_reopens_an_article_with_its_saved_corrections(tmp_path):
    """In a real browser (skipped without chromium, as tests/test_review_browser.py): an article saved in an
    earlier session shows the saved party name and status, not the model's record."""
    import os
    import threading

    from qianyue.review.browser import find_chromium, headless_chromium, quit_chromium
    from qianyue.review.server import make_server
    from test_review_browser import make_predictions, wait_for

    if None in find_chromium() and not os.environ.get("QIANYUE_REQUIRE_BROWSER"):
        pytest.skip("needs chromium and chromedriver (apt-get install chromium chromium-driver)")
    from selenium.webdriver.common.by import By

    preds = tmp_path / "out.jsonl"
    lines = make_predictions(preds)
    fixed = json.loads(json.dumps(lines[0]["agreements"][0]))
    fixed["parties"][0]["name"] = "安徽省人民政府"
    earlier = make_server(preds, port=0)  # the first session: saves and goes away
    earlier.state.save({"index": 0, "review": {"records": [{"status": "corrected", "record": fixed}],
                                               "added_spans": []}})
    earlier.server_close()
    server = make_server(preds, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    web = headless_chromium()
    try:
        web.get(f"http://127.0.0.1:{server.server_address[1]}/")
        wait_for(lambda: web.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
        card = web.find_element(By.CSS_SELECTOR, ".rec[data-index='0']")
        name = card.find_element(By.CSS_SELECTOR, "input[data-field='parties.0.name']")
        assert name.get_attribute("value") == "安徽省人民政府"
        assert card.find_element(By.CSS_SELECTOR, ".status").text == "corrected"
    finally:
        quit_chromium(web)
        server.shutdown()
        server.server_close()
