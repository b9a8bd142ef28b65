"""Loaders for the public Chinese NER corpora under ../shared/datasets, read in place and mapped to our labels.

Each corpus annotates only some of our labels (see CORPORA). Every Document it yields carries `labels` = that list,
so the trainer masks the loss for the others: a corpus's O characters are negatives only for the labels it annotates
(Resume tags its many dates O; CLUENER tags amounts O).

    from qianyue.training.corpora import load_corpus, corpora_root
    docs = load_corpus("pfr", corpora_root(), split="train", max_docs=500, seed=0)

Files are never copied into the repository; the raw formats are parsed on every load (PFR, the largest, in a few
seconds, and its parse is cached per process).
"""
from __future__ import annotations

import functools
import json
import os
import random
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from qianyue.errors import ConfigError

from .data import Document

ENV_VAR = "QIANYUE_CORPORA"
MAX_CHARS = 500            # PFR paragraphs longer than this are cut at sentence ends (BERT windows are 512)
PFR_SPLIT_SALT = "pfr-split-v1"   # fixed: the PFR split must not move when the training seed changes
PFR_DEV_TEST_PERCENT = 5          # per cent of PFR articles in dev, and again in test; the rest is train

Span = tuple[int, int, str]


@dataclass(frozen=True)
class CorpusInfo:
    """What a corpus is, where its files are (relative to the corpora root) and which of our labels it annotates."""
    description: str
    labels: tuple[str, ...]
    files: dict  # split -> relative path; PFR has one file for all three splits


CORPORA: dict[str, CorpusInfo] = {
    "cluener": CorpusInfo(
        "CLUENER2020 (Sina news, JSONL spans): government/company/organization -> PARTY, name -> OFFICIAL, "
        "position -> TITLE, other types O. Annotates PARTY, OFFICIAL, TITLE.",
        ("PARTY", "OFFICIAL", "TITLE"),
        {"train": "cluener2020/train.json", "dev": "cluener2020/dev.json"}),
    "resume": CorpusInfo(
        "Resume NER (Sina Finance executive resumes, char BMES): NAME -> OFFICIAL, TITLE -> TITLE, ORG -> PARTY, "
        "other types O. Annotates PARTY, OFFICIAL, TITLE.",
        ("PARTY", "OFFICIAL", "TITLE"),
        {s: f"resume_ner/{s}.char.bmes" for s in ("train", "dev", "test")}),
    "nerpy_people": CorpusInfo(
        "People's Daily 1998 via nerpy (char BIO): PER -> OFFICIAL, ORG -> PARTY, TIME -> DATE (touching TIME "
        "merged, and only days, years, times of day, holidays: not 目前/现在), LOC O; "
        "sentences also found in the PFR January file are dropped. Annotates PARTY, OFFICIAL, DATE.",
        ("PARTY", "OFFICIAL", "DATE"),
        {s: f"peoples_daily_1998/nerpy_people/{s}.char.bio.tsv" for s in ("dev", "test")}),
    "pfr": CorpusInfo(
        "PKU PFR People's Daily 1998-01 (zipped GBK, word/POS): adjacent nr -> OFFICIAL, nt and [...]nt -> PARTY, "
        "adjacent t -> DATE (if a day, year, time of day or holiday: not 目前/现在/最近), numeral + 元/美元/... measure -> AMOUNT (weak, rule-derived); full-width digits and "
        "letters narrowed to ASCII; seeded 90/5/5 split by article. Annotates PARTY, OFFICIAL, DATE, AMOUNT.",
        ("PARTY", "OFFICIAL", "DATE", "AMOUNT"),
        {s: "peoples_daily_1998/pfr_199801/199801.zip" for s in ("train", "dev", "test")}),
}

CLUENER_MAP = {"government": "PARTY", "company": "PARTY", "organization": "PARTY", "name": "OFFICIAL",
               "position": "TITLE"}
