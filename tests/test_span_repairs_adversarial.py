"""Where round 5's span repairs must not fire: ordinary sentences of the genre (our own) that look like the slips
they mend but are written correctly, or that a repair read too widely."""
from __future__ import annotations

from conftest import span as _span
from qianyue.results import Entity
from qianyue.rules import build_records
from qianyue.rules.agreements import (_complete_agreement_names, _extend_to_org_ending, _repair_officials,
                                      _split_at_brackets, _trim_overlong, _two_known_names, _units_into_titles)
from qianyue.rules.amounts import is_unitless_quantity


def _labelled(ents, *labels):
    return [(e.label, e.text) for e in ents if e.label in labels]


# ---- an organisation's unit written before a title -------------------------------------------------------------

def test_a_company_with_its_legal_ending_keeps_it_when_a_unit_follows():
    text = "远山集团有限公司市场部经理陈明出席。"
    ents = [_span(text, "远山集团有限公司市场部"), _span(text, "经理", "TITLE"), _span(text, "陈明", "OFFICIAL")]
    got = _labelled(_units_into_titles(text, ents), "PARTY", "TITLE")
    assert got == [("PARTY", "远山集团有限公司"), ("TITLE", "市场部经理")]


def test_a_bureau_or_commission_before_its_head_stays_a_party():
    text = "东岭市商务局局长李明、东岭市发展改革委主任王强出席。"
    ents = [_span(text, "东岭市商务局"), _span(text, "局长", "TITLE"), _span(text, "李明", "OFFICIAL"),
            _span(text, "东岭市发展改革委"), _span(text, "主任", "TITLE"), _span(text, "王强", "OFFICIAL")]
    assert _units_into_titles(text, ents) == ents


def test_a_headquarters_before_a_title_is_no_unit():
    text = "远山集团华东总部总经理马丁出席。"
    ents = [_span(text, "远山集团华东总部"), _span(text, "总经理", "TITLE"), _span(text, "马丁", "OFFICIAL")]
    assert _units_into_titles(text, ents) == ents


def test_an_office_that_signs_stays_a_party_before_its_head():
    text = "东岭街道办事处与远山集团签署合作协议。东岭街道办事处主任李明致辞。"
    ents = [_span(text, "东岭街道办事处"), _span(text, "远山集团"), _span(text, "合作协议", "AGREEMENT"),
            _span(text, "东岭街道办事处", nth=1), _span(text, "主任", "TITLE"), _span(text, "李明", "OFFICIAL")]
    got = _labelled(_units_into_titles(text, ents), "PARTY", "TITLE")
    assert got == [("PARTY", "东岭街道办事处"), ("PARTY", "远山集团"), ("PARTY", "东岭街道办事处"), ("TITLE", "主任")]
    recs = build_records(text, ents, "2024-05-09")
    assert sorted(p.name for p in recs[0].parties) == ["东岭街道办事处", "远山集团"]


def test_a_unit_named_only_before_a_title_still_joins_it():
    text = "东岭市与远山集团签署合作协议。远山集团投资拓展部部长林可出席。"
    ents = [_span(text, "东岭市"), _span(text, "远山集团"), _span(text, "合作协议", "AGREEMENT"),
            _span(text, "远山集团投资拓展部"), _span(text, "部长", "TITLE"), _span(text, "林可", "OFFICIAL")]
    got = _labelled(_units_into_titles(text, ents), "PARTY", "TITLE")
    assert got[-2:] == [("PARTY", "远山集团"), ("TITLE", "投资拓展部部长")]


# ---- agreement names cut before their agreement word ------------------------------------------------------------

def test_a_name_closed_by_book_title_marks_does_not_run_on_into_the_next():
    text = "双方签署《东岭宣言》和投资协议。"
    ents = [_span(text, "东岭宣言", "AGREEMENT"), _span(text, "投资协议", "AGREEMENT")]
    assert [e.text for e in _complete_agreement_names(text, ents)] == ["投资协议"]
    text = "双方签署《东岭市与远山集团战略合作》框架协议。"  # the tagger cut inside the marks: no run past 》
    ents = [_span(text, "东岭市与远山集团战略合作", "AGREEMENT")]
    assert _complete_agreement_names(text, ents) == []


def test_a_name_cut_inside_book_title_marks_is_completed_within_them():
    text = "双方签署《东岭市与远山集团战略合作协议》。"
    ents = [_span(text, "东岭市与远山集团战略合作", "AGREEMENT")]
    assert [e.text for e in _complete_agreement_names(text, ents)] == ["东岭市与远山集团战略合作协议"]


def test_an_agreement_word_past_a_party_is_not_reached():
    text = "签署乡村振兴战略合作备忘录。远山集团与华林银行签订授信协议。"
    ents = [_span(text, "乡村振兴战略合作", "AGREEMENT"), _span(text, "远山集团"), _span(text, "华林银行"),
            _span(text, "授信协议", "AGREEMENT")]
    got = [e.text for e in _complete_agreement_names(text, ents) if e.label == "AGREEMENT"]
    assert got == ["乡村振兴战略合作备忘录", "授信协议"]


