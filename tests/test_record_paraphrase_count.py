"""Paraphrase audit of how many records an article gives (issue 16): one signing told several times (headline and
lead under other names for the agreement or the sides, retold in a later paragraph), several signings told at once
(two agreements of the same sides, different pairs in one sentence, counted projects some of which are named), a
meeting with a signing, and signings planned or past beside the one reported. The constructions come from reading
genre train and dev articles; every sentence is our own, with invented places, companies and people. Entities are
given as a perfect tagger would give them (ANNOTATION.md spans, through `tag()`), and the expected records follow
ANNOTATION.md and the genre decisions (D10, N9, N10, N12, R1–R3).

Articles are written with their spans marked in place, {surface|L} (L: P party, A agreement, D date, O official,
T title, M amount), so that the text and its spans cannot drift apart. Each case: (marked text, expected records as
lists of party names[, published]); a record without parties is written [].
"""
from __future__ import annotations

import re

import pytest

from test_record_paraphrase_parties import _check

LABELS = {"P": "PARTY", "A": "AGREEMENT", "D": "DATE", "O": "OFFICIAL", "T": "TITLE", "M": "AMOUNT"}
GOV, XH, BC, YS, BS, DY = ("临江市人民政府", "星河科技有限公司", "北辰物流有限公司", "远山集团有限公司", "白石银行临江分行",
                           "东岳大学")
QC = "青川县人民政府"


def _unmark(marked: str) -> tuple[str, list[tuple[str, str]]]:
    items = [(m.group(1), LABELS[m.group(2)]) for m in re.finditer(r"\{([^{}|]+)\|([PADOTM])\}", marked)]
    return re.sub(r"\{([^{}|]+)\|[PADOTM]\}", r"\1", marked), items


# 1. the headline and the lead name the same agreement or the same sides differently: one record
HEADLINE_RENAMED = {
    "bare_framework_vs_full": ("{临江|P}与{星河科技|P}签署{框架协议|A}\n{3月1日|D}，{临江市人民政府|P}与{星河科技有限公司|P}签署《"
                               "{新能源产业战略合作框架协议|A}》。", [[GOV, XH]]),
    "quoted_theme_vs_strategic": ("{临江市|P}与{远山集团|P}签订“数字临江”{合作协议|A}\n{3月1日|D}，{临江市人民政府|P}与{远山集团有限公司|P}"
                                  "签订《{战略合作协议|A}》，共同推进“数字临江”建设。", [[GOV, YS]]),
    "theme_framework_vs_named_framework": ("{青川县|P}与{北辰物流|P}签订“百城千园”{合作共建框架协议|A}\n{今天上午|D}，{青川县人民政府|P}与"
                                           "{北辰物流有限公司|P}签订《{战略合作框架协议|A}》。", [[QC, BC]]),
    "full_headline_short_body": ("{临江市人民政府|P}与{星河新能源科技股份有限公司|P}签署{战略合作协议|A}\n{3月1日|D}，{临江市|P}与"
                                 "{星河新能源|P}签署{战略合作协议|A}，双方将在储能领域开展合作。",
                                 [[GOV, "星河新能源科技股份有限公司"]]),
    "zhengfu_short_headline": ("{青川县政府|P}与{星河科技|P}签约\n{3月1日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署{投资协议|A}。",
                               [[QC, XH]]),
    "bank_head_office_headline_branch_body": ("{临江市|P}与{白石银行|P}签署{战略合作协议|A}\n{3月1日|D}，{临江市人民政府|P}与"
                                              "{白石银行临江分行|P}签署{战略合作协议|A}。", [[GOV, BS]]),
    "ceremony_headline_generic_body_named": ("{东岳大学|P}与{临江市人民政府|P}校地合作签约仪式举行\n{3月1日|D}，{东岳大学|P}与"
                                             "{临江市人民政府|P}校地合作签约仪式在临江举行。双方签署了《{校地全面合作协议|A}》。",
                                             [[GOV, DY]]),
    "headline_agreement_only_body_sides": ("《{临江市智慧交通合作协议|A}》签约\n{3月1日|D}，{临江市交通运输局|P}与{星河科技有限公司|P}"
                                           "签署《{临江市智慧交通合作协议|A}》。", [["临江市交通运输局", XH]]),
    "headline_xieyi_body_beiwanglu": ("{青川县|P}与{远山集团|P}签署{合作协议|A}\n{3月1日|D}，{青川县人民政府|P}与{远山集团有限公司|P}"
                                      "签署《{战略合作备忘录|A}》。", [[QC, YS]]),
    "headline_short_both_body_jiancheng": ("{临江|P}携手{东岳农科院|P}共建农业科技园\n{临江市人民政府|P}与{东岳农业科学研究院|P}（简称"
                                           "{东岳农科院|P}）{3月1日|D}签订{科技合作协议|A}。", [[GOV, "东岳农业科学研究院"]]),
}

