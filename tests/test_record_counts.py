"""Mass signings that count their projects (decision N12 of data/README.md): N counted projects give N records, the
named ones with their parties and the rest without. Sentences of our own (invented places and companies)."""
from __future__ import annotations

import pytest

from conftest import tag
from qianyue.rules import build_records
from qianyue.training.record_bench import BenchDoc, record_matches, score_predictions


def _named(records):
    return [sorted(p.name for p in r.parties) for r in records if r.parties]


def test_counted_projects_named_and_unnamed():
    text = ("5月8日，青川县举行招商引资项目集中签约仪式，此次集中签约项目12个，总投资86亿元。"
            "其中，青川县人民政府与星河科技有限公司签署了光伏组件项目投资协议。县长李明出席并见证签约。")
    ents = tag(text, [("5月8日", "DATE"), ("86亿元", "AMOUNT"), ("青川县人民政府", "PARTY"),
                      ("星河科技有限公司", "PARTY"), ("光伏组件项目投资协议", "AGREEMENT"), ("县长", "TITLE"),
                      ("李明", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-09")
    assert len(recs) == 12
    assert _named(recs) == [["星河科技有限公司", "青川县人民政府"]]
    unnamed = [r for r in recs if not r.parties]
    assert len(unnamed) == 11
    assert all(r.date == "2024-05-08" and r.title is None for r in unnamed)
    assert all([o.name for o in r.officials] == ["李明"] and r.officials[0].role == "witness" for r in unnamed)
    assert all(a.value == 8.6e9 for r in unnamed for a in r.amounts) and all(r.amounts for r in unnamed)
    assert all(r.confidence == 0.5 for r in unnamed)


@pytest.mark.parametrize("sentence, n", [
    ("东岭开发区现场签约8个项目，计划总投资40亿元。", 8),
    ("活动中共有6个项目签约，涵盖新材料、现代物流等领域。", 6),
    ("会上，9个重点项目现场签约，协议投资52亿元。", 9),
    ("参与此次签约的十五个项目涉及装备制造和生物医药。", 15),
    ("本次签约仪式签约项目两个。", 2),
    ("本次活动共有10个签约项目，总投资35亿元。", 10),
    ("签约项目共计7个，涉及文旅康养。", 7),
])
def test_count_phrasings(sentence, n):
    text = "东岭市举行重大项目签约仪式。" + sentence
    assert len(build_records(text, [], "2024-05-09")) == n


@pytest.mark.parametrize("sentence", [
    "今年以来，东岭市累计签约项目45个，总投资300亿元。",       # a running total, not this event
    "东岭市人民政府与远山集团有限公司签订了20项基础设施项目合作协议。",  # the content of one agreement
    "东岭市力争年内签约项目10个以上。",                           # a plan
    "东岭市招商大会共签约项目300个。",                            # a fair's tally: beyond one record per project
])
def test_counts_that_are_not_this_events_projects(sentence):
    text = "东岭市人民政府与远山集团有限公司举行签约仪式。" + sentence
    ents = [e for e in tag(text, [("东岭市人民政府", "PARTY"), ("远山集团有限公司", "PARTY")])]
    recs = build_records(text, ents, "2024-05-09")
    assert len(recs) == 1 and _named(recs) == [["东岭市人民政府", "远山集团有限公司"]]


def test_records_without_parties_pair_with_gold_left_unpaired():
    gold = [{"title": None, "parties": [{"name": "甲县人民政府"}, {"name": "乙公司"}], "officials": [], "date": None,
             "amounts": []}] + [{"title": None, "parties": [], "officials": [], "date": None, "amounts": []}] * 2
    from qianyue.results import Agreement, Party
    named = Agreement(title=None, parties=[Party("甲县人民政府", "government"), Party("乙公司", "enterprise")],
                      confidence=0.9)
    unnamed = [Agreement(title=None, parties=[], confidence=0.5) for _ in range(3)]
    preds = [named] + unnamed
    as_dicts = [p.to_dict() for p in preds]
    # two gold records without parties are left after the named pair: two of the three unnamed ones stand for them
    assert record_matches(gold, as_dicts) == [True, True, True, False]
    assert record_matches(gold, as_dicts, anonymous=False) == [True, False, False, False]
    res = score_predictions([BenchDoc("d", "", [], None, gold)], [preds])
    assert res["false_record_share"] == 0.25 and res["false_record_share_strict"] == 0.75


def test_counted_counterparts_some_named_give_one_record_each():
    text = "会上，县农行与县农办签订合作协议，县农行还与星河食品、远山茶业等5家企业签约，共发放贷款3亿元。"
    ents = tag(text, [("县农行", "PARTY"), ("县农办", "PARTY"), ("合作协议", "AGREEMENT"),
                      ("县农行", "PARTY"), ("星河食品", "PARTY"), ("远山茶业", "PARTY")])
    recs = build_records(text, ents, "2024-05-09")
    sides = sorted(sorted(p.name for p in r.parties) for r in recs)
    # the office is no firm: 5家企业 are the two named and three unnamed, the bank alone on each of those
    assert len(recs) == 6 and sides.count(["县农行"]) == 3
    assert sorted(s for s in sides if len(s) == 2) == [["县农办", "县农行"], ["县农行", "星河食品"], ["县农行", "远山茶业"]]


def test_counted_counterparts_named_in_an_earlier_list_are_not_added_again():
    text = ("东岭县人民政府与星河食品有限公司、远山茶业有限公司、北辰物流有限公司等3家企业举行项目集中签约仪式。"
            "副县长王强代表县政府与星河食品有限公司等3家企业代表签订了合同。")
    ents = tag(text, [("东岭县人民政府", "PARTY"), ("星河食品有限公司", "PARTY"), ("远山茶业有限公司", "PARTY"),
                      ("北辰物流有限公司", "PARTY"), ("副县长", "TITLE"), ("王强", "OFFICIAL"), ("县政府", "PARTY"),
                      ("星河食品有限公司", "PARTY")])
    recs = build_records(text, ents, "2024-05-09")
    assert len(recs) == 3 and all(len(r.parties) == 2 for r in recs)


def test_counted_counterparts_alone():
    text = "6月3日，远山显示科技集团与12家合作企业签约。"
    ents = tag(text, [("6月3日", "DATE"), ("远山显示科技集团", "PARTY")])
    recs = build_records(text, ents, "2024-06-05")
    assert len(recs) == 12 and all([p.name for p in r.parties] == ["远山显示科技集团"] for r in recs)
    assert {r.date for r in recs} == {"2024-06-03"}


def test_counted_projects_of_a_named_government_carry_it():
    text = ("东岭县举行招商引资签约仪式\n5月8日，东岭县举行招商引资项目签约仪式。"
            "在该仪式上，东岭签约9个投资总额12亿元项目。东岭县县长李明出席。")
    ents = tag(text, [("东岭县", "PARTY"), ("5月8日", "DATE"), ("东岭县", "PARTY"), ("东岭", "PARTY"),
                      ("12亿元", "AMOUNT"), ("东岭县", "PARTY"), ("县长", "TITLE"), ("李明", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-09")
    assert len(recs) == 9 and all([p.name for p in r.parties] == ["东岭县"] for r in recs)
    assert all(r.confidence >= 0.5 for r in recs)


@pytest.mark.parametrize("tally", [
    "目前，该县已签约项目15个，总投资80亿元。",
    "全县共签约项目30个，已开工20个。",
    "该县先后签约项目8个。",
    "该县今年已签约项目15个。",
    "该县已与50家企业签约。",
])
def test_a_meeting_article_with_a_tally_of_signings_has_no_record(tally):
    text = "东岭县县长李明会见远山集团有限公司董事长王强一行。双方就新能源合作进行座谈。" + tally
    ents = tag(text, [("东岭县", "PARTY"), ("县长", "TITLE"), ("李明", "OFFICIAL"), ("远山集团有限公司", "PARTY"),
                      ("董事长", "TITLE"), ("王强", "OFFICIAL")])
    assert build_records(text, ents, "2024-05-09") == []


def test_a_signing_clause_without_subject_takes_the_articles_own_government():
    text = ("2024年东岭县重大招商引资项目集中签约仪式举行\n5月8日，2024年东岭县重大招商引资项目集中签约仪式举行。"
            "此次签约仪式分两轮进行，第一轮与星河科技有限公司、远山材料股份有限公司签署项目合作协议；"
            "第二轮与北辰物流有限公司签署项目合作协议。东岭正全力打造区域中心城市，东岭将全力做好服务。"
            "白塔新城管委会副主任王强参加仪式。")
    # the tagger missed the county in the headline and the lead: the body names it by its bare place only
    ents = tag(text, [("5月8日", "DATE"), ("星河科技有限公司", "PARTY"),
                      ("远山材料股份有限公司", "PARTY"), ("项目合作协议", "AGREEMENT"), ("北辰物流有限公司", "PARTY"),
                      ("项目合作协议", "AGREEMENT"), ("东岭", "PARTY"), ("东岭", "PARTY"), ("白塔新城管委会", "PARTY"),
                      ("副主任", "TITLE"), ("王强", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-09")
    # one bilateral record per counterpart (D10), the county the article is about on the other side (its full
    # name from the text), never the two firms of the first round together
    assert sorted(sorted(p.name for p in r.parties) for r in recs) == [
        ["东岭县", "北辰物流有限公司"], ["东岭县", "星河科技有限公司"], ["东岭县", "远山材料股份有限公司"]]
    assert all(p.aliases == ["东岭"] for r in recs for p in r.parties if p.name == "东岭县")
