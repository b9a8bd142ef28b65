"""Paraphrase audit of the record rules for officials, titles, amounts and dates (issue 16).

Each case is a short article of our own (invented places, companies and people) that words a construction the way
news reports vary it: who signs (代表双方签约, 签字的是, 由…与…签署, 签约代表为…), who witnesses (见证, 出席, 主持,
致辞, lists with stacked titles, 以及, 等领导) and who does not (reporters, history, a meeting on another day), the
party an official serves, money (currencies, bounds, ranges, totals, non-money units, running totals) and dates
(relative words, a dateline, a month-day across a year boundary, history). Entities are given as a perfect tagger
would give them (conftest.tag); the expected facts follow /work/shared/ANNOTATION.md and are compared the way the
record scorer counts them: (name, role) pairs, distinct money values, distinct ISO dates per article."""
from __future__ import annotations

import pytest

from conftest import tag
from qianyue.rules import build_records

LABELS = {"P": "PARTY", "O": "OFFICIAL", "T": "TITLE", "D": "DATE", "A": "AMOUNT", "G": "AGREEMENT"}

GOV, CO = "青川县人民政府", "星河科技有限公司"
SIGNING = f"3月5日，{GOV}与{CO}签署战略合作协议。"
SIGNING_ITEMS = [("3月5日", "D"), (GOV, "P"), (CO, "P"), ("战略合作协议", "G")]


def _ents(text, items):
    return tag(text, [(s, LABELS[k]) for s, k in items])


def _facts(text, items, published="2024-03-06"):
    recs = build_records(text, _ents(text, items), published)
    officials = {(o.name, o.role) for r in recs for o in r.officials}
    amounts = {a.value for r in recs for a in r.amounts if a.value is not None}
    dates = {r.date for r in recs if r.date}
    return recs, officials, amounts, dates


# --------------------------------------------------------------------------- (a) signatories
SIGNATORY_CASES = [
    ("represent_both", SIGNING + "副县长李明与星河科技有限公司总经理王强代表双方签约。",
     [("副县长", "T"), ("李明", "O"), (CO, "P"), ("总经理", "T"), ("王强", "O")]),
    ("separately_represent", SIGNING + "李明和王强分别代表青川县人民政府和星河科技有限公司签署协议。",
     [("李明", "O"), ("王强", "O"), (GOV, "P"), (CO, "P")]),
    ("signers_named_after", SIGNING + "在协议上签字的是青川县副县长李明和星河科技有限公司董事长王强。",
     [("副县长", "T"), ("李明", "O"), (CO, "P"), ("董事长", "T"), ("王强", "O")]),
    ("by_x_and_y", f"3月5日，《青川县数字经济合作协议》由{GOV}副县长李明与{CO}董事长王强签署。",
     [("3月5日", "D"), ("青川县数字经济合作协议", "G"), (GOV, "P"), ("副县长", "T"), ("李明", "O"), (CO, "P"),
      ("董事长", "T"), ("王强", "O")]),
    ("title_after_name", SIGNING + "李明副县长与王强总经理代表双方签署协议。",
     [("李明", "O"), ("副县长", "T"), ("王强", "O"), ("总经理", "T")]),
    ("several_per_side", SIGNING + "县长李明、副县长赵刚与星河科技有限公司董事长王强、总经理孙丽共同签署协议。",
     [("县长", "T"), ("李明", "O"), ("副县长", "T"), ("赵刚", "O"), (CO, "P"), ("董事长", "T"), ("王强", "O"),
      ("总经理", "T"), ("孙丽", "O")]),
    ("signing_delegates_are", SIGNING + "签约代表为青川县副县长李明和星河科技有限公司副总经理王强。",
     [("副县长", "T"), ("李明", "O"), (CO, "P"), ("副总经理", "T"), ("王强", "O")]),
    ("signing_delegates_respectively", SIGNING + "双方签约代表分别是副县长李明、星河科技有限公司副总经理王强。",
     [("副县长", "T"), ("李明", "O"), (CO, "P"), ("副总经理", "T"), ("王强", "O")]),
    ("delegates_sign_on_the_agreement", SIGNING + "双方签约代表副县长李明、星河科技有限公司副总经理王强在协议上签字。",
     [("副县长", "T"), ("李明", "O"), (CO, "P"), ("副总经理", "T"), ("王强", "O")]),
    ("represent_then_comma", SIGNING + "副县长李明代表县政府，总经理王强代表星河科技有限公司，在协议上签字。",
     [("副县长", "T"), ("李明", "O"), ("县政府", "P"), ("总经理", "T"), ("王强", "O"), (CO, "P")]),
    ("signing_company_delegate_speaks", f"3月5日，{GOV}与{CO}签署战略合作协议。仪式上，副县长李明介绍了项目情况，"
     f"签约企业代表、{CO}总经理王强作了发言。",
     [("副县长", "T"), ("李明", "O"), (CO, "P"),
      ("总经理", "T"), ("王强", "O")], {"李明": "witness", "王强": "signatory"}),
    ("signing_delegates_colon", SIGNING + "双方签约代表：青川县副县长李明，星河科技有限公司副总经理王强。",
     [("副县长", "T"), ("李明", "O"), (CO, "P"), ("副总经理", "T"), ("王强", "O")]),
    ("signed_by_whom_colon", SIGNING + "在协议上签字的分别是：副县长李明、星河科技有限公司副总经理王强。",
     [("副县长", "T"), ("李明", "O"), (CO, "P"), ("副总经理", "T"), ("王强", "O")]),
    ("sides_delegates_listed_with_commas", SIGNING + "双方代表副县长李明，星河科技有限公司副总经理王强在协议上签字。",
     [("副县长", "T"), ("李明", "O"), (CO, "P"), ("副总经理", "T"), ("王强", "O")]),
    ("heads_of_both_sides", SIGNING + "双方负责人李明、王强签订协议。",
     [("负责人", "T"), ("李明", "O"), ("王强", "O")]),
]


