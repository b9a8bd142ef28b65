"""Review of round 11's wave-7 record rules (counted companies named by attendees or project lists, a signer with
each company, named money, a whole place's figures, 我公司全资子公司, ceremonies and counterpart overviews): sentences
of our own where each rule must not fire, fires wrongly, or should fire."""
from __future__ import annotations

import pytest

from conftest import tag
from qianyue.rules import build_records
from qianyue.rules.amounts import is_statistic


def _sides(recs):
    return sorted(sorted(p.name for p in r.parties) for r in recs)


def _people(rec):
    return sorted((o.name, o.role) for o in rec.officials)


_COUNTED = "6月18日，临江省人民政府与两家中央企业在省城集中签署战略合作协议。"
_HOST = [("临江省人民政府", "PARTY"), ("省长", "TITLE"), ("王明", "OFFICIAL")]


def _attending(people: str, spans):
    text = _COUNTED + "省长王明，" + people + "出席签约仪式。"
    return build_records(text, tag(text, _HOST + spans), "2013-06-19")


_YUANSHAN = [("远山能源集团有限公司", "PARTY"), ("董事长", "TITLE"), ("张伟", "OFFICIAL")]
_QINGHE = [("青禾机械工业集团有限公司", "PARTY"), ("总经理", "TITLE"), ("李强", "OFFICIAL")]


# 1. counted companies named by the people attending for them

def test_attending_companies_as_many_as_the_counted_records_name_them():
    recs = _attending("远山能源集团有限公司董事长张伟，青禾机械工业集团有限公司总经理李强", _YUANSHAN + _QINGHE)
    assert _sides(recs) == [["临江省人民政府", "远山能源集团有限公司"], ["临江省人民政府", "青禾机械工业集团有限公司"]]


def test_more_attending_companies_than_counted_records_name_none():
    recs = _attending("远山能源集团有限公司董事长张伟，青禾机械工业集团有限公司总经理李强，白鹭银行股份有限公司行长赵刚",
                      _YUANSHAN + _QINGHE + [("白鹭银行股份有限公司", "PARTY"), ("行长", "TITLE"), ("赵刚", "OFFICIAL")])
    assert all("白鹭银行股份有限公司" not in {p.name for p in r.parties} for r in recs) and len(recs) == 2


def test_a_bank_attending_a_signing_of_counted_companies_is_not_one_of_them():
    recs = _attending("远山能源集团有限公司董事长张伟，白鹭银行股份有限公司行长赵刚",
                      _YUANSHAN + [("白鹭银行股份有限公司", "PARTY"), ("行长", "TITLE"), ("赵刚", "OFFICIAL")])
    assert len(recs) == 2 and all("白鹭银行股份有限公司" not in {p.name for p in r.parties} for r in recs)


def test_a_guest_company_attending_is_not_a_counted_signer():
    recs = _attending("远山能源集团有限公司董事长张伟，青禾咨询有限公司总经理李强作为特邀嘉宾",
                      _YUANSHAN + [("青禾咨询有限公司", "PARTY"), ("总经理", "TITLE"), ("李强", "OFFICIAL")])
    assert len(recs) == 2 and all("青禾咨询有限公司" not in {p.name for p in r.parties} for r in recs)


def test_attendees_of_a_ceremony_of_named_signings_change_no_sides():
    text = ("6月18日，临江省人民政府与远山能源集团有限公司签署战略合作协议。"
            "省长王明，远山能源集团有限公司董事长张伟，青禾机械工业集团有限公司总经理李强出席签约仪式。")
    recs = build_records(text, tag(text, [("临江省人民政府", "PARTY"), ("远山能源集团有限公司", "PARTY"),
                                          ("战略合作协议", "AGREEMENT")] + _HOST[1:] + _YUANSHAN + _QINGHE), "2013-06-19")
    assert _sides(recs) == [["临江省人民政府", "远山能源集团有限公司"]]


# 1b. the occasion's projects told company by company

def test_a_list_of_projects_not_companies_names_no_counted_side():
    text = "9月16日，东岭工业园区管委会与2家企业签订投资协议。此次签约的项目中，年产10万吨新材料项目总投资8亿元；智能装备产业园项目总投资5亿元。"
    recs = build_records(text, tag(text, [("东岭工业园区管委会", "PARTY"), ("8亿元", "AMOUNT"), ("5亿元", "AMOUNT")]),
                         "2009-09-18")
    assert len(recs) == 2 and _sides(recs) == [["东岭工业园区管委会"], ["东岭工业园区管委会"]]


