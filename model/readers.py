"""Input readers: turn an article file (markdown with front matter, HTML or plain text) into clean text.

Everything downstream (the tagger, the rules, the offsets in the results) works on `Article.text`, so this module
decides what "the article" is: the title first when the input has one, then the body, one paragraph per line, with
no blank lines and no markup. Characters are kept as written (no NFKC, no time-zone conversion of dates) because
offsets and quoted evidence must match what a person sees in the article.

Every problem a user can cause (missing file, binary file, undecodable bytes, empty article, too large) is raised
as one-line `InputError` whose message starts with the file name, so the CLI can print it as it is.
"""
from __future__ import annotations

import datetime as _dt
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from .errors import ConfigError, InputError

__all__ = ["Article", "parse_article", "read_article", "decode_bytes", "parse_published", "DEFAULT_MAX_BYTES",
           "DEFAULT_MAX_CHARS"]

DEFAULT_SOURCE = "<input>"
DEFAULT_MAX_BYTES = 20_000_000
# Characters of article text (after markup is removed) one document may have. A news article has 1-5k; the
# tagger and the rules are linear in length (scripts/bench_length.py), but a million characters already take
# minutes on a CPU, so anything longer is refused with a message rather than left to stall a batch.
DEFAULT_MAX_CHARS = 1_000_000


@dataclass
class Article:
    """One article as the extractor sees it."""

    text: str                 # title (when there is one) as the first line, then body paragraphs, one per line
    title: Optional[str]
    published: Optional[str]  # ISO YYYY-MM-DD or None
    source: Optional[str]     # the path or name the article came from


# --------------------------------------------------------------------------------------------------------------
# Errors


def _fail(source: str, problem: str) -> InputError:
    """Build an InputError whose message is one line starting with the source name."""
    return InputError(re.sub(r"\s*[\r\n]+\s*", " ", f"{source}: {problem}"))


# --------------------------------------------------------------------------------------------------------------
# Bytes -> str

# Magic numbers of formats people mistake for articles. Checked before decoding so that a PDF does not end up as
# GB18030 gibberish.
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive, e.g. DOCX/XLSX"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office DOC/XLS"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
]

_BOMS: list[tuple[bytes, str]] = [
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]

# C0/C1 control characters other than tab and line breaks: never article content.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _binary_kind(data: bytes) -> Optional[str]:
    """Name the binary format of `data`, or None when it may be text. Looks at magic numbers and NUL bytes."""
    head = data[:16]
    if data[:1024].lstrip().startswith(b"%PDF"):
        return "PDF"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in data:
        return "contains NUL bytes"
    return None


