"""Second review of round 12: sentences of our own where its later rules (a headline with a full stop, separate
signings under a headline, a headline's count of companies, 协议/合同 made one, amount ranges) must not fire, fire
wrongly or should fire; and the corrections -> record judge loop tried as a user would, each mistake a user can make
failing in one line that names the file, with nothing half-written."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_cli, tag
from qianyue.rules import build_records

REPO = Path(__file__).resolve().parent.parent


def _records(text, items, published="2024-06-04"):
    return build_records(text, tag(text, items), published)


def _titles_and_sides(recs):
    return sorted((r.title or "", tuple(sorted(p.name for p in r.parties))) for r in recs)


# ------------------------------------------------------------------------------- a headline that ends on a full stop
_COUNT_BODY = ("6月2日，东岭市人民政府与北辰电力集团有限公司签署火电扩建项目合作协议；西河县人民政府与蓝海能源股份有限公司"
               "签署光伏项目投资协议；南山区人民政府与西岭燃气有限公司签署管网项目合作协议。\n")
_COUNT_SPANS = [("6月2日", "DATE"), ("东岭市人民政府", "PARTY"), ("北辰电力集团有限公司", "PARTY"),
                ("火电扩建项目合作协议", "AGREEMENT"), ("西河县人民政府", "PARTY"), ("蓝海能源股份有限公司", "PARTY"),
                ("光伏项目投资协议", "AGREEMENT"), ("南山区人民政府", "PARTY"), ("西岭燃气有限公司", "PARTY"),
                ("管网项目合作协议", "AGREEMENT")]
_COUNT_RECORDS = [("光伏项目投资协议", ("蓝海能源股份有限公司", "西河县人民政府")),
                  ("火电扩建项目合作协议", ("东岭市人民政府", "北辰电力集团有限公司")),
                  ("管网项目合作协议", ("南山区人民政府", "西岭燃气有限公司"))]


@pytest.mark.parametrize("headline", ["东岭市与三家能源企业集中签约\n", "东岭市与三家能源企业集中签约。\n",
                                      "东岭市与三家能源企业集中签约！\n"])
def test_a_headline_count_over_the_named_signings_adds_nothing_whatever_its_last_mark(headline):
    # some sites end a headline on a full stop: it is still one line summing the body up, not a lead sentence
    recs = _records(headline + _COUNT_BODY, [("东岭市", "PARTY")] + _COUNT_SPANS, "2020-06-03")
    assert _titles_and_sides(recs) == _COUNT_RECORDS


def test_a_lead_sentence_with_its_commas_and_full_stop_is_no_headline():
    # 6月2日，…。 on the first line is a caller's paragraph: its signing is its own, the count in it adds the
    # companies it does not name (two of three named here, one by the city itself)
    text = ("6月2日，东岭市与三家能源企业集中签约，东岭市人民政府与北辰电力集团有限公司签署火电扩建项目合作协议。\n"
            "同日，西河县人民政府与蓝海能源股份有限公司签署光伏项目投资协议。\n")
    spans = [("6月2日", "DATE"), ("东岭市", "PARTY"), ("东岭市人民政府", "PARTY"), ("北辰电力集团有限公司", "PARTY"),
             ("火电扩建项目合作协议", "AGREEMENT"), ("西河县人民政府", "PARTY"), ("蓝海能源股份有限公司", "PARTY"),
             ("光伏项目投资协议", "AGREEMENT")]
    recs = _records(text, spans, "2020-06-03")
    named = [t for t, sides in _titles_and_sides(recs) if len(sides) == 2]
    assert named == ["光伏项目投资协议", "火电扩建项目合作协议"] and len(recs) > 2


def test_a_headline_with_a_full_stop_still_folds_into_the_bodys_signing():
    text = ("东岭市与远山能源签署光伏项目合作协议。\n"
            "6月3日，东岭市人民政府与江南远山新能源有限公司签署光伏项目合作协议。\n")
    spans = [("东岭市", "PARTY"), ("远山能源", "PARTY"), ("光伏项目合作协议", "AGREEMENT"), ("6月3日", "DATE"),
             ("东岭市人民政府", "PARTY"), ("江南远山新能源有限公司", "PARTY"), ("光伏项目合作协议", "AGREEMENT")]
    recs = _records(text, spans)
    assert len(recs) == 1 and str(recs[0].date) == "2024-06-03"


# ------------------------------------------------------------------------------- a headline's count of companies
def test_a_headline_count_below_the_named_signings_adds_nothing():
    # 三家 in the headline, four signings in the body (one more signed at the same event): none of the city alone
    text = ("东岭市与三家能源企业集中签约\n" + _COUNT_BODY.replace(
        "。\n", "；北山县人民政府与东方风电有限公司签署风电项目投资协议。\n"))
    spans = [("东岭市", "PARTY")] + _COUNT_SPANS + [("北山县人民政府", "PARTY"), ("东方风电有限公司", "PARTY"),
                                                 ("风电项目投资协议", "AGREEMENT")]
    recs = _records(text, spans, "2020-06-03")
    assert len(recs) == 4 and all(len(r.parties) == 2 for r in recs)


def test_a_headline_count_over_the_citys_own_signings_keeps_them():
    text = ("东岭市与两家企业签约\n"
            "6月2日，东岭市人民政府与北辰电力集团有限公司签署火电扩建项目合作协议，与蓝海能源股份有限公司签署光伏项目投资协议。\n")
    spans = [("东岭市", "PARTY"), ("6月2日", "DATE"), ("东岭市人民政府", "PARTY"), ("北辰电力集团有限公司", "PARTY"),
             ("火电扩建项目合作协议", "AGREEMENT"), ("蓝海能源股份有限公司", "PARTY"), ("光伏项目投资协议", "AGREEMENT")]
    assert _titles_and_sides(_records(text, spans, "2020-06-03")) == [
        ("光伏项目投资协议", ("东岭市人民政府", "蓝海能源股份有限公司")),
        ("火电扩建项目合作协议", ("东岭市人民政府", "北辰电力集团有限公司"))]


# ------------------------------------------------------------------------------- 协议 / 合同: one document or two
_SIDES = [("安远县人民政府", "PARTY"), ("赣州金岭新材料有限公司", "PARTY")]


def test_a_framework_agreement_and_the_contract_signed_later_are_two_documents():
    text = ("5月15日，安远县人民政府与赣州金岭新材料有限公司签订《锂电池项目投资框架协议》。"
            "8月20日，双方在县行政中心正式签订《锂电池项目投资合同》。\n")
    spans = [("5月15日", "DATE")] + _SIDES + [("锂电池项目投资框架协议", "AGREEMENT"), ("8月20日", "DATE"),
                                             ("锂电池项目投资合同", "AGREEMENT")]
    recs = _records(text, spans, "2018-08-21")
    assert sorted((r.title, str(r.date)) for r in recs) == [("锂电池项目投资合同", "2018-08-20"),
                                                          ("锂电池项目投资框架协议", "2018-05-15")]


@pytest.mark.parametrize("first, second", [("锂电池产业合作协议", "锂电池项目建设合同"),
                                           ("锂电池项目合作协议", "锂电池项目合同"),
                                           ("锂电池项目合作协议书", "锂电池项目合同书")])
def test_an_agreement_and_a_contract_of_the_same_sides_told_in_two_sentences_stay_two(first, second):
    text = f"安远县人民政府与赣州金岭新材料有限公司签订《{first}》。随后，双方签订了《{second}》。\n"
    recs = _records(text, _SIDES + [(first, "AGREEMENT"), (second, "AGREEMENT")], "2018-05-16")
    assert sorted(r.title for r in recs) == sorted([first, second])


def test_a_headlines_agreement_is_the_bodys_contract_beside_another_contract():
    # the headline's 投资协议 is the body's 投资合同; the 供地合同 signed with it is a document of its own
    text = ("安远县与金岭新材料签订锂电池项目投资协议\n"
            "5月15日，安远县人民政府与赣州金岭新材料有限公司签订《锂电池项目投资合同》和《锂电池项目供地合同》。\n")
    spans = [("安远县", "PARTY"), ("金岭新材料", "PARTY"), ("锂电池项目投资协议", "AGREEMENT"), ("5月15日", "DATE")] + \
        _SIDES + [("锂电池项目投资合同", "AGREEMENT"), ("锂电池项目供地合同", "AGREEMENT")]
    assert sorted(r.title for r in _records(text, spans, "2018-05-16")) == ["锂电池项目供地合同", "锂电池项目投资合同"]


def test_a_headlines_contract_is_the_bodys_agreement():
    # the other way round: 合同 in the headline, 协议书 in the body
    text = ("安远县与金岭新材料签订锂电池项目投资合同\n"
            "5月15日，安远县人民政府与赣州金岭新材料有限公司签订《年产2万吨锂电池项目投资协议书》。\n")
    spans = [("安远县", "PARTY"), ("金岭新材料", "PARTY"), ("锂电池项目投资合同", "AGREEMENT"), ("5月15日", "DATE")] + \
        _SIDES + [("年产2万吨锂电池项目投资协议书", "AGREEMENT")]
    assert [r.title for r in _records(text, spans, "2018-05-16")] == ["年产2万吨锂电池项目投资协议书"]


# ------------------------------------------------------------------------------- amounts: one range or two amounts
def _amounts(clause, amounts):
    text = f"东岭县人民政府与远山建设集团有限公司签署投资协议，{clause}。"
    items = [("东岭县人民政府", "PARTY"), ("远山建设集团有限公司", "PARTY"), ("投资协议", "AGREEMENT")]
    recs = _records(text, items + [(a, "AMOUNT") for a in amounts])
    return [(a.value, a.value_max) for r in recs for a in r.amounts]


@pytest.mark.parametrize("clause, amounts, expected", [
    ("项目计划投资8亿元-12亿元", ["8亿元", "12亿元"], [(8e8, 1.2e9)]),
    ("项目计划投资8亿元～12亿元", ["8亿元", "12亿元"], [(8e8, 1.2e9)]),
    ("项目计划投资3000万元到1亿元", ["3000万元", "1亿元"], [(3e7, 1e8)]),
    ("项目计划投资8亿-12亿元", ["8亿", "12亿元"], [(8e8, 1.2e9)]),
])
def test_two_amounts_joined_by_a_range_mark_are_one_range(clause, amounts, expected):
    assert _amounts(clause, amounts) == expected


@pytest.mark.parametrize("clause, amounts, expected", [
    ("一期投资8亿元，二期投资12亿元", ["8亿元", "12亿元"], [(8e8, None), (1.2e9, None)]),
    ("首期5亿元到位，3亿元用于设备采购", ["5亿元", "3亿元"], [(5e8, None), (3e8, None)]),
    # a change by an amount to an amount: how much more, and the new total
    ("企业追加投资3亿元至10亿元", ["3亿元", "10亿元"], [(3e8, None), (1e9, None)]),
    ("注册资本增加2亿元至5亿元", ["2亿元", "5亿元"], [(2e8, None), (5e8, None)]),
    # a high end below the low end is no range
    ("项目投资10亿元至5亿元不等", ["10亿元", "5亿元"], [(1e9, None), (5e8, None)]),
    # nor are two currencies (the second amount names its own)
    ("项目投资5000万美元至5亿元人民币", ["5000万美元", "5亿元人民币"], [(5e7, None), (5e8, None)]),
])
def test_two_amounts_that_are_no_range_stay_two(clause, amounts, expected):
    assert _amounts(clause, amounts) == expected


def test_years_joined_by_zhi_next_to_money_leave_the_money_alone():
    text = "东岭县人民政府与远山建设集团有限公司签署投资协议，项目建设期为2019年至2021年，总投资5亿元。"
    items = [("东岭县人民政府", "PARTY"), ("远山建设集团有限公司", "PARTY"), ("投资协议", "AGREEMENT"),
             ("2019年", "DATE"), ("2021年", "DATE"), ("5亿元", "AMOUNT")]
    assert [(a.value, a.value_max) for r in _records(text, items) for a in r.amounts] == [(5e8, None)]


# ------------------------------------------------------------------------------- separate signings told again
_OVERVIEW = "6月3日，东岭市人民政府分别与远山建设集团有限公司、青禾数据科技有限公司签署战略合作协议。"
_OVERVIEW_SPANS = [("6月3日", "DATE"), ("东岭市人民政府", "PARTY"), ("远山建设集团有限公司", "PARTY"),
                   ("青禾数据科技有限公司", "PARTY"), ("战略合作协议", "AGREEMENT")]
_HEADLINE = "东岭市与远山建设、青禾数据签署战略合作协议\n"
_HEADLINE_SPANS = [("东岭市", "PARTY"), ("远山建设", "PARTY"), ("青禾数据", "PARTY"), ("战略合作协议", "AGREEMENT")]


@pytest.mark.parametrize("with_headline", [False, True])
def test_a_separate_signings_overview_retold_one_by_one_is_two_records(with_headline):
    text = ((_HEADLINE if with_headline else "") + _OVERVIEW +
            "根据协议，东岭市人民政府与远山建设集团有限公司将在城市更新领域开展合作；"
            "东岭市人民政府与青禾数据科技有限公司将共建数据中心。\n")
    spans = (_HEADLINE_SPANS if with_headline else []) + _OVERVIEW_SPANS + [
        ("东岭市人民政府", "PARTY"), ("远山建设集团有限公司", "PARTY"), ("东岭市人民政府", "PARTY"),
        ("青禾数据科技有限公司", "PARTY")]
    assert _titles_and_sides(_records(text, spans)) == [
        ("战略合作协议", ("东岭市人民政府", "远山建设集团有限公司")), ("战略合作协议", ("东岭市人民政府", "青禾数据科技有限公司"))]


def test_a_separate_signings_overview_then_each_agreement_by_its_name_is_two_records():
    text = (_HEADLINE + _OVERVIEW + "签约仪式上，东岭市人民政府与远山建设集团有限公司签署了《城市更新战略合作协议》，"
            "与青禾数据科技有限公司签署了《数字东岭战略合作协议》。\n")
    spans = _HEADLINE_SPANS + _OVERVIEW_SPANS + [
        ("东岭市人民政府", "PARTY"), ("远山建设集团有限公司", "PARTY"), ("城市更新战略合作协议", "AGREEMENT"),
        ("青禾数据科技有限公司", "PARTY"), ("数字东岭战略合作协议", "AGREEMENT")]
    assert _titles_and_sides(_records(text, spans)) == [
        ("城市更新战略合作协议", ("东岭市人民政府", "远山建设集团有限公司")),
        ("数字东岭战略合作协议", ("东岭市人民政府", "青禾数据科技有限公司"))]


@pytest.mark.parametrize("with_headline", [False, True])
def test_separate_signings_beside_a_joint_agreement_of_all_the_sides_are_three_records(with_headline):
    # 甲分别与乙、丙签署战略合作协议。同日，三方共同签署《…三方合作协议》: two bilateral agreements and a third one
    text = ((_HEADLINE if with_headline else "") + _OVERVIEW +
            "同日，东岭市人民政府与远山建设集团有限公司、青禾数据科技有限公司共同签署《智慧城市三方合作协议》。\n")
    spans = (_HEADLINE_SPANS if with_headline else []) + _OVERVIEW_SPANS + [
        ("东岭市人民政府", "PARTY"), ("远山建设集团有限公司", "PARTY"), ("青禾数据科技有限公司", "PARTY"),
        ("智慧城市三方合作协议", "AGREEMENT")]
    assert _titles_and_sides(_records(text, spans)) == [
        ("战略合作协议", ("东岭市人民政府", "远山建设集团有限公司")), ("战略合作协议", ("东岭市人民政府", "青禾数据科技有限公司")),
        ("智慧城市三方合作协议", ("东岭市人民政府", "远山建设集团有限公司", "青禾数据科技有限公司"))]


# ------------------------------------------------------------------------------- the corrections -> judge loop
def _corrections(tiny_model, folder: Path, drop: bool = True) -> Path:
    """Predictions of the tiny model for the corrections tests' articles and the reviewer's corrections of them
    (the model's records dropped, or kept when `drop` is False: then no false record is taught)."""
    from qianyue import AgreementExtractor
    from qianyue.review.corrections import CorrectionsFile, build_correction
    from test_corrections import ARTICLES

    folder.mkdir(parents=True, exist_ok=True)
    results = list(AgreementExtractor.from_pretrained(tiny_model).extract_many(
        [{"id": i, "text": t, "published": p} for i, t, p, _ in ARTICLES]))
    (folder / "out.jsonl").write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results),
                                      encoding="utf-8")
    store = CorrectionsFile(folder / "out.corrections.jsonl")
    for result, (_, _, _, gold) in zip(results, ARTICLES):
        prediction = result.to_dict()
        kept = [{"status": "dropped" if drop else "accepted", "record": a} for a in prediction["agreements"]]
        store.save(build_correction(prediction, {"records": kept + [{"status": "added", "record": gold}],
                                                 "added_spans": []}, "out.jsonl"))
    return store.path


