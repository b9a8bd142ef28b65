"""Corrections as a training corpus: `qianyue train --corrections FILE...`."""
from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError


def add_corrections(cfg, paths, weight=None, log=None) -> None:
    """Append one `corrections` corpus per file to cfg.corpora, weighted like the recipe's genre corpus (the
    real articles; 1.0 when the recipe has none) unless `weight` is given. Each file is read once here, so that a
    file that cannot be used stops the run before it trains, and `log` says how many reviewed articles each adds."""
    from qianyue.training.config import CorpusSpec

    from .corrections import load_corrections

    if weight is None:
        genre = [c.weight for c in cfg.corpora if c.name == "genre"]
        weight = genre[0] if genre else 1.0
    for path in paths:
        path = Path(path).resolve()  # relative to the current directory, as a user typed it
        if not path.is_file():
            raise ConfigError(f"{path}: corrections file not found")
        docs = load_corrections(path)
        cfg.corpora.append(CorpusSpec("corrections", path=str(path), weight=weight))
        if log:
            log(f"corrections: {path}: {len(docs)} reviewed article{'' if len(docs) == 1 else 's'} "
                f"(weight {weight:g})")
