"""Paraphrase audit of articles telling several agreements (issue 16): one subject signing different agreements
with different counterparts, signatories named with their companies after the record is told, one signing told
twice with a slightly different short name, several agreements between the same sides, bank–government–enterprise
signings, a headline listing everything before a body telling each signing, and two governments each signing with
its own company. Every sentence is our own, with invented places, companies and people; entities are given as a
perfect tagger would give them (ANNOTATION.md spans), and the expected records follow ANNOTATION.md and the genre
decisions (D10: 'A与B、C签署X' without 三方/共同 is one bilateral record per counterpart).

Each case: (text, [(surface, label)...], expected records as lists of party names[, published]).
"""
from __future__ import annotations

import pytest

from test_record_paraphrase_parties import _check

P, A, D, O, T, M = "PARTY", "AGREEMENT", "DATE", "OFFICIAL", "TITLE", "AMOUNT"

GOV, XH, BC, BS, DY = "临江市人民政府", "星河科技有限公司", "北辰物流有限公司", "白石银行临江分行", "东岳大学"

# 1. 甲分别与A签署X、与B签署Y: each clause its own counterpart and its own agreement
RESPECTIVE = {
    "dun_hao": ("临江市人民政府分别与星河科技有限公司签署《投资协议》、与北辰物流有限公司签署《物流合作协议》。",
                [(GOV, P), (XH, P), ("《投资协议》", A), (BC, P), ("《物流合作协议》", A)],
                [[GOV, XH], [GOV, BC]]),
    "tong_comma_generic": ("青川县分别同白石银行青川支行签订了金融合作协议，同东岳大学签订了校地合作协议。",
                           [("青川县", P), ("白石银行青川支行", P), ("金融合作协议", A), (DY, P), ("校地合作协议", A)],
                           [["青川县", "白石银行青川支行"], ["青川县", DY]]),
    "huishang_comma": ("会上，龙湾区人民政府分别与远山集团有限公司签署《产业园项目协议》，与蓝海能源集团有限公司签署《光伏项目协议》。",
                       [("龙湾区人民政府", P), ("远山集团有限公司", P), ("《产业园项目协议》", A), ("蓝海能源集团有限公司", P),
                        ("《光伏项目协议》", A)],
                       [["龙湾区人民政府", "远山集团有限公司"], ["龙湾区人民政府", "蓝海能源集团有限公司"]]),
    "province_university_company": ("东岳省人民政府分别与华林大学签署战略合作协议、与星河科技有限公司签署项目投资协议。",
                                    [("东岳省人民政府", P), ("华林大学", P), ("战略合作协议", A), (XH, P), ("项目投资协议", A)],
                                    [["东岳省人民政府", "华林大学"], ["东岳省人民政府", XH]]),
    "semicolon_three": ("3月1日，青川县人民政府分别与星河科技有限公司签订《光伏项目协议》；与北辰物流有限公司签订《冷链项目协议》；"
                        "与白石银行青川支行签订《授信协议》。",
                        [("3月1日", D), ("青川县人民政府", P), (XH, P), ("《光伏项目协议》", A), (BC, P), ("《冷链项目协议》", A),
                         ("白石银行青川支行", P), ("《授信协议》", A)],
                        [["青川县人民政府", XH], ["青川县人民政府", BC], ["青川县人民政府", "白石银行青川支行"]]),
    "agreement_first_each": ("临江市人民政府分别与星河科技有限公司就新能源项目签署投资协议、与东岳大学就人才培养签署校地合作协议。",
                             [(GOV, P), (XH, P), ("投资协议", A), (DY, P), ("校地合作协议", A)],
                             [[GOV, XH], [GOV, DY]]),
}