def _train(tiny_base, out, *args):
    from qianyue.cli import app

    return CliRunner().invoke(app, ["train", "--config", str(REPO / "configs" / "tiny.yaml"), "--output-dir", str(out),
                                    *args, f"base_model={tiny_base}", "seed=3"])


def test_an_empty_corrections_file_trains_the_tagger_but_refits_no_judge(tiny_base, tmp_path):
    empty = tmp_path / "empty.corrections.jsonl"
    empty.write_text("", encoding="utf-8")
    res = _train(tiny_base, tmp_path / "run", "--corrections", str(empty), "epochs=1")
    assert res.exit_code == 0, res.output
    assert "not refitted (the corrections hold no reviewed records)" in res.output
    assert not list((tmp_path / "run").rglob("record_judge.json"))  # the package's judge stays


def test_an_interrupted_run_resumed_with_accepted_only_corrections_gets_its_judge(tiny_model, tiny_base, tmp_path):
    from qianyue.assembly import TreeJudge
    from qianyue.modeling import Tagger

    # only real records reviewed (accepted + added, none dropped): the false candidates come from the other examples
    corrections = _corrections(tiny_model, tmp_path / "review", drop=False)
    run = tmp_path / "run"
    assert _train(tiny_base, run, "epochs=1").exit_code == 0  # stopped before the judge: none written
    assert not list(run.rglob("record_judge.json"))
    res = _train(tiny_base, run, "--resume", "--corrections", str(corrections), "epochs=2")
    assert res.exit_code == 0, res.output
    assert "2 reviewed articles among them" in res.output
    assert isinstance(Tagger.from_pretrained(run).judge, TreeJudge)
    assert isinstance(Tagger.from_pretrained(run / "last").judge, TreeJudge)


