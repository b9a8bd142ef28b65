"""Review of round 12: sentences of our own where the capacity-in-name rule must not fire, fires wrongly or should
fire (_capacity_in_agreement_names), and judge files and judge-training runs that must fail cleanly."""
from __future__ import annotations

import json
import pickle
import sys

import pytest

from conftest import tag
from qianyue.assembly import TreeJudge, judge_path, load_judge
from qianyue.errors import ConfigError
from qianyue.rules import build_records

GOV, FIRM = "宁川市人民政府", "远帆新能源有限公司"
SIDES = [("5月9日", "DATE"), (GOV, "PARTY"), (FIRM, "PARTY")]


def _signed(what, items, after=""):
    """The records of one signing sentence 5月9日，GOV与FIRM签署{what}。{after}, tagged with SIDES + items."""
    text = f"5月9日，{GOV}与{FIRM}签署{what}。{after}"
    return build_records(text, tag(text, SIDES + items), "2024-05-10")


def _titles_and_amounts(recs):
    return [(r.title, [a.value for a in r.amounts]) for r in recs]


# ------------------------------------------------------------------------------------- where the rule must not fire
@pytest.mark.parametrize("what, items, title, amounts", [
    # money with its currency before a name is the agreement's money, never a size
    ("5000万元帮扶项目协议", [("5000万元", "AMOUNT"), ("帮扶项目协议", "AGREEMENT")], "帮扶项目协议", [5e7]),
    ("1亿美元电池项目投资协议", [("1亿美元", "AMOUNT"), ("电池项目投资协议", "AGREEMENT")], "电池项目投资协议", [1e8]),
    # money without its currency, but no unit after it
    ("5000万帮扶项目协议", [("5000万", "AMOUNT"), ("帮扶项目协议", "AGREEMENT")], "帮扶项目协议", [5e7]),
    # a count word's character that starts a word of money or a place: 片区, 台资
    ("5000万片区综合开发协议", [("5000万", "AMOUNT"), ("片区综合开发协议", "AGREEMENT")], "片区综合开发协议", [5e7]),
    ("1亿台资企业合作协议", [("1亿", "AMOUNT"), ("台资企业合作协议", "AGREEMENT")], "台资企业合作协议", [1e8]),
    # a date or a phase number right before a name is no size
    ("2024年合作协议", [("2024年", "DATE"), ("合作协议", "AGREEMENT")], "合作协议", []),
    ("第2期千亩果园项目协议", [("千亩果园项目协议", "AGREEMENT")], "千亩果园项目协议", []),
    ("5G基站共建协议", [("5G基站共建协议", "AGREEMENT")], "5G基站共建协议", []),
], ids=["yuan", "usd", "bare-money", "pianqu", "taizi", "year", "phase", "5g"])
def test_a_figure_before_a_name_that_is_no_size_is_left_alone(what, items, title, amounts):
    assert _titles_and_amounts(_signed(what, items)) == [(title, amounts)]


def test_money_then_a_size_with_its_lead_keeps_both_apart():
    # the money (with currency) before the name stays money; the size after 的 joins the name
    recs = _signed("总投资8亿元的20万千瓦风电项目协议",
                   [("8亿元", "AMOUNT"), ("20万", "AMOUNT"), ("千瓦风电项目协议", "AGREEMENT")])
    assert _titles_and_amounts(recs) == [("20万千瓦风电项目协议", [8e8])]
    # a date between the figure-free lead and the name: the lead still joins, the date stays a date
    recs = _signed("2024年年产10万吨饲料项目协议", [("2024年", "DATE"), ("10万吨饲料项目协议", "AGREEMENT")])
    assert [r.title for r in recs] == ["年产10万吨饲料项目协议"] and recs[0].date == "2024-05-09"


@pytest.mark.parametrize("after, amount, kept", [
    ("项目总投资4.6亿，千瓦时电价约0.3元。", "4.6亿", 4.6e8),  # 千瓦时 after a comma is the next clause's
    ("项目总投资2亿瓦房店分公司负责建设。", "2亿", 2e8),  # (misfired: a bare 瓦 read as a unit)
    ("项目总投资1.2亿头期建设牛舍。", "1.2亿", 1.2e8),  # 头期, no count of cattle
], ids=["kwh-after-a-comma", "wafangdian", "touqi"])
def test_money_whose_next_characters_only_look_like_a_unit_stays_money(after, amount, kept):
    recs = _signed("光伏项目投资协议", [("光伏项目投资协议", "AGREEMENT"), (amount, "AMOUNT")], after)
    assert _titles_and_amounts(recs) == [("光伏项目投资协议", [pytest.approx(kept)])]


