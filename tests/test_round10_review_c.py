"""Adversarial cases for round 10's last record rules (review c): sentences of our own where each rule must fire,
must not, or missed before this review narrowed or extended it."""
from __future__ import annotations

import pytest

from conftest import span as _span
from conftest import tag
from qianyue.rules import build_records
from qianyue.rules.agreements import (_is_counted_group, _join_split_agreement_names, _repair_parties,
                                      _trim_overlong, split_clauses)


def _records(recs):
    return [(r.title, sorted(p.name for p in r.parties)) for r in recs]


def _parties(text, surfaces):
    return [e.text for e in _repair_parties(text, [_span(text, s) for s in surfaces]) if e.label == "PARTY"]


def test_a_parent_with_qi_xia_before_a_whole_name_is_cut_off():
    text = "东岭县与远山控股集团旗下远山文旅发展有限公司签约。"
    assert _parties(text, ["东岭县", "远山控股集团旗下远山文旅发展有限公司"]) == ["东岭县", "远山文旅发展有限公司"]


@pytest.mark.parametrize("tagged, kept", [
    ("远山公司所属单位东岭分公司", "东岭分公司"),  # (not 单位东岭分公司)
    ("青禾集团下属成员企业青禾物流有限公司", "青禾物流有限公司"),
])
def test_the_kind_of_unit_after_a_parents_suo_shu_goes_with_the_parent(tagged, kept):
    text = f"东岭县与{tagged}签约。"
    assert _parties(text, ["东岭县", tagged]) == ["东岭县", kept]


def test_a_parents_kind_of_its_units_with_no_name_after_it_stays_whole():
    text = "东岭县与青禾集团下属企业签约。"
    assert _parties(text, ["东岭县", "青禾集团下属企业"]) == ["东岭县", "青禾集团下属企业"]


@pytest.mark.parametrize("surfaces, joined", [
    (["临江市", "东岭县人民政府"], ["临江市东岭县人民政府"]),
    (["临江市", "东岭高新区管委会"], ["临江市东岭高新区管委会"]),
])
def test_a_city_right_before_a_district_government_is_one_name(surfaces, joined):
    text = "".join(surfaces) + "与远山集团签约。"
    assert _parties(text, surfaces) == joined


def test_a_city_and_a_county_listed_with_a_comma_stay_two_sides():
    text = "临江市、东岭县人民政府与远山集团签约。"
    assert _parties(text, ["临江市", "东岭县人民政府", "远山集团"]) == ["临江市", "东岭县人民政府", "远山集团"]


def test_a_shop_ending_in_shi_is_no_city_before_a_district_government():
    text = "远山超市东岭区人民政府签约。"  # (two sides the article writes side by side)
    assert _parties(text, ["远山超市", "东岭区人民政府"]) == ["远山超市", "东岭区人民政府"]


def test_a_city_before_a_district_party_committee_is_left_to_the_tagger():
    text = "临江市东岭区委与远山集团签约。"  # (the rule joins governments only)
    assert _parties(text, ["临江市", "东岭区委"]) == ["临江市", "东岭区委"]


@pytest.mark.parametrize("text, surface, counted", [
    ("与东岭县两所高校签约", "东岭县两所高校", True),
    ("与东岭区五大银行签约", "东岭区五大银行", True),
    ("与东岭州十家企业签约", "东岭州十家企业", True),
    ("东岭县三家村股份经济合作社与远山签约", "东岭县三家村股份经济合作社", False),  # a village named 三家村
    ("临江市百家惠商贸有限公司签约", "临江市百家惠商贸有限公司", False),
    ("东岭县中心卫生院签约", "东岭县中心卫生院", False),
    ("与临江市第三人民医院签约", "临江市第三人民医院", False),
])
def test_a_count_after_a_place_is_a_count_and_a_name_with_a_number_is_a_name(text, surface, counted):
    assert _is_counted_group(text, _span(text, surface)) is counted


@pytest.mark.parametrize("tagged, kept", [
    ("远山产业园有限公司", "远山产业园有限公司"),
    ("远山项目管理有限公司", "远山项目管理有限公司"),
    ("远山建设有限公司东岭项目部", "远山建设有限公司东岭项目部"),
    ("远山控股有限公司产业园管理有限公司", "远山控股有限公司产业园管理有限公司"),
    ("青禾集团有限公司数字经济产业园项目", "青禾集团有限公司"),
    ("青禾（东岭）有限公司孵化基地", "青禾（东岭）有限公司"),
])
def test_a_company_really_named_after_a_park_or_a_project_is_not_cut(tagged, kept):
    text = f"东岭县与{tagged}签约。"
    assert [e.text for e in _trim_overlong(text, [_span(text, tagged)])] == [kept]