# 2. signatories named with their organisations in a later sentence: the companies are affiliations
SIGNERS_AFTER = {
    "brief_example": ("东岳省人民政府分别与星河科技有限公司、北辰物流有限公司签订了《战略合作协议》。省政府秘书长张三分别与星河科技有限公司"
                      "副总经理李四、北辰物流有限公司总会计师王五签署协议。",
                      [("东岳省人民政府", P), (XH, P), (BC, P), ("《战略合作协议》", A), ("省政府", P), ("秘书长", T), ("张三", O),
                       (XH, P), ("副总经理", T), ("李四", O), (BC, P), ("总会计师", T), ("王五", O)],
                      [["东岳省人民政府", XH], ["东岳省人民政府", BC]]),
    "vice_mayor_qianyue": ("临江市人民政府与星河科技有限公司、北辰物流有限公司分别签署投资协议。副市长李明分别与星河科技有限公司总经理王强、"
                           "北辰物流有限公司董事长赵四签约。",
                           [(GOV, P), (XH, P), (BC, P), ("投资协议", A), ("副市长", T), ("李明", O), (XH, P), ("总经理", T),
                            ("王强", O), (BC, P), ("董事长", T), ("赵四", O)],
                           [[GOV, XH], [GOV, BC]]),
    "sign_on_agreement": ("青川县人民政府分别与白石银行青川支行、东岳大学签订合作协议。青川县县长林木与白石银行青川支行行长孙五、东岳大学"
                          "副校长周放分别在协议上签字。",
                          [("青川县人民政府", P), ("白石银行青川支行", P), (DY, P), ("合作协议", A), ("青川县", P), ("县长", T),
                           ("林木", O), ("白石银行青川支行", P), ("行长", T), ("孙五", O), (DY, P), ("副校长", T), ("周放", O)],
                          [["青川县人民政府", "白石银行青川支行"], ["青川县人民政府", DY]]),
    "ceremony_signers": ("龙湾区人民政府与远山集团有限公司、蓝海能源集团有限公司分别签署项目合作协议。签约仪式上，区委常委、常务副区长韩立"
                         "分别与远山集团有限公司总经理钱七、蓝海能源集团有限公司副总裁郑八签订了协议。",
                         [("龙湾区人民政府", P), ("远山集团有限公司", P), ("蓝海能源集团有限公司", P), ("项目合作协议", A),
                          ("区委常委、常务副区长", T), ("韩立", O), ("远山集团有限公司", P), ("总经理", T), ("钱七", O),
                          ("蓝海能源集团有限公司", P), ("副总裁", T), ("郑八", O)],
                         [["龙湾区人民政府", "远山集团有限公司"], ["龙湾区人民政府", "蓝海能源集团有限公司"]]),
    "signers_no_fenbie_daibiao": ("临江市人民政府分别与东岳大学、华林大学签署校地合作协议。临江市副市长李明与东岳大学副校长周放、华林大学"
                                  "副校长吴九签署协议。",
                                  [(GOV, P), (DY, P), ("华林大学", P), ("校地合作协议", A), ("临江市", P), ("副市长", T),
                                   ("李明", O), (DY, P), ("副校长", T), ("周放", O), ("华林大学", P), ("副校长", T), ("吴九", O)],
                                  [[GOV, DY], [GOV, "华林大学"]]),
}

# 3. one three-sided signing told twice, a side's short name differing a little between headline and body
TOLD_TWICE = {
    "branch_vs_institute": ("临江市人民政府、东岳大学与中国远建北京分公司签署《产学研合作协议》\n3月1日，临江市人民政府、东岳大学与中国远建北京院"
                            "三方签署了《产学研合作协议》。",
                            [(GOV, P), (DY, P), ("中国远建北京分公司", P), ("《产学研合作协议》", A), ("3月1日", D), (GOV, P),
                             (DY, P), ("中国远建北京院", P), ("《产学研合作协议》", A)],
                            [[GOV, DY, "中国远建北京院"]]),
    "short_company_suffix": ("青川县、星河科技与北辰物流三方签约\n青川县人民政府、星河科技有限公司与北辰物流集团三方共同签署《物流园区合作协议》。",
                             [("青川县", P), ("星河科技", P), ("北辰物流", P), ("青川县人民政府", P), (XH, P), ("北辰物流集团", P),
                              ("《物流园区合作协议》", A)],
                             [["青川县人民政府", XH, "北辰物流集团"]]),
    "body_twice_branch_name": ("东岳省人民政府、华林大学与蓝海能源北京分公司共同签署《能源研究院共建协议》。根据协议，东岳省人民政府、华林大学与"
                               "蓝海能源北京公司将共建能源研究院，三方签署的《能源研究院共建协议》为期五年。",
                               [("东岳省人民政府", P), ("华林大学", P), ("蓝海能源北京分公司", P), ("《能源研究院共建协议》", A),
                                ("东岳省人民政府", P), ("华林大学", P), ("蓝海能源北京公司", P), ("《能源研究院共建协议》", A)],
                               [["东岳省人民政府", "华林大学", "蓝海能源北京分公司"]]),
    "headline_list_body_sanfang": ("临江市与东岳大学、中国远建北京分公司签署产学研合作协议\n3月1日，临江市人民政府、东岳大学、中国远建北京院"
                                   "三方在临江签署产学研合作协议。",
                                   [("临江市", P), (DY, P), ("中国远建北京分公司", P), ("产学研合作协议", A), ("3月1日", D),
                                    (GOV, P), (DY, P), ("中国远建北京院", P), ("产学研合作协议", A)],
                                   [[GOV, DY, "中国远建北京院"]]),
    # two units of one group named in one sentence are two counterparts, not one name written twice
    "two_units_one_sentence": ("临江市人民政府分别与中国远建北京分公司、中国远建北京院签署合作协议。",
                               [(GOV, P), ("中国远建北京分公司", P), ("中国远建北京院", P), ("合作协议", A)],
                               [[GOV, "中国远建北京分公司"], [GOV, "中国远建北京院"]]),
}