def test_a_complete_name_is_left_alone():
    text = "双方签订了战略合作框架协议书及补充协议。"
    ents = [_span(text, "战略合作框架协议书", "AGREEMENT"), _span(text, "补充协议", "AGREEMENT")]
    assert _complete_agreement_names(text, ents) == ents


def test_a_cut_name_runs_on_across_a_joiner_inside_it():
    text = "远山集团与东岭县签订光伏和储能一体化投资协议。"
    ents = [_span(text, "远山集团"), _span(text, "东岭县"), _span(text, "光伏", "AGREEMENT")]
    got = [e.text for e in _complete_agreement_names(text, ents) if e.label == "AGREEMENT"]
    assert got == ["光伏和储能一体化投资协议"]


# ---- brackets -------------------------------------------------------------------------------------------------

def test_a_name_with_paired_brackets_is_one_name():
    text = "华林银行（东岭）分行与东岭市人民政府签约。"
    e = _span(text, "华林银行（东岭）分行")
    assert _split_at_brackets(text, e) == [e]


def test_a_name_cut_inside_its_bracket_is_not_split_into_a_place():
    text = "东岭市人民政府与远山投资（香港）有限公司签署投资协议。"
    ents = [_span(text, "东岭市人民政府"), _span(text, "远山投资（香港"), _span(text, "投资协议", "AGREEMENT")]
    recs = build_records(text, ents, "2024-05-09")
    names = {p.name for r in recs for p in r.parties}
    assert "香港" not in names
    assert "远山投资(香港)有限公司" in names  # record names write brackets in their ASCII form


def test_a_short_form_bracket_closed_by_the_tagger_still_splits():
    text = "东岭农商银行（简称东岭农商行）城南支行与远山集团签约。"
    e = _span(text, "东岭农商行）城南支行")
    assert [x.text for x in _split_at_brackets(text, e)] == ["东岭农商行", "城南支行"]


# ---- officials -----------------------------------------------------------------------------------------------

def test_a_person_named_like_a_signing_place_stays_a_person_after_a_title():
    text = "江山市人民政府与远山集团签署投资协议，远山集团董事长江山出席。"
    ents = [_span(text, "江山市人民政府"), _span(text, "远山集团"), _span(text, "投资协议", "AGREEMENT"),
            _span(text, "远山集团", nth=1), _span(text, "董事长", "TITLE"), _span(text, "江山", "OFFICIAL", nth=1)]
    got = _repair_officials(text, ents)
    assert ("OFFICIAL", "江山") in _labelled(got, "OFFICIAL")


def test_a_place_alone_still_becomes_its_government():
    text = "江山市人民政府招商会举行，江山签约8个项目。"
    i = text.index("江山签约")
    ents = [_span(text, "江山市人民政府"), Entity("OFFICIAL", "江山", i, i + 2, 0.6)]
    assert _labelled(_repair_officials(text, ents), "OFFICIAL", "PARTY") == [("PARTY", "江山市人民政府"),
                                                                              ("PARTY", "江山")]


def test_a_name_that_is_the_start_of_another_persons_name_does_not_run_on():
    text = "副市长欧阳明出席。董事长欧阳明远致辞。副市长欧阳明远赴华林考察。"
    third = text.index("欧阳明", text.index("致辞"))
    ents = [_span(text, "副市长", "TITLE"), _span(text, "欧阳明", "OFFICIAL"), _span(text, "董事长", "TITLE"),
            _span(text, "欧阳明远", "OFFICIAL"), _span(text, "副市长", "TITLE", nth=1),
            Entity("OFFICIAL", "欧阳明", third, third + 3, 0.9)]
    got = [e.text for e in _repair_officials(text, ents) if e.label == "OFFICIAL"]
    assert got == ["欧阳明", "欧阳明远", "欧阳明"]


def test_names_ending_in_the_first_character_of_an_honorific_are_kept():
    text = "远山集团总经理李大同、华林大学校长陈文博，东岭市副市长张先出席。"
    ents = [_span(text, "李大同", "OFFICIAL"), _span(text, "陈文博", "OFFICIAL"), _span(text, "张先", "OFFICIAL")]
    assert _repair_officials(text, ents) == ents


def test_a_two_character_name_before_an_honorific_is_not_cut_to_one():
    text = "远山集团总经理李博士出席。"
    e = _span(text, "李博", "OFFICIAL")
    assert _repair_officials(text, [e]) == [e]


