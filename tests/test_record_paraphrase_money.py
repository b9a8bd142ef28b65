"""Paraphrase audit of the record rules for money (issue 16, the amounts of a signing).

Each case is a short article of our own (invented places, companies and people) that words one construction the way
news of government–enterprise signings varies it: the total investment of the signed project in the signing sentence
(总投资, 计划投资, 拟投资, 投资总额, 协议引资, 斥资, with 约/超过/近/逾/不低于/达 and 亿元/万元/亿美元/港元), the project's money
told in a later sentence, credit and financing (授信, 融资, 信贷资金, with a first tranche inside a total), funds, several
projects each with its money beside a total, money with a year, a headline that repeats the money, and figures that are
not the signing's money (a region's output or revenue, a company's revenue or capital, past investment, a price, an
area). Entities are given as a perfect tagger would give them (conftest.tag); the expected money follows
/work/shared/ANNOTATION.md (amounts: money tied to that agreement; a total covering several agreements goes on each)
and is compared the way the record scorer counts it: distinct values per article, or per record where the case names
the side whose record it is."""
from __future__ import annotations

import pytest

from conftest import tag
from qianyue.rules import build_records
from qianyue.rules.amounts import parse_amount

LABELS = {"P": "PARTY", "O": "OFFICIAL", "T": "TITLE", "D": "DATE", "A": "AMOUNT", "G": "AGREEMENT"}

GOV, CO, CO2 = "青川县人民政府", "星河科技有限公司", "蓝海能源集团有限公司"
BANK = "中国农业银行青川分行"
SIGNING = f"3月5日，{GOV}与{CO}签署战略合作协议。"
SIGNING_ITEMS = [("3月5日", "D"), (GOV, "P"), (CO, "P"), ("战略合作协议", "G")]
HEAD = [("3月5日", "D"), (GOV, "P"), (CO, "P")]
BANK_HEAD = [("3月5日", "D"), (GOV, "P"), (BANK, "P")]


def _records(text, items, published="2024-03-06"):
    return build_records(text, tag(text, [(s, LABELS[k]) for s, k in items]), published)


def _values(recs):
    return {a.value for r in recs for a in r.amounts if a.value is not None}


