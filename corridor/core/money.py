"""Amounts of money as people read them: ¥5,000,000.00 in English, 500 万元 in Chinese (round amounts of
ten thousand yuan or more are said in 万; others keep their fen: 3,456.78 元)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language

WAN = Decimal(10_000)


def money_text(amount: object, language: str | None = None) -> str:
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return str(amount)
    language = language or get_language() or "zh-hans"
    if not language.startswith("zh"):
        return f"-¥{-value:,.2f}" if value < 0 else f"¥{value:,.2f}"
    if abs(value) >= WAN and value % 100 == 0:
        wan = f"{value / WAN:,.2f}".rstrip("0").rstrip(".")
        return f"{wan} 万元"
    return f"{value:,.2f} 元"


def big_number(value: object, language: str | None = None) -> str:
    """76200 → "7.62万" on Chinese pages (as the corridor's own texts write it), "76,200" on English ones."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    language = language or get_language() or "zh-hans"
    if language.startswith("zh") and abs(number) >= WAN:
        return f"{number / WAN:.2f}".rstrip("0").rstrip(".") + "万"
    return f"{number:,.0f}"


def people_from_millions(millions: object, language: str | None = None, short: bool = False) -> str:
    """57.92 (million) → "5792万" on Chinese pages, "57.92 million" (short: "57.92M") on English ones."""
    try:
        number = Decimal(str(millions))
    except (InvalidOperation, ValueError):
        return str(millions)
    language = language or get_language() or "zh-hans"
    if language.startswith("zh"):
        return big_number(number * 1_000_000, language)
    return f"{number.normalize():f}M" if short else f"{number.normalize():f} million"