def _looks_binary_text(text: str) -> bool:
    """True when decoded text is mostly control characters, i.e. binary data that happened to decode."""
    if not text:
        return False
    controls = len(_CONTROL_RE.findall(text[:100_000]))
    return controls > max(3, len(text[:100_000]) // 20)


# Encodings that GB18030 "decodes" without an error into nonsense: Big5, Shift-JIS, EUC-KR bytes are mostly valid
# GB18030 byte pairs. charset-normalizer tells them apart by what the decoded text looks like.
_FOREIGN_FAMILIES = {
    "big5": "Big5 (Traditional Chinese)", "cp950": "Big5 (Traditional Chinese)",
    "big5hkscs": "Big5-HKSCS (Traditional Chinese)",
    "cp932": "Shift-JIS (Japanese)", "shift_jis": "Shift-JIS (Japanese)", "shift_jis_2004": "Shift-JIS (Japanese)",
    "shift_jisx0213": "Shift-JIS (Japanese)", "euc_jp": "EUC-JP (Japanese)", "euc_jis_2004": "EUC-JP (Japanese)",
    "euc_jisx0213": "EUC-JP (Japanese)", "iso2022_jp": "ISO-2022-JP (Japanese)",
    "cp949": "EUC-KR (Korean)", "euc_kr": "EUC-KR (Korean)", "johab": "Johab (Korean)",
    "iso2022_kr": "ISO-2022-KR (Korean)",
}
_CHINESE_CODECS = {"gb18030", "gb2312", "gbk", "hz", "utf_8", "ascii"}
_MIN_DETECT_BYTES = 24  # non-ASCII bytes (about 12 characters) needed before a guess overrides GB18030
_DETECT_BYTES = 65_536  # enough text to tell encodings apart; bounded so a 20 MB file costs no more


def _foreign_encoding(data: bytes) -> Optional[str]:
    """The name of the (non-Chinese-GB) encoding `data` is most likely in, when it is not GB18030/UTF-8."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # an optional dependency of requests; without it GB18030 is trusted as before
        return None
    sample = data[:_DETECT_BYTES]
    if sum(b >= 0x80 for b in sample[:4096]) < _MIN_DETECT_BYTES:
        return None  # a few characters cannot be told apart: keep the GB18030 reading
    best = from_bytes(sample).best()
    if best is None or best.encoding in _CHINESE_CODECS:
        return None
    for codec in [best.encoding] + list(best.could_be_from_charset):
        if codec in _CHINESE_CODECS:
            return None  # equally plausible as GB text: keep it
    return _FOREIGN_FAMILIES.get(best.encoding, f"{best.encoding} text")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode article bytes: BOM (UTF-8/16/32) first, then strict UTF-8, then GB18030 (a superset of GBK/GB2312).

    Raises InputError for binary data (magic numbers, NUL bytes) and for bytes that none of these decodes, so that
    a wrong encoding never silently turns into mojibake that the tagger would then read.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as e:
                raise _fail(source, f"cannot decode: the file starts with a {codec.upper().replace('-SIG', '')} "
                                    f"byte-order mark but is not valid {codec} ({e.reason} at byte {e.start})")
            if codec != "utf-8-sig" and "\x00" in text:
                raise _fail(source, "binary file (contains NUL characters)")
            return text.lstrip("\ufeff")
    kind = _binary_kind(data)
    if kind is not None:
        hint = " (UTF-16 text needs a byte-order mark)" if kind == "contains NUL bytes" else ""
        raise _fail(source, f"binary file ({kind}), not a text article; convert it to UTF-8 text, HTML or "
                            f"markdown{hint}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise _fail(source, f"cannot decode: not UTF-8, UTF-16 or GB18030/GBK text (invalid UTF-8 byte "
                                f"0x{data[utf8_error.start]:02x} at offset {utf8_error.start}); "
                                f"save the file as UTF-8")
        foreign = _foreign_encoding(data)
        if foreign is not None:
            raise _fail(source, f"cannot decode: the bytes look like {foreign}, not UTF-8 or GB18030/GBK Chinese; "
                                f"convert the file to UTF-8 (e.g. iconv -f ENCODING -t UTF-8)")
    if _looks_binary_text(text):
        raise _fail(source, "binary file (mostly control characters), not a text article")
    return text


# --------------------------------------------------------------------------------------------------------------
# Dates: one implementation for readers and rules (qianyue.dates)

from .dates import (_CJK_RE, _DMY_RE, _TIME_TAIL_RE, _YMD_RE, date_from_match as _date_from_match,  # noqa: E402
                    normalise_date_chars as _normalise_date_chars, parse_published,
                    published_problem)


# Labelled fields that share a header line with the date (2012-11-28 09:27  来源:中国吉林网).
_HEADER_FIELD_RE = re.compile(r"(?:发布日期|发布时间|发表时间|更新时间|信息来源|文章来源|来源|作者|责任编辑|编辑|记者|"
                              r"通讯员|浏览次数|浏览|点击数|点击|阅读|字号|出处|供稿|日期|时间)\s*[:：]\s*\S*")
_SENTENCE_PUNCT_RE = re.compile(r"[，,。；;！!？?]")
_HEADER_NOISE_RE = re.compile(r"[\s|｜/【】\[\]()（）:：·•\-—_]+")
_MAX_HEADER_REST = 15   # characters of non-field text a date header line may carry besides the date
_HEADER_SCAN_LINES = 8
_MAX_HEADER_LINE = 200  # a dateline is short; a longer line is body text even if it holds a date


def _header_date(line: str) -> Optional[str]:
    """The date of `line` if the line is a date header (a date, maybe a time and source fields), else None.

    A sentence that merely starts with a date (2021年2月25日下午,某会议召开) is not a header: what is left after
    removing the date and the labelled fields must be short and free of sentence punctuation.
    """
    if len(line) > _MAX_HEADER_LINE:
        return None
    norm = _normalise_date_chars(line)
    for pattern in (_YMD_RE, _CJK_RE, _DMY_RE):
        for m in pattern.finditer(norm):
            iso = _date_from_match(m)
            if iso is None:
                continue
            tail = _TIME_TAIL_RE.match(norm, m.end())
            rest = norm[:m.start()] + " " + norm[tail.end() if tail else m.end():]
            if _SENTENCE_PUNCT_RE.search(rest):
                continue
            rest = _HEADER_NOISE_RE.sub("", _HEADER_FIELD_RE.sub("", rest))
            if len(rest) <= _MAX_HEADER_REST:
                return iso
    return None


def _find_header_date(lines: list[str]) -> Optional[str]:
    """Publication date from the first few lines of an article (its dateline / 发布日期 header), or None."""
    for line in lines[:_HEADER_SCAN_LINES]:
        iso = _header_date(line)
        if iso is not None:
            return iso
    return None


# --------------------------------------------------------------------------------------------------------------
# Line cleaning


def _clean_line(line: str) -> str:
    """Non-breaking spaces to spaces, BOM/control characters out, surrounding whitespace off; nothing else."""
    line = line.replace("\xa0", " ").replace("\ufeff", "")
    return _CONTROL_RE.sub("", line).strip()


def _clean_lines(lines: Iterator[str] | list[str]) -> list[str]:
    """Cleaned, non-empty lines. `str.splitlines` upstream already split on \\r, \\r\\n and Unicode breaks."""
    out = []
    for line in lines:
        line = _clean_line(line)
        if line:
            out.append(line)
    return out


def _single_line(value: str) -> str:
    """A metadata value (a YAML title may span lines or hold escaped \\r) as one cleaned line."""
    return " ".join(_clean_lines(value.splitlines()))


def _with_title(title: Optional[str], body: list[str]) -> list[str]:
    """Title first, then the body, without repeating the title when the body opens with it (an <h1> or # line)."""
    if not title:
        return body
    for i, line in enumerate(body[:3]):
        if line == title:
            return [title] + body[:i] + body[i + 1:]
    return [title] + body


# --------------------------------------------------------------------------------------------------------------
# Plain text

_BREADCRUMB_RE = re.compile(r"您现在的位置|当前位置|你的位置|所在位置|(?:[>＞»›→].*){2,}")
_ANGLE_PAIR_RE = re.compile(r"<[^<>\n]*>")  # <合作协议>: a bracketed name, whose '>' is no breadcrumb arrow


def _is_breadcrumb(line: str) -> bool:
    """首页 > 新闻 > 正文: a trail of arrows; a headline naming <合作协议>和<投资协议> is not one."""
    return _BREADCRUMB_RE.search(_ANGLE_PAIR_RE.sub("", line)) is not None
_MAX_TITLE_CHARS = 80


def _looks_like_headline(line: str) -> bool:
    """Short, not a sentence, not a breadcrumb or a date header: what a headline line looks like."""
    return (len(line) <= _MAX_TITLE_CHARS
            and "。" not in line
            and not line.endswith(("！", "？", "!", "?", "；", ";", "，", ","))
            and not _is_breadcrumb(line)
            and _header_date(line) is None)


def _plain_title(lines: list[str]) -> Optional[str]:
    """The headline: the first line, or the line after a breadcrumb trail, when it looks like one."""
    for line in lines[:2]:
        if _is_breadcrumb(line):
            continue
        return line if _looks_like_headline(line) else None
    return None


def _parse_text(text: str) -> tuple[list[str], Optional[str], Optional[str]]:
    """Plain text: every non-empty line is kept; title and date come from the first lines."""
    lines = _clean_lines(text.splitlines())
    return lines, _plain_title(lines), _find_header_date(lines)


# --------------------------------------------------------------------------------------------------------------
# HTML

_DROP_TAGS = frozenset({
    "script", "style", "noscript", "iframe", "nav", "header", "footer", "form", "button",
    "head", "title", "meta", "link", "template", "svg", "canvas", "img", "picture", "video", "audio", "source",
    "track", "map", "object", "embed", "input", "select", "option", "textarea", "frame", "frameset",
})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html",
    "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
    "tr", "ul", "br",
})
_CELL_TAGS = frozenset({"td", "th"})
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Stock-quote widgets that finance portals (eastmoney) inject into news bodies: a K-line chart image in a link.
_WIDGET_BLOCK_RE = re.compile(r"<!--\s*EM_StockImg_Start\s*-->.{0,20000}?<!--\s*EM_StockImg_End\s*-->",
                              re.DOTALL)
