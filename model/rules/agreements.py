"""Signing events -> agreement records.

An article is read sentence by sentence, clause by clause. A clause with a signing verb (签署, 签订, 签约, 签字) is
an event; its AGREEMENT spans name what was signed and the PARTY spans before the verb name who signed. Events
naming the same agreement merge; an event naming none (双方签约, 见证签约) joins the agreement its sentence or the
article last named. Officials are signatories when they are the subject of the signing verb and witnesses when
their sentence says they witnessed or attended it; people attending the whole ceremony (参加活动) go on every
agreement. Dates and amounts come from the signing sentence and its paragraph.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from ..results import Agreement, Amount, Entity, Evidence, Official, Party
from ..dates import cn_number
from .amounts import (amount_purpose, amount_qualifier, detect_currency, is_money, is_running_total, is_size_class,
                      is_statistic, is_unit_price, is_unitless_quantity, parse_amount, reports_standing_figure,
                      speaks_of_agreement_money, tells_other_activity)
from .dates import (VAGUE_WORDS, article_year, find_dateline, is_header_date, parse_iso, resolve_date,
                    sentence_year)
from .officials import (GENERIC_ORG_RE, REPORTER_RE, SIGN_VERBS_RE, SIGNERS_NAMED_AFTER_RE, WITNESS_CUES, affiliation,
                        at_occasion, attends_occasion, government_of_level, group_labels, hosts_occasion, in_byline,
                        introduces_signers, is_cited, is_government_title, is_met_guest, leads_delegation,
                        signatory_in_clause, titles_by_name, witness_together)
from .parties import (PartyIndex, article_province, classify_kind, expand_elliptical, expand_local_government,
                      expand_department, expand_short_government, is_alias, is_first_person, normalize_name,
                      resolve_first_person)

__all__ = ["build_records", "split_sentences", "split_clauses", "is_history_clause", "is_generic_title", "clean_title",
           "parties_from_title"]

_SENT_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_CLAUSE_RE = re.compile(r"[^，,：:]+[，,：:]?")
_HISTORY_RE = re.compile(r"^\s*当年|以来|此前|曾经|曾与|曾于|曾(共同)?(签署|签订|签约|签下)|先后(?!(签署|签订|签约|签下|签了))|契机|早在|去年|前年|已经签署|历史上|(签署|签订|签约|签)过")
_CEREMONY_RE = re.compile(r"(出席|参加|参与)[^，,。]{0,12}(活动|仪式)|签约仪式|签字仪式|签约活动")
_SPEECH_RE = re.compile(r"致辞|讲话")
# the other side given only as a count (与15家合作企业签约): a real signing whose counterparts go unnamed
_COUNTED_SIDE_RE = re.compile(r"(与|同|和)[\d一二两三四五六七八九十百几多余]+(家|个)")
_ATTEND_RE = re.compile(r"出席|参加|参会|主持|与会")
_SIDES_AFTER_RE = re.compile(r"(签约|签署|签字|签订)(双方|各方|三方|单位|方)(分别)?(为|是)")
# …主任王五参加签约。 at the end of a list of guests is attending too
_ATTENDING_CEREMONY_RE = re.compile(r"(参加|出席|参与|莅临|应邀|观摩|列席)[^，,。；并]{0,6}(签约|签字|签署)"
                                    r"(仪式|活动|现场|大会|会|[。；;！!.]?\s*$)")
_TRAILING_ATTEND_RE = re.compile(r"(参加|出席|陪同|参会)了?(签约|签字|签署)?(仪式|活动)?[。；;！!.]?\s*$")
# a signing hoped for, pushed for, expected or prepared, not done (推动项目尽快签约落地, 争取年内签约, 双方将于下月签署,
# 希望与某区早日签署, 商定下月举行签约仪式, 协议预计年内签署, 进入待签约阶段), or the topic of talks (就签署协议进行洽谈,
# 筹备签约仪式)
# (预计 before a figure, 预计总投资5亿元项目签约, forecasts the project, not the signing)
_PLANNED_SIGNING_RE = re.compile(r"(尽快|尽早|早日|争取|力争|确保|推动|促成|促进|有望|计划|预计(?![^，,。；;]{0,8}\d)|拟|准备|"
                                 r"即将|将于|将要|(?<![即])将(?=[^，,。；;]{0,6}(签约|签署|签订|签字))|希望|期待|商定|择期|择日|"
                                 r"下周|下月|明年|(?<!接)待)"
                                 r"[^，,。；;]{0,8}(签约|签署|签订|签字)|(就|围绕)(签约|签署|签订|签字)|"
                                 r"(择机|适时)[^，,。；;]{0,8}(签约|签署|签订|签字)(?!了)|"  # (适时签署了: signed, in time)
                                 r"(计划|拟|将|争取|力争|准备|有望)(于|在)[^，,。；;]{0,40}(签约|签署|签订)|"  # 计划于今年10月在…会上签署
                                 r"(签约|签字)(仪式|活动)?的?(筹备|准备)|"
                                 # 起草协议文本，条件成熟后正式签署: a signing left for later
                                 r"(条件|时机)成熟(后|时|之后)[^，,。；;]{0,6}(签约|签署|签订|签字)|"  # (在条件成熟的基础上签署 is done)
                                 # 待可研报告完成后，再签署正式协议: a signing put after something yet to happen, said
                                 # by 后 or by a clause opening on 再 (双方再签署一份补充协议, 在此基础上再签约 and 再次签署
                                 # tell a signing done again)
                                 r"(^|后[，,]?\s*(双方)?)再(正式)?(签约|签署|签订|签字)(?!了)|"
                                 # 双方没有签署任何协议, 尚未签约, 今天没有任何签约活动: no signing (未来将签署 is a plan,
                                 # told above; 未经 is a condition)
                                 r"(没有|没|尚未|并未|从未|未(?!来|经))[^，,。；;]{0,6}(签约|签署|签订|签字)|"
                                 # 推动一批项目签约落地, 加快推进新一轮协议的签署工作: the signing as a goal
                                 r"(推动|促成|促进|力争|争取|确保|加快|推进)[^，,。；;]{0,30}(签约|签署|签订)(落地|落户|进程|工作)|"
                                 # 公司计划明年与某市签署…, 某市将与某集团于8月在…期间签署: a plan however long its words
                                 r"(计划|打算|拟|准备)[^，,。；;]{0,30}(签约|签署|签订)|"
                                 r"将(与|同|和)[^，,。；;]{0,40}(于|在)[^，,。；;]{0,40}(签约|签署|签订)")
# a planning word the tagger took onto the end of a name (远山集团拟 | 与…签署): it still plans (Article.planned_signing)
_TRAILING_PLAN_WORD_RE = re.compile(r"(拟|将|计划|准备|争取|力争|希望|有望|期待|即将|将于|预计)$")
_PLACES_WITH_UNNAMED_RE = re.compile(r"等[^，,。；;]{0,10}分别(与|同)(有关|相关|当地|各类|一批|多家)?(企业|客商|投资方|项目方)")
_YEAR_LEAD_RE = re.compile(r"\s*(19|20)\d\d年[^，,。；;]{0,6}[，,]\s*")
# a sentence opened by a time before the event (此前，… / 早在2019年，…): what it tells was signed before
_HISTORY_LEAD_RE = re.compile(r"\s*((据悉|据了解|另悉|据介绍|另外|此外)[，,]\s*)?(此前|之前|在此之前|早在)")
# a sentence opened by a period up to now (今年以来，… / 截至目前，…): a running tally of signings, not one signing
_PERIOD_LEAD_RE = re.compile(r"\s*((据了解|据悉|另悉|据介绍|另据了解)[，,]\s*)?"
                             r"([^，,。；;\n]{0,8}(以来|年来)|截至[^，,。；;\n]{0,10}|迄今|至今)[，,]")
# words of a sentence that sums up a period (2019年，某县全年实现…；…；…, 累计到位…): the signings it tells are the
# period's, unless it is told at the occasion (签约仪式上，…相继签约，累计签约金额…)
_PERIOD_SUMMARY_RE = re.compile(r"全年|累计|今年以来|年以来")
# the signing of an agreement used as a noun (协议的成功签订): a reference to an agreement, not a new signing
_NAMED_SIGNING_RE = re.compile(r"(协议|备忘录|合同|协定|意向书)书?的(成功|顺利|正式)?(签订|签署|签约)")
_AFTER_SIGNING_RE = re.compile(r"^\s*在[^，,。；]*(签署|签订|签约|签字)[^，,。；]{0,12}(之后|以后|后)[，,]?\s*$")
_AGREEMENT_WORD_RE = re.compile(r"协议|备忘录|合同|协定|意向书|框架")
_GENERIC_WORDS_RE = re.compile(r"全面|深化|深度|战略性?|合作|框架性?|协议书?|备忘录|合同|协定|意向书?|友好|共建|投资|项目|"
                               r"(双|三|四|多|各)方|"
                               r"签约|的|及|和|与|书")
_ELLIPSIS_JOINERS = {"、", "和", "及"}


@dataclass
class _Record:
    title: Optional[str]
    subject: list[str] = field(default_factory=list)  # the side written before 与/同 (A与B、C签约 -> [A])
    party_forms: list[str] = field(default_factory=list)
    officials: dict[str, str] = field(default_factory=dict)  # name -> role
    official_ev: dict[str, Evidence] = field(default_factory=dict)
    date: Optional[dt.date] = None
    date_text: Optional[str] = None
    date_from_sentence: bool = False
    amounts: list[Entity] = field(default_factory=list)
    evidence: Optional[Evidence] = None
    scores: list[float] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    # ids of records one sentence names as other agreements of the same signing (签订了X和Y): never merged with them
    apart: set[int] = field(default_factory=set)
    counted: bool = False  # a project the article counts (签约项目N个) but names no side of (decision N12)


# a half-width full stop used as 。 by older sites (…签署合作协议.项目总投资…): after a Chinese character or a closing
# bracket, before a Chinese character, an opening bracket or quote, a space or the end (2.5亿 and 14.68万 keep theirs)
_ASCII_STOP_RE = re.compile(r"(?<=[\u4e00-\u9fff）)”])\.(?=[\u4e00-\u9fff（(“\s]|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at 。！？； (and a full stop written ".") and line breaks, keeping offsets
    into the text."""
    marked = _ASCII_STOP_RE.sub("。", text) if "." in text else text  # (same length: offsets hold)
    return [(m.start(), m.end()) for m in _SENT_RE.finditer(marked) if m.group().strip()]


# a count of counterparts whose names a colon brings (与两家子公司：甲公司、乙公司签署…): one clause with them
# (not when the clause already signs and the colon lists the signings: 分别与三家企业代表签约：与A签署X，与B签署Y, one a
# clause; 与三家企业签订投资协议：甲公司、乙公司 and 与两家签约企业：甲公司、乙公司 still list the counterparts)
_COUNT_BEFORE_COLON_RE = re.compile(r"(与|同|和)[^，,：:与同和]{0,12}?[\d一二两三四五六七八九十]+(家|个)"
                                    r"[^，,：:与同和]{1,8}[：:]$")


def _counterparts_after_colon(text: str, cs: int, ce: int) -> bool:
    """The clause text[cs:ce] ends in a count of counterparts and a colon that brings their names, not their
    signings (与A签署X, 同B签订Y: a clause each)."""
    m = _COUNT_BEFORE_COLON_RE.search(text, cs, ce)
    return bool(m) and not (re.search(r"签约|签署|签订|签字", m.group()) and
                            re.match(r"\s*(分别)?(与|同|和)", text[ce:ce + 4]))


# 甲县与A公司签署《X》、乙市与B银行签署《Y》: a second signing of its own sides joined to the first by 、/和/及
_JOINED_SIGNING_RE = re.compile(r"》\s*[、和及](?=[^《》，,、]{2,30}?(与|同|和)[^《》，,、]{2,30}?(签署|签订|签约))")


def _split_at_joined_signing(text: str, cs: int, ce: int, entities: list[Entity]) -> list[tuple[int, int]]:
    """The clause text[cs:ce] cut after each 》、 that a PARTY signing with another party follows: as many clauses."""
    party_starts = {e.start for e in entities if e.label == "PARTY"}
    cuts = [m.end() for m in _JOINED_SIGNING_RE.finditer(text, cs, ce) if m.end() in party_starts]
    bounds = [cs] + cuts + [ce]
    return list(zip(bounds, bounds[1:]))


def split_clauses(text: str, start: int, end: int, entities: Optional[list[Entity]] = None) -> list[tuple[int, int]]:
    """(start, end) of each comma clause of the sentence text[start:end].

    With `entities`, a clause made only of names and titles (集团公司副总经理喻宝才, 湖南省副省长陈飞代表双方签署)
    is joined to the next clause: the comma there separates list items, not clauses."""
    out = [(start + m.start(), start + m.end()) for m in _CLAUSE_RE.finditer(text[start:end])]
    if not entities:
        return out
    out = [part for cs, ce in out for part in _split_at_joined_signing(text, cs, ce, entities)]
    merged: list[tuple[int, int]] = []
    carry = None
    for i, (cs, ce) in enumerate(out):
        if carry is not None:
            cs = carry
            carry = None
        if ce < end and (_names_only(text, cs, ce, entities) or _open_list(text, cs, ce, entities)
                         or _counterparts_after_colon(text, cs, ce)
                         or (i + 1 < len(out) and _list_cut_by_comma(text, cs, ce, out[i + 1], entities))):
            carry = cs
            continue
        merged.append((cs, ce))
    if carry is not None:
        merged.append((carry, end))
    return merged


def _join_name_lists(text: str, sentences: list[tuple[int, int]], entities: list[Entity]) -> list[tuple[int, int]]:
    """Join a "sentence" made only of names and titles that ends at a semicolon to the next one (中国某某总裁甲；
    某市市委书记乙、市长丙；…等出席仪式并见证签约): the semicolons there separate groups of one list of people."""
    out: list[tuple[int, int]] = []
    carry = None
    for s, e in sentences:
        if text[e - 1:e] in "；;" and _names_only(text, s, e - 1, [x for x in entities if s <= x.start < e]):
            carry = s if carry is None else carry
            continue
        out.append((s if carry is None else carry, e))
        carry = None
    if carry is not None:
        out.append((carry, sentences[-1][1]))
    # 出席签约仪式的领导有：\n县委书记甲\n县长乙: lines of names after a line ending in a colon belong to it
    joined: list[tuple[int, int]] = []
    listing = False
    for s, e in out:
        if listing and _names_only(text, s, e, [x for x in entities if s <= x.start < e]):
            joined[-1] = (joined[-1][0], e)
            continue
        joined.append((s, e))
        listing = bool(re.search(r"[：:]\s*$", text[s:e]))
    return joined


def _list_cut_by_comma(text: str, cs: int, ce: int, nxt: tuple[int, int], entities: list[Entity]) -> bool:
    """甲局与A学院,B学院等高校,…签署: a clause ending on a counterpart right after its joiner, whose next clause goes
    on with a name and closes a group with 等: a comma written where 、 belongs, inside one list of sides."""
    ns, ne = nxt
    parties = [e for e in entities if e.label == "PARTY" and cs <= e.start and e.end <= ce]
    if len(parties) < 2 or not re.fullmatch(r"\s*[，,]\s*", text[parties[-1].end:ce]) or \
            not re.search(r"(与|同|和|跟)\s*$", text[parties[-2].end:parties[-1].start]):
        return False
    first = next((e for e in entities if e.label == "PARTY" and ns <= e.start < ne), None)
    # (…C等高校，D等科研机构…; or the list's last piece going straight on to the signing: …，C等高校签署 / …，C签署,
    # but not A和B，C和D分别签署: pairs, each with its own joiner)
    return first is not None and not text[ns:first.start].strip() and \
        re.match(r"[^，,。；;]{0,30}?等[\u4e00-\u9fff]{1,6}?([，,及和与]|(共同|分别)?(签署|签订|签约))|"
                 r"(、[^，,。；;与同和跟]{1,30}?)?(共同|分别)?(签署|签订|签约)", text[first.end:ne + 2]) is not None


def _open_list(text: str, cs: int, ce: int, entities: list[Entity]) -> bool:
    """True when text[cs:ce] names parties and ends a list group (…与A、B等高校，C等科研机构及D等企业的代表共同签署):
    the comma there separates groups of one list of signers."""
    return bool(re.search(r"等[^\s，,、。；]{1,6}[，,]$", text[cs:ce])) and any(
        e.label == "PARTY" and e.start >= cs and e.end <= ce for e in entities)


def _names_only(text: str, cs: int, ce: int, entities: list[Entity]) -> bool:
    """True when text[cs:ce] holds OFFICIAL spans and nothing but TITLE/PARTY/OFFICIAL spans, punctuation and the
    与/和/同 joining two signers (市长某某与总经理某某，代表双方签约)."""
    inside = [e for e in entities if e.start >= cs and e.end <= ce and e.label in ("TITLE", "PARTY", "OFFICIAL")]
    if not any(e.label == "OFFICIAL" for e in inside):
        return False
    chars = list(text[cs:ce])
    for e in inside:
        for i in range(e.start - cs, e.end - cs):
            chars[i] = ""
    # 刘一、王二分别代表A、B，与C签订: the people and whom they represent, then the signing
    # 三方代表A，B，C在协议上签字: the sides' representatives listed before their verb
    return not re.sub(r"[、，,\s与和同及]|(双方|三方|四方|各方)?(分别)?代表", "", "".join(chars))


# a plan, or a period that starts at a year (从2020年开始，3年内; 2022—2026年间): the agreement's term, not history
_PLAN_RE = re.compile(r"预计|计划|力争|争取|将于|有望|目标|规划|到(19|20)\d\d年|(19|20)\d\d年(开始|起)|"
                      r"(19|20)\d\d年?\s*[—\-－至到~～]+\s*(19|20)\d\d年")


_FULL_DATE_YEAR_RE = re.compile(r"((?:19|20)\d\d)年\s*\d{1,2}月\s*\d{1,2}[日号]")


def is_history_clause(clause: str, year: Optional[int] = None) -> bool:
    """A signing told as background (2010年…签署…以来, 借助…签约契机) is not this article's signing.

    A bare year (2019年) marks background only when it lies before the article's `year` (when known) and the
    clause is not a plan (预计2027年底建成投产 is the project's future, not its history); so does a full date two
    or more years before it (继2017年8月19日签署…之后 in an article of 2021; a date of last December may be the
    signing an article of January reports)."""
    if _HISTORY_RE.search(clause):
        return True
    if year is not None and any(int(m.group(1)) < year - 1 for m in _FULL_DATE_YEAR_RE.finditer(clause)):
        return not _PLAN_RE.search(clause)
    years = [int(m.group(1)) for m in re.finditer(r"((?:19|20)\d\d)年(?!\d{1,2}月)", clause)]
    if not years:
        return False
    if year is not None:
        years = [y for y in years if y < year]
    return bool(years) and not _PLAN_RE.search(clause)


def clean_title(title: str) -> str:
    """The agreement name as written, without 《》 and surrounding spaces (inner “” quotes are part of it)."""
    return title.strip().strip("《》〈〉").strip()


def is_generic_title(title: str, known_forms: list[str]) -> bool:
    """战略合作框架协议, 合作协议, 战略合作备忘录: a name made only of words any agreement could carry, so it
    identifies none by itself (unlike “数字青海”战略合作框架协议 or a name that contains a party)."""
    t = normalize_name(title)
    if "“" in title or "”" in title or any(f and f in t for f in known_forms):
        return False
    return _GENERIC_WORDS_RE.sub("", t) == ""


# the word a name ends on that says what kind of document it is: a headline's 投资协议 and the body's 投资合同 of the
# same sides are one document (news headlines say 协议 for the 合同 the body names)
_DOCUMENT_WORD_END_RE = re.compile(r"(协议书|协议|合同书|合同)$")


def _title_core(title: str) -> str:
    """A normalised agreement name with its document word made one (…投资合同 / …投资协议 -> …投资协议)."""
    return _DOCUMENT_WORD_END_RE.sub("协议", title)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _abbreviates(short: str, long: str) -> bool:
    """`short` can be a short form of `long`: a subsequence of it (农发行青岛分行 / 中国农业发展银行青岛市分行), or, from
    four characters on, made of its characters in another order, the place moved to the front (江门农发行 /
    中国农业发展银行江门市分行, 东岭邮政分公司 / 中国邮政集团有限公司东岭分公司)."""
    if _subsequence(short, long):
        return True
    return len(short) >= 4 and not Counter(short) - Counter(long)


def parties_from_title(title: str, known_forms: list[str]) -> list[str]:
    """Party names written in an agreement name 'A与B…协议': A is everything before 与; B the longest known form
    at the start of the rest (else the text up to an organisation ending)."""
    t = normalize_name(title)
    m = re.match(r"^(.{2,30}?)(?:与|和|(?<![协共会连合如相不陪伙])同)(.+)$", t)  # (协同创新联盟: no joiner)
    if not m:
        # 《甲县人民政府 乙医院合作协议》: a space after the first full name sets the sides apart as the official
        # heading of an agreement writes them
        spaced = re.match(r"^\s*(\S{2,24}?(?:人民政府|政府|管委会|管理委员会|公司|集团|银行|大学|学院|医院))\s+\S", title)
        return _leading_full_names(t, known_forms, bool(spaced))
    left, rest = m.group(1), m.group(2)
    if not re.search(r"(政府|公司|集团|银行|大学|学院|研究院|管委会|委员会|厅|局|省|市|县|区|州|医院|协会)$", left) \
            and left not in known_forms:
        return []
    right = None
    for f in sorted(known_forms, key=len, reverse=True):
        if f and rest.startswith(f):
            right = f
            break
    if right is None:
        mm = re.match(r"^(.{2,30}?(?:集团公司|有限公司|分公司|公司|人民政府|政府|银行|大学|学院|研究院|管委会))", rest)
        right = mm.group(1) if mm else None
    return [left] + ([right] if right else [])


_FULL_NAME_RE = re.compile(r"^(.{2,24}?(?:人民政府|集团有限公司|集团股份有限公司|股份有限公司|有限责任公司|有限公司|集团公司|大学))")
# (after a space-separated first name, the second may end in any organisation word: 乙学院附属医院; in 集团 only where
# no company word follows it: 甲集团有限责任公司, 甲集团控股有限公司, 甲集团某分公司 are longer names)
_SPACED_FULL_NAME_RE = re.compile(r"^(.{2,24}?(?:人民政府|集团有限公司|集团股份有限公司|股份有限公司|有限责任公司|有限公司|集团公司|"
                                  r"大学|学院附属医院|附属医院|医院|学院|研究院|银行股份有限公司|银行|管理委员会|管委会|集团(?![\u4e00-\u9fff]{0,6}公司)))")


def _leading_full_names(t: str, known_forms: list[str], spaced: bool = False) -> list[str]:
    """Full names written one after the other at the start of an agreement name (临江省人民政府星河石化集团公司
    战略合作协议): each is an official full name of a party the article names in a shorter form."""
    out = []
    rest = t
    while len(out) < 2:
        m = (_SPACED_FULL_NAME_RE if spaced and out else _FULL_NAME_RE).match(rest)
        if not m:
            break
        out.append(m.group(1))
        rest = rest[m.end():]
    if len(out) < 2 or not _AGREEMENT_WORD_RE.search(rest):
        return []
    if not spaced and not all(any(f == n or is_alias(f, n) for f in known_forms) for n in out):
        return []  # 关于共建临江大学…: words before a name, not names of the sides
    return out


# A verb phrase around the word 协议 (高度重视协议的签订, 落实协议) names no agreement; nor does a reference to a
# party that is not a name (当地政府, 地政府 cut from 分别代表当地政府签约, 双方, 各方).
_PHRASE_TITLE_RE = re.compile(r"^(高度|十分|非常)?(重视|推进|推动|落实|加快|按照|根据|围绕|执行|履行|做好|保障|确保|依据|"
                              r"遵守|完善|签署|签订|达成)")
_NOT_A_NAME_RE = re.compile(r"^(当地|地|本地|各地|双方|各方|对方|三方|多方|有关|相关|上级|该|其)(政府|单位|企业|部门)?$"
                            r"|^[\u4e00-\u9fff]{0,8}(?<!团)(省|市|县|区|州|盟|旗|镇|乡)委$"  # a party committee alone
                            r"|^(党中央|中央|中共中央|中央政治局|政治局)$"  # the Party centre, as in 中央政治局委员
                            # a company's region alone (某集团中国区总裁: a word of the person's title)
                            r"|^(中国|大中华|亚太|亚洲|欧洲|北美|全球|华东|华南|华北|华中|华西|西南|西北|东北)(区|地区)$"
                            # a person's role, not an organisation (与投资商某某签订: an investor named as a person)
                            r"|^(投资商|投资人|投资方|客商|自然人|个人)$"
                            # a kind of government, no one government (与区县政府签订的…)
                            r"|^(区县|县区|市县|县市|省市|市区|乡镇|各级|地方)(人民)?政府$")
# (省委, 宿州市委; a 团区委 of the Youth League is an organisation)
# 宿州市委市政府: the committee and the government named together; the government is the party (ANNOTATION.md)
_COMMITTEE_AND_GOVERNMENT_RE = re.compile(r"(省|市|县|区|州|盟|旗)委((省|市|县|区|州|盟|旗)(人民)?政府)$")


def _is_phrase_span(e: Entity) -> bool:
    if e.label == "AGREEMENT":
        return bool(_PHRASE_TITLE_RE.match(clean_title(e.text)))
    if e.label == "PARTY":
        return bool(_NOT_A_NAME_RE.match(normalize_name(e.text)))
    return False


def _government_of_place(name: str, forms: list[str]) -> Optional[str]:
    """A bare place name (阿瓦提, 大朗) standing for the one government of the article written with it and its unit
    (新疆维吾尔自治区阿瓦提县政府, 东莞市大朗镇人民政府); None when it has a unit of its own, is not a place-like
    short name, or two governments would fit."""
    if not 2 <= len(name) <= 4 or classify_kind(name) != "enterprise" or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
        return None  # (a bare name without an ending is classified as an enterprise by default)
    fits = {normalize_name(f) for f in forms
            if re.search(re.escape(name) + r"(县|市|区|镇|乡|旗|州)", f) and classify_kind(f) == "government"
            and re.search(r"政府$", normalize_name(f))}
    return fits.pop() if len(fits) == 1 else None


def _named_company(generic: str, forms: list[str]) -> Optional[str]:
    """集团公司 / 公司 in an article that names its company: the enterprise the article names most often (with 集团
    when the generic word has it; the first named on a tie), in its fullest form; None when the article names
    none. `forms` are the article's PARTY forms in order, with repetitions."""
    cands = [f for f in forms if not GENERIC_ORG_RE.match(f) and classify_kind(f) == "enterprise" and len(f) >= 4]
    if "集团" in generic:
        cands = [f for f in cands if "集团" in f] or cands
    if not cands:
        return None
    counts = Counter(cands)
    best = max(dict.fromkeys(cands), key=lambda f: counts[f])  # max keeps the first of equal counts
    return max([best] + [f for f in counts if is_alias(best, f)], key=len)


# a kind of organisation written alone for one named before (学院, 医院, 管委会)
_BARE_KIND_RE = re.compile(r"学院|大学|医院|研究院|研究所|管委会|分行|支行|分公司|促进会|协会|商会|学会|联合会|研究会")
_JOINER_HEAD_RE = re.compile(r"[与和及同跟、，,在由向]+")
_JOINER_TAIL_RE = re.compile(r"[与和及同跟、，,等的]+$")


def _government_of_committee_pair(e: Entity) -> Entity:
    """宿州市委市政府 -> 市政府, the part the conventions label (the committee alone is no party)."""
    m = _COMMITTEE_AND_GOVERNMENT_RE.search(e.text)
    if m is None:
        return e
    start = e.start + m.start(2)
    return Entity(e.label, m.group(2), start, e.end, e.score)


def _strip_joiners(text: str, e: Entity) -> Entity:
    """A PARTY span without the joiners the tagger caught at its edges (中国铁建与 -> 中国铁建, 与乙公司 -> 乙公司), as
    long as two characters stay. A leading joiner is the name's own when a break or a joiner stands before the span
    or the span opens the text (与同济大学, 、同方股份, a headline 同仁堂…): 同 of 同济 is no joiner."""
    s0, e1 = e.start, e.end
    m = _JOINER_TAIL_RE.search(text[s0:e1])
    if m and m.start() >= 2:
        e1 = s0 + m.start()
    if s0 > 0 and not _NAME_BREAK_RE.match(text[s0 - 1]):
        m = _JOINER_HEAD_RE.match(text[s0:e1])
        if m and e1 - s0 - m.end() >= 2:
            s0 += m.end()
    return e if (s0, e1) == (e.start, e.end) else Entity(e.label, text[s0:e1], s0, e1, e.score)


# an organisation's own unit, which the conventions write into the title that follows it (市场开发事业部总经理,
# 新农村处处长, 景观规划设计系副主任, 县政协主席); a unit ending in 部 only where it is plainly a unit (a ministry
# such as 商务部 stays a PARTY), and never a headquarters or command post (中交深圳总部, 区域指挥部); the organisation
# is the longest name before the unit (远山集团有限公司 | 市场部, not 远山集团 | 有限公司市场部)
_UNIT_END_RE = re.compile(r"(事业部|业务部|拓展部|组织部|宣传部|统战部|处|系|室|政协)$")
_ORG_THEN_UNIT_RE = re.compile(r"^(?P<org>.{2,20}(集团|公司|银行|大学|学院|研究院))(?P<unit>.{1,10}?((?<!总)(?<!挥)部|处|系|室))$")


def _units_into_titles(text: str, ents: list[Entity]) -> list[Entity]:
    """A PARTY that is an organisation's unit, written at once before a TITLE, joins that title; written after its
    organisation's name (水发农业集团投资拓展部 | 部长) the organisation stays a PARTY and the unit joins the title.
    A name the article also writes as a side on its own, with no title after it (东岭街道办事处与…签署), is an
    organisation of its own and stays a PARTY before its head's title."""
    out = list(ents)
    sides = {e.text for i, e in enumerate(ents) if e.label == "PARTY"
             and not (i + 1 < len(ents) and ents[i + 1].label == "TITLE" and ents[i + 1].start == e.end)}
    for i, e in enumerate(out):
        if e.label != "PARTY" or i + 1 >= len(out) or e.text in sides:
            continue
        t = out[i + 1]
        if t.label != "TITLE" or t.start != e.end:
            continue
        m = _ORG_THEN_UNIT_RE.match(e.text)
        if m:
            cut = e.start + m.end("org")
            out[i] = Entity("PARTY", text[e.start:cut], e.start, cut, e.score)
            out[i + 1] = Entity("TITLE", text[cut:t.end], cut, t.end, t.score)
        elif _UNIT_END_RE.search(e.text) or (text[e.start - 1:e.start] == "兼" and i > 0 and out[i - 1] is not None
                                             and out[i - 1].label == "TITLE" and out[i - 1].end == e.start - 1):
            # (副总经理兼山东分公司 | 总经理: the unit of a person's second post, after 兼, is no side either)
            out[i] = None
            out[i + 1] = Entity("TITLE", text[e.start:t.end], e.start, t.end, min(e.score, t.score))
    return [e for e in out if e is not None]


_AGREEMENT_END_RE = re.compile(r"(协议书|协议|备忘录|合同书|合同|协定|意向书)")
_AGREEMENT_STOP_RE = re.compile(r"[。；;！!？?\n，,：:（(》]")


_JOINED_AGREEMENTS_RE = re.compile(r"(.{2,}?(协议书?|备忘录|合同))(和|及|与|、|以及)(.{2,}(协议书?|备忘录|合同))")


def _split_joined_agreements(text: str, ents: list[Entity]) -> list[Entity]:
    """One AGREEMENT span over two names joined by 和/及/、 (全面战略合作协议和粮食产业合作协议) is two agreements: the
    signing of each is told in turn (分别与A、B签署X和Y)."""
    out = []
    for e in ents:
        m = _JOINED_AGREEMENTS_RE.fullmatch(e.text) if e.label == "AGREEMENT" else None
        if m is None or "《" in e.text or e.text.startswith("关于") or "的" in m.group(4):
            # (关于落实合作协议和投资合同的备忘录: one name, about the two it names)
            out.append(e)
            continue
        a_end, b_start = e.start + m.end(1), e.start + m.start(4)
        out += [Entity("AGREEMENT", text[e.start:a_end], e.start, a_end, e.score),
                Entity("AGREEMENT", text[b_start:e.end], b_start, e.end, e.score)]
    return out


# a physical unit (power, energy, mass, area, volume): what follows a figure that is no money (no bare 瓦: after
# 万/亿 it is rather a name's first character, 2亿 | 瓦房店…; 千瓦 and 兆瓦 carry their prefix)
_PHYSICAL_UNIT_RE = re.compile(r"(千瓦时|千瓦|兆瓦时|兆瓦|吉瓦|GWh|MWh|kWh|GW|MW|kW|万吨|吨|[千百万]?亩|公顷|平方米|平方公里|平米|㎡|立方米|"
                               r"千伏安|千伏)", re.I)
# a count word of what a plant makes or a farm raises (年产20万辆, 10万头奶牛, 50万套): a size only after 万/亿 (2台 is
# a count of machines), and not where the character starts a word that is money or a place (台币, 台资, 片区, 头部, 头期款)
_COUNT_UNIT_RE = re.compile(r"(辆|头(?!部|期|笔|款)|台(?!币|资|商|湾)|套(?!餐)|片(?!区))")
# a figure in Arabic, full-width or Chinese digits (20万, ２０万, 三十万, 百万)
_FIGURE = r"[0-9０-９零〇一二两三四五六七八九十百][0-9０-９零〇一二两三四五六七八九十百.．]*"
_SIZE_LEADS = r"(年产|年处理|年加工|年生产|年发电|年出栏|年屠宰|新增|装机)"
# the figure, and the words that make it the project's size, written before an agreement's name (年产 | 20万 | 千瓦…)
_CAPACITY_HEAD_RE = re.compile(_SIZE_LEADS + rf"?{_FIGURE}([×xX*＋+]{_FIGURE})?\s*([万亿]?)\s*([千兆吉]?)$")
_CAPACITY_LEAD_RE = re.compile(_SIZE_LEADS + "$")
_NAME_WITH_SIZE_RE = re.compile(rf"{_FIGURE}\s*[万亿]?\s*({_PHYSICAL_UNIT_RE.pattern}|{_COUNT_UNIT_RE.pattern})", re.I)
_FIGURE_END_RE = re.compile(rf"{_FIGURE}\s*([万亿]?)\s*([千兆吉]?)$")


