"""Chains: templates, and the region × segment map as the caller may see it (matrix, LQ, gaps, sourcing)."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from corridor.accounts.api_auth import actor
from corridor.chains import reports
from corridor.chains.filters import GapFilter, MatrixFilter
from corridor.chains.models import Chain, SegmentTag
from corridor.chains.schemas import ChainDetail, ChainOut, GapOut, LQOut, MatrixCellOut, SourcingOut, TagOut
from corridor.core.schemas import errors
from corridor.orgs.models import Organisation
from corridor.regions.models import Region

router = Router(tags=["chains"])


def _chain(slug: str) -> Chain:
    return get_object_or_404(Chain, slug=slug)


def _region(code: str | None) -> Region | None:
    return get_object_or_404(Region, code=code) if code else None


@router.get("", response={200: list[ChainOut]}, summary="List chains")
def list_chains(request: HttpRequest) -> Any:
    return list(Chain.objects.all())


@router.get(
    "/organisations/{int:org_id}/tags", response={200: list[TagOut], **errors(404)},
    summary="The segments an organisation is on",
)
def organisation_tags(request: HttpRequest, org_id: int) -> Any:
    """Rejected tags are listed only to those who may edit the organisation."""
    user = actor(request)
    org = get_object_or_404(Organisation.objects.restrict(user), pk=org_id)
    tags = org.segment_tags.select_related("segment__chain").order_by("segment__chain__slug", "segment__position")
    if not Organisation.objects.restrict(user, "change").filter(pk=org.pk).exists():
        tags = tags.exclude(status=SegmentTag.Status.REJECTED)
    return [
        {"chain": t.segment.chain.slug, "segment": t.segment.key, "segment_name": t.segment.name, "role": t.role,
         "source": t.source, "status": t.status, "confidence": t.confidence}
        for t in tags
    ]


@router.get("/{slug}", response={200: ChainDetail, **errors(404)}, summary="A chain with its segments and edges")
def get_chain(request: HttpRequest, slug: str) -> dict[str, Any]:
    chain = _chain(slug)
    return {
        "slug": chain.slug, "name": chain.name, "name_zh": chain.name_zh, "name_en": chain.name_en,
        "version": chain.version, "description": chain.description,
        "segments": [
            {"key": s.key, "name": s.name, "name_zh": s.name_zh, "name_en": s.name_en, "stage": s.stage,
             "parent": s.parent.key if s.parent else None, "keywords_zh": s.keywords_zh, "keywords_en": s.keywords_en}
            for s in reports.active_segments(chain)
        ],
        "edges": [{"source": e.source, "target": e.target, "share": e.share} for e in reports.chain_edges(chain)],
    }


@router.get(
    "/{slug}/matrix", response={200: list[MatrixCellOut], **errors(404, 422)},
    summary="Organisations per region and segment",
)
def chain_matrix(request: HttpRequest, slug: str, query: Query[MatrixFilter]) -> Any:
    """Only organisations the caller may see are counted (listed ones, and unlisted ones they have a reason to see)."""
    return reports.matrix_rows(reports.chain_map(actor(request), _chain(slug), _region(query.city)))


@router.get(
    "/{slug}/lq", response={200: list[LQOut], **errors(404, 422)},
    summary="Location quotients and strong links per region and segment",
)
def chain_lq(request: HttpRequest, slug: str, query: Query[MatrixFilter]) -> Any:
    rows = reports.matrix_rows(reports.chain_map(actor(request), _chain(slug), _region(query.city)))
    return [{"region": r["region"], "segment": r["segment"], "lq": r["lq"], "level": r["level"]} for r in rows]


@router.get(
    "/{slug}/gaps", response={200: list[GapOut], **errors(404, 422)},
    summary="A city's gaps on the chain and where to find them",
)
def chain_gaps(request: HttpRequest, slug: str, query: Query[GapFilter]) -> Any:
    user, chain = actor(request), _chain(slug)
    city = get_object_or_404(Region, code=query.region)
    cmap = reports.chain_map(user, chain)
    return reports.gap_rows(cmap, reports.gaps_for(user, chain, city, cmap))


@router.get(
    "/{slug}/sourcing", response={200: list[SourcingOut], **errors(404)},
    summary="Local and corridor sourcing rates per member city",
)
def chain_sourcing(request: HttpRequest, slug: str) -> Any:
    return reports.sourcing_rows(reports.chain_map(actor(request), _chain(slug)))
