"""Expand the PATH arguments of `qianyue predict`: files, directories (recursive, by extension), globs, '-'."""
from __future__ import annotations

import glob
from pathlib import Path
from typing import Iterator, Union

from .errors import InputError

ARTICLE_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".text")
STDIN = "-"


def expand_inputs(args: list[str]) -> Iterator[Union[Path, str, InputError]]:
    """Yield Paths to read, STDIN, or an InputError for an argument that names nothing readable (the caller
    reports it and goes on)."""
    for arg in args:
        if arg == STDIN:
            yield STDIN
            continue
        path = Path(arg)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_EXTENSIONS)
            if not found:
                yield InputError(f"{arg}: directory has no readable article files ({', '.join(ARTICLE_EXTENSIONS)})")
            yield from found
        elif path.exists():
            yield path
        elif any(ch in arg for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(arg, recursive=True) if Path(m).is_file())
            if not matches:
                yield InputError(f"{arg}: no file matches this pattern")
            yield from matches
        else:
            yield InputError(f"{arg}: no such file or directory")
