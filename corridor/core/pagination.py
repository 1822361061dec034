"""The API's limit/offset pagination with an upper bound on `offset`.

Without one, an offset above 2^63−1 reached the database and failed there (SQLite "datatype
mismatch", PostgreSQL "bigint out of range"): a 500 instead of a 422 naming the parameter.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination as NinjaLimitOffsetPagination

MAX_OFFSET = 2**63 - 1  # the largest offset both databases accept


class LimitOffsetPagination(NinjaLimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=ninja_settings.PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
