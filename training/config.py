"""Typed training configuration, loaded from YAML with `key=value` overrides.

Unknown keys and wrong types are errors that name the key: a typo must not silently train the wrong model.
A recipe is given by path or by the name of a shipped one (`tiny`, `default`, `gpu`; qianyue.resources).
Relative data paths in a recipe are looked up in the checkout, the current directory, then the installed package
(qianyue.resources.resolve_data_path); a relative output_dir is relative to the current directory. "~" / $VARS are
expanded. $QIANYUE_GENRE and $QIANYUE_CORPORA override genre_root and corpora_root.
"""
from __future__ import annotations

import dataclasses
import os
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from qianyue.errors import ConfigError
from qianyue.labels import DEFAULT_LABELS
from qianyue.resources import find_config, resolve_data_path

GENRE_ENV = "QIANYUE_GENRE"


@dataclass
class CorpusSpec:
    """One training source. name: genre | synthetic | cluener | resume | nerpy_people | pfr | jsonl (then `path`
    names a file in the repository's Document format) | corrections (`path`: corrections from `qianyue review`)."""
    name: str
    path: Optional[str] = None
    weight: float = 1.0            # how many times its documents are repeated per epoch (fractions sample)
    max_docs: Optional[int] = None  # cap, taken by a seeded sample
    split: str = "train"
    # "k/n": leave out the k-th of n folds of this source (training/datasets.py crossfit_fold), so that a model
    # trained without them can tag them as unseen text (scripts/crossfit_tagging.py)
    leave_out: Optional[str] = None
    # repeats after an article's first (weight > 1) get other party and person names in the same places
    # (training/augment.py): the tagger learns the genre's contexts rather than its names
    swap_mentions: bool = False


@dataclass
class TrainConfig:
    output_dir: Optional[str] = None          # run directory; None = $QIANYUE_HOME/models/default
    base_model: Optional[str] = None          # local HF BERT-style dir; None = fetched m3e-small
    labels: list = field(default_factory=lambda: list(DEFAULT_LABELS))
    corpora: list = field(default_factory=lambda: [CorpusSpec("synthetic"), CorpusSpec("genre")])
    corpora_root: Optional[str] = "../shared/datasets"   # public corpora; $QIANYUE_CORPORA overrides
    genre_root: Optional[str] = "../shared/genre"        # real genre articles (stand-off annotated)
    synthetic_docs: int = 1200
    synthetic_dev_docs: int = 60
    split_seed: int = 13
    dev_sets: list = field(default_factory=lambda: ["genre_dev", "synthetic_heldout"])  # names or .jsonl paths
    max_length: int = 256
    overlap: int = 64
    # Window at inference (stored in the checkpoint; None = the training window). Longer windows with less overlap
    # compute fewer characters twice; chosen by speed and dev F1 (docs/benchmarks.md, "Windows and overlap").
    predict_max_length: Optional[int] = None
    predict_overlap: Optional[int] = None
    assembler: Optional[str] = None  # record assembly the checkpoint asks for (rules | hybrid | learned); None = qianyue's
    freeze_embeddings: bool = True      # keep the pretrained character embeddings (faster on CPU; rare chars keep
                                        # their pretrained vectors instead of drifting on small data)
    learning_rate: float = 1e-4
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    epochs: float = 3.0
    max_steps: int = 0                  # > 0 overrides epochs
    batch_size: int = 16
    grad_accum: int = 1
    seed: int = 42
    precision: str = "auto"             # auto | fp32 | fp16 | bf16 (half precision only on a GPU)
    eval_every: int = 0                 # optimizer steps between evaluations; 0 = once per epoch
    early_stopping_patience: int = 0    # evaluations without dev-F1 gain before stopping; 0 = off
    max_train_samples: Optional[int] = None
    max_eval_samples: Optional[int] = None
    num_threads: Optional[int] = None   # torch CPU threads; None = all cores
    log_every: int = 10
    report_to: str = "none"             # Trainer logging integrations: none | tensorboard | ...

    def resolved_path(self, value: Optional[str]) -> Optional[Path]:
        """A data path from the recipe (see qianyue.resources.resolve_data_path)."""
        return None if value is None else resolve_data_path(value)

    def resolved_output_dir(self) -> Optional[Path]:
        if self.output_dir is None:
            return None
        return Path(os.path.expanduser(os.path.expandvars(self.output_dir))).resolve()

    def genre_dir(self, required: bool = False) -> Optional[Path]:
        """The folder of real genre articles: $QIANYUE_GENRE, else genre_root; None when genre_root is null.
        Configured but missing: an error when required (evaluating on it), else one warning (training goes on
        without those documents, but never silently)."""
        if self.genre_root is None:  # null in a recipe: this run goes without them, whatever the environment
            return None
        value = os.environ.get(GENRE_ENV) or self.genre_root
        path = self.resolved_path(value)
        if path.is_dir():
            return path
        message = (f"{path}: genre articles folder not found (genre_root {value!r}); set ${GENRE_ENV} or "
                   "genre_root=DIR, or genre_root=null to go without them")
        if required:
            raise ConfigError(message)
        warn_once(message + "; continuing without the genre documents")
        return None

    def corpora_dir(self) -> Optional[Path]:
        """The public corpora folder ($QIANYUE_CORPORA, else corpora_root); None when unset or missing (warned)."""
        value = os.environ.get("QIANYUE_CORPORA") or self.corpora_root
        if value is None:
            return None
        path = self.resolved_path(value)
        if path.is_dir():
            return path
        warn_once(f"{path}: corpora folder not found (corpora_root {value!r}); set $QIANYUE_CORPORA or "
                  "corpora_root=DIR; continuing without the public corpora")
        return None

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class DistillConfig(TrainConfig):
    """A distillation recipe (`qianyue distill`, training/distill.py): every TrainConfig key (corpora, windows,
    optimisation, output_dir) plus the teacher and how the student is cut from it. base_model is unused: the
    student starts from the teacher's own weights."""
    teacher: Optional[str] = None            # teacher model or run dir; None = $QIANYUE_HOME/models/default
    student_layers: list = field(default_factory=lambda: [0, 2])  # teacher encoder layers copied, in order
    temperature: float = 2.0                 # softmax temperature of the soft labels (KL scaled by T^2)
    soft_weight: float = 0.5                 # loss = soft_weight * KL + (1 - soft_weight) * gold loss
    unlabelled_genre_weight: float = 1.0     # times the genre TRAIN articles' text is added without gold tags


