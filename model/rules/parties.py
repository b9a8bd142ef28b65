"""Parties: normalise organisation names, classify them, expand elliptical lists and group the forms one
organisation takes in an article (full name, short form, 省政府, 我校) into one party with aliases.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterable, Optional

__all__ = ["normalize_name", "classify_kind", "is_alias", "expand_elliptical", "article_province",
           "expand_short_government", "expand_local_government", "resolve_first_person", "is_first_person", "PartyIndex", "PROVINCES"]

_STRIP_RE = re.compile(r"[\s\u3000\u200b\ufeff“”\"'‘’《》「」『』]")
# Legal/organisational endings that do not change which organisation a name denotes (中国电信 = 中国电信集团公司).
_LEGAL_SUFFIXES = ("集团股份有限公司", "股份有限公司", "集团有限公司", "有限责任公司", "集团有限责任公司", "有限公司",
                   "集团公司", "集团", "公司", "人民政府", "政府", "股份")
_ENTERPRISE_RE = re.compile(r"(公司|集团|银行|分行|支行|股份|有限|企业|控股|实业|工厂|厂|电信|联通|移动|石化|石油|保险|证券|基金)$|"
                            r"(公司|集团|银行|控股|股份)")
_ORGANIZATION_RE = re.compile(r"(大学|学院|学校|中学|小学|研究院|研究所|研究中心|科学院|工程院|协会|学会|商会|联合会|基金会|"
                              r"医院|中心|联盟|促进会|研究会|智库|实验室)$")
_GOVERNMENT_RE = re.compile(r"(人民政府|政府|厅|局|委员会|管委会|管理委员会|行署|办公室|办公厅|委|部|署|总局|法院|检察院|"
                            r"省|市|县|区|州|盟|旗|镇|乡|街道|自治区|特区|开发区|新区|园区)$")
# an office of a local government under its short name (县农办, 市招商办, 区扶贫办)
_LOCAL_OFFICE_RE = re.compile(r"(省|市|县|区|州|旗|镇|乡)[^省市县区州旗镇乡]{0,4}办$")
_PLACE_RE = re.compile(r"^(.+?(?:省|市|州|县|区|盟|旗|镇|乡))$")
PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
             "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
             "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
_AUTONOMOUS = {"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区", "宁夏": "宁夏回族自治区",
               "新疆": "新疆维吾尔自治区"}
_FIRST_PERSON_RE = re.compile(r"^(?:我|本|学)(校|院|所|省|市|县|区|州|公司|集团|行|会|局|厅|委|镇|乡)$")


def normalize_name(name: str) -> str:
    """NFKC, then drop spaces, quotes and book-title marks: the form names are compared and reported in."""
    return _STRIP_RE.sub("", unicodedata.normalize("NFKC", name or ""))


def classify_kind(name: str) -> str:
    """government | enterprise | organization, from the name's ending (banks and branches are enterprises)."""
    n = normalize_name(name)
    if re.search(r"(公司|集团|银行|分行|支行|股份|有限|控股)", n):
        return "enterprise"
    if _ORGANIZATION_RE.search(n):
        return "organization"
    if _GOVERNMENT_RE.search(n) or _LOCAL_OFFICE_RE.search(n):
        return "government"
    return "enterprise"


# Words of the line of business that short company names drop (远山移动 for 远山移动通信集团有限公司).
# a place written before a company's trade name (烟台, 山东省, 深圳市): two or three characters, a level word optional
_SEAT_PREFIX_RE = re.compile(r"[\u4e00-\u9fff]{2,3}(省|市)?")
_TRADE_WORDS = {"通信", "科技", "技术", "实业", "控股", "发展", "投资", "能源", "建设", "电力", "网络", "信息", "信息技术",
                "信息科技", "网络科技", "能源科技", "新能源", "电子", "物流", "置业", "地产", "房地产", "环保", "医药",
                "汽车", "航空", "产业", "国际", "股份", "资本", "装备", "工程", "材料", "新材料", "制造", "机械",
                "管理", "服务", "贸易", "咨询", "保险", "工业"}


_ZONE_END_RE = re.compile(r"(开发区|新区|园区|示范区|试验区|合作区|自贸区|保税区|港区|实验区|高新区|经开区|科技城|新城)$")


def _strip_legal(tail: str) -> str:
    for suf in _LEGAL_SUFFIXES:
        if tail.endswith(suf):
            return tail[: -len(suf)]
    return tail