def test_corrections_whose_predictions_file_moved_fail_before_training_in_one_line(tiny_model, tiny_base, tmp_path):
    corrections = _corrections(tiny_model, tmp_path / "review")
    moved = tmp_path / "elsewhere" / corrections.name
    moved.parent.mkdir()
    shutil.move(corrections, moved)
    run = run_cli("train", "--config", str(REPO / "configs" / "tiny.yaml"), "--output-dir", str(tmp_path / "run"),
                  "--corrections", str(moved), f"base_model={tiny_base}")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip().count("\n") == 0 and "out.jsonl" in run.stderr
    assert not (tmp_path / "run").exists()


def test_a_model_whose_judge_was_removed_uses_the_packages_and_a_corrupted_one_stops_evaluate(tiny_model, tmp_path):
    from qianyue.assembly import RecordJudge
    from qianyue.modeling import Tagger

    model = tmp_path / "model"
    shutil.copytree(tiny_model / "best", model)
    (model / "record_judge.json").write_text(json.dumps(RecordJudge({}, 0.0, {}, {}).to_dict()), encoding="utf-8")
    assert isinstance(Tagger.from_pretrained(model).judge, RecordJudge)
    (model / "record_judge.json").unlink()
    assert Tagger.from_pretrained(model).judge is None
    # evaluation loads the model's own judge (a damaged one is named, nothing is scored or written)
    (model / "record_judge.json").write_text('{"kind": "trees", "trees": [', encoding="utf-8")
    data = REPO / "data" / "tiny" / "train.jsonl"
    run = run_cli("evaluate", "--model", str(model), "--data", str(data), "--output", str(tmp_path / "scores.json"))
    assert run.returncode == 2 and "Traceback" not in run.stderr and run.stderr.strip().count("\n") == 0
    assert "record_judge.json: not a record judge" in run.stderr and not (tmp_path / "scores.json").exists()