# --------------------------------------------------------------------------- (a) money in the signing sentence
IN_SIGNING = [
    ("planned_investment", f"3月5日，{GOV}与{CO}签署投资协议，项目计划投资15亿元。", HEAD + [("投资协议", "G"), ("15亿元", "A")],
     {1.5e9}),
    ("intended_investment_about", f"3月5日，{GOV}与{CO}签约，拟投资约8亿元建设智能制造基地。",
     HEAD + [("8亿元", "A")], {8e8}),
    ("investment_total_over_dollars", f"3月5日，{GOV}与{CO}签署合作协议，项目投资总额超过3亿美元。",
     HEAD + [("合作协议", "G"), ("3亿美元", "A")], {3e8}),
    ("ten_thousands_of_yuan", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资8500万元。",
     HEAD + [("投资协议", "G"), ("8500万元", "A")], {8.5e7}),
    ("money_before_the_signing_clause", f"3月5日，总投资30亿元的新材料产业园项目正式落户青川，{GOV}与{CO}签署投资协议。",
     [("3月5日", "D"), ("30亿元", "A"), (GOV, "P"), (CO, "P"), ("投资协议", "G")], {3e9}),
    ("company_will_invest", f"3月5日，{GOV}与{CO}签署协议，{CO}将在青川投资12亿元建设数据中心。",
     HEAD + [(CO, "P"), ("12亿元", "A")], {1.2e9}),
    ("company_splashes_out", f"3月5日，{CO}与{GOV}签约，斥资5亿元建设研发中心。",
     [("3月5日", "D"), (CO, "P"), (GOV, "P"), ("5亿元", "A")], {5e8}),
    ("fixed_assets_not_less_than", f"3月5日，{GOV}与{CO}签署投资协议，项目固定资产投资不低于10亿元。",
     HEAD + [("投资协议", "G"), ("10亿元", "A")], {1e9}),
    ("near_a_hundred_yi", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资近百亿元。", HEAD + [("投资协议", "G"), ("百亿元", "A")],
     {1e10}),
    ("yuan_renminbi", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资100亿元人民币。",
     HEAD + [("投资协议", "G"), ("100亿元人民币", "A")], {1e10}),
    ("chinese_numeral_yi", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资五亿元。", HEAD + [("投资协议", "G"), ("五亿元", "A")],
     {5e8}),
    ("range_across_units", f"3月5日，{GOV}与{CO}签署投资协议，计划投资8000万至1亿元。",
     HEAD + [("投资协议", "G"), ("8000万至1亿元", "A")], {8e7}),
    ("tens_of_yi_and_more", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资20多亿元。", HEAD + [("投资协议", "G"), ("20多亿元", "A")],
     {2e9}),
    ("agreement_amount", f"3月5日，{GOV}与{CO}签署合作协议，协议金额2.6亿元。", HEAD + [("合作协议", "G"), ("2.6亿元", "A")],
     {2.6e8}),
    ("signed_funds_reach", f"3月5日，{GOV}与{CO}正式签约，签约资金达3亿元。", HEAD + [("3亿元", "A")], {3e8}),
    ("investment_scale", f"3月5日，{GOV}与{CO}签署投资协议，项目投资规模50亿元。", HEAD + [("投资协议", "G"), ("50亿元", "A")],
     {5e9}),
    ("agreement_attracts", f"3月5日，{GOV}与{CO}签署招商引资协议，协议引资6亿元。",
     HEAD + [("招商引资协议", "G"), ("6亿元", "A")], {6e8}),
    ("colloquial_ge_yi", f"3月5日，{GOV}与{CO}签约，项目计划投资5个亿。", HEAD + [("5个亿", "A")], {5e8}),
    ("financial_numerals", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资人民币壹亿元。",
     HEAD + [("投资协议", "G"), ("人民币壹亿元", "A")], {1e8}),
    ("several_tens_of_yi_gives_no_figure", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资数十亿元。",
     HEAD + [("投资协议", "G"), ("数十亿元", "A")], set()),
    ("euros_over", f"3月5日，{GOV}与{CO}签署合作协议，德方将投资逾4500万欧元。", HEAD + [("合作协议", "G"), ("4500万欧元", "A")],
     {4.5e7}),
    ("money_range_with_dash", f"3月5日，{GOV}与{CO}签署投资协议，项目预计投资50-80亿元。",
     HEAD + [("投资协议", "G"), ("50-80亿元", "A")], {5e9}),
    ("lower_bound_of_the_project", f"3月5日，{GOV}与{CO}签署投资协议，建设总投资10亿元以上的研发项目。",
     HEAD + [("投资协议", "G"), ("10亿元", "A")], {1e9}),
    ("size_class_counted_beside_the_total", "3月5日，青川县举行集中签约仪式，签约项目6个，总投资45亿元，其中总投资10亿元以上项目2个。",
     [("3月5日", "D"), ("青川县", "P"), ("45亿元", "A"), ("10亿元", "A")], {4.5e9}),
    ("conversion_after_a_comma", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资1亿美元，折合人民币约7亿元。",
     HEAD + [("投资协议", "G"), ("1亿美元", "A"), ("7亿元", "A")], {1e8}),
    ("conversion_in_brackets_without_about", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资2亿欧元（折合人民币15.6亿元）。",
     HEAD + [("投资协议", "G"), ("2亿欧元", "A"), ("15.6亿元", "A")], {2e8}),
    ("money_then_output_target", f"3月5日，{GOV}与{CO}签署投资协议，项目总投资6亿元，达产后年产值可达20亿元。",
     HEAD + [("投资协议", "G"), ("6亿元", "A"), ("20亿元", "A")], {6e8, 2e9}),
]

