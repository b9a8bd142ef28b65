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
from .readers import parse_article, read_article
from .render import render_html, render_table


def _report(message: str) -> None:
    print(f"qianyue: {message}", file=sys.stderr, flush=True)


def done_sources(path: Path) -> set[str]:
    """Sources already written to a JSONL output; truncates a torn (unterminated or invalid) last line."""
    if not path.exists():
        return set()
    data = path.read_bytes()
    keep = data.rfind(b"\n") + 1
    if keep != len(data):
        with open(path, "r+b") as f:
            f.truncate(keep)
    done = set()
    for line in data[:keep].decode("utf-8", errors="replace").splitlines():
        try:
            done.add(json.loads(line).get("source"))
        except (ValueError, AttributeError):
            continue
    return done


def run_predict(extractor, args: list[str], fmt: str = "jsonl", output: Optional[Path] = None, batch_size: int = 8,
                published: Optional[str] = None, include_text: bool = True, resume: bool = False) -> int:
    """Process every input; return the number of inputs that failed."""
    from tqdm.auto import tqdm

    failures = 0
    skip = done_sources(output) if resume and output else set()
    sink = open(output, "a" if resume else "w", encoding="utf-8") if output else sys.stdout
    collected = []  # for json / html, which are written at the end
    bar = tqdm(desc="predict", unit="doc", file=sys.stderr, disable=None)

    def emit(results):
        for r in results:
            if fmt == "jsonl":
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
        for item in expand_inputs(args):
            if isinstance(item, InputError):
                _report(str(item))
                failures += 1
                continue
            source = "<stdin>" if item == STDIN else str(item)
            if source in skip:
                continue
            try:
                if item == STDIN:
                    article = parse_article(sys.stdin.buffer.read(), source=source, published=published)
                else:
                    article = read_article(item, published=published)
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
        if output:
            sink.close()
    return failures