def _signatory_params():
    """(text, items, expected) per case: both signers (and the second pair where the text has one) unless given."""
    for case in SIGNATORY_CASES:
        name, text, items = case[:3]
        expected = case[3] if len(case) > 3 else {"李明": "signatory", "王强": "signatory"} | (
            {"赵刚": "signatory", "孙丽": "signatory"} if "赵刚" in text else {})
        yield pytest.param(text, SIGNING_ITEMS + items if text.startswith(SIGNING) else items, expected, id=name)


@pytest.mark.parametrize("text,items,expected", list(_signatory_params()))
def test_signatories(text, items, expected):
    _, officials, _, _ = _facts(text, items)
    assert officials == set(expected.items())


# --------------------------------------------------------------------------- (b) witnesses
SIGNERS = "副县长李明与星河科技有限公司总经理王强代表双方签约。"
SIGNERS_ITEMS = [("副县长", "T"), ("李明", "O"), (CO, "P"), ("总经理", "T"), ("王强", "O")]
BOTH_SIGN = {("李明", "signatory"), ("王强", "signatory")}

WITNESS_CASES = [
    ("witnessed_after", SIGNING + SIGNERS + "县委书记张华、县长刘洋见证签约。",
     [("县委书记", "T"), ("张华", "O"), ("县长", "T"), ("刘洋", "O")], {"张华", "刘洋"}),
    ("in_the_witness_of", f"3月5日，在县委书记张华的见证下，{GOV}副县长李明与{CO}总经理王强签署战略合作协议。",
     [("3月5日", "D"), ("县委书记", "T"), ("张华", "O"), (GOV, "P"), ("副县长", "T"), ("李明", "O"), (CO, "P"),
      ("总经理", "T"), ("王强", "O"), ("战略合作协议", "G")], {"张华"}),
    ("jointly_witnessed_in_signing_sentence", f"3月5日，{GOV}副县长李明与{CO}总经理王强签署战略合作协议，"
     "县委书记张华、县长刘洋共同见证。",
     [("3月5日", "D"), (GOV, "P"), ("副县长", "T"), ("李明", "O"), (CO, "P"), ("总经理", "T"), ("王强", "O"),
      ("战略合作协议", "G"), ("县委书记", "T"), ("张华", "O"), ("县长", "T"), ("刘洋", "O")], {"张华", "刘洋"}),
    ("stacked_titles_and_yiji_attend", SIGNING + SIGNERS + "县委常委、副县长赵刚，星河科技有限公司董事长孙丽以及县发改局"
     "局长周平等领导出席签约仪式。",
     [("县委常委", "T"), ("副县长", "T"), ("赵刚", "O"), (CO, "P"), ("董事长", "T"), ("孙丽", "O"), ("县发改局", "P"),
      ("局长", "T"), ("周平", "O")], {"赵刚", "孙丽", "周平"}),
    ("host_of_the_ceremony", SIGNING + SIGNERS + "签约仪式由县政府办公室主任周平主持。",
     [("县政府办公室", "P"), ("主任", "T"), ("周平", "O")], {"周平"}),
    ("speech_at_the_ceremony", SIGNING + SIGNERS + "县长刘洋在签约仪式上致辞。",
     [("县长", "T"), ("刘洋", "O")], {"刘洋"}),
    ("attend_and_speak", SIGNING + SIGNERS + "县委书记张华出席并讲话。",
     [("县委书记", "T"), ("张华", "O")], {"张华"}),
    ("those_attending_were", SIGNING + SIGNERS + "出席签约仪式的有县委书记张华和星河科技有限公司董事长孙丽。",
     [("县委书记", "T"), ("张华", "O"), (CO, "P"), ("董事长", "T"), ("孙丽", "O")], {"张华", "孙丽"}),
    ("untitled_leaders_list", SIGNING + SIGNERS + "县领导张华、刘洋、赵刚参加活动。",
     [("张华", "O"), ("刘洋", "O"), ("赵刚", "O")], {"张华", "刘洋", "赵刚"}),
    ("company_side_accompanies", SIGNING + SIGNERS + "星河科技有限公司副总裁孙丽陪同参加签约。",
     [(CO, "P"), ("副总裁", "T"), ("孙丽", "O")], {"孙丽"}),
    ("reporter_is_no_witness", "（记者 马力）" + SIGNING + SIGNERS + "县委书记张华见证签约。",
     [("记者", "T"), ("马力", "O")] + SIGNING_ITEMS + SIGNERS_ITEMS + [("县委书记", "T"), ("张华", "O")], {"张华"}),
    ("history_signer_is_no_witness", SIGNING + SIGNERS + "2019年，时任县长陈东曾与该公司签署合作备忘录。",
     [("2019年", "D"), ("县长", "T"), ("陈东", "O")], set()),
    ("met_on_another_day", SIGNING + SIGNERS + "3月4日，县委书记张华会见了星河科技有限公司董事长孙丽一行。",
     [("3月4日", "D"), ("县委书记", "T"), ("张华", "O"), (CO, "P"), ("董事长", "T"), ("孙丽", "O")], set()),
    ("speech_at_another_meeting", SIGNING + SIGNERS + "此前一天，县长刘洋在全县招商引资工作会议上讲话。",
     [("县长", "T"), ("刘洋", "O")], set()),
    ("separately_with_two_companies", f"3月5日，{GOV}分别与{CO}、蓝海能源集团有限公司签署投资协议。副县长李明分别与"
     f"{CO}总经理王强、蓝海能源集团有限公司总经理孙丽签约。",
     [("3月5日", "D"), (GOV, "P"), (CO, "P"), ("蓝海能源集团有限公司", "P"), ("副县长", "T"), ("李明", "O"), (CO, "P"),
      ("总经理", "T"), ("王强", "O"), ("蓝海能源集团有限公司", "P"), ("总经理", "T"), ("孙丽", "O")], {"孙丽": "signatory"}),
    ("meeting_then_both_witnessed", f"3月5日，县委书记张华会见了{CO}董事长孙丽一行。双方就深化合作进行了会谈，"
     f"并共同见证了{GOV}与{CO}战略合作协议的签署。",
     [("3月5日", "D"), ("县委书记", "T"), ("张华", "O"), (CO, "P"), ("董事长", "T"), ("孙丽", "O"), (GOV, "P"), (CO, "P"),
      ("战略合作协议", "G")], {"张华": "witness", "孙丽": "witness", "_no_signers": True}),
    ("talks_then_both_witnessed", f"3月5日，{CO}董事长孙丽在青川与县委书记张华举行会谈。双方就新能源等领域合作深入交流，"
     f"并见证{GOV}与{CO}签署战略合作协议。",
     [("3月5日", "D"), (CO, "P"), ("董事长", "T"), ("孙丽", "O"), ("县委书记", "T"), ("张华", "O"), (GOV, "P"), (CO, "P"),
      ("战略合作协议", "G")], {"张华": "witness", "孙丽": "witness", "_no_signers": True}),
    ("meeting_then_signed_without_them", f"3月4日，县委书记张华会见了{CO}董事长孙丽一行。3月5日，{GOV}与{CO}签署战略合作协议。",
     [("3月4日", "D"), ("县委书记", "T"), ("张华", "O"), (CO, "P"), ("董事长", "T"), ("孙丽", "O"), ("3月5日", "D"),
      (GOV, "P"), (CO, "P"), ("战略合作协议", "G")], {"_no_signers": True}),
    ("host_and_guest_unveil_and_witness", SIGNING + SIGNERS + f"县委书记张华会见了{CO}董事长孙丽一行，共同为项目揭牌并见证签约。",
     [("县委书记", "T"), ("张华", "O"), (CO, "P"), ("董事长", "T"), ("孙丽", "O")], {"张华", "孙丽"}),
    ("cited_leader", SIGNING + SIGNERS + "双方将深入学习贯彻张华同志重要讲话精神。", [("张华", "O")], set()),
    ("witnesses_named_after", SIGNING + SIGNERS + "见证签约的有县委书记张华、县长刘洋。",
     [("县委书记", "T"), ("张华", "O"), ("县长", "T"), ("刘洋", "O")], {"张华", "刘洋"}),
    ("attended_before_the_signers", SIGNING + "县委书记张华、县长刘洋出席签约仪式。" + SIGNERS,
     [("县委书记", "T"), ("张华", "O"), ("县长", "T"), ("刘洋", "O")], {"张华", "刘洋"}),
    ("host_then_met_guests_witness_together", SIGNING + SIGNERS + "县委书记张华会见星河科技有限公司董事长孙丽一行，并共同见证签约。",
     [("县委书记", "T"), ("张华", "O"), (CO, "P"), ("董事长", "T"), ("孙丽", "O")], {"张华", "孙丽"}),
    ("at_the_ceremony_introduces", SIGNING + SIGNERS + "仪式上，县长刘洋介绍了青川县的投资环境。",
     [("县长", "T"), ("刘洋", "O")], {"刘洋"}),
    ("visit_on_another_day_accompanied", SIGNING + SIGNERS + "3月4日，星河科技有限公司董事长孙丽一行来青川考察，县长刘洋陪同。",
     [("3月4日", "D"), (CO, "P"), ("董事长", "T"), ("孙丽", "O"), ("县长", "T"), ("刘洋", "O")], set()),
    ("other_ceremony_on_another_day", SIGNING + SIGNERS + "3月4日，县长刘洋出席了星河科技有限公司青川基地开工仪式。",
     [("3月4日", "D"), ("县长", "T"), ("刘洋", "O"), (CO, "P")], set()),
    ("other_short_ceremony_on_another_day", SIGNING + SIGNERS + "3月4日，县长刘洋出席了青川基地开工仪式。",
     [("3月4日", "D"), ("县长", "T"), ("刘洋", "O")], set()),
    ("attended_on_the_signing_day", SIGNING + SIGNERS + "3月5日上午，县长刘洋出席签约仪式。",
     [("3月5日上午", "D"), ("县长", "T"), ("刘洋", "O")], {"刘洋"}),
    ("speech_at_the_meeting_no_comma", SIGNING + SIGNERS + "会上县委书记张华致辞。", [("县委书记", "T"), ("张华", "O")],
     {"张华"}),
    ("leaders_attend_the_said_events", SIGNING + SIGNERS + "县领导张华、刘洋，县政府秘书长赵刚等参加上述活动。",
     [("张华", "O"), ("刘洋", "O"), ("县政府秘书长", "T"), ("赵刚", "O")], {"张华", "刘洋", "赵刚"}),
    ("witnessed_the_signing_as_noun", SIGNING + SIGNERS + "县委书记张华与星河科技有限公司董事长孙丽共同见证了协议的签署。",
     [("县委书记", "T"), ("张华", "O"), (CO, "P"), ("董事长", "T"), ("孙丽", "O")], {"张华", "孙丽"}),
    ("unveil_and_witness", SIGNING + SIGNERS + "县长刘洋与星河科技有限公司董事长孙丽共同为项目揭牌并见证签约。",
     [("县长", "T"), ("刘洋", "O"), (CO, "P"), ("董事长", "T"), ("孙丽", "O")], {"刘洋", "孙丽"}),
    ("titles_after_names_attend", SIGNING + SIGNERS + "张华书记、刘洋县长出席签约仪式。",
     [("张华", "O"), ("书记", "T"), ("刘洋", "O"), ("县长", "T")], {"张华", "刘洋"}),
    ("witnessed_with_deng", SIGNING + SIGNERS + "县委书记张华、县长刘洋等见证。", [("县委书记", "T"), ("张华", "O"),
                                                                         ("县长", "T"), ("刘洋", "O")], {"张华", "刘洋"}),
    ("also_attending_were", SIGNING + SIGNERS + "出席活动的还有县委常委、常务副县长赵刚和县政府秘书长周平。",
     [("县委常委", "T"), ("常务副县长", "T"), ("赵刚", "O"), ("县政府秘书长", "T"), ("周平", "O")], {"赵刚", "周平"}),
    ("quoted_only_is_no_witness", SIGNING + SIGNERS + "县长刘洋表示，将全力支持项目建设。", [("县长", "T"), ("刘洋", "O")],
     set()),
    ("toured_with_escort_is_no_witness", SIGNING + SIGNERS + "在县长刘洋的陪同下，孙丽一行考察了青川工业园区。",
     [("县长", "T"), ("刘洋", "O"), ("孙丽", "O")], set()),
    ("came_to_the_ceremony", SIGNING + SIGNERS + "县委书记张华莅临签约仪式现场。", [("县委书记", "T"), ("张华", "O")], {"张华"}),
    ("attended_the_meeting_of_the_signing", f"3月5日，{GOV}与{CO}举行座谈会，双方签署战略合作协议。" + SIGNERS +
     "县委常委赵刚参加座谈会。",
     [("3月5日", "D"), (GOV, "P"), (CO, "P"), ("战略合作协议", "G")] + SIGNERS_ITEMS + [("县委常委", "T"), ("赵刚", "O")],
     {"赵刚"}),
    ("only_at_the_talks", f"3月5日，县委书记张华与{CO}董事长孙丽举行会谈，县委常委赵刚参加会谈。随后，{GOV}与{CO}签署"
     "战略合作协议。" + SIGNERS,
     [("3月5日", "D"), ("县委书记", "T"), ("张华", "O"), (CO, "P"), ("董事长", "T"), ("孙丽", "O"), ("县委常委", "T"),
      ("赵刚", "O"), (GOV, "P"), (CO, "P"), ("战略合作协议", "G")] + SIGNERS_ITEMS, set()),
    ("came_to_congratulate", SIGNING + SIGNERS + "县人大常委会主任周平到场祝贺。", [("县人大常委会主任", "T"), ("周平", "O")],
     {"周平"}),
    ("attending_leaders_colon", SIGNING + SIGNERS + "出席仪式的领导有：县委书记张华、县长刘洋。",
     [("县委书记", "T"), ("张华", "O"), ("县长", "T"), ("刘洋", "O")], {"张华", "刘洋"}),
    ("attending_leaders_one_per_line", SIGNING + SIGNERS + "\n出席签约仪式的领导有：\n县委书记张华\n县长刘洋\n",
     [("县委书记", "T"), ("张华", "O"), ("县长", "T"), ("刘洋", "O")], {"张华", "刘洋"}),
    ("witnesses_are", SIGNING + SIGNERS + "见证人为县委书记张华和县长刘洋。", [("县委书记", "T"), ("张华", "O"), ("县长", "T"),
                                                                    ("刘洋", "O")], {"张华", "刘洋"}),
    ("speech_at_another_meeting_of_a_ceremony_article", "3月5日，青川县举行重点项目签约仪式。" + GOV + "与" + CO +
     "签署战略合作协议。" + SIGNERS + "3月4日，县长刘洋在全县招商引资工作会议上讲话。",
     [("3月5日", "D"), ("青川县", "P"), (GOV, "P"), (CO, "P"), ("战略合作协议", "G")] + SIGNERS_ITEMS +
     [("3月4日", "D"), ("县长", "T"), ("刘洋", "O")], set()),
]


