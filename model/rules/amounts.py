"""Money amounts: turn a tagged AMOUNT text into (value, value_max, currency) and find its purpose.

Values are in units of the currency (5亿元 -> 500000000) so that records from different articles compare directly.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

__all__ = ["parse_amount", "parse_number", "detect_currency", "amount_purpose", "is_money", "is_unitless_quantity",
           "amount_qualifier", "speaks_of_agreement_money", "is_statistic", "is_size_class", "is_running_total",
           "is_unit_price", "reports_standing_figure", "tells_other_activity"]

# Largest units first so that 万亿 is not read as 万 then 亿.
_UNITS: list[tuple[str, float]] = [("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("亿", 1e8), ("千万", 1e7),
                                   ("百万", 1e6), ("十万", 1e5), ("万", 1e4)]
_CURRENCIES: list[tuple[str, str]] = [("美元", "USD"), ("美金", "USD"), ("欧元", "EUR"), ("港元", "HKD"),
                                      ("港币", "HKD"), ("日元", "JPY"), ("英镑", "GBP"), ("澳元", "AUD"),
                                      ("加元", "CAD"), ("新加坡元", "SGD"), ("卢布", "RUB"), ("韩元", "KRW"),
                                      ("人民币", "CNY"), ("元", "CNY")]
_NUM = r"[0-9０-９.,，．]+|[零〇一二两三四五六七八九十百千]+"
# 多/余 after the number (80多亿元, 7700余万元): a figure "and some", read as the number written
_MORE = r"(?:多|余)?"
_RANGE_RE = re.compile(rf"({_NUM}){_MORE}\s*(万亿|千亿|百亿|亿|千万|百万|十万|万)?\s*(?:元|美元|欧元)?\s*(?:至|到|-|－|~|～|—)\s*"
                       rf"({_NUM}){_MORE}\s*(万亿|千亿|百亿|亿|千万|百万|十万|万)?")
_ONE_RE = re.compile(rf"({_NUM}){_MORE}\s*(万亿|千亿|百亿|亿|千万|百万|十万|万)?")

# Purpose words, checked in order; the first that occurs in the context wins.
_PURPOSES: list[tuple[str, str]] = [("授信", "授信"), ("信贷", "授信"), ("融资", "融资"), ("贷款", "融资"),
                                    ("金融支持", "融资"), ("营收", "营收"), ("营业收入", "营收"), ("销售收入", "营收"),
                                    ("销售额", "营收"),
                                    ("产值", "产值"), ("投资", "投资"), ("投入", "投资"), ("注资", "投资"),
                                    ("出资", "投资"), ("引资", "投资"), ("采购", "采购"), ("捐赠", "捐赠"),
                                    ("基金", "基金"), ("补贴", "补贴"), ("专项资金", "专项资金"), ("扶持资金", "专项资金"),
                                    ("经费", "经费")]
# A sentence that reports what the agreement sets (根据协议, 协议约定, 签约金额): its money is the agreement's, whatever
# it is for (根据协议，某银行将为我区企业提供10亿元资金; 本次合作涉及金额12亿元).
_AGREEMENT_TERMS_RE = re.compile(r"(根据|按照|依据|依照)(协议|合同)|(协议|合同)(约定|规定|明确|内容)|"
                                 r"(协议|合同)(涉及|引进|总)?(引资|金额|资金|总额|投资额|额)|签约(金额|资金|总额|额)|"
                                 r"(合作|涉及|项目)总?(金额|资金|总额)|总金额")
# Figures of a stock or a period (累计到位投资, 截至目前总投资额, 存贷款总量, 同比增长, 6月份共引进, 长期为…, 近年来吸引,
# 近五年, 今年以来已签约, 一期已建成投产, 目前已有, 全市正在推进的, 计划新开工, 单笔最大投资) or of what a company is (总资产, 市值,
# 是一家年营收…的企业, 是…国有企业，注册资本): the state of affairs the article reports, not money a signing sets.
# (注册资本 alone is not among them: a joint venture's capital is what its agreement sets.)
_STATISTIC_RE = re.compile(r"累计|截至|截止|同比|余额|总量|全年|历年|多年来|长期为|[0-9一二三四五六七八九十]月份|"
                           r"近年|近几年|近[两二三四五六七八九十]年|这些年|(今年|年初|去年)以来|"
                           r"已(建成|投产|竣工|完成|到位|签约|有)|正在推进|新开工|"
                           r"是一家|总资产|资产总额|资产规模|市值|是[^。；;]{0,20}(企业|公司|集团)[，,]注册资本|"
                           r"单笔|单个项目最|最(小|大|高|低)投资|平均投资|"
                           # a whole place's figures (全市完成固定资产投资526亿元，增长41.2%): background, no signing's money
                           # (money only: 推动全省宽带接入能力达到50兆 is a goal, no figure of the place's)
                           r"(全市|全区|全县|全省|全州|全旗|全镇|全社会)[^。；;，,]{0,12}(完成|实现|达到|达)[^。；;，,]{0,14}?"
                           r"[0-9.]+\s*(万|亿|万亿)?元|"
                           r"(增长|下降|增幅|增速)[了为达]?\s*[0-9.]+\s*%")


def parse_number(text: str) -> Optional[float]:
    """Read a bare number written in Arabic digits (with thousands separators) or Chinese numerals."""
    t = unicodedata.normalize("NFKC", text).replace(",", "").replace("，", "")
    if not t:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    import cn2an  # here, not at module level: importing it costs ~0.2 s of the 1 s load budget

    try:
        return float(cn2an.cn2an(t, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _unit(u: Optional[str]) -> float:
    return dict(_UNITS).get(u or "", 1.0)


def detect_currency(text: str) -> Optional[str]:
    """ISO code of the currency named in the amount text; CNY for 元/人民币, None when no currency is written."""
    for word, code in _CURRENCIES:
        if word in text:
            return code
    return None


# Units of things that are not money (capacity, area, mass, length, counts): 10GW or 50万千瓦 is no yuan figure.
_NON_MONEY_RE = re.compile(r"(GW|MW|KW|kW|GWh|MWh|千瓦|兆瓦|瓦|吉瓦|千伏|伏|吨|亩|公顷|平方米|平方公里|平米|㎡|立方米|方|公里|千米|米|"
                           r"人|户|个|家|台|辆|套|间|床|张|座|项|千克|公斤|度|千瓦时|万千瓦时|标箱|TEU|t)\s*$", re.I)
# Words written before a figure that make it a bound or an estimate; kept with the amount (超过20亿元 is not 20亿元).
QUALIFIER_RE = re.compile(r"(超过|不少于|不低于|不超过|大约|将近|接近|多达|高达|约|近|逾|超)$")


def is_money(text: str) -> bool:
    """False for quantities in other units (10GW, 50万千瓦, 300亩) and for a bare number (25, 22. — a span the
    tagger cut off before its unit); a figure with a magnitude but no currency (5亿) stays money."""
    t = unicodedata.normalize("NFKC", text).replace(" ", "")
    if detect_currency(t):
        return True
    if not re.search(r"[万亿]", t):
        return False
    return not _NON_MONEY_RE.search(t)


# what a figure written without its unit measures when it is no money (总用地面积14.68万, 年产能30万)
_QUANTITY_BEFORE_RE = re.compile(r"(面积|用地|占地|产能|装机|容量|产量|人口|人次|游客|客流|岗位|就业|里程|长度|库容|规模为?)"
                                 r"[^，,。；;0-9]{0,4}$")
# money words that make the same figure money again (投资规模50亿, 授信规模, 基金规模, 就业扶持资金5000万)
_MONEY_WORDS_RE = re.compile(r"投资|资金|融资|授信|信贷|贷款|基金|资产|资本|金额|产值|营收|收入|销售额")


def is_unitless_quantity(text: str, before: str) -> bool:
    """True for a figure with a magnitude but no currency whose words before it say what it measures and that is
    no money (总用地面积14.68万: the square metres were left out). 5亿元, 投资5亿 or 投资规模50亿 stay money."""
    t = unicodedata.normalize("NFKC", text).replace(" ", "")
    m = _QUANTITY_BEFORE_RE.search(before)
    if detect_currency(t) is not None or m is None:
        return False
    # the quantity word's own clause, from a few characters before it: 项目总投资规模50亿 is money
    clause = re.split(r"[，,。；;]", before[max(0, m.start() - 4):])[-1]
    return not _MONEY_WORDS_RE.search(clause)


def amount_qualifier(text: str, before: str) -> Optional[str]:
    """The bound/estimate word of an amount: inside its text (超过20亿元) or written right before it (`before`)."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = re.match(r"(超过|不少于|不低于|不超过|大约|将近|接近|多达|高达|约|近|逾|超)", t)
    if m:
        return m.group(1)
    m = QUALIFIER_RE.search(before)
    return m.group(1) if m else None


