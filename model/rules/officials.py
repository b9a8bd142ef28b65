"""Officials: the titles written next to a person's name, the organisation they serve, and their role at a
signing (signatory or witness), decided from the words of the clause they stand in.
"""
from __future__ import annotations

import re
from typing import Optional

from ..results import Entity

__all__ = ["title_chain", "titles_by_name", "affiliation", "signatory_in_clause", "WITNESS_CUES", "REPORTER_RE", "SIGN_VERBS_RE",
           "is_government_title", "SIGNERS_NAMED_AFTER_RE", "leads_delegation", "is_met_guest", "is_cited", "in_byline",
           "attends_occasion", "at_occasion", "hosts_occasion", "group_labels", "witness_together", "introduces_signers"]

SIGN_VERBS_RE = re.compile(r"签署|签订|签约|签字|签下|签定|草签|共签|签了")
WITNESS_CUES = ("见证", "出席", "参加", "参与", "陪同", "在场", "列席", "共同见证", "主持", "莅临", "到场")
# Titles of people who report on a signing rather than take part in it.
REPORTER_RE = re.compile(r"记者|通讯员|编辑|摄影|实习生")
_BLOCKERS = ("见证", "出席", "参加", "会见", "会谈", "陪同", "座谈")
_JOINERS = set("、 　")
_GOV_TITLE_RE = re.compile(r"(省|市|县|州|区|委|长|书记|常委|秘书长|主席|厅|局|主任|巡视员|部长|镇|乡)")


def title_chain(entities: list[Entity], text: str, idx: int) -> tuple[list[Entity], Optional[Entity]]:
    """TITLE spans stacked right before the OFFICIAL at `idx` (省委副书记、省长王儒林), and the PARTY span written
    right before them (中国电信云南公司总经理苗逢源), walking back over 、 and spaces only."""
    titles: list[Entity] = []
    party: Optional[Entity] = None
    pos = entities[idx].start
    j = idx - 1
    while j >= 0:
        e = entities[j]
        gap = text[e.end:pos]
        if gap == "的" and e.label == "PARTY" and titles:
            gap = ""  # 吴忠市人民政府的市委常委龚某: the organisation, 的, then the titles
        if any(ch not in _JOINERS for ch in gap) or len(gap) > 2:
            break
        if e.label == "TITLE":
            titles.insert(0, e)
        elif e.label == "PARTY" and titles:
            party = e
            # titles may be stacked on both sides of a party: 安徽省委常委、合肥市委书记
            pos = e.start
            j -= 1
            continue
        else:
            break
        pos = e.start
        j -= 1
    # names listed after one title share it (副校长周某、唐某、王某): an untitled name right after a titled one
    if not titles and idx > 0 and entities[idx - 1].label == "OFFICIAL" and \
            text[entities[idx - 1].end:entities[idx].start] == "、":
        return title_chain(entities, text, idx - 1)
    # a title written right after the name (苗逢源总经理) counts when none precedes it
    if not titles and idx + 1 < len(entities):
        nxt = entities[idx + 1]
        if nxt.label == "TITLE" and nxt.start == entities[idx].end:
            titles.append(nxt)
    return titles, party


def titles_by_name(entities: list[Entity], text: str) -> dict[str, tuple[str, Optional[str]]]:
    """name -> (stacked titles joined with 、, affiliated PARTY text) from the mention carrying the most titles."""
    best: dict[str, tuple[int, str, Optional[str]]] = {}
    for i, e in enumerate(entities):
        if e.label != "OFFICIAL":
            continue
        titles, party = title_chain(entities, text, i)
        joined = "、".join(t.text for t in titles)
        cur = best.get(e.text)
        if cur is None or len(titles) > cur[0] or (len(titles) == cur[0] and cur[2] is None and party):
            best[e.text] = (len(titles), joined, party.text if party else (cur[2] if cur else None))
        elif party and cur[2] is None:
            best[e.text] = (cur[0], cur[1], party.text)
    return {n: (t or "", p) for n, (_, t, p) in best.items()}


