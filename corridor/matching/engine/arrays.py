"""A numpy array that grows at its end without copying everything on each append.

The engine keeps one value per listing (side, category, content hash, rows...) in such arrays
rather than one Python object per listing: at a million listings a Python object, its dict and its
strings cost kilobytes, a column of int8 a byte.
"""

from __future__ import annotations

import numpy as np


class Column:
    """Values [0, len) in use; beyond them spare capacity filled with `fill`."""

    def __init__(self, dtype: np.dtype | type | str, fill: int | float = 0, data: np.ndarray | None = None) -> None:
        self.fill = fill
        self._data = np.asarray(data, dtype=dtype).copy() if data is not None else np.full(0, fill, dtype=dtype)
        self._size = len(self._data)

    def __len__(self) -> int:
        return self._size

    @property
    def values(self) -> np.ndarray:
        """A view of the values in use (invalidated by the next growth)."""
        return self._data[: self._size]

    def reserve(self, size: int) -> None:
        if size <= len(self._data):
            return
        grown = np.full(max(size, len(self._data) * 5 // 4 + 1024), self.fill, dtype=self._data.dtype)
        grown[: self._size] = self._data[: self._size]
        self._data = grown

    def extend(self, values: np.ndarray | list) -> int:
        """Append values; returns the position of the first."""
        values = np.asarray(values, dtype=self._data.dtype)
        start = self._size
        self.reserve(start + len(values))
        self._data[start : start + len(values)] = values
        self._size = start + len(values)
        return start

    def set(self, position: int, value: int | float) -> None:
        """Set one value, growing (with `fill`) to reach it."""
        if position >= self._size:
            self.reserve(position + 1)
            self._size = position + 1
        self._data[position] = value

    def __getitem__(self, key):
        return self.values[key]

    def __setitem__(self, key, value) -> None:
        self.values[key] = value


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions start, start+1, ..., start+length-1 of every range, concatenated."""
    starts = np.asarray(starts, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    return np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
