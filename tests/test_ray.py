"""Ray Data batch inference on a local two-CPU Ray (ray.init(num_cpus=2)) with the tiny model: the same records as
the single-process path, error rows instead of failed jobs, and a rerun that skips finished documents."""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from qianyue.cli import app
from qianyue.tables import TABLES, table_rows

ray = pytest.importorskip("ray")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
from qianyue.integrations.ray import ExtractBatch, extract_dataset  # noqa: E402

pytestmark = pytest.mark.ray
SAMPLES = ["2022年6月14日，安徽省人民政府与中国联通签署战略合作框架协议，省长王清宪见证签约。",
           "今天上午，昭通市人民政府与中国电信云南公司签署协议，副市长余伟和副总经理曾群代表双方签约。"]


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def write_corpus(tmp_path, n_jsonl=60, n_parquet=40):
    """n_jsonl documents in a.jsonl (plus a record without text and a line that is not JSON), n_parquet in
    b.parquet (ids only on some rows: the others are named by their row number)."""
    a, b = tmp_path / "a.jsonl", tmp_path / "b.parquet"
    with open(a, "w", encoding="utf-8") as f:
        for i in range(n_jsonl):
            rec = {"id": f"a{i}", "text": f"{SAMPLES[i % 2]}\n第{i}条。", "published": "2022-06-16"}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        f.write('{"id": "no-text"}\n\nnot json\n')
    rows = [{"id": f"b{i}" if i % 3 else None, "text": SAMPLES[(i + 1) % 2] * (1 + i % 3),
             "published": "2023-01-0" + str(1 + i % 9)} for i in range(n_parquet)]
    pq.write_table(pa.Table.from_pylist(rows), b)
    return [str(a), str(b)]


def single_process(tiny_model, inputs, tmp_path) -> list[str]:
    out = tmp_path / "single.jsonl"
    res = CliRunner().invoke(app, ["predict", *inputs, "--model", str(tiny_model), "-o", str(out)])
    assert res.exit_code == 1  # the two bad records
    return out.read_text(encoding="utf-8").splitlines()


