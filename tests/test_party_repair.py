"""The assembly mends a tagger's cut or overlong PARTY spans before it builds records (sentences of our own)."""
from __future__ import annotations

from conftest import span as _span
from qianyue.results import Entity
from qianyue.rules import build_records


def _parties(recs):
    return [sorted(p.name for p in r.parties) for r in recs]


def test_name_cut_before_its_organisation_word_runs_on_to_it():
    text = "东岭市人民政府与华林省规划设计研究中心、远山集团有限公司签署战略合作协议。"
    # the tagger stopped inside the name and tagged its end as a second, short name
    ents = [_span(text, "东岭市人民政府"), _span(text, "华林省规"), _span(text, "研究中心", score=0.6),
            _span(text, "远山集团有限公司"), _span(text, "战略合作协议", "AGREEMENT")]
    recs = build_records(text, ents, "2024-05-09")
    names = {n for ps in _parties(recs) for n in ps}
    assert "华林省规划设计研究中心" in names
    assert not names & {"华林省规", "研究中心"}


def test_extension_stops_at_a_break_and_leaves_first_person_names():
    text = "我校与东岭市人民政府签署合作协议，我校二级学院参加签约。东岭市政府、远山集团出席。"
    ents = [_span(text, "我校"), _span(text, "东岭市人民政府"), _span(text, "合作协议", "AGREEMENT"),
            _span(text, "我校", nth=1), _span(text, "东岭市政府"), _span(text, "远山集团")]
    recs = build_records(text, ents, "2024-05-09")
    names = {n for ps in _parties(recs) for n in ps}
    assert "我校二级学院" not in names


def test_a_leading_tong_is_a_joiner_only_between_two_names():
    text = "东岭市人民政府与同济大学签署合作协议。东岭市人民政府同远山集团有限公司签署投资协议。"
    ents = [_span(text, "东岭市人民政府"), _span(text, "同济大学"), _span(text, "合作协议", "AGREEMENT"),
            # the tagger caught the joiner: 同远山集团有限公司
            Entity("PARTY", "东岭市人民政府", text.index("东岭市人民政府同"), text.index("东岭市人民政府同") + 7, 0.9),
            _span(text, "同远山集团有限公司"), _span(text, "投资协议", "AGREEMENT")]
    recs = build_records(text, ents, "2024-05-09")
    assert sorted(_parties(recs)) == [["东岭市人民政府", "同济大学"], ["东岭市人民政府", "远山集团有限公司"]]


def test_a_name_tagged_elsewhere_is_read_where_the_tagger_missed_it():
    text = ("远山集团有限公司董事长一行来东岭考察。"
            "5月8日，东岭市人民政府与远山集团有限公司签署战略合作协议。")
    # the tagger read the company in the visit sentence, only the government in the signing sentence
    ents = [_span(text, "远山集团有限公司"), _span(text, "5月8日", "DATE"), _span(text, "东岭市人民政府"),
            _span(text, "战略合作协议", "AGREEMENT")]
    recs = build_records(text, ents, "2024-05-09")
    assert _parties(recs) == [["东岭市人民政府", "远山集团有限公司"]] and recs[0].date == "2024-05-08"


def test_a_venue_written_like_a_tagged_name_is_not_recovered_as_a_side():
    from qianyue.rules.agreements import _untagged_mentions

    text = "东岭市人民政府与华林师范学院在北京路中学签订合作协议。北京路中学、实验学校为实践学校。"
    ents = [_span(text, "东岭市人民政府"), _span(text, "华林师范学院"), _span(text, "北京路中学", nth=1)]
    assert _untagged_mentions(text, ents) == ents  # 在北京路中学: where they signed
    text = "东岭市人民政府与华林师范学院、北京路中学签订合作协议。北京路中学、实验学校为实践学校。"
    ents = [_span(text, "东岭市人民政府"), _span(text, "华林师范学院"), _span(text, "北京路中学", nth=1)]
    got = _untagged_mentions(text, ents)
    assert [(e.text, e.start) for e in got if (e.text, e.start) not in {(x.text, x.start) for x in ents}] == [
        ("北京路中学", text.index("北京路中学"))]