# ------------------------------------------------------------------- (b) the project's money told after the signing
AFTER_SIGNING = [
    ("it_is_learned", SIGNING + "据悉，该项目总投资约15亿元。", SIGNING_ITEMS + [("15亿元", "A")], {1.5e9}),
    ("planned_total_with_year", SIGNING + "项目计划总投资20亿元，建设期两年，2026年底建成投产。",
     SIGNING_ITEMS + [("20亿元", "A"), ("2026年底", "D")], {2e9}),
    ("named_project_occupies_land", SIGNING + "星河智能制造产业园项目占地300亩，总投资25亿元。",
     SIGNING_ITEMS + [("25亿元", "A")], {2.5e9}),
    ("two_phases_in_later_sentence", SIGNING + "项目分两期建设，其中一期投资6亿元，二期投资9亿元。",
     SIGNING_ITEMS + [("6亿元", "A"), ("9亿元", "A")], {6e8, 9e8}),
    ("by_the_agreement_company_invests", SIGNING + f"根据协议，{CO}将在青川投资建设新能源电池项目，计划投资30亿元。",
     SIGNING_ITEMS + [(CO, "P"), ("30亿元", "A")], {3e9}),
    ("dollars_later", SIGNING + "该项目总投资1.5亿美元，主要生产高端传感器。", SIGNING_ITEMS + [("1.5亿美元", "A")], {1.5e8}),
    ("next_paragraph", SIGNING + "\n该项目投资总额为12亿元，达产后年产值可达40亿元。",
     SIGNING_ITEMS + [("12亿元", "A"), ("40亿元", "A")], {1.2e9, 4e9}),
    ("two_sentences_later", SIGNING + "双方将在新能源领域开展深度合作。项目总投资18亿元。",
     SIGNING_ITEMS + [("18亿元", "A")], {1.8e9}),
    ("this_signing_totals", SIGNING + "此次签约项目总投资8亿元。", SIGNING_ITEMS + [("8亿元", "A")], {8e8}),
    ("intends_total_and_jobs", SIGNING + "项目拟总投资约6.8亿元，建成后可新增就业岗位500个。",
     SIGNING_ITEMS + [("6.8亿元", "A")], {6.8e8}),
    ("introduced_by_it_is_reported", SIGNING + "据介绍，星河科技有限公司计划投入3000万元，建设区域研发中心。",
     SIGNING_ITEMS + [(CO, "P"), ("3000万元", "A")], {3e7}),
    ("five_year_window", SIGNING + f"“十四五”期间，{CO}计划在青川投资50亿元。", SIGNING_ITEMS + [(CO, "P"), ("50亿元", "A")],
     {5e9}),
    ("promised_cumulative", f"3月5日，{GOV}与{CO}签署战略合作协议，2024年至2028年，{CO}将在青川累计投资100亿元。",
     SIGNING_ITEMS + [("2024年", "D"), ("2028年", "D"), (CO, "P"), ("100亿元", "A")], {1e10}),
    ("quoted_commitment", SIGNING + f"“我们将在青川投资30亿元，建设西南生产基地。”{CO}董事长王强表示。",
     SIGNING_ITEMS + [("30亿元", "A"), (CO, "P"), ("董事长", "T"), ("王强", "O")], {3e9}),
    ("total_with_fixed_assets_inside", SIGNING + "项目总投资约50亿元，其中固定资产投资40亿元。",
     SIGNING_ITEMS + [("50亿元", "A"), ("40亿元", "A")], {5e9, 4e9}),
    ("intended_signed_amount", SIGNING + "双方意向签约金额达15亿元。", SIGNING_ITEMS + [("15亿元", "A")], {1.5e9}),
    ("contract_total", SIGNING + "合同总额约3.2亿元，工期18个月。", SIGNING_ITEMS + [("3.2亿元", "A")], {3.2e8}),
    ("first_phase_then_total", SIGNING + "项目首期投资5亿元，全部建成后总投资将超过20亿元。",
     SIGNING_ITEMS + [("5亿元", "A"), ("20亿元", "A")], {5e8, 2e9}),
    ("money_in_lead_before_signing", f"总投资50亿元的新能源电池项目正式落户青川。3月5日，{GOV}与{CO}签署投资协议。",
     [("50亿元", "A")] + HEAD + [("投资协议", "G")], {5e9}),
    ("reporter_learned_next_day", f"3月5日，{GOV}与{CO}签署投资协议。3月6日，记者从青川县发改局了解到，该项目总投资10亿元。",
     HEAD + [("投资协议", "G"), ("3月6日", "D"), ("记者", "T"), ("青川县发改局", "P"), ("10亿元", "A")], {1e9}),
    ("amounts_respectively", f"3月5日，{GOV}分别与{CO}、{CO2}签署投资协议，两个项目投资额分别为20亿元和8亿元。",
     [("3月5日", "D"), (GOV, "P"), (CO, "P"), (CO2, "P"), ("投资协议", "G"), ("20亿元", "A"), ("8亿元", "A")], {2e9, 8e8}),
    ("press_conference_tells_the_money", SIGNING + "在随后举行的新闻发布会上，项目负责人介绍，该项目总投资12亿元。",
     SIGNING_ITEMS + [("负责人", "T"), ("12亿元", "A")], {1.2e9}),
    ("decided_after_visits", SIGNING + "经过多轮考察洽谈，星河科技有限公司决定投资10亿元在青川建设生产基地。",
     SIGNING_ITEMS + [(CO, "P"), ("10亿元", "A")], {1e9}),
    ("deal_price_of_an_acquisition", f"3月5日，{GOV}与{CO}签署股权转让协议。根据协议，交易价格为2亿元。",
     HEAD + [("股权转让协议", "G"), ("2亿元", "A")], {2e8}),
    ("history_told_after_the_money", SIGNING + f"{CO}将追加投资1.5亿欧元扩建生产基地，这是该公司继2015年之后在青川的第二次投资。",
     SIGNING_ITEMS + [(CO, "P"), ("1.5亿欧元", "A"), ("2015年", "D")], {1.5e8}),
    ("history_since_told_after_the_money", SIGNING + f"{CO}将追加投资2亿元扩建研发中心，这是该公司2016年落户青川以来的第三次增资。",
     SIGNING_ITEMS + [(CO, "P"), ("2亿元", "A"), ("2016年", "D")], {2e8}),
    ("sales_target_of_the_cooperation", SIGNING + "双方力争用三年时间，推动全县电商企业网络销售额突破50亿元。",
     SIGNING_ITEMS + [("50亿元", "A")], {5e9}),
    ("support_funds_each_year", SIGNING + "青川县将统筹安排每年不低于5000万元的数字化专项扶持资金。",
     SIGNING_ITEMS + [("青川县", "P"), ("5000万元", "A")], {5e7}),
    ("planned_half_year_then_target", SIGNING + "项目预计2025年上半年建成投产，达产后可实现年销售收入约5亿元。",
     SIGNING_ITEMS + [("2025年上半年", "D"), ("5亿元", "A")], {5e8}),
    ("project_target_with_year", SIGNING + "项目总投资20亿元，预计2026年建成投产，达产后年产值50亿元。",
     SIGNING_ITEMS + [("20亿元", "A"), ("2026年", "D"), ("50亿元", "A")], {2e9, 5e9}),
]

