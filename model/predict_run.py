"""The batch side of `qianyue predict`: stream inputs, batch documents, write results as they are made.

JSONL output is written one complete line at a time and flushed, so a crash keeps every finished document; with
--resume a torn last line is cut off and documents already in the file are skipped.
"""
from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

from .display import display_name, one_line, text_name
from .errors import InputError, QianyueError
from .fileio import check_writable
from .inputs import STDIN, expand_inputs, same_file
from .readers import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, parse_article, parse_published, read_article
from .render import render_html, render_table
from .tables import TABLE_FORMATS, TableWriter


def _report(message: str) -> None:
    print(f"qianyue: {one_line(message)}", file=sys.stderr, flush=True)


class OutputError(QianyueError):
    """The output cannot be written (full disk, quota, I/O error): the run stops, what was written stays valid."""


def done_sources(path: Path) -> Counter:
    """Identities (see input_identity) of the documents already written to a JSONL output, with how often each
    was written. A torn (unterminated) last line is cut off; a whole line that is not a result is left in place
    (never the lines after it) and its document is done again. Both are said on stderr."""
    done: Counter = Counter()
    if not path.exists():
        return done
    keep = 0  # bytes up to the end of the last whole line
    bad = 0  # whole lines in the middle that are not a result: kept as they are, their documents done again
    torn = False
    with open(path, "rb") as f:  # streamed: the output of a long run can be far larger than memory
        for line in f:
            try:
                source = json.loads(line).get("source") if line.endswith(b"\n") else None
            except (ValueError, AttributeError):
                source = None
            if source is None:
                if not line.endswith(b"\n"):
                    torn = True  # the last line, cut off by an interrupted run
                    break
                bad += 1
            else:
                done[input_identity(source)] += 1
            keep += len(line)
    if torn:
        _report(f"{path}: its last line was cut off (an interrupted run); that document is done again")
    if bad:
        _report(f"{path}: {bad} line(s) are not results and are left as they are; their documents are done again")
    if keep != path.stat().st_size:
        with open(path, "r+b") as f:
            f.truncate(keep)  # only the torn last line: every whole line stays
    return done


def input_identity(source) -> str:
    """A document's identity for --resume: its source with the file part resolved to an absolute path, so the
    same corpus given as a relative or an absolute path (or through a symlink) is recognised. Corpus records are
    `FILE#ID`; the file part is the longest prefix before a '#' that names an existing file."""
    if not isinstance(source, str) or source == "<stdin>":
        return str(source)
    candidates = [source] + [source[:i] for i in range(len(source) - 1, 0, -1) if source[i] == "#"]
    for prefix in candidates:
        try:
            p = Path(prefix)
            if p.is_file():
                return str(p.resolve()) + source[len(prefix):]
        except (OSError, ValueError, RuntimeError):
            continue
    return source


CORPUS_SUFFIXES = (".jsonl", ".parquet")


def corpus_records(path: Path, max_bytes: int = DEFAULT_MAX_BYTES):
    """Stream (source, text, published) from a JSONL or Parquet corpus, one record at a time (constant memory).
    Each record needs "text"; "id" (or "source") names it and "published" is optional. A record that is not valid
    UTF-8 or is over `max_bytes` is an InputError for that record; the others go on."""
    shown = display_name(str(path))
    if path.suffix == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError:
            yield InputError(f"{shown}: reading Parquet needs pyarrow (pip install pyarrow)")
            return
        try:
            parquet = pq.ParquetFile(path)
            problem = parquet_columns_problem(parquet, shown)
            if problem:
                yield problem
                return
            batches = parquet.iter_batches(batch_size=256)
            position = 0  # one running count across batches: it names records that have no id
            for batch in batches:
                for rec in batch.to_pylist():
                    position += 1
                    text = rec.get("text") if isinstance(rec, dict) else None
                    if isinstance(text, str) and len(text) > max_bytes // 4 and len(text.encode("utf-8")) > max_bytes:
                        yield InputError(f"{shown}:{position}: record text is over the limit of {max_bytes:,} bytes "
                                         f"(--max-bytes)")
                        continue
                    yield _corpus_item(path, rec, position)
            if not position:  # as an empty JSONL corpus: silently nothing hid a failed export
                yield empty_corpus(shown)
        except Exception as exc:  # pyarrow's errors for corrupt files have several types
            yield InputError(f"{shown}: cannot read Parquet ({str(exc).splitlines()[0][:120]})")
        return
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield InputError(f"{shown}: cannot read ({exc.strerror})")
        return
    limit = max_bytes + 64  # the JSON around the text
    with f:
        lineno = records = 0
        while True:
            try:
                raw = f.readline(limit + 1)
            except OSError as exc:
                yield InputError(f"{shown}:{lineno + 1}: cannot read ({exc.strerror})")
                return
            if not raw:
                break
            lineno += 1
            if lineno == 1:
                raw = corpus_first_line(raw, shown)
                if isinstance(raw, InputError):
                    yield raw
                    return
            records += bool(raw.strip())  # blank lines are no records; bad or oversized ones are (with an error)
            if len(raw) > limit and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line without holding it
                    raw = f.readline(1 << 20)
                yield InputError(f"{shown}:{lineno}: record is over the limit of {max_bytes:,} bytes (--max-bytes)")
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(f"{shown}:{lineno}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column "
                                 f"{exc.start + 1}); the record is skipped")
                continue
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                yield InputError(f"{shown}:{lineno}: not a JSON line")
                continue
            yield _corpus_item(path, rec, lineno)
        if not records:
            yield empty_corpus(shown)