def test_a_project_list_names_the_counted_companies_in_turn():
    text = ("9月16日，东岭工业园区管委会与2家企业签订投资协议。签约项目包括：\n1. 远山新材料有限公司年产10万吨新材料项目；\n"
            "2. 青禾装备有限公司智能装备产业园项目。")
    recs = build_records(text, tag(text, [("东岭工业园区管委会", "PARTY"), ("远山新材料有限公司", "PARTY"),
                                          ("青禾装备有限公司", "PARTY")]), "2009-09-18")
    assert _sides(recs) == [["东岭工业园区管委会", "远山新材料有限公司"], ["东岭工业园区管委会", "青禾装备有限公司"]]


# 2. one person signing with each company

_TWO_NAMED = "9月16日，东岭县人民政府与远山食品有限公司签署投资协议，与青禾物流有限公司签署合作协议。"
_TWO_NAMED_SPANS = [("东岭县人民政府", "PARTY"), ("远山食品有限公司", "PARTY"), ("投资协议", "AGREEMENT"),
                    ("青禾物流有限公司", "PARTY"), ("合作协议", "AGREEMENT"), ("县长", "TITLE"), ("孙强", "OFFICIAL")]


def test_a_signer_with_each_company_signs_every_record_of_the_host():
    text = _TWO_NAMED + "副县长孙强代表县政府与各企业负责人分别签约。"
    recs = build_records(text, tag(text, _TWO_NAMED_SPANS[:5] + [("副县长", "TITLE"), ("孙强", "OFFICIAL"),
                                                                 ("县政府", "PARTY")]), "2024-09-17")
    assert all(("孙强", "signatory") in _people(r) for r in recs) and len(recs) == 2


def test_signing_with_each_company_told_of_the_past_signs_nothing_now():
    text = _TWO_NAMED + "去年，时任县长孙强曾与各企业负责人签约。"
    recs = build_records(text, tag(text, _TWO_NAMED_SPANS), "2024-09-17")
    assert all(role != "signatory" for r in recs for _, role in _people(r))


def test_signing_with_each_company_in_a_remark_signs_nothing():
    text = _TWO_NAMED + "县长孙强表示，下一步将与各企业签订补充协议。"
    recs = build_records(text, tag(text, _TWO_NAMED_SPANS), "2024-09-17")
    assert all(role != "signatory" for r in recs for _, role in _people(r))


@pytest.mark.xfail(strict=True, reason="an older rule makes the person of a planned signing (甲将与…签订) the "
                                       "signatory of the record nearest it; the with-each rule no longer does")
def test_a_planned_signing_with_each_company_signs_nothing():
    text = _TWO_NAMED + "县长孙强将与各企业负责人签订补充协议。"
    recs = build_records(text, tag(text, _TWO_NAMED_SPANS), "2024-09-17")
    assert all(role != "signatory" for r in recs for _, role in _people(r))


def test_the_attendee_before_the_signer_with_each_company_only_witnesses():
    text = "9月16日，东岭工业园区管委会与3家企业签订投资协议。园区管委会主任孙强出席并致辞，副主任钱伟分别与各企业代表签约。"
    recs = build_records(text, tag(text, [("东岭工业园区管委会", "PARTY"), ("园区管委会", "PARTY"), ("主任", "TITLE"),
                                          ("孙强", "OFFICIAL"), ("副主任", "TITLE"), ("钱伟", "OFFICIAL")]), "2009-09-17")
    assert all(dict(_people(r)).get("孙强") != "signatory" for r in recs)


# 3. money of a named company

_MONEY_SPANS = [("临江省人民政府", "PARTY"), ("300亿元", "AMOUNT")] + _HOST[1:] + _YUANSHAN + _QINGHE + [
    ("远山能源集团", "PARTY"), ("200亿元", "AMOUNT"), ("青禾机械", "PARTY"), ("60亿元", "AMOUNT")]
_MONEY_LEAD = ("6月18日，临江省人民政府与两家中央企业签署战略合作协议，协议投资总额逾300亿元。"
               "省长王明，远山能源集团有限公司董事长张伟，青禾机械工业集团有限公司总经理李强出席签约仪式。")


def _money_by_company(recs):
    return {next(p.name for p in r.parties if p.name != "临江省人民政府"): sorted(a.value for a in r.amounts)
            for r in recs}


