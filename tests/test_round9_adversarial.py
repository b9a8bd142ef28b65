"""Round 9's record rules read against sentences of our own where they must not fire, or fire wrongly, and where they
should: a listed name's tail that is a person or a group, a body two sides found together, companies of a kind
(等国有企业) that are no list of places, a group's longer legal name in an official heading, a pair told years
before a meeting, prose after a list of projects, a list of kinds of bodies."""
from __future__ import annotations

import pytest
from conftest import span as _span
from qianyue.rules import build_records
from qianyue.rules.agreements import _bare_kind_subjects, _listed_names, _repair_parties, parties_from_title
from qianyue.rules.parties import resolve_first_person


def _party_texts(ents):
    return [e.text for e in ents if e.label == "PARTY"]


def _sides(recs):
    return [sorted(p.name for p in r.parties) for r in recs]


def _ents(text, names, agreement=None):
    ents = [_span(text, n) for n in names]
    if agreement:
        ents.append(_span(text, agreement, "AGREEMENT"))
    return sorted(ents, key=lambda e: e.start)


# 1. a listed name cut short runs on to its item's end, unless what follows is a person, a group or a role

@pytest.mark.parametrize("text,tagged,kept", [
    ("市发改委、远山电力、青禾科技负责同志等参加了签约仪式。", ["市发改委", "远山电力", "青禾科技"], "青禾科技"),
    ("远山电力、青禾科技、蓝湾生物团队等参加了对接会。", ["远山电力", "青禾科技", "蓝湾生物"], "蓝湾生物"),
    ("远山电力、青禾科技、蓝湾生物一行等到南川考察。", ["远山电力", "青禾科技", "蓝湾生物"], "蓝湾生物"),
    ("远山电力、青禾科技、蓝湾生物高管等出席。", ["远山电力", "青禾科技", "蓝湾生物"], "蓝湾生物"),
    ("远山电力、青禾科技、蓝湾生物专家等参加论证。", ["远山电力", "青禾科技", "蓝湾生物"], "蓝湾生物"),
])
def test_a_listed_name_followed_by_people_of_it_is_not_run_on(text, tagged, kept):
    assert kept in _party_texts(_listed_names(text, [_span(text, n) for n in tagged]))


def test_a_listed_name_cut_short_in_the_middle_of_a_list_still_runs_on():
    text = "东岭县与远山冷链、青禾新能源汽车、蓝湾生物等3家企业签约。"
    ents = [_span(text, n) for n in ("东岭县", "远山冷链", "青禾新能源", "蓝湾生物")]
    assert _party_texts(_listed_names(text, ents)) == ["东岭县", "远山冷链", "青禾新能源汽车", "蓝湾生物"]


# 2. a bank's legal name is what 我行 stands for; a bank's company of another trade is not

def test_we_the_bank_is_a_bank_by_its_legal_form_only():
    assert resolve_first_person("我行", ["东岭村镇银行有限责任公司", "南川市人民政府"], None) == "东岭村镇银行有限责任公司"
    assert resolve_first_person("我行", ["东岭银行理财有限责任公司", "南川市人民政府"], None) is None
    assert resolve_first_person("我行", ["东岭金融租赁有限公司"], None) is None
    # two banks by their legal names in the body: which one writes is not guessed; one bank's two forms are one
    assert resolve_first_person("我行", [], None, body_names=["东岭银行股份有限公司", "远山银行股份有限公司"]) is None
    assert resolve_first_person("我行", [], None, body_names=["东岭银行股份有限公司", "东岭银行", "南川市人民政府"]) == \
        "东岭银行股份有限公司"


# 3. what is built or founded is no side; but a side that founds something with another is one

@pytest.mark.parametrize("text,verb_phrase", [
    ("南川县人民政府与远山集团成立合资公司签约仪式在南川举行。", "成立"),
    ("南川县人民政府与远山集团挂牌成立联合研究中心并签署合作协议。", "挂牌"),
    ("南川县人民政府和远山集团揭牌共建联合实验室并签署合作协议。", "揭牌"),
])
def test_the_second_of_two_sides_founding_something_together_stays_a_side(text, verb_phrase):
    recs = build_records(text, _ents(text, ["南川县人民政府", "远山集团"]), "2025-05-01")
    assert ["南川县人民政府", "远山集团"] in _sides(recs), verb_phrase


def test_a_side_s_own_founding_told_in_its_history_keeps_it_a_side():
    text = "远山集团成立30周年庆典暨与南川县人民政府战略合作签约仪式在南川举行。"
    assert _sides(build_records(text, _ents(text, ["远山集团", "南川县人民政府"]), "2025-05-01")) == \
        [["南川县人民政府", "远山集团"]]
    # a body founded at the ceremony, written before it, is still no side
    text2 = "东岭产业联盟成立暨远山集团与南川县人民政府合作签约仪式举行。"
    recs2 = build_records(text2, _ents(text2, ["东岭产业联盟", "远山集团", "南川县人民政府"]), "2025-05-01")
    assert _sides(recs2) == [["南川县人民政府", "远山集团"]]


