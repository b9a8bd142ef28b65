"""The public Python API: AgreementExtractor.

    from qianyue import AgreementExtractor
    ex = AgreementExtractor.from_pretrained()          # the default model in $QIANYUE_HOME/models/default
    result = ex.extract(text, published="2022-06-16")
    print(result.to_dict()["agreements"])

Thread safety: one extractor may be shared by several threads. Inference (torch under inference_mode, or an
onnxruntime session) mutates no state; the reader and the record rules are pure functions.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .errors import ModelError
from .layout import CONFIG, resolve_model_dir
from .paths import default_model_dir
from .pipeline import run_pipeline
from .readers import Article, parse_article, parse_published, read_article
from .results import ArticleResult

BUILD_DEFAULT_HINT = "build it with `bash scripts/setup.sh` (or `qianyue train --config configs/default.yaml`)"


class AgreementExtractor:
    def __init__(self, tagger):
        self.tagger = tagger

    @classmethod
    def from_pretrained(cls, path: Union[str, Path, None] = None, device: Optional[str] = None,
                        runtime: str = "auto", quantize: Optional[str] = None) -> "AgreementExtractor":
        """Load a trained model directory; None means the default model under $QIANYUE_HOME.
        runtime "auto" runs the int8 ONNX export when it is present and matches the weights (no torch is imported
        then), else torch fp32 with a one-line notice; "torch" / "onnx" and quantize None / "int8" choose."""
        from .modeling import Tagger

        if path is None:
            path = default_model_dir()
            if not (resolve_model_dir(path) / CONFIG).exists():
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
        tagged = run_pipeline(self.tagger, [a.text for a in articles], [a.published for a in articles])
        return [ArticleResult(source=a.source, published=a.published, title=a.title, text=a.text,
                              agreements=t.agreements, entities=t.entities) for a, t in zip(articles, tagged)]
