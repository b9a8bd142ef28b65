"""The public Python API: AgreementExtractor.

    from qianyue import AgreementExtractor
    ex = AgreementExtractor.from_pretrained()          # the default model in $QIANYUE_HOME/models/default
    result = ex.extract(text, published="2022-06-16")
    print(result.to_dict()["agreements"])

Thread safety: one extractor may be shared by several threads. Inference (torch under inference_mode, or an
onnxruntime session) mutates no state; the reader and the record rules are pure functions.
"""
from __future__ import annotations

import datetime
import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from .dates import published_problem
from .errors import ArgumentError, ConfigError, InputError, ModelError, QianyueError
from .layout import CONFIG, resolve_model_dir
from .paths import default_model_dir
from .pipeline import run_pipeline
from .readers import Article, parse_article, parse_published, read_article
from .results import ArticleResult, FailedDocument

def _refuse_path(text) -> None:
    """A one-line str that names an existing file is almost certainly a path passed where text was meant."""
    if isinstance(text, str) and text and "\n" not in text and len(text) < 4096:
        try:
            is_file = Path(os.path.expanduser(text)).is_file()
        except (OSError, ValueError):  # os.path.expanduser leaves an unknown ~user as it is (Path's raises)
            return
        if is_file:
            raise InputError(f"{text}: this string names a file; to read the file use "
                             f"extractor.extract_file({text!r}) (or pass pathlib.Path in extract_many)")


def _named_for(message: str, ident: str) -> str:
    """An error about an item given as bare text names the item by its place in the batch (#3), not <text>."""
    for anonymous in ("<text>: ", "<input>: "):
        if message.startswith(anonymous):
            return f"{ident}: {message[len(anonymous):]}"
    return message


def _item_id(item, position: int) -> str:
    if isinstance(item, tuple) and len(item) == 2:
        return str(item[0])
    if isinstance(item, dict) and item.get("id") not in (None, ""):
        return str(item["id"])
    if isinstance(item, Path):
        return str(item)
    return f"#{position}"


BUILD_DEFAULT_HINT = "build it with `bash scripts/setup.sh` (or `qianyue train --config configs/default.yaml`)"


