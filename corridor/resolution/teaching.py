"""What the records and reviewers teach the resolver: brand aliases from bilingual names, shared credit
codes and confirmed pairs; confirmed pairs merge the records carrying those names, rejected pairs never merge."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from corridor.resolution.names import ParsedName, exact_key, parse
from corridor.resolution.records import Alias, Evidence, Prepared


def _name_keys(item: Prepared) -> set[str]:

    return {k for k in (exact_key(n) for n in (item.record.name, *item.record.other_names)) if k}


def taught_pairs(
    prepared: Sequence[Prepared], confirmed: Iterable[tuple[str, str]]
) -> list[tuple[int, int, Evidence]]:
    """Records carrying the two names of a confirmed pair are one organisation (a reviewer said so)."""

    wanted = [(exact_key(a), exact_key(b)) for a, b in confirmed]
    if not wanted:
        return []
    by_name: dict[str, list[int]] = {}
    for idx, item in enumerate(prepared):
        for key in _name_keys(item):
            by_name.setdefault(key, []).append(idx)
    out = []
    for a, b in wanted:
        for i in by_name.get(a, ())[:50]:
            for j in by_name.get(b, ())[:50]:
                if i != j:
                    out.append((min(i, j), max(i, j), Evidence(0.99, "confirmed")))
    return out


def drop_rejected(
    prepared: Sequence[Prepared], pairs: list[tuple[int, int, Evidence]], rejected: Iterable[tuple[str, str]]
) -> list[tuple[int, int, Evidence]]:
    """Pairs a reviewer said are two organisations never merge, whatever the evidence (a credit code aside)."""

    refused = {frozenset((exact_key(a), exact_key(b))) for a, b in rejected}
    if not refused:
        return pairs
    names: dict[int, set[str]] = {}

    def keys(i: int) -> set[str]:
        if i not in names:
            names[i] = _name_keys(prepared[i])
        return names[i]

    return [(i, j, ev) for i, j, ev in pairs
            if ev.reason == "uscc" or not any(frozenset((x, y)) in refused for x in keys(i) for y in keys(j))]


def learn_aliases(
    prepared: Sequence[Prepared], confirmed: Iterable[tuple[str, str]] = ()
) -> dict[str, Alias]:
    """Latin trade names that mean a Chinese trade name, from evidence that two names are one organisation."""
    found: dict[str, set[Alias]] = {}

    def learn(names: Iterable[ParsedName]) -> None:
        names = list(names)
        for zh in (p for p in names if p.script == "zh" and not p.key.startswith("#")):
            for la in (p for p in names if p.script == "latin" and not p.key.startswith("#")):
                if la.key != zh.key and len(la.key) >= 2:
                    found.setdefault(la.key, set()).add(Alias(zh.key, zh.trade, zh.concepts - la.concepts))

    by_uscc: dict[str, list[ParsedName]] = {}
    for item in prepared:
        if len({p.script for p in item.parses}) > 1:
            learn(item.parses)
        if item.uscc:
            by_uscc.setdefault(item.uscc, []).extend(item.parses)
    for names in by_uscc.values():
        if len({p.script for p in names}) > 1:
            learn(names)
    for a, b in confirmed:
        learn([*parse(a), *parse(b)])
    # A latin name learned for two different Chinese trade names is ambiguous: keep neither.
    return {key: next(iter(options)) for key, options in found.items() if len({o.key for o in options}) == 1}


def apply_aliases(prepared: Sequence[Prepared], aliases: dict[str, Alias]) -> None:
    if not aliases:
        return
    for item in prepared:
        extra = []
        for p in item.parses:
            alias = aliases.get(p.key) if p.script == "latin" else None
            if alias is not None:
                extra.append(ParsedName("alias", alias.trade, alias.key, p.concepts | alias.concepts, p.kind, p.place,
                                        p.exact))
        item.parses.extend(e for e in extra if e not in item.parses)