def test_ray_engine_gives_the_single_process_records(tiny_model, tmp_path, local_ray, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative inputs: sources must name them as the user wrote them
    inputs = [p.replace(str(tmp_path) + "/", "") for p in write_corpus(tmp_path)]
    expected = single_process(tiny_model, inputs, tmp_path)
    assert len(expected) == 100
    res = CliRunner().invoke(app, ["predict", *inputs, "--engine", "ray", "--model", str(tiny_model),
                                   "-o", "out", "--concurrency", "2"])
    assert res.exit_code == 1, res.output
    lines = [line for part in sorted((tmp_path / "out" / "records").glob("*.jsonl"))
             for line in part.read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(line) for line in lines if '"error"' in line]
    assert sorted(e["source"] for e in errors) == ["a.jsonl:61", "a.jsonl:63"]
    assert "no \"text\"" in errors[0]["error"] + errors[1]["error"]
    assert sorted(line for line in lines if '"error"' not in line) == sorted(expected)  # byte for byte
    tables = {name: pq.read_table(tmp_path / "out" / "tables" / name).to_pylist() for name in TABLES}
    want = table_rows(json.loads(line) for line in expected)
    assert sum(len(json.loads(line)["agreements"]) for line in expected) == len(want["agreements"]) > 0
    for name in TABLES:
        key = lambda r: (r["source"], r["agreement"], r.get(name[:-1], 0))  # noqa: E731
        assert sorted(tables[name], key=key) == sorted(want[name], key=key)


def test_ray_rerun_skips_finished_documents(tiny_model, tmp_path, local_ray):
    inputs = write_corpus(tmp_path, n_jsonl=12, n_parquet=12)
    out = tmp_path / "out"
    args = ["predict", *inputs, "--engine", "ray", "--model", str(tiny_model), "-o", str(out), "--format", "parquet",
            "--concurrency", "2", "--no-text"]
    assert CliRunner().invoke(app, args).exit_code == 1
    parts = sorted((out / "records").glob("*.parquet"))
    complete = {r["source"]: r for p in parts for r in pq.read_table(p).to_pylist()}
    assert len(complete) == 26
    # an interrupted run: one part file never written, another torn mid-write
    shutil.copy(parts[-1], out / "records" / "torn.parquet")
    lost = pq.read_table(parts[0]).column("source").to_pylist()
    parts[0].unlink()
    data = (out / "records" / "torn.parquet").read_bytes()
    (out / "records" / "torn.parquet").write_bytes(data[: len(data) // 2])
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 1
    assert "torn.parquet" in res.output and f"({len(lost)} of them done in this run)" in res.output
    rows = [r for p in sorted((out / "records").glob("*.parquet")) for r in pq.read_table(p).to_pylist()]
    assert len(rows) == len({r["source"] for r in rows}) == 26  # every document exactly once
    assert {r["source"]: r for r in rows} == complete
    # the records are the single-process ones (parquet: the same fields, values as Arrow types)
    expected = {json.loads(line)["source"]: json.loads(line)
                for line in single_process(tiny_model, inputs + ["--no-text"], tmp_path)}
    got = {s: {k: v for k, v in r.items() if k not in ("error", "text")} for s, r in complete.items()
           if r["error"] is None}
    assert got == expected


def test_bad_documents_become_error_rows(tiny_model, local_ray):
    ds = ray.data.from_items([{"id": "good", "text": SAMPLES[0], "published": "2022-06-16"},
                              {"id": "no-text", "text": None, "published": None},
                              {"id": "blank", "text": "   \n ", "published": None}])
    rows = {r["source"]: r for r in extract_dataset(ds, str(tiny_model), concurrency=1).take_all()}
    assert rows["good"]["error"] is None and rows["good"]["entities"] and rows["good"]["published"] == "2022-06-16"
    assert "text" in rows["no-text"]["error"] and rows["no-text"]["agreements"] == []
    assert rows["blank"]["error"]


def test_a_document_that_breaks_the_model_fails_alone(tiny_model):
    batch = ExtractBatch(str(tiny_model), model_batch_size=4)
    real = batch.extractor.extract_articles

    def fragile(articles):
        if any("BOOM" in a.text for a in articles):
            raise RuntimeError("kaboom")
        return real(articles)

    batch.extractor.extract_articles = fragile
    table = batch(pa.Table.from_pylist([{"id": f"d{i}", "text": "BOOM" if i == 2 else SAMPLES[i % 2],
                                         "published": None} for i in range(5)]))
    rows = table.to_pylist()
    assert [r["error"] for r in rows] == [None, None, "RuntimeError: kaboom", None, None]
    assert all(r["entities"] for i, r in enumerate(rows) if i != 2)
    assert rows[0] == {**batch.extractor.extract(SAMPLES[0], source="d0").to_dict(), "error": None}


def test_result_schema_names_every_field_of_to_dict():
    from qianyue import Agreement, Amount, ArticleResult, Entity, Evidence, Official, Party
    from qianyue.integrations.ray import result_schema

    ev = Evidence(0, 2, "合作")
    full = ArticleResult("s", "2022-01-01", "t", "text", agreements=[Agreement(
        "协议", parties=[Party("甲", "government", ["乙"], ev)], officials=[Official("丙", "省长", "甲", "witness", ev)],
        date="2022-01-01", date_text="1月1日", amounts=[Amount("5亿元", 5e8, evidence=ev)], evidence=ev,
        confidence=0.5)], entities=[Entity("PARTY", "甲", 0, 1, 0.9)])
    row = {**full.to_dict(), "error": None}
    assert pa.Table.from_pylist([row], schema=result_schema()).to_pylist() == [row]