# --------------------------------------------------------------------------- (c) credit and financing
CREDIT = [
    ("credit_support_in_signing", f"3月5日，{GOV}与{BANK}签署战略合作协议，未来五年，该行将向青川县提供不低于50亿元的意向性信贷支持。",
     BANK_HEAD + [("战略合作协议", "G"), ("青川县", "P"), ("50亿元", "A")], {5e9}),
    ("financing_by_agreement", f"3月5日，{GOV}与{BANK}签署战略合作协议。根据协议，{BANK}将在三年内为全县重点项目提供200亿元融资支持。",
     BANK_HEAD + [("战略合作协议", "G"), (BANK, "P"), ("200亿元", "A")], {2e10}),
    ("credit_line_granted", f"3月5日，{GOV}与{BANK}签约，获得意向性授信额度30亿元。", BANK_HEAD + [("30亿元", "A")], {3e9}),
    ("loans_not_less_than", f"3月5日，{GOV}与{BANK}签署银政合作协议，{BANK}计划发放贷款不少于10亿元。",
     BANK_HEAD + [("银政合作协议", "G"), (BANK, "P"), ("10亿元", "A")], {1e9}),
    ("total_with_first_tranche", f"3月5日，{GOV}与{BANK}签署战略合作协议，预计合作金额超300亿元，其中首期项目授信80亿元。",
     BANK_HEAD + [("战略合作协议", "G"), ("300亿元", "A"), ("80亿元", "A")], {3e10, 8e9}),
    ("credit_with_new_loans", f"3月5日，{GOV}与{BANK}签署战略合作协议。{BANK}将提供不少于80亿元信贷资金，其中新增贷款不少于30亿元。",
     BANK_HEAD + [("战略合作协议", "G"), (BANK, "P"), ("80亿元", "A"), ("30亿元", "A")], {8e9, 3e9}),
    ("credit_within_years_first", f"3月5日，{GOV}与{BANK}签署战略合作协议，“十四五”期间，{BANK}将为青川提供100亿元授信。",
     BANK_HEAD + [("战略合作协议", "G"), (BANK, "P"), ("100亿元", "A")], {1e10}),
]

