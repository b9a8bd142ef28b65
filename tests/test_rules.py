"""Tests of the record rules (qianyue.rules) on small hand-written cases; no model and no shared files needed."""
from __future__ import annotations

import datetime as dt

import pytest

from qianyue.results import Entity
from qianyue.rules import build_records
from qianyue.rules.agreements import is_generic_title, is_history_clause, parties_from_title, split_clauses
from qianyue.rules.amounts import amount_purpose, detect_currency, parse_amount, parse_number
from qianyue.rules.dates import find_dateline, resolve_date, year_for_month_day
from qianyue.rules.officials import is_government_title, signatory_in_clause, titles_by_name
from qianyue.rules.parties import (PartyIndex, classify_kind, expand_elliptical, expand_local_government,
                                   expand_short_government, is_alias, normalize_name, resolve_first_person)


def spans(text: str, items: list[tuple[str, str]]) -> list[Entity]:
    """Entities for (surface, label) items, each found left to right after the previous one."""
    out, pos = [], 0
    for surface, label in items:
        i = text.index(surface, pos)
        out.append(Entity(label=label, text=surface, start=i, end=i + len(surface), score=0.9))
        pos = i + len(surface)
    return out


# ------------------------------------------------------------------------------------------------ parties
@pytest.mark.parametrize("raw,expected", [("《中国联通》", "中国联通"), (" “一汽 集团” ", "一汽集团"), ("'省政府'", "省政府")])
def test_normalize_name_strips_quotes_and_spaces(raw, expected):
    assert normalize_name(raw) == expected


@pytest.mark.parametrize("name,kind", [
    ("昭通市人民政府", "government"), ("省文化和旅游厅", "government"), ("长春净月开发区管委会", "government"),
    ("格尔木市", "government"), ("中国电信云南公司", "enterprise"), ("建设银行淄博分行", "enterprise"),
    ("青海盐湖工业股份有限公司", "enterprise"), ("中国联通", "enterprise"), ("西安交通大学", "organization"),
    ("中国亚洲经济发展协会", "organization"), ("北京协和医院", "organization")])
def test_classify_kind(name, kind):
    assert classify_kind(name) == kind


@pytest.mark.parametrize("short,long,ok", [
    ("中国电信", "中国电信集团公司", True), ("一汽集团", "中国一汽集团公司", True), ("省政府", "吉林省政府", True),
    ("昭通市政府", "昭通市人民政府", True), ("中国联通", "中国联合网络通信集团有限公司", True),
    ("宏泰集团", "湖北省宏泰国有资本投资运营集团有限公司", True),
    ("星石化集团公司", "星河石油化工集团公司", True),  # a three-character abbreviation, same legal ending
    ("星石化集团公司", "星河石油化工有限公司", False), ("星石化集团公司", "云河石油化工集团公司", False),
    ("中国联通", "中国联通青海省分公司", False),  # a branch is another organisation
    ("中国电信", "中国电信云南公司", False), ("中国石化", "中国联通", False), ("吉林省政府", "吉林省政府", False)])
def test_is_alias(short, long, ok):
    assert is_alias(short, long) is ok


def test_expand_elliptical_list_takes_the_last_items_ending():
    out = expand_elliptical(["西宁市", "海南州", "格尔木市政府"])
    assert out == [("西宁市政府", "西宁市"), ("海南州政府", "海南州"), ("格尔木市政府", None)]


def test_expand_elliptical_leaves_ordinary_lists_alone():
    assert expand_elliptical(["中国电信", "中国联通"]) == [("中国电信", None), ("中国联通", None)]


def test_short_government_forms_expand_with_the_articles_place():
    assert expand_short_government("省政府", "安徽") == "安徽省政府"
    assert expand_short_government("省人民政府", "广西") == "广西壮族自治区人民政府"
    assert expand_short_government("市政府", "重庆") == "重庆市政府"
    assert expand_short_government("省政府", None) is None
    assert expand_local_government("县人民政府", ["筠连县", "筠连县", "宜宾市"]) == "筠连县人民政府"
    assert expand_local_government("县人民政府", ["宜宾市"]) is None