_WIDGET_CLASSES = frozenset({"EmImageRemark"})
_HTML_SIGNS_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|title|meta|p|div|br|span|h[1-6]|table|li|ul|a|"
                            r"script|style|article|section|img|strong|em|b|font)\b[^>]{0,2000}>"
                            r"|</[a-z][a-z0-9]{0,20}\s*>", re.IGNORECASE)
_PUBDATE_META = frozenset({"article:published_time", "og:release_date", "pubdate", "publishdate", "publish_date",
                           "publishtime", "publish-date", "datepublished", "date", "dc.date", "dc.date.issued",
                           "dcterms.created", "created", "firstpublishedtime"})
_WS_RE = re.compile(r"[ \t\n\r\f\v]+")
_TITLE_SEP_RE = re.compile(r"\s*(?:_|\||｜|--|—|–|\s-\s)\s*")


def _is_dropped(tag) -> bool:
    """Elements whose content is never article text: scripts, navigation, forms, media, hidden and widget nodes."""
    if tag.name in _DROP_TAGS:
        return True
    attrs = tag.attrs or {}
    if "hidden" in attrs or str(attrs.get("type", "")).lower() == "hidden":
        return True
    style = attrs.get("style")
    if isinstance(style, str) and _HIDDEN_STYLE_RE.search(style):
        return True
    classes = attrs.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    return any(c in _WIDGET_CLASSES for c in classes)