def _is_size_unit(after: str, magnitude: str) -> bool:
    """`after` (what follows a figure, from its 千/兆/吉 on) starts with a physical unit, or with a count word where
    the figure has a magnitude (万/亿). Where the tagger cut inside the figure (1 | 0GW, 10 | 万头奶牛…), the rest of
    its digits and its magnitude open `after`."""
    if not magnitude:
        rest = re.match(r"[0-9０-９.．]*\s*([万亿]?)\s*", after)
        magnitude, after = rest.group(1), after[rest.end():]
    return bool(_PHYSICAL_UNIT_RE.match(after) or (magnitude and _COUNT_UNIT_RE.match(after)))


def _capacity_in_agreement_names(text: str, ents: list[Entity]) -> list[Entity]:
    """A project's size at the head of an agreement's name (20万千瓦风电项目投资协议, 2×100万千瓦煤电一体化项目合作协议,
    年产10GW单晶硅片项目投资协议, 10万头奶牛养殖项目协议) is part of the name: where the tagger cut the name after the
    figure (20万 AMOUNT | 千瓦风电项目投资协议 AGREEMENT) the name starts at the figure again, and the figure is no
    amount. A figure without a currency that runs on into a physical unit (4.6亿 | 千瓦时, 100 | 万吨) or a count
    word (20万 | 辆) is no money either: it is dropped as an amount (is_money sees only the span, not the unit the
    tagger left outside it)."""
    drop: set[int] = set()
    out: list[Entity] = []
    for e in ents:
        if e.label == "AGREEMENT":
            head = _CAPACITY_HEAD_RE.search(text, max(0, e.start - 16), e.start)
            start = e.start
            if head and _is_size_unit(head.group(4) + e.text[:8], head.group(3)):
                inside = [x for x in ents if x is not e and head.start() <= x.start < e.start]
                if all(x.label in ("AMOUNT", "AGREEMENT") for x in inside):
                    start = head.start()
                    drop.update(id(x) for x in inside)
            elif _NAME_WITH_SIZE_RE.match(e.text):
                lead = _CAPACITY_LEAD_RE.search(text, max(0, e.start - 3), e.start)
                if lead and not any(x.end > lead.start() and x.start < e.start for x in ents if x is not e):
                    start = lead.start()
            if start != e.start:
                e = Entity("AGREEMENT", text[start:e.end], start, e.end, e.score)
        elif e.label == "AMOUNT" and detect_currency(e.text) is None:
            figure = _FIGURE_END_RE.search(e.text)
            if figure and _is_size_unit(figure.group(2) + text[e.end:e.end + 8], figure.group(1)):
                drop.add(id(e))
        out.append(e)
    return [e for e in out if id(e) not in drop]


_RANGE_JOIN_RE = re.compile(r"\s*(至|到|-|－|~|～|—)\s*")
# a change by an amount to an amount (追加投资3亿元至10亿元, 注册资本增加2亿元至5亿元): two amounts, no range
_CHANGE_BY_RE = re.compile(r"(增加|追加|增资|提高|提升|扩大|增长|减少|降低|压减|调增|调减|上调|下调)了?"
                           r"(投资|资金|投入|注册资本|资本金)?(额|规模)?$")


def _join_amount_ranges(text: str, ents: list[Entity]) -> list[Entity]:
    """A range the tagger tagged as two amounts (30亿元 | 至 | 50亿元) is one amount, as the span 30亿元至50亿元 would
    be: its low end is the value, its high end value_max (parse_amount reads the joined text)."""
    out: list[Entity] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label == e.label == "AMOUNT" and prev.end < e.start and \
                _RANGE_JOIN_RE.fullmatch(text, prev.end, e.start) and \
                not _CHANGE_BY_RE.search(text, max(0, prev.start - 10), prev.start):
            low, high, _ = parse_amount(text[prev.start:e.end])
            currencies = {detect_currency(prev.text), detect_currency(e.text)} - {None}
            # (10亿元至5亿元 is no range, nor 5000万美元至5亿元: the second names its own currency)
            if high and low is not None and low <= high and len(currencies) < 2:
                out[-1] = Entity("AMOUNT", text[prev.start:e.end], prev.start, e.end, min(prev.score, e.score))
                continue
        out.append(e)
    return out


def _join_split_agreement_names(text: str, ents: list[Entity]) -> list[Entity]:
    """An agreement name the tagger split in two right after a Latin or numeric head (200 | MW | 农光互补项目投资协议,
    2号 | 地块开发协议) is one name, from the digits before the head on."""
    out: list[Entity] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label == e.label == "AGREEMENT" and prev.end == e.start and \
                re.fullmatch(r"[A-Za-z0-9.]+号?", prev.text):  # (2号 | 地块开发协议 as well)
            start = prev.start
            while start > 0 and re.match(r"[0-9.]", text[start - 1]):
                start -= 1
            out[-1] = Entity("AGREEMENT", text[start:e.end], start, e.end, min(prev.score, e.score))
            continue
        out.append(e)
    return out


def _complete_agreement_names(text: str, ents: list[Entity], reach: int = 24) -> list[Entity]:
    """An AGREEMENT span the tagger cut before its agreement word (城乡融合发展助 | 力乡村振兴战略合作协议, 蓄能 | 和清洁
    能源投资开发协议) runs on to the first 协议/备忘录/合同… after it in the same clause, swallowing AGREEMENT
    fragments on the way but no other entity. Where no agreement word follows in the clause, the span names no
    agreement (“稳企业·保就业”政银企战略 | 合作洽谈暨签约仪式) and is dropped; a Latin name (MoU) stays. A closing 》
    ends the clause: 《东岭宣言》和投资协议 is no one name (a quoted name with no agreement word, a booklet of projects
    or a declaration, is dropped as well: the genre's agreement names all end in one). A name cut short
    otherwise becomes an agreement of its own: one signing told as two."""
    out: list[Entity] = []
    i = 0
    while i < len(ents):
        e = ents[i]
        i += 1
        if e.label != "AGREEMENT" or _AGREEMENT_END_RE.search(e.text[-3:]) or not re.search(r"[\u4e00-\u9fff]", e.text):
            out.append(e)
            continue
        tail = text[e.end:e.end + reach]
        stop = _AGREEMENT_STOP_RE.search(tail)
        m = _AGREEMENT_END_RE.search(tail[:stop.start()] if stop else tail)
        end = e.end + m.end() if m else None
        j = i
        while end is not None and j < len(ents) and ents[j].start < end:
            if ents[j].label != "AGREEMENT" or ents[j].end > end:
                end = None
            j += 1
        if end is None:
            if m is None:
                continue  # no agreement word in the clause: a phrase (政银企战略 | 合作洽谈暨签约仪式), no name
            out.append(e)
            continue
        out.append(Entity("AGREEMENT", text[e.start:end], e.start, end, min([e.score] + [x.score for x in ents[i:j]])))
        i = j
    return out


# (大朗、石排两镇; 安徽省、合肥市两级政府: the places' governments, counted)
_LIST_COUNT_TAIL_RE = re.compile(r"[两二三四五六七八九十]+个?(省|市|县|区|镇|乡|街道)$|(?<=[省市县区州])[两二三四五]级(党委)?政府$")
_COUNTED_PLACES_RE = re.compile(r"([\u4e00-\u9fff]{2})?[两二三四五六七八九十]+(省|市|县|区|州)")
_GROUP_COUNT_RE = re.compile(r"[\d一二两三四五六七八九十百几多数]+余?(家|个|所|类|大)")  # (两大集团, 三大运营商)
_GROUP_COUNT_END_RE = re.compile(_GROUP_COUNT_RE.pattern + "$")  # (两家 | 企业集团: the count before the span)
# (a place may come first: 咸丰县三家乡镇卫生院, 东岭市两大集团)
_PLACED_GROUP_COUNT_RE = re.compile(r"[\u4e00-\u9fff]{1,6}?[省市县区州]" + _GROUP_COUNT_RE.pattern)
# what a count of organisations counts (三家银行, 两家企业集团, 12所高校): a kind, no name
_COUNTED_GROUP_RE = re.compile(r"(知名|重点|龙头|大型|优质|头部|国有|民营|央属|省属|市属|金融|合作|中央|央)?"
                               r"(企业|公司|银行|金融机构|高校|院校|大学|科研院所|科研机构|机构|单位|医院|客商|"
                               r"(通信|电信)?运营商|央企|国企|车企|险企|子公司|分公司|(乡镇)?卫生院)?"
                               r"(集团|集团公司)?")


def _is_counted_group(text: str, e: Entity) -> bool:
    """A PARTY that is a count of organisations of a kind (与三家银行签约, 与两家 | 企业集团): the article names them
    elsewhere or not at all; the count is read by _add_counted_counterparts, never as a side's name."""
    if _COUNTED_PLACES_RE.fullmatch(e.text):
        return True  # 三区, 河西三市, 沿江两县: the places counted, each named elsewhere
    m = _GROUP_COUNT_RE.match(e.text) or _PLACED_GROUP_COUNT_RE.match(e.text)
    rest = e.text[m.end():] if m else e.text
    counted = bool(m) or bool(_GROUP_COUNT_END_RE.search(text, max(0, e.start - 5), e.start))
    # (the kind word cut by the tagger counts as well: 三家中央企 | 业)
    return counted and bool(rest) and any(_COUNTED_GROUP_RE.fullmatch(rest + text[e.end:e.end + k]) for k in (0, 1, 2))


# a parent's words the tagger took in front of a subsidiary's name (集团公司所属子公司, 旗下全资子公司, 子公司)
_SUBSIDIARY_LEAD_RE = re.compile(r"(集团公司|集团|公司|(本|我|该)(公司|集团))?(?P<of>所属|下属|旗下)?的?(?P<held>全资|控股)?子公司")
# so the parent's own name (远山集团子公司 | 青禾物流有限公司, 远山集团旗下 | 青禾科技): the subsidiary signs
# a parent named before a count of its subsidiaries that the text then names (与远山集团两家子公司：甲公司、乙公司):
# the subsidiaries sign, not the parent
_PARENT_OF_COUNTED_RE = re.compile(r"(所属|下属|旗下|的)?[\d一二两三四五六七八九十]+(家|个)(全资|控股)?"
                                   r"(子公司|分公司|成员企业|下属企业)[：:]?")
_PARENT_LEAD_RE = re.compile(r"[^，,。；;、与和及]{2,20}(集团|公司)(?P<of>所属|下属|旗下)?的?(?P<held>全资|控股)?子公司")
# and a parent with 所属/下属/旗下 but no 子公司 (华北钢铁集团所属 | 华钢精密板材有限公司)
# (the kind of unit said after it is the parent's words too: 远山公司所属单位 | 东岭分公司)
_PARENT_OF_RE = re.compile(r"[^，,。；;、与和及]{2,20}(集团|公司)(?P<of>所属|下属|旗下)的?(?P<held>全资|控股)?"
                           r"(成员单位|成员企业|单位|企业)?(?!子公司)")


def _without_parent_lead(e: Entity) -> Entity:
    """集团公司所属子公司 | 甲新能源有限公司: the parent's words before a subsidiary's name are no part of it (旗下子公司 |
    青禾科技 as well: 旗下, 所属, 全资 tell a parent's words however the name ends); so is a parent's name with 所属
    before a whole name (华北钢铁集团所属 | 华钢精密板材有限公司, also once the tagger's cut span is run on to it)."""
    lead = _SUBSIDIARY_LEAD_RE.match(e.text) or _PARENT_LEAD_RE.match(e.text) or \
        (_PARENT_OF_RE.match(e.text) if _ORG_ENDING_RE.search(e.text) else None)
    if lead and (_ORG_ENDING_RE.search(e.text) or lead.group("of") or lead.group("held")) and \
            len(e.text) - lead.end() >= 4:
        return Entity("PARTY", e.text[lead.end():], e.start + lead.end(), e.end, e.score)
    return e


# a school named for two disciplines joined by 与 (材料科学与工程学院, 计算机科学与技术系): the 与 is inside the name
_DISCIPLINE_HEAD_RE = re.compile(r"(科学|技术|工程|信息|管理|环境|材料|化学|物理|数学|经济)$")
_DISCIPLINE_TAIL_RE = re.compile(r"与[\u4e00-\u9fff]{1,6}?(学院|学部|系|研究院|研究所)(?![\u4e00-\u9fff]{0,3}(签|合作|共建))")


def _join_discipline_names(text: str, ents: list[Entity]) -> list[Entity]:
    """A PARTY span ending in a discipline word right before 与 and another discipline's school (材料科学 | 与 |
    工程学院) is one name with it; a PARTY fragment of the tail is swallowed."""
    out: list[Entity] = []
    skip_to = -1
    for e in ents:
        if e.start < skip_to:
            continue
        if e.label == "PARTY" and _DISCIPLINE_HEAD_RE.search(e.text):
            m = _DISCIPLINE_TAIL_RE.match(text, e.end)
            if m and not any(x.label != "PARTY" and e.end <= x.start < m.end() for x in ents):
                out.append(Entity("PARTY", text[e.start:m.end()], e.start, m.end(), e.score))
                skip_to = m.end()
                continue
        out.append(e)
    return out


def _repair_parties(text: str, ents: list[Entity]) -> list[Entity]:
    """Mend the tagger's usual PARTY slips: a joiner caught at an edge (中国铁建与 -> 中国铁建), and a name cut short
    where the article writes a longer tagged name at the same place (黑龙 where 黑龙江呼兰经济开发区 stands). A
    count of organisations (三家银行) is no name."""
    fixed: list[Entity] = []
    party_starts = {x.start for x in ents if x.label == "PARTY"}
    for e in _units_into_titles(text, _join_city_and_district(text, _join_bracketed_place(
            text, _join_discipline_names(text, _without_foreign_glosses(text, ents))))):
        if e.label == "PARTY" and (_is_counted_group(text, e) or _is_plaque_name(text, e)):
            continue
        parent = _PARENT_OF_COUNTED_RE.match(text, e.end) if e.label == "PARTY" else None
        if parent and parent.end() in party_starts:
            continue  # (远山集团 | 两家子公司青禾物流有限公司、…: the named subsidiaries are the sides)
        if e.label == "PARTY":
            counted = _LIST_COUNT_TAIL_RE.search(e.text)
            if counted and "级" in counted.group() and (  # (与市县两级政府: the levels, no list of places)
                    not text[:e.start].rstrip().endswith("、") or re.fullmatch(r"[省市县区州]+", e.text[:counted.start()])):
                counted = None
            if counted and counted.start() >= 2 and re.search(r"[、和及与]\s*$", text[max(0, e.start - 12):e.start]):
                # 大朗、石排两镇: the last place of a counted list, read with the count of the list
                e = Entity("PARTY", e.text[:counted.start()], e.start, e.start + counted.start(), e.score)
            e = _without_parent_lead(e)
            for part in (x for half in _split_at_inner_joiner(text, e) for x in _split_at_brackets(text, half)):
                fixed.append(_government_of_committee_pair(_strip_joiners(text, part)))
            continue
        fixed.append(e)
    fixed = [_without_parent_lead(e) if e.label == "PARTY" else e for e in _extend_to_org_ending(text, fixed)]
    for repair in (_trim_overlong, _join_amount_ranges, _capacity_in_agreement_names, _join_split_agreement_names,
                   _complete_agreement_names, _split_joined_agreements, _repair_officials):
        fixed = repair(text, fixed)
    forms = sorted({e.text for e in fixed if e.label == "PARTY"}, key=len, reverse=True)
    out: list[Entity] = []
    for e in fixed:
        if e.label == "PARTY":
            longer = next((f for f in forms if len(f) > len(e.text) and text.startswith(f, e.start)), None)
            if longer is None:
                # the end of a longer name written again without its head (我校材料科学与工程学院, then 材料科学 |
                # 与 | 工程学院院长): run on to where that name ends
                tails = [f[k:] for f in forms if len(f) > len(e.text) + 1 for k in range(1, len(f) - len(e.text))
                         if f.startswith(e.text, k) and _ORG_ENDING_RE.search(f) and text.startswith(f[k:], e.start)
                         and re.search(r"[与和及]", f[k + len(e.text):])]
                longer = max(tails, key=len, default=None)
            if longer:
                e = Entity(e.label, longer, e.start, e.start + len(longer), e.score)
            else:  # cut at its start instead (在北京 | 路中学, with 北京路中学 tagged elsewhere)
                head = next((f for f in forms if len(f) > len(e.text) and f.endswith(e.text)
                             and text.startswith(f, e.end - len(f)) and e.end - len(f) >= (out[-1].end if out else 0)),
                            None)
                if head:
                    e = Entity(e.label, head, e.end - len(head), e.end, e.score)
                elif e.text[:1] in "市县区州旗盟" and len(e.text) >= 4:
                    # the place's head cut off (代表遵义 | 市播州区人民政府) where the article tags a name written from
                    # that head on (遵义市播州区): the span starts with it
                    floor = out[-1].end if out else 0
                    k = next((k for k in (2, 3, 4) if e.start - k >= floor and any(
                        len(f) > k and f[k] == e.text[0] and text.startswith(f, e.start - k) for f in forms)), None)
                    if k:
                        e = Entity(e.label, text[e.start - k:e.end], e.start - k, e.end, e.score)
        if e.label == "PARTY" and e.text == normalize_name(e.text):
            prev = out[-1] if out else None
            if prev is not None and prev.label == "OFFICIAL" and _GENERIC_HEAD_RE.match(e.text) and \
                    re.fullmatch(r"[\u4e00-\u9fff]{0,6}", text[prev.end:e.start]) and \
                    not any(_HEAD_STOP_RE.match(c) for c in text[prev.end:e.start]) and \
                    not _WORD_BEFORE_A_NAME_RE.search(text, prev.end, e.start) and \
                    (prev.start == 0 or _HEAD_STOP_RE.match(text[prev.start - 1])):
                # 冠捷 | 显示科技集团: no person's name runs on into more name and an organisation word; the
                # "person" is the head of the name
                out.pop()
                e = Entity("PARTY", text[prev.start:e.end], prev.start, e.end, min(prev.score, e.score))
            e = _extend_generic_head(text, e, out[-1].end if out else 0)
        if out and e.start < out[-1].end:
            if e.end <= out[-1].end:
                continue  # swallowed by a mended name
            if out[-1].label == "PARTY" and e.label == "PARTY":
                continue
        out.append(e)
    return _bare_kind_subjects(text, _defined_short_mentions(text, _untagged_mentions(text, _listed_names(text, out))))


# a run of Latin script (HEIDE Precision Machinery GmbH, Lim Teck Wah, MYGE), and a bracket holding one
_LATIN_RUN_RE = re.compile(r"[A-Za-z][A-Za-z.&'’\- ]*[A-Za-z.]|[A-Za-z]")
_LATIN_GLOSS_RE = re.compile(r"[（(]\s*[A-Za-z][A-Za-z0-9.,&'’\-\s]*[）)]")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def _without_foreign_glosses(text: str, ents: list[Entity]) -> list[Entity]:
    """The character tagger reads Latin script badly: it tags pieces of a foreign name given beside the Chinese one
    (德国某公司（HEIDE Precision GmbH）, 总裁林某（Lim Teck Wah）, Sunrise Optics（晨曦光电）) as sides, people and
    agreements, often cutting a word (HEID|E). The Chinese form is the one the article goes on using, so an entity
    inside such a bracket, or a Latin name followed by its Chinese form in brackets, or a piece of a Latin word, is
    dropped; an entity running on from such a bracket (GmbH）石油装备…协议) keeps what follows the bracket. A Latin
    name standing alone as a side (与ABB公司签约) is kept."""
    if not re.search(r"[A-Za-z]", text):
        return ents
    glosses = [m.span() for m in _LATIN_GLOSS_RE.finditer(text)]
    # a Latin name right before a bracket that gives a Chinese name: Sunrise Optics（晨曦光电）, Thomas Berger(托马斯…)
    named = [m.span() for m in _LATIN_RUN_RE.finditer(text)
             if re.match(r"\s*[（(][^（()）]{0,20}" + _CJK_RE.pattern, text[m.end():m.end() + 24])]
    out = []
    for e in ents:
        if e.label in ("DATE", "AMOUNT") or not re.search(r"[A-Za-z]", e.text):
            out.append(e)
            continue
        latin = not _CJK_RE.search(e.text)
        core_end = e.end - (len(e.text) - len(e.text.rstrip("（(）) ")))  # (Berger( of Thomas Berger(托马斯…))
        if latin and (any(a <= e.start and core_end <= b for a, b in glosses + named)
                      or (e.start and text[e.start - 1].isascii() and text[e.start - 1].isalpha())
                      or (e.end < len(text) and text[e.end].isascii() and text[e.end].isalpha())):
            continue  # (a piece of a word: HEID of HEIDE)
        cut = max((b for a, b in glosses if a < e.start < b < e.end), default=None)
        if cut is not None:
            while cut < e.end and text[cut].isspace():
                cut += 1
            if cut < e.end:
                out.append(Entity(e.label, text[cut:e.end], cut, e.end, e.score))
            continue
        out.append(e)
    return out


# a span that starts with a word no name starts with: a level's government or an organisation word alone
_GENERIC_HEAD_RE = re.compile(r"(省|市|县|区|州|旗|盟|镇|乡)(人民政府|政府)|(科技|能源|实业|控股|投资|发展|建设|产业)?"
                              r"(集团|股份有限公司|有限公司|有限责任公司)")
# where a name cut at its start may begin: after a break, a joiner, a verb or a word of place or time
_HEAD_STOP_RE = re.compile(r"[^\u4e00-\u9fff]|[在于与和同及的是为对向由将把被从以等了至赴到来经委日天月年时并即也还又再让]")


_WORD_BEFORE_A_NAME_RE = re.compile(r"代表|分别|签署|签订|签约|出席|参加|会见|携手|联合|共同|双方|三方|负责人|一行|主持|"
                                    r"见证|陪同|听取|考察|调研|走访|拜访|看望|推动|支持|欢迎|感谢|希望|介绍|全体|各级|相关|有关")


def _extend_generic_head(text: str, e: Entity, floor: int, reach: int = 10) -> Entity:
    """A PARTY the tagger cut at its start, so that it begins with a word no name begins with (济南市历下 |
    区人民政府, 远山显示 | 科技集团): it runs back over the untagged characters of one unbroken name before it, to a
    break, a joiner, a verb or the previous entity (`floor`), at most `reach` characters."""
    if not _GENERIC_HEAD_RE.match(e.text) or e.start == 0:
        return e
    start = e.start
    while start > max(floor, e.start - reach) and not _HEAD_STOP_RE.match(text[start - 1]):
        start -= 1
    if start == e.start or start == e.start - reach or (start > 0 and start == floor and floor > 0
                                                        and not _HEAD_STOP_RE.match(text[start - 1])):
        return e  # (no break within reach, or an entity runs on into it: not one cut name)
    words = list(_WORD_BEFORE_A_NAME_RE.finditer(text, start, e.start))
    if words:  # (分别代表 | 区政府: the name starts after the verb)
        start = words[-1].end()
        if start == e.start:
            return e
    return Entity(e.label, text[start:e.end], start, e.end, e.score)


_BRACKETED_PLACE_RE = re.compile(r"[（(]([\u4e00-\u9fff]{2,6})[)）]")


def _join_bracketed_place(text: str, ents: list[Entity]) -> list[Entity]:
    """A company named with its seat in brackets (华西电气（德阳）重型机械有限公司), which the tagger reads as two
    names around the bracket, is one name: the part before holds no organisation word of its own, the bracket no
    short-form note (简称), and the part after ends in an organisation word."""
    out: list[Entity] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and e.label == prev.label == "PARTY":
            m = _BRACKETED_PLACE_RE.fullmatch(text, prev.end, e.start)
            if m and not re.search(r"简称|以下|下称|合称", m.group(1)) and not _ORG_ENDING_RE.search(prev.text) \
                    and re.search(r"(公司|集团|银行|分行|研究院|厂)$", e.text):
                out[-1] = Entity("PARTY", text[prev.start:e.end], prev.start, e.end, min(prev.score, e.score))
                continue
        out.append(e)
    return out


_CITY_RE = re.compile(r"[\u4e00-\u9fff]{2,8}(?<![超城门集夜])(市|州|盟|地区)")  # (远山超市 is a shop, no city)
_DISTRICT_GOVERNMENT_RE = re.compile(r"[\u4e00-\u9fff]{2,10}(区|县|旗|市)(人民政府|政府|管委会|管理委员会)")


def _join_city_and_district(text: str, ents: list[Entity]) -> list[Entity]:
    """A city written right before its district's government (唐山市 | 曹妃甸区人民政府, two spans the tagger split
    with nothing between them) is one name: the district's government."""
    out: list[Entity] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and e.label == prev.label == "PARTY" and prev.end == e.start and \
                _CITY_RE.fullmatch(prev.text) and _DISTRICT_GOVERNMENT_RE.fullmatch(e.text):
            out[-1] = Entity("PARTY", text[prev.start:e.end], prev.start, e.end, min(prev.score, e.score))
            continue
        out.append(e)
    return out


def _is_plaque_name(text: str, e: Entity) -> bool:
    """A name on a plaque unveiled at the signing (并为“某大学附属某医院”揭牌, 加挂“某学院实践基地”牌子): the body the
    agreement creates or renames, no side of it, and no long form the sides' short names should resolve to."""
    return bool(re.search(r"(为|加挂|挂上)\s*[“\"「]?$", text[max(0, e.start - 4):e.start])) and \
        bool(re.match(r"[”\"」]?\s*(揭牌|授牌|挂牌|揭幕|牌子|牌匾|校牌)", text[e.end:e.end + 5]))


# a side's name that ends a name (a place, a zone, its government) with a joiner after it, inside one span
_INNER_JOINER_RE = re.compile(r"(?:[省市县区州旗]|管委会|政府)(同|与)(?=.{4})")


def _split_at_inner_joiner(text: str, e: Entity) -> list[Entity]:
    """Two sides the tagger read as one name across the joiner between them (荷塘区同湘江智造科技有限公司,
    金普新区同辽海港航集团): a joiner right after a place's or a government's ending starts the other side. Names
    holding 同 or 与 of their own (大同市, 协同创新中心, 同方股份) have no such ending before it."""
    m = _INNER_JOINER_RE.search(e.text)
    if not m or m.start(1) < 2:
        return [e]
    a, b = e.start + m.start(1), e.start + m.end(1)
    return [Entity(e.label, text[e.start:a], e.start, a, e.score), Entity(e.label, text[b:e.end], b, e.end, e.score)]


def _split_at_brackets(text: str, e: Entity) -> list[Entity]:
    """A name never holds an unmatched bracket: 农发行)十堰分行, tagged across the close of (以下简称农发行), is the two
    names 农发行 and 十堰分行. The pieces of two characters or more stay PARTY spans. A span cut inside a bracket that
    the text closes is no two names: see below."""
    if not _BRACKET_RE.search(e.text) or _BRACKETS_PAIRED_RE.search(e.text):
        return [e]
    opened = re.fullmatch(r"([^()（）]{2,})[(（][^()（）]*", e.text)
    close = re.match(r"[^()（）]{0,8}[)）]", text[e.end:]) if opened else None
    if close:
        # cut inside a bracket the text closes (远山投资（香港 | ）有限公司): the name runs through the bracket to an
        # organisation word written at once after it; else it is the name before the bracket, the inside a note
        after = e.end + close.end()
        # (also a few more words of the name first: 华西电气（德阳 | ）重型机械有限公司, the seat in brackets)
        ending = re.match(r"(有限责任公司|股份有限公司|有限公司|公司|集团|银行|分行|支行|研究院)", text[after:]) or \
            re.match(r"[\u4e00-\u9fff]{0,8}?(有限责任公司|股份有限公司|有限公司|公司)", text[after:]) or \
            (re.match(r"(管委会|管理委员会|党工委)", text[after:]) if re.search(r"(开发区|新区|园区|高新区|经开区)$", opened.group(1)) else None)
        # (某经济技术开发区（某区）管委会: a zone run together with a district, named with it in brackets)
        if ending:
            return [Entity(e.label, text[e.start:after + ending.end()], e.start, after + ending.end(), e.score)]
        return [Entity(e.label, opened.group(1), e.start, e.start + len(opened.group(1)), e.score)]
    out = []
    for m in re.finditer(r"[^()（）]+", e.text):
        if m.end() - m.start() >= 2:
            out.append(Entity(e.label, m.group(), e.start + m.start(), e.start + m.end(), e.score))
    return out


_BRACKET_RE = re.compile(r"[()（）]")
_BRACKETS_PAIRED_RE = re.compile(r"[(（][^()（）]*[)）]")
# titles written in Latin letters: alone (董事会主席兼CEO) a TITLE, glued by a tagger to the name after them (CEO海兹曼)
_LATIN_TITLES = r"(CEO|CFO|CTO|COO|CIO|VP|GM)"
_LATIN_TITLE_RE = re.compile(rf"^{_LATIN_TITLES}$")
_LATIN_TITLE_HEAD_RE = re.compile(rf"^{_LATIN_TITLES}(?=[\u4e00-\u9fff·]{{2}})")
# a government named by its place: the place is group 1 (缙云县 -> 缙云, 宿州市人民政府 -> 宿州)
_PLACE_GOVERNMENT_RE = re.compile(r"^(.{2,8}?)(省|市|县|区|州|旗|盟|镇|乡)((人民)?政府)?$")
# honorifics after a name (宋振江同志, 凌云女士), which the conventions leave out of the OFFICIAL span
_HONORIFICS = ("同志", "女士", "先生", "教授", "博士", "院士")


def _two_known_names(name: str, known: set[str]) -> Optional[tuple[str, str]]:
    """name = a + b with a and b both names the article tags elsewhere on their own, else None."""
    if name in known or len(name) < 4:
        return None
    for cut in range(2, len(name) - 1):
        if name[:cut] in known and name[cut:] in known:
            return name[:cut], name[cut:]
    return None


_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# characters that start the word after a name (与, 出席, 表示, 等, 一行…), never the last character of a cut name
_NOT_A_NAME_END = set("士以暨携兼偕与和同及等在出表代一参签主致说指率陪会为对向是也都就将的了到赴来去分共先再又并还亲带作进讲应前后上下从由把被给让请已正均")
_AFTER_A_NAME = set("见表出主致说指参陪会代在与等同和及一为向对率")  # 见证, 表示, 出席, 主持… right after a name
_NAME_CUT_BREAK_RE = re.compile(r"[，,、。；;：:\s（(）)“”]")
_NAME_DOTS = "·•・‧∙"  # between the parts of a transcribed name (Uyghur, foreign names)


