"""Round 10's record rules, probed where they must not fire or should (sentences of our own)."""
from __future__ import annotations

import pytest
from conftest import span as _span
from conftest import tag
from qianyue.rules import build_records


def _sides(recs):
    return sorted(sorted(p.name for p in r.parties) for r in recs)


def _amounts(rec):
    return sorted(a.value for a in rec.amounts)


def _roles(rec):
    return {o.name: o.role for o in rec.officials}


# ------------------------------------------------------------------ 1. a clause opening on 与 lists counterparts


def test_joiner_opening_a_clause_still_lets_a_later_subject_list_stand():
    # 与 opens the clause but the names after it are the subject's list: 甲和乙 sign with 丙 (分别与 splits them)
    text = "5月8日，远山银行和青禾通信有限公司分别与东岭新区管理委员会签署合作协议。"
    ents = tag(text, [("远山银行", "PARTY"), ("青禾通信有限公司", "PARTY"), ("东岭新区管理委员会", "PARTY")])
    assert _sides(build_records(text, ents, "2024-05-09")) == [
        ["东岭新区管理委员会", "远山银行"], ["东岭新区管理委员会", "青禾通信有限公司"]]


def test_joiner_opening_a_clause_with_two_counterparts_after_the_host_told_before():
    text = "5月8日，东岭区人民政府举行招商签约仪式，与远山储能有限公司和青禾食品有限公司签署投资协议。"
    ents = tag(text, [("东岭区人民政府", "PARTY"), ("远山储能有限公司", "PARTY"), ("青禾食品有限公司", "PARTY")])
    recs = build_records(text, ents, "2024-05-09")
    for r in recs:
        assert "东岭区人民政府" in [p.name for p in r.parties]
    assert {n for r in recs for n in (p.name for p in r.parties)} == {"东岭区人民政府", "远山储能有限公司", "青禾食品有限公司"}


# ------------------------------------------------------------------ 2. one total told in two sentences


def test_two_phases_of_one_value_told_in_two_sentences_stay_two_amounts():
    text = ("5月8日，东岭区人民政府与远山储能有限公司签署储能基地项目投资协议。项目分两期建设，一期投资5亿元，"
            "建设储能电站。二期投资5亿元，建设电池工厂。")
    ents = tag(text, [("东岭区人民政府", "PARTY"), ("远山储能有限公司", "PARTY"), ("储能基地项目投资协议", "AGREEMENT"),
                          ("5亿元", "AMOUNT"), ("5亿元", "AMOUNT")])
    recs = build_records(text, ents, "2024-05-09")
    assert len(recs) == 1 and _amounts(recs[0]) == [5e8, 5e8]


def test_headline_total_and_lead_total_are_one_amount():
    text = ("东岭区与远山储能签约 总投资12亿元\n"
            "5月8日，东岭区人民政府与远山储能有限公司签署储能基地项目投资协议，项目总投资12亿元。")
    ents = tag(text, [("东岭区", "PARTY"), ("远山储能", "PARTY"), ("12亿元", "AMOUNT"), ("东岭区人民政府", "PARTY"),
                          ("远山储能有限公司", "PARTY"), ("储能基地项目投资协议", "AGREEMENT"), ("12亿元", "AMOUNT")])
    recs = build_records(text, ents, "2024-05-09")
    assert len(recs) == 1 and _amounts(recs[0]) == [1.2e9]


def test_same_value_in_other_currency_is_kept():
    text = ("5月8日，东岭区人民政府与远山储能有限公司签署储能基地项目投资协议，项目总投资5亿元。"
            "其中外方出资5亿美元。")
    ents = tag(text, [("东岭区人民政府", "PARTY"), ("远山储能有限公司", "PARTY"), ("储能基地项目投资协议", "AGREEMENT"),
                          ("5亿元", "AMOUNT"), ("5亿美元", "AMOUNT")])
    recs = build_records(text, ents, "2024-05-09")
    assert len(recs) == 1 and len(recs[0].amounts) == 2


# ------------------------------------------------------------------ 3. a span of months leading a clause


def test_a_construction_period_in_months_inside_a_clause_is_no_tally():
    text = "5月8日，东岭区人民政府与远山储能有限公司签署投资协议，项目建设工期为3至8月，总投资15亿元。"
    ents = tag(text, [("东岭区人民政府", "PARTY"), ("远山储能有限公司", "PARTY"), ("15亿元", "AMOUNT")])
    assert _amounts(build_records(text, ents, "2024-05-09")[0]) == [1.5e9]


