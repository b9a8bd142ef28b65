"""Dates: find the article's dateline and resolve tagged DATE texts to ISO days, as ANNOTATION.md prescribes.

Relative dates (今天, 昨日, 27日, 当日) resolve against the dateline when the article has one, else against the
publication date; a month-day without a year takes the year that puts it on or before publication; vague dates
(日前, 近日) resolve to None because the article gives no day.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from ..dates import DAY_RE, MONTH_DAY_RE, cn_number, find_full_date

__all__ = ["find_dateline", "resolve_date", "parse_iso", "year_for_month_day", "VAGUE_WORDS", "is_header_date",
           "article_year", "sentence_year"]

VAGUE_WORDS = ("日前", "近日", "近期", "前不久", "不久前", "最近", "此前", "目前",
               "上旬", "中旬", "下旬", "月初", "月中", "月底", "月末")  # a part of a month (3月上旬, 本月初) names no day
_DATELINE_RE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日\s*(?:讯|电)")
_RELATIVE = {"今天": 0, "今日": 0, "今晨": 0, "今早": 0, "昨天": -1, "昨日": -1, "昨晚": -1, "前天": -2,
             "前日": -2, "明天": 1, "明日": 1}
_SAME_DAY = ("当日", "当天", "同日", "同天", "当晚", "当天上午", "次日")
# a month-day whose 日 was dropped before the time of day (12月22下午, 5月8上午)
_MONTH_DAY_NO_RI_RE = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*(?=[上中下]午|午|晚|早)")
# a day of the anchor's month or of the month before it (本月5日, 上月28日): 0 or 1 months back
_MONTH_WORDS_RE = re.compile(r"^(本月|当月|这个月|上月|上个月)")


def parse_iso(value: Optional[str]) -> Optional[dt.date]:
    """date from 'YYYY-MM-DD...' (publication dates), None when absent or malformed."""
    if not value:
        return None
    return find_full_date(value)


MIN_YEAR, MAX_YEAR = 1900, 2100  # news dates; anything else is noise (and 9999-12-31 + 1 day would overflow)


def _safe_date(y: int, m: int, d: int) -> Optional[dt.date]:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def year_for_month_day(month: int, day: int, published: Optional[dt.date]) -> Optional[int]:
    """The year that puts month/day on or before the publication date (12月30日 in 2013-01-02 -> 2012)."""
    if published is None:
        return None
    cand = _safe_date(published.year, month, day)
    if cand is None:
        return None
    return published.year if cand <= published else published.year - 1 if published.year > MIN_YEAR else None


def find_dateline(text: str, published: Optional[str]) -> Optional[dt.date]:
    """The day the dateline gives (本网2月25日讯, 新华社北京6月1日电), resolved with the publication year rule."""
    pub = parse_iso(published)
    m = _DATELINE_RE.search(text[:2000])
    if not m:
        return None
    month, day = int(m.group(2)), int(m.group(3))
    if m.group(1):
        return _safe_date(int(m.group(1)), month, day)
    year = year_for_month_day(month, day, pub)
    return _safe_date(year, month, day) if year else None


_HEADER_LABEL_RE = re.compile(r"\s*(发布日期|发布时间|发表日期|发表时间|更新日期|更新时间|日期)\s*[:：]")


def is_header_date(text: str, start: int) -> bool:
    """True for a date on the article's front-matter line (发布日期: 2021-12-29): when the article was put out,
    which says nothing about the day of the signing it reports."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_HEADER_LABEL_RE.match(text[line_start:start]))


_YEAR_RE = re.compile(r"((?:19|20)\d\d)年")
# a year-month or a deadline (2016年12月达到…, 2016年年底前启动) is a milestone of the project, not the year of the event
_MILESTONE_YEAR_RE = re.compile(r"(?:19|20)\d\d年(?=\s*(\d{1,2}月|年?[底末前内]))")


def _written_year(piece: str) -> Optional[int]:
    """The year a piece of text names most often (the latest of equals), milestones left out; None if none."""
    counts: dict[int, int] = {}
    for m in _YEAR_RE.finditer(_MILESTONE_YEAR_RE.sub("", piece)):
        y = int(m.group(1))
        counts[y] = counts.get(y, 0) + 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def article_year(text: str, signing_sentences: list[str]) -> Optional[int]:
    """The year an article without a publication date or dated dateline is about: the year its signing sentences
    write (2024年第三季度…集中签约活动), else the year of a full date it gives (2019年12月13日); None otherwise.
    Years written elsewhere (2008年，全县实现产值…) are background and may be long past."""
    for sentence in signing_sentences:
        year = _written_year(sentence)
        if year:
            return year
    full = re.search(r"((?:19|20)\d\d)年\s*\d{1,2}月\s*\d{1,2}[日号]", text)
    return int(full.group(1)) if full else None


def sentence_year(text: str, start: int) -> Optional[int]:
    """The year written in the sentence around `start` (2019年…签约仪式 beside 12月13日): an undated article
    places a month-day only with a year its own sentence gives."""
    s = max(text.rfind(c, 0, start) for c in "。！？；\n") + 1
    ends = [i for i in (text.find(c, start) for c in "。！？；\n") if i >= 0]
    return _written_year(text[s:min(ends) if ends else len(text)])


def resolve_date(date_text: str, published: Optional[str], dateline: Optional[dt.date] = None,
                 previous: Optional[dt.date] = None, year: Optional[int] = None) -> Optional[dt.date]:
    """Resolve one DATE text to a day, or None when it names no day (日前, 2010年, “十四五”).

    `previous` is the last day the article mentioned before this text: 当日/同日 refer back to it. `year` is the
    year its sentence writes (sentence_year), used for a month-day only when there is no publication date or
    dateline to place it.
    """
    pub = parse_iso(published)
    anchor = dateline or pub
    t = date_text.strip()
    full = find_full_date(t)
    if full is not None:
        return full
    m = MONTH_DAY_RE.search(t) or _MONTH_DAY_NO_RI_RE.search(t)
    if m:
        month, day = cn_number(m.group(1)), cn_number(m.group(2))
        ref = pub or anchor
        if ref is None and year is not None and month and day:
            return _safe_date(year, month, day)  # 12月13日 in an undated article about 2019年…签约仪式
        year = year_for_month_day(month, day, ref) if month and day else None
        return _safe_date(year, month, day) if year else None
    m = _MONTH_WORDS_RE.match(t)
    if m and anchor is not None:
        dm = DAY_RE.search(t[m.end():])
        day = cn_number(dm.group(1)) if dm else None
        if not day:
            return None
        y, mo = anchor.year, anchor.month
        if m.group(1).startswith("上"):
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        return _safe_date(y, mo, day)
    m = DAY_RE.search(t)
    if m and anchor is not None:
        day = cn_number(m.group(1))
        if not day:
            return None
        if day <= anchor.day:
            return _safe_date(anchor.year, anchor.month, day)  # the dateline's / publication's month
        # a day after the anchor's (28日 in an article of 3月2日) is of the month before, never in the future
        return _safe_date(anchor.year, anchor.month - 1, day) if anchor.month > 1 else \
            _safe_date(anchor.year - 1, 12, day)
    if any(w in t for w in VAGUE_WORDS):
        return None
    for word, delta in _RELATIVE.items():
        if t.startswith(word) and anchor is not None:
            return anchor + dt.timedelta(days=delta)
    for word in _SAME_DAY:
        if t.startswith(word):
            base = previous or anchor
            if base is None:
                return None
            return base + dt.timedelta(days=1) if word == "次日" else base
    return None