def test_each_companys_money_in_one_comma_run_goes_to_its_record():
    text = _MONEY_LEAD + "按照协议，远山能源集团投资200亿元，青禾机械投资60亿元。"
    recs = build_records(text, tag(text, _MONEY_SPANS), "2013-06-19")
    assert _money_by_company(recs) == {"远山能源集团有限公司": [2e10, 3e10], "青禾机械工业集团有限公司": [6e9, 3e10]}


def test_each_companys_money_after_semicolons_goes_to_its_record():
    text = _MONEY_LEAD + "按照协议，远山能源集团将建设风电项目，计划投资约200亿元；青禾机械将建设装备产业园，投资60亿元。"
    recs = build_records(text, tag(text, _MONEY_SPANS), "2013-06-19")
    assert _money_by_company(recs) == {"远山能源集团有限公司": [2e10, 3e10], "青禾机械工业集团有限公司": [6e9, 3e10]}


def test_money_of_two_named_companies_together_is_not_moved_to_the_second():
    text = _MONEY_LEAD + "按照协议，远山能源集团和青禾机械将共同投资80亿元建设物流园。"
    spans = _MONEY_SPANS[:-3] + [("青禾机械", "PARTY"), ("80亿元", "AMOUNT")]
    spans = [s for s in spans if s[0] not in ("200亿元",)]
    got = _money_by_company(build_records(text, tag(text, spans), "2013-06-19"))
    assert 8e9 not in got["青禾机械工业集团有限公司"] or 8e9 in got["远山能源集团有限公司"]


# 4. a whole place's figures

def test_a_whole_places_growth_is_background():
    assert is_statistic("全市完成固定资产投资526亿元，增长41.2%") and is_statistic("全县实现地区生产总值120亿元")


def test_a_projects_expected_growth_leaves_the_signings_money():
    text = ("5月8日，东岭区人民政府与远山重工集团股份有限公司签署装备制造产业园项目投资协议。"
            "项目总投资50亿元，投产后将带动全区工业产值增长20%以上。")
    recs = build_records(text, tag(text, [("东岭区人民政府", "PARTY"), ("远山重工集团股份有限公司", "PARTY"),
                                          ("装备制造产业园项目投资协议", "AGREEMENT"), ("50亿元", "AMOUNT")]), "2013-05-09")
    assert [a.value for a in recs[0].amounts] == [5e9]


def test_a_companys_investment_in_the_whole_city_is_the_agreements_money():
    text = ("5月8日，东岭市人民政府与远山重工集团股份有限公司签署战略合作协议。根据协议，远山重工将在全市完成投资不低于30亿元。")
    recs = build_records(text, tag(text, [("东岭市人民政府", "PARTY"), ("远山重工集团股份有限公司", "PARTY"),
                                          ("战略合作协议", "AGREEMENT"), ("远山重工", "PARTY"), ("30亿元", "AMOUNT")]),
                         "2013-05-09")
    assert [a.value for a in recs[0].amounts] == [3e9]


def test_a_whole_citys_output_forecast_is_no_money_of_the_signing():
    text = ("5月8日，东岭市人民政府与远山重工集团股份有限公司签署战略合作协议，项目总投资30亿元。"
            "达产后全市装备制造业产值将达到500亿元。")
    recs = build_records(text, tag(text, [("东岭市人民政府", "PARTY"), ("远山重工集团股份有限公司", "PARTY"),
                                          ("战略合作协议", "AGREEMENT"), ("30亿元", "AMOUNT"), ("500亿元", "AMOUNT")]),
                         "2013-05-09")
    assert 5e10 not in [a.value for a in recs[0].amounts]


# 5. 我公司/该集团 + 子公司

def test_a_subsidiary_after_the_groups_words_is_named_alone():
    text = "11月6日，东岭县人民政府与该集团控股子公司青禾新能源有限公司签署项目投资协议。"
    recs = build_records(text, tag(text, [("东岭县人民政府", "PARTY"), ("该集团控股子公司青禾新能源有限公司", "PARTY"),
                                          ("项目投资协议", "AGREEMENT")]), "2013-11-08")
    assert _sides(recs) == [["东岭县人民政府", "青禾新能源有限公司"]]