def test_months_leading_a_sentence_after_the_signing_are_a_tally():
    text = ("5月8日，东岭区人民政府与远山储能有限公司签署投资协议，项目投资15亿元。"
            "今年1至4月，东岭区累计签约项目32个，总投资260亿元。")
    ents = tag(text, [("东岭区人民政府", "PARTY"), ("远山储能有限公司", "PARTY"), ("15亿元", "AMOUNT"),
                          ("260亿元", "AMOUNT")])
    recs = build_records(text, ents, "2024-05-09")
    assert [_amounts(r) for r in recs] == [[1.5e9]]


# ------------------------------------------------------------------ 4. a count with 大


def test_a_company_whose_name_starts_with_a_count_and_da_is_a_side():
    from qianyue.rules.agreements import _is_counted_group

    text = "5月8日，东岭区人民政府与三大重工集团有限公司签署投资协议。"
    assert not _is_counted_group(text, _span(text, "三大重工集团有限公司"))
    text2 = "5月8日，东岭区人民政府与四大集团签署投资协议。"
    assert _is_counted_group(text2, _span(text2, "四大集团"))


def test_three_big_operators_are_a_count():
    from qianyue.rules.agreements import _is_counted_group

    text = "临江市人民政府与三大运营商签署数字城市合作协议。"
    assert _is_counted_group(text, _span(text, "三大运营商"))


# ------------------------------------------------------------------ 5. 兼 between two titles