# 1b. a headline naming the parent group and a generic name over a body telling several agreements of its unit:
# the headline sums them up, no record of its own
HEADLINE_PARENT = {
    "theme_framework_two_body": ("{青川镇|P}与{远山集团|P}签订“乡村振兴”{合作共建框架协议|A}\n{今天上午|D}，{青川镇|P}{镇长|T}{林木|O}代表"
                                 "{青川镇政府|P}与{远山建设（青川）有限公司|P}{副总经理|T}{王强|O}签订了《{战略合作框架协议|A}》《"
                                 "{青川镇光伏项目合作意向协议|A}》。", [["青川镇政府", "远山建设（青川）有限公司"]] * 2),
    "quoted_theme_in_name_lead_repeats_headline": (
        "{青川镇|P}与{远山集团|P}签订{“乡村振兴”合作共建框架协议|A}\n{今天上午|D}\n{青川镇|P}与{远山集团|P}签订\n"
        "{“乡村振兴”合作共建框架协议|A}\n签约仪式上，{镇长|T}{林木|O}代表{青川镇政府|P}与{远山建设（青川）有限公司|P}{副总经理|T}"
        "{王强|O}签订了《{战略合作框架协议|A}》《{青川镇光伏项目合作意向协议|A}》。", [["青川镇政府", "远山建设（青川）有限公司"]] * 2),
    "bare_qianyue_two_body": ("{临江市|P}与{星河集团|P}签约\n{3月1日|D}，{临江市人民政府|P}与{星河新能源有限公司|P}签署《"
                              "{储能项目投资协议|A}》和《{光伏电站合作协议|A}》。", [[GOV, "星河新能源有限公司"]] * 2),
    "group_headline_two_units": ("{临江市|P}与{远山集团|P}签署{合作协议|A}\n{3月1日|D}，{临江市人民政府|P}与{远山建设有限公司|P}签署"
                                 "{项目投资协议|A}，与{远山物流有限公司|P}签署{仓储合作协议|A}。",
                                 [[GOV, "远山建设有限公司"], [GOV, "远山物流有限公司"]]),
    "headline_bank_body_branch_and_company": ("{临江市|P}与{白石银行|P}签署{战略合作协议|A}\n{临江市人民政府|P}与{白石银行临江分行|P}签署"
                                              "{战略合作协议|A}。{白石银行临江分行|P}还与{星河科技有限公司|P}签署{授信协议|A}。",
                                              [[GOV, BS], [BS, XH]]),
    "headline_other_company_kept_out": ("{临江市|P}与{北辰物流|P}签约\n{3月1日|D}，{临江市人民政府|P}与{北辰物流有限公司|P}签署"
                                        "{物流园协议|A}，与{星河科技有限公司|P}签署{投资协议|A}。", [[GOV, BC], [GOV, XH]]),
}

# 1c. the signers retold with their organisations' other names (代表双方签约): no second record
SIGNERS_RETOLD = {
    "stacked_titles_two_orgs": ("{临江市人民政府|P}与{远山建设集团有限公司|P}签订{战略合作框架协议|A}。{市长|T}{李明|O}与{远山集团|P}"
                                "{副总经理|T}、{远山建设|P}{监事会主席|T}{王强|O}代表双方签约。", [[GOV, "远山建设集团有限公司"]]),
    "parent_of_signer": ("{临江市人民政府|P}与{远山建设有限公司|P}签订{战略合作框架协议|A}。{副市长|T}{李明|O}与{远山控股集团|P}"
                         "{副总裁|T}{王强|O}代表双方签约。", [[GOV, "远山建设有限公司"]]),
    "zai_xieyi_shang_qianzi": ("{临江市人民政府|P}与{远山建设有限公司|P}签订{战略合作框架协议|A}。签约仪式上，{副市长|T}{李明|O}与"
                               "{远山建设|P}{总经理|T}{王强|O}分别代表双方在协议上签字。", [[GOV, "远山建设有限公司"]]),
    "comma_before_daibiao_two_names_of_company": ("{3月1日|D}，{临江市政府|P}与{远山交通建设公司|P}签订{战略合作框架协议|A}，{市长|T}{李明|O}与"
                                                  "{远交集团|P}{副总经理|T}、{远山交建|P}{监事会主席|T}{王强|O}，代表双方签约。",
                                                  [["临江市政府", "远山交通建设公司"]]),
    "comma_before_daibiao_gov_and_company": ("{青川县|P}与{星河科技|P}签署{储能项目协议|A}\n会见后，{青川县人民政府|P}与{星河科技|P}签署"
                                             "{储能电站项目投资协议|A}。{青川县|P}{县长|T}{林木|O}与{星河科技集团|P}{总裁|T}{王强|O}，"
                                             "代表双方签约。", [[QC, "星河科技"]]),
    "shuangfang_daibiao_short_gov": ("{3月1日|D}，{青川县人民政府|P}与{北辰物流有限公司|P}签署{投资协议|A}。{青川县|P}{县长|T}{林木|O}、"
                                     "{北辰物流|P}{董事长|T}{赵四|O}分别代表双方签约。", [[QC, BC]]),
}

