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
