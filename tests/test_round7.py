"""Round 7: what blind dev showed the rules still miss, each with sentences of our own."""
from __future__ import annotations

from conftest import span as _span
from qianyue.rules import build_records


def _sides(recs):
    return sorted(sorted(p.name for p in r.parties) for r in recs)


def test_first_person_bank_is_the_side_of_the_first_signing_when_head_office_and_branch_are_named():
    text = ("我行与东岭区签署战略合作协议\n"
            "5月20日，远山银行南川分行与东岭区人民政府签署战略合作协议。根据协议，我行将提供授信100亿元。"
            "远山银行行长陆明出席签约仪式。副区长周安与南川分行行长韩青代表双方签约。")
    ents = [_span(text, "我行"), _span(text, "东岭区"), _span(text, "战略合作协议", "AGREEMENT"),
            _span(text, "5月20日", "DATE"), _span(text, "远山银行南川分行"), _span(text, "东岭区人民政府"),
            _span(text, "战略合作协议", "AGREEMENT", nth=1), _span(text, "我行", nth=1),
            _span(text, "100亿元", "AMOUNT"), _span(text, "远山银行", nth=1), _span(text, "行长", "TITLE", nth=0),
            _span(text, "陆明", "OFFICIAL"), _span(text, "副区长", "TITLE"), _span(text, "周安", "OFFICIAL"),
            _span(text, "南川分行", nth=0), _span(text, "韩青", "OFFICIAL")]
    recs = build_records(text, ents, "2025-05-22")
    assert _sides(recs) == [["东岭区人民政府", "远山银行南川分行"]]
    assert {p.name: p.aliases for p in recs[0].parties}["远山银行南川分行"].count("我行") == 1


def test_first_person_school_resolves_past_its_own_colleges():
    text = ("学校与南川市人民政府签署市校合作协议\n"
            "昨日，东岭理工大学与南川市人民政府签署市校合作协议。我校化学工程学院、机电学院的团队将入驻研究院。")
    ents = [_span(text, "学校"), _span(text, "南川市人民政府"), _span(text, "市校合作协议", "AGREEMENT"),
            _span(text, "昨日", "DATE"), _span(text, "东岭理工大学"), _span(text, "南川市人民政府", nth=1),
            _span(text, "市校合作协议", "AGREEMENT", nth=1), _span(text, "我校"), _span(text, "化学工程学院"),
            _span(text, "机电学院")]
    recs = build_records(text, ents, "2024-07-05")
    assert _sides(recs) == [["东岭理工大学", "南川市人民政府"]]


def test_a_signing_hoped_for_at_a_later_event_is_no_record():
    text = ("东岭市代表团赴南川推介\n"
            "昨日，东岭市代表团拜访了远山文旅集团有限公司。双方同意尽快对接，争取在下个月举办的东岭招商大会上正式"
            "签署投资协议。")
    ents = [_span(text, "东岭市"), _span(text, "昨日", "DATE"), _span(text, "东岭市", nth=1),
            _span(text, "远山文旅集团有限公司"), _span(text, "投资协议", "AGREEMENT")]
    assert build_records(text, ents, "2024-05-24") == []


def test_running_tallies_and_history_told_after_a_lead_phrase_are_no_signing():
    text = ("东岭市赴南川推介\n"
            "据了解，今年以来，东岭市已先后赴多地推介，累计签约项目26个。此前，远山集团已与西部多个省区签署了类似的"
            "合作协议。")
    ents = [_span(text, "东岭市"), _span(text, "东岭市", nth=1), _span(text, "远山集团"), _span(text, "西部"),
            _span(text, "合作协议", "AGREEMENT")]
    assert build_records(text, ents, "2024-05-24") == []
    # the same words reporting the event's own signing still make its record
    text2 = "东岭市人民政府与远山集团有限公司签署合作协议。"
    ents2 = [_span(text2, "东岭市人民政府"), _span(text2, "远山集团有限公司"), _span(text2, "合作协议", "AGREEMENT")]
    assert _sides(build_records(text2, ents2, None)) == [["东岭市人民政府", "远山集团有限公司"]]