def test_a_party_committee_is_no_side_and_committee_with_government_is_the_government():
    text = ("东岭市人民政府与远山集团有限公司签署战略合作协议。市长李明代表市委市政府致辞。"
            "东岭市委市政府将全力支持。东岭团市委参加签约仪式。")
    ents = [_span(text, "东岭市人民政府"), _span(text, "远山集团有限公司"), _span(text, "战略合作协议", "AGREEMENT"),
            _span(text, "市长", "TITLE"), _span(text, "李明", "OFFICIAL"),
            _span(text, "市委"), _span(text, "市政府"),          # a tagger that labels the committee too
            _span(text, "东岭市委市政府"), _span(text, "东岭团市委")]
    recs = build_records(text, ents, "2024-05-09")
    assert _parties(recs) == [["东岭市人民政府", "远山集团有限公司"]]
    from qianyue.rules.agreements import _Article
    forms = {e.text for e in _Article(text, ents, "2024-05-09").ents if e.label == "PARTY"}
    assert "市委" not in forms and "东岭市委市政府" not in forms and "东岭团市委" in forms


def test_a_bare_place_name_stands_for_the_one_government_written_with_it():
    text = ("远山农业集团与东岭省阿水县政府签署合作框架协议。远山农业集团总经理张强，阿水县政协主席李明出席签约仪式。"
            "张强和李明代表双方签署了战略合作框架协议。")
    ents = [_span(text, "远山农业集团"), _span(text, "东岭省阿水县政府"), _span(text, "合作框架协议", "AGREEMENT"),
            _span(text, "远山农业集团", nth=1), _span(text, "总经理", "TITLE"), _span(text, "张强", "OFFICIAL"),
            _span(text, "阿水"),  # the tagger read the place of 阿水县政协 as a party
            _span(text, "县政协主席", "TITLE"), _span(text, "李明", "OFFICIAL"),
            _span(text, "张强", "OFFICIAL", nth=1), _span(text, "李明", "OFFICIAL", nth=1),
            _span(text, "战略合作框架协议", "AGREEMENT")]
    recs = build_records(text, ents, "2024-05-09")
    assert _parties(recs) == [["东岭省阿水县政府", "远山农业集团"]]
    from qianyue.rules.agreements import _government_of_place
    assert _government_of_place("阿水", ["东岭省阿水县政府", "阿水"]) == "东岭省阿水县政府"
    assert _government_of_place("阿水", ["阿水县政府", "阿水市人民政府"]) is None  # two would fit
    assert _government_of_place("阿水县", ["东岭省阿水县政府"]) is None  # a unit of its own: other rules


def test_a_bank_written_on_into_its_branch_is_the_branch():
    text = "仪式上，东岭镇政府与远山农商银行，东岭镇甲村、乙村与远山农商银行东岭镇各支行，分别签订战略合作协议。"
    ents = [_span(text, "东岭镇政府"), _span(text, "远山农商银行"), _span(text, "东岭镇甲村"), _span(text, "乙村"),
            _span(text, "远山农商银行", nth=1), _span(text, "东岭镇", nth=2, score=0.6),  # the branch cut in two
            _span(text, "战略合作协议", "AGREEMENT")]
    names = {n for r in build_records(text, ents, "2024-05-09") for p in r.parties for n in [p.name]}
    assert "远山农商银行东岭镇各支行" in names and "远山农商银行" in names


def _officials(recs):
    return sorted((o.name, o.role) for r in recs for o in r.officials)


def test_a_tagged_name_across_a_bracket_is_the_two_names_it_holds():
    text = "华林农业银行（以下简称华林农行）东岭分行与东岭市人民政府签署银政合作协议。"
    # the tagger ran one PARTY from the short name over the bracket into the branch
    ents = [_span(text, "华林农业银行"), _span(text, "华林农行）东岭分行"), _span(text, "东岭市人民政府"),
            _span(text, "银政合作协议", "AGREEMENT")]
    recs = build_records(text, ents, "2024-05-09")
    names = {n for ps in _parties(recs) for n in ps}
    assert not any(")" in n or "）" in n for n in names)
    assert "东岭市人民政府" in names and names & {"东岭分行", "华林农业银行东岭分行", "华林农行东岭分行"}


