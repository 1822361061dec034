"""Organisations as the eligibility engine reads them: registry rows → `eligibility.load_org` profiles.

One query per source for any number of organisations (register fields, industries, chain segments,
alliances, certificates, eligibility profiles, instruments), so a page costs the same for one or a thousand.
Absent data is None (unknown), which the engine turns into "fill in …":
- industries and chain segments: an empty list means the register does not know them yet → unknown;
- alliances: the platform knows every membership → an empty list is known;
- certificates: known once the member declared them (or recorded any).

For a few organisations (a member's "policies for us") the seven queries are compiled by the ORM once per
process and number of ids (`_prepared`), then only executed: building them cost more than running them;
on PostgreSQL the seven go in one round trip (`together`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

from corridor.alliances.models import AllianceMembership
from corridor.chains.models import SegmentTag
from corridor.equipment.models import Instrument
from corridor.orgs.models import Organisation
from corridor.policies.eligibility import load_org
from corridor.policies.models import Certificate, EligibilityProfile

# Up to this many ids a query is kept compiled (one entry per source and count); more go through the ORM.
PREPARED_MAX_IDS = 8
# Stand-ins for the ids while compiling: far below any primary key, told apart from the other parameters.
_MARK = -(2**40)
_PREPARED: dict[tuple[str, str, int], tuple[str, list[Any], list[tuple[int, int]], dict[int, Any]]] = {}


def segment_name(chain_slug: str, key: str) -> str:
    """How a chain segment is named in rules: `industrial-robots.reducers`."""
    return f"{chain_slug}.{key}"


def _register(ids: list[int]) -> QuerySet[Any]:
    return Organisation.objects.filter(pk__in=ids).order_by().values_list(
        "pk", "kind", "region__code", "size_band", "is_head_enterprise", "founded_year")


def _industries(ids: list[int]) -> QuerySet[Any]:
    return Organisation.industries.through.objects.filter(organisation_id__in=ids).order_by().values_list(
        "organisation_id", "industry__slug")


def _segments(ids: list[int]) -> QuerySet[Any]:
    return (SegmentTag.objects.filter(organisation_id__in=ids, role=SegmentTag.Role.PRODUCES)
            .exclude(status=SegmentTag.Status.REJECTED).order_by()
            .values_list("organisation_id", "segment__chain__slug", "segment__key"))


def _alliances(ids: list[int]) -> QuerySet[Any]:
    return AllianceMembership.objects.filter(organisation_id__in=ids).order_by().values_list("organisation_id", "alliance__slug")


def _certificates(ids: list[int]) -> QuerySet[Any]:
    return Certificate.objects.filter(organisation_id__in=ids).order_by().values_list(
        "organisation_id", "kind", "valid_from", "valid_until")


def _profiles(ids: list[int]) -> QuerySet[Any]:
    return EligibilityProfile.objects.filter(organisation_id__in=ids).order_by().values_list(
        "organisation_id", "founded_on", "rnd_share", "revenue_band", "employees", "has_rnd_project", "certificates_declared")


def _instruments(ids: list[int]) -> QuerySet[Any]:
    # order_by(): the model's ordering would join the city and defeat DISTINCT
    return Instrument.objects.filter(owner_id__in=ids, active=True).order_by().values_list("owner_id").distinct()


Prepared = tuple[str, list[Any], dict[int, Any]]  # SQL, parameters, the ORM's converters by column


def _prepared(build: Callable[[list[int]], QuerySet[Any]], ids: list[int]) -> Prepared | None:
    """The SQL of `build(ids)` with its parameters, as the ORM would run it (None: too many ids to keep).

    For a few ids the SQL is compiled once with stand-in ids and kept; each call puts the real ids in their
    places. Same SQL, same rows; the ORM's compilation (most of a small query's cost) is paid once."""
    if len(ids) > PREPARED_MAX_IDS:
        return None
    connection = connections[DEFAULT_DB_ALIAS]
    key = (build.__name__, connection.vendor, len(ids))
    found = _PREPARED.get(key)
    if found is None:
        marks = [_MARK - i for i in range(len(ids))]
        compiler = build(marks).query.get_compiler(using=DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        slots = [(at, _MARK - p) for at, p in enumerate(params) if type(p) is int and _MARK - len(ids) < p <= _MARK]
        if sorted(k for _at, k in slots) != list(range(len(ids))):  # each id not exactly once: do not guess
            return None
        converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
        found = _PREPARED[key] = (sql, list(params), slots, converters)
    sql, template, slots, converters = found
    params = list(template)
    for at, k in slots:
        params[at] = ids[k]
    return sql, params, converters


def together(queries: list[Prepared]) -> list[list[tuple[Any, ...]]]:
    """The rows of each query. On PostgreSQL all in one round trip (one execute of the statements joined by ';',
    a result set each: psycopg's client-side binding, Django's default, allows it): a page's few small queries
    cost one wait on the server instead of one each, which is what a loaded machine makes slow."""
    connection = connections[DEFAULT_DB_ALIAS]
    one_trip = connection.vendor == "postgresql" and not connection.settings_dict.get("OPTIONS", {}).get("server_side_binding")
    out: list[list[tuple[Any, ...]]] = []
    with connection.cursor() as cursor:
        if one_trip:
            cursor.execute("; ".join(sql for sql, _p, _c in queries), [p for _s, params, _c in queries for p in params])
            for i in range(len(queries)):
                if i:
                    cursor.nextset()
                out.append(cursor.fetchall())
        else:
            for sql, params, _c in queries:
                cursor.execute(sql, params)
                out.append(cursor.fetchall())
    return [_convert(rows, converters, connection) for rows, (_s, _p, converters) in zip(out, queries, strict=True)]


def _convert(rows: list[tuple[Any, ...]], converters: dict[int, Any], connection: Any) -> list[tuple[Any, ...]]:
    """As the compiler's `apply_converters`, with this thread's connection (connections are per thread; the
    converters kept are the backend's and the fields' functions, which read no connection state)."""
    if not converters:
        return rows
    steps = list(converters.items())
    out = []
    for found_row in rows:
        row = list(found_row)
        for at, (convert, expression) in steps:
            value = row[at]
            for step in convert:
                value = step(value, expression, connection)
            row[at] = value
        out.append(tuple(row))
    return out


_SOURCES = (_register, _industries, _segments, _alliances, _certificates, _profiles, _instruments)


def _all_rows(ids: list[int], extra: Sequence[Prepared] = ()) -> tuple[list[list[tuple[Any, ...]]], list[list[tuple[Any, ...]]]]:
    """The rows of every source for these organisations (kept SQL in one round trip for a few, else the ORM),
    and the rows of `extra` queries sent in the same round trip."""
    prepared = [_prepared(build, ids) for build in _SOURCES]
    if all(p is not None for p in prepared):
        found = together([*extra, *(p for p in prepared if p is not None)])
        return found[len(extra):], found[:len(extra)]
    return [list(build(ids)) for build in _SOURCES], together(list(extra)) if extra else []


def profile_data(org_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The raw profile of each organisation (JSON-like, as `load_org` takes it)."""
    ids = list(dict.fromkeys(org_ids))
    return _assemble(_all_rows(ids)[0]) if ids else {}


