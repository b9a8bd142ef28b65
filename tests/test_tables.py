"""Flat analysis tables (qianyue.tables): the flattening itself, qianyue.to_frames, and predict --format
csv | parquet | xlsx on the tiny model."""
from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

import qianyue
from qianyue import Agreement, Amount, ArticleResult, Official, Party
from qianyue.cli import app
from qianyue.tables import COLUMNS, TABLES, flatten, table_paths, total_amount

SAMPLE = "签约快讯\n2022年6月14日，安徽省人民政府与中国联通签署战略合作框架协议，省长王清宪见证签约。\n"


def two_agreements() -> ArticleResult:
    first = Agreement(title="战略合作框架协议",
                      parties=[Party("安徽省人民政府", "government"), Party("中国联通", "enterprise", aliases=["联通"])],
                      officials=[Official("王清宪", "省长", "安徽省人民政府", "witness"),
                                 Official("刘烈宏", "董事长", "中国联通", "signatory"),
                                 Official("李四", None, None, "signatory")],
                      date="2022-06-14", date_text="6月14日",
                      amounts=[Amount("5亿元", 5e8), Amount("10亿至20亿元", 1e9, 2e9)], confidence=0.91)
    second = Agreement(title=None, parties=[Party("合肥市政府", "government")],
                       amounts=[Amount("1亿元", 1e8), Amount("3000万美元", 3e7, currency="USD")], confidence=0.5)
    return ArticleResult(source="a.md", published="2022-06-15", title="签约快讯", text="…",
                         agreements=[first, second])


def test_flatten_keys_every_row_by_source_and_agreement():
    rows = flatten(two_agreements())
    assert list(rows) == list(TABLES)
    for name, part in rows.items():
        for row in part:
            assert list(row) == list(COLUMNS[name])
            assert row["source"] == "a.md"
    first, second = rows["agreements"]
    assert (first["agreement"], second["agreement"]) == (0, 1)
    assert first["parties"] == "安徽省人民政府; 中国联通"
    assert first["signatories"] == "刘烈宏; 李四" and first["witnesses"] == "王清宪"
    assert first["total_amount"] == 1.5e9 and first["currency"] == "CNY"  # low end of the range
    assert first["article_title"] == "签约快讯" and first["date"] == "2022-06-14" and first["confidence"] == 0.91
    assert second["signatories"] is None and second["witnesses"] is None
    assert second["total_amount"] is None and second["currency"] is None  # yuan + dollars: no total
    assert [(p["agreement"], p["party"], p["name"], p["aliases"]) for p in rows["parties"]] == [
        (0, 0, "安徽省人民政府", None), (0, 1, "中国联通", "联通"), (1, 0, "合肥市政府", None)]
    assert [(o["name"], o["role"], o["title"]) for o in rows["officials"]] == [
        ("王清宪", "witness", "省长"), ("刘烈宏", "signatory", "董事长"), ("李四", "signatory", None)]
    assert [(a["agreement"], a["value"], a["value_max"], a["currency"]) for a in rows["amounts"]] == [
        (0, 5e8, None, "CNY"), (0, 1e9, 2e9, "CNY"), (1, 1e8, None, "CNY"), (1, 3e7, None, "USD")]
    # the dict form (JSON output, Ray rows) flattens the same way
    assert flatten(two_agreements().to_dict()) == rows


def test_total_amount_needs_values_in_one_currency():
    assert total_amount([]) == (None, None)
    assert total_amount([{"value": None, "currency": "CNY"}]) == (None, None)
    assert total_amount([{"value": 2.0, "currency": "USD"}, {"value": None, "currency": "CNY"}]) == (2.0, "USD")