def test_chairman_and_general_manager_with_no_unit_keeps_the_company_as_a_side():
    text = ("临江省卫生健康委员会与远山人寿保险股份有限公司签署合作协议。省卫健委副主任甲乙，"
            "远山人寿董事长兼总经理丙丁分别代表双方签约。")
    ents = tag(text, [("临江省卫生健康委员会", "PARTY"), ("远山人寿保险股份有限公司", "PARTY"), ("合作协议", "AGREEMENT"),
                          ("省卫健委", "PARTY"), ("副主任", "TITLE"), ("甲乙", "OFFICIAL"), ("远山人寿", "PARTY"),
                          ("董事长兼总经理", "TITLE"), ("丙丁", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-09")
    assert _sides(recs) == [["临江省卫生健康委员会", "远山人寿保险股份有限公司"]]
    assert _roles(recs[0]) == {"甲乙": "signatory", "丙丁": "signatory"}


def test_unit_after_jian_with_no_title_before_is_a_side():
    from qianyue.rules.agreements import _units_into_titles

    # 兼 here is no second post of a titled person (the span before it is a party, not a title)
    text = "东岭区人民政府兼临江分公司总经理"
    ents = [_span(text, "东岭区人民政府"), _span(text, "临江分公司"), _span(text, "总经理", "TITLE")]
    out = _units_into_titles(text, ents)
    assert [e.label for e in out][:1] == ["PARTY"]


def test_unit_after_jian_between_titles_joins_the_title():
    from qianyue.rules.agreements import _units_into_titles

    text = "远山人寿副总经理兼临江分公司总经理丙丁"
    ents = [_span(text, "远山人寿"), _span(text, "副总经理", "TITLE"), _span(text, "临江分公司"),
            _span(text, "总经理", "TITLE", nth=1), _span(text, "丙丁", "OFFICIAL")]
    out = _units_into_titles(text, ents)
    assert [(e.label, e.text) for e in out] == [("PARTY", "远山人寿"), ("TITLE", "副总经理"), ("TITLE", "临江分公司总经理"),
                                                ("OFFICIAL", "丙丁")]


# ------------------------------------------------------------------ 6 / 7. many-sided records and short forms


def test_a_real_second_signing_between_two_sides_of_a_three_sided_one_stays():
    text = ("5月8日，临江县人民政府、东岭省高原果业产业协会与远山果品电子商务有限公司三方签署《柑橘品牌共建协议》。"
            "随后，临江县人民政府与远山果品公司签署《电商物流园投资协议》，项目投资3亿元。")
    ents = tag(text, [("临江县人民政府", "PARTY"), ("东岭省高原果业产业协会", "PARTY"), ("远山果品电子商务有限公司", "PARTY"),
                          ("柑橘品牌共建协议", "AGREEMENT"), ("临江县人民政府", "PARTY"), ("远山果品公司", "PARTY"),
                          ("电商物流园投资协议", "AGREEMENT"), ("3亿元", "AMOUNT")])
    recs = build_records(text, ents, "2024-05-09")
    assert sorted(r.title for r in recs) == ["柑橘品牌共建协议", "电商物流园投资协议"]


def test_a_headline_short_form_of_a_different_organisation_is_no_same_signing():
    from qianyue.rules.agreements import _same_sides

    # 省水利协会 is no short form of 东岭省高原水果产业协会 (the characters do not line up)
    assert not _same_sides({"临江县人民政府", "省水利协会"},
                           {"临江县人民政府", "东岭省高原水果产业协会", "远山果品有限公司"})
    assert _same_sides({"临江县人民政府", "省水果协会"}, {"临江县人民政府", "东岭省高原水果产业协会", "远山果品有限公司"})


def test_a_government_of_another_level_is_no_short_form_in_a_shorter_record():
    from qianyue.rules.agreements import _same_sides

    assert not _same_sides({"东岭省人民政府", "远山集团"}, {"东岭省临江市人民政府", "远山集团有限公司", "青禾银行"})


def test_signers_listed_with_an_agreement_name_do_not_dissolve():
    text = ("5月8日，临江县人民政府、东岭省果业协会与远山果品有限公司三方签署《柑橘品牌共建协议》。"
            "临江县人民政府还与青禾冷链物流有限公司签署冷链仓储项目投资协议。"
            "东岭省果业协会会长丁四，远山果品公司总经理戊五签署了《柑橘品牌共建协议》。")
    ents = tag(text, [("临江县人民政府", "PARTY"), ("东岭省果业协会", "PARTY"), ("远山果品有限公司", "PARTY"),
                          ("柑橘品牌共建协议", "AGREEMENT"), ("临江县人民政府", "PARTY"), ("青禾冷链物流有限公司", "PARTY"),
                          ("冷链仓储项目投资协议", "AGREEMENT"), ("东岭省果业协会", "PARTY"), ("会长", "TITLE"),
                          ("丁四", "OFFICIAL"), ("远山果品公司", "PARTY"), ("总经理", "TITLE"), ("戊五", "OFFICIAL"),
                          ("柑橘品牌共建协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-05-09")
    assert len(recs) == 2
    three = next(r for r in recs if len(r.parties) == 3)
    assert _roles(three) == {"丁四": "signatory", "戊五": "signatory"}


# ------------------------------------------------------------------ 8. plans and signings counted


def test_conditions_ripe_about_the_place_not_the_signing_leaves_the_signing():
    text = ("5月8日，东岭区人民政府与远山储能有限公司签署储能基地项目投资协议。"
            "双方将在条件成熟的园区推广储能项目。")
    ents = tag(text, [("东岭区人民政府", "PARTY"), ("远山储能有限公司", "PARTY"), ("储能基地项目投资协议", "AGREEMENT")])
    assert len(build_records(text, ents, "2024-05-09")) == 1


def test_signed_on_the_basis_of_ripe_conditions_is_a_signing():
    text = "5月8日，在各方面条件成熟的基础上，东岭区人民政府与远山储能有限公司正式签署储能基地项目投资协议。"
    ents = tag(text, [("东岭区人民政府", "PARTY"), ("远山储能有限公司", "PARTY"), ("储能基地项目投资协议", "AGREEMENT")])
    assert len(build_records(text, ents, "2024-05-09")) == 1


def test_conditions_ripe_in_the_same_clause_as_a_past_signing_is_a_signing():
    text = "5月8日，东岭区人民政府与远山储能有限公司在条件成熟的基础上签署储能基地项目投资协议。"
    ents = tag(text, [("东岭区人民政府", "PARTY"), ("远山储能有限公司", "PARTY"), ("储能基地项目投资协议", "AGREEMENT")])
    assert len(build_records(text, ents, "2024-05-09")) == 1


def test_a_second_signing_of_a_renewed_agreement_is_a_record():
    # 第二次 before the verb counts the occasion; the signing itself is told
    text = "5月8日，东岭区人民政府与远山储能有限公司第二次签署战略合作协议，合作期限延长五年。"
    ents = tag(text, [("东岭区人民政府", "PARTY"), ("远山储能有限公司", "PARTY"), ("战略合作协议", "AGREEMENT")])
    assert len(build_records(text, ents, "2024-05-09")) == 1


def test_the_nth_agreement_counted_after_the_verb_is_no_new_record():
    text = ("5月8日，东岭区人民政府与远山储能有限公司签署战略合作协议。"
            "这是远山储能有限公司今年与地方政府签订的第二份战略合作协议。")
    ents = tag(text, [("东岭区人民政府", "PARTY"), ("远山储能有限公司", "PARTY"), ("战略合作协议", "AGREEMENT"),
                          ("远山储能有限公司", "PARTY"), ("地方政府", "PARTY"), ("战略合作协议", "AGREEMENT")])
    assert _sides(build_records(text, ents, "2024-05-09")) == [["东岭区人民政府", "远山储能有限公司"]]


# ------------------------------------------------------------------ 9. a project told by a copula


def test_a_copula_after_a_named_company_keeps_that_company_as_the_subject():
    text = ("5月8日，东岭经开区管委会举行项目签约活动。远山汽车股份有限公司与东岭经开区管委会签署《整车基地项目合作协议》。"
            "远山汽车股份有限公司的第二个项目是与青禾电驱有限公司签订的《电驱配套供货合同》。")
    ents = tag(text, [("东岭经开区管委会", "PARTY"), ("远山汽车股份有限公司", "PARTY"), ("东岭经开区管委会", "PARTY"),
                          ("整车基地项目合作协议", "AGREEMENT"), ("远山汽车股份有限公司", "PARTY"), ("青禾电驱有限公司", "PARTY"),
                          ("电驱配套供货合同", "AGREEMENT")])
    recs = build_records(text, ents, "2024-05-09")
    second = next(r for r in recs if r.title == "电驱配套供货合同")
    assert sorted(p.name for p in second.parties) == ["远山汽车股份有限公司", "青禾电驱有限公司"]


@pytest.mark.xfail(strict=True, reason="gap (fails at 4ea0759 too): a company host with a government counterpart "
                                      "is not looked for; the record keeps only the government")
def test_a_copula_naming_a_government_counterpart_is_the_hosts_signing_with_it():
    text = ("5月8日，远山集团有限公司在临江举行项目签约活动。第一个签约项目是与临江市人民政府签订的《新能源产业园合作协议》。")
    ents = tag(text, [("远山集团有限公司", "PARTY"), ("临江市人民政府", "PARTY"), ("新能源产业园合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-05-09")
    assert _sides(recs) == [["临江市人民政府", "远山集团有限公司"]]


# ------------------------------------------------------------------ 10. attending a ceremony told as held


def test_attendees_of_a_second_ceremony_witness_only_its_signings():
    text = ("5月8日上午，临江县招商签约仪式在县城举行。县长甲一出席。\n"
            "仪式上，临江县人民政府与远山果品有限公司签署果品加工项目协议。\n"
            "当天下午，东岭镇农业合作签约仪式在东岭镇举行。副县长乙二出席。\n"
            "仪式上，东岭镇人民政府与青禾冷链物流有限公司签署冷链仓储项目投资协议。\n")
    ents = tag(text, [("县长", "TITLE"), ("甲一", "OFFICIAL"), ("临江县人民政府", "PARTY"), ("远山果品有限公司", "PARTY"),
                          ("果品加工项目协议", "AGREEMENT"), ("副县长", "TITLE"), ("乙二", "OFFICIAL"),
                          ("东岭镇人民政府", "PARTY"), ("青禾冷链物流有限公司", "PARTY"), ("冷链仓储项目投资协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-05-09")
    got = {r.title: _roles(r) for r in recs}
    assert got == {"果品加工项目协议": {"甲一": "witness"}, "冷链仓储项目投资协议": {"乙二": "witness"}}


@pytest.mark.xfail(strict=True, reason="gap (fails at 4ea0759 too): 出席 after a signing makes a witness whatever "
                                      "event was attended")
def test_a_ceremony_to_be_held_is_no_ceremony_told_as_held():
    text = ("5月8日，临江县人民政府与远山果品有限公司签署果品加工项目协议。县长甲一代表县政府签约。"
            "下月，临江县秋季招商签约大会将在县城举行。副县长乙二出席了当天的推介活动。")
    ents = tag(text, [("临江县人民政府", "PARTY"), ("远山果品有限公司", "PARTY"), ("果品加工项目协议", "AGREEMENT"),
                          ("县长", "TITLE"), ("甲一", "OFFICIAL"), ("县政府", "PARTY"), ("副县长", "TITLE"),
                          ("乙二", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-09")
    assert len(recs) == 1 and "乙二" not in _roles(recs[0])


def test_taking_part_respectively_in_the_signing_ceremony_is_attending():
    text = ("5月8日，临江县人民政府与远山果品有限公司签署果品加工项目协议。"
            "县长甲一，副县长乙二分别参加签约仪式。")
    ents = tag(text, [("临江县人民政府", "PARTY"), ("远山果品有限公司", "PARTY"), ("果品加工项目协议", "AGREEMENT"),
                          ("县长", "TITLE"), ("甲一", "OFFICIAL"), ("副县长", "TITLE"), ("乙二", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-09")
    assert len(recs) == 1 and "signatory" not in _roles(recs[0]).values()


# ------------------------------------------------------------------ 11. agreements told above


def test_a_supplement_to_the_agreement_told_above_is_signed_alone():
    text = ("去年5月，临江县人民政府与远山果品有限公司签署果品加工项目协议。"
            "今年5月8日，临江县人民政府与远山果品有限公司签署补充协议。县长甲一代表县政府签署了上述协议的补充协议。")
    ents = tag(text, [("临江县人民政府", "PARTY"), ("远山果品有限公司", "PARTY"), ("果品加工项目协议", "AGREEMENT"),
                          ("临江县人民政府", "PARTY"), ("远山果品有限公司", "PARTY"), ("补充协议", "AGREEMENT"),
                          ("县长", "TITLE"), ("甲一", "OFFICIAL"), ("县政府", "PARTY")])
    recs = build_records(text, ents, "2024-05-09")
    signed = [r.title for r in recs if _roles(r).get("甲一") == "signatory"]
    assert signed == ["补充协议"], [(r.title, _roles(r)) for r in recs]


def test_the_agreements_told_above_counted_as_two_of_three():
    text = ("5月8日，临江县人民政府与远山果品有限公司签署果品加工项目协议。临江县人民政府与青禾冷链物流有限公司签署冷链仓储协议。"
            "临江县人民政府与蓝湾电商有限公司签署电商合作协议。副县长乙二代表县政府签署上述两份协议。")
    ents = tag(text, [("临江县人民政府", "PARTY"), ("远山果品有限公司", "PARTY"), ("果品加工项目协议", "AGREEMENT"),
                          ("临江县人民政府", "PARTY"), ("青禾冷链物流有限公司", "PARTY"), ("冷链仓储协议", "AGREEMENT"),
                          ("临江县人民政府", "PARTY"), ("蓝湾电商有限公司", "PARTY"), ("电商合作协议", "AGREEMENT"),
                          ("副县长", "TITLE"), ("乙二", "OFFICIAL"), ("县政府", "PARTY")])
    recs = build_records(text, ents, "2024-05-09")
    assert sorted(r.title for r in recs if _roles(r).get("乙二") == "signatory") == ["冷链仓储协议", "电商合作协议"]


# ------------------------------------------------------------------ 12. 签约会 / 签约大会


def test_signing_at_the_signing_meeting_is_a_signing():
    from qianyue.rules.officials import signatory_in_clause

    clause = "县长甲一代表县政府与远山集团签署投资协议"
    assert signatory_in_clause(clause, clause.index("甲一") + 2)
    assert not signatory_in_clause("甲一在签约会上说", 2)
    assert not signatory_in_clause("甲一出席签约大会", 2)


def test_signing_at_a_signing_meeting_is_still_told_by_a_later_verb():
    from qianyue.rules.officials import signatory_in_clause

    # 签约会 names the occasion; a person's own 签约 later in the clause is their signing (会见/会谈 are no meeting)
    assert not signatory_in_clause("甲一在签约大会上致辞", 2)
    assert signatory_in_clause("甲一代表县政府在会上签约", 2)


# ------------------------------------------------------------------ 13. pairs joined by 与 / joined agreement names


@pytest.mark.xfail(strict=True, reason="gap: pairs whose partners serve one company sign respectively (pair 1 the "
                                      "first agreement, pair 2 the second); all four go on the last record")
def test_pairs_of_one_company_sign_the_two_agreements_respectively():
    text = ("9月22日，临江省人民政府与远山重工集团有限公司签署全面战略合作协议和产业基金合作协议。"
            "副省长甲一与远山重工集团董事长乙二，省发改委主任丙三与远山重工集团总经理丁四分别在两份协议上签字。")
    ents = tag(text, [
        ("临江省人民政府", "PARTY"), ("远山重工集团有限公司", "PARTY"), ("全面战略合作协议和产业基金合作协议", "AGREEMENT"),
        ("副省长", "TITLE"), ("甲一", "OFFICIAL"), ("远山重工集团", "PARTY"), ("董事长", "TITLE"), ("乙二", "OFFICIAL"),
        ("省发改委", "PARTY"), ("主任", "TITLE"), ("丙三", "OFFICIAL"), ("远山重工集团", "PARTY"), ("总经理", "TITLE"),
        ("丁四", "OFFICIAL")])
    recs = build_records(text, ents, "2023-09-23")
    got = {r.title: sorted(n for n, role in _roles(r).items() if role == "signatory") for r in recs}
    assert got == {"全面战略合作协议": ["乙二", "甲一"], "产业基金合作协议": ["丁四", "丙三"]}


@pytest.mark.xfail(strict=True, reason="a pair whose first person is of a department (省发改委主任丙三与远山…总经理丁四) "
                   "makes a record of the department and the company; the clause-opening rule that avoided it also "
                   "broke 副主席甲与A公司…，副主席丙与B公司…分别代表双方签约 (blind dev), so it opens only on 与 itself; "
                   "wrong at 4ea0759 too")
def test_the_first_of_a_pair_keeps_a_single_agreement_when_there_is_one():
    # one agreement: the pair rule needs two records and leaves everyone a signer of it
    text = ("9月22日，临江省人民政府与远山重工集团有限公司签署全面战略合作协议。"
            "副省长甲一与远山重工集团董事长乙二，省发改委主任丙三与远山重工集团总经理丁四分别在协议上签字。")
    ents = tag(text, [
        ("临江省人民政府", "PARTY"), ("远山重工集团有限公司", "PARTY"), ("全面战略合作协议", "AGREEMENT"),
        ("副省长", "TITLE"), ("甲一", "OFFICIAL"), ("远山重工集团", "PARTY"), ("董事长", "TITLE"), ("乙二", "OFFICIAL"),
        ("省发改委", "PARTY"), ("主任", "TITLE"), ("丙三", "OFFICIAL"), ("远山重工集团", "PARTY"), ("总经理", "TITLE"),
        ("丁四", "OFFICIAL")])
    recs = build_records(text, ents, "2023-09-23")
    assert len(recs) == 1
    assert _roles(recs[0]) == {n: "signatory" for n in ("甲一", "乙二", "丙三", "丁四")}


def test_an_agreement_name_with_he_inside_is_one_agreement():
    from qianyue.rules.agreements import _split_joined_agreements

    for name in ("产学研和人才合作协议", "关于落实合作协议和投资合同的备忘录", "《战略合作协议和补充协议》"):
        text = f"双方签署{name}。"
        e = _span(text, name, "AGREEMENT")
        assert [x.text for x in _split_joined_agreements(text, [e])] == [name], name
    text = "双方签署全面战略合作协议及产业基金合作协议。"
    e = _span(text, "全面战略合作协议及产业基金合作协议", "AGREEMENT")
    assert [x.text for x in _split_joined_agreements(text, [e])] == ["全面战略合作协议", "产业基金合作协议"]


@pytest.mark.xfail(strict=True, reason="gap (fails at 4ea0759 too): a 分别签字 list whose people are joined by 和 within "
                                      "each side makes a record between the two companies the signers serve")
def test_signers_joined_by_he_within_each_side_make_no_record_between_the_companies():
    text = ("5月8日，临江县人民政府分别与远山果品有限公司、青禾冷链物流有限公司签署果品加工协议和冷链仓储协议。"
            "县长甲一和副县长乙二，远山果品董事长丙三和青禾冷链总经理丁四分别签字。")
    ents = tag(text, [
        ("临江县人民政府", "PARTY"), ("远山果品有限公司", "PARTY"), ("青禾冷链物流有限公司", "PARTY"),
        ("果品加工协议和冷链仓储协议", "AGREEMENT"), ("县长", "TITLE"), ("甲一", "OFFICIAL"), ("副县长", "TITLE"),
        ("乙二", "OFFICIAL"), ("远山果品", "PARTY"), ("董事长", "TITLE"), ("丙三", "OFFICIAL"), ("青禾冷链", "PARTY"),
        ("总经理", "TITLE"), ("丁四", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-09")
    # the joined agreement name is split (round 10), one per counterpart; the signers' list adds no signing
    assert sorted((r.title, tuple(sorted(p.name for p in r.parties))) for r in recs) == [
        ("冷链仓储协议", ("临江县人民政府", "青禾冷链物流有限公司")), ("果品加工协议", ("临江县人民政府", "远山果品有限公司"))]
