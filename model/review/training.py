"""Corrections as a training corpus: `qianyue train --corrections FILE...`."""
from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError


def add_corrections(cfg, paths, weight=None) -> None:
    """Append one `corrections` corpus per file to cfg.corpora, weighted like the recipe's genre corpus (the
    real articles; 1.0 when the recipe has none) unless `weight` is given."""
    from qianyue.training.config import CorpusSpec

    if weight is None:
        genre = [c.weight for c in cfg.corpora if c.name == "genre"]
        weight = genre[0] if genre else 1.0
    for path in paths:
        path = Path(path).resolve()  # relative to the current directory, as a user typed it
        if not path.is_file():
            raise ConfigError(f"{path}: corrections file not found")
        cfg.corpora.append(CorpusSpec("corrections", path=str(path), weight=weight))
