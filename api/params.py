"""The query parameters of the API, validated by its OpenAPI schema."""

import re
from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field, field_validator

from .schemas import Language


class Paging(Schema):
    lang: Language | None = Field(
        None,
        description="One language only: plain `title`, `body`..., and only what "
        "is available in it. Without it, both languages side by side.",
    )
    limit: int = Field(20, ge=1, le=100, description="Items per page (1–100).")
    cursor: str | None = Field(
        None,
        max_length=200,
        description="From `next` of the previous page; do not build it yourself.",
    )


class ReleaseFilters(Paging):
    kind: Literal["press_release", "news"] | None = Field(
        None, description="Press releases (to the media) or news (to everyone)."
    )
    area: int | None = Field(None, ge=1, description="Id of a specialisation area.")
    project: int | None = Field(None, ge=1, description="Id of a project.")
    year: int | None = Field(None, ge=1900, le=2100, description="Publication year.")
    month: int | None = Field(
        None, ge=1, le=12, description="Publication month (needs `year`)."
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
    area: int | None = Field(None, ge=1, description="Id of a specialisation area.")
    status: Literal["planned", "ongoing", "finished"] | None = Field(
        None, description="As the dates say (see `status` of a project)."
    )