def _is_subsequence(short: str, long: str) -> int:
    """Index just after the last matched char when `short` is a subsequence of `long`, else -1."""
    i = 0
    for j, ch in enumerate(long):
        if i < len(short) and ch == short[i]:
            i += 1
            if i == len(short):
                return j + 1
    return -1


def is_alias(short: str, long: str) -> bool:
    """True when `short` is another way of writing the organisation `long` (一汽集团 / 中国一汽集团公司,
    省政府 / 吉林省政府, 昭通市政府 / 昭通市人民政府, 中国联通 / 中国联合网络通信集团有限公司).

    A branch is a different organisation: 中国联通 is not an alias of 中国联通青海省分公司, because what follows
    the short form there is more than a legal ending.
    """
    return _is_alias_normalized(normalize_name(short), normalize_name(long))


# the long words of a zone's name and the short ones written for them (东湖新技术开发区 / 东湖高新区)
_ZONE_SHORT_WORDS = (("高新技术产业开发区", "高新区"), ("新技术产业开发区", "高新区"), ("高新技术开发区", "高新区"),
                     ("新技术开发区", "高新区"), ("经济技术开发区", "经开区"), ("经济开发区", "经开区"),
                     ("管理委员会", "管委会"))
# a university hospital's short name: 某医大一院 for 某医科大学(附属)第一医院
_HOSPITAL_SHORT_RE = re.compile(r"^(?P<p>.{2,8}?)医大(?P<n>[一二三四五六七八九])院$")


# a seat in brackets before the legal ending (某某(中国)有限公司, 某某(苏州)科技有限公司)
_PAREN_SEAT_RE = re.compile(r"[(（][\u4e00-\u9fff]{2,4}[)）](?=[\u4e00-\u9fff]{0,6}(有限|股份|公司|集团))")


_LEADING_PROVINCE_RE = re.compile(r"[\u4e00-\u9fff]{2,3}?(省|市)(?=[\u4e00-\u9fff]{3})")


def _zone_short(name: str) -> str:
    for full, short in _ZONE_SHORT_WORDS:
        if full in name:
            name = name.replace(full, short, 1)
    return name