# 2. the signing retold later in the article (根据协议, 签约仪式上, 此次签约, 签约后, 协议签署后): still one record
RETOLD = {
    "genju_xieyi_next_paragraph": ("{3月1日|D}，{临江市人民政府|P}与{星河科技有限公司|P}签署《{战略合作协议|A}》。\n根据协议，"
                                   "{星河科技有限公司|P}将在{临江|P}投资{20亿元|M}建设研发基地。", [[GOV, XH]]),
    "ceremony_signers_later": ("{临江市人民政府|P}与{星河科技有限公司|P}{3月1日|D}签署{投资协议|A}。\n签约仪式上，{市长|T}{李明|O}与"
                               "{星河科技有限公司|P}{董事长|T}{王强|O}代表双方签署协议。", [[GOV, XH]]),
    "cici_qianyue_named_again": ("{青川县人民政府|P}与{北辰物流有限公司|P}签订《{冷链物流园投资协议|A}》。\n此次签约的《"
                                 "{冷链物流园投资协议|A}》约定，项目总投资{8亿元|M}。", [[QC, BC]]),
    "attributive_full_retelling": ("{3月1日|D}，{临江市人民政府|P}与{星河科技有限公司|P}签署{战略合作协议|A}。\n此次{临江市人民政府|P}"
                                   "与{星河科技有限公司|P}签署的{战略合作协议|A}，是双方深化合作的新起点。", [[GOV, XH]]),
    "after_signing_company": ("{青川县人民政府|P}与{远山集团有限公司|P}签订{投资协议|A}。签约后，{远山集团有限公司|P}将在{青川县|P}"
                              "建设新材料产业园。", [[QC, YS]]),
    "after_signing_shuangfang": ("{临江市人民政府|P}与{东岳大学|P}签署{校地合作协议|A}。协议签署后，双方将成立工作专班推进落实。",
                                 [[GOV, DY]]),
    "later_other_generic": ("{3月1日|D}，{临江市人民政府|P}与{星河科技有限公司|P}签署{投资协议|A}。\n双方签订的{项目合作协议|A}明确，"
                            "项目分两期建设。", [[GOV, XH]]),
    "later_short_names_retelling": ("{3月1日|D}，{临江市人民政府|P}与{星河科技有限公司|P}签署{战略合作协议|A}。\n{临江市|P}与"
                                    "{星河科技|P}此次签署的协议，涵盖新能源、数字经济等领域。", [[GOV, XH]]),
    "signing_told_then_qianyue_yishi_shang_witness": ("{青川县人民政府|P}与{星河科技有限公司|P}签署了{投资协议|A}。\n签约仪式上，"
                                                      "{县长|T}{林木|O}致辞，{星河科技有限公司|P}{总经理|T}{王强|O}介绍了项目情况。",
                                                      [[QC, XH]]),
    "biaozhi_zhe_retelling": ("{临江市人民政府|P}与{白石银行临江分行|P}签订{金融合作协议|A}。{临江市人民政府|P}与{白石银行临江分行|P}"
                              "签订{金融合作协议|A}，标志着银政合作迈上新台阶。", [[GOV, BS]]),
}

# 3. two agreements of the same sides told at once or under an umbrella name: one record per agreement
TWO_AGREEMENTS = {
    "umbrella_headline_fenbie_two": ("{临江经开区|P}与{白石农商银行|P}签订共建{合作协议|A}\n{12月3日|D}，{临江经开区|P}与"
                                     "{白石农商银行|P}签订共建{合作协议|A}。活动中，{临江经开区|P}与{白石银行|P}分别签订了"
                                     "{战略合作协议|A}和{党建共建协议|A}。", [["临江经开区", "白石农商银行"]] * 2),
    "liang_xiang_jiji": ("{青川县人民政府|P}与{北辰物流有限公司|P}签署了两项协议，即《{物流园区投资协议|A}》和《{冷链仓储协议|A}》。",
                         [[QC, BC]] * 2),
    "you_same_sentence": ("{临江市人民政府|P}与{远山集团有限公司|P}签署《{战略合作协议|A}》，随后又签署了《{产业园投资协议|A}》。",
                          [[GOV, YS]] * 2),
    "tongshi_second_sentence": ("{青川县人民政府|P}与{星河科技有限公司|P}签署了《{投资协议|A}》。同时，双方签署了《{供电保障协议|A}》。",
                                [[QC, XH]] * 2),
    "headline_one_body_two": ("{青川县|P}与{星河科技|P}签署{战略合作协议|A}\n{3月1日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署了"
                              "《{战略合作协议|A}》和《{光伏项目投资协议|A}》。", [[QC, XH]] * 2),
    "two_shu_xieyi_named_before": ("{东岳大学|P}与{临江市人民政府|P}签订《{校地合作协议|A}》《{共建研究院协议|A}》两份协议。",
                                   [[GOV, DY]] * 2),
    "photo_captions": ("{岚川学院|P}与{青川县人民政府|P}签署{战略合作协议|A}\n{11月3日|D}上午，{岚川学院|P}与{青川县人民政府|P}战略合作"
                       "签约仪式举行。\n（签署{战略合作协议|A}）\n（签署{横向科研项目协议|A}）", [["岚川学院", QC]] * 2),
    "dunhao_generic_pair": ("{3月1日|D}，{临江市人民政府|P}与{星河科技有限公司|P}签署{战略合作协议|A}、{项目投资协议|A}。",
                            [[GOV, XH]] * 2),
    "two_named_then_three_sides": ("{3月1日|D}，{青川镇|P}{镇长|T}{林木|O}代表{青川镇政府|P}与{远山建设有限公司|P}{副总经理|T}{王强|O}签订了《"
                                   "{战略合作框架协议|A}》《{光伏项目合作意向协议|A}》；随后，{青川镇|P}{镇长|T}{林木|O}，{远山建设有限公司|P}"
                                   "{副总经理|T}{王强|O}，{北辰物流有限公司|P}{总经理|T}{赵四|O}三方签订了《{物流园项目合作意向协议|A}》。",
                                   [["青川镇政府", "远山建设有限公司"]] * 2 + [["青川镇政府", "远山建设有限公司", BC]]),
    "same_name_twice_one_record": ("{青川县人民政府|P}与{北辰物流有限公司|P}签署{投资协议|A}。{县长|T}{林木|O}表示，{投资协议|A}的签署"
                                   "将带动当地就业。", [[QC, BC]]),
}