def test_energy_in_the_sentence_after_the_money_is_dropped_and_the_money_stays():
    recs = _signed("风电项目投资协议", [("风电项目投资协议", "AGREEMENT"), ("20亿", "AMOUNT"), ("4.6亿", "AMOUNT")],
                   "项目总投资20亿，年发电量4.6亿千瓦时。")
    assert _titles_and_amounts(recs) == [("风电项目投资协议", [2e9])]


# ------------------------------------------------------------------------------------ where the rule must fire
@pytest.mark.parametrize("what, items, title", [
    ("３０万千瓦风电项目投资协议", [("３０万", "AMOUNT"), ("千瓦风电项目投资协议", "AGREEMENT")], "３０万千瓦风电项目投资协议"),
    ("《30万千瓦风电项目投资协议》", [("30万", "AMOUNT"), ("千瓦风电项目投资协议", "AGREEMENT")], "30万千瓦风电项目投资协议"),
    ("约30万千瓦风电项目投资协议", [("约30万", "AMOUNT"), ("千瓦风电项目投资协议", "AGREEMENT")], "30万千瓦风电项目投资协议"),
    ("2×35万千瓦热电项目协议", [("2×35万", "AMOUNT"), ("千瓦热电项目协议", "AGREEMENT")], "2×35万千瓦热电项目协议"),
    ("5亿千瓦时绿电交易协议", [("5亿", "AMOUNT"), ("千瓦时绿电交易协议", "AGREEMENT")], "5亿千瓦时绿电交易协议"),
    ("100万千伏安变电站项目协议", [("100万", "AMOUNT"), ("千伏安变电站项目协议", "AGREEMENT")], "100万千伏安变电站项目协议"),
    ("100万吨绿色甲醇项目投资协议", [("100", "AMOUNT"), ("万吨绿色甲醇项目投资协议", "AGREEMENT")], "100万吨绿色甲醇项目投资协议"),
    ("年产１０万吨饲料项目投资协议", [("１０万吨饲料项目投资协议", "AGREEMENT")], "年产１０万吨饲料项目投资协议"),
    # the tagger cut inside the figure itself
    ("10GW光伏组件项目投资协议", [("0GW光伏组件项目投资协议", "AGREEMENT")], "10GW光伏组件项目投资协议"),
    # (each misfired or did not fire before the review:)
    # a digit inside the name (2期) made the rule read the figure as ending there
    ("20万千瓦2期风电项目投资协议", [("20万", "AMOUNT"), ("千瓦2期风电项目投资协议", "AGREEMENT")], "20万千瓦2期风电项目投资协议"),
    # Chinese numerals
    ("三十万千瓦风电项目投资协议", [("三十万", "AMOUNT"), ("千瓦风电项目投资协议", "AGREEMENT")], "三十万千瓦风电项目投资协议"),
    # 平米 and 千亩 are units as well
    ("12万平米物流园项目协议", [("12万", "AMOUNT"), ("平米物流园项目协议", "AGREEMENT")], "12万平米物流园项目协议"),
    ("3千亩茶园种植项目协议", [("3", "AMOUNT"), ("千亩茶园种植项目协议", "AGREEMENT")], "3千亩茶园种植项目协议"),
    # what a plant makes or a farm raises, counted after 万: the name keeps the count and its lead
    ("年产10万辆新能源汽车项目投资协议", [("10万", "AMOUNT"), ("辆新能源汽车项目投资协议", "AGREEMENT")],
     "年产10万辆新能源汽车项目投资协议"),
    ("年出栏50万头生猪养殖项目合作协议", [("50万", "AMOUNT"), ("头生猪养殖项目合作协议", "AGREEMENT")],
     "年出栏50万头生猪养殖项目合作协议"),
    ("10万头奶牛养殖项目投资协议", [("10", "AMOUNT"), ("万头奶牛养殖项目投资协议", "AGREEMENT")], "10万头奶牛养殖项目投资协议"),
], ids=["fullwidth", "quoted", "approx", "times", "kwh", "kva", "wandun", "lead-fullwidth", "cut-in-digits",
        "digit-in-name", "cn-numeral", "pingmi", "qianmu", "liang", "tou", "tou-cut-before-wan"])
def test_a_size_cut_from_the_name_joins_it_and_is_no_money(what, items, title):
    assert _titles_and_amounts(_signed(what, items)) == [(title, [])]