# 4. several agreements between the same two sides: one record per agreement named
SAME_SIDES = {
    "he_two_names": ("临江市人民政府与星河科技有限公司签署了《战略合作协议》和《项目投资协议》。",
                     [(GOV, P), (XH, P), ("《战略合作协议》", A), ("《项目投资协议》", A)],
                     [[GOV, XH], [GOV, XH]]),
    "two_counted": ("青川县人民政府与北辰物流有限公司签署了物流园区建设协议、冷链仓储合作协议两份协议。",
                    [("青川县人民政府", P), (BC, P), ("物流园区建设协议", A), ("冷链仓储合作协议", A)],
                    [["青川县人民政府", BC], ["青川县人民政府", BC]]),
    "xianhou_no_joiner": ("龙湾区人民政府与远山集团有限公司先后签署了《框架合作协议》《产业园投资协议》。",
                          [("龙湾区人民政府", P), ("远山集团有限公司", P), ("《框架合作协议》", A), ("《产业园投资协议》", A)],
                          [["龙湾区人民政府", "远山集团有限公司"]] * 2),
    "ji_joiner": ("当天，东岳大学与临江市人民政府签订《校地合作协议》及《人才培养协议》。",
                  [(DY, P), (GOV, P), ("《校地合作协议》", A), ("《人才培养协议》", A)],
                  [[GOV, DY]] * 2),
    "xianhou_generic": ("临江市人民政府与白石银行临江分行先后签署战略合作协议和金融服务协议。",
                        [(GOV, P), (BS, P), ("战略合作协议", A), ("金融服务协议", A)],
                        [[GOV, BS]] * 2),
    "shuangfang_you": ("青川县人民政府与星河科技有限公司签署了《投资协议》。随后，双方又签署了《供电保障协议》。",
                       [("青川县人民政府", P), (XH, P), ("《投资协议》", A), ("《供电保障协议》", A)],
                       [["青川县人民政府", XH]] * 2),
    "three_names": ("东岳省人民政府与远山集团有限公司签署《战略合作协议》《产业基金合作协议》《人才合作协议》三项协议。",
                    [("东岳省人民政府", P), ("远山集团有限公司", P), ("《战略合作协议》", A), ("《产业基金合作协议》", A),
                     ("《人才合作协议》", A)],
                    [["东岳省人民政府", "远山集团有限公司"]] * 3),
    "huanyou_generic_then_named": ("临江市人民政府与远山集团有限公司签署战略合作协议。双方还签署了《新材料产业园投资协议》。",
                                   [(GOV, P), ("远山集团有限公司", P), ("战略合作协议", A), ("《新材料产业园投资协议》", A)],
                                   [[GOV, "远山集团有限公司"]] * 2),
    # 先后签署 told of years past is background (近年来 opens a running tally), not this article's signings
    "jinnianlai_background": ("临江市市长李明会见远山集团有限公司董事长王强。近年来，双方先后签署了《战略合作协议》《产业园投资协议》。",
                              [("临江市", P), ("市长", T), ("李明", O), ("远山集团有限公司", P), ("董事长", T), ("王强", O),
                               ("《战略合作协议》", A), ("《产业园投资协议》", A)], []),
}