# 4. different pairs told in one sentence: one record per pair
PAIRS_ONE_SENTENCE = {
    "comma_two_pairs": ("会上，{东岳省农信联社临江审计中心|P}与{临江市人民政府|P}签订了{合作框架协议|A}，{临江农商银行|P}与"
                        "{临江经济开发区|P}签订了{战略合作协议|A}。",
                        [["东岳省农信联社临江审计中心", GOV], ["临江农商银行", "临江经济开发区"]]),
    "pairs_fenbie": ("{临江市人民政府|P}与{星河科技有限公司|P}、{青川县人民政府|P}与{北辰物流有限公司|P}分别签订了{投资协议|A}。",
                     [[GOV, XH], [QC, BC]]),
    "three_pairs_semicolons": ("签约仪式上，{临江市人民政府|P}与{远山集团有限公司|P}签订《{产业园协议|A}》；{青川县人民政府|P}与"
                               "{星河科技有限公司|P}签订《{光伏项目协议|A}》；{东岳大学|P}与{北辰物流有限公司|P}签订《{人才培养协议|A}》。",
                               [[GOV, YS], [QC, XH], [DY, BC]]),
    "witness_then_pairs": ("在{市长|T}{李明|O}的见证下，{临江市发展和改革委员会|P}与{远山集团有限公司|P}，{临江高新区管委会|P}与"
                           "{星河科技有限公司|P}分别签署了{合作协议|A}。",
                           [["临江市发展和改革委员会", YS], ["临江高新区管委会", XH]]),
    "pair_then_huiyou": ("{临江市人民政府|P}与{白石银行临江分行|P}签署{金融合作协议|A}，{白石银行临江分行|P}还与{星河科技有限公司|P}"
                         "签署了{授信协议|A}。", [[GOV, BS], [BS, XH]]),
    "sentence_then_suihou_pair": ("{3月1日|D}，{临江市人民政府|P}与{东岳大学|P}签署{校地合作协议|A}。随后，{东岳大学|P}与"
                                  "{星河科技有限公司|P}签署了{校企合作协议|A}。", [[GOV, DY], [DY, XH]]),
}

# 4b. several signings at once, told in other ways
SEVERAL_AT_ONCE = {
    "pairs_fenbie_two_names_in_turn": ("{临江市人民政府|P}与{星河科技有限公司|P}、{青川县人民政府|P}与{北辰物流有限公司|P}分别签署了《"
                                       "{芯片项目协议|A}》和《{冷链项目协议|A}》。", [[GOV, XH], [QC, BC]]),
    "same_generic_name_two_counterparts": ("{临江市人民政府|P}与{星河科技有限公司|P}签署{投资协议|A}，与{北辰物流有限公司|P}签署{投资协议|A}。",
                                           [[GOV, XH], [GOV, BC]]),
    "headline_list_body_fenbie_signers": ("{临江市|P}与{星河科技|P}、{北辰物流|P}签约\n{临江市人民政府|P}与{星河科技有限公司|P}、"
                                          "{北辰物流有限公司|P}分别签署{投资协议|A}。签约仪式上，{副市长|T}{李明|O}分别与两家企业负责人签字。",
                                          [[GOV, XH], [GOV, BC]]),
    "three_names_dunhao_he": ("{临江市人民政府|P}与{星河科技有限公司|P}签署{战略合作协议|A}、{项目投资协议|A}和{人才合作协议|A}三份协议。",
                              [[GOV, XH]] * 3),
    "count_then_qizhong_fenbie": ("{5月8日|D}，{青川县|P}举行招商引资签约活动，共签约项目4个，其中{青川县人民政府|P}与{星河科技有限公司|P}、"
                                  "{北辰物流有限公司|P}分别签订{项目投资协议|A}。", [[QC, XH], [QC, BC], [], []]),
    "history_of_the_same_sides": ("{临江市人民政府|P}与{星河科技有限公司|P}签订{投资协议|A}。{临江市|P}与{星河科技|P}的合作由来已久，"
                                  "{2019年|D}双方曾签署{战略合作协议|A}。", [[GOV, XH]]),
    "group_then_its_unit_with_zone": ("{临江市人民政府|P}与{远山集团有限公司|P}签署{战略合作协议|A}，{远山集团有限公司|P}旗下"
                                      "{远山建设有限公司|P}与{临江高新区管委会|P}签署{项目投资协议|A}。",
                                      [[GOV, YS], ["远山建设有限公司", "临江高新区管委会"]]),
}

