"""The error classes of issue 16, each on a sentence we wrote ourselves (invented places, companies and people;
nothing here is taken from an article). Entities are given as a perfect tagger would give them."""
from __future__ import annotations

from conftest import tag
from qianyue.rules import build_records
from qianyue.rules.amounts import parse_amount


def party_sets(records):
    return [sorted(p.name for p in r.parties) for r in records]


def test_separate_signings_give_one_record_per_counterpart():
    text = "青川县人民政府分别与星河科技有限公司、蓝海能源集团有限公司、北辰物流有限公司签署项目合作协议。"
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("蓝海能源集团有限公司", "PARTY"),
                      ("北辰物流有限公司", "PARTY")])
    recs = build_records(text, ents, "2024-03-02")
    assert sorted(party_sets(recs)) == sorted([["星河科技有限公司", "青川县人民政府"],
                                               ["蓝海能源集团有限公司", "青川县人民政府"],
                                               ["北辰物流有限公司", "青川县人民政府"]])


def test_ceremony_with_several_companies_then_separately_signed():
    text = ("3月1日，青川县人民政府同星河科技有限公司、蓝海能源集团有限公司举行签约仪式。"
            "双方分别签署了投资协议。")
    ents = tag(text, [("3月1日", "DATE"), ("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"),
                      ("蓝海能源集团有限公司", "PARTY")])
    recs = build_records(text, ents, "2024-03-02")
    assert sorted(party_sets(recs)) == [["星河科技有限公司", "青川县人民政府"], ["蓝海能源集团有限公司", "青川县人民政府"]]
    assert {r.date for r in recs} == {"2024-03-01"}


def test_long_mixed_list_of_signers_keeps_every_party():
    text = ("会上，青川县人民政府与华林大学、东岳理工学院等高校，青川农业研究所等科研机构及星河科技有限公司等企业的"
            "代表共同签署了《青川县产学研合作协议》。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("华林大学", "PARTY"), ("东岳理工学院", "PARTY"),
                      ("青川农业研究所", "PARTY"), ("星河科技有限公司", "PARTY"), ("《青川县产学研合作协议》", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert party_sets(recs) == [sorted(["青川县人民政府", "华林大学", "东岳理工学院", "青川农业研究所", "星河科技有限公司"])]


def test_organisations_attending_the_ceremony_are_not_parties():
    text = ("青川县人民政府与星河科技有限公司签署了《战略合作协议》。"
            "远山集团有限公司、白石银行以及青川县工商联等单位参加签约仪式。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《战略合作协议》", "AGREEMENT"),
                      ("远山集团有限公司", "PARTY"), ("白石银行", "PARTY"), ("青川县工商联", "PARTY")])
    recs = build_records(text, ents, "2024-03-02")
    assert party_sets(recs) == [["星河科技有限公司", "青川县人民政府"]]


def test_district_official_serves_the_district_not_the_city():
    text = ("临江市人民政府、龙湾区人民政府与星河科技有限公司签署合作协议。"
            "龙湾区区长陈一鸣与星河科技有限公司总经理周放代表各方签约。")
    ents = tag(text, [("临江市人民政府", "PARTY"), ("龙湾区人民政府", "PARTY"), ("星河科技有限公司", "PARTY"),
                      ("区长", "TITLE"), ("陈一鸣", "OFFICIAL"), ("星河科技有限公司", "PARTY"), ("总经理", "TITLE"),
                      ("周放", "OFFICIAL")])
    recs = build_records(text, ents, "2024-03-02")
    assert len(recs) == 1
    parties = {o.name: o.party for o in recs[0].officials}
    assert parties == {"陈一鸣": "龙湾区人民政府", "周放": "星河科技有限公司"}


def test_headline_and_body_names_that_differ_slightly_are_one_record():
    text = ("青川县与远山移动签署数字青川战略合作协议\n"
            "5月8日，青川县人民政府与远山移动通信集团有限公司在青川签署《数字青川战略合作框架协议》。")
    ents = tag(text, [("青川县", "PARTY"), ("远山移动", "PARTY"), ("数字青川战略合作协议", "AGREEMENT"),
                      ("5月8日", "DATE"), ("青川县人民政府", "PARTY"), ("远山移动通信集团有限公司", "PARTY"),
                      ("《数字青川战略合作框架协议》", "AGREEMENT")])
    recs = build_records(text, ents, "2024-05-09")
    assert party_sets(recs) == [["远山移动通信集团有限公司", "青川县人民政府"]]
    assert "远山移动" in recs[0].parties[1].aliases + recs[0].parties[0].aliases


def test_no_record_from_a_phrase_that_only_mentions_an_agreement():
    text = ("青川县人民政府与星河科技有限公司签署了《战略合作协议》。"
            "青川县高度重视协议的签订，将全力做好服务。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《战略合作协议》", "AGREEMENT"),
                      ("青川县", "PARTY"), ("高度重视协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert [r.title for r in recs] == ["战略合作协议"]


def test_local_government_as_a_generic_phrase_is_not_a_party():
    text = ("青川县人民政府与星河科技有限公司、蓝海能源集团有限公司签署了《共建产业园协议》，"
            "三位负责人分别代表当地政府和企业签约。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("蓝海能源集团有限公司", "PARTY"),
                      ("《共建产业园协议》", "AGREEMENT"), ("地政府", "PARTY")])
    recs = build_records(text, ents, "2024-03-02")
    # no untitled record with a party 地政府 from the second sentence; the signing itself is one agreement per
    # counterpart (D10: A与B、C签署X without 三方/共同)
    assert {r.title for r in recs} == {"共建产业园协议"}
    assert sorted(party_sets(recs)) == [["星河科技有限公司", "青川县人民政府"], ["蓝海能源集团有限公司", "青川县人民政府"]]


def test_a_future_year_in_the_sentence_keeps_the_amount():
    text = ("青川县人民政府与星河科技有限公司签署了《新材料项目投资协议》。"
            "项目总投资30亿元，预计2027年底建成投产。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《新材料项目投资协议》", "AGREEMENT"),
                      ("30亿元", "AMOUNT"), ("2027年底", "DATE")])
    recs = build_records(text, ents, "2024-03-02")
    assert [a.value for a in recs[0].amounts] == [3e9]


def test_each_project_keeps_its_own_amount():
    text = ("青川县人民政府与星河科技有限公司签署了《光伏项目协议》，与蓝海能源集团有限公司签署了《储能项目协议》。"
            "其中，星河科技有限公司光伏项目投资12亿元。蓝海能源集团有限公司储能项目投资8亿元。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《光伏项目协议》", "AGREEMENT"),
                      ("蓝海能源集团有限公司", "PARTY"), ("《储能项目协议》", "AGREEMENT"),
                      ("星河科技有限公司", "PARTY"), ("12亿元", "AMOUNT"), ("蓝海能源集团有限公司", "PARTY"),
                      ("8亿元", "AMOUNT")])
    recs = build_records(text, ents, "2024-03-02")
    by_title = {r.title: [a.value for a in r.amounts] for r in recs}
    assert by_title == {"光伏项目协议": [1.2e9], "储能项目协议": [8e8]}