def is_government_title(title: str) -> bool:
    """True for titles of government or party posts (省长, 副市长, 省委常委, 秘书长): the person serves a government."""
    if not title:
        return False
    if re.search(r"(董事|总经理|总裁|经理|总会计师|总监|行长|CEO|首席|总工程师|监事)", title):
        return False
    if re.search(r"(院长|校长|所长|会长|馆长|社长)", title) and not re.search(r"(省|市|县|区|州|镇|乡)(长|委)", title):
        return False  # heads of a school, institute or association (党委副书记、院长) serve that organisation
    return bool(_GOV_TITLE_RE.search(title))


def affiliation(title: str, party_text: Optional[str], parties: list[tuple[str, str]],
                article_parties: Optional[list[tuple[str, str]]] = None) -> Optional[str]:
    """The organisation a person serves: the PARTY written before their title, else the agreement's government
    party for a government title and its first enterprise/organisation party otherwise. `parties` = (name, kind).

    `article_parties` (every organisation of the article, in order) serve when the agreement has none of the
    level the title names: a 县委书记 serves the article's county even where only a company and a park sign."""
    gov = [n for n, k in parties if k == "government"]
    other = [n for n, k in parties if k != "government"]
    if is_government_title(title) and article_parties:
        level_match = government_of_level(title, gov, exact=True)
        if level_match is None:
            wider = government_of_level(title, [n for n, k in article_parties if k == "government"], exact=True)
            gov = [wider] if wider else gov
    if party_text and GENERIC_ORG_RE.match(party_text):
        # 集团公司副总经理: the article's own company, named in full among the parties
        named = [n for n in other if "集团" in n] if "集团" in party_text else []
        return (named or other or [party_text])[0]
    if party_text:
        return party_text
    if is_government_title(title):
        return government_of_level(title, gov)
    if title:
        return other[0] if other else None
    return None


GENERIC_ORG_RE = re.compile(r"^(本|该|我)?(集团公司|集团|公司|总公司|股份公司|总部)$")


def government_of_level(title: str, governments: list[str], exact: bool = False) -> Optional[str]:
    """The government a government title serves: with a city and one of its districts both parties, a 区长 serves
    the district and a 市长 the city (the level word of the title's last post decides); else the first one
    (None with `exact`)."""
    if not governments:
        return None
    last_post = re.split(r"[、，,]", title)[-1]
    m = re.search(r"(区|县|市|州|省)(委|长|政府)", last_post) or re.search(r"(区|县|市|州|省)", last_post)
    if m:
        level = m.group(1)
        for g in governments:
            place = re.sub(r"(人民政府|政府|管委会)$", "", g)
            if place.endswith(level):
                return g
    return None if exact else governments[0]


# 在协议上签字的是…, 代表双方签字的分别是…, 签约代表为…, 双方签约代表分别是…: the people named after it signed
SIGNERS_NAMED_AFTER_RE = re.compile(r"(签字|签约|签署|签名)(的|人|代表)(分别)?(是|为)")


# words before a colon that introduce the signers listed after it (双方签约代表：, 在协议上签字的分别是：)
_SIGNERS_LEAD_RE = re.compile(r"(签字|签约|签署|签名)(的|人|代表)(分别)?(是|为|有)?\s*$")


def introduces_signers(lead: str) -> bool:
    """True when the text before a colon says the people listed after it signed."""
    return bool(_SIGNERS_LEAD_RE.search(lead))


# the person written right after 签约代表 / 签约企业代表 (its organisation and titles between) signed for their side
_SIGNING_DELEGATE_RE = re.compile(r"签约(企业|单位|方|双方|各方|客商)?代表[、\s]*[^，,。；;、\s见出参会]{0,30}$")