def test_a_four_character_name_not_made_of_two_known_names_is_kept():
    assert _two_known_names("欧阳明远", {"欧阳", "明", "周平"}) is None
    assert _two_known_names("欧阳明远", {"欧阳明远", "欧阳", "明远"}) is None  # it is known whole
    assert _two_known_names("周平陈远", {"周平", "陈远"}) == ("周平", "陈远")


def test_a_latin_name_is_not_a_title():
    text = "远山集团总裁Tom出席。"
    e = _span(text, "Tom", "OFFICIAL")
    assert _repair_officials(text, [e]) == [e]


# ---- names run on to an organisation word --------------------------------------------------------------------

def test_a_place_does_not_run_on_over_a_verb_into_the_other_side():
    text = "东岭县携手远山公司签约。"
    ents = [_span(text, "东岭县"), _span(text, "远山公司")]
    assert _extend_to_org_ending(text, ents) == ents
    untagged = [_span(text, "东岭县")]  # the tagger missed the company
    assert _extend_to_org_ending(text, untagged) == untagged


def test_a_bank_does_not_run_on_into_another_companys_branch():
    text = "华林银行携手远山集团东岭分公司签约。"
    ents = [_span(text, "华林银行"), _span(text, "远山集团东岭分公司")]
    assert _extend_to_org_ending(text, ents) == ents


def test_a_place_before_a_break_or_a_title_stays_the_place():
    text = "东岭县、华林市与远山集团签约。东岭县委书记李明出席。"
    ents = [_span(text, "东岭县"), _span(text, "华林市"), _span(text, "远山集团"), _span(text, "东岭县", nth=1)]
    assert _extend_to_org_ending(text, ents) == ents


def test_a_company_name_continuing_past_a_shorter_tagged_form_is_kept():
    text = "远山集团与东岭县签约。远山集团东岭公司、远山集团二厂、远山集团研究院参加。"
    ents = [_span(text, "远山集团"), _span(text, "东岭县"), _span(text, "远山集团东岭公司"),
            _span(text, "远山集团二厂"), _span(text, "远山集团研究院")]
    assert _trim_overlong(text, ents) == ents


def test_a_split_word_is_not_completed_across_a_break():
    text = "双方签约后，远山集团公，司机培训中心随即挂牌。"  # a stray comma: no word is cut in two
    ents = [_span(text, "远山集团公")]
    assert _extend_to_org_ending(text, ents) == ents


# ---- figures written without a unit ----------------------------------------------------------------------------

def test_money_after_words_of_scale_or_employment_is_still_money():
    assert not is_unitless_quantity("50亿", "项目总投资规模")
    assert not is_unitless_quantity("100亿", "给予授信规模")
    assert not is_unitless_quantity("20亿", "设立基金规模为")
    assert not is_unitless_quantity("5000万", "安排就业扶持资金")
    assert is_unitless_quantity("30万", "年产能")           # still a quantity
    assert is_unitless_quantity("12万", "项目规模")
    assert is_unitless_quantity("2000", "带动就业")


def test_an_investment_scale_without_currency_goes_on_the_record():
    text = "东岭市人民政府与远山集团签署投资协议，项目投资规模50亿，占地面积12万。"
    ents = [_span(text, "东岭市人民政府"), _span(text, "远山集团"), _span(text, "投资协议", "AGREEMENT"),
            _span(text, "50亿", "AMOUNT"), _span(text, "12万", "AMOUNT")]
    recs = build_records(text, ents, "2024-05-09")
    assert [a.value for r in recs for a in r.amounts] == [5e9]


def test_a_span_cut_inside_a_closed_bracket_keeps_one_name():
    text = "东岭市人民政府与远山投资（香港）有限公司、华林科技（东岭）研发团队签约。"
    cut = _span(text, "远山投资（香港")
    assert [x.text for x in _split_at_brackets(text, cut)] == ["远山投资（香港）有限公司"]
    note = _span(text, "华林科技（东岭")  # no organisation word after the bracket: the name before it
    assert [x.text for x in _split_at_brackets(text, note)] == ["华林科技"]


def test_a_place_does_not_run_on_over_what_it_founds_or_entrusts():
    text = "东岭县成立城乡发展中心，东岭县委托华林规划研究院，东岭县人民医院参加。"
    ents = [_span(text, "东岭县"), _span(text, "东岭县", nth=1), _span(text, "东岭县", nth=2)]
    got = [e.text for e in _extend_to_org_ending(text, ents)]
    assert got == ["东岭县", "东岭县", "东岭县人民医院"]  # the hospital is the place's own name


def test_a_place_does_not_run_on_over_a_clause_into_a_tagged_name():
    text = "马丁感谢东岭市长期以来给予远山集团的支持。东岭市是远山集团在华林的重要伙伴。"
    ents = [_span(text, "马丁", "OFFICIAL"), _span(text, "东岭市"), _span(text, "远山集团"),
            _span(text, "东岭市", nth=1), _span(text, "远山集团", nth=1)]
    assert _extend_to_org_ending(text, ents) == ents
