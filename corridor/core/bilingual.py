"""Objects named in Chinese and English show the name in the reader's language, falling back to the other."""

from __future__ import annotations

from typing import Any, overload

from django.utils.translation import get_language


def prefers_chinese() -> bool:
    return (get_language() or "zh-hans").startswith("zh")


def pick(zh: str, en: str) -> str:
    first, second = (zh, en) if prefers_chinese() else (en, zh)
    return first or second


class bilingual:
    """A model attribute read in the reader's language: `title = bilingual("title")` gives `title_zh` on a
    Chinese page and `title_en` on an English one, each falling back to the other when empty."""

    def __init__(self, field: str) -> None:
        self.zh, self.en = f"{field}_zh", f"{field}_en"

    @overload
    def __get__(self, obj: None, owner: Any = None) -> bilingual: ...
    @overload
    def __get__(self, obj: object, owner: Any = None) -> str: ...
    def __get__(self, obj: object | None, owner: Any = None) -> str | bilingual:
        if obj is None:
            return self
        return pick(getattr(obj, self.zh), getattr(obj, self.en))


class BilingualNameMixin:
    """For models with `name_zh` and `name_en` fields."""

    name_zh: str
    name_en: str

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)

    @property
    def other_name(self) -> str:
        """The name in the other language, when it differs (shown under the main one)."""
        other = self.name_en if prefers_chinese() else self.name_zh
        return other if other and other != self.name else ""

    def __str__(self) -> str:
        return self.name