_BRACKET_RE = re.compile(r"<!--|[<>]")
_MAX_DANGLING = 50  # a normal page has a handful of stray '<'; thousands mean garbage that would stall the parser


def _defuse_dangling(markup: str) -> str:
    """Escape '<' that cannot open a tag (another '<' comes before any '>'), when there are many of them.

    html.parser rescans the rest of the document for every unterminated tag, quote or comment, which is quadratic:
    a few hundred KB of such garbage would take hours. Comments that are closed later are left alone, and pages
    with only a few stray '<' are not touched at all, so well-formed HTML parses exactly as before.
    """
    last_comment_end = markup.rfind("-->")
    dangling: list[int] = []
    pending = -1  # position of a '<' not yet followed by '>'
    pos = 0
    while True:
        m = _BRACKET_RE.search(markup, pos)
        if m is None:
            break
        tok = m.group()
        comment_end = markup.find("-->", m.end()) if tok == "<!--" and m.start() < last_comment_end else -1
        if comment_end >= 0:  # a closed comment: skip its content, which may hold '<' and '>' freely
            if pending >= 0:
                dangling.append(pending)
                pending = -1
            pos = comment_end + 3
            continue
        if tok == ">":
            pending = -1
        else:  # "<" or an unterminated "<!--"
            if pending >= 0:
                dangling.append(pending)
            pending = m.start()
        pos = m.start() + 1
    if pending >= 0:
        dangling.append(pending)
    if len(dangling) <= _MAX_DANGLING:
        return markup
    pieces, prev = [], 0
    for i in dangling:
        pieces.append(markup[prev:i])
        pieces.append("&lt;")
        prev = i + 1
    pieces.append(markup[prev:])
    return "".join(pieces)


def _soup(markup: str, source: str):
    """Parse markup with the stdlib-based parser; parser failures become an InputError naming the file."""
    from bs4 import BeautifulSoup
    from bs4.exceptions import ParserRejectedMarkup
    try:
        return BeautifulSoup(_defuse_dangling(markup), "html.parser")
    except (ParserRejectedMarkup, AssertionError, ValueError, RecursionError) as e:
        raise _fail(source, f"cannot parse HTML ({type(e).__name__}: {e})")


_BREAK = object()  # marker on the walk stack: end of a block element


