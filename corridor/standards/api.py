"""Standards, drafts, ballots, comments, patents and key brands over the REST API (/api/standards).

Rows come through the models' rules (`restrict`): what the caller may not see is a 404. The services decide
403, 409 and 422, exactly as on the pages.
"""


from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from corridor.accounts.api_auth import USER_REQUIRED, actor, signed_in
from corridor.alliances.models import Alliance
from corridor.audit.api import readable_history
from corridor.audit.schemas import ChangeRecordOut
from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import errors
from corridor.orgs.models import Organisation
from corridor.standards import brands, duties, services
from corridor.standards.clauses import diff_clauses
from corridor.standards.filters import BrandFilter, StandardFilter
from corridor.standards.models import Brand, Comment, Draft, PatentDeclaration, Standard
from corridor.standards.schemas import (
    BallotOut,
    BrandIn,
    BrandOut,
    CommentIn,
    CommentOut,
    DiffRowOut,
    DisposeIn,
    DraftDetailOut,
    DraftIn,
    DraftOut,
    NeedOut,
    PatentIn,
    PatentOut,
    PositionOut,
    ProposeIn,
    PublishIn,
    ReasonIn,
    StandardDetailOut,
    StandardOut,
    VoteIn,
    WindowIn,
)

router = Router(tags=["standards"])


def _standards(request: HttpRequest) -> Any:
    return Standard.objects.restrict(actor(request)).select_related("alliance", "proposing_org")


def _standard(request: HttpRequest, standard_id: int) -> Standard:
    return get_object_or_404(_standards(request), pk=standard_id)


def _alliance(slug: str) -> Alliance:
    found = Alliance.objects.filter(slug=slug).first()
    if found is None:
        raise ValidationError({"alliance": _("No alliance with this slug: %(slug)s") % {"slug": slug[:80]}})
    return found


def _own_org(request: HttpRequest, org_id: int, field: str) -> Organisation:
    found = Organisation.objects.restrict(actor(request)).filter(pk=org_id).first()
    if found is None:
        raise ValidationError({field: _("No organisation with this number: %(n)s") % {"n": org_id}})
    return found


@router.get("", response={200: list[StandardOut], **errors(422)}, summary="Standards the caller may see")
@paginate(LimitOffsetPagination)
def list_standards(request: HttpRequest, filters: Query[StandardFilter]) -> Any:
    return filters.apply(_standards(request))


@router.post("", response={201: StandardDetailOut, **errors(401, 403, 422)}, auth=USER_REQUIRED,
             summary="Propose a standard (a member organisation of the alliance)")
def propose(request: HttpRequest, payload: ProposeIn) -> Status:
    user = signed_in(request)
    data = payload.dict()
    alliance = _alliance(data.pop("alliance"))
    organisation = _own_org(request, data.pop("organisation"), "organisation")
    standard = services.propose(user, alliance, organisation, data)
    return Status(201, _standard(request, standard.pk))


@router.get("/needs", response={200: list[NeedOut], **errors(401)}, auth=USER_REQUIRED,
            summary="What needs the caller: standards waiting for something only they (their role) can do")
def needs(request: HttpRequest) -> Any:
    return duties.needs(signed_in(request))


@router.get("/brands", response={200: list[BrandOut], **errors(422)}, summary="Key brands recognised by alliances")
@paginate(LimitOffsetPagination)
def list_brands(request: HttpRequest, filters: Query[BrandFilter]) -> Any:
    return filters.apply(Brand.objects.restrict(actor(request)).select_related("holder", "alliance"))


@router.post("/brands", response={201: BrandOut, **errors(401, 403, 409, 422)}, auth=USER_REQUIRED,
             summary="Recognise a member's brand (the alliance's secretariat)")
def create_brand(request: HttpRequest, payload: BrandIn) -> Status:
    user = signed_in(request)
    data = payload.dict()
    alliance = _alliance(data.pop("alliance"))
    holder = _own_org(request, data.pop("holder"), "holder")
    return Status(201, brands.recognise_brand(user, alliance, holder, data))