@pytest.mark.parametrize("text,items,witnesses", [c[1:] for c in WITNESS_CASES], ids=[c[0] for c in WITNESS_CASES])
def test_witnesses(text, items, witnesses):
    if text.startswith(SIGNING + SIGNERS):
        items = SIGNING_ITEMS + SIGNERS_ITEMS + items
    elif text.startswith(SIGNING) and SIGNERS in text:
        i = next(k for k, it in enumerate(items) if it[0] == "刘洋") + 1
        items = SIGNING_ITEMS + items[:i] + SIGNERS_ITEMS + items[i:]
    _, officials, _, _ = _facts(text, items)
    if isinstance(witnesses, dict):  # name -> role, for people who are not witnesses
        witnesses = dict(witnesses)
        signers = set() if witnesses.pop("_no_signers", False) else BOTH_SIGN
        assert officials == signers | set(witnesses.items())
    else:
        assert officials == BOTH_SIGN | {(n, "witness") for n in witnesses}


# --------------------------------------------------------------------------- (c) titles and the official's party
GROUP = "星河能源集团有限公司"
TITLE_CASES = [
    ("group_company_word", f"3月5日，{GOV}与{GROUP}签署战略合作协议。集团公司党委书记、董事长王强与副县长李明代表双方签约。",
     [("3月5日", "D"), (GOV, "P"), (GROUP, "P"), ("战略合作协议", "G"), ("集团公司", "P"), ("党委书记", "T"),
      ("董事长", "T"), ("王强", "O"), ("副县长", "T"), ("李明", "O")],
     {"王强": ("党委书记、董事长", GROUP), "李明": ("副县长", GOV)}),
    ("branch_not_head_office", f"3月5日，{GOV}与白石银行临江分行签署战略合作协议。白石银行临江分行行长孙丽与副县长李明代表双方签约。",
     [("3月5日", "D"), (GOV, "P"), ("白石银行临江分行", "P"), ("战略合作协议", "G"), ("白石银行临江分行", "P"),
      ("行长", "T"), ("孙丽", "O"), ("副县长", "T"), ("李明", "O")],
     {"孙丽": ("行长", "白石银行临江分行"), "李明": ("副县长", GOV)}),
    ("stacked_government_titles", SIGNING + "县委常委、副县长赵刚与星河科技有限公司总经理王强代表双方签约。",
     SIGNING_ITEMS + [("县委常委", "T"), ("副县长", "T"), ("赵刚", "O"), (CO, "P"), ("总经理", "T"), ("王强", "O")],
     {"赵刚": ("县委常委、副县长", GOV), "王强": ("总经理", CO)}),
    ("title_after_name_company", SIGNING + "李明副县长与王强总经理代表双方签署协议。",
     SIGNING_ITEMS + [("李明", "O"), ("副县长", "T"), ("王强", "O"), ("总经理", "T")],
     {"李明": ("副县长", GOV), "王强": ("总经理", CO)}),
    ("head_office_president_at_a_branch_signing", f"3月5日，{GOV}与白石银行临江分行签署战略合作协议。副县长李明与临江分行"
     "行长孙丽代表双方签约，白石银行行长周平出席。",
     [("3月5日", "D"), (GOV, "P"), ("白石银行临江分行", "P"), ("战略合作协议", "G"), ("副县长", "T"), ("李明", "O"),
      ("临江分行", "P"), ("行长", "T"), ("孙丽", "O"), ("白石银行", "P"), ("行长", "T"), ("周平", "O")],
     {"李明": ("副县长", GOV), "孙丽": ("行长", "白石银行临江分行"), "周平": ("行长", "白石银行")}),
    ("province_official_at_county_signing", SIGNING + "临江省副省长赵刚出席签约仪式。副县长李明与星河科技有限公司总经理王强代表双方签约。",
     SIGNING_ITEMS + [("临江省", "P"), ("副省长", "T"), ("赵刚", "O"), ("副县长", "T"), ("李明", "O"), (CO, "P"),
                      ("总经理", "T"), ("王强", "O")],
     {"赵刚": ("副省长", "临江省"), "李明": ("副县长", GOV), "王强": ("总经理", CO)}),
    ("company_official_of_a_non_party", SIGNING + "副县长李明与星河科技有限公司总经理王强代表双方签约，远山集团董事长周平出席。",
     SIGNING_ITEMS + [("副县长", "T"), ("李明", "O"), (CO, "P"), ("总经理", "T"), ("王强", "O"), ("远山集团", "P"),
                      ("董事长", "T"), ("周平", "O")],
     {"李明": ("副县长", GOV), "王强": ("总经理", CO), "周平": ("董事长", "远山集团")}),
    ("university_head", f"3月5日，{GOV}与华林大学签署战略合作协议。华林大学党委副书记、校长周平与副县长李明代表双方签约。",
     [("3月5日", "D"), (GOV, "P"), ("华林大学", "P"), ("战略合作协议", "G"), ("华林大学", "P"), ("党委副书记", "T"),
      ("校长", "T"), ("周平", "O"), ("副县长", "T"), ("李明", "O")],
     {"周平": ("党委副书记、校长", "华林大学"), "李明": ("副县长", GOV)}),
]