def test_a_plaque_unveiled_at_the_signing_names_no_side():
    text = ("我校与东岭中医院签署合作协议\n"
            "4月23日，南川医学院与东岭市中医院签署合作协议。随后，双方为“南川医学院附属东岭中医院”揭牌。")
    ents = [_span(text, "我校"), _span(text, "东岭中医院"), _span(text, "合作协议", "AGREEMENT"),
            _span(text, "4月23日", "DATE"), _span(text, "南川医学院"), _span(text, "东岭市中医院"),
            _span(text, "合作协议", "AGREEMENT", nth=1), _span(text, "南川医学院附属东岭中医院")]
    recs = build_records(text, ents, "2019-04-24")
    assert _sides(recs) == [["东岭市中医院", "南川医学院"]]


def test_pieces_of_a_foreign_name_beside_the_chinese_one_are_dropped():
    text = ("12月30日，东岭高新区管理委员会与德国远山精密机械有限公司（YUANSHAN Precision Machinery GmbH）"
            "精密部件项目合资协议签约仪式举行。远山公司亚太区总裁Thomas Berger（托马斯·贝格尔）出席。"
            "Sunrise Optics（晨光光电）董事长林德华（Lim Teck Wah）出席。")
    ents = [_span(text, "12月30日", "DATE"), _span(text, "东岭高新区管理委员会"), _span(text, "德国远山精密机械有限公司"),
            _span(text, "YUANS"), _span(text, "Precision", "AGREEMENT"),
            _span(text, "GmbH）精密部件项目合资协议", "AGREEMENT"), _span(text, "Thoma", "OFFICIAL"),
            _span(text, "Berger（", "OFFICIAL"), _span(text, "托马斯·贝格尔", "OFFICIAL"), _span(text, "Sunris"),
            _span(text, "晨光光电"), _span(text, "林德华", "OFFICIAL"), _span(text, "Teck", "OFFICIAL"),
            _span(text, "Wah", "OFFICIAL")]
    recs = build_records(text, ents, "2013-01-04")
    assert len(recs) == 1
    assert recs[0].title == "精密部件项目合资协议"
    assert sorted(p.name for p in recs[0].parties) == ["东岭高新区管理委员会", "德国远山精密机械有限公司"]
    names = {o.name for o in recs[0].officials}
    assert not any(c.isascii() and c.isalpha() for n in names for c in n)
    assert "托马斯·贝格尔" in names


def test_a_latin_name_standing_alone_as_a_side_is_kept():
    text = "东岭市人民政府与ABB公司签署战略合作协议。"
    ents = [_span(text, "东岭市人民政府"), _span(text, "ABB公司"), _span(text, "战略合作协议", "AGREEMENT")]
    assert _sides(build_records(text, ents, None)) == [["ABB公司", "东岭市人民政府"]]


def test_a_capacity_in_the_headline_is_no_count_of_projects():
    text = ("我县与远山绿能签约2GW光伏项目\n"
            "12月28日，东岭县人民政府与远山绿能开发有限公司签署2GW光伏项目投资协议，项目总投资约90亿元。")
    ents = [_span(text, "我县"), _span(text, "远山绿能"), _span(text, "12月28日", "DATE"), _span(text, "东岭县人民政府"),
            _span(text, "远山绿能开发有限公司"), _span(text, "2GW光伏项目投资协议", "AGREEMENT"),
            _span(text, "约90亿元", "AMOUNT")]
    recs = build_records(text, ents, "2020-01-03")
    assert _sides(recs) == [["东岭县人民政府", "远山绿能开发有限公司"]]
    # a real count in the same place still counts
    text2 = "东岭县签约3个光伏项目\n12月28日，东岭县集中签约3个光伏项目，总投资90亿元。"
    ents2 = [_span(text2, "东岭县"), _span(text2, "12月28日", "DATE"), _span(text2, "东岭县", nth=1),
             _span(text2, "90亿元", "AMOUNT")]
    assert len(build_records(text2, ents2, "2020-01-03")) == 3


