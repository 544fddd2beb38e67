"""Growing string vocabularies and tag bitsets for the columnar executor store.

Indices are never reused or renumbered, so arrays indexed by them stay valid as the
vocabulary grows; new tags only ever add bits (and words) to the bitsets.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

import numpy as np
from numpy.typing import NDArray

WORD_BITS = 64


class Vocabulary:
    """Dense index for each distinct string seen, in first-seen order."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}
        self._tables: dict[Hashable, NDArray[np.bool_]] = {}

    def __len__(self) -> int:
        return len(self.items)

    def add(self, value: str) -> int:
        index = self._index.get(value)
        if index is None:
            index = self._index[value] = len(self.items)
            self.items.append(value)
        return index

    def get(self, value: str) -> int | None:
        return self._index.get(value)

    def table(self, key: Hashable, test: Callable[[str], bool]) -> NDArray[np.bool_]:
        """`test` of every item, indexable by item index; cached until the vocabulary grows."""
        table = self._tables.get(key)
        if table is None or len(table) != len(self.items):
            table = np.array([test(item) for item in self.items], dtype=np.bool_)
            self._tables[key] = table
        return table


class Bitsets:
    """One bitset per row over a tag vocabulary, stored word-major: bits[word, row]."""

    def __init__(self, capacity: int) -> None:
        self.vocab = Vocabulary()
        self.bits: NDArray[np.uint64] = np.zeros((1, capacity), dtype=np.uint64)
        self._postings: dict[str, NDArray[np.intp]] = {}
        self._holders: dict[str, NDArray[np.bool_]] = {}

    @property
    def words(self) -> int:
        return int(self.bits.shape[0])

    def grow(self, capacity: int) -> None:
        grown = np.zeros((self.words, capacity), dtype=np.uint64)
        grown[:, : self.bits.shape[1]] = self.bits
        self.bits = grown
        self._holders.clear()

    def set_row(self, row: int, tags: Iterable[str], previous: Iterable[str] = ()) -> None:
        """Store a row's tags; `previous` (its old tags) limits which postings go stale."""
        tags = frozenset(tags)
        words = [0] * self.words
        for tag in tags:
            bit = self.vocab.add(tag)
            while bit // WORD_BITS >= len(words):
                words.append(0)
            words[bit // WORD_BITS] |= 1 << (bit % WORD_BITS)
        if len(words) > self.words:
            extra = np.zeros((len(words) - self.words, self.bits.shape[1]), dtype=np.uint64)
            self.bits = np.vstack([self.bits, extra])
        self.bits[:, row] = np.array(words, dtype=np.uint64)
        for tag in tags.symmetric_difference(previous):
            self._postings.pop(tag, None)
            holders = self._holders.get(tag)
            if holders is not None:
                holders[row] = tag in tags

    def holders(self, tag: str) -> NDArray[np.bool_] | None:
        """Dense per-row membership of one tag, kept current; None for a tag nobody has.

        Meant for small vocabularies (languages): one byte per row per tag asked about.
        """
        holders = self._holders.get(tag)
        if holders is None:
            bit = self.vocab.get(tag)
            if bit is None:
                return None
            word = self.bits[bit // WORD_BITS]
            holders = (word & np.uint64(1 << (bit % WORD_BITS))) != 0
            self._holders[tag] = holders
        return holders

    def rows_with(self, tag: str) -> NDArray[np.intp]:
        """Sorted rows holding `tag` (cached until a row gains or loses it)."""
        rows = self._postings.get(tag)
        if rows is None:
            bit = self.vocab.get(tag)
            if bit is None:
                return np.zeros(0, dtype=np.intp)
            word = self.bits[bit // WORD_BITS]
            rows = np.flatnonzero(word & np.uint64(1 << (bit % WORD_BITS)))
            self._postings[tag] = rows
        return rows

    def mask(self, tags: Iterable[str]) -> tuple[NDArray[np.uint64], bool]:
        """Bit mask of the known tags, and whether every tag was known."""
        words = [0] * self.words
        all_known = True
        for tag in tags:
            bit = self.vocab.get(tag)
            if bit is None:
                all_known = False
                continue
            words[bit // WORD_BITS] |= 1 << (bit % WORD_BITS)
        return np.array(words, dtype=np.uint64), all_known
