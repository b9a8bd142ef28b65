"""Seeded synthetic signing-news articles with exact span labels and expected agreement records.

Real annotated articles are few, so the tagger also trains on generated ones. Each article is written piece by
piece: every labelled piece (PARTY, OFFICIAL, TITLE, DATE, AMOUNT, AGREEMENT, as ../shared/ANNOTATION.md defines
them) records its offsets when it is appended, so spans are exact by construction and nothing is searched for
afterwards. The same run also builds the expected records (parties with aliases, signatories and witnesses, the
resolved signing date, amounts with purpose), so the generated set can test the record rules as well as the tagger.

Sentences come from data/synthetic/templates.yaml, grouped into families by sentence structure; names come from
data/synthetic/lexicon.yaml and, when ../shared/datasets/lexicons/ exists, from its division and enterprise lists
(read in place). Output is a pure function of (n, seed, families, whether the shared lexicons exist).

    python -m qianyue.training.synthetic --n 1000 --seed 0 [--families a,b] --out FILE.jsonl
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

import yaml

from qianyue.resources import data_dir, resolve_data_path

from .data import Document, write_documents

DATA_DIR = data_dir() / "synthetic"
# beside the checkout (../shared), or relative to the current directory when installed from a wheel
DEFAULT_SHARED_LEXICONS = resolve_data_path("../shared/datasets/lexicons")

TEMPLATE_FAMILIES: list[str] = ["standard", "meeting", "ceremony", "brief", "agreement_first",
                                 "separately", "joint", "tripartite", "mass", "department"]
# Families kept out of training: the synthetic dev set (synthetic_heldout) is generated from these alone. One of the
# first round's, one of the second round's (tripartite: its multi-party record is taught by "joint", its sentences
# are not).
HELD_OUT_FAMILIES: tuple = ("agreement_first", "tripartite")
# The families added for the constructions of the second batch of genre articles (issue 11): 分别与, mixed
# 等高校/等科研机构/等企业 lists, three-way agreements, mass signings, departments as the government side.
ROUND2_FAMILIES: list[str] = ["separately", "joint", "tripartite", "mass", "department"]


def training_families() -> list[str]:
    """The families the training data is generated from: all but the held-out ones."""
    return [f for f in TEMPLATE_FAMILIES if f not in HELD_OUT_FAMILIES]

MIN_CHARS = 320  # articles shorter than this get more context paragraphs
_SLOT_RE = re.compile(r"\{(\w+)\}")
_HALF_WIDTH = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"})


# ----------------------------------------------------------------------------------------------- lexicons
@dataclass
class Lexicon:
    """Everything names are drawn from: our own YAML plus, optionally, rows of the shared lists."""
    words: dict
    templates: dict
    extra_cities: dict = field(default_factory=dict)    # province code -> city names (…市) from shared CSVs
    extra_counties: dict = field(default_factory=dict)  # province code -> county/district names
    city_counties: dict = field(default_factory=dict)   # city name -> its counties/districts (shared CSVs)
    extra_soes: list = field(default_factory=list)      # (full, short) from the SOE list
    extra_private: list = field(default_factory=list)   # (full, short) from the private-500 list


def shared_lexicon_dir() -> Optional[Path]:
    """The shared lexicon folder if present ($QIANYUE_SHARED_LEXICONS overrides); None when absent."""
    env = os.environ.get("QIANYUE_SHARED_LEXICONS")
    path = Path(env) if env else DEFAULT_SHARED_LEXICONS
    return path if path.is_dir() else None


def short_company_name(full: str) -> Optional[str]:
    """The usual short form of a registered company name (中国核工业集团有限公司 -> 中国核工业集团), or None."""
    name = re.sub(r"[(（][^()（）]*[)）]$", "", full)
    for suffix, repl in (("集团有限公司", "集团"), ("集团股份有限公司", "集团"), ("有限责任公司", ""),
                         ("股份有限公司", ""), ("有限公司", ""), ("控股", "")):
        if name.endswith(suffix) and len(name) - len(suffix) + len(repl) >= 2:
            name = name[: len(name) - len(suffix)] + repl
            break
    return name if name != full and "(" not in name and "（" not in name and len(name) >= 2 else None


def _table_names(path: Path, start: Optional[str] = None) -> list[str]:
    """Second column of the numbered Markdown table rows, from the `start` heading to the next heading."""
    names, active = [], start is None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            active = start is None or line.startswith(start)
            continue
        m = re.match(r"^\|\d+\|([^|]+)\|", line)
        if active and m:
            name = re.sub(r"\[[^\]]*\]", "", m.group(1)).strip()
            if 4 <= len(name) <= 20 and name not in names:
                names.append(name)
    return names


def _load_shared(lex: Lexicon, root: Path) -> None:
    """Add division and enterprise names from the shared lists (files that are missing are skipped)."""
    div = root / "admin_divisions_modood"
    if (div / "cities.csv").is_file():
        with open(div / "cities.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                name = row["name"]
                if name.endswith("市") and name != "市辖区" and 3 <= len(name) <= 5:
                    lex.extra_cities.setdefault(int(row["provinceCode"]), []).append(name)
    city_names = {}
    if (div / "cities.csv").is_file():
        with open(div / "cities.csv", encoding="utf-8") as f:
            city_names = {row["code"]: row["name"] for row in csv.DictReader(f)}
    if (div / "areas.csv").is_file():
        with open(div / "areas.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                name = row["name"]
                if name[-1] in "县区旗" and name != "市辖区" and 3 <= len(name) <= 5:
                    lex.extra_counties.setdefault(int(row["provinceCode"]), []).append(name)
                    city = city_names.get(row["cityCode"])
                    if city and city.endswith("市") and city != "市辖区":
                        lex.city_counties.setdefault(city, []).append(name)
    ent = root / "enterprise_lists"
    if (ent / "list-soe.md").is_file():
        for name in _table_names(ent / "list-soe.md", "## 国务院国资委"):
            lex.extra_soes.append((name, short_company_name(name)))
    if (ent / "list-fic500-y2025.md").is_file():
        for name in _table_names(ent / "list-fic500-y2025.md"):
            lex.extra_private.append((re.sub(r"[(（][^()（）]*[)）]$", "", name), short_company_name(name)))


@lru_cache(maxsize=4)
def load_lexicon(shared: Optional[str] = None) -> Lexicon:
    """Our lexicon and templates, plus the shared lists under `shared` when given. Cached: generation is hot."""
    with open(DATA_DIR / "lexicon.yaml", encoding="utf-8") as f:
        words = yaml.safe_load(f)
    with open(DATA_DIR / "templates.yaml", encoding="utf-8") as f:
        templates = yaml.safe_load(f)
    lex = Lexicon(words=words, templates=templates)
    if shared:
        _load_shared(lex, Path(shared))
    return lex


# ----------------------------------------------------------------------------------------------- entities
@dataclass(eq=False)
class Org:
    """An organisation and the forms an article may use for it; `used` collects the forms actually written."""
    kind: str                      # government | enterprise | organization (record kind)
    level: str                     # key into the title lexicon
    full: str
    forms: list                    # other forms usable after the first mention
    home: Optional[str] = None     # context short form (省政府), only for the article's host
    place: Optional[str] = None    # the bare place as a party (西宁市), used in elliptical lists
    place_name: str = ""           # the place used as a place, never labelled (西宁)
    unit: str = "市"               # 市/州/县/区/旗: the unit letter in local titles
    top_body: Optional[str] = None  # the party committee (省委) written before the host in 省委、省政府
    expansion: Optional[str] = None  # the record name an elliptical list expands this member to
    entry: Optional[dict] = None     # the lexicon entry of a central SOE (to find its provincial unit)
    used: list = field(default_factory=list)

    def all_forms(self) -> set:
        return {f for f in [self.full, *self.forms, self.home, self.place] if f}

    def record_name(self) -> str:
        """A full form the article gives: the longest form used (or the elliptical expansion)."""
        candidates = list(dict.fromkeys(self.used + ([self.expansion] if self.expansion else [])))
        return max(candidates, key=len) if candidates else self.full

    def aliases(self) -> list:
        name = self.record_name()
        return [u for u in dict.fromkeys(self.used) if u != name]


@dataclass(eq=False)
class Person:
    name: str
    titles: list
    org: Org


@dataclass(eq=False)
class Signing:
    """One agreement being signed in the article: becomes one expected record."""
    title: str
    parties: list
    date: Optional[dt.date]
    officials: list = field(default_factory=list)  # (Person, role)
    amounts: list = field(default_factory=list)    # dicts as in the record schema
    marks: bool = True                               # written inside 《》
    x_side: list = field(default_factory=list)
    y_side: list = field(default_factory=list)
    x_signer: Optional[Person] = None
    y_signer: Optional[Person] = None
    elliptical: bool = False
    signers: list = field(default_factory=list)     # one signer per party, in party order (multi-party families)

    def add_official(self, person: Person, role: str) -> None:
        if all(p is not person for p, _ in self.officials):
            self.officials.append((person, role))


# ----------------------------------------------------------------------------------------------- writer
class Writer:
    """Appends text and records span offsets as it goes; the only place spans are made."""

    def __init__(self, half_width: bool):
        self.parts: list = []
        self.spans: list = []
        self.pos = 0
        self.half_width = half_width

    def add(self, text: str, label: Optional[str] = None) -> str:
        """Append text (with this document's punctuation width), labelled if `label`; return what was written."""
        if self.half_width:
            text = text.translate(_HALF_WIDTH)  # one char for one char: offsets are unaffected
        if label:
            if not text or text != text.strip():
                raise ValueError(f"bad {label} span text {text!r}")
            self.spans.append((self.pos, self.pos + len(text), label))
        self.parts.append(text)
        self.pos += len(text)
        return text

    def text(self) -> str:
        return "".join(self.parts)


# ----------------------------------------------------------------------------------------------- money and dates
_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..9999 in Chinese numerals as news text writes them (二十, 一千五百, 五十)."""
    if not 0 < n < 10000:
        raise ValueError(n)
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero and out:
                out += "零"
            out += ("" if (value == 10 and d == 1 and not out) else _CN_DIGITS[d]) + unit
            zero = False
        elif out:
            zero = True
    return out


def make_amount(rng: random.Random, purpose: str) -> tuple:
    """(text, value, currency) for a sum of money in one of the shapes news reports use."""
    shape = rng.choices(["yi", "yi_dec", "wan", "usd", "rmb", "cn", "range", "comma"],
                        [30, 10, 14, 8, 8, 12, 6, 4])[0]
    if purpose == "授信":
        shape = rng.choice(["yi", "rmb", "cn", "yi"])
    if shape == "yi":
        n = rng.choice([1, 2, 3, 5, 8, 10, 12, 15, 20, 30, 50, 60, 80, 100, 120, 150, 200, 300, 500])
        return f"{n}亿元", n * 10 ** 8, "CNY"
    if shape == "yi_dec":
        n = rng.choice([12, 15, 25, 32, 45, 68, 75, 125])
        return f"{n / 10:g}亿元", n * 10 ** 7, "CNY"
    if shape == "wan":
        n = rng.choice([300, 500, 800, 1200, 2000, 3000, 4500, 6000, 8000])
        return f"{n}万元", n * 10 ** 4, "CNY"
    if shape == "usd":
        if rng.random() < 0.5:
            n = rng.choice([500, 1000, 3000, 5000, 8000])
            return f"{n}万美元", n * 10 ** 4, "USD"
        n = rng.choice([1, 2, 3, 5, 10])
        return f"{n}亿美元", n * 10 ** 8, "USD"
    if shape == "rmb":
        n = rng.choice([10, 50, 100, 200, 300, 500, 1000])
        return f"{n}亿元人民币", n * 10 ** 8, "CNY"
    if shape == "cn":
        if rng.random() < 0.5:
            n = rng.choice([1, 2, 3, 5, 8, 20, 50, 100])
            return f"{chinese_number(n)}亿元", n * 10 ** 8, "CNY"
        n = rng.choice([1000, 2000, 3000, 5000, 1500])
        return f"{chinese_number(n)}万元", n * 10 ** 4, "CNY"
    if shape == "range":
        lo = rng.choice([5, 10, 20, 30, 50])
        hi = lo * rng.choice([2, 3])
        return f"{lo}亿至{hi}亿元", lo * 10 ** 8, "CNY"  # a range is one span; its value is the lower bound
    n = rng.choice([1200, 2500, 3800, 12000, 15000])
    return f"{n:,}万元", n * 10 ** 4, "CNY"


@dataclass
class DatePlan:
    """How the article states the signing day, and the day it resolves to (None for 日前/近日)."""
    text: str
    day: Optional[dt.date]


def plan_signing_date(rng: random.Random, ref: dt.date) -> DatePlan:
    """Pick a date expression and the signing day it means relative to `ref` (dateline or publication date)."""
    kind = rng.choices(["full", "md", "d", "today", "yesterday", "vague"], [18, 34, 12, 12, 12, 12])[0]
    back = rng.randint(0, 12)
    day = ref - dt.timedelta(days=back)
    tod = rng.choice(["上午", "下午", "晚间", ""]) if rng.random() < 0.35 else ""
    if kind == "full":
        return DatePlan(f"{day.year}年{day.month}月{day.day}日{tod}", day)
    if kind == "md" or (kind == "d" and day.month != ref.month):
        return DatePlan(f"{day.month}月{day.day}日{tod}", day)
    if kind == "d":
        return DatePlan(f"{day.day}日{tod}", day)
    if kind == "today":
        return DatePlan(rng.choice(["今天", "今日"]) + (tod or rng.choice(["上午", "下午", ""])), ref)
    if kind == "yesterday":
        return DatePlan(rng.choice(["昨天", "昨日"]) + tod, ref - dt.timedelta(days=1))
    return DatePlan(rng.choice(["日前", "近日"]), None)


# ----------------------------------------------------------------------------------------------- article
class Article:
    """One generated document: its cast, its signings, and the renderer that fills template slots."""

    def __init__(self, lex: Lexicon, rng: random.Random, family: str, doc_id: str):
        self.lex, self.rng, self.family, self.doc_id = lex, rng, family, doc_id
        self.w = Writer(half_width=rng.random() < 0.3)
        self.tpl = lex.templates["families"][family]
        self.shared = lex.templates["shared"]
        self.orgs: list = []
        self.persons: list = []
        self.introduced: list = []       # people already written with their titles
        self.signings: list = []
        self.current: list = []          # the signings the sentence being written is about
        self.ceremony_people: list = []  # attend the whole ceremony: witness on every signing
        self.ceremony_amounts: list = []  # totals covering every signing
        self.projects_counted: Optional[int] = None  # the count of signed projects the article writes ({N})
        self.purpose = "投资"             # purpose of the amount the current sentence states
        self.cast: dict = {}              # role -> Person (a_top, a_head, a_sign, b_top, b_sign, attend)
        self.host: Optional[Org] = None   # the article's own government
        self.gov: Optional[Org] = None    # the government a department host belongs to (department family)
        self.counter: Optional[Org] = None  # the main non-government party
        self.indent = rng.choice(["", "", "  ", "　　", "    "])
        self.published = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randint(0, 15 * 365))
        self.dl_date = self.published - dt.timedelta(days=rng.choice([0, 0, 0, 1]))
        self.dateline = rng.choice(self.shared["datelines"]) if rng.random() < 0.7 else ""
        self.ref = self.dl_date if "{DL_DATE}" in self.dateline else self.published
        self.when = plan_signing_date(rng, self.ref)
        self._choose_province()

    # ------------------------------------------------------------------ names
    def _choose_province(self) -> None:
        self.prov = self.rng.choice(self.lex.words["provinces"])
        code = self.prov["code"]
        self.cities = list(dict.fromkeys(self.prov["cities"] + self.lex.extra_cities.get(code, [])))
        self.counties = list(dict.fromkeys(self.prov["counties"] + self.lex.extra_counties.get(code, [])))
        self.prefectures = [p for p in self.lex.words["prefectures"] if p["province"] == code]

    def person_name(self) -> str:
        """A fresh surname + one or two given-name characters, unique in this article."""
        words = self.lex.words
        taken = {p.name for p in self.persons}
        while True:
            given = "".join(self.rng.choice(words["given_chars"]) for _ in range(self.rng.choice([1, 2, 2, 2])))
            name = self.rng.choice(words["surnames"]) + given
            if name not in taken:
                return name

    def titles_for(self, org: Org, rank: str) -> list:
        """A stack of titles for a person of `rank` at `org`; local units swap 市 for their own unit letter."""
        level = "city" if org.level == "local" else org.level
        stack = list(self.rng.choice(self.lex.words["titles"][level][rank]))
        if org.level == "local" and org.unit != "市":
            stack = [t.replace("市", org.unit) for t in stack]
        if org.level == "department":
            head = department_head(org.full)
            stack = [t.replace("厅长", head) for t in stack]
        return stack

    def new_person(self, org: Org, rank: str, titles: Optional[list] = None) -> Person:
        person = Person(self.person_name(), titles or self.titles_for(org, rank), org)
        self.persons.append(person)
        return person

    def register(self, org: Org) -> Optional[Org]:
        """Add an org unless one of its forms clashes with an org already in the article (None then)."""
        forms = org.all_forms()
        if any(forms & o.all_forms() for o in self.orgs):
            return None
        self.orgs.append(org)
        return org

    # ------------------------------------------------------------------ organisation factories
    def province_gov(self) -> Org:
        p = self.prov
        unit = {"province": "省", "region": "自治区", "municipality": "市"}[p["level"]]
        return Org("government", "city" if unit == "市" else "province", f"{p['name']}人民政府", [f"{p['name']}政府"],
                   home=f"{unit}政府", place=p["name"], place_name=p["short"], unit="市",
                   top_body="自治区党委" if unit == "自治区" else f"{unit}委")

    def local_gov(self, name: str, short: Optional[str] = None, host: bool = True) -> Org:
        """A city, prefecture, county or district government; `short` is a prefecture's short form (海南州)."""
        if short:
            unit, mid, place = "州", f"{short}政府", short
        else:
            unit, mid, place = name[-1], f"{name}政府", name
        bare = place[:-1] if len(place) > 2 and unit in "市州县" else place
        if unit == "区" and name.endswith("新区"):
            bare = name
        return Org("government", "local", f"{name}人民政府", [mid], home=f"{unit}政府" if host else None,
                   place=place, place_name=bare, unit=unit, top_body=f"{unit}委", expansion=None)

    def zone(self, city: str) -> Org:
        z = self.rng.choice(self.lex.words["zones"])
        stem = city[:-1] if len(city) > 2 else city
        forms = list(dict.fromkeys([f"{stem}{z['suffix']}管委会", f"{stem}{z['short']}管委会"]))
        return Org("government", "zone", f"{stem}{z['suffix']}管理委员会", forms, place_name=f"{stem}{z['short']}")

    def department(self, gov: Org) -> Org:
        """A department (or 国资委) of `gov`: 河南省工业和信息化厅, short 河南省工信厅, in context 省工信厅."""
        d = self.rng.choice(self.lex.words["departments"])
        if gov.level == "province":
            body, short = d["province"], d.get("short_province")
            unit = "自治区" if gov.home == "自治区政府" else "省"
        else:
            body, short, unit = d["city"], d.get("short_city"), gov.unit
        forms = [f"{gov.place}{short}"] if short else []
        return Org("government", "department", f"{gov.place}{body}", forms, home=f"{unit}{short or body}",
                   place_name=gov.place_name)

    def soe(self, branch: bool, entry: Optional[dict] = None) -> Org:
        """A central SOE group, or its unit in this province (`entry` picks the group)."""
        words = self.lex.words
        pool = words["soes"] + ([{"full": f, "mid": s or f, "short": s or f} for f, s in self.lex.extra_soes]
                                if not branch else [])
        s = entry or self.rng.choice(pool)
        if branch and "branch" in s:
            pats = [p.format(p=self.prov["short"], P=self.prov["name"]) for p in s["branch"]]
            self.rng.shuffle(pats)
            short = s["branch_short"].format(p=self.prov["short"], P=self.prov["name"])
            return Org("enterprise", "branch", pats[0], _others(pats[0], *pats[1:], short), entry=s)
        return Org("enterprise", "group", s["full"], _others(s["full"], s["mid"], s["short"]), entry=s)

    def bank(self, branch: bool) -> Org:
        b = self.rng.choice(self.lex.words["banks"])
        if branch:
            pats = [p.format(p=self.prov["short"], P=self.prov["name"]) for p in b["branch"]]
            self.rng.shuffle(pats)
            short = b["branch_short"].format(p=self.prov["short"], P=self.prov["name"])
            return Org("enterprise", "bank", pats[0], _others(pats[0], *pats[1:], short))
        return Org("enterprise", "bank", b["full"], _others(b["full"], b["mid"], b["short"]))

    def private(self) -> Org:
        pool = [(c["full"], c["short"]) for c in self.lex.words["companies"]] + self.lex.extra_private
        full, short = self.rng.choice(pool)
        return Org("enterprise", "private", full, _others(full, short))

    def academic(self, kind: Optional[str] = None) -> Org:
        """A university or a research institute (`kind` = "university" | "institute" picks one)."""
        if kind == "university" or (kind is None and self.rng.random() < 0.7):
            u = self.rng.choice(self.lex.words["universities"])
            return Org("organization", "university", u["full"], _others(u["full"], u["short"]))
        u = self.rng.choice(self.lex.words["institutes"])
        return Org("organization", "institute", u["full"], _others(u["full"], u["short"]))

    def registered(self, factory: Callable[[], Org]) -> Org:
        """A new org from `factory` that clashes with none in the article (retries; fails loudly if it cannot)."""
        for _ in range(30):
            org = self.register(factory())
            if org:
                return org
        raise RuntimeError("could not find an organisation without a name clash")

    def counterpart(self, weights=(22, 26, 16, 16, 14, 10)) -> Org:
        """A non-government party, registered in the article (retries on a name clash)."""
        for _ in range(20):
            kind = self.rng.choices(["group", "branch", "bank_branch", "bank", "private", "academic"], weights)[0]
            org = {"group": lambda: self.soe(False), "branch": lambda: self.soe(True),
                   "bank_branch": lambda: self.bank(True), "bank": lambda: self.bank(False),
                   "private": self.private, "academic": self.academic}[kind]()
            if self.register(org):
                return org
        raise RuntimeError("could not find a counterpart without a name clash")

    def host_gov(self) -> Org:
        """The article's own government: the province, one of its cities/prefectures, or a county/district."""
        r = self.rng.random()
        if r < 0.35 or (not self.cities and not self.counties):
            org = self.province_gov()
        elif r < 0.75 and self.cities:
            org = self.local_gov(self.rng.choice(self.cities))
        elif r < 0.82 and self.prefectures:
            p = self.rng.choice(self.prefectures)
            org = self.local_gov(p["name"], p["short"])
        else:
            org = self.local_gov(self.rng.choice(self.counties or self.cities))
        self.register(org)
        return org

    def sub_governments(self, k: int) -> list:
        """Up to k lower governments under the host (cities and prefectures of a province, counties otherwise)."""
        if self.host.level == "local" and (self.host.unit in "县区旗" or self.host.place in self.counties):
            return []  # a county or district has no governments of its own rank under it
        if self.host.level == "province":
            pool = [(c, None) for c in self.cities] + [(p["name"], p["short"]) for p in self.prefectures]
        else:  # the host city's own counties when the shared lists say which they are
            own = self.lex.city_counties.get(self.host.place or "", [])
            pool = [(c, None) for c in (own if len(own) >= 2 else self.counties) if c != self.host.place]
        self.rng.shuffle(pool)
        out = []
        for name, short in pool:
            org = self.local_gov(name, short, host=False)
            org.expansion = org.forms[0]
            if self.register(org):
                out.append(org)
            if len(out) == k:
                break
        return out

    def sub_unit(self) -> Org:
        """A department or 管委会 of the host, or the host itself."""
        r = self.rng.random()
        org = None
        if r < 0.35:
            org = self.department(self.host)
        elif r < 0.6:
            city = self.host.place if self.host.level != "province" else self.rng.choice(
                self.cities or [self.prov["seat"] + "市"])
            org = self.zone(city)
        if org is not None and self.register(org):
            return org
        return self.host

    # ------------------------------------------------------------------ mentions
    def mention(self, org: Org, full: bool = False) -> None:
        """Write a PARTY mention: a full form first, any usable form later."""
        if full or not org.used:
            choices = [org.full] + org.forms[:1]
        else:
            choices = [org.full, *org.forms] + ([org.home] * 2 if org.home else [])
        self.name_used(org, self.w.add(self.rng.choice(choices), "PARTY"))

    def name_used(self, org: Org, written: str) -> None:
        org.used.append(written)

    def intro(self, person: Person, with_org: bool = False) -> None:
        """Write [org] title、title name — each title its own TITLE span."""
        if with_org and not person.titles[0].startswith("集团公司"):  # that title already names its body
            self.mention(person.org)
        for i, t in enumerate(person.titles):
            if i:
                self.w.add("、")
            self.w.add(t, "TITLE")
        self.w.add(person.name, "OFFICIAL")
        self.introduced.append(person)

    def agreement_name(self, parties: list, generic_only: bool = False) -> str:
        """A name for an agreement between `parties`: generic, topical or naming both sides."""
        words = self.lex.words
        levels = {p.level for p in parties}
        if "bank" in levels:
            kinds = words["bank_kinds"]
        elif levels & {"university", "institute"}:
            kinds = words["school_kinds"]
        else:
            kinds = words["agreement_kinds"]
        kind = self.rng.choice(kinds)
        r = self.rng.random()
        if generic_only or r < 0.4 or (r >= 0.75 and len(parties) > 2):
            return kind
        if r < 0.75:
            topic = self.rng.choice(words["agreement_topics"]).format(p=self.prov["short"])
            return f"“{topic}”{kind}" if self.rng.random() < 0.5 else f"{topic}{kind}"
        return f"{parties[0].forms[0] if parties[0].forms else parties[0].full}与{parties[-1].full}{kind}"

    def new_signing(self, xs: list, ys: list, elliptical: bool = False, title: Optional[str] = None,
                    marks: Optional[bool] = None) -> Signing:
        title = title or self.agreement_name(xs + ys)
        if marks is None:
            marks = self.rng.random() < (0.6 if title in self.lex.words["agreement_kinds"] else 0.9)
        s = Signing(title=title, parties=xs + ys, date=self.when.day, marks=marks, x_side=xs, y_side=ys,
                    elliptical=elliptical)
        self.signings.append(s)
        return s

    # ------------------------------------------------------------------ slots
    def render(self, template: str) -> None:
        """Write a template: literal text unlabelled, each {SLOT} through its renderer."""
        pos = 0
        for m in _SLOT_RE.finditer(template):
            if m.start() > pos:
                self.w.add(template[pos:m.start()])
            self.slot(m.group(1))
            pos = m.end()
        if pos < len(template):
            self.w.add(template[pos:])

    def say(self, section: str, source: Optional[dict] = None) -> None:
        options = (source or self.tpl)[section]
        if isinstance(options, dict):  # purpose -> templates
            self.purpose = self.rng.choice(sorted(options))
            options = options[self.purpose]
        self.render(self.rng.choice(options))

    def slot(self, name: str) -> None:
        role = None
        if name[:2] in ("w_", "c_"):
            role, name = name[:1], name[2:]
        handler: Callable = getattr(self, f"slot_{name}")
        result = handler()
        if isinstance(result, Person) and role:
            if role == "w":
                for s in self.current:
                    s.add_official(result, "witness")
            else:
                self.ceremony_people.append(result)
        if isinstance(result, list) and role == "c":  # attendee lists
            self.ceremony_people.extend(result)
        if isinstance(result, dict) and role == "c":  # an amount covering every signing
            self.ceremony_amounts.append(result)
        elif isinstance(result, dict):
            for s in self.current:
                s.amounts.append(result)

    def _sign(self, person: Person) -> Person:
        for s in self.current:
            s.add_official(person, "signatory")
        return person

    def slot_DATE(self):
        self.w.add(self.when.text, "DATE")

    def slot_DL_DATE(self):
        self.w.add(f"{self.dl_date.month}月{self.dl_date.day}日", "DATE")

    def slot_REPORTER(self):
        self.w.add("记者", "TITLE")
        if self.rng.random() < 0.5:
            self.w.add(" ")
        reporter = Person(self.person_name(), ["记者"], self.host)
        self.persons.append(reporter)  # reserved so no other person gets the name; never in a record
        self.w.add(reporter.name, "OFFICIAL")

    def slot_MEDIA(self):
        self.w.add(self.rng.choice([f"{self.prov['short']}日报", f"{self.host.place_name}日报",
                                    f"{self.prov['short']}新闻网", f"{self.host.place_name}晚报", "新华社"]))

    def slot_A(self):
        self.mention(self.host)

    def slot_B(self):
        self.mention(self.counter)

    def slot_A_FULL(self):
        self.mention(self.host, full=True)

    def slot_B_FULL(self):
        self.mention(self.counter, full=True)

    def slot_AGR(self):
        s = self.current[0]
        if s.marks:
            self.w.add("《")
        self.w.add(s.title, "AGREEMENT")
        if s.marks:
            self.w.add("》")

    def slot_AGR_BARE(self):
        self.w.add(self.current[0].title, "AGREEMENT")

    def slot_A_SIGN(self):
        self.intro(self.cast["a_sign"])
        return self._sign(self.cast["a_sign"])

    def slot_B_SIGN(self):
        self.intro(self.cast["b_sign"])
        return self._sign(self.cast["b_sign"])

    def slot_B_SIGN_O(self):
        self.intro(self.cast["b_sign"], with_org=True)
        return self._sign(self.cast["b_sign"])

    def _named(self, key: str, intro: bool, with_org: bool = False) -> Person:
        person = self.cast[key]
        if intro:
            self.intro(person, with_org=with_org)
        else:
            self.w.add(person.name, "OFFICIAL")
        return person

    def slot_A_HEAD(self):
        return self._named("a_head", True)

    def slot_A_TOP(self):
        return self._named("a_top", True)

    def slot_B_TOP(self):
        return self._named("b_top", True, with_org=True)

    def slot_A_HEAD_N(self):
        return self._named("a_head", False)

    def slot_A_TOP_N(self):
        return self._named("a_top", False)

    def slot_B_TOP_N(self):
        return self._named("b_top", False)

    def _speaker(self, keys: list, with_org: bool) -> None:
        """A leader quoted by name: someone already introduced, else introduced here (a quote is no role)."""
        known = [k for k in keys if k in self.cast and self.cast[k] in self.introduced]
        if known and self.rng.random() < 0.15:  # 苗逢源总经理表示: the name, then one of the titles
            person = self._named(self.rng.choice(known), False)
            self.w.add(person.titles[-1], "TITLE")
        elif known:
            self._named(self.rng.choice(known), False)
        else:
            self._named(keys[0], True, with_org=with_org)

    def slot_A_SPEAKER(self):
        self._speaker(["a_head", "a_top"], with_org=False)

    def slot_B_SPEAKER(self):
        self._speaker(["b_top"], with_org=True)

    def slot_B_TOP_ORG(self):
        self.mention(self.cast["b_top"].org)

    def slot_B_TOP_T(self):
        for i, t in enumerate(self.cast["b_top"].titles):
            if i:
                self.w.add("、")
            self.w.add(t, "TITLE")

    def slot_A_PARTY_CTX(self):
        if self.host.home and self.host.top_body:
            self.w.add(self.host.top_body + "、")
            self.name_used(self.host, self.w.add(self.host.home, "PARTY"))
        else:
            self.mention(self.host)

    def slot_ATTEND(self):
        people = self.cast["attend"]
        for i, p in enumerate(people):
            if i:
                self.w.add(self.rng.choice(["，", "，", "、"]) if len(p.titles) == 1 else "，")
            self.intro(p, with_org=p.org is not self.host)
        return list(people)

    def slot_PLACE(self):
        """Where it happened: a city used as a place (never labelled); a province is named by its seat."""
        local = self.prov["seat"] if self.host.level == "province" else self.host.place_name
        self.w.add(self.rng.choice([self.prov["seat"], local, local]))

    def slot_VENUE(self):
        self.w.add(self.rng.choice([self.prov["seat"], self.host.place_name])
                   + self.rng.choice(["国际会议中心", "宾馆", "市民中心", "会展中心", "行政中心", "大酒店"]))

    def slot_AREAS(self):
        self.w.add("、".join(self.rng.sample(self.lex.words["areas"], self.rng.randint(2, 4))))

    def slot_AREA(self):
        self.w.add(self.rng.choice(self.lex.words["areas"]))

    def slot_PROV_SHORT(self):
        self.w.add("全国" if (self.gov or self.host).level == "province" else self.prov["short"])

    def slot_A_WE(self):
        """The host in the first person (我省, 我市, 我县): a PARTY mention and an alias in the record."""
        if self.host.level in ("department", "zone"):
            self.mention(self.host)  # a department or 管委会 is not written 我市
            return
        unit = {"省政府": "省", "自治区政府": "区"}.get(self.host.home or "", self.host.unit)
        self.name_used(self.host, self.w.add(f"我{unit}", "PARTY"))

    def slot_A_PLACE(self):
        self.w.add(self.host.place_name)

    def slot_N(self):
        """The count of projects signed at a ceremony: one number per article (title and body agree), at least the
        signings it names; the ones it does not name become records without parties (decision N12)."""
        n = self.rng.randint(max(2, len(self.signings)), 30)  # drawn every time, so later draws stay as they were
        if self.projects_counted is None:
            self.projects_counted = n
        self.w.add(str(self.projects_counted))

    def slot_AMOUNT(self) -> dict:
        text, value, currency = make_amount(self.rng, self.purpose)
        written = self.w.add(text, "AMOUNT")
        return {"text": written, "value": value, "currency": currency, "purpose": self.purpose}

    def slot_HIST_DATE(self):
        year = self.published.year - self.rng.randint(1, 6)
        month, day = self.rng.randint(1, 12), self.rng.randint(1, 28)
        self.w.add(f"{year}年{month}月" + (f"{day}日" if self.rng.random() < 0.5 else ""), "DATE")

    def slot_HIST_AGR(self):
        name = self.agreement_name([self.host, self.counter], generic_only=True)
        marks = self.rng.random() < 0.5
        self.w.add("《" if marks else "")
        self.w.add(name, "AGREEMENT")
        self.w.add("》" if marks else "")

    def slot_PARTIES_X(self):
        s = self.current[0]
        for i, org in enumerate(s.x_side):
            if i:
                self.w.add("、")
            if s.elliptical and i < len(s.x_side) - 1:
                self.name_used(org, self.w.add(org.place, "PARTY"))
            elif s.elliptical:
                self.name_used(org, self.w.add(org.forms[0], "PARTY"))
            else:
                self.mention(org)

    def slot_PARTIES_Y(self):
        for i, org in enumerate(self.current[0].y_side):
            if i:
                self.w.add("、")
            self.mention(org)

    def _list(self, items: list, write: Callable) -> None:
        """Write items with 、 between them and, now and then, 和 before the last."""
        last_and = len(items) > 1 and self.rng.random() < 0.4
        for i, item in enumerate(items):
            if i:
                self.w.add("和" if last_and and i == len(items) - 1 else "、")
            write(item)

    def slot_COUNTERS(self):
        """Every counterpart of the sentence's signings (A 分别与 B、C、D 签署)."""
        self._list([s.y_side[0] for s in self.current], self.mention)

    def slot_SIGNERS_EACH(self):
        """Each counterpart's signer with its organisation; each signs its own agreement only."""
        def one(s):
            self.intro(s.y_signer, with_org=True)
            s.add_official(s.y_signer, "signatory")
        self._list(self.current, one)

    def slot_SIGNERS_ALL(self):
        """One signer per side of the agreement, each with its organisation, all signatories of it."""
        s = self.current[0]
        for i, person in enumerate(s.signers):
            if i:
                self.w.add(self.rng.choice(["，", "、"]) if len(person.titles) == 1 else "，")
            self.intro(person, with_org=True)
            s.add_official(person, "signatory")

    def slot_JOINT_LIST(self):
        """The non-government sides in groups: A、B等高校，C等科研机构及D、E等企业."""
        s = self.current[0]
        groups = [([o for o in s.y_side if o.level == level], self.rng.choice(words))
                  for level, words in (("university", ["等高校", "等高等院校"]),
                                       ("institute", ["等科研机构", "等科研院所"]),
                                       (None, ["等企业", "等知名企业"]))]
        groups[2] = ([o for o in s.y_side if o.level not in ("university", "institute")], groups[2][1])
        groups = [g for g in groups if g[0]]
        for i, (orgs, word) in enumerate(groups):
            if i:
                self.w.add(self.rng.choice(["及", "和"]) if i == len(groups) - 1 else "，")
            for j, org in enumerate(orgs):
                if j:
                    self.w.add("、")
                self.mention(org)
            self.w.add(word)

    def slot_C(self):
        self.mention(self.current[0].parties[2])

    def slot_C_FULL(self):
        self.mention(self.current[0].parties[2], full=True)

    def slot_GOV_LEADER(self):
        """A leader of the government a department belongs to (副省长 X): attends, often witnesses."""
        return self._named("gov_leader", True)

    def slot_ORG_LIST(self):
        """Units that attend but do not sign: departments of the local government, maybe a firm. PARTY spans only."""
        gov = self.gov or self.host
        orgs, wanted = [], self.rng.randint(2, 4) if gov.level in ("province", "local", "city") else 0
        for _ in range(3 * wanted):  # a department already in the article is drawn again: try another
            org = self.register(self.department(gov))
            if org:
                orgs.append(org)
            if len(orgs) == wanted:
                break
        if self.rng.random() < 0.5 or not orgs:
            orgs.append(self.counterpart(weights=(0, 40, 20, 0, 20, 0)))
        for i, org in enumerate(orgs):
            if i:
                self.w.add("、")
            form = org.home if org.home else min([org.full, *org.forms], key=len)
            self.name_used(org, self.w.add(form, "PARTY"))

    def slot_PROJECT(self):
        product = self.rng.choice(self.lex.words["products"])
        self.w.add(self.rng.choice([f"年产{self.rng.choice([2, 5, 10, 20, 30])}万吨{product}项目",
                                    f"{product}生产基地项目", f"{product}研发制造项目",
                                    f"{self.rng.choice(self.lex.words['areas'])}产业园项目"]))

    def slot_N_SIGNED(self):
        """The number of projects signed: exactly one record each."""
        n = len(self.signings)
        self.w.add(chinese_number(n) if self.rng.random() < 0.3 else str(n))

    def slot_SIGN_X(self):
        s = self.current[0]
        self.intro(s.x_signer, with_org=s.x_signer.org is not self.host)
        return self._sign(s.x_signer)

    def slot_SIGN_Y(self):
        s = self.current[0]
        self.intro(s.y_signer, with_org=True)
        return self._sign(s.y_signer)

    # ------------------------------------------------------------------ layout
    def paragraph(self, *sections: str, source: Optional[dict] = None, prefix: str = "") -> None:
        self.w.add("\n" + self.indent)
        if prefix:
            self.render(prefix)
        for sec in sections:
            self.say(sec, source)

    def prose_paragraph(self, sentences: int) -> None:
        """A paragraph of context sentences (details, background, filler), none repeated in the article.

        Without a signing, sentences that speak of one (签, 协议) are left out so no record is implied.
        """
        if not getattr(self, "_prose", None):
            pool = self.shared["detail"] + self.shared["filler"] + self.shared["background"]
            self._prose = [t for t in pool if self.signings or not ("签" in t or "协议" in t)]
            self.rng.shuffle(self._prose)
        self.w.add("\n" + self.indent)
        for _ in range(min(sentences, len(self._prose))):
            self.render(self._prose.pop())

    def title_line(self) -> None:
        self.say("title")
        if self.rng.random() < 0.35:
            self.w.add("\n发布日期: ")
            self.w.add(self.published.isoformat(), "DATE")
        elif self.rng.random() < 0.2:
            self.w.add("\n")
            self.w.add(f"{self.published.year}年{self.published.month}月{self.published.day}日", "DATE")
            self.w.add(f" {self.rng.randint(7, 22):02d}:{self.rng.randint(0, 59):02d}  来源:")
            self.slot_MEDIA()
        self.w.add("\n")

    def cast_people(self) -> None:
        """The people of a two-sided article: host leaders and signer, counterpart leader and signer, attendees."""
        h, c = self.host, self.counter
        self.cast = {"a_top": self.new_person(h, "top"), "a_head": self.new_person(h, "head"),
                     "a_sign": self.new_person(h, "signer"), "b_top": self.new_person(c, "top"),
                     "b_sign": self.new_person(c, "signer")}
        attend = [self.new_person(h, "attendee") for _ in range(self.rng.randint(1, 2))]
        if h.level == "province" and self.cities and self.rng.random() < 0.4:
            city = self.rng.choice(self.cities)
            attend.append(self.new_person(h, "attendee", ["省委常委", f"{city[:-1] if len(city) > 2 else city}市委书记"]))
        if self.rng.random() < 0.5:
            attend.append(self.new_person(c, "attendee"))
        self.cast["attend"] = attend

    def extra_signing(self) -> None:
        """A second agreement at the same event, between other parties (a sub-unit or lower governments)."""
        subs = self.sub_governments(self.rng.randint(2, 4)) if self.rng.random() < 0.4 else []
        xs, ell = (subs, True) if len(subs) >= 2 else ([self.sub_unit()], False)
        group, unit = self.counter, None
        if group.level == "group" and group.entry and "branch" in group.entry and self.rng.random() < 0.6:
            unit = self.register(self.soe(True, group.entry))  # the group signs, then its provincial unit
        ys = [unit] if unit else [self.counterpart()]
        s = self.new_signing(xs, ys, elliptical=ell)
        s.x_signer = self.new_person(xs[0], "signer")
        s.y_signer = self.new_person(ys[0], "signer")
        self.current = [s]
        self.say("extra", self.shared)

    def finish_body(self, quotes: bool = True) -> None:
        """Areas, filler, quotes, optional history and a closing line: shared by most families."""
        self.current = self.signings[:1]
        if self.signings and self.rng.random() < 0.8:
            self.paragraph("areas", source=self.shared)
        for _ in range(self.rng.randint(2, 5)):
            self.prose_paragraph(self.rng.randint(2, 4))
        while self.w.pos < MIN_CHARS:
            self.prose_paragraph(2)
        for section, p in (("quote_a", 0.7), ("quote_b", 0.6)):
            if quotes and self.rng.random() < p:
                # without a signing, only quotes that do not speak of one
                options = [t for t in self.shared[section] if self.signings or not ("签" in t or "协议" in t)]
                self.w.add("\n" + self.indent)
                self.render(self.rng.choice(options))
        self.close_article(history_p=0.25)

    def close_article(self, history_p: float) -> None:
        """Maybe a paragraph on earlier cooperation (never a record), then a closing line."""
        if self.rng.random() < history_p:
            self.current = []
            self.paragraph("history", source=self.shared)
        closing = self.rng.choice(self.shared["closing"])
        if closing:
            self.w.add("\n")
            self.render(closing)

    # ------------------------------------------------------------------ families
    def setup_pair(self) -> None:
        self.host = self.host_gov()
        self.counter = self.counterpart()
        self.cast_people()

    def compose_standard(self) -> None:
        self.setup_pair()
        self.current = [self.new_signing([self.host], [self.counter])]
        self.title_line()
        self.paragraph("lead", prefix=self.dateline)
        if self.rng.random() < 0.3:
            self.w.add("\n" + self.indent)
            self.extra_signing()
            self.current = self.signings[:1]
        if self.rng.random() < 0.5:
            self.paragraph("amount")
        if self.rng.random() < 0.5:
            self.paragraph("attend")
        self.finish_body()

    def compose_meeting(self) -> None:
        self.setup_pair()
        signs = self.rng.random() < 0.6
        if signs:
            self.new_signing([self.host], [self.counter])
        self.current = self.signings[:1]
        self.title_line()
        self.paragraph("lead", prefix=self.dateline)
        if signs:
            self.say("sign")
            if self.rng.random() < 0.3:
                self.w.add("\n" + self.indent)
                self.extra_signing()
                self.current = self.signings[:1]
            if self.rng.random() < 0.4:
                self.paragraph("amount")
        else:
            self.paragraph("meet_only")
        if self.rng.random() < 0.4:
            self.current = []  # a figure said in talks is not tied to an agreement
            self.paragraph("talk_amount")
        self.current = []
        if self.rng.random() < 0.6:
            self.paragraph("attend_meeting")
        self.finish_body()

    def compose_ceremony(self) -> None:
        self.host = self.host_gov()
        self.counter = None
        items = []
        for _ in range(self.rng.randint(2, 4)):
            subs = self.sub_governments(self.rng.randint(2, 4)) if self.rng.random() < 0.3 else []
            xs, ell = (subs, True) if len(subs) >= 2 else ([self.sub_unit()], False)
            ys = [self.counterpart()] + ([self.counterpart()] if self.rng.random() < 0.2 else [])
            items.append(self.new_signing(xs, ys, elliptical=ell))
        self.counter = items[0].y_side[0]
        self.cast = {"a_top": self.new_person(self.host, "top"), "a_head": self.new_person(self.host, "head")}
        self.cast["attend"] = [self.cast["a_top"], self.cast["a_head"]] + [
            self.new_person(self.host, "attendee") for _ in range(self.rng.randint(0, 2))]
        self.cast["b_top"] = self.new_person(self.counter, "top")
        for s in items:
            s.x_signer = self.new_person(s.x_side[0], "signer")
            s.y_signer = self.new_person(s.y_side[0], "signer")
        self.current = items[:1]
        self.title_line()
        self.paragraph("lead", prefix=self.dateline)
        if self.rng.random() < 0.6:
            self.purpose = "投资"
            self.say("total")
        self.w.add("\n" + self.indent + self.rng.choice(["其中，", "签约仪式上，", "现场，"]))
        for i, s in enumerate(items):
            self.current = [s]
            if i:
                self.w.add("；")
            if self.rng.random() < 0.4:
                self.purpose = "投资"
                self.render(self.rng.choice(self.tpl["item_amount"]))
            else:
                self.render(self.rng.choice(self.tpl["item"]))
            if self.rng.random() < 0.4:
                self.w.add("，")
                self.render(self.rng.choice(self.tpl["item_sign"]))
        self.w.add("。")
        self.finish_body(quotes=self.rng.random() < 0.5)
        for _ in range((self.projects_counted or 0) - len(self.signings)):  # counted, not named: parties [] (N12)
            self.signings.append(Signing(title=None, parties=[], date=self.when.day))

    def compose_brief(self) -> None:
        self.setup_pair()
        self.current = [self.new_signing([self.host], [self.counter])]
        self.title_line()
        self.paragraph("lead", prefix=self.dateline)
        if self.rng.random() < 0.6:
            self.say("sign")
        if self.rng.random() < 0.8:
            self.say("amount")
        if self.rng.random() < 0.6:
            self.paragraph("areas", source=self.shared)
        self.prose_paragraph(self.rng.randint(2, 4))
        while self.w.pos < MIN_CHARS:  # even a wire item runs to a few hundred characters
            self.prose_paragraph(2)
        self.close_article(history_p=0.3)

    def compose_agreement_first(self) -> None:
        self.setup_pair()
        self.current = [self.new_signing([self.host], [self.counter])]
        self.title_line()
        self.paragraph("lead", prefix=self.dateline)
        self.say("sign")
        if self.rng.random() < 0.7:
            self.say("witness")
        if self.rng.random() < 0.5:
            self.paragraph("amount")
        self.finish_body()

    def compose_separately(self) -> None:
        """分别与: one agreement per counterpart, all with the same name; the host's signer signs each."""
        self.host = self.host_gov()
        ys = [self.counterpart() for _ in range(self.rng.randint(2, 4))]
        self.counter = ys[0]
        title = self.agreement_name([self.host] + ys, generic_only=self.rng.random() < 0.5)
        marks = self.rng.random() < 0.6
        items = [self.new_signing([self.host], [y], title=title, marks=marks) for y in ys]
        self.cast_people()
        for s in items:
            s.x_signer = self.cast["a_sign"]
            s.y_signer = self.new_person(s.y_side[0], "signer")
        self.current = items
        self.title_line()
        self.paragraph("lead", prefix=self.dateline)
        if self.rng.random() < 0.8:
            self.say("sign")
        if self.rng.random() < 0.5:
            self.say("amount")  # a total over the agreements: on each record it covers
        if self.rng.random() < 0.5:
            self.paragraph("attend_orgs", source=self.shared)
        self.finish_body()

    def multi_party_cast(self, parties: list) -> Signing:
        """One agreement of `parties` (host first), a signer for each, host leaders and the first counterpart's top."""
        title = self.agreement_name(parties)
        if len(parties) == 3 and self.rng.random() < 0.4:
            title = self.rng.choice(self.lex.words["tripartite_kinds"])
        s = self.new_signing(parties[:1], parties[1:], title=title)
        self.counter = parties[1]
        self.cast = {"a_top": self.new_person(self.host, "top"), "a_head": self.new_person(self.host, "head"),
                     "b_top": self.new_person(self.counter, "top")}
        s.signers = [self.new_person(o, "signer") for o in parties]
        self.cast["a_sign"] = s.signers[0]
        self.cast["b_sign"] = s.signers[1]
        self.cast["attend"] = [self.new_person(self.host, "attendee") for _ in range(self.rng.randint(1, 2))]
        self.current = [s]
        return s

    def compose_joint(self) -> None:
        """A government signs one agreement together with universities, institutes and firms (共同签署)."""
        self.host = self.host_gov()
        n_uni, n_inst = self.rng.randint(1, 3), self.rng.randint(0, 2)
        if n_uni + n_inst < 2:
            n_inst = 1
        others = ([self.registered(lambda: self.academic("university")) for _ in range(n_uni)]
                  + [self.registered(lambda: self.academic("institute")) for _ in range(n_inst)]
                  + [self.counterpart(weights=(22, 26, 0, 8, 20, 0)) for _ in range(self.rng.randint(1, 2))])
        self.multi_party_cast([self.host] + others)
        self.title_line()
        self.paragraph("lead", prefix=self.dateline)
        if self.rng.random() < 0.6:
            self.say("sign")
        if self.rng.random() < 0.7:
            self.say("witness")
        if self.rng.random() < 0.3:
            self.paragraph("amount")
        if self.rng.random() < 0.4:
            self.paragraph("attend_orgs", source=self.shared)
        self.finish_body()

    def compose_tripartite(self) -> None:
        """Three sides to one agreement: a government and two counterparts."""
        self.host = self.host_gov()
        first = self.counterpart()
        second = self.counterpart()
        self.multi_party_cast([self.host, first, second])
        self.title_line()
        self.paragraph("lead", prefix=self.dateline)
        if self.rng.random() < 0.4:
            self.say("witness")
        self.say("sign")  # the lead may not name the agreement or the signing: this sentence always does
        if self.rng.random() < 0.4:
            self.paragraph("amount")
        if self.rng.random() < 0.4:
            self.paragraph("attend_orgs", source=self.shared)
        self.finish_body()

    def compose_mass(self) -> None:
        """A mass signing: an exact count, a total over all projects, some named, the rest unnamed (N12)."""
        self.host = self.host_gov()
        named = []
        for _ in range(self.rng.randint(2, 5)):
            x = self.sub_unit()
            y = self.counterpart(weights=(10, 20, 0, 0, 40, 6))
            if self.rng.random() < 0.5:
                s = self.new_signing([x], [y], title=self.rng.choice(self.lex.words["project_kinds"]))
            else:  # a project signed without an agreement name: a record with no title
                s = Signing(title=None, parties=[x, y], date=self.when.day, x_side=[x], y_side=[y])
                self.signings.append(s)
            named.append(s)
        for _ in range(self.rng.randint(0, 4)):  # projects the article counts but does not name: parties []
            self.signings.append(Signing(title=None, parties=[], date=self.when.day))
        self.counter = named[0].y_side[0]
        self.cast = {"a_top": self.new_person(self.host, "top"), "a_head": self.new_person(self.host, "head"),
                     "b_top": self.new_person(self.counter, "top")}
        self.cast["attend"] = [self.cast["a_top"], self.cast["a_head"]] + [
            self.new_person(self.host, "attendee") for _ in range(self.rng.randint(0, 2))]
        self.current = list(self.signings)
        self.purpose = "投资"
        self.title_line()
        total_in_title = bool(self.ceremony_amounts)
        self.paragraph("lead", prefix=self.dateline)
        self.say("total_known" if total_in_title else "total")
        self.w.add("\n" + self.indent + self.rng.choice(["其中，", "签约项目中，", "重点项目中，"]))
        for i, s in enumerate(named):
            self.current = [s]
            if i:
                self.w.add("；")
            # a titled project is written with its agreement name, an untitled one without: the record says which
            options = [t for t in self.tpl["item_amount" if self.rng.random() < 0.4 else "item"]
                       if ("{AGR}" in t) == bool(s.title)]
            self.render(self.rng.choice(options))
        self.w.add("。")
        if self.rng.random() < 0.6:
            self.paragraph("attend_orgs", source=self.shared)
        self.current = named[:1]
        self.finish_body(quotes=self.rng.random() < 0.5)

    def compose_department(self) -> None:
        """A department or 国资委 signs; the opening names both sides, the signing verb comes later."""
        self.gov = self.province_gov() if self.rng.random() < 0.6 or not self.cities else \
            self.local_gov(self.rng.choice(self.cities))
        self.register(self.gov)
        self.host = self.registered(lambda: self.department(self.gov))
        self.counter = self.counterpart()
        self.new_signing([self.host], [self.counter])
        self.cast_people()
        self.cast["gov_leader"] = self.new_person(self.gov, "signer")  # 副省长 / 副市长 of the parent government
        self.current = self.signings[:1]
        self.title_line()
        self.paragraph("lead", prefix=self.dateline)
        self.prose_paragraph(2)  # the signing is reported a paragraph after the sentence that names the sides
        self.paragraph("sign")
        if self.rng.random() < 0.4:
            self.say("amount")
        if self.rng.random() < 0.5:
            self.paragraph("attend_orgs", source=self.shared)
        self.finish_body()

    # ------------------------------------------------------------------ output
    def records(self) -> list:
        """The expected records, in the schema of seeds/expected.jsonl."""
        out = []
        for s in self.signings:
            for p in self.ceremony_people:
                s.add_official(p, "witness")
            amounts = s.amounts + [a for a in self.ceremony_amounts if a not in s.amounts]
            out.append({
                "title": s.title,
                "parties": [{"name": o.record_name(), "kind": o.kind, "aliases": o.aliases()} for o in s.parties],
                "officials": [{"name": p.name, "title": "、".join(p.titles), "party": p.org.record_name(),
                               "role": role} for p, role in s.officials],
                "date": s.date.isoformat() if s.date else None,
                "amounts": [dict(a) for a in amounts],
            })
        return out

    def build(self) -> Document:
        getattr(self, f"compose_{self.family}")()
        return Document(id=self.doc_id, text=self.w.text(), spans=sorted(self.w.spans), source="synthetic",
                        published=self.published.isoformat(), agreements=self.records())


def department_head(name: str) -> str:
    """The head's title for a department name: 厅长 for a 厅, 局长 for a 局, 主任 for a 委员会 or 办公室."""
    if name.endswith("厅"):
        return "厅长"
    if name.endswith("局"):
        return "局长"
    return "主任"


def _others(full: str, *forms: Optional[str]) -> list:
    """The distinct forms other than the full name, in order."""
    return [f for f in dict.fromkeys(forms) if f and f != full]


# ----------------------------------------------------------------------------------------------- API
def generate_documents(n: int, seed: int = 0, families: Optional[list] = None,
                       shared_lexicons: Optional[Path] | str | bool = True) -> list:
    """n synthetic Documents, cycling through `families` (None = all TEMPLATE_FAMILIES, held-out included).

    Document i depends only on (seed, i, its family, whether shared lexicons were used), so the output is
    deterministic. shared_lexicons: True = use the shared folder when present, False = never, or a path.
    """
    families = list(families) if families else list(TEMPLATE_FAMILIES)
    unknown = [f for f in families if f not in TEMPLATE_FAMILIES]
    if unknown:
        raise ValueError(f"unknown template families {unknown}; known: {TEMPLATE_FAMILIES}")
    if shared_lexicons is True:
        shared = shared_lexicon_dir()
    elif shared_lexicons:
        shared = Path(shared_lexicons)
    else:
        shared = None
    lex = load_lexicon(str(shared) if shared else None)
    docs = []
    for i in range(n):
        family = families[i % len(families)]
        rng = random.Random(f"{seed}:{i}:{family}")
        docs.append(Article(lex, rng, family, f"syn-{family}-{i}").build())
    return docs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qianyue.training.synthetic", description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--families", default=None, help=f"comma-separated subset of {','.join(TEMPLATE_FAMILIES)}")
    ap.add_argument("--no-shared", action="store_true", help="ignore ../shared/datasets/lexicons even if present")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    families = [f.strip() for f in args.families.split(",") if f.strip()] if args.families else None
    try:
        docs = generate_documents(args.n, args.seed, families, shared_lexicons=not args.no_shared)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_documents(docs, args.out)
    print(f"{args.out}: {len(docs)} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