# --------------------------------------------------------------------------- (d) funds
FUNDS = [
    ("fund_target_scale", SIGNING + "双方将共同发起设立目标规模20亿元的产业投资基金。", SIGNING_ITEMS + [("20亿元", "A")], {2e9}),
    ("fund_total_and_first_phase", SIGNING + "基金总规模10亿元，首期规模3亿元。", SIGNING_ITEMS + [("10亿元", "A"), ("3亿元", "A")],
     {1e9, 3e8}),
    ("fund_signed", f"3月5日，{GOV}与{CO}签署基金合作协议，共同设立规模5亿元的乡村振兴基金。",
     HEAD + [("基金合作协议", "G"), ("5亿元", "A")], {5e8}),
]

# --------------------------------------------------------------------------- (e) several projects, a total, a headline
SEVERAL = [
    ("counted_batch_total", "3月5日，青川县举行招商引资项目集中签约仪式，现场签约项目8个，总投资56亿元。",
     [("3月5日", "D"), ("青川县", "P"), ("56亿元", "A")], {5.6e9}),
    ("counted_with_classes", "3月5日，青川县举行重点项目集中签约仪式，签约项目12个，协议总投资120亿元，其中工业项目8个、投资90亿元，"
     "服务业项目4个、投资30亿元。", [("3月5日", "D"), ("青川县", "P"), ("120亿元", "A"), ("90亿元", "A"), ("30亿元", "A")],
     {1.2e10, 9e9, 3e9}),
    ("signed_at_a_promotion_fair", "3月5日，青川县招商推介会在成都举行。推介会上，青川县与省内外企业现场签约项目6个，合同投资额合计约"
     "68亿元。", [("3月5日", "D"), ("青川县", "P"), ("青川县", "P"), ("68亿元", "A")], {6.8e9}),
    ("headline_repeats_money", f"青川县与星河科技签约 总投资50亿元\n3月5日，{GOV}与{CO}签署投资协议，项目总投资50亿元。",
     [("青川县", "P"), ("星河科技", "P"), ("50亿元", "A")] + HEAD + [("投资协议", "G"), ("50亿元", "A")], {5e9}),
    ("headline_money_without_yuan", f"星河科技50亿投资青川新能源项目\n3月5日，{GOV}与{CO}签署投资协议，项目总投资50亿元。",
     [("星河科技", "P"), ("50亿", "A")] + HEAD + [("投资协议", "G"), ("50亿元", "A")], {5e9}),
    ("money_only_in_headline", f"投资50亿元 星河科技新能源项目落户青川\n3月5日，{GOV}与{CO}签署投资协议。",
     [("50亿元", "A"), ("星河科技", "P")] + HEAD + [("投资协议", "G")], {5e9}),
    ("headline_hundred_yi_without_yuan", f"星河科技百亿投资青川\n3月5日，{GOV}与{CO}签署投资协议，项目总投资超百亿元。",
     [("星河科技", "P"), ("百亿", "A")] + HEAD + [("投资协议", "G"), ("超百亿元", "A")], {1e10}),
    ("total_told_exact_and_rounded", "青川签约5个项目 总投资32.6亿元\n3月5日，青川县举行招商引资项目集中签约仪式，共签约5个项目，"
     "签约资金超过32亿元。", [("32.6亿元", "A"), ("3月5日", "D"), ("青川县", "P"), ("32亿元", "A")], {3.26e9}),
    ("total_about_and_part_exact", SIGNING + "项目总投资约50亿元，其中一期投资49亿元。",
     SIGNING_ITEMS + [("50亿元", "A"), ("49亿元", "A")], {5e9, 4.9e9}),
    ("headline_years_and_credit", f"5年100亿元！青川县与农行签署战略合作协议\n3月5日，{GOV}与{BANK}签署战略合作协议，"
     "未来5年将提供100亿元信贷支持。",
     [("100亿元", "A"), ("青川县", "P"), ("农行", "P"), ("战略合作协议", "G")] + BANK_HEAD + [("战略合作协议", "G"),
                                                                                   ("100亿元", "A")], {1e10}),
]

