"""The REST API: one NinjaAPI with a router per app. OpenAPI at /api/openapi.json, docs at /api/docs.

Authentication (corridor.accounts.api_auth.CorridorAuth) runs on every operation and never turns a
request away for lacking credentials: visitors read public data, and endpoints that need a user
answer 401 themselves (and so document 401). In the OpenAPI document an operation that declares no
401 of its own is one a visitor may call, so "no credentials" is listed among its alternatives.
"""

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.openapi.docs import _csrf_needed
from ninja.openapi.schema import OpenAPISchema

from corridor.accounts.api_auth import CorridorAuth
from corridor.core.api_errors import install_error_handlers

BEARER = CorridorAuth.__name__
SESSION = "session"


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }


class CorridorAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
        schemes[SESSION] = {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "The web pages' session; unsafe methods also need the X-CSRFToken header.",
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                security: list[dict[str, list[str]]] = [{BEARER: []}, {SESSION: []}]
                if not {401, "401"} & set(responses):
                    security.append({})
                    # Even a public endpoint refuses a token that is wrong rather than ignore it.
                    responses[401] = _error_response("The API token sent is invalid or revoked")
                if "requestBody" in operation:
                    responses.setdefault(400, _error_response("The body is not valid JSON"))
                operation["security"] = security
        return schema


class VendoredSwagger(Swagger):
    """Swagger UI from the vendored swagger-ui-dist under static/vendor: ninja's default loads it from a CDN."""

    template = "core/swagger.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)


api = CorridorAPI(
    title="Corridor API",
    version="1",
    description=(
        "Regions, organisations and alliances of an innovation corridor. Names come in Chinese and "
        "English (`name_zh`, `name_en`) and `name` follows Accept-Language. Lists take `limit` and "
        "`offset` and answer `{items, count}`. Errors answer `{detail, errors: {field: [messages]}}`."
    ),
    urls_namespace="api",
    docs_url="/docs",
    # validatorUrl None: the default would load a badge from the online validator, another host.
    docs=VendoredSwagger(settings={"validatorUrl": None}),
    auth=CorridorAuth(),
)
install_error_handlers(api)

from corridor.accounts.api import router as accounts_router  # noqa: E402
from corridor.alliances.api import router as alliances_router  # noqa: E402
from corridor.chains.api import router as chains_router  # noqa: E402
from corridor.channel.api import router as channel_router  # noqa: E402
from corridor.dashboards.api import router as dashboards_router  # noqa: E402
from corridor.equipment.api import router as equipment_router  # noqa: E402
from corridor.events.api import router as events_router  # noqa: E402
from corridor.imports.api import router as imports_router  # noqa: E402
from corridor.jobs.api import router as jobs_router  # noqa: E402
from corridor.matching.api import router as matching_router  # noqa: E402
from corridor.orgs.api import router as orgs_router  # noqa: E402
from corridor.policies.api import router as policies_router  # noqa: E402
from corridor.projects.api import router as projects_router  # noqa: E402
from corridor.regions.api import router as regions_router  # noqa: E402
from corridor.rnd.api import router as rnd_router  # noqa: E402
from corridor.standards.api import router as standards_router  # noqa: E402

api.add_router("/regions", regions_router)
api.add_router("/organisations", orgs_router)
api.add_router("/alliances", alliances_router)
api.add_router("/accounts", accounts_router)
api.add_router("/matching", matching_router)
api.add_router("/equipment", equipment_router)
api.add_router("/chains", chains_router)
api.add_router("/imports", imports_router)
api.add_router("/jobs", jobs_router)
api.add_router("/policies", policies_router)
api.add_router("/channel", channel_router)
api.add_router("/events", events_router)
api.add_router("/standards", standards_router)
api.add_router("/rnd", rnd_router)
api.add_router("/dashboards", dashboards_router)
api.add_router("/projects", projects_router)