def test_first_person_party_resolves_to_the_named_university():
    assert resolve_first_person("我校", ["河南省人民政府", "西安交通大学"], "河南") == "西安交通大学"
    assert resolve_first_person("我省", [], "吉林") == "吉林省"
    assert resolve_first_person("中国电信", ["西安交通大学"], None) is None


def test_party_index_groups_forms_under_the_full_name():
    idx = PartyIndex()
    for f in ["中国一汽集团公司", "一汽集团", "一汽", "中国电信集团公司", "中国电信"]:
        idx.add(f)
    idx.add("省政府", "吉林省政府")
    assert idx.canonical("一汽") == "中国一汽集团公司"
    assert idx.canonical("中国电信") == "中国电信集团公司"
    assert idx.canonical("省政府") == "吉林省政府"
    assert idx.aliases("中国一汽集团公司") == ["一汽集团", "一汽"]


# ------------------------------------------------------------------------------------------------ dates
def test_year_for_month_day_stays_on_or_before_publication():
    assert year_for_month_day(2, 25, dt.date(2012, 11, 28)) == 2012
    assert year_for_month_day(12, 30, dt.date(2013, 1, 2)) == 2012


def test_find_dateline():
    assert find_dateline("标题\n本网2月25日讯(记者王立新)今天上午", "2012-11-28") == dt.date(2012, 2, 25)
    assert find_dateline("东南网-福建日报6月28日讯 昨日", "2021-06-29") == dt.date(2021, 6, 28)
    assert find_dateline("没有电头的文章", "2021-06-29") is None


@pytest.mark.parametrize("text,expected", [
    ("2022年6月14日", "2022-06-14"), ("9月7日上午", "2015-09-07"), ("今天上午", "2015-09-05"),
    ("昨日", "2015-09-04"), ("昨天下午", "2015-09-04"), ("3日", "2015-09-03"), ("27日", "2015-08-27"), ("日前", None),
    ("近日", None), ("2010年", None)])
def test_resolve_date_against_dateline(text, expected):
    got = resolve_date(text, "2015-09-07", dateline=dt.date(2015, 9, 5))
    assert (got.isoformat() if got else None) == expected


def test_resolve_date_without_dateline_uses_publication():
    assert resolve_date("昨日", "2013-01-02").isoformat() == "2013-01-01"
    assert resolve_date("12月30日", "2013-01-02").isoformat() == "2012-12-30"
    assert resolve_date("当日", "2022-06-14", previous=dt.date(2022, 6, 8)).isoformat() == "2022-06-08"
    assert resolve_date("今天", None) is None


# ------------------------------------------------------------------------------------------------ amounts
@pytest.mark.parametrize("text,value,vmax,cur", [
    ("5亿元", 5e8, None, "CNY"), ("100亿元人民币", 1e10, None, "CNY"), ("3000万美元", 3e7, None, "USD"),
    ("一千万元", 1e7, None, "CNY"), ("17.51亿元", 1.751e9, None, "CNY"), ("10亿至20亿元", 1e9, 2e9, "CNY"),
    ("10至20亿元", 1e9, 2e9, "CNY"), ("1.5万亿元", 1.5e12, None, "CNY"), ("2,000万欧元", 2e7, None, "EUR"),
    ("5亿港元", 5e8, None, "HKD")])
def test_parse_amount(text, value, vmax, cur):
    v, m, c = parse_amount(text)
    assert v == pytest.approx(value)
    assert (m == pytest.approx(vmax)) if vmax else m is None
    assert c == cur


def test_parse_number_and_currency():
    assert parse_number("三百五十") == 350
    assert parse_number("1,200") == 1200
    assert detect_currency("5000万美元") == "USD"
    assert detect_currency("5000万") is None


@pytest.mark.parametrize("context,purpose", [
    ("未来五年内投入5亿元", "投资"), ("为其提供意向性授信100亿元", "授信"), ("力争营收达到100亿元", "营收"),
    ("帮助企业融资20亿元", "融资"), ("合计17.51亿元", None)])
def test_amount_purpose(context, purpose):
    assert amount_purpose(context) == purpose


