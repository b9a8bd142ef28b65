"""Documents -> model windows: input ids, tag ids and the partial-label mask.

A corpus that does not annotate some of our labels (e.g. CLUENER has no DATE) marks its documents with the labels
it does annotate. On such a document an O character is not evidence against the missing labels, so its allowed
tags are {O} ∪ {B-X, I-X for every missing X}; the loss (see trainer.partial_label_loss) is the negative log of the
total probability of the allowed tags. On fully annotated documents that is ordinary cross-entropy.
"""
from __future__ import annotations

from dataclasses import dataclass

from qianyue.tokenization import CharTokenizer
from qianyue.windows import window_spans

from .data import Document

IGNORE = -100


@dataclass
class Window:
    input_ids: list[int]
    tag_ids: list[int]      # IGNORE at [CLS]/[SEP]
    alt_tags: list[int]     # 1 for tags an O character may really be (labels this document does not annotate)


def char_tags(doc: Document, tag_index: dict[str, int]) -> list[int]:
    """Tag id per character; spans of labels outside the label set are O."""
    tags = [tag_index["O"]] * len(doc.text)
    for s, e, lab in doc.spans:
        if f"B-{lab}" not in tag_index:
            continue
        tags[s] = tag_index[f"B-{lab}"]
        for i in range(s + 1, e):
            tags[i] = tag_index[f"I-{lab}"]
    return tags


def alt_tags(doc: Document, tags: list[str]) -> list[int]:
    if doc.labels is None:
        return [0] * len(tags)
    annotated = set(doc.labels)
    return [int(t != "O" and t[2:] not in annotated) for t in tags]


def document_windows(doc: Document, tokenizer: CharTokenizer, tags: list[str], max_length: int,
                     overlap: int) -> list[Window]:
    tag_index = {t: i for i, t in enumerate(tags)}
    ids = tokenizer.encode(doc.text)
    gold = char_tags(doc, tag_index)
    alt = alt_tags(doc, tags)
    out = []
    for s, e in window_spans(len(doc.text), max_length - 2, overlap):
        if e <= s:
            continue
        out.append(Window([tokenizer.cls_id] + ids[s:e] + [tokenizer.sep_id], [IGNORE] + gold[s:e] + [IGNORE], alt))
    return out


def build_windows(docs: list[Document], tokenizer: CharTokenizer, tags: list[str], max_length: int,
                  overlap: int) -> list[Window]:
    windows: list[Window] = []
    for doc in docs:
        windows += document_windows(doc, tokenizer, tags, max_length, overlap)
    return windows


def collate(windows: list[Window], pad_id: int):
    import torch

    width = max(len(w.input_ids) for w in windows)
    n = len(windows)
    ids = torch.full((n, width), pad_id, dtype=torch.long)
    mask = torch.zeros((n, width), dtype=torch.long)
    gold = torch.full((n, width), IGNORE, dtype=torch.long)
    for r, w in enumerate(windows):
        ids[r, :len(w.input_ids)] = torch.tensor(w.input_ids)
        mask[r, :len(w.input_ids)] = 1
        gold[r, :len(w.tag_ids)] = torch.tensor(w.tag_ids)
    alt = torch.tensor([w.alt_tags for w in windows], dtype=torch.bool)
    return {"input_ids": ids, "attention_mask": mask, "tag_ids": gold, "alt_tags": alt}
