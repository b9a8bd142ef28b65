"""Dates as Chinese news writes them, in one place for the readers (publication dates, datelines) and the record
rules (DATE entities): 2022-06-14, 2022/6/14, 2022.6.14, 20220614, 2022年6月14日, 二〇二二年六月十四日, dd.mm.yyyy,
with full-width digits, and the relative words (昨日, 今天, 当日) the rules resolve against an anchor day.

Chinese numerals are converted by cn2an. A date outside 1900-2100 or not on the calendar is None.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator, Optional

__all__ = ["parse_published", "find_full_date", "find_dates", "cn_number", "iso_date", "MONTH_DAY_RE", "DAY_RE"]

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９／－．：", "0123456789/-.:")
_CN_NUM = "〇○Ｏ零一二三四五六七八九十廿卅"
_CN_NUMERAL_CHARS = set(_CN_NUM + "两")

_YMD_RE = re.compile(r"(?<!\d)(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)")
_DMY_RE = re.compile(r"(?<![\d.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)")
_CJK_RE = re.compile(rf"(\d{{4}}|[{_CN_NUM}]{{4}})\s*年\s*(\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*月\s*"
                     rf"(\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*[日号]")
_COMPACT_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")

# What may follow a date in a header or a user-given value: weekday, time, time zone.
_TIME_TAIL_RE = re.compile(
    r"\s*(?:[(（]?(?:星期|周)[一二三四五六日天][)）]?)?"
    r"\s*(?:(?:[Tt]|\s|上午|下午|晚上|早上|凌晨|中午)*\d{1,2}[:时]\d{2}分?(?::\d{2}(?:\.\d+)?秒?)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT|CST|北京时间)?")
_DATE_LABEL_RE = re.compile(r"^(?:发布日期|发布时间|发表日期|发表时间|更新日期|更新时间|日期|时间|"
                            r"published|date|pubdate)\s*[:：]?\s*", re.IGNORECASE)


def cn_number(s: str) -> Optional[int]:
    """Value of a number written in digits or Chinese numerals (二〇二二 -> 2022, 十四 -> 14, 廿一 -> 21).

    Chinese numerals go through cn2an (imported on first use: most dates are written in digits)."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if not s or any(c not in _CN_NUMERAL_CHARS for c in s):
        return None
    import cn2an
    try:
        value = cn2an.cn2an(s.replace("○", "〇").replace("Ｏ", "〇"), "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


def iso_date(year: Optional[int], month: Optional[int], day: Optional[int]) -> Optional[str]:
    """ISO date string when (year, month, day) is a real calendar date in a plausible range, else None."""
    if year is None or month is None or day is None or not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_from_match(m: re.Match) -> Optional[str]:
    """Turn a match of one of the date patterns into an ISO date (None if it is not a real date)."""
    if m.re is _YMD_RE:
        return iso_date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    if m.re is _CJK_RE:
        return iso_date(cn_number(m.group(1)), cn_number(m.group(2)), cn_number(m.group(3)))
    if m.re is _DMY_RE:
        first, sep, second, year = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
        if sep != "/":
            return iso_date(year, second, first)  # dd.mm.yyyy / dd-mm-yyyy: day first, as European sites write it
        if first > 12:
            return iso_date(year, second, first)
        if second > 12:
            return iso_date(year, first, second)  # mm/dd/yyyy, unambiguous only because the day is > 12
        return None  # 06/07/2015: could be either; guessing would silently give a wrong date
    if m.re is _LOOSE_YMD_RE:
        return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m.re is _COMPACT_RE:
        return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def normalise_date_chars(value: str) -> str:
    """Full-width digits and separators to ASCII, so one set of patterns covers both. Same length as input."""
    return value.translate(_FULLWIDTH_DIGITS)


def parse_published(value: str | dt.date) -> str | None:
    """Normalise a publication date as a user or a page header writes it to ISO YYYY-MM-DD, or None.

    The whole value must be one date, optionally with a label (发布日期:), a weekday, a time and a time zone:
    2022-06-14, 2022/6/14, 2022.6.14, 20220614, 2022-06-16 00:02:13 +0800, 2022-06-16T00:02:13+08:00,
    2022年6月14日, 二〇二二年六月十四日, 07.09.2015 17:01 (dd.mm.yyyy). The date is taken as written: a time zone
    never moves it to another day. Ambiguous dd/mm vs mm/dd values give None.
    """
    if isinstance(value, dt.date):  # a datetime.date or datetime (a datetime's own day, whatever its time zone)
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    v = _DATE_LABEL_RE.sub("", normalise_date_chars(value).strip())
    for pattern in (_YMD_RE, _CJK_RE, _DMY_RE, _COMPACT_RE):
        m = pattern.match(v)
        if m is None:
            continue
        tail = _TIME_TAIL_RE.match(v, m.end())
        if tail is not None and tail.end() == len(v.rstrip()):
            return date_from_match(m)
    return None


def published_problem(value) -> str:
    """What is wrong with a publication date parse_published refused, for the one-line error: a user who wrote
    2999-01-01 or 2022-02-30 in the asked-for form should not be told to write YYYY-MM-DD."""
    if not isinstance(value, (str, dt.date)):
        return f"give a string such as 2022-06-16 or a datetime.date, not {type(value).__name__}"
    v = _DATE_LABEL_RE.sub("", normalise_date_chars(str(value)).strip())
    for pattern in (_YMD_RE, _CJK_RE, _DMY_RE, _COMPACT_RE):
        m = pattern.match(v)
        tail = _TIME_TAIL_RE.match(v, m.end()) if m is not None else None
        if tail is None or tail.end() != len(v.rstrip()):
            continue
        if m.re is _DMY_RE and m.group(2) == "/" and int(m.group(1)) <= 12 and int(m.group(3)) <= 12:
            return "day and month could be either way round; write it as YYYY-MM-DD"
        year = cn_number(m.group(1)) if m.re is _CJK_RE else int(m.group(4 if m.re is _DMY_RE else 1))
        if year is not None and not 1900 <= year <= 2100:
            return f"the year {year} is outside 1900-2100"
        return "no such day in the calendar"
    return "write it as YYYY-MM-DD"


# A date in running text (a DATE entity, a dateline): the strict patterns above, then the looser digit form the
# rules always accepted (2022年6月14, 2022年6-14: a year, a month and a day with any of the usual separators).
_LOOSE_YMD_RE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")
_NUM = rf"(?:\d{{1,2}}|[{_CN_NUM}两]{{1,3}})"
MONTH_DAY_RE = re.compile(rf"({_NUM})\s*月\s*({_NUM})\s*[日号]")  # 6月14日, 六月十四日
DAY_RE = re.compile(rf"^({_NUM})\s*[日号]")  # 14日, 十四日 (the month comes from the anchor)


def find_dates(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, ISO date) of every full date (with a year) in text, in order, without overlaps."""
    norm = normalise_date_chars(text)
    found: list[tuple[int, int, str]] = []
    for pattern in (_CJK_RE, _YMD_RE, _DMY_RE, _LOOSE_YMD_RE):
        for m in pattern.finditer(norm):
            if any(s < m.end() and m.start() < e for s, e, _ in found):
                continue
            iso = date_from_match(m)
            if iso is not None:
                found.append((m.start(), m.end(), iso))
    return iter(sorted(found))


def find_full_date(text: str) -> Optional[dt.date]:
    """The first full date (with a year) written in text, or None."""
    for _, _, iso in find_dates(text):
        return dt.date.fromisoformat(iso)
    return None