# 5. counted projects, some named: N records in all (R1), named ones with their sides
COUNTED = {
    "xianchang_five_two_named": ("{5月8日|D}，{青川县|P}举行项目集中签约仪式，现场签约项目5个，总投资{30亿元|M}。其中，{青川县人民政府|P}"
                                 "与{星河科技有限公司|P}签署光伏项目协议，与{北辰物流有限公司|P}签署冷链项目协议。",
                                 [[QC, XH], [QC, BC], [], [], []]),
    "four_projects_fenbie": ("本次活动共有4个项目现场签约。{临江市人民政府|P}分别与{远山集团有限公司|P}、{星河科技有限公司|P}签订了"
                             "{项目投资协议|A}。", [[GOV, YS], [GOV, XH], [], []]),
    "six_none_named": ("{临江市|P}举行重大项目签约仪式。此次集中签约项目6个，协议投资{42亿元|M}，涵盖装备制造、生物医药等领域。",
                       [[]] * 6),
    "headline_count_body_count": ("{青川县|P}签约8个项目\n{5月8日|D}，{青川县|P}重大项目集中签约仪式举行，现场签约项目8个。其中，"
                                  "{青川县人民政府|P}与{远山集团有限公司|P}签订{新材料项目投资协议|A}。", [[QC, YS]] + [[]] * 7),
    "ge_xiangmu_qianyue_chinese_numeral": ("会上，三个重点项目现场签约。{临江市人民政府|P}与{星河科技有限公司|P}签订{芯片项目协议|A}。",
                                           [[GOV, XH], [], []]),
    "count_with_strategic_beside": ("{5月8日|D}，{临江市人民政府|P}与{远山集团有限公司|P}签署{战略合作协议|A}。会上还集中签约了"
                                    "3个产业项目，总投资{12亿元|M}。", [[GOV, YS], [], [], []]),
    "tally_not_counted": ("{5月8日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签订{投资协议|A}。今年以来，{青川县|P}已累计签约项目"
                          "23个。", [[QC, XH]]),
    "plan_count_not_counted": ("{青川县人民政府|P}与{北辰物流有限公司|P}签订{物流园项目协议|A}。{青川县|P}力争年内再签约项目10个。",
                               [[QC, BC]]),
}

# 6. a meeting and a signing: the signing's record only
MEETING_AND_SIGNING = {
    "huijian_hou_shuangfang": ("{临江市|P}{市长|T}{李明|O}会见了{星河科技有限公司|P}{董事长|T}{王强|O}一行。会见后，双方签署了"
                               "{战略合作协议|A}。", [["临江市", XH]]),
    "meeting_third_attends": ("{临江市|P}{市长|T}{李明|O}会见{星河科技有限公司|P}{董事长|T}{王强|O}，{白石银行临江分行|P}{行长|T}{赵四|O}"
                              "参加会见。会后，{临江市人民政府|P}与{星河科技有限公司|P}签署{投资协议|A}。", [[GOV, XH]]),
    "meet_one_sign_other": ("{临江市|P}{市长|T}{李明|O}会见了{远山集团有限公司|P}{董事长|T}{周放|O}。当天，{临江市人民政府|P}还与"
                            "{星河科技有限公司|P}签署{投资协议|A}。", [[GOV, XH]]),
    "zuotan_hui_shang": ("{3月1日|D}，{青川县人民政府|P}与{东岳大学|P}召开校地合作座谈会。座谈会上，双方签署了{校地合作协议|A}。",
                         [[QC, DY]]),
    "jianzheng_qianyue": ("{李明|O}与{王强|O}共同见证{临江市人民政府|P}与{星河科技有限公司|P}签约。", [[GOV, XH]]),
    "meeting_headline_signing_body": ("{李明|O}会见{远山集团|P}客人\n{市长|T}{李明|O}会见{远山集团有限公司|P}{总经理|T}{韩立|O}一行。"
                                      "会见结束后，{临江市人民政府|P}与{远山集团有限公司|P}签订{战略合作协议|A}。", [[GOV, YS]]),
    "meeting_only_agreement_mentioned": ("{市长|T}{李明|O}会见{远山集团有限公司|P}{董事长|T}{周放|O}，双方就落实{战略合作协议|A}"
                                         "交换意见。", []),
}