def test_a_body_built_together_after_the_signing_is_still_no_side():
    text = "远山集团与南川县合建东岭产业园签约仪式举行。"
    recs = build_records(text, _ents(text, ["远山集团", "南川县", "东岭产业园"]), "2025-05-01")
    assert _sides(recs) == [["南川县", "远山集团"]]
    text2 = "南川县人民政府与远山集团签约共建东岭大学南川研究院。"
    recs2 = build_records(text2, _ents(text2, ["南川县人民政府", "远山集团", "东岭大学南川研究院"]), "2025-05-01")
    assert _sides(recs2) == [["南川县人民政府", "远山集团"]]


@pytest.mark.parametrize("text,companies", [
    ("南川县人民政府与远山集团、青禾能源等国有企业签署合作协议。", ["远山集团", "青禾能源"]),
    ("南川县人民政府与远山城投、青禾建工等地方国企签署合作协议。", ["远山城投", "青禾建工"]),
    ("南川县人民政府与远山城投、青禾建工等城市建设企业签署合作协议。", ["远山城投", "青禾建工"]),
    ("南川县人民政府与远山集团等国内企业签署合作协议。", ["远山集团"]),
])
def test_companies_of_a_kind_closed_by_deng_are_sides_not_places(text, companies):
    recs = build_records(text, _ents(text, ["南川县人民政府", *companies], "合作协议"), "2025-05-01")
    assert sorted(_sides(recs)) == [["南川县人民政府", c] for c in sorted(companies)]


def test_places_listed_before_the_buyers_are_still_no_sides():
    for text in ("南川县与来自新加坡、马来西亚等国家的客商签订采购合同。",
                 "南川县与新加坡、马来西亚等地客商签订采购合同。"):
        recs = build_records(text, _ents(text, ["南川县", "马来西亚"], "采购合同"), "2025-05-01")
        assert not any("马来西亚" in s for r in _sides(recs) for s in r), text


# 4. a district's cut head comes back only from a name written at that very place

def test_a_four_character_head_comes_back_from_the_city_tagged_before():
    text = "东岭南川市与远山集团签约。陈立代表东岭南川市人民政府签约。"
    ents = [_span(text, "东岭南川市"), _span(text, "远山集团"), _span(text, "陈立", "OFFICIAL"), _span(text, "市人民政府")]
    assert _party_texts(_repair_parties(text, ents))[-1] == "东岭南川市人民政府"


def test_a_head_of_another_place_is_not_taken_from_a_different_name():
    text = "东岭县与远山集团签约。陈立代表南川县人民政府签约。"
    ents = [_span(text, "东岭县"), _span(text, "远山集团"), _span(text, "陈立", "OFFICIAL"), _span(text, "县人民政府")]
    assert _party_texts(_repair_parties(text, ents))[-1] == "县人民政府"


# 5. an official heading's second name ends in 集团 only where no company word follows

@pytest.mark.parametrize("second", ["远山能源集团有限责任公司", "远山集团控股有限公司", "远山能源集团股份有限公司"])
def test_an_official_heading_keeps_a_group_company_s_whole_legal_name(second):
    assert parties_from_title(f"南川市人民政府 {second}战略合作协议", []) == ["南川市人民政府", second]


def test_an_official_heading_does_not_cut_a_group_s_branch_to_the_group():
    assert "远山集团" not in parties_from_title("南川市人民政府 远山集团南川分公司战略合作协议", [])
    assert parties_from_title("南川市人民政府 远山能源集团合作框架协议", []) == ["南川市人民政府", "远山能源集团"]


# 6. 双方 goes back past one side's story to the meeting, never to another pair told before it

def test_both_sides_are_not_a_pair_told_before_the_meeting():
    text = ("2019年，远山集团与东岭市签署了合作协议。今天上午，南川县委书记陈立会见了王强一行。"
            "王强介绍了南川县的优势。会见后，双方签署了《投资协议》。")
    ents = [_span(text, "远山集团"), _span(text, "东岭市"), _span(text, "南川县"), _span(text, "陈立", "OFFICIAL"),
            _span(text, "王强", "OFFICIAL"), _span(text, "南川县", nth=1), _span(text, "投资协议", "AGREEMENT")]
    assert all(["东岭市", "远山集团"] != s for s in _sides(build_records(text, ents, "2025-07-22")))