RESUME_MAP = {"NAME": "OFFICIAL", "TITLE": "TITLE", "ORG": "PARTY"}
NERPY_MAP = {"PER": "OFFICIAL", "ORG": "PARTY", "TIME": "DATE"}
PFR_CURRENCY = re.compile(r"^[美加韩港日澳欧英]?元$")   # measure words that make a numeral a sum of money
# A time word is a DATE for us (ANNOTATION.md: calendar and relative dates, vague ones like 日前/今天上午 included)
# when it names a day, a year, a time of day or a holiday. Words for "now", "recently" or an era (目前, 现在, 最近,
# 现代, 过去, 当前, 未来) are tagged t in PFR and TIME in nerpy, but our annotators leave them O, so they are O here.
DATE_ANCHOR = re.compile(r"[0-9〇零一二三四五六七八九十廿年月日号天周早晨午晚夜节宵春旦夕诞]|不久")
SENTENCE_END = re.compile(r"[。！？!?；;…]+[”’」』）)]*")
FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}   # U+FF01–U+FF5E -> ASCII, one char to one char
# Only digits, Latin letters and ％ are narrowed in corpus text: today's news (and our genre articles, CLUENER and
# Resume) write those in ASCII but keep full-width punctuation (，：（）), which the vocabulary has as its own ids.
ALNUM_WIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A), (0xFF05, 0xFF05))
               for c in range(r[0], r[1] + 1)}
DECIMAL_POINT = re.compile(r"(?<=\d)．(?=\d)")


# ---------------------------------------------------------------- public API

def corpora_root(configured: Optional[str] = None) -> Optional[Path]:
    """The corpora folder: $QIANYUE_CORPORA if set, else `configured`; None when it does not exist, because the
    corpora are optional (a clone without ../shared still trains on its own data)."""
    chosen = os.environ.get(ENV_VAR) or configured
    if not chosen:
        return None
    path = Path(os.path.expanduser(str(chosen)))
    return path if path.is_dir() else None


def load_corpus(name: str, root, split: str = "train", max_docs: Optional[int] = None,
                seed: int = 0) -> list[Document]:
    """The documents of one corpus split, mapped to our labels, optionally a seeded sample of max_docs of them.

    Ids are f"{name}-{split}-{i}" with i the position in the full split, so a sample keeps the ids it would have
    unsampled. Raises ConfigError for an unknown name or split, or a missing root or file."""
    info = corpus_info(name)
    if split not in info.files:
        raise ConfigError(f"corpus {name!r} has no split {split!r} (it has: {', '.join(info.files)})")
    if root is None:
        raise ConfigError(f"corpus {name!r}: no corpora folder (set ${ENV_VAR} or corpora_root)")
    root = Path(os.path.expanduser(str(root)))
    if not root.is_dir():
        raise ConfigError(f"{root}: corpora folder not found")
    path = root / info.files[split]
    if not path.is_file():
        raise ConfigError(f"{path}: corpus file not found ({name}, {split})")
    sentences = READERS[name](path, split, root)   # (text, spans, published); spans copied: PFR's parse is cached
    docs = [Document(id=f"{name}-{split}-{i}", text=text, spans=list(spans), source=name, labels=list(info.labels),
                     published=published)
            for i, (text, spans, published) in enumerate(sentences)]
    return seeded_sample(docs, max_docs, seed)


def corpus_info(name: str) -> CorpusInfo:
    """CORPORA[name], or a one-line ConfigError listing the known names."""
    if name not in CORPORA:
        raise ConfigError(f"unknown corpus {name!r} (known: {', '.join(CORPORA)})")
    return CORPORA[name]


def seeded_sample(docs: list, n: Optional[int], seed: int) -> list:
    """n documents picked by a seeded RNG, kept in corpus order (all of them when n is None or too large)."""
    if n is None or n >= len(docs):
        return docs
    if n < 0:
        raise ConfigError(f"max_docs must be >= 0, got {n}")
    picked = sorted(random.Random(seed).sample(range(len(docs)), n))
    return [docs[i] for i in picked]


# ---------------------------------------------------------------- span helpers