def test_officials_lose_a_glued_latin_title_and_an_honorific():
    text = ("东岭市人民政府与远山汽车集团签署投资协议。市长周云女士与远山汽车集团CEO马丁分别代表双方签约，"
            "省委书记林海同志出席。")
    i_f = text.index("周云女士")
    ents = [_span(text, "东岭市人民政府"), _span(text, "远山汽车集团"), _span(text, "投资协议", "AGREEMENT"),
            _span(text, "市长", "TITLE"), Entity("OFFICIAL", "周云女", i_f, i_f + 3, 0.8),      # cut inside 女士
            _span(text, "远山汽车集团", nth=1), _span(text, "CEO马丁", "OFFICIAL"),              # title glued
            _span(text, "省委书记", "TITLE"), _span(text, "林海同志", "OFFICIAL")]               # honorific held
    recs = build_records(text, ents, "2024-05-09")
    assert _officials(recs) == [("周云", "signatory"), ("林海", "witness"), ("马丁", "signatory")]
    ma = next(o for r in recs for o in r.officials if o.name == "马丁")
    assert ma.title == "CEO" and ma.party == "远山汽车集团"


def test_a_name_cut_short_runs_on_to_the_form_written_elsewhere_and_no_further():
    text = "市长王志远会见了远山集团客人。东岭市人民政府与远山集团签署合作协议，市长王志远和董事长陈明签约。"
    second = text.index("王志远", text.index("签署"))
    ents = [_span(text, "市长", "TITLE"), _span(text, "王志远", "OFFICIAL"), _span(text, "远山集团"),
            _span(text, "东岭市人民政府"), _span(text, "远山集团", nth=1), _span(text, "合作协议", "AGREEMENT"),
            _span(text, "市长", "TITLE", nth=1), Entity("OFFICIAL", "王志", second, second + 2, 0.7),
            _span(text, "董事长", "TITLE"), _span(text, "陈明", "OFFICIAL")]
    recs = build_records(text, ents, "2024-05-09")
    assert _officials(recs) == [("王志远", "signatory"), ("陈明", "signatory")]
    # a two-character name with no longer form is left as it is
    ents[-1] = Entity("OFFICIAL", "陈", ents[-1].start, ents[-1].start + 1, 0.7)
    assert ("陈", "signatory") in _officials(build_records(text, ents, "2024-05-09"))


def test_a_place_tagged_as_a_person_is_the_government_it_names():
    text = "东岭县人民政府招商大会举行。本次大会上东岭签约12个项目，总投资36亿元。"
    i = text.index("东岭签约")
    ents = [_span(text, "东岭县人民政府"), Entity("OFFICIAL", "东岭", i, i + 2, 0.6), _span(text, "36亿元", "AMOUNT")]
    recs = build_records(text, ents, "2024-05-09")
    assert not _officials(recs)
    assert len(recs) == 12 and all(_parties([r]) == [["东岭县人民政府"]] for r in recs)


def test_a_name_cut_inside_its_organisation_word_is_completed():
    text = "东岭县与远山建工集团签署战略合作协议。董事长陈明表示，集团公司将全力推进项目。"
    i = text.index("集团公司")
    ents = [_span(text, "东岭县"), _span(text, "远山建工集团"), _span(text, "战略合作协议", "AGREEMENT"),
            _span(text, "董事长", "TITLE"), _span(text, "陈明", "OFFICIAL"), Entity("PARTY", "集团公", i, i + 3, 0.6)]
    from qianyue.rules.agreements import _extend_to_org_ending
    fixed = _extend_to_org_ending(text, ents)
    assert ("集团公司", i) in {(e.text, e.start) for e in fixed}
    assert "集团公" not in {e.text for e in fixed}