_warned: set = set()


def warn_once(message: str) -> None:
    import sys

    if message not in _warned:
        _warned.add(message)
        print(f"qianyue: warning: {message}", file=sys.stderr)


def _check_type(key: str, value: Any, annotation) -> Any:
    """Coerce/validate one value against its dataclass annotation (a small, strict subset of typing)."""
    if isinstance(annotation, str):
        annotation = eval(annotation, {**typing.__dict__, **globals()})  # from __future__ annotations
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Union:
        if value is None and type(None) in args:
            return None
        annotation = next(a for a in args if a is not type(None))
    if annotation is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if annotation is float and isinstance(value, str):  # YAML 1.1 reads "3e-5" (no dot) as a string
        try:
            return float(value)
        except ValueError:
            pass
    if annotation in (int, str, bool) and type(value) is annotation:
        return value
    if annotation is list and isinstance(value, list):
        return value
    raise ConfigError(f"config key {key!r}: expected {getattr(annotation, '__name__', annotation)}, "
                      f"got {type(value).__name__} {value!r}")


def _build(cls, data: dict, where: str):
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(data).__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ConfigError(f"{where}: unknown config key {unknown[0]!r} (known: {', '.join(sorted(fields))})")
    kwargs = {}
    for key, value in data.items():
        if issubclass(cls, TrainConfig) and key == "corpora":
            if not isinstance(value, list):
                raise ConfigError(f"{where}: config key 'corpora' must be a list")
            kwargs[key] = [_build(CorpusSpec, c if isinstance(c, dict) else {"name": c}, f"{where}: corpora")
                           for c in value]
        else:
            kwargs[key] = _check_type(key, value, fields[key].type)
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def parse_fold(value) -> Optional[tuple[int, int]]:
    """'k/n' -> (k, n) when 1 <= k <= n and n >= 2, else None."""
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", str(value))
    if not m:
        return None
    k, n = int(m.group(1)), int(m.group(2))
    return (k, n) if n >= 2 and 1 <= k <= n else None


def parse_override(item: str) -> tuple[str, Any]:
    if "=" not in item:
        raise ConfigError(f"override {item!r}: expected key=value")
    key, raw = item.split("=", 1)
    try:
        value = yaml.safe_load(raw) if raw != "" else None
    except yaml.YAMLError:
        value = raw
    return key.strip(), value