def _repair_officials(text: str, ents: list[Entity]) -> list[Entity]:
    """OFFICIAL spans as the conventions write them, the name only: a Latin title glued in front (CEO海兹曼) becomes
    its own TITLE span, an honorific after the name is left out, whole (宋振江同志) or cut by the tagger (凌云女 | 士),
    a name cut short where the article writes the same person longer from the same character (肖友 | 才, with
    肖友才 tagged elsewhere) runs on to that form, a "name" that is the place of a government the article names
    (缙云, with 缙云县 a PARTY) is that place, a PARTY, a Latin title alone (CEO) is a TITLE, and two names the
    article tags elsewhere, written together in a headline (林铎唐仁健), are two OFFICIAL spans; the parts of a
    transcribed name tagged apart at its dot (阿依古丽· | 吐尔逊) are one; a "side" that is a person the article tags
    as one elsewhere (格桑) is that person."""
    places = {m.group(1) for e in ents if e.label == "PARTY" for m in [_PLACE_GOVERNMENT_RE.match(e.text)] if m}
    known = {e.text for e in ents if e.label == "OFFICIAL" and 2 <= len(e.text) <= 4}
    title_ends = {e.end for e in ents if e.label == "TITLE"}
    party_forms = {e.text for e in ents if e.label == "PARTY"}
    cleaned: list[Entity] = []
    for e in ents:
        if e.label == "PARTY" and e.text in known and not _NAME_ENDING_RE.search(e.text) and \
                not any(len(f) > len(e.text) and f.startswith(e.text) for f in party_forms) and \
                not _PLACE_END_RE.search(e.text) and \
                SIGN_VERBS_RE.search(text[e.end:e.end + 40].split("。")[0].split("，")[0]):
            # 格桑与某集团总经理黄立军代表双方签约: a person the article tags as one elsewhere, read as a side here
            cleaned.append(Entity("OFFICIAL", e.text, e.start, e.end, e.score))
            continue
        if e.label != "OFFICIAL":
            cleaned.append(e)
            continue
        # (a name right after a title is a person, whatever place it spells: 董事长江山 beside 江山市人民政府)
        if e.text in places and e.start not in title_ends:  # 缙云 of 缙云签约14个项目, where 缙云县 is a side: a place, not a person
            cleaned.append(Entity("PARTY", e.text, e.start, e.end, e.score))
            continue
        if 2 <= len(e.text) <= 3 and e.start >= 1 and text[e.start - 1] == "和" and e.start - 1 in title_ends:
            # 副县长和 | 志明: right after a title, 和 is no joiner (a title is not joined to a name) but the surname
            e = Entity("OFFICIAL", text[e.start - 1:e.end], e.start - 1, e.end, e.score)
        if _LATIN_TITLE_RE.match(e.text):  # 董事会主席兼CEO: a title
            cleaned.append(Entity("TITLE", e.text, e.start, e.end, e.score))
            continue
        pair = _two_known_names(e.text, known)
        if pair:  # a headline writes two people without a break (林铎唐仁健会见…)
            cleaned += [Entity("OFFICIAL", pair[0], e.start, e.start + len(pair[0]), e.score),
                        Entity("OFFICIAL", pair[1], e.start + len(pair[0]), e.end, e.score)]
            continue
        s0, e1 = e.start, e.end
        m = _LATIN_TITLE_HEAD_RE.match(text[s0:e1])
        if m:
            cleaned.append(Entity("TITLE", m.group(), s0, s0 + m.end(), e.score))
            s0 += m.end()
        for h in _HONORIFICS:
            if text[s0:e1].endswith(h) and e1 - s0 - 2 >= 2:
                e1 -= 2
                break
            if text[s0:e1].endswith(h[0]) and text.startswith(h[1], e1) and e1 - s0 - 1 >= 2:
                e1 -= 1
                break
        cleaned.append(e if (s0, e1) == (e.start, e.end) else Entity("OFFICIAL", text[s0:e1], s0, e1, e.score))
    for j in range(len(cleaned) - 1):
        o, e = cleaned[j], cleaned[j + 1]
        if o.label == "OFFICIAL" and e.label == "PARTY" and o.end == e.start and len(o.text) == 2 and \
                GENERIC_ORG_RE.match(e.text[1:]) and _CJK_RE.match(e.text[0]):
            # 市长宇向 | 东集团公司: no company is named by one character before 集团公司; it ends the person's name
            cleaned[j] = Entity("OFFICIAL", o.text + e.text[0], o.start, o.end + 1, o.score)
            cleaned[j + 1] = Entity("PARTY", e.text[1:], e.start + 1, e.end, e.score)
    starts = {e.start for e in cleaned}
    for j, e in enumerate(cleaned):
        c, after = text[e.end:e.end + 1], text[e.end + 1:e.end + 2]
        if e.label == "OFFICIAL" and len(e.text) == 2 and e.end not in starts and _CJK_RE.match(c) and \
                c not in _NOT_A_NAME_END and (not after or _NAME_CUT_BREAK_RE.match(after) or after in _AFTER_A_NAME):
            # 马云 | 双见证: a name cut one character before the break or the word that ends it (in the annotated
            # genre train and dev, none of 303 two-character names is followed so, 570 of 713 three-character ones are)
            cleaned[j] = Entity("OFFICIAL", text[e.start:e.end + 1], e.start, e.end + 1, e.score)
    forms = {e.text for e in cleaned if e.label == "OFFICIAL"}
    # a form written somewhere as a whole name, not the start of a longer one, is a person of its own (欧阳明 beside
    # 欧阳明远): it never runs on
    whole = {e.text for e in cleaned if e.label == "OFFICIAL"
             and not any(len(f) > len(e.text) and text.startswith(f, e.start) for f in forms)}
    cleaned.sort(key=lambda x: x.start)
    out: list[Entity] = []
    for j, e in enumerate(cleaned):
        at_dot = bool(e.text) and (e.text[0] in _NAME_DOTS or e.text[-1] in _NAME_DOTS)
        dotted = e.label == "PARTY" and len(e.text) <= 6 and at_dot
        if (e.label == "OFFICIAL" or dotted) and out and out[-1].label == "OFFICIAL" and out[-1].end == e.start and \
                (out[-1].text[-1] in _NAME_DOTS or at_dot):
            # 阿依古丽· | 吐尔逊, 阿不都热合 | 曼· | 吐尔逊, 吾买 | 尔江·(read as a side) | 艾力: a transcribed name's
            # parts around its dot, written without a break, are one person split by the tagger (the dot at a cut:
            # 阿依古丽·吐尔逊 | 王明, a whole name and the next, are two)
            out[-1] = Entity("OFFICIAL", out[-1].text + e.text, out[-1].start, e.end, min(out[-1].score, e.score))
            continue
        longer = None
        if e.label == "OFFICIAL" and e.text not in whole:
            longer = max((f for f in forms if len(f) > len(e.text) and text.startswith(f, e.start)), key=len,
                         default=None)
        # (the run-on may not reach the next entity)
        if longer and (j + 1 == len(cleaned) or cleaned[j + 1].start >= e.start + len(longer)):
            e = Entity("OFFICIAL", longer, e.start, e.start + len(longer), e.score)
        out.append(e)
    return out


def _ends_in_name_word(name: str) -> bool:
    """True when the name ends in a word that may end an organisation's name (远山集团二厂, 东岭实验中学)."""
    return any(m.end() == len(name) for m in _NAME_ENDING_RE.finditer(name))


_PROJECT_AFTER_RE = re.compile(r"(合作|共建)?(签约|签字)(仪式|暨|活动)|(战略)?合作(框架)?协议|(合作)?项目(签约|合作|协议)")


_RAN_PAST_LEGAL_NAME_RE = re.compile(r"(.{2,30}?(?:股份有限公司|有限责任公司|有限公司))((?:合作|联合)?共建.{2,16}|"
                                     r"[^分支]{0,10}(?:产业园|项目|基地)(?:一期|二期)?)")


def _trim_overlong(text: str, ents: list[Entity]) -> list[Entity]:
    """A PARTY the tagger ran on past its name into a few characters of what follows (中铁二十局集团 | 西南片区…) is cut
    back to the name the article tags elsewhere, when what it ran into is at most three characters and the span then
    ends in no organisation word (a branch such as 远山集团东岭分公司 or a works such as 远山集团二厂 ends in one and is
    kept)."""
    forms = {e.text for e in ents if e.label == "PARTY" and len(e.text) >= 4}
    out = []
    for e in ents:
        legal = _RAN_PAST_LEGAL_NAME_RE.fullmatch(e.text) if e.label == "PARTY" else None
        if legal:
            # 甲科技有限公司 | 共建氢能研究院, 乙食品股份有限公司 | 食品产业园: a company's legal name, then what it builds
            e = Entity("PARTY", legal.group(1), e.start, e.start + len(legal.group(1)), e.score)
        if e.label == "PARTY" and not _ORG_ENDING_RE.search(e.text) and not _ends_in_name_word(e.text):
            # (or what it ran into is the project the ceremony is named after: 某医院 | 紧密型医联体合作签约仪式)
            reach = 8 if _PROJECT_AFTER_RE.match(text, e.end) else 3
            base = max((f for f in forms if e.text.startswith(f) and 1 <= len(e.text) - len(f) <= reach), key=len,
                       default=None)
            if base:
                e = Entity("PARTY", base, e.start, e.start + len(base), e.score)
        out.append(e)
    return out


# a list of organisations closed by its count (等15家企业, 等三所高校), and lists closed by a word of kind that no
# organisation is (等地企业, 等领域, 等行业, 等城市): places, fields and trades listed, whatever is tagged among them
_LIST_CLOSED_BY_COUNT_RE = re.compile(r"等" + _GROUP_COUNT_RE.pattern + r"[\u4e00-\u9fff]{0,4}"
                                      r"(企业|公司|单位|机构|银行|高校|院校|集团)")
_LIST_OF_NO_NAMES_RE = re.compile(r"等(" + _GROUP_COUNT_RE.pattern + r")?(地|领域|行业|产业|方面|城市|省份?|国家|"
                                  r"地区|专业|学科|业态|板块|品类|产品)")
_LIST_ITEM_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,12}")


def _listed_names(text: str, ents: list[Entity]) -> list[Entity]:
    """An item of a list of organisations the tagger left out (中电建、蜜蜂科技、打望科技等15家企业 with only 中电建
    tagged): the items of one 、-list are names of one kind, so an untagged item of a list that holds two tagged
    PARTY items, or one and is closed by a count of organisations, is a PARTY too. Never guessed: a list's first
    item (its start is a guess: 参与单位有甲、乙), an item holding any entity (a title, a person), a count of
    organisations (三家银行), an item with a verb, and the items of a list of places, fields or trades (北京、上海等地
    企业; 新能源、新材料等领域)."""
    parties = [e for e in ents if e.label == "PARTY"]
    if not parties:
        return ents
    taken = sorted((e.start, e.end) for e in ents)
    added: list[Entity] = []
    mended: dict[int, Entity] = {}
    # a list ends at 等 (or at the joiner before its last item, or with the clause); what follows starts another
    for m in re.finditer(r"[^，,。；;：:！!？?\s（()）“”\"《》等]+等?", text):
        if "、" not in m.group(0):
            continue
        closed_by_deng = m.group(0).endswith("等")
        if closed_by_deng and _LIST_OF_NO_NAMES_RE.match(text, m.end() - 1):
            continue
        parts = m.group(0).rstrip("等").split("、")
        items, pos = [], m.start()
        for k, part in enumerate(parts):
            if k == 0:  # (甲与乙、丙: the first item is what follows the last joiner)
                joiner = list(re.finditer(r"和|及|与|同", part))
                items.append((pos + (joiner[-1].end() if joiner else 0), pos + len(part)))
            elif k < len(parts) - 1:
                items.append((pos, pos + len(part)))
            else:  # the last item: closed by a joiner before one more item (丙和丁等), or by 等; else it runs on
                stop = re.search(r"以及|和|及|与", part)  # into the clause's verb and is no item
                if stop:
                    items.append((pos, pos + stop.start()))
                    if closed_by_deng:
                        items.append((pos + stop.end(), pos + len(part)))
                elif closed_by_deng:
                    items.append((pos, pos + len(part)))
            pos += len(part) + 1
        cut = {}  # item -> the PARTY the tagger stopped a few characters short of the item's end (皖北冷链 | 物流、)
        for a, b in items:
            p = next((p for p in parties if p.start == a and b - 4 <= p.end < b), None)
            # (a span that already ends as a name or a place is whole: 远山集团 | 分别与, 东岭县 | 工业园区, 合肥市 | 两级政府)
            if p is not None and not _ORG_ENDING_RE.search(p.text) and not _ends_in_name_word(p.text) and \
                    not _PLACE_END_RE.search(p.text) and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", text[p.end:b]) and \
                    not _NOT_A_NAME_TAIL_RE.search(text, p.end, b) and not any(x.start < b and p.end < x.end for x in ents):
                cut[(a, b)] = p
        tagged = [(a, b) for a, b in items if (a, b) in cut or any(p.start == a and p.end == b for p in parties)]
        closed = closed_by_deng and bool(_LIST_CLOSED_BY_COUNT_RE.match(text, m.end() - 1))
        if len(tagged) < 2 and not (tagged and closed):
            continue
        for (a, b), p in cut.items():
            mended[id(p)] = Entity("PARTY", text[a:b], a, b, p.score)
        for a, b in items[1:]:
            item = Entity("PARTY", text[a:b], a, b, min(p.score for p in parties))
            if (a, b) in tagged or not _LIST_ITEM_RE.fullmatch(item.text) or _is_counted_group(text, item) or \
                    any(x < b and a < y for x, y in taken) or _VERB_BEFORE_A_NAME_RE.search(text, a, b):
                continue
            added.append(item)
    if mended:
        ents = [mended.get(id(e), e) for e in ents]
    return sorted(ents + added, key=lambda e: e.start) if added else ents


def _untagged_mentions(text: str, ents: list[Entity], min_len: int = 4) -> list[Entity]:
    """Mentions the tagger missed of names it tagged elsewhere in the article: a PARTY form of `min_len` characters
    or more, written again where no entity stands and not inside a longer name (its neighbours are breaks), becomes
    a PARTY there with the lower of the form's scores. A tagger that reads a name in the headline but not in the
    signing sentence otherwise loses the side that signed."""
    forms: dict[str, float] = {}
    for e in ents:
        if e.label == "PARTY" and len(e.text) >= min_len:
            forms[e.text] = min(forms.get(e.text, 1.0), e.score)
    if not forms:
        return ents
    taken = sorted((e.start, e.end) for e in ents)
    starts = [a for a, _ in taken]
    added: list[Entity] = []
    for form in sorted(forms, key=len, reverse=True):
        for m in re.finditer(re.escape(form), text):
            a, b = m.span()
            i = bisect.bisect_right(starts, a) - 1
            if (i >= 0 and taken[i][1] > a) or (i + 1 < len(taken) and taken[i + 1][0] < b):
                continue  # overlaps an entity (itself, a longer name, an agreement name holding it)
            if any(x.start < b and a < x.end for x in added):
                continue
            before, after = text[a - 1:a] if a else "", text[b:b + 1]
            if before in ("在", "于", "赴", "到", "来"):
                continue  # a place the signing happened at or a visit went to (在某中学签订), not a side
            if (before and not _NAME_BREAK_RE.match(before) and not SIGN_VERBS_RE.match(text[a - 2:a] or "")) or \
                    (after and not _NAME_BREAK_RE.match(after) and not re.match(r"[签将就共双在举积达分]", after)):
                continue  # part of a longer word
            added.append(Entity("PARTY", form, a, b, forms[form]))
    return sorted(ents + added, key=lambda e: e.start) if added else ents


def _bare_kind_subjects(text: str, ents: list[Entity]) -> list[Entity]:
    """An organisation named once in full and then by its kind word alone as the subject of a clause (某市陶瓷产业促进会
    … 会上，促进会分别与甲、乙签署): the tagger leaves the bare word untagged, and the signing loses its subject. It is
    a PARTY where it stands before 与/同/和 (分别, 还, 也 between), after a break, when exactly one organisation of that
    kind is named before it; the party index reads it as that organisation."""
    added: list[Entity] = []
    # (not after 、: 高校、医院与企业 lists kinds of bodies; 该协会 points back just as the bare word does)
    for m in re.finditer(r"(?:(?<=[，,。；;：:\n])|(?<=会上)|(?<=随后)|(?<=同时)|(?<=其中))(?:该|这家|此)?(" +
                         _BARE_KIND_RE.pattern + r")(?=(分别|还|也|又|将)?(与|同|和|跟))", text):
        a, b = m.span(1)
        if any(e.start < b and a < e.end for e in ents):
            continue
        kind = m.group(1)
        before = {normalize_name(e.text) for e in ents if e.label == "PARTY" and e.end <= a
                  and normalize_name(e.text).endswith(kind) and len(normalize_name(e.text)) > len(kind)}
        if len(before) == 1:
            added.append(Entity("PARTY", kind, a, b, min(e.score for e in ents if e.label == "PARTY")))
    return sorted(ents + added, key=lambda e: e.start) if added else ents


# where a name the tagger cut short may end (the last words of an organisation's name), and what a name never spans
_NAME_ENDING_RE = re.compile(r"有限公司|公司|集团|银行|分行|支行|大学|学院|学校|研究院|研究所|医院|协会|学会|商会|促进会|联合会|研究会|中心|联盟|管委会|"
                             r"联合体|合作社|加工厂|工厂|厂|中学|小学|幼儿园")
_PLACE_END_RE = re.compile(r"(省|市|县|区|州|旗|镇|乡)$")
# verbs between a side and the name after it (东岭县携手远山公司, 东岭县成立城乡发展中心): what follows is no part of
# the name before
_VERB_BEFORE_A_NAME_RE = re.compile(r"携手|牵手|联手|对接|助力|引进|引入|招引|支持|邀请|签约|签署|签订|委托|依托|成立|组建|"
                                    r"设立|入驻|落户")
_NAME_BREAK_RE = re.compile(r"[、，,。；;：:！!？?\s（()）“”\"《》与和及同跟等的在]")
# what may follow a listed name inside its item without being part of it: a person's role, a verb, a possessive
_NOT_A_NAME_TAIL_RE = re.compile(r"代表|负责|领导|董事|经理|总裁|总监|高管|主任|书记|校长|院长|行长|同志|团队|一行|人员|嘉宾|专家|"
                                 r"的|在|签|参|出席|见证|共同|携手|分别|" +
                                 _VERB_BEFORE_A_NAME_RE.pattern)


def _extend_to_org_ending(text: str, ents: list[Entity], reach: int = 8) -> list[Entity]:
    """A PARTY span the tagger stopped before its organisation word (教育部学 | 校规划建设发展中心, 华为 | 公司) runs on to
    that word when at most `reach` characters of one unbroken name lie between: no punctuation, joiner or other
    entity, only a PARTY fragment of the same name (发展中心), which the mended span swallows. A bank or company
    name written on at once into a branch (石狮农商银行 | 灵秀镇各支行) runs on to the branch word. A first-person name
    is whole as written (我校 of 我校二级学院 is the university, not a part of it)."""
    out: list[Entity] = []
    i = 0
    while i < len(ents):
        e = ents[i]
        i += 1
        if e.label != "PARTY" or is_first_person(normalize_name(e.text)):
            out.append(e)
            continue
        tail = text[e.end:e.end + reach + 4]
        stop = _NAME_BREAK_RE.search(tail)
        tail = tail[:stop.start()] if stop else tail
        if _ORG_ENDING_RE.search(e.text):
            # a whole name; yet a bank or company run on at once into a place and a branch word is that branch
            # (石狮农商银行 | 灵秀镇各支行)
            # (石狮农商银行 | 灵秀镇各支行, also when the tagger ran into the place: 石狮农商银行灵秀镇 | 各支行), and a
            # place written on at once into an organisation's name is that organisation's name (宁陵县 | 聚鑫材料加工厂)
            # What lies between holds no other organisation's name and no verb that joins two sides (华林银行携手远山集团
            # 东岭分公司, 东岭县携手远山公司: two sides), and a place runs on only over words the tagger left untagged.
            branch = re.match(r"\S{1,8}?(分行|支行|分公司|营业部)", tail) if re.search(r"银行|公司|集团", e.text) \
                else None
            if branch is not None and not _VERB_BEFORE_A_NAME_RE.search(branch.group()) \
                    and not _NAME_ENDING_RE.search(branch.group()[:branch.start(1)]):
                ends = [branch.end()]
            elif _PLACE_END_RE.search(e.text) and not _VERB_BEFORE_A_NAME_RE.search(tail):
                ends = [m.end() for m in _NAME_ENDING_RE.finditer(tail)]
                if ends and i < len(ents) and ents[i].start < e.end + ends[-1]:
                    ends = []
            else:
                ends = []
            if not ends:
                out.append(e)
                continue
            split_word = False
        else:
            # an ending may start inside the span (集团公 | 司): search from a few characters back
            back = min(3, len(e.text) - 1)
            found = [m for m in _NAME_ENDING_RE.finditer(text[e.end - back:e.end] + tail) if m.end() > back]
            # (东岭 | 成立产教融合联盟: a verb between, the name after it is another body's)
            found = [m for m in found if not _VERB_BEFORE_A_NAME_RE.search(tail[:max(0, m.end() - back)])
                     and not re.search(r"将|包括|一如既往", tail[:max(0, m.end() - back)])]
            ends = [m.end() - back for m in found]
            # a word the span cut in two is completed whatever follows it (集团公 | 司愿…)
            split_word = bool(found) and found[-1].start() < back
        end = e.end + ends[-1] if ends else None
        swallowed = i
        while end is not None and swallowed < len(ents) and ents[swallowed].start < end:
            nxt = ents[swallowed]
            if nxt.label != "PARTY" or nxt.end > end:
                end = None  # another kind of entity, or a name running past the ending: not one cut name
            swallowed += 1
        if end is None or end - e.end > reach + 4 or not (
                split_word or end == len(text) or _NAME_BREAK_RE.match(text[end]) or text[end] in "签参出举"
                or (re.search(r"(厂|公司|合作社)$", text[e.start:end])  # (…加工厂 | 塑料包装箱项目; not 标准化厂房
                    and re.match(r"(?![房区址])[\u4e00-\u9fff]{1,10}项目", text[end:]))):  # 建设项目, nor 某村墙饰厂项目:
                # a factory written right before 项目 names the project, which the place before it signs (gold g169)
            out.append(e)  # (a name ends where the organisation word is followed by a break: 区域中心|城市 is no name)
            continue
        out.append(Entity(e.label, text[e.start:end], e.start, end, min([e.score] + [x.score for x in ents[i:swallowed]])))
        i = swallowed
    return out


# a name's short forms defined in brackets after it, one or several: （以下简称“公司”或“光合新能”）
_DEFINED_SHORT_RE = re.compile(r"\s*[（(]\s*(?:以下|下文)(?:简称|称|合称)\s*[：:]?(?P<names>[^（()）]{1,60})[）)]")
_QUOTED_RE = re.compile(r"[“\"‘「]([^”\"’」]{2,12})[”\"’」]")


def _defined_short_names(text: str, ents: list[Entity]) -> list[tuple[str, str]]:
    """(short form, full name) for every short form an article defines after a PARTY (以下简称“公司”或“华林”)."""
    out = []
    for e in ents:
        if e.label != "PARTY":
            continue
        m = _DEFINED_SHORT_RE.match(text, e.end)
        if m:
            out += [(q.group(1), e.text) for q in _QUOTED_RE.finditer(m.group("names"))]
    return out


def _defined_short_mentions(text: str, ents: list[Entity]) -> list[Entity]:
    """A short form the article defines for a side (以下简称“公司”) stands for it wherever it is written as a side
    (公司与东岭区人民政府签署…): a company's own announcement names itself so, and a tagger does not read a
    generic word as a name. Only mentions at a side's place are added: after a break or joiner, before a joiner or
    the verb."""
    defined = _defined_short_names(text, ents)
    if not defined:
        return ents
    taken = [(e.start, e.end) for e in ents]
    added = []
    for short, _full in defined:
        for m in re.finditer(re.escape(short), text):
            a, b = m.span()
            if any(x < b and a < y for x, y in taken) or any(x.start < b and a < x.end for x in added):
                continue
            before, after = text[a - 1:a] if a else "\n", text[b:b + 1]
            if re.match(r"[\n，,。；;：:、与和同及]", before) and re.match(r"[与和同及将在、，,]", after):
                added.append(Entity("PARTY", short, a, b, 0.5))
    return sorted(ents + added, key=lambda e: e.start) if added else ents


_SHORT_OPEN_RE = re.compile(r"\s*[（(]\s*(?:以下|下文)?(?:简称|简写为|下称)?\s*[：:]?\s*[“\"‘]?")
_SHORT_CLOSE_RE = re.compile(r"[”\"’]?\s*[）)]")


def _parenthesised_short_names(text: str, ents: list[Entity]) -> tuple[list[Entity], list[tuple[str, str, int]]]:
    """A name with its short form in brackets: 华林科技有限公司（以下简称“华林”）, or a name the bracket cuts in two,
    中国农业发展银行（简称农发行）十堰分行. Returns the entities without the pieces of a cut name and the links
    (short form, full name, start of the entity that stands for the full name)."""
    links: list[tuple[str, str, int]] = []
    drop: set[int] = set()
    parties = [e for e in ents if e.label == "PARTY"]
    for a, b in zip(parties, parties[1:]):
        m = _SHORT_OPEN_RE.match(text, a.end)
        if not m or m.end() != b.start or "（" not in m.group() and "(" not in m.group():
            continue
        close = _SHORT_CLOSE_RE.match(text, b.end)
        if not close:
            continue
        rest = next((c for c in parties if c.start == close.end()), None)
        if rest is not None and re.search(r"(分行|支行|分公司|分院|分校|分中心)$", rest.text):
            # the record names a form the article writes: 农发行十堰分行 when it does, else the joined full name
            full, short = normalize_name(a.text + rest.text), normalize_name(b.text + rest.text)
            if short in normalize_name(text):
                full, short = short, full
            links += [(short, full, rest.start), (normalize_name(rest.text), full, -1)]
            drop.update((id(a), id(b)))
        else:
            links.append((normalize_name(b.text), normalize_name(a.text), -1))
    linked = {short for short, _, _ in links}
    for short, full in _defined_short_names(text, ents):
        if normalize_name(short) not in linked:  # （以下简称“公司”或“华林”）: every form it defines
            links.append((normalize_name(short), normalize_name(full), -1))
    # an agreement name with its short form in brackets (谅解备忘录(MoU)) names one agreement, not two
    agreements = [e for e in ents if e.label == "AGREEMENT"]
    for a, b in zip(agreements, agreements[1:]):
        m = _SHORT_OPEN_RE.match(text, a.end)
        if m and m.end() == b.start and ("（" in m.group() or "(" in m.group()) and _SHORT_CLOSE_RE.match(text, b.end):
            drop.add(id(b))
    return [e for e in ents if id(e) not in drop], links


class _Article:
    """Everything the rules look up in one article."""

    def __init__(self, text: str, entities: list[Entity], published: Optional[str]):
        self.text = text
        self.published = published
        ents = sorted(_repair_parties(text, sorted(
            (e for e in entities if 0 <= e.start < e.end <= len(text) and not _is_phrase_span(e)),
            key=lambda e: e.start)), key=lambda e: e.start)  # sorted again: bisect below needs it
        self.ents, self._short_links = _parenthesised_short_names(text, ents)
        self._starts = [e.start for e in self.ents]  # for bisect: every lookup by position is O(log n + hits)
        self.dateline = find_dateline(text, published)
        self.year = self.dateline.year if self.dateline else (int(published[:4]) if published and
                                                              published[:4].isdigit() else None)
        self.undated = self.year is None
        if self.undated:  # the year the article writes for its signing, so that history is told from the present
            self.year = article_year(text, [text[s:e] for s, e in split_sentences(text)
                                            if SIGN_VERBS_RE.search(text[s:e]) and not _HISTORY_RE.search(text[s:e])])
        self.province = article_province(text)
        self.index = PartyIndex()
        self.titles = titles_by_name(self.ents, text)
        self.group_labels = group_labels(self.ents, text)  # 县领导甲、乙: the government of untitled names
        first_line_end = text.find("\n") if "\n" in text else len(text)
        self.headline_parties = [e.text for e in self.ents if e.label == "PARTY" and e.start < first_line_end]
        self.expansion: dict[int, str] = {}  # entity start -> expanded form
        self._proxy_of: dict[str, str] = {}  # a department's form -> the government it acts for (R7)
        self._register_parties()
        self.dates = self._resolve_dates()
        self.signings = 0  # signing clauses seen (history excluded), whether or not they named parties
        # where a page cut off mid-sentence ends (no closing punctuation), else 0
        body = text.rstrip()
        self.cut_off = len(body) if body and not re.search(r"[。！？!?；;”\"’）)】…]$", body) else 0
        # the people at the meeting witness its signing (N13): said outright (在与会嘉宾的见证下, 与会县领导共同见证签约),
        # or the signing is told as done at the meeting (会上，甲与乙签署…)
        # (or right after the meeting, as its end: 会谈后，甲与乙签署…)
        self.attendees_witness = bool(re.search(r"与会[^，,。；]{0,8}见证|(?<![国省市区县])(会上|大会上|会议上)[，,]?"
                                                r"[^。；;]{0,160}(签署|签订|签约)|"
                                                r"(会见|会谈|座谈)(结束)?后[，,][^。；;]{0,160}(签署|签订|签约)", text))
        self.paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        self._paragraph_starts = [p[0] for p in self.paragraphs]
        self.sentences = _join_name_lists(text, split_sentences(text), self.ents)
        self._sentence_starts = [x[0] for x in self.sentences]
        self._date_starts = [d.start for d, _ in self.dates]
        self._mentions_version = -1
        self._mentions: dict[str, list[Entity]] = {}
        self._generic: dict[tuple[str, int], bool] = {}

    def ents_in(self, start: int, end: int) -> list[Entity]:
        """Entities inside text[start:end], in text order."""
        out = []
        for i in range(bisect.bisect_left(self._starts, start), len(self.ents)):
            e = self.ents[i]
            if e.start >= end:
                break
            if e.end <= end:
                out.append(e)
        return out

    def in_span(self, label: str, start: int, end: int) -> list[Entity]:
        return [e for e in self.ents_in(start, end) if e.label == label]

    def planned_signing(self, start: int, end: int) -> bool:
        """_PLANNED_SIGNING_RE in text[start:end] with its names blanked out: a word of a name (某汽车产业促进会,
        新希望集团, 《投资促进协议》签约仪式, 县长张希望, 投资促进局局长) plans nothing. A planning word the tagger
        took onto the end of a whole organisation's name (远山集团拟 | 与…签署) still plans."""
        chars = list(self.text[start:end])
        for x in self.ents_in(start, end):
            if x.label not in ("PARTY", "AGREEMENT", "OFFICIAL", "TITLE"):
                continue
            slip = _TRAILING_PLAN_WORD_RE.search(x.text) if x.label == "PARTY" else None
            x_end = x.end - (len(slip.group()) if slip and _ORG_ENDING_RE.search(x.text, 0, slip.start()) else 0)
            a, b = max(x.start, start) - start, min(x_end, end) - start
            chars[a:b] = "○" * max(0, b - a)
        return bool(_PLANNED_SIGNING_RE.search("".join(chars)))

    def dates_in(self, start: int, end: int) -> list[tuple[Entity, Optional[dt.date]]]:
        i = bisect.bisect_left(self._date_starts, start)
        out = []
        while i < len(self.dates) and self.dates[i][0].start < end:
            if self.dates[i][0].end <= end:
                out.append(self.dates[i])
            i += 1
        return out

    def dates_before(self, pos: int) -> list[tuple[Entity, Optional[dt.date]]]:
        return self.dates[:bisect.bisect_left(self._date_starts, pos)]

    def sentence_of(self, pos: int) -> tuple[int, tuple[int, int]]:
        """(index, (start, end)) of the sentence holding pos, or (-1, (0, 0))."""
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return i, self.sentences[i]
        return -1, (0, 0)

    def clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        return split_clauses(self.text, start, end, self.ents_in(start, end))

    def is_generic(self, title: str) -> bool:
        """is_generic_title against the article's party forms, remembered per title while the index is unchanged."""
        key = (title, self.index.version)
        if key not in self._generic:
            self._generic[key] = is_generic_title(title, self.index.forms)
        return self._generic[key]

    def party_mentions(self, canonical: str) -> list[Entity]:
        """PARTY entities whose form belongs to the group `canonical` (grouped once per state of the index)."""
        if self._mentions_version != self.index.version:
            self._mentions = {}
            for e in self.ents:
                if e.label == "PARTY":
                    self._mentions.setdefault(self.index.canonical(self.form(e)), []).append(e)
            self._mentions_version = self.index.version
        return self._mentions.get(canonical, [])

    def _register_parties(self) -> None:
        """Add every PARTY form to the index with its expansions (elliptical lists, 省政府, 我校)."""
        parties = [e for e in self.ents if e.label == "PARTY"]
        for short, full, start in self._short_links:
            if start >= 0:
                self.expansion[start] = full  # 十堰分行 after 中国农业发展银行（简称农发行）
            self.index.add(short, full)
        groups: list[list[Entity]] = []
        for e in parties:
            if groups and self.text[groups[-1][-1].end:e.start] in _ELLIPSIS_JOINERS:
                groups[-1].append(e)
            else:
                groups.append([e])
        for g in groups:
            for e, (full, bare) in zip(g, expand_elliptical([x.text for x in g])):
                if bare:
                    self.expansion[e.start] = full
                    self.index.add(bare, full)
                else:
                    self.index.add(e.text)
        party_texts = [x.text for x in parties]
        distinct_texts = list(dict.fromkeys(party_texts))
        self._register_proxies(parties)
        place_governments: dict[str, Optional[str]] = {}
        title_forms = None  # computed once, when the article has a first-person party (我校)
        lead_sides = None  # likewise
        for e in parties:
            n = normalize_name(e.text)
            # (市政府 in an article about 宜宾 that names a hospital of 北京: the city it names as a side, before the
            # municipality it mentions)
            full = (expand_local_government(n, party_texts) if n in ("市政府", "市人民政府") else None) or \
                expand_short_government(n, self.province) or expand_local_government(n, party_texts)
            if full is None and re.fullmatch(r"(市|县|区|州)(人民)?政府", n):
                # the place written only inside an agreement's name (《莒县人民政府 某医院…合作协议》)
                if title_forms is None:
                    title_forms = self._title_forms()
                full = expand_local_government(n, title_forms)
            if full is None and _BARE_KIND_RE.fullmatch(n) and n not in self.index.extra_alias:  # (its first use)
                # 由学院院长甲…代表签约 after 我校机械工程学院与…签署: the bare kind word is the last body of that kind
                # named before it
                before = [x for x in parties if x.end <= e.start and x is not e and normalize_name(x.text).endswith(n)
                          and len(normalize_name(x.text)) > len(n)]
                full = normalize_name(before[-1].text) if before else None
            if full is None and is_first_person(n):
                if title_forms is None:
                    title_forms = self._title_forms()
                if lead_sides is None:
                    lead_sides = self._first_signing_sides()
                full = resolve_first_person(n, self.headline_parties + title_forms, self.province,
                                            self._named_organisations(distinct_texts), lead_sides)
            if full is None and GENERIC_ORG_RE.match(n):
                full = _named_company(n, [normalize_name(x) for x in party_texts])
            if full is None:
                if n not in place_governments:  # once per name, over distinct forms: linear in the article
                    place_governments[n] = _government_of_place(n, distinct_texts)
                full = place_governments[n]
            if full:
                self.index.add(n, full)
        # 市发改委 / 合肥市发改委 beside 市发展和改革委员会: one department under its short and its full name
        forms = set(self.index.forms)
        for f in list(self.index.forms):
            full = expand_department(f)
            if full == f:
                continue
            same = sorted((g for g in forms if g != f and (g == full or full.endswith(g) or g.endswith(full))
                           and len(g) > 3), key=len)
            if same:
                self.index.add(f, self.index.canonical(same[-1]))
                for g in same:
                    if g in self._proxy_of or full in self._proxy_of:
                        self._proxy_of.setdefault(f, self._proxy_of.get(g) or self._proxy_of.get(full))
        for dept, gov in self._proxy_of.items():
            self.index.add(dept, self.index.canonical(gov))

    def _register_proxies(self, parties: list[Entity]) -> None:
        """市发改委、市投资促进局（市招商局）代表市政府，分别与四家企业签署…: departments told as acting for their
        government act for it in every signing the article tells of them (decision R7): their forms are aliases
        of the government's."""
        for i, e in enumerate(parties):
            if i + 1 >= len(parties) or not re.fullmatch(r"[)）]?\s*代表\s*", self.text[e.end:parties[i + 1].start]):
                continue
            gov = parties[i + 1]
            if classify_kind(normalize_name(gov.text)) != "government" or \
                    not re.match(r"(省|市|县|区|州)?(人民)?政府$|.{2,8}(省|市|县|区|州)(人民)?政府$", normalize_name(gov.text)):
                continue
            proxies = [e]
            j = i
            while j > 0 and re.fullmatch(r"\s*([、和及与（(]|[)）][、和及]?)\s*",
                                         self.text[parties[j - 1].end:parties[j].start]):
                j -= 1
                proxies.append(parties[j])
            for x in proxies:
                name = normalize_name(x.text)
                if classify_kind(name) == "government" and re.search(r"(局|委|委员会|办|厅|中心)$", name):
                    self._proxy_of[name] = normalize_name(gov.text)

    def _first_signing_sides(self) -> list[str]:
        """The PARTY forms of the body's first sentence that tells a signing (the headline left out)."""
        body = self.text.find("\n") + 1 if "\n" in self.text else 0
        for s, e in split_sentences(self.text):
            if s >= body and SIGN_VERBS_RE.search(self.text, s, e) and not self.planned_signing(s, e):
                return [x.text for x in self.ents if x.label == "PARTY" and s <= x.start and x.end <= e]
        return []

    def _named_organisations(self, forms: list[str]) -> list[str]:
        """PARTY forms that name an organisation of their own: not a first-person or other pointing form (我校,
        该公司, 各银行) and not a part of one (二级学院 of 我校二级学院)."""
        return [f for f in forms if not re.match(r"(我|本|该|各|贵|其)", f)
                and not re.search(r"(我|本|该|各)(校|院|所|行|公司|集团)[^，,。；;、\s]{0,8}" + re.escape(f), self.text)]

    def _title_forms(self) -> list[str]:
        """Organisation names written inside agreement names (西安交通大学与河南省人民政府战略合作协议)."""
        known = [normalize_name(e.text) for e in self.ents if e.label == "PARTY"]
        return [f for e in self.ents if e.label == "AGREEMENT" for f in parties_from_title(e.text, known)]

    def form(self, e: Entity) -> str:
        return self.expansion.get(e.start, normalize_name(e.text))

    def _resolve_dates(self) -> list[tuple[Entity, Optional[dt.date]]]:
        out = []
        previous = None
        for e in self.ents:
            if e.label != "DATE" or is_header_date(self.text, e.start):
                continue  # the front-matter date tells when the article came out, not when anyone signed
            d = resolve_date(e.text, self.published, self.dateline, previous,
                             sentence_year(self.text, e.start) if self.undated else None)
            if d is not None:
                previous = d
            out.append((e, d))
        return out

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._paragraph_starts, pos) - 1
        if i >= 0 and self.paragraphs[i][0] <= pos < self.paragraphs[i][1]:
            return self.paragraphs[i]
        return 0, len(self.text)


