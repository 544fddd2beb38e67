"""UI strings in Russian and English: catalogue loading and language negotiation.

The language comes from the `lang` cookie (set by the visible switch), else from the
browser's Accept-Language, else English. Catalogues are flat JSON files, one per language,
so translators edit data, not code; a missing key falls back to English, then to the key.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "ru")
DEFAULT_LANGUAGE = "en"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
CATALOGUE_DIR = Path(__file__).parent / "i18n"

_RANGE = re.compile(r"^\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Prose only the server renders; scripts never need it, so it stays out of every page's data block.
JS_EXCLUDED = ("landing.", "guide.", "chart.", "counter.", "footer.")


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The strings of one language (read once per process)."""
    path = CATALOGUE_DIR / f"{lang}.json"
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


def translate(lang: str, key: str, **params: Any) -> str:
    """The string for `key` with `{name}` placeholders filled from `params`."""
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    if not params:
        return text
    return _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), text)


def from_accept_language(header: str | None) -> str | None:
    """The supported language the browser prefers most, or None when it names none of ours."""
    best: tuple[float, int, str] | None = None
    for position, part in enumerate((header or "").split(",")[:20]):
        match = _RANGE.match(part)
        if not match:
            continue
        code = match.group(1).lower()
        try:
            quality = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        if code in LANGUAGES and quality > 0:
            candidate = (-quality, position, code)
            best = candidate if best is None or candidate < best else best
    return best[2] if best else None


def choose_language(cookie: str | None, accept_language: str | None) -> str:
    """Cookie first (the user's explicit choice), then the browser, then English."""
    if cookie in LANGUAGES:
        return cookie
    return from_accept_language(accept_language) or DEFAULT_LANGUAGE


def js_strings(lang: str) -> dict[str, str]:
    """Strings the scripts need, passed in a JSON data block (never executed)."""
    fallback = catalogue(DEFAULT_LANGUAGE)
    own = catalogue(lang)
    return {key: own.get(key) or value for key, value in fallback.items()
            if not key.startswith(JS_EXCLUDED)}
