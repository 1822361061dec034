"""Text said in the reader's language, not the writer's: a message id and its parameters, kept as they are
(a job's progress and error, an import's row problems) and translated when a page shows them.

    stage = Text(gettext_noop("Importing %(file)s"), file="bad5.csv")   # a str: in the current language
    stored(stage)  →  {"msgid": "Importing %(file)s", "params": {"file": "bad5.csv"}}  (JSON)
    said(stored_value)  →  "正在导入 bad5.csv" on a Chinese page, "Importing bad5.csv" on an English one

A Text is a `str` (its text in the language current when it was made), so code that only prints it (the
command line's progress bar) needs nothing; code that keeps it keeps `stored(text)`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext


class Text(str):
    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, **params: Any) -> Text:
        self = super().__new__(cls, render(str(msgid), {k: stored(v) for k, v in params.items()}))
        self.msgid = str(msgid)
        self.params = {k: stored(v) for k, v in params.items()}
        return self

    def __reduce__(self) -> Any:  # through worker processes, still a message id
        return (_restore, (self.msgid, self.params))


def _restore(msgid: str, params: dict[str, Any]) -> Text:
    return Text(msgid, **params)


def stored(value: Any) -> Any:
    """The JSON form: a Text as its id and parameters; anything else as it is."""
    if isinstance(value, Text):
        return {"msgid": value.msgid, "params": value.params}
    return value


def render(msgid: str, params: dict[str, Any] | None = None) -> str:
    # Plain modules (a file reader, the workbook guard) raise Texts too, also where Django is not set up.
    text = (gettext(msgid) if settings.configured else msgid) if msgid else ""
    if not params:
        return text
    try:
        return text % {key: said(value) for key, value in params.items()}
    except (KeyError, TypeError, ValueError):
        return text


def said(value: Any) -> Any:
    """A stored value in the current language: a {"msgid", "params"} dict rendered, anything else as it is."""
    if isinstance(value, dict) and "msgid" in value:
        return render(str(value["msgid"]), value.get("params") or {})
    return value