def _sentence_date(art: _Article, s: int, e: int, verb_pos: int) -> tuple[bool, Optional[dt.date], Optional[str]]:
    """(found, day, text) of the DATE in the sentence nearest the signing verb, preferring one before it.

    Only a date that names a day counts, or a vague one (日前, 近日: the article gives no day, so None); a bare
    year or month (2023年12月) says nothing about the day and is skipped."""
    cands = [(d, t) for d, t in art.dates_in(s, e) if t is not None or any(w in d.text for w in VAGUE_WORDS)]
    if not cands:
        return False, None, None
    ent, day = min(cands, key=lambda c: (c[0].start > verb_pos, abs(c[0].start - verb_pos)))
    return True, day, ent.text


def _preceding_date(art: _Article, pos: int) -> tuple[Optional[dt.date], Optional[str]]:
    """The last resolvable day mentioned before `pos`, else the dateline. A vague date nearer the signing (近日,
    日前) says the article gives no day: None, not a day named further back."""
    anchor = art.dateline or parse_iso(art.published)
    for ent, day in reversed(art.dates_before(pos)):
        if day is not None and anchor is not None and (anchor - day).days > 366:
            continue  # 成立于2015年6月1日: a day years before the article is background, not the signing
        if day is not None:
            return day, ent.text
        if any(w in ent.text for w in VAGUE_WORDS[:6]):  # 此前/目前 speak of other times, not of this signing
            return None, ent.text
    return (art.dateline, None) if art.dateline else (None, None)


def _find_record(records: list[_Record], title: Optional[str], forms: list[str], art: _Article) -> Optional[_Record]:
    """The record an event belongs to: same title; or, for a generic or missing title, the record sharing most
    parties whose title contains the generic words (else the latest record when the event names no party)."""
    canon = {art.index.canonical(f) for f in forms}
    if title and not art.is_generic(title):
        for r in records:
            if r.title and normalize_name(r.title) == normalize_name(title):
                return r
        for r in records:  # a generic record with the same parties gets its proper name now
            rc = {art.index.canonical(f) for f in r.party_forms}
            if (not r.title or art.is_generic(r.title)) and canon and rc == canon:
                r.title = clean_title(title)
                return r
        return None
    best, best_key = None, (0, False)
    for r in records:
        rc = {art.index.canonical(f) for f in r.party_forms}
        if not canon <= rc:
            continue  # a generic name joins a record only when all its parties are that record's parties
        overlap = len(canon & rc)
        key = (overlap, bool(title and r.title and _subsequence(normalize_name(title), normalize_name(r.title))))
        if overlap and key > best_key:
            best, best_key = r, key
    if best is not None:
        return best
    if not canon and records:
        return records[-1]
    return None


# what stands before the place where a signing happened: 在, or 在 and the province it lies in (在黑龙江省 | 大庆市)
_VENUE_BEFORE_RE = re.compile(r"(在|于)([\u4e00-\u9fff]{2,6}?(省|自治区))?$")


def _in_venue_phrase(text: str, cs: int, e: Entity, verb_abs: int) -> bool:
    """The span stands in a 在…(签署) phrase of at most 20 characters that holds no joiner or break."""
    at = text.rfind("在", cs, e.start)
    return at >= 0 and verb_abs - at <= 20 and e.end <= verb_abs and \
        not re.search(r"[与和同跟及、，,；;]", text[at:verb_abs]) and not re.match(r"在(此|这|其)", text[at:])


def _clause_party_spans(art: _Article, cs: int, verb_abs: int) -> list[Entity]:
    """PARTY spans before the signing verb in its clause, skipping those of a witnessing phrase."""
    clause = art.text[cs:verb_abs]
    cut = max((clause.rfind(w) for w in ("见证下", "见证", "出席", "陪同下")), default=-1)
    start = cs + cut + 1 if cut >= 0 else cs
    spans = art.in_span("PARTY", start, verb_abs)
    if cut >= 0 and clause.startswith(("见证下", "陪同下"), cut):
        # A与B在C的见证下签署: the phrase runs from its 在; the signers are written before it
        at = clause.rfind("在", 0, cut)
        spans = (art.in_span("PARTY", cs, cs + at) if at > 0 else []) + spans
    # A与B在北京路中学签订: where they signed, not a side (ANNOTATION.md: places used as places are no PARTY)
    spans = [e for e in spans if not (_VENUE_BEFORE_RE.search(art.text[max(cs, e.start - 8):e.start]) and e.start > cs
                                      and not art.text[e.end:verb_abs].strip(" 正式成功顺利共同举行了"))]
    # A与B在松山湖国际创新创业社区签署 (the tagger reading 国际创新创业 as a name): anything between 在 and the verb,
    # with no joiner or break there, is where they signed
    spans = [e for e in spans if not _in_venue_phrase(art.text, cs, e, verb_abs)]
    # 与来自中东、东南亚等地的采购商签订: places listed, not sides
    spans = [e for e in spans if not _PLACE_LIST_TAIL_RE.match(art.text, e.end)]
    # 某市成立产教融合联盟 十余家单位签署共建协议: the body founded is what they set up, not one of the signers; so is
    # the body two sides build together (甲与乙合作共建某区中心医院签约仪式)
    # (某联盟成立大会暨签约仪式: founded too; but 甲与乙成立合资公司: the second of two sides founding something, and
    # 甲集团成立30周年庆典暨签约仪式, 成立于2005年: the side's own history)
    spans = [e for e in spans if not re.search(r"(成立|组建|筹建|共建|合建)$", art.text[max(cs, e.start - 2):e.start])
             and not (_FOUNDED_AFTER_RE.match(art.text, e.end)
                      and not re.search(r"[与和同及跟、]$", art.text[max(cs, e.start - 1):e.start]))]
    # 与入驻开发区的两家企业签署: where the counterparts are seated, not a side (nor the verb a tagger took for one)
    spans = [e for e in spans if not (re.search(r"(入驻|落户|位于|坐落于|地处|来自)$", art.text[max(cs, e.start - 3):e.start])
                                      and art.text.startswith("的", e.end)) and not _LOCATIVE_VERB_RE.fullmatch(e.text)]
    return _without_proxies(art, spans)


# a body founded or unveiled right after its name (not 成立于2005年, 成立以来, 成立30周年: its history)
_FOUNDED_AFTER_RE = re.compile(r"(成立|揭牌|挂牌)(?!于|以来|[0-9一二三四五六七八九十百]+周?年)")
# the rest of a list of places after one of its items (、东南亚等地的, 等国家和地区): what the list holds is no side
# (the place word ends there: 等国有企业, 等国内企业, 等地方国企, 等城市建设企业 are companies of a kind)
_PLACE_LIST_TAIL_RE = re.compile(r"[\u4e00-\u9fff、]{0,12}?、[\u4e00-\u9fff]{1,8}等(地区|国家|城市|省份|省市|地|国)"
                                 r"(?=的|和|及|与|、|[，,。；;]|客商|采购商|企业|$)|"
                                 r"[\u4e00-\u9fff]{0,4}等(地区|国家|城市|省份|省市|地|国)(?=的|和|及|与|、|[，,。；;]|客商|采购商|企业|$)")
_LOCATIVE_VERB_RE = re.compile(r"入驻|落户|位于|坐落|地处|来自|签约|合作|共建")


# between a parent and the unit of it that signs (航宇集团下属的航宇卫星公司, 某集团旗下子公司某公司)
_PARENT_OF_NEXT_RE = re.compile(r"\s*((下属|旗下|所属)的?|(控股|全资|投资)的)(子公司|企业|公司|单位)?\s*")


def _without_proxies(art: _Article, spans: list[Entity]) -> list[Entity]:
    """PARTY spans less those acting for the next one (市发改委代表市政府与B签署: the city signs, not its office) and
    those naming the next one's parent (与甲集团下属的乙公司签署: 乙 signs, 甲 only says whose it is)."""
    return [e for e, nxt in zip(spans, spans[1:] + [None])
            if nxt is None or not (re.fullmatch(r"\s*代表\s*", art.text[e.end:nxt.start])
                                   or _PARENT_OF_NEXT_RE.fullmatch(art.text[e.end:nxt.start])
                                   # 市投资促进局局长甲代表市政府签署: the person's office, signing for the city
                                   or (re.fullmatch(r"[^，,。；;与和同及跟]{1,16}代表\s*", art.text[e.end:nxt.start])
                                       and art.in_span("OFFICIAL", e.end, nxt.start)))]


def _clause_parties(art: _Article, cs: int, verb_abs: int) -> list[str]:
    return [art.form(e) for e in _clause_party_spans(art, cs, verb_abs)]


_ANAPHORA_RE = re.compile(r"(该|此|这家)(公司|集团|企业|银行)")


def _with_anaphoric_company(art: _Article, cs: int, verb_abs: int, forms: list[str]) -> list[str]:
    """…中石化集团发布的新闻稿，该公司和福建省政府签署了…: 该公司 before the verb is the company last named
    before it, a side of the signing (the tagger marks no PARTY there)."""
    m = _ANAPHORA_RE.search(art.text, cs, verb_abs)
    if not m or len({art.index.canonical(f) for f in forms}) >= 2:
        return forms
    before = [e for e in art.in_span("PARTY", max(0, m.start() - 200), m.start())
              if classify_kind(art.form(e)) == "enterprise"]
    if not before:
        return forms
    return [art.form(before[-1])] + [f for f in forms if f != art.form(before[-1])]


def _pair_segments(art: _Article, cs: int, verb_abs: int) -> list[list[str]]:
    """'甲乡与A、B和乙乡与C、D签约': the parties before the verb cut where a second 与 starts another pair of sides,
    each segment beginning with its own subject. [] when the clause has one such pair only."""
    spans = _clause_party_spans(art, cs, verb_abs)
    starts = [i for i in range(len(spans) - 1) if re.search(r"与|同|跟", art.text[spans[i].end:spans[i + 1].start])]
    if len(starts) < 2 or starts[0] != 0:
        return []
    bounds = starts + [len(spans)]
    segments = [[art.form(e) for e in spans[a:b]] for a, b in zip(bounds, bounds[1:])]
    return segments if all(len(seg) >= 2 for seg in segments) else []


def _subject_forms(art: _Article, cs: int, verb_abs: int) -> list[str]:
    """PARTY forms written before the 与/同/和 that introduces the other side (A与B签署 -> [A]); when no PARTY is
    written there, the organisation of the signatory who is (张三与B、C签署 -> [张三's organisation])."""
    parties = _without_proxies(art, art.in_span("PARTY", cs, verb_abs))
    # A和B分别与C签订: 分别与 ends the subject, the 和 before it joins its list
    gaps = [art.text[p.end:q.start] for p, q in zip(parties, parties[1:])]
    respective = next((i for i, g in enumerate(gaps) if re.search(r"分别(与|同|跟)", g)), None)
    # …举行签约仪式，分别与A、B和C签署: the clause opens on the joiner, so all its names are the other side and the 和
    # before the last one ends their list (the subject was told before the clause)
    # (a clause that opens so, or a person's 分别与 right before the names; 副主席甲与A公司总经理乙，副主席丙与B公司…
    # pairs people, it lists no sides)
    lead = art.text[cs:parties[0].start] if parties else ""
    others_first = bool(parties) and (re.fullmatch(r"\s*(并且?|还|又|也|另|随后|同时|分别)*(与|同|跟)\s*", lead) is not None
                                      or re.search(r"分别(与|同|跟)\s*$", lead) is not None)
    for i, gap in enumerate(gaps):
        if (respective is not None and i != respective) or others_first:
            continue
        if re.search(r"与|同|和|跟", gap) and "、" not in gap[-1:]:
            return [art.form(x) for x in parties[: i + 1]]
    if parties:
        joiner = re.search(r"与|同|跟", art.text[cs:parties[0].start])
        if joiner:
            before = cs + joiner.start()
            people = [o for o in art.in_span("OFFICIAL", cs, before) if art.titles.get(o.text, ("", None))[1]]
            if people and not art.in_span("PARTY", cs, before):
                return [normalize_name(art.titles[people[-1].text][1])]
    return []


def _served_government(art: _Article, name: str) -> Optional[str]:
    """The article's government a person with a government post and no organisation written serves, of the level
    the post names (县长甲: the county's), or None."""
    title, aff = art.titles.get(name, ("", None))
    if aff or not is_government_title(title):
        return None
    govs = list(dict.fromkeys(art.index.canonical(art.form(p)) for p in art.ents if p.label == "PARTY"))
    return government_of_level(title, [g for g in govs if classify_kind(g) == "government"], exact=True)


# Words saying that all the parties of a signing sign one agreement together (三方协议, 共同签署), so that
# 'A与B、C签署X' is not one agreement per counterpart. 共同见证 speaks of the witnesses, not of the signers.
_JOINT_RE = re.compile(r"共同(?!见证)|联合(签|发起|体)|[三四五六七八九十多]方|各方|一同签")
_SIDE_COUNT = "零一二三四五六七八九十"


def _signed_jointly(art: _Article, sentence: str, forms: list[str]) -> bool:
    """The sentence says the sides signed together; or another sentence naming all of them does (A与B、C签约 …
    A与B、C…共同打造); or the article counts the sides of a signing as many as they are (代表三方签订)."""
    if _JOINT_RE.search(sentence):
        return True
    n_sides = len({art.index.canonical(f) for f in forms})
    count = _SIDE_COUNT[n_sides] + "方" if n_sides < len(_SIDE_COUNT) else None
    if count and re.search(f"{count}(签|协议|合作|共同|代表)|(代表|为|是){count}", art.text):
        return True
    # …签署了X。根据协议，三方将共建…: the count in a sentence about the agreement or its signing names its sides
    # (not 第三方, 三方面; nor 三方共建的开发区 in a sentence about something else)
    if count and any(re.search(f"(?<![第{_SIDE_COUNT}]){count}(?!面)", art.text[a:b]) and (
            _AGREEMENT_WORD_RE.search(art.text[a:b]) or SIGN_VERBS_RE.search(art.text[a:b])) for a, b in art.sentences):
        return True
    # a sentence telling a joint signing of as many named sides, one of them ours (the full names of the short
    # forms a headline uses)
    ours = {art.index.canonical(f) for f in forms}
    for a, b in art.sentences:
        t = art.text[a:b]
        if _JOINT_RE.search(t) and SIGN_VERBS_RE.search(t):
            named = {art.index.canonical(art.form(p)) for p in art.in_span("PARTY", a, b)}
            if all(f in t for f in forms) or (len(named) == n_sides and named & ours):
                return True
    return False


def _distribute(art: _Article, clause: str, forms: list[str], subject: list[str], sentence: str = "") -> list[list[str]]:
    """One agreement per pair of sides: 'A、B等与C分别签订协议' is A+C and B+C, and so is 'C与A、B签署X' unless the
    article says the three signed it together (三方, 共同签署): each counterpart signs its own agreement with C."""
    if not subject:
        if re.search(r"分别(举行|举办|召开|组织)", clause) and len(forms) >= 2 and not re.search(r"与|同|跟", clause):
            return [[f] for f in forms]  # A、B分别举行签约仪式: each holds its own, neither signs with the other
        return [forms]
    subj = {art.index.canonical(f) for f in subject}
    side_a = [f for f in forms if art.index.canonical(f) in subj]
    side_b = list(dict.fromkeys(f for f in forms if art.index.canonical(f) not in subj))
    if "分别" in clause and len(side_a) >= 2 and len(side_b) == 1:
        return [[a] + side_b for a in side_a]
    n_b = len({art.index.canonical(f) for f in side_b})
    if len(side_a) >= 1 and n_b >= 2 and len(subj) == 1 and (
            "分别" in clause or not _signed_jointly(art, sentence or clause, side_a[:1] + side_b)):
        return [side_a[:1] + [b] for b in side_b]
    return [forms]


_PAIR_JOINERS_RE = re.compile(r"[与同和跟及、\s]*[，,；;]?")


_ROLE_WORDS_RE = re.compile(r"见证|出席|参加|陪同|会见|的|在|仪式|签|举行|代表")


def _pair_clause(art: _Article, cs: int, ce: int, joiners: str = r"与|同|跟"):
    """(side before 与, side after it) of a clause that only pairs names (太原市与甲公司，乙市与丙公司及丁公司，…
    分别签署): the signing verb comes in a later clause for all the pairs. Empty when the clause says anything else."""
    parties = art.in_span("PARTY", cs, ce)
    if len(parties) < 2 or not any(re.search(joiners, art.text[a.end:b.start]) for a, b in zip(parties, parties[1:])):
        return ()
    pos = parties[0].start
    for p in parties:
        if not _PAIR_JOINERS_RE.fullmatch(art.text[pos:p.start]) or (p is not parties[0] and pos == p.start):
            return ()
        pos = p.end
    # a place before the first name or a unit word after the last (乙镇甲村、丙村与A银行乙镇各支行，) is part of
    # the names; anything longer or with a verb is not a bare pairing
    lead, tail = art.text[cs:parties[0].start].strip(), art.text[pos:ce].strip()
    if not re.fullmatch(r"[\u4e00-\u9fff]{0,4}", lead) or _ROLE_WORDS_RE.search(lead + tail) or not re.fullmatch(
            r"[\u4e00-\u9fff]{0,8}[与同和跟及、\s]*[，,；;]?", tail):
        return ()
    cut = next(i for i, (a, b) in enumerate(zip(parties, parties[1:])) if re.search(joiners, art.text[a.end:b.start]))
    return [art.form(p) for p in parties[:cut + 1]], [art.form(p) for p in parties[cut + 1:]]


def _subject_before_clause(art: _Article, s: int, cs: int) -> list[str]:
    """The PARTY forms of the nearest earlier clause of the sentence text[s:cs] that names any, unless that clause
    tells of people attending, witnessing, accompanying or meeting (在甲公司负责人陪同下): their units sign nothing."""
    for a, b in reversed(art.clauses(s, cs)):
        spans = art.in_span("PARTY", a, b)
        if spans:
            if re.search(r"见证|出席|参加|陪同|会见|会谈|座谈|主持", art.text[a:b]):
                return []
            joiner = re.search(r"与|同|跟", art.text[a:spans[0].start])
            if joiner and art.in_span("OFFICIAL", a, a + joiner.start()):
                # 副市长某某与A院长甲、B院长乙签署…，并与C签署…: the names there are the person's counterparts;
                # the subject is the person's side, which that clause does not name
                return []
            return list(dict.fromkeys(art.form(e) for e in spans))
    return []


def _single_party_before(art: _Article, si: int) -> list[str]:
    """The forms of the one organisation named by the nearest earlier sentence that names any; [] when it names
    several (then which of them is the subject is not told)."""
    for a, b in reversed(art.sentences[:si]):
        spans = art.in_span("PARTY", a, b)
        if spans:
            forms = list(dict.fromkeys(art.form(e) for e in spans))
            return forms if len({art.index.canonical(f) for f in forms}) == 1 else []
    return []


def _host_government(art: _Article) -> list[str]:
    """The article's own government when a signing clause leaves its subject out and nothing earlier names it
    (…集中签约仪式举行。此次签约分两轮进行，第一轮与A、B签署…): the government it names most, or a bare place it
    names most when the text writes that place with its unit (金堂 -> 金堂县); [] when it names none."""
    govs: Counter = Counter()
    places: Counter = Counter()
    for e in art.ents:
        if e.label != "PARTY":
            continue
        f = art.form(e)
        if classify_kind(art.index.canonical(f)) == "government":
            govs[art.index.canonical(f)] += 1
        elif 2 <= len(f) <= 4 and not _ORG_ENDING_RE.search(f) and re.fullmatch(r"[\u4e00-\u9fff]+", f):
            places[f] += 1
    best_gov = govs.most_common(1)[0] if govs else (None, 0)
    for place, n in places.most_common():
        if n <= best_gov[1]:
            break
        unit = re.search(re.escape(place) + r"(县|市|区|旗)(?![\u4e00-\u9fff]{0,2}(委|政协|人大))", art.text)
        if unit:
            full = place + unit.group(1)
            art.index.add(place, full)
            return [full]
    return [best_gov[0]] if best_gov[0] else []


_COUNTED_SIDES_RE = re.compile(r"(双|两|三|四|五|六|七|八|九|十)方")


def _sides_told_before(art: _Article, si: int, before_verb: str) -> list[str]:
    """The sides a signing names only by their count (…举行座谈。随后，双方签署了X; 三方共同签约): the parties of
    the nearest earlier sentence that names as many as the count says. Sentences naming fewer are passed over (one
    side's own story told between the meeting and the signing: 他介绍了集团的布局) when the sides they name are among
    those found; one naming more, or another pair, ends the search."""
    m = _COUNTED_SIDES_RE.search(before_verb)
    if not m or before_verb[max(0, m.start() - 1):m.start()] == "第":
        return []
    n = 2 if m.group(1) in "双两" else _SIDE_COUNT.index(m.group(1))
    passed: set[str] = set()  # the sides of the sentences passed over, which must be among the meeting's
    for a, b in reversed(art.sentences[max(0, si - 6):si]):  # (a few sentences back: the story of the meeting)
        spans = art.in_span("PARTY", a, b)
        if spans:
            forms = list(dict.fromkeys(art.form(e) for e in spans))
            found = {art.index.canonical(f) for f in forms}
            if len(found) < n:
                passed |= found
                continue
            # (南川县 met 王强's group, after 远山集团 and 东岭市 signed years ago: that pair is not the meeting's)
            return forms if len(found) == n and passed <= found else []
    return []


# 、 before another 与/同/跟 … signing verb: the list is of signings (分别与A签署X、与B签署Y), not of names
_NEXT_SIGNING_RE = re.compile(r"、\s*(?=(与|同|跟)[^、，,；;。]*?(签署|签订|签约|签下|签定))")


_NAMES_LISTED_RE = re.compile(r"\s*(分别|依次)?(是|为|包括|即)[：:]?")