def test_a_models_own_judge_travels_with_its_exported_copy(tiny_model, tmp_path):
    from qianyue.layout import shipped_files

    model = tmp_path / "model"
    shutil.copytree(tiny_model / "best", model)
    without = {p.name for p in shipped_files(model)}
    (model / "record_judge.json").write_text("{}", encoding="utf-8")
    # `qianyue export --out` copies every shipped file: the copy keeps the judge the model was trained with
    assert {p.name for p in shipped_files(model)} == without | {"record_judge.json"}


@pytest.mark.parametrize("what", ["missing", "folder", "moved", "not-json"])
def test_assembly_train_with_bad_corrections_is_one_line_and_writes_nothing(tiny_model, tmp_path, capsys, what):
    from qianyue.training.assembly_train import main

    path = {"missing": tmp_path / "nope.jsonl", "folder": tmp_path}.get(what)
    if what == "moved":
        path = _corrections(tiny_model, tmp_path / "review")
        (path.parent / "out.jsonl").unlink()
    elif what == "not-json":
        path = tmp_path / "bad.corrections.jsonl"
        path.write_text("{not json\n", encoding="utf-8")
    out = tmp_path / "new" / "judge.json"
    capsys.readouterr()  # (the tiny model's notes while predicting)
    rc = main(["--out", str(out), "--config", str(REPO / "configs" / "tiny.yaml"), "--corrections", str(path)])
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith("assembly_train: ") and err.count("\n") == 1
    assert str(path if what != "moved" else path.parent / "out.jsonl") in err or str(path) in err
    assert not out.exists()