def signatory_in_clause(clause: str, name_end: int) -> bool:
    """True when a signing verb follows the name in its clause with no witnessing/meeting word in between and the
    verb does not merely name a ceremony (签字仪式): 副省长王祖继与…吴安迪签署了《…》, …代表双方签约."""
    if SIGNERS_NAMED_AFTER_RE.search(clause[:name_end]):
        return True  # 在协议上签字的是…A和…B: the people named after it signed
    if _SIGNING_DELEGATE_RE.search(clause[:name_end]):
        return True  # 签约企业代表、某公司总经理某某作了发言: the person is the signing side's representative
    rest = clause[name_end:]
    m = SIGN_VERBS_RE.search(rest)
    if not m:
        return False
    between = rest[: m.start()]
    if any(b in between for b in _BLOCKERS):
        return False
    if re.match(r"(前|后|之前|之后|结束|完毕)", rest[m.end():]):
        return False  # 在签约前会见了…: the signing tells when, it is not what this person did
    if re.match(r"(仪式|活动|项目|企业|金额|现场|计划|单位|客商|嘉宾|大?会(?![见谈晤]))", rest[m.end():]) and \
            not re.match(r"项目[^，,。；;]{0,12}(协议|合同|备忘录)", rest[m.end():]):
        # 签字仪式, 签约项目, 在签约会上说: the verb names something, it is not what this person did (签订项目投资协议
        # is signing)
        return False
    if between.endswith("的") or re.match(r"[^，,。；]{0,12}(表示|致以)", rest[m.end():]):
        return False  # 对协议的签署表示祝贺, 对双方成功签约表示祝贺: the signing is what they speak about
    return True


def leads_delegation(clause: str, name_end: int) -> bool:
    """True when the person heads or joins a visiting delegation that the signing verb follows (书记某某、副书记某某
    一行到某县调研签约): their organisation signs, the people named are its delegation, not its signatories."""
    m = SIGN_VERBS_RE.search(clause, name_end)
    return bool(m) and "一行" in clause[name_end:m.start()]


# The verb that makes the people after it the guests someone receives (省长会见了…董事长某某一行).
_MEETING_RE = re.compile(r"会见|会晤|拜会|拜访|接见|看望")


def is_met_guest(sentence: str, name_start: int) -> bool:
    """True when the person at `name_start` is the object of a meeting verb in their sentence (省委书记会见了…
    总裁某某一行并见证签约): the guest received, not someone said to witness the signing. The object runs from the
    verb to the next 并 / 。 / ； or verb of attending or signing, across the 、 and ， of a list of guests; a time
    clause (会见结束后，…) ends it too. Guests the sentence says witnessed together with their hosts (…一行，并共同
    见证签约) are witnesses, not mere guests."""
    before = sentence[:name_start]
    m = None
    for m in _MEETING_RE.finditer(before):
        pass
    if m is None:
        return False
    between = before[m.end():]
    if re.search(r"[并。；;]|见证|出席|参加|签署|签订|签约|签字|举行|结束|后|期间|时[，,]", between):
        return False
    return not witness_together(sentence[name_start:])


# guests and hosts said to witness or attend together (…一行，并共同见证签约; 共同揭牌并见证相关签约)
_TOGETHER_RE = re.compile(r"(共同|一同|一起|一道)([^，,。；;]{0,8}并)?(见证|出席|参加)")


def witness_together(text: str) -> bool:
    """True when the text says its people witnessed or attended together (共同见证, 一同出席, 共同揭牌并见证)."""
    return bool(_TOGETHER_RE.search(text))


_CITED_RE = re.compile(r"(学习|贯彻|落实|遵照|遵循|按照|领会|践行)[^，,。；]{0,3}$")


def is_cited(sentence: str, name_start: int) -> bool:
    """True when the name is cited as the author of a doctrine or speech (深入学习贯彻某某总书记…重要讲话精神),
    not a person at the signing."""
    return bool(_CITED_RE.search(sentence[:name_start]))


