"""Round 10's later record rules, probed where they must not fire or should (sentences of our own): planning words
looked for outside names, a parent's words before a subsidiary's name, counts of subsidiaries, and a list of signings
cut by the saved page."""
from __future__ import annotations

from conftest import span as _span
from conftest import tag
from qianyue.rules import build_records
from qianyue.rules.agreements import _repair_parties


def _sides(recs):
    return sorted(sorted(p.name for p in r.parties) for r in recs)


def _parties(text, surfaces):
    return [e.text for e in _repair_parties(text, [_span(text, s) for s in surfaces]) if e.label == "PARTY"]


# ------------------------------------------------------------------ 1. planning words outside names


def test_a_planning_word_right_after_a_name_still_plans():
    text = "5月8日，远山集团有限公司拟与东岭县人民政府签署战略合作协议。"
    ents = tag(text, [("远山集团有限公司", "PARTY"), ("东岭县人民政府", "PARTY"), ("战略合作协议", "AGREEMENT")])
    assert build_records(text, ents, "2024-05-09") == []
    text = "远山集团计划与东岭县签约。"
    assert build_records(text, tag(text, [("远山集团", "PARTY"), ("东岭县", "PARTY")]), "2024-05-09") == []


def test_a_planning_word_the_tagger_took_onto_a_whole_name_still_plans():
    # (the tagger's span runs one word past the organisation's ending: 远山集团拟 | 与…)
    text = "5月8日，远山集团拟与东岭县人民政府签署战略合作协议。"
    ents = tag(text, [("远山集团拟", "PARTY"), ("东岭县人民政府", "PARTY"), ("战略合作协议", "AGREEMENT")])
    assert build_records(text, ents, "2024-05-09") == []
    text = "远山集团将与东岭县签约。"
    assert build_records(text, tag(text, [("远山集团将", "PARTY"), ("东岭县", "PARTY")]), "2024-05-09") == []


def test_a_name_ending_on_a_planning_word_plans_nothing():
    # 新希望 is a name, not 新 + a hope: only a whole organisation's name before the word makes it a slip
    text = "5月8日，东岭县人民政府与新希望签订合作协议。"
    ents = tag(text, [("东岭县人民政府", "PARTY"), ("新希望", "PARTY"), ("合作协议", "AGREEMENT")])
    assert _sides(build_records(text, ents, "2024-05-09")) == [["东岭县人民政府", "新希望"]]


def test_names_holding_jiang_or_dai_plan_nothing():
    for name in ("将乐县人民政府", "远山招待所", "期待科技有限公司"):
        text = f"5月8日，东岭市人民政府与{name}签署合作协议。"
        ents = tag(text, [("东岭市人民政府", "PARTY"), (name, "PARTY"), ("合作协议", "AGREEMENT")])
        assert _sides(build_records(text, ents, "2024-05-09")) == [sorted(["东岭市人民政府", name])], name


def test_words_of_an_agreements_name_plan_nothing():
    text = "5月8日，东岭县人民政府与远山集团有限公司《投资促进协议》签约仪式在东岭举行。"
    ents = tag(text, [("东岭县人民政府", "PARTY"), ("远山集团有限公司", "PARTY"), ("投资促进协议", "AGREEMENT")])
    assert [r.title for r in build_records(text, ents, "2024-05-09")] == ["投资促进协议"]
    text = "5月8日，东岭县人民政府与远山集团有限公司签署《共同推动签约项目落地合作协议》。"
    ents = tag(text, [("东岭县人民政府", "PARTY"), ("远山集团有限公司", "PARTY"),
                      ("共同推动签约项目落地合作协议", "AGREEMENT")])
    assert _sides(build_records(text, ents, "2024-05-09")) == [["东岭县人民政府", "远山集团有限公司"]]