class AgreementExtractor:
    def __init__(self, tagger, min_confidence: float = 0.0, assembler: Optional[str] = None):
        from .assembly import get_assembler

        self.tagger = tagger
        self.min_confidence = min_confidence  # records below this confidence are left out of results
        # record assembly: rules | hybrid | learned; None = what the checkpoint's recipe chose (config.json), else
        # qianyue.assembly's default
        assembler = assembler or getattr(tagger, "assembler", None)
        get_assembler(assembler)  # an unknown name fails here, not at the first document
        self.assembler = assembler

    @property
    def min_confidence(self) -> float:
        return self._min_confidence

    @min_confidence.setter
    def min_confidence(self, value: float) -> None:
        # checked whenever it is set, also after construction (extractor.min_confidence = 2 is refused as well)
        if isinstance(value, bool) or not (isinstance(value, (int, float)) and 0.0 <= value <= 1.0):  # NaN fails too
            raise ConfigError(f"min_confidence={value!r}: must be a number from 0 to 1")
        self._min_confidence = float(value)

    @classmethod
    def from_pretrained(cls, path: Union[str, Path, None] = None, device: Optional[str] = None,
                        runtime: str = "auto", quantize: Optional[str] = None,
                        min_confidence: float = 0.0, assembler: Optional[str] = None) -> "AgreementExtractor":
        """Load a trained model directory; None means the default model under $QIANYUE_HOME.
        runtime "auto" runs the int8 ONNX export when it is present and matches the weights (no torch is imported
        then), else torch fp32 with a one-line notice; "torch" / "onnx" and quantize None / "int8" choose."""
        from .modeling import Tagger

        if path is None:
            path = default_model_dir()
            if not (resolve_model_dir(path) / CONFIG).exists():
                raise ModelError(f"{path}: the default model is missing; {BUILD_DEFAULT_HINT}")
        return cls(Tagger.from_pretrained(path, device=device, runtime=runtime, quantize=quantize),
                   min_confidence=min_confidence, assembler=assembler)

    @property
    def labels(self) -> list[str]:
        return self.tagger.labels

    # ------------------------------------------------------------------ single documents
    def extract(self, text: Union[str, bytes], published: Union[str, datetime.date, None] = None,
                source: Optional[str] = None) -> ArticleResult:
        """Records from an article given as a string (HTML, Markdown with front matter, or plain text) or as the
        bytes of one (decoded like a file: UTF-8/GB18030 detected). `published` overrides the article's own date.
        A string that names an existing file is refused: use extract_file(path) for files."""
        _refuse_path(text)
        if source is not None and not isinstance(source, str):  # an int or UUID id: the result's source is a str
            source = str(source)
        return self._run([self._article(text, published, source)])[0]

    def extract_file(self, path: Union[str, os.PathLike], published: Union[str, datetime.date, None] = None
                     ) -> ArticleResult:
        """Records from the article file at `path` (format detected from the content)."""
        return self._run([read_article(path, published=published)])[0]

    # ------------------------------------------------------------------ many documents
    def extract_many(self, items: Iterable[Any], batch_size: int = 8,
                     published: Union[str, datetime.date, None] = None,
                     progress: bool = False, errors: str = "raise") -> Iterator[Union[ArticleResult, FailedDocument]]:
        """Results in input order, computed `batch_size` documents at a time.

        Items: texts (str or bytes), paths (pathlib.Path), Articles, `(id, text)` pairs, or dicts with "text" and
        optionally "id" and "published" (the item's own date; `published` here fills in for items without one).
        The id becomes the result's `source`.
        errors: "raise" stops at the first bad item (a QianyueError), "skip" leaves bad items out, "collect"
        yields a FailedDocument (source, error) in their place. progress: a live line on stderr and a summary."""
        if errors not in ("raise", "skip", "collect"):
            raise ArgumentError(f"errors={errors!r}: choose 'raise', 'skip' or 'collect'")
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ArgumentError(f"batch_size={batch_size!r}: a whole number of documents, at least 1 (as --batch-size)")
        if isinstance(items, (str, bytes, bytearray, Path)):  # iterating it would make one "article" per character
            raise TypeError(f"extract_many takes an iterable of items (e.g. a list); for one article use "
                            f"extract{'_file' if isinstance(items, Path) else ''}(...) or wrap it in a list")
        from .progress import Progress

        bar = Progress(enabled=True, label="extract") if progress else None
        chunk: list[Article] = []
        try:
            for position, item in enumerate(items):
                try:
                    article = self._item_article(item, published, position)
                except QianyueError as exc:
                    ident = _item_id(item, position)
                    message = _named_for(str(exc), ident)
                    if errors == "raise":
                        if message != str(exc):
                            raise type(exc)(message) from None
                        raise
                    if bar:
                        bar.failure()
                    if errors == "collect":
                        yield from self._flush(chunk, bar)
                        chunk = []
                        yield FailedDocument(source=ident, error=message)
                    continue
                chunk.append(article)
                if len(chunk) >= batch_size:
                    yield from self._flush(chunk, bar)
                    chunk = []
            yield from self._flush(chunk, bar)
        finally:
            if bar:
                bar.close()

    def _flush(self, chunk: list[Article], bar) -> list[ArticleResult]:
        results = self._run(chunk) if chunk else []
        if bar:
            for r in results:
                bar.document(len(r.text), len(r.agreements))
        return results

    def _item_article(self, item, published: Optional[str], position: int) -> Article:
        if isinstance(item, tuple) and len(item) == 2:
            ident, text = item
            _refuse_path(text)
            return self._article(text, None, str(ident), fallback=published)
        if isinstance(item, dict):
            if not isinstance(item.get("text"), (str, bytes)):
                raise InputError(f"item {_item_id(item, position)}: a dict item needs a \"text\" string")
            own = item.get("published")
            return self._article(item["text"], own, _item_id(item, position) if "id" in item else None,
                                 fallback=published)
        if isinstance(item, (str, bytes)):
            _refuse_path(item)
        return self._article(item, published)

    def extract_articles(self, articles: list[Article]) -> list[ArticleResult]:
        """Results of already-read Articles (qianyue.readers.read_article / parse_article), in order."""
        articles = list(articles)
        for position, article in enumerate(articles):
            if not isinstance(article, Article):  # a text here failed deep in the pipeline with AttributeError
                raise TypeError(f"extract_articles takes qianyue.readers.Article objects; item {position} is "
                                f"{type(article).__name__} (for texts, paths or dicts use extract_many)")
        return self._run(articles)

    @staticmethod
    def _article(item, published, source: Optional[str] = None, fallback: Optional[str] = None) -> Article:
        """An Article from a text (str or bytes), a path or an Article; empty text gives an empty Article (no
        records). `published` overrides the article's date; `fallback` is used only where it has none."""
        if isinstance(item, Article):
            article = item
        elif isinstance(item, Path):
            article = read_article(item, published=published)
        elif isinstance(item, (bytes, bytearray, memoryview)):
            article = (parse_article(bytes(item), source=source, published=published) if bytes(item).strip()
                       else Article(text="", title=None, published=None, source=source))
        elif not isinstance(item, str):
            raise InputError(f"{source or '<text>'}: cannot read an article from {type(item).__name__}; "
                             f"give a str, bytes or pathlib.Path")
        elif not item.strip():
            article = Article(text="", title=None, published=parse_published(published) if published else None,
                              source=source)
        else:
            article = parse_article(item, source=source, published=published)
        if fallback and article.published is None:
            iso = parse_published(fallback)
            if iso is None:
                raise InputError(f"{source or '<text>'}: cannot read the publication date {fallback!r}; "
                                 f"{published_problem(fallback)}")
            article = replace(article, published=iso)
        return article

    def _run(self, articles: list[Article]) -> list[ArticleResult]:
        tagged = run_pipeline(self.tagger, [a.text for a in articles], [a.published for a in articles],
                              assembler=self.assembler)
        return [ArticleResult(source=a.source, published=a.published, title=a.title, text=a.text,
                              agreements=[g for g in t.agreements if g.confidence >= self.min_confidence],
                              entities=t.entities) for a, t in zip(articles, tagged)]
