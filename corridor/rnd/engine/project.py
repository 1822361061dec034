"""A project as the overlap engine sees it, and what is read from it once (tokens, figures, objective)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corridor.matching.engine import lexicon, numbers, text
from corridor.rnd.engine import numerals, objective

LANGS = ("zh", "en")
LEXICONS = (lexicon.LEXICON, Path(__file__).parent / "data" / "lexicon.tsv")
"""Matching's bilingual vocabulary, then the R&D terms it lacks (objectives, processes, methods)."""


@dataclass(frozen=True)
class Project:
    """One R&D project. `text` is the body (objective, route, targets); `parameters` are stated targets
    ("backlash ≤ 1 arcmin"), `ipc` patent classes ("F16H 1/32"); all optional fields may be empty."""

    id: str
    org: str
    title: str
    text: str
    lang: str = ""
    segments: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    ipc: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        """Everything worth reading: title, text, keywords and parameters."""
        return "\n".join(p for p in (self.title, self.text, " ".join(self.keywords), "; ".join(self.parameters)) if p)

    @property
    def language(self) -> str:
        return self.lang if self.lang in LANGS else text.language(self.body)


@dataclass(frozen=True)
class Reading:
    """What the engine reads from a project's words, computed once per project (picklable: bulk
    readings run in worker processes)."""

    tokens: list[str]
    specific: list[str]
    concepts: list[str]
    figures: list[numbers.Figure]
    objective: str
    activities: frozenset[str]
    objective_concepts: frozenset[str]
    objective_words: frozenset[str]


def read(project: Project) -> Reading:
    body = project.body
    goal = objective.objective_text(project.title, project.text)
    return Reading(
        tokens=text.tokens(body),
        specific=text.specific_tokens(body),
        concepts=lexicon.concepts(body, LEXICONS),
        figures=[f for f in numbers.figures(numerals.digits(body)) if _telling(f)],  # "十分钟" states 10 too
        objective=goal,
        activities=objective.activities(goal),
        objective_concepts=frozenset(lexicon.concepts(goal, LEXICONS)),
        objective_words=frozenset(t for t in text.tokens(goal) if not t.replace(".", "").isdigit()),
    )


def read_many(projects: list[Project]) -> list[Reading]:
    return [read(p) for p in projects]


def _telling(figure: numbers.Figure) -> bool:
    # Years (2024, 2025-2027) and list numbering say nothing about a technical target.
    if figure.low == figure.high and float(figure.low).is_integer() and 1990 <= figure.low <= 2100:
        return False
    return True
