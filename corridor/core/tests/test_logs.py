"""A refused request (403) writes one line to the log, not a traceback; a server error keeps its traceback."""

from __future__ import annotations

import io
import logging

import pytest


@pytest.fixture
def console():  # type: ignore[no-untyped-def]
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)
                   and any(type(f).__name__ == "ForbiddenWithoutTraceback" for f in h.filters))
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)  # type: ignore[arg-type]


def test_a_403_is_one_line(world, console) -> None:  # type: ignore[no-untyped-def]
    response = world.client_for("member").post("/equipment/vouchers/", {"name_zh": "x"})
    assert response.status_code == 403
    text = console.getvalue()
    assert "Forbidden" in text and "/equipment/vouchers/" in text
    assert "Traceback" not in text and len(text.strip().splitlines()) == 1


def test_other_errors_keep_their_traceback(console) -> None:  # type: ignore[no-untyped-def]
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("django.request").error("Internal Server Error: /x", exc_info=True,
                                                  extra={"status_code": 500})
    assert "Traceback" in console.getvalue()