def _listed_signings(art: _Article, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clauses cut where a 、 starts the next signing of the same subject (…分别与A签署X、与B签署Y): each signing
    keeps its own counterpart and agreement; a clause that only names the agreements of the signing before it
    (，分别是《A》和《B》) is joined to it."""
    out: list[tuple[int, int]] = []
    for cs, ce in clauses:
        if out and _NAMES_LISTED_RE.match(art.text, cs, ce) and art.in_span("AGREEMENT", cs, ce) and \
                SIGN_VERBS_RE.search(art.text, *out[-1]) and not art.in_span("AGREEMENT", *out[-1]):
            out[-1] = (out[-1][0], ce)  # 签署两份协议，分别是《A》和《B》: the names of the signing just told
            continue
        start = cs
        for m in _NEXT_SIGNING_RE.finditer(art.text, cs, ce):
            if SIGN_VERBS_RE.search(art.text, start, m.start()):
                out.append((start, m.end()))
                start = m.end()
        out.append((start, ce))
    return out


def _signer_without_unit(art: _Article, cs: int, verb_abs: int) -> bool:
    """副市长李明分别与A公司总经理甲、B公司董事长乙签约: a person whose organisation the clause does not name signs
    with people named with theirs; the companies there are the counterparts' affiliations, not sides signing together."""
    for joiner in re.finditer(r"与|同|跟", art.text[cs:verb_abs]):
        j = cs + joiner.start()
        for (a, b), (c, d) in (((cs, j), (j + 1, verb_abs)), ((j + 1, verb_abs), (cs, j))):
            # …公司总会计师甲、…银行副行长乙分别与市政府秘书长丙签订协议: the person may be written after the 与
            people = art.in_span("OFFICIAL", a, b)
            if people and not art.in_span("PARTY", a, b) and art.in_span("PARTY", c, d) and not any(
                    art.titles.get(o.text, ("", None))[1] for o in people):
                return True
    return False


_SAME_SIDES_AGAIN_RE = re.compile(r"\s*((并且?|还|又|也|同时|随后|再|另)[，,]?\s*)+((就|围绕)[^，,。；;与同跟]{1,15})?(共同)?"
                                  r"(签署|签订|签约|签下|签定)")
_ANOTHER_SIGNING_RE = re.compile(r"(又|再|还|另)[^，,。；;与同跟]{0,3}$")
# a clause adding the signing to talks told before it in the sentence (，并当场签署了《X》; ，双方正式签约)
_SIGNED_AFTER_TALKS_RE = re.compile(r"\s*((并且?|随后|随即|最终)[，,]?\s*|双方)+[^，,。；;与同跟和]{0,10}(签署|签订|签约|签下|签定)")
# 同时，双方签署了《Y》 after the same sides' 《X》: a sentence opened on 同时/此外 adds an agreement
_ALSO_LEAD_RE = re.compile(r"\s*(与此同时|同时|此外|另外)[，,]\s*")
# 双方将于3月10日举行签约仪式，签署…: the signing of a ceremony still to come, told in the clauses after it
# a clause telling which signing a project was, by a copula before the joiner (第三个签约项目是与甲公司签订的…)
_COPULA_SIGNING_RE = re.compile(r"[^，,。；;与同跟和]{0,14}(项目|协议|合同)是(与|同|跟)[^，,。；;]*$")
_PLANNED_CEREMONY_RE = re.compile(r"(将于|将在|拟于|拟在|计划于|计划在|定于|预计于|择期|择日)[^。；;]{0,20}(举行|举办)"
                                  r"[^。；;，,]{0,6}(签约|签字)(仪式|活动)")


def _collect(art: _Article) -> list[_Record]:
    """Walk the sentences and build records from their signing clauses (see the module doc)."""
    records: list[_Record] = []
    last_subject: list[str] = []
    told_at: list[int] = []  # where each signing clause counted as done starts
    for si, (s, e) in enumerate(art.sentences):
        here: list[_Record] = []
        # …A与B、C分别代表三方签订合作协议；与C代表双方签署《X》: a sentence opening on 与 keeps the last subject
        opens_with_yu = re.match(r"\s*((其中|此外|同时|随后|另外|并且?|还|又|也|亦)[，,]?\s*)*(与|同|跟)", art.text[s:e])
        subject: list[str] = list(last_subject) if opens_with_yu else []
        signer_only = False  # the sentence's signer is a person whose organisation it does not name
        pairs: list = []  # (side, other side) of clauses that only pair names, waiting for the verb they share
        # 今年以来，某县已与…签约项目12个 (a tally); 此前，该公司已与…签署 (history told after the event)
        tally = bool(_PERIOD_LEAD_RE.match(art.text, s) or _HISTORY_LEAD_RE.match(art.text, s))
        # id of a record -> (start of the clause, name): the agreement name a clause of this sentence with its own
        # signing verb gave it
        verb_named: dict[int, tuple[int, str]] = {}
        topic_sides: list[str] = []  # the sides of a clause that talks of the signing (就签约事宜进行磋商) without one
        for cs, ce in _listed_signings(art, art.clauses(s, e)):
            clause = art.text[cs:ce]
            m = SIGN_VERBS_RE.search(clause)
            cut_here = False  # the clause's signing verb was cut off with the saved page
            if m and clause.startswith("项目", m.end()):
                # 第三个签约项目是与甲公司签订的《X》: 签约项目 names the project; the clause's own verb comes later
                m = SIGN_VERBS_RE.search(clause, m.end()) or m
            if m is None and art.cut_off and ce >= art.cut_off and _CUT_SIGNING_RE.search(clause) and (
                    re.search(r"见证|仪式|签约|签署", art.text[s:cs]) or (cs == s and (item := _CUT_LIST_ITEM_RE.search(
                        art.text, max(0, s - 80), s)) and any(art.text.rfind("\n", 0, item.start()) < t < s
                                                             for t in told_at))):
                # 在…见证下，A、B分别与C [the saved page ends]: the signing verb was cut off with the page; so in a
                # list of signings one a line (甲区与A公司签约，…；\n乙区与重 [the page ends]) whose line before tells
                # a signing done (not 拟于下月签约, not 2019年，…签约)
                m = re.search(r"$", clause)
                cut_here = True
            ags = art.in_span("AGREEMENT", cs, ce)
            if not m and not ags:
                # 甲区和A公司，乙县和B公司分别签署: 和 pairs names too, unless the verb's clause has its own 与
                paired = _pair_clause(art, cs, ce) or _pair_clause(art, cs, ce, r"与|同|跟|和")
                loose = bool(paired) and not _pair_clause(art, cs, ce)
                pairs = pairs + [(paired, loose)] if paired else []
            if not m and not (ags and _CEREMONY_RE.search(art.text[s:e])):
                continue
            if m and re.match(r"(的)?(相关)?(事宜|事项)", clause[m.end():]):
                # 洽谈签约事宜 / 就项目签约事宜进行沟通: the signing as a topic of talks; its sides may sign in a later
                # clause of the sentence (…就签约事宜进行磋商，并当场签署了《X》)
                topic_sides = list(dict.fromkeys(art.form(x) for x in art.in_span("PARTY", cs, ce)))
                continue
            # 2021年，双方又签署了…: a year set before the clause dates it
            lead = art.text[s:cs] if _YEAR_LEAD_RE.fullmatch(art.text, s, cs) else ""
            if tally or is_history_clause(lead + clause, art.year) or (m and art.planned_signing(cs, ce)):
                continue
            planned = _PLANNED_CEREMONY_RE.search(art.text, s, cs) if m else None
            if planned and not (clause.startswith("了", m.end()) or art.in_span("DATE", planned.end(), cs + m.start())):
                continue  # (双方原定于3月10日举行签约仪式，3月5日，A与B提前签署了…: the plan changed, the signing is done)
            if m and _TALLY_RE.search(clause) and not art.in_span("PARTY", cs, ce):
                continue  # 目前已签约项目15个 / 全县共签约项目30个: a tally naming no side, not a signing
            if m and re.search(r"(相继|陆续|先后)(集中|正式|成功)?$", clause[:m.start()]):
                # the whole sentence to its full stop (； parts of a summary are one sentence here)
                a = max(art.text.rfind("。", 0, cs), art.text.rfind("\n", 0, cs)) + 1
                b = min((x for x in (art.text.find("。", ce), art.text.find("\n", ce)) if x >= 0), default=len(art.text))
                if _PERIOD_SUMMARY_RE.search(art.text, a, b) and not _OCCASION_RE.search(art.text, a, b):
                    continue  # 2019年，某县全年…；甲、乙等一批企业项目相继签约落地: the year's tally, not a signing
            # X、Y以及Z等参加签约仪式: guests of the ceremony, not signers (but 甲协会会长A，乙公司总经理B分别参与签约:
            # each took part by signing)
            if m and _ATTENDING_CEREMONY_RE.search(clause[:m.end() + 4]) and \
                    not re.search(r"分别(参与|参加)(签约|签字)[。；;！!.]?\s*$", clause):
                continue
            if m and re.match(r"(企业|单位|嘉宾|客商|方)?代表|(企业|单位|嘉宾|客商)", clause[m.end():]) and \
                    re.search(r"(参加|出席|参与|列席)", clause[m.end():]):
                continue  # X、Y以及…签约企业代表等参加活动: 签约 describes the guests; the units listed attend
            if m and (re.match(r"的第[一二三四五六七八九十百\d]+(份|个|项|次)", clause[m.end():]) or
                      (re.match(r"的[^，,。；;]{0,8}(最大|最多|最高|最早|首个|首份|首笔)", clause[m.end():]) and
                       re.search(r"是|系|成为|属于|当属|(?<=[这此该也均作约议目])为", clause[:m.start()]))):
                continue  # 这是甲今年与县级政府签订的第三份合作协议: the signing told counted among others, no new one
                # (…是甲与区县政府签订的金额最大的一笔; but 甲与乙签订的首个百亿级项目落地, with no 是, tells it new)
            if m and not ags and _NAMED_SIGNING_RE.search(clause) and not art.in_span("PARTY", cs, ce):
                continue  # 双方高度重视协议的签订: the signing as a noun, naming neither sides nor agreement
            # (第三个签约项目是与甲公司签订的《X》: the copula tells this occasion's signing of a named agreement)
            told_as_copula = bool(m) and bool(ags) and _COPULA_SIGNING_RE.match(clause[:m.start()]) and \
                not art.in_span("PARTY", cs, cs + re.search(r"是(与|同|跟)", clause).start())  # (甲公司的第二个项目是与乙签订的: 甲 signs)
            if m and clause.startswith("的", m.end()) and not re.match(r"的(分别|依次)?(是|为|有)", clause[m.end():]) \
                    and not told_as_copula and len({art.index.canonical(art.form(x)) for x in
                                                              art.in_span("PARTY", cs, cs + m.start())}) < 2:
                continue  # 会议强调，与A签署的协议要抓好落实: an agreement referred to by who signed it, not a signing
                # (签字的分别是：… names the signers of the signing told before: it joins that record)
            art.signings += 1
            told_at.append(cs)
            verb_abs = cs + (m.start() if m else 0)
            forms = _clause_parties(art, cs, verb_abs) if m else []
            if cut_here:  # (a name the cut stops in, 乙区与重庆 | …, is no side; a whole one, 乙区与重庆市, is)
                forms = [f for f in forms if not any(x.end >= ce and not _ORG_ENDING_RE.search(x.text)
                                                     for x in art.in_span("PARTY", cs, ce) if art.form(x) == f)]
            if forms and _PLACES_WITH_UNNAMED_RE.search(art.text, cs, verb_abs):
                forms = []  # 广州、深圳等市分别与有关企业签约了一批项目: a batch whose counterparts go unnamed (N12)
            if m and _SIDES_AFTER_RE.match(clause, m.start()):
                forms += [art.form(x) for x in art.in_span("PARTY", verb_abs, ce)]
            opens_on_yu = False
            if m:
                # …与A签订《X》，与B签订《Y》 / 其中，与A…项目、与B…项目签约: a clause opening on 与 keeps the subject
                # (the 与 inside it then lists counterparts, it does not end a subject)
                keeps = bool(re.match(r"\s*(并且?|还|又|也|亦|另|随后|随即|接着)*(与|同|和|跟)", clause) and subject)
                own = [] if keeps else _subject_forms(art, cs, verb_abs)
                opens_on_yu = bool(re.match(r"\s*(第[一二三四五六七八九十\d]+(轮|批|场)|并且?|还|又|也|亦|另|随后|随即|接着|分别)*"
                                            r"(与|同|跟)",
                                            clause))
                if not own and not keeps and opens_on_yu and not signer_only:
                    # 甲公司董事长某某一行来到临江，与临江市政府签署…: the subject is told in an earlier clause, or
                    # (某县在临江举行推介会。会上，分别与A、B签署…) in an earlier sentence
                    own = (_subject_before_clause(art, s, cs) or last_subject
                           or _single_party_before(art, si) or _host_government(art))
                    forms = own + [f for f in forms if f not in own]
                if told_as_copula and not any(classify_kind(art.index.canonical(f)) == "government"
                                              for f in own + forms):
                    # (…是与甲公司签订的《X》: the host, the side every signing told so far shares, or the article's
                    # government)
                    shared = set.intersection(*[{art.index.canonical(f) for f in r.party_forms} for r in records]) \
                        if records else set()
                    own = sorted(shared) if len(shared) == 1 else _host_government(art)
                    forms = own + [f for f in forms if f not in own]
                if own:
                    subject = own
                    last_subject = own
                elif keeps:
                    forms = subject + [f for f in forms if f not in subject]
            officials_subject = [o for o in art.in_span("OFFICIAL", cs, verb_abs)]
            for o in officials_subject:  # signatories' organisations are parties too
                party = art.titles.get(o.text, ("", None))[1]
                proxy = re.match(r"\s*代表\s*", art.text[o.end:verb_abs])
                for_other = proxy and any(x.start == proxy.end() + o.end and art.index.canonical(art.form(x)) !=
                                          art.index.canonical(party or "") for x in art.in_span("PARTY", o.end, verb_abs))
                if party and signatory_in_clause(clause, o.end - cs) and not for_other:
                    # (局长甲代表市政府签署: the person signs for the city, their office is no side)
                    forms.append(normalize_name(party))
            another = False
            if m and not forms and here and _SAME_SIDES_AGAIN_RE.match(clause):
                forms = list(here[-1].party_forms)  # 与B签订《X》，并签署了《Y》: the same sides sign another
                another = True
            elif m and not forms and not here and len({art.index.canonical(f) for f in topic_sides}) >= 2 and \
                    _SIGNED_AFTER_TALKS_RE.match(clause):
                forms = list(topic_sides)  # 甲与乙就签约事宜进行了磋商，并当场签署了《X》: the sides of the talks sign
            if m:
                forms = _with_anaphoric_company(art, cs, verb_abs, forms)
            # 集团公司 in an article that names no company identifies no one
            forms = [f for f in forms if not GENERIC_ORG_RE.match(art.index.canonical(f))]
            targets = ags or [None]
            segments = _pair_segments(art, cs, verb_abs) if m else []
            by_counterpart = False
            if segments:
                groups = [g for seg in segments for g in _distribute(art, clause, seg, seg[:1], art.text[s:e])]
            elif m and not subject and forms and not _signed_jointly(art, art.text[s:e], forms) and (
                    _signer_without_unit(art, cs, verb_abs) or signer_only and opens_on_yu):
                # 副市长某某分别与A公司总经理甲签署X、与B公司董事长乙签署Y: each counterpart joins the record told of
                # it, none signs with another
                groups = [[f] for f in forms]
                by_counterpart = signer_only = True
            else:
                groups = _distribute(art, clause, forms, subject, art.text[s:e])
            pairs = [p for p, loose in pairs if not (loose and m and re.search(r"与|同|跟", clause[:m.start()]))]
            if m and "分别" in clause and pairs:
                # 甲市与A，乙市与B及C，丙市与D分别签署: every pair before the verb signs on its own
                groups = [g for a, b in pairs for g in _distribute(art, "分别", a + b, a)] + groups
            pairs = []
            # (the same group found twice, by the pairs and by the clause's sides, is one)
            groups = [list(g) for g in dict.fromkeys(tuple(g) for g in groups)]
            # 签订了X和Y, 签署《X》《Y》: names joined in one clause are as many agreements of the same sides
            # (《X》战略合作协议 without a joiner is one agreement named twice)
            several = len(groups) == 1 and len(ags) > 1 and all(
                re.search(r"[和及、与]|》\s*《", art.text[a.end - 1:b.start + 1]) for a, b in zip(ags, ags[1:]))
            claimed: dict[int, str] = {}  # id of a record -> the agreement name this clause gave it
            # 甲分别与A、B签署了《X》和《Y》: as many names as counterparts, each counterpart signs its own, in order
            in_turn = bool(m) and 1 < len(groups) == len(ags) and "分别" in clause[:m.start()] and all(
                re.search(r"[和及、与]|》\s*《", art.text[a.end - 1:b.start + 1]) for a, b in zip(ags, ags[1:]))
            for ag, group in (zip(ags, groups) if in_turn else ((ag, g) for ag in targets for g in groups)):
                title = ag.text if ag else None
                title_forms = parties_from_title(title, art.index.forms) if title else []
                for f in title_forms:
                    art.index.add(f)
                shared = group if not (len(targets) > 1 and len(title_forms) >= 2) else []
                all_forms = list(dict.fromkeys(title_forms + shared))
                pool = here[::-1] + records[::-1] if not ag else records
                if ag and several:  # each name its own record, not one record renamed twice
                    pool = [r for r in pool if claimed.get(id(r), normalize_name(title)) == normalize_name(title)]
                if ag and m and verb_named:  # (not a record another clause of this sentence signed under
                    mine = normalize_name(clean_title(title))  # another name: 签订X协议，…签订具体的Y协议)
                    pool = [r for r in pool if verb_named.get(id(r), (cs, ""))[0] == cs
                            or _subsequence(verb_named[id(r)][1], mine) or _subsequence(mine, verb_named[id(r)][1])]
                if another and ag:  # another agreement of the same sides: not the record just told, renamed
                    pool = [r for r in pool if normalize_name(r.title or "") == normalize_name(clean_title(title))]
                if by_counterpart:  # the signer's side is told elsewhere: a record of this counterpart
                    pool = [r for r in pool if art.index.canonical(group[0]) in
                            {art.index.canonical(f) for f in r.party_forms}]
                elif len(groups) > 1:  # one counterpart's agreement: not the record of another counterpart
                    canon = {art.index.canonical(f) for f in all_forms}
                    pool = [r for r in pool if {art.index.canonical(f) for f in r.party_forms} <= canon]
                rec = _find_record(pool, title, all_forms, art)
                if rec is None and by_counterpart and ag and not art.is_generic(title):
                    # the counterpart's record, told without a name or with a generic one, gets this one
                    rec = next((r for r in pool if not r.title or art.is_generic(r.title)), None)
                    if rec is not None:
                        rec.title = clean_title(title)
                if rec is None and ag is None and all_forms:
                    # 《X》已于3月1日签署，签约双方为A和B: the sides complete the sentence's record that has none yet
                    rec = next((r for r in here[::-1] if not r.party_forms), None)
                if rec is None and ag is None and m and all_forms and re.search(r"(?<!分别)(?<!各自)代表(双方|各方|三方|各自)",
                                                                                clause[:m.start()]):
                    # (分别代表各方签约: each signer for their own side, read by _dissolve_respective_signers)
                    # …签订战略合作框架协议，市长甲与中交集团副总经理、中国交建监事会主席乙，代表双方签约: the signers of
                    # the signing just told, whose units (one company's two names, all of one kind) are no new sides
                    canon = {art.index.canonical(f) for f in all_forms}
                    kinds = {classify_kind(c) for c in canon}
                    sides_of = [{art.index.canonical(f) for f in r.party_forms} for r in here[::-1] + records[::-1]]
                    # (or a department for the one government side not named: 县发改局局长甲与B公司总经理乙 for 县政府
                    # and B公司; a company's unit is left alone, as a tagger's cut name, 黔锦新材, may be that side)
                    rec = next((r for r, rc in zip(here[::-1] + records[::-1], sides_of) if canon & rc and (
                        len(kinds) == 1 and [classify_kind(c) for c in rc].count(*kinds) == 1 or
                        [classify_kind(c) for c in canon - rc] == [classify_kind(c) for c in rc - canon] ==
                        ["government"])), None)
                    if rec is not None:
                        all_forms = []
                if rec is None and not all_forms and m:
                    all_forms = _sides_told_before(art, si, clause[:m.start()])  # …座谈。随后，双方签署了X
                if rec is None:
                    n_sides = len(set(art.index.canonical(f) for f in all_forms))
                    one_side_told = n_sides == 1 and (_COUNTED_SIDE_RE.search(clause) or cut_here)
                    if ag is None and n_sides < 2 and not one_side_told:
                        continue  # (a signing the page cut after its first side, 乙区与重 |, keeps that side)
                    if ag is not None and n_sides < 2 and _NAMED_SIGNING_RE.search(clause):
                        continue  # 向此次战略合作协议的成功签订表示祝贺: speaks of a signing told elsewhere
                    if ag is not None and n_sides < 2 and re.fullmatch(r"\s*在[^，,。；;]*(签署|签约|签字)仪式上[，,]?\s*",
                                                                       clause):
                        continue  # 在甲省政府与国内知名高校战略合作协议签署仪式上，…: the occasion of what follows
                    if _AFTER_SIGNING_RE.search(clause):
                        continue  # 在A与B签署协议后，…: sets the time of what follows; the signing is told elsewhere
                    rec = _Record(title=clean_title(title) if title else None, subject=list(subject))
                    rec.evidence = Evidence(cs, ce, clause)
                    if ag and m and (another or _ANOTHER_SIGNING_RE.search(clause[:m.start()]) or (
                            _ALSO_LEAD_RE.fullmatch(art.text, s, cs) and not art.in_span("PARTY", cs, verb_abs))):
                        # 双方又签署了《B》: another agreement than those of the same sides told before
                        for other in records:
                            if normalize_name(other.title or "") != normalize_name(rec.title):
                                rec.apart.add(id(other))
                                other.apart.add(id(rec))
                    records.append(rec)
                for f in all_forms:
                    if f not in rec.party_forms:
                        rec.party_forms.append(f)
                if ag:
                    rec.scores.append(ag.score)
                if ag and m and title:
                    # 甲乙签订X协议，二级学院…分别签订具体的Y协议: two clauses of one sentence, each with its verb,
                    # sign two differently named agreements of the same sides; neither is the other told again
                    mine = normalize_name(clean_title(title))
                    mine_sides = {art.index.canonical(f) for f in rec.party_forms}
                    for other in here:
                        where, theirs = verb_named.get(id(other), (cs, ""))
                        if other is not rec and where != cs and not _subsequence(theirs, mine) and \
                                not _subsequence(mine, theirs) and \
                                mine_sides & {art.index.canonical(f) for f in other.party_forms}:
                            rec.apart.add(id(other))
                            other.apart.add(id(rec))
                    verb_named.setdefault(id(rec), (cs, mine))
                if ag and several:
                    claimed[id(rec)] = normalize_name(title)
                    for other in here:
                        if claimed.get(id(other), claimed[id(rec)]) != claimed[id(rec)]:
                            rec.apart.add(id(other))
                            other.apart.add(id(rec))
                rec.sentences.append(si)
                found, day, dtext = _sentence_date(art, s, e, verb_abs)
                if found and (not rec.date_from_sentence or (rec.date is None and day is not None)):
                    # a day named later replaces a vague 日前 of the same signing (headline 日前…, body 3月5日…)
                    rec.date, rec.date_text, rec.date_from_sentence = day, dtext, True
                elif rec.date is None and not rec.date_from_sentence:
                    rec.date, rec.date_text = _preceding_date(art, verb_abs)
                if rec not in here:
                    here.append(rec)
    return records


_ATTENDANCE_LIST_RE = re.compile(r"((参加|出席)了?(会议|座谈会|活动|仪式|签约仪式|签约活动)?(并(致辞|讲话))?|分别(致辞|讲话))"
                                 r"[。；;！!.]?\s*$")


def _names_only_sentence(art: _Article, start: int, sent: str) -> bool:
    """The sentence is a list of people (with their titles and organisations) and its closing verb, nothing else."""
    chars = list(sent)
    for e in art.ents_in(start, start + len(sent)):
        if e.label in ("OFFICIAL", "TITLE", "PARTY"):
            chars[e.start - start:e.end - start] = [""] * (e.end - e.start)
    rest = _ATTENDANCE_LIST_RE.sub("", "".join(chars))
    return not re.sub(r"[、，,\s和及等以]|[\u4e00-\u9fff]{0,4}领导|同志|负责人|一行|有关|相关|部门|单位", "", rest)


# a figure told as a whole (总投资, 总额, 共计, 合计): the same whole told again is no second amount
_TOTAL_BEFORE_RE = re.compile(r"总|共计|合计")
# the agreements told before, referred to (上述两份协议, 以上协议, 前述三项合同)
_TOLD_ABOVE_RE = re.compile(r"(上述|以上|前述)(两|[一二三四五六七八九十]|\d+)?(份|项|个)?(协议|合同|备忘录)(?!的)")
# (上述协议的补充协议: an agreement of its own, named by the one told before)
# a sentence telling only that the signing ceremony was held (…合作签约仪式在县城举行)
_CEREMONY_HELD_RE = re.compile(r"(签约|签字)(仪式|活动|大会|会)[^，,。；;将拟]{0,12}(举行|举办|召开)")  # (not 将在…举行)


def _witness_targets(art: _Article, records: list[_Record], sent_recs: list[_Record], sent: str,
                     prev_targets: list[_Record], official: Entity, sent_start: int = 0) -> list[_Record]:
    """The records a non-signing official in this sentence witnessed (empty when the sentence is about something
    else: a meeting, a speech at no ceremony)."""
    witness_cue = any(w in sent for w in WITNESS_CUES)
    if re.match(r"\s*(签约|签字|仪式|会议|活动)(结束)?(后|之后)", sent) and "见证" not in sent:
        return []  # 签约后，某某一行在…陪同下调研: what came after the signing, not at it
    if sent_recs and witness_cue:
        return sent_recs
    if not records:
        return []
    if re.search(r"见证了?(这一|此|这个|该)[^，,。]{0,4}时刻|见证[^，,。]{0,4}(签约|签字|签署)|见证下|"
                 r"见证[。；;！!.]?\s*$|见证(人|嘉宾|领导)(分别)?(为|是|有)", sent):  # …县长某某等见证。 见证人为…
        return prev_targets or records  # …共同见证了这一时刻 right after the signing is told
    if witness_cue and (_CEREMONY_RE.search(sent) or (art.attendees_witness and _ATTEND_RE.search(sent))):
        return records
    if attends_occasion(sent) or hosts_occasion(sent) or at_occasion(sent):
        return prev_targets or records  # 副市长郑向东参加。 仪式由某某主持。 签约仪式上，某某表示…
    if re.match(r"\s*(签约|签字)?仪式由", sent) and witness_cue:
        return records  # 仪式由副市长某某主持
    if _ATTENDANCE_LIST_RE.search(sent) and _names_only_sentence(art, sent_start, sent):
        return records  # 市领导甲、乙，集团副总经理丙参加(会议)。: the people at the event where the signing took place
    if _SPEECH_RE.search(sent) and "仪式" in art.text:
        aff = art.titles.get(official.text, ("", None))[1]
        own = [r for r in records if aff and art.index.canonical(aff) in
               {art.index.canonical(f) for f in r.party_forms}]
        return own or records
    return []


def _on_the_day(art: _Article, targets: list[_Record], s: int, e: int) -> list[_Record]:
    """The targets signed on a day the sentence text[s:e] names, when it names days: people who attended, spoke or
    accompanied a guest on another day (3月4日，…考察，县长某某陪同) were not at those signings."""
    days = {d for _, d in art.dates_in(s, e) if d is not None}
    if not days:
        return targets
    return [r for r in targets if r.date is None or r.date in days]


_CONGRATULATION_RE = re.compile(r"(对|向)[^，,。；]{0,30}(签约|签署|签订|签字)[^，,。；]{0,8}表示[^，,。；]{0,4}(祝贺|感谢|欢迎)")


def _signing_as_topic(clause: str, name_end: int) -> bool:
    """The clause speaks about the signing rather than has the person sign: congratulations on it (对…签约表示祝贺),
    the signing as a noun (协议的签署), a delegation's visit (一行到某县调研签约), or, in a headline, a phrase of its
    own after a space (某某会见总裁张三 甲市政府与乙公司签署…)."""
    rest = clause[name_end:]
    return bool(_CONGRATULATION_RE.search(clause) or _NAMED_SIGNING_RE.search(clause)
                or re.search(r"^[^，,。；]*一行[^，,。；]{0,12}(签约|签署|签订)", rest) or re.match(r"[ \u3000]+(?![与和同及代签分共一])\S", rest))


# a sentence whose subject is the people just named (双方, 宾主) saying they witnessed the signing
_PEOPLE_WITNESS_RE = re.compile(r"^\s*(双方|宾主|两人|他们|上述领导)[^。；;]{0,80}见证")


def _listed_after_signers_colon(art: _Article, s: int, o: Entity) -> bool:
    """The person stands in a list after a colon that introduces the signers (双方签约代表：A，B。 在协议上签字的分别是：
    A、B): the colon and the commas of the list cut the clause that says so off from the names."""
    colon = max(art.text.rfind("：", s, o.start), art.text.rfind(":", s, o.start))
    if colon < 0:
        return False
    lead_start = max(art.text.rfind(c, s, colon) for c in "，,") + 1 if colon > s else s
    return introduces_signers(art.text[max(s, lead_start):colon])


def _own_record_told_elsewhere(art: _Article, records: list[_Record], pool: list[_Record], o: Entity) -> list[_Record]:
    """The one record, told in another sentence, whose sides include the organisation the signatory serves when
    no record of this sentence does (…签署三方合作协议，并与绿源科技董事长某某签署项目投资协议, the investment
    agreement with 绿源科技有限公司 told before): the person signs that one."""
    aff = art.titles.get(o.text, ("", None))[1]
    if not aff or not pool:
        return []
    own_canon = art.index.canonical(aff)
    if any(own_canon in {art.index.canonical(f) for f in r.party_forms} for r in pool):
        return []
    own = [r for r in records if r not in pool and own_canon in {art.index.canonical(f) for f in r.party_forms}]
    return own if len(own) == 1 else []


_FOR_BOTH_SIDES_RE = re.compile(r"代表(双方|各方|三方|两方)[^，,。；;]{0,4}(签约|签字|签署|签订)")
# a clause cut off after its sides: 甲、乙分别与丙 | (end of the saved page)
# the item before a cut one in a list of signings, one a line (…甲区与A公司签约，建设…，投资8亿元；)
_CUT_LIST_ITEM_RE = re.compile(r"(与|同)[^，,。；;\n]{2,30}(签约|签署|签订)[^\n]*[；;。]?\s*\n\s*$")
_CUT_SIGNING_RE = re.compile(r"(分别|共同)?(与|同)[^，,。；;与同]{2,30}$")
# the clause has someone sign an agreement (not 与签约客商会谈: "signing" as an adjective)
_SIGNS_AN_AGREEMENT_RE = re.compile(r"(签订|签署|签下|签定)了?[^，,。；;]{0,20}(协议|合同|备忘录|协议书)")


def _with_signings_just_told(art: _Article, records: list[_Record], sent_recs: list[_Record],
                             prev_targets: list[_Record], s: int, e: int) -> list[_Record]:
    """The records a sentence about signing speaks of: those it tells, and, when it names no side beyond the ones
    every signing just told has (市长某某代表市政府与三家企业负责人分别签约, after 市政府分别与A、B、C签署…),
    all of those: its people signed or witnessed each of them, not only the last."""
    told = prev_targets or records
    if len(told) < 2 or not SIGN_VERBS_RE.search(art.text[s:e]) or all(r in sent_recs for r in told):
        return sent_recs
    here = {art.index.canonical(art.form(x)) for x in art.in_span("PARTY", s, e)}
    if not all(here <= {art.index.canonical(f) for f in r.party_forms} for r in told):
        return sent_recs
    return [r for r in records if r in told or r in sent_recs]


def _signings_after_semicolons(art: _Article, records: list[_Record], si: int) -> list[_Record]:
    """The records told in the pieces after sentence si that a semicolon joins to it, up to the full stop (在甲的
    见证下，A与B签署…；C与D、E分别签署…。: the witnessing phrase leads every signing of the sentence)."""
    out: list[_Record] = []
    while si + 1 < len(art.sentences) and re.search(r"[；;]\s*$", art.text[slice(*art.sentences[si])]):
        si += 1
        ps, pe = art.sentences[si]
        if _OWN_WITNESS_OR_DAY_RE.search(art.text, ps, pe) or art.dates_in(ps, pe):
            break  # (a piece with its own witnesses, 在乙的见证下…, or of its own day, 次日…, is not led by the phrase)
        out += [r for r in records if si in r.sentences]
    return out


# a piece of a sentence telling its own witnesses or another time than the sentence's lead
_OWN_WITNESS_OR_DAY_RE = re.compile(r"见证|陪同下|出席|次日|翌日|此前|之前|早前|日前|此后|前期|去年|上月|上周")


def _own_records(art: _Article, pool: list[_Record], o: Entity) -> list[_Record]:
    """Of several signings told together, those whose sides include the organisation the signatory serves (丰泰银行
    of 分别与丰泰银行副行长甲、远通银行行长乙签署): each counterpart's signer signs its own agreement. Empty when
    the person's organisation is unknown or is a side of every one of them (the host who signs them all)."""
    if len(pool) < 2:
        return []
    aff = art.titles.get(o.text, ("", None))[1]
    if not aff:
        return []
    own_canon = art.index.canonical(aff)
    own = [r for r in pool if own_canon in {art.index.canonical(f) for f in r.party_forms}]
    return own if len(own) < len(pool) else []


def _assign_officials(art: _Article, records: list[_Record]) -> None:
    """Signatories and witnesses per sentence; ceremony-wide attendance and speeches go on every record."""
    prev_targets: list[_Record] = []
    waiting: list[Entity] = []  # people of a names-only piece ending in ；, waiting for the verb of the next piece
    unplaced: list[Entity] = []  # people of the last sentence on no record (a meeting's host and guests)
    for si, (s, e) in enumerate(art.sentences):
        sent = art.text[s:e]
        officials = art.in_span("OFFICIAL", s, e)
        if not officials:
            if unplaced and records and _PEOPLE_WITNESS_RE.search(sent):
                # 甲会见了乙一行。双方…共同见证了…协议的签署: the people of the meeting witnessed it
                for r in [r for r in records if si in r.sentences] or prev_targets or records:
                    for w in unplaced:
                        r.officials.setdefault(w.text, "witness")
                        r.official_ev.setdefault(w.text, Evidence(w.start, w.end, w.text))
            prev_targets = [r for r in records if si in r.sentences] if SIGN_VERBS_RE.search(sent) else []
            if records and SIGN_VERBS_RE.search(sent) and _CEREMONY_HELD_RE.search(sent) and \
                    not art.in_span("PARTY", s, e):
                # 某县…签约仪式在县城举行。甲、乙出席。: the people attending it witness every signing told of it (not
                # those of another ceremony told held before or after it: 上午…签约仪式举行…；下午…签约仪式举行…)
                held = [i for i, (a, b) in enumerate(art.sentences) if i != si and
                        _CEREMONY_HELD_RE.search(art.text[a:b]) and not art.in_span("PARTY", a, b)]
                lo = si if any(i < si for i in held) else -1  # (the signings between two are the first one's)
                hi = min((i for i in held if i > si), default=len(art.sentences))
                prev_targets = [r for r in records if not r.sentences or lo < min(r.sentences) < hi]
            waiting = []
            unplaced = []
            continue
        if re.search(r"[；;]\s*$", sent) and _names_only_sentence(art, s, sent.rstrip().rstrip("；;")):
            # 甲总裁张三；乙市委书记李四、市长王五；…等领导出席仪式并见证签约: one list cut by semicolons
            waiting += [o for o in officials if not REPORTER_RE.search(art.titles.get(o.text, ("", None))[0])]
            continue
        sent_recs = _with_signings_just_told(art, records, [r for r in records if si in r.sentences],
                                             prev_targets, s, e)
        clauses = art.clauses(s, e)
        targets_here: list[_Record] = []
        for o in officials:
            if REPORTER_RE.search(art.titles.get(o.text, ("", None))[0]) or in_byline(art.text, o.start):
                continue  # reporters write about the signing, they do not attend it as officials
            cs, ce = next(((a, b) for a, b in clauses if a <= o.start < b), (s, e))
            clause = art.text[cs:ce]
            # 某某会见总裁张三 甲市政府与乙公司签署…: a headline whose next phrase is the signing
            headline_signing = re.match(r"[ \u3000]+\S[^，,。；]*(签约|签署|签订|签字)", clause[o.end - cs:])
            if (is_met_guest(sent, o.start - s) and not headline_signing) or is_cited(sent, o.start - s):
                continue  # 会见了…董事长某某一行 (the guest received), 学习贯彻某某…讲话 (cited): no witness here
            # 该协议由A和B共同签署。代表双方签字的分别是…: signers named in the sentence after the signing's own
            pool = sent_recs or (prev_targets or records if SIGNERS_NAMED_AFTER_RE.search(clause) else [])
            if not pool and len(records) == 1 and _FOR_BOTH_SIDES_RE.search(clause, o.end - cs):
                # 副区长甲与某公司中国区总裁乙代表双方签约: "both sides" are the article's one signing's, however the
                # clause names the people's units
                pool = records
            if len(pool) < 2 and not art.in_span("PARTY", s, e) and signatory_in_clause(clause, o.end - cs) and \
                    _SIGNS_AN_AGREEMENT_RE.search(clause, o.end - cs):
                # 仪式上，副主任某某分别与四家企业负责人签订投资协议: a signing sentence naming no side is about
                # the signings just told (the agreement name it writes may have tied it to the last of them only)
                told = set(map(id, (prev_targets or records) + pool))
                pool = [r for r in records if id(r) in told]
            current = pool and not is_history_clause(clause, art.year)
            signs = current and (signatory_in_clause(clause, o.end - cs) or _listed_after_signers_colon(art, s, o))
            if current and re.search(r"签约|签署|签订|签字", clause[o.end - cs:]) and \
                    _signing_as_topic(clause, o.end - cs):
                targets, role = pool, "witness"  # present at the signing the sentence speaks about
            elif signs:
                named = {normalize_name(a.text) for a in art.in_span("AGREEMENT", cs, ce)}
                titled = [r for r in pool if normalize_name(r.title or "") in named]
                # (of several agreements of one name, 分别与A院长甲、B书记乙签署校地合作协议: each signs A's or B's)
                above = _TOLD_ABOVE_RE.search(clause, o.end - cs)
                told = [r for r in records if r.sentences and min(r.sentences) < si]
                if above and told:
                    # 县长某某代表县政府签署上述两份协议: the agreements just told, as many as it counts (all without one)
                    k = above.group(2) or ""
                    n = 2 if k == "两" else _SIDE_COUNT.find(k) if k and k in _SIDE_COUNT else \
                        int(k) if k.isdigit() else len(told)
                    targets = told[-n:] if 0 < n <= len(told) else told
                else:
                    targets = (_own_records(art, titled or pool, o) or titled
                               or _own_record_told_elsewhere(art, records, pool, o)
                               or (pool if "分别" in clause else pool[-1:]))
                role = "witness" if leads_delegation(clause, o.end - cs) else "signatory"
            elif re.search(r"会见|拜会|会晤|接见|看望", art.text[cs:o.start]) and not witness_together(sent):
                continue  # 出席签约仪式，并会见某集团董事长张三: the person met (unless they 共同见证 the signing)
            else:
                targets = _on_the_day(art, _witness_targets(art, records, sent_recs, sent, prev_targets, o, s), s, e)
                lead = re.search(r"在[^，,。；;]{1,40}?(见证|陪同)下", sent)
                if targets and lead and lead.start() <= o.start - s < lead.end() and \
                        not art.in_span("PARTY", s, s + lead.start()):
                    # (only a phrase leading the sentence leads its pieces: in 甲与乙在某某的见证下签署…；… it is the first's own)
                    targets += [r for r in _signings_after_semicolons(art, records, si) if r not in targets]
                role = "witness"
            for r in targets:
                if role == "signatory":
                    r.officials[o.text] = role
                else:
                    r.officials.setdefault(o.text, role)
                r.official_ev.setdefault(o.text, Evidence(o.start, o.end, o.text))
            targets_here += [r for r in targets if r not in targets_here]
            for w in (waiting if role == "witness" else []):
                for r in targets:
                    r.officials.setdefault(w.text, role)
                    r.official_ev.setdefault(w.text, Evidence(w.start, w.end, w.text))
            if role == "witness" and targets:
                waiting = []
        waiting = []
        prev_targets = targets_here or (sent_recs if SIGN_VERBS_RE.search(sent) else [])
        unplaced = [o for o in officials if not any(o.text in r.officials for r in records)
                    and not REPORTER_RE.search(art.titles.get(o.text, ("", None))[0])
                    and not in_byline(art.text, o.start) and not is_cited(sent, o.start - s)]


def _records_named_in(art: _Article, records: list[_Record], s: int, e: int) -> list[_Record]:
    """The records whose own party (one not shared by every record, so not the common government) is named in
    text[s:e]: 星河科技光伏项目投资12亿元 belongs to the 星河科技 agreement, not to every agreement of the day."""
    if len(records) < 2:
        return []
    sets = [{art.index.canonical(f) for f in r.party_forms} for r in records]
    common = set.intersection(*sets)
    named = {art.index.canonical(art.form(p)) for p in art.in_span("PARTY", s, e)} - common
    own = [r for r, ps in zip(records, sets) if ps & named]
    if own:
        return own
    # a name the tagger ran on (海岚纺织智能染 of 海岚纺织智能染整项目): the one record whose side holds its first
    # four characters, the company's own words
    heads = {n[:4] for n in named if len(n) >= 5}
    own = [r for r, ps in zip(records, sets) if any(h in x for h in heads for x in ps - common)]
    return own if len(own) == 1 else []


# money the sentence ties to the agreement itself (根据协议，某行将为…提供10亿元资金; 协议引资45亿元)
# a period's signings told before the money (今年以来，我县已先后…签约项目21个，协议总投资218亿元)
_PERIOD_TALLY_RE = re.compile(r"(今年|年初|去年)以来|近[两二三四五六七八九十]年|上半年|前三季度|"
                              # a span of months leading its clause (今年1至8月，全区新签约…), not a schedule (将于5至8月建设)
                              # (项目建设工期为3至8月，总投资…: a schedule inside the clause, no tally)
                              r"(^|[，,。；;\s])(今年|去年|[0-9]{4}年)?"
                              r"[0-9一二三四五六七八九十]{1,2}(至|到|-|－|—|~|～)[0-9一二三四五六七八九十]{1,2}月份?[，,]")
# the one project a sentence tells of (该项目今年上半年开工建设，总投资10亿元: its schedule, no period's tally)
_ONE_PROJECT_RE = re.compile(r"(该|此|这一?个?)项目")
_AMOUNT_OF_AGREEMENT_RE = re.compile(r"根据协议|协议约定|按照协议|协议(引资|金额|总额|投资)|合作内容|"
                                     r"将(向|为)[^，,。；]{0,30}提供")


# a day the text plans for (将于6月1日开工, 计划于…, 预计…): the project's future, not another day's event
_PLAN_BEFORE_DATE_RE = re.compile(r"(将|拟|计划|预计|力争|争取|有望|确保|预定|定于)[于在到]?\s*$")


def _planned_day(art: _Article, date: Entity) -> bool:
    return bool(_PLAN_BEFORE_DATE_RE.search(art.text[max(0, date.start - 6):date.start]))


# what a company is, not what it puts into a project (年营收, 产值, 总资产, 市值): 年营收超50亿元的某公司
_COMPANY_FIGURE_RE = re.compile(r"(营收|收入|产值|资产|市值|资本|利税|纳税|销售额)[^，,。；]{0,4}$")


def _describes_company(art: _Article, a: Entity) -> bool:
    """The amount is a figure of the company named right after it (年营收超50亿元的某公司): 投资1.8亿元的某公司面粉
    加工项目 gives the money of a project and is kept."""
    m = re.match(r"(左右|以上|多)?的", art.text[a.end:a.end + 3])
    if not m or not _COMPANY_FIGURE_RE.search(art.text[max(0, a.start - 10):a.start]):
        return False
    return any(p.start == a.end + m.end() for p in art.in_span("PARTY", a.end, a.end + m.end() + 40))


# a figure of a whole industry (鞋服产业年产值超过3000亿元, 产业集群规上企业营业收入突破420亿元, 打造千亿元新能源产业
# 集群): the place's economy the article describes, not money of a project or an agreement
_SECTOR_FIGURE_RE = re.compile(r"(产业|行业|集群|产业链)(?:(?!项目|基金)[^，,。；;]){0,12}(年?产值|营业收入|营收|销售收入)"
                               r"(?:(?!项目)[^，,。；;]){0,8}$")
_SECTOR_NAMED_AFTER_RE = re.compile(r"级?(?!的)[\u4e00-\u9fff]{0,10}(产业集群|产业基地)")


def _describes_sector(art: _Article, a: Entity, clause_start: int) -> bool:
    """The amount is a figure of an industry, told in its own clause (…产业年产值超过3000亿元) or naming the cluster
    it sizes (千亿元新能源产业集群); 项目 between the industry word and the figure makes it a project's (该产业项目达产后
    年产值50亿元), and a cluster the parties aim at (形成年产值100亿元的产业集群) is the agreement's target."""
    return bool(_SECTOR_FIGURE_RE.search(art.text[clause_start:a.start]) or
                _SECTOR_NAMED_AFTER_RE.match(art.text, a.end))


_CONVERSION_RE = re.compile(r"[（(]\s*(约合|折合|合计|合|相当于|约)?\s*(人民币)?\s*$|"
                            r"[，,]\s*(约合|折合|相当于)\s*(人民币)?\s*约?\s*$")


def _of_a_fair_tally(art: _Article, a: Entity) -> bool:
    """The amount shares its sentence with a count of signed projects larger than records are written for
    (MAX_COUNTED_PROJECTS): the total of a fair or a year, like the count itself."""
    _, (s, e) = art.sentence_of(a.start)
    for rx in _SIGNED_COUNT_RES:
        for m in rx.finditer(art.text, s, e):
            n = cn_number(m.group("n").replace("两", "二"))
            if n is not None and n > MAX_COUNTED_PROJECTS:
                return True
    return False


# the day a reporter learned of it (3月6日，记者从某局了解到…): no other event than the signing it reports
_REPORTING_DAY_RE = re.compile(r"(上午|下午)?[，,]?\s*[^，,。；;]{0,16}(了解到|获悉|得知)")
# signings told as done before (其中总投资25亿元的某项目已正式签约, 一批项目相继落户): money of another signing or a tally;
# a fund set up before (近期还设立了10亿元产业引导基金)
_PERIOD_WORD_RE = re.compile(r"今年|近年|去年|此前|之前|以来|年初")
_EARLIER_SIGNING_RE = re.compile(r"(已|已经|先后|陆续|相继)(集中|现场|正式|成功|顺利)?(签约|签订|签署|落户|落地)")
# (双方共同设立了规模10亿元的产业基金, told after the signing: the fund the sides set up by it)
_DONE_BEFORE_RE = re.compile(_EARLIER_SIGNING_RE.pattern + r"|(已|已经)(设立|成立|组建)|"
                             r"(?<!共同)(?<!联合)(?<!合资)(?<!双方)(?<!三方)(设立|成立|组建)了")
# a comparison with last year (比去年底增加9个): the sentence reports a period's figures
_COMPARED_RE = re.compile(r"(比|较)(去年|上年|上一年|年初)")
# a territory's signings counted (全市各县（市、区）现场签约项目58个): a tally over more than this article's signing
_TERRITORY_RE = re.compile(r"全(县|市|区|省|州|旗)|各(县|市|区|地|设区市)")


def _money_of_another_event(art: _Article, a: Entity, s: int, e: int, cs: int) -> bool:
    """The amount's sentence ties it to something other than this signing: a period's signings told done (今年一季度，
    某县已签约重点项目23个，总投资186亿元; 今年…其中总投资25亿元的某项目已正式签约), a territory's count of signings
    (全市各县现场签约项目58个，总投资超过420亿元), or projects promoted, visited or negotiated (推介, 参观, 对接洽谈项目
    312个). Where the sentence also tells a signing, projects shown count only in the amount's own clause."""
    said, before = art.text[s:e], art.text[s:a.start]
    if re.match(r"\s*据统计", said) and not _OCCASION_RE.search(said):
        return True  # 据统计，今年全省新签约项目超过800个，签约总额突破1万亿元: the statistics of a period (本次大会… is the
        # occasion's own total)
    if _EARLIER_SIGNING_RE.search(said) and _PERIOD_WORD_RE.search(before) and not _OCCASION_RE.search(said):
        return True
    if _TERRITORY_RE.search(before) and any(rx.search(before) for rx in _SIGNED_COUNT_RES):
        return True
    signing = SIGN_VERBS_RE.search(said)
    return tells_other_activity(art.text[cs:a.start] if signing else before, art.text[cs:a.start]) and \
        not SIGN_VERBS_RE.search(art.text[cs:a.start]) and not _AMOUNT_OF_AGREEMENT_RE.search(said)


_ROUNDING_WORDS = {"超过", "超", "逾", "近", "将近", "接近", "约", "大约"}


def _exact_telling(art: _Article, a: Entity, amounts: list[Entity]) -> Optional[Entity]:
    """The exact figure (总投资67.5亿元 in the headline) that the amount rounds (签约资金超过67亿元), among `amounts`
    told in other sentences; None when the amount is no rounded telling of one of them. 超过/逾 round down, 近 up,
    约 either way, at the rounded figure's last digit; a part told in the same sentence (约50亿元，其中一期49亿元) is
    no rounding."""
    qualifier = amount_qualifier(a.text, art.text[max(0, a.start - 4):a.start])
    if qualifier not in _ROUNDING_WORDS:
        return None
    v, vmax, _ = parse_amount(a.text)
    if v is None or vmax is not None or v < 1e4:
        return None
    step = 1  # the place of the rounded figure's last digit (67亿: 1亿)
    while int(v) % (step * 10) == 0:
        step *= 10
    ways = {math.floor, math.ceil, round} if qualifier in ("约", "大约") else (
        {math.ceil} if qualifier in ("近", "将近", "接近") else {math.floor})
    for b in amounts:
        w, wmax, _ = parse_amount(b.text)
        if w is None or wmax is not None or w == v or art.sentence_of(b.start)[0] == art.sentence_of(a.start)[0] or \
                amount_qualifier(b.text, art.text[max(0, b.start - 4):b.start]):
            continue
        if any(f(w / step) * step == v for f in ways):
            return b
    return None


def _drop_rounded_retellings(art: _Article, records: list[_Record]) -> None:
    """Run once every record has its money (the counted projects' included): a rounded telling of a figure another
    sentence gives exact (签约资金超过67亿元 beside 总投资67.5亿元) is that figure, on every record that has it; not
    when the exact figure is told of a record the rounded one is not (约12亿元 of one project beside another project's
    12.3亿元 is its own)."""
    owners: dict[tuple[int, int], set[int]] = {}
    for r in records:
        for a in r.amounts:
            owners.setdefault((a.start, a.end), set()).add(id(r))
    told = list({(b.start, b.end): b for r in records for b in r.amounts}.values())
    for r in records:
        kept: list[Entity] = []
        for a in r.amounts:
            mine = owners[(a.start, a.end)]
            a = _exact_telling(art, a, [b for b in told if owners[(b.start, b.end)] <= mine]) or a
            if a not in kept:
                kept.append(a)
        r.amounts = kept


def _restates_previous(art: _Article, a: Entity) -> bool:
    """The amount restates the one written right before it, in brackets (5000万美元（约合3.5亿元人民币）) or after a
    comma with a conversion word (1亿美元，折合人民币约7亿元)."""
    m = _CONVERSION_RE.search(art.text[max(0, a.start - 8):a.start])
    if not m:
        return False
    bracket = a.start - len(m.group())
    return any(x.label == "AMOUNT" and not art.text[x.end:bracket].strip()
               for x in art.ents_in(max(0, bracket - 30), bracket))


def _respective_amounts(art: _Article, records: list[_Record]) -> set:
    """分别向我省投入300亿元、50亿元和200亿元 after one sentence's separate signings with as many counterparts: each
    amount is the counterpart's in the order the signing sentence lists them, or in the order this sentence names them
    before 分别 (乙、丙将分别投入…). Returns the ids of the amounts given."""
    given: set = set()
    for m in re.finditer(r"分别", art.text):
        si, (s, e) = art.sentence_of(m.start())
        if re.search(r"(与|同|和|跟)\s*$", art.text[m.end():m.end() + 2]):
            continue  # (分别与A、B签署: the list names sides, not money)
        amounts: list[Entity] = []  # the run of money right after 分别 (…50亿元，丙将投入200亿元 ends it)
        for a in art.in_span("AMOUNT", m.end(), e):
            if not is_money(a.text) or not re.fullmatch(r"\s*[、和及与,，]\s*" if amounts else r"[^，,。；;]*",
                                                        art.text[amounts[-1].end if amounts else m.end():a.start]):
                break
            amounts.append(a)
        if len(amounts) < 2 or any(id(a) in given for a in amounts):
            continue
        # whose money: the counterparts this sentence names before 分别, each a side of one record only
        sides = [{art.index.canonical(f) for f in r.party_forms} for r in records]
        named: list[_Record] = []
        for x in art.in_span("PARTY", s, m.start()):
            holders = [r for r, rc in zip(records, sides) if art.index.canonical(art.form(x)) in rc]
            if len(holders) == 1 and holders[0] not in named:
                named.append(holders[0])
        if len(named) == len(amounts):
            for r, a in zip(named, amounts):
                r.amounts.append(a)
                given.add(id(a))
            continue
        # or counted there (三家保险机构将分别…, 两个项目总投资分别为…): else the run is no one's in turn (2022年、2023年
        # 保费收入分别达到…: figures of years)
        if named or not re.search(r"[两二三四五六七八九十几\d]+(家|个|方|所|位|项|笔)|各方|双方",
                                  art.text[s:m.start()]):
            continue
        # the latest sentence up to here that tells as many signings as there are amounts
        told = ((j, [r for r in records if j in r.sentences]) for j in range(si, -1, -1))  # (lazily: the first fits)
        j, group = next(((j, g) for j, g in told if len(g) == len(amounts)), (None, []))
        if not group:
            continue
        shared = set.intersection(*[{art.index.canonical(f) for f in r.party_forms} for r in group])
        gs, ge = art.sentences[j]
        places = []
        for r in group:
            own = {art.index.canonical(f) for f in r.party_forms} - shared
            places.append(min((x.start for x in art.in_span("PARTY", gs, ge)
                               if art.index.canonical(art.form(x)) in own), default=-1))
        if -1 in places or len(set(places)) != len(places):
            continue
        for (_, r), a in zip(sorted(zip(places, group), key=lambda pr: pr[0]), amounts):
            r.amounts.append(a)
            given.add(id(a))
    return given


_BY_AGREEMENT_RE = re.compile(r"(根据|按照|依据|依照)[《“\"]?(?P<name>[\u4e00-\u9fff]{2,16}?(协议|合同|备忘录))")


def _records_of_named_agreement(art: _Article, records: list[_Record], s: int, e: int) -> list[_Record]:
    """根据项目投资协议，某公司将投资60亿元: the money of the records whose name the sentence gives (when some, not
    all, of the records carry it)."""
    m = _BY_AGREEMENT_RE.search(art.text, s, e)
    if not m or len(records) < 2:
        return []
    name = normalize_name(m.group("name"))
    if re.fullmatch(r"(合作)?(框架)?(协议|合同|备忘录)", name):
        return []  # (根据合作协议: a word every agreement is, naming none of them)
    own = [r for r in records if r.title and (name in normalize_name(r.title) or
                                                  _subsequence(name, normalize_name(r.title)))]
    return own if 0 < len(own) < len(records) else []


def _assign_amounts(art: _Article, records: list[_Record]) -> None:
    """Money in a signing sentence goes on its records; money elsewhere goes on every record when its paragraph
    speaks of no other day and the sentence says what it is for (投资, 授信…)."""
    rec_days = {r.date for r in records}
    given = _respective_amounts(art, records)
    for a in (x for x in art.ents if x.label == "AMOUNT" and is_money(x.text)):
        if id(a) in given:
            continue
        if is_size_class(art.text[a.end:a.end + 12], art.text[max(0, a.start - 8):a.start]):
            continue  # 第3个10亿元以上项目: a bracket of project size
        if is_unit_price(a.text, art.text[max(0, a.start - 12):a.start], art.text[a.end:a.end + 4]):
            continue  # 2万元/吨, 电价0.35元, 人均增收3000元: a price or a figure per head, no sum signed for
        if is_unitless_quantity(a.text, art.text[max(0, a.start - 12):a.start]):
            continue  # 总用地面积14.68万: square metres with the unit left out
        if _restates_previous(art, a):
            continue  # 5000万美元（约合3.5亿元人民币）: the same money in another currency
        if _describes_company(art, a):
            continue  # 与年营收超50亿元的某公司签约: a figure of the company, not money of the signing
        if _of_a_fair_tally(art, a):
            continue  # 签约项目203个，投资总额7795亿元: a fair's total over more signings than records are written for
        si, (s, e) = art.sentence_of(a.start)
        owners = [r for r in records if si in r.sentences]
        cs, ce = next(((a0, b0) for a0, b0 in split_clauses(art.text, s, e) if a0 <= a.start < b0), (s, e))
        if _describes_sector(art, a, cs):
            continue  # 鞋服产业年产值超过3000亿元: a figure of an industry
        if not owners:
            ps, _ = art.paragraph_of(a.start)
            days = [d for ent, d in art.dates_in(ps, a.start) if d is not None and not _planned_day(art, ent)
                    and not _REPORTING_DAY_RE.match(art.text, ent.end)]
            if days and days[-1] not in rec_days:
                continue
            said = art.text[s:e]
            # (近三年累计引进项目47个，协议投资额超过390亿元: a period's tally, whatever words it uses for the money)
            # (history told after the money's clause, …，这是该公司继2015年落户以来的第三次增资, leaves the money this
            # signing's; a comparison with last year, 比去年底增加9个, still makes the sentence a period's figures, and
            # 今年上半年 one of the period unless the sentence plans: 预计2015年上半年建成投产，达产后年销售收入约5亿元)
            if is_statistic(said) or (not speaks_of_agreement_money(said) and not _AMOUNT_OF_AGREEMENT_RE.search(said)) \
                    or is_history_clause(art.text[s:ce], art.year) or _COMPARED_RE.search(said) \
                    or (_PERIOD_TALLY_RE.search(art.text[s:a.start]) and not _PLAN_RE.search(said)
                        and not _ONE_PROJECT_RE.search(said)) \
                    or reports_standing_figure(art.text[s:a.start]) \
                    or (_DONE_BEFORE_RE.search(said) and not _OCCASION_RE.search(said)
                        and not _AMOUNT_OF_AGREEMENT_RE.search(said)) \
                    or _money_of_another_event(art, a, s, e, cs):
                continue  # (青川县规模以上工业总产值达150亿元: what a place or a company earns; 其中总投资25亿元的某项目
                # 已正式签约, 近期还设立了10亿元产业引导基金: done before, not by this signing)
            # 其中，A光伏项目投资20亿元，B储能项目投资40亿元: the clause names whose money it is, else the sentence
            owners = _records_named_in(art, records, cs, ce) or _records_named_in(art, records, s, e) or \
                _records_of_named_agreement(art, records, s, e) or records
        else:
            if is_statistic(art.text[cs:ce]) or is_running_total(art.text[s:a.start]) or \
                    _PERIOD_TALLY_RE.search(art.text[s:a.start]):
                # …相继签约落地，累计到位投资51亿元; 全县累计签约项目45个，总投资320亿元: a running total told with
                # the signings, not the money of one
                continue
            if _money_of_another_event(art, a, s, e, cs):
                continue  # 签约前，考察团参观了总投资20亿元的物流园项目: a project visited, not signed
            if len(owners) > 1:
                # 与投资20亿元的甲公司光伏项目、投资8亿元的乙公司储能项目签约: the money of the company named right after it
                m = re.match(r"(左右|以上|多)?的", art.text[a.end:a.end + 3])
                described = next((p for p in art.in_span("PARTY", a.end, a.end + 60)
                                  if m and p.start == a.end + m.end()), None)
                owners = (described and _records_named_in(art, owners, described.start, described.end)) or \
                    _records_named_in(art, owners, cs, ce) or _records_named_in(art, owners, s, e) or owners
        for r in owners:
            r.amounts.append(a)


def _party_objects(art: _Article, rec: _Record) -> list[Party]:
    out: list[Party] = []
    seen = set()
    for f in rec.party_forms:
        c = art.index.canonical(f)
        if c in seen or not c:
            continue
        seen.add(c)
        ev = next((Evidence(e.start, e.end, e.text) for e in art.party_mentions(c)), None)
        aliases = art.index.aliases(c)
        unit = re.match(r"(我|本)(校|院|行|所|公司|集团)(?P<unit>.{3,})$", c)
        if unit and _ORG_ENDING_RE.search(c):
            # 我校机械工程学院: the unit's name is 机械工程学院; the first-person form stays an alias (D7)
            c, aliases = unit.group("unit"), [c] + [a for a in aliases if a != unit.group("unit")]
        out.append(Party(name=c, kind=classify_kind(c), aliases=aliases, evidence=ev))
    return out


def _party_score(art: _Article, name: str) -> float:
    """Best tagger score among the PARTY mentions of one party (0.5 when it was only read from a title)."""
    vals = [e.score for e in art.party_mentions(name)]
    return max(vals) if vals else 0.5


def _to_agreement(art: _Article, rec: _Record) -> Agreement:
    parties = _party_objects(art, rec)
    pk = [(p.name, p.kind) for p in parties]
    art_parties = [(c, classify_kind(c)) for c in dict.fromkeys(art.index.canonical(art.form(e)) for e in art.ents
                                                                 if e.label == "PARTY")]
    officials = []
    for name, role in sorted(rec.officials.items(), key=lambda kv: kv[1] != "signatory"):
        title, party_text = art.titles.get(name, ("", None))
        party = affiliation(title or art.group_labels.get(name, ""),
                            art.index.canonical(party_text) if party_text else None, pk, art_parties)
        officials.append(Official(name=name, title=title or None, party=party, role=role,
                                  evidence=rec.official_ev.get(name)))
    amounts = []
    told = {}  # (value, upper end, currency, purpose) already in the record -> (its sentence, told as a total)
    headline_end = art.text.find("\n")
    for a in rec.amounts:
        value, vmax, cur = parse_amount(a.text)
        si, (s, e) = art.sentence_of(a.start)
        if si < 0:
            s, e = a.start, a.end
        purpose = amount_purpose(art.text[s:e])
        total = a.start < headline_end or bool(_TOTAL_BEFORE_RE.search(art.text, max(s, a.start - 8), a.start))
        first_si, first_total = told.setdefault((value, vmax, cur, purpose), (si, total))
        if first_si != si and first_total and total:
            continue  # the same total told again (总投资126亿元 in the headline and in the lead) is one amount; two
            # figures of one value in one sentence are two (投资10亿元，达产后年产值10亿元), and so are two parts told
            # apart (一期投资5亿元。二期投资5亿元)
        qualifier = amount_qualifier(a.text, art.text[max(s, a.start - 4):a.start])
        start = a.start
        if qualifier and not a.text.lstrip().startswith(qualifier):
            start = a.start - len(qualifier)  # the evidence and text cover 超过20亿元, not just 20亿元
        amounts.append(Amount(text=art.text[start:a.end], value=value, value_max=vmax, currency=cur,
                              purpose=purpose, evidence=Evidence(start, a.end, art.text[start:a.end]),
                              qualifier=qualifier))
    # the tagger's confidence in the agreement name and in the party mentions, lowered when a side is missing
    scores = rec.scores + [_party_score(art, p.name) for p in parties]
    conf = (sum(scores) / len(scores) if scores else 0.3) * (1.0 if len(parties) >= 2 else 0.6)
    if rec.counted:
        conf = max(conf, 0.5)  # the article says the project was signed (its count), not with whom: real, half known
    return Agreement(title=rec.title, parties=parties, officials=officials,
                     date=rec.date.isoformat() if rec.date else None, date_text=rec.date_text, amounts=amounts,
                     evidence=rec.evidence, confidence=max(0.0, min(1.0, conf)))


def _split_separate_signings(art: _Article, records: list[_Record]) -> list[_Record]:
    """A同B、C举行签约仪式 … 双方分别签署: one subject with several counterparts whose record's sentences say the
    signings were separate (分别签) is one record per counterpart."""
    sents = art.sentences
    out: list[_Record] = []
    for r in records:
        subj = {art.index.canonical(f) for f in r.subject}
        others = list(dict.fromkeys(art.index.canonical(f) for f in r.party_forms
                                    if art.index.canonical(f) not in subj))
        said = [art.text[sents[i][0]:sents[i][1]] for i in r.sentences if i < len(sents)]
        separate = any(re.search(r"分别[^，,。；]{0,6}(签|与)", t) for t in said) and not any(
            _signed_jointly(art, t, r.party_forms) for t in said)  # 分别代表三方签订: one agreement of three
        if len(subj) != 1 or len(others) < 2 or not separate or len(subj | set(others)) != len(
                {art.index.canonical(f) for f in r.party_forms}):
            out.append(r)
            continue
        subject_form = next(f for f in r.party_forms if art.index.canonical(f) in subj)
        for o in others:
            piece = _Record(title=r.title, subject=list(r.subject), party_forms=[subject_form, o], date=r.date,
                            date_text=r.date_text, date_from_sentence=r.date_from_sentence, evidence=r.evidence,
                            scores=list(r.scores), sentences=list(r.sentences))
            out.append(piece)
    return out


def _same_sides(a: set, b: set) -> bool:
    """Two records' parties denote the same sides: equal; or one record lacks a side the other has (a headline
    that names one party); or each name of one (the one with fewer sides, a headline's) pairs with a name of the
    other it abbreviates (农发行青岛分行 / 中国农业发展银行青岛市分行, 省水果协会 / 某省高原水果产业协会: same kind, one a
    subsequence of the other)."""
    if a == b:
        return len(a) >= 2
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return False
    if small < large:
        return len(large) >= 2
    if len(large) < 2:
        return False

    fewer = len(small) < len(large)

    def pairs(x, y):
        if x == y:
            return True
        if classify_kind(x) != classify_kind(y):
            return False
        if fewer and classify_kind(x) == "government":
            # (雅安市人民政府 is not 雅安市名山区人民政府, though one is a subsequence of the other)
            return is_alias(x, y) if len(x) <= len(y) else is_alias(y, x)
        return _abbreviates(x, y) if len(x) <= len(y) else _abbreviates(y, x)
    rest = sorted(large)  # sorted: set order changes with the process's hash seed, and the pairing is greedy
    for x in sorted(small):
        hit = next((y for y in rest if pairs(x, y)), None)
        if hit is None:
            return False
        rest.remove(hit)
    return True


# unit words an article may swap when it names one organisation twice (中国甲建北京院 / 中国甲建北京分公司); 分行 and
# 支行 are left out: a bank's branch and sub-branch are two signers
_UNIT_WORD_RE = re.compile(r"(分公司|(集团)?(股份)?有限公司|公司|分院|院|集团)")


def _fold_renamed_sides(art: _Article, records: list[_Record]) -> None:
    """One organisation written with another unit word in another sentence (…北京分公司 in the headline, …北京院 in
    the body), beside the same other sides, is one side: the form the body uses stands for both. Never folds two
    names written in one sentence (there they are two units)."""
    def sentences_of(c: str) -> set[int]:
        return {art.sentence_of(m.start)[0] for m in art.party_mentions(c)}

    canon = [[art.index.canonical(f) for f in r.party_forms] for r in records]
    names = sorted({c for cs in canon for c in cs})
    for i, x in enumerate(names):
        for y in names[i + 1:]:
            stem = os.path.commonprefix([x, y])
            if len(stem) < 4 or not (_UNIT_WORD_RE.fullmatch(x[len(stem):]) and _UNIT_WORD_RE.fullmatch(y[len(stem):])) \
                    or classify_kind(x) != classify_kind(y) or sentences_of(x) & sentences_of(y):
                continue
            others_x = [set(cs) - {x, y} for cs in canon if x in cs]
            others_y = [set(cs) - {x, y} for cs in canon if y in cs]
            if not any(o and o in others_y for o in others_x):
                continue
            first_line_end = art.text.find("\n") if "\n" in art.text else len(art.text)
            in_body = [c for c in (x, y) if any(m.start > first_line_end for m in art.party_mentions(c))]
            keep = in_body[0] if len(in_body) == 1 else max((x, y), key=len)
            art.index.add(y if keep == x else x, keep)
            return _fold_renamed_sides(art, records)  # the index changed: read the records' sides again


def _merge_same_parties(art: _Article, records: list[_Record]) -> list[_Record]:
    """Two records with the same parties are one agreement when one name is generic or contained in the other
    (the headline's 签署协议 and the body's 《…合作框架协议》)."""
    headline_end = art.text.find("\n") if "\n" in art.text else -1

    def headline_only(r: _Record) -> bool:  # told first in the headline (later sentences may have joined it)
        return bool(r.sentences) and art.sentences[min(r.sentences)][0] < headline_end

    sides = [{art.index.canonical(f) for f in r.party_forms} for r in records]
    out: list[_Record] = []
    for r, rc in zip(records, sides):
        into = None
        for o in out:
            if id(o) in r.apart or id(r) in o.apart:
                continue
            oc = {art.index.canonical(f) for f in o.party_forms}
            if not _same_sides(rc, oc):
                continue
            if len(rc) == len(oc) and headline_only(o) and not headline_only(r) and sum(
                    1 for x, xc in zip(records, sides) if not headline_only(x) and _same_sides(xc, oc)) == 1:
                # the headline's signing told again in the body, the one signing of these sides there, under a name
                # the headline shortens its own way (碳纤维项目投资协议 / 年产5万吨碳纤维及复合材料项目投资合作协议)
                into = o
                break
            t1, t2 = normalize_name(r.title or ""), normalize_name(o.title or "")
            if len(rc) > len(oc) and _respective_signers_of_several(art, r, rc, records, sides):
                continue  # (their list is left whole for _dissolve_respective_signers)
            # a headline's 投资协议 is the body's 投资合同 (headlines say 协议 for it); in the body, a 框架协议 and a 合同
            # of the same sides told apart are two documents (the framework first, the contract later)
            core = _title_core if headline_only(r) != headline_only(o) else str
            if len(rc) != len(oc):
                # a record lacking a side joins only when its own name says nothing else (我校二级学院 signing
                # 横向科研项目协议 beside the 战略合作协议 of the same two sides is another agreement)
                t_small = core(t1 if len(rc) < len(oc) else t2)
                t_big = core(t2 if len(rc) < len(oc) else t1)
                # nor does one with a fuller name than the generic name of the record with more sides (三方 sign
                # 战略合作协议, two of them 《共抓…战略合作协议》)
                one_side = min(len(rc), len(oc)) < 2
                if t_small and t_big and not art.is_generic(t_small) and not (
                        _subsequence(t_small, t_big) or (one_side and _subsequence(t_big, t_small))):
                    continue
                # nor one of several agreements named together (签订了《战略合作框架协议》《…意向协议》), generic as its
                # name may be, beside a fuller agreement of other sides with a name of its own (…三方签订了《…协议》)
                small_rec = r if len(rc) < len(oc) else o
                if small_rec.apart and t_small and t_big and not art.is_generic(t_big) and \
                        not _subsequence(t_small, t_big):
                    continue
                # nor one of separate signings told together (甲分别与乙、丙签署战略合作协议) beside an agreement of all
                # the sides with a name of its own told in another sentence (同日，三方共同签署《…三方合作协议》)
                big_rec = o if small_rec is r else r
                if t_small and t_big and not art.is_generic(t_big) and not _subsequence(t_small, t_big) and \
                        not set(small_rec.sentences) & set(big_rec.sentences) and \
                        any(x is not small_rec and x is not big_rec and set(x.sentences) & set(small_rec.sentences)
                            for x in records):
                    continue
            c1, c2 = core(t1), core(t2)
            if (not t1 or not t2 or art.is_generic(t1) or art.is_generic(t2)
                    or _subsequence(c1, c2) or _subsequence(c2, c1)):
                into = o
                break
        if into is None:
            out.append(r)
            continue
        oc = {art.index.canonical(f) for f in into.party_forms}
        for x in sorted(rc - oc):  # an abbreviation paired with a full name becomes its alias (农发行青岛分行)
            for y in sorted(oc - rc):
                if classify_kind(x) == classify_kind(y) and (_abbreviates(x, y) or _abbreviates(y, x)):
                    short, full = sorted((x, y), key=len)
                    art.index.add(short, full)
        if len(rc) > len(oc):
            into.party_forms = list(r.party_forms)  # keep the fuller side list (and its full names)
            into.subject = r.subject or into.subject
        # (the body's 《锂电池项目投资合同》 names the document the headline calls 锂电池项目投资协议)
        body_names_the_headlines = headline_only(into) and not headline_only(r) and into.title and r.title and \
            _title_core(normalize_name(r.title)) == _title_core(normalize_name(into.title))
        if r.title and (not into.title or art.is_generic(into.title) or body_names_the_headlines
                        or len(normalize_name(r.title)) > len(normalize_name(into.title))):
            into.title = r.title
        into.sentences += [i for i in r.sentences if i not in into.sentences]
        into.apart |= r.apart
        into.scores += r.scores
        if into.date is None or (r.date_from_sentence and not into.date_from_sentence):
            into.date, into.date_text, into.date_from_sentence = r.date, r.date_text, r.date_from_sentence
    return out


def _add_served_government(art: _Article, records: list[_Record]) -> list[_Record]:
    """A record with one side whose signatories include a government post with no organisation written (副县长甲与
    某医院院长乙签署《X》) gets the government that post serves as its other side."""
    for r in records:
        if len({art.index.canonical(f) for f in r.party_forms}) != 1:
            continue
        govs = {_served_government(art, n) for n, role in r.officials.items() if role == "signatory"} - {None}
        if len(govs) == 1 and classify_kind(art.index.canonical(r.party_forms[0])) != "government":
            r.party_forms = [govs.pop()] + r.party_forms
    return records


_TOLD_AS_ANOTHER_RE = re.compile(r"(又|另|再次|还|也)[^，,。；;]{0,4}(签署|签订|签约|签了)|另行签|另一份|第二份|"
                                 r"次日|翌日|此后|之后的?[一二两三四五六七八九十\d]+(天|日|周|个月)")


def _another_day_or_signing(art: _Article, o: _Record, si: int) -> bool:
    """o, told after sentence si, is told as a signing of its own: on a day other than the one si names (5月8日… |
    6月10日…), on the next day (次日), or as another agreement (又签署, 另签署)."""
    days = {d for _, d in art.dates_in(*art.sentences[si]) if d is not None}
    own = {d for i in o.sentences for _, d in art.dates_in(*art.sentences[i]) if d is not None}
    return bool(days and own and not days & own) or \
        any(_TOLD_AS_ANOTHER_RE.search(art.text, *art.sentences[i]) for i in o.sentences) or \
        any(_AFTER_THE_EVENT_RE.match(art.text, art.sentences[i][0]) for i in o.sentences)


# 会后，东岭市人民政府与A签署…: after the ceremony told, an event of its own
_AFTER_THE_EVENT_RE = re.compile(r"\s*(会|仪式|活动|签约仪式)(结束)?(后|之后)")


def _fold_overview_of_separate_signings(art: _Article, records: list[_Record]) -> list[_Record]:
    """甲县分别与A、B签署医疗合作协议。…县长某某与A院长某某签署《X》。…副县长某某与B院长某某签署《Y》: a sentence
    telling separate signings under one summary name, each of whose sides is told again, one signing each, in later
    sentences, gives no agreements of its own: each of its records is the later one of its sides."""
    out = list(records)
    for si, (s, e) in enumerate(art.sentences):
        # (or a ceremony held with several sides, naming no agreement: 陕西省与A、B、C三家央企举行签约仪式)
        if "分别" not in art.text[s:e] and not (re.search(r"举行[^，,。；;]{0,8}签约(仪式|活动)", art.text[s:e])
                                                and not art.in_span("AGREEMENT", s, e)):
            continue
        here = [r for r in out if si in r.sentences and len(r.party_forms) >= 2]
        if len(here) < 2:
            continue
        sides = lambda r: frozenset(art.index.canonical(f) for f in r.party_forms)  # noqa: E731
        later = {}
        for r in here:
            # (not a later signing of the same sides on another day, or told as another one: 又签署, 另签署, 还签订)
            told_again = [o for o in out if o is not r and _told_again_as(art, sides(r), sides(o)) and o.sentences
                          and min(o.sentences) > si and not _another_day_or_signing(art, o, si)]
            # (the headline may have joined it: 陕西与A等三家央企签约 over the ceremony's sentence)
            if set(r.sentences) - {si} <= ({0} if "\n" in art.text and art.sentences[0][1] <= art.text.index("\n") + 1
                                            else set()) and len(told_again) == 1:
                later[id(r)] = told_again[0]
            elif not (len(told_again) == 0 and any(i > si for i in r.sentences)):
                break  # (a record of these sides told twice later, or never: the sentence tells its own signings)
        else:
            for r in here:
                o = later.get(id(r))
                if o is None:
                    continue
                o.sentences = sorted(set(o.sentences) | set(r.sentences))
                o.scores += r.scores
                for name, role in r.officials.items():
                    if o.officials.get(name) != "signatory":
                        o.officials[name] = role if role == "signatory" else o.officials.get(name, role)
                    o.official_ev.setdefault(name, r.official_ev.get(name))
                if o.date is None:
                    o.date, o.date_text, o.date_from_sentence = r.date, r.date_text, r.date_from_sentence
                out.remove(r)
    return _fold_counterparts_overview(art, out)


def _told_again_as(art: _Article, overview: frozenset, later: frozenset) -> bool:
    """The later record is the overview's signing told again: the same sides; or the same counterpart with a
    government signing for the overview's government (陕西省与A、B、C三家央企举行签约仪式, then 省发展改革委与A签署《X》,
    西安市人民政府与C签署《Z》: the province's bodies sign)."""
    if overview == later:
        return True
    shared = overview & later
    if len(shared) != 1 or len(overview) != 2 or len(later) != 2:
        return False
    (x,) = shared
    (g1,), (g2,) = overview - shared, later - shared
    return classify_kind(x) != "government" and classify_kind(g1) == classify_kind(g2) == "government"


def _listed_after_each(art: _Article, r: _Record) -> bool:
    """The record's sides are one list after 分别与 (…分别与A、B签署), not two sides of a signing (A与B分别签署《X》和《Y》)."""
    for i in r.sentences:
        s, e = art.sentences[i]
        mine = [x for x in art.in_span("PARTY", s, e) if art.index.canonical(art.form(x)) in
                {art.index.canonical(f) for f in r.party_forms}]
        if len(mine) >= 2 and re.search(r"分别(与|同|和)\s*$", art.text[s:mine[0].start]) and all(
                re.fullmatch(r"\s*(、|和|及|以及)\s*", art.text[a.end:b.start]) for a, b in zip(mine, mine[1:])):
            return True
    return False


def _fold_counterparts_overview(art: _Article, records: list[_Record]) -> list[_Record]:
    """公司两家子公司分别与A、B签署项目投资协议, then A与子公司甲签署《X》, B与子公司乙签署《Y》: a record whose sides are
    only the counterparts a 分别 sentence lists, each told again in one later record of its own, is those records."""
    out = list(records)
    for r in records:
        rc = {art.index.canonical(f) for f in r.party_forms}
        if len(rc) < 2 or not r.sentences or any(role == "signatory" for role in r.officials.values()) or \
                not all("分别" in art.text[slice(*art.sentences[i])] for i in r.sentences):
            continue
        if not _listed_after_each(art, r):
            continue
        last = max(r.sentences)
        later = {c: [o for o in out if o is not r and o.sentences and min(o.sentences) > last
                     and c in {art.index.canonical(f) for f in o.party_forms}] for c in rc}
        owners = [v[0] for v in later.values() if len(v) == 1]
        if len(owners) != len(rc) or len({id(o) for o in owners}) != len(owners):
            continue
        for o in owners:
            o.sentences = sorted(set(o.sentences) | set(r.sentences))
            for name, role in r.officials.items():
                o.officials.setdefault(name, role)
                o.official_ev.setdefault(name, r.official_ev.get(name))
        out.remove(r)
    return out


def _respective_signers_of_several(art: _Article, r: _Record, rc: set, records: list[_Record], sides: list[set]) -> bool:
    """r is a list of the sides' signers (甲代表省政府，A总经理乙、B董事长丙分别代表各自企业签字: no name, every sentence
    分别/各自代表) whose sides hold two or more of the other records: it signs each of them, it is not one of them."""
    if r.title or not r.sentences or not all(
            re.search(r"分别代表|各自代表", art.text[slice(*art.sentences[i])]) or _people_only_sides(art, i)
            for i in r.sentences):
        return False
    return sum(1 for x, xc in zip(records, sides) if x is not r and len(xc) >= 2 and xc < rc) >= 2


def _people_only_sides(art: _Article, si: int) -> bool:
    """Every organisation the sentence names is a person's, written right before their title (副省长甲与A集团董事长乙，
    省政府秘书长丙与B公司总经理丁分别签约): a sentence pairing signers, naming no side of its own."""
    s, e = art.sentences[si]
    parties = art.in_span("PARTY", s, e)
    titles = {x.start for x in art.in_span("TITLE", s, e)}
    return bool(parties) and len(art.in_span("OFFICIAL", s, e)) >= 2 and all(p.end in titles for p in parties)


_GENERIC_BIGRAMS = {"公司", "集团", "政府", "人民", "街道", "有限", "股份", "科技", "发展", "投资", "银行", "分行", "大学",
                    "学院", "医院", "中心", "管委", "委会", "产业", "控股", "实业", "建设", "服务", "城市", "新区", "开发",
                    "中国", "国际", "保险", "人寿", "财产", "证券", "金融", "信托", "租赁", "物流", "管理", "农业",
                    "医疗", "能源", "交通", "工程"}  # (中国华星能源 / 中国远洋重工, 融泰人寿保险 / 海峡财产保险: two companies)


def _shares_a_name_word(x: str, y: str) -> bool:
    """Two forms share a two-character word that is not an organisation word (康健街道 / 康健新村街道办事处: 康健)."""
    x, y = _ORG_WORDS_RE.sub("|", x), _ORG_WORDS_RE.sub("|", y)
    return any(x[i:i + 2] in y and x[i:i + 2] not in _GENERIC_BIGRAMS and not re.search(r"[省市县区镇乡|]", x[i:i + 2])
               for i in range(len(x) - 1))


_ORG_WORDS_RE = re.compile(r"(股份)?有限(责任)?公司|分公司|公司|集团|人民政府|政府|街道办事处|办事处|管委会|管理委员会")


def _has_headline(art: _Article) -> bool:
    """The article's first line is a headline: no full stop in it (喜讯！我县与…签约 is one). A text that
    starts with a paragraph (甲分别与乙、丙签署…。同日…。, as a caller may pass one) has none: its first sentence is a
    signing of its own, not a headline summing the body up."""
    if "\n" not in art.text or not art.sentences:
        return False
    first_line = art.text[:art.text.index("\n")].strip()
    # (a headline may end on a full stop, 某市与三家企业集中签约。; a lead sentence has its commas: 6月3日，甲与乙…。)
    one_sentence_headline = "。" not in first_line[:-1] and not (first_line.endswith("。") and "，" in first_line)
    return art.sentences[0][1] <= art.text.index("\n") + 1 and bool(first_line) and one_sentence_headline


def _fold_headline_restatement(art: _Article, records: list[_Record]) -> list[_Record]:
    """碧江区与黔锦新材料签署锂电材料项目协议 / 康健街道与沪联物业签约 over a body telling one signing that shares a side
    with it: the headline's other names are its own short forms of the body's sides (the tagger or the alias rules
    may miss them), when each shares a name word with a side of the body's record and the agreement names agree."""
    if not _has_headline(art):
        return records
    out = list(records)
    headline = art.text[:art.text.index("\n")]
    # (where each record was first told: a body record a headline record has folded into is still the body's, for
    # the headline's next record, 甲与乙、丙签署… read as two)
    first_told = {id(o): min(o.sentences) for o in records if o.sentences}
    for r in [r for r in records if r.sentences and min(r.sentences) == 0]:  # (not a record a fold has just grown)
        if r not in out:
            continue
        rc = {art.index.canonical(f) for f in r.party_forms}
        # (a body sentence r shares only with other records the headline tells too is r's own: 甲分别与乙、丙签署…
        # under the headline 甲与乙、丙签署… is two records of one sentence, each the body's own signing)
        told_elsewhere = {i for o in out if o is not r and 0 not in o.sentences for i in o.sentences}
        # (a lead that repeats a piece of the headline, 今天上午 | 茶山镇与中交集团签订 | …, is the headline again)
        told_elsewhere |= {i for i in r.sentences if art.text[slice(*art.sentences[i])].strip() in headline}
        if any(len(rc & {art.index.canonical(art.form(x)) for x in art.in_span("PARTY", *art.sentences[i])}) >= 2
               for i in r.sentences if i and i not in told_elsewhere):
            continue  # a body sentence of its own naming its sides: the body's own record, not a restatement
        t1 = normalize_name(r.title or "")
        body = [o for o in out if o is not r and first_told.get(id(o), 0) > 0 and id(o) not in r.apart]
        sides = [{art.index.canonical(f) for f in o.party_forms} for o in body]
        # “百千万工程”合作共建框架协议: a theme in quotes and a generic name
        themed = normalize_name(re.sub(r"[“\"「『][^”\"」』]{1,12}[”\"」』]", "", r.title or ""))
        if len(body) != 1 and (not body or r.evidence is None or r.evidence.start >= len(headline)
                               or any(i and i not in told_elsewhere for i in r.sentences)
                               or themed and not art.is_generic(themed)):
            continue  # (over several body signings only a headline told nowhere else, naming no agreement, may be one)
        sharing = [(o, oc) for o, oc in zip(body, sides) if oc & rc]
        if len(body) > 1:
            # 茶山镇与中交集团签订…合作共建框架协议 over a body telling the town's agreements with 中交华南(东莞)…公司: the
            # headline's parent name and generic name sum up the agreements of the side it shortens; it is the first
            sharing = [(o, oc) for o, oc in zip(body, sides) if len(oc) >= 2 and rc - oc and all(
                x in oc or any(_shares_a_name_word(x, y) for y in oc - rc) for x in rc)][:1]
        if not sharing and len(body) == 1 and len(rc) >= 2 and all(
                any(_shares_a_name_word(x, y) for y in sides[0]) for x in rc):
            sharing = [(body[0], sides[0])]  # (康健街道 / 徐汇区康健新村街道办事处, 沪联物业 / 上海沪联城市服务集团…)
        if len(sharing) == 1 and len(sharing[0][1]) >= 2 and all(
                any(_shares_a_name_word(x, y) for y in sharing[0][1] - rc) for x in rc - sharing[0][1]):
            o = sharing[0][0]
            t2 = normalize_name(o.title or "")
            # (a headline and the body's one signing of the same three or more sides are one signing, however the
            # headline words its name: 高速公路建设三方合作协议 / 《沿太行高速公路PPP项目三方合作协议》)
            if not themed or art.is_generic(themed) or (t2 and (_subsequence(t1, t2) or _subsequence(t2, t1))) or \
                    (len(body) == 1 and rc == sharing[0][1] and len(rc) >= 3):
                o.sentences = sorted(set(o.sentences) | set(r.sentences))
                o.scores += r.scores
                out.remove(r)
    return out


# a headline's name for several agreements (签署系列合作协议, 签订两项协议, 多份协议, 三个项目); a count of other
# things (两个产业园同步开工) names no agreements
_SERIES_TITLE_RE = re.compile(r"(系列|多项|多份|[两二三四五六七八九十几数]+(项|份|个))[^，,。；;\s]{0,8}?(协议|合同|备忘录|项目)")


def _fold_headline_series(art: _Article, records: list[_Record]) -> list[_Record]:
    """楚天银行与我市签署系列合作协议 over a body telling two or more of the bank's agreements (with the city's
    departments, a zone…): the headline names the series, not an agreement of its own."""
    out = list(records)
    for r in records:
        if 0 not in r.sentences or not _SERIES_TITLE_RE.search(art.text[slice(*art.sentences[0])]) \
                or any(i and art.in_span("AGREEMENT", *art.sentences[i]) for i in r.sentences):
            continue  # (the body may name the event's hosts: 甲市人民政府与乙银行合作签约仪式在…举行, but no agreement)
        rc = {art.index.canonical(f) for f in r.party_forms}
        body = [o for o in out if o is not r and o.sentences and min(o.sentences) > 0 and
                rc & {art.index.canonical(f) for f in o.party_forms}]
        if len(body) >= 2:
            for o in body:
                o.scores += r.scores
            out.remove(r)
    return out


def _place_of_a_side(rc: set, o: _Record, art: _Article) -> bool:
    """rc is one bare place (凉山州) whose own body signs in record o (凉山州农业农村局): a headline's way of naming it."""
    if len(rc) != 1:
        return False
    (x,) = rc
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{1,8}(省|市|县|区|州|盟|旗|自治区|自治州|自治县)", x)) and any(
        f != x and f.startswith(x) and classify_kind(f) == "government" for f in
        (art.index.canonical(g) for g in o.party_forms))


