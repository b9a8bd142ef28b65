"""The batch side of `qianyue predict`: stream inputs, batch documents, write results as they are made.

JSONL output is written one complete line at a time and flushed, so a crash keeps every finished document; with
--resume a torn last line is cut off and documents already in the file are skipped.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

from .errors import InputError
from .inputs import STDIN, expand_inputs
from .readers import parse_article, parse_published, read_article
from .render import render_html, render_table
from .tables import TABLE_FORMATS, TableWriter


def _report(message: str) -> None:
    print(f"qianyue: {message}", file=sys.stderr, flush=True)


def done_sources(path: Path) -> set[str]:
    """Sources already written to a JSONL output; truncates a torn (unterminated or invalid) last line."""
    if not path.exists():
        return set()
    done, keep = set(), 0
    with open(path, "rb") as f:  # streamed: the output of a long run can be far larger than memory
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                done.add(json.loads(line).get("source"))
            except (ValueError, AttributeError):
                break
            keep += len(line)
    if keep != path.stat().st_size:
        with open(path, "r+b") as f:
            f.truncate(keep)
    return done


CORPUS_SUFFIXES = (".jsonl", ".parquet")


def corpus_records(path: Path):
    """Stream (source, text, published) from a JSONL or Parquet corpus, one record at a time (constant memory).
    Each record needs "text"; "id" (or "source") names it and "published" is optional."""
    if path.suffix == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError:
            yield InputError(f"{path}: reading Parquet needs pyarrow (pip install pyarrow)")
            return
        try:
            batches = pq.ParquetFile(path).iter_batches(batch_size=256)
            position = 0  # one running count across batches: it names records that have no id
            for batch in batches:
                for rec in batch.to_pylist():
                    position += 1
                    yield _corpus_item(path, rec, position)
        except Exception as exc:  # pyarrow's errors for corrupt files have several types
            yield InputError(f"{path}: cannot read Parquet ({str(exc).splitlines()[0][:120]})")
        return
    try:
        f = open(path, encoding="utf-8", errors="replace")
    except OSError as exc:
        yield InputError(f"{path}: cannot read ({exc.strerror})")
        return
    with f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                yield InputError(f"{path}:{lineno}: not a JSON line")
                continue
            yield _corpus_item(path, rec, lineno)


def _corpus_item(path: Path, rec, position: int):
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        return InputError(f"{path}:{position}: record has no \"text\" string")
    name = next((rec[k] for k in ("id", "source") if rec.get(k) not in (None, "")), position)
    published = rec.get("published")
    if published is not None and not isinstance(published, str):
        # Parquet date/timestamp columns, or an int like 20220616 in JSONL
        published = published.isoformat()[:10] if hasattr(published, "isoformat") else str(published)
    return (f"{path}#{name}", rec["text"], published)


def documents(args: list[str]):
    """Every input document in a deterministic order: an InputError for a bad argument or record, else
    (source, make) where make(published, max_bytes) reads the Article (and may raise InputError).
    `published` given to make wins over a corpus record's own date (it is the --published-override)."""
    for item in expand_inputs(args):
        if isinstance(item, InputError):
            yield item
        elif item == STDIN:
            yield "<stdin>", lambda published, max_bytes: parse_article(sys.stdin.buffer.read(), source="<stdin>",
                                                                      published=published)
        elif item.suffix.lower() in CORPUS_SUFFIXES:
            for rec in corpus_records(item):
                if isinstance(rec, InputError):
                    yield rec
                    continue
                source, text, own_date = rec
                if own_date and parse_published(own_date) is None:
                    own_date = None  # an unreadable date in a corpus record: resolve without one
                yield source, (lambda published, max_bytes, text=text, source=source, own_date=own_date:
                               parse_article(text, source=source, published=published or own_date))
        else:
            yield str(item), (lambda published, max_bytes, path=item:
                              read_article(path, published=published, max_bytes=max_bytes))


def _input_bytes(source: str, article=None) -> int:
    """The input size one document stands for (for the ETA): its file's size, else its text's UTF-8 length."""
    if "#" not in source and source != "<stdin>":
        try:
            return Path(source).stat().st_size
        except OSError:
            pass
    return len(article.text.encode("utf-8")) if article is not None else 0


def scan_inputs(args: list[str]) -> tuple[int, list[str]]:
    """Before any model loads: the bytes of every file the inputs name (for the ETA; stdin counts 0) and the
    errors of arguments that name nothing (reported at once, so a mistyped path costs no model load)."""
    total, errors = 0, []
    for item in expand_inputs(args):
        if isinstance(item, InputError):
            errors.append(str(item))
        elif isinstance(item, Path):
            try:
                total += item.stat().st_size
            except OSError:
                pass
    return total, errors


def run_predict(extractor, args: list[str], fmt: str = "jsonl", output: Optional[Path] = None, batch_size: int = 8,
                published: Optional[str] = None, include_text: bool = True, resume: bool = False,
                shard: Optional[tuple[int, int]] = None, max_bytes: int = 20_000_000,
                published_override: Optional[str] = None, quiet: bool = False,
                progress: Optional[bool] = None) -> int:
    """Process every input; return the number of inputs that failed. shard=(i, n) keeps every n-th input from
    the i-th on, in the deterministic expansion order, so n machines can split one corpus.

    extractor: an AgreementExtractor, or a function returning one, called only when the first document needs
    the model (a run whose documents are all done or all bad never pays for loading it).
    published: the date for articles that have none of their own; published_override: the date for every article.
    progress: None = a live line when stderr is a terminal (never with quiet); the summary line unless quiet."""
    from dataclasses import replace

    from .progress import Progress

    loaded = []

    def model():
        if not loaded:
            loaded.append(extractor if hasattr(extractor, "extract_articles") else extractor())
        return loaded[0]

    failures = 0
    skip = done_sources(output) if resume and output else set()
    tables = TableWriter(fmt, output) if fmt in TABLE_FORMATS else None  # csv | parquet | xlsx
    try:
        sink = None if tables else open(output, "a" if resume else "w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        raise InputError(f"{output}: cannot write the output ({exc.strerror})") from None
    collected = []  # for json / html, which are written at the end
    total_bytes, argument_errors = scan_inputs(args)
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
                sink.flush()
            elif fmt == "table":
                sink.write(render_table(r) + "\n\n")
                sink.flush()
            else:
                collected.append(r)
            bar.document(len(r.text), len(r.agreements), size)

    try:
        chunk = []
        for position, item in enumerate(documents(args)):
            if shard and position % shard[1] != shard[0]:
                continue
            if isinstance(item, InputError):
                if str(item) not in argument_errors:  # those were reported before the run
                    report(str(item))
                bar.failure()
                failures += 1
                continue
            source, make = item
            if source in skip:
                bar.skip(_input_bytes(source))
                continue
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
        if fmt == "json":
            payload = [r.to_dict(include_text) for r in collected]
            sink.write(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=1) + "\n")
        elif fmt == "html":
            sink.write(render_html(collected))
    finally:
        if output and sink is not None:
            sink.close()
        if tables:
            tables.close()
        bar.close(quiet=quiet, skipped_where=str(output) if output else None)
    return failures
