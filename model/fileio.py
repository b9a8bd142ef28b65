"""Atomic writes: a reader never sees a half-written file or directory, whatever kills the writer."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_dir(target):
    """Yield a temporary sibling directory; on success it replaces `target` in one rename.

    On any error the temporary directory is removed and `target` is left as it was. The old target is moved
    aside first and deleted only after the new one is in place, so a crash in between leaves one of the two.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    recover_dir(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    os.chmod(tmp, 0o755)  # mkdtemp makes it private; the result is an ordinary shared directory
    try:
        yield tmp
        _fsync_tree(tmp)
        old = None
        if target.exists():
            old = target.parent / f".{target.name}.old-{os.getpid()}"
            os.replace(target, old)
        os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def recover_dir(target) -> None:
    """Finish what a writer killed inside atomic_dir left: if `target` is missing but its moved-aside previous
    version exists, put that back; drop temporary directories of killed writers (one writer per target)."""
    target = Path(target)
    if not target.parent.is_dir():
        return
    olds = sorted(target.parent.glob(f".{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not target.exists() and olds:
        os.replace(olds.pop(), target)
    for stale in olds + list(target.parent.glob(f".{target.name}.tmp-*")):
        shutil.rmtree(stale, ignore_errors=True)


def atomic_save(path, save) -> None:
    """save(tmp) writes the whole file at a temporary path beside `path`, which then replaces `path`: a save that
    fails half-way leaves an earlier file of that name whole (an xlsx workbook, a text file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    # mkstemp makes the file private (0600); the saved file gets the mode a plain open() would give it (the earlier
    # file's, else 0666 less the umask), so a workbook is readable by whoever could read the other outputs
    os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
    try:
        save(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it is to set it; put it back at once
    os.umask(mask)
    return mask


def atomic_write_text(path, text: str) -> None:
    def save(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
    atomic_save(path, save)


def check_writable(output: Path) -> None:
    """Raise the OSError that writing `output` would raise, now, without truncating it or, when it did not exist,
    leaving it behind (for outputs written whole at the end of a run)."""
    existed = output.exists()
    with open(output, "ab"):
        pass
    if not existed:
        output.unlink(missing_ok=True)


def _fsync_tree(root: Path) -> None:
    for p in root.rglob("*"):
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
