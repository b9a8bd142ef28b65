"""Round 9's money and record-count rules read against short articles of our own where they must not fire, or fire
wrongly, and where they should: money that is the agreement's although a rule's word stands near it (a lease's rent
by the year, a grain reserve or a launch centre the project builds, a fund the sides set up together, a project's
start this half-year, a target the agreement sets), a rounded figure of one project beside another project's exact
one, a company's revenue before its name; a second agreement after 同时/此外 or with another pair, a ceremony
planned and then held, 签约事宜 talks whose sides sign in the same sentence, 代表双方 signers of the record just told,
分别…《X》和《Y》 in turn. Entities are given as a perfect tagger would give them (ANNOTATION.md spans, marked in place
as {surface|L}); the expected records and money follow ANNOTATION.md (amounts: money tied to that agreement)."""
from __future__ import annotations

import pytest

from test_record_paraphrase_count import _unmark
from test_record_paraphrase_parties import _check

GOV, XH, LH, BS = "青川县人民政府", "星河科技有限公司", "蓝海能源集团有限公司", "白石银行青川分行"
SIGNED = "{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{投资协议|A}》。"


def _money(marked, published="2024-03-06"):
    """{party name: money values of that party's records} for the article, after checking it gives records."""
    text, items = _unmark(marked)
    from conftest import tag
    from qianyue.rules import build_records
    recs = build_records(text, tag(text, items), published)
    assert recs, "the signing itself must be read"
    out: dict[str, set[float]] = {}
    for r in recs:
        for p in r.parties:
            if p.name != GOV:
                out.setdefault(p.name, set()).update(a.value for a in r.amounts if a.value is not None)
    return out


# 1. money near a rule's word that is still the agreement's own, and figures that are not, beside them
MONEY = {
    # a lease's rent by the year is what the lease sets (租金 on its own is no price per unit)
    "annual_rent_of_a_lease": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{厂房租赁协议|A}》，每年租金{500万元|M}。",
                               {XH: {5e6}}),
    "credit_by_the_year": ("{3月5日|D}，{青川县人民政府|P}与{白石银行青川分行|P}签署《{战略合作协议|A}》，每年提供信贷资金{20亿元|M}。",
                           {BS: {2e9}}),
    "lease_by_the_unit_is_a_price": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{厂房租赁协议|A}》，"
                                     "租金每平方米{15元|M}。", {XH: set()}),
    "company_revenue_last_year": (SIGNED + "星河科技去年营业收入{80亿元|M}。", {XH: set()}),
    "company_sales_as_it_stands": (SIGNED + "该公司是国内光伏龙头，年销售额超过{200亿元|M}。", {XH: set()}),
    "project_sales_target": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{投资协议|A}》，项目建成后年销售额{12亿元|M}。",
                             {XH: {1.2e9}}),
    "investment_and_output_target": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{投资协议|A}》，项目总投资{10亿元|M}，"
                                     "全部投产后年产值{30亿元|M}。", {XH: {1e9, 3e9}}),
    "revenue_target_the_agreement_sets": (SIGNED + "根据协议，到2027年，园区年营业收入达到{100亿元|M}。", {XH: {1e10}}),
    # 储备 and 发布 of projects are a place's shows; a reserve depot or a launch centre is what this project builds
    "grain_reserve_depot": (SIGNED + "{星河科技有限公司|P}将在青川建设粮食储备库，项目总投资{5亿元|M}。", {XH: {5e8}}),
    "launch_centre_built": (SIGNED + "项目包括新品发布中心和研发中心，总投资{8亿元|M}。", {XH: {8e8}}),
    "projects_released_at_the_meeting": (SIGNED + "会上，青川县发布了50个招商项目，总投资{300亿元|M}。", {XH: set()}),
    # a fund the sides set up together, told after the signing, against one set up before
    "fund_the_sides_set_up": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{基金合作协议|A}》。双方共同设立了规模"
                              "{10亿元|M}的产业投资基金。", {XH: {1e9}}),
    "fund_set_up_before": (SIGNED + "此前，青川县已设立了规模{5亿元|M}的产业引导基金。", {XH: set()}),
    # the one project's schedule in this half-year, against a half-year's tally of a county
    "project_starts_this_half_year": (SIGNED + "该项目今年上半年开工建设，总投资{10亿元|M}。", {XH: {1e9}}),
    "half_year_tally": (SIGNED + "今年上半年，全县新开工项目30个，总投资{120亿元|M}。", {XH: set()}),
    # a rounded figure is the exact one of its own record only, not another project's
    "rounded_figure_of_another_project": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{投资协议|A}》，项目总投资"
                                          "{12.3亿元|M}。随后，{青川县人民政府|P}与{蓝海能源集团有限公司|P}签署《{合作协议|A}》，"
                                          "项目总投资约{12亿元|M}。", {XH: {1.23e9}, LH: {1.2e9}}),
    "headline_exact_body_rounded": ("{青川县|P}与{星河科技|P}签约 总投资{67.5亿元|M}\n{3月5日|D}，{青川县人民政府|P}与"
                                    "{星河科技有限公司|P}签署《{投资协议|A}》，签约资金超过{67亿元|M}。", {XH: {6.75e9}}),
    # money before 的 + a company that describes the company, not the agreement
    "capital_before_the_company": ("{3月5日|D}，{青川县人民政府|P}分别与注册资本{5亿元|M}的{星河科技有限公司|P}、"
                                   "{蓝海能源集团有限公司|P}签署《{投资协议|A}》，项目总投资{30亿元|M}。", {XH: {3e9}, LH: {3e9}}),
    "revenue_before_the_company": ("{3月5日|D}，{青川县人民政府|P}分别与年营业收入超{百亿元|M}的{星河科技有限公司|P}、"
                                   "{蓝海能源集团有限公司|P}签署投资协议，两个项目总投资{30亿元|M}。", {XH: {3e9}, LH: {3e9}}),
    "support_funds_the_agreement_gives": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{扶持协议|A}》，县政府将给予"
                                          "扶持资金{3000万元|M}。", {XH: {3e7}}),
    "guaranteed_price_per_kilo": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{收购协议|A}》，以每公斤{6元|M}的"
                                  "保底价收购。", {XH: set()}),
    "dollars_then_renminbi": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{投资协议|A}》，项目总投资{1亿美元|M}，"
                              "折合人民币约{7亿元|M}。", {XH: {1e8}}),
    "reporter_learned_the_next_day": ("{3月6日|D}，记者从青川县商务局了解到，{青川县人民政府|P}与{星河科技有限公司|P}{日前|D}签署"
                                      "《{投资协议|A}》，项目总投资{10亿元|M}。", {XH: {1e9}}),
    "promotion_meeting_with_its_signing": ("{3月5日|D}，青川县举行招商推介会，{青川县人民政府|P}与{星河科技有限公司|P}签署"
                                           "《{投资协议|A}》，项目总投资{10亿元|M}。", {XH: {1e9}}),
}


