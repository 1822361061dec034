"""The REST API: one NinjaAPI with a router per app. OpenAPI at /api/openapi.json, docs at /api/docs."""

from ninja import NinjaAPI

from corridor.core.api_errors import install_error_handlers

api = NinjaAPI(
    title="Corridor API",
    version="1",
    description="Regions, organisations and alliances of an innovation corridor.",
    urls_namespace="api",
    docs_url="/docs",
)
install_error_handlers(api)

from corridor.accounts.api import router as accounts_router  # noqa: E402
from corridor.alliances.api import router as alliances_router  # noqa: E402
from corridor.orgs.api import router as orgs_router  # noqa: E402
from corridor.regions.api import router as regions_router  # noqa: E402

api.add_router("/regions", regions_router)
api.add_router("/organisations", orgs_router)
api.add_router("/alliances", alliances_router)
api.add_router("/accounts", accounts_router)