def _html_lines(root, keep_newlines: bool) -> list[str]:
    """Visible text of `root`, with a line break around every block element and at every <br>.

    In HTML, newlines in the source are just spaces (keep_newlines=False); in markdown bodies they separate
    paragraphs (keep_newlines=True). <pre> keeps its newlines either way. Iterative, so deep nesting is fine.
    """
    from bs4 import CData, NavigableString, Tag
    pieces: list[str] = []
    stack: list = [(root, False)]
    while stack:
        item = stack.pop()
        if item is _BREAK:
            pieces.append("\n")
            continue
        node, in_pre = item
        if isinstance(node, Tag):
            if node is not root and _is_dropped(node):
                continue
            name = node.name
            if name in _BLOCK_TAGS:
                pieces.append("\n")
                stack.append(_BREAK)
            elif name in _CELL_TAGS:
                pieces.append(" ")
            child_pre = in_pre or name == "pre"
            stack.extend((child, child_pre) for child in reversed(node.contents))
        elif type(node) is NavigableString or isinstance(node, CData):
            s = str(node)
            if not (keep_newlines or in_pre):
                s = _WS_RE.sub(" ", s)
            pieces.append(s)
        # Comments, doctypes, processing instructions and script/style strings are not text.
    return "".join(pieces).splitlines()


def _html_title(soup) -> Optional[str]:
    """Headline from <h1> when it agrees with <title>, else the main part of <title> (site name cut off)."""
    def text_of(tag) -> str:
        return _single_line(_WS_RE.sub(" ", tag.get_text(" "))) if tag is not None else ""

    h1 = next((t for t in (text_of(h) for h in soup.find_all("h1")) if t), "")
    title = text_of(soup.find("title"))
    main = max(_TITLE_SEP_RE.split(title), key=len) if title else ""
    if h1 and (not main or (h1 in title and 2 * len(h1) >= len(main))):
        return h1
    return main or h1 or None