# a magnitude written without its count (百亿元, 千万元): the count is one
# (数百亿元, 几十亿元 give no figure and stay unread)
_BARE_MAGNITUDE_RE = re.compile(r"(?<![0-9.零〇一二两三四五六七八九十百千数几])([十百千])(?=(万亿|亿|万))")
# a count of magnitudes with no figure (数十亿元, 几百万元): no value
_VAGUE_COUNT_RE = re.compile(r"[数几][十百千]?(万亿|千亿|百亿|亿|千万|百万|十万|万)")
# the capital numerals of financial writing (人民币壹亿元) and the traditional 億/萬, read as the common ones
_NUMERAL_FORMS = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟億萬", "一二二三三四五六六七八九十百千亿万")


def parse_amount(text: str) -> tuple[Optional[float], Optional[float], Optional[str]]:
    """(value, value_max, currency) of a money text such as 5亿元, 10亿至20亿元, 3000万美元, 一千万元.

    A range gives value=low and value_max=high; a range whose first number has no unit borrows the second's
    (10至20亿元 = 1e9..2e9). Currency defaults to CNY because the articles are Chinese news.
    """
    # 5个亿 (spoken style): five 亿
    t = re.sub(r"(?<=[0-9０-９.零〇一二两三四五六七八九十])个(?=[亿万])", "",
               unicodedata.normalize("NFKC", text).replace(" ", "").translate(_NUMERAL_FORMS))
    if not is_money(t):
        return None, None, None
    currency = detect_currency(t) or "CNY"
    if _VAGUE_COUNT_RE.search(t):
        return None, None, currency
    t = _BARE_MAGNITUDE_RE.sub(r"一\1", t)  # 超百亿元, 近千万元: one hundred 亿, one thousand 万
    m = _RANGE_RE.search(t)
    if m:
        lo, hi = parse_number(m.group(1)), parse_number(m.group(3))
        if lo is not None and hi is not None:
            u_hi = _unit(m.group(4))
            u_lo = _unit(m.group(2)) if m.group(2) else u_hi
            return lo * u_lo, hi * u_hi, currency
    m = _ONE_RE.search(t)
    if not m:
        return None, None, currency
    n = parse_number(m.group(1))
    if n is None:
        return None, None, currency
    return n * _unit(m.group(2)), None, currency