def corpus_first_line(raw: bytes, shown: str):
    """The first line of a JSONL corpus without the UTF-8 byte-order mark that Windows tools write, or the
    InputError of a UTF-16/32 file (one line for the file, not one per record)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return InputError(f"{shown}: UTF-16/32 text; corpus JSONL must be UTF-8 (convert it, e.g. "
                          f"iconv -f UTF-16 -t UTF-8)")
    return raw


def empty_corpus(shown: str) -> InputError:
    return InputError(f"{shown}: empty corpus (no records)")  # as an empty article file: a wrong or failed export


def parquet_columns_problem(parquet, shown: str) -> Optional[InputError]:
    """The InputError of a Parquet corpus without a "text" column: one line for the file, not one per row of a
    corpus of millions (None when the column is there)."""
    columns = parquet.schema_arrow.names
    if "text" in columns:
        return None
    return InputError(f"{shown}: no \"text\" column (columns: {', '.join(columns[:20]) or 'none'}); "
                      f"a corpus needs \"text\", optionally \"id\" and \"published\"")


def record_name(value) -> str:
    """A record's id as text: as JSON wrote it (true, ["a", 1]), not Python's spelling (True, ['a', 1])."""
    if isinstance(value, (bool, list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _corpus_item(path: Path, rec, position: int):
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        return InputError(f"{display_name(str(path))}:{position}: record has no \"text\" string")
    name = record_name(next((rec[k] for k in ("id", "source") if rec.get(k) not in (None, "")), position))
    published = rec.get("published")
    if published is not None and not isinstance(published, str):
        # Parquet date/timestamp columns, or an int like 20220616 in JSONL
        published = published.isoformat()[:10] if hasattr(published, "isoformat") else str(published)
    return (text_name(f"{path}#{name}"), rec["text"], published)


def documents(args: list[str], exclude: Optional[Path] = None, max_bytes: int = DEFAULT_MAX_BYTES,
              max_chars: int = DEFAULT_MAX_CHARS):
    """Every input document in a deterministic order: an InputError for a bad argument or record, else
    (source, make) where make(published, max_bytes) reads the Article (and may raise InputError).
    `published` given to make wins over a corpus record's own date (it is the --published-override).
    `exclude` (the output file) is never read; corpus records and files share the same size limits."""
    for item in expand_inputs(args, exclude=exclude):
        if isinstance(item, InputError):
            yield item
        elif item == STDIN:
            yield "<stdin>", lambda published, max_bytes: parse_article(sys.stdin.buffer.read(), source="<stdin>",
                                                                      published=published, max_chars=max_chars)
        elif item.suffix.lower() in CORPUS_SUFFIXES:
            for rec in corpus_records(item, max_bytes=max_bytes):
                if isinstance(rec, InputError):
                    yield rec
                    continue
                source, text, own_date = rec
                yield source, _CorpusRecord(source, text, own_date, max_chars)
        else:
            yield text_name(str(item)), (lambda published, max_bytes, path=item:
                                         _read_file(path, published, max_bytes, max_chars))


class _CorpusRecord:
    """make() of one corpus record. A "published" that is not a date is no failure (the text is still read, its
    relative dates resolved without an anchor), but run_predict tells the user: `unreadable_date` holds it."""

    def __init__(self, source: str, text: str, own_date: Optional[str], max_chars: int):
        self.source, self.text, self.max_chars = source, text, max_chars
        readable = not own_date or parse_published(own_date) is not None
        self.own_date = own_date if readable else None
        self.unreadable_date = None if readable else own_date

    def __call__(self, published, max_bytes):
        return parse_article(self.text, source=self.source, published=published or self.own_date,
                             max_chars=self.max_chars)


def _read_file(path: Path, published, max_bytes: int, max_chars: int):
    article = read_article(path, published=published, max_bytes=max_bytes, max_chars=max_chars)
    article.source = text_name(str(path))  # a name with undecodable bytes must not break the JSON output
    return article


class _Sink:
    """Where results go. Every write is one whole record, written unbuffered; when the disk fills up (or any
    write fails) the file is cut back to the end of the last whole record, so the output stays valid JSONL and
    `--resume` completes it."""

    def __init__(self, output: Optional[Path], append: bool):
        self.output = output
        self.records = 0
        if output is None:
            self.name = "<stdout>"
            self.f = getattr(sys.stdout, "buffer", None)
            self.good = 0
            return
        self.name = display_name(str(output))
        try:
            self.f = open(output, "ab" if append else "wb", buffering=0)
        except OSError as exc:
            raise InputError(f"{self.name}: cannot write the output ({exc.strerror})") from None
        try:
            self.good = os.fstat(self.f.fileno()).st_size
        except OSError:
            self.good = 0

    @staticmethod
    def check_writable(output: Path) -> None:
        """InputError now, as the constructor would give it, for an output that cannot be written; the file is
        neither truncated nor, when it did not exist, left behind."""
        try:
            check_writable(output)
        except OSError as exc:
            raise InputError(f"{display_name(str(output))}: cannot write the output ({exc.strerror})") from None

    def write(self, text: str) -> None:
        # backslashreplace: a lone surrogate (from a \ud800 escape in a corpus record) becomes a JSON escape
        data = text.encode("utf-8", "backslashreplace")
        try:
            if self.output is None and self.f is None:  # a text-only stdout (an embedding application)
                sys.stdout.write(data.decode("utf-8"))
                sys.stdout.flush()
            elif self.output is None:
                self.f.write(data)
                self.f.flush()
            else:
                view = memoryview(data)
                while view:
                    view = view[self.f.write(view):]
        except BrokenPipeError:
            raise
        except OSError as exc:
            self._cut_back()
            resume = " (run again with --resume to complete it)" if self.output is not None else ""
            raise OutputError(f"{self.name}: cannot write the output ({exc.strerror or exc}); "
                              f"{self.records} documents were written in full{resume}") from None
        self.good += len(data)
        self.records += 1

    def _cut_back(self) -> None:
        if self.output is None:
            return
        try:
            os.ftruncate(self.f.fileno(), self.good)
        except OSError:
            pass  # e.g. /dev/full: nothing was kept anyway

    def close(self) -> None:
        if self.output is not None:
            try:
                self.f.close()
            except OSError:
                pass


def check_output_is_not_an_input(args: list[str], output: Optional[Path]) -> None:
    """Refuse an output file that is also an input: opening it for writing would truncate the input."""
    if output is None:
        return
    for arg in args:
        if arg != STDIN and same_file(Path(arg), output):
            raise OutputError(f"{display_name(str(output))}: the output file is also an input; "
                              f"choose another --output (nothing was written)")


def _input_bytes(source: str, article=None) -> int:
    """The input size one document stands for (for the ETA): its file's size, else its text's UTF-8 length."""
    if "#" not in source and source != "<stdin>":
        try:
            return Path(source).stat().st_size
        except OSError:
            pass
    return len(article.text.encode("utf-8")) if article is not None else 0


def scan_inputs(args: list[str], exclude: Optional[Path] = None) -> tuple[int, list[str], int]:
    """Before any model loads: the bytes of every file the inputs name (for the ETA; stdin counts 0), the
    errors of arguments that name nothing (reported at once, so a mistyped path costs no model load) and how
    many files (or stdin) they do name."""
    total, errors, found = 0, [], 0
    for item in expand_inputs(args, exclude=exclude):
        if isinstance(item, InputError):
            errors.append(str(item))
            continue
        found += 1
        if isinstance(item, Path):
            try:
                total += item.stat().st_size
            except OSError:
                pass
    return total, errors, found


def run_predict(extractor, args: list[str], fmt: str = "jsonl", output: Optional[Path] = None, batch_size: int = 8,
                published: Optional[str] = None, include_text: bool = True, resume: bool = False,
                shard: Optional[tuple[int, int]] = None, max_bytes: int = DEFAULT_MAX_BYTES,
                published_override: Optional[str] = None, quiet: bool = False,
                progress: Optional[bool] = None, max_chars: int = DEFAULT_MAX_CHARS) -> int:
    """Process every input; return the number of inputs that failed. shard=(i, n) keeps every n-th input from
    the i-th on, in the deterministic expansion order, so n machines can split one corpus.

    extractor: an AgreementExtractor, or a function returning one, called only when the first document needs
    the model (a run whose documents are all done or all bad never pays for loading it).
    published: the date for articles that have none of their own; published_override: the date for every article.
    progress: None = a live line when stderr is a terminal (never with quiet); the summary line unless quiet.
    max_bytes / max_chars: per-document limits, for files and corpus records alike.
    Raises OutputError when the output is an input or cannot be written (what was written stays whole)."""
    from dataclasses import replace

    from .progress import Progress

    loaded = []
    fatal = []  # the model could not load: its one-line error says it all, a summary of 0 documents would confuse

    def model():
        if not loaded:
            try:
                loaded.append(extractor if hasattr(extractor, "extract_articles") else extractor())
            except QianyueError:
                fatal.append(True)
                raise
        return loaded[0]

    check_output_is_not_an_input(args, output)
    failures = 0
    skip = done_sources(output) if resume and output else Counter()
    total_bytes, argument_errors, found = scan_inputs(args, exclude=output)
    # every argument names nothing (a mistyped path or glob): the run writes no output, so an earlier file of
    # that name is left as it was instead of being emptied
    nothing_to_read = output is not None and not found
    tables = TableWriter(fmt, output) if fmt in TABLE_FORMATS and not nothing_to_read else None
    # json and html are written whole at the end: their file is opened only then, so an interrupted or failed run
    # leaves an earlier file of that name as it was (its writability is checked now, not after hours of work)
    written_at_end = fmt in ("json", "html") and output is not None and not nothing_to_read
    if written_at_end:
        _Sink.check_writable(output)
    sink = None if tables or written_at_end or nothing_to_read else _Sink(output, append=resume)
    collected = []  # for json / html, which are written at the end
    for message in argument_errors:
        _report(message)
    bar = Progress(total_bytes or None, enabled=False if quiet else progress)

    def report(message: str) -> None:
        bar.clear()
        _report(message)

    def emit(chunk):
        for r, size in zip(model().extract_articles([a for a, _ in chunk]), (s for _, s in chunk)):
            if tables:
                tables.write(r)
            elif fmt == "jsonl":
                sink.write(json.dumps(r.to_dict(include_text), ensure_ascii=False) + "\n")
            elif fmt == "table":
                sink.write(render_table(r) + "\n\n")
            else:
                collected.append(r)
            bar.document(len(r.text), len(r.agreements), size)

    interrupted = None  # Ctrl-C: what to do to finish the run
    finished = False  # an xlsx is saved only then (like json and html, it is written whole at the end)
    bad_dates = [0, ""]  # how many corpus records (of this shard) have a "published" that is not a date; the first
    try:
        chunk = []
        for position, item in enumerate(documents(args, exclude=output, max_bytes=max_bytes, max_chars=max_chars)):
            if shard and position % shard[1] != shard[0]:
                continue
            if isinstance(item, InputError):
                if str(item) not in argument_errors:  # those were reported before the run
                    report(str(item))
                bar.failure()
                failures += 1
                continue
            source, make = item
            if skip and source != "<stdin>":  # stdin is new text on every run: a name in the file proves nothing
                identity = input_identity(source)
                if skip[identity] > 0:  # a count, not a set: records sharing an id are done one by one
                    skip[identity] -= 1
                    bar.skip(_input_bytes(source))
                    continue
            if getattr(make, "unreadable_date", None) and not published_override:
                bad_dates[0] += 1
                if bad_dates[0] == 1:  # the first at once (a run can be stopped early), the count at the end
                    bad_dates[1] = f"{source}: \"published\" {make.unreadable_date[:40]!r}"
                    report(f"{bad_dates[1]} is not a date; the record is read without it")
            try:
                article = make(published_override, max_bytes)
            except InputError as exc:
                report(str(exc))
                bar.failure(_input_bytes(source))
                failures += 1
                continue
            if published and not published_override and article.published is None:
                article = replace(article, published=published)
            chunk.append((article, _input_bytes(source, article)))
            if len(chunk) >= batch_size:
                emit(chunk)
                chunk = []
        if chunk:
            emit(chunk)
        if bad_dates[0] > 1:
            report(f"{bad_dates[0]} corpus records have a \"published\" that is not a date and were read without "
                   f"it (first: {bad_dates[1]})")
        if written_at_end:
            sink = _Sink(output, append=False)
        if nothing_to_read:
            pass  # no output at all: an earlier file of that name stays as it was
        elif fmt == "json":
            payload = [r.to_dict(include_text) for r in collected]
            sink.write(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=1) + "\n")
        elif fmt == "html":
            sink.write(render_html(collected))
        finished = True
    except KeyboardInterrupt:
        interrupted = "run again with --resume to finish it" if output and fmt == "jsonl" else ""
        raise
    finally:
        if sink is not None:
            sink.close()
        if tables:
            tables.close(save=finished)
        bar.close(quiet=quiet or bool(fatal), skipped_where=str(output) if output else None, interrupted=interrupted)
    return failures