def trim_span(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """The span without leading/trailing whitespace (our format forbids it); None if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def clean_spans(text: str, spans) -> list[Span]:
    """Trimmed, sorted spans with overlaps removed (the longer, then the earlier, span wins), because the BIO
    encoding cannot hold overlapping entities and the raw corpora occasionally nest or repeat them."""
    trimmed = []
    for s, e, lab in spans:
        t = trim_span(text, s, e)
        if t:
            trimmed.append((t[0], t[1], lab))
    kept: list[Span] = []
    for s, e, lab in sorted(set(trimmed), key=lambda x: (-(x[1] - x[0]), x[0], x[2])):
        if all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, lab))
    return sorted(kept)


def tags_to_spans(tags: list[str], mapping: dict) -> list[Span]:
    """Entity spans from BIO or BMES tags (B/S open, I/M continue, E/S close), keeping only mapped types.

    Lenient on malformed sequences: an I/M/E whose type differs from the open entity starts a new one."""
    spans: list[Span] = []
    start, kind = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix in ("I", "M", "E") and typ == kind and start is not None
        if not continues:
            if start is not None and kind in mapping:
                spans.append((start, i, mapping[kind]))
            start, kind = (i, typ) if prefix in ("B", "S", "I", "M", "E") and typ else (None, None)
        if prefix in ("E", "S") and start is not None:
            if kind in mapping:
                spans.append((start, i + 1, mapping[kind]))
            start, kind = None, None
    return spans


def merge_touching(spans: list[Span], label: str) -> list[Span]:
    """Spans of `label` that touch (one ends where the next starts) merged into one: nerpy tags 4月 and 28日 as two
    TIME entities, while our DATE convention (and the PFR t-merge) makes 4月28日 one."""
    out: list[Span] = []
    for s, e, lab in sorted(spans):
        if lab == label and out and out[-1][2] == label and out[-1][1] == s:
            out[-1] = (out[-1][0], e, label)
        else:
            out.append((s, e, lab))
    return out


def dates_only(spans: list[Span], text: str) -> list[Span]:
    """The spans minus the DATE spans that are no date in our sense (see DATE_ANCHOR)."""
    return [(s, e, lab) for s, e, lab in spans if lab != "DATE" or DATE_ANCHOR.search(text[s:e])]


# ---------------------------------------------------------------- raw readers

def read_cluener(path: Path, split: str, root: Path) -> list:
    """CLUENER JSONL: {"text", "label": {type: {string: [[start, end_inclusive], ...]}}}."""
    out = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{path}:{lineno}: not JSON ({exc.msg})") from None
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise ConfigError(f"{path}:{lineno}: a CLUENER line needs a string 'text'")
            text = rec["text"]
            spans = [(s, e + 1, CLUENER_MAP[typ])
                     for typ, mentions in (rec.get("label") or {}).items() if typ in CLUENER_MAP
                     for positions in mentions.values() for s, e in positions]
            out.append((text, clean_spans(text, spans), None))
    return out


def read_char_columns(path: Path, sep: str) -> list[tuple[str, list[str]]]:
    """One `<char><sep><tag>` per line, blank lines between sentences -> [(text, tags)]; a char may itself be a
    space, so the tag is split off from the right."""
    sentences, chars, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                if chars:
                    sentences.append(("".join(chars), tags))
                chars, tags = [], []
                continue
            char, found, tag = line.rpartition(sep)
            if not found or len(char) != 1:
                raise ConfigError(f"{path}:{lineno}: expected '<char>{sep!r}<tag>', got {line[:40]!r}")
            chars.append(char)
            tags.append(tag.strip())
    if chars:
        sentences.append(("".join(chars), tags))
    return sentences


def read_resume(path: Path, split: str, root: Path) -> list:
    """Resume NER, `char tag` BMES."""
    return [(text, clean_spans(text, tags_to_spans(tags, RESUME_MAP)), None)
            for text, tags in read_char_columns(path, " ")]


def read_nerpy(path: Path, split: str, root: Path) -> list:
    """nerpy People's Daily, `char\\ttag` BIO, minus the sentences that also occur in PFR January (when present);
    digits and letters narrowed as in PFR (the same newspaper, written with full-width digits)."""
    pfr_zip = root / CORPORA["pfr"].files["train"]
    seen = pfr_sentence_set(str(pfr_zip)) if pfr_zip.is_file() else frozenset()
    out = []
    for text, tags in read_char_columns(path, "\t"):
        if normalise_width(text).strip() in seen:
            continue
        text = normalise_alnum(text)
        spans = dates_only(merge_touching(tags_to_spans(tags, NERPY_MAP), "DATE"), text)
        out.append((text, clean_spans(text, spans), None))
    return out


# ---------------------------------------------------------------- PFR

def normalise_width(text: str) -> str:
    """All full-width ASCII (U+FF01–U+FF5E) to ASCII, one char to one char: a comparison key for deduplication."""
    return text.translate(FULLWIDTH)


def normalise_alnum(text: str) -> str:
    """Full-width digits, Latin letters, ％ and a decimal point between digits to ASCII, one char to one char (not
    NFKC, which changes lengths); full-width punctuation is kept as modern news writes it (see ALNUM_WIDTH)."""
    return DECIMAL_POINT.sub(".", text.translate(ALNUM_WIDTH))


@dataclass
class PfrToken:
    word: str
    pos: str
    compound: Optional[str] = None   # the tag of the [...]xx bracket the token closes, on its last token
    opens: bool = False              # first token of a [...] bracket


def parse_pfr_token(raw: str) -> PfrToken:
    """`word/pos`, `[word/pos` or `word/pos]nt`; the word may contain a full-width slash, so split at the last '/'."""
    opens = raw.startswith("[")
    if opens:
        raw = raw[1:]
    word, _, pos = raw.rpartition("/")
    compound = None
    if "]" in pos:
        pos, _, compound = pos.partition("]")
    return PfrToken(normalise_alnum(word), pos, compound, opens)


def pfr_paragraph(line: str) -> tuple[str, str, list[Span]]:
    """One PFR line -> (paragraph id, text, spans): the id token first, then words joined without separators."""
    raw = line.split()
    pid = raw[0].rpartition("/")[0]
    tokens = [parse_pfr_token(t) for t in raw[1:]]
    text, offsets = "", []
    for tok in tokens:
        offsets.append((len(text), len(text) + len(tok.word)))
        text += tok.word
    return pid, text, clean_spans(text, pfr_spans(tokens, offsets))


def pfr_spans(tokens: list[PfrToken], offsets: list[tuple[int, int]]) -> list[Span]:
    """Our spans from PFR tags. Bracketed [...]nt compounds win over the token-level spans inside them."""
    compounds: list[Span] = []
    open_at = None
    for i, tok in enumerate(tokens):
        if tok.opens:
            open_at = i
        if tok.compound is not None and open_at is not None:
            if tok.compound == "nt":
                compounds.append((offsets[open_at][0], offsets[i][1], "PARTY"))
            open_at = None
    runs = merged_runs(tokens, offsets, "nr", "OFFICIAL") + dates_only(merged_runs(tokens, offsets, "t", "DATE"),
                                                                       "".join(t.word for t in tokens))
    runs += [(s, e, "PARTY") for tok, (s, e) in zip(tokens, offsets) if tok.pos == "nt"]
    runs += amount_spans(tokens, offsets)
    inside = [(s, e, lab) for s, e, lab in runs if not any(cs <= s and e <= ce for cs, ce, _ in compounds)]
    return compounds + inside


def merged_runs(tokens: list[PfrToken], offsets, pos: str, label: str) -> list[Span]:
    """Maximal runs of adjacent tokens tagged `pos` as one span (江/nr 泽民/nr -> 江泽民; １２月/t ３１日/t)."""
    spans, start = [], None
    for i, tok in enumerate(tokens + [PfrToken("", "")]):
        if tok.pos == pos:
            if start is None:
                start = i
        elif start is not None:
            spans.append((offsets[start][0], offsets[i - 1][1], label))
            start = None
    return spans


def amount_spans(tokens: list[PfrToken], offsets) -> list[Span]:
    """Weak AMOUNT: one or more adjacent numerals (m) followed by a currency measure word (１１５亿/m 美元/q)."""
    spans = []
    for i, tok in enumerate(tokens):
        if tok.pos != "q" or not PFR_CURRENCY.match(tok.word):
            continue
        j = i
        while j > 0 and tokens[j - 1].pos == "m":
            j -= 1
        if j < i:
            spans.append((offsets[j][0], offsets[i][1], "AMOUNT"))
    return spans


def split_long(text: str, spans: list[Span], limit: int = MAX_CHARS) -> list[tuple[str, list[Span]]]:
    """Cut a paragraph longer than `limit` into pieces of at most `limit` chars at sentence ends (a hard cut only
    inside a single over-long sentence, moved back so that it never falls inside a span)."""
    if len(text) <= limit:
        return [(text, spans)]
    ends = [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
    cuts, start = [], 0
    while len(text) - start > limit:
        fitting = [e for e in ends if start < e <= start + limit and not inside_span(e, spans)]
        cut = fitting[-1] if fitting else start + limit
        while inside_span(cut, spans) and cut > start + 1:
            cut -= 1
        cuts.append(cut)
        start = cut
    pieces, prev = [], 0
    for cut in cuts + [len(text)]:
        piece_spans = [(s - prev, e - prev, lab) for s, e, lab in spans if prev <= s and e <= cut]
        piece = text[prev:cut]
        if piece.strip():
            pieces.append((piece, clean_spans(piece, piece_spans)))
        prev = cut
    return pieces


def inside_span(pos: int, spans: list[Span]) -> bool:
    """Whether cutting the text at `pos` would split a span."""
    return any(s < pos < e for s, e, _ in spans)


def pfr_split_of(article_id: str) -> str:
    """train/dev/test for an article, from a salted CRC of its id: deterministic, independent of the training seed,
    and by article so that paragraphs of one story never straddle train and test."""
    bucket = zlib.crc32(f"{PFR_SPLIT_SALT}:{article_id}".encode()) % 100
    if bucket < PFR_DEV_TEST_PERCENT:
        return "test"
    if bucket < 2 * PFR_DEV_TEST_PERCENT:
        return "dev"
    return "train"


def published_of(paragraph_id: str) -> Optional[str]:
    """The ISO date in a PFR paragraph id (19980101-01-001-001 -> 1998-01-01), used to resolve relative dates."""
    m = re.match(r"(\d{4})(\d{2})(\d{2})-", paragraph_id)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


@functools.lru_cache(maxsize=4)
def pfr_lines(zip_path: str) -> tuple[str, ...]:
    """The non-empty lines of the single text member of the PFR zip, GBK-decoded, CR/LF normalised."""
    try:
        with zipfile.ZipFile(zip_path) as z:
            members = [n for n in z.namelist() if n.lower().endswith(".txt")]
            if not members:
                raise ConfigError(f"{zip_path}: no .txt member in the PFR zip")
            raw = z.read(members[0])
    except zipfile.BadZipFile as exc:
        raise ConfigError(f"{zip_path}: not a readable zip ({exc})") from None
    try:
        text = raw.decode("gbk").replace("\r\n", "\n").replace("\r", "")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{zip_path}: the PFR text is not GBK ({exc.reason} at byte {exc.start})") from None
    return tuple(line for line in text.split("\n") if line.strip())


@functools.lru_cache(maxsize=4)
def pfr_documents(zip_path: str) -> dict[str, tuple]:
    """Every PFR paragraph, parsed and cut to MAX_CHARS, grouped by split (cached: the parse takes seconds)."""
    splits: dict[str, list] = {"train": [], "dev": [], "test": []}
    for line in pfr_lines(zip_path):
        pid, text, spans = pfr_paragraph(line)
        target = splits[pfr_split_of(pid.rsplit("-", 1)[0])]
        for piece, piece_spans in split_long(text, spans):
            target.append((piece, piece_spans, published_of(pid)))
    return {k: tuple(v) for k, v in splits.items()}


@functools.lru_cache(maxsize=4)
def pfr_sentence_set(zip_path: str) -> frozenset:
    """The sentences of PFR January (width-normalised), to drop nerpy sentences that duplicate them."""
    out = set()
    for line in pfr_lines(zip_path):
        text = normalise_width("".join(parse_pfr_token(t).word for t in line.split()[1:]))
        start = 0
        for m in SENTENCE_END.finditer(text):
            out.add(text[start:m.end()].strip())
            start = m.end()
        out.add(text[start:].strip())
        out.add(text.strip())
    out.discard("")
    return frozenset(out)


def read_pfr(path: Path, split: str, root: Path) -> list:
    """PFR documents of one split (see pfr_documents)."""
    return list(pfr_documents(str(path))[split])


READERS: dict[str, Callable[[Path, str, Path], list]] = {
    "cluener": read_cluener, "resume": read_resume, "nerpy_people": read_nerpy, "pfr": read_pfr}