PER_RECORD = [
    ("each_project_after_the_total", f"3月5日，{GOV}分别与{CO}、{CO2}签署投资协议，两个项目总投资45亿元。{CO}锂电池项目投资30亿元，"
     f"{CO2}储能项目投资15亿元。",
     [("3月5日", "D"), (GOV, "P"), (CO, "P"), (CO2, "P"), ("投资协议", "G"), ("45亿元", "A"), (CO, "P"), ("30亿元", "A"),
      (CO2, "P"), ("15亿元", "A")], {CO: {4.5e9, 3e9}, CO2: {4.5e9, 1.5e9}}),
    ("each_project_described_by_its_money", f"3月5日，{GOV}与投资20亿元的{CO}光伏项目、投资8亿元的{CO2}储能项目签约。",
     [("3月5日", "D"), (GOV, "P"), ("20亿元", "A"), (CO, "P"), ("8亿元", "A"), (CO2, "P")], {CO: {2e9}, CO2: {8e8}}),
    ("each_agreement_with_its_total", f"3月5日，{GOV}与{CO}签署光伏项目投资协议，总投资20亿元；与{CO2}签署储能项目投资协议，"
     "总投资8亿元。",
     [("3月5日", "D"), (GOV, "P"), (CO, "P"), ("光伏项目投资协议", "G"), ("20亿元", "A"), (CO2, "P"), ("储能项目投资协议", "G"),
      ("8亿元", "A")], {CO: {2e9}, CO2: {8e8}}),
    ("each_bilateral_in_own_sentence", f"3月5日，{GOV}与{CO}签署锂电池项目投资协议，项目总投资30亿元。随后，{GOV}与{CO2}签署"
     "储能项目投资协议，项目总投资12亿元。",
     [("3月5日", "D"), (GOV, "P"), (CO, "P"), ("锂电池项目投资协议", "G"), ("30亿元", "A"), (GOV, "P"), (CO2, "P"),
      ("储能项目投资协议", "G"), ("12亿元", "A")], {CO: {3e9}, CO2: {1.2e9}}),
]