def test_the_headline_signing_told_again_in_the_body_under_a_fuller_name_is_one_record():
    text = ("南川市与远山新材料集团签署碳纤维项目投资协议\n"
            "6月5日上午，南川市人民政府与远山新材料集团股份有限公司年产5万吨碳纤维及复合材料项目投资合作协议签约仪式"
            "举行。副市长周安与远山新材料集团总裁陆明代表双方签约。")
    ents = [_span(text, "南川市"), _span(text, "远山新材料集团"), _span(text, "碳纤维项目投资协议", "AGREEMENT"),
            _span(text, "6月5日上午", "DATE"), _span(text, "南川市人民政府"), _span(text, "远山新材料集团股份有限公司"),
            _span(text, "复合材料项目投资合作协议", "AGREEMENT"), _span(text, "副市长", "TITLE"),
            _span(text, "周安", "OFFICIAL"), _span(text, "远山新材料集团", nth=2), _span(text, "总裁", "TITLE"),
            _span(text, "陆明", "OFFICIAL")]
    recs = build_records(text, ents, "2019-06-06")
    assert len(recs) == 1 and recs[0].date == "2019-06-05"
    # two signings of the same sides in the body keep the headline's name apart from the other one
    text2 = ("南川市与远山集团签署碳纤维项目投资协议\n"
             "6月5日，南川市人民政府与远山集团有限公司签署碳纤维项目投资协议。南川市人民政府与远山集团有限公司还签署了"
             "《物流园区合作协议》。")
    ents2 = [_span(text2, "南川市"), _span(text2, "远山集团"), _span(text2, "碳纤维项目投资协议", "AGREEMENT"),
             _span(text2, "6月5日", "DATE"), _span(text2, "南川市人民政府"), _span(text2, "远山集团有限公司"),
             _span(text2, "碳纤维项目投资协议", "AGREEMENT", nth=1), _span(text2, "南川市人民政府", nth=1),
             _span(text2, "远山集团有限公司", nth=1), _span(text2, "物流园区合作协议", "AGREEMENT")]
    assert sorted(r.title for r in build_records(text2, ents2, "2019-06-06")) == ["物流园区合作协议", "碳纤维项目投资协议"]


def test_a_three_party_agreement_named_generically_in_the_headline_is_the_bodys_named_one():
    from qianyue.rules.agreements import is_generic_title
    assert is_generic_title("三方合作协议", []) and is_generic_title("双方战略合作协议", [])
    assert not is_generic_title("港航物流三方协议", [])


def test_a_headline_in_its_own_short_names_over_the_bodys_one_signing_is_that_signing():
    text = ("康宁街道与沪光物业签约共建数字社区\n"
            "5月8日上午，徐汇区康宁新村街道办事处与上海沪光城市服务集团有限公司徐汇分公司签署《“数字社区”共建合作协议》。"
            "副区长方志强见证签约，街道党工委书记陆晓红出席签约仪式。")
    ents = [_span(text, "康宁街道"), _span(text, "沪光物业"), _span(text, "5月8日上午", "DATE"),
            _span(text, "徐汇区康宁新村街道办事处"), _span(text, "上海沪光城市服务集团有限公司徐汇分公司"),
            _span(text, "“数字社区”共建合作协议", "AGREEMENT"), _span(text, "副区长", "TITLE"),
            _span(text, "方志强", "OFFICIAL"), _span(text, "街道", nth=2), _span(text, "党工委书记", "TITLE"),
            _span(text, "陆晓红", "OFFICIAL")]
    recs = build_records(text, ents, "2025-05-09")
    assert len(recs) == 1 and recs[0].title == "“数字社区”共建合作协议"
    assert {o.name for o in recs[0].officials} == {"方志强", "陆晓红"}
    # a headline naming another side than the body's is another signing
    text2 = ("东岭县与远山集团签约\n"
             "5月8日，东岭县人民政府与南川银行股份有限公司签署合作协议。")
    ents2 = [_span(text2, "东岭县"), _span(text2, "远山集团"), _span(text2, "5月8日", "DATE"),
             _span(text2, "东岭县人民政府"), _span(text2, "南川银行股份有限公司"), _span(text2, "合作协议", "AGREEMENT")]
    assert len(build_records(text2, ents2, "2025-05-09")) == 2


def test_a_signing_set_as_a_goal_is_no_signing():
    text = ("东岭市与远山能源集团座谈\n"
            "8月6日，东岭市与远山能源集团有限公司举行座谈。双方商定尽快成立工作专班，推动一批总投资超过100亿元的项目"
            "签约落地，并加快推进新一轮战略合作协议的签署工作。")
    ents = [_span(text, "东岭市"), _span(text, "远山能源集团"), _span(text, "8月6日", "DATE"), _span(text, "东岭市", nth=1),
            _span(text, "远山能源集团有限公司"), _span(text, "超过100亿元", "AMOUNT"),
            _span(text, "战略合作协议", "AGREEMENT")]
    assert build_records(text, ents, "2025-08-07") == []