# 5. bank–government–enterprise: the bank signs with the government, then with the companies
BANK = {
    "brief_example": ("临江市人民政府与白石银行临江分行签署战略合作协议，白石银行临江分行还与星河科技有限公司、北辰物流有限公司签署授信协议。",
                      [(GOV, P), (BS, P), ("战略合作协议", A), (BS, P), (XH, P), (BC, P), ("授信协议", A)],
                      [[GOV, BS], [BS, XH], [BS, BC]]),
    "semicolon_fenbie": ("会上，青川县人民政府与白石银行青川支行签订《金融服务战略合作协议》；白石银行青川支行分别与蓝海能源集团有限公司、"
                         "远山集团有限公司签订《授信协议》。",
                         [("青川县人民政府", P), ("白石银行青川支行", P), ("《金融服务战略合作协议》", A), ("白石银行青川支行", P),
                          ("蓝海能源集团有限公司", P), ("远山集团有限公司", P), ("《授信协议》", A)],
                         [["青川县人民政府", "白石银行青川支行"], ["白石银行青川支行", "蓝海能源集团有限公司"],
                          ["白石银行青川支行", "远山集团有限公司"]]),
    "next_sentence_amount": ("龙湾区人民政府与白石银行签署战略合作协议。同时，白石银行与星河科技有限公司签署了20亿元授信协议。",
                             [("龙湾区人民政府", P), ("白石银行", P), ("战略合作协议", A), ("白石银行", P), (XH, P), ("20亿元", M),
                              ("授信协议", A)],
                             [["龙湾区人民政府", "白石银行"], ["白石银行", XH]]),
    "bank_subject_bing": ("白石银行临江分行与临江市人民政府签署战略合作协议，并与星河科技有限公司、北辰物流有限公司分别签订银企合作协议。",
                          [(BS, P), (GOV, P), ("战略合作协议", A), (XH, P), (BC, P), ("银企合作协议", A)],
                          [[GOV, BS], [BS, XH], [BS, BC]]),
    "short_bank_name": ("临江市人民政府与白石银行临江分行（以下简称白石银行）签署战略合作协议。白石银行还同东岳大学签署了校园金融合作协议。",
                        [(GOV, P), (BS, P), ("白石银行", P), ("战略合作协议", A), ("白石银行", P), (DY, P), ("校园金融合作协议", A)],
                        [[GOV, BS], [BS, DY]]),
}

# 6. a headline listing everything, a body telling each signing
HEADLINE = {
    "three_clauses": ("青川县与星河科技、北辰物流、东岳大学签约\n3月1日，青川县人民政府与星河科技有限公司签署《投资协议》，与北辰物流有限公司"
                      "签署《物流合作协议》，与东岳大学签署《校地合作协议》。",
                      [("青川县", P), ("星河科技", P), ("北辰物流", P), (DY, P), ("3月1日", D), ("青川县人民政府", P), (XH, P),
                       ("《投资协议》", A), (BC, P), ("《物流合作协议》", A), (DY, P), ("《校地合作协议》", A)],
                      [["青川县人民政府", XH], ["青川县人民政府", BC], ["青川县人民政府", DY]]),
    "two_sentences_hai": ("龙湾区与远山集团、蓝海能源签署合作协议\n龙湾区人民政府与远山集团有限公司签署《产业园合作协议》。龙湾区人民政府还与"
                          "蓝海能源集团有限公司签署了《新能源合作协议》。",
                          [("龙湾区", P), ("远山集团", P), ("蓝海能源", P), ("合作协议", A), ("龙湾区人民政府", P), ("远山集团有限公司", P),
                           ("《产业园合作协议》", A), ("龙湾区人民政府", P), ("蓝海能源集团有限公司", P), ("《新能源合作协议》", A)],
                          [["龙湾区人民政府", "远山集团有限公司"], ["龙湾区人民政府", "蓝海能源集团有限公司"]]),
    "headline_fenbie": ("临江市与星河科技、北辰物流分别签约\n临江市人民政府与星河科技有限公司签订投资协议。同日，临江市人民政府与北辰物流有限公司"
                        "签订物流合作协议。",
                        [("临江市", P), ("星河科技", P), ("北辰物流", P), (GOV, P), (XH, P), ("投资协议", A), (GOV, P), (BC, P),
                         ("物流合作协议", A)],
                        [[GOV, XH], [GOV, BC]]),
    "same_generic_title": ("青川县与星河科技、北辰物流签署战略合作协议\n青川县人民政府与星河科技有限公司签署战略合作协议。当天，青川县人民政府"
                           "与北辰物流有限公司签署战略合作协议。",
                           [("青川县", P), ("星河科技", P), ("北辰物流", P), ("战略合作协议", A), ("青川县人民政府", P), (XH, P),
                            ("战略合作协议", A), ("青川县人民政府", P), (BC, P), ("战略合作协议", A)],
                           [["青川县人民政府", XH], ["青川县人民政府", BC]]),
    "headline_bank_too": ("临江市与白石银行、星河科技签约\n临江市人民政府与白石银行临江分行签署《金融合作协议》；与星河科技有限公司签署《投资协议》。",
                          [("临江市", P), ("白石银行", P), ("星河科技", P), (GOV, P), (BS, P), ("《金融合作协议》", A), (XH, P),
                           ("《投资协议》", A)],
                          [[GOV, BS], [GOV, XH]]),
}

