"""Objects named in Chinese and English show the name in the reader's language, falling back to the other."""

from __future__ import annotations

from django.utils.translation import get_language


def prefers_chinese() -> bool:
    return (get_language() or "zh-hans").startswith("zh")


def pick(zh: str, en: str) -> str:
    first, second = (zh, en) if prefers_chinese() else (en, zh)
    return first or second


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