def test_a_subsidiary_named_only_as_a_subsidiary_keeps_its_parents_name():
    text = "11月6日，东岭县人民政府与远山集团子公司签署项目投资协议。"
    recs = build_records(text, tag(text, [("东岭县人民政府", "PARTY"), ("远山集团子公司", "PARTY"),
                                          ("项目投资协议", "AGREEMENT")]), "2013-11-08")
    assert len(recs) == 1 and any(p.name.startswith("远山集团") for p in recs[0].parties)


# 6. ceremonies and overviews told again

_CEREMONY_SPANS = [("临江省", "PARTY"), ("远山能源集团有限公司", "PARTY"), ("青禾重工集团有限公司", "PARTY")]


def test_a_ceremony_only_one_of_whose_companies_a_city_then_signs_with_keeps_its_own_signing():
    text = ("5月20日，临江省与远山能源集团有限公司、青禾重工集团有限公司两家中央企业在省城举行合作签约仪式。"
            "仪式上，省发展改革委与远山能源集团有限公司签署《能源基地建设合作协议》。")
    recs = build_records(text, tag(text, _CEREMONY_SPANS + [("省发展改革委", "PARTY"), ("远山能源集团有限公司", "PARTY"),
                                                            ("能源基地建设合作协议", "AGREEMENT")]), "2015-05-21")
    assert ["临江省", "青禾重工集团有限公司"] in _sides(recs)


@pytest.mark.xfail(strict=True, reason="older than wave 7: the province's own record with the company is merged "
                                       "with the ceremony's and loses its agreement's name")
def test_a_ceremony_then_the_provinces_own_signing_and_a_departments_keep_both():
    text = ("5月20日，临江省与远山能源集团有限公司、青禾重工集团有限公司两家中央企业在省城举行合作签约仪式。"
            "仪式上，临江省人民政府与远山能源集团有限公司签署《战略合作协议》，省发展改革委与远山能源集团有限公司签署"
            "《能源基地建设合作协议》，省国资委与青禾重工集团有限公司签署《混改合作协议》。")
    spans = _CEREMONY_SPANS + [("临江省人民政府", "PARTY"), ("远山能源集团有限公司", "PARTY"), ("战略合作协议", "AGREEMENT"),
                               ("省发展改革委", "PARTY"), ("远山能源集团有限公司", "PARTY"), ("能源基地建设合作协议", "AGREEMENT"),
                               ("省国资委", "PARTY"), ("青禾重工集团有限公司", "PARTY"), ("混改合作协议", "AGREEMENT")]
    recs = build_records(text, tag(text, spans), "2015-05-21")
    assert sorted(r.title for r in recs) == ["战略合作协议", "混改合作协议", "能源基地建设合作协议"]


def test_a_ceremony_then_a_citys_signing_after_it_keeps_the_provinces():
    # (fixed after the review: _fold_headline_government folded a first sentence that is no headline)
    text = ("5月20日，临江省与远山能源集团有限公司、青禾重工集团有限公司两家中央企业在省城举行合作签约仪式。"
            "会后，东岭市人民政府与远山能源集团有限公司签署《风电项目投资协议》。")
    recs = build_records(text, tag(text, _CEREMONY_SPANS + [("东岭市人民政府", "PARTY"), ("远山能源集团有限公司", "PARTY"),
                                                            ("风电项目投资协议", "AGREEMENT")]), "2015-05-21")
    assert ["临江省", "远山能源集团有限公司"] in _sides(recs)


def test_two_agreements_of_two_sides_are_no_overview_of_their_later_signings():
    text = ("5月20日，东岭市人民政府与远山集团有限公司分别签署《战略合作协议》和《项目投资协议》。"
            "同日，远山集团有限公司还与白鹭银行股份有限公司签署《融资协议》，东岭市人民政府与青禾物流有限公司签署《物流园协议》。")
    recs = build_records(text, tag(text, [("东岭市人民政府", "PARTY"), ("远山集团有限公司", "PARTY"), ("战略合作协议", "AGREEMENT"),
                                          ("项目投资协议", "AGREEMENT"), ("远山集团有限公司", "PARTY"),
                                          ("白鹭银行股份有限公司", "PARTY"), ("融资协议", "AGREEMENT"), ("东岭市人民政府", "PARTY"),
                                          ("青禾物流有限公司", "PARTY"), ("物流园协议", "AGREEMENT")]), "2015-05-21")
    assert sorted(r.title for r in recs) == ["战略合作协议", "物流园协议", "融资协议", "项目投资协议"]