def test_a_two_character_county_names_its_bare_government():
    text = ("歙县农商银行与歙县人民政府签订合作协议\n"
            "歙县人民政府与安徽歙县农村商业银行股份有限公司签署合作协议。我行将围绕县委、县政府中心工作，推行整村授信。")
    ents = [_span(text, "歙县农商银行"), _span(text, "歙县人民政府"), _span(text, "合作协议", "AGREEMENT"),
            _span(text, "歙县人民政府", nth=1), _span(text, "安徽歙县农村商业银行股份有限公司"),
            _span(text, "合作协议", "AGREEMENT", nth=1), _span(text, "县政府")]
    recs = build_records(text, ents, None)
    assert _sides(recs) == [["安徽歙县农村商业银行股份有限公司", "歙县人民政府"]]


def test_the_project_a_ceremony_is_named_after_is_no_part_of_the_side_before_it():
    text = ("东岭县人民政府与南川医学院附属医院签订医联体合作协议\n"
            "3月12日，东岭县人民政府与南川医学院附属医院紧密型医联体合作签约仪式举行。")
    ents = [_span(text, "东岭县人民政府"), _span(text, "南川医学院附属医院"), _span(text, "医联体合作协议", "AGREEMENT"),
            _span(text, "3月12日", "DATE"), _span(text, "东岭县人民政府", nth=1),
            _span(text, "南川医学院附属医院紧密型医联体")]
    recs = build_records(text, ents, "2024-03-13")
    assert _sides(recs) == [["东岭县人民政府", "南川医学院附属医院"]]


def test_sides_set_apart_by_a_space_in_the_agreements_heading():
    from qianyue.rules.agreements import parties_from_title
    assert parties_from_title("东岭县人民政府 南川医学院附属医院紧密型医联体合作协议", []) == [
        "东岭县人民政府", "南川医学院附属医院"]
    # without the space and with names the article never writes, words before a name are no sides
    assert parties_from_title("关于共建南川大学东岭研究院的合作协议", []) == []
    text = ("我县与南川医学院附属医院签约共建医联体\n"
            "县政府副县长王芬与南川医学院附属医院院长范良代表双方签署《东岭县人民政府 南川医学院附属医院医联体合作协议》。")
    ents = [_span(text, "我县"), _span(text, "南川医学院附属医院"), _span(text, "县政府"), _span(text, "副县长", "TITLE"),
            _span(text, "王芬", "OFFICIAL"), _span(text, "南川医学院附属医院", nth=1), _span(text, "院长", "TITLE"),
            _span(text, "范良", "OFFICIAL"),
            _span(text, "东岭县人民政府 南川医学院附属医院医联体合作协议", "AGREEMENT")]
    recs = build_records(text, ents, None)
    assert _sides(recs) == [["东岭县人民政府", "南川医学院附属医院"]]


def test_a_company_with_its_seat_in_brackets_is_one_name():
    text = "东岭市人民政府与远山电气（东岭）重型机械有限公司签署项目合同。"
    for cut in (("远山电气（", "东岭）重型机械有限公司"), ("远山电气", "重型机械有限公司")):
        ents = [_span(text, "东岭市人民政府"), _span(text, cut[0]), _span(text, cut[1]),
                _span(text, "项目合同", "AGREEMENT")]
        recs = build_records(text, ents, None)
        assert len(recs) == 1 and len(recs[0].parties) == 2
        assert "远山电气(东岭)重型机械有限公司" in {p.name for p in recs[0].parties}


