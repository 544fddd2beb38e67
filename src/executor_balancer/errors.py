"""Domain errors carrying their HTTP status, and the handlers that render them as JSON."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class BalancerError(Exception):
    """Base of every expected failure; `status_code` is what the API answers."""

    status_code = 400

    def __init__(self, detail: str, *, reason: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.reason = reason


class NotFound(BalancerError):
    status_code = 404


class Conflict(BalancerError):
    """Duplicate data, an exhausted limit or an illegal state transition."""

    status_code = 409


class Invalid(BalancerError):
    status_code = 422


def _json_safe(error: dict[str, Any]) -> dict[str, Any]:
    """Echo the offending input only if it can be written back as JSON (NaN, lone surrogates)."""
    try:
        json.dumps(error, allow_nan=False, ensure_ascii=False).encode("utf-8")
        return error
    except (ValueError, UnicodeEncodeError):
        safe = {k: v for k, v in error.items() if k not in ("input", "ctx")}
        safe["input"] = repr(error.get("input"))[:200]
        return safe


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # A body that is not even text (bad UTF-8) is invalid input like any other: 422.
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):
            error = {"type": "json_invalid", "loc": ["body"],
                     "msg": "the body is not valid UTF-8 JSON"}
            return JSONResponse({"detail": [error]}, status_code=422)
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [_json_safe(e) for e in jsonable_encoder(exc.errors())]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(BalancerError)
    async def _balancer_error(_: Request, exc: BalancerError) -> JSONResponse:
        body: dict[str, str] = {"detail": exc.detail}
        if exc.reason:
            body["reason"] = exc.reason
        return JSONResponse(body, status_code=exc.status_code)

    @app.exception_handler(IntegrityError)
    async def _integrity_error(_: Request, exc: IntegrityError) -> JSONResponse:
        # A race lost at the database (e.g. two creates with one email): a conflict, not a crash.
        log.info("integrity error answered as 409: %s", exc.orig)
        return JSONResponse({"detail": "conflicts with existing data"}, status_code=409)