# ------------------------------------------------------------------- (f) figures that are no money of the signing
NOT_THE_SIGNINGS = [
    ("region_gdp_after_project_money", SIGNING + "项目总投资10亿元。去年，青川县实现地区生产总值185亿元，同比增长6.5%。",
     SIGNING_ITEMS + [("10亿元", "A"), ("青川县", "P"), ("185亿元", "A")], {1e9}),
    ("region_budget_revenue", SIGNING + "项目总投资10亿元。青川县去年一般公共预算收入达12亿元。",
     SIGNING_ITEMS + [("10亿元", "A"), ("青川县", "P"), ("12亿元", "A")], {1e9}),
    ("company_revenue_last_year", SIGNING + f"{CO}去年实现营业收入80亿元，利润12亿元。",
     SIGNING_ITEMS + [(CO, "P"), ("80亿元", "A"), ("12亿元", "A")], set()),
    ("company_invested_before", SIGNING + f"此前，{CO}已在青川投资5亿元建设一期工厂。",
     SIGNING_ITEMS + [(CO, "P"), ("5亿元", "A")], set()),
    ("company_capital_description", SIGNING + f"{CO}注册资本2亿元，是国家级高新技术企业。",
     SIGNING_ITEMS + [(CO, "P"), ("2亿元", "A")], set()),
    ("price_per_ton", SIGNING + "项目总投资6亿元，产品单价约2万元/吨。", SIGNING_ITEMS + [("6亿元", "A"), ("2万元", "A")], {6e8}),
    ("building_area", SIGNING + "项目总建筑面积12万平方米，总投资9亿元。", SIGNING_ITEMS + [("12万平方米", "A"), ("9亿元", "A")],
     {9e8}),
    ("last_years_fixed_asset_investment", SIGNING + "去年，全县完成固定资产投资85亿元。", SIGNING_ITEMS + [("85亿元", "A")],
     set()),
    ("past_memorandum_money", SIGNING + "2022年，双方曾签署合作备忘录，约定投资5亿元。",
     SIGNING_ITEMS + [("2022年", "D"), ("合作备忘录", "G"), ("5亿元", "A")], set()),
    ("companys_nationwide_investment", SIGNING + f"{CO}在全国已投资建设生产基地12个，累计投资超过200亿元。",
     SIGNING_ITEMS + [(CO, "P"), ("200亿元", "A")], set()),
    ("company_sales_in_signing_sentence", f"3月5日，{GOV}与年销售收入超120亿元的{CO}签署投资协议，项目总投资15亿元。",
     [("3月5日", "D"), (GOV, "P"), ("120亿元", "A"), (CO, "P"), ("投资协议", "G"), ("15亿元", "A")], {1.5e9}),
    ("price_per_kilowatt_hour", SIGNING + "项目总投资8亿元，上网电价0.35元/千瓦时。", SIGNING_ITEMS + [("8亿元", "A"), ("0.35元", "A")],
     {8e8}),
    ("rent_per_square_metre", SIGNING + "项目总投资3亿元，厂房租金每平方米15元。", SIGNING_ITEMS + [("3亿元", "A"), ("15元", "A")],
     {3e8}),
    ("income_per_head", SIGNING + "项目总投资2亿元，建成后可带动农户人均增收3000元。",
     SIGNING_ITEMS + [("2亿元", "A"), ("3000元", "A")], {2e8}),
    ("region_industrial_output", SIGNING + "项目总投资10亿元。青川县规模以上工业总产值达150亿元。",
     SIGNING_ITEMS + [("10亿元", "A"), ("青川县", "P"), ("150亿元", "A")], {1e9}),
    ("company_output_value", SIGNING + f"项目总投资10亿元。{CO}年产值超过50亿元，产品远销海外。",
     SIGNING_ITEMS + [("10亿元", "A"), (CO, "P"), ("50亿元", "A")], {1e9}),
    ("projects_promoted_not_signed", SIGNING + "会上，青川县发布了50个招商项目，总投资300亿元。",
     SIGNING_ITEMS + [("青川县", "P"), ("300亿元", "A")], set()),
    ("project_list_promoted", SIGNING + "活动现场还重点推介了总投资120亿元的20个优质项目。", SIGNING_ITEMS + [("120亿元", "A")],
     set()),
    ("visited_project_under_construction", SIGNING + "签约前，考察团参观了总投资20亿元的青川物流园项目建设现场。",
     SIGNING_ITEMS + [("20亿元", "A")], set()),
    ("region_plan_for_the_year", SIGNING + "今年青川县计划实施重点项目100个，年度计划投资200亿元。",
     SIGNING_ITEMS + [("青川县", "P"), ("200亿元", "A")], set()),
    ("project_signed_earlier_this_year", SIGNING + "今年，又有一批项目相继落户青川，其中总投资达25亿元的新材料项目已正式签约。",
     SIGNING_ITEMS + [("25亿元", "A")], set()),
    ("batch_then_project_signed_earlier", "3月5日，青川县举行集中签约仪式，签约项目8个，总投资56亿元。今年，又有一批项目相继落户青川，"
     "其中总投资达25亿元的新材料项目已正式签约。", [("3月5日", "D"), ("青川县", "P"), ("56亿元", "A"), ("25亿元", "A")], {5.6e9}),
    ("statistics_of_the_year", SIGNING + "据统计，今年全省新签约亿元以上项目超过800个，签约总额突破1万亿元。",
     SIGNING_ITEMS + [("1万亿元", "A")], set()),
    ("statistics_of_this_meeting", SIGNING + "据统计，本次大会共签约项目总投资额约1.3万亿元。", SIGNING_ITEMS + [("1.3万亿元", "A")],
     {1.3e12}),
    ("half_year_figures_compared_with_last_year", SIGNING + "今年上半年，全县新上项目12个，完成固定资产投资4.5亿元，比去年底增加"
     "9个。", SIGNING_ITEMS + [("4.5亿元", "A")], set()),
    ("figures_compared_with_last_year", SIGNING + "全县完成固定资产投资45亿元，比去年增长10%。", SIGNING_ITEMS + [("45亿元", "A")],
     set()),
    ("fund_set_up_before", SIGNING + "青川县近期还设立了10亿元产业引导基金，为重点项目提供资本支持。",
     SIGNING_ITEMS + [("青川县", "P"), ("10亿元", "A")], set()),
    ("period_signings_counted_with_the_money", SIGNING + "据悉，今年一季度，青川县已签约重点项目23个，总投资186亿元，同比增长31%。",
     SIGNING_ITEMS + [("青川县", "P"), ("186亿元", "A")], set()),
    ("projects_negotiated_at_a_fair", SIGNING + "投洽会期间，全省共对接洽谈项目312个，涉及总投资约3860亿元。",
     SIGNING_ITEMS + [("3860亿元", "A")], set()),
    ("a_citys_signings_at_a_wider_event", SIGNING + "此次招商活动共邀请企业家200余人，全市各县（市、区）现场签约项目58个，总投资超过420亿元。",
     SIGNING_ITEMS + [("420亿元", "A")], set()),
    ("bank_loans_standing", f"3月5日，{GOV}与{BANK}签署战略合作协议。目前，{BANK}在青川各项贷款达50亿元。",
     BANK_HEAD + [("战略合作协议", "G"), (BANK, "P"), ("50亿元", "A")], set()),
    ("funds_the_company_manages", SIGNING + f"{CO}旗下管理的基金规模超过500亿元。", SIGNING_ITEMS + [(CO, "P"), ("500亿元", "A")],
     set()),
    ("tourism_income_of_the_county", SIGNING + "青川县森林覆盖率超过70%，旅游总收入达20亿元。",
     SIGNING_ITEMS + [("青川县", "P"), ("20亿元", "A")], set()),
    ("retail_sales_of_the_county", SIGNING + "青川县社会消费品零售总额达60亿元。", SIGNING_ITEMS + [("青川县", "P"), ("60亿元", "A")],
     set()),
    ("visited_in_the_next_sentence", SIGNING + "当天，考察团还考察了总投资30亿元的青川港物流园。", SIGNING_ITEMS + [("30亿元", "A")],
     set()),
    ("first_half_statistics", SIGNING + "上半年，全县实际利用外资3000万美元，到位内资40亿元。",
     SIGNING_ITEMS + [("3000万美元", "A"), ("40亿元", "A")], set()),
]