def test_a_list_of_each_sides_signers_told_after_the_projects_signs_each_own_project():
    text = ("仪式上，东岭市人民政府与远山重工有限公司签署燃机项目合同；南川市人民政府与远山集团有限公司签署装备项目协议；"
            "北山市人民政府与远山氢能有限公司签署储氢项目协议。"
            "东岭市委副书记、市长陈平，南川市副市长罗春，北山市政府秘书长熊伟及企业负责人分别代表各方签约。")
    ents = [_span(text, "东岭市人民政府"), _span(text, "远山重工有限公司"), _span(text, "燃机项目合同", "AGREEMENT"),
            _span(text, "南川市人民政府"), _span(text, "远山集团有限公司"), _span(text, "装备项目协议", "AGREEMENT"),
            _span(text, "北山市人民政府"), _span(text, "远山氢能有限公司"), _span(text, "储氢项目协议", "AGREEMENT"),
            _span(text, "东岭市委副书记、市长", "TITLE"), _span(text, "陈平", "OFFICIAL"), _span(text, "南川市", nth=1),
            _span(text, "副市长", "TITLE"), _span(text, "罗春", "OFFICIAL"), _span(text, "北山市政府"),
            _span(text, "秘书长", "TITLE"), _span(text, "熊伟", "OFFICIAL")]
    recs = build_records(text, ents, None)
    by_title = {r.title: {(o.name, o.role) for o in r.officials} for r in recs}
    assert by_title == {"燃机项目合同": {("陈平", "signatory")}, "装备项目协议": {("罗春", "signatory")},
                        "储氢项目协议": {("熊伟", "signatory")}}


def test_a_trade_name_without_its_seat_and_legal_ending_is_an_alias():
    from qianyue.rules.parties import is_alias
    assert is_alias("远山海工", "东岭远山海工装备股份有限公司")
    assert is_alias("蓝湾生物", "山东蓝湾生物科技有限公司")
    assert is_alias("远山海工", "远山海工装备股份有限公司")
    # a branch or a different body is not
    assert not is_alias("远山海工", "东岭远山海工装备股份有限公司南川分公司")
    assert not is_alias("远山海工", "远山海工研究院")


def test_a_university_units_signers_sign_the_universitys_agreement_with_that_counterpart():
    text = ("东岭大学与南川远山海工装备股份有限公司签署共建联合实验室协议。"
            "机电学院院长王鹏与远山海工总经理李庆签字。")
    ents = [_span(text, "东岭大学"), _span(text, "南川远山海工装备股份有限公司"),
            _span(text, "共建联合实验室协议", "AGREEMENT"), _span(text, "机电学院"), _span(text, "院长", "TITLE"),
            _span(text, "王鹏", "OFFICIAL"), _span(text, "远山海工", nth=1), _span(text, "总经理", "TITLE"),
            _span(text, "李庆", "OFFICIAL")]
    recs = build_records(text, ents, None)
    assert _sides(recs) == [["东岭大学", "南川远山海工装备股份有限公司"]]
    assert {(o.name, o.role) for o in recs[0].officials} == {("王鹏", "signatory"), ("李庆", "signatory")}
    # a unit told as the side that signs keeps its own agreement
    text2 = "东岭大学机电学院与远山海工装备股份有限公司签署联合实验室建设协议。"
    ents2 = [_span(text2, "东岭大学机电学院"), _span(text2, "远山海工装备股份有限公司"),
             _span(text2, "联合实验室建设协议", "AGREEMENT")]
    assert _sides(build_records(text2, ents2, None)) == [["东岭大学机电学院", "远山海工装备股份有限公司"]]


def test_where_the_counterparts_are_seated_is_no_side():
    text = "东岭大学还与入驻南川开发区的两家企业签署了合作协议。"
    ents = [_span(text, "东岭大学"), _span(text, "入驻"), _span(text, "南川开发区"), _span(text, "合作协议", "AGREEMENT")]
    assert not any("南川开发区" in {p.name for p in r.parties} or "入驻" in {p.name for p in r.parties}
                   for r in build_records(text, ents, None))


def test_departments_acting_for_their_government_sign_as_the_government_under_any_of_their_names():
    text = ("东岭市发改委、市招商局与多家企业签约\n"
            "日前，东岭市举行项目签约会，市发展和改革委员会、市投资促进局（市招商局）代表市政府，分别与两家企业签署项目"
            "合作协议。市发展和改革委员会与远山储能科技股份有限公司签署储能项目投资协议。市投资促进局与南川半导体（上海）"
            "有限公司签署晶圆项目合作协议。市发改委副主任王群与远山储能董事长方正签约。")
    ents = [_span(text, "东岭市发改委"), _span(text, "市招商局"), _span(text, "东岭市", nth=1),
            _span(text, "市发展和改革委员会"), _span(text, "市投资促进局"), _span(text, "市招商局", nth=1),
            _span(text, "市政府"), _span(text, "项目合作协议", "AGREEMENT"), _span(text, "市发展和改革委员会", nth=1),
            _span(text, "远山储能科技股份有限公司"), _span(text, "储能项目投资协议", "AGREEMENT"),
            _span(text, "市投资促进局", nth=1), _span(text, "南川半导体（上海）有限公司"),
            _span(text, "晶圆项目合作协议", "AGREEMENT"), _span(text, "市发改委"), _span(text, "副主任", "TITLE"),
            _span(text, "王群", "OFFICIAL"), _span(text, "远山储能", nth=1), _span(text, "董事长", "TITLE"),
            _span(text, "方正", "OFFICIAL")]
    recs = build_records(text, ents, None)
    sides = _sides(recs)
    assert ["南川半导体(上海)有限公司", "东岭市政府"] in [sorted(x) for x in sides] or \
        ["东岭市政府", "南川半导体(上海)有限公司"] in sides
    assert not any(n.endswith(("委员会", "促进局", "发改委", "招商局")) for s in sides for n in s)
    assert not any("上海市" in n for s in sides for n in s)  # a company's seat in brackets is no province
    storage = next(r for r in recs if r.title == "储能项目投资协议")
    assert {(o.name, o.role) for o in storage.officials} >= {("王群", "signatory"), ("方正", "signatory")}