# ------------------------------------------------------------------------------------------------ officials
def test_titles_are_the_stack_written_next_to_the_name_not_the_nearest_in_the_sentence():
    text = "省委副书记、省长王清宪与刘烈宏举行会谈。中国联通党组书记、董事长刘烈宏表示感谢。"
    ents = spans(text, [("省委副书记", "TITLE"), ("省长", "TITLE"), ("王清宪", "OFFICIAL"), ("刘烈宏", "OFFICIAL"),
                        ("中国联通", "PARTY"), ("党组书记", "TITLE"), ("董事长", "TITLE"), ("刘烈宏", "OFFICIAL")])
    titles = titles_by_name(ents, text)
    assert titles["王清宪"] == ("省委副书记、省长", None)
    assert titles["刘烈宏"] == ("党组书记、董事长", "中国联通")


def test_signatory_in_clause():
    assert signatory_in_clause("副省长王祖继与吴安迪签署了《协议》", 6)
    assert signatory_in_clause("刘超与唐永博代表双方签约", 2)
    assert not signatory_in_clause("吴晓军、刘烈宏见证签约", 3)
    assert not signatory_in_clause("王晓初一行,并共同出席了签字仪式", 3)
    assert not signatory_in_clause("李健宣布签约项目服务专班", 2)


def test_is_government_title():
    assert is_government_title("省委副书记、省长")
    assert is_government_title("副市长")
    assert not is_government_title("党组书记、董事长")
    assert not is_government_title("副总经理")


# ------------------------------------------------------------------------------------------------ agreements
def test_history_and_generic_titles():
    assert is_history_clause("特别是2010年与我省签署战略合作框架协议以来")
    assert is_history_clause("借助云南省政府与中国电信集团公司《战略合作框架协议》签约契机")
    assert not is_history_clause("副省长王祖继与吴安迪签署了《合作推进协议》")
    assert is_generic_title("战略合作框架协议", ["中国联通"])
    assert not is_generic_title("“数字青海”战略合作框架协议", [])
    assert not is_generic_title("中国电信东北呼叫中心建设实施协议", ["中国电信"])


def test_parties_from_title():
    assert parties_from_title("中国一汽集团公司与中国电信集团公司战略合作框架协议", ["中国电信集团公司"]) == \
        ["中国一汽集团公司", "中国电信集团公司"]
    assert parties_from_title("产城运营商战略合作协议", []) == []


def test_split_clauses_joins_lists_of_named_people():
    text = "集团公司总裁喻宝才,湖南省副省长陈飞代表双方签署协议。"
    ents = spans(text, [("集团公司总裁", "TITLE"), ("喻宝才", "OFFICIAL"), ("湖南省", "PARTY"), ("副省长", "TITLE"),
                        ("陈飞", "OFFICIAL")])
    assert split_clauses(text, 0, len(text), ents) == [(0, len(text))]
    assert len(split_clauses(text, 0, len(text))) == 2


def test_single_signing_with_witnesses_signatories_date_and_amount():
    text = ("甲市人民政府与乙公司签署战略合作框架协议\n"
            "9月7日上午,在甲市市长张三、乙公司总经理李四的共同见证下,甲市副市长王五和乙公司副总经理赵六分别代表双方"
            "正式签署了《甲市人民政府与乙公司战略合作框架协议》。\n"
            "乙公司在甲市未来五年内投入5亿元。\n")
    ents = spans(text, [
        ("甲市人民政府", "PARTY"), ("乙公司", "PARTY"), ("战略合作框架协议", "AGREEMENT"), ("9月7日上午", "DATE"),
        ("甲市", "PARTY"), ("市长", "TITLE"), ("张三", "OFFICIAL"), ("乙公司", "PARTY"), ("总经理", "TITLE"),
        ("李四", "OFFICIAL"), ("甲市", "PARTY"), ("副市长", "TITLE"), ("王五", "OFFICIAL"), ("乙公司", "PARTY"),
        ("副总经理", "TITLE"), ("赵六", "OFFICIAL"), ("甲市人民政府与乙公司战略合作框架协议", "AGREEMENT"),
        ("乙公司", "PARTY"), ("5亿元", "AMOUNT")])
    recs = build_records(text, ents, "2015-09-07")
    assert len(recs) == 1
    r = recs[0]
    assert r.title == "甲市人民政府与乙公司战略合作框架协议"
    assert {p.name for p in r.parties} == {"甲市人民政府", "乙公司"}
    assert {p.name: p.kind for p in r.parties}["甲市人民政府"] == "government"
    roles = {o.name: (o.role, o.title) for o in r.officials}
    assert roles == {"王五": ("signatory", "副市长"), "赵六": ("signatory", "副总经理"),
                     "张三": ("witness", "市长"), "李四": ("witness", "总经理")}
    assert r.date == "2015-09-07" and r.date_text == "9月7日上午"
    assert [(a.value, a.currency, a.purpose) for a in r.amounts] == [(5e8, "CNY", "投资")]
    assert 0.0 <= r.confidence <= 1.0