@pytest.mark.parametrize("text, parts, joined", [
    ("签署2号地块开发协议", ["2号", "地块开发协议"], ["2号地块开发协议"]),
    ("签署了1.5GW光伏项目协议", ["GW", "光伏项目协议"], ["1.5GW光伏项目协议"]),
    ("签署PPP项目合同", ["PPP", "项目合同"], ["PPP项目合同"]),
    ("签订合作备忘录投资协议", ["合作备忘录", "投资协议"], ["合作备忘录", "投资协议"]),
])
def test_an_agreement_name_split_after_its_numeric_head_is_one_name(text, parts, joined):
    ents = [_span(text, p, "AGREEMENT") for p in parts]
    assert [e.text for e in _join_split_agreement_names(text, ents)] == joined


@pytest.mark.parametrize("text, clauses", [
    ("县政府与三家企业签订投资协议：远山公司、青禾公司、蓝湾公司。", 1),  # the colon brings the counterparts
    ("与两家签约企业：远山公司、青禾公司签署协议。", 1),
    ("县政府与三家企业签订投资协议：与远山公司签署甲协议，与青禾公司签署乙协议。", 3),  # it brings the signings
])
def test_a_count_before_a_colon_joins_the_names_it_brings_not_the_signings(text, clauses):
    assert len(split_clauses(text, 0, len(text), [_span(text, "远山公司")])) == clauses


def test_a_person_with_fen_bie_yu_before_two_counterparts_each_with_its_signer():
    text = "东岭县分别与远山集团董事长张一、青禾银行行长李二签署了《文旅项目投资协议》《金融服务协议》。"
    ents = tag(text, [("东岭县", "PARTY"), ("远山集团", "PARTY"), ("董事长", "TITLE"), ("张一", "OFFICIAL"),
                      ("青禾银行", "PARTY"), ("行长", "TITLE"), ("李二", "OFFICIAL"),
                      ("文旅项目投资协议", "AGREEMENT"), ("金融服务协议", "AGREEMENT")])
    assert _records(build_records(text, ents, "2018-03-14")) == [
        ("文旅项目投资协议", ["东岭县", "远山集团"]), ("金融服务协议", ["东岭县", "青禾银行"])]


def test_a_signer_with_no_organisation_joined_to_partners_signs_the_partners_records():
    text = "副县长王五与远山集团董事长张一、青禾银行行长李二分别签署了《文旅项目投资协议》《金融服务协议》。"
    ents = tag(text, [("副县长", "TITLE"), ("王五", "OFFICIAL"), ("远山集团", "PARTY"), ("董事长", "TITLE"),
                      ("张一", "OFFICIAL"), ("青禾银行", "PARTY"), ("行长", "TITLE"), ("李二", "OFFICIAL"),
                      ("文旅项目投资协议", "AGREEMENT"), ("金融服务协议", "AGREEMENT")])
    assert _records(build_records(text, ents, "2018-03-14")) == [
        ("文旅项目投资协议", ["远山集团"]), ("金融服务协议", ["青禾银行"])]


def test_a_clause_opening_on_yu_lists_only_counterparts():
    text = "与远山集团、青禾银行分别签署了《文旅项目投资协议》《金融服务协议》。"
    ents = tag(text, [("远山集团", "PARTY"), ("青禾银行", "PARTY"), ("文旅项目投资协议", "AGREEMENT"),
                      ("金融服务协议", "AGREEMENT")])
    assert _records(build_records(text, ents, "2018-03-14")) == [
        ("文旅项目投资协议", ["远山集团", "青禾银行"]), ("金融服务协议", ["远山集团", "青禾银行"])]


def test_a_three_sided_headline_over_a_body_of_one_two_sided_signing_stays_its_own():
    text = "东岭县与远山集团、青禾银行签署三方协议\n昨日，东岭县人民政府与远山集团有限公司签订《文旅项目投资协议》。"
    ents = tag(text, [("东岭县", "PARTY"), ("远山集团", "PARTY"), ("青禾银行", "PARTY"), ("三方协议", "AGREEMENT"),
                      ("东岭县人民政府", "PARTY"), ("远山集团有限公司", "PARTY"), ("文旅项目投资协议", "AGREEMENT")])
    titles = [r.title for r in build_records(text, ents, "2018-03-14")]
    assert titles == ["三方协议", "文旅项目投资协议"]