# A figure used as a size class (10亿元以上项目, 亿元以下的产业项目): a bracket projects are counted in, not money
# anyone signed for (decision N6 in data/README.md).
# 10亿元以上项目, 亿元级企业, and (超过50亿元的项目3个) a class followed by its count
_SIZE_CLASS_RE = re.compile(r"\s*((以上|以下|级)的?[\u4e00-\u9fff]{0,4}(项目|企业)|的(项目|企业)[\d一二两三四五六七八九十]+个)")


# the lower bound of the one project a clause names, with its investment word before and no count after (建设总投资
# 10亿元以上的研发项目)
_PROJECT_BOUND_BEFORE_RE = re.compile(r"(投资|投入|投资额|投资规模)(达|为)?(超过|超|逾|约|近)?$")


def is_size_class(after: str, before: str = "") -> bool:
    """True when the text right after an amount makes it a size class (10亿元|以上项目); `before`, the text right
    before it, may make it the bound of one project instead (总投资|10亿元|以上的研发项目, no count after)."""
    if not _SIZE_CLASS_RE.match(after):
        return False
    return not (_PROJECT_BOUND_BEFORE_RE.search(before) and re.match(r"\s*以上的", after)
                and not re.search(r"[\d一二两三四五六七八九十]+个", after))


# A running total (累计, 截至): told before an amount in a signing sentence (全县累计签约项目45个，总投资320亿元), it
# makes the amount the total's.
_RUNNING_TOTAL_RE = re.compile(r"累计|截至|截止")


def is_running_total(text: str) -> bool:
    """True when text speaks of a running total (累计, 截至目前); a total the signing promises to reach (…将在某地累计
    投资100亿元) is none."""
    return bool(_RUNNING_TOTAL_RE.search(text)) and not (
        "截至" not in text and "截止" not in text and _PROMISED_TOTAL_RE.search(text))


# a total to be reached, which a signing promises (…期间在川累计投资将超过300亿元, 计划…累计完成投资…): no stock figure
_PROMISED_TOTAL_RE = re.compile(r"(计划|将|力争|预计|拟)[^，,。；;]{0,20}累计|累计[^，,。；;]{0,6}(将|要|力争)")


# a price or a figure per head or per unit (2万元/吨, 电价0.35元/千瓦时, 租金每平方米15元, 人均增收3000元): no sum anyone
# signed for (每年 is left out: 每年提供10亿元信贷 is the agreement's money by the year; so is 租金 on its own: a lease's
# 年租金500万元 is its money, and a rent per unit says so with 每 or /)
_PER_UNIT_AFTER_RE = re.compile(r"\s*(/|／|每(?!年))")
_PER_UNIT_BEFORE_RE = re.compile(r"(单价|售价|电价|票价|房价|人均|户均|每(?!年)[\u4e00-\u9fff]{1,3})"
                                 r"[^，,。；;0-9]{0,4}$")


