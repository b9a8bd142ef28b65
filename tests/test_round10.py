"""Round 10: what a user of the corpus path is told, and the record rules written this round (sentences of our own)."""
from __future__ import annotations

import json

from conftest import span as _span
from conftest import tag
from qianyue.results import ArticleResult
from qianyue.rules import build_records


def _sides(recs):
    return [sorted(p.name for p in r.parties) for r in recs]


class _Echo:
    """A stand-in extractor: each article comes back with its own date, no model needed."""

    def extract_articles(self, articles):
        return [ArticleResult(a.source, a.published, a.title, a.text) for a in articles]


def _corpus(tmp_path, dates):
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": "昨日，甲市人民政府与乙集团签署战略合作协议。",
                                        "published": d}, ensure_ascii=False) + "\n" for i, d in enumerate(dates)),
                    encoding="utf-8")
    return path


def test_corpus_record_with_a_date_that_is_no_date_is_read_and_reported(tmp_path, capsys):
    from qianyue.predict_run import run_predict

    corpus = _corpus(tmp_path, ["2023-13-45", "2023-06-02", "yesterday", None])
    out = tmp_path / "out.jsonl"
    assert run_predict(_Echo(), [str(corpus)], output=out, quiet=True) == 0  # no failure: every record is read
    dates = [json.loads(line)["published"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert dates == [None, "2023-06-02", None, None]
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"qianyue: {corpus}#r0: \"published\" '2023-13-45' is not a date; the record is read without it"
    assert err[1].startswith("qianyue: 2 corpus records have a \"published\" that is not a date") and "#r0" in err[1]
    assert len(err) == 2  # a missing date is no problem, and each bad one is not a line of its own


def test_bad_date_report_counts_only_the_shard_and_yields_to_an_override(tmp_path, capsys):
    from qianyue.predict_run import run_predict

    corpus = _corpus(tmp_path, ["2023-13-45", "2023-06-02", "yesterday", "2023-06-03"])
    run_predict(_Echo(), [str(corpus)], output=tmp_path / "a.jsonl", quiet=True, shard=(1, 2))
    assert capsys.readouterr().err == ""  # records r1 and r3: both dates readable
    run_predict(_Echo(), [str(corpus)], output=tmp_path / "b.jsonl", quiet=True, shard=(0, 2))
    assert capsys.readouterr().err.count("is not a date") == 2  # r0 at once, then the count (r0 and r2)
    run_predict(_Echo(), [str(corpus)], output=tmp_path / "c.jsonl", quiet=True, published_override="2024-01-02")
    assert capsys.readouterr().err == ""  # the record's own date is not used, so it is not reported


def test_an_option_out_of_range_is_one_plain_error_line(tmp_path):
    from typer.testing import CliRunner

    from qianyue.cli import app

    res = CliRunner().invoke(app, ["predict", str(tmp_path / "a.txt"), "--batch-size", "0"])
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert lines[-1].startswith("Error: Invalid value for '--batch-size'")  # the message names the option
    assert not any(ch in res.output for ch in "╭│╰")  # no box drawn around it (grep and logs read it whole)


# ---------------------------------------------------------------------------------------------- record rules


def test_a_clause_opening_on_the_joiner_lists_only_counterparts_even_with_he_before_the_last():
    # the subject is told in the clause before; 和 before the last counterpart ends the list, it pairs no one
    text = ("5月8日，东岭新区管理委员会在临江举行项目签约仪式，分别与远山银行临江分行、青禾通信有限公司和"
            "蓝湾设计院有限公司签署合作协议。")
    names = ["东岭新区管理委员会", "远山银行临江分行", "青禾通信有限公司", "蓝湾设计院有限公司"]
    ents = [_span(text, n) for n in names] + [_span(text, "合作协议", "AGREEMENT")]
    assert sorted(_sides(build_records(text, ents, "2024-05-09"))) == [
        ["东岭新区管理委员会", "蓝湾设计院有限公司"], ["东岭新区管理委员会", "远山银行临江分行"],
        ["东岭新区管理委员会", "青禾通信有限公司"]]
    # 和 between two names before the joiner still joins the subject's list (甲和乙分别与丙签署)
    text2 = "远山银行和青禾通信有限公司分别与东岭新区管理委员会签署合作协议。"
    ents2 = [_span(text2, n) for n in ("远山银行", "青禾通信有限公司", "东岭新区管理委员会")]
    assert sorted(_sides(build_records(text2, ents2, "2024-05-09"))) == [
        ["东岭新区管理委员会", "远山银行"], ["东岭新区管理委员会", "青禾通信有限公司"]]


def _amounts(rec):
    return [a.value for a in rec.amounts]


def test_a_total_told_twice_is_one_amount_of_each_record():
    text = ("东岭区集中签约3个项目 总投资达26亿元\n"
            "5月8日，东岭区举行重点项目集中签约活动，现场签约项目3个，总投资达26亿元。"
            "东岭区人民政府与远山储能有限公司签署储能基地项目，投资15亿元；与青禾食品有限公司签署食品工厂项目，"
            "投资6亿元；与蓝湾物流有限公司签署冷链中心项目，投资5亿元。")
    ents = [_span(text, "26亿元", "AMOUNT"), _span(text, "26亿元", "AMOUNT", nth=1)]
    ents += [_span(text, n) for n in ("东岭区人民政府", "远山储能有限公司", "青禾食品有限公司", "蓝湾物流有限公司")]
    ents += [_span(text, m, "AMOUNT") for m in ("15亿元", "6亿元", "5亿元")]
    recs = build_records(text, sorted(ents, key=lambda e: e.start), "2024-05-09")
    assert len(recs) == 3
    for rec in recs:
        assert _amounts(rec).count(2.6e9) == 1, _amounts(rec)
    # two figures of one value but of different kinds stay two (投资 and 年产值)
    text2 = "东岭区人民政府与远山储能有限公司签署投资协议，项目投资10亿元，达产后年产值10亿元。"
    ents2 = [_span(text2, "东岭区人民政府"), _span(text2, "远山储能有限公司"), _span(text2, "10亿元", "AMOUNT"),
             _span(text2, "10亿元", "AMOUNT", nth=1)]
    assert _amounts(build_records(text2, ents2, "2024-05-09")[0]) == [1e9, 1e9]


def test_a_span_of_months_leading_a_clause_is_a_period_tally_not_the_signing_money():
    text = ("5月8日，东岭区人民政府与远山储能有限公司签署储能基地项目投资协议，项目投资15亿元。"
            "副区长李明代表区政府与企业负责人签约。今年1至4月，东岭区新签约项目32个，合同投资额超过200亿元。")
    ents = [_span(text, n) for n in ("东岭区人民政府", "远山储能有限公司")] + \
        [_span(text, m, "AMOUNT") for m in ("15亿元", "200亿元")] + [_span(text, "李明", "OFFICIAL")]
    recs = build_records(text, sorted(ents, key=lambda e: e.start), "2024-05-09")
    assert [_amounts(r) for r in recs] == [[1.5e9]]
    # a schedule in months is no tally: the project's money stays
    text2 = "东岭区人民政府与远山储能有限公司签署投资协议，项目将于6至9月建设，总投资15亿元。"
    ents2 = [_span(text2, "东岭区人民政府"), _span(text2, "远山储能有限公司"), _span(text2, "15亿元", "AMOUNT")]
    assert _amounts(build_records(text2, ents2, "2024-05-09")[0]) == [1.5e9]


def test_a_count_of_big_groups_in_a_headline_is_no_side():
    text = ("临江省政府与两大集团签署战略合作协议\n"
            "5月8日，临江省人民政府分别与远山重工集团有限公司、青禾粮油集团有限公司签署战略合作协议。")
    names = ["临江省政府", "两大集团", "临江省人民政府", "远山重工集团有限公司", "青禾粮油集团有限公司"]
    ents = [_span(text, n) for n in names]
    recs = build_records(text, ents, "2024-05-09")
    assert sorted(_sides(recs)) == [["临江省人民政府", "远山重工集团有限公司"], ["临江省人民政府", "青禾粮油集团有限公司"]]
    # a place whose name starts with a number and 大 is a name
    from qianyue.rules.agreements import _is_counted_group
    text2 = "五大连池市人民政府与远山重工集团有限公司签约。"
    assert not _is_counted_group(text2, _span(text2, "五大连池市人民政府"))


def test_the_unit_of_a_second_post_after_jian_is_no_side():
    text = ("临江省卫生健康委员会与远山人寿保险股份有限公司共同签署合作协议。省卫健委副主任甲乙，"
            "远山人寿副总经理兼临江分公司总经理丙丁分别代表双方签约。")
    ents = [_span(text, "临江省卫生健康委员会"), _span(text, "远山人寿保险股份有限公司"),
            _span(text, "合作协议", "AGREEMENT"), _span(text, "省卫健委"), _span(text, "副主任", "TITLE"),
            _span(text, "甲乙", "OFFICIAL"), _span(text, "远山人寿", nth=1), _span(text, "副总经理", "TITLE"),
            _span(text, "临江分公司"), _span(text, "总经理", "TITLE", nth=1), _span(text, "丙丁", "OFFICIAL")]
    recs = build_records(text, sorted(ents, key=lambda e: e.start), "2024-05-09")
    assert _sides(recs) == [["临江省卫生健康委员会", "远山人寿保险股份有限公司"]]
    assert {o.name: o.role for o in recs[0].officials} == {"甲乙": "signatory", "丙丁": "signatory"}


def test_signers_listed_after_a_three_sided_signing_sign_their_own_and_the_headline_is_no_record():
    # an older site's half-width punctuation; the headline names the association by a short form and counts the rest
    text = ("临江县与省果业协会及两家企业签约\n"
            "2023年5月8日,临江县柑橘产业合作签约仪式在县城举行.\n"
            "签约仪式上,临江县人民政府、东岭省高原果业产业协会与远山果品电子商务有限公司三方签署《临江柑橘品牌共建协议》,"
            "三方将统一品牌标识.\n"
            "临江县人民政府还与青禾冷链物流有限公司签署冷链仓储项目投资协议,项目总投资近2亿元.\n"
            "县委副书记、县长丙三代表县政府签署冷链仓储项目投资协议.东岭省高原果业产业协会会长丁四,远山果品公司总经理戊五,"
            "青禾冷链董事长己六分别参与签约.\n")
    ents = tag(text, [
        ("临江县", "PARTY"), ("省果业协会", "PARTY"), ("临江县人民政府", "PARTY"), ("东岭省高原果业产业协会", "PARTY"),
        ("远山果品电子商务有限公司", "PARTY"), ("临江柑橘品牌共建协议", "AGREEMENT"), ("临江县人民政府", "PARTY"),
        ("青禾冷链物流有限公司", "PARTY"), ("冷链仓储项目投资协议", "AGREEMENT"), ("2亿元", "AMOUNT"),
        ("县委副书记", "TITLE"), ("县长", "TITLE"), ("丙三", "OFFICIAL"), ("县政府", "PARTY"),
        ("冷链仓储项目投资协议", "AGREEMENT"), ("东岭省高原果业产业协会", "PARTY"), ("会长", "TITLE"),
        ("丁四", "OFFICIAL"), ("远山果品公司", "PARTY"), ("总经理", "TITLE"), ("戊五", "OFFICIAL"),
        ("青禾冷链", "PARTY"), ("董事长", "TITLE"), ("己六", "OFFICIAL")])
    from qianyue.results import Entity
    full_stops = [ents, [Entity(e.label, e.text, e.start, e.end, e.score) for e in ents]]
    for text, ents in ((text, full_stops[0]), (text.replace(".", "。"), full_stops[1])):  # (both punctuations)
        recs = build_records(text, ents, "2023-05-09")
        assert sorted(_sides(recs)) == [["东岭省高原果业产业协会", "临江县人民政府", "远山果品电子商务有限公司"],
                                        ["临江县人民政府", "青禾冷链物流有限公司"]]
        signers = {r.title: {o.name for o in r.officials if o.role == "signatory"} for r in recs}
        assert signers == {"临江柑橘品牌共建协议": {"丁四", "戊五"}, "冷链仓储项目投资协议": {"丙三", "己六"}}


def test_people_attending_a_ceremony_told_as_held_witness_every_signing_of_it():
    # the ceremony is told as held, then who attended (an old site's half-width full stops), then two signings
    for stop in (".", "。"):
        text = (f"2023年5月8日,临江县招商签约仪式在县城举行{stop}东岭州副州长甲一,临江县委书记乙二出席{stop}\n"
                f"仪式上,临江县人民政府与远山果品有限公司签署果品加工项目协议{stop}"
                f"临江县人民政府还与青禾冷链物流有限公司签署冷链仓储项目投资协议{stop}\n")
        ents = tag(text, [
            ("东岭州", "PARTY"), ("副州长", "TITLE"), ("甲一", "OFFICIAL"), ("临江县委书记", "TITLE"), ("乙二", "OFFICIAL"),
            ("临江县人民政府", "PARTY"), ("远山果品有限公司", "PARTY"), ("果品加工项目协议", "AGREEMENT"),
            ("临江县人民政府", "PARTY"), ("青禾冷链物流有限公司", "PARTY"), ("冷链仓储项目投资协议", "AGREEMENT")])
        recs = build_records(text, ents, "2023-05-09")
        assert len(recs) == 2
        for r in recs:
            assert {o.name: o.role for o in r.officials} == {"甲一": "witness", "乙二": "witness"}, (stop, r.title)


def test_a_city_government_in_a_shorter_record_is_no_short_form_of_its_districts():
    from qianyue.rules.agreements import _same_sides

    # (the characters line up, one is a subsequence of the other; the places differ)
    assert not _same_sides({"临江市人民政府", "省国资委"}, {"临江市东岭区人民政府", "省国资委", "远山集团"})
    assert _same_sides({"临江市政府", "省国资委"}, {"临江市人民政府", "省国资委", "远山集团"})


def test_a_signing_left_until_conditions_are_ripe_is_no_record():
    text = ("临江区与东岭材料研究院座谈科技合作\n"
            "4月9日，东岭材料研究院院长甲乙一行到临江区，与临江区人民政府座谈。双方初步商定共建中试基地，"
            "并责成相关部门起草合作协议文本，条件成熟后正式签署。")
    ents = [_span(text, "临江区"), _span(text, "东岭材料研究院"), _span(text, "东岭材料研究院", nth=1),
            _span(text, "临江区", nth=1), _span(text, "临江区人民政府")]
    assert build_records(text, sorted(ents, key=lambda e: e.start), "2024-04-10") == []


def test_the_signing_told_again_as_the_nth_of_its_kind_is_no_second_record():
    text = ("昨日，我校与东岭县人民政府校地合作协议签约仪式在东岭县举行。副校长甲乙与县长丙丁分别代表双方签约。"
            "这是临江农业学院今年与县级政府签订的第三份合作协议。")
    ents = [_span(text, "我校"), _span(text, "东岭县人民政府"), _span(text, "校地合作协议", "AGREEMENT"),
            _span(text, "副校长", "TITLE"), _span(text, "甲乙", "OFFICIAL"), _span(text, "县长", "TITLE"),
            _span(text, "丙丁", "OFFICIAL"), _span(text, "临江农业学院"), _span(text, "县级政府"),
            _span(text, "合作协议", "AGREEMENT", nth=1)]
    recs = build_records(text, sorted(ents, key=lambda e: e.start), "2024-04-10")
    assert len(recs) == 1 and "县级政府" not in [p.name for p in recs[0].parties]


def test_a_project_told_by_a_copula_as_signed_with_a_company_is_the_hosts_signing():
    text = ("5月8日，东岭经开区管委会举行项目签约活动。远山汽车股份有限公司与东岭经开区管委会签署《整车基地项目合作协议》。"
            "青禾电驱有限公司与管委会签署电驱工厂投资协议。第三个签约项目是与蓝湾设计研究院有限公司签订的"
            "《测试示范区规划设计合作协议》，由管委会副主任甲乙与设计院院长丙丁签署。")
    ents = tag(text, [
        ("东岭经开区管委会", "PARTY"), ("远山汽车股份有限公司", "PARTY"), ("东岭经开区管委会", "PARTY"),
        ("整车基地项目合作协议", "AGREEMENT"), ("青禾电驱有限公司", "PARTY"), ("管委会", "PARTY"),
        ("电驱工厂投资协议", "AGREEMENT"), ("蓝湾设计研究院有限公司", "PARTY"), ("测试示范区规划设计合作协议", "AGREEMENT"),
        ("管委会副主任", "TITLE"), ("甲乙", "OFFICIAL"), ("设计院", "PARTY"), ("院长", "TITLE"), ("丙丁", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-09")
    third = next(r for r in recs if r.title == "测试示范区规划设计合作协议")
    assert sorted(p.name for p in third.parties) == ["东岭经开区管委会", "蓝湾设计研究院有限公司"]
    assert len(recs) == 3


def test_a_signer_of_the_agreements_told_above_signs_as_many_as_counted():
    text = ("5月8日，临江县人民政府与远山果品有限公司签署果品加工项目协议。临江县人民政府还与青禾冷链物流有限公司"
            "签署冷链仓储项目投资协议。县长丙三代表县政府签署上述两份协议。")
    ents = tag(text, [
        ("临江县人民政府", "PARTY"), ("远山果品有限公司", "PARTY"), ("果品加工项目协议", "AGREEMENT"),
        ("临江县人民政府", "PARTY"), ("青禾冷链物流有限公司", "PARTY"), ("冷链仓储项目投资协议", "AGREEMENT"),
        ("县长", "TITLE"), ("丙三", "OFFICIAL"), ("县政府", "PARTY")])
    recs = build_records(text, ents, "2023-05-09")
    assert [{o.name: o.role for o in r.officials} for r in recs] == [{"丙三": "signatory"}] * 2


def test_speaking_at_the_signing_meeting_is_no_signing():
    text = ("2月24日，临江县新春招商项目集中签约会在县会议中心举行。\n"
            "县长甲一，常务副县长乙二出席签约会。\n"
            "临江县人民政府与远山电子有限公司签约智能终端项目。临江县人民政府与青禾果业有限公司签约果品加工项目。\n"
            "甲一在签约会上说，要确保签约项目尽快落地。\n")
    ents = tag(text, [("县长", "TITLE"), ("甲一", "OFFICIAL"), ("常务副县长", "TITLE"), ("乙二", "OFFICIAL"),
                          ("临江县人民政府", "PARTY"), ("远山电子有限公司", "PARTY"), ("临江县人民政府", "PARTY"),
                          ("青禾果业有限公司", "PARTY"), ("甲一", "OFFICIAL")])
    recs = build_records(text, ents, "2023-02-25")
    assert len(recs) == 2
    for r in recs:
        assert {o.name: o.role for o in r.officials} == {"甲一": "witness", "乙二": "witness"}


def test_pairs_of_signers_joined_by_yu_each_sign_their_partners_agreement():
    text = ("9月22日，临江省人民政府分别与远山重工集团有限公司、青禾粮油集团有限公司签署全面战略合作协议和粮食产业合作协议。"
            "副省长甲一与远山重工集团董事长乙二，副省长丙三与青禾粮油集团总经理丁四分别在协议上签字。")
    ents = tag(text, [
        ("临江省人民政府", "PARTY"), ("远山重工集团有限公司", "PARTY"), ("青禾粮油集团有限公司", "PARTY"),
        ("全面战略合作协议和粮食产业合作协议", "AGREEMENT"), ("副省长", "TITLE"), ("甲一", "OFFICIAL"),
        ("远山重工集团", "PARTY"), ("董事长", "TITLE"), ("乙二", "OFFICIAL"), ("副省长", "TITLE"), ("丙三", "OFFICIAL"),
        ("青禾粮油集团", "PARTY"), ("总经理", "TITLE"), ("丁四", "OFFICIAL")])
    recs = build_records(text, ents, "2023-09-23")
    got = {(r.title, tuple(sorted(p.name for p in r.parties))): sorted(o.name for o in r.officials) for r in recs}
    assert got == {("全面战略合作协议", ("临江省人民政府", "远山重工集团有限公司")): ["乙二", "甲一"],
                   ("粮食产业合作协议", ("临江省人民政府", "青禾粮油集团有限公司")): ["丁四", "丙三"]}


def test_a_parents_words_before_a_subsidiarys_name_are_no_part_of_it():
    from qianyue.rules.agreements import _repair_parties

    text = "仪式上，集团公司所属子公司远山冷链物流有限公司与东岭综合保税区管理委员会签署了投资协议。"
    fixed = _repair_parties(text, [_span(text, "集团公司所属子公司远山冷链物流有限公司"),
                                   _span(text, "东岭综合保税区管理委员会")])
    assert [e.text for e in fixed if e.label == "PARTY"] == ["远山冷链物流有限公司", "东岭综合保税区管理委员会"]
    # a count of subsidiaries is no side either (两个项目协议由…与两家子公司负责人签署)
    text2 = "两个项目投资协议由管委会副主任甲乙与两家子公司负责人签署。"
    assert [e.text for e in _repair_parties(text2, [_span(text2, "子公司")]) if e.label == "PARTY"] == []
    # a name that only starts with the word is kept (子公司 alone, or too short a rest)
    text3 = "子公司甲乙与东岭县签约。"
    assert [e.text for e in _repair_parties(text3, [_span(text3, "子公司甲乙")])] == ["子公司甲乙"]


def test_a_signing_left_to_a_fitting_time_is_a_plan():
    for when in ("适时", "择机"):
        text = (f"5月7日，临江省省长甲乙会见了远山电力集团总经理丙丁一行。双方商定，将在下一步工作对接的基础上，"
                f"{when}签署新一轮战略合作框架协议。")
        ents = tag(text, [("临江省", "PARTY"), ("省长", "TITLE"), ("甲乙", "OFFICIAL"), ("远山电力集团", "PARTY"),
                          ("总经理", "TITLE"), ("丙丁", "OFFICIAL"), ("战略合作框架协议", "AGREEMENT")])
        assert build_records(text, ents, "2024-05-08") == [], when


def test_a_word_of_a_name_plans_no_signing():
    # 促进会 holds 促进 and 新希望 holds 希望, words that before a verb make a signing a plan
    for name in ("东岭汽车新能源产业促进会", "新希望远山集团有限公司"):
        text = f"今天上午，临江市人民政府与{name}在临江签订新能源汽车产业链战略合作协议。"
        ents = tag(text, [("临江市人民政府", "PARTY"), (name, "PARTY"), ("新能源汽车产业链战略合作协议", "AGREEMENT")])
        recs = build_records(text, ents, "2024-03-27")
        assert _sides(recs) == [sorted(["临江市人民政府", name])], name
    # the words outside a name still plan: 将促进…签约 is not done
    text = "临江市人民政府与远山集团有限公司表示，将积极促进项目早日签约。"
    ents = tag(text, [("临江市人民政府", "PARTY"), ("远山集团有限公司", "PARTY")])
    assert build_records(text, ents, "2024-03-27") == []


def test_a_list_of_signings_one_a_line_cut_by_the_saved_page_keeps_the_cut_signings_first_side():
    text = ("东岭市招商大会举行 集中签约项目6个\n"
            "大会集中签约产业项目6个，总投资逾86亿元。集中签约的重点项目包括：\n"
            "甲区与远山光电科技有限公司签约，建设显示模组生产基地，投资42亿元；\n"
            "乙区与青禾环保装备有限公司签约，建设环保装备产业园，投资8.5亿元；\n"
            "丙区与重庆")
    ents = tag(text, [("甲区", "PARTY"), ("远山光电科技有限公司", "PARTY"), ("42亿元", "AMOUNT"),
                      ("乙区", "PARTY"), ("青禾环保装备有限公司", "PARTY"), ("8.5亿元", "AMOUNT"),
                      ("丙区", "PARTY"), ("重庆", "PARTY")])
    recs = build_records(text, ents, "2024-03-29")
    assert ["丙区"] in _sides(recs)  # the side the page kept; 重庆 is where the cut fell in a name
    assert len(recs) == 6  # (the fair's count: three told, three more counted)


def test_pairs_of_signers_of_two_companies_signing_for_both_sides_keep_both_records():
    text = ("省政府与两家央企签署战略合作协议\n"
            "今天上午,江西省人民政府在东岭分别与远山建设集团总公司、青禾电气装备集团公司签署战略合作协议.\n"
            "副省长甲一与远山建设集团总公司副总经理乙二,副省长丙三与青禾电气装备集团公司总经理助理丁四分别代表双方签约.")
    ents = tag(text, [
        ("省政府", "PARTY"), ("两家央企", "PARTY"), ("战略合作协议", "AGREEMENT"),
        ("江西省人民政府", "PARTY"), ("远山建设集团总公司", "PARTY"), ("青禾电气装备集团公司", "PARTY"),
        ("战略合作协议", "AGREEMENT"), ("副省长", "TITLE"), ("甲一", "OFFICIAL"), ("远山建设集团总公司", "PARTY"),
        ("副总经理", "TITLE"), ("乙二", "OFFICIAL"), ("副省长", "TITLE"), ("丙三", "OFFICIAL"),
        ("青禾电气装备集团公司", "PARTY"), ("总经理助理", "TITLE"), ("丁四", "OFFICIAL")])
    recs = build_records(text, ents, "2011-03-16")
    assert sorted(_sides(recs)) == [["江西省人民政府", "远山建设集团总公司"], ["江西省人民政府", "青禾电气装备集团公司"]]


def test_a_parent_with_suo_shu_before_a_whole_name_and_a_city_before_its_districts_government():
    from qianyue.rules.agreements import _repair_parties

    text = "仪式上，临江市东岭区人民政府与远山钢铁集团所属远山精密板材有限公司签署《板材深加工项目合作协议》。"
    # the tagger's spans: the city and the district's government split, the parent's 所属 cut into its own span
    ents = [_span(text, "临江市"), _span(text, "东岭区人民政府"), _span(text, "远山钢铁集团所"),
            _span(text, "远山精密板材有限公司"), _span(text, "板材深加工项目合作协议", "AGREEMENT")]
    fixed = [e.text for e in _repair_parties(text, ents) if e.label == "PARTY"]
    assert fixed[0] == "临江市东岭区人民政府" and "远山精密板材有限公司" in fixed
    assert _sides(build_records(text, ents, "2016-09-09")) == [["临江市东岭区人民政府", "远山精密板材有限公司"]]
    # a city and a county that are two sides, with a joiner between them, stay two
    text2 = "临江市与东岭县人民政府签约。"
    ents2 = [_span(text2, "临江市"), _span(text2, "东岭县人民政府")]
    assert [e.text for e in _repair_parties(text2, ents2)] == ["临江市", "东岭县人民政府"]


def test_a_count_written_after_a_place_is_a_count():
    from qianyue.rules.agreements import _is_counted_group

    text = "临江医院与东岭县三家乡镇卫生院签订对口帮扶协议"
    assert _is_counted_group(text, _span(text, "东岭县三家乡镇卫生院"))
    text2 = "东岭市两大集团签约"
    assert _is_counted_group(text2, _span(text2, "东岭市两大集团"))
    # a name holding a number after its place is a name (东岭县三星电子有限公司)
    text3 = "东岭县三星电子有限公司签约"
    assert not _is_counted_group(text3, _span(text3, "东岭县三星电子有限公司"))


def test_a_headline_and_the_bodys_one_three_sided_signing_of_the_same_sides_are_one():
    text = ("省交通运输厅与远山路桥集团、青禾银行签订高速公路建设三方合作协议\n"
            "昨日，东岭省交通运输厅、远山路桥建设集团有限公司与青禾银行股份有限公司在东岭签订《沿江高速公路PPP项目三方合作协议》。")
    ents = tag(text, [("省交通运输厅", "PARTY"), ("远山路桥集团", "PARTY"), ("青禾银行", "PARTY"),
                      ("高速公路建设三方合作协议", "AGREEMENT"), ("东岭省交通运输厅", "PARTY"),
                      ("远山路桥建设集团有限公司", "PARTY"), ("青禾银行股份有限公司", "PARTY"),
                      ("沿江高速公路PPP项目三方合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2018-03-14")
    assert [r.title for r in recs] == ["沿江高速公路PPP项目三方合作协议"]


def test_names_given_in_turn_to_counterparts_each_with_its_signer_make_one_record_each():
    text = ("副省长马一分别与远山硅材料有限公司董事长张二、青禾碳纤维科技有限公司总经理刘三、蓝湾新能源材料集团有限公司副总裁康四"
            "签署了《多晶硅项目投资协议》《碳纤维项目投资协议》《负极材料项目投资协议》。")
    ents = tag(text, [("副省长", "TITLE"), ("马一", "OFFICIAL"), ("远山硅材料有限公司", "PARTY"), ("董事长", "TITLE"),
                      ("张二", "OFFICIAL"), ("青禾碳纤维科技有限公司", "PARTY"), ("总经理", "TITLE"), ("刘三", "OFFICIAL"),
                      ("蓝湾新能源材料集团有限公司", "PARTY"), ("副总裁", "TITLE"), ("康四", "OFFICIAL"),
                      ("多晶硅项目投资协议", "AGREEMENT"), ("碳纤维项目投资协议", "AGREEMENT"), ("负极材料项目投资协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-09-06")
    assert [(r.title, [p.name for p in r.parties]) for r in recs] == [
        ("多晶硅项目投资协议", ["远山硅材料有限公司"]), ("碳纤维项目投资协议", ["青禾碳纤维科技有限公司"]),
        ("负极材料项目投资协议", ["蓝湾新能源材料集团有限公司"])]


def test_a_company_span_run_past_its_legal_name_into_what_it_builds_is_cut_there():
    from qianyue.rules.agreements import _trim_overlong

    for text, tagged, kept in (
            ("今天上午，我校与远山氢源科技有限公司共建氢能联合研究院签约仪式在科学会堂举行。",
             "远山氢源科技有限公司共建氢能联合研究院", "远山氢源科技有限公司"),
            ("7月8日上午，我县与青禾食品股份有限公司食品产业园项目签约仪式在县行政中心举行。",
             "青禾食品股份有限公司食品产业园", "青禾食品股份有限公司")):
        assert [e.text for e in _trim_overlong(text, [_span(text, tagged)])] == [kept]
    # a branch or a unit of the company is its own name
    text = "东岭县与远山科技有限公司东岭分公司签约。"
    assert [e.text for e in _trim_overlong(text, [_span(text, "远山科技有限公司东岭分公司")])] == ["远山科技有限公司东岭分公司"]


def test_an_agreement_name_split_after_its_latin_head_is_one_name():
    from qianyue.rules.agreements import _join_split_agreement_names

    text = "我县与远山光伏签订200MW农光互补项目投资协议"
    ents = [_span(text, "我县"), _span(text, "远山光伏"), _span(text, "MW", "AGREEMENT"),
            _span(text, "农光互补项目投资协议", "AGREEMENT")]
    assert [(e.label, e.text) for e in _join_split_agreement_names(text, ents)] == [
        ("PARTY", "我县"), ("PARTY", "远山光伏"), ("AGREEMENT", "200MW农光互补项目投资协议")]
    # two names side by side in Chinese stay two (《X》《Y》 is read elsewhere)
    text2 = "签署战略合作协议投资协议"
    ents2 = [_span(text2, "战略合作协议", "AGREEMENT"), _span(text2, "投资协议", "AGREEMENT")]
    assert len(_join_split_agreement_names(text2, ents2)) == 2


def test_signings_listed_after_a_colon_of_a_clause_that_already_signs_are_one_a_clause():
    text = ("东岭开发区管理委员会主任周一分别与三家企业代表签约：与远山半导体有限公司签署《芯片封测项目投资协议》，"
            "与青禾重工集团有限公司签署《海工装备基地合作协议》，与蓝湾精密机械有限公司签署《传动部件项目投资协议》。")
    ents = tag(text, [("东岭开发区管理委员会", "PARTY"), ("主任", "TITLE"), ("周一", "OFFICIAL"),
                      ("远山半导体有限公司", "PARTY"), ("芯片封测项目投资协议", "AGREEMENT"),
                      ("青禾重工集团有限公司", "PARTY"), ("海工装备基地合作协议", "AGREEMENT"),
                      ("蓝湾精密机械有限公司", "PARTY"), ("传动部件项目投资协议", "AGREEMENT")])
    recs = build_records(text, ents, "2022-04-28")
    assert [(r.title, sorted(p.name for p in r.parties)) for r in recs] == [
        ("芯片封测项目投资协议", ["东岭开发区管理委员会", "远山半导体有限公司"]),
        ("海工装备基地合作协议", ["东岭开发区管理委员会", "青禾重工集团有限公司"]),
        ("传动部件项目投资协议", ["东岭开发区管理委员会", "蓝湾精密机械有限公司"])]


def test_extract_many_refuses_a_batch_size_below_one():
    import pytest

    from qianyue import AgreementExtractor

    extractor = AgreementExtractor.__new__(AgreementExtractor)  # the check comes before any model is used
    for bad in (0, -1, 2.5, True):
        with pytest.raises(ValueError, match="batch_size"):
            list(extractor.extract_many(["甲市人民政府与乙公司签约。"], batch_size=bad))


def test_resume_keeps_every_whole_line_and_says_what_it_does_again(tmp_path, capsys):
    from qianyue.predict_run import done_sources

    out = tmp_path / "out.jsonl"
    good = [json.dumps({"source": f"/x/a{i}.txt", "agreements": []}) + "\n" for i in range(3)]
    # a whole line that is no result in the middle (hand-edited), and a last line cut off by an interrupted run
    out.write_text(good[0] + "not json\n" + good[1] + good[2] + '{"source": "/x/a3.t', encoding="utf-8")
    done = done_sources(out)
    assert sorted(done) == ["/x/a0.txt", "/x/a1.txt", "/x/a2.txt"]
    assert out.read_text(encoding="utf-8") == good[0] + "not json\n" + good[1] + good[2]  # only the torn line goes
    err = capsys.readouterr().err
    assert "last line was cut off" in err and "1 line(s) are not results" in err