def _is_alias_normalized(short: str, long: str) -> bool:
    """is_alias for names already passed through normalize_name."""
    if not short or short == long or len(short) >= len(long):
        return False
    # 株洲市人民政府 / 株洲市天元区人民政府: a place's government is not the government of a place inside it
    sp, lp = re.sub(r"(人民)?政府$", "", short), re.sub(r"(人民)?政府$", "", long)
    if sp != short and lp != long and lp.startswith(sp) and re.search(r"[省市县区州旗盟镇乡]$", lp[len(sp):]):
        return False
    seat = _PAREN_SEAT_RE.sub("", long)
    if seat != long and (seat == short or _is_alias_normalized(short, seat)):
        return True  # 博尔曼汽车系统 / 博尔曼汽车系统(中国)有限公司: the seat a foreign company's local arm writes in brackets
    zoned = _zone_short(long)
    if zoned != long and (zoned == short or _is_alias_normalized(short, zoned)):
        return True  # 东湖高新区 / 东湖新技术开发区管委会, 苏州工业园区管委会 / 苏州工业园区管理委员会
    m = _HOSPITAL_SHORT_RE.match(short)
    if m and re.fullmatch(re.escape(m.group("p")) + r"医科大学(附属)?第" + m.group("n") + "医院", long):
        return True  # 辽东医大一院 / 辽东医科大学附属第一医院
    if long.startswith("中国") and not short.startswith("中") and len(long) - 2 > len(short) and is_alias(short, long[2:]):
        return True  # 农业银行宁夏分行 / 中国农业银行宁夏回族自治区分行
    if short in long:
        right = long[long.index(short) + len(short):]
        # 中国移动 / 中国移动通信集团有限公司: a trade word the short form drops, then the legal ending
        if long.startswith(short) and re.fullmatch(r"(省|市|县|区|州)(人民政府|政府)", right):
            return True  # 上海 / 上海市人民政府, 青川 / 青川县人民政府
        if right in ("管委会", "管理委员会", "管理局") and _ZONE_END_RE.search(short) and (
                long.startswith(short) or _SEAT_PREFIX_RE.fullmatch(long[:long.index(short)])):
            return True  # 晋川经济开发区 / 晋川经济开发区管委会: a zone is run by its administration committee (also
            # with its city in front: 东湖高新区 / 武汉东湖新技术开发区管理委员会)
        if right == "" or _strip_legal(right) == "" or (
                long.startswith(short) and _strip_legal(right) != right and _strip_legal(right) in _TRADE_WORDS):
            return True
        # 万泽海工 / 烟台万泽海工装备股份有限公司, 蓝鲸生物 / 山东蓝鲸生物科技有限公司: the seat's place dropped in
        # front as well as the trade word and legal ending behind
        prefix = long[:long.index(short)]
        return len(short) >= 4 and bool(_SEAT_PREFIX_RE.fullmatch(prefix)) and _strip_legal(right) != right and \
            _strip_legal(right) in _TRADE_WORDS
    core = _strip_legal(short)
    legal = short[len(core):]
    if legal and len(core) >= 2 and core in long and legal in long[long.index(core) + len(core):]:
        return True  # 宏泰集团 / 湖北省宏泰国有资本投资运营集团有限公司
    long_core = _strip_legal(long)
    if legal and long.endswith(legal) and 2 <= len(core) <= 3 and len(long_core) >= 2 * len(core) and \
            core[0] == long_core[0] and _is_subsequence(core, long_core) >= 0:
        return True  # 中石化集团公司 / 中国石油化工集团公司: a three-character abbreviation, same legal ending
    if short.endswith("大") and long.endswith("大学") and 2 <= len(short) <= 4 and short[0] == long[0] and \
            _is_subsequence(short[:-1], long[:-2]) >= 0:
        return True  # 华大 / 华林大学, 中国科大 / 中国科学技术大学: a university's short form ends in 大
    if len(short) < 4 and not short.endswith("政府"):
        return False
    place = _LEADING_PROVINCE_RE.match(long)
    if place and short[0] in "省市" and long[place.end() - 1] == short[0] and short[-1] == long[-1] and \
            len(short) >= 4 and short[:2] == long[place.end() - 1:place.end() + 1] and \
            re.fullmatch(".{0,2}?".join(map(re.escape, short)), long[place.end() - 1:]):
        # 省农科院 / 四川省农业科学院: the province's own body, its place said by 省 alone (each word cut to a
        # character or two: not 省中医院 / 四川省中西医结合医院, another hospital, where three go between 医 and 院)
        return True
    end = _is_subsequence(short, long)
    if end < 0:
        return False
    if short[-2:] == long[-2:] and short[:2] == long[:2]:
        return True  # same start and ending, words dropped inside (人民, 分)
    if short[:2] == long[:2]:
        tail = long[end:]
        return _strip_legal(tail) != tail and len(_strip_legal(tail)) <= 2
    return False


def expand_elliptical(names: list[str]) -> list[tuple[str, Optional[str]]]:
    """Expand a list like [西宁市, 海南州, 格尔木市政府] whose last item carries the organisation word for all:
    returns (full name, bare alias or None) per item -> 西宁市政府 (alias 西宁市), 海南州政府, 格尔木市政府."""
    if len(names) < 2:
        return [(n, None) for n in names]
    last = normalize_name(names[-1])
    m = re.match(r"^(.+?(?:省|市|州|县|区|盟|旗))(人民政府|政府|管委会)$", last)
    if not m:
        return [(n, None) for n in names]
    suffix = m.group(2)
    out: list[tuple[str, Optional[str]]] = []
    for n in names[:-1]:
        nn = normalize_name(n)
        if _PLACE_RE.match(nn) and classify_kind(nn) == "government" and not nn.endswith(suffix):
            out.append((nn + suffix, nn))
        else:
            out.append((nn, None))
    out.append((last, None))
    return out


def article_province(text: str) -> Optional[str]:
    """The province the article is about: the province name it mentions most often (None if none)."""
    text = re.sub(r"[（(][^（()）]{1,6}[)）]", "", text)  # (a company's seat in brackets: 芯瀚半导体（上海）有限公司)
    counts = Counter({p: text.count(p) for p in PROVINCES})
    best, n = counts.most_common(1)[0]
    return best if n else None