def test_approximate_amounts_keep_their_qualifier():
    text = "青川县人民政府与星河科技有限公司签署了《产业园投资协议》，计划投资超过20亿元。"
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《产业园投资协议》", "AGREEMENT"),
                      ("20亿元", "AMOUNT")])
    amount = build_records(text, ents, "2024-03-02")[0].amounts[0]
    assert (amount.text, amount.value, amount.qualifier) == ("超过20亿元", 2e9, "超过")
    for written, qualifier in (("约5亿元", "约"), ("近3000万元", "近"), ("逾1亿元", "逾")):
        t = f"青川县人民政府与星河科技有限公司签署了《投资协议》，投资{written}。"
        e = tag(t, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《投资协议》", "AGREEMENT"),
                    (written.lstrip("约近逾"), "AMOUNT")])
        assert build_records(t, e, "2024-03-02")[0].amounts[0].qualifier == qualifier


def test_power_capacity_is_not_money():
    assert parse_amount("10GW")[0] is None and parse_amount("50万千瓦")[0] is None
    text = "青川县人民政府与蓝海能源集团有限公司签署了《风电项目协议》，规划装机10GW，总投资40亿元。"
    ents = tag(text, [("青川县人民政府", "PARTY"), ("蓝海能源集团有限公司", "PARTY"), ("《风电项目协议》", "AGREEMENT"),
                      ("10GW", "AMOUNT"), ("40亿元", "AMOUNT")])
    assert [a.value for a in build_records(text, ents, "2024-03-02")[0].amounts] == [4e9]


def test_official_of_a_generic_group_serves_the_named_company():
    text = ("青川县人民政府与远山移动通信集团有限公司签署《数字青川合作协议》。"
            "集团公司副总经理韩立与青川县副县长周青代表双方签约。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("远山移动通信集团有限公司", "PARTY"), ("《数字青川合作协议》", "AGREEMENT"),
                      ("集团公司", "PARTY"), ("副总经理", "TITLE"), ("韩立", "OFFICIAL"), ("副县长", "TITLE"),
                      ("周青", "OFFICIAL")])
    recs = build_records(text, ents, "2024-03-02")
    assert party_sets(recs) == [["远山移动通信集团有限公司", "青川县人民政府"]]
    assert {o.name: o.party for o in recs[0].officials}["韩立"] == "远山移动通信集团有限公司"


def test_agreement_first_report_sides_signers_and_witnesses():
    text = ("《青川县数字乡村合作协议》正式签订\n"
            "《青川县数字乡村合作协议》已于3月1日签署，签约双方为青川县人民政府和星河科技有限公司。"
            "在协议上签字的是青川县人民政府的副县长周青和星河科技有限公司的副总经理韩立。"
            "县长林木、星河科技有限公司董事长陆远共同见证了这一时刻。")
    ents = tag(text, [("《青川县数字乡村合作协议》", "AGREEMENT"), ("《青川县数字乡村合作协议》", "AGREEMENT"),
                      ("3月1日", "DATE"), ("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"),
                      ("青川县人民政府", "PARTY"), ("副县长", "TITLE"), ("周青", "OFFICIAL"),
                      ("星河科技有限公司", "PARTY"), ("副总经理", "TITLE"), ("韩立", "OFFICIAL"),
                      ("县长", "TITLE"), ("林木", "OFFICIAL"), ("星河科技有限公司", "PARTY"), ("董事长", "TITLE"),
                      ("陆远", "OFFICIAL")])
    recs = build_records(text, ents, "2024-03-02")
    assert party_sets(recs) == [["星河科技有限公司", "青川县人民政府"]] and recs[0].date == "2024-03-01"
    assert {(o.name, o.role, o.party) for o in recs[0].officials} == {
        ("周青", "signatory", "青川县人民政府"), ("韩立", "signatory", "星河科技有限公司"),
        ("林木", "witness", "青川县人民政府"), ("陆远", "witness", "星河科技有限公司")}


def test_headline_short_forms_and_body_full_names_are_one_record():
    text = ("临江与农开行临江分行签署合作协议\n"
            "6月2日，临江市人民政府与中国农业开发银行临江市分行签署《金融支持乡村振兴合作协议》。"
            "市政府秘书长吴涛出席。")
    ents = tag(text, [("临江", "PARTY"), ("农开行临江分行", "PARTY"), ("合作协议", "AGREEMENT"), ("6月2日", "DATE"),
                      ("临江市人民政府", "PARTY"), ("中国农业开发银行临江市分行", "PARTY"),
                      ("《金融支持乡村振兴合作协议》", "AGREEMENT"), ("市政府", "PARTY"), ("秘书长", "TITLE"),
                      ("吴涛", "OFFICIAL")])
    recs = build_records(text, ents, "2024-06-03")
    assert len(recs) == 1 and recs[0].title == "金融支持乡村振兴合作协议" and recs[0].date == "2024-06-02"
    assert sorted(p.name for p in recs[0].parties) == ["中国农业开发银行临江市分行", "临江市人民政府"]
    gov = next(p for p in recs[0].parties if p.name == "临江市人民政府")
    assert {"临江", "市政府"} <= set(gov.aliases)


def test_a_side_signing_another_named_agreement_stays_apart():
    text = ("青川县人民政府与华林大学签署《战略合作协议》。"
            "华林大学信息学院负责人分别与青川县人民政府相关部门签订《横向课题协议》。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("华林大学", "PARTY"), ("《战略合作协议》", "AGREEMENT"),
                      ("青川县人民政府", "PARTY"), ("《横向课题协议》", "AGREEMENT")])
    recs = build_records(text, ents, "2024-06-03")
    assert sorted(r.title for r in recs) == ["战略合作协议", "横向课题协议"]


def test_tagger_slips_on_party_names_are_mended():
    text = "5月6日，远山铁建与青川县人民政府签署《交通合作协议》。"
    ents = tag(text, [("5月6日", "DATE"), ("远山铁建与", "PARTY"), ("青川县人民政府", "PARTY"),
                      ("《交通合作协议》", "AGREEMENT")])
    assert party_sets(build_records(text, ents, "2024-05-07")) == [["远山铁建", "青川县人民政府"]]
    # the name cut short at the signing, tagged in full at its second mention
    text = "青川经济开发区管委会与星河科技有限公司签约。青川经济开发区管委会将做好服务。"
    ents = tag(text, [("青川", "PARTY"), ("星河科技有限公司", "PARTY"), ("青川经济开发区管委会", "PARTY")])
    assert party_sets(build_records(text, ents, "2024-05-07")) == [["星河科技有限公司", "青川经济开发区管委会"]]


