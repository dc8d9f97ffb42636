"""The query parameters of the API, validated by its OpenAPI schema."""

import re
from datetime import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import BeforeValidator, Field, field_validator

from .schemas import Language


def _ascii_digits(value):
    # Pydantic would read " 8", "8\v" or Arabic-Indic digits as 8: an id or a
    # number in the address is ASCII digits only, as the OpenAPI document says.
    if isinstance(value, str) and not (value.isascii() and value.isdigit()):
        raise ValueError("not a whole number")
    return value


def number(low: int, high: int):
    """A whole number from ``low`` to ``high`` (ids stay within the database's
    integer, so a huge one is a 400, not an overflow)."""
    return Annotated[int, Field(ge=low, le=high), BeforeValidator(_ascii_digits)]


Id = number(1, 2_147_483_647)


class Paging(Schema):
    lang: Language | None = Field(
        None,
        description="One language only: plain `title`, `body`..., and only what "
        "is available in it. Without it, both languages side by side.",
    )
    limit: number(1, 100) = Field(20, description="Items per page (1–100).")
    cursor: str | None = Field(
        None,
        max_length=200,
        description="From `next` of the previous page; do not build it yourself.",
    )


class ReleaseFilters(Paging):
    kind: Literal["press_release", "news"] | None = Field(
        None, description="Press releases (to the media) or news (to everyone)."
    )
    area: Id | None = Field(None, description="Id of a specialisation area.")
    project: Id | None = Field(None, description="Id of a project.")
    year: number(1900, 2100) | None = Field(None, description="Publication year.")
    month: number(1, 12) | None = Field(
        None, description="Publication month (needs `year`)."
    )
    updated_since: datetime | None = Field(
        None,
        description="Only items published or changed at or after this time "
        "(ISO 8601, e.g. 2026-01-31T12:00:00+01:00).",
    )

    @field_validator("updated_since", mode="before")
    @classmethod
    def iso_only(cls, value):
        # Pydantic would also read "0.5" as seconds since 1970: only ISO 8601,
        # as documented.
        if isinstance(value, str) and not re.match(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError("not an ISO 8601 date")
        return value


class ProjectFilters(Paging):
    area: Id | None = Field(None, description="Id of a specialisation area.")
    status: Literal["planned", "ongoing", "finished"] | None = Field(
        None, description="As the dates say (see `status` of a project)."
    )