def test_a_three_sided_headline_over_two_body_signings_of_the_same_sides():
    text = ("省交通运输厅与远山路桥集团、青禾银行签署合作协议\n"
            "昨日，东岭省交通运输厅、远山路桥建设集团有限公司与青禾银行股份有限公司签订《沿江高速公路PPP项目合同》。"
            "同日，东岭省交通运输厅、远山路桥建设集团有限公司与青禾银行股份有限公司还签订《沿江高速公路融资合作协议》。")
    ents = tag(text, [("省交通运输厅", "PARTY"), ("远山路桥集团", "PARTY"), ("青禾银行", "PARTY"), ("合作协议", "AGREEMENT"),
                      ("东岭省交通运输厅", "PARTY"), ("远山路桥建设集团有限公司", "PARTY"), ("青禾银行股份有限公司", "PARTY"),
                      ("沿江高速公路PPP项目合同", "AGREEMENT"), ("东岭省交通运输厅", "PARTY"),
                      ("远山路桥建设集团有限公司", "PARTY"), ("青禾银行股份有限公司", "PARTY"),
                      ("沿江高速公路融资合作协议", "AGREEMENT")])
    assert [r.title for r in build_records(text, ents, "2018-03-14")] == ["沿江高速公路PPP项目合同", "沿江高速公路融资合作协议"]


@pytest.mark.parametrize("joiner", ["、", "和"])
def test_a_clause_with_two_real_groups_keeps_both(joiner):
    text = f"东岭县与远山集团签署《文旅项目投资协议》{joiner}临江市与青禾银行签署《金融服务协议》。"
    ents = tag(text, [("东岭县", "PARTY"), ("远山集团", "PARTY"), ("文旅项目投资协议", "AGREEMENT"), ("临江市", "PARTY"),
                      ("青禾银行", "PARTY"), ("金融服务协议", "AGREEMENT")])
    assert _records(build_records(text, ents, "2018-03-14")) == [
        ("文旅项目投资协议", ["东岭县", "远山集团"]), ("金融服务协议", ["临江市", "青禾银行"])]


def test_counterparts_named_after_a_colon_of_a_counted_signing_sign():
    text = "东岭县人民政府与三家企业签订投资协议：远山新材料有限公司、青禾电子有限公司、蓝湾物流有限公司。"
    ents = tag(text, [("东岭县人民政府", "PARTY"), ("投资协议", "AGREEMENT"), ("远山新材料有限公司", "PARTY"),
                      ("青禾电子有限公司", "PARTY"), ("蓝湾物流有限公司", "PARTY")])
    assert _records(build_records(text, ents, "2018-03-14")) == [
        ("投资协议", ["东岭县人民政府", "远山新材料有限公司"]), ("投资协议", ["东岭县人民政府", "青禾电子有限公司"]),
        ("投资协议", ["东岭县人民政府", "蓝湾物流有限公司"])]


def test_a_counted_signing_whose_colon_names_fewer_than_the_count_keeps_the_count():
    text = "东岭县人民政府与三家企业签订投资协议：远山新材料有限公司、青禾电子有限公司等。"
    ents = tag(text, [("东岭县人民政府", "PARTY"), ("投资协议", "AGREEMENT"), ("远山新材料有限公司", "PARTY"),
                      ("青禾电子有限公司", "PARTY")])
    assert len(build_records(text, ents, "2018-03-14")) == 3


def test_two_names_one_signing_gives_after_a_joiner_stay_one_clause():
    text = "东岭县与远山集团签署《文旅项目投资协议》和《金融服务协议》，临江市长李二与青禾银行行长王五出席。"
    ents = tag(text, [("东岭县", "PARTY"), ("远山集团", "PARTY"), ("文旅项目投资协议", "AGREEMENT"),
                      ("金融服务协议", "AGREEMENT"), ("临江市", "PARTY"), ("青禾银行", "PARTY")])
    assert len(split_clauses(text, 0, len(text), ents)) == 2
    assert _records(build_records(text, ents, "2018-03-14")) == [
        ("文旅项目投资协议", ["东岭县", "远山集团"]), ("金融服务协议", ["东岭县", "远山集团"])]