def test_two_names_one_with_a_cut_size_and_one_after_money():
    recs = _signed("了20万千瓦风电项目投资协议和5000万元乡村振兴帮扶协议",
                   [("20万", "AMOUNT"), ("千瓦风电项目投资协议", "AGREEMENT"), ("5000万元", "AMOUNT"),
                    ("乡村振兴帮扶协议", "AGREEMENT")])
    assert [r.title for r in recs] == ["20万千瓦风电项目投资协议", "乡村振兴帮扶协议"]
    assert all(a.value != 2e5 for r in recs for a in r.amounts)  # the size is nobody's money


@pytest.mark.xfail(strict=True, reason="money written right before the second of two names joined by 和 goes to "
                   "both records: the amount rules share a sentence's money among its agreements (older than round "
                   "12; the same without a size in the first name)")
def test_money_before_the_second_name_is_the_second_agreements_only():
    recs = _signed("了风电项目投资协议和5000万元乡村振兴帮扶协议",
                   [("风电项目投资协议", "AGREEMENT"), ("5000万元", "AMOUNT"), ("乡村振兴帮扶协议", "AGREEMENT")])
    assert _titles_and_amounts(recs) == [("风电项目投资协议", []), ("乡村振兴帮扶协议", [5e7])]


@pytest.mark.xfail(strict=True, reason="a place name written before the size (宁东 | 1 | 0GW…) is not joined: where a "
                   "name begins before a figure cannot be told from the characters alone (签署宁东… vs 在宁东签署…)")
def test_a_place_before_a_size_cut_inside_its_digits_stays_in_the_name():
    recs = _signed("宁东10GW风光储一体化项目合作协议", [("0GW风光储一体化项目合作协议", "AGREEMENT")])
    assert [r.title for r in recs] == ["宁东10GW风光储一体化项目合作协议"]


# --------------------------------------------------------------------------------------------- the record judge
def _good_trees() -> dict:
    """A small valid trees judge: one tree splitting on `sides`."""
    return {"kind": "trees", "features": ["sides", "verb"], "prior": -0.5, "rate": 1.0,
            "trees": [{"feature": [0, 0, 0], "threshold": [0.4, 0.0, 0.0], "left": [1, -1, -1], "right": [2, -1, -1],
                       "value": [0.0, -2.0, 3.0]}]}


def _with(**change):
    d = _good_trees()
    for key, value in change.items():
        if key in d:
            d[key] = value
        else:
            d["trees"][0][key] = value
    return d


_BAD_JUDGES = {
    "nan-threshold": (_with(threshold=[float("nan"), 0.0, 0.0]), "not a finite number"),
    "inf-threshold": (_with(threshold=[float("inf"), 0.0, 0.0]), "not a finite number"),
    "nan-leaf": (_with(value=[0.0, float("nan"), 3.0]), "not a finite number"),
    "nan-prior": (_with(prior=float("nan")), "prior is not a finite number"),
    "text-rate": (_with(rate="fast"), "rate is not a finite number"),
    "huge-child": (_with(left=[10 ** 30, -1, -1]), "outside its tree"),
    "cycle": (_with(left=[1, 0, -1], right=[2, -1, -1]), "outside its tree"),
    "child-as-text": (_with(left=["1", -1, -1]), "whole numbers"),
    "child-as-fraction": (_with(left=[1.7, -1, -1]), "whole numbers"),
    "feature-out-of-range": (_with(feature=[5, 0, 0]), "outside its tree"),
    "features-a-string": (_with(features="sidesverb"), "features is not a list"),
    "trees-an-object": (_with(trees={"0": 1}), "trees is not a list"),
    "missing-prior": ({k: v for k, v in _good_trees().items() if k != "prior"}, "no 'prior'"),
    "kind-a-list": (_with(kind=["trees"]), "unknown judge kind"),
    "a-list": ([1, 2], "a list, not a JSON object"),
    "null": (None, "null, not a JSON object"),
    # a logistic file of rounds 1-11 (no "kind") with a NaN weight, written as a number and as text
    "logistic-nan": ({"weights": {"sides": float("nan")}, "bias": 0.0, "mean": {}, "scale": {}}, "not a finite"),
    "logistic-nan-text": ({"weights": {"sides": "nan"}, "bias": 0.0, "mean": {}, "scale": {}}, "not a finite"),
    "logistic-weights-a-list": ({"weights": [1.0], "bias": 0.0, "mean": {}, "scale": {}}, "weights is not an object"),
}