@pytest.mark.parametrize("case_id", sorted(MONEY))
def test_money_where_round_9_rules_stand_near(case_id):
    marked, expected = MONEY[case_id]
    assert _money(marked) == expected


# 2. how many records: second agreements, planned and held ceremonies, talks, signers, names in turn
COUNT = {
    "tongshi_another_pair": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{光伏项目投资协议|A}》。同时，{临江市人民政府|P}与"
                             "{蓝海能源集团有限公司|P}签署《{储能项目投资协议|A}》。", [[GOV, XH], ["临江市人民政府", LH]]),
    "ciwai_another_pair_sharing_a_side": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{投资协议|A}》。此外，"
                                          "{白石银行青川分行|P}与{星河科技有限公司|P}签署《{授信协议|A}》。", [[GOV, XH], [BS, XH]]),
    "tongshi_the_same_agreement_retold": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{战略合作协议|A}》。同时，"
                                          "双方签署的《{战略合作协议|A}》明确了合作领域。", [[GOV, XH]]),
    "also_lead_generic_named_again": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署{战略合作协议|A}。同时，双方签署了"
                                      "《{战略合作协议|A}》，将在新能源领域开展合作。", [[GOV, XH]]),
    "tongshi_a_real_second": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{战略合作协议|A}》。同时，双方还签署了"
                              "《{数据中心项目投资协议|A}》。", [[GOV, XH], [GOV, XH]]),
    "bingjiu_a_second_of_the_same_sides": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{战略合作协议|A}》，并就数据中心"
                                           "项目签订《{投资协议|A}》。", [[GOV, XH], [GOV, XH]]),
    "ceremony_planned_then_held": ("{3月1日|D}，{青川县人民政府|P}与{星河科技有限公司|P}商定，将于{3月5日|D}举行签约仪式。{3月5日|D}，"
                                   "双方正式签署《{投资协议|A}》。", [[GOV, XH]]),
    "ceremony_planned_signed_earlier": ("双方原定于{3月10日|D}举行签约仪式，{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}"
                                        "提前签署了《{投资协议|A}》。", [[GOV, XH]]),
    "ceremony_only_planned": ("{青川县人民政府|P}与{星河科技有限公司|P}将于{3月10日|D}举行签约仪式，届时双方将签署《{投资协议|A}》。", []),
    "signed_now_more_planned": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{战略合作协议|A}》，双方将于4月举行签约仪式"
                                "签署项目投资协议。", [[GOV, XH]]),
    "talks_on_signing_then_signed": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}就签约事宜进行了磋商，并当场签署了"
                                     "《{投资协议|A}》。", [[GOV, XH]]),
    "talks_on_signing_settled_then_signed": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签约事宜落定后，双方签署"
                                             "《{投资协议|A}》。", [[GOV, XH]]),
    "talks_on_signing_only": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}就项目签约事宜进行了沟通。", []),
    "at_the_ceremony_of_both": ("在{青川县人民政府|P}与{星河科技有限公司|P}战略合作协议签署仪式上，双方签署了《{战略合作协议|A}》。",
                                [[GOV, XH]]),
    "at_the_ceremony_one_side_then_signing": ("在{青川县人民政府|P}与国内高校战略合作协议签署仪式上，{青川县人民政府|P}与{东岳大学|P}"
                                              "签署《{校地合作协议|A}》。", [[GOV, "东岳大学"]]),
    "signers_one_unnamed_unit": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签订《{投资协议|A}》。{县长|T}{王强|O}与"
                                 "{星河科技有限公司|P}{总经理|T}{李明|O}代表双方签约。", [[GOV, XH]]),
    "signers_a_department_for_its_government": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签订《{投资协议|A}》，"
                                                "{青川县发展和改革局|P}{局长|T}{王强|O}与{星河科技有限公司|P}{总经理|T}{李明|O}代表双方签约。",
                                                [[GOV, XH]]),
    "signers_of_another_pair": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签订《{投资协议|A}》。随后，{临江市发展和改革局|P}"
                                "{局长|T}{王强|O}与{蓝海能源集团有限公司|P}{总经理|T}{李明|O}代表双方签署《{合作协议|A}》。",
                                [[GOV, XH], ["临江市发展和改革局", LH]]),
    "in_turn_two_names_two_counterparts": ("{3月5日|D}，{青川县人民政府|P}分别与{星河科技有限公司|P}、{蓝海能源集团有限公司|P}签署"
                                           "《{光伏项目投资协议|A}》和《{储能项目投资协议|A}》。", [[GOV, XH], [GOV, LH]]),
    "headline_parent_over_two_body_signings": ("{青川县|P}与{远山集团|P}签订合作框架协议\n{3月5日|D}，{青川县人民政府|P}与"
                                               "{远山集团有限公司|P}签订《{合作框架协议|A}》。随后，{青川县人民政府|P}与"
                                               "{远山建设有限公司|P}签订《{道路项目协议|A}》。",
                                               [[GOV, "远山集团有限公司"], [GOV, "远山建设有限公司"]]),
    "suihou_you_another_counterpart": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署《{光伏项目投资协议|A}》，随后又与"
                                       "{蓝海能源集团有限公司|P}签署《{储能项目投资协议|A}》。", [[GOV, XH], [GOV, LH]]),
    "talks_then_signed": ("{3月5日|D}，{青川县人民政府|P}与{星河科技有限公司|P}举行会谈，并签署了《{投资协议|A}》。", [[GOV, XH]]),
}

# constructions the rules still miss (strict: a pass is reported)
KNOWN_MISSES = {
    "talks_then_signed": "the sides of talks (会谈) are not carried to ，并签署了 (they sign nothing in 会见 clauses)",
}


@pytest.mark.parametrize("case_id", [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[c]))
                                     if c in KNOWN_MISSES else c for c in sorted(COUNT)])
def test_records_where_round_9_count_rules_stand_near(case_id):
    marked, expected = COUNT[case_id]
    text, items = _unmark(marked)
    _check(text, items, expected)


def test_a_department_head_signs_for_the_record_just_told():
    text, items = _unmark(COUNT["signers_a_department_for_its_government"][0])
    (rec,) = _check(text, items, [[GOV, XH]])
    signers = {o.name: o.party for o in rec.officials if o.role == "signatory"}
    assert signers == {"王强": "青川县发展和改革局", "李明": XH}