def test_a_persons_name_or_a_title_plans_nothing():
    text = "5月8日，东岭县县长张希望与远山集团签署合作协议。"
    ents = tag(text, [("东岭县", "PARTY"), ("县长", "TITLE"), ("张希望", "OFFICIAL"), ("远山集团", "PARTY"),
                      ("合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-05-09")
    assert _sides(recs) == [["东岭县", "远山集团"]]
    assert [o.name for o in recs[0].officials] == ["张希望"]
    text = "5月8日，东岭县投资促进局局长与远山集团签署合作协议。"
    ents = tag(text, [("东岭县", "PARTY"), ("投资促进局局长", "TITLE"), ("远山集团", "PARTY"), ("合作协议", "AGREEMENT")])
    assert _sides(build_records(text, ents, "2024-05-09")) == [["东岭县", "远山集团"]]


def test_hoping_outside_a_name_that_holds_the_word_still_plans():
    text = "东岭县人民政府希望与新希望集团有限公司尽快签约。"
    ents = tag(text, [("东岭县人民政府", "PARTY"), ("新希望集团有限公司", "PARTY")])
    assert build_records(text, ents, "2024-05-09") == []


def test_signed_in_good_time_is_done_and_a_signing_left_to_a_fitting_time_is_not():
    text = "5月8日，东岭县人民政府与远山集团有限公司适时签署了合作协议。"
    ents = tag(text, [("东岭县人民政府", "PARTY"), ("远山集团有限公司", "PARTY"), ("合作协议", "AGREEMENT")])
    assert [r.title for r in build_records(text, ents, "2024-05-09")] == ["合作协议"]
    text = "5月8日，东岭县人民政府与远山集团有限公司签署框架协议，并择机签署项目合同。"
    ents = tag(text, [("东岭县人民政府", "PARTY"), ("远山集团有限公司", "PARTY"), ("框架协议", "AGREEMENT"),
                      ("项目合同", "AGREEMENT")])
    assert [r.title for r in build_records(text, ents, "2024-05-09")] == ["框架协议"]


# ------------------------------------------------------------------ 2. a parent's words before a subsidiary's name


def test_a_bare_or_short_subsidiary_word_is_kept():
    assert _parties("子公司与东岭县签约。", ["子公司", "东岭县"]) == ["子公司", "东岭县"]
    # (three characters after it are too few to tell a name)
    assert _parties("旗下子公司青禾厂与东岭县签约。", ["旗下子公司青禾厂", "东岭县"]) == ["旗下子公司青禾厂", "东岭县"]


def test_a_parents_word_before_a_name_without_an_organisations_ending_is_dropped():
    text = "远山集团旗下子公司青禾科技与东岭县签约。"
    assert _parties(text, ["旗下子公司青禾科技", "东岭县"]) == ["青禾科技", "东岭县"]
    assert _parties("全资子公司青禾银行与东岭县签约。", ["全资子公司青禾银行", "东岭县"]) == ["青禾银行", "东岭县"]
    # a bare 子公司 before a name that is not an organisation's reads as part of it
    assert _parties("子公司青禾科技与东岭县签约。", ["子公司青禾科技", "东岭县"]) == ["子公司青禾科技", "东岭县"]


def test_the_parents_own_name_before_a_subsidiarys_is_dropped():
    text = "远山集团子公司青禾物流有限公司与东岭县签约。"
    assert _parties(text, ["远山集团子公司青禾物流有限公司", "东岭县"]) == ["青禾物流有限公司", "东岭县"]
    text = "远山集团旗下子公司青禾科技与东岭县签约。"
    assert _parties(text, ["远山集团旗下子公司青禾科技", "东岭县"]) == ["青禾科技", "东岭县"]
    # with no name after it the span is the only side told: kept
    assert _parties("远山集团子公司与东岭县签约。", ["远山集团子公司", "东岭县"]) == ["远山集团子公司", "东岭县"]


# ------------------------------------------------------------------ 3. counts of subsidiaries


def test_a_count_of_subsidiaries_is_no_side_but_one_named_after_a_count_is():
    assert _parties("东岭县与两家子公司签约。", ["东岭县", "两家子公司"]) == ["东岭县"]
    assert _parties("东岭县与其一家子公司青禾物流有限公司签约。", ["东岭县", "子公司青禾物流有限公司"]) == \
        ["东岭县", "青禾物流有限公司"]
    # a branch whose name holds a number (一分公司) is no count
    assert _parties("中铁远山局一分公司与东岭县签约。", ["中铁远山局一分公司", "东岭县"]) == ["中铁远山局一分公司", "东岭县"]


def test_counted_subsidiaries_named_after_a_colon_each_sign_with_the_subject():
    for kind in ("子公司", "企业"):
        text = f"5月8日，东岭县人民政府与两家{kind}：青禾物流有限公司、青禾冷链有限公司签署投资协议。"
        ents = tag(text, [("东岭县人民政府", "PARTY"), (f"两家{kind}", "PARTY"), ("青禾物流有限公司", "PARTY"),
                          ("青禾冷链有限公司", "PARTY"), ("投资协议", "AGREEMENT")])
        assert _sides(build_records(text, ents, "2024-05-09")) == [
            ["东岭县人民政府", "青禾冷链有限公司"], ["东岭县人民政府", "青禾物流有限公司"]], kind


def test_a_parent_named_before_its_counted_subsidiaries_is_no_side():
    for listed in ("分别与远山集团两家子公司", "与远山集团两家子公司："):
        text = f"5月8日，东岭县人民政府{listed}青禾物流有限公司、青禾冷链有限公司签署投资协议。"
        ents = tag(text, [("东岭县人民政府", "PARTY"), ("远山集团", "PARTY"), ("子公司", "PARTY"),
                          ("青禾物流有限公司", "PARTY"), ("青禾冷链有限公司", "PARTY"), ("投资协议", "AGREEMENT")])
        assert _sides(build_records(text, ents, "2024-05-09")) == [
            ["东岭县人民政府", "青禾冷链有限公司"], ["东岭县人民政府", "青禾物流有限公司"]], listed
    # with the subsidiaries unnamed the parent is the side the article gives
    text = "5月8日，东岭县人民政府与远山集团两家子公司签署投资协议。"
    ents = tag(text, [("东岭县人民政府", "PARTY"), ("远山集团", "PARTY"), ("子公司", "PARTY"), ("投资协议", "AGREEMENT")])
    assert _sides(build_records(text, ents, "2024-05-09")) == [["东岭县人民政府", "远山集团"]]


# ------------------------------------------------------------------ 4. a list of signings cut by the saved page

_FAIR = "东岭市招商大会举行\n大会集中签约产业项目，总投资逾86亿元。集中签约的重点项目包括：\n"
_ITEM = "甲区与远山光电科技有限公司签约，建设显示模组生产基地，投资42亿元；\n"
_ITEM_ENTS = [("甲区", "PARTY"), ("远山光电科技有限公司", "PARTY"), ("42亿元", "AMOUNT")]


def _fair(last_line, last_ents, head=_FAIR, item=_ITEM, item_ents=_ITEM_ENTS):
    text = head + item + last_line
    return build_records(text, tag(text, item_ents + last_ents), "2024-03-29")


def test_a_cut_list_whose_items_are_no_signings_makes_no_signing():
    recs = _fair("丙区与重庆", [("丙区", "PARTY"), ("重庆", "PARTY")], item="甲区远山光电项目，建设显示模组生产基地，投资42亿元；\n",
                 item_ents=[("甲区", "PARTY"), ("远山光电", "PARTY"), ("42亿元", "AMOUNT")])
    assert not any("丙区" in [p.name for p in r.parties] for r in recs)


def test_a_cut_after_a_whole_place_keeps_both_sides():
    recs = _fair("丙区与重庆市", [("丙区", "PARTY"), ("重庆市", "PARTY")])
    assert _sides(recs) == [["丙区", "重庆市"], ["甲区", "远山光电科技有限公司"]]


def test_a_cut_inside_a_companys_name_keeps_only_the_first_side():
    recs = _fair("丙区与远山新材料有", [("丙区", "PARTY"), ("远山新材料有", "PARTY")])
    assert _sides(recs) == [["丙区"], ["甲区", "远山光电科技有限公司"]]


def test_a_page_not_cut_whose_last_line_pairs_names_makes_no_signing():
    recs = _fair("丙区与青禾环保有限公司。", [("丙区", "PARTY"), ("青禾环保有限公司", "PARTY")])
    assert _sides(recs) == [["甲区", "远山光电科技有限公司"]]


def test_a_numbered_list_cut_keeps_the_cut_signings_first_side():
    recs = _fair("2.丙区与重庆", [("丙区", "PARTY"), ("重庆", "PARTY")], item="1.甲区与远山光电科技有限公司签约，投资42亿元；\n")
    assert _sides(recs) == [["丙区"], ["甲区", "远山光电科技有限公司"]]


def test_a_cut_list_of_planned_signings_makes_no_signing():
    head = "东岭市招商大会举行\n大会集中签约产业项目，总投资逾86亿元。近期拟签约的项目包括：\n"
    recs = _fair("丙区与重庆", [("丙区", "PARTY"), ("重庆", "PARTY")], head=head,
                 item="甲区与远山光电科技有限公司拟于下月签约，建设显示模组生产基地；\n",
                 item_ents=[("甲区", "PARTY"), ("远山光电科技有限公司", "PARTY")])
    assert [p.name for r in recs for p in r.parties] == []


def test_a_cut_list_of_past_signings_makes_no_signing():
    head = "东岭市招商工作回顾\n近年来的重点项目：\n"
    recs = _fair("丙区与重庆", [("丙区", "PARTY"), ("重庆", "PARTY")], head=head,
                 item="2019年，甲区与远山光电科技有限公司签约，投资42亿元；\n")
    assert recs == []


def test_a_cut_after_talks_that_only_witnessed_a_signing_makes_no_signing():
    text = "东岭市举行座谈会\n市长甲乙与远山集团董事长丙丁座谈，并见证签约；\n乙区与青禾"
    ents = tag(text, [("市长", "TITLE"), ("甲乙", "OFFICIAL"), ("远山集团", "PARTY"), ("董事长", "TITLE"),
                      ("丙丁", "OFFICIAL"), ("乙区", "PARTY"), ("青禾", "PARTY")])
    assert [p.name for r in build_records(text, ents, "2024-03-29") for p in r.parties] == []


def test_a_cut_line_telling_the_signers_by_their_posts_keeps_their_organisations():
    recs = _fair("丙区区长丁戊与远山集团董事长", [("丙区", "PARTY"), ("区长", "TITLE"), ("丁戊", "OFFICIAL"), ("远山集团", "PARTY"),
                                          ("董事长", "TITLE")])
    assert _sides(recs) == [["丙区", "远山集团"], ["甲区", "远山光电科技有限公司"]]