def test_one_subject_with_listed_counterparts_signs_one_agreement_each():
    # D10: 'A与B、C签署X' without 三方/共同 is one bilateral agreement per counterpart, even for a specific name
    text = "3月1日，青川县人民政府与星河科技有限公司、蓝海能源集团有限公司签署《青川产业投资协议》。"
    ents = tag(text, [("3月1日", "DATE"), ("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"),
                      ("蓝海能源集团有限公司", "PARTY"), ("青川产业投资协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert sorted(party_sets(recs)) == [["星河科技有限公司", "青川县人民政府"], ["蓝海能源集团有限公司", "青川县人民政府"]]
    assert {r.title for r in recs} == {"青川产业投资协议"}


def test_three_sides_said_to_sign_together_stay_one_agreement():
    for text in ("青川县人民政府与星河科技有限公司、蓝海能源集团有限公司签署三方合作协议。",
                 "青川县人民政府与星河科技有限公司、蓝海能源集团有限公司共同签署合作协议。",
                 "青川县人民政府与星河科技有限公司、蓝海能源集团有限公司签署合作协议。三家单位代表分别代表三方签字。"):
        ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("蓝海能源集团有限公司", "PARTY"),
                          ("合作协议", "AGREEMENT")])
        recs = build_records(text, ents, "2024-03-02")
        assert party_sets(recs) == [["星河科技有限公司", "蓝海能源集团有限公司", "青川县人民政府"]], text


def test_signatory_organisation_is_the_subject_of_separate_signings():
    text = "白石银行行长周放与青川县农业局、星河科技有限公司签署了《乡村振兴融资协议》。"
    ents = tag(text, [("白石银行", "PARTY"), ("行长", "TITLE"), ("周放", "OFFICIAL"), ("青川县农业局", "PARTY"),
                      ("星河科技有限公司", "PARTY"), ("乡村振兴融资协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert sorted(party_sets(recs)) == [["星河科技有限公司", "白石银行"], ["白石银行", "青川县农业局"]]


def test_pairs_listed_before_a_shared_verb_each_sign():
    text = "会上，临江市与星河科技，白石县与蓝海能源及北辰物流，龙湾区与远山集团分别签署合作协议。"
    ents = tag(text, [("临江市", "PARTY"), ("星河科技", "PARTY"), ("白石县", "PARTY"), ("蓝海能源", "PARTY"),
                      ("北辰物流", "PARTY"), ("龙湾区", "PARTY"), ("远山集团", "PARTY"), ("合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert sorted(party_sets(recs)) == [["临江市", "星河科技"], ["北辰物流", "白石县"], ["白石县", "蓝海能源"],
                                        ["远山集团", "龙湾区"]]


def test_two_hosts_with_their_own_counterparts_in_one_clause():
    text = ("青川、白石两乡分别举行项目签约仪式。县领导见证了青川乡政府与星河科技有限公司、蓝海能源有限公司"
            "和白石乡政府与北辰物流有限公司正式签约。")
    ents = tag(text, [("青川乡政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("蓝海能源有限公司", "PARTY"),
                      ("白石乡政府", "PARTY"), ("北辰物流有限公司", "PARTY")])
    recs = build_records(text, ents, "2024-03-02")
    assert sorted(party_sets(recs)) == [["北辰物流有限公司", "白石乡政府"], ["星河科技有限公司", "青川乡政府"],
                                        ["蓝海能源有限公司", "青川乡政府"]]


def test_sentence_opening_on_yu_keeps_the_last_subject():
    text = ("星河投资与临江市政府、蓝海环保集团签署战略合作协议，星河投资总经理周放与临江市副市长陈一鸣、蓝海环保集团"
            "副总经理李可分别代表三方签字；与蓝海环保集团董事长赵青代表双方签署了《共护清江合作协议》。")
    ents = tag(text, [("星河投资", "PARTY"), ("临江市政府", "PARTY"), ("蓝海环保集团", "PARTY"), ("战略合作协议", "AGREEMENT"),
                      ("星河投资", "PARTY"), ("总经理", "TITLE"), ("周放", "OFFICIAL"), ("临江市", "PARTY"),
                      ("副市长", "TITLE"), ("陈一鸣", "OFFICIAL"), ("蓝海环保集团", "PARTY"), ("副总经理", "TITLE"),
                      ("李可", "OFFICIAL"), ("蓝海环保集团", "PARTY"), ("董事长", "TITLE"), ("赵青", "OFFICIAL"),
                      ("共护清江合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert sorted(party_sets(recs)) == [["临江市政府", "星河投资", "蓝海环保集团"], ["星河投资", "蓝海环保集团"]]


def test_short_name_in_brackets_is_an_alias_not_another_party():
    text = ("3月1日，青川县人民政府与华林农业发展银行（简称华农行）临江分行举行《乡村振兴合作协议》签约仪式。"
            "县长陈一鸣与华农行临江分行行长周放代表双方签约。")
    ents = tag(text, [("3月1日", "DATE"), ("青川县人民政府", "PARTY"), ("华林农业发展银行", "PARTY"), ("华农行", "PARTY"),
                      ("临江分行", "PARTY"), ("乡村振兴合作协议", "AGREEMENT"), ("县长", "TITLE"), ("陈一鸣", "OFFICIAL"),
                      ("华农行临江分行", "PARTY"), ("行长", "TITLE"), ("周放", "OFFICIAL")])
    recs = build_records(text, ents, "2024-03-02")
    assert party_sets(recs) == [["华农行临江分行", "青川县人民政府"]]  # the branch, under a name the article writes
    text = "青川县人民政府与星河新材料股份有限公司（以下简称“星材”）签署合作协议。"
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河新材料股份有限公司", "PARTY"), ("星材", "PARTY"),
                      ("合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert party_sets(recs) == [["星河新材料股份有限公司", "青川县人民政府"]]
    assert recs[0].parties[1].aliases == ["星材"]


def test_agreement_short_name_in_brackets_is_the_same_agreement():
    text = "西岭科技与临江市政府在白石签署了一份谅解备忘录(MoU)，双方将共建研发中心。"
    ents = tag(text, [("西岭科技", "PARTY"), ("临江市政府", "PARTY"), ("谅解备忘录", "AGREEMENT"), ("MoU", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert [(r.title, len(r.parties)) for r in recs] == [("谅解备忘录", 2)]


def test_reordered_short_name_of_a_branch_joins_the_full_name():
    # the headline's full names and the body's short forms (place moved to the front) are one signing
    text = ("华林农业发展银行东岭市分行与东岭市农业农村局举办乡村振兴战略合作签约仪式\n"
            "东岭华农行行长周放和东岭市农业农村局局长陈一鸣代表双方签署《乡村振兴深化合作协议》。")
    ents = tag(text, [("华林农业发展银行东岭市分行", "PARTY"), ("东岭市农业农村局", "PARTY"), ("东岭华农行", "PARTY"),
                      ("行长", "TITLE"), ("周放", "OFFICIAL"), ("东岭市农业农村局", "PARTY"), ("局长", "TITLE"),
                      ("陈一鸣", "OFFICIAL"), ("乡村振兴深化合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert len(recs) == 1 and recs[0].title == "乡村振兴深化合作协议"


def test_congratulating_on_a_signing_is_not_another_signing():
    text = ("临江市人民政府与星河通信有限公司签订《数字临江战略合作协议》。"
            "白石县县长陈一鸣代表白石县政府向此次战略合作协议的成功签订表示祝贺。")
    ents = tag(text, [("临江市人民政府", "PARTY"), ("星河通信有限公司", "PARTY"), ("数字临江战略合作协议", "AGREEMENT"),
                      ("白石县", "PARTY"), ("县长", "TITLE"), ("陈一鸣", "OFFICIAL"), ("白石县政府", "PARTY"),
                      ("战略合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert [r.title for r in recs] == ["数字临江战略合作协议"]


def test_a_signing_still_to_be_pushed_for_gives_no_record():
    text = "会见中，双方希望进一步加强交流、深化合作，推动青川县人民政府与星河科技有限公司的项目尽快签约落地。"
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY")])
    assert build_records(text, ents, "2024-03-02") == []


def test_two_agreement_names_in_one_signing_are_two_records():
    text = ("临江经开区与白石农商银行签订共建合作协议\n"
            "活动中，临江经开区与白石银行分别签订了战略合作协议和党建共建协议。")
    ents = tag(text, [("临江经开区", "PARTY"), ("白石农商银行", "PARTY"), ("共建合作协议", "AGREEMENT"),
                      ("临江经开区", "PARTY"), ("白石银行", "PARTY"), ("战略合作协议", "AGREEMENT"),
                      ("党建共建协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert len(recs) == 2 and "党建共建协议" in {r.title for r in recs}  # the headline's name may stay on the other
    # one agreement named twice (《X》战略合作协议) stays one record
    text = "星河银行临江分行与临江市农业局签署《“十四五”深化合作协议》战略合作协议。"
    ents = tag(text, [("星河银行临江分行", "PARTY"), ("临江市农业局", "PARTY"), ("“十四五”深化合作协议", "AGREEMENT"),
                      ("战略合作协议", "AGREEMENT")])
    assert len(build_records(text, ents, "2024-03-02")) == 1


def test_generic_group_company_is_the_company_the_article_names_most():
    text = ("集团公司与临江市名山区人民政府签订战略合作框架协议\n"
            "开工仪式上，白石铁投集团领导致辞，总经理介绍了远山集团的基本情况。"
            "集团公司副总经理陈日代表远山集团与临江市名山区人民政府签订了战略合作框架协议。")
    ents = tag(text, [("集团公司", "PARTY"), ("临江市名山区人民政府", "PARTY"), ("战略合作框架协议", "AGREEMENT"),
                      ("白石铁投集团", "PARTY"), ("总经理", "TITLE"), ("远山集团", "PARTY"), ("集团公司副总经理", "TITLE"),
                      ("陈日", "OFFICIAL"), ("远山集团", "PARTY"), ("临江市名山区人民政府", "PARTY"),
                      ("战略合作框架协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert party_sets(recs) == [["临江市名山区人民政府", "远山集团"]]


def test_headline_region_yields_to_the_government_the_body_says_signed():
    text = ("星河能建与东岭自治区签署战略合作协议\n"
            "双方就清洁能源开发深入交流，并见证白石市政府与星河能建签署战略合作协议。")
    ents = tag(text, [("星河能建", "PARTY"), ("东岭自治区", "PARTY"), ("战略合作协议", "AGREEMENT"),
                      ("白石市政府", "PARTY"), ("星河能建", "PARTY"), ("战略合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert party_sets(recs) == [["星河能建", "白石市政府"]]
    # a headline signing that the body tells too is its own agreement
    text = ("星河能建与东岭自治区签署战略合作协议\n"
            "当天，星河能建与东岭自治区签署战略合作协议，并见证白石市政府与星河能建签署战略合作协议。")
    ents = tag(text, [("星河能建", "PARTY"), ("东岭自治区", "PARTY"), ("战略合作协议", "AGREEMENT"),
                      ("星河能建", "PARTY"), ("东岭自治区", "PARTY"), ("战略合作协议", "AGREEMENT"),
                      ("白石市政府", "PARTY"), ("星河能建", "PARTY"), ("战略合作协议", "AGREEMENT")])
    assert len(build_records(text, ents, "2024-03-02")) == 2


def test_after_the_signing_clause_makes_no_new_record():
    text = ("临江市政府与星河移动签署了战略合作框架协议。"
            "在省公司与临江市政府签署战略协议后，临江移动随即与白石镇签署战略合作框架协议。")
    ents = tag(text, [("临江市政府", "PARTY"), ("星河移动", "PARTY"), ("战略合作框架协议", "AGREEMENT"),
                      ("省公司", "PARTY"), ("临江市政府", "PARTY"), ("战略协议", "AGREEMENT"), ("临江移动", "PARTY"),
                      ("白石镇", "PARTY"), ("战略合作框架协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert sorted(party_sets(recs)) == [["临江市政府", "星河移动"], ["临江移动", "白石镇"]]


def test_people_representing_listed_companies_then_signing_with_one_side():
    text = "刘一、王二分别代表星河地产集团、蓝海物流集团，与临江技师学院签订校企合作协议。"
    ents = tag(text, [("刘一", "OFFICIAL"), ("王二", "OFFICIAL"), ("星河地产集团", "PARTY"), ("蓝海物流集团", "PARTY"),
                      ("临江技师学院", "PARTY"), ("校企合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    assert sorted(party_sets(recs)) == [["临江技师学院", "星河地产集团"], ["临江技师学院", "蓝海物流集团"]]


def test_guests_listed_before_attending_the_signing_are_not_parties():
    text = ("星河新材料股份有限公司、临江产业研究院、白石创新中心三方签约仪式举行，正式签署共建实验室协议。"
            "白石管委会副主任周放，临江大学副校长陈一鸣及白石创新中心主任李可，远山园区运营中心主任赵青参加签约。")
    ents = tag(text, [("星河新材料股份有限公司", "PARTY"), ("临江产业研究院", "PARTY"), ("白石创新中心", "PARTY"),
                      ("共建实验室协议", "AGREEMENT"), ("白石管委会", "PARTY"), ("副主任", "TITLE"), ("周放", "OFFICIAL"),
                      ("临江大学", "PARTY"), ("副校长", "TITLE"), ("陈一鸣", "OFFICIAL"), ("白石创新中心", "PARTY"),
                      ("主任", "TITLE"), ("李可", "OFFICIAL"), ("远山园区运营中心", "PARTY"), ("主任", "TITLE"),
                      ("赵青", "OFFICIAL")])
    recs = build_records(text, ents, "2024-03-02")
    assert party_sets(recs) == [sorted(["星河新材料股份有限公司", "临江产业研究院", "白石创新中心"])]
    # …参加签约 right after the signing: they witnessed it
    assert {(o.name, o.role) for o in recs[0].officials} == {(n, "witness") for n in ("周放", "陈一鸣", "李可", "赵青")}


def test_the_company_referred_to_as_gai_gongsi_is_a_side():
    text = "据星河能源集团公司发布的新闻稿，该公司和临江省政府于9月26日签署了《石化产业合作协议》。"
    ents = tag(text, [("星河能源集团公司", "PARTY"), ("临江省政府", "PARTY"), ("9月26日", "DATE"),
                      ("石化产业合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-10-02")
    assert party_sets(recs) == [["临江省政府", "星河能源集团公司"]]


def test_full_names_written_in_the_agreement_name_name_the_parties():
    # the headline and body use short forms; the agreement name writes both full names one after the other
    text = ("省政府与星石化签署战略合作协议\n"
            "8月24日，副省长陈一鸣会见了星石化集团公司总裁周放一行，双方共同签署了战略合作协议。"
            "最后，陈一鸣与周放共同签署了《河北省人民政府星河石油化工集团公司战略合作协议》。")
    ents = tag(text, [("省政府", "PARTY"), ("星石化", "PARTY"), ("战略合作协议", "AGREEMENT"), ("8月24日", "DATE"),
                      ("副省长", "TITLE"), ("陈一鸣", "OFFICIAL"), ("星石化集团公司", "PARTY"), ("总裁", "TITLE"),
                      ("周放", "OFFICIAL"), ("战略合作协议", "AGREEMENT"), ("陈一鸣", "OFFICIAL"), ("周放", "OFFICIAL"),
                      ("河北省人民政府星河石油化工集团公司战略合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-09-02")
    assert len(recs) == 1
    assert sorted(p.name for p in recs[0].parties) == ["星河石油化工集团公司", "河北省人民政府"]


def test_pairs_with_a_listed_side_and_place_words_before_a_shared_verb():
    text = "仪式上，乙镇政府与白石农商银行，乙镇甲村、丙村、丁村与白石农商银行乙镇各支行，分别签订战略合作协议。"
    ents = tag(text, [("乙镇政府", "PARTY"), ("白石农商银行", "PARTY"), ("甲村", "PARTY"), ("丙村", "PARTY"),
                      ("丁村", "PARTY"), ("白石农商银行", "PARTY"), ("战略合作协议", "AGREEMENT")])
    recs = build_records(text, ents, "2024-03-02")
    # the villages sign with the bank's branches (白石农商银行 written on into 乙镇各支行), the town with the bank
    branch = "白石农商银行乙镇各支行"
    assert sorted(party_sets(recs)) == [["丁村", branch], ["丙村", branch], ["乙镇政府", "白石农商银行"],
                                        ["甲村", branch]]
    # a clause that witnesses or attends is not a pairing of signers
    text = "在甲村与白石农商银行的见证下，乙镇政府与星河公司分别签订合作协议。"
    ents = tag(text, [("甲村", "PARTY"), ("白石农商银行", "PARTY"), ("乙镇政府", "PARTY"), ("星河公司", "PARTY"),
                      ("合作协议", "AGREEMENT")])
    assert party_sets(build_records(text, ents, "2024-03-02")) == [["乙镇政府", "星河公司"]]


def test_sentence_opening_with_qizhong_yu_lists_counterparts_of_the_last_subject():
    text = ("临江县人民政府与星河肉业集团等8家企业就10个项目签约。"
            "其中，与蓝海建材集团碳酸钙项目、与北辰物流有限公司仓储项目在招商大会上签约。")
    ents = tag(text, [("临江县人民政府", "PARTY"), ("星河肉业集团", "PARTY"), ("蓝海建材集团", "PARTY"),
                      ("北辰物流有限公司", "PARTY")])
    recs = build_records(text, ents, "2024-03-02")
    assert sorted(p for p in party_sets(recs) if len(p) == 2) == sorted(sorted(["临江县人民政府", c]) for c in (
        "星河肉业集团", "蓝海建材集团", "北辰物流有限公司"))
    # 8家企业: five firms not named, the government alone on each; 就10个项目签约: ten records in all (N12)
    assert len(recs) == 10 and party_sets(recs).count(["临江县人民政府"]) == 5


def test_a_closing_list_of_people_attending_the_event_are_witnesses():
    text = ("5月2日，临江市人民政府与星河能建集团有限公司签署战略合作协议。"
            "市委书记陈一鸣会见星河能建集团董事长周放，并共同见证协议签署。"
            "陈一鸣对周放一行表示欢迎。"
            "市领导李可、赵青，星河能建集团副总经理吴三参加。")
    ents = tag(text, [("5月2日", "DATE"), ("临江市人民政府", "PARTY"), ("星河能建集团有限公司", "PARTY"),
                      ("战略合作协议", "AGREEMENT"), ("市委书记", "TITLE"), ("陈一鸣", "OFFICIAL"), ("星河能建集团", "PARTY"),
                      ("董事长", "TITLE"), ("周放", "OFFICIAL"), ("陈一鸣", "OFFICIAL"), ("周放", "OFFICIAL"),
                      ("李可", "OFFICIAL"), ("赵青", "OFFICIAL"), ("星河能建集团", "PARTY"), ("副总经理", "TITLE"),
                      ("吴三", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-03")
    assert len(recs) == 1
    assert {(o.name, o.role) for o in recs[0].officials} == {(n, "witness") for n in ("陈一鸣", "周放", "李可", "赵青", "吴三")}


def test_people_attending_and_speaking_at_the_signing_event_are_witnesses():
    text = ("临江市人民政府与星河电信临江分公司签署智慧城市战略合作协议。"
            "星河电信临江分公司总经理周放，市委副书记、市长陈一鸣出席并致辞。")
    ents = tag(text, [("临江市人民政府", "PARTY"), ("星河电信临江分公司", "PARTY"), ("智慧城市战略合作协议", "AGREEMENT"),
                      ("星河电信临江分公司", "PARTY"), ("总经理", "TITLE"), ("周放", "OFFICIAL"), ("市委副书记", "TITLE"),
                      ("市长", "TITLE"), ("陈一鸣", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-03")
    assert {(o.name, o.role) for o in recs[0].officials} == {("周放", "witness"), ("陈一鸣", "witness")}


def test_attendees_in_a_list_cut_by_semicolons_witness_the_signing():
    text = ("星河投资与临江市政府举行战略合作协议签约仪式。"
            "星河集团总裁陈一鸣；临江市委书记周放、市长李可；蓝海集团董事长赵青等领导出席仪式并见证签约。")
    ents = tag(text, [("星河投资", "PARTY"), ("临江市政府", "PARTY"), ("战略合作协议", "AGREEMENT"), ("星河集团", "PARTY"),
                      ("总裁", "TITLE"), ("陈一鸣", "OFFICIAL"), ("临江市委书记", "TITLE"), ("周放", "OFFICIAL"),
                      ("市长", "TITLE"), ("李可", "OFFICIAL"), ("蓝海集团", "PARTY"), ("董事长", "TITLE"),
                      ("赵青", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-03")
    assert {(o.name, o.role) for o in recs[0].officials} == {(n, "witness") for n in ("陈一鸣", "周放", "李可", "赵青")}


def test_speakers_and_the_host_of_the_ceremony_are_witnesses():
    text = ("临江市与星河移动通信有限公司签订数字临江战略合作协议。"
            "市长陈一鸣，星河移动通信有限公司总经理周放分别致辞。仪式由副市长李可主持。")
    ents = tag(text, [("临江市", "PARTY"), ("星河移动通信有限公司", "PARTY"), ("数字临江战略合作协议", "AGREEMENT"),
                      ("市长", "TITLE"), ("陈一鸣", "OFFICIAL"), ("星河移动通信有限公司", "PARTY"), ("总经理", "TITLE"),
                      ("周放", "OFFICIAL"), ("副市长", "TITLE"), ("李可", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-03")
    assert {(o.name, o.role) for o in recs[0].officials} == {(n, "witness") for n in ("陈一鸣", "周放", "李可")}


def test_people_speaking_about_the_signing_are_witnesses_not_signatories():
    text = ("临江区人民政府与星河设计集团有限公司签署战略合作协议。"
            "区委书记陈一鸣对战略合作协议的签署表示祝贺。县长周放对双方成功签约表示祝贺。")
    ents = tag(text, [("临江区人民政府", "PARTY"), ("星河设计集团有限公司", "PARTY"), ("战略合作协议", "AGREEMENT"),
                      ("区委书记", "TITLE"), ("陈一鸣", "OFFICIAL"), ("战略合作协议", "AGREEMENT"), ("县长", "TITLE"),
                      ("周放", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-03")
    assert {(o.name, o.role) for o in recs[0].officials} == {("陈一鸣", "witness"), ("周放", "witness")}
    # a delegation visiting to sign, and a headline phrase of its own after a space
    for text, names in (("学校党委书记李可、副书记赵青一行到白石县进行调研签约，签订校地合作协议。", ("李可", "赵青")),
                        ("市委书记李可会见星河公司总裁赵青 临江市政府与星河公司签署战略合作协议", ("赵青",))):
        items = [("李可", "OFFICIAL"), ("赵青", "OFFICIAL")]
        items += [("临江市政府", "PARTY"), ("星河公司", "PARTY"), ("战略合作协议", "AGREEMENT")] if "临江" in text else [
            ("白石县", "PARTY"), ("校地合作协议", "AGREEMENT")]
        ents = sorted(tag(text, items[:2]) + tag(text, items[2:]), key=lambda e: e.start)
        recs = build_records(text, ents, "2024-05-03")
        assert {(o.name, o.role) for r in recs for o in r.officials} == {(n, "witness") for n in names}, text


def test_the_person_met_at_a_signing_is_no_witness_unless_they_witness_together():
    text = ("临江市人民政府与星河电网有限公司签署战略合作协议。"
            "市委书记陈一鸣出席签约仪式，并会见星河电网有限公司董事长周放一行。")
    ents = tag(text, [("临江市人民政府", "PARTY"), ("星河电网有限公司", "PARTY"), ("战略合作协议", "AGREEMENT"),
                      ("市委书记", "TITLE"), ("陈一鸣", "OFFICIAL"), ("星河电网有限公司", "PARTY"), ("董事长", "TITLE"),
                      ("周放", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-03")
    assert {(o.name, o.role) for o in recs[0].officials} == {("陈一鸣", "witness")}
    text = text.replace("一行。", "一行，并共同见证协议签署。")
    recs = build_records(text, tag(text, [(e.text, e.label) for e in ents]), "2024-05-03")
    assert {(o.name, o.role) for o in recs[0].officials} == {("陈一鸣", "witness"), ("周放", "witness")}


def test_a_vague_date_before_the_signing_leaves_its_day_unknown():
    text = ("临江讯 2月3日，白石县召开招商大会。星河集团总裁周放和临江市委书记陈一鸣近日举行会谈。"
            "会谈前，星河投资与临江市开平区举行了项目合作签约仪式。")
    ents = tag(text, [("2月3日", "DATE"), ("白石县", "PARTY"), ("星河集团", "PARTY"), ("总裁", "TITLE"), ("周放", "OFFICIAL"),
                      ("临江市委书记", "TITLE"), ("陈一鸣", "OFFICIAL"), ("近日", "DATE"), ("星河投资", "PARTY"),
                      ("临江市开平区", "PARTY")])
    recs = build_records(text, ents, "2024-04-04")
    assert [r.date for r in recs] == [None]


def test_money_the_sentence_ties_to_the_agreement_goes_on_the_record():
    text = ("临江区人民政府与星河银行白石分行签署战略合作协议。"
            "根据协议，星河银行白石分行将为我区22家企业提供10.4亿元资金。")
    ents = tag(text, [("临江区人民政府", "PARTY"), ("星河银行白石分行", "PARTY"), ("战略合作协议", "AGREEMENT"),
                      ("星河银行白石分行", "PARTY"), ("我区", "PARTY"), ("10.4亿元", "AMOUNT")])
    recs = build_records(text, ents, "2024-05-03")
    assert [a.value for r in recs for a in r.amounts] == [1.04e9]


def test_congratulating_the_signing_is_not_signing():
    text = ("青川县人民政府与星河科技有限公司签署了《战略合作协议》。县委书记林木出席签约仪式。"
            "林木对协议的签署表示祝贺。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《战略合作协议》", "AGREEMENT"),
                      ("县委书记", "TITLE"), ("林木", "OFFICIAL"), ("林木", "OFFICIAL")])
    recs = build_records(text, ents, "2024-03-02")
    assert {(o.name, o.role) for o in recs[0].officials} == {("林木", "witness")}
    text = "青川县人民政府与星河科技有限公司签署了《战略合作协议》。县长周青对双方成功签约表示热烈祝贺。"
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《战略合作协议》", "AGREEMENT"),
                      ("县长", "TITLE"), ("周青", "OFFICIAL")])
    assert all(o.role != "signatory" for o in build_records(text, ents, "2024-03-02")[0].officials)


def test_guest_received_at_a_meeting_is_not_a_witness():
    text = ("青川县人民政府与星河科技有限公司签署《战略合作协议》。"
            "县委书记林木出席签约仪式，并会见了星河科技有限公司董事长陆远一行。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《战略合作协议》", "AGREEMENT"),
                      ("县委书记", "TITLE"), ("林木", "OFFICIAL"), ("星河科技有限公司", "PARTY"), ("董事长", "TITLE"),
                      ("陆远", "OFFICIAL")])
    assert {(o.name, o.role) for o in build_records(text, ents, "2024-03-02")[0].officials} == {("林木", "witness")}
    # guests the sentence says witnessed the signing together with their hosts stay witnesses
    text = ("青川县人民政府与星河科技有限公司签署《战略合作协议》。"
            "县委书记林木会见星河科技有限公司董事长陆远一行，并共同见证签约。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《战略合作协议》", "AGREEMENT"),
                      ("县委书记", "TITLE"), ("林木", "OFFICIAL"), ("星河科技有限公司", "PARTY"), ("董事长", "TITLE"),
                      ("陆远", "OFFICIAL")])
    assert {(o.name, o.role) for o in build_records(text, ents, "2024-03-02")[0].officials} == {
        ("林木", "witness"), ("陆远", "witness")}


def test_names_in_a_byline_are_reporters():
    text = "青川日报讯（记者 白雪 林川）青川县人民政府与星河科技有限公司三日签署《战略合作协议》。"
    ents = tag(text, [("白雪", "OFFICIAL"), ("林川", "OFFICIAL"), ("青川县人民政府", "PARTY"),
                      ("星河科技有限公司", "PARTY"), ("《战略合作协议》", "AGREEMENT")])
    assert build_records(text, ents, "2024-03-04")[0].officials == []


def test_amount_with_more_than_between_number_and_unit():
    assert parse_amount("80多亿元")[0] == 8e9 and parse_amount("7700余万元")[0] == 7.7e7
    text = "青川县人民政府与星河科技有限公司签署了《产业园投资协议》，项目总投资30多亿元。"
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《产业园投资协议》", "AGREEMENT"),
                      ("30多亿元", "AMOUNT")])
    assert [a.value for a in build_records(text, ents, "2024-03-02")[0].amounts] == [3e9]


def test_money_the_agreement_sets_goes_on_it_and_running_totals_do_not():
    text = ("青川县人民政府与白石银行签署了《金融合作协议》。"
            "根据协议，白石银行将为青川县企业提供10亿元资金。"
            "截至目前，白石银行在青川县累计发放贷款35亿元。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("白石银行", "PARTY"), ("《金融合作协议》", "AGREEMENT"),
                      ("白石银行", "PARTY"), ("青川县", "PARTY"), ("10亿元", "AMOUNT"), ("白石银行", "PARTY"),
                      ("青川县", "PARTY"), ("35亿元", "AMOUNT")])
    assert [a.value for a in build_records(text, ents, "2024-03-02")[0].amounts] == [1e9]
    # the same in the signing sentence itself: the running total beside the signing is not the agreement's money
    text = "青川县人民政府与星河科技有限公司签约，总投资6亿元，全县今年累计到位投资51亿元。"
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("6亿元", "AMOUNT"), ("51亿元", "AMOUNT")])
    assert [a.value for a in build_records(text, ents, "2024-03-02")[0].amounts] == [6e8]


def test_the_front_matter_date_is_not_the_day_of_signing():
    text = ("青川县与星河科技签署战略合作协议\n发布日期: 2024-03-05\n"
            "青川县人民政府与星河科技有限公司签署《战略合作协议》，双方将在新能源领域开展合作。")
    ents = tag(text, [("青川县", "PARTY"), ("星河科技", "PARTY"), ("2024-03-05", "DATE"),
                      ("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《战略合作协议》", "AGREEMENT")])
    assert [r.date for r in build_records(text, ents, "2024-03-05")] == [None]


def test_undated_article_places_a_month_day_with_the_year_of_its_sentence():
    text = ("12月13日，2019年青川县重大项目集中签约仪式举行。"
            "青川县人民政府与星河科技有限公司签署《新材料项目投资协议》。")
    ents = tag(text, [("12月13日", "DATE"), ("2019年", "DATE"), ("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"),
                      ("《新材料项目投资协议》", "AGREEMENT")])
    assert [r.date for r in build_records(text, ents, None)] == ["2019-12-13"]
    # a project milestone (2026年12月建成) is not the year of the signing: no day without a publication date
    text = "3月18日，青川县人民政府与星河科技有限公司签署《新材料项目投资协议》，项目2026年12月建成。"
    ents = tag(text, [("3月18日", "DATE"), ("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"),
                      ("《新材料项目投资协议》", "AGREEMENT"), ("2026年12月", "DATE")])
    assert [r.date for r in build_records(text, ents, None)] == [None]


def test_ceremony_without_named_parties_takes_the_day_of_its_first_dated_sentence():
    text = "青川经济开发区签约项目8个\n9月5日下午，开发区举行重点项目签约仪式，共签约项目8个。"
    ents = tag(text, [("9月5日下午", "DATE")])
    assert [r.date for r in build_records(text, ents, "2024-09-10")] == ["2024-09-05"] * 8  # 8 counted (N12)


def test_undated_article_keeps_money_of_a_term_starting_at_a_year():
    text = ("7月3日上午，青川县人民政府与白石银行签署《战略合作协议》。"
            "根据协议，从2020年开始，白石银行3年内将提供不少于50亿元信贷资金支持。")
    ents = tag(text, [("7月3日上午", "DATE"), ("青川县人民政府", "PARTY"), ("白石银行", "PARTY"),
                      ("《战略合作协议》", "AGREEMENT"), ("2020年", "DATE"), ("白石银行", "PARTY"), ("50亿元", "AMOUNT")])
    amount = build_records(text, ents, None)[0].amounts[0]
    assert (amount.value, amount.qualifier, amount.purpose) == (5e9, "不少于", "授信")


def test_people_attending_or_hosting_the_occasion_witness_its_signing():
    text = ("3月1日，青川县人民政府与星河科技有限公司签署《战略合作协议》。副县长周青出席会议。"
            "县委书记林木，县长陈一鸣参加签约。仪式由县政府秘书长吴涛主持。")
    ents = tag(text, [("3月1日", "DATE"), ("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"),
                      ("《战略合作协议》", "AGREEMENT"), ("副县长", "TITLE"), ("周青", "OFFICIAL"), ("县委书记", "TITLE"),
                      ("林木", "OFFICIAL"), ("县长", "TITLE"), ("陈一鸣", "OFFICIAL"), ("县政府秘书长", "TITLE"),
                      ("吴涛", "OFFICIAL")])
    recs = build_records(text, ents, "2024-03-02")
    assert {(o.name, o.role) for o in recs[0].officials} == {
        ("周青", "witness"), ("林木", "witness"), ("陈一鸣", "witness"), ("吴涛", "witness")}
    # attendance told after other news of the article still counts: the article reports one occasion
    text = ("青川县人民政府与星河科技有限公司签署《战略合作协议》。双方将在新能源领域深化合作。"
            "县领导林木、陈一鸣参加。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《战略合作协议》", "AGREEMENT"),
                      ("林木", "OFFICIAL"), ("陈一鸣", "OFFICIAL")])
    assert {(o.name, o.role) for o in build_records(text, ents, "2024-03-02")[0].officials} == {
        ("林木", "witness"), ("陈一鸣", "witness")}


def test_speakers_at_the_ceremony_witness_its_signing():
    text = ("3月1日，青川县人民政府与星河科技有限公司签署《战略合作协议》。县长林木，星河科技有限公司总经理陆远分别致辞。"
            "签约仪式上，星河科技有限公司董事长韩立表示，将加大在青川的投资。")
    ents = tag(text, [("3月1日", "DATE"), ("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"),
                      ("《战略合作协议》", "AGREEMENT"), ("县长", "TITLE"), ("林木", "OFFICIAL"),
                      ("星河科技有限公司", "PARTY"), ("总经理", "TITLE"), ("陆远", "OFFICIAL"),
                      ("星河科技有限公司", "PARTY"), ("董事长", "TITLE"), ("韩立", "OFFICIAL")])
    assert {(o.name, o.role) for o in build_records(text, ents, "2024-03-02")[0].officials} == {
        ("林木", "witness"), ("陆远", "witness"), ("韩立", "witness")}


def test_two_signers_joined_by_yu_before_a_comma_sign():
    text = ("4月3日，青川县人民政府与星河科技有限公司签订《战略合作框架协议》，"
            "县长林木与星河科技有限公司副总经理韩立，代表双方签约。")
    ents = tag(text, [("4月3日", "DATE"), ("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"),
                      ("《战略合作框架协议》", "AGREEMENT"), ("县长", "TITLE"), ("林木", "OFFICIAL"),
                      ("星河科技有限公司", "PARTY"), ("副总经理", "TITLE"), ("韩立", "OFFICIAL")])
    assert {(o.name, o.role) for o in build_records(text, ents, "2024-04-04")[0].officials} == {
        ("林木", "signatory"), ("韩立", "signatory")}


def test_head_of_a_college_serves_the_college_not_the_government():
    text = ("青川县人民政府与东岳理工学院签署《校地合作协议》。"
            "县长林木，东岳理工学院党委副书记、院长韩立出席签约仪式。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("东岳理工学院", "PARTY"), ("《校地合作协议》", "AGREEMENT"),
                      ("县长", "TITLE"), ("林木", "OFFICIAL"), ("东岳理工学院", "PARTY"), ("党委副书记", "TITLE"),
                      ("院长", "TITLE"), ("韩立", "OFFICIAL")])
    parties = {o.name: o.party for o in build_records(text, ents, "2024-03-02")[0].officials}
    assert parties == {"林木": "青川县人民政府", "韩立": "东岳理工学院"}
    # the same titles without the college written before them
    text = "青川县人民政府与东岳理工学院签署《校地合作协议》。党委副书记、院长韩立出席签约仪式。"
    ents = tag(text, [("青川县人民政府", "PARTY"), ("东岳理工学院", "PARTY"), ("《校地合作协议》", "AGREEMENT"),
                      ("党委副书记", "TITLE"), ("院长", "TITLE"), ("韩立", "OFFICIAL")])
    assert build_records(text, ents, "2024-03-02")[0].officials[0].party == "东岳理工学院"


def test_signers_named_in_the_sentence_after_the_signing():
    text = ("《青川县数字乡村合作协议》3月1日正式签订。该协议由青川县人民政府和星河科技有限公司共同签署。"
            "代表双方签字的分别是副县长周青、副总经理韩立。协议涉及资金8000万元，主要投向数字乡村。")
    ents = tag(text, [("《青川县数字乡村合作协议》", "AGREEMENT"), ("3月1日", "DATE"), ("青川县人民政府", "PARTY"),
                      ("星河科技有限公司", "PARTY"), ("副县长", "TITLE"), ("周青", "OFFICIAL"), ("副总经理", "TITLE"),
                      ("韩立", "OFFICIAL"), ("8000万元", "AMOUNT")])
    rec = build_records(text, ents, "2024-03-02")[0]
    assert {(o.name, o.role) for o in rec.officials} == {("周青", "signatory"), ("韩立", "signatory")}
    assert [a.value for a in rec.amounts] == [8e7]


def test_an_agreement_signed_before_told_with_guo_is_history():
    text = ("4月10日下午，青川县人民政府与白石银行签署《数字青川合作协议》。"
            "早在2021年2月25日，青川县人民政府就与白石银行签订过《金融服务合作协议》。")
    ents = tag(text, [("4月10日下午", "DATE"), ("青川县人民政府", "PARTY"), ("白石银行", "PARTY"),
                      ("《数字青川合作协议》", "AGREEMENT"), ("2021年2月25日", "DATE"), ("青川县人民政府", "PARTY"),
                      ("白石银行", "PARTY"), ("《金融服务合作协议》", "AGREEMENT")])
    recs = build_records(text, ents, "2024-04-11")
    assert [(r.title, r.date) for r in recs] == [("数字青川合作协议", "2024-04-10")]


def test_undated_article_tells_history_from_the_year_of_its_signing():
    text = ("2023年青川县招商引资项目集中签约仪式举行，青川县人民政府与星河科技有限公司签署《投资协议》，总投资6亿元。"
            "2019年，全县招商引资企业实现产值70亿元，2019年全县工业产值首次突破百亿元。")
    ents = tag(text, [("2023年", "DATE"), ("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"),
                      ("《投资协议》", "AGREEMENT"), ("6亿元", "AMOUNT"), ("2019年", "DATE"), ("70亿元", "AMOUNT"),
                      ("2019年", "DATE")])
    assert [a.value for a in build_records(text, ents, None)[0].amounts] == [6e8]


def test_a_list_of_attendees_split_by_semicolons_is_one_sentence():
    text = ("临江市人民政府与星河科技有限公司举行战略合作协议签约仪式。"
            "远山集团总裁周放；临江市委书记林木、市长陈一鸣；星河科技有限公司董事长陆远等领导出席仪式并见证签约。")
    ents = tag(text, [("临江市人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("战略合作协议", "AGREEMENT"),
                      ("远山集团", "PARTY"), ("总裁", "TITLE"), ("周放", "OFFICIAL"), ("临江市委书记", "TITLE"),
                      ("林木", "OFFICIAL"), ("市长", "TITLE"), ("陈一鸣", "OFFICIAL"), ("星河科技有限公司", "PARTY"),
                      ("董事长", "TITLE"), ("陆远", "OFFICIAL")])
    recs = build_records(text, ents, "2024-03-02")
    assert {(o.name, o.role) for o in recs[0].officials} == {
        ("周放", "witness"), ("林木", "witness"), ("陈一鸣", "witness"), ("陆远", "witness")}


def test_untitled_county_leaders_and_county_posts_serve_the_county():
    text = ("青川县人民政府举行招商项目集中签约仪式。青川经济开发区管委会与星河科技有限公司签署《新材料项目协议》。"
            "县委书记林木，县领导陈一鸣、周青出席签约仪式。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("青川经济开发区管委会", "PARTY"), ("星河科技有限公司", "PARTY"),
                      ("《新材料项目协议》", "AGREEMENT"), ("县委书记", "TITLE"), ("林木", "OFFICIAL"),
                      ("陈一鸣", "OFFICIAL"), ("周青", "OFFICIAL")])
    recs = build_records(text, ents, "2024-03-02")
    assert {(o.name, o.title, o.party) for o in recs[0].officials} == {
        ("林木", "县委书记", "青川县人民政府"), ("陈一鸣", None, "青川县人民政府"), ("周青", None, "青川县人民政府")}


def test_a_visiting_delegation_witnesses_and_a_speaker_at_the_ceremony_too():
    text = ("5月19日，华林大学党委书记林木、副校长周青一行到访青川县人民政府并签订《校地合作协议》。"
            "县长陈一鸣在签约仪式上表示，将全力支持合作。")
    ents = tag(text, [("5月19日", "DATE"), ("华林大学", "PARTY"), ("党委书记", "TITLE"), ("林木", "OFFICIAL"),
                      ("副校长", "TITLE"), ("周青", "OFFICIAL"), ("青川县人民政府", "PARTY"), ("《校地合作协议》", "AGREEMENT"),
                      ("县长", "TITLE"), ("陈一鸣", "OFFICIAL")])
    recs = build_records(text, ents, "2024-05-20")
    assert sorted(p.name for p in recs[0].parties) == ["华林大学", "青川县人民政府"]
    assert {(o.name, o.role) for o in recs[0].officials} == {
        ("林木", "witness"), ("周青", "witness"), ("陈一鸣", "witness")}


def test_a_leader_cited_for_a_doctrine_is_not_at_the_signing():
    text = ("青川县人民政府与星河科技有限公司签署《战略合作协议》。县委书记林木出席签约仪式。"
            "林木表示，青川将深入学习贯彻陈一鸣同志重要讲话精神，做好服务。")
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《战略合作协议》", "AGREEMENT"),
                      ("县委书记", "TITLE"), ("林木", "OFFICIAL"), ("林木", "OFFICIAL"), ("陈一鸣", "OFFICIAL")])
    assert {o.name for o in build_records(text, ents, "2024-03-02")[0].officials} == {"林木"}


def test_names_listed_after_one_title_share_it():
    text = "华林大学与青川县人民政府签署《校地合作协议》。华林大学副校长周青、唐平、韩立出席签约仪式。"
    ents = tag(text, [("华林大学", "PARTY"), ("青川县人民政府", "PARTY"), ("《校地合作协议》", "AGREEMENT"),
                      ("华林大学", "PARTY"), ("副校长", "TITLE"), ("周青", "OFFICIAL"), ("唐平", "OFFICIAL"),
                      ("韩立", "OFFICIAL")])
    officials = build_records(text, ents, "2024-03-02")[0].officials
    assert {(o.name, o.title, o.party) for o in officials} == {
        ("周青", "副校长", "华林大学"), ("唐平", "副校长", "华林大学"), ("韩立", "副校长", "华林大学")}


def test_a_number_cut_off_before_its_unit_is_no_money():
    assert parse_amount("25")[0] is None and parse_amount("22.")[0] is None
    assert parse_amount("5亿")[0] == 5e8 and parse_amount("5000元")[0] == 5000
    text = "青川县人民政府与星河科技有限公司签署了《产业园投资协议》，总投资25亿元。"
    ents = tag(text, [("青川县人民政府", "PARTY"), ("星河科技有限公司", "PARTY"), ("《产业园投资协议》", "AGREEMENT"),
                      ("25", "AMOUNT")])
    assert build_records(text, ents, "2024-03-02")[0].amounts == []