def _assemble(sources: list[list[tuple[Any, ...]]]) -> dict[int, dict[str, Any]]:
    register, industry_rows, segment_rows, alliance_rows, certificate_rows, profile_rows, instrument_rows = sources
    data: dict[int, dict[str, Any]] = {}
    for pk, kind, region, size_band, is_head, founded_year in register:
        data[pk] = {
            "id": str(pk), "kind": kind or None, "region": region, "size_band": size_band or None,
            "is_head_enterprise": is_head, "founded_year": founded_year, "alliances": [], "industries": None,
            "chain_segments": None, "has_instrument": False,
        }
    industries: dict[int, list[str]] = defaultdict(list)
    for org_id, slug in industry_rows:
        industries[org_id].append(slug)
    segments: dict[int, list[str]] = defaultdict(list)
    for org_id, chain, key in segment_rows:
        segments[org_id].append(segment_name(chain, key))
    for org_id, slug in alliance_rows:
        if org_id in data:
            data[org_id]["alliances"].append(slug)
    certificates: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for org_id, kind, valid_from, valid_until in certificate_rows:
        certificates[org_id].append({"kind": kind, "valid_from": valid_from, "valid_until": valid_until})
    declared: set[int] = set()
    for org_id, founded_on, rnd_share, revenue_band, employees, has_rnd_project, is_declared in profile_rows:
        row = data.get(org_id)
        if row is None:
            continue
        row["founded_on"] = founded_on
        row["rnd_share"] = float(rnd_share) if rnd_share is not None else None
        row["revenue_band"] = revenue_band or None
        row["employees"] = employees
        row["has_rnd_project"] = has_rnd_project
        if is_declared:
            declared.add(org_id)
    for (org_id,) in instrument_rows:
        if org_id in data:
            data[org_id]["has_instrument"] = True
    for org_id, row in data.items():
        row["industries"] = industries.get(org_id) or None
        row["chain_segments"] = segments.get(org_id) or None
        if org_id in certificates or org_id in declared:
            row["certificates"] = certificates.get(org_id, [])
    return data


def profiles_in(scope: QuerySet[Any]) -> dict[int, dict[str, Any]]:
    """The engine's profiles of every organisation of `scope` (a queryset of organisations): the seven sources
    read with `scope` as a subquery, not a list of ids (100k ids would be 100k parameters each; SQLite refuses
    more than 32,766), each compiled once, its rows in bulk."""
    subquery = scope.order_by().values("pk")
    data = _assemble([list(build(subquery)) for build in _SOURCES])  # type: ignore[arg-type]
    return {org_id: load_org(row, f"organisation {org_id}") for org_id, row in data.items()}


def profiles(org_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The engine's normalised profiles (`load_org`), by organisation id."""
    return {org_id: load_org(row, f"organisation {org_id}") for org_id, row in profile_data(org_ids).items()}


def profile_with(org_id: int, extra: Sequence[Prepared]) -> tuple[dict[str, Any] | None, list[list[tuple[Any, ...]]]]:
    """One organisation's profile (None: no such organisation) and the rows of `extra` queries (from `prepare`),
    read together: on PostgreSQL, one round trip for all."""
    sources, extra_rows = _all_rows([org_id], extra)
    row = _assemble(sources).get(org_id)
    return (None if row is None else load_org(row, f"organisation {org_id}")), extra_rows


def prepare(build: Callable[[list[int]], QuerySet[Any]], ids: list[int]) -> Prepared:
    """A query to send with `profile_with`: `build(ids)`'s SQL, compiled once per process and number of ids
    (`build` is a named module-level function: its name keys the kept SQL)."""
    found = _prepared(build, ids)
    if found is None:
        compiler = build(ids).query.get_compiler(using=DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        found = sql, list(params), compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
    return found