# 7. signings planned or past beside the one reported: only the reported one
PLANNED_OR_PAST = {
    "jiang_yu_next_month": ("{3月1日|D}，{临江市人民政府|P}与{星河科技有限公司|P}签署{战略合作协议|A}。双方将于下月签署《{项目投资协议|A}》。",
                            [[GOV, XH]]),
    "cici_qian_yi_qianshu": ("{3月1日|D}，{青川县人民政府|P}与{远山集团有限公司|P}签署《{投资协议|A}》。此前，双方已签署《{框架协议|A}》。",
                             [[QC, YS]]),
    "last_year_then_this": ("去年，{临江市人民政府|P}与{星河科技有限公司|P}签署了{战略合作协议|A}。{3月1日|D}，双方又签署了"
                            "{项目投资协议|A}。", [[GOV, XH]]),
    "ni_qianshu_next_step": ("{临江市人民政府|P}与{东岳大学|P}签署{校地合作协议|A}。下一步，{临江市|P}拟与{白石银行临江分行|P}签署"
                             "{金融合作协议|A}。", [[GOV, DY]]),
    "year_history_then_today": ("{2021年|D}，{青川县人民政府|P}与{星河科技有限公司|P}签署了{战略合作协议|A}。{今天|D}，双方在此基础上"
                                "签署《{深化合作协议|A}》。", [[QC, XH]]),
    "planned_ceremony_only": ("{临江市人民政府|P}与{星河科技有限公司|P}将于{3月10日|D}举行签约仪式，签署{投资协议|A}。", []),
    "consult_next_agreement": ("{青川县人民政府|P}与{北辰物流有限公司|P}签署{框架协议|A}。签约仪式结束后，双方还就下一步签署"
                               "{正式投资协议|A}进行了磋商。", [[QC, BC]]),
    "yueding_nianneiqianding": ("{临江市人民政府|P}与{远山集团有限公司|P}签署{合作框架协议|A}，双方约定年内签订正式{投资协议|A}。",
                                [[GOV, YS]]),
    "zaoqian_qianshu_reviewed_then_new": ("{临江市人民政府|P}与{白石银行临江分行|P}早在{2019年|D}就签署了{金融合作协议|A}。{3月1日|D}，"
                                          "双方续签《{金融合作协议|A}》。", [[GOV, BS]]),
}

# 7b. a signing told as the ceremony's event, then in its own words; history told beside it
CEREMONY_TOLD = {
    "yishi_lead_then_yishi_shang": ("{青川县|P}与{星河科技|P}签约\n{3月1日|D}，{青川县人民政府|P}与{星河科技有限公司|P}项目签约仪式举行。"
                                    "仪式上，{副县长|T}{林木|O}与{星河科技有限公司|P}{总经理|T}{王强|O}签署《{储能电站项目投资协议|A}》。",
                                    [[QC, XH]]),
    "headline_named_body_longer_name": ("{临江市|P}与{远山集团|P}签署《{战略合作协议|A}》\n{临江市人民政府|P}与{远山集团有限公司|P}"
                                        "{3月1日|D}签署《{临江市人民政府远山集团有限公司战略合作协议|A}》。", [[GOV, YS]]),
    "jixu_qunian_history": ("{3月1日|D}，{临江市人民政府|P}与{东岳大学|P}签署{人才培养合作协议|A}。这是继去年双方签署{战略合作协议|A}后的"
                            "又一合作成果。", [[GOV, DY]]),
    "cici_framework_attributive_history": ("{青川县人民政府|P}与{远山集团有限公司|P}签订《{光伏项目投资协议|A}》，落实双方此前签署的"
                                           "{战略合作框架协议|A}。", [[QC, YS]]),
    "three_paragraphs_one_signing": ("{临江市|P}与{星河科技|P}签约\n{3月1日|D}，{临江市人民政府|P}与{星河科技有限公司|P}签署"
                                     "{战略合作协议|A}。\n根据协议，双方将共建研发中心。\n此次签约是{临江市|P}引进科技企业的重要成果。",
                                     [[GOV, XH]]),
    "occasion_named_after_a_batch": ("{东岳大学|P}与{东岳省|P}签署战略合作协议\n在{东岳省人民政府|P}与{国内高校战略合作协议|A}签署仪式上，"
                                     "{东岳大学|P}{校长|T}{周放|O}与{东岳省|P}{省长|T}{甲乙|O}签署了《{东岳大学东岳省人民政府战略合作协议|A}》。",
                                     [[DY, "东岳省人民政府"]]),
    "witness_units_listed": ("{临江市人民政府|P}与{远山集团有限公司|P}签署{投资协议|A}，{临江市发展和改革委员会|P}、{白石银行临江分行|P}"
                             "等单位负责人见证签约。", [[GOV, YS]]),
}

