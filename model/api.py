"""The public Python API: AgreementExtractor.

    from qianyue import AgreementExtractor
    ex = AgreementExtractor.from_pretrained()          # the default model in $QIANYUE_HOME/models/default
    result = ex.extract(text, published="2022-06-16")
    print(result.to_dict()["agreements"])

Thread safety: one extractor may be shared by several threads. Inference runs under torch.inference_mode and
mutates no state; the reader and the record rules are pure functions.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .decoding import decode_entities
from .errors import ModelError
from .paths import default_model_dir
from .readers import Article, parse_article, parse_published, read_article
from .results import ArticleResult
from .rules import build_records

BUILD_DEFAULT_HINT = "build it with `bash scripts/setup.sh` (or `qianyue train --config configs/default.yaml`)"


class AgreementExtractor:
    def __init__(self, tagger):
        self.tagger = tagger

    @classmethod
    def from_pretrained(cls, path: Union[str, Path, None] = None, device: Optional[str] = None,
                        runtime: str = "torch", quantize: Optional[str] = None) -> "AgreementExtractor":
        """Load a trained model directory; None means the default model under $QIANYUE_HOME.
        runtime "onnx" / quantize "int8" select the faster variants (see `qianyue export`)."""
        from .modeling import Tagger, resolve_model_dir

        if path is None:
            path = default_model_dir()
            if not (resolve_model_dir(path) / "config.json").exists():
                raise ModelError(f"{path}: the default model is missing; {BUILD_DEFAULT_HINT}")
        return cls(Tagger.from_pretrained(path, device=device, runtime=runtime, quantize=quantize))

    @property
    def labels(self) -> list[str]:
        return self.tagger.labels

    # ------------------------------------------------------------------ single documents
    def extract(self, text: str, published: Optional[str] = None, source: Optional[str] = None) -> ArticleResult:
        """Records from an article given as a string (HTML, Markdown with front matter, or plain text)."""
        return self._run([self._article(text, published, source)])[0]

    def extract_file(self, path, published: Optional[str] = None) -> ArticleResult:
        return self._run([read_article(path, published=published)])[0]

    # ------------------------------------------------------------------ many documents
    def extract_many(self, items: Iterable[Union[str, Path, Article]], batch_size: int = 8,
                     published: Optional[str] = None) -> Iterator[ArticleResult]:
        """Results in input order, computed `batch_size` documents at a time. Items are texts (str), paths
        (pathlib.Path) or already read Articles. Bad input raises a QianyueError subclass."""
        chunk: list[Article] = []
        for item in items:
            chunk.append(self._article(item, published))
            if len(chunk) >= batch_size:
                yield from self._run(chunk)
                chunk = []
        if chunk:
            yield from self._run(chunk)

    def extract_articles(self, articles: list[Article]) -> list[ArticleResult]:
        return self._run(articles)

    @staticmethod
    def _article(item, published, source: Optional[str] = None) -> Article:
        """An Article from a text, a path or an Article; empty text gives an empty Article (no records)."""
        if isinstance(item, Article):
            return item
        if isinstance(item, Path):
            return read_article(item, published=published)
        if not item or not str(item).strip():
            return Article(text="", title=None, published=parse_published(published) if published else None,
                           source=source)
        return parse_article(str(item), source=source, published=published)

    def _run(self, articles: list[Article]) -> list[ArticleResult]:
        probs = self.tagger.predict_probs([a.text for a in articles])
        out = []
        for article, p in zip(articles, probs):
            entities = decode_entities(article.text, p, self.tagger.tags)
            agreements = build_records(article.text, entities, article.published)
            out.append(ArticleResult(source=article.source, published=article.published, title=article.title,
                                     text=article.text, agreements=agreements, entities=entities))
        return out