def test_to_frames_gives_one_dataframe_per_table():
    pd = pytest.importorskip("pandas")
    empty = ArticleResult(source="b.md", published=None, title=None, text="")
    frames = qianyue.to_frames([two_agreements(), empty])
    assert set(frames) == set(TABLES)
    assert all(isinstance(f, pd.DataFrame) and list(f.columns) == list(COLUMNS[n]) for n, f in frames.items())
    assert len(frames["agreements"]) == 2 and len(frames["parties"]) == 3 and len(frames["amounts"]) == 4
    joined = frames["officials"].merge(frames["agreements"], on=["source", "agreement"])
    assert set(joined["title_y"].dropna()) == {"战略合作框架协议"}
    assert len(qianyue.to_frames(empty)["agreements"]) == 0  # one result, no agreement: empty tables


def test_table_paths_file_or_directory(tmp_path):
    assert table_paths(tmp_path / "r.csv", "csv") == {
        "agreements": tmp_path / "r.csv", "parties": tmp_path / "r.parties.csv",
        "officials": tmp_path / "r.officials.csv", "amounts": tmp_path / "r.amounts.csv"}
    assert table_paths(tmp_path / "out", "parquet")["parties"] == tmp_path / "out" / "parties.parquet"


@pytest.fixture
def news(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(SAMPLE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")  # reported and skipped, the others still written
    return folder


def _jsonl_agreements(tiny_model, folder, tmp_path):
    out = tmp_path / "all.jsonl"
    CliRunner().invoke(app, ["predict", str(folder), "--model", str(tiny_model), "-o", str(out)])
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_predict_csv_writes_four_tables(tiny_model, news, tmp_path):
    results = _jsonl_agreements(tiny_model, news, tmp_path)
    expected = qianyue.tables.table_rows(results)
    assert expected["agreements"], "the tiny model should find agreements in the sample"
    out = tmp_path / "records.csv"
    res = CliRunner().invoke(app, ["predict", str(news), "--model", str(tiny_model), "--format", "csv", "-o", str(out)])
    assert res.exit_code == 1 and "empty.txt" in res.output  # the bad file is reported, the rest written
    for name, path in table_paths(out, "csv").items():
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == len(expected[name])
        assert [r["source"] for r in rows] == [r["source"] for r in expected[name]]
    with open(out, encoding="utf-8-sig", newline="") as f:
        first = next(csv.DictReader(f))
    assert first["parties"] == (expected["agreements"][0]["parties"] or "")  # CSV writes a missing value as ""
    # without -o: the agreements table on stdout
    res = CliRunner().invoke(app, ["predict", str(news / "a0.txt"), "--model", str(tiny_model), "--format", "csv"])
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert lines[0] == ",".join(COLUMNS["agreements"]) and len(lines) == 1 + len(flatten(results[0])["agreements"])


def test_predict_xlsx_and_parquet_have_the_same_tables(tiny_model, news, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    pq = pytest.importorskip("pyarrow.parquet")
    expected = qianyue.tables.table_rows(_jsonl_agreements(tiny_model, news, tmp_path))
    book = tmp_path / "records.xlsx"
    res = CliRunner().invoke(app, ["predict", str(news), "--model", str(tiny_model), "--format", "xlsx", "-o", str(book)])
    assert res.exit_code == 1 and book.exists()
    wb = openpyxl.load_workbook(book, read_only=True)
    assert wb.sheetnames == list(TABLES)
    for name in TABLES:
        rows = list(wb[name].iter_rows(values_only=True))
        assert rows[0] == tuple(COLUMNS[name]) and len(rows) - 1 == len(expected[name])
        assert [r[0] for r in rows[1:]] == [r["source"] for r in expected[name]]
    res = CliRunner().invoke(app, ["predict", str(news), "--model", str(tiny_model), "--format", "parquet",
                                   "-o", str(tmp_path / "pq")])
    for name in TABLES:
        assert pq.read_table(tmp_path / "pq" / f"{name}.parquet").to_pylist() == expected[name]
    res = CliRunner().invoke(app, ["predict", str(news), "--model", str(tiny_model), "--format", "xlsx"])
    assert res.exit_code == 2 and "--output" in res.output
