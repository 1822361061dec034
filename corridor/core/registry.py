"""The registry: what the kernel needs to know about a model to give it the shared pages.

Each app registers its models in its `AppConfig.ready()`:

    registry.register(Instrument, url=lambda i: reverse("equipment:detail", args=[i.pk]),
                      history=may("change"), search=("name_zh", "name_en", "search_text"))

- `url(obj)`: the object's page (history pages link back to it, search results link to it);
- rows: `Model.objects.restrict(user)` (`core.access`), so search never shows what the user may not see;
- `history(user, obj)`: who may read its history (the model's `AUDITED_FIELDS` are what is recorded);
- `title(obj)`: how it is named in lists (default `str`);
- `search`: the text fields the header's search box looks in (empty: not searched).

`find(Model, rows, q)` is the one search of a kind: the header box, the kind's list page and its list endpoint
all call it (each on rows already restricted to what the viewer may see), so they find the same objects.

The history page (`/history/<app>/<model>/<pk>/`) and the header search work for every registered
model with no code of their own; later areas plug in by registering theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

from corridor.core import access
from corridor.core.access import Actor

SEARCH_LIMIT = 10


@dataclass(frozen=True)
class Entry:
    model: type[models.Model]
    url: Callable[[Any], str | None]
    history: Callable[[Actor, Any], bool] | None = None
    title: Callable[[Any], str] = str
    search: tuple[str, ...] = ()
    # Narrows what search shows beyond `restrict` (e.g. only open listings, active instruments).
    searchable: Callable[[models.QuerySet[Any]], models.QuerySet[Any]] | None = None
    # A model's own ranked search (rows, query) -> rows, used instead of matching every word in `search`.
    finder: Callable[[models.QuerySet[Any], str], models.QuerySet[Any]] | None = None

    @property
    def label(self) -> str:
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"

    @property
    def audited(self) -> tuple[str, ...]:
        return tuple(getattr(self.model, "AUDITED_FIELDS", ()))

    def find(self, qs: models.QuerySet[Any], q: str) -> models.QuerySet[Any]:
        """`qs` narrowed to what `q` finds: the model's own finder, else every word in one of the `search` fields."""
        if self.finder is not None:
            return self.finder(qs, q)
        return match_words(qs, self.search, q)

    def rows(self, user: Actor) -> models.QuerySet[Any]:
        qs = self.model._default_manager.all()
        return qs.restrict(user) if isinstance(qs, access.RestrictedQuerySet) else qs


_entries: dict[str, Entry] = {}


def register(model: type[models.Model], **options: Any) -> Entry:
    entry = Entry(model=model, **options)
    _entries[entry.label] = entry
    return entry


def entry(model: type[models.Model] | models.Model) -> Entry | None:
    meta = model._meta
    return _entries.get(f"{meta.app_label}.{meta.model_name}")


def entries() -> list[Entry]:
    return list(_entries.values())


def get(app_label: str, model_name: str) -> Entry | None:
    return _entries.get(f"{app_label}.{model_name}")


def find(model: type[models.Model], qs: models.QuerySet[Any], q: str | None) -> models.QuerySet[Any]:
    """The search of `model`'s kind on `qs` (a list's rows, restricted by the caller): what the header box finds."""
    found = entry(model)
    if found is None or not (found.search or found.finder):
        raise LookupError(f"{model._meta.label} is not searchable in the registry")
    q = (q or "").strip()
    return found.find(qs, q) if q else qs


def match_words(qs: models.QuerySet[Any], fields: tuple[str, ...], q: str, lookup: str = "icontains") -> models.QuerySet[Any]:
    """Every word of `q` in one of `fields`, case folded, with English plurals folded ("robots" finds "robot",
    "industry" finds "industries") and traditional / full-width forms folded (機器人 finds 机器人)."""
    from corridor.search.text import word_variants

    for word in q.split():
        match = Q()
        for variant in word_variants(word):
            for name in fields:
                match |= Q(**{f"{name}__{lookup}": variant})
        qs = qs.filter(match)
    return qs


def may(action: str) -> Callable[[Actor, Any], bool]:
    """A history rule: those who may take `action` on the object (its queryset's rule)."""

    def rule(user: Actor, obj: Any) -> bool:
        return access.may(user, action, obj)

    return rule


def history_allowed(user: Actor, obj: models.Model) -> bool:
    """May `user` read the history of `obj`: admins always; visitors never; otherwise the model's rule."""
    found = entry(obj)
    if found is None or found.history is None or not found.audited:
        return False
    if access.is_admin(user):
        return True
    if not access.is_signed_in(user):
        return False
    return found.history(user, obj)


@dataclass
class Hit:
    entry: Entry
    obj: Any

    @property
    def title(self) -> str:
        return self.entry.title(self.obj)

    @property
    def url(self) -> str | None:
        return self.entry.url(self.obj)

    @property
    def kind(self) -> str:
        return str(self.entry.model._meta.verbose_name)


def search(user: Actor, q: str, limit: int = SEARCH_LIMIT) -> list[tuple[Entry, list[Hit]]]:
    """Every registered searchable model, each restricted to what `user` may see; all words must match."""
    words = q.split()
    found: list[tuple[Entry, list[Hit]]] = []
    if not words:
        return found
    for item in entries():
        if not item.search and item.finder is None:
            continue
        qs = item.rows(user)
        if item.searchable is not None:
            qs = item.searchable(qs)
        qs = item.find(qs, q)
        hits = [Hit(item, obj) for obj in qs[:limit]]
        if hits:
            found.append((item, hits))
    return found