def test_units_attending_the_signing_meeting_are_no_sides():
    text = "东岭市人民政府与远山集团有限公司签署合作协议。高新区、经开区等单位负责人以及东岭市半导体行业协会等单位代表参加签约会。"
    ents = [_span(text, "东岭市人民政府"), _span(text, "远山集团有限公司"), _span(text, "合作协议", "AGREEMENT"),
            _span(text, "高新区"), _span(text, "经开区"), _span(text, "东岭市半导体行业协会")]
    assert _sides(build_records(text, ents, None)) == [["东岭市人民政府", "远山集团有限公司"]]


def test_a_bare_college_word_is_the_college_named_before_it_and_a_unit_is_named_without_our():
    text = ("我校机械工程学院与南川高新区管委会签署共建研究院协议，由学院院长谭明和南川高新区管委会副主任段军代表签约。"
            "西京理工学院、东岭交通职业技术学院等高校参加。")
    ents = [_span(text, "我校机械工程学院"), _span(text, "南川高新区管委会"), _span(text, "共建研究院协议", "AGREEMENT"),
            _span(text, "学院", nth=1), _span(text, "院长", "TITLE"), _span(text, "谭明", "OFFICIAL"),
            _span(text, "南川高新区管委会", nth=1), _span(text, "副主任", "TITLE"), _span(text, "段军", "OFFICIAL"),
            _span(text, "西京理工学院"), _span(text, "东岭交通职业技术学院")]
    recs = build_records(text, ents, None)
    assert len(recs) == 1 and sorted(p.name for p in recs[0].parties) == ["南川高新区管委会", "机械工程学院"]
    unit = next(p for p in recs[0].parties if p.name == "机械工程学院")
    assert "我校机械工程学院" in unit.aliases
    assert {(o.name, o.role) for o in recs[0].officials} == {("谭明", "signatory"), ("段军", "signatory")}


def test_signers_each_for_their_own_unit_sign_every_agreement_of_that_unit():
    text = ("东岭市投资促进局分别与远山油脂集团有限公司、南川冷链控股有限公司签订项目投资协议；东岭经济技术开发区管理委员会"
            "与远山汽车零部件有限公司签订项目合同。东岭市投资促进局局长蒙丽、东岭经开区管委会主任卢东分别代表各自单位签约。")
    ents = [_span(text, "东岭市投资促进局"), _span(text, "远山油脂集团有限公司"), _span(text, "南川冷链控股有限公司"),
            _span(text, "项目投资协议", "AGREEMENT"), _span(text, "东岭经济技术开发区管理委员会"),
            _span(text, "远山汽车零部件有限公司"), _span(text, "项目合同", "AGREEMENT"),
            _span(text, "东岭市投资促进局", nth=1), _span(text, "局长", "TITLE"), _span(text, "蒙丽", "OFFICIAL"),
            _span(text, "东岭经开区管委会"), _span(text, "主任", "TITLE"), _span(text, "卢东", "OFFICIAL")]
    recs = build_records(text, ents, None)
    assert len(recs) == 3
    signer = {next(p.name for p in r.parties if "公司" in p.name): {o.name for o in r.officials} for r in recs}
    assert signer == {"远山油脂集团有限公司": {"蒙丽"}, "南川冷链控股有限公司": {"蒙丽"}, "远山汽车零部件有限公司": {"卢东"}}


