"""Numbers written as words, as digits, so that figures agree: "十分钟" is "10分钟", "six hours" is "6 hours".

Figure agreement (matching's numbers module) reads digits only. Two members stating one target seldom
write it alike, and within one language the words differ on purpose ("10 min" / "十分钟", "零下二十度" /
"-20 ℃", "48 hours" / "two days" is beyond reach, "6 hours" / "six hours" is not). A number word becomes
digits only where it states a quantity, i.e. before a unit of time, length, mass, temperature, a
percentage or a multiple: "一体化", "一种", "第一", "十分重要", "one of the", "three-phase" stay words.
"""

from __future__ import annotations

import re

_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
_ZH_LARGE = {"万": 10_000, "亿": 100_000_000}
# Units after which a Chinese numeral states a quantity (longest first where one is a prefix of another).
_ZH_UNITS = (
    "个百分点|百分点|个小时|小时|分钟|秒钟|秒|个月|个星期|星期|周|天|日|年|倍|"
    "千米|公里|厘米|毫米|微米|纳米|米|公斤|千克|克|吨|摄氏度|度|千瓦|兆瓦|瓦|伏|安|赫兹|轴|层|%|℃"
)
_ZH_NUMBER = re.compile(rf"(?<!第)([零〇一二两三四五六七八九十百千万亿]+?)(?=(?:多|余)?(?:{_ZH_UNITS}))")

_EN_UNITS = (
    r"seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|times|fold|per ?cent|percent|percentage points?|"
    r"degrees?|tonnes?|tons?|kilograms?|kg|grams?|metres?|meters?|kilometres?|kilometers?|km|millimetres?|millimeters?|mm|"
    r"micrometres?|micrometers?|microns?|axes|axis|layers?|cycles?"
)
_EN_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
            "eighteen": 18, "nineteen": 19}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_EN_WORD = "|".join([*_EN_TENS, *sorted(_EN_ONES, key=len, reverse=True), "hundred", "thousand", "and"])
_EN_NUMBER = re.compile(
    rf"\b((?:{_EN_WORD})(?:[ -](?:{_EN_WORD}))*)[ -](?=(?:{_EN_UNITS})\b)", re.IGNORECASE)


def zh_value(word: str) -> int | None:
    """二十 → 20, 三百五十 → 350, 一万五千 → 15000, 十 → 10; None for a bare magnitude (百, 千瓦's 千, 万向)."""
    if not any(c in _ZH_DIGIT or c == "十" for c in word) or word[0] in _ZH_LARGE or word[0] in "百千":
        return None
    total, section, digit = 0, 0, None
    for c in word:
        if c in _ZH_DIGIT:
            if digit is not None and digit != 0:  # 一二 (not a number, a list or a code)
                return None
            digit = _ZH_DIGIT[c]
        elif c in _ZH_SMALL:
            section += (1 if digit is None else digit) * _ZH_SMALL[c]
            digit = None
        else:
            section += digit or 0
            total += section * _ZH_LARGE[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def en_value(words: str) -> int | None:
    """"twenty-four" → 24, "one hundred and twenty" → 120, "six" → 6."""
    total, current = 0, 0
    parts = [w for w in re.split(r"[ -]+", words.lower()) if w and w != "and"]
    if not parts:
        return None
    for w in parts:
        if w in _EN_ONES:
            current += _EN_ONES[w]
        elif w in _EN_TENS:
            current += _EN_TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w == "thousand":
            total += max(current, 1) * 1000
            current = 0
    return total + current


def digits(text: str) -> str:
    """The text with its number words that state a quantity written as digits."""
    def zh(match: re.Match[str]) -> str:
        value = zh_value(match.group(1))
        return match.group(1) if value is None else str(value)

    def en(match: re.Match[str]) -> str:
        value = en_value(match.group(1))
        return match.group(0) if value is None else f"{value} "

    text = _ZH_NUMBER.sub(zh, text or "")
    return _EN_NUMBER.sub(en, text)