def _cases(*groups):
    return [c for g in groups for c in g]


ALL = _cases(IN_SIGNING, AFTER_SIGNING, CREDIT, FUNDS, SEVERAL, NOT_THE_SIGNINGS)


@pytest.mark.parametrize("text,items,values", [c[1:] for c in ALL], ids=[c[0] for c in ALL])
def test_money_of_the_signing(text, items, values):
    recs = _records(text, items)
    assert recs, "the signing itself must be read"
    assert _values(recs) == values


@pytest.mark.parametrize("text,items,per_side", [c[1:] for c in PER_RECORD], ids=[c[0] for c in PER_RECORD])
def test_money_per_record(text, items, per_side):
    recs = _records(text, items)
    got = {}
    for r in recs:
        for side in per_side:
            if any(p.name == side for p in r.parties):
                got[side] = {a.value for a in r.amounts}
    assert got == per_side


@pytest.mark.parametrize("text,items,purpose", [
    (CREDIT[0][1], CREDIT[0][2], "授信"),
    (CREDIT[1][1], CREDIT[1][2], "融资"),
    (IN_SIGNING[0][1], IN_SIGNING[0][2], "投资"),
    (FUNDS[2][1], FUNDS[2][2], "基金"),
], ids=["credit_support", "financing", "investment", "fund"])
def test_purpose(text, items, purpose):
    recs = _records(text, items)
    assert [a.purpose for r in recs for a in r.amounts] == [purpose]


@pytest.mark.parametrize("text,value", [("5个亿", 5e8), ("3.5个亿元", 3.5e8), ("人民币壹亿元", 1e8), ("贰仟万元", 2e7),
                                        ("20億元", 2e9), ("1.5萬元", 1.5e4), ("数十亿元", None), ("几百万元", None),
                                        ("数亿元", None), ("十亿元", 1e9), ("上百亿元", 1e10)])
def test_written_forms_of_a_figure(text, value):
    assert parse_amount(text)[0] == value