def is_unit_price(text: str, before: str, after: str) -> bool:
    """True when the amount is a price or a figure per head or unit: a unit after it (2万元/吨, 15元每平方米) or a
    price word just before it (电价0.35元, 每亩补贴500元, 人均增收3000元)."""
    t = unicodedata.normalize("NFKC", text)
    return bool(re.search(r"[/每]", t) or _PER_UNIT_AFTER_RE.match(after) or _PER_UNIT_BEFORE_RE.search(before))


# what a place or a company earns, produces, lends or manages (工业总产值, 营业收入, 一般公共预算收入, 地区生产总值, 各项贷款,
# 管理的基金规模), told as it stands: no project, and no forecast or target (项目达产后年产值可达30亿元 and 形成年产值100亿元
# 的产业集群 are the agreement's)
_STANDING_FIGURE_RE = re.compile(r"产值|营收|营业收入|销售收入|销售额|利润|生产总值|GDP|财政收入|预算收入|税收收入|"
                                 r"各项贷款|存款|管理的?(基金|资产)|(基金|资产)管理规模")
_FORECAST_RE = re.compile(r"项目|将|预计|可|力争|争取|有望|达产|建成|投产|达效|计划|目标|形成|打造|到(19|20)\d\d年")


def reports_standing_figure(said: str) -> bool:
    """True when a sentence (up to the amount) reports what a place or a company earns or produces as it stands
    (青川县规模以上工业总产值达150亿元; 该公司年产值超过50亿元), with no project and no forecast in it."""
    # (根据协议，到2027年，园区年营业收入达到100亿元: a target the agreement sets)
    return bool(_STANDING_FIGURE_RE.search(said)) and not _FORECAST_RE.search(said) and \
        not _AGREEMENT_TERMS_RE.search(said)


# money of projects the article shows rather than signs: promoted (推介, 发布…招商项目), visited (参观, 视察), talked
# over (对接洽谈项目312个), or a place's plan for the year (年度计划投资, 计划实施重点项目); 考察, 调研 and 走访 only in
# the amount's own clause (考察了总投资20亿元的某项目), since a visit before the talks (经过多轮考察，公司决定投资10亿元)
# leads to the signing's money
# (发布 and 储备 of projects only: 新品发布中心 and 粮食储备库 are what a project builds)
_OTHER_ACTIVITY_RE = re.compile(r"推介|发布(?!会|中心|厅|平台|基地)[^，,。；;]{0,12}项目|参观|视察|观摩|察看|年度计划|计划实施|"
                                r"谋划|储备[^，,。；;]{0,4}项目|项目储备|(对接|洽谈)[^，,。；;]{0,4}项目")
_VISIT_RE = re.compile(r"考察|调研|走访")


def tells_other_activity(said: str, clause: str) -> bool:
    """True when a sentence away from the signing (`said`, up to the amount) tells projects promoted, visited or
    planned by a place (会上发布了50个招商项目，总投资300亿元; 参观了总投资20亿元的物流园项目): their money is not the
    signing's. `clause` is the amount's own clause up to it."""
    return bool(_OTHER_ACTIVITY_RE.search(said) or _VISIT_RE.search(clause))


def is_statistic(text: str) -> bool:
    """True when text reports a stock or period figure (累计到位投资, 截至目前, 存贷款总量, 同比增长); a total the
    signing promises to reach (累计投资将超过…) is none."""
    return any((m.group() != "累计" or not _PROMISED_TOTAL_RE.search(text)) and not _is_forecast_figure(text, m)
               for m in _STATISTIC_RE.finditer(text))


# what a signing expects its project to bring (投产后将带动全区工业产值增长20%): a forecast, no background figure
_GROWTH_FORECAST_RE = re.compile(r"将|可|预计|力争|争取|带动|拉动|(建成|投产|达产|达效)后")


def _is_forecast_figure(text: str, m: re.Match) -> bool:
    if m.group().startswith("全"):
        return text[max(0, m.start() - 1):m.start()] == "在"  # (a company's investment in the place, not the place's)
    if not re.match(r"增长|下降|增幅|增速", m.group()):
        return False
    clause_start = max([0] + [text.rfind(c, 0, m.start()) + 1 for c in "，,。；;"])
    return bool(_GROWTH_FORECAST_RE.search(text, clause_start, m.end()))


def speaks_of_agreement_money(sentence: str) -> bool:
    """True when a sentence away from the signing still gives the agreement's money: it says what the money is for
    (投资, 授信…) or that the agreement sets it (根据协议, 协议约定), and it reports no stock or period figure
    (累计, 截至目前, 同比)."""
    if is_statistic(sentence):
        return False
    return amount_purpose(sentence) is not None or bool(_AGREEMENT_TERMS_RE.search(sentence))


def amount_purpose(context: str) -> Optional[str]:
    """What the money is for, from the words of its sentence (投资, 授信, 营收, 融资, ...); None when unsaid."""
    for word, purpose in _PURPOSES:
        if word in context:
            return purpose
    return None