def _fold_headline_government(art: _Article, records: list[_Record]) -> list[_Record]:
    """A headline naming one government (中国甲建与东岭自治区签署战略合作协议) where the body tells the same
    agreement signed by another government with the same other side (见证乙市政府与中国甲建签署战略合作协议) speaks
    of the body's signing: the body names the government that signed, the headline the region it belongs to.
    A headline naming the same sides as exactly one body record is that record, whatever name it gives."""
    out = list(records)
    headline = _has_headline(art)
    for r in records:
        if set(r.sentences) != {0} or r not in out:  # (told twice in the headline: [0, 0])
            continue
        rc = {art.index.canonical(f) for f in r.party_forms}
        same = [o for o in out if o is not r and id(o) not in r.apart and {art.index.canonical(f) for f in
                                                                           o.party_forms} == rc]
        told = [o for o in out if o is not r and o.sentences and max(o.sentences) > 0 and id(o) not in r.apart
                and (rc <= {art.index.canonical(f) for f in o.party_forms} or _place_of_a_side(rc, o, art))]
        if headline and len(rc) == 1 and told:
            # 东岭市签署生态修复合作协议 over a body telling the city's signings with named counterparts: the
            # headline's one side and its own name for them sum those signings up
            for o in told:
                o.scores += r.scores
            out.remove(r)
            continue
        if headline and len(rc) >= 2 and len(same) == 1:
            # 青川县与星河科技签署新能源项目协议 over a body telling 《光伏储能一体化项目投资协议》 of the same two
            # sides, and no other agreement of theirs: the headline's name is its own summary of the body's
            same[0].sentences = sorted(set(same[0].sentences) | {0})
            same[0].scores += r.scores
            out.remove(r)
            continue
        t1 = normalize_name(r.title or "")
        for o in out if headline else []:  # (a first sentence that is no headline tells a signing of its own)
            oc = {art.index.canonical(f) for f in o.party_forms}
            if o is r or not o.sentences or max(o.sentences) == 0 or len(rc) != 2 or len(oc) != 2 or len(rc & oc) != 1:
                continue
            (x,), (y,) = rc - oc, oc - rc
            t2 = normalize_name(o.title or "")
            # a headline naming no agreement (临江市与星河科技签约) folds as well as one naming the body's
            if classify_kind(x) == classify_kind(y) == "government" and (not t1 or t2 and (
                    t1 == t2 or _subsequence(t1, t2) or _subsequence(t2, t1))):
                o.sentences = sorted(set(o.sentences) | {0})
                o.scores += r.scores
                out.remove(r)
                break
    return out


