"""Portable "JSON list contains a tag": JSONB containment on PostgreSQL, json_each on SQLite."""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, func, literal_column, select, type_coerce
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import InstrumentedAttribute


def has_tag(
    column: InstrumentedAttribute[list[str]], tag: str, dialect: str
) -> ColumnElement[bool]:
    if dialect == "postgresql":
        return type_coerce(column, JSONB).contains([tag])
    each = func.json_each(column).table_valued("value")
    return exists(select(literal_column("1")).select_from(each).where(each.c.value == tag))