def test_both_sides_pass_over_a_sentence_about_one_of_them():
    text = ("今天上午，南川县与远山集团举行座谈。南川县县长陈立介绍了县情。远山集团董事长王强表示看好南川。"
            "座谈后，双方签署了《投资协议》。")
    ents = [_span(text, "南川县"), _span(text, "远山集团"), _span(text, "南川县", nth=1), _span(text, "陈立", "OFFICIAL"),
            _span(text, "远山集团", nth=1), _span(text, "王强", "OFFICIAL"), _span(text, "投资协议", "AGREEMENT")]
    assert _sides(build_records(text, ents, "2025-07-22")) == [["南川县", "远山集团"]]


def test_both_sides_are_not_looked_for_seven_sentences_back():
    text = ("南川县与远山集团举行座谈。会议回顾了合作。会议听取了汇报。会议讨论了规划。会议研究了政策。会议部署了工作。"
            "会议强调了安全。随后，双方签署了《投资协议》。")
    ents = [_span(text, "南川县"), _span(text, "远山集团"), _span(text, "投资协议", "AGREEMENT")]
    assert all(not r.parties for r in build_records(text, ents, "2025-07-22"))


# 7. a list of the signed projects names the counted companies, and ends where its items do

def test_a_paragraph_after_the_list_of_projects_is_not_an_item():
    text = ("南川区人民政府与3家企业签订投资协议，签约项目包括：\n远山硅业有限公司工业硅项目；\n青禾电机有限公司电机项目。\n"
            "蓝湾数据服务有限公司董事长王强参观了展厅。")
    names = ["南川区人民政府", "远山硅业有限公司", "青禾电机有限公司", "蓝湾数据服务有限公司"]
    ents = _ents(text, names, "投资协议") + [_span(text, "王强", "OFFICIAL")]
    sides = _sides(build_records(text, ents, "2025-09-18"))
    assert ["南川区人民政府", "远山硅业有限公司"] in sides and ["南川区人民政府", "青禾电机有限公司"] in sides
    assert not any("蓝湾数据服务有限公司" in s for s in sides)


def test_numbered_items_each_ended_by_a_full_stop_are_all_items():
    text = ("南川区人民政府与3家企业签订投资协议。本次签约的项目分别是：\n1.远山硅业有限公司工业硅项目，总投资20亿元。\n"
            "2.青禾电机有限公司电机项目，总投资8亿元。\n3.蓝湾数据服务有限公司算力中心项目，总投资5亿元。")
    names = ["南川区人民政府", "远山硅业有限公司", "青禾电机有限公司", "蓝湾数据服务有限公司"]
    sides = _sides(build_records(text, _ents(text, names, "投资协议"), "2025-09-18"))
    assert sorted(sides) == sorted(["南川区人民政府", n] for n in names[1:])


def test_a_list_of_projects_without_companies_names_no_counterpart():
    text = ("南川区人民政府与3家企业签订投资协议，签约项目包括：\n1.新城综合体项目；\n2.湿地公园项目；\n3.物流园项目。\n"
            "远山集团董事长王强出席。")
    ents = _ents(text, ["南川区人民政府", "远山集团"], "投资协议") + [_span(text, "王强", "OFFICIAL")]
    assert not any("远山集团" in s for s in _sides(build_records(text, ents, "2025-09-18")))


# 8. an association's kind word alone as a clause's subject is that association; a list of kinds is not

def test_a_list_of_kinds_of_bodies_is_no_subject():
    text = "南川县人民医院与远山集团签署合作协议。会上，高校、医院与企业代表进行了交流。"
    ents = _ents(text, ["南川县人民医院", "远山集团"], "合作协议")
    assert _party_texts(_bare_kind_subjects(text, ents)) == ["南川县人民医院", "远山集团"]


@pytest.mark.parametrize("text,named", [
    ("南川市陶瓷协会举行年会。会上，该协会与远山银行签署合作协议。", "南川市陶瓷协会"),
    ("南川市陶瓷协会举行年会。会上，协会还与远山银行签署合作协议。", "南川市陶瓷协会"),
    ("东岭市工商业联合会举行年会。随后，联合会与远山银行签署合作协议。", "东岭市工商业联合会"),
])
def test_an_association_written_by_its_kind_word_signs(text, named):
    recs = build_records(text, _ents(text, [named, "远山银行"], "合作协议"), "2025-06-01")
    assert _sides(recs) == [sorted([named, "远山银行"])]


def test_a_kind_word_with_two_bodies_of_that_kind_before_is_not_guessed():
    text = "东岭大学与南川县签约。东岭大学医学院、东岭大学商学院参加。随后，学院与南川县人民医院签署协议。"
    ents = _ents(text, ["东岭大学", "南川县", "东岭大学医学院", "东岭大学商学院", "南川县人民医院"])
    assert "学院" not in _party_texts(_bare_kind_subjects(text, ents))