def _ceremony_record(art: _Article) -> _Record:
    """A signing ceremony whose parties the article does not name (签约项目21个): one record to carry its
    officials, date and amounts."""
    rec = _Record(title=None)
    for i, (s, e) in enumerate(art.sentences):
        m = SIGN_VERBS_RE.search(art.text[s:e])
        if m and not is_history_clause(art.text[s:e], art.year):
            rec.sentences.append(i)
            if rec.evidence is None:
                rec.evidence = Evidence(s, e, art.text[s:e])
                found, day, dtext = _sentence_date(art, s, e, s + m.start())
                rec.date, rec.date_text = (day, dtext) if found else _preceding_date(art, s + m.start())
            elif rec.date is None:
                # a headline (开发区签约项目10个) gives no day; the first signing sentence that gives one dates it
                found, day, dtext = _sentence_date(art, s, e, s + m.start())
                if found and day is not None:
                    rec.date, rec.date_text = day, dtext
    rec.scores.append(0.3)
    return rec


# The article counts the projects signed at the event (集中签约项目21个, 现场签约16个项目, 共有14个项目签约, 25个
# 重点项目现场签约). Decision N12 (data/README.md): one record per project, the projects whose sides are named
# with their parties, the others with none. A count of agreements inside one agreement's name (签订了26项建设项目
# 战略合作协议) counts the content of one agreement, not signings, so a 协议 after the count's 项目 voids it.
_COUNT = r"(?P<n>\d{1,4}|[一二两三四五六七八九十百]{1,4})"
_SIGNED_COUNT_RES = (
    re.compile(r"(签约|签订|签署)了?(?P<what>[^，,。；;：:\d]{0,8}?)项目(共计|共|数|总数)?(达到|达|为|有)?" + _COUNT +
               r"(个|项)"),
    re.compile(_COUNT + r"(个|项)(?P<what>[^，,。；;：:\d]{0,6}?)签约项目"),
    # (a number without 个/项 must not be a measure: 签约2GW光伏项目, 签约10万吨项目)
    re.compile(r"(签约|签订|签署)(了|的)?(共|共计)?" + _COUNT + r"((个|项)|(?![\dA-Za-z.．万亿千百吨亩瓦米兆]))"
               r"(?P<what>[^，,。；;：:]{0,12}?)项目"),
    re.compile(_COUNT + r"(个|项)(?P<what>[^，,。；;：:]{0,12}?)项目[^，,。；;：:]{0,8}?(集中|现场|正式|成功|顺利)?"
               r"(签约|签订|签署)"),
)
# a tally this large is a fair's or a year's total over many ceremonies (共签约项目203个), not one record per
# project the annotators could write (they wrote the named agreements only); counts above it are not used
MAX_COUNTED_PROJECTS = 100


# a count of signings over a time or a whole territory, not this event's (已签约项目15个, 全县共签约项目30个, 先后签约)
_TALLY_RE = re.compile(r"(已|已经|先后|陆续|相继)((集中|现场|正式|成功)?|(与|同|和)[^，,。；;]{0,20}?)(签约|签订|签署)|"
                       r"全(县|市|区|省|州|旗|镇|乡)|"
                       r"目前|至今|迄今|今年|年初|全年|累计|新签约")
# words placing a count at the occasion the article reports (此次签约项目21个, 会上现场签约6个项目)
_OCCASION_RE = re.compile(r"此次|本次|这次|该次|现场|会上|仪式|活动|大会|会议期间|集中签约|当天|当日|上午|下午|晚上|"
                          r"洽谈会|推介会|博览会|交易会|论坛")


def _signed_project_count(art: _Article) -> Optional[tuple[int, int, Optional[str]]]:
    """(N, sentence index, signing side) of the clause counting the projects signed at this article's event, or
    None: the body's first such clause, else the headline's. The side is the government the clause names as the
    one signing them (缙云签约14个项目 -> 缙云), None when it names none.

    Running totals (累计, 截至, 全年, 上半年…, 已签约, 全县共签约), history, plans (力争签约10个) and counts of
    agreement contents (签订26项…合作协议) are not counts of this event's signings, nor is a count whose clause names
    no side and that neither its sentence nor the one before places at the occasion (此次, 现场, 会上, 仪式…)."""
    headline_end = art.text.find("\n") if "\n" in art.text else -1
    found = []
    for si, (s, e) in enumerate(art.sentences):
        if _PERIOD_LEAD_RE.match(art.text, s):
            continue  # 今年以来，某县已签约项目12个: a running tally
        for cs, ce in split_clauses(art.text, s, e):
            clause = art.text[cs:ce]
            if not SIGN_VERBS_RE.search(clause) or "项目" not in clause:
                continue
            if is_statistic(clause) or is_history_clause(clause, art.year) or art.planned_signing(cs, ce) \
                    or re.search(r"上半年|下半年|年内|一季度|新引进|在建", clause) or _TALLY_RE.search(clause) \
                    or re.search(r"(上半年|下半年|前[一二三]季度|(今年|年初)以来)[^。；;]*$|新签约", art.text[s:cs]) \
                    or "新签约" in clause \
                    or not (_OCCASION_RE.search(art.text[art.sentences[si - 1][0] if si else s:e])
                            or art.in_span("PARTY", cs, ce)):
                continue  # (the occasion may be set by the sentence before: …举行签约仪式。签约项目共计7个; or
                # the clause names who signed: 甲与乙等8家企业就10个项目签约)
            for rx in _SIGNED_COUNT_RES:
                m = rx.search(clause)
                # (签订了26项建设项目战略合作协议: one agreement's contents; 签订了7个项目的合作协议: seven agreements)
                if m is None or (re.search(r"协议|合同|备忘录", clause[m.end():m.end() + 12])
                                 and not clause.startswith("的", m.end())):
                    continue
                n = cn_number(m.group("n").replace("两", "二"))
                if n is not None and 2 <= n <= MAX_COUNTED_PROJECTS:
                    verb = SIGN_VERBS_RE.search(clause)
                    before = [p for p in art.in_span("PARTY", cs, cs + verb.start())
                              if re.fullmatch(r"(集中|现场|正式|共|共同)?", art.text[p.end:cs + verb.start()])]
                    side = _government_side(art, art.form(before[-1])) if before else None
                    found.append((n, si, side, headline_end < 0 or cs > headline_end))
                    break
            if found and found[-1][1] == si:
                break
    body = [f for f in found if f[3]]
    chosen = (body or found or [None])[0]
    return chosen[:3] if chosen else None


def _government_side(art: _Article, form: str) -> Optional[str]:
    """The form itself when it names a government, else the article's government written as this place with its
    unit (缙云 -> 缙云县 when the article writes 缙云县), else None."""
    if classify_kind(art.index.canonical(form)) == "government":
        return form
    fits = Counter(f for f in (art.form(e) for e in art.ents if e.label == "PARTY")
                   if f.startswith(form) and re.fullmatch(r"(县|市|区|镇|乡|旗|州)((人民)?政府)?", f[len(form):]))
    return fits.most_common(1)[0][0] if fits else None


def _join_the_event(model: _Record, records: list[_Record]) -> None:
    """A record the event adds beside its named signings (counted projects, an uncounted batch) takes their day (the
    most common one) when it has none of its own, and the witnesses they all share."""
    if model.date is None:
        days = Counter(r.date for r in records if r.date is not None)
        if days:
            model.date = days.most_common(1)[0][0]
            model.date_text = next(r.date_text for r in records if r.date == model.date)
    shared = set.intersection(*({k for k, v in r.officials.items() if v == "witness"} for r in records)) \
        if records else set()
    for name in sorted(shared):
        model.officials.setdefault(name, "witness")
        ev = next((r.official_ev[name] for r in records if name in r.official_ev), None)
        if ev is not None:
            model.official_ev.setdefault(name, ev)


def _add_counted_projects(art: _Article, records: list[_Record]) -> list[_Record]:
    """When the article counts N signed projects and names fewer records, add the unnamed ones (N12): no parties
    (or the government the counting clause names as their signer), no name, the ceremony's date, its witnesses (those every named record has) and the money of the counting
    sentence (the total, 总投资T, goes on each)."""
    counted = _signed_project_count(art)
    if counted is None:
        return records
    groups = _count_groups(art, counted[1])
    if len(groups) >= 2 and sum(g for g, _ in groups) > len(records):
        return _add_counted_groups(art, records, counted[1], groups)
    members = _listed_members(art, counted[1])
    if members:
        return _add_listed_projects(art, records, counted, members)
    # a strategic or framework agreement signed beside a counted batch is no project of it (省国资委与市政府签订了
    # 战略合作协议，市政府相关部门与企业签订了7个项目的合作协议: 1 + 7); a count told as the event's total (此次签约
    # 的三个合作项目, 此次集中签约项目共35个) counts them all
    cs, ce = art.sentences[counted[1]]
    # a headline's count (三个项目现场签约) is the event's total, the strategic agreement among them
    # (unless the headline names the strategic agreement beside the count: 甲与乙签署战略合作协议 三个项目现场签约)
    in_headline = "\n" in art.text and cs < art.text.find("\n") and \
        not re.search(r"战略|框架", art.text[:art.text.find("\n")])
    total = in_headline or re.search(r"共|此次|本次|这次|合计|总计|累计", art.text[cs:ce])
    frameworks = [] if total else [r for r in records if r.party_forms and r.title and
                                   re.search(r"战略|框架", r.title) and "项目" not in r.title]
    if len(records) - len(frameworks) >= counted[0]:
        return records
    n, si, side = counted
    n += len(frameworks)
    anonymous = [r for r in records if not r.party_forms]
    if anonymous:
        model = anonymous[0]
    else:
        model = _Record(title=None)
        model.sentences = [si]
        s, e = art.sentences[si]
        model.evidence = Evidence(s, e, art.text[s:e])
        _join_the_event(model, records)
        model.amounts = [a for a in art.in_span("AMOUNT", s, e) if is_money(a.text)
                         and not is_size_class(art.text[a.end:a.end + 8])]  # (其中10亿元以上项目5个: a class)
    model.counted = True
    if side:  # 缙云签约14个项目: the county signed each of them, its counterparts unnamed
        model.party_forms = [side]
    out = list(records) if anonymous else records + [model]
    while len(out) < n:
        out.append(_counted_copy(model))
    return out


# the groups a counting sentence lists one after the other, each with its own money: 签约产业项目18个、总投资230亿元，
# 基础设施项目18个、协议投资1250亿元，23家金融机构意向授信1160亿元
_GROUP_RES = (re.compile(r"项目" + _COUNT + r"(个|项)"), re.compile(_COUNT + r"(个|项)[\u4e00-\u9fff]{0,6}项目"),
              re.compile(_COUNT + r"家(金融机构|银行)"))


# 芯视元、聚芯珠海、立柏生物等11个重点项目签约入驻: the companies named are some of the projects counted
_LISTED_PROJECTS_RE = re.compile(r"等\s*" + _COUNT + r"\s*(个|项|家)[^，,。；;]{0,8}(项目|企业)[^，,。；;]{0,6}(签约|签订|签署)")


def _listed_members(art: _Article, si: int) -> list[str]:
    """The canonical names listed before 等N个项目签约 in the counting sentence (each one project), or []."""
    s, e = art.sentences[si]
    m = _LISTED_PROJECTS_RE.search(art.text, s, e)
    if not m:
        return []
    cs = max((x.end() for x in re.finditer(r"[，,。；;：:]", art.text[s:m.start()])), default=0) + s
    spans = art.in_span("PARTY", cs, m.start())
    if len(spans) < 2 or art.text[spans[-1].end:m.start()].strip() or any(
            art.text[a.end:b.start].strip() not in ("、", "和", "及") for a, b in zip(spans, spans[1:])):
        return []
    n = cn_number(m.group("n").replace("两", "二"))
    return [] if n is None or n < len(spans) else list(dict.fromkeys(art.index.canonical(art.form(x)) for x in spans))


def _add_listed_projects(art: _Article, records: list[_Record], counted: tuple, members: list[str]) -> list[_Record]:
    """One record per company the counting clause lists (each a project of the count, signing on its own: 签约入驻),
    the rest of the count unnamed (N12); the article's other agreements stay beside them."""
    n, si, side = counted
    out: list[_Record] = []
    listed: list[_Record] = []
    for r in records:
        rc = {art.index.canonical(f) for f in r.party_forms}
        if rc and rc <= set(members):
            for c in sorted(rc, key=members.index):
                piece = _Record(title=r.title, party_forms=[c], date=r.date, date_text=r.date_text,
                                date_from_sentence=r.date_from_sentence, evidence=r.evidence,
                                officials=dict(r.officials), official_ev=dict(r.official_ev),
                                scores=list(r.scores), sentences=list(r.sentences))
                listed.append(piece)
        else:
            out.append(r)
    if not listed:
        return records
    model = _Record(title=None, sentences=[si], evidence=listed[0].evidence, counted=True)
    _join_the_event(model, listed)
    extra = [_counted_copy(model) for _ in range(max(0, n - len(listed)))]
    return out + listed + extra


def _count_groups(art: _Article, si: int) -> list[tuple[int, list[Entity]]]:
    """(count, money) of each group the counting sentence lists, in order; [] when it lists fewer than two."""
    s, e = art.sentences[si]
    sent = art.text[s:e]
    found = sorted({(m.start(), m.end(), m.group("n")) for rx in _GROUP_RES for m in rx.finditer(sent)})
    found = [f for i, f in enumerate(found) if not any(g[0] <= f[0] < g[1] for g in found[:i])]  # (one per place)
    groups = []
    for i, (a, b, n) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(sent)
        count = cn_number(n.replace("两", "二"))
        money = [x for x in art.in_span("AMOUNT", s + a, s + end) if is_money(x.text)
                 and not is_size_class(art.text[x.end:x.end + 8])]
        if count is None or not 1 <= count <= MAX_COUNTED_PROJECTS or not money:
            return []  # (a group without its own money is no list of groups: 签约项目12个，其中工业项目8个)
        groups.append((count, money))
    return groups if len(groups) >= 2 else []


def _add_counted_groups(art: _Article, records: list[_Record], si: int,
                        groups: list[tuple[int, list[Entity]]]) -> list[_Record]:
    """One record per project of each counted group (N12), each group's records with that group's money; the
    records the article names stay as they are."""
    named = [r for r in records if r.party_forms]
    s, e = art.sentences[si]
    mine = {(a.start, a.end) for _, money in groups for a in money}
    for r in named:
        r.amounts = [a for a in r.amounts if (a.start, a.end) not in mine]
    out = list(named)
    for count, money in groups:
        model = _Record(title=None, sentences=[si], evidence=Evidence(s, e, art.text[s:e]), counted=True)
        _join_the_event(model, named)
        model.amounts = list(money)
        out.append(model)
        out.extend(_counted_copy(model) for _ in range(count - 1))
    return out


# a batch of projects signed at the event without a count (现场集中签约一批先进制造业项目, 签约一批重大项目)
_UNCOUNTED_BATCH_RE = re.compile(r"(集中|现场|批量)?(签约|签订|签署)了?一批[^，,。；;]{0,20}?项目|"
                                 r"一批[^，,。；;]{0,20}?项目[^，,。；;]{0,6}?(集中|现场)(签约|签订|签署)|"
                                 # 各区县分别与大湾区企业签约: unnamed counterparts of a kind, at the event's signing
                                 r"(分别|集中|现场)(与|同)(?P<kind>[^，,。；;、]{0,8}(企业|客商|投资商|投资方))(代表)?"
                                 r"(现场|集中)?(签约|签订|签署)")


def _add_uncounted_batch(art: _Article, records: list[_Record]) -> list[_Record]:
    """A batch of projects signed at the event, not counted and not named (现场集中签约一批项目，总投资约380亿元),
    beside agreements the article does name: one more record for the batch (decision N9: a ceremony whose
    agreements are neither counted nor named is one record), with the batch sentence's money, the day of the
    named signings and the witnesses they share; that money is the batch's, not theirs."""
    if not records or _signed_project_count(art) is not None or any(not r.party_forms for r in records):
        return records
    told = {i for r in records for i in r.sentences}
    headline_end = art.text.find("\n")
    for si, (s, e) in enumerate(art.sentences):
        if s < headline_end:
            continue  # 某新区集中签约一批项目 in the headline sums up the signings the body names
        sent = art.text[s:e]
        m = _UNCOUNTED_BATCH_RE.search(sent)
        # (a sentence naming no side may have been joined to a named record's sentences: its batch is its own;
        # 其他盟市, 各区县 name no side)
        unnamed = bool(m) and (all(re.search(r"(其他|其余|各|部分|多个)$", art.text[max(s, x.start - 2):x.start])
                                   or re.fullmatch(r"(盟市|区县|县区|市县|县市区|市州)", x.text)
                                   for x in art.in_span("PARTY", s, e)) or bool(_PLACES_WITH_UNNAMED_RE.search(sent)))
        if (si in told and not unnamed) or not m or is_history_clause(sent, art.year) or \
                _TALLY_RE.search(sent) or art.planned_signing(s, e):
            continue
        if m.group("kind") and not unnamed and art.in_span("PARTY", s + m.start("kind"), s + m.end("kind")):
            continue  # (与远山企业签约 names its counterpart)
        batch = _Record(title=None, sentences=[si], evidence=Evidence(s, e, sent), counted=True)
        found, day, dtext = _sentence_date(art, s, e, s)
        if found:
            batch.date, batch.date_text = day, dtext
        _join_the_event(batch, records)
        batch.amounts = [a for a in art.in_span("AMOUNT", s, e) if is_money(a.text)
                         and not is_size_class(art.text[a.end:a.end + 8])]
        mine = {(a.start, a.end) for a in batch.amounts}
        for r in records:
            r.amounts = [a for a in r.amounts if (a.start, a.end) not in mine]
        batch.scores.append(0.5)
        return records + [batch]
    return records


def _counted_copy(model: _Record, **changes) -> _Record:
    """One more counted record like `model`: its sides, date, witnesses, money and sentences (copied, not shared),
    no agreement name; `changes` set other values."""
    fields = dict(title=None, party_forms=list(model.party_forms), officials=dict(model.officials),
                  official_ev=dict(model.official_ev), date=model.date, date_text=model.date_text,
                  date_from_sentence=model.date_from_sentence, amounts=list(model.amounts), evidence=model.evidence,
                  scores=list(model.scores), sentences=list(model.sentences), counted=True)
    fields.update(changes)
    return _Record(**fields)