def test_plans_history_and_tallies_told_in_other_words_are_no_signing():
    published = "2024-07-30"
    cases = [
        "按照计划，东岭市人民政府将与远山锂业集团股份有限公司于8月中旬在投资洽谈会期间签署全面战略合作协议。",
        "远山公司计划明年与东岭市人民政府签署苹果精深加工项目合作协议。",
        "他说，双方的合作始于2017年，当年远山锂业集团股份有限公司与东岭市人民政府签署了碳酸锂项目投资协议。",
        "2021年，东岭市人民政府与远山锂业集团股份有限公司又签署了正极材料项目合作协议。",
        "今年上半年，东岭市新签约项目56个。双方将加强对接，确保项目签约后能够尽快开工建设。",
    ]
    for text in cases:
        ents = [_span(text, n) for n in ("东岭市人民政府", "远山锂业集团股份有限公司") if n in text]
        for a in ("全面战略合作协议", "苹果精深加工项目合作协议", "碳酸锂项目投资协议", "正极材料项目合作协议"):
            if a in text:
                ents.append(_span(text, a, "AGREEMENT"))
        assert build_records(text, sorted(ents, key=lambda e: e.start), published) == [], text
    # the year of this article's own signing is no history
    text = "2024年7月29日，东岭市人民政府与远山锂业集团股份有限公司签署正极材料项目合作协议。"
    ents = [_span(text, "2024年7月29日", "DATE"), _span(text, "东岭市人民政府"), _span(text, "远山锂业集团股份有限公司"),
            _span(text, "正极材料项目合作协议", "AGREEMENT")]
    assert len(build_records(text, ents, published)) == 1


def test_places_signing_with_unnamed_companies_are_one_batch_without_sides():
    text = ("10月27日，东岭省人民政府与远山船舶集团有限公司签署战略合作协议。"
            "随后，南川、北山、西岭等地级以上市分别与有关企业签约了一批产业项目。")
    ents = [_span(text, "10月27日", "DATE"), _span(text, "东岭省人民政府"), _span(text, "远山船舶集团有限公司"),
            _span(text, "战略合作协议", "AGREEMENT"), _span(text, "南川"), _span(text, "北山")]
    recs = build_records(text, ents, "2026-10-28")
    assert sorted(len(r.parties) for r in recs) == [0, 2]


def test_a_name_head_read_as_a_person_joins_the_organisation_word_after_it():
    text = "会上，远捷显示科技集团与15家合作企业签署合作框架协议。卫华代表市政府与省科技厅签订合作协议。"
    ents = [_span(text, "远捷", "OFFICIAL"), _span(text, "科技集团"), _span(text, "合作框架协议", "AGREEMENT"),
            _span(text, "卫华", "OFFICIAL"), _span(text, "市政府"), _span(text, "省科技厅"),
            _span(text, "合作协议", "AGREEMENT")]
    recs = build_records(text, ents, None)
    names = {p.name for r in recs for p in r.parties}
    assert "远捷显示科技集团" in names and "科技集团" not in names
    assert not any("卫华" in n for n in names)  # a person acting for a body stays a person


def test_the_last_place_of_a_counted_list_is_read_without_the_count():
    text = "远山移动随即与东莞大朗、石排两镇分别签署战略合作框架协议。"
    ents = [_span(text, "远山移动"), _span(text, "东莞大朗"), _span(text, "石排两镇"),
            _span(text, "战略合作框架协议", "AGREEMENT")]
    assert sorted(p.name for r in build_records(text, ents, None) for p in r.parties if p.name != "远山移动") == \
        ["东莞大朗", "石排"]
    # a place whose name holds a numeral is no counted list (三河市, 十堰市)
    text2 = "远山移动与三河市人民政府签署战略合作框架协议。"
    ents2 = [_span(text2, "远山移动"), _span(text2, "三河市人民政府"), _span(text2, "战略合作框架协议", "AGREEMENT")]
    assert {p.name for r in build_records(text2, ents2, None) for p in r.parties} == {"远山移动", "三河市人民政府"}