def test_several_agreements_at_one_ceremony_and_elliptical_parties():
    text = ("签约仪式上,丙州政府还与丁公司签署《产业建设协议》;"
            "西宁市、海南州、格尔木市政府与丁公司签署《智慧城市协议》《美丽城镇协议》。")
    ents = spans(text, [("丙州政府", "PARTY"), ("丁公司", "PARTY"), ("产业建设协议", "AGREEMENT"),
                        ("西宁市", "PARTY"), ("海南州", "PARTY"), ("格尔木市政府", "PARTY"), ("丁公司", "PARTY"),
                        ("智慧城市协议", "AGREEMENT"), ("美丽城镇协议", "AGREEMENT")])
    recs = build_records(text, ents, "2022-06-16")
    assert [r.title for r in recs] == ["产业建设协议", "智慧城市协议", "美丽城镇协议"]
    assert {p.name for p in recs[0].parties} == {"丙州政府", "丁公司"}
    city = {p.name: p.aliases for p in recs[1].parties}
    assert city == {"西宁市政府": ["西宁市"], "海南州政府": ["海南州"], "格尔木市政府": [], "丁公司": []}


def test_meeting_without_signing_gives_no_record():
    text = "6月7日,省委书记张国清会见中国联通董事长刘烈宏。双方就深化合作交流。"
    ents = spans(text, [("6月7日", "DATE"), ("省委书记", "TITLE"), ("张国清", "OFFICIAL"), ("中国联通", "PARTY"),
                        ("董事长", "TITLE"), ("刘烈宏", "OFFICIAL")])
    assert build_records(text, ents, "2022-06-08") == []


def test_history_signing_is_not_a_record_and_relative_date_uses_dateline():
    text = ("本网2月25日讯 今天上午,甲集团与乙公司签署了合作协议,省长王某出席签约仪式。"
            "2010年乙公司与丙公司签署战略合作框架协议以来,双方合作良好。")
    ents = spans(text, [("今天上午", "DATE"), ("甲集团", "PARTY"), ("乙公司", "PARTY"), ("合作协议", "AGREEMENT"),
                        ("省长", "TITLE"), ("王某", "OFFICIAL"), ("2010年", "DATE"), ("乙公司", "PARTY"),
                        ("丙公司", "PARTY"), ("战略合作框架协议", "AGREEMENT")])
    recs = build_records(text, ents, "2012-11-28")
    assert len(recs) == 1
    assert recs[0].date == "2012-02-25"
    assert [(o.name, o.role) for o in recs[0].officials] == [("王某", "witness")]


def test_omitted_subject_carries_over_and_generic_names_merge():
    text = ("甲市政府与乙厅签署合作协议。卫某代表甲市政府与乙厅签订《科技创新合作框架协议》,"
            "与丙集团有限公司签订《战略合作备忘录》。")
    ents = spans(text, [("甲市政府", "PARTY"), ("乙厅", "PARTY"), ("合作协议", "AGREEMENT"), ("卫某", "OFFICIAL"),
                        ("甲市政府", "PARTY"), ("乙厅", "PARTY"), ("科技创新合作框架协议", "AGREEMENT"),
                        ("丙集团有限公司", "PARTY"), ("战略合作备忘录", "AGREEMENT")])
    recs = build_records(text, ents, None)
    assert [r.title for r in recs] == ["科技创新合作框架协议", "战略合作备忘录"]
    assert {p.name for p in recs[1].parties} == {"甲市政府", "丙集团有限公司"}
    assert [(o.name, o.role) for o in recs[0].officials] == [("卫某", "signatory")]
    assert recs[0].date is None


