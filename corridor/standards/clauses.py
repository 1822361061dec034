"""Clauses of a draft and the clause-by-clause difference of two drafts (no Django: plain text in, rows out).

A draft's text is split at lines that begin with a clause number ("4", "4.2", "4.2.1", "A.1"), the way
Chinese group standards (GB/T 1.1) number them; text before the first number is clause "0" (the foreword).
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

CLAUSE_START = re.compile(r"^\s*((?:[A-Z]|\d{1,2})(?:\.\d{1,2}){0,4})(?:[\s　、.．]+|$)(.*)$")
# Chinese characters one by one, Latin words and numbers whole, spaces and punctuation one by one.
TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.S)
FOREWORD = "0"


@dataclass(frozen=True)
class Clause:
    number: str
    text: str


@dataclass(frozen=True)
class DiffRow:
    number: str
    change: str  # "same", "changed", "added", "removed"
    old: str
    new: str
    html: str  # the new text with insertions in <ins> and deletions in <del> (escaped)


def split_clauses(text: str) -> list[Clause]:
    """The clauses of `text` in order; a number seen twice keeps both, the second as "4.2 (2)"."""
    found: list[tuple[str, list[str]]] = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        match = CLAUSE_START.match(line)
        if match and (match.group(1)[0].isdigit() or "." in match.group(1)):
            found.append((match.group(1), [match.group(2).strip()] if match.group(2).strip() else []))
        elif found:
            if line.strip():
                found[-1][1].append(line.strip())
        elif line.strip():
            found.append((FOREWORD, [line.strip()]))
    seen: dict[str, int] = {}
    clauses = []
    for number, lines in found:
        seen[number] = seen.get(number, 0) + 1
        key = number if seen[number] == 1 else f"{number} ({seen[number]})"
        clauses.append(Clause(key, "\n".join(lines)))
    return clauses


def number_key(number: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a clause number: 4.2 < 4.10 < 5 < A.1; the foreword "0" first."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in number.split(" ")[0].split("."))


def inline_diff(old: str, new: str) -> str:
    """`new` as HTML with what changed from `old` marked; everything escaped."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{html.escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{html.escape(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


def diff_clauses(old: list[Clause], new: list[Clause]) -> list[DiffRow]:
    """Clause by clause, matched by number, in the order of the new draft (removed ones where they stood)."""
    before = {c.number: c.text for c in old}
    after = {c.number: c.text for c in new}
    order = [c.number for c in new]
    # A removed clause goes before the first clause of the new draft numbered after it (4.3 before 5), else last.
    for clause in old:
        if clause.number in after:
            continue
        key = number_key(clause.number)
        at = next((i for i, n in enumerate(order) if number_key(n) > key), None)
        order.insert(len(order) if at is None else at, clause.number)
    rows = []
    for number in order:
        was, now = before.get(number), after.get(number)
        if was is None:
            rows.append(DiffRow(number, "added", "", now or "", f"<ins>{html.escape(now or '')}</ins>"))
        elif now is None:
            rows.append(DiffRow(number, "removed", was, "", f"<del>{html.escape(was)}</del>"))
        elif was == now:
            rows.append(DiffRow(number, "same", was, now, html.escape(now)))
        else:
            rows.append(DiffRow(number, "changed", was, now, inline_diff(was, now)))
    return rows


def diff_texts(old: str, new: str) -> list[DiffRow]:
    return diff_clauses(split_clauses(old), split_clauses(new))
