"""The filters of the chain pages and endpoints: a region given by its GB/T 2260 code.

A code that is not six digits is a bad value (a 422 naming the parameter on the API, a message on the
page); a well-formed code of no region is a missing region (404), as before.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from corridor.core.toolkit import BaseFilter

RegionCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{6}$")]


class MatrixFilter(BaseFilter):
    city: RegionCode | None = Field(
        None, description="A city's code: rows are its districts. Without it, rows are the corridor's member cities"
    )


class GapFilter(BaseFilter):
    region: RegionCode = Field(description="Code of a member city of the corridor")


class SegmentFilter(BaseFilter):
    city: RegionCode | None = Field(None, description="A city's code: only organisations inside it")