def test_reporters_are_not_witnesses_and_noisy_spans_do_not_crash():
    text = "记者李某报道,甲公司与乙公司签约,丙某出席签约仪式。"
    ents = spans(text, [("记者", "TITLE"), ("李某", "OFFICIAL"), ("甲公司", "PARTY"), ("乙公司", "PARTY"),
                        ("丙某", "OFFICIAL")])
    ents.append(Entity("DATE", "x", 500, 501, 0.1))  # out of range: ignored
    recs = build_records(text, ents, None)
    assert len(recs) == 1
    assert [o.name for o in recs[0].officials] == ["丙某"]
    assert build_records("", [], None) == []


# ------------------------------------------------------------------------------------------------ robustness
from hypothesis import given, settings, strategies as st  # noqa: E402

_NOISY_TEXT = ("甲市人民政府与乙公司签署合作协议\n3月2日,市长张三见证,副市长王五与乙公司总经理赵六签约,"
               "投资10亿至20亿元。昨日双方还签订备忘录。")
_LABELS = ["PARTY", "OFFICIAL", "TITLE", "DATE", "AMOUNT", "AGREEMENT"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_NOISY_TEXT) - 1), st.integers(1, 12), st.sampled_from(_LABELS),
                          st.floats(0, 1)), max_size=25),
       st.sampled_from([None, "2021-03-05", "garbage"]))
def test_noisy_spans_never_crash_and_keep_the_contract(raw, published):
    """Whatever a (bad) tagger returns, the rules return well-formed records and raise nothing."""
    ents, last = [], 0
    for start, length, label, score in sorted(raw):
        if start < last:
            continue  # spans are non-overlapping, as a tagger produces them
        end = min(len(_NOISY_TEXT), start + length)
        ents.append(Entity(label, _NOISY_TEXT[start:end], start, end, score))
        last = end
    for rec in build_records(_NOISY_TEXT, ents, published):
        assert 0.0 <= rec.confidence <= 1.0
        assert all(p.kind in ("government", "enterprise", "organization") for p in rec.parties)
        assert all(o.role in ("signatory", "witness") for o in rec.officials)
        assert rec.date is None or len(rec.date) == 10
        rec.to_dict()


def test_year_or_month_without_day_does_not_hide_the_signing_day():
    text = "2023年12月项目集中签约仪式\n12月22日,甲县政府与乙公司签订“产业”合作协议。"
    ents = spans(text, [("2023年12月", "DATE"), ("12月22日", "DATE"), ("甲县政府", "PARTY"), ("乙公司", "PARTY"),
                        ("“产业”合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2023-12-27")
    assert [(r.title, r.date, r.date_text) for r in recs] == [("“产业”合作协议", "2023-12-22", "12月22日")]


def test_fenbie_gives_one_agreement_per_listed_party():
    text = "甲集团、乙集团等8家企业与丙银行分行分别签订合作协议。"
    ents = spans(text, [("甲集团", "PARTY"), ("乙集团", "PARTY"), ("丙银行分行", "PARTY"), ("合作协议", "AGREEMENT")])
    recs = build_records(text, ents, None)
    assert [sorted(p.name for p in r.parties) for r in recs] == [["丙银行分行", "甲集团"], ["丙银行分行", "乙集团"]]
    assert all(p.kind == "enterprise" for r in recs for p in r.parties)


def test_signing_with_a_counted_unnamed_side_keeps_the_named_party():
    text = "会上,甲科技集团与15家合作企业签约。乙公司与丙公司座谈。"
    ents = spans(text, [("甲科技集团", "PARTY"), ("乙公司", "PARTY"), ("丙公司", "PARTY")])
    recs = build_records(text, ents, None)
    # one record per counted counterpart (D10), each with the named side alone
    assert [[p.name for p in r.parties] for r in recs] == [["甲科技集团"]] * 15
    assert all(r.confidence < 0.9 for r in recs)
