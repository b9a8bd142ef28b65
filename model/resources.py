"""Where qianyue's own files are: the data/ and configs/ folders, inside an installed wheel or a checkout.

The wheel ships the repository's top-level data/ and configs/ as the packages `qianyue.data` and `qianyue.configs`
(setuptools package-dir mapping, see pyproject.toml), so they are found through importlib.resources wherever the
package is installed. An editable install made before that mapping existed cannot import them; then the checkout's
folders beside model/ are used.

Relative paths in a recipe (`genre_root: ../shared/genre`, a corpus `path: data/tiny/train.jsonl`) are looked up
against the checkout (when running from one), then the current directory, then the installed package's root (which
holds data/), so
the same recipe works from the checkout, from any directory with a wheel, and with $QIANYUE_GENRE /
$QIANYUE_CORPORA pointing at the shared folders.
"""
from __future__ import annotations

import importlib.resources
import os
from pathlib import Path
from typing import Optional

_HERE = Path(__file__).resolve().parent
_CHECKOUT = _HERE.parent  # the repository root when running from a clone (model/ is the qianyue package)


def checkout_root() -> Optional[Path]:
    """The repository root when qianyue runs from a clone (editable install), else None."""
    return _CHECKOUT if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "configs").is_dir() else None


def _package_dir(name: str) -> Path:
    try:
        found = importlib.resources.files(f"qianyue.{name}")
    except ModuleNotFoundError:
        found = None
    if found is not None and Path(str(found)).is_dir():
        return Path(str(found))
    return _CHECKOUT / name


def data_dir() -> Path:
    """data/: synthetic templates and lexicon, genre stand-off annotations and split, seeds, the tiny corpus."""
    return _package_dir("data")


def configs_dir() -> Path:
    """configs/: the training recipes (default, gpu, tiny)."""
    return _package_dir("configs")


def recipe_names() -> list[str]:
    return sorted(p.stem for p in configs_dir().glob("*.yaml"))


def find_config(value) -> Path:
    """A recipe given by path (as is) or by name (`tiny`, `default.yaml`, or `configs/gpu.yaml` from another
    directory): an existing file wins, then the shipped recipe of that name. Unknown names return the path as
    given, so the caller reports it as not found."""
    path = Path(os.path.expanduser(str(value)))
    if path.exists() and not path.is_dir():  # a folder named like a recipe (`default/`, `tiny/`) is not one
        return path
    if len(path.parts) <= 2 and (len(path.parts) == 1 or path.parts[0] == "configs"):
        shipped = configs_dir() / (path.name if path.suffix in (".yaml", ".yml") else f"{path.name}.yaml")
        if shipped.is_file():
            return shipped
    return path


def resolve_data_path(value: str) -> Path:
    """A relative path from a recipe: the first that exists of checkout/value, cwd/value, package_root/value;
    the first candidate when none does (so messages name the path a user expects)."""
    path = Path(os.path.expanduser(os.path.expandvars(value)))
    if path.is_absolute():
        return path
    candidates = [Path.cwd() / path]
    if checkout_root() is not None:  # recipes written for the clone keep meaning what they meant there
        candidates.insert(0, checkout_root() / path)
    candidates.append(data_dir().parent / path)
    for candidate in candidates:
        if candidate.exists():
            return candidate.resolve()
    return candidates[0].resolve()