def load_config(path=None, overrides: Optional[list[str]] = None, kind: Optional[type] = TrainConfig) -> TrainConfig:
    """kind: TrainConfig for `qianyue train`, DistillConfig for `qianyue distill`, None for a reader that needs only
    the data settings of whatever recipe it is given (a distilled checkpoint's training_config.yaml names a teacher:
    then DistillConfig)."""
    data: dict = {}
    where = "config"
    if path is not None:
        path = find_config(path)
        where = str(path)
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            from qianyue.resources import recipe_names
            raise ConfigError(f"{path}: config file not found (shipped recipes: {', '.join(recipe_names())})") \
                from None
        except IsADirectoryError:
            raise ConfigError(f"{path}: is a directory, not a YAML config file") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: not a text file (a YAML config must be UTF-8 text)") from None
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
        if not isinstance(data, dict):  # a list or a scalar: the overrides and checks below need key: value pairs
            kind_found = {"list": "a list", "str": "a string", "int": "a number", "float": "a number",
                          "bool": "a boolean"}.get(type(data).__name__, type(data).__name__)
            raise ConfigError(f"{path}: a recipe is a YAML mapping of key: value lines, not {kind_found}")
    typed: dict[str, str] = {}  # key -> the key=value the user typed, to name it if the key is unknown
    for item in overrides or []:
        key, value = parse_override(item)
        data[key] = value
        typed[key] = item
    if kind is None:
        kind = DistillConfig if "teacher" in data else TrainConfig
    elif kind is TrainConfig and "teacher" in data:  # the unknown-key message would not say what to do instead
        raise ConfigError(f"{where}: a distillation recipe (it names a teacher); run it with `qianyue distill "
                          f"--config {path}`")
    known = {f.name for f in dataclasses.fields(kind)}
    for key, item in typed.items():
        if key not in known:  # a typo on the command line, not in the recipe file the generic message would name
            raise ConfigError(f"override {item!r}: unknown config key {key!r} (known: {', '.join(sorted(known))})")
    cfg = _build(kind, data, where)
    validate_config(cfg, where)
    return cfg


def validate_config(cfg: TrainConfig, where: str = "config") -> None:
    from qianyue.assembly import ASSEMBLERS

    checks = [(cfg.max_length >= 8, "max_length must be >= 8"),
              (0 <= cfg.overlap < cfg.max_length // 2, "overlap must be in [0, max_length/2)"),
              (cfg.assembler is None or cfg.assembler in ASSEMBLERS,
               f"assembler must be one of {', '.join(ASSEMBLERS)}"),
              (cfg.predict_max_length is None or 8 <= cfg.predict_max_length <= 512,
               "predict_max_length must be in [8, 512]"),
              (cfg.predict_overlap is None or 0 <= cfg.predict_overlap < (cfg.predict_max_length or cfg.max_length) // 2,
               "predict_overlap must be in [0, predict_max_length/2)"),
              (cfg.batch_size >= 1, "batch_size must be >= 1"), (cfg.grad_accum >= 1, "grad_accum must be >= 1"),
              (cfg.learning_rate > 0, "learning_rate must be > 0"), (cfg.log_every >= 1, "log_every must be >= 1"),
              (all(c.weight >= 0 for c in cfg.corpora), "corpora: weight must be >= 0"),
              (all(c.max_docs is None or c.max_docs >= 0 for c in cfg.corpora), "corpora: max_docs must be >= 0"),
              (all(c.leave_out is None or parse_fold(c.leave_out) is not None for c in cfg.corpora),
               "corpora: leave_out must be 'k/n' with 1 <= k <= n and n >= 2"),
              (cfg.epochs > 0 or cfg.max_steps > 0, "epochs or max_steps must be > 0"),
              (cfg.precision in ("auto", "fp32", "fp16", "bf16"), "precision must be auto, fp32, fp16 or bf16"),
              (len(cfg.labels) > 0 and len(set(cfg.labels)) == len(cfg.labels), "labels must be distinct")]
    if isinstance(cfg, DistillConfig):
        layers = cfg.student_layers
        checks += [(len(layers) > 0 and all(type(i) is int and i >= 0 for i in layers),
                    "student_layers must be a non-empty list of teacher layer numbers (0 = the first)"),
                   (len(set(layers)) == len(layers), "student_layers must be distinct"),
                   (cfg.temperature > 0, "temperature must be > 0"),
                   (0.0 <= cfg.soft_weight <= 1.0, "soft_weight must be in [0, 1]"),
                   (cfg.unlabelled_genre_weight >= 0, "unlabelled_genre_weight must be >= 0")]
    for ok, message in checks:
        if not ok:
            raise ConfigError(f"{where}: {message}")