def test_place_and_bank_prefixes_run_on_to_the_name_they_open():
    from qianyue.rules.agreements import _extend_to_org_ending

    text = "东岭县与远山农商银行东岭镇各支行、东岭县青禾农产品合作社、中国建设联合体签约。东岭县县长李明到远山公司调研。"
    ents = [_span(text, "东岭县"), _span(text, "远山农商银行东岭镇"),   # the tagger stopped inside the branch name
            _span(text, "东岭县", nth=1),                                # and took only the place of a co-operative
            _span(text, "中国建设联"),                                   # and cut 联合体
            _span(text, "东岭县", nth=2), _span(text, "县长", "TITLE"), _span(text, "李明", "OFFICIAL"),
            _span(text, "远山公司")]
    got = [e.text for e in _extend_to_org_ending(text, ents) if e.label == "PARTY"]
    assert got == ["东岭县", "远山农商银行东岭镇各支行", "东岭县青禾农产品合作社", "中国建设联合体",
                   "东岭县", "远山公司"]  # a place before 县长李明: other entities stand between, no run-on


def test_two_names_written_together_and_a_latin_title_alone_are_read_apart():
    text = ("周平陈远会见远山集团客人\n省委书记周平，省长陈远，远山集团董事会主席兼CEO马丁出席签约仪式。"
            "东岭省人民政府与远山集团签署战略合作协议。")
    ents = [_span(text, "周平陈远", "OFFICIAL"), _span(text, "远山集团"),
            _span(text, "省委书记", "TITLE"), _span(text, "周平", "OFFICIAL", nth=1),
            _span(text, "省长", "TITLE"), _span(text, "陈远", "OFFICIAL", nth=1),
            _span(text, "远山集团", nth=1), _span(text, "董事会主席", "TITLE"), _span(text, "CEO", "OFFICIAL"),
            _span(text, "马丁", "OFFICIAL"), _span(text, "东岭省人民政府"), _span(text, "远山集团", nth=2),
            _span(text, "战略合作协议", "AGREEMENT")]
    recs = build_records(text, ents, "2024-05-09")
    assert _officials(recs) == [("周平", "witness"), ("陈远", "witness"), ("马丁", "witness")]
    # a name of four characters that is no two known names stays whole
    from qianyue.rules.agreements import _two_known_names
    assert _two_known_names("欧阳明远", {"明远", "周平"}) is None


def test_the_party_centre_and_an_organisations_units_are_no_sides():
    text = ("中央政治局委员、东岭省委书记周平出席。东岭省人民政府与远山集团签署战略合作协议。"
            "远山集团市场开发事业部总经理马丁，远山集团投资拓展部部长林可，华林大学规划系副主任陈雪出席签约仪式。"
            "商务部部长李远致信祝贺。")
    ents = [_span(text, "中央政治局"), _span(text, "委员", "TITLE"), _span(text, "东岭省委书记", "TITLE"),
            _span(text, "周平", "OFFICIAL"), _span(text, "东岭省人民政府"), _span(text, "远山集团"),
            _span(text, "战略合作协议", "AGREEMENT"), _span(text, "远山集团", nth=1),
            _span(text, "市场开发事业部"), _span(text, "总经理", "TITLE"), _span(text, "马丁", "OFFICIAL"),
            _span(text, "远山集团投资拓展部"), _span(text, "部长", "TITLE"), _span(text, "林可", "OFFICIAL"),
            _span(text, "华林大学规划系"), _span(text, "副主任", "TITLE"), _span(text, "陈雪", "OFFICIAL"),
            _span(text, "商务部"), _span(text, "部长", "TITLE", nth=1), _span(text, "李远", "OFFICIAL")]
    from qianyue.rules.agreements import _repair_parties
    fixed = _repair_parties(text, [e for e in ents if e.text != "中央政治局"])
    got = [(e.label, e.text) for e in fixed if e.label in ("PARTY", "TITLE")]
    assert ("TITLE", "市场开发事业部总经理") in got and ("TITLE", "投资拓展部部长") in got
    assert ("TITLE", "规划系副主任") in got and ("PARTY", "华林大学") in got
    assert ("PARTY", "商务部") in got and ("TITLE", "部长") in got  # a ministry stays a PARTY
    recs = build_records(text, ents, "2024-05-09")
    assert _parties(recs) == [["东岭省人民政府", "远山集团"]]
    titles = {o.name: o.title for r in recs for o in r.officials}
    assert titles.get("马丁") == "市场开发事业部总经理"