# one side signing with a counted number of others, some of them named (甲与乙、丙等7家企业签约, 甲与15家合作企业签约)
_COUNTED_COUNTERPARTS_RE = re.compile(r"(与|同|和|跟)(?P<names>[^，,。；;]{0,80}?等)?" + _COUNT +
                                      r"家(?P<what>[^，,。；;]{0,10}?)(签约|签署|签订|签下)")


def _counted_kind(what: str, name: str) -> bool:
    """Whether a counterpart named `name` is of the kind counted (7家企业 counts firms, not the 农办 also signing)."""
    if re.search(r"企业|公司|银行|金融机构", what):
        return classify_kind(name) == "enterprise"
    return classify_kind(name) != "government" if re.search(r"高校|院校|大学|机构|院所", what) else True


def _add_counted_counterparts(art: _Article, records: list[_Record]) -> list[_Record]:
    """甲与乙、丙等7家企业签约: one bilateral record per counterpart (D10), so seven records for 甲: the ones whose
    counterpart is named (here or in an earlier list) with both sides, the others with 甲 alone, as the annotators
    write a counterpart the article only counts."""
    out = list(records)
    headline_end = art.text.index("\n") if _has_headline(art) else None
    for s, e in art.sentences:
        for cs, ce in split_clauses(art.text, s, e):
            clause = art.text[cs:ce]
            m = None if _PERIOD_LEAD_RE.match(art.text, s) or _TALLY_RE.search(clause) else \
                _COUNTED_COUNTERPARTS_RE.search(clause)
            if m is None or is_statistic(clause) or is_history_clause(clause, art.year) or \
                    art.planned_signing(cs, ce):
                continue
            n = cn_number(m.group("n").replace("两", "二"))
            before = art.in_span("PARTY", cs, cs + m.start())
            if n is None or not 2 <= n <= MAX_COUNTED_PROJECTS or not before:
                continue
            subject = art.index.canonical(art.form(before[-1]))
            sides = [{art.index.canonical(f) for f in r.party_forms} for r in out]
            with_named = [r for r, c in zip(out, sides) if len(c) == 2 and subject in c
                          and all(_counted_kind(m.group("what"), x) for x in c - {subject})]
            alone = [r for r, c in zip(out, sides) if c == {subject}]
            model = alone[0] if alone else (with_named[0] if with_named else None)
            if model is None:
                continue
            if len(with_named) >= n and alone:
                # 甲与三家银行签署协议 over a body naming the three: the count was a summary of the named signings
                out = [r for r in out if r not in alone]
                continue
            if headline_end is not None and ce <= headline_end and sum(
                    1 for c in sides if len(c) == 2 and any(x != subject and _counted_kind(m.group("what"), x)
                                                            for x in c)) >= n:
                # 某市与四家能源企业集中签约 (the headline) over a body naming the four signings, some by the city's
                # counties or zones: the headline sums the event up, it counts no companies of its own
                out = [r for r in out if r not in alone]
                continue
            for r in alone:
                r.counted = True  # a counted counterpart of 甲, like the ones added below
            added = [_counted_copy(model, title=model.title if alone else None,
                                   party_forms=[art.form(before[-1])], amounts=[],
                                   officials={k: v for k, v in model.officials.items() if v == "witness"},
                                   evidence=Evidence(cs, ce, clause))
                     for _ in range(n - len(with_named) - len(alone))]
            out += added
            # (the clause ends at the colon: the names are the next clause's)
            colon_list = re.search(r"[：:]\s*$", clause[m.end():]) and next(
                ((ns, ne) for ns, ne in split_clauses(art.text, s, e) if ns == ce), None)
            named = [] if not colon_list or with_named else list(dict.fromkeys(
                art.form(x) for x in art.in_span("PARTY", *colon_list)
                if art.index.canonical(art.form(x)) != subject))
            if len(named) == n == len(alone) + len(added):
                # 甲与三家企业签订投资协议：A、B、C: the colon names the counted counterparts, one a record, in turn
                for r, form in zip(alone + added, named):
                    r.party_forms = r.party_forms + [form]
                    r.counted = False
    return out


# a company introduced as one of the signing companies: 签约企业代表甲公司总经理某某发言, 签约企业、甲公司总裁某某表示
_SIGNING_COMPANY_RE = re.compile(r"签约(企业|公司|单位|客商|项目方)(代表)?[、，,：:]?\s*$")


# the lead of a list of the signed projects (签约项目包括：, 分别是：), and a list item's numbering (1. （一） ①)
_PROJECT_LIST_LEAD_RE = re.compile(r"(签约|签署|签订|落户|入驻)[^。！？\n]{0,12}项目[^。！？\n]{0,6}(包括|有|分别是|分别为|如下|为|是)\s*[：:]"
                                   # (此次签约的项目中，甲公司增资…；乙公司投资…: the occasion's own projects, told by
                                   # company; 在签约的装备制造项目中，某基地…引人注目 names projects, not companies)
                                   r"|(此次|本次|这次)(签约|签署|签订)的?[^。！？\n，,]{0,6}项目中\s*[，,：:]")
_ITEM_END_RE = re.compile(r"[；;\n]")
_ITEM_NUMBER_RE = re.compile(r"\s*([0-9一二三四五六七八九十]{1,2}[.、．]|[（(][0-9一二三四五六七八九十]{1,2}[)）]|[①-⑳])?\s*")


def _project_list_heads(art: _Article) -> set[int]:
    """Where the items of a list of signed projects start with their company (签约项目包括：甲公司年产…项目，总投资30亿元；
    乙公司…项目): the start of each item's first PARTY, for items one to a line or set apart by ；. An item whose
    first words are not a name ends the list."""
    heads: set[int] = set()
    for lead in _PROJECT_LIST_LEAD_RE.finditer(art.text):
        pos, closed = lead.end(), False
        while pos < len(art.text):
            stop = _ITEM_END_RE.search(art.text, pos)
            end = stop.start() if stop else len(art.text)
            if end == pos:  # (the line break right after the colon)
                pos += 1
                continue
            number = _ITEM_NUMBER_RE.match(art.text, pos)
            if closed and not number.group(1):
                break  # (an item ended by 。 was the last, unless the items are numbered: the next paragraph is prose)
            at = number.end()
            first = next((x for x in art.in_span("PARTY", at, end) if x.start == at), None)
            if first is None:
                break
            heads.add(first.start)
            # (丙公司、丁公司分别投资建设…: an item of several companies, each a project)
            group = [first]
            for x in art.in_span("PARTY", first.end, end):
                if not re.fullmatch(r"\s*[、和及与]\s*", art.text[group[-1].end:x.start]):
                    break
                group.append(x)
            if len(group) > 1 and art.text.startswith("分别", group[-1].end):
                heads.update(x.start for x in group)
            # (…项目有：甲公司投资20亿元的A项目、乙公司的B项目、丙公司的C项目: items set apart by 、, each opening on
            # its company)
            for x in art.in_span("PARTY", first.end, end):
                if art.text[x.start - 1] in "、" and re.match(r"(的|投资|拟投资|计划投资)", art.text[x.end:x.end + 4]):
                    heads.add(x.start)
            closed = art.text[pos:end].rstrip().endswith(("。", "！", "!"))
            pos = end + 1
    return heads


def _name_counted_counterparts(art: _Article, records: list[_Record]) -> None:
    """A company the article names as a signing company (签约企业代表甲公司总经理某某作了发言) while some of the
    records it only counts have no counterpart: that company is the counterpart of the first of them. The count of
    records stays; only a side the article does name is no longer left out."""
    before = [list(r.party_forms) for r in records]
    _name_open_counted(art, records)
    if any(r.party_forms != b for r, b in zip(records, before)):
        _settle_named_money(art, records)
    _sign_each_counted(art, records)


_TOTAL_WORD_RE = re.compile(r"总额|总投资|合计|共计|总计|累计")


def _settle_named_money(art: _Article, records: list[_Record]) -> None:
    """Once counted records have their companies: money told in a piece of a sentence naming one record's own
    company (中国远能集团将…计划投资约420亿元；北辰机械将…投资120亿元) is that record's; a total told in the counting
    sentence, naming none, is every record's."""
    for r in records:
        for a in list(r.amounts):
            si, (s, e) = art.sentence_of(a.start)
            seg = max([s] + [art.text.rfind(c, s, a.start) + 1 for c in "；;"])
            clause = max([seg] + [art.text.rfind(c, s, a.start) + 1 for c in "，,"])
            if _TOTAL_WORD_RE.search(art.text, clause if clause > s else s, a.start) and \
                    not art.in_span("PARTY", clause, a.start) and (
                        not art.in_span("PARTY", seg, a.start)
                        or re.search(r"[两二三四五六七八九十\d]+(个|家|项)", art.text[seg:a.start])):
                # (a total in the counting clause or in a clause of its own that counts, 三个产业项目总投资近60亿元;
                # not 华晟电建与省政府签署的协议…，投资总额约240亿元, one company's)
                for o in records:  # (the counted records: a bank's agreement told beside them keeps its own)
                    if a not in o.amounts and o.party_forms and o.counted:
                        o.amounts.append(a)
                continue
            own = _records_named_in(art, records, seg, a.end)
            if len(own) > 1:
                # (远山能源投资200亿元，青禾机械投资60亿元: the company named nearest before it, in its own clause run)
                for c in sorted((i for i in range(seg, a.start) if art.text[i] in "，,"), reverse=True):
                    nearer = _records_named_in(art, records, c + 1, a.end)
                    if nearer:
                        own = nearer
                        break
            if len(own) == 1 and own[0] is not r:
                r.amounts.remove(a)
                if a not in own[0].amounts:
                    own[0].amounts.append(a)


def _name_open_counted(art: _Article, records: list[_Record]) -> None:
    open_records = [r for r in records if r.counted and len({art.index.canonical(f) for f in r.party_forms}) <= 1]
    if not open_records:
        return
    named = {art.index.canonical(f) for r in records for f in r.party_forms}
    item_heads = _project_list_heads(art)
    for e in art.ents:
        if e.label != "PARTY" or not (_SIGNING_COMPANY_RE.search(art.text, max(0, e.start - 8), e.start)
                                      or e.start in item_heads):
            continue
        form = art.form(e)
        if classify_kind(form) == "government" or art.index.canonical(form) in named:
            continue
        open_records.pop(0).party_forms.append(form)
        named.add(art.index.canonical(form))
        if not open_records:
            return
    # 省政府与五家中央企业签署… / 甲公司董事长A，乙公司总经理B…出席签约仪式: the companies whose people attend the
    # signing of the counted companies, as many as the records left open, are those companies (in the list's order)
    for si, (s, e) in enumerate(art.sentences):
        if not _ATTENDING_CEREMONY_RE.search(art.text, s, e):
            continue
        # (not guests: 乙公司总经理B作为特邀嘉宾出席)
        people = [o for o in art.in_span("OFFICIAL", s, e)
                  if not any(a <= o.start < b and "嘉宾" in art.text[a:b] for a, b in split_clauses(art.text, s, e))]
        orgs = list(dict.fromkeys(
            art.index.canonical(art.titles[o.text][1]) for o in people if art.titles.get(o.text, ("", None))[1]))
        # (a bank attending a signing of counted companies is no counted one unless the count is of banks)
        counted_words = "".join(r.evidence.text for r in open_records if r.evidence)
        orgs = [c for c in orgs if classify_kind(c) != "government" and c not in named
                and ("银行" not in c or re.search(r"银行|金融", counted_words))]
        if len(orgs) == len(open_records) >= 2:
            for r, c in zip(open_records, orgs):
                r.party_forms.append(c)
            return


# 副省长甲代表省政府与各企业负责人分别签约, 园区管委会副主任乙分别与各企业代表签约: one person signs every counted signing
_WITH_EACH_RE = re.compile(r"(分别)?(与|同)(各|(?<=分别与)[两二三四五六七八九十\d]+)(家|个)?(企业|公司|单位|项目方|客商|投资方|银行)?"
                           r"(负责人|代表)?(分别)?(签约|签署|签订|签字)")


def _sign_each_counted(art: _Article, records: list[_Record]) -> None:
    """The person a sentence has sign with each of the companies (与各企业负责人分别签约) signs every counted record
    that has its counterpart now, as the record they were written on does."""
    if len(records) < 2:
        return
    common = set.intersection(*[{art.index.canonical(f) for f in r.party_forms} for r in records])
    counted = [r for r in records if len(r.party_forms) >= 2 and common] if common else []
    if not counted:
        return
    for s, e in art.sentences:
        m = _WITH_EACH_RE.search(art.text, s, e)
        if not m:
            continue
        signer = next((o for o in reversed(art.in_span("OFFICIAL", s, m.start()))), None)
        # (the person is the subject of that clause: 副省长甲代表省政府与各企业…, not 甲出席，乙与各企业…)
        if signer is None or re.search(r"[，,。；;]|出席|见证|陪同|主持", art.text[signer.end:m.start()]):
            continue
        # (县长甲将与各企业签订补充协议, 去年，时任县长甲曾与各企业签约: a signing planned or past, not this one)
        if re.search(r"将|拟|曾|计划|准备", art.text[signer.end:m.start()]) or art.planned_signing(s, e) or \
                is_history_clause(art.text[s:e], art.year):
            continue
        for r in counted:
            r.officials[signer.text] = "signatory"
            r.official_ev.setdefault(signer.text, Evidence(signer.start, signer.end, signer.text))


def _dissolve_listed_signers(art: _Article, records: list[_Record]) -> list[_Record]:
    """A "record" made of a list of people each written with an organisation that is already a side of its own
    record (甲公司董事长A、乙公司总裁B、丙公司总经理C代表企业签约, after 园区分别与三家企业签约): no signing of its own;
    each person signs the record of their organisation. Sides the list holds that no record has (a name in
    brackets read as a side: Thomas Schmidt) are left with it."""
    out = list(records)
    for r in records:
        sides = [art.index.canonical(f) for f in dict.fromkeys(r.party_forms)]
        others = [o for o in out if o is not r and not set(o.sentences) & set(r.sentences)]
        # (the host government's own office named with its signer, 省政府秘书长甲与A的乙…: no side of the list)
        sides = [c for c in sides if not (classify_kind(c) == "government" and len(others) >= 2 and all(
            c in {art.index.canonical(f) for f in o.party_forms} for o in others))]
        if len(sides) < 2 or not r.officials or any(classify_kind(c) == "government" for c in sides):
            continue  # (the listed organisations are the counterparts; the host government is in each own record)
        owners: dict[str, _Record] = {}
        for c in sides:  # (not the list's other pieces, split from its own sentence)
            holders = [o for o in out if o is not r and c in {art.index.canonical(f) for f in o.party_forms}
                       and not set(o.sentences) & set(r.sentences)]
            if len(holders) == 1:
                owners[c] = holders[0]
        hosted = all(any(classify_kind(x) == "government" and x not in sides
                         for x in {art.index.canonical(f) for f in o.party_forms}) for o in owners.values()) or (
            # (or one host of any kind in every record: 我校与A、B签署… then 副校长甲分别与A的乙、B的丙签署, a sentence
            # naming people only)
            len(owners) >= 2 and not any(art.in_span("PARTY", *art.sentences[i]) for i in r.sentences) and
            bool(set.intersection(*[{art.index.canonical(f) for f in o.party_forms}
                                                         for o in owners.values()]) - set(sides)))
        owner_ids = [id(o) for o in owners.values()]
        # two listed organisations may share one record only where it is a many-sided agreement (甲协会、乙公司与县里
        # 三方签署…, then 甲协会会长A，乙公司总经理B…分别参与签约); two sides of one bilateral record are a signing
        # (and the list names no agreement: 与乙公司代表双方签署了《X》 after the three-sided one is a signing)
        shared_ok = not r.title and all(len({art.index.canonical(f) for f in o.party_forms}) >= 3
                                        for o in owners.values() if owner_ids.count(id(o)) > 1)
        if len(owners) < 2 or not hosted or (len(set(owner_ids)) < len(owners) and not shared_ok) or \
                any(not re.fullmatch(r"[A-Za-z .·-]+", c) for c in sides if c not in owners):
            continue
        moved = {}
        for name, role in r.officials.items():
            aff = art.titles.get(name, ("", None))[1]
            ev = r.official_ev.get(name)
            if not aff and ev is not None:  # (甲公司创始人兼首席执行官A: the title chain was not read whole)
                before = [x for x in art.in_span("PARTY", max(0, ev.start - 25), ev.start)
                          if not re.search(r"[、，,。；;]", art.text[x.end:ev.start])]
                aff = art.form(before[-1]) if before else None
            target = owners.get(art.index.canonical(aff)) if aff else None
            targets = [target] if target is not None else []
            # (every mention in the record's own sentences: the evidence may be an earlier one, in a list of guests;
            # one person may sign twice there: 甲与A的乙，丙与B的丁，甲与C的戊分别签约)
            mentions = [x for i in r.sentences for x in art.in_span("OFFICIAL", *art.sentences[i]) if x.text == name]
            if target is None and (not aff or art.index.canonical(aff) not in sides) and (mentions or ev is not None):
                # 副省长甲与A集团董事长乙，副省长丙与B集团总经理丁分别签字: a signer of no named organisation (or of the
                # host's, which is no side of the list), joined by 与 to a partner of one, signs the partner's record;
                # 副校长甲分别与乙、丙签署: each partner's
                for m in mentions or [ev]:
                    for t in _partners_records(art, m, owners, out, r):
                        if t not in targets:
                            targets.append(t)
            if role == "signatory" and not targets:
                break
            if targets:
                moved[name] = targets
        else:
            for name, targets in moved.items():
                for target in targets:
                    target.officials[name] = r.officials[name]
                    target.official_ev.setdefault(name, r.official_ev.get(name))
            out.remove(r)
    return out


def _partners_records(art: _Article, m: Entity, owners: dict, pool: list[_Record], r: _Record) -> list[_Record]:
    """The records of the people joined to the mention m by 与 (分别与乙、丙: each of them): the owner of each partner's
    organisation, else the one record outside r's sentence that has it as a side."""
    partner = next((x for x in art.in_span("OFFICIAL", m.end, m.end + 30)
                    if re.fullmatch(r"(分别)?(与|同|和)[^，,。；;、与同和]*", art.text[m.end:x.start])), None)
    partners = [partner] if partner is not None else []
    if partner is not None and art.text.startswith("分别", m.end):
        for x in art.in_span("OFFICIAL", partner.end, partner.end + 30):
            if not re.fullmatch(r"[^，,。；;与同和]*、[^，,。；;与同和]*", art.text[partners[-1].end:x.start]):
                break
            partners.append(x)
    out = []
    for x in partners:
        p_aff = art.titles.get(x.text, ("", None))[1]
        if not p_aff:
            continue
        c = art.index.canonical(p_aff)
        t = owners.get(c)
        if t is None:
            held = [o for o in pool if o is not r and not set(o.sentences) & set(r.sentences)
                    and c in {art.index.canonical(f) for f in o.party_forms}]
            t = held[0] if len(held) == 1 else None
        if t is not None:
            out.append(t)
    return out


def _pair_respective_signers(art: _Article, records: list[_Record]) -> None:
    """甲和乙副校长分别与省财政厅、科技厅签署了…协议: as many signers before 分别与 as counterparts after it, each
    signs the counterpart in its place (甲 the first, 乙 the second), not every one of them. With 分别代表 (甲、乙分别
    代表A、B，与学院签订…) the names after it are each signer's own side, paired the same way."""
    by_sentence: dict[int, list[_Record]] = {}
    for r in records:
        if len(r.sentences) >= 1:
            by_sentence.setdefault(r.sentences[0], []).append(r)
    for si, recs in by_sentence.items():
        if len(recs) < 2:
            continue
        s, e = art.sentences[si]
        m = re.search(r"分别(与|同|和|代表)", art.text[s:e])
        if not m:
            continue
        verb = s + m.start()
        signers = [o.text for o in art.in_span("OFFICIAL", s, verb)]
        if len(signers) != len(recs) or len(set(signers)) != len(signers) or \
                art.in_span("PARTY", s, verb) or not all(
                    all(r.officials.get(n) == "signatory" for n in signers) for r in recs):
            continue
        # each record's place: its side written after 分别与 (分别代表), in the order of the text
        def place(r: _Record) -> int:
            spans = [x.start for x in art.in_span("PARTY", verb, e)
                     if art.index.canonical(art.form(x)) in {art.index.canonical(f) for f in r.party_forms}]
            return min(spans) if spans else -1
        ordered = sorted(recs, key=place)
        if any(place(r) < 0 for r in ordered) or len({place(r) for r in ordered}) != len(ordered):
            continue
        for r, mine in zip(ordered, signers):
            for n in signers:
                if n != mine:
                    r.officials.pop(n, None)


def _pair_joined_signers(art: _Article, records: list[_Record]) -> None:
    """副省长甲与A集团董事长乙，副省长丙与B集团总经理丁分别在协议上签字: two or more pairs of people, each joined by
    与, sign respectively; the first of a pair signs the agreement of the organisation its partner serves, not all."""
    if len(records) < 2:
        return
    for s, e in art.sentences:
        sent = art.text[s:e]
        if "分别" not in sent or not SIGN_VERBS_RE.search(sent):
            continue
        people = art.in_span("OFFICIAL", s, e)
        pairs = [(a, b) for a, b in zip(people, people[1:])
                 if re.fullmatch(r"[^，,。；;、与和同]*(与|和|同)[^，,。；;、与和同]*", art.text[a.end:b.start])]
        if len(pairs) < 2 or len({a.text for a, _ in pairs}) < len(pairs):
            continue
        for a, b in pairs:
            theirs = [r for r in records if r.officials.get(b.text) == "signatory"]
            mine = [r for r in records if r.officials.get(a.text) == "signatory"]
            if len(theirs) == 1 and len(mine) > 1 and theirs[0] in mine:
                for r in mine:
                    if r is not theirs[0]:
                        r.officials.pop(a.text, None)


def _one_side_with_each(art: _Article, sides: list[str], held: dict) -> bool:
    """One of `sides` (the host) holds every record the others hold, and each of those records has the host and
    exactly one other of the sides: the host signed with each of them separately."""
    pool = {id(o): o for hs in held.values() for o in hs}
    for host in sides:
        if {id(o) for o in held[host]} != set(pool):
            continue
        if all(len({art.index.canonical(f) for f in o.party_forms} & set(sides)) == 2 for o in pool.values()):
            return True
    return False


def _dissolve_respective_signers(art: _Article, records: list[_Record]) -> list[_Record]:
    """甲局局长A、乙管委会主任B分别代表各自单位签约 after 甲局分别与C、D签订…；乙管委会与E签订… (or 德阳市市长甲，乐山市
    副市长乙…分别代表各方签约 after the projects each city signed): a list of the sides' signers with no agreement of
    its own; each signs every agreement its own side signed there, also a side the list leaves out."""
    out = list(records)
    for r in records:
        sides = [art.index.canonical(f) for f in dict.fromkeys(r.party_forms)]
        if r.title or len(sides) < 2 or not r.officials or not r.sentences or not all(
                re.search(r"分别代表|各自代表", art.text[slice(*art.sentences[i])]) for i in r.sentences):
            continue
        held = {c: [o for o in out if o is not r and c in {art.index.canonical(f) for f in o.party_forms}]
                for c in sides}
        for c, hs in held.items():  # a side also in a many-sided agreement (an alliance): its own bilateral one
            two = [o for o in hs if len({art.index.canonical(f) for f in o.party_forms}) == 2]
            if len(hs) > 1 and two:
                held[c] = two
        ids = [id(o) for c in sides for o in held[c]]
        if not all(held.values()) or (len(ids) != len(set(ids)) and not _one_side_with_each(art, sides, held)):
            continue  # (every side signed elsewhere, and no agreement of two of them together, unless one side
            # signed with each of the others: 副省长甲代表省政府，A总经理乙、B董事长丙分别代表各自企业签字)
        moves: dict[str, list[_Record]] = {}
        for name, role in r.officials.items():
            title, aff = art.titles.get(name, ("", None))
            if not aff:  # (德阳市委副书记、市长甲: the place its title starts with; 市委常委、副市长 names none)
                place = re.match(r"([^委、，,\s]{1,5}[省市县区州])委?", title or "")
                aff = place.group(1) if place else None
            targets = None
            if aff:
                c = art.index.canonical(aff)
                targets = held.get(c)
                if not targets and role == "signatory":  # (a signer of a side the list leaves out: 德阳市市长甲)
                    targets = [o for o in out if o is not r and c in {art.index.canonical(f) for f in o.party_forms}]
            if not targets and role == "signatory":  # (副市长甲代表市政府与两家企业签署: the government's signer of
                # the listed sides' agreements, where a government is the other side)
                pool = list({id(o): o for c in sides for o in held[c]}.values())
                targets = [o for o in pool if name in o.officials] or (
                    [o for o in pool if any(classify_kind(art.index.canonical(f)) == "government" for f in o.party_forms)]
                    if is_government_title(title or "") else None)
            if role == "signatory" and not targets:
                break
            if targets:
                moves[name] = targets
        else:
            for name, targets in moves.items():
                for t in targets:
                    if t.officials.get(name) != "signatory":  # (a witness of the list signs its own agreement)
                        t.officials[name] = r.officials[name]
                    t.official_ev.setdefault(name, r.official_ev.get(name))
            out.remove(r)
    return out


_UNIT_RE = re.compile(r"(学院|学部|系|研究所|研究中心|实验室|处|部|分院)$")


def _fold_unit_signers(art: _Article, records: list[_Record]) -> list[_Record]:
    """机电学院院长甲与远山海工总经理乙签字 after 学校与远山海工装备股份有限公司签署…协议: a sentence pairing a
    university's unit with a counterpart that has one record of its own, naming no agreement, tells who signed that
    record for the university; it is no agreement of the unit's. (A unit told as the signing side itself, 我校某学院与
    某公司签署…协议, names its agreement and keeps its record.)"""
    out = list(records)
    for r in records:
        if r.title or len(r.party_forms) < 2 or not r.officials:
            continue
        sides = {art.index.canonical(f) for f in r.party_forms}
        if len(sides) != 2:
            continue
        units = [c for c in sides if _UNIT_RE.search(c) and not any(
            c in {art.index.canonical(f) for f in o.party_forms} for o in out if o is not r)]
        if len(units) != 1:
            continue
        (other,) = sides - set(units)
        holders = [o for o in out if o is not r and other in {art.index.canonical(f) for f in o.party_forms}]
        if len(holders) != 1 or not any(re.search(r"(大学|学院|学校)$", art.index.canonical(f)) or
                                         is_first_person(normalize_name(f))
                                         for f in holders[0].party_forms if art.index.canonical(f) != other):
            continue
        target = holders[0]
        for name, role in r.officials.items():
            if target.officials.get(name) != "signatory":
                target.officials[name] = role
            target.official_ev.setdefault(name, r.official_ev.get(name))
        target.sentences = sorted(set(target.sentences) | set(r.sentences))
        out.remove(r)
    return out


def _fold_for_both_sides(art: _Article, records: list[_Record]) -> list[_Record]:
    """A record made by 甲公司副总裁、华北区域总部总经理乙代表双方签约 (the person's unit read as a side) is the record
    of the signing it speaks of: the one sharing its other side, whose own side the unit's name starts with."""
    out = list(records)
    for r in records:
        if r.evidence is None or not _FOR_BOTH_SIDES_RE.search(r.evidence.text) or r.title:
            continue
        mine = {art.index.canonical(f) for f in r.party_forms}
        for o in out:
            if o is r:
                continue
            theirs = {art.index.canonical(f) for f in o.party_forms}
            rest = mine - theirs
            forms = [f for t in theirs - mine for f in [t] + art.index.aliases(t) if len(f) >= 2]
            ev = r.evidence
            if not (mine & theirs) or not rest or not all(
                    any(x.startswith(f) for f in forms) or any(
                        f in art.text[max(ev.start, m.start - 16):m.start]
                        for m in art.party_mentions(x) if ev.start <= m.start < ev.end for f in forms)
                    for x in rest):
                continue  # (远山国际副总裁、华北区域总部总经理: the unit is written right after its company)
            for name, role in r.officials.items():
                if role == "signatory" or name not in o.officials:
                    o.officials[name] = role
                o.official_ev.setdefault(name, r.official_ev.get(name))
            out.remove(r)
            break
    return out


def _signatory_wins(records: list[_Record]) -> None:
    """Whoever signs one agreement is not also listed as a mere witness of the article's signings."""
    signers = {n for r in records for n, role in r.officials.items() if role == "signatory"}
    for r in records:
        for n in list(r.officials):
            if n in signers and r.officials[n] == "witness":
                del r.officials[n]


BLOCK_CHARS = 20_000  # rule cost grows faster than linearly with article length; very long inputs go in blocks


def build_records(text: str, entities: list[Entity], published: Optional[str],
                  features: Optional[list] = None) -> list[Agreement]:
    """One Agreement per agreement signed in the article, assembled from tagged entity spans (see module doc).

    A text longer than BLOCK_CHARS (a news article is 1-5k characters; longer inputs are digests or dumps) is
    handled in paragraph-aligned blocks of about that size, so time stays linear in the input length.
    With `features` (a list), one dict of record_features per returned agreement is appended to it, in order."""
    if len(text) <= BLOCK_CHARS:
        return _build_block(text, entities, published, features)
    out: list[Agreement] = []
    ordered = sorted(entities, key=lambda e: e.start)
    first = 0  # entities before this one start in earlier blocks: each entity is looked at once or twice
    start = 0
    while start < len(text):
        end = len(text) if len(text) - start <= BLOCK_CHARS else text.rfind("\n", start, start + BLOCK_CHARS) + 1
        if end <= start:
            end = min(len(text), start + BLOCK_CHARS)
        while first < len(ordered) and ordered[first].start < start:
            first += 1
        block = []
        for e in ordered[first:]:
            if e.start >= end:
                break
            if e.end <= end:
                block.append(Entity(e.label, e.text, e.start - start, e.end - start, e.score))
        for ag in _build_block(text[start:end], block, published, features):
            out.append(_shift_agreement(ag, start, text))
        start = end
    return out


def _shift_agreement(ag: Agreement, offset: int, text: str) -> Agreement:
    """Move every evidence of a block's agreement to offsets in the whole text."""
    def shift(ev):
        if ev is None:
            return None
        return type(ev)(ev.start + offset, ev.end + offset, text[ev.start + offset:ev.end + offset])

    ag.evidence = shift(ag.evidence)
    for item in ag.parties + ag.officials + ag.amounts:
        item.evidence = shift(item.evidence)
    return ag


def _build_block(text: str, entities: list[Entity], published: Optional[str],
                 features: Optional[list] = None) -> list[Agreement]:
    art = _Article(text, entities, published)
    records = _collect(art)
    had_signing = art.signings > 0
    records = _split_separate_signings(art, [r for r in records if r.party_forms])
    _fold_renamed_sides(art, records)
    records = _fold_headline_restatement(art, _fold_headline_government(art, _merge_same_parties(art, records)))
    records = _fold_headline_series(art, records)
    if not records and had_signing:
        records = [_ceremony_record(art)]
    _assign_officials(art, records)
    records = _fold_overview_of_separate_signings(art, _add_served_government(art, records))
    _pair_respective_signers(art, records)
    _pair_joined_signers(art, records)
    records = _fold_for_both_sides(art, _fold_unit_signers(art, _dissolve_listed_signers(art, _dissolve_respective_signers(art, records))))
    _signatory_wins(records)
    _assign_amounts(art, records)
    records = _add_uncounted_batch(art, _add_counted_projects(art, _add_counted_counterparts(art, records)))
    _name_counted_counterparts(art, records)
    _drop_rounded_retellings(art, records)
    out = [_to_agreement(art, r) for r in records]
    if features is not None:
        features.extend(record_features(art, r, a, len(records)) for r, a in zip(records, out))
    return out


_ORG_ENDING_RE = re.compile(r"(公司|集团|银行|分行|支行|大学|学院|学校|研究院|研究所|医院|协会|学会|商会|促进会|联合会|研究会|中心|联盟|政府|管委会|"
                            r"委员会|厅|局|委|办|省|市|县|区|州|盟|旗|镇|乡|新区|园区|开发区)$")


def record_features(art: _Article, rec: _Record, ag: Agreement, n_records: int) -> dict[str, float]:
    """What a record looks like, for a learned judge of whether it is a real agreement (qianyue.assembly): how
    many sides it names and how well they read as organisation names, what the tagger thought of its spans,
    and how much of the signing the article tells (name, date, people, signing verb)."""
    names = [p.name for p in ag.parties]
    party_scores = [_party_score(art, n) for n in names]
    mentions = [len(art.party_mentions(n)) for n in names]
    ev = ag.evidence.text if ag.evidence else ""
    return {
        "one_side": float(len(names) == 1), "sides": float(min(len(names), 4)) / 4,
        "titled": float(bool(ag.title)),
        "generic_title": float(bool(ag.title) and is_generic_title(ag.title, art.index.forms)),
        "title_score": max(rec.scores) if rec.scores else 0.0,
        "min_party_score": min(party_scores) if party_scores else 0.0,
        "mean_party_score": sum(party_scores) / len(party_scores) if party_scores else 0.0,
        "org_like": (sum(1 for n in names if _ORG_ENDING_RE.search(n) and len(n) >= 3) / len(names)) if names else 0.0,
        "short_name": float(any(len(n) <= 2 for n in names)),
        "min_mentions": float(min(min(mentions), 4)) / 4 if mentions else 0.0,
        "dated": float(ag.date is not None), "date_in_sentence": float(rec.date_from_sentence),
        "officials": float(bool(ag.officials)),
        "signatory": float(any(o.role == "signatory" for o in ag.officials)),
        "verb": float(bool(SIGN_VERBS_RE.search(ev))),
        "headline_only": float(bool(rec.sentences) and max(rec.sentences) == 0),
        "sentences": float(min(len(set(rec.sentences)), 4)) / 4,
        "records": float(min(n_records, 8)) / 8,
        "amounts": float(bool(ag.amounts)),
        "counted": float(rec.counted),
    }