# 7b'. more ways of telling one signing, or two, again
TOLD_AGAIN = {
    "passive_you_gongtong": ("{临江市|P}与{星河科技|P}签署{战略合作协议|A}\n《{战略合作协议|A}》由{临江市人民政府|P}与{星河科技有限公司|P}"
                             "于{3月1日|D}共同签署。", [[GOV, XH]]),
    "xieshou_headline_no_verb": ("{临江|P}携手{远山集团|P}打造新材料基地\n{3月1日|D}，{临江市人民政府|P}与{远山集团有限公司|P}签署"
                                 "{项目投资协议|A}。", [[GOV, YS]]),
    "framework_and_jiu_project_same_sentence": ("{青川县人民政府|P}与{星河科技有限公司|P}签署了{框架协议|A}，并就储能项目签订了"
                                                "{投资协议|A}。", [[QC, XH]] * 2),
    "amount_headline_body_project": ("总投资10亿元的储能项目落户{青川|P}\n{3月1日|D}，{青川县人民政府|P}与{星河科技有限公司|P}签订"
                                     "{储能项目投资协议|A}，项目总投资{10亿元|M}。", [[QC, XH]]),
    "officials_sign_after_ceremony_lead": ("{临江市|P}与{远山集团|P}签署{战略合作协议|A}\n{3月1日|D}，{临江市人民政府|P}与{远山集团有限公司|P}"
                                           "战略合作签约仪式举行。{市长|T}{李明|O}、{远山集团有限公司|P}{董事长|T}{周放|O}出席并致辞。{副市长|T}"
                                           "{赵四|O}与{远山集团有限公司|P}{总经理|T}{王强|O}签署协议。", [[GOV, YS]]),
    "meeting_then_witness_signing": ("{东岳省|P}{省长|T}{甲乙|O}会见{远山集团有限公司|P}{董事长|T}{丙丁|O}。会见后，{甲乙|O}、{丙丁|O}共同见证了"
                                     "{东岳省人民政府|P}与{远山集团有限公司|P}签署{战略合作协议|A}。", [["东岳省人民政府", YS]]),
    "yi_yu_framework_then_formal": ("{青川县人民政府|P}已于去年与{北辰物流有限公司|P}签订{框架协议|A}。{3月1日|D}，双方举行正式签约仪式，"
                                    "签署{物流园投资协议|A}。", [[QC, BC]]),
    "pairs_dunhao_no_fenbie": ("会上，{临江市人民政府|P}与{星河科技有限公司|P}、{青川县人民政府|P}与{北辰物流有限公司|P}签约。",
                               [[GOV, XH], [QC, BC]]),
    "long_name_with_parties_headline_short": ("{临江|P}与{星河科技|P}战略合作协议签约\n{3月1日|D}，《{临江市人民政府星河科技有限公司战略合作协议|A}》"
                                              "在临江签署。", [[GOV, XH]]),
    "fenbie_two_counterparts_two_names": ("{临江市人民政府|P}分别与{星河科技有限公司|P}、{北辰物流有限公司|P}签署了《{芯片项目协议|A}》和《"
                                          "{冷链项目协议|A}》。", [[GOV, XH], [GOV, BC]]),
    "two_govs_one_company_sanfang": ("{临江市人民政府|P}、{青川县人民政府|P}与{远山集团有限公司|P}签署三方{合作协议|A}。", [[GOV, QC, YS]]),
    "cici_two_projects_named": ("{临江市人民政府|P}与{星河科技有限公司|P}签订{芯片项目协议|A}，与{北辰物流有限公司|P}签订{冷链项目协议|A}。"
                                "此次签约的两个项目总投资{15亿元|M}。", [[GOV, XH], [GOV, BC]]),
}

# 7c. counted signings worded otherwise
COUNTED_MORE = {
    "sanjia_all_named_fenbie": ("{青川县人民政府|P}与{星河科技有限公司|P}、{北辰物流有限公司|P}、{远山集团有限公司|P}三家企业分别签订"
                                "{投资协议|A}。", [[QC, XH], [QC, BC], [QC, YS]]),
    "deng_four_one_named": ("{3月1日|D}，{临江市人民政府|P}与{星河科技有限公司|P}等4家企业分别签署{项目合作协议|A}。",
                            [[GOV, XH], [GOV], [GOV], [GOV]]),
    "liangge_colon_two_named": ("{5月8日|D}，两个项目现场签约：{青川县人民政府|P}与{星河科技有限公司|P}签订光伏项目协议；{青川县人民政府|P}"
                                "与{北辰物流有限公司|P}签订冷链项目协议。", [[QC, XH], [QC, BC]]),
    "jizhong_qianyue_n_ge_xiangmu": ("{5月8日|D}，{临江市|P}集中签约7个项目，总投资{56亿元|M}。{临江市人民政府|P}与{远山集团有限公司|P}签订"
                                     "{新材料产业园项目协议|A}。", [[GOV, YS]] + [[GOV]] * 6),  # the counting clause's government (R1)
    "qianyue_xiangmu_da": ("{临江高新区|P}举行招商项目签约活动，本次签约项目达9个，计划总投资{40亿元|M}。", [[]] * 9),
    "tally_after_ceremony": ("{5月8日|D}，{临江市人民政府|P}与{远山集团有限公司|P}签订{投资协议|A}。截至目前，{临江市|P}今年已签约亿元以上项目"
                             "32个。", [[GOV, YS]]),
}

