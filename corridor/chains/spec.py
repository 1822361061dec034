"""Chain templates as plain data: parse and validate the YAML files shipped in `data/`. No Django.

A template names its segments (with a stage, an optional parent and bilingual keywords) and the
supply edges between them (A supplies B, with an optional typical share of B's input cost).
For tagging (see inference.py) a segment may also have generic `hints_zh/en` and `role: uses` (its
organisations are the chain's customers); the chain may have `exclude_zh/en` (phrases that contain one
of its words but mean something else) and `against_zh/en` (words of other trades).
Validation names the segment or edge at fault, so a bad file is refused whole.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
STAGES = ("upstream", "midstream", "downstream")
ROLES = ("produces", "uses")  # what an organisation found on a segment does with the chain


class SpecError(ValueError):
    """A template that cannot be used: the message names the place."""


@dataclass(frozen=True)
class SegmentSpec:
    key: str
    name_zh: str
    name_en: str
    stage: str
    parent: str | None = None
    keywords_zh: tuple[str, ...] = ()
    keywords_en: tuple[str, ...] = ()
    # "uses": the segment is where the chain's products are used (robots in car plants); an organisation
    # found there is a customer of the chain, not part of it.
    role: str = "produces"
    hints_zh: tuple[str, ...] = ()  # generic words: weaker evidence than keywords
    hints_en: tuple[str, ...] = ()


@dataclass(frozen=True)
class EdgeSpec:
    source: str
    target: str
    share: float | None = None


@dataclass(frozen=True)
class ChainSpec:
    slug: str
    version: int
    name_zh: str
    name_en: str
    segments: tuple[SegmentSpec, ...]
    edges: tuple[EdgeSpec, ...]
    industry: str | None = None
    description_zh: str = ""
    description_en: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    exclude_zh: tuple[str, ...] = ()  # phrases containing a chain word that mean something else ("生物质")
    exclude_en: tuple[str, ...] = ()
    against_zh: tuple[str, ...] = ()  # words of other trades: evidence against the chain ("饲料")
    against_en: tuple[str, ...] = ()

    def segment(self, key: str) -> SegmentSpec:
        for s in self.segments:
            if s.key == key:
                return s
        raise KeyError(key)

    def as_data(self) -> dict[str, Any]:
        """The template as YAML-ready data (the same shape the files have)."""
        segments = []
        for s in self.segments:
            d: dict[str, Any] = {"key": s.key, "stage": s.stage, "name_zh": s.name_zh, "name_en": s.name_en}
            if s.parent:
                d["parent"] = s.parent
            if s.keywords_zh:
                d["keywords_zh"] = list(s.keywords_zh)
            if s.keywords_en:
                d["keywords_en"] = list(s.keywords_en)
            if s.role != "produces":
                d["role"] = s.role
            if s.hints_zh:
                d["hints_zh"] = list(s.hints_zh)
            if s.hints_en:
                d["hints_en"] = list(s.hints_en)
            segments.append(d)
        edges = []
        for e in self.edges:
            ed: dict[str, Any] = {"from": e.source, "to": e.target}
            if e.share is not None:
                ed["share"] = e.share
            edges.append(ed)
        out: dict[str, Any] = {
            "slug": self.slug, "version": self.version, "industry": self.industry, "name_zh": self.name_zh,
            "name_en": self.name_en, "description_zh": self.description_zh, "description_en": self.description_en,
            "segments": segments, "edges": edges,
        }
        for name in ("exclude_zh", "exclude_en", "against_zh", "against_en"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        return out


def _words(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise SpecError(f"{where}: keywords must be a list of words")
    words = [str(v).strip() for v in value]
    return tuple(dict.fromkeys(w for w in words if w))


def _text(data: dict[str, Any], name: str, where: str, *, required: bool = True) -> str:
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise SpecError(f"{where}: {name} is missing")
        return ""
    return str(value).strip()


def parse(data: Any, where: str = "template") -> ChainSpec:
    """Validate template data (from YAML or JSON) into a ChainSpec; SpecError names what is wrong."""
    if not isinstance(data, dict):
        raise SpecError(f"{where}: expected a mapping with slug, segments and edges")
    slug = _text(data, "slug", where)
    where = f"{where} ({slug})"
    try:
        version = int(data.get("version", 1))
    except (TypeError, ValueError):
        raise SpecError(f"{where}: version must be a whole number") from None
    segments: list[SegmentSpec] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("segments") or [], start=1):
        if not isinstance(raw, dict):
            raise SpecError(f"{where}: segment {i} is not a mapping")
        key = _text(raw, "key", f"{where} segment {i}")
        at = f"{where} segment {key}"
        if key in seen:
            raise SpecError(f"{at}: the key is used twice")
        seen.add(key)
        stage = _text(raw, "stage", at)
        if stage not in STAGES:
            raise SpecError(f"{at}: stage must be one of {', '.join(STAGES)}, not {stage!r}")
        parent = raw.get("parent") or None
        role = str(raw.get("role") or "produces").strip()
        if role not in ROLES:
            raise SpecError(f"{at}: role must be one of {', '.join(ROLES)}, not {role!r}")
        segments.append(SegmentSpec(
            key=key, name_zh=_text(raw, "name_zh", at), name_en=_text(raw, "name_en", at), stage=stage,
            parent=str(parent) if parent else None, keywords_zh=_words(raw.get("keywords_zh"), at),
            keywords_en=_words(raw.get("keywords_en"), at), role=role, hints_zh=_words(raw.get("hints_zh"), at),
            hints_en=_words(raw.get("hints_en"), at),
        ))
    if not segments:
        raise SpecError(f"{where}: a chain needs segments")
    for s in segments:
        if s.parent is not None:
            if s.parent not in seen:
                raise SpecError(f"{where} segment {s.key}: unknown parent {s.parent!r}")
            if s.parent == s.key:
                raise SpecError(f"{where} segment {s.key}: a segment cannot be its own parent")
    parents = {s.key: s.parent for s in segments}
    for s in segments:
        node, steps = s.parent, 0
        while node is not None:
            steps += 1
            if node == s.key or steps > len(segments):
                raise SpecError(f"{where} segment {s.key}: parents form a loop")
            node = parents[node]
    edges: list[EdgeSpec] = []
    pairs: set[tuple[str, str]] = set()
    for i, raw in enumerate(data.get("edges") or [], start=1):
        if not isinstance(raw, dict):
            raise SpecError(f"{where}: edge {i} is not a mapping")
        source, target = str(raw.get("from") or "").strip(), str(raw.get("to") or "").strip()
        at = f"{where} edge {i} ({source} → {target})"
        if source not in seen or target not in seen:
            raise SpecError(f"{at}: both ends must be segments of the chain")
        if source == target:
            raise SpecError(f"{at}: a segment cannot supply itself")
        if (source, target) in pairs:
            raise SpecError(f"{at}: the edge is listed twice")
        pairs.add((source, target))
        share = raw.get("share")
        if share is not None and share != "":
            try:
                share = float(share)
            except (TypeError, ValueError):
                raise SpecError(f"{at}: share must be a number between 0 and 1") from None
            if not 0 < share <= 1:
                raise SpecError(f"{at}: share must be more than 0 and at most 1")
        else:
            share = None
        edges.append(EdgeSpec(source, target, share))
    inputs: dict[str, float] = {}
    for e in edges:
        inputs[e.target] = inputs.get(e.target, 0.0) + (e.share or 0.0)
    for target, total in inputs.items():
        if total > 1.0 + 1e-9:
            raise SpecError(f"{where} segment {target}: the shares of its inputs add up to {total:.2f}, more than 1")
    return ChainSpec(
        slug=slug, version=version, name_zh=_text(data, "name_zh", where), name_en=_text(data, "name_en", where),
        segments=tuple(segments), edges=tuple(edges), industry=(str(data["industry"]) if data.get("industry") else None),
        description_zh=_text(data, "description_zh", where, required=False),
        description_en=_text(data, "description_en", where, required=False),
        exclude_zh=_words(data.get("exclude_zh"), where), exclude_en=_words(data.get("exclude_en"), where),
        against_zh=_words(data.get("against_zh"), where), against_en=_words(data.get("against_en"), where),
    )


def load_file(path: Path) -> ChainSpec:
    with open(path, encoding="utf-8") as handle:
        try:
            # libyaml's safe loader when the wheel has it: the shipped templates load ten times faster.
            data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            raise SpecError(f"{path.name}: not valid YAML ({exc})") from None
    return parse(data, path.name)


def shipped() -> list[ChainSpec]:
    """The templates shipped with the package, in file-name order."""
    return [load_file(p) for p in sorted(DATA_DIR.glob("*.yaml"))]


def dump(spec: ChainSpec) -> str:
    return yaml.safe_dump(spec.as_data(), allow_unicode=True, sort_keys=False)


__all__ = ["ROLES", "STAGES", "ChainSpec", "EdgeSpec", "SegmentSpec", "SpecError", "asdict", "dump", "load_file", "parse", "shipped"]