@router.post("/comments/{int:comment_id}/disposition", response={200: CommentOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Record the disposition of a comment (the drafting group, after the window)")
def dispose(request: HttpRequest, comment_id: int, payload: DisposeIn) -> Comment:
    user = signed_in(request)
    comment = get_object_or_404(Comment.objects.restrict(user).select_related("draft", "organisation"), pk=comment_id)
    services.dispose(user, comment, payload.disposition, payload.response)
    return Comment.objects.select_related("draft", "organisation").get(pk=comment.pk)


@router.get("/{int:standard_id}", response={200: StandardDetailOut, **errors(404)}, summary="A standard")
def get_standard(request: HttpRequest, standard_id: int) -> Standard:
    return _standard(request, standard_id)


@router.get("/{int:standard_id}/history", response={200: list[ChangeRecordOut], **errors(401, 403, 404, 422)},
            auth=USER_REQUIRED, summary="Changes to a standard")
@paginate(LimitOffsetPagination)
def standard_history(request: HttpRequest, standard_id: int) -> Any:
    return readable_history(request, _standard(request, standard_id))


@router.post("/{int:standard_id}/transitions/{name}", response={200: StandardDetailOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Take a state change: submit, reject, start_review, skip_comment, skip_review, "
             "back_to_drafting, start_re_review, confirm, revise, withdraw")
def transition(request: HttpRequest, standard_id: int, name: str, payload: ReasonIn) -> Standard:
    user = signed_in(request)
    standard = _standard(request, standard_id)
    try:
        Standard.WORKFLOW.get(name)
    except KeyError:
        raise Http404 from None
    values = {"reason": payload.reason} if name in ("reject", "withdraw", "back_to_drafting", "revise") else {}
    services.take(user, standard, name, **values)
    return _standard(request, standard_id)


@router.post("/{int:standard_id}/votes", response={200: PositionOut, **errors(401, 403, 404, 422)}, auth=USER_REQUIRED,
             summary="Record or change your position on the open ballot (committee members)")
def vote(request: HttpRequest, standard_id: int, payload: VoteIn) -> Any:
    return services.cast(signed_in(request), _standard(request, standard_id), payload.value, payload.comment)


@router.post("/{int:standard_id}/ballot/close", response={200: BallotOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Close the open ballot and count it (the secretariat)")
def close_ballot(request: HttpRequest, standard_id: int) -> Any:
    return services.close_ballot(signed_in(request), _standard(request, standard_id))


def _drafts(request: HttpRequest, standard: Standard) -> Any:
    return Draft.objects.restrict(actor(request)).filter(standard=standard)


@router.get("/{int:standard_id}/drafts", response={200: list[DraftOut], **errors(404)},
            summary="Drafts the caller may read (the drafting group and committee; everyone the draft out for comment)")
def list_drafts(request: HttpRequest, standard_id: int) -> Any:
    return list(_drafts(request, _standard(request, standard_id)))


@router.post("/{int:standard_id}/drafts", response={201: DraftDetailOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Upload the next numbered draft (the drafting group)")
def create_draft(request: HttpRequest, standard_id: int, payload: DraftIn) -> Status:
    draft = services.upload_draft(signed_in(request), _standard(request, standard_id), payload.text,
                                  payload.change_summary_zh, payload.change_summary_en)
    return Status(201, draft)


@router.get("/{int:standard_id}/drafts/{int:number}", response={200: DraftDetailOut, **errors(404)}, summary="A draft and its clauses")
def get_draft(request: HttpRequest, standard_id: int, number: int) -> Draft:
    return get_object_or_404(_drafts(request, _standard(request, standard_id)), number=number)


@router.get("/{int:standard_id}/diff", response={200: list[DiffRowOut], **errors(404, 422)},
            summary="Clause-by-clause difference between drafts a and b")
def diff(request: HttpRequest, standard_id: int, a: int, b: int) -> Any:
    drafts = _drafts(request, _standard(request, standard_id))
    old, new = get_object_or_404(drafts, number=a), get_object_or_404(drafts, number=b)
    return diff_clauses(old.clauses(), new.clauses())


@router.post("/{int:standard_id}/comment-window", response={200: StandardDetailOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Put the latest draft out for public comment (the secretariat)")
def open_comment(request: HttpRequest, standard_id: int, payload: WindowIn) -> Standard:
    services.open_comment(signed_in(request), _standard(request, standard_id), payload.closes_on, payload.public)
    return _standard(request, standard_id)


@router.get("/{int:standard_id}/comments", response={200: list[CommentOut], **errors(401, 404)}, auth=USER_REQUIRED,
            summary="Comments the caller may read (their own; all of them for the drafting group, committee, secretariat)")
def list_comments(request: HttpRequest, standard_id: int) -> Any:
    user = signed_in(request)
    standard = _standard(request, standard_id)
    return list(Comment.objects.restrict(user).filter(standard=standard).select_related("draft", "organisation"))


@router.post("/{int:standard_id}/comments", response={201: CommentOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Comment on a clause of the draft out for comment, while the window is open")
def create_comment(request: HttpRequest, standard_id: int, payload: CommentIn) -> Status:
    comment = services.add_comment(signed_in(request), _standard(request, standard_id), payload.clause, payload.text,
                                   payload.proposal, payload.language)
    return Status(201, comment)


@router.post("/{int:standard_id}/publish", response={200: StandardDetailOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Number and publish an approved standard (the secretariat)")
def publish(request: HttpRequest, standard_id: int, payload: PublishIn) -> Standard:
    services.publish(signed_in(request), _standard(request, standard_id), payload.number)
    return _standard(request, standard_id)


@router.get("/{int:standard_id}/patents", response={200: list[PatentOut], **errors(404)}, summary="Patent disclosures")
def list_patents(request: HttpRequest, standard_id: int) -> Any:
    standard = _standard(request, standard_id)
    return list(PatentDeclaration.objects.restrict(actor(request)).filter(standard=standard).select_related("organisation"))


@router.post("/{int:standard_id}/patents", response={201: PatentOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Declare an essential patent of your organisation and its licensing terms")
def create_patent(request: HttpRequest, standard_id: int, payload: PatentIn) -> Status:
    user = signed_in(request)
    data = payload.dict()
    organisation = _own_org(request, data.pop("organisation"), "organisation")
    return Status(201, services.declare_patent(user, _standard(request, standard_id), organisation, data))


__all__ = ["router"]