@pytest.mark.parametrize("text,items,expected", [c[1:] for c in TITLE_CASES], ids=[c[0] for c in TITLE_CASES])
def test_titles_and_parties(text, items, expected):
    recs, _, _, _ = _facts(text, items)
    got = {o.name: (o.title, o.party) for r in recs for o in r.officials}
    assert got == expected


# --------------------------------------------------------------------------- (d) amounts
AMOUNT_CASES = [
    ("total_in_signing_sentence", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资50亿元。",
     [("50亿元", "A")], {5e9}),
    ("dollars", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资3000万美元。", [("3000万美元", "A")], {3e7}),
    ("hong_kong_dollars", f"3月5日，{GOV}与{CO}签署投资协议，计划投资20亿港元。", [("20亿港元", "A")], {2e9}),
    ("bound_before", f"3月5日，{GOV}与{CO}签署投资协议，项目投资超过20亿元。", [("20亿元", "A")], {2e9}),
    ("range", f"3月5日，{GOV}与{CO}签署投资协议，项目投资10亿至20亿元。", [("10亿至20亿元", "A")], {1e9}),
    ("and_some", f"3月5日，{GOV}与{CO}签署投资协议，项目投资5亿余元。", [("5亿余元", "A")], {5e8}),
    ("next_sentence_with_future_year", SIGNING + "该项目计划总投资15亿元，预计2025年建成投产。",
     [("15亿元", "A"), ("2025年", "D")], {1.5e9}),
    ("output_value_next_sentence", SIGNING + "项目建成后，预计年产值可达30亿元。", [("30亿元", "A")], {3e9}),
    ("capacity_is_not_money", f"3月5日，{GOV}与{CO}签署投资协议，建设装机容量50万千瓦的光伏电站，总投资25亿元。",
     [("50万千瓦", "A"), ("25亿元", "A")], {2.5e9}),
    ("running_total_is_not_the_agreements", SIGNING + "今年以来，全县累计签约项目45个，总投资320亿元。",
     [("320亿元", "A")], set()),
    ("size_class_is_not_an_amount", f"3月5日，{GOV}与{CO}签署投资协议，总投资12亿元，是今年全县第3个10亿元以上项目。",
     [("12亿元", "A"), ("10亿元", "A")], {1.2e9}),
    ("history_investment", SIGNING + "2018年，该公司曾在青川投资建设一期项目，投资8亿元。", [("2018年", "D"), ("8亿元", "A")],
     set()),
    ("year_over_year_growth", SIGNING + "一季度，全县招商引资到位资金45亿元，同比增长12%。", [("45亿元", "A")], set()),
    ("planned_start_day_before_the_money", SIGNING + "项目将于6月1日开工建设，总投资20亿元。",
     [("6月1日", "D"), ("20亿元", "A")], {2e9}),
    ("two_phases", f"3月5日，{GOV}与{CO}签署投资协议，一期投资8亿元，二期投资12亿元。", [("8亿元", "A"), ("12亿元", "A")],
     {8e8, 1.2e9}),
    ("credit_by_the_agreement", SIGNING + "根据协议，星河科技有限公司将为青川县提供100亿元意向性授信。",
     [(CO, "P"), ("青川县", "P"), ("100亿元", "A")], {1e10}),
    ("signed_money_reaches", f"3月5日，{GOV}与{CO}签署投资协议，签约金额达5000万元。", [("5000万元", "A")], {5e7}),
    ("trillion_with_about", f"3月5日，{GOV}与{CO}签署投资协议，总投资约1.2万亿元。", [("1.2万亿元", "A")], {1.2e12}),
    ("chinese_numeral_money", f"3月5日，{GOV}与{CO}签署投资协议，首期出资两千万元。", [("两千万元", "A")], {2e7}),
    ("county_gdp_is_not_agreement_money", SIGNING + "青川县地区生产总值达200亿元。", [("青川县", "P"), ("200亿元", "A")],
     set()),
    ("last_years_output_is_history", SIGNING + "2023年，全县实现工业产值150亿元。", [("2023年", "D"), ("150亿元", "A")],
     set()),
    ("tons_and_jobs_are_not_money", f"3月5日，{GOV}与{CO}签署投资协议，项目年产10万吨，带动就业1万人，总投资6亿元。",
     [("10万吨", "A"), ("1万人", "A"), ("6亿元", "A")], {6e8}),
    ("hundreds_of_millions_word", f"3月5日，{GOV}与{CO}签署投资协议，计划投入超百亿元。", [("超百亿元", "A")], {1e10}),
    ("company_profile_revenue", SIGNING + "星河科技有限公司是一家年营收超百亿元的新能源企业。", [(CO, "P"), ("超百亿元", "A")],
     set()),
    ("registered_capital", SIGNING + "星河科技有限公司成立于2015年，注册资本10亿元。", [(CO, "P"), ("2015年", "D"), ("10亿元", "A")],
     set()),
    ("recent_years_attracted", SIGNING + "近年来，青川县吸引社会投资300亿元。", [("青川县", "P"), ("300亿元", "A")], set()),
    ("completed_earlier_project", SIGNING + "该公司在青川投资的一期项目已建成投产，投资10亿元。", [("10亿元", "A")], set()),
    ("contract_value", SIGNING + "合同额为8亿元。", [("8亿元", "A")], {8e8}),
    ("target_after_completion", SIGNING + "项目达产后，年营业收入可达50亿元。", [("50亿元", "A")], {5e9}),
    ("cooperation_involves_money", SIGNING + "本次合作涉及金额12亿元。", [("12亿元", "A")], {1.2e9}),
    ("project_total_money", SIGNING + "项目总金额约12亿元。", [("12亿元", "A")], {1.2e9}),
    ("fund_scale", SIGNING + "双方将共同设立规模为50亿元的产业基金。", [("50亿元", "A")], {5e9}),
    ("sales_and_tax_targets", SIGNING + "项目建成后可实现年销售收入30亿元、利税5亿元。", [("30亿元", "A"), ("5亿元", "A")],
     {3e9, 5e8}),
    ("company_described_by_its_revenue", f"3月5日，{GOV}与年营收超50亿元的{CO}签署投资协议，项目总投资8亿元。",
     [("3月5日", "D"), (GOV, "P"), ("50亿元", "A"), (CO, "P"), ("8亿元", "A")], {8e8}),
    ("company_project_described_by_its_investment", f"3月5日，{GOV}与投资1.8亿元的{CO}面粉加工项目签约。",
     [("3月5日", "D"), (GOV, "P"), ("1.8亿元", "A"), (CO, "P")], {1.8e8}),
    ("company_assets_before_the_projects_money", f"3月5日，{GOV}与总资产超千亿元的{CO}签署投资协议，项目总投资50亿元。",
     [("3月5日", "D"), (GOV, "P"), ("超千亿元", "A"), (CO, "P"), ("50亿元", "A")], {5e9}),
    ("project_described_by_its_investment", f"3月5日，{GOV}与{CO}签署总投资8亿元的新能源项目投资协议。",
     [("8亿元", "A")], {8e8}),
    ("conversion_in_brackets", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资5000万美元（约合3.5亿元人民币）。",
     [("5000万美元", "A"), ("3.5亿元人民币", "A")], {5e7}),
    ("joint_venture_capital_in_signing_sentence", f"3月5日，{GOV}与{CO}签署合资协议，共同出资设立注册资本5亿元的合资公司。",
     [("5亿元", "A")], {5e8}),
    ("per_project_and_total", f"3月5日，{GOV}与{CO}、蓝海能源集团有限公司分别签署投资协议，总投资60亿元。其中，"
     f"{CO}光伏项目投资20亿元，蓝海能源集团有限公司储能项目投资40亿元。",
     [("3月5日", "D"), (GOV, "P"), (CO, "P"), ("蓝海能源集团有限公司", "P"), ("60亿元", "A"), (CO, "P"), ("20亿元", "A"),
      ("蓝海能源集团有限公司", "P"), ("40亿元", "A")], {6e9, 2e9, 4e9}),
]


@pytest.mark.parametrize("text,items,values", [c[1:] for c in AMOUNT_CASES], ids=[c[0] for c in AMOUNT_CASES])
def test_amounts(text, items, values):
    if text.startswith(SIGNING):
        items = SIGNING_ITEMS + items
    elif not items[0][1] == "D":
        items = [("3月5日", "D"), (GOV, "P"), (CO, "P")] + items
    _, _, amounts, _ = _facts(text, items)
    assert amounts == values


# --------------------------------------------------------------------------- (e) dates
SIGNED = [(GOV, "P"), (CO, "P"), ("战略合作协议", "G")]
DATE_CASES = [
    ("yesterday_morning", f"昨天上午，{GOV}与{CO}签署战略合作协议。", [("昨天上午", "D")] + SIGNED, "2024-03-06",
     {"2024-03-05"}),
    ("today_with_dateline", f"本报青川3月5日讯 今天下午，{GOV}与{CO}签署战略合作协议。",
     [("3月5日", "D"), ("今天下午", "D")] + SIGNED, "2024-03-07", {"2024-03-05"}),
    ("month_day_across_new_year", f"12月30日，{GOV}与{CO}签署战略合作协议。", [("12月30日", "D")] + SIGNED,
     "2025-01-02", {"2024-12-30"}),
    ("yesterday_across_new_year", f"昨日，{GOV}与{CO}签署战略合作协议。", [("昨日", "D")] + SIGNED, "2025-01-01",
     {"2024-12-31"}),
    ("recently_gives_no_day", f"日前，{GOV}与{CO}签署战略合作协议。", [("日前", "D")] + SIGNED, "2024-03-06", set()),
    ("evening", f"3月5日晚，{GOV}与{CO}签署战略合作协议。", [("3月5日晚", "D")] + SIGNED, "2024-03-06", {"2024-03-05"}),
    ("history_date_is_not_the_signing", f"早在2019年5月1日，双方就签署了合作备忘录。3月5日，{GOV}与{CO}签署战略合作协议。",
     [("2019年5月1日", "D"), ("3月5日", "D")] + SIGNED, "2024-03-06", {"2024-03-05"}),
    ("same_day_refers_back", f"3月5日，县委书记张华会见了{CO}董事长王强一行。当天，{GOV}与{CO}签署战略合作协议。",
     [("3月5日", "D"), ("县委书记", "T"), ("张华", "O"), (CO, "P"), ("董事长", "T"), ("王强", "O"), ("当天", "D")]
     + SIGNED, "2024-03-08", {"2024-03-05"}),
    ("day_only_with_dateline", f"新华社青川3月6日电 5日，{GOV}与{CO}签署战略合作协议。",
     [("3月6日", "D"), ("5日", "D")] + SIGNED, "2024-03-07", {"2024-03-05"}),
    ("chinese_numerals", f"三月五日，{GOV}与{CO}签署战略合作协议。", [("三月五日", "D")] + SIGNED, "2024-03-06",
     {"2024-03-05"}),
    ("milestone_after_the_verb", f"3月5日，{GOV}与{CO}签署战略合作协议，项目将于2025年6月30日前竣工。",
     [("3月5日", "D")] + SIGNED + [("2025年6月30日", "D")], "2024-03-06", {"2024-03-05"}),
    ("this_year_month_day", f"今年3月5日，{GOV}与{CO}签署战略合作协议。", [("今年3月5日", "D")] + SIGNED, "2024-05-06",
     {"2024-03-05"}),
    ("signing_day_after_a_visit_day", f"3月4日，县委书记张华会见了{CO}董事长王强一行。3月5日，{GOV}与{CO}签署战略合作协议。",
     [("3月4日", "D"), ("县委书记", "T"), ("张华", "O"), (CO, "P"), ("董事长", "T"), ("王强", "O"), ("3月5日", "D")]
     + SIGNED, "2024-03-08", {"2024-03-05"}),
    ("this_month_day", f"本月5日，{GOV}与{CO}签署战略合作协议。", [("本月5日", "D")] + SIGNED, "2024-03-06",
     {"2024-03-05"}),
    ("last_month_day", f"上月28日，{GOV}与{CO}签署战略合作协议。", [("上月28日", "D")] + SIGNED, "2024-03-06",
     {"2024-02-28"}),
    ("last_month_day_across_new_year", f"上月30日，{GOV}与{CO}签署战略合作协议。", [("上月30日", "D")] + SIGNED,
     "2025-01-06", {"2024-12-30"}),
    ("earlier_agreement_by_full_date", f"3月5日，{GOV}与{CO}签署战略合作协议。这是继2019年8月19日签署合作备忘录之后，"
     "双方的又一次深度合作。", [("3月5日", "D")] + SIGNED + [("2019年8月19日", "D"), ("合作备忘录", "G")], "2024-03-06",
     {"2024-03-05"}),
    ("earlier_agreement_after_an_undated_signing", f"3月5日上午，{CO}董事长孙丽一行到访青川。随后，{GOV}与{CO}签署战略合作"
     "协议。这是继2019年8月19日签署合作备忘录之后，双方的又一次深度合作。",
     [("3月5日上午", "D"), (CO, "P"), ("董事长", "T"), ("孙丽", "O")] + SIGNED + [("2019年8月19日", "D"), ("合作备忘录", "G")],
     "2024-03-06", {"2024-03-05"}),
    ("signing_last_december_reported_in_january", f"2023年12月28日，{GOV}与{CO}签署战略合作协议。",
     [("2023年12月28日", "D")] + SIGNED, "2024-01-03", {"2023-12-28"}),
    ("founding_date_is_no_signing_day", f"{CO}成立于2015年6月1日，是一家新能源企业。该公司与{GOV}签署战略合作协议。",
     [(CO, "P"), ("2015年6月1日", "D"), (GOV, "P"), ("战略合作协议", "G")], "2024-03-06", set()),
    ("vague_headline_exact_body", f"{GOV}与{CO}签署战略合作协议\n日前，{GOV}与{CO}签署战略合作协议。"
     f"3月5日，{GOV}与{CO}在青川签署战略合作协议。",
     SIGNED + [("日前", "D")] + SIGNED + [("3月5日", "D")] + SIGNED, "2024-03-08", {"2024-03-05"}),
    ("same_day_morning_after_dateline", f"本报青川3月5日讯 当天上午，{GOV}与{CO}签署战略合作协议。",
     [("3月5日", "D"), ("当天上午", "D")] + SIGNED, "2024-03-07", {"2024-03-05"}),
    ("day_without_ri_before_afternoon", f"12月22下午，{GOV}与{CO}签署战略合作协议。", [("12月22下午", "D")] + SIGNED,
     "2024-12-29", {"2024-12-22"}),
    ("early_this_month_gives_no_day", f"本报青川3月8日讯 本月初，{GOV}与{CO}签署战略合作协议。",
     [("3月8日", "D"), ("本月初", "D")] + SIGNED, "2024-03-08", set()),
    ("first_third_of_month_gives_no_day", f"本报青川3月18日讯 3月上旬，{GOV}与{CO}签署战略合作协议。",
     [("3月18日", "D"), ("3月上旬", "D")] + SIGNED, "2024-03-18", set()),
    ("local_time", f"当地时间3月5日，{GOV}与{CO}在新加坡签署战略合作协议。", [("当地时间3月5日", "D")] + SIGNED, "2024-03-07",
     {"2024-03-05"}),
    ("day_only_of_last_month", f"本报青川3月2日讯 28日，{GOV}与{CO}签署战略合作协议。", [("3月2日", "D"), ("28日", "D")] + SIGNED,
     "2024-03-02", {"2024-02-28"}),
    ("day_only_without_dateline", f"28日，{GOV}与{CO}签署战略合作协议。", [("28日", "D")] + SIGNED, "2025-01-03",
     {"2024-12-28"}),
    ("dateline_then_month_day_in_body", f"本报讯 3月5日上午，{GOV}与{CO}在青川签署战略合作协议。",
     [("3月5日上午", "D")] + SIGNED, None, set()),
]


@pytest.mark.parametrize("text,items,published,dates", [c[1:] for c in DATE_CASES], ids=[c[0] for c in DATE_CASES])
def test_dates(text, items, published, dates):
    _, _, _, got = _facts(text, items, published)
    assert got == dates


@pytest.mark.parametrize("text,value,currency", [
    ("5亿元", 5e8, "CNY"), ("3000万美元", 3e7, "USD"), ("20亿港元", 2e9, "HKD"), ("1.2万亿元", 1.2e12, "CNY"),
    ("两千万元", 2e7, "CNY"), ("百亿元", 1e10, "CNY"), ("超百亿元", 1e10, "CNY"), ("千亿元", 1e11, "CNY"),
    ("近千万元", 1e7, "CNY"), ("上千亿元", 1e11, "CNY"), ("三百亿元", 3e10, "CNY"), ("十亿元", 1e9, "CNY"), ("80多亿元", 8e9, "CNY"), ("人民币10亿元", 1e9, "CNY"),
    ("10亿元人民币", 1e9, "CNY"), ("3,000万元", 3e7, "CNY"), ("5000万欧元", 5e7, "EUR"),
])
def test_amount_forms(text, value, currency):
    from qianyue.rules.amounts import parse_amount

    got, _, cur = parse_amount(text)
    assert (got, cur) == (pytest.approx(value), currency)


@pytest.mark.parametrize("text", ["50万千瓦", "10万吨", "1万人", "300亩", "5亿千瓦时", "25", "2万平方米"])
def test_quantities_are_not_money(text):
    from qianyue.rules.amounts import is_money

    assert not is_money(text)


CO2 = "蓝海能源集团有限公司"
PER_RECORD_CASES = [
    ("total_then_each_projects_money", f"3月5日，{GOV}与{CO}、{CO2}分别签署投资协议，总投资60亿元。其中，{CO}光伏项目投资"
     f"20亿元，{CO2}储能项目投资40亿元。",
     [("3月5日", "D"), (GOV, "P"), (CO, "P"), (CO2, "P"), ("60亿元", "A"), (CO, "P"), ("20亿元", "A"), (CO2, "P"),
      ("40亿元", "A")], {CO: {6e9, 2e9}, CO2: {6e9, 4e9}}),
    ("each_company_invests_in_the_next_sentence", f"3月5日，{GOV}分别与{CO}、{CO2}签署投资协议。{CO}将投资20亿元建设光伏"
     f"项目，{CO2}将投资40亿元建设储能项目。",
     [("3月5日", "D"), (GOV, "P"), (CO, "P"), (CO2, "P"), (CO, "P"), ("20亿元", "A"), (CO2, "P"), ("40亿元", "A")],
     {CO: {2e9}, CO2: {4e9}}),
]


@pytest.mark.parametrize("text,items,expected", [c[1:] for c in PER_RECORD_CASES], ids=[c[0] for c in PER_RECORD_CASES])
def test_amounts_per_record(text, items, expected):
    """A total covering several agreements goes on each; a project's own money only on its agreement (N12)."""
    recs, _, _, _ = _facts(text, items)
    got = {next(p.name for p in r.parties if p.name != GOV): {a.value for a in r.amounts} for r in recs}
    assert got == expected