def test_a_counting_sentence_that_lists_groups_gives_each_group_its_records_and_money():
    text = ("6月8日，东岭县举行招商引资签约活动，县政府与远山集团有限公司、南川银行、北山大学签署战略合作框架协议。"
            "本次活动签约产业项目3个、总投资23亿元，基础设施项目2个、协议投资12亿元，4家金融机构意向授信50亿元。")
    ents = [_span(text, "6月8日", "DATE"), _span(text, "东岭县"), _span(text, "县政府"), _span(text, "远山集团有限公司"),
            _span(text, "南川银行"), _span(text, "北山大学"), _span(text, "战略合作框架协议", "AGREEMENT"),
            _span(text, "23亿元", "AMOUNT"), _span(text, "12亿元", "AMOUNT"), _span(text, "50亿元", "AMOUNT")]
    recs = build_records(text, ents, "2024-06-09")
    unnamed = sorted(tuple(a.value for a in r.amounts) for r in recs if not r.parties)
    assert unnamed == [(1.2e9,)] * 2 + [(2.3e9,)] * 3 + [(5e9,)] * 4
    named = [r for r in recs if r.parties]
    assert len(named) == 3 and not any(r.amounts for r in named)  # D10: one per counterpart, without the groups' money
    # one count with its parts (其中…) is one group, read as before
    text2 = "本次活动共签约项目12个，其中工业项目8个，总投资50亿元。"
    ents2 = [_span(text2, "50亿元", "AMOUNT")]
    assert len(build_records(text2, ents2, None)) == 12


def test_a_framework_signed_beside_a_counted_batch_is_no_project_of_it():
    text = ("会上，东岭省国资委与南川市人民政府签订了战略合作协议，南川市政府相关部门与省属国有企业签订了4个项目的合作协议，"
            "投资总额达到30亿元。")
    ents = [_span(text, "东岭省国资委"), _span(text, "南川市人民政府"), _span(text, "战略合作协议", "AGREEMENT"),
            _span(text, "30亿元", "AMOUNT")]
    recs = build_records(text, ents, None)
    assert len(recs) == 5 and sum(1 for r in recs if r.parties) == 1
    # told as the event's total, the count holds the named agreements
    text2 = ("东岭省人民政府分别与远山集团有限公司、南川集团有限公司签署战略合作协议。此次签约的两个合作项目合计投资逾20亿元。")
    ents2 = [_span(text2, "东岭省人民政府"), _span(text2, "远山集团有限公司"), _span(text2, "南川集团有限公司"),
             _span(text2, "战略合作协议", "AGREEMENT"), _span(text2, "逾20亿元", "AMOUNT")]
    assert len(build_records(text2, ents2, None)) == 2


def test_signers_before_a_respective_signing_each_sign_the_counterpart_in_their_place():
    text = "东岭大学校长王树与南川省人民政府签署战略合作协议。席光和王军副校长分别与南川省财政厅、科技厅签署了项目合作协议。"
    ents = [_span(text, "东岭大学"), _span(text, "校长", "TITLE"), _span(text, "王树", "OFFICIAL"),
            _span(text, "南川省人民政府"), _span(text, "战略合作协议", "AGREEMENT"), _span(text, "席光", "OFFICIAL"),
            _span(text, "王军", "OFFICIAL"), _span(text, "副校长", "TITLE"), _span(text, "南川省财政厅"),
            _span(text, "科技厅"), _span(text, "项目合作协议", "AGREEMENT")]
    recs = build_records(text, ents, None)
    signers = {next(p.name for p in r.parties if "厅" in p.name): {o.name for o in r.officials if o.role == "signatory"}
               for r in recs if any("厅" in p.name for p in r.parties)}
    assert signers == {"南川省财政厅": {"席光"}, "科技厅": {"王军"}}


def test_companies_listed_before_a_count_of_projects_are_each_one_project_of_it():
    text = ("7月28日，东岭高新区与远山研究院签约，同时，芯远科技、聚川生物、立山动力等6个重点项目签约入驻。")
    ents = [_span(text, "7月28日", "DATE"), _span(text, "东岭高新区"), _span(text, "远山研究院"), _span(text, "芯远科技"),
            _span(text, "聚川生物"), _span(text, "立山动力")]
    recs = build_records(text, ents, "2023-07-29")
    sides = sorted(tuple(sorted(p.name for p in r.parties)) for r in recs)
    assert len(recs) == 7  # the zone's own agreement, then 3 named and 3 unnamed projects of the 6
    assert sides.count(()) == 3 and ("芯远科技",) in sides and ("东岭高新区", "远山研究院") in sides