def test_a_figure_whose_unit_was_left_out_after_an_area_is_no_money():
    text = ("东岭市人民政府与远山集团签署投资协议。项目总用地面积12.5万，总建筑面积为20.3万，总投资18亿元。"
            "远山集团年产能30万。")
    ents = [_span(text, "东岭市人民政府"), _span(text, "远山集团"), _span(text, "投资协议", "AGREEMENT"),
            _span(text, "12.5万", "AMOUNT"), _span(text, "20.3万", "AMOUNT"), _span(text, "18亿元", "AMOUNT"),
            _span(text, "远山集团", nth=1), _span(text, "30万", "AMOUNT")]
    recs = build_records(text, ents, "2024-05-09")
    assert [a.value for r in recs for a in r.amounts] == [1.8e9]
    from qianyue.rules.amounts import is_unitless_quantity
    assert not is_unitless_quantity("5亿元", "总用地面积") and not is_unitless_quantity("5亿", "计划投资")


def test_an_agreement_name_cut_short_is_completed_or_dropped():
    text = ("东岭县举行“稳就业·促发展”政银企战略合作洽谈暨签约仪式。东岭县人民政府与华林银行东岭分行签署乡村振兴"
            "战略合作协议。远山集团与东岭县签订抽水蓄能和清洁能源投资开发协议。")
    ents = [_span(text, "东岭县"), _span(text, "“稳就业·促发展”政银企战略", "AGREEMENT"),  # no agreement word after
            _span(text, "东岭县人民政府"), _span(text, "华林银行东岭分行"),
            _span(text, "乡村振兴", "AGREEMENT"), _span(text, "战略合作协议", "AGREEMENT"),    # one name cut in two
            _span(text, "远山集团"), _span(text, "东岭县", nth=2),
            _span(text, "蓄能", "AGREEMENT")]                                                  # cut at both ends
    from qianyue.rules.agreements import _complete_agreement_names
    got = [e.text for e in _complete_agreement_names(text, ents) if e.label == "AGREEMENT"]
    assert got == ["乡村振兴战略合作协议", "蓄能和清洁能源投资开发协议"]
    recs = build_records(text, ents, "2024-05-09")
    # two signings, two records: no third one from the ceremony's slogan (东岭县 is its 人民政府 here)
    assert sorted(_parties(recs)) == [["东岭县人民政府", "华林银行东岭分行"], ["东岭县人民政府", "远山集团"]]
    mou = [Entity("AGREEMENT", "MoU", 0, 3, 0.9)]
    assert _complete_agreement_names("MoU signed", mou) == mou


def test_a_name_run_on_into_what_follows_is_cut_back_to_the_form_written_elsewhere():
    from qianyue.rules.agreements import _trim_overlong

    text = "我县与远山建工集团西南片区开发项目签约。远山建工集团董事长陈明出席。远山建工集团东岭分公司参加。"
    ents = [_span(text, "我县"), _span(text, "远山建工集团西南片"), _span(text, "远山建工集团", nth=1),
            _span(text, "远山建工集团东岭分公司")]
    got = [e.text for e in _trim_overlong(text, ents)]
    assert got == ["我县", "远山建工集团", "远山建工集团", "远山建工集团东岭分公司"]  # a branch keeps its name
    # no shorter form written elsewhere: nothing to cut back to
    assert _trim_overlong(text, ents[:2]) == ents[:2]


def test_a_venue_in_the_signing_clause_is_no_side_even_when_tagged_cut_at_its_start():
    text = ("东岭区人民政府与华林师范学院在北京路中学签订战略合作协议，双方为北京路中学挂牌。"
            "东岭区人民政府与远山集团于东岭会展中心正式签约。")
    i = text.index("路中学")
    ents = [_span(text, "东岭区人民政府"), _span(text, "华林师范学院"),
            Entity("PARTY", "路中学", i, i + 3, 0.6),                    # the tagger cut the venue at its start
            _span(text, "战略合作协议", "AGREEMENT"), _span(text, "北京路中学", nth=1),
            _span(text, "东岭区人民政府", nth=1), _span(text, "远山集团"), _span(text, "东岭会展中心")]
    recs = build_records(text, ents, "2024-05-09")
    assert sorted(_parties(recs)) == [["东岭区人民政府", "华林师范学院"], ["东岭区人民政府", "远山集团"]]
