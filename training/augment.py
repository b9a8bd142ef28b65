"""Mention swapping: copies of annotated articles with their party and person names replaced.

A tagger trained on a hundred real reports learns their names as much as their contexts: on a new report it cuts
or misses a company it never saw (a short trade name in a list, a bank's abbreviation), while the same sentence
with a known name is tagged right. Repeating an article with other names in the same places teaches the
contexts instead (the "mention replacement" of Dai & Adel, COLING 2020, for small NER sets).

A replacement keeps the shape of the name it replaces, so that the sentence still reads as the genre writes:
a PARTY is replaced by a name that ends the same way (…人民政府 by another …人民政府, …科技 by another …科技,
…县 by another …县), drawn from the synthetic generator's lexicon (plus the shared division and enterprise
lists when present) and from the PARTY names of the training articles, never one the article itself writes or
another of its names was given (two sides never end up with one name); a name with no such partner stays as
written. Names inside an agreement's name and untagged mentions are not replaced (a known limit: a copy may tag a
new name while its agreement name still carries the old one). An OFFICIAL written in Han characters is replaced by a generated name of the same length. Every
occurrence of one name gets the same replacement within an article, and nothing outside PARTY and OFFICIAL spans
changes (titles, dates, amounts and agreement names stay as written).
"""
from __future__ import annotations

import random
import re
from collections import defaultdict
from typing import Optional

from .data import Document

# a place name ends in its unit: the only one-character ending a replacement may share
PLACE_UNITS = "省市县区州镇乡村旗盟"
HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


class NamePool:
    """Names by their last two characters (and places by their unit), for drawing a replacement of one shape."""

    def __init__(self, names, surnames: list, given_chars: list):
        self.by_end2: dict = defaultdict(list)
        self.by_unit: dict = defaultdict(list)
        for name in sorted(set(names)):
            if len(name) < 2:
                continue
            self.by_end2[name[-2:]].append(name)
            if name[-1] in PLACE_UNITS and len(name) <= 5:
                self.by_unit[name[-1]].append(name)
        self.surnames = [s for s in surnames if len(s) == 1]
        self.given_chars = list(given_chars)

    def party(self, name: str, rng: random.Random, avoid: frozenset = frozenset()) -> Optional[str]:
        """Another name of the same ending, not in `avoid`, or None when the pool has none (the name then stays as
        written)."""
        same = [n for n in self.by_end2.get(name[-2:], ()) if n != name and n not in avoid]
        if len(same) < 3 and name[-1] in PLACE_UNITS and len(name) <= 5:
            same = [n for n in self.by_unit.get(name[-1], ()) if n != name and n not in avoid]
        return rng.choice(same) if len(same) >= 3 else None

    def person(self, name: str, rng: random.Random, avoid: frozenset = frozenset()) -> Optional[str]:
        """A generated name as long as `name`, not in `avoid`; None for names not written in Han characters (foreign
        names)."""
        if not HAN_NAME.match(name) or not self.surnames:
            return None
        for _ in range(20):
            new = rng.choice(self.surnames) + "".join(rng.choice(self.given_chars) for _ in range(len(name) - 1))
            if new not in avoid:
                return new
        return None


def lexicon_names(lex) -> list[str]:
    """Every organisation and place form the synthetic generator's lexicon can write."""
    words, out = lex.words, []
    for key in ("soes", "banks", "companies", "universities", "institutes"):
        for entry in words.get(key, []):
            out += [entry.get(k) for k in ("full", "mid", "short") if entry.get(k)]
    for full, short in lex.extra_soes + lex.extra_private:
        out += [full] + ([short] if short else [])
    places = []
    for prov in words.get("provinces", []):
        places += [prov["name"]] + prov.get("cities", []) + prov.get("counties", [])
    for names in list(lex.extra_cities.values()) + list(lex.extra_counties.values()):
        places += names
    for place in places:
        out += [place, f"{place}人民政府", f"{place}政府"]
    return out


def default_pool(training_docs: list[Document]) -> NamePool:
    """The lexicon's names (shared lists included when present) and the PARTY names of the training articles."""
    from .synthetic import load_lexicon, shared_lexicon_dir

    shared = shared_lexicon_dir()
    lex = load_lexicon(str(shared) if shared else None)
    seen = [d.text[s:e] for d in training_docs for s, e, lab in d.spans if lab == "PARTY"]
    return NamePool(lexicon_names(lex) + seen, lex.words["surnames"], lex.words["given_chars"])


def swap_mentions(doc: Document, pool: NamePool, rng: random.Random, copy: int) -> Document:
    """A copy of `doc` whose PARTY and OFFICIAL names are replaced (spans moved with the text)."""
    chosen: dict = {}
    # names the copy must not introduce: the article's own, and those already given to its other names
    taken = {doc.text[s:e] for s, e, lab in doc.spans if lab in ("PARTY", "OFFICIAL")}
    pieces, spans, last, shift = [], [], 0, 0
    for start, end, label in sorted(doc.spans):
        surface = doc.text[start:end]
        new = surface
        if label in ("PARTY", "OFFICIAL"):
            key = (label, surface)
            if key not in chosen:
                draw = pool.party if label == "PARTY" else pool.person
                chosen[key] = draw(surface, rng, frozenset(taken)) or surface
                taken.add(chosen[key])
            new = chosen[key]
        pieces += [doc.text[last:start], new]
        spans.append((start + shift, start + shift + len(new), label))
        shift += len(new) - (end - start)
        last = end
    pieces.append(doc.text[last:])
    return Document(id=f"{doc.id}#swap{copy}", text="".join(pieces), spans=spans, source=doc.source,
                    published=doc.published, agreements=None, labels=doc.labels)


def with_swapped_copies(docs: list[Document], pool: NamePool, seed: int) -> list[Document]:
    """The repeats of a weighted list: an article's first occurrence stays as written, every later one is a copy
    with swapped names (each copy drawn with its own seeded generator, so the output depends on the ids alone)."""
    seen: dict = defaultdict(int)
    out = []
    for doc in docs:
        n = seen[doc.id]
        seen[doc.id] += 1
        out.append(doc if n == 0 else swap_mentions(doc, pool, random.Random(f"{seed}:{doc.id}:{n}"), n))
    return out
