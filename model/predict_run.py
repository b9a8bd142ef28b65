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
    `published` from the command line wins over a corpus record's own date."""
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


def run_predict(extractor, args: list[str], fmt: str = "jsonl", output: Optional[Path] = None, batch_size: int = 8,
                published: Optional[str] = None, include_text: bool = True, resume: bool = False,
                shard: Optional[tuple[int, int]] = None, max_bytes: int = 20_000_000) -> int:
    """Process every input; return the number of inputs that failed. shard=(i, n) keeps every n-th input from
    the i-th on, in the deterministic expansion order, so n machines can split one corpus."""
    from tqdm.auto import tqdm

    failures = 0
    skip = done_sources(output) if resume and output else set()
    tables = TableWriter(fmt, output) if fmt in TABLE_FORMATS else None  # csv | parquet | xlsx
    try:
        sink = None if tables else open(output, "a" if resume else "w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        raise InputError(f"{output}: cannot write the output ({exc.strerror})") from None
    collected = []  # for json / html, which are written at the end
    bar = tqdm(desc="predict", unit="doc", file=sys.stderr, disable=None)

    def emit(results):
        for r in results:
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
            bar.update(1)

    try:
        chunk = []
        for position, item in enumerate(documents(args)):
            if shard and position % shard[1] != shard[0]:
                continue
            if isinstance(item, InputError):
                _report(str(item))
                failures += 1
                continue
            source, make = item
            if source in skip:
                continue
            try:
                article = make(published, max_bytes)
            except InputError as exc:
                _report(str(exc))
                failures += 1
                continue
            chunk.append(article)
            if len(chunk) >= batch_size:
                emit(extractor.extract_articles(chunk))
                chunk = []
        if chunk:
            emit(extractor.extract_articles(chunk))
        if fmt == "json":
            payload = [r.to_dict(include_text) for r in collected]
            sink.write(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=1) + "\n")
        elif fmt == "html":
            sink.write(render_html(collected))
    finally:
        bar.close()
        if output and sink is not None:
            sink.close()
        if tables:
            tables.close()
    return failures