def _html_meta_date(soup) -> Optional[str]:
    """Publication date from <meta> tags or a <time datetime> element, when the page has one."""
    for meta in soup.find_all("meta"):
        key = str(meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _PUBDATE_META:
            iso = parse_published(str(meta.get("content") or ""))
            if iso:
                return iso
    for t in soup.find_all("time"):
        iso = parse_published(str(t.get("datetime") or ""))
        if iso:
            return iso
    return None


def _parse_html(text: str, source: str) -> tuple[list[str], Optional[str], Optional[str]]:
    """HTML page: visible text lines, headline and publication date (meta tags, then a dateline)."""
    soup = _soup(_WIDGET_BLOCK_RE.sub("", text), source)
    title = _html_title(soup)
    body = _clean_lines(_html_lines(soup, keep_newlines=False))
    published = _html_meta_date(soup) or _find_header_date(body)
    return _with_title(title, body), title, published


# --------------------------------------------------------------------------------------------------------------
# Markdown with (Jekyll) front matter

_FRONT_OPEN_RE = re.compile(r"\A(?:[ \t]*\n)*---[ \t]*\n")
_FRONT_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_FRONT_KEY_RE = re.compile(r"^([A-Za-z_][\w-]{0,100})[ \t]*:(.*)$")
# The bounded character classes below also exclude the opening bracket they start at ('<', '[', '('), so a
# failed match stops at the next candidate instead of rescanning up to 2000 characters from every one of them:
# "[a](xxxx" repeated over a megabyte stays linear.
_AUTOLINK_RE = re.compile(r"<(?:(?:https?|ftp)://|mailto:|www\.)[^<>\s]{0,2000}>", re.IGNORECASE)
_MD_IMAGE_RE = re.compile(r"!\[[^\[\]\n]{0,300}\]\((?=([^()\[\]\n]{0,2000}))\1\)")
# (?=(...))\2 is an atomic group: without it a long unclosed "[a](xxxx" line backtracks through every character.
_MD_LINK_RE = re.compile(r"\[([^\[\]\n]{0,300})\]\((?=([^()\[\]\s]{0,2000}))\2(?:\s+\"[^\"\n]{0,300}\")?\)")
_BARE_URL_RE = re.compile(r"(?:https?:)?//[^\s)\]>]{1,2000}")
_LINK_LINE_REST_RE = re.compile(r"[\s|｜·•/,，、;；:：\-—_]*")
_MD_HEADING_RE = re.compile(r"^#{1,6}\s+(\S.*)$")
_MD_RULE_RE = re.compile(r"^(?:[-*_]\s*){3,}$|^```|^~~~")
_MD_BULLET_RE = re.compile(r"^(?:>\s*)+|^[-*+]\s+")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1")


def _unquote(value: str) -> str:
    """A front-matter scalar without its YAML quotes ('x' / "x")."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


_MAX_YAML_CHARS = 20_000  # a real front matter is a few hundred characters; longer ones are read line by line


def _front_matter_fields(block: str) -> dict[str, str]:
    """Front matter as a flat dict of strings.

    YAML is loaded with BaseLoader so every scalar stays the string as written: the safe loader would turn
    `2022-06-16 00:02:13 +08:00` into a UTC datetime and move the date to the previous day. When the YAML does not
    parse, `key: value` lines are read one by one, so a stray colon in a title does not lose the date.
    """
    import yaml
    loaded = None
    if len(block) <= _MAX_YAML_CHARS:  # the pure-Python YAML parser costs ~50 us a character
        try:
            loaded = yaml.load(block, Loader=yaml.BaseLoader)
        except (yaml.YAMLError, RecursionError):  # RecursionError: deeply nested [[[...]]] in a broken header
            loaded = None
    if isinstance(loaded, dict):
        return {str(k).lower(): v for k, v in loaded.items() if isinstance(v, str)}
    fields: dict[str, str] = {}
    for line in block.splitlines():
        m = _FRONT_KEY_RE.match(line)
        if m:
            fields.setdefault(m.group(1).lower(), _unquote(m.group(2).strip()))
    return fields


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(front-matter fields, body). Without a closing --- the leading `key: value` lines are the front matter."""
    m = _FRONT_OPEN_RE.match(text)
    if m is None:
        return {}, text
    rest = text[m.end():]
    close = _FRONT_CLOSE_RE.search(rest)
    if close is not None:
        return _front_matter_fields(rest[:close.start()]), rest[close.end():]
    lines = rest.splitlines(keepends=True)
    n = 0
    while n < len(lines) and _FRONT_KEY_RE.match(lines[n].rstrip("\r\n")):
        n += 1
    return _front_matter_fields("".join(lines[:n])), "".join(lines[n:])


def _is_link_only(line: str) -> bool:
    """A line made only of markdown links / URLs and separators ([返回首页](//x)｜[返回](//y)): navigation."""
    stripped, n_links = _MD_LINK_RE.subn("", line)
    stripped, n_urls = _BARE_URL_RE.subn("", stripped)
    return n_links + n_urls > 0 and _LINK_LINE_REST_RE.fullmatch(stripped) is not None


def _heading_text(m: re.Match) -> str:
    """Text of an ATX heading match, without the optional closing hashes (## 标题 ##)."""
    return m.group(1).rstrip().rstrip("#").rstrip() or m.group(1).strip()


def _markdown_line(line: str) -> Optional[str]:
    """Markdown syntax off one line (headings, bullets, images, links, emphasis); None for a line to drop."""
    if _MD_RULE_RE.match(line) or _is_link_only(line):
        return None
    heading = _MD_HEADING_RE.match(line)
    if heading:  # a '>' opening a heading's text is its content (&gt;), not a quote marker
        line = _heading_text(heading)
    else:
        line = _MD_BULLET_RE.sub("", line)
    line = _MD_IMAGE_RE.sub("", line)
    line = _MD_LINK_RE.sub(r"\1", line)
    return _MD_EMPHASIS_RE.sub(r"\2", line)


def _parse_markdown(text: str, source: str) -> tuple[list[str], Optional[str], Optional[str]]:
    """Markdown (optionally Jekyll front matter, body possibly HTML): body lines, title and date."""
    fields, body = _split_front_matter(text)
    soup = _soup(_AUTOLINK_RE.sub("", _WIDGET_BLOCK_RE.sub("", body)), source)
    raw_lines = _clean_lines(_html_lines(soup, keep_newlines=True))
    # The heading is cleaned like every body line (links, emphasis off), so the title is the body's headline line
    # and _with_title does not repeat it; a front-matter title is HTML-escaped text as a page template prints it.
    heading = next((_markdown_line(line) for line in raw_lines[:3] if _MD_HEADING_RE.match(line)), None)
    lines = _clean_lines(x for x in map(_markdown_line, raw_lines) if x is not None)
    title = _single_line(html.unescape(fields.get("title", ""))) or (_clean_line(heading) if heading else None)
    if not title:
        title = _html_title(soup)
    published = None
    for key in ("date", "published", "pubdate", "publish_date"):
        if fields.get(key):
            published = parse_published(fields[key])
            if published:
                break
    published = published or _html_meta_date(soup) or _find_header_date(lines)
    return _with_title(title, lines), title or None, published


# --------------------------------------------------------------------------------------------------------------
# Entry points

_FORMATS = {"markdown": "markdown", "md": "markdown", "html": "html", "htm": "html", "text": "text",
            "txt": "text", "plain": "text"}


def _detect_format(text: str) -> str:
    """markdown when the text opens with front matter or a # heading, html when it has tags, else text."""
    if _FRONT_OPEN_RE.match(text):
        return "markdown"
    head = text[:200_000]
    if re.match(r"\s*(?:<!doctype\s+html|<html)", head, re.IGNORECASE) or len(_HTML_SIGNS_RE.findall(head)) >= 2:
        return "html"
    first = next((line for line in head.splitlines() if line.strip()), "")
    if _MD_HEADING_RE.match(first.strip()):
        return "markdown"
    return "text"


def parse_article(data: bytes | str, *, source: str | None = None, published: str | None = None,
                  fmt: str | None = None, max_chars: int | None = DEFAULT_MAX_CHARS) -> Article:
    """Parse an article given as bytes or str into an Article.

    fmt: None detects the format; "markdown" (front matter + markdown/HTML body), "html" or "text".
    published: overrides the date found in the article (any form parse_published accepts).
    max_chars: the most characters of article text (after markup is removed) one document may have; None: no limit.
    Raises InputError for binary, undecodable or empty input, input with no text after removing markup, or more
    text than max_chars.
    """
    from .display import display_name
    name = display_name(source) if source is not None else DEFAULT_SOURCE
    if fmt is not None and fmt.lower() not in _FORMATS:
        raise ConfigError(f"unknown article format {fmt!r}; use one of: markdown, html, text")
    override = None
    if published is not None:
        override = parse_published(published)
        if override is None:
            raise _fail(name, f"cannot read the publication date {published!r}; {published_problem(published)}")
    if isinstance(data, (bytes, bytearray, memoryview)):
        text = decode_bytes(bytes(data), name)
    elif isinstance(data, str):
        if "\x00" in data:
            raise _fail(name, "binary file (contains NUL characters), not a text article")
        text = data.lstrip("\ufeff")
    else:
        raise TypeError(f"parse_article needs bytes or str, not {type(data).__name__}")
    if not text.strip():
        raise _fail(name, "empty file (no text)")
    kind = _FORMATS[fmt.lower()] if fmt is not None else _detect_format(text)
    if kind == "markdown":
        lines, title, found = _parse_markdown(text, name)
    elif kind == "html":
        lines, title, found = _parse_html(text, name)
    else:
        lines, title, found = _parse_text(text)
    if not lines:
        raise _fail(name, f"no article text left after removing {kind} markup")
    n_chars = sum(map(len, lines)) + len(lines) - 1
    if max_chars is not None and n_chars > max_chars:
        raise _fail(name, f"article text is {n_chars:,} characters, over the limit of {max_chars:,} per document; "
                          f"split it or raise the limit (--max-chars; max_chars= in Python)")
    return Article(text="\n".join(lines), title=title or None, published=override or found, source=source)


def read_article(path, *, published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 max_chars: int | None = DEFAULT_MAX_CHARS) -> Article:
    """Read and parse the article file at `path` (format detected from the content).

    Raises InputError for a missing path, a directory or other non-regular file, an unreadable file, a file over
    `max_bytes`, and everything parse_article rejects.
    """
    from .display import display_name
    p = Path(path)
    name = display_name(str(path))
    try:
        st = p.stat()
    except FileNotFoundError:
        raise _fail(name, "no such file")
    except OSError as e:
        raise _fail(name, f"cannot read: {e.strerror or e}")
    if p.is_dir():
        raise _fail(name, "is a directory, not an article file")
    if not p.is_file():
        raise _fail(name, "not a regular file")
    def too_big(size: int) -> InputError:
        return _fail(name, f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes; raise the limit "
                           f"(--max-bytes; max_bytes= in Python) to read it")

    if st.st_size > max_bytes:
        raise too_big(st.st_size)
    try:
        with open(p, "rb") as f:
            data = f.read(max_bytes + 1)  # +1: notice a file that grew after stat
    except OSError as e:
        raise _fail(name, f"cannot read: {e.strerror or e}")
    if len(data) > max_bytes:
        raise too_big(len(data))
    article = parse_article(data, source=name, published=published, max_chars=max_chars)
    article.source = str(path)
    return article
