"""Reusable validated field types for the API schemas (lengths, NUL bytes, codes, zones)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, Generic, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from executor_balancer.domain import ISO_639_1, normalise_tags, resolve_timezone


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL bytes")
    return value


def _language(value: str) -> str:
    code = value.strip().lower()
    if code not in ISO_639_1:
        raise ValueError(f"{value!r} is not an ISO 639-1 language code (such as 'ru' or 'en')")
    return code


def _timezone(value: str) -> str:
    resolve_timezone(value.strip())
    return value.strip()


def _aware(value: datetime) -> datetime:
    """A deadline without an offset is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def text(max_length: int, *, min_length: int = 0) -> Any:
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        AfterValidator(_no_nul),
    ]


Name = text(200, min_length=1)
Title = text(300, min_length=1)
Description = text(10_000)
Note = text(2_000)
Skill = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=64),
    AfterValidator(_no_nul),
]
SkillList = Annotated[list[Skill], Field(max_length=50), AfterValidator(normalise_tags)]
Language = Annotated[str, StringConstraints(max_length=8), AfterValidator(_language)]
LanguageList = Annotated[list[Language], Field(max_length=20), AfterValidator(normalise_tags)]
Timezone = Annotated[
    str, StringConstraints(min_length=1, max_length=64), AfterValidator(_no_nul),
    AfterValidator(_timezone),
]
AwareDatetime = Annotated[datetime, AfterValidator(_aware)]


class Input(BaseModel):
    """Base of request bodies: unknown fields are an error, so typos never pass silently.

    Read-only fields a client echoes back from a GET (listed in READ_ONLY) are ignored.
    """

    model_config = ConfigDict(extra="forbid")
    READ_ONLY: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _drop_read_only(cls, data: Any) -> Any:
        if isinstance(data, dict) and cls.READ_ONLY:
            return {k: v for k, v in data.items() if k not in cls.READ_ONLY}
        return data


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class PatchInput(Input):
    """Base of partial updates: a field sent as null is an error unless it is nullable."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _no_null_for_required(self) -> Self:
        for name in self.model_fields_set - self.NULLABLE:
            if getattr(self, name) is None:
                raise PydanticCustomError("null", "{field} may not be null", {"field": name})
        return self

    def changes(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)