# 7. two governments each signing with its own company
TWO_GOVERNMENTS = {
    "semicolon": ("东岳省人民政府与远山集团有限公司签署战略合作协议；临江市人民政府与星河科技有限公司签署项目投资协议。",
                  [("东岳省人民政府", P), ("远山集团有限公司", P), ("战略合作协议", A), (GOV, P), (XH, P), ("项目投资协议", A)],
                  [["东岳省人民政府", "远山集团有限公司"], [GOV, XH]]),
    "comma_short_gov": ("会上，东岳省政府与远山集团有限公司签署战略合作协议，临江市政府与星河科技有限公司签署投资协议。",
                        [("东岳省政府", P), ("远山集团有限公司", P), ("战略合作协议", A), ("临江市政府", P), (XH, P), ("投资协议", A)],
                        [["东岳省政府", "远山集团有限公司"], ["临江市政府", XH]]),
    "ze_next_sentence": ("临江市人民政府与星河科技有限公司签订《投资协议》。青川县人民政府则与北辰物流有限公司签订《物流园协议》。",
                         [(GOV, P), (XH, P), ("《投资协议》", A), ("青川县人民政府", P), (BC, P), ("《物流园协议》", A)],
                         [[GOV, XH], ["青川县人民政府", BC]]),
    "pairs_he_fenbie": ("签约仪式上，龙湾区人民政府与蓝海能源集团有限公司、青川县人民政府与北辰物流有限公司分别签署了合作协议。",
                        [("龙湾区人民政府", P), ("蓝海能源集团有限公司", P), ("青川县人民政府", P), (BC, P), ("合作协议", A)],
                        [["龙湾区人民政府", "蓝海能源集团有限公司"], ["青川县人民政府", BC]]),
    "same_company_two_levels": ("东岳省人民政府与远山集团有限公司签署战略合作协议，临江市人民政府与远山集团有限公司签署项目合作协议。",
                                [("东岳省人民政府", P), ("远山集团有限公司", P), ("战略合作协议", A), (GOV, P), ("远山集团有限公司", P),
                                 ("项目合作协议", A)],
                                [["东岳省人民政府", "远山集团有限公司"], [GOV, "远山集团有限公司"]]),
    "county_town_unnamed": ("青川县人民政府与星河科技有限公司签约，白石镇人民政府与北辰物流有限公司签约。",
                            [("青川县人民政府", P), (XH, P), ("白石镇人民政府", P), (BC, P)],
                            [["青川县人民政府", XH], ["白石镇人民政府", BC]]),
}

GROUPS = (("respective", RESPECTIVE), ("signers_after", SIGNERS_AFTER), ("told_twice", TOLD_TWICE),
          ("same_sides", SAME_SIDES), ("bank", BANK), ("headline", HEADLINE), ("two_governments", TWO_GOVERNMENTS))
CASES = {f"{group}:{name}": case for group, cases in GROUPS for name, case in cases.items()}


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_paraphrase_multi(case_id):
    text, items, expected, *published = CASES[case_id]
    _check(text, items, expected, *published)