def expand_short_government(name: str, province: Optional[str]) -> Optional[str]:
    """省政府 -> 青海省政府 when the article's province is known (市政府 for 北京/上海/天津/重庆)."""
    n = normalize_name(name)
    if not province:
        return None
    if n in ("省政府", "省人民政府", "省") and province not in _MUNICIPALITIES:
        body = _AUTONOMOUS.get(province, province + "省")
        return body + n[1:] if n != "省" else body
    if n in ("市政府", "市人民政府") and province in _MUNICIPALITIES:
        return province + n
    if n in ("自治区政府", "自治区人民政府") and province in _AUTONOMOUS:
        return _AUTONOMOUS[province] + n[3:]
    return None


def expand_local_government(name: str, places: Iterable[str]) -> Optional[str]:
    """县人民政府 -> 筠连县人民政府 (市政府, 区政府, 州政府 alike) using the bare place of that level the article
    names most often; `places` are the article's PARTY forms in order, with repetitions."""
    n = normalize_name(name)
    m = re.match(r"^(市|县|区|州)(人民政府|政府)$", n)
    if not m:
        return None
    bare = [re.sub(r"(人民政府|政府)$", "", normalize_name(x)) for x in places]  # 连云港市人民政府 -> 连云港市
    counts = Counter(p for p in bare if len(p) >= 2 and p.endswith(m.group(1)) and _PLACE_RE.match(p)
                     and not re.match(r"[我本该全各两三]", p))  # (歙县 is a place; 我县, 本市, 两县 are not)
    if not counts:
        return None
    return counts.most_common(1)[0][0] + m.group(2)


_FIRST_PERSON_KINDS = {"校": ("大学", "学院", "学校", "中学", "小学"), "院": ("学院", "研究院", "医院", "科学院"),
                       "所": ("研究所",), "公司": ("公司",), "集团": ("集团", "公司"), "行": ("银行", "分行", "支行")}


def _of_first_person_kind(kind_char: str, name: str) -> bool:
    """`name` (normalised) is an organisation 我<kind_char> can stand for: 我行 a bank, 我县 a county."""
    if len(name) <= 2 or is_first_person(name) or re.fullmatch(r"(省|市|县|区|州|旗|镇|乡)(人民)?政府", name) \
            or re.search(r"委.{0,2}政府$", name):
        return False  # a bare 省/县 from a noisy tag, a level's 县政府, 宿州市委市政府 (two bodies) name no one body
    endings = _FIRST_PERSON_KINDS.get(kind_char, (kind_char, kind_char + "政府", kind_char + "人民政府"))
    if kind_char == "行":  # a bank's legal name ends in its company form (某某银行股份有限公司 is a bank)
        name = re.sub(r"(股份)?有限(责任)?公司$", "", name)
    return any(name.endswith(e) or re.search(e + r"(人民政府|政府)?$", name) for e in endings)


# common short names of government departments, and the full words they stand for
_DEPARTMENT_SHORT = (("发改委", "发展和改革委员会"), ("工信局", "工业和信息化局"), ("人社局", "人力资源和社会保障局"),
                     ("住建局", "住房和城乡建设局"), ("卫健委", "卫生健康委员会"), ("科技局", "科学技术局"),
                     ("文旅局", "文化和旅游局"), ("市场监管局", "市场监督管理局"), ("国资委", "国有资产监督管理委员会"))


def expand_department(name: str) -> str:
    """市发改委 -> 市发展和改革委员会: a department's short name written out (unchanged when it has none)."""
    n = normalize_name(name)
    for short, full in _DEPARTMENT_SHORT:
        if n.endswith(short):
            return n[: -len(short)] + full
    return n


def resolve_first_person(name: str, title_candidates: Iterable[str], province: Optional[str],
                         body_names: Iterable[str] = (), lead_names: Iterable[str] = ()) -> Optional[str]:
    """我校/我县/我省 -> the organisation the article identifies: a name from the headline of the right kind
    (校 -> a school or university, 县 -> a 县), the article's province for 我省, else the one organisation of that
    kind the article names anywhere (a bank's own news naming no other bank: 我行 is that bank), else the one of
    that kind among `lead_names`, the sides of the article's first signing: an organisation's own report names
    itself there (南粤银行广州分行与某区签署… then 我行 with the head office and its colleges named later)."""
    m = _FIRST_PERSON_RE.match(normalize_name(name))
    if not m:
        return None
    kind_char = m.group(1)
    for cand in title_candidates:
        c = normalize_name(cand)
        if _of_first_person_kind(kind_char, c):
            return c
    if kind_char == "省" and province and province not in _MUNICIPALITIES:
        return _AUTONOMOUS.get(province, province + "省")
    found = sorted({c for c in map(normalize_name, body_names) if _of_first_person_kind(kind_char, c)}, key=len)
    # one organisation, however many forms: each form is the longest or an alias of it; for 我县/我市, one the
    # article writes as its government (张北县人民政府), not a bare place, which may be named for other reasons
    if found and all(f == found[-1] or is_alias(f, found[-1]) for f in found) and \
            (kind_char in _FIRST_PERSON_KINDS or found[-1].endswith("政府")):
        return found[-1]
    lead = list(dict.fromkeys(c for c in map(normalize_name, lead_names) if _of_first_person_kind(kind_char, c)
                              and not re.match(r"(我|本|该)", c)))  # (我校某学院 is a unit of the school, not it)
    if len(lead) == 1 and (kind_char in _FIRST_PERSON_KINDS or lead[0].endswith("政府")):
        return lead[0]
    return None