# 8. attendance or a sponsor read near a signing is no record
ATTENDANCE = {
    "chuxi_yishi_orgs": ("{临江市人民政府|P}与{星河科技有限公司|P}签署{投资协议|A}。{东岳大学|P}{副校长|T}{周放|O}、{白石银行临江分行|P}"
                         "{行长|T}{赵四|O}出席签约仪式。", [[GOV, XH]]),
    "zhuban_danwei": ("本次签约仪式由{临江市商务局|P}主办，{北辰物流有限公司|P}承办。{临江市人民政府|P}与{远山集团有限公司|P}签署"
                      "{战略合作协议|A}。", [[GOV, YS]]),
    "canjia_huodong_units": ("{青川县人民政府|P}与{星河科技有限公司|P}签订{投资协议|A}。{县发改局|P}、{县自然资源局|P}等单位负责人参加活动。",
                             [[QC, XH]]),
}

# 8b. plans, tallies, talks and attendance beside (or instead of) a signing
NOT_MORE = {
    "headline_jiang_body_done": ("{青川县|P}将与{星河科技|P}签署投资协议\n{3月1日|D}，{青川县人民政府|P}与{星河科技有限公司|P}正式签署"
                                 "{投资协议|A}。", [[QC, XH]]),
    "headline_qianyue_body_only_talks": ("{临江市|P}与{远山集团|P}洽谈签约事宜\n{市长|T}{李明|O}会见{远山集团有限公司|P}{董事长|T}{周放|O}，"
                                         "双方就项目签约事宜进行了沟通，表示将尽快签署{合作协议|A}。", []),
    "youwang_qianyue": ("{青川县人民政府|P}与{北辰物流有限公司|P}的冷链项目有望于年内签约。", []),
    "cishi_another_pair": ("{临江市人民政府|P}与{星河科技有限公司|P}签署{投资协议|A}。此外，{青川县人民政府|P}与{北辰物流有限公司|P}"
                           "也签署了{物流合作协议|A}。", [[GOV, XH], [QC, BC]]),
    "ruzhu_tally_after": ("{3月1日|D}，{临江高新区管委会|P}与{星河科技有限公司|P}签订{入驻协议|A}。截至目前，已有5家企业签约入驻园区。",
                          [["临江高新区管委会", XH]]),
    "buchong_xieyi": ("近日，{临江市人民政府|P}与{远山集团有限公司|P}就产业园建设签订{补充协议|A}。", [[GOV, YS]]),
    "framework_last_year_formal_next": ("{青川县人民政府|P}与{星河科技有限公司|P}的{框架协议|A}已于去年签署，今年将签订正式{投资协议|A}。", []),
    "jianzheng_de_qianyue": ("{市长|T}{李明|O}见证了{临江市人民政府|P}与{北辰物流有限公司|P}的签约。", [[GOV, BC]]),
    "visit_after_ceremony": ("{临江市人民政府|P}与{远山集团有限公司|P}签署{战略合作协议|A}。签约仪式后，{远山集团有限公司|P}{董事长|T}{周放|O}"
                             "一行参观了{临江高新区|P}。", [[GOV, YS]]),
    "yixiang_xieyi_is_signing": ("{3月1日|D}，{青川县人民政府|P}与{北辰物流有限公司|P}签订{冷链物流项目意向协议|A}。", [[QC, BC]]),
    "ten_projects_two_pairs_named": ("签约活动现场，{临江市人民政府|P}与{星河科技有限公司|P}、{青川县人民政府|P}与{北辰物流有限公司|P}等"
                                     "10个项目成功签约。", [[GOV, XH], [QC, BC]] + [[]] * 8),
}

GROUPS = (("headline_renamed", HEADLINE_RENAMED), ("headline_parent", HEADLINE_PARENT), ("signers_retold", SIGNERS_RETOLD),
          ("retold", RETOLD), ("two_agreements", TWO_AGREEMENTS),
          ("pairs_one_sentence", PAIRS_ONE_SENTENCE), ("several_at_once", SEVERAL_AT_ONCE), ("counted", COUNTED), ("meeting_and_signing", MEETING_AND_SIGNING),
          ("planned_or_past", PLANNED_OR_PAST), ("ceremony_told", CEREMONY_TOLD), ("told_again", TOLD_AGAIN),
          ("counted_more", COUNTED_MORE),
          ("attendance", ATTENDANCE), ("not_more", NOT_MORE))
CASES = {f"{group}:{name}": case for group, cases in GROUPS for name, case in cases.items()}


# constructions the rules still miss, kept here so that a fix shows (strict: a pass is reported)
KNOWN_MISSES = {
    "planned_or_past:zaoqian_qianshu_reviewed_then_new": "续签 (a renewal) is no signing verb of the rules yet",
    "two_agreements:photo_captions": "a caption naming a second agreement renames the first (a rule for it cost a "
                                     "record on the cross-fitted tagging of the genre article with captions)",
}


@pytest.mark.parametrize("case_id", [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[c]))
                                     if c in KNOWN_MISSES else c for c in sorted(CASES)])
def test_paraphrase_count(case_id):
    marked, expected, *published = CASES[case_id]
    text, items = _unmark(marked)
    _check(text, items, expected, *published)