@pytest.mark.parametrize("name", list(_BAD_JUDGES))
def test_a_bad_judge_file_is_a_one_line_config_error_naming_it(tmp_path, name):
    d, why = _BAD_JUDGES[name]
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(d), encoding="utf-8")  # (json.dumps writes NaN and Infinity as Python reads them)
    with pytest.raises(ConfigError, match=why) as err:
        load_judge(str(path))
    assert str(path) in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("raw", [
    # an index written as Infinity (int() of it raised OverflowError)
    '{"kind":"trees","features":["a"],"prior":0,"rate":1,"trees":[{"feature":[Infinity,0,0],'
    '"threshold":[0,0,0],"left":[1,-1,-1],"right":[2,-1,-1],"value":[0,1,2]}]}',
    '{"kind":"trees","features":[],"prior":1e400,"rate":1,"trees":[]}',  # read as inf
    "[" * 100000 + "]" * 100000,  # (RecursionError in the JSON reader)
    json.dumps(_good_trees())[:60],
], ids=["infinite-index", "too-big-for-a-float", "nested-deep", "truncated"])
def test_a_damaged_judge_file_is_a_config_error_not_a_traceback(tmp_path, raw):
    path = tmp_path / "judge.json"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(ConfigError, match="not a record judge") as err:
        load_judge(str(path))
    assert str(path) in str(err.value)


def test_a_judge_path_that_is_a_directory_or_a_pickle_is_a_config_error_and_nothing_runs(tmp_path):
    with pytest.raises(ConfigError, match="cannot read the record judge") as err:
        load_judge(str(tmp_path))
    assert str(tmp_path) in str(err.value)
    marker = tmp_path / "ran"

    class Payload:  # what a pickle would run on loading
        def __reduce__(self):
            return (open, (str(marker), "w"))

    (tmp_path / "judge.json").write_bytes(pickle.dumps(Payload()))
    with pytest.raises(ConfigError, match="not a record judge"):
        load_judge(str(tmp_path / "judge.json"))
    assert not marker.exists()
    assert load_judge(str(tmp_path / "none.json")) is None  # no file: no judge, the rules' confidence stays


def test_features_missing_from_a_record_count_as_zero_and_unknown_ones_are_ignored():
    judge = TreeJudge.from_dict(_good_trees())
    assert judge.probability({}) == judge.probability({"sides": 0.0, "verb": 0.0})
    assert judge.probability({"sides": 0.75, "other": 9.0}) == judge.probability({"sides": 0.75})
    assert judge.probability({"sides": 0.75}) > 0.5 > judge.probability({})
    shipped = load_judge()  # the shipped file passes the strict reading
    assert shipped is not None and shipped.kind == "trees" and 0.0 < shipped.probability({}) < 1.0
    assert load_judge(str(judge_path())).trees == shipped.trees


# ------------------------------------------------------------------------------------- training the judge: the CLI
def test_assembly_train_help_runs():
    import subprocess

    run = subprocess.run([sys.executable, "-m", "qianyue.training.assembly_train", "--help"], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0 and "--out" in run.stdout and "--tagged" in run.stdout and not run.stderr


def _train(capsys, *args):
    from qianyue.training.assembly_train import main

    rc = main(list(args))
    return rc, capsys.readouterr().err


def test_assembly_train_refuses_an_output_it_cannot_write_before_training(tmp_path, capsys):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    # a directory that cannot be made (under a file), the output a directory, a place nothing can be written
    for out, why in ((tmp_path / "a-file" / "sub" / "judge.json", "Not a directory"),
                     (tmp_path, "Is a directory")):
        rc, err = _train(capsys, "--out", str(out))
        assert rc == 2 and "cannot write the judge" in err and why in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_assembly_train_refuses_a_read_only_place(capsys):
    rc, err = _train(capsys, "--out", "/proc/qianyue-judge.json")
    assert rc == 2 and err.startswith("assembly_train: /proc/qianyue-judge.json: cannot write the judge")


def test_assembly_train_a_bad_tagged_cache_or_config_is_an_error_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "new" / "judge.json"
    (tmp_path / "cache.json").write_text('{"g001": ', encoding="utf-8")
    (tmp_path / "list.json").write_text("[]", encoding="utf-8")
    for args, why in ((["--tagged", str(tmp_path / "missing.json")], "cannot read the tagged-article cache"),
                      (["--tagged", str(tmp_path / "cache.json")], "not a tagged-article cache"),
                      (["--tagged", str(tmp_path / "list.json")], "not a tagged-article cache"),
                      (["--config", str(tmp_path / "none.yaml")], "config file not found")):
        rc, err = _train(capsys, "--out", str(out), *args)
        assert rc == 2 and why in err and err.count("\n") == 1
    assert not out.exists()