def is_first_person(name: str) -> bool:
    """我校, 我县, 本公司...: names that only make sense relative to the article's author."""
    return bool(_FIRST_PERSON_RE.match(normalize_name(name)))


class PartyIndex:
    """The organisations of one article: every form seen, grouped so that each group has one reported name.

    `add(form)` registers a form; `entity_of(form)` gives the group's canonical name. Canonical names are the
    longest form (a full form the article gives); shorter forms that are aliases of it join its group.
    """

    def __init__(self) -> None:
        self.forms: list[str] = []
        self.extra_alias: dict[str, str] = {}  # form -> canonical it is forced onto (expansions, 省政府, 我校)
        self._cache: dict[str, str] = {}  # canonical() results; cleared whenever the index changes
        self._known: set[str] = set()
        self._by_char: dict[str, set[int]] = {}  # character -> indices of the forms holding it
        self._groups: dict[str, list[str]] = {}
        self._groups_version = -1
        self.version = 0  # bumped on every change, so callers can cache what they derive from the groups

    def add(self, form: str, canonical: Optional[str] = None) -> None:
        before = (len(self.forms), len(self.extra_alias))
        f = normalize_name(form)
        if f and f not in self._known:
            self._append(f)
        if canonical:
            c = normalize_name(canonical)
            if c and c not in self._known:
                self._append(c)
            if c != f and self.extra_alias.get(f) != c:
                self.extra_alias[f] = c
                before = None
        if before != (len(self.forms), len(self.extra_alias)):
            self._cache.clear()
            self.version += 1

    def _append(self, form: str) -> None:
        for ch in set(form) | set(_zone_short(form)):  # (东湖高新区 is written with 高 of the short zone word)
            self._by_char.setdefault(ch, set()).add(len(self.forms))
        self.forms.append(form)
        self._known.add(form)

    def _longer_candidates(self, f: str) -> list[str]:
        """Forms that contain every character of f, in order of first appearance: an alias is always written with
        characters of its long form (a substring or a subsequence) or of its zone's short word (高新区), so only
        these need the is_alias test."""
        sets = sorted((self._by_char.get(ch, set()) for ch in set(f)), key=len)
        if not sets:
            return []
        common = set(sets[0]).intersection(*sets[1:])
        return [self.forms[i] for i in sorted(common)]

    def canonical(self, form: str) -> str:
        """The group name of `form`: a forced expansion first, then the shortest longer form it is an alias of."""
        key = normalize_name(form)
        if key not in self._cache:
            self._cache[key] = self._canonical(key)
        return self._cache[key]

    def _canonical(self, f: str) -> str:
        # Iterative with one `seen` set: forced expansions (我省 -> 省) and alias links (省 -> 我省) can form a
        # cycle on noisy tagger output, which must end in a name, not in a RecursionError.
        seen: set[str] = set()
        while f not in seen:
            seen.add(f)
            if f in self.extra_alias:
                f = self.extra_alias[f]
                continue
            longs = sorted((g for g in self._longer_candidates(f) if _is_alias_normalized(f, g)), key=len,
                           reverse=True)
            if not longs or longs[0] in seen:
                return f
            f = longs[0]
        return f

    def aliases(self, canonical: str) -> list[str]:
        """Other forms of the group, in order of first appearance."""
        if self._groups_version != self.version:
            self._groups = {}
            for f in self.forms:
                self._groups.setdefault(self.canonical(f), []).append(f)
            self._groups_version = self.version
        return [f for f in self._groups.get(normalize_name(canonical), []) if f != canonical]
