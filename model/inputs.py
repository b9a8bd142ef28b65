"""Expand the PATH arguments of `qianyue predict`: files, directories (recursive, by extension), globs, '-'."""
from __future__ import annotations

import fnmatch
import glob
import os
from pathlib import Path
from typing import Iterator, Optional, Union

from .display import display_name
from .errors import InputError

ARTICLE_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".text")
STDIN = "-"


def same_file(a: Path, b: Optional[Path]) -> bool:
    """True when a and b name one file (same resolved path, or the same inode through a link)."""
    if b is None:
        return False
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on older Pythons
        return False


def _walk(root: Path, errors: list[InputError]) -> list[Path]:
    """Article files under root. A subdirectory that cannot be listed (permission denied) is reported, not fatal."""
    def on_error(exc: OSError) -> None:
        name = display_name(str(exc.filename or root))
        errors.append(InputError(f"{name}: cannot read directory ({exc.strerror or exc})"))

    found = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        # hidden entries are no articles (as for a glob): .git/, and macOS's ._NAME.txt resource forks, binary
        # files that made one error line each in archives copied from a Mac. A hidden file named explicitly is read.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            if p.suffix.lower() not in ARTICLE_EXTENSIONS:
                continue
            if p.is_file():
                found.append(p)
            elif p.is_symlink() and not p.exists():  # an article the user meant to include: say it is gone
                errors.append(InputError(f"{display_name(str(p))}: broken symbolic link (its target is missing)"))
            # other non-regular files (a FIFO, a socket, a device) named like articles are not articles: reading
            # a FIFO would block the whole run
    return sorted(found)


def _glob(pattern: str) -> list[str]:
    """glob.glob(pattern, recursive=True), except that `**` does not descend into symbolic links to folders (as
    bash's globstar): glob.glob follows them, so a link loop (`ln -s . again`) made it list every article once per
    link level, and two such links made the expansion exponential, a run that hung before its first document."""
    if "**" not in pattern:
        return glob.glob(pattern)
    parts = pattern.split(os.sep)
    literal = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    base = os.sep.join(parts[:literal]) or ("" if literal == 0 else os.sep)

    def entries(directory: str) -> list[os.DirEntry]:
        try:
            with os.scandir(directory or os.curdir) as it:
                return sorted(it, key=lambda e: e.name)
        except OSError:  # unreadable or vanished: glob skips it too
            return []

    def visible(name: str, part: str) -> bool:
        return not name.startswith(".") or part.startswith(".")

    def select(directory: str, rest: list[str]) -> Iterator[str]:
        if not rest:
            yield directory
            return
        part, tail = rest[0], rest[1:]
        if part == "**":
            yield from select(directory, tail)  # zero folders
            for entry in entries(directory):
                if not visible(entry.name, part):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    yield from select(os.path.join(directory, entry.name), rest)
                elif not tail:  # a last `**` matches files too
                    yield os.path.join(directory, entry.name)
            return
        names = [e.name for e in entries(directory)] if glob.has_magic(part) else [part]
        for name in names:
            path = os.path.join(directory, name)
            if (not glob.has_magic(part) or (visible(name, part) and fnmatch.fnmatch(name, part))) and (
                    not tail or os.path.isdir(path)):
                if tail or os.path.lexists(path):
                    yield from select(path, tail)

    return list(dict.fromkeys(select(base, parts[literal:])))  # '**/**' reaches a file twice


def _corpora_under(root: Path) -> list[str]:
    """The suffixes of the JSONL/Parquet corpus files directly in root (for the hint when it has no articles)."""
    try:
        return sorted(p.suffix.lower() for p in root.iterdir() if p.suffix.lower() in (".jsonl", ".parquet"))
    except OSError:
        return []


def expand_inputs(args: list[str], exclude: Optional[Path] = None) -> Iterator[Union[Path, str, InputError]]:
    """Yield Paths to read, STDIN, or an InputError for an argument that names nothing readable (the caller
    reports it and goes on). `exclude` (the run's own output file) is never yielded from a directory or a glob."""
    stdin_seen = False
    for arg in args:
        if arg == STDIN:
            if stdin_seen:  # a second read would find it empty and report a confusing "empty file"
                yield InputError("-: standard input is named more than once; it is read only once")
            else:
                stdin_seen = True
                yield STDIN
            continue
        path = Path(arg)
        shown = display_name(arg)
        if path.is_dir():
            errors: list[InputError] = []
            found = [p for p in _walk(path, errors) if not same_file(p, exclude)]
            yield from errors
            if not found and not errors:
                corpora = _corpora_under(path)
                # a directory is searched for article files only: old -o outputs (JSONL with "text") beside the
                # articles must not be read back as corpora; name corpora explicitly
                hint = (f"; it holds {len(corpora)} JSONL/Parquet corpus file(s): name them, e.g. "
                        f"'{os.path.join(shown, '*' + corpora[0])}'" if corpora else "")
                yield InputError(f"{shown}: directory has no readable article files "
                                 f"({', '.join(ARTICLE_EXTENSIONS)}){hint}")
            yield from found
        elif path.exists() or path.is_symlink():
            yield path
        elif any(ch in arg for ch in "*?["):
            matches = sorted(Path(m) for m in _glob(arg)
                             if Path(m).is_file() and not same_file(Path(m), exclude))
            if not matches:
                yield InputError(f"{shown}: no file matches this pattern")
            yield from matches
        else:
            yield InputError(f"{shown}: no such file or directory")
