"""Character-level tokenisation: one model token per character of the text, so offsets are the identity.

BERT's WordPiece would merge Latin letters and digits into word pieces and drop whitespace; tagging characters
needs one token each. Characters the vocabulary lacks are mapped to a stand-in that it has (curly quotes to
straight ones, the ellipsis to '.', upper-case Latin to lower case, full-width forms to half-width), whitespace to a
reserved token, and anything else to [UNK]. The mapping changes ids only: text and offsets stay the original.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Sequence

from .errors import ModelError

WHITESPACE_TOKEN = "[unused1]"  # BERT vocabularies reserve [unusedN]; it marks any whitespace character
STAND_INS = {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "―": "-", "…": ".",
             "⋯": ".", "〔": "(", "〕": ")", "【": "[", "】": "]", "﹒": ".", "•": "·", "●": "·"}
VOCAB_FILES = ("vocab.txt", "tokenizer.json")


def normalise_char(ch: str) -> str:
    """The character the vocabulary is asked for in place of `ch` (may be `ch` itself)."""
    if ch in STAND_INS:
        return STAND_INS[ch]
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        folded = ch
    return folded.lower()


class CharTokenizer:
    def __init__(self, vocab: Sequence[str]):
        self.vocab = list(vocab)
        self.token_to_id = {tok: i for i, tok in enumerate(self.vocab)}
        for special in ("[PAD]", "[UNK]", "[CLS]", "[SEP]"):
            if special not in self.token_to_id:
                raise ModelError(f"vocabulary lacks {special}: not a BERT-style tokenizer")
        self.pad_id = self.token_to_id["[PAD]"]
        self.unk_id = self.token_to_id["[UNK]"]
        self.cls_id = self.token_to_id["[CLS]"]
        self.sep_id = self.token_to_id["[SEP]"]
        self.space_id = self.token_to_id.get(WHITESPACE_TOKEN, self.unk_id)
        self._cache: dict[str, int] = {}

    @classmethod
    def from_dir(cls, path) -> "CharTokenizer":
        """Read vocab.txt, or the WordPiece vocab inside tokenizer.json when there is no vocab.txt."""
        path = Path(path)
        if (path / "vocab.txt").exists():
            # split on "\n" only (str.splitlines would also split on tokens like \x1c or \u2028 and shift ids)
            lines = (path / "vocab.txt").read_text(encoding="utf-8").split("\n")
            return cls(lines[:-1] if lines and lines[-1] == "" else lines)
        if (path / "tokenizer.json").exists():
            try:
                vocab = json.loads((path / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
            except (ValueError, KeyError, TypeError) as exc:
                raise ModelError(f"{path / 'tokenizer.json'}: not a WordPiece tokenizer ({exc})") from None
            return cls([tok for tok, _ in sorted(vocab.items(), key=lambda kv: kv[1])])
        raise ModelError(f"{path}: no vocab.txt or tokenizer.json")

    def save(self, path) -> None:
        (Path(path) / "vocab.txt").write_text("\n".join(self.vocab) + "\n", encoding="utf-8")

    def char_id(self, ch: str) -> int:
        cached = self._cache.get(ch)
        if cached is not None:
            return cached
        if ch.isspace():
            idx = self.space_id
        else:
            idx = self.token_to_id.get(ch)
            if idx is None:
                idx = self.token_to_id.get(normalise_char(ch), self.unk_id)
        self._cache[ch] = idx
        return idx

    def encode(self, text: str) -> list[int]:
        """One id per character of text (no [CLS]/[SEP])."""
        return [self.char_id(ch) for ch in text]

    def __len__(self) -> int:
        return len(self.vocab)