# A byline: (记者 王某 李某), （通讯员 张某）. The names in it report the signing.
_BYLINE_RE = re.compile(r"[(（][^()（）]{0,30}?(记者|通讯员|编辑|摄影)[^()（）]*$")


def in_byline(text: str, name_start: int) -> bool:
    """True when the name at `name_start` stands inside a byline parenthesis ((记者 宋某 康某)), whose names are
    reporters even when the tagger gives them no title."""
    return bool(_BYLINE_RE.search(text[max(0, name_start - 40):name_start]))


# A sentence that ends by saying its people attended (…参加。 …出席会议。 …出席并致辞。 …参加签约。): the occasion
# is the one the article reports, so they witnessed its signing (ANNOTATION.md: attendance of the ceremony or
# meeting where the signing happens).
_ATTENDANCE_END_RE = re.compile(r"((参加|出席|参会|与会|陪同|列席|莅临|到场|到会)了?((会见|会谈|座谈)(和|及|与|并))?"
                                r"(会议|会见|活动|仪式|签约仪式|签约活动|签字仪式|"
                                r"签约会|签字会|签约|签字|座谈会|推介会|洽谈会|大会)?(现场)?"
                                r"(并(致辞|讲话|发言|祝贺)|祝贺|指导)?|(分别|先后)(致辞|讲话|发言))[。；;！!.]?\s*$")
# A sentence told from the occasion itself (签约仪式上，… 活动现场，… 会上，… 会上某某致辞): its people were there.
_AT_OCCASION_RE = re.compile(r"^\s*(在)?(本次|此次)?(签约|签字)?(仪式|活动|会议|会|签约)?(上|现场)[，,]|"
                             r"^\s*(在)?(本次|此次)?(签约|签字)?(仪式|活动|会议|会)(上|现场)(?=[\u4e00-\u9fff])|"
                             r"在(本次|此次)?(签约|签字)(仪式|活动)(上|现场)")
# The host of the ceremony or meeting (主持仪式, 仪式由某某主持, 会议由某某主持) witnesses what is signed at it.
_HOST_RE = re.compile(r"主持了?(签约仪式|签字仪式|仪式|会议|活动|签约)|(仪式|会议|活动)由[^。；]{0,30}主持")


def attends_occasion(sentence: str) -> bool:
    """True when the sentence ends by saying its people attended the occasion (…参加会议。 …出席并致辞。)."""
    return bool(_ATTENDANCE_END_RE.search(sentence))


def at_occasion(sentence: str) -> bool:
    """True when the sentence is told from the ceremony or meeting itself (签约仪式上，某某表示…; 某某在签字仪式上
    表示…)."""
    return bool(_AT_OCCASION_RE.search(sentence))


def hosts_occasion(sentence: str) -> bool:
    """True when the sentence names the host of the ceremony or meeting (仪式由副市长某某主持)."""
    return bool(_HOST_RE.search(sentence))


_GROUP_LABEL_RE = re.compile(r"((省|市|县|区|州|镇|乡)(委|政府)?领导)$")


def group_labels(entities: list[Entity], text: str) -> dict[str, str]:
    """name -> the group label written before a list of untitled names (县领导甲、乙、丙): not a title of theirs, but
    it says which government they serve."""
    out: dict[str, str] = {}
    run: list[Entity] = []
    for i, e in enumerate(entities):
        if e.label != "OFFICIAL":
            continue
        prev = entities[i - 1] if i else None
        joined = prev is not None and prev.label == "OFFICIAL" and run and run[-1] is prev and \
            text[prev.end:e.start] in ("、", "，", ",", "和", "及")
        run = run + [e] if joined else [e]
        m = _GROUP_LABEL_RE.search(text[max(0, run[0].start - 6):run[0].start])
        if m and not (prev is not None and prev.label == "TITLE" and prev.end == e.start):
            out.setdefault(e.text, m.group(1))
    return out
